//! The typed operations of API.md beyond the first few (client.rs): comments and mentions,
//! insights, hashtags, business discovery, containers and publishing limits, webhook
//! subscriptions. Each is one line over a core operation.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{params_json, with_id, InstagramClient, REQUEST_OPTIONS};
use super::convert::{string_arg, to_json, Bag};
use super::paginator::Paginator;
use crate::endpoints::{comments, discovery, hashtags, insights, publishing, subscriptions, Operation};
use crate::error::Error;

/// A required string argument and an optional params object.
fn two_ids(
    a: &JsValue,
    a_name: &str,
    b: &JsValue,
    b_name: &str,
    params: &JsValue,
    f: impl FnOnce(&str, &str, Option<&serde_json::Value>) -> Result<Operation, Error>,
) -> Result<Operation, Error> {
    let a = string_arg(a, a_name)?;
    let b = string_arg(b, b_name)?;
    f(&a, &b, params_json(params)?.as_ref())
}

impl InstagramClient {
    /// Run a call made with a Page token: `options` is `RequestOptions` plus `pageAccessToken`.
    fn run_with_page_token(&self, options: &JsValue, op: impl FnOnce(&str) -> Result<Operation, Error>) -> Promise {
        let keys: Vec<&str> = REQUEST_OPTIONS.iter().copied().chain(["pageAccessToken"]).collect();
        let prepared = Bag::new(options, "options", &keys).and_then(|bag| {
            let op = op(&bag.string("pageAccessToken")?.unwrap_or_default())?;
            Ok((op, self.call_options_from(&bag)?))
        });
        self.run_prepared(prepared)
    }
}

#[wasm_bindgen]
impl InstagramClient {
    /// `GET /{ig-media-id}/comments`, one page.
    #[wasm_bindgen(js_name = listComments)]
    pub fn list_comments(&self, media_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&media_id, "mediaId", &params, comments::list_comments), &options)
    }

    /// `GET /{ig-media-id}/comments`, all pages.
    #[wasm_bindgen(js_name = iterComments)]
    pub fn iter_comments(&self, media_id: JsValue, params: JsValue, options: JsValue) -> Result<Paginator, JsValue> {
        self.iterate(with_id(&media_id, "mediaId", &params, comments::list_comments), &options)
    }

    /// `GET /{ig-comment-id}` with `fields`.
    #[wasm_bindgen(js_name = getComment)]
    pub fn get_comment(&self, comment_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&comment_id, "commentId", &params, comments::get_comment), &options)
    }

    /// `GET /{ig-comment-id}/replies`, one page.
    #[wasm_bindgen(js_name = listReplies)]
    pub fn list_replies(&self, comment_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&comment_id, "commentId", &params, comments::list_replies), &options)
    }

    /// `GET /{ig-comment-id}/replies`, all pages.
    #[wasm_bindgen(js_name = iterReplies)]
    pub fn iter_replies(&self, comment_id: JsValue, params: JsValue, options: JsValue) -> Result<Paginator, JsValue> {
        self.iterate(with_id(&comment_id, "commentId", &params, comments::list_replies), &options)
    }

    /// `POST /{ig-media-id}/comments` `message`.
    #[wasm_bindgen(js_name = createComment)]
    pub fn create_comment(&self, media_id: JsValue, message: JsValue, options: JsValue) -> Promise {
        let op = string_arg(&media_id, "mediaId").and_then(|id| comments::create_comment(&id, &string_arg(&message, "message")?));
        self.run(op, &options)
    }

    /// `POST /{ig-comment-id}/replies` `message`.
    #[wasm_bindgen(js_name = replyToComment)]
    pub fn reply_to_comment(&self, comment_id: JsValue, message: JsValue, options: JsValue) -> Promise {
        let op = string_arg(&comment_id, "commentId").and_then(|id| comments::reply_to_comment(&id, &string_arg(&message, "message")?));
        self.run(op, &options)
    }

    /// `POST /{ig-comment-id}` `hide` (true when omitted).
    #[wasm_bindgen(js_name = hideComment)]
    pub fn hide_comment(&self, comment_id: JsValue, hide: JsValue, options: JsValue) -> Promise {
        let hide = if hide.is_undefined() { Some(true) } else { hide.as_bool() };
        let op = match hide {
            Some(h) => string_arg(&comment_id, "commentId").and_then(|id| comments::hide_comment(&id, h)),
            None => Err(Error::invalid("hide", "must be a boolean")),
        };
        self.run(op, &options)
    }

    /// `DELETE /{ig-comment-id}`.
    #[wasm_bindgen(js_name = deleteComment)]
    pub fn delete_comment(&self, comment_id: JsValue, options: JsValue) -> Promise {
        self.run(string_arg(&comment_id, "commentId").and_then(|id| comments::delete_comment(&id)), &options)
    }

    /// `POST /{ig-media-id}` `comment_enabled`.
    #[wasm_bindgen(js_name = setCommentsEnabled)]
    pub fn set_comments_enabled(&self, media_id: JsValue, enabled: JsValue, options: JsValue) -> Promise {
        let op = match enabled.as_bool() {
            Some(e) => string_arg(&media_id, "mediaId").and_then(|id| comments::set_comments_enabled(&id, e)),
            None => Err(Error::invalid("enabled", "must be a boolean")),
        };
        self.run(op, &options)
    }

    /// `POST /{ig-user-id}/mentions` `{ media_id, message, comment_id? }`.
    #[wasm_bindgen(js_name = replyToMention)]
    pub fn reply_to_mention(&self, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&ig_user_id, "igUserId", &params, comments::reply_to_mention), &options)
    }

    /// `GET /{ig-user-id}/insights`.
    #[wasm_bindgen(js_name = getUserInsights)]
    pub fn get_user_insights(&self, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&ig_user_id, "igUserId", &params, insights::get_user_insights), &options)
    }

    /// `GET /{ig-media-id}/insights`.
    #[wasm_bindgen(js_name = getMediaInsights)]
    pub fn get_media_insights(&self, media_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&media_id, "mediaId", &params, insights::get_media_insights), &options)
    }

    /// `GET /ig_hashtag_search?user_id&q` → the hashtag id, or `null`.
    #[wasm_bindgen(js_name = searchHashtag)]
    pub fn search_hashtag(&self, ig_user_id: JsValue, name: JsValue, options: JsValue) -> Promise {
        let op = string_arg(&ig_user_id, "igUserId").and_then(|id| hashtags::search_hashtag(&id, &string_arg(&name, "name")?));
        self.run(op, &options)
    }

    /// `GET /{hashtag-id}/top_media|recent_media?user_id`, one page.
    #[wasm_bindgen(js_name = listHashtagMedia)]
    pub fn list_hashtag_media(&self, hashtag_id: JsValue, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(two_ids(&hashtag_id, "hashtagId", &ig_user_id, "igUserId", &params, hashtags::list_hashtag_media), &options)
    }

    /// `GET /{hashtag-id}/top_media|recent_media?user_id`, all pages.
    #[wasm_bindgen(js_name = iterHashtagMedia)]
    pub fn iter_hashtag_media(
        &self,
        hashtag_id: JsValue,
        ig_user_id: JsValue,
        params: JsValue,
        options: JsValue,
    ) -> Result<Paginator, JsValue> {
        self.iterate(two_ids(&hashtag_id, "hashtagId", &ig_user_id, "igUserId", &params, hashtags::list_hashtag_media), &options)
    }

    /// `GET /{ig-user-id}/recently_searched_hashtags`.
    #[wasm_bindgen(js_name = listRecentlySearchedHashtags)]
    pub fn list_recently_searched_hashtags(&self, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&ig_user_id, "igUserId", &params, hashtags::list_recently_searched_hashtags), &options)
    }

    /// `GET /{ig-user-id}/recently_searched_hashtags?limit=30` → `{ limit, used, remaining, hashtags }`.
    #[wasm_bindgen(js_name = getHashtagSearchQuota)]
    pub fn get_hashtag_search_quota(&self, ig_user_id: JsValue, options: JsValue) -> Promise {
        self.run(string_arg(&ig_user_id, "igUserId").and_then(|id| hashtags::hashtag_search_quota(&id)), &options)
    }

    /// `GET /{ig-user-id}?fields=business_discovery.username(X){…}` → the inner object.
    #[wasm_bindgen(js_name = businessDiscovery)]
    pub fn business_discovery(&self, ig_user_id: JsValue, username: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(two_ids(&ig_user_id, "igUserId", &username, "username", &params, discovery::business_discovery), &options)
    }

    /// `GET /{ig-user-id}?fields=mentioned_media.media_id(X){…}`.
    #[wasm_bindgen(js_name = getMentionedMedia)]
    pub fn get_mentioned_media(&self, ig_user_id: JsValue, media_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(two_ids(&ig_user_id, "igUserId", &media_id, "mediaId", &params, discovery::get_mentioned_media), &options)
    }

    /// `GET /{ig-user-id}?fields=mentioned_comment.comment_id(X){…}`.
    #[wasm_bindgen(js_name = getMentionedComment)]
    pub fn get_mentioned_comment(&self, ig_user_id: JsValue, comment_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(two_ids(&ig_user_id, "igUserId", &comment_id, "commentId", &params, discovery::get_mentioned_comment), &options)
    }

    /// `POST /{ig-user-id}/media`: a media container.
    #[wasm_bindgen(js_name = createContainer)]
    pub fn create_container(&self, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&ig_user_id, "igUserId", &params, publishing::create_container), &options)
    }

    /// `GET /{container-id}?fields=id,status_code,status`.
    #[wasm_bindgen(js_name = getContainer)]
    pub fn get_container(&self, container_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&container_id, "containerId", &params, publishing::get_container), &options)
    }

    /// `POST /{ig-user-id}/media_publish` `creation_id`.
    #[wasm_bindgen(js_name = publishContainer)]
    pub fn publish_container(&self, ig_user_id: JsValue, container_id: JsValue, options: JsValue) -> Promise {
        let op = string_arg(&ig_user_id, "igUserId")
            .and_then(|ig| publishing::publish_container(&ig, &string_arg(&container_id, "containerId")?));
        self.run(op, &options)
    }

    /// `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`.
    #[wasm_bindgen(js_name = getPublishingLimit)]
    pub fn get_publishing_limit(&self, ig_user_id: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(with_id(&ig_user_id, "igUserId", &params, publishing::get_publishing_limit), &options)
    }

    /// `POST /{page-id}/subscribed_apps` `subscribed_fields`, with a Page token.
    #[wasm_bindgen(js_name = subscribeApp)]
    pub fn subscribe_app(&self, page_id: JsValue, fields: JsValue, options: JsValue) -> Promise {
        self.run_with_page_token(&options, |token| {
            subscriptions::subscribe_app(&string_arg(&page_id, "pageId")?, to_json(&fields, "fields")?.as_ref(), token)
        })
    }

    /// `GET /{page-id}/subscribed_apps`, with a Page token.
    #[wasm_bindgen(js_name = listSubscribedApps)]
    pub fn list_subscribed_apps(&self, page_id: JsValue, options: JsValue) -> Promise {
        self.run_with_page_token(&options, |token| subscriptions::list_subscribed_apps(&string_arg(&page_id, "pageId")?, token))
    }

    /// `DELETE /{page-id}/subscribed_apps`, with a Page token.
    #[wasm_bindgen(js_name = unsubscribeApp)]
    pub fn unsubscribe_app(&self, page_id: JsValue, options: JsValue) -> Promise {
        self.run_with_page_token(&options, |token| subscriptions::unsubscribe_app(&string_arg(&page_id, "pageId")?, token))
    }
}
