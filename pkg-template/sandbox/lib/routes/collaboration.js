/**
 * @file Collaborators (Facebook Login): `GET /{ig-media-id}/collaborators` and the account's
 * collaboration invites, `GET|POST /{ig-user-id}/collaboration_invites` (`media_id`, `accept`).
 */

import { err } from "../errors.js";
import { SUCCESS, defineSchemas, listOf, prop } from "../nodes.js";
import { parseBool } from "../params.js";

defineSchemas({
  IGCollaborator: { type: "IGCollaborator", fields: { id: prop("id"), username: prop("username"), invite_status: prop("invite_status") } },
  IGCollaborationInvite: {
    type: "IGCollaborationInvite",
    fields: { media_id: prop("media_id"), media_owner_username: prop("media_owner_username"), caption: prop("caption"), media_url: prop("media_url") },
  },
});

export const routes = {
  media: {
    "GET collaborators": (ctx, m) => {
      if (m.kind !== "feed") throw err.unsupported("GET", `${m.id}/collaborators`);
      return listOf(ctx, ctx.state.collaborators.get(m.id) ?? [], "IGCollaborator", ["id", "username", "invite_status"]);
    },
  },
  iguser: {
    "GET collaboration_invites": (ctx) => {
      const pending = [...ctx.state.collaborationInvites.values()].filter((i) => i.status === "pending");
      return listOf(ctx, pending.map((i) => ({ ...i, id: i.media_id })), "IGCollaborationInvite", ["media_id", "media_owner_username", "caption", "media_url"]);
    },
    "POST collaboration_invites": (ctx) => {
      const mediaId = ctx.params.media_id;
      if (mediaId === undefined || mediaId === "") throw err.required("media_id");
      const accept = parseBool(ctx.params.accept);
      if (accept === undefined) throw err.required("accept");
      if (accept === null) throw err.param("Param accept must be a boolean");
      const invite = ctx.state.collaborationInvites.get(String(mediaId));
      if (!invite || invite.status !== "pending") throw err.param(`There is no pending collaboration invite for media ${mediaId}`);
      invite.status = accept ? "accepted" : "declined";
      return SUCCESS();
    },
  },
};
