//! The verification primitive: does this signature verify with this key under this algorithm?
//!
//! Everything around it (which key, whether the algorithm fits the key, what to tell the user)
//! is policy and lives in `signature.rs`. The primitive sits behind [`Verifier`] so that the page
//! can hand it to the browser's WebCrypto while the command line and the tests use RustCrypto
//! ([`RustCrypto`]).

use super::alg::{Alg, Curve, Family};
use super::ec::sec1_point;
use super::key::Material;
use hmac::{Hmac, Mac};
use rsa::{BigUint, RsaPublicKey};
use sha2::{Sha256, Sha384, Sha512};

/// The largest RSA modulus accepted, in bits (larger keys would make verification slow).
const MAX_RSA_BITS: usize = 16384;

/// Why a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// The key and the algorithm are of different kinds (a policy error caught late).
    WrongKeyType,
    /// The key cannot be used (out of range, not on its curve).
    BadKey(String),
    /// The signature has a length this algorithm never produces.
    SignatureLength { got: usize, want: usize },
    /// The signature is well-formed but does not match.
    Mismatch,
    /// An asynchronous verifier (the browser's WebCrypto) has not answered yet.
    Pending,
}

impl VerifyError {
    pub fn describe(&self) -> String {
        match self {
            VerifyError::WrongKeyType => "the key is of another type than the algorithm needs".into(),
            VerifyError::BadKey(why) => format!("the key is unusable: {why}"),
            VerifyError::SignatureLength { got, want } => format!("the signature is {got} bytes; this algorithm's are {want}"),
            VerifyError::Mismatch => "the signature does not match".into(),
            VerifyError::Pending => "the verification has not finished".into(),
        }
    }
}

/// The one primitive the engine needs from a crypto implementation.
pub trait Verifier {
    fn verify(&self, alg: Alg, key: &Material, signing_input: &[u8], signature: &[u8]) -> Result<(), VerifyError>;
}

/// The signature length `alg` produces with this key, when the key fits the algorithm.
pub fn signature_length(alg: Alg, key: &Material) -> Option<usize> {
    match (alg.family(), key) {
        (Family::Hmac, Material::Oct { .. }) => Some(alg.hash_bytes()),
        (Family::RsaPkcs1 | Family::RsaPss, Material::Rsa { n, .. }) => Some(super::key::bits(n).div_ceil(8)),
        (Family::Ecdsa(curve), Material::Ec { curve: c, .. }) if curve == *c => Some(curve.field_bytes().saturating_mul(2)),
        (Family::EdDsa, Material::Ed25519 { .. }) => Some(64),
        (Family::MlDsa(level), Material::MlDsa { level: l, .. }) if level == *l => match level {
            44 => Some(2420),
            65 => Some(3309),
            _ => Some(4627),
        },
        _ => None,
    }
}

/// Verification with the RustCrypto crates.
#[derive(Debug, Clone, Copy, Default)]
pub struct RustCrypto;

impl Verifier for RustCrypto {
    fn verify(&self, alg: Alg, key: &Material, input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
        match (alg.family(), key) {
            (Family::Hmac, Material::Oct { k }) => hmac(alg, k.expose(), input, signature),
            (Family::RsaPkcs1 | Family::RsaPss, Material::Rsa { n, e }) => rsa(alg, n, e, input, signature),
            (Family::Ecdsa(curve), Material::Ec { curve: key_curve, x, y }) if curve == *key_curve => ecdsa(curve, x, y, input, signature),
            (Family::EdDsa, Material::Ed25519 { x }) => ed25519(x, input, signature),
            (Family::MlDsa(level), Material::MlDsa { level: key_level, public }) if level == *key_level => ml_dsa(level, public, input, signature),
            _ => Err(VerifyError::WrongKeyType),
        }
    }
}

fn hmac(alg: Alg, key: &[u8], input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    if signature.len() != alg.hash_bytes() {
        return Err(VerifyError::SignatureLength { got: signature.len(), want: alg.hash_bytes() });
    }
    macro_rules! check {
        ($hash:ty) => {{
            let mut mac = <Hmac<$hash> as Mac>::new_from_slice(key).map_err(|e| VerifyError::BadKey(e.to_string()))?;
            mac.update(input);
            mac.verify_slice(signature).map_err(|_| VerifyError::Mismatch)
        }};
    }
    match alg {
        Alg::Hs256 => check!(Sha256),
        Alg::Hs384 => check!(Sha384),
        _ => check!(Sha512),
    }
}

/// An RSA public key from its parts, refusing what no verifier should use.
pub fn rsa_key(n: &[u8], e: &[u8]) -> Result<RsaPublicKey, VerifyError> {
    RsaPublicKey::new_with_max_size(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e), MAX_RSA_BITS).map_err(|e| VerifyError::BadKey(e.to_string()))
}

fn rsa(alg: Alg, n: &[u8], e: &[u8], input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let key = rsa_key(n, e)?;
    let size = super::key::bits(n).div_ceil(8);
    if signature.len() != size {
        return Err(VerifyError::SignatureLength { got: signature.len(), want: size });
    }
    use rsa::signature::Verifier as _;
    macro_rules! pkcs1 {
        ($hash:ty) => {{
            let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| VerifyError::Mismatch)?;
            rsa::pkcs1v15::VerifyingKey::<$hash>::new(key).verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }};
    }
    macro_rules! pss {
        ($hash:ty) => {{
            // RFC 7518 §3.5: the salt is as long as the hash output.
            let sig = rsa::pss::Signature::try_from(signature).map_err(|_| VerifyError::Mismatch)?;
            rsa::pss::VerifyingKey::<$hash>::new(key).verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }};
    }
    match alg {
        Alg::Rs256 => pkcs1!(Sha256),
        Alg::Rs384 => pkcs1!(Sha384),
        Alg::Rs512 => pkcs1!(Sha512),
        Alg::Ps256 => pss!(Sha256),
        Alg::Ps384 => pss!(Sha384),
        Alg::Ps512 => pss!(Sha512),
        _ => Err(VerifyError::WrongKeyType),
    }
}

fn ecdsa(curve: Curve, x: &[u8], y: &[u8], input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let want = curve.field_bytes().saturating_mul(2);
    if signature.len() != want {
        return Err(VerifyError::SignatureLength { got: signature.len(), want });
    }
    let point = sec1_point(x, y);
    let bad_key = |e: p256::elliptic_curve::Error| VerifyError::BadKey(e.to_string());
    use p256::ecdsa::signature::Verifier as _;
    match curve {
        Curve::P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|e| VerifyError::BadKey(e.to_string()))?;
            let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::Mismatch)?;
            key.verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }
        Curve::P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|e| VerifyError::BadKey(e.to_string()))?;
            let sig = p384::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::Mismatch)?;
            key.verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }
        Curve::P521 => {
            let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|e| VerifyError::BadKey(e.to_string()))?;
            let sig = p521::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::Mismatch)?;
            key.verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }
        Curve::Secp256k1 => {
            let key = k256::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|e| VerifyError::BadKey(e.to_string()))?;
            let sig = k256::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::Mismatch)?;
            // JWS does not require low-S signatures (RFC 8812 §3.2); normalise before verifying.
            let sig = sig.normalize_s().unwrap_or(sig);
            key.verify(input, &sig).map_err(|_| VerifyError::Mismatch)
        }
        Curve::Ed25519 => Err(bad_key(p256::elliptic_curve::Error)),
    }
}

fn ed25519(x: &[u8], input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let bytes: [u8; 32] = x.try_into().map_err(|_| VerifyError::BadKey("an Ed25519 key is 32 bytes".into()))?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|e| VerifyError::BadKey(e.to_string()))?;
    let sig: [u8; 64] = signature.try_into().map_err(|_| VerifyError::SignatureLength { got: signature.len(), want: 64 })?;
    key.verify_strict(input, &ed25519_dalek::Signature::from_bytes(&sig)).map_err(|_| VerifyError::Mismatch)
}

/// ML-DSA verification (FIPS 204, pure mode with an empty context), as JOSE uses it.
fn ml_dsa(level: u8, public: &[u8], input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    use ml_dsa::{EncodedSignature, EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, Signature, VerifyingKey};
    macro_rules! check {
        ($params:ty) => {{
            let encoded = EncodedVerifyingKey::<$params>::try_from(public)
                .map_err(|_| VerifyError::BadKey(format!("an ML-DSA-{level} public key is not {} bytes", public.len())))?;
            let key = VerifyingKey::<$params>::decode(&encoded);
            let encoded = EncodedSignature::<$params>::try_from(signature).map_err(|_| VerifyError::Mismatch)?;
            let sig = Signature::<$params>::decode(&encoded).ok_or(VerifyError::Mismatch)?;
            if key.verify_with_context(input, b"", &sig) {
                Ok(())
            } else {
                Err(VerifyError::Mismatch)
            }
        }};
    }
    match level {
        44 => check!(MlDsa44),
        65 => check!(MlDsa65),
        _ => check!(MlDsa87),
    }
}
