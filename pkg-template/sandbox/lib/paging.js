/**
 * @file Cursor paging as Meta does it: `limit`/`after`/`before`, opaque base64 cursors, absolute
 * `paging.previous`/`paging.next` URLs, and the `emptyPage`/`repeatCursor` faults.
 */

import { err } from "./errors.js";
import { serializeFields } from "./fields.js";
import { b64decode, b64encode } from "./util.js";

/** @typedef {import("./fields.js").FieldSpec} FieldSpec */

const START_CURSOR_INDEX = -1;

function encodeCursor(index, id) {
  return b64encode(`sbx:${index}:${id}`);
}

/**
 * Position in `items` that a cursor designates: for `after`, the index of the first item after
 * it; for `before`, the index of the item itself (the page ends just before it). A cursor whose
 * item has since been deleted falls back to the position it had.
 */
function cursorPosition(cursor, items, which) {
  let text = "";
  try {
    text = b64decode(String(cursor).replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    /* invalid below */
  }
  const m = /^sbx:(-?\d+):(.*)$/s.exec(text);
  if (!m) throw err.param(`Invalid ${which} cursor: the cursor is malformed or has expired`);
  const stored = Number(m[1]);
  if (stored === START_CURSOR_INDEX) return 0;
  const idx = items.findIndex((x) => x.id === m[2]);
  if (idx >= 0) return which === "after" ? idx + 1 : idx;
  return Math.min(stored, items.length);
}

/**
 * Build an absolute paging URL on the request's origin and version. Like Meta's, it carries
 * `access_token` (and every original parameter), so a client must not log or replay it blindly.
 */
function pagingUrl(ctx, o, limit, cursorName, cursor) {
  const sp = new URLSearchParams();
  if (ctx.token) sp.set("access_token", ctx.token);
  let path;
  if (o.nested) {
    path = `/${o.nested.parentId}/${o.nested.edge}`;
    if (ctx.params.appsecret_proof) sp.set("appsecret_proof", ctx.params.appsecret_proof);
    if (o.nested.sub) sp.set("fields", serializeFields(o.nested.sub));
  } else {
    path = "/" + ctx.segments.join("/");
    for (const [k, v] of Object.entries(ctx.query)) {
      if (k === "access_token" || k === "after" || k === "before" || k === "limit") continue;
      sp.set(k, v);
    }
  }
  sp.set("limit", String(limit));
  sp.set(cursorName, cursor);
  return `${ctx.origin}${ctx.version ? "/" + ctx.version : ""}${path}?${sp}`;
}

/**
 * Cursor-paginate `items`. Reads `limit`/`after`/`before` from the query (or from field-expansion
 * modifiers for nested edges), and honours the `emptyPage` and `repeatCursor` faults.
 *
 * @param {object} ctx
 * @param {{id:string}[]} items  the full ordered list
 * @param {(item:any)=>any} render
 * @param {{defaultLimit?:number, maxLimit?:number, afterOnly?:boolean, mods?:Record<string,string>,
 *   nested?:{parentId:string,edge:string,sub:FieldSpec[]|null}|null, isNested?:boolean,
 *   cursorsOnlyWhenMore?:boolean}} [o]
 */
export function paginate(ctx, items, render, o = {}) {
  const src = o.mods ?? ctx.params;
  const maxLimit = o.maxLimit ?? 100;
  let limit = Number.parseInt(src.limit, 10);
  if (!Number.isFinite(limit) || limit <= 0) limit = o.defaultLimit ?? 25;
  limit = Math.min(limit, maxLimit);

  let start;
  let end;
  if (src.after) {
    start = cursorPosition(src.after, items, "after");
    end = start + limit;
  } else if (src.before && !o.afterOnly) {
    end = cursorPosition(src.before, items, "before");
    start = Math.max(0, end - limit);
  } else {
    start = 0;
    end = limit;
  }
  start = Math.max(0, Math.min(start, items.length));
  end = Math.max(start, Math.min(end, items.length));

  const slice = items.slice(start, end);
  const out = { data: slice.map(render) };
  if (slice.length === 0) return out;

  const fault = o.isNested ? null : ctx.fault;
  const before = encodeCursor(start, slice[0].id);
  let after = encodeCursor(end - 1, slice[slice.length - 1].id);
  const hasMore = end < items.length;
  if (fault?.repeatCursor) after = src.after ? String(src.after) : encodeCursor(START_CURSOR_INDEX, "");

  const paging = { cursors: {} };
  if (!o.afterOnly) paging.cursors.before = before;
  if (!o.cursorsOnlyWhenMore || hasMore || fault?.repeatCursor) paging.cursors.after = after;
  if (o.nested !== null || !o.isNested) {
    if (!o.afterOnly && start > 0) paging.previous = pagingUrl(ctx, o, limit, "before", before);
    if (hasMore || fault?.repeatCursor) paging.next = pagingUrl(ctx, o, limit, "after", after);
  }
  // Order as Meta: cursors, previous, next.
  const ordered = { cursors: paging.cursors };
  if (paging.previous) ordered.previous = paging.previous;
  if (paging.next) ordered.next = paging.next;
  out.paging = ordered;
  if (fault?.emptyPage) out.data = [];
  return out;
}
