//! `instagram-graph`: an Instagram Graph API client with a sans-I/O core.
//!
//! The core (everything outside [`wasm`]) builds plain [`http::HttpRequest`] values and turns
//! plain [`http::HttpResponse`] values into results. It does no I/O, reads no clock and draws no
//! random numbers: time and jitter are passed in, so all of it is tested with host `cargo test`.
//! The `wasm` module (compiled for `wasm32` only) is the thin JavaScript skin that sends the
//! requests with `fetch`; it is shipped to npm as `instagram-graph-wasm`.
#![warn(missing_docs)]

pub mod config;
pub mod crypto;
pub mod diagnose;
pub mod encoding;
pub mod endpoints;
pub mod error;
pub mod flow;
pub mod http;
pub mod json;
// Host only (its serde_json values are not in the package's wasm); tests build it everywhere.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub mod models;
pub mod options;
pub mod page;
pub mod params;
pub mod rate_limit;
pub mod redact;
pub mod registry;
pub mod retry;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::{Config, Secret};
pub use error::{Error, ErrorKind, GraphApiError, MessagingRule};
pub use http::{HttpRequest, HttpResponse, Method};
