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
    let files = [
        "4_1.rsa_v15_signature.json",
        "4_2.rsa-pss_signature.json",
        "4_3.ecdsa_signature.json",
        "4_4.hmac-sha2_integrity_protection.json",
    ];
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
