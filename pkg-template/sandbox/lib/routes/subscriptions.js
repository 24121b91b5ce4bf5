/** @file Webhook subscriptions of a Page: `GET|POST|DELETE /{page-id}/subscribed_apps` (Page token only). */

import { APP_ID, APP_NAME } from "../constants.js";
import { GraphError, err } from "../errors.js";
import { SUCCESS } from "../nodes.js";
import { parseList } from "../params.js";

/** Calls on a Page's own edges need that Page's access token. */
export function requirePageToken(ctx, page) {
  if (ctx.tokenInfo.type !== "PAGE" || ctx.tokenInfo.pageId !== page.id) {
    throw new GraphError(210, "(#210) This call requires a Page access token.");
  }
}

export const routes = {
  page: {
    "GET subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      if (!p.subscribedFields) return { data: [] };
      return {
        data: [{ category: "Business", link: "https://sandbox-app.example/", name: APP_NAME, id: APP_ID, subscribed_fields: [...p.subscribedFields] }],
      };
    },
    "POST subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      const fields = parseList(ctx.params.subscribed_fields);
      if (fields.length === 0) throw err.required("subscribed_fields");
      fields.forEach((f, i) => {
        if (!/^[a-z_]+$/.test(f)) throw err.param(`Param subscribed_fields[${i}] must be a valid webhook field name`);
      });
      p.subscribedFields = [...new Set(fields)];
      return SUCCESS();
    },
    "DELETE subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      p.subscribedFields = null;
      return SUCCESS();
    },
  },
};
