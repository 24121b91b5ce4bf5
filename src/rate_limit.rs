//! `X-App-Usage` and `X-Business-Use-Case-Usage`: Meta's usage headers, in percent of the
//! limit (and minutes for `estimated_time_to_regain_access`). A malformed header is ignored,
//! never fatal. Source: graph-api/overview/rate-limiting (shared/reference/graph-api.md §4.2).

use crate::json::{Map, Object, ToJson, Value};

/// `X-App-Usage`: the app's platform usage, in percent, with every key Meta sent (`call_count`,
/// `total_time`, `total_cputime`; the Instagram API has also been seen sending `call_volume` and
/// `cpu_time`: tests/fixtures/recorded/issue-restfb-1571-x-app-usage-instagram-login.json).
#[derive(Debug, Clone, PartialEq)]
pub struct AppUsage(pub Map);

/// The usage keys that are percentages of a limit.
const PERCENT_KEYS: &[&str] = &["call_count", "total_time", "total_cputime", "call_volume", "cpu_time"];

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// [`RateLimit`] as JS sees it (`client.rateLimit`): `AppUsage` declares [`PERCENT_KEYS`]
    /// (a test checks), and the tests check parsed headers against the declarations.
    pub(crate) const TYPES = {
        #[doc = "`X-App-Usage` as Meta sent it, in percent: every key is kept (the Instagram API also sends `call_volume`, `cpu_time`)."]
        AppUsage [open] {
            call_count: "?number",
            total_time: "?number",
            total_cputime: "?number",
            call_volume: "?number",
            cpu_time: "?number",
        }
        #[doc = "One entry as Meta sent it: every key is kept (a key Meta left out is absent)."]
        BusinessUseCaseUsage [open] {
            type: "?\"instagram\" | \"pages\" | \"messenger\" | \"ads_insights\" | \"ads_management\" | \"custom_audience\" | \"leadgen\" | (string & {})",
            call_count: "?number",
            total_cputime: "?number",
            total_time: "?number",
            #[doc = "Minutes."]
            estimated_time_to_regain_access: "?number",
            #[doc = "On the ads use cases."]
            ads_api_access_tier: "?string",
        }
        #[doc = "The usage seen on the latest response (`client.rateLimit`)."]
        RateLimitState {
            app: "?AppUsage",
            businessUseCase: "?{ [businessObjectId: string]: BusinessUseCaseUsage[] }",
            #[doc = "ms since the epoch."]
            updatedAt: "number",
        }
    }
}

fn finite(map: &Map, key: &str) -> Option<f64> {
    map.get(key).and_then(Value::as_f64).filter(|v| v.is_finite())
}

/// One entry of `X-Business-Use-Case-Usage` for a business object, with every key Meta sent:
/// `type`, the percentages `call_count`, `total_cputime`, `total_time`, the minutes
/// `estimated_time_to_regain_access`, and whatever else comes (`ads_api_access_tier` on the ads
/// use cases, keys Meta adds later), values unchanged.
///
/// NB: Meta's rate-limiting page (developers.facebook.com/docs/graph-api/overview/rate-limiting,
/// "Business Use Case Rate Limits") documents `ads_api_access_tier` in these entries, and an
/// entry can lack a percentage; such an entry is kept as it came, and only the other entries and
/// objects of the header are read as they are (one odd entry never drops the header).
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessUseCaseUsage(pub Map);

impl BusinessUseCaseUsage {
    /// The use case (`instagram`, `pages`, `messenger`, `ads_management`, …), when it is a string.
    pub fn use_case(&self) -> Option<&str> {
        self.0.get("type").and_then(Value::as_str)
    }

    /// A numeric member (`call_count`, `total_time`, …), when it is a finite number.
    pub fn number(&self, key: &str) -> Option<f64> {
        finite(&self.0, key)
    }

    /// Minutes until calls are allowed again, when Meta says.
    pub fn estimated_time_to_regain_access(&self) -> Option<f64> {
        self.number("estimated_time_to_regain_access")
    }
}

/// `X-Business-Use-Case-Usage`: `{ "<object id>": [entry, …], … }`. What parses is kept: an
/// object id whose value is not an array, and an entry that is not an object, are left out; the
/// header counts as absent when nothing is left (or it is not a JSON object).
fn parse_business_use_case(header: &str) -> Option<Map<Vec<BusinessUseCaseUsage>>> {
    let Ok(Value::Object(objects)) = crate::json::parse(header) else { return None };
    let out: Map<Vec<BusinessUseCaseUsage>> = objects
        .into_iter()
        .filter_map(|(id, entries)| match entries {
            Value::Array(items) => Some((
                id,
                items
                    .into_iter()
                    .filter_map(|item| match item {
                        Value::Object(map) => Some(BusinessUseCaseUsage(map)),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The usage seen on one response (`client.rateLimit` in JS, written by [`ToJson`] as
/// `{ app?, businessUseCase?, updatedAt }`).
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimit {
    /// From `X-App-Usage`; absent when the response had none (Meta omits it at low usage).
    pub app: Option<AppUsage>,
    /// From `X-Business-Use-Case-Usage`, keyed by business object id, in the header's order.
    pub business_use_case: Option<Map<Vec<BusinessUseCaseUsage>>>,
    /// When the response was received (ms since the epoch), passed in by the caller.
    pub updated_at: f64,
}

impl ToJson for AppUsage {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl ToJson for BusinessUseCaseUsage {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl ToJson for RateLimit {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member_if("app", &self.app)
            .member_if("businessUseCase", &self.business_use_case)
            .member("updatedAt", &self.updated_at)
            .end();
    }
}

impl RateLimit {
    /// Parse the two headers of a response received at `now_ms`.
    pub fn from_headers(app_usage: Option<&str>, business_use_case_usage: Option<&str>, now_ms: f64) -> RateLimit {
        RateLimit {
            app: app_usage.and_then(|h| match crate::json::parse(h) {
                Ok(Value::Object(m)) => Some(AppUsage(m)),
                _ => None,
            }),
            business_use_case: business_use_case_usage.and_then(parse_business_use_case),
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
            .filter_map(BusinessUseCaseUsage::estimated_time_to_regain_access)
            .filter(|m| *m > 0.0)
            .fold(0.0_f64, f64::max);
        (minutes > 0.0).then_some((minutes * 60_000.0) as u64)
    }

    /// The highest percentage in any usage dimension (app or business use case), 0 when none.
    pub fn max_usage_percent(&self) -> f64 {
        let app = self.app.iter().flat_map(|a| PERCENT_KEYS.iter().filter_map(|k| finite(&a.0, k)));
        let buc =
            self.business_use_case.iter().flat_map(|m| m.values().flatten()).flat_map(|u| PERCENT_KEYS.iter().filter_map(|k| u.number(k)));
        app.chain(buc).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn parsed_headers_fit_the_declarations() {
        let r = RateLimit::from_headers(
            Some(r#"{"call_count":5,"total_time":1,"total_cputime":2,"call_volume":3,"cpu_time":4,"new":1}"#),
            Some(
                r#"{"1":[{"type":"instagram","call_count":1,"total_cputime":2,"total_time":3,"estimated_time_to_regain_access":4,"ads_api_access_tier":"x"}]}"#,
            ),
            7.0,
        );
        crate::typescript::fits(&crate::json::to_serde(&r), "RateLimitState", TYPES).unwrap();
        let app: Vec<&str> = TYPES[0].members.iter().map(|m| m.name).collect();
        assert_eq!(app, PERCENT_KEYS, "AppUsage declares the percentage keys");
    }

    #[test]
    fn parses_both_headers() {
        let r = RateLimit::from_headers(
            Some(r#"{"call_count":28,"total_time":25,"total_cputime":25}"#),
            Some(
                r#"{"17841405822304914":[{"type":"instagram","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]}"#,
            ),
            1_700_000_000_000.0,
        );
        assert_eq!(r.app.as_ref().and_then(|a| finite(&a.0, "call_count")), Some(28.0));
        let buc = r.business_use_case.as_ref().unwrap();
        assert_eq!(buc["17841405822304914"][0].use_case(), Some("instagram"));
        assert_eq!(r.regain_access_ms(), Some(19 * 60_000));
        assert_eq!(r.max_usage_percent(), 100.0);
        assert_eq!(
            crate::json::parse(&r.to_json()).unwrap(),
            crate::json::json!({"app":{"call_count":28,"total_time":25,"total_cputime":25},"businessUseCase":{"17841405822304914":[{"type":"instagram","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]},"updatedAt":1700000000000.0_f64})
        );
    }

    /// Issue 12: every key of an entry is kept (`ads_api_access_tier`, documented on Meta's
    /// rate-limiting page, and keys Meta adds later), and an entry without a percentage neither
    /// drops the header nor the other entries.
    #[test]
    fn business_use_case_keeps_every_key_and_what_parses() {
        let header = r#"{"1":[{"type":"ads_management","call_count":4,"total_cputime":1,"total_time":2,"estimated_time_to_regain_access":0,"ads_api_access_tier":"standard_access"}],"17841405822304914":[{"type":"instagram","call_count":7,"estimated_time_to_regain_access":3},{"type":"instagram","call_count":9,"total_cputime":2,"total_time":5,"future_key":{"a":1}}, "odd"],"2":"not a list"}"#;
        let r = RateLimit::from_headers(None, Some(header), 1.0);
        let buc = r.business_use_case.as_ref().expect("the header is kept");
        assert_eq!(buc.keys().collect::<Vec<_>>(), ["1", "17841405822304914"]);
        assert_eq!(buc["1"][0].0["ads_api_access_tier"], "standard_access");
        assert_eq!(buc["17841405822304914"].len(), 2);
        assert_eq!(buc["17841405822304914"][0].number("total_time"), None);
        assert_eq!(buc["17841405822304914"][1].0["future_key"]["a"], 1);
        assert_eq!(r.regain_access_ms(), Some(3 * 60_000));
        assert_eq!(r.max_usage_percent(), 9.0);
        assert_eq!(
            crate::json::parse(&r.to_json()).unwrap(),
            crate::json::json!({"businessUseCase":{"1":[{"type":"ads_management","call_count":4,"total_cputime":1,"total_time":2,"estimated_time_to_regain_access":0,"ads_api_access_tier":"standard_access"}],"17841405822304914":[{"type":"instagram","call_count":7,"estimated_time_to_regain_access":3},{"type":"instagram","call_count":9,"total_cputime":2,"total_time":5,"future_key":{"a":1}}]},"updatedAt":1.0})
        );
        // a percentage that is not a number is kept as sent and skipped in the sums
        let r = RateLimit::from_headers(None, Some(r#"{"5":[{"type":"pages","call_count":"n/a","total_time":12}]}"#), 1.0);
        assert_eq!(r.business_use_case.as_ref().unwrap()["5"][0].0["call_count"], "n/a");
        assert_eq!(r.max_usage_percent(), 12.0);
    }

    #[test]
    fn malformed_or_missing_headers_are_ignored() {
        for bad in ["", "not json", "[]", "{\"call_count\":1,"] {
            let r = RateLimit::from_headers(Some(bad), Some(bad), 1.0);
            assert_eq!((r.app, r.business_use_case), (None, None), "{bad}");
        }
        // An X-App-Usage object is kept with every key as sent (issue 12: use what parses), as
        // the Instagram API's `call_volume`/`cpu_time` (a recorded header), which count as
        // percentages too; a value that is not a number is kept and skipped in the sums.
        let r = RateLimit::from_headers(Some(r#"{"call_volume":7,"cpu_time":0,"call_count":"x"}"#), None, 1.0);
        assert_eq!(crate::json::parse(&r.app.to_json()).unwrap(), crate::json::json!({"call_volume":7,"cpu_time":0,"call_count":"x"}));
        assert_eq!(r.max_usage_percent(), 7.0);
        let r = RateLimit::from_headers(None, None, 5.0);
        assert_eq!(r.to_json(), r#"{"updatedAt":5.0}"#);
        assert_eq!(r.regain_access_ms(), None);
        assert_eq!(r.max_usage_percent(), 0.0);
    }

    #[test]
    fn several_business_objects_take_the_longest_wait() {
        let r = RateLimit::from_headers(
            None,
            Some(
                r#"{"1":[{"type":"pages","call_count":5,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}],"2":[{"type":"instagram","call_count":99,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":2.5}]}"#,
            ),
            1.0,
        );
        assert_eq!(r.regain_access_ms(), Some(150_000));
        assert_eq!(r.max_usage_percent(), 99.0);
    }
}
