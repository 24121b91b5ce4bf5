// Tests of the sandbox's inbox and shop (issue 14): conversations and messages through the Page,
// sends under Meta's rules (24-hour window, HUMAN_AGENT, one private reply per comment within 7
// days, blocked and unknown people), collaborators and invites, catalogs and product tags.
//
// Run: node --test tests/sandbox/

import { describe, it, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg-template/sandbox/node.js";
import { TS_RE, graph } from "./helpers.mjs";

const sb = createSandbox();
const ids = sb.ids;
const page = graph(sb.fetch, { token: ids.pageAccessToken });
const user = graph(sb.fetch);
const HOUR = 3600000;

/** A send through the Page (objects as JSON text in the form, as the Send API takes them). */
const send = (body) => page.post(`/${ids.pageId}/messages`, Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v])));
const text = (recipient, t = "Hi! ☕", extra = {}) => send({ recipient, message: { text: t }, ...extra });
const errorOf = (r) => [r.status, r.body.error.code, r.body.error.error_subcode];

describe("inbox", () => {
  beforeEach(() => sb.reset());

  it("lists Instagram conversations newest first, with participants, by person, in pages", async () => {
    const r = await page.get(`/${ids.pageId}/conversations`, { platform: "instagram", fields: "id,updated_time,participants", limit: 5 });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.length, 5);
    assert.equal(r.body.data[0].id, ids.conversationId);
    const times = r.body.data.map((c) => c.updated_time);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.match(times[0], TS_RE);
    assert.deepEqual(r.body.data[0].participants.data.map((p) => p.id), [ids.igUserId, ids.recipientId]);
    assert.ok(r.body.paging.next, "more pages");
    const one = await page.get(`/${ids.pageId}/conversations`, { platform: "instagram", user_id: ids.closedRecipientId });
    assert.deepEqual(one.body.data.map((c) => c.id), [ids.closedConversationId]);
    assert.deepEqual(Object.keys(one.body.data[0]), ["id", "updated_time"], "Meta's default fields");
    assert.deepEqual((await page.get(`/${ids.pageId}/conversations`)).body.data, [], "no platform: Messenger, which the sandbox Page has none of");
  });

  it("needs the Page's token, and a Page linked to an Instagram account", async () => {
    assert.equal((await user.get(`/${ids.pageId}/conversations`, { platform: "instagram" })).body.error.code, 210);
    const other = graph(sb.fetch, { token: ids.otherPageAccessToken });
    assert.deepEqual(errorOf(await other.get(`/${ids.otherPageId}/conversations`, { platform: "instagram" })), [400, 100, 2534013]);
    assert.equal((await user.get(`/${ids.conversationId}/messages`)).body.error.code, 210);
  });

  it("reads a conversation's messages (edge and expansion) and a message; Meta details only the 20 newest", async () => {
    const edge = await page.get(`/${ids.conversationId}/messages`, { fields: "id,created_time,from,to,message", limit: 10 });
    assert.equal(edge.body.data.length, 10);
    assert.equal(edge.body.data[0].id, ids.messageId);
    assert.deepEqual(edge.body.data[0].from, { username: sb.state.conversations.get(ids.conversationId).username, id: ids.recipientId });
    assert.deepEqual(edge.body.data[0].to.data, [{ username: ids.igUsername, id: ids.igUserId }]);
    const node = await page.get(`/${ids.conversationId}`, { fields: "messages.limit(3){id,message}" });
    assert.deepEqual(node.body.messages.data.map((m) => m.id), edge.body.data.slice(0, 3).map((m) => m.id));
    const m = await page.get(`/${ids.messageId}`, { fields: "id,created_time,message" });
    assert.equal(m.body.message, edge.body.data[0].message);
    assert.deepEqual(errorOf(await page.get(`/${ids.oldMessageId}`, { fields: "id,message" })), [400, 9000001, undefined]);
  });
});

describe("Instagram Login: the account's own inbox, with its Instagram User token", () => {
  beforeEach(() => sb.reset());
  const igl = graph(sb.fetch, { token: ids.instagramAccessToken });

  it("me/conversations, a conversation's messages, a message; sends and a private reply under the same rules", async () => {
    const list = await igl.get("/me/conversations", { platform: "instagram", limit: 2 });
    assert.equal(list.status, 200);
    assert.equal(list.body.data[0].id, ids.conversationId);
    assert.equal((await igl.get(`/${ids.conversationId}/messages`, { limit: 1 })).body.data[0].id, ids.messageId);
    assert.equal((await igl.get(`/${ids.messageId}`, { fields: "id,from" })).body.from.id, ids.recipientId);
    const sent = await igl.post("/me/messages", { recipient: JSON.stringify({ id: ids.recipientId }), message: JSON.stringify({ text: "Hi!" }) });
    assert.equal(sent.status, 200);
    assert.equal(sb.state.conversations.get(ids.conversationId).messageIds[0], sent.body.message_id);
    assert.deepEqual(errorOf(await igl.post("/me/messages", { recipient: JSON.stringify({ id: ids.closedRecipientId }), message: JSON.stringify({ text: "x" }) })), [400, 10, 2534022]);
    const reply = { recipient: JSON.stringify({ comment_id: ids.privateReplyCommentId }), message: JSON.stringify({ text: "Thanks!" }) };
    assert.equal((await igl.post("/me/messages", reply)).status, 200);
    assert.deepEqual(errorOf(await igl.post("/me/messages", reply)), [400, 100, 2534025], "one per comment, whichever flavour sent the first");
    assert.deepEqual(errorOf(await text({ comment_id: ids.privateReplyCommentId })), [400, 100, 2534025]);
  });

  it("no Page's edges with an Instagram token, and no me/messages with a Facebook User token", async () => {
    assert.equal((await igl.get(`/${ids.pageId}/conversations`, { platform: "instagram" })).body.error.code, 210);
    assert.equal((await user.post(`/${ids.igUserId}/messages`, { recipient: JSON.stringify({ id: ids.recipientId }), message: JSON.stringify({ text: "x" }) })).body.error.code, 100);
    assert.equal((await user.get(`/${ids.igUserId}/conversations`, { platform: "instagram" })).body.error.code, 100);
  });
});

describe("sending under Meta's rules", () => {
  beforeEach(() => sb.reset());

  it("sends within the 24-hour window, to the conversation, and refuses it after", async () => {
    const r = await text({ id: ids.recipientId });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ["recipient_id", "message_id"]);
    const conv = sb.state.conversations.get(ids.conversationId);
    assert.equal(conv.messageIds[0], r.body.message_id);
    assert.equal(sb.state.messages.get(r.body.message_id).fromId, ids.igUserId);
    // a day later, the window has closed
    sb.state.counters.clock += 24 * HOUR;
    assert.deepEqual(errorOf(await text({ id: ids.recipientId })), [400, 10, 2534022]);
    assert.equal(sb.state.conversations.get(ids.conversationId).messageIds[0], r.body.message_id, "nothing added");
  });

  it("a human agent may answer for 7 days; tags other than HUMAN_AGENT are refused", async () => {
    assert.deepEqual(errorOf(await text({ id: ids.closedRecipientId })), [400, 10, 2534022]);
    const tagged = await text({ id: ids.closedRecipientId }, "Sorry for the wait!", { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    assert.equal(tagged.status, 200);
    sb.state.counters.clock += 8 * 24 * HOUR;
    assert.deepEqual(errorOf(await text({ id: ids.closedRecipientId }, "x", { tag: "HUMAN_AGENT" })), [400, 10, 2534022]);
    assert.equal((await text({ id: ids.recipientId }, "x", { tag: "CONFIRMED_EVENT_UPDATE" })).body.error.code, 100);
  });

  it("a blocked or unknown person, a missing recipient or message", async () => {
    assert.deepEqual(errorOf(await text({ id: ids.blockedRecipientId })), [400, 551, 1545041]);
    assert.deepEqual(errorOf(await text({ id: "17841400000000000" })), [400, 100, 2534014]);
    assert.equal((await send({ message: { text: "x" } })).body.error.code, 100);
    assert.equal((await send({ recipient: { id: ids.recipientId } })).body.error.code, 100);
    assert.equal((await send({ recipient: "not json", message: { text: "x" } })).body.error.code, 100);
    assert.equal((await send({ recipient: { id: ids.recipientId }, sender_action: "typing_on" })).status, 200);
  });

  it("attachments by URL become the message's attachments", async () => {
    const r = await send({ recipient: { id: ids.recipientId }, message: { attachment: { type: "image", payload: { url: "https://cdn.example/menu.jpg" } } } });
    assert.deepEqual(sb.state.messages.get(r.body.message_id).attachments, [{ image_data: { url: "https://cdn.example/menu.jpg" } }]);
    const read = await page.get(`/${r.body.message_id}`, { fields: "message,attachments" });
    assert.deepEqual(read.body.attachments.data, [{ image_data: { url: "https://cdn.example/menu.jpg" } }]);
  });

  it("one private reply per comment, within 7 days; it starts a conversation without opening the window", async () => {
    const c = sb.state.comments.get(ids.privateReplyCommentId);
    const r = await text({ comment_id: ids.privateReplyCommentId }, "Thanks! Here's the menu.");
    assert.equal(r.status, 200);
    assert.equal(r.body.recipient_id, c.fromId);
    assert.equal(sb.state.privateReplies.get(c.id), r.body.message_id);
    assert.deepEqual(errorOf(await text({ comment_id: ids.privateReplyCommentId })), [400, 100, 2534025], "a second one");
    assert.deepEqual(errorOf(await text({ comment_id: ids.expiredCommentId })), [400, 100, 2534025], "past 7 days");
    assert.deepEqual(errorOf(await text({ comment_id: "17900000000000000" })), [400, 100, 2534025], "no such comment");
    const own = [...sb.state.comments.values()].find((x) => x.fromId === ids.igUserId);
    assert.deepEqual(errorOf(await text({ comment_id: own.id })), [400, 100, 2534025], "the account's own comment");
    const conv = [...sb.state.conversations.values()].find((x) => x.igsid === c.fromId);
    assert.deepEqual([conv.messageIds, conv.lastInboundMs], [[r.body.message_id], null], "a new conversation");
    assert.deepEqual(errorOf(await text({ id: c.fromId })), [400, 10, 2534022], "the person has not written: no window");
    const listed = await page.get(`/${ids.pageId}/conversations`, { platform: "instagram", user_id: c.fromId });
    assert.deepEqual(listed.body.data.map((x) => x.id), [conv.id]);
  });
});

describe("collaborators and invites", () => {
  beforeEach(() => sb.reset());

  it("lists a media's collaborators; answers and lists the pending invites", async () => {
    const r = await user.get(`/${ids.collaborationMediaId}/collaborators`);
    assert.deepEqual(r.body.data.map((c) => c.invite_status), ["Accepted", "Pending"]);
    assert.deepEqual(Object.keys(r.body.data[0]), ["id", "username", "invite_status"]);
    assert.deepEqual((await user.get(`/${ids.firstMediaId === ids.collaborationMediaId ? ids.lastMediaId : ids.firstMediaId}/collaborators`)).body.data, []);
    const invites = await user.get(`/${ids.igUserId}/collaboration_invites`);
    assert.equal(invites.body.data.length, 3);
    assert.deepEqual(Object.keys(invites.body.data[0]), ["media_id", "media_owner_username", "caption", "media_url"]);
    assert.deepEqual((await user.post(`/${ids.igUserId}/collaboration_invites`, { media_id: ids.inviteMediaId, accept: true })).body, { success: true });
    assert.equal(sb.state.collaborationInvites.get(ids.inviteMediaId).status, "accepted");
    assert.equal((await user.get(`/${ids.igUserId}/collaboration_invites`)).body.data.length, 2);
    assert.equal((await user.post(`/${ids.igUserId}/collaboration_invites`, { media_id: ids.inviteMediaId, accept: false })).body.error.code, 100, "answered already");
    assert.equal((await user.post(`/${ids.igUserId}/collaboration_invites`, { media_id: ids.inviteMediaId })).body.error.code, 100, "accept is required");
  });
});

describe("catalogs and product tags", () => {
  beforeEach(() => sb.reset());

  it("lists catalogs and searches products by name or SKU, ids as JSON numbers", async () => {
    const cats = await user.get(`/${ids.igUserId}/available_catalogs`);
    assert.deepEqual(Object.keys(cats.body.data[0]), ["catalog_id", "catalog_name", "product_count", "shop_name"]);
    assert.equal(cats.body.data[0].catalog_id, ids.catalogId);
    const all = await user.get(`/${ids.igUserId}/catalog_product_search`, { catalog_id: ids.catalogId, limit: 100 });
    assert.equal(all.body.data.length, cats.body.data[0].product_count);
    const kenya = await user.get(`/${ids.igUserId}/catalog_product_search`, { catalog_id: ids.catalogId, q: "KENYA" });
    assert.equal(kenya.body.data.length, 1);
    assert.equal(typeof kenya.body.data[0].product_id, "number");
    assert.equal(kenya.body.data[0].product_variants.length, 2);
    const sku = kenya.body.data[0].retailer_id;
    assert.deepEqual((await user.get(`/${ids.igUserId}/catalog_product_search`, { catalog_id: ids.catalogId, q: sku })).body.data.map((p) => p.retailer_id), [sku]);
    assert.equal((await user.get(`/${ids.igUserId}/catalog_product_search`, { q: "x" })).body.error.code, 100, "catalog_id is required");
  });

  it("tags: positions on images, none on reels, additive, moved, deleted", async () => {
    const media = ids.productTaggedMediaId;
    const before = await user.get(`/${media}/product_tags`);
    assert.equal(before.body.data.length, 2);
    assert.equal(typeof before.body.data[0].product_id, "number");
    const tag = (m, tags) => user.post(`/${m}/product_tags`, { updated_tags: JSON.stringify(tags) });
    assert.deepEqual((await tag(media, [{ product_id: ids.productId, x: 0.5, y: 0.5 }])).body, { success: true });
    assert.deepEqual(errorOf(await tag(media, [{ product_id: ids.productId }])), [400, 100, 2207036]);
    assert.deepEqual(errorOf(await tag(ids.videoMediaId, [{ product_id: ids.productId, x: 0.5, y: 0.5 }])), [400, 100, 2207035]);
    assert.deepEqual(errorOf(await tag(media, [{ product_id: "3000000000000000", x: 0.1, y: 0.1 }])), [400, 100, 2207037]);
    await tag(media, [{ product_id: ids.productId, x: 0.9, y: 0.1 }]);
    const after = sb.state.productTags.get(media);
    assert.equal(after.length, 3, "the same product is moved, not added");
    assert.deepEqual(after.find((t) => t.product_id === ids.productId), { product_id: ids.productId, x: 0.9, y: 0.1 });
    const del = await user.del(`/${media}/product_tags`, { deleted_tags: JSON.stringify([{ product_id: ids.productId }]) });
    assert.deepEqual(del.body, { success: true });
    assert.equal(sb.state.productTags.get(media).length, 2);
    assert.equal((await tag(ids.carouselMediaId, [{ product_id: ids.productId, x: 0.5, y: 0.5 }])).body.error.code, 100, "a carousel needs child_index");
    const child = await user.post(`/${ids.carouselMediaId}/product_tags`, { updated_tags: JSON.stringify([{ product_id: ids.productId, x: 0.5, y: 0.5 }]), child_index: 0 });
    assert.deepEqual(child.body, { success: true });
    assert.equal((await user.get(`/${ids.carouselMediaId}/product_tags`)).body.data.length, 1);
  });
});
