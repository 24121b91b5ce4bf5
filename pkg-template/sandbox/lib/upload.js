/**
 * @file The resumable upload host (`rupload.facebook.com`): `POST|GET /ig-api-upload/{version}/{container-id}`
 * with `offset`/`file_size` headers and bytes, or a `file_url` header.
 */

import { extractToken, lookupToken } from "./auth.js";
import { outcomeOfUrl } from "./containers.js";

/** @typedef {import("../index.js").UploadRecord} UploadRecord */

/** Where the rupload host lives, as seen from this request. */
export function uploadBase(ctx) {
  if (ctx.sb.opts.uploadBaseUrl) return ctx.sb.opts.uploadBaseUrl.replace(/\/+$/, "");
  const host = new URL(ctx.origin).hostname;
  if (host === "graph.facebook.com") return "https://rupload.facebook.com";
  return ctx.origin;
}

/** @returns {UploadRecord} */
export function makeUpload(containerId) {
  let buf = new Uint8Array(0);
  const up = {
    containerId,
    fileSize: null,
    offset: 0,
    fileUrl: null,
    complete: false,
    /** Append bytes (grows the buffer geometrically). */
    append(bytes) {
      const need = up.offset + bytes.length;
      if (need > buf.length) {
        const next = new Uint8Array(Math.max(need, buf.length * 2, 1024));
        next.set(buf.subarray(0, up.offset));
        buf = next;
      }
      buf.set(bytes, up.offset);
      up.offset = need;
    },
  };
  Object.defineProperty(up, "bytes", { enumerable: true, get: () => buf.slice(0, up.offset) });
  Object.defineProperty(up, "append", { enumerable: false });
  return up;
}

function uploadFailure(message, status = 400) {
  return {
    status,
    json: {
      debug_info: {
        retriable: false,
        type: "ProcessingFailedError",
        message: JSON.stringify({ success: false, error: { message } }),
      },
    },
    headers: {},
  };
}

/** `POST|GET /ig-api-upload/{version}/{container-id}`. */
export function handleUpload(ctx) {
  const { state } = ctx;
  const token = extractToken(ctx);
  const info = token ? lookupToken(ctx, token) : null;
  if (!info || info.type === "APP") return uploadFailure("unauthorized user request", 400);
  ctx.token = token;
  const c = state.containers.get(ctx.uploadContainerId);
  const up = state.uploads.get(ctx.uploadContainerId);
  if (!c || !up) return uploadFailure(`Invalid upload session: container ${ctx.uploadContainerId} was not created with upload_type=resumable`);

  if (ctx.method === "GET") {
    return { status: 200, json: { id: c.id, offset: up.offset, file_size: up.fileSize ?? 0 }, headers: {} };
  }
  if (ctx.method !== "POST") return uploadFailure(`Unsupported method ${ctx.method}`);
  if (up.complete) return uploadFailure("The upload session is already complete");

  const fileUrl = ctx.headers.file_url;
  if (fileUrl) {
    up.fileUrl = fileUrl;
    up.complete = true;
    c.uploadComplete = true;
    c.outcome = outcomeOfUrl(fileUrl);
    if (c.pollsRequired === 0) c.status_code = c.outcome;
    return { status: 200, json: { success: true, message: "Upload successful." }, headers: {} };
  }

  const offset = Number(ctx.headers.offset);
  const fileSize = Number(ctx.headers.file_size);
  if (ctx.headers.offset === undefined || !Number.isInteger(offset) || offset < 0) {
    return uploadFailure("Missing or invalid offset header");
  }
  if (ctx.headers.file_size === undefined || !Number.isInteger(fileSize) || fileSize <= 0) {
    return uploadFailure("Missing or invalid file_size header");
  }
  if (up.fileSize !== null && fileSize !== up.fileSize) {
    return uploadFailure(`file_size ${fileSize} does not match the declared file_size ${up.fileSize}`);
  }
  if (offset !== up.offset) {
    return uploadFailure(`Offset mismatch: received offset ${offset}, but ${up.offset} bytes have been uploaded so far`);
  }
  const body = ctx.bodyBytes ?? new Uint8Array(0);
  if (offset + body.length > fileSize) {
    return uploadFailure(`Received ${offset + body.length} bytes, more than the declared file_size ${fileSize}`);
  }
  up.fileSize = fileSize;
  up.append(body);
  if (up.offset === fileSize) {
    up.complete = true;
    c.uploadComplete = true;
    if (c.pollsRequired === 0) c.status_code = c.outcome;
  }
  return { status: 200, json: { success: true, message: "Upload successful." }, headers: {} };
}
