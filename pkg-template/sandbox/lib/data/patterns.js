/**
 * @file The shapes behind the account's insights, so that charts have something true to show:
 * a growing account (values rise towards the day the data was generated), a weekly rhythm
 * (busy Fridays and Saturdays, quiet Sundays), followers online by hour with weekday and weekend
 * profiles, daily follows with unfollows. Every value is deterministic for (seed, account, day).
 */

import { hash32, mulberry32 } from "../util.js";

const DAY = 86400000;

/** Deterministic noise in [0, 1) for (seed, key). */
export function noise(seed, key) {
  return mulberry32(hash32(`${seed}|${key}`))();
}

/** Activity by weekday, Sunday first: a café's week. */
const WEEKDAY = [0.8, 0.93, 0.98, 1.03, 1.08, 1.2, 1.14];

/**
 * Share of followers online in each hour (0–23, the hours as Meta keys them): early risers, a
 * lunch peak and the evening peak on weekdays; a later, longer morning at weekends.
 */
const HOURS_WEEKDAY = [
  0.02, 0.012, 0.008, 0.006, 0.008, 0.02, 0.05, 0.085, 0.095, 0.07, 0.06, 0.07,
  0.1, 0.095, 0.065, 0.06, 0.065, 0.08, 0.11, 0.13, 0.135, 0.11, 0.07, 0.04,
];
const HOURS_WEEKEND = [
  0.035, 0.02, 0.012, 0.008, 0.006, 0.008, 0.015, 0.03, 0.06, 0.1, 0.125, 0.13,
  0.12, 0.1, 0.085, 0.08, 0.08, 0.085, 0.095, 0.105, 0.1, 0.085, 0.065, 0.05,
];

/** Growth: 1 on the day the data was generated, lower before it (`rate` per day). */
function growth(t, anchorDayEnd, rate) {
  const age = Math.max(0, (anchorDayEnd - t) / DAY);
  return 1 / (1 + rate * age);
}

/**
 * The value of an account metric on the day ending at `t` (ms).
 * @param {{seed: any, userId: string, base: number, anchorDayEnd: number, weekday: number}} o
 */
export function dailyValue(metric, t, o) {
  const w = WEEKDAY[o.weekday] ?? 1;
  const n = 0.8 + 0.4 * noise(o.seed, `${o.userId}|${metric}|${Math.floor(t / DAY)}`);
  return Math.round(o.base * growth(t, o.anchorDayEnd, 0.004) * w * n);
}

/** Accounts that followed (`follows`) and unfollowed (`unfollows`) on the day ending at `t`. */
export function dailyFollows(t, o) {
  const day = Math.floor(t / DAY);
  const w = WEEKDAY[o.weekday] ?? 1;
  const follows = Math.round(o.base * growth(t, o.anchorDayEnd, 0.008) * w * (0.75 + 0.5 * noise(o.seed, `${o.userId}|follows|${day}`)));
  const unfollows = Math.round(follows * (0.22 + 0.16 * noise(o.seed, `${o.userId}|unfollows|${day}`)));
  return { follows, unfollows };
}

/** Followers online in each hour of the day ending at `t`: `{ "0": n, …, "23": n }`. */
export function onlineByHour(t, followers, o) {
  const weekend = o.weekday === 0 || o.weekday === 6;
  const shares = weekend ? HOURS_WEEKEND : HOURS_WEEKDAY;
  const w = WEEKDAY[o.weekday] ?? 1;
  const value = {};
  for (let h = 0; h < 24; h++) {
    const n = 0.85 + 0.3 * noise(o.seed, `${o.userId}|online|${t}|${h}`);
    value[String(h)] = Math.round(followers * shares[h] * w * n);
  }
  return value;
}
