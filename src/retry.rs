//! The retry decision, as a pure function of (attempt, error, policy, jitter).
//!
//! Retried: GET requests (and batches whose items are all GETs) on connection errors,
//! timeouts, HTTP 5xx, `is_transient`, and the rate-limit and transient codes of
//! [`crate::error::classify`]. Never retried: POST and DELETE (they may have taken effect),
//! aborts, auth, permission and validation errors. A rate limit waits at least Meta's
//! `estimated_time_to_regain_access`; when that is longer than `max_wait_ms`, the error is
//! returned at once rather than holding the caller for minutes.

use crate::error::{Error, ErrorKind};

/// How retries behave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (`maxRetries`).
    pub max_retries: u32,
    /// The longest single wait (`maxRetryWaitMs`).
    pub max_wait_ms: u64,
    /// The first backoff delay; it doubles on each retry.
    pub base_delay_ms: u64,
    /// The backoff cap.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, max_wait_ms: 60_000, base_delay_ms: 500, max_delay_ms: 8_000 }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    Retry {
        /// Milliseconds to wait.
        wait_ms: u64,
    },
    /// Give the error to the caller.
    Stop,
}

/// Decide whether to retry after attempt number `attempt` (0 for the first) failed with
/// `error`. `idempotent` is true for GETs and all-GET batches. `jitter` is a number in
/// `[0, 1)` from the caller's random source; it takes up to 25 % off the backoff.
pub fn decide(attempt: u32, error: &Error, idempotent: bool, policy: &RetryPolicy, jitter: f64) -> Decision {
    if !idempotent || attempt >= policy.max_retries {
        return Decision::Stop;
    }
    let regain_ms = match error {
        Error::Connection { .. } | Error::Timeout { .. } => None,
        Error::Graph(e) if matches!(e.kind, ErrorKind::Transient | ErrorKind::RateLimit) => e.retry_after_ms,
        _ => return Decision::Stop,
    };
    if regain_ms.is_some_and(|ms| ms > policy.max_wait_ms) {
        return Decision::Stop;
    }
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    let exp = policy.base_delay_ms.saturating_mul(1u64 << attempt.min(20)).min(policy.max_delay_ms);
    let backoff = (exp as f64 * (1.0 - 0.25 * jitter)) as u64;
    Decision::Retry { wait_ms: backoff.max(regain_ms.unwrap_or(0)).min(policy.max_wait_ms) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{graph_error, Error};
    use crate::redact::Redactor;

    fn graph(status: u16, body: &str, retry_after_ms: Option<u64>) -> Error {
        Error::Graph(Box::new(graph_error(status, body, retry_after_ms, &Redactor::default())))
    }

    #[test]
    fn decision_table() {
        let p = RetryPolicy::default();
        let conn = Error::Connection { message: "refused".into() };
        let timeout = Error::Timeout { timeout_ms: 10 };
        let e5xx = graph(502, "<html>", None);
        let transient = graph(400, r#"{"error":{"message":"x","code":100,"is_transient":true}}"#, None);
        let unknown = graph(500, r#"{"error":{"message":"x","code":1}}"#, None);
        let rate = graph(400, r#"{"error":{"message":"x","code":80002}}"#, None);
        let rate_wait = graph(400, r#"{"error":{"message":"x","code":80002}}"#, Some(120_000));
        let rate_short = graph(400, r#"{"error":{"message":"x","code":4}}"#, Some(3_000));
        let spam = graph(400, r#"{"error":{"message":"x","code":4,"error_subcode":2207051}}"#, None);
        let auth = graph(400, r#"{"error":{"message":"x","code":190}}"#, None);
        let perm = graph(403, r#"{"error":{"message":"x","code":10}}"#, None);
        let param = graph(400, r#"{"error":{"message":"x","code":100}}"#, None);
        let decode = Error::decode("data", "expected an array");
        let r = |ms| Decision::Retry { wait_ms: ms };
        use Decision::Stop;
        // (attempt, error, idempotent, jitter) → decision
        let table: Vec<(u32, &Error, bool, f64, Decision)> = vec![
            (0, &conn, true, 0.0, r(500)),
            (1, &conn, true, 0.0, r(1000)),
            (2, &conn, true, 0.0, Stop),  // maxRetries 2 used up
            (0, &conn, false, 0.0, Stop), // POST/DELETE never retried
            (0, &timeout, true, 0.0, r(500)),
            (0, &e5xx, true, 0.5, r(437)),
            (1, &e5xx, true, 0.999, r(750)),
            (0, &transient, true, 0.0, r(500)),
            (0, &unknown, true, 0.0, r(500)),
            (0, &rate, true, 0.0, r(500)),
            (0, &rate_short, true, 0.0, r(3000)), // waits at least what Meta says
            (0, &rate_wait, true, 0.0, Stop),     // 2 min > maxRetryWaitMs 60 s: throw at once
            (0, &spam, true, 0.0, Stop),
            (0, &auth, true, 0.0, Stop),
            (0, &perm, true, 0.0, Stop),
            (0, &param, true, 0.0, Stop),
            (0, &decode, true, 0.0, Stop),
            (0, &Error::Aborted, true, 0.0, Stop),
        ];
        for (i, (attempt, err, idem, jitter, want)) in table.into_iter().enumerate() {
            assert_eq!(decide(attempt, err, idem, &p, jitter), want, "row {i}: {err}");
        }
    }

    #[test]
    fn backoff_is_capped_and_jitter_is_clamped() {
        let p = RetryPolicy { max_retries: 30, ..RetryPolicy::default() };
        let conn = Error::Connection { message: String::new() };
        assert_eq!(decide(10, &conn, true, &p, 0.0), Decision::Retry { wait_ms: 8000 });
        assert_eq!(decide(25, &conn, true, &p, 0.0), Decision::Retry { wait_ms: 8000 });
        assert_eq!(decide(0, &conn, true, &p, f64::NAN), Decision::Retry { wait_ms: 500 });
        assert_eq!(decide(0, &conn, true, &p, 7.0), Decision::Retry { wait_ms: 375 });
        let tight = RetryPolicy { max_wait_ms: 100, ..p };
        assert_eq!(decide(3, &conn, true, &tight, 0.0), Decision::Retry { wait_ms: 100 });
        let none = RetryPolicy { max_retries: 0, ..p };
        assert_eq!(decide(0, &conn, true, &none, 0.0), Decision::Stop);
    }
}
