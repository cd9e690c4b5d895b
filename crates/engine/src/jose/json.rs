//! JWS and JWE in the JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2), general and flattened,
//! with detached content (RFC 7515 Appendix F, RFC 7797) and the ACME profile of a flattened JWS
//! (RFC 8555 §6.2).
//!
//! An object is read as one of these only by its members: a JWS has `signature` or `signatures`
//! beside `payload` or `protected`; a JWE has `ciphertext` beside `iv`, `tag`, `protected` or
//! `recipients`. Key sets, HAR files and decoded claims have none of these together, so their
//! readers keep them. Each signature of a general JWS is verified on its own, through the same
//! [`Verifier`] as a compact token, so the page's WebCrypto verifies them too.

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::jose::key::Key;
use crate::jose::signature::{self, Signed};
use crate::jose::verify::Verifier;
use crate::jwt;
use crate::report::{Check, CheckStatus, TokenChecks, TokenForm, TokenReport};
use crate::secret::Secret;
use crate::steps::StepId;
use base64::Engine as _;
use serde_json::{Map, Value};

/// At most this many objects are read from one text.
const MAX_OBJECTS: usize = 20;
/// At most this many objects are parsed from one text.
const MAX_ATTEMPTS: usize = 400;
/// At most this many signatures or recipients are read from one object.
const MAX_ENTRIES: usize = 16;
/// At most this many pieces of pasted text are tried as detached content.
const MAX_CONTENT: usize = 24;

/// Which serialization an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jws,
    Jwe,
}

/// One JSON-serialized JWS or JWE found in the text.
#[derive(Debug, Clone)]
pub struct Found {
    /// 1-based line where the object starts, and where it ends.
    pub line: usize,
    pub end_line: usize,
    pub kind: Kind,
    pub object: Map<String, Value>,
}

/// Whether an object is a JWS or JWE in the JSON serialization, by its members.
pub fn kind(object: &Map<String, Value>) -> Option<Kind> {
    let has = |name: &str| object.contains_key(name);
    if has("keys") || has("kty") || has("log") {
        return None;
    }
    if (has("signature") || has("signatures")) && (has("payload") || has("protected")) {
        return Some(Kind::Jws);
    }
    if has("ciphertext") && (has("iv") || has("tag") || has("protected") || has("recipients")) {
        return Some(Kind::Jwe);
    }
    None
}

/// Every JSON-serialized JWS and JWE in `text`.
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !(text.contains("\"signature") || text.contains("\"ciphertext\"")) {
        return out;
    }
    crate::json_scan::each_object(text, &[], MAX_ATTEMPTS, &mut |at, end, object| {
        let Some(kind) = kind(&object) else { return Then::Next };
        out.push(Found { line: line_of(text, at), end_line: line_of(text, end), kind, object });
        if out.len() == MAX_OBJECTS {
            Then::Stop
        } else {
            Then::After(end)
        }
    });
    out
}

use crate::json_scan::{line_of, Then};

/// What the analysis of one object found.
pub struct Outcome {
    pub token: TokenReport,
    pub findings: Vec<Finding>,
    pub checked: Vec<StepId>,
    /// What the input list says about it.
    pub summary: String,
    /// A token inside the decrypted content, to be inspected in turn.
    pub nested: Option<String>,
}

/// Where the object was found, for the checks that depend on it.
#[derive(Default)]
pub struct Surroundings<'a> {
    /// The URL of the HTTP request whose body the object is.
    pub request_url: Option<String>,
    /// Pieces of the pasted text that may be the detached content, with their lines.
    pub content: &'a [(usize, String)],
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A member that must be a string, or a finding that says it is not.
fn string_member<'a>(object: &'a Map<String, Value>, name: &str, whose: &str, findings: &mut Vec<Finding>) -> Option<&'a str> {
    match object.get(name) {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            findings.push(Finding::new(Code::JoseJsonMalformed, format!("{whose}`{name}` is {}, not a base64url string", describe(other))));
            None
        }
    }
}

fn object_member<'a>(object: &'a Map<String, Value>, name: &str, whose: &str, findings: &mut Vec<Finding>) -> Option<&'a Map<String, Value>> {
    match object.get(name) {
        None => None,
        Some(Value::Object(map)) => Some(map),
        Some(other) => {
            findings.push(Finding::new(Code::JoseJsonMalformed, format!("{whose}`{name}` is {}, not a JSON object", describe(other))));
            None
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The protected header: its text as sent and its decoded value.
fn protected_header(text: Option<&str>, whose: &str, findings: &mut Vec<Finding>) -> (String, Value) {
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return (String::new(), Value::Object(Map::new()));
    };
    let name = format!("{whose}protected header");
    let value = jwt::decode_part(text, &name, findings).map(|bytes| jwt::parse_json(&bytes, &name, findings)).unwrap_or(Value::Null);
    (text.to_string(), value)
}

/// The protected and unprotected headers joined; a name in more than one is reported.
fn join(parts: &[(&str, Option<&Map<String, Value>>)], whose: &str, findings: &mut Vec<Finding>) -> Value {
    let mut joined = Map::new();
    let mut origin: Vec<(String, &str)> = Vec::new();
    for (part, map) in parts {
        let Some(map) = map else { continue };
        for (name, value) in map.iter() {
            if let Some((_, first)) = origin.iter().find(|(n, _)| n == name) {
                findings.push(Finding::new(
                    Code::JoseHeaderInBothParts,
                    format!("{whose}`{name}` is in the {first} and again in the {part}; RFC 7515 §7.2.1 requires the headers to be disjoint"),
                ));
                continue;
            }
            origin.push((name.clone(), part));
            joined.insert(name.clone(), value.clone());
        }
    }
    Value::Object(joined)
}

/// One signature of a JWS: its protected header as sent, the joined header, the signature bytes.
struct Entry {
    protected: String,
    header: Value,
    /// Whether `alg` came from the protected header.
    alg_protected: bool,
    signature: Option<Vec<u8>>,
    signature_text: String,
}

/// Analyses a JSON-serialized JWS.
pub fn analyze_jws(found: &Found, input: usize, ctx: &Context, keys: &[Key], verifier: &dyn Verifier, around: &Surroundings) -> Outcome {
    let object = &found.object;
    let mut findings = Vec::new();
    let general = object.contains_key("signatures");
    if general && object.contains_key("signature") {
        findings.push(Finding::new(
            Code::JoseJsonMalformed,
            "The object has both `signatures` (general form) and `signature` (flattened form); a JWS uses one form, and verifiers differ on which they read",
        ));
    }
    let raw: Vec<&Map<String, Value>> = if general {
        match object.get("signatures") {
            Some(Value::Array(list)) => {
                if list.is_empty() {
                    findings.push(Finding::new(Code::JoseJsonMalformed, "`signatures` is an empty array: there is no signature to check"));
                }
                let objects: Vec<&Map<String, Value>> = list.iter().take(MAX_ENTRIES).filter_map(Value::as_object).collect();
                if objects.len() < list.len().min(MAX_ENTRIES) {
                    findings.push(Finding::new(Code::JoseJsonMalformed, "An entry of `signatures` is not a JSON object"));
                }
                objects
            }
            Some(other) => {
                findings.push(Finding::new(Code::JoseJsonMalformed, format!("`signatures` is {}, not an array", describe(other))));
                Vec::new()
            }
            None => Vec::new(),
        }
    } else {
        vec![object]
    };
    let count = raw.len();
    let mut entries = Vec::new();
    for (i, entry) in raw.iter().enumerate() {
        let whose = if count > 1 { format!("Signature {} of {count}: ", i.saturating_add(1)) } else { String::new() };
        let (protected, protected_value) = protected_header(string_member(entry, "protected", &whose, &mut findings), &whose, &mut findings);
        let unprotected = object_member(entry, "header", &whose, &mut findings);
        let header = join(&[("protected header", protected_value.as_object()), ("unprotected header", unprotected)], &whose, &mut findings);
        let alg_protected = protected_value.get("alg").is_some();
        let signature_text = string_member(entry, "signature", &whose, &mut findings).unwrap_or_default().to_string();
        if !entry.contains_key("signature") {
            findings.push(Finding::new(Code::JoseJsonMalformed, format!("{whose}there is no `signature` member")));
        }
        let signature = jwt::decode_part(&signature_text, &format!("{}signature", whose.to_lowercase()), &mut findings);
        if !alg_protected && header.get("alg").is_some() {
            findings.push(Finding::new(
                Code::JoseAlgUnprotected,
                format!("{whose}`alg` is only in the unprotected `header`, so the signature does not cover it and anyone can change it"),
            ));
        }
        entries.push(Entry { protected, header, alg_protected, signature, signature_text });
    }

    // The payload: base64url, or the content itself with `b64: false`; absent or empty when the
    // content is detached.
    let payload_text = string_member(object, "payload", "", &mut findings).unwrap_or_default().to_string();
    let unencoded = entries.first().is_some_and(|e| e.header.get("b64") == Some(&Value::Bool(false)));
    if entries.iter().any(|e| (e.header.get("b64") == Some(&Value::Bool(false))) != unencoded) {
        findings.push(Finding::new(
            Code::JoseJsonMalformed,
            "The signatures disagree on `b64`; every signature of one JWS must encode the payload the same way (RFC 7797 §3)",
        ));
    }
    let acme = entries.first().is_some_and(|e| is_acme(&e.header));
    // An ACME POST-as-GET signs an empty payload (RFC 8555 §6.3); elsewhere an empty or absent
    // payload is detached content.
    let detached = payload_text.is_empty() && !(acme && object.contains_key("payload"));
    let mut payload = Value::Null;
    let payload_bytes: Option<Vec<u8>> = if detached {
        None
    } else if unencoded {
        Some(payload_text.as_bytes().to_vec())
    } else {
        jwt::decode_part(&payload_text, "payload", &mut findings)
    };
    if let Some(bytes) = &payload_bytes {
        payload = readable(bytes);
    }

    // The signatures, each on its own.
    let mut checks = Vec::new();
    let mut content_used: Option<(usize, Value)> = None;
    for (i, entry) in entries.iter().enumerate() {
        let whose = if count > 1 { format!("Signature {} of {count}: ", i.saturating_add(1)) } else { String::new() };
        let mut own = Vec::new();
        if acme {
            signature::header_dangers(&entry.header, &mut own);
            // An ACME request carries its account key in `jwk` by design (RFC 8555 §6.2).
            own.retain(|f| f.code != Code::HeaderNamesOwnKey);
        } else {
            signature::header_dangers(&entry.header, &mut own);
        }
        let check = match (entry.header.get("alg"), &entry.signature) {
            (Some(Value::String(alg)), Some(sig)) if !alg.eq_ignore_ascii_case("none") => {
                let embedded;
                let keys = if keys.is_empty() && acme {
                    embedded = embedded_key(&entry.header);
                    embedded.as_slice()
                } else {
                    keys
                };
                if detached {
                    let (check, used, found) = check_detached(entry, alg, unencoded, keys, verifier, around.content, ctx);
                    own.extend(found);
                    if let Some(used) = used {
                        content_used.get_or_insert(used);
                    }
                    check
                } else {
                    let input = signing_input(&entry.protected, payload_text.as_bytes());
                    let signed = Signed { header: &entry.header, alg, signing_input: &input, signature: sig, unencoded };
                    if keys.is_empty() && !ctx.keys.is_empty() {
                        Check::new(CheckStatus::Skip, "The supplied key could not be read (see its finding), so the signature was not verified")
                    } else {
                        signature::check(&signed, keys, verifier, &mut own)
                    }
                }
            }
            (Some(Value::String(alg)), _) if alg.eq_ignore_ascii_case("none") => {
                own.push(jwt::header_findings::unsigned(alg, "JWS"));
                Check::new(CheckStatus::Fail, format!("`alg` is `{alg}`: the JWS is unsigned"))
            }
            (None, _) => {
                own.push(jwt::header_findings::no_alg());
                Check::new(CheckStatus::Fail, "No `alg` in the header")
            }
            (Some(Value::String(_)), None) => Check::new(CheckStatus::Fail, "The signature cannot be decoded"),
            (Some(other), _) => {
                own.push(jwt::header_findings::alg_not_string(other));
                Check::new(CheckStatus::Fail, "`alg` is not a string")
            }
        };
        for mut f in own {
            if count > 1 && !f.message.starts_with("Signature ") {
                f.message = format!("{whose}{}", f.message);
            }
            findings.push(f);
        }
        checks.push(check);
    }
    if detached && around.content.is_empty() {
        findings.push(Finding::new(
            Code::DetachedContentAbsent,
            if object.contains_key("payload") {
                "The `payload` member is empty: the content travels apart from the JWS (RFC 7515 Appendix F), and none was pasted beside it"
            } else {
                "The object has no `payload` member: the content travels apart from the JWS (RFC 7515 Appendix F), and none was pasted beside it"
            },
        ));
    }
    if let Some((_, value)) = &content_used {
        payload = value.clone();
    }
    if acme {
        acme_checks(object, general, &entries, around.request_url.as_deref(), &mut findings);
    }
    let signature = combine(&checks);

    let mut checked = Vec::new();
    let first = entries.first();
    let header = first.map(|e| e.header.clone()).unwrap_or(Value::Null);
    let claims = if looks_like_claims(&payload) { payload.clone() } else { Value::Null };
    let why = if detached && content_used.is_none() {
        "The content is detached"
    } else if payload.is_object() {
        "The payload is not a claims set"
    } else {
        "The payload is not JSON"
    };
    let (exp, nbf, iat, aud, iss, scope, times) = jwt::claim_checks(&header, &claims, why, ctx, &mut findings, &mut checked);
    if signature.status == CheckStatus::Pass {
        checked.push(StepId::TokenSignature);
    }
    if acme {
        checked.push(StepId::RequestSignature);
    }
    let compact = first.map(|e| format!("{}.{}.{}", e.protected, if unencoded { "" } else { &payload_text }, e.signature_text)).unwrap_or_default();
    let form = if general { "general" } else { "flattened" };
    let algs: Vec<String> = entries.iter().filter_map(|e| e.header.get("alg").and_then(Value::as_str)).map(|a| format!("`{a}`")).collect();
    let mut summary = match (acme, count) {
        (true, _) => format!("ACME request: flattened JWS signed with {}", algs.join(", ")),
        (false, 1) => format!("JWS in {form} JSON serialization, signed with {}", algs.join(", ")),
        (false, n) => format!("JWS in {form} JSON serialization with {n} signatures ({})", algs.join(", ")),
    };
    if detached {
        summary.push_str(", detached content");
    }
    if entries.iter().any(|e| !e.alg_protected) && algs.is_empty() {
        summary = format!("JWS in {form} JSON serialization without `alg`");
    }
    let token = TokenReport {
        input,
        form: TokenForm::Jws,
        parts: compact.split('.').map(Secret::new).collect(),
        token: Secret::new(compact),
        header,
        payload,
        checks: TokenChecks { signature, exp, nbf, iat, aud, iss, scope },
        times,
        x5c: Vec::new(),
    };
    Outcome { token, findings, checked, summary, nested: None }
}

/// `protected.payload` as the signature covers it.
fn signing_input(protected: &str, payload: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(protected.len().saturating_add(payload.len()).saturating_add(1));
    input.extend_from_slice(protected.as_bytes());
    input.push(b'.');
    input.extend_from_slice(payload);
    input
}

/// A payload shown as JSON when it is JSON, else as text.
fn readable(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.chars().take(2000).collect())),
        Err(_) => Value::String(format!("({} bytes that are not UTF-8)", bytes.len())),
    }
}

/// A payload worth checking as a token's claims.
fn looks_like_claims(payload: &Value) -> bool {
    payload.as_object().is_some_and(|o| ["exp", "nbf", "iat", "aud", "iss"].iter().any(|c| o.contains_key(*c)))
}

/// The verdict over every signature: each must verify.
fn combine(checks: &[Check]) -> Check {
    match checks {
        [] => Check::new(CheckStatus::Fail, "There is no signature to check"),
        [one] => one.clone(),
        many => {
            let n = many.len();
            let status = if many.iter().any(|c| c.status == CheckStatus::Fail) {
                CheckStatus::Fail
            } else if many.iter().all(|c| c.status == CheckStatus::Pass) {
                CheckStatus::Pass
            } else {
                CheckStatus::Skip
            };
            let each: Vec<String> = (1_usize..).zip(many.iter()).map(|(i, c)| format!("{i}: {}", c.message)).collect();
            let passed = many.iter().filter(|c| c.status == CheckStatus::Pass).count();
            Check::new(status, format!("{passed} of {n} signatures verified ({})", each.join("; ")))
        }
    }
}

/// Verifies a signature whose content is detached against each piece of pasted content.
/// Returns the check, the content that verified (its line and value), and the findings.
#[allow(clippy::too_many_arguments)]
fn check_detached(
    entry: &Entry,
    alg: &str,
    unencoded: bool,
    keys: &[Key],
    verifier: &dyn Verifier,
    content: &[(usize, String)],
    ctx: &Context,
) -> (Check, Option<(usize, Value)>, Vec<Finding>) {
    let Some(sig) = &entry.signature else {
        return (Check::new(CheckStatus::Fail, "The signature cannot be decoded"), None, Vec::new());
    };
    let mut first: Option<(Check, Vec<Finding>)> = None;
    for (line, text) in content.iter().take(MAX_CONTENT) {
        // With `b64: false` the content is signed as it is; otherwise its base64url is, and a
        // user may have pasted either the content or its encoding.
        let mut forms = vec![if unencoded { text.as_bytes().to_vec() } else { b64(text.as_bytes()).into_bytes() }];
        if !unencoded && !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            forms.push(text.as_bytes().to_vec());
        }
        for form in forms {
            let input = signing_input(&entry.protected, &form);
            let signed = Signed { header: &entry.header, alg, signing_input: &input, signature: sig, unencoded };
            let mut found = Vec::new();
            let check = signature::check(&signed, keys, verifier, &mut found);
            if check.status == CheckStatus::Pass {
                found.push(Finding::new(
                    Code::DetachedContentVerified,
                    format!("The content is detached; the text on line {line} ({} bytes) is the content the signature covers", text.len()),
                ));
                let value = if unencoded {
                    readable(text.as_bytes())
                } else {
                    readable(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&form).unwrap_or_else(|_| text.as_bytes().to_vec()))
                };
                return (Check::new(CheckStatus::Pass, format!("{} against the content on line {line}", check.message)), Some((*line, value)), found);
            }
            if first.is_none() {
                first = Some((check, found));
            }
        }
    }
    match first {
        None if keys.is_empty() && ctx.keys.is_empty() => {
            (Check::new(CheckStatus::Skip, format!("No key was supplied to verify the `{alg}` signature")), None, Vec::new())
        }
        None => (Check::new(CheckStatus::Skip, "The content is detached and was not pasted, so the signature was not verified"), None, Vec::new()),
        Some((check, found)) if check.status == CheckStatus::Fail && found.iter().any(|f| f.code == Code::SignatureInvalid) => {
            let mut kept: Vec<Finding> = found.into_iter().filter(|f| f.code != Code::SignatureInvalid).collect();
            let how = if unencoded { "as it is (`b64: false`)" } else { "as base64url, and as it was pasted" };
            kept.push(Finding::new(
                Code::DetachedContentMismatch,
                format!(
                    "The content is detached, and none of the {} piece(s) of text pasted beside it verifies the `{alg}` signature when signed {how}",
                    content.len().min(MAX_CONTENT)
                ),
            ));
            (Check::new(CheckStatus::Fail, "No pasted content verifies the signature"), None, kept)
        }
        Some((check, found)) => (check, None, found),
    }
}

/// Re-checks a compact `header..signature` JWS against the content pasted beside it. `None`
/// when there is no key or no content to check with (the compact analysis then stands).
pub fn detached_compact(
    protected: &str,
    header: &Value,
    signature: &str,
    keys: &[Key],
    verifier: &dyn Verifier,
    content: &[(usize, String)],
    ctx: &Context,
) -> Option<(Check, Option<Value>, Vec<Finding>)> {
    let alg = header.get("alg").and_then(Value::as_str).filter(|a| !a.eq_ignore_ascii_case("none"))?;
    if keys.is_empty() || content.is_empty() {
        return None;
    }
    let mut ignored = Vec::new();
    let entry = Entry {
        protected: protected.to_string(),
        header: header.clone(),
        alg_protected: true,
        signature: jwt::decode_part(signature, "signature", &mut ignored),
        signature_text: signature.to_string(),
    };
    let unencoded = header.get("b64") == Some(&Value::Bool(false));
    let (check, used, found) = check_detached(&entry, alg, unencoded, keys, verifier, content, ctx);
    Some((check, used.map(|(_, v)| v), found))
}

/// The pieces of pasted text that may be detached content: each line outside `skip` (and its
/// value after a `name:` label), the whole text outside it, and the bodies of `bodies`.
pub fn content_around(text: &str, skip: (usize, usize), bodies: &[(usize, &str)]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let push = |out: &mut Vec<(usize, String)>, line: usize, piece: &str| {
        if !piece.is_empty() && out.len() < MAX_CONTENT && !out.iter().any(|(_, p)| p == piece) {
            out.push((line, piece.to_string()));
        }
    };
    for (line, body) in bodies {
        push(&mut out, *line, body.trim_end_matches(['\r', '\n']));
    }
    let outside: Vec<(usize, &str)> = (1_usize..).zip(text.lines()).filter(|(n, _)| *n < skip.0 || *n > skip.1).collect();
    for (n, line) in &outside {
        let trimmed = line.trim();
        push(&mut out, *n, trimmed);
        if let Some((name, value)) = trimmed.split_once(':') {
            if !name.is_empty() && name.len() < 40 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b' ') {
                push(&mut out, *n, value.trim());
            }
        }
    }
    let first = outside.iter().find(|(_, l)| !l.trim().is_empty()).map_or(1, |(n, _)| *n);
    let whole: Vec<&str> = outside.iter().map(|(_, l)| *l).collect();
    push(&mut out, first, whole.join("\n").trim());
    out
}

/// Whether a header is that of an ACME request (RFC 8555 §6.2).
fn is_acme(header: &Value) -> bool {
    let has = |name: &str| header.get(name).is_some();
    has("url") && (has("nonce") || has("jwk") || has("kid"))
}

/// The key an ACME request embeds in `jwk`, which it must verify with.
fn embedded_key(header: &Value) -> Vec<Key> {
    match header.get("jwk") {
        Some(jwk @ Value::Object(_)) => jwk_keys(jwk),
        _ => Vec::new(),
    }
}

fn jwk_keys(jwk: &Value) -> Vec<Key> {
    let (keys, _) = crate::jose::key::parse(&jwk.to_string(), "the request's own `jwk`");
    keys
}

fn acme_checks(object: &Map<String, Value>, general: bool, entries: &[Entry], request_url: Option<&str>, findings: &mut Vec<Finding>) {
    let Some(entry) = entries.first() else { return };
    let protected: Value = entry.protected_value();
    let mut problems = Vec::new();
    if general {
        problems.push("it uses the general JSON form; ACME requires the flattened form".to_string());
    }
    if object.contains_key("header") {
        problems.push("it has an unprotected `header`; ACME allows only the protected header".to_string());
    }
    for name in ["nonce", "url"] {
        if protected.get(name).is_none() {
            problems.push(format!("the protected header has no `{name}`"));
        }
    }
    match (protected.get("jwk").is_some(), protected.get("kid").is_some()) {
        (true, true) => problems.push("the protected header has both `jwk` and `kid`; it must have exactly one".to_string()),
        (false, false) => problems.push("the protected header has neither `jwk` nor `kid`".to_string()),
        _ => {}
    }
    for p in problems {
        findings.push(Finding::new(Code::AcmeHeaderIncomplete, format!("The ACME request is refused as malformed: {p}")));
    }
    if let Some(alg) = entry.header.get("alg").and_then(Value::as_str) {
        if alg.eq_ignore_ascii_case("none") || alg.starts_with("HS") {
            findings.push(Finding::new(Code::AcmeMacAlgorithm, format!("The ACME request uses `alg` `{alg}`; RFC 8555 forbids `none` and MAC algorithms")));
        }
    }
    let (Some(said), Some(sent)) = (protected.get("url").and_then(Value::as_str), request_url) else {
        return;
    };
    if !same_url(said, sent) {
        findings.push(Finding::new(
            Code::AcmeUrlMismatch,
            format!("The protected `url` is `{said}`, but the request went to `{sent}`; the server answers `unauthorized`"),
        ));
    }
}

impl Entry {
    fn protected_value(&self) -> Value {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(self.protected.as_bytes())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null)
    }
}

/// Whether two URLs name the same resource; the request's scheme counts only when it was seen.
fn same_url(said: &str, sent: &str) -> bool {
    let Ok(a) = url::Url::parse(said) else { return said == sent };
    match url::Url::parse(sent) {
        Ok(b) if sent.starts_with("http") => a == b,
        _ => {
            // `//host/path` as a raw request without its scheme shows it.
            let rest = sent.trim_start_matches('/');
            let host = a.host_str().unwrap_or_default();
            let port = a.port().map(|p| format!(":{p}")).unwrap_or_default();
            let query = a.query().map(|q| format!("?{q}")).unwrap_or_default();
            rest.eq_ignore_ascii_case(&format!("{host}{port}{}{query}", a.path())) || rest == format!("{host}{port}{}{query}", a.path())
        }
    }
}

/// Analyses a JSON-serialized JWE: every recipient is tried with the supplied keys.
pub fn analyze_jwe(found: &Found, input: usize, ctx: &Context, keys: &[Key]) -> Outcome {
    let object = &found.object;
    let mut findings = Vec::new();
    let general = object.contains_key("recipients");
    let (protected, protected_value) = protected_header(string_member(object, "protected", "", &mut findings), "", &mut findings);
    let shared = object_member(object, "unprotected", "", &mut findings);
    let aad = string_member(object, "aad", "", &mut findings).map(str::to_string);
    let sealed_part = |name: &str, findings: &mut Vec<Finding>| {
        let text = string_member(object, name, "", findings).unwrap_or_default().to_string();
        if !object.contains_key(name) && matches!(name, "ciphertext" | "iv" | "tag") {
            findings.push(Finding::new(Code::JoseJsonMalformed, format!("There is no `{name}` member")));
        }
        (jwt::decode_part(&text, name, findings), text)
    };
    let (iv, iv_text) = sealed_part("iv", &mut findings);
    let (ciphertext, ciphertext_text) = sealed_part("ciphertext", &mut findings);
    let (tag, tag_text) = sealed_part("tag", &mut findings);
    if let Some(aad) = &aad {
        jwt::decode_part(aad, "aad", &mut findings);
    }
    let recipients: Vec<&Map<String, Value>> = if general {
        match object.get("recipients") {
            Some(Value::Array(list)) if !list.is_empty() => list.iter().take(MAX_ENTRIES).filter_map(Value::as_object).collect(),
            _ => {
                findings.push(Finding::new(Code::JoseJsonMalformed, "`recipients` is not a non-empty array of objects"));
                Vec::new()
            }
        }
    } else {
        vec![object]
    };
    // The additional authenticated data: the protected header, then `.aad` when there is one.
    let authenticated = match &aad {
        Some(aad) => format!("{protected}.{aad}"),
        None => protected.clone(),
    };
    let count = recipients.len();
    let mut check = None;
    let mut plaintext = None;
    let mut headers = Vec::new();
    let mut first_failure: Option<(Check, Vec<Finding>)> = None;
    for (i, recipient) in recipients.iter().enumerate() {
        let whose = if count > 1 { format!("Recipient {} of {count}: ", i.saturating_add(1)) } else { String::new() };
        let own = object_member(recipient, "header", &whose, &mut findings);
        let header =
            join(&[("protected header", protected_value.as_object()), ("shared unprotected header", shared), ("recipient header", own)], &whose, &mut findings);
        let key_text = string_member(recipient, "encrypted_key", &whose, &mut findings).unwrap_or_default().to_string();
        let encrypted_key = jwt::decode_part(&key_text, &format!("{}encrypted key", whose.to_lowercase()), &mut findings);
        headers.push((header.clone(), key_text));
        if check.is_some() || keys.is_empty() {
            continue;
        }
        let sealed = [encrypted_key, iv.clone(), ciphertext.clone(), tag.clone()];
        let mut tried = Vec::new();
        let mut out = None;
        let result = jwt::decrypt(&header, &authenticated, &sealed, keys, &mut tried, &mut out);
        if result.status == CheckStatus::Pass {
            let mut message = result.message;
            if count > 1 {
                message = format!("{message}, as recipient {} of {count}", i.saturating_add(1));
            }
            check = Some(Check::new(CheckStatus::Pass, message));
            findings.extend(tried.into_iter().filter(|f| f.code == Code::JweRsa15));
            plaintext = out;
        } else if first_failure.is_none() {
            let tried = tried.into_iter().map(|mut f| {
                f.message = format!("{whose}{}", f.message);
                f
            });
            first_failure = Some((result, tried.collect()));
        }
    }
    let check = match (check, first_failure) {
        (Some(check), _) => check,
        (None, Some((failed, found))) => {
            findings.extend(found);
            failed
        }
        (None, None) if keys.is_empty() => {
            let alg = headers.first().and_then(|(h, _)| h.get("alg").and_then(Value::as_str)).unwrap_or("?").to_string();
            let enc = headers.first().and_then(|(h, _)| h.get("enc").and_then(Value::as_str)).unwrap_or("?").to_string();
            Check::new(CheckStatus::Skip, format!("No key was supplied to decrypt `{alg}` / `{enc}`"))
        }
        (None, None) => Check::new(CheckStatus::Fail, "The JWE has no recipient to decrypt for"),
    };
    let header = headers.first().map(|(h, _)| h.clone()).unwrap_or(Value::Null);
    let mut payload = Value::Null;
    let mut nested = None;
    if let Some(bytes) = &plaintext {
        match std::str::from_utf8(bytes) {
            Ok(text) if jwt::looks_compact(text.trim()) => nested = Some(text.trim().to_string()),
            _ => payload = readable(bytes),
        }
    } else {
        let alg = header.get("alg").and_then(Value::as_str).unwrap_or("?");
        let enc = header.get("enc").and_then(Value::as_str).unwrap_or("?");
        findings.push(jwt::header_findings::encrypted(alg, enc, "The JWE", "content"));
    }
    let mut checked = Vec::new();
    let claims = if looks_like_claims(&payload) { payload.clone() } else { Value::Null };
    let why = match (&nested, plaintext.is_some()) {
        (Some(_), _) => "The claims are in the nested token below",
        (None, true) => "The content is not a claims set",
        (None, false) => "The content is encrypted",
    };
    let (exp, nbf, iat, aud, iss, scope, times) = jwt::claim_checks(&header, &claims, why, ctx, &mut findings, &mut checked);
    let key_text = headers.first().map(|(_, k)| k.as_str()).unwrap_or_default();
    let compact = format!("{protected}.{key_text}.{iv_text}.{ciphertext_text}.{tag_text}");
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("?");
    let enc = header.get("enc").and_then(Value::as_str).unwrap_or("?");
    let form = if general { "general" } else { "flattened" };
    let mut summary = match count {
        1 => format!("JWE in {form} JSON serialization, `{alg}` / `{enc}`"),
        n => format!("JWE in {form} JSON serialization for {n} recipients, `{enc}`"),
    };
    if aad.is_some() {
        summary.push_str(", with `aad`");
    }
    let token = TokenReport {
        input,
        form: TokenForm::Jwe,
        parts: compact.split('.').map(Secret::new).collect(),
        token: Secret::new(compact),
        header,
        payload,
        checks: TokenChecks { signature: check, exp, nbf, iat, aud, iss, scope },
        times,
        x5c: Vec::new(),
    };
    Outcome { token, findings, checked, summary, nested }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::JoseJsonMalformed,
        meaning: "A JWS or JWE in JSON serialization does not have the required structure: a member has the wrong type (not a base64url string or JSON object), both `signatures` and `signature` are present, `signatures` is empty or not an array of objects, an entry has no `signature`, the signatures disagree on `b64`, or a JWE lacks a required member or has an invalid `recipients` array.",
        why: "A verifier cannot read a signature or ciphertext from an object of the wrong shape, and libraries disagree on how to read ambiguous forms, so the message is rejected as invalid and the request that carries it is refused.",
        caller: "Produce the object with a JOSE library's JSON serialization (general form with `signatures`, or flattened form with `protected`, `payload`, `signature`) rather than assembling it by hand, and send it unmodified.",
        owner: "Log the parse error your JOSE library reports; reject ambiguous objects consistently rather than choosing one of the two forms.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JoseHeaderInBothParts,
        meaning: "A header parameter appears in more than one of the protected header, the unprotected `header` (and, for JWE, the shared unprotected header).",
        why: "RFC 7515 §7.2.1 and RFC 7516 §7.2.1 require the header parts to be disjoint, and conforming libraries reject a message that repeats a parameter, so verification fails.",
        caller: "Put each header parameter in exactly one place, normally the protected header, when building the JWS or JWE.",
        owner: "Keep rejecting such messages; the library's error names the duplicated parameter, so log it to help callers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JoseAlgUnprotected,
        meaning: "In a JSON-serialized JWS, `alg` appears only in the unprotected `header`, so the signature does not cover it.",
        why: "An unprotected `alg` can be changed by anyone in transit, which is why many verifiers and profiles require it in the protected header and reject the message; others accept it, so this is a warning rather than an outright failure.",
        caller: "Move `alg` (and `kid`) into the protected header before signing.",
        owner: "Configure the verifier to require `alg` in the protected header and to use only the algorithms allowed for the key, which makes unprotected `alg` harmless.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DetachedContentMismatch,
        meaning: "The JWS has detached content (empty or absent `payload`), and none of the texts pasted beside it verifies the signature, whether read as base64url or as is (`b64: false`).",
        why: "The verifier rebuilds the signing input from the content it received; if that content differs by even one byte (re-serialized JSON, changed whitespace or line endings, different encoding), the signature fails and the request is refused.",
        caller: "Sign the exact bytes you send and do not re-serialize the body after signing; check whether the content is expected base64url-encoded or unencoded (`b64: false`, RFC 7797), and paste the exact body here to test.",
        owner: "Log the length and hash of the content the verifier used; check that the framework gives the verifier the raw request body, not a parsed and re-serialized copy.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DetachedContentVerified,
        meaning: "The JWS has detached content, and a text pasted beside it (on the line named) verifies the signature with the key supplied.",
        why: "This is a note: it shows the signature and the content agree, so a refusal comes from elsewhere (the key the server uses, the header or claims, or a body changed on the way); when the request was accepted, nothing more needs explaining.",
        caller: "If the server still refused the request, check that the server receives exactly these bytes and uses the same key; otherwise nothing needs fixing.",
        owner: "When a verified signature is refused, log the content the server verified against and the key id it selected.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DetachedContentAbsent,
        meaning: "The JWS's `payload` is empty or absent, so the content travels separately (RFC 7515 Appendix F), and no content was pasted beside it.",
        why: "Without the content the signature cannot be checked here; a refusal may or may not come from the content, so this warning only marks a gap in what was analysed.",
        caller: "Paste the detached content (usually the HTTP request body, exactly as sent) together with the JWS and the signer's key to verify it.",
        owner: "Document where the detached content comes from (for example the request body or a named header) so callers and verifiers use the same bytes.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AcmeUrlMismatch,
        meaning: "The ACME request's protected header `url` differs from the URL the request was actually sent to.",
        why: "RFC 8555 §6.4 requires the server to check that `url` equals the request URL and to reject a mismatch with `unauthorized`, so a signed body reused for another endpoint, or a URL changed by a proxy, is refused.",
        caller: "Set `url` in the protected header to the exact URL you post to (from the directory or the `Location` of the resource), and sign a new request for each endpoint.",
        owner: "If the ACME server sits behind a proxy, check that it compares `url` with the external URL clients use, not the internal one.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AcmeHeaderIncomplete,
        meaning: "The ACME request's JWS does not have the form RFC 8555 requires: it uses the general JSON form, has an unprotected `header`, lacks `nonce` or `url` in the protected header, or has both or neither of `jwk` and `kid`.",
        why: "RFC 8555 §6.2 requires a flattened JWS with exactly these protected members, and the server rejects anything else as `malformed` before it looks at the signature.",
        caller: "Use an ACME client library, or build a flattened JWS with `alg`, `nonce`, `url` and either `jwk` (for `newAccount` and revocation by certificate key) or `kid` (the account URL) in the protected header.",
        owner: "Keep rejecting these requests with a `malformed` problem document whose `detail` names the missing or extra member.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AcmeMacAlgorithm,
        meaning: "The ACME request is signed with `alg` `none` or an HMAC algorithm (`HS256` and similar).",
        why: "RFC 8555 §6.2 forbids `none` and MAC algorithms for ACME requests, so the server refuses the request (as `badSignatureAlgorithm`) whatever the signature value.",
        caller: "Sign with the account's asymmetric key using an algorithm such as `ES256` or `RS256`; HMAC is used only inside `externalAccountBinding`, not for the outer JWS.",
        owner: "Return `badSignatureAlgorithm` with the list of accepted algorithms in `algorithms`, so clients can switch.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_recognised_by_their_members() {
        let cases = [
            (r#"{"payload":"e30","signatures":[]}"#, Some(Kind::Jws)),
            (r#"{"protected":"e30","signature":"AA"}"#, Some(Kind::Jws)),
            (r#"{"protected":"e30","ciphertext":"AA","iv":"AA","tag":"AA"}"#, Some(Kind::Jwe)),
            (r#"{"keys":[{"kty":"oct","k":"AA"}],"signature":"x","payload":"y"}"#, None),
            (r#"{"signature":"AA"}"#, None),
            (r#"{"exp":1,"iat":2,"aud":"x"}"#, None),
        ];
        for (text, want) in cases {
            let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else { panic!("{text}") };
            assert_eq!(kind(&object), want, "{text}");
        }
    }

    #[test]
    fn objects_are_found_with_their_lines() {
        let text = "POST /x HTTP/1.1\n\n{\n \"protected\": \"e30\",\n \"payload\": \"\",\n \"signature\": \"AA\"\n}\n{\"kty\":\"oct\"}";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].end_line), (3, 7));
    }

    #[test]
    fn urls_compare_with_and_without_the_scheme() {
        assert!(same_url("https://acme.example/new-order", "https://acme.example/new-order"));
        assert!(!same_url("https://acme.example/new-order", "https://acme.example/new-account"));
        assert!(same_url("https://acme.example/new-order", "//acme.example/new-order"));
        assert!(!same_url("https://acme.example/new-order", "//acme.example/acme/new-order"));
    }
}
