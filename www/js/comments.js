// Comments of a media in the panel: listComments with replies, and for each comment reply (top
// level only, as Instagram allows), "Reply privately" (messaging.js), hide/unhide (a toggle
// showing the state) and delete (with a confirm step). The UI changes only after the Graph API
// answered.

import { append, h, replace } from "./dom.js";
import { formatDate, parseGraphTime, plural } from "./format.js";
import { clearError, isAbort, showError } from "./errors.js";
import { privateReplyControl } from "./messaging.js";

const REPLY_FIELDS = "id,text,username,timestamp,like_count,hidden,parent_id";
export const COMMENT_FIELDS = `id,text,username,timestamp,like_count,hidden,replies{${REPLY_FIELDS}}`;
const PAGE = 25;

let uid = 0;

export class Comments {
  /**
   * @param {object} o
   * @param {import("./graph.js").Graph} o.graph
   * @param {HTMLElement} o.root      the section to fill
   * @param {object} o.media
   * @param {{ igUserId, pageId, igUsername }} o.account  the media's account ("Reply privately" sends for it)
   * @param {AbortSignal} o.signal
   * @param {string[]} o.secrets
   * @param {(delta: number) => void} o.onCount  comments were added or removed
   */
  constructor(o) {
    Object.assign(this, o);
    this.after = undefined;
    this.count = typeof o.media.comments_count === "number" ? o.media.comments_count : null;
    this.title = h("h3", { class: "panel-h", tabindex: "-1" }, "Comments");
    this.status = h("p", { class: "sr-only", role: "status" });
    this.list = h("ul", { class: "comments", "aria-busy": "true" });
    this.more = h("button", { type: "button", class: "button button-small", hidden: true, onclick: () => this.load() }, "More comments");
    this.errorSlot = h("div", { class: "error-slot" });
    replace(this.root, this.title, this.status, this.errorSlot, this.list, this.more);
    this.renderTitle();
  }

  renderTitle() {
    this.title.textContent = this.count != null ? `Comments (${this.count})` : "Comments";
  }

  announce(text) {
    this.status.textContent = "";
    requestAnimationFrame(() => (this.status.textContent = text));
  }

  async load() {
    clearError(this.errorSlot);
    this.more.hidden = true;
    this.list.setAttribute("aria-busy", "true");
    if (!this.list.children.length) this.list.append(h("li", { class: "comment-loading" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Loading comments…"));
    try {
      const page = await this.graph.call("listComments", this.media.id, { fields: COMMENT_FIELDS, limit: PAGE, after: this.after }, { signal: this.signal });
      this.list.querySelector(".comment-loading")?.remove();
      const items = Array.isArray(page.data) ? page.data : [];
      this.list.append(...items.map((c) => this.item(c, null)));
      const next = page.paging && page.paging.cursors && page.paging.cursors.after;
      this.more.hidden = !(page.paging && page.paging.next && next && next !== this.after);
      this.after = next;
      if (!this.list.children.length) this.list.append(h("li", { class: "comment-empty" }, this.media.is_comment_enabled === false ? "Comments are turned off." : "No comments yet."));
    } catch (err) {
      if (isAbort(err) || this.signal.aborted) return;
      this.list.querySelector(".comment-loading")?.remove();
      showError(this.errorSlot, err, { secrets: this.secrets, onRetry: () => { this.title.focus(); this.load(); } });
    } finally {
      this.list.setAttribute("aria-busy", "false");
    }
  }

  /** One comment (parent = null) or reply, with its actions. */
  item(c, parent) {
    const id = `c${++uid}`;
    const when = parseGraphTime(c.timestamp);
    const li = h("li", { class: parent ? "comment reply" : "comment", dataset: { id: c.id, hidden: String(!!c.hidden) }, "aria-labelledby": `${id}-who` });
    const badge = h("span", { class: "comment-badge", hidden: !c.hidden }, "Hidden");
    const hideBtn = h("button", { type: "button", class: "link-button hide-toggle", "aria-pressed": String(!!c.hidden) }, c.hidden ? "Unhide" : "Hide");
    const delBtn = h("button", { type: "button", class: "link-button delete" }, "Delete");
    const errorSlot = h("div", { class: "error-slot" });
    const confirmYes = h("button", { type: "button", class: "button button-small button-danger confirm-delete" }, "Delete");
    const confirmNo = h("button", { type: "button", class: "button button-small" }, "Cancel");
    const confirm = h("div", { class: "confirm", role: "group", "aria-label": "Confirm delete", hidden: true },
      h("span", null, parent ? "Delete this reply?" : `Delete this comment${c.replies?.data?.length ? " and its replies" : ""}?`), confirmYes, confirmNo);
    const actions = h("div", { class: "comment-actions" });
    let replies = null;
    let replyBtn = null;
    let form = null;
    if (!parent) {
      replies = h("ul", { class: "replies" });
      replies.append(...(c.replies && Array.isArray(c.replies.data) ? c.replies.data : []).map((r) => this.item(r, c)));
      replyBtn = h("button", { type: "button", class: "link-button reply", "aria-expanded": "false", "aria-controls": `${id}-form` }, "Reply");
      const input = h("textarea", { id: `${id}-input`, class: "reply-input", rows: 2, maxlength: 2200, required: true, placeholder: `Reply to @${c.username || "them"}` });
      const send = h("button", { type: "submit", class: "button button-small button-primary" }, "Reply");
      const cancel = h("button", { type: "button", class: "button button-small" }, "Cancel");
      form = h("form", { id: `${id}-form`, class: "reply-form", hidden: true, "aria-label": `Reply to @${c.username || "comment"}` },
        h("label", { class: "sr-only", for: `${id}-input` }, `Reply to @${c.username || "comment"}`), input, h("div", { class: "form-row" }, send, cancel));
      const toggleForm = (open) => {
        form.hidden = !open;
        replyBtn.setAttribute("aria-expanded", String(open));
        if (open) input.focus();
      };
      replyBtn.addEventListener("click", () => toggleForm(form.hidden));
      cancel.addEventListener("click", () => { toggleForm(false); replyBtn.focus(); });
      form.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); toggleForm(false); replyBtn.focus(); }
      });
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const message = input.value.trim();
        if (!message) return input.focus();
        clearError(errorSlot);
        send.disabled = true;
        send.setAttribute("aria-busy", "true");
        try {
          const { id: newId } = await this.graph.call("replyToComment", c.id, message, { signal: this.signal });
          // Show the reply as the Graph API has it now.
          const reply = await this.graph.call("get", newId, { fields: REPLY_FIELDS }, { signal: this.signal });
          replies.append(this.item(reply, c));
          input.value = "";
          toggleForm(false);
          replyBtn.focus();
          this.changeCount(1);
          this.announce("Reply posted.");
        } catch (err) {
          if (isAbort(err) || this.signal.aborted) return;
          showError(errorSlot, err, { secrets: this.secrets });
        } finally {
          send.disabled = false;
          send.removeAttribute("aria-busy");
        }
      });
      actions.append(replyBtn);
      append(actions, [privateReplyControl({ graph: this.graph, account: this.account, comment: c, secrets: this.secrets, signal: this.signal })]);
    }
    actions.append(hideBtn, delBtn);

    hideBtn.addEventListener("click", async () => {
      const hide = hideBtn.getAttribute("aria-pressed") !== "true";
      clearError(errorSlot);
      hideBtn.setAttribute("aria-busy", "true");
      hideBtn.disabled = true;
      try {
        const res = await this.graph.call("hideComment", c.id, hide, { signal: this.signal });
        if (!res || res.success !== true) throw new Error("The Graph API did not confirm the change.");
        li.dataset.hidden = String(hide);
        hideBtn.setAttribute("aria-pressed", String(hide));
        hideBtn.textContent = hide ? "Unhide" : "Hide";
        badge.hidden = !hide;
        this.announce(hide ? "Comment hidden." : "Comment visible again.");
      } catch (err) {
        if (isAbort(err) || this.signal.aborted) return;
        showError(errorSlot, err, { secrets: this.secrets });
      } finally {
        hideBtn.disabled = false;
        hideBtn.removeAttribute("aria-busy");
        hideBtn.focus();
      }
    });

    delBtn.addEventListener("click", () => {
      confirm.hidden = false;
      actions.hidden = true;
      confirmNo.focus();
    });
    confirmNo.addEventListener("click", () => {
      confirm.hidden = true;
      actions.hidden = false;
      delBtn.focus();
    });
    confirm.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); confirmNo.click(); }
    });
    confirmYes.addEventListener("click", async () => {
      clearError(errorSlot);
      confirmYes.disabled = true;
      confirmYes.setAttribute("aria-busy", "true");
      try {
        const res = await this.graph.call("deleteComment", c.id, { signal: this.signal });
        if (!res || res.success !== true) throw new Error("The Graph API did not confirm the deletion.");
        const removed = 1 + (replies ? replies.children.length : 0);
        const next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        this.changeCount(-removed);
        this.announce(parent ? "Reply deleted." : "Comment deleted.");
        const target = next && next.querySelector("button");
        (target || this.title).focus();
      } catch (err) {
        if (isAbort(err) || this.signal.aborted) return;
        confirmYes.disabled = false;
        confirmYes.removeAttribute("aria-busy");
        showError(errorSlot, err, { secrets: this.secrets });
      }
    });

    append(li, [
      h("div", { class: "comment-head" },
        h("strong", { id: `${id}-who`, class: "comment-user" }, c.username ? `@${c.username}` : "Someone"),
        when ? h("time", { class: "comment-time", datetime: when.toISOString() }, formatDate(when)) : null,
        typeof c.like_count === "number" && c.like_count > 0 ? h("span", { class: "comment-likes" }, plural(c.like_count, "like")) : null,
        badge),
      h("p", { class: "comment-text" }, c.text || ""),
      actions, confirm, errorSlot, form, replies]);
    return li;
  }

  changeCount(delta) {
    if (this.count != null) this.count = Math.max(0, this.count + delta);
    this.renderTitle();
    if (this.onCount) this.onCount(delta);
    const empty = this.list.querySelector(".comment-empty");
    if (delta > 0 && empty) empty.remove();
  }
}
