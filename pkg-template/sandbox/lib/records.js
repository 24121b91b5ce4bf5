/** @file Reading and changing records of the state: lists by id, counts, the session clock, new comments. */

import { IG_USER_ID } from "./constants.js";
import { formatTs, hash32 } from "./util.js";

/** Total comments (top level plus replies) of a media, as `comments_count` reports. */
export function commentsCount(state, m) {
  if (m.hashtagCommentsCount !== undefined) return m.hashtagCommentsCount;
  let n = 0;
  for (const id of m.commentIds) {
    const c = state.comments.get(id);
    if (c) n += 1 + c.replyIds.length;
  }
  return n;
}

export const mediaList = (state, ids) => ids.map((id) => state.media.get(id)).filter(Boolean);
export const commentList = (state, ids) => ids.map((id) => state.comments.get(id)).filter(Boolean);

/** Legacy-style numeric `ig_id` of a media. */
export const mediaIgId = (m) => `${String(hash32(m.id)).padStart(10, "0")}${m.id.slice(-9)}_${m.ownerId}`;

/** The timestamp (ms) of the next object created during the session: the clock's now, and always a second after the last one. */
export function nextClock(state) {
  state.counters.clock = Math.max(state.counters.clock + 1000, Math.floor(state._now() / 1000) * 1000);
  return state.counters.clock;
}

/** Add a comment by the own account: a reply when `parentId` is set, else the newest top-level comment. */
export function newComment(ctx, media, parentId, message) {
  const { state } = ctx;
  const own = state.igUsers.get(IG_USER_ID);
  const c = {
    id: state._alloc("179", 17),
    mediaId: media.id,
    parentId,
    text: String(message),
    username: own.username,
    fromId: own.id,
    timestamp: formatTs(nextClock(state)),
    like_count: 0,
    hidden: false,
    replyIds: [],
  };
  state.comments.set(c.id, c);
  if (parentId) state.comments.get(parentId).replyIds.push(c.id);
  else media.commentIds.unshift(c.id);
  return c;
}
