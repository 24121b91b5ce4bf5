/** @file Checking and normalizing the options of `createSandbox` (documented in `../index.d.ts`, `SandboxOptions`). */

import { clockOf } from "./clock.js";

/** The frozen options every module reads (`sandbox.options`); a bad option is a `TypeError`. */
export function normalizeOptions(o) {
  if (o === null || typeof o !== "object") throw new TypeError("createSandbox(options): options must be an object");
  const accessTokens = o.accessTokens ?? ["sandbox-token"];
  if (!Array.isArray(accessTokens) || accessTokens.length === 0 || !accessTokens.every((t) => typeof t === "string" && t !== "")) {
    throw new TypeError("createSandbox: accessTokens must be a non-empty array of non-empty strings");
  }
  const instagramAccessTokens = o.instagramAccessTokens ?? ["IGQVJsandbox-token"];
  if (!Array.isArray(instagramAccessTokens) || !instagramAccessTokens.every((t) => typeof t === "string" && t !== "")) {
    throw new TypeError("createSandbox: instagramAccessTokens must be an array of non-empty strings");
  }
  const num = (name, def, { min = 0, integer = false } = {}) => {
    const v = o[name] ?? def;
    if (v === Infinity && name === "requestLogLimit") return v;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
      throw new TypeError(`createSandbox: ${name} must be ${integer ? "an integer" : "a number"} >= ${min}`);
    }
    return v;
  };
  if (o.appSecret !== undefined && o.appSecret !== null && (typeof o.appSecret !== "string" || o.appSecret === "")) {
    throw new TypeError("createSandbox: appSecret must be a non-empty string");
  }
  // appsecret_proof is checked with WebCrypto, which browsers expose only in secure contexts.
  if (o.appSecret && !globalThis.crypto?.subtle) {
    throw new TypeError(
      "createSandbox: appSecret needs crypto.subtle (WebCrypto), which browsers expose only in secure contexts (https: or localhost)",
    );
  }
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" && typeof seed !== "string") throw new TypeError("createSandbox: seed must be a number or a string");
  if (o.uploadBaseUrl !== undefined && o.uploadBaseUrl !== null) {
    try {
      new URL(o.uploadBaseUrl);
    } catch {
      throw new TypeError("createSandbox: uploadBaseUrl must be an absolute URL");
    }
  }
  if (o.now !== undefined && o.now !== null && typeof o.now !== "function" && !(typeof o.now === "number" && Number.isFinite(o.now))) {
    throw new TypeError("createSandbox: now must be a time in ms since the epoch, or a function returning one");
  }
  return Object.freeze({
    accessTokens: Object.freeze([...accessTokens]),
    instagramAccessTokens: Object.freeze([...instagramAccessTokens]),
    appSecret: o.appSecret ?? null,
    mediaCount: num("mediaCount", 240, { integer: true }),
    seed,
    latencyMs: num("latencyMs", 0),
    usagePerCall: num("usagePerCall", 1),
    pollsUntilFinished: num("pollsUntilFinished", 2, { integer: true }),
    uploadBaseUrl: o.uploadBaseUrl ?? null,
    requestLogLimit: num("requestLogLimit", Infinity, { integer: true }),
    now: clockOf(o.now),
  });
}
