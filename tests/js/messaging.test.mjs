// Issue 14 through the packed package in Node, against the sandbox over loopback HTTP: messaging
// through the Page (what goes on the wire, Meta's rules as typed errors, never a retried POST),
// Instagram Login's `me`, collaborators, product tags, and the hosted-file upload.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import { InstagramClient, GraphApiError, PermissionError, RateLimitError, oauth } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";

let sandbox, server, ids, ig, opts;

before(async () => {
  sandbox = createSandbox({ usagePerCall: 0 });
  server = await sandbox.listen();
  ids = sandbox.ids;
});
after(() => server.close());
beforeEach(() => {
  sandbox.reset();
  ig = new InstagramClient({ accessToken: "sandbox-token", baseUrl: server.url, uploadBaseUrl: server.url, maxRetries: 2 });
  opts = { pageAccessToken: ids.pageAccessToken };
});

const own = (r) => r.batchIndex === undefined;
const wire = () => sandbox.requests.filter(own).map((r) => ({ method: r.method, path: r.path, query: r.query, form: r.form }));
const last = () => wire().at(-1);
const HOUR = 3600000;

/** The error a call rejects with. */
const failure = (p) => p.then((v) => assert.fail(`resolved with ${JSON.stringify(v)}`), (e) => e);

describe("messaging through the Page", () => {
  test("sendMessage: text, then an attachment by URL with quick replies and the human agent tag", async () => {
    const sent = await ig.sendMessage(ids.pageId, { recipient: { id: ids.recipientId }, message: { text: "Hi! ☕" } }, opts);
    assert.deepEqual(Object.keys(sent), ["recipient_id", "message_id"]);
    assert.equal(sent.recipient_id, ids.recipientId);
    assert.deepEqual(last(), {
      method: "POST",
      path: `/v27.0/${ids.pageId}/messages`,
      query: {},
      form: { message: '{"text":"Hi! ☕"}', recipient: `{"id":"${ids.recipientId}"}`, access_token: ids.pageAccessToken },
    });
    assert.equal(sandbox.state.messages.get(sent.message_id).text, "Hi! ☕");
    const message = { attachment: { type: "image", payload: { url: "https://cdn.example/menu.jpg" } }, quick_replies: [{ content_type: "text", title: "Order", payload: "ORDER" }] };
    await ig.sendMessage(ids.pageId, { recipient: { id: ids.closedRecipientId }, message, tag: "HUMAN_AGENT" }, opts);
    assert.deepEqual(last().form, {
      message: '{"attachment":{"payload":{"url":"https://cdn.example/menu.jpg"},"type":"image"},"quick_replies":[{"content_type":"text","payload":"ORDER","title":"Order"}]}',
      recipient: `{"id":"${ids.closedRecipientId}"}`,
      tag: "HUMAN_AGENT",
      messaging_type: "MESSAGE_TAG",
      access_token: ids.pageAccessToken,
    });
  });

  test("sendPrivateReply: recipient { comment_id }, once", async () => {
    const r = await ig.sendPrivateReply(ids.pageId, ids.privateReplyCommentId, "Thanks! Sent you the menu.", opts);
    assert.equal(r.recipient_id, sandbox.state.comments.get(ids.privateReplyCommentId).fromId);
    assert.deepEqual(last().form, {
      message: '{"text":"Thanks! Sent you the menu."}',
      recipient: `{"comment_id":"${ids.privateReplyCommentId}"}`,
      access_token: ids.pageAccessToken,
    });
    const again = await failure(ig.sendPrivateReply(ids.pageId, ids.privateReplyCommentId, "again", opts));
    assert.deepEqual([again.code, again.subcode, again.rule], [100, 2534025, "private_reply"]);
  });

  test("conversations and messages: one page, every page, one message", async () => {
    const page = await ig.listConversations(ids.pageId, { fields: ["id", "updated_time", "participants"], limit: 4 }, opts);
    assert.equal(page.data[0].id, ids.conversationId);
    assert.deepEqual(last().query, { platform: "instagram", fields: "id,updated_time,participants", limit: "4", access_token: ids.pageAccessToken });
    assert.equal(page.paging.next.includes("access_token"), false, "the paging URL lost its token");
    const all = [];
    for await (const c of ig.iterConversations(ids.pageId, { limit: 4 }, opts)) all.push(c.id);
    assert.equal(all.length, [...sandbox.state.conversations.values()].filter((c) => c.messageIds.length).length);
    assert.ok(wire().filter((w) => w.path.endsWith("/conversations")).every((w) => w.query.access_token === ids.pageAccessToken && w.query.platform === "instagram"));
    const one = await ig.listConversations(ids.pageId, { user_id: ids.recipientId }, opts);
    assert.deepEqual(one.data.map((c) => c.id), [ids.conversationId]);

    const thread = await ig.listMessages(ids.conversationId, { fields: ["id", "created_time", "from", "message"], limit: 10 }, opts);
    assert.equal(thread.data[0].id, ids.messageId);
    assert.deepEqual(last(), { method: "GET", path: `/v27.0/${ids.conversationId}/messages`, query: { fields: "id,created_time,from,message", limit: "10", access_token: ids.pageAccessToken }, form: null });
    const every = [];
    for await (const m of ig.iterMessages(ids.conversationId, { limit: 10 }, opts)) every.push(m.id);
    assert.equal(every.length, 24);
    const m = await ig.getMessage(ids.messageId, { fields: ["id", "message", "from"] }, opts);
    assert.equal(m.from.id, ids.recipientId);
    assert.deepEqual(last().query, { fields: "id,message,from", access_token: ids.pageAccessToken });
    const old = await failure(ig.getMessage(ids.oldMessageId, {}, opts));
    assert.ok(old instanceof GraphApiError && old.code === 9000001, String(old));
  });

  test("the Page token is required with Facebook Login, for lists and their iterators too", async () => {
    const n = wire().length;
    for (const call of [
      () => ig.sendMessage(ids.pageId, { recipient: { id: "1" }, message: { text: "x" } }),
      () => ig.sendPrivateReply(ids.pageId, "1", "x", {}),
      () => ig.listConversations(ids.pageId),
      () => ig.getMessage(ids.messageId),
    ]) {
      await assert.rejects(call(), (e) => e instanceof TypeError && e.message.startsWith("options.pageAccessToken"));
    }
    assert.throws(() => ig.iterConversations(ids.pageId), (e) => e instanceof TypeError && e.message.startsWith("options.pageAccessToken"));
    assert.throws(() => ig.iterMessages(ids.conversationId, {}, { pageAccesToken: "x" }), (e) => e instanceof TypeError && /pageAccesToken/.test(e.message));
    assert.equal(wire().length, n, "nothing was sent");
  });

  test("bad arguments are TypeErrors naming them, before any request", async () => {
    const n = wire().length;
    const named = async (p, name) => assert.rejects(p, (e) => e instanceof TypeError && e.message.startsWith(name), name);
    await named(ig.sendMessage(ids.pageId, { message: { text: "x" } }, opts), "params.recipient");
    await named(ig.sendMessage(ids.pageId, { recipient: { id: "1" }, message: "hi" }, opts), "params.message");
    await named(ig.sendMessage(ids.pageId, undefined, opts), "params");
    await named(ig.sendPrivateReply(ids.pageId, ids.privateReplyCommentId, " ", opts), "text");
    await named(ig.sendPrivateReply(ids.pageId, "1/2", "x", opts), "commentId");
    await named(ig.listMessages("a b", {}, opts), "conversationId");
    assert.equal(wire().length, n);
  });
});

describe("Meta's messaging rules are typed errors", () => {
  const send = (to, extra = {}) => ig.sendMessage(ids.pageId, { recipient: { id: to }, message: { text: "x" }, ...extra }, opts);
  const sends = () => wire().filter((w) => w.method === "POST" && w.path.endsWith("/messages")).length;

  test("outside_window: 10/2534022, a GraphApiError (not a PermissionError), never retried", async () => {
    const e = await failure(send(ids.closedRecipientId));
    assert.ok(e instanceof GraphApiError && !(e instanceof PermissionError), e.constructor.name);
    assert.deepEqual([e.status, e.code, e.subcode, e.rule], [400, 10, 2534022, "outside_window"]);
    assert.match(e.message, /outside of allowed window/);
    assert.equal(sends(), 1);
    // the window closes a day after the person's last message
    await send(ids.recipientId);
    sandbox.state.counters.clock += 24 * HOUR;
    assert.equal((await failure(send(ids.recipientId))).rule, "outside_window");
  });

  test("private_reply: 100/2534025 for a comment past Meta's 7 days", async () => {
    const e = await failure(ig.sendPrivateReply(ids.pageId, ids.expiredCommentId, "x", opts));
    assert.deepEqual([e.constructor.name, e.code, e.subcode, e.rule], ["GraphApiError", 100, 2534025, "private_reply"]);
  });

  test("user_unavailable: 551/1545041 (blocked) and 100/2534014 (no such person)", async () => {
    const blocked = await failure(send(ids.blockedRecipientId));
    assert.deepEqual([blocked.code, blocked.subcode, blocked.rule], [551, 1545041, "user_unavailable"]);
    const unknown = await failure(send("17841400000000000"));
    assert.deepEqual([unknown.code, unknown.subcode, unknown.rule], [100, 2534014, "user_unavailable"]);
    // 200/1545041 is not a missing permission either
    sandbox.fault({ method: "POST", path: `/${ids.pageId}/messages`, body: { error: { message: "Message Not Sent: This person isn't available right now.", type: "OAuthException", code: 200, error_subcode: 1545041 } } });
    const e = await failure(send(ids.recipientId));
    assert.ok(!(e instanceof PermissionError));
    assert.equal(e.rule, "user_unavailable");
  });

  test("tag_misuse (613/2018338) and rate_limit (613/2534040, 80006): RateLimitErrors; a POST still never retried", async () => {
    const body = (code, subcode, message) => ({ error: { message, type: "OAuthException", code, error_subcode: subcode } });
    sandbox.fault({ method: "POST", path: `/${ids.pageId}/messages`, body: body(613, 2018338, "Warning! You are engaging in behavior that may be considered bothersome or abusive by users.") });
    const tag = await failure(send(ids.closedRecipientId, { tag: "HUMAN_AGENT" }));
    assert.ok(tag instanceof RateLimitError);
    assert.deepEqual([tag.code, tag.subcode, tag.rule], [613, 2018338, "tag_misuse"]);
    sandbox.fault({ method: "POST", path: `/${ids.pageId}/messages`, body: body(613, 2534040, "Calls to this api have exceeded the rate limit."), times: 3 });
    const n = sends();
    const rate = await failure(send(ids.recipientId));
    assert.deepEqual([rate instanceof RateLimitError, rate.rule, sends() - n], [true, "rate_limit", 1]);
    sandbox.clearFaults();
    // a GET of the inbox is retried past the same limit
    sandbox.fault({ path: `/${ids.pageId}/conversations`, body: { error: { message: "(#80006) There have been too many messaging requests", type: "OAuthException", code: 80006 } } });
    const page = await ig.listConversations(ids.pageId, { limit: 1 }, opts);
    assert.equal(page.data.length, 1);
  });

  test("restricted: 10/1893063 is not a PermissionError", async () => {
    sandbox.fault({ method: "POST", path: `/${ids.pageId}/messages`, body: { error: { message: "You are temporarily restricted from sending messages.", type: "OAuthException", code: 10, error_subcode: 1893063 } } });
    const e = await failure(send(ids.recipientId));
    assert.deepEqual([e.constructor.name, e.rule], ["GraphApiError", "restricted"]);
  });

  test("a 5xx answer to a send is not sent again; other errors have no rule", async () => {
    sandbox.fault({ method: "POST", path: `/${ids.pageId}/messages`, status: 503 });
    const n = sends();
    const e = await failure(send(ids.recipientId));
    assert.deepEqual([e.status, e.rule, sends() - n], [503, null, 1]);
    const perm = await failure(ig.listConversations(ids.pageId, {}, { pageAccessToken: "sandbox-token" }));
    assert.deepEqual([perm.code, perm.rule], [210, null]);
  });
});

describe("Instagram Login: `me` with the client's token", () => {
  test("messaging needs no Page token; collaborators and product tags are not offered", async () => {
    const calls = [];
    const fetch = async (url, init = {}) => {
      calls.push({ url: String(url), method: init.method, body: init.body === undefined ? undefined : String(init.body) });
      const body = String(url).includes("/conversations") ? { data: [{ id: "c1", updated_time: "2026-11-20T10:00:00+0000" }] } : { recipient_id: "2", message_id: "m1" };
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    };
    const igl = new InstagramClient({ accessToken: "IGQVJtoken", login: "instagram", fetch });
    assert.deepEqual(await igl.sendPrivateReply("me", "17865799348089039", "hi"), { recipient_id: "2", message_id: "m1" });
    assert.deepEqual(calls[0], {
      url: "https://graph.instagram.com/v27.0/me/messages",
      method: "POST",
      body: "message=%7B%22text%22%3A%22hi%22%7D&recipient=%7B%22comment_id%22%3A%2217865799348089039%22%7D&access_token=IGQVJtoken",
    });
    const ids = [];
    for await (const c of igl.iterConversations("me")) ids.push(c.id);
    assert.deepEqual(ids, ["c1"]);
    assert.equal(calls[1].url, "https://graph.instagram.com/v27.0/me/conversations?platform=instagram&access_token=IGQVJtoken");
    for (const [name, call] of [
      ["listCollaborators", () => igl.listCollaborators("1")],
      ["setProductTags", () => igl.setProductTags("1", ["2"])],
      ["uploadVideo", () => igl.uploadVideo("1", { fileUrl: "https://e.com/a.mp4" })],
    ]) {
      await assert.rejects(call(), (e) => e instanceof TypeError && e.message.startsWith(`${name}: is not offered`), name);
    }
    assert.equal(calls.length, 2);
    assert.deepEqual(oauth.requiredPermissions("sendMessage", { login: "instagram" }), ["instagram_business_basic", "instagram_business_manage_messages"]);
    assert.deepEqual(oauth.requiredPermissions("iterConversations"), ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_read_engagement"]);
    assert.deepEqual(oauth.requiredPermissions("sendPrivateReply"), ["instagram_basic", "instagram_manage_comments", "pages_messaging", "pages_read_engagement"]);
  });
});

describe("collaborators, product tags, the hosted-file upload", () => {
  test("collaborators and invites", async () => {
    const c = await ig.listCollaborators(ids.collaborationMediaId);
    assert.deepEqual(c.data.map((x) => x.invite_status), ["Accepted", "Pending"]);
    assert.deepEqual(last(), { method: "GET", path: `/v27.0/${ids.collaborationMediaId}/collaborators`, query: { access_token: "sandbox-token" }, form: null });
    const invites = await ig.listCollaborationInvites(ids.igUserId);
    assert.ok(invites.data.some((i) => i.media_id === ids.inviteMediaId));
    assert.deepEqual(await ig.respondToCollaborationInvite(ids.igUserId, ids.inviteMediaId, false), { success: true });
    assert.deepEqual(last().form, { media_id: ids.inviteMediaId, accept: "false", access_token: "sandbox-token" });
    assert.equal(sandbox.state.collaborationInvites.get(ids.inviteMediaId).status, "declined");
    await assert.rejects(ig.respondToCollaborationInvite(ids.igUserId, ids.inviteMediaId, "yes"), TypeError);
  });

  test("catalogs, product search and tags; ids are strings though the wire has numbers", async () => {
    const cats = await ig.listAvailableCatalogs(ids.igUserId);
    assert.equal(cats.data[0].catalog_id, ids.catalogId);
    const found = await ig.searchCatalogProducts(ids.igUserId, ids.catalogId, "kenya");
    assert.deepEqual(last().query, { catalog_id: ids.catalogId, q: "kenya", access_token: "sandbox-token" });
    const p = found.data[0];
    assert.equal(typeof p.product_id, "string");
    assert.equal(typeof p.merchant_id, "string");
    assert.equal(p.product_id, [...sandbox.state.products.values()].find((x) => x.product_name.startsWith("Kenya")).product_id);
    assert.ok(p.product_variants.every((v) => typeof v.product_id === "string"));
    const everything = await ig.searchCatalogProducts(ids.igUserId, ids.catalogId, "");
    assert.equal(everything.data.length, 16);
    assert.equal("q" in last().query, false);

    const media = ids.productTaggedMediaId;
    assert.deepEqual(await ig.setProductTags(media, [{ product_id: p.product_id, x: 0.25, y: 0.75 }]), { success: true });
    assert.deepEqual(last(), { method: "POST", path: `/v27.0/${media}/product_tags`, query: {}, form: { updated_tags: `[{"product_id":"${p.product_id}","x":0.25,"y":0.75}]`, access_token: "sandbox-token" } });
    const tags = await ig.listProductTags(media);
    assert.ok(tags.data.some((t) => t.product_id === p.product_id && t.x === 0.25));
    assert.ok(tags.data.every((t) => typeof t.product_id === "string"));
    const noPosition = await failure(ig.setProductTags(media, [p.product_id]));
    assert.deepEqual([noPosition.code, noPosition.subcode], [100, 2207036]);
    assert.deepEqual(await ig.deleteProductTags(media, [p.product_id]), { success: true });
    assert.deepEqual(last(), { method: "DELETE", path: `/v27.0/${media}/product_tags`, query: { deleted_tags: `[{"product_id":"${p.product_id}"}]`, access_token: "sandbox-token" }, form: null });
    await ig.setProductTags(ids.carouselMediaId, { tags: [{ product_id: p.product_id, x: 0.5, y: 0.5 }], child_index: 1 });
    assert.equal(last().form.child_index, "1");
    await assert.rejects(ig.setProductTags(media, []), (e) => e instanceof TypeError && e.message.startsWith("tags"));
    await assert.rejects(ig.setProductTags(media, [{ x: 1 }]), (e) => e instanceof TypeError && e.message.startsWith("tags[0]"));
  });

  test("uploadVideo(containerId, { fileUrl }): one POST with a file_url header; bytes still work", async () => {
    const { id } = await ig.createContainer(ids.igUserId, { media_type: "REELS", upload_type: "resumable", caption: "hosted" });
    const res = await ig.uploadVideo(id, { fileUrl: "https://cdn.example/reel.mp4" });
    assert.deepEqual(res, { success: true, message: "Upload successful." });
    const uploads = sandbox.requests.filter((r) => r.path.startsWith("/ig-api-upload/"));
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0].method, "POST");
    assert.equal(uploads[0].path, `/ig-api-upload/v27.0/${id}`);
    assert.equal(uploads[0].headers.file_url, "https://cdn.example/reel.mp4");
    assert.equal(uploads[0].headers.authorization, "OAuth sandbox-token");
    assert.equal(sandbox.state.uploads.get(id).fileUrl, "https://cdn.example/reel.mp4");
    // a second one is refused by the host: the error comes back, nothing is sent again
    const again = await failure(ig.uploadVideo(id, { fileUrl: "https://cdn.example/reel.mp4" }));
    assert.ok(again instanceof GraphApiError && /already complete/.test(again.message));
    assert.equal(sandbox.requests.filter((r) => r.path.startsWith("/ig-api-upload/")).length, 2);
    for (const [data, name] of [[{ fileUrl: "cdn.example/reel.mp4" }, "data.fileUrl"], [{ fileUrl: "https://x/a\r\nx: y" }, "data.fileUrl"], [{ file_url: "https://x/a.mp4" }, "data.file_url"], [{}, "data.fileUrl"]]) {
      await assert.rejects(ig.uploadVideo(id, data), (e) => e instanceof TypeError && e.message.startsWith(name), name);
    }
    await assert.rejects(ig.uploadVideo(id, { fileUrl: "https://x/a.mp4" }, { chunkSize: 4 }), (e) => e instanceof TypeError && /chunkSize/.test(e.message));
    const bytes = await ig.createContainer(ids.igUserId, { media_type: "REELS", upload_type: "resumable" });
    assert.deepEqual(await ig.uploadVideo(bytes.id, new Uint8Array(1000)), { success: true, message: "Upload successful." });
  });
});
