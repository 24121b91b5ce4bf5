/** @file Reading Graph parameters: booleans, lists (comma list or JSON array), unix times, required values. */

import { err } from "./errors.js";

/** Parse a Graph boolean parameter. Returns undefined when absent, null when malformed. */
export function parseBool(v) {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  if (s === "true" || s === "1") return true;
  if (s === "false" || s === "0") return false;
  return null;
}

/** Parse a list parameter given as a comma list or a JSON array. */
export function parseList(v) {
  if (v === undefined || v === null || v === "") return [];
  if (Array.isArray(v)) return v.map(String);
  const s = String(v).trim();
  if (s.startsWith("[")) {
    try {
      const arr = JSON.parse(s);
      if (Array.isArray(arr)) return arr.map(String);
    } catch {
      /* fall through to the comma list */
    }
  }
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A unix-seconds parameter given as a number or a date; undefined when absent. */
export function parseUnix(v, name) {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.floor(n);
  const ms = Date.parse(String(v));
  if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  throw err.param(`Param ${name} must be a unix timestamp or a date`);
}


/** The non-empty `message` of a comment, a reply or a mention reply. */
export function requireMessage(ctx) {
  const message = ctx.params.message;
  if (message === undefined || String(message) === "") throw err.required("message");
  return message;
}
