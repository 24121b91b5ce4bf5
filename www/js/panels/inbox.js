// Inbox (issue 14): the account's Instagram conversations, newest first, and a thread with a
// reply box that says where Meta's 24-hour window stands (and offers the human agent tag past
// it, up to 7 days). Sends and refusals: www/js/messaging.js (which also puts "Reply privately"
// on the comments of the post panel).

import { h, replace } from "../dom.js";
import { formatDate, parseGraphTime } from "../format.js";
import { clearError, isAbort } from "../errors.js";
import { onSend, sender, showSendError } from "../messaging.js";

const HOUR = 3600000;
const DAY = 24 * HOUR;
const CONVERSATIONS = 10;
const THREAD = 20;
const MESSAGE_FIELDS = "id,created_time,from,to,message,attachments";

/** How long, in words. */
function ago(ms) {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60000))} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} days`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** A <time> of a Graph timestamp: the day and the time of day, local. */
function timeEl(ts) {
  const when = parseGraphTime(ts);
  if (!when) return null;
  return h("time", { class: "inbox-time", datetime: when.toISOString() }, `${formatDate(when)} ${clock.format(when)}`);
}

/** Where the 24-hour window stands, `since` ms after the person's last message. */
export function windowText(since) {
  if (since <= DAY) return `Reply window: ${ago(DAY - since)} left (their last message was ${ago(since)} ago).`;
  if (since <= 7 * DAY) return `The 24-hour window closed ${ago(since - DAY)} ago: only a person may answer now, as a human agent.`;
  return "The person has not written in the last 7 days: they have to write first.";
}

export default {
  async render(root, ctx) {
    const { graph, account, secrets, signal } = ctx;
    const own = account.igUserId;
    const from = await sender(graph, account, secrets);
    const first = await graph.call("listConversations", from.id, { fields: ["id", "updated_time", "participants"], limit: CONVERSATIONS }, { ...from.options, signal });
    if (!(first.data || []).length) return ctx.empty(root, "No conversations yet", "Messages people send to the account show here; you can answer within 24 hours of their last message.");

    const status = h("p", { class: "inbox-status", role: "status" });
    const list = h("ul", { class: "inbox-list", "aria-label": "Conversations" });
    const more = h("button", { type: "button", class: "button button-small", hidden: true }, "More conversations");
    const listError = h("div", { class: "error-slot" });
    const thread = h("section", { class: "inbox-thread", "aria-label": "Conversation" }, h("p", { class: "inbox-placeholder" }, "Pick a conversation."));
    let after;
    let openId = null;

    function addPage(page) {
      list.append(...(page.data || []).map(conversationItem));
      after = page.paging?.cursors?.after;
      more.hidden = !(page.paging?.next && after);
      status.textContent = `${list.children.length} conversations, newest first.`;
    }

    async function loadMore() {
      clearError(listError);
      more.hidden = true;
      list.setAttribute("aria-busy", "true");
      try {
        addPage(await graph.call("listConversations", from.id, { fields: ["id", "updated_time", "participants"], limit: CONVERSATIONS, after }, { ...from.options, signal }));
      } catch (err) {
        if (isAbort(err) || signal.aborted) return;
        more.hidden = false;
        showSendError(listError, err, { graph, secrets });
      } finally {
        list.setAttribute("aria-busy", "false");
      }
    }
    more.addEventListener("click", loadMore);

    function conversationItem(c) {
      const person = (c.participants?.data || []).find((p) => p.id !== own) || {};
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
      const who = `@${person.username || "them"}`;
      const title = h("h3", { class: "inbox-with", tabindex: "-1" }, person.username ? who : "Conversation");
      const sent = h("p", { class: "inbox-sent", role: "status" });
      const messages = h("ol", { class: "inbox-messages", "aria-busy": "true", "aria-label": "Messages, oldest first", tabindex: "0" });
      const windowNote = h("p", { class: "inbox-window" });
      const errorSlot = h("div", { class: "error-slot" });
      const input = h("textarea", { id: "inbox-input", class: "reply-input", rows: 2, required: true, maxlength: 1000, placeholder: `Message ${who}` });
      const human = h("input", { type: "checkbox", id: "inbox-human" });
      const send = h("button", { type: "submit", class: "button button-small button-primary" }, "Send");
      const form = h("form", { class: "inbox-reply", "aria-label": `Reply to ${who}` },
        h("label", { class: "sr-only", for: "inbox-input" }, `Message ${who}`), input,
        h("div", { class: "form-row" },
          h("label", { class: "inbox-human", for: "inbox-human" }, human, " As a human agent (HUMAN_AGENT tag, up to 7 days)"), send));
      replace(thread, title, messages, windowNote, errorSlot, form, sent);
      thread.setAttribute("aria-label", `Conversation with ${who}`);
      // Below the list (narrow screens), the thread is brought into view; the keyboard lands on it.
      title.focus({ preventScroll: true });
      if (thread.getBoundingClientRect().top > window.innerHeight * 0.6) thread.scrollIntoView({ block: "start" });
      try {
        const page = await graph.call("listMessages", c.id, { fields: MESSAGE_FIELDS, limit: THREAD }, { ...from.options, signal });
        if (signal.aborted || openId !== c.id) return;
        messages.append(...(page.data || []).slice().reverse().map(messageItem));
        const lastIn = (page.data || []).find((m) => m.from?.id !== own);
        const since = lastIn ? ctx.now() - (parseGraphTime(lastIn.created_time)?.getTime() ?? 0) : Infinity;
        windowNote.textContent = windowText(since);
        windowNote.dataset.open = String(since <= DAY);
        human.checked = since > DAY && since <= 7 * DAY;
      } catch (err) {
        if (isAbort(err) || signal.aborted) return;
        showSendError(errorSlot, err, { graph, secrets, onRetry: () => openThread(c, person) });
      } finally {
        messages.setAttribute("aria-busy", "false");
        messages.scrollTop = messages.scrollHeight;
      }

      onSend({ form, input, button: send, errorSlot, graph, account, secrets, signal }, async (text, by) => {
        const body = { recipient: { id: person.id }, message: { text }, ...(human.checked ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } : {}) };
        const res = await graph.call("sendMessage", by.id, body, { ...by.options, signal });
        const at = new Date(ctx.now()).toISOString();
        messages.append(messageItem({ id: res.message_id, from: { id: own }, message: text, created_time: at }));
        messages.scrollTop = messages.scrollHeight;
        input.value = "";
        input.focus();
        sent.textContent = `Sent to ${who}.`;
        // The conversation is the newest now: first in the list, with the time of the send.
        const item = list.querySelector(`.inbox-conv[data-id="${CSS.escape(c.id)}"]`);
        if (item) {
          item.querySelector(".inbox-time")?.replaceWith(timeEl(at));
          list.prepend(item.closest("li"));
        }
      });
    }

    function messageItem(m) {
      const mine = m.from?.id === own;
      const images = (m.attachments?.data || []).map((a) => a.image_data?.url || a.video_data?.preview_url).filter(Boolean);
      return h("li", { class: mine ? "inbox-msg mine" : "inbox-msg", dataset: { id: m.id } },
        h("span", { class: "sr-only" }, mine ? "You: " : "They: "),
        m.message ? h("p", null, m.message) : null,
        images.map((src) => h("img", { src, alt: "Attachment", width: 160, height: 160, loading: "lazy" })),
        timeEl(m.created_time));
    }

    addPage(first);
    replace(root, h("div", { class: "inbox-body" }, h("div", { class: "inbox-side" }, status, listError, list, more), thread));
  },
};
