// Mentions and tags: the posts of others that tag the account (/tags), newest first, and a reply
// as a comment on those whose caption @mentions it (POST /{ig-user-id}/mentions). Mentions in
// comments reach an app by webhook (the example Worker answers them), not by a list.

import { h, replace } from "../dom.js";
import { altFromCaption, formatDate, parseGraphTime, plural } from "../format.js";
import { clearError } from "../errors.js";

const FIELDS = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,username,like_count,comments_count";
const PAGE = 12;

export default {
  async render(root, ctx) {
    const profile = await ctx.profile.catch(() => null);
    const handle = (profile && profile.username) || ctx.account.igUsername || "";
    const list = h("ul", { class: "mention-list", id: "mention-list" });
    const more = h("button", { type: "button", class: "button button-small", id: "mentions-more", hidden: true }, "More");
    const errorSlot = h("div", { class: "error-slot" });
    let after;
    let count = 0;
    const load = async () => {
      clearError(errorSlot);
      more.hidden = true;
      try {
        const page = await ctx.graph.call("listTags", ctx.igUserId, { fields: FIELDS, limit: PAGE, after }, { signal: ctx.signal });
        const items = page.data || [];
        list.append(...items.map((m) => item(m, handle, ctx)));
        count += items.length;
        const next = page.paging?.cursors?.after;
        more.hidden = !(page.paging?.next && next && next !== after);
        after = next;
        return items.length;
      } catch (err) {
        ctx.fail(errorSlot, err, load);
        if (count === 0) throw err;
        return 0;
      }
    };
    more.addEventListener("click", () => load());
    const first = await load();
    if (first === 0) return ctx.empty(root, "Nobody has tagged you yet", `Posts by other accounts that tag @${handle} show here.`);
    replace(root, h("p", { class: "panel-intro" }, `Posts by others that tag @${handle}, newest first.`), list, errorSlot, h("div", { class: "pager" }, more));
  },
};

function item(m, handle, ctx) {
  const date = parseGraphTime(m.timestamp);
  const src = m.media_type === "VIDEO" ? m.thumbnail_url || m.media_url : m.media_url || m.thumbnail_url;
  const mentions = handle && typeof m.caption === "string" && m.caption.toLowerCase().includes(`@${handle.toLowerCase()}`);
  const li = h("li", { class: "card mention", dataset: { id: m.id } },
    src ? h("img", { class: "mention-img", src, alt: altFromCaption(m), width: 96, height: 96, loading: "lazy", decoding: "async" }) : null,
    h("div", { class: "mention-body" },
      h("p", { class: "mention-head" }, h("strong", null, m.username ? `@${m.username}` : "Someone"), date ? ` · ${formatDate(date)}` : ""),
      m.caption ? h("p", { class: "mention-caption" }, m.caption) : null,
      h("p", { class: "muted" }, [typeof m.like_count === "number" ? plural(m.like_count, "like") : null, typeof m.comments_count === "number" ? plural(m.comments_count, "comment") : null].filter(Boolean).join(" · ")),
      m.permalink ? h("a", { class: "panel-link", href: m.permalink, target: "_blank", rel: "noopener noreferrer" }, "Open on Instagram") : null));
  if (mentions) li.querySelector(".mention-body").append(replyForm(m, ctx));
  return li;
}

let uid = 0;

/** Reply to a caption mention: a comment on that post, as the account. */
function replyForm(m, ctx) {
  const id = `mention-reply-${++uid}`;
  const input = h("input", { id, type: "text", maxlength: 2200, required: true, autocomplete: "off", placeholder: "Thanks for the mention!" });
  const send = h("button", { type: "submit", class: "button button-small button-primary" }, "Reply");
  const status = h("p", { class: "field-note", role: "status" });
  const errorSlot = h("div", { class: "error-slot" });
  const form = h("form", { class: "mention-reply" },
    h("label", { for: id }, `Reply to @${m.username || "them"} on their post`), h("div", { class: "form-row" }, input, send), status, errorSlot);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const message = input.value.trim();
    if (!message) return input.focus();
    clearError(errorSlot);
    send.disabled = true;
    try {
      const res = await ctx.graph.call("replyToMention", ctx.igUserId, { media_id: m.id, message }, { signal: ctx.signal });
      status.textContent = `Replied (comment ${res.id}).`;
      status.dataset.commentId = res.id;
      input.value = "";
    } catch (err) {
      ctx.fail(errorSlot, err, null);
    } finally {
      send.disabled = false;
    }
  });
  return form;
}

