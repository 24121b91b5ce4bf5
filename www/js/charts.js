// Hand-written SVG charts (no libraries): horizontal bars, lines over days, and a heatmap. Every
// chart comes in a <figure> (`chartFigure`) with its numbers three ways: drawn as <text> (bars)
// or a readout that follows the pointer and the arrow keys (lines, heatmap: the chart takes
// focus), <title>s for hover, and a table for screen readers.

import { h } from "./dom.js";
import { full } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null && v !== false) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

let uid = 0;

/**
 * A chart with its numbers as text: `svg` (from the functions below), a live readout for the
 * value under the pointer or the keyboard focus, and `table` (`{ head: [...], rows: [[...]] }`)
 * as a screen-reader-only table.
 */
export function chartFigure({ svg, title, table, readout = null, className = "" }) {
  const figure = h("figure", { class: `chart-figure ${className}`.trim() });
  const caption = h("figcaption", { class: "sr-only" }, title);
  figure.append(caption, svg);
  if (readout) figure.append(readout);
  if (table) {
    // In a clipped box (a table would keep its own width and widen the page).
    figure.append(h("div", { class: "sr-only" }, h("table", { class: "chart-table" },
      h("caption", null, title),
      h("thead", null, h("tr", null, table.head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, table.rows.map((r) => h("tr", null, r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", null, c)))))))));
  }
  return figure;
}

/**
 * Make `svg` explorable: it takes focus; the arrow keys (and the pointer) move between `targets`
 * (`{ x, y, w?, h?, text }` in viewBox units; `cols` > 0 lays them out in rows for Up/Down), a
 * cursor marks the one chosen, and `readout` says its `text`.
 */
function explore(svg, targets, { readout, cols = 0, hint, cursor }) {
  if (targets.length === 0) return;
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("aria-describedby", readout.id);
  svg.append(cursor);
  let index = -1;
  const show = (i) => {
    index = Math.max(0, Math.min(targets.length - 1, i));
    const t = targets[index];
    cursor.setAttribute("transform", `translate(${t.x.toFixed(1)},${t.y.toFixed(1)})`);
    cursor.removeAttribute("visibility");
    readout.textContent = t.text;
    readout.dataset.index = String(index);
  };
  const hide = () => {
    if (document.activeElement === svg) return;
    cursor.setAttribute("visibility", "hidden");
    readout.textContent = hint;
    delete readout.dataset.index;
  };
  cursor.setAttribute("visibility", "hidden");
  readout.textContent = hint;
  svg.addEventListener("focus", () => show(index < 0 ? targets.length - 1 : index));
  svg.addEventListener("blur", hide);
  svg.addEventListener("pointerleave", hide);
  svg.addEventListener("pointermove", (e) => {
    const m = svg.getScreenCTM();
    if (!m) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    let best = 0;
    let bestD = Infinity;
    targets.forEach((t, i) => {
      const cx = t.x + (t.w || 0) / 2;
      const cy = t.y + (t.h || 0) / 2;
      const d = cols ? (p.x - cx) ** 2 + (p.y - cy) ** 2 : Math.abs(p.x - cx);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    show(best);
  });
  svg.addEventListener("keydown", (e) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: cols ? -cols : 1, ArrowDown: cols ? cols : -1 }[e.key];
    if (step !== undefined) show((index < 0 ? targets.length - 1 : index) + step);
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(targets.length - 1);
    else return;
    e.preventDefault();
  });
}

function readoutEl(hint) {
  return h("p", { class: "chart-readout", id: `chart-readout-${++uid}`, "aria-live": "polite" }, hint);
}

/**
 * Horizontal bars, one row per item: name, bar, exact value (drawn as text).
 * @param {{ key: string, label: string, value: number, note?: string }[]} items
 * @param {{ title?: string, width?: number, format?: (n: number) => string, labelWidth?: number }} [options]
 */
export function barChart(items, { title = "Insights", width = 360, format = full, labelWidth = 64 } = {}) {
  const rowH = 34;
  const W = Math.max(260, Math.round(width));
  const valueW = 70;
  const barMax = W - labelWidth - valueW - 8;
  const max = Math.max(1, ...items.map((i) => (Number.isFinite(i.value) ? i.value : 0)));
  const H = items.length * rowH;
  const summary = items.map((i) => `${i.label} ${format(i.value)}`).join(", ");
  const svg = s("svg", { class: "chart chart-bars", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}: ${summary}` });
  items.forEach((item, i) => {
    const y = i * rowH;
    const v = Number.isFinite(item.value) ? item.value : 0;
    const w = v > 0 ? Math.max(2, (v / max) * barMax) : 0;
    svg.append(s("g", { class: `bar bar-${item.key}`, "data-metric": item.key },
      s("title", {}, `${item.label}: ${format(v)}${item.note ? ` (${item.note})` : ""}`),
      s("text", { class: "bar-label", x: 0, y: y + rowH / 2, "dominant-baseline": "middle" }, clip(item.label, labelWidth)),
      s("rect", { class: "bar-track", x: labelWidth, y: y + 8, width: barMax, height: rowH - 16, rx: 4 }),
      s("rect", { class: "bar-fill", x: labelWidth, y: y + 8, width: w.toFixed(1), height: rowH - 16, rx: 4 }),
      s("text", { class: "bar-value", x: W, y: y + rowH / 2, "text-anchor": "end", "dominant-baseline": "middle", "data-value": v }, format(v))));
  });
  return svg;
}

/** Cut a label to what fits in `px` at 13 px semi-bold text (about 7.6 px a character). */
function clip(label, px) {
  const max = Math.floor((px - 6) / 7.6);
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Bars in a figure: the values are drawn, and listed in a table for screen readers. */
export function barFigure(items, options = {}) {
  const format = options.format || full;
  const title = options.title || "Insights";
  return chartFigure({
    svg: barChart(items, options),
    title,
    table: { head: [options.labelHead || "Name", options.valueHead || "Value"], rows: items.map((i) => [i.label, format(i.value)]) },
  });
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
const dayDate = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });
const compactFmt = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

/**
 * Lines over days. A series may be `dashed` (e.g. the previous period, its points moved onto the
 * current period's days; `p.label` then names the original day).
 * @param {{ key: string, label: string, dashed?: boolean, points: { t: Date, v: number, label?: string }[] }[]} series
 * @param {{ title?: string, width?: number }} [options]
 * @returns {SVGSVGElement & { figure?: HTMLElement }}
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
  const grid = s("g", { class: "chart-grid", "aria-hidden": "true" });
  for (const t of ticks) {
    grid.append(s("line", { x1: pad.l, x2: W - pad.r, y1: y(t), y2: y(t) }),
      s("text", { class: "axis-label", x: pad.l - 6, y: y(t), "text-anchor": "end", "dominant-baseline": "middle" }, compactFmt.format(t)));
  }
  const dates = [t0, t0 + (t1 - t0) / 2, t1];
  dates.forEach((t, i) => grid.append(s("text", { class: "axis-label", x: x(t), y: H - 8, "text-anchor": ["start", "middle", "end"][i] }, shortDate.format(new Date(t)))));
  svg.append(grid);
  series.forEach((se, i) => {
    const pts = se.points.map((p) => `${x(p.t.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
    const g = s("g", { class: `series series-${i}${se.dashed ? " series-dashed" : ""}`, "data-metric": se.key, "data-points": se.points.length, "data-total": se.points.reduce((a, p) => a + p.v, 0) },
      s("polyline", { points: pts, class: "series-line" }));
    for (const p of se.points) {
      g.append(s("circle", { cx: x(p.t.getTime()).toFixed(1), cy: y(p.v).toFixed(1), r: se.dashed ? 1.5 : 2.5, class: "series-dot" },
        s("title", {}, `${se.label}, ${p.label || shortDate.format(p.t)}: ${full(p.v)}`)));
    }
    svg.append(g);
  });

  // One stop per day of the first series: the readout names every series' value that day.
  const main = series[0].points;
  const hint = "Point at the chart, or focus it and use the arrow keys, to read each day.";
  const readout = readoutEl(hint);
  const targets = main.map((p, i) => ({
    x: x(p.t.getTime()),
    y: pad.t,
    text: `${dayDate.format(p.t)}: ${series.map((se) => {
      const q = se.points[i];
      return q ? `${se.label} ${full(q.v)}${q.label ? ` (${q.label})` : ""}` : null;
    }).filter(Boolean).join(" · ")}`,
  }));
  const cursor = s("g", { class: "chart-cursor", "aria-hidden": "true" },
    s("line", { x1: 0, x2: 0, y1: 0, y2: H - pad.b - pad.t }));
  explore(svg, targets, { readout, hint, cursor });
  const table = {
    head: ["Day", ...series.map((se) => se.label)],
    rows: main.map((p, i) => [dayDate.format(p.t), ...series.map((se) => (se.points[i] ? full(se.points[i].v) : "–"))]),
  };
  svg.figure = chartFigure({ svg, title, table, readout });
  return svg;
}

function col0Width(cols) {
  return Math.max(...cols.map((c) => c.length)) * 7;
}

/**
 * A heatmap of rows × columns (weekdays × hours): cells shaded by value, the `best` ones marked.
 * @param {{ rows: string[], rowNames?: string[], cols: string[], values: number[][], title: string,
 *   width?: number, format?: (n: number) => string, best?: [number, number][] }} o
 */
export function heatmap({ rows, rowNames = rows, cols, values, title, width = 640, format = full, best = [] }) {
  const W = Math.max(300, Math.round(width));
  const pad = { l: 40, r: 4, t: 4, b: 22 };
  const cw = (W - pad.l - pad.r) / cols.length;
  const ch = Math.max(18, Math.min(30, cw * 1.1));
  const H = pad.t + rows.length * ch + pad.b;
  const max = Math.max(1, ...values.flat());
  const svg = s("svg", { class: "chart chart-heatmap", viewBox: `0 0 ${W} ${H.toFixed(1)}`, role: "img" });
  const bestSet = new Set(best.map(([r, c]) => `${r}|${c}`));
  const targets = [];
  const labels = s("g", { "aria-hidden": "true" });
  rows.forEach((row, r) => {
    labels.append(s("text", { class: "axis-label", x: pad.l - 6, y: pad.t + r * ch + ch / 2, "text-anchor": "end", "dominant-baseline": "middle" }, row));
    cols.forEach((col, c) => {
      const v = values[r][c];
      const cx = pad.l + c * cw;
      const cy = pad.t + r * ch;
      const isBest = bestSet.has(`${r}|${c}`);
      svg.append(s("rect", {
        class: `heat-cell${isBest ? " heat-best" : ""}`, x: (cx + 1).toFixed(1), y: (cy + 1).toFixed(1), width: (cw - 2).toFixed(1), height: (ch - 2).toFixed(1), rx: 3,
        "fill-opacity": (0.06 + 0.94 * (v / max)).toFixed(3), "data-row": r, "data-col": c, "data-value": v,
      }, s("title", {}, `${rowNames[r]} ${col}: ${format(v)}`)));
      targets.push({ x: cx, y: cy, w: cw, h: ch, text: `${rowNames[r]}, ${col}: ${format(v)}${isBest ? " (one of the best times)" : ""}` });
    });
  });
  // A label every 3 columns, or every 6 where they would touch (about 7 px a character).
  const every = cw * 3 > col0Width(cols) + 8 ? 3 : 6;
  cols.forEach((col, c) => {
    if (c % every === 0) labels.append(s("text", { class: "axis-label", x: pad.l + c * cw + cw / 2, y: H - 6, "text-anchor": "middle" }, col));
  });
  svg.append(labels);
  const peak = best.length ? best.map(([r, c]) => `${rowNames[r]} ${cols[c]}`).join(", ") : "";
  svg.setAttribute("aria-label", `${title}. ${peak ? `Busiest: ${peak}.` : ""} Highest ${format(max)}.`);
  const hint = "Point at a cell, or focus the chart and use the arrow keys, to read its value.";
  const readout = readoutEl(hint);
  const cursor = s("rect", { class: "chart-cursor heat-cursor", x: 0, y: 0, width: cw.toFixed(1), height: ch.toFixed(1), rx: 4, "aria-hidden": "true" });
  explore(svg, targets, { readout, hint, cursor, cols: cols.length });
  svg.figure = chartFigure({
    svg,
    title,
    readout,
    table: { head: ["Day", ...cols], rows: rows.map((row, r) => [rowNames[r], ...values[r].map(format)]) },
  });
  return svg;
}
