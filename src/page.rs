//! Cursor pagination: what the next request is, built from `paging.cursors.after` and the
//! client's own parameters.
//!
//! NB: Meta's "Paginated Results" page (graph-api/results): stop when `paging.next` is absent,
//! never because a page is short or empty (privacy filtering drops items after the cursor is
//! computed). The `next` URL embeds the access token, so it is never replayed or exposed: only
//! the cursor is taken from it.

use crate::encoding::query_param;
use crate::json::JsonView;
use crate::params::Params;

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

/// How many of the latest cursors a [`Pager`] remembers: enough for the loops Meta's cursors
/// make (a page that points at itself or at one a few pages back), while memory and the cost
/// per page stay fixed over any number of pages.
pub const LOOP_MEMORY: usize = 32;

/// Remembers the latest cursors followed, to stop on a cursor loop.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    seen: std::collections::VecDeque<String>,
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
            None => ["since", "until"].iter().filter_map(|k| query_param(&next_url, k).map(|v| ((*k).to_owned(), v))).collect(),
        };
        if changes.is_empty() {
            return NextPage::Done;
        }
        let key = changes.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        if self.seen.contains(&key) {
            return NextPage::Loop;
        }
        if self.seen.len() == LOOP_MEMORY {
            self.seen.pop_front();
        }
        self.seen.push_back(key);
        NextPage::Fetch(changes)
    }
}

/// Whether a text may hold a URL with a secret in it: the cheap test before
/// [`strip_secret_params`].
pub fn may_hold_secret_urls(text: &str) -> bool {
    crate::redact::TOKEN_PARAMS.iter().any(|p| text.contains(p))
}

/// `text` (a JSON body, or one URL) without any `access_token` or `appsecret_proof` query
/// parameter, at any depth of the body (`paging.next` of a list, of a field expansion such as
/// `comments{id}`, of a batch item); `None` when it had none.
///
/// NB: Meta embeds the token in `paging` URLs; results are handed to callers who log them or
/// put them in pages, so the client returns them without it (the URL then needs a token to be
/// replayed, which is what `paginate` and the `after` cursor are for). It works on the text,
/// before parsing: in JSON a URL's `? & =` are literal (`&` is also matched as `\u0026`), and
/// a token or proof holds no quote, backslash or space, so a value ends at the first of those.
pub fn strip_secret_params(text: &str) -> Option<String> {
    if !may_hold_secret_urls(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // text[..copied] is in `out` (or dropped)
    while let Some((at, name_len)) = next_secret_param(text, copied) {
        let start = at + name_len + 1;
        let end =
            text[start..].find(|c: char| matches!(c, '&' | '#' | '"' | '\'' | '\\') || c.is_whitespace()).map_or(text.len(), |n| start + n);
        out.push_str(&text[copied..at]);
        // The next parameter takes this one's place; the last one takes its separator away.
        if text[end..].starts_with('&') {
            copied = end + 1;
        } else if text[end..].starts_with(AMP) {
            copied = end + AMP.len();
        } else {
            let sep = if out.ends_with(AMP) { AMP.len() } else { 1 };
            out.truncate(out.len().saturating_sub(sep));
            copied = end;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// JSON's escape of `&`.
const AMP: &str = "\\u0026";

/// The first secret parameter at or after `from` that follows a separator (`?`, `&`, `\u0026`):
/// its byte offset and the length of its name.
fn next_secret_param(text: &str, from: usize) -> Option<(usize, usize)> {
    crate::redact::TOKEN_PARAMS
        .iter()
        .filter_map(|name| {
            text[from..]
                .match_indices(name)
                .map(|(n, _)| from + n)
                .find(|&at| {
                    let before = &text[..at];
                    text[at + name.len()..].starts_with('=') && (before.ends_with(['?', '&']) || before.ends_with(AMP))
                })
                .map(|at| (at, name.len()))
        })
        .min()
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
    use crate::json::{json, Value};

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
                paging["next"] = json!(format!("https://graph.facebook.com/v27.0/1/media?access_token=SECRET&after={after}"));
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
    fn the_loop_guard_keeps_a_fixed_number_of_cursors() {
        let mut p = Pager::default();
        let page = |a: &str| json!({"data": [1], "paging": {"cursors": {"after": a}, "next": "https://x/"}});
        for i in 0..10_000 {
            assert_eq!(next(&mut p, page(&format!("C{i}"))), fetch("after", &format!("C{i}")));
        }
        assert_eq!(p.seen.len(), LOOP_MEMORY);
        // a loop within the memory is still caught
        assert_eq!(next(&mut p, page("C9990")), NextPage::Loop);
    }

    #[test]
    fn cursor_from_next_url_when_cursors_are_missing() {
        let mut p = Pager::default();
        let v = json!({"data": [1], "paging": {"next": "https://graph.facebook.com/v27.0/1/tags?access_token=T&limit=2&after=QVFI%3D"}});
        assert_eq!(next(&mut p, v), fetch("after", "QVFI="));
    }

    #[test]
    fn time_based_paging_for_insights() {
        let mut p = Pager::default();
        let v = json!({"data": [], "paging": {
            "previous": "https://graph.facebook.com/v27.0/1/insights?access_token=T&metric=reach&since=1699000000&until=1699086400",
            "next": "https://graph.facebook.com/v27.0/1/insights?access_token=T&metric=reach&since=1699172800&until=1699259200"}});
        assert_eq!(next(&mut p, v), NextPage::Fetch(vec![("since".into(), "1699172800".into()), ("until".into(), "1699259200".into())]));
    }

    #[test]
    fn paging_urls_lose_their_secrets() {
        let strip = strip_secret_params;
        assert_eq!(
            strip("https://graph.facebook.com/v27.0/1/media?fields=id&access_token=EAAx&limit=25&appsecret_proof=ab&after=QQ%3D%3D")
                .as_deref(),
            Some("https://graph.facebook.com/v27.0/1/media?fields=id&limit=25&after=QQ%3D%3D")
        );
        assert_eq!(strip("https://x/y?access_token=T").as_deref(), Some("https://x/y"));
        assert_eq!(strip("https://x/y?access_token=T&appsecret_proof=P").as_deref(), Some("https://x/y"));
        assert_eq!(strip("https://x/y?a=1&access_token=T&appsecret_proof=P").as_deref(), Some("https://x/y?a=1"));
        assert_eq!(strip("https://x/y?a=1#access_token=T"), None);
        assert_eq!(strip("https://x/y?a=1"), None);
        assert_eq!(strip("https://x/y?my_access_token=1"), None);
        let body =
            r#"{"data":[],"paging":{"next":"https:\/\/x\/?access_token=T&after=A","previous":"https:\/\/x\/?before=B&access_token=T"}}"#;
        let v: Value = serde_json::from_str(&strip(body).unwrap()).unwrap();
        assert_eq!(v["paging"], json!({"next": "https://x/?after=A", "previous": "https://x/?before=B"}));
        // at every depth (a field expansion's paging), and JSON's \u0026 for `&`
        let body =
            json!({"id": "1", "comments": {"data": [{"id": "2", "replies": {"paging": {"next": "https://x/?appsecret_proof=P&after=C"}}}],
            "paging": {"next": "https://x/?access_token=T&after=B"}}})
            .to_string();
        let clean = strip(&body).unwrap();
        assert!(!may_hold_secret_urls(&clean), "{clean}");
        let v: Value = serde_json::from_str(&clean).unwrap();
        assert_eq!(v["comments"]["paging"]["next"], "https://x/?after=B");
        assert_eq!(v["comments"]["data"][0]["replies"]["paging"]["next"], "https://x/?after=C");
        assert_eq!(strip(r#"{"n":"https://x/?a=1\u0026access_token=T\u0026b=2"}"#).as_deref(), Some(r#"{"n":"https://x/?a=1\u0026b=2"}"#));
        assert_eq!(strip(r#"{"n":"https://x/?a=1\u0026access_token=T"}"#).as_deref(), Some(r#"{"n":"https://x/?a=1"}"#));
        // a key named like a secret is data, not a URL parameter
        assert_eq!(strip(r#"{"access_token":"EAAB","token_type":"bearer"}"#), None);
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
