//! The report: everything the engine found, in the `why401.report/1` shape that the page, the
//! CLI and other tools read.

use crate::checklist::{ChecklistEntry, StepId};
use crate::findings::{Finding, Severity};
use crate::jose::key::{CertInfo, Key};
use crate::secret::Secret;
use serde::Serialize;

/// The schema name written into every JSON report.
pub const SCHEMA: &str = "why401.report/1";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub now: i64,
    pub skew: u64,
    /// The page origin the caller gave, for CORS and `SameSite`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The credentials mode the caller gave for requests that do not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<&'static str>,
    pub inputs: Vec<InputSummary>,
    /// The keys the caller supplied, as read.
    pub keys: Vec<KeySummary>,
    /// `Authorization` headers found in the input.
    pub authorization: Vec<AuthorizationSummary>,
    pub tokens: Vec<TokenReport>,
    /// The cookies of `Cookie` and `Set-Cookie` lines pasted on their own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<CookieEntry>,
    pub exchanges: Vec<Exchange>,
    /// Commands that reproduce the diagnosed request and server configuration for the fix,
    /// built from the evidence; secrets are placeholders unless the caller asked otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<Snippet>,
    pub findings: Vec<Finding>,
    pub checklist: Vec<ChecklistEntry>,
}

impl Report {
    /// The most severe finding's severity, if there is any finding.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    pub fn has_errors(&self) -> bool {
        self.worst() == Some(Severity::Error)
    }
}

/// What kind of thing an input is. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Jwt,
    Jwe,
    Authorization,
    Cookie,
    SetCookie,
    WwwAuthenticate,
    HttpRequest,
    HttpResponse,
    Curl,
    Fetch,
    Har,
    /// An OAuth 2.0 / OpenID Connect authorization request URL.
    AuthorizeUrl,
    /// A token request (`grant_type=...` form body, or a curl command that sends one).
    TokenRequest,
    Unknown,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Jwt => "jwt",
            InputKind::Jwe => "jwe",
            InputKind::Authorization => "authorization",
            InputKind::Cookie => "cookie",
            InputKind::SetCookie => "set-cookie",
            InputKind::WwwAuthenticate => "www-authenticate",
            InputKind::HttpRequest => "http-request",
            InputKind::HttpResponse => "http-response",
            InputKind::Curl => "curl",
            InputKind::Fetch => "fetch",
            InputKind::Har => "har",
            InputKind::AuthorizeUrl => "authorize-url",
            InputKind::TokenRequest => "token-request",
            InputKind::Unknown => "unknown",
        }
    }
}

/// One thing recognised in the pasted text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputSummary {
    pub kind: InputKind,
    pub summary: String,
    /// The 1-based line of the pasted text where it starts.
    pub line: usize,
}

/// The verdict of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Pass,
    Fail,
    Warn,
    Skip,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Warn => "warn",
            CheckStatus::Skip => "skip",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub status: CheckStatus,
    pub message: String,
}

impl Check {
    pub fn new(status: CheckStatus, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }
}

/// The checks of one token, by name. The names are part of the JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenChecks {
    pub signature: Check,
    pub exp: Check,
    pub nbf: Check,
    pub iat: Check,
    pub aud: Check,
    pub iss: Check,
    pub scope: Check,
}

impl TokenChecks {
    /// The checks as (name, check) pairs, in display order.
    pub fn iter(&self) -> [(&'static str, &Check); 7] {
        [
            ("signature", &self.signature),
            ("exp", &self.exp),
            ("nbf", &self.nbf),
            ("iat", &self.iat),
            ("aud", &self.aud),
            ("iss", &self.iss),
            ("scope", &self.scope),
        ]
    }
}

/// The checklist step a token check belongs to.
pub fn check_step(check: &str) -> StepId {
    match check {
        "signature" => StepId::TokenSignature,
        "aud" | "iss" => StepId::TokenAudience,
        "scope" => StepId::TokenScope,
        _ => StepId::TokenExpiry,
    }
}

/// Whether a token is signed (JWS) or encrypted (JWE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenForm {
    Jws,
    Jwe,
}

/// A time claim, shown as the report words it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeClaim {
    pub claim: &'static str,
    /// Seconds since 1970 (a fractional NumericDate is cut to whole seconds).
    pub value: i64,
    pub utc: String,
    pub relative: String,
}

/// One decoded token.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenReport {
    /// Which entry of `Report::inputs` the token came from.
    pub input: usize,
    pub form: TokenForm,
    /// The whole token, redacted when serialised.
    pub token: Secret,
    /// The token's dot-separated parts as they were sent (never serialised: the page shows them
    /// to the person who pasted them, nothing else does).
    #[serde(skip)]
    pub parts: Vec<Secret>,
    /// The decoded header, or `null` when it could not be read.
    pub header: serde_json::Value,
    /// The decoded claims, or `null` when they could not be read (or are encrypted).
    pub payload: serde_json::Value,
    pub checks: TokenChecks,
    pub times: Vec<TimeClaim>,
    /// The certificates of the header's `x5c` chain, leaf first, as far as they could be read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub x5c: Vec<CertInfo>,
}

/// An `Authorization` header; a Basic password is held as a secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorizationSummary {
    /// Which entry of `Report::inputs` it is.
    pub input: usize,
    pub scheme: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
}

/// A supplied key, without its secret parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeySummary {
    pub origin: String,
    /// `RSA 2048-bit`, `EC P-256`, `Ed25519`, `HMAC secret (32 bytes)`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub key_use: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertInfo>,
}

impl KeySummary {
    pub fn of(key: &Key) -> Self {
        Self {
            origin: key.origin.clone(),
            kind: key.material.describe(),
            kid: key.kid.clone(),
            alg: key.alg.clone(),
            key_use: key.key_use.clone(),
            certificate: key.certificate.clone(),
        }
    }
}

/// A ready-to-copy snippet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// `curl`, `httpie`, `fetch`, `nginx`, `express`, ...
    pub id: String,
    pub title: String,
    /// The language for display (`bash`, `javascript`, `nginx`).
    pub language: String,
    pub text: String,
}

/// One cookie of a pasted `Cookie` or `Set-Cookie` line; the value is a secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CookieEntry {
    /// Which entry of `Report::inputs` it is in.
    pub input: usize,
    pub name: String,
    pub value: Secret,
    /// `true` for a `Set-Cookie` line.
    pub set: bool,
    /// A `Set-Cookie` line's attributes as read (`Path=/`, `Secure`, `SameSite=Lax`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<String>,
}

/// One request and its response, as far as the input shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exchange {
    pub request: ExchangeRequest,
    pub status: Option<u16>,
    /// Ids the server's operators can look the exchange up by.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_ids: Vec<RequestId>,
    /// The request's credentials mode (`include`, `same-origin`, `omit`) where the input says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    pub cookies: ExchangeCookies,
    pub cors: Cors,
    /// Why this exchange deserves a look, when it does (a refusal, a failed preflight, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<ExchangeFlag>,
    /// Where the response redirects to (`Location`, resolved against the request's URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
    /// The exchange whose redirect this request followed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows: Option<usize>,
    /// When the request started, as the capture wrote it (HAR `startedDateTime`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    /// How long the exchange took, in milliseconds (HAR `time`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<f64>,
    /// Why no response arrived, as the capture says (HAR `_error`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What makes an exchange worth diagnosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExchangeFlag {
    /// 401 Unauthorized.
    Unauthorized,
    /// 403 Forbidden.
    Forbidden,
    /// 407 Proxy Authentication Required.
    ProxyAuth,
    /// 429 Too Many Requests.
    Throttled,
    /// A redirect to a sign-in page.
    LoginRedirect,
    /// A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) that did not succeed.
    FailedPreflight,
    /// The browser got no response (blocked, or the connection failed).
    NoResponse,
}

impl ExchangeFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            ExchangeFlag::Unauthorized => "unauthorized",
            ExchangeFlag::Forbidden => "forbidden",
            ExchangeFlag::ProxyAuth => "proxy-auth",
            ExchangeFlag::Throttled => "throttled",
            ExchangeFlag::LoginRedirect => "login-redirect",
            ExchangeFlag::FailedPreflight => "failed-preflight",
            ExchangeFlag::NoResponse => "no-response",
        }
    }
}

/// The cookies of an exchange: the `Cookie` header sent, and the one a browser would have sent
/// given the `Set-Cookie` responses before it (`null` when there is nothing to say).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExchangeCookies {
    #[serde(serialize_with = "redacted_cookie_header")]
    pub sent: Option<Secret>,
    #[serde(serialize_with = "redacted_cookie_header")]
    pub expected: Option<Secret>,
}

/// A `Cookie` header with its names kept and each value redacted (`sid=sha256:…; theme=…`);
/// an empty header stays empty.
pub fn redact_cookie_header(header: &str) -> String {
    let (pairs, _) = crate::cookie::parse_cookie_header(header);
    let shown: Vec<String> = pairs
        .iter()
        .map(|p| {
            let value = if p.value.is_empty() { String::new() } else { Secret::new(p.value.clone()).redacted() };
            if p.name.is_empty() {
                value
            } else {
                format!("{}={value}", p.name)
            }
        })
        .collect();
    shown.join("; ")
}

fn redacted_cookie_header<S: serde::Serializer>(header: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match header {
        Some(h) => serializer.serialize_str(&redact_cookie_header(h.expose())),
        None => serializer.serialize_none(),
    }
}

/// Whether the browser's CORS check lets the page read the response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cors {
    pub verdict: CorsVerdict,
    pub reason: String,
    /// For a failing exchange: what the server should send, and configuration that does it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<CorsFix>,
}

/// The response headers a server should send for a request to pass CORS, and nginx and Express
/// configuration that sends them (credentials on, the exact origin, `OPTIONS` answered without
/// authentication).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorsFix {
    pub headers: Vec<HeaderLine>,
    pub nginx: String,
    pub express: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderLine {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorsVerdict {
    Pass,
    Fail,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestId {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExchangeRequest {
    pub method: String,
    pub url: String,
}
