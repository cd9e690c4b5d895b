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
    header.get("typ").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("dpop+jwt"))
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
    let decoded = |i: usize| parts.get(i).and_then(|p| segment::decode(p).ok()).map(|(b, _)| b);
    let json = |i: usize| decoded(i).and_then(|b| serde_json::from_slice::<Value>(&b).ok()).filter(Value::is_object);
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
            findings.push(Finding::new(Code::ProofTypeWrong, format!("The proof's `typ` is `{t}`; servers compare it exactly with `dpop+jwt`")));
            check(CheckStatus::Fail, format!("`typ` is `{t}`, not `dpop+jwt`"))
        }
        other => {
            let said = other.map_or("missing".to_string(), |t| format!("`{t}`"));
            findings.push(Finding::new(Code::ProofTypeWrong, format!("The proof's `typ` is {said}; a DPoP proof says `dpop+jwt`")));
            check(CheckStatus::Fail, format!("`typ` is {said}, not `dpop+jwt`"))
        }
    };

    let alg_name = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let alg = Alg::from_name(alg_name).filter(|a| a.family() != Family::Hmac);
    c.alg = match alg {
        Some(a) => check(CheckStatus::Pass, format!("`{}` is an asymmetric algorithm", a.name())),
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
            check(CheckStatus::Fail, format!("`{alg_name}` is not an asymmetric signature algorithm"))
        }
    };

    let mut material = None;
    c.jwk = match header.get("jwk") {
        None => {
            findings.push(Finding::new(Code::ProofKeyMissing, "The proof's header has no `jwk`, so nothing says which key signed it"));
            check(CheckStatus::Fail, "No `jwk` in the header")
        }
        Some(Value::Object(jwk)) => {
            let private: Vec<String> = PRIVATE_MEMBERS.iter().filter(|m| jwk.contains_key(**m)).map(|m| format!("`{m}`")).collect();
            report.jkt = thumbprint(jwk);
            let (keys, problems) = crate::jose::key::parse(&Value::Object(jwk.clone()).to_string(), "the proof's `jwk`");
            material = keys.into_iter().next().map(|k| k.material);
            if !private.is_empty() {
                findings.push(Finding::new(
                    Code::ProofKeyPrivate,
                    format!("The proof's `jwk` holds the private member(s) {}: the private key was sent with the request", private.join(", ")),
                ));
                check(CheckStatus::Fail, format!("The `jwk` holds private key material ({})", private.join(", ")))
            } else if material.is_none() || report.jkt.is_none() {
                let why = problems.first().map(|f| f.message.clone()).unwrap_or_else(|| "its members are incomplete".into());
                findings.push(Finding::new(Code::ProofKeyMissing, format!("The proof's `jwk` cannot be read: {why}")));
                check(CheckStatus::Fail, "The `jwk` cannot be read")
            } else {
                let kind = material.as_ref().map(|m| m.describe()).unwrap_or_default();
                check(CheckStatus::Pass, format!("A public {kind} key, thumbprint `{}`", report.jkt.as_deref().unwrap_or("")))
            }
        }
        Some(other) => {
            findings.push(Finding::new(Code::ProofKeyMissing, format!("The proof's `jwk` is `{other}`, not a JSON object")));
            check(CheckStatus::Fail, "`jwk` is not an object")
        }
    };

    c.signature = match (alg, &material, decoded(2)) {
        (None, _, _) => skip("No asymmetric `alg` to verify with"),
        (_, None, _) => skip("No readable `jwk` to verify with"),
        (_, _, None) => {
            findings.push(Finding::new(Code::ProofSignatureInvalid, "The proof's signature part cannot be decoded"));
            check(CheckStatus::Fail, "The signature part cannot be decoded")
        }
        (Some(alg), Some(key), Some(signature)) => {
            let signing_input = format!("{}.{}", parts.first().copied().unwrap_or(""), parts.get(1).copied().unwrap_or(""));
            let outcome = match crate::jose::verify::signature_length(alg, key) {
                None => Err(VerifyError::WrongKeyType),
                Some(want) if want != signature.len() => Err(VerifyError::SignatureLength { got: signature.len(), want }),
                Some(_) => verifier.verify(alg, key, signing_input.as_bytes(), &signature),
            };
            match outcome {
                Ok(()) => check(CheckStatus::Pass, format!("Verified with the proof's own `jwk` using `{}`", alg.name())),
                Err(VerifyError::Pending) => skip(format!("Verifying the `{}` signature…", alg.name())),
                Err(VerifyError::WrongKeyType) => {
                    findings.push(Finding::new(
                        Code::ProofSignatureInvalid,
                        format!("The proof says `{}` but its `jwk` is a {} key, which cannot make that signature", alg.name(), key.describe()),
                    ));
                    check(CheckStatus::Fail, format!("A {} key cannot verify `{}`", key.describe(), alg.name()))
                }
                Err(e) => {
                    findings.push(Finding::new(
                        Code::ProofSignatureInvalid,
                        format!("The proof's `{}` signature does not verify with its own `jwk`: {}", alg.name(), e.describe()),
                    ));
                    check(CheckStatus::Fail, format!("Does not verify with the `jwk`: {}", e.describe()))
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
            format!("The proof has no {}; every DPoP proof carries `jti`, `htm`, `htu` and `iat`", missing.join(", ")),
        ));
    }
    c.jti = match claims.get("jti") {
        Some(Value::String(j)) if !j.is_empty() => check(CheckStatus::Pass, format!("`jti` `{j}`")),
        Some(other) => {
            findings.push(Finding::new(Code::ProofClaimMissing, format!("The proof's `jti` is `{other}`; it must be a unique, non-empty string")));
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
    c.iat = if claims.contains_key("iat") { skip("Not compared with a time yet") } else { check(CheckStatus::Fail, "No `iat`") };
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
        report.request = Some(format!("{} {}", request.method, crate::secret::redact_url(request.url)));
        if let Some(htm) = claims.get("htm") {
            c.htm = match htm.as_str() {
                Some(h) if h == request.method => check(CheckStatus::Pass, format!("`htm` is `{h}`, the request's method")),
                Some(h) => {
                    let case = if h.eq_ignore_ascii_case(request.method) { "; methods are case-sensitive" } else { "" };
                    findings
                        .push(Finding::new(Code::ProofMethodMismatch, format!("The proof's `htm` is `{h}`, but the request is a `{}`{case}", request.method)));
                    check(CheckStatus::Fail, format!("`htm` is `{h}`, the request is `{}`", request.method))
                }
                None => {
                    findings.push(Finding::new(Code::ProofMethodMismatch, format!("The proof's `htm` is `{htm}`, not a method name")));
                    check(CheckStatus::Fail, "`htm` is not a string")
                }
            };
        }
        if let Some(htu) = claims.get("htu") {
            c.htu = match htu.as_str() {
                Some(h) => htu_check(h, request.url, &mut findings),
                None => {
                    findings.push(Finding::new(Code::ProofUriMismatch, format!("The proof's `htu` is `{htu}`, not a URI")));
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
            None => check(CheckStatus::Pass, "No access token was sent, so no `ath` is needed"),
        };
        c.jkt = skip("No access token was seen with the proof");
        return findings;
    };
    // A token masked or cut short in the paste (RED001 says so) is not the one the client sent:
    // its hash says nothing about `ath`.
    if crate::logs::redaction::is_redacted(token) {
        c.ath = skip("The access token sent with the proof was masked or cut short in the paste (`xxxx`, `***`, `<REDACTED>` or `...`), so it cannot be hashed to check `ath`; paste the whole token to check it");
        c.jkt = skip("The access token was masked in the paste, so its `cnf.jkt` cannot be read");
        return findings;
    }
    let want = sha256_b64(token.as_bytes());
    c.ath = match text("ath") {
        Some(ath) if ath == want => check(CheckStatus::Pass, "`ath` is the SHA-256 hash of the access token sent"),
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
            check(CheckStatus::Fail, "No `ath`, though an access token was sent")
        }
    };
    c.jkt = match (bound_key(token), &report.jkt) {
        (Some(bound), Some(jkt)) if bound == *jkt => check(CheckStatus::Pass, format!("The token's `cnf.jkt` is the proof key's thumbprint `{jkt}`")),
        (Some(bound), Some(jkt)) => {
            findings.push(Finding::new(
                Code::TokenKeyMismatch,
                format!("The access token is bound to the key `{bound}` (`cnf.jkt`), but the proof is signed with the key `{jkt}`"),
            ));
            check(CheckStatus::Fail, format!("The token is bound to `{bound}`, the proof's key is `{jkt}`"))
        }
        (Some(_), None) => skip("The proof's key has no thumbprint to compare"),
        (None, _) if token.starts_with("eyJ") => skip("The access token has no `cnf.jkt`"),
        (None, _) => skip("The access token is opaque: only its issuer knows the key it is bound to"),
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
        findings.push(Finding::new(Code::ProofClaimMissing, format!("The proof's `iat` is `{iat}`, not a number of seconds")));
        return check(CheckStatus::Fail, "`iat` is not a number");
    };
    let value = value as i64;
    let skew = i64::try_from(request.skew).unwrap_or(i64::MAX);
    let when = crate::timefmt::utc(value).unwrap_or_else(|| value.to_string());
    let measured = if request.dated { "when the request was made" } else { "now" };
    let age = request.at.saturating_sub(value);
    if age < skew.saturating_neg() {
        findings.push(Finding::new(
            Code::ProofIssuedInFuture,
            format!(
                "The proof's `iat` ({when}) is {} ahead of {measured}, beyond the {skew} s allowed for clock skew: the client's clock is fast",
                crate::timefmt::duration(age.unsigned_abs())
            ),
        ));
        return check(CheckStatus::Fail, format!("Issued {} in the future", crate::timefmt::duration(age.unsigned_abs())));
    }
    if age > WINDOW.saturating_add(skew) {
        findings.push(Finding::new(
            Code::ProofTooOld,
            format!(
                "The proof was made at {when}, {} before {measured}; servers accept proofs only a few minutes old ({WINDOW} s here, plus {skew} s of skew)",
                crate::timefmt::duration(age.unsigned_abs())
            ),
        ));
        return check(CheckStatus::Fail, format!("Made {} earlier", crate::timefmt::duration(age.unsigned_abs())));
    }
    check(CheckStatus::Pass, format!("Made {} before {measured}, within the window", crate::timefmt::duration(age.max(0).unsigned_abs())))
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
        findings.push(Finding::new(Code::ProofUriMismatch, format!("The proof's `htu` `{htu}` is not an absolute URI")));
        return check(CheckStatus::Fail, "`htu` is not an absolute URI");
    };
    // What the capture shows of the request: a scheme and a host may be unknown.
    let (base, scheme_known, host_known) = if request_url.starts_with("//") {
        (format!("{}:{request_url}", proof.scheme()), false, true)
    } else if request_url.starts_with('/') {
        (format!("{}://{}{request_url}", proof.scheme(), proof.host_str().unwrap_or("")), false, false)
    } else {
        (request_url.to_string(), true, true)
    };
    let Ok(sent) = url::Url::parse(&base) else {
        return skip(format!("The request's URL `{}` cannot be read", crate::secret::redact_url(request_url)));
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
            proof_bare.port_or_known_default().map_or("none".into(), |p| p.to_string()),
            sent.port_or_known_default().map_or("none".into(), |p| p.to_string())
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
        findings.push(Finding::new(Code::ProofUriMismatch, format!("The proof's `htu` `{htu}` is not the request's URI `{sent}`: {}", differences.join("; "))));
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
        return check(CheckStatus::Warn, format!("Matches `{sent}` only after normalisation"));
    }
    check(CheckStatus::Pass, format!("`htu` is `{sent}`"))
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofNotJwt,
        meaning: "The request's `DPoP` header (white space removed) is not a compact JWT of three dot-separated parts whose header and payload decode to JSON objects; the message shows its first characters and length. Typical values are `undefined`, an empty string, a bare token or a proof cut off in copying.",
        why: "RFC 9449 §4.3 requires the `DPoP` header to be a single well-formed JWT; a server that cannot parse it has no proof of possession, so it refuses the request (`invalid_dpop_proof`, a 401 at a resource server, 400 at a token endpoint).",
        caller: "Build the proof with a DPoP or JOSE library: a JWS with a header `typ`, `alg` and `jwk` and claims `jti`, `htm`, `htu` and `iat`, signed with the client's private key; make sure the code that sets the header is given the proof string, not an unset variable or the access token.",
        owner: "Check whether gateways or proxies rewrite or truncate the `DPoP` header, and log the parse error with the request id so callers can see why the proof was refused.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofTypeWrong,
        meaning: "The proof's JOSE header has no `typ`, or a `typ` other than `dpop+jwt`; when it differs only in letter case (for example `DPoP+JWT`) the message says so, since servers compare the value exactly.",
        why: "RFC 9449 §4.2 requires `typ` to be `dpop+jwt` and §4.3 has the server check it; the explicit type keeps other JWTs (such as access or ID tokens) from being passed off as proofs, so a server refuses the proof and the request gets `invalid_dpop_proof`.",
        caller: "Set the protected header `typ` to exactly `dpop+jwt` (lower case) when signing the proof; a library's default `JWT` is not accepted.",
        owner: "Compare `typ` exactly as RFC 9449 asks, and say in `error_description` that `typ` was wrong so the mistake is easy to spot.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofAlgRefused,
        meaning: "The proof's `alg` is missing, is `none`, names an HMAC algorithm (`HS256`, `HS384`, `HS512`), or is not a JWS signature algorithm at all; the engine did not try to verify it.",
        why: "A DPoP proof must be signed with an asymmetric algorithm whose public key is in `jwk` (RFC 9449 §4.2); an unsigned proof proves nothing, and a shared secret proves no key of the client's own, so servers refuse such proofs and the request fails.",
        caller: "Generate an asymmetric key pair for the client (for example P-256 for `ES256`), keep the private key on the client, sign each proof with it and put only the public key in `jwk`.",
        owner: "Reject `none` and symmetric algorithms for proofs, advertise the accepted ones in `dpop_signing_alg_values_supported` and in the `algs` of the `DPoP` challenge, and name the refused algorithm in `error_description`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofKeyMissing,
        meaning: "The proof's header has no `jwk`, its `jwk` is not a JSON object, or the key cannot be read (an unknown `kty`, or required members such as `crv`, `x`, `y`, `n` or `e` missing), so the engine can neither verify the signature nor compute the key's thumbprint.",
        why: "The server verifies the proof with the public key in `jwk` and matches that key's thumbprint against the token's binding (RFC 9449 §4.2, §4.3); without a usable key there is nothing to verify, so the proof is refused. A `kid` or `x5c` in place of `jwk` does not help, since DPoP carries the key itself.",
        caller: "Export the public key as a complete JWK (for EC: `kty`, `crv`, `x`, `y`; for RSA: `kty`, `n`, `e`) and put it in the proof's protected header as `jwk`.",
        owner: "Name the missing or unreadable key in `error_description`; no server change is needed if the verifier already reads standard public JWKs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofKeyPrivate,
        meaning: "The proof's `jwk` contains private key members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, a symmetric `k`, or `priv`); the message lists them. The private key travelled with the request.",
        why: "RFC 9449 §4.2 allows only a public key in `jwk` and §4.3 has the server reject a proof whose `jwk` holds a private key, so the request is refused; worse, anyone who saw the request (logs, proxies, this capture) can now sign proofs as the client.",
        caller: "Export only the public members of the key for `jwk` (many libraries have a separate public-key export), then discard this key pair, create a new one, and get new tokens bound to the new key, since the old ones can be used with the leaked key.",
        owner: "Reject such proofs, revoke or let expire tokens bound to the disclosed key's thumbprint, and scrub the private key from request logs where it was recorded.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofSignatureInvalid,
        meaning: "The proof's signature does not verify with the public key in its own `jwk`: the signature part cannot be decoded, the key type cannot make the `alg` named (for example an RSA key with `ES256`), the signature has the wrong length, or the cryptographic check fails.",
        why: "The server verifies the proof with that same `jwk` (RFC 9449 §4.3); a signature that fails proves no possession of the key, so the proof and the request are refused. Common causes are signing with a different key than the one exported, a DER-encoded ECDSA signature instead of the raw `r||s` form JWS uses, or changing the header or payload after signing.",
        caller: "Sign the exact header and payload that are sent, with the private key whose public half is in `jwk`, using a JOSE library rather than hand-built signatures so ECDSA signatures come out in JWS form.",
        owner: "Confirm the verifier uses the proof's `jwk` and the declared `alg`, and that nothing on the way (a proxy re-encoding headers) alters the proof; log the verification failure reason.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofClaimMissing,
        meaning: "The proof's payload lacks one or more of `jti`, `htm`, `htu` and `iat`, or `jti` is not a non-empty string, or `iat` is not a number of seconds; the message names the claims.",
        why: "RFC 9449 §4.2 requires all four claims and §4.3 has the server check them: `htm` and `htu` tie the proof to the request, `iat` limits its lifetime and `jti` lets the server detect replays, so a proof without them is refused.",
        caller: "Add the claims to every proof: a fresh random `jti`, the request method as `htm`, the request URI without query and fragment as `htu`, and the current time in seconds (not milliseconds, not a string) as `iat`.",
        owner: "Name the missing claim in `error_description`, so callers can see which one the verifier wanted.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofMethodMismatch,
        meaning: "The proof's `htm` is not the method of the request it was sent with (for example `GET` on a `POST`), or not a string; when the two differ only in letter case the message says so, since methods are case-sensitive.",
        why: "RFC 9449 §4.3 has the server check that `htm` matches the request's method, so a proof made for another method, often one reused from an earlier request or a preflight, is refused.",
        caller: "Create the proof right before sending, from the method of that very request, written as the request sends it (`POST`, not `post`); do not share one proof between requests.",
        owner: "Compare `htm` with the method the client sent, not one rewritten by a gateway (for example method override headers), and say in `error_description` which method was expected.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofUriMismatch,
        meaning: "The proof's `htu` is not a string, not an absolute URI, or names another URI than the request: the scheme, host, port or path differs (including a trailing `/`, letter case in the path, or a path prefix a proxy adds or removes); the message says which part and why.",
        why: "RFC 9449 §4.3 has the server compare `htu` with the URI of the request it received, ignoring query and fragment; when the client signs one URL and the server sees another, the proof is refused. Proxies that end TLS, rewrite the host or strip a path prefix are a frequent cause.",
        caller: "Set `htu` to the exact URL the request goes to (scheme, host, port and path), without query and fragment, built from the final request URL rather than a configured base URL; if it is right on the client side, the difference lies with a proxy the owner runs.",
        owner: "Compare `htu` with the public URL clients call, not the URL as seen behind a proxy: reconstruct it from `X-Forwarded-Proto`, `X-Forwarded-Host` and a stripped prefix, or configure the expected external URL.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofUriMatchesLoosely,
        meaning: "The proof's `htu` matches the request only after RFC 3986 normalisation: it includes a query or fragment, or it differs from its normal form in the case of the scheme or host, or in a default port such as `:443`.",
        why: "RFC 9449 §4.3 asks servers to compare `htu` ignoring query and fragment after syntax- and scheme-based normalisation, so a conforming server accepts this proof; it matters when the server compares the text as written, which some implementations do, and then the proof is refused. RFC 9449 §4.2 also says `htu` is written without query and fragment.",
        caller: "Write `htu` in normal form: lower-case scheme and host, no default port, no query or fragment; this is accepted by both strict and normalising servers.",
        owner: "Normalise both URIs before comparing, as RFC 9449 §4.3 describes, and strip query and fragment from both sides, so that equivalent spellings are not refused.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofTooOld,
        meaning: "The proof's `iat` is more than 300 seconds plus the clock-skew allowance before the time of the request, taken from the capture (the HAR entry's start or the response's `Date`) when available and otherwise from the analysis clock.",
        why: "RFC 9449 §4.3 and §11.1 have servers accept proofs only within a short window after `iat`, to limit replay; an older proof is refused. It usually means a proof was cached and reused, made once for a retry loop, or the client's clock runs slow; when the time comes from the analysis clock for a pasted proof, an old capture also shows this.",
        caller: "Create a new proof immediately before each request and each retry, never cache proofs, and check that the client's clock is synchronised (NTP).",
        owner: "Check the window the verifier allows for `iat` and its own clock; a window of a few minutes with a little skew allowance is usual, and `DPoP-Nonce` can be used to make freshness independent of client clocks.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofIssuedInFuture,
        meaning: "The proof's `iat` lies further in the future than the clock-skew allowance, compared with the request's time from the capture or, failing that, the analysis clock; the client's clock is probably fast.",
        why: "Servers refuse proofs issued too far in the future just as those too old (RFC 9449 §4.3, §11.1), since an `iat` ahead of time would extend the proof's usable window; the request fails with `invalid_dpop_proof`.",
        caller: "Correct the client's clock (enable NTP time sync); where the device clock cannot be trusted, compute `iat` from the server's time, for example the offset to the `Date` header of an earlier response.",
        owner: "Check that the server clock is right and that the verifier allows a small skew; consider requiring `DPoP-Nonce`, which lets clients with bad clocks prove freshness (RFC 9449 §8, §9).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofAthMissing,
        meaning: "An access token was sent in `Authorization` along with the proof, but the proof has no `ath` claim; the message gives the value `ath` should have, the base64url SHA-256 hash of the token.",
        why: "RFC 9449 §4.2 and §7.1 require a proof sent to a protected resource with an access token to carry `ath`, and the resource server checks it to tie the proof to that token; without it the proof is refused. Proofs sent to the token endpoint need no `ath`, so a client that reuses its token-request code for API calls often leaves it out.",
        caller: "Add `ath` to every proof that goes with an access token: base64url (no padding) of the SHA-256 of the token's ASCII text, exactly as sent after `DPoP `.",
        owner: "Report a missing `ath` specifically in `error_description`, and check that the resource server's verifier requires it only on requests that carry an access token.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofAthMismatch,
        meaning: "The proof's `ath` is not the base64url SHA-256 hash of the access token sent in the same request; the message gives both values, so the proof was made for another token.",
        why: "The resource server hashes the token it received and compares it with `ath` (RFC 9449 §4.3, §7.1); a mismatch means the proof does not belong to this token, so the request is refused. It typically happens when the token was refreshed after the proof was made, or when the hash was computed over `Bearer <token>`, padded base64 or hex.",
        caller: "Choose the token first, then make the proof with `ath` computed over that exact token string (no scheme, no quotes), base64url without padding; after a refresh, make a new proof.",
        owner: "Hash the token exactly as received, after removing only the scheme and white space, and say in `error_description` that `ath` did not match.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenKeyMismatch,
        meaning: "The access token is a readable JWT whose `cnf.jkt` is not the RFC 7638 thumbprint of the proof's `jwk`: the token is bound to one key and the proof is signed with another. Opaque tokens cannot be checked this way.",
        why: "A DPoP-bound token may be used only with proofs from the key it was issued for (RFC 9449 §6.1, §7.1); the resource server compares the thumbprint and refuses the request. Common causes are a key pair regenerated on restart or per tab, a token obtained by another client instance, or a proof signed with a different key from the store.",
        caller: "Sign proofs with the same key pair that was used when requesting the token, and persist it for the token's lifetime; if that key is gone, request a new token (with a proof from the current key) and use it.",
        owner: "Check that the authorization server puts the thumbprint of the token-request proof's key in `cnf.jkt` and that the resource server computes thumbprints per RFC 7638; for opaque tokens, check the binding recorded at introspection.",
    },
];

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
        serde_json::from_str::<Value>(json).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default()
    }

    #[test]
    fn rfc_7638_thumbprint_example() {
        // RFC 7638 §3.1: the RSA key and its thumbprint.
        let jwk = object(
            r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#,
        );
        assert_eq!(thumbprint(&jwk).as_deref(), Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
        assert_eq!(thumbprint(&object(r#"{"kty":"EC","crv":"P-256","x":"a"}"#)), None, "a missing member");
    }

    #[test]
    fn rfc_9449_token_request_proof_verifies_and_names_its_key() {
        let (report, findings) = read(RFC_TOKEN_PROOF, 0, &RustCrypto);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(report.jkt.as_deref(), Some(RFC_JKT));
        assert_eq!(report.checks.signature.status, CheckStatus::Pass, "{:?}", report.checks.signature);
        let mut report = report;
        let request = Request { method: "POST", url: "https://server.example.com/token", token: None, at: 1_562_262_620, dated: true, skew: 60 };
        let found = against(&mut report, &request);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(report.checks.htu.status, CheckStatus::Pass);
    }

    #[test]
    fn rfc_9449_resource_proof_hashes_its_token() {
        assert_eq!(sha256_b64(RFC_TOKEN.as_bytes()), "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
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
        let codes: Vec<Code> = against(&mut report, &request).iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::ProofAthMismatch]);
    }

    #[test]
    fn htu_near_misses_are_named() {
        let cases: [(&str, &str, Option<Code>, &str); 9] = [
            ("https://api.example.com/v1/orders", "https://api.example.com/v1/orders?x=1", None, ""),
            ("HTTPS://API.example.com:443/v1/orders", "https://api.example.com/v1/orders", Some(Code::ProofUriMatchesLoosely), "normalisation"),
            ("https://api.example.com/v1/orders?x=1", "https://api.example.com/v1/orders?x=1", Some(Code::ProofUriMatchesLoosely), "query"),
            ("https://api.example.com/v1/orders/", "https://api.example.com/v1/orders", Some(Code::ProofUriMismatch), "trailing"),
            ("http://api.example.com/v1/orders", "https://api.example.com/v1/orders", Some(Code::ProofUriMismatch), "scheme"),
            ("https://api.example.com/api/v1/orders", "https://api.example.com/v1/orders", Some(Code::ProofUriMismatch), "prefix `/api`"),
            ("https://api.example.com:8443/v1/orders", "https://api.example.com/v1/orders", Some(Code::ProofUriMismatch), "port"),
            ("https://api.example.com/v1/orders", "//api.example.com/v1/orders", None, ""),
            ("https://other.example.com/v1/orders", "/v1/orders", None, ""),
        ];
        for (htu, url, code, says) in cases {
            let mut findings = Vec::new();
            htu_check(htu, url, &mut findings);
            assert_eq!(findings.first().map(|f| f.code), code, "{htu} vs {url}: {findings:?}");
            assert!(findings.first().is_none_or(|f| f.message.contains(says)), "{htu}: {findings:?}");
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
