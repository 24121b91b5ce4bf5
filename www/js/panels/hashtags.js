// Hashtag research: search a hashtag, see its top and recent posts, and a meter of Meta's quota
// (30 unique hashtags per account in a rolling 7 days; searching one of those again is free).
// Offered with Facebook Login only: with Instagram Login the client refuses before any request.

import { h, replace } from "../dom.js";
import { altFromCaption, compact, full } from "../format.js";
import { clearError } from "../errors.js";
import { icon } from "../icons.js";

const FIELDS = "id,caption,media_type,media_url,permalink,timestamp,like_count,comments_count,children{media_url}";
const PAGE = 24;

export default {
  async render(root, ctx) {
    const { graph, igUserId, signal } = ctx;
    let quota;
    try {
      quota = await graph.call("getHashtagSearchQuota", igUserId, { signal });
    } catch (err) {
      // The flavour without hashtag search: the client's TypeError names it.
      if (err && err.name === "TypeError") return ctx.empty(root, "Hashtag search is not offered with this login", err.message);
      throw err;
    }
    const meterFill = h("span", { class: "meter-fill" });
    const meter = h("div", { class: "quota", id: "hashtag-quota" },
      h("p", { class: "quota-text", id: "quota-text" }),
      h("span", { class: "quota-track", role: "meter", "aria-valuemin": 0, "aria-labelledby": "quota-text" }, meterFill),
      h("p", { class: "muted", id: "quota-tags" }));
    const showQuota = () => {
      const track = meter.querySelector(".quota-track");
      track.setAttribute("aria-valuemax", String(quota.limit));
      track.setAttribute("aria-valuenow", String(quota.used));
      track.dataset.level = quota.remaining === 0 ? "high" : quota.remaining <= 5 ? "mid" : "low";
      meterFill.style.setProperty("--pct", `${Math.min(100, (quota.used / Math.max(1, quota.limit)) * 100)}%`);
      meter.querySelector("#quota-text").textContent = `${quota.used} of ${quota.limit} hashtags searched in the last 7 days · ${quota.remaining} left`;
      const tags = meter.querySelector("#quota-tags");
      replace(tags, quota.hashtags.length
        ? ["Searched lately (free to search again): ", h("span", { class: "tag-list" }, quota.hashtags.map((t) => h("button", { type: "button", class: "link-button tag-again", onclick: () => search(t.name) }, `#${t.name}`)))]
        : "No hashtag searched in the last 7 days.");
    };
    showQuota();

    const input = h("input", { id: "hashtag-q", type: "search", required: true, autocomplete: "off", placeholder: "coffee", pattern: "#?[\\p{L}\\p{N}_]+", title: "Letters, digits and underscores" });
    const note = h("p", { class: "field-note", id: "hashtag-note", role: "status" });
    const form = h("form", { class: "hashtag-form", role: "search" },
      h("label", { for: "hashtag-q" }, "Hashtag"), h("div", { class: "form-row" }, h("span", { class: "hash-prefix", "aria-hidden": "true" }, "#"), input, h("button", { type: "submit", class: "button button-small button-primary" }, "Search")), note);
    const results = h("div", { id: "hashtag-results" });
    const errorSlot = h("div", { class: "error-slot" });
    replace(root, h("div", { class: "card" }, meter, form), errorSlot, results);

    const cost = () => {
      const name = input.value.trim().replace(/^#/, "").toLowerCase();
      const known = quota.hashtags.some((t) => t.name === name);
      note.textContent = !name ? "" : known ? "Searched lately: free." : quota.remaining > 0 ? `A new hashtag uses 1 of your ${quota.remaining} left this week.` : "No searches left this week: only the hashtags searched lately.";
    };
    input.addEventListener("input", cost);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      search(input.value);
    });

    async function search(raw) {
      const name = String(raw).trim().replace(/^#/, "").toLowerCase();
      if (!name) return input.focus();
      input.value = name;
      clearError(errorSlot);
      ctx.loading(results, `Searching #${name}…`);
      try {
        const id = await graph.call("searchHashtag", igUserId, name, { signal });
        if (!id) {
          ctx.empty(results, `No hashtag #${name}`, "Meta found no such hashtag.");
        } else {
          await showTag(id, name);
        }
        quota = await graph.call("getHashtagSearchQuota", igUserId, { signal });
        showQuota();
        cost();
      } catch (err) {
        results.replaceChildren();
        ctx.fail(errorSlot, err, () => search(name));
      }
    }

    async function showTag(id, name) {
      const tabs = [["top_media", "Top posts"], ["recent_media", "Recent posts (24 h)"]];
      const group = h("div", { class: "segmented-buttons", role: "group", "aria-label": `Posts with #${name}` });
      const grid = h("ul", { class: "hashtag-grid", id: "hashtag-grid" });
      const more = h("button", { type: "button", class: "button button-small", hidden: true }, "More");
      const status = h("p", { class: "muted", role: "status" });
      let edge = "top_media";
      let after;
      const load = async () => {
        more.hidden = true;
        const page = await graph.call("listHashtagMedia", id, igUserId, { edge, fields: FIELDS, limit: PAGE, after }, { signal });
        const items = page.data || [];
        grid.append(...items.map(tile));
        const next = page.paging?.cursors?.after;
        more.hidden = !(page.paging?.next && next && next !== after);
        after = next;
        status.textContent = grid.children.length ? `${grid.children.length} posts shown.` : "No posts.";
      };
      for (const [key, label] of tabs) {
        group.append(h("button", { type: "button", class: "seg-button", "aria-pressed": String(key === edge), dataset: { edge: key }, onclick: async (e) => {
          edge = key;
          after = undefined;
          for (const b of group.children) b.setAttribute("aria-pressed", String(b === e.currentTarget));
          grid.replaceChildren();
          try {
            await load();
          } catch (err) {
            ctx.fail(errorSlot, err, null);
          }
        } }, label));
      }
      more.addEventListener("click", () => load().catch((err) => ctx.fail(errorSlot, err, null)));
      replace(results, h("h3", { class: "card-title", id: "hashtag-title", dataset: { id } }, `#${name}`), group, status, grid, h("div", { class: "pager" }, more));
      await load();
    }
  },
};

function tile(m) {
  const src = m.media_type === "CAROUSEL_ALBUM" ? m.children?.data?.[0]?.media_url || m.media_url : m.media_url;
  return h("li", { class: "hashtag-tile", dataset: { id: m.id } },
    h("a", { href: m.permalink || "#", target: "_blank", rel: "noopener noreferrer", class: "hashtag-link" },
      src ? h("img", { src, alt: altFromCaption(m), loading: "lazy", decoding: "async", width: 200, height: 200 }) : h("span", { class: "tile-placeholder" }, altFromCaption(m)),
      h("span", { class: "hashtag-stats" },
        h("span", { class: "stat", "aria-hidden": "true" }, icon("heart", { size: 14 }), compact(m.like_count)),
        h("span", { class: "stat", "aria-hidden": "true" }, icon("comment", { size: 14 }), compact(m.comments_count)),
        h("span", { class: "sr-only" }, `${full(m.like_count)} likes, ${full(m.comments_count)} comments`))));
}
