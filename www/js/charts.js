// Hand-written SVG charts (no libraries): horizontal bars with exact values, and a line chart
// of daily series. Numbers are drawn as <text> so people (and tests) can read them exactly.

import { full } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null && v !== false) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * Horizontal bars, one row per item: name, bar, exact value.
 * @param {{ key: string, label: string, value: number }[]} items
 * @param {{ title?: string, width?: number }} [options]  width: the box's width in CSS px
 */
export function barChart(items, { title = "Insights", width = 360 } = {}) {
  const rowH = 34;
  const W = Math.max(260, Math.round(width));
  const labelW = 64;
  const valueW = 70;
  const barMax = W - labelW - valueW - 8;
  const max = Math.max(1, ...items.map((i) => (Number.isFinite(i.value) ? i.value : 0)));
  const H = items.length * rowH;
  const summary = items.map((i) => `${i.label} ${full(i.value)}`).join(", ");
  const svg = s("svg", { class: "chart chart-bars", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}: ${summary}` },
    s("title", {}, `${title}: ${summary}`));
  items.forEach((item, i) => {
    const y = i * rowH;
    const v = Number.isFinite(item.value) ? item.value : 0;
    const w = v > 0 ? Math.max(2, (v / max) * barMax) : 0;
    svg.append(s("g", { class: `bar bar-${item.key}`, "data-metric": item.key },
      s("text", { class: "bar-label", x: 0, y: y + rowH / 2, "dominant-baseline": "middle" }, item.label),
      s("rect", { class: "bar-track", x: labelW, y: y + 8, width: barMax, height: rowH - 16, rx: 4 }),
      s("rect", { class: "bar-fill", x: labelW, y: y + 8, width: w.toFixed(1), height: rowH - 16, rx: 4 }),
      s("text", { class: "bar-value", x: W, y: y + rowH / 2, "text-anchor": "end", "dominant-baseline": "middle", "data-value": v }, full(v))));
  });
  return svg;
}

/** 0, a "nice" step (1, 2, 2.5, 5 × 10^n), … up to ≥ max. */
function niceTicks(max, count = 4) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw);
  const ticks = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}

const shortDate = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const compactFmt = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

/**
 * Lines over time.
 * @param {{ key: string, label: string, points: { t: Date, v: number }[] }[]} series
 */
export function lineChart(series, { title = "Daily", width = 640 } = {}) {
  // Drawn at the width it is shown at, so 12 px text stays 12 px on a phone.
  const W = Math.max(280, Math.round(width));
  const H = W < 480 ? 200 : 240;
  const pad = { l: 44, r: 12, t: 12, b: 28 };
  const all = series.flatMap((se) => se.points);
  const svg = s("svg", { class: "chart chart-lines", viewBox: `0 0 ${W} ${H}`, role: "img" });
  const label = `${title}: ${series.map((se) => `${se.label} ${full(se.points.reduce((a, p) => a + p.v, 0))} in total`).join(", ")}`;
  svg.setAttribute("aria-label", label);
  svg.append(s("title", {}, label));
  if (all.length === 0) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis-label" }, "No data for this period"));
    return svg;
  }
  const t0 = Math.min(...all.map((p) => p.t.getTime()));
  const t1 = Math.max(...all.map((p) => p.t.getTime()));
  const ticks = niceTicks(Math.max(...all.map((p) => p.v)));
  const top = ticks[ticks.length - 1];
  const x = (t) => pad.l + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const y = (v) => H - pad.b - (v / top) * (H - pad.t - pad.b);
  const grid = s("g", { class: "chart-grid" });
  for (const t of ticks) {
    grid.append(s("line", { x1: pad.l, x2: W - pad.r, y1: y(t), y2: y(t) }),
      s("text", { class: "axis-label", x: pad.l - 6, y: y(t), "text-anchor": "end", "dominant-baseline": "middle" }, compactFmt.format(t)));
  }
  const dates = [t0, t0 + (t1 - t0) / 2, t1];
  dates.forEach((t, i) => grid.append(s("text", { class: "axis-label", x: x(t), y: H - 8, "text-anchor": ["start", "middle", "end"][i] }, shortDate.format(new Date(t)))));
  svg.append(grid);
  series.forEach((se, i) => {
    const pts = se.points.map((p) => `${x(p.t.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
    const g = s("g", { class: `series series-${i}`, "data-metric": se.key, "data-points": se.points.length, "data-total": se.points.reduce((a, p) => a + p.v, 0) },
      s("polyline", { points: pts, class: "series-line" }));
    for (const p of se.points) {
      g.append(s("circle", { cx: x(p.t.getTime()).toFixed(1), cy: y(p.v).toFixed(1), r: 2.5, class: "series-dot" },
        s("title", {}, `${se.label}, ${shortDate.format(p.t)}: ${full(p.v)}`)));
    }
    svg.append(g);
  });
  return svg;
}
