//! Secret values: bearer tokens, signatures, passwords and keys.
//!
//! A [`Secret`] never prints its contents by accident. `Debug`, `Display` and `Serialize` into a
//! human-readable format (JSON) all give the redacted form; the only ways to the full value are
//! the explicit [`Secret::expose`] and the binary transfer form ([`crate::transfer`]), which
//! serialises into a format that says it is not human-readable (CBOR) and carries the real value
//! from the engine's worker to the page. Deserialising takes the value as given.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::fmt;

/// How many characters of each end a long secret keeps in its redacted form.
const KEPT: usize = 6;
/// Below this many characters, showing both ends would reveal too much: a fingerprint is shown.
const MIN_LEN_FOR_ENDS: usize = 24;

/// Who is to receive real values while a report is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reveal {
    /// Nobody: every serialiser gets the redacted forms.
    Nobody,
    /// The binary transfer form ([`crate::transfer`]) being written.
    Transfer,
    /// The JSON the user asked to see in full ([`crate::Report::to_json`] with `reveal`).
    Json,
}

thread_local! {
    /// Set only while [`crate::transfer`] writes its binary form, or while
    /// [`crate::Report::to_json`] writes the JSON a user asked to see in full: the only places
    /// real values are written. Any other serialiser gets the redacted form.
    static REVEALING: std::cell::Cell<Reveal> = const { std::cell::Cell::new(Reveal::Nobody) };
}

/// Restores the flag when the writing ends, however it ends.
struct Revealing(Reveal);

impl Drop for Revealing {
    fn drop(&mut self) {
        REVEALING.with(|r| r.set(self.0));
    }
}

/// Runs `write` with secrets written as they are into non-human-readable serialisers. For
/// [`crate::transfer`] only.
pub(crate) fn revealing<T>(write: impl FnOnce() -> T) -> T {
    let _restore = Revealing(REVEALING.with(|r| r.replace(Reveal::Transfer)));
    write()
}

/// Runs `write` with every secret written as it is into human-readable serialisers (JSON).
/// For [`crate::Report::to_json`] only.
pub(crate) fn revealing_json<T>(write: impl FnOnce() -> T) -> T {
    let _restore = Revealing(REVEALING.with(|r| r.replace(Reveal::Json)));
    write()
}

/// Whether `serializer` is writing the binary transfer form (which carries everything the
/// page needs, secrets and all).
pub(crate) fn reveal_to<S: Serializer>(serializer: &S) -> bool {
    !serializer.is_human_readable() && REVEALING.with(|r| r.get()) == Reveal::Transfer
}

/// Whether `serializer` is to receive a secret's real value: the transfer form, or the JSON a
/// user asked to see in full.
pub(crate) fn reveal_secret_to<S: Serializer>(serializer: &S) -> bool {
    match REVEALING.with(|r| r.get()) {
        Reveal::Nobody => false,
        Reveal::Transfer => !serializer.is_human_readable(),
        Reveal::Json => serializer.is_human_readable(),
    }
}

/// The one credential-name policy: whether a header, query parameter, form field or JSON member
/// of this name carries a credential. The report, the incident Markdown, the snippets and the
/// URL check all ask here, so what one redacts the others do too.
pub fn is_credential_name(name: &str) -> bool {
    let lower: String = name.trim().to_ascii_lowercase().chars().map(|c| if c == '-' { '_' } else { c }).collect();
    if lower.ends_with("_type") || lower.ends_with("_hint") || lower == "idempotency_key" {
        return false;
    }
    const EXACT: [&str; 18] = [
        "key",
        "apikey",
        "pass",
        "pwd",
        "passwd",
        "sig",
        "code",
        "assertion",
        "client_assertion",
        "code_verifier",
        "session",
        "sessionid",
        "session_id",
        "sid",
        "otp",
        "auth",
        "access_token",
        "id_token",
    ];
    const WITHIN: [&str; 6] = ["token", "secret", "password", "signature", "api_key", "credential"];
    EXACT.contains(&lower.as_str()) || WITHIN.iter().any(|w| lower.contains(w)) || lower.ends_with("_key") || lower.ends_with("apikey")
}

/// A URL with the values of its credential parameters (query and fragment) redacted. A value
/// already redacted (by an earlier pass) stays as it is.
pub fn redact_url(url: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (path, query) = match base.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (base, None),
    };
    let redact_pairs = |text: &str| -> String {
        text.split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) if is_credential_name(name) && !value.is_empty() && !value.contains('…') && !value.starts_with("sha256:") => {
                    format!("{name}={}", Secret::new(value).redacted())
                }
                _ => pair.to_string(),
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let mut out = path.to_string();
    if let Some(q) = query {
        out.push('?');
        out.push_str(&redact_pairs(q));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&redact_pairs(f));
    }
    out
}

/// A secret string whose every printed form is redacted.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The full value. Call only where the user asked to see it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first and last characters of a long value, or a SHA-256 fingerprint of a short one.
    pub fn redacted(&self) -> String {
        let chars = self.0.chars().count();
        if chars >= MIN_LEN_FOR_ENDS {
            let head: String = self.0.chars().take(KEPT).collect();
            let tail: String = self.0.chars().skip(chars.saturating_sub(KEPT)).collect();
            format!("{head}…{tail} ({chars} chars)")
        } else {
            format!("sha256:{}", self.fingerprint())
        }
    }

    /// The first 16 hexadecimal digits of the value's SHA-256: enough to tell two values apart.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for Secret {
    /// The real value into the binary transfer form as [`crate::transfer`] writes it; the
    /// redacted form into JSON and every other serialiser.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if reveal_secret_to(&serializer) {
            serializer.serialize_str(&self.0)
        } else {
            serializer.serialize_str(&self.redacted())
        }
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Secret bytes (an HMAC key, a private key's parts): printed only as a fingerprint.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The bytes themselves. Call only to compute with them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fingerprint(&self) -> String {
        Sha256::digest(&self.0).iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes({} bytes, sha256:{})", self.0.len(), self.fingerprint())
    }
}

impl Serialize for SecretBytes {
    /// The bytes into the binary transfer form as [`crate::transfer`] writes it; a fingerprint
    /// into JSON and every other serialiser.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if reveal_to(&serializer) {
            serializer.serialize_bytes(&self.0)
        } else {
            serializer.serialize_str(&format!("sha256:{}", self.fingerprint()))
        }
    }
}

impl<'de> Deserialize<'de> for SecretBytes {
    /// Reads bytes (or a sequence of byte values), as the transfer form writes them.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;

        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = SecretBytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("secret bytes")
            }

            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<SecretBytes, E> {
                Ok(SecretBytes(v.to_vec()))
            }

            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<SecretBytes, E> {
                Ok(SecretBytes(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SecretBytes, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Ok(SecretBytes(bytes))
            }
        }

        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_secret_keeps_only_its_ends() {
        let s = Secret::new("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        let shown = s.redacted();
        assert!(shown.starts_with("eyJhbG…"), "{shown}");
        assert!(shown.starts_with("eyJhbG…F0dXJl"), "{shown}");
        assert!(!shown.contains("eyJzdWIiOiIxIn0"), "{shown}");
        assert_eq!(format!("{s}"), shown);
        assert_eq!(format!("{s:?}"), format!("Secret({shown})"));
    }

    #[test]
    fn short_secret_becomes_a_fingerprint() {
        let s = Secret::new("hunter2");
        let shown = s.redacted();
        assert!(shown.starts_with("sha256:"), "{shown}");
        assert!(!shown.contains("hunter2"));
        assert_eq!(shown.len(), "sha256:".len() + 16);
        assert_ne!(shown, Secret::new("hunter3").redacted());
    }

    #[test]
    fn serialized_form_is_redacted() {
        let s = Secret::new("correct horse battery staple, the whole of it");
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("battery"), "{json}");
        assert_eq!(s.expose(), "correct horse battery staple, the whole of it");
    }

    #[test]
    fn only_the_transfer_form_carries_the_real_value() {
        let s = Secret::new("correct horse battery staple, the whole of it");
        // CBOR written by anyone else gets the redacted form, like JSON.
        let mut cbor = Vec::new();
        ciborium::into_writer(&s, &mut cbor).unwrap();
        assert!(!cbor.windows(7).any(|w| w == b"battery"));
        // Written as the transfer form does it: the real value.
        let mut cbor = Vec::new();
        revealing(|| ciborium::into_writer(&s, &mut cbor)).unwrap();
        assert!(cbor.windows(7).any(|w| w == b"battery"));
        assert!(REVEALING.with(|r| r.get()) == Reveal::Nobody, "the flag is off again");
        assert_eq!(ciborium::from_reader::<Secret, _>(cbor.as_slice()).unwrap(), s);

        let bytes = SecretBytes::new(vec![0, 1, 2, 255]);
        assert_eq!(serde_json::to_string(&bytes).unwrap(), format!("\"sha256:{}\"", bytes.fingerprint()));
        let mut cbor = Vec::new();
        revealing(|| ciborium::into_writer(&bytes, &mut cbor)).unwrap();
        assert_eq!(cbor, [0x44, 0, 1, 2, 255], "a CBOR byte string");
        assert_eq!(ciborium::from_reader::<SecretBytes, _>(cbor.as_slice()).unwrap(), bytes);
        assert_eq!(serde_json::from_str::<SecretBytes>("[0,1,2,255]").unwrap(), bytes);
    }

    #[test]
    fn multibyte_secret_is_cut_on_character_boundaries() {
        let s = Secret::new("ééééééééééééééééééééééééééééé");
        assert!(s.redacted().starts_with("éééééé…"));
    }
}
