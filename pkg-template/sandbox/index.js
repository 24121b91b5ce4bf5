/**
 * @file `instagram-graph-wasm/sandbox`: an in-memory, stateful stand-in for the Instagram Graph
 * API (`graph.facebook.com`) and its resumable upload host (`rupload.facebook.com`).
 *
 * The core is a Fetch-API handler, `(Request) => Promise<Response>`, written against web-standard
 * APIs only (Request, Response, Headers, URL, URLSearchParams, crypto, TextEncoder, setTimeout),
 * so this entry and `./lib/` run unchanged in Node 20+, Cloudflare workerd and browsers.
 * `./node.js` adds a loopback HTTP server on top of it.
 *
 * Everything is deterministic: the data is generated from a seeded PRNG, and objects created
 * during a session (comments, containers, media) get ids and timestamps from the same generator.
 * Response shapes follow Meta's documentation (see the project's `graph-api.md`).
 *
 * The options, the returned object and the records of `state` are documented once, in
 * `./index.d.ts`. Each module of `./lib/` opens with what it does; a request goes
 * `server.js` → `router.js` → `routes/<family>.js` → `nodes.js` (fields) and `paging.js`.
 *
 * @module instagram-graph-wasm/sandbox
 */

import { proofCache } from "./lib/auth.js";
import { clockNotStarted } from "./lib/clock.js";
import { DATA_NOW, DEFAULT_API_VERSION } from "./lib/constants.js";
import { generate } from "./lib/data/generate.js";
import { createFaultQueue } from "./lib/faults.js";
import { normalizeOptions } from "./lib/options.js";
import { serve } from "./lib/server.js";
import { addTokens, tokenIds } from "./lib/tokens.js";

/**
 * Create a sandbox Graph API.
 * @param {import("./index.js").SandboxOptions} [options]
 * @returns {import("./index.js").Sandbox}
 */
export function createSandbox(options = {}) {
  const opts = normalizeOptions(options);
  const state = {};
  const ids = {};
  const requests = [];
  const { fault, clearFaults, take } = createFaultQueue();

  // With the default clock, data generated where time has not started (a Worker's module
  // scope, where `Date.now()` is 0) is dated again on the first request.
  const realClock = options.now === undefined || options.now === null;
  let undated = false;

  /** Generate the data anew, dated relative to the clock's now. */
  function generateState() {
    const g = generate(opts);
    addTokens(g.state, opts, Math.floor(g.state._anchor / 1000));
    for (const k of Object.keys(state)) delete state[k];
    Object.assign(state, g.state);
    for (const k of ["_rng", "_alloc", "_anchor", "_now"]) {
      Object.defineProperty(state, k, { value: g.state[k], writable: true, configurable: true, enumerable: false });
    }
    for (const k of Object.keys(ids)) delete ids[k];
    Object.assign(ids, g.ids, tokenIds(opts));
    undated = realClock && clockNotStarted(state._anchor);
  }

  /** Restore the initial data; clear faults, the request log and usage counters. */
  function reset() {
    generateState();
    requests.length = 0;
    clearFaults();
  }
  reset();

  function serveDated(request, signal) {
    if (undated && !clockNotStarted(opts.now())) generateState();
    return serve(sb, request, signal);
  }

  /** What the modules of `./lib/` see of this sandbox (as `ctx.sb`). */
  const sb = {
    opts,
    state,
    ids,
    requests,
    fault,
    clearFaults,
    reset,
    takeFault: take,
    proofFor: proofCache(opts.appSecret),
    log(entry) {
      if (opts.requestLogLimit === 0) return;
      requests.push(entry);
      while (requests.length > opts.requestLogLimit) requests.shift();
    },
  };

  /** The Fetch-API handler: rejects like fetch for `drop` faults and when `request.signal` aborts. */
  function handle(request) {
    return serveDated(request, request.signal);
  }

  /** A fetch-compatible function to hand to a client as its `fetch`. */
  function sandboxFetch(input, init) {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = init?.signal ?? (typeof input === "object" && input && "signal" in input ? input.signal : request.signal);
    return serveDated(request, signal);
  }

  return { fetch: sandboxFetch, handle, state, requests, fault, clearFaults, reset, ids, options: opts, now: () => opts.now() };
}

export { DATA_NOW, DEFAULT_API_VERSION };
