/** @file The `fields` parameter: Meta's field-expansion syntax, parsed to field specs and back. */

import { err } from "./errors.js";

/**
 * @typedef {object} FieldSpec
 * @property {string} name
 * @property {Record<string,string>} mods  modifiers such as `limit`, `after`, `username`, `media_id`
 * @property {FieldSpec[]|null} sub  nested field list (`{…}`), or null for the default fields
 */

/**
 * Parse a `fields` value: `a,b.limit(5){c,d{e}},business_discovery.username(x){f}`.
 * @returns {FieldSpec[]}
 */
function parseFields(input) {
  const s = String(input);
  let i = 0;
  const fail = (what) => {
    throw err.param(`Syntax error "Expected ${what}." at character ${i}: ${s}`);
  };
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const name = () => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) fail("field name");
    i += m[0].length;
    return m[0];
  };
  const field = () => {
    const f = { name: name(), mods: Object.create(null), sub: null };
    for (;;) {
      ws();
      if (s[i] === ".") {
        i++;
        const mod = name();
        ws();
        if (s[i] !== "(") fail('"("');
        const close = s.indexOf(")", i + 1);
        if (close < 0) fail('")"');
        f.mods[mod] = s.slice(i + 1, close).trim();
        i = close + 1;
      } else if (s[i] === "{") {
        i++;
        f.sub = list();
        ws();
        if (s[i] !== "}") fail('"}"');
        i++;
      } else {
        return f;
      }
    }
  };
  const list = () => {
    const out = [];
    const seen = new Set();
    for (;;) {
      ws();
      if (i >= s.length || s[i] === "}") return out;
      if (s[i] === ",") {
        i++;
        continue;
      }
      const f = field();
      if (!seen.has(f.name)) {
        seen.add(f.name);
        out.push(f);
      }
      ws();
      if (i < s.length && s[i] !== "," && s[i] !== "}") fail('"," or end of string');
    }
  };
  const out = list();
  if (i < s.length) fail("end of string");
  return out;
}

/** Serialize field specs back to a `fields` string (for nested `paging.next` URLs). */
export function serializeFields(specs) {
  return specs
    .map(
      (f) =>
        f.name +
        Object.entries(f.mods)
          .map(([k, v]) => `.${k}(${v})`)
          .join("") +
        (f.sub ? `{${serializeFields(f.sub)}}` : ""),
    )
    .join(",");
}

export const specsOf = (names) => names.map((name) => ({ name, mods: Object.create(null), sub: null }));

/** The requested fields of the current request, or the given defaults. */
export function requestedFields(ctx, defaults) {
  const raw = ctx.params.fields;
  if (raw === undefined || String(raw).trim() === "") return specsOf(defaults);
  return parseFields(raw);
}

