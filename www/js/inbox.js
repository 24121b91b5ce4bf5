// The inbox (issue 14), one self-contained module: conversations of the account, a thread, a
// reply box that says where Meta's 24-hour window stands (and offers the human agent tag past
// it), and "Reply privately" on a comment. With Facebook Login, messaging goes through the Page
// with its access token (read once from /me/accounts, never shown). Meta's refusals arrive as
// GraphApiErrors with a `rule`; they are explained in words here.
//
// Hooks into a page: `mountInbox({ graph, secrets, root })` → `inbox.show({ igUserId, pageId,
// igUsername })` when an account is picked; `privateReplyControl({ graph, comment, secrets,
// signal })` → an element for a comment's actions. Its styles come with it (scoped to .inbox and
// .private-reply, using the page's CSS variables).

import { h, replace } from "./dom.js";
import { formatDate, parseGraphTime } from "./format.js";
import { clearError, isAbort, showError } from "./errors.js";

const HOUR = 3600000;
const DAY = 24 * HOUR;
const CONVERSATIONS = 10;
const THREAD = 20;
const MESSAGE_FIELDS = "id,created_time,from,to,message,attachments";

/** Meta's messaging rules (`err.rule`), for people. */
const RULES = {
  outside_window: ["Outside the 24-hour window", "Instagram lets a business answer only within 24 hours of the person's last message. A person on your team may still answer as a human agent for 7 days; after that, wait for them to write."],
  private_reply: ["No private reply possible", "A comment gets one private reply, within 7 days of it. Answer in the comments instead."],
  user_unavailable: ["This person can't receive messages", "They may have blocked the account or turned messages off."],
  tag_misuse: ["Too many tagged messages", "Meta asks to send tagged messages to this person far less often."],
  rate_limit: ["Too many messages for now", "Meta's messaging limits were reached. Wait a little, then try again."],
  restricted: ["Messaging is restricted", "The account is restricted from sending messages. Its owner has to resolve it with Meta."],
};

/** The account the inbox and the private replies act for: { igUserId, pageId, igUsername }. */
let current = null;
/** Page id → Promise of its access token. */
const pageTokens = new Map();

/** The Page access token of the account's Page (Facebook Login's Messenger Platform needs it). */
function pageToken(graph, secrets) {
  const { pageId } = current;
  if (!pageTokens.has(pageId)) {
    const p = graph.call("get", "me/accounts", { fields: "id,access_token", limit: 100 }).then((page) => {
      const token = (page.data || []).find((x) => x.id === pageId)?.access_token;
      if (!token) throw new Error("This token cannot see the Page's access token (it needs pages_show_list and the Page's MESSAGING task).");
      secrets.push(token);
      return token;
    });
    p.catch(() => pageTokens.delete(pageId));
    pageTokens.set(pageId, p);
  }
  return pageTokens.get(pageId);
}

/** Show an error; one of Meta's messaging rules is explained in words, with its code and subcode. */
function showSendError(slot, err, secrets) {
  const rule = err && RULES[err.rule];
  const shown = rule ? { name: err.name, userTitle: rule[0], userMessage: `${rule[1]} (Meta: code ${err.code}${err.subcode ? `, subcode ${err.subcode}` : ""}.)` } : err;
  showError(slot, shown, { secrets });
}

/** A send form: its text (focus back when empty), the Page token, Meta's refusals explained; `sent(text, token)` sends. */
function onSend({ form, input, button, errorSlot, graph, secrets, signal }, sent) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return input.focus();
    clearError(errorSlot);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      await sent(text, await pageToken(graph, secrets));
    } catch (err) {
      if (!isAbort(err) && !signal?.aborted) showSendError(errorSlot, err, secrets);
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
}

/** How long ago, in words. */
function ago(ms) {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60000))} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} days`;
}

function timeEl(ts) {
  const when = parseGraphTime(ts);
  if (!when) return null;
  const text = `${formatDate(when)} ${when.toISOString().slice(11, 16)}`;
  return h("time", { class: "inbox-time", datetime: when.toISOString() }, text);
}

/**
 * The inbox section, rendered into `root` (an empty element).
 * @param {{ graph: import("./graph.js").Graph, secrets: string[], root: HTMLElement }} o
 */
export function mountInbox({ graph, secrets, root }) {
  addStyles();
  const status = h("p", { class: "inbox-status", role: "status" });
  const list = h("ul", { class: "inbox-list", "aria-label": "Conversations" });
  const more = h("button", { type: "button", class: "button button-small", hidden: true }, "More conversations");
  const listError = h("div", { class: "error-slot" });
  const thread = h("div", { class: "inbox-thread", "aria-live": "polite" }, h("p", { class: "inbox-placeholder" }, "Pick a conversation."));
  // Folded by default: opened, it loads the conversations (and stays out of the tab order until then).
  const details = h("details", { class: "inbox-details" },
    h("summary", { class: "inbox-summary" }, h("h2", { id: "inbox-title" }, "Messages"), status),
    h("div", { class: "inbox-body" }, h("div", { class: "inbox-side" }, listError, list, more), thread));
  replace(root, details);
  root.classList.add("inbox");
  root.setAttribute("aria-labelledby", "inbox-title");
  root.hidden = true;

  let controller = null;
  let after;
  let openId = null;
  let loaded = false;
  details.addEventListener("toggle", () => {
    if (details.open && !loaded && current) {
      loaded = true;
      loadConversations();
    }
  });

  async function loadConversations() {
    clearError(listError);
    more.hidden = true;
    list.setAttribute("aria-busy", "true");
    const signal = controller.signal;
    try {
      const token = await pageToken(graph, secrets);
      const page = await graph.call("listConversations", current.pageId, { fields: ["id", "updated_time", "participants"], limit: CONVERSATIONS, after }, { pageAccessToken: token, signal });
      if (signal.aborted) return;
      list.append(...(page.data || []).map(conversationItem));
      after = page.paging?.cursors?.after;
      more.hidden = !(page.paging?.next && after);
      status.textContent = list.children.length ? `${list.children.length} conversations` : "No conversations yet.";
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      showSendError(listError, err, secrets);
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  }
  more.addEventListener("click", loadConversations);

  function conversationItem(c) {
    const person = (c.participants?.data || []).find((p) => p.id !== current.igUserId) || {};
    const button = h("button", { type: "button", class: "inbox-conv", "aria-current": "false", dataset: { id: c.id } },
      h("strong", null, person.username ? `@${person.username}` : "Someone"), timeEl(c.updated_time));
    button.addEventListener("click", () => {
      for (const b of list.querySelectorAll(".inbox-conv")) b.setAttribute("aria-current", String(b === button));
      openThread(c, person);
    });
    return h("li", null, button);
  }

  async function openThread(c, person) {
    openId = c.id;
    const signal = controller.signal;
    const title = h("h3", { class: "inbox-with", tabindex: "-1" }, person.username ? `@${person.username}` : "Conversation");
    const messages = h("ol", { class: "inbox-messages", "aria-busy": "true", "aria-label": "Messages, oldest first" });
    const windowNote = h("p", { class: "inbox-window" });
    const errorSlot = h("div", { class: "error-slot" });
    const input = h("textarea", { id: "inbox-input", class: "reply-input", rows: 2, required: true, maxlength: 1000, placeholder: `Message @${person.username || "them"}` });
    const human = h("input", { type: "checkbox", id: "inbox-human" });
    const send = h("button", { type: "submit", class: "button button-small button-primary" }, "Send");
    const form = h("form", { class: "inbox-reply", "aria-label": `Reply to @${person.username || "them"}` },
      h("label", { class: "sr-only", for: "inbox-input" }, `Message @${person.username || "them"}`), input,
      h("div", { class: "form-row" },
        h("label", { class: "inbox-human", for: "inbox-human" }, human, " As a human agent (HUMAN_AGENT tag, up to 7 days)"), send));
    replace(thread, title, messages, windowNote, errorSlot, form);
    try {
      const token = await pageToken(graph, secrets);
      const page = await graph.call("listMessages", c.id, { fields: MESSAGE_FIELDS, limit: THREAD }, { pageAccessToken: token, signal });
      if (signal.aborted || openId !== c.id) return;
      const items = (page.data || []).slice().reverse();
      messages.append(...items.map(messageItem));
      const lastIn = (page.data || []).find((m) => m.from?.id !== current.igUserId);
      const since = lastIn ? graph.now() - (parseGraphTime(lastIn.created_time)?.getTime() ?? 0) : Infinity;
      if (since <= DAY) windowNote.textContent = `Reply window: ${ago(DAY - since)} left (their last message was ${ago(since)} ago).`;
      else if (since <= 7 * DAY) windowNote.textContent = `The 24-hour window closed ${ago(since - DAY)} ago: only a person may answer now, as a human agent.`;
      else windowNote.textContent = "The person has not written in the last 7 days: they have to write first.";
      windowNote.dataset.open = String(since <= DAY);
      human.checked = since > DAY && since <= 7 * DAY;
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      showSendError(errorSlot, err, secrets);
    } finally {
      messages.setAttribute("aria-busy", "false");
      messages.lastElementChild?.scrollIntoView?.({ block: "nearest" });
    }

    onSend({ form, input, button: send, errorSlot, graph, secrets, signal }, async (text, token) => {
      const body = { recipient: { id: person.id }, message: { text }, ...(human.checked ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } : {}) };
      const res = await graph.call("sendMessage", current.pageId, body, { pageAccessToken: token, signal });
      messages.append(messageItem({ id: res.message_id, from: { id: current.igUserId }, message: text, created_time: new Date(graph.now()).toISOString() }));
      messages.lastElementChild?.scrollIntoView?.({ block: "nearest" });
      input.value = "";
      input.focus();
      status.textContent = "Message sent.";
    });
  }

  function messageItem(m) {
    const mine = m.from?.id === current.igUserId;
    const images = (m.attachments?.data || []).map((a) => a.image_data?.url || a.video_data?.preview_url).filter(Boolean);
    return h("li", { class: mine ? "inbox-msg mine" : "inbox-msg", dataset: { id: m.id } },
      h("span", { class: "sr-only" }, mine ? "You: " : "They: "),
      m.message ? h("p", null, m.message) : null,
      images.map((src) => h("img", { src, alt: "Attachment", width: 160, height: 160, loading: "lazy" })),
      timeEl(m.created_time));
  }

  return {
    /** Show the inbox of an account: { igUserId, pageId, igUsername }. */
    show(account) {
      if (controller) controller.abort();
      controller = new AbortController();
      current = account;
      after = undefined;
      openId = null;
      list.replaceChildren();
      status.textContent = "";
      replace(thread, h("p", { class: "inbox-placeholder" }, "Pick a conversation."));
      root.hidden = false;
      loaded = details.open;
      return loaded ? loadConversations() : Promise.resolve();
    },
    hide() {
      if (controller) controller.abort();
      root.hidden = true;
    },
  };
}

/**
 * "Reply privately" for a comment by someone else (null for the account's own): one message to
 * the commenter's inbox, once, within 7 days of the comment. Its form is built on first use.
 */
export function privateReplyControl({ graph, comment, secrets, signal }) {
  if (!current || !comment || !comment.id || comment.username === current.igUsername) return null;
  addStyles();
  const id = `pr-${comment.id}`;
  const who = `@${comment.username || "them"}`;
  const button = h("button", { type: "button", class: "link-button private-reply", "aria-expanded": "false", "aria-controls": id }, "Reply privately");
  const done = h("p", { class: "private-reply-done", role: "status" });
  const wrap = h("span", { class: "private-reply-wrap" }, button, done);
  let form = null;
  let input = null;

  function build() {
    input = h("textarea", { id: `${id}-input`, class: "reply-input", rows: 2, required: true, maxlength: 1000, placeholder: `Private message to ${who}` });
    const send = h("button", { type: "submit", class: "button button-small button-primary" }, "Send privately");
    const errorSlot = h("div", { class: "error-slot" });
    form = h("form", { id, class: "private-reply-form", "aria-label": `Private reply to ${who}` },
      h("label", { class: "sr-only", for: `${id}-input` }, `Private reply to ${who}`), input, h("div", { class: "form-row" }, send), errorSlot);
    onSend({ form, input, button: send, errorSlot, graph, secrets, signal }, async (text, token) => {
      await graph.call("sendPrivateReply", current.pageId, comment.id, text, { pageAccessToken: token, signal });
      form.hidden = true;
      button.disabled = true;
      button.textContent = "Replied privately";
      button.setAttribute("aria-expanded", "false");
      done.textContent = `Sent to ${who}'s inbox.`;
    });
    wrap.append(form);
  }

  button.addEventListener("click", () => {
    if (!form) build();
    else form.hidden = !form.hidden;
    button.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) input.focus();
  });
  return wrap;
}

let styled = false;
/**
 * The module's own styles, once (the page's variables: --surface, --border, --accent, …), as a
 * constructed stylesheet: the page's CSP (`style-src 'self'`) refuses inline <style>.
 */
function addStyles() {
  if (styled || typeof document === "undefined") return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
.inbox { margin: 24px 0; }
.inbox .inbox-status { color: var(--muted); font-size: 14px; }
.inbox-summary { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; cursor: pointer; list-style: none; }
.inbox-summary::-webkit-details-marker { display: none; }
.inbox-summary h2::before { content: "▸ "; color: var(--muted); }
.inbox-details[open] .inbox-summary h2::before { content: "▾ "; }
.inbox-body { display: grid; grid-template-columns: minmax(200px, 280px) 1fr; gap: 16px; margin-top: 12px; }
.inbox-list { list-style: none; padding: 0; display: grid; gap: 4px; }
.inbox-conv { width: 100%; display: flex; flex-direction: column; align-items: flex-start; gap: 2px; padding: 10px 12px;
  border: 1px solid var(--border); border-radius: 10px; background: var(--surface); color: inherit; font: inherit; cursor: pointer; text-align: left; }
.inbox-conv[aria-current="true"] { border-color: var(--accent); box-shadow: inset 3px 0 0 var(--accent); }
.inbox-side .button { margin-top: 8px; }
.inbox-time { color: var(--muted); font-size: 12px; }
.inbox-thread { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); padding: 12px; min-height: 200px;
  display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.inbox-placeholder { color: var(--muted); margin: auto; }
.inbox-with { font-size: 16px; margin: 0; }
.inbox-messages { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; max-height: 420px; overflow-y: auto; }
.inbox-msg { align-self: flex-start; max-width: 80%; background: var(--surface-2); border-radius: 14px; padding: 6px 10px; overflow-wrap: anywhere; }
.inbox-msg.mine { align-self: flex-end; background: var(--accent); color: var(--accent-text); }
.inbox-msg.mine .inbox-time { color: inherit; opacity: .8; }
.inbox-msg p { margin: 0; }
.inbox-msg img { display: block; max-width: 100%; height: auto; border-radius: 8px; margin: 4px 0; }
.inbox-window { font-size: 13px; color: var(--warn); }
.inbox-window[data-open="true"] { color: var(--ok); }
.inbox-reply .form-row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; margin-top: 6px; }
.inbox-human { font-size: 13px; color: var(--muted); }
.private-reply-wrap { display: contents; }
.private-reply-form { flex-basis: 100%; margin: 4px 0 0 6px; }
.private-reply-form .form-row { margin-top: 6px; }
.private-reply-done:not(:empty) { flex-basis: 100%; margin-left: 6px; font-size: 13px; color: var(--ok); }
@media (max-width: 640px) { .inbox-body { grid-template-columns: 1fr; } }
`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
