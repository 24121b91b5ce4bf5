//! Hashtag search: `GET /ig_hashtag_search?user_id&q`, `GET /{ig-hashtag-id}/top_media` and
//! `/recent_media` (`user_id`), `GET /{ig-user-id}/recently_searched_hashtags`.
//! Reference: instagram-platform/instagram-graph-api/reference/ig-hashtag-search, ig-hashtag/
//! top-media, ig-hashtag/recent-media, ig-user/recently_searched_hashtags (graph-api.md §2.5).
//!
//! NB: an account may query at most 30 unique hashtags in a rolling 7 days; hashtag media pages
//! hold at most 50 items and only have an `after` cursor.

use super::{node_id, Operation, Output};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;

/// `GET /ig_hashtag_search?user_id={ig-user-id}&q={name}` → the hashtag id, or `null`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or an empty name.
pub fn search_hashtag(ig_user_id: &str, name: &str) -> Result<Operation, Error> {
    node_id("igUserId", ig_user_id)?;
    let q = name.trim().trim_start_matches('#');
    if q.is_empty() || q.chars().any(char::is_whitespace) {
        return Err(Error::invalid("name", "must be one hashtag, without spaces (\"coffee\" or \"#coffee\")"));
    }
    let mut p = Params::new();
    p.push("user_id", ig_user_id);
    p.push("q", q);
    let mut op = Operation::new(Method::Get, "ig_hashtag_search".to_owned(), p, Shape::List);
    op.output = Output::FirstId;
    Ok(op)
}

/// `GET /{ig-hashtag-id}/{top_media|recent_media}?user_id=…` (`edge*, fields, limit ≤ 50, after`).
///
/// # Errors
/// [`Error::InvalidArgument`] for bad ids, a missing or unknown `edge`, or `limit` over 50.
pub fn list_hashtag_media(hashtag_id: &str, ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    node_id("igUserId", ig_user_id)?;
    let mut p = Params::from_json(params, "params")?;
    let edge = match p.remove("edge").as_deref() {
        Some(e @ ("top_media" | "recent_media")) => e.to_owned(),
        _ => return Err(Error::invalid("params.edge", "is required: \"top_media\" or \"recent_media\"")),
    };
    if let Some(limit) = p.get("limit") {
        if limit.parse::<u32>().map_or(true, |n| n == 0 || n > 50) {
            return Err(Error::invalid("params.limit", "must be 1 to 50 for hashtag media"));
        }
    }
    p.set("user_id", ig_user_id);
    let path = format!("{}/{edge}", node_id("hashtagId", hashtag_id)?);
    Ok(Operation::new(Method::Get, path, p, Shape::List))
}

/// `GET /{ig-user-id}/recently_searched_hashtags`: the hashtags counted in the 7-day quota.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn list_recently_searched_hashtags(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/recently_searched_hashtags", node_id("igUserId", ig_user_id)?);
    Ok(Operation::new(Method::Get, path, Params::from_json(params, "params")?, Shape::List))
}

/// Unique hashtags an account may query in a rolling 7 days.
///
/// NB: "IG Users can query a maximum of 30 unique hashtags within a rolling, 7 day period. A
/// queried hashtag will count against that user's limit as soon as it is queried. Subsequent
/// queries on that hashtag within 7 days of the initial query will not count against the user's
/// limit." (developers.facebook.com/documentation/instagram-platform/instagram-graph-api/
/// reference/ig-user/recently_searched_hashtags, updated 2025-01-21). The same page: 25 results
/// per page by default, up to 30 with `limit=30`, so one page holds every counted hashtag.
pub const HASHTAG_SEARCH_QUOTA: u64 = 30;

/// `GET /{ig-user-id}/recently_searched_hashtags?limit=30&fields=id,name` → `{ limit, used,
/// remaining, hashtags }`: how much of the 7-day hashtag quota is used, and by which hashtags
/// (a search for one of them does not count again).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn hashtag_search_quota(ig_user_id: &str) -> Result<Operation, Error> {
    let path = format!("{}/recently_searched_hashtags", node_id("igUserId", ig_user_id)?);
    let mut p = Params::new();
    p.push("fields", "id,name");
    p.push("limit", HASHTAG_SEARCH_QUOTA.to_string());
    let mut op = Operation::new(Method::Get, path, p, Shape::List);
    op.output = Output::HashtagQuota;
    Ok(op)
}

/// A `recently_searched_hashtags` page → `{ limit, used, remaining, hashtags }`.
///
/// # Errors
/// [`Error::Decode`] when `data` is not an array (the shape check runs first, so only for
/// direct callers).
pub fn quota(body: Value) -> Result<Value, Error> {
    let hashtags = match body {
        Value::Object(mut map) => map.remove("data").unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let Value::Array(hashtags) = hashtags else { return Err(Error::decode("data", "expected an array")) };
    let used = hashtags.len() as u64;
    // Members in name order, as this result has always been written.
    let mut out = Map::new();
    out.insert("hashtags", Value::Array(hashtags));
    out.insert("limit", HASHTAG_SEARCH_QUOTA.into());
    out.insert("remaining", HASHTAG_SEARCH_QUOTA.saturating_sub(used).into());
    out.insert("used", used.into());
    Ok(Value::Object(out))
}

/// `{"data":[{"id"}]}` → the first id, or `null` when Meta found no hashtag.
///
/// # Errors
/// [`Error::Decode`] when the first item has no string id.
pub fn first_id(body: &Value) -> Result<Value, Error> {
    match body.get("data").and_then(Value::as_array).and_then(|d| d.first()) {
        None => Ok(Value::Null),
        Some(item) => match item.get("id") {
            Some(Value::String(id)) => Ok(Value::String(id.clone())),
            _ => Err(Error::decode("data[0].id", "expected a string id")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    #[test]
    fn golden_requests() {
        let op = search_hashtag("17841405822304914", "#coffee").unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/ig_hashtag_search?user_id=17841405822304914&q=coffee&access_token=TOKEN"
        );
        let op = list_hashtag_media(
            "17843857450040591",
            "17841405822304914",
            Some(&json!({"edge": "top_media", "fields": ["id", "caption"], "limit": 50})),
        )
        .unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17843857450040591/top_media?fields=id%2Ccaption&limit=50&user_id=17841405822304914&access_token=TOKEN"
        );
        let op = list_recently_searched_hashtags("17841405822304914", None).unwrap();
        assert_eq!(golden(&op).1, "https://graph.facebook.com/v27.0/17841405822304914/recently_searched_hashtags?access_token=TOKEN");
    }

    #[test]
    fn checks_and_result() {
        assert!(search_hashtag("1", "two words").is_err());
        assert!(search_hashtag("1", "#").is_err());
        assert!(list_hashtag_media("1", "2", Some(&json!({"edge": "newest"}))).is_err());
        assert!(list_hashtag_media("1", "2", Some(&json!({"edge": "recent_media", "limit": 51}))).is_err());
        assert_eq!(first_id(&json!({"data": [{"id": "17843857450040591"}]})), Ok(json!("17843857450040591")));
        assert_eq!(first_id(&json!({"data": []})), Ok(Value::Null));
        assert_eq!(first_id(&json!({"data": [{"id": 5}]})), Err(Error::decode("data[0].id", "expected a string id")));
    }

    /// Issue 12: the 7-day hashtag quota (30 unique hashtags) from `recently_searched_hashtags`.
    #[test]
    fn hashtag_search_quota_golden_and_result() {
        let op = hashtag_search_quota("17841405309211844").unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17841405309211844/recently_searched_hashtags?fields=id%2Cname&limit=30&access_token=TOKEN"
        );
        assert_eq!(op.output, Output::HashtagQuota);
        // Meta's sample response (the reference page above)
        let body = r#"{"data":[{"id":"17841562906103814"},{"id":"17841563587120501"}]}"#;
        let out: Value = crate::flow::read(&op, body.to_owned()).unwrap();
        assert_eq!(
            out,
            json!({"limit": 30, "used": 2, "remaining": 28, "hashtags": [{"id": "17841562906103814"}, {"id": "17841563587120501"}]})
        );
        let full: Vec<Value> = (0..31).map(|i| json!({"id": i.to_string()})).collect();
        assert_eq!(quota(json!({"data": full})).unwrap()["remaining"], 0);
        assert!(quota(json!({"data": {}})).is_err());
        assert!(hashtag_search_quota("1/2").is_err());
    }
}
