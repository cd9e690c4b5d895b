//! Keys the user supplies: JWK, JWK Set, PEM public keys (SPKI and PKCS #1), X.509
//! certificates, PEM private keys (only their public half is used) and HMAC secrets.
//!
//! Parsing never fails: [`parse`] returns every key it could read and a finding for everything
//! else (an unreadable block, a weak or broken key, a private key that should now be rotated).

use super::alg::Curve;
use crate::findings::{Code, Finding};
use crate::jwt::segment;
use crate::secret::SecretBytes;
use base64::Engine;
use der::{Decode, Encode};
use serde_json::{Map, Value};

/// The most keys read from one input; a larger set is cut (and the cut reported).
pub const MAX_KEYS: usize = 1000;

/// The key itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Material {
    /// An RSA public key: modulus and exponent, big-endian without leading zeros.
    Rsa { n: Vec<u8>, e: Vec<u8> },
    /// An elliptic-curve public point, both coordinates padded to the curve's field size.
    Ec { curve: Curve, x: Vec<u8>, y: Vec<u8> },
    /// An Ed25519 public key.
    Ed25519 { x: Vec<u8> },
    /// A symmetric (HMAC) key.
    Oct { k: SecretBytes },
    /// An ML-DSA public key (FIPS 204) at security level 44, 65 or 87.
    MlDsa { level: u8, public: Vec<u8> },
}

impl Material {
    /// `RSA 2048-bit`, `EC P-256`, `Ed25519`, `HMAC secret (32 bytes)`.
    pub fn describe(&self) -> String {
        match self {
            Material::Rsa { n, .. } => format!("RSA {}-bit", bits(n)),
            Material::Ec { curve, .. } => format!("EC {}", curve.name()),
            Material::Ed25519 { .. } => "Ed25519".to_string(),
            Material::Oct { k } => format!("HMAC secret ({} bytes)", k.len()),
            Material::MlDsa { level, .. } => format!("ML-DSA-{level}"),
        }
    }

    pub fn is_symmetric(&self) -> bool {
        matches!(self, Material::Oct { .. })
    }
}

/// The private half of a key, kept only to decrypt encrypted tokens (JWE).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Private {
    /// A PKCS #1 `RSAPrivateKey` in DER.
    RsaDer(SecretBytes),
    /// The RSA private exponent and the two primes, from a JWK.
    RsaParts { d: SecretBytes, p: SecretBytes, q: SecretBytes },
    /// An elliptic-curve private scalar.
    Ec { curve: Curve, d: SecretBytes },
}

/// Subject, issuer and validity of a certificate a key came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: i64,
    pub not_after: i64,
}

impl CertInfo {
    /// KEY008 when the certificate has expired at `now`, or is not valid yet.
    pub fn validity(&self, now: i64) -> Option<Finding> {
        if now <= self.not_after && now >= self.not_before {
            return None;
        }
        let (word, at) = if now > self.not_after { ("expired", self.not_after) } else { ("becomes valid", self.not_before) };
        Some(Finding::new(
            Code::CertificateOutsideValidity,
            format!("The certificate for `{}` {word} {} ({})", self.subject, crate::timefmt::relative(at, now), crate::timefmt::utc(at).unwrap_or_default()),
        ))
    }
}

/// A key with what its container said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Where it came from, for messages: "key 2 of the JWK Set", "the PEM certificate".
    pub origin: String,
    pub kid: Option<String>,
    /// The JWK `alg`, when given.
    pub alg: Option<String>,
    /// The JWK `use`, when given.
    pub key_use: Option<String>,
    /// The JWK `key_ops`, when given.
    pub key_ops: Option<Vec<String>>,
    pub material: Material,
    pub certificate: Option<CertInfo>,
    /// The private half, when the user supplied a private key.
    pub private: Option<Private>,
    /// The key set (or file) it came from: keys of one set are judged together.
    pub set: String,
    /// Another entry of its key set declares the same `kid` (even one that could not be read).
    pub kid_shared: bool,
}

impl Key {
    fn new(origin: String, material: Material) -> Self {
        Self { set: origin.clone(), kid_shared: false, origin, kid: None, alg: None, key_use: None, key_ops: None, material, certificate: None, private: None }
    }

    /// An HMAC secret given as text (its UTF-8 bytes are the key).
    pub fn hmac_text(secret: &str) -> Key {
        Key::new("the HMAC secret".into(), Material::Oct { k: SecretBytes::new(secret.as_bytes().to_vec()) })
    }

    /// An HMAC secret given as base64 or base64url, padded or not.
    // Called once per secret typed; the finding is the report's, so it is not boxed.
    #[allow(clippy::result_large_err)]
    pub fn hmac_base64(secret: &str) -> Result<Key, Finding> {
        let compact: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
        let unpadded = compact.trim_end_matches('=').replace('+', "-").replace('/', "_");
        let engine = base64::engine::general_purpose::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
                .with_decode_allow_trailing_bits(true),
        );
        match engine.decode(&unpadded) {
            Ok(bytes) => Ok(Key::new("the HMAC secret (base64)".into(), Material::Oct { k: SecretBytes::new(bytes) })),
            Err(e) => Err(Finding::new(Code::KeyNotRecognised, format!("The HMAC secret is not base64 or base64url: {e}"))),
        }
    }

    /// "key 2 of the JWK Set (kid `a1`, RSA 2048-bit)".
    pub fn label(&self) -> String {
        // A secret already named as one ("the HMAC secret") needs only its length.
        let what = match &self.material {
            Material::Oct { k } if self.origin.contains("secret") => format!("{} bytes", k.len()),
            material => material.describe(),
        };
        match &self.kid {
            Some(kid) => format!("{} (`kid` `{kid}`, {what})", self.origin),
            None => format!("{} ({what})", self.origin),
        }
    }
}

/// The number of significant bits of a big-endian integer.
pub fn bits(bytes: &[u8]) -> usize {
    let trimmed = significant(bytes);
    trimmed.first().map_or(0, |first| trimmed.len().saturating_mul(8).saturating_sub(first.leading_zeros() as usize))
}

/// The bytes from the first one that is not zero.
fn significant(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn strip_zeros(bytes: &[u8]) -> Vec<u8> {
    significant(bytes).to_vec()
}

/// Reads every key in `text`: a JWK, a JWK Set, or one or more PEM blocks.
pub fn parse(text: &str, source: &str) -> (Vec<Key>, Vec<Finding>) {
    let mut keys = Vec::new();
    let mut findings = Vec::new();
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('{') {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Object(object)) => parse_json(&object, source, &mut keys, &mut findings),
            Ok(_) => findings.push(Finding::new(Code::KeyNotRecognised, format!("{source} is JSON but not a JWK or JWK Set object"))),
            Err(e) => findings.push(Finding::new(Code::KeyNotRecognised, format!("{source} starts like JSON but is not valid JSON: {e}"))),
        }
    } else if trimmed.contains("-----BEGIN ") {
        parse_pem(trimmed, source, &mut keys, &mut findings);
    } else {
        findings.push(Finding::new(
            Code::KeyNotRecognised,
            format!("{source} is neither a JWK, a JWK Set nor a PEM block (it starts with `{}`)", preview(trimmed)),
        ));
    }
    for key in &keys {
        check_strength(key, &mut findings);
    }
    (keys, findings)
}

fn preview(text: &str) -> String {
    let shown: String = text.chars().take(16).filter(|c| !c.is_control() && *c != '`').collect();
    if text.chars().count() > 16 {
        format!("{shown}…")
    } else {
        shown
    }
}

/// The primes of the ROCA fingerprint (Nemec et al., CCS 2017): a modulus made by the affected
/// Infineon library is, modulo each of them, a power of 65537.
const ROCA_PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157,
    163, 167,
];

/// Whether an RSA modulus has the ROCA fingerprint (its private key can be computed).
// Why: every value is reduced modulo a prime of at most 167, so `acc * 256 + 255` and
// `power * generator` stay far below `u32::MAX`, and no prime is zero.
#[allow(clippy::arithmetic_side_effects)]
pub fn roca(n: &[u8]) -> bool {
    ROCA_PRIMES.iter().all(|&p| {
        let residue = n.iter().fold(0u32, |acc, b| (acc * 256 + u32::from(*b)) % p);
        let generator = 65537 % p;
        let mut power = 1 % p;
        for _ in 0..p {
            if power == residue {
                return true;
            }
            power = power * generator % p;
        }
        false
    })
}

fn check_strength(key: &Key, findings: &mut Vec<Finding>) {
    if let Material::Rsa { n, e } = &key.material {
        if roca(n) {
            findings.push(Finding::new(Code::RsaKeyRoca, format!("{} has the ROCA fingerprint: its private key can be computed from it", key.label())));
        }
        let size = bits(n);
        if size < 2048 {
            findings.push(Finding::new(Code::RsaKeyTooShort, format!("{} has a {size}-bit modulus", key.label())));
        }
        if unusable_exponent(e) {
            findings.push(Finding::new(Code::RsaExponentUnusable, format!("{} has the public exponent {}", key.label(), hex_int(e))));
        }
    }
}

/// Whether an RSA public exponent is one no RSA key can have: missing, 1, or even (RFC 8017
/// §3.1 requires an odd exponent of at least 3).
pub fn unusable_exponent(e: &[u8]) -> bool {
    e.is_empty() || e == [1] || e.last().is_some_and(|b| b % 2 == 0)
}

fn hex_int(bytes: &[u8]) -> String {
    if bytes.len() <= 8 {
        let mut value: u64 = 0;
        for b in bytes {
            value = value << 8 | u64::from(*b);
        }
        value.to_string()
    } else {
        format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
    }
}

// ---------------------------------------------------------------------------------------------
// JWK and JWK Set (RFC 7517, RFC 7518 §6, RFC 8037)

fn parse_json(object: &Map<String, Value>, source: &str, keys: &mut Vec<Key>, findings: &mut Vec<Finding>) {
    let Some(set) = object.get("keys") else {
        if let Some(key) = parse_jwk(object, source.to_string(), findings) {
            keys.push(key);
        }
        return;
    };
    let Some(list) = set.as_array() else {
        findings.push(Finding::new(Code::JwkMalformed, format!("`keys` in {source} is not an array")));
        return;
    };
    if list.len() > MAX_KEYS {
        findings.push(Finding::new(Code::TooManyKeys, format!("{source} holds {} keys; the first {MAX_KEYS} were read", list.len())));
    }
    for (i, entry) in list.iter().take(MAX_KEYS).enumerate() {
        let origin = format!("key {} of {source}", i.saturating_add(1));
        match entry.as_object() {
            Some(jwk) => keys.extend(parse_jwk(jwk, origin, findings).map(|mut k| {
                k.set = source.to_string();
                k
            })),
            None => findings.push(Finding::new(Code::JwkMalformed, format!("{origin} is not a JSON object"))),
        }
    }
    // Declared kids, including those of entries that could not be read.
    let declared: Vec<&str> = list.iter().take(MAX_KEYS).filter_map(|e| e.get("kid").and_then(Value::as_str)).collect();
    let mut reported: Vec<&str> = Vec::new();
    for (i, kid) in declared.iter().enumerate() {
        if declared.iter().take(i).any(|d| d == kid) && !reported.contains(kid) {
            reported.push(kid);
            findings.push(Finding::new(Code::KeysShareKid, format!("Several keys in {source} have the `kid` `{kid}`")));
        }
    }
    for key in keys.iter_mut().filter(|k| k.set == source) {
        key.kid_shared = key.kid.as_deref().is_some_and(|kid| reported.contains(&kid));
    }
}

fn member<'a>(jwk: &'a Map<String, Value>, name: &str, origin: &str, findings: &mut Vec<Finding>) -> Option<&'a str> {
    match jwk.get(name) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            findings.push(Finding::new(Code::JwkMalformed, format!("`{name}` of {origin} is `{other}`, not a string")));
            None
        }
        None => {
            findings.push(Finding::new(Code::JwkMalformed, format!("{origin} has no `{name}` member")));
            None
        }
    }
}

fn bytes_member(jwk: &Map<String, Value>, name: &str, origin: &str, findings: &mut Vec<Finding>) -> Option<Vec<u8>> {
    let text = member(jwk, name, origin, findings)?;
    match segment::decode(text) {
        Ok((bytes, deviations)) if deviations.is_empty() => Some(bytes),
        Ok(_) => {
            findings
                .push(Finding::new(Code::JwkMalformed, format!("`{name}` of {origin} is not strict base64url (padding, `+`/`/`, or altered last character)")));
            None
        }
        Err(why) => {
            findings.push(Finding::new(Code::JwkMalformed, format!("`{name}` of {origin} cannot be decoded: {}", why.describe())));
            None
        }
    }
}

/// Checks the members that say which key this is and what it may do (RFC 7517 §4.2–4.5):
/// `kid`, `alg` and `use` are strings, `key_ops` an array of distinct strings. A malformed one
/// must not be skipped, for skipping it would lift a restriction the key's owner set.
fn check_metadata(jwk: &Map<String, Value>) -> Result<(), String> {
    for name in ["kid", "alg", "use"] {
        match jwk.get(name) {
            Some(value) if !value.is_string() => return Err(format!("`{name}` is `{value}`, not a string")),
            _ => {}
        }
    }
    match jwk.get("key_ops") {
        None => Ok(()),
        Some(Value::Array(ops)) => {
            for (i, op) in ops.iter().enumerate() {
                if !op.is_string() {
                    return Err(format!("`key_ops` lists `{op}`, which is not a string"));
                }
                if ops.iter().take(i).any(|o| o == op) {
                    return Err(format!("`key_ops` lists {op} more than once"));
                }
            }
            Ok(())
        }
        Some(other) => Err(format!("`key_ops` is `{other}`, not an array of strings")),
    }
}

fn parse_jwk(jwk: &Map<String, Value>, origin: String, findings: &mut Vec<Finding>) -> Option<Key> {
    let kty = member(jwk, "kty", &origin, findings)?;
    if let Err(why) = check_metadata(jwk) {
        // The key's own limits on its use cannot be read, so it is not used at all.
        findings.push(Finding::new(Code::JwkMalformed, format!("{origin}: {why}")));
        return None;
    }
    let private = ["d", "p", "q", "dp", "dq", "qi"].iter().any(|m| jwk.contains_key(*m));
    let material = match kty {
        "RSA" => {
            let n = bytes_member(jwk, "n", &origin, findings)?;
            let e = bytes_member(jwk, "e", &origin, findings)?;
            Material::Rsa { n: strip_zeros(&n), e: strip_zeros(&e) }
        }
        "EC" => {
            let crv = member(jwk, "crv", &origin, findings)?;
            let Some(curve) = Curve::from_name(crv).filter(|c| *c != Curve::Ed25519) else {
                findings.push(Finding::new(Code::KeyTypeNotForJws, format!("{origin} is on the curve `{crv}`, which JWS does not use with `EC` keys")));
                return None;
            };
            let x = bytes_member(jwk, "x", &origin, findings)?;
            let y = bytes_member(jwk, "y", &origin, findings)?;
            let size = curve.field_bytes();
            if x.len() != size || y.len() != size {
                findings.push(Finding::new(
                    Code::EcPointNotOnCurve,
                    format!("{origin}: `x` and `y` of a {crv} key are {size} bytes each, not {} and {}", x.len(), y.len()),
                ));
                return None;
            }
            Material::Ec { curve, x, y }
        }
        "OKP" => {
            let crv = member(jwk, "crv", &origin, findings)?;
            if crv == "X25519" || crv == "X448" {
                // A key-agreement key (ECDH-ES, RFC 8037 §3.2), common beside signing keys in a
                // published set: not a mistake, and no reason to fail the signature step.
                let mut note = Finding::new(
                    Code::KeyTypeNotForJws,
                    format!("{origin} is an `OKP` key on `{crv}`, for encryption (ECDH-ES): it verifies no signature and is left aside"),
                );
                note.severity = crate::findings::Severity::Info;
                findings.push(note);
                return None;
            }
            if crv != "Ed25519" {
                findings.push(Finding::new(Code::KeyTypeNotForJws, format!("{origin} is an `OKP` key on `{crv}`; only `Ed25519` signs JWS here")));
                return None;
            }
            let x = bytes_member(jwk, "x", &origin, findings)?;
            if x.len() != 32 {
                findings.push(Finding::new(Code::EcPointNotOnCurve, format!("{origin}: an Ed25519 `x` is 32 bytes, not {}", x.len())));
                return None;
            }
            Material::Ed25519 { x }
        }
        "oct" => {
            let k = bytes_member(jwk, "k", &origin, findings)?;
            Material::Oct { k: SecretBytes::new(k) }
        }
        "AKP" => {
            // Algorithm Key Pair (draft-ietf-cose-dilithium): the algorithm is part of the key.
            let alg = member(jwk, "alg", &origin, findings)?;
            let Some(level) = ml_dsa_level(alg) else {
                findings.push(Finding::new(Code::KeyTypeNotForJws, format!("{origin} is an `AKP` key for `{alg}`; only ML-DSA-44, -65 and -87 are supported")));
                return None;
            };
            let public = bytes_member(jwk, "pub", &origin, findings)?;
            Material::MlDsa { level, public }
        }
        other => {
            findings.push(Finding::new(Code::KeyTypeNotForJws, format!("{origin} has the key type `{other}`")));
            return None;
        }
    };
    let mut secret_part = None;
    if private && !material.is_symmetric() {
        findings.push(Finding::new(
            Code::PrivateKeySupplied,
            format!("{origin} contains private key parameters; they are used only to decrypt, and signatures are checked with the public half"),
        ));
        let part = |name: &str| bytes_member(jwk, name, &origin, &mut Vec::new()).map(SecretBytes::new);
        secret_part = match &material {
            Material::Rsa { .. } => match (part("d"), part("p"), part("q")) {
                (Some(d), Some(p), Some(q)) => Some(Private::RsaParts { d, p, q }),
                _ => None,
            },
            Material::Ec { curve, .. } => part("d").map(|d| Private::Ec { curve: *curve, d }),
            _ => None,
        };
    }
    let mut key = Key::new(origin, material);
    key.private = secret_part;
    key.kid = jwk.get("kid").and_then(Value::as_str).map(str::to_string);
    key.alg = jwk.get("alg").and_then(Value::as_str).map(str::to_string);
    key.key_use = jwk.get("use").and_then(Value::as_str).map(str::to_string);
    key.key_ops = jwk.get("key_ops").and_then(Value::as_array).map(|ops| ops.iter().filter_map(Value::as_str).map(str::to_string).collect());
    if let Material::Ec { curve, x, y } = &key.material {
        if let Err(why) = super::ec::check_point(*curve, x, y) {
            findings.push(Finding::new(Code::EcPointNotOnCurve, format!("{}: {why}", key.origin)));
            return None;
        }
    }
    Some(key)
}

// ---------------------------------------------------------------------------------------------
// PEM (RFC 7468): public keys, certificates, and private keys whose public half is used

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_ML_DSA_44: &str = "2.16.840.1.101.3.4.3.17";
const OID_ML_DSA_65: &str = "2.16.840.1.101.3.4.3.18";
const OID_ML_DSA_87: &str = "2.16.840.1.101.3.4.3.19";

fn ml_dsa_level(alg: &str) -> Option<u8> {
    match alg {
        "ML-DSA-44" => Some(44),
        "ML-DSA-65" => Some(65),
        "ML-DSA-87" => Some(87),
        _ => None,
    }
}

/// The curve an `id-ecPublicKey` algorithm identifier names in its parameters.
fn named_curve(algorithm: &spki::AlgorithmIdentifierRef<'_>) -> Result<Curve, String> {
    algorithm
        .parameters_oid()
        .ok()
        .and_then(|oid| curve_from_oid(&oid.to_string()))
        .ok_or_else(|| "its curve is not P-256, P-384, P-521 or secp256k1".to_string())
}

fn curve_from_oid(oid: &str) -> Option<Curve> {
    match oid {
        "1.2.840.10045.3.1.7" => Some(Curve::P256),
        "1.3.132.0.34" => Some(Curve::P384),
        "1.3.132.0.35" => Some(Curve::P521),
        "1.3.132.0.10" => Some(Curve::Secp256k1),
        _ => None,
    }
}

fn parse_pem(text: &str, source: &str, keys: &mut Vec<Key>, findings: &mut Vec<Finding>) {
    let mut rest = text;
    let mut block = 0_usize;
    while let Some((_, after)) = rest.split_once("-----BEGIN ") {
        block = block.saturating_add(1);
        let Some((label, body_start)) = after.split_once("-----") else { break };
        let label = label.trim().to_string();
        let end_marker = format!("-----END {label}-----");
        let Some((body, tail)) = body_start.split_once(&end_marker) else {
            findings.push(Finding::new(Code::KeyNotRecognised, format!("The `{label}` block of {source} has no `{end_marker}` line")));
            break;
        };
        let body: String = body.lines().filter(|line| !line.contains(':')).flat_map(|line| line.chars().filter(|c| !c.is_whitespace())).collect();
        rest = tail;
        if keys.len() >= MAX_KEYS {
            findings.push(Finding::new(Code::TooManyKeys, format!("{source} holds more than {MAX_KEYS} PEM blocks; the rest were not read")));
            break;
        }
        let der = match base64::engine::general_purpose::STANDARD.decode(&body) {
            Ok(der) => der,
            Err(e) => {
                findings.push(Finding::new(Code::KeyNotRecognised, format!("The `{label}` block of {source} is not valid base64: {e}")));
                continue;
            }
        };
        let origin =
            if block == 1 { format!("the {} in {source}", label.to_lowercase()) } else { format!("the {} (block {block}) in {source}", label.to_lowercase()) };
        match pem_block(&label, &der, &origin) {
            Ok((key, private)) => {
                if private {
                    findings.push(Finding::new(
                        Code::PrivateKeySupplied,
                        format!(
                            "{source} holds a private key (the `{label}` block); only its public half is used to check signatures (and the private key to decrypt an encrypted token); a private key pasted anywhere should be rotated"
                        ),
                    ));
                }
                keys.push(key);
            }
            Err(why) => findings.push(Finding::new(Code::KeyNotRecognised, format!("{origin} cannot be read: {why}"))),
        }
    }
}

type Read = Result<(Key, bool), String>;

fn pem_block(label: &str, der: &[u8], origin: &str) -> Read {
    let public = |material| Ok((Key::new(origin.to_string(), material), false));
    let private = |material| Ok((Key::new(origin.to_string(), material), true));
    match label {
        "PUBLIC KEY" => {
            let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
            public(from_spki(&spki)?)
        }
        "RSA PUBLIC KEY" => {
            let rsa = pkcs1::RsaPublicKey::from_der(der).map_err(|e| e.to_string())?;
            public(Material::Rsa { n: strip_zeros(rsa.modulus.as_bytes()), e: strip_zeros(rsa.public_exponent.as_bytes()) })
        }
        "CERTIFICATE" => {
            let cert = x509_cert::Certificate::from_der(der).map_err(|e| e.to_string())?;
            let tbs = &cert.tbs_certificate;
            let spki_der = tbs.subject_public_key_info.to_der().map_err(|e| e.to_string())?;
            let spki = spki::SubjectPublicKeyInfoRef::from_der(&spki_der).map_err(|e| e.to_string())?;
            let mut key = Key::new(origin.to_string(), from_spki(&spki)?);
            key.certificate = Some(CertInfo {
                subject: tbs.subject.to_string(),
                issuer: tbs.issuer.to_string(),
                not_before: unix(tbs.validity.not_before.to_unix_duration()),
                not_after: unix(tbs.validity.not_after.to_unix_duration()),
            });
            Ok((key, false))
        }
        "RSA PRIVATE KEY" => {
            let rsa = pkcs1::RsaPrivateKey::from_der(der).map_err(|e| e.to_string())?;
            with_private(
                private(Material::Rsa { n: strip_zeros(rsa.modulus.as_bytes()), e: strip_zeros(rsa.public_exponent.as_bytes()) }),
                Private::RsaDer(SecretBytes::new(der.to_vec())),
            )
        }
        "EC PRIVATE KEY" => {
            let ec = sec1::EcPrivateKey::from_der(der).map_err(|e| e.to_string())?;
            let curve = ec
                .parameters
                .and_then(|p| p.named_curve())
                .and_then(|oid| curve_from_oid(&oid.to_string()))
                .ok_or("its curve is missing or not P-256, P-384, P-521 or secp256k1")?;
            with_private(private(ec_private(curve, ec.private_key)?), Private::Ec { curve, d: SecretBytes::new(ec.private_key.to_vec()) })
        }
        "PRIVATE KEY" => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(|e| e.to_string())?;
            let oid = info.algorithm.oid.to_string();
            match oid.as_str() {
                OID_RSA => {
                    let rsa = pkcs1::RsaPrivateKey::from_der(info.private_key).map_err(|e| e.to_string())?;
                    with_private(
                        private(Material::Rsa { n: strip_zeros(rsa.modulus.as_bytes()), e: strip_zeros(rsa.public_exponent.as_bytes()) }),
                        Private::RsaDer(SecretBytes::new(info.private_key.to_vec())),
                    )
                }
                OID_EC => {
                    let curve = named_curve(&info.algorithm)?;
                    let ec = sec1::EcPrivateKey::from_der(info.private_key).map_err(|e| e.to_string())?;
                    with_private(private(ec_private(curve, ec.private_key)?), Private::Ec { curve, d: SecretBytes::new(ec.private_key.to_vec()) })
                }
                OID_ED25519 => {
                    // The private key is an OCTET STRING holding the 32-byte seed.
                    let seed = der::asn1::OctetStringRef::from_der(info.private_key).map_err(|e| e.to_string())?;
                    let seed: [u8; 32] = seed.as_bytes().try_into().map_err(|_| "the Ed25519 seed is not 32 bytes")?;
                    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
                    private(Material::Ed25519 { x: public.to_bytes().to_vec() })
                }
                OID_ML_DSA_44 => private(ml_dsa_private(44, info.private_key)?),
                OID_ML_DSA_65 => private(ml_dsa_private(65, info.private_key)?),
                OID_ML_DSA_87 => private(ml_dsa_private(87, info.private_key)?),
                other => Err(format!("its algorithm ({other}) is not RSA, EC, Ed25519 or ML-DSA")),
            }
        }
        "ENCRYPTED PRIVATE KEY" => Err("it is encrypted with a passphrase; export the public key instead (`openssl pkey -pubout`)".into()),
        other => Err(format!("a `{other}` block holds no key this page can use")),
    }
}

fn with_private(read: Read, secret: Private) -> Read {
    read.map(|(mut key, is_private)| {
        key.private = Some(secret);
        (key, is_private)
    })
}

fn unix(d: core::time::Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

fn from_spki(spki: &spki::SubjectPublicKeyInfoRef<'_>) -> Result<Material, String> {
    let bits = spki.subject_public_key.as_bytes().ok_or("the key bits are not whole bytes")?;
    match spki.algorithm.oid.to_string().as_str() {
        OID_RSA => {
            let rsa = pkcs1::RsaPublicKey::from_der(bits).map_err(|e| e.to_string())?;
            Ok(Material::Rsa { n: strip_zeros(rsa.modulus.as_bytes()), e: strip_zeros(rsa.public_exponent.as_bytes()) })
        }
        OID_EC => {
            let curve = named_curve(&spki.algorithm)?;
            let (x, y) = super::ec::uncompressed(curve, bits)?;
            Ok(Material::Ec { curve, x, y })
        }
        OID_ED25519 => {
            if bits.len() != 32 {
                return Err(format!("an Ed25519 key is 32 bytes, not {}", bits.len()));
            }
            Ok(Material::Ed25519 { x: bits.to_vec() })
        }
        OID_ML_DSA_44 => Ok(Material::MlDsa { level: 44, public: bits.to_vec() }),
        OID_ML_DSA_65 => Ok(Material::MlDsa { level: 65, public: bits.to_vec() }),
        OID_ML_DSA_87 => Ok(Material::MlDsa { level: 87, public: bits.to_vec() }),
        other => Err(format!("its algorithm ({other}) is not RSA, EC, Ed25519 or ML-DSA")),
    }
}

/// The public key of a PKCS #8 ML-DSA private key (RFC 9881 §6): the `seed` form, or `both`
/// (seed and expanded key, which must agree). The public key is computed from the seed
/// (FIPS 204 ML-DSA.KeyGen_internal); an expanded key alone is refused, since deriving from it
/// is neither standard practice nor safe on malformed input.
fn ml_dsa_private(level: u8, private_key: &[u8]) -> Result<Material, String> {
    use der::asn1::OctetStringRef;
    use der::Reader;
    let (seed, expanded): (&[u8], Option<&[u8]>) = match private_key.first() {
        // seed [0] IMPLICIT OCTET STRING (SIZE (32))
        Some(0x80) => match private_key {
            [0x80, 0x20, seed @ ..] if seed.len() == 32 => (seed, None),
            _ => return Err("its ML-DSA seed is not 32 bytes".into()),
        },
        // both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }
        Some(0x30) => {
            let mut reader = der::SliceReader::new(private_key).map_err(|e| e.to_string())?;
            let both = reader
                .sequence(|inner| Ok((OctetStringRef::decode(inner)?.as_bytes(), OctetStringRef::decode(inner)?.as_bytes())))
                .map_err(|e| e.to_string())?;
            reader.finish(both).map_err(|e| e.to_string())?;
            (both.0, Some(both.1))
        }
        // expandedKey OCTET STRING
        Some(0x04) => return Err("it holds only the expanded ML-DSA private key; export the public key (or the seed form) instead".into()),
        _ => return Err("its ML-DSA private key is in none of the forms of RFC 9881 (seed, expanded key, or both)".into()),
    };
    let seed: [u8; 32] = seed.try_into().map_err(|_| "its ML-DSA seed is not 32 bytes")?;
    let seed = ml_dsa::B32::from(seed);
    macro_rules! derive {
        ($params:ty) => {{
            use ml_dsa::signature::Keypair;
            let signing = ml_dsa::SigningKey::<$params>::from_seed(&seed);
            #[allow(deprecated)]
            let agrees = expanded.is_none_or(|given| signing.expanded_key().to_expanded().as_slice() == given);
            (signing.verifying_key().encode().as_slice().to_vec(), agrees)
        }};
    }
    let (public, agrees) = match level {
        44 => derive!(ml_dsa::MlDsa44),
        65 => derive!(ml_dsa::MlDsa65),
        _ => derive!(ml_dsa::MlDsa87),
    };
    if !agrees {
        return Err("its ML-DSA seed and expanded key do not belong together".into());
    }
    Ok(Material::MlDsa { level, public })
}

fn ec_private(curve: Curve, scalar: &[u8]) -> Result<Material, String> {
    let (x, y) = super::ec::public_point_of(curve, scalar)?;
    Ok(Material::Ec { curve, x, y })
}

/// The key of a DER certificate (an `x5c` entry), with its subject, issuer and validity.
pub fn certificate(der: &[u8], origin: &str) -> Result<Key, String> {
    pem_block("CERTIFICATE", der, origin).map(|(key, _)| key)
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::KeyNotRecognised,
        meaning: "The key input could not be used: it is neither a JWK, a JWK Set nor a PEM block, or it looks like one of these but is broken (invalid JSON, JSON that is not an object, a PEM block without its `-----END` line or with invalid base64), or a secret given as base64 does not decode.",
        why: "This is about the key supplied for the analysis, not about the request: without a usable key the signature is not checked, so a signature-related 401 can be neither confirmed nor excluded.",
        caller: "Supply the issuer's public keys as published (the JSON from its `jwks_uri`, a single JWK, or a PEM `PUBLIC KEY` or `CERTIFICATE` block) and copy them whole.",
        owner: "Publish the signing keys as a JWK Set at the `jwks_uri` advertised in the issuer's metadata so callers and APIs can fetch the exact keys.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::JwkMalformed,
        meaning: "A JWK or JWK Set was read, but a key entry is broken: `keys` is not an array, an entry is not an object, a required member (such as `kty`, `n`, `e`, `crv`, `x`, `y` or `k`) is missing or not a string, or a value is not strict unpadded base64url.",
        why: "A verifier that loads this key set skips or rejects the broken key; if that was the key the token was signed with, verification fails and the API answers 401.",
        caller: "Copy the key set again from the issuer's `jwks_uri` rather than editing it by hand; if you built the JWK yourself, encode the numbers as unpadded base64url of their big-endian bytes.",
        owner: "Check the published JWK Set with a JOSE library: each key needs `kty` and the members of its type (RFC 7518 §6) in strict base64url; APIs that cache the set may log a key-parsing error.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PrivateKeySupplied,
        meaning: "The supplied key contains private parameters (an asymmetric JWK with `d` and similar members, or a PEM private key block); the engine uses only its public half to check signatures.",
        why: "A private key is not needed to verify and does not change whether the token is accepted; the warning is about exposure: a leaked signing key lets anyone issue tokens the API will accept.",
        caller: "Use only the public key or the published JWK Set for verification, and delete the private key from wherever it was copied.",
        owner: "If this private key ever left its secure store, rotate it: publish a new key, sign with it, and remove the old one from the JWK Set; make sure the public `jwks_uri` never serves private members.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RsaKeyTooShort,
        meaning: "An RSA key has a modulus shorter than 2048 bits; the message gives its size.",
        why: "RFC 7518 §3.3 requires RSA keys of at least 2048 bits for `RS*` and `PS*`, and many libraries refuse to verify with smaller ones, which makes every token signed with it fail with a 401 on such servers.",
        caller: "Nothing the caller can change in the token; report the key size to the issuer.",
        owner: "Generate a new RSA key of 2048 bits or more (or an EC key), publish it in the JWK Set, and sign new tokens with it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RsaExponentUnusable,
        meaning: "An RSA key's public exponent `e` is one no valid RSA key can have: missing, 1, or even.",
        why: "No signature can be verified with such a key (RFC 8017 §3.1 requires an odd exponent greater than 1), so libraries reject the key and verification fails.",
        caller: "Re-fetch the key from the issuer; the `e` member was likely damaged or replaced (the usual value is `AQAB`, which is 65537).",
        owner: "Publish the key with its correct public exponent, normally 65537 (`AQAB` in base64url).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::EcPointNotOnCurve,
        meaning: "An EC or Ed25519 key is not usable on its curve: `x` and `y` have the wrong length for the curve, an Ed25519 `x` is not 32 bytes, or the point does not satisfy the curve equation.",
        why: "A verifier refuses an invalid point (accepting one would be a known attack vector), so no token can be verified with this key.",
        caller: "Copy the key again from the issuer's published key set; check that `crv` matches the coordinates.",
        owner: "Re-export the public key from the signing key and publish it with the correct `crv`, `x` and `y` (each exactly the curve's field size, left-padded with zeros).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CertificateOutsideValidity,
        meaning: "A certificate that supplies a key (given as a key or trusted from the token's `x5c`) has expired or is not yet valid at the analysis time; the message gives the date.",
        why: "APIs that validate certificate dates refuse keys from such a certificate, so tokens signed under it fail; APIs that only use the public key ignore the dates.",
        caller: "Ask the issuer for its current certificate or key set, and obtain a new token signed with it.",
        owner: "Renew the signing certificate before it expires, publish it, and keep the old one in the set only until tokens signed with it have expired.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KeyTypeNotForJws,
        meaning: "A key is of a type or curve that this engine does not use to verify JWS signatures, for example an `EC` key on an unknown curve, an `OKP` key other than `Ed25519`, or an unknown `kty`; `X25519`/`X448` encryption keys are reported as a note and set aside.",
        why: "The key cannot verify the token, so if no other key fits, the signature is not checked; a server with the same limitation refuses the token.",
        caller: "Supply the issuer's signing key: RSA, EC on P-256, P-384, P-521 or secp256k1, Ed25519, or an `oct` secret.",
        owner: "Check that the JWK Set exposes the signing key in a standard form; encryption-only keys in the same set are fine when marked `\"use\": \"enc\"`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KeysShareKid,
        meaning: "Several entries in one JWK Set declare the same `kid`.",
        why: "Verifiers select the key by `kid`; with duplicates they may pick the wrong key and fail the signature, or refuse the set, which gives intermittent 401s after a rotation.",
        caller: "Nothing to change in the request; report the duplicate `kid` to the issuer.",
        owner: "Give every key in the published set a unique `kid` (for example a thumbprint per RFC 7638) and do not reuse one for a rotated key.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TooManyKeys,
        meaning: "The key input holds more than 1000 keys or PEM blocks; the engine read the first 1000.",
        why: "It does not cause a refusal by itself, but the key that verifies the token may be among those not read, so the signature result may be incomplete.",
        caller: "Supply only the issuer's current JWK Set, not a concatenation of many sets or certificates.",
        owner: "Keep the published set small: current keys and those still needed for unexpired tokens.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RsaKeyRoca,
        meaning: "An RSA public key has the fingerprint of keys generated by the Infineon library affected by ROCA (CVE-2017-15361).",
        why: "The private key of such a key can be computed from the public key, so signatures prove nothing; verifiers with ROCA checks refuse it, and an API that accepts it can be sent forged tokens.",
        caller: "Stop relying on tokens signed by this key and report the issue to the issuer.",
        owner: "Revoke the key immediately, generate a new one with an unaffected library or device, publish it, and remove the old key from the JWK Set.",
    },
];
