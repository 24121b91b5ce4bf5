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
 * It serves both login flavours. Facebook Login (graph.facebook.com): the default tokens, Pages,
 * `/me/accounts` with each Page's `tasks`, `/me/permissions` (granted, declined, expired) and
 * `/debug_token` for every kind of token ({@link SandboxIds} names one of each). Instagram Login
 * (graph.instagram.com): a request carrying one of `instagramAccessTokens` gets its answers: `GET
 * /me` with `user_id` (the account's id; `id` is app-scoped), `/me/subscribed_apps`, the token
 * endpoints (`POST /oauth/access_token` with `grant_type=authorization_code`, as on
 * api.instagram.com; `GET /access_token?grant_type=ig_exchange_token`; `GET
 * /refresh_access_token?grant_type=ig_refresh_token`, for a token at least 24 hours old), and
 * Meta's errors for what that flavour lacks (hashtag search and media, business discovery,
 * `/me/accounts`, `/debug_token`). An expired token gets error 190/463 on every call.
 *
 * The Page's Instagram inbox is served as with Facebook Login (a Page token), and with Instagram
 * Login as the account's own (`/me/messages`, `/me/conversations`, the conversations and messages
 * read with the Instagram User token). `POST /{page-id}/messages` (or `/me/messages`) enforces
 * Meta's rules with Meta's errors (the 24-hour window, 7 days with `tag: "HUMAN_AGENT"`,
 * 10/2534022; one private reply per comment within 7 days of it, 100/2534025; a blocked person,
 * 551/1545041; an unknown one, 100/2534014), against the sandbox's clock (its now, or
 * `state.counters.clock` when that is later). Collaborators and invites, catalogs, product search
 * and product tags are served with the user token.
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
  /**
   * User access tokens the sandbox accepts, holding every permission a method needs with Facebook
   * Login (messaging, product tags and catalogs included). Default `["sandbox-token"]`.
   */
  accessTokens?: string[];
  /**
   * Instagram User tokens (Instagram Login) the sandbox accepts: long-lived, two days old (so
   * `ig_refresh_token` accepts them), holding every `instagram_business_*` scope. Default
   * `["IGQVJsandbox-token"]`.
   */
  instagramAccessTokens?: string[];
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
  /** The first of `instagramAccessTokens` (Instagram Login; `null` when there is none). */
  instagramAccessToken: string | null;
  /** A Business Manager system user's token (`debug_token` type `SYSTEM_USER`). */
  systemUserToken: string;
  /** A user token that expired a day ago: every call answers 190/463. */
  expiredToken: string;
  /** A valid user token issued to another app (`otherAppId`). */
  otherAppToken: string;
  otherAppId: string;
  /**
   * A user who declined `instagram_content_publish`, let `instagram_manage_insights` expire,
   * was never asked for `pages_manage_metadata` nor the messaging, catalog and product-tag
   * permissions, and holds only `ANALYZE` on the Page connected to the Instagram account.
   */
  limitedToken: string;
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
  /** The newest conversation (its person wrote 15 minutes before the newest generated post); 24 messages, so `oldMessageId` exists. */
  conversationId: string | null;
  /** The IGSID of `conversationId`'s person: `sendMessage` to it succeeds (within the 24-hour window). */
  recipientId: string | null;
  /** The newest message of `conversationId`. */
  messageId: string | null;
  /** The 21st newest message of `conversationId`: Meta gives details of the 20 most recent only (error 9000001). */
  oldMessageId: string | null;
  /** A conversation whose person last wrote more than 24 hours ago: a send answers 10/2534022 (`tag: "HUMAN_AGENT"` works up to 7 days). */
  closedConversationId: string | null;
  closedRecipientId: string | null;
  /** A person who blocked the account: a send answers 551/1545041. */
  blockedRecipientId: string | null;
  /** A recent comment by someone else on a feed media: one private reply succeeds, the next answers 100/2534025. */
  privateReplyCommentId: string | null;
  /** A comment more than 7 days old: a private reply answers 100/2534025. */
  expiredCommentId: string | null;
  /** A feed media with collaborators (one accepted, one pending). */
  collaborationMediaId: string | null;
  /** A media of another account that invited this one to collaborate (pending). */
  inviteMediaId: string | null;
  /** The shop's retail catalog. */
  catalogId: string;
  /** A product of `catalogId`. */
  productId: string;
  /** An image with two product tags (a reel, `videoMediaId`, has one, without position). */
  productTaggedMediaId: string | null;
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
  /** Instagram Login: fields subscribed with `POST /me/subscribed_apps` (absent or `null` when not subscribed). */
  subscribedFields?: string[] | null;
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

/**
 * A conversation of the Page's Instagram inbox with one person. Its 24-hour window is open while
 * now (the sandbox's clock, or `state.counters.clock` when that is later) `- lastInboundMs` is at
 * most 24 hours (advance `clock`, or set `lastInboundMs`, to open or close it).
 */
export interface ConversationRecord {
  /** Opaque, as Meta's (URL-safe base64). */
  id: string;
  pageId: string;
  /** The person's Instagram-scoped id (the `from.id` of their comments). */
  igsid: string;
  username: string;
  /** Newest first. */
  messageIds: string[];
  /** Timestamp (ms) of the newest message. */
  updatedMs: number;
  /** Timestamp (ms) of the person's last message; `null` when they never wrote (a private reply started it). */
  lastInboundMs: number | null;
  /** The person blocked the account: sends answer 551/1545041. */
  blocked: boolean;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  fromId: string;
  fromUsername: string;
  toId: string;
  toUsername: string;
  /** `""` for an attachment only. */
  text: string;
  /** As Meta renders them: `{ image_data: { url } }`, `{ video_data: { url } }`. */
  attachments: object[];
  createdMs: number;
}

export interface CollaboratorRecord {
  id: string;
  username: string;
  invite_status: "Accepted" | "Pending" | "Declined";
}

export interface CollaborationInviteRecord {
  media_id: string;
  media_owner_username: string;
  caption?: string;
  media_url: string;
  status: "pending" | "accepted" | "declined";
}

export interface CatalogRecord {
  catalog_id: string;
  catalog_name: string;
  shop_name: string;
  productIds: string[];
}

/** A product; its ids go out as JSON numbers, as in Meta's samples. */
export interface ProductRecord {
  product_id: string;
  merchant_id: string;
  product_name: string;
  /** The SKU `q` also matches. */
  retailer_id: string;
  price_cents: number;
  image_url: string;
  review_status: string;
  is_checkout_flow: boolean;
  variants: { product_id: string; variant_name: string }[];
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
  /** `INSTAGRAM`: an Instagram User token (Instagram Login). */
  type: "USER" | "PAGE" | "APP" | "SYSTEM_USER" | "INSTAGRAM";
  userId: string;
  pageId?: string;
  /** The app it was issued to, when not the sandbox app. */
  appId?: string;
  /** Granted scopes (default: all of the flavour's). */
  scopes?: string[];
  /** Scopes `/me/permissions` lists as `declined`. */
  declined?: string[];
  /** Scopes `/me/permissions` lists as `expired`. */
  expiredScopes?: string[];
  /** The tasks this user holds per Page id (default: the Page's `tasks`). */
  pageTasks?: Record<string, string[]>;
  /** Every call with it answers 190/463, and `debug_token` says it is not valid. */
  expired?: boolean;
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
  /** The Page's Instagram inbox (`GET /{page-id}/conversations?platform=instagram`, Page token). */
  conversations: Map<string, ConversationRecord>;
  messages: Map<string, MessageRecord>;
  /** Comment id → the message id of its private reply (one per comment). */
  privateReplies: Map<string, string>;
  /** Media id → its collaborators. */
  collaborators: Map<string, CollaboratorRecord[]>;
  /** Media id → the invite to collaborate on it. */
  collaborationInvites: Map<string, CollaborationInviteRecord>;
  catalogs: Map<string, CatalogRecord>;
  products: Map<string, ProductRecord>;
  /** Media (or carousel child) id → its product tags (`x`, `y` absent on a video). */
  productTags: Map<string, { product_id: string; x?: number; y?: number }[]>;
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
