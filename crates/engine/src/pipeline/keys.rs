//! Keys pasted with the rest of the input: a JWK, a JWK Set (a `jwks_uri` response), a PEM
//! public key, private key or certificate. Each is an input of its own, and its keys join the
//! ones the caller supplied, so a token pasted beside its issuer's key set is verified with it.
//!
//! A key is read only where it is one on its own: a JSON object at the top level of the text
//! (not the `jwk` inside a DPoP proof's header or a token's `cnf`), or a PEM block. A
//! certificate is not taken as a signing key when a pasted token is certificate-bound: it is
//! then the client's certificate (`pipeline/documents.rs`).

use super::{attributed, Analysis};
use crate::findings::Finding;
use crate::jose::key;
use crate::json_scan::{each_object, line_of, Then};
use crate::report::{InputKind, InputSummary};
use crate::Context;
use base64::Engine as _;
use serde_json::Value;

/// The most keys pasted that are read.
const MAX_PASTED: usize = 16;
/// The most top-level JSON objects looked at for a key.
const MAX_OBJECTS: usize = 400;
/// The PEM labels of key material.
const PEM_LABELS: &[&str] = &["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

/// One key, key set or PEM block found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pasted {
    pub kind: InputKind,
    /// The 1-based line it starts on.
    pub line: usize,
    /// Its text, as the key reader takes it (a PEM block's escaped line breaks restored).
    pub text: String,
}

/// Every key the text holds on its own, in the order of the text.
pub(super) fn find(input: &str) -> Vec<Pasted> {
    let mut out: Vec<Pasted> = Vec::new();
    if input.contains("\"kty\"") {
        each_object(input, &[], MAX_OBJECTS, &mut |at, end, object| {
            let kind = if object.get("keys").and_then(Value::as_array).is_some_and(|keys| !keys.is_empty() && keys.iter().all(|k| k.get("kty").is_some())) {
                Some(InputKind::Jwks)
            } else if object.get("kty").and_then(Value::as_str).is_some() && ["n", "x", "k", "crv"].iter().any(|m| object.contains_key(*m)) {
                Some(InputKind::Jwk)
            } else {
                None
            };
            if let Some(kind) = kind {
                out.push(Pasted { kind, line: line_of(input, at), text: Value::Object(object).to_string() });
            }
            // Only top-level objects: the walk goes on after this one.
            if out.len() >= MAX_PASTED {
                Then::Stop
            } else {
                Then::After(end)
            }
        });
    }
    if input.contains("-----BEGIN ") {
        out.extend(pem_blocks(input));
    }
    out.sort_by_key(|p| p.line);
    out.truncate(MAX_PASTED);
    out
}

/// The PEM blocks of key material in `input`, also where a configuration file or a JSON value
/// writes their line breaks as `\n`.
fn pem_blocks(input: &str) -> Vec<Pasted> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = input.get(from..).and_then(|rest| rest.find("-----BEGIN ")) {
        let start = from.saturating_add(found);
        let after = start.saturating_add("-----BEGIN ".len());
        let Some(label_len) = input.get(after..).and_then(|rest| rest.find("-----")) else { break };
        let label = input.get(after..after.saturating_add(label_len)).unwrap_or("").trim();
        let end_marker = format!("-----END {label}-----");
        let Some(end_at) = input.get(after..).and_then(|rest| rest.find(&end_marker)) else {
            from = after;
            continue;
        };
        let end = after.saturating_add(end_at).saturating_add(end_marker.len());
        from = end;
        if !PEM_LABELS.contains(&label) || out.len() >= MAX_PASTED {
            continue;
        }
        let block = input.get(start..end).unwrap_or("");
        // Line breaks written as `\n` (a JSON value, an environment variable), and each line's
        // indentation or quoting, are not part of the key.
        let text: String =
            block.replace("\\n", "\n").lines().map(|l| l.trim().trim_matches(|c| c == '"' || c == '\'' || c == ',').trim()).collect::<Vec<_>>().join("\n");
        out.push(Pasted { kind: InputKind::Pem, line: line_of(input, start), text });
    }
    out
}

/// Whether a token in `input` is bound to a key or certificate (`cnf`): a certificate pasted
/// beside it is then the client's, not a signing key.
fn bound_token_in(input: &str) -> bool {
    // An introspection response or decoded claims say it in the open.
    input.contains("\"cnf\"")
        || input
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .filter(|w| w.starts_with("eyJ") && w.matches('.').count() == 2)
            .filter_map(|w| w.split('.').nth(1))
            .filter_map(|payload| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok())
            .filter_map(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .any(|claims| claims.get("cnf").is_some())
}

/// A pasted key read, waiting to be listed as an input (after the inputs before it, so the
/// report lists inputs in the order of the text).
pub(super) struct Read {
    summary: InputSummary,
    findings: Vec<Finding>,
}

/// Reads the pasted keys into `a.keys`; returns each one's input, for [`list`].
pub(super) fn read(pasted: &[Pasted], input: &str, ctx: &Context, a: &mut Analysis) -> Vec<Read> {
    let mut out = Vec::new();
    if pasted.is_empty() {
        return out;
    }
    let bound = bound_token_in(input);
    for p in pasted {
        if bound && p.text.contains("-----BEGIN CERTIFICATE-----") {
            continue;
        }
        let source = format!("the key pasted on line {}", p.line);
        let (found, problems) = key::parse(&p.text, &source);
        let what = match p.kind {
            InputKind::Jwks => "JWK Set",
            InputKind::Jwk => "JWK",
            _ if p.text.contains("CERTIFICATE") => "PEM certificate",
            _ if p.text.contains("PRIVATE") => "PEM private key",
            _ => "PEM public key",
        };
        let described: Vec<String> = found
            .iter()
            .take(4)
            .map(|k| match &k.kid {
                Some(kid) => format!("{} `{}`", k.material.describe(), crate::quote::shown(kid, 40)),
                None => k.material.describe(),
            })
            .collect();
        let more = found.len().saturating_sub(described.len());
        let summary = match found.len() {
            0 => format!("{what} that could not be read"),
            1 => format!("{what}: {}, used to verify the tokens", described.join("")),
            n => format!(
                "{what} with {n} keys: {}{}, used to verify the tokens",
                described.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ),
        };
        let mut findings = problems;
        findings.extend(found.iter().filter_map(|k| k.certificate.as_ref()?.validity(ctx.now)));
        out.push(Read { summary: InputSummary { kind: p.kind, summary, line: p.line, columns: None }, findings });
        a.keys.extend(found);
    }
    out
}

/// Lists the pasted keys as inputs, with the findings about them.
pub(super) fn list(read: Vec<Read>, a: &mut Analysis) {
    for r in read {
        let index = a.add_input(r.summary);
        a.findings.extend(attributed(r.findings, Some(index), None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_keys_and_pem_blocks_are_found_and_nested_ones_are_not() {
        let text = concat!(
            "token: eyJ...\n",
            "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"x\",\"e\":\"AQAB\"}]}\n",
            "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}}\n",
            "JWT_PUBLIC_KEY=\"-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----\"\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----\n",
        );
        let found = find(text);
        let kinds: Vec<(InputKind, usize)> = found.iter().map(|p| (p.kind, p.line)).collect();
        assert_eq!(kinds, [(InputKind::Jwks, 2), (InputKind::Pem, 4)], "{found:?}");
        assert_eq!(found[1].text, "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----");
    }

    #[test]
    fn a_certificate_bound_token_is_seen() {
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"cnf":{"x5t#S256":"abc"}}"#);
        assert!(bound_token_in(&format!("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.{claims}.c2ln")));
        let plain = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"sub":"a"}"#);
        assert!(!bound_token_in(&format!("Bearer eyJhbGciOiJSUzI1NiJ9.{plain}.c2ln")));
    }
}
