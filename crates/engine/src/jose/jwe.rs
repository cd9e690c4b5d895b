//! Decryption of compact JWE (RFC 7516) with the key management and content encryption
//! algorithms of RFC 7518 §4 and §5.
//!
//! Decryption is local and offline; a token that decrypts is then inspected like any other (a
//! nested JWT in turn, or its claims).

use super::alg::Curve;
use super::key::{Key, Material, Private};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use hmac::{Hmac, Mac};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::{BigUint, Oaep, Pkcs1v15Encrypt, RsaPrivateKey};
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

/// The largest decompressed plaintext accepted (a compressed token could expand enormously).
const MAX_PLAINTEXT: usize = 16 * 1024 * 1024;
/// The most PBKDF2 iterations computed (a token could ask for billions).
const MAX_PBES2_ITERATIONS: u64 = 1_000_000;

/// The parts of a compact JWE, decoded.
pub struct Parts<'a> {
    /// The protected header as sent (base64url): the additional authenticated data.
    pub protected: &'a str,
    pub header: &'a Value,
    pub encrypted_key: &'a [u8],
    pub iv: &'a [u8],
    pub ciphertext: &'a [u8],
    pub tag: &'a [u8],
}

/// A successful decryption.
pub struct Decrypted {
    pub plaintext: Vec<u8>,
    /// The label of the key that decrypted it.
    pub key: String,
}

/// Why decryption did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The algorithm is not one this engine implements.
    Unsupported(String),
    /// No supplied key is of the kind the algorithm needs.
    NoKey(String),
    /// Keys of the right kind were tried and none decrypted the token.
    Failed(String),
}

fn text<'a>(header: &'a Value, name: &str) -> Option<&'a str> {
    header.get(name).and_then(Value::as_str)
}

/// Key length in bytes of a content encryption algorithm.
fn content_key_len(enc: &str) -> Option<usize> {
    match enc {
        "A128GCM" => Some(16),
        "A192GCM" => Some(24),
        "A256GCM" | "A128CBC-HS256" => Some(32),
        "A192CBC-HS384" => Some(48),
        "A256CBC-HS512" => Some(64),
        _ => None,
    }
}

/// Decrypts with the first supplied key that works.
pub fn decrypt(parts: &Parts, keys: &[Key]) -> Result<Decrypted, Failure> {
    let alg = text(parts.header, "alg").unwrap_or("");
    let enc = text(parts.header, "enc").unwrap_or("");
    let Some(cek_len) = content_key_len(enc) else {
        return Err(Failure::Unsupported(format!("the content encryption `{enc}`")));
    };
    let kid = text(parts.header, "kid");
    let usable: Vec<&Key> = keys.iter().filter(|k| fits(alg, k, parts.header)).collect();
    let by_kid: Vec<&Key> = usable.iter().copied().filter(|k| kid.is_some() && k.kid.as_deref() == kid).collect();
    let candidates = if by_kid.is_empty() { usable } else { by_kid };
    if !known_alg(alg) {
        return Err(Failure::Unsupported(format!("the key management algorithm `{alg}`")));
    }
    if candidates.is_empty() {
        return Err(Failure::NoKey(need(alg)));
    }
    // A key whose own metadata names another algorithm or use is not used (RFC 7517 §4.2, §4.4).
    let (candidates, refused): (Vec<&Key>, Vec<&Key>) = candidates.into_iter().partition(|k| allowed(k, alg, enc));
    if candidates.is_empty() {
        // Every candidate went one way or the other, so one was refused.
        let Some(key) = refused.first() else { return Err(Failure::NoKey(need(alg))) };
        return Err(Failure::NoKey(format!(
            "{} is restricted to {}, not `{alg}`",
            key.label(),
            key.alg.as_deref().map(|a| format!("`{a}`")).unwrap_or_else(|| format!("`use` `{}`", key.key_use.as_deref().unwrap_or("?")))
        )));
    }
    let mut last = String::new();
    for key in candidates.iter().take(64) {
        match content_key(alg, enc, cek_len, key, parts).and_then(|cek| content(enc, &cek, parts)) {
            Ok(plaintext) => {
                let plaintext = match text(parts.header, "zip") {
                    None => plaintext,
                    Some("DEF") => miniz_oxide::inflate::decompress_to_vec_with_limit(&plaintext, MAX_PLAINTEXT)
                        .map_err(|e| Failure::Failed(format!("the plaintext does not inflate: {e:?}")))?,
                    Some(other) => return Err(Failure::Unsupported(format!("the compression `{other}`"))),
                };
                return Ok(Decrypted { plaintext, key: key.label() });
            }
            Err(why) => last = format!("with {}: {why}", key.label()),
        }
    }
    Err(Failure::Failed(if candidates.len() == 1 { last } else { format!("with any of the {} keys that fit `{alg}`", candidates.len()) }))
}

/// With `dir` the key is the content key itself, so its `alg` names the content encryption.
fn allowed(key: &Key, alg: &str, enc: &str) -> bool {
    key.alg.as_deref().is_none_or(|a| a == alg || (alg == "dir" && a == enc)) && key.key_use.as_deref().is_none_or(|u| u == "enc")
}

fn known_alg(alg: &str) -> bool {
    matches!(
        alg,
        "dir"
            | "A128KW"
            | "A192KW"
            | "A256KW"
            | "A128GCMKW"
            | "A192GCMKW"
            | "A256GCMKW"
            | "RSA-OAEP"
            | "RSA-OAEP-256"
            | "RSA1_5"
            | "ECDH-ES"
            | "ECDH-ES+A128KW"
            | "ECDH-ES+A192KW"
            | "ECDH-ES+A256KW"
            | "PBES2-HS256+A128KW"
            | "PBES2-HS384+A192KW"
            | "PBES2-HS512+A256KW"
    )
}

fn need(alg: &str) -> String {
    if alg.starts_with("RSA") {
        format!("`{alg}` needs the recipient's RSA private key")
    } else if alg.starts_with("ECDH-ES") {
        format!("`{alg}` needs the recipient's EC private key on the curve of `epk`")
    } else {
        format!("`{alg}` needs a symmetric key (`oct` JWK or secret) of the right length")
    }
}

fn fits(alg: &str, key: &Key, header: &Value) -> bool {
    match (&key.material, &key.private) {
        (Material::Oct { .. }, _) => !alg.starts_with("RSA") && !alg.starts_with("ECDH-ES"),
        (Material::Rsa { .. }, Some(_)) => alg.starts_with("RSA"),
        (Material::Ec { curve, .. }, Some(_)) => {
            alg.starts_with("ECDH-ES") && header.get("epk").and_then(|e| e.get("crv")).and_then(Value::as_str) == Some(curve.name())
        }
        _ => false,
    }
}

fn oct(key: &Key) -> Result<&[u8], String> {
    match &key.material {
        Material::Oct { k } => Ok(k.expose()),
        _ => Err("not a symmetric key".into()),
    }
}

fn unwrap_aes_kw(kek: &[u8], wrapped: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |_| "the key does not unwrap the content key (AES key wrap integrity check failed)".to_string();
    match kek.len() {
        16 => aes_kw::KekAes128::try_from(kek).map_err(|e| e.to_string())?.unwrap_vec(wrapped).map_err(fail),
        24 => aes_kw::KekAes192::try_from(kek).map_err(|e| e.to_string())?.unwrap_vec(wrapped).map_err(fail),
        32 => aes_kw::KekAes256::try_from(kek).map_err(|e| e.to_string())?.unwrap_vec(wrapped).map_err(fail),
        n => Err(format!("an AES key-wrap key is 16, 24 or 32 bytes, not {n}")),
    }
}

fn kw_len(alg: &str) -> usize {
    if alg.contains("128") {
        16
    } else if alg.contains("192") {
        24
    } else {
        32
    }
}

fn header_bytes(header: &Value, name: &str) -> Result<Vec<u8>, String> {
    let value = text(header, name).ok_or_else(|| format!("the header has no `{name}`"))?;
    crate::jwt::segment::decode(value).map(|(b, _)| b).map_err(|e| format!("`{name}` cannot be decoded: {}", e.describe()))
}

fn content_key(alg: &str, enc: &str, cek_len: usize, key: &Key, parts: &Parts) -> Result<Vec<u8>, String> {
    let cek = match alg {
        "dir" => {
            if !parts.encrypted_key.is_empty() {
                return Err("with `dir` the encrypted key part must be empty".into());
            }
            oct(key)?.to_vec()
        }
        "A128KW" | "A192KW" | "A256KW" => {
            let kek = oct(key)?;
            if kek.len() != kw_len(alg) {
                return Err(format!("`{alg}` needs a {}-byte key, not {}", kw_len(alg), kek.len()));
            }
            unwrap_aes_kw(kek, parts.encrypted_key)?
        }
        "A128GCMKW" | "A192GCMKW" | "A256GCMKW" => {
            let kek = oct(key)?;
            if kek.len() != kw_len(alg) {
                return Err(format!("`{alg}` needs a {}-byte key, not {}", kw_len(alg), kek.len()));
            }
            let iv = header_bytes(parts.header, "iv")?;
            let tag = header_bytes(parts.header, "tag")?;
            gcm(kek, &iv, parts.encrypted_key, &tag, b"")?
        }
        "RSA-OAEP" | "RSA-OAEP-256" | "RSA1_5" => {
            let private = rsa_private(key)?;
            let result = match alg {
                "RSA-OAEP" => private.decrypt(Oaep::new::<sha1::Sha1>(), parts.encrypted_key),
                "RSA-OAEP-256" => private.decrypt(Oaep::new::<Sha256>(), parts.encrypted_key),
                _ => private.decrypt(Pkcs1v15Encrypt, parts.encrypted_key),
            };
            result.map_err(|_| "the RSA private key does not decrypt the content key".to_string())?
        }
        "ECDH-ES" | "ECDH-ES+A128KW" | "ECDH-ES+A192KW" | "ECDH-ES+A256KW" => {
            let z = ecdh(key, parts.header)?;
            let direct = alg == "ECDH-ES";
            let (algorithm_id, len) = if direct { (enc, cek_len) } else { (alg, kw_len(alg)) };
            let apu = optional_bytes(parts.header, "apu")?;
            let apv = optional_bytes(parts.header, "apv")?;
            let derived = concat_kdf(&z, algorithm_id, &apu, &apv, len)?;
            if direct {
                if !parts.encrypted_key.is_empty() {
                    return Err("with `ECDH-ES` the encrypted key part must be empty".into());
                }
                derived
            } else {
                unwrap_aes_kw(&derived, parts.encrypted_key)?
            }
        }
        _ => {
            // PBES2: the "key" is a password.
            let password = oct(key)?;
            let salt_input = header_bytes(parts.header, "p2s")?;
            let count = parts.header.get("p2c").and_then(Value::as_u64).ok_or("the header has no numeric `p2c`")?;
            if count == 0 || count > MAX_PBES2_ITERATIONS {
                return Err(format!("`p2c` is {count}; at most {MAX_PBES2_ITERATIONS} iterations are computed here"));
            }
            let count = u32::try_from(count).map_err(|_| "`p2c` is too large")?;
            let mut salt = alg.as_bytes().to_vec();
            salt.push(0);
            salt.extend_from_slice(&salt_input);
            let mut kek = vec![0u8; kw_len(alg)];
            match alg {
                "PBES2-HS256+A128KW" => pbkdf2::pbkdf2_hmac::<Sha256>(password, &salt, count, &mut kek),
                "PBES2-HS384+A192KW" => pbkdf2::pbkdf2_hmac::<Sha384>(password, &salt, count, &mut kek),
                _ => pbkdf2::pbkdf2_hmac::<Sha512>(password, &salt, count, &mut kek),
            }
            unwrap_aes_kw(&kek, parts.encrypted_key)?
        }
    };
    if cek.len() != cek_len {
        return Err(format!("the content key is {} bytes; `{enc}` needs {cek_len}", cek.len()));
    }
    Ok(cek)
}

fn optional_bytes(header: &Value, name: &str) -> Result<Vec<u8>, String> {
    if header.get(name).is_none() {
        Ok(Vec::new())
    } else {
        header_bytes(header, name)
    }
}

fn rsa_private(key: &Key) -> Result<RsaPrivateKey, String> {
    let fail = |e: rsa::Error| format!("the RSA private key is unusable: {e}");
    match (&key.private, &key.material) {
        (Some(Private::RsaDer(der)), _) => RsaPrivateKey::from_pkcs1_der(der.expose()).map_err(|e| format!("the RSA private key is unusable: {e}")),
        (Some(Private::RsaParts { d, p, q }), Material::Rsa { n, e }) => RsaPrivateKey::from_components(
            BigUint::from_bytes_be(n),
            BigUint::from_bytes_be(e),
            BigUint::from_bytes_be(d.expose()),
            vec![BigUint::from_bytes_be(p.expose()), BigUint::from_bytes_be(q.expose())],
        )
        .map_err(fail),
        _ => Err("no RSA private key".into()),
    }
}

/// The ECDH shared secret of the recipient's private key and the header's `epk`.
fn ecdh(key: &Key, header: &Value) -> Result<Vec<u8>, String> {
    let Some(Private::Ec { curve, d }) = &key.private else { return Err("no EC private key".into()) };
    let epk = header.get("epk").ok_or("the header has no `epk`")?;
    if epk.get("kty").and_then(Value::as_str) != Some("EC") {
        return Err("`epk` is not an `EC` key".into());
    }
    let coordinate = |name: &str| -> Result<Vec<u8>, String> {
        let v = epk.get(name).and_then(Value::as_str).ok_or_else(|| format!("`epk` has no `{name}`"))?;
        crate::jwt::segment::decode(v).map(|(b, _)| b).map_err(|e| format!("`epk.{name}` cannot be decoded: {}", e.describe()))
    };
    let (x, y) = (coordinate("x")?, coordinate("y")?);
    if x.len() != curve.field_bytes() || y.len() != curve.field_bytes() {
        return Err(format!("`epk` coordinates are not {} bytes each", curve.field_bytes()));
    }
    let mut point = vec![4u8];
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    fn shared<C>(d: &[u8], point: &[u8]) -> Result<Vec<u8>, String>
    where
        C: p256::elliptic_curve::CurveArithmetic,
        C::AffinePoint: p256::elliptic_curve::sec1::FromEncodedPoint<C> + p256::elliptic_curve::sec1::ToEncodedPoint<C>,
        C::FieldBytesSize: p256::elliptic_curve::sec1::ModulusSize,
    {
        // `from_sec1_bytes` refuses points off the curve, which blocks invalid-curve attacks.
        let public = p256::elliptic_curve::PublicKey::<C>::from_sec1_bytes(point).map_err(|_| "`epk` is not a point on its curve".to_string())?;
        let secret = p256::elliptic_curve::SecretKey::<C>::from_slice(d).map_err(|_| "the EC private key is unusable".to_string())?;
        let z = p256::elliptic_curve::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
        Ok(z.raw_secret_bytes().to_vec())
    }
    match curve {
        Curve::P256 => shared::<p256::NistP256>(d.expose(), &point),
        Curve::P384 => shared::<p384::NistP384>(d.expose(), &point),
        Curve::P521 => shared::<p521::NistP521>(d.expose(), &point),
        other => Err(format!("ECDH-ES on {} is not supported", other.name())),
    }
}

/// The Concat KDF of NIST SP 800-56A as RFC 7518 §4.6.2 applies it.
fn concat_kdf(z: &[u8], algorithm_id: &str, apu: &[u8], apv: &[u8], len: usize) -> Result<Vec<u8>, String> {
    let mut other = Vec::new();
    for field in [algorithm_id.as_bytes(), apu, apv] {
        other.extend_from_slice(&u32::try_from(field.len()).map_err(|_| "a KDF input is too long")?.to_be_bytes());
        other.extend_from_slice(field);
    }
    other.extend_from_slice(&len.checked_mul(8).and_then(|bits| u32::try_from(bits).ok()).ok_or("the key is too long")?.to_be_bytes());
    let mut out = vec![0u8; len];
    concat_kdf::derive_key_into::<Sha256>(z, &other, &mut out).map_err(|e| format!("the key derivation failed: {e:?}"))?;
    Ok(out)
}

fn gcm(key: &[u8], iv: &[u8], ciphertext: &[u8], tag: &[u8], aad: &[u8]) -> Result<Vec<u8>, String> {
    if iv.len() != 12 || tag.len() != 16 {
        return Err(format!("AES-GCM takes a 12-byte IV and a 16-byte tag, not {} and {}", iv.len(), tag.len()));
    }
    let mut sealed = ciphertext.to_vec();
    sealed.extend_from_slice(tag);
    let payload = Payload { msg: &sealed, aad };
    let nonce = aes_gcm::Nonce::from_slice(iv);
    let fail = |_| "the authentication tag does not match (wrong key, or the token was altered)".to_string();
    match key.len() {
        16 => aes_gcm::Aes128Gcm::new_from_slice(key).map_err(|e| e.to_string())?.decrypt(nonce, payload).map_err(fail),
        24 => aes_gcm::AesGcm::<aes::Aes192, aes_gcm::aead::consts::U12>::new_from_slice(key).map_err(|e| e.to_string())?.decrypt(nonce, payload).map_err(fail),
        32 => aes_gcm::Aes256Gcm::new_from_slice(key).map_err(|e| e.to_string())?.decrypt(nonce, payload).map_err(fail),
        n => Err(format!("an AES-GCM key is 16, 24 or 32 bytes, not {n}")),
    }
}

/// AES-CBC with HMAC-SHA2 (RFC 7518 §5.2): the tag is checked before anything is decrypted.
fn cbc_hmac(enc: &str, cek: &[u8], parts: &Parts) -> Result<Vec<u8>, String> {
    use cbc::cipher::block_padding::Pkcs7;
    use cbc::cipher::{BlockDecryptMut, KeyIvInit};
    let half = cek.len() / 2;
    let (mac_key, enc_key) = cek.split_at(half);
    if parts.iv.len() != 16 {
        return Err(format!("AES-CBC takes a 16-byte IV, not {}", parts.iv.len()));
    }
    if parts.tag.len() != half {
        return Err(format!("`{enc}` has a {half}-byte tag, not {}", parts.tag.len()));
    }
    let aad = parts.protected.as_bytes();
    let al = aad.len().checked_mul(8).and_then(|bits| u64::try_from(bits).ok()).ok_or("the header is too long")?.to_be_bytes();
    macro_rules! check {
        ($hash:ty) => {{
            let mut mac = <Hmac<$hash> as Mac>::new_from_slice(mac_key).map_err(|e| e.to_string())?;
            mac.update(aad);
            mac.update(parts.iv);
            mac.update(parts.ciphertext);
            mac.update(&al);
            mac.verify_truncated_left(parts.tag).map_err(|_| "the authentication tag does not match (wrong key, or the token was altered)".to_string())
        }};
    }
    match enc {
        "A128CBC-HS256" => check!(Sha256)?,
        "A192CBC-HS384" => check!(Sha384)?,
        _ => check!(Sha512)?,
    }
    let padding = |_| "the padding is invalid".to_string();
    match enc_key.len() {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(enc_key, parts.iv)
            .map_err(|e| e.to_string())?
            .decrypt_padded_vec_mut::<Pkcs7>(parts.ciphertext)
            .map_err(padding),
        24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(enc_key, parts.iv)
            .map_err(|e| e.to_string())?
            .decrypt_padded_vec_mut::<Pkcs7>(parts.ciphertext)
            .map_err(padding),
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(enc_key, parts.iv)
            .map_err(|e| e.to_string())?
            .decrypt_padded_vec_mut::<Pkcs7>(parts.ciphertext)
            .map_err(padding),
    }
}

fn content(enc: &str, cek: &[u8], parts: &Parts) -> Result<Vec<u8>, String> {
    if enc.ends_with("GCM") {
        gcm(cek, parts.iv, parts.ciphertext, parts.tag, parts.protected.as_bytes())
    } else {
        cbc_hmac(enc, cek, parts)
    }
}
