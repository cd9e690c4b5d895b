//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`): the `Authorization` header, presigned URLs,
//! the canonical request rebuilt from a captured request, and AWS's error bodies.
//!
//! ```text
//! Authorization: AWS4-HMAC-SHA256 Credential=AKID/20251124/eu-west-1/s3/aws4_request,
//!                SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=<64 hex>
//! canonical request = METHOD \n URI \n QUERY \n name:value \n ... \n \n signed;headers \n payload-hash
//! string to sign    = AWS4-HMAC-SHA256 \n X-Amz-Date \n DATE/REGION/SERVICE/aws4_request \n hex(sha256(canonical))
//! signing key       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, DATE), REGION), SERVICE), "aws4_request")
//! ```
//!
//! The path is URI-encoded once more for every service but S3 (whose canonical path is the
//! path as sent); the query is sorted by encoded name; header values are trimmed with runs of
//! spaces collapsed. The server's own canonical request, when an error body gives it, is
//! compared line by line with the one the captured request gives, and the part that differs
//! is named. With the secret access key the signature is recomputed.

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::http::message::{Message, StartLine};
use crate::secret::Secret;
use crate::steps::StepId;
use crate::timefmt;
use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

/// The algorithm name, in the header and in `X-Amz-Algorithm`.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// How far the signing time may be from the server's clock.
pub const MAX_SKEW: i64 = 15 * 60;
/// The longest `X-Amz-Expires` AWS accepts.
pub const MAX_EXPIRES: i64 = 7 * 24 * 3600;
/// SHA-256 of the empty string.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// The longest text this module rebuilds or compares; longer bodies are not hashed twice.
const MAX_TEXT: usize = 1 << 20;
/// The most differences reported between two canonical requests.
const MAX_DIFFS: usize = 8;

/// Characters AWS leaves unencoded: letters, digits and `-_.~`.
const AWS_ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `AKID/DATE/REGION/SERVICE/aws4_request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
}

impl Scope {
    /// The scope without the key id, as in the string to sign.
    pub fn credential_scope(&self) -> String {
        format!("{}/{}/{}/aws4_request", self.date, self.region, self.service)
    }
}

/// What a signed request carries, from its `Authorization` header or its presigned query.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub scope: Option<Scope>,
    pub signed_headers: Vec<String>,
    /// The signature: a credential, printed redacted.
    pub signature: Secret,
    /// Whether it came from the query (`X-Amz-Signature`).
    pub presigned: bool,
    /// `X-Amz-Date` of a presigned URL.
    pub date: Option<String>,
    /// `X-Amz-Expires` of a presigned URL, as written.
    pub expires: Option<String>,
}

fn finding(code: Code, message: impl Into<String>) -> Finding {
    Finding::new(code, message)
}

/// Reads `Credential=…/…, SignedHeaders=…, Signature=…` (the credentials after the scheme).
pub fn parse_authorization(credentials: &str) -> (Signed, Vec<Finding>) {
    let mut findings = Vec::new();
    let (mut credential, mut headers, mut signature) = (None, None, None);
    for part in credentials.split(',').take(16) {
        let part = part.trim();
        let Some((name, value)) = part.split_once('=') else {
            if !part.is_empty() {
                findings.push(finding(Code::SigV4AuthorizationMalformed, format!("`{}` is not a `name=value` parameter", shorten(part))));
            }
            continue;
        };
        match name.trim() {
            "Credential" => credential = Some(value.trim()),
            "SignedHeaders" => headers = Some(value.trim()),
            "Signature" => signature = Some(value.trim()),
            other if other.eq_ignore_ascii_case("credential") || other.eq_ignore_ascii_case("signedheaders") || other.eq_ignore_ascii_case("signature") => {
                findings.push(finding(
                    Code::SigV4AuthorizationMalformed,
                    format!("The parameter is written `{other}`; AWS reads only `Credential`, `SignedHeaders` and `Signature`, in that spelling"),
                ));
            }
            other => findings.push(finding(Code::SigV4AuthorizationMalformed, format!("`{}` is not a Signature V4 parameter", shorten(other)))),
        }
    }
    let missing: Vec<&str> = [("Credential", credential.is_none()), ("SignedHeaders", headers.is_none()), ("Signature", signature.is_none())]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        findings.push(finding(Code::SigV4AuthorizationMalformed, format!("The header has no `{}`", missing.join("`, `"))));
    }
    let signed = build(credential, headers, signature, false, &mut findings);
    (signed, findings)
}

/// Reads the `X-Amz-*` parameters of a presigned URL's query, when it is one.
pub fn parse_presigned(query: &str) -> Option<(Signed, Vec<Finding>)> {
    let params = query_pairs(query);
    let get = |name: &str| params.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let algorithm = get("X-Amz-Algorithm");
    let signature = get("X-Amz-Signature");
    if algorithm.is_none() && signature.is_none() {
        return None;
    }
    let mut findings = Vec::new();
    match algorithm {
        Some(ALGORITHM) => {}
        Some(other) => findings.push(finding(Code::SigV4AuthorizationMalformed, format!("`X-Amz-Algorithm` is `{}`, not `{ALGORITHM}`", shorten(other)))),
        None => findings.push(finding(Code::SigV4AuthorizationMalformed, "The presigned URL has no `X-Amz-Algorithm`")),
    }
    let missing: Vec<&str> =
        ["X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"].into_iter().filter(|n| get(n).is_none()).collect();
    if !missing.is_empty() {
        findings.push(finding(Code::SigV4AuthorizationMalformed, format!("The presigned URL has no `{}`", missing.join("`, `"))));
    }
    let mut signed = build(get("X-Amz-Credential"), get("X-Amz-SignedHeaders"), signature, true, &mut findings);
    signed.date = get("X-Amz-Date").map(str::to_string);
    signed.expires = get("X-Amz-Expires").map(str::to_string);
    Some((signed, findings))
}

fn build(credential: Option<&str>, headers: Option<&str>, signature: Option<&str>, presigned: bool, findings: &mut Vec<Finding>) -> Signed {
    let scope = credential.and_then(|c| scope(c, findings));
    let signed_headers: Vec<String> = headers.map(|h| h.split(';').take(200).map(str::to_string).collect()).unwrap_or_default();
    if let Some(list) = headers {
        let canonical = canonical_list(&signed_headers);
        if list.is_empty() {
            findings.push(finding(Code::SigV4AuthorizationMalformed, "`SignedHeaders` is empty"));
        } else if canonical != list {
            findings.push(finding(
                Code::SigV4SignedHeadersNotCanonical,
                format!("`SignedHeaders` is `{}`; the canonical request lists `{canonical}`", shorten(list)),
            ));
        }
    }
    if let Some(sig) = signature {
        if sig.len() != 64 || !sig.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            findings.push(finding(
                Code::SigV4AuthorizationMalformed,
                format!("The signature is {} characters long; a Signature V4 is 64 lowercase hexadecimal digits", sig.chars().count()),
            ));
        }
    }
    Signed {
        scope,
        signed_headers: signed_headers.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        signature: Secret::new(signature.unwrap_or("")),
        presigned,
        date: None,
        expires: None,
    }
}

/// The list as the canonical request writes it: lowercase, trimmed, sorted, without repeats.
fn canonical_list(names: &[String]) -> String {
    let mut lower: Vec<String> = names.iter().map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect();
    lower.sort();
    lower.dedup();
    lower.join(";")
}

fn scope(credential: &str, findings: &mut Vec<Finding>) -> Option<Scope> {
    let parts: Vec<&str> = credential.split('/').take(8).collect();
    let shape = "the credential must read `ACCESS_KEY_ID/YYYYMMDD/region/service/aws4_request`";
    let [key_id, date, region, service, terminator] = parts.as_slice() else {
        findings.push(finding(Code::SigV4CredentialScopeMalformed, format!("The credential has {} parts separated by `/`, not 5: {shape}", parts.len())));
        return None;
    };
    let mut wrong = Vec::new();
    if key_id.is_empty() {
        wrong.push("the access key id is empty".to_string());
    }
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        wrong.push(format!("the date `{}` is not `YYYYMMDD`", shorten(date)));
    }
    if region.is_empty() || service.is_empty() {
        wrong.push("the region or the service is empty".into());
    }
    if *terminator != "aws4_request" {
        wrong.push(format!("it ends in `{}` instead of `aws4_request`", shorten(terminator)));
    }
    if !wrong.is_empty() {
        findings.push(finding(Code::SigV4CredentialScopeMalformed, format!("In the credential, {}: {shape}", wrong.join(", "))));
    }
    Some(Scope { key_id: key_id.to_string(), date: date.to_string(), region: region.to_string(), service: service.to_string() })
}

fn shorten(text: &str) -> String {
    let cut: String = text.chars().take(80).filter(|c| *c != '`').collect();
    if text.chars().nth(80).is_some() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// `YYYYMMDDTHHMMSSZ` as seconds since 1970.
pub fn parse_amz_date(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<i32>().ok());
    let month = time::Month::try_from(u8::try_from(num(4..6)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(num(0..4)?, month, u8::try_from(num(6..8)?).ok()?).ok()?;
    let at = date.with_hms(u8::try_from(num(9..11)?).ok()?, u8::try_from(num(11..13)?).ok()?, u8::try_from(num(13..15)?).ok()?).ok()?;
    Some(at.assume_utc().unix_timestamp())
}

/// The seconds since 1970 of an HTTP date.
fn http_date(value: &str) -> Option<i64> {
    let at = httpdate::parse_http_date(value).ok()?;
    i64::try_from(at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs()).ok()
}

/// The `YYYYMMDDTHHMMSSZ` form of an instant.
fn amz_date(seconds: i64) -> Option<String> {
    let at = time::OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    Some(format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", at.year(), u8::from(at.month()), at.day(), at.hour(), at.minute(), at.second()))
}

/// The name/value pairs of a query, undecoded, in order.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .take(1000)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, AWS_ENCODE).to_string()
}

/// What the endpoint's host name says about the region and the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `None` where the host does not tell (S3's global names, custom domains).
    pub region: Option<String>,
    /// The service's signing name, as far as the host tells it.
    pub service: String,
}

fn is_region(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts.first().is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.last().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The signing name of a service whose host name says something else.
fn signing_name(host_service: &str) -> &str {
    match host_service {
        "email" => "ses",
        "bedrock-runtime" | "bedrock-agent-runtime" | "bedrock-agent" => "bedrock",
        "runtime.sagemaker" => "sagemaker",
        "runtime.lex" | "runtime-v2-lex" => "lex",
        "streams.dynamodb" => "dynamodb",
        "data.iot" | "data-ats.iot" => "iotdata",
        "lambda-url" => "lambda",
        s if s.starts_with("s3-") || s == "s3" || s == "s3-accesspoint" => "s3",
        s => s,
    }
}

/// Reads an AWS host name: `service.region.amazonaws.com`, `bucket.s3.region.amazonaws.com`,
/// `bucket.s3-region.amazonaws.com`, `api.execute-api.region.amazonaws.com`, global endpoints.
pub fn endpoint(host: &str) -> Option<Endpoint> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h.to_string(),
        _ => host,
    };
    let rest = [".amazonaws.com.cn", ".amazonaws.com", ".api.aws", ".on.aws"].iter().find_map(|s| host.strip_suffix(s))?;
    let labels: Vec<&str> = rest.split('.').filter(|l| !l.is_empty()).collect();
    if let Some(at) = labels.iter().rposition(|l| is_region(l)) {
        let region = labels.get(at).map(|r| r.to_string());
        let before: Vec<&str> = labels.get(..at).unwrap_or_default().iter().copied().filter(|l| *l != "dualstack" && *l != "fips").collect();
        let service = match before.as_slice() {
            [.., "runtime", "sagemaker"] => "runtime.sagemaker".to_string(),
            [.., "streams", "dynamodb"] => "streams.dynamodb".to_string(),
            [.., "data-ats" | "data", "iot"] => "data.iot".to_string(),
            [.., last] => last.to_string(),
            [] => return None,
        };
        return Some(Endpoint { region, service: signing_name(&service).to_string() });
    }
    // `bucket.s3-eu-west-1.amazonaws.com`, the legacy S3 form.
    if let Some(region) = labels.last().and_then(|l| l.strip_prefix("s3-")).filter(|r| is_region(r)) {
        return Some(Endpoint { region: Some(region.to_string()), service: "s3".into() });
    }
    match labels.last().copied() {
        Some("s3" | "s3-external-1") => Some(Endpoint { region: None, service: "s3".into() }),
        Some(global @ ("iam" | "sts" | "route53" | "cloudfront" | "organizations")) if labels.len() == 1 => {
            Some(Endpoint { region: Some("us-east-1".into()), service: global.into() })
        }
        _ => None,
    }
}

/// The canonical URI: the path with dot segments and repeated slashes removed, each segment
/// encoded again for services other than S3; S3's path is taken as sent, its encoding made
/// canonical.
pub fn canonical_uri(path: &str, s3: bool) -> String {
    if path.is_empty() {
        return "/".into();
    }
    if s3 {
        return path.split('/').map(|seg| encode(&decode(seg))).collect::<Vec<_>>().join("/");
    }
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/').take(10_000) {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let trailing = path.ends_with('/') && !out.is_empty();
    let joined = out.iter().map(|seg| encode(seg)).collect::<Vec<_>>().join("/");
    format!("{}{joined}{}", if path.starts_with('/') { "/" } else { "" }, if trailing { "/" } else { "" })
}

/// The canonical query: each name and value decoded, encoded the AWS way, sorted; the
/// signature parameter of a presigned URL left out.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        query_pairs(query).into_iter().filter(|(k, _)| k != "X-Amz-Signature").map(|(k, v)| (encode(&k), encode(&v))).collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// A header value the canonical way: trimmed, runs of spaces collapsed.
fn trim_all(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hmac(key: &[u8], data: &str) -> Option<Vec<u8>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(data.as_bytes());
    Some(mac.finalize().into_bytes().to_vec())
}

/// The signature of a string to sign, with the secret access key and the scope.
pub fn signature(secret: &str, scope: &Scope, string_to_sign: &str) -> Option<String> {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), &scope.date)?;
    let k_region = hmac(&k_date, &scope.region)?;
    let k_service = hmac(&k_region, &scope.service)?;
    let k_signing = hmac(&k_service, "aws4_request")?;
    Some(hex(&hmac(&k_signing, string_to_sign)?))
}

/// The string to sign for a canonical request.
pub fn string_to_sign(amz_date: &str, scope: &Scope, canonical: &str) -> String {
    format!("{ALGORITHM}\n{amz_date}\n{}\n{}", scope.credential_scope(), sha256_hex(canonical))
}

/// A request seen the way the signer sees it.
#[derive(Debug, Clone)]
pub struct Parts {
    pub method: String,
    pub path: String,
    pub query: String,
    pub host: String,
}

fn parts(request: &Message) -> Option<Parts> {
    let StartLine::Request { method, target, .. } = &request.start else {
        return None;
    };
    let host_header = request.header("host").or_else(|| request.header(":authority")).unwrap_or("").trim().to_string();
    let (host, path_and_query) = match target.strip_prefix("https://").or_else(|| target.strip_prefix("http://")) {
        Some(rest) => match rest.find('/') {
            Some(i) => (rest.get(..i).unwrap_or("").to_string(), rest.get(i..).unwrap_or("/").to_string()),
            None => match rest.split_once('?') {
                Some((h, q)) => (h.to_string(), format!("/?{q}")),
                None => (rest.to_string(), "/".into()),
            },
        },
        None => (host_header.clone(), target.clone()),
    };
    let path_and_query = path_and_query.split('#').next().unwrap_or("").to_string();
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (path_and_query, String::new()),
    };
    let host = if host_header.is_empty() { host } else { host_header };
    Some(Parts { method: method.clone(), path, query, host })
}

/// Choices that change the canonical request; the checks try the other choice when a
/// signature does not match, to say which one the client made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Way {
    s3_path: bool,
    sorted_query: bool,
    payload: Payload,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Payload {
    /// `X-Amz-Content-Sha256` when sent, else the body's hash.
    Stated,
    Body,
    Unsigned,
}

/// The canonical request of `request` as signed with `signed`, built one way.
fn canonical(request: &Message, p: &Parts, signed: &Signed, way: Way) -> String {
    let uri = canonical_uri(&p.path, way.s3_path);
    let query = if way.sorted_query {
        canonical_query(&p.query)
    } else {
        p.query.split('&').filter(|q| !q.is_empty() && !q.starts_with("X-Amz-Signature=")).collect::<Vec<_>>().join("&")
    };
    let mut headers = String::new();
    for name in &signed.signed_headers {
        let values: Vec<String> = if name == "host" { vec![trim_all(&p.host)] } else { request.headers_named(name).map(|h| trim_all(&h.value)).collect() };
        headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let body_hash = || {
        if request.body.len() > MAX_TEXT {
            String::new()
        } else {
            sha256_hex(&request.body)
        }
    };
    let payload = match way.payload {
        Payload::Unsigned => "UNSIGNED-PAYLOAD".to_string(),
        Payload::Body => body_hash(),
        Payload::Stated if signed.presigned && way.s3_path => "UNSIGNED-PAYLOAD".to_string(),
        Payload::Stated => request.header("x-amz-content-sha256").map(|v| v.trim().to_string()).unwrap_or_else(body_hash),
    };
    format!("{}\n{uri}\n{query}\n{headers}\n{}\n{payload}", p.method.to_ascii_uppercase(), signed.signed_headers.join(";"))
}

/// The canonical request written on one line, session tokens redacted: `GET\n/\n…`.
fn one_line(canonical: &str) -> String {
    let lines: Vec<String> = canonical
        .split('\n')
        .map(|l| match l.split_once(':') {
            Some((name, value)) if name == "x-amz-security-token" => {
                format!("{name}:{}", Secret::new(value).redacted())
            }
            _ => redact_query_token(l),
        })
        .collect();
    crate::quote::shown(&lines.join("\\n"), usize::MAX)
}

fn redact_query_token(line: &str) -> String {
    if !line.contains("X-Amz-Security-Token=") {
        return line.to_string();
    }
    line.split('&')
        .map(|p| match p.split_once('=') {
            Some(("X-Amz-Security-Token", v)) => {
                format!("X-Amz-Security-Token={}", Secret::new(v).redacted())
            }
            _ => p.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// What an AWS error body says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    pub signature_provided: Option<String>,
    pub request_time: Option<String>,
    pub server_time: Option<String>,
}

/// Decodes the five XML entities and character references.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let Some(end) = tail.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = tail.get(1..).unwrap_or("");
            continue;
        };
        let entity = tail.get(1..end).unwrap_or("");
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = tail.get(end.saturating_add(1)..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the first `<name>…</name>` element (AWS error bodies are flat).
fn element(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let (_, after) = body.split_once(open.as_str())?;
    let (inner, _) = after.split_once(close.as_str())?;
    Some(unescape(inner))
}

/// Reads an AWS error body: S3's XML (`<Error><Code>…`), the query services' XML
/// (`<ErrorResponse><Error>…`) and the JSON services' body (`{"__type": …, "message": …}`).
pub fn read_error(body: &str) -> Option<ErrorBody> {
    let body = body.get(..body.len().min(MAX_TEXT)).unwrap_or("").trim();
    let mut e = ErrorBody::default();
    if body.starts_with('{') {
        let json: serde_json::Value = serde_json::from_str(body).ok()?;
        let text = |names: &[&str]| names.iter().find_map(|n| json.get(*n).and_then(|v| v.as_str()).map(str::to_string));
        e.code = text(&["__type", "code", "Code"]).map(|c| c.rsplit('#').next().unwrap_or("").to_string());
        e.message = text(&["message", "Message"]);
    } else if body.contains("<Code>") {
        e.code = element(body, "Code");
        e.message = element(body, "Message");
        e.canonical_request = element(body, "CanonicalRequest");
        e.string_to_sign = element(body, "StringToSign");
        e.signature_provided = element(body, "SignatureProvided");
        e.request_time = element(body, "RequestTime");
        e.server_time = element(body, "ServerTime");
    } else {
        return None;
    }
    // The query and JSON services quote the canonical request inside the message.
    if let Some(message) = &e.message {
        let canonical = between(message, "The Canonical String for this request should have been\n'", "'\n");
        let sts = between(message, "The String-to-Sign should have been\n'", "'");
        if e.canonical_request.is_none() {
            e.canonical_request = canonical;
        }
        if e.string_to_sign.is_none() {
            e.string_to_sign = sts;
        }
    }
    e.code.as_ref()?;
    Some(e)
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let (_, rest) = text.split_once(open)?;
    // The canonical request itself has no `'` followed by a blank line; the quote that ends it does.
    let end = rest.find(&format!("{close}\n")).or_else(|| rest.rfind(close))?;
    Some(rest.get(..end)?.to_string())
}

/// A canonical request split into its parts.
struct Split<'a> {
    method: &'a str,
    uri: &'a str,
    query: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    signed: &'a str,
    payload: &'a str,
}

fn split(canonical: &str) -> Option<Split<'_>> {
    let lines: Vec<&str> = canonical.split('\n').map(|l| l.trim_end_matches('\r')).take(500).collect();
    let (method, uri, query) = (*lines.first()?, *lines.get(1)?, *lines.get(2)?);
    let (blank, _) = lines.iter().enumerate().skip(3).find(|(_, l)| l.is_empty())?;
    let headers = lines.get(3..blank)?.iter().map(|l| l.split_once(':').unwrap_or((l, ""))).collect();
    // The blank line, then the signed header names and the payload hash.
    let after = lines.get(blank..)?;
    Some(Split { method, uri, query, headers, signed: after.get(1)?, payload: after.get(2).copied().unwrap_or("") })
}

/// The parts in which the server's canonical request differs from the one rebuilt here.
fn differences(server: &str, ours: &str) -> Vec<String> {
    let (Some(a), Some(b)) = (split(server), split(ours)) else {
        return vec![format!("the server's canonical request cannot be read as one (`{}`)", shorten(&one_line(server)))];
    };
    let mut out = Vec::new();
    if a.method != b.method {
        out.push(format!("the method: the server has `{}`, the request `{}`", shorten(a.method), shorten(b.method)));
    }
    if a.uri != b.uri {
        let hint = if encode_path_again(b.uri) == a.uri {
            "; the server encodes the path once more, as every service but S3 does"
        } else if encode_path_again(a.uri) == b.uri {
            "; the request's path is encoded once more than the server's"
        } else {
            ""
        };
        out.push(format!("the path: the server has `{}`, the request gives `{}`{hint}", shorten(a.uri), shorten(b.uri)));
    }
    if a.query != b.query {
        let names = |q: &str| q.split('&').filter(|p| !p.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let (qa, qb) = (names(a.query), names(b.query));
        let mut sa = qa.clone();
        sa.sort();
        let what = if sa == qb || {
            let mut sb = qb.clone();
            sb.sort();
            sb == qa
        } {
            "the same parameters in another order"
        } else {
            "other parameters or another encoding"
        };
        out.push(format!(
            "the query ({what}): the server has `{}`, the request gives `{}`",
            shorten(&redact_query_token(a.query)),
            shorten(&redact_query_token(b.query))
        ));
    }
    for (name, value) in &a.headers {
        match b.headers.iter().find(|(n, _)| n == name) {
            Some((_, ours)) if ours != value => {
                let (v1, v2) = if *name == "x-amz-security-token" {
                    (Secret::new(*value).redacted(), Secret::new(*ours).redacted())
                } else {
                    (shorten(value), shorten(ours))
                };
                out.push(format!("the signed header `{name}`: the server has `{v1}`, the request `{v2}`"));
            }
            Some(_) => {}
            None => out.push(format!("the header `{name}`: the server signs it, the request's list does not have it")),
        }
    }
    for (name, _) in &b.headers {
        if !a.headers.iter().any(|(n, _)| n == name) {
            out.push(format!("the header `{name}`: the request signs it, the server's canonical request does not have it"));
        }
    }
    if a.signed != b.signed {
        out.push(format!("the signed-header list: the server has `{}`, the request `{}`", shorten(a.signed), shorten(b.signed)));
    }
    if a.payload != b.payload {
        out.push(format!("the payload hash: the server has `{}`, the request `{}`", shorten(a.payload), shorten(b.payload)));
    }
    out.truncate(MAX_DIFFS);
    out
}

fn encode_path_again(path: &str) -> String {
    path.split('/').map(encode).collect::<Vec<_>>().join("/")
}

/// What the checks of one exchange found.
pub struct Checked {
    pub findings: Vec<Finding>,
    pub steps: Vec<StepId>,
}

/// The signing time of a request: `X-Amz-Date`, else `Date`, as written and in seconds.
fn signing_time(request: &Message, signed: &Signed) -> Option<(String, Option<i64>)> {
    if let Some(d) = &signed.date {
        return Some((d.clone(), parse_amz_date(d)));
    }
    if let Some(d) = request.header("x-amz-date") {
        return Some((d.trim().to_string(), parse_amz_date(d.trim())));
    }
    let date = request.header("date")?;
    let at = http_date(date.trim());
    Some((at.and_then(amz_date).unwrap_or_else(|| date.trim().to_string()), at))
}

/// Checks a signed request, and the error body of its response: the scope against the endpoint
/// and the time, the signed headers, the payload hash, the server's canonical request, and
/// (with the secret) the signature. A request that is not signed with Signature V4 gives
/// nothing.
pub fn check(request: Option<&Message>, response: Option<&Message>, ctx: &Context) -> Checked {
    let mut out = Checked { findings: Vec::new(), steps: Vec::new() };
    let error = response.and_then(|r| read_error(&r.body));
    let Some(request) = request else { return out };
    let Some(p) = parts(request) else { return out };
    let Some(signed) = signed_by(request, &p) else {
        return out;
    };
    out.steps.push(StepId::RequestSignature);
    let f = &mut out.findings;
    let s3 = signed.scope.as_ref().is_some_and(|s| s.service == "s3");

    // The signed headers.
    if !signed.signed_headers.is_empty() && !signed.signed_headers.iter().any(|h| h == "host" || h == ":authority") {
        f.push(finding(Code::SigV4HostNotSigned, format!("`SignedHeaders` is `{}`, without `host`", shorten(&signed.signed_headers.join(";")))));
    }
    let absent: Vec<&str> = signed.signed_headers.iter().filter(|h| *h != "host" && !h.is_empty() && request.header(h).is_none()).map(String::as_str).collect();
    if !absent.is_empty() {
        f.push(finding(Code::SigV4SignedHeaderAbsent, format!("`{}` is signed but the request does not carry it", absent.join("`, `"))));
    }

    let unsigned: Vec<String> = request
        .headers
        .iter()
        .map(|h| h.name.trim().to_ascii_lowercase())
        .filter(|n| n.starts_with("x-amz-") && (s3 || n == "x-amz-date" || n == "x-amz-content-sha256"))
        .filter(|n| !signed.presigned && !signed.signed_headers.is_empty() && !signed.signed_headers.contains(n))
        .collect();
    if !unsigned.is_empty() {
        let why = if s3 { "S3 requires every `x-amz-*` header to be signed" } else { "the server requires it to be signed" };
        f.push(finding(Code::SigV4AmzHeaderNotSigned, format!("`{}` is sent but not in `SignedHeaders`: {why}", unsigned.join("`, `"))));
    }

    // The time and the scope.
    let time = signing_time(request, &signed);
    match &time {
        None => f.push(finding(Code::SigV4DateMissing, "The request has neither `X-Amz-Date` nor `Date`, so the server cannot rebuild the string to sign")),
        Some((text, None)) => f.push(finding(Code::SigV4DateMissing, format!("The signing time `{}` is not `YYYYMMDDTHHMMSSZ`", shorten(text)))),
        Some((_, Some(at))) => {
            out.steps.push(StepId::DeviceClock);
            // AWS compares with its own clock: the time the server states, when the paste has
            // it, is a better reference than this machine's (an old capture is not late).
            let stated = error
                .as_ref()
                .and_then(|e| e.server_time.as_deref())
                .and_then(|t| timefmt::parse_rfc3339(t).or_else(|| parse_amz_date(t.trim())))
                .map(|t| (t, "the server's clock (`ServerTime`)"))
                .or_else(|| {
                    response.and_then(|r| r.header("date")).and_then(|d| http_date(d.trim())).map(|t| (t, "the server's clock (the response's `Date`)"))
                });
            let (now, clock) = stated.unwrap_or((ctx.now, "this clock"));
            let when = timefmt::utc(*at).unwrap_or_default();
            let expires = signed.expires.as_deref().map(|e| e.trim().parse::<i64>().ok().filter(|n| (1..=MAX_EXPIRES).contains(n)));
            if let Some(None) = expires {
                f.push(finding(
                    Code::SigV4PresignedExpiresInvalid,
                    format!(
                        "`X-Amz-Expires` is `{}`; it must be a number of seconds from 1 to {MAX_EXPIRES}",
                        shorten(signed.expires.as_deref().unwrap_or(""))
                    ),
                ));
            }
            match expires.flatten() {
                Some(seconds) if now > at.saturating_add(seconds) => f.push(finding(
                    Code::SigV4PresignedExpired,
                    format!(
                        "The URL was signed at {when} for {}, so it expired {}",
                        timefmt::duration(u64::try_from(seconds).unwrap_or(0)),
                        timefmt::relative(at.saturating_add(seconds), now)
                    ),
                )),
                _ if signed.presigned && at.saturating_sub(now) > MAX_SKEW => {
                    f.push(finding(Code::SigV4TimeSkewed, format!("The URL was signed at {when}, {} by {clock}", timefmt::relative(*at, now))))
                }
                _ if !signed.presigned && at.saturating_sub(now).unsigned_abs() > MAX_SKEW.unsigned_abs() => f.push(finding(
                    Code::SigV4TimeSkewed,
                    format!("The request was signed at {when}, {} by {clock}; AWS allows 15 minutes", timefmt::relative(*at, now)),
                )),
                _ => {}
            }
        }
    }
    if let (Some(scope), Some((text, Some(_)))) = (&signed.scope, &time) {
        if text.get(..8).is_some_and(|d| d != scope.date) {
            f.push(finding(Code::SigV4ScopeDateMismatch, format!("The scope date is `{}` but the request was signed at `{text}`", scope.date)));
        }
    }
    if let (Some(scope), Some(ep)) = (&signed.scope, endpoint(&p.host)) {
        if let Some(region) = ep.region.as_deref().filter(|r| *r != scope.region) {
            f.push(finding(Code::SigV4RegionMismatch, format!("The scope says `{}` but `{}` is in `{region}`", shorten(&scope.region), shorten(&p.host))));
        }
        if ep.service != scope.service {
            f.push(finding(
                Code::SigV4ServiceMismatch,
                format!("The scope says `{}` but `{}` is signed as `{}`", shorten(&scope.service), shorten(&p.host), ep.service),
            ));
        }
    }
    if signed.scope.as_ref().is_some_and(|s| s.key_id.starts_with("ASIA")) {
        let token = request.header("x-amz-security-token").is_some() || p.query.contains("X-Amz-Security-Token=");
        if !token {
            let key = signed.scope.as_ref().map(|s| s.key_id.as_str()).unwrap_or("");
            f.push(finding(
                Code::SigV4SessionTokenMissing,
                format!("`{}` is a temporary key (`ASIA…`), and the request has no `X-Amz-Security-Token`", shorten(key)),
            ));
        }
    }

    // The payload.
    let stated = request.header("x-amz-content-sha256").map(str::trim);
    match stated {
        None if s3 && !signed.presigned => f.push(finding(Code::SigV4ContentSha256Missing, "The request goes to S3 without `X-Amz-Content-Sha256`")),
        Some(hash) if hash.len() == 64 && request.body.len() <= MAX_TEXT => {
            let actual = sha256_hex(&request.body);
            if !hash.eq_ignore_ascii_case(&actual) {
                let what = if request.body.is_empty() { "the empty body".to_string() } else { format!("the {} bytes of body shown", request.body.len()) };
                f.push(finding(Code::SigV4PayloadHashMismatch, format!("`X-Amz-Content-Sha256` is `{}`, but {what} hash to `{actual}`", shorten(hash))));
            }
        }
        _ => {}
    }

    // The rebuilt canonical request.
    let Some(scope) = &signed.scope else {
        return out;
    };
    let way = Way { s3_path: s3, sorted_query: true, payload: Payload::Stated };
    let ours = canonical(request, &p, &signed, way);
    let date_text = time.as_ref().map(|(t, _)| t.clone()).unwrap_or_default();
    let ours_sts = string_to_sign(&date_text, scope, &ours);

    let sign_with = |way: Way| {
        let secret = ctx.aws_secret.as_ref()?;
        let c = canonical(request, &p, &signed, way);
        signature(secret.expose(), scope, &string_to_sign(&date_text, scope, &c))
    };
    let matches = |way: Way| sign_with(way).is_some_and(|s| !signed.signature.is_empty() && s == signed.signature.expose());
    // A signature that is not 64 hexadecimal digits was cut short or masked in the paste (AWS001
    // or RED001 says so): recomputing cannot tell anything about the secret.
    let whole = signed.signature.len() == 64 && signed.signature.expose().bytes().all(|b| b.is_ascii_hexdigit());
    let verified = (ctx.aws_secret.is_some() && whole).then(|| matches(way));

    if let Some(e) = &error {
        if let (Some(given), false) = (&e.signature_provided, signed.signature.is_empty()) {
            if given.trim() != signed.signature.expose() {
                f.push(finding(
                    Code::SigV4SignatureNotAsCaptured,
                    format!(
                        "The server quotes the signature {} but the captured request carries {}",
                        Secret::new(given.trim()).redacted(),
                        signed.signature.redacted()
                    ),
                ));
            }
        }
        if let Some(server) = &e.canonical_request {
            let diffs = differences(server, &ours);
            if diffs.is_empty() {
                let message = match verified {
                    Some(true) => format!(
                        "The server's canonical request is the one this request gives, and the secret given reproduces the signature: AWS holds another secret for `{}` (rotated, or another account's key)",
                        shorten(&scope.key_id)
                    ),
                    Some(false) => "The server's canonical request is the one this request gives, and the secret given does not reproduce the signature: the client signed other text or used another secret".to_string(),
                    None => "The server's canonical request is the one this request gives, so the client signed other text or used another secret; give the secret (`--aws-secret`) to recompute the signature".to_string(),
                };
                f.push(finding(Code::SigV4CanonicalRequestAgrees, message));
            } else {
                for d in diffs {
                    f.push(finding(Code::SigV4CanonicalRequestDiffers, format!("The canonical requests differ in {d}")));
                }
            }
        }
        if let (Some(server), true) = (&e.string_to_sign, e.canonical_request.is_none()) {
            let theirs: Vec<&str> = server.split('\n').map(str::trim).collect();
            let mine: Vec<&str> = ours_sts.split('\n').collect();
            let names = ["the algorithm", "the signing time", "the credential scope", "the canonical request's hash"];
            for ((name, a), b) in names.iter().zip(&theirs).zip(&mine) {
                if a != b {
                    f.push(finding(
                        Code::SigV4CanonicalRequestDiffers,
                        format!("The strings to sign differ in {name}: the server has `{}`, the request gives `{}`", shorten(a), shorten(b)),
                    ));
                }
            }
        }
    }

    // The signature, recomputed.
    let Some(verified) = verified else { return out };
    if verified {
        f.push(finding(
            Code::SigV4SignatureVerified,
            format!("The signature is the one the secret gives for this request, scope `{}`", scope.credential_scope()),
        ));
        return out;
    }
    let alternatives = [
        (
            Way { s3_path: !s3, ..way },
            if s3 {
                "the path encoded twice, as for services other than S3: S3 wants it encoded once"
            } else {
                "the path encoded once, as for S3: this service wants each segment encoded twice"
            },
        ),
        (Way { sorted_query: false, ..way }, "the query in the order sent: sort the parameters by name before signing"),
        (Way { payload: Payload::Body, ..way }, "the hash of the body shown, not the `X-Amz-Content-Sha256` sent"),
        (Way { payload: Payload::Unsigned, ..way }, "`UNSIGNED-PAYLOAD` as the payload hash"),
    ];
    let found = alternatives.iter().find(|(w, _)| *w != way && matches(*w)).map(|(_, why)| *why);
    let message = match found {
        Some(why) => format!("The signature does not match this request, but matches when it is signed with {why}"),
        None => format!(
            "The signature does not match the one the secret gives for this request: either the secret is not the one of `{}`, or the request changed after signing. The canonical request here is `{}`",
            shorten(&scope.key_id),
            one_line(&ours)
        ),
    };
    f.push(finding(Code::SigV4SignatureMismatch, message));
    out
}

/// The canonical request and the string to sign of a signed request, rebuilt the way the server
/// does; `None` for a request that is not signed with Signature V4 or has no readable scope.
pub fn rebuild(request: &Message) -> Option<(String, String)> {
    let p = parts(request)?;
    let signed = signed_by(request, &p)?;
    let scope = signed.scope.as_ref()?;
    let s3 = scope.service == "s3";
    let canonical = canonical(request, &p, &signed, Way { s3_path: s3, sorted_query: true, payload: Payload::Stated });
    let date = signing_time(request, &signed).map(|(t, _)| t).unwrap_or_default();
    let sts = string_to_sign(&date, scope, &canonical);
    Some((canonical, sts))
}

/// What signs a request: its `Authorization` header, else its presigned query.
fn signed_by(request: &Message, p: &Parts) -> Option<Signed> {
    let from_header = request
        .header("authorization")
        .and_then(|v| v.trim().strip_prefix(ALGORITHM).filter(|rest| rest.starts_with([' ', '\t'])))
        .map(|rest| parse_authorization(rest.trim()).0);
    from_header.or_else(|| parse_presigned(&p.query).map(|(s, _)| s))
}

/// A presigned URL pasted alone, read as the `GET` request it makes (the URL's host stands for
/// the `Host` header). `None` for any other text.
pub fn presigned_url(text: &str) -> Option<Message> {
    let url = text.trim();
    let lower = url.get(..8).unwrap_or("").to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || url.contains(char::is_whitespace) || url.len() > MAX_TEXT {
        return None;
    }
    let query = url.split_once('?').map(|(_, q)| q.split('#').next().unwrap_or(""))?;
    parse_presigned(query)?;
    let line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0).saturating_add(1);
    Some(Message {
        start: StartLine::Request { method: "GET".into(), target: url.to_string(), version: "HTTP/1.1".into() },
        headers: Vec::new(),
        body: String::new(),
        line,
        source: crate::http::message::Source::Raw,
        lines: (line, line),
        parsed: Default::default(),
    })
}

/// The checks of an `Authorization` header's own text (the scope's shape, the parameters).
pub fn header_findings(credentials: &str) -> Vec<Finding> {
    parse_authorization(credentials).1
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4AuthorizationMalformed,
        meaning: "The `AWS4-HMAC-SHA256` header or the presigned URL's `X-Amz-*` query has the wrong shape: a part that is not `name=value`, an unknown or wrongly cased parameter, a missing required parameter (`Credential`, `SignedHeaders`, `Signature`, or their `X-Amz-*` forms and `X-Amz-Algorithm`, `X-Amz-Date`, `X-Amz-Expires` in a URL), an empty `SignedHeaders`, or a signature that is not 64 lowercase hex digits.",
        why: "AWS parses these parameters before it checks anything else, so a header or URL it cannot read is refused outright (typically `IncompleteSignature`, `InvalidRequest` or `AuthorizationQueryParametersError`, with status 400 or 403).",
        caller: "Sign with an AWS SDK, the AWS CLI or a maintained SigV4 library (for example `botocore`'s `SigV4Auth`, or `curl --aws-sigv4`) instead of building the header by hand, and check that nothing shortens or rewrites it on the way.",
        owner: "The error code and message in the response body name the missing or malformed parameter; if requests pass through your own gateway, check that it forwards `Authorization` and the query string unchanged.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4CredentialScopeMalformed,
        meaning: "The `Credential` (or `X-Amz-Credential`) value is not `ACCESS_KEY_ID/YYYYMMDD/region/service/aws4_request`: it has the wrong number of `/` parts, an empty key id, region or service, a date that is not eight digits, or a terminator other than `aws4_request`.",
        why: "The credential scope selects the key and forms part of the string to sign and of the derived signing key, so AWS cannot verify a request whose scope it cannot parse and rejects it with a malformed-credential error.",
        caller: "Let the SDK build the scope; if building it yourself, use the UTC signing date, the region and service signing name of the endpoint, and end it with `aws4_request`, and URL-encode the `/` separators only in presigned URLs.",
        owner: "The response error names the malformed part; a custom SigV4 verifier should log the received scope next to its rejection reason.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SignedHeadersNotCanonical,
        meaning: "The `SignedHeaders` list is not in canonical form: the names are not all lowercase, not sorted, contain spaces or repeats; the message shows the canonical list.",
        why: "The list is copied verbatim into the canonical request that the server rebuilds, so a list that the client did not canonicalize makes the client sign text that differs from the server's, and the signature fails with `SignatureDoesNotMatch`.",
        caller: "Sign with a library; if you build the list yourself, lowercase and trim each header name, sort them by character code, drop duplicates and join them with `;`.",
        owner: "Compare the `CanonicalRequest` in the `SignatureDoesNotMatch` error with the client's, which shows the list; a custom verifier may log the received `SignedHeaders`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4HostNotSigned,
        meaning: "The `SignedHeaders` list does not include `host` (or `:authority` for HTTP/2).",
        why: "AWS Signature V4 requires `host` to be signed so that the signature is bound to the endpoint, and AWS refuses a request without it, usually with an error that `host` must be signed.",
        caller: "Include the `Host` header in the signed headers (SDKs do this); if signing by hand, add `host` to `SignedHeaders` and to the canonical headers with the exact host name, including any non-default port.",
        owner: "If a proxy or load balancer re-signs or rewrites requests, check that its signing step includes `host` and uses the host name the service sees.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SignedHeaderAbsent,
        meaning: "A header named in `SignedHeaders` is not present in the captured request.",
        why: "The server builds the canonical headers from the request it receives, so a signed header that was dropped (by the client, a proxy or a browser) yields different canonical text and `SignatureDoesNotMatch`; if the header was only left out of the capture, the cause is elsewhere.",
        caller: "Send every header you signed, with the value you signed; if a proxy strips it (for example `x-amz-content-sha256` or a custom header), sign only headers that reach AWS, and recapture with all headers to rule out an incomplete capture.",
        owner: "Check whether a gateway or proxy removes or renames headers before the request reaches the verifier; the `CanonicalRequest` in the error lists the headers the server saw.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4DateMissing,
        meaning: "The request has neither `X-Amz-Date` nor `Date` (nor `X-Amz-Date` in the presigned query), or the signing time is not in the `YYYYMMDDTHHMMSSZ` form.",
        why: "The signing time is the second line of the string to sign and determines the scope date, so AWS cannot rebuild the string to sign and refuses the request, typically as a missing or invalid date.",
        caller: "Send `X-Amz-Date` with the UTC time in basic ISO 8601 form, for example `20240115T093000Z`, sign it, and use the same date in the credential scope; an SDK does all three.",
        owner: "The error message names the date problem; if a gateway forwards signed requests, check that it keeps `X-Amz-Date`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4ScopeDateMismatch,
        meaning: "The date in the credential scope differs from the date part of the signing time (`X-Amz-Date`).",
        why: "Both enter the string to sign and the signing key, and AWS requires them to agree, so the request is refused as having an invalid credential date or a wrong signature; it typically happens when the two are computed at different moments around midnight UTC, or one in local time.",
        caller: "Take one UTC timestamp and derive both `X-Amz-Date` and the scope `YYYYMMDD` from it; never use local time for either.",
        owner: "The error response names the expected date; for a custom verifier, log the received scope date and signing time together.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4RegionMismatch,
        meaning: "The region in the credential scope is not the region of the endpoint the request went to, as read from the host name.",
        why: "AWS derives the signing key from the region, and the endpoint expects its own region in the scope, so a request signed for another region is refused, for example with `AuthorizationHeaderMalformed` or `SignatureDoesNotMatch`.",
        caller: "Sign with the region of the endpoint (set `AWS_REGION`, `--region` or the client's region to match the host), or call the endpoint of the region you signed for; for S3, use the bucket's own region.",
        owner: "The error response usually states the expected region; if you run a regional proxy, check it forwards to the endpoint of the region in the scope.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4ServiceMismatch,
        meaning: "The service name in the credential scope differs from the signing name the engine derives from the host name; the message shows both.",
        why: "AWS derives the signing key from the service signing name, so a wrong name makes the signature fail, but some services sign under a name that is not the host prefix (and custom domains hide it), which is why this is only a warning.",
        caller: "Use the service's signing name from its documentation or SDK metadata (for example `execute-api` for API Gateway, `es` for OpenSearch) rather than the host prefix; SDKs pick it automatically.",
        owner: "For custom domains or private endpoints, document which signing name and region callers must use; the error body of a refused request shows the scope the server expected.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4TimeSkewed,
        meaning: "The signing time differs from the reference clock (the server's `ServerTime` or `Date` when the capture has them, otherwise this machine's clock) by more than 15 minutes; for a presigned URL, the signing time lies more than 15 minutes in the future.",
        why: "AWS rejects a request whose signing time is more than 15 minutes away from its own clock (`RequestTimeTooSkewed` for headers, and a presigned URL dated in the future is not yet valid), whatever the signature is.",
        caller: "Synchronise the client's clock (`timedatectl set-ntp true`, `chronyc makestep`, or the OS time settings) and sign with the current UTC time just before sending; do not reuse signed requests later.",
        owner: "The `RequestTimeTooSkewed` error carries `ServerTime` and `RequestTime`, which show the offset; check the clock of any intermediary that signs on the client's behalf.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4PresignedExpired,
        meaning: "The presigned URL's `X-Amz-Date` plus `X-Amz-Expires` lies before the reference time, so the URL had expired when it was used.",
        why: "AWS accepts a presigned URL only within its validity window and answers `Request has expired` (403) after it, even though the signature is correct; URLs signed with temporary credentials also stop working when those credentials expire.",
        caller: "Generate a new presigned URL just before it is needed, with an `X-Amz-Expires` that covers the expected delay; when signing with temporary credentials, remember that the URL cannot outlive them.",
        owner: "Check the expiry the application chooses when it presigns URLs and whether links are cached or emailed for longer than that; the error body shows the expiry and server time.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4PresignedExpiresInvalid,
        meaning: "`X-Amz-Expires` in the presigned URL is not a whole number of seconds from 1 to 604800 (seven days).",
        why: "AWS refuses a presigned URL whose expiry is missing, not a number, or longer than seven days, with an `AuthorizationQueryParametersError`, before checking the signature.",
        caller: "Presign with an expiry between 1 second and 7 days (for example `aws s3 presign --expires-in 3600`); for longer access, generate a new URL when needed.",
        owner: "Check the expiry value the application passes to its presign call and reject values over 604800 seconds before issuing the URL.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4PayloadHashMismatch,
        meaning: "The `X-Amz-Content-Sha256` header gives a hash that is not the SHA-256 of the request body as captured.",
        why: "The payload hash is the last line of the canonical request, and S3 also checks it against the body it receives, so a hash of another body produces `XAmzContentSHA256Mismatch` or `SignatureDoesNotMatch`; if the capture shows only part of the body, this may be an artefact.",
        caller: "Hash the exact bytes you send (after any encoding or compression), or send `UNSIGNED-PAYLOAD` where the service allows it; do not modify the body after signing.",
        owner: "Check whether a proxy changes the body (re-encoding, compression, chunking) between signing and the service; the error body shows the hash the server computed.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4ContentSha256Missing,
        meaning: "A header-signed request goes to S3 without an `X-Amz-Content-Sha256` header.",
        why: "S3 requires this header on every Signature V4 request signed in the `Authorization` header, and refuses a request without it (`InvalidRequest` or `MissingSecurityHeader`), whatever the signature.",
        caller: "Send `X-Amz-Content-Sha256` with the body's SHA-256 hex, `UNSIGNED-PAYLOAD`, or the streaming value your library supports, and include it in `SignedHeaders`; S3 SDKs do this.",
        owner: "For S3-compatible servers you run, check that the server's error message for this case is clear; in front of S3, check no proxy strips `x-amz-*` headers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SessionTokenMissing,
        meaning: "The access key id starts with `ASIA`, which marks temporary credentials from AWS STS, but the request has no `X-Amz-Security-Token` header or query parameter.",
        why: "Temporary access keys are valid only together with their session token, so AWS treats the key as unknown (`InvalidAccessKeyId` or `The security token included in the request is invalid`) and refuses the request.",
        caller: "Pass the session token along with the key and secret (`AWS_SESSION_TOKEN`, `aws_session_token` in the profile, or the SDK's credential provider) and sign `x-amz-security-token` with the request.",
        owner: "In CloudTrail or the error body, failures of this kind show an invalid or missing token; if a gateway forwards requests, check it keeps `X-Amz-Security-Token`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SignatureMismatch,
        meaning: "With the secret access key supplied, the engine recomputed the signature for the captured request and got a different value; where one alternative (path encoded once or twice, unsorted query, hash of the body, `UNSIGNED-PAYLOAD`) reproduces it, the message names it.",
        why: "AWS performs the same computation and answers `SignatureDoesNotMatch` (403) when the values differ, which happens when the client canonicalized the request differently, the request changed after signing, or the secret is not the one of this key.",
        caller: "If the message names an alternative, fix that canonicalization step (or use an SDK that handles it); otherwise check that the secret belongs to the access key id and that no header, path or body changes after signing.",
        owner: "Compare the `CanonicalRequest` and `StringToSign` in the `SignatureDoesNotMatch` error with the client's; if a proxy is in front, check whether it alters the path encoding, query or headers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SignatureVerified,
        meaning: "With the secret access key supplied, the engine recomputed the signature for the captured request and it equals the one sent: the request was signed correctly with this secret.",
        why: "This is a note: a correct signature rules out canonicalization and the secret as the cause, so a refusal comes from elsewhere, such as the clock, the region, an expired or revoked key, a missing session token, or an IAM policy that denies the action (which gives 403 `AccessDenied`).",
        caller: "If the request was still refused, read the other findings and the error code; `AccessDenied` means the identity lacks permission, so check the IAM policy, bucket policy or SCP.",
        owner: "Check CloudTrail or the service log for the request; when the signature is right, the rejection reason there is an authorization or key-state issue, not signing.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4CanonicalRequestDiffers,
        meaning: "The server's error body quotes a `CanonicalRequest` or `StringToSign`, and it differs from the one the engine rebuilds from the captured request; each finding names one part that differs.",
        why: "The server signs its own canonical text, so any difference means the client signed something else and the signature cannot match; the differing part (method, path, query, headers, signed list, payload hash, time or scope) shows where the client's canonicalization went wrong.",
        caller: "Fix the part named, for example path encoding, query parameter ordering and encoding, header value trimming or the payload hash, or sign with an SDK; then sign again just before sending.",
        owner: "The `CanonicalRequest` in the error response is what the service saw; if it differs from what the client sent, look for a proxy that rewrites the path, query or headers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4CanonicalRequestAgrees,
        meaning: "The server's quoted `CanonicalRequest` is identical to the one the engine rebuilds from the captured request, yet the signature was refused; with a secret supplied, the message says whether the secret reproduces the signature.",
        why: "When both sides agree on the canonical text, the mismatch lies in the signing itself: the client signed different text than it sent, or used a secret that AWS does not hold for this key (rotated, or from another account).",
        caller: "Check that the secret access key is the one paired with the access key id (`aws sts get-caller-identity` with the same profile), and that the client signs the request it actually sends; supply the secret here to tell the two apart.",
        owner: "Check in IAM whether the access key was rotated or deactivated, and whether the key id belongs to the expected account.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4SignatureNotAsCaptured,
        meaning: "The `SignatureProvided` quoted in the server's error body is not the signature in the captured request.",
        why: "The server saw a different signature than the capture shows, so the capture is not the request that was refused (for example a retry, or a request re-signed by a proxy or SDK), and conclusions drawn from it may not apply.",
        caller: "Capture the exact request that produced this error (for example with the SDK's debug logging, or `curl -v`), and check whether a retry or proxy re-signs the request.",
        owner: "Check whether an intermediary re-signs requests with its own credentials; the error's `SignatureProvided` and request id identify the request the service saw.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SigV4AmzHeaderNotSigned,
        meaning: "An `x-amz-*` header is sent but not listed in `SignedHeaders`: for S3 any such header, elsewhere `x-amz-date` or `x-amz-content-sha256`.",
        why: "S3 requires every `x-amz-*` header in a header-signed request to be signed, and other services require the date and payload-hash headers to be signed, so the request is refused with an unsigned-header error or `SignatureDoesNotMatch`.",
        caller: "Add the header to `SignedHeaders` and the canonical headers before signing, or set it before the SDK signs the request, not afterwards.",
        owner: "The error body names the unsigned header; check whether a proxy adds `x-amz-*` headers after the client signed the request.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn scope(date: &str, region: &str, service: &str) -> Scope {
        Scope { key_id: "AKIDEXAMPLE".into(), date: date.into(), region: region.into(), service: service.into() }
    }

    #[test]
    fn documented_iam_example_signs_as_published() {
        // The IAM `ListUsers` example of the Signature V4 documentation (figures).
        let canonical = "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let s = scope("20150830", "us-east-1", "iam");
        let sts = string_to_sign("20150830T123600Z", &s, canonical);
        assert!(sts.ends_with("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"), "{sts}");
        assert_eq!(signature(SECRET, &s, &sts).as_deref(), Some("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"));
    }

    #[test]
    fn paths_are_encoded_twice_except_for_s3() {
        let table = [
            ("", false, "/"),
            ("/prod/items/blue%20shoes", false, "/prod/items/blue%2520shoes"),
            ("/prod/items/blue%20shoes", true, "/prod/items/blue%20shoes"),
            ("/a/./b/../c//d/", false, "/a/c/d/"),
            ("/a/./b/../c//d/", true, "/a/./b/../c//d/"),
            ("/photos/a%2Bb%3Dc%26d~%C3%BC.jpg", true, "/photos/a%2Bb%3Dc%26d~%C3%BC.jpg"),
            ("/photos/a+b%7e", true, "/photos/a%2Bb~"),
            ("/-._~", false, "/-._~"),
        ];
        for (path, s3, want) in table {
            assert_eq!(canonical_uri(path, s3), want, "{path:?} s3={s3}");
        }
    }

    #[test]
    fn queries_are_sorted_and_encoded() {
        let table = [
            ("size=42&color=dark%20blue&a=1", "a=1&color=dark%20blue&size=42"),
            ("b&a=", "a=&b="),
            ("x=%7e&x=a b", "x=a%20b&x=~"),
            ("X-Amz-Signature=abc&Z=1", "Z=1"),
            ("", ""),
        ];
        for (query, want) in table {
            assert_eq!(canonical_query(query), want, "{query:?}");
        }
    }

    #[test]
    fn authorization_shapes() {
        let good = "Credential=AKIDEXAMPLE/20251124/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=ea7b2ff57242c96e9deb36345bfa124d3be971a72cf3c2078d42fcf6bfa9c8ea";
        let table: [(&str, &[&str]); 7] = [
            (good, &[]),
            ("Credential=AKIDEXAMPLE/20251124/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date", &["AWS001"]),
            ("Credential=AKIDEXAMPLE/20251124/eu-west-1/s3, SignedHeaders=host, Signature=ea7b2ff57242c96e9deb36345bfa124d3be971a72cf3c2078d42fcf6bfa9c8ea", &["AWS002"]),
            ("Credential=AKIDEXAMPLE/2025-11-24/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=ea7b2ff57242c96e9deb36345bfa124d3be971a72cf3c2078d42fcf6bfa9c8ea", &["AWS002"]),
            ("Credential=AKIDEXAMPLE/20251124/eu-west-1/s3/aws4_request, SignedHeaders=x-amz-date;Host, Signature=ea7b2ff57242c96e9deb36345bfa124d3be971a72cf3c2078d42fcf6bfa9c8ea", &["AWS003"]),
            ("Credential=AKIDEXAMPLE/20251124/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=EA7B", &["AWS001"]),
            ("credential=AKIDEXAMPLE/20251124/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=ea7b2ff57242c96e9deb36345bfa124d3be971a72cf3c2078d42fcf6bfa9c8ea", &["AWS001", "AWS001"]),
        ];
        for (value, want) in table {
            let codes: Vec<&str> = header_findings(value).iter().map(|f| f.code.as_str()).collect();
            assert_eq!(codes, want, "{value:?}");
        }
        let (signed, _) = parse_authorization(good);
        assert!(!format!("{signed:?}").contains("ea7b2ff57242c96e"), "the signature prints redacted");
    }

    #[test]
    fn endpoints_name_their_region_and_service() {
        let table = [
            ("examplebucket.s3.eu-west-1.amazonaws.com", Some(("eu-west-1", "s3"))),
            ("examplebucket.s3.dualstack.eu-west-1.amazonaws.com", Some(("eu-west-1", "s3"))),
            ("examplebucket.s3-eu-west-1.amazonaws.com", Some(("eu-west-1", "s3"))),
            ("abc123.execute-api.eu-west-1.amazonaws.com:443", Some(("eu-west-1", "execute-api"))),
            ("sts.eu-west-1.amazonaws.com", Some(("eu-west-1", "sts"))),
            ("iam.amazonaws.com", Some(("us-east-1", "iam"))),
            ("email.us-east-1.amazonaws.com", Some(("us-east-1", "ses"))),
            ("runtime.sagemaker.us-east-1.amazonaws.com", Some(("us-east-1", "sagemaker"))),
            ("dynamodb.cn-north-1.amazonaws.com.cn", Some(("cn-north-1", "dynamodb"))),
            ("api.example.com", None),
        ];
        for (host, want) in table {
            let got = endpoint(host);
            let got = got.as_ref().map(|e| (e.region.as_deref().unwrap_or("?"), e.service.as_str()));
            assert_eq!(got, want, "{host}");
        }
        assert_eq!(endpoint("bucket.s3.amazonaws.com").and_then(|e| e.region), None, "S3's global name does not say the region");
    }

    #[test]
    fn amz_dates() {
        assert_eq!(parse_amz_date("20251124T155800Z"), Some(1_763_999_880));
        assert_eq!(amz_date(1_763_999_880).as_deref(), Some("20251124T155800Z"));
        for bad in ["20251124T1558Z", "2025112XT155800Z", "20251324T155800Z", "", "20251124t155800z"] {
            assert_eq!(parse_amz_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn error_bodies_are_read() {
        let s3 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>M &amp; N</Message><StringToSign>AWS4-HMAC-SHA256\n20251124T155800Z</StringToSign><CanonicalRequest>GET\n/a\n\nhost:x\n\nhost\nUNSIGNED-PAYLOAD</CanonicalRequest></Error>";
        let e = read_error(s3).unwrap_or_default();
        assert_eq!(e.code.as_deref(), Some("SignatureDoesNotMatch"));
        assert_eq!(e.message.as_deref(), Some("M & N"));
        assert_eq!(e.canonical_request.as_deref(), Some("GET\n/a\n\nhost:x\n\nhost\nUNSIGNED-PAYLOAD"));
        let json = r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'POST\n/\n\nhost:x\n\nhost\nabc'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20251124T155800Z\n20251124/us-east-1/dynamodb/aws4_request\ndef'\n"}"#;
        let e = read_error(json).unwrap_or_default();
        assert_eq!(e.code.as_deref(), Some("InvalidSignatureException"));
        assert_eq!(e.canonical_request.as_deref(), Some("POST\n/\n\nhost:x\n\nhost\nabc"));
        assert_eq!(e.string_to_sign.as_deref(), Some("AWS4-HMAC-SHA256\n20251124T155800Z\n20251124/us-east-1/dynamodb/aws4_request\ndef"));
        for odd in ["", "<Code>", "{", "<Code>&#xFFFFFFFF;&bogus;&</Code>", "{\"message\": 1}"] {
            let _ = read_error(odd);
        }
        assert_eq!(unescape("&#xFFFFFFFF;&bogus;&&lt;"), "&#xFFFFFFFF;&bogus;&<");
    }

    #[test]
    fn odd_requests_never_panic() {
        let auth = "Authorization: AWS4-HMAC-SHA256 Credential=ASIA/99999999/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
        let texts = [
            format!("GET /a/../../b?X-Amz-Expires=-1&X-Amz-Date=99991231T235959Z HTTP/1.1\nHost: x.s3.amazonaws.com\nX-Amz-Date: 99991399T996099Z\n{auth}\n\nbody"),
            format!("GET https://h HTTP/1.1\nDate: not a date\n{auth}\n"),
            format!("PUT ?%%%=%ff&& HTTP/1.1\nX-Amz-Content-Sha256: {}\n{auth}\n", "z".repeat(64)),
            "GET /?X-Amz-Algorithm=x&X-Amz-Signature=&X-Amz-Credential=a/b HTTP/1.1\nHost: h\n".to_string(),
            format!("POST / HTTP/1.1\nHost: ü.amazonaws.com:99\nX-Amz-Date: 20251124T155800Z\n{auth}\n\nGET\n\nHTTP/1.1 403 Forbidden\n\n<Code>x</Code><CanonicalRequest>\n\n\n</CanonicalRequest><ServerTime>bad</ServerTime><StringToSign>a</StringToSign><SignatureProvided>&#0;</SignatureProvided>"),
        ];
        for now in [i64::MIN, 0, 1_764_000_000, i64::MAX] {
            let ctx = Context::new(now).with_aws_secret("s");
            for text in &texts {
                let (messages, _) = crate::http::message::parse(text);
                let request = messages.iter().find(|m| m.is_request());
                let response = messages.iter().find(|m| !m.is_request());
                let _ = check(request, response, &ctx);
                let _ = request.map(rebuild);
            }
        }
        assert!(presigned_url("https://a.example/?X-Amz-Signature=1 and more").is_none());
        assert!(presigned_url("https://a.example/?X-Amz-Signature=1").is_some());
        assert!(presigned_url("ftp://a.example/?X-Amz-Signature=1").is_none());
    }

    #[test]
    fn differences_name_the_part() {
        let ours = "GET\n/a%2520b\nx=1&y=2\nhost:h\nx-amz-date:d\n\nhost;x-amz-date\nUNSIGNED-PAYLOAD";
        let server = "GET\n/a%20b\ny=2&x=1\nhost:h2\nx-amz-date:d\n\nhost;x-amz-date\nUNSIGNED-PAYLOAD";
        let d = differences(server, ours);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with("the path") && d[1].contains("another order") && d[2].contains("`host`"), "{d:?}");
        assert!(differences(ours, ours).is_empty());
    }
}
