//! Signature policy: which supplied key should verify a token, whether the token's algorithm
//! may be used with it, and what to tell the user when it does not verify. Only the primitive
//! "does this signature verify" is delegated to a [`Verifier`].

use super::alg::{Alg, Family};
use super::key::{Key, Material};
use super::verify::{Verifier, VerifyError};
use crate::findings::{Code, Finding};
use crate::report::{Check, CheckStatus};
use serde_json::Value;

/// With no `kid` to choose by, at most this many keys are tried.
const MAX_ATTEMPTS: usize = 64;

/// Header parameters this engine understands when a token lists them in `crit`.
const UNDERSTOOD_CRITICAL: [&str; 1] = ["b64"];

/// The header parameters RFC 7515 §4.1 defines; `crit` lists only extensions, never these.
const DEFINED_BY_JWS: [&str; 11] = ["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"];

/// Everything that makes the header's `crit` unacceptable (RFC 7515 §4.1.11), one message each.
/// A recipient must refuse a token whose `crit` names an extension it does not understand; the
/// other constraints (a non-empty array of distinct extension names, each present in the header)
/// it may enforce, and a strict verifier does.
fn critical_problems(header: &Value) -> Vec<String> {
    let names = match header.get("crit") {
        None => return Vec::new(),
        Some(Value::Array(names)) if !names.is_empty() => names,
        Some(other) => return vec![format!("`crit` is `{other}`; it must be a non-empty array of names")],
    };
    let mut problems = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(n) = name.as_str() else {
            problems.push(format!("`crit` lists `{name}`, which is not a name"));
            continue;
        };
        if names.iter().take(i).any(|earlier| earlier == name) {
            problems.push(format!("`crit` lists `{n}` more than once"));
        } else if DEFINED_BY_JWS.contains(&n) {
            problems.push(format!("`crit` names `{n}`, which RFC 7515 itself defines; `crit` may list only extensions"));
        } else if header.get(n).is_none() {
            problems.push(format!("`crit` names `{n}`, but the header has no `{n}` parameter"));
        } else if !UNDERSTOOD_CRITICAL.contains(&n) {
            problems.push(format!("`crit` names `{n}`, an extension that verifiers which do not understand it must refuse"));
        }
    }
    problems
}

/// What makes a strict verifier refuse the header whatever the signature: an unacceptable `crit`
/// (SIG008), a `kid` that is not a string (SIG017).
fn header_faults(header: &Value) -> Vec<(Code, String)> {
    let mut faults: Vec<(Code, String)> = critical_problems(header).into_iter().map(|p| (Code::CriticalExtensionUnknown, p)).collect();
    if let Some(kid) = header.get("kid").filter(|k| !k.is_string()) {
        faults.push((Code::KidNotString, format!("`kid` is `{kid}`; it must be a string, so no key can be chosen by it")));
    }
    faults
}

/// Reports header parameters that are dangerous or that a verifier must understand.
pub fn header_dangers(header: &Value, findings: &mut Vec<Finding>) {
    for name in ["jwk", "jku", "x5u"] {
        if header.get(name).is_some() {
            findings.push(Finding::new(
                Code::HeaderNamesOwnKey,
                format!("The header carries `{name}`: whoever made the token chose that key, so it proves nothing; verify only with keys the API trusts"),
            ));
        }
    }
    if let Some(chain) = header.get("x5c") {
        let count = chain.as_array().map_or(0, Vec::len);
        findings.push(Finding::new(
            Code::HeaderHasX5c,
            format!("The header carries an `x5c` chain of {count} certificate(s); trust it only if it chains to a certificate the API already trusts"),
        ));
    }
    findings.extend(header_faults(header).into_iter().map(|(code, message)| Finding::new(code, message)));
    if header.get("b64") == Some(&Value::Bool(false)) {
        let critical = header.get("crit").and_then(Value::as_array).is_some_and(|c| c.iter().any(|n| n.as_str() == Some("b64")));
        let mut message = "The header sets `\"b64\": false` (RFC 7797): the payload is signed unencoded, which most JWT libraries do not support".to_string();
        if !critical {
            message.push_str("; and `b64` is not listed in `crit`, as RFC 7797 §6 requires, so a verifier that does not know `b64` checks the signature over the payload as if it were encoded, and the two sides disagree");
        }
        findings.push(Finding::new(Code::PayloadNotEncoded, message));
    }
}

/// What the signature check needs to know about the token.
pub struct Signed<'a> {
    pub header: &'a Value,
    pub alg: &'a str,
    /// `header.payload` as sent.
    pub signing_input: &'a [u8],
    pub signature: &'a [u8],
    /// The signing input already holds the unencoded payload of a `b64: false` JWS (RFC 7797
    /// §3), as it does when the content came apart from the compact form.
    pub unencoded: bool,
}

fn fits(family: Family, material: &Material) -> bool {
    match (family, material) {
        (Family::Hmac, Material::Oct { .. }) => true,
        (Family::RsaPkcs1 | Family::RsaPss, Material::Rsa { .. }) => true,
        (Family::Ecdsa(curve), Material::Ec { curve: c, .. }) => curve == *c,
        (Family::EdDsa, Material::Ed25519 { .. }) => true,
        (Family::MlDsa(level), Material::MlDsa { level: l, .. }) => level == *l,
        _ => false,
    }
}

/// Why a key's own metadata forbids verifying this token with it, if it does.
fn restriction(key: &Key, alg: Alg) -> Option<String> {
    if let Some(key_alg) = &key.alg {
        if key_alg != alg.name() {
            let hint = match (Alg::from_name(key_alg).map(Alg::family), alg.family()) {
                (Some(Family::RsaPss), Family::RsaPkcs1) | (Some(Family::RsaPkcs1), Family::RsaPss) => {
                    " (RSASSA-PKCS1-v1_5 and RSASSA-PSS are different schemes over the same key)"
                }
                _ => "",
            };
            return Some(format!("{} is for `{key_alg}`, but the token uses `{}`{hint}", key.label(), alg.name()));
        }
    }
    if key.key_use.as_deref().is_some_and(|u| u != "sig") {
        return Some(format!("{} has `\"use\": \"{}\"`, so it may not verify signatures", key.label(), key.key_use.as_deref().unwrap_or("")));
    }
    if let Some(ops) = &key.key_ops {
        if !ops.iter().any(|op| op == "verify") {
            return Some(format!("{} has `key_ops` {ops:?}, which does not include `verify`", key.label()));
        }
    }
    None
}

/// Checks the signature against the supplied keys.
pub fn check(token: &Signed, keys: &[Key], verifier: &dyn Verifier, findings: &mut Vec<Finding>) -> Check {
    let Some(alg) = Alg::from_name(token.alg) else {
        if let Some(known) = Alg::from_name_ignoring_case(token.alg) {
            findings.push(Finding::new(
                Code::AlgorithmUnsupported,
                format!("`alg` is `{}`; algorithm names are case-sensitive and the registered one is `{}`", token.alg, known.name()),
            ));
        } else {
            findings.push(Finding::new(Code::AlgorithmUnsupported, format!("`alg` is `{}`, which is not a JWS signature algorithm", token.alg)));
        }
        return Check::new(CheckStatus::Fail, format!("`{}` is not a supported algorithm", token.alg));
    };
    if token.header.get("b64") == Some(&Value::Bool(false)) && !token.unencoded {
        return Check::new(CheckStatus::Skip, "Unencoded payloads (`b64: false`) are not verified here");
    }
    if keys.is_empty() {
        return Check::new(CheckStatus::Skip, format!("No key was supplied to verify the `{}` signature", alg.name()));
    }

    let family = alg.family();
    if family == Family::Hmac && keys.iter().all(|k| !k.material.is_symmetric()) {
        findings.push(Finding::new(
            Code::AlgorithmConfusion,
            format!(
                "The token says `{}`, an HMAC algorithm, but the supplied keys are public keys ({}). A server that fed its public key to HMAC would accept tokens forged by anyone who has that public key",
                alg.name(),
                describe_keys(keys)
            ),
        ));
        return Check::new(CheckStatus::Fail, format!("`{}` with a public key: algorithm confusion", alg.name()));
    }

    let kid = token.header.get("kid").and_then(Value::as_str);
    let compatible: Vec<&Key> = keys.iter().filter(|k| fits(family, &k.material)).collect();
    let by_kid: Vec<&Key> = match kid {
        Some(kid) => compatible.iter().copied().filter(|k| k.kid.as_deref() == Some(kid)).collect(),
        None => Vec::new(),
    };

    if let Some(kid) = kid {
        let any_with_kid: Vec<&Key> = keys.iter().filter(|k| k.kid.as_deref() == Some(kid)).collect();
        if let (true, Some(first)) = (by_kid.is_empty(), any_with_kid.first()) {
            findings.push(Finding::new(Code::NoKeyFitsAlgorithm, format!("`kid` `{kid}` names {}, which cannot verify `{}`", first.label(), alg.name())));
            return Check::new(CheckStatus::Fail, format!("The key `{kid}` does not fit `{}`", alg.name()));
        }
        if by_kid.is_empty() && keys.iter().any(|k| k.kid.is_some()) {
            let known: Vec<String> = keys.iter().filter_map(|k| k.kid.as_ref()).take(10).map(|k| format!("`{k}`")).collect();
            let verifies = try_keys(&compatible, alg, token, verifier).ok();
            let tail = match verifies {
                Some(key) => format!("; {} does verify it, so the token names the wrong key or the key set lacks its `kid`", key.label()),
                None => "; no supplied key verifies it either".to_string(),
            };
            findings.push(Finding::new(Code::KidNotInKeySet, format!("The token's `kid` `{kid}` is not among the supplied keys ({}){tail}", known.join(", "))));
            return Check::new(CheckStatus::Fail, format!("No supplied key has the `kid` `{kid}`"));
        }
    }

    if let (Some(kid), true) = (kid, by_kid.len() > 1 || by_kid.iter().any(|k| k.kid_shared)) {
        findings.push(Finding::new(
            Code::KidAmbiguous,
            format!("Several supplied keys have the `kid` `{kid}`, so a verifier cannot tell which one the issuer meant"),
        ));
        return Check::new(CheckStatus::Fail, format!("The `kid` `{kid}` is ambiguous"));
    }
    let candidates = if by_kid.is_empty() { compatible } else { by_kid };
    if candidates.is_empty() {
        let why = match family {
            Family::Ecdsa(curve) => format!("`{}` needs an EC key on {}", alg.name(), curve.name()),
            Family::Hmac => format!("`{}` needs an HMAC secret", alg.name()),
            Family::EdDsa => format!("`{}` needs an Ed25519 key", alg.name()),
            Family::MlDsa(level) => format!("`{}` needs an ML-DSA-{level} key", alg.name()),
            _ => format!("`{}` needs an RSA key", alg.name()),
        };
        findings.push(Finding::new(Code::NoKeyFitsAlgorithm, format!("{why}; the supplied keys are {}", describe_keys(keys))));
        return Check::new(CheckStatus::Fail, format!("No supplied key can verify `{}`", alg.name()));
    }

    if candidates.len() > MAX_ATTEMPTS {
        findings.push(Finding::new(
            Code::KeyChosenWithoutKid,
            format!("The token has no usable `kid` and {} keys fit `{}`; only the first {MAX_ATTEMPTS} were tried", candidates.len(), alg.name()),
        ));
    }
    let tried = candidates.get(..MAX_ATTEMPTS).unwrap_or(candidates.as_slice());
    match try_keys(tried, alg, token, verifier) {
        Ok(key) => {
            if let Some(why) = weakness(key, alg, keys) {
                findings.push(Finding::new(Code::SignedWithRefusedKey, format!("The signature is correct, but {why}")));
                return Check::new(CheckStatus::Fail, format!("Correct signature, but {why}"));
            }
            if let Some(why) = restriction(key, alg) {
                findings.push(Finding::new(Code::KeyUseForbidden, format!("The signature is correct, but {why}")));
                return Check::new(CheckStatus::Fail, format!("Correct signature, but {why}"));
            }
            // The faults themselves were reported with the header's other dangers.
            if let Some((_, fault)) = header_faults(token.header).first() {
                return Check::new(CheckStatus::Fail, format!("Correct signature, but strict verifiers refuse the header: {fault}"));
            }
            if kid.is_none() && tried.len() > 1 && candidates.len() <= MAX_ATTEMPTS {
                findings.push(Finding::new(
                    Code::KeyChosenWithoutKid,
                    format!("The token has no `kid`; of {} keys that fit `{}`, {} verified it", tried.len(), alg.name(), key.label()),
                ));
            }
            Check::new(CheckStatus::Pass, format!("Verified with {} using `{}`", key.label(), alg.name()))
        }
        Err(errors) if errors.iter().any(|(_, e)| *e == VerifyError::Pending) => {
            Check::new(CheckStatus::Skip, format!("Verifying the `{}` signature…", alg.name()))
        }
        Err(errors) => {
            let detail = match errors.as_slice() {
                [(key, error)] => format!("with {}: {}", key.label(), error.describe()),
                many => format!("with any of the {} keys that fit `{}`", many.len(), alg.name()),
            };
            let der_hint = matches!(family, Family::Ecdsa(_))
                && token.signature.first() == Some(&0x30)
                && errors.iter().any(|(_, e)| matches!(e, VerifyError::SignatureLength { .. }));
            let hint = if der_hint { "; it looks DER-encoded, but JWS uses the fixed-size `r‖s` form (RFC 7518 §3.4)" } else { "" };
            let code = if der_hint { Code::EcdsaSignatureDer } else { Code::SignatureInvalid };
            findings.push(Finding::new(code, format!("The `{}` signature does not verify {detail}{hint}", alg.name())));
            // A short secret that does not verify may still be the issuer's: say it would be refused.
            if let Some(short) = tried.iter().find_map(|k| match &k.material {
                Material::Oct { k } if k.len() < alg.hash_bytes() => Some(k.len()),
                _ => None,
            }) {
                findings.push(Finding::new(
                    Code::HmacSecretTooShort,
                    format!("The HMAC secret is {short} bytes; `{}` needs at least {} (RFC 7518 §3.2), so even the issuer's own secret of that length would be refused by strict verifiers", alg.name(), alg.hash_bytes()),
                ));
            }
            Check::new(CheckStatus::Fail, format!("Does not verify {detail}"))
        }
    }
}

/// Why strict verifiers refuse a key that does verify the signature.
fn weakness(key: &Key, alg: Alg, keys: &[Key]) -> Option<String> {
    match &key.material {
        Material::Oct { k } if k.len() < alg.hash_bytes() => {
            return Some(format!("the HMAC secret is {} bytes and `{}` needs at least {} (RFC 7518 §3.2)", k.len(), alg.name(), alg.hash_bytes()));
        }
        Material::Rsa { n, .. } if super::key::bits(n) < 2048 => {
            return Some(format!("{} is shorter than the 2048 bits RFC 7518 §3.3 requires", key.label()));
        }
        Material::Rsa { e, .. } if super::key::unusable_exponent(e) => {
            return Some(format!("{} has a public exponent no RSA key can have (RFC 8017 §3.1)", key.label()));
        }
        Material::Rsa { n, .. } if super::key::roca(n) => {
            return Some(format!("{} has the ROCA weakness, so anyone can forge its signatures", key.label()));
        }
        _ => {}
    }
    // A key set that mixes secret and public keys invites algorithm confusion.
    let same_set = keys.iter().filter(|k| k.set == key.set);
    let (secret, public): (Vec<&Key>, Vec<&Key>) = same_set.partition(|k| k.material.is_symmetric());
    if !secret.is_empty() && !public.is_empty() {
        return Some(format!("{} mixes secret (`oct`) and public keys, which invites algorithm confusion", key.set));
    }
    None
}

type Attempts<'k> = Vec<(&'k Key, VerifyError)>;

fn try_keys<'k>(keys: &[&'k Key], alg: Alg, token: &Signed, verifier: &dyn Verifier) -> Result<&'k Key, Attempts<'k>> {
    let mut errors = Vec::new();
    for key in keys {
        // Checked here rather than in each verifier, so that every implementation gives the same
        // diagnosis (a DER-encoded ECDSA signature has the wrong length, for one).
        match super::verify::signature_length(alg, &key.material) {
            Some(want) if want != token.signature.len() => {
                errors.push((*key, VerifyError::SignatureLength { got: token.signature.len(), want }));
                continue;
            }
            _ => {}
        }
        match verifier.verify(alg, &key.material, token.signing_input, token.signature) {
            Ok(()) => return Ok(key),
            Err(e) => errors.push((*key, e)),
        }
    }
    Err(errors)
}

fn describe_keys(keys: &[Key]) -> String {
    let mut kinds: Vec<String> = keys.iter().map(|k| k.material.describe()).collect();
    kinds.dedup();
    kinds.truncate(5);
    kinds.join(", ")
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::HmacSecretTooShort,
        meaning: "An HMAC signature did not verify with the supplied secret, and that secret is shorter than the algorithm's hash output (for example under 32 bytes for `HS256`).",
        why: "RFC 7518 §3.2 requires a key at least as long as the hash; strict libraries refuse shorter secrets, so even the issuer's real secret of this length would be rejected by them.",
        caller: "Check that the secret is the exact value the issuer signs with, including whether it is text or base64-encoded; the engine can read it either way.",
        owner: "Replace the secret with at least 32 random bytes for `HS256` (48 for `HS384`, 64 for `HS512`) on both the issuer and the API.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SignatureInvalid,
        meaning: "The token's signature does not verify with the supplied key that fits its `alg` (or with any of the fitting keys); the message names the key and the reason.",
        why: "The server computes the same check, so unless it holds a different key, it rejects the token as tampered or signed by someone else and answers 401 `invalid_token`.",
        caller: "Make sure the key you supplied is the issuer's current key, and that the token was not edited or re-encoded after signing; then get a new token if needed.",
        owner: "Verify that the API uses the issuer's current key set, that there is only one issuer for this audience, and that no proxy rewrites the token; log the `kid` and `iss` of rejected tokens.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KidNotInKeySet,
        meaning: "The token names a `kid` that none of the supplied keys carry; the message lists the known `kid` values and whether another key verifies the token anyway.",
        why: "Servers select the key by `kid`; if the API's cached key set does not contain it (usually after a key rotation, or because the token comes from another issuer or tenant), verification fails with a 401.",
        caller: "Check that the token comes from the expected issuer, and supply that issuer's current JWK Set to see if the `kid` is there.",
        owner: "Refresh the API's JWK Set from `jwks_uri` (and on an unknown `kid`, refetch before rejecting); check the issuer's rotation publishes new keys before using them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AlgorithmConfusion,
        meaning: "The token's `alg` is an HMAC algorithm (`HS256` and similar), but all supplied keys are public keys (RSA, EC or similar).",
        why: "A correctly configured API refuses the token, because a public key must not be used as an HMAC secret; a vulnerable one that does so accepts tokens forged by anyone who has the public key (RFC 8725 §2.1).",
        caller: "Use a token signed by the issuer with its real algorithm; a token with `HS*` for an asymmetric issuer is usually forged or built by a test tool.",
        owner: "Pin the accepted algorithms on the API per key (for example only `RS256`) and never let the token's `alg` choose the verification method; treat such tokens as an attack attempt.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoKeyFitsAlgorithm,
        meaning: "No supplied key can verify the token's algorithm: either the token's `kid` names a key of another type, or no key of the needed type (RSA, EC on the right curve, HMAC secret, Ed25519, ML-DSA) was supplied.",
        why: "A server in the same position cannot verify the signature and refuses the token.",
        caller: "Supply the issuer's key of the type the `alg` requires, or check that the token came from the issuer you think it did.",
        owner: "Check that the issuer signs with the algorithm the API expects and that the published key for the `kid` has the matching `kty` and curve.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KeyUseForbidden,
        meaning: "The signature verifies, but the key's metadata forbids this use: its `alg` names another algorithm (for example `PS256` against an `RS256` token), its `use` is not `sig`, or its `key_ops` lacks `verify`.",
        why: "Libraries that honour JWK metadata refuse to use the key for this token, so the API answers 401 even though the cryptography is correct.",
        caller: "Supply the key set as published; if the metadata is wrong, report it to the issuer.",
        owner: "Align the JWK's `alg`, `use` and `key_ops` with how the key is really used, or sign with the algorithm the key declares.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AlgorithmUnsupported,
        meaning: "The token's `alg` is not a registered JWS signature algorithm, or differs from one only in letter case (`rs256` instead of `RS256`).",
        why: "Algorithm names are case-sensitive (RFC 7515 §4.1.1), so a verifier cannot map the name to an algorithm and refuses the token.",
        caller: "Report it to the issuer; the header is signed and cannot be corrected by the caller.",
        owner: "Configure the signing code to write a registered name exactly, such as `RS256`, `ES256` or `EdDSA`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::HeaderNamesOwnKey,
        meaning: "The token's header carries `jwk`, `jku` or `x5u`, that is, it names or embeds the key to verify it with.",
        why: "It does not cause a refusal by itself; it is dangerous when an API trusts that key, since then anyone can sign a token with their own key and have it accepted (RFC 8725).",
        caller: "Nothing to change for the request; verify with the issuer's published keys, not the header's.",
        owner: "Make sure the API ignores `jwk`, `jku` and `x5u`, or accepts them only against a strict allow-list of keys and URLs it already trusts.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CriticalExtensionUnknown,
        meaning: "The header's `crit` is unacceptable: not a non-empty array, lists a name twice or one RFC 7515 already defines, names a parameter missing from the header, or names an extension this verifier does not understand.",
        why: "RFC 7515 §4.1.11 requires a recipient to reject a token whose critical extensions it does not understand, so strict verifiers refuse it even with a correct signature.",
        caller: "Report it to the issuer; the caller cannot change the header.",
        owner: "Remove the extension from `crit`, or make sure the API's verifier implements it; keep `crit` a list of distinct extension names present in the header.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PayloadNotEncoded,
        meaning: "The header sets `\"b64\": false` (RFC 7797), meaning the payload is signed without base64url encoding.",
        why: "Most JWT libraries do not support unencoded payloads, and those that do require `b64` in `crit`, so such a token is usually refused; the engine does not verify it.",
        caller: "Use an ordinary JWT from the issuer for API calls.",
        owner: "Issue standard JWTs for access tokens; reserve `b64: false` for detached signatures where both sides implement RFC 7797.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KeyChosenWithoutKid,
        meaning: "The token has no `kid` (or none that could be used), and several supplied keys fit its algorithm; the engine tried them in turn and names the one that verified, or notes that it stopped after 64 attempts.",
        why: "Verification still succeeds when a key fits; it matters when the API only selects keys by `kid` and refuses tokens without one, or when trying many keys costs time.",
        caller: "Nothing to fix in the request if the signature verified.",
        owner: "Have the issuer include `kid` in every token header, matching the `kid` of the key in the published set.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::EcdsaSignatureDer,
        meaning: "An ECDSA signature did not verify and has the wrong length, and it starts with `0x30`, so it looks DER-encoded instead of the fixed-size `r‖s` that JWS uses.",
        why: "RFC 7518 §3.4 requires the raw concatenation of `r` and `s` (64 bytes for `ES256`); a JWS verifier rejects a DER signature as the wrong length.",
        caller: "Report it to whoever produced the token; a signature cannot be converted by the caller without access to the signing flow.",
        owner: "Convert the signature from DER to `r‖s` after signing (common when signing with a cloud KMS or OpenSSL), or use a JOSE library that does so.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::HeaderHasX5c,
        meaning: "The token's header carries an `x5c` certificate chain; the message says how many certificates it has.",
        why: "It does not cause a refusal by itself; it matters if an API trusts the chain without validating it to a trusted root, since then anyone can attach their own certificate.",
        caller: "Nothing to change in the request.",
        owner: "Verify with configured keys, or validate `x5c` against a trust anchor and the expected subject before using its leaf key.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KidAmbiguous,
        meaning: "Several supplied keys share the `kid` the token names, so the `kid` does not identify one key; the engine does not guess.",
        why: "Verifiers may pick the wrong key and fail the signature, or refuse the ambiguous set, which gives 401s that depend on key order.",
        caller: "Nothing to change in the request; report the duplicate `kid` to the issuer.",
        owner: "Give every key in the published set its own `kid`, and do not reuse a `kid` when rotating keys.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SignedWithRefusedKey,
        meaning: "The signature verifies, but with a key that strict verifiers refuse: an HMAC secret shorter than the hash, an RSA key under 2048 bits, an RSA key with an impossible exponent or the ROCA weakness, or a key from a set that mixes secret and public keys.",
        why: "Libraries that enforce RFC 7518 key sizes or reject weak keys refuse the token despite the correct signature, so the same token works in one place and fails in another.",
        caller: "Nothing the caller can change; report which weakness the finding names to the issuer, since a token that verifies here may still be refused by a stricter API library.",
        owner: "Replace the key: an RSA key of 2048 bits or more, an HMAC secret of at least the hash length (32 random bytes for `HS256`), and separate sets for `oct` secrets and public keys, so no verifier can be tricked into HMAC with a public key.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KidNotString,
        meaning: "The header's `kid` is present but is not a JSON string (for example a number or an object).",
        why: "RFC 7515 §4.1.4 defines `kid` as a string; strict verifiers refuse the token, and none can match a non-string `kid` to a key in a JWK Set.",
        caller: "Report it to the issuer; the header is signed.",
        owner: "Make the signing code write `kid` as a string equal to the `kid` of the key in the published set.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn an_rsa_key_with_an_impossible_exponent_never_yields_a_pass() {
        // A 2048-bit modulus (odd, top bit set) with the exponent 4: whatever such a key verifies,
        // it is no RSA key, so a correct signature under it is still refused.
        let n = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xc3u8; 256]);
        let (keys, findings) = super::super::key::parse(&format!(r#"{{"kty":"RSA","n":"{n}","e":"BA"}}"#), "the key");
        assert!(findings.iter().any(|f| f.code == Code::RsaExponentUnusable), "{findings:?}");
        let why = weakness(&keys[0], Alg::Rs256, &keys);
        assert!(why.is_some_and(|w| w.contains("exponent")));
    }

    #[test]
    fn crit_faults_are_named_one_by_one() {
        let header: Value = serde_json::from_str(r#"{"alg":"HS256","crit":["b64","typ","zip","b64"],"b64":true,"kid":1}"#).unwrap();
        let faults = header_faults(&header);
        let codes: Vec<&str> = faults.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["SIG008", "SIG008", "SIG008", "SIG017"], "{faults:?}");
        assert!(faults[0].1.contains("`typ`") && faults[1].1.contains("`zip`") && faults[2].1.contains("more than once"));
    }

    #[test]
    fn an_unencoded_payload_must_be_critical() {
        let said = |header: &str| {
            let header: Value = serde_json::from_str(header).unwrap();
            let mut findings = Vec::new();
            header_dangers(&header, &mut findings);
            findings.into_iter().filter(|f| f.code == Code::PayloadNotEncoded).map(|f| f.message).collect::<Vec<_>>()
        };
        let listed = said(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
        assert_eq!(listed.len(), 1);
        assert!(!listed[0].contains("not listed in `crit`"), "{listed:?}");
        let unlisted = said(r#"{"alg":"HS256","b64":false}"#);
        assert!(unlisted[0].contains("not listed in `crit`"), "{unlisted:?}");
        assert!(said(r#"{"alg":"HS256","b64":true}"#).is_empty(), "the default needs no word");
    }
}
