// Data as Meta sends it (issue 12): every literal below must type-check under `tsc --strict`
// against the package's types, excess-property checks included. Each shape names its source.
import type {
  IgMedia, InsightsResult, WebhookEvent, BusinessUseCaseUsage, RateLimitState, ContainerParams, Page,
  HashtagSearchQuota, IgComment, InstagramClient, UserInsightsParams, MediaInsightsParams, CommentsValue,
  PolicyEnforcementItem,
} from "instagram-graph-wasm";

// Live media: `GET /{ig-user-id}/live_media` answers media_type BROADCAST and
// media_product_type LIVE (developers.facebook.com/docs/instagram-platform/instagram-graph-api/
// reference/ig-user/live_media; IG Media reference, `media_type` and `media_product_type`).
export const live: Page<IgMedia> = {
  data: [{ id: "17888888888888888", media_type: "BROADCAST", media_product_type: "LIVE", timestamp: "2026-11-20T18:00:00+0000" }],
};

// `follower_demographics` (metric_type=total_value, a breakdown): `total_value` carries only
// `breakdowns`, no `value` (IG User Insights reference, developers.facebook.com/docs/
// instagram-platform/api-reference/instagram-user/insights, follower_demographics example).
export const demographics: InsightsResult = {
  name: "follower_demographics",
  period: "lifetime",
  title: "Follower demographics",
  description: "The demographic characteristics of followers, including countries, cities and gender distribution.",
  total_value: {
    breakdowns: [{ dimension_keys: ["country"], results: [{ dimension_values: ["US"], value: 4 }, { dimension_values: ["MX"], value: 1 }] }],
  },
  id: "17841405822304914/insights/follower_demographics/lifetime",
};

// A `comments` webhook on an ad: `media` carries `ad_id`, `ad_title` and `original_media_id`
// (Graph API webhooks reference for the `instagram` object, FBInstagramCommentsField →
// IGCommentMedia: developers.facebook.com/docs/graph-api/webhooks/reference/instagram).
export const adCommentValue: CommentsValue = {
  id: "17865799348089039",
  text: "Where can I buy this?",
  from: { id: "1234567890123456", username: "a_shopper", self_ig_scoped_id: "2105722729836161" },
  media: { id: "18172143295349192", media_product_type: "AD", ad_id: "23850000000000000", ad_title: "Autumn sale", original_media_id: "18000000000000000" },
};
export const adComment: WebhookEvent = { field: "comments", value: adCommentValue };

// A messaging_policy_enforcement item has no sender (Messenger Platform webhook reference,
// messaging_policy_enforcement example).
export const policyItem: PolicyEnforcementItem = {
  recipient: { id: "17841405822304914" }, timestamp: 1458692752478, policy_enforcement: { action: "block", reason: "The bot violated our Platform Policies" },
};
export const policy: WebhookEvent = { field: "messaging_policy_enforcement", value: policyItem };

// BUC entries keep every key Meta sends: `ads_api_access_tier` on the ads use cases
// (developers.facebook.com/docs/graph-api/overview/rate-limiting), an entry without a
// percentage, keys Meta may add.
export const bucAds: BusinessUseCaseUsage = {
  type: "ads_management", call_count: 4, total_cputime: 1, total_time: 2, estimated_time_to_regain_access: 0, ads_api_access_tier: "standard_access",
};
export const state: RateLimitState = {
  businessUseCase: { "17841405822304914": [{ type: "instagram", call_count: 7 }, { type: "instagram", call_count: 9, total_time: 5, some_new_key: { a: 1 } }] },
  updatedAt: 1700000000000,
};

// Container parameters Meta added after the types were written pass through.
export const pollPost: ContainerParams = {
  image_url: "https://example.com/a.jpg",
  caption: "Which one?",
  poll_attachment: { question: "Which one?", options: ["A", "B"] },
  is_comment_prompt_used: true,
};

// Insights: the metrics Meta still answers, every timeframe the client accepts, and the
// client-side product-type hint.
export const profileViews: UserInsightsParams = { metric: ["profile_views", "website_clicks"], period: "day", metric_type: "total_value" };
export const lastWeeks: UserInsightsParams = { metric: "follower_demographics", period: "lifetime", timeframe: "last_30_days", breakdown: "country" };
export const reel: MediaInsightsParams = { metric: ["views", "ig_reels_avg_watch_time"], media_product_type: "REELS" };

// Paging URLs come back without the token: they are plain strings to log, not to fetch.
export const page: Page<IgMedia> = {
  data: [],
  paging: { cursors: { after: "QVFIUk" }, next: "https://graph.facebook.com/v27.0/17841405822304914/media?limit=25&after=QVFIUk" },
};

export async function reads(ig: InstagramClient): Promise<void> {
  const c: IgComment = await ig.getComment("17870913679156914", { fields: ["id", "text", "from{id,username}"] });
  const q: HashtagSearchQuota = await ig.getHashtagSearchQuota("17841405822304914");
  const left: number = q.remaining;
  console.log(c.text, left, q.hashtags.map((h) => h.id));
}
