// "Create a post": a photo (image URL), a carousel (2–10 image URLs) or a reel (a video file,
// uploaded with the resumable upload). The caption is checked live against the package's limits
// (counters; Publish is disabled when over). Progress follows the container's stages; the new
// post then appears first in the grid.

import { h, replace } from "./dom.js";
import { icon } from "./icons.js";
import { full } from "./format.js";
import { captionStats } from "instagram-graph-wasm";
import { clearError, isAbort, showError } from "./errors.js";
import { MEDIA_FIELDS } from "./media-grid.js";

const POLL_MS = 500;
const POLL_TIMEOUT_MS = 5 * 60 * 1000;
const CAROUSEL = { min: 2, max: 10 };
const STAGES = {
  image: [["creating", "Creating"], ["processing", "Processing"], ["publishing", "Publishing"], ["published", "Published"]],
  video: [["creating", "Creating"], ["uploading", "Uploading"], ["processing", "Processing"], ["publishing", "Publishing"], ["published", "Published"]],
};

/** A container that ended in ERROR or EXPIRED while we polled it (like the package's PublishError). */
class ContainerError extends Error {
  constructor(statusCode, status) {
    super(status || `The video could not be processed (${statusCode}).`);
    this.name = "PublishError";
    this.statusCode = statusCode;
  }
}

const TITLES = { PublishError: "Instagram could not process this media", TypeError: "The post is not valid" };

export class Composer {
  constructor({ graph, secrets, root, onPublished }) {
    this.graph = graph;
    this.secrets = secrets;
    this.root = root;
    this.onPublished = onPublished;
    this.igUserId = null;
    this.busy = false;
    this.build();
  }

  setAccount(igUserId) {
    if (this.controller) this.controller.abort();
    this.igUserId = igUserId;
    this.setBusy(false);
  }

  build() {
    const radio = (value, label, checked) =>
      h("label", { class: "seg" }, h("input", { type: "radio", name: "kind", value, checked, onchange: () => this.showKind() }), h("span", null, label));
    this.kindSet = h("fieldset", { class: "segmented" }, h("legend", { class: "sr-only" }, "Kind of post"),
      radio("image", "Photo", true), radio("carousel", "Carousel", false), radio("video", "Reel (video file)", false));

    this.imageUrl = h("input", { id: "image-url", type: "url", inputmode: "url", placeholder: "https://…/photo.jpg", autocomplete: "off" });
    this.imagePart = h("div", { class: "field", dataset: { kind: "image" } }, h("label", { for: "image-url" }, "Image URL"), this.imageUrl);

    this.urlList = h("ol", { class: "url-list", id: "carousel-urls" });
    this.addUrl = h("button", { type: "button", class: "button button-small", onclick: () => { this.addCarouselUrl(); this.urlList.lastElementChild.querySelector("input").focus(); } }, icon("plus", { size: 16 }), "Add image");
    this.carouselCount = h("span", { class: "hint", "aria-live": "polite" });
    this.carouselPart = h("fieldset", { class: "field", dataset: { kind: "carousel" } },
      h("legend", null, "Image URLs (2 to 10)"), this.urlList, h("div", { class: "form-row" }, this.addUrl, this.carouselCount));
    for (let i = 0; i < CAROUSEL.min; i++) this.addCarouselUrl();

    this.file = h("input", { id: "video-file", type: "file", accept: "video/mp4,video/quicktime,video/*", onchange: () => this.showFile() });
    this.fileInfo = h("span", { class: "hint", id: "video-file-info" });
    this.videoPart = h("div", { class: "field", dataset: { kind: "video" } },
      h("label", { for: "video-file" }, "Video file (MP4 or MOV)"), this.file, this.fileInfo);

    this.caption = h("textarea", { id: "caption", rows: 3, "aria-describedby": "caption-counters", oninput: () => this.checkCaption() });
    const counter = (key, what) => h("span", { class: "counter", dataset: { counter: key } }, h("span", { class: "counter-value" }), ` ${what}`);
    this.counters = { chars: counter("chars", "characters"), hashtags: counter("hashtags", "hashtags"), mentions: counter("mentions", "mentions") };
    this.captionAlert = h("p", { class: "field-error", id: "caption-error", role: "status" });
    const captionPart = h("div", { class: "field" },
      h("label", { for: "caption" }, "Caption"), this.caption,
      h("p", { class: "counters", id: "caption-counters" }, this.counters.chars, this.counters.hashtags, this.counters.mentions),
      this.captionAlert);

    this.submit = h("button", { type: "submit", class: "button button-primary", id: "publish-button" }, icon("upload", { size: 18 }), "Publish");
    this.errorSlot = h("div", { class: "error-slot", id: "publish-error" });

    this.stageList = h("ol", { class: "stages" });
    this.stageBar = h("progress", { id: "publish-bar", max: 4, value: 0, "aria-label": "Publishing progress" });
    this.stageText = h("p", { class: "progress-text", id: "publish-status", role: "status" });
    this.uploadBar = h("progress", { id: "upload-progress", max: 1, value: 0, "aria-label": "Bytes uploaded" });
    this.uploadText = h("span", { class: "hint", id: "upload-bytes" });
    this.uploadRow = h("div", { class: "upload-row", hidden: true }, h("span", { class: "upload-label" }, "Upload"), this.uploadBar, this.uploadText);
    this.progress = h("div", { class: "progress", id: "publish-progress", hidden: true, dataset: { stage: "" } },
      this.stageList, h("div", { class: "upload-row" }, h("span", { class: "upload-label" }, "Progress"), this.stageBar), this.uploadRow, this.stageText);

    this.form = h("form", { class: "composer-form", id: "publish-form", onsubmit: (e) => { e.preventDefault(); this.publish(); } },
      this.kindSet, this.imagePart, this.carouselPart, this.videoPart, captionPart,
      h("div", { class: "form-row" }, this.submit), this.errorSlot, this.progress);

    this.details = h("details", { class: "composer-details" },
      h("summary", { class: "composer-summary" }, h("span", { class: "summary-plus", "aria-hidden": "true" }, icon("plus", { size: 18 })), h("h2", { id: "composer-title" }, "Create a post")),
      this.form);
    replace(this.root, this.details);
    this.showKind();
    this.checkCaption();
  }

  get kind() {
    return this.form.querySelector("input[name=kind]:checked").value;
  }

  showKind() {
    const kind = this.kind;
    for (const part of [this.imagePart, this.carouselPart, this.videoPart]) {
      part.hidden = part.dataset.kind !== kind;
      for (const input of part.querySelectorAll("input")) input.required = !part.hidden;
    }
  }

  addCarouselUrl() {
    const n = this.urlList.children.length + 1;
    if (n > CAROUSEL.max) return;
    const id = `carousel-url-${Math.random().toString(36).slice(2, 8)}`;
    const input = h("input", { id, type: "url", inputmode: "url", placeholder: "https://…/photo.jpg", autocomplete: "off", required: Boolean(this.form) && this.kind === "carousel" });
    const label = h("label", { for: id, class: "url-label" });
    const remove = h("button", { type: "button", class: "icon-button" }, icon("close", { size: 16 }));
    const li = h("li", { class: "url-item" }, label, input, remove);
    remove.addEventListener("click", () => {
      if (this.urlList.children.length <= CAROUSEL.min) return;
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      this.renumber();
      next.querySelector("input").focus();
    });
    this.urlList.append(li);
    this.renumber();
  }

  renumber() {
    const items = [...this.urlList.children];
    items.forEach((li, i) => {
      li.querySelector(".url-label").textContent = `Image ${i + 1}`;
      const remove = li.querySelector(".icon-button");
      remove.setAttribute("aria-label", `Remove image ${i + 1}`);
      remove.hidden = items.length <= CAROUSEL.min;
    });
    this.addUrl.hidden = items.length >= CAROUSEL.max;
    this.carouselCount.textContent = `${items.length} of ${CAROUSEL.max} images`;
  }

  showFile() {
    const f = this.file.files && this.file.files[0];
    this.fileInfo.textContent = f ? `${f.name} · ${bytes(f.size)}` : "";
  }

  /** Counters and the Publish button follow the caption. */
  checkCaption() {
    const stats = captionStats(this.caption.value);
    const LIMITS = stats.limits;
    for (const key of Object.keys(LIMITS)) {
      const el = this.counters[key];
      el.querySelector(".counter-value").textContent = `${full(stats[key])} / ${full(LIMITS[key])}`;
      el.dataset.over = String(stats[key] > LIMITS[key]);
    }
    const msgs = { chars: "characters", hashtags: "hashtags", mentions: "@-mentions" };
    const text = stats.over.length ? `Too many ${stats.over.map((k) => msgs[k]).join(" and ")}: Instagram allows at most ${stats.over.map((k) => `${full(LIMITS[k])} ${msgs[k]}`).join(" and ")}.` : "";
    if (this.captionAlert.textContent !== text) this.captionAlert.textContent = text;
    this.caption.setAttribute("aria-invalid", String(stats.over.length > 0));
    this.captionOver = stats.over.length > 0;
    this.updateSubmit();
    return stats;
  }

  updateSubmit() {
    this.submit.disabled = this.busy || this.captionOver || !this.igUserId;
  }

  setBusy(busy) {
    this.busy = busy;
    this.form.setAttribute("aria-busy", String(busy));
    for (const el of this.form.querySelectorAll("input, textarea, fieldset button")) el.disabled = busy;
    this.updateSubmit();
  }

  setStages(kind) {
    this.stages = STAGES[kind];
    replace(this.stageList, this.stages.map(([key, label]) => h("li", { class: "stage", dataset: { stage: key } }, label)));
    this.stageBar.max = this.stages.length;
    this.stageBar.value = 0;
    this.progress.hidden = false;
    this.uploadRow.hidden = kind !== "video";
    this.uploadBar.value = 0;
    this.uploadBar.max = 1;
    this.uploadText.textContent = "";
  }

  stage(key, text) {
    const i = this.stages.findIndex(([k]) => k === key);
    this.progress.dataset.stage = key;
    this.stageBar.value = key === "published" ? this.stages.length : Math.max(this.stageBar.value, i + 0.5);
    for (const [j, li] of [...this.stageList.children].entries()) {
      li.dataset.state = j < i || key === "published" ? "done" : j === i ? "current" : "todo";
      if (j === i && key !== "published") li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    }
    this.stageText.textContent = text;
  }

  async publish() {
    if (this.busy || !this.igUserId) return;
    const stats = this.checkCaption();
    if (stats.over.length) return this.caption.focus();
    const kind = this.kind;
    const caption = this.caption.value.trim() || undefined;
    let file = null;
    let post = null;
    if (kind === "video") {
      file = this.file.files && this.file.files[0];
      if (!file) return this.file.focus();
    } else if (kind === "image") {
      post = { image_url: this.imageUrl.value.trim(), caption };
    } else {
      post = { children: [...this.urlList.querySelectorAll("input")].map((i) => ({ image_url: i.value.trim() })), caption };
    }
    clearError(this.errorSlot);
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    const igUserId = this.igUserId;
    this.setStages(kind === "video" ? "video" : "image");
    this.setBusy(true);
    this.stage("creating", "Creating the media container…");
    try {
      const mediaId = kind === "video" ? await this.publishVideo(igUserId, file, caption, signal) : await this.publishPost(igUserId, post, signal);
      this.stage("published", "Published. The new post is first in your posts.");
      const media = await this.graph.call("getMedia", mediaId, { fields: MEDIA_FIELDS }, { signal });
      if (this.igUserId === igUserId && this.onPublished) this.onPublished(media);
      this.form.reset();
      this.showKind();
      this.showFile();
      while (this.urlList.children.length > CAROUSEL.min) this.urlList.lastElementChild.remove();
      this.renumber();
      this.checkCaption();
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      this.progress.dataset.stage = "failed";
      this.stageText.textContent = "Not published.";
      const friendly = TITLES[err && err.name] && !err.userTitle ? Object.assign(Object.create(err), { userTitle: TITLES[err.name], userMessage: err.message, name: err.name }) : err;
      showError(this.errorSlot, friendly, { secrets: this.secrets });
    } finally {
      if (!signal.aborted) this.setBusy(false);
    }
  }

  /** The package's publish(): containers, polling every 500 ms, media_publish. */
  async publishPost(igUserId, post, signal) {
    const children = post.children ? post.children.length : 0;
    let created = 0;
    const res = await this.graph.call("publish", igUserId, post, {
      signal,
      pollIntervalMs: POLL_MS,
      onProgress: (p) => {
        if (p.stage === "creating") {
          created++;
          this.stage("creating", children ? (created <= children ? `Creating item ${created} of ${children}…` : "Creating the carousel…") : "Creating the media container…");
        } else if (p.stage === "processing") {
          this.stage("processing", `Instagram is processing the media (${p.statusCode || "waiting"})…`);
        } else if (p.stage === "publishing") {
          this.stage("publishing", "Publishing…");
        } else if (p.stage === "published") {
          this.stage("published", "Published.");
        }
      },
    });
    return res.id;
  }

  /** A reel from a file: resumable container, byte upload, poll until FINISHED, publish. */
  async publishVideo(igUserId, file, caption, signal) {
    const container = await this.graph.call("createContainer", igUserId, { media_type: "REELS", upload_type: "resumable", caption }, { signal });
    this.stage("uploading", `Uploading ${bytes(file.size)}…`);
    this.uploadBar.max = Math.max(1, file.size);
    this.uploadText.textContent = `0 of ${bytes(file.size)}`;
    await this.graph.call("uploadVideo", container.id, file, {
      signal,
      chunkSize: 2 * 1024 * 1024,
      onProgress: ({ sentBytes, totalBytes }) => {
        this.uploadBar.max = Math.max(1, totalBytes);
        this.uploadBar.value = sentBytes;
        this.uploadBar.dataset.sent = String(sentBytes);
        this.uploadBar.dataset.total = String(totalBytes);
        this.uploadText.textContent = `${bytes(sentBytes)} of ${bytes(totalBytes)}`;
      },
    });
    this.stage("processing", "Instagram is processing the video…");
    const started = Date.now();
    for (;;) {
      const c = await this.graph.call("getContainer", container.id, { fields: ["status_code", "status"] }, { signal });
      if (c.status_code === "FINISHED") break;
      if (c.status_code === "ERROR" || c.status_code === "EXPIRED") throw new ContainerError(c.status_code, c.status);
      if (c.status_code === "PUBLISHED") throw new ContainerError(c.status_code, "This container was already published.");
      this.stage("processing", `Instagram is processing the video (${c.status_code})…`);
      if (Date.now() - started > POLL_TIMEOUT_MS) throw new ContainerError("IN_PROGRESS", "Instagram is still processing the video after 5 minutes. Try publishing later.");
      await sleep(POLL_MS, signal);
    }
    this.stage("publishing", "Publishing…");
    const res = await this.graph.call("publishContainer", igUserId, container.id, { signal });
    return res.id;
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(t); reject(Object.assign(new Error("aborted"), { name: "AbortError" })); }, { once: true });
  });
}

const byteFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
function bytes(n) {
  if (n < 1024) return `${full(n)} B`;
  if (n < 1024 * 1024) return `${byteFmt.format(n / 1024)} KB`;
  return `${byteFmt.format(n / 1024 / 1024)} MB`;
}
