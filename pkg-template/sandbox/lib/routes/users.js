/** @file The Facebook user (`/me`, `/me/accounts`), Pages and the IG user node. */

import { listOf, nodeOf } from "../nodes.js";

export const routes = {
  user: {
    "GET ": (ctx, u) => nodeOf(ctx, "User", u, ["name", "id"]),
    "GET accounts": (ctx) =>
      listOf(ctx, [...ctx.state.pages.values()], "Page", ["access_token", "category", "category_list", "name", "id", "tasks"]),
  },
  page: {
    "GET ": (ctx, p) => nodeOf(ctx, "Page", p, ["name", "id"]),
  },
  iguser: {
    "GET ": (ctx, u) => nodeOf(ctx, "IGUser", u, ["id"]),
  },
};
