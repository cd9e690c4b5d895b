//! Keys from every container, and the signature diagnoses that depend on them.

use why401_engine::{inspect, Context, KeyFormat, KeyInput, Report};

/// 2026-11-25 08:00 UTC: inside the validity of `data/issuer-cert.pem`.
const NOW: i64 = 1_795_593_600;

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn cli_data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../cli/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn with_key(token: &str, key: &str, now: i64) -> Report {
    inspect(token, &Context::new(now).with_key(KeyInput::new("the test key", key, KeyFormat::Auto)))
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

fn signature(report: &Report) -> &'static str {
    report.tokens[0].checks.signature.status.as_str()
}

#[test]
fn certificate_verifies_and_is_described() {
    let report = with_key(&data("es256-x5c-token.txt"), &data("issuer-cert.pem"), NOW);
    assert_eq!(signature(&report), "pass", "{:?}", report.tokens[0].checks.signature);
    let cert = report.keys[0].certificate.as_ref().unwrap();
    assert!(cert.subject.contains("CN=login.example.com"), "{}", cert.subject);
    assert_eq!(cert.subject, cert.issuer, "self-signed");
    assert!(cert.not_before < NOW && NOW < cert.not_after);
    assert!(!codes(&report).contains(&"KEY008"));
    assert_eq!(report.keys[0].kind, "EC P-256");
}

#[test]
fn expired_certificate_is_flagged() {
    let in_2040 = 2_208_988_800;
    let report = with_key(&data("es256-x5c-token.txt"), &data("issuer-cert.pem"), in_2040);
    assert!(codes(&report).contains(&"KEY008"), "{:?}", codes(&report));
    let finding = report.findings.iter().find(|f| f.code.as_str() == "KEY008").unwrap();
    assert!(finding.message.contains("expired") && finding.message.contains("2036-11-22"), "{}", finding.message);
}

#[test]
fn private_key_is_used_for_its_public_half_with_a_warning() {
    let report = with_key(&data("es256-x5c-token.txt"), &data("leaked-private-key.pem"), NOW);
    assert_eq!(signature(&report), "pass");
    assert!(codes(&report).contains(&"KEY003"));
    assert!(report.findings.iter().any(|f| f.help.contains("rotate")));
}

#[test]
fn x5c_chain_is_decoded_but_trusted_only_on_request() {
    let token = data("es256-x5c-token.txt");
    let report = inspect(&token, &Context::new(NOW));
    assert_eq!(report.tokens[0].x5c.len(), 1);
    assert!(report.tokens[0].x5c[0].subject.contains("O=Example Issuer"));
    assert_eq!(signature(&report), "skip");
    assert!(codes(&report).contains(&"SIG012"));

    let mut ctx = Context::new(NOW);
    ctx.trust_x5c = true;
    let report = inspect(&token, &ctx);
    assert_eq!(signature(&report), "pass");
    assert!(codes(&report).contains(&"SIG014"));
}

#[test]
fn der_encoded_ecdsa_signature_is_named() {
    let report = with_key(&data("es256-der-signature-token.txt"), &data("issuer-cert.pem"), NOW);
    assert_eq!(signature(&report), "fail");
    assert!(codes(&report).contains(&"SIG011"), "{:?}", codes(&report));
}

#[test]
fn rsa_key_for_pss_refuses_a_pkcs1_token() {
    let jwks = cli_data("issuer-jwks.json").replace("\"alg\": \"RS256\"", "\"alg\": \"PS256\"");
    let report = with_key(&cli_data("rs256-access-token.txt"), &jwks, NOW);
    assert_eq!(signature(&report), "fail");
    let finding = report.findings.iter().find(|f| f.code.as_str() == "SIG005").expect("SIG005");
    assert!(finding.message.contains("RSASSA-PKCS1-v1_5 and RSASSA-PSS"), "{}", finding.message);
}

#[test]
fn rotated_key_set_lists_the_kids_it_has() {
    let jwks = cli_data("issuer-jwks.json").replace("2026-11-key-a", "2027-01-key-b");
    let report = with_key(&cli_data("rs256-access-token.txt"), &jwks, NOW);
    let finding = report.findings.iter().find(|f| f.code.as_str() == "SIG002").expect("SIG002");
    assert!(finding.message.contains("`old-ec`, `2027-01-key-b`"), "{}", finding.message);
    assert!(finding.message.contains("does verify it"), "{}", finding.message);
}

#[test]
fn hmac_token_with_a_public_key_is_algorithm_confusion() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE3NjQwMDM2MDB9.QMgmpNpGkl-zJ9oanIycUkUhrLs_tCgSL37fybvGBbU";
    let report = with_key(token, &cli_data("issuer-key.pem"), NOW);
    assert_eq!(signature(&report), "fail");
    assert!(codes(&report).contains(&"SIG003"));
}

#[test]
fn huge_key_set_is_capped_without_hanging() {
    let keys: Vec<String> = (0..10_000).map(|i| format!(r#"{{"kty":"oct","kid":"k{i}","k":"{}"}}"#, "QUJD".repeat(8))).collect();
    let jwks = format!(r#"{{"keys":[{}]}}"#, keys.join(","));
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.QMgmpNpGkl-zJ9oanIycUkUhrLs_tCgSL37fybvGBbU";
    let report = with_key(token, &jwks, NOW);
    assert_eq!(report.keys.len(), 1000);
    let found = codes(&report);
    assert!(found.contains(&"KEY011"), "{found:?}");
    assert!(found.contains(&"SIG010"), "{found:?}");
    assert_eq!(signature(&report), "fail");
}

#[test]
fn files_that_are_not_keys_say_so() {
    let image = String::from_utf8_lossy(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).into_owned();
    for text in [image.as_str(), "{\"kty\":\"RSA\"}", "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----", "{\"keys\": 7}"] {
        let report = inspect("", &Context::new(NOW).with_key(KeyInput::new("the test key", text, KeyFormat::Auto)));
        assert!(report.keys.is_empty(), "{text:?}");
        let found = codes(&report);
        assert!(found.iter().any(|c| *c == "KEY001" || *c == "KEY002"), "{text:?}: {found:?}");
    }
    // A token checked with only an unreadable key says so, rather than that no key was given.
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3NjQwMDM2MDB9.c2ln";
    let report = with_key(token, "{\"kty\":\"RSA\"}", NOW);
    assert_eq!(signature(&report), "skip");
    assert!(report.tokens[0].checks.signature.message.contains("could not be read"), "{}", report.tokens[0].checks.signature.message);
}

#[test]
fn pkcs1_rsa_public_key_verifies() {
    let report = with_key(&cli_data("rs256-access-token.txt"), &data("issuer-key-pkcs1.pem"), NOW);
    assert_eq!(signature(&report), "pass", "{:?}", report.tokens[0].checks.signature);
    assert_eq!(report.keys[0].kind, "RSA 2048-bit");
}
