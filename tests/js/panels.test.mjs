// The pure parts of the demo's panels (www/js/panels/): summing insight windows (a metric Meta
// left out stays absent, not 0), followers online by weekday and hour, demographics as bars,
// moderation rules as whole words, the inbox's 24-hour window in words. The panels themselves run in Chromium (www/check.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { dailyPoints, sumFollows, sumTotals } from "../../www/js/panels/overview.js";
import { weekHours } from "../../www/js/panels/when-to-post.js";
import { barsOf } from "../../www/js/panels/audience.js";
import { matcher, parseRules } from "../../www/js/panels/moderation.js";
import { windowText } from "../../www/js/panels/inbox.js";

const tv = (name, value) => ({ name, period: "day", total_value: { value } });

test("overview: totals add up over windows; a metric no window returned is absent", () => {
  const pages = [{ data: [tv("reach", 10), tv("views", 30)] }, { data: [tv("reach", 5)] }, { data: [] }];
  assert.deepEqual(sumTotals(pages), { reach: 15, views: 30 });
  assert.deepEqual(sumTotals([{ data: [] }]), {});
  const fu = (f, u) => ({ data: [{ name: "follows_and_unfollows", total_value: { value: f + u, breakdowns: [{ dimension_keys: ["follow_type"], results: [{ dimension_values: ["FOLLOWER"], value: f }, { dimension_values: ["NON_FOLLOWER"], value: u }] }] } }] });
  assert.deepEqual(sumFollows([fu(10, 2), fu(7, 1)]), { follows: 17, unfollows: 3 });
  assert.equal(sumFollows([{ data: [] }]), null, "under 100 followers Meta returns nothing: not 0");
  const series = (ends) => ({ data: [{ name: "reach", values: ends.map((e, i) => ({ value: i + 1, end_time: e })) }] });
  const pts = dailyPoints([series(["2026-11-03T08:00:00+0000"]), series(["2026-11-01T08:00:00+0000", "2026-11-02T08:00:00+0000"])], "reach");
  assert.deepEqual(pts.map((p) => p.t.toISOString().slice(0, 10)), ["2026-11-01", "2026-11-02", "2026-11-03"]);
  assert.deepEqual(dailyPoints([{ data: [] }], "reach"), []);
});

test("when to post: each day's hours go to the weekday that ended at end_time, averaged", () => {
  const hours = (n) => Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), n + h]));
  // Days ending Tuesday 08:00 UTC are Mondays; two Mondays and a Tuesday.
  const { means, samples } = weekHours([
    { value: hours(0), end_time: "2026-11-24T08:00:00+0000" },
    { value: hours(10), end_time: "2026-12-01T08:00:00+0000" },
    { value: hours(100), end_time: "2026-11-25T08:00:00+0000" },
    { value: "junk", end_time: "2026-11-26T08:00:00+0000" },
  ]);
  assert.equal(samples, 3);
  assert.equal(means[1][0], 5);
  assert.equal(means[1][23], 28);
  assert.equal(means[2][3], 103);
  assert.equal(means[0][12], 0);
});

test("audience: ages in Meta's order, other breakdowns largest first, nothing when Meta returns nothing", () => {
  const page = (dim, rows) => ({ data: [{ name: "follower_demographics", total_value: { breakdowns: [{ dimension_keys: [dim], results: rows.map(([k, v]) => ({ dimension_values: [k], value: v })) }] } }] });
  assert.deepEqual(barsOf(page("age", [["25-34", 5], ["13-17", 1], ["18-24", 3]]), "age").map((b) => b.key), ["13-17", "18-24", "25-34"]);
  assert.deepEqual(barsOf(page("city", [["B", 1], ["A", 9]]), "city").map((b) => [b.label, b.value]), [["A", 9], ["B", 1]]);
  assert.deepEqual(barsOf(page("gender", [["F", 2], ["U", 1]]), "gender").map((b) => b.label), ["Women", "Not specified"]);
  assert.equal(barsOf({ data: [] }, "age"), null);
});

test("moderation: rules are whole words or phrases, any case, deduplicated", () => {
  assert.deepEqual(parseRules("decaf, Seattle\n free followers ,,decaf"), ["decaf", "seattle", "free followers"]);
  const match = matcher(parseRules("decaf, free followers, c++"));
  assert.deepEqual(match("Is this DECAF?"), ["decaf"]);
  assert.deepEqual(match("decaffeinated please"), []);
  assert.deepEqual(match("Get FREE followers now"), ["free followers"]);
  assert.deepEqual(match("free  followers"), [], "a phrase as written");
  assert.deepEqual(match("I code c++ daily"), ["c++"], "special characters are literal");
  assert.deepEqual(match("écafé decaf"), ["decaf"]);
  assert.deepEqual(match(undefined), []);
});

test("inbox: the 24-hour window in words: open to 24 h, a human agent to 7 days, then the person writes first", () => {
  const H = 3600000;
  assert.equal(windowText(2 * H), "Reply window: 22 h left (their last message was 2 h ago).");
  assert.equal(windowText(10 * 60000), "Reply window: 24 h left (their last message was 10 min ago).");
  assert.match(windowText(24 * H), /^Reply window: 1 min left/, "24 hours to the minute is still inside");
  assert.equal(windowText(32 * H), "The 24-hour window closed 8 h ago: only a person may answer now, as a human agent.");
  assert.match(windowText(7 * 24 * H), /closed 6 days ago/);
  assert.equal(windowText(7 * 24 * H + 1), "The person has not written in the last 7 days: they have to write first.");
  assert.equal(windowText(Infinity), "The person has not written in the last 7 days: they have to write first.");
});
