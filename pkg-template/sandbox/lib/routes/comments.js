/** @file Comments: a media's comments, the comment node (hide, delete) and its replies. */

import { err } from "../errors.js";
import { SUCCESS, listOf, nodeOf } from "../nodes.js";
import { parseBool, requireMessage } from "../params.js";
import { commentList, newComment } from "../records.js";

export const routes = {
  media: {
    "GET comments": (ctx, m) => listOf(ctx, commentList(ctx.state, m.commentIds), "IGComment", ["timestamp", "text", "id"]),
    "POST comments": (ctx, m) => {
      if (m.kind !== "feed") throw err.unsupported("POST", `${m.id}/comments`);
      return { id: newComment(ctx, m, null, requireMessage(ctx)).id };
    },
  },
  comment: {
    "GET ": (ctx, c) => nodeOf(ctx, "IGComment", c, ["timestamp", "text", "id"]),
    "POST ": (ctx, c) => {
      const hide = parseBool(ctx.params.hide);
      if (hide === undefined) throw err.required("hide");
      if (hide === null) throw err.param("Param hide must be a boolean");
      c.hidden = hide;
      return SUCCESS();
    },
    "DELETE ": (ctx, c) => {
      const { state } = ctx;
      if (c.parentId) {
        const parent = state.comments.get(c.parentId);
        if (parent) parent.replyIds = parent.replyIds.filter((id) => id !== c.id);
      } else {
        const m = state.media.get(c.mediaId);
        if (m) m.commentIds = m.commentIds.filter((id) => id !== c.id);
        for (const r of c.replyIds) state.comments.delete(r);
      }
      state.comments.delete(c.id);
      return SUCCESS();
    },
    "GET replies": (ctx, c) =>
      listOf(ctx, c.parentId ? [] : commentList(ctx.state, c.replyIds), "IGComment", ["timestamp", "text", "id"]),
    "POST replies": (ctx, c) => {
      const message = requireMessage(ctx);
      const m = ctx.state.media.get(c.mediaId);
      return { id: newComment(ctx, m, c.parentId ?? c.id, message).id };
    },
  },
};
