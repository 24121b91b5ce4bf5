// Posts: "Create a post" (photo, carousel, reel) and the media grid (24 a page, "Load more" and
// infinite scroll); a tile opens the post panel. A publish puts the post first in the grid and
// reloads the profile card, so its post count follows.

import { h } from "../dom.js";
import { Composer } from "../composer.js";
import { MediaGrid } from "../media-grid.js";

let parts = null;

/** The composer and the grid, built once (their elements keep the ids the page has always had). */
function build(ctx) {
  const composerRoot = h("section", { class: "composer", id: "composer", "aria-labelledby": "composer-title" });
  const list = h("ul", { class: "grid", id: "grid", "aria-busy": "true", tabindex: "-1" });
  const status = h("p", { class: "media-status", id: "media-status", "aria-live": "polite" });
  const errorSlot = h("div", { id: "media-error", class: "error-slot" });
  const button = h("button", { type: "button", class: "button", id: "load-more", "aria-controls": "grid", hidden: true }, "Load more");
  const sentinel = h("div", { class: "sentinel", id: "sentinel", "aria-hidden": "true" });
  const endNote = h("p", { class: "end-note", id: "end-note", hidden: true });
  const media = h("section", { class: "media", id: "media", "aria-labelledby": "media-title" },
    h("div", { class: "section-head" }, h("h3", { id: "media-title" }, "All posts"), status),
    list, errorSlot, h("div", { class: "pager" }, sentinel, button, endNote));
  const grid = new MediaGrid({ graph: ctx.graph, secrets: ctx.secrets, list, button, sentinel, status, endNote, errorSlot });
  const composer = new Composer({
    graph: ctx.graph,
    secrets: ctx.secrets,
    root: composerRoot,
    onPublished: (m) => {
      grid.prepend(m);
      ctx.refreshProfile();
    },
  });
  return { composerRoot, media, grid, composer, igUserId: null, openPost: ctx.openPost };
}

export default {
  async render(root, ctx) {
    if (!parts) parts = build(ctx);
    parts.grid.onOpen = (m, tile) => ctx.openPost(m, tile);
    if (!root.contains(parts.media)) root.replaceChildren(parts.composerRoot, parts.media);
    parts.composer.setAccount(ctx.igUserId);
    const loading = parts.grid.show(ctx.igUserId);
    ctx.profile.then((user) => !ctx.signal.aborted && parts.grid.setTotal(user.media_count), () => {});
    await loading;
  },
};

/** The grid, for the post panel (a tile's counts change after a comment). */
export function postsGrid() {
  return parts && parts.grid;
}
