// The panels' home: the tab bar (links to #<id>, one per entry of panels.js), one <section> per
// panel, the date-range bar, and each panel's states. A panel renders when its tab is first
// shown for an account (or range); the host shows "Loading…" until it settles, and an error box
// (with the permission the failed call needs, and "Try again") when it throws.
//
// The context a panel's render(root, ctx) gets:
//   ctx.graph      the Graph (graph.js): ctx.graph.call("getUserInsights", …) and friends;
//                  ctx.graph.login is the flavour ("facebook" or "instagram")
//   ctx.config     serve.js's /config.json (mode, login, each flavour's base URL in live mode)
//   ctx.igUserId   the account shown;  ctx.account: { igUserId, igUsername, pageId, pageName }
//   ctx.profile    a Promise of the account's profile (username, followers_count, media_count, …)
//   ctx.signal     aborts when the render is superseded (pass it to every call)
//   ctx.range      { since, until, days } in Unix seconds (panels with usesRange)
//   ctx.now()      "now" in ms (the sandbox's clock, or the real one)
//   ctx.followers()  a Promise of the followers_count now (null when unknown): Meta's 100-follower limits
//   ctx.secrets    strings never to show (pass to showError)
//   ctx.openPost(media, opener)   the post panel (insights, comments)
//   ctx.refreshProfile()          reload the profile card (after a publish)
//   ctx.empty(root, title, text)  the empty state
//   ctx.loading(root, text)       a loading line (for parts that load later)
//   ctx.fail(slot, err, retry)    an error box for a part of the panel

import { h, replace } from "./dom.js";
import { isAbort, showError } from "./errors.js";
import { PANELS } from "./panels.js";
import { dayRange, lastDays } from "./ranges.js";
import { formatDate } from "./format.js";

const PRESETS = [7, 30, 90];

export class PanelHost {
  /**
   * @param {object} o
   * @param {HTMLElement} o.nav       where the tab bar goes
   * @param {HTMLElement} o.viewsRoot where the panels go
   * @param {import("./graph.js").Graph} o.graph
   * @param {object} o.config  /config.json
   * @param {string[]} o.secrets
   * @param {(media: object, opener: HTMLElement) => void} o.openPost
   * @param {() => void} o.refreshProfile
   */
  constructor(o) {
    Object.assign(this, o);
    this.account = null;
    this.profile = null;
    this.range = lastDays(30, this.graph.now());
    this.preset = 30;
    this.views = new Map();
    const list = h("ul", { class: "tabs-list" });
    for (const p of PANELS) {
      const link = h("a", { class: "tab", href: `#${p.id}`, id: `tab-${p.id}`, dataset: { panel: p.id } }, p.title);
      list.append(h("li", null, link));
      const title = h("h2", { class: "view-title", id: `view-${p.id}-title`, tabindex: "-1" }, p.title);
      const rangeSlot = h("div", { class: "range-slot" });
      const body = h("div", { class: "view-body", id: `view-${p.id}-body` });
      const section = h("section", { class: "view", id: `view-${p.id}`, "aria-labelledby": `view-${p.id}-title`, hidden: true, dataset: { state: "idle" } },
        h("div", { class: "view-head" }, title, rangeSlot), body);
      this.views.set(p.id, { panel: p, section, title, rangeSlot, body, link, module: null, renderedFor: null, controller: null });
      this.viewsRoot.append(section);
    }
    replace(this.nav, list);
    this.rangeBar = this.buildRangeBar();
    window.addEventListener("hashchange", () => this.route({ focus: true }));
  }

  /** The panel the URL names (#id), else the first. */
  currentId() {
    const id = decodeURIComponent(location.hash.slice(1));
    return this.views.has(id) ? id : PANELS[0].id;
  }

  /** Show the account: every panel renders again when shown. */
  setAccount(account, profile) {
    this.account = account;
    this.profile = profile;
    for (const v of this.views.values()) {
      if (v.controller) v.controller.abort();
      v.renderedFor = null;
    }
    this.route();
  }

  /** Show the panel of the URL (hashes that name no panel, such as #main, change nothing). */
  route({ focus = false } = {}) {
    const hashId = decodeURIComponent(location.hash.slice(1));
    if (hashId && !this.views.has(hashId) && this.active) return;
    const id = this.currentId();
    this.active = id;
    for (const [vid, v] of this.views) {
      const on = vid === id;
      v.section.hidden = !on;
      if (on) v.link.setAttribute("aria-current", "page");
      else v.link.removeAttribute("aria-current");
    }
    const v = this.views.get(id);
    if (focus) v.title.focus({ preventScroll: true });
    // Keep the current tab in view in a tab bar that scrolls sideways (narrow screens).
    const bar = this.nav;
    if (v.link.offsetLeft < bar.scrollLeft || v.link.offsetLeft + v.link.offsetWidth > bar.scrollLeft + bar.clientWidth) {
      bar.scrollLeft = v.link.offsetLeft - (bar.clientWidth - v.link.offsetWidth) / 2;
    }
    if (this.account) this.show(v);
  }

  /** Render `v` unless it is up to date for this account (and range). */
  async show(v) {
    if (!v.module) {
      v.section.dataset.state = "loading";
      try {
        v.module = (await v.panel.load()).default;
      } catch (err) {
        v.section.dataset.state = "error";
        showError(v.body, err, { secrets: this.secrets, onRetry: () => this.show(v) });
        return;
      }
    }
    if (v.module.usesRange) v.rangeSlot.replaceChildren(this.rangeBar.el);
    const key = `${this.account.igUserId}|${v.module.usesRange ? `${this.range.since}-${this.range.until}` : ""}`;
    if (v.renderedFor === key) return;
    v.renderedFor = key;
    if (v.controller) v.controller.abort();
    const controller = (v.controller = new AbortController());
    const { signal } = controller;
    v.section.dataset.state = "loading";
    v.body.setAttribute("aria-busy", "true");
    loading(v.body, `Loading ${v.panel.title.toLowerCase()}…`);
    try {
      await v.module.render(v.body, this.context(v, signal));
      if (signal.aborted) return;
      v.section.dataset.state = v.body.querySelector(".empty-state") ? "empty" : "ready";
    } catch (err) {
      if (signal.aborted || isAbort(err)) return;
      v.renderedFor = null;
      v.section.dataset.state = "error";
      v.body.replaceChildren();
      this.fail(v.body, err, () => this.show(v));
    } finally {
      if (!signal.aborted) v.body.setAttribute("aria-busy", "false");
    }
  }

  /** An error box in `slot`, naming the permission a failed call needs. */
  fail(slot, err, retry) {
    showError(slot, err, { secrets: this.secrets, hint: this.graph.permissionHint(err), onRetry: retry });
  }

  context(v, signal) {
    return {
      graph: this.graph,
      config: this.config,
      igUserId: this.account.igUserId,
      account: this.account,
      profile: this.profile,
      signal,
      range: { ...this.range },
      now: () => this.graph.now(),
      followers: () => this.graph.call("getUser", this.account.igUserId, { fields: ["followers_count"] }, { signal })
        .then((u) => (typeof u.followers_count === "number" ? u.followers_count : null), () => null),
      secrets: this.secrets,
      openPost: this.openPost,
      refreshProfile: this.refreshProfile,
      empty,
      loading,
      fail: (slot, err, retry) => {
        if (signal.aborted || isAbort(err)) return;
        this.fail(slot, err, retry);
      },
    };
  }

  /** Another range: the panels that use it render again. */
  setRange(range, preset) {
    this.range = range;
    this.preset = preset;
    this.rangeBar.update();
    const v = this.views.get(this.active);
    if (v && v.module && v.module.usesRange && this.account) this.show(v);
  }

  buildRangeBar() {
    const buttons = PRESETS.map((days) => h("button", { type: "button", class: "seg-button", dataset: { days }, onclick: () => this.setRange(lastDays(days, this.graph.now()), days) }, `${days} days`));
    const custom = h("button", { type: "button", class: "seg-button", dataset: { days: "custom" }, "aria-expanded": "false", "aria-controls": "range-custom" }, "Custom");
    const from = h("input", { type: "date", id: "range-from", required: true });
    const to = h("input", { type: "date", id: "range-to", required: true });
    const error = h("p", { class: "field-error", role: "status" });
    const form = h("form", { class: "range-custom", id: "range-custom", hidden: true },
      h("label", { for: "range-from" }, "From"), from,
      h("label", { for: "range-to" }, "To"), to,
      h("button", { type: "submit", class: "button button-small" }, "Apply"), error);
    const label = h("p", { class: "range-label", id: "range-label", "aria-live": "polite" });
    const group = h("div", { class: "segmented-buttons", role: "group", "aria-label": "Date range" }, buttons, custom);
    const el = h("div", { class: "range-bar" }, group, label, form);
    custom.addEventListener("click", () => {
      const open = form.hidden;
      form.hidden = !open;
      custom.setAttribute("aria-expanded", String(open));
      if (open) {
        const iso = (sec) => new Date(sec * 1000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
        from.value ||= iso(this.range.since);
        to.value ||= iso(this.range.until - 1);
        to.max = iso(Math.floor(this.graph.now() / 1000));
        from.max = to.max;
        from.focus();
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const range = dayRange(from.value, to.value, this.graph.now(), -new Date().getTimezoneOffset());
      if (!range) {
        error.textContent = "Pick a start day on or before the end day, not in the future.";
        return;
      }
      error.textContent = "";
      this.setRange(range, "custom");
    });
    const update = () => {
      for (const b of [...buttons, custom]) b.setAttribute("aria-pressed", String(String(this.preset) === b.dataset.days));
      const end = new Date(this.range.until * 1000 - 1);
      label.textContent = `${formatDate(new Date(this.range.since * 1000))} – ${formatDate(end)} (${this.range.days} ${this.range.days === 1 ? "day" : "days"})`;
    };
    update();
    return { el, update };
  }
}

/** The empty state of a panel (or part of one): a title and what it means. */
export function empty(root, title, text) {
  replace(root, h("div", { class: "empty-state" }, h("p", { class: "empty-state-title" }, title), text ? h("p", { class: "empty-state-text" }, text) : null));
}

/** A loading line with a spinner. */
export function loading(root, text = "Loading…") {
  replace(root, h("p", { class: "view-loading" }, h("span", { class: "spinner", "aria-hidden": "true" }), text));
}
