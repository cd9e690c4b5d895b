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

pub mod chars;
pub mod checklist;
pub mod context;
pub mod cookie;
pub mod cors;
pub mod detect;
pub mod docs;
pub mod dpop;
pub mod findings;
pub(crate) mod grammar;
pub mod headers;
pub mod http;
pub mod jose;
pub(crate) mod json_scan;
pub mod jwt;
pub mod logs;
pub mod markdown;
pub mod metadata;
pub mod mtls;
pub mod oauth;
mod pipeline;
pub(crate) mod quote;
pub mod report;
pub mod schemes;
pub mod secret;
pub(crate) mod serde_util;
pub mod snippets;
pub mod steps;
pub mod timefmt;
pub mod token_response;
pub mod transfer;

pub use checklist::{ChecklistEntry, StepId, StepStatus};
pub use context::{Context, Expectations, KeyFormat, KeyInput, DEFAULT_SKEW};
pub use findings::{Code, Finding, Severity};
pub use report::{Check, CheckStatus, InputKind, InputSummary, Report, TokenReport};
pub use secret::Secret;

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
