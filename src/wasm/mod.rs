//! The JavaScript skin (wasm32 only): the exported `InstagramClient`, option parsing, the
//! fetch transport and the error classes. Everything it decides, it asks the core.

mod client;
mod convert;
mod errors;
mod glue;
mod oauth;
mod operations;
mod paginator;
mod publish;
mod transport;
mod webhooks;

pub use client::InstagramClient;
pub use paginator::Paginator;
