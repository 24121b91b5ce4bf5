// Audience: who follows (follower_demographics) or engages (engaged_audience_demographics) by
// age, gender, country and city, this week or this month. One request per breakdown, all at
// once. Meta returns the top 45 countries and cities, and nothing below 100 followers.

import { h, replace } from "../dom.js";
import { full } from "../format.js";
import { barFigure } from "../charts.js";

const BREAKDOWNS = [
  { key: "age", title: "Age" },
  { key: "gender", title: "Gender" },
  { key: "country", title: "Countries" },
  { key: "city", title: "Cities" },
];
const GENDERS = { F: "Women", M: "Men", U: "Not specified" };
const SHOWN = 10;
let regions = null;

function label(dim, value) {
  if (dim === "gender") return GENDERS[value] || value;
  if (dim === "country") {
    try {
      regions ||= new Intl.DisplayNames(undefined, { type: "region" });
      return regions.of(value) || value;
    } catch {
      return value;
    }
  }
  return value;
}

/** `total_value.breakdowns[0].results` → bars, in Meta's order for age, largest first otherwise. */
export function barsOf(page, dim) {
  const row = (page.data || [])[0];
  const results = row?.total_value?.breakdowns?.[0]?.results;
  if (!Array.isArray(results)) return null;
  const items = results.map((r) => ({ key: r.dimension_values.join("|"), label: label(dim, r.dimension_values[0]), value: r.value }));
  if (dim === "age") return items.sort((a, b) => a.key.localeCompare(b.key));
  return items.sort((a, b) => b.value - a.value);
}

export default {
  async render(root, ctx) {
    const state = { metric: "follower_demographics", timeframe: "this_month" };
    const radios = (name, legend, options) => h("fieldset", { class: "segmented" }, h("legend", { class: "sr-only" }, legend),
      options.map(([value, text]) => h("label", { class: "seg" },
        h("input", { type: "radio", name, value, checked: state[name] === value, onchange: () => { state[name] = value; load(); } }), h("span", null, text))));
    const results = h("div", { class: "audience-grid", id: "audience-results", "aria-live": "polite", "aria-busy": "true" });
    replace(root,
      h("div", { class: "controls-row" },
        radios("metric", "Whose demographics", [["follower_demographics", "Followers"], ["engaged_audience_demographics", "Engaged audience"]]),
        radios("timeframe", "Period", [["this_month", "This month"], ["this_week", "This week"]])),
      results);

    let controller = null;
    let first = true;
    const load = async () => {
      if (controller) controller.abort();
      controller = new AbortController();
      const signal = AbortSignal.any([ctx.signal, controller.signal]);
      results.setAttribute("aria-busy", "true");
      ctx.loading(results, "Loading audience…");
      try {
        const pages = await Promise.all(BREAKDOWNS.map((b) => ctx.graph.call("getUserInsights", ctx.igUserId,
          { metric: state.metric, period: "lifetime", metric_type: "total_value", timeframe: state.timeframe, breakdown: b.key }, { signal })));
        if (signal.aborted) return;
        const bars = BREAKDOWNS.map((b, i) => ({ ...b, items: barsOf(pages[i], b.key) }));
        if (bars.every((b) => !b.items || b.items.length === 0)) {
          const n = await ctx.followers();
          ctx.empty(results, "No audience data from Meta",
            n !== null && n < 100
              ? `Meta shows demographics for accounts with 100 or more followers; this one has ${full(n)}.`
              : "Meta returned no demographics for this period (it needs 100 or more followers, and enough activity).");
          return;
        }
        const who = state.metric === "follower_demographics" ? "Followers" : "Engaged accounts";
        const cards = bars.map((b) => card(b, who));
        replace(results, cards.map((c) => c.box));
        // Drawn at the width they are shown at.
        for (const c of cards) c.draw(false);
      } catch (err) {
        if (signal.aborted) return;
        // The first load fails the panel (its error state); a later one (a toggle) fails here.
        if (first) throw err;
        results.replaceChildren();
        ctx.fail(results, err, load);
      } finally {
        first = false;
        if (!signal.aborted) results.setAttribute("aria-busy", "false");
      }
    };
    await load();
  },
};

function card(b, who) {
  const id = `audience-${b.key}`;
  const box = h("section", { class: "card", id, "aria-labelledby": `${id}-h`, dataset: { breakdown: b.key } }, h("h3", { class: "card-title", id: `${id}-h` }, b.title));
  if (!b.items || b.items.length === 0) {
    box.append(h("p", { class: "muted" }, "Meta returned nothing for this breakdown."));
    return { box, draw: () => {} };
  }
  const total = b.items.reduce((a, i) => a + i.value, 0);
  const long = b.key === "country" || b.key === "city";
  const chartSlot = h("div");
  const draw = (all) => {
    const items = all ? b.items : b.items.slice(0, SHOWN);
    replace(chartSlot, barFigure(items.map((i) => ({ ...i, note: `${Math.round((i.value / total) * 1000) / 10}% of those listed` })), {
      title: `${who} by ${b.title.toLowerCase()}`,
      width: chartSlot.clientWidth || 440,
      labelWidth: long ? 160 : 112,
      labelHead: b.title,
      valueHead: who,
    }));
  };
  box.append(chartSlot);
  if (b.items.length > SHOWN) {
    const more = h("button", { type: "button", class: "link-button show-all", "aria-expanded": "false" }, `Show all ${b.items.length}`);
    more.addEventListener("click", () => {
      const all = more.getAttribute("aria-expanded") !== "true";
      draw(all);
      more.setAttribute("aria-expanded", String(all));
      more.textContent = all ? `Show the top ${SHOWN}` : `Show all ${b.items.length}`;
    });
    box.append(h("p", { class: "card-foot" }, more, long ? ` Meta lists the top 45 ${b.title.toLowerCase()}.` : ""));
  }
  return { box, draw };
}
