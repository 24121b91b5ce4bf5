// Stories: the stories of the last 24 hours (all Meta lists) with their insights, each asked for
// on its own so that one story without insights (Meta needs 5 viewers) does not hide the others.

import { h, replace } from "../dom.js";
import { altFromCaption, full, parseGraphTime } from "../format.js";
import { barFigure } from "../charts.js";

const FIELDS = "id,media_type,media_url,thumbnail_url,permalink,timestamp,caption";
const METRICS = [
  ["reach", "Reach"],
  ["views", "Views"],
  ["replies", "Replies"],
  ["shares", "Shares"],
  ["navigation", "Navigation"],
  ["profile_visits", "Profile visits"],
  ["follows", "Follows"],
];
const HOUR = 3600000;

export default {
  async render(root, ctx) {
    const page = await ctx.graph.call("listStories", ctx.igUserId, { fields: FIELDS, limit: 50 }, { signal: ctx.signal });
    const stories = page.data || [];
    if (stories.length === 0) return ctx.empty(root, "No stories in the last 24 hours", "Stories show here while they are live; Meta keeps their insights for 24 hours.");
    const now = ctx.now();
    const list = h("ul", { class: "story-list" });
    replace(root, h("p", { class: "panel-intro" }, `${stories.length} ${stories.length === 1 ? "story" : "stories"} live now.`), list);
    await Promise.all(stories.map(async (s) => {
      const t = parseGraphTime(s.timestamp);
      const age = t ? Math.max(0, Math.round((now - t.getTime()) / HOUR)) : null;
      const left = t ? Math.max(0, Math.round((t.getTime() + 24 * HOUR - now) / HOUR)) : null;
      const src = s.media_type === "VIDEO" ? s.thumbnail_url || s.media_url : s.media_url;
      const insights = h("div", { class: "story-insights", "aria-busy": "true" });
      ctx.loading(insights, "Loading insights…");
      list.append(h("li", { class: "card story", dataset: { id: s.id } },
        src ? h("img", { class: "story-img", src, alt: altFromCaption({ ...s, caption: s.caption || `Story posted ${age} hours ago` }), width: 135, height: 240, decoding: "async" }) : null,
        h("div", { class: "story-body" },
          h("h3", { class: "card-title" }, `${s.media_type === "VIDEO" ? "Video" : "Photo"} story`),
          h("p", { class: "muted" }, age === null ? "" : `Posted ${age === 0 ? "less than an hour" : `${age} ${age === 1 ? "hour" : "hours"}`} ago · ${left} ${left === 1 ? "hour" : "hours"} left`),
          insights)));
      try {
        const res = await ctx.graph.call("getMediaInsights", s.id, { metric: METRICS.map(([k]) => k) }, { signal: ctx.signal });
        const rows = new Map((res.data || []).map((r) => [r.name, r.values?.[0]?.value ?? r.total_value?.value]));
        const items = METRICS.filter(([k]) => typeof rows.get(k) === "number").map(([key, label]) => ({ key, label, value: rows.get(key) }));
        if (items.length === 0) ctx.empty(insights, "No insights for this story", "Meta returned none (it needs at least 5 viewers).");
        else replace(insights, barFigure(items, { title: "Story insights", width: insights.clientWidth || 320, labelWidth: 104, labelHead: "Metric" }));
      } catch (err) {
        insights.replaceChildren();
        ctx.fail(insights, err, null);
      } finally {
        insights.setAttribute("aria-busy", "false");
      }
    }));
  },
};
