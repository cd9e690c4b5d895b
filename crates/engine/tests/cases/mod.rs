//! Conformance cases read from the shared vectors, shared by the native tests
//! (`tests/conformance.rs`) and the browser tests (`tests/wasm_conformance.rs` at the root).
//! Nothing here reads a file: callers pass the JSON text.
#![allow(dead_code)]

use serde_json::Value;
use why401_engine::jose::alg::Alg;
use why401_engine::jose::key::{self, Material};
use why401_engine::secret::SecretBytes;

/// The raw Wycheproof signature files, with the JWS algorithm each one tests.
pub const RAW_FILES: [(&str, &str, Alg); 14] = [
    ("ECDSA P-256", "wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", Alg::Es256),
    ("ECDSA P-384", "wycheproof/ecdsa_secp384r1_sha384_p1363_test.json", Alg::Es384),
    ("ECDSA P-521", "wycheproof/ecdsa_secp521r1_sha512_p1363_test.json", Alg::Es512),
    ("ECDSA secp256k1", "wycheproof/ecdsa_secp256k1_sha256_p1363_test.json", Alg::Es256k),
    ("RSA PKCS#1 SHA-256", "wycheproof/rsa_signature_2048_sha256_test.json", Alg::Rs256),
    ("RSA PKCS#1 SHA-384", "wycheproof/rsa_signature_2048_sha384_test.json", Alg::Rs384),
    ("RSA PKCS#1 SHA-512", "wycheproof/rsa_signature_2048_sha512_test.json", Alg::Rs512),
    ("RSA-PSS SHA-256", "wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json", Alg::Ps256),
    ("RSA-PSS SHA-384", "wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json", Alg::Ps384),
    ("RSA-PSS SHA-512", "wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json", Alg::Ps512),
    ("Ed25519", "wycheproof/ed25519_test.json", Alg::EdDsa),
    ("HMAC SHA-256", "wycheproof/hmac_sha256_test.json", Alg::Hs256),
    ("HMAC SHA-384", "wycheproof/hmac_sha384_test.json", Alg::Hs384),
    ("HMAC SHA-512", "wycheproof/hmac_sha512_test.json", Alg::Hs512),
];

/// One raw signature case.
pub struct RawCase {
    pub id: String,
    pub comment: String,
    pub alg: Alg,
    pub key: Material,
    pub msg: Vec<u8>,
    pub sig: Vec<u8>,
    /// `valid`; `acceptable` cases count as invalid, since the engine is strict (the PKCS #1
    /// files' one acceptable case omits the NULL parameter in DigestInfo).
    pub valid: bool,
}

fn hex(value: &Value) -> Vec<u8> {
    value.as_str().and_then(|s| hex::decode(s).ok()).unwrap_or_default()
}

fn id(case: &Value) -> String {
    case["tcId"].as_str().map(str::to_string).unwrap_or_else(|| case["tcId"].to_string())
}

/// Every case of a raw file. HMAC groups whose tag is shorter than the hash are left out: JWS
/// never truncates a MAC.
pub fn raw_cases(json: &str, alg: Alg) -> Vec<RawCase> {
    let suite: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let mut cases = Vec::new();
    for group in suite["testGroups"].as_array().into_iter().flatten() {
        let is_mac = alg.name().starts_with("HS");
        if is_mac && group["tagSize"].as_u64() != Some(alg.hash_bytes() as u64 * 8) {
            continue;
        }
        let group_key = group["publicKeyPem"].as_str().and_then(|pem| key::parse(pem, "the group key").0.into_iter().next());
        for case in group["tests"].as_array().into_iter().flatten() {
            let key = match (&group_key, is_mac) {
                (_, true) => Material::Oct { k: SecretBytes::new(hex(&case["key"])) },
                (Some(k), false) => k.material.clone(),
                (None, false) => continue,
            };
            cases.push(RawCase {
                id: id(case),
                comment: case["comment"].as_str().unwrap_or("").to_string(),
                alg,
                key,
                msg: hex(&case["msg"]),
                sig: hex(if is_mac { &case["tag"] } else { &case["sig"] }),
                valid: case["result"] == "valid",
            });
        }
    }
    cases
}

/// Cases of `json_web_signature_test.json` whose labels are wrong or contradict each other.
pub const JWS_EXCLUDED: [(u64, &str); 9] = [
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

/// One token case of the JWS or JWK suites.
pub struct TokenCase {
    pub id: u64,
    pub comment: String,
    /// The compact token; `None` for JSON-serialised cases, which are never a compact token.
    pub jws: Option<String>,
    /// The verification keys as JSON text: the group's public key or key set, else its private
    /// one (of which the engine uses the public half).
    pub keys: String,
    pub valid: bool,
    pub excluded: Option<&'static str>,
}

pub fn token_cases(json: &str, excluded: &[(u64, &'static str)]) -> Vec<TokenCase> {
    let suite: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let mut cases = Vec::new();
    for group in suite["testGroups"].as_array().into_iter().flatten() {
        let keys = ["public", "publicKeyJwk", "jwks", "private"].iter().find(|n| !group[**n].is_null()).map(|n| group[*n].to_string()).unwrap_or_default();
        for case in group["tests"].as_array().into_iter().flatten() {
            let id = case["tcId"].as_u64().or_else(|| case["tcId"].as_str().and_then(|s| s.parse().ok())).unwrap_or(0);
            cases.push(TokenCase {
                id,
                comment: case["comment"].as_str().unwrap_or("").to_string(),
                jws: case["jws"].as_str().map(str::to_string),
                keys: keys.clone(),
                valid: case["result"] == "valid",
                excluded: excluded.iter().find(|(e, _)| *e == id).map(|(_, why)| *why),
            });
        }
    }
    cases
}

/// A token and the key that must verify it.
pub struct Example {
    pub name: String,
    pub token: String,
    pub key: String,
    /// How the key is written: `Auto` (JWK or PEM), or an HMAC secret as text or base64url.
    pub format: why401_engine::KeyFormat,
}

/// The compact JWS examples of RFC 7520 §4 (those that have a compact form).
pub fn cookbook_example(name: &str, json: &str) -> Option<Example> {
    let example: Value = serde_json::from_str(json).ok()?;
    let token = example["output"]["compact"].as_str()?.to_string();
    Some(Example { name: name.into(), token, key: example["input"]["key"].to_string(), format: why401_engine::KeyFormat::Auto })
}

/// Every token of jwt.io's `e2e-jwt.json`, with its key; `unsupported` collects the algorithms
/// the engine does not implement.
pub fn jwtio_examples(json: &str, unsupported: &mut Vec<String>) -> Vec<Example> {
    use why401_engine::KeyFormat;
    let suite: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for (alg, entry) in suite["byAlgorithm"].as_object().into_iter().flatten() {
        if Alg::from_name(alg).is_none() {
            unsupported.push(alg.clone());
            continue;
        }
        for (variant, case) in entry.as_object().into_iter().flatten() {
            let Some(token) = case["jwt"].as_str() else { continue };
            let (key, format) = match (case["secret"].as_str(), case["secretEncoding"].as_str(), &case["publicKey"]) {
                (Some(secret), Some("base64url"), _) => (secret.to_string(), KeyFormat::SecretBase64),
                (Some(secret), _, _) => (secret.to_string(), KeyFormat::SecretText),
                (None, _, Value::String(pem)) => (pem.clone(), KeyFormat::Auto),
                (None, _, other) => (other.to_string(), KeyFormat::Auto),
            };
            out.push(Example { name: format!("{alg} {variant}"), token: token.to_string(), key, format });
        }
    }
    out
}

/// One case of Wycheproof's JWE suite.
pub struct JweCase {
    pub id: String,
    pub comment: String,
    /// `None` for JSON-serialised cases, which are never a compact token.
    pub compact: Option<String>,
    /// The recipient's key (a JWK) as JSON text.
    pub key: String,
    pub valid: bool,
    pub plaintext: Vec<u8>,
}

pub fn jwe_cases(json: &str) -> Vec<JweCase> {
    let suite: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let mut cases = Vec::new();
    for group in suite["testGroups"].as_array().into_iter().flatten() {
        for case in group["tests"].as_array().into_iter().flatten() {
            cases.push(JweCase {
                id: id(case),
                comment: case["comment"].as_str().unwrap_or("").to_string(),
                compact: case["jwe"].as_str().map(str::to_string),
                key: group["private"].to_string(),
                valid: case["result"] == "valid",
                plaintext: hex(&case["pt"]),
            });
        }
    }
    cases
}

/// Decrypts a compact JWE with one key given as text: the plaintext, or why not.
pub fn decrypt(compact: &str, key_text: &str) -> Result<Vec<u8>, String> {
    use why401_engine::jose::jwe::{self, Parts};
    use why401_engine::jwt::segment;
    let (keys, problems) = key::parse(key_text, "the test key");
    if keys.is_empty() {
        return Err(format!("key not read: {problems:?}"));
    }
    let parts: Vec<&str> = compact.split('.').collect();
    if parts.len() != 5 {
        return Err(format!("{} parts", parts.len()));
    }
    let bytes: Vec<Vec<u8>> = parts.iter().map(|p| segment::decode(p).map(|(b, _)| b).map_err(|e| e.describe())).collect::<Result<_, _>>()?;
    let header: Value = serde_json::from_slice(&bytes[0]).map_err(|e| e.to_string())?;
    let parts = Parts { protected: parts[0], header: &header, encrypted_key: &bytes[1], iv: &bytes[2], ciphertext: &bytes[3], tag: &bytes[4] };
    jwe::decrypt(&parts, &keys).map(|d| d.plaintext).map_err(|f| format!("{f:?}"))
}

/// Runs the JWE suite: (cases, disagreements).
pub fn jwe_suite(json: &str) -> (usize, Vec<String>) {
    let cases = jwe_cases(json);
    let mut problems = Vec::new();
    for case in &cases {
        let outcome = match &case.compact {
            Some(compact) => decrypt(compact, &case.key),
            None => Err("JSON serialisation".into()),
        };
        let agrees = match (&outcome, case.valid) {
            (Ok(plaintext), true) => *plaintext == case.plaintext,
            (Err(_), false) => true,
            _ => false,
        };
        if !agrees {
            problems.push(format!(
                "tcId {} ({}): expected {}, got {:?}",
                case.id,
                case.comment,
                if case.valid { "valid" } else { "invalid" },
                outcome.map(hex::encode)
            ));
        }
    }
    (cases.len(), problems)
}

/// One JSON-serialized example of RFC 7520 (§4 JWS, §5 JWE): the text a user pastes (the
/// detached payload of §4.5 beside its JWS), the keys, and for a JWE the plaintext to expect.
pub struct JsonExample {
    pub name: String,
    pub text: String,
    pub keys: Vec<(String, why401_engine::KeyFormat)>,
    pub plaintext: Option<String>,
}

/// The `json` (general) and `json_flat` (flattened) forms of one RFC 7520 example.
pub fn cookbook_json_examples(name: &str, json: &str) -> Vec<JsonExample> {
    use why401_engine::KeyFormat;
    let Ok(example) = serde_json::from_str::<Value>(json) else { return Vec::new() };
    let input = &example["input"];
    let keys: Vec<(String, KeyFormat)> = match (&input["key"], input["pwd"].as_str()) {
        (Value::Array(list), _) => list.iter().map(|k| (k.to_string(), KeyFormat::Auto)).collect(),
        (Value::Object(_), _) => vec![(input["key"].to_string(), KeyFormat::Auto)],
        (_, Some(pwd)) => vec![(pwd.to_string(), KeyFormat::SecretText)],
        _ => Vec::new(),
    };
    let plaintext = input["plaintext"].as_str().map(str::to_string);
    let mut out = Vec::new();
    for form in ["json", "json_flat"] {
        let object = &example["output"][form];
        if !object.is_object() {
            continue;
        }
        // Pasted as a program prints it and on one line, as a log or a request body holds it.
        // (A JWE only on one line: its decryption is the slow part, and the layouts read alike.)
        let layouts = if object.get("ciphertext").is_some() {
            vec![("one line", serde_json::to_string(object))]
        } else {
            vec![("pretty", serde_json::to_string_pretty(object)), ("one line", serde_json::to_string(object))]
        };
        for (layout, serialized) in layouts {
            let serialized = serialized.unwrap_or_default();
            // A detached payload is pasted beside its JWS, as the request body it travelled with.
            let text = match (object.get("payload"), object.get("ciphertext"), input["payload"].as_str()) {
                (None, None, Some(payload)) => format!("{payload}\n\n{serialized}"),
                _ => serialized,
            };
            out.push(JsonExample { name: format!("{name} {form} ({layout})"), text, keys: keys.clone(), plaintext: plaintext.clone() });
        }
    }
    out
}
