// Tests of what the demo dashboard needs from the sandbox: data dated by an injectable clock,
// the `insights.metric(…)` field of media (insights in the same request as a page of media),
// account insights with a weekly rhythm, growth and an hourly profile, Meta's 100-follower,
// 30-day and top-45 limits, and stories that expire after 24 hours.
//
// Run: node --test tests/sandbox/

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DATA_NOW, createSandbox } from "../../pkg-template/sandbox/index.js";
import { TS_RE, collectAll, graph } from "./helpers.mjs";

const DAY = 86400000;
const ms = (ts) => Date.parse(ts.replace("+0000", "Z"));
const ts = (t) => new Date(t).toISOString().replace(".000Z", "+0000");
/** 2026-03-14T15:09:26Z: a fixed "now" for the tests that need exact dates. */
const NOW = Date.UTC(2026, 2, 14, 15, 9, 26);

describe("the sandbox's clock", () => {
  it("dates the data relative to an injected now: newest post 2 h before, stories within the day", async () => {
    const sb = createSandbox({ now: NOW });
    const api = graph(sb.fetch);
    assert.equal(sb.now(), NOW);
    const feed = (await api.get(`/${sb.ids.igUserId}/media`, { fields: "timestamp", limit: 100 })).body.data;
    assert.equal(feed[0].timestamp, "2026-03-14T13:05:00+0000");
    assert.ok(feed.every((m, i) => i === 0 || m.timestamp < feed[i - 1].timestamp));
    const stories = (await api.get(`/${sb.ids.igUserId}/stories`, { fields: "timestamp" })).body.data;
    assert.equal(stories.length, 3);
    for (const s of stories) assert.ok(ms(s.timestamp) > NOW - DAY && ms(s.timestamp) < NOW, s.timestamp);
    // The same seed and clock give the same data; another clock shifts every date by the difference.
    const later = createSandbox({ now: NOW + 7 * DAY });
    const laterFeed = (await graph(later.fetch).get(`/${later.ids.igUserId}/media`, { fields: "timestamp", limit: 100 })).body.data;
    assert.deepEqual(laterFeed.map((m) => ms(m.timestamp) - 7 * DAY), feed.map((m) => ms(m.timestamp)));
    assert.deepEqual(laterFeed.map((m) => m.id), feed.map((m) => m.id));
    // DATA_NOW, the date the data had before it followed a clock, can still be had.
    const pinned = createSandbox({ now: DATA_NOW + 2 * 3600000 });
    assert.equal((await graph(pinned.fetch).get(`/${pinned.ids.firstMediaId}`, { fields: "timestamp" })).body.timestamp, "2026-11-20T10:15:00+0000");
  });

  it("follows a clock function: stories leave /stories after 24 h, new objects take its time", async () => {
    let now = NOW;
    const sb = createSandbox({ now: () => now });
    const api = graph(sb.fetch);
    assert.equal((await api.get(`/${sb.ids.igUserId}/stories`)).body.data.length, 3);
    now = NOW + 20 * 3600000; // the oldest story (11 h old at NOW) is 31 h old
    const left = (await api.get(`/${sb.ids.igUserId}/stories`, { fields: "timestamp" })).body.data;
    assert.ok(left.length < 3 && left.every((s) => ms(s.timestamp) > now - DAY), JSON.stringify(left));
    const c = await api.post(`/${sb.ids.firstMediaId}/comments`, { message: "Thanks!" });
    const created = (await api.get(`/${c.body.id}`, { fields: "timestamp" })).body.timestamp;
    assert.equal(created, ts(now));
    const c2 = await api.post(`/${sb.ids.firstMediaId}/comments`, { message: "Again" });
    assert.equal((await api.get(`/${c2.body.id}`, { fields: "timestamp" })).body.timestamp, ts(now + 1000), "a second after the last one");
    // reset() dates the data by the clock's now again.
    sb.reset();
    const newest = (await api.get(`/${sb.ids.firstMediaId}`, { fields: "timestamp" })).body.timestamp;
    assert.equal(newest, ts(Math.floor((now - 2 * 3600000) / 300000) * 300000));
  });

  it("account insights end on the last full day (08:00 UTC) before now", async () => {
    const sb = createSandbox({ now: NOW });
    const r = await graph(sb.fetch).get(`/${sb.ids.igUserId}/insights`, { metric: "reach", period: "day" });
    assert.equal(r.body.data[0].values.length, 30);
    assert.equal(r.body.data[0].values.at(-1).end_time, "2026-03-14T08:00:00+0000");
    // until in the future: no values for days that are not over.
    const f = await graph(sb.fetch).get(`/${sb.ids.igUserId}/insights`, { metric: "reach", period: "day", since: NOW / 1000 - 5 * 86400, until: NOW / 1000 + 10 * 86400 });
    assert.equal(f.body.data[0].values.at(-1).end_time, "2026-03-14T08:00:00+0000");
    assert.equal(f.body.data[0].values.length, 5);
  });

  it("dates the inbox and the tokens by the clock: the 24-hour window closes as the clock moves on", async () => {
    let now = NOW;
    const sb = createSandbox({ now: () => now });
    const page = graph(sb.fetch, { token: sb.ids.pageAccessToken });
    const convs = (await page.get(`/${sb.ids.pageId}/conversations`, { platform: "instagram", fields: "updated_time", limit: 25 })).body.data;
    // The newest thread a quarter of an hour before the newest post (2 h before now), the oldest days back.
    assert.equal(convs[0].updated_time, ts(Math.floor((NOW - 2 * 3600000) / 300000) * 300000 - 15 * 60000));
    assert.ok(convs.every((c) => ms(c.updated_time) < NOW && ms(c.updated_time) > NOW - 11 * DAY), JSON.stringify(convs));
    const send = (id) => page.post(`/${sb.ids.pageId}/messages`, { recipient: JSON.stringify({ id }), message: JSON.stringify({ text: "Hi" }) });
    assert.equal((await send(sb.ids.recipientId)).status, 200);
    assert.equal((await send(sb.ids.closedRecipientId)).body.error.error_subcode, 2534022);
    // A day on the clock (no object created meanwhile): the window of the newest thread has closed.
    const again = createSandbox({ now: () => now });
    now = NOW + DAY;
    const late = await graph(again.fetch, { token: again.ids.pageAccessToken }).post(`/${again.ids.pageId}/messages`, { recipient: JSON.stringify({ id: again.ids.recipientId }), message: JSON.stringify({ text: "Hi" }) });
    assert.deepEqual([late.body.error.code, late.body.error.error_subcode], [10, 2534022]);
    // Tokens: issued and expiring around the clock's now; the expired one is refused with the clock's time.
    const ig = sb.state.tokens.get(sb.ids.instagramAccessToken);
    assert.deepEqual([ig.issuedAt, ig.expiresAt], [NOW / 1000 - 2 * 86400, NOW / 1000 + 58 * 86400].map(Math.floor));
    const expired = await graph(sb.fetch, { token: sb.ids.expiredToken }).get("/me");
    assert.equal(expired.body.error.error_subcode, 463);
    assert.match(expired.body.error.message, new RegExp(`The current time is ${new Date(Math.floor(now / 1000) * 1000).toUTCString()}`));
  });

  it("rejects a clock that is not a time", () => {
    assert.throws(() => createSandbox({ now: "today" }), (e) => e instanceof TypeError && /now/.test(e.message));
    assert.throws(() => createSandbox({ now: Number.NaN }), TypeError);
  });
});

describe("media insights in the media request (field expansion)", () => {
  const sb = createSandbox({ now: NOW });
  const api = graph(sb.fetch);
  const METRICS = "reach,views,likes,comments,saved,shares";

  it("answers insights.metric(…) on /{ig-user-id}/media as Meta shapes it, equal to /{media-id}/insights", async () => {
    const { items, pages } = await collectAll(api, `/${sb.ids.igUserId}/media`, { fields: `id,timestamp,insights.metric(${METRICS})`, limit: 100 });
    assert.equal(items.length, 240);
    assert.equal(pages.length, 3, "3 round trips for 240 posts with their insights");
    for (const m of items.slice(0, 30)) {
      assert.deepEqual(Object.keys(m.insights), ["data"]);
      const edge = (await api.get(`/${m.id}/insights`, { metric: METRICS })).body;
      assert.deepEqual(m.insights, edge, m.id);
      assert.deepEqual(m.insights.data.map((r) => r.name), METRICS.split(","));
      for (const row of m.insights.data) {
        assert.equal(row.period, "lifetime");
        assert.ok(Number.isInteger(row.values[0].value), `${m.id} ${row.name}`);
        assert.equal(row.id, `${m.id}/insights/${row.name}/lifetime`);
      }
    }
    // The next URL keeps the expansion.
    assert.match(new URL(pages[0].paging.next).searchParams.get("fields"), /insights\.metric\(reach,views/);
  });

  it("works on /stories and on a media node; fails the whole request like the edge does", async () => {
    const stories = await api.get(`/${sb.ids.igUserId}/stories`, { fields: "id,insights.metric(reach,replies,navigation)" });
    assert.equal(stories.status, 200);
    assert.ok(stories.body.data.every((s) => s.insights.data.length === 3));
    const node = await api.get(`/${sb.ids.videoMediaId}`, { fields: "insights.metric(ig_reels_avg_watch_time)" });
    assert.ok(node.body.insights.data[0].values[0].value >= 4000);
    // A metric a post cannot have (replies is for stories) fails the request, as on the edge.
    const bad = await api.get(`/${sb.ids.igUserId}/media`, { fields: "id,insights.metric(reach,replies)" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 100);
    assert.match(bad.body.error.message, /replies/);
    const removed = await api.get(`/${sb.ids.igUserId}/media`, { fields: "id,insights.metric(impressions)" });
    assert.match(removed.body.error.message, /impressions metric is no longer supported/);
    const none = await api.get(`/${sb.ids.igUserId}/media`, { fields: "id,insights" });
    assert.equal(none.body.error.message, "(#100) The parameter metric is required");
    const kids = await api.get(`/${sb.ids.carouselMediaId}`, { fields: "children{insights.metric(reach)}" });
    assert.match(kids.body.error.message, /carousel children/);
  });
});

describe("account insights with a shape worth charting", () => {
  const sb = createSandbox({ now: NOW });
  const api = graph(sb.fetch);
  const u = sb.ids.igUserId;
  const today = Date.UTC(2026, 2, 14, 8) / 1000;
  /** Three adjacent 30-day windows (90 days), newest last. */
  const windows = [2, 1, 0].map((k) => ({ since: today - (k + 1) * 30 * 86400, until: today - k * 30 * 86400 }));
  const series = async (metric) => {
    const out = [];
    for (const w of windows) out.push(...(await api.get(`/${u}/insights`, { metric, period: "day", ...w })).body.data[0].values);
    return out;
  };

  it("reach has a weekly rhythm (Saturdays above Sundays) and grows", async () => {
    const values = await series("reach");
    assert.equal(values.length, 90);
    assert.equal(new Set(values.map((v) => v.end_time)).size, 90, "adjacent windows do not overlap");
    const byDay = Array.from({ length: 7 }, () => []);
    for (const v of values) byDay[new Date(ms(v.end_time) - DAY).getUTCDay()].push(v.value);
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(mean(byDay[6]) > mean(byDay[0]) * 1.2, `Saturday ${mean(byDay[6])} vs Sunday ${mean(byDay[0])}`);
    assert.ok(mean(values.slice(60).map((v) => v.value)) > mean(values.slice(0, 30).map((v) => v.value)) * 1.1, "growth");
  });

  it("follower_count grows; follows_and_unfollows counts the same follows, and the unfollows", async () => {
    const values = await series("follower_count");
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    assert.ok(sum(values.slice(60).map((v) => v.value)) > sum(values.slice(0, 30).map((v) => v.value)) * 1.2, "more new followers lately");
    const last = windows[2];
    const fu = (await api.get(`/${u}/insights`, { metric: "follows_and_unfollows", period: "day", metric_type: "total_value", breakdown: "follow_type", ...last })).body.data[0];
    const [follows, unfollows] = fu.total_value.breakdowns[0].results.map((r) => r.value);
    assert.deepEqual(fu.total_value.breakdowns[0].results.map((r) => r.dimension_values[0]), ["FOLLOWER", "NON_FOLLOWER"]);
    assert.equal(follows, sum(values.slice(60).map((v) => v.value)));
    assert.ok(unfollows > 0 && unfollows < follows / 2);
    assert.equal(fu.total_value.value, follows + unfollows);
  });

  it("online_followers: 24 hours a day, evenings above nights, only the last 30 days", async () => {
    const r = await api.get(`/${u}/insights`, { metric: "online_followers", period: "lifetime", ...windows[2] });
    const rows = r.body.data[0].values;
    assert.equal(rows.length, 30);
    for (const row of rows) {
      assert.match(row.end_time, TS_RE);
      assert.deepEqual(Object.keys(row.value), Array.from({ length: 24 }, (_, h) => String(h)));
      assert.ok(row.value["20"] > row.value["3"] * 4, JSON.stringify(row.value));
    }
    const old = await api.get(`/${u}/insights`, { metric: "online_followers,reach", period: "day", ...windows[0] });
    assert.equal(old.status, 400, "online_followers has period lifetime only");
    const older = await api.get(`/${u}/insights`, { metric: "online_followers", period: "lifetime", ...windows[0] });
    assert.deepEqual(older.body.data, [], "an empty data set, not zeros, for days older than 30");
  });

  it("under 100 followers: no follower metrics nor demographics (an empty data set), the rest as usual", async () => {
    const small = createSandbox({ now: NOW });
    small.state.igUsers.get(small.ids.igUserId).followers_count = 99;
    const a = graph(small.fetch);
    const r = await a.get(`/${u}/insights`, { metric: "reach,follower_count", period: "day" });
    assert.deepEqual(r.body.data.map((x) => x.name), ["reach"]);
    const online = await a.get(`/${u}/insights`, { metric: "online_followers", period: "lifetime" });
    assert.deepEqual(online.body.data, []);
    const demo = await a.get(`/${u}/insights`, { metric: "follower_demographics", period: "lifetime", metric_type: "total_value", timeframe: "this_month", breakdown: "age" });
    assert.equal(demo.status, 200);
    assert.deepEqual(demo.body.data, []);
    const fu = await a.get(`/${u}/insights`, { metric: "follows_and_unfollows,views", period: "day", metric_type: "total_value" });
    assert.deepEqual(fu.body.data.map((x) => x.name), ["views"]);
    small.state.igUsers.get(small.ids.igUserId).followers_count = 100;
    assert.equal((await a.get(`/${u}/insights`, { metric: "follower_count", period: "day" })).body.data.length, 1);
  });
});
