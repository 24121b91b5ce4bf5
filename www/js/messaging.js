// Messaging for the dashboard (issue 14): who sends for the account, Meta's refusals in words, a
// send form, and "Reply privately" on a comment (the post panel's comments). The inbox panel is
// www/js/panels/inbox.js. With Facebook Login a message goes through the account's Page with the
// Page's access token (read once from /me/accounts, never shown); with Instagram Login through
// `me` with the page's own token. Meta's refusals arrive as GraphApiErrors with a `rule`.

import { h } from "./dom.js";
import { clearError, isAbort, showError } from "./errors.js";

/** Meta's messaging rules (`err.rule`), for people. */
const RULES = {
  outside_window: ["Outside the 24-hour window", "Instagram lets a business answer only within 24 hours of the person's last message. A person on your team may still answer as a human agent for 7 days; after that, wait for them to write."],
  private_reply: ["No private reply possible", "A comment gets one private reply, within 7 days of it. Answer in the comments instead."],
  user_unavailable: ["This person can't receive messages", "They may have blocked the account or turned messages off."],
  tag_misuse: ["Too many tagged messages", "Meta asks to send tagged messages to this person far less often."],
  rate_limit: ["Too many messages for now", "Meta's messaging limits were reached. Wait a little, then try again."],
  restricted: ["Messaging is restricted", "The account is restricted from sending messages. Its owner has to resolve it with Meta."],
};

/** Page id → Promise of its access token. */
const pageTokens = new Map();

/**
 * Who sends and reads messages for `account`: → { id, options } to pass to sendMessage,
 * listConversations, … (`options` holds the Page token with Facebook Login).
 */
export async function sender(graph, account, secrets) {
  if (graph.login === "instagram") return { id: "me", options: {} };
  const { pageId } = account;
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
  return { id: pageId, options: { pageAccessToken: await pageTokens.get(pageId) } };
}

/**
 * An error box; one of Meta's messaging rules is explained in words, with its code and subcode;
 * another error names the permission its call needs (`hint`).
 */
export function showSendError(slot, err, { graph, secrets, onRetry }) {
  const rule = err && RULES[err.rule];
  if (rule) {
    const shown = { name: err.name, userTitle: rule[0], userMessage: `${rule[1]} (Meta: code ${err.code}${err.subcode ? `, subcode ${err.subcode}` : ""}.)` };
    return showError(slot, shown, { secrets, onRetry });
  }
  return showError(slot, err, { secrets, hint: graph.permissionHint(err), onRetry });
}

/**
 * A send form's submit: its text (focus back when empty), the sender, Meta's refusals explained;
 * `sent(text, from)` sends, `from` being `sender()`'s answer.
 */
export function onSend({ form, input, button, errorSlot, graph, account, secrets, signal }, sent) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return input.focus();
    clearError(errorSlot);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      await sent(text, await sender(graph, account, secrets));
    } catch (err) {
      if (!isAbort(err) && !signal?.aborted) showSendError(errorSlot, err, { graph, secrets });
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
}

/**
 * "Reply privately" for a comment by someone else (null for the account's own): one message to
 * the commenter's inbox, once, within 7 days of the comment. Its form is built on first use.
 * @param {{ graph: import("./graph.js").Graph, account: { igUserId, pageId, igUsername }, comment: object, secrets: string[], signal?: AbortSignal }} o
 */
export function privateReplyControl({ graph, account, comment, secrets, signal }) {
  if (!account || !comment || !comment.id || (account.igUsername && comment.username === account.igUsername)) return null;
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
    onSend({ form, input, button: send, errorSlot, graph, account, secrets, signal }, async (text, from) => {
      await graph.call("sendPrivateReply", from.id, comment.id, text, { ...from.options, signal });
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
