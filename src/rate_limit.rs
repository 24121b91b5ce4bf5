//! `X-App-Usage` and `X-Business-Use-Case-Usage`: Meta's usage headers, in percent of the
//! limit (and minutes for `estimated_time_to_regain_access`). A malformed header is ignored,
//! never fatal. Source: graph-api/overview/rate-limiting (shared/reference/graph-api.md §4.2).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `X-App-Usage`: the app's platform usage, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppUsage {
    /// Percent of the call limit used.
    pub call_count: f64,
    /// Percent of the total-time limit used.
    pub total_time: f64,
    /// Percent of the CPU-time limit used.
    pub total_cputime: f64,
}

/// One entry of `X-Business-Use-Case-Usage` for a business object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessUseCaseUsage {
    /// The use case (`instagram`, `pages`, `messenger`, `ads_management`, …).
    #[serde(rename = "type")]
    pub use_case: String,
    /// Percent of the call limit used.
    pub call_count: f64,
    /// Percent of the CPU-time limit used.
    pub total_cputime: f64,
    /// Percent of the total-time limit used.
    pub total_time: f64,
    /// Minutes until calls are allowed again (0 when not throttled).
    #[serde(default)]
    pub estimated_time_to_regain_access: f64,
}

/// The usage seen on one response (`client.rateLimit` in JS).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateLimit {
    /// From `X-App-Usage`; absent when the response had none (Meta omits it at low usage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<AppUsage>,
    /// From `X-Business-Use-Case-Usage`, keyed by business object id.
    #[serde(rename = "businessUseCase", skip_serializing_if = "Option::is_none")]
    pub business_use_case: Option<BTreeMap<String, Vec<BusinessUseCaseUsage>>>,
    /// When the response was received (ms since the epoch), passed in by the caller.
    #[serde(rename = "updatedAt")]
    pub updated_at: f64,
}

impl RateLimit {
    /// Parse the two headers of a response received at `now_ms`.
    pub fn from_headers(app_usage: Option<&str>, business_use_case_usage: Option<&str>, now_ms: f64) -> RateLimit {
        RateLimit {
            app: app_usage.and_then(|h| serde_json::from_str(h).ok()),
            business_use_case: business_use_case_usage.and_then(|h| serde_json::from_str(h).ok()),
            updated_at: now_ms,
        }
    }

    /// The longest `estimated_time_to_regain_access`, in milliseconds (None when no entry asks
    /// for a wait).
    pub fn regain_access_ms(&self) -> Option<u64> {
        let minutes = self
            .business_use_case
            .as_ref()?
            .values()
            .flatten()
            .map(|u| u.estimated_time_to_regain_access)
            .filter(|m| m.is_finite() && *m > 0.0)
            .fold(0.0_f64, f64::max);
        (minutes > 0.0).then(|| (minutes * 60_000.0) as u64)
    }

    /// The highest percentage in any usage dimension (app or business use case), 0 when none.
    pub fn max_usage_percent(&self) -> f64 {
        let app = self.app.iter().flat_map(|a| [a.call_count, a.total_time, a.total_cputime]);
        let buc = self
            .business_use_case
            .iter()
            .flat_map(|m| m.values().flatten())
            .flat_map(|u| [u.call_count, u.total_time, u.total_cputime]);
        app.chain(buc).filter(|v| v.is_finite()).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_headers() {
        let r = RateLimit::from_headers(
            Some(r#"{"call_count":28,"total_time":25,"total_cputime":25}"#),
            Some(r#"{"17841405822304914":[{"type":"instagram","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]}"#),
            1_700_000_000_000.0,
        );
        assert_eq!(r.app, Some(AppUsage { call_count: 28.0, total_time: 25.0, total_cputime: 25.0 }));
        let buc = r.business_use_case.as_ref().unwrap();
        assert_eq!(buc["17841405822304914"][0].use_case, "instagram");
        assert_eq!(r.regain_access_ms(), Some(19 * 60_000));
        assert_eq!(r.max_usage_percent(), 100.0);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"app":{"call_count":28.0,"total_time":25.0,"total_cputime":25.0},"businessUseCase":{"17841405822304914":[{"type":"instagram","call_count":100.0,"total_cputime":25.0,"total_time":25.0,"estimated_time_to_regain_access":19.0}]},"updatedAt":1700000000000.0}"#
        );
    }

    #[test]
    fn malformed_or_missing_headers_are_ignored() {
        for bad in ["", "not json", "[]", r#"{"call_count":"x"}"#, r#"{"call_count":1}"#, "{\"call_count\":1,"] {
            let r = RateLimit::from_headers(Some(bad), Some(bad), 1.0);
            assert_eq!((r.app, r.business_use_case), (None, None), "{bad}");
        }
        let r = RateLimit::from_headers(None, None, 5.0);
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"updatedAt":5.0}"#);
        assert_eq!(r.regain_access_ms(), None);
        assert_eq!(r.max_usage_percent(), 0.0);
    }

    #[test]
    fn several_business_objects_take_the_longest_wait() {
        let r = RateLimit::from_headers(
            None,
            Some(r#"{"1":[{"type":"pages","call_count":5,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}],"2":[{"type":"instagram","call_count":99,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":2.5}]}"#),
            1.0,
        );
        assert_eq!(r.regain_access_ms(), Some(150_000));
        assert_eq!(r.max_usage_percent(), 99.0);
    }
}
