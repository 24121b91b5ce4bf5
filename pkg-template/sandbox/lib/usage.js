/**
 * @file Rate-limit usage: `x-app-usage` per app, `x-business-use-case-usage` per IG account, and
 * error 80002 once an account's budget is spent (`usagePerCall` points per call).
 */

import { err } from "./errors.js";

const usagePct = (sb, calls) => Math.floor(calls * sb.opts.usagePerCall);

export function appUsageHeader(sb) {
  const n = usagePct(sb, sb.state.counters.appCalls);
  return JSON.stringify({ call_count: n, total_cputime: Math.floor(n / 4), total_time: Math.floor(n / 3) });
}

export function bucUsageHeader(sb, igUserId) {
  const n = usagePct(sb, sb.state.counters.bucCalls.get(igUserId) ?? 0);
  return JSON.stringify({
    [igUserId]: [
      {
        type: "instagram",
        call_count: n,
        total_cputime: Math.floor(n / 4),
        total_time: Math.floor(n / 3),
        estimated_time_to_regain_access: n >= 100 ? 15 : 0,
      },
    ],
  });
}

/** Count the call; refuse it with 80002 when the IG account's BUC budget is spent. */
export function countUsage(ctx) {
  const c = ctx.state.counters;
  c.appCalls += 1;
  ctx.appCounted = true;
  if (!ctx.bucUser) return;
  const before = c.bucCalls.get(ctx.bucUser) ?? 0;
  if (usagePct(ctx.sb, before) >= 100) throw err.igRateLimit();
  c.bucCalls.set(ctx.bucUser, before + 1);
}
