//! Insights: `GET /{ig-user-id}/insights` and `GET /{ig-media-id}/insights`.
//! Reference: instagram-platform/api-reference/instagram-user/insights (2026-06-16) and
//! …/instagram-media/insights (2026-06-18); changelogs (shared/reference/graph-api.md §3).
//!
//! NB: one removed metric fails the whole request (#100), losing the others in the call, so
//! removed metrics are refused here, before anything is sent, with the replacement named. So is
//! a metric that the media's product type lacks, when the caller says which type it is (the
//! `media_product_type` parameter of `getMediaInsights`, read here and never sent). Only what
//! Meta rejects is refused: a metric Meta still answers passes, deprecated or not.

use crate::json::Value;

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// Account metrics Meta removed, with what replaces them.
///
/// NB: `profile_views` and `website_clicks` are not here. They were announced as deprecated with
/// v21 (Instagram Platform changelog, developers.facebook.com/docs/instagram-platform/changelog),
/// but they are still in the metric enum of Meta's v25.0 spec (facebook-business-sdk-codegen,
/// `api_specs/specs/IGUser.json`, `insights` → `metric`), a live (#100) error lists them among
/// the allowed metrics, and apps request `profile_views` with `metric_type=total_value` and get
/// answers (shared/reference/graph-api.md §3.1, "Correction (2026-12)"). Meta accepts them, so
/// they pass.
const REMOVED_USER_METRICS: &[(&str, &str)] = &[
    ("impressions", "use `views` (impressions was removed for all versions on 2025-04-21)"),
    ("email_contacts", "removed on 2024-10-02; use `profile_links_taps` (breakdown `contact_button_type`)"),
    ("get_directions_clicks", "removed on 2024-10-02; use `profile_links_taps` (breakdown `contact_button_type`)"),
    ("phone_call_clicks", "removed on 2024-10-02; use `profile_links_taps` (breakdown `contact_button_type`)"),
    ("text_message_clicks", "removed on 2024-10-02; use `profile_links_taps` (breakdown `contact_button_type`)"),
    ("audience_city", "use `follower_demographics` with breakdown `city`"),
    ("audience_country", "use `follower_demographics` with breakdown `country`"),
    ("audience_gender_age", "use `follower_demographics` with breakdown `age,gender`"),
    ("audience_locale", "removed; use `follower_demographics` (breakdown `country`)"),
];

/// Media metrics Meta removed, with what replaces them.
const REMOVED_MEDIA_METRICS: &[(&str, &str)] = &[
    ("impressions", "use `views` (impressions was removed for all versions on 2025-04-21)"),
    ("plays", "use `views` (plays was removed on 2025-04-21)"),
    ("clips_replays_count", "use `views` (removed on 2025-04-21)"),
    ("ig_reels_aggregated_all_plays_count", "use `views` (removed on 2025-04-21)"),
    ("video_views", "use `views` (video_views was removed)"),
    ("engagement", "use `total_interactions`"),
    ("carousel_album_engagement", "use `total_interactions` on the carousel"),
    ("carousel_album_impressions", "use `views` on the carousel"),
    ("carousel_album_reach", "use `reach` on the carousel"),
    ("carousel_album_saved", "use `saved` on the carousel"),
    ("carousel_album_video_views", "use `views` on the carousel"),
    ("story_exits", "use `navigation` with breakdown `story_navigation_action_type`"),
    ("taps_forward", "use `navigation` with breakdown `story_navigation_action_type`"),
    ("taps_back", "use `navigation` with breakdown `story_navigation_action_type`"),
    ("exits", "use `navigation` with breakdown `story_navigation_action_type`"),
    ("video_photo_engagement", "use `total_interactions`"),
];

/// Media metrics that exist for one media product type only, with that type.
///
/// NB: Meta fails the whole request for a metric the media's product type lacks: "(#100) The
/// Media Insights API does not support the impressions, replies metric for this media product
/// type." (a REELS media, v20.0; recorded in a Stack Exchange question, republished at
/// volcengine.com/article/1139570). Which metric each type has is the "Media Product Type"
/// column of Meta's metric table, developers.facebook.com/docs/instagram-platform/reference/
/// instagram-media/insights (updated 2026-06-18): `ig_reels_avg_watch_time`,
/// `ig_reels_video_view_total_time` and `reels_skip_rate` are REELS only; `navigation` and
/// `replies` are STORY only. Only these exclusive metrics are checked: the shared ones pass for
/// every type, and nothing is checked for `AD` media or a type the client does not know.
const ONE_TYPE_MEDIA_METRICS: &[(&str, &str)] = &[
    ("ig_reels_avg_watch_time", "REELS"),
    ("ig_reels_video_view_total_time", "REELS"),
    ("reels_skip_rate", "REELS"),
    ("navigation", "STORY"),
    ("replies", "STORY"),
];

/// The product types [`ONE_TYPE_MEDIA_METRICS`] is checked for.
const CHECKED_PRODUCT_TYPES: &[&str] = &["FEED", "REELS", "STORY"];

/// Refuse a metric that `media_product_type` lacks, naming what to do instead.
fn check_media_product_type(params: &Params, product_type: &str) -> Result<(), Error> {
    let product_type = product_type.trim().to_ascii_uppercase();
    if !CHECKED_PRODUCT_TYPES.contains(&product_type.as_str()) {
        return Ok(());
    }
    let metric = params.get("metric").unwrap_or_default();
    for m in metric.split(',').map(str::trim) {
        if let Some((_, only)) = ONE_TYPE_MEDIA_METRICS.iter().find(|(name, only)| *name == m && *only != product_type) {
            return Err(Error::invalid(
                "params.metric",
                format!(
                    "`{m}` exists only for {only} media, and Meta fails the whole request for a {product_type} media that asks for it; \
                     leave it out (`views`, `reach`, `total_interactions` work for every type)"
                ),
            ));
        }
    }
    Ok(())
}

const PERIODS: &[&str] = &["day", "week", "days_28", "month", "lifetime", "total_over_range"];
const METRIC_TYPES: &[&str] = &["default", "time_series", "total_value"];
const TIMEFRAMES: &[&str] = &["this_week", "this_month", "last_14_days", "last_30_days", "last_90_days", "prev_month"];

/// The account metrics Meta documents (a name outside these and [`REMOVED_USER_METRICS`] passes:
/// Meta adds metrics). `profile_views` and `website_clicks` are deprecated but answered (see
/// [`REMOVED_USER_METRICS`]).
#[cfg(not(target_arch = "wasm32"))]
const USER_METRICS: &[&str] = &[
    "reach",
    "views",
    "accounts_engaged",
    "total_interactions",
    "likes",
    "comments",
    "shares",
    "saves",
    "replies",
    "reposts",
    "profile_links_taps",
    "follows_and_unfollows",
    "follower_count",
    "online_followers",
    "follower_demographics",
    "engaged_audience_demographics",
    "profile_views",
    "website_clicks",
];

/// The media metrics Meta documents (those of one product type: [`ONE_TYPE_MEDIA_METRICS`]).
#[cfg(not(target_arch = "wasm32"))]
const MEDIA_METRICS: &[&str] = &[
    "views",
    "reach",
    "likes",
    "comments",
    "shares",
    "saved",
    "total_interactions",
    "follows",
    "profile_visits",
    "profile_activity",
    "replies",
    "navigation",
    "ig_reels_avg_watch_time",
    "ig_reels_video_view_total_time",
    "reels_skip_rate",
    "reposts",
    "crossposted_views",
    "facebook_views",
    "total_likes",
    "total_comments",
    "total_views",
    "content_views",
];

/// The media breakdowns Meta documents (others pass).
#[cfg(not(target_arch = "wasm32"))]
const MEDIA_BREAKDOWNS: &[&str] = &["action_type", "follow_type", "story_navigation_action_type", "surface_type"];

/// The metric unions and the parameters of both operations: the metrics Meta documents (a
/// removed one is not among them, so `tsc` refuses it in a list), and the values of `period`,
/// `metric_type` and `timeframe` this module checks.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    use crate::typescript::{declare, interfaces, string_union};
    let mut out = string_union("", "InsightPeriod", PERIODS.iter().copied(), false);
    out.push_str(&string_union("", "InsightMetricType", METRIC_TYPES.iter().copied(), false));
    out.push_str(&string_union("", "InsightTimeframe", TIMEFRAMES.iter().copied(), false));
    out.push_str(&string_union("An account metric Meta documents (`getUserInsights`).", "UserMetric", USER_METRICS.iter().copied(), false));
    out.push_str(&string_union("A media metric Meta documents (`getMediaInsights`).", "MediaMetric", MEDIA_METRICS.iter().copied(), false));
    out.push_str(&string_union("A media breakdown Meta documents.", "MediaInsightsBreakdown", MEDIA_BREAKDOWNS.iter().copied(), true));
    interfaces! {
        const PARAMS = {
            #[doc = "`getUserInsights`'s parameters: a removed metric (`impressions`, …) is refused before sending, with its replacement named."]
            UserInsightsParams {
                #[doc = "A metric, a list of them, or a comma-separated string."]
                metric: "UserMetric | readonly UserMetric[] | (string & {})",
                period: "?InsightPeriod",
                metric_type: "?InsightMetricType",
                breakdown: "?string | readonly string[]",
                #[doc = "Demographics. Meta documents `this_week` and `this_month`; its spec also lists the older values."]
                timeframe: "?InsightTimeframe",
                since: "?number | string",
                until: "?number | string",
            }
            #[doc = "`getMediaInsights`'s parameters: a removed metric is refused before sending, with its replacement named."]
            MediaInsightsParams {
                metric: "MediaMetric | readonly MediaMetric[] | (string & {})",
                #[doc = "The media's `media_product_type` (from `getMedia`), when known. Not sent: with it the client refuses, before sending, a metric that product type lacks (Meta would fail the whole call), e.g. `ig_reels_avg_watch_time` on FEED media or `replies` on REELS."]
                media_product_type: "?MediaProductType",
                period: "?InsightPeriod",
                breakdown: "?MediaInsightsBreakdown",
            }
        }
    }
    out.push_str(&declare(PARAMS));
    out
}

fn check_metrics(params: &Params, removed: &[(&str, &str)]) -> Result<(), Error> {
    let metric = params.get("metric").map(str::trim).unwrap_or_default();
    if metric.is_empty() {
        return Err(Error::invalid("params.metric", "is required: one or more metric names"));
    }
    for m in metric.split(',').map(str::trim) {
        if let Some((_, instead)) = removed.iter().find(|(name, _)| *name == m) {
            return Err(Error::invalid("params.metric", format!("`{m}` is no longer available: {instead}")));
        }
    }
    Ok(())
}

fn check_enum(params: &Params, key: &str, allowed: &[&str]) -> Result<(), Error> {
    match params.get(key) {
        Some(v) if !allowed.contains(&v) => Err(Error::invalid(format!("params.{key}"), format!("must be one of {}", allowed.join(", ")))),
        _ => Ok(()),
    }
}

/// `GET /{ig-user-id}/insights` (`metric*, period, metric_type, breakdown, timeframe, since, until`).
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing or removed metric, or an unknown `period`,
/// `metric_type` or `timeframe`.
pub fn get_user_insights(ig_user_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/insights", node_id("igUserId", ig_user_id)?);
    let p = Params::from_json(params, "params")?;
    check_metrics(&p, REMOVED_USER_METRICS)?;
    check_enum(&p, "period", PERIODS)?;
    check_enum(&p, "metric_type", METRIC_TYPES)?;
    check_enum(&p, "timeframe", TIMEFRAMES)?;
    Ok(Operation::new(Method::Get, path, p, Shape::List))
}

/// `GET /{ig-media-id}/insights` (`metric*, period, breakdown`). The optional parameter
/// `media_product_type` (`FEED`, `REELS`, `STORY`, `AD`, as `GET /{ig-media-id}` reports it) is
/// the client's, not Meta's: it is not sent, and lets the client refuse a metric that type lacks.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing or removed metric, a metric the given
/// `media_product_type` lacks, or an unknown `period`.
pub fn get_media_insights(media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/insights", node_id("mediaId", media_id)?);
    let mut p = Params::from_json(params, "params")?;
    let product_type = p.remove("media_product_type");
    check_metrics(&p, REMOVED_MEDIA_METRICS)?;
    if let Some(t) = product_type {
        check_media_product_type(&p, &t)?;
    }
    check_enum(&p, "period", PERIODS)?;
    Ok(Operation::new(Method::Get, path, p, Shape::List))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use crate::json::json;

    #[test]
    fn golden_requests() {
        let op = get_user_insights(
            "17841405822304914",
            Some(&json!({"metric": ["reach", "views"], "period": "day", "metric_type": "total_value", "breakdown": "media_product_type", "since": 1_700_000_000, "until": 1_702_592_000})),
        )
        .unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17841405822304914/insights?breakdown=media_product_type&metric=reach%2Cviews&metric_type=total_value&period=day&since=1700000000&until=1702592000&access_token=TOKEN"
        );
        let op = get_media_insights("17895695668004550", Some(&json!({"metric": "reach,likes,saved,shares"}))).unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17895695668004550/insights?metric=reach%2Clikes%2Csaved%2Cshares&access_token=TOKEN"
        );
    }

    #[test]
    fn removed_metrics_are_refused_with_the_replacement() {
        let msg = |r: Result<Operation, Error>| match r {
            Err(Error::InvalidArgument { name, message }) => format!("{name}: {message}"),
            other => panic!("{other:?}"),
        };
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach,impressions", "period": "day"})))).contains("use `views`"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "email_contacts"})))).contains("profile_links_taps"));
        assert!(msg(get_media_insights("1", Some(&json!({"metric": ["plays"]})))).contains("use `views`"));
        assert!(msg(get_media_insights("1", Some(&json!({"metric": "video_views"})))).contains("use `views`"));
        assert!(msg(get_media_insights("1", Some(&json!({})))).starts_with("params.metric: is required"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach", "period": "yearly"})))).starts_with("params.period"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach", "metric_type": "sum"})))).starts_with("params.metric_type"));
        // current metrics pass, including on media
        assert!(get_media_insights("1", Some(&json!({"metric": "views,reach,total_interactions"}))).is_ok());
    }

    /// Issue 12: `profile_views` and `website_clicks` are still in Meta's v25.0 metric enum and
    /// still answered (see [`REMOVED_USER_METRICS`]); the client must not refuse them.
    #[test]
    fn profile_views_and_website_clicks_are_sent() {
        let op = get_user_insights(
            "17841405822304914",
            Some(&json!({"metric": "profile_views,website_clicks", "period": "day", "metric_type": "total_value"})),
        )
        .unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17841405822304914/insights?metric=profile_views%2Cwebsite_clicks&metric_type=total_value&period=day&access_token=TOKEN"
        );
        // and no text claims they were removed on 2024-10-02
        for (name, instead) in REMOVED_USER_METRICS {
            assert!(!["profile_views", "website_clicks"].contains(name), "{name}: {instead}");
        }
    }

    /// Issue 12: a metric the media product type lacks fails Meta's whole request, so it is
    /// refused when the caller names the type; `media_product_type` itself is never sent.
    #[test]
    fn metric_by_media_product_type() {
        let msg = |r: Result<Operation, Error>| match r {
            Err(Error::InvalidArgument { name, message }) => format!("{name}: {message}"),
            other => panic!("{other:?}"),
        };
        let m = msg(get_media_insights("1", Some(&json!({"metric": "reach,ig_reels_avg_watch_time", "media_product_type": "FEED"}))));
        assert!(m.starts_with("params.metric: `ig_reels_avg_watch_time` exists only for REELS media"), "{m}");
        assert!(
            msg(get_media_insights("1", Some(&json!({"metric": ["replies"], "media_product_type": "REELS"})))).contains("only for STORY")
        );
        assert!(
            msg(get_media_insights("1", Some(&json!({"metric": "navigation", "media_product_type": "feed"})))).contains("only for STORY")
        );
        assert!(msg(get_media_insights("1", Some(&json!({"metric": "reels_skip_rate", "media_product_type": "STORY"}))))
            .contains("only for REELS"));
        // what the type has passes, and the hint is not sent
        let op = get_media_insights(
            "17895695668004550",
            Some(&json!({"metric": "views,ig_reels_avg_watch_time", "media_product_type": "REELS"})),
        )
        .unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v27.0/17895695668004550/insights?metric=views%2Cig_reels_avg_watch_time&access_token=TOKEN"
        );
        assert!(get_media_insights("1", Some(&json!({"metric": "navigation,replies,reach", "media_product_type": "STORY"}))).is_ok());
        // shared metrics pass for every type; unknown types and AD are not checked
        for t in ["FEED", "REELS", "STORY", "AD", "SOMETHING_NEW"] {
            assert!(
                get_media_insights("1", Some(&json!({"metric": "views,reach,total_interactions,shares", "media_product_type": t}))).is_ok(),
                "{t}"
            );
        }
        assert!(get_media_insights("1", Some(&json!({"metric": "ig_reels_avg_watch_time", "media_product_type": "AD"}))).is_ok());
        // without a type nothing is refused for the type
        assert!(get_media_insights("1", Some(&json!({"metric": "replies,ig_reels_avg_watch_time"}))).is_ok());
    }

    /// The metric unions hold no removed metric, and every metric of one product type.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_declared_metrics_are_the_documented_ones() {
        for (known, removed) in [(USER_METRICS, REMOVED_USER_METRICS), (MEDIA_METRICS, REMOVED_MEDIA_METRICS)] {
            for (name, _) in removed {
                assert!(!known.contains(name), "{name} is removed");
            }
            for m in known {
                assert!(check_metrics(&Params::from_json(Some(&json!({"metric": m})), "params").unwrap(), removed).is_ok(), "{m}");
            }
        }
        for (m, product_type) in ONE_TYPE_MEDIA_METRICS {
            assert!(MEDIA_METRICS.contains(m), "{m}");
            assert!(crate::models::MEDIA_PRODUCT_TYPES.contains(product_type), "{product_type}");
        }
        assert!(CHECKED_PRODUCT_TYPES.iter().all(|t| crate::models::MEDIA_PRODUCT_TYPES.contains(t)));
        let ts = typescript();
        for t in TIMEFRAMES.iter().chain(METRIC_TYPES).chain(PERIODS) {
            assert!(ts.contains(&format!("\"{t}\"")), "{t}");
        }
    }
}
