//! Strictness that the conformance files do not reach: header faults a strict verifier refuses
//! even under a correct signature (RFC 7515 §4.1.4, §4.1.11), JWK metadata that cannot be read
//! (RFC 7517 §4), and ML-DSA private keys in the PKCS #8 forms of RFC 9881.

use base64::Engine;
use hmac::{Hmac, Mac};
use why401_engine::{inspect, Context, KeyFormat, KeyInput, Report};

const B64URL: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;
const NOW: i64 = 1_767_225_600;
/// The 32 bytes 0, 1, …, 31, as an `oct` JWK (long enough for HS256).
const SECRET: [u8; 32] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
const PAYLOAD: &str = r#"{"sub":"alice","exp":1900000000}"#;

fn oct_jwk(extra: &str) -> String {
    format!(r#"{{"kty":"oct",{extra}"k":"{}"}}"#, B64URL.encode(SECRET))
}

/// An HS256 token over `header` whose MAC is right.
fn hs256(header: &str) -> String {
    let input = format!("{}.{}", B64URL.encode(header), B64URL.encode(PAYLOAD));
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&SECRET).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", B64URL.encode(mac.finalize().into_bytes()))
}

fn check(token: &str, key: &str) -> Report {
    inspect(token, &Context::new(NOW).with_key(KeyInput::new("the test key", key, KeyFormat::Auto)))
}

fn status(report: &Report) -> &'static str {
    report.tokens[0].checks.signature.status.as_str()
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn a_correct_mac_under_a_sound_header_passes() {
    // The baseline for the cases below: only the header differs.
    let report = check(&hs256(r#"{"alg":"HS256","kid":"k1"}"#), &oct_jwk(r#""kid":"k1","#));
    assert_eq!(status(&report), "pass", "{:?}", report.tokens[0].checks.signature);
    let report = check(&hs256(r#"{"alg":"HS256","crit":["b64"],"b64":true}"#), &oct_jwk(""));
    assert_eq!(status(&report), "pass", "`b64` is understood, and `true` is the ordinary encoding");
}

#[test]
fn an_unacceptable_crit_fails_even_a_correct_signature() {
    let headers = [
        (r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, "an extension the verifier does not understand"),
        (r#"{"alg":"HS256","crit":["foo"]}"#, "an extension absent from the header"),
        (r#"{"alg":"HS256","crit":[]}"#, "an empty list"),
        (r#"{"alg":"HS256","crit":"foo","foo":1}"#, "not an array"),
        (r#"{"alg":"HS256","crit":["kid"],"kid":"k"}"#, "a parameter RFC 7515 defines"),
        (r#"{"alg":"HS256","crit":["b64","b64"],"b64":true}"#, "the same name twice"),
        (r#"{"alg":"HS256","crit":[7]}"#, "a name that is not a string"),
    ];
    for (header, what) in headers {
        let report = check(&hs256(header), &oct_jwk(""));
        let signature = &report.tokens[0].checks.signature;
        assert_eq!(signature.status.as_str(), "fail", "`crit` with {what}: {signature:?}");
        assert!(signature.message.starts_with("Correct signature"), "the user still learns the MAC is right: {}", signature.message);
        assert!(codes(&report).contains(&"SIG008"), "`crit` with {what}: {:?}", codes(&report));
    }
}

#[test]
fn a_kid_that_is_not_a_string_fails_even_a_correct_signature() {
    let report = check(&hs256(r#"{"alg":"HS256","kid":5}"#), &oct_jwk(""));
    assert_eq!(status(&report), "fail");
    assert!(codes(&report).contains(&"SIG017"), "{:?}", codes(&report));
}

#[test]
fn a_jwk_whose_restrictions_cannot_be_read_is_not_used() {
    // Were these members skipped, the key would verify what its owner meant to forbid.
    let members = [
        r#""alg":["HS512"],"#,
        r#""use":7,"#,
        r#""key_ops":"sign","#,
        r#""key_ops":[1,"verify"],"#,
        r#""key_ops":["verify","verify"],"#,
        r#""kid":{"id":"k1"},"#,
    ];
    for extra in members {
        let report = check(&hs256(r#"{"alg":"HS256"}"#), &oct_jwk(extra));
        assert_ne!(status(&report), "pass", "{extra}");
        let finding = report.findings.iter().find(|f| f.code.as_str() == "KEY002");
        assert!(finding.is_some(), "{extra}: {:?}", codes(&report));
    }
    let report = check(&hs256(r#"{"alg":"HS256"}"#), &oct_jwk(r#""alg":"HS256","use":"sig","key_ops":["verify"],"#));
    assert_eq!(status(&report), "pass", "well-formed restrictions that allow the use");
}

// ---------------------------------------------------------------------------------------------
// ML-DSA private keys (RFC 9881 §6): the engine uses their public half

/// A DER element: tag, definite length, content.
fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

/// A PKCS #8 `PRIVATE KEY` PEM for ML-DSA-44 around the given `ML-DSA-PrivateKey` encoding.
fn ml_dsa_44_pem(private_key: &[u8]) -> String {
    let oid = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11];
    let body = [der(0x02, &[0]), der(0x30, &oid), der(0x04, private_key)].concat();
    let text = base64::engine::general_purpose::STANDARD.encode(der(0x30, &body));
    format!("-----BEGIN PRIVATE KEY-----\n{text}\n-----END PRIVATE KEY-----\n")
}

const SEED: [u8; 32] = [7; 32];

/// An ML-DSA-44 token signed with the key of [`SEED`], and that key's expanded form.
fn ml_dsa_44_token() -> (String, Vec<u8>) {
    let signing = ml_dsa::SigningKey::<ml_dsa::MlDsa44>::from_seed(&ml_dsa::B32::from(SEED));
    let input = format!("{}.{}", B64URL.encode(r#"{"alg":"ML-DSA-44"}"#), B64URL.encode(PAYLOAD));
    let signature = signing.expanded_key().sign_deterministic(input.as_bytes(), b"").unwrap();
    #[allow(deprecated)]
    let expanded = signing.expanded_key().to_expanded().to_vec();
    (format!("{input}.{}", B64URL.encode(signature.encode())), expanded)
}

#[test]
fn ml_dsa_private_keys_in_seed_form_verify_with_their_public_half() {
    let (token, expanded) = ml_dsa_44_token();
    let seed_form = [&[0x80, 0x20][..], &SEED].concat();
    let report = check(&token, &ml_dsa_44_pem(&seed_form));
    assert_eq!(status(&report), "pass", "{:?} {:?}", report.tokens[0].checks.signature, codes(&report));
    assert!(codes(&report).contains(&"KEY003"), "a private key was pasted: {:?}", codes(&report));

    let both = der(0x30, &[der(0x04, &SEED), der(0x04, &expanded)].concat());
    let report = check(&token, &ml_dsa_44_pem(&both));
    assert_eq!(status(&report), "pass", "seed and expanded key together: {:?}", codes(&report));
}

#[test]
fn ml_dsa_private_keys_without_a_usable_seed_are_refused_with_a_reason() {
    let (token, expanded) = ml_dsa_44_token();
    let mismatched = der(0x30, &[der(0x04, &[8; 32]), der(0x04, &expanded)].concat());
    let cases = [
        (der(0x04, &expanded), "expanded key only"),
        (mismatched, "seed and expanded key of different keys"),
        ([&[0x80, 0x10][..], &[7; 16]].concat(), "a short seed"),
        (der(0x02, &[0]), "no form RFC 9881 defines"),
    ];
    for (private_key, what) in cases {
        let report = check(&token, &ml_dsa_44_pem(&private_key));
        assert_ne!(status(&report), "pass", "{what}");
        let finding = report.findings.iter().find(|f| f.code.as_str() == "KEY001");
        assert!(finding.is_some_and(|f| f.message.contains("ML-DSA")), "{what}: {:?}", report.findings);
    }
}
