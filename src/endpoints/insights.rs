//! Insights: `GET /{ig-user-id}/insights` and `GET /{ig-media-id}/insights`.
//! Reference: instagram-platform/api-reference/instagram-user/insights (2026-06-16) and
//! …/instagram-media/insights (2026-06-18); changelogs (shared/reference/graph-api.md §3).
//!
//! NB: one removed metric fails the whole request (#100), losing the others in the call, so
//! removed metrics are refused here, before anything is sent, with the replacement named.

use serde_json::Value;

use super::{node_id, Operation};
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// Account metrics Meta removed, with what replaces them.
const REMOVED_USER_METRICS: &[(&str, &str)] = &[
    ("impressions", "use `views` (impressions was removed for all versions on 2025-04-21)"),
    ("profile_views", "removed on 2024-10-02; use `profile_links_taps` or media `profile_visits`"),
    ("website_clicks", "removed on 2024-10-02; use `profile_links_taps` (breakdown `contact_button_type`)"),
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

const PERIODS: &[&str] = &["day", "week", "days_28", "month", "lifetime", "total_over_range"];
const METRIC_TYPES: &[&str] = &["default", "time_series", "total_value"];
const TIMEFRAMES: &[&str] = &["this_week", "this_month", "last_14_days", "last_30_days", "last_90_days", "prev_month"];

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
        Some(v) if !allowed.contains(&v) => {
            Err(Error::invalid(format!("params.{key}"), format!("must be one of {}", allowed.join(", "))))
        }
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

/// `GET /{ig-media-id}/insights` (`metric*, period, breakdown`).
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing or removed metric, or an unknown `period`.
pub fn get_media_insights(media_id: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let path = format!("{}/insights", node_id("mediaId", media_id)?);
    let p = Params::from_json(params, "params")?;
    check_metrics(&p, REMOVED_MEDIA_METRICS)?;
    check_enum(&p, "period", PERIODS)?;
    Ok(Operation::new(Method::Get, path, p, Shape::List))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::tests::golden;
    use serde_json::json;

    #[test]
    fn golden_requests() {
        let op = get_user_insights(
            "17841405822304914",
            Some(&json!({"metric": ["reach", "views"], "period": "day", "metric_type": "total_value", "breakdown": "media_product_type", "since": 1_700_000_000, "until": 1_702_592_000})),
        )
        .unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v25.0/17841405822304914/insights?breakdown=media_product_type&metric=reach%2Cviews&metric_type=total_value&period=day&since=1700000000&until=1702592000&access_token=TOKEN"
        );
        let op = get_media_insights("17895695668004550", Some(&json!({"metric": "reach,likes,saved,shares"}))).unwrap();
        assert_eq!(
            golden(&op).1,
            "https://graph.facebook.com/v25.0/17895695668004550/insights?metric=reach%2Clikes%2Csaved%2Cshares&access_token=TOKEN"
        );
    }

    #[test]
    fn removed_metrics_are_refused_with_the_replacement() {
        let msg = |r: Result<Operation, Error>| match r {
            Err(Error::InvalidArgument { name, message }) => format!("{name}: {message}"),
            other => panic!("{other:?}"),
        };
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach,impressions", "period": "day"})))).contains("use `views`"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "website_clicks"})))).contains("profile_links_taps"));
        assert!(msg(get_media_insights("1", Some(&json!({"metric": ["plays"]})))).contains("use `views`"));
        assert!(msg(get_media_insights("1", Some(&json!({"metric": "video_views"})))).contains("use `views`"));
        assert!(msg(get_media_insights("1", Some(&json!({})))).starts_with("params.metric: is required"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach", "period": "yearly"})))).starts_with("params.period"));
        assert!(msg(get_user_insights("1", Some(&json!({"metric": "reach", "metric_type": "sum"})))).starts_with("params.metric_type"));
        // current metrics pass, including on media
        assert!(get_media_insights("1", Some(&json!({"metric": "views,reach,total_interactions"}))).is_ok());
    }
}
