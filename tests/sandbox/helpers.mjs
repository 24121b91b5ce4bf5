// Shared helpers for the sandbox tests (not a test file itself).
import { createHmac } from "node:crypto";

export const BASE = "https://graph.facebook.com/v27.0";
export const TOKEN = "sandbox-token";
export const TRACE_RE = /^[A-Za-z0-9_-]{10,}$/;
export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

/** hex HMAC-SHA256(key = secret, msg = token), computed independently of the sandbox. */
export const proof = (secret, token) => createHmac("sha256", secret).update(token).digest("hex");

/**
 * A tiny Graph client over a fetch function. GET/DELETE params go to the query, POST params to a
 * form body (or JSON with `json: true`).
 */
export function graph(fetchFn, { base = BASE, token = TOKEN } = {}) {
  async function call(method, path, params = {}, { headers = {}, json = false, noToken = false, signal } = {}) {
    const url = new URL(base + (path.startsWith("/") || path === "" ? path : "/" + path));
    const all = noToken || token === null ? { ...params } : { access_token: token, ...params };
    let body;
    const h = { ...headers };
    if (method === "GET" || method === "DELETE") {
      for (const [k, v] of Object.entries(all)) url.searchParams.set(k, String(v));
    } else if (json) {
      body = JSON.stringify(all);
      h["content-type"] = "application/json";
    } else {
      body = new URLSearchParams(Object.entries(all).map(([k, v]) => [k, String(v)]));
    }
    const res = await fetchFn(url, { method, body, headers: h, signal });
    const text = await res.text();
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    return { status: res.status, headers: res.headers, body: data, text };
  }
  return {
    call,
    get: (path, params, o) => call("GET", path, params, o),
    post: (path, params, o) => call("POST", path, params, o),
    del: (path, params, o) => call("DELETE", path, params, o),
  };
}

/** Follow `after` cursors through a whole edge; returns every item and every page. */
export async function collectAll(api, path, params = {}) {
  const items = [];
  const pages = [];
  let after;
  for (let guard = 0; guard < 1000; guard++) {
    const r = await api.get(path, after ? { ...params, after } : params);
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${r.text}`);
    pages.push(r.body);
    items.push(...r.body.data);
    if (!r.body.paging?.next) return { items, pages };
    after = r.body.paging.cursors.after;
  }
  throw new Error("too many pages");
}
