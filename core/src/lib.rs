//! Thôn Số core: spreadsheet intake, criteria scoring and turnaround
//! analytics for Vietnamese communes. Plain Rust: no wasm-bindgen, js-sys or
//! web-sys here, so every part is testable with `cargo test` and the same
//! code runs in the browser (via `thonso-wasm`) and the CLI (`thonso-cli`).

pub mod admin;
pub mod calendar;
pub mod date;
pub mod demo;
pub mod error;
pub mod export;
pub mod framework;
pub mod ingest;
pub mod report_form;
pub mod scoring;
pub mod session;
pub mod share;
pub mod stats;
pub mod store;
pub mod text;
pub mod turnaround;
#[cfg(test)]
mod ts_types;
pub mod values;

pub use error::{Error, Result};
pub use session::Session;

/// The version the app, the CLI and share links report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Lower-case hex sha256, the identity of a source file in provenance.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}
