/**
 * @file Faults: the queue of `fault(spec)`s (see `FaultSpec` in `../index.d.ts`), matching them to
 * requests, and the responses, delays, hangs and connection drops they cause.
 */

import { splitPath } from "./http.js";

/** Marker for the error a `drop` fault throws. */
export const DROP = Symbol.for("instagram-graph-wasm.sandbox.drop");

/** The error undici's fetch rejects with when the connection is reset. */
export function dropError() {
  const cause = new Error("other side closed");
  cause.name = "SocketError";
  cause.code = "UND_ERR_SOCKET";
  const err = new TypeError("fetch failed", { cause });
  Object.defineProperty(err, DROP, { value: true });
  return err;
}

/** The fault queue of one sandbox. `fault` and `clearFaults` are the sandbox's own methods. */
export function createFaultQueue() {
  let faults = [];
  return {
    /** Queue a fault; the handle counts its hits and can cancel it. */
    fault(spec) {
      const f = compileFault(spec);
      faults.push(f);
      return {
        get remaining() {
          return f.remaining;
        },
        get hits() {
          return f.hits;
        },
        cancel() {
          faults = faults.filter((x) => x !== f);
        },
      };
    },
    clearFaults() {
      faults = [];
    },
    /** The first queued fault that matches a request (`path` without the version), counted as a hit. */
    take(method, path, inBatch) {
      for (const f of faults) {
        if (f.batchNull && !inBatch) continue;
        if (f.method && f.method !== method) continue;
        if (!f.matchPath(path)) continue;
        f.remaining -= 1;
        f.hits += 1;
        if (f.remaining <= 0) faults = faults.filter((x) => x !== f);
        return f;
      }
      return null;
    },
  };
}

/** Validate and compile a fault spec. */
function compileFault(spec) {
  if (!spec || typeof spec !== "object") throw new TypeError("fault(spec): spec must be an object");
  let times = spec.times ?? 1;
  if (times === "Infinity" || times === -1) times = Infinity;
  if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
    throw new TypeError("fault(spec): times must be a positive integer or Infinity");
  }
  let matchPath = () => true;
  const { path } = spec;
  if (path instanceof RegExp) {
    const re = new RegExp(path.source, path.flags.replace(/[gy]/g, ""));
    matchPath = (p) => re.test(p);
  } else if (typeof path === "string") {
    if (path.startsWith("^")) {
      const re = new RegExp(path);
      matchPath = (p) => re.test(p);
    } else {
      const want = normalizeMatchPath(path);
      matchPath = (p) => p === want;
    }
  } else if (path !== undefined && path !== null) {
    throw new TypeError("fault(spec): path must be a string or a RegExp");
  }
  const method = spec.method ? String(spec.method).toUpperCase() : null;
  if (spec.rawBody !== undefined && typeof spec.rawBody !== "string" && !(spec.rawBody instanceof Uint8Array)) {
    throw new TypeError("fault(spec): rawBody must be a string or a Uint8Array");
  }
  return {
    spec: { ...spec },
    method,
    matchPath,
    remaining: times,
    hits: 0,
    status: spec.status,
    body: spec.body,
    rawBody: spec.rawBody,
    headers: spec.headers,
    delayMs: spec.delayMs ?? 0,
    hang: Boolean(spec.hang),
    drop: Boolean(spec.drop),
    batchNull: Boolean(spec.batchNull),
    emptyPage: Boolean(spec.emptyPage),
    repeatCursor: Boolean(spec.repeatCursor),
  };
}

/** `/v27.0/123/media/` → `/123/media`. */
function normalizeMatchPath(p) {
  const { segments } = splitPath(p.startsWith("/") ? p : "/" + p);
  return "/" + segments.join("/");
}

export const replacesResponse = (f) => f.status !== undefined || f.body !== undefined || f.rawBody !== undefined;

export function faultResult(f) {
  if (f.rawBody !== undefined) return { status: f.status ?? 200, raw: f.rawBody, headers: {} };
  if (f.body !== undefined) {
    const isError = f.body && typeof f.body === "object" && "error" in f.body;
    return { status: f.status ?? (isError ? 400 : 200), json: f.body, headers: {} };
  }
  const status = f.status;
  if (status >= 500) {
    return {
      status,
      json: { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", is_transient: true, code: 2 } },
      headers: {},
      needsTrace: true,
    };
  }
  if (status >= 400) {
    return { status, json: { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1 } }, headers: {}, needsTrace: true };
  }
  return { status, json: { success: true }, headers: {} };
}
