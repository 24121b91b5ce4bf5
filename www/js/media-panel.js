// The media detail panel: a modal <dialog> opened from a grid tile (Enter or click), closed with
// Escape or the close button, focus back on the tile. It shows the picture, caption, the post's
// insights as bars, the account's daily reach and views as lines, and the comments.

import { h, replace } from "./dom.js";
import { icon } from "./icons.js";
import { altFromCaption, formatDate, full, mediaTypeName, parseGraphTime, plural } from "./format.js";
import { isAbort, showError } from "./errors.js";
import { barChart, lineChart } from "./charts.js";
import { Comments } from "./comments.js";

export const MEDIA_METRICS = [
  ["reach", "Reach"],
  ["likes", "Likes"],
  ["saved", "Saves"],
  ["shares", "Shares"],
];
const ACCOUNT_METRICS = [
  ["reach", "Reach"],
  ["views", "Views"],
];
const DAY = 86400;

/** The number of an insights row: the lifetime value, or total_value when that is all there is. */
export function insightNumber(row) {
  if (!row) return null;
  if (Array.isArray(row.values) && row.values.length && typeof row.values[0].value === "number") return row.values[0].value;
  if (row.total_value && typeof row.total_value.value === "number") return row.total_value.value;
  return null;
}

export class MediaPanel {
  /**
   * @param {object} o
   * @param {import("./graph.js").Graph} o.graph
   * @param {string[]} o.secrets
   * @param {(media: object) => void} o.onChange  the media's counts changed (comments)
   */
  constructor(o) {
    Object.assign(this, o);
    this.accountCache = new Map();
    this.title = h("h2", { id: "panel-title", class: "panel-title" });
    this.closeBtn = h("button", { type: "button", class: "icon-button panel-close", "aria-label": "Close" }, icon("close", { size: 20 }));
    this.body = h("div", { class: "panel-body" });
    this.dialog = h("dialog", { id: "media-panel", class: "panel", "aria-labelledby": "panel-title" },
      h("div", { class: "panel-head" }, this.title, this.closeBtn), this.body);
    document.body.append(this.dialog);
    this.closeBtn.addEventListener("click", () => this.dialog.close());
    // A click on the backdrop (outside the panel's box) closes it too.
    this.dialog.addEventListener("click", (e) => {
      if (e.target !== this.dialog) return;
      const r = this.dialog.getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) this.dialog.close();
    });
    this.dialog.addEventListener("close", () => this.onClosed());
  }

  get isOpen() {
    return this.dialog.open;
  }

  /** Open for a media; `opener` gets focus back on close. */
  open(media, { igUserId, opener }) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.media = media;
    this.opener = opener || document.activeElement;
    const date = parseGraphTime(media.timestamp);
    this.title.textContent = `${mediaTypeName(media.media_type)}${date ? ` · ${formatDate(date)}` : ""}`;

    const src = media.media_type === "VIDEO" ? media.thumbnail_url || media.media_url : media.media_url || media.thumbnail_url;
    const picture = src
      ? h("img", { class: "panel-img", src, alt: altFromCaption(media), decoding: "async" })
      : h("div", { class: "panel-img panel-img-empty", role: "img", "aria-label": altFromCaption(media) }, icon("image", { size: 40 }));
    this.stats = h("p", { class: "panel-stats" });
    this.renderStats();
    const insights = h("div", { class: "chart-box", id: "media-insights", "aria-busy": "true" }, loading("Loading insights…"));
    const account = h("div", { class: "chart-box", id: "account-insights", "aria-busy": "true" }, loading("Loading account insights…"));
    const comments = h("section", { class: "panel-section panel-comments", id: "panel-comments", "aria-label": "Comments" });

    replace(this.body,
      h("figure", { class: "panel-media" }, picture),
      h("div", { class: "panel-info" },
        this.stats,
        media.caption ? h("p", { class: "panel-caption" }, media.caption) : h("p", { class: "panel-caption muted" }, "No caption."),
        media.permalink ? h("a", { class: "panel-link", href: media.permalink, target: "_blank", rel: "noopener noreferrer" }, icon("link", { size: 16 }), "Open on Instagram") : null,
        h("section", { class: "panel-section", "aria-labelledby": "insights-h" },
          h("h3", { id: "insights-h", class: "panel-h" }, "Post insights"), insights),
        h("section", { class: "panel-section", "aria-labelledby": "account-h" },
          h("h3", { id: "account-h", class: "panel-h" }, "Account reach and views, last 30 days"), account),
        comments));

    if (!this.dialog.open) this.dialog.showModal();
    this.body.scrollTop = 0;
    this.closeBtn.focus();

    this.loadMediaInsights(insights, media, signal);
    this.loadAccountInsights(account, igUserId, signal);
    const list = new Comments({
      graph: this.graph, root: comments, media, signal, secrets: this.secrets,
      onCount: (delta) => {
        if (typeof this.media.comments_count === "number") this.media = { ...this.media, comments_count: Math.max(0, this.media.comments_count + delta) };
        this.renderStats();
        if (this.onChange) this.onChange(this.media);
      },
    });
    list.load();
  }

  renderStats() {
    const m = this.media;
    replace(this.stats,
      typeof m.like_count === "number" ? h("span", { class: "stat" }, icon("heart", { size: 16 }), plural(m.like_count, "like")) : null,
      typeof m.comments_count === "number" ? h("span", { class: "stat" }, icon("comment", { size: 16 }), plural(m.comments_count, "comment")) : null);
  }

  async loadMediaInsights(box, media, signal) {
    try {
      const res = await this.graph.call("getMediaInsights", media.id, { metric: MEDIA_METRICS.map(([k]) => k) }, { signal });
      const rows = new Map((res.data || []).map((r) => [r.name, r]));
      const items = MEDIA_METRICS.map(([key, label]) => ({ key, label, value: insightNumber(rows.get(key)) ?? 0 }));
      replace(box, barChart(items, { title: "Post insights", width: Math.min(box.clientWidth || 360, 460) }));
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      box.replaceChildren();
      showError(box, err, { secrets: this.secrets, onRetry: () => this.loadMediaInsights(box, media, signal) });
    } finally {
      if (!signal.aborted) box.setAttribute("aria-busy", "false");
    }
  }

  async loadAccountInsights(box, igUserId, signal) {
    try {
      let pending = this.accountCache.get(igUserId);
      if (!pending) {
        const until = Math.floor(this.graph.now() / 1000);
        const since = until - 30 * DAY;
        pending = this.graph.call("getUserInsights", igUserId, { metric: ACCOUNT_METRICS.map(([k]) => k), period: "day", since, until });
        this.accountCache.set(igUserId, pending);
        pending.catch(() => this.accountCache.delete(igUserId));
      }
      const res = await pending;
      if (signal.aborted) return;
      const rows = new Map((res.data || []).map((r) => [r.name, r]));
      const series = [];
      const totals = [];
      for (const [key, label] of ACCOUNT_METRICS) {
        const row = rows.get(key);
        if (row && Array.isArray(row.values) && row.values.length) {
          const points = row.values
            .map((v) => ({ t: parseGraphTime(v.end_time), v: v.value }))
            .filter((p) => p.t && typeof p.v === "number");
          series.push({ key, label, points });
          totals.push({ key, label, value: points.reduce((a, p) => a + p.v, 0), series: true });
        } else if (row && row.total_value && typeof row.total_value.value === "number") {
          // Only a total for the period: say so instead of drawing a line.
          totals.push({ key, label, value: row.total_value.value, series: false });
        }
      }
      const legend = h("ul", { class: "legend" },
        totals.map((t) => h("li", { class: `legend-item${t.series ? ` legend-${series.findIndex((s) => s.key === t.key)}` : ""}`, dataset: { metric: t.key, total: t.value } },
          h("span", { class: "legend-swatch", "aria-hidden": "true" }),
          `${t.label}: ${full(t.value)} ${t.series ? "in 30 days" : "in 30 days (total only, no daily data)"}`)));
      replace(box, series.length ? lineChart(series, { title: "Account reach and views per day", width: box.clientWidth || 640 }) : null, legend);
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      box.replaceChildren();
      showError(box, err, { secrets: this.secrets, onRetry: () => this.loadAccountInsights(box, igUserId, signal) });
    } finally {
      if (!signal.aborted) box.setAttribute("aria-busy", "false");
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  onClosed() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    const back = this.opener && this.opener.isConnected ? this.opener : this.fallbackFocus && this.fallbackFocus(this.media);
    if (back) back.focus();
  }
}

function loading(text) {
  return h("p", { class: "chart-loading" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}
