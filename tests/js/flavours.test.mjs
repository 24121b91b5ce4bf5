// Both login flavours pass the same operation tests where Meta offers the operation in both
// (issue 13): every typed operation runs against the sandbox over loopback HTTP, once with
// Facebook Login (a Facebook User token) and once with Instagram Login (an Instagram User token,
// login: "instagram"); what Instagram Login does not offer is refused before any request.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import { InstagramClient, oauth } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";

let sandbox, server, ids;
before(async () => {
  sandbox = createSandbox({ usagePerCall: 0, pollsUntilFinished: 1, mediaCount: 40 });
  server = await sandbox.listen();
  ids = sandbox.ids;
});
after(() => server.close());
beforeEach(() => sandbox.reset());

const FLAVOURS = {
  facebook: () => new InstagramClient({ accessToken: ids.accessToken, baseUrl: server.url, uploadBaseUrl: server.url }),
  instagram: () => new InstagramClient({ accessToken: ids.instagramAccessToken, login: "instagram", baseUrl: server.url, uploadBaseUrl: server.url }),
};
/** The webhook subscription target and its options: the Page and its token, or the account itself. */
const subscription = (login) => (login === "facebook" ? [ids.pageId, { pageAccessToken: ids.pageAccessToken }] : ["me", {}]);
/** The inbox the same way: the Page with its token (the Messenger Platform's rule), or `me`. */
const inbox = subscription;

/** One test per operation (and `iter…` twin): a call and what its answer must be. */
const OPERATIONS = {
  getUser: async (c) => assert.equal((await c.getUser(ids.igUserId, { fields: ["id", "username"] })).username, ids.igUsername),
  listConnectedAccounts: async (c) => assert.equal((await c.listConnectedAccounts()).data[0].igUserId, ids.igUserId),
  iterConnectedAccounts: async (c) => {
    for await (const a of c.iterConnectedAccounts()) return assert.equal(a.pageId, ids.pageId);
  },
  listUserMedia: async (c) => assert.equal((await c.listUserMedia(ids.igUserId, { limit: 3 })).data.length, 3),
  iterUserMedia: async (c) => {
    let n = 0;
    for await (const m of c.iterUserMedia(ids.igUserId, { fields: "id", limit: 25 })) n += m.id ? 1 : 0;
    assert.equal(n, 40);
  },
  listStories: async (c) => assert.ok((await c.listStories(ids.igUserId)).data.some((s) => s.id === ids.storyId)),
  iterStories: async (c) => {
    for await (const s of c.iterStories(ids.igUserId)) return assert.ok(s.id);
  },
  listTags: async (c) => assert.ok((await c.listTags(ids.igUserId, { fields: "id" })).data.some((m) => m.id === ids.taggedMediaId)),
  iterTags: async (c) => {
    for await (const m of c.iterTags(ids.igUserId)) return assert.ok(m.id);
  },
  listLiveMedia: async (c) => assert.deepEqual((await c.listLiveMedia(ids.igUserId)).data, []),
  iterLiveMedia: async (c) => {
    for await (const m of c.iterLiveMedia(ids.igUserId)) assert.fail(`no live media expected, got ${m.id}`);
  },
  getMedia: async (c) => assert.equal((await c.getMedia(ids.carouselMediaId, { fields: "id,media_type" })).media_type, "CAROUSEL_ALBUM"),
  listMediaChildren: async (c) => assert.ok((await c.listMediaChildren(ids.carouselMediaId)).data.length >= 2),
  listCollaborators: async (c) => assert.deepEqual((await c.listCollaborators(ids.collaborationMediaId)).data.map((x) => x.invite_status), ["Accepted", "Pending"]),
  listCollaborationInvites: async (c) => assert.ok((await c.listCollaborationInvites(ids.igUserId)).data.some((i) => i.media_id === ids.inviteMediaId)),
  respondToCollaborationInvite: async (c) => {
    assert.deepEqual(await c.respondToCollaborationInvite(ids.igUserId, ids.inviteMediaId, true), { success: true });
    assert.equal(sandbox.state.collaborationInvites.get(ids.inviteMediaId).status, "accepted");
  },
  listAvailableCatalogs: async (c) => assert.equal((await c.listAvailableCatalogs(ids.igUserId)).data[0].catalog_id, ids.catalogId),
  searchCatalogProducts: async (c) => assert.ok((await c.searchCatalogProducts(ids.igUserId, ids.catalogId, "")).data.some((p) => p.product_id === ids.productId)),
  listProductTags: async (c) => assert.deepEqual((await c.listProductTags(ids.productTaggedMediaId)).data.map((t) => t.product_id), sandbox.state.productTags.get(ids.productTaggedMediaId).map((t) => t.product_id)),
  setProductTags: async (c) => {
    assert.deepEqual(await c.setProductTags(ids.productTaggedMediaId, [{ product_id: ids.productId, x: 0.5, y: 0.25 }]), { success: true });
    assert.ok(sandbox.state.productTags.get(ids.productTaggedMediaId).some((t) => t.product_id === ids.productId && t.y === 0.25));
  },
  deleteProductTags: async (c) => {
    const [tag] = sandbox.state.productTags.get(ids.productTaggedMediaId);
    assert.deepEqual(await c.deleteProductTags(ids.productTaggedMediaId, [tag.product_id]), { success: true });
    assert.ok(!sandbox.state.productTags.get(ids.productTaggedMediaId).some((t) => t.product_id === tag.product_id));
  },
  sendMessage: async (c, login) => {
    const [sender, opts] = inbox(login);
    const sent = await c.sendMessage(sender, { recipient: { id: ids.recipientId }, message: { text: "Hi! ☕" } }, opts);
    assert.equal(sandbox.state.messages.get(sent.message_id).text, "Hi! ☕");
    assert.equal((await c.sendMessage(sender, { recipient: { id: ids.closedRecipientId }, message: { text: "x" } }, opts).catch((e) => e)).rule, "outside_window");
  },
  sendPrivateReply: async (c, login) => {
    const [sender, opts] = inbox(login);
    const r = await c.sendPrivateReply(sender, ids.privateReplyCommentId, "Thanks! Sent you the menu.", opts);
    assert.equal(r.recipient_id, sandbox.state.comments.get(ids.privateReplyCommentId).fromId);
    assert.equal(sandbox.state.privateReplies.get(ids.privateReplyCommentId), r.message_id);
    assert.equal((await c.sendPrivateReply(sender, ids.privateReplyCommentId, "again", opts).catch((e) => e)).rule, "private_reply");
  },
  listConversations: async (c, login) => {
    const [sender, opts] = inbox(login);
    assert.equal((await c.listConversations(sender, { limit: 3 }, opts)).data[0].id, ids.conversationId);
  },
  iterConversations: async (c, login) => {
    const [sender, opts] = inbox(login);
    const all = [];
    for await (const x of c.iterConversations(sender, { limit: 4 }, opts)) all.push(x.id);
    assert.equal(all.length, [...sandbox.state.conversations.values()].filter((x) => x.messageIds.length).length);
  },
  listMessages: async (c, login) => assert.equal((await c.listMessages(ids.conversationId, { limit: 5 }, inbox(login)[1])).data[0].id, ids.messageId),
  iterMessages: async (c, login) => {
    let n = 0;
    for await (const m of c.iterMessages(ids.conversationId, { limit: 10 }, inbox(login)[1])) n += m.id ? 1 : 0;
    assert.equal(n, sandbox.state.conversations.get(ids.conversationId).messageIds.length);
  },
  getMessage: async (c, login) => assert.equal((await c.getMessage(ids.messageId, { fields: ["id", "from"] }, inbox(login)[1])).from.id, ids.recipientId),
  listComments: async (c) => assert.ok((await c.listComments(ids.firstMediaId, { limit: 2 })).data.length > 0),
  iterComments: async (c) => {
    for await (const x of c.iterComments(ids.firstMediaId)) return assert.ok(x.id);
  },
  getComment: async (c) => assert.equal((await c.getComment(ids.commentId, { fields: "id,text" })).id, ids.commentId),
  listReplies: async (c) => assert.ok((await c.listReplies(ids.commentId)).data.some((r) => r.id === ids.replyId)),
  iterReplies: async (c) => {
    for await (const r of c.iterReplies(ids.commentId)) return assert.ok(r.id);
  },
  createComment: async (c) => assert.ok(sandbox.state.comments.has((await c.createComment(ids.firstMediaId, "Thanks ☕")).id)),
  replyToComment: async (c) => assert.equal(sandbox.state.comments.get((await c.replyToComment(ids.commentId, "Glad")).id).text, "Glad"),
  hideComment: async (c) => {
    assert.deepEqual(await c.hideComment(ids.commentId), { success: true });
    assert.equal(sandbox.state.comments.get(ids.commentId).hidden, true);
  },
  deleteComment: async (c) => {
    assert.deepEqual(await c.deleteComment(ids.replyId), { success: true });
    assert.equal(sandbox.state.comments.has(ids.replyId), false);
  },
  setCommentsEnabled: async (c) => assert.deepEqual(await c.setCommentsEnabled(ids.firstMediaId, false), { success: true }),
  replyToMention: async (c) => {
    const media = sandbox.state.comments.get(ids.mentionedCommentId).mediaId;
    assert.ok((await c.replyToMention(ids.igUserId, { media_id: media, comment_id: ids.mentionedCommentId, message: "Thank you!" })).id);
  },
  getUserInsights: async (c) => assert.equal((await c.getUserInsights(ids.igUserId, { metric: "reach", period: "day", metric_type: "total_value" })).data[0].name, "reach"),
  getMediaInsights: async (c) => assert.deepEqual((await c.getMediaInsights(ids.imageMediaId, { metric: ["reach", "likes"] })).data.map((d) => d.name), ["reach", "likes"]),
  searchHashtag: async (c) => assert.equal(await c.searchHashtag(ids.igUserId, "coffee"), ids.hashtagId),
  listHashtagMedia: async (c) => assert.ok((await c.listHashtagMedia(ids.hashtagId, ids.igUserId, { edge: "top_media", limit: 3 })).data.length > 0),
  iterHashtagMedia: async (c) => {
    for await (const m of c.iterHashtagMedia(ids.hashtagId, ids.igUserId, { edge: "recent_media" })) return assert.ok(m.id);
  },
  listRecentlySearchedHashtags: async (c) => assert.ok((await c.listRecentlySearchedHashtags(ids.igUserId)).data.length > 0),
  getHashtagSearchQuota: async (c) => assert.equal((await c.getHashtagSearchQuota(ids.igUserId)).limit, 30),
  businessDiscovery: async (c) => assert.equal((await c.businessDiscovery(ids.igUserId, ids.discoveryUsername, { fields: "username" })).username, ids.discoveryUsername),
  getMentionedMedia: async (c) => assert.equal((await c.getMentionedMedia(ids.igUserId, ids.mentionedMediaId)).id, ids.mentionedMediaId),
  getMentionedComment: async (c) => assert.equal((await c.getMentionedComment(ids.igUserId, ids.mentionedCommentId)).id, ids.mentionedCommentId),
  createContainer: async (c) => assert.ok(sandbox.state.containers.has((await c.createContainer(ids.igUserId, { image_url: "https://example.com/a.jpg" })).id)),
  getContainer: async (c) => {
    const { id } = await c.createContainer(ids.igUserId, { image_url: "https://example.com/a.jpg" });
    assert.equal((await c.getContainer(id)).status_code, "FINISHED");
  },
  publishContainer: async (c) => {
    const { id } = await c.createContainer(ids.igUserId, { image_url: "https://example.com/a.jpg" });
    assert.ok((await c.publishContainer(ids.igUserId, id)).id);
  },
  getPublishingLimit: async (c) => assert.equal(typeof (await c.getPublishingLimit(ids.igUserId)).data[0].quota_usage, "number"),
  publish: async (c) => {
    const out = await c.publish(ids.igUserId, { children: [{ image_url: "https://example.com/1.jpg" }, { video_url: "https://example.com/2.mp4" }] }, { pollIntervalMs: 1 });
    assert.equal((await c.getMedia(out.id, { fields: "media_type" })).media_type, "CAROUSEL_ALBUM");
  },
  uploadVideo: async (c) => {
    const { id } = await c.createContainer(ids.igUserId, { media_type: "REELS", upload_type: "resumable" });
    assert.equal((await c.uploadVideo(id, new Uint8Array(1000))).success, true);
    const hosted = await c.createContainer(ids.igUserId, { media_type: "REELS", upload_type: "resumable" });
    assert.equal((await c.uploadVideo(hosted.id, { fileUrl: "https://cdn.example/reel.mp4" })).success, true);
    assert.equal(sandbox.state.uploads.get(hosted.id).fileUrl, "https://cdn.example/reel.mp4");
  },
  subscribeApp: async (c, login) => {
    const [target, opts] = subscription(login);
    assert.deepEqual(await c.subscribeApp(target, ["comments", "mentions"], opts), { success: true });
    assert.deepEqual((await c.listSubscribedApps(target, opts)).data[0].subscribed_fields, ["comments", "mentions"]);
  },
  listSubscribedApps: async (c, login) => {
    const [target, opts] = subscription(login);
    assert.deepEqual((await c.listSubscribedApps(target, opts)).data, []);
  },
  unsubscribeApp: async (c, login) => {
    const [target, opts] = subscription(login);
    await c.subscribeApp(target, ["comments"], opts);
    assert.deepEqual(await c.unsubscribeApp(target, opts), { success: true });
    assert.deepEqual((await c.listSubscribedApps(target, opts)).data, []);
  },
};

/** Arguments good enough to reach the refusal (it comes before any argument is looked at). */
const REFUSED_ARGS = { listHashtagMedia: ["1", "me", { edge: "top_media" }], iterHashtagMedia: ["1", "me", { edge: "top_media" }], uploadVideo: ["1", new Uint8Array(4)] };

const offered = (name, login) => {
  try {
    oauth.requiredPermissions(name, { login });
    return true;
  } catch (e) {
    assert.match(e.message, /is not offered by the Instagram API with Instagram Login/);
    return false;
  }
};

test("every typed method of the client has an operation test here", () => {
  const skip = new Set(["constructor", "get", "post", "delete", "paginate", "batch", "free", "rateLimit", "apiVersion", "diagnose", "__destroy_into_raw"]);
  // (names starting with `_` are the internal calls the typed methods are made of)
  const methods = Object.getOwnPropertyNames(InstagramClient.prototype).filter((k) => !skip.has(k) && !k.startsWith("_") && typeof InstagramClient.prototype[k] === "function");
  assert.deepEqual(methods.filter((m) => !OPERATIONS[m]), [], "methods without a test in both flavours");
  assert.ok(methods.length >= 40, String(methods.length));
  const client = FLAVOURS.facebook();
  assert.deepEqual(Object.keys(OPERATIONS).filter((m) => typeof client[m] !== "function"), [], "tests of methods the client lacks");
});

for (const [login, make] of Object.entries(FLAVOURS)) {
  describe(`${login} login`, () => {
    for (const [name, run] of Object.entries(OPERATIONS)) {
      if (offered(name, login)) {
        test(`${name} works`, async () => {
          await run(make(), login);
          if (login === "instagram") {
            const calls = sandbox.requests.filter((r) => r.batchIndex === undefined);
            assert.ok(calls.length > 0 && calls.every((r) => r.query.access_token === ids.instagramAccessToken || r.form?.access_token === ids.instagramAccessToken || r.headers.authorization === `OAuth ${ids.instagramAccessToken}`), `${name}: every request carries the Instagram token`);
          }
        });
      } else {
        test(`${name} is refused before any request`, async () => {
          const c = make();
          const call = () => c[name](...(REFUSED_ARGS[name] ?? [ids.igUserId, ids.igUsername]));
          const e = name.startsWith("iter") ? (() => { try { call(); } catch (x) { return x; } })() : await call().then(() => null, (x) => x);
          assert.ok(e instanceof TypeError, `${name}: ${e}`);
          assert.ok(e.message.startsWith(`${name}: is not offered by the Instagram API with Instagram Login (login: "instagram")`), e.message);
          assert.equal(sandbox.requests.length, 0, "nothing was sent");
        });
      }
    }
  });
}

test("what the client refuses, the sandbox refuses too, as Meta does (Instagram Login)", async () => {
  const ig = FLAVOURS.instagram();
  for (const [path, params, want] of [
    ["ig_hashtag_search", { user_id: ids.igUserId, q: "coffee" }, /Unsupported get request/],
    [`${ids.igUserId}/recently_searched_hashtags`, {}, /Unsupported get request/],
    ["me/accounts", {}, /nonexisting field \(accounts\)/],
    ["me", { fields: `business_discovery.username(${ids.discoveryUsername}){username}` }, /nonexisting field \(business_discovery\)/],
  ]) {
    const e = await ig.get(path, params).catch((x) => x);
    assert.equal(e.code, 100, `${path}: ${e}`);
    assert.match(e.message, want);
  }
  // and Facebook Login has no user_id on the account, nor subscriptions on it
  const fb = FLAVOURS.facebook();
  assert.match((await fb.getUser(ids.igUserId, { fields: "user_id" }).catch((x) => x)).message, /nonexisting field \(user_id\)/);
  assert.equal((await fb.get(`${ids.igUserId}/subscribed_apps`).catch((x) => x)).code, 100);
});
