/** @file Self-contained SVG images as `data:` URLs (grids render offline), generated on first read. */

function escapeXml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

/**
 * A small self-contained SVG image as a `data:` URL, so that grids render offline.
 * @param {{hue:number, title:string, subtitle?:string, badge?:string, w?:number, h?:number}} o
 */
export function svgImage({ hue, title, subtitle = "", badge = "", w = 320, h = 320 }) {
  const c1 = `hsl(${hue},48%,38%)`;
  const c2 = `hsl(${(hue + 40) % 360},55%,62%)`;
  const svg =
    `<svg xmlns='http://www.w3.org/2000/svg' width='${w}' height='${h}' viewBox='0 0 ${w} ${h}'>` +
    `<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'><stop offset='0' stop-color='${c1}'/>` +
    `<stop offset='1' stop-color='${c2}'/></linearGradient></defs>` +
    `<rect width='${w}' height='${h}' fill='url(#g)'/>` +
    `<circle cx='${w / 2}' cy='${h * 0.36}' r='${Math.round(w * 0.13)}' fill='none' stroke='#fff' stroke-opacity='.55' stroke-width='6'/>` +
    `<text x='50%' y='${Math.round(h * 0.66)}' fill='#fff' font-family='Georgia,serif' font-size='${Math.round(w * 0.1)}' text-anchor='middle'>${escapeXml(title)}</text>` +
    (subtitle
      ? `<text x='50%' y='${Math.round(h * 0.78)}' fill='#fff' fill-opacity='.85' font-family='Helvetica,Arial,sans-serif' font-size='${Math.round(w * 0.055)}' text-anchor='middle'>${escapeXml(subtitle)}</text>`
      : "") +
    (badge
      ? `<rect x='${w - 96}' y='12' width='84' height='26' rx='13' fill='#000' fill-opacity='.45'/>` +
        `<text x='${w - 54}' y='30' fill='#fff' font-family='Helvetica,Arial,sans-serif' font-size='13' text-anchor='middle'>${escapeXml(badge)}</text>`
      : "") +
    `</svg>`;
  return "data:image/svg+xml," + encodeURIComponent(svg);
}

const LAZY = Symbol("lazy-image");

/** A placeholder for an image generated on first read (keeps `reset()` fast). */
export const lazySvg = (spec) => ({ [LAZY]: spec });

/** Turn `lazySvg` placeholders of a record into memoizing getters. */
export function materialize(rec) {
  for (const key of ["media_url", "thumbnail_url"]) {
    const v = rec[key];
    if (!v || typeof v !== "object" || !v[LAZY]) continue;
    const spec = v[LAZY];
    const settle = (value) => Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(rec, key, {
      get() {
        const value = svgImage(spec);
        settle(value);
        return value;
      },
      set: settle,
      enumerable: true,
      configurable: true,
    });
  }
  return rec;
}
