//! The signature conformance suites in headless Chromium, through both implementations of the
//! engine's verification seam: RustCrypto compiled to WebAssembly and the browser's WebCrypto.
//! Both must give Wycheproof's verdict on every case.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::*;
use why401_engine::jose::alg::Alg;
use why401_engine::jose::key::{self, Material};
use why401_engine::jose::verify::{RustCrypto, Verifier};
use why401_engine::{inspect_with, Context, KeyFormat, KeyInput};
use why401_webcrypto::{Browser, Outcome};

wasm_bindgen_test_configure!(run_in_browser);

#[cfg(not(vectors))]
#[wasm_bindgen_test]
fn vectors_are_absent() {
    web_sys_log("skipped: ../shared/vectors not found when this test was built");
}

fn web_sys_log(message: &str) {
    wasm_bindgen_test::console_log!("{}", message);
}

/// The key of a Wycheproof group, read the way the page reads a pasted key.
fn group_key(group: &Value) -> Option<Material> {
    if let Some(pem) = group["publicKeyPem"].as_str() {
        let (keys, _) = key::parse(pem, "the group key");
        return keys.into_iter().next().map(|k| k.material);
    }
    None
}

/// Runs one raw vector file through both verifiers; returns (cases, agreements, problems).
async fn raw_suite(name: &str, json: &str, alg: Alg) -> (usize, Vec<String>) {
    let suite: Value = serde_json::from_str(json).unwrap();
    let mut cases = 0;
    let mut problems = Vec::new();
    for group in suite["testGroups"].as_array().unwrap() {
        // JWS never truncates an HMAC tag: only full-length groups apply.
        if alg.name().starts_with("HS") && group["tagSize"].as_u64() != Some(alg.hash_bytes() as u64 * 8) {
            continue;
        }
        let group_material = group_key(group);
        for case in group["tests"].as_array().unwrap() {
            let material = match &group_material {
                Some(m) => m.clone(),
                None => Material::Oct { k: why401_engine::secret::SecretBytes::new(hex::decode(case["key"].as_str().unwrap()).unwrap()) },
            };
            let msg = hex::decode(case["msg"].as_str().unwrap()).unwrap();
            let sig = hex::decode(case["sig"].as_str().or(case["tag"].as_str()).unwrap()).unwrap();
            // `acceptable` cases are refused: the engine is strict (see crates/engine/tests).
            let want = case["result"] == "valid";
            cases += 1;
            let native = RustCrypto.verify(alg, &material, &msg, &sig).is_ok();
            let length_ok = why401_engine::jose::verify::signature_length(alg, &material) == Some(sig.len());
            let browser = match why401_webcrypto::verify(alg, &material, &msg, &sig).await {
                Outcome::Verified => length_ok,
                Outcome::Mismatch => false,
                Outcome::Unsupported(why) => {
                    problems.push(format!("{name} tcId {}: WebCrypto refused: {why}", case["tcId"]));
                    continue;
                }
            };
            if native != want || browser != want {
                problems.push(format!("{name} tcId {} ({}): want {want}, RustCrypto {native}, WebCrypto {browser}", case["tcId"], case["comment"]));
            }
        }
    }
    web_sys_log(&format!("{name}: {cases} cases through RustCrypto and WebCrypto, {} disagreements", problems.len()));
    (cases, problems)
}

#[cfg(vectors)]
macro_rules! vector {
    ($path:literal) => {
        include_str!(concat!(env!("WHY401_VECTORS"), "/", $path))
    };
}

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn raw_signature_vectors_agree_through_both_verifiers() {
    let suites: [(&str, &str, Alg); 13] = [
        ("ECDSA P-256", vector!("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json"), Alg::Es256),
        ("ECDSA P-384", vector!("wycheproof/ecdsa_secp384r1_sha384_p1363_test.json"), Alg::Es384),
        ("ECDSA P-521", vector!("wycheproof/ecdsa_secp521r1_sha512_p1363_test.json"), Alg::Es512),
        ("RSA PKCS#1 SHA-256", vector!("wycheproof/rsa_signature_2048_sha256_test.json"), Alg::Rs256),
        ("RSA PKCS#1 SHA-384", vector!("wycheproof/rsa_signature_2048_sha384_test.json"), Alg::Rs384),
        ("RSA PKCS#1 SHA-512", vector!("wycheproof/rsa_signature_2048_sha512_test.json"), Alg::Rs512),
        ("RSA-PSS SHA-256", vector!("wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json"), Alg::Ps256),
        ("RSA-PSS SHA-384", vector!("wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json"), Alg::Ps384),
        ("RSA-PSS SHA-512", vector!("wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json"), Alg::Ps512),
        ("Ed25519", vector!("wycheproof/ed25519_test.json"), Alg::EdDsa),
        ("HMAC SHA-256", vector!("wycheproof/hmac_sha256_test.json"), Alg::Hs256),
        ("HMAC SHA-384", vector!("wycheproof/hmac_sha384_test.json"), Alg::Hs384),
        ("HMAC SHA-512", vector!("wycheproof/hmac_sha512_test.json"), Alg::Hs512),
    ];
    let mut total = 0;
    let mut problems = Vec::new();
    for (name, json, alg) in suites {
        let (cases, mut found) = raw_suite(name, json, alg).await;
        total += cases;
        problems.append(&mut found);
    }
    web_sys_log(&format!("raw signature vectors: {total} cases, {} disagreements", problems.len()));
    assert!(total > 2000, "only {total} cases ran");
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

/// Cases of `json_web_signature_test.json` whose labels are wrong or contradict each other.
const JWS_EXCLUDED: [(u64, &str); 9] = [
    (357, "same token as 367 and 370 with the opposite label (C2SP/wycheproof#236)"),
    (367, "same token as 357 and 370 with the opposite label (C2SP/wycheproof#236)"),
    (370, "same token as 357 and 367 with the opposite label (C2SP/wycheproof#236)"),
    (372, "labelled valid although it has `?` inside base64url"),
    (373, "labelled valid although it has `?` inside base64url"),
    (346, "labelled valid although the key's own `alg` does not match the token's; the engine refuses that"),
    (347, "labelled valid although the key's own `alg` does not match the token's; the engine refuses that"),
    (350, "labelled valid although the key's own `alg` does not match the token's; the engine refuses that"),
    (351, "labelled valid although the key's own `alg` does not match the token's; the engine refuses that"),
];

fn case_id(case: &Value) -> u64 {
    case["tcId"].as_u64().or_else(|| case["tcId"].as_str().and_then(|s| s.parse().ok())).unwrap_or(0)
}

/// The group's verification keys as JSON text (a public JWK or key set, else the private JWK,
/// of which the engine uses the public half).
fn jws_group_key(group: &Value) -> String {
    for name in ["public", "publicKeyJwk", "jwks", "private"] {
        if !group[name].is_null() {
            return group[name].to_string();
        }
    }
    String::new()
}

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn jws_vectors_agree_through_the_page_verifier() {
    let suite: Value = serde_json::from_str(vector!("wycheproof/json_web_signature_test.json")).unwrap();
    let (mut total, mut excluded) = (0, 0);
    let mut problems = Vec::new();
    for group in suite["testGroups"].as_array().unwrap() {
        let key_text = jws_group_key(group);
        for case in group["tests"].as_array().unwrap() {
            total += 1;
            if JWS_EXCLUDED.iter().any(|(id, _)| *id == case_id(case)) {
                excluded += 1;
                continue;
            }
            let Some(jws) = case["jws"].as_str() else {
                // JSON serialisation: never a compact token, so never passes.
                if case["result"] == "valid" {
                    problems.push(format!("tcId {}: valid JSON-serialised JWS cannot be read", case_id(case)));
                }
                continue;
            };
            let ctx = Context::new(0).with_key(KeyInput::new("the group key", key_text.clone(), KeyFormat::Auto));
            // The page's two passes: ask, let WebCrypto answer, ask again.
            let first = Browser::new(Default::default());
            let _ = inspect_with(jws, &ctx, &first);
            let answers = why401_webcrypto::run(first.wanted()).await;
            let second = Browser::new(std::rc::Rc::new(answers));
            let report = inspect_with(jws, &ctx, &second);
            let native = why401_engine::inspect(jws, &ctx);
            let status = |r: &why401_engine::Report| r.tokens.first().map(|t| t.checks.signature.status.as_str()).unwrap_or("none");
            let want = case["result"] == "valid";
            let (browser, rust) = (status(&report) == "pass", status(&native) == "pass");
            if browser != want || rust != want {
                problems.push(format!("tcId {} ({}): want {want}, page {}, RustCrypto {}", case_id(case), case["comment"], status(&report), status(&native)));
            }
        }
    }
    web_sys_log(&format!("JWS vectors: {total} cases, {} agree, {excluded} excluded", total - excluded - problems.len()));
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}
