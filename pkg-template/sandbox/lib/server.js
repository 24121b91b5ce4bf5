/**
 * @file The Fetch-API handler of a sandbox: a `Request` in, a `Response` out. Preflights, the
 * `/__sandbox/*` control endpoints, request parsing and logging, latency and faults, then the router.
 */

import { JSON_CT, VERSION_RE } from "./constants.js";
import { dropError, faultResult, replacesResponse } from "./faults.js";
import { PREFLIGHT_HEADERS, errorResult, lowerKeys, newTraceId, parseBody, plainHeaders, responseHeaders, splitPath, toResponse } from "./http.js";
import { runSafely } from "./router.js";
import { hangForever, sleep } from "./util.js";

const send = (status, json) => toResponse(status, { "content-type": JSON_CT }, JSON.stringify(json));

/** `/__sandbox/*`: control endpoints for tests running in other processes. No token needed. */
async function control(sb, request, method, name) {
  try {
    if (method === "POST" && name === "fault") {
      const text = await request.text();
      const spec = text ? JSON.parse(text) : {};
      if (spec && typeof spec === "object" && "times" in spec && spec.times === null) spec.times = Infinity;
      sb.fault(spec);
      return send(200, { success: true });
    }
    if (method === "DELETE" && name === "faults") {
      sb.clearFaults();
      return send(200, { success: true });
    }
    if (method === "POST" && name === "reset") {
      sb.reset();
      return send(200, { success: true });
    }
    if (method === "GET" && name === "requests") return send(200, sb.requests);
    if (method === "GET" && name === "ids") return send(200, sb.ids);
    return send(404, { error: { message: `Unknown sandbox control endpoint: ${method} /__sandbox/${name}`, type: "SandboxError", code: 100 } });
  } catch (e) {
    return send(400, { error: { message: String(e?.message ?? e), type: "SandboxError", code: 100 } });
  }
}

/** Answer `request` for the sandbox `sb`. `signal` aborts delays and hangs. */
export async function serve(sb, request, signal) {
  if (signal?.aborted) throw signal.reason;
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  if (method === "OPTIONS") return toResponse(204, { "content-type": JSON_CT, ...PREFLIGHT_HEADERS }, null);
  const { version, segments } = splitPath(url.pathname);
  if (segments[0] === "__sandbox") return control(sb, request, method, segments.slice(1).join("/"));

  const bodyBytes = method === "GET" || method === "HEAD" ? null : new Uint8Array(await request.arrayBuffer());
  const headers = plainHeaders(request.headers);
  const query = Object.fromEntries(url.searchParams);
  const ctx = {
    sb,
    state: sb.state,
    method,
    origin: url.origin,
    version,
    segments,
    query,
    form: null,
    params: query,
    headers,
    bodyBytes,
    traceId: newTraceId(),
    signal,
    inBatch: false,
  };
  let matchPath = "/" + segments.join("/");
  let parseError = null;
  if (segments[0] === "ig-api-upload") {
    const rest = segments.slice(1);
    ctx.version = rest.length && VERSION_RE.test(rest[0]) ? rest.shift() : null;
    ctx.uploadContainerId = rest.join("/");
    matchPath = `/ig-api-upload/${ctx.uploadContainerId}`;
  } else {
    try {
      ctx.form = await parseBody(request, bodyBytes);
    } catch (e) {
      parseError = e;
    }
    ctx.params = { ...query, ...(ctx.form ?? {}) };
  }
  sb.log({ method, host: url.host, path: url.pathname, query, form: ctx.form, headers });

  const f = sb.takeFault(method, matchPath, false);
  ctx.fault = f;
  const delay = sb.opts.latencyMs + (f?.delayMs ?? 0);
  if (delay > 0) await sleep(delay, signal);
  if (f?.hang) await hangForever(signal);
  if (f?.drop) throw dropError();

  let result;
  if (f && replacesResponse(f)) result = faultResult(f);
  else if (parseError) result = errorResult(parseError, ctx);
  else result = await runSafely(ctx);
  if (f?.headers) Object.assign(result.headers, lowerKeys(f.headers));
  const outHeaders = responseHeaders(ctx, result);
  return toResponse(result.status, outHeaders, result.raw !== undefined ? result.raw : JSON.stringify(result.json));
}
