// The post panel: a modal <dialog> opened from a grid tile or a table row (Enter or click),
// closed with Escape or the close button, focus back on the opener. It shows the picture, the
// caption, the post's insights as bars (with its engagement rate), and the comments. The
// account's charts are on the overview.

import { h, replace } from "./dom.js";
import { icon } from "./icons.js";
import { altFromCaption, formatDate, mediaTypeName, parseGraphTime, plural } from "./format.js";
import { isAbort, showError } from "./errors.js";
import { barFigure } from "./charts.js";
import { Comments } from "./comments.js";

export const MEDIA_METRICS = [
  ["reach", "Reach"],
  ["views", "Views"],
  ["likes", "Likes"],
  ["comments", "Comments"],
  ["saved", "Saves"],
  ["shares", "Shares"],
];
const rate = new Intl.NumberFormat(undefined, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

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

  /** Open for a media of `account` (its comments offer private replies); `opener` gets focus back on close. */
  open(media, { opener, account }) {
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
    const comments = h("section", { class: "panel-section panel-comments", id: "panel-comments", "aria-label": "Comments" });

    replace(this.body,
      h("figure", { class: "panel-media" }, picture),
      h("div", { class: "panel-info" },
        this.stats,
        media.caption ? h("p", { class: "panel-caption" }, media.caption) : h("p", { class: "panel-caption muted" }, "No caption."),
        media.permalink ? h("a", { class: "panel-link", href: media.permalink, target: "_blank", rel: "noopener noreferrer" }, icon("link", { size: 16 }), "Open on Instagram") : null,
        h("section", { class: "panel-section", "aria-labelledby": "insights-h" },
          h("h3", { id: "insights-h", class: "panel-h" }, "Post insights"), insights),
        comments));

    if (!this.dialog.open) this.dialog.showModal();
    this.body.scrollTop = 0;
    this.closeBtn.focus();

    this.loadMediaInsights(insights, media, signal);
    const list = new Comments({
      graph: this.graph, root: comments, media, account, signal, secrets: this.secrets,
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
      // A metric Meta did not return is left out (an empty set is "not available", not 0).
      const items = MEDIA_METRICS.filter(([key]) => insightNumber(rows.get(key)) !== null).map(([key, label]) => ({ key, label, value: insightNumber(rows.get(key)) }));
      const v = Object.fromEntries(items.map((i) => [i.key, i.value]));
      const engaged = ["likes", "comments", "saved", "shares"].every((k) => typeof v[k] === "number") && v.reach > 0
        ? (v.likes + v.comments + v.saved + v.shares) / v.reach
        : null;
      replace(box,
        items.length ? barFigure(items, { title: "Post insights", width: Math.min(box.clientWidth || 360, 460), labelWidth: 80, labelHead: "Metric" }) : h("p", { class: "muted" }, "Meta returned no insights for this post."),
        engaged === null ? null : h("p", { class: "engagement", id: "media-engagement", dataset: { value: engaged } },
          h("strong", null, rate.format(engaged)), " engagement rate (likes, comments, saves and shares per account reached)"));
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      box.replaceChildren();
      showError(box, err, { secrets: this.secrets, hint: this.graph.permissionHint(err), onRetry: () => this.loadMediaInsights(box, media, signal) });
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
