//! JSON Web Tokens: splitting, strict decoding, and the checks that need no key.
//!
//! [`analyze`] never fails: it returns whatever it could decode plus a finding for everything
//! that was wrong, so a damaged token still shows its readable parts.

pub mod claims;

/// The findings about a JOSE header's `alg` and encryption, shared by compact tokens and the JSON
/// serialization (`jose/json.rs`), so that each code is built here only.
pub(crate) mod header_findings {
    use crate::findings::{Code, Finding};

    pub(crate) fn unsigned(alg: &str, what: &str) -> Finding {
        Finding::new(Code::TokenUnsigned, format!("The header says `\"alg\": \"{alg}\"`: the {what} carries no signature"))
    }

    pub(crate) fn no_alg() -> Finding {
        Finding::new(Code::TokenHeaderNoAlg, "The header has no `alg` parameter")
    }

    pub(crate) fn alg_not_string(value: &serde_json::Value) -> Finding {
        Finding::new(Code::TokenAlgNotString, format!("`alg` is `{value}`"))
    }

    /// `what` is "The token" or "The JWE"; `content` what cannot be read ("claims", "content").
    pub(crate) fn encrypted(alg: &str, enc: &str, what: &str, content: &str) -> Finding {
        Finding::new(
            Code::TokenEncrypted,
            format!("{what} is encrypted with `alg` `{alg}` and `enc` `{enc}`; its {content} cannot be read without the recipient's key"),
        )
    }
}
pub mod dictionary;
pub mod segment;
pub mod time;

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::jose;
use crate::jose::key::{CertInfo, Key};
use crate::jose::signature::Signed;
use crate::jose::verify::Verifier;
use crate::report::{Check, CheckStatus, TokenChecks, TokenForm, TokenReport};
use crate::secret::Secret;
use crate::steps::StepId;
use segment::{Deviation, Undecodable};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// Tokens larger than this do not fit the header limits common in proxies and servers.
const LARGE_TOKEN: usize = 8 * 1024;

/// The name of each part of a signed token, and of an encrypted one.
const JWS_PARTS: [&str; 3] = ["header", "payload", "signature"];
const JWE_PARTS: [&str; 5] = ["header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"];

/// The result of analysing one token.
pub struct Analysis {
    pub token: TokenReport,
    pub findings: Vec<Finding>,
    /// Checklist steps the analysis examined.
    pub checked: Vec<StepId>,
    /// A token found inside the decrypted payload (a nested JWT), to be inspected in turn.
    pub nested: Option<String>,
}

/// Whether a decrypted plaintext is a compact token (a nested JWT) rather than text that happens
/// to hold dots.
pub(crate) fn looks_compact(text: &str) -> bool {
    let parts = text.split('.').count();
    (parts == 3 || parts == 5) && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='))
}

/// The `alg` of a decoded header, when it is a string.
pub fn alg(header: &Value) -> Option<&str> {
    header.get("alg").and_then(Value::as_str)
}

/// Analyses one token as it was found in the input (it may contain stray white space).
pub fn analyze(found: &str, input: usize, ctx: &Context, keys: &[Key], verifier: &dyn Verifier) -> Analysis {
    let mut findings = Vec::new();
    // A token wrapped over lines loses its whitespace (`char::is_whitespace`, which also counts
    // the vertical tab); the usual unwrapped one is copied as it is.
    let compact: String = if found.bytes().any(|b| b.is_ascii_whitespace() || b == 0x0b) || !found.is_ascii() {
        found.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        found.to_string()
    };
    if compact.len() != found.len() {
        findings.push(Finding::new(
            Code::TokenContainsWhiteSpace,
            "The token contains spaces or line breaks; they were removed to read it, but a server reads them as part of the token",
        ));
    }
    if compact.len() > LARGE_TOKEN {
        findings.push(Finding::new(Code::TokenVeryLarge, format!("The token is {} bytes long; with `Bearer ` it exceeds 8 KB", compact.len())));
    }
    let parts: Vec<&str> = compact.split('.').collect();
    let form = if parts.len() == 5 { TokenForm::Jwe } else { TokenForm::Jws };
    let names: &[&str] = if form == TokenForm::Jwe { &JWE_PARTS } else { &JWS_PARTS };

    if parts.len() != 3 && parts.len() != 5 {
        let detail = match parts.len() {
            1 => "1 part and no `.`".to_string(),
            2 => "2 parts: the signature is missing".to_string(),
            n => format!("{n} parts"),
        };
        findings.push(Finding::new(Code::TokenNotThreeParts, format!("The token has {detail}; a signed JWT has 3 parts and an encrypted one 5")));
    }

    let mut header = Value::Null;
    let mut payload = Value::Null;
    let mut signature_bytes = None;
    // The binary parts of an encrypted token: key, IV, ciphertext, tag.
    let mut sealed: Vec<Option<Vec<u8>>> = Vec::new();
    // Parts past the fifth belong to no JWT form: JWT010 counts them, and decoding each would
    // add findings per part (a line of `a.a.a…` has millions of parts).
    for (index, part) in parts.iter().enumerate().take(5) {
        let name = names.get(index).copied().unwrap_or("extra part");
        let bytes = decode_part(part, name, &mut findings);
        let is_json = index == 0 || (index == 1 && form == TokenForm::Jws);
        match bytes {
            Some(bytes) if is_json => {
                let value = parse_json(&bytes, name, &mut findings);
                if index == 0 {
                    header = value;
                } else {
                    payload = value;
                }
            }
            Some(bytes) if index == 2 && form == TokenForm::Jws => signature_bytes = Some(bytes),
            bytes if form == TokenForm::Jwe && index > 0 => sealed.push(bytes),
            _ => {}
        }
    }

    let mut jwe_check = None;
    let mut nested = None;
    let mut decrypted = None;
    if form == TokenForm::Jwe && header.is_object() {
        let check = decrypt(&header, parts.first().copied().unwrap_or_default(), &sealed, keys, &mut findings, &mut decrypted);
        if let Some(plaintext) = decrypted.as_deref() {
            match std::str::from_utf8(plaintext) {
                Ok(text) if looks_compact(text.trim()) => nested = Some(text.trim().to_string()),
                _ => payload = parse_json(plaintext, "decrypted payload", &mut findings),
            }
        }
        jwe_check = Some(check);
    }

    if form == TokenForm::Jws && parts.len() == 3 && parts.get(2).is_some_and(|s| s.is_empty()) && alg(&header).is_some_and(|a| !a.eq_ignore_ascii_case("none"))
    {
        findings.push(Finding::new(Code::TokenEmptySignature, "The signature part is empty"));
    }

    let (x5c, x5c_key) = x5c_chain(&header, &mut findings);
    let signature = match (form, header.get("alg"), &signature_bytes) {
        (TokenForm::Jws, Some(Value::String(alg)), Some(sig)) if parts.len() == 3 && !alg.eq_ignore_ascii_case("none") => {
            jose::signature::header_dangers(&header, &mut findings);
            // The protected header and the payload, as sent: `parts` has three elements here.
            let signing_input = parts.get(..2).unwrap_or_default().join(".");
            let signed = Signed { header: &header, alg, signing_input: signing_input.as_bytes(), signature: sig, unencoded: false };
            match x5c_key.filter(|_| ctx.trust_x5c) {
                Some(leaf) => {
                    let how = if keys.is_empty() { "checked only" } else { "also checked" };
                    findings.push(Finding::new(
                        Code::VerifiedWithOwnX5c,
                        format!("The token was {how} with the leaf certificate of its own `x5c` chain, as asked; that proves only that the token matches the certificate its author attached"),
                    ));
                    // Trusted on request, the certificate is held to its dates like a supplied one.
                    findings.extend(leaf.certificate.as_ref().and_then(|cert| cert.validity(ctx.now)));
                    let mut with_leaf = keys.to_vec();
                    with_leaf.push(leaf);
                    jose::signature::check(&signed, &with_leaf, verifier, &mut findings)
                }
                None if keys.is_empty() && !ctx.keys.is_empty() => {
                    Check::new(CheckStatus::Skip, "The supplied key could not be read (see its finding), so the signature was not verified")
                }
                None => jose::signature::check(&signed, keys, verifier, &mut findings),
            }
        }
        _ => jwe_check.unwrap_or_else(|| signature_check(&header, form, parts.len(), !ctx.keys.is_empty(), &mut findings)),
    };

    // A signature over text that is not strict base64url proves nothing a strict verifier accepts.
    let loose = findings.iter().any(|f| {
        matches!(
            f.code,
            Code::TokenPartNotBase64url
                | Code::TokenPartPadded
                | Code::TokenPartStandardBase64
                | Code::TokenPartNonCanonicalBase64url
                | Code::TokenContainsWhiteSpace
        )
    });
    let signature = if loose && form == TokenForm::Jws && signature.status == CheckStatus::Pass {
        Check::new(CheckStatus::Fail, format!("{}, but the token is not strict base64url, so strict verifiers refuse it", signature.message))
    } else {
        signature
    };

    let mut checked = Vec::new();
    let why = match (form, &nested) {
        (_, Some(_)) => "The claims are in the nested token below",
        (TokenForm::Jwe, None) => "The claims are encrypted",
        _ => "The claims could not be read",
    };
    let (exp, nbf, iat, aud, iss, scope, times) = claim_checks(&header, &payload, why, ctx, &mut findings, &mut checked);
    if signature.status == CheckStatus::Pass {
        checked.push(StepId::TokenSignature);
    }

    if form == TokenForm::Jwe && decrypted.is_none() {
        let enc = header.get("enc").and_then(Value::as_str).unwrap_or("?");
        findings.push(header_findings::encrypted(alg(&header).unwrap_or("?"), enc, "The token", "claims"));
    }

    let token = TokenReport {
        input,
        form,
        token: Secret::new(compact.clone()),
        parts: parts.iter().map(|p| Secret::new(*p)).collect(),
        header,
        payload,
        x5c,
        checks: TokenChecks { signature, exp, nbf, iat, aud, iss, scope },
        times,
    };
    Analysis { token, findings, checked, nested }
}

/// The time and claim checks of a decoded payload, or `why` as each check's skip reason when it
/// is not a claims object.
#[allow(clippy::type_complexity)]
pub(crate) fn claim_checks(
    header: &Value,
    payload: &Value,
    why: &str,
    ctx: &Context,
    findings: &mut Vec<Finding>,
    checked: &mut Vec<StepId>,
) -> (Check, Check, Check, Check, Check, Check, Vec<crate::report::TimeClaim>) {
    match payload {
        Value::Object(claims) => {
            let t = time::check(claims, ctx);
            findings.extend(t.findings);
            checked.push(StepId::TokenExpiry);
            let c = claims::check(header, claims, &ctx.expect);
            findings.extend(c.findings);
            checked.extend(c.checked);
            (t.exp, t.nbf, t.iat, c.aud, c.iss, c.scope, t.times)
        }
        _ => (skip(why), skip(why), skip(why), skip(why), skip(why), skip(why), Vec::new()),
    }
}

/// Decrypts an encrypted token with the supplied keys; the plaintext goes to `out`.
pub(crate) fn decrypt(
    header: &Value,
    protected: &str,
    sealed: &[Option<Vec<u8>>],
    keys: &[Key],
    findings: &mut Vec<Finding>,
    out: &mut Option<Vec<u8>>,
) -> Check {
    let alg = alg(header).unwrap_or("?");
    let enc = header.get("enc").and_then(Value::as_str).unwrap_or("?");
    if keys.is_empty() {
        return skip(format!("No key was supplied to decrypt `{alg}` / `{enc}`"));
    }
    let [Some(encrypted_key), Some(iv), Some(ciphertext), Some(tag)] = sealed else {
        return Check::new(CheckStatus::Fail, "A part of the encrypted token cannot be decoded");
    };
    if alg == "RSA1_5" {
        findings.push(Finding::new(Code::JweRsa15, "The content key is encrypted with `RSA1_5` (RSAES-PKCS1-v1_5)"));
    }
    let parts = jose::jwe::Parts { protected, header, encrypted_key, iv, ciphertext, tag };
    match jose::jwe::decrypt(&parts, keys) {
        Ok(done) => {
            *out = Some(done.plaintext);
            Check::new(CheckStatus::Pass, format!("Decrypted and authenticated with {} (`{alg}` / `{enc}`)", done.key))
        }
        Err(jose::jwe::Failure::Unsupported(what)) => {
            findings.push(Finding::new(Code::JweAlgorithmUnsupported, format!("The token uses {what}, which this page does not implement")));
            Check::new(CheckStatus::Fail, format!("Cannot decrypt: {what} is not supported"))
        }
        Err(jose::jwe::Failure::NoKey(why)) => {
            findings.push(Finding::new(Code::JweUndecryptable, format!("No supplied key can decrypt the token: {why}")));
            Check::new(CheckStatus::Fail, "No supplied key can decrypt the token")
        }
        Err(jose::jwe::Failure::Failed(why)) => {
            findings.push(Finding::new(Code::JweUndecryptable, format!("The token does not decrypt {why}")));
            Check::new(CheckStatus::Fail, format!("Does not decrypt {why}"))
        }
    }
}

/// The certificates of an `x5c` header (standard base64 DER, leaf first), and the leaf's key.
pub(crate) fn x5c_chain(header: &Value, findings: &mut Vec<Finding>) -> (Vec<CertInfo>, Option<Key>) {
    use base64::Engine;
    let Some(chain) = header.get("x5c").and_then(Value::as_array) else { return (Vec::new(), None) };
    let mut certificates = Vec::new();
    let mut leaf = None;
    for (i, entry) in chain.iter().enumerate().take(16) {
        let origin = format!("certificate {} of the token's `x5c`", i.saturating_add(1));
        let der = entry.as_str().and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok());
        match der.map(|der| jose::key::certificate(&der, &origin)) {
            Some(Ok(key)) => {
                certificates.extend(key.certificate.clone());
                if i == 0 {
                    leaf = Some(key);
                }
            }
            Some(Err(why)) => findings.push(Finding::new(Code::X5cUnreadable, format!("The {origin} cannot be read: {why}"))),
            None => {
                findings.push(Finding::new(Code::X5cUnreadable, format!("The {origin} is not a base64 string (`x5c` uses standard base64, not base64url)")))
            }
        }
    }
    (certificates, leaf)
}

fn skip(message: impl Into<String>) -> Check {
    Check::new(CheckStatus::Skip, message)
}

/// The signature check of a token whose signature cannot be verified at all.
/// With a key supplied the check fails (the contract: `pass` only when a supplied key verifies
/// the token, `skip` only when none was given).
fn signature_check(header: &Value, form: TokenForm, parts: usize, keyed: bool, findings: &mut Vec<Finding>) -> Check {
    if form == TokenForm::Jwe {
        return skip("An encrypted token is authenticated by its decryption");
    }
    match header.get("alg") {
        _ if header.is_null() && keyed => Check::new(CheckStatus::Fail, "The header could not be read, so no supplied key can verify the token"),
        _ if header.is_null() => skip("The header could not be read"),
        None => {
            findings.push(header_findings::no_alg());
            Check::new(CheckStatus::Fail, "No `alg` in the header")
        }
        Some(Value::String(a)) if a.eq_ignore_ascii_case("none") => {
            findings.push(header_findings::unsigned(a, "token"));
            Check::new(CheckStatus::Fail, format!("`alg` is `{a}`: the token is unsigned"))
        }
        Some(Value::String(_)) if parts != 3 => Check::new(CheckStatus::Fail, "The token is not `header.payload.signature`"),
        Some(Value::String(_)) => Check::new(CheckStatus::Fail, "The signature part cannot be decoded"),
        Some(other) => {
            findings.push(header_findings::alg_not_string(other));
            Check::new(CheckStatus::Fail, "`alg` is not a string")
        }
    }
}

pub(crate) fn decode_part(part: &str, name: &str, findings: &mut Vec<Finding>) -> Option<Vec<u8>> {
    match segment::decode(part) {
        Ok((bytes, deviations)) => {
            for deviation in deviations {
                findings.push(match deviation {
                    Deviation::Padding => Finding::new(Code::TokenPartPadded, format!("The {name} ends in `=` padding")),
                    Deviation::StandardAlphabet { ch, at } => Finding::new(
                        Code::TokenPartStandardBase64,
                        format!("The {name} contains `{ch}` (first at character {}), from the standard base64 alphabet", at.saturating_add(1)),
                    ),
                    Deviation::TrailingBits => {
                        Finding::new(Code::TokenPartNonCanonicalBase64url, format!("The last character of the {name} has non-zero unused bits"))
                    }
                });
            }
            Some(bytes)
        }
        Err(why @ (Undecodable::InvalidChar { .. } | Undecodable::Length(_))) => {
            findings.push(Finding::new(Code::TokenPartNotBase64url, format!("The {name} cannot be decoded: {}", why.describe())));
            None
        }
    }
}

pub(crate) fn parse_json(bytes: &[u8], name: &str, findings: &mut Vec<Finding>) -> Value {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            findings.push(Finding::new(Code::TokenPartNotUtf8, format!("The {name} has a byte that is not UTF-8 at offset {}", e.valid_up_to())));
            return Value::Null;
        }
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => {
            report_duplicates(text, name, findings);
            Value::Object(map)
        }
        Ok(other) => {
            findings.push(Finding::new(Code::TokenPartNotObject, format!("The {name} is a JSON {}, not an object", json_type(&other))));
            Value::Null
        }
        Err(_) if name == "payload" && text.is_empty() => {
            // `header..signature`: a JWS whose content travels apart from it (RFC 7515 Appendix F,
            // RFC 7797 §5), not a JWT: there are no claims to check.
            findings.push(Finding::new(
                Code::TokenPartNotJson,
                "The payload part is empty: this is a JWS with detached content (RFC 7515 Appendix F), whose content is sent separately, not a JWT; it carries no claims, and its signature can only be checked against that content",
            ));
            Value::Null
        }
        Err(e) => {
            findings.push(Finding::new(Code::TokenPartNotJson, format!("The {name} is not JSON: {e}; it starts with `{}`", preview(text))));
            Value::Null
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The first few characters of a text, for messages.
fn preview(text: &str) -> String {
    let mut shown: String = text.chars().take(24).filter(|c| !c.is_control()).collect();
    if text.chars().count() > 24 {
        shown.push('…');
    }
    shown.replace('`', "'")
}

/// Reports top-level member names that occur more than once (the JSON value keeps the last).
fn report_duplicates(text: &str, name: &str, findings: &mut Vec<Finding>) {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let Ok(TopLevelKeys(keys)) = deserializer.deserialize_map(KeysVisitor) else { return };
    let mut repeated: Vec<&str> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if keys.get(..i).unwrap_or_default().contains(key) && !repeated.contains(&key.as_str()) {
            repeated.push(key);
        }
    }
    if !repeated.is_empty() {
        let list: Vec<String> = repeated.iter().map(|k| format!("`{k}`")).collect();
        let mut finding = Finding::new(Code::TokenRepeatedMember, format!("The {name} repeats {}; the last value of each is shown", list.join(", ")));
        // A repeated member that decides how the token is verified or whether it is still valid
        // makes one token mean two things: verifiers differ on which copy counts (RFC 7515 §4 lets
        // them refuse it), so an attacker's copy may be the one a lenient verifier reads.
        let decisive: Vec<&str> = repeated.iter().copied().filter(|k| DECISIVE.contains(&(name, *k))).collect();
        if !decisive.is_empty() {
            finding.severity = crate::findings::Severity::Error;
            let list: Vec<String> = decisive.iter().map(|k| format!("`{k}`")).collect();
            finding.message.push_str(&format!(
                "; {} decides how the token is checked and verifiers differ on which copy counts, so treat the token as invalid",
                list.join(", ")
            ));
        }
        findings.push(finding);
    }
}

/// The header parameters and claims whose repetition makes a token ambiguous to verify.
const DECISIVE: [(&str, &str); 15] = [
    ("header", "alg"),
    ("header", "enc"),
    ("header", "crit"),
    ("header", "kid"),
    ("header", "zip"),
    ("header", "b64"),
    ("header", "jku"),
    ("header", "jwk"),
    ("header", "x5u"),
    ("header", "x5c"),
    ("payload", "exp"),
    ("payload", "nbf"),
    ("payload", "aud"),
    ("payload", "iss"),
    ("payload", "sub"),
];

struct TopLevelKeys(Vec<String>);
struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = TopLevelKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevelKeys, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(TopLevelKeys(keys))
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenNotThreeParts,
        meaning: "The token does not split into three parts (a JWS) or five parts (a JWE) at `.`; the message says how many parts there are, for example two when the signature is missing.",
        why: "A JWT library cannot even parse such a value as a compact JWS or JWE, so the server refuses it as malformed, usually with 401 `invalid_token`.",
        caller: "Send the complete token as issued; look for truncation in copying, a storage field or cookie that cut it, or code that dropped the last segment.",
        owner: "The server log typically shows a parse or malformed-token error; check any layer that stores or forwards the token (cookie size limits, header size limits) for truncation.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartNotBase64url,
        meaning: "A part of the token cannot be decoded as base64url at all: it has a character outside the alphabet or an impossible length; the message names the part.",
        why: "The server cannot decode the header, payload or signature, so it rejects the token as malformed before any signature check.",
        caller: "Send the token byte for byte as the issuer returned it; check for characters added or changed by URL encoding, HTML escaping, or copying from a formatted document.",
        owner: "Look for a decoding error in the API log; if tokens are passed through a URL or form, make sure they are not encoded or decoded twice on the way.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartPadded,
        meaning: "A part of the token ends in `=` padding, which JWS compact serialization does not use; the engine decoded it anyway.",
        why: "RFC 7515 defines base64url without padding, so strict decoders refuse padded parts while lenient ones strip the padding and accept them, so the same token works on one server and fails on another.",
        caller: "If the token was produced by your own code, encode with base64url and remove trailing `=`; if it came from an issuer, send it unchanged and report the padding to the issuer.",
        owner: "Make the issuer use unpadded base64url (RFC 7515 §2); if a strict library on the API refuses these tokens, its log shows a decoding error.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartStandardBase64,
        meaning: "A part of the token contains `+` or `/` from the standard base64 alphabet instead of `-` and `_`; the message gives the first position.",
        why: "JWS requires base64url (RFC 4648 §5); strict decoders refuse `+` and `/`, and a `+` in a URL or form value may also be turned into a space on the way, which breaks the token.",
        caller: "If your own code builds the token, use a base64url encoder; otherwise send it as issued and report the encoding to the issuer.",
        owner: "Fix the issuer to encode every part with base64url without padding; check the API log for a base64 decoding error.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartNonCanonicalBase64url,
        meaning: "The last character of a token part has non-zero unused bits, so it is not the canonical base64url encoding of the decoded bytes; typically the final character was changed.",
        why: "RFC 4648 §3.5 lets decoders reject non-canonical encodings; strict JWT libraries do, and since the signature is computed over the encoded text, an altered character usually also breaks the signature.",
        caller: "Send the token exactly as issued; compare it with the original to find the altered last character.",
        owner: "Check anything that rewrites the token on the way (templating, trimming, character replacement); the issuer's own output is normally canonical.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartNotJson,
        meaning: "A decoded token part is not valid JSON; a special case is an empty payload (`header..signature`), which is a JWS with detached content rather than a JWT and carries no claims.",
        why: "The server cannot read the header or the claims, so it rejects the token as malformed; a detached-content JWS cannot be verified without the content sent separately.",
        caller: "Check that the value sent is really the issuer's JWT (not another kind of token or a fragment) and that it was not altered.",
        owner: "Check which component produced the token; an API that expects JWT access tokens must receive one whose header and payload are JSON objects.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartNotObject,
        meaning: "A decoded token part is valid JSON but not an object (for example a string, array or number); the message names its JSON type.",
        why: "RFC 7519 requires the JOSE header and the claims set to be JSON objects, so verifiers refuse such a token as malformed.",
        caller: "Check that the token came from the expected issuer and is a JWT; report it to the issuer if so.",
        owner: "Make the issuer put a JSON object in the header and the payload; the API log should show a claims-parsing error.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPartNotUtf8,
        meaning: "A decoded token part contains a byte sequence that is not valid UTF-8; the message gives its offset.",
        why: "JOSE headers and claims are UTF-8 JSON, so a verifier cannot parse the part and refuses the token.",
        caller: "Send the token exactly as issued; if it was typed or converted between encodings, obtain it again.",
        owner: "Make the issuer serialise header and claims as UTF-8 JSON before base64url-encoding them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenHeaderNoAlg,
        meaning: "The token's JOSE header has no `alg` parameter.",
        why: "`alg` is required in every JWS header (RFC 7515 §4.1.1); without it a verifier cannot choose an algorithm and rejects the token.",
        caller: "Report it to the issuer; the header is covered by the signature and cannot be fixed by the caller.",
        owner: "Configure the issuer or the signing code to set `alg` (for example `RS256` or `ES256`) in every token it signs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenUnsigned,
        meaning: "The header's `alg` is `none` (in any letter case), so the token carries no signature and proves nothing about who wrote it.",
        why: "Anyone can create such a token, so APIs must refuse it (RFC 8725 §3.1); a correctly configured server answers with a 401.",
        caller: "Use the signed access token the issuer returns; if a test tool or library created this token, configure it to sign.",
        owner: "Make sure the API's verifier rejects `none` and only accepts an explicit allow-list of algorithms; an API that accepted this token would be a serious vulnerability.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenEmptySignature,
        meaning: "The token has three parts and a real `alg`, but the signature part is empty (`header.payload.`).",
        why: "An empty value never matches a signature for a real algorithm, so verification fails and the server answers 401.",
        caller: "Send the whole token including the third segment; check whether code splits the token or drops its last part.",
        owner: "If tokens arrive without a signature, check the issuer and any gateway that re-encodes tokens; the API should keep refusing them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenContainsWhiteSpace,
        meaning: "The token contains spaces, tabs or line breaks; the engine removed them to read it, but a server receives them as part of the value.",
        why: "White space is not part of the compact serialization, so the server's parser sees a different, malformed token and refuses it; a line break can also end the header early.",
        caller: "Remove the white space from the stored token (it usually comes from wrapping or copying from a terminal or document) and send it on one line.",
        owner: "No server change is needed; the API log typically shows a malformed-token or signature error for such requests.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenEncrypted,
        meaning: "The token has five parts and is a JWE; without the recipient's key the engine cannot read its claims, so the message names the `alg` and `enc` it uses.",
        why: "This note is not itself a cause: it matters when the API expects a signed (JWS) token and receives an encrypted one, or when it lacks the key to decrypt; otherwise the claims simply could not be checked here.",
        caller: "Supply the recipient's decryption key to the engine to check the claims, or confirm with the issuer whether this API is meant to receive encrypted tokens.",
        owner: "Check that the API holds the decryption key for the JWE's `kid` and supports its `alg` and `enc`, or configure the issuer not to encrypt tokens for this API.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenRepeatedMember,
        meaning: "The JSON of the header or the payload has the same member name more than once; the engine shows the last value, and raises the severity to an error when the repeated name decides verification or validity (such as `alg`, `kid`, `crit`, `jku`, `x5c`, `exp`, `nbf`, `aud`, `iss` or `sub`).",
        why: "RFC 7515 and RFC 7519 allow parsers to reject duplicate names or to use only the last one, so different libraries may read different values, refuse the token, or be misled into accepting a crafted one.",
        caller: "Report the token to the issuer; it must not be edited because the signature covers it.",
        owner: "Make the issuer emit each header parameter and claim once, and prefer a JWT library on the API that rejects duplicate member names.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenVeryLarge,
        meaning: "The compact token is longer than 8 KB, so together with `Bearer ` the header value exceeds 8 KB; typical causes are many group or role claims.",
        why: "Many servers and proxies cap a single header line or the total header size (commonly 8 KB), and refuse the request with 400, 431 or 494, or cut the header so the token fails to verify.",
        caller: "Request a token with fewer claims or scopes, or use a reference (opaque) token where the issuer offers one.",
        owner: "Reduce what the issuer puts into access tokens (groups overage patterns, fewer claims), or raise header limits consistently on every hop (for example nginx `large_client_header_buffers`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenAlgNotString,
        meaning: "The header's `alg` is present but is not a JSON string (for example a number, array or object).",
        why: "`alg` must be a case-sensitive string naming an algorithm, so no verifier can use it and the token is refused.",
        caller: "Report the token to the issuer; the header cannot be fixed without resigning.",
        owner: "Fix the signing code so that `alg` is a registered algorithm name string such as `RS256`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::X5cUnreadable,
        meaning: "An entry of the token's `x5c` is not a standard-base64 string or does not decode to a readable X.509 certificate.",
        why: "A verifier that relies on `x5c` cannot build the key from it and refuses the token; one that uses configured keys is not affected.",
        caller: "Nothing the caller can fix; report the malformed header to the issuer.",
        owner: "Put DER certificates encoded with standard base64 (not base64url) into `x5c`, the leaf first.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::VerifiedWithOwnX5c,
        meaning: "On request, the engine verified the token with the leaf certificate of its own `x5c` chain.",
        why: "A match only shows the token fits the certificate its author attached; it says nothing about whether the API trusts that certificate, so the API may still refuse it.",
        caller: "To know whether the API accepts the token, verify with the issuer's published keys instead.",
        owner: "If the API uses `x5c`, make sure it validates the chain to a trusted root before trusting the leaf key.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JweUndecryptable,
        meaning: "The encrypted token could not be decrypted: no supplied key fits its key-management algorithm, or decryption or authentication failed with the keys that fit.",
        why: "The API must decrypt the token to read its claims; if it lacks the right key or the token was encrypted for another recipient, it refuses the token.",
        caller: "Give the engine the key the token was encrypted for (the API's private key, or the shared `oct` key); if none decrypts it, the token was probably encrypted for a different recipient, so request one for this API.",
        owner: "Make sure the API holds the private key the issuer encrypts to (matching `kid`), and that the issuer uses this API's current public encryption key.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JweRsa15,
        meaning: "The JWE's content key is encrypted with `RSA1_5` (RSAES-PKCS1-v1_5).",
        why: "This algorithm is open to padding-oracle attacks (RFC 8725 §3.2), and many libraries have disabled it, so such a token may be refused outright.",
        caller: "Nothing the caller can change; report it to the issuer.",
        owner: "Switch the issuer to `RSA-OAEP-256` (or ECDH-ES) for key management and remove `RSA1_5` from the API's accepted algorithms.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JweAlgorithmUnsupported,
        meaning: "The JWE uses a key-management (`alg`) or content-encryption (`enc`) algorithm that this engine does not implement; the message names it.",
        why: "The claims could not be read here; a server without support for that algorithm also refuses the token.",
        caller: "Check with the issuer which algorithms are used, and whether the API supports them.",
        owner: "Use registered, widely supported algorithms such as `RSA-OAEP-256` or `ECDH-ES+A256KW` with `A256GCM`, and check what the API's library implements.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Severity;

    #[test]
    fn a_repeated_member_that_decides_verification_is_an_error() {
        let cases = [
            (r#"{"alg":"none","alg":"HS256"}"#, "header", Severity::Error),
            (r#"{"alg":"HS256","kid":"a","kid":"b"}"#, "header", Severity::Error),
            (r#"{"alg":"HS256","typ":"JWT","typ":"at+jwt"}"#, "header", Severity::Warning),
            (r#"{"sub":"a","exp":1,"exp":9999999999}"#, "payload", Severity::Error),
            (r#"{"sub":"a","name":"x","name":"y"}"#, "payload", Severity::Warning),
            // `alg` means nothing special in the payload.
            (r#"{"alg":"a","alg":"b"}"#, "payload", Severity::Warning),
        ];
        for (text, part, severity) in cases {
            let mut findings = Vec::new();
            report_duplicates(text, part, &mut findings);
            assert_eq!(findings.len(), 1, "{text}");
            assert_eq!(findings[0].severity, severity, "{text}: {}", findings[0].message);
            assert_eq!(findings[0].message.contains("treat the token as invalid"), severity == Severity::Error, "{}", findings[0].message);
        }
    }

    #[test]
    fn an_empty_payload_is_named_detached_content() {
        let mut findings = Vec::new();
        assert_eq!(parse_json(b"", "payload", &mut findings), Value::Null);
        assert!(findings[0].message.contains("detached content"), "{}", findings[0].message);
        let mut findings = Vec::new();
        parse_json(b"x", "payload", &mut findings);
        assert!(findings[0].message.contains("is not JSON"), "{}", findings[0].message);
    }
}
