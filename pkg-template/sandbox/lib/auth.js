/**
 * @file Who is calling: the access token of a request (query, body, `Authorization`, or the batch's),
 * what it stands for, and the `appsecret_proof` check.
 */

import { APP_ID } from "./constants.js";
import { err } from "./errors.js";

/** @typedef {import("../index.js").TokenRecord} TokenRecord */

/** The access token of a request: query, then body, then `Authorization: Bearer|OAuth`, then inherited (batch). */
export function extractToken(ctx) {
  if (ctx.params.access_token) return String(ctx.params.access_token);
  const auth = ctx.headers.authorization;
  if (auth) {
    const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  return ctx.inheritedToken ?? null;
}

/** @returns {TokenRecord|null} */
export function lookupToken(ctx, token) {
  const known = ctx.state.tokens.get(token);
  if (known) return known;
  const bar = token.indexOf("|");
  if (bar > 0) {
    const appId = token.slice(0, bar);
    const secret = token.slice(bar + 1);
    const want = ctx.sb.opts.appSecret;
    if (appId === APP_ID && secret && (!want || secret === want)) {
      return { type: "APP", userId: "", issuedAt: 0, expiresAt: 0 };
    }
  }
  return null;
}

/** With `appSecret` set, `appsecret_proof` (the request's or its batch's) must match the token; app tokens need none. */
export async function checkProof(ctx) {
  const secret = ctx.sb.opts.appSecret;
  if (!secret || ctx.tokenInfo.type === "APP") return;
  const proof = ctx.params.appsecret_proof ?? ctx.inheritedProof;
  if (!proof) throw err.badProof();
  const expected = await ctx.sb.proofFor(ctx.token);
  if (String(proof).toLowerCase() !== expected) throw err.badProof();
}

/**
 * hex HMAC-SHA256(key = appSecret, msg = token), computed once per token with the platform's
 * WebCrypto (`createSandbox` refuses `appSecret` where `crypto.subtle` is missing).
 * @returns {(token: string) => Promise<string>}
 */
export function proofCache(appSecret) {
  const proofs = new Map();
  const enc = new TextEncoder();
  const sign = async (token) => {
    const { subtle } = globalThis.crypto;
    const key = await subtle.importKey("raw", enc.encode(appSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = await subtle.sign("HMAC", key, enc.encode(token));
    return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
  };
  return (token) => {
    if (!proofs.has(token)) proofs.set(token, sign(token));
    return proofs.get(token);
  };
}
