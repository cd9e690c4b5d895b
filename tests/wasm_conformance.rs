//! The conformance suites in headless Chromium, through both implementations of the engine's
//! verification seam: RustCrypto compiled to WebAssembly and the browser's WebCrypto. Both must
//! give the vectors' verdict on every case (exclusions are listed in the shared case module).
#![cfg(target_arch = "wasm32")]

#[path = "../crates/engine/tests/cases/mod.rs"]
mod cases;

#[path = "../crates/engine/tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use wasm_bindgen_test::*;
use why401_engine::jose::verify::{signature_length, RustCrypto, Verifier};
use why401_engine::{inspect, inspect_with, Context, KeyFormat, KeyInput, Report};
use why401_webcrypto::{Browser, Outcome};

wasm_bindgen_test_configure!(run_in_browser);

fn log(message: &str) {
    console_log!("{}", message);
}

#[cfg(not(vectors))]
#[wasm_bindgen_test]
fn vectors_are_absent() {
    log("skipped: ../shared/vectors not found when this test was built");
}

#[cfg(vectors)]
macro_rules! vector {
    ($path:literal) => {
        include_str!(concat!(env!("WHY401_VECTORS"), "/", $path))
    };
}

/// The raw files in the order of `cases::RAW_FILES`, compiled in.
#[cfg(vectors)]
const RAW_JSON: [&str; 14] = [
    vector!("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json"),
    vector!("wycheproof/ecdsa_secp384r1_sha384_p1363_test.json"),
    vector!("wycheproof/ecdsa_secp521r1_sha512_p1363_test.json"),
    vector!("wycheproof/ecdsa_secp256k1_sha256_p1363_test.json"),
    vector!("wycheproof/rsa_signature_2048_sha256_test.json"),
    vector!("wycheproof/rsa_signature_2048_sha384_test.json"),
    vector!("wycheproof/rsa_signature_2048_sha512_test.json"),
    vector!("wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json"),
    vector!("wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json"),
    vector!("wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json"),
    vector!("wycheproof/ed25519_test.json"),
    vector!("wycheproof/hmac_sha256_test.json"),
    vector!("wycheproof/hmac_sha384_test.json"),
    vector!("wycheproof/hmac_sha512_test.json"),
];

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn raw_signature_vectors_agree_through_both_verifiers() {
    let (mut total, mut through_webcrypto) = (0, 0);
    let mut problems = Vec::new();
    for ((name, _, alg), json) in cases::RAW_FILES.iter().zip(RAW_JSON) {
        let cases = cases::raw_cases(json, *alg);
        for case in &cases {
            let fits = signature_length(case.alg, &case.key) == Some(case.sig.len());
            let native = fits && RustCrypto.verify(case.alg, &case.key, &case.msg, &case.sig).is_ok();
            let browser = if why401_webcrypto::supported(case.alg) {
                through_webcrypto += 1;
                match why401_webcrypto::verify(case.alg, &case.key, &case.msg, &case.sig).await {
                    Outcome::Verified => fits,
                    Outcome::Mismatch => false,
                    Outcome::Unsupported(why) => {
                        problems.push(format!("{name} tcId {}: WebCrypto refused: {why}", case.id));
                        continue;
                    }
                }
            } else {
                native
            };
            if native != case.valid || browser != case.valid {
                problems.push(format!("{name} tcId {} ({}): want {}, RustCrypto {native}, WebCrypto {browser}", case.id, case.comment, case.valid));
            }
        }
        log(&format!("{name}: {} cases", cases.len()));
        total += cases.len();
    }
    log(&format!("raw signature vectors in Chromium: {total} cases ({through_webcrypto} also through WebCrypto), {} disagreements", problems.len()));
    assert!(total > 2500, "only {total} cases ran");
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

/// The page's two passes: the engine asks, WebCrypto answers, the engine asks again.
async fn page_report(token: &str, ctx: &Context) -> Report {
    let first = Browser::new(Default::default());
    let _ = inspect_with(token, ctx, &first);
    let answers = why401_webcrypto::run(first.wanted()).await;
    inspect_with(token, ctx, &Browser::new(std::rc::Rc::new(answers)))
}

fn signature(report: &Report) -> &'static str {
    report.tokens.first().map(|t| t.checks.signature.status.as_str()).unwrap_or("none")
}

async fn token_suite(name: &str, json: &str, excluded: &[(u64, &'static str)]) {
    let cases = cases::token_cases(json, excluded);
    let mut problems = Vec::new();
    let mut skipped = 0;
    for case in &cases {
        if case.excluded.is_some() {
            skipped += 1;
            continue;
        }
        let Some(jws) = &case.jws else {
            if case.valid {
                problems.push(format!("{name} tcId {}: a valid JSON-serialised case cannot be read", case.id));
            }
            continue;
        };
        let ctx = Context::new(0).with_key(KeyInput::new("the group key", case.keys.clone(), KeyFormat::Auto));
        let page = signature(&page_report(jws, &ctx).await);
        let native = signature(&inspect(jws, &ctx));
        if (page == "pass") != case.valid || (native == "pass") != case.valid {
            problems.push(format!("{name} tcId {} ({}): want {}, page {page}, RustCrypto {native}", case.id, case.comment, case.valid));
        }
    }
    log(&format!("{name} in Chromium: {} cases, {} agree, {skipped} excluded", cases.len(), cases.len() - skipped - problems.len()));
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn jws_suite_agrees_through_the_page_verifier() {
    token_suite("Wycheproof JWS", vector!("wycheproof/json_web_signature_test.json"), &cases::JWS_EXCLUDED).await;
}

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn jwk_suite_agrees_through_the_page_verifier() {
    token_suite("Wycheproof JWK", vector!("wycheproof/json_web_key_test.json"), &[]).await;
}

#[cfg(vectors)]
#[wasm_bindgen_test]
async fn cookbook_and_jwtio_examples_verify_in_the_page() {
    let mut examples: Vec<cases::Example> = [
        ("RFC 7520 4.1", vector!("jose-cookbook/jws/4_1.rsa_v15_signature.json")),
        ("RFC 7520 4.2", vector!("jose-cookbook/jws/4_2.rsa-pss_signature.json")),
        ("RFC 7520 4.3", vector!("jose-cookbook/jws/4_3.ecdsa_signature.json")),
        ("RFC 7520 4.4", vector!("jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json")),
        ("RFC 8037 A.4", vector!("jose-cookbook/curve25519/jws.json")),
    ]
    .iter()
    .filter_map(|(name, json)| cases::cookbook_example(name, json))
    .collect();
    let mut unsupported = Vec::new();
    examples.extend(cases::jwtio_examples(vector!("jwtio/e2e-jwt.json"), &mut unsupported));
    for example in &examples {
        let ctx = Context::new(0).with_key(KeyInput::new("the example key", example.key.clone(), example.format));
        assert_eq!(signature(&page_report(&example.token, &ctx).await), "pass", "{}", example.name);
    }
    log(&format!("RFC 7520, RFC 8037 and jwt.io examples in Chromium: {} verified by the page verifier", examples.len()));
    assert_eq!(unsupported, ["none"]);
    assert!(examples.len() >= 37);
}

/// The JSON-serialized JWS of RFC 7520 §4 (general and flattened, detached content, several
/// signatures), each signature verified by WebCrypto through the page's two passes, and by
/// RustCrypto compiled to WebAssembly.
#[cfg(vectors)]
#[wasm_bindgen_test]
async fn cookbook_json_serializations_verify_in_the_page() {
    let files = [
        ("RFC 7520 4.1", vector!("jose-cookbook/jws/4_1.rsa_v15_signature.json")),
        ("RFC 7520 4.2", vector!("jose-cookbook/jws/4_2.rsa-pss_signature.json")),
        ("RFC 7520 4.3", vector!("jose-cookbook/jws/4_3.ecdsa_signature.json")),
        ("RFC 7520 4.4", vector!("jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json")),
        ("RFC 7520 4.5", vector!("jose-cookbook/jws/4_5.signature_with_detached_content.json")),
        ("RFC 7520 4.6", vector!("jose-cookbook/jws/4_6.protecting_specific_header_fields.json")),
        ("RFC 7520 4.7", vector!("jose-cookbook/jws/4_7.protecting_content_only.json")),
        ("RFC 7520 4.8", vector!("jose-cookbook/jws/4_8.multiple_signatures.json")),
    ];
    let mut count = 0;
    for (name, json) in files {
        for example in cases::cookbook_json_examples(name, json) {
            let mut ctx = Context::new(0);
            for (i, (key, format)) in example.keys.iter().enumerate() {
                ctx = ctx.with_key(KeyInput::new(format!("example key {}", i + 1), key.clone(), *format));
            }
            assert_eq!(signature(&page_report(&example.text, &ctx).await), "pass", "{} through WebCrypto", example.name);
            assert_eq!(signature(&inspect(&example.text, &ctx)), "pass", "{} through RustCrypto", example.name);
            count += 1;
        }
    }
    log(&format!("RFC 7520 JSON-serialized JWS in Chromium: {count} verified by both verifiers"));
    assert!(count >= 30);
}

#[cfg(vectors)]
#[wasm_bindgen_test]
fn jwe_suite_agrees_in_webassembly() {
    let (total, problems) = cases::jwe_suite(vector!("wycheproof/json_web_encryption_test.json"));
    log(&format!("Wycheproof JWE in Chromium (RustCrypto): {total} cases, {} agree, 0 excluded", total - problems.len()));
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
}

/// Every DPoP fixture through the page's two passes: each proof's signature is verified by
/// WebCrypto (RustCrypto where WebCrypto lacks the algorithm), and the report must be the one
/// the native engine gives.
#[wasm_bindgen_test]
async fn dpop_proofs_verify_through_webcrypto_as_natively() {
    let (mut fixtures, mut through_webcrypto) = (0, 0);
    let mut problems = Vec::new();
    for (name, text) in support::DPOP {
        let Ok((ctx, input, _)) = support::setup(text) else {
            problems.push(format!("{name}: the fixture cannot be read"));
            continue;
        };
        let first = Browser::new(Default::default());
        let _ = inspect_with(input, &ctx, &first);
        let wanted = first.wanted();
        through_webcrypto += wanted.len();
        let answers = why401_webcrypto::run(wanted).await;
        let page = inspect_with(input, &ctx, &Browser::new(std::rc::Rc::new(answers)));
        let native = inspect(input, &ctx);
        let verdicts = |r: &Report| r.proofs.iter().map(|p| p.checks.signature.status.as_str()).collect::<Vec<_>>();
        let codes = |r: &Report| r.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>();
        if verdicts(&page) != verdicts(&native) || codes(&page) != codes(&native) {
            problems.push(format!("{name}: page {:?} {:?}, RustCrypto {:?} {:?}", verdicts(&page), codes(&page), verdicts(&native), codes(&native)));
        }
        fixtures += 1;
    }
    log(&format!("DPoP fixtures in Chromium: {fixtures}, {through_webcrypto} signatures through WebCrypto, {} disagreements", problems.len()));
    assert!(fixtures >= 40 && through_webcrypto >= 30, "only {fixtures} fixtures and {through_webcrypto} WebCrypto verifications ran");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
