//! The reading stage: every recogniser runs here, once, and what it read is handed on.
//!
//! A HAR file becomes its entries' messages; other text is read for HTTP messages, then (when
//! there are none) for a `curl` command or a `fetch` call; the lines outside those messages go
//! to the line detectors ([`crate::detect`]): tokens, `Authorization`, challenges and cookies.

use super::{Analysis, Progress};
use crate::detect::{self, Detected};
use crate::findings::{Code, Finding};
use crate::headers::www_authenticate::Challenge;
use crate::http;
use crate::http::message::{Message, Source};
use crate::report::{InputKind, InputSummary};
use std::collections::HashSet;

/// What the reading stage found.
pub(super) struct Reading {
    pub is_har: bool,
    /// A HAR export that left out every credential header.
    pub sanitized: bool,
    pub messages: Vec<Message>,
    /// Each exchange as (request, response) indices into `messages`.
    pub pairs: Vec<(Option<usize>, Option<usize>)>,
    /// Each HAR entry's start time, duration and error, as the capture wrote them.
    pub har_meta: Vec<HarMeta>,
    /// Header lines that could not be read.
    pub problems: Vec<http::message::Problem>,
    /// A `fetch` snippet's credentials mode.
    pub credentials_mode: Option<String>,
    /// The exchange to diagnose, when the caller chose one that exists.
    pub focus: Option<usize>,
    /// Catalogued log and error messages, and how many more were left out.
    pub logged: (Vec<crate::logs::Recognised>, usize),
    /// Decoded claims pasted without their token.
    pub claims: Vec<crate::logs::claims::Decoded>,
    /// Configuration mistakes.
    pub config: Vec<crate::logs::config::Mistake>,
    /// The connection notes of a `curl -v` transcript.
    pub connections: Vec<http::connection::Note>,
    /// JWS and JWE in the JSON serialization.
    pub jose_json: Vec<crate::jose::json::Found>,
    /// Token endpoint and introspection responses.
    pub oauth_json: Vec<crate::token_response::Found>,
    /// The `curl` commands and the `fetch` call the text holds besides `messages` (a command
    /// after other text, a second command): read once here, for the OAuth requests they make.
    pub commands: Vec<Message>,
    /// For each message, the challenges of its `WWW-Authenticate` headers, parsed once.
    pub challenges: Vec<Vec<Challenge>>,
    /// Keys, key sets and PEM blocks pasted with the rest.
    pub keys: Vec<super::keys::Pasted>,
}

impl Reading {
    /// The `WWW-Authenticate` challenges of message `m`, in header order.
    pub fn challenges_of(&self, m: usize) -> &[Challenge] {
        self.challenges.get(m).map(Vec::as_slice).unwrap_or_default()
    }
}

#[derive(Default)]
pub(super) struct HarMeta {
    pub started: Option<String>,
    pub time_ms: Option<f64>,
    pub error: Option<String>,
    /// The entry's `connection` id (Chromium exports).
    pub connection: Option<String>,
    /// Chromium's `_resourceType`, lower case.
    pub resource_type: Option<String>,
    /// The URL in Chromium's `_initiator`.
    pub initiator: Option<String>,
}

/// A detection or an HTTP message, in the order they appear in the input.
pub(super) enum Item<'a> {
    /// Something recognised in the lines outside any message.
    Detected(Detected<'a>),
    /// Something recognised in a header of the message with that index.
    Header(usize, Detected<'a>),
    /// A catalogued message (index into `Reading::logged`).
    Logged(usize, usize),
    /// Decoded claims (index into `Reading::claims`).
    Claims(usize, usize),
    /// A configuration mistake (index into `Reading::config`).
    Config(usize, usize),
    /// A JSON-serialized JWS or JWE (index into `Reading::jose_json`).
    JoseJson(usize, usize),
    /// A token endpoint or introspection response (index into `Reading::oauth_json`).
    OauthJson(usize, usize),
    /// The index of a parsed message, and its line.
    Message(usize, usize),
}

impl Item<'_> {
    pub fn line(&self) -> usize {
        match self {
            Item::Detected(d) | Item::Header(_, d) => d.line(),
            Item::Message(_, line)
            | Item::Logged(_, line)
            | Item::Claims(_, line)
            | Item::Config(_, line)
            | Item::JoseJson(_, line)
            | Item::OauthJson(_, line) => *line,
        }
    }
}

/// Reads `input`. `None` when it is a HAR file that cannot be read (the analysis then holds
/// the finding that says why, and there is nothing more to do).
pub(super) fn read(input: &str, ctx: &crate::Context, progress: &mut dyn FnMut(Progress), a: &mut Analysis) -> Option<Reading> {
    let har =
        http::har::looks_like_har(input).then(|| http::har::parse_with(input, &mut |done, total| progress(Progress { done, total: total.saturating_mul(2) })));
    let is_har = har.is_some();
    let mut reading = Reading {
        is_har,
        sanitized: false,
        messages: Vec::new(),
        pairs: Vec::new(),
        har_meta: Vec::new(),
        problems: Vec::new(),
        credentials_mode: None,
        focus: None,
        logged: (Vec::new(), 0),
        claims: Vec::new(),
        config: Vec::new(),
        connections: Vec::new(),
        jose_json: Vec::new(),
        oauth_json: Vec::new(),
        commands: Vec::new(),
        challenges: Vec::new(),
        keys: Vec::new(),
    };
    let mut har_pairs = None;
    match har {
        Some(Ok(file)) => {
            let total = file.entries.len();
            let refused = file.entries.iter().filter(|e| matches!(e.response.as_ref().and_then(|r| r.status()), Some(401 | 403 | 407))).count();
            a.add_input(InputSummary {
                kind: InputKind::Har,
                summary: format!("HAR file with {total} entries, {refused} answered 401, 403 or 407"),
                line: 1,
                columns: None,
            });
            reading.sanitized = file.sanitized;
            if file.sanitized {
                let mut f = Finding::new(
                    Code::HarSanitized,
                    "No entry carries `Authorization`, `Cookie` or `Set-Cookie`: the export left them out, so credentials cannot be checked",
                );
                f.input = Some(0);
                a.findings.push(f);
            }
            let mut pairs = Vec::with_capacity(total);
            reading.messages.reserve(total.saturating_mul(2));
            for http::har::Entry { request, response, started, time_ms, error, connection, resource_type, initiator } in file.entries {
                let req = reading.messages.len();
                reading.messages.push(request);
                let resp = response.map(|m| {
                    reading.messages.push(m);
                    reading.messages.len().saturating_sub(1)
                });
                pairs.push((Some(req), resp));
                reading.har_meta.push(HarMeta { started, time_ms, error, connection, resource_type, initiator });
            }
            har_pairs = Some(pairs);
        }
        Some(Err(why)) => {
            a.add_input(InputSummary { kind: InputKind::Har, summary: "HAR file that cannot be read".into(), line: 1, columns: None });
            let mut f = Finding::new(Code::HarUnreadable, format!("The HAR file cannot be read: {why}"));
            f.input = Some(0);
            a.findings.push(f);
            return None;
        }
        None => {
            let (messages, problems) = http::message::parse(input);
            if messages.iter().any(|m| m.source == Source::CurlVerbose) {
                reading.connections = http::connection::curl_notes(input);
            }
            reading.messages = messages;
            reading.problems = problems;
        }
    }
    if reading.messages.is_empty() && !is_har {
        if let Some(messages) = http::pydebug::parse(input) {
            reading.messages = messages;
        } else if let Some((command, trouble)) = http::curl::parse(input) {
            reading.messages.push(command);
            for t in trouble {
                a.findings.push(Finding::new(Code::CurlUnreadable, format!("In the `curl` command, {}", t.what)));
            }
        } else if let Some(call) = http::fetch::parse(input) {
            reading.messages.push(call.request);
            reading.credentials_mode = call.credentials;
            for t in call.problems {
                a.findings.push(Finding::new(Code::CurlUnreadable, format!("In the `fetch` call, {t}")));
            }
        } else if let Some((request, response)) = http::devtools::parse(input) {
            reading.messages.push(request);
            reading.messages.extend(response);
        } else if let Some(request) = crate::schemes::sigv4::presigned_url(input) {
            reading.messages.push(request);
        }
    }
    if !is_har {
        reading.commands = other_commands(input, &reading.messages);
    }
    reading.challenges = reading.messages.iter().map(|m| m.challenges(false).to_vec()).collect();
    reading.pairs = har_pairs.unwrap_or_else(|| http::exchange::pair(&reading.messages));
    reading.focus = ctx.exchange.filter(|n| *n < reading.pairs.len());
    // A HAR file's bodies are pages and scripts, not logs: its entries speak for themselves.
    // One word (a token pasted alone, the commonest paste) holds no message, claims or
    // configuration, and does not need the catalogue loaded.
    if !is_har && input.trim().contains(char::is_whitespace) {
        reading.logged = crate::logs::scan(input);
        reading.claims = crate::logs::claims::find(input);
        reading.config = crate::logs::config::find(input);
    }
    // JSON documents are read wherever they are (a minified object is one word); a HAR file's
    // response bodies are read for token and introspection responses only.
    if !is_har {
        reading.jose_json = crate::jose::json::find(input);
        reading.keys = super::keys::find(input);
    }
    reading.oauth_json = crate::token_response::find(input, &reading.messages, is_har);
    Some(reading)
}

/// An HTTP client's authentication set up in pasted code: the scheme it answers, what set it
/// up, and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientScheme {
    pub scheme: &'static str,
    pub how: &'static str,
    pub line: usize,
}

/// Python's HTTP clients' authentication classes: each answers only its own scheme's challenge
/// (requests' `HTTPDigestAuth` sends nothing until a Digest challenge comes).
const CLIENT_AUTH: &[(&str, &str, &str)] = &[
    ("HTTPDigestAuth(", "Digest", "requests' `HTTPDigestAuth`"),
    ("httpx.DigestAuth(", "Digest", "httpx's `DigestAuth`"),
    ("HttpNtlmAuth(", "NTLM", "requests-ntlm's `HttpNtlmAuth`"),
    ("HTTPKerberosAuth(", "Negotiate", "requests-kerberos's `HTTPKerberosAuth`"),
    ("HTTPSPNEGOAuth(", "Negotiate", "requests-gssapi's `HTTPSPNEGOAuth`"),
];

/// The authentication schemes pasted client code sets up, once each, skipping lines a diff
/// removed (`- …`).
pub(crate) fn client_schemes(input: &str) -> Vec<ClientScheme> {
    if !CLIENT_AUTH.iter().any(|(needle, _, _)| input.contains(needle)) {
        return Vec::new();
    }
    let mut out: Vec<ClientScheme> = Vec::new();
    for (line, text) in (1_usize..).zip(input.lines()) {
        if text.trim_start().starts_with('-') {
            continue;
        }
        for (needle, scheme, how) in CLIENT_AUTH {
            if text.contains(needle) && !out.iter().any(|c| c.scheme == *scheme) {
                out.push(ClientScheme { scheme, how, line });
            }
        }
    }
    out
}

/// The `fetch` call (when `messages` are not it) and the `curl` commands outside `messages`.
fn other_commands(input: &str, messages: &[Message]) -> Vec<Message> {
    let mut taken: Vec<(usize, usize)> = messages.iter().map(|m| m.lines).collect();
    let mut out = Vec::new();
    if input.contains("fetch(") && !messages.iter().any(|m| m.source == Source::FetchSnippet) {
        if let Some(call) = http::fetch::parse(input) {
            taken.push(call.request.lines);
            out.push(call.request);
        }
    }
    if input.contains("curl") {
        out.extend(http::curl::find(input, &taken).into_iter().map(|(message, _)| message));
    }
    out
}

/// The inputs to analyse: detections in the lines outside messages, each message, and what
/// the headers of the messages worth reading hold.
pub(super) fn items<'a>(input: &'a str, reading: &'a Reading) -> Vec<Item<'a>> {
    let messages = &reading.messages;
    // Header lines of messages are read from the parsed messages (curl prefixes or quotes them).
    let header_lines: HashSet<usize> = messages.iter().flat_map(|m| m.headers.iter().map(|h| h.line)).collect();
    let command_lines: Vec<(usize, usize)> =
        messages.iter().filter(|m| matches!(m.source, Source::CurlCommand | Source::FetchSnippet | Source::DevTools)).map(|m| m.lines).collect();
    let lines_detected = if reading.is_har { Vec::new() } else { detect::detect(input) };
    let look = worth_reading(reading);
    let in_focus = |m: usize| look.get(m).copied().unwrap_or(false);
    let mut items: Vec<Item> = lines_detected
        .into_iter()
        .filter(|d| !header_lines.contains(&d.line()) && !command_lines.iter().any(|(a, b)| (*a..=*b).contains(&d.line())))
        // The members of a JSON-serialized JWS or JWE are its own reader's.
        .filter(|d| !reading.jose_json.iter().any(|j| (j.line..=j.end_line).contains(&d.line())))
        .map(Item::Detected)
        .collect();
    for (m, message) in messages.iter().enumerate() {
        // A HAR file is one input; its entries are listed as exchanges.
        if !reading.is_har {
            items.push(Item::Message(m, message.line));
        }
        if in_focus(m) {
            items.extend(message.headers.iter().filter_map(|h| detect::from_header(&h.name, &h.value, h.line)).map(|d| Item::Header(m, d)));
            for h in &message.headers {
                let found = match h.name.to_ascii_lowercase().as_str() {
                    "cookie" => detect::from_cookie_header(&h.value, h.line),
                    "set-cookie" => detect::from_set_cookie(&h.value, h.line),
                    _ => continue,
                };
                items.extend(found.into_iter().map(|d| Item::Header(m, d)));
            }
        }
    }
    items.extend(reading.logged.0.iter().enumerate().map(|(i, r)| Item::Logged(i, r.line)));
    items.extend(reading.claims.iter().enumerate().map(|(i, c)| Item::Claims(i, c.line)));
    items.extend(reading.config.iter().enumerate().map(|(i, c)| Item::Config(i, c.line)));
    items.extend(reading.jose_json.iter().enumerate().map(|(i, j)| Item::JoseJson(i, j.line)));
    items.extend(reading.oauth_json.iter().enumerate().map(|(i, j)| Item::OauthJson(i, j.line)));
    items.sort_by_key(Item::line);
    items
}

/// Which messages' headers are worth reading: those of the chosen exchange; in a HAR file
/// without a chosen entry, those of the entries that failed (no response, or 4xx/5xx), all of
/// them when none did; otherwise all.
fn worth_reading(reading: &Reading) -> Vec<bool> {
    let (messages, pairs) = (&reading.messages, &reading.pairs);
    let mut look = vec![reading.focus.is_none(); messages.len()];
    let mark = |look: &mut Vec<bool>, (a, b): &(Option<usize>, Option<usize>)| {
        for m in [*a, *b].into_iter().flatten() {
            if let Some(slot) = look.get_mut(m) {
                *slot = true;
            }
        }
    };
    if let Some(n) = reading.focus {
        if let Some(pair) = pairs.get(n) {
            mark(&mut look, pair);
        }
    } else if reading.is_har {
        let failed = |(_, b): &&(Option<usize>, Option<usize>)| b.and_then(|i| messages.get(i)).and_then(|m| m.status()).is_none_or(|s| s >= 400);
        if pairs.iter().any(|p| failed(&p)) {
            look.iter_mut().for_each(|slot| *slot = false);
            for pair in pairs.iter().filter(failed) {
                mark(&mut look, pair);
            }
        }
    }
    look
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::HarUnreadable,
        meaning: "The input looked like a HAR file but could not be parsed as HAR 1.2 JSON (for example it was cut off, or a required part such as `log.entries` is missing or has the wrong type); the message gives the parser's reason.",
        why: "Nothing in the file was analysed, so the report cannot say why the request failed.",
        caller: "Save the HAR again from the Network tab (right-click a request, Save all as HAR) and load the complete, unedited file; a file cut off at a size limit is the usual cause.",
        owner: "Nothing to change on the server; if a HAR arrives cut off, ask for the whole file rather than a pasted excerpt.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::HarSanitized,
        meaning: "The HAR parsed, but no entry has an `Authorization`, `Cookie` or `Set-Cookie` header, which is what a sanitised export looks like: the browser left the credentials out of the file.",
        why: "The missing headers are an artefact of the export, not evidence that the browser sent no credentials, so the credential checks cannot run and their absence must not be read as the cause of the 401.",
        caller: "Export again with sensitive data included (Chrome: DevTools Settings > Preferences > Network > Allow to generate HAR with sensitive data, then Export HAR with sensitive data), and keep that file on this machine since it holds live credentials.",
        owner: "Nothing to change; compare against the server's access log for the same request, which shows whether credentials actually arrived.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CurlUnreadable,
        meaning: "A `curl` command could not be fully read: unbalanced quotes, an `-H` value that is not `name: value`, `-b` pointing to a cookie file that is not present, a body or form field read from a file or standard input (`-d @file`, `-F name=@file`), both `-d` and `-F`, no URL, or a URL that does not parse.",
        why: "It does not cause the 401, but the parts that could not be read are not checked; a malformed `-H` may also mean the real command sent no such header.",
        caller: "Paste the command as DevTools produced it (Copy as cURL) in full, or fix the reported part and run it again.",
        owner: "Nothing to change on the server.",
    },
];
