// Types of instagram-graph-wasm. Graph parameters and response data keep Meta's snake_case
// names; options and methods are camelCase. Ids are strings (Graph ids exceed 2^53).

/** Initialise the wasm module yourself (only when hosting the .wasm elsewhere). */
export function init(input?: { module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL): Promise<unknown>;
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;

// ---------------------------------------------------------------------------------------------
// Options

// <generated from src/config.rs>
/** Meta's two flavours of the Instagram API: with Facebook Login (the default) or with Instagram Login. */
export type LoginFlavour = "facebook" | "instagram";

// </generated>

// <generated from src/options.rs>
/** The options of `new InstagramClient(options)`. */
export interface ClientOptions {
  /**
   * A Facebook User access token (`login: "facebook"`), or an Instagram User token (`login:
   * "instagram"`).
   */
  accessToken: string;
  /**
   * `"facebook"` by default (graph.facebook.com, the account reached through its Page).
   * `"instagram"`: graph.instagram.com with an Instagram User token; the operations that flavour
   * lacks (hashtags, business discovery, connected Pages, the resumable upload) throw a TypeError.
   */
  login?: LoginFlavour;
  /** Adds `appsecret_proof` to every request. Servers and edge functions only. */
  appSecret?: string;
  /** Allow `appSecret` in a browser page (anyone can read it there). */
  allowAppSecretInBrowser?: boolean;
  /** `"v27.0"` by default. */
  apiVersion?: `v${number}.${number}`;
  /**
   * `"https://graph.facebook.com"` by default (`"https://graph.instagram.com"` with `login:
   * "instagram"`).
   */
  baseUrl?: string;
  /** The fetch to use; the global one by default. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Per attempt, 30000 by default. */
  timeoutMs?: number;
  /** Retries of transient failures of GET requests, 2 by default. */
  maxRetries?: number;
  /** The longest single retry wait, 60000 by default; a longer wait Meta asks for throws at once. */
  maxRetryWaitMs?: number;
  /** `"https://rupload.facebook.com"` by default. */
  uploadBaseUrl?: string;
}

/** The last argument of every network method. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Per attempt; the client's `timeoutMs` by default. */
  timeoutMs?: number;
  /** The client's `maxRetries` by default. */
  maxRetries?: number;
}

/**
 * With Facebook Login these options, with a Page token, are required; with Instagram Login the
 * client's own token serves (`subscribeApp("me", fields)`).
 */
export interface PageTokenOptions extends RequestOptions {
  /** A Page access token (from `/me/accounts?fields=access_token`). */
  pageAccessToken: string;
}

/** `publish`'s options. */
export interface PublishOptions extends RequestOptions {
  onProgress?: (progress: PublishProgress) => void;
  /**
   * A fixed wait between status calls. By default the first comes after 1 s and the wait doubles to
   * Meta's "once per minute" (1, 2, 4 … 60 s: at most 6 status calls in any minute).
   */
  pollIntervalMs?: number;
  /** 300000 by default. */
  pollTimeoutMs?: number;
}

/** `uploadVideo`'s options (with the video's bytes). */
export interface UploadOptions extends RequestOptions {
  onProgress?: (progress: UploadProgress) => void;
  /** 8 MiB by default. */
  chunkSize?: number;
  /** Required for a ReadableStream. */
  fileSize?: number;
}

/** `uploadVideo(containerId, { fileUrl })`: a video online that the upload host fetches itself. */
export interface HostedVideo {
  fileUrl: string;
}

/** `client.diagnose`'s parameters. */
export interface DiagnoseParams {
  /** The typed methods to check (a list or its `iter…` twin); all when omitted. */
  methods?: readonly TypedOperationName[];
  /**
   * With `appSecret` (Facebook Login): read the token through `/debug_token`. Servers only, as for
   * `appSecret` everywhere.
   */
  appId?: string;
  appSecret?: string;
  /** Instagram Login: the `permissions` of `oauth.exchangeCode`'s answer, to check them. */
  scopes?: readonly string[] | string;
  allowAppSecretInBrowser?: boolean;
}

/** `webhooks.handle`'s options. */
export interface WebhookHandlerOptions {
  /** Checks `X-Hub-Signature-256` of POSTs (with Instagram Login: the Instagram app's secret). */
  appSecret: string;
  /** Which flavour's app receives the deliveries (see `webhooks.parse`); `"facebook"` by default. */
  login?: LoginFlavour;
  /** Answers GET verification requests. */
  verifyToken?: string;
  /** Awaited before answering 200; a throw answers 500 so Meta redelivers. */
  onEvents: (delivery: WebhookDelivery) => void | Promise<void>;
  /** Told about a failed onEvents (default: console.error). */
  onError?: (error: unknown) => void;
  /** 1 MiB by default; larger deliveries answer 413. */
  maxBodyBytes?: number;
}

/** The login flavour of `webhooks.parse` and `oauth.requiredPermissions`. */
export interface LoginOptions {
  /** `"facebook"` by default. */
  login?: LoginFlavour;
}

/** The `clientOptions` of the `oauth` functions. */
export interface AppClientOptions extends RequestOptions {
  /** The Graph host: graph.facebook.com, or graph.instagram.com for `login: "instagram"` calls. */
  baseUrl?: string;
  /** The Instagram Login code-exchange host, `"https://api.instagram.com"` by default. */
  authBaseUrl?: string;
  apiVersion?: `v${number}.${number}`;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  allowAppSecretInBrowser?: boolean;
}

/** `oauth.loginUrl`'s options. */
export type LoginUrlOptions =
  | {
      login?: "facebook";
      appId: string;
      redirectUri: string;
      /** Required: checked when the user comes back (CSRF). */
      state: string;
      scopes?: readonly string[];
      configId?: string;
      apiVersion?: `v${number}.${number}`;
      responseType?: "code" | "token" | "code token" | "granted_scopes";
    }
  | {
      login: "instagram";
      appId: string;
      redirectUri: string;
      /** Required: checked when the user comes back (CSRF). */
      state: string;
      scopes?: readonly string[];
    };

/** `oauth.exchangeCode`'s parameters. */
export interface ExchangeCodeParams {
  login?: LoginFlavour;
  appId: string;
  appSecret: string;
  redirectUri: string;
  code: string;
}

/** `oauth.exchangeForLongLivedToken`'s parameters. */
export type LongLivedTokenParams =
  | {
      login?: "facebook";
      appId: string;
      appSecret: string;
      accessToken: string;
    }
  | {
      login: "instagram";
      appSecret: string;
      accessToken: string;
    };

/** `oauth.refreshLongLivedToken`'s parameters (Instagram Login). */
export interface RefreshTokenParams {
  accessToken: string;
}

/** `oauth.debugToken`'s parameters. */
export interface DebugTokenParams {
  inputToken: string;
  appId: string;
  appSecret: string;
}

/**
 * `oauth.inspectToken`'s parameters (a token starting with `IG` is an Instagram User token without
 * `login`).
 */
export type InspectTokenParams =
  | {
      login?: "facebook";
      accessToken: string;
      appId: string;
      appSecret: string;
    }
  | {
      login?: "instagram";
      accessToken: string;
      /** The `permissions` of `oauth.exchangeCode`'s answer (no call can read them back). */
      scopes?: readonly string[] | string;
    };

// </generated>

/** A Graph parameter value: arrays of strings become comma lists, objects are sent as JSON. */
export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[] | object;
export type GraphParams = { [name: string]: ParamValue };

/**
 * A field of the node `T`: its name, an expansion (`children{media_url}`) or a modifier
 * (`media.limit(5){id}`) of one of its fields, or a field Meta added that this version does not
 * list, marked as such: `"new_field" as ExtraField`.
 */
export type FieldOf<T> = T extends unknown
  ? Extract<keyof T, string> | `${Extract<keyof T, string>}{${string}}` | `${Extract<keyof T, string>}.${string}` | ExtraField
  : never;
/** The escape hatch for a field Meta added: `fields: ["id", "new_field" as ExtraField]`. */
export type ExtraField = string & { readonly __extraField: true };
/**
 * `fields`: an array of the node's field names (checked) or a comma-separated string (not
 * checked); nested expansion passes through.
 */
export type Fields<T = any> = readonly FieldOf<T>[] | string;

export interface FieldsParams<T = any> {
  fields?: Fields<T>;
}

export interface ListParams<T = any> {
  fields?: Fields<T>;
  limit?: number;
  after?: string;
  before?: string;
}

export interface TimeRangeParams {
  /** Unix time (seconds) or a strtotime-style string. */
  since?: number | string;
  until?: number | string;
}

// ---------------------------------------------------------------------------------------------
// Models (fields are present when requested)

export interface Paging {
  cursors?: { before?: string; after?: string };
  /**
   * Meta's next-page URL with its `access_token` and `appsecret_proof` removed (at every depth
   * of every result), so it is safe to log but cannot be fetched as it is: page with
   * `cursors.after` (or `iter…`/`paginate`), which carry the token for you.
   */
  next?: string;
  /** As `next`: the token and proof are removed. */
  previous?: string;
}

export interface Page<T> {
  data: T[];
  paging?: Paging;
}

// <generated from src/models.rs>
/** `BROADCAST` is live media (`/live_media`). */
export type MediaType = "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM" | "BROADCAST";

/** `LIVE` is live media (`/live_media`). */
export type MediaProductType = "AD" | "FEED" | "STORY" | "REELS" | "LIVE";

/** An Instagram Business or Creator account (`getUser`, `businessDiscovery`). */
export interface IgUser {
  id: string;
  ig_id?: number;
  username?: string;
  name?: string;
  biography?: string;
  website?: string;
  profile_picture_url?: string;
  followers_count?: number;
  follows_count?: number;
  media_count?: number;
  has_profile_pic?: boolean;
  is_published?: boolean;
  legacy_instagram_user_id?: string;
  shopping_product_tag_eligibility?: boolean;
  media?: Page<IgMedia>;
}

/** A post, reel, story, carousel or live video. */
export interface IgMedia {
  id: string;
  alt_text?: string;
  caption?: string;
  comments_count?: number;
  like_count?: number;
  is_comment_enabled?: boolean;
  is_shared_to_feed?: boolean;
  media_product_type?: MediaProductType;
  media_type?: MediaType;
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  shortcode?: string;
  timestamp?: string;
  username?: string;
  owner?: { id: string };
  children?: Page<IgMedia>;
  comments?: Page<IgComment>;
  view_count?: number;
  reposts_count?: number;
  saved_count?: number;
  shares_count?: number;
  ig_id?: string;
  legacy_instagram_media_id?: string;
  is_ai_generated?: boolean;
}

/** A comment or a reply. */
export interface IgComment {
  id: string;
  text?: string;
  username?: string;
  timestamp?: string;
  like_count?: number;
  hidden?: boolean;
  parent_id?: string;
  from?: { id: string; username: string; self_ig_scoped_id?: string };
  media?: { id: string; media_product_type?: MediaProductType };
  replies?: Page<IgComment>;
  user?: { id: string };
  legacy_instagram_comment_id?: string;
}

/** One point of a time series. */
export interface InsightValue {
  /** A number, or a map (demographics, `online_followers`). */
  value: number | { [key: string]: number };
  end_time?: string;
}

/** A breakdown of a `total_value`. */
export interface InsightBreakdown {
  dimension_keys: string[];
  results: { dimension_values: string[]; value: number }[];
}

/** One metric of `getUserInsights` / `getMediaInsights`. */
export interface InsightsResult {
  id: string;
  name: string;
  period: InsightPeriod;
  title?: string;
  description?: string;
  /** Time series (and media insights). */
  values?: InsightValue[];
  /**
   * `metric_type: "total_value"`. `value` is absent when only `breakdowns` come
   * (`follower_demographics` and the other demographics).
   */
  total_value?: { value?: number; breakdowns?: InsightBreakdown[] };
}

/** A hashtag (`searchHashtag` finds its id). */
export interface IgHashtag {
  id: string;
  name?: string;
}

/** How much of the 7-day hashtag search quota is used (`getHashtagSearchQuota`). */
export interface HashtagSearchQuota {
  /** 30: unique hashtags per account in a rolling 7 days. */
  limit: number;
  /** Hashtags searched in the last 7 days (searching one of them again costs nothing). */
  used: number;
  remaining: number;
  hashtags: IgHashtag[];
}

/** A media container (`getContainer`). */
export interface IgContainer {
  id: string;
  status_code: ContainerStatusCode;
  /** Meta's text, e.g. "Finished: Media has been uploaded and it is ready to be published." */
  status?: string;
  video_status?: { uploading_phase?: unknown; processing_phase?: unknown };
}

/** `getPublishingLimit`. */
export interface PublishingLimit {
  quota_usage: number;
  config: { quota_total: number; quota_duration: number };
}

/** A Page with its Instagram account (`listConnectedAccounts`). */
export interface ConnectedAccount {
  pageId: string;
  pageName: string | null;
  igUserId: string;
  igUsername: string | null;
}

/** A conversation of the account with one person (`listConversations`). */
export interface IgConversation {
  id: string;
  updated_time?: string;
  participants?: Page<{ id: string; username?: string }>;
  messages?: Page<IgMessage>;
}

/**
 * A message (`listMessages`, `getMessage`). Meta gives details of the 20 most recent messages of a
 * conversation.
 */
export interface IgMessage {
  id: string;
  created_time?: string;
  /** The sender: an Instagram-scoped id (IGSID), or the account. */
  from?: { id: string; username?: string };
  to?: { data: { id: string; username?: string }[] };
  /** The text (absent for an attachment only). */
  message?: string;
  attachments?: { data: MessageAttachment[] };
  /** A story mention or a reply to a story. */
  story?: { mention?: { link: string; id: string }; reply_to?: { link: string; id: string } };
  shares?: { data: { link: string; name?: string }[] };
  reactions?: { data: { reaction: string; users: { id: string; username?: string }[] }[] };
  is_unsupported?: boolean;
}

/** An attachment of a received message. */
export interface MessageAttachment {
  image_data?: { url: string; preview_url?: string; width?: number; height?: number };
  video_data?: { url: string; preview_url?: string; width?: number; height?: number };
  file_url?: string;
  name?: string;
  mime_type?: string;
  [key: string]: unknown;
}

/** What `sendMessage` and `sendPrivateReply` return. */
export interface SendMessageResult {
  message_id: string;
  /** The person's IGSID (for a private reply too). */
  recipient_id?: string;
}

/** A collaborator of a media (`listCollaborators`). */
export interface IgCollaborator {
  id: string;
  username?: string;
  /**
   * As Meta sends it: `"Accepted"`, `"Pending"`, `"Declined"` (one of Meta's samples spells it
   * `"Accpeted"`).
   */
  invite_status?: string;
}

/** A media another account invited this one to collaborate on (`listCollaborationInvites`). */
export interface CollaborationInvite {
  media_id: string;
  media_owner_username?: string;
  caption?: string;
  media_url?: string;
}

/** A product catalog the account can tag from (`listAvailableCatalogs`). */
export interface ProductCatalog {
  catalog_id: string;
  catalog_name?: string;
  product_count?: number;
  shop_name?: string;
}

/** A tag-eligible product (`searchCatalogProducts`); ids are strings even where Meta sends numbers. */
export interface CatalogProduct {
  product_id: string;
  merchant_id?: string;
  product_name?: string;
  image_url?: string;
  retailer_id?: string;
  review_status?: string;
  is_checkout_flow?: boolean;
  product_variants?: { product_id: string; variant_name?: string }[];
}

/** A product tag on a media (`listProductTags`); ids are strings even where Meta sends numbers. */
export interface ProductTag {
  product_id: string;
  merchant_id?: string;
  name?: string;
  price_string?: string;
  stripped_price_string?: string;
  stripped_sale_price_string?: string;
  image_url?: string;
  review_status?: string;
  is_checkout?: boolean;
  /** Position from the left edge, 0 to 1 (images). */
  x?: number;
  y?: number;
}

/** The `value` of a `comments` or `live_comments` webhook event. */
export interface CommentsValue {
  id: string;
  text: string;
  from: { id: string; username: string; self_ig_scoped_id?: string };
  media: { id: string; media_product_type?: MediaProductType; ad_id?: string; ad_title?: string; original_media_id?: string };
  parent_id?: string;
}

/** The `value` of a `mentions` webhook event. */
export interface MentionsValue {
  media_id: string;
  comment_id?: string;
}

/** The `value` of a `story_insights` webhook event. */
export interface StoryInsightsValue {
  media_id: string;
  exits?: number;
  replies?: number;
  reach?: number;
  taps_forward?: number;
  taps_back?: number;
  impressions?: number;
}

/** A `messaging` (or `standby`) item of a delivery: the `value` of a messaging webhook event. */
export interface MessagingItem {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message?: { mid: string; text?: string; is_echo?: boolean; attachments?: unknown[]; [k: string]: unknown };
  reaction?: { mid: string; action: "react" | "unreact"; reaction?: string; emoji?: string };
  postback?: { mid?: string; title?: string; payload?: string };
  read?: { mid: string };
  referral?: { ref?: string; source?: string; type?: string; [k: string]: unknown };
  optin?: { [k: string]: unknown };
  [key: string]: unknown;
}

/** An item of the `messaging_policy_enforcement` field (it has no `sender`). */
export interface PolicyEnforcementItem {
  recipient: { id: string };
  timestamp: number;
  policy_enforcement: { action: "warning" | "block" | "unblock" | (string & {}); reason?: string; [k: string]: unknown };
  sender?: { id: string };
  [key: string]: unknown;
}

/** A token exchange's answer (`oauth.exchangeCode`, `exchangeForLongLivedToken`, `refreshLongLivedToken`). */
export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  /** Instagram Login's code exchange: the Instagram professional account, as a string of its exact digits. */
  user_id?: string;
  /** Instagram Login's code exchange: the granted scopes. */
  permissions?: string | string[];
}

/** The `data` of `/debug_token` (`oauth.debugToken`). */
export interface DebugTokenData {
  app_id: string;
  type: "USER" | "PAGE" | "APP" | "SYSTEM_USER" | (string & {});
  is_valid: boolean;
  application?: string;
  data_access_expires_at?: number;
  expires_at?: number;
  issued_at?: number;
  scopes?: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
  user_id?: string;
  error?: { code: number; message: string; subcode?: number };
}

/** An app subscribed to a Page's webhooks (`listSubscribedApps`). */
export interface SubscribedApp {
  id: string;
  name?: string;
  subscribed_fields?: string[];
}

// </generated>

// <generated from src/endpoints/insights.rs>
export type InsightPeriod = "day" | "week" | "days_28" | "month" | "lifetime" | "total_over_range";

export type InsightMetricType = "default" | "time_series" | "total_value";

export type InsightTimeframe =
  | "this_week"
  | "this_month"
  | "last_14_days"
  | "last_30_days"
  | "last_90_days"
  | "prev_month";

/** An account metric Meta documents (`getUserInsights`). */
export type UserMetric =
  | "reach"
  | "views"
  | "accounts_engaged"
  | "total_interactions"
  | "likes"
  | "comments"
  | "shares"
  | "saves"
  | "replies"
  | "reposts"
  | "profile_links_taps"
  | "follows_and_unfollows"
  | "follower_count"
  | "online_followers"
  | "follower_demographics"
  | "engaged_audience_demographics"
  | "profile_views"
  | "website_clicks";

/** A media metric Meta documents (`getMediaInsights`). */
export type MediaMetric =
  | "views"
  | "reach"
  | "likes"
  | "comments"
  | "shares"
  | "saved"
  | "total_interactions"
  | "follows"
  | "profile_visits"
  | "profile_activity"
  | "replies"
  | "navigation"
  | "ig_reels_avg_watch_time"
  | "ig_reels_video_view_total_time"
  | "reels_skip_rate"
  | "reposts"
  | "crossposted_views"
  | "facebook_views"
  | "total_likes"
  | "total_comments"
  | "total_views"
  | "content_views";

/** A media breakdown Meta documents. */
export type MediaInsightsBreakdown =
  | "action_type"
  | "follow_type"
  | "story_navigation_action_type"
  | "surface_type"
  | (string & {});

/**
 * `getUserInsights`'s parameters: a removed metric (`impressions`, …) is refused before sending,
 * with its replacement named.
 */
export interface UserInsightsParams {
  /** A metric, a list of them, or a comma-separated string. */
  metric: UserMetric | readonly UserMetric[] | (string & {});
  period?: InsightPeriod;
  metric_type?: InsightMetricType;
  breakdown?: string | readonly string[];
  /** Demographics. Meta documents `this_week` and `this_month`; its spec also lists the older values. */
  timeframe?: InsightTimeframe;
  since?: number | string;
  until?: number | string;
}

/**
 * `getMediaInsights`'s parameters: a removed metric is refused before sending, with its replacement
 * named.
 */
export interface MediaInsightsParams {
  metric: MediaMetric | readonly MediaMetric[] | (string & {});
  /**
   * The media's `media_product_type` (from `getMedia`), when known. Not sent: with it the client
   * refuses, before sending, a metric that product type lacks (Meta would fail the whole call),
   * e.g. `ig_reels_avg_watch_time` on FEED media or `replies` on REELS.
   */
  media_product_type?: MediaProductType;
  period?: InsightPeriod;
  breakdown?: MediaInsightsBreakdown;
}

// </generated>

// <generated from src/endpoints/publishing.rs>
export type ContainerStatusCode = "EXPIRED" | "ERROR" | "FINISHED" | "IN_PROGRESS" | "PUBLISHED";

/** What a caption uses of a limit `publish` checks. */
export interface CaptionCounts {
  /** Unicode code points. */
  chars: number;
  /** `#` followed by a letter, digit or `_`. */
  hashtags: number;
  /** `@` followed by a letter, digit, `.` or `_`. */
  mentions: number;
}

/** A person tagged on an image: `x`, `y` from 0 to 1. */
export interface UserTag {
  username: string;
  x?: number;
  y?: number;
}

/**
 * Parameters of `POST /{ig-user-id}/media` (a container). Parameters Meta adds (caption add-ons
 * such as `poll_attachment`, `is_comment_prompt_used`) are accepted and sent as they are.
 */
export interface ContainerParams {
  image_url?: string;
  video_url?: string;
  media_type?: "REELS" | "STORIES" | "CAROUSEL" | "VIDEO";
  /** At most 2,200 characters, 30 hashtags and 20 @-mentions (`captionStats` counts them). */
  caption?: string;
  /** A carousel's 2 to 10 containers. */
  children?: readonly string[] | string;
  is_carousel_item?: boolean;
  location_id?: string;
  user_tags?: readonly UserTag[];
  product_tags?: readonly { product_id: string; x?: number; y?: number }[];
  /** At most 3 usernames; not on stories. */
  collaborators?: readonly string[];
  cover_url?: string;
  thumb_offset?: number;
  share_to_feed?: boolean;
  audio_name?: string;
  alt_text?: string;
  trial_params?: { graduation_strategy: "MANUAL" | "SS_PERFORMANCE" };
  is_ai_generated?: boolean;
  upload_type?: "resumable";
  [key: string]: unknown;
}

/** The members every kind of `Post` but a story shares. */
export interface SharedPostFields {
  /** At most 2,200 characters, 30 hashtags and 20 @-mentions (`captionStats` counts them). */
  caption?: string;
  location_id?: string;
  user_tags?: readonly UserTag[];
  /** At most 3 usernames. */
  collaborators?: readonly string[];
  alt_text?: string;
  is_ai_generated?: boolean;
}

/** One publication for `publish`. */
export type Post =
  | (SharedPostFields & { image_url: string; media_type?: undefined })
  | (SharedPostFields & { video_url: string; media_type?: "REELS"; cover_url?: string; thumb_offset?: number; share_to_feed?: boolean; audio_name?: string; trial_params?: { graduation_strategy: "MANUAL" | "SS_PERFORMANCE" } })
  | { media_type: "STORIES"; image_url: string; video_url?: undefined }
  | { media_type: "STORIES"; video_url: string; image_url?: undefined }
  | (SharedPostFields & { children: readonly ({ image_url: string; user_tags?: readonly UserTag[]; alt_text?: string } | { video_url: string })[] });

// </generated>

/** What a caption uses of each limit `publish` checks, counted the same way (for live form counters). */
export function captionStats(caption: string): CaptionCounts & { limits: CaptionCounts; over: ("chars" | "hashtags" | "mentions")[] };

// <generated from src/flow/mod.rs>
/**
 * What `publish` reports to `onProgress`, in order: `creating` (once per container), `processing`
 * (once per status call), `publishing`, `published`.
 */
export interface PublishProgress {
  stage: "creating" | "processing" | "publishing" | "published";
  containerId: string;
  statusCode: ContainerStatusCode | null;
  /**
   * On "processing": the status calls made for this container so far (each counts against the rate
   * limit).
   */
  statusCalls?: number;
  /** On "published": the new media's id. */
  mediaId?: string;
}

/** What `uploadVideo` reports to `onProgress`: the bytes the upload host holds. */
export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

// </generated>

// ---------------------------------------------------------------------------------------------
// Messaging (through the Page with Facebook Login, `me` with Instagram Login)

// <generated from src/endpoints/messaging.rs>
/** A quick reply button under a message (Instagram: up to 13). */
export interface QuickReply {
  content_type: "text" | (string & {});
  title: string;
  payload: string;
}

/** An attachment sent by URL (`image`, `video`, `audio`, `file`), a sticker, or a shared post. */
export interface OutgoingAttachment {
  type: "image" | "video" | "audio" | "file" | "template" | "MEDIA_SHARE" | (string & {});
  payload: { url?: string; id?: string; is_reusable?: boolean; [k: string]: unknown };
}

/** The `message` of a send: text, or an attachment (or several), and quick replies. */
export interface OutgoingMessage {
  text?: string;
  attachment?: OutgoingAttachment;
  attachments?: OutgoingAttachment[];
  quick_replies?: QuickReply[];
}

/**
 * `sendMessage`'s body, as the Send API takes it. `recipient.id` is the Instagram-scoped id (IGSID)
 * of a person who wrote to the account (webhooks and conversations give it), and the message is due
 * within 24 hours of their last message; `recipient.comment_id` makes it a private reply. A `tag`
 * without `messaging_type` is sent with `messaging_type: "MESSAGE_TAG"`.
 */
export interface SendMessageParams {
  recipient: { id: string } | { comment_id: string };
  /** Required unless `sender_action` is given. */
  message?: OutgoingMessage;
  /** `RESPONSE` (an answer within the 24-hour window), `UPDATE`, or `MESSAGE_TAG` with a `tag`. */
  messaging_type?: "RESPONSE" | "UPDATE" | "MESSAGE_TAG";
  /**
   * `HUMAN_AGENT`: a person's answer up to 7 days after the person's message (needs Meta's Human
   * Agent permission).
   */
  tag?: "HUMAN_AGENT" | (string & {});
  /** Instead of `message`: `typing_on`, `typing_off`, `mark_seen`, `react`, `unreact`. */
  sender_action?: "typing_on" | "typing_off" | "mark_seen" | "react" | "unreact" | (string & {});
  /** With `sender_action: "react"`: the message reacted to, and the reaction. */
  payload?: { message_id: string; reaction?: string };
  /** Reply to a message of the conversation (Meta shows it quoted). */
  reply_to?: { mid: string };
}

/** `listConversations`' parameters. */
export interface ConversationsParams {
  fields?: Fields<IgConversation>;
  /** Only the conversation with this person (an IGSID). */
  user_id?: string;
  /** `"instagram"` by default; with Facebook Login a Page also has `"messenger"` conversations. */
  platform?: "instagram" | "messenger";
  limit?: number;
  after?: string;
  before?: string;
}

// </generated>

// ---------------------------------------------------------------------------------------------
// Product tagging (Facebook Login)

/** A product tag to set: `x`, `y` from 0 to 1 (images; not for videos), or a bare product id. */
export type ProductTagInput = { product_id: string; x?: number; y?: number; [k: string]: unknown } | string;
/** The tags of `setProductTags`/`deleteProductTags`; `{ tags, child_index }` for a carousel's child (from 0). */
export type ProductTagsInput = readonly ProductTagInput[] | { tags: readonly ProductTagInput[]; child_index?: number };

export interface CommentsParams {
  fields?: Fields<IgComment>;
  limit?: number;
  after?: string;
  before?: string;
}

// ---------------------------------------------------------------------------------------------
// Rate limits

// <generated from src/rate_limit.rs>
/**
 * `X-App-Usage` as Meta sent it, in percent: every key is kept (the Instagram API also sends
 * `call_volume`, `cpu_time`).
 */
export interface AppUsage {
  call_count?: number;
  total_time?: number;
  total_cputime?: number;
  call_volume?: number;
  cpu_time?: number;
  [key: string]: unknown;
}

/** One entry as Meta sent it: every key is kept (a key Meta left out is absent). */
export interface BusinessUseCaseUsage {
  type?: "instagram" | "pages" | "messenger" | "ads_insights" | "ads_management" | "custom_audience" | "leadgen" | (string & {});
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  /** Minutes. */
  estimated_time_to_regain_access?: number;
  /** On the ads use cases. */
  ads_api_access_tier?: string;
  [key: string]: unknown;
}

/** The usage seen on the latest response (`client.rateLimit`). */
export interface RateLimitState {
  app?: AppUsage;
  businessUseCase?: { [businessObjectId: string]: BusinessUseCaseUsage[] };
  /** ms since the epoch. */
  updatedAt: number;
}

// </generated>

// ---------------------------------------------------------------------------------------------
// Batch

// <generated from src/endpoints/batch.rs>
/** One request of `batch`. */
export interface BatchRequest {
  method: "GET" | "POST" | "DELETE";
  /** Relative to the version, query included: `"me?fields=id"`. */
  relativeUrl: string;
  /** POST parameters, as an object or an encoded string. */
  body?: GraphParams | string;
  /** A name other items can refer to (`{result=name:$.data.*.id}`). */
  name?: string;
}

// </generated>

/** A 2xx item of a batch; `body` is the parsed JSON (`unknown` unless you say, as in `batch<IgUser>(…)`). */
export interface BatchSuccess<T = unknown> {
  status: number;
  headers: { [lowerCaseName: string]: string };
  body: T;
}

export type BatchResult<T = unknown> = BatchSuccess<T> | GraphApiError | DecodeError | TimeoutError;

// ---------------------------------------------------------------------------------------------
// The client

/** An async iterator over every item of every page. */
export class Paginator<T = unknown> implements AsyncIterableIterator<T> {
  private constructor();
  next(): Promise<IteratorResult<T, undefined>>;
  return(): Promise<IteratorResult<T, undefined>>;
  [Symbol.asyncIterator](): Paginator<T>;
  /** Optional: releases the wasm memory at once (a finished or dropped paginator is freed by the garbage collector). */
  free(): void;
}

export class InstagramClient {
  constructor(options: ClientOptions);
  /** The usage seen on the latest response; null before the first. */
  readonly rateLimit: RateLimitState | null;
  /** The API version in use. */
  readonly apiVersion: string;
  /**
   * Optional: releases the client's wasm memory at once. A client you drop is freed by the
   * garbage collector (FinalizationRegistry); calling a method after `free()` is a `TypeError`.
   */
  free(): void;

  /** The parsed JSON body, `unknown` unless you name its type: `get<IgUser>("me", …)`. */
  get<T = unknown>(path: string, params?: GraphParams, options?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, params?: GraphParams, options?: RequestOptions): Promise<T>;
  delete<T = unknown>(path: string, params?: GraphParams, options?: RequestOptions): Promise<T>;
  /** Every item of every page (`data[]`), `unknown` unless you name their type: `paginate<IgMedia>(…)`. */
  paginate<T = unknown>(path: string, params?: GraphParams, options?: RequestOptions): Paginator<T>;
  /** One result per request, in order; `T` types the bodies of the 2xx items. */
  batch<T = unknown>(requests: readonly BatchRequest[], options?: RequestOptions): Promise<BatchResult<T>[]>;
  /**
   * What the client's token can do, and why not. Facebook Login: `GET /debug_token` (when
   * `appId` and `appSecret` are given), `GET /me/permissions`, every page of `GET /me/accounts`
   * with each Page's `tasks`; Instagram Login: `GET /me?fields=user_id,username` only (no Pages,
   * no tasks; `scopes`: the permissions of the code exchange, which no call can read back).
   */
  diagnose(params?: DiagnoseParams, options?: RequestOptions): Promise<Diagnosis>;

  // <generated from src/registry.rs>
  /** `GET /{ig-user-id}`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  getUser(igUserId: string, params?: FieldsParams<IgUser>, options?: RequestOptions): Promise<IgUser>;
  /** `GET /me/accounts`. Needs pages_show_list, instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  listConnectedAccounts(params?: { fields?: Fields; limit?: number; after?: string }, options?: RequestOptions): Promise<Page<ConnectedAccount>>;
  /** Every item of every page of `listConnectedAccounts`. */
  iterConnectedAccounts(params?: { fields?: Fields; limit?: number; after?: string }, options?: RequestOptions): Paginator<ConnectedAccount>;
  /** `GET /{ig-user-id}/media`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  listUserMedia(igUserId: string, params?: ListParams<IgMedia> & TimeRangeParams, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Every item of every page of `listUserMedia`. */
  iterUserMedia(igUserId: string, params?: ListParams<IgMedia> & TimeRangeParams, options?: RequestOptions): Paginator<IgMedia>;
  /** `GET /{ig-user-id}/stories`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  listStories(igUserId: string, params?: ListParams<IgMedia>, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Every item of every page of `listStories`. */
  iterStories(igUserId: string, params?: ListParams<IgMedia>, options?: RequestOptions): Paginator<IgMedia>;
  /** `GET /{ig-user-id}/tags`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  listTags(igUserId: string, params?: ListParams<IgMedia>, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Every item of every page of `listTags`. */
  iterTags(igUserId: string, params?: ListParams<IgMedia>, options?: RequestOptions): Paginator<IgMedia>;
  /** `GET /{ig-user-id}/live_media`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  listLiveMedia(igUserId: string, params?: ListParams<IgMedia> & TimeRangeParams, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Every item of every page of `listLiveMedia`. */
  iterLiveMedia(igUserId: string, params?: ListParams<IgMedia> & TimeRangeParams, options?: RequestOptions): Paginator<IgMedia>;
  /** `GET /{ig-media-id}`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  getMedia(mediaId: string, params?: FieldsParams<IgMedia>, options?: RequestOptions): Promise<IgMedia>;
  /** `GET /{ig-media-id}/children`. Needs instagram_basic, pages_read_engagement; with Instagram Login instagram_business_basic. */
  listMediaChildren(mediaId: string, params?: FieldsParams<IgMedia>, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Who was invited to collaborate on a media, and whether they accepted (Facebook Login only: "Available for the Instagram API with Facebook Login"). `GET /{ig-media-id}/collaborators`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  listCollaborators(mediaId: string, options?: RequestOptions): Promise<Page<IgCollaborator>>;
  /** Media other accounts invited this account to collaborate on (Facebook Login only; 300 calls a day). `GET /{ig-user-id}/collaboration_invites`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  listCollaborationInvites(igUserId: string, options?: RequestOptions): Promise<Page<CollaborationInvite>>;
  /** `POST /{ig-user-id}/collaboration_invites media_id, accept`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  respondToCollaborationInvite(igUserId: string, mediaId: string, accept: boolean, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `GET /{ig-media-id}/comments`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  listComments(mediaId: string, params?: CommentsParams, options?: RequestOptions): Promise<Page<IgComment>>;
  /** Every item of every page of `listComments`. */
  iterComments(mediaId: string, params?: CommentsParams, options?: RequestOptions): Paginator<IgComment>;
  /** `GET /{ig-comment-id}`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  getComment(commentId: string, params?: FieldsParams<IgComment>, options?: RequestOptions): Promise<IgComment>;
  /** `GET /{ig-comment-id}/replies`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  listReplies(commentId: string, params?: CommentsParams, options?: RequestOptions): Promise<Page<IgComment>>;
  /** Every item of every page of `listReplies`. */
  iterReplies(commentId: string, params?: CommentsParams, options?: RequestOptions): Paginator<IgComment>;
  /** `POST /{ig-media-id}/comments message`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  createComment(mediaId: string, message: string, options?: RequestOptions): Promise<{ id: string }>;
  /** `POST /{ig-comment-id}/replies message`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  replyToComment(commentId: string, message: string, options?: RequestOptions): Promise<{ id: string }>;
  /** `POST /{ig-comment-id} hide`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  hideComment(commentId: string, hide?: boolean, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `DELETE /{ig-comment-id}`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  deleteComment(commentId: string, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `POST /{ig-media-id} comment_enabled`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  setCommentsEnabled(mediaId: string, enabled: boolean, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `POST /{ig-user-id}/mentions media_id, message, comment_id?`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  replyToMention(igUserId: string, params: { media_id: string; message: string; comment_id?: string }, options?: RequestOptions): Promise<{ id: string }>;
  /** `GET /{ig-user-id}/insights`. Needs instagram_basic, instagram_manage_insights, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_insights. */
  getUserInsights(igUserId: string, params: UserInsightsParams, options?: RequestOptions): Promise<Page<InsightsResult>>;
  /** `GET /{ig-media-id}/insights`. Needs instagram_basic, instagram_manage_insights, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_insights. */
  getMediaInsights(mediaId: string, params: MediaInsightsParams, options?: RequestOptions): Promise<Page<InsightsResult>>;
  /** The hashtag id, or null when Meta finds none. Counts toward 30 unique hashtags per 7 days. `GET /ig_hashtag_search?user_id&q`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  searchHashtag(igUserId: string, name: string, options?: RequestOptions): Promise<string | null>;
  /** `GET /{ig-hashtag-id}/top_media|recent_media?user_id`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  listHashtagMedia(hashtagId: string, igUserId: string, params: { edge: "top_media" | "recent_media"; fields?: Fields<IgMedia>; limit?: number; after?: string }, options?: RequestOptions): Promise<Page<IgMedia>>;
  /** Every item of every page of `listHashtagMedia`. */
  iterHashtagMedia(hashtagId: string, igUserId: string, params: { edge: "top_media" | "recent_media"; fields?: Fields<IgMedia>; limit?: number; after?: string }, options?: RequestOptions): Paginator<IgMedia>;
  /** `GET /{ig-user-id}/recently_searched_hashtags`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  listRecentlySearchedHashtags(igUserId: string, params?: { limit?: number; after?: string }, options?: RequestOptions): Promise<Page<IgHashtag>>;
  /** How much of the 7-day hashtag quota (30 unique hashtags) is used: `recently_searched_hashtags?limit=30`. `GET /{ig-user-id}/recently_searched_hashtags?limit=30`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  getHashtagSearchQuota(igUserId: string, options?: RequestOptions): Promise<HashtagSearchQuota>;
  /** Another Business/Creator account's public data: the inner `business_discovery` object. `GET /{ig-user-id}?fields=business_discovery.username(…){…}`. Needs instagram_basic, pages_read_engagement; not offered with Instagram Login. */
  businessDiscovery(igUserId: string, username: string, params?: { fields?: Fields<IgUser>; media?: { fields?: Fields<IgMedia>; limit?: number; after?: string; before?: string } }, options?: RequestOptions): Promise<IgUser>;
  /** `GET /{ig-user-id}?fields=mentioned_media.media_id(…){…}`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  getMentionedMedia(igUserId: string, mediaId: string, params?: FieldsParams<IgMedia>, options?: RequestOptions): Promise<IgMedia>;
  /** `GET /{ig-user-id}?fields=mentioned_comment.comment_id(…){…}`. Needs instagram_basic, instagram_manage_comments, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  getMentionedComment(igUserId: string, commentId: string, params?: FieldsParams<IgComment>, options?: RequestOptions): Promise<IgComment>;
  /** `POST /{ig-user-id}/media`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_content_publish. */
  createContainer(igUserId: string, params: ContainerParams, options?: RequestOptions): Promise<{ id: string; uri?: string; status?: string; status_code?: ContainerStatusCode }>;
  /** `GET /{ig-container-id}?fields=id,status_code,status`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_content_publish. */
  getContainer(containerId: string, params?: FieldsParams<IgContainer>, options?: RequestOptions): Promise<IgContainer>;
  /** `POST /{ig-user-id}/media_publish creation_id`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_content_publish. */
  publishContainer(igUserId: string, containerId: string, options?: RequestOptions): Promise<{ id: string }>;
  /** `GET /{ig-user-id}/content_publishing_limit`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_content_publish. */
  getPublishingLimit(igUserId: string, params?: { since?: number; fields?: Fields }, options?: RequestOptions): Promise<Page<PublishingLimit>>;
  /** Containers (a carousel's children first), polling until FINISHED, then media_publish. `POST /{ig-user-id}/media → GET /{ig-container-id} … → POST /{ig-user-id}/media_publish`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_content_publish. */
  publish(igUserId: string, post: Post, options?: PublishOptions): Promise<{ id: string; containerId: string }>;
  /** Upload to a container created with `upload_type: "resumable"`: the bytes (resumed from the host's offset), or `{ fileUrl }`, a video online that the upload host fetches (the `file_url` header; `options` then take only `RequestOptions`). `POST rupload /ig-api-upload/{version}/{ig-container-id} (bytes, or a file_url header)`. Needs instagram_basic, instagram_content_publish, pages_read_engagement; not offered with Instagram Login. */
  uploadVideo(containerId: string, data: Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | HostedVideo, options?: UploadOptions): Promise<{ success: boolean; message?: string }>;
  /** The product catalogs the account can tag products from (Facebook Login only). `GET /{ig-user-id}/available_catalogs`. Needs catalog_management, instagram_basic, instagram_shopping_tag_products, pages_read_engagement; not offered with Instagram Login. */
  listAvailableCatalogs(igUserId: string, options?: RequestOptions): Promise<Page<ProductCatalog>>;
  /** Tag-eligible products of a catalog whose name or SKU matches `q` (every product for an empty `q`). `GET /{ig-user-id}/catalog_product_search?catalog_id&q`. Needs catalog_management, instagram_basic, instagram_shopping_tag_products, pages_read_engagement; not offered with Instagram Login. */
  searchCatalogProducts(igUserId: string, catalogId: string, q: string, options?: RequestOptions): Promise<Page<CatalogProduct>>;
  /** `GET /{ig-media-id}/product_tags`. Needs ads_read, catalog_management, instagram_basic, instagram_shopping_tag_products, pages_read_engagement; not offered with Instagram Login. */
  listProductTags(mediaId: string, options?: RequestOptions): Promise<Page<ProductTag>>;
  /** Add product tags to a published media, or move them (`x`, `y` from 0 to 1, images only); `{ tags, child_index }` for a carousel's child. `POST /{ig-media-id}/product_tags updated_tags, child_index?`. Needs ads_read, catalog_management, instagram_basic, instagram_shopping_tag_products, pages_read_engagement; not offered with Instagram Login. */
  setProductTags(mediaId: string, tags: ProductTagsInput, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `DELETE /{ig-media-id}/product_tags deleted_tags, child_index?`. Needs ads_read, catalog_management, instagram_basic, instagram_shopping_tag_products, pages_read_engagement; not offered with Instagram Login. */
  deleteProductTags(mediaId: string, tags: ProductTagsInput, options?: RequestOptions): Promise<{ success: boolean }>;
  /** `POST /{page-id}/subscribed_apps subscribed_fields`. Needs pages_manage_metadata, pages_read_engagement, pages_show_list; with Instagram Login instagram_business_basic. */
  subscribeApp(pageId: string, fields: readonly WebhookField[] | string, options?: PageTokenOptions): Promise<{ success: boolean }>;
  /** `GET /{page-id}/subscribed_apps`. Needs pages_manage_metadata, pages_read_engagement, pages_show_list; with Instagram Login instagram_business_basic. */
  listSubscribedApps(pageId: string, options?: PageTokenOptions): Promise<Page<SubscribedApp>>;
  /** `DELETE /{page-id}/subscribed_apps`. Needs pages_manage_metadata, pages_read_engagement, pages_show_list; with Instagram Login instagram_business_basic. */
  unsubscribeApp(pageId: string, options?: PageTokenOptions): Promise<{ success: boolean }>;
  /** A message from the account to a person who wrote to it within 24 hours (`recipient: { id }`), or a private reply to a comment (`recipient: { comment_id }`). Facebook Login: `senderId` is the Page, with `pageAccessToken`; Instagram Login: `"me"`. Never retried. Meta's refusals carry `err.rule`. `POST /{sender-id}/messages recipient, message, messaging_type?, tag?`. Needs instagram_basic, instagram_manage_messages, pages_messaging, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_messages. */
  sendMessage(senderId: string, params: SendMessageParams, options?: PageTokenOptions): Promise<SendMessageResult>;
  /** One private message to the author of a comment: one per comment, within 7 days of it (a Live comment: during the broadcast). `POST /{sender-id}/messages recipient={comment_id}, message={text}`. Needs instagram_basic, instagram_manage_comments, pages_messaging, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_comments. */
  sendPrivateReply(senderId: string, commentId: string, text: string, options?: PageTokenOptions): Promise<SendMessageResult>;
  /** The account's conversations, most recent first (`user_id`: the one with a person). `GET /{sender-id}/conversations?platform=instagram`. Needs instagram_basic, instagram_manage_messages, pages_manage_metadata, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_messages. */
  listConversations(senderId: string, params?: ConversationsParams, options?: PageTokenOptions): Promise<Page<IgConversation>>;
  /** Every item of every page of `listConversations`. */
  iterConversations(senderId: string, params?: ConversationsParams, options?: PageTokenOptions): Paginator<IgConversation>;
  /** The messages of a conversation, newest first (Meta gives details of the 20 most recent). `GET /{conversation-id}/messages`. Needs instagram_basic, instagram_manage_messages, pages_manage_metadata, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_messages. */
  listMessages(conversationId: string, params?: ListParams<IgMessage>, options?: PageTokenOptions): Promise<Page<IgMessage>>;
  /** Every item of every page of `listMessages`. */
  iterMessages(conversationId: string, params?: ListParams<IgMessage>, options?: PageTokenOptions): Paginator<IgMessage>;
  /** `GET /{message-id}`. Needs instagram_basic, instagram_manage_messages, pages_manage_metadata, pages_read_engagement; with Instagram Login instagram_business_basic, instagram_business_manage_messages. */
  getMessage(messageId: string, params?: FieldsParams<IgMessage>, options?: PageTokenOptions): Promise<IgMessage>;
}

/** The name of a typed operation (for `oauth.requiredPermissions`). */
export type TypedOperationName = "getUser" | "listConnectedAccounts" | "iterConnectedAccounts" | "listUserMedia" | "iterUserMedia" | "listStories" | "iterStories" | "listTags" | "iterTags" | "listLiveMedia" | "iterLiveMedia" | "getMedia" | "listMediaChildren" | "listCollaborators" | "listCollaborationInvites" | "respondToCollaborationInvite" | "listComments" | "iterComments" | "getComment" | "listReplies" | "iterReplies" | "createComment" | "replyToComment" | "hideComment" | "deleteComment" | "setCommentsEnabled" | "replyToMention" | "getUserInsights" | "getMediaInsights" | "searchHashtag" | "listHashtagMedia" | "iterHashtagMedia" | "listRecentlySearchedHashtags" | "getHashtagSearchQuota" | "businessDiscovery" | "getMentionedMedia" | "getMentionedComment" | "createContainer" | "getContainer" | "publishContainer" | "getPublishingLimit" | "publish" | "uploadVideo" | "listAvailableCatalogs" | "searchCatalogProducts" | "listProductTags" | "setProductTags" | "deleteProductTags" | "subscribeApp" | "listSubscribedApps" | "unsubscribeApp" | "sendMessage" | "sendPrivateReply" | "listConversations" | "iterConversations" | "listMessages" | "iterMessages" | "getMessage";
// </generated>

// ---------------------------------------------------------------------------------------------
// Errors

// <generated from src/error.rs>
/** The `rule` of a `GraphApiError` Meta's messaging platform answered with (README: "Messaging errors"). */
export type MessagingRule =
  | "outside_window"
  | "private_reply"
  | "user_unavailable"
  | "tag_misuse"
  | "rate_limit"
  | "restricted";

/** The base class of every error the package throws (bad arguments throw `TypeError`). */
export class InstagramError extends Error {}
/** The Graph API answered with an error object (or a non-2xx status). */
export class GraphApiError extends InstagramError {
  /** HTTP status. */
  status: number;
  /** Meta's `code` (null when the body was not a Graph error). */
  code: number | null;
  /** Meta's `error_subcode`. */
  subcode: number | null;
  /** Meta's `type` (`OAuthException`, …). */
  type: string | null;
  fbtraceId: string | null;
  /** Meta's `error_user_title`: show it to a person. */
  userTitle: string | null;
  /** Meta's `error_user_msg`: show it to a person. */
  userMessage: string | null;
  isTransient: boolean | null;
  /**
   * The messaging rule Meta's code/subcode mean (`"outside_window"`: the 24-hour window,
   * `"private_reply"`: one per comment within 7 days, …; README: "Messaging errors"), else null.
   */
  rule: MessagingRule | null;
  /** The error body as JSON (secrets redacted). */
  body: unknown;
}
/** Token invalid, expired or its session ended (codes 190, 102). */
export class AuthError extends GraphApiError {}
/** A permission is missing (codes 10, 200–299). */
export class PermissionError extends GraphApiError {
  /** The typed method that was refused (`getMediaInsights`); null for `get`/`post`/`batch`/`paginate`. */
  operation: string | null;
  /**
   * Every permission that method needs in the client's login flavour (`oauth.requiredPermissions`);
   * null with `operation`. `client.diagnose()` tells which the token lacks.
   */
  requiredPermissions: string[] | null;
}
/** A rate limit (codes 4, 17, 32, 341, 613, 80001, 80002, 80006). */
export class RateLimitError extends GraphApiError {
  /** How long Meta says to wait; null when it gives no time. */
  retryAfterMs: number | null;
}
/** fetch rejected: the request got no HTTP response. */
export class ConnectionError extends InstagramError {
  /**
   * What `fetch` (or reading the response) threw, as a plain `Error` chain with the same `name`,
   * redacted `message` and `code` (the original may carry the URL, token included, in any
   * property).
   */
  cause?: unknown;
}
/**
 * An attempt took longer than `timeoutMs`; a batch item Meta left `null`; or (`containerId`) a
 * container still not FINISHED after `publish`'s `pollTimeoutMs`.
 */
export class TimeoutError extends ConnectionError {
  timeoutMs?: number;
  /** `publish`: the container that was still processing. */
  containerId?: string;
  /** `publish`: its last `status_code`. */
  statusCode?: ContainerStatusCode;
}
/** The caller's AbortSignal fired. */
export class AbortError extends InstagramError {
  /** `signal.reason`. */
  cause: unknown;
}
/** A 2xx body that is not the JSON the operation promises. */
export class DecodeError extends InstagramError {
  /** Where in the body (`data`, `paging.cursors.after`; empty for the root). */
  path: string;
}
/** A container ended in ERROR or EXPIRED during `publish`. */
export class PublishError extends InstagramError {
  containerId: string;
  statusCode: "ERROR" | "EXPIRED";
  /** Meta's status text, e.g. "Error: Media upload has failed with error code 2207052". */
  status: string;
}
// </generated>

// ---------------------------------------------------------------------------------------------
// Webhooks

// <generated from src/webhook.rs>
/** A `changes` field of the `instagram` object, or the messaging field that produced an item. */
export type WebhookField =
  | "comments"
  | "live_comments"
  | "mentions"
  | "story_insights"
  | "messages"
  | "message_echoes"
  | "messaging_policy_enforcement"
  | "message_edit"
  | "message_reactions"
  | "messaging_postbacks"
  | "messaging_seen"
  | "messaging_referral"
  | "messaging_optins"
  | "messaging_handover"
  | "standby"
  | "messaging"
  | (string & {});

/** One update of an entry: `value` is narrowed by `field`. */
export type WebhookEvent =
  | { field: "comments" | "live_comments"; value: CommentsValue }
  | { field: "mentions"; value: MentionsValue }
  | { field: "story_insights"; value: StoryInsightsValue }
  | { field: "messages" | "message_echoes" | "message_edit" | "message_reactions" | "messaging_postbacks" | "messaging_seen" | "messaging_referral" | "messaging_optins" | "messaging_handover" | "standby" | "messaging"; value: MessagingItem }
  | { field: "messaging_policy_enforcement"; value: PolicyEnforcementItem }
  | { field: "messages" | "message_echoes" | "message_edit" | "message_reactions" | "messaging_postbacks" | "messaging_seen" | "messaging_referral" | "messaging_optins" | "messaging_handover" | "standby" | "messaging"; value: MessagingItem }
  | { field: UnknownWebhookField; value: unknown };

/** One webhook POST (`webhooks.parse`, `onEvents`). */
export interface WebhookDelivery {
  object: "instagram" | (string & {});
  entries: WebhookEntry[];
}

/** The updates for one account. */
export interface WebhookEntry {
  /** The Instagram account (or Page) id. */
  id: string;
  /** Milliseconds since the epoch (Meta sends seconds in `changes`, ms in `messaging`). */
  time: number;
  events: WebhookEvent[];
}

// </generated>

declare const unknownWebhookField: unique symbol;
/**
 * A `field` this version of the package does not know (Meta adds fields). At run time it is the
 * string Meta sent; it is typed apart from every string so that `event.field === "comments"`
 * narrows `value` exactly (TypeScript cannot narrow a union that also holds `field: string`).
 * Read an unknown one with `String(event.field)`, or compare `(event.field as unknown) === "new_field"`.
 */
export type UnknownWebhookField = typeof unknownWebhookField;

export type RawBody = Uint8Array | ArrayBuffer | ArrayBufferView | string;

export declare const webhooks: {
  /** The `hub.challenge` to answer, or null. */
  verifySubscription(query: URL | URLSearchParams | string | Record<string, string | undefined>, verifyToken: string): string | null;
  /** Constant-time check of `sha256=<hex>` over the raw body; false for a missing or malformed header. */
  verifySignature(rawBody: RawBody, signatureHeader: string | null | undefined, appSecret: string): boolean;
  /** `sha256=<hex>` for a body: for your own tests. */
  sign(rawBody: RawBody, appSecret: string): string;
  /** Throws DecodeError on malformed JSON. `login: "instagram"` for deliveries to an Instagram Login app (its echoes are `message_echoes` events; with Facebook Login they are `messages`). */
  parse(rawBody: RawBody, options?: LoginOptions): WebhookDelivery;
  /** GET → verification (200/403); POST → signature (401), size (413), JSON (400), onEvents (200/500); else 405. */
  handle(request: Request, options: WebhookHandlerOptions): Promise<Response>;
};

// ---------------------------------------------------------------------------------------------
// OAuth (both login flavours) and diagnose

// <generated from src/endpoints/oauth.rs>
/**
 * The token's (`inspectToken` and `diagnose`): `invalid`, `expired`, `page_token`, `system_user`,
 * `app_token`, `wrong_app`, `mixed_scopes`. `diagnose` adds: `not_offered` (a method asked for that
 * the flavour lacks), `scope_declined`, `scope_expired`, `missing_scope`, `no_connected_account`
 * (no Page with an Instagram Business or Creator account), `missing_tasks` (the user's Page tasks
 * do not include what a permission needs: Meta's Tasks → permissions table), `app_review` (App
 * Review needed in Live Mode).
 */
export type TokenProblemCode =
  | "invalid"
  | "expired"
  | "page_token"
  | "system_user"
  | "app_token"
  | "wrong_app"
  | "mixed_scopes"
  | "not_offered"
  | "scope_declined"
  | "scope_expired"
  | "missing_scope"
  | "no_connected_account"
  | "missing_tasks"
  | "app_review";

/** What a token is. */
export type TokenKind = "user" | "page" | "system_user" | "app" | "instagram_user" | "unknown";

/** A problem of a token (`inspectToken`) or of what a client can do (`diagnose`), with what to do. */
export interface TokenProblem {
  code: TokenProblemCode | (string & {});
  /** What is wrong and what to do, for a person. */
  message: string;
}

/** `oauth.inspectToken`'s answer. */
export interface TokenInspection {
  valid: boolean;
  kind: TokenKind;
  login: LoginFlavour;
  appId: string | null;
  userId: string | null;
  scopes: string[];
  /** Epoch milliseconds; null when the token never expires. */
  expiresAt: number | null;
  /** Epoch milliseconds; null when Meta gives none. */
  dataAccessExpiresAt: number | null;
  problems: TokenProblem[];
  /**
   * What Meta does not let this package read of the token, and where to find it instead (Instagram
   * User tokens; without the app secret in `diagnose`).
   */
  unknown: string[];
}

// </generated>

// <generated from src/diagnose.rs>
/** A Page the user can perform tasks on (Facebook Login), or the account (Instagram Login). */
export interface DiagnosedAccount {
  /** `null` with Instagram Login. */
  pageId: string | null;
  pageName: string | null;
  /** The Instagram professional account connected to the Page; `null`: none. */
  igUserId: string | null;
  igUsername: string | null;
  /**
   * The Page tasks the user holds (`MANAGE`, `CREATE_CONTENT`, `MODERATE`, `ADVERTISE`, `ANALYZE`,
   * …); `null` with Instagram Login.
   */
  tasks: string[] | null;
}

/** What one typed method needs that the token lacks. */
export interface MethodCheck {
  /** Nothing known stands in the way. */
  ok: boolean;
  /** The client's login flavour offers it. */
  offered: boolean;
  /** Permissions it needs that the token does not hold. */
  missingScopes: string[];
  /**
   * Page tasks of which the user holds none on any Page with an Instagram account, while a
   * permission it needs requires one of them.
   */
  missingTasks: string[];
  /** Permissions it needs that could not be checked (Instagram Login without `scopes`). */
  uncheckedScopes: string[];
}

/** `client.diagnose`'s answer. */
export interface Diagnosis {
  token: TokenInspection;
  accounts: DiagnosedAccount[];
  /** Keyed by method name, in the order asked. */
  methods: Partial<Record<TypedOperationName, MethodCheck>>;
  /** The token's problems first, then the rest; each with what to do. */
  problems: TokenProblem[];
}

// </generated>

export declare const oauth: {
  /**
   * `https://www.facebook.com/{version}/dialog/oauth?…`, or with `login: "instagram"`
   * `https://www.instagram.com/oauth/authorize?…`; `state` is required (CSRF). Scopes of the
   * other flavour, or a mix of the two sets, are a TypeError (Meta refuses the dialog).
   */
  loginUrl(options: LoginUrlOptions): string;
  /** Facebook Login: `GET /oauth/access_token`; Instagram Login: `POST https://api.instagram.com/oauth/access_token` (a form). */
  exchangeCode(params: ExchangeCodeParams, clientOptions?: AppClientOptions): Promise<TokenResponse>;
  /** Facebook Login: `fb_exchange_token`; Instagram Login: `GET graph.instagram.com/access_token?grant_type=ig_exchange_token`. */
  exchangeForLongLivedToken(params: LongLivedTokenParams, clientOptions?: AppClientOptions): Promise<TokenResponse>;
  /** Instagram Login only: `GET graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token` (a long-lived token at least 24 h old). */
  refreshLongLivedToken(params: RefreshTokenParams, clientOptions?: AppClientOptions): Promise<TokenResponse>;
  debugToken(params: DebugTokenParams, clientOptions?: AppClientOptions): Promise<DebugTokenData>;
  /**
   * What a token is and what is wrong with it, in words: a Facebook Login token through
   * `/debug_token`; an Instagram User token (`login: "instagram"`, or a token starting with `IG`)
   * through `GET graph.instagram.com/me?fields=user_id,username`, which tells its validity and
   * account only (`unknown` says what it cannot tell; `scopes`: those of the code exchange).
   */
  inspectToken(params: InspectTokenParams, clientOptions?: AppClientOptions): Promise<TokenInspection>;
  /** The permissions a method needs in a flavour (Facebook Login by default); a TypeError for a method the flavour does not offer. */
  requiredPermissions(methodName: TypedOperationName, options?: LoginOptions): string[];
};
