/** @file Tokens: `/oauth/access_token` (code exchange, long-lived exchange, app token) and `/debug_token`. */

import { APP_ID, APP_NAME, USER_ID } from "../constants.js";
import { lookupToken } from "../auth.js";
import { GraphError, err } from "../errors.js";
import { SCOPES, debugData } from "../tokens.js";

/** `GET /debug_token?input_token`. */
export function debugToken(ctx) {
  if (ctx.method !== "GET") throw err.unsupported(ctx.method, "debug_token");
  const input = ctx.params.input_token;
  if (!input) throw err.required("input_token");
  const info = lookupToken(ctx, String(input));
  if (!info) {
    return {
      data: { error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" }, is_valid: false, scopes: [] },
    };
  }
  if (info.type === "APP") {
    return { data: { app_id: APP_ID, type: "APP", application: APP_NAME, is_valid: true, scopes: [] } };
  }
  const pageIds = [...ctx.state.pages.keys()];
  const igIds = [...ctx.state.pages.values()].map((p) => p.igUserId).filter(Boolean);
  const data = {
    app_id: APP_ID,
    type: info.type,
    application: APP_NAME,
    data_access_expires_at: info.issuedAt + 90 * 86400,
    expires_at: info.expiresAt,
    is_valid: true,
    issued_at: info.issuedAt,
  };
  if (info.type === "PAGE") data.profile_id = info.pageId;
  data.scopes = [...SCOPES];
  data.granular_scopes = SCOPES.map((scope) => {
    if (scope.startsWith("instagram_")) return { scope, target_ids: [...igIds] };
    if (scope.startsWith("pages_")) return { scope, target_ids: info.type === "PAGE" ? [info.pageId] : [...pageIds] };
    return { scope };
  });
  data.user_id = info.userId;
  return { data: debugData(info, data) };
}

/** `GET|POST /oauth/access_token`: code exchange, long-lived exchange, app token. */
export function oauthAccessToken(ctx) {
  const { state, sb } = ctx;
  const p = ctx.params;
  const checkClient = () => {
    if (!p.client_id) throw new GraphError(101, "Missing client_id parameter.");
    if (String(p.client_id) !== APP_ID) throw new GraphError(101, "Error validating application. Invalid application ID.");
    if (!p.client_secret) throw new GraphError(1, "Missing client_secret parameter.");
    if (sb.opts.appSecret && p.client_secret !== sb.opts.appSecret) throw new GraphError(1, "Error validating client secret.");
  };
  const issue = (prefix, userId) => {
    state.counters.issued += 1;
    const token = `${prefix}-${state.counters.issued}`;
    const now = Math.floor(sb.opts.now() / 1000);
    state.tokens.set(token, { type: "USER", userId, issuedAt: now, expiresAt: now + 5183944 });
    return { access_token: token, token_type: "bearer", expires_in: 5183944 };
  };
  if (p.grant_type === "fb_exchange_token") {
    checkClient();
    const short = p.fb_exchange_token;
    if (!short) throw err.required("fb_exchange_token");
    const info = state.tokens.get(String(short));
    if (!info || info.type !== "USER") throw err.badToken();
    return issue("sandbox-long-lived-token", info.userId);
  }
  if (p.grant_type === "client_credentials") {
    checkClient();
    return { access_token: `${APP_ID}|${p.client_secret}`, token_type: "bearer" };
  }
  checkClient();
  if (!p.redirect_uri) throw new GraphError(191, "Missing redirect_uri parameter.");
  if (!p.code) throw err.required("code");
  const code = String(p.code);
  if (state.usedCodes.has(code)) throw new GraphError(100, "This authorization code has been used.", { subcode: 36009 });
  if (/expired/i.test(code)) throw new GraphError(100, "This authorization code has expired.", { subcode: 36007 });
  if (/invalid/i.test(code)) throw new GraphError(100, "Invalid verification code format.", { subcode: 36008 });
  try {
    new URL(String(p.redirect_uri));
  } catch {
    throw new GraphError(
      100,
      "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      { subcode: 36008 },
    );
  }
  state.usedCodes.add(code);
  return issue("sandbox-user-token", USER_ID);
}
