// Account overview (the landing panel): reach, views, profile activity, interactions and follower
// growth over the chosen range, each against the period before it, and two daily lines (reach,
// new followers) with the previous period dashed. Meta answers at most 30 days per request, so the
// range and the previous period are asked for in 30-day windows, all at once.

import { h, replace } from "../dom.js";
import { full, parseGraphTime } from "../format.js";
import { lineChart } from "../charts.js";
import { change, chunkRange, previousRange } from "../ranges.js";

/** The cards: each a sum of total_value metrics (`parts`), with what they mean. */
const CARDS = [
  { key: "reach", title: "Reach", parts: ["reach"], note: "accounts that saw your content" },
  { key: "views", title: "Views", parts: ["views"], note: "times your content was shown or played" },
  { key: "profile_activity", title: "Profile activity", parts: ["profile_views", "profile_links_taps"], note: "profile visits and link taps" },
  { key: "interactions", title: "Interactions", parts: ["total_interactions"], note: "likes, comments, saves and shares" },
];
const TOTALS = ["reach", "views", "total_interactions", "accounts_engaged", "profile_views", "profile_links_taps"];
const PART_NAMES = { profile_views: "profile visits", profile_links_taps: "link taps", total_interactions: "interactions", accounts_engaged: "accounts engaged" };

/** Sum each metric's total_value over the windows' answers; a metric no window returned is absent (not 0). */
export function sumTotals(pages) {
  const out = {};
  for (const page of pages) {
    for (const row of page.data || []) {
      if (row.total_value && typeof row.total_value.value === "number") out[row.name] = (out[row.name] ?? 0) + row.total_value.value;
    }
  }
  return out;
}

/** follows_and_unfollows by follow_type over the windows: `{ follows, unfollows }`, or null when Meta returned none. */
export function sumFollows(pages) {
  let follows = 0;
  let unfollows = 0;
  let seen = false;
  for (const page of pages) {
    for (const row of page.data || []) {
      if (row.name !== "follows_and_unfollows") continue;
      for (const b of row.total_value?.breakdowns || []) {
        for (const r of b.results || []) {
          seen = true;
          if (r.dimension_values[0] === "FOLLOWER") follows += r.value;
          else if (r.dimension_values[0] === "NON_FOLLOWER") unfollows += r.value;
        }
      }
    }
  }
  return seen ? { follows, unfollows } : null;
}

/** The daily points of `metric` over the windows, oldest first: `[{ t, v }]` (empty when Meta returned none). */
export function dailyPoints(pages, metric) {
  const points = [];
  for (const page of pages) {
    const row = (page.data || []).find((r) => r.name === metric);
    for (const v of row?.values || []) {
      const t = parseGraphTime(v.end_time);
      if (t && typeof v.value === "number") points.push({ t, v: v.value });
    }
  }
  return points.sort((a, b) => a.t - b.t);
}

const pct = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const shortDate = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

export default {
  usesRange: true,

  async render(root, ctx) {
    const { graph, igUserId, signal, range } = ctx;
    const prev = previousRange(range);
    const windows = chunkRange(range);
    const prevWindows = chunkRange(prev);
    const insights = (params, w) => graph.call("getUserInsights", igUserId, { ...params, since: w.since, until: w.until }, { signal });
    const each = (ws, params) => Promise.all(ws.map((w) => insights(params, w)));
    // Every window of both periods at once.
    const [totals, prevTotals, follows, prevFollows, daily, prevDaily] = await Promise.all([
      each(windows, { metric: TOTALS, period: "day", metric_type: "total_value" }),
      each(prevWindows, { metric: TOTALS, period: "day", metric_type: "total_value" }),
      each(windows, { metric: "follows_and_unfollows", period: "day", metric_type: "total_value", breakdown: "follow_type" }),
      each(prevWindows, { metric: "follows_and_unfollows", period: "day", metric_type: "total_value", breakdown: "follow_type" }),
      each(windows, { metric: ["reach", "follower_count"], period: "day" }),
      each(prevWindows, { metric: ["reach", "follower_count"], period: "day" }),
    ]);
    const now = sumTotals(totals);
    const before = sumTotals(prevTotals);
    const growth = sumFollows(follows);
    const prevGrowth = sumFollows(prevFollows);
    const days = `${range.days} ${range.days === 1 ? "day" : "days"}`;

    const cards = CARDS.map((c) => {
      const have = c.parts.filter((p) => typeof now[p] === "number");
      const value = have.length ? have.reduce((a, p) => a + now[p], 0) : null;
      const had = c.parts.filter((p) => typeof before[p] === "number");
      const previous = had.length ? had.reduce((a, p) => a + before[p], 0) : null;
      const detail = c.parts.length > 1 && have.length ? have.map((p) => `${full(now[p])} ${PART_NAMES[p]}`).join(" · ") : c.note;
      const extra = c.key === "interactions" && typeof now.accounts_engaged === "number" ? `${full(now.accounts_engaged)} accounts engaged` : null;
      return card(c.key, c.title, value, previous, extra || detail, days);
    });
    const net = growth ? growth.follows - growth.unfollows : null;
    const prevNet = prevGrowth ? prevGrowth.follows - prevGrowth.unfollows : null;
    const followersCard = card("followers", "Follower growth", net, prevNet,
      growth ? `${full(growth.follows)} followed · ${full(growth.unfollows)} unfollowed` : "Meta reports follows from 100 followers on", days, { signed: true });
    const profile = await ctx.profile.catch(() => null);
    if (signal.aborted) return;
    if (profile && typeof profile.followers_count === "number") {
      followersCard.querySelector(".kpi-note").append(h("br"), `${full(profile.followers_count)} followers now`);
    }

    const span = (range.until - range.since) * 1000;
    const shift = (points) => points.map((p) => ({ t: new Date(p.t.getTime() + span), v: p.v, label: `previous period, ${shortDate.format(p.t)}` }));
    // Charts are drawn at the width they are shown at (measured once the cards are in place).
    const draws = [];
    const chartBox = (id, heading, series, emptyText) => {
      const slot = h("div", { class: "chart-slot" });
      const box = h("section", { class: "card chart-card", id, "aria-labelledby": `${id}-h` }, h("h3", { class: "card-title", id: `${id}-h` }, heading), slot);
      if (!series.length || series[0].points.length === 0) {
        slot.append(h("div", { class: "empty-state" }, h("p", { class: "empty-state-title" }, "No data for this period"), h("p", { class: "empty-state-text" }, emptyText)));
        return box;
      }
      draws.push(() => replace(slot, lineChart(series, { title: heading, width: slot.clientWidth || 600 }).figure, legend(series)));
      return box;
    };
    const reach = dailyPoints(daily, "reach");
    const newFollowers = dailyPoints(daily, "follower_count");
    const reachSeries = reach.length ? [
      { key: "reach", label: "Reach", points: reach },
      { key: "reach-previous", label: "Previous period", dashed: true, points: shift(dailyPoints(prevDaily, "reach")) },
    ] : [];
    const followSeries = newFollowers.length ? [
      { key: "follower_count", label: "New followers", points: newFollowers },
      { key: "follower_count-previous", label: "Previous period", dashed: true, points: shift(dailyPoints(prevDaily, "follower_count")) },
    ] : [];

    replace(root,
      h("div", { class: "kpis", role: "list" }, [...cards, followersCard].map((c) => h("div", { role: "listitem" }, c))),
      h("div", { class: "chart-grid-2" },
        chartBox("overview-reach", "Reach per day", reachSeries, "Meta returned no daily reach for these days."),
        chartBox("overview-followers", "New followers per day", followSeries, "Meta reports new followers for accounts with 100 or more followers.")),
      h("p", { class: "fine-print" },
        `Asked for in ${windows.length + prevWindows.length} windows of at most 30 days (Meta's limit per request): ${3 * (windows.length + prevWindows.length)} requests, all at once. Meta's numbers can be up to 48 hours late.`));
    for (const draw of draws) draw();
  },
};

/** One number with its change against the previous period. */
function card(key, title, value, previous, note, days, { signed = false } = {}) {
  const delta = value === null ? null : change(value, previous);
  const dir = delta === null ? "none" : delta > 0 ? "up" : delta < 0 ? "down" : "flat";
  const shown = value === null ? "Not available" : signed && value > 0 ? `+${full(value)}` : full(value);
  const vs = value === null
    ? "Meta returned no data for this metric"
    : previous === null
      ? "no data for the previous period"
      : delta === null
        ? `previous period: ${full(previous)}`
        : `${dir === "up" ? "▲" : dir === "down" ? "▼" : "■"} ${pct.format(delta)} vs the previous ${days} (${full(previous)})`;
  return h("article", { class: "kpi", dataset: { metric: key, value: value ?? "", previous: previous ?? "" } },
    h("h3", { class: "kpi-title" }, title),
    h("p", { class: `kpi-value${value === null ? " kpi-missing" : ""}` }, shown),
    h("p", { class: "kpi-change", dataset: { dir } }, vs),
    h("p", { class: "kpi-note" }, `${note}, last ${days}`));
}

function legend(series) {
  return h("ul", { class: "legend" }, series.map((se, i) => h("li", { class: `legend-item legend-${i}${se.dashed ? " legend-dashed" : ""}`, dataset: { metric: se.key, total: se.points.reduce((a, p) => a + p.v, 0) } },
    h("span", { class: "legend-swatch", "aria-hidden": "true" }), `${se.label}: ${full(se.points.reduce((a, p) => a + p.v, 0))}`)));
}
