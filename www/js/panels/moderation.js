// Moderation at scale: keyword rules over every comment (and reply) of the recent posts → a
// preview of what would be hidden → hide them with a progress bar, 50 to a batch request
// (client.batch, the path the moderation benchmark measures) → undo (unhide) the same way.
// The comments come with the posts: `comments.limit(100){…,replies{…}}` on the media pages.

import { h, replace } from "../dom.js";
import { formatDate, full, parseGraphTime } from "../format.js";
import { clearError } from "../errors.js";

const REPLY = "id,text,username,timestamp,hidden";
const COMMENT = `id,text,username,timestamp,hidden,replies{${REPLY}}`;
const MEDIA = `id,caption,timestamp,permalink,media_type,media_url,thumbnail_url,comments_count,comments.limit(100){${COMMENT}}`;
/** NB: a batch request takes at most 50 requests (the project's graph-api.md §6). */
const BATCH = 50;
const SCOPES = [25, 50, 100];

/** "decaf, Seattle\nfree followers" → ["decaf", "seattle", "free followers"]. */
export function parseRules(text) {
  return [...new Set(String(text).split(/[,\n]/).map((w) => w.trim().toLowerCase()).filter(Boolean))];
}

/** A matcher for whole words or phrases, any case: `(text) => the rules it matches`. */
export function matcher(rules) {
  const res = rules.map((r) => [r, new RegExp(`(?<![\\p{L}\\p{N}_])${r.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`, "iu")]);
  return (text) => res.filter(([, re]) => re.test(String(text || ""))).map(([r]) => r);
}

export default {
  async render(root, ctx) {
    const profile = await ctx.profile.catch(() => null);
    const own = ((profile && profile.username) || ctx.account.igUsername || "").toLowerCase();
    const rulesInput = h("textarea", { id: "mod-rules", rows: 2, placeholder: "e.g. giveaway, dm me, free followers", "aria-describedby": "mod-rules-help" });
    const scope = h("select", { id: "mod-scope" }, SCOPES.map((n) => h("option", { value: n, selected: n === 50 }, `${n} most recent posts`)));
    const scan = h("button", { type: "submit", class: "button button-primary", id: "mod-scan" }, "Preview");
    const form = h("form", { class: "card mod-form" },
      h("div", { class: "field" }, h("label", { for: "mod-rules" }, "Hide comments that contain any of these words or phrases"), rulesInput,
        h("p", { class: "field-note", id: "mod-rules-help" }, "Separated by commas or lines; whole words, any case. Your own comments are never hidden.")),
      h("div", { class: "form-row" }, h("label", { for: "mod-scope" }, "Look at"), scope, scan));
    const out = h("div", { id: "mod-preview", "aria-live": "polite" });
    const errorSlot = h("div", { class: "error-slot" });
    replace(root, h("p", { class: "panel-intro" }, "Find the comments to hide across your recent posts, check the list, then hide them in batches of 50. Undo unhides them."), form, errorSlot, out);

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const rules = parseRules(rulesInput.value);
      if (rules.length === 0) {
        rulesInput.focus();
        replace(out, h("p", { class: "field-error" }, "Add at least one word."));
        return;
      }
      clearError(errorSlot);
      scan.disabled = true;
      try {
        await preview(rules, Number(scope.value));
      } catch (err) {
        out.replaceChildren();
        ctx.fail(errorSlot, err, () => form.requestSubmit());
      } finally {
        scan.disabled = false;
      }
    });

    /** Read the comments of the `n` newest posts and list those the rules match. */
    async function preview(rules, n) {
      const match = matcher(rules);
      const bar = h("progress", { id: "mod-scan-progress", max: n, value: 0, "aria-label": "Posts read" });
      const barText = h("span", { class: "progress-text" }, "Reading comments…");
      replace(out, h("div", { class: "load-row", role: "status" }, bar, barText));
      const found = [];
      let posts = 0;
      let comments = 0;
      let requests = 0;
      const consider = (c, media) => {
        comments++;
        const words = (c.username || "").toLowerCase() === own ? [] : match(c.text);
        if (words.length) found.push({ ...c, words, media });
      };
      let after;
      while (posts < n) {
        const page = await ctx.graph.call("listUserMedia", ctx.igUserId, { fields: MEDIA, limit: Math.min(50, n - posts), after }, { signal: ctx.signal });
        requests++;
        for (const media of page.data || []) {
          posts++;
          let edge = media.comments;
          for (;;) {
            for (const c of edge?.data || []) {
              consider(c, media);
              for (const r of c.replies?.data || []) consider(r, media);
            }
            const next = edge?.paging?.next && edge.paging.cursors?.after;
            if (!next) break;
            edge = await ctx.graph.call("listComments", media.id, { fields: COMMENT, limit: 100, after: next }, { signal: ctx.signal });
            requests++;
          }
        }
        bar.value = posts;
        barText.textContent = `${full(posts)} of ${full(n)} posts, ${full(comments)} comments read…`;
        const cursor = page.paging?.cursors?.after;
        if (!page.paging?.next || !cursor || cursor === after) break;
        after = cursor;
      }
      const visible = found.filter((c) => !c.hidden);
      const summary = h("p", { class: "mod-summary", id: "mod-summary", dataset: { comments, posts, matches: found.length, requests } },
        `Read ${full(comments)} comments and replies on ${full(posts)} posts in ${requests} ${requests === 1 ? "request" : "requests"}: `,
        h("strong", null, `${full(visible.length)} to hide`),
        found.length > visible.length ? `, ${full(found.length - visible.length)} already hidden.` : ".");
      if (found.length === 0) {
        replace(out, summary);
        ctx.empty(out, "Nothing matches", `No comment on these posts contains ${rules.map((r) => `“${r}”`).join(", ")}.`);
        out.prepend(summary);
        return;
      }
      const list = h("ul", { class: "mod-list", id: "mod-list" }, visible.map((c) => line(c)));
      const hidden = found.length > visible.length
        ? h("details", { class: "mod-hidden" }, h("summary", null, `Already hidden (${found.length - visible.length})`), h("ul", { class: "mod-list" }, found.filter((c) => c.hidden).map((c) => line(c, true))))
        : null;
      const apply = h("button", { type: "button", class: "button button-danger", id: "mod-apply", disabled: visible.length === 0 }, `Hide ${full(visible.length)} comments`);
      const progress = h("progress", { id: "mod-progress", max: Math.max(1, visible.length), value: 0, hidden: true, "aria-label": "Comments done" });
      const progressText = h("span", { class: "progress-text", id: "mod-progress-text", role: "status" });
      const undo = h("button", { type: "button", class: "button", id: "mod-undo", hidden: true }, "Undo");
      const count = () => list.querySelectorAll("input:checked").length;
      list.addEventListener("change", () => {
        apply.textContent = `Hide ${full(count())} comments`;
        apply.disabled = count() === 0;
      });
      let done = [];
      apply.addEventListener("click", async () => {
        const chosen = [...list.querySelectorAll("input:checked")].map((i) => i.value);
        apply.disabled = true;
        undo.hidden = true;
        done = await run(chosen, true, progress, progressText);
        for (const id of done) list.querySelector(`li[data-id="${id}"]`)?.setAttribute("data-hidden", "true");
        if (done.length) undo.hidden = false;
        else apply.disabled = false;
      });
      undo.addEventListener("click", async () => {
        undo.disabled = true;
        const back = await run(done, false, progress, progressText);
        for (const id of back) list.querySelector(`li[data-id="${id}"]`)?.setAttribute("data-hidden", "false");
        done = done.filter((id) => !back.includes(id));
        undo.disabled = false;
        undo.hidden = done.length === 0;
        apply.disabled = count() === 0;
      });
      replace(out, summary, list, hidden,
        h("div", { class: "mod-actions" }, apply, undo, h("div", { class: "load-row" }, progress, progressText)));
    }

    /** Hide (or unhide) `ids`, 50 to a batch; → the ids Meta confirmed. */
    async function run(ids, hide, progress, text) {
      clearError(errorSlot);
      progress.hidden = false;
      progress.max = Math.max(1, ids.length);
      progress.value = 0;
      const ok = [];
      const failed = [];
      let batches = 0;
      try {
        for (let i = 0; i < ids.length; i += BATCH) {
          const chunk = ids.slice(i, i + BATCH);
          const results = await ctx.graph.call("batch", chunk.map((id) => ({ method: "POST", relativeUrl: id, body: { hide } })), { signal: ctx.signal });
          batches++;
          results.forEach((r, j) => {
            if (r && r.body && r.body.success === true) ok.push(chunk[j]);
            else failed.push({ id: chunk[j], err: r });
          });
          progress.value = i + chunk.length;
          text.textContent = `${full(i + chunk.length)} of ${full(ids.length)}…`;
        }
      } catch (err) {
        ctx.fail(errorSlot, err, null);
      }
      const verb = hide ? "Hid" : "Unhid";
      text.textContent = `${verb} ${full(ok.length)} ${ok.length === 1 ? "comment" : "comments"} in ${batches} batch ${batches === 1 ? "request" : "requests"}${failed.length ? `; ${failed.length} failed (${failed[0].err?.message || "no answer"})` : ""}.`;
      text.dataset.done = String(ok.length);
      return ok;
    }
  },
};

let uid = 0;

/** One comment of the preview: a checkbox (unless already hidden), who, where, the text with the matched words marked. */
function line(c, already = false) {
  const id = `mod-c-${++uid}`;
  const date = parseGraphTime(c.timestamp);
  const posted = parseGraphTime(c.media.timestamp);
  const text = h("span", { class: "mod-text" }, mark(c.text || "", c.words));
  const who = `@${c.username || "someone"}`;
  const where = `· ${date ? formatDate(date) : ""}${posted ? `, on the post of ${formatDate(posted)}` : ""}`;
  return h("li", { class: "mod-item", dataset: { id: c.id, hidden: String(Boolean(c.hidden)), words: c.words.join(",") } },
    already
      ? h("span", { class: "mod-label" }, h("strong", null, who), " ", text, h("span", { class: "muted" }, ` ${where}`))
      : h("label", { class: "mod-label", for: id },
        h("input", { type: "checkbox", id, value: c.id, checked: true }),
        h("span", null, h("strong", null, who), " ", text, h("span", { class: "muted" }, ` ${where}`))),
    h("span", { class: "comment-badge mod-badge" }, "Hidden"));
}

/** `text` with each rule it matches wrapped in <mark>. */
function mark(text, words) {
  if (!words.length) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  const out = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(last, m.index), h("mark", null, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}
