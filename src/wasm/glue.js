// What wasm-bindgen cannot express, or what is cheaper said in JS: the one driver of the core's
// flows (an attempt is one crossing out, `fetch`, and one crossing back), the fetch with its
// timeout, an abortable sleep, the async iterator over pages, the error classes (real `Error`
// subclasses), and readers of caller data (upload sources, request bodies).

// NB: no JavaScript exception may unwind through a wasm frame (it skips Rust's clean-up and,
// repeated, corrupts the module). Every function here that Rust calls either cannot throw,
// returns a promise (an async function rejects instead), or is imported with `catch`.

/** A transport failure: kind 0 abort, 1 timeout, 2 connection (the core's `Failure` kinds). */
class Failure {
  constructor(kind, cause, stage) {
    this.kind = kind;
    this.cause = cause;
    this.stage = stage;
  }
}
const ABORT = 0;
const TIMEOUT = 1;
const CONNECTION = 2;

/** `[{ name, message, code }]` of an error and its causes (at most 4 deep), never throwing. */
function describe(e) {
  const out = [];
  const text = (v) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
  for (let depth = 0; depth < 4 && e !== undefined && e !== null; depth++) {
    try {
      if (typeof e !== "object" && typeof e !== "function") {
        out.push({ name: "", message: text(e) ?? typeof e });
        break;
      }
      out.push({ name: text(e.name) ?? "", message: text(e.message) ?? "", code: text(e.code) });
      e = e.cause;
    } catch {
      out.push({ name: "", message: "(the error could not be read)" });
      break;
    }
  }
  return JSON.stringify(out);
}

// JS timers hold at most 2^31−1 ms (a longer delay fires at once): longer waits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Call `fn` after `ms` milliseconds, however long; returns the function that cancels it. */
function after(ms, fn) {
  let timer;
  const arm = (left) => {
    timer = left > MAX_TIMER_MS ? setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS) : setTimeout(fn, Math.max(0, left));
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/**
 * One attempt: resolves to [status, bodyText, xAppUsage, xBusinessUseCaseUsage], rejects with a
 * Failure. The timeout and the caller's signal abort the request, and win even against a fetch
 * that ignores its signal or a body that never ends.
 * NB: no credentials/mode/cache fields (Workers throw on them), and fetch is called with `this`
 * undefined (a fetch bound to another object fails in browsers and Workers).
 */
function send(fetchFn, method, url, headers, body, signal, timeoutMs) {
  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    let done = false;
    let stage = "sending the request";
    const finish = (ok, value, reason) => {
      if (done) return;
      done = true;
      cancel();
      if (signal) signal.removeEventListener("abort", onAbort);
      if (ok) return resolve(value);
      reject(value);
      controller.abort(reason);
    };
    const onAbort = () => finish(false, new Failure(ABORT, signal.reason), signal.reason);
    const cancel = after(timeoutMs, () => finish(false, new Failure(TIMEOUT)));
    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
    }
    const init = { method, signal: controller.signal };
    if (headers) init.headers = headers;
    if (body != null) init.body = body;
    const failed = (e) => finish(false, signal && signal.aborted ? new Failure(ABORT, signal.reason) : new Failure(CONNECTION, describe(e), stage));
    let pending;
    try {
      pending = (fetchFn || globalThis.fetch)(url, init);
    } catch (e) {
      return failed(e);
    }
    Promise.resolve(pending)
      .then((r) => {
        if (done) return;
        stage = "reading the response";
        const status = r.status;
        return r.text().then((text) => {
          if (typeof text !== "string") throw new TypeError("response.text() did not resolve to a string");
          const h = r.headers;
          finish(true, [status, text, h.get("x-app-usage"), h.get("x-business-use-case-usage")]);
        });
      })
      .catch(failed);
  });
}

/** Wait `ms` milliseconds; rejects with a Failure as soon as the signal fires. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new Failure(ABORT, signal.reason));
    const onAbort = () => {
      cancel();
      reject(new Failure(ABORT, signal.reason));
    };
    const cancel = after(ms, () => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    });
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

// The codes of the core's actions (src/wasm/flow.rs).
const DONE = 0;
const FAIL = 1;
const SEND = 2;
const CHUNK = 3;
const SLEEP = 4;
const REPORT = 5;

/**
 * Run a core flow to its end: do what each action says and hand back what happened. A value
 * thrown by the caller's own code (onProgress, an upload stream) ends the call with that value.
 * The flow is freed at the end unless `keep` (a paginator's flow lives on between pages).
 */
export async function drive(flow, keep, fetchFn, signal, timeoutMs, onProgress, source) {
  try {
    let code = flow.start();
    for (;;) {
      if (code === SEND || code === CHUNK) {
        const [method, url, headers, text] = flow.request();
        const body = code === CHUNK ? await source.chunk(flow.offset()) : text;
        try {
          const r = await send(fetchFn, method, url, headers, body, signal, timeoutMs);
          code = flow.response(r[0], r[1], r[2], r[3], code === CHUNK ? byteLength(body) : 0);
        } catch (f) {
          if (!(f instanceof Failure)) throw f;
          code = flow.failed(f.kind, f.cause, f.stage);
        }
      } else if (code === SLEEP) {
        try {
          await sleep(flow.sleepMs(), signal);
          code = flow.slept();
        } catch (f) {
          code = flow.failed(f.kind, f.cause);
        }
      } else if (code === REPORT) {
        if (onProgress) onProgress(flow.progress());
        code = flow.reported();
      } else if (code === DONE) {
        return flow.take();
      } else {
        throw flow.take();
      }
    }
  } finally {
    if (!keep) flow.free();
  }
}

/**
 * The async iterator behind `paginate` and every `iter…` method: one flow of the core's
 * `Pages` (cursors, empty pages, loops), one page at a time. Two `next()` calls at once are
 * served in turn (never the same page twice, nor the same item).
 */
export class Paginator {
  constructor(flow, fetchFn, signal, timeoutMs) {
    this.flow = flow;
    this.hooks = [fetchFn, signal, timeoutMs];
    this.items = [];
    this.pos = 0;
    this.tail = Promise.resolve();
  }
  /** The next item: `{ value, done }`, fetching the next page when needed. */
  next() {
    if (!(this instanceof Paginator) || this.flow === undefined) throw new TypeError("Paginator.next: called after free() (or not on a Paginator)");
    const p = this.tail.then(() => this.advance());
    this.tail = p.catch(() => {});
    return p;
  }
  async advance() {
    if (this.pos < this.items.length) return { value: this.items[this.pos++], done: false };
    if (this.flow === null) return { value: undefined, done: true };
    let page;
    try {
      page = await drive(this.flow, true, ...this.hooks);
    } catch (e) {
      this.free();
      throw e;
    }
    if (page === null || this.flow === null) {
      this.free();
      return { value: undefined, done: true };
    }
    this.items = page.data;
    this.pos = 1;
    return { value: this.items[0], done: false };
  }
  /** Stop early (called by `break` in `for await`). */
  return() {
    if (!(this instanceof Paginator) || this.flow === undefined) throw new TypeError("Paginator.return: called after free() (or not on a Paginator)");
    this.items = [];
    this.pos = 0;
    if (this.flow) this.free();
    this.flow = null;
    return Promise.resolve({ value: undefined, done: true });
  }
  /** Release the iterator's state now (it is released when collected too). */
  free() {
    if (this.flow) this.flow.free();
    this.flow = this.flow === null ? null : undefined;
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}
export function paginator(flow, fetchFn, signal, timeoutMs) {
  return new Paginator(flow, fetchFn, signal, timeoutMs);
}

/** A value's own enumerable keys (`Object.keys`); imported with `catch` (Proxy traps throw). */
export function ownKeys(v) {
  return Object.keys(v);
}

/** `Array.isArray`; imported with `catch` (it throws on a revoked Proxy). */
export function isArray(v) {
  return Array.isArray(v);
}

/** The value a callback returned, awaited (a promise, a thenable or a plain value). */
export async function settle(v) {
  return await v;
}

/**
 * A copy of the bytes of an ArrayBuffer or a view; `null` for anything else. A detached
 * buffer, or a view whose byteOffset/byteLength lie, throws a TypeError saying so (Rust names
 * the argument). Imported with `catch`.
 */
export function bytesOf(v) {
  let isBuffer = false;
  let isView = false;
  try {
    isBuffer = v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer);
    isView = !isBuffer && ArrayBuffer.isView(v);
    if (isBuffer) return new Uint8Array(v).slice();
    if (isView) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
  } catch {
    throw new TypeError(isBuffer ? "its buffer is detached" : isView ? "its buffer, byteOffset or byteLength cannot be read as they are (a detached buffer, or a view that lies)" : "it cannot be inspected (a Proxy whose traps throw?)");
  }
  return null;
}

// The platform's synchronous crypto (`node:crypto`: Node, and Workers with nodejs_compat), found
// once, on first use; null where there is none (browsers, Workers without it).
let nodeCrypto;
function findNodeCrypto() {
  try {
    const c = globalThis.process?.getBuiltinModule?.("node:crypto");
    return typeof c?.createHmac === "function" ? c : null;
  } catch {
    return null;
  }
}

// Below this size the wasm's HMAC is as quick or quicker: node:crypto's fixed cost per call is
// about 1 µs more than the wasm's in Node and 2.6 µs more in workerd, and the wasm hashes about
// 2.8 ns per byte to its 0.75 (measured in Node: 300 B 3.2 µs → 4.8, equal at 1 KB, 2 KB
// 7.9 → 6.3, 8 KB 24 → 9).
const PLATFORM_HMAC_MIN = 1024;

/**
 * HMAC-SHA256 of a webhook body of 1 KB or more (a string, or what bytesOf reads) by the
 * platform's crypto, as a Uint8Array of 32 bytes; undefined where there is no such crypto, for
 * a smaller body or for anything else (Rust then hashes in wasm, and names a bad body).
 * Imported with `catch` (bytesOf throws).
 */
export function platformHmac(secret, body) {
  if (nodeCrypto === undefined) nodeCrypto = findNodeCrypto();
  if (nodeCrypto === null || !(sizeOf(body) >= PLATFORM_HMAC_MIN)) return undefined;
  const data = typeof body === "string" ? body : bytesOf(body);
  return data === null ? undefined : new Uint8Array(nodeCrypto.createHmac("sha256", secret).update(data).digest());
}

/** A string's length or a buffer's byteLength; 0 when it cannot be read. */
function sizeOf(v) {
  try {
    return typeof v === "string" ? v.length : v.byteLength;
  } catch {
    return 0;
  }
}

/** A plain Error chain for a ConnectionError's `cause`, from texts Rust has redacted. */
export function makeCause(chainJson) {
  let cause;
  for (const { name, message, code } of JSON.parse(chainJson).reverse()) {
    const e = new Error(message, cause === undefined ? undefined : { cause });
    if (name) Object.defineProperty(e, "name", { value: name, configurable: true, writable: true });
    if (code) e.code = code;
    cause = e;
  }
  return cause;
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

function isBlob(v) {
  try {
    return v instanceof Blob;
  } catch {
    throw new TypeError("data: cannot be inspected (a Proxy whose traps throw?)");
  }
}

/**
 * The bytes of an upload, read one chunk at a time: `{ size, chunk(offset) }` where
 * `chunk(offset)` resolves to at most `chunkSize` bytes starting at `offset`. A Blob is sliced
 * lazily and a buffer is viewed without copying; a ReadableStream is read forward only, keeping
 * just the current chunk so that a failed chunk can be re-sent from the server's offset.
 */
export function uploadSource(data, fileSize, chunkSize) {
  if (typeof Blob !== "undefined" && isBlob(data)) {
    return { size: data.size, chunk: async (o) => data.slice(o, Math.min(o + chunkSize, data.size)) };
  }
  let u8;
  try {
    if (data instanceof ArrayBuffer) u8 = new Uint8Array(data);
    else if (ArrayBuffer.isView(data)) u8 = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch {
    throw new TypeError("data: its buffer, byteOffset or byteLength cannot be read as they are (a detached buffer, or a view that lies)");
  }
  if (u8) return { size: u8.byteLength, chunk: async (o) => u8.subarray(o, Math.min(o + chunkSize, u8.byteLength)) };
  let getReader;
  try {
    getReader = data && data.getReader;
  } catch {
    throw new TypeError("data: cannot be inspected (a Proxy whose traps or getters throw?)");
  }
  if (typeof getReader === "function") {
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
function byteLength(chunk) {
  return typeof chunk.size === "number" ? chunk.size : chunk.byteLength;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
/** Bytes → string, throwing on invalid UTF-8. */
export function utf8(bytes) {
  return UTF8.decode(bytes);
}
