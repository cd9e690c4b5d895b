//! DPoP proofs (RFC 9449): reading a `DPoP` header value and checking it against the request it
//! rode on.
//!
//! A proof is a JWT signed with the key its own header carries (`jwk`). [`read`] checks what the
//! proof says on its own: its `typ`, its algorithm, its key and signature, and the claims every
//! proof needs. [`against`] then compares it with its request: the method (`htm`), the URI
//! (`htu`, compared after RFC 3986 §6 normalisation), the time it was made (`iat`), the access
//! token's hash (`ath`) and the key the token is bound to (`cnf.jkt`, an RFC 7638 thumbprint).
//! The signature goes through the engine's [`Verifier`], so the page verifies it with WebCrypto.

use crate::findings::{Code, Finding};
use crate::jose::alg::{Alg, Family};
use crate::jose::verify::{Verifier, VerifyError};
use crate::jwt::segment;
use crate::report::{Check, CheckStatus, ProofChecks, ProofReport};
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// How old a proof may be, in seconds, before servers commonly refuse it (RFC 9449 §11.1 leaves
/// the window to the server; a few minutes is usual).
pub const WINDOW: i64 = 300;

/// The JWK members that are private key material (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
const PRIVATE_MEMBERS: [&str; 9] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// Whether a token is a DPoP proof by its header (`typ` `dpop+jwt`), whatever carried it.
pub fn looks_like_proof(text: &str) -> bool {
    let Some(first) = text.trim().split('.').next() else {
        return false;
    };
    let Ok((bytes, _)) = segment::decode(first) else {
        return false;
    };
    let Ok(Value::Object(header)) = serde_json::from_slice::<Value>(&bytes) else {
        return false;
    };
    header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("dpop+jwt"))
}

/// base64url(SHA-256(text)), the form of `ath` and of a JWK thumbprint.
pub fn sha256_b64(text: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(text))
}

/// The RFC 7638 thumbprint of a public JWK: SHA-256 over the JSON of its required members, in
/// lexicographic order and without white space. `None` when a required member is missing.
pub fn thumbprint(jwk: &Map<String, Value>) -> Option<String> {
    let members: &[&str] = match jwk.get("kty").and_then(Value::as_str)? {
        "EC" => &["crv", "kty", "x", "y"],
        "RSA" => &["e", "kty", "n"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        _ => return None,
    };
    let mut canonical = std::collections::BTreeMap::new();
    for name in members {
        canonical.insert(*name, jwk.get(*name)?.as_str()?);
    }
    let json = serde_json::to_string(&canonical).ok()?;
    Some(sha256_b64(json.as_bytes()))
}

fn check(status: CheckStatus, message: impl Into<String>) -> Check {
    Check::new(status, message)
}

fn skip(message: impl Into<String>) -> Check {
    check(CheckStatus::Skip, message)
}

/// Reads one proof and checks what it says on its own.
pub fn read(text: &str, input: usize, verifier: &dyn Verifier) -> (ProofReport, Vec<Finding>) {
    let compact: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let mut findings = Vec::new();
    let no_request = || skip("No request to compare with");
    let mut report = ProofReport {
        input,
        proof: Secret::new(compact.clone()),
        header: Value::Null,
        payload: Value::Null,
        jkt: None,
        request: None,
        checks: ProofChecks {
            typ: skip("The proof could not be read"),
            alg: skip("The proof could not be read"),
            jwk: skip("The proof could not be read"),
            signature: skip("The proof could not be read"),
            htm: no_request(),
            htu: no_request(),
            iat: skip("The proof could not be read"),
            jti: skip("The proof could not be read"),
            ath: no_request(),
            jkt: no_request(),
            nonce: skip("No nonce was asked for in this input"),
        },
    };
    let parts: Vec<&str> = compact.split('.').collect();
    let decoded = |i: usize| {
        parts
            .get(i)
            .and_then(|p| segment::decode(p).ok())
            .map(|(b, _)| b)
    };
    let json = |i: usize| {
        decoded(i)
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .filter(Value::is_object)
    };
    let (Some(header), Some(payload), 3) = (json(0), json(1), parts.len()) else {
        let shown: String = compact.chars().take(12).filter(|c| *c != '`').collect();
        findings.push(Finding::new(
            Code::ProofNotJwt,
            format!("The `DPoP` header holds `{shown}…` ({} characters), which is not a signed JWT of three readable parts", compact.chars().count()),
        ));
        return (report, findings);
    };
    report.header = header;
    report.payload = payload;
    let header = report.header.as_object().cloned().unwrap_or_default();
    let claims = report.payload.as_object().cloned().unwrap_or_default();
    let c = &mut report.checks;

    c.typ = match header.get("typ").and_then(Value::as_str) {
        Some("dpop+jwt") => check(CheckStatus::Pass, "`typ` is `dpop+jwt`"),
        Some(t) if t.eq_ignore_ascii_case("dpop+jwt") => {
            findings.push(Finding::new(
                Code::ProofTypeWrong,
                format!("The proof's `typ` is `{t}`; servers compare it exactly with `dpop+jwt`"),
            ));
            check(CheckStatus::Fail, format!("`typ` is `{t}`, not `dpop+jwt`"))
        }
        other => {
            let said = other.map_or("missing".to_string(), |t| format!("`{t}`"));
            findings.push(Finding::new(
                Code::ProofTypeWrong,
                format!("The proof's `typ` is {said}; a DPoP proof says `dpop+jwt`"),
            ));
            check(
                CheckStatus::Fail,
                format!("`typ` is {said}, not `dpop+jwt`"),
            )
        }
    };

    let alg_name = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let alg = Alg::from_name(alg_name).filter(|a| a.family() != Family::Hmac);
    c.alg = match alg {
        Some(a) => check(
            CheckStatus::Pass,
            format!("`{}` is an asymmetric algorithm", a.name()),
        ),
        None => {
            let why = if alg_name.is_empty() {
                "The proof has no `alg`".to_string()
            } else if alg_name.eq_ignore_ascii_case("none") {
                format!("The proof's `alg` is `{alg_name}`: it is unsigned")
            } else if Alg::from_name(alg_name).is_some() {
                format!("The proof's `alg` is `{alg_name}`, an HMAC algorithm: a shared secret proves no key of the client's own")
            } else {
                format!("The proof's `alg` is `{alg_name}`, which is not a JWS signature algorithm")
            };
            findings.push(Finding::new(Code::ProofAlgRefused, why));
            check(
                CheckStatus::Fail,
                format!("`{alg_name}` is not an asymmetric signature algorithm"),
            )
        }
    };

    let mut material = None;
    c.jwk = match header.get("jwk") {
        None => {
            findings.push(Finding::new(
                Code::ProofKeyMissing,
                "The proof's header has no `jwk`, so nothing says which key signed it",
            ));
            check(CheckStatus::Fail, "No `jwk` in the header")
        }
        Some(Value::Object(jwk)) => {
            let private: Vec<String> = PRIVATE_MEMBERS
                .iter()
                .filter(|m| jwk.contains_key(**m))
                .map(|m| format!("`{m}`"))
                .collect();
            report.jkt = thumbprint(jwk);
            let (keys, problems) = crate::jose::key::parse(
                &Value::Object(jwk.clone()).to_string(),
                "the proof's `jwk`",
            );
            material = keys.into_iter().next().map(|k| k.material);
            if !private.is_empty() {
                findings.push(Finding::new(
                    Code::ProofKeyPrivate,
                    format!("The proof's `jwk` holds the private member(s) {}: the private key was sent with the request", private.join(", ")),
                ));
                check(
                    CheckStatus::Fail,
                    format!(
                        "The `jwk` holds private key material ({})",
                        private.join(", ")
                    ),
                )
            } else if material.is_none() || report.jkt.is_none() {
                let why = problems
                    .first()
                    .map(|f| f.message.clone())
                    .unwrap_or_else(|| "its members are incomplete".into());
                findings.push(Finding::new(
                    Code::ProofKeyMissing,
                    format!("The proof's `jwk` cannot be read: {why}"),
                ));
                check(CheckStatus::Fail, "The `jwk` cannot be read")
            } else {
                let kind = material.as_ref().map(|m| m.describe()).unwrap_or_default();
                check(
                    CheckStatus::Pass,
                    format!(
                        "A public {kind} key, thumbprint `{}`",
                        report.jkt.as_deref().unwrap_or("")
                    ),
                )
            }
        }
        Some(other) => {
            findings.push(Finding::new(
                Code::ProofKeyMissing,
                format!("The proof's `jwk` is `{other}`, not a JSON object"),
            ));
            check(CheckStatus::Fail, "`jwk` is not an object")
        }
    };

    c.signature = match (alg, &material, decoded(2)) {
        (None, _, _) => skip("No asymmetric `alg` to verify with"),
        (_, None, _) => skip("No readable `jwk` to verify with"),
        (_, _, None) => {
            findings.push(Finding::new(
                Code::ProofSignatureInvalid,
                "The proof's signature part cannot be decoded",
            ));
            check(CheckStatus::Fail, "The signature part cannot be decoded")
        }
        (Some(alg), Some(key), Some(signature)) => {
            let signing_input = format!(
                "{}.{}",
                parts.first().copied().unwrap_or(""),
                parts.get(1).copied().unwrap_or("")
            );
            let outcome = match crate::jose::verify::signature_length(alg, key) {
                None => Err(VerifyError::WrongKeyType),
                Some(want) if want != signature.len() => Err(VerifyError::SignatureLength {
                    got: signature.len(),
                    want,
                }),
                Some(_) => verifier.verify(alg, key, signing_input.as_bytes(), &signature),
            };
            match outcome {
                Ok(()) => check(
                    CheckStatus::Pass,
                    format!("Verified with the proof's own `jwk` using `{}`", alg.name()),
                ),
                Err(VerifyError::Pending) => {
                    skip(format!("Verifying the `{}` signature…", alg.name()))
                }
                Err(VerifyError::WrongKeyType) => {
                    findings.push(Finding::new(
                        Code::ProofSignatureInvalid,
                        format!("The proof says `{}` but its `jwk` is a {} key, which cannot make that signature", alg.name(), key.describe()),
                    ));
                    check(
                        CheckStatus::Fail,
                        format!("A {} key cannot verify `{}`", key.describe(), alg.name()),
                    )
                }
                Err(e) => {
                    findings.push(Finding::new(
                        Code::ProofSignatureInvalid,
                        format!(
                            "The proof's `{}` signature does not verify with its own `jwk`: {}",
                            alg.name(),
                            e.describe()
                        ),
                    ));
                    check(
                        CheckStatus::Fail,
                        format!("Does not verify with the `jwk`: {}", e.describe()),
                    )
                }
            }
        }
    };

    let mut missing = Vec::new();
    for name in ["htm", "htu", "iat", "jti"] {
        if !claims.contains_key(name) {
            missing.push(format!("`{name}`"));
        }
    }
    if !missing.is_empty() {
        findings.push(Finding::new(
            Code::ProofClaimMissing,
            format!(
                "The proof has no {}; every DPoP proof carries `jti`, `htm`, `htu` and `iat`",
                missing.join(", ")
            ),
        ));
    }
    c.jti = match claims.get("jti") {
        Some(Value::String(j)) if !j.is_empty() => check(CheckStatus::Pass, format!("`jti` `{j}`")),
        Some(other) => {
            findings.push(Finding::new(
                Code::ProofClaimMissing,
                format!("The proof's `jti` is `{other}`; it must be a unique, non-empty string"),
            ));
            check(CheckStatus::Fail, "`jti` is not a non-empty string")
        }
        None => check(CheckStatus::Fail, "No `jti`"),
    };
    if !claims.contains_key("htm") {
        c.htm = check(CheckStatus::Fail, "No `htm`");
    }
    if !claims.contains_key("htu") {
        c.htu = check(CheckStatus::Fail, "No `htu`");
    }
    c.iat = if claims.contains_key("iat") {
        skip("Not compared with a time yet")
    } else {
        check(CheckStatus::Fail, "No `iat`")
    };
    (report, findings)
}

/// What the request a proof rode on shows.
pub struct Request<'a> {
    pub method: &'a str,
    /// The request's URL as far as the capture shows it (`//host/path` when the scheme is not
    /// known, `/path` when neither is).
    pub url: &'a str,
    /// The access token sent with it, and the scheme it was sent with.
    pub token: Option<(&'a str, &'a str)>,
    /// When the request was made, as far as the capture says (else the caller's clock).
    pub at: i64,
    /// Whether `at` comes from the capture rather than the caller's clock.
    pub dated: bool,
    pub skew: u64,
}

/// Compares a proof with the request it rode on, filling the request checks.
pub fn against(report: &mut ProofReport, request: &Request) -> Vec<Finding> {
    let mut findings = Vec::new();
    // A proof that could not be read has nothing to compare.
    let Some(claims) = report.payload.as_object().cloned() else {
        return findings;
    };
    let c = &mut report.checks;
    let text = |name: &str| claims.get(name).and_then(Value::as_str);

    if !request.method.is_empty() {
        report.request = Some(format!(
            "{} {}",
            request.method,
            crate::markdown::redact_url(request.url)
        ));
        if let Some(htm) = claims.get("htm") {
            c.htm = match htm.as_str() {
                Some(h) if h == request.method => check(
                    CheckStatus::Pass,
                    format!("`htm` is `{h}`, the request's method"),
                ),
                Some(h) => {
                    let case = if h.eq_ignore_ascii_case(request.method) {
                        "; methods are case-sensitive"
                    } else {
                        ""
                    };
                    findings.push(Finding::new(
                        Code::ProofMethodMismatch,
                        format!(
                            "The proof's `htm` is `{h}`, but the request is a `{}`{case}",
                            request.method
                        ),
                    ));
                    check(
                        CheckStatus::Fail,
                        format!("`htm` is `{h}`, the request is `{}`", request.method),
                    )
                }
                None => {
                    findings.push(Finding::new(
                        Code::ProofMethodMismatch,
                        format!("The proof's `htm` is `{htm}`, not a method name"),
                    ));
                    check(CheckStatus::Fail, "`htm` is not a string")
                }
            };
        }
        if let Some(htu) = claims.get("htu") {
            c.htu = match htu.as_str() {
                Some(h) => htu_check(h, request.url, &mut findings),
                None => {
                    findings.push(Finding::new(
                        Code::ProofUriMismatch,
                        format!("The proof's `htu` is `{htu}`, not a URI"),
                    ));
                    check(CheckStatus::Fail, "`htu` is not a string")
                }
            };
        }
    }

    if let Some(iat) = claims.get("iat") {
        c.iat = iat_check(iat, request, &mut findings);
    }

    let Some((scheme, token)) = request.token else {
        c.ath = match text("ath") {
            Some(_) => skip("An `ath` is present, but no access token was seen with the proof"),
            None if request.method.is_empty() => skip("No access token was seen with the proof"),
            None => check(
                CheckStatus::Pass,
                "No access token was sent, so no `ath` is needed",
            ),
        };
        c.jkt = skip("No access token was seen with the proof");
        return findings;
    };
    let want = sha256_b64(token.as_bytes());
    c.ath = match text("ath") {
        Some(ath) if ath == want => check(
            CheckStatus::Pass,
            "`ath` is the SHA-256 hash of the access token sent",
        ),
        Some(ath) => {
            findings.push(Finding::new(
                Code::ProofAthMismatch,
                format!("The proof's `ath` is `{ath}`, but the access token sent hashes to `{want}`: the proof was made for another token"),
            ));
            check(CheckStatus::Fail, "`ath` is the hash of another token")
        }
        None => {
            findings.push(Finding::new(
                Code::ProofAthMissing,
                format!("An access token was sent with the `{scheme}` scheme, but the proof has no `ath`; it should be `{want}`"),
            ));
            check(
                CheckStatus::Fail,
                "No `ath`, though an access token was sent",
            )
        }
    };
    c.jkt = match (bound_key(token), &report.jkt) {
        (Some(bound), Some(jkt)) if bound == *jkt => check(
            CheckStatus::Pass,
            format!("The token's `cnf.jkt` is the proof key's thumbprint `{jkt}`"),
        ),
        (Some(bound), Some(jkt)) => {
            findings.push(Finding::new(
                Code::TokenKeyMismatch,
                format!("The access token is bound to the key `{bound}` (`cnf.jkt`), but the proof is signed with the key `{jkt}`"),
            ));
            check(
                CheckStatus::Fail,
                format!("The token is bound to `{bound}`, the proof's key is `{jkt}`"),
            )
        }
        (Some(_), None) => skip("The proof's key has no thumbprint to compare"),
        (None, _) if token.starts_with("eyJ") => skip("The access token has no `cnf.jkt`"),
        (None, _) => {
            skip("The access token is opaque: only its issuer knows the key it is bound to")
        }
    };
    findings
}

/// The `cnf.jkt` of an access token that is a readable JWT.
pub fn bound_key(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let (bytes, _) = segment::decode(payload).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("cnf")?.get("jkt")?.as_str().map(str::to_string)
}

fn iat_check(iat: &Value, request: &Request, findings: &mut Vec<Finding>) -> Check {
    let Some(value) = iat.as_f64().filter(|v| v.is_finite()) else {
        findings.push(Finding::new(
            Code::ProofClaimMissing,
            format!("The proof's `iat` is `{iat}`, not a number of seconds"),
        ));
        return check(CheckStatus::Fail, "`iat` is not a number");
    };
    let value = value as i64;
    let skew = i64::try_from(request.skew).unwrap_or(i64::MAX);
    let when = crate::timefmt::utc(value).unwrap_or_else(|| value.to_string());
    let measured = if request.dated {
        "when the request was made"
    } else {
        "now"
    };
    let age = request.at.saturating_sub(value);
    if age < -skew {
        findings.push(Finding::new(
            Code::ProofIssuedInFuture,
            format!("The proof's `iat` ({when}) is {} ahead of {measured}, beyond the {skew} s allowed for clock skew: the client's clock is fast", crate::timefmt::duration(age.unsigned_abs())),
        ));
        return check(
            CheckStatus::Fail,
            format!(
                "Issued {} in the future",
                crate::timefmt::duration(age.unsigned_abs())
            ),
        );
    }
    if age > WINDOW.saturating_add(skew) {
        findings.push(Finding::new(
            Code::ProofTooOld,
            format!("The proof was made at {when}, {} before {measured}; servers accept proofs only a few minutes old ({WINDOW} s here, plus {skew} s of skew)", crate::timefmt::duration(age.unsigned_abs())),
        ));
        return check(
            CheckStatus::Fail,
            format!(
                "Made {} earlier",
                crate::timefmt::duration(age.unsigned_abs())
            ),
        );
    }
    check(
        CheckStatus::Pass,
        format!(
            "Made {} before {measured}, within the window",
            crate::timefmt::duration(age.max(0).unsigned_abs())
        ),
    )
}

/// A URL without its query and fragment, the form `htu` compares with.
fn without_query(url: &url::Url) -> url::Url {
    let mut bare = url.clone();
    bare.set_query(None);
    bare.set_fragment(None);
    bare
}

fn htu_check(htu: &str, request_url: &str, findings: &mut Vec<Finding>) -> Check {
    let Ok(proof) = url::Url::parse(htu) else {
        findings.push(Finding::new(
            Code::ProofUriMismatch,
            format!("The proof's `htu` `{htu}` is not an absolute URI"),
        ));
        return check(CheckStatus::Fail, "`htu` is not an absolute URI");
    };
    // What the capture shows of the request: a scheme and a host may be unknown.
    let (base, scheme_known, host_known) = if request_url.starts_with("//") {
        (format!("{}:{request_url}", proof.scheme()), false, true)
    } else if request_url.starts_with('/') {
        (
            format!(
                "{}://{}{request_url}",
                proof.scheme(),
                proof.host_str().unwrap_or("")
            ),
            false,
            false,
        )
    } else {
        (request_url.to_string(), true, true)
    };
    let Ok(sent) = url::Url::parse(&base) else {
        return skip(format!(
            "The request's URL `{}` cannot be read",
            crate::markdown::redact_url(request_url)
        ));
    };
    let sent = without_query(&sent);
    let mut loose = Vec::new();
    if proof.query().is_some() || proof.fragment().is_some() {
        loose.push("it includes the query or fragment, which `htu` leaves out".to_string());
    }
    let proof_bare = without_query(&proof);
    let mut differences = Vec::new();
    if scheme_known && proof_bare.scheme() != sent.scheme() {
        differences.push(format!(
            "the scheme is `{}` in `htu` but `{}` in the request: a proxy that ends TLS, or a client that builds `htu` from its own base URL, sees another scheme than the API",
            proof_bare.scheme(),
            sent.scheme()
        ));
    }
    if host_known && proof_bare.host_str() != sent.host_str() {
        differences.push(format!(
            "the host is `{}` in `htu` but `{}` in the request: build `htu` from the URL the request is sent to, not a gateway's or an internal name",
            proof_bare.host_str().unwrap_or(""),
            sent.host_str().unwrap_or("")
        ));
    } else if host_known && proof_bare.port_or_known_default() != sent.port_or_known_default() {
        differences.push(format!(
            "the port is {} in `htu` but {} in the request",
            proof_bare
                .port_or_known_default()
                .map_or("none".into(), |p| p.to_string()),
            sent.port_or_known_default()
                .map_or("none".into(), |p| p.to_string())
        ));
    }
    let (p, s) = (proof_bare.path(), sent.path());
    if p != s {
        let why = if p.trim_end_matches('/') == s.trim_end_matches('/') {
            format!("the paths differ only by a trailing `/` (`{p}` and `{s}`): paths are compared exactly")
        } else if p.eq_ignore_ascii_case(s) {
            format!("the paths differ in letter case (`{p}` and `{s}`): paths are case-sensitive")
        } else if let Some(prefix) = p.strip_suffix(s).filter(|x| !x.is_empty()) {
            format!("`htu` has the extra path prefix `{prefix}` (`{p}`, the request `{s}`): a proxy that strips a prefix before the API changes the path the server sees, so the server must compare with the public URL")
        } else if let Some(prefix) = s.strip_suffix(p).filter(|x| !x.is_empty()) {
            format!("the request's path has the extra prefix `{prefix}` (`{s}`, `htu` `{p}`): a proxy that adds a prefix changes the path the server sees, or the client signed the wrong URL")
        } else {
            format!("the path is `{p}` in `htu` but `{s}` in the request")
        };
        differences.push(why);
    }
    if !differences.is_empty() {
        findings.push(Finding::new(
            Code::ProofUriMismatch,
            format!(
                "The proof's `htu` `{htu}` is not the request's URI `{sent}`: {}",
                differences.join("; ")
            ),
        ));
        return check(CheckStatus::Fail, format!("`htu` is not `{sent}`"));
    }
    // Equal once normalised: say so when the text itself differs, since some servers compare text.
    let normal = proof_bare.as_str();
    let same_text = htu == normal || (proof_bare.path() == "/" && format!("{htu}/") == normal);
    if loose.is_empty() && !same_text {
        loose.push(format!("it is written `{htu}`, which RFC 3986 normalisation makes `{normal}` (scheme and host case, default port)"));
    }
    if !loose.is_empty() {
        findings.push(Finding::new(
            Code::ProofUriMatchesLoosely,
            format!("The proof's `htu` matches the request only loosely: {}; servers that compare the text refuse it", loose.join("; ")),
        ));
        return check(
            CheckStatus::Warn,
            format!("Matches `{sent}` only after normalisation"),
        );
    }
    check(CheckStatus::Pass, format!("`htu` is `{sent}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::verify::RustCrypto;

    /// RFC 9449 §4.1 (Figure 3): the proof of a token request.
    const RFC_TOKEN_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
    /// RFC 9449 §7.1 (Figure 13): the proof of a resource request, with `ath`.
    const RFC_RESOURCE_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
    /// RFC 9449 §7.1: the access token of that request.
    const RFC_TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    /// RFC 9449 §6.1: the `cnf.jkt` of a token bound to the key of the examples.
    const RFC_JKT: &str = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str::<Value>(json)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    }

    #[test]
    fn rfc_7638_thumbprint_example() {
        // RFC 7638 §3.1: the RSA key and its thumbprint.
        let jwk = object(
            r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#,
        );
        assert_eq!(
            thumbprint(&jwk).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
        assert_eq!(
            thumbprint(&object(r#"{"kty":"EC","crv":"P-256","x":"a"}"#)),
            None,
            "a missing member"
        );
    }

    #[test]
    fn rfc_9449_token_request_proof_verifies_and_names_its_key() {
        let (report, findings) = read(RFC_TOKEN_PROOF, 0, &RustCrypto);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(report.jkt.as_deref(), Some(RFC_JKT));
        assert_eq!(
            report.checks.signature.status,
            CheckStatus::Pass,
            "{:?}",
            report.checks.signature
        );
        let mut report = report;
        let request = Request {
            method: "POST",
            url: "https://server.example.com/token",
            token: None,
            at: 1_562_262_620,
            dated: true,
            skew: 60,
        };
        let found = against(&mut report, &request);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(report.checks.htu.status, CheckStatus::Pass);
    }

    #[test]
    fn rfc_9449_resource_proof_hashes_its_token() {
        assert_eq!(
            sha256_b64(RFC_TOKEN.as_bytes()),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
        let (mut report, findings) = read(RFC_RESOURCE_PROOF, 0, &RustCrypto);
        assert!(findings.is_empty(), "{findings:?}");
        let mut request = Request {
            method: "GET",
            url: "https://resource.example.org/protectedresource",
            token: Some(("DPoP", RFC_TOKEN)),
            at: 1_562_262_620,
            dated: true,
            skew: 60,
        };
        assert!(against(&mut report, &request).is_empty());
        assert_eq!(report.checks.ath.status, CheckStatus::Pass);
        request.token = Some(("DPoP", "another token"));
        let codes: Vec<Code> = against(&mut report, &request)
            .iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, [Code::ProofAthMismatch]);
    }

    #[test]
    fn htu_near_misses_are_named() {
        let cases: [(&str, &str, Option<Code>, &str); 9] = [
            (
                "https://api.example.com/v1/orders",
                "https://api.example.com/v1/orders?x=1",
                None,
                "",
            ),
            (
                "HTTPS://API.example.com:443/v1/orders",
                "https://api.example.com/v1/orders",
                Some(Code::ProofUriMatchesLoosely),
                "normalisation",
            ),
            (
                "https://api.example.com/v1/orders?x=1",
                "https://api.example.com/v1/orders?x=1",
                Some(Code::ProofUriMatchesLoosely),
                "query",
            ),
            (
                "https://api.example.com/v1/orders/",
                "https://api.example.com/v1/orders",
                Some(Code::ProofUriMismatch),
                "trailing",
            ),
            (
                "http://api.example.com/v1/orders",
                "https://api.example.com/v1/orders",
                Some(Code::ProofUriMismatch),
                "scheme",
            ),
            (
                "https://api.example.com/api/v1/orders",
                "https://api.example.com/v1/orders",
                Some(Code::ProofUriMismatch),
                "prefix `/api`",
            ),
            (
                "https://api.example.com:8443/v1/orders",
                "https://api.example.com/v1/orders",
                Some(Code::ProofUriMismatch),
                "port",
            ),
            (
                "https://api.example.com/v1/orders",
                "//api.example.com/v1/orders",
                None,
                "",
            ),
            (
                "https://other.example.com/v1/orders",
                "/v1/orders",
                None,
                "",
            ),
        ];
        for (htu, url, code, says) in cases {
            let mut findings = Vec::new();
            htu_check(htu, url, &mut findings);
            assert_eq!(
                findings.first().map(|f| f.code),
                code,
                "{htu} vs {url}: {findings:?}"
            );
            assert!(
                findings.first().is_none_or(|f| f.message.contains(says)),
                "{htu}: {findings:?}"
            );
        }
    }

    #[test]
    fn a_proof_that_is_no_jwt_is_said_to_be_one_finding() {
        for text in ["undefined", "", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30"] {
            let (_, findings) = read(text, 0, &RustCrypto);
            let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
            assert_eq!(codes, [Code::ProofNotJwt], "{text}");
        }
    }
}
