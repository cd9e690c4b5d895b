//! The analysis pipeline: named stages over one [`Analysis`] value.
//!
//! ```text
//! read (recognisers: HAR, HTTP, curl, fetch, headers, tokens, messages)
//!   → analyse inputs (tokens, headers, cookies, challenges, OAuth requests, log messages)
//!   → DPoP proofs against their requests, nonces across exchanges
//!   → analyse exchanges (each exchange, hops, cookie replay, the CORS flow)
//!   → resolve (the cross-rule table in `resolve.rs`, per exchange)
//!   → snippets → report
//! ```
//!
//! Each stage adds to the analysis and never takes back what an earlier stage found; only
//! `resolve` removes or raises findings, and only by the rules in its table.

pub(crate) mod documents;
pub(crate) mod exchanges;
pub(crate) mod inputs;
pub(crate) mod keys;
pub(crate) mod proofs;
pub(crate) mod read;
pub(crate) mod resolve;

use crate::checklist::{self, StepId};
use crate::findings::{Code, Finding};
use crate::jose::key::Key;
use crate::jose::verify::Verifier;
use crate::report::{self, InputSummary, Report, TokenReport};
use crate::{jose, Context, KeyFormat, Progress, MAX_INPUT_BYTES};

/// What the stages have found so far.
pub(crate) struct Analysis {
    pub inputs: Vec<InputSummary>,
    pub tokens: Vec<TokenReport>,
    /// DPoP proofs, and for each the message (request) that carried it.
    pub proofs: Vec<report::ProofReport>,
    pub proof_messages: Vec<Option<usize>>,
    pub findings: Vec<Finding>,
    /// Checklist steps some evidence examined.
    pub checked: Vec<StepId>,
    pub authorization: Vec<report::AuthorizationSummary>,
    pub cookies: Vec<report::CookieEntry>,
    pub exchanges: Vec<report::Exchange>,
    pub keys: Vec<Key>,
    /// For each input, the exchanges whose messages hold it (empty for text outside any
    /// message); `resolve` correlates findings through it.
    pub input_exchanges: Vec<Vec<usize>>,
    /// Findings that challenges' descriptions state, held until the tokens are read.
    pub described: Vec<Finding>,
    /// Lines read as catalogued messages.
    pub logged_lines: Vec<usize>,
    /// The input each parsed message became.
    pub message_inputs: Vec<usize>,
    /// Each `WWW-Authenticate`/`Proxy-Authenticate` input, whether it is a proxy's, and the
    /// challenges it holds.
    pub challenges: Vec<(usize, bool, Vec<crate::headers::www_authenticate::Challenge>)>,
    /// How many metadata documents the input holds (they are listed after the other inputs).
    pub metadata_documents: usize,
    /// The authentication schemes the pasted client code is set up for (`HTTPDigestAuth(…)`).
    pub client_schemes: Vec<read::ClientScheme>,
}

impl Analysis {
    /// Adds an input that came from text outside every message; returns its index.
    pub fn add_input(&mut self, summary: InputSummary) -> usize {
        self.add_input_of(summary, Vec::new())
    }

    /// Adds an input that the messages of these exchanges carried; returns its index.
    pub fn add_input_of(&mut self, summary: InputSummary, exchanges: Vec<usize>) -> usize {
        self.inputs.push(summary);
        self.input_exchanges.push(exchanges);
        self.inputs.len().saturating_sub(1)
    }
}

/// Runs every stage on `input` (whose origin has been read).
pub(crate) fn run(input: &str, ctx: &Context, verifier: &dyn Verifier, progress: &mut dyn FnMut(Progress)) -> Report {
    let mut a = Analysis {
        inputs: Vec::new(),
        tokens: Vec::new(),
        proofs: Vec::new(),
        proof_messages: Vec::new(),
        findings: Vec::new(),
        checked: Vec::new(),
        authorization: Vec::new(),
        cookies: Vec::new(),
        exchanges: Vec::new(),
        keys: Vec::new(),
        input_exchanges: Vec::new(),
        message_inputs: Vec::new(),
        logged_lines: Vec::new(),
        described: Vec::new(),
        challenges: Vec::new(),
        metadata_documents: 0,
        client_schemes: Vec::new(),
    };
    a.keys = read_keys(ctx, &mut a.findings);
    if input.len() > MAX_INPUT_BYTES {
        a.findings.push(Finding::new(
            Code::InputTooLarge,
            format!("At least {:.1} MB of input was given; the limit is {} MB", input.len() as f64 / (1024.0 * 1024.0), MAX_INPUT_BYTES / (1024 * 1024)),
        ));
        return finish(ctx, a, None);
    }
    // `curl -v` output saved on Windows through a text-mode pipe ends its lines `\r\r\n`: the
    // same lines as `\r\n`, with as many line breaks (so line numbers stay).
    let doubled;
    let input = if input.contains("\r\r\n") {
        // One pass: a run of `\r` before `\n` becomes one (a run alone, not before `\n`, stays).
        let mut text = String::with_capacity(input.len());
        let lines = input.split('\n').count();
        for (i, piece) in input.split('\n').enumerate() {
            if i > 0 {
                text.push('\n');
            }
            if i.saturating_add(1) == lines {
                text.push_str(piece);
                break;
            }
            let bare = piece.trim_end_matches('\r');
            text.push_str(bare);
            if bare.len() < piece.len() {
                text.push('\r');
            }
        }
        doubled = text;
        doubled.as_str()
    } else {
        input
    };
    let Some(reading) = read::read(input, ctx, progress, &mut a) else {
        return finish(ctx, a, None);
    };
    a.client_schemes = if reading.is_har { Vec::new() } else { read::client_schemes(input) };
    // Keys pasted with the rest join the caller's before any token is verified.
    let pasted_keys = keys::read(&reading.keys, input, ctx, &mut a);
    // Metadata documents supply the audience and issuer the user did not type.
    let documents = documents::read(input, &reading);
    let expected = documents::context(ctx, &documents);
    a.metadata_documents = documents.len();
    inputs::analyse(&reading, input, expected.as_ref().unwrap_or(ctx), verifier, &mut a);
    documents::analyse(&reading, input, ctx, documents, &mut a);
    keys::list(pasted_keys, &mut a);
    proofs::analyse(&reading, ctx, &mut a);
    let diagnosed = exchanges::analyse(&reading, ctx, progress, &mut a);
    resolve::resolve(&mut a, reading.sanitized);
    let snippets = diagnosed.and_then(|m| reading.messages.get(m)).map(|request| crate::snippets::build(request, &a.tokens, ctx));
    finish(ctx, a, snippets)
}

/// Parses every key the caller supplied; problems with them become findings.
fn read_keys(ctx: &Context, findings: &mut Vec<Finding>) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for input in &ctx.keys {
        match input.format {
            KeyFormat::Auto => {
                let (found, problems) = jose::key::parse(input.text.expose(), &input.source);
                keys.extend(found);
                findings.extend(problems);
            }
            KeyFormat::SecretText => keys.push(Key::hmac_text(input.text.expose())),
            KeyFormat::SecretBase64 => match Key::hmac_base64(input.text.expose()) {
                Ok(key) => keys.push(key),
                Err(finding) => findings.push(finding),
            },
        }
    }
    findings.extend(keys.iter().filter_map(|k| k.certificate.as_ref()?.validity(ctx.now)));
    keys
}

/// Findings marked with the input (and token) they are about.
pub(crate) fn attributed(findings: Vec<Finding>, input: Option<usize>, token: Option<usize>) -> impl Iterator<Item = Finding> {
    findings.into_iter().map(move |mut f| {
        f.input = input;
        f.token = token;
        f
    })
}

fn finish(ctx: &Context, a: Analysis, snippets: Option<Vec<report::Snippet>>) -> Report {
    let checklist = checklist::build(&a.findings, &a.checked);
    let mut report = Report::empty(ctx);
    report.keys = a.keys.iter().map(report::KeySummary::of).collect();
    report.inputs = a.inputs;
    report.authorization = a.authorization;
    report.tokens = a.tokens;
    report.proofs = a.proofs;
    report.cookies = a.cookies;
    report.exchanges = a.exchanges;
    report.judged_for = report::JudgedFor::of(ctx, &report.exchanges);
    report.snippets = snippets.unwrap_or_default();
    report.findings = a.findings;
    report.checklist = checklist;
    report
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[crate::findings::CodeDoc {
    code: crate::findings::Code::InputTooLarge,
    meaning: "The pasted or opened input is larger than the engine's size limit, so it stopped before reading anything and reports only the size it saw.",
    why: "This finding is about the capture, not the request: nothing was analysed, so the real cause of the 401 is still unknown.",
    caller: "Trim the input to the single failing request and its response, or export a HAR that holds only the failing page load, and analyse that.",
    owner: "Nothing to change on the server; when a capture is too big to analyse, ask for the single failing exchange and its request id instead.",
}];
