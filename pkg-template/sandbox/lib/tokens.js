/**
 * @file Tokens of every kind, and what a token says about itself: the well-known tokens of the
 * sandbox world (a system user, an expired token, another app's token, a user with fewer tasks
 * and permissions, an Instagram Login token), the expiry check, `/me/permissions` (granted,
 * declined, expired) and `/me/accounts` with the tasks of the token's user.
 *
 * Facebook Login shapes: graph-api/reference/user/permissions (`{ permission, status }`),
 * graph-api/reference/user/accounts (`tasks`), graph-api/guides/error-handling (190 / 463 "Session
 * has expired"). A Page token reading a User edge gets "(#100) Tried accessing nonexisting field".
 */

import { GraphError, err } from "./errors.js";
import { listOf } from "./nodes.js";
import { OTHER_PAGE_ID, PAGE_ID, USER_ID } from "./constants.js";

/**
 * Every permission the default user token holds: what every method needs with Facebook Login (a
 * developer trying the whole surface; `diagnose()` finds nothing missing). The tokens below are
 * the problem cases.
 */
export const SCOPES = Object.freeze([
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_comments",
  "instagram_manage_insights",
  "instagram_manage_messages",
  "instagram_shopping_tag_products",
  "pages_show_list",
  "pages_read_engagement",
  "pages_manage_metadata",
  "pages_messaging",
  "catalog_management",
  "ads_read",
  "business_management",
]);

/** What an Instagram Login token holds. */
export const INSTAGRAM_SCOPES = Object.freeze([
  "instagram_business_basic",
  "instagram_business_content_publish",
  "instagram_business_manage_comments",
  "instagram_business_manage_insights",
  "instagram_business_manage_messages",
]);

export const SYSTEM_USER_TOKEN = "sandbox-system-user-token";
export const EXPIRED_TOKEN = "sandbox-expired-token";
export const OTHER_APP_TOKEN = "sandbox-other-app-token";
export const OTHER_APP_ID = "990602627938098";
export const LIMITED_TOKEN = "sandbox-limited-token";

/**
 * Add the well-known tokens to a freshly generated state (`reset()`): each kind `debug_token`
 * tells apart, and the user whose grants and tasks fall short (`diagnose` finds each problem).
 */
export function addTokens(state, opts, nowSec) {
  const user = (extra) => ({ type: "USER", userId: USER_ID, issuedAt: nowSec - 3600, expiresAt: nowSec + 60 * 86400, ...extra });
  state.tokens.set(SYSTEM_USER_TOKEN, { type: "SYSTEM_USER", userId: "100093000000001", issuedAt: nowSec - 86400, expiresAt: 0 });
  // NB: marked, not computed from the clock: a Worker's clock reads 0 while the sandbox is made at start-up.
  state.tokens.set(EXPIRED_TOKEN, user({ issuedAt: nowSec - 61 * 86400, expiresAt: nowSec - 86400, expired: true }));
  state.tokens.set(OTHER_APP_TOKEN, user({ appId: OTHER_APP_ID }));
  state.tokens.set(
    LIMITED_TOKEN,
    user({
      scopes: ["instagram_basic", "pages_show_list", "pages_read_engagement", "instagram_manage_comments"],
      declined: ["instagram_content_publish"],
      expiredScopes: ["instagram_manage_insights"],
      pageTasks: { [PAGE_ID]: ["ANALYZE"], [OTHER_PAGE_ID]: ["ANALYZE", "CREATE_CONTENT", "MODERATE"] },
    }),
  );
  for (const t of opts.instagramAccessTokens) {
    // Instagram Login tokens are long-lived (60 days) and two days old: old enough to refresh.
    state.tokens.set(t, { type: "INSTAGRAM", userId: "", issuedAt: nowSec - 2 * 86400, expiresAt: nowSec + 58 * 86400, scopes: [...INSTAGRAM_SCOPES] });
  }
}

/** The well-known tokens, for `sandbox.ids`. */
export function tokenIds(opts) {
  return {
    instagramAccessToken: opts.instagramAccessTokens[0] ?? null,
    systemUserToken: SYSTEM_USER_TOKEN,
    expiredToken: EXPIRED_TOKEN,
    otherAppToken: OTHER_APP_TOKEN,
    otherAppId: OTHER_APP_ID,
    limitedToken: LIMITED_TOKEN,
  };
}

/** An expired token answers every call with 190/463, as Meta does. */
export function checkExpiry(info, nowMs) {
  const now = Math.floor(nowMs / 1000);
  if (info.expired) {
    const when = new Date(info.expiresAt * 1000).toUTCString();
    throw new GraphError(190, `Error validating access token: Session has expired on ${when}. The current time is ${new Date(now * 1000).toUTCString()}.`, {
      subcode: 463,
    });
  }
}

/** `debug_token`'s `data` for a known token's record (every kind), or `null` when it is not this sandbox's answer to give. */
export function debugData(info, base) {
  if (info.type === "INSTAGRAM") {
    // graph.facebook.com cannot read Instagram Login tokens.
    return { error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" }, is_valid: false, scopes: [] };
  }
  const data = { ...base };
  if (info.appId) data.app_id = info.appId;
  if (info.scopes) {
    data.scopes = [...info.scopes];
    data.granular_scopes = data.granular_scopes.filter((g) => info.scopes.includes(g.scope));
  }
  if (info.expired) {
    data.is_valid = false;
    data.error = { code: 190, message: "Error validating access token: Session has expired.", subcode: 463 };
  }
  return data;
}

export const routes = {
  user: {
    /** `GET /me/permissions`: `{ data: [{ permission, status }] }`. */
    "GET permissions": (ctx) => {
      const info = ctx.tokenInfo;
      const granted = info.scopes ?? SCOPES;
      const data = [
        ...granted.map((permission) => ({ permission, status: "granted" })),
        ...(info.declined ?? []).map((permission) => ({ permission, status: "declined" })),
        ...(info.expiredScopes ?? []).map((permission) => ({ permission, status: "expired" })),
      ];
      return { data };
    },
    /** `GET /me/accounts`: the Pages, with the tasks of this token's user. */
    "GET accounts": (ctx) => {
      const tasks = ctx.tokenInfo.pageTasks;
      const pages = [...ctx.state.pages.values()].map((p) => (tasks?.[p.id] ? { ...p, tasks: tasks[p.id] } : p));
      return listOf(ctx, pages, "Page", ["access_token", "category", "category_list", "name", "id", "tasks"]);
    },
  },
  page: {
    "GET permissions": () => {
      throw err.nonexistingField("permissions", "Page");
    },
    "GET accounts": () => {
      throw err.nonexistingField("accounts", "Page");
    },
  },
};
