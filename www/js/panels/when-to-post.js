// When to post: the followers online in each hour of each weekday (online_followers, which Meta
// keeps for the last 30 days), averaged over those days, as a heatmap with the best slots named.

import { h, replace } from "../dom.js";
import { full, parseGraphTime } from "../format.js";
import { heatmap } from "../charts.js";
import { lastDays } from "../ranges.js";

const DAY_MS = 86400000;
/** Rows Monday first. */
const ORDER = [1, 2, 3, 4, 5, 6, 0];

/**
 * online_followers values → the mean per weekday (Sunday = 0) and hour: `{ means, samples }`.
 * Each value covers the day that ends at its `end_time`.
 */
export function weekHours(values) {
  const sums = Array.from({ length: 7 }, () => new Array(24).fill(0));
  const counts = Array.from({ length: 7 }, () => new Array(24).fill(0));
  let samples = 0;
  for (const v of values || []) {
    const end = parseGraphTime(v.end_time);
    if (!end || !v.value || typeof v.value !== "object") continue;
    const day = new Date(end.getTime() - DAY_MS).getUTCDay();
    samples++;
    for (const [hour, n] of Object.entries(v.value)) {
      const hh = Number(hour);
      if (Number.isInteger(hh) && hh >= 0 && hh < 24 && typeof n === "number") {
        sums[day][hh] += n;
        counts[day][hh] += 1;
      }
    }
  }
  const means = sums.map((row, d) => row.map((s, hh) => (counts[d][hh] ? Math.round(s / counts[d][hh]) : 0)));
  return { means, samples };
}

export default {
  async render(root, ctx) {
    const range = lastDays(30, ctx.now());
    const res = await ctx.graph.call("getUserInsights", ctx.igUserId, { metric: "online_followers", period: "lifetime", since: range.since, until: range.until }, { signal: ctx.signal });
    const row = (res.data || []).find((r) => r.name === "online_followers");
    const { means, samples } = weekHours(row && row.values);
    if (samples === 0) {
      const n = await ctx.followers();
      return ctx.empty(root, "No data on when followers are online",
        n !== null && n < 100 ? `Meta reports followers online for accounts with 100 or more followers; this one has ${full(n)}.` : "Meta returned no online_followers for the last 30 days.");
    }
    const days = ORDER.map((d) => new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 7 + d))));
    const dayNames = ORDER.map((d) => new Intl.DateTimeFormat(undefined, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 7 + d))));
    const hours = Array.from({ length: 24 }, (_, hh) => `${String(hh).padStart(2, "0")}:00`);
    const values = ORDER.map((d) => means[d]);
    const cells = values.flatMap((r, ri) => r.map((v, c) => ({ r: ri, c, v }))).sort((a, b) => b.v - a.v);
    const best = cells.slice(0, 3);
    const width = Math.min(root.clientWidth || 700, 1068) - 34;
    const chart = heatmap({
      rows: days,
      rowNames: dayNames,
      cols: hours,
      values,
      title: "Followers online, average by weekday and hour",
      width,
      format: (n) => `${full(n)} followers online`,
      best: best.map((b) => [b.r, b.c]),
    });
    const byDay = values.map((r) => r.reduce((a, b) => a + b, 0));
    const topDay = byDay.indexOf(Math.max(...byDay));
    const byHour = hours.map((_, c) => values.reduce((a, r) => a + r[c], 0));
    const topHour = byHour.indexOf(Math.max(...byHour));
    replace(root,
      h("p", { class: "panel-intro" }, `Averaged over the last ${samples} days (Meta keeps followers online for 30 days). Hours are as Meta reports them.`),
      h("section", { class: "card", id: "when-best", "aria-labelledby": "when-best-h" },
        h("h3", { class: "card-title", id: "when-best-h" }, "Best times to post"),
        h("ol", { class: "best-list" }, best.map((b) => h("li", { dataset: { day: ORDER[b.r], hour: b.c, value: b.v } },
          h("strong", null, `${dayNames[b.r]} ${hours[b.c]}`), ` · ${full(b.v)} followers online on average`))),
        h("p", { class: "muted" }, `Busiest day: ${dayNames[topDay]}. Busiest hour across the week: ${hours[topHour]}.`)),
      h("section", { class: "card chart-card", id: "when-heatmap", "aria-labelledby": "when-heatmap-h" },
        h("h3", { class: "card-title", id: "when-heatmap-h" }, "Followers online by weekday and hour"),
        chart.figure,
        h("p", { class: "heat-legend", "aria-hidden": "true" }, h("span", null, "Fewer"), h("span", { class: "heat-scale" }), h("span", null, "More"))));
  },
};
