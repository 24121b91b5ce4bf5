/**
 * @file Request and response plumbing shared by HTTP requests and batch items: paths and versions,
 * trace ids, request bodies, errors as results, response headers (usage, CORS) and `Response`s.
 */

import { DEFAULT_API_VERSION, JSON_CT, VERSION_RE } from "./constants.js";
import { GraphError, err } from "./errors.js";
import { appUsageHeader, bucUsageHeader } from "./usage.js";
import { B64URL } from "./util.js";

const CORS_HEADERS = Object.freeze({
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-app-usage, x-business-use-case-usage, x-fb-trace-id, content-type",
});
export const PREFLIGHT_HEADERS = Object.freeze({
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, offset, file_size, file_url",
  "access-control-max-age": "600",
});

/** Split a pathname into an optional `vNN.N` version and the remaining segments. */
export function splitPath(pathname) {
  const segments = pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  let version = null;
  if (segments.length && VERSION_RE.test(segments[0])) version = segments.shift();
  return { version, segments };
}

export function newTraceId() {
  const bytes = new Uint8Array(22);
  crypto.getRandomValues(bytes);
  let s = "A";
  for (const b of bytes) s += B64URL[b & 63];
  return s;
}

export const lowerKeys = (obj) => Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

export function errorResult(e, ctx) {
  if (e instanceof GraphError) {
    return { status: e.status, json: e.toBody(ctx.traceId), headers: { ...(e.headers ?? {}) } };
  }
  // A bug in the sandbox itself: answer like Meta's generic failure, and say why in a debug header.
  const ge = new GraphError(1, "An unknown error has occurred.", { status: 500, isTransient: true });
  const why = String(e?.stack ?? e).split("\n").slice(0, 2).join(" | ").replace(/[^\x20-\x7e]/g, "?");
  return { status: 500, json: ge.toBody(ctx.traceId), headers: { "x-sandbox-error": why } };
}

/** The headers of an API response (without CORS, added for HTTP only). */
export function responseHeaders(ctx, result) {
  const h = {
    "content-type": JSON_CT,
    "cache-control": "private, no-cache, no-store, must-revalidate",
    "facebook-api-version": ctx.version ?? DEFAULT_API_VERSION,
    "x-fb-trace-id": ctx.traceId,
  };
  if (ctx.appCounted) h["x-app-usage"] = appUsageHeader(ctx.sb);
  if (ctx.bucUser && ctx.appCounted) h["x-business-use-case-usage"] = bucUsageHeader(ctx.sb, ctx.bucUser);
  if (result.needsTrace && result.json?.error) result.json.error.fbtrace_id = ctx.traceId;
  Object.assign(h, lowerKeys(result.headers));
  return h;
}

export function toResponse(status, headers, body) {
  const h = new Headers({ ...headers, ...CORS_HEADERS });
  return new Response(status === 204 || status === 304 ? null : body, { status, headers: h });
}

export function plainHeaders(headers) {
  const out = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

/** Parse a request body into a plain parameter object (form, JSON or multipart). */
export async function parseBody(request, bytes) {
  if (!bytes || bytes.length === 0) return null;
  const ct = (request.headers.get("content-type") ?? "").toLowerCase();
  const text = () => new TextDecoder().decode(bytes);
  if (ct.includes("application/json")) {
    let obj;
    try {
      obj = JSON.parse(text());
    } catch {
      throw err.param("The request body is not valid JSON");
    }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw err.param("The JSON request body must be an object");
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, typeof v === "string" ? v : v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)]),
    );
  }
  if (ct.includes("multipart/form-data")) {
    const fd = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") } }).formData();
    const out = {};
    fd.forEach((v, k) => {
      out[k] = typeof v === "string" ? v : `[file ${v.name}]`;
    });
    return out;
  }
  return Object.fromEntries(new URLSearchParams(text()));
}
