// Top posts: the posts of the range with reach, views, likes, comments, saves, shares and
// engagement rate, in a table sorted by any column (a row opens the post); CSV export of the
// range or of every post of the account, with a progress bar. Posts and insights come together,
// 100 posts a request (media-export.js).

import { h, replace } from "../dom.js";
import { altFromCaption, formatDate, full, mediaTypeName } from "../format.js";
import { NUMBERS, download, postsCsv, postsWithInsights, row } from "../media-export.js";

const COLUMNS = NUMBERS.map((n) => ({ key: n.key, head: n.label, title: n.title }));
const rate = new Intl.NumberFormat(undefined, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const cell = (key, v) => (typeof v !== "number" ? "–" : key === "engagement" ? rate.format(v) : full(v));
const stamp = () => new Date().toISOString().slice(0, 10);

export default {
  usesRange: true,

  async render(root, ctx) {
    const { graph, igUserId, signal, range } = ctx;
    const progress = h("progress", { id: "top-progress", max: range.until - range.since, value: 0, "aria-label": "Posts of the range loaded" });
    const progressText = h("span", { class: "progress-text", id: "top-progress-text" }, "Loading posts…");
    replace(root, h("div", { class: "load-row", role: "status" }, progress, progressText));
    const rows = [];
    let requests = 0;
    for await (const page of postsWithInsights(graph, igUserId, { since: range.since, until: range.until, signal })) {
      if (signal.aborted) return;
      rows.push(...page.posts.map(row));
      requests += page.requests;
      const oldest = rows.length ? rows[rows.length - 1].date.getTime() / 1000 : range.until;
      progress.value = Math.min(progress.max, range.until - Math.max(range.since, oldest));
      progressText.textContent = `${full(rows.length)} posts loaded…`;
    }
    if (signal.aborted) return;
    const exportBox = exporter(ctx, rows);
    if (rows.length === 0) {
      ctx.empty(root, "No posts in this period", `Nothing was published in the last ${range.days} days. Pick a longer range.`);
      root.append(exportBox);
      return;
    }

    let sortKey = "reach";
    let descending = true;
    const tbody = h("tbody");
    const headers = new Map();
    const draw = () => {
      const sorted = [...rows].sort((a, b) => {
        const x = a[sortKey] ?? -Infinity;
        const y = b[sortKey] ?? -Infinity;
        return descending ? y - x : x - y;
      });
      replace(tbody, sorted.map((r, i) => {
        const open = h("button", { type: "button", class: "post-link", "aria-haspopup": "dialog" },
          r.media.thumbnail_url || r.media.media_url
            ? h("img", { class: "post-thumb", src: r.media.media_type === "VIDEO" ? r.media.thumbnail_url || r.media.media_url : r.media.media_url || r.media.thumbnail_url, alt: "", width: 44, height: 44, loading: "lazy", decoding: "async" })
            : h("span", { class: "post-thumb post-thumb-empty", "aria-hidden": "true" }),
          h("span", { class: "post-text" },
            h("span", { class: "post-caption" }, altFromCaption(r.media)),
            h("span", { class: "post-meta" }, `${mediaTypeName(r.media_type)} · ${formatDate(r.date)}`)));
        open.addEventListener("click", () => ctx.openPost(r.media, open));
        return h("tr", { dataset: { id: r.id } },
          h("td", { class: "rank" }, String(i + 1)),
          h("th", { scope: "row", class: "post-cell" }, open),
          COLUMNS.map((c) => h("td", { class: "num", dataset: { key: c.key, value: r[c.key] ?? "" } }, cell(c.key, r[c.key]))));
      }));
      for (const [key, th] of headers) {
        th.setAttribute("aria-sort", key === sortKey ? (descending ? "descending" : "ascending") : "none");
        th.querySelector(".sort-arrow").textContent = key === sortKey ? (descending ? "▼" : "▲") : "";
      }
    };
    const head = h("tr", null,
      h("th", { scope: "col", class: "rank" }, h("span", { class: "sr-only" }, "Rank")),
      h("th", { scope: "col" }, "Post"),
      COLUMNS.map((c) => {
        const button = h("button", { type: "button", class: "sort-button", title: c.title || null, onclick: () => {
          descending = sortKey === c.key ? !descending : true;
          sortKey = c.key;
          draw();
        } }, c.head, h("span", { class: "sort-arrow", "aria-hidden": "true" }));
        const th = h("th", { scope: "col", class: "num", dataset: { key: c.key } }, button);
        headers.set(c.key, th);
        return th;
      }));
    draw();
    const summary = `${full(rows.length)} ${rows.length === 1 ? "post" : "posts"} in the last ${range.days} days, ${requests} ${requests === 1 ? "request" : "requests"} for posts and insights together.`;
    replace(root,
      h("p", { class: "panel-intro", id: "top-summary" }, summary, " Sort by a column; a post opens with its comments."),
      h("div", { class: "table-scroll", role: "region", "aria-labelledby": "top-caption", tabindex: "0" },
        h("table", { class: "data-table", id: "top-table", dataset: { since: range.since, until: range.until } },
          h("caption", { id: "top-caption", class: "sr-only" }, `Posts of the last ${range.days} days with their insights`),
          h("thead", null, head), tbody)),
      exportBox);
  },
};

/** "Export CSV" of the range (the rows at hand) or of every post (read anew, with progress). */
function exporter(ctx, rows) {
  const { graph, igUserId, signal } = ctx;
  const progress = h("progress", { id: "export-progress", max: 1, value: 0, hidden: true, "aria-label": "Export progress" });
  const text = h("span", { class: "progress-text", id: "export-text", role: "status" });
  const handle = ctx.account.igUsername || igUserId;
  const rangeButton = h("button", { type: "button", class: "button button-small", id: "export-range" }, `Export these ${full(rows.length)} posts (CSV)`);
  const allButton = h("button", { type: "button", class: "button button-small", id: "export-all" }, "Export every post (CSV)");
  const errorSlot = h("div", { class: "error-slot" });
  rangeButton.disabled = rows.length === 0;
  rangeButton.addEventListener("click", () => {
    download(`${handle}-posts-last-${ctx.range.days}-days-${stamp()}.csv`, postsCsv(rows));
    text.textContent = `Saved ${full(rows.length)} posts.`;
  });
  allButton.addEventListener("click", async () => {
    allButton.disabled = true;
    errorSlot.replaceChildren();
    const profile = await ctx.profile.catch(() => null);
    const total = profile && typeof profile.media_count === "number" ? profile.media_count : 0;
    progress.hidden = false;
    progress.max = Math.max(1, total);
    progress.value = 0;
    const all = [];
    let requests = 0;
    const started = performance.now();
    try {
      for await (const page of postsWithInsights(graph, igUserId, { signal })) {
        all.push(...page.posts.map(row));
        requests += page.requests;
        progress.max = Math.max(progress.max, all.length);
        progress.value = all.length;
        text.textContent = `${full(all.length)}${total ? ` of ${full(total)}` : ""} posts…`;
      }
      download(`${handle}-all-posts-${stamp()}.csv`, postsCsv(all));
      progress.value = progress.max;
      text.textContent = `Saved ${full(all.length)} posts with their insights: ${requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
    } catch (err) {
      text.textContent = "";
      ctx.fail(errorSlot, err, () => allButton.click());
    } finally {
      allButton.disabled = false;
    }
  });
  return h("div", { class: "export-box" },
    h("div", { class: "form-row" }, rangeButton, allButton),
    h("div", { class: "load-row" }, progress, text), errorSlot);
}
