/**
 * @file What the account sees of others: `business_discovery.username(…)` and the
 * `mentioned_media`/`mentioned_comment` fields of an IG user (the lookups behind them; `../nodes.js`
 * renders the result), and `POST /{ig-user-id}/mentions` (replying to a mention).
 */

import { GraphError, err } from "../errors.js";
import { requireMessage } from "../params.js";
import { newComment } from "../records.js";

/** The account `business_discovery.username(x)` names; private and unknown ones are error 110/2207013. */
export function businessDiscoveryTarget(u, ctx, f) {
  const username = f.mods.username;
  if (!username) throw err.required("username");
  const target = [...ctx.state.igUsers.values()].find((x) => x.username.toLowerCase() === username.toLowerCase());
  if (!target || target.isPrivate) {
    throw new GraphError(110, "Invalid user id", {
      subcode: 2207013,
      isTransient: false,
      userTitle: "Cannot find User",
      userMsg: `The user with username: ${username} cannot be found.`,
    });
  }
  // The own account seen through business discovery exposes the same public fields.
  return target;
}

/** `mentioned_media.media_id(x)`: a media whose caption mentions the account. */
export function mentionedMedia(u, ctx, f) {
  const id = f.mods.media_id;
  if (!id) throw err.required("media_id");
  const m = ctx.state.media.get(id);
  if (!m || !(m.caption ?? "").includes(`@${u.username}`)) throw err.unsupported("GET", id);
  return m;
}

/** `mentioned_comment.comment_id(x)`: a comment that mentions the account. */
export function mentionedComment(u, ctx, f) {
  const id = f.mods.comment_id;
  if (!id) throw err.required("comment_id");
  const c = ctx.state.comments.get(id);
  if (!c || !c.text.includes(`@${u.username}`)) throw err.unsupported("GET", id);
  return c;
}

export const routes = {
  iguser: {
    "POST mentions": (ctx, u) => {
      const mediaId = ctx.params.media_id;
      if (!mediaId) throw err.required("media_id");
      const message = requireMessage(ctx);
      const m = ctx.state.media.get(String(mediaId));
      if (!m || m.kind === "discovery" || m.kind === "hashtag") throw err.unsupported("POST", mediaId);
      const commentId = ctx.params.comment_id;
      if (commentId) {
        const c = ctx.state.comments.get(String(commentId));
        if (!c || c.mediaId !== m.id || !c.text.includes(`@${u.username}`)) throw err.unsupported("POST", commentId);
        return { id: newComment(ctx, m, c.parentId ?? c.id, message).id };
      }
      if (!(m.caption ?? "").includes(`@${u.username}`)) {
        throw err.param(`The media ${m.id} does not mention @${u.username}`);
      }
      return { id: newComment(ctx, m, null, message).id };
    },
  },
};
