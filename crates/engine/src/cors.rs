//! The browser's CORS rules (Fetch standard), applied to one captured request.
//!
//! [`check`] does what a browser does with a cross-origin request made by a page: it decides
//! whether a preflight is needed (Fetch §4.1 main fetch, with the safelists of §2.2.1 and
//! §2.2.2), judges the preflight's answer (§4.8 CORS-preflight fetch) and runs the CORS check
//! (§4.10) on the response, then says which rule failed first. [`author_headers`] keeps, from a
//! captured request, only the headers the page's code can have set. [`recommended_headers`],
//! [`nginx_snippet`] and [`express_snippet`] write the server side of the fix.
//!
//! Section numbers are those of the Fetch standard since July 2025, when a section on cookies
//! was added: the CORS protocol is §3.3 (it was §3.2 before, as the finding table still cites).
//!
//! Everything is pure and never panics; hostile text (quotes, newlines, `$`, `;`, `{`) never
//! reaches a snippet, because only an origin [`normalize_origin`] accepted, and methods and
//! header names made of letters, digits, `-` and `_`, are written into one.

pub use crate::context::{Browser, CredentialsMode};
use crate::findings::{Code, Finding, Severity};
use crate::grammar::is_token;
use std::collections::{BTreeMap, HashSet};
use url::{Host, Url};

/// The `Access-Control-Max-Age` that [`recommended_headers`] suggests, in seconds: short enough
/// that a changed server setting shows within minutes while debugging.
pub const RECOMMENDED_MAX_AGE: u32 = 600;

/// The most bytes a CORS-safelisted request-header value may hold (Fetch §2.2.2).
pub const MAX_SAFELISTED_VALUE: usize = 128;

/// The most bytes the CORS-safelisted request-headers of a request may hold together before they
/// all need a preflight (Fetch §2.2.2, CORS-unsafe request-header names).
pub const MAX_SAFELISTED_TOTAL: usize = 1024;

/// Stands in for the page's origin in snippets when it is unknown or unusable.
const PLACEHOLDER_ORIGIN: &str = "https://your-page.example";

/// How much of a value a message quotes.
const SHOWN_CHARS: usize = 60;

/// How many header names a message lists before it says "and N more".
const LISTED: usize = 8;

// `CredentialsMode` and `Browser` are what the caller says about the request; they are defined
// with the rest of the input in `context.rs`. What CORS knows of each engine stays here.
impl Browser {
    /// Whether `Access-Control-Allow-Headers: *` still covers `Authorization` on a request
    /// without credentials. The Fetch standard made `Authorization` a non-wildcard name; Firefox
    /// and WebKit follow it, Chromium still lets `*` cover it and logs a deprecation warning.
    fn star_covers_authorization(self) -> bool {
        self == Browser::Chromium
    }
}

/// What the CORS rules say about one request: the verdict that [`crate::http::cors_flow`] turns
/// into the report's `CorsVerdict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Pass,
    Fail,
    NotApplicable,
}

impl Verdict {
    /// The verdict as the JSON report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotApplicable => "not_applicable",
        }
    }
}

/// A captured response, as far as CORS needs it: the status and the header fields in the order
/// received, names in any case. A header sent twice is two entries. A status below 100 (HAR files
/// write 0 for a request the browser blocked) means the capture has no real response.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    pub status: u16,
    pub headers: &'a [(String, String)],
}

impl Response<'_> {
    /// The values of every field named `name`, trimmed of HTTP white space.
    fn values<'b>(&'b self, name: &'b str) -> impl Iterator<Item = &'b str> + 'b {
        self.headers.iter().filter(move |(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| trim_http(v))
    }

    /// The field as Fetch "gets" it: every value joined with `, `, or `None` when absent.
    fn get(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self.values(name).collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    fn has(&self, name: &str) -> bool {
        self.values(name).next().is_some()
    }
}

/// One request a page made, as far as CORS needs it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The page's origin as the user gave it (`https://app.example.com`, perhaps with a trailing
    /// slash or a path, or `null`); read with [`normalize_origin`]. `None` when unknown.
    pub origin: Option<&'a str>,
    /// The request URL. A URL starting with `/` is taken relative to the page's origin.
    pub url: &'a str,
    /// The method as the page's code wrote it; normalised here as `fetch` does (Fetch §2.2.1).
    pub method: &'a str,
    /// The author request headers: what the page's code set. Use [`author_headers`] on a
    /// browser capture. Forbidden request-headers and `:` pseudo-headers are ignored anyway.
    pub headers: &'a [(String, String)],
    pub credentials: CredentialsMode,
}

/// What the browser's CORS rules say about one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// One sentence: for `Fail` the first rule that failed, in the order Fetch applies them; for
    /// `Pass` and `NotApplicable` why.
    pub reason: String,
    /// Whether the browser sends a preflight before this request (unless one is cached).
    pub preflight_needed: bool,
    /// Why it does, one reason per method or header; empty for a simple request.
    pub preflight_reasons: Vec<String>,
    /// Every failed rule and warning, in the order Fetch applies them.
    pub findings: Vec<Finding>,
    /// Each engine's verdict, only when the engines disagree.
    pub browsers: Option<BTreeMap<Browser, Verdict>>,
}

/// What the caller knows beyond the request itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The engine whose verdict to give where engines disagree; `None`: the Fetch standard's,
    /// with each engine's verdict in [`Outcome::browsers`].
    pub browser: Option<Browser>,
    /// The redirect that left the origin, as `` `from` to `to` ``: the browser then sends
    /// `Origin: null` and the CORS check compares with `null` (Fetch §4.4 HTTP-redirect fetch,
    /// the tainted origin flag, and §3.1 serializing a request origin).
    pub tainted: Option<&'a str>,
}

impl Outcome {
    fn not_applicable(reason: impl Into<String>) -> Self {
        Outcome {
            verdict: Verdict::NotApplicable,
            reason: reason.into(),
            preflight_needed: false,
            preflight_reasons: Vec::new(),
            findings: Vec::new(),
            browsers: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------------------------

/// The ASCII serialisation of a URL's origin (`https://xn--bcher-kva.example`, no default port,
/// no trailing slash), or `None` when the URL cannot be parsed or its origin is opaque.
pub fn origin_of(url: &str) -> Option<String> {
    let origin = Url::parse(url.trim()).ok()?.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// Reads an origin as a user types it and returns it serialised the way a browser writes it in
/// `Origin`: `https://App.example.com/` and `https://app.example.com:443/x?y` both give
/// `https://app.example.com`; an IDN host gives its punycode form. `null` (any case) stays
/// `null`, and a `file:` URL gives `null`, the origin of a page opened from a file.
///
/// Refused, with a sentence saying why: text without a scheme (`app.example.com:8443` could be
/// `http` or `https`), schemes other than `http`, `https` and `file`, white space or control
/// characters, and hosts with characters no DNS name has (`"`, `$`, `;`, `{` and the like pass
/// the URL parser, so they are refused here).
/// What reading `text` as an origin left out, in words (its path, query, fragment or user
/// name), when it is a URL with more than an origin; `None` otherwise. Letter case, a default
/// port and a trailing `/` are not mentioned: they are the same origin.
pub fn origin_left_out(text: &str) -> Option<String> {
    let url = Url::parse(text.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    let mut parts = Vec::new();
    if !url.username().is_empty() || url.password().is_some() {
        parts.push("the user name".to_string());
    }
    if url.path() != "/" && !url.path().is_empty() {
        parts.push(format!("the path {}", crate::quote::code(url.path(), 60)));
    }
    if url.query().is_some() {
        parts.push("the query".to_string());
    }
    if url.fragment().is_some() {
        parts.push("the fragment".to_string());
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "{} was read as the origin `{}`: an origin is a scheme, a host and a port, so {} {} not part of it",
        crate::quote::code(text.trim(), 80),
        url.origin().ascii_serialization(),
        crate::quote::listed(&parts),
        if parts.len() == 1 { "is" } else { "are" }
    ))
}

pub fn normalize_origin(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("The origin is empty: give it as `https://app.example.com`".into());
    }
    if t.eq_ignore_ascii_case("null") {
        return Ok("null".into());
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("The origin holds white space or control characters: give it as `https://app.example.com`".into());
    }
    if t.len() > 2048 {
        return Err(format!("The origin is {} bytes long; an origin is a scheme, a host and a port", t.len()));
    }
    if !t.contains("://") && !t.to_ascii_lowercase().starts_with("file:") {
        // A host name has at most 253 characters: a longer text is not quoted back whole.
        let safe = t.len() <= 253 && t.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]_".contains(c));
        return Err(if safe {
            format!("`{t}` has no scheme: write `https://{t}` (or `http://{t}`)")
        } else {
            format!("`{}` has no scheme: write the origin as `https://app.example.com`", shown(t))
        });
    }
    let url = Url::parse(t).map_err(|e| format!("`{}` is not a URL: {e}", shown(t)))?;
    match url.scheme() {
        "http" | "https" => {}
        "file" => return Ok("null".into()),
        other => {
            return Err(format!("`{}:` is not a scheme a page calling an API is served from; give the page's `https://` or `http://` origin", shown(other)))
        }
    }
    match url.host() {
        Some(Host::Domain(d)) if d.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)) => {}
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {}
        Some(Host::Domain(d)) => {
            return Err(format!("The host `{}` holds characters no DNS name has; give the page's origin as `https://app.example.com`", shown(d)))
        }
        None => return Err(format!("`{}` has no host", shown(t))),
    }
    Ok(url.origin().ascii_serialization())
}

/// The page's origin as snippets may write it: accepted by [`normalize_origin`] and not `null`.
fn snippet_origin(request: &Request) -> Option<String> {
    request.origin.and_then(|o| normalize_origin(o).ok()).filter(|o| o != "null")
}

/// Why an `Access-Control-Allow-Origin` value that is not the page's origin differs from it,
/// as a few words for a parenthesis.
fn explain_mismatch(given: &str, origin: &str) -> String {
    if origin == "null" {
        return "only `null` or `*` matches a `null` origin".into();
    }
    if given.eq_ignore_ascii_case(origin) {
        return "the letter case differs, and the browser compares byte for byte".into();
    }
    if given.strip_suffix('/') == Some(origin) {
        return "a trailing slash".into();
    }
    if given.is_empty() {
        return "the value is empty".into();
    }
    if !given.contains("://") {
        return "no scheme: an origin is written `https://host`".into();
    }
    let (Ok(theirs), Ok(ours)) = (Url::parse(given), Url::parse(origin)) else {
        return "the value is not an origin".into();
    };
    if !theirs.origin().is_tuple() {
        return format!("`{}:` is not an `http` or `https` origin", shown(theirs.scheme()));
    }
    let mut what = Vec::new();
    if theirs.origin() == ours.origin() {
        // The same origin, written another way.
        let after_scheme = given.split_once("://").map_or("", |(_, rest)| rest);
        let (authority, rest) = match after_scheme.find(['/', '?', '#']) {
            Some(i) => after_scheme.split_at(i),
            None => (after_scheme, ""),
        };
        let written = format!("{}://{authority}", given.split_once("://").map_or("", |(s, _)| s));
        if written.eq_ignore_ascii_case(origin) && written != origin {
            what.push("upper-case letters, and the browser compares byte for byte".to_string());
        } else if written != origin {
            let default_port = match theirs.scheme() {
                "https" => ":443",
                _ => ":80",
            };
            if authority.ends_with(default_port) {
                what.push(format!("the default port `{default_port}` written out"));
            } else if !authority.is_ascii() {
                what.push("the host in Unicode, while the browser sends its punycode form".into());
            } else {
                what.push("written differently".into());
            }
        }
        if rest == "/" {
            what.push("a trailing slash".into());
        } else if !rest.is_empty() {
            what.push(format!("a path `{}`", shown(rest)));
        }
    } else {
        if theirs.scheme() != ours.scheme() {
            what.push(format!("the scheme `{}` instead of `{}`", theirs.scheme(), ours.scheme()));
        }
        if theirs.host_str() != ours.host_str() {
            what.push(format!("the host `{}` instead of `{}`", shown(theirs.host_str().unwrap_or("")), ours.host_str().unwrap_or("")));
        }
        let (a, b) = (theirs.port_or_known_default(), ours.port_or_known_default());
        if a != b && theirs.scheme() == ours.scheme() {
            let port = |p: Option<u16>| p.map_or_else(|| "none".to_string(), |p| p.to_string());
            what.push(format!("port {} instead of {}", port(a), port(b)));
        }
        if given.ends_with('/') {
            what.push("a trailing slash".into());
        }
    }
    if what.is_empty() {
        "written differently".into()
    } else {
        what.join(" and ")
    }
}

// ---------------------------------------------------------------------------------------------
// Methods and request headers (Fetch §2.2.1, §2.2.2)
// ---------------------------------------------------------------------------------------------

/// A method as `fetch` sends it: `delete`, `get`, `head`, `options`, `post` and `put`, in any
/// case, are upper-cased; every other method (`patch` too) is kept as written (Fetch §2.2.1).
/// An empty method is `GET`.
pub fn normalize_method(method: &str) -> String {
    let m = method.trim();
    if m.is_empty() {
        return "GET".into();
    }
    match ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"].into_iter().find(|s| s.eq_ignore_ascii_case(m)) {
        Some(standard) => standard.into(),
        None => m.into(),
    }
}

/// Whether a normalised method is CORS-safelisted: `GET`, `HEAD` or `POST`, exactly (§2.2.1).
pub fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// Trims HTTP white space (tab, line feed, carriage return, space), as Fetch normalises values.
fn trim_http(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

/// Whether a header is a forbidden request-header (Fetch §2.2.2): one the page's code cannot
/// set, so the browser alone decides it.
pub fn is_forbidden_request_header(name: &str, value: &str) -> bool {
    const FORBIDDEN: [&str; 21] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    let lower = name.trim().to_ascii_lowercase();
    if FORBIDDEN.contains(&lower.as_str()) || lower.starts_with("proxy-") || lower.starts_with("sec-") {
        return true;
    }
    if matches!(lower.as_str(), "x-http-method" | "x-http-method-override" | "x-method-override") {
        return crate::grammar::list_elements(value).map(trim_http).any(|m| ["CONNECT", "TRACE", "TRACK"].iter().any(|f| f.eq_ignore_ascii_case(m)));
    }
    false
}

/// A CORS-unsafe request-header byte (Fetch §2.2.2): a control byte other than tab, one of
/// `"():<>?@[\]{}`, or DEL.
fn is_unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != 0x09) || b"\"():<>?@[\\]{}\x7f".contains(&b)
}

/// The essence (`type/subtype`, lower case) of a MIME type, or `None` when the value does not
/// parse as one. Parameters never make parsing fail, so they are not read.
fn mime_essence(value: &str) -> Option<String> {
    let (kind, rest) = trim_http(value).split_once('/')?;
    let subtype = rest.split_once(';').map_or(rest, |(s, _)| s).trim_end_matches([' ', '\t', '\n', '\r']);
    (is_token(kind) && is_token(subtype)).then(|| format!("{}/{}", kind.to_ascii_lowercase(), subtype.to_ascii_lowercase()))
}

/// Compares two strings of ASCII digits as numbers, however long.
fn digits_greater(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    (a.len(), a) > (b.len(), b)
}

/// Whether a `Range` value is the one form browsers safelist: `bytes=start-` or
/// `bytes=start-end`, no white space, start not after end (Fetch §2.2.2, "parse a single range
/// header value" without white space, with a start).
fn is_simple_range(value: &str) -> bool {
    let Some(spec) = value.strip_prefix("bytes=") else { return false };
    let Some((start, end)) = spec.split_once('-') else { return false };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !start.is_empty() && digits(start) && digits(end) && (end.is_empty() || !digits_greater(start, end))
}

/// Why a header is not a CORS-safelisted request-header (Fetch §2.2.2), or `None` when it is.
fn not_safelisted(name: &str, value: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let label = shown(name);
    if lower == "authorization" {
        return Some(format!("`{label}` is never CORS-safelisted"));
    }
    if !matches!(lower.as_str(), "accept" | "accept-language" | "content-language" | "content-type" | "range") {
        return Some(format!("`{label}` is not a CORS-safelisted request-header"));
    }
    if value.len() > MAX_SAFELISTED_VALUE {
        return Some(format!("`{label}` is {} bytes long; a CORS-safelisted value holds at most {MAX_SAFELISTED_VALUE}", value.len()));
    }
    let unsafe_byte = || value.bytes().find(|b| is_unsafe_byte(*b)).map(describe_byte);
    match lower.as_str() {
        "accept" => unsafe_byte().map(|b| format!("`{label}` holds {b}, which a CORS-safelisted value may not")),
        "accept-language" | "content-language" => value
            .bytes()
            .find(|b| !(b.is_ascii_alphanumeric() || b" *,-.;=".contains(b)))
            .map(|b| format!("`{label}` holds {}, which a CORS-safelisted language may not", describe_byte(b))),
        "content-type" => {
            if let Some(b) = unsafe_byte() {
                return Some(format!("`{label}: {}` holds {b}, which a CORS-safelisted value may not", shown(value)));
            }
            match mime_essence(value) {
                None => Some(format!("`{label}: {}` is not a MIME type", shown(value))),
                Some(e) if matches!(e.as_str(), "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain") => None,
                Some(_) => Some(format!(
                    "`{label}: {}` is not CORS-safelisted (only `application/x-www-form-urlencoded`, `multipart/form-data` and `text/plain` are)",
                    shown(value)
                )),
            }
        }
        _ => (!is_simple_range(value)).then(|| format!("`{label}: {}` is not a simple range (`bytes=start-` or `bytes=start-end`)", shown(value))),
    }
}

/// Whether a header is a CORS-safelisted request-header (Fetch §2.2.2), on its own: the
/// 1024-byte total of a request is applied by [`needs_preflight`].
pub fn is_safelisted_request_header(name: &str, value: &str) -> bool {
    not_safelisted(name.trim(), trim_http(value)).is_none()
}

/// One CORS-unsafe request-header name of a request, as the page wrote it first, and why.
#[derive(Clone, Debug)]
struct Unsafe {
    name: String,
    why: String,
}

/// The CORS-unsafe request-header names of author headers (Fetch §2.2.2), by lower-case name,
/// sorted. Forbidden request-headers and pseudo-headers are skipped: a page cannot set them.
fn unsafe_names(headers: &[(String, String)]) -> BTreeMap<String, Unsafe> {
    let mut unsafe_names: BTreeMap<String, Unsafe> = BTreeMap::new();
    let mut safelisted: Vec<&str> = Vec::new();
    let mut total = 0usize;
    for (name, value) in headers {
        let (name, value) = (name.trim(), trim_http(value));
        if name.starts_with(':') || is_forbidden_request_header(name, value) {
            continue;
        }
        match not_safelisted(name, value) {
            Some(why) => {
                unsafe_names.entry(name.to_ascii_lowercase()).or_insert_with(|| Unsafe { name: name.to_string(), why });
            }
            None => {
                safelisted.push(name);
                total = total.saturating_add(value.len());
            }
        }
    }
    if total > MAX_SAFELISTED_TOTAL {
        for name in safelisted {
            unsafe_names.entry(name.to_ascii_lowercase()).or_insert_with(|| Unsafe {
                name: name.to_string(),
                why: format!(
                    "the CORS-safelisted headers hold {total} bytes together, more than {MAX_SAFELISTED_TOTAL}, so `{}` counts as unsafe",
                    shown(name)
                ),
            });
        }
    }
    unsafe_names
}

/// Why the browser would preflight this request, one reason per method or header; empty for a
/// simple request (Fetch §4.1 main fetch). `method` is normalised first, and `headers` are the
/// author headers (forbidden request-headers and pseudo-headers are ignored).
pub fn needs_preflight(method: &str, headers: &[(String, String)]) -> Vec<String> {
    reasons(&normalize_method(method), &unsafe_names(headers))
}

fn reasons(method: &str, unsafe_names: &BTreeMap<String, Unsafe>) -> Vec<String> {
    let mut out = Vec::new();
    if !is_safelisted_method(method) {
        let mut reason = format!("the method `{}` is not CORS-safelisted (only `GET`, `HEAD` and `POST` are)", shown(method));
        if ["GET", "HEAD", "POST"].iter().any(|m| m.eq_ignore_ascii_case(method)) {
            reason.push_str(", and is not upper-cased by browsers");
        }
        out.push(reason);
    }
    out.extend(unsafe_names.values().map(|u| u.why.clone()));
    out
}

/// The headers of a captured browser request (HAR, DevTools "Copy as cURL") that the page's code
/// can have set, in order. Dropped:
///
/// - forbidden request-headers (Fetch §2.2.2: `Cookie`, `Origin`, `Referer`, `Host`,
///   `Content-Length`, `Accept-Encoding`, `Connection`, `Proxy-*`, `Sec-*` and the rest);
/// - HTTP/2 and HTTP/3 pseudo-headers (`:method`, `:authority`, ...);
/// - headers browsers add on their own: `User-Agent`, `Priority`, `Upgrade-Insecure-Requests`,
///   `Purpose`, `X-Client-Data`, `Save-Data`, the legacy client hints (`DPR`, `Device-Memory`,
///   `Viewport-Width`, `Width`, `RTT`, `Downlink`, `ECT`), `Service-Worker-Navigation-Preload`,
///   `Attribution-Reporting-Eligible`, the cache's revalidation headers `If-None-Match` and
///   `If-Modified-Since`, and `Pragma` and `Cache-Control`, which DevTools adds when "Disable
///   cache" is on. A page that sets one of these itself does need a preflight for it; that is
///   missed rather than blaming the page for what the browser added.
///
/// Kept: everything else, `Accept`, `Accept-Language` and `Content-Type` included (browsers add
/// safelisted values of these, and a page often sets them).
pub fn author_headers(captured: &[(String, String)]) -> Vec<(String, String)> {
    const BROWSER_ADDED: [&str; 19] = [
        "user-agent",
        "priority",
        "pragma",
        "cache-control",
        "upgrade-insecure-requests",
        "purpose",
        "x-client-data",
        "save-data",
        "dpr",
        "device-memory",
        "viewport-width",
        "width",
        "rtt",
        "downlink",
        "ect",
        "service-worker-navigation-preload",
        "attribution-reporting-eligible",
        "if-none-match",
        "if-modified-since",
    ];
    captured
        .iter()
        .filter(|(name, value)| {
            let lower = name.trim().to_ascii_lowercase();
            !lower.is_empty() && !lower.starts_with(':') && !is_forbidden_request_header(&lower, value) && !BROWSER_ADDED.contains(&lower.as_str())
        })
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Response header lists (Fetch §3.3.4, "extract header list values" of §2.2.2)
// ---------------------------------------------------------------------------------------------

/// The comma-separated tokens of every field named `name` (`#method` or `#field-name`): `None`
/// when absent, `Err` with the first item that is not a token. Empty items are allowed, as in
/// any HTTP list.
fn token_list(response: &Response, name: &str) -> Option<Result<Vec<String>, String>> {
    if !response.has(name) {
        return None;
    }
    let mut items = Vec::new();
    for value in response.values(name) {
        for item in crate::grammar::list_elements(value).map(trim_http).filter(|i| !i.is_empty()) {
            if !is_token(item) {
                return Some(Err(item.to_string()));
            }
            items.push(item.to_string());
        }
    }
    Some(Ok(items))
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

/// What the checks need to know about the request.
struct Ctx<'a> {
    /// The request's origin as the browser serialises it (`null` for an opaque or tainted one).
    origin: &'a str,
    /// The serialised page origin.
    page: &'a str,
    /// The redirect that made the origin `null`, when one did.
    tainted: Option<&'a str>,
    /// Whether `Access-Control-Allow-Headers: *` covers `Authorization` (Chromium).
    star_covers_authorization: bool,
    /// Set when a rule engines disagree on decided something.
    differs: std::cell::Cell<bool>,
    include: bool,
    /// The normalised method.
    method: String,
    unsafe_names: BTreeMap<String, Unsafe>,
}

/// Which response a check reads, for messages.
#[derive(Clone, Copy, PartialEq)]
enum Which {
    Preflight,
    Actual,
}

impl Which {
    /// The response as a sentence's subject.
    fn subject(self) -> &'static str {
        match self {
            Which::Preflight => "The preflight response",
            Which::Actual => "The response",
        }
    }

    /// Where a header was read, to follow its name.
    fn on(self) -> &'static str {
        match self {
            Which::Preflight => " on the preflight response",
            Which::Actual => "",
        }
    }
}

/// A preflight answered with a status that is not ok, seen in a capture without the CORS flow's
/// context (the page's origin): the browser refuses to send the request itself.
pub fn preflight_refused(method: &str, url: &str, status: Option<u16>) -> Finding {
    Finding::new(
        Code::PreflightRefused,
        format!(
            "The preflight for `{method} {url}` was answered {}; the browser then refuses to send the request itself",
            status.map_or_else(String::new, |s| s.to_string())
        ),
    )
}

/// The status of a preflight response must be an ok status (Fetch §4.8 step 7).
fn preflight_status(status: u16, response: &Response, out: &mut Vec<Finding>) {
    if (200..=299).contains(&status) {
        return;
    }
    let why = match status {
        401 | 403 | 407 => format!(
            "The preflight (`OPTIONS`) got {status}: the server demands credentials, but browsers never send credentials on a preflight, so the request is blocked before it is sent; answer `OPTIONS` with 204 before authentication"
        ),
        300..=399 => {
            let to = response.values("location").next().map(|l| format!(" to `{}`", shown(l))).unwrap_or_default();
            format!("The preflight (`OPTIONS`) got {status}, a redirect{to}: preflights do not follow redirects; answer `OPTIONS` at this URL with 204, or call the final URL directly")
        }
        404 | 405 | 501 => format!(
            "The preflight (`OPTIONS`) got {status}: the server has no answer for `OPTIONS` at this URL; add one that returns 204 with the CORS headers"
        ),
        500..=599 => format!("The preflight (`OPTIONS`) got {status}: the server failed on `OPTIONS`; make it answer 204 with the CORS headers"),
        _ => format!("The preflight (`OPTIONS`) got {status}, and a preflight needs a 2xx status; answer `OPTIONS` with 204 and the CORS headers"),
    };
    out.push(Finding::new(Code::PreflightRefused, why));
}

/// The CORS check (Fetch §4.10) of one response; every failed rule becomes a finding. Returns
/// the `Access-Control-Allow-Origin` value when the check passes.
fn cors_check(which: Which, response: &Response, ctx: &Ctx, out: &mut Vec<Finding>) -> Option<String> {
    let on = which.on();
    let values: Vec<&str> = response.values("access-control-allow-origin").collect();
    let mut pass = true;
    let allowed = match values.as_slice() {
        [] => {
            let mut message = format!("{} has no `Access-Control-Allow-Origin`", which.subject());
            let status = response.status;
            if which == Which::Actual {
                message = format!("The response ({status}) has no `Access-Control-Allow-Origin`");
                if matches!(status, 401 | 403 | 500..=599) {
                    message.push_str(&format!(": error responses often leave out the CORS headers (nginx adds them to errors only with `always`), so the page sees a CORS error instead of the {status}"));
                }
            }
            out.push(Finding::new(Code::CorsNoAllowOrigin, message));
            pass = false;
            None
        }
        [_, _, ..] => {
            let list: Vec<String> = values.iter().take(LISTED).map(|v| format!("`{}`", shown(v))).collect();
            out.push(Finding::new(
                Code::CorsSeveralOrigins,
                format!(
                    "`Access-Control-Allow-Origin`{on} is sent {} times ({}): the browser reads them as one list and refuses it; often two layers (application and proxy) both add it",
                    values.len(),
                    list.join(", ")
                ),
            ));
            pass = false;
            None
        }
        [one] => Some(*one),
    };
    if let Some(value) = allowed {
        if value.contains(',') || value.contains([' ', '\t']) {
            out.push(Finding::new(
                Code::CorsSeveralOrigins,
                format!("`Access-Control-Allow-Origin`{on} is `{}`, several values, while the browser accepts exactly one origin or `*`", shown(value)),
            ));
            pass = false;
        } else if value == "*" {
            if ctx.include {
                out.push(Finding::new(
                    Code::CorsWildcardWithCredentials,
                    format!(
                        "`Access-Control-Allow-Origin`{on} is `*`, but the page sends credentials (`credentials: 'include'`), and then `*` matches no origin"
                    ),
                ));
                pass = false;
            }
        } else {
            if value == "null" {
                out.push(Finding::new(
                    Code::CorsNullOrigin,
                    format!("`Access-Control-Allow-Origin`{on} is `null`, which sandboxed frames and local files all share, so any page can claim it"),
                ));
            }
            if value != ctx.origin && ctx.tainted.is_some() && value == ctx.page {
                out.push(Finding::new(
                    Code::CorsTaintedOrigin,
                    format!(
                        "`Access-Control-Allow-Origin`{on} is the page's origin `{}`, but the request was redirected from {}, leaving the origin, so the browser sent `Origin: null` and only `null` or `*` matches",
                        ctx.page,
                        ctx.tainted.unwrap_or_default()
                    ),
                ));
                pass = false;
            } else if value != ctx.origin {
                let why = if value == "null" {
                    "`null` matches only sandboxed frames and pages opened from files".to_string()
                } else {
                    explain_mismatch(value, ctx.origin)
                };
                out.push(Finding::new(
                    Code::CorsOriginMismatch,
                    match ctx.tainted {
                        Some(hop) => format!(
                            "`Access-Control-Allow-Origin`{on} is `{}` but the request's origin is `null`: it was redirected from {hop}, leaving the origin",
                            shown(value)
                        ),
                        None => format!("`Access-Control-Allow-Origin`{on} is `{}` but the page's origin is `{}` ({why})", shown(value), ctx.origin),
                    },
                ));
                pass = false;
            }
        }
    }
    if ctx.include {
        let credentials: Vec<&str> = response.values("access-control-allow-credentials").collect();
        let problem = match credentials.as_slice() {
            [] => Some(format!("`Access-Control-Allow-Credentials` is missing{on}, and the page sends credentials (`credentials: 'include'`)")),
            ["true"] => None,
            [one] if one.eq_ignore_ascii_case("true") => {
                Some(format!("`Access-Control-Allow-Credentials`{on} is `{}`, and only lower-case `true` counts", shown(one)))
            }
            [one] => Some(format!("`Access-Control-Allow-Credentials`{on} is `{}`; with credentials sent it must be `true`", shown(one))),
            many => Some(format!(
                "`Access-Control-Allow-Credentials`{on} is sent {} times, which the browser reads as `{}`, not `true`",
                many.len(),
                shown(&many.join(", "))
            )),
        };
        if let Some(message) = problem {
            out.push(Finding::new(Code::CorsCredentialsNotAllowed, message));
            pass = false;
        }
    }
    match allowed {
        Some(value) if pass => Some(value.to_string()),
        _ => None,
    }
}

/// `names` as a list of code spans, the first few and a count of the rest.
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| crate::quote::code(n, SHOWN_CHARS)).collect();
    crate::quote::listed_capped(&names, LISTED)
}

/// The method and header rules of a preflight response (Fetch §4.8 step 7). When `predicted`,
/// the headers come from the response to the request itself because no preflight was captured:
/// only the lists it has are read, and the findings say so and count as warnings.
fn preflight_rules(response: &Response, ctx: &Ctx, predicted: bool, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    let methods = token_list(response, "access-control-allow-methods");
    let names = token_list(response, "access-control-allow-headers");
    let mut unreadable = false;
    for (header, list) in [("Access-Control-Allow-Methods", &methods), ("Access-Control-Allow-Headers", &names)] {
        if let Some(Err(item)) = list {
            let value = response.get(header).unwrap_or_default();
            let what =
                if value == *item { "which is not a comma-separated list of tokens".to_string() } else { format!("where `{}` is not a token", shown(item)) };
            found.push(Finding::new(
                Code::CorsPreflightUnreadable,
                format!("`{header}` is `{}`, {what}, so the browser cannot parse it and refuses the preflight", shown(&value)),
            ));
            unreadable = true;
        }
    }
    if !unreadable {
        let methods = methods.and_then(Result::ok);
        let names = names.and_then(Result::ok);
        method_rule(methods.as_deref(), ctx, predicted, &mut found);
        header_rules(names.as_deref(), ctx, predicted, &mut found);
    }
    for mut f in found {
        if predicted {
            let message = lower_first(&f.message).replacen("the preflight does not allow", "the preflight would not allow", 1);
            f.message = format!("No preflight was captured, but if the server answers it with the headers of this response, {message}");
            if f.severity == Severity::Error {
                f.severity = Severity::Warning;
            }
        }
        out.push(f);
    }
}

fn method_rule(methods: Option<&[String]>, ctx: &Ctx, predicted: bool, out: &mut Vec<Finding>) {
    let method = ctx.method.as_str();
    if is_safelisted_method(method) || (methods.is_none() && predicted) {
        return;
    }
    let methods = methods.unwrap_or(&[]);
    let star = methods.iter().any(|m| m == "*");
    if methods.iter().any(|m| m == method) || (star && !ctx.include) {
        return;
    }
    let m = shown(method);
    let why = if let Some(other) = methods.iter().find(|x| x.eq_ignore_ascii_case(method)) {
        if method.bytes().any(|b| b.is_ascii_lowercase()) {
            format!(
                "it lists `{}`, but the page sends `{m}`, which browsers do not upper-case: write `{}` in the page's code",
                shown(other),
                m.to_ascii_uppercase()
            )
        } else {
            format!("it lists `{}`, and methods are case-sensitive", shown(other))
        }
    } else if star {
        "its `*` is a wildcard only for requests without credentials, and the page sends credentials".to_string()
    } else if methods.is_empty() {
        "`Access-Control-Allow-Methods` is missing or empty".to_string()
    } else {
        format!("it lists only {}", listed(methods.iter().map(String::as_str)))
    };
    out.push(Finding::new(Code::CorsMethodNotAllowed, format!("The preflight does not allow the method `{m}`: {why}")));
    if star {
        out.push(Finding::new(
            Code::CorsWildcardWithCredentials,
            "`Access-Control-Allow-Methods` is `*` while the page sends credentials, so the browser takes it literally, as a method named `*`",
        ));
    }
}

fn header_rules(names: Option<&[String]>, ctx: &Ctx, predicted: bool, out: &mut Vec<Finding>) {
    if ctx.unsafe_names.is_empty() || (names.is_none() && predicted) {
        return;
    }
    let names = names.unwrap_or(&[]);
    let allowed: HashSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let star = allowed.contains("*");
    // `Authorization` is a CORS non-wildcard request-header name: only its own name allows it.
    // The other names `*` allows, but only for requests without credentials.
    let mut authorization = ctx.unsafe_names.get("authorization").filter(|_| !allowed.contains("authorization"));
    // Engines disagree on `*` and `Authorization` without credentials: Chromium lets it through.
    let disputed = authorization.is_some() && star && !ctx.include;
    if disputed {
        ctx.differs.set(true);
        if ctx.star_covers_authorization {
            authorization = None;
            out.push(Finding::new(
                Code::CorsStarAuthorizationChromiumOnly,
                "`Access-Control-Allow-Headers` is `*`, which Chromium still lets cover `Authorization` (with a deprecation warning in the console), but Firefox and Safari follow the Fetch standard, where `*` never covers `Authorization`, and block the request",
            ));
        }
    }
    let others: Vec<&str> = ctx
        .unsafe_names
        .iter()
        .filter(|(lower, _)| lower.as_str() != "authorization" && !allowed.contains(*lower) && (ctx.include || !star))
        .map(|(_, u)| u.name.as_str())
        .collect();
    // One finding names every header the preflight does not allow, `Authorization` first.
    let missing: Vec<&str> = authorization.map(|u| u.name.as_str()).into_iter().chain(others.iter().copied()).collect();
    if missing.is_empty() {
        return;
    }
    let why = if star && !others.is_empty() {
        let authorization = if authorization.is_some() { " (and never covers `Authorization`)" } else { "" };
        format!("`Access-Control-Allow-Headers` is `*`, which covers nothing when the page sends credentials{authorization}")
    } else if star {
        "`Access-Control-Allow-Headers` is `*`, which never covers `Authorization` in the Fetch standard, Firefox and Safari (Chromium still allows it, with a deprecation warning): list it by name".to_string()
    } else if names.is_empty() {
        "`Access-Control-Allow-Headers` is missing or empty".to_string()
    } else {
        format!("`Access-Control-Allow-Headers` lists only {}", listed(names.iter().map(String::as_str)))
    };
    let noun = if missing.len() == 1 { "header" } else { "headers" };
    out.push(Finding::new(Code::CorsHeaderNotAllowed, format!("The preflight does not allow the request {noun} {}: {why}", listed(missing.iter().copied()))));
    if star && !others.is_empty() {
        out.push(Finding::new(
            Code::CorsWildcardWithCredentials,
            "`Access-Control-Allow-Headers` is `*` while the page sends credentials, so the browser takes it literally, as a header named `*`",
        ));
    }
}

/// `Vary: Origin` on a response whose `Access-Control-Allow-Origin` names one origin (Fetch §3.3.3
/// and the background section "CORS protocol and HTTP caches").
fn vary_rule(response: &Response, allowed: &str, out: &mut Vec<Finding>) {
    let vary: Vec<&str> = response.values("vary").flat_map(crate::grammar::list_elements).map(trim_http).collect();
    if vary.iter().any(|v| *v == "*" || v.eq_ignore_ascii_case("origin")) {
        return;
    }
    let has = if vary.iter().all(|v| v.is_empty()) {
        "there is no `Vary` header".to_string()
    } else {
        format!("`Vary` is only `{}`", shown(&response.get("vary").unwrap_or_default()))
    };
    out.push(Finding::new(
        Code::CorsNoVaryOrigin,
        format!(
            "`Access-Control-Allow-Origin` names `{}` but {has}: without `Vary: Origin` a cache may serve this answer to pages on other origins",
            shown(allowed)
        ),
    ));
}

/// Whether the page's code can read `WWW-Authenticate` on a 401 (Fetch §4.1 main fetch, the
/// CORS-exposed header-name list).
fn expose_rule(response: &Response, ctx: &Ctx, out: &mut Vec<Finding>) {
    if response.status != 401 || !response.has("www-authenticate") {
        return;
    }
    let why = match token_list(response, "access-control-expose-headers") {
        None => "there is no `Access-Control-Expose-Headers`".to_string(),
        Some(Err(_)) => format!(
            "`Access-Control-Expose-Headers` is `{}`, which cannot be parsed",
            shown(&response.get("access-control-expose-headers").unwrap_or_default())
        ),
        Some(Ok(names)) => {
            if names.iter().any(|n| n.eq_ignore_ascii_case("www-authenticate")) {
                return;
            }
            let star = names.iter().any(|n| n == "*");
            if star && !ctx.include {
                return;
            }
            if star {
                "`Access-Control-Expose-Headers` is `*`, which counts only for requests without credentials".to_string()
            } else {
                format!("`Access-Control-Expose-Headers` lists only {}", listed(names.iter().map(String::as_str)))
            }
        }
    };
    out.push(Finding::new(Code::CorsChallengeHidden, format!("The 401 carries `WWW-Authenticate`, but the page's code cannot read it: {why}")));
}

/// Applies the browser's CORS rules to one request and what the capture holds of its preflight
/// and its response. Never panics.
///
/// Not applicable: an unknown or unusable page origin, an unparsable or non-`http(s)` URL, a
/// same-origin request (none of these is CORS-checked), and a capture with neither response
/// (then `preflight_needed` and the `CORS010` finding still say what the browser would do). A
/// response with status 304 or 407 is not CORS-checked (Fetch §4.4 HTTP fetch).
///
/// A captured preflight is checked even when the request looks simple: the browser sent it, so
/// something the capture no longer shows (a header dropped by [`author_headers`], a cached
/// decision) made it needed. When a preflight is needed but was not captured, the method and
/// header lists of the response, if it has them, are checked as the preflight's would be; those
/// findings are predictions and count as warnings.
pub fn check(request: &Request, preflight: Option<&Response>, actual: Option<&Response>) -> Outcome {
    check_with(request, preflight, actual, &Options::default())
}

/// [`check`] for one engine, or for each where they disagree, and with what the caller knows of
/// the redirects before the request ([`Options`]).
pub fn check_with(request: &Request, preflight: Option<&Response>, actual: Option<&Response>, options: &Options) -> Outcome {
    let (standard, differs) = run(request, preflight, actual, options, false);
    if !differs {
        return standard;
    }
    let (chromium, _) = run(request, preflight, actual, options, true);
    let browsers = (chromium.verdict != standard.verdict)
        .then(|| Browser::ALL.into_iter().map(|b| (b, if b.star_covers_authorization() { chromium.verdict } else { standard.verdict })).collect());
    let mut out = match options.browser {
        Some(b) if b.star_covers_authorization() => chromium,
        Some(_) => standard,
        None => {
            let mut both = standard;
            if chromium.verdict != both.verdict {
                both.reason = format!(
                    "{}; Chromium's verdict is `{}` (choose one browser with `--browser` or the page's browser setting)",
                    both.reason,
                    chromium.verdict.as_str()
                );
            }
            both
        }
    };
    out.browsers = browsers;
    out
}

/// The checks, with Chromium's reading of the disputed rules or the Fetch standard's; also says
/// whether a disputed rule was met.
fn run(request: &Request, preflight: Option<&Response>, actual: Option<&Response>, options: &Options, chromium: bool) -> (Outcome, bool) {
    let outcome = |o: Outcome| (o, false);
    let Some(given) = request.origin else {
        return outcome(Outcome::not_applicable("The page's origin is not known: give it with --origin or the page's 'I am calling from' field"));
    };
    let origin = match normalize_origin(given) {
        Ok(origin) => origin,
        Err(why) => return outcome(Outcome::not_applicable(format!("The page's origin cannot be used: {why}"))),
    };
    let url = match request_url(request.url, &origin) {
        Ok(url) => url,
        Err(why) => return outcome(Outcome::not_applicable(why)),
    };
    // After a redirect that left the origin, even a request back to the page's own origin is
    // CORS-checked: the response tainting stays `cors`.
    if url.origin().ascii_serialization() == origin && options.tainted.is_none() {
        return outcome(Outcome::not_applicable(format!(
            "The request goes to the page's own origin `{origin}`, and same-origin requests are not CORS-checked"
        )));
    }
    let serialized = if options.tainted.is_some() { "null" } else { origin.as_str() };
    let ctx = Ctx {
        origin: serialized,
        page: &origin,
        tainted: options.tainted,
        star_covers_authorization: chromium,
        differs: std::cell::Cell::new(false),
        include: request.credentials == CredentialsMode::Include,
        method: normalize_method(request.method),
        unsafe_names: unsafe_names(request.headers),
    };
    let preflight_reasons = reasons(&ctx.method, &ctx.unsafe_names);
    let preflight_needed = !preflight_reasons.is_empty();
    let mut findings = Vec::new();
    if preflight_needed {
        let mut list: Vec<&str> = preflight_reasons.iter().take(LISTED).map(String::as_str).collect();
        let more = preflight_reasons.len().saturating_sub(LISTED);
        let more_text = format!("{more} more");
        if more > 0 {
            list.push(&more_text);
        }
        findings.push(Finding::new(
            Code::CorsPreflightNeeded,
            format!("The browser sends a preflight (`OPTIONS`) before this request, unless one is cached: {}", list.join("; ")),
        ));
    }
    // HAR files write status 0 for a request the browser blocked: no response was seen.
    let (preflight, actual) = (preflight.filter(|r| r.status >= 100).copied(), actual.filter(|r| r.status >= 100).copied());
    let mut examined = false;
    if let Some(p) = &preflight {
        examined = true;
        preflight_status(p.status, p, &mut findings);
        cors_check(Which::Preflight, p, &ctx, &mut findings);
        preflight_rules(p, &ctx, false, &mut findings);
    } else if let Some(a) = actual.as_ref().filter(|_| preflight_needed) {
        if a.has("access-control-allow-methods") || a.has("access-control-allow-headers") {
            preflight_rules(a, &ctx, true, &mut findings);
        }
    }
    let mut allowed = None;
    let mut skipped = None;
    if let Some(a) = &actual {
        if matches!(a.status, 304 | 407) {
            skipped = Some(a.status);
        } else {
            examined = true;
            allowed = cors_check(Which::Actual, a, &ctx, &mut findings);
            let single = a.values("access-control-allow-origin").collect::<Vec<_>>();
            if let [value] = single.as_slice() {
                if !matches!(*value, "*" | "null" | "") && !value.contains([',', ' ', '\t']) {
                    vary_rule(a, value, &mut findings);
                }
            }
            expose_rule(a, &ctx, &mut findings);
        }
    }

    let first_error = findings.iter().find(|f| f.severity == Severity::Error);
    let (verdict, reason) = match (first_error, examined) {
        (Some(f), _) => (Verdict::Fail, f.message.clone()),
        (None, false) => match skipped {
            Some(status) => (Verdict::NotApplicable, format!("No response to check: a {status} response is not CORS-checked, and no preflight was captured")),
            None => (Verdict::NotApplicable, "No response to check: the capture holds neither the preflight nor the response".to_string()),
        },
        (None, true) => (Verdict::Pass, pass_reason(&ctx, preflight.is_some(), allowed.as_deref(), skipped)),
    };
    (Outcome { verdict, reason, preflight_needed, preflight_reasons, findings, browsers: None }, ctx.differs.get())
}

/// The request URL, absolute; a URL starting with `/` is resolved against the page's origin.
fn request_url(text: &str, origin: &str) -> Result<Url, String> {
    let text = text.trim();
    let url = match Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) if text.starts_with('/') && origin != "null" => {
            Url::parse(origin).and_then(|base| base.join(text)).map_err(|e| format!("The request URL `{}` cannot be read: {e}", shown(text)))?
        }
        Err(e) => return Err(format!("The request URL `{}` cannot be read ({e}), so CORS cannot be judged", shown(text))),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("The request URL `{}` is not `http` or `https`, and CORS applies only to those", shown(text)));
    }
    Ok(url)
}

fn pass_reason(ctx: &Ctx, preflight: bool, allowed: Option<&str>, skipped: Option<u16>) -> String {
    let after = if preflight { ", after a preflight that allowed the request" } else { "" };
    match allowed {
        Some("*") => format!("The page can read the response: `Access-Control-Allow-Origin` is `*` and no credentials are sent{after}"),
        Some(value) => {
            let credentials = if ctx.include { " with `Access-Control-Allow-Credentials: true`" } else { "" };
            format!("The page can read the response: `Access-Control-Allow-Origin` is `{}`{credentials}{after}", shown(value))
        }
        None => match skipped {
            Some(status) => format!("The preflight allows the request, and a {status} response is not CORS-checked"),
            None => "The preflight allows the request; the response to it was not captured".to_string(),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The fix
// ---------------------------------------------------------------------------------------------

/// Whether a method or header name may be written into a snippet: letters, digits, `-`, `_`.
fn plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The method the preflight must allow, exactly as the browser sends it.
fn allowed_method(request: &Request) -> String {
    let method = normalize_method(request.method);
    if plain_name(&method) {
        method
    } else {
        "GET".into()
    }
}

/// The request headers the preflight must allow: `Authorization` first, then the other
/// CORS-unsafe author header names as the page writes them.
fn allowed_headers(request: &Request) -> String {
    let mut names = vec!["Authorization".to_string()];
    names.extend(unsafe_names(request.headers).into_iter().filter(|(lower, u)| lower != "authorization" && plain_name(&u.name)).map(|(_, u)| u.name));
    names.join(", ")
}

/// The CORS response headers this server should send for this request, in order: the exact
/// page origin in `Access-Control-Allow-Origin`, `Access-Control-Allow-Credentials: true` when
/// the page sends credentials, then — when the request needs a preflight — the method and
/// request headers (`Authorization` always among them) and `Access-Control-Max-Age`, then
/// `Access-Control-Expose-Headers: WWW-Authenticate` and `Vary: Origin`. The methods, headers
/// and max-age matter on the preflight answer, the exposed headers on the response itself;
/// sending them all on both is harmless. An unknown or `null` page origin is written as
/// `https://your-page.example`.
pub fn recommended_headers(request: &Request) -> Vec<(String, String)> {
    let origin = snippet_origin(request).unwrap_or_else(|| PLACEHOLDER_ORIGIN.to_string());
    let mut out = vec![("Access-Control-Allow-Origin".to_string(), origin)];
    if request.credentials == CredentialsMode::Include {
        out.push(("Access-Control-Allow-Credentials".into(), "true".into()));
    }
    let preflight = !reasons(&normalize_method(request.method), &unsafe_names(request.headers)).is_empty();
    if preflight {
        out.push(("Access-Control-Allow-Methods".into(), allowed_method(request)));
        out.push(("Access-Control-Allow-Headers".into(), allowed_headers(request)));
    }
    out.push(("Access-Control-Expose-Headers".into(), "WWW-Authenticate".into()));
    if preflight {
        out.push(("Access-Control-Max-Age".into(), RECOMMENDED_MAX_AGE.to_string()));
    }
    out.push(("Vary".into(), "Origin".into()));
    out
}

/// The first path segment of the request URL, as an nginx location prefix (`/v1/`), or `/`. A
/// URL without a scheme (`//api.example.com/v1/me` or `/v1/me`, as raw captures give it) is read
/// as a path too.
fn location_prefix(url: &str) -> String {
    let url = url.trim();
    let first = Url::parse(url)
        .or_else(|e| match url.starts_with('/') {
            true => Url::parse("https://host.invalid/").and_then(|base| base.join(url)),
            false => Err(e),
        })
        .ok()
        .and_then(|u| u.path_segments().and_then(|mut s| s.next().map(str::to_string)))
        .filter(|s| !s.is_empty() && !s.starts_with('.') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b)));
    match first {
        Some(segment) => format!("/{segment}/"),
        None => "/".into(),
    }
}

/// An nginx configuration for this request: an allow-list `map` of origins, and a `location`
/// block that answers `OPTIONS` with 204 and the CORS headers in the rewrite phase, before any
/// `auth_request` or `auth_basic` runs, and adds the headers with `always`, so 401s carry them
/// too, and passes `Authorization` on to the upstream.
pub fn nginx_snippet(request: &Request) -> String {
    let known = snippet_origin(request);
    let origin = known.clone().unwrap_or_else(|| PLACEHOLDER_ORIGIN.to_string());
    let include = request.credentials == CredentialsMode::Include;
    let credentials = if include { "\n        add_header Access-Control-Allow-Credentials true always;" } else { "" };
    let credentials_actual = if include { "\n    add_header Access-Control-Allow-Credentials true always;" } else { "" };
    let replace = if known.is_none() { " (replace the placeholder with the page's origin)" } else { "" };
    let hide_credentials = if include { "\n    proxy_hide_header Access-Control-Allow-Credentials;" } else { "" };
    format!(
        r#"# 1. In the http {{}} block: the origins allowed to call the API{replace}.
map $http_origin $cors_origin {{
    default "";
    "{origin}" $http_origin;
}}

# 2. In the API's server {{}} block (adjust the path to the API's prefix):
location {location} {{
    # A preflight never carries credentials, so answer it here: `if` and `return` run in the
    # rewrite phase, before auth_request and auth_basic, so OPTIONS never meets authentication.
    if ($request_method = OPTIONS) {{
        add_header Access-Control-Allow-Origin $cors_origin always;{credentials}
        add_header Access-Control-Allow-Methods "{methods}" always;
        add_header Access-Control-Allow-Headers "{headers}" always;
        add_header Access-Control-Max-Age {max_age} always;
        add_header Vary Origin always;
        return 204;
    }}

    # `always` adds the headers to 401s and other errors too, so the page can read them.
    add_header Access-Control-Allow-Origin $cors_origin always;{credentials_actual}
    add_header Access-Control-Expose-Headers WWW-Authenticate always;
    add_header Vary Origin always;
    # One layer sends the CORS headers: drop any the application adds itself.
    proxy_hide_header Access-Control-Allow-Origin;{hide_credentials}

    # Your authentication (auth_request, auth_basic, ...) stays here, after the OPTIONS branch.
    proxy_set_header Authorization $http_authorization;
    proxy_pass http://backend;  # your upstream
}}
"#,
        location = location_prefix(request.url),
        methods = allowed_method(request),
        headers = allowed_headers(request),
        max_age = RECOMMENDED_MAX_AGE,
    )
}

/// An Express middleware for this request, to be placed before the authentication middleware:
/// it checks `Origin` against an allow-list, sets the CORS headers (credentials only when the
/// page sends them) and answers `OPTIONS` with 204 without authentication.
pub fn express_snippet(request: &Request) -> String {
    let known = snippet_origin(request);
    let origin = known.clone().unwrap_or_else(|| PLACEHOLDER_ORIGIN.to_string());
    let replace = if known.is_none() { " (replace the placeholder with the page's origin)" } else { "" };
    let credentials = if request.credentials == CredentialsMode::Include { "\n    res.set('Access-Control-Allow-Credentials', 'true');" } else { "" };
    format!(
        r#"// The origins allowed to call the API{replace}.
const allowedOrigins = ['{origin}'];

function cors(req, res, next) {{
  const origin = req.get('Origin');
  res.vary('Origin');
  if (origin && allowedOrigins.includes(origin)) {{
    res.set('Access-Control-Allow-Origin', origin);{credentials}
    res.set('Access-Control-Allow-Methods', '{methods}');
    res.set('Access-Control-Allow-Headers', '{headers}');
    res.set('Access-Control-Expose-Headers', 'WWW-Authenticate');
    res.set('Access-Control-Max-Age', '{max_age}');
  }}
  // A preflight never carries credentials: answer it here, before any authentication.
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}}

app.use(cors);          // first,
app.use(authenticate);  // then your authentication middleware
"#,
        methods = allowed_method(request),
        headers = allowed_headers(request),
        max_age = RECOMMENDED_MAX_AGE,
    )
}

/// A value as a message quotes it: at most a few dozen characters, no backticks or controls.
fn shown(value: &str) -> String {
    crate::quote::shown(value, SHOWN_CHARS)
}

/// A sentence that follows a comma: its first letter in lower case (`The` → `the`).
fn lower_first(message: &str) -> String {
    crate::quote::lower_first(message)
}

/// A byte as a message names it: `0x22 ('"')` or `0x0a`.
fn describe_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("the byte 0x{b:02x} (`{}`)", b as char)
    } else {
        format!("the byte 0x{b:02x}")
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::PreflightRefused,
        meaning: "A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) was answered with a non-2xx status, such as 401, 403, a redirect, 404/405 or 5xx.",
        why: "Browsers never send credentials on a preflight, so a server that demands authentication there answers 401, and the browser then refuses to send the real request at all (Fetch, CORS-preflight fetch).",
        caller: "Nothing in the page's code can fix this; report it to the API owner with the preflight request and response.",
        owner: "Answer `OPTIONS` preflights before any authentication middleware, with 204 and the `Access-Control-Allow-Origin`, `-Methods`, `-Headers` (and `-Credentials` if needed) headers; make sure the preflight URL does not redirect.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsNoAllowOrigin,
        meaning: "Applying the browser's CORS check to a cross-origin call from the page's origin, the engine found no `Access-Control-Allow-Origin` on the preflight or on the actual response; for a 401, 403 or 5xx it notes that error responses often lack the CORS headers.",
        why: "Without this header the browser blocks the page from reading the response (Fetch, CORS check), so the page sees a generic CORS error; when the missing header is only on the 401, the real authentication error is hidden behind it.",
        caller: "Read the real status in the DevTools Network tab rather than the console's CORS error; the fix itself is on the server.",
        owner: "Send `Access-Control-Allow-Origin` with the page's exact origin on every response including 401, 403 and 5xx (nginx: `add_header ... always`; in frameworks, register the CORS middleware before authentication and error handlers).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsOriginMismatch,
        meaning: "`Access-Control-Allow-Origin` names an origin other than the page's origin; the message explains the difference (scheme, host, port, a trailing slash or path, or `null`).",
        why: "The browser compares the value with the request's `Origin` exactly; when they differ it refuses to expose the response, and the page reports a CORS error instead of the result.",
        caller: "Nothing the page can change other than being served from the allowed origin.",
        owner: "Echo the request's `Origin` when it is on the allow-list, written exactly as the browser sends it: scheme, host and port, no path and no trailing slash.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsSeveralOrigins,
        meaning: "`Access-Control-Allow-Origin` is sent more than once, or its single value contains several origins separated by commas or spaces.",
        why: "The header must hold exactly one origin or `*`; the browser reads repeated headers as one list and refuses it, so the response is blocked.",
        caller: "Nothing to change in the page; report it with the response headers.",
        owner: "Find the layers that add the header (application, reverse proxy, CDN) and keep only one; that layer should compare `Origin` with an allow-list and return that single origin.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsWildcardWithCredentials,
        meaning: "The page sends credentials (`credentials: 'include'` or `withCredentials`), and the preflight or response answers with the wildcard `*` in `Access-Control-Allow-Origin`, `-Methods` or `-Headers`.",
        why: "With credentials, the Fetch standard treats `*` as a literal value rather than a wildcard, so it matches no origin, method or header and the browser blocks the request or response.",
        caller: "If the call does not need cookies or HTTP authentication, drop `credentials: 'include'`; otherwise the server must change.",
        owner: "For credentialed requests, echo the exact origin and list methods and headers by name, together with `Access-Control-Allow-Credentials: true`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsCredentialsNotAllowed,
        meaning: "The page sends credentials, but `Access-Control-Allow-Credentials` is missing, has a value other than `true`, or is sent several times.",
        why: "For credentialed cross-origin requests the browser requires exactly `true` on the preflight and on the response; otherwise it blocks the response, so the page sees a CORS error.",
        caller: "If the call does not need credentials, remove `credentials: 'include'`; otherwise the server must change.",
        owner: "Return `Access-Control-Allow-Credentials: true`, once and in lower case, on the preflight and on the actual response (including 401s), together with the exact origin rather than `*`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsMethodNotAllowed,
        meaning: "The preflight response does not allow the request's method: `Access-Control-Allow-Methods` is missing or empty, lists other methods, differs in letter case, or uses `*` while credentials are sent.",
        why: "The browser stops after the preflight and never sends the actual request, so the API does not even see it.",
        caller: "Nothing to change in the page except using a method the API allows.",
        owner: "Add the method, spelled exactly as the page sends it, to `Access-Control-Allow-Methods` on the `OPTIONS` response; with credentials, list methods by name rather than `*`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsHeaderNotAllowed,
        meaning: "The preflight response does not allow one or more headers the page sets: `Access-Control-Allow-Headers` is missing or empty, lists others, or is `*`, which never covers `Authorization` and covers nothing with credentials.",
        why: "The browser aborts after the preflight, so the request with its `Authorization` header is never sent; the page sees a CORS error, and an API that logs only the preflight may look like it refused authentication.",
        caller: "Nothing to change in the page except not sending the header; the server must allow it.",
        owner: "Name every header the page sends in `Access-Control-Allow-Headers` on the preflight response, for example `Authorization, Content-Type`; do not rely on `*`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsChallengeHidden,
        meaning: "A cross-origin 401 carries `WWW-Authenticate`, but the header is not exposed to the page: `Access-Control-Expose-Headers` does not list it, or is `*` while credentials are sent.",
        why: "This does not cause the 401; it hides the server's reason from the page's code, which cannot read a non-safelisted response header unless it is exposed.",
        caller: "Read the challenge in the DevTools Network tab, where it is visible even when the page's code cannot see it.",
        owner: "Add `Access-Control-Expose-Headers: WWW-Authenticate` to responses for allowed origins.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsNoVaryOrigin,
        meaning: "`Access-Control-Allow-Origin` names a specific origin, but the response has no `Vary: Origin` (no `Vary`, or one without `Origin`).",
        why: "It does not cause a refusal directly; a cache or CDN may store the answer for one origin and serve it to a page on another origin, which the browser then blocks as a mismatch, giving intermittent CORS failures.",
        caller: "Nothing the caller can change; a hard refresh may temporarily avoid a cached answer.",
        owner: "Add `Vary: Origin` to every response whose CORS headers depend on the request's `Origin`, including 401s.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsPreflightNeeded,
        meaning: "The browser has to send a CORS preflight (`OPTIONS`) before this request, for reasons such as a non-simple method, an `Authorization` header, or a non-safelisted `Content-Type`; the note is dropped when the capture already holds the preflight.",
        why: "A preflight is normal and not a failure; it matters because the preflight carries no credentials, so a server that requires authentication on `OPTIONS` answers 401 and the real request is never sent.",
        caller: "Expect an `OPTIONS` request before this one in the Network tab; if it fails, look at that first.",
        owner: "Answer `OPTIONS` preflights without authentication, with 204 and the `Access-Control-Allow-*` headers; set `Access-Control-Max-Age` to reduce their number.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsNullOrigin,
        meaning: "`Access-Control-Allow-Origin` is `null`.",
        why: "It matches the opaque origin shared by sandboxed frames, `file:` pages and some redirects, so any page can claim it; for a normal page origin it does not match and the response is blocked.",
        caller: "Serve the page from a real origin (for example `http://localhost:port` instead of a `file:` URL).",
        owner: "Do not allow `null`; list real origins instead.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsPreflightUnreadable,
        meaning: "On the preflight response, `Access-Control-Allow-Methods` or `Access-Control-Allow-Headers` cannot be parsed as a comma-separated list of tokens.",
        why: "The browser cannot read the allowed list and refuses the whole preflight, so the actual request is never sent.",
        caller: "Nothing to change in the page.",
        owner: "Write both headers as comma-separated tokens, for example `Access-Control-Allow-Methods: GET, POST` and `Access-Control-Allow-Headers: Authorization, Content-Type`, without quotes or other separators.",
    },    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsTaintedOrigin,
        meaning: "The request reached this URL through a redirect from another origin than the page's, and the response allows the page's origin by name.",
        why: "Once a redirect leaves the origin, the browser sends `Origin: null` on the next request and compares `Access-Control-Allow-Origin` with `null`, so the page's own origin no longer matches and the response is blocked.",
        caller: "Call the URL the redirect leads to directly, so the request never crosses an origin on the way.",
        owner: "Avoid the cross-origin redirect (serve the resource at the first URL, or return its final address in the body); allowing `null` would let any sandboxed frame or local file read the response.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsStarAuthorizationChromiumOnly,
        meaning: "The preflight allows request headers with `Access-Control-Allow-Headers: *`, and the page sends `Authorization` without credentials mode `include`.",
        why: "The Fetch standard treats `Authorization` as a name `*` never covers. Firefox and Safari follow it and block the request; Chromium still lets it through with a deprecation warning, so the same page works in one browser and fails in others.",
        caller: "Nothing to change in the page; test it in Firefox or Safari to see the failure.",
        owner: "Send `Access-Control-Allow-Headers: Authorization, Content-Type` (every header the page sets, by name) instead of `*`.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn credentials_modes_parse_loosely_and_print_exactly() {
        assert_eq!(CredentialsMode::parse(" Include "), Some(CredentialsMode::Include));
        assert_eq!(CredentialsMode::parse("same-origin"), Some(CredentialsMode::SameOrigin));
        assert_eq!(CredentialsMode::parse("OMIT"), Some(CredentialsMode::Omit));
        assert_eq!(CredentialsMode::parse("true"), None);
        for m in [CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include] {
            assert_eq!(CredentialsMode::parse(m.as_str()), Some(m));
        }
    }

    #[test]
    fn methods_normalise_like_fetch() {
        assert_eq!(normalize_method("get"), "GET");
        assert_eq!(normalize_method("Put"), "PUT");
        assert_eq!(normalize_method("delete"), "DELETE");
        assert_eq!(normalize_method("patch"), "patch");
        assert_eq!(normalize_method("PATCH"), "PATCH");
        assert_eq!(normalize_method(""), "GET");
        assert!(is_safelisted_method("POST"));
        assert!(!is_safelisted_method("post"));
        assert!(!is_safelisted_method("PUT"));
    }

    #[test]
    fn tokens_and_bytes() {
        assert!(is_token("X-Api-Key"));
        assert!(is_token("*"));
        assert!(!is_token("GET PUT"));
        assert!(!is_token(""));
        assert!(is_unsafe_byte(b'"') && is_unsafe_byte(0x7f) && is_unsafe_byte(b'\n'));
        assert!(!is_unsafe_byte(b'\t') && !is_unsafe_byte(b';') && !is_unsafe_byte(b'='));
        assert_eq!(trim_http(" \tx \r\n"), "x");
    }

    #[test]
    fn mime_types_parse_to_their_essence() {
        assert_eq!(mime_essence("text/plain;charset=utf-8").as_deref(), Some("text/plain"));
        assert_eq!(mime_essence(" Text/Plain ; x").as_deref(), Some("text/plain"));
        assert_eq!(mime_essence("application/json").as_deref(), Some("application/json"));
        assert_eq!(mime_essence("text"), None);
        assert_eq!(mime_essence("/plain"), None);
        assert_eq!(mime_essence("text/"), None);
        assert_eq!(mime_essence("tëxt/plain"), None);
    }

    #[test]
    fn simple_ranges() {
        for ok in ["bytes=0-", "bytes=0-499", "bytes=500-500", "bytes=00012-13", "bytes=99999999999999999999999-99999999999999999999999"] {
            assert!(is_simple_range(ok), "{ok}");
        }
        for bad in ["bytes=-500", "bytes=10-5", "bytes = 0-1", "bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=", "bytes=0", "bytes=100000000000000000000-2"]
        {
            assert!(!is_simple_range(bad), "{bad}");
        }
        assert!(digits_greater("10", "9"));
        assert!(!digits_greater("009", "10"));
    }

    #[test]
    fn forbidden_request_headers() {
        for name in ["Cookie", "origin", "Sec-Fetch-Mode", "Proxy-Authorization", "Content-Length", "DNT", "Via"] {
            assert!(is_forbidden_request_header(name, "x"), "{name}");
        }
        assert!(is_forbidden_request_header("X-HTTP-Method-Override", "get, trace"));
        assert!(!is_forbidden_request_header("X-HTTP-Method-Override", "PATCH"));
        assert!(!is_forbidden_request_header("Authorization", "Bearer x"));
    }

    #[test]
    fn safelisted_request_headers_follow_their_value_rules() {
        assert!(is_safelisted_request_header("Accept", "application/json"));
        assert!(!is_safelisted_request_header("Accept", &"a".repeat(129)));
        assert!(is_safelisted_request_header("Accept", &"a".repeat(128)));
        assert!(!is_safelisted_request_header("Accept", "text/(x)"));
        assert!(is_safelisted_request_header("Accept-Language", "en-US,en;q=0.9"));
        assert!(!is_safelisted_request_header("Content-Language", "en_US"));
        assert!(is_safelisted_request_header("content-type", "text/plain;charset=utf-8"));
        assert!(!is_safelisted_request_header("Content-Type", "text/plain; charset=\"utf-8\""));
        assert!(!is_safelisted_request_header("Content-Type", "application/json"));
        assert!(!is_safelisted_request_header("Content-Type", "nonsense"));
        assert!(is_safelisted_request_header("Range", "bytes=0-99"));
        assert!(!is_safelisted_request_header("Authorization", "Bearer x"));
        assert!(!is_safelisted_request_header("X-Requested-With", "XMLHttpRequest"));
    }

    #[test]
    fn the_safelisted_total_is_limited() {
        let long = "a".repeat(120);
        let many: Vec<(String, String)> = (0..9).map(|_| ("Accept".to_string(), long.clone())).collect();
        let reasons = needs_preflight("GET", &many);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(reasons[0].contains("1080 bytes together"), "{reasons:?}");
        assert!(needs_preflight("GET", &many[..8]).is_empty());
    }

    #[test]
    fn preflight_reasons_name_the_method_and_each_header_once() {
        let headers = h(&[("Authorization", "Bearer x"), ("authorization", "Bearer y"), ("Content-Type", "application/json"), ("Cookie", "a=b")]);
        let reasons = needs_preflight("put", &headers);
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].contains("`PUT`"));
        assert!(reasons[1].contains("`Authorization` is never CORS-safelisted"));
        assert!(reasons[2].contains("`Content-Type: application/json`"));
        assert!(needs_preflight("get", &h(&[("Accept", "*/*"), (":authority", "x"), ("Origin", "https://a")])).is_empty());
    }

    #[test]
    fn origins_normalise() {
        assert_eq!(normalize_origin("https://App.Example.com/").as_deref(), Ok("https://app.example.com"));
        assert_eq!(normalize_origin("https://a.example:443/x?y#z").as_deref(), Ok("https://a.example"));
        assert_eq!(normalize_origin("http://a.example:8080").as_deref(), Ok("http://a.example:8080"));
        assert_eq!(normalize_origin(" NULL ").as_deref(), Ok("null"));
        assert_eq!(normalize_origin("file:///home/me/page.html").as_deref(), Ok("null"));
        assert_eq!(normalize_origin("https://bücher.example").as_deref(), Ok("https://xn--bcher-kva.example"));
        assert_eq!(normalize_origin("http://[::1]:8080/").as_deref(), Ok("http://[::1]:8080"));
        let no_scheme = normalize_origin("app.example.com:8443").unwrap_err();
        assert!(no_scheme.contains("`https://app.example.com:8443`"), "{no_scheme}");
        // A long text is not quoted back three times.
        let long = normalize_origin(&"a".repeat(2000)).unwrap_err();
        assert!(long.len() < 200, "{} characters: {long}", long.len());
        for bad in [
            "",
            "ftp://a.example",
            "https://a\"b.example",
            "https://a$b.example",
            "https://a;b.example",
            "https://a.example\n;{",
            "https://a{b}.example",
            "https://",
        ] {
            assert!(normalize_origin(bad).is_err(), "{bad:?}");
        }
        assert_eq!(origin_of("https://a.example:443/x").as_deref(), Some("https://a.example"));
        assert_eq!(origin_of("data:text/plain,x"), None);
        assert_eq!(origin_of("not a url"), None);
    }

    #[test]
    fn mismatches_are_explained() {
        let o = "https://app.example.com";
        assert_eq!(explain_mismatch("https://app.example.com/", o), "a trailing slash");
        assert!(explain_mismatch("https://App.example.com", o).contains("letter case"));
        assert!(explain_mismatch("http://app.example.com", o).contains("scheme `http`"));
        assert!(explain_mismatch("https://app.example.com:8443", o).contains("port 8443 instead of 443"));
        assert!(explain_mismatch("https://api.example.com", o).contains("host `api.example.com`"));
        assert!(explain_mismatch("https://app.example.com/app", o).contains("a path `/app`"));
        assert!(explain_mismatch("https://app.example.com:443", o).contains("default port"));
        assert!(explain_mismatch("app.example.com", o).contains("no scheme"));
        assert!(explain_mismatch("https://App.example.com/", o).contains("trailing slash"));
        assert!(explain_mismatch("https://x.example", "null").contains("`null`"));
    }

    #[test]
    fn lists_of_tokens() {
        let headers = h(&[("Access-Control-Allow-Methods", "GET, ,PUT"), ("access-control-allow-methods", "DELETE")]);
        let r = Response { status: 204, headers: &headers };
        assert_eq!(token_list(&r, "access-control-allow-methods"), Some(Ok(vec!["GET".into(), "PUT".into(), "DELETE".into()])));
        assert_eq!(token_list(&r, "access-control-allow-headers"), None);
        let bad = h(&[("Access-Control-Allow-Methods", "GET PUT")]);
        let r = Response { status: 204, headers: &bad };
        assert_eq!(token_list(&r, "access-control-allow-methods"), Some(Err("GET PUT".into())));
    }

    #[test]
    fn author_headers_keep_what_the_page_set() {
        let captured = h(&[
            (":method", "GET"),
            ("Host", "api.example.com"),
            ("User-Agent", "Mozilla/5.0"),
            ("Authorization", "Bearer x"),
            ("Sec-Fetch-Mode", "cors"),
            ("Accept", "application/json"),
            ("Cookie", "a=b"),
            ("Pragma", "no-cache"),
            ("Cache-Control", "no-cache"),
            ("X-Api-Key", "k"),
            ("Priority", "u=1, i"),
            ("If-None-Match", "\"x\""),
            ("Referer", "https://app.example.com/"),
        ]);
        let names: Vec<String> = author_headers(&captured).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Authorization", "Accept", "X-Api-Key"]);
    }

    #[test]
    fn shown_values_are_short_and_plain() {
        assert_eq!(shown("abc"), "abc");
        assert_eq!(shown("a`b\nc"), "a'b?c");
        let long = shown(&"é".repeat(100));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 1);
        assert!(long.ends_with('…'));
        assert_eq!(describe_byte(b'"'), "the byte 0x22 (`\"`)");
        assert_eq!(describe_byte(b'\n'), "the byte 0x0a");
        assert_eq!(listed(["a", "b", "c"].into_iter()), "`a`, `b` and `c`");
        assert_eq!(listed(["a"].into_iter()), "`a`");
    }

    #[test]
    fn location_prefixes_are_plain() {
        assert_eq!(location_prefix("https://api.example.com/v1/users/42"), "/v1/");
        assert_eq!(location_prefix("https://api.example.com/"), "/");
        assert_eq!(location_prefix("https://api.example.com/a;b{c}/x"), "/");
        assert_eq!(location_prefix("https://api.example.com/$x/"), "/");
        assert_eq!(location_prefix("nonsense"), "/");
        assert_eq!(location_prefix("//api.example.com/v1/me"), "/v1/");
        assert_eq!(location_prefix("/v1/me"), "/v1/");
        assert_eq!(location_prefix("//api.example.com/a;b/x"), "/");
    }
}
