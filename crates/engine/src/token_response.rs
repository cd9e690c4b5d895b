//! Token endpoint responses (RFC 6749 §5.1 and §5.2) and introspection responses (RFC 7662
//! §2.2), pasted alone or as the body of a response in a capture.
//!
//! An error body is mapped to its usual causes, narrowed by what else the capture shows: the
//! token request's `grant_type`, how the client authenticated, its `redirect_uri` and PKCE
//! verifier against the authorize request. A successful response is checked for `expires_in`
//! against the time the token was used, a `scope` narrower than requested, and a `token_type` the
//! next request does not follow. An introspection answer of `active: false` is explained; the
//! claims of `active: true` are checked like a token's.
//!
//! Objects are recognised by their members, and an error body only where it is a token
//! endpoint's: in the response to a token request, or pasted outside any exchange.

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::http::message::{Message, StartLine};
use crate::jwt;
use serde_json::{Map, Value};
use url::form_urlencoded;

/// At most this many objects are read from one text, and this many `{` tried.
const MAX_OBJECTS: usize = 20;
const MAX_ATTEMPTS: usize = 400;
/// How many characters of a value a message shows.
const SHOWN: usize = 120;

/// The error codes of RFC 6749 §5.2.
const TOKEN_ERRORS: [&str; 6] = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"];

/// Errors other specifications let a token endpoint return, and what each means.
const OTHER_ERRORS: [(&str, &str); 9] = [
    ("authorization_pending", "the user has not finished signing in on the other device yet: keep polling at the given `interval` (RFC 8628 §3.5)"),
    ("slow_down", "the client polls too often: add 5 seconds to the polling interval (RFC 8628 §3.5)"),
    ("expired_token", "the device code expired before the user finished: start the device flow again (RFC 8628 §3.5)"),
    ("access_denied", "the user or a policy refused the request"),
    ("use_dpop_nonce", "the server wants a nonce in the DPoP proof: retry with the value of the `DPoP-Nonce` response header (RFC 9449 §8)"),
    ("invalid_dpop_proof", "the DPoP proof is missing, malformed, signed with another key, or its `htm`, `htu`, `iat` or `nonce` is wrong (RFC 9449 §4.3)"),
    ("invalid_target", "the `resource` or `audience` asked for is unknown or not allowed to this client (RFC 8707 §2)"),
    ("invalid_authorization_details", "the `authorization_details` are unknown or not allowed (RFC 9396 §5)"),
    ("interaction_required", "the user must sign in or consent interactively first"),
];

/// What an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{"error": …}` from a token endpoint.
    Error,
    /// `{"access_token": …, "token_type": …}`.
    Token,
    /// `{"active": …}`.
    Introspection,
}

/// One response found.
#[derive(Debug, Clone)]
pub struct Found {
    /// 1-based line where the object starts (a HAR entry's message line).
    pub line: usize,
    pub kind: Kind,
    pub object: Map<String, Value>,
    /// The response message whose body it is.
    pub message: Option<usize>,
}

/// What an object is, by its members.
pub fn kind(object: &Map<String, Value>) -> Option<Kind> {
    if object.contains_key("keys") || object.contains_key("kty") || object.contains_key("log") {
        return None;
    }
    if let Some(error) = object.get("error").and_then(Value::as_str) {
        let known = TOKEN_ERRORS.contains(&error) || OTHER_ERRORS.iter().any(|(e, _)| *e == error);
        return known.then_some(Kind::Error);
    }
    if object.get("access_token").is_some_and(Value::is_string) && (object.contains_key("token_type") || object.contains_key("expires_in")) {
        return Some(Kind::Token);
    }
    if object.contains_key("active") && !object.contains_key("access_token") {
        return Some(Kind::Introspection);
    }
    None
}

/// Every token endpoint and introspection response in the text (or in a HAR file's bodies).
pub fn find(text: &str, messages: &[Message], is_har: bool) -> Vec<Found> {
    let mut out = Vec::new();
    if is_har {
        for (m, message) in messages.iter().enumerate() {
            if out.len() == MAX_OBJECTS {
                break;
            }
            if message.status().is_none() || !message.body.trim_start().starts_with('{') {
                continue;
            }
            if let Ok(Value::Object(object)) = serde_json::from_str::<Value>(message.body.trim()) {
                if let Some(kind) = kind(&object) {
                    out.push(Found { line: message.line, kind, object, message: Some(m) });
                }
            }
        }
        return out;
    }
    if !["\"error\"", "\"access_token\"", "\"active\""].iter().any(|m| text.contains(m)) {
        return out;
    }
    crate::json_scan::each_object(text, &[], MAX_ATTEMPTS, &mut |at, end, object| {
        let Some(kind) = kind(&object) else { return Then::Next };
        let line = line_of(text, at);
        let message = messages.iter().position(|m| m.status().is_some() && m.lines.0 <= line && line <= m.lines.1);
        out.push(Found { line, kind, object, message });
        if out.len() == MAX_OBJECTS {
            Then::Stop
        } else {
            Then::After(end)
        }
    });
    out
}

use crate::json_scan::{line_of, Then};

fn shown(value: &str) -> String {
    crate::quote::shown(value, SHOWN)
}

/// The request a response answers, as far as the capture shows it.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub params: Vec<(String, String)>,
    /// The request authenticated the client with HTTP Basic, as this client id.
    pub basic: Option<String>,
    /// The body was JSON, not a form.
    pub json_body: bool,
    pub dpop: bool,
    pub date: Option<i64>,
}

impl Request {
    fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn from_message(message: &Message) -> Request {
        let body = message.body.trim();
        let json_body = body.starts_with('{');
        let params = if json_body {
            match serde_json::from_str::<Value>(body) {
                Ok(Value::Object(map)) => map.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect(),
                _ => Vec::new(),
            }
        } else {
            form_urlencoded::parse(body.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
        };
        let basic = message.header("authorization").and_then(|v| {
            let (scheme, credentials) = v.trim().split_once(' ')?;
            if !scheme.eq_ignore_ascii_case("basic") {
                return None;
            }
            use base64::Engine as _;
            let decoded = base64::engine::general_purpose::STANDARD.decode(credentials.trim()).ok()?;
            let text = String::from_utf8_lossy(&decoded).into_owned();
            Some(text.split_once(':').map_or(text.clone(), |(user, _)| user.to_string()))
        });
        Request { params, basic, json_body, dpop: message.header("dpop").is_some(), date: message.header("date").and_then(crate::logs::times::parse) }
    }
}

/// Everything around a response the checks use.
#[derive(Default)]
pub struct Around<'a> {
    /// The token (or introspection) request the response answers.
    pub request: Option<Request>,
    /// The authorize request before it (its query parameters).
    pub authorize: Vec<(String, String)>,
    /// When the response was sent (its `Date`).
    pub issued: Option<i64>,
    /// When the token was next used (a later message's `Date`), if the capture shows it.
    pub used: Option<i64>,
    /// The text after the response, to find where the access token was sent.
    pub after: &'a str,
    /// Codes already reported about the exchange (PKCE, `redirect_uri`).
    pub known: Vec<Code>,
    /// Tokens of the capture that have expired (their `exp`, as text).
    pub expired_tokens: Vec<String>,
    /// Audiences of the tokens in the capture.
    pub audiences: Vec<String>,
}

/// Builds what the checks need from the messages and the text.
pub fn around<'a>(found: &Found, messages: &[Message], pairs: &[(Option<usize>, Option<usize>)], text: &'a str) -> Around<'a> {
    let mut around = Around { after: text_after(text, found.line), ..Around::default() };
    let response = found.message.and_then(|m| messages.get(m));
    around.issued = response.and_then(|r| r.header("date")).and_then(crate::logs::times::parse);
    let request_index = found.message.and_then(|m| pairs.iter().find(|(_, b)| *b == Some(m)).and_then(|(a, _)| *a));
    around.request = match request_index.and_then(|r| messages.get(r)) {
        Some(request) => Some(Request::from_message(request)),
        None => text_request(text, found.line),
    };
    // The authorize request: the last URL before the response with `response_type=`.
    let before = text.lines().take(found.line.saturating_sub(1));
    for line in before {
        if let Some(start) = line.find("response_type=") {
            let query_start = line.get(..start).and_then(|l| l.rfind('?')).map_or(start, |q| q.saturating_add(1));
            let query: String = line.get(query_start..).unwrap_or_default().split_whitespace().next().unwrap_or_default().to_string();
            around.authorize = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        }
    }
    if let Some(m) = found.message {
        around.used = messages.iter().skip(m.saturating_add(1)).find_map(|later| later.header("date").and_then(crate::logs::times::parse));
    }
    around
}

fn text_after(text: &str, line: usize) -> &str {
    let offset: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    text.get(offset..).unwrap_or_default()
}

/// A token request pasted as a form body (`grant_type=…`) before the response, outside messages.
fn text_request(text: &str, line: usize) -> Option<Request> {
    let candidate = text.lines().take(line.saturating_sub(1)).filter(|l| l.trim_start().starts_with("grant_type=") || l.contains("&grant_type=")).last()?;
    let body = candidate.trim().trim_matches(['\'', '"']);
    let body = body.rsplit_once(' ').map_or(body, |(_, b)| b).trim_matches(['\'', '"']);
    Some(Request { params: form_urlencoded::parse(body.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect(), ..Request::default() })
}

/// The findings about one response, and the words of its input summary.
pub fn check(found: &Found, around: &Around, ctx: &Context) -> (String, Vec<Finding>) {
    match found.kind {
        Kind::Error => check_error(&found.object, around),
        Kind::Token => check_token(&found.object, around, ctx),
        Kind::Introspection => check_introspection(&found.object, around, ctx),
    }
}

fn text_member<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    object.get(name).and_then(Value::as_str)
}

fn check_error(object: &Map<String, Value>, around: &Around) -> (String, Vec<Finding>) {
    let error = text_member(object, "error").unwrap_or_default();
    let description = text_member(object, "error_description").map(|d| format!(" (`{}`)", shown(d))).unwrap_or_default();
    let request = around.request.as_ref();
    let grant = request.and_then(|r| r.get("grant_type"));
    let mut causes: Vec<String> = Vec::new();
    let code = match error {
        "invalid_grant" => {
            match grant {
                Some("authorization_code") => {
                    causes.push("the code was already used (a code works once: a retried request, a reloaded callback page or a second tab spends it)".into());
                    causes.push("the code expired (servers keep codes from 30 seconds to 10 minutes)".into());
                    let sent = request.and_then(|r| r.get("redirect_uri"));
                    let asked = around.authorize.iter().find(|(n, _)| n == "redirect_uri").map(|(_, v)| v.as_str());
                    match (sent, asked) {
                        (Some(s), Some(a)) if s != a => {
                            causes.insert(0, format!("the `redirect_uri` `{}` differs from the authorize request's `{}`", shown(s), shown(a)))
                        }
                        (None, Some(_)) => causes.insert(0, "the token request has no `redirect_uri`, while the authorize request sent one".into()),
                        (Some(_), Some(_)) => {}
                        _ => causes.push("the `redirect_uri` differs from the one of the authorize request".into()),
                    }
                    let challenged = around.authorize.iter().any(|(n, _)| n == "code_challenge");
                    let verifier = request.and_then(|r| r.get("code_verifier")).is_some();
                    if around.known.contains(&Code::PkceMismatch) {
                        causes.insert(0, "the `code_verifier` does not match the authorize request's `code_challenge` (see OAUTH001)".into());
                    } else if challenged && !verifier {
                        causes.insert(0, "the authorize request sent a `code_challenge`, but the token request has no `code_verifier`".into());
                    } else if !around.known.contains(&Code::PkceMatches) {
                        causes.push("the PKCE `code_verifier` is not the one of this sign-in (an app that starts two sign-ins keeps the wrong one)".into());
                    }
                }
                Some("refresh_token") => {
                    causes.push("the refresh token expired or was revoked (sign-out, password change, an administrator)".into());
                    causes.push("the refresh token was already used: with rotation each one works once, and reusing one revokes the whole family".into());
                    causes.push("the refresh token was issued to another client, or for scopes beyond those now asked".into());
                }
                Some("password") => {
                    causes.push("the user name or password is wrong, or the account is locked, disabled or needs MFA".into());
                }
                Some(g) if g.ends_with("device_code") => {
                    causes.push("the device code expired or was already exchanged".into());
                }
                Some(g) if g.ends_with("jwt-bearer") || g.ends_with("token-exchange") || g.ends_with("saml2-bearer") => {
                    causes.push("the assertion or subject token expired, or names another audience or issuer than this server".into());
                }
                _ => {
                    causes.push("the code or refresh token expired, was already used or was revoked".into());
                    causes.push("the `redirect_uri` or PKCE verifier differs from the authorize request's".into());
                }
            }
            Code::TokenErrorInvalidGrant
        }
        "invalid_client" => {
            let basic = request.and_then(|r| r.basic.clone());
            let post = request.and_then(|r| r.get("client_secret")).is_some();
            let assertion = request.and_then(|r| r.get("client_assertion")).is_some();
            match (basic, post, assertion) {
                (Some(_), true, _) => causes.push("the client sent its secret both in HTTP Basic and in the body; RFC 6749 §2.3 allows one method only".into()),
                (Some(id), false, _) => {
                    causes.push(format!("the secret of client `{}` in HTTP Basic is wrong, or the client is registered for another method (`client_secret_post`, `private_key_jwt`)", shown(&id)));
                    causes.push("the id or secret holds characters that must be form-encoded before base64 (RFC 6749 §2.3.1)".into());
                }
                (None, true, _) => causes.push("the `client_secret` in the body is wrong, or the client is registered for `client_secret_basic`".into()),
                (None, false, true) => causes.push("the `client_assertion` is refused: check its `aud` (the token endpoint), `iss` and `sub` (the client id), `exp`, and that the server has its key".into()),
                (None, false, false) if request.is_some() => causes.push("the request carries no client authentication: a confidential client must authenticate, or the client is not registered as public".into()),
                _ => {
                    causes.push("the client id is unknown to this server (another tenant or environment)".into());
                    causes.push("the client secret is wrong, expired or rotated, or sent with another method than the one registered".into());
                }
            }
            Code::TokenErrorInvalidClient
        }
        "invalid_scope" => {
            match request.and_then(|r| r.get("scope")).or_else(|| around.authorize.iter().find(|(n, _)| n == "scope").map(|(_, v)| v.as_str())) {
                Some(scope) => causes.push(format!("one of the scopes asked for (`{}`) is unknown, misspelled, or not granted to this client", shown(scope))),
                None => causes.push(
                    "a scope asked for is unknown, misspelled, or not granted to this client (or no scope was sent and the client has no default)".into(),
                ),
            }
            Code::TokenErrorInvalidScope
        }
        "unauthorized_client" => {
            causes.push(match grant {
                Some(g) => format!("the grant type `{}` is not enabled for this client", shown(g)),
                None => "the grant type used is not enabled for this client".into(),
            });
            Code::TokenErrorUnauthorizedClient
        }
        "unsupported_grant_type" => {
            if request.is_some_and(|r| r.json_body) {
                causes.push("the request body is JSON; a token endpoint reads `application/x-www-form-urlencoded`, so it saw no `grant_type`".into());
            }
            if !request.is_some_and(|r| r.json_body) {
                causes.push(match grant {
                    Some(g) => format!("the server does not support `grant_type` `{}`, or it is misspelled", shown(g)),
                    None => "the server saw no `grant_type` it supports".into(),
                });
            }
            Code::TokenErrorUnsupportedGrantType
        }
        "invalid_request" => {
            if request.is_some_and(|r| r.json_body) {
                causes.push("the request body is JSON; a token endpoint reads `application/x-www-form-urlencoded`".into());
            }
            causes.push("a required parameter is missing or repeated, or a value is malformed".into());
            Code::TokenErrorInvalidRequest
        }
        other => {
            let meaning = OTHER_ERRORS.iter().find(|(e, _)| *e == other).map_or("see the flow's specification", |(_, m)| m);
            let message = format!("The token endpoint answered `{other}`{description}: {meaning}");
            return (format!("Token endpoint error `{other}`"), vec![Finding::new(Code::TokenErrorOther, message)]);
        }
    };
    let flow = grant.map(|g| format!(" to a token request with `grant_type` `{}`", shown(g))).unwrap_or_default();
    let message = format!("The token endpoint answered `{error}`{description}{flow}; the usual causes: {}", causes.join("; "));
    (format!("Token endpoint error `{error}`"), vec![Finding::new(code, message)])
}

fn check_token(object: &Map<String, Value>, around: &Around, ctx: &Context) -> (String, Vec<Finding>) {
    let mut findings = Vec::new();
    let token_type = text_member(object, "token_type").unwrap_or("");
    let expires_in = object.get("expires_in").and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())));
    if let (Some(issued), Some(lifetime)) = (around.issued, expires_in) {
        let used = around.used.unwrap_or(ctx.now);
        let end = issued.saturating_add(lifetime);
        let skew = i64::try_from(ctx.skew).unwrap_or(i64::MAX);
        if used > end.saturating_add(skew) {
            let when = if around.used.is_some() { "the later request's `Date`" } else { "now" };
            findings.push(Finding::new(
                Code::TokenResponseExpired,
                format!(
                    "The token response's `Date` plus `expires_in` {lifetime} s ends at {}; {when} is {} later",
                    crate::timefmt::utc(end).unwrap_or_else(|| end.to_string()),
                    crate::timefmt::duration(u64::try_from(used.saturating_sub(end)).unwrap_or(0))
                ),
            ));
        }
    }
    // The scopes: those asked for (token request, else authorize request) against those granted.
    let asked = around
        .request
        .as_ref()
        .and_then(|r| r.get("scope").map(str::to_string))
        .or_else(|| around.authorize.iter().find(|(n, _)| n == "scope").map(|(_, v)| v.clone()));
    if let (Some(asked), Some(granted)) = (asked, text_member(object, "scope")) {
        let granted: Vec<&str> = granted.split_whitespace().collect();
        let missing: Vec<String> = asked.split_whitespace().filter(|s| !granted.contains(s)).map(|s| format!("`{}`", shown(s))).collect();
        if !missing.is_empty() {
            findings.push(Finding::new(
                Code::TokenResponseScopeNarrowed,
                format!("The token grants `{}`, without {} that were asked for", shown(&granted.join(" ")), missing.join(", ")),
            ));
        }
    }
    // Where the token was sent next, and with which scheme.
    if let Some(token) = text_member(object, "access_token").filter(|t| t.len() >= 8) {
        if let Some(scheme) = scheme_used(around.after, token) {
            // A DPoP token sent as `Bearer` is the DPoP rules' finding (DPOP017), which also
            // reads the proof beside it.
            let dpop_as_bearer = token_type.eq_ignore_ascii_case("dpop") && scheme.eq_ignore_ascii_case("bearer");
            if !token_type.is_empty() && !scheme.eq_ignore_ascii_case(token_type) && !dpop_as_bearer {
                let hint = if token_type.eq_ignore_ascii_case("dpop") {
                    "; a DPoP-bound token sent as `Bearer` is refused, and it needs a `DPoP` proof header beside it"
                } else if scheme.eq_ignore_ascii_case("dpop") {
                    "; the server issued a plain bearer token, so it did not bind it to the DPoP key"
                } else {
                    ""
                };
                findings.push(Finding::new(
                    Code::TokenTypeMismatch,
                    format!("The token response says `token_type` `{token_type}`, but the token was then sent as `Authorization: {scheme}`{hint}"),
                ));
            }
        }
    }
    let lifetime = expires_in.map(|s| format!(", `expires_in` {s} s")).unwrap_or_default();
    (format!("Token response, `token_type` `{}`{lifetime}", shown(token_type)), findings)
}

/// The scheme of the first `Authorization` header after the response that carries the token.
fn scheme_used(after: &str, token: &str) -> Option<String> {
    for line in after.lines() {
        let Some(at) = line.find(token) else { continue };
        let before = line.get(..at)?.trim_end();
        let scheme = before.rsplit(|c: char| c.is_whitespace() || c == ':' || c == '"' || c == '\'').next()?;
        if before.to_ascii_lowercase().contains("authorization") && !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Some(scheme.to_string());
        }
    }
    None
}

fn check_introspection(object: &Map<String, Value>, around: &Around, ctx: &Context) -> (String, Vec<Finding>) {
    let mut findings = Vec::new();
    let active = match object.get("active") {
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            findings.push(Finding::new(
                Code::IntrospectionActiveNotBoolean,
                format!("`active` is `{other}`; RFC 7662 requires a boolean, and a resource server that tests for `true` treats this as inactive"),
            ));
            match other {
                Value::String(s) => Some(s.eq_ignore_ascii_case("true")),
                _ => None,
            }
        }
        None => None,
    };
    match active {
        Some(false) => {
            let mut reasons = Vec::new();
            if let Some(exp) = around.expired_tokens.first() {
                reasons.push(format!("the token in the capture has expired (`exp` {exp})"));
            }
            let client = around.request.as_ref().and_then(|r| r.basic.clone().or_else(|| r.get("client_id").map(str::to_string)));
            if let Some(client) = &client {
                if !around.audiences.is_empty() && !around.audiences.iter().any(|a| a == client) {
                    reasons.push(format!(
                        "the API introspects as client `{}`, which is not among the token's audiences ({}); many servers answer `false` to a client the token is not meant for",
                        shown(client),
                        around.audiences.iter().take(5).map(|a| format!("`{}`", shown(a))).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
            if around.request.as_ref().is_some_and(|r| r.get("token_type_hint") == Some("refresh_token")) {
                reasons.push("the request says `token_type_hint=refresh_token`; some servers then look only among refresh tokens".into());
            }
            reasons.push("the token expired or was revoked (sign-out, refresh token rotation)".into());
            reasons.push("it was issued by another server or tenant than the one asked".into());
            reasons.push("the introspecting client is not allowed to see it, or it was cut or altered on the way".into());
            findings.push(Finding::new(
                Code::IntrospectionInactive,
                format!("The introspection response says `\"active\": false`, which does not say why; the usual reasons: {}", reasons.join("; ")),
            ));
            ("Introspection response: inactive".into(), findings)
        }
        Some(true) => {
            let claims: Map<String, Value> = object.iter().filter(|(k, _)| k.as_str() != "active").map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut said = Vec::new();
            for name in ["client_id", "scope", "aud", "exp"] {
                if let Some(v) = object.get(name) {
                    said.push(match v {
                        Value::String(s) => format!("`{name}` `{}`", shown(s)),
                        other => format!("`{name}` `{}`", shown(&other.to_string())),
                    });
                }
            }
            findings.push(Finding::new(
                Code::IntrospectionActive,
                if said.is_empty() {
                    "The introspection response says `\"active\": true`".to_string()
                } else {
                    format!("The introspection response says `\"active\": true`, with {}; these are checked like a token's claims", said.join(", "))
                },
            ));
            let t = jwt::time::check(&claims, ctx);
            findings.extend(t.findings);
            let c = jwt::claims::check(&Value::Null, &claims, &ctx.expect);
            findings.extend(c.findings);
            ("Introspection response: active".into(), findings)
        }
        None => {
            if !object.contains_key("active") || object.get("active").is_some_and(Value::is_null) {
                findings.push(Finding::new(Code::IntrospectionActiveNotBoolean, "`active` is missing or `null`; RFC 7662 requires a boolean"));
            }
            ("Introspection response".into(), findings)
        }
    }
}

/// Whether a message is a token request (a form body with `grant_type`).
pub fn is_token_request(message: &Message) -> bool {
    matches!(message.start, StartLine::Request { .. }) && message.body.contains("grant_type")
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorInvalidGrant,
        meaning: "The token endpoint answered `invalid_grant`; the message lists the usual causes for the grant type used, for example a code or refresh token that expired, was already used or was revoked, a `redirect_uri` or PKCE verifier that differs from the authorize request, or wrong user credentials.",
        why: "RFC 6749 §5.2 uses `invalid_grant` when the authorization grant itself is invalid, expired, revoked or bound to another client or redirect URI, so no token is issued and the later API call has no valid token.",
        caller: "Start a fresh sign-in to get a new code or refresh token, send the same `redirect_uri` and the matching `code_verifier` as in the authorize request, and do not reuse codes or rotated refresh tokens.",
        owner: "The authorization server's log (or the `error_description`) gives the precise reason, such as an expired code, reuse detection or a redirect mismatch; check the refresh token rotation and lifetime policy.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorInvalidClient,
        meaning: "The token endpoint answered `invalid_client`: client authentication failed; the message lists likely causes from how the client authenticated (HTTP Basic, `client_secret` in the body, a `client_assertion`, or none).",
        why: "RFC 6749 §5.2 returns `invalid_client` (often with status 401) when the client is unknown, its secret or assertion is wrong, or it used a method it is not registered for, so no token is issued.",
        caller: "Check the client id and secret for this environment, use the registered method only (not Basic and body together), form-encode the id and secret before base64 for Basic, and for `private_key_jwt` check the assertion's `aud`, `iss`, `sub` and `exp`.",
        owner: "Check the client registration (authentication method, secret expiry, registered keys) and the authorization server's log entry for the failed authentication.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorInvalidScope,
        meaning: "The token endpoint answered `invalid_scope`; the message names the scopes asked for when the request shows them.",
        why: "RFC 6749 §5.2 uses `invalid_scope` when a requested scope is unknown, malformed or exceeds what the client or the original grant allows, so no token is issued.",
        caller: "Request only scopes defined for the API and granted to this client, spelled exactly, space-separated; for refresh requests, ask for no more than the original grant.",
        owner: "Check the scopes registered for the API and assigned to the client, and log which scope was rejected.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorUnauthorizedClient,
        meaning: "The token endpoint answered `unauthorized_client`: the client may not use this grant type.",
        why: "RFC 6749 §5.2 returns this error when the client is authenticated but not allowed to use the requested grant (for example client credentials or refresh tokens not enabled), so no token is issued.",
        caller: "Use a grant type enabled for the client, or ask for it to be enabled in the client registration.",
        owner: "Enable the grant type on the client registration if it is intended (for example client credentials or device code), and check which grant the log shows.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorUnsupportedGrantType,
        meaning: "The token endpoint answered `unsupported_grant_type`: it did not recognize the `grant_type`, or, when the request body is JSON, saw none at all.",
        why: "RFC 6749 §5.2 returns this error when the server does not support the grant type; token endpoints read `application/x-www-form-urlencoded` bodies, so a JSON body makes `grant_type` invisible and no token is issued.",
        caller: "Send the request as `application/x-www-form-urlencoded` with a supported `grant_type` spelled exactly (for example `authorization_code`, `refresh_token`, `client_credentials`, or the full URN for device code and token exchange).",
        owner: "Check which grant types the server supports and list them in `grant_types_supported` of the metadata; a clear `error_description` helps callers who send JSON.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorInvalidRequest,
        meaning: "The token endpoint answered `invalid_request`: a required parameter is missing or repeated, a value is malformed, or the body is JSON instead of form-encoded.",
        why: "RFC 6749 §5.2 uses this error for requests the server cannot process as a whole, so no token is issued; the `error_description` usually names the parameter.",
        caller: "Send a form-encoded body with each required parameter exactly once (for example `grant_type`, `code`, `redirect_uri`, `client_id`, `code_verifier` for the code grant), and read the `error_description`.",
        owner: "Return an `error_description` naming the bad or missing parameter, and log the received parameter names (not values) for refused requests.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenErrorOther,
        meaning: "The token endpoint answered an error other than the RFC 6749 §5.2 codes, such as `authorization_pending`, `slow_down`, `expired_token` (RFC 8628 device flow) or `access_denied`; the message explains it.",
        why: "Some of these are normal states of a flow (polling while the user signs in) and not failures; others, such as `access_denied` or `expired_token`, mean no token will be issued until the flow is restarted.",
        caller: "Follow the meaning given: keep polling at the given `interval` for `authorization_pending`, add five seconds for `slow_down`, restart the device flow for `expired_token`, and check the user's consent or policy for `access_denied`.",
        owner: "Check the authorization server's log for the flow and the policy that produced the error; document non-standard error codes for clients.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenResponseExpired,
        meaning: "The token response's `Date` plus `expires_in` lies before the time the token was used (a later request's `Date`, or now), beyond the clock-skew allowance.",
        why: "The access token had expired when it was sent, so the API refuses it with 401 `invalid_token`, even though it was valid when issued.",
        caller: "Refresh the token before `expires_in` runs out (track the expiry from the response, with a small margin) and retry with the new token.",
        owner: "Check the token lifetime against how long clients need it, and log the expiry time when rejecting tokens as expired.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenResponseScopeNarrowed,
        meaning: "The token response's `scope` lacks scopes that the token or authorize request asked for.",
        why: "RFC 6749 §5.1 lets the server grant fewer scopes than requested and say so in `scope`; an API call that needs a missing scope is then refused (usually 403 `insufficient_scope`), while calls that need only granted scopes work.",
        caller: "Check that the client is allowed (and the user consented to) the missing scopes, request them again, and handle a narrowed grant rather than assuming all scopes were granted.",
        owner: "Check the policy or consent that removed the scopes, and log the scopes requested and granted for the client.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenTypeMismatch,
        meaning: "The token response's `token_type` differs from the scheme the token was then sent with in `Authorization`, for example a `DPoP` token sent as `Bearer`, or a `Bearer` token sent as `DPoP`.",
        why: "A DPoP-bound token sent as `Bearer` is refused because the resource server requires the `DPoP` scheme with a proof (RFC 9449), and a plain bearer token sent as `DPoP` is not bound to the key, so the API answers 401.",
        caller: "Send the token with the scheme `token_type` names: `Authorization: DPoP <token>` plus a `DPoP` proof header for DPoP tokens, `Authorization: Bearer <token>` for bearer tokens.",
        owner: "Check whether the client asked for DPoP binding (a `DPoP` header on the token request), and make the API's 401 say which scheme it expects in `WWW-Authenticate`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IntrospectionInactive,
        meaning: "The introspection response says `\"active\": false`; the message lists the likely reasons, such as an expired token in the capture, an introspecting client that is not among the token's audiences, or `token_type_hint=refresh_token`.",
        why: "RFC 7662 answers inactive for any token it will not vouch for and gives no reason, so the API treats the token as invalid and refuses the request with 401.",
        caller: "Get a new token if it expired or was revoked, and make sure it comes from the authorization server the API introspects against; check the token with the issuer's own tools.",
        owner: "Check that the API introspects with its own client credentials at the right server and tenant, send the correct `token_type_hint` or none, and look in the authorization server's log for why the token is inactive.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IntrospectionActive,
        meaning: "The introspection response says `\"active\": true`; the engine then checks its members (`exp`, `aud`, `scope`, `client_id` and others) like a token's claims.",
        why: "This is a note: an active token passes introspection, so a refusal comes from the API's own checks on these members (audience, scope, expiry) or from elsewhere, which the other findings show.",
        caller: "If the request was still refused, compare the scope and audience in the response with what the API requires; otherwise nothing needs fixing.",
        owner: "When an active token is refused, log which member check failed (`aud`, `scope`, `exp`), so the reason is visible.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IntrospectionActiveNotBoolean,
        meaning: "The introspection response's `active` is not a JSON boolean: a string such as `\"true\"`, a number, `null`, or missing.",
        why: "RFC 7662 §2.2 requires `active` as a boolean, and resource servers that test for `true` treat any other value as inactive, so the token is refused with 401 even if it is valid.",
        caller: "Nothing in the caller's request fixes this; report the response to the operator of the introspection endpoint.",
        owner: "Fix the introspection endpoint (or a gateway that rewrites its response) to return `\"active\": true` or `false` as a boolean.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_recognised_by_their_members() {
        let cases = [
            (r#"{"error":"invalid_grant"}"#, Some(Kind::Error)),
            (r#"{"error":"invalid_token"}"#, None),
            (r#"{"access_token":"x","token_type":"Bearer"}"#, Some(Kind::Token)),
            (r#"{"active":false}"#, Some(Kind::Introspection)),
            (r#"{"keys":[],"active":true}"#, None),
            (r#"{"exp":1,"aud":"x"}"#, None),
        ];
        for (text, want) in cases {
            let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else { panic!("{text}") };
            assert_eq!(kind(&object), want, "{text}");
        }
    }

    #[test]
    fn extreme_lifetimes_are_compared_without_overflow() {
        let ctx = Context::new(1_764_000_000);
        for lifetime in [i64::MIN, -1, 0, i64::MAX] {
            let text = format!(r#"{{"access_token":"abcdefgh12","token_type":"Bearer","expires_in":{lifetime}}}"#);
            let Ok(Value::Object(object)) = serde_json::from_str::<Value>(&text) else { panic!("{text}") };
            let around = Around { issued: Some(1_763_990_000), used: Some(i64::MAX), ..Around::default() };
            let (_, findings) = check_token(&object, &around, &ctx);
            assert_eq!(findings.iter().any(|f| f.code == Code::TokenResponseExpired), lifetime != i64::MAX, "{lifetime}");
        }
    }

    #[test]
    fn the_scheme_the_token_was_sent_with_is_found() {
        let after = "GET /orders HTTP/1.1\nAuthorization: Bearer abcdefgh12\n";
        assert_eq!(scheme_used(after, "abcdefgh12").as_deref(), Some("Bearer"));
        assert_eq!(scheme_used("curl -H 'Authorization: DPoP abcdefgh12'", "abcdefgh12").as_deref(), Some("DPoP"));
        assert_eq!(scheme_used("token abcdefgh12", "abcdefgh12"), None);
    }
}
