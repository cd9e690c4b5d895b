//! HTTP/1.x messages as people paste them (RFC 9112): raw requests and responses with CRLF or
//! bare LF, obsolete line folding, bodies; `curl -v` transcripts (`>` request lines, `<`
//! response lines, `*` notes); and DevTools "Copy headers" blocks with HTTP/2 pseudo-headers
//! (`:method`, `:path`, `:status`).
//!
//! Parsing never fails: every line that is not part of a message is left for the other
//! detectors, and every header line that cannot be read is reported.
use crate::headers::www_authenticate::Challenge;

/// Where a message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Raw HTTP/1.x text (also `curl -i` output).
    Raw,
    /// A `curl -v` transcript.
    CurlVerbose,
    /// A header block with HTTP/2 pseudo-headers.
    PseudoHeaders,
    /// A `curl` command line: the request it would send.
    CurlCommand,
    /// A `fetch(…)` snippet: the request it would send.
    FetchSnippet,
    /// An entry of a HAR file.
    Har,
    /// A copy of the DevTools "Headers" view.
    DevTools,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    Request { method: String, target: String, version: String },
    Response { version: String, status: u16, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    /// 1-based line of the pasted text.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub start: StartLine,
    pub headers: Vec<Header>,
    pub body: String,
    /// 1-based line of the start line.
    pub line: usize,
    pub source: Source,
    /// Lines of the pasted text this message covers (first, last), 1-based.
    pub lines: (usize, usize),
    /// Its challenges, parsed once, when first asked for ([`Message::challenges`]).
    pub parsed: Parsed,
}

/// A message's `WWW-Authenticate` and `Proxy-Authenticate` challenges, each parsed on first use
/// and then kept: every rule reads the same parse. Two messages are equal whatever their caches
/// hold (the cache is derived from the headers).
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Each `WWW-Authenticate` or `Proxy-Authenticate` header's parse, by header index.
    headers: std::sync::OnceLock<Vec<(usize, crate::headers::challenge::Parsed)>>,
    www: std::sync::OnceLock<Vec<Challenge>>,
    proxy: std::sync::OnceLock<Vec<Challenge>>,
}

impl PartialEq for Parsed {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Parsed {}

impl Message {
    /// The first header of that name (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
    }

    /// Every header of that name, in order.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Header> + 'a {
        self.headers.iter().filter(move |h| h.name.eq_ignore_ascii_case(name))
    }

    /// The challenges of its `WWW-Authenticate` headers (`proxy`: of `Proxy-Authenticate`), in
    /// header order: parsed the first time they are asked for, after the message is read.
    pub fn challenges(&self, proxy: bool) -> &[Challenge] {
        let (cell, name) = if proxy { (&self.parsed.proxy, "proxy-authenticate") } else { (&self.parsed.www, "www-authenticate") };
        cell.get_or_init(|| {
            self.challenge_headers()
                .iter()
                .filter(|(i, _)| self.headers.get(*i).is_some_and(|h| h.name.eq_ignore_ascii_case(name)))
                .flat_map(|(_, p)| p.challenges.clone())
                .collect()
        })
    }

    /// The parse of the challenge header whose value is `value` (the same text, not a copy), with
    /// its problems: what the inputs stage reads for a header of this message.
    pub fn challenge_header(&self, value: &str) -> Option<&crate::headers::challenge::Parsed> {
        let at = self.headers.iter().position(|h| std::ptr::eq(h.value.as_str(), value))?;
        self.challenge_headers().iter().find(|(i, _)| *i == at).map(|(_, p)| p)
    }

    /// Every `WWW-Authenticate` and `Proxy-Authenticate` header parsed, once.
    fn challenge_headers(&self) -> &[(usize, crate::headers::challenge::Parsed)] {
        self.parsed.headers.get_or_init(|| {
            self.headers
                .iter()
                .enumerate()
                .filter(|(_, h)| h.name.eq_ignore_ascii_case("www-authenticate") || h.name.eq_ignore_ascii_case("proxy-authenticate"))
                .map(|(i, h)| (i, crate::headers::challenge::Parsed::of(&h.value)))
                .collect()
        })
    }

    pub fn status(&self) -> Option<u16> {
        match &self.start {
            StartLine::Response { status, .. } => Some(*status),
            StartLine::Request { .. } => None,
        }
    }

    pub fn is_request(&self) -> bool {
        matches!(self.start, StartLine::Request { .. })
    }

    /// A request's method as written (empty for a response).
    pub fn method(&self) -> &str {
        match &self.start {
            StartLine::Request { method, .. } => method,
            StartLine::Response { .. } => "",
        }
    }

    /// A request's URL as far as the message shows it, credential values redacted.
    pub fn url(&self) -> String {
        url(self)
    }

    /// Whether the request is a CORS preflight: `OPTIONS` (in any case, as curl `-X` and HAR
    /// files may write it) with `Access-Control-Request-Method`. The one definition.
    pub fn is_preflight(&self) -> bool {
        self.method().eq_ignore_ascii_case("OPTIONS") && self.header("access-control-request-method").is_some()
    }
}

/// The URL of a request as far as the message shows it, with the values of credential
/// parameters (`access_token=`, `code=`, ...) redacted: reports are meant to be shared.
pub fn url(request: &Message) -> String {
    crate::secret::redact_url(&full_url(request))
}

/// The URL of a request as the message shows it, credentials included.
pub fn full_url(request: &Message) -> String {
    let StartLine::Request { target, version, .. } = &request.start else { return String::new() };
    if target.starts_with("http://") || target.starts_with("https://") {
        return target.clone();
    }
    let host = request.header("host").or_else(|| request.header(":authority")).unwrap_or("");
    let scheme = match request.header(":scheme") {
        Some(s) => format!("{s}:"),
        // curl speaks HTTP/2 only over TLS unless told otherwise.
        None if request.source == Source::CurlVerbose && version.starts_with("HTTP/2") => "https:".into(),
        None if host.ends_with(":443") => "https:".into(),
        None if host.ends_with(":80") => "http:".into(),
        None => String::new(),
    };
    let built = format!("{scheme}//{host}{target}");
    // Written the way the URL standard serialises it (no default port), when it is one.
    match url::Url::parse(&built) {
        Ok(parsed) if !scheme.is_empty() => parsed.to_string(),
        _ => built,
    }
}

/// A header line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub what: String,
}

fn is_version(v: &str) -> bool {
    let Some(rest) = v.strip_prefix("HTTP/") else { return false };
    matches!(rest, "0.9" | "1.0" | "1.1" | "2" | "2.0" | "3" | "3.0")
}

/// `GET /path HTTP/1.1`, or (HTTP/2 in curl -v) `GET /path HTTP/2`.
fn request_line(line: &str) -> Option<StartLine> {
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || method.is_empty() || !method.chars().all(|c| c.is_ascii_uppercase() || c == '-') || target.is_empty() || !is_version(version) {
        return None;
    }
    Some(StartLine::Request { method: method.into(), target: target.into(), version: version.into() })
}

/// `HTTP/1.1 401 Unauthorized` (the reason phrase may be absent, as in HTTP/2 transcripts).
fn status_line(line: &str) -> Option<StartLine> {
    let (version, rest) = line.split_once(' ')?;
    if !is_version(version) {
        return None;
    }
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    if code.len() != 3 {
        return None;
    }
    let status = code.parse::<u16>().ok().filter(|s| (100..600).contains(s))?;
    Some(StartLine::Response { version: version.into(), status, reason: reason.trim().into() })
}

/// A line with its curl prefix (if any) removed, and which side it belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Plain,
    Sent,
    Received,
    Note,
}

fn split_prefix(line: &str) -> (Side, &str) {
    if let Some(rest) = line.strip_prefix("> ").or_else(|| (line == ">").then_some("")) {
        (Side::Sent, rest)
    } else if let Some(rest) = line.strip_prefix("< ").or_else(|| (line == "<").then_some("")) {
        (Side::Received, rest)
    } else if line.starts_with("* ") || line == "*" {
        (Side::Note, "")
    } else {
        (Side::Plain, line)
    }
}

struct Builder {
    message: Message,
    in_body: bool,
}

/// Finds every message in pasted text.
pub fn parse(text: &str) -> (Vec<Message>, Vec<Problem>) {
    // Every message starts with a request or status line (which names `HTTP/`) or a
    // pseudo-header block (`:method`, `:status`): text with none holds no message.
    if !text.contains("HTTP/") && !text.contains(":method") && !text.contains(":status") && !text.contains(":path") {
        return (Vec::new(), Vec::new());
    }
    let mut messages = Vec::new();
    let mut problems = Vec::new();
    let mut current: Option<Builder> = None;
    let curl = text.lines().any(|l| l.strip_prefix("> ").is_some_and(|rest| request_line(rest).is_some()));
    let finish = |b: Option<Builder>, out: &mut Vec<Message>| {
        if let Some(mut b) = b {
            let trimmed = b.message.body.trim_end_matches(['\n', '\r']).len();
            b.message.body.truncate(trimmed);
            out.push(b.message);
        }
    };
    for (index, raw) in text.split('\n').enumerate() {
        let number = index.saturating_add(1);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (side, line) = if curl { split_prefix(raw) } else { (Side::Plain, raw) };
        if side == Side::Note {
            continue;
        }
        let start = request_line(line.trim_end()).or_else(|| status_line(line.trim_end()));
        let pseudo = line.starts_with(":method:") || line.starts_with(":status:") || line.starts_with(":authority:");
        let new_pseudo_block = pseudo && current.as_ref().is_none_or(|b| b.message.source != Source::PseudoHeaders || b.in_body);
        if let Some(start) = start {
            finish(current.take(), &mut messages);
            if let Some(what) = start_line_problem(line.trim_end(), &start) {
                problems.push(Problem { line: number, what });
            }
            let source = if curl { Source::CurlVerbose } else { Source::Raw };
            current = Some(Builder {
                message: Message { start, headers: Vec::new(), body: String::new(), line: number, source, lines: (number, number), parsed: Parsed::default() },
                in_body: false,
            });
            continue;
        }
        if new_pseudo_block {
            finish(current.take(), &mut messages);
            let start = if line.starts_with(":status:") {
                StartLine::Response { version: "HTTP/2".into(), status: 0, reason: String::new() }
            } else {
                StartLine::Request { method: String::new(), target: String::new(), version: "HTTP/2".into() }
            };
            current = Some(Builder {
                message: Message {
                    start,
                    headers: Vec::new(),
                    body: String::new(),
                    line: number,
                    source: Source::PseudoHeaders,
                    lines: (number, number),
                    parsed: Parsed::default(),
                },
                in_body: false,
            });
        }
        let Some(builder) = current.as_mut() else { continue };
        // In a curl transcript, the response body is the unprefixed text after the headers.
        if curl && side == Side::Plain && !builder.in_body {
            if builder.message.is_request() {
                continue;
            }
            builder.in_body = true;
        }
        if builder.in_body {
            if curl && side != Side::Plain {
                continue;
            }
            builder.message.body.push_str(line);
            builder.message.body.push('\n');
            builder.message.lines.1 = number;
            continue;
        }
        if line.trim().is_empty() {
            if builder.message.source == Source::PseudoHeaders && builder.message.headers.is_empty() {
                continue;
            }
            builder.in_body = true;
            builder.message.lines.1 = number;
            continue;
        }
        builder.message.lines.1 = number;
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding (RFC 9112 §5.2): part of the previous value.
            match builder.message.headers.last_mut() {
                Some(previous) => {
                    if let Some(what) = control_character(line) {
                        problems.push(Problem { line: number, what: format!("{what} in the value of `{}` (RFC 9110 §5.5: invalid)", previous.name) });
                    }
                    previous.value.push(' ');
                    previous.value.push_str(line.trim());
                }
                None => problems.push(Problem { line: number, what: "a folded line with no header before it".into() }),
            }
            continue;
        }
        let parsed = line.strip_prefix(':').map_or_else(|| line.split_once(':'), |rest| rest.split_once(':'));
        match parsed {
            Some((name, value)) if !name.is_empty() && name.chars().all(crate::grammar::is_tchar_char) => {
                if let Some(what) = control_character(value) {
                    problems.push(Problem { line: number, what: format!("{what} in the value of `{name}` (RFC 9110 §5.5: invalid)") });
                }
                let pseudo_name = line.starts_with(':');
                let value = value.trim().to_string();
                if pseudo_name {
                    apply_pseudo(&mut builder.message, name, &value);
                }
                let name = if pseudo_name { format!(":{name}") } else { name.to_string() };
                builder.message.headers.push(Header { name, value, line: number });
            }
            Some((name, _)) if name.ends_with([' ', '\t']) => {
                problems.push(Problem { line: number, what: format!("white space before the colon in `{}:` (servers must reject it)", name.trim_end()) });
            }
            _ => problems.push(Problem { line: number, what: format!("`{}` is not a header line", preview(line)) }),
        }
    }
    finish(current, &mut messages);
    (messages, problems)
}

/// Names the first control character of a field value or start line, other than HTAB
/// (RFC 9110 §5.5, RFC 9112 §3 and §4). A CR there is a bare CR (RFC 9112 §2.2): it may hide a
/// second line inside the first. CRs at the very end are not counted: text converted to CRLF
/// twice ends its lines in CR CR LF.
fn control_character(text: &str) -> Option<String> {
    let c = text.trim_end_matches('\r').chars().find(|c| *c != '\t' && c.is_ascii_control())?;
    Some(if c == '\r' {
        "a bare CR (a carriage return with no line feed after it)".to_string()
    } else {
        format!("a control character (U+{:04X})", u32::from(c))
    })
}

/// What is wrong with a start line that still reads as one: control characters (a bare CR
/// hides a second line inside it), or a request target that is not plain ASCII (RFC 9112 §3.2:
/// anything else must be percent-encoded).
fn start_line_problem(line: &str, start: &StartLine) -> Option<String> {
    if let Some(what) = control_character(line) {
        return Some(format!("{what} in the start line `{}`", preview(line)));
    }
    match start {
        StartLine::Request { target, .. } if !target.chars().all(|c| c.is_ascii_graphic()) => {
            Some(format!("the request target `{}` has characters that must be percent-encoded", preview(target)))
        }
        _ => None,
    }
}

fn apply_pseudo(message: &mut Message, name: &str, value: &str) {
    match (&mut message.start, name) {
        (StartLine::Request { method, .. }, "method") => *method = value.to_string(),
        (StartLine::Request { target, .. }, "path") => *target = value.to_string(),
        (StartLine::Response { status, .. }, "status") => *status = value.parse().unwrap_or(0),
        _ => {}
    }
}

fn preview(line: &str) -> String {
    let shown: String = line.chars().take(40).filter(|c| !c.is_control() && *c != '`').collect();
    if line.chars().count() > 40 {
        format!("{shown}…")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, target: &str) -> StartLine {
        StartLine::Request { method: method.into(), target: target.into(), version: "HTTP/1.1".into() }
    }

    #[test]
    fn request_and_response_pair_with_crlf_and_body() {
        let text = "GET /orders?page=2 HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer abc\r\n\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"api\"\r\nContent-Type: application/json\r\n\r\n{\"error\":\"invalid_token\"}\r\n";
        let (messages, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].start, request("GET", "/orders?page=2"));
        assert_eq!(messages[0].header("authorization"), Some("Bearer abc"));
        assert_eq!(messages[1].status(), Some(401));
        assert_eq!(messages[1].body, "{\"error\":\"invalid_token\"}");
        assert_eq!(messages[1].line, 5);
        assert_eq!(messages[1].header("www-authenticate"), Some("Bearer realm=\"api\""));
    }

    #[test]
    fn bare_lf_and_folded_headers() {
        let (messages, problems) = parse("HTTP/1.0 401 Unauthorized\nWWW-Authenticate: Basic\n  realm=\"old\"\nX-Id: 7\n");
        assert!(problems.is_empty());
        assert_eq!(messages[0].header("WWW-Authenticate"), Some("Basic realm=\"old\""));
        assert_eq!(messages[0].header("x-id"), Some("7"));
    }

    #[test]
    fn curl_verbose_transcript_with_a_redirect() {
        let text = "* Connected to api.example.com (203.0.113.7) port 443\n> GET /v1/me HTTP/2\n> Host: api.example.com\n> authorization: Bearer abc\n>\n< HTTP/2 302\n< location: https://login.example.com/authorize\n<\n* Issue another request to this URL\n> GET /authorize HTTP/2\n> Host: login.example.com\n>\n< HTTP/2 401\n< www-authenticate: Bearer\n<\n{\"error\":\"unauthorized\"}\n";
        let (messages, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        let shape: Vec<(bool, Option<u16>)> = messages.iter().map(|m| (m.is_request(), m.status())).collect();
        assert_eq!(shape, [(true, None), (false, Some(302)), (true, None), (false, Some(401))]);
        assert!(messages.iter().all(|m| m.source == Source::CurlVerbose));
        assert_eq!(messages[1].header("location"), Some("https://login.example.com/authorize"));
        assert_eq!(messages[3].body, "{\"error\":\"unauthorized\"}");
    }

    #[test]
    fn devtools_pseudo_headers() {
        let text = ":authority: api.example.com\n:method: GET\n:path: /v1/me\n:scheme: https\nauthorization: Bearer abc\n\n:status: 401\nwww-authenticate: Bearer error=\"invalid_token\"\n";
        let (messages, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].start, StartLine::Request { method: "GET".into(), target: "/v1/me".into(), version: "HTTP/2".into() });
        assert_eq!(messages[0].header(":authority"), Some("api.example.com"));
        assert_eq!(messages[1].status(), Some(401));
    }

    #[test]
    fn unreadable_lines_are_reported() {
        let (messages, problems) = parse("HTTP/1.1 401 Unauthorized\nWWW-Authenticate : Bearer\nthis is not a header\n");
        assert_eq!(messages.len(), 1);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].what.contains("white space before the colon"));
        assert_eq!(problems[1].line, 3);
    }

    #[test]
    fn control_characters_bare_crs_and_raw_unicode_targets_are_reported() {
        let (messages, problems) = parse("HTTP/1.1 200 OK\r\nFoo: 1\rBar: 2\r\nX: a\u{c}b\r\n\r\n");
        assert_eq!(messages.len(), 1);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3], "{problems:?}");
        assert!(problems[0].what.contains("bare CR"));
        assert!(problems[1].what.contains("U+000C"));
        let (messages, problems) = parse("HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n");
        assert_eq!((messages.len(), problems.len()), (1, 1), "{problems:?}");
        let (messages, problems) = parse("GET /δ HTTP/1.1\nHost: a\n");
        assert_eq!((messages.len(), problems.len()), (1, 1), "{problems:?}");
        assert!(problems[0].what.contains("percent-encoded"));
        // Lines converted to CRLF twice end in CR CR LF: nothing wrong with them.
        let (messages, problems) = parse("HTTP/1.1 401 Unauthorized\r\r\nWWW-Authenticate: Bearer\r\r\n\r\r\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(messages[0].header("www-authenticate"), Some("Bearer"));
    }

    #[test]
    fn text_without_messages_yields_none() {
        for text in ["", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "Authorization: Bearer x", "GET me a coffee", "HTTP/1.1 abc"] {
            assert!(parse(text).0.is_empty(), "{text}");
        }
    }
}
