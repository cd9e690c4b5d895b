//! The report: everything the engine found, in the `why401.report/1` shape that the page, the
//! CLI and other tools read.

use crate::checklist::ChecklistEntry;
use crate::findings::{Finding, Severity};
use crate::jose::key::{CertInfo, Key};
use crate::secret::Secret;
use crate::steps::StepId;
use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema name written into every JSON report.
pub const SCHEMA: &str = "why401.report/1";

/// `&'static str`, for fields that hold one of a few known texts. Spelled as an alias so that
/// `#[derive(Deserialize)]` does not take the field for text borrowed from the input (which
/// would make the report readable only from `'static` input); each such field names its own
/// `deserialize_with`, which maps what it reads to the known static text.
type Known = &'static str;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    #[serde(deserialize_with = "schema")]
    pub schema: Known,
    pub now: i64,
    pub skew: u64,
    /// The page origin the caller gave, for CORS and `SameSite`, as a browser writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Why the origin the caller gave is not one (it is then not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_error: Option<String>,
    /// The credentials mode the caller gave for requests that do not say.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "credentials_mode")]
    pub credentials: Option<Known>,
    /// What was left out of the origin the caller gave (a path, a query), when something was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_note: Option<String>,
    /// Which browser's rules the cookie and CORS verdicts follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged_for: Option<JudgedFor>,
    pub inputs: Vec<InputSummary>,
    /// The keys the caller supplied, as read.
    pub keys: Vec<KeySummary>,
    /// `Authorization` headers found in the input.
    pub authorization: Vec<AuthorizationSummary>,
    pub tokens: Vec<TokenReport>,
    /// DPoP proofs (RFC 9449) and how each compares with the request it rode on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proofs: Vec<ProofReport>,
    /// The cookies of `Cookie` and `Set-Cookie` lines pasted on their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<CookieEntry>,
    pub exchanges: Vec<Exchange>,
    /// Commands that reproduce the diagnosed request and server configuration for the fix,
    /// built from the evidence; secrets are placeholders unless the caller asked otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<Snippet>,
    pub findings: Vec<Finding>,
    pub checklist: Vec<ChecklistEntry>,
    /// The long explanation of each code among the findings. Empty in the JSON report (see
    /// `docs/codes.md`); the page's worker fills it with [`crate::docs::explain`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<crate::findings::Explanation>,
}

/// Reads the schema name, which must be this build's [`SCHEMA`].
fn schema<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(deserializer)?;
    if name == SCHEMA {
        Ok(SCHEMA)
    } else {
        Err(D::Error::custom(format!("the report's schema is {name:?}; this build reads {SCHEMA:?}")))
    }
}

/// Reads a credentials mode name (`omit`, `same-origin`, `include`).
fn credentials_mode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<&'static str>, D::Error> {
    let Some(name) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    crate::context::CredentialsMode::parse(&name)
        .map(crate::context::CredentialsMode::as_str)
        .filter(|mode| *mode == name)
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("unknown credentials mode {name:?}")))
}

impl Report {
    /// The most severe finding's severity, if there is any finding.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The report as JSON (the `why401.report/1` contract). Secrets are redacted unless
    /// `reveal` is set, when every secret the report holds is written in full: tokens, cookie
    /// values, Basic passwords, `Cookie` headers, whatever field holds a [`crate::Secret`].
    pub fn to_json(&self, reveal: bool) -> Result<serde_json::Value, serde_json::Error> {
        if reveal {
            crate::secret::revealing_json(|| serde_json::to_value(self))
        } else {
            serde_json::to_value(self)
        }
    }

    /// A report with nothing found, at the caller's time and skew (the page shows one while
    /// the engine works).
    pub fn empty(ctx: &crate::Context) -> Report {
        Report {
            schema: SCHEMA,
            now: ctx.now,
            skew: ctx.skew,
            origin: ctx.origin.clone(),
            origin_error: None,
            credentials: ctx.credentials.map(|c| c.as_str()),
            origin_note: None,
            judged_for: None,
            inputs: Vec::new(),
            keys: Vec::new(),
            authorization: Vec::new(),
            tokens: Vec::new(),
            proofs: Vec::new(),
            cookies: Vec::new(),
            exchanges: Vec::new(),
            snippets: Vec::new(),
            findings: Vec::new(),
            checklist: Vec::new(),
            explanations: Vec::new(),
        }
    }
}

/// What kind of thing an input is. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// A log line, exception or console message from the catalogue of known messages.
    Message,
    /// Decoded token claims pasted as JSON, without the token.
    Claims,
    /// A DPoP proof (RFC 9449), from a `DPoP` header or pasted alone.
    DpopProof,
    /// Configuration (a web server, a Kubernetes Secret, a shell command) with a known mistake.
    Config,
    /// Protected-resource metadata (RFC 9728) or server metadata (RFC 8414, OpenID Connect
    /// Discovery) pasted as JSON.
    Metadata,
    /// A client certificate, for certificate-bound tokens (RFC 8705).
    ClientCert,
    /// A token endpoint response: a token, or an error (RFC 6749 §5).
    TokenResponse,
    /// An introspection response (RFC 7662 §2.2).
    IntrospectionResponse,
    /// A JWK pasted with the rest of the input (its key verifies the tokens).
    Jwk,
    /// A JWK Set pasted with the rest of the input.
    Jwks,
    /// A PEM public key, private key or certificate pasted with the rest of the input.
    Pem,
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
            InputKind::Message => "message",
            InputKind::Claims => "claims",
            InputKind::DpopProof => "dpop-proof",
            InputKind::Config => "config",
            InputKind::Metadata => "metadata",
            InputKind::ClientCert => "client-cert",
            InputKind::TokenResponse => "token-response",
            InputKind::IntrospectionResponse => "introspection-response",
            InputKind::Jwk => "jwk",
            InputKind::Jwks => "jwks",
            InputKind::Pem => "pem",
            InputKind::Unknown => "unknown",
        }
    }
}

/// One thing recognised in the pasted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputSummary {
    pub kind: InputKind,
    pub summary: String,
    /// The 1-based line of the pasted text where it starts.
    pub line: usize,
    /// Where on its line the recognised fragment is, as byte offsets from the line's start
    /// `[start, end)`, when it is a part of the line (a token inside a log line, a catalogued
    /// message, a header value); `None` when it is the whole line or spans several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<(usize, usize)>,
}

/// The verdict of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// The checks of one DPoP proof, by name. The names are part of the JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofChecks {
    pub typ: Check,
    pub alg: Check,
    pub jwk: Check,
    pub signature: Check,
    pub htm: Check,
    pub htu: Check,
    pub iat: Check,
    pub jti: Check,
    pub ath: Check,
    pub jkt: Check,
    pub nonce: Check,
}

impl ProofChecks {
    /// The checks as (name, check) pairs, in display order.
    pub fn iter(&self) -> [(&'static str, &Check); 11] {
        [
            ("typ", &self.typ),
            ("alg", &self.alg),
            ("jwk", &self.jwk),
            ("signature", &self.signature),
            ("htm", &self.htm),
            ("htu", &self.htu),
            ("iat", &self.iat),
            ("jti", &self.jti),
            ("ath", &self.ath),
            ("jkt", &self.jkt),
            ("nonce", &self.nonce),
        ]
    }
}

/// One DPoP proof and its checks. Every check feeds the `sender-constraint` step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofReport {
    /// Which entry of `Report::inputs` the proof came from.
    pub input: usize,
    /// The proof as sent, redacted when serialised.
    pub proof: Secret,
    /// The decoded header, or `null` when it could not be read.
    pub header: serde_json::Value,
    /// The decoded claims, or `null` when they could not be read.
    pub payload: serde_json::Value,
    /// The RFC 7638 thumbprint of the proof's `jwk`, when it has one.
    pub jkt: Option<String>,
    /// The request the proof rode on (`GET https://…`), when the input shows it.
    pub request: Option<String>,
    pub checks: ProofChecks,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenForm {
    Jws,
    Jwe,
}

/// The names a [`TimeClaim`] can have (those `jwt::time::check` reports).
const TIME_CLAIMS: [&str; 4] = ["exp", "nbf", "iat", "auth_time"];

/// A time claim, shown as the report words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeClaim {
    /// `exp`, `nbf`, `iat` or `auth_time`.
    #[serde(deserialize_with = "time_claim")]
    pub claim: Known,
    /// Seconds since 1970 (a fractional NumericDate is cut to whole seconds).
    pub value: i64,
    pub utc: String,
    pub relative: String,
}

/// Reads the name of a time claim, one of [`TIME_CLAIMS`].
fn time_claim<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(deserializer)?;
    TIME_CLAIMS.into_iter().find(|claim| *claim == name).ok_or_else(|| D::Error::custom(format!("unknown time claim {name:?}")))
}

/// One decoded token.
///
/// Serialised by hand: `parts` never goes into JSON, and into the binary transfer form only when
/// it is not simply the token split at its dots (the engine always makes it so); deserialising
/// splits the token again when `parts` is absent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "TokenFields")]
pub struct TokenReport {
    /// Which entry of `Report::inputs` the token came from.
    pub input: usize,
    pub form: TokenForm,
    /// The whole token, redacted when serialised.
    pub token: Secret,
    /// The token's dot-separated parts as they were sent (never in JSON: the page shows them to
    /// the person who pasted them, nothing else does).
    pub parts: Vec<Secret>,
    /// The decoded header, or `null` when it could not be read.
    pub header: serde_json::Value,
    /// The decoded claims, or `null` when they could not be read (or are encrypted).
    pub payload: serde_json::Value,
    pub checks: TokenChecks,
    pub times: Vec<TimeClaim>,
    /// The certificates of the header's `x5c` chain, leaf first, as far as they could be read.
    pub x5c: Vec<CertInfo>,
}

impl TokenReport {
    /// Whether `parts` is the token split at its dots, as the engine makes it.
    fn parts_are_the_token_split(&self) -> bool {
        self.parts.iter().map(Secret::expose).eq(self.token.expose().split('.'))
    }
}

impl Serialize for TokenReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let with_parts = crate::secret::reveal_to(&serializer) && !self.parts_are_the_token_split();
        let fields = 7_usize.saturating_add(usize::from(with_parts)).saturating_add(usize::from(!self.x5c.is_empty()));
        let mut s = serializer.serialize_struct("TokenReport", fields)?;
        s.serialize_field("input", &self.input)?;
        s.serialize_field("form", &self.form)?;
        s.serialize_field("token", &self.token)?;
        if with_parts {
            s.serialize_field("parts", &self.parts)?;
        } else {
            s.skip_field("parts")?;
        }
        s.serialize_field("header", &self.header)?;
        s.serialize_field("payload", &self.payload)?;
        s.serialize_field("checks", &self.checks)?;
        s.serialize_field("times", &self.times)?;
        if self.x5c.is_empty() {
            s.skip_field("x5c")?;
        } else {
            s.serialize_field("x5c", &self.x5c)?;
        }
        s.end()
    }
}

/// A [`TokenReport`] as written: `parts` only when they are not the token split at its dots.
#[derive(Deserialize)]
struct TokenFields {
    input: usize,
    form: TokenForm,
    token: Secret,
    parts: Option<Vec<Secret>>,
    header: serde_json::Value,
    payload: serde_json::Value,
    checks: TokenChecks,
    times: Vec<TimeClaim>,
    #[serde(default)]
    x5c: Vec<CertInfo>,
}

impl From<TokenFields> for TokenReport {
    fn from(t: TokenFields) -> Self {
        let parts = t.parts.unwrap_or_else(|| t.token.expose().split('.').map(Secret::new).collect());
        TokenReport { input: t.input, form: t.form, token: t.token, parts, header: t.header, payload: t.payload, checks: t.checks, times: t.times, x5c: t.x5c }
    }
}

/// An `Authorization` header; a Basic password is held as a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationSummary {
    /// Which entry of `Report::inputs` it is.
    pub input: usize,
    pub scheme: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The credentials were sent in `Proxy-Authorization`, for a proxy.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proxy: bool,
}

/// A supplied key, without its secret parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    /// `curl`, `httpie`, `fetch`, `nginx`, `express`, ...
    pub id: String,
    pub title: String,
    /// The language for display (`bash`, `javascript`, `nginx`).
    pub language: String,
    pub text: String,
}

/// One cookie of a pasted `Cookie` or `Set-Cookie` line; the value is a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CookieEntry {
    /// Which entry of `Report::inputs` it is in.
    pub input: usize,
    pub name: String,
    pub value: Secret,
    /// `true` for a `Set-Cookie` line.
    pub set: bool,
    /// A `Set-Cookie` line's attributes as read (`Path=/`, `Secure`, `SameSite=Lax`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<String>,
}

/// One request and its response, as far as the input shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    pub request: ExchangeRequest,
    pub status: Option<u16>,
    /// Ids the server's operators can look the exchange up by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
/// given the `Set-Cookie` responses before it (`null` when there is nothing to say). In JSON each
/// value is redacted; the binary transfer form carries the headers as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExchangeCookies {
    #[serde(serialize_with = "redacted_cookie_header")]
    pub sent: Option<Secret>,
    #[serde(serialize_with = "redacted_cookie_header")]
    pub expected: Option<Secret>,
    /// The credentials mode the replay judged the request by, where it matters for cookies (a
    /// cross-origin call): `include`, `same-origin` or `omit` as the input or the caller says,
    /// or, read from the capture, `include` or `without` (`same-origin` or `omit`: they cannot
    /// be told apart on a cross-origin call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    /// `credentials` was read from the capture (a `Cookie` header, or its absence while the
    /// browser held cookies for the URL), not said by the input or the caller.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// `credentials` is `include` because nothing said or showed the mode of this cross-origin
    /// call while cookies were at stake: the replay assumed that cookies went with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

/// Which browser's rules the cookie and CORS verdicts follow, and whether the caller chose them.
/// Set when a verdict depended on them (a cross-origin call, or cookies replayed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgedFor {
    /// `chromium`, `firefox` or `safari` as chosen; `null` when none was: cookies then follow
    /// Chromium's rules and CORS verdicts that differ by browser are given for each.
    pub browser: Option<String>,
    /// `allowed`, `blocked` or `partitioned`.
    pub third_party_cookies: String,
    /// Whether the caller chose the third-party setting (else the browser's default).
    pub third_party_cookies_chosen: bool,
    /// How many cross-origin calls were judged as sending cookies because nothing showed their
    /// credentials mode (`exchanges[].cookies.assumed`).
    pub credentials_assumed: usize,
    /// The same in one sentence.
    pub summary: String,
}

impl JudgedFor {
    /// What the verdicts of `exchanges` were judged by, or `None` when none depended on a browser.
    pub fn of(ctx: &crate::Context, exchanges: &[Exchange]) -> Option<JudgedFor> {
        let relevant =
            exchanges.iter().any(|e| e.cors.verdict != CorsVerdict::NotApplicable || e.cookies.expected.is_some() || e.cookies.credentials.is_some());
        if !relevant {
            return None;
        }
        let third = ctx.third_party();
        let assumed = exchanges.iter().filter(|e| e.cookies.assumed).count();
        let mut summary = match ctx.browser {
            Some(b) => format!("{}'s rules", b.name()),
            None => "Chromium's cookie rules, and each browser's CORS verdict where they differ (no browser chosen)".to_string(),
        };
        let default_of = ctx.browser.map_or("Chromium", crate::context::Browser::name);
        summary.push_str(&match ctx.third_party_cookies {
            Some(_) => format!("; third-party cookies {}", third.as_str()),
            None => format!("; third-party cookies {} ({default_of}'s default)", third.as_str()),
        });
        if let Some(mode) = ctx.credentials {
            summary.push_str(&format!("; `credentials: '{}'` as given", mode.as_str()));
        } else if assumed > 0 {
            let calls = if assumed == 1 { "cross-origin call".to_string() } else { format!("{assumed} cross-origin calls") };
            summary.push_str(&format!(
                "; `credentials: 'include'` assumed for the {calls} that {} not show {}",
                if assumed == 1 { "does" } else { "do" },
                if assumed == 1 { "its mode" } else { "theirs" }
            ));
        }
        Some(JudgedFor {
            browser: ctx.browser.map(|b| b.as_str().to_string()),
            third_party_cookies: third.as_str().to_string(),
            third_party_cookies_chosen: ctx.third_party_cookies.is_some(),
            credentials_assumed: assumed,
            summary,
        })
    }
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

fn redacted_cookie_header<S: Serializer>(header: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match header {
        Some(h) if !crate::secret::reveal_secret_to(&serializer) => serializer.serialize_str(&redact_cookie_header(h.expose())),
        Some(h) => serializer.serialize_str(h.expose()),
        None => serializer.serialize_none(),
    }
}

/// Whether the browser's CORS check lets the page read the response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cors {
    pub verdict: CorsVerdict,
    pub reason: String,
    /// For a failing exchange: what the server should send, and configuration that does it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<CorsFix>,
    /// Each browser engine's verdict, only when the engines disagree about this exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browsers: Option<std::collections::BTreeMap<crate::context::Browser, CorsVerdict>>,
    /// The page origin the rules were applied with, and where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_origin: Option<PageOrigin>,
}

impl Cors {
    /// A verdict with its reason, and nothing else to say.
    pub fn new(verdict: CorsVerdict, reason: impl Into<String>) -> Self {
        Cors { verdict, reason: reason.into(), fix: None, browsers: None, page_origin: None }
    }
}

/// The origin of the page that made a request, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageOrigin {
    pub origin: String,
    pub from: OriginSource,
}

/// Where the page's origin was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OriginSource {
    /// Given by the caller (`--origin`, the page's field).
    Given,
    /// The request's own `Origin` header.
    OriginHeader,
    /// The origin of the request's `Referer` (a `fetch` snippet's `referrer`).
    Referer,
    /// The origin of the document or script that started the request (HAR `_initiator`).
    Initiator,
    /// The origin of the page the capture loaded (the HAR's `document` entry).
    Document,
}

impl OriginSource {
    /// Where the origin was read, in a sentence: "given with `--origin`".
    pub fn describe(self) -> &'static str {
        match self {
            OriginSource::Given => "given with `--origin` or the page's field",
            OriginSource::OriginHeader => "read from the request's `Origin`",
            OriginSource::Referer => "read from the request's `Referer`",
            OriginSource::Initiator => "read from the HAR entry's initiator",
            OriginSource::Document => "read from the page the HAR loaded (its `document` entry)",
        }
    }
}

/// The response headers a server should send for a request to pass CORS, and nginx and Express
/// configuration that sends them (credentials on, the exact origin, `OPTIONS` answered without
/// authentication).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorsFix {
    pub headers: Vec<HeaderLine>,
    pub nginx: String,
    pub express: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderLine {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorsVerdict {
    Pass,
    Fail,
    NotApplicable,
}

impl CorsVerdict {
    /// The verdict as the JSON report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            CorsVerdict::Pass => "pass",
            CorsVerdict::Fail => "fail",
            CorsVerdict::NotApplicable => "not_applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestId {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRequest {
    pub method: String,
    pub url: String,
}
