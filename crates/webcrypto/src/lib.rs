//! The browser side of the engine's verification seam.
//!
//! The engine decides which key should verify a token and what to say about it; only the
//! primitive "does this signature verify" is delegated. In the page that primitive is the
//! browser's WebCrypto, which is many times faster than RustCrypto compiled to WebAssembly and
//! adds no weight. WebCrypto is asynchronous and the engine is not, so the page runs the engine
//! with a [`Browser`] verifier: it answers from results it already has, notes what it still
//! needs (the engine then reports the signature as being verified), and once [`run`] has those
//! answers the page runs the engine again. secp256k1 and ML-DSA (which WebCrypto lacks) and anything
//! WebCrypto refuses to import go to RustCrypto.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use why401_engine::verify::Material;
use why401_engine::verify::{Alg, Curve, Family};
use why401_engine::verify::{RustCrypto, Verifier, VerifyError};

/// One verification the engine asked for.
#[derive(Clone, PartialEq, Eq)]
pub struct Attempt {
    pub alg: Alg,
    pub key: Material,
    pub input: Vec<u8>,
    pub signature: Vec<u8>,
}

/// What WebCrypto answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Verified,
    Mismatch,
    /// WebCrypto could not take the key or the algorithm; RustCrypto decides instead.
    Unsupported(String),
}

/// Answers known so far, shared between renders.
pub type Answers = Rc<Vec<(Attempt, Outcome)>>;

/// The engine's verifier in the page. See the module documentation.
pub struct Browser {
    known: Answers,
    wanted: RefCell<Vec<Attempt>>,
}

impl Browser {
    pub fn new(known: Answers) -> Self {
        Self { known, wanted: RefCell::new(Vec::new()) }
    }

    /// The verifications the engine asked for that have no answer yet.
    pub fn wanted(self) -> Vec<Attempt> {
        self.wanted.into_inner()
    }
}

/// Whether WebCrypto implements the algorithm at all (it has neither secp256k1 nor ML-DSA).
pub fn supported(alg: Alg) -> bool {
    !matches!(alg, Alg::Es256k | Alg::MlDsa44 | Alg::MlDsa65 | Alg::MlDsa87)
}

impl Verifier for Browser {
    fn verify(&self, alg: Alg, key: &Material, input: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
        if !supported(alg) {
            return RustCrypto.verify(alg, key, input, signature);
        }
        let found = self.known.iter().find(|(a, _)| a.alg == alg && a.key == *key && a.input == input && a.signature == signature);
        match found {
            Some((_, Outcome::Verified)) => Ok(()),
            Some((_, Outcome::Mismatch)) => Err(VerifyError::Mismatch),
            Some((_, Outcome::Unsupported(_))) => RustCrypto.verify(alg, key, input, signature),
            None => {
                let attempt = Attempt { alg, key: key.clone(), input: input.to_vec(), signature: signature.to_vec() };
                let mut wanted = self.wanted.borrow_mut();
                if !wanted.contains(&attempt) {
                    wanted.push(attempt);
                }
                Err(VerifyError::Pending)
            }
        }
    }
}

/// Answers every attempt with WebCrypto.
pub async fn run(attempts: Vec<Attempt>) -> Vec<(Attempt, Outcome)> {
    let mut answers = Vec::with_capacity(attempts.len());
    for attempt in attempts {
        let outcome = verify(attempt.alg, &attempt.key, &attempt.input, &attempt.signature).await;
        answers.push((attempt, outcome));
    }
    answers
}

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    let global = js_sys::global();
    if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        return window.crypto().map(|c| c.subtle()).map_err(describe);
    }
    if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        return worker.crypto().map(|c| c.subtle()).map_err(describe);
    }
    Err("no WebCrypto in this context".into())
}

fn describe(error: JsValue) -> String {
    error.as_string().or_else(|| js_sys::Error::from(error).message().as_string()).unwrap_or_else(|| "unknown error".into())
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, String> {
    let object = Object::new();
    for (name, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(name), value).map_err(describe)?;
    }
    Ok(object)
}

fn hash(alg: Alg) -> &'static str {
    match alg.hash_bytes() {
        32 => "SHA-256",
        48 => "SHA-384",
        _ => "SHA-512",
    }
}

fn b64(bytes: &[u8]) -> JsValue {
    JsValue::from_str(&URL_SAFE_NO_PAD.encode(bytes))
}

/// How to import the key, and the parameters to verify with.
fn parameters(alg: Alg, key: &Material) -> Result<(&'static str, JsValue, Object, Object), String> {
    let s = JsValue::from_str;
    match (alg.family(), key) {
        (Family::Hmac, Material::Oct { k }) => {
            Ok(("raw", Uint8Array::from(k.expose()).into(), object(&[("name", s("HMAC")), ("hash", s(hash(alg)))])?, object(&[("name", s("HMAC"))])?))
        }
        (Family::RsaPkcs1 | Family::RsaPss, Material::Rsa { n, e }) => {
            let name = if alg.family() == Family::RsaPss { "RSA-PSS" } else { "RSASSA-PKCS1-v1_5" };
            let jwk = object(&[("kty", s("RSA")), ("n", b64(n)), ("e", b64(e))])?;
            let verify = if name == "RSA-PSS" {
                object(&[("name", s(name)), ("saltLength", JsValue::from(alg.hash_bytes() as u32))])?
            } else {
                object(&[("name", s(name))])?
            };
            Ok(("jwk", jwk.into(), object(&[("name", s(name)), ("hash", s(hash(alg)))])?, verify))
        }
        (Family::Ecdsa(curve), Material::Ec { curve: c, x, y }) if curve == *c && curve != Curve::Secp256k1 => {
            let jwk = object(&[("kty", s("EC")), ("crv", s(curve.name())), ("x", b64(x)), ("y", b64(y))])?;
            Ok(("jwk", jwk.into(), object(&[("name", s("ECDSA")), ("namedCurve", s(curve.name()))])?, object(&[("name", s("ECDSA")), ("hash", s(hash(alg)))])?))
        }
        (Family::EdDsa, Material::Ed25519 { x }) => {
            Ok(("raw", Uint8Array::from(x.as_slice()).into(), object(&[("name", s("Ed25519"))])?, object(&[("name", s("Ed25519"))])?))
        }
        _ => Err("the key does not fit the algorithm".into()),
    }
}

/// Keys imported into WebCrypto, most recent last: a HAR with many tokens signed by one key, or a
/// token checked again as the clock ticks, imports its key once. Imported keys are not
/// extractable and live only in this tab's memory.
const IMPORTED: usize = 32;

thread_local! {
    static KEYS: RefCell<Vec<(Alg, Material, web_sys::CryptoKey)>> = const { RefCell::new(Vec::new()) };
}

fn imported(alg: Alg, key: &Material) -> Option<web_sys::CryptoKey> {
    KEYS.with(|keys| keys.borrow().iter().find(|(a, m, _)| *a == alg && m == key).map(|(_, _, k)| k.clone()))
}

fn remember(alg: Alg, key: &Material, crypto_key: &web_sys::CryptoKey) {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.len() >= IMPORTED {
            keys.remove(0);
        }
        keys.push((alg, key.clone(), crypto_key.clone()));
    });
}

/// Verifies one signature with WebCrypto.
pub async fn verify(alg: Alg, key: &Material, input: &[u8], signature: &[u8]) -> Outcome {
    match try_verify(alg, key, input, signature).await {
        Ok(true) => Outcome::Verified,
        Ok(false) => Outcome::Mismatch,
        Err(why) => Outcome::Unsupported(why),
    }
}

async fn try_verify(alg: Alg, key: &Material, input: &[u8], signature: &[u8]) -> Result<bool, String> {
    if !supported(alg) {
        return Err(format!("WebCrypto has no {}", alg.name()));
    }
    let subtle = subtle()?;
    let (format, key_data, import, params) = parameters(alg, key)?;
    let crypto_key = match imported(alg, key) {
        Some(crypto_key) => crypto_key,
        None => {
            let usages = Array::of1(&JsValue::from_str("verify"));
            // A JWK object or raw key bytes; both are JavaScript objects to `importKey`.
            let promise = subtle.import_key_with_object(format, key_data.unchecked_ref(), &import, false, &usages).map_err(describe)?;
            let crypto_key: web_sys::CryptoKey = JsFuture::from(promise).await.map_err(describe)?.unchecked_into();
            remember(alg, key, &crypto_key);
            crypto_key
        }
    };
    let promise = subtle.verify_with_object_and_u8_array_and_u8_array(&params, &crypto_key, signature, input).map_err(describe)?;
    let verdict = JsFuture::from(promise).await.map_err(describe)?;
    verdict.as_bool().ok_or_else(|| "WebCrypto gave no verdict".to_string())
}
