//! OAuth 2.0 and OpenID Connect requests pasted as text: authorize URLs and token requests,
//! checked for PKCE (RFC 7636) and the usual mistakes.
//!
//! Recognised: authorize URLs anywhere in a line (the address bar, a `Location` header, a log
//! line), including the target of a pasted HTTP request; token requests as a form body
//! (`grant_type=…&code=…`), in the body of a pasted HTTP request, a `curl` command or a
//! `fetch` snippet; and parameters pasted one per line, as `name: value` (the way DevTools shows
//! a payload) or `name=value`. The last form is also how a lone `code_verifier` and
//! `code_challenge` are pasted: the challenge counts as (part of) an authorize request, the
//! verifier as (part of) a token request, so the same checks compare them.

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::http::message::{Message, Source as MessageSource, StartLine};
use crate::report::{InputKind, InputSummary};
use crate::secret::Secret;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use url::form_urlencoded;

/// The most requests read from one input; the rest are left alone.
const MAX_REQUESTS: usize = 200;
/// Every request `classify` keeps names one of these parameters (written plainly, or with its
/// underscore percent-encoded).
const NAMED: [&str; 5] = ["grant_type", "code_verifier", "response_type", "client_id", "code_challenge"];
/// How many characters of a (non-secret) value a message shows.
const SHOWN_CHARS: usize = 80;
/// The most encoding problems reported for one request.
const MAX_ENCODING_FINDINGS: usize = 3;

/// Parameter names that make a `name: value` or `name=value` line part of a pasted payload.
const FIELDS: &[&str] = &[
    "grant_type",
    "code",
    "code_verifier",
    "code_challenge",
    "code_challenge_method",
    "redirect_uri",
    "client_id",
    "client_secret",
    "client_assertion",
    "client_assertion_type",
    "scope",
    "state",
    "nonce",
    "response_type",
    "response_mode",
    "refresh_token",
    "audience",
    "resource",
    "prompt",
    "login_hint",
    "max_age",
    "device_code",
    "username",
    "password",
];

/// Grant types registered with IANA or in common use.
const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "refresh_token",
    "client_credentials",
    "password",
    "urn:ietf:params:oauth:grant-type:device_code",
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "urn:ietf:params:oauth:grant-type:token-exchange",
    "urn:ietf:params:oauth:grant-type:uma-ticket",
    "urn:openid:params:grant-type:ciba",
];

/// The registered `response_type` values (combined with spaces).
const RESPONSE_TYPES: &[&str] = &["code", "token", "id_token", "none"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Authorize,
    Token,
}

#[derive(Debug, Clone)]
struct Param {
    name: String,
    value: String,
    line: usize,
}

/// Where a set of parameters came from.
#[derive(Debug, Clone, Default)]
struct Source {
    /// The URL the request goes to, without its query.
    endpoint: Option<String>,
    /// The parameters as written (`name=value`, still percent-encoded), for the encoding check.
    raw: Vec<String>,
    /// Parameters from a URL's query (only authorize requests are read from those).
    in_url: bool,
    /// The header that shows a browser sent the request (`Origin: …`).
    browser: Option<String>,
    /// The request authenticates the client another way (HTTP Basic).
    client_auth: bool,
    /// Read from an HTTP message, `curl` command or `fetch` call, which the engine already lists
    /// as an input: listed again only when there is something to say about it.
    carried: bool,
}

/// One authorize or token request, or the PKCE half of one pasted alone.
#[derive(Debug, Clone)]
struct Request {
    side: Side,
    line: usize,
    /// The HAR entry (from 1) the request was read from, when it came from a HAR file.
    entry: Option<usize>,
    params: Vec<Param>,
    /// Only some fields were pasted (a lone `code_challenge` or `code_verifier`): nothing is
    /// said about the fields that are not there.
    partial: bool,
    source: Source,
}

impl Request {
    /// Where the request is, for messages: `on line 3`, or `in HAR entry 12`.
    fn place(&self) -> String {
        match self.entry {
            Some(entry) => format!("in HAR entry {entry}"),
            None => format!("on line {}", self.line),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|p| p.name == name).map(|p| p.value.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| !v.is_empty())
    }

    fn response_types(&self) -> Vec<&str> {
        self.get("response_type").map(|v| v.split_whitespace().collect()).unwrap_or_default()
    }

    fn scopes(&self) -> Vec<&str> {
        self.get("scope").map(|v| v.split_whitespace().collect()).unwrap_or_default()
    }

    /// Whether the client proves who it is (else it is a public client and must send `client_id`).
    fn authenticates(&self) -> bool {
        self.source.client_auth || self.has("client_secret") || self.has("client_assertion")
    }
}

/// What the reading stage read, as OAuth recognition takes it: the text, the messages the
/// engine analyses (a HAR file's entries, the pasted HTTP messages, or the one `curl` command or
/// `fetch` call), and the other commands the text holds.
#[derive(Debug, Clone, Copy)]
pub struct Read<'a> {
    pub input: &'a str,
    pub messages: &'a [Message],
    pub commands: &'a [Message],
    pub is_har: bool,
}

/// Every authorize URL and token request in what was read, each as the input it is and the
/// findings about it (their `input` is set by the caller). In a HAR file: the authorize
/// requests in its entries' URLs (or in a redirect's `Location`), the token requests in their
/// form bodies; otherwise also those in the lines outside every message.
pub fn analyze(read: &Read, ctx: &Context) -> Vec<(InputSummary, Vec<Finding>)> {
    check_all(recognised(read), ctx)
}

fn recognised(read: &Read) -> Vec<Request> {
    if read.is_har {
        recognise_messages(read.messages)
    } else {
        recognise(read)
    }
}

/// What one recognised authorize or token request asked for, for the rules that compare it
/// with other evidence (server and protected-resource metadata).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub authorize: bool,
    /// Only the PKCE half of a request was pasted.
    pub partial: bool,
    /// Where it is, for messages: `on line 3`, `in HAR entry 12`.
    pub place: String,
    /// The URL it goes to, without its query, when known.
    pub endpoint: Option<String>,
    /// Every `resource` parameter (RFC 8707 allows several), as sent.
    pub resources: Vec<String>,
    /// A vendor `audience` parameter, as sent.
    pub audience: Option<String>,
    pub scopes: Vec<String>,
    pub client_id: Option<String>,
    /// A token request's client authentication, as the metadata names it: `client_secret_basic`,
    /// `client_secret_post`, `private_key_jwt` (a `client_assertion`, which may also be
    /// `client_secret_jwt`) or `none`.
    pub client_auth: Option<&'static str>,
    /// An authorize request's PKCE method (`plain` when `code_challenge` comes without one).
    pub code_challenge_method: Option<String>,
}

/// The requests [`analyze`] reads, described for comparison with other evidence.
pub fn asked(read: &Read) -> Vec<Asked> {
    let requests = recognised(read);
    requests
        .iter()
        .map(|r| {
            let authorize = r.side == Side::Authorize;
            let client_auth = (!authorize && !r.partial).then(|| {
                if r.source.client_auth {
                    "client_secret_basic"
                } else if r.has("client_assertion") {
                    "private_key_jwt"
                } else if r.has("client_secret") {
                    "client_secret_post"
                } else {
                    "none"
                }
            });
            let code_challenge_method =
                (authorize && r.has("code_challenge")).then(|| r.get("code_challenge_method").filter(|m| !m.is_empty()).unwrap_or("plain").to_string());
            Asked {
                authorize,
                partial: r.partial,
                place: r.place(),
                endpoint: r.source.endpoint.clone(),
                resources: r.params.iter().filter(|p| p.name == "resource").map(|p| p.value.clone()).collect(),
                audience: r.get("audience").map(str::to_string),
                scopes: r.scopes().into_iter().map(str::to_string).collect(),
                client_id: r.get("client_id").filter(|c| !c.is_empty()).map(str::to_string),
                client_auth,
                code_challenge_method,
            }
        })
        .collect()
}

/// The requests the messages of a HAR file make, with their HAR entry numbers.
fn recognise_messages(messages: &[Message]) -> Vec<Request> {
    let named = |text: &str| NAMED.iter().any(|name| text.contains(name)) || text.contains("%5F") || text.contains("%5f");
    let mut requests: Vec<Request> = Vec::new();
    // Each entry is its request, then its response (if any).
    let mut entry = 0_usize;
    for message in messages {
        if requests.len() >= MAX_REQUESTS {
            break;
        }
        // Most entries of a capture name no OAuth parameter: they are not parsed again. A
        // response's body is not read (a token request is a request; a response matters only
        // for a redirect carrying an authorize URL).
        let relevant = match &message.start {
            StartLine::Request { target, .. } => {
                entry = entry.saturating_add(1);
                named(target) || named(&message.body)
            }
            StartLine::Response { .. } => message.headers_named("location").any(|h| named(&h.value)),
        };
        if relevant {
            let before = requests.len();
            from_message(message, &mut requests);
            for request in requests.iter_mut().skip(before) {
                request.entry = Some(entry);
            }
        }
    }
    requests
}

/// The checks of each recognised request, with the authorize request each token request answers.
fn check_all(requests: Vec<Request>, ctx: &Context) -> Vec<(InputSummary, Vec<Finding>)> {
    // Each token request is compared with the authorize request just before it (else just after).
    let pairs: Vec<Option<usize>> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| match r.side {
            Side::Authorize => None,
            Side::Token => {
                let before = requests.iter().take(i).rposition(|a| a.side == Side::Authorize);
                before.or_else(|| requests.iter().enumerate().skip(i.saturating_add(1)).find(|(_, a)| a.side == Side::Authorize).map(|(j, _)| j))
            }
        })
        .collect();
    let mut out = Vec::with_capacity(requests.len());
    for (i, request) in requests.iter().enumerate() {
        let findings = match request.side {
            Side::Authorize => {
                let verifiers: Vec<&str> = pairs
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p == Some(i))
                    .filter_map(|(j, _)| requests.get(j).and_then(|t| t.get("code_verifier")))
                    .collect();
                let previous =
                    requests.iter().take(i).rev().find(|a| a.side == Side::Authorize && !a.partial && a.get("client_id") == request.get("client_id"));
                check_authorize(request, previous, &verifiers, ctx)
            }
            Side::Token => {
                let paired = pairs.get(i).copied().flatten().and_then(|p| requests.get(p));
                check_token(request, paired, ctx)
            }
        };
        if !(request.source.carried && findings.is_empty()) {
            out.push((summarise(request), findings));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Recognition

/// The requests in the text, in the order of their lines: those of the messages and commands
/// the reading stage read, and those in the lines outside them.
fn recognise(read: &Read) -> Vec<Request> {
    let input = read.input;
    // An input that names none of the parameters holds no OAuth request, and the search below
    // is skipped.
    if !NAMED.iter().any(|name| input.contains(name)) && !input.contains("%5F") && !input.contains("%5f") {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Lines that belong to a message or command: read from the parsed request. (A copy of the
    // DevTools "Headers" view is read line by line: its `Request URL:` line is the request.)
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let read_messages = read.messages.iter().filter(|m| m.source != MessageSource::DevTools);
    // The engine lists the messages it analyses; the other commands are listed here.
    for (message, listed) in read_messages.map(|m| (m, true)).chain(read.commands.iter().map(|m| (m, false))) {
        if out.len() >= MAX_REQUESTS {
            break;
        }
        let before = out.len();
        from_message(message, &mut out);
        for request in out.iter_mut().skip(before) {
            request.source.carried = listed;
        }
        taken.push(message.lines);
    }
    taken.sort_unstable();

    let lines: Vec<&str> = input.split('\n').collect();
    let mut block: Vec<(Param, Option<String>)> = Vec::new();
    let mut next_taken = 0;
    let mut i = 0;
    while i < lines.len() && out.len() < MAX_REQUESTS {
        let number = i.saturating_add(1);
        while taken.get(next_taken).is_some_and(|(_, last)| *last < number) {
            next_taken = next_taken.saturating_add(1);
        }
        if taken.get(next_taken).is_some_and(|(first, last)| (*first..=*last).contains(&number)) {
            flush(&mut block, &mut out);
            i = number;
            continue;
        }
        let line = lines.get(i).copied().unwrap_or("").trim_end_matches('\r');
        if let Some(field) = field_line(line, number) {
            block.push(field);
            i = number;
            continue;
        }
        flush(&mut block, &mut out);
        for word in words(line) {
            from_word(word, number, Source::default(), &mut out);
        }
        i = number;
    }
    flush(&mut block, &mut out);
    out.truncate(MAX_REQUESTS);
    out.sort_by_key(|r| r.line);
    out
}

/// Sorts parameters into an authorize request, a token request, or the PKCE halves of them.
fn classify(params: Vec<Param>, source: Source, allow_partial: bool, out: &mut Vec<Request>) {
    let has = |name: &str| params.iter().any(|p| p.name == name);
    let Some(line) = params.iter().map(|p| p.line).min() else { return };
    let token = has("grant_type") || (!source.in_url && has("code_verifier") && (has("code") || has("redirect_uri")));
    let authorize = !token && (has("response_type") || (has("client_id") && (has("redirect_uri") || has("code_challenge"))));
    let part = |side: Side, names: &[&str]| -> Option<Request> {
        let first = names.first()?;
        let line = params.iter().find(|p| p.name == *first)?.line;
        let picked: Vec<Param> = params.iter().filter(|p| names.contains(&p.name.as_str())).cloned().collect();
        Some(Request { side, line, entry: None, params: picked, partial: true, source: Source { raw: Vec::new(), ..source.clone() } })
    };
    if token {
        let challenge = if allow_partial { part(Side::Authorize, &["code_challenge", "code_challenge_method"]) } else { None };
        out.extend(challenge);
        out.push(Request { side: Side::Token, line, entry: None, params, partial: false, source });
    } else if authorize {
        let verifier = part(Side::Token, &["code_verifier"]);
        out.push(Request { side: Side::Authorize, line, entry: None, params, partial: false, source });
        out.extend(verifier);
    } else if allow_partial {
        out.extend(part(Side::Authorize, &["code_challenge", "code_challenge_method"]));
        out.extend(part(Side::Token, &["code_verifier"]));
    }
}

/// The parameters collected from consecutive `name: value` lines, as one set.
fn flush(block: &mut Vec<(Param, Option<String>)>, out: &mut Vec<Request>) {
    if block.is_empty() {
        return;
    }
    let (params, raw): (Vec<Param>, Vec<Option<String>>) = std::mem::take(block).into_iter().unzip();
    let source = Source { raw: raw.into_iter().flatten().collect(), ..Source::default() };
    classify(params, source, true, out);
}

/// A `name: value`, `name=value` or `"name": "value"` line naming an OAuth parameter, with the
/// raw `name=value` text when it was percent-encoded.
fn field_line(line: &str, number: usize) -> Option<(Param, Option<String>)> {
    let text = line.trim().trim_end_matches(',').trim_end();
    let text = text.strip_prefix(['"', '\'']).unwrap_or(text);
    let key_len = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    let name = text.get(..key_len)?;
    if !FIELDS.contains(&name) {
        return None;
    }
    let rest = text.get(key_len..)?.trim_start_matches(['"', '\'']).trim_start();
    let (encoded, value) = match (rest.strip_prefix(':'), rest.strip_prefix('=')) {
        (Some(value), _) => (false, value),
        (None, Some(value)) => (true, value),
        (None, None) => return None,
    };
    let value = unquote(value.trim());
    let spaced = value.contains(char::is_whitespace);
    if (spaced && !matches!(name, "scope" | "response_type")) || (encoded && value.contains('&')) {
        return None;
    }
    let (value, raw) = if encoded {
        let decoded = form_urlencoded::parse(format!("v={value}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default();
        (decoded, Some(format!("{name}={value}")))
    } else {
        (value.to_string(), None)
    };
    Some((Param { name: name.to_string(), value, line: number }, raw))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

/// The words of a line of free text: URLs and form bodies, without the quotes around them.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>'))
        .map(|w| w.trim_end_matches([',', ';', ')', ']']).trim_start_matches(['(', '[']))
        .filter(|w| w.contains('='))
}

/// A URL, a path with a query, or a form body.
fn from_word(word: &str, line: usize, source: Source, out: &mut Vec<Request>) {
    let lower: String = word.chars().take(8).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        if let Ok(url) = url::Url::parse(word) {
            if url.query().is_some() {
                let (params, raw) = url_params(&url, line);
                classify(params, Source { endpoint: Some(endpoint_of(&url)), raw, in_url: true, ..source }, false, out);
            }
        }
    } else if word.starts_with('/') {
        if let Some((path, query)) = word.split_once('?') {
            let (params, raw) = form_params(query, line);
            classify(params, Source { endpoint: Some(path.to_string()), raw, in_url: true, ..source }, false, out);
        }
    } else if !word.starts_with('-') {
        let (params, raw) = form_params(word, line);
        classify(params, Source { raw, ..source }, true, out);
    }
}

fn url_params(url: &url::Url, line: usize) -> (Vec<Param>, Vec<String>) {
    form_params(url.query().unwrap_or(""), line)
}

/// Decoded parameters of a query or form body, and the raw `name=value` pieces.
fn form_params(text: &str, line: usize) -> (Vec<Param>, Vec<String>) {
    let params = form_urlencoded::parse(text.as_bytes()).map(|(name, value)| Param { name: name.into_owned(), value: value.into_owned(), line }).collect();
    let raw = text.split('&').filter(|p| !p.is_empty()).map(str::to_string).collect();
    (params, raw)
}

/// The URL without query, fragment or credentials.
fn endpoint_of(url: &url::Url) -> String {
    let mut bare = url.clone();
    bare.set_query(None);
    bare.set_fragment(None);
    let _ = bare.set_username("");
    let _ = bare.set_password(None);
    bare.to_string()
}

/// The header of a request that only a browser sends.
fn browser_header(name: &str, value: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    (lower == "origin" || lower.starts_with("sec-fetch-")).then(|| format!("{name}: {value}"))
}

fn is_basic(value: &str) -> bool {
    value.trim_start().get(..6).is_some_and(|s| s.eq_ignore_ascii_case("basic "))
}

/// An HTTP request's target and body, or a response's `Location`.
fn from_message(message: &Message, out: &mut Vec<Request>) {
    let StartLine::Request { target, .. } = &message.start else {
        for header in message.headers_named("location") {
            from_word(header.value.trim(), header.line, Source { carried: true, ..Source::default() }, out);
        }
        return;
    };
    let origin = message.headers.iter().find(|h| h.name.eq_ignore_ascii_case("origin"));
    let browser =
        origin.or_else(|| message.headers.iter().find(|h| browser_header(&h.name, &h.value).is_some())).and_then(|h| browser_header(&h.name, &h.value));
    let client_auth = message.header("authorization").is_some_and(is_basic);
    let source = Source { browser, client_auth, carried: true, ..Source::default() };
    let absolute = if target.starts_with('/') {
        let host = message.header("host").or_else(|| message.header(":authority")).unwrap_or("");
        let scheme = message.header(":scheme").unwrap_or("https");
        url::Url::parse(&format!("{scheme}://{host}{target}")).ok()
    } else {
        url::Url::parse(target).ok()
    };
    let endpoint = absolute.as_ref().map(endpoint_of);
    match &absolute {
        Some(url) => from_word(url.as_str(), message.line, source.clone(), out),
        None => from_word(target, message.line, source.clone(), out),
    }
    let body = message.body.trim();
    if !body.is_empty() && !body.starts_with(['{', '[']) && !body.contains('\n') {
        let (params, raw) = form_params(body, message.line);
        // A `curl` command may post the PKCE half of a request alone (`-d code_verifier=…`).
        let allow_partial = message.source == MessageSource::CurlCommand;
        classify(params, Source { endpoint, raw, ..source }, allow_partial, out);
    }
}

// ---------------------------------------------------------------------------------------------
// Summaries

fn summarise(request: &Request) -> InputSummary {
    let client = request.get("client_id").map(|c| format!(" for client `{}`", shown(c))).unwrap_or_default();
    let (kind, summary) = match (request.side, request.partial) {
        (Side::Authorize, true) => {
            let method = match request.get("code_challenge_method") {
                Some(m) => format!(", method `{}`", shown(m)),
                None => ", method not given".to_string(),
            };
            (InputKind::AuthorizeUrl, format!("`code_challenge` pasted alone{method}"))
        }
        (Side::Token, true) => {
            let length = request.get("code_verifier").map_or(0, |v| v.chars().count());
            (InputKind::TokenRequest, format!("`code_verifier` pasted alone ({length} characters)"))
        }
        (Side::Authorize, false) => {
            let to = match &request.source.endpoint {
                Some(e) => format!("Authorize request to `{}`", shown(e)),
                None => "Authorize request parameters".to_string(),
            };
            let flow = match request.get("response_type") {
                Some(rt) => format!("`{}` flow", shown(rt)),
                None => "no `response_type`".to_string(),
            };
            let pkce = match (request.has("code_challenge"), request.get("code_challenge_method")) {
                (false, _) => "without PKCE".to_string(),
                (true, Some("S256")) => "with PKCE (S256)".to_string(),
                (true, Some(m)) => format!("with PKCE (`{}`)", shown(m)),
                (true, None) => "with PKCE (no method, so `plain`)".to_string(),
            };
            (InputKind::AuthorizeUrl, format!("{to}{client}, {flow} {pkce}"))
        }
        (Side::Token, false) => {
            let to = match &request.source.endpoint {
                Some(e) => format!("Token request to `{}`", shown(e)),
                None => "Token request body".to_string(),
            };
            let grant = match request.get("grant_type") {
                Some(g) => format!("grant `{}`", shown(g)),
                None => "no `grant_type`".to_string(),
            };
            let pkce = if request.has("code_verifier") { ", with `code_verifier`" } else { "" };
            (InputKind::TokenRequest, format!("{to}, {grant}{client}{pkce}"))
        }
    };
    InputSummary { kind, summary, line: request.line, columns: None }
}

/// A non-secret value as a message shows it: no backticks or control characters, and cut short.
fn shown(value: &str) -> String {
    crate::quote::shown(value, SHOWN_CHARS)
}

/// `a`, `a` and `b`, `a`, `b` and `c`.
fn listed(items: &[String]) -> String {
    crate::quote::listed(items)
}

fn quoted(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| crate::quote::code(s, SHOWN_CHARS)).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks

fn check_authorize(request: &Request, previous: Option<&Request>, verifiers: &[&str], ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    encoding(request, &mut out);
    let types = request.response_types();
    if !request.partial {
        response_type(request, &types, &mut out);
    }
    if types.contains(&"token") {
        out.push(Finding::new(
            Code::ImplicitFlow,
            format!("`response_type` `{}` returns the access token in the redirect (the implicit flow)", shown(request.get("response_type").unwrap_or(""))),
        ));
    }
    challenge(request, verifiers, &mut out);
    let code_flow = types.contains(&"code");
    let pkce = request.has("code_challenge") && code_flow;
    if !request.partial && code_flow && !request.has("code_challenge") {
        let extra = if request.has("code_challenge_method") { " (it sends `code_challenge_method` but no `code_challenge`)" } else { "" };
        out.push(Finding::new(
            Code::CodeFlowWithoutPkce,
            format!("The authorize request asks for a `code` without a `code_challenge`{extra}, so a stolen code can be redeemed by anyone"),
        ));
    }
    if !request.partial && !request.has("state") {
        if pkce {
            out.push(Finding::new(
                Code::NoState,
                "The authorize request sends no `state`; PKCE protects the code, but the callback cannot be matched to this sign-in",
            ));
        } else {
            out.push(Finding::new(
                Code::NoStateNoPkce,
                "The authorize request sends no `state` and no `code_challenge`: a callback from any sign-in would be accepted",
            ));
        }
    }
    if let Some(redirect) = request.get("redirect_uri") {
        plain_http(redirect, &mut out);
        if let Some(before) = previous.and_then(|p| p.get("redirect_uri").map(|r| (p.place(), r))) {
            if let Some(diff) = difference(before.1, redirect) {
                out.push(Finding::new(
                    Code::RedirectUriMismatch,
                    format!(
                        "This authorize request sends `redirect_uri` `{}`, the one {} sent `{}`: they differ in {diff}",
                        shown(redirect),
                        before.0,
                        shown(before.1)
                    ),
                ));
            }
        }
    }
    if !request.partial {
        required_scopes(request, "authorize", ctx, &mut out);
    }
    if types.contains(&"id_token") {
        if !request.scopes().contains(&"openid") {
            let scope = match request.get("scope") {
                Some(s) if !s.trim().is_empty() => format!("`scope` `{}` lacks `openid`{}", shown(s), comma_note(s)),
                _ => "the request sends no `scope`".to_string(),
            };
            out.push(Finding::new(
                Code::IdTokenWithoutOpenid,
                format!("`response_type` `{}` asks for an ID token, but {scope}", shown(request.get("response_type").unwrap_or(""))),
            ));
        }
        if !request.has("nonce") {
            out.push(Finding::new(
                Code::IdTokenWithoutNonce,
                format!("`response_type` `{}` returns an ID token, but the request sends no `nonce`", shown(request.get("response_type").unwrap_or(""))),
            ));
        }
    }
    out
}

fn response_type(request: &Request, types: &[&str], out: &mut Vec<Finding>) {
    let Some(value) = request.get("response_type") else {
        out.push(Finding::new(Code::ResponseTypeUnknown, "The authorize request has no `response_type`"));
        return;
    };
    let unknown: Vec<&str> = types.iter().copied().filter(|t| !RESPONSE_TYPES.contains(t)).collect();
    if types.is_empty() {
        out.push(Finding::new(Code::ResponseTypeUnknown, "The authorize request's `response_type` is empty"));
    } else if let Some(first) = unknown.first() {
        let lower = first.to_ascii_lowercase().replace('-', "_");
        let hint = match lower.as_str() {
            "authorization_code" | "authorisation_code" | "auth_code" => " (the code flow is `code`)".to_string(),
            "idtoken" => " (write `id_token`)".to_string(),
            l if RESPONSE_TYPES.contains(&l) => format!(" (write it in lower case: `{l}`)"),
            _ => String::new(),
        };
        let what = if unknown.len() == 1 && types.len() == 1 {
            format!("`response_type` `{}` is not a response type{hint}", shown(value))
        } else {
            format!("`response_type` `{}` holds {}, which the standard does not define{hint}", shown(value), listed(&quoted(&unknown)))
        };
        out.push(Finding::new(Code::ResponseTypeUnknown, what));
    }
}

/// The `code_challenge` of an authorize request: its method and its form.
fn challenge(request: &Request, verifiers: &[&str], out: &mut Vec<Finding>) {
    let Some(challenge) = request.get("code_challenge").filter(|c| !c.is_empty()) else { return };
    let method = request.get("code_challenge_method");
    match method {
        Some("S256") => {}
        Some("plain") => out.push(Finding::new(Code::PkcePlain, "`code_challenge_method` is `plain`: the challenge is the verifier itself")),
        Some(other) => {
            let hint = if other.eq_ignore_ascii_case("s256") || other.eq_ignore_ascii_case("sha256") || other.eq_ignore_ascii_case("sha-256") {
                ": write `S256`"
            } else {
                ""
            };
            out.push(Finding::new(Code::PkceMethodUnknown, format!("`code_challenge_method` is `{}`{hint}", shown(other))));
        }
        // A lone challenge: its method was not pasted, so nothing is known.
        None if request.partial => {}
        // A verifier that hashes to the challenge: the token request reports the missing method.
        None if verifiers.iter().any(|v| s256(v) == challenge) => {}
        None => out.push(Finding::new(
            Code::PkcePlain,
            "The authorize request sends `code_challenge` without `code_challenge_method`, so the server treats it as `plain`",
        )),
    }
    let botched = challenge.contains(['=', '+', '/', ' ']);
    if method == Some("S256") || (method.is_none() && request.partial && botched) {
        if let Some(what) = challenge_form(challenge) {
            out.push(Finding::new(Code::PkceChallengeMalformed, format!("The S256 `code_challenge` `{}` {what}", shown(challenge))));
        }
    }
}

/// What is wrong with the form of an S256 challenge.
fn challenge_form(challenge: &str) -> Option<String> {
    let length = challenge.chars().count();
    let base64url = challenge.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if length == 43 && base64url {
        return None;
    }
    Some(if challenge.ends_with('=') {
        "ends in `=` padding, which base64url for PKCE leaves out".to_string()
    } else if challenge.contains(['+', '/', ' ']) {
        "uses `+` or `/` from standard base64 (an unencoded `+` reads as a space); base64url writes `-` and `_`".to_string()
    } else if length == 64 && challenge.chars().all(|c| c.is_ascii_hexdigit()) {
        "is a hex digest (64 characters); PKCE wants the 32 digest bytes in base64url (43 characters)".to_string()
    } else {
        format!("has {length} characters; a SHA-256 digest in base64url has 43")
    })
}

fn check_token(request: &Request, paired: Option<&Request>, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    encoding(request, &mut out);
    let grant = request.get("grant_type");
    let code_grant = grant == Some("authorization_code") || (grant.is_none() && request.has("code"));
    if !request.partial {
        grant_type(request, &mut out);
        required_params(request, &mut out);
    }
    let authorize = paired.filter(|a| !a.partial);
    if let Some(authorize) = authorize.filter(|_| !request.partial) {
        if let (Some(sent), Some(before)) = (request.get("client_id"), authorize.get("client_id")) {
            if sent != before {
                out.push(Finding::new(
                    Code::ClientIdMismatch,
                    format!("The token request sends `client_id` `{}`, but the authorize request {} sent `{}`", shown(sent), authorize.place(), shown(before)),
                ));
            }
        }
        if code_grant {
            match (authorize.get("redirect_uri"), request.get("redirect_uri")) {
                (Some(before), Some(sent)) => {
                    if let Some(diff) = difference(before, sent) {
                        out.push(Finding::new(
                            Code::RedirectUriMismatch,
                            format!(
                                "The token request sends `redirect_uri` `{}`, but the authorize request {} sent `{}`: they differ in {diff}",
                                shown(sent),
                                authorize.place(),
                                shown(before)
                            ),
                        ));
                    }
                }
                (Some(before), None) => out.push(Finding::new(
                    Code::RedirectUriMismatch,
                    format!(
                        "The token request sends no `redirect_uri`, but the authorize request {} sent `{}`, so the server requires it again",
                        authorize.place(),
                        shown(before)
                    ),
                )),
                _ => {}
            }
        }
    }
    if let Some(verifier) = request.get("code_verifier") {
        verifier_form(verifier, &mut out);
    }
    let challenge = paired.and_then(|a| a.get("code_challenge").filter(|c| !c.is_empty()).map(|c| (a, c)));
    if let Some((authorize, challenge)) = challenge {
        match request.get("code_verifier") {
            Some(verifier) => out.extend(compare(verifier, challenge, authorize)),
            None if code_grant => out.push(Finding::new(
                Code::TokenRequestNoVerifier,
                format!("The authorize request {} sent a `code_challenge`, but the token request has no `code_verifier`", authorize.place()),
            )),
            None => {}
        }
    }
    if let (Some(header), Some(secret)) = (&request.source.browser, request.get("client_secret").filter(|s| !s.is_empty())) {
        out.push(Finding::new(
            Code::ClientSecretInBrowser,
            format!("The token request came from a browser (it carries `{}`) and sends `client_secret` ({})", shown(header), Secret::new(secret).redacted()),
        ));
    }
    if authorize.is_none() {
        if let Some(redirect) = request.get("redirect_uri") {
            plain_http(redirect, &mut out);
        }
    }
    if request.has("scope") {
        required_scopes(request, "token", ctx, &mut out);
    }
    out
}

fn grant_type(request: &Request, out: &mut Vec<Finding>) {
    let Some(grant) = request.get("grant_type") else {
        let hint = if request.has("code") { "; to exchange a code send `grant_type=authorization_code`" } else { "" };
        out.push(Finding::new(Code::GrantTypeMissing, format!("The token request has no `grant_type`{hint}")));
        return;
    };
    if GRANT_TYPES.contains(&grant) {
        return;
    }
    let normal = grant.trim().to_ascii_lowercase().replace(['-', ' '], "_").replace("authoris", "authoriz");
    let guess = match normal.as_str() {
        "code" | "authorization" | "authorizationcode" | "auth_code" => Some("authorization_code"),
        "refresh" | "refreshtoken" => Some("refresh_token"),
        "clientcredentials" | "client_credential" => Some("client_credentials"),
        n => GRANT_TYPES.iter().copied().find(|g| *g == n),
    };
    let hint = guess.map(|g| format!("; the server expects `{g}`")).unwrap_or_default();
    let what = if grant.is_empty() { "is empty".to_string() } else { format!("`{}` is not a grant type{hint}", shown(grant)) };
    out.push(Finding::new(Code::GrantTypeUnknown, format!("`grant_type` {what}")));
}

/// The parameters each grant cannot do without.
fn required_params(request: &Request, out: &mut Vec<Finding>) {
    let grant = request.get("grant_type");
    let code_grant = grant == Some("authorization_code") || (grant.is_none() && request.has("code"));
    let mut missing: Vec<&str> = Vec::new();
    let needs: &[&str] = match grant {
        _ if code_grant => &["code"],
        Some("refresh_token") => &["refresh_token"],
        Some("password") => &["username", "password"],
        Some("urn:ietf:params:oauth:grant-type:device_code") => &["device_code"],
        _ => &[],
    };
    missing.extend(needs.iter().copied().filter(|n| !request.has(n)));
    let public_grant = code_grant || matches!(grant, Some("refresh_token" | "urn:ietf:params:oauth:grant-type:device_code"));
    if public_grant && !request.authenticates() && !request.has("client_id") {
        missing.push("client_id");
    }
    if !missing.is_empty() {
        let grant = grant.map_or_else(|| "`authorization_code`".to_string(), |g| format!("`{}`", shown(g)));
        let why = if missing.contains(&"client_id") { " (a client that does not authenticate must name itself)" } else { "" };
        out.push(Finding::new(Code::TokenRequestParameterMissing, format!("The {grant} token request lacks {}{why}", listed(&quoted(&missing)))));
    }
    if grant == Some("client_credentials") && !request.authenticates() {
        out.push(Finding::new(
            Code::TokenRequestParameterMissing,
            "The `client_credentials` token request carries no client authentication (`Authorization: Basic`, `client_secret` or `client_assertion`)",
        ));
    }
}

/// The form of a `code_verifier`: 43 to 128 unreserved characters.
fn verifier_form(verifier: &str, out: &mut Vec<Finding>) {
    let length = verifier.chars().count();
    if !(43..=128).contains(&length) {
        out.push(Finding::new(
            Code::PkceVerifierLength,
            format!("The `code_verifier` has {length} characters; PKCE requires 43 to 128 ({})", Secret::new(verifier).redacted()),
        ));
    }
    let mut bad: Vec<char> = Vec::new();
    for c in verifier.chars().filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))) {
        if !bad.contains(&c) && bad.len() < 5 {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        let names: Vec<String> = bad
            .iter()
            .map(|c| match c {
                ' ' => "a space".to_string(),
                c if c.is_control() => format!("U+{:04X}", u32::from(*c)),
                '`' => "a backtick".to_string(),
                c => format!("`{c}`"),
            })
            .collect();
        let hint = if bad.contains(&' ') {
            " (a `+` in an unencoded form body arrives as a space)"
        } else if bad.iter().any(|c| matches!(c, '+' | '/' | '=')) {
            " (standard base64; use base64url without padding)"
        } else {
            ""
        };
        out.push(Finding::new(Code::PkceVerifierCharacters, format!("The `code_verifier` contains {}{hint}", listed(&names))));
    }
}

fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The verifier against the challenge it should answer.
fn compare(verifier: &str, challenge: &str, authorize: &Request) -> Option<Finding> {
    let method = authorize.get("code_challenge_method");
    let hashed = s256(verifier);
    let (place, sent) = if authorize.partial {
        (format!("the `code_challenge` {}", authorize.place()), format!("the `code_challenge` {} is", authorize.place()))
    } else {
        (
            format!("the `code_challenge` of the authorize request {}", authorize.place()),
            format!("the authorize request {} sent `code_challenge`", authorize.place()),
        )
    };
    let matched = |how: &str| Some(Finding::new(Code::PkceMatches, format!("The `code_verifier` {how} {place}")));
    match method {
        Some("S256") if hashed == challenge => matched("hashes (S256) to"),
        None if authorize.partial && hashed == challenge => matched("hashes (S256) to"),
        None | Some("plain") if verifier == challenge => matched("equals (`plain`)"),
        None if hashed == challenge => Some(Finding::new(
            Code::PkceMethodMissing,
            format!("The `code_verifier` hashes (S256) to {place}, but that request names no method, so the server compares them as `plain` and refuses"),
        )),
        Some(other) if !matches!(other, "S256" | "plain") && (hashed == challenge || verifier == challenge) => None,
        _ => {
            let plain = matches!(method, None | Some("plain")) && !authorize.partial;
            Some(Finding::new(
                Code::PkceMismatch,
                format!(
                    "The SHA-256 of the `code_verifier` ({}) is `{hashed}`, but {sent} `{}`: {}",
                    Secret::new(verifier).redacted(),
                    if plain { Secret::new(challenge).redacted() } else { shown(challenge) },
                    mismatch_reason(verifier, challenge, &hashed, method)
                ),
            ))
        }
    }
}

/// Why a verifier and a challenge do not match, when it can be told.
fn mismatch_reason(verifier: &str, challenge: &str, hashed: &str, method: Option<&str>) -> String {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE};
    let digest = Sha256::digest(verifier.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    if method == Some("plain") && hashed == challenge {
        "the challenge is the S256 hash of this verifier, so send `code_challenge_method=S256`".to_string()
    } else if verifier == challenge {
        "the challenge is the verifier itself, not its hash (send its S256 hash, or declare `plain`)".to_string()
    } else if [STANDARD.encode(digest), STANDARD_NO_PAD.encode(digest), URL_SAFE.encode(digest)].iter().any(|e| *e == challenge.replace(' ', "+")) {
        "the challenge is the right hash written in padded or standard base64; write it in base64url without `=`".to_string()
    } else if hex.eq_ignore_ascii_case(challenge) {
        "the challenge is the right hash written in hex; write its bytes in base64url".to_string()
    } else if verifier.contains(' ') && s256(&verifier.replace(' ', "+")) == challenge {
        "a `+` in the verifier arrived as a space, so percent-encode the form body".to_string()
    } else if verifier.trim() != verifier && s256(verifier.trim()) == challenge {
        "the verifier sent has white space around it".to_string()
    } else {
        "this verifier is not the one the challenge was made from (a new verifier was made after the redirect, another tab or sign-in overwrote the stored one, or it was looked up under the wrong `state`)".to_string()
    }
}

/// Percent-escapes that are not escapes, and values encoded twice.
fn encoding(request: &Request, out: &mut Vec<Finding>) {
    let mut reported = 0;
    for piece in &request.source.raw {
        if reported == MAX_ENCODING_FINDINGS {
            break;
        }
        let (name, value) = form_urlencoded::parse(piece.as_bytes()).next().unwrap_or_default();
        if let Some(bad) = bad_escape(piece) {
            out.push(Finding::new(
                Code::PercentEncodingWrong,
                format!("`{}` holds `{}`, which is not a percent-escape (a `%` must be followed by two hex digits)", shown(&name), shown(&bad)),
            ));
            reported = reported.saturating_add(1);
        } else if value.contains('\u{FFFD}') && !piece.contains('\u{FFFD}') && !piece.to_ascii_uppercase().contains("%EF%BF%BD") {
            out.push(Finding::new(
                Code::PercentEncodingWrong,
                format!("`{}` decodes to bytes that are not UTF-8; percent-encode the UTF-8 bytes of the text", shown(&name)),
            ));
            reported = reported.saturating_add(1);
        }
    }
    for name in ["redirect_uri", "scope"] {
        let Some(value) = request.get(name) else { continue };
        let lower = value.to_ascii_lowercase();
        if ["%3a", "%2f", "%20", "%3f", "%26", "%3d"].iter().any(|e| lower.contains(e)) {
            out.push(Finding::new(Code::PercentEncodingWrong, format!("`{name}` decodes to `{}`: it was percent-encoded twice", shown(value))));
        }
    }
}

fn bad_escape(piece: &str) -> Option<String> {
    let bytes = piece.as_bytes();
    piece.match_indices('%').map(|(i, _)| i).find_map(|i| {
        let pair = bytes.get(i..).and_then(|from| from.get(1..3));
        (!pair.is_some_and(|p| p.iter().all(u8::is_ascii_hexdigit))).then(|| piece.get(i..).unwrap_or("").chars().take(3).collect())
    })
}

/// A redirect URI over plain HTTP to a host other than this machine.
fn plain_http(redirect: &str, out: &mut Vec<Finding>) {
    let Ok(url) = url::Url::parse(redirect) else { return };
    if url.scheme() != "http" {
        return;
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if !loopback {
        out.push(Finding::new(
            Code::RedirectUriHttp,
            format!("`redirect_uri` `{}` sends the authorization response over plain HTTP to `{}`", shown(redirect), shown(url.host_str().unwrap_or(""))),
        ));
    }
}

/// Where two redirect URIs differ, or `None` when they are the same string.
fn difference(before: &str, after: &str) -> Option<String> {
    if before == after {
        return None;
    }
    let (Ok(a), Ok(b)) = (url::Url::parse(before), url::Url::parse(after)) else {
        return Some("their text".to_string());
    };
    let mut parts = Vec::new();
    let pair = |x: &str, y: &str| format!("(`{}` against `{}`)", shown(x), shown(y));
    if a.scheme() != b.scheme() {
        parts.push(format!("the scheme {}", pair(a.scheme(), b.scheme())));
    }
    if a.host_str() != b.host_str() {
        parts.push(format!("the host {}", pair(a.host_str().unwrap_or(""), b.host_str().unwrap_or(""))));
    }
    let ports = if a.scheme() == b.scheme() { (a.port_or_known_default(), b.port_or_known_default()) } else { (a.port(), b.port()) };
    if ports.0 != ports.1 {
        let port = |p: Option<u16>| p.map_or_else(|| "none".to_string(), |p| p.to_string());
        parts.push(format!("the port {}", pair(&port(ports.0), &port(ports.1))));
    }
    if a.path() != b.path() {
        if a.path().trim_end_matches('/') == b.path().trim_end_matches('/') {
            parts.push(format!("the trailing slash {}", pair(a.path(), b.path())));
        } else if a.path().eq_ignore_ascii_case(b.path()) {
            parts.push(format!("the letter case of the path {}", pair(a.path(), b.path())));
        } else {
            parts.push(format!("the path {}", pair(a.path(), b.path())));
        }
    }
    if a.query() != b.query() {
        let query = |q: Option<&str>| q.map_or_else(|| "no query".to_string(), |q| format!("?{q}"));
        parts.push(format!("the query {}", pair(&query(a.query()), &query(b.query()))));
    }
    if a.fragment() != b.fragment() {
        parts.push("the fragment".to_string());
    }
    if parts.is_empty() {
        // The same URL once normalised: the difference is in how it is written.
        parts.push(if before.trim_end_matches('/') == after.trim_end_matches('/') {
            "the trailing slash after the host".to_string()
        } else if before.eq_ignore_ascii_case(after) {
            "letter case".to_string()
        } else {
            "how they are written (a default port, letter case or percent-encoding)".to_string()
        });
    }
    Some(listed(&parts))
}

fn comma_note(scope: &str) -> &'static str {
    if scope.contains(',') {
        " (scopes are separated by spaces, not commas)"
    } else {
        ""
    }
}

/// The API's required scopes that the request does not ask for.
fn required_scopes(request: &Request, what: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let requested = request.scopes();
    let missing: Vec<&str> = ctx.expect.scopes.iter().map(String::as_str).filter(|s| !requested.contains(s)).collect();
    if missing.is_empty() {
        return;
    }
    let required = listed(&quoted(&missing));
    let message = match request.get("scope").filter(|s| !s.trim().is_empty()) {
        Some(scope) => format!("The {what} request asks for `{}` but not {required}, which the API requires{}", shown(scope), comma_note(scope)),
        None => format!("The {what} request asks for no `scope`; the API requires {required}"),
    };
    out.push(Finding::new(Code::ScopeNotRequested, message));
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceMismatch,
        meaning: "The token request's `code_verifier` does not match the authorize request's `code_challenge`: its S256 hash (or, for `plain`, the verifier itself) differs from the challenge; the message gives the likely reason.",
        why: "The authorization server checks the verifier against the challenge stored with the code (RFC 7636 §4.6) and answers `invalid_grant` when they differ, so no tokens are issued and later API calls have no valid token.",
        caller: "Make the verifier per sign-in: generate it when building each authorize URL, store it under that request's `state` (not a single shared storage key, which another tab overwrites), and send the one stored for the returning `state`.",
        owner: "The token endpoint logs an `invalid_grant` or PKCE failure for the code; nothing to change on a server that follows RFC 7636.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceMatches,
        meaning: "The `code_verifier` matches the `code_challenge` (its S256 hash equals the challenge, or it equals the challenge under `plain`).",
        why: "A matching verifier cannot cause a refusal, so PKCE can be ruled out; it matters only as a pointer elsewhere when the token request still fails (an expired or reused code, a `redirect_uri` or `client_id` difference, client authentication), and does not matter otherwise.",
        caller: "Look at the other token-request findings and the error in the token endpoint's response.",
        owner: "Check the token endpoint's log for the actual `invalid_grant` or `invalid_client` reason.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkcePlain,
        meaning: "The authorize request uses the `plain` PKCE method, either explicitly or by sending `code_challenge` without `code_challenge_method` when no verifier in the capture hashes to it.",
        why: "`plain` works if the verifier equals the challenge, so it does not by itself cause a refusal; but the verifier is then visible to anyone who sees the authorize URL, defeating PKCE, and some providers refuse `plain`.",
        caller: "Send `code_challenge_method=S256` with the unpadded base64url SHA-256 of the verifier as `code_challenge`.",
        owner: "Require `S256` and reject `plain` unless a client truly cannot compute SHA-256 (RFC 7636 §4.2, RFC 9700).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceMethodMissing,
        meaning: "The verifier hashes with S256 to the challenge, but the authorize request did not send `code_challenge_method`.",
        why: "Without a method the server assumes `plain` (RFC 7636 §4.3) and compares the verifier itself with the challenge; they differ, so the token request fails with `invalid_grant`.",
        caller: "Add `code_challenge_method=S256` to the authorize request.",
        owner: "Nothing to change; the token endpoint's log shows a PKCE mismatch for these codes.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceMethodUnknown,
        meaning: "`code_challenge_method` is neither `S256` nor `plain`, for example `s256`, `SHA256` or `SHA-256`.",
        why: "Method names are case-sensitive, and servers that do not recognise the method reject the authorize request or the later token request.",
        caller: "Write the method exactly `S256`.",
        owner: "Return `invalid_request` with a clear description for unsupported methods.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceVerifierLength,
        meaning: "The `code_verifier` is shorter than 43 or longer than 128 characters.",
        why: "RFC 7636 §4.1 limits the verifier to 43 to 128 characters; servers reject others, usually with `invalid_request` or `invalid_grant` at the token endpoint.",
        caller: "Create the verifier from 32 random bytes encoded with base64url without padding (43 characters), or use a PKCE library.",
        owner: "No change needed; log the reason when rejecting a verifier.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceVerifierCharacters,
        meaning: "The `code_verifier` contains characters outside `A-Z`, `a-z`, `0-9`, `-`, `.`, `_` and `~`; the message names them and hints at standard base64 or a `+` turned into a space in an unencoded form body.",
        why: "Servers reject such a verifier, or they hash different bytes than the client did, so the PKCE check fails and no token is issued.",
        caller: "Build the verifier with base64url without `=` padding, never standard base64, and form-encode the token request body.",
        owner: "No change needed; log the reason when rejecting a verifier.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceChallengeMalformed,
        meaning: "An S256 `code_challenge` is not 43 base64url characters: it is padded with `=`, uses `+` or `/`, has the wrong length (for example a hex digest), or contains spaces.",
        why: "The server computes the base64url SHA-256 of the verifier and compares it with the challenge as a string, so a differently encoded challenge never matches and the token request fails.",
        caller: "Compute the challenge as base64url of the raw 32-byte SHA-256 digest of the verifier, with the `=` padding removed; a hex string or standard base64 will not match.",
        owner: "Optionally validate the challenge format at the authorize endpoint and reject malformed ones early with `invalid_request`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoStateNoPkce,
        meaning: "The authorize request sends neither `state` nor a `code_challenge`.",
        why: "Nothing ties the callback to this browser's sign-in, so forged or injected callbacks would be accepted (RFC 6749 §10.12); many client libraries refuse a callback without the `state` they expect, which breaks sign-in.",
        caller: "Send a fresh random `state` on each authorize request and check it on the callback, and use PKCE as well.",
        owner: "Require PKCE for all clients, as RFC 9700 recommends, and check that registered clients use `state` or PKCE.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoState,
        meaning: "The authorize request uses PKCE but sends no `state`.",
        why: "PKCE already prevents code injection, so this rarely causes a refusal; it matters because clients use `state` to find the stored verifier and return page, and some providers or libraries require it.",
        caller: "Send a fresh random `state` as well and check it on the callback.",
        owner: "No change needed unless the provider's policy requires `state`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ResponseTypeUnknown,
        meaning: "The authorize request has no `response_type`, an empty one, or a value outside `code`, `token`, `id_token` and `none` (with hints such as lower case or `id_token` spelled differently).",
        why: "The authorization server rejects the request with `unsupported_response_type` or `invalid_request`, so sign-in never yields a code or token.",
        caller: "Send `response_type=code` (with PKCE); values are space-separated and lower case.",
        owner: "Check which response types the client is registered for and return a clear error.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ImplicitFlow,
        meaning: "The authorize request's `response_type` includes `token`, the implicit flow that returns the access token in the redirect.",
        why: "RFC 9700 deprecates the implicit flow; many providers disable it by default and reject the request, and tokens in the URL fragment can leak.",
        caller: "Switch to the authorization code flow with PKCE (`response_type=code`).",
        owner: "Keep implicit grants disabled and help clients migrate to the code flow with PKCE.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CodeFlowWithoutPkce,
        meaning: "The authorize request asks for a `code` without a `code_challenge` (sometimes with a `code_challenge_method` alone).",
        why: "Without PKCE an intercepted code can be redeemed by anyone; providers that require PKCE for public clients reject the request or the token exchange.",
        caller: "Add PKCE: send `code_challenge` with `code_challenge_method=S256`, and the matching `code_verifier` in the token request.",
        owner: "Require PKCE for public clients, and consider it for all clients as RFC 9700 advises.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenRequestNoVerifier,
        meaning: "The authorize request sent a `code_challenge`, but the `authorization_code` token request has no `code_verifier`.",
        why: "A server that stored a challenge with the code must refuse the exchange without a verifier (RFC 7636 §4.6), typically with `invalid_grant`.",
        caller: "Send the `code_verifier` whose hash went into the challenge; make sure it survives the redirect (store it in session storage keyed by `state`).",
        owner: "No change needed; the token endpoint's log shows a missing verifier.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RedirectUriMismatch,
        meaning: "The `redirect_uri` differs between two authorize requests, or between the authorize and the token request; the message says where they differ (scheme, host, port, path, trailing slash, query or encoding).",
        why: "RFC 6749 §4.1.3 requires the token request's `redirect_uri` to be identical to the one in the authorize request, and servers compare registered URIs exactly, so the exchange fails with `invalid_grant` or the authorize request is refused.",
        caller: "Send byte for byte the same `redirect_uri` in both requests, from one configuration value.",
        owner: "Register exactly the URI clients use, and compare as RFC 9700 recommends (exact string match, except loopback port).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RedirectUriHttp,
        meaning: "The `redirect_uri` uses plain `http://` to a host that is not loopback.",
        why: "The authorization code travels unencrypted; providers typically refuse non-HTTPS redirect URIs except for loopback addresses (RFC 8252 §7.3), so the authorize request fails.",
        caller: "Use an `https://` redirect URI, or `http://127.0.0.1:<port>/` for native apps on the same machine.",
        owner: "Allow `http://` redirect URIs only for loopback, and require HTTPS for everything else.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ScopeNotRequested,
        meaning: "Required scopes were given, and the authorize or token request does not ask for some of them (or asks for no `scope`); the message notes commas used instead of spaces.",
        why: "The issued token then lacks those scopes, so the API refuses it with 403 `insufficient_scope` or a 401.",
        caller: "Add the missing scopes to `scope`, separated by spaces, make sure they are granted to the client, and sign in again.",
        owner: "Check that the client is allowed the scopes the API needs and that the API documents them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IdTokenWithoutOpenid,
        meaning: "The `response_type` asks for an ID token (`id_token`), but `scope` lacks `openid` (or there is no `scope`).",
        why: "Without `openid` the request is not an OpenID Connect request, so the provider returns no ID token or refuses the request.",
        caller: "Add `openid` to `scope`, separated from other scopes by spaces.",
        owner: "No change needed; a clear `invalid_scope` or `invalid_request` error helps clients.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IdTokenWithoutNonce,
        meaning: "The `response_type` returns an ID token from the authorize endpoint (`id_token`), but the request has no `nonce`.",
        why: "OpenID Connect requires `nonce` in implicit and hybrid flows to bind the ID token to the session; providers reject such requests with `invalid_request`.",
        caller: "Send a fresh random `nonce` with every such request and check it in the returned ID token.",
        owner: "No change needed; rejecting requests without `nonce` is correct.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::GrantTypeMissing,
        meaning: "The token request has no `grant_type` (the message suggests `authorization_code` when a `code` is present).",
        why: "`grant_type` is required (RFC 6749 §4.1.3), so the token endpoint answers `invalid_request` or `unsupported_grant_type` and issues no token.",
        caller: "Include `grant_type` in the `application/x-www-form-urlencoded` body of the token request: `grant_type=authorization_code` with the `code`, or `grant_type=refresh_token` with the refresh token.",
        owner: "Nothing to change on the server; its `invalid_request` or `unsupported_grant_type` answer is correct, and its error description can say which parameter is missing.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::GrantTypeUnknown,
        meaning: "The token request's `grant_type` is empty or not a registered grant type; the message suggests the intended one, for example `authorization_code` for `code` or `authorisation_code`.",
        why: "The token endpoint answers `unsupported_grant_type` (RFC 6749 §5.2), so no token is issued.",
        caller: "Replace the value with the registered name the message suggests, for example `authorization_code` rather than `code` or `authorisation_code`; grant type names are exact strings.",
        owner: "Check that the client is registered for the grant it uses.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenRequestParameterMissing,
        meaning: "The token request lacks a parameter its grant needs: `code`, `refresh_token`, `username` and `password`, or `device_code`; or `client_id` when the client does not authenticate; or any client authentication for `client_credentials`.",
        why: "The token endpoint answers `invalid_request` or `invalid_client` and issues no token.",
        caller: "Add the missing parameter; for `client_credentials`, authenticate with `Authorization: Basic`, `client_secret` or `client_assertion`.",
        owner: "No change needed; a descriptive `error_description` helps callers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClientIdMismatch,
        meaning: "The token request sends a different `client_id` than the authorize request.",
        why: "A code can be redeemed only by the client it was issued to (RFC 6749 §4.1.3), so the server answers `invalid_grant`.",
        caller: "Use the same `client_id` in both requests; check environment-specific configuration.",
        owner: "Nothing to change on the server; log the `client_id` of both requests so a mismatch between environments is visible at once.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClientSecretInBrowser,
        meaning: "A token request sent from a browser (it carries browser-only headers such as `Origin` or `Sec-Fetch-*`) includes a `client_secret`.",
        why: "It may work, but a secret in front-end code is public, so the client is not really confidential (RFC 6749 §2.1); some providers refuse secrets on cross-origin token requests.",
        caller: "Remove the secret from front-end code, treat the app as a public client with PKCE, or move the token request to a back end.",
        owner: "Rotate the exposed secret, and register browser apps as public clients that use PKCE.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PercentEncodingWrong,
        meaning: "A parameter is percent-encoded wrongly: a `%` not followed by two hex digits, bytes that decode to invalid UTF-8, or a `redirect_uri` or `scope` that still contains escapes like `%3A` or `%20` after decoding (encoded twice).",
        why: "The server decodes a different value than intended, so `redirect_uri` comparisons fail or scopes are unknown, and the request is refused.",
        caller: "Encode each value exactly once with `encodeURIComponent` or `URLSearchParams`, not on top of already encoded text.",
        owner: "No change needed; reject malformed escapes with `invalid_request`.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b() {
        assert_eq!(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn differences_name_the_part() {
        assert_eq!(difference("https://a.example/cb", "https://a.example/cb"), None);
        assert!(difference("https://a.example/cb", "https://a.example/cb/").unwrap().contains("trailing slash"));
        assert!(difference("https://a.example", "https://a.example/").unwrap().contains("trailing slash after the host"));
        assert!(difference("https://a.example/cb", "http://a.example/cb").unwrap().contains("scheme"));
        assert!(difference("https://a.example:8443/cb", "https://a.example/cb").unwrap().contains("port"));
        assert!(difference("https://A.example/cb", "https://a.example/cb").unwrap().contains("letter case"));
    }

    #[test]
    fn field_lines() {
        let (p, raw) = field_line("code_verifier=abc%2Bdef", 3).unwrap();
        assert_eq!((p.name.as_str(), p.value.as_str(), p.line), ("code_verifier", "abc+def", 3));
        assert_eq!(raw.as_deref(), Some("code_verifier=abc%2Bdef"));
        let (p, raw) = field_line("  \"scope\": \"openid profile\",", 1).unwrap();
        assert_eq!((p.name.as_str(), p.value.as_str()), ("scope", "openid profile"));
        assert!(raw.is_none());
        assert!(field_line("Authorization: Bearer x", 1).is_none());
        assert!(field_line("code=a&state=b", 1).is_none());
        assert!(bad_escape("a=%zz").is_some() && bad_escape("a=%2F%").is_some() && bad_escape("a=%2f").is_none());
    }
}
