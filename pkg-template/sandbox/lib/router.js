/**
 * @file Routing: the token and proof checks, usage counting, then the endpoint a request names:
 * `/oauth/access_token`, the batch, `/debug_token`, `/ig_hashtag_search`, the upload host, or a
 * node (`/{id}`, `/{id}/{edge}`: a Page, the IG account, a media, a comment, a conversation, a
 * message…) answered by the routes of its family (`./routes/*.js`).
 */

import { checkProof, extractToken, lookupToken } from "./auth.js";
import { runBatch } from "./batch.js";
import { IG_USER_ID } from "./constants.js";
import { GraphError, err } from "./errors.js";
import { DROP } from "./faults.js";
import { errorResult } from "./http.js";
import { routes as collaboration } from "./routes/collaboration.js";
import { routes as comments } from "./routes/comments.js";
import { routes as discovery } from "./routes/discovery.js";
import { hashtagSearch, routes as hashtags } from "./routes/hashtags.js";
import { routes as insights } from "./routes/insights.js";
import { routes as media } from "./routes/media.js";
import { routes as messaging } from "./routes/messaging.js";
import { debugToken, oauthAccessToken } from "./routes/oauth.js";
import { routes as productTags } from "./routes/product_tags.js";
import { routes as publishing } from "./routes/publishing.js";
import { routes as subscriptions } from "./routes/subscriptions.js";
import { routes as users } from "./routes/users.js";
import { INSTAGRAM_SCOPED_ID, instagramOauth, refuseInstagram, routes as instagram } from "./instagram-login.js";
import { checkExpiry, routes as tokens } from "./tokens.js";
import { handleUpload } from "./upload.js";
import { countUsage } from "./usage.js";

/** Route table: node type → "METHOD edge" → handler(ctx, rec), from every family's routes. */
const ROUTES = {};
for (const family of [users, subscriptions, media, comments, insights, hashtags, discovery, publishing, messaging, collaboration, productTags, tokens, instagram]) {
  for (const [type, table] of Object.entries(family)) ROUTES[type] = { ...ROUTES[type], ...table };
}

/** Find the node a path segment names. */
function resolveNode(ctx, id) {
  const { state } = ctx;
  if (ctx.tokenInfo?.type === "INSTAGRAM" && (id === "me" || id === INSTAGRAM_SCOPED_ID)) return { type: "iguser", rec: state.igUsers.get(IG_USER_ID) };
  if (id === "me") {
    if (ctx.tokenInfo?.type === "PAGE") return { type: "page", rec: state.pages.get(ctx.tokenInfo.pageId) };
    return { type: "user", rec: state.user };
  }
  if (id === state.user.id) return { type: "user", rec: state.user };
  if (state.pages.has(id)) return { type: "page", rec: state.pages.get(id) };
  const u = state.igUsers.get(id);
  if (u && u.own) return { type: "iguser", rec: u };
  const m = state.media.get(id);
  if (m && m.kind !== "discovery" && m.kind !== "hashtag") return { type: "media", rec: m };
  if (state.comments.has(id)) return { type: "comment", rec: state.comments.get(id) };
  if (state.hashtags.has(id)) return { type: "hashtag", rec: state.hashtags.get(id) };
  if (state.containers.has(id)) return { type: "container", rec: state.containers.get(id) };
  if (state.conversations.has(id)) return { type: "conversation", rec: state.conversations.get(id) };
  if (state.messages.has(id)) return { type: "message", rec: state.messages.get(id) };
  return null;
}

/** The IG account whose Business Use Case budget a node's calls draw on. */
function bucOwnerOf(ctx, node) {
  if (!node) return null;
  switch (node.type) {
    case "iguser":
      return node.rec.id;
    case "container":
      return node.rec.igUserId;
    case "media":
      return node.rec.kind === "tagged" ? IG_USER_ID : node.rec.ownerId;
    case "comment": {
      const m = ctx.state.media.get(node.rec.mediaId);
      return m && m.kind !== "tagged" ? m.ownerId : IG_USER_ID;
    }
    default:
      return null;
  }
}


/**
 * Run one API request (HTTP or batch item) that passed the fault stage.
 * @returns {Promise<{status:number, json?:any, raw?:string|Uint8Array, headers:Record<string,string>}>}
 */
async function processRequest(ctx) {
  if (ctx.uploadContainerId !== undefined) return handleUpload(ctx);
  const seg = ctx.segments;
  const instagramAuth = instagramOauth(ctx);
  if (instagramAuth) return instagramAuth;
  if (seg[0] === "oauth" && seg[1] === "access_token" && seg.length === 2) {
    if (ctx.method !== "GET" && ctx.method !== "POST") throw err.unsupported(ctx.method, "oauth/access_token");
    return ok(oauthAccessToken(ctx));
  }

  const token = extractToken(ctx);
  if (!token) throw err.noToken();
  const info = lookupToken(ctx, token);
  if (!info) throw err.badToken();
  ctx.token = token;
  ctx.tokenInfo = info;
  checkExpiry(info, ctx.sb.opts.now());
  await checkProof(ctx);
  if (info.type === "INSTAGRAM") refuseInstagram(ctx);

  if (seg.length === 0) {
    if (ctx.method === "POST" && !ctx.inBatch) return ok(await runBatch(ctx, runSafely));
    if (ctx.method === "POST") throw err.param("Batch requests cannot be nested");
    throw err.unsupported(ctx.method, "");
  }
  if (info.type === "APP" && seg[0] !== "debug_token") {
    if (seg[0] === "me") throw err.noToken();
    throw new GraphError(10, "(#10) Application does not have permission for this action");
  }
  if (seg.length > 2) {
    countUsage(ctx);
    throw err.unsupported(ctx.method, seg.join("/"));
  }

  const [first, edgeName = ""] = seg;
  if (first === "debug_token" && !edgeName) {
    countUsage(ctx);
    return ok(debugToken(ctx));
  }
  if (first === "ig_hashtag_search" && !edgeName) {
    countUsage(ctx);
    return ok(hashtagSearch(ctx));
  }
  const node = resolveNode(ctx, first);
  ctx.bucUser = bucOwnerOf(ctx, node);
  countUsage(ctx);
  if (!node) throw err.unsupported(ctx.method, first);
  const handler = ROUTES[node.type][`${ctx.method} ${edgeName}`];
  if (!handler) throw err.unsupported(ctx.method, edgeName ? `${first}/${edgeName}` : first);
  return ok(await handler(ctx, node.rec));
}

const ok = (json) => ({ status: 200, json, headers: {} });

/** Run a request (or batch item); an error becomes Meta's error response, a `drop` fault stays a rejection. */
export async function runSafely(ctx) {
  try {
    return await processRequest(ctx);
  } catch (e) {
    if (e?.[DROP]) throw e;
    return errorResult(e, ctx);
  }
}
