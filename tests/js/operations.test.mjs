// Every typed operation of API.md end to end against the sandbox over loopback HTTP: what goes
// on the wire, what comes back, and the flows (publish, resumable upload, OAuth).
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import { InstagramClient, GraphApiError, PublishError, TimeoutError, oauth, captionStats } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";

let sandbox, server, ids, ig;

before(async () => {
  sandbox = createSandbox({ usagePerCall: 0, pollsUntilFinished: 2 });
  server = await sandbox.listen();
  ids = sandbox.ids;
});
after(() => server.close());
beforeEach(() => {
  sandbox.reset();
  ig = new InstagramClient({ accessToken: "sandbox-token", baseUrl: server.url, uploadBaseUrl: server.url });
});

const own = (r) => r.batchIndex === undefined;
const wire = () => sandbox.requests.filter(own).map((r) => ({ method: r.method, path: r.path, query: r.query, form: r.form }));
const last = () => wire().at(-1);

describe("reading", () => {
  test("media node, children, stories, tags, live media", async () => {
    const m = await ig.getMedia(ids.carouselMediaId, { fields: "id,media_type,children{media_url}" });
    assert.equal(m.media_type, "CAROUSEL_ALBUM");
    const kids = await ig.listMediaChildren(ids.carouselMediaId, { fields: ["id", "media_url"] });
    assert.ok(kids.data.length >= 2);
    assert.deepEqual(last(), { method: "GET", path: `/v27.0/${ids.carouselMediaId}/children`, query: { fields: "id,media_url", access_token: "sandbox-token" }, form: null });
    assert.ok((await ig.listStories(ids.igUserId)).data.some((s) => s.id === ids.storyId));
    assert.ok((await ig.listTags(ids.igUserId, { fields: "id" })).data.some((s) => s.id === ids.taggedMediaId));
    assert.ok(Array.isArray((await ig.listLiveMedia(ids.igUserId)).data));
    let n = 0;
    for await (const s of ig.iterStories(ids.igUserId)) if (s.id) n++;
    assert.ok(n > 0);
  });

  test("comments and replies, one page and all pages", async () => {
    const page = await ig.listComments(ids.firstMediaId, { fields: ["id", "text", "username"], limit: 2 });
    assert.ok(page.data.length <= 2);
    assert.equal(last().path, `/v27.0/${ids.firstMediaId}/comments`);
    const all = [];
    for await (const c of ig.iterComments(ids.firstMediaId, { limit: 2 })) all.push(c.id);
    assert.equal(new Set(all).size, all.length);
    const replies = await ig.listReplies(ids.commentId, { fields: "id,text" });
    assert.ok(replies.data.some((r) => r.id === ids.replyId));
  });

  test("getComment: GET /{ig-comment-id} with fields (issue 12)", async () => {
    const c = await ig.getComment(ids.commentId, { fields: ["id", "text", "username", "timestamp"] });
    assert.equal(c.id, ids.commentId);
    assert.equal(typeof c.text, "string");
    assert.deepEqual(last(), { method: "GET", path: `/v27.0/${ids.commentId}`, query: { fields: "id,text,username,timestamp", access_token: "sandbox-token" }, form: null });
    const bare = await ig.getComment(ids.replyId);
    assert.equal(bare.id, ids.replyId);
    await assert.rejects(ig.getComment(""), (e) => e instanceof TypeError && e.message.startsWith("commentId"));
    await assert.rejects(ig.getComment("1/2"), TypeError);
    assert.deepEqual(oauth.requiredPermissions("getComment"), ["instagram_basic", "instagram_manage_comments", "pages_read_engagement"]);
  });

  test("hashtags: search, top and recent media, recently searched", async () => {
    assert.equal(await ig.searchHashtag(ids.igUserId, "#coffee"), ids.hashtagId);
    assert.deepEqual(last().query, { user_id: ids.igUserId, q: "coffee", access_token: "sandbox-token" });
    assert.equal(await ig.searchHashtag(ids.igUserId, "no-such-tag-anywhere"), null);
    for (const edge of ["top_media", "recent_media"]) {
      const page = await ig.listHashtagMedia(ids.hashtagId, ids.igUserId, { edge, fields: "id,caption", limit: 5 });
      assert.ok(page.data.length > 0);
      assert.equal(last().path, `/v27.0/${ids.hashtagId}/${edge}`);
      assert.equal(last().query.user_id, ids.igUserId);
    }
    await assert.rejects(ig.listHashtagMedia(ids.hashtagId, ids.igUserId, { edge: "top_media", limit: 51 }), TypeError);
    const recent = await ig.listRecentlySearchedHashtags(ids.igUserId);
    assert.ok(recent.data.some((h) => h.name === "coffee"));
    // issue 12: the 7-day quota (30 unique hashtags), from recently_searched_hashtags?limit=30
    const quota = await ig.getHashtagSearchQuota(ids.igUserId);
    assert.deepEqual(last(), { method: "GET", path: `/v27.0/${ids.igUserId}/recently_searched_hashtags`, query: { fields: "id,name", limit: "30", access_token: "sandbox-token" }, form: null });
    assert.equal(quota.limit, 30);
    assert.equal(quota.used, recent.data.length);
    assert.equal(quota.remaining, 30 - recent.data.length);
    assert.deepEqual(quota.hashtags.map((h) => h.id).sort(), recent.data.map((h) => h.id).sort());
  });

  test("business discovery with nested media paging, mentioned media and comment", async () => {
    const bd = await ig.businessDiscovery(ids.igUserId, ids.discoveryUsername, { fields: ["username", "followers_count"], media: { fields: "id,like_count", limit: 3 } });
    assert.equal(bd.username, ids.discoveryUsername);
    assert.equal(bd.media.data.length, 3);
    const next = await ig.businessDiscovery(ids.igUserId, ids.discoveryUsername, { fields: "username", media: { fields: "id", limit: 3, after: bd.media.paging.cursors.after } });
    assert.notEqual(next.media.data[0].id, bd.media.data[0].id);
    assert.equal(last().query.fields, `business_discovery.username(${ids.discoveryUsername}){username,media.limit(3).after(${bd.media.paging.cursors.after}){id}}`);
    const priv = await ig.businessDiscovery(ids.igUserId, ids.privateUsername).catch((e) => e);
    assert.ok(priv instanceof GraphApiError);
    assert.equal(priv.code, 110);
    assert.equal(priv.subcode, 2207013);
    const mm = await ig.getMentionedMedia(ids.igUserId, ids.mentionedMediaId, { fields: "id,caption" });
    assert.equal(mm.id, ids.mentionedMediaId);
    const mc = await ig.getMentionedComment(ids.igUserId, ids.mentionedCommentId);
    assert.equal(mc.id, ids.mentionedCommentId);
  });
});

describe("moderation", () => {
  test("comment, reply, hide and unhide, delete, comments on/off, reply to a mention", async () => {
    const created = await ig.createComment(ids.firstMediaId, "Thanks for stopping by ☕");
    assert.deepEqual(last(), { method: "POST", path: `/v27.0/${ids.firstMediaId}/comments`, query: {}, form: { message: "Thanks for stopping by ☕", access_token: "sandbox-token" } });
    assert.ok(sandbox.state.comments.has(created.id));
    const reply = await ig.replyToComment(ids.commentId, "Glad you liked it");
    assert.equal(sandbox.state.comments.get(reply.id).text, "Glad you liked it");
    assert.deepEqual(await ig.hideComment(ids.commentId), { success: true });
    assert.equal(last().form.hide, "true");
    assert.equal(sandbox.state.comments.get(ids.commentId).hidden, true);
    await ig.hideComment(ids.commentId, false);
    assert.equal(last().form.hide, "false");
    assert.equal(sandbox.state.comments.get(ids.commentId).hidden, false);
    assert.deepEqual(await ig.deleteComment(created.id), { success: true });
    assert.equal(last().method, "DELETE");
    assert.equal(sandbox.state.comments.has(created.id), false);
    await ig.setCommentsEnabled(ids.firstMediaId, false);
    assert.deepEqual(last().form, { comment_enabled: "false", access_token: "sandbox-token" });
    const mentionMedia = sandbox.state.comments.get(ids.mentionedCommentId).mediaId;
    const m = await ig.replyToMention(ids.igUserId, { media_id: mentionMedia, comment_id: ids.mentionedCommentId, message: "Thank you!" });
    assert.ok(m.id);
    assert.deepEqual(last().form, { comment_id: ids.mentionedCommentId, media_id: mentionMedia, message: "Thank you!", access_token: "sandbox-token" });
    await assert.rejects(ig.hideComment(ids.commentId, "yes"), TypeError);
  });
});

describe("insights", () => {
  test("user insights: time series and total values with breakdowns", async () => {
    const series = await ig.getUserInsights(ids.igUserId, { metric: "reach", period: "day", since: 1762000000, until: 1764500000 });
    assert.ok(series.data[0].values.length > 0);
    assert.equal(typeof series.data[0].values[0].end_time, "string");
    const totals = await ig.getUserInsights(ids.igUserId, { metric: ["reach", "views"], period: "day", metric_type: "total_value", breakdown: "media_product_type" });
    assert.equal(typeof totals.data[0].total_value.value, "number");
    assert.ok(totals.data[0].total_value.breakdowns[0].results.length > 0);
    assert.deepEqual(last().query, { breakdown: "media_product_type", metric: "reach,views", metric_type: "total_value", period: "day", access_token: "sandbox-token" });
  });

  test("media insights, and removed metrics refused before sending", async () => {
    const r = await ig.getMediaInsights(ids.imageMediaId, { metric: ["reach", "likes", "saved", "shares"] });
    assert.deepEqual(r.data.map((d) => d.name), ["reach", "likes", "saved", "shares"]);
    const n = sandbox.requests.length;
    for (const metric of ["impressions", "plays", "video_views", "reach,impressions"]) {
      const e = await ig.getMediaInsights(ids.imageMediaId, { metric }).catch((x) => x);
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /`views`/);
    }
    // issue 12: a metric the media product type lacks is refused before sending, naming the fix
    const reelsOnly = await ig.getMediaInsights(ids.imageMediaId, { metric: "reach,ig_reels_avg_watch_time", media_product_type: "FEED" }).catch((x) => x);
    assert.ok(reelsOnly instanceof TypeError);
    assert.match(reelsOnly.message, /only for REELS media/);
    assert.equal(sandbox.requests.length, n, "nothing was sent");
    // the hint is never sent
    await ig.getMediaInsights(ids.imageMediaId, { metric: ["reach", "likes"], media_product_type: "FEED" });
    assert.deepEqual(last().query, { metric: "reach,likes", access_token: "sandbox-token" });
  });

  test("profile_views and website_clicks are sent (Meta still answers them; issue 12)", async () => {
    const r = await ig.getUserInsights(ids.igUserId, { metric: ["profile_views", "website_clicks"], period: "day", metric_type: "total_value" });
    assert.deepEqual(r.data.map((d) => d.name), ["profile_views", "website_clicks"]);
    assert.deepEqual(last().query, { metric: "profile_views,website_clicks", metric_type: "total_value", period: "day", access_token: "sandbox-token" });
  });
});

describe("publishing", () => {
  const opts = (stages) => ({ pollIntervalMs: 1, onProgress: (p) => stages.push(`${p.stage}:${p.statusCode ?? ""}`) });

  test("an image, a reel and a story, each through creating → processing → publishing → published", async () => {
    for (const post of [
      { image_url: "https://example.com/latte.jpg", caption: "Latte art Friday #coffee @friend" },
      { video_url: "https://example.com/pour.mp4", caption: "Pour-over in 30 seconds", share_to_feed: true },
      { media_type: "STORIES", image_url: "https://example.com/story.jpg" },
    ]) {
      const stages = [];
      const before = sandbox.state.igUsers.get(ids.igUserId).mediaIds.length;
      const out = await ig.publish(ids.igUserId, post, opts(stages));
      assert.ok(out.id && out.containerId);
      assert.equal(stages[0], "creating:");
      assert.equal(stages.at(-2), "publishing:FINISHED");
      assert.equal(stages.at(-1), "published:PUBLISHED");
      assert.ok(stages.some((s) => s.startsWith("processing:")));
      const creates = wire().filter((r) => r.method === "POST" && r.path.endsWith("/media"));
      const sent = creates.at(-1).form;
      if (post.video_url) assert.equal(sent.media_type, "REELS");
      if (post.media_type === "STORIES") assert.equal(sent.media_type, "STORIES");
      else assert.equal(sandbox.state.igUsers.get(ids.igUserId).mediaIds.length, before + 1);
      assert.deepEqual(last(), { method: "POST", path: `/v27.0/${ids.igUserId}/media_publish`, query: {}, form: { creation_id: out.containerId, access_token: "sandbox-token" } });
    }
  });

  test("a carousel creates its children first, polls them, then the parent", async () => {
    const stages = [];
    const out = await ig.publish(ids.igUserId, { children: [{ image_url: "https://example.com/1.jpg" }, { video_url: "https://example.com/2.mp4" }, { image_url: "https://example.com/3.jpg" }], caption: "Three ways to brew" }, opts(stages));
    const creates = wire().filter((r) => r.method === "POST" && r.path.endsWith("/media"));
    assert.equal(creates.length, 4);
    for (const c of creates.slice(0, 3)) assert.equal(c.form.is_carousel_item, "true");
    assert.equal(creates[1].form.media_type, "VIDEO");
    const parent = creates[3].form;
    assert.equal(parent.media_type, "CAROUSEL");
    assert.equal(parent.caption, "Three ways to brew");
    assert.equal(parent.children.split(",").length, 3);
    assert.equal(stages.filter((s) => s.startsWith("creating")).length, 4);
    assert.equal(stages.at(-1), "published:PUBLISHED");
    const media = await ig.getMedia(out.id, { fields: "media_type" });
    assert.equal(media.media_type, "CAROUSEL_ALBUM");
  });

  test("a container that ends in ERROR or EXPIRED fails fast with Meta's status text", async () => {
    const e = await ig.publish(ids.igUserId, { video_url: "https://example.com/error.mp4" }, { pollIntervalMs: 1 }).catch((x) => x);
    assert.ok(e instanceof PublishError);
    assert.equal(e.statusCode, "ERROR");
    assert.match(e.status, /2207052/);
    assert.ok(e.containerId);
    assert.equal(wire().filter((r) => r.path.endsWith("/media_publish")).length, 0, "nothing is published");
    const x = await ig.publish(ids.igUserId, { video_url: "https://example.com/expired.mp4" }, { pollIntervalMs: 1 }).catch((y) => y);
    assert.ok(x instanceof PublishError);
    assert.equal(x.statusCode, "EXPIRED");
  });

  test("every documented limit is checked locally, exactly at the edge", async () => {
    const tags = (n) => Array.from({ length: n }, (_, i) => `#t${i}`).join(" ");
    const mentions = (n) => Array.from({ length: n }, (_, i) => `@u${i}`).join(" ");
    const kids = (n) => Array.from({ length: n }, (_, i) => ({ image_url: `https://example.com/${i}.jpg` }));
    const bad = [
      [{ image_url: "u", caption: "x".repeat(2201) }, /post\.caption: is 2201 characters/],
      [{ image_url: "u", caption: tags(31) }, /31 hashtags/],
      [{ image_url: "u", caption: mentions(21) }, /21 @-mentions/],
      [{ children: kids(1) }, /post\.children: has 1 items/],
      [{ children: kids(11) }, /has 11 items/],
      [{ image_url: "u", collaborators: ["a", "b", "c", "d"] }, /post\.collaborators/],
      [{ media_type: "STORIES", image_url: "u", collaborators: ["a"] }, /not allowed on stories/],
      [{ children: [{ image_url: "a", caption: "x" }, { image_url: "b" }] }, /post\.children\[0\]\.caption/],
      [{ caption: "no media" }, /exactly one of image_url, video_url or children/],
    ];
    for (const [post, message] of bad) {
      const e = await ig.publish(ids.igUserId, post).catch((x) => x);
      assert.ok(e instanceof TypeError, String(e));
      assert.match(e.message, message);
    }
    assert.equal(sandbox.requests.length, 0, "no request was sent for an invalid post");
    // captionStats (for live form counters) counts exactly as publish checks
    assert.deepEqual(captionStats("x".repeat(2201)).over, ["chars"]);
    assert.deepEqual(captionStats(tags(31)).over, ["hashtags"]);
    assert.deepEqual(captionStats(mentions(21)).over, ["mentions"]);
    assert.deepEqual(captionStats(`${"é".repeat(2100)} ${tags(30)}`.slice(0, 2200)).over, []);
    assert.deepEqual(captionStats("# not #ok @ me@x").limits, { chars: 2200, hashtags: 30, mentions: 20 });
    assert.equal(captionStats("# not #ok @ me@x").hashtags, 1);
    const out = await ig.publish(ids.igUserId, { children: kids(10), caption: `${"é".repeat(2200 - 30 * 4 - 20 * 4)}${tags(30).replace(/ /g, "")}${mentions(20).replace(/ /g, "")}`.slice(0, 2200), collaborators: ["a", "b", "c"] }, { pollIntervalMs: 1 });
    assert.ok(out.id, "a post exactly at the limits is accepted");
  });

  test("polling gives up after pollTimeoutMs; media_publish errors keep Meta's user texts", async () => {
    const stuck = await ig.publish(ids.igUserId, { video_url: "https://example.com/slow.mp4" }, { pollIntervalMs: 40, pollTimeoutMs: 50 }).catch((x) => x);
    assert.ok(stuck instanceof TimeoutError);
    assert.match(stuck.message, /pollTimeoutMs/);
    sandbox.fault({ method: "POST", path: `/${ids.igUserId}/media_publish`, status: 400, body: { error: { message: "The media is not ready for publishing, please wait for a moment", type: "OAuthException", code: 9007, error_subcode: 2207027, error_user_title: "Media ID is not available", error_user_msg: "The media is not ready for publishing, please wait for a moment", fbtrace_id: "Ab1" } } });
    const e = await ig.publish(ids.igUserId, { image_url: "https://example.com/a.jpg" }, { pollIntervalMs: 1 }).catch((x) => x);
    assert.ok(e instanceof GraphApiError);
    assert.equal(e.code, 9007);
    assert.equal(e.subcode, 2207027);
    assert.equal(e.userTitle, "Media ID is not available");
  });

  test("containers, status and the publishing limit, one call at a time", async () => {
    const c = await ig.createContainer(ids.igUserId, { image_url: "https://example.com/a.jpg", user_tags: [{ username: "barista", x: 0.5, y: 0.5 }] });
    assert.equal(last().form.user_tags, '[{"username":"barista","x":0.5,"y":0.5}]');
    const s = await ig.getContainer(c.id);
    assert.deepEqual(last().query, { fields: "id,status_code,status", access_token: "sandbox-token" });
    assert.ok(["FINISHED", "IN_PROGRESS"].includes(s.status_code));
    const limit = await ig.getPublishingLimit(ids.igUserId);
    const before = limit.data[0].quota_usage;
    assert.equal(typeof limit.data[0].config.quota_total, "number");
    await ig.publishContainer(ids.igUserId, c.id);
    assert.equal((await ig.getPublishingLimit(ids.igUserId)).data[0].quota_usage, before + 1);
  });
});

describe("resumable upload", () => {
  const bytes = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256);

  async function resumableContainer() {
    const c = await ig.createContainer(ids.igUserId, { media_type: "REELS", upload_type: "resumable", caption: "Uploaded" });
    assert.match(c.uri, /\/ig-api-upload\/v27\.0\//);
    return c.id;
  }

  test("headers, chunks and progress; the bytes arrive exactly", async () => {
    const id = await resumableContainer();
    const data = bytes(100_000);
    const progress = [];
    const res = await ig.uploadVideo(id, data, { chunkSize: 32_768, onProgress: (p) => progress.push([p.sentBytes, p.totalBytes]) });
    assert.equal(res.success, true);
    assert.deepEqual(progress, [[32768, 100000], [65536, 100000], [98304, 100000], [100000, 100000]]);
    const posts = sandbox.requests.filter((r) => r.method === "POST" && r.path.startsWith("/ig-api-upload/"));
    assert.equal(posts.length, 4);
    assert.equal(posts[1].headers.authorization, "OAuth sandbox-token");
    assert.equal(posts[1].headers.offset, "32768");
    assert.equal(posts[1].headers.file_size, "100000");
    assert.ok(Buffer.from(sandbox.state.uploads.get(id).bytes).equals(Buffer.from(data)));
  });

  test("an upload cut off halfway resumes from the server's offset, for a buffer, a Blob and a stream", async () => {
    for (const kind of ["buffer", "blob", "stream"]) {
      sandbox.reset();
      const id = await resumableContainer();
      const data = bytes(90_000);
      sandbox.fault({ method: "POST", path: `/ig-api-upload/${id}`, drop: true, times: 1 });
      let source = data;
      if (kind === "blob") source = new Blob([data]);
      if (kind === "stream") {
        // a stream that hands out odd-sized pieces
        let at = 0;
        source = new ReadableStream({ pull(c) { if (at >= data.length) return c.close(); c.enqueue(data.subarray(at, at + 7_001)); at += 7_001; } });
      }
      const res = await ig.uploadVideo(id, source, { chunkSize: 30_000, fileSize: kind === "stream" ? data.length : undefined });
      assert.equal(res.success, true, kind);
      assert.ok(Buffer.from(sandbox.state.uploads.get(id).bytes).equals(Buffer.from(data)), `${kind}: bytes verified`);
      const statusChecks = sandbox.requests.filter((r) => r.method === "GET" && r.path.startsWith("/ig-api-upload/"));
      assert.ok(statusChecks.length >= 2, `${kind}: asked the server for its offset after the drop`);
    }
  });

  test("a stream needs fileSize; a published upload goes through publish", async () => {
    const id = await resumableContainer();
    await assert.rejects(ig.uploadVideo(id, new ReadableStream({ start(c) { c.close(); } })), /fileSize/);
    await ig.uploadVideo(id, bytes(1000));
    for (let i = 0; i < 5; i++) {
      const s = await ig.getContainer(id);
      if (s.status_code === "FINISHED") break;
    }
    const media = await ig.publishContainer(ids.igUserId, id);
    assert.ok(media.id);
  });
});

describe("login and tokens", () => {
  const co = () => ({ baseUrl: server.url });

  test("the dialog URL", () => {
    const url = new URL(oauth.loginUrl({ appId: ids.appId, redirectUri: "https://example.com/cb", state: "csrf-123", scopes: ["instagram_basic", "pages_show_list"] }));
    assert.equal(url.origin + url.pathname, "https://www.facebook.com/v27.0/dialog/oauth");
    assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: ids.appId, redirect_uri: "https://example.com/cb", state: "csrf-123", scope: "instagram_basic,pages_show_list", response_type: "code" });
    const biz = new URL(oauth.loginUrl({ appId: "1", redirectUri: "https://example.com/cb", state: "s", configId: "987", scopes: ["ignored"] }));
    assert.equal(biz.searchParams.get("config_id"), "987");
    assert.equal(biz.searchParams.get("scope"), null);
    assert.throws(() => oauth.loginUrl({ appId: "1", redirectUri: "https://example.com/cb" }), (e) => e instanceof TypeError && e.message.startsWith("state:"));
  });

  test("code exchange, long-lived exchange and debug_token; secrets stay out of errors", async () => {
    const exchanged = await oauth.exchangeCode({ appId: ids.appId, appSecret: "app-secret", redirectUri: "https://example.com/cb", code: "AQD-code-1" }, co());
    assert.equal(typeof exchanged.access_token, "string");
    assert.equal(typeof exchanged.expires_in, "number");
    const sent = sandbox.requests.filter(own).at(-1);
    assert.equal(sent.path, "/v27.0/oauth/access_token");
    assert.deepEqual(Object.keys(sent.query).sort(), ["client_id", "client_secret", "code", "redirect_uri"]);
    const long = await oauth.exchangeForLongLivedToken({ appId: ids.appId, appSecret: "app-secret", accessToken: "sandbox-token" }, co());
    assert.equal(typeof long.access_token, "string");
    assert.equal(long.token_type, "bearer");
    assert.deepEqual(last().query, { grant_type: "fb_exchange_token", client_id: ids.appId, client_secret: "app-secret", fb_exchange_token: "sandbox-token" });
    const data = await oauth.debugToken({ inputToken: "sandbox-token", appId: ids.appId, appSecret: "app-secret" }, co());
    assert.equal(data.is_valid, true);
    assert.ok(Array.isArray(data.scopes));
    assert.equal(last().query.access_token, `${ids.appId}|app-secret`);
    sandbox.fault({ path: "/oauth/access_token", status: 400, body: { error: { message: "Error validating client secret app-secret for fb_exchange_token=sandbox-token", type: "OAuthException", code: 100 } } });
    const e = await oauth.exchangeForLongLivedToken({ appId: ids.appId, appSecret: "app-secret", accessToken: "sandbox-token" }, co()).catch((x) => x);
    assert.ok(e instanceof GraphApiError);
    assertNoSecret(e, "app-secret", "sandbox-token");
  });

  test("requiredPermissions for every typed operation", () => {
    assert.deepEqual(oauth.requiredPermissions("publish"), ["instagram_basic", "instagram_content_publish", "pages_read_engagement"]);
    const ops = Object.getOwnPropertyNames(InstagramClient.prototype).filter((k) => !k.startsWith("_") && !["constructor", "get", "post", "delete", "paginate", "batch", "free", "rateLimit", "apiVersion", "diagnose"].includes(k) && typeof InstagramClient.prototype[k] === "function");
    assert.ok(ops.length >= 40, ops.join());
    for (const op of ops) assert.ok(oauth.requiredPermissions(op).includes("pages_read_engagement"), op);
    assert.throws(() => oauth.requiredPermissions("nope"), TypeError);
  });
});

describe("webhook subscriptions", () => {
  test("subscribe, list and unsubscribe a Page with its Page token", async () => {
    const opts = { pageAccessToken: ids.pageAccessToken };
    assert.deepEqual(await ig.subscribeApp(ids.pageId, ["comments", "mentions"], opts), { success: true });
    assert.deepEqual(last().form, { subscribed_fields: "comments,mentions", access_token: ids.pageAccessToken });
    const listed = await ig.listSubscribedApps(ids.pageId, opts);
    assert.deepEqual(listed.data[0].subscribed_fields, ["comments", "mentions"]);
    assert.deepEqual(await ig.unsubscribeApp(ids.pageId, opts), { success: true });
    assert.equal(last().method, "DELETE");
    assert.deepEqual((await ig.listSubscribedApps(ids.pageId, opts)).data, []);
    const wrong = await ig.listSubscribedApps(ids.pageId, { pageAccessToken: ids.otherPageAccessToken }).catch((e) => e);
    assert.ok(wrong instanceof GraphApiError);
    assertNoSecret(wrong, ids.otherPageAccessToken);
    await assert.rejects(ig.subscribeApp(ids.pageId, ["comments"], {}), /pageAccessToken/);
  });
});

function assertNoSecret(err, ...secrets) {
  const seen = [err.message, err.stack, JSON.stringify(err), JSON.stringify(err.body ?? null)];
  for (const s of secrets) for (const text of seen) assert.ok(!String(text).includes(s), `secret ${s} leaked in: ${text}`);
}
