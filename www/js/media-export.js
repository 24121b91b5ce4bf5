// Posts with their insights, a page of 100 at a time: the insights come in the same request as
// the page, as the field expansion `insights.metric(reach,views,…)` of `/{ig-user-id}/media`
// (240 posts and their 6 metrics: 3 requests). Where Meta refuses the expansion for a page (a
// post it has no insights for fails the whole request), that page is read without it and its
// insights are asked for in batches of 50; a post whose insights fail keeps empty cells.

import { toCsv } from "./csv.js";
import { parseGraphTime } from "./format.js";

export const METRICS = ["reach", "views", "likes", "comments", "saved", "shares"];
export const FIELDS = "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,like_count,comments_count";
export const PAGE = 100;

/** `insights.data` rows → `{ reach: n, … }` (a metric Meta left out stays absent, not 0). */
export function metricsOf(insights) {
  const out = {};
  for (const row of insights?.data || []) {
    const v = row.values?.[0]?.value ?? row.total_value?.value;
    if (typeof v === "number") out[row.name] = v;
  }
  return out;
}

/** (likes + comments + saves + shares) / reach, or null without reach. */
export function engagementRate(m) {
  const parts = ["likes", "comments", "saved", "shares"].map((k) => m[k]);
  if (!(m.reach > 0) || parts.some((v) => typeof v !== "number")) return null;
  return parts.reduce((a, b) => a + b, 0) / m.reach;
}

/**
 * Every post (newest first) of `igUserId` within `since`/`until` (Unix seconds, both optional),
 * a page at a time: yields `{ posts: [{ media, metrics }], requests }`.
 */
export async function* postsWithInsights(graph, igUserId, { since, until, signal } = {}) {
  let after;
  for (let guard = 0; guard < 10000; guard++) {
    const params = { limit: PAGE, after, since, until };
    let page;
    let requests = 1;
    let posts;
    try {
      page = await graph.call("listUserMedia", igUserId, { ...params, fields: `${FIELDS},insights.metric(${METRICS.join(",")})` }, { signal });
      posts = (page.data || []).map((media) => ({ media, metrics: metricsOf(media.insights) }));
    } catch (err) {
      if (!(err && err.name === "GraphApiError" && err.code === 100) && !(err && err.code === 10)) throw err;
      page = await graph.call("listUserMedia", igUserId, { ...params, fields: FIELDS }, { signal });
      const items = page.data || [];
      const results = items.length
        ? await graph.call("batch", items.map((m) => ({ method: "GET", relativeUrl: `${m.id}/insights?metric=${METRICS.join(",")}` })), { signal })
        : [];
      requests += 1 + Math.ceil(items.length / 50);
      // A missing permission fails every item: say so rather than show empty cells.
      if (results.length && results.every((r) => r && r.name === "PermissionError")) {
        graph.failures.set(results[0], "getMediaInsights");
        throw results[0];
      }
      posts = items.map((media, i) => ({ media, metrics: results[i] && results[i].body ? metricsOf(results[i].body) : {} }));
    }
    yield { posts, requests };
    const next = page.paging?.cursors?.after;
    if (!page.paging?.next || !next || next === after) return;
    after = next;
  }
}

const rounded = (x) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Rows for a table or a CSV: the post's fields and metrics, flat (the engagement rate to 4 decimals). */
export function row({ media, metrics }) {
  return {
    media,
    id: media.id,
    timestamp: media.timestamp,
    date: parseGraphTime(media.timestamp),
    media_type: media.media_type,
    media_product_type: media.media_product_type,
    permalink: media.permalink,
    caption: media.caption ?? "",
    ...metrics,
    engagement: rounded(engagementRate(metrics)),
  };
}

/** The numbers of a post, in table and CSV order: key, label, CSV column. */
export const NUMBERS = [
  { key: "reach", label: "Reach", csv: "reach" },
  { key: "views", label: "Views", csv: "views" },
  { key: "likes", label: "Likes", csv: "likes" },
  { key: "comments", label: "Comments", csv: "comments" },
  { key: "saved", label: "Saves", csv: "saves" },
  { key: "shares", label: "Shares", csv: "shares" },
  { key: "engagement", label: "Engagement rate", csv: "engagement_rate", title: "(likes + comments + saves + shares) ÷ reach" },
];

const COLUMNS = [
  ...["id", "timestamp", "media_type", "media_product_type", "permalink"].map((key) => ({ key, head: key })),
  { key: "caption", head: "caption", text: true },
  ...NUMBERS.map((n) => ({ key: n.key, head: n.csv })),
];

/** The CSV of `rows` (from `row`). */
export function postsCsv(rows) {
  return toCsv(rows, COLUMNS);
}

/** Offer `text` as a download named `name`. */
export function download(name, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
