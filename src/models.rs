//! Typed models of what users read: serde structs for Rust users of the core, and the
//! TypeScript interfaces of `index.d.ts` ([`typescript`]), from one declaration each.
//!
//! Fields are present when requested, so every field but the few Meta always sends is
//! optional. Unknown fields pass through untouched (`extra`: Meta adds fields), ids are strings,
//! counts are integers kept exact (`u64`); values whose shape varies stay JSON.
//!
//! NB: the wasm package does not build these: bodies go to JS as the engine's own `JSON.parse`
//! made them (see `flow::Body`), which is what the interfaces describe.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A Graph list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub data: Vec<T>,
    /// Cursors and the next/previous URLs (their token removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Value>,
}

macro_rules! models {
    ($( $(#[doc = $doc:literal])* $name:ident $([$open:ident])? {
        $( $(#[doc = $fdoc:literal])* $field:ident : $rust:ty = $ts:literal, )*
        | $( $(#[doc = $odoc:literal])* $ofield:ident : $orust:ty = $ots:literal, )*
    } )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[allow(non_snake_case)]
            pub struct $name {
                $( #[doc = concat!("`", stringify!($field), "`: `", $ts, "`.")] $(#[doc = $fdoc])* pub $field: $rust, )*
                $( #[doc = concat!("`", stringify!($ofield), "`: `", $ots, "`, when requested.")] $(#[doc = $odoc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $ofield: Option<$orust>, )*
                /// Fields this client does not know yet, as Meta sent them.
                #[serde(flatten)]
                pub extra: Map<String, Value>,
            }
        )*

        /// The TypeScript interfaces of the models (open ones take the members Meta adds).
        #[cfg(not(target_arch = "wasm32"))]
        pub(crate) const MODELS: &[crate::typescript::Interface] = &[$(
            crate::typescript::Interface {
                doc: concat!($($doc),*),
                name: stringify!($name),
                extends: None,
                members: &[
                    $( crate::typescript::Member { name: stringify!($field), ts: $ts, doc: concat!($($fdoc),*) }, )*
                    $( crate::typescript::Member { name: stringify!($ofield), ts: concat!("?", $ots), doc: concat!($($odoc),*) }, )*
                ],
                open: models!(@open $($open)?),
            },
        )*];
    };
    (@open) => { false };
    (@open open) => { true };
}

/// `media_type`'s values. `BROADCAST` is live media (`/live_media`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const MEDIA_TYPES: &[&str] = &["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "BROADCAST"];
/// `media_product_type`'s values (`LIVE` is live media); the insights check reads the type a
/// caller gives against them.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const MEDIA_PRODUCT_TYPES: &[&str] = &["AD", "FEED", "STORY", "REELS", "LIVE"];

/// The TypeScript of the models: their value types, then their interfaces.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    use crate::typescript::string_union;
    let mut out = string_union("`BROADCAST` is live media (`/live_media`).", "MediaType", MEDIA_TYPES.iter().copied(), false);
    out.push_str(&string_union("`LIVE` is live media (`/live_media`).", "MediaProductType", MEDIA_PRODUCT_TYPES.iter().copied(), false));
    out.push_str(&crate::typescript::declare(MODELS));
    out
}

models! {
    #[doc = "An Instagram Business or Creator account (`getUser`, `businessDiscovery`)."]
    IgUser {
        id: String = "string",
        |
        ig_id: u64 = "number",
        username: String = "string",
        name: String = "string",
        biography: String = "string",
        website: String = "string",
        profile_picture_url: String = "string",
        followers_count: u64 = "number",
        follows_count: u64 = "number",
        media_count: u64 = "number",
        has_profile_pic: bool = "boolean",
        is_published: bool = "boolean",
        legacy_instagram_user_id: String = "string",
        shopping_product_tag_eligibility: bool = "boolean",
        media: Page<IgMedia> = "Page<IgMedia>",
    }

    #[doc = "A post, reel, story, carousel or live video."]
    IgMedia {
        id: String = "string",
        |
        alt_text: String = "string",
        caption: String = "string",
        comments_count: u64 = "number",
        like_count: u64 = "number",
        is_comment_enabled: bool = "boolean",
        is_shared_to_feed: bool = "boolean",
        media_product_type: String = "MediaProductType",
        media_type: String = "MediaType",
        media_url: String = "string",
        thumbnail_url: String = "string",
        permalink: String = "string",
        shortcode: String = "string",
        timestamp: String = "string",
        username: String = "string",
        owner: Value = "{ id: string }",
        children: Page<IgMedia> = "Page<IgMedia>",
        comments: Page<IgComment> = "Page<IgComment>",
        view_count: u64 = "number",
        reposts_count: u64 = "number",
        saved_count: u64 = "number",
        shares_count: u64 = "number",
        ig_id: String = "string",
        legacy_instagram_media_id: String = "string",
        is_ai_generated: bool = "boolean",
    }

    #[doc = "A comment or a reply."]
    IgComment {
        id: String = "string",
        |
        text: String = "string",
        username: String = "string",
        timestamp: String = "string",
        like_count: u64 = "number",
        hidden: bool = "boolean",
        parent_id: String = "string",
        from: Value = "{ id: string; username: string; self_ig_scoped_id?: string }",
        media: Value = "{ id: string; media_product_type?: MediaProductType }",
        replies: Page<IgComment> = "Page<IgComment>",
        user: Value = "{ id: string }",
        legacy_instagram_comment_id: String = "string",
    }

    #[doc = "One point of a time series."]
    InsightValue {
        #[doc = "A number, or a map (demographics, `online_followers`)."]
        value: Value = "number | { [key: string]: number }",
        |
        end_time: String = "string",
    }

    #[doc = "A breakdown of a `total_value`."]
    InsightBreakdown {
        dimension_keys: Vec<String> = "string[]",
        results: Vec<Value> = "{ dimension_values: string[]; value: number }[]",
        |
    }

    #[doc = "One metric of `getUserInsights` / `getMediaInsights`."]
    InsightsResult {
        id: String = "string",
        name: String = "string",
        period: String = "InsightPeriod",
        |
        title: String = "string",
        description: String = "string",
        #[doc = "Time series (and media insights)."]
        values: Vec<InsightValue> = "InsightValue[]",
        #[doc = "`metric_type: \"total_value\"`. `value` is absent when only `breakdowns` come (`follower_demographics` and the other demographics)."]
        total_value: Value = "{ value?: number; breakdowns?: InsightBreakdown[] }",
    }

    #[doc = "A hashtag (`searchHashtag` finds its id)."]
    IgHashtag {
        id: String = "string",
        |
        name: String = "string",
    }

    #[doc = "How much of the 7-day hashtag search quota is used (`getHashtagSearchQuota`)."]
    HashtagSearchQuota {
        #[doc = "30: unique hashtags per account in a rolling 7 days."]
        limit: u64 = "number",
        #[doc = "Hashtags searched in the last 7 days (searching one of them again costs nothing)."]
        used: u64 = "number",
        remaining: u64 = "number",
        hashtags: Vec<IgHashtag> = "IgHashtag[]",
        |
    }

    #[doc = "A media container (`getContainer`)."]
    IgContainer {
        id: String = "string",
        status_code: String = "ContainerStatusCode",
        |
        #[doc = "Meta's text, e.g. \"Finished: Media has been uploaded and it is ready to be published.\""]
        status: String = "string",
        video_status: Value = "{ uploading_phase?: unknown; processing_phase?: unknown }",
    }

    #[doc = "`getPublishingLimit`."]
    PublishingLimit {
        quota_usage: u64 = "number",
        config: Value = "{ quota_total: number; quota_duration: number }",
        |
    }

    #[doc = "A Page with its Instagram account (`listConnectedAccounts`)."]
    ConnectedAccount {
        pageId: String = "string",
        pageName: Option<String> = "string | null",
        igUserId: String = "string",
        igUsername: Option<String> = "string | null",
        |
    }

    #[doc = "A conversation of the account with one person (`listConversations`)."]
    IgConversation {
        id: String = "string",
        |
        updated_time: String = "string",
        participants: Page<Value> = "Page<{ id: string; username?: string }>",
        messages: Page<IgMessage> = "Page<IgMessage>",
    }

    #[doc = "A message (`listMessages`, `getMessage`). Meta gives details of the 20 most recent messages of a conversation."]
    IgMessage {
        id: String = "string",
        |
        created_time: String = "string",
        #[doc = "The sender: an Instagram-scoped id (IGSID), or the account."]
        from: Value = "{ id: string; username?: string }",
        to: Value = "{ data: { id: string; username?: string }[] }",
        #[doc = "The text (absent for an attachment only)."]
        message: String = "string",
        attachments: Value = "{ data: MessageAttachment[] }",
        #[doc = "A story mention or a reply to a story."]
        story: Value = "{ mention?: { link: string; id: string }; reply_to?: { link: string; id: string } }",
        shares: Value = "{ data: { link: string; name?: string }[] }",
        reactions: Value = "{ data: { reaction: string; users: { id: string; username?: string }[] }[] }",
        is_unsupported: bool = "boolean",
    }

    #[doc = "An attachment of a received message."]
    MessageAttachment [open] {
        |
        image_data: Value = "{ url: string; preview_url?: string; width?: number; height?: number }",
        video_data: Value = "{ url: string; preview_url?: string; width?: number; height?: number }",
        file_url: String = "string",
        name: String = "string",
        mime_type: String = "string",
    }

    #[doc = "What `sendMessage` and `sendPrivateReply` return."]
    SendMessageResult {
        message_id: String = "string",
        |
        #[doc = "The person's IGSID (for a private reply too)."]
        recipient_id: String = "string",
    }

    #[doc = "A collaborator of a media (`listCollaborators`)."]
    IgCollaborator {
        id: String = "string",
        |
        username: String = "string",
        #[doc = "As Meta sends it: `\"Accepted\"`, `\"Pending\"`, `\"Declined\"` (one of Meta's samples spells it `\"Accpeted\"`)."]
        invite_status: String = "string",
    }

    #[doc = "A media another account invited this one to collaborate on (`listCollaborationInvites`)."]
    CollaborationInvite {
        media_id: String = "string",
        |
        media_owner_username: String = "string",
        caption: String = "string",
        media_url: String = "string",
    }

    #[doc = "A product catalog the account can tag from (`listAvailableCatalogs`)."]
    ProductCatalog {
        catalog_id: String = "string",
        |
        catalog_name: String = "string",
        product_count: u64 = "number",
        shop_name: String = "string",
    }

    #[doc = "A tag-eligible product (`searchCatalogProducts`); ids are strings even where Meta sends numbers."]
    CatalogProduct {
        product_id: String = "string",
        |
        merchant_id: String = "string",
        product_name: String = "string",
        image_url: String = "string",
        retailer_id: String = "string",
        review_status: String = "string",
        is_checkout_flow: bool = "boolean",
        product_variants: Vec<Value> = "{ product_id: string; variant_name?: string }[]",
    }

    #[doc = "A product tag on a media (`listProductTags`); ids are strings even where Meta sends numbers."]
    ProductTag {
        product_id: String = "string",
        |
        merchant_id: String = "string",
        name: String = "string",
        price_string: String = "string",
        stripped_price_string: String = "string",
        stripped_sale_price_string: String = "string",
        image_url: String = "string",
        review_status: String = "string",
        is_checkout: bool = "boolean",
        #[doc = "Position from the left edge, 0 to 1 (images)."]
        x: f64 = "number",
        y: f64 = "number",
    }

    #[doc = "The `value` of a `comments` or `live_comments` webhook event."]
    CommentsValue {
        id: String = "string",
        text: String = "string",
        from: Value = "{ id: string; username: string; self_ig_scoped_id?: string }",
        media: Value = "{ id: string; media_product_type?: MediaProductType; ad_id?: string; ad_title?: string; original_media_id?: string }",
        |
        parent_id: String = "string",
    }

    #[doc = "The `value` of a `mentions` webhook event."]
    MentionsValue {
        media_id: String = "string",
        |
        comment_id: String = "string",
    }

    #[doc = "The `value` of a `story_insights` webhook event."]
    StoryInsightsValue {
        media_id: String = "string",
        |
        exits: u64 = "number",
        replies: u64 = "number",
        reach: u64 = "number",
        taps_forward: u64 = "number",
        taps_back: u64 = "number",
        impressions: u64 = "number",
    }

    #[doc = "A `messaging` (or `standby`) item of a delivery: the `value` of a messaging webhook event."]
    MessagingItem [open] {
        sender: Value = "{ id: string }",
        recipient: Value = "{ id: string }",
        timestamp: u64 = "number",
        |
        message: Value = "{ mid: string; text?: string; is_echo?: boolean; attachments?: unknown[]; [k: string]: unknown }",
        reaction: Value = "{ mid: string; action: \"react\" | \"unreact\"; reaction?: string; emoji?: string }",
        postback: Value = "{ mid?: string; title?: string; payload?: string }",
        read: Value = "{ mid: string }",
        referral: Value = "{ ref?: string; source?: string; type?: string; [k: string]: unknown }",
        optin: Value = "{ [k: string]: unknown }",
    }

    #[doc = "An item of the `messaging_policy_enforcement` field (it has no `sender`)."]
    PolicyEnforcementItem [open] {
        recipient: Value = "{ id: string }",
        timestamp: u64 = "number",
        policy_enforcement: Value = "{ action: \"warning\" | \"block\" | \"unblock\" | (string & {}); reason?: string; [k: string]: unknown }",
        |
        sender: Value = "{ id: string }",
    }

    #[doc = "A token exchange's answer (`oauth.exchangeCode`, `exchangeForLongLivedToken`, `refreshLongLivedToken`)."]
    TokenResponse {
        access_token: String = "string",
        |
        token_type: String = "string",
        expires_in: u64 = "number",
        #[doc = "Instagram Login's code exchange: the Instagram professional account, as a string of its exact digits."]
        user_id: String = "string",
        #[doc = "Instagram Login's code exchange: the granted scopes."]
        permissions: Value = "string | string[]",
    }

    #[doc = "The `data` of `/debug_token` (`oauth.debugToken`)."]
    DebugTokenData {
        app_id: String = "string",
        r#type: String = "\"USER\" | \"PAGE\" | \"APP\" | \"SYSTEM_USER\" | (string & {})",
        is_valid: bool = "boolean",
        |
        application: String = "string",
        data_access_expires_at: u64 = "number",
        expires_at: u64 = "number",
        issued_at: u64 = "number",
        scopes: Vec<String> = "string[]",
        granular_scopes: Vec<Value> = "{ scope: string; target_ids?: string[] }[]",
        user_id: String = "string",
        error: Value = "{ code: number; message: string; subcode?: number }",
    }

    #[doc = "An app subscribed to a Page's webhooks (`listSubscribedApps`)."]
    SubscribedApp {
        id: String = "string",
        |
        name: String = "string",
        subscribed_fields: Vec<String> = "string[]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_pass_through_and_ids_stay_strings() {
        let body = json!({"id": "17841405822304914", "username": "sandbox.coffee", "followers_count": 18446744073709551615u64, "new_field": {"x": 1}});
        let user: IgUser = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(user.id, "17841405822304914");
        assert_eq!(user.followers_count, Some(u64::MAX), "counts are exact");
        assert_eq!(user.extra.get("new_field"), Some(&json!({"x": 1})));
        assert_eq!(serde_json::to_value(&user).unwrap(), body, "what was read is written back unchanged");
        let page: Page<IgMedia> =
            serde_json::from_value(json!({"data": [{"id": "1", "media_type": "BROADCAST"}], "paging": {"cursors": {"after": "A"}}}))
                .unwrap();
        assert_eq!(page.data[0].media_type.as_deref(), Some("BROADCAST"));
    }

    #[test]
    fn insights_with_only_breakdowns_are_read() {
        let r: InsightsResult = serde_json::from_value(json!({
            "id": "1/insights/follower_demographics/lifetime", "name": "follower_demographics", "period": "lifetime",
            "total_value": {"breakdowns": [{"dimension_keys": ["country"], "results": [{"dimension_values": ["BR"], "value": 7}]}]}
        }))
        .unwrap();
        assert!(r.values.is_none() && r.total_value.is_some());
    }
}
