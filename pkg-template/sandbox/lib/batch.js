/**
 * @file Batch requests: `POST /{version}/` with `batch=[…]` (at most 50 items, each run like a
 * request of its own, with the batch's token and proof; faults apply per item).
 */

import { err } from "./errors.js";
import { DROP, dropError, faultResult, replacesResponse } from "./faults.js";
import { errorResult, lowerKeys, newTraceId, responseHeaders, splitPath } from "./http.js";
import { parseBool } from "./params.js";
import { hangForever, sleep } from "./util.js";

const MAX_BATCH = 50;

const BATCH_HEADER_NAMES = {
  "content-type": "Content-Type",
  "cache-control": "Cache-Control",
  "facebook-api-version": "Facebook-API-Version",
  "www-authenticate": "WWW-Authenticate",
};

/** `POST /{version}/` with `batch=[…]`; `run(itemCtx)` answers one item (the router's, passed in). */
export async function runBatch(ctx, run) {
  const raw = ctx.params.batch;
  if (raw === undefined || raw === "") throw err.required("batch");
  let items;
  try {
    items = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    throw err.param("The parameter batch must be a valid JSON array");
  }
  if (!Array.isArray(items)) throw err.param("The parameter batch must be a valid JSON array");
  if (items.length === 0) throw err.param("The parameter batch must contain at least one request");
  if (items.length > MAX_BATCH) throw err.param(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  const includeHeaders = parseBool(ctx.params.include_headers) !== false;
  const results = [];
  for (let i = 0; i < items.length; i++) {
    const { out, itemCtx } = await runBatchItem(ctx, items[i], i, includeHeaders, run);
    results.push(out);
    // The batch response itself reports the usage after its items, like Meta's.
    ctx.bucUser = ctx.bucUser ?? itemCtx.bucUser ?? null;
  }
  ctx.appCounted = true;
  return results;
}

function parseFormString(body) {
  if (body === undefined || body === null || body === "") return null;
  if (typeof body === "object") return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return Object.fromEntries(new URLSearchParams(String(body)));
}

async function runBatchItem(outer, item, index, includeHeaders, run) {
  const sb = outer.sb;
  const itemCtx = {
    sb,
    state: sb.state,
    origin: outer.origin,
    headers: outer.headers,
    inBatch: true,
    inheritedToken: outer.token,
    inheritedProof: outer.params.appsecret_proof,
    traceId: newTraceId(),
    signal: outer.signal,
  };
  let result;
  try {
    if (!item || typeof item !== "object" || typeof item.relative_url !== "string") {
      throw err.param(`batch[${index}] must be an object with a relative_url`);
    }
    const method = String(item.method ?? "GET").toUpperCase();
    const rel = item.relative_url.replace(/^\/+/, "");
    const url = new URL("/" + rel, outer.origin);
    const { version, segments } = splitPath(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const form = parseFormString(item.body);
    Object.assign(itemCtx, {
      method,
      version: version ?? outer.version,
      segments,
      query,
      form,
      params: { ...query, ...(form ?? {}) },
    });
    const versionPrefix = itemCtx.version ? `/${itemCtx.version}` : "";
    sb.log({
      method,
      host: new URL(outer.origin).host,
      path: `${versionPrefix}/${segments.join("/")}`,
      query,
      form,
      headers: { ...outer.headers },
      batchIndex: index,
    });
    const fault = sb.takeFault(method, "/" + segments.join("/"), true);
    itemCtx.fault = fault;
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs, outer.signal);
      if (fault.hang) await hangForever(outer.signal);
      if (fault.drop) throw dropError();
      if (fault.batchNull) return { out: null, itemCtx };
    }
    if (fault && replacesResponse(fault)) result = faultResult(fault);
    else result = await run(itemCtx);
    if (fault?.headers) Object.assign(result.headers, lowerKeys(fault.headers));
  } catch (e) {
    if (e?.[DROP] || e === outer.signal?.reason) throw e;
    result = errorResult(e, itemCtx);
  }
  const headers = responseHeaders(itemCtx, result);
  const body =
    result.raw !== undefined
      ? typeof result.raw === "string"
        ? result.raw
        : new TextDecoder().decode(result.raw)
      : JSON.stringify(result.json);
  const out = { code: result.status };
  if (includeHeaders) {
    out.headers = Object.entries(headers)
      .filter(([name]) => !name.startsWith("access-control-"))
      .map(([name, value]) => ({ name: BATCH_HEADER_NAMES[name] ?? name, value }));
  }
  out.body = body;
  return { out, itemCtx };
}
