/**
 * @file The Instagram Login flavour (graph.instagram.com / api.instagram.com): what the sandbox
 * answers to an Instagram User token. Its OAuth endpoints (the code exchange, a form POST;
 * `ig_exchange_token`; `ig_refresh_token`), `GET /me` with `user_id` (the professional account's
 * id; `id` is app-scoped), webhook subscriptions on the account itself (`/me/subscribed_apps`),
 * and Meta's answers to what this flavour lacks (hashtags, business discovery, Pages, `debug_token`).
 *
 * A request is of this flavour when its token is an Instagram User token (any host: a loopback
 * sandbox has one host for both), or when it goes to api.instagram.com (the code exchange).
 *
 * Sources: instagram-platform/instagram-api-with-instagram-login/business-login (authorize, the
 * code exchange's `{ data: [{ access_token, user_id, permissions }] }`, `ig_exchange_token`),
 * reference/refresh_access_token (a long-lived token at least 24 hours old), overview (no
 * hashtag search, no Pages with Instagram Login). The wording of the refusals follows Meta's
 * generic Graph errors (100/33 "Unsupported get request", "(#100) Tried accessing nonexisting
 * field"): Meta documents no dedicated text for them.
 */

import { APP_ID, IG_USER_ID } from "./constants.js";
import { GraphError, err } from "./errors.js";
import { SUCCESS, nodeOf } from "./nodes.js";
import { parseList } from "./params.js";
import { routes as users } from "./routes/users.js";
import { INSTAGRAM_SCOPES, checkExpiry } from "./tokens.js";

/** The app-scoped `id` that `GET /me` gives next to `user_id`. */
export const INSTAGRAM_SCOPED_ID = "26543157901234567";
const LONG_LIVED_SECONDS = 5183944;

export const isInstagram = (ctx) => ctx.tokenInfo?.type === "INSTAGRAM";

/** api.instagram.com's error body (the code exchange answers in this form). */
function authError(message) {
  return { status: 400, json: { error_type: "OAuthException", code: 400, error_message: message }, headers: {} };
}

function issue(ctx, seconds, prefix) {
  const { state } = ctx;
  state.counters.issued += 1;
  const token = `${prefix}-${state.counters.issued}`;
  const now = Math.floor(ctx.sb.opts.now() / 1000);
  state.tokens.set(token, { type: "INSTAGRAM", userId: "", issuedAt: now, expiresAt: now + seconds, scopes: [...INSTAGRAM_SCOPES] });
  return token;
}

/**
 * The Instagram Login token endpoints, answered before any token check (their token is a
 * parameter); `null` for any other request.
 */
export function instagramOauth(ctx) {
  const [first, ...rest] = ctx.segments;
  const p = ctx.params;
  const host = ctx.origin ? new URL(ctx.origin).hostname : "";
  if (first === "oauth" && rest.join("/") === "access_token" && (p.grant_type === "authorization_code" || host === "api.instagram.com")) {
    if (ctx.method !== "POST") return authError("Invalid method: the code exchange is a POST with a form body");
    if (String(p.client_id ?? "") !== APP_ID) return authError("Invalid platform app");
    if (!p.client_secret || (ctx.sb.opts.appSecret && p.client_secret !== ctx.sb.opts.appSecret)) return authError("Error validating client secret.");
    if (p.grant_type !== "authorization_code") return authError("Invalid grant_type: authorization_code expected");
    if (!p.redirect_uri) return authError("Missing redirect_uri");
    const code = String(p.code ?? "");
    if (!code) return authError("Missing code");
    if (ctx.state.usedCodes.has(code) || /invalid|expired/i.test(code)) return authError("This authorization code has been used");
    ctx.state.usedCodes.add(code);
    const token = issue(ctx, 3600, "IGQVJsandbox-short");
    // Meta's answer wraps it in `data`, and `user_id` is a JSON number above 2^53: sent as its exact digits.
    const raw = `{"data":[{"access_token":${JSON.stringify(token)},"user_id":${IG_USER_ID},"permissions":${JSON.stringify(INSTAGRAM_SCOPES.join(","))}}]}`;
    return { status: 200, raw, headers: { "content-type": "application/json; charset=UTF-8" } };
  }
  if (rest.length || (first !== "access_token" && first !== "refresh_access_token")) return null;
  if (ctx.method !== "GET") throw err.unsupported(ctx.method, first);
  const info = p.access_token ? ctx.state.tokens.get(String(p.access_token)) : null;
  if (!info || info.type !== "INSTAGRAM") throw err.badToken();
  const now = Math.floor(ctx.sb.opts.now() / 1000);
  if (first === "access_token") {
    if (p.grant_type !== "ig_exchange_token") throw err.param("grant_type must be ig_exchange_token");
    if (!p.client_secret || (ctx.sb.opts.appSecret && p.client_secret !== ctx.sb.opts.appSecret)) throw new GraphError(1, "Error validating client secret.");
  } else {
    if (p.grant_type !== "ig_refresh_token") throw err.param("grant_type must be ig_refresh_token");
    if (now - info.issuedAt < 86400) throw err.param("The access token is too new to be refreshed: it must be at least 24 hours old");
  }
  checkExpiry(info, ctx.sb.opts.now());
  const token = issue(ctx, LONG_LIVED_SECONDS, "IGQVJsandbox-long");
  return { status: 200, json: { access_token: token, token_type: "bearer", expires_in: LONG_LIVED_SECONDS }, headers: {} };
}

/** Refuse, as Meta does, what Instagram Login lacks (an Instagram token, before routing). */
export function refuseInstagram(ctx) {
  const [first, edge = ""] = ctx.segments;
  if (first === "ig_hashtag_search" || first === "debug_token") throw err.unsupported(ctx.method, first);
  if (["recently_searched_hashtags", "top_media", "recent_media"].includes(edge)) throw err.unsupported(ctx.method, `${first}/${edge}`);
  if (edge === "accounts") throw err.nonexistingField("accounts", "User");
  // `/me/permissions` is a Facebook Login call: graph.facebook.com cannot parse an Instagram
  // token (190); graph.instagram.com has no such edge.
  if (edge === "permissions") {
    if (ctx.origin && new URL(ctx.origin).hostname === "graph.instagram.com") throw err.unsupported(ctx.method, `${first}/${edge}`);
    throw err.badToken();
  }
  if (/(^|[,{])\s*business_discovery\b/.test(String(ctx.params.fields ?? ""))) throw err.nonexistingField("business_discovery", "User");
}

/** The account's webhook subscription (`/me/subscribed_apps`), on its record. */
function subscriptions(u) {
  return u.subscribedFields ? [{ id: APP_ID, subscribed_fields: [...u.subscribedFields] }] : [];
}

const instagramOnly = (handler) => (ctx, u) => {
  if (!isInstagram(ctx)) throw err.unsupported(ctx.method, ctx.segments.join("/"));
  return handler(ctx, u);
};

export const routes = {
  iguser: {
    /** `GET /me` (or the account's id): with `me`, `id` is the app-scoped id (`user_id` is the account's). */
    "GET ": (ctx, u) => {
      const out = users.iguser["GET "](ctx, u);
      if (isInstagram(ctx) && ctx.segments[0] === "me" && out.id !== undefined) out.id = INSTAGRAM_SCOPED_ID;
      return out;
    },
    "GET subscribed_apps": instagramOnly((ctx, u) => ({ data: subscriptions(u) })),
    "POST subscribed_apps": instagramOnly((ctx, u) => {
      const fields = parseList(ctx.params.subscribed_fields);
      if (fields.length === 0) throw err.required("subscribed_fields");
      u.subscribedFields = [...new Set(fields)];
      return SUCCESS();
    }),
    "DELETE subscribed_apps": instagramOnly((ctx, u) => {
      u.subscribedFields = null;
      return SUCCESS();
    }),
  },
};
