//! Comments and mentions: `GET/POST /{ig-media-id}/comments`, `GET /{ig-comment-id}`,
//! `GET/POST /{ig-comment-id}/replies`, `POST /{ig-comment-id}` (`hide`), `DELETE /{ig-comment-id}`,
//! `POST /{ig-media-id}` (`comment_enabled`), `POST /{ig-user-id}/mentions`. Reference: instagram-platform/
//! instagram-graph-api/reference/ig-media/comments, ig-comment, ig-comment/replies,
//! ig-user/mentions (shared/reference/graph-api.md §2.3, §2.4).

use crate::json::Value;

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

fn message_param(message: &str, name: &str) -> Result<Params, Error> {
    if message.trim().is_empty() {
        return Err(Error::invalid(name, "must be a non-empty string"));
    }
    let mut p = Params::new();
    p.push("message", message);
    Ok(p)
}

/// `GET /{ig-media-id}/comments` (`fields, limit, after, before`): top-level comments, newest first.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_comments(media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/comments", node_id("mediaId", media_id)?);
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List))
}

/// `GET /{ig-comment-id}` with `fields` (`id, text, timestamp, username, from{id,username},
/// hidden, like_count, media{id,media_product_type}, parent_id, replies, user, …`): one comment.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn get_comment(comment_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    Ok(Operation::new(Method::Get, node_id("commentId", comment_id)?, Params::from_json(params, "params")?, Shape::Object))
}

/// `GET /{ig-comment-id}/replies` (`fields, limit, after`).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or params.
pub fn list_replies(comment_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/replies", node_id("commentId", comment_id)?);
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List))
}

/// `POST /{ig-media-id}/comments` `message` → `{ id }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or an empty message.
pub fn create_comment(media_id: &str, message: &str) -> Result<Operation, Error> {
    let path = format!("{}/comments", node_id("mediaId", media_id)?);
    Ok(Operation::new(Method::Post, path, message_param(message, "message")?, Shape::Object))
}

/// `POST /{ig-comment-id}/replies` `message` → `{ id }`. NB: only top-level comments take
/// replies; a reply to a reply is attached to the top-level comment by Meta.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or an empty message.
pub fn reply_to_comment(comment_id: &str, message: &str) -> Result<Operation, Error> {
    let path = format!("{}/replies", node_id("commentId", comment_id)?);
    Ok(Operation::new(Method::Post, path, message_param(message, "message")?, Shape::Object))
}

/// `POST /{ig-comment-id}` `hide=true|false` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn hide_comment(comment_id: &str, hide: bool) -> Result<Operation, Error> {
    let mut p = Params::new();
    p.push("hide", hide.to_string());
    Ok(Operation::new(Method::Post, node_id("commentId", comment_id)?, p, Shape::Object))
}

/// `DELETE /{ig-comment-id}` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn delete_comment(comment_id: &str) -> Result<Operation, Error> {
    Ok(Operation::new(Method::Delete, node_id("commentId", comment_id)?, Params::new(), Shape::Object))
}

/// `POST /{ig-media-id}` `comment_enabled=true|false` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn set_comments_enabled(media_id: &str, enabled: bool) -> Result<Operation, Error> {
    let mut p = Params::new();
    p.push("comment_enabled", enabled.to_string());
    Ok(Operation::new(Method::Post, node_id("mediaId", media_id)?, p, Shape::Object))
}

/// `POST /{ig-user-id}/mentions` `media_id, message, comment_id?`: reply to a mention (a comment
/// on the media, or a reply to the comment that mentioned the account).
///
/// # Errors
/// [`Error::InvalidArgument`] when `media_id` or `message` is missing.
pub fn reply_to_mention(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/mentions", node_id("igUserId", ig_user_id)?);
    let p = Params::from_json(params, "params")?;
    for key in ["media_id", "message"] {
        if p.get(key).is_none_or(|v| v.trim().is_empty()) {
            return Err(Error::invalid(format!("params.{key}"), "is required"));
        }
    }
    Ok(Operation::new(Method::Post, path, p, Shape::Object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    const BASE: &str = "https://graph.facebook.com/v27.0";

    #[test]
    fn golden_requests() {
        let g = |op: Result<Operation, Error>| golden(&op.unwrap());
        assert_eq!(
            g(list_comments("17895695668004550", Some(&json!({"fields": "id,text,username", "limit": 50})))),
            ("GET", format!("{BASE}/17895695668004550/comments?fields=id%2Ctext%2Cusername&limit=50&access_token=TOKEN"), None)
        );
        assert_eq!(
            g(list_replies("17870913679156914", None)),
            ("GET", format!("{BASE}/17870913679156914/replies?access_token=TOKEN"), None)
        );
        assert_eq!(
            g(get_comment("17870913679156914", Some(&json!({"fields": ["id", "text", "from{id,username}", "media{id,media_product_type}"]})))),
            ("GET", format!("{BASE}/17870913679156914?fields=id%2Ctext%2Cfrom%7Bid%2Cusername%7D%2Cmedia%7Bid%2Cmedia_product_type%7D&access_token=TOKEN"), None)
        );
        assert_eq!(g(get_comment("17870913679156914", None)), ("GET", format!("{BASE}/17870913679156914?access_token=TOKEN"), None));
        assert_eq!(get_comment("1", None).unwrap().shape, Shape::Object);
        assert_eq!(
            g(create_comment("17895695668004550", "Thanks! ☕")),
            ("POST", format!("{BASE}/17895695668004550/comments"), Some("message=Thanks%21%20%E2%98%95&access_token=TOKEN".into()))
        );
        assert_eq!(
            g(reply_to_comment("17870913679156914", "hi")),
            ("POST", format!("{BASE}/17870913679156914/replies"), Some("message=hi&access_token=TOKEN".into()))
        );
        assert_eq!(
            g(hide_comment("17870913679156914", false)),
            ("POST", format!("{BASE}/17870913679156914"), Some("hide=false&access_token=TOKEN".into()))
        );
        assert_eq!(g(delete_comment("17870913679156914")), ("DELETE", format!("{BASE}/17870913679156914?access_token=TOKEN"), None));
        assert_eq!(
            g(set_comments_enabled("17895695668004550", false)),
            ("POST", format!("{BASE}/17895695668004550"), Some("comment_enabled=false&access_token=TOKEN".into()))
        );
        assert_eq!(
            g(reply_to_mention("17841405822304914", Some(&json!({"media_id": "1789", "message": "thanks", "comment_id": "1787"})))),
            (
                "POST",
                format!("{BASE}/17841405822304914/mentions"),
                Some("comment_id=1787&media_id=1789&message=thanks&access_token=TOKEN".into())
            )
        );
    }

    #[test]
    fn bad_arguments() {
        assert!(matches!(create_comment("1", "  "), Err(Error::InvalidArgument { ref name, .. }) if name == "message"));
        assert!(
            matches!(reply_to_mention("1", Some(&json!({"message": "x"}))), Err(Error::InvalidArgument { ref name, .. }) if name == "params.media_id")
        );
        assert!(
            matches!(reply_to_mention("1", Some(&json!({"media_id": "2"}))), Err(Error::InvalidArgument { ref name, .. }) if name == "params.message")
        );
        assert!(hide_comment("a/b", true).is_err());
        assert!(matches!(get_comment("", None), Err(Error::InvalidArgument { ref name, .. }) if name == "commentId"));
        assert!(get_comment("1", Some(&json!("id,text"))).is_err());
    }
}
