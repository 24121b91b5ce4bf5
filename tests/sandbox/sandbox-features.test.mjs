// Tests of the sandbox's Instagram features: comments, mentions, insights, hashtags, business
// discovery, stories/tags/live, publishing and containers, the resumable upload host, OAuth,
// debug_token and webhook subscriptions.
//
// Run: node --test tests/sandbox/

import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createSandbox } from "../../pkg-template/sandbox/node.js";
import { BASE, TOKEN, TS_RE, graph, collectAll } from "./helpers.mjs";

const sb = createSandbox();
const api = graph(sb.fetch);
const ids = sb.ids;

describe("comments", () => {
  beforeEach(() => sb.reset());

  it("lists top-level comments newest first with Meta's default fields", async () => {
    const r = await api.get(`/${ids.firstMediaId}/comments`);
    assert.equal(r.status, 200);
    assert.ok(r.body.data.length > 0 && r.body.data.length <= 12);
    for (const c of r.body.data) {
      assert.deepEqual(Object.keys(c), ["timestamp", "text", "id"]);
      assert.match(c.timestamp, TS_RE);
      assert.match(c.id, /^\d{17}$/);
    }
    const ts = r.body.data.map((c) => c.timestamp);
    assert.deepEqual(ts, [...ts].sort().reverse());
  });

  it("exposes comment fields, replies and from{id,username}", async () => {
    const r = await api.get(`/${ids.commentId}`, { fields: "id,text,username,timestamp,like_count,hidden,from{id,username},media{id},replies{id,text,username,parent_id}" });
    const c = r.body;
    assert.equal(c.id, ids.commentId);
    assert.equal(typeof c.text, "string");
    assert.equal(typeof c.hidden, "boolean");
    assert.ok(Number.isInteger(c.like_count));
    assert.deepEqual(Object.keys(c.from), ["id", "username"]);
    assert.equal(c.from.username, c.username);
    assert.deepEqual(c.media, { id: sb.state.comments.get(ids.commentId).mediaId });
    assert.ok(c.replies.data.length >= 1);
    assert.equal(c.replies.data[0].id, ids.replyId);
    assert.equal(c.replies.data[0].parent_id, ids.commentId);
    const replies = await api.get(`/${ids.commentId}/replies`, { fields: "id" });
    assert.deepEqual(replies.body.data.map((x) => x.id), c.replies.data.map((x) => x.id));
    assert.ok(
      (await api.get(`/${ids.firstMediaId}/comments`, { fields: "id,text" })).body.data.every((x) => x.text.length > 0),
    );
  });

  it("creates comments and replies, keeping comments_count consistent", async () => {
    const count = async () => (await api.get(`/${ids.firstMediaId}`, { fields: "comments_count" })).body.comments_count;
    const n0 = await count();
    const created = await api.post(`/${ids.firstMediaId}/comments`, { message: "Thanks for stopping by! ☕" });
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body), ["id"]);
    const list = await api.get(`/${ids.firstMediaId}/comments`, { fields: "id,text,username,from{id}" });
    assert.equal(list.body.data[0].id, created.body.id);
    assert.equal(list.body.data[0].text, "Thanks for stopping by! ☕");
    assert.equal(list.body.data[0].username, "sandbox.coffee");
    assert.equal(list.body.data[0].from.id, ids.igUserId);
    assert.equal(await count(), n0 + 1);

    const reply = await api.post(`/${created.body.id}/replies`, { message: "@someone see you soon" });
    assert.match(reply.body.id, /^\d{17}$/);
    const replies = await api.get(`/${created.body.id}/replies`, { fields: "id,text" });
    assert.deepEqual(replies.body.data.map((x) => x.id), [reply.body.id]);
    assert.equal(await count(), n0 + 2);

    // A reply to a reply attaches to the top-level comment.
    const nested = await api.post(`/${reply.body.id}/replies`, { message: "nested" });
    assert.equal(sb.state.comments.get(nested.body.id).parentId, created.body.id);

    const missing = await api.post(`/${ids.firstMediaId}/comments`, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.message, "(#100) The parameter message is required");
  });

  it("hides and unhides a comment, recording what arrived", async () => {
    assert.deepEqual((await api.post(`/${ids.commentId}`, { hide: "true" })).body, { success: true });
    assert.equal((await api.get(`/${ids.commentId}`, { fields: "hidden" })).body.hidden, true);
    assert.deepEqual((await api.post(`/${ids.commentId}`, { hide: "false" })).body, { success: true });
    assert.equal(sb.state.comments.get(ids.commentId).hidden, false);
    assert.equal(sb.requests.at(-1).form.hide, "false");
    assert.equal((await api.post(`/${ids.commentId}`, { hide: "maybe" })).body.error.code, 100);
  });

  it("deletes a comment with its replies", async () => {
    const count = async () => (await api.get(`/${ids.firstMediaId}`, { fields: "comments_count" })).body.comments_count;
    const mediaId = sb.state.comments.get(ids.commentId).mediaId;
    const before = (await api.get(`/${mediaId}`, { fields: "comments_count" })).body.comments_count;
    const replies = sb.state.comments.get(ids.commentId).replyIds.length;
    assert.deepEqual((await api.del(`/${ids.commentId}`)).body, { success: true });
    const r = await api.get(`/${ids.commentId}`);
    assert.equal(r.body.error.code, 100);
    assert.equal(r.body.error.error_subcode, 33);
    assert.equal((await api.get(`/${ids.replyId}`)).status, 400);
    assert.equal((await api.get(`/${mediaId}`, { fields: "comments_count" })).body.comments_count, before - 1 - replies);
    await count();
  });

  it("turns comments off and on for a media", async () => {
    assert.deepEqual((await api.post(`/${ids.firstMediaId}`, { comment_enabled: "false" })).body, { success: true });
    assert.equal((await api.get(`/${ids.firstMediaId}`, { fields: "is_comment_enabled" })).body.is_comment_enabled, false);
    await api.post(`/${ids.firstMediaId}`, { comment_enabled: true }, { json: true });
    assert.equal(sb.state.media.get(ids.firstMediaId).is_comment_enabled, true);
    assert.equal((await api.post(`/${ids.firstMediaId}`, {})).body.error.message, "(#100) The parameter comment_enabled is required");
  });

  it("pages through comments with cursors", async () => {
    const { items } = await collectAll(api, `/${ids.firstMediaId}/comments`, { limit: 3 });
    assert.equal(items.length, sb.state.media.get(ids.firstMediaId).commentIds.length);
  });
});

describe("mentions", () => {
  beforeEach(() => sb.reset());

  it("reads mentioned_media and mentioned_comment through field expansion", async () => {
    const m = await api.get(`/${ids.igUserId}`, { fields: `mentioned_media.media_id(${ids.mentionedMediaId}){caption,media_type,timestamp,username,comments_count,like_count}` });
    assert.equal(m.status, 200);
    assert.match(m.body.mentioned_media.caption, /@sandbox\.coffee/);
    assert.equal(m.body.mentioned_media.id, ids.mentionedMediaId);
    assert.notEqual(m.body.mentioned_media.username, "sandbox.coffee");
    assert.equal(m.body.id, ids.igUserId);
    const c = await api.get(`/${ids.igUserId}`, { fields: `mentioned_comment.comment_id(${ids.mentionedCommentId}){id,text,timestamp,like_count,username,media{id}}` });
    assert.match(c.body.mentioned_comment.text, /@sandbox\.coffee/);
    assert.deepEqual(Object.keys(c.body.mentioned_comment), ["id", "text", "timestamp", "like_count", "username", "media"]);
    const bad = await api.get(`/${ids.igUserId}`, { fields: `mentioned_media.media_id(${ids.firstMediaId}){caption}` });
    assert.equal(bad.status, 400);
  });

  it("replies to a mention on a media or a comment", async () => {
    const r = await api.post(`/${ids.igUserId}/mentions`, { media_id: ids.mentionedMediaId, message: "Thanks for the love!" });
    assert.equal(r.status, 200);
    const created = sb.state.comments.get(r.body.id);
    assert.equal(created.mediaId, ids.mentionedMediaId);
    assert.equal(created.parentId, null);
    const mc = sb.state.comments.get(ids.mentionedCommentId);
    const r2 = await api.post(`/${ids.igUserId}/mentions`, { media_id: mc.mediaId, comment_id: ids.mentionedCommentId, message: "🙌" });
    assert.equal(sb.state.comments.get(r2.body.id).parentId, ids.mentionedCommentId);
    assert.equal((await api.post(`/${ids.igUserId}/mentions`, { media_id: ids.mentionedMediaId })).body.error.code, 100);
    assert.equal((await api.post(`/${ids.igUserId}/mentions`, { media_id: ids.firstMediaId, message: "x" })).status, 400);
  });
});

describe("stories, tags, live media, publishing limit", () => {
  beforeEach(() => sb.reset());

  it("lists stories, tagged media and (empty) live media", async () => {
    const stories = await api.get(`/${ids.igUserId}/stories`, { fields: "id,media_type,media_product_type,media_url,timestamp,permalink" });
    assert.equal(stories.body.data.length, 3);
    assert.equal(stories.body.data[0].id, ids.storyId);
    for (const s of stories.body.data) assert.equal(s.media_product_type, "STORY");
    const tags = await api.get(`/${ids.igUserId}/tags`, { fields: "id,caption,username" });
    assert.ok(tags.body.data.length > 5);
    for (const t of tags.body.data) assert.match(t.caption, /@sandbox\.coffee/);
    assert.deepEqual((await api.get(`/${ids.igUserId}/live_media`)).body, { data: [] });
    sb.state.igUsers.get(ids.igUserId).liveIds.push(ids.videoMediaId);
    assert.equal((await api.get(`/${ids.igUserId}/live_media`)).body.data.length, 1);
  });

  it("reports the publishing quota", async () => {
    const r = await api.get(`/${ids.igUserId}/content_publishing_limit`, { fields: "quota_usage,config" });
    assert.deepEqual(r.body, { data: [{ quota_usage: 0, config: { quota_total: 100, quota_duration: 86400 } }] });
    assert.deepEqual((await api.get(`/${ids.igUserId}/content_publishing_limit`, { fields: "quota_usage" })).body, { data: [{ quota_usage: 0 }] });
  });
});

describe("insights", () => {
  it("media insights are consistent with like and comment counts", async () => {
    const m = (await api.get(`/${ids.imageMediaId}`, { fields: "like_count,comments_count" })).body;
    const r = await api.get(`/${ids.imageMediaId}/insights`, { metric: "reach,likes,comments,saved,shares,views,total_interactions,profile_visits,follows" });
    assert.equal(r.status, 200);
    const v = Object.fromEntries(r.body.data.map((x) => [x.name, x.values[0].value]));
    assert.equal(v.likes, m.like_count);
    assert.equal(v.comments, m.comments_count);
    assert.equal(v.total_interactions, v.likes + v.comments + v.saved + v.shares);
    assert.ok(v.reach > v.likes);
    assert.ok(v.views >= v.reach);
    for (const row of r.body.data) {
      assert.equal(row.period, "lifetime");
      assert.equal(typeof row.title, "string");
      assert.equal(typeof row.description, "string");
      assert.equal(row.id, `${ids.imageMediaId}/insights/${row.name}/lifetime`);
    }
  });

  it("media insights validate metrics", async () => {
    let r = await api.get(`/${ids.imageMediaId}/insights`, { metric: "impressions" });
    assert.equal(r.body.error.code, 100);
    assert.match(r.body.error.message, /impressions/);
    r = await api.get(`/${ids.imageMediaId}/insights`, { metric: "reach,bogus" });
    assert.match(r.body.error.message, /metric\[1\] must be one of/);
    r = await api.get(`/${ids.imageMediaId}/insights`, { metric: "navigation" });
    assert.equal(r.status, 400);
    r = await api.get(`/${ids.imageMediaId}/insights`, {});
    assert.equal(r.body.error.message, "(#100) The parameter metric is required");
    r = await api.get(`/${ids.videoMediaId}/insights`, { metric: "ig_reels_avg_watch_time,views" });
    assert.equal(r.status, 200);
    r = await api.get(`/${ids.storyId}/insights`, { metric: "reach,replies,navigation", breakdown: "story_navigation_action_type" });
    assert.equal(r.status, 400, "reach has no story_navigation_action_type breakdown");
    r = await api.get(`/${ids.storyId}/insights`, { metric: "navigation", breakdown: "story_navigation_action_type" });
    assert.equal(r.status, 200);
    const nav = r.body.data.find((x) => x.name === "navigation");
    assert.equal(nav.total_value.breakdowns[0].results.reduce((s, x) => s + x.value, 0), nav.total_value.value);
  });

  it("user insights: 30-day time series with end_time", async () => {
    const r = await api.get(`/${ids.igUserId}/insights`, { metric: "reach,views,follower_count", period: "day" });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data.map((x) => x.name), ["reach", "views", "follower_count"]);
    for (const row of r.body.data) {
      assert.equal(row.values.length, 30);
      assert.equal(row.period, "day");
      assert.equal(row.id, `${ids.igUserId}/insights/${row.name}/day`);
      for (const v of row.values) {
        assert.match(v.end_time, TS_RE);
        assert.ok(Number.isInteger(v.value) && v.value >= 0);
      }
      const ends = row.values.map((v) => v.end_time);
      assert.deepEqual(ends, [...ends].sort());
    }
    assert.ok(new URL(r.body.paging.previous).searchParams.get("since"));
    assert.ok(new URL(r.body.paging.next).searchParams.get("until"));
    const again = await api.get(`/${ids.igUserId}/insights`, { metric: "reach", period: "day" });
    assert.deepEqual(again.body.data[0].values, r.body.data[0].values, "deterministic");
  });

  it("user insights: since/until bounds, at most 30 days apart", async () => {
    // A day end (08:00 UTC) 20 days before the sandbox's now.
    const d = new Date(sb.now() - 20 * 86400000);
    const until = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8) / 1000;
    const r = await api.get(`/${ids.igUserId}/insights`, { metric: "reach", period: "day", since: until - 7 * 86400, until });
    assert.equal(r.body.data[0].values.length, 7);
    assert.equal(r.body.data[0].values.at(-1).end_time, new Date(until * 1000).toISOString().replace(".000Z", "+0000"));
    const bad = await api.get(`/${ids.igUserId}/insights`, { metric: "reach", period: "day", since: until - 40 * 86400, until });
    assert.equal(bad.body.error.code, 100);
  });

  it("user insights: total_value with breakdowns that sum to the value", async () => {
    const r = await api.get(`/${ids.igUserId}/insights`, { metric: "reach,accounts_engaged,total_interactions", period: "day", metric_type: "total_value", breakdown: "media_product_type" });
    assert.equal(r.status, 400, "accounts_engaged has no media_product_type breakdown");
    const ok = await api.get(`/${ids.igUserId}/insights`, { metric: "reach,total_interactions", period: "day", metric_type: "total_value", breakdown: "media_product_type" });
    assert.equal(ok.status, 200);
    for (const row of ok.body.data) {
      const { value, breakdowns } = row.total_value;
      assert.ok(value > 0);
      assert.deepEqual(breakdowns[0].dimension_keys, ["media_product_type"]);
      assert.equal(breakdowns[0].results.reduce((s, x) => s + x.value, 0), value);
      for (const res of breakdowns[0].results) assert.equal(res.dimension_values.length, 1);
    }
    const plain = await api.get(`/${ids.igUserId}/insights`, { metric: "accounts_engaged", period: "day", metric_type: "total_value" });
    assert.ok(Number.isInteger(plain.body.data[0].total_value.value));
    const needsType = await api.get(`/${ids.igUserId}/insights`, { metric: "accounts_engaged", period: "day" });
    assert.match(needsType.body.error.message, /metric_type=total_value/);
  });

  it("user insights: follower and engaged audience demographics", async () => {
    const followers = (await api.get(`/${ids.igUserId}`, { fields: "followers_count" })).body.followers_count;
    for (const breakdown of ["age", "city", "country", "gender"]) {
      const r = await api.get(`/${ids.igUserId}/insights`, { metric: "follower_demographics", period: "lifetime", metric_type: "total_value", timeframe: "this_month", breakdown });
      assert.equal(r.status, 200, breakdown);
      const [bd] = r.body.data[0].total_value.breakdowns;
      assert.deepEqual(bd.dimension_keys, [breakdown]);
      const sum = bd.results.reduce((s, x) => s + x.value, 0);
      if (breakdown === "age" || breakdown === "gender") {
        assert.equal(sum, followers);
      } else {
        // Meta returns the top 45 only, so the parts sum to less than the followers.
        assert.equal(bd.results.length, 45, breakdown);
        assert.ok(sum < followers && sum > followers * 0.9, `${breakdown}: ${sum} of ${followers}`);
        const values = bd.results.map((x) => x.value);
        assert.deepEqual(values, [...values].sort((a, b) => b - a), "the top 45, largest first");
      }
    }
    const engaged = await api.get(`/${ids.igUserId}/insights`, { metric: "engaged_audience_demographics", period: "lifetime", metric_type: "total_value", timeframe: "this_week", breakdown: "country" });
    assert.equal(engaged.status, 200);
    const noTf = await api.get(`/${ids.igUserId}/insights`, { metric: "follower_demographics", period: "lifetime", metric_type: "total_value", breakdown: "age" });
    assert.equal(noTf.body.error.code, 100);
    const old = await api.get(`/${ids.igUserId}/insights`, { metric: "follower_demographics", period: "lifetime", metric_type: "total_value", breakdown: "age", timeframe: "last_30_days" });
    assert.equal(old.body.error.code, 100);
    const wrongPeriod = await api.get(`/${ids.igUserId}/insights`, { metric: "follower_demographics", period: "day", metric_type: "total_value", breakdown: "age", timeframe: "this_week" });
    assert.equal(wrongPeriod.status, 400);
  });

  it("user insights reject removed metrics and a missing period", async () => {
    assert.match((await api.get(`/${ids.igUserId}/insights`, { metric: "impressions", period: "day" })).body.error.message, /impressions/);
    assert.match((await api.get(`/${ids.igUserId}/insights`, { metric: "profile_views", period: "day" })).body.error.message, /profile_views/);
    assert.equal((await api.get(`/${ids.igUserId}/insights`, { metric: "reach" })).body.error.message, "(#100) The parameter period is required");
  });
});

describe("hashtags", () => {
  beforeEach(() => sb.reset());

  it("searches a hashtag and records it as recently searched", async () => {
    const r = await api.get("/ig_hashtag_search", { user_id: ids.igUserId, q: "espresso" });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ["data"]);
    assert.equal(r.body.data.length, 1);
    assert.deepEqual(Object.keys(r.body.data[0]), ["id"]);
    assert.match(r.body.data[0].id, /^\d{17}$/);
    assert.deepEqual((await api.get("/ig_hashtag_search", { user_id: ids.igUserId, q: "#Coffee" })).body, { data: [{ id: ids.hashtagId }] });
    assert.deepEqual((await api.get("/ig_hashtag_search", { user_id: ids.igUserId, q: "nosuchhashtagatall" })).body, { data: [] });
    const recent = await api.get(`/${ids.igUserId}/recently_searched_hashtags`);
    assert.deepEqual(recent.body.data[0], { id: ids.hashtagId, name: "coffee" });
    assert.equal(recent.body.data[1].name, "espresso");
    assert.equal((await api.get("/ig_hashtag_search", { q: "coffee" })).body.error.message, "(#100) The parameter user_id is required");
  });

  it("reads the hashtag node", async () => {
    assert.deepEqual((await api.get(`/${ids.hashtagId}`, { fields: "id,name" })).body, { id: ids.hashtagId, name: "coffee" });
  });

  it("pages through top_media and recent_media (user_id required, max 50, after cursors only)", async () => {
    const path = `/${ids.hashtagId}/top_media`;
    assert.equal((await api.get(path)).body.error.message, "(#100) The parameter user_id is required");
    const first = await api.get(path, { user_id: ids.igUserId, limit: 100, fields: "id,caption,like_count,comments_count,media_type,media_product_type,media_url,permalink,timestamp,children{media_url}" });
    assert.equal(first.body.data.length, 50);
    assert.deepEqual(Object.keys(first.body.paging.cursors), ["after"]);
    assert.equal(first.body.paging.previous, undefined);
    const likes = first.body.data.map((m) => m.like_count);
    assert.deepEqual(likes, [...likes].sort((a, b) => b - a), "top media by popularity");
    for (const m of first.body.data) assert.match(m.caption, /#coffee\b/);
    const { items } = await collectAll(api, path, { user_id: ids.igUserId, limit: 50 });
    assert.equal(new Set(items.map((m) => m.id)).size, items.length);
    assert.ok(items.length >= 100);
    const noUser = await api.get(path, { user_id: ids.igUserId, fields: "username" });
    assert.equal(noUser.body.error.code, 100, "hashtag media have no username");

    const recent = await api.get(`/${ids.hashtagId}/recent_media`, { user_id: ids.igUserId, fields: "timestamp" });
    const ts = recent.body.data.map((m) => m.timestamp);
    assert.deepEqual(ts, [...ts].sort().reverse());
    const dayAgo = sb.now() - 24 * 3600000;
    assert.ok(ts.every((t) => Date.parse(t.replace("+0000", "Z")) >= dayAgo), "published in the last 24 h");
  });
});

describe("business discovery", () => {
  it("reads another account's public data and media with cursor modifiers", async () => {
    const f = (after) =>
      `business_discovery.username(${ids.discoveryUsername}){username,name,followers_count,media_count,media.limit(30)${after ? `.after(${after})` : ""}{id,caption,like_count,comments_count,media_type,permalink,timestamp}}`;
    const r = await api.get(`/${ids.igUserId}`, { fields: f() });
    assert.equal(r.status, 200);
    const bd = r.body.business_discovery;
    assert.equal(bd.username, ids.discoveryUsername);
    assert.equal(bd.media_count, 80);
    assert.match(bd.id, /^\d{17}$/);
    assert.equal(bd.media.data.length, 30);
    const seen = bd.media.data.map((m) => m.id);
    let cursor = bd.media.paging.cursors.after;
    while (cursor) {
      const page = (await api.get(`/${ids.igUserId}`, { fields: f(cursor) })).body.business_discovery.media;
      seen.push(...page.data.map((m) => m.id));
      cursor = page.paging.cursors.after;
    }
    assert.equal(seen.length, 80);
    assert.equal(new Set(seen).size, 80);
    assert.equal(r.body.id, ids.igUserId);
  });

  it("answers 110/2207013 for private and unknown accounts", async () => {
    for (const username of [ids.privateUsername, "nobody.here.at.all"]) {
      const r = await api.get(`/${ids.igUserId}`, { fields: `business_discovery.username(${username}){followers_count}` });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 110);
      assert.equal(r.body.error.error_subcode, 2207013);
      assert.equal(r.body.error.error_user_title, "Cannot find User");
    }
  });
});

describe("publishing", () => {
  beforeEach(() => sb.reset());
  const status = async (id) => (await api.get(`/${id}`, { fields: "id,status_code,status" })).body;

  it("publishes an image: FINISHED at once, new media first, quota grows", async () => {
    const before = (await api.get(`/${ids.firstMediaId}`, { fields: "timestamp" })).body.timestamp;
    const c = await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/latte.jpg", caption: "Fresh latte art #latteart" });
    assert.equal(c.status, 200);
    assert.deepEqual(Object.keys(c.body), ["id"]);
    assert.deepEqual(await status(c.body.id), {
      id: c.body.id,
      status_code: "FINISHED",
      status: "Finished: Media has been uploaded and it is ready to be published.",
    });
    const p = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: c.body.id });
    assert.equal(p.status, 200);
    assert.match(p.body.id, /^\d{18}$/);
    const first = await api.get(`/${ids.igUserId}/media`, { limit: 1, fields: "id,caption,media_type,media_product_type,timestamp,like_count,comments_count" });
    assert.equal(first.body.data[0].id, p.body.id);
    assert.equal(first.body.data[0].caption, "Fresh latte art #latteart");
    assert.equal(first.body.data[0].media_type, "IMAGE");
    assert.ok(first.body.data[0].timestamp > before, "published after the newest post");
    assert.ok(Math.abs(Date.parse(first.body.data[0].timestamp.replace("+0000", "Z")) - sb.now()) < 5000, "dated by the clock");
    assert.ok(BigInt(p.body.id) > BigInt(ids.firstMediaId));
    assert.equal((await api.get(`/${ids.igUserId}`, { fields: "media_count" })).body.media_count, 241);
    assert.equal((await api.get(`/${ids.igUserId}/content_publishing_limit`)).body.data[0].quota_usage, 1);
    assert.equal((await status(c.body.id)).status_code, "PUBLISHED");
    const again = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: c.body.id });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 24);
  });

  it("a reel is IN_PROGRESS for pollsUntilFinished reads, and cannot be published before", async () => {
    const c = await api.post(`/${ids.igUserId}/media`, { video_url: "https://cdn.example/reel.mp4", media_type: "REELS", caption: "Steaming oat milk" });
    const early = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: c.body.id });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.code, 9007);
    assert.equal(early.body.error.error_subcode, 2207027);
    assert.equal(early.body.error.error_user_title, "Media ID is not available");
    assert.equal(early.body.error.error_user_msg, "The media is not ready for publishing, please wait for a moment");
    assert.equal(early.body.error.is_transient, false);
    assert.equal((await status(c.body.id)).status_code, "IN_PROGRESS");
    assert.equal((await status(c.body.id)).status_code, "IN_PROGRESS");
    assert.equal((await status(c.body.id)).status_code, "FINISHED");
    const p = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: c.body.id });
    const m = (await api.get(`/${p.body.id}`, { fields: "media_type,media_product_type,thumbnail_url" })).body;
    assert.equal(m.media_type, "VIDEO");
    assert.equal(m.media_product_type, "REELS");
    assert.match(m.thumbnail_url, /^data:image\/svg\+xml,/);
  });

  it("pollsUntilFinished: 0 finishes videos at once", async () => {
    const fast = createSandbox({ pollsUntilFinished: 0 });
    const a = graph(fast.fetch);
    const c = await a.post(`/${fast.ids.igUserId}/media`, { video_url: "https://cdn.example/v.mp4", media_type: "REELS" });
    assert.equal((await a.get(`/${c.body.id}`, { fields: "status_code" })).body.status_code, "FINISHED");
  });

  it("URLs containing error/expired end in ERROR/EXPIRED", async () => {
    const bad = await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/error.jpg" });
    const s = await status(bad.body.id);
    assert.equal(s.status_code, "ERROR");
    assert.equal(s.status, "Error: Media upload has failed with error code 2207052");
    const v = await api.post(`/${ids.igUserId}/media`, { video_url: "https://cdn.example/expired.mp4", media_type: "REELS" });
    await status(v.body.id);
    await status(v.body.id);
    assert.equal((await status(v.body.id)).status_code, "EXPIRED");
    const pub = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: v.body.id });
    assert.equal(pub.status, 400);
  });

  it("validates captions like Meta (2,200 code points, 30 hashtags)", async () => {
    const long = "☕".repeat(2201);
    const r = await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/a.jpg", caption: long });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 36004);
    assert.equal(r.body.error.error_subcode, 2207010);
    assert.equal(typeof r.body.error.error_user_title, "string");
    assert.equal(typeof r.body.error.error_user_msg, "string");
    assert.equal((await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/a.jpg", caption: "☕".repeat(2200) })).status, 200);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    assert.equal((await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/a.jpg", caption: tags })).body.error.code, 36004);
    assert.equal((await api.post(`/${ids.igUserId}/media`, {})).body.error.code, 100);
    assert.equal((await api.post(`/${ids.igUserId}/media`, { image_url: "x", media_type: "GIF" })).body.error.error_subcode, 2207023);
  });

  it("publishes a carousel of 2–10 items", async () => {
    const kid = async (i) =>
      (await api.post(`/${ids.igUserId}/media`, i === 1 ? { video_url: "https://cdn.example/k.mp4", media_type: "VIDEO", is_carousel_item: "true" } : { image_url: `https://cdn.example/${i}.jpg`, is_carousel_item: "true" })).body.id;
    const kids = [await kid(0), await kid(1), await kid(2)];
    const one = await api.post(`/${ids.igUserId}/media`, { media_type: "CAROUSEL", children: kids[0] });
    assert.equal(one.status, 400);
    assert.equal(one.body.error.code, 100);
    assert.equal(one.body.error.error_subcode, 2207028);
    const eleven = await api.post(`/${ids.igUserId}/media`, { media_type: "CAROUSEL", children: Array(11).fill(kids[0]).join(",") });
    assert.equal(eleven.body.error.error_subcode, 2207028);
    const car = await api.post(`/${ids.igUserId}/media`, { media_type: "CAROUSEL", children: kids.join(","), caption: "Three ways to brew" });
    assert.equal(car.status, 200);
    while ((await status(kids[1])).status_code === "IN_PROGRESS");
    let s;
    do s = await status(car.body.id);
    while (s.status_code === "IN_PROGRESS");
    assert.equal(s.status_code, "FINISHED");
    const p = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: car.body.id });
    const m = await api.get(`/${p.body.id}`, { fields: "media_type,caption,children{media_type}" });
    assert.equal(m.body.media_type, "CAROUSEL_ALBUM");
    assert.deepEqual(m.body.children.data.map((c) => c.media_type), ["IMAGE", "VIDEO", "IMAGE"]);
    assert.equal((await api.get(`/${ids.igUserId}/content_publishing_limit`)).body.data[0].quota_usage, 1, "a carousel counts once");
  });

  it("accepts JSON bodies with a Bearer header (children as a JSON array)", async () => {
    const bearer = graph(sb.fetch, { token: null });
    const h = { headers: { authorization: `Bearer ${TOKEN}` }, json: true };
    const a = await bearer.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/1.jpg", is_carousel_item: true }, h);
    const b = await bearer.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/2.jpg", is_carousel_item: true }, h);
    const car = await bearer.post(`/${ids.igUserId}/media`, { media_type: "CAROUSEL", children: [a.body.id, b.body.id] }, h);
    assert.equal(car.status, 200);
    assert.deepEqual(sb.state.containers.get(car.body.id).children, [a.body.id, b.body.id]);
  });

  it("publishes stories to /stories, not /media", async () => {
    const c = await api.post(`/${ids.igUserId}/media`, { image_url: "https://cdn.example/s.jpg", media_type: "STORIES" });
    const p = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: c.body.id });
    assert.equal((await api.get(`/${ids.igUserId}/stories`)).body.data[0].id, p.body.id);
    assert.notEqual((await api.get(`/${ids.igUserId}/media`, { limit: 1 })).body.data[0].id, p.body.id);
  });
});

describe("resumable upload host", () => {
  beforeEach(() => sb.reset());
  const auth = { authorization: `OAuth ${TOKEN}` };

  async function createSession(base = BASE) {
    const r = await graph(sb.fetch, { base }).post(`/${ids.igUserId}/media`, { media_type: "REELS", upload_type: "resumable", caption: "Upload test" });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ["id", "uri"]);
    return r.body;
  }

  it("returns a rupload uri for graph.facebook.com and the request origin elsewhere", async () => {
    const a = await createSession();
    assert.equal(a.uri, `https://rupload.facebook.com/ig-api-upload/v27.0/${a.id}`);
    const b = await createSession("http://127.0.0.1:9/v26.0");
    assert.equal(b.uri, `http://127.0.0.1:9/ig-api-upload/v26.0/${b.id}`);
    const custom = createSandbox({ uploadBaseUrl: "https://upload.example/" });
    const c = await graph(custom.fetch).post(`/${custom.ids.igUserId}/media`, { media_type: "REELS", upload_type: "resumable" });
    assert.equal(c.body.uri, `https://upload.example/ig-api-upload/v27.0/${c.body.id}`);
  });

  it("appends chunks at their offset, reports the offset, and stores the bytes", async () => {
    const { id, uri } = await createSession();
    const data = new Uint8Array(1000).map((_, i) => (i * 7) % 256);
    const post = (offset, chunk) => sb.fetch(uri, { method: "POST", headers: { ...auth, offset: String(offset), file_size: String(data.length) }, body: chunk });

    let res = await post(0, data.subarray(0, 400));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { success: true, message: "Upload successful." });
    res = await sb.fetch(uri, { headers: auth });
    assert.deepEqual(await res.json(), { id, offset: 400, file_size: 1000 });
    assert.equal((await api.get(`/${id}`, { fields: "status_code" })).body.status_code, "IN_PROGRESS");

    res = await post(300, data.subarray(300, 500));
    assert.equal(res.status, 400);
    const failure = await res.json();
    assert.equal(failure.debug_info.retriable, false);
    assert.equal(failure.debug_info.type, "ProcessingFailedError");
    assert.equal(typeof failure.debug_info.message, "string");

    res = await post(400, data.subarray(400));
    assert.deepEqual(await res.json(), { success: true, message: "Upload successful." });
    const up = sb.state.uploads.get(id);
    assert.deepEqual(up.bytes, data);
    assert.equal(up.complete, true);
    assert.deepEqual(await (await sb.fetch(uri, { headers: auth })).json(), { id, offset: 1000, file_size: 1000 });

    // The container processes for pollsUntilFinished reads after the upload.
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await api.get(`/${id}`, { fields: "status_code" })).body.status_code);
    assert.deepEqual(codes, ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"]);
    const p = await api.post(`/${ids.igUserId}/media_publish`, { creation_id: id });
    assert.equal(p.status, 200);
  });

  it("polls before the upload completes do not count", async () => {
    const { id, uri } = await createSession();
    for (let i = 0; i < 5; i++) await api.get(`/${id}`, { fields: "status_code" });
    await sb.fetch(uri, { method: "POST", headers: { ...auth, offset: "0", file_size: "3" }, body: new Uint8Array([1, 2, 3]) });
    assert.equal((await api.get(`/${id}`, { fields: "status_code" })).body.status_code, "IN_PROGRESS");
  });

  it("refuses unauthorized uploads and unknown sessions", async () => {
    const { uri } = await createSession();
    let res = await sb.fetch(uri, { method: "POST", headers: { offset: "0", file_size: "1" }, body: new Uint8Array([1]) });
    assert.equal(res.status, 400);
    assert.match((await res.json()).debug_info.message, /unauthorized user request/);
    res = await sb.fetch(`https://rupload.facebook.com/ig-api-upload/v27.0/1234`, { method: "POST", headers: { ...auth, offset: "0", file_size: "1" }, body: new Uint8Array([1]) });
    assert.equal(res.status, 400);
  });

  it("accepts a file_url instead of bytes", async () => {
    const { id, uri } = await createSession();
    const res = await sb.fetch(uri, { method: "POST", headers: { ...auth, file_url: "https://cdn.example/video.mp4" } });
    assert.deepEqual(await res.json(), { success: true, message: "Upload successful." });
    assert.equal(sb.state.uploads.get(id).fileUrl, "https://cdn.example/video.mp4");
  });

  it("faults apply to the upload path", async () => {
    const { id, uri } = await createSession();
    sb.fault({ path: `/ig-api-upload/${id}`, status: 503 });
    const res = await sb.fetch(uri, { method: "POST", headers: { ...auth, offset: "0", file_size: "1" }, body: new Uint8Array([1]) });
    assert.equal(res.status, 503);
    assert.equal(sb.state.uploads.get(id).offset, 0);
  });

  describe("over loopback HTTP", () => {
    let server;
    before(async () => {
      server = await sb.listen();
    });
    after(() => server.close());

    it("uploads 300 KB in chunks byte for byte", async () => {
      const r = await graph(fetch, { base: `${server.url}/v27.0` }).post(`/${ids.igUserId}/media`, { media_type: "REELS", upload_type: "resumable" });
      assert.equal(r.body.uri, `${server.url}/ig-api-upload/v27.0/${r.body.id}`);
      const data = new Uint8Array(randomBytes(300 * 1024));
      const chunk = 64 * 1024;
      for (let offset = 0; offset < data.length; offset += chunk) {
        const res = await fetch(r.body.uri, {
          method: "POST",
          headers: { ...auth, offset: String(offset), file_size: String(data.length) },
          body: data.subarray(offset, offset + chunk),
        });
        assert.equal(res.status, 200);
        await res.arrayBuffer();
      }
      assert.ok(Buffer.from(sb.state.uploads.get(r.body.id).bytes).equals(Buffer.from(data)));
      const state = await (await fetch(r.body.uri, { headers: auth })).json();
      assert.deepEqual(state, { id: r.body.id, offset: data.length, file_size: data.length });
    });
  });
});

describe("oauth and debug_token", () => {
  beforeEach(() => sb.reset());
  const anon = graph(sb.fetch, { token: null });
  const client = { client_id: "138483919580948", client_secret: "any-secret", redirect_uri: "https://app.example/callback" };

  it("exchanges a code once for a working user token", async () => {
    const r = await anon.get("/oauth/access_token", { ...client, code: "AQD-sandbox-code" });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ["access_token", "token_type", "expires_in"]);
    assert.equal(r.body.token_type, "bearer");
    assert.ok(r.body.expires_in > 0);
    assert.equal((await graph(sb.fetch, { token: r.body.access_token }).get("/me")).status, 200);
    const reuse = await anon.get("/oauth/access_token", { ...client, code: "AQD-sandbox-code" });
    assert.equal(reuse.body.error.code, 100);
    assert.equal(reuse.body.error.error_subcode, 36009);
    assert.equal((await anon.get("/oauth/access_token", { ...client, redirect_uri: undefined, code: "c2" })).body.error.code, 100, "redirect_uri=undefined is a bad URI");
    const { redirect_uri, ...noRedirect } = client;
    assert.equal((await anon.get("/oauth/access_token", { ...noRedirect, code: "c3" })).body.error.code, 191);
    assert.equal((await anon.get("/oauth/access_token", { ...client, client_id: "1", code: "c4" })).body.error.code, 101);
    assert.equal((await anon.get("/oauth/access_token", { ...client, code: "expired-code" })).body.error.error_subcode, 36007);
  });

  it("checks client_secret when appSecret is set", async () => {
    const strict = createSandbox({ appSecret: "the-secret" });
    const a = graph(strict.fetch, { token: null });
    assert.equal((await a.get("/oauth/access_token", { ...client, code: "x" })).body.error.code, 1);
    assert.equal((await a.get("/oauth/access_token", { ...client, client_secret: "the-secret", code: "x" })).status, 200);
  });

  it("exchanges for a long-lived token", async () => {
    const r = await anon.get("/oauth/access_token", { grant_type: "fb_exchange_token", client_id: client.client_id, client_secret: "s", fb_exchange_token: TOKEN });
    assert.equal(r.status, 200);
    assert.notEqual(r.body.access_token, TOKEN);
    assert.equal(r.body.expires_in, 5183944);
    assert.equal((await graph(sb.fetch, { token: r.body.access_token }).get("/me")).status, 200);
    const bad = await anon.get("/oauth/access_token", { grant_type: "fb_exchange_token", client_id: client.client_id, client_secret: "s", fb_exchange_token: "nope" });
    assert.equal(bad.body.error.code, 190);
  });

  it("debug_token describes user, Page and unknown tokens", async () => {
    const r = await api.get("/debug_token", { input_token: TOKEN });
    const d = r.body.data;
    assert.deepEqual(Object.keys(d), ["app_id", "type", "application", "data_access_expires_at", "expires_at", "is_valid", "issued_at", "scopes", "granular_scopes", "user_id"]);
    assert.equal(d.type, "USER");
    assert.equal(d.is_valid, true);
    assert.equal(d.user_id, ids.userId);
    assert.ok(d.scopes.includes("instagram_basic"));
    assert.deepEqual(d.granular_scopes.find((s) => s.scope === "instagram_basic").target_ids, [ids.igUserId]);
    assert.ok(d.expires_at > d.issued_at);
    const page = (await api.get("/debug_token", { input_token: ids.pageAccessToken })).body.data;
    assert.equal(page.type, "PAGE");
    assert.equal(page.profile_id, ids.pageId);
    const unknown = (await api.get("/debug_token", { input_token: "garbage" })).body.data;
    assert.equal(unknown.is_valid, false);
    assert.equal(unknown.error.code, 190);
    assert.equal((await api.get("/debug_token")).body.error.message, "(#100) The parameter input_token is required");
    const app = (await graph(sb.fetch, { token: `${ids.appId}|whatever` }).get("/debug_token", { input_token: TOKEN })).body.data;
    assert.equal(app.is_valid, true);
  });
});

describe("webhook subscriptions (subscribed_apps)", () => {
  beforeEach(() => sb.reset());
  const page = () => graph(sb.fetch, { token: ids.pageAccessToken });

  it("subscribes, lists and unsubscribes with a Page token", async () => {
    const path = `/${ids.pageId}/subscribed_apps`;
    assert.deepEqual((await page().get(path)).body, { data: [] });
    assert.deepEqual((await page().post(path, { subscribed_fields: "comments,mentions,story_insights" })).body, { success: true });
    const list = await page().get(path);
    assert.equal(list.body.data.length, 1);
    assert.equal(list.body.data[0].id, ids.appId);
    assert.deepEqual(list.body.data[0].subscribed_fields, ["comments", "mentions", "story_insights"]);
    assert.deepEqual((await page().del(path)).body, { success: true });
    assert.deepEqual((await page().get(path)).body, { data: [] });
  });

  it("requires the Page's own token and the fields", async () => {
    const path = `/${ids.pageId}/subscribed_apps`;
    const user = await api.post(path, { subscribed_fields: "comments" });
    assert.equal(user.status, 400);
    assert.equal(user.body.error.code, 210);
    const other = await graph(sb.fetch, { token: ids.otherPageAccessToken }).get(path);
    assert.equal(other.body.error.code, 210);
    assert.equal((await page().post(path, {})).body.error.message, "(#100) The parameter subscribed_fields is required");
  });
});

describe("tokens of every kind and both login flavours (issue 13)", () => {
  beforeEach(() => sb.reset());
  const debug = async (token) => (await api.get(`/debug_token?input_token=${encodeURIComponent(token)}&access_token=${ids.appId}%7Cs`)).body.data;
  const as = (token) => graph(sb.fetch, { token });

  it("debug_token tells each kind apart", async () => {
    assert.equal((await debug(ids.systemUserToken)).type, "SYSTEM_USER");
    assert.equal((await debug(ids.otherAppToken)).app_id, ids.otherAppId);
    const expired = await debug(ids.expiredToken);
    assert.deepEqual([expired.is_valid, expired.error.subcode], [false, 463]);
    assert.deepEqual((await debug(ids.limitedToken)).scopes, ["instagram_basic", "pages_show_list", "pages_read_engagement", "instagram_manage_comments"]);
    assert.equal((await debug(ids.instagramAccessToken)).is_valid, false, "graph.facebook.com cannot read an Instagram token");
  });

  it("/me/permissions and /me/accounts follow the token's user; an expired token is 190/463", async () => {
    const perms = (await as(ids.limitedToken).get("/me/permissions")).body.data;
    assert.deepEqual(perms.filter((p) => p.status !== "granted"), [
      { permission: "instagram_content_publish", status: "declined" },
      { permission: "instagram_manage_insights", status: "expired" },
    ]);
    const pages = (await as(ids.limitedToken).get("/me/accounts", { fields: "id,tasks" })).body.data;
    assert.deepEqual(pages[0], { id: ids.pageId, tasks: ["ANALYZE"] });
    const e = (await as(ids.expiredToken).get("/me")).body.error;
    assert.deepEqual([e.code, e.error_subcode], [190, 463]);
    const page = (await as(ids.pageAccessToken).get("/me/permissions")).body.error;
    assert.match(page.message, /nonexisting field \(permissions\) on node type \(Page\)/);
  });

  it("the instagramAccessTokens option", () => {
    assert.throws(() => createSandbox({ instagramAccessTokens: [""] }), { name: "TypeError", message: /instagramAccessTokens/ });
    assert.equal(createSandbox({ instagramAccessTokens: ["IGx"] }).ids.instagramAccessToken, "IGx");
  });
});
