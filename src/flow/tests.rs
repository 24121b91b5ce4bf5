//! Every flow driven through its branches with a scripted transport and a fake clock.

use std::cell::Cell;
use std::collections::VecDeque;

use crate::json::{json, Value};

use super::*;
use crate::config::Options;
use crate::endpoints::batch::{parse_requests, ItemResult};
use crate::endpoints::{media, publishing, user};
use crate::error::ErrorKind;

fn config() -> Config {
    Config::new(Options { access_token: Some("TOKEN".into()), base_url: Some("http://127.0.0.1:9".into()), ..Options::default() }).unwrap()
}

/// What the scripted server answers, in order.
pub(super) enum Answer {
    /// A response (status, body, Meta's wait).
    Http(u16, String, Option<u64>),
    /// A transport failure.
    Fail(Error),
}

pub(super) fn ok(body: Value) -> Answer {
    Answer::Http(200, body.to_string(), None)
}

pub(super) fn status(code: u16, body: &str) -> Answer {
    Answer::Http(code, body.to_owned(), None)
}

/// One driven run: what was sent, waited and reported, and the result.
pub(super) struct Run<T> {
    pub(super) log: Vec<String>,
    pub(super) result: Result<T, Error>,
    clock: f64,
}

/// Drive `flow` against `answers`; chunks are `chunk` bytes (the end of the file cuts the last).
fn drive<F: Flow<String>>(flow: &mut F, answers: Vec<Answer>, chunk: u64, size: u64) -> Run<F::Output> {
    drive_in(config(), flow, answers, chunk, size)
}

/// [`drive`] with another configuration (its base URL `http://127.0.0.1:9`).
pub(super) fn drive_in<F: Flow<String>>(config: Config, flow: &mut F, answers: Vec<Answer>, chunk: u64, size: u64) -> Run<F::Output> {
    let clock = Cell::new(1_000_000.0);
    let now = || clock.get();
    let random = || 0.0;
    let ctx = Ctx { config: &config, now: &now, random: &random };
    let mut answers: VecDeque<Answer> = answers.into();
    let mut log = Vec::new();
    let mut action = flow.start(&ctx);
    let mut respond = |log: &mut Vec<String>, line: String, sent: u64| {
        log.push(line);
        // every request takes 100 ms
        clock.set(clock.get() + 100.0);
        match answers.pop_front().expect("the flow sent more requests than scripted") {
            Answer::Http(s, body, wait_ms) => Event::Response(Response { status: s, body, wait_ms, sent }),
            Answer::Fail(e) => Event::Failed(e),
        }
    };
    let result = loop {
        let event = match action {
            Action::Done(r) => break r,
            Action::Send(r) => {
                let url =
                    r.url.replace("http://127.0.0.1:9/v27.0/", "").replace("https://rupload.facebook.com/ig-api-upload/v27.0/", "rupload:");
                let line = match r.body {
                    Some(b) => format!("{} {url} {b}", r.method.as_str()),
                    None => format!("{} {url}", r.method.as_str()),
                };
                respond(&mut log, line, 0)
            }
            Action::SendChunk { request, offset } => {
                let len = chunk.min(size.saturating_sub(offset));
                let at = request.headers.iter().find(|(k, _)| k == "offset").map(|(_, v)| v.clone()).unwrap_or_default();
                assert_eq!(at, offset.to_string(), "the offset header names the chunk's start");
                respond(&mut log, format!("CHUNK {offset}+{len}"), len)
            }
            Action::Sleep(ms) => {
                log.push(format!("sleep {ms}"));
                clock.set(clock.get() + ms as f64);
                Event::Slept
            }
            Action::Report(v) => {
                let text = v.to_json();
                #[cfg(not(target_arch = "wasm32"))]
                {
                    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
                    let name = if matches!(v, Progress::Publish { .. }) { "PublishProgress" } else { "UploadProgress" };
                    crate::typescript::fits(&json, name, super::PROGRESS).unwrap_or_else(|e| panic!("the declaration of onProgress: {e}"));
                }
                log.push(format!("report {text}"));
                Event::Reported
            }
        };
        action = flow.step(event, &ctx);
    };
    assert!(answers.is_empty(), "{} scripted answers were not used; log: {log:#?}", answers.len());
    Run { log, result, clock: clock.get() }
}

fn get_user() -> Call {
    Call::new(user::get_user("17841400000000001", Some(&json!({"fields": "id"}))).unwrap(), RetryPolicy::default())
}

const USER_URL: &str = "GET 17841400000000001?fields=id&access_token=TOKEN";

fn graph_error(code: i64, transient: bool) -> String {
    json!({"error": {"message": "m", "type": "OAuthException", "code": code, "is_transient": transient}}).to_string()
}

// --- Call: one operation with retries ---

#[test]
fn call_success_is_one_request() {
    let run = drive(&mut get_user(), vec![ok(json!({"id": "17841400000000001"}))], 0, 0);
    assert_eq!(run.log, vec![USER_URL]);
    assert_eq!(run.result, Ok(json!({"id": "17841400000000001"})));
}

#[test]
fn call_retries_each_retryable_failure_with_backoff() {
    let table: Vec<(&str, Answer)> = vec![
        ("connection", Answer::Fail(Error::Connection { message: "refused".into() })),
        ("timeout", Answer::Fail(Error::Timeout { timeout_ms: 10 })),
        ("5xx", status(502, "<html>bad gateway</html>")),
        ("200 with a transient error", status(200, &graph_error(2, true))),
        ("rate limit", status(400, &graph_error(4, false))),
    ];
    for (name, answer) in table {
        let run = drive(&mut get_user(), vec![answer, ok(json!({"id": "1"}))], 0, 0);
        assert_eq!(run.log, vec![USER_URL, "sleep 500", USER_URL], "{name}");
        assert_eq!(run.result, Ok(json!({"id": "1"})), "{name}");
    }
    // the budget: maxRetries 2, then the error
    let fails = (0..3).map(|_| Answer::Fail(Error::Connection { message: "x".into() })).collect();
    let run = drive(&mut get_user(), fails, 0, 0);
    assert_eq!(run.log, vec![USER_URL, "sleep 500", USER_URL, "sleep 1000", USER_URL]);
    assert_eq!(run.result, Err(Error::Connection { message: "x".into() }));
}

#[test]
fn call_waits_what_meta_asks_and_stops_when_it_is_beyond_the_budget() {
    let rate = graph_error(80002, false);
    let run = drive(&mut get_user(), vec![Answer::Http(400, rate.clone(), Some(3_000)), ok(json!({"id": "1"}))], 0, 0);
    assert_eq!(run.log, vec![USER_URL, "sleep 3000", USER_URL]);
    let run = drive(&mut get_user(), vec![Answer::Http(400, rate, Some(120_000))], 0, 0);
    assert_eq!(run.log, vec![USER_URL], "2 min of regain time > maxRetryWaitMs: no wait");
    match run.result {
        Err(Error::Graph(e)) => assert_eq!((e.kind, e.retry_after_ms), (ErrorKind::RateLimit, Some(120_000))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn call_never_retries_an_abort_a_post_or_a_final_error() {
    let run = drive(&mut get_user(), vec![Answer::Fail(Error::Aborted)], 0, 0);
    assert_eq!((run.log.len(), run.result), (1, Err(Error::Aborted)));
    let mut post = Call::new(crate::endpoints::comments::create_comment("1", "hi").unwrap(), RetryPolicy::default());
    let run = drive(&mut post, vec![status(503, "")], 0, 0);
    assert_eq!(run.log, vec!["POST 1/comments message=hi&access_token=TOKEN"]);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.status == 503));
    let run = drive(&mut get_user(), vec![status(400, &graph_error(190, false))], 0, 0);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.kind == ErrorKind::Auth));
}

#[test]
fn call_tells_what_a_typed_method_needs_when_meta_refuses_a_permission() {
    let insights = || crate::endpoints::insights::get_media_insights("1", Some(&json!({"metric": "reach"}))).unwrap();
    let named = || Operation { name: Some("getMediaInsights"), ..insights() };
    let needs = |config: Config, op: Operation, code: i64| match drive_in(
        config,
        &mut Call::new(op, RetryPolicy::default()),
        vec![status(403, &graph_error(code, false))],
        0,
        0,
    )
    .result
    {
        Err(Error::Graph(e)) => (e.kind, e.needs, e.to_string()),
        other => panic!("{other:?}"),
    };
    let facebook = ["instagram_basic", "instagram_manage_insights", "pages_read_engagement"];
    for code in [10, 200, 299] {
        let (kind, n, message) = needs(config(), named(), code);
        assert_eq!(kind, ErrorKind::Permission);
        assert_eq!(n.map(|n| (n.operation, n.permissions.to_vec())), Some(("getMediaInsights", facebook.to_vec())));
        assert!(message.starts_with("m (code "), "{message}");
        assert!(message.ends_with(". getMediaInsights needs instagram_basic, instagram_manage_insights, pages_read_engagement: client.diagnose() shows which of them the token lacks, and why"), "{message}");
    }
    // the permissions of the client's flavour
    let instagram = Config::new(Options {
        access_token: Some("TOKEN".into()),
        base_url: Some("http://127.0.0.1:9".into()),
        login: crate::config::Login::Instagram,
        ..Options::default()
    })
    .unwrap();
    let (_, n, _) = needs(instagram, named(), 10);
    assert_eq!(n.map(|n| n.permissions.to_vec()), Some(vec!["instagram_business_basic", "instagram_business_manage_insights"]));
    // a generic call (no name) and an error that is not a permission one tell nothing more
    let (kind, n, _) = needs(config(), insights(), 10);
    assert_eq!((kind, n), (ErrorKind::Permission, None));
    let (kind, n, message) = needs(config(), named(), 190);
    assert_eq!((kind, n), (ErrorKind::Auth, None));
    assert!(!message.contains("needs"), "{message}");
}

#[test]
fn an_invalid_token_of_the_other_flavour_is_named_with_the_login_to_use() {
    let config = |token: &str, login| {
        Config::new(Options { access_token: Some(token.into()), base_url: Some("http://127.0.0.1:9".into()), login, ..Options::default() })
            .unwrap()
    };
    let message =
        |config: Config, code: i64| match drive_in(config, &mut get_user(), vec![status(400, &graph_error(code, false))], 0, 0).result {
            Err(Error::Graph(e)) => (e.hint.is_some(), e.to_string()),
            other => panic!("{other:?}"),
        };
    use crate::config::Login::{Facebook, Instagram};
    let (hinted, text) = message(config("IGQVJxyz", Facebook), 190);
    assert!(
        hinted
            && text.ends_with(
                ". The token looks like an Instagram User token (it starts with IG): create the client with login: \"instagram\""
            ),
        "{text}"
    );
    assert!(!text.contains("IGQVJxyz"), "the token itself is never quoted: {text}");
    let (hinted, text) = message(config("EAAxyz", Instagram), 190);
    assert!(hinted && text.ends_with("create the client with login: \"facebook\" (the default)"), "{text}");
    // the right flavour, a token that says nothing, or another error: Meta's words alone
    for (token, login, code) in
        [("EAAxyz", Facebook, 190), ("IGQVJxyz", Instagram, 190), ("sandbox-token", Facebook, 190), ("IGQVJxyz", Facebook, 10)]
    {
        let (hinted, text) = message(config(token, login), code);
        assert!(!hinted && !text.contains("looks like"), "{token} {login:?} {code}: {text}");
    }
}

#[test]
fn call_reads_the_body_once_strips_secret_urls_and_checks_the_shape() {
    let op = media::list_user_edge("1", media::UserEdge::Media, None).unwrap();
    let page = json!({"data": [], "paging": {"next": "https://graph.facebook.com/v27.0/1/media?access_token=TOKEN&after=A"}});
    let run = drive(&mut Call::new(op.clone(), RetryPolicy::default()), vec![ok(page)], 0, 0);
    assert_eq!(run.result, Ok(json!({"data": [], "paging": {"next": "https://graph.facebook.com/v27.0/1/media?after=A"}})));
    let run = drive(&mut Call::new(op.clone(), RetryPolicy::default()), vec![ok(json!({"id": "1"}))], 0, 0);
    assert!(matches!(run.result, Err(Error::Decode { ref path, .. }) if path == "data"));
    let run = drive(&mut Call::new(op, RetryPolicy::default()), vec![status(200, "not json")], 0, 0);
    assert!(matches!(run.result, Err(Error::Decode { .. })));
    // a derived output (`listConnectedAccounts`)
    let accounts = user::list_connected_accounts(None).unwrap();
    let body = json!({"data": [{"id": "P1", "name": "Page", "instagram_business_account": {"id": "IG1", "username": "u"}}, {"id": "P2", "name": "No IG"}]});
    let run = drive(&mut Call::new(accounts, RetryPolicy::default()), vec![ok(body)], 0, 0);
    assert_eq!(run.result.unwrap()["data"], json!([{"pageId": "P1", "pageName": "Page", "igUserId": "IG1", "igUsername": "u"}]));
}

// --- Pages ---

fn list(data: Value, after: Option<&str>) -> Answer {
    match after {
        Some(a) => ok(json!({"data": data, "paging": {"cursors": {"after": a}, "next": format!("https://x/?after={a}")}})),
        None => ok(json!({"data": data})),
    }
}

fn pages() -> Pages {
    Pages::new(media::list_user_edge("1", media::UserEdge::Media, Some(&json!({"limit": 2}))).unwrap(), RetryPolicy::default())
}

#[test]
fn pages_follow_cursors_across_empty_pages_until_next_is_gone() {
    let mut flow = pages();
    let run = drive(&mut flow, vec![list(json!([1, 2]), Some("A"))], 0, 0);
    assert_eq!(run.log, vec!["GET 1/media?limit=2&access_token=TOKEN"]);
    assert_eq!(run.result.unwrap().unwrap()["data"], json!([1, 2]));
    // an empty page with a next cursor is skipped; the next page with items is yielded
    let run = drive(&mut flow, vec![list(json!([]), Some("B")), list(json!([3]), None)], 0, 0);
    assert_eq!(run.log, vec!["GET 1/media?limit=2&after=A&access_token=TOKEN", "GET 1/media?limit=2&after=B&access_token=TOKEN"]);
    assert_eq!(run.result.unwrap().unwrap()["data"], json!([3]));
    assert!(flow.finished());
    let run = drive(&mut flow, vec![], 0, 0);
    assert_eq!((run.log.len(), run.result), (0, Ok(None)));
}

#[test]
fn pages_stop_on_a_cursor_loop_and_on_an_empty_last_page() {
    let mut flow = pages();
    drive(&mut flow, vec![list(json!([1]), Some("A"))], 0, 0).result.unwrap();
    let run = drive(&mut flow, vec![list(json!([2]), Some("A"))], 0, 0);
    assert_eq!(run.result.unwrap().unwrap()["data"], json!([2]), "the page is yielded");
    assert!(flow.finished(), "but cursor A was followed before: no request for it again");
    let mut flow = pages();
    let run = drive(&mut flow, vec![list(json!([]), None)], 0, 0);
    assert_eq!(run.result, Ok(None));
}

#[test]
fn pages_retry_a_page_and_end_on_an_error() {
    let mut flow = pages();
    let run = drive(&mut flow, vec![status(500, ""), list(json!([1]), Some("A"))], 0, 0);
    assert_eq!(run.log.len(), 3);
    assert!(run.result.unwrap().is_some());
    let run = drive(&mut flow, vec![status(400, &graph_error(100, false))], 0, 0);
    assert!(run.result.is_err());
    assert!(flow.finished());
}

#[test]
fn pages_follow_time_based_paging() {
    let op = crate::endpoints::insights::get_user_insights("1", Some(&json!({"metric": "reach", "period": "day"}))).unwrap();
    let mut flow = Pages::new(op, RetryPolicy::default());
    let first = ok(json!({"data": [{"name": "reach"}], "paging": {"next": "https://x/?since=10&until=20"}}));
    drive(&mut flow, vec![first], 0, 0).result.unwrap();
    let run = drive(&mut flow, vec![list(json!([{"name": "reach"}]), None)], 0, 0);
    assert!(run.log[0].contains("since=10&until=20"), "{:?}", run.log);
}

// --- Batch ---

fn batch_of(n: usize) -> Batch {
    let reqs: Vec<Value> = (0..n).map(|i| json!({"method": "GET", "relativeUrl": format!("me/media?limit={i}")})).collect();
    Batch::new(parse_requests(&Value::Array(reqs)).unwrap(), RetryPolicy::default())
}

fn item(i: usize) -> Value {
    json!({"code": 200, "headers": [], "body": json!({"id": i.to_string()}).to_string()})
}

#[test]
fn batch_splits_over_50_and_keeps_order() {
    let first: Vec<Value> = (0..50).map(item).collect();
    let second: Vec<Value> = (50..60).map(item).collect();
    let run = drive(&mut batch_of(60), vec![ok(Value::Array(first)), ok(Value::Array(second))], 0, 0);
    assert_eq!(run.log.len(), 2);
    let results = run.result.unwrap();
    assert_eq!(results.len(), 60);
    assert_eq!(results[59], ItemResult::Ok { status: 200, headers: vec![], body: json!({"id": "59"}) });
}

#[test]
fn batch_sends_null_get_items_once_more() {
    let mut flow = Batch::new(
        parse_requests(&json!([
            {"method": "GET", "relativeUrl": "me?fields=a"},
            {"method": "POST", "relativeUrl": "me/feed"},
            {"method": "GET", "relativeUrl": "me?fields=c"},
        ]))
        .unwrap(),
        RetryPolicy::default(),
    );
    let run = drive(&mut flow, vec![ok(json!([null, null, item(2)])), ok(json!([null]))], 0, 0);
    assert_eq!(run.log.len(), 2, "only the GET item again, once");
    assert!(run.log[1].contains("fields%3Da"), "{}", run.log[1]);
    let r = run.result.unwrap();
    assert_eq!((r[0].clone(), r[1].clone()), (ItemResult::Null, ItemResult::Null), "a POST is never re-sent");
    assert!(matches!(r[2], ItemResult::Ok { .. }));
    // a second try that answers
    let run = drive(&mut batch_of(2), vec![ok(json!([null, item(1)])), ok(json!([item(0)]))], 0, 0);
    assert_eq!(run.result.unwrap()[0], ItemResult::Ok { status: 200, headers: vec![], body: json!({"id": "0"}) });
}

#[test]
fn batch_call_errors_end_the_flow() {
    let run = drive(&mut batch_of(1), vec![status(400, &graph_error(190, false))], 0, 0);
    assert!(matches!(run.result, Err(Error::Graph(_))));
}

// --- Publish ---

fn publish(post: Value, settings: PublishSettings) -> Publish {
    Publish::new("1", &post, settings, RetryPolicy::default()).unwrap()
}

fn container(code: &str) -> Answer {
    ok(json!({"id": "C", "status_code": code}))
}

fn reports(log: &[String]) -> Vec<Value> {
    log.iter().filter_map(|l| l.strip_prefix("report ")).map(|j| serde_json::from_str(j).unwrap()).collect()
}

#[test]
fn publish_creates_polls_and_publishes() {
    let run = drive(
        &mut publish(json!({"image_url": "https://x/a.jpg"}), PublishSettings::default()),
        vec![ok(json!({"id": "C"})), container("IN_PROGRESS"), container("FINISHED"), ok(json!({"id": "M"}))],
        0,
        0,
    );
    assert_eq!(run.result, Ok(json!({"id": "M", "containerId": "C"})));
    let sent: Vec<&String> = run.log.iter().filter(|l| !l.starts_with("report")).collect();
    assert_eq!(
        sent,
        vec![
            "POST 1/media image_url=https%3A%2F%2Fx%2Fa.jpg&access_token=TOKEN",
            "GET C?fields=id%2Cstatus_code%2Cstatus&access_token=TOKEN",
            "sleep 1000",
            "GET C?fields=id%2Cstatus_code%2Cstatus&access_token=TOKEN",
            "POST 1/media_publish creation_id=C&access_token=TOKEN",
        ]
    );
    let stages: Vec<(String, Value)> =
        reports(&run.log).into_iter().map(|r| (r["stage"].as_str().unwrap().to_owned(), r["statusCalls"].clone())).collect();
    assert_eq!(
        stages,
        vec![
            ("creating".into(), Value::Null),
            ("processing".into(), json!(1)),
            ("processing".into(), json!(2)),
            ("publishing".into(), Value::Null),
            ("published".into(), Value::Null),
        ]
    );
}

#[test]
fn publish_creates_every_child_then_polls_each_then_the_carousel() {
    let post = json!({"children": [{"image_url": "https://x/1.jpg"}, {"video_url": "https://x/2.mp4"}], "caption": "c"});
    let answers = vec![
        ok(json!({"id": "K1"})),
        ok(json!({"id": "K2"})),
        container("FINISHED"),
        container("FINISHED"),
        ok(json!({"id": "P"})),
        container("FINISHED"),
        ok(json!({"id": "M"})),
    ];
    let run = drive(&mut publish(post, PublishSettings::default()), answers, 0, 0);
    assert_eq!(run.result, Ok(json!({"id": "M", "containerId": "P"})));
    let sent: Vec<&String> = run.log.iter().filter(|l| l.starts_with("POST") || l.starts_with("GET")).collect();
    assert!(sent[0].contains("is_carousel_item=true") && sent[1].contains("media_type=VIDEO"));
    assert!(sent[2].starts_with("GET K1?") && sent[3].starts_with("GET K2?"));
    assert!(sent[4].contains("children=K1%2CK2") && sent[4].contains("media_type=CAROUSEL"), "{}", sent[4]);
    assert!(sent[5].starts_with("GET P?") && sent[6].contains("creation_id=P"));
}

#[test]
fn publish_fails_on_error_and_expired_containers() {
    for code in ["ERROR", "EXPIRED"] {
        let answers = vec![ok(json!({"id": "C"})), ok(json!({"id": "C", "status_code": code, "status": "Error: 2207026"}))];
        let run = drive(&mut publish(json!({"image_url": "u"}), PublishSettings::default()), answers, 0, 0);
        assert_eq!(run.result, Err(Error::Publish { container_id: "C".into(), status_code: code.into(), status: "Error: 2207026".into() }));
    }
}

#[test]
fn publish_polls_at_most_six_times_a_minute_and_times_out() {
    let mut answers = vec![ok(json!({"id": "C"}))];
    answers.extend((0..10).map(|_| container("IN_PROGRESS")));
    let run = drive(&mut publish(json!({"video_url": "u"}), PublishSettings::default()), answers, 0, 0);
    let sleeps: Vec<u64> = run.log.iter().filter_map(|l| l.strip_prefix("sleep ")).map(|n| n.parse().unwrap()).collect();
    assert_eq!(sleeps, vec![1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    // status calls at 0, 1.1, 3.2, 7.3 … s: any 60 s window holds at most 6
    let mut at = vec![0u64];
    for (i, s) in sleeps.iter().enumerate() {
        at.push(at[i] + s + 100);
    }
    for start in &at {
        assert!(at.iter().filter(|t| **t >= *start && **t < start + 60_000).count() <= 6, "{at:?}");
    }
    match run.result {
        Err(Error::PublishTimeout { container_id, waited_ms, status_code }) => {
            assert_eq!((container_id.as_str(), status_code.as_str()), ("C", "IN_PROGRESS"));
            assert!(waited_ms <= 300_000 && waited_ms + 60_000 > 300_000, "{waited_ms}");
        }
        other => panic!("{other:?}"),
    }
    assert!(run.clock - 1_000_000.0 <= 300_000.0 + 1_000.0);
    // a fixed interval, when the caller sets one
    let settings = PublishSettings { poll_interval_ms: Some(0), poll_timeout_ms: 1_000 };
    let run = drive(
        &mut publish(json!({"image_url": "u"}), settings),
        vec![ok(json!({"id": "C"})), container("IN_PROGRESS"), container("FINISHED"), ok(json!({"id": "M"}))],
        0,
        0,
    );
    assert!(run.log.contains(&"sleep 0".to_owned()));
    assert!(run.result.is_ok());
}

#[test]
fn publish_polls_again_after_transient_errors_and_100_33() {
    let not_found =
        json!({"error": {"message": "Unsupported get request", "type": "GraphMethodException", "code": 100, "error_subcode": 33}})
            .to_string();
    let answers = vec![
        ok(json!({"id": "C"})),
        status(400, &not_found),
        status(500, ""),
        Answer::Fail(Error::Connection { message: "reset".into() }),
        container("FINISHED"),
        ok(json!({"id": "M"})),
    ];
    let run = drive(&mut publish(json!({"image_url": "u"}), PublishSettings::default()), answers, 0, 0);
    assert_eq!(run.result, Ok(json!({"id": "M", "containerId": "C"})));
    let r = reports(&run.log);
    assert_eq!(r[1]["statusCalls"], json!(4), "every status call is counted: {r:?}");
    // a permission error while polling is final
    let answers = vec![ok(json!({"id": "C"})), status(403, &graph_error(10, false))];
    let run = drive(&mut publish(json!({"image_url": "u"}), PublishSettings::default()), answers, 0, 0);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.kind == ErrorKind::Permission));
    // a container create is a POST: never retried
    let run = drive(&mut publish(json!({"image_url": "u"}), PublishSettings::default()), vec![status(500, "")], 0, 0);
    assert!(run.result.is_err());
}

#[test]
fn publish_checks_the_post_before_anything_is_sent() {
    assert!(Publish::new("1", &json!({"caption": "no media"}), PublishSettings::default(), RetryPolicy::default()).is_err());
    assert!(Publish::new("../x", &json!({"image_url": "u"}), PublishSettings::default(), RetryPolicy::default()).is_err());
    let _ = publishing::CAPTION_LIMITS;
}

// --- Upload ---

fn upload(size: u64) -> Upload<String> {
    Upload::new("C", size, RetryPolicy::default()).unwrap()
}

fn offset(n: u64) -> Answer {
    ok(json!({"offset": n}))
}

fn done() -> Answer {
    ok(json!({"success": true, "message": "Upload successful"}))
}

#[test]
fn upload_sends_chunks_from_the_hosts_offset() {
    let run = drive(&mut upload(10), vec![offset(0), ok(json!({"success": true})), ok(json!({"success": true})), done()], 4, 10);
    let sent: Vec<&String> = run.log.iter().filter(|l| !l.starts_with("report")).collect();
    assert_eq!(sent, vec!["GET rupload:C", "CHUNK 0+4", "CHUNK 4+4", "CHUNK 8+2"]);
    assert_eq!(run.result, Ok(json!({"success": true, "message": "Upload successful"})));
    let progress: Vec<Value> = reports(&run.log).into_iter().map(|r| r["sentBytes"].clone()).collect();
    assert_eq!(progress, vec![json!(4), json!(8), json!(10)]);
}

#[test]
fn upload_resumes_a_cut_off_upload_where_the_host_stands() {
    let run = drive(&mut upload(10), vec![offset(6), done()], 4, 10);
    let sent: Vec<&String> = run.log.iter().filter(|l| !l.starts_with("report")).collect();
    assert_eq!(sent, vec!["GET rupload:C", "CHUNK 6+4"]);
    // a connection cut mid-chunk: wait, ask the host, go on from what it holds
    let answers = vec![offset(0), Answer::Fail(Error::Connection { message: "reset".into() }), offset(2), done()];
    let run = drive(&mut upload(6), answers, 4, 6);
    let sent: Vec<&String> = run.log.iter().filter(|l| !l.starts_with("report")).collect();
    assert_eq!(sent, vec!["GET rupload:C", "CHUNK 0+4", "sleep 500", "GET rupload:C", "CHUNK 2+4"]);
    assert!(run.result.is_ok());
}

#[test]
fn upload_retries_a_5xx_chunk_and_gives_up_when_the_host_does_not_move() {
    let answers = vec![offset(0), status(503, "<html>"), offset(0), done()];
    let run = drive(&mut upload(4), answers, 4, 4);
    assert!(run.result.is_ok(), "{:?}", run.result);
    let fails = vec![offset(0), status(503, ""), offset(0), status(503, ""), offset(0), status(503, ""), offset(0)];
    let run = drive(&mut upload(4), fails, 4, 4);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.status == 503), "{:?}", run.result);
    // a refused chunk (not retriable) gets one re-sync; a host that holds no more means it is real
    let refused = r#"{"debug_info":{"retriable":false,"type":"ProcessingFailedError","message":"offset mismatch"}}"#;
    let run = drive(&mut upload(8), vec![offset(0), status(400, refused), offset(4), done()], 4, 8);
    assert!(run.result.is_ok());
    let run = drive(&mut upload(8), vec![offset(0), status(400, refused), offset(0)], 4, 8);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.message.contains("offset mismatch")));
    // an abort is final at once
    let run = drive(&mut upload(8), vec![offset(0), Answer::Fail(Error::Aborted)], 4, 8);
    assert_eq!(run.result, Err(Error::Aborted));
}

#[test]
fn upload_refuses_data_shorter_than_its_size() {
    // the driver read an empty chunk at offset 4 of 8: the stream ended early
    let run = drive(&mut upload(8), vec![offset(0), ok(json!({"success": true})), ok(json!({"success": true}))], 4, 4);
    assert!(
        matches!(run.result, Err(Error::InvalidArgument { ref name, ref message }) if name == "data" && message.contains("byte 4 of the 8")),
        "{:?}",
        run.result
    );
}

#[test]
fn upload_says_when_the_host_already_holds_every_byte() {
    let run = drive(&mut upload(5), vec![offset(5)], 4, 5);
    assert_eq!(run.result, Ok(json!({"success": true, "message": "the upload host already holds all 5 bytes"})));
    assert_eq!(reports(&run.log), vec![json!({"sentBytes": 5, "totalBytes": 5})]);
    let run = drive(&mut upload(5), vec![offset(9)], 4, 5);
    assert!(matches!(run.result, Err(Error::Decode { ref path, .. }) if path == "offset"));
}

#[test]
fn hosted_upload_is_one_post_never_sent_again() {
    let hosted = || HostedUpload::new("C", "https://cdn.example.com/reel.mp4", &config()).unwrap();
    let run = drive(&mut hosted(), vec![ok(json!({"success": true, "message": "Upload successful."}))], 0, 0);
    assert_eq!(run.log, vec!["POST rupload:C"]);
    assert_eq!(run.result, Ok(json!({"success": true, "message": "Upload successful."})));
    // the host's refusal, a 5xx and a cut connection all end it: the POST may have taken effect
    let refused = r#"{"debug_info":{"retriable":false,"type":"ProcessingFailedError","message":"{\"success\":false,\"error\":{\"message\":\"unauthorized user request\"}}"}}"#;
    let run = drive(&mut hosted(), vec![status(400, refused)], 0, 0);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.message.contains("unauthorized user request")), "{:?}", run.result);
    let run = drive(&mut hosted(), vec![status(503, "")], 0, 0);
    assert!(matches!(run.result, Err(Error::Graph(ref e)) if e.status == 503));
    let run = drive(&mut hosted(), vec![Answer::Fail(Error::Connection { message: "reset".into() })], 0, 0);
    assert_eq!((run.log.len(), run.result), (1, Err(Error::Connection { message: "reset".into() })));
    let run = drive(&mut hosted(), vec![status(200, "<html>")], 0, 0);
    assert!(matches!(run.result, Err(Error::Decode { .. })));
    assert!(matches!(HostedUpload::new("C", "file:///x.mp4", &config()), Err(Error::InvalidArgument { .. })));
}

/// `read` cleans only the JSON strings that hold a secret's name: the same text as cleaning the
/// whole body at once, for every body of `page`'s own test and a few more.
#[test]
fn secrets_are_stripped_string_by_string_as_from_the_whole_text() {
    let bodies = [
        r#"{"data":[],"paging":{"next":"https:\/\/x\/?access_token=T&after=A","previous":"https:\/\/x\/?before=B&access_token=T"}}"#
            .to_owned(),
        json!({"id": "1", "comments": {"data": [{"id": "2", "replies": {"paging": {"next": "https://x/?appsecret_proof=P&after=C"}}}],
            "paging": {"next": "https://x/?access_token=T&after=B"}}})
        .to_string(),
        r#"{"n":"https://x/?a=1\u0026access_token=T\u0026b=2"}"#.to_owned(),
        r#"{"n":"https://x/?a=1\u0026access_token=T"}"#.to_owned(),
        r#"{"access_token":"EAAB","token_type":"bearer"}"#.to_owned(),
        r#"{"a":"x access_token=1","b":"https://x/?access_token=T&appsecret_proof=P","c":"?appsecret_proof=Q"}"#.to_owned(),
        "access_token=T&no quotes at all".to_owned(),
        r#"{"t":"?access_token=T"#.to_owned(),
        r#"{"data":[{"id":"1"}]}"#.to_owned(),
    ];
    for body in bodies {
        let whole = crate::page::strip_secret_params(&body).unwrap_or_else(|| body.clone());
        assert_eq!(super::strip_secrets(&body).unwrap_or_else(|| body.clone()), whole, "{body}");
    }
}
