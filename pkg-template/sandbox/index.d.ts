/**
 * `instagram-graph-wasm/sandbox`: an in-memory, stateful stand-in for the Instagram Graph API
 * (`graph.facebook.com`) and its resumable upload host (`rupload.facebook.com`), with
 * deterministic, realistic data.
 *
 * The core (`index.js` and its modules in `lib/`) is a Fetch-API handler that runs in Node 20+,
 * Cloudflare Workers and browsers. The Node entry (`node.js`, typed by `node.d.ts`) adds
 * `listen()`, and `serve.js` is a CLI (`node serve.js [--port N] [--latency-ms N] …`) that prints
 * `sandbox listening on http://127.0.0.1:PORT`.
 *
 * Any base URL works (the host is ignored; `/vNN.N` prefixes are optional). For tests running in
 * another process (workerd, a browser) the sandbox also answers, without a token:
 * - `POST /__sandbox/fault` with a JSON {@link FaultSpec} (`path` RegExps as strings starting
 *   with `^`; `times: null` or `"Infinity"` for unlimited),
 * - `DELETE /__sandbox/faults` (clear them), `POST /__sandbox/reset`,
 * - `GET /__sandbox/requests` (the {@link LoggedRequest} log) and `GET /__sandbox/ids` ({@link SandboxIds}).
 */

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** User access tokens the sandbox accepts. Default `["sandbox-token"]`. */
  accessTokens?: string[];
  /**
   * When set, every call (except with an app token `appId|secret`) must carry
   * `appsecret_proof` = hex HMAC-SHA256(key = appSecret, msg = access_token); otherwise error 100
   * "Invalid appsecret_proof provided in the API argument". Also checked as `client_secret` by
   * `/oauth/access_token`. The proof is checked with the platform's WebCrypto (`crypto.subtle`),
   * which browsers expose only in secure contexts (https: or localhost): elsewhere `createSandbox`
   * throws a `TypeError` for this option. Default: none.
   */
  appSecret?: string;
  /** Feed media of the sandbox IG account. Default 240. */
  mediaCount?: number;
  /** Seed of the deterministic data. Default 1. */
  seed?: number | string;
  /** Fixed delay (ms) added to every API response (not to preflights or `/__sandbox/*`). Default 0. */
  latencyMs?: number;
  /**
   * Percentage points `call_count` grows per call (in `x-app-usage`, and per IG account in
   * `x-business-use-case-usage`). Once an IG account's value reaches 100, its endpoints answer
   * error 80002. `0` disables rate limiting. Default 1.
   */
  usagePerCall?: number;
  /**
   * Status reads of a video (or video-carousel) container that still answer `IN_PROGRESS`; the
   * read after them answers the final status (`FINISHED`, or `ERROR`/`EXPIRED` for URLs containing
   * "error"/"expired"). Image containers are final at once. For resumable uploads the count starts
   * once all bytes have arrived. Default 2.
   */
  pollsUntilFinished?: number;
  /**
   * Base of the `uri` that `upload_type=resumable` returns. Default: the request's origin, or
   * `https://rupload.facebook.com` when the request went to `graph.facebook.com`.
   */
  uploadBaseUrl?: string;
  /** Keep at most this many entries in `requests` (oldest dropped). Default `Infinity`. */
  requestLogLimit?: number;
  /**
   * The sandbox's clock: a time in ms since the epoch, or a function returning one. The data is
   * dated relative to it when it is generated (and again by `reset()`): the newest post two hours
   * before now, stories in the last 24 hours (`/stories` drops them after 24 hours), account
   * insights up to the last full day (days end at 08:00 UTC) before now; objects created later
   * (comments, media, containers, tokens) take its time. Default `Date.now` (in a Worker's module
   * scope, where the clock reads 0, the data is dated on the first request). Pass a fixed time
   * in tests that compare dates.
   */
  now?: number | (() => number);
}

/** One entry of {@link Sandbox.requests}. */
export interface LoggedRequest {
  method: string;
  /** `host[:port]` of the request URL. */
  host: string;
  /** The pathname as requested, including the `/vNN.N` prefix when there was one. */
  path: string;
  /** Query parameters (the last value wins for repeated names). */
  query: Record<string, string>;
  /** Body parameters (form-urlencoded, JSON or multipart), or `null` without a body (and for uploads). */
  form: Record<string, string> | null;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Set on the entries of the items of a batch request (each item is logged after the batch itself). */
  batchIndex?: number;
}

/**
 * A fault: applies to the next `times` requests that match `method` and `path` (batch items
 * included). The first matching queued fault wins.
 */
export interface FaultSpec {
  /** Only requests with this HTTP method (case-insensitive). */
  method?: string;
  /**
   * Match on the path without the version: an exact string (`"/17841405822304914/media"`, leading
   * slash optional, a version prefix is ignored), a RegExp tested against `"/<path>"`, or a string
   * starting with `^` used as a RegExp source. Upload requests match as `/ig-api-upload/<container-id>`;
   * the batch request itself as `/`.
   */
  path?: string | RegExp;
  /** How many matching requests it applies to. Default 1; `Infinity` allowed. */
  times?: number;
  /** Replace the response status (without `body`/`rawBody`: ≥500 gives a transient code-2 Graph error, ≥400 a code-1 one). */
  status?: number;
  /** Replace the response with this JSON (status 400 when it has an `error` key, else 200, unless `status`). */
  body?: unknown;
  /** Replace the response with these raw bytes (e.g. an HTML 502 page, truncated JSON). */
  rawBody?: string | Uint8Array;
  /** Add (or override) response headers. */
  headers?: Record<string, string>;
  /** Delay the response by this many ms (abortable). */
  delayMs?: number;
  /** Never answer, until the request's signal aborts (fetch mode) or the client disconnects (HTTP). */
  hang?: boolean;
  /** Reset the connection: fetch mode rejects with `TypeError("fetch failed")`; HTTP destroys the socket. */
  drop?: boolean;
  /** Batch items only: answer this item with `null` (as Meta does for items that timed out). */
  batchNull?: boolean;
  /** List responses: `data: []`, but `paging` still points past the page (privacy filtering). */
  emptyPage?: boolean;
  /** List responses: `cursors.after` (and `paging.next`) repeat the request's `after` (a cursor loop). */
  repeatCursor?: boolean;
}

/** The handle {@link Sandbox.fault} returns. */
export interface FaultHandle {
  /** Matches left (`Infinity` for unlimited). */
  readonly remaining: number;
  /** Requests it has applied to so far. */
  readonly hits: number;
  /** Remove it from the queue. */
  cancel(): void;
}

/** The well-known ids and names of the sandbox data (stable for a given seed). */
export interface SandboxIds {
  appId: string;
  /** The Facebook user behind the default tokens (`/me`). */
  userId: string;
  /** The Page "Sandbox Coffee Roasters", connected to the IG account. */
  pageId: string;
  /** A second Page without an Instagram account. */
  otherPageId: string;
  /** The Instagram Business account `sandbox.coffee`. */
  igUserId: string;
  igUsername: string;
  /** The first of `accessTokens`. */
  accessToken: string;
  pageAccessToken: string;
  otherPageAccessToken: string;
  /** Newest feed media (first of `/media`); it always has comments. */
  firstMediaId: string | null;
  /** Oldest feed media (last of `/media`). */
  lastMediaId: string | null;
  imageMediaId: string | null;
  /** A reel (`media_type` VIDEO, `media_product_type` REELS). */
  videoMediaId: string | null;
  carouselMediaId: string | null;
  carouselChildId: string | null;
  mediaWithoutCommentsId: string | null;
  /** A top-level comment (on a feed media) that has replies. */
  commentId: string | null;
  /** The first reply of `commentId`. */
  replyId: string | null;
  storyId: string;
  /** A media by another account that tags/mentions `sandbox.coffee` (`/tags`, `mentioned_media`). */
  taggedMediaId: string;
  mentionedMediaId: string;
  /** A comment that mentions `@sandbox.coffee` (`mentioned_comment`, `POST /mentions`). */
  mentionedCommentId: string | null;
  /** The hashtag `#coffee`. */
  hashtagId: string;
  hashtagName: string;
  /** A public Business account for `business_discovery`. */
  discoveryUsername: string;
  /** A private account: `business_discovery` answers 110/2207013. */
  privateUsername: string;
}

export interface PageRecord {
  id: string;
  name: string;
  category: string;
  category_list: { id: string; name: string }[];
  tasks: string[];
  access_token: string;
  igUserId: string | null;
  /** Fields subscribed with `POST /{page-id}/subscribed_apps`; `null` when not subscribed. */
  subscribedFields: string[] | null;
}

export interface IgUserRecord {
  id: string;
  ig_id: number;
  username: string;
  name: string;
  biography: string;
  website: string;
  followers_count: number;
  follows_count: number;
  profile_picture_url: string;
  /** The account connected to the sandbox Page (readable as a node); others are business-discovery accounts. */
  own: boolean;
  /** `business_discovery` answers 110/2207013 for a private account. */
  isPrivate: boolean;
  /** Feed media ids, newest first; `media_count` is its length. */
  mediaIds: string[];
  storyIds: string[];
  taggedIds: string[];
  /** `/live_media` (empty by default; push ids of media records to simulate a broadcast). */
  liveIds: string[];
  recentlySearchedHashtagIds: string[];
  quotaUsage: number;
}

export interface MediaRecord {
  id: string;
  /** `discovery` and `hashtag` media are not readable as nodes (only through their edges). */
  kind: "feed" | "story" | "tagged" | "child" | "discovery" | "hashtag";
  ownerId: string;
  username: string;
  caption?: string;
  media_type: "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM";
  media_product_type: "FEED" | "REELS" | "STORY";
  /** A `data:image/svg+xml,…` URL. */
  media_url: string;
  thumbnail_url?: string;
  permalink?: string;
  shortcode: string;
  /** `2026-11-20T10:15:00+0000` style. */
  timestamp: string;
  like_count?: number;
  is_comment_enabled: boolean;
  is_shared_to_feed?: boolean;
  alt_text?: string;
  childIds: string[];
  parentId: string | null;
  /** Top-level comment ids, newest first. */
  commentIds: string[];
  /** `comments_count` of public (hashtag / discovery) media, which have no comment objects. */
  hashtagCommentsCount?: number;
  stats: { reach: number; views: number; saved: number; shares: number; profile_visits: number; follows: number };
}

export interface CommentRecord {
  id: string;
  mediaId: string;
  /** The top-level comment of a reply, else `null`. */
  parentId: string | null;
  text: string;
  username: string;
  fromId: string;
  timestamp: string;
  like_count: number;
  hidden: boolean;
  /** Reply ids, oldest first. */
  replyIds: string[];
}

export type ContainerStatusCode = "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED";

export interface ContainerRecord {
  id: string;
  igUserId: string;
  media_type: "IMAGE" | "VIDEO" | "REELS" | "STORIES" | "CAROUSEL";
  image_url?: string;
  video_url?: string;
  caption?: string;
  is_carousel_item: boolean;
  /** Child container ids of a carousel. */
  children: string[];
  upload_type: "resumable" | null;
  /** Every parameter as received (without `access_token`/`appsecret_proof`). */
  params: Record<string, string>;
  status_code: ContainerStatusCode;
  /** What `IN_PROGRESS` turns into. */
  outcome: "FINISHED" | "ERROR" | "EXPIRED";
  /** Status reads counted so far (for resumable uploads, once all bytes have arrived). */
  polls: number;
  /** Status reads that answer `IN_PROGRESS` before `outcome`. */
  pollsRequired: number;
  uploadComplete: boolean;
  publishedMediaId: string | null;
  createdAt: number;
}

export interface UploadRecord {
  containerId: string;
  /** Declared by the first `file_size` header. */
  fileSize: number | null;
  /** Bytes received so far. */
  offset: number;
  /** A copy of the bytes received so far. */
  readonly bytes: Uint8Array;
  /** Set when uploaded with a `file_url` header instead of bytes. */
  fileUrl: string | null;
  complete: boolean;
}

export interface HashtagRecord {
  id: string;
  name: string;
  /** Generated on first read of `top_media` / `recent_media`. */
  topMediaIds: string[] | null;
  recentMediaIds: string[] | null;
}

export interface TokenRecord {
  type: "USER" | "PAGE" | "APP";
  userId: string;
  pageId?: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; 0 = never. */
  expiresAt: number;
}

/** The live, mutable sandbox data (`reset()` restores it in place). */
export interface SandboxState {
  user: { id: string; name: string };
  /** In `/me/accounts` order. */
  pages: Map<string, PageRecord>;
  /** The own account plus business-discovery accounts. */
  igUsers: Map<string, IgUserRecord>;
  media: Map<string, MediaRecord>;
  comments: Map<string, CommentRecord>;
  containers: Map<string, ContainerRecord>;
  /** Resumable upload sessions, keyed by container id. */
  uploads: Map<string, UploadRecord>;
  hashtags: Map<string, HashtagRecord>;
  /** Every token the sandbox accepts (users', Pages', and those `/oauth/access_token` issued). */
  tokens: Map<string, TokenRecord>;
  /** OAuth codes already exchanged (a code works once). */
  usedCodes: Set<string>;
  counters: {
    /** Authenticated calls so far (drives `x-app-usage`). */
    appCalls: number;
    /** Calls per IG account (drives `x-business-use-case-usage` and error 80002). */
    bucCalls: Map<string, number>;
    /** Timestamp (ms) of the last object created during the session: the clock's now, at least a second after the one before (starts at the newest generated post). */
    clock: number;
    /** Tokens issued by `/oauth/access_token`. */
    issued: number;
  };
}

/** The object {@link createSandbox} returns. */
export interface Sandbox {
  /**
   * A fetch-compatible function for a client's `fetch` option: `handle(new Request(input, init))`.
   * Rejects with the signal's reason when `init.signal` aborts a delayed or hanging response, and
   * with `TypeError("fetch failed")` for a `drop` fault.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The Fetch-API handler (for Workers, service workers, or a server of your own). */
  handle(request: Request): Promise<Response>;
  /** The live data. */
  readonly state: SandboxState;
  /** Every handled API request, oldest first (not `OPTIONS` preflights nor `/__sandbox/*`). */
  readonly requests: LoggedRequest[];
  /** Queue a fault. */
  fault(spec: FaultSpec): FaultHandle;
  /** Remove every queued fault. */
  clearFaults(): void;
  /** Restore the initial data; clear faults, `requests` and usage counters. */
  reset(): void;
  readonly ids: SandboxIds;
  /** The normalized options. */
  readonly options: Readonly<Required<Omit<SandboxOptions, "appSecret" | "uploadBaseUrl" | "now">>> & {
    readonly appSecret: string | null;
    readonly uploadBaseUrl: string | null;
    /** The clock, as a function. */
    readonly now: () => number;
  };
  /** The sandbox's clock: now, in ms since the epoch (the `now` option, else `Date.now()`). */
  now(): number;
}

/** Create a sandbox Graph API. Throws `TypeError` for a bad option. */
export declare function createSandbox(options?: SandboxOptions): Sandbox;

/**
 * 2026-11-20T10:15:00Z (ms): the fixed date of the data before the sandbox followed a clock.
 * `createSandbox({ now: DATA_NOW + 2 * 3600000 })` dates the newest post at it again.
 */
export declare const DATA_NOW: number;
/** The version used in URLs when a request had none (`"v27.0"`). */
export declare const DEFAULT_API_VERSION: string;

// ---- Node entry (`node.js`) -----------------------------------------------------------------

/** Options of {@link NodeSandbox.listen}. */
export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** A loopback address: `"127.0.0.1"` (default), `"::1"` or `"localhost"`. */
  host?: string;
}

/** A running loopback server. */
export interface SandboxServer {
  /** e.g. `"http://127.0.0.1:43123"` (no trailing slash); use it as the client's `baseUrl`. */
  url: string;
  port: number;
  /** Stop listening and close open connections. */
  close(): Promise<void>;
}

/** The sandbox of the Node entry: also serves itself over HTTP. */
export interface NodeSandbox extends Sandbox {
  /**
   * Serve the sandbox on a loopback address with `node:http`. The same state is shared with
   * `fetch`/`handle`. A `drop` fault destroys the socket; `hang` never answers until the client
   * disconnects.
   */
  listen(options?: ListenOptions): Promise<SandboxServer>;
}
