//! The why401 engine: everything that reads, decodes and judges what a failing request carried.
//!
//! Data flows one way: input text → [`detect`] → decode ([`jwt`]) → checks against a
//! [`Context`] → [`Report`]. The engine is pure: it reads no clock (the time comes in through
//! [`Context::now`]), touches no DOM, does no I/O, and never panics on any input. The page and
//! the command line both call [`inspect`] and only render what it returns.
//!
//! ```
//! use why401_engine::{inspect, Context};
//!
//! // {"alg":"HS256"} . {"exp":1764000000} . signature
//! let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQwMDAwMDB9.c2ln";
//! let report = inspect(token, &Context::new(1_764_003_600));
//! assert_eq!(report.tokens[0].checks.exp.status.as_str(), "fail");
//! assert_eq!(report.findings[0].code.as_str(), "JWT001");
//! ```

// The engine never panics on any input: no index that can be out of range, no sum that can overflow.
#![deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
// Unit tests index and count the fixtures they built themselves.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

// The API is the façade: `inspect` and its options (`Context`), the report types, the
// worker's transfer form, the incident Markdown, the explanations, the verification seam
// (`verify`) and what a front end shows (`display`). The modules marked `#[doc(hidden)]` are
// internals, public only for the engine's own integration tests, fuzz targets and benchmarks;
// the CLI, the page, the worker and the WebCrypto seam use the façade (the tidy test
// `outside_crates_use_only_the_facade` holds them to it).
#[doc(hidden)]
pub mod chars;
pub mod checklist;
pub mod context;
#[doc(hidden)]
pub mod cookie;
#[doc(hidden)]
pub mod cors;
#[doc(hidden)]
pub mod detect;
pub mod docs;
#[doc(hidden)]
pub mod dpop;
pub mod findings;
pub(crate) mod grammar;
#[doc(hidden)]
pub mod headers;
#[doc(hidden)]
pub mod http;
#[doc(hidden)]
pub mod jose;
pub(crate) mod json_scan;
#[doc(hidden)]
pub mod jwt;
#[doc(hidden)]
pub mod logs;
pub mod markdown;
#[doc(hidden)]
pub mod metadata;
#[doc(hidden)]
pub mod mtls;
#[doc(hidden)]
pub mod oauth;
mod pipeline;
pub(crate) mod quote;
pub mod report;
#[doc(hidden)]
pub mod schemes;
pub mod secret;
pub(crate) mod serde_util;
#[doc(hidden)]
pub mod snippets;
pub mod steps;
#[doc(hidden)]
pub mod timefmt;
#[doc(hidden)]
pub mod token_response;
pub mod transfer;

pub use checklist::{ChecklistEntry, StepId, StepStatus};
pub use context::{Context, Expectations, KeyFormat, KeyInput, DEFAULT_SKEW};
pub use findings::{Code, Finding, Severity};
pub use report::{Check, CheckStatus, InputKind, InputSummary, Report, TokenReport};
pub use secret::Secret;

/// The verification seam: the engine decides which key and what to say; a [`verify::Verifier`]
/// does the arithmetic (RustCrypto natively, WebCrypto in the page).
pub mod verify {
    pub use crate::jose::alg::{Alg, Curve, Family};
    pub use crate::jose::key::Material;
    pub use crate::jose::verify::{RustCrypto, Verifier, VerifyError};
}

/// What a front end needs to show a report as the engine means it.
pub mod display {
    pub use crate::chars::{has_invisible, invisible};
    /// The caller's origin read as a browser writes it, or why it is not one; a URL's origin.
    pub use crate::cors::{normalize_origin, origin_of};
    /// A request's URL as a reader sees it (`/path on host` for a scheme-relative target).
    pub use crate::http::exchange::shown_url;
    /// What each registered and vendor claim and header parameter means.
    pub use crate::jwt::dictionary;
    /// The client certificates of a PEM text (the CLI's `--client-cert`).
    pub use crate::mtls::from_pem as certificates_from_pem;
    /// Times in UTC, local time and relative words.
    pub use crate::timefmt;
}

use jose::verify::{RustCrypto, Verifier};

/// The largest input analysed, in bytes. Larger pastes get one clear finding instead.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// The most tokens analysed from one input.
pub const MAX_TOKENS: usize = 1000;

/// Analyses pasted text and returns the report, verifying signatures with RustCrypto.
/// Never panics.
pub fn inspect(input: &str, ctx: &Context) -> Report {
    inspect_with(input, ctx, &RustCrypto)
}

/// [`inspect`] with another implementation of the verification primitive (the page passes one
/// backed by the browser's WebCrypto).
pub fn inspect_with(input: &str, ctx: &Context, verifier: &dyn Verifier) -> Report {
    inspect_with_progress(input, ctx, verifier, &mut |_| {})
}

/// How far a long analysis has come: `done` of `total` steps (a HAR file's entries are read,
/// then checked, one step each). Only HAR files report progress; other inputs are quick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// [`inspect_with`], telling `progress` how far it has come (the page's worker posts it to the
/// page, which shows it). The calls are the engine's only way out, and change nothing it finds.
///
/// The page's origin (`ctx.origin`) may be given as typed: it is read the way a browser writes
/// it in `Origin` (`https://App.Example.com:443/` is `https://app.example.com`). One that cannot
/// be an origin is not used, and the report says why in `origin_error`.
pub fn inspect_with_progress(input: &str, ctx: &Context, verifier: &dyn Verifier, progress: &mut dyn FnMut(Progress)) -> Report {
    let read = ctx.origin.as_deref().map(cors::normalize_origin);
    match read {
        Some(Ok(origin)) if ctx.origin.as_deref() != Some(origin.as_str()) => {
            let note = ctx.origin.as_deref().and_then(cors::origin_left_out);
            let ctx = Context { origin: Some(origin), ..ctx.clone() };
            let mut report = pipeline::run(input, &ctx, verifier, progress);
            report.origin_note = note;
            report
        }
        Some(Err(why)) => {
            let ctx = Context { origin: None, ..ctx.clone() };
            let mut report = pipeline::run(input, &ctx, verifier, progress);
            report.origin_error = Some(why);
            report
        }
        _ => pipeline::run(input, ctx, verifier, progress),
    }
}
