/** @file Media: the media edges of an IG user (feed, stories, tags, live), the media node, carousel children. */

import { err } from "../errors.js";
import { SUCCESS, listOf, nodeOf } from "../nodes.js";
import { parseBool, parseUnix } from "../params.js";
import { mediaList } from "../records.js";

/** NB: a story is on `/{ig-user-id}/stories` for 24 hours (IG User Stories: "stories … in the last 24 hours"). */
const STORY_MS = 24 * 3600000;

/** The stories still live at the sandbox clock's now. */
function liveStories(ctx, u) {
  const oldest = ctx.sb.opts.now() - STORY_MS;
  return mediaList(ctx.state, u.storyIds).filter((m) => Date.parse(m.timestamp.replace("+0000", "Z")) > oldest);
}

/** `since`/`until` on a media list. */
function timeFilter(ctx, items) {
  const since = parseUnix(ctx.params.since, "since");
  const until = parseUnix(ctx.params.until, "until");
  if (since === undefined && until === undefined) return items;
  return items.filter((m) => {
    const t = Date.parse(m.timestamp.replace("+0000", "Z")) / 1000;
    return (since === undefined || t >= since) && (until === undefined || t <= until);
  });
}

export const routes = {
  iguser: {
    "GET media": (ctx, u) => listOf(ctx, timeFilter(ctx, mediaList(ctx.state, u.mediaIds)), "IGMedia", ["id"]),
    "GET stories": (ctx, u) => listOf(ctx, liveStories(ctx, u), "IGMedia", ["id"]),
    "GET tags": (ctx, u) => listOf(ctx, mediaList(ctx.state, u.taggedIds), "IGMedia", ["id"]),
    "GET live_media": (ctx, u) => listOf(ctx, timeFilter(ctx, mediaList(ctx.state, u.liveIds)), "IGMedia", ["id"]),
  },
  media: {
    "GET ": (ctx, m) => nodeOf(ctx, "IGMedia", m, ["id"]),
    "POST ": (ctx, m) => {
      if (m.kind !== "feed") throw err.unsupported("POST", m.id);
      const enabled = parseBool(ctx.params.comment_enabled);
      if (enabled === undefined) throw err.required("comment_enabled");
      if (enabled === null) throw err.param("Param comment_enabled must be a boolean");
      m.is_comment_enabled = enabled;
      return SUCCESS();
    },
    "GET children": (ctx, m) =>
      listOf(ctx, m.media_type === "CAROUSEL_ALBUM" ? mediaList(ctx.state, m.childIds) : [], "IGMedia", ["id"]),
  },
};
