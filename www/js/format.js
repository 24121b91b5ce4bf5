// Formatting of Graph data for people: counts, dates, alt text.

const compactFmt = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const fullFmt = new Intl.NumberFormat();
const dateFmt = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });

/** 13956 → "14K" (the full number belongs in a title or label). */
export function compact(n) {
  return typeof n === "number" && Number.isFinite(n) ? compactFmt.format(n) : "–";
}

/** 13956 → "13,956". */
export function full(n) {
  return typeof n === "number" && Number.isFinite(n) ? fullFmt.format(n) : "unknown";
}

/** "1 post" / "240 posts". */
export function plural(n, one, many = `${one}s`) {
  return `${full(n)} ${n === 1 ? one : many}`;
}

/**
 * Graph timestamps look like "2026-11-20T10:15:00+0000"; not every engine parses "+0000"
 * (Safari wants "+00:00"), so normalise the offset first. → Date or null.
 */
export function parseGraphTime(ts) {
  if (typeof ts !== "string") return null;
  const d = new Date(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(date) {
  return date ? dateFmt.format(date) : "";
}

const TYPE_NAMES = { IMAGE: "Photo", VIDEO: "Video", CAROUSEL_ALBUM: "Album" };

/** "Photo" / "Video" / "Album" for a media_type. */
export function mediaTypeName(type) {
  return TYPE_NAMES[type] || "Post";
}

/**
 * Alt text for a media tile from its caption: the first sentence or line, without trailing
 * hashtags, at most ~120 characters; else "Photo posted Nov 20, 2026".
 */
export function altFromCaption(media) {
  const date = formatDate(parseGraphTime(media.timestamp));
  const fallback = `${mediaTypeName(media.media_type)}${date ? ` posted ${date}` : ""}`;
  if (typeof media.alt_text === "string" && media.alt_text.trim()) return media.alt_text.trim();
  if (typeof media.caption !== "string") return fallback;
  const text = media.caption
    .split(/\n/)
    .map((line) => line.replace(/(?:^|\s)#[\p{L}\p{N}_]+/gu, " ").replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join(" ");
  if (!text) return fallback;
  if ([...text].length <= 120) return text;
  const cut = [...text].slice(0, 120).join("");
  return `${cut.replace(/\s+\S*$/, "")}…`;
}
