//! Cursor pagination: what the next request is, built from `paging.cursors.after` and the
//! client's own parameters.
//!
//! NB: Meta's "Paginated Results" page (graph-api/results): stop when `paging.next` is absent,
//! never because a page is short or empty (privacy filtering drops items after the cursor is
//! computed). The `next` URL embeds the access token, so it is never replayed or exposed: only
//! the cursor is taken from it.

use crate::json::JsonView;
use crate::params::{query_param, Params};

/// What to do after a page.
#[derive(Debug, Clone, PartialEq)]
pub enum NextPage {
    /// No `paging.next`: this was the last page.
    Done,
    /// Fetch again with these parameters changed (`after`, or `since`/`until` for time-based
    /// paging).
    Fetch(Vec<(String, String)>),
    /// The next cursor was seen before: stop rather than loop forever.
    Loop,
}

/// Remembers the cursors already followed, to stop on a cursor loop.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    seen: Vec<String>,
}

impl Pager {
    /// Decide what follows the page `body` (already checked to be a list).
    pub fn next<V: JsonView>(&mut self, body: &V) -> NextPage {
        let Some(paging) = body.member("paging") else { return NextPage::Done };
        let Some(next_url) = paging.member("next").and_then(|n| n.string()) else {
            return NextPage::Done;
        };
        let after = paging
            .member("cursors")
            .and_then(|c| c.member("after"))
            .and_then(|a| a.string())
            .filter(|a| !a.is_empty())
            .or_else(|| query_param(&next_url, "after").filter(|a| !a.is_empty()));
        let changes: Vec<(String, String)> = match after {
            Some(a) => vec![("after".to_owned(), a)],
            // Time-based paging (user insights): `next` carries `since`/`until`.
            None => ["since", "until"]
                .iter()
                .filter_map(|k| query_param(&next_url, k).map(|v| ((*k).to_owned(), v)))
                .collect(),
        };
        if changes.is_empty() {
            return NextPage::Done;
        }
        let key = changes.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        if self.seen.contains(&key) {
            return NextPage::Loop;
        }
        self.seen.push(key);
        NextPage::Fetch(changes)
    }
}

/// Query parameters that carry secrets and must not reach the caller inside `paging` URLs.
const SECRET_QUERY_PARAMS: &[&str] = &["access_token", "appsecret_proof"];

/// A `paging.next`/`paging.previous` URL without its `access_token` and `appsecret_proof`
/// parameters, or `None` when it had neither.
///
/// NB: Meta embeds the token in these URLs; results are handed to callers who log them or put
/// them in pages, so the client returns them without it (the URL then needs a token to be
/// replayed, which is what `paginate` and the `after` cursor are for).
pub fn strip_secrets(url: &str) -> Option<String> {
    let (base, rest) = url.split_once('?')?;
    let (query, fragment) = match rest.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (rest, None),
    };
    let is_secret = |pair: &&str| {
        let name = pair.split('=').next().unwrap_or_default();
        SECRET_QUERY_PARAMS.contains(&crate::params::decode_component(name).as_str())
    };
    if !query.split('&').any(|p| is_secret(&p)) {
        return None;
    }
    let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !is_secret(p)).collect();
    let mut out = base.to_owned();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Remove secrets from `paging.next` and `paging.previous` of a parsed list body.
pub fn strip_paging_secrets(body: &mut serde_json::Value) {
    if let Some(paging) = body.get_mut("paging").and_then(serde_json::Value::as_object_mut) {
        for key in ["next", "previous"] {
            if let Some(serde_json::Value::String(url)) = paging.get_mut(key) {
                if let Some(clean) = strip_secrets(url) {
                    *url = clean;
                }
            }
        }
    }
}

/// Apply the changes of [`NextPage::Fetch`] to the parameters of the first request.
pub fn apply(params: &mut Params, changes: &[(String, String)]) {
    for (k, v) in changes {
        if k == "after" {
            params.remove("before");
        }
        params.set(k, v.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn next(p: &mut Pager, v: Value) -> NextPage {
        p.next(&&v)
    }

    fn fetch(k: &str, v: &str) -> NextPage {
        NextPage::Fetch(vec![(k.to_owned(), v.to_owned())])
    }

    #[test]
    fn follows_the_after_cursor_while_next_exists() {
        let mut p = Pager::default();
        let page = |after: &str, next: bool| {
            let mut paging = json!({"cursors": {"before": "B", "after": after}});
            if next {
                paging["next"] = json!(format!("https://graph.facebook.com/v25.0/1/media?access_token=SECRET&after={after}"));
            }
            json!({"data": [{"id": "1"}], "paging": paging})
        };
        assert_eq!(next(&mut p, page("A1", true)), fetch("after", "A1"));
        assert_eq!(next(&mut p, page("A2", true)), fetch("after", "A2"));
        assert_eq!(next(&mut p, page("A3", false)), NextPage::Done);
    }

    #[test]
    fn empty_pages_with_next_continue() {
        let mut p = Pager::default();
        let v = json!({"data": [], "paging": {"cursors": {"after": "A9"}, "next": "https://x/?after=A9"}});
        assert_eq!(next(&mut p, v), fetch("after", "A9"));
    }

    #[test]
    fn no_paging_or_no_next_is_the_end() {
        let mut p = Pager::default();
        assert_eq!(next(&mut p, json!({"data": []})), NextPage::Done);
        assert_eq!(next(&mut p, json!({"data": [], "paging": {"cursors": {"after": "A"}}})), NextPage::Done);
        assert_eq!(next(&mut p, json!({"data": [], "paging": {"next": null}})), NextPage::Done);
    }

    #[test]
    fn a_repeated_cursor_stops() {
        let mut p = Pager::default();
        let v = json!({"data": [1], "paging": {"cursors": {"after": "SAME"}, "next": "https://x/?after=SAME"}});
        assert_eq!(next(&mut p, v.clone()), fetch("after", "SAME"));
        assert_eq!(next(&mut p, v), NextPage::Loop);
    }

    #[test]
    fn cursor_from_next_url_when_cursors_are_missing() {
        let mut p = Pager::default();
        let v = json!({"data": [1], "paging": {"next": "https://graph.facebook.com/v25.0/1/tags?access_token=T&limit=2&after=QVFI%3D"}});
        assert_eq!(next(&mut p, v), fetch("after", "QVFI="));
    }

    #[test]
    fn time_based_paging_for_insights() {
        let mut p = Pager::default();
        let v = json!({"data": [], "paging": {
            "previous": "https://graph.facebook.com/v25.0/1/insights?access_token=T&metric=reach&since=1699000000&until=1699086400",
            "next": "https://graph.facebook.com/v25.0/1/insights?access_token=T&metric=reach&since=1699172800&until=1699259200"}});
        assert_eq!(
            next(&mut p, v),
            NextPage::Fetch(vec![("since".into(), "1699172800".into()), ("until".into(), "1699259200".into())])
        );
    }

    #[test]
    fn paging_urls_lose_their_secrets() {
        assert_eq!(
            strip_secrets("https://graph.facebook.com/v25.0/1/media?fields=id&access_token=EAAx&limit=25&appsecret_proof=ab&after=QQ%3D%3D").as_deref(),
            Some("https://graph.facebook.com/v25.0/1/media?fields=id&limit=25&after=QQ%3D%3D")
        );
        assert_eq!(strip_secrets("https://x/y?access_token=T").as_deref(), Some("https://x/y"));
        assert_eq!(strip_secrets("https://x/y?a=1#access_token=T"), None);
        assert_eq!(strip_secrets("https://x/y?a=1"), None);
        let mut v = json!({"data": [], "paging": {"next": "https://x/?access_token=T&after=A", "previous": "https://x/?before=B&access_token=T"}});
        strip_paging_secrets(&mut v);
        assert_eq!(v["paging"], json!({"next": "https://x/?after=A", "previous": "https://x/?before=B"}));
    }

    #[test]
    fn the_next_request_keeps_the_clients_own_params() {
        let mut params = Params::new();
        params.push("fields", "id,caption");
        params.push("limit", "25");
        params.push("before", "OLD");
        apply(&mut params, &[("after".into(), "A1".into())]);
        assert_eq!(params.encode(), "fields=id%2Ccaption&limit=25&after=A1");
        assert!(params.get("access_token").is_none());
    }
}
