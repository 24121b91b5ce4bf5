// The demo's date-range helpers (www/js/ranges.js): ranges of days, Meta's 30-day windows, the
// previous period and the change against it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DAY_S, MAX_WINDOW_DAYS, change, chunkRange, dayRange, lastDays, previousRange } from "../../www/js/ranges.js";

const NOW = Date.UTC(2026, 11, 1, 9, 30, 0);

test("lastDays: the last N days up to now, in seconds", () => {
  assert.deepEqual(lastDays(7, NOW), { since: NOW / 1000 - 7 * DAY_S, until: NOW / 1000, days: 7 });
  assert.equal(lastDays(90, NOW + 999).until, NOW / 1000, "whole seconds");
  assert.throws(() => lastDays(0, NOW), RangeError);
  assert.throws(() => lastDays(1.5, NOW), RangeError);
});

test("chunkRange: adjacent windows of at most 30 days covering the range exactly", () => {
  assert.equal(MAX_WINDOW_DAYS, 30);
  for (const days of [1, 7, 29, 30, 31, 60, 90, 91, 365]) {
    const range = lastDays(days, NOW);
    const windows = chunkRange(range);
    assert.equal(windows.length, Math.ceil(days / 30), `${days} days`);
    assert.equal(windows[0].since, range.since);
    assert.equal(windows.at(-1).until, range.until);
    for (const [i, w] of windows.entries()) {
      assert.ok(w.until - w.since <= 30 * DAY_S && w.until > w.since, `${days} days, window ${i}`);
      if (i > 0) assert.equal(w.since, windows[i - 1].until, "no gap, no overlap");
    }
  }
  assert.deepEqual(chunkRange({ since: 0, until: 10 * DAY_S }, 4).map((w) => (w.until - w.since) / DAY_S), [4, 4, 2]);
  assert.deepEqual(chunkRange({ since: 5, until: 5 }), []);
});

test("previousRange: the same length just before", () => {
  const r = lastDays(30, NOW);
  const p = previousRange(r);
  assert.equal(p.until, r.since);
  assert.equal(p.until - p.since, r.until - r.since);
  assert.equal(p.days, 30);
});

test("dayRange: calendar days from midnight to midnight in the page's time zone, cut at now", () => {
  const r = dayRange("2026-11-01", "2026-11-10", NOW, 0);
  assert.deepEqual(r, { since: Date.UTC(2026, 10, 1) / 1000, until: Date.UTC(2026, 10, 11) / 1000, days: 10 });
  const pacific = dayRange("2026-11-01", "2026-11-10", NOW, -480);
  assert.equal(pacific.since, Date.UTC(2026, 10, 1, 8) / 1000, "midnight in UTC−8");
  const today = dayRange("2026-11-25", "2026-12-01", NOW, 0);
  assert.equal(today.until, NOW / 1000, "cut at now");
  assert.equal(dayRange("2026-11-10", "2026-11-01", NOW), null, "backwards");
  assert.equal(dayRange("2026-02-30", "2026-03-01", NOW), null, "no such day");
  assert.equal(dayRange("", "2026-03-01", NOW), null);
  assert.equal(dayRange("2026-12-05", "2026-12-06", NOW), null, "all in the future");
});

test("change: relative to the previous value, null without one", () => {
  assert.equal(change(150, 100), 0.5);
  assert.equal(change(50, 100), -0.5);
  assert.equal(change(5, 0), null);
  assert.equal(change(5, null), null);
  assert.equal(change(undefined, 4), null);
});
