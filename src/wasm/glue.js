// The few things wasm-bindgen cannot express: the fetch call with a timeout composed with the
// caller's AbortSignal, an abortable sleep, and the error classes (real `Error` subclasses,
// so `instanceof` and stack traces work). Everything else lives in Rust.

/** A transport failure, thrown to Rust: kind is "abort", "timeout" or "connection". */
function failure(kind, cause) {
  return { kind, cause };
}

/**
 * Send one request. Resolves to [status, bodyText, xAppUsage, xBusinessUseCaseUsage];
 * rejects with { kind, cause }.
 * NB: no credentials/mode/cache fields (Workers throw on them), and the fetch function is
 * called with `this` undefined (an injected fetch bound to another object fails in browsers
 * and Workers).
 */
export async function send(fetchFn, method, url, headers, body, signal, timeoutMs) {
  if (signal && signal.aborted) throw failure("abort", signal.reason);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  try {
    const init = { method, signal: controller.signal };
    if (headers) init.headers = headers;
    if (body != null) init.body = body;
    const f = fetchFn || globalThis.fetch;
    const res = await f(url, init);
    const text = await res.text();
    const h = res.headers;
    return [res.status, text, h.get("x-app-usage"), h.get("x-business-use-case-usage")];
  } catch (e) {
    if (signal && signal.aborted) throw failure("abort", signal.reason);
    if (timedOut) throw failure("timeout", e);
    throw failure("connection", e);
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

/** Wait `ms` milliseconds; rejects with { kind: "abort" } as soon as the signal fires. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(failure("abort", signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(failure("abort", signal.reason));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Milliseconds since the epoch, and a jitter sample in [0, 1). */
export function now() {
  return Date.now();
}
export function random() {
  return Math.random();
}

/** The base class of every error the package throws (bad arguments throw `TypeError`). */
export class InstagramError extends Error {
  constructor(message, props, options) {
    super(message, options);
    Object.defineProperty(this, "name", { value: new.target.name, configurable: true, writable: true });
    if (props) Object.assign(this, props);
  }
}
/** The Graph API answered with an error object (or a non-2xx status). */
export class GraphApiError extends InstagramError {}
/** Token invalid, expired or its session ended (codes 190, 102). */
export class AuthError extends GraphApiError {}
/** A permission is missing (codes 10, 200–299). */
export class PermissionError extends GraphApiError {}
/** A rate limit (codes 4, 17, 32, 341, 613, 80001, 80002); `retryAfterMs` when Meta gives a time. */
export class RateLimitError extends GraphApiError {}
/** fetch rejected: the request got no HTTP response. */
export class ConnectionError extends InstagramError {}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {}
/** The caller's AbortSignal fired; `cause` is `signal.reason`. */
export class AbortError extends InstagramError {}
/** A 2xx body that is not the JSON the operation promises; `path` says where. */
export class DecodeError extends InstagramError {}
/** A media container ended in ERROR or EXPIRED during `publish`; `status` is Meta's text. */
export class PublishError extends InstagramError {}

const CLASSES = {
  GraphApiError, AuthError, PermissionError, RateLimitError, ConnectionError, TimeoutError, AbortError, DecodeError, PublishError,
};

/** Build an error of the named class; props arrive as JSON text from Rust. */
export function makeError(className, message, propsJson, cause) {
  const C = CLASSES[className] || InstagramError;
  const props = propsJson ? JSON.parse(propsJson) : undefined;
  return new C(message, props, cause === undefined ? undefined : { cause });
}

/**
 * Read a Request's body as bytes, stopping as soon as it exceeds maxBytes (→ null), so an
 * oversize delivery is never buffered whole.
 */
export async function readBody(request, maxBytes) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A text Response. */
export function textResponse(status, text, allow) {
  const headers = { "content-type": "text/plain; charset=utf-8" };
  if (allow) headers.allow = allow;
  return new Response(text, { status, headers });
}

/**
 * The bytes of an upload, read one chunk at a time: `{ size, chunk(offset) }` where
 * `chunk(offset)` resolves to at most `chunkSize` bytes starting at `offset`. A Blob is sliced
 * lazily and a buffer is viewed without copying; a ReadableStream is read forward only, keeping
 * just the current chunk so that a failed chunk can be re-sent from the server's offset.
 */
export function uploadSource(data, fileSize, chunkSize) {
  if (typeof Blob !== "undefined" && data instanceof Blob) {
    return { size: data.size, chunk: async (o) => data.slice(o, Math.min(o + chunkSize, data.size)) };
  }
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) {
    const u8 = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { size: u8.byteLength, chunk: async (o) => u8.subarray(o, Math.min(o + chunkSize, u8.byteLength)) };
  }
  if (data && typeof data.getReader === "function") {
    if (!(Number.isInteger(fileSize) && fileSize >= 0)) {
      throw new TypeError("options.fileSize: is required (in bytes) to upload a ReadableStream");
    }
    const reader = data.getReader();
    let buf = new Uint8Array(0); // the current chunk: bytes [start, start + buf.length)
    let start = 0;
    let spare = null; // the unread rest of the stream's last piece
    const next = async () => {
      const parts = [];
      let n = 0;
      while (n < chunkSize) {
        let piece = spare;
        spare = null;
        if (!piece) {
          const { done, value } = await reader.read();
          if (done) break;
          piece = value instanceof Uint8Array ? value : new Uint8Array(value);
        }
        if (n + piece.byteLength > chunkSize) {
          spare = piece.subarray(chunkSize - n);
          piece = piece.subarray(0, chunkSize - n);
        }
        parts.push(piece);
        n += piece.byteLength;
      }
      const out = new Uint8Array(n);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      return out;
    };
    return {
      size: fileSize,
      chunk: async (o) => {
        while (o >= start + buf.byteLength) {
          const end = start + buf.byteLength;
          buf = await next();
          start = end;
          if (buf.byteLength === 0) throw new RangeError(`the stream ended at byte ${start}, before options.fileSize ${fileSize}`);
        }
        if (o < start) throw new RangeError(`cannot rewind the stream to byte ${o}: it is past that point`);
        return buf.subarray(o - start);
      },
    };
  }
  throw new TypeError("data: must be a Blob, an ArrayBuffer, a Uint8Array or a ReadableStream");
}

/** The byte length of a chunk (Blob or view). */
export function byteLength(chunk) {
  return typeof chunk.size === "number" ? chunk.size : chunk.byteLength;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
/** Bytes → string, throwing on invalid UTF-8. */
export function utf8(bytes) {
  return UTF8.decode(bytes);
}
