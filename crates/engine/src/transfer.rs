//! The lossless binary form of a [`Job`] and of a [`Report`], for the page's Web Worker: the page
//! posts the job to the worker, the worker runs the engine and posts the report back.
//!
//! This is not the public JSON report. JSON redacts every secret; the transfer form carries the
//! real values (tokens and their parts, Basic passwords, cookie values, `Cookie` headers, key
//! texts) because the page shows them to the person who pasted them. It is CBOR (RFC 8949),
//! written by `ciborium`. [`crate::secret::Secret`] and the report's own serialisers write real
//! values only while this module writes (a flag set for the call, and a serialiser that says it
//! is not human-readable); any other serialiser, binary or not, gets the redacted form. The
//! transfer form never leaves the page: it is neither stored nor shared.
//!
//! Reading is not the reverse of redaction: a report read back from the public JSON holds the
//! redacted strings as its "secrets".
//!
//! Texts that come from the engine's own tables (a finding's title, help and references, a
//! checklist step's guidance) are left out: the reader takes them from its tables again. That
//! keeps a report's transfer small (the checklist's guidance alone is over 20 KB of JSON).
//!
//! A token's decoded header and claims (`serde_json::Value`) travel as CBOR too, exactly:
//! integers stay integers (up to `u64::MAX` and down to `i64::MIN`, all serde_json keeps as
//! integers) and ciborium writes each float in the narrowest width that holds it bit for bit;
//! members keep their order.
//!
//! Each form starts with a short tag naming what it holds, so that a job is not read as a
//! report, nor other bytes as either, without a clear error. The page and its worker come from
//! the same build; the form is not meant to be read by another version. Decoding never panics:
//! garbage, truncated or foreign bytes give an error message.
//!
//! ```
//! use why401_engine::transfer::{decode_report, encode_report};
//! use why401_engine::{inspect, Context};
//!
//! let report = inspect("Authorization: Basic dXNlcjpodW50ZXIy", &Context::new(1_764_000_000));
//! let bytes = encode_report(&report);
//! assert_eq!(decode_report(&bytes), Ok(report));
//! assert!(decode_report(&bytes[..bytes.len() / 2]).is_err());
//! ```

use crate::report::Report;
use crate::Context;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The protocol between the page and its worker, defined here once: the kinds of message (the
/// `type` field of each message the worker posts, crates/worker, read by src/engine.rs) and the
/// keys of the page's requests that are not jobs. static/boot.js names the same values in its
/// frozen `MESSAGE` and `REQUEST` objects; `tests/protocol.rs` checks that the lists agree.
pub mod message {
    /// How far a long analysis has come: `done` of `total` steps.
    pub const PROGRESS: &str = "progress";
    /// A report (`report`, the transfer form); `final` is false while another follows.
    pub const REPORT: &str = "report";
    /// The job could not be read or run; `message` says why.
    pub const FAILED: &str = "failed";
    /// The engine panicked; `message` is the panic's.
    pub const CRASH: &str = "crash";
    /// The answer to a benchmark request (`make bench`).
    pub const BENCH: &str = "bench";
    /// Posted by boot.js, not the worker: the worker stopped without answering (a trap, or a
    /// message that could not be read) and was started afresh; the job it had fails, with the
    /// reason in `message`.
    pub const LOST: &str = "lost";
    /// Every kind, with the name boot.js's `MESSAGE` gives it.
    pub const KINDS: &[(&str, &str)] = &[("PROGRESS", PROGRESS), ("REPORT", REPORT), ("FAILED", FAILED), ("CRASH", CRASH), ("BENCH", BENCH), ("LOST", LOST)];

    /// The key of the message that hands the worker its compiled module.
    pub const MODULE_REQUEST: &str = "why401Module";
    /// The key of the browser tests' request for a deliberate panic in the worker.
    pub const SELF_TEST_REQUEST: &str = "why401SelfTest";
    /// The key of a benchmark request (`make bench`, crates/worker/src/bench.rs).
    pub const BENCH_REQUEST: &str = "why401Bench";
    /// Every request key, with the name boot.js's `REQUEST` gives it.
    pub const REQUESTS: &[(&str, &str)] = &[("MODULE", MODULE_REQUEST), ("SELF_TEST", SELF_TEST_REQUEST), ("BENCH", BENCH_REQUEST)];
}

/// What the page asks the worker to analyse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub text: String,
    pub context: Context,
}

/// The tag in front of an encoded [`Job`].
const JOB_TAG: &[u8] = b"why401.job/1\n";
/// The tag in front of an encoded [`Report`].
const REPORT_TAG: &[u8] = b"why401.report/1\n";

/// The job in its transfer form.
pub fn encode_job(job: &Job) -> Vec<u8> {
    encode_job_from(&job.text, &job.context)
}

/// A job's transfer form from its parts, without copying the text into a [`Job`] first (the page
/// sends inputs of up to 64 MB).
pub fn encode_job_from(text: &str, context: &Context) -> Vec<u8> {
    /// [`Job`], borrowed: the same fields, so the same CBOR.
    #[derive(Serialize)]
    struct Borrowed<'a> {
        text: &'a str,
        context: &'a Context,
    }
    encode(JOB_TAG, &Borrowed { text, context })
}

/// A job from its transfer form, or why it cannot be read.
pub fn decode_job(bytes: &[u8]) -> Result<Job, String> {
    decode(bytes, JOB_TAG, "job")
}

/// The report in its transfer form, secrets included.
pub fn encode_report(report: &Report) -> Vec<u8> {
    encode(REPORT_TAG, report)
}

/// A report from its transfer form, or why it cannot be read.
pub fn decode_report(bytes: &[u8]) -> Result<Report, String> {
    decode(bytes, REPORT_TAG, "report")
}

/// The tag, then the value in CBOR. Writing into a `Vec` cannot fail for the engine's types;
/// should the serialiser still report an error, the result is empty, which [`decode`] refuses.
fn encode<T: Serialize>(tag: &[u8], value: &T) -> Vec<u8> {
    let mut out = tag.to_vec();
    match crate::secret::revealing(|| ciborium::into_writer(value, &mut out)) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8], tag: &[u8], what: &str) -> Result<T, String> {
    if bytes.is_empty() {
        return Err(format!("The {what} transfer is empty: nothing was sent, or it could not be encoded"));
    }
    let Some(mut body) = bytes.strip_prefix(tag) else {
        let other = [(JOB_TAG, "a job"), (REPORT_TAG, "a report")].into_iter().find(|(t, _)| bytes.starts_with(t));
        return Err(match other {
            Some((_, other)) => format!("The {what} transfer holds {other}, not a {what}"),
            None => format!("The {what} transfer does not start with its tag: it is not a why401 {what}, or comes from another version"),
        });
    };
    let value = ciborium::from_reader(&mut body).map_err(|e| format!("The {what} transfer cannot be read: {}", reason(e)))?;
    if !body.is_empty() {
        return Err(format!("The {what} transfer has {} stray bytes after its end", body.len()));
    }
    Ok(value)
}

/// Why CBOR could not be read, in words.
fn reason(error: ciborium::de::Error<std::io::Error>) -> String {
    use ciborium::de::Error;
    match error {
        Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => "it ends too early (truncated)".to_string(),
        Error::Io(e) => format!("reading failed ({e})"),
        Error::Syntax(at) => format!("it is not valid CBOR (at byte {at})"),
        Error::Semantic(Some(at), why) => format!("{why} (at byte {at})"),
        Error::Semantic(None, why) => why,
        Error::RecursionLimitExceeded => "it is nested too deeply".to_string(),
    }
}
