/**
 * @file The sandbox's clock and the calendar of its data: the generated data is dated relative to
 * the clock's "now" when it is generated (the newest post a little before it), and account
 * insights end on the last full day before the clock's "now" at request time. The clock is the
 * `now` option (a fixed instant or a function, for tests), else `Date.now`.
 */

const DAY = 86400000;
/**
 * NB: account insights count days that end at midnight Pacific time: Meta's `end_time` values
 * read `T07:00:00+0000` or `T08:00:00+0000` (Instagram Account Insights; the captured time
 * series in the project's graph-api.md §3.3). The sandbox keeps one hour all year.
 */
export const DAY_END_HOUR_UTC = 8;
/** How long before the clock's "now" the newest generated post was published. */
const NEWEST_POST_AGO = 2 * 3600000;
/**
 * workerd answers `Date.now()` with 0 while a Worker's module scope runs; a default clock reading
 * before this instant (2020-01-01) means "not yet": the data is dated again on the first request.
 */
const SANE_NOW = Date.UTC(2020, 0, 1);

/** `option` (undefined, a number of ms, or a function returning one) → a function returning ms. */
export function clockOf(option) {
  if (typeof option === "function") return () => Number(option());
  if (typeof option === "number") return () => option;
  return () => Date.now();
}

/** True when the default clock cannot be trusted yet (a Worker's module scope). */
export function clockNotStarted(ms) {
  return !(ms >= SANE_NOW);
}

/** The instant the newest generated post was published: 2 h before `nowMs`, on a 5-minute boundary. */
export function newestPostAt(nowMs) {
  return Math.floor((nowMs - NEWEST_POST_AGO) / 300000) * 300000;
}

/** The end (ms) of the last full insights day at `nowMs`. */
export function lastDayEnd(nowMs) {
  const d = new Date(nowMs);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), DAY_END_HOUR_UTC);
  return today <= nowMs ? today : today - DAY;
}

/** The UTC weekday (0 = Sunday) of the day that ends at `endMs` (Pacific days start at 08:00 UTC). */
export function weekdayOfDayEnding(endMs) {
  return new Date(endMs - DAY).getUTCDay();
}
