// The media grid: 24 posts per page from listUserMedia, a "Load more" button, and infinite
// scroll (an IntersectionObserver on a sentinel below the grid), both following the `after`
// cursor until `paging.next` disappears. A tile is a button: it opens the media panel.

import { h, replace, srOnly } from "./dom.js";
import { icon } from "./icons.js";
import { altFromCaption, compact, formatDate, full, mediaTypeName, parseGraphTime, plural } from "./format.js";
import { clearError, isAbort, showError } from "./errors.js";

export const MEDIA_FIELDS = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,like_count,comments_count";
export const PAGE_SIZE = 24;
/** Start loading the next page when the sentinel is this close to the viewport (px). */
const AHEAD = 400;
const TYPE_ICONS = { IMAGE: "image", VIDEO: "video", CAROUSEL_ALBUM: "carousel" };

export class MediaGrid {
  /**
   * @param {object} parts
   * @param {import("./graph.js").Graph} parts.graph
   * @param {HTMLUListElement} parts.list
   * @param {HTMLButtonElement} parts.button   "Load more"
   * @param {HTMLElement} parts.sentinel       watched for infinite scroll
   * @param {HTMLElement} parts.status         "Showing 24 of 240 posts" (aria-live)
   * @param {HTMLElement} parts.endNote
   * @param {HTMLElement} parts.errorSlot
   * @param {string[]} [parts.secrets]        redacted from error messages
   * @param {(media: object, tile: HTMLElement) => void} [parts.onOpen]  a tile was activated
   */
  constructor(parts) {
    Object.assign(this, parts);
    this.secrets = parts.secrets || [];
    this.igUserId = null;
    this.total = null;
    this.generation = 0;
    this.controller = null;
    /** The media of the tiles shown, by id. */
    this.items = new Map();
    this.reset();
    this.list.addEventListener("click", (e) => {
      const button = e.target.closest(".tile-link");
      const media = button && this.items.get(button.closest(".tile").dataset.id);
      if (media && this.onOpen) this.onOpen(media, button);
    });
    this.button.addEventListener("click", () => {
      this.failed = false;
      this.loadMore();
    });
    // The observer only says "look again": its entries can be a frame old (a page that loaded
    // in between may have pushed the sentinel away), so fillViewport() measures it now.
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.fillViewport();
    }, { rootMargin: `0px 0px ${AHEAD}px 0px` });
    this.observer.observe(this.sentinel);
    this.placeholder();
  }

  /** Skeleton tiles until the first page arrives. */
  placeholder() {
    renderGridSkeleton(this.list);
  }

  reset() {
    this.after = undefined;
    this.hasNext = true;
    this.loading = false;
    this.failed = false;
    this.count = 0;
  }

  /** Show the media of an account (`total` = media_count when known); cancels a previous load. */
  show(igUserId, total = null) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    this.generation++;
    this.igUserId = igUserId;
    this.total = total;
    this.reset();
    this.items.clear();
    clearError(this.errorSlot);
    this.placeholder();
    this.render();
    return this.loadMore();
  }

  /** Update the known total (the profile may arrive after the first page). */
  setTotal(total) {
    this.total = typeof total === "number" ? total : null;
    this.render();
  }

  /** Fetch the next page, unless one is loading, the last one was reached, or (auto) it failed. */
  async loadMore({ auto = false } = {}) {
    if (!this.igUserId || this.loading || !this.hasNext || (auto && this.failed)) return;
    const generation = this.generation;
    const { signal } = this.controller;
    this.loading = true;
    this.render();
    let ok = false;
    try {
      const page = await this.graph.call(
        "listUserMedia",
        this.igUserId,
        { fields: MEDIA_FIELDS, limit: PAGE_SIZE, after: this.after },
        { signal },
      );
      if (generation !== this.generation) return;
      const items = Array.isArray(page.data) ? page.data : [];
      if (this.count === 0) this.list.replaceChildren();
      const fresh = items.filter((m) => m && m.id && !this.items.has(m.id));
      for (const m of fresh) this.items.set(m.id, m);
      this.list.append(...fresh.map(tile));
      this.count += items.length;
      const next = page.paging && page.paging.cursors ? page.paging.cursors.after : undefined;
      // Stop when Meta sends no `next`, and guard against a cursor that does not move.
      this.hasNext = Boolean(page.paging && page.paging.next && next && next !== this.after);
      this.after = next;
      this.failed = false;
      ok = true;
    } catch (err) {
      if (generation !== this.generation || isAbort(err)) return;
      this.failed = true;
      if (this.count === 0) this.list.replaceChildren();
      showError(this.errorSlot, err, {
        secrets: this.secrets,
        onRetry: () => {
          this.failed = false;
          this.loadMore();
          // The "Try again" button is gone: keep keyboard focus nearby.
          (this.button.hidden ? this.list : this.button).focus({ preventScroll: true });
        },
      });
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.render();
        if (ok) requestAnimationFrame(() => this.fillViewport());
      }
    }
  }

  /** A post just published: first in the grid. */
  prepend(media) {
    if (!media || !media.id || this.items.has(media.id)) return;
    if (this.count === 0) this.list.replaceChildren();
    this.items.set(media.id, media);
    this.list.prepend(tile(media));
    this.count++;
    if (this.total != null) this.total++;
    this.render();
  }

  /** Update a tile's counts (e.g. comments after a reply or a delete). */
  update(media) {
    if (!media || !this.items.has(media.id)) return;
    this.items.set(media.id, media);
    const li = [...this.list.children].find((el) => el.dataset.id === media.id);
    // Swap the counts only: the tile's button keeps focus (and stays the panel's opener).
    const stats = li && li.querySelector(".tile-stats");
    const fresh = tile(media).querySelector(".tile-stats");
    if (stats && fresh) stats.replaceWith(fresh);
  }

  /** The tile's button of a media id (to give focus back). */
  tileButton(id) {
    const li = [...this.list.children].find((el) => el.dataset.id === id);
    return li ? li.querySelector(".tile-link") : null;
  }

  /** Keep loading while the sentinel is still near the viewport (tall screens, empty pages). */
  fillViewport() {
    const rect = this.sentinel.getBoundingClientRect();
    if (rect.top < window.innerHeight + AHEAD && rect.bottom >= 0) this.loadMore({ auto: true });
  }

  render() {
    const busy = this.loading && this.count === 0;
    this.list.setAttribute("aria-busy", String(busy));
    // After a failure the error box's "Try again" is the one way on.
    this.button.hidden = !this.hasNext || this.failed || (this.count === 0 && this.loading);
    // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
    this.button.setAttribute("aria-disabled", String(this.loading));
    this.button.setAttribute("aria-busy", String(this.loading));
    replace(this.button, this.loading ? [h("span", { class: "spinner", "aria-hidden": "true" }), "Loading…"] : "Load more");

    const of = this.total != null ? ` of ${full(this.total)}` : "";
    this.status.textContent = this.count > 0 ? `Showing ${full(this.count)}${of}` : busy ? "Loading posts…" : "";
    const finished = !this.hasNext && !this.loading;
    this.endNote.hidden = !finished;
    this.endNote.textContent = finished ? (this.count === 0 ? "No posts yet." : `That's all ${plural(this.count, "post")}.`) : "";
  }
}

/** Skeleton tiles in a grid list (also before a MediaGrid exists). */
export function renderGridSkeleton(list, n = 12) {
  replace(list, skeletonTiles(n));
  list.setAttribute("aria-busy", "true");
}

function skeletonTiles(n) {
  return Array.from({ length: n }, () => h("li", { class: "tile tile-skeleton", "aria-hidden": "true" }, h("div", { class: "skeleton tile-media" })));
}

/** One media tile: picture, type badge, like and comment counts; a button that opens the post. */
export function tile(media) {
  const type = media.media_type;
  const date = parseGraphTime(media.timestamp);
  const src = type === "VIDEO" ? media.thumbnail_url : media.media_url || media.thumbnail_url;
  const picture = src
    ? h("img", { class: "tile-media", src, alt: altFromCaption(media), loading: "lazy", decoding: "async", width: 320, height: 320 })
    : placeholder(media);
  if (picture.tagName === "IMG") picture.addEventListener("error", () => picture.replaceWith(placeholder(media)), { once: true });

  const stats = h("span", { class: "tile-stats" },
    typeof media.like_count === "number"
      ? h("span", { class: "stat", title: `${full(media.like_count)} likes` }, icon("heart", { size: 16 }), compact(media.like_count), srOnly(media.like_count === 1 ? " like" : " likes"))
      : null,
    typeof media.comments_count === "number"
      ? h("span", { class: "stat", title: `${full(media.comments_count)} comments` }, icon("comment", { size: 16 }), compact(media.comments_count), srOnly(media.comments_count === 1 ? " comment" : " comments"))
      : null);

  const badge = h("span", { class: "badge", dataset: { type: type || "UNKNOWN" } },
    icon(TYPE_ICONS[type] || "image", { size: 14 }), h("span", { class: "badge-text" }, mediaTypeName(type)));

  const body = [picture, badge, stats, date ? h("time", { class: "sr-only", datetime: date.toISOString() }, `, posted ${formatDate(date)}`) : null];
  const inner = h("button", { type: "button", class: "tile-link", "aria-haspopup": "dialog", title: date ? formatDate(date) : null }, body);
  return h("li", { class: "tile", dataset: { id: media.id, type: type || "" } }, inner);
}

function placeholder(media) {
  return h("span", { class: "tile-media tile-placeholder", role: "img", "aria-label": altFromCaption(media) },
    icon(TYPE_ICONS[media.media_type] || "image", { size: 32 }));
}
