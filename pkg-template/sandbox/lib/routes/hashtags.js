/** @file Hashtags: `ig_hashtag_search`, the hashtag node, its top and recent media, recently searched hashtags. */

import { ensureHashtagMedia } from "../data/generate.js";
import { err } from "../errors.js";
import { listOf, nodeOf } from "../nodes.js";
import { mediaList } from "../records.js";

function requireOwnIgUser(ctx, name) {
  const id = ctx.params[name];
  if (!id) throw err.required(name);
  const u = ctx.state.igUsers.get(String(id));
  if (!u || !u.own) throw err.unsupported("GET", id);
  return u;
}

function hashtagMedia(ctx, h, which) {
  requireOwnIgUser(ctx, "user_id");
  ensureHashtagMedia(ctx.state, h, ctx.sb.opts.seed);
  const ids = which === "top" ? h.topMediaIds : h.recentMediaIds;
  return listOf(ctx, mediaList(ctx.state, ids), "HashtagMedia", ["id"], { maxLimit: 50, afterOnly: true });
}

/** `GET /ig_hashtag_search?user_id&q`. */
export function hashtagSearch(ctx) {
  if (ctx.method !== "GET") throw err.unsupported(ctx.method, "ig_hashtag_search");
  const u = requireOwnIgUser(ctx, "user_id");
  const q = ctx.params.q;
  if (q === undefined || String(q).trim() === "") throw err.required("q");
  const name = String(q).trim().replace(/^#/, "").toLowerCase();
  const tag = [...ctx.state.hashtags.values()].find((h) => h.name === name);
  if (!tag) return { data: [] };
  u.recentlySearchedHashtagIds = [tag.id, ...u.recentlySearchedHashtagIds.filter((id) => id !== tag.id)];
  return { data: [{ id: tag.id }] };
}

export const routes = {
  iguser: {
    "GET recently_searched_hashtags": (ctx, u) =>
      listOf(ctx, u.recentlySearchedHashtagIds.map((id) => ctx.state.hashtags.get(id)), "IGHashtag", ["id", "name"]),
  },
  hashtag: {
    "GET ": (ctx, h) => nodeOf(ctx, "IGHashtag", h, ["id", "name"]),
    "GET top_media": (ctx, h) => hashtagMedia(ctx, h, "top"),
    "GET recent_media": (ctx, h) => hashtagMedia(ctx, h, "recent"),
  },
};
