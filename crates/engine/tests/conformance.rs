//! The conformance suites, natively through RustCrypto: Wycheproof's raw signature vectors, its
//! JWS and JWK suites, RFC 7520 §4 and jwt.io's examples. Read in place from `../shared/vectors`;
//! each suite prints its count and fails on any disagreement.

mod cases;

use cases::*;
use std::path::PathBuf;
use why401_engine::jose::verify::{signature_length, RustCrypto, Verifier};
use why401_engine::{inspect, Context, KeyFormat, KeyInput};

fn vectors(path: &str) -> Option<String> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors").join(path);
    let text = std::fs::read_to_string(&file).ok();
    if text.is_none() {
        println!("skipped: ../shared/vectors/{path} not found");
    }
    text
}

fn signature_status(token: &str, keys: &str, format: KeyFormat) -> String {
    let report = inspect(token, &Context::new(0).with_key(KeyInput::new("the test key", keys, format)));
    report.tokens.first().map(|t| t.checks.signature.status.as_str().to_string()).unwrap_or_else(|| "no token".into())
}

#[test]
fn raw_signature_vectors_agree() {
    let mut total = 0;
    let mut problems = Vec::new();
    for (name, path, alg) in RAW_FILES {
        let Some(json) = vectors(path) else { continue };
        let cases = raw_cases(&json, alg);
        assert!(!cases.is_empty(), "{name}: no cases read");
        for case in &cases {
            let fits = signature_length(case.alg, &case.key) == Some(case.sig.len());
            let verified = fits && RustCrypto.verify(case.alg, &case.key, &case.msg, &case.sig).is_ok();
            if verified != case.valid {
                problems.push(format!("{name} tcId {} ({}): want {}, got {verified}", case.id, case.comment, case.valid));
            }
        }
        println!("{name}: {} cases", cases.len());
        total += cases.len();
    }
    println!("raw signature vectors: {total} cases, {} agree, 0 excluded", total - problems.len());
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

fn token_suite(name: &str, path: &str, excluded: &[(u64, &'static str)]) {
    let Some(json) = vectors(path) else { return };
    let cases = token_cases(&json, excluded);
    let mut problems = Vec::new();
    let mut skipped = 0;
    for case in &cases {
        if let Some(why) = case.excluded {
            println!("{name} tcId {} excluded: {why}", case.id);
            skipped += 1;
            continue;
        }
        let got = match &case.jws {
            Some(jws) => signature_status(jws, &case.keys, KeyFormat::Auto),
            None => "not a compact token".into(),
        };
        if (got == "pass") != case.valid {
            problems.push(format!("{name} tcId {} ({}): want {}, got {got}", case.id, case.comment, if case.valid { "valid" } else { "invalid" }));
        }
    }
    println!("{name}: {} cases, {} agree, {skipped} excluded", cases.len(), cases.len() - skipped - problems.len());
    assert!(cases.len() > 20, "{name}: only {} cases read", cases.len());
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn wycheproof_jws_suite_agrees() {
    token_suite("Wycheproof JWS", "wycheproof/json_web_signature_test.json", &JWS_EXCLUDED);
}

#[test]
fn wycheproof_jwk_suite_agrees() {
    token_suite("Wycheproof JWK", "wycheproof/json_web_key_test.json", &[]);
}

/// RFC 7520 §4 examples without a compact token, which is all an API receives.
const COOKBOOK_NOT_COMPACT: [(&str, &str); 4] = [
    ("4.5", "detached payload: the token carries no payload to check"),
    ("4.6", "JSON serialisation only (unprotected header)"),
    ("4.7", "JSON serialisation only (payload-only protection)"),
    ("4.8", "JSON serialisation only (several signatures)"),
];

#[test]
fn rfc7520_and_rfc8037_signatures_verify() {
    let files = ["4_1.rsa_v15_signature.json", "4_2.rsa-pss_signature.json", "4_3.ecdsa_signature.json", "4_4.hmac-sha2_integrity_protection.json"];
    let mut count = 0;
    let paths = files.iter().map(|f| format!("jose-cookbook/jws/{f}")).chain(["jose-cookbook/curve25519/jws.json".to_string()]);
    for file in paths {
        let Some(json) = vectors(&file) else { return };
        let example = cookbook_example(&file, &json).unwrap_or_else(|| panic!("{file}: no compact form"));
        assert_eq!(signature_status(&example.token, &example.key, example.format), "pass", "{file}");
        count += 1;
    }
    for (section, why) in COOKBOOK_NOT_COMPACT {
        println!("RFC 7520 {section} excluded: {why}");
    }
    println!("RFC 7520 §4 and RFC 8037 JWS: {count} examples verified, {} excluded", COOKBOOK_NOT_COMPACT.len());
}

/// RFC 7520 files whose JSON forms are read, verified or decrypted in place.
const COOKBOOK_JSON_FILES: [&str; 21] = [
    "jws/4_1.rsa_v15_signature.json",
    "jws/4_2.rsa-pss_signature.json",
    "jws/4_3.ecdsa_signature.json",
    "jws/4_4.hmac-sha2_integrity_protection.json",
    "jws/4_5.signature_with_detached_content.json",
    "jws/4_6.protecting_specific_header_fields.json",
    "jws/4_7.protecting_content_only.json",
    "jws/4_8.multiple_signatures.json",
    "jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
    "jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
    "jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
    "jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
    "jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
    "jwe/5_6.direct_encryption_using_aes-gcm.json",
    "jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
    "jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
    "jwe/5_9.compressed_content.json",
    "jwe/5_10.including_additional_authentication_data.json",
    "jwe/5_11.protecting_specific_header_fields.json",
    "jwe/5_12.protecting_content_only.json",
    "jwe/5_13.encrypting_to_multiple_recipients.json",
];

/// JSON forms of RFC 7520 that are not expected to pass, with the reason.
const COOKBOOK_JSON_EXCLUDED: [(&str, &str); 0] = [];

#[test]
fn rfc7520_json_serializations_verify_and_decrypt() {
    let mut passed = 0;
    let mut problems = Vec::new();
    let mut read = 0;
    for file in COOKBOOK_JSON_FILES {
        let Some(json) = vectors(&format!("jose-cookbook/{file}")) else { return };
        for example in cookbook_json_examples(file, &json) {
            read += 1;
            if let Some((_, why)) = COOKBOOK_JSON_EXCLUDED.iter().find(|(name, _)| *name == example.name) {
                println!("RFC 7520 {} excluded: {why}", example.name);
                continue;
            }
            let mut ctx = Context::new(0);
            for (i, (key, format)) in example.keys.iter().enumerate() {
                ctx = ctx.with_key(KeyInput::new(format!("example key {}", i + 1), key.clone(), *format));
            }
            let report = inspect(&example.text, &ctx);
            let Some(token) = report.tokens.first() else {
                problems.push(format!("{}: not read", example.name));
                continue;
            };
            let status = token.checks.signature.status.as_str();
            let content_ok = match &example.plaintext {
                None => true,
                Some(text) => match &token.payload {
                    serde_json::Value::String(s) => s == text,
                    other => serde_json::from_str::<serde_json::Value>(text).ok().as_ref() == Some(other),
                },
            };
            if status == "pass" && content_ok {
                passed += 1;
            } else {
                problems.push(format!(
                    "{}: {status} ({}), content {}",
                    example.name,
                    token.checks.signature.message,
                    if content_ok { "as expected" } else { "differs" }
                ));
            }
        }
    }
    println!("RFC 7520 JSON serializations: {read} read, {passed} verified or decrypted, {} excluded", COOKBOOK_JSON_EXCLUDED.len());
    assert!(read >= 55, "only {read} JSON forms read");
    assert!(problems.is_empty(), "{} failed:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn jwtio_examples_verify_with_every_key_format() {
    let Some(json) = vectors("jwtio/e2e-jwt.json") else { return };
    let mut unsupported = Vec::new();
    let examples = jwtio_examples(&json, &mut unsupported);
    for example in &examples {
        assert_eq!(signature_status(&example.token, &example.key, example.format), "pass", "{}", example.name);
    }
    // `none` is never verified: it must fail, not pass.
    for alg in &unsupported {
        let suite: serde_json::Value = serde_json::from_str(&json).unwrap();
        let entry = &suite["byAlgorithm"][alg];
        let token = entry["jwt"].as_str().or_else(|| entry["withJwkKey"]["jwt"].as_str()).unwrap();
        let status = signature_status(token, "{\"kty\":\"oct\",\"k\":\"AAAA\"}", KeyFormat::Auto);
        assert_eq!(status, "fail", "{alg}");
    }
    println!("jwt.io examples: {} verified; {} refused as unsigned ({})", examples.len(), unsupported.len(), unsupported.join(", "));
    assert_eq!(unsupported, ["none"], "every signing algorithm of the file is implemented");
    assert!(examples.len() >= 32, "only {} examples", examples.len());
}
