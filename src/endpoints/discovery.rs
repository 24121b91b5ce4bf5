//! Field-expansion "edges" of the IG User: `business_discovery.username(X){…}`,
//! `mentioned_media.media_id(X){…}`, `mentioned_comment.comment_id(X){…}`, all
//! `GET /{ig-user-id}?fields=…`. Reference: instagram-platform/instagram-graph-api/reference/
//! ig-user/business_discovery, ig-user/mentioned_media, ig-user/mentioned_comment (§2.1).
//!
//! NB: business discovery falls under Platform rate limits, not the account's BUC budget, and
//! answers 110/2207013 for private or consumer accounts.

use super::{node_id, Operation, Output};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;

const DISCOVERY_FIELDS: &str = "id,username,name,biography,website,profile_picture_url,followers_count,follows_count,media_count";
const MENTIONED_MEDIA_FIELDS: &str = "id,caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count";
const MENTIONED_COMMENT_FIELDS: &str = "id,text,timestamp,like_count,username";

/// `fields` given as an array or a comma string, checked so that it cannot break out of the
/// `{…}` it is placed in.
fn field_list(v: Option<&Value>, name: &str, default: &str) -> Result<String, Error> {
    let text = match v {
        None | Some(Value::Null) => return Ok(default.to_owned()),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| Error::invalid(name, "must be strings")))
            .collect::<Result<Vec<_>, _>>()?
            .join(","),
        Some(_) => return Err(Error::invalid(name, "must be an array of field names or a comma-separated string")),
    };
    let mut depth: i32 = 0;
    for c in text.chars() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            break;
        }
    }
    if depth != 0 || text.trim().is_empty() {
        return Err(Error::invalid(name, "must be field names with balanced `{}` and `()`"));
    }
    Ok(text)
}

/// A value that goes inside `name(…)`: no characters that end or split the expansion.
fn modifier_value(v: &str, name: &str) -> Result<String, Error> {
    if v.is_empty() || v.contains(['(', ')', '{', '}', ',', '&', ' ']) {
        return Err(Error::invalid(name, "contains characters that are not allowed here"));
    }
    Ok(v.to_owned())
}

fn params_of(params: Option<&Value>) -> Result<Map, Error> {
    match params {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(Error::invalid("params", "must be an object")),
    }
}

fn fields_op(ig_user_id: &str, fields: String, member: &'static str) -> Result<Operation, Error> {
    let mut p = Params::new();
    p.push("fields", fields);
    let mut op = Operation::new(Method::Get, node_id("igUserId", ig_user_id)?, p, Shape::Object);
    op.output = Output::Member(member);
    Ok(op)
}

/// `GET /{ig-user-id}?fields=business_discovery.username(X){fields,media.limit(n).after(c){…}}`
/// → the inner `business_discovery` object. `params`: `{ fields?, media?: { fields?, limit?,
/// after?, before? } }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id, username, fields or media paging values.
pub fn business_discovery(ig_user_id: &str, username: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let uname = username.trim_start_matches('@');
    let valid = !uname.is_empty() && uname.len() <= 30 && uname.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if !valid {
        return Err(Error::invalid("username", "must be an Instagram username (letters, digits, `.` and `_`, at most 30)"));
    }
    let p = params_of(params)?;
    let mut inner = field_list(p.get("fields"), "params.fields", DISCOVERY_FIELDS)?;
    if let Some(media) = p.get("media").filter(|m| !m.is_null()) {
        let Value::Object(m) = media else {
            return Err(Error::invalid("params.media", "must be an object { fields?, limit?, after?, before? }"));
        };
        let mut edge = "media".to_owned();
        if let Some(limit) = m.get("limit").filter(|v| !v.is_null()) {
            let n = limit.as_u64().filter(|n| (1..=1000).contains(n));
            let n = n.ok_or_else(|| Error::invalid("params.media.limit", "must be a positive whole number"))?;
            edge.push_str(&format!(".limit({n})"));
        }
        for key in ["after", "before"] {
            if let Some(c) = m.get(key).filter(|v| !v.is_null()) {
                let c = c.as_str().ok_or_else(|| Error::invalid(format!("params.media.{key}"), "must be a string"))?;
                edge.push_str(&format!(".{key}({})", modifier_value(c, &format!("params.media.{key}"))?));
            }
        }
        let media_fields = field_list(m.get("fields"), "params.media.fields", MENTIONED_MEDIA_FIELDS)?;
        inner.push_str(&format!(",{edge}{{{media_fields}}}"));
    }
    fields_op(ig_user_id, format!("business_discovery.username({uname}){{{inner}}}"), "business_discovery")
}

/// `GET /{ig-user-id}?fields=mentioned_media.media_id(X){…}` → the mentioned media.
///
/// # Errors
/// [`Error::InvalidArgument`] for bad ids or fields.
pub fn get_mentioned_media(ig_user_id: &str, media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    node_id("mediaId", media_id)?;
    let p = params_of(params)?;
    let fields = field_list(p.get("fields"), "params.fields", MENTIONED_MEDIA_FIELDS)?;
    fields_op(ig_user_id, format!("mentioned_media.media_id({media_id}){{{fields}}}"), "mentioned_media")
}

/// `GET /{ig-user-id}?fields=mentioned_comment.comment_id(X){…}` → the mentioning comment.
///
/// # Errors
/// [`Error::InvalidArgument`] for bad ids or fields.
pub fn get_mentioned_comment(ig_user_id: &str, comment_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    node_id("commentId", comment_id)?;
    let p = params_of(params)?;
    let fields = field_list(p.get("fields"), "params.fields", MENTIONED_COMMENT_FIELDS)?;
    fields_op(ig_user_id, format!("mentioned_comment.comment_id({comment_id}){{{fields}}}"), "mentioned_comment")
}

/// The member `key` of the body (a field expansion's result).
///
/// # Errors
/// [`Error::Decode`] when it is missing.
pub fn member(body: Value, key: &str) -> Result<Value, Error> {
    match body {
        Value::Object(mut m) => m.remove(key).filter(|v| !v.is_null()).ok_or_else(|| Error::decode(key, "missing")),
        _ => Err(Error::decode("", "expected a JSON object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::query_param;
    use crate::json::json;

    fn fields(op: &Operation) -> String {
        let url = super::super::tests::golden(op).1;
        query_param(&url, "fields").unwrap()
    }

    #[test]
    fn business_discovery_expansion() {
        let op = business_discovery(
            "17841405822304914",
            "@bluebottle",
            Some(&json!({
                "fields": ["followers_count", "media_count"],
                "media": {"fields": "id,caption,like_count", "limit": 10, "after": "QVFIUm9"}
            })),
        )
        .unwrap();
        assert_eq!(
            fields(&op),
            "business_discovery.username(bluebottle){followers_count,media_count,media.limit(10).after(QVFIUm9){id,caption,like_count}}"
        );
        assert_eq!(op.output, Output::Member("business_discovery"));
        let op = business_discovery("1", "blue.bottle_", None).unwrap();
        assert_eq!(fields(&op), format!("business_discovery.username(blue.bottle_){{{DISCOVERY_FIELDS}}}"));
        for bad in ["", "a b", "x)y", &"a".repeat(31)] {
            assert!(business_discovery("1", bad, None).is_err(), "{bad}");
        }
        assert!(business_discovery("1", "ok", Some(&json!({"fields": "id}"}))).is_err());
        assert!(business_discovery("1", "ok", Some(&json!({"media": {"after": "a),x"}}))).is_err());
    }

    #[test]
    fn mentions_expansion() {
        let op = get_mentioned_media("17841405822304914", "17873440459141021", Some(&json!({"fields": "caption,media_type"}))).unwrap();
        assert_eq!(fields(&op), "mentioned_media.media_id(17873440459141021){caption,media_type}");
        let op = get_mentioned_comment("17841405822304914", "17967008497439572", None).unwrap();
        assert_eq!(fields(&op), format!("mentioned_comment.comment_id(17967008497439572){{{MENTIONED_COMMENT_FIELDS}}}"));
        assert_eq!(op.output, Output::Member("mentioned_comment"));
        assert_eq!(member(json!({"mentioned_comment": {"id": "1"}, "id": "2"}), "mentioned_comment"), Ok(json!({"id": "1"})));
        assert_eq!(member(json!({"id": "2"}), "mentioned_comment"), Err(Error::decode("mentioned_comment", "missing")));
    }
}
