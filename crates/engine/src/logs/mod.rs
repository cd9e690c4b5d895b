//! Log lines, exceptions, console messages and error bodies: the text people paste most.
//!
//! [`scan`] finds every catalogued message ([`catalogue`]) in one multi-pattern pass over the
//! text, confirms each hit with its entry's regex on that line only, and reads the facts the
//! message carries (times, expected and actual audience or issuer, `kid`, scope, status).
//! [`finding`] turns one into a finding whose code says the cause. Lines that talk about a
//! message rather than show one (a changelog entry, a README sentence) are passed over.

pub mod catalogue;
pub mod claims;
pub mod config;
pub mod redaction;
pub mod times;

use crate::findings::{Code, Finding};
use crate::timefmt;
use catalogue::{Catalogue, Cause};

/// At most this many distinct messages are reported; the rest are counted.
pub const MAX_MESSAGES: usize = 200;
/// How many hits of one entry are looked at, at the most.
const MAX_TRIES: u32 = 2000;
/// The most of a long line looked at around a hit, each side, in bytes.
const WINDOW: usize = 2048;

/// One catalogued message found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    /// Index of the catalogue entry.
    pub entry: usize,
    /// 1-based line.
    pub line: usize,
    /// Byte range of the message in the text.
    pub span: (usize, usize),
    /// The named captures, in pattern order.
    pub captures: Vec<(String, String)>,
    /// How many more lines carry the same message.
    pub repeats: usize,
    /// The message as the text has it (at most 120 characters).
    pub text: String,
}

impl Recognised {
    pub fn cause(&self) -> Option<Cause> {
        Catalogue::get().entries.get(self.entry).map(|e| e.cause)
    }

    /// A capture's value, when the message carried it and the user did not mask it.
    pub fn capture(&self, name: &str) -> Option<&str> {
        self.captured(name).filter(|v| !redaction::is_redacted(v))
    }

    /// A capture's value as the text has it, masked or not.
    fn captured(&self, name: &str) -> Option<&str> {
        self.captures.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }
}

/// Every catalogued message in `text`, in the order of the text. Never panics; linear in the
/// text plus the hits.
pub fn scan(text: &str) -> (Vec<Recognised>, usize) {
    let catalogue = Catalogue::get();
    // (line start, entry) pairs already looked at, so a message repeated on a line is read once.
    let mut looked: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut found: Vec<Recognised> = Vec::new();
    let mut dropped = 0_usize;
    let line_starts = LineIndex::new(text);
    // Hits an entry's regex has been tried on: past a limit, an anchor that keeps appearing
    // without its message (a huge line repeating one word) costs nothing more.
    let mut tried = vec![0u32; catalogue.entries.len()];
    for (entry, at) in catalogue.hits(text) {
        match tried.get_mut(entry) {
            Some(n) if *n < MAX_TRIES => *n = n.saturating_add(1),
            _ => continue,
        }
        let (start, end, line) = line_starts.line_around(text, at);
        if !looked.insert((start, entry)) {
            continue;
        }
        let Some(window) = text.get(start..end) else { continue };
        let Some(regex) = catalogue.regex(entry) else { continue };
        // The same message again on another line is counted, not read again.
        if let Some(first) = found.iter_mut().find(|r| r.entry == entry) {
            // Past a hundred repeats the anchor alone counts: the number is only shown.
            if first.repeats >= 100 || regex.is_match(window) || unescape(window).is_some_and(|plain| regex.is_match(&plain)) {
                first.repeats = first.repeats.saturating_add(1);
            }
            continue;
        }
        // JSON-escaped quotes (`\"`) and the quotes of an HTML error page (`&#39;`, `&quot;`)
        // are read as quotes when the plain line does not match.
        let unescaped;
        let (haystack, escaped) = match regex.is_match(window) {
            true => (window, false),
            false => match unescape(window) {
                Some(plain) if regex.is_match(&plain) => {
                    unescaped = plain;
                    (unescaped.as_str(), true)
                }
                _ => continue,
            },
        };
        let Some(caps) = regex.captures(haystack) else { continue };
        let Some(whole) = caps.get(0) else { continue };
        // The text around the message says whether it is shown or talked about.
        // Prose about a message starts before it ("If the token is expired, verify throws …");
        // a console message's own sentences come after it.
        let before = haystack.get(..whole.start()).unwrap_or("");
        let around = format!("{before} {}", haystack.get(whole.end()..).unwrap_or(""));
        if prose(before) || (prose(&around) && prose_words(before) > 0) || in_code(window, before) {
            continue;
        }
        let span = if escaped { (start, end) } else { (start.saturating_add(whole.start()), start.saturating_add(whole.end())) };
        let captures = regex.capture_names().flatten().filter_map(|name| Some((name.to_string(), caps.name(name)?.as_str().to_string()))).collect();
        let text = whole.as_str().chars().take(120).collect();
        let recognised = Recognised { entry, line, span, captures, repeats: 0, text };
        if found.len() == MAX_MESSAGES {
            dropped = dropped.saturating_add(1);
            continue;
        }
        found.push(recognised);
    }
    // Where two entries read the same line for the same cause, the longer reading stays.
    let mut keep = vec![true; found.len()];
    for (i, a) in found.iter().enumerate() {
        for (j, b) in found.iter().enumerate() {
            let same = i != j && a.line == b.line && a.cause() == b.cause();
            let longer = (b.span.1.saturating_sub(b.span.0), j < i) > (a.span.1.saturating_sub(a.span.0), false);
            if same && longer && b.span.0 <= a.span.1 && a.span.0 <= b.span.1 {
                if let Some(slot) = keep.get_mut(i) {
                    *slot = false;
                }
            }
        }
    }
    let mut kept: Vec<Recognised> = found.into_iter().zip(keep).filter_map(|(r, k)| k.then_some(r)).collect();
    kept.sort_by_key(|r| r.span.0);
    (kept, dropped)
}

/// The line with JSON-escaped quotes and HTML character references for quotes and markup read
/// as the characters they stand for; `None` when the line holds none of them.
fn unescape(line: &str) -> Option<String> {
    const ESCAPES: &[(&str, &str)] =
        &[("\\\"", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp;", "&")];
    if !ESCAPES.iter().any(|(from, _)| line.contains(from)) {
        return None;
    }
    Some(ESCAPES.iter().fold(line.to_string(), |text, (from, to)| text.replace(from, to)))
}

/// Line starts of a text, for finding a byte offset's line quickly.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        LineIndex { starts }
    }

    /// The line around byte `at` (cut to [`WINDOW`] each side, at character boundaries), and its
    /// 1-based number.
    fn line_around(&self, text: &str, at: usize) -> (usize, usize, usize) {
        let index = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = self.starts.get(index).copied().unwrap_or(0);
        let end = self.starts.get(index.saturating_add(1)).map_or(text.len(), |s| s.saturating_sub(1));
        let mut from = start.max(at.saturating_sub(WINDOW));
        while !text.is_char_boundary(from) {
            from = from.saturating_add(1);
        }
        let mut to = end.min(at.saturating_add(WINDOW));
        while !text.is_char_boundary(to) {
            to = to.saturating_sub(1);
        }
        let to = if text.as_bytes().get(to.saturating_sub(1)) == Some(&b'\r') { to.saturating_sub(1) } else { to };
        (from, to.max(from), index.saturating_add(1))
    }
}

/// Words that mark a sentence about a message rather than the message itself.
const PROSE_WORDS: &[&str] = &[
    "if",
    "when",
    "whether",
    "should",
    "will",
    "would",
    "could",
    "throws",
    "thrown",
    "returns",
    "raised",
    "raises",
    "handle",
    "handles",
    "handling",
    "fix",
    "fixes",
    "fixed",
    "example",
    "e.g.",
    "means",
    "occurs",
    "happens",
    "instead",
    "now",
    "added",
    "support",
    "supports",
    "documented",
    "docs",
    "catch",
    "caught",
    "indicates",
    "indicate",
    "value",
    "can",
    "determine",
    "meaning",
    "return",
];

/// Whether a line reads as prose that mentions a message: a changelog entry or a sentence with
/// several prose words and nothing of a log (no time stamp, level, exception or JSON).
pub fn prose(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['-', '*', '+', '#', '>', ' ']);
    let lower = t.to_ascii_lowercase();
    let changelog =
        ["fix:", "fix(", "feat:", "feat(", "chore:", "docs:", "fixed ", "fixes ", "fix ", "added ", "changed "].iter().any(|p| lower.starts_with(p));
    // Strong signs of output: a time of day, a JSON member, a stack frame, a level word first.
    let first = t.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    let strong = has_time_of_day(t)
        || lower.contains("{\"")
        || lower.contains("npm err")
        || (t.contains(" at ") && lower.contains("exception"))
        || ["ERROR", "WARN", "WARNING", "INFO", "DEBUG", "FATAL", "TRACE"].contains(&first);
    // Weak signs, which a sentence may also contain.
    let weak = ["error ", "error:", "error]", "fail:", "fatal", "exception", "err!"].iter().any(|m| lower.contains(m));
    if changelog {
        return !strong;
    }
    let words = prose_words(&lower);
    !strong && (words >= 3 || (words >= 2 && !weak))
}

/// Whether the message sits in source code rather than output: a line of a code diff, or a
/// string literal that code compares or raises (`err.name === 'TokenExpiredError'`,
/// `detail="Token has expired"`, `throw new Error('jwt expired')`).
fn in_code(line: &str, before: &str) -> bool {
    let diff = ["+ ", "- ", "+\t", "-\t"].iter().any(|p| line.starts_with(p)) && line.get(1..).is_some_and(|r| r.starts_with("  ") || r.starts_with('\t'));
    if diff {
        return true;
    }
    let b = before.trim_end();
    let Some(b) = b.strip_suffix(['\'', '"', '`']) else { return false };
    let b = b.trim_end();
    let lower = b.to_ascii_lowercase();
    ["===", "==", "!==", "!=", "(", "detail=", "raise", "throw", "return", "case", "includes(", "equals(", "Error("]
        .iter()
        .any(|p| b.ends_with(p))
        // Shell and PowerShell comparisons: `-match "…"`, `Select-String -Pattern "…"`, `=~ "…"`, `grep "…"`.
        || ["-match", "-imatch", "-like", "-eq", "-pattern", "=~", "grep", "grep -q", "grep -i"].iter().any(|p| lower.ends_with(p))
}

/// How many words of [`PROSE_WORDS`] the text holds.
fn prose_words(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .map(|w| if w == "e.g." { w } else { w.trim_matches('.') })
        .filter(|w| PROSE_WORDS.contains(w))
        .count()
}

/// `HH:MM:SS` somewhere in the text.
fn has_time_of_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(8).any(|w| w.iter().enumerate().all(|(i, c)| if i == 2 || i == 5 { *c == b':' } else { c.is_ascii_digit() }))
}

/// The finding for one recognised message, with the facts it carries in its message. `now` is
/// this machine's clock, for messages that give a time but not the server's.
pub fn finding(r: &Recognised, now: i64) -> Option<Finding> {
    let catalogue = Catalogue::get();
    let entry = catalogue.entries.get(r.entry)?;
    // The family is where the message is known from: a short message such as `jwt expired` is
    // printed by more than one library, so the text itself is quoted first.
    let mut message = format!("Line {}: {} ({}): {}", r.line, quoted(&r.text), entry.family, what(entry.cause));
    if let Some(facts) = facts(r, entry.cause, now) {
        message.push_str(": ");
        message.push_str(&facts);
    }
    // An audience that names another kind of token says the wrong token was sent, not a wrong
    // audience setting.
    let other_kind = (entry.cause == Cause::AudienceMismatch).then(|| r.capture("actual_aud").and_then(other_token_kind)).flatten();
    let code = match other_kind {
        Some(kind) => {
            message.push_str(&format!("; {kind}"));
            Code::LoggedTokenType
        }
        None => entry.cause.code(),
    };
    if r.repeats > 0 {
        message.push_str(&format!(" (and on {} more line{})", r.repeats, if r.repeats == 1 { "" } else { "s" }));
    }
    Some(Finding::new(code, message))
}

/// What kind of token an audience belongs to, when it is not the kind an API verifies.
fn other_token_kind(audience: &str) -> Option<&'static str> {
    let aud = audience.trim().trim_matches(['\'', '"']).to_ascii_lowercase();
    if aud.starts_with("https://identitytoolkit.googleapis.com/") {
        Some("that audience is a Firebase custom token's: exchange it for an ID token with `signInWithCustomToken` and send the ID token")
    } else if aud.ends_with(".apps.googleusercontent.com") {
        Some("that audience is an OAuth client id, so this is a Google Sign-In ID token: sign in to Firebase with it and send the Firebase ID token")
    } else {
        None
    }
}

/// What a cause means, as the end of "`family` says …".
fn what(cause: Cause) -> &'static str {
    match cause {
        Cause::TokenExpired => "the token has expired",
        Cause::TokenNotYetValid => "the token is not valid yet",
        Cause::TokenLifetimeInvalid => "the token's lifetime claims are refused",
        Cause::RefreshExpired => "the refresh token, session or code has expired or was revoked",
        Cause::ClockSkew => "the clocks disagree",
        Cause::AudienceMismatch => "the token is for another audience",
        Cause::IssuerMismatch => "the token comes from another issuer",
        Cause::SignatureInvalid => "the signature does not verify",
        Cause::KeyNotFound => "no key it holds matches the token",
        Cause::AlgorithmMismatch => "the token's algorithm is not allowed",
        Cause::TokenMalformed => "the token cannot be read",
        Cause::CredentialsMissing => "no credentials reached it",
        Cause::HeaderInvalid => "the header value is not valid",
        Cause::SchemeMismatch => "the authentication scheme is not the one it wants",
        Cause::ScopeInsufficient => "the token lacks a scope or role",
        Cause::TokenTypeWrong => "the token is of the wrong type",
        Cause::CredentialsInvalid => "the user name, password or key is wrong",
        Cause::AccountBlocked => "the account cannot sign in as it is",
        Cause::ClientInvalid => "the client is unknown or its secret is wrong",
        Cause::GrantInvalid => "the grant (code, redirect URI, PKCE or consent) is refused",
        Cause::ProxyAuthRequired => "a proxy wants credentials",
        Cause::HeaderStripped => "the `Authorization` header did not reach the application",
        Cause::CorsBlocked => "the browser blocked the response (CORS)",
        Cause::CookieBlocked => "the browser refused or held back a cookie",
        Cause::RateLimited => "too many requests were made",
        Cause::AccessDenied => "the caller is authenticated but not allowed",
        Cause::SenderConstraint => "the proof of the token's bound key is missing or wrong",
        Cause::RequestSignature => "the request signature does not match",
        Cause::Unauthenticated => "the request was not authenticated, without saying why",
        Cause::CredentialsNotConfigured => "it sent no credentials, as it holds none for the server it called",
    }
}

/// Quotes a captured value for a message: in backticks, without backticks or control
/// characters, cut to 120 characters.
fn quoted(value: &str) -> String {
    crate::quote::code(value.trim().trim_matches(['\'', '"', '‘', '’', '“', '”']), 120)
}

/// The facts a message carries, as a clause.
fn facts(r: &Recognised, cause: Cause, now: i64) -> Option<String> {
    let time = |name: &str| r.capture(name).and_then(times::parse);
    let when = |t: i64| timefmt::utc(t).unwrap_or_else(|| t.to_string());
    let mut out: Vec<String> = Vec::new();
    match cause {
        Cause::TokenExpired => match (time("exp"), time("now")) {
            (Some(exp), Some(server)) => {
                out.push(format!("`exp` was {}, {} before the server's time ({})", when(exp), timefmt::duration(server.abs_diff(exp)), when(server)))
            }
            (Some(exp), None) => out.push(format!("`exp` was {} ({})", when(exp), timefmt::relative(exp, now))),
            _ => {}
        },
        Cause::TokenNotYetValid => match (time("nbf").or_else(|| time("iat")), time("now")) {
            (Some(from), Some(server)) => out.push(format!(
                "the token is valid from {}, {} after the server's time ({}): one of the clocks is off",
                when(from),
                timefmt::duration(from.abs_diff(server)),
                when(server)
            )),
            (Some(from), None) => out.push(format!("the token is valid from {}", when(from))),
            _ => {}
        },
        Cause::AudienceMismatch | Cause::IssuerMismatch => {
            let (expected, actual) = if cause == Cause::AudienceMismatch {
                (r.capture("expected_aud"), r.capture("actual_aud"))
            } else {
                (r.capture("expected_iss"), r.capture("actual_iss"))
            };
            match (expected, actual) {
                (Some(e), Some(a)) => {
                    out.push(format!("it expects {}, the token has {}", quoted(e), quoted(a)));
                    out.extend(near_miss(e, a));
                }
                (Some(e), None) => out.push(format!("it expects {}", quoted(e))),
                (None, Some(a)) => out.push(format!("the token has {}", quoted(a))),
                (None, None) => {}
            }
            let names = if cause == Cause::AudienceMismatch { ["expected_aud", "actual_aud"] } else { ["expected_iss", "actual_iss"] };
            if names.iter().any(|n| r.captured(n).is_some() && r.capture(n).is_none()) {
                out.push("the values were masked before pasting: compare them in the unmasked log".to_string());
            }
        }
        _ => {}
    }
    if let Some(kid) = r.capture("kid") {
        out.push(format!("`kid` {}", quoted(kid)));
    }
    if let Some(scope) = r.capture("scope") {
        out.push(format!("scope {}", quoted(scope)));
    }
    if let Some(status) = r.capture("status") {
        out.push(format!("status {}", quoted(status)));
    }
    for name in ["header", "cookie", "client_id", "code", "reason"] {
        // A bare number as a reason says nothing without the message around it.
        if let Some(value) = r.capture(name).filter(|v| !(name == "reason" && v.trim().bytes().all(|b| b.is_ascii_digit()))) {
            out.push(format!("{} {}", name.replace('_', " "), quoted(value)));
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// Why two audience or issuer values that look alike still differ.
pub fn near_miss(expected: &str, actual: &str) -> Option<String> {
    let (e, a) = (expected.trim(), actual.trim());
    if e == a {
        return None;
    }
    let why = if e.trim_end_matches('/') == a.trim_end_matches('/') {
        "they differ only by a trailing `/`, and the comparison is exact"
    } else if e.eq_ignore_ascii_case(a) {
        "they differ only in letter case, and the comparison is exact"
    } else if e.strip_prefix("api://") == Some(a) || a.strip_prefix("api://") == Some(e) {
        "one is the `api://` form of the other: the app's identifier URI and its client id are two different audiences"
    } else if e.trim_end_matches('/').trim_end_matches("/v2.0") == a.trim_end_matches('/').trim_end_matches("/v2.0") {
        "one is the v2.0 form of the other: the token was issued by the other endpoint version"
    } else if e.replacen("https://", "http://", 1) == a || a.replacen("https://", "http://", 1) == e {
        "they differ in scheme (`http` against `https`)"
    } else {
        return None;
    };
    Some(why.to_string())
}

/// What a challenge's `error_description` says, read like a logged message: a catalogued
/// message in it, or else (for `invalid_token`) a description that says the token expired.
pub fn from_challenge(error: Option<&str>, description: &str, line: usize, now: i64) -> Option<Finding> {
    let (found, _) = scan(description);
    if let Some(mut f) = found.first().and_then(|r| finding(r, now)) {
        f.message = f.message.replacen("Line 1: ", &format!("Line {line}: the challenge's `error_description`: "), 1);
        return Some(f);
    }
    let lower = description.to_ascii_lowercase();
    let expired = lower.contains("expired") && !lower.contains("not expired");
    (error.is_some_and(|e| e.eq_ignore_ascii_case("invalid_token")) && expired)
        .then(|| Finding::new(Code::LoggedExpired, format!("Line {line}: the challenge's `error_description` says the token expired: {}", quoted(description))))
}

/// Facts that other checks can use: the audiences and issuers the server expected.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Expected {
    pub audiences: Vec<String>,
    pub issuer: Option<String>,
}

/// The expectations the messages state.
pub fn expected(found: &[Recognised]) -> Expected {
    let mut out = Expected::default();
    let clean = |v: &str| v.trim().trim_matches(['\'', '"', '‘', '’', '“', '”', '[', ']']).to_string();
    for r in found {
        if let Some(aud) = r.capture("expected_aud") {
            // A message may list several (`'a, b'`); PII-hidden values are no expectation.
            for one in aud.split(',').map(clean).filter(|a| !a.is_empty() && !a.contains("PII")) {
                if !out.audiences.contains(&one) {
                    out.audiences.push(one);
                }
            }
        }
        if let Some(iss) = r.capture("expected_iss") {
            let iss = clean(iss);
            if out.issuer.is_none() && !iss.is_empty() && !iss.contains("PII") && !iss.contains(',') {
                out.issuer = Some(iss);
            }
        }
    }
    out
}

/// The codes this module builds.
pub const CODES: &[Code] = &[
    Code::LoggedExpired,
    Code::LoggedNotYetValid,
    Code::LoggedLifetimeRefused,
    Code::LoggedGrantInvalid,
    Code::LoggedClockSkew,
    Code::LoggedAudience,
    Code::LoggedIssuer,
    Code::LoggedSignature,
    Code::LoggedNoKey,
    Code::LoggedAlgorithm,
    Code::LoggedUnreadableToken,
    Code::LoggedNoCredentials,
    Code::LoggedBadHeader,
    Code::LoggedWrongScheme,
    Code::LoggedScope,
    Code::LoggedTokenType,
    Code::LoggedWrongCredentials,
    Code::LoggedAccountState,
    Code::LoggedClient,
    Code::LoggedGrantRefused,
    Code::LoggedProxy,
    Code::LoggedAuthorizationLost,
    Code::BrowserCors,
    Code::BrowserCookie,
    Code::LoggedRateLimit,
    Code::LoggedForbidden,
    Code::LoggedSenderConstraint,
    Code::LoggedRequestSignature,
    Code::LoggedNoReason,
    Code::CredentialsNotConfigured,
];

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedExpired,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token has expired; the finding quotes the line and, where the message gives them, `exp` and the server's time. It is also raised when a challenge's `error_description` says the token expired.",
        why: "The component that wrote the message compared `exp` with its clock and refused the token, which produces the 401 (RFC 7519 §4.1.4).",
        caller: "Obtain a new token (use the refresh token, or sign in again) and retry; if the server time quoted in the message is far from real time, report the server's clock rather than retrying.",
        owner: "Compare the logged server time with real time; if it is off, fix NTP; if tokens are routinely expired on arrival, check client refresh logic and token lifetime.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedNotYetValid,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token is not valid yet (`nbf` or `iat` is after the verifier's time); the finding shows both times when the message gives them.",
        why: "The verifier refuses a token before its `nbf` (RFC 7519 §4.1.5); this nearly always means the issuer's and the verifier's clocks disagree.",
        caller: "Wait a few seconds and retry, and check that this machine's clock is correct; report a persistent gap to whoever runs the issuer and the API.",
        owner: "Check NTP on the issuer and the API hosts, compare the times quoted in the message, and allow a leeway of about a minute for `nbf`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedLifetimeRefused,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token's lifetime claims were refused as such: `exp` missing, `exp` not after `nbf`, or a lifetime beyond what the verifier accepts.",
        why: "The verifier's lifetime validation failed, so it rejects the token regardless of the other claims.",
        caller: "Get a fresh token; if the same error comes back, report the token's time claims to the issuer.",
        owner: "Have the issuer set `exp` (and `iat` if required) within the maximum lifetime the API accepts, or align the API's lifetime policy with the issuer.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedGrantInvalid,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the refresh token, session or authorization code has expired or was revoked (for example after a password change, sign-out, or inactivity).",
        why: "The token endpoint answers `invalid_grant` (RFC 6749 §5.2), so no new access token can be obtained from this grant and calls with the old token keep failing.",
        caller: "Sign in again interactively to get new tokens; handle `invalid_grant` on refresh by starting a new sign-in rather than retrying.",
        owner: "Check the provider's session and refresh-token lifetime and revocation policies, and its sign-in logs for the revocation reason.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedClockSkew,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the clocks disagree, such as a request time too far from the server's time for a signed request or a Digest nonce.",
        why: "Time-bound credentials (signed requests, assertions, nonces) are valid only within a window around the server's time, so a skewed clock makes valid credentials look stale or premature.",
        caller: "Turn on automatic time synchronisation (NTP) on the machine that signs the request or issues the token, check its time zone setting, and retry.",
        owner: "Check NTP on the servers, and compare the times in the log line to see which side is off.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedAudience,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token is for another audience; the finding shows the expected and actual audiences when the message gives them, with near misses.",
        why: "The verifier compares `aud` exactly with its configured audiences and refuses a token issued for another API or for the client (RFC 7519 §4.1.3).",
        caller: "Request the token for this API: its exact identifier as `audience` or `resource`, or one of its scopes.",
        owner: "Add the identifier the issuer writes into `aud` to the API's valid audiences, or fix the API registration at the provider.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedIssuer,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token comes from another issuer; the finding shows the expected and actual values when the message gives them, with near misses such as a trailing `/` or a version suffix.",
        why: "The verifier trusts only configured issuers and compares `iss` exactly, so a token from another tenant, realm or endpoint version is refused.",
        caller: "Get the token from the issuer the API trusts (right tenant, realm, environment).",
        owner: "Configure the API with the exact `issuer` value from the provider's discovery document, including tenant, trailing `/` and version.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedSignature,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token's signature did not verify.",
        why: "The verifier computed the signature check with the key it selected and it failed, so the token is treated as forged or altered.",
        caller: "Check that the token was not modified in transit; paste the token and the issuer's key set into this tool to see whether the signature verifies.",
        owner: "Check which key the API uses (current JWK Set, right issuer), whether the issuer recently rotated keys, and whether a proxy re-encodes tokens.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedNoKey,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the verifier holds no key matching the token, typically an unknown `kid`; the finding includes the `kid` when the message gives it.",
        why: "Without a matching key the signature cannot be verified; this usually follows a key rotation, when the API's cached key set lacks the new `kid`, or a token from another issuer.",
        caller: "Check that the token comes from the expected issuer; paste it with the issuer's JWK Set to see whether the `kid` is published.",
        owner: "Refresh the API's copy of the key set from `jwks_uri` (and refetch on an unknown `kid`); check that the issuer publishes new keys before signing with them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedAlgorithm,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token's algorithm is not allowed, for example `none`, an HMAC algorithm where RSA is expected, or an algorithm the key cannot be used with.",
        why: "Verifiers restrict accepted algorithms (RFC 8725 §3.1), so a token signed with another algorithm is rejected before or instead of the signature check.",
        caller: "Use a token from the real issuer; if the issuer changed its algorithm, report it.",
        owner: "Align the API's allowed algorithms with what the issuer signs with (never `none`), and check that the key type matches.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedUnreadableToken,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token could not be read: it is not a well-formed JWT, cannot be decoded, or is too large.",
        why: "The verifier cannot parse the token, so it rejects it before checking any claims.",
        caller: "Copy the token again from where it was issued and send it as one `header.payload.signature` string, without surrounding quotes, a second `Bearer` or wrapped lines.",
        owner: "Check what clients send (length and first characters in the log), and any size limit the verifier imposes.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedNoCredentials,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says no credentials reached it: no `Authorization` header, API key or cookie was present in the request it saw.",
        why: "Without credentials the server treats the request as anonymous and answers 401; either the client did not send them, or something on the way removed them.",
        caller: "Send the credentials (`Authorization: Bearer <token>`, or the API key header or cookie the API documents) and check that the client attaches them to this URL.",
        owner: "Check whether proxies or gateways forward `Authorization` and cookies, and whether the request reached the component that logged this.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedBadHeader,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says a header value is invalid, for example containing a line break or control character, or credentials sent more than once.",
        why: "The server or HTTP library rejects the malformed or ambiguous header instead of reading credentials from it.",
        caller: "Remove the newline or control character from the value (often from a file or secret), and send the credential only once.",
        owner: "Log the rejected header's name and length to help callers find the stray character.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedWrongScheme,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the authentication scheme is not the one it wants (for example IIS reporting invalid authentication headers).",
        why: "Servers only accept credentials under the schemes they implement, so credentials in another scheme are treated as absent or invalid.",
        caller: "Look at the `WWW-Authenticate` challenge of the 401 and send credentials under a scheme it names, for example `Basic` or `Negotiate` instead of `Bearer`.",
        owner: "Check which authentication methods are enabled on the site or endpoint, and that the challenge lists them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedScope,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token lacks a scope or role needed for the operation; the finding includes the scope when the message gives it.",
        why: "The token authenticated, but the authorisation check failed; RFC 6750 calls for 403 `insufficient_scope`, though some components answer 401.",
        caller: "Ask for the missing scope in the token request (or have the role assigned to the user or client), then get a fresh token, since an existing token never gains scopes.",
        owner: "Check the client's granted scopes and the user's role assignments; return 403 with the required scope named.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedTokenType,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the token is of the wrong type, such as an ID token or refresh token where an access token is expected, or a `typ` the verifier does not accept.",
        why: "Verifiers that check token type (RFC 9068 `at+jwt`, or vendor-specific types) refuse other kinds of tokens.",
        caller: "Use the `access_token` field of the token response for API calls; ID tokens and refresh tokens are not meant for APIs.",
        owner: "Check the API's accepted `typ` values and that the issuer marks access tokens accordingly.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedWrongCredentials,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the user name, password, API key or personal access token is wrong or unknown.",
        why: "The credentials do not match any account or key, so the server answers 401 (or the provider answers `invalid_grant`).",
        caller: "Check the credentials, and whether the key or token was revoked, rotated or expired; retry once, not in a loop, to avoid a lockout.",
        owner: "Check the authentication log for the account or key id to see whether it exists, was revoked, or belongs to another tenant.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedAccountState,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the account cannot sign in as it is: locked, disabled, unconfirmed, with an expired password, or needing MFA.",
        why: "The account state blocks authentication whatever the credentials, so sign-in or the token request fails.",
        caller: "Fix the account state the message names (unlock, enable, confirm, complete MFA or reset the expired password), then sign in again to get new tokens.",
        owner: "Check the account's status and recent sign-in events at the identity provider.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedClient,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the OAuth client is unknown or its authentication failed (wrong or expired client secret, wrong certificate, missing parameter).",
        why: "The token endpoint answers `invalid_client` (RFC 6749 §5.2) and issues no token, so the application never gets a valid access token.",
        caller: "Check the `client_id`, its secret or certificate, and the tenant or realm in the application's configuration; renew an expired secret.",
        owner: "Check the client registration: secret expiry, allowed authentication method, and the tenant in which the client exists.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedGrantRefused,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the grant was refused: an authorization code already used or expired, a `redirect_uri` or PKCE mismatch, or missing consent.",
        why: "The token endpoint answers `invalid_grant` and issues no token (RFC 6749 §5.2).",
        caller: "Use each code once and promptly, with the same `redirect_uri` and the matching PKCE verifier, and grant the consent asked for.",
        owner: "Check the provider's logs for the exact reason and the registered redirect URIs and consent settings.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedProxy,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says a proxy wants credentials (407 or a failed tunnel).",
        why: "The request never reached the API; the proxy refuses to forward it until the client authenticates to the proxy.",
        caller: "Configure the tool with the proxy's user and password (for example `HTTPS_PROXY=http://user:pass@proxy:port` or its own proxy setting), or add the API host to `NO_PROXY`.",
        owner: "Check the proxy's authentication policy and logs for this client and destination.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedAuthorizationLost,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the `Authorization` header did not reach the application.",
        why: "A proxy, web server or gateway in front of the application removed or did not pass the header, so the application sees no credentials and answers 401.",
        caller: "Confirm the client sends the header, then report it; as a workaround some gateways accept the token in a different header they forward.",
        owner: "Pass `Authorization` on: nginx `proxy_set_header Authorization $http_authorization;`, Apache `CGIPassAuth On`, and on CDNs or gateways add it to the forwarded headers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BrowserCors,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the browser blocked the response because of CORS.",
        why: "The browser refuses to expose a cross-origin response without the right CORS headers, or does not send the request after a failed preflight; the page then sees a network error, which can hide a 401.",
        caller: "Look at the DevTools Network tab for the real status of the preflight and the request; the fix is on the server.",
        owner: "Handle `OPTIONS` preflights ahead of authentication with a 2xx and the `Access-Control-Allow-*` headers for this origin, and add the CORS headers to error responses too (nginx `add_header ... always`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BrowserCookie,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the browser refused to store a cookie or held it back from a request (for example `SameSite`, `Secure` or domain rules).",
        why: "Without the cookie, requests that rely on the session go out unauthenticated and get 401.",
        caller: "Read the DevTools Application or Network tab's cookie warnings for the exact rule; use the site over HTTPS.",
        owner: "Fix the attribute the browser complained about: `Secure` over HTTPS, `SameSite=None; Secure` for cross-site use, and `Domain` and `Path` values that cover the API.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedRateLimit,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says too many requests were made (rate limit or throttling).",
        why: "The server refuses requests beyond its limit (429, or 403/401 on some services); retrying quickly keeps the limit in force.",
        caller: "Stop automatic retries, wait for the time in `Retry-After` or the reset header, and then send a single request.",
        owner: "Check which limit applied and to which key or IP; answer with 429 and `Retry-After`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedForbidden,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the caller is authenticated but not allowed to perform the action (authorization failed).",
        why: "This is a permission problem, which RFC 9110 assigns to 403; new credentials for the same identity do not change the outcome.",
        caller: "Grant the user, role or token the permission, or call a resource it may use.",
        owner: "Check the authorization policy that failed and answer 403 for permission denials.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedSenderConstraint,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the proof of the token's bound key is missing or wrong (DPoP proof or mTLS client certificate).",
        why: "A sender-constrained token is accepted only with a valid proof of possession of its key (RFC 9449, RFC 8705), so without a correct proof the token is refused.",
        caller: "Create a new DPoP proof for each request with the exact method and URL, signed with the key the token is bound to, or present the client certificate the token was issued for.",
        owner: "Log which proof check failed (`jti`, `htu`, `iat`, key binding, nonce) and check that TLS termination passes the client certificate.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedRequestSignature,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the request signature does not match (for example AWS Signature Version 4 or an Azure shared key), or the access key is unknown.",
        why: "The server recomputes the signature over the request and compares; a different secret, region, service, header, body or timestamp gives a mismatch and the request is refused.",
        caller: "Sign the final request (all headers and body as sent) with the correct secret, region and service name, and with a synchronised clock; use the SDK's signer rather than hand-built signatures.",
        owner: "Compare the canonical request the server computed (often returned in the error) with the client's.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoggedNoReason,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages from libraries, servers, gateways, identity providers, tools and browsers, and that entry says the request was not authenticated, without giving a reason (for example a browser console line with status 401, or a framework's generic failure).",
        why: "It confirms that a refusal happened but not why, so on its own it points to no fix; it matters only when no other finding explains the 401, and then the missing reason has to be found in the server's log or the full response.",
        caller: "Find the reason: capture the full response with its `WWW-Authenticate` header, or ask for the server's log for this request.",
        owner: "Log the specific reason for rejections (expired, audience, signature) and include it in `error_description`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CredentialsNotConfigured,
        meaning: "A line in the input matches an entry of the engine's catalogue of known messages, and that entry says the client tool held no credentials for the server it called, for example npm's `Unable to authenticate, need: Basic realm=...` or `HttpErrorAuthUnknown`, which also quote the server's challenge.",
        why: "The tool found no credentials in its configuration for that registry URL, so it sent the request anonymously and the server answered 401 with `WWW-Authenticate` (RFC 9110 §11.6.1); the usual reason is that the request went to another registry or path than the one the credentials are stored for (a scoped registry, a `resolved` URL in the lockfile, or a mismatched `.npmrc` key such as `//host/path/:_authToken`).",
        caller: "Find the URL the tool actually requested (the verbose log, the lockfile's `resolved` URLs, `npm config get registry` and scope settings), then add credentials for exactly that registry URL, for example with `npm login --registry=<url>`, or point the tool at the registry you are signed in to.",
        owner: "Check which scheme and realm the registry's challenge asks for, publish the exact registry URL and `.npmrc` form clients should use, and, if anonymous reads are intended for this path, check the repository's anonymous access settings.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_about_a_message_is_not_the_message() {
        assert!(prose("- fix: handle `jwt expired` errors when the clock is off"));
        assert!(prose("If the token is expired, verify throws TokenExpiredError: jwt expired instead."));
        assert!(!prose("2024-03-01 10:00:01 ERROR TokenExpiredError: jwt expired"));
        assert!(!prose("TokenExpiredError: jwt expired"));
        assert!(!prose(r#"{"error":"invalid_token","error_description":"The token expired"}"#));
    }

    #[test]
    fn messages_in_source_code_are_not_output() {
        assert!(in_code("      if (info.name === 'TokenExpiredError') {", "      if (info.name === '"));
        assert!(in_code("+                        detail=\"Token has expired\",", "+                        detail=\""));
        assert!(!in_code("{\"message\":\"Token has expired\"}", "{\"message\":\""));
        assert!(!in_code("2025-11-24 ERROR TokenExpiredError: jwt expired", "2025-11-24 ERROR "));
        assert!(in_code("if ($_ | Select-String -Pattern \"Access Denied: x\") {", "if ($_ | Select-String -Pattern \""));
        assert!(in_code("if echo \"$out\" | grep -q 'jwt expired'; then", "if echo \"$out\" | grep -q '"));
    }

    #[test]
    fn audiences_of_other_kinds_of_token_are_named() {
        assert!(other_token_kind("https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit").is_some());
        assert!(other_token_kind("\"1234-abc.apps.googleusercontent.com\"").is_some());
        assert_eq!(other_token_kind("my-project"), None);
    }

    #[test]
    fn html_and_json_escapes_are_read() {
        assert_eq!(unescape("InvalidTokenError: Unexpected &#39;aud&#39; value").as_deref(), Some("InvalidTokenError: Unexpected 'aud' value"));
        assert_eq!(unescape(r#"{\"message\":\"x\"}"#).as_deref(), Some(r#"{"message":"x"}"#));
        assert_eq!(unescape("plain line"), None);
    }

    #[test]
    fn near_misses_are_named() {
        assert!(near_miss("https://api.example.com/", "https://api.example.com").is_some_and(|w| w.contains("trailing")));
        assert!(near_miss("api://1234", "1234").is_some_and(|w| w.contains("api://")));
        assert_eq!(near_miss("a", "b"), None);
    }
}
