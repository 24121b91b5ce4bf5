//! Content publishing: `POST /{ig-user-id}/media` (containers), `GET /{container-id}`,
//! `POST /{ig-user-id}/media_publish`, `GET /{ig-user-id}/content_publishing_limit`, the local
//! checks of every limit Meta states, and the plan of the one-call `publish` flow.
//! Reference: instagram-platform/content-publishing (2026-06-30) and the error-codes page
//! (shared/reference/graph-api.md §2.6, §4.3).

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Map, Object, Shape, ToJson, Value};
use crate::params::Params;

/// Caption limit, in Unicode code points (36004/2207010 past it).
pub const MAX_CAPTION_CHARS: usize = 2200;
/// Hashtags per caption (36004/2207010 past it).
///
/// NB (issue 12): Instagram announced in December 2025 that it would "gradually update the number
/// of hashtags that you can include in a caption for a reel or post to 5" (Instagram's post, as
/// reported at routenote.com/blog/Instagram-hashtags). Meta's API documentation still gives 30:
/// the Error Codes page (developers.facebook.com/documentation/instagram-platform/
/// instagram-graph-api/reference/error-codes, updated 2026-06-02) lists 36004/2207010 for a
/// caption over 2,200 characters, 30 hashtags or 20 @-tags, and no error, changelog entry or
/// recorded API response shows the Graph API rejecting 6 to 30. So the client keeps refusing
/// only what the API documents as rejected (over 30); `captionStats` reports the count, so a
/// form can warn at 5.
pub const MAX_HASHTAGS: usize = 30;
/// @-mentions per caption (100/2207040 past it).
pub const MAX_MENTIONS: usize = 20;
/// Carousel children (100/2207028 outside 2–10).
pub const CAROUSEL_CHILDREN: std::ops::RangeInclusive<usize> = 2..=10;
/// Collaborators per post (not on stories).
pub const MAX_COLLABORATORS: usize = 3;

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `#` followed by a letter, digit or `_`.
pub fn count_hashtags(caption: &str) -> usize {
    let chars: Vec<char> = caption.chars().collect();
    chars.windows(2).filter(|w| w[0] == '#' && is_tag_char(w[1])).count()
}

/// `@` followed by a letter, digit, `.` or `_`.
pub fn count_mentions(caption: &str) -> usize {
    let chars: Vec<char> = caption.chars().collect();
    chars.windows(2).filter(|w| w[0] == '@' && (is_tag_char(w[1]) || w[1] == '.')).count()
}

/// What a caption uses of each limit, counted as Meta counts (the one place the rules live:
/// `check_caption` and the JS `captionStats` both read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptionStats {
    /// Unicode code points.
    pub chars: usize,
    /// `#` followed by a letter, digit or `_`.
    pub hashtags: usize,
    /// `@` followed by a letter, digit, `.` or `_`.
    pub mentions: usize,
}

impl ToJson for CaptionStats {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("chars", &self.chars).member("hashtags", &self.hashtags).member("mentions", &self.mentions).end();
    }
}

/// The caption limits, in the shape of [`CaptionStats`].
pub const CAPTION_LIMITS: CaptionStats = CaptionStats { chars: MAX_CAPTION_CHARS, hashtags: MAX_HASHTAGS, mentions: MAX_MENTIONS };

/// Count a caption against the limits.
pub fn caption_stats(caption: &str) -> CaptionStats {
    CaptionStats { chars: caption.chars().count(), hashtags: count_hashtags(caption), mentions: count_mentions(caption) }
}

/// Check a caption against Meta's limits. `name` is how the caller spelt it (`post.caption`).
///
/// # Errors
/// [`Error::InvalidArgument`] naming the rule broken.
pub fn check_caption(caption: &str, name: &str) -> Result<(), Error> {
    let s = caption_stats(caption);
    if s.chars > MAX_CAPTION_CHARS {
        return Err(Error::invalid(name, format!("is {} characters; Instagram allows at most {MAX_CAPTION_CHARS}", s.chars)));
    }
    if s.hashtags > MAX_HASHTAGS {
        return Err(Error::invalid(name, format!("has {} hashtags; Instagram allows at most {MAX_HASHTAGS}", s.hashtags)));
    }
    if s.mentions > MAX_MENTIONS {
        return Err(Error::invalid(name, format!("has {} @-mentions; Instagram allows at most {MAX_MENTIONS}", s.mentions)));
    }
    Ok(())
}

fn obj<'a>(v: Option<&'a Value>, name: &str) -> Result<&'a Map, Error> {
    match v {
        Some(Value::Object(m)) => Ok(m),
        _ => Err(Error::invalid(name, "must be an object")),
    }
}

/// Check the container parameters every kind of post shares, before anything is sent.
fn check_container(m: &Map, name: &str) -> Result<(), Error> {
    if let Some(c) = m.get("caption").filter(|v| !v.is_null()) {
        let c = c.as_str().ok_or_else(|| Error::invalid(format!("{name}.caption"), "must be a string"))?;
        check_caption(c, &format!("{name}.caption"))?;
    }
    let is_story = m.get("media_type").and_then(Value::as_str) == Some("STORIES");
    if let Some(c) = m.get("collaborators").filter(|v| !v.is_null()) {
        let list = c.as_array().ok_or_else(|| Error::invalid(format!("{name}.collaborators"), "must be an array of usernames"))?;
        if is_story {
            return Err(Error::invalid(format!("{name}.collaborators"), "are not allowed on stories"));
        }
        if list.len() > MAX_COLLABORATORS {
            return Err(Error::invalid(
                format!("{name}.collaborators"),
                format!("has {} usernames; Instagram allows at most {MAX_COLLABORATORS}", list.len()),
            ));
        }
    }
    if let Some(children) = m.get("children").filter(|v| !v.is_null()) {
        let n = match children {
            Value::Array(a) => a.len(),
            other => crate::params::names(Some(other)).ok_or_else(|| Error::invalid(format!("{name}.children"), "must be an array"))?.len(),
        };
        if !CAROUSEL_CHILDREN.contains(&n) {
            return Err(Error::invalid(format!("{name}.children"), format!("has {n} items; a carousel needs 2 to 10")));
        }
    }
    Ok(())
}

/// `POST /{ig-user-id}/media`: create a media container (`image_url, video_url, media_type,
/// caption, children, is_carousel_item, location_id, user_tags, collaborators, cover_url,
/// thumb_offset, share_to_feed, audio_name, alt_text, upload_type, …`) → `{ id }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id or a parameter that breaks a documented limit.
pub fn create_container(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/media", node_id("igUserId", ig_user_id)?);
    check_container(obj(params, "params")?, "params")?;
    Ok(Operation::new(Method::Post, path, Params::from_json(params, "params")?, Shape::Object))
}

/// `GET /{container-id}?fields=id,status_code,status` (more `fields` may be asked for).
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn get_container(container_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let mut p = Params::from_json(params, "params")?;
    let fields = match p.get("fields") {
        Some(f) if !f.is_empty() => format!("id,status_code,status,{f}"),
        _ => "id,status_code,status".to_owned(),
    };
    p.set("fields", fields);
    Ok(Operation::new(Method::Get, node_id("containerId", container_id)?, p, Shape::Object))
}

/// `POST /{ig-user-id}/media_publish` `creation_id` → `{ id }` (the new media).
///
/// # Errors
/// [`Error::InvalidArgument`] for bad ids.
pub fn publish_container(ig_user_id: &str, container_id: &str) -> Result<Operation, Error> {
    let path = format!("{}/media_publish", node_id("igUserId", ig_user_id)?);
    node_id("containerId", container_id)?;
    let mut p = Params::new();
    p.push("creation_id", container_id);
    Ok(Operation::new(Method::Post, path, p, Shape::Object))
}

/// `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config` (`since`).
///
/// NB: Meta's pages disagree on the quota (100, 50, older 25): read `config.quota_total`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a bad id.
pub fn get_publishing_limit(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/content_publishing_limit", node_id("igUserId", ig_user_id)?);
    let mut p = Params::from_json(params, "params")?;
    p.set_default("fields", "quota_usage,config");
    Ok(Operation::new(Method::Get, path, p, Shape::List))
}

/// The containers of a `publish` call: the children of a carousel (each with
/// `is_carousel_item=true`), then the container that is published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishPlan {
    /// Carousel children, created first.
    pub children: Vec<Params>,
    /// The published container; for a carousel, `children` is filled in with the children's
    /// ids once they exist.
    pub parent: Params,
}

/// Check a `publish` post and plan its containers: `{ image_url }`, `{ video_url, media_type:
/// "REELS" }` (REELS is the default for a video), `{ media_type: "STORIES", image_url |
/// video_url }`, or `{ children: [2–10 × { image_url } | { video_url }] }`, plus the shared
/// fields (`caption`, `location_id`, `user_tags`, `collaborators`, …).
///
/// # Errors
/// [`Error::InvalidArgument`] naming the rule broken; nothing is sent.
pub fn plan_publish(post: Option<&Value>) -> Result<PublishPlan, Error> {
    let m = obj(post, "post")?;
    check_container(m, "post")?;
    let has = |k: &str| m.get(k).is_some_and(|v| !v.is_null());
    let sources = ["image_url", "video_url", "children"].iter().filter(|k| has(k)).count();
    if sources != 1 {
        return Err(Error::invalid("post", "needs exactly one of image_url, video_url or children"));
    }
    let mut parent_json = m.clone();
    let mut children = Vec::new();
    if let Some(Value::Array(items)) = m.get("children") {
        for (i, item) in items.iter().enumerate() {
            let name = format!("post.children[{i}]");
            let c = obj(Some(item), &name)?;
            let has_image = c.get("image_url").is_some_and(|v| v.is_string());
            let has_video = c.get("video_url").is_some_and(|v| v.is_string());
            if has_image == has_video {
                return Err(Error::invalid(name, "needs exactly one of image_url or video_url"));
            }
            if c.contains_key("caption") {
                return Err(Error::invalid(format!("{name}.caption"), "is not allowed on carousel items; caption the carousel"));
            }
            let mut p = Params::from_json(Some(item), &name)?;
            if has_video {
                p.set_default("media_type", "VIDEO");
            }
            p.set("is_carousel_item", "true");
            children.push(p);
        }
        parent_json.remove("children");
        parent_json.insert("media_type", Value::String("CAROUSEL".into()));
    } else if has("video_url") && !has("media_type") {
        // NB: feed videos became reels on 2023-07-01; `VIDEO` is legacy.
        parent_json.insert("media_type", Value::String("REELS".into()));
    }
    let parent = Params::from_json(Some(&Value::Object(parent_json)), "post")?;
    Ok(PublishPlan { children, parent })
}

/// Where a container stands, from `GET /{container-id}?fields=status_code,status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerState {
    /// `IN_PROGRESS` (or a code this client does not know yet): poll again.
    InProgress(String),
    /// `FINISHED`: ready to publish.
    Finished,
    /// `PUBLISHED`: already published.
    Published,
    /// `ERROR` or `EXPIRED`: give up, with Meta's `status` text.
    Failed {
        /// `ERROR` or `EXPIRED`.
        code: String,
        /// Meta's `status` text (it carries the 2207xxx subcode for errors).
        status: String,
    },
}

/// The `status_code`s Meta documents for a container (another one reads as `IN_PROGRESS`).
#[cfg(not(target_arch = "wasm32"))]
const CONTAINER_STATUS_CODES: &[&str] = &["EXPIRED", "ERROR", "FINISHED", "IN_PROGRESS", "PUBLISHED"];

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// [`CaptionStats`] as JS sees it (`captionStats`), and what [`create_container`] and
    /// [`plan_publish`] read.
    const CAPTION = {
        #[doc = "What a caption uses of a limit `publish` checks."]
        CaptionCounts {
            #[doc = "Unicode code points."]
            chars: "number",
            #[doc = "`#` followed by a letter, digit or `_`."]
            hashtags: "number",
            #[doc = "`@` followed by a letter, digit, `.` or `_`."]
            mentions: "number",
        }
        #[doc = "A person tagged on an image: `x`, `y` from 0 to 1."]
        UserTag {
            username: "string",
            x: "?number",
            y: "?number",
        }
        #[doc = "Parameters of `POST /{ig-user-id}/media` (a container). Parameters Meta adds (caption add-ons such as `poll_attachment`, `is_comment_prompt_used`) are accepted and sent as they are."]
        ContainerParams [open] {
            image_url: "?string",
            video_url: "?string",
            media_type: "?\"REELS\" | \"STORIES\" | \"CAROUSEL\" | \"VIDEO\"",
            #[doc = "At most 2,200 characters, 30 hashtags and 20 @-mentions (`captionStats` counts them)."]
            caption: "?string",
            #[doc = "A carousel's 2 to 10 containers."]
            children: "?readonly string[] | string",
            is_carousel_item: "?boolean",
            location_id: "?string",
            user_tags: "?readonly UserTag[]",
            product_tags: "?readonly { product_id: string; x?: number; y?: number }[]",
            #[doc = "At most 3 usernames; not on stories."]
            collaborators: "?readonly string[]",
            cover_url: "?string",
            thumb_offset: "?number",
            share_to_feed: "?boolean",
            audio_name: "?string",
            alt_text: "?string",
            trial_params: "?{ graduation_strategy: \"MANUAL\" | \"SS_PERFORMANCE\" }",
            is_ai_generated: "?boolean",
            upload_type: "?\"resumable\"",
        }
        #[doc = "The members every kind of `Post` but a story shares."]
        SharedPostFields {
            #[doc = "At most 2,200 characters, 30 hashtags and 20 @-mentions (`captionStats` counts them)."]
            caption: "?string",
            location_id: "?string",
            user_tags: "?readonly UserTag[]",
            #[doc = "At most 3 usernames."]
            collaborators: "?readonly string[]",
            alt_text: "?string",
            is_ai_generated: "?boolean",
        }
    }
}

/// `Post`, the shapes [`plan_publish`] takes: exactly one source (`image_url`, `video_url` or
/// `children`); a video without `media_type` is a reel; a story is `media_type: "STORIES"`.
#[cfg(not(target_arch = "wasm32"))]
const POST: &[&str] = &[
    "(SharedPostFields & { image_url: string; media_type?: undefined })",
    "(SharedPostFields & { video_url: string; media_type?: \"REELS\"; cover_url?: string; thumb_offset?: number; share_to_feed?: boolean; audio_name?: string; trial_params?: { graduation_strategy: \"MANUAL\" | \"SS_PERFORMANCE\" } })",
    "{ media_type: \"STORIES\"; image_url: string; video_url?: undefined }",
    "{ media_type: \"STORIES\"; video_url: string; image_url?: undefined }",
    "(SharedPostFields & { children: readonly ({ image_url: string; user_tags?: readonly UserTag[]; alt_text?: string } | { video_url: string })[] })",
];

/// `ContainerStatusCode` and `CaptionCounts`.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    let mut out = crate::typescript::string_union("", "ContainerStatusCode", CONTAINER_STATUS_CODES.iter().copied(), false);
    out.push_str(&crate::typescript::declare(CAPTION));
    let post: Vec<String> = POST.iter().map(|p| (*p).to_owned()).collect();
    out.push_str(&format!("/** One publication for `publish`. */\nexport type Post ={};\n\n", crate::typescript::wrap_union(&post)));
    out
}

/// Read a container's state.
///
/// # Errors
/// [`Error::Decode`] when `status_code` is missing.
pub fn container_state<V: crate::json::JsonView>(body: &V) -> Result<ContainerState, Error> {
    let code = body.member("status_code").and_then(|c| c.string()).ok_or_else(|| Error::decode("status_code", "expected a string"))?;
    let status = body.member("status").and_then(|s| s.string()).unwrap_or_default();
    Ok(match code.as_str() {
        "FINISHED" => ContainerState::Finished,
        "PUBLISHED" => ContainerState::Published,
        "ERROR" | "EXPIRED" => ContainerState::Failed { code: code.to_owned(), status },
        _ => ContainerState::InProgress(code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_declared_status_codes_and_counts_are_what_is_read_and_returned() {
        for code in CONTAINER_STATUS_CODES {
            let state = container_state(&&json!({"status_code": code})).unwrap();
            assert_eq!(matches!(state, ContainerState::InProgress(_)), *code == "IN_PROGRESS", "{code} is read as itself");
        }
        // One example of each shape of `Post` plans.
        let posts = [
            json!({"image_url": "u", "caption": "c", "location_id": "1", "user_tags": [{"username": "a", "x": 0.5, "y": 0.5}], "collaborators": ["b"], "alt_text": "a", "is_ai_generated": true}),
            json!({"video_url": "u", "media_type": "REELS", "cover_url": "c", "thumb_offset": 1, "share_to_feed": true, "audio_name": "a", "trial_params": {"graduation_strategy": "MANUAL"}}),
            json!({"media_type": "STORIES", "image_url": "u"}),
            json!({"media_type": "STORIES", "video_url": "u"}),
            json!({"children": [{"image_url": "u", "user_tags": [], "alt_text": "a"}, {"video_url": "v"}], "caption": "c"}),
        ];
        assert_eq!(posts.len(), POST.len());
        for post in &posts {
            plan_publish(Some(post)).unwrap_or_else(|e| panic!("{post}: {e}"));
        }
        let every: Map = CAPTION[2].members.iter().map(|m| (m.name.to_owned(), json!(null))).collect();
        assert!(create_container("1", Some(&Value::Object(every))).is_ok(), "every declared parameter is taken");
        for stats in [caption_stats("hi #a @b"), CAPTION_LIMITS] {
            crate::typescript::fits(&crate::json::to_serde(&stats), "CaptionCounts", CAPTION).unwrap();
        }
    }
    use crate::endpoints::tests::golden;
    use crate::json::json;

    const BASE: &str = "https://graph.facebook.com/v27.0";

    fn err_name(r: Result<impl std::fmt::Debug, Error>) -> String {
        match r {
            Err(Error::InvalidArgument { name, .. }) => name,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn golden_requests() {
        let op = create_container("17841405822304914", Some(&json!({
            "image_url": "https://example.com/a.jpg", "caption": "#coffee time", "user_tags": [{"username": "barista", "x": 0.5, "y": 0.5}]
        }))).unwrap();
        assert_eq!(
            golden(&op),
            ("POST", format!("{BASE}/17841405822304914/media"), Some("caption=%23coffee%20time&image_url=https%3A%2F%2Fexample.com%2Fa.jpg&user_tags=%5B%7B%22username%22%3A%22barista%22%2C%22x%22%3A0.5%2C%22y%22%3A0.5%7D%5D&access_token=TOKEN".into()))
        );
        let op = get_container("17889615691921648", None).unwrap();
        assert_eq!(golden(&op).1, format!("{BASE}/17889615691921648?fields=id%2Cstatus_code%2Cstatus&access_token=TOKEN"));
        let op = publish_container("17841405822304914", "17889615691921648").unwrap();
        assert_eq!(
            golden(&op),
            ("POST", format!("{BASE}/17841405822304914/media_publish"), Some("creation_id=17889615691921648&access_token=TOKEN".into()))
        );
        let op = get_publishing_limit("17841405822304914", None).unwrap();
        assert_eq!(
            golden(&op).1,
            format!("{BASE}/17841405822304914/content_publishing_limit?fields=quota_usage%2Cconfig&access_token=TOKEN")
        );
    }

    #[test]
    fn limits_are_checked_exactly_at_the_edge() {
        let at = |n: usize, unit: &str| (0..n).map(|i| format!("{unit}{i}")).collect::<Vec<_>>().join(" ");
        assert!(check_caption(&"é".repeat(2200), "c").is_ok());
        assert!(check_caption(&"é".repeat(2201), "c").is_err());
        assert!(check_caption(&at(30, "#t"), "c").is_ok());
        assert!(check_caption(&at(31, "#t"), "c").is_err());
        assert!(check_caption(&at(20, "@u"), "c").is_ok());
        assert!(check_caption(&at(21, "@u"), "c").is_err());
        assert_eq!(count_hashtags("# not #ok #_x #ü ##"), 3);
        assert_eq!(count_mentions("@a @.b @ c me@x"), 3);
        assert_eq!(err_name(create_container("1", Some(&json!({"caption": at(31, "#t")})))), "params.caption");
        assert_eq!(err_name(create_container("1", Some(&json!({"children": ["1"]})))), "params.children");
        assert_eq!(
            err_name(create_container("1", Some(&json!({"media_type": "STORIES", "collaborators": ["a"]})))),
            "params.collaborators"
        );
        assert_eq!(err_name(create_container("1", Some(&json!({"collaborators": ["a", "b", "c", "d"]})))), "params.collaborators");
        assert!(create_container("1", Some(&json!({"collaborators": ["a", "b", "c"], "image_url": "u"}))).is_ok());
    }

    /// Issue 12: 6 to 30 hashtags are not refused (Meta's API documents 30; see [`MAX_HASHTAGS`]),
    /// and the count is reported either way.
    #[test]
    fn hashtags_over_instagrams_announced_five_are_sent() {
        let six = "#a #b #c #d #e #f";
        assert!(check_caption(six, "c").is_ok());
        assert_eq!(caption_stats(six).hashtags, 6);
        assert!(create_container("1", Some(&json!({"image_url": "u", "caption": six}))).is_ok());
        assert_eq!(CAPTION_LIMITS.hashtags, 30);
    }

    #[test]
    fn publish_plans() {
        let p = plan_publish(Some(&json!({"image_url": "https://x/a.jpg", "caption": "hi"}))).unwrap();
        assert!(p.children.is_empty());
        assert_eq!(p.parent.encode(), "caption=hi&image_url=https%3A%2F%2Fx%2Fa.jpg");
        let p = plan_publish(Some(&json!({"video_url": "https://x/v.mp4"}))).unwrap();
        assert_eq!(p.parent.get("media_type"), Some("REELS"));
        let p = plan_publish(Some(&json!({"children": [{"image_url": "a"}, {"video_url": "b"}], "caption": "c"}))).unwrap();
        assert_eq!(p.children.len(), 2);
        assert_eq!(p.children[0].encode(), "image_url=a&is_carousel_item=true");
        assert_eq!(p.children[1].encode(), "video_url=b&media_type=VIDEO&is_carousel_item=true");
        assert_eq!(p.parent.encode(), "caption=c&media_type=CAROUSEL");
        let ten: Vec<Value> = (0..10).map(|i| json!({"image_url": format!("u{i}")})).collect();
        assert!(plan_publish(Some(&json!({"children": ten}))).is_ok());
        let eleven: Vec<Value> = (0..11).map(|i| json!({"image_url": format!("u{i}")})).collect();
        assert_eq!(err_name(plan_publish(Some(&json!({"children": eleven})))), "post.children");
        assert_eq!(err_name(plan_publish(Some(&json!({"children": [{"image_url": "a"}]})))), "post.children");
        assert_eq!(
            err_name(plan_publish(Some(&json!({"children": [{"image_url": "a"}, {"image_url": "b", "caption": "x"}]})))),
            "post.children[1].caption"
        );
        assert_eq!(err_name(plan_publish(Some(&json!({"children": [{"image_url": "a"}, {}]})))), "post.children[1]");
        assert_eq!(err_name(plan_publish(Some(&json!({"image_url": "a", "video_url": "b"})))), "post");
        assert_eq!(err_name(plan_publish(Some(&json!({"caption": "x"})))), "post");
        assert_eq!(err_name(plan_publish(None)), "post");
        assert_eq!(
            err_name(plan_publish(Some(&json!({"media_type": "STORIES", "image_url": "a", "collaborators": ["x"]})))),
            "post.collaborators"
        );
    }

    #[test]
    fn container_states() {
        assert_eq!(container_state(&json!({"status_code": "FINISHED"})), Ok(ContainerState::Finished));
        assert_eq!(container_state(&json!({"status_code": "IN_PROGRESS"})), Ok(ContainerState::InProgress("IN_PROGRESS".into())));
        assert_eq!(
            container_state(&json!({"status_code": "ERROR", "status": "Error: Media upload has failed with error code 2207052"})),
            Ok(ContainerState::Failed { code: "ERROR".into(), status: "Error: Media upload has failed with error code 2207052".into() })
        );
        assert_eq!(
            container_state(&json!({"status_code": "EXPIRED"})),
            Ok(ContainerState::Failed { code: "EXPIRED".into(), status: String::new() })
        );
        assert_eq!(container_state(&json!({"id": "1"})), Err(Error::decode("status_code", "expected a string")));
    }
}
