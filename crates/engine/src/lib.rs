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

pub mod checklist;
pub mod chars;
pub mod context;
pub mod cookie;
pub mod cors;
pub mod detect;
pub mod findings;
pub mod headers;
pub mod http;
pub mod jose;
pub mod jwt;
pub mod markdown;
pub mod oauth;
pub mod report;
pub mod secret;
pub mod snippets;
pub mod timefmt;
pub mod transfer;

pub use checklist::{ChecklistEntry, StepId, StepStatus};
pub use context::{Context, Expectations, KeyFormat, KeyInput, DEFAULT_SKEW};
pub use findings::{Code, Finding, Severity};
pub use report::{Check, CheckStatus, InputKind, InputSummary, Report, TokenReport};
pub use secret::Secret;

use detect::{Carrier, Detected};
use jose::key::Key;
use jose::verify::{RustCrypto, Verifier};
use report::TokenForm;

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
pub fn inspect_with_progress(
    input: &str,
    ctx: &Context,
    verifier: &dyn Verifier,
    progress: &mut dyn FnMut(Progress),
) -> Report {
    let read = ctx.origin.as_deref().map(cors::normalize_origin);
    match read {
        Some(Ok(origin)) if ctx.origin.as_deref() != Some(origin.as_str()) => {
            let ctx = Context { origin: Some(origin), ..ctx.clone() };
            inspect_in(input, &ctx, verifier, progress)
        }
        Some(Err(why)) => {
            let ctx = Context { origin: None, ..ctx.clone() };
            let mut report = inspect_in(input, &ctx, verifier, progress);
            report.origin_error = Some(why);
            report
        }
        _ => inspect_in(input, ctx, verifier, progress),
    }
}

/// [`inspect_with_progress`] once the origin has been read.
fn inspect_in(input: &str, ctx: &Context, verifier: &dyn Verifier, progress: &mut dyn FnMut(Progress)) -> Report {
    let mut inputs = Vec::new();
    let mut tokens: Vec<TokenReport> = Vec::new();
    let mut findings = Vec::new();
    let mut checked = Vec::new();
    let mut authorization = Vec::new();
    let mut cookies = Vec::new();
    let mut challenges: Vec<(usize, String)> = Vec::new();
    let keys = read_keys(ctx, &mut findings);

    if input.len() > MAX_INPUT_BYTES {
        findings.push(Finding::new(
            Code::In001,
            format!(
                "The input is {} MB; the limit is {} MB",
                if input.len() == MAX_INPUT_BYTES + 1 {
                    // Readers stop one byte past the limit: the size is then unknown.
                    format!("over {}", MAX_INPUT_BYTES / (1024 * 1024))
                } else {
                    format!("{:.1}", input.len() as f64 / (1024.0 * 1024.0))
                },
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
        return finish(ctx, inputs, tokens, findings, &checked);
    }

    let har = http::har::looks_like_har(input)
        .then(|| http::har::parse_with(input, &mut |done, total| progress(Progress { done, total: total * 2 })));
    let is_har = har.is_some();
    // For a HAR file: each entry's (request, response) messages and what else the capture says.
    let mut har_pairs: Option<Vec<(Option<usize>, Option<usize>)>> = None;
    // Each entry's start time, duration and error, as the capture wrote them.
    let mut har_meta: Vec<(Option<String>, Option<f64>, Option<String>)> = Vec::new();
    let mut sanitized = false;
    let (mut messages, problems) = match har {
        Some(Ok(file)) => {
            let total = file.entries.len();
            let refused = file.entries.iter().filter(|e| matches!(e.response.as_ref().and_then(|r| r.status()), Some(401 | 403 | 407))).count();
            inputs.push(InputSummary {
                kind: InputKind::Har,
                summary: format!("HAR file with {total} entries, {refused} answered 401, 403 or 407"),
                line: 1,
            });
            sanitized = file.sanitized;
            if file.sanitized {
                let mut f = Finding::new(
                    Code::Har002,
                    "No entry carries `Authorization`, `Cookie` or `Set-Cookie`: the export left them out, so credentials cannot be checked",
                );
                f.input = Some(0);
                findings.push(f);
            }
            let mut flat = Vec::with_capacity(total * 2);
            let mut pairs = Vec::with_capacity(total);
            for http::har::Entry { request, response, started, time_ms, error } in file.entries {
                flat.push(request);
                let req = flat.len() - 1;
                let resp = response.map(|m| {
                    flat.push(m);
                    flat.len() - 1
                });
                pairs.push((Some(req), resp));
                har_meta.push((started, time_ms, error));
            }
            har_pairs = Some(pairs);
            (flat, Vec::new())
        }
        Some(Err(why)) => {
            inputs.push(InputSummary { kind: InputKind::Har, summary: "HAR file that cannot be read".into(), line: 1 });
            let mut f = Finding::new(Code::Har001, format!("The HAR file cannot be read: {why}"));
            f.input = Some(0);
            findings.push(f);
            return finish(ctx, inputs, tokens, findings, &checked);
        }
        None => http::message::parse(input),
    };
    let mut credentials_mode = None;
    if messages.is_empty() && !is_har {
        if let Some((command, trouble)) = http::curl::parse(input) {
            messages.push(command);
            for t in trouble {
                findings.push(Finding::new(Code::Http016, format!("In the `curl` command, {}", t.what)));
            }
        } else if let Some(call) = http::fetch::parse(input) {
            messages.push(call.request);
            credentials_mode = call.credentials;
            for t in call.problems {
                findings.push(Finding::new(Code::Http016, format!("In the `fetch` call, {t}")));
            }
        }
    }
    // Header lines of messages are read from the parsed messages (curl prefixes or quotes them).
    let header_lines: std::collections::HashSet<usize> = messages.iter().flat_map(|m| m.headers.iter().map(|h| h.line)).collect();
    let command_lines: Vec<(usize, usize)> =
        messages.iter().filter(|m| matches!(m.source, http::message::Source::CurlCommand | http::message::Source::FetchSnippet)).map(|m| m.lines).collect();
    let lines_detected = if is_har { Vec::new() } else { detect::detect(input) };
    let pairs = har_pairs.unwrap_or_else(|| http::exchange::pair(&messages));
    // The exchange to diagnose, when the caller chose one that exists.
    let focus = ctx.exchange.filter(|n| *n < pairs.len());
    // In a HAR file without a chosen entry, the headers worth reading are those of the entries
    // that failed (no response, or 4xx/5xx); all of them when none did.
    let mut look = vec![focus.is_none(); messages.len()];
    if let Some(n) = focus {
        for m in pairs.get(n).into_iter().flat_map(|(a, b)| [*a, *b]).flatten() {
            if let Some(slot) = look.get_mut(m) {
                *slot = true;
            }
        }
    } else if is_har {
        let failed = |(_, b): &(Option<usize>, Option<usize>)| b.and_then(|i| messages.get(i)).and_then(|m| m.status()).is_none_or(|s| s >= 400);
        if pairs.iter().any(failed) {
            look.iter_mut().for_each(|slot| *slot = false);
            for (a, b) in pairs.iter().filter(|p| failed(p)) {
                for m in [*a, *b].into_iter().flatten() {
                    if let Some(slot) = look.get_mut(m) {
                        *slot = true;
                    }
                }
            }
        }
    }
    let in_focus = |m: usize| look.get(m).copied().unwrap_or(false);
    let mut items: Vec<Item> = lines_detected
        .into_iter()
        .filter(|d| !header_lines.contains(&d.line()) && !command_lines.iter().any(|(a, b)| (*a..=*b).contains(&d.line())))
        .map(Item::Detected)
        .collect();
    for (m, message) in messages.iter().enumerate() {
        // A HAR file is one input; its entries are listed as exchanges.
        if !is_har {
            items.push(Item::Message(m, message.line));
        }
        if in_focus(m) {
            items.extend(message.headers.iter().filter_map(|h| detect::from_header(&h.name, &h.value, h.line)).map(Item::Detected));
            for h in &message.headers {
                let found = match h.name.to_ascii_lowercase().as_str() {
                    "cookie" => detect::from_cookie_header(&h.value, h.line),
                    "set-cookie" => detect::from_set_cookie(&h.value, h.line),
                    _ => continue,
                };
                items.extend(found.into_iter().map(Item::Detected));
            }
        }
    }
    items.sort_by_key(Item::line);
    let mut message_inputs = vec![0; messages.len()];
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut seen_headers: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for item in &items {
        let index = inputs.len();
        let item = match item {
            Item::Message(m, line) => {
                message_inputs[*m] = index;
                inputs.push(describe_message(&messages[*m], *line));
                continue;
            }
            Item::Detected(d) => d,
        };
        match item {
            Detected::Token { text, line, carrier } => {
                if seen.contains(text) {
                    continue;
                }
                if tokens.len() == MAX_TOKENS {
                    findings.push(Finding::new(
                        Code::In003,
                        format!("The input holds more than {MAX_TOKENS} distinct tokens; the rest were not analysed"),
                    ));
                    break;
                }
                seen.insert(text);
                let mut analysis = jwt::analyze(text, index, ctx, &keys, verifier);
                let (kind, summary) = describe_token(&analysis.token, carrier);
                if let Carrier::Authorization { value, .. } = carrier {
                    checked.push(StepId::AuthorizationHeader);
                    header_findings(value, index, &mut findings, &mut authorization);
                }
                if let Carrier::Cookie { name } = carrier {
                    checked.push(StepId::Cookies);
                    let mut f = Finding::new(Code::Cook015, format!("The cookie `{name}` holds a JWT; it is decoded and checked below"));
                    f.input = Some(index);
                    findings.push(f);
                }
                inputs.push(InputSummary { kind, summary, line: *line });
                // A decrypted token may hold another token; each is inspected in turn, a few deep.
                for depth in 0.. {
                    checked.extend(analysis.checked.iter().copied());
                    findings.extend(attributed(analysis.findings, Some(index), Some(tokens.len())));
                    let nested = analysis.nested.take();
                    tokens.push(analysis.token);
                    match nested {
                        Some(inner) if depth < 3 => analysis = jwt::analyze(&inner, index, ctx, &keys, verifier),
                        _ => break,
                    }
                }
            }
            // The same header repeated (every entry of a HAR file, a redirect resent) is one input.
            Detected::Challenge { value, .. }
            | Detected::Credentials { value, .. }
            | Detected::Cookies { value, .. }
            | Detected::SetCookie { value, .. }
                if seen_headers.contains(value) =>
            {
                continue
            }
            Detected::Cookies { value, line } => {
                seen_headers.insert(value);
                checked.push(StepId::Cookies);
                let (pairs, problems) = cookie::parse_cookie_header(value);
                cookies.extend(pairs.iter().map(|p| report::CookieEntry {
                    input: index,
                    name: p.name.clone(),
                    value: Secret::new(p.value.clone()),
                    set: false,
                    attributes: Vec::new(),
                }));
                findings.extend(attributed(http::replay::cookie_header_findings(&problems), Some(index), None));
                let names: Vec<String> = pairs.iter().take(8).map(|p| format!("`{}`", p.name)).collect();
                let more = if pairs.len() > 8 { format!(" and {} more", pairs.len() - 8) } else { String::new() };
                let summary = match pairs.len() {
                    0 => "`Cookie` header with no cookies".to_string(),
                    1 => format!("`Cookie` header with one cookie: {}", names.join(", ")),
                    n => format!("`Cookie` header with {n} cookies: {}{more}", names.join(", ")),
                };
                inputs.push(InputSummary { kind: InputKind::Cookie, summary, line: *line });
            }
            Detected::SetCookie { value, line } => {
                seen_headers.insert(value);
                checked.push(StepId::Cookies);
                let set = cookie::parse_set_cookie(value);
                cookies.push(report::CookieEntry {
                    input: index,
                    name: set.name.clone(),
                    value: Secret::new(set.value.clone()),
                    set: true,
                    attributes: http::replay::attributes(&set),
                });
                findings.extend(attributed(http::replay::standalone_findings(&set, ctx.now), Some(index), None));
                inputs.push(InputSummary { kind: InputKind::SetCookie, summary: http::replay::describe_set_cookie(&set), line: *line });
            }
            Detected::Challenge { value, proxy, line } => {
                seen_headers.insert(value);
                let (summary, found) = headers::challenge::analyze(value, *proxy);
                checked.push(if *proxy { StepId::NetworkPath } else { StepId::WwwAuthenticate });
                findings.extend(attributed(found, Some(index), None));
                challenges.push((index, value.to_string()));
                inputs.push(InputSummary { kind: InputKind::WwwAuthenticate, summary, line: *line });
            }
            Detected::Credentials { scheme, credentials, value, line } => {
                seen_headers.insert(value);
                checked.push(StepId::AuthorizationHeader);
                let before = findings.len();
                header_findings(value, index, &mut findings, &mut authorization);
                let summary = if credentials.is_empty() {
                    format!("`Authorization` header with the `{scheme}` scheme and no credentials")
                } else {
                    format!("`Authorization` header with `{scheme}` credentials")
                };
                // Only the findings just added can be about this input.
                let placeholder = findings[before..].iter().any(|f| f.input == Some(index) && f.code == Code::Auth006);
                if scheme.eq_ignore_ascii_case("bearer") && !credentials.is_empty() && !placeholder {
                    let mut f = Finding::new(
                        Code::Jwt027,
                        format!("The `Bearer` credentials ({} characters) are not a JWT", credentials.chars().count()),
                    );
                    f.input = Some(index);
                    findings.push(f);
                }
                inputs.push(InputSummary { kind: InputKind::Authorization, summary, line: *line });
            }
        }
    }

    // OAuth requests: in a HAR file, those its entries made; otherwise, wherever the text has one.
    let oauth_requests = if is_har { oauth::analyze_messages(&messages, ctx) } else { oauth::analyze(input, ctx) };
    for (summary, found) in oauth_requests {
        let index = inputs.len();
        inputs.push(summary);
        checked.push(StepId::IdentityProvider);
        findings.extend(attributed(found, Some(index), None));
    }
    if inputs.is_empty() && !input.trim().is_empty() {
        inputs.push(InputSummary { kind: InputKind::Unknown, summary: "Text with nothing recognised".into(), line: 1 });
        let mut f = Finding::new(
            Code::In002,
            format!("No JWT or `Authorization` header was found in {} characters of text", input.chars().count()),
        );
        f.input = Some(0);
        findings.push(f);
    }
    for problem in &problems {
        findings.push(Finding::new(Code::Http015, format!("Line {}: {}", problem.line, problem.what)));
    }
    let times: Vec<http::exchange::TokenTimes> = tokens
        .iter()
        .map(|t| {
            let at = |claim: &str| t.times.iter().find(|c| c.claim == claim).map(|c| c.value);
            http::exchange::TokenTimes { exp: at("exp"), nbf: at("nbf") }
        })
        .collect();
    let mut exchanges = Vec::with_capacity(pairs.len());
    let mut har_started: Vec<Option<i64>> = Vec::with_capacity(har_meta.len());
    let mut exchange_findings: Vec<(usize, Finding)> = Vec::new();
    let mut refs = Vec::with_capacity(pairs.len());
    for (e, (request, response)) in pairs.iter().enumerate() {
        if is_har {
            progress(Progress { done: pairs.len() + e, total: pairs.len() * 2 });
        }
        let (request, response) = (request.and_then(|i| messages.get(i)), response.and_then(|i| messages.get(i)));
        refs.push((request, response));
        let (mut exchange, found, steps) = http::exchange::analyze(request, response, &times, ctx);
        if let Some((started, time_ms, error)) = har_meta.get_mut(e) {
            har_started.push(started.as_deref().and_then(timefmt::parse_rfc3339));
            exchange.started = started.take();
            exchange.time_ms = *time_ms;
            exchange.error = error.take();
            if exchange.error.is_some() && exchange.flag.is_none() {
                exchange.flag = Some(report::ExchangeFlag::NoResponse);
            }
        }
        if focus.is_none_or(|n| n == e) {
            checked.extend(steps);
        }
        exchange_findings.extend(found.into_iter().map(|f| (e, f)));
        exchanges.push(exchange);
    }
    for (e, exchange) in exchanges.iter().enumerate() {
        let Some(error) = &exchange.error else { continue };
        let preflight = exchanges[..e].iter().rposition(|p| {
            p.flag == Some(report::ExchangeFlag::FailedPreflight) && p.request.url == exchange.request.url
        });
        let why = match preflight {
            Some(p) => format!("; its preflight (exchange {}) was refused, so the browser blocked it", p + 1),
            None => String::new(),
        };
        exchange_findings.push((
            e,
            Finding::new(Code::Http026, format!("`{} {}` got no response (`{error}`){why}", exchange.request.method, exchange.request.url)),
        ));
    }
    let hop_findings = http::exchange::hops(&mut exchanges, &refs);
    exchange_findings.extend(hop_findings);
    if let (Some(mode), Some(first)) = (&credentials_mode, exchanges.first_mut()) {
        first.credentials = Some(mode.clone());
    }
    let steps: Vec<http::replay::Step> = refs
        .iter()
        .enumerate()
        .map(|(e, (request, response))| http::replay::Step {
            request: *request,
            response: *response,
            started: har_started.get(e).copied().flatten(),
        })
        .collect();
    exchange_findings.extend(http::replay::replay(&steps, &mut exchanges, ctx, sanitized));
    exchange_findings.extend(http::cors_flow::check_all(&refs, &mut exchanges, ctx));
    if exchanges.iter().any(|x| x.cors.verdict != report::CorsVerdict::NotApplicable) {
        checked.push(StepId::CorsPreflight);
    }
    if exchanges.iter().any(|x| x.cookies.sent.is_some() || x.cookies.expected.is_some()) {
        checked.push(StepId::Cookies);
    }
    exchange_findings.sort_by_key(|(e, _)| *e);
    // An exchange that lost `Authorization` on a redirect is explained by that, not by a client
    // that sent no credentials.
    // Likewise a request whose cookies the browser's rules held back.
    const HELD_BACK: [Code; 13] = [
        Code::Http017,
        Code::Cook018,
        Code::Cook004,
        Code::Cook005,
        Code::Cook006,
        Code::Cook007,
        Code::Cook008,
        Code::Cook011,
        Code::Cook013,
        Code::Cook017,
        Code::Cook019,
        Code::Cook020,
        Code::Cook021,
    ];
    let explained: Vec<usize> = exchange_findings.iter().filter(|(_, f)| HELD_BACK.contains(&f.code)).map(|(e, _)| *e).collect();
    exchange_findings.retain(|(e, f)| !(f.code == Code::Http006 && explained.contains(e)));
    let mut clock_noted = false;
    for (e, mut f) in exchange_findings {
        if focus.is_some_and(|n| n != e) {
            continue;
        }
        // A sanitized HAR export removed the credentials; their absence says nothing.
        if sanitized && f.code == Code::Http006 {
            continue;
        }
        // One note about an old capture's dates is enough.
        if f.code == Code::Http010 {
            if clock_noted {
                continue;
            }
            clock_noted = true;
        }
        f.input = pairs.get(e).and_then(|(a, b)| b.or(*a)).and_then(|i| message_inputs.get(i).copied());
        f.exchange = Some(e);
        findings.push(f);
    }

    // The scheme sent against the schemes the server asked for, when the paste has both.
    for (index, value) in &challenges {
        let (asked, _) = headers::www_authenticate::parse(value);
        for sent in &authorization {
            if !asked.is_empty() && !asked.iter().any(|c| c.scheme.eq_ignore_ascii_case(&sent.scheme)) {
                let schemes: Vec<String> = asked.iter().map(|c| format!("`{}`", c.scheme)).collect();
                let mut f = Finding::new(
                    Code::Www006,
                    format!("The server asks for {}, but the request sent `{}`", schemes.join(" or "), sent.scheme),
                );
                f.input = Some(*index);
                findings.push(f);
            }
        }
    }
    // Two notes become likely causes when the server refused the credentials they are about: an
    // ID token refused as `invalid_token` (some APIs do take ID tokens, and those do not refuse
    // them), and a Basic password with a colon refused by a server asking for Basic.
    if findings.iter().any(|f| f.code == Code::Www002) {
        raise(&mut findings, Code::Clm007, Severity::Error, "the server refused it as `invalid_token`, as an API does with an ID token");
    }
    let basic_asked = challenges.iter().any(|(_, v)| headers::www_authenticate::parse(v).0.iter().any(|c| c.scheme.eq_ignore_ascii_case("basic")));
    if basic_asked {
        raise(&mut findings, Code::Basic006, Severity::Warning, "the server refused them, so check how it splits the decoded credentials");
    }
    let mut report = finish(ctx, inputs, tokens, findings, &checked);
    report.keys = keys.iter().map(report::KeySummary::of).collect();
    report.authorization = authorization;
    report.cookies = cookies;
    // Snippets for the exchange being diagnosed: the chosen one, else the first that needs a
    // look, else the first with a request.
    // A preflight stands for the request it was sent for, which is what to reproduce.
    let real = |e: usize| refs.get(e).is_some_and(|(r, _)| r.is_some_and(|r| !http::cors_flow::is_preflight(r)));
    let answered = |e: usize| refs.get(e).is_some_and(|(_, resp)| resp.is_some());
    let diagnosed = focus
        .filter(|e| refs.get(*e).is_some_and(|(r, _)| r.is_some()))
        .or_else(|| (0..exchanges.len()).find(|&e| exchanges[e].flag.is_some() && real(e) && answered(e)))
        .or_else(|| (0..exchanges.len()).find(|&e| exchanges[e].flag.is_some() && real(e)))
        .or_else(|| (0..exchanges.len()).find(|&e| real(e)))
        .or_else(|| refs.iter().position(|(r, _)| r.is_some()));
    if let Some(request) = diagnosed.and_then(|e| refs.get(e)).and_then(|(r, _)| *r) {
        report.snippets = snippets::build(request, ctx);
    }
    report.exchanges = exchanges;
    report
}

/// Findings marked with the input (and token) they are about.
fn attributed(findings: Vec<Finding>, input: Option<usize>, token: Option<usize>) -> impl Iterator<Item = Finding> {
    findings.into_iter().map(move |mut f| {
        f.input = input;
        f.token = token;
        f
    })
}

/// A detection or an HTTP message, in the order they appear in the input.
enum Item<'a> {
    Detected(Detected<'a>),
    /// The index of a parsed message, and its line.
    Message(usize, usize),
}

impl Item<'_> {
    fn line(&self) -> usize {
        match self {
            Item::Detected(d) => d.line(),
            Item::Message(_, line) => *line,
        }
    }
}

fn describe_message(message: &http::message::Message, line: usize) -> InputSummary {
    use http::message::{Source, StartLine};
    let (kind, summary) = match &message.start {
        StartLine::Request { method, .. } => (InputKind::HttpRequest, format!("{method} {}", http::exchange::url(message))),
        StartLine::Response { status, reason, .. } => (InputKind::HttpResponse, format!("Response {status} {reason}").trim_end().to_string()),
    };
    let kind = match message.source {
        Source::CurlVerbose | Source::CurlCommand => InputKind::Curl,
        Source::FetchSnippet => InputKind::Fetch,
        _ => kind,
    };
    InputSummary { kind, summary, line }
}

/// The checks of an `Authorization` header value, attributed to its input.
fn header_findings(value: &str, input: usize, findings: &mut Vec<Finding>, out: &mut Vec<report::AuthorizationSummary>) {
    let (header, found) = headers::authorization::analyze(value);
    findings.extend(attributed(found, Some(input), None));
    out.push(report::AuthorizationSummary {
        input,
        scheme: header.scheme,
        user: header.basic.as_ref().map(|b| b.user.clone()),
        password: header.basic.map(|b| b.password),
    });
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
                Err(why) => findings.push(Finding::new(Code::Key001, why)),
            },
        }
    }
    findings.extend(keys.iter().filter_map(|k| k.certificate.as_ref()?.validity(ctx.now)));
    keys
}

/// Gives every finding of `code` the severity `to`, and says why in its message.
fn raise(findings: &mut [Finding], code: Code, to: Severity, because: &str) {
    for f in findings.iter_mut().filter(|f| f.code == code) {
        f.severity = to;
        f.message.push_str("; ");
        f.message.push_str(because);
    }
}

fn finish(
    ctx: &Context,
    inputs: Vec<InputSummary>,
    tokens: Vec<TokenReport>,
    findings: Vec<Finding>,
    checked: &[StepId],
) -> Report {
    let checklist = checklist::build(&findings, checked);
    Report {
        schema: report::SCHEMA,
        now: ctx.now,
        skew: ctx.skew,
        origin: ctx.origin.clone(),
        origin_error: None,
        credentials: ctx.credentials.map(|c| c.as_str()),
        inputs,
        keys: Vec::new(),
        authorization: Vec::new(),
        tokens,
        cookies: Vec::new(),
        exchanges: Vec::new(),
        snippets: Vec::new(),
        findings,
        checklist,
    }
}

fn describe_token(token: &TokenReport, carrier: &Carrier) -> (InputKind, String) {
    let header = &token.header;
    let text = |name: &str| header.get(name).and_then(serde_json::Value::as_str);
    let what = match token.form {
        TokenForm::Jwe => format!(
            "Encrypted JWT (JWE), `{}` / `{}`",
            text("alg").unwrap_or("?"),
            text("enc").unwrap_or("?")
        ),
        TokenForm::Jws if header.is_null() || token.parts.len() != 3 => "Malformed JWT".to_string(),
        TokenForm::Jws => match text("alg") {
            Some(alg) if alg.eq_ignore_ascii_case("none") => format!("Unsigned JWT (`alg` `{alg}`)"),
            Some(alg) => match text("kid") {
                Some(kid) => format!("JWT signed with `{alg}`, key id `{kid}`"),
                None => format!("JWT signed with `{alg}`"),
            },
            None => "JWT without `alg`".to_string(),
        },
    };
    match carrier {
        Carrier::Bare => (if token.form == TokenForm::Jwe { InputKind::Jwe } else { InputKind::Jwt }, what),
        Carrier::Authorization { scheme, .. } => {
            (InputKind::Authorization, format!("`Authorization: {scheme}` header: {what}"))
        }
        Carrier::Cookie { name } => (InputKind::Cookie, format!("Cookie `{name}`: {what}")),
    }
}
