/**
 * @file Instagram messaging through the Page (Facebook Login, a Page token): `POST /{page-id}/messages`
 * (a message to a person, or a private reply to a comment), `GET /{page-id}/conversations`, the
 * conversation (`GET /{conversation-id}`, `/messages`) and the message node. With Instagram Login
 * the same inbox is the account's own: `POST /me/messages`, `GET /me/conversations` and the
 * conversation and message nodes with the Instagram User token (Meta: instagram-api-with-
 * instagram-login/messaging-api, conversations-api). Meta's rules are enforced with Meta's
 * errors: the 24-hour window (`HUMAN_AGENT`: 7 days), one private reply per comment within 7 days
 * of it, blocked people (551), no matching user.
 */

import { IG_USER_ID, IG_USERNAME } from "../constants.js";
import { addMessage, newConversation } from "../data/inbox.js";
import { GraphError, err } from "../errors.js";
import { defineSchemas, edge, listOf, nodeOf, prop } from "../nodes.js";
import { nextClock } from "../records.js";
import { formatTs } from "../util.js";
import { requirePageToken } from "./subscriptions.js";
import { isInstagram } from "../instagram-login.js";

const HOUR = 3600000;
/** Meta gives details of the 20 most recent messages of a conversation. */
const DETAILED_MESSAGES = 20;

defineSchemas({
  IGConversation: {
    type: "Conversation",
    fields: {
      id: prop("id"),
      updated_time: (c) => formatTs(c.updatedMs),
      participants: (c) => ({ data: [{ username: IG_USERNAME, id: IG_USER_ID }, { username: c.username, id: c.igsid }] }),
      messages: edge("IGMessage", (c, ctx) => messagesOf(ctx, c), ["id", "created_time"]),
    },
  },
  IGMessage: {
    type: "Message",
    fields: {
      id: prop("id"),
      created_time: (m) => formatTs(m.createdMs),
      from: (m) => ({ username: m.fromUsername, id: m.fromId }),
      to: (m) => ({ data: [{ username: m.toUsername, id: m.toId }] }),
      message: (m) => m.text,
      attachments: (m) => (m.attachments.length ? { data: m.attachments } : undefined),
      is_unsupported: () => false,
    },
  },
});

const messagesOf = (ctx, c) => c.messageIds.map((id) => ctx.state.messages.get(id)).filter(Boolean);

/** A Page's inbox needs that Page's token, and the Page must be linked to an Instagram account. */
function requireInbox(ctx, page) {
  requirePageToken(ctx, page);
  if (!page.igUserId) {
    // NB: Messenger Platform error codes: 100/2534013 "The page is not linked to an Instagram account".
    throw new GraphError(100, "(#100) The page is not linked to an Instagram account or the linked IG account is not professional account", { subcode: 2534013 });
  }
}

/** A JSON parameter (the Send API takes objects as JSON text in a form). */
function jsonParam(ctx, name) {
  const v = ctx.params[name];
  if (v === undefined || v === "") return undefined;
  try {
    const parsed = JSON.parse(v);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
    /* below */
  }
  throw err.param(`param ${name} must be a JSON object`);
}

// NB: each error below is Meta's (Messenger Platform "Common Error Codes"; message texts as recorded).
const outsideWindow = () => new GraphError(10, "(#10) This message is sent outside of allowed window.", { subcode: 2534022 });
const notReachable = () => new GraphError(551, "(#551) This person isn't available right now.", { subcode: 1545041 });
const noSuchUser = () => new GraphError(100, "(#100) No matching Instagram user", { subcode: 2534014 });
const badPrivateReply = () => new GraphError(100, "(#100) The comment is invalid for a private reply", { subcode: 2534025 });

/** `POST /{page-id}/messages` (or Instagram Login's `/me/messages`): a message to a person who wrote within 24 hours, or a private reply. */
function send(ctx, page) {
  const { state } = ctx;
  const recipient = jsonParam(ctx, "recipient");
  if (!recipient) throw err.required("recipient");
  const message = jsonParam(ctx, "message");
  const senderAction = ctx.params.sender_action;
  if (!message && !senderAction) throw err.param("Must send either message or sender_action");
  const tag = ctx.params.tag;
  if (tag !== undefined && tag !== "HUMAN_AGENT") throw err.param("Param tag must be one of {HUMAN_AGENT}");
  // The sandbox clock's now (never before the last object created): windows close as time passes.
  const now = Math.max(state.counters.clock, state._now());
  const text = message?.text === undefined ? "" : String(message.text);
  const attachments = [message?.attachment, ...(message?.attachments ?? [])]
    .filter(Boolean)
    .map((a) => ({ [`${a.type === "video" ? "video" : "image"}_data`]: { url: String(a.payload?.url ?? "") } }));

  if (recipient.comment_id !== undefined) {
    const c = state.comments.get(String(recipient.comment_id));
    const media = c && state.media.get(c.mediaId);
    const ageMs = c ? now - Date.parse(c.timestamp.replace("+0000", "Z")) : Infinity;
    // One per comment, within 7 days, on the account's own media, not its own comment.
    if (!c || !media || media.ownerId !== IG_USER_ID || c.fromId === IG_USER_ID || state.privateReplies.has(c.id) || ageMs > 7 * 24 * HOUR) {
      throw badPrivateReply();
    }
    const conv = conversationWith(ctx, c.fromId, c.username);
    if (conv.blocked) throw notReachable();
    // A private reply does not open the 24-hour window: the person has not written.
    const m = addMessage(state, conv, { fromPerson: false, text, attachments, ms: nextClock(state) });
    state.privateReplies.set(c.id, m.id);
    return { recipient_id: c.fromId, message_id: m.id };
  }

  if (recipient.id === undefined) throw err.param("param recipient must have id or comment_id");
  const conv = [...state.conversations.values()].find((c) => c.igsid === String(recipient.id) && c.pageId === page.id);
  if (!conv) throw noSuchUser();
  if (conv.blocked) throw notReachable();
  const sinceInbound = conv.lastInboundMs === null ? Infinity : now - conv.lastInboundMs;
  const window = tag === "HUMAN_AGENT" ? 7 * 24 * HOUR : 24 * HOUR;
  if (sinceInbound > window) throw outsideWindow();
  if (!message) return { recipient_id: conv.igsid };
  const m = addMessage(state, conv, { fromPerson: false, text, attachments, ms: nextClock(state) });
  return { recipient_id: conv.igsid, message_id: m.id };
}

/** The Page's conversation with a person, started when there is none (a private reply starts one). */
function conversationWith(ctx, igsid, username) {
  const found = [...ctx.state.conversations.values()].find((c) => c.igsid === igsid);
  return found ?? newConversation(ctx.state, igsid, username);
}

/** A conversation or a message of the Page's inbox: its Page's token, or the Instagram User token of its account. */
function requireOwnerToken(ctx, conv) {
  const page = ctx.state.pages.get(conv.pageId);
  if (isInstagram(ctx) && page.igUserId === IG_USER_ID) return;
  requireInbox(ctx, page);
}

/** `GET /{page-id}/conversations` (or Instagram Login's `/me/conversations`). */
function conversations(ctx, p) {
  const platform = ctx.params.platform ?? "messenger";
  if (platform !== "instagram" && platform !== "messenger") throw err.param("Param platform must be one of {MESSENGER, INSTAGRAM}");
  // The sandbox Page has no Messenger conversations.
  let convs = platform === "instagram" ? [...ctx.state.conversations.values()].filter((c) => c.pageId === p.id && c.messageIds.length) : [];
  if (ctx.params.user_id !== undefined) convs = convs.filter((c) => c.igsid === String(ctx.params.user_id));
  convs.sort((a, b) => b.updatedMs - a.updatedMs);
  return listOf(ctx, convs, "IGConversation", ["id", "updated_time"]);
}

/** Instagram Login: the account's own inbox, with its Instagram User token (its Page stands behind it here). */
const ownInbox = (handler) => (ctx, u) => {
  const page = [...ctx.state.pages.values()].find((p) => p.igUserId === u.id);
  if (!isInstagram(ctx) || !page) throw err.unsupported(ctx.method, ctx.segments.join("/"));
  return handler(ctx, page);
};

export const routes = {
  page: {
    "POST messages": (ctx, p) => {
      requireInbox(ctx, p);
      return send(ctx, p);
    },
    "GET conversations": (ctx, p) => {
      requireInbox(ctx, p);
      return conversations(ctx, p);
    },
  },
  iguser: {
    "POST messages": ownInbox(send),
    "GET conversations": ownInbox(conversations),
  },
  conversation: {
    "GET ": (ctx, c) => {
      requireOwnerToken(ctx, c);
      return nodeOf(ctx, "IGConversation", c, ["id", "updated_time"]);
    },
    "GET messages": (ctx, c) => {
      requireOwnerToken(ctx, c);
      return listOf(ctx, messagesOf(ctx, c), "IGMessage", ["id", "created_time"]);
    },
  },
  message: {
    "GET ": (ctx, m) => {
      const conv = ctx.state.conversations.get(m.conversationId);
      requireOwnerToken(ctx, conv);
      // NB: "you can only get details about the 20 most recent messages in the conversation"
      // (Conversations API); older ones answer as deleted (Messenger error 9000001).
      if (conv.messageIds.indexOf(m.id) >= DETAILED_MESSAGES) {
        throw new GraphError(9000001, "This Message has been deleted by the user or the business.");
      }
      return nodeOf(ctx, "IGMessage", m, ["id", "created_time"]);
    },
  },
};
