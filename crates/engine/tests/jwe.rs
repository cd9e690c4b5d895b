//! Decryption of encrypted tokens (JWE) against the Wycheproof JWE vectors and the RFC 7520
//! cookbook examples, read in place from `../shared/vectors`.

use serde_json::Value;
use std::path::PathBuf;
use why401_engine::jose::jwe::{self, Parts};
use why401_engine::jose::key;
use why401_engine::jwt::segment;
use why401_engine::{inspect, Context, KeyFormat, KeyInput};

fn vectors(path: &str) -> Option<String> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors").join(path);
    match std::fs::read_to_string(&file) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("skipped: ../shared/vectors/{path} not found");
            None
        }
    }
}

/// Decrypts a compact JWE with one key given as text; the plaintext, or why not.
fn decrypt(compact: &str, key_text: &str) -> Result<Vec<u8>, String> {
    let (keys, problems) = key::parse(key_text, "the test key");
    if keys.is_empty() {
        return Err(format!("key not read: {problems:?}"));
    }
    let parts: Vec<&str> = compact.split('.').collect();
    if parts.len() != 5 {
        return Err(format!("{} parts", parts.len()));
    }
    let bytes: Vec<Vec<u8>> = parts
        .iter()
        .map(|p| segment::decode(p).map(|(b, _)| b).map_err(|e| e.describe()))
        .collect::<Result<_, _>>()?;
    let header: Value = serde_json::from_slice(&bytes[0]).map_err(|e| e.to_string())?;
    let parts = Parts { protected: parts[0], header: &header, encrypted_key: &bytes[1], iv: &bytes[2], ciphertext: &bytes[3], tag: &bytes[4] };
    jwe::decrypt(&parts, &keys).map(|d| d.plaintext).map_err(|f| format!("{f:?}"))
}

#[test]
fn wycheproof_jwe_vectors_agree() {
    let Some(text) = vectors("wycheproof/json_web_encryption_test.json") else { return };
    let suite: Value = serde_json::from_str(&text).unwrap();
    let (mut total, mut agree) = (0, 0);
    let mut disagreements = Vec::new();
    for group in suite["testGroups"].as_array().unwrap() {
        let key_text = group["private"].to_string();
        for case in group["tests"].as_array().unwrap() {
            total += 1;
            let id = case["tcId"].as_str().map(str::to_string).unwrap_or_else(|| case["tcId"].to_string());
            let expected_valid = case["result"] == "valid";
            // JSON-serialised JWE is not a compact token: the engine never reads it as one.
            let outcome = match case["jwe"].as_str() {
                Some(compact) => decrypt(compact, &key_text),
                None => Err("JSON serialisation".into()),
            };
            let ok = match (&outcome, expected_valid) {
                (Ok(plaintext), true) => hex::encode(plaintext) == case["pt"].as_str().unwrap_or(""),
                (Err(_), false) => true,
                _ => false,
            };
            if ok {
                agree += 1;
            } else {
                disagreements.push(format!("tcId {id} ({}): expected {}, got {:?}", case["comment"], case["result"], outcome.map(hex::encode)));
            }
        }
    }
    println!("wycheproof JWE: {total} cases, {agree} agree, 0 excluded");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}

#[test]
fn rfc7520_cookbook_tokens_decrypt() {
    let files = [
        "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
        "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
        "5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
        "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
        "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
        "5_6.direct_encryption_using_aes-gcm.json",
        "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
        "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
        "5_9.compressed_content.json",
    ];
    let mut count = 0;
    for file in files {
        let Some(text) = vectors(&format!("jose-cookbook/jwe/{file}")) else { return };
        let example: Value = serde_json::from_str(&text).unwrap();
        let compact = example["output"]["compact"].as_str().unwrap_or_else(|| panic!("{file}: no compact form"));
        let (key_text, format) = match example["input"].get("pwd").and_then(Value::as_str) {
            Some(password) => (password.to_string(), KeyFormat::SecretText),
            None => (example["input"]["key"].to_string(), KeyFormat::Auto),
        };
        let report = inspect(compact, &Context::new(0).with_key(KeyInput::new("the cookbook key", key_text, format)));
        let check = &report.tokens[0].checks.signature;
        assert_eq!(check.status.as_str(), "pass", "{file}: {}", check.message);
        if format == KeyFormat::Auto {
            let plaintext = decrypt(compact, &example["input"]["key"].to_string()).unwrap();
            assert_eq!(String::from_utf8(plaintext).unwrap(), example["input"]["plaintext"].as_str().unwrap(), "{file}");
        }
        count += 1;
    }
    println!("RFC 7520 JWE: {count} examples decrypted");
}

#[test]
fn nested_signed_token_inside_an_encrypted_one_is_inspected() {
    // `dir` + A128GCM around an HS256 token with {"sub":"user-4821","exp":1764003600}.
    let compact = include_str!("data/nested-jwe.txt").trim();
    let key = r#"{"kty":"oct","kid":"nested-test","k":"XctOhJAkA-pD9Lh7ZgW_2A"}"#;
    let report = inspect(compact, &Context::new(1_764_000_000).with_key(KeyInput::new("the test key", key, KeyFormat::Auto)));
    assert_eq!(report.tokens.len(), 2, "{:?}", report.findings);
    assert_eq!(report.tokens[0].checks.signature.status.as_str(), "pass");
    assert_eq!(report.tokens[1].payload["sub"], "user-4821");
    assert_eq!(report.tokens[1].checks.exp.status.as_str(), "pass");
    // The inner token is signed with a secret that was not supplied: the oct key does not verify it.
    assert_eq!(report.tokens[1].checks.signature.status.as_str(), "fail");
}

#[test]
fn encrypted_token_without_a_key_says_what_is_needed() {
    let compact = include_str!("data/nested-jwe.txt").trim();
    let report = inspect(compact, &Context::new(0));
    assert_eq!(report.tokens[0].checks.signature.status.as_str(), "skip");
    assert!(report.findings.iter().any(|f| f.code.as_str() == "JWT022"));
    let wrong = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
    let report = inspect(compact, &Context::new(0).with_key(KeyInput::new("the test key", wrong, KeyFormat::Auto)));
    assert_eq!(report.tokens[0].checks.signature.status.as_str(), "fail");
    assert!(report.findings.iter().any(|f| f.code.as_str() == "JWE001"));
}
