// Date ranges for account insights, as Meta takes them: `since`/`until` in Unix seconds, at most
// 30 days apart per request. Pure functions (no DOM, no clock: "now" is passed in), tested in
// tests/js/ranges.test.mjs.

export const DAY_S = 86400;
/**
 * NB: `GET /{ig-user-id}/insights` takes at most 30 days between `since` and `until` (the
 * project's graph-api.md §3.1; Meta answers error 100 beyond it). A longer range is asked for in
 * windows of 30 days.
 */
export const MAX_WINDOW_DAYS = 30;

/** The last `days` days up to `nowMs`: `{ since, until, days }` (seconds). */
export function lastDays(days, nowMs) {
  if (!Number.isInteger(days) || days < 1) throw new RangeError("days must be a positive integer");
  const until = Math.floor(nowMs / 1000);
  return { since: until - days * DAY_S, until, days };
}

/**
 * A range of calendar days picked by a person, `from` and `to` as "YYYY-MM-DD" (both included),
 * from midnight to midnight in the time zone `offsetMinutes` east of UTC (a page passes
 * `-new Date().getTimezoneOffset()`), cut at `nowMs`. Null when the dates are not a range.
 */
export function dayRange(from, to, nowMs, offsetMinutes = 0) {
  const start = parseDay(from);
  const end = parseDay(to);
  if (start === null || end === null || end < start) return null;
  const shift = offsetMinutes * 60;
  const since = start / 1000 - shift;
  const until = Math.min(end / 1000 + DAY_S - shift, Math.floor(nowMs / 1000));
  if (until <= since) return null;
  return { since, until, days: Math.round((until - since) / DAY_S) };
}

function parseDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? ms : null;
}

/** The range of the same length just before `range`. */
export function previousRange(range) {
  const span = range.until - range.since;
  return { since: range.since - span, until: range.since, days: range.days };
}

/**
 * `range` cut into adjacent windows of at most `maxDays` days, oldest first: each second of the
 * range is in exactly one window (Meta counts a day in the window whose `until` its end reaches).
 */
export function chunkRange(range, maxDays = MAX_WINDOW_DAYS) {
  const step = maxDays * DAY_S;
  const out = [];
  for (let since = range.since; since < range.until; since += step) {
    out.push({ since, until: Math.min(since + step, range.until) });
  }
  return out;
}

/** (current − previous) / previous, or null when there is nothing to compare with. */
export function change(current, previous) {
  if (typeof current !== "number" || typeof previous !== "number" || !Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return (current - previous) / previous;
}
