//! Webhook subscriptions of a Page (Facebook Login): `GET/POST/DELETE /{page-id}/subscribed_apps`
//! with a Page access token. Reference: graph-api/reference/page/subscribed_apps and the
//! Instagram webhooks guide (graph-api.md §5.1).
//!
//! NB: Meta unsubscribes apps whose endpoint keeps failing; list and re-subscribe to reconcile.

use crate::json::Value;

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// `page_token`: the Page access token (Facebook Login), or `None` for the client's own token
/// on `me` (Instagram Login: "POST /me/subscribed_apps" with the Instagram User token).
fn page_op(method: Method, page_id: &str, page_token: Option<&str>, p: Params, shape: Shape) -> Result<Operation, Error> {
    Operation::new(method, format!("{}/subscribed_apps", node_id("pageId", page_id)?), p, shape).with_page_token(page_token)
}

/// `POST /{page-id}/subscribed_apps` `subscribed_fields` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id, no fields or no Page token.
pub fn subscribe_app(page_id: &str, fields: Option<&Value>, page_token: Option<&str>) -> Result<Operation, Error> {
    let Some(list) = crate::params::names(fields) else {
        return Err(Error::invalid("fields", "must be an array of webhook fields (\"comments\", \"mentions\", …)"));
    };
    if list.is_empty() || list.iter().any(|f| f.contains(char::is_whitespace)) {
        return Err(Error::invalid("fields", "must name at least one webhook field, without spaces"));
    }
    let mut p = Params::new();
    p.push("subscribed_fields", list.join(","));
    page_op(Method::Post, page_id, page_token, p, Shape::Object)
}

/// `GET /{page-id}/subscribed_apps` → `{ data: [{ id, name, subscribed_fields }] }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or no Page token.
pub fn list_subscribed_apps(page_id: &str, page_token: Option<&str>) -> Result<Operation, Error> {
    page_op(Method::Get, page_id, page_token, Params::new(), Shape::List)
}

/// `DELETE /{page-id}/subscribed_apps` → `{ success }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or no Page token.
pub fn unsubscribe_app(page_id: &str, page_token: Option<&str>) -> Result<Operation, Error> {
    page_op(Method::Delete, page_id, page_token, Params::new(), Shape::Object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    #[test]
    fn golden_requests() {
        let op = subscribe_app("134895793791914", Some(&json!(["comments", "mentions"])), Some("PAGE")).unwrap();
        assert_eq!(
            golden(&op),
            (
                "POST",
                "https://graph.facebook.com/v27.0/134895793791914/subscribed_apps".into(),
                Some("subscribed_fields=comments%2Cmentions&access_token=PAGE".into())
            )
        );
        assert_eq!(
            golden(&list_subscribed_apps("1", Some("PAGE")).unwrap()).1,
            "https://graph.facebook.com/v27.0/1/subscribed_apps?access_token=PAGE"
        );
        assert_eq!(golden(&unsubscribe_app("1", Some("PAGE")).unwrap()).0, "DELETE");
        assert!(subscribe_app("1", Some(&json!([])), Some("PAGE")).is_err());
        assert!(subscribe_app("1", Some(&json!(["comments"])), Some("")).is_err());
        // Instagram Login: `me` with the client's own token
        let c = crate::config::Config::new(crate::config::Options {
            access_token: Some("IGTOKEN".into()),
            login: crate::config::Login::Instagram,
            ..Default::default()
        })
        .unwrap();
        let r = crate::endpoints::build_request(&c, &subscribe_app("me", Some(&json!("comments,messages")), None).unwrap());
        assert_eq!(r.url, "https://graph.instagram.com/v27.0/me/subscribed_apps");
        assert_eq!(r.body.as_deref(), Some("subscribed_fields=comments%2Cmessages&access_token=IGTOKEN"));
    }
}
