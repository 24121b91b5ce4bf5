// Caption limits, counted exactly as the package counts them (src/endpoints/publishing.rs):
// characters are Unicode code points; a hashtag is `#` followed by a letter, digit or `_`; a
// mention is `@` followed by a letter, digit, `.` or `_` (Rust's char::is_alphanumeric is
// Alphabetic or a Number category). A caption exactly at a limit is accepted.

export const LIMITS = { chars: 2200, hashtags: 30, mentions: 20 };

const HASHTAG = /#(?=[\p{Alphabetic}\p{N}_])/gu;
const MENTION = /@(?=[\p{Alphabetic}\p{N}._])/gu;

/** → { chars, hashtags, mentions, over: ["chars"|"hashtags"|"mentions"…] } */
export function captionStats(text) {
  const s = String(text ?? "");
  let chars = 0;
  for (const _ of s) chars++;
  const hashtags = (s.match(HASHTAG) || []).length;
  const mentions = (s.match(MENTION) || []).length;
  const over = Object.keys(LIMITS).filter((k) => ({ chars, hashtags, mentions })[k] > LIMITS[k]);
  return { chars, hashtags, mentions, over };
}
