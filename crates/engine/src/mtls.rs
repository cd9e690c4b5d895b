//! Certificate-bound access tokens (RFC 8705 §3): the client certificate a request was made
//! with, compared with the SHA-256 thumbprint the token carries in `cnf.x5t#S256`.
//!
//! The certificate comes from a pasted PEM block, the caller (`--client-cert`), or a header that
//! a proxy ending TLS forwards to the API:
//!
//! - Envoy `X-Forwarded-Client-Cert`: elements separated by `,`, each `Key=value` pairs separated
//!   by `;`, values with `,;=` in double quotes; `Hash` is the hex SHA-256 of the DER
//!   certificate, `Cert` the URL-encoded PEM (`Hash=…;Cert="-----BEGIN%20CERTIFICATE-----…"`).
//! - RFC 9440 `Client-Cert`: a structured-field byte sequence, `:` base64 DER `:`.
//! - nginx `$ssl_client_escaped_cert` (URL-encoded PEM) or `$ssl_client_cert` (PEM with its line
//!   breaks turned into spaces or tabs), commonly as `X-SSL-Cert` or `ssl-client-cert`.
//! - IIS ARR `X-ARR-ClientCert`, Traefik `X-Forwarded-Tls-Client-Cert`: base64 DER, possibly
//!   URL-encoded; AWS ALB `X-Amzn-Mtls-Clientcert`: URL-encoded PEM.

use crate::findings::{Code, Finding};
use base64::Engine as _;
use der::Decode as _;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Request headers in which proxies forward the client certificate, lower case.
pub const FORWARDING_HEADERS: &[&str] = &[
    "x-forwarded-client-cert",
    "client-cert",
    "ssl-client-cert",
    "x-ssl-cert",
    "x-ssl-client-cert",
    "x-client-cert",
    "x-arr-clientcert",
    "x-amzn-mtls-clientcert",
    "x-forwarded-tls-client-cert",
];
/// The most certificates read from one input.
const MAX_CERTS: usize = 32;
/// The most elements read from one `X-Forwarded-Client-Cert` value.
const MAX_ELEMENTS: usize = 16;

/// Whether a header (any case) is one proxies forward the client certificate in.
pub fn is_forwarding_header(name: &str) -> bool {
    FORWARDING_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name.trim()))
}

/// A client certificate (or its thumbprint) that some evidence shows the request was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// Where it was found, for messages: "`--client-cert`", "`X-SSL-Cert` on line 4".
    pub source: String,
    /// The unpadded base64url SHA-256 of the certificate's DER.
    pub thumbprint: String,
    /// The certificate's subject, when the certificate itself (not only its hash) was seen.
    pub subject: Option<String>,
    /// The certificate's DER, when it was seen.
    pub der: Option<Vec<u8>>,
    /// Where its PEM block starts in the text it was read from (a byte offset).
    pub at: Option<usize>,
}

/// What one forwarding header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forwarded {
    Certificates(Vec<Presented>),
    /// The header is there but empty (`""`, `-`, `(null)`): the proxy saw no client certificate.
    Empty,
    /// The value cannot be read as a certificate; why.
    Unreadable(String),
}

/// The `x5t#S256` of a DER certificate: its SHA-256, in unpadded base64url.
pub fn thumbprint(der: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(der))
}

fn subject_of(der: &[u8]) -> Result<String, String> {
    x509_cert::Certificate::from_der(der).map(|c| c.tbs_certificate.subject.to_string()).map_err(|e| format!("it is not an X.509 certificate ({e})"))
}

fn presented(der: Vec<u8>, source: &str) -> Result<Presented, String> {
    let subject = subject_of(&der)?;
    Ok(Presented { source: source.to_string(), thumbprint: thumbprint(&der), subject: Some(subject), der: Some(der), at: None })
}

/// Decodes base64 whichever alphabet, padding and white space it was written with.
fn base64_any(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let unpadded = compact.trim_end_matches('=');
    let standard = base64::engine::general_purpose::STANDARD_NO_PAD;
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    standard.decode(unpadded).ok().or_else(|| url.decode(unpadded).ok())
}

/// Every `CERTIFICATE` PEM block of `text`, however its line breaks were mangled (a proxy may
/// have turned them into spaces or tabs). Blocks of other labels are left alone: they are keys.
pub fn from_pem(text: &str, source: &str) -> (Vec<Presented>, Vec<String>) {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once(BEGIN) {
        let Some(end) = after.find(END) else {
            problems.push(format!("{source}: a certificate starts with `{BEGIN}` but has no `{END}`"));
            break;
        };
        let body = after.get(..end).unwrap_or_default();
        let numbered = if found.is_empty() && problems.is_empty() && !after.get(end..).unwrap_or_default().contains(BEGIN) {
            source.to_string()
        } else {
            format!("{source} (certificate {})", found.len().saturating_add(problems.len()).saturating_add(1))
        };
        match base64_any(body) {
            Some(der) => match presented(der, &numbered) {
                Ok(p) => found.push(Presented { at: Some(text.len().saturating_sub(rest.len()).saturating_add(before.len())), ..p }),
                Err(why) => problems.push(format!("{numbered}: {why}")),
            },
            None => problems.push(format!("{numbered}: the text between the PEM lines is not base64")),
        }
        rest = after.get(end..).unwrap_or_default().strip_prefix(END).unwrap_or_default();
        if found.len().saturating_add(problems.len()) >= MAX_CERTS {
            break;
        }
    }
    (found, problems)
}

/// Percent-decodes `text` when it holds `%` escapes.
fn unescape(text: &str) -> String {
    if text.contains('%') {
        percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
    } else {
        text.to_string()
    }
}

/// A certificate written as PEM or base64 DER, perhaps URL-encoded.
fn certificate_blob(value: &str, source: &str) -> Result<Presented, String> {
    let text = unescape(value.trim());
    if text.contains("-----BEGIN") {
        let (mut found, problems) = from_pem(&text, source);
        return match (found.is_empty(), problems.into_iter().next()) {
            (false, _) => Ok(found.swap_remove(0)),
            (true, Some(why)) => Err(why),
            (true, None) => Err(format!("{source}: its PEM block is not a certificate")),
        };
    }
    let der = base64_any(&text).ok_or_else(|| format!("{source}: the value is neither PEM nor base64"))?;
    presented(der, source).map_err(|why| format!("{source}: {why}"))
}

/// Envoy's `X-Forwarded-Client-Cert`.
fn xfcc(value: &str, source: &str) -> Forwarded {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (n, element) in crate::grammar::list_elements(value).take(MAX_ELEMENTS).enumerate() {
        let mut cert = None;
        let mut hash = None;
        for pair in crate::grammar::split_outside_quotes(element, b';') {
            let Some((key, v)) = pair.split_once('=') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "cert" => cert = Some(crate::grammar::unquote(v.trim()).trim().to_string()),
                "hash" => hash = Some(crate::grammar::unquote(v.trim()).trim().to_string()),
                _ => {}
            }
        }
        let place = if n == 0 { source.to_string() } else { format!("{source} (element {})", n.saturating_add(1)) };
        match (cert, hash) {
            (Some(cert), _) if !cert.is_empty() => match certificate_blob(&cert, &place) {
                Ok(p) => found.push(p),
                Err(why) => problems.push(why),
            },
            (_, Some(hash)) if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
                let bytes = hex_bytes(&hash);
                found.push(Presented {
                    source: place,
                    thumbprint: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
                    subject: None,
                    der: None,
                    at: None,
                });
            }
            (_, Some(hash)) => problems.push(format!("{place}: `Hash` is `{hash}`, not 64 hex digits")),
            _ => {}
        }
    }
    match (found.is_empty(), problems.into_iter().next()) {
        (false, _) => Forwarded::Certificates(found),
        (true, Some(why)) => Forwarded::Unreadable(why),
        (true, None) => Forwarded::Unreadable(format!("{source}: no element has `Cert=` or `Hash=`, so the client certificate is not forwarded (Envoy's `set_current_client_cert_details` chooses what is sent)")),
    }
}

/// What the forwarding header `name` says (`source` names it for messages).
pub fn from_header(name: &str, value: &str, source: &str) -> Forwarded {
    let v = value.trim();
    if matches!(v, "" | "\"\"" | "-" | "(null)" | "null") {
        return Forwarded::Empty;
    }
    let lower = name.trim().to_ascii_lowercase();
    if lower == "x-forwarded-client-cert" {
        return xfcc(v, source);
    }
    // RFC 9440 §2.1: a byte sequence, `:` base64 `:`.
    let v = match v.strip_prefix(':').and_then(|s| s.strip_suffix(':')) {
        Some(inner) => inner,
        None => v.trim_matches('"'),
    };
    match certificate_blob(v, source) {
        Ok(p) => Forwarded::Certificates(vec![p]),
        Err(why) => Forwarded::Unreadable(why),
    }
}

/// How the token is bound, read from its `cnf` claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// `x5t#S256` holds 32 bytes; the value as written.
    Sha256(String),
    /// `x5t#S256` is there but is not 32 bytes of base64url; why.
    Malformed(String, String),
    /// Only a SHA-1 `x5t` is there.
    Sha1(String),
}

/// The certificate binding of a token's claims, when it has one.
pub fn binding(claims: &Value) -> Option<Binding> {
    let cnf = claims.get("cnf")?;
    if let Some(value) = cnf.get("x5t#S256") {
        let Some(text) = value.as_str() else {
            return Some(Binding::Malformed(value.to_string(), "it is not a string".into()));
        };
        // Lenient about the unused low bits of the last character: RFC 8705's own example sets them.
        let url = base64::engine::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_encode_padding(false)
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
                .with_decode_allow_trailing_bits(true),
        );
        let hex = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
        if hex || text.ends_with('=') {
            return Some(Binding::Malformed(text.to_string(), malformed_reason(text)));
        }
        return Some(match url.decode(text) {
            Ok(bytes) if bytes.len() == 32 => Binding::Sha256(text.to_string()),
            Ok(bytes) => Binding::Malformed(text.to_string(), format!("it decodes to {} bytes, not the 32 of a SHA-256", bytes.len())),
            Err(_) => Binding::Malformed(text.to_string(), malformed_reason(text)),
        });
    }
    cnf.get("x5t").and_then(Value::as_str).map(|t| Binding::Sha1(t.to_string()))
}

fn malformed_reason(text: &str) -> String {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        "it is written in hex; RFC 8705 wants base64url".into()
    } else if text.ends_with('=') {
        "it carries `=` padding; base64url thumbprints are unpadded".into()
    } else if text.contains(['+', '/']) {
        "it uses the standard base64 alphabet (`+`, `/`); base64url uses `-` and `_`".into()
    } else {
        "it is not base64url".into()
    }
}

/// The bytes a run of hex digit pairs stands for; a pair that is not hex is left out.
fn hex_bytes(text: &str) -> Vec<u8> {
    text.as_bytes().chunks(2).filter_map(|pair| std::str::from_utf8(pair).ok().and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

/// The unpadded base64url form of what a malformed thumbprint means, when it can be read.
fn readable_digest(text: &str) -> Option<String> {
    let bytes: Vec<u8> = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) { hex_bytes(text) } else { base64_any(text)? };
    (bytes.len() == 32).then(|| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What the input shows of the TLS connection to the API, besides certificates.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Forwarding headers that were empty, as "`X-SSL-Cert` on line 4".
    pub empty_headers: Vec<String>,
    /// A request to the API is in the input (with its URL), so its headers could have shown a
    /// forwarded certificate.
    pub request: Option<String>,
    /// The input says a client certificate was sent without showing it (`curl --cert`).
    pub sent_unseen: Option<String>,
}

/// The findings about one token's certificate binding; the bool says whether the binding was
/// checked against a certificate.
pub fn check(claims: &Value, presented: &[Presented], evidence: &Evidence) -> (Vec<Finding>, bool) {
    let Some(binding) = binding(claims) else {
        return (Vec::new(), false);
    };
    let mut findings = Vec::new();
    let want = match binding {
        Binding::Sha256(want) => want,
        Binding::Malformed(value, why) => {
            let meant = readable_digest(&value);
            let matches = meant.as_ref().and_then(|m| presented.iter().find(|p| &p.thumbprint == m));
            let hint = match (meant, matches) {
                (Some(_), Some(p)) => format!("; read leniently it is the thumbprint of {}, so only its encoding is wrong", p.source),
                (Some(m), None) => format!("; read leniently it would be `{m}`"),
                _ => String::new(),
            };
            findings.push(Finding::new(Code::CertThumbprintMalformed, format!("`cnf.x5t#S256` is `{value}`: {why}{hint}")));
            return (findings, !presented.is_empty());
        }
        Binding::Sha1(value) => {
            let sha1 = presented.iter().filter_map(|p| p.der.as_ref().map(|d| (p, sha1_thumbprint(d)))).find(|(_, t)| *t == value);
            let hint = match sha1 {
                Some((p, _)) => format!("; it is the SHA-1 thumbprint of {}", p.source),
                None => String::new(),
            };
            findings.push(Finding::new(
                Code::CertBoundWithSha1,
                format!("`cnf` has `x5t` `{value}` (SHA-1) and no `x5t#S256`, so an RFC 8705 API finds no binding it can check{hint}"),
            ));
            return (findings, false);
        }
    };
    if presented.is_empty() {
        if evidence.sent_unseen.is_some() {
            return (findings, false);
        }
        let why = if let Some(header) = evidence.empty_headers.first() {
            format!(
                "{header} is empty: the proxy that ended TLS received no client certificate, so the client did not send one or the proxy did not ask for one"
            )
        } else if let Some(url) = &evidence.request {
            format!("the request to `{url}` carries no forwarded certificate (`X-Forwarded-Client-Cert`, `Client-Cert`, `X-SSL-Cert`, …): if TLS ends at a proxy or load balancer, the API never sees the certificate")
        } else {
            "the input holds no client certificate; paste the PEM, or give it with `--client-cert`, to compare them".to_string()
        };
        findings.push(Finding::new(
            Code::CertBoundWithoutCertificate,
            format!("The token is bound to the client certificate with SHA-256 thumbprint `{want}`, but {why}"),
        ));
        return (findings, false);
    }
    if presented.iter().any(|p| p.thumbprint == want) {
        return (findings, true);
    }
    let shown: Vec<String> = presented
        .iter()
        .take(4)
        .map(|p| match &p.subject {
            Some(subject) => format!("{} (`{subject}`) has `{}`", p.source, p.thumbprint),
            None => format!("{} has `{}`", p.source, p.thumbprint),
        })
        .collect();
    findings.push(Finding::new(
        Code::CertThumbprintMismatch,
        format!("The token is bound to the certificate with SHA-256 thumbprint `{want}`, but {}", shown.join("; ")),
    ));
    (findings, true)
}

fn sha1_thumbprint(der: &[u8]) -> String {
    use sha1::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha1::Sha1::digest(der))
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::CertThumbprintMismatch,
        meaning: "The token's `cnf.x5t#S256` names a certificate thumbprint, and none of the client certificates in the input (pasted PEM, `--client-cert`, or a forwarded certificate header) has that SHA-256 thumbprint; the message lists the thumbprints found.",
        why: "An RFC 8705 resource server compares the thumbprint bound into the token with the certificate presented on the TLS connection and refuses the token with 401 `invalid_token` when they differ, for example after the certificate was renewed or the token was obtained with another certificate.",
        caller: "Request a new token over mutual TLS with the same certificate and key you use to call the API, and present exactly that certificate on the API call; after renewing a certificate, discard tokens bound to the old one.",
        owner: "Log the thumbprint the API computes from the presented certificate next to `cnf.x5t#S256`; if TLS ends at a proxy, check that the certificate it forwards is the client's leaf, not an intermediate or the proxy's own.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CertBoundWithoutCertificate,
        meaning: "The token is bound to a client certificate (`cnf.x5t#S256`), but the input shows no certificate: a forwarded-certificate header is empty, the captured request carries none, or no certificate was given at all.",
        why: "A certificate-bound token is accepted only when the request presents the matching certificate over mutual TLS; without one the API refuses it with 401, and when TLS ends at a proxy the API sees no certificate unless the proxy forwards it. If the certificate was merely left out of the input, the binding could not be checked.",
        caller: "Call the API with the client certificate and key (for example `curl --cert client.pem --key client.key`), and give the certificate here (paste the PEM or use `--client-cert`) so the thumbprint can be compared.",
        owner: "If TLS terminates at a load balancer or gateway, make it request client certificates on this host and forward the leaf certificate (for example `X-Forwarded-Client-Cert` or `Client-Cert`) to the API, and strip that header from incoming requests.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CertThumbprintMalformed,
        meaning: "The token's `cnf.x5t#S256` is not a base64url SHA-256 digest (43 characters without padding): it is hex, padded, standard base64, or the wrong length; the message says how, and whether a lenient reading matches a certificate in the input.",
        why: "RFC 8705 defines the value as the base64url encoding of the SHA-256 of the DER certificate, and resource servers compare it as text, so a differently encoded thumbprint never matches and the token is refused even with the right certificate.",
        caller: "Nothing in the request fixes this; obtain a token from a server that writes the thumbprint correctly, and report the value to the authorization server's operator.",
        owner: "Fix the authorization server (or its plug-in) to emit `x5t#S256` as unpadded base64url of the SHA-256 digest of the DER certificate, not hex or padded base64.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CertBoundWithSha1,
        meaning: "The token's `cnf` holds `x5t` (a SHA-1 thumbprint) and no `x5t#S256`; the message says which certificate it matches, if any.",
        why: "RFC 8705 binds tokens only through `x5t#S256`, so a resource server that implements it finds no binding it can check and may refuse the token as unbound or ignore the binding, depending on its implementation.",
        caller: "Ask for a token from an authorization server configured for RFC 8705 certificate binding; nothing the caller sends can change the claim.",
        owner: "Configure the authorization server to issue `cnf.x5t#S256` (SHA-256) instead of a SHA-1 `x5t`, and have the API check `x5t#S256`.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // A self-signed P-256 certificate made with OpenSSL 3.0.19 (`openssl req -x509 -newkey ec
    // -subj "/CN=orders-batch-client/O=Example Corp"`); its thumbprint computed with
    // `openssl x509 -outform DER | openssl dgst -sha256 -binary | base64`.
    const PEM: &str = include_str!("../tests/data/client-cert.pem");
    const THUMBPRINT: &str = "zwKYNYY8O3vrMOUzUkX8d22_jFglwoDLcysOuHPjdPI";
    const HEX: &str = "cf029835863c3b7beb30e5335245fc776dbf8c5825c280cb732b0eb873e374f2";

    fn der() -> Vec<u8> {
        from_pem(PEM, "x").0.remove(0).der.unwrap()
    }

    #[test]
    fn thumbprint_is_base64url_sha256_of_der() {
        let (found, problems) = from_pem(PEM, "the PEM");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found[0].thumbprint, THUMBPRINT);
        assert!(found[0].subject.as_deref().unwrap().contains("CN=orders-batch-client"));
    }

    #[test]
    fn forwarded_forms_all_give_the_same_thumbprint() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(der());
        let escaped: String = percent_encoding::utf8_percent_encode(PEM, percent_encoding::NON_ALPHANUMERIC).to_string();
        let tabbed = PEM.trim_end().replace('\n', "\n\t");
        let spaced = PEM.trim_end().replace('\n', " ");
        let cases = [
            (
                "X-Forwarded-Client-Cert",
                format!("By=spiffe://cluster.local/ns/default/sa/api;Hash={HEX};Subject=\"CN=orders-batch-client,O=Example Corp\";URI="),
            ),
            ("X-Forwarded-Client-Cert", format!("Hash={HEX};Cert=\"{escaped}\";Subject=\"CN=orders-batch-client\"")),
            ("Client-Cert", format!(":{b64}:")),
            ("X-SSL-Cert", escaped.clone()),
            ("ssl-client-cert", spaced),
            ("X-SSL-Cert", tabbed.replace('\n', "")),
            ("X-ARR-ClientCert", b64.clone()),
            ("X-Forwarded-Tls-Client-Cert", percent_encoding::utf8_percent_encode(&b64, percent_encoding::NON_ALPHANUMERIC).to_string()),
        ];
        for (name, value) in cases {
            assert!(is_forwarding_header(name));
            match from_header(name, &value, "h") {
                Forwarded::Certificates(found) => {
                    assert_eq!(found[0].thumbprint, THUMBPRINT, "{name}: {value}")
                }
                other => panic!("{name}: {value}: {other:?}"),
            }
        }
        assert_eq!(from_header("X-SSL-Cert", "", "h"), Forwarded::Empty);
        assert_eq!(from_header("X-Forwarded-Client-Cert", "(null)", "h"), Forwarded::Empty);
        assert!(matches!(from_header("X-SSL-Cert", "not a certificate!", "h"), Forwarded::Unreadable(_)));
        assert!(matches!(from_header("X-Forwarded-Client-Cert", "By=spiffe://a;URI=spiffe://b", "h"), Forwarded::Unreadable(_)));
        assert!(matches!(from_header("X-Forwarded-Client-Cert", "Hash=abc", "h"), Forwarded::Unreadable(_)));
    }

    #[test]
    fn rfc_8705_example_thumbprint_is_well_formed() {
        // RFC 8705 §3.1, the example claims set.
        let claims = json!({"iss": "https://server.example.com", "sub": "ty.webb@example.com", "exp": 1493726400, "nbf": 1493722800,
            "cnf": {"x5t#S256": "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"}});
        assert_eq!(binding(&claims), Some(Binding::Sha256("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2".into())));
        let presented = from_pem(PEM, "the PEM").0;
        let (found, checked) = check(&claims, &presented, &Evidence::default());
        assert!(checked);
        assert_eq!(found.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["MTLS001"]);
    }

    #[test]
    fn each_fault_alone_gives_its_finding() {
        let presented = from_pem(PEM, "the PEM").0;
        let codes = |claims: Value, presented: &[Presented], evidence: &Evidence| -> Vec<&'static str> {
            check(&claims, presented, evidence).0.iter().map(|f| f.code.as_str()).collect()
        };
        let bound = |t: &str| json!({"cnf": {"x5t#S256": t}});
        let none = Evidence::default();
        assert!(codes(bound(THUMBPRINT), &presented, &none).is_empty());
        assert!(codes(json!({"sub": "a"}), &presented, &none).is_empty());
        assert_eq!(codes(bound("WTBOrpHbtdqXdfJlaxoc4B8F78ypRw2vVEgetk4ba6I"), &presented, &none), ["MTLS001"]);
        assert_eq!(codes(bound(THUMBPRINT), &[], &none), ["MTLS002"]);
        let sent = Evidence { sent_unseen: Some("curl --cert".into()), ..Evidence::default() };
        assert!(codes(bound(THUMBPRINT), &[], &sent).is_empty());
        let (found, _) = check(&bound(HEX), &presented, &none);
        assert_eq!(found[0].code, Code::CertThumbprintMalformed);
        assert!(found[0].message.contains("hex") && found[0].message.contains("only its encoding"), "{}", found[0].message);
        assert_eq!(codes(bound(&format!("{THUMBPRINT}=")), &presented, &none), ["MTLS004"]);
        assert_eq!(codes(json!({"cnf": {"x5t#S256": 7}}), &presented, &none), ["MTLS004"]);
        assert_eq!(codes(json!({"cnf": {"x5t": sha1_thumbprint(&der())}}), &presented, &none), ["MTLS005"]);
    }
}
