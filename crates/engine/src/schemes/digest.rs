//! Digest access authentication (RFC 7616, which obsoletes RFC 2617).
//!
//! ```text
//! challenge   = "Digest" realm, nonce, [ domain ], [ opaque ], [ stale ], [ algorithm ],
//!               [ qop-options ], [ charset ], [ userhash ]
//! credentials = "Digest" username / username*, realm, nonce, uri, response, [ algorithm ],
//!               [ cnonce ], [ opaque ], [ qop ], [ nc ], [ userhash ]
//! response    = KD( H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2) )   (with qop)
//!             = KD( H(A1), nonce ":" H(A2) )                             (RFC 2069, without)
//! A1          = username ":" realm ":" password
//!             [ ":" nonce ":" cnonce ]   (hashed first, for the -sess algorithms)
//! A2          = method ":" uri [ ":" H(entity-body) ]   (the last part for qop=auth-int)
//! ```
//!
//! Example: `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html",
//! algorithm=SHA-256, nonce="7ypf/…", nc=00000001, cnonce="f2/wE4q…", qop=auth,
//! response="753927fa…", opaque="FQhe/qaU…"`.
//!
//! This module owns the Digest rules: what the credentials must hold on their own, how they
//! answer the challenge of the previous 401 and the request they travel on, and, given the
//! password, which input of the hash differs from what the client sent.

use crate::findings::{Code, Finding};
use crate::headers::www_authenticate::{self, Challenge};
use crate::http::message::{Message, StartLine};
use crate::steps::StepId;
use md5::Md5;
use sha2::{Digest as _, Sha256, Sha512_256};

/// Methods tried when the request's own method is unknown or does not reproduce the response.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The most Digest parameters read from one header; more is not a real header.
const MAX_PARAMS: usize = 64;

/// The hash function of an algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha256,
    Sha512_256,
}

impl Hash {
    const ALL: [Hash; 3] = [Hash::Md5, Hash::Sha256, Hash::Sha512_256];

    fn name(self) -> &'static str {
        match self {
            Hash::Md5 => "MD5",
            Hash::Sha256 => "SHA-256",
            Hash::Sha512_256 => "SHA-512-256",
        }
    }

    /// Hexadecimal digits of one digest.
    fn hex_len(self) -> usize {
        match self {
            Hash::Md5 => 32,
            Hash::Sha256 | Hash::Sha512_256 => 64,
        }
    }

    /// The digest of `data`, as lowercase hexadecimal (RFC 7616 §3.4.1).
    fn hex(self, data: &[u8]) -> String {
        let bytes: Vec<u8> = match self {
            Hash::Md5 => Md5::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha512_256 => Sha512_256::digest(data).to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A registered algorithm: a hash, and whether A1 is bound to the nonce (`-sess`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Algorithm {
    pub hash: Hash,
    pub sess: bool,
}

impl Algorithm {
    const MD5: Algorithm = Algorithm { hash: Hash::Md5, sess: false };

    /// An `algorithm` value, case-insensitively; `None` when it is not registered.
    pub fn parse(name: &str) -> Option<Algorithm> {
        let lower = name.trim().to_ascii_lowercase();
        let (base, sess) = match lower.strip_suffix("-sess") {
            Some(base) => (base, true),
            None => (lower.as_str(), false),
        };
        let hash = Hash::ALL.into_iter().find(|h| h.name().eq_ignore_ascii_case(base))?;
        Some(Algorithm { hash, sess })
    }

    pub fn name(self) -> String {
        if self.sess {
            format!("{}-sess", self.hash.name())
        } else {
            self.hash.name().to_string()
        }
    }

    fn all() -> impl Iterator<Item = Algorithm> {
        Hash::ALL.into_iter().flat_map(|hash| [Algorithm { hash, sess: false }, Algorithm { hash, sess: true }])
    }
}

/// What the response hash is computed from (everything but the password).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inputs {
    algorithm: Algorithm,
    username: String,
    realm: String,
    method: String,
    uri: String,
    nonce: String,
    cnonce: String,
    nc: String,
    qop: Option<String>,
    body: String,
    /// A1 written in ISO-8859-1 instead of UTF-8 (RFC 2617 clients do, RFC 7616 `charset=UTF-8`
    /// servers do not).
    latin1: bool,
}

impl Inputs {
    /// The `response` value these inputs and the password give.
    fn response(&self, password: &str) -> String {
        let h = |text: &str| self.algorithm.hash.hex(text.as_bytes());
        let a1 = format!("{}:{}:{}", self.username, self.realm, password);
        let mut ha1 = if self.latin1 {
            // A character beyond ISO-8859-1 cannot be written in it: such a variant never matches.
            let bytes: Vec<u8> = a1.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
            self.algorithm.hash.hex(&bytes)
        } else {
            h(&a1)
        };
        if self.algorithm.sess {
            ha1 = h(&format!("{ha1}:{}:{}", self.nonce, self.cnonce));
        }
        let ha2 = match self.qop.as_deref() {
            Some(q) if q.eq_ignore_ascii_case("auth-int") => h(&format!("{}:{}:{}", self.method, self.uri, h(&self.body))),
            _ => h(&format!("{}:{}", self.method, self.uri)),
        };
        match &self.qop {
            Some(qop) => h(&format!("{ha1}:{}:{}:{}:{qop}:{ha2}", self.nonce, self.nc, self.cnonce)),
            None => h(&format!("{ha1}:{}:{ha2}", self.nonce)),
        }
    }
}

/// A Digest challenge, read from its auth-params.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestChallenge {
    pub realm: Option<String>,
    pub nonce: Option<String>,
    pub opaque: Option<String>,
    pub stale: bool,
    /// The `qop` options, or `None` when the challenge offers none (RFC 2069 style).
    pub qop: Option<Vec<String>>,
    /// The `algorithm` as sent; absent means MD5.
    pub algorithm: Option<String>,
    pub userhash: bool,
    pub charset: Option<String>,
}

impl DigestChallenge {
    pub fn of(challenge: &Challenge) -> DigestChallenge {
        let flag = |name: &str| challenge.param(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        DigestChallenge {
            realm: challenge.param("realm").map(str::to_string),
            nonce: challenge.param("nonce").map(str::to_string),
            opaque: challenge.param("opaque").map(str::to_string),
            stale: flag("stale"),
            qop: challenge.param("qop").map(|q| crate::grammar::list(q).map(str::to_string).collect()),
            algorithm: challenge.param("algorithm").map(str::to_string),
            userhash: flag("userhash"),
            charset: challenge.param("charset").map(str::to_string),
        }
    }

    /// The challenged algorithm; MD5 when none is named, `None` when it is not registered.
    fn algorithm(&self) -> Option<Algorithm> {
        match &self.algorithm {
            Some(name) => Algorithm::parse(name),
            None => Some(Algorithm::MD5),
        }
    }

    fn algorithm_name(&self) -> &str {
        self.algorithm.as_deref().unwrap_or("MD5")
    }
}

/// Digest credentials, read from the `Authorization` value. The `response` is kept out of
/// every message: it can be attacked offline for the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestCredentials {
    params: Vec<(String, String)>,
}

impl DigestCredentials {
    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The user name: `username`, or `username*` decoded (RFC 8187).
    pub fn username(&self) -> Option<String> {
        self.param("username").map(str::to_string).or_else(|| self.param("username*").and_then(decode_ext_value))
    }

    fn algorithm_name(&self) -> &str {
        self.param("algorithm").unwrap_or("MD5")
    }

    fn userhash(&self) -> bool {
        self.param("userhash").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The hash inputs as the credentials state them, for this method and body.
    fn inputs(&self, method: &str, body: &str) -> Option<Inputs> {
        Some(Inputs {
            algorithm: Algorithm::parse(self.algorithm_name())?,
            username: self.username()?,
            realm: self.param("realm")?.to_string(),
            method: method.to_string(),
            uri: self.param("uri")?.to_string(),
            nonce: self.param("nonce")?.to_string(),
            cnonce: self.param("cnonce").unwrap_or("").to_string(),
            nc: self.param("nc").unwrap_or("").to_string(),
            qop: self.param("qop").filter(|q| !q.is_empty()).map(str::to_string),
            body: body.to_string(),
            latin1: false,
        })
    }
}

/// An RFC 8187 ext-value (`UTF-8''J%C3%A4s%C3%B8n`), decoded; `None` when it is not one.
fn decode_ext_value(value: &str) -> Option<String> {
    let mut parts = value.splitn(3, '\'');
    let charset = parts.next()?;
    let _language = parts.next()?;
    let encoded = parts.next()?;
    if !charset.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            // `i` indexes `bytes`, so these sums stay far below `usize::MAX`.
            let pair = bytes.get(i.saturating_add(1)..i.saturating_add(3))?;
            let text = std::str::from_utf8(pair).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i = i.saturating_add(3);
        } else {
            out.push(b);
            i = i.saturating_add(1);
        }
    }
    String::from_utf8(out).ok()
}

/// A value for a message: short ones whole, long ones by their ends.
fn shown(value: &str) -> String {
    crate::quote::ends(value, 20, 12)
}

fn is_hex(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reads the credentials of an `Authorization: Digest …` value; `None` when it is not Digest.
pub fn read_credentials(value: &str) -> Option<(DigestCredentials, Vec<Finding>)> {
    let (challenges, problems) = www_authenticate::parse(value.trim());
    let first = challenges.into_iter().next()?;
    if !first.scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    let mut findings = Vec::new();
    for p in problems.iter().filter(|p| !p.what.starts_with("`qop` has no value")).take(8) {
        findings.push(Finding::new(Code::DigestCredentialsMalformed, format!("At character {}: {}", p.at.saturating_add(1), p.what)));
    }
    let mut params = first.params;
    params.truncate(MAX_PARAMS);
    Some((DigestCredentials { params }, findings))
}

/// The checks the credentials allow on their own (no challenge, no request).
pub fn check_credentials(value: &str) -> Vec<Finding> {
    let Some((creds, mut findings)) = read_credentials(value) else {
        return Vec::new();
    };
    let has = |name: &str| creds.param(name).is_some();
    let mut missing: Vec<&str> = ["realm", "nonce", "uri", "response"].into_iter().filter(|n| !has(n)).collect();
    if !has("username") && !has("username*") {
        missing.insert(0, "username");
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
        findings.push(Finding::new(Code::DigestCredentialsIncomplete, format!("The Digest credentials have no {}", names.join(" or "))));
    }
    if has("username") && has("username*") {
        findings.push(Finding::new(Code::DigestCredentialsMalformed, "The credentials carry both `username` and `username*`; send only one"));
    }
    if let Some(encoded) = creds.param("username*") {
        if decode_ext_value(encoded).is_none() {
            findings.push(Finding::new(
                Code::DigestCredentialsMalformed,
                format!("`username*` is {}, not a UTF-8 ext-value such as `UTF-8''J%C3%A4s%C3%B8n`", shown(encoded)),
            ));
        }
    }
    if let Some(user) = creds.param("username").filter(|u| !u.is_ascii()) {
        findings.push(Finding::new(
            Code::DigestUsernameEncoding,
            format!("The user name {} is not ASCII: servers read `username` in different charsets, so send it as `username*`", shown(user)),
        ));
    }
    let algorithm = match creds.param("algorithm") {
        Some(name) => match Algorithm::parse(name) {
            Some(a) => Some(a),
            None => {
                findings.push(Finding::new(Code::DigestAlgorithmUnsupported, format!("The credentials name the algorithm {}", shown(name))));
                None
            }
        },
        None => Some(Algorithm::MD5),
    };
    if let (Some(algorithm), Some(response)) = (algorithm, creds.param("response")) {
        let want = algorithm.hash.hex_len();
        if response.len() != want || !is_hex(response) {
            findings.push(Finding::new(
                Code::DigestCredentialsMalformed,
                format!(
                    "`response` has {} characters{}; a {} response is {want} hexadecimal digits",
                    response.chars().count(),
                    if is_hex(response) { "" } else { " that are not all hexadecimal" },
                    algorithm.name()
                ),
            ));
        }
    }
    let (qop, nc, cnonce) = (creds.param("qop"), creds.param("nc"), creds.param("cnonce"));
    match qop {
        Some("") => findings.push(Finding::new(
            Code::DigestQopNotOffered,
            "`qop` is empty: send `qop=auth` (with `nc` and `cnonce`), or leave `qop` out when the challenge has none",
        )),
        Some(q) if !q.eq_ignore_ascii_case("auth") && !q.eq_ignore_ascii_case("auth-int") => {
            findings.push(Finding::new(Code::DigestQopNotOffered, format!("`qop` is {}; the credentials name one option, `auth` or `auth-int`", shown(q))))
        }
        _ => {}
    }
    let with_qop = qop.is_some_and(|q| !q.is_empty());
    let lacking: Vec<&str> = [("nc", nc), ("cnonce", cnonce)].into_iter().filter(|(_, v)| v.is_none()).map(|(n, _)| n).collect();
    if with_qop && !lacking.is_empty() {
        let names: Vec<String> = lacking.iter().map(|n| format!("`{n}`")).collect();
        findings.push(Finding::new(Code::DigestQopFieldsMismatch, format!("`qop` is sent but {} is missing", names.join(" and "))));
    } else if qop.is_none() && (nc.is_some() || cnonce.is_some()) {
        let sent: Vec<&str> = [("`nc`", nc), ("`cnonce`", cnonce)].into_iter().filter(|(_, v)| v.is_some()).map(|(n, _)| n).collect();
        // A -sess algorithm needs a cnonce even without qop; only nc is then out of place.
        let sess = algorithm.is_some_and(|a| a.sess);
        if !(sess && nc.is_none()) {
            findings.push(Finding::new(Code::DigestQopFieldsMismatch, format!("{} sent without `qop`: servers then hash without them", sent.join(" and "))));
        }
    }
    if algorithm.is_some_and(|a| a.sess) && cnonce.is_none() && !with_qop {
        findings.push(Finding::new(Code::DigestQopFieldsMismatch, "A `-sess` algorithm is named but `cnonce` is missing"));
    }
    if let Some(nc) = nc {
        if nc.len() != 8 || !is_hex(nc) {
            findings
                .push(Finding::new(Code::DigestCredentialsMalformed, format!("`nc` is {}; it is exactly 8 hexadecimal digits, such as `00000001`", shown(nc))));
        }
    }
    if creds.userhash() {
        if let (Some(algorithm), Some(user)) = (algorithm, creds.param("username")) {
            if user.len() != algorithm.hash.hex_len() || !is_hex(user) {
                findings.push(Finding::new(
                    Code::DigestCredentialsMalformed,
                    format!("`userhash=true` is sent, but `username` {} is not a {} hash of the user name and realm", shown(user), algorithm.hash.name()),
                ));
            }
        }
    }
    findings
}

/// The findings of one Digest challenge on its own.
pub fn check_challenge(challenge: &Challenge) -> Vec<Finding> {
    let digest = DigestChallenge::of(challenge);
    let mut findings = Vec::new();
    let missing: Vec<&str> = [("realm", &digest.realm), ("nonce", &digest.nonce)].into_iter().filter(|(_, v)| v.is_none()).map(|(n, _)| n).collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
        findings.push(Finding::new(Code::DigestChallengeIncomplete, format!("The Digest challenge has no {}", names.join(" or "))));
    }
    if digest.algorithm().is_none() {
        findings.push(Finding::new(Code::DigestAlgorithmUnsupported, format!("The challenge names the algorithm {}", shown(digest.algorithm_name()))));
    }
    if digest.stale {
        findings.push(Finding::new(
            Code::DigestNonceStale,
            format!(
                "The challenge says `stale=true`: the nonce expired, but the password was right; answer the new nonce {}",
                shown(digest.nonce.as_deref().unwrap_or(""))
            ),
        ));
    }
    findings
}

/// Where a scheme's challenge and credentials travel: to the origin server, or to a proxy.
#[derive(Debug, Clone, Copy)]
struct Channel {
    credentials: &'static str,
    challenge: &'static str,
    /// The status that refuses the credentials.
    refused: u16,
    /// The checklist step the challenge belongs to.
    step: StepId,
    /// Who asks for the credentials, for messages.
    who: &'static str,
}

const CHANNELS: [Channel; 2] = [
    Channel { credentials: "authorization", challenge: "www-authenticate", refused: 401, step: StepId::WwwAuthenticate, who: "server" },
    Channel { credentials: "proxy-authorization", challenge: "proxy-authenticate", refused: 407, step: StepId::NetworkPath, who: "proxy" },
];

/// The Digest challenges of a response.
fn challenges_of(response: &Message, channel: Channel) -> Vec<Challenge> {
    response.challenges(channel.challenge == "proxy-authenticate").iter().filter(|c| c.scheme.eq_ignore_ascii_case("digest")).take(16).cloned().collect()
}

/// The Digest credentials of a request, if it carries some.
fn credentials_of(request: &Message, channel: Channel) -> Option<DigestCredentials> {
    let value = request.header(channel.credentials)?;
    read_credentials(value).map(|(creds, _)| creds)
}

/// The request-target as the request line wrote it, in origin form (path and query).
fn request_target(request: &Message) -> Option<String> {
    let StartLine::Request { target, .. } = &request.start else {
        return None;
    };
    if target.starts_with("http://") || target.starts_with("https://") {
        let parsed = url::Url::parse(target).ok()?;
        let mut out = parsed.path().to_string();
        if let Some(q) = parsed.query() {
            out.push('?');
            out.push_str(q);
        }
        return Some(out);
    }
    Some(target.clone())
}

/// Percent-decoded, for comparing two spellings of one path.
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let pair = bytes.get(i.saturating_add(1)..i.saturating_add(3)).and_then(|p| std::str::from_utf8(p).ok()).and_then(|p| u8::from_str_radix(p, 16).ok());
        match (b, pair) {
            (b'%', Some(v)) => {
                out.push(v);
                i = i.saturating_add(3);
            }
            _ => {
                out.push(b);
                i = i.saturating_add(1);
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `uri` names the request-target: the same text, or its absolute form.
fn uri_is_target(uri: &str, target: &str) -> bool {
    if uri == target {
        return true;
    }
    match url::Url::parse(uri) {
        Ok(parsed) if uri.starts_with("http://") || uri.starts_with("https://") => {
            let mut origin_form = parsed.path().to_string();
            if let Some(q) = parsed.query() {
                origin_form.push('?');
                origin_form.push_str(q);
            }
            origin_form == target
        }
        _ => false,
    }
}

/// How the credentials answer the challenge and the request.
fn check_against(creds: &DigestCredentials, challenge: Option<&DigestChallenge>, target: Option<&str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let (Some(uri), Some(target)) = (creds.param("uri"), target) {
        if !uri_is_target(uri, target) {
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            if !query.is_empty() && (uri == path || uri_is_target(uri, path)) {
                findings.push(Finding::new(
                    Code::DigestUriMissingQuery,
                    format!("`uri` is {} but the request went to {}: the query string `?{query}` is missing", shown(uri), shown(target)),
                ));
            } else if decoded(uri) == decoded(target) {
                findings.push(Finding::new(
                    Code::DigestUriMismatch,
                    format!(
                        "`uri` is {} and the request-target {}: the same path, percent-encoded differently; servers compare the text",
                        shown(uri),
                        shown(target)
                    ),
                ));
            } else {
                findings.push(Finding::new(Code::DigestUriMismatch, format!("`uri` is {} but the request went to {}", shown(uri), shown(target))));
            }
        }
    }
    let Some(challenge) = challenge else {
        return findings;
    };
    let qop = creds.param("qop").filter(|q| !q.is_empty());
    match (&challenge.qop, qop) {
        (Some(offered), Some(sent)) if !offered.iter().any(|o| o.eq_ignore_ascii_case(sent)) => {
            let list: Vec<String> = offered.iter().map(|o| format!("`{o}`")).collect();
            findings.push(Finding::new(
                Code::DigestQopNotOffered,
                format!("`qop` is {} but the challenge offers {}", shown(sent), if list.is_empty() { "none".to_string() } else { list.join(", ") }),
            ));
        }
        (Some(offered), None) if !offered.is_empty() && creds.param("qop").is_none() => {
            let list: Vec<String> = offered.iter().map(|o| format!("`{o}`")).collect();
            findings.push(Finding::new(
                Code::DigestQopNotOffered,
                format!("The challenge offers `qop` {} but the credentials have none (the RFC 2069 form, which RFC 7616 servers refuse)", list.join(", ")),
            ));
        }
        (None, Some(sent)) => findings.push(Finding::new(
            Code::DigestQopNotOffered,
            format!("`qop` is {} but the challenge offers no `qop`: the server hashes without `nc` and `cnonce`", shown(sent)),
        )),
        _ => {}
    }
    let sent_alg = creds.algorithm_name();
    if challenge.algorithm().is_some() && !challenge.algorithm_name().eq_ignore_ascii_case(sent_alg) {
        findings.push(Finding::new(
            Code::DigestAlgorithmMismatch,
            format!("The credentials use {} but the challenge asks for {}", shown(sent_alg), shown(challenge.algorithm_name())),
        ));
    }
    if let (Some(want), Some(sent)) = (&challenge.realm, creds.param("realm")) {
        if want != sent {
            findings.push(Finding::new(Code::DigestRealmMismatch, format!("`realm` is {} but the challenge says {}", shown(sent), shown(want))));
        }
    }
    if let (Some(want), Some(sent)) = (&challenge.nonce, creds.param("nonce")) {
        if want != sent {
            findings.push(Finding::new(
                Code::DigestNonceMismatch,
                format!("`nonce` is {} but the challenge gave {}: the credentials answer another challenge", shown(sent), shown(want)),
            ));
        }
    }
    if let Some(want) = &challenge.opaque {
        match creds.param("opaque") {
            None => {
                findings.push(Finding::new(Code::DigestOpaqueMismatch, format!("The challenge has `opaque` {} but the credentials leave it out", shown(want))))
            }
            Some(sent) if sent != want => {
                findings.push(Finding::new(Code::DigestOpaqueMismatch, format!("`opaque` is {} but the challenge gave {}", shown(sent), shown(want))))
            }
            _ => {}
        }
    }
    if creds.userhash() && !challenge.userhash {
        findings.push(Finding::new(
            Code::DigestUserhashNotOffered,
            "The credentials say `userhash=true`, but the challenge does not offer it: the server looks the hash up as a user name",
        ));
    }
    findings
}

/// What recomputing the response with the password shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    /// The header's own inputs give its response.
    Matches,
    /// Only with this change to one input (described) does it match.
    MatchesWith(String),
    /// Nothing plausible matches.
    NoMatch,
    /// The response cannot be recomputed, and why.
    Cannot(String),
}

/// The plausible single changes to the inputs, each with a description of what the client did.
fn variants(base: &Inputs, creds: &DigestCredentials, challenge: Option<&DigestChallenge>, target: Option<&str>, method_known: bool) -> Vec<(String, Inputs)> {
    let mut out: Vec<(String, Inputs)> = Vec::new();
    let mut push = |what: String, inputs: Inputs| {
        if inputs != *base && !out.iter().any(|(_, i)| *i == inputs) {
            out.push((what, inputs));
        }
    };
    if let Some(target) = target {
        if target != base.uri {
            push(
                format!("the request-target {} is hashed instead of `uri` {}: the header and the request line disagree", shown(target), shown(&base.uri)),
                Inputs { uri: target.to_string(), ..base.clone() },
            );
        }
    }
    if let Some((path, _)) = base.uri.split_once('?') {
        push(format!("the path {} is hashed without its query string", shown(path)), Inputs { uri: path.to_string(), ..base.clone() });
    }
    for algorithm in Algorithm::all() {
        let challenged = challenge.and_then(DigestChallenge::algorithm) == Some(algorithm);
        let what = if challenged {
            format!("the response is hashed with the challenged {} although the header says {}", algorithm.name(), shown(creds.algorithm_name()))
        } else {
            format!("the response is hashed with {} although the header says {}", algorithm.name(), shown(creds.algorithm_name()))
        };
        push(what, Inputs { algorithm, ..base.clone() });
    }
    if let Some(challenge) = challenge {
        if let Some(realm) = challenge.realm.as_ref().filter(|r| **r != base.realm) {
            push(
                format!("the challenged realm {} is hashed, but the header says {}", shown(realm), shown(&base.realm)),
                Inputs { realm: realm.clone(), ..base.clone() },
            );
        }
        if let Some(nonce) = challenge.nonce.as_ref().filter(|n| **n != base.nonce) {
            push(
                format!("the challenged nonce {} is hashed, but the header says {}", shown(nonce), shown(&base.nonce)),
                Inputs { nonce: nonce.clone(), ..base.clone() },
            );
        }
    }
    for method in METHODS {
        if method != base.method {
            let what = if method_known {
                format!("the response is computed for `{method}`, but the request is `{}`", base.method)
            } else {
                format!("the response is computed for `{method}`")
            };
            push(what, Inputs { method: method.to_string(), ..base.clone() });
        }
    }
    let utf8 = challenge.and_then(|c| c.charset.as_deref()).is_some_and(|c| c.eq_ignore_ascii_case("utf-8"));
    push(
        if utf8 {
            "the user name and password are hashed as ISO-8859-1, although the challenge says `charset=UTF-8`".to_string()
        } else {
            "the user name and password are hashed as ISO-8859-1, not UTF-8".to_string()
        },
        Inputs { latin1: true, ..base.clone() },
    );
    if base.qop.is_some() {
        push("the response is computed without `qop`, `nc` and `cnonce` (the RFC 2069 form)".into(), Inputs { qop: None, ..base.clone() });
    } else if !base.cnonce.is_empty() && !base.nc.is_empty() {
        push("the response is computed with `qop=auth`, which the header leaves out".into(), Inputs { qop: Some("auth".into()), ..base.clone() });
    }
    out
}

/// Recomputes the response with the password: first from the header's own inputs, then with
/// each plausible change.
fn recompute(
    creds: &DigestCredentials,
    password: &str,
    method: Option<&str>,
    body: &str,
    challenge: Option<&DigestChallenge>,
    target: Option<&str>,
) -> Verdict {
    if creds.userhash() {
        return Verdict::Cannot("the user name is sent hashed (`userhash=true`), so the hash input is unknown".into());
    }
    let Some(sent) = creds.param("response").map(str::to_ascii_lowercase) else {
        return Verdict::Cannot("the credentials have no `response`".into());
    };
    if Algorithm::parse(creds.algorithm_name()).is_none() {
        return Verdict::Cannot(format!("the algorithm {} is not one this page computes", shown(creds.algorithm_name())));
    }
    let Some(base) = creds.inputs(method.unwrap_or("GET"), body) else {
        return Verdict::Cannot("the credentials lack a parameter the hash needs".into());
    };
    // A `response` that is not a whole hash was cut short or masked in the paste (DIG002 or
    // RED001 says so): it cannot show whether the password is right.
    if sent.len() != base.algorithm.hash.hex_len() || !sent.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Verdict::Cannot("the `response` is not a whole hash (cut short or masked in the paste)".into());
    }
    if base.response(password) == sent {
        return Verdict::Matches;
    }
    for (what, inputs) in variants(&base, creds, challenge, target, method.is_some()) {
        if inputs.response(password) == sent {
            if method.is_none() && inputs.method != base.method && inputs.uri == base.uri && inputs.algorithm == base.algorithm {
                // Without the request, a method that matches is simply the method it was for.
                return Verdict::Matches;
            }
            return Verdict::MatchesWith(what);
        }
    }
    Verdict::NoMatch
}

/// How the server answered the credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Accepted,
    Refused,
    /// Refused with `stale=true`: the response was right, the nonce too old.
    Stale,
    /// No answer in the input.
    Unknown,
}

/// The finding of a verdict.
fn verdict_finding(verdict: Verdict, user: &str, answer: Answer) -> Finding {
    match verdict {
        Verdict::Matches => {
            let tail = match answer {
                Answer::Refused => "; the refusal comes from another input (see the other findings), or the server stores another password",
                Answer::Stale => "; the server refused only the old nonce",
                Answer::Accepted => "; the server accepted them",
                Answer::Unknown => "",
            };
            Finding::new(Code::DigestResponseVerified, format!("With the password, the response recomputes from the header's own inputs: user {} and the password are right{tail}", shown(user)))
        }
        Verdict::MatchesWith(what) => Finding::new(Code::DigestResponseInputDiffers, format!("The response matches the password only when {what}")),
        // The server took the credentials: the password typed here is what differs, not the
        // client's.
        Verdict::NoMatch if answer == Answer::Accepted => Finding::new(
            Code::DigestResponseNotChecked,
            "The password given does not reproduce the response, but the server accepted the request: the password typed here is not the one the client used, and nothing needs fixing",
        ),
        Verdict::NoMatch => Finding::new(
            Code::DigestPasswordWrong,
            format!("With the password, no plausible set of inputs gives the response: the password (or the user name {}) is not the one the client used", shown(user)),
        ),
        Verdict::Cannot(why) => Finding::new(Code::DigestResponseNotChecked, format!("The response is not recomputed: {why}")),
    }
}

/// The password checks of credentials pasted on their own (no request, no challenge).
pub fn check_alone(value: &str, password: Option<&str>) -> (Vec<Finding>, Vec<StepId>) {
    let Some(password) = password else {
        return (Vec::new(), Vec::new());
    };
    let Some((creds, _)) = read_credentials(value) else {
        return (Vec::new(), Vec::new());
    };
    let verdict = recompute(&creds, password, None, "", None, None);
    let steps = if verdict == Verdict::Matches { vec![StepId::Account] } else { Vec::new() };
    (vec![verdict_finding(verdict, &creds.username().unwrap_or_default(), Answer::Unknown)], steps)
}

/// The Digest checks of every exchange: each request's credentials against the challenge of
/// the latest earlier 401 and against the request itself, the stale flag of its own answer,
/// and the response recomputed when the password is known.
pub fn check_exchanges(refs: &[(Option<&Message>, Option<&Message>)], password: Option<&str>) -> (Vec<(usize, Finding)>, Vec<StepId>) {
    let mut out = Vec::new();
    let mut steps = Vec::new();
    for channel in CHANNELS {
        check_channel(refs, password, channel, &mut out, &mut steps);
    }
    out.sort_by_key(|(e, _)| *e);
    (out, steps)
}

/// The Digest checks of one channel (origin or proxy) across the exchanges.
fn check_channel(
    refs: &[(Option<&Message>, Option<&Message>)],
    password: Option<&str>,
    channel: Channel,
    out: &mut Vec<(usize, Finding)>,
    steps: &mut Vec<StepId>,
) {
    let mut latest: Option<Vec<Challenge>> = None;
    // The (nonce, cnonce, nc) of each request's credentials so far, with its exchange.
    let mut used: Vec<(String, String, String, usize)> = Vec::new();
    for (e, (request, response)) in refs.iter().enumerate() {
        let creds = request.and_then(|r| credentials_of(r, channel));
        let answer = response.map(|r| challenges_of(r, channel)).unwrap_or_default();
        if let (Some(request), Some(creds)) = (request, &creds) {
            let target = request_target(request);
            // The challenge answered: of the latest Digest challenges, the one of the same algorithm.
            let challenge = latest.as_ref().and_then(|list| {
                let parsed: Vec<DigestChallenge> = list.iter().map(DigestChallenge::of).collect();
                let same = parsed.iter().position(|c| c.algorithm_name().eq_ignore_ascii_case(creds.algorithm_name()));
                same.or((!parsed.is_empty()).then_some(0)).and_then(|i| parsed.get(i).cloned())
            });
            let mut found = check_against(creds, challenge.as_ref(), target.as_deref());
            if let (Some(nonce), Some(cnonce), Some(nc)) = (creds.param("nonce"), creds.param("cnonce"), creds.param("nc")) {
                let key = (nonce.to_string(), cnonce.to_string(), nc.to_string());
                match used.iter().find(|(n, c, count, _)| (n, c, count) == (&key.0, &key.1, &key.2)) {
                    Some((_, _, _, earlier)) => found.push(Finding::new(
                        Code::DigestNonceCountReused,
                        format!(
                            "The credentials repeat the nonce, `cnonce` and `nc={nc}` of exchange {}: a server that tracks `nc` refuses them as a replay",
                            earlier.saturating_add(1)
                        ),
                    )),
                    None if used.len() < 1000 => used.push((key.0, key.1, key.2, e)),
                    None => {}
                }
            }
            if challenge.is_some() {
                steps.push(channel.step);
            }
            steps.push(StepId::AuthorizationHeader);
            out.extend(found.into_iter().map(|f| (e, f)));
            let stale = answer.iter().any(|c| DigestChallenge::of(c).stale);
            let answered = match response.and_then(|r| r.status()) {
                None => Answer::Unknown,
                Some(s) if s == channel.refused && stale => Answer::Stale,
                Some(s) if s == channel.refused => Answer::Refused,
                Some(_) => Answer::Accepted,
            };
            match password {
                Some(password) => {
                    let verdict = recompute(creds, password, Some(request.method()), &request.body, challenge.as_ref(), target.as_deref());
                    if verdict == Verdict::Matches {
                        steps.push(StepId::Account);
                    }
                    out.push((e, verdict_finding(verdict, &creds.username().unwrap_or_default(), answered)));
                }
                None if answered == Answer::Refused => out.push((
                    e,
                    Finding::new(
                        Code::DigestResponseNotChecked,
                        format!(
                            "The {} refused the Digest credentials; with the password this page can tell whether it or another input is wrong",
                            channel.who
                        ),
                    ),
                )),
                None => {}
            }
        } else if request.is_some() && !answer.is_empty() {
            // A request without credentials answered by a Digest challenge, then retried with
            // them: the usual first leg.
            let retried = refs.get(e.saturating_add(1)).and_then(|(next, _)| *next).is_some_and(|next| {
                credentials_of(next, channel).is_some() && request.is_some_and(|r| r.method() == next.method() && request_target(r) == request_target(next))
            });
            if retried {
                out.push((
                    e,
                    Finding::new(
                        Code::DigestHandshakeFirstLeg,
                        format!("Exchange {} got the Digest challenge and exchange {} answers it", e.saturating_add(1), e.saturating_add(2)),
                    ),
                ));
            }
        }
        if !answer.is_empty() {
            latest = Some(answer);
        }
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestCredentialsIncomplete,
        meaning: "The `Authorization: Digest` credentials lack at least one parameter every response needs: `username` (or `username*`), `realm`, `nonce`, `uri` or `response`; the message lists which.",
        why: "RFC 7616 §3.4 makes these parameters mandatory, and the server cannot look up the user, match the nonce or recompute the hash without them, so it refuses the credentials and sends a new challenge with the 401.",
        caller: "Let the HTTP client build the header from the challenge (for example `curl --digest -u user:pass`, or `HTTPDigestAuth` in Python `requests`) instead of assembling it by hand, and check that a proxy or logger does not truncate it.",
        owner: "Log which Digest parameters arrive when verification fails; a server that reports a parse error instead of a bare 401 makes a missing parameter obvious.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestCredentialsMalformed,
        meaning: "The Digest credentials do not parse cleanly or a parameter has the wrong form: a syntax error in the header, both `username` and `username*`, an invalid `username*` ext-value, a `response` of the wrong length or not hexadecimal, an `nc` that is not 8 hex digits, or `userhash=true` with a `username` that is not a hash.",
        why: "The server parses the parameters and compares the `response` digest exactly, so a header it cannot read, or a value in the wrong form, fails verification and the request is answered with a new 401 challenge.",
        caller: "Use the client library's Digest support rather than a hand-built header; if you must build it, send `response` as lowercase hex of the algorithm's length, `nc` as 8 hex digits such as `00000001`, and only one of `username` or `username*`.",
        owner: "Log the parser's error for refused Digest headers; check that no intermediary rewrites quoting or folds the header.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestUriMismatch,
        meaning: "The `uri` parameter in the Digest credentials names a different resource than the request line actually targets, or the same path percent-encoded differently.",
        why: "RFC 7616 §3.4.6 has the server check that `uri` names the request-target and answer 400 Bad Request when it does not; servers compare the text, and since `uri` is also hashed into A2, servers that skip that check compute another digest and answer 401.",
        caller: "Compute the credentials for the exact request-target you send, with the same encoding; when a redirect or a rewritten path changes the URL, answer the new challenge for the new URL rather than reusing the old header.",
        owner: "Check whether a proxy or rewrite rule changes the path or its encoding between client and verifier, and log both the request-target and the `uri` when they disagree.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestUriMissingQuery,
        meaning: "The Digest `uri` holds only the path, while the request-target also has a query string (`?…`).",
        why: "The server compares `uri` with the full request-target and hashes the full value, so credentials computed for the bare path do not match and the request gets a 401; some client libraries strip the query when they build `uri`.",
        caller: "Include the query string in `uri` exactly as it appears on the request line; upgrade or configure the Digest library so it uses the full request-target.",
        owner: "Log `uri` next to the request-target for failed Digest checks; if many older clients do this, consider whether the server's own comparison is consistent with how it hashes the target.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestQopNotOffered,
        meaning: "The `qop` in the credentials does not fit: it is empty or not `auth`/`auth-int`, it names an option the challenge did not offer, it is sent although the challenge offered no `qop`, or it is missing although the challenge offered one (the old RFC 2069 form).",
        why: "The choice of `qop` changes the hash inputs (with `qop`, `nc` and `cnonce` are hashed in), so when the client and the server disagree on it the digests differ, and RFC 7616 servers refuse credentials without `qop` outright; either way the answer is 401.",
        caller: "Send one `qop` value from the challenge's list, normally `qop=auth` with `nc` and `cnonce`, and only omit `qop` when the challenge has none; a current Digest client library does this automatically.",
        owner: "Check which `qop` values the challenge offers and whether the server accepts `auth` as well as `auth-int`; log the `qop` received when verification fails.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestQopFieldsMismatch,
        meaning: "The `qop`, `nc` and `cnonce` parameters do not belong together: `qop` is sent without `nc` or `cnonce`, `nc` or `cnonce` are sent without `qop`, or a `-sess` algorithm is named without a `cnonce`.",
        why: "With `qop` the response hash includes `nc` and `cnonce`, and a `-sess` algorithm hashes `cnonce` into A1, so a missing or superfluous value makes the server compute a different digest and refuse the request with 401.",
        caller: "Send `qop`, `nc` and `cnonce` together (for example `qop=auth, nc=00000001, cnonce=\"…\"`), or none of them when the challenge has no `qop`; with `-sess`, always send a `cnonce`.",
        owner: "Log the received `qop`, `nc` and `cnonce` for failed Digest checks; a server that reports which one is missing spares callers guesswork.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestAlgorithmMismatch,
        meaning: "The `algorithm` in the credentials (MD5 when absent) is not the one the challenge that they answer asked for.",
        why: "The algorithm decides how the response digest is computed, so the server, hashing with its own algorithm, gets a different value and refuses the credentials with 401; servers offering SHA-256 often still see clients defaulting to MD5.",
        caller: "Answer with the algorithm the challenge names; when several challenges are offered, pick one your client supports and send its `algorithm` value, for example `algorithm=SHA-256`.",
        owner: "Offer every algorithm you accept as a separate challenge, most preferred first (RFC 7616 §3.7), and log the algorithm received when verification fails.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestRealmMismatch,
        meaning: "The `realm` in the credentials differs from the `realm` of the challenge they answer.",
        why: "The realm is part of A1, the hash of user name, realm and password, and it selects the password store on the server, so a different realm produces a different digest and a 401.",
        caller: "Copy `realm` exactly from the latest challenge, including case and spaces; do not hard-code a realm, because the server may change it.",
        owner: "Keep the realm stable and check whether several servers behind one name announce different realms; log the realm received on failures.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestNonceMismatch,
        meaning: "The `nonce` in the credentials is not the nonce of the latest challenge in the capture: the client answers a different or older challenge.",
        why: "The server accepts only nonces it issued and still considers valid, and the nonce is hashed into the response, so an old or foreign nonce is refused with 401 (often with `stale=true` when only the nonce is at fault).",
        caller: "Use the nonce from the most recent `WWW-Authenticate` (or `Proxy-Authenticate`) challenge; when the server returns a new challenge, recompute the credentials instead of resending the cached header.",
        owner: "If requests are load-balanced, check that every node can validate nonces issued by the others (shared secret or sticky sessions); log why a nonce was rejected.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestNonceStale,
        meaning: "The Digest challenge carries `stale=true`: the server says the previous nonce has expired, but the credentials built with it were otherwise correct.",
        why: "A stale nonce is refused with 401 even though the password is right; RFC 7616 says the client should simply retry with the new nonce without asking the user again, so this becomes a failure only when the client does not retry.",
        caller: "Retry once with the new nonce from the challenge, recomputing the response, without prompting for a password; if a client loops on stale nonces, check its clock and caching.",
        owner: "Check the nonce lifetime; if it is very short or the nodes of a cluster disagree on nonce validity, clients see repeated `stale=true` challenges.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestOpaqueMismatch,
        meaning: "The challenge included an `opaque` value, but the credentials either leave it out or send a different value.",
        why: "RFC 7616 requires the client to return `opaque` unchanged; servers that keep state in it (or use it to route to the right node) refuse credentials without the right value and answer 401.",
        caller: "Return the `opaque` of the challenge you answer byte for byte; use the client library's Digest support, which does this.",
        owner: "Log when `opaque` is missing or does not match; if `opaque` is used for routing, check that the value the server sends is the one it expects back.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestAlgorithmUnsupported,
        meaning: "The challenge or the credentials name a Digest algorithm that the engine does not know, that is, not one of `MD5`, `SHA-256`, `SHA-512-256` or their `-sess` forms.",
        why: "A client that does not support the algorithm cannot answer, and a server that receives an unknown algorithm cannot verify the response, so the exchange ends in 401; a misspelled algorithm name has the same effect.",
        caller: "Use an algorithm that both sides support and spell it as RFC 7616 defines it (`SHA-256`, `MD5`, `SHA-512-256`, optionally with `-sess`); upgrade the client if it lacks SHA-256.",
        owner: "Offer an algorithm from the RFC 7616 registry, spelled exactly, and consider offering `SHA-256` and `MD5` as separate challenges for older clients.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestChallengeIncomplete,
        meaning: "The server's Digest challenge has no `realm` or no `nonce`.",
        why: "Both are required in the challenge (RFC 7616 §3.3) and both feed the response hash, so a client cannot build valid credentials and the request keeps failing with 401.",
        caller: "Nothing can be fixed on the client side except reporting the bad challenge; check that no proxy strips or truncates the `WWW-Authenticate` header.",
        owner: "Fix the server or proxy so that every Digest challenge sends `realm` and a fresh `nonce`; check the raw header leaving the server.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestResponseVerified,
        meaning: "With the password supplied, the engine recomputed the Digest response from the header's own inputs and got the same value: the user name and password are the ones the client hashed.",
        why: "This is a note: when it appears for a refused request, the cause is another input (such as `uri`, `nonce` or `realm`, see the other findings) or a server that stores a different password for the user; when the request was accepted or only the nonce was stale, there is nothing more to explain.",
        caller: "If the server still refused the request, look at the other Digest findings, answer the latest challenge, and confirm with the account owner that the stored password is the one you use.",
        owner: "When a correctly computed response is refused, check the stored password or HA1 for the user and realm, and whether the server computes A2 from the same target and method.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestResponseInputDiffers,
        meaning: "The recomputed Digest response matches the password only after changing one input, for example hashing the request-target instead of `uri`, the path without its query, another algorithm, realm, nonce or method, a different charset, or a different `qop` form; the message says which.",
        why: "The server hashes the header's inputs as sent, so a client that hashed a different value than it put in the header produces a response the server cannot reproduce, and the request is refused with 401.",
        caller: "Make the client hash exactly the values it sends in the header; the message names the input, so fix that one (for example the query string in `uri`, or `charset=UTF-8` encoding), or switch to a maintained Digest implementation.",
        owner: "Log the inputs your server hashes (not the password) for failed Digest checks, so the mismatching input can be seen from the server side too.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestPasswordWrong,
        meaning: "With the password supplied, no plausible combination of the header's inputs reproduces the `response` value: the password or the user name given to the engine is not the one the client used.",
        why: "The server computes the same hash from its stored password, so a response built with a wrong password (or for another user) never matches and every attempt is refused with 401.",
        caller: "Check the user name and password the client actually sends (environment variables, config files, keychain entries), including trailing spaces and the keyboard layout, and retry.",
        owner: "Check the account in the user store for the realm (disabled, password changed, different realm), and the failed-login log for the user name.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestResponseNotChecked,
        meaning: "The engine did not recompute the Digest response: either no password was given while the server refused the credentials, or the response cannot be computed (no `response`, a `response` cut short or masked in the paste, an unknown algorithm, a missing input, or a hashed user name), or the password given does not reproduce a response the server accepted (so the password typed is not the client's); the message says which.",
        why: "This is a note: it matters when the refusal is not explained by other findings, because only the recomputed hash tells a wrong password from a wrong input; it does not matter when another finding already explains the 401.",
        caller: "Run the analysis again with the password (it stays on this machine) to learn whether the password or another input is wrong; otherwise, fix the other Digest findings first.",
        owner: "Check the server's failed-authentication log for the user and the reason; it can distinguish an unknown user or wrong password from a nonce or `uri` problem.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestHandshakeFirstLeg,
        meaning: "A request without Digest credentials received a Digest challenge, and the next request repeats the same method and target with credentials: this is the normal first leg of the handshake.",
        why: "This first 401 is expected and is not a failure; it matters only if the second request is refused too, in which case the findings about that request explain why.",
        caller: "Nothing to change for this leg; to avoid the extra round trip, a client can reuse a valid nonce for later requests with increasing `nc`.",
        owner: "Nothing is wrong here; the access log will show each protected request as a 401 followed by a 2xx, which is normal for Digest.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestUserhashNotOffered,
        meaning: "The credentials say `userhash=true`, but the challenge they answer does not offer `userhash`.",
        why: "A server that did not offer `userhash` reads `username` as a plain user name, so the hash is treated as an unknown user and the request is refused with 401.",
        caller: "Send the plain user name (or `username*`) and `userhash=false`, unless the challenge contains `userhash=true`.",
        owner: "If you want hashed user names, add `userhash=true` to the challenge and support the lookup described in RFC 7616 §3.4.4; otherwise log unknown-user failures to see these clients.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestUsernameEncoding,
        meaning: "The `username` parameter contains non-ASCII characters sent as plain quoted text.",
        why: "RFC 7616 wants non-ASCII user names in `username*` (RFC 5987 encoding); servers decode the plain parameter in different charsets, so the user may not be found or the hash may differ, giving a 401 for users with such names only.",
        caller: "Send `username*=UTF-8''…` with the percent-encoded UTF-8 name instead of `username`, or use a client library that does this; check that the challenge's `charset=UTF-8` is honoured.",
        owner: "Announce `charset=UTF-8` in the challenge and accept `username*`; log the decoded user name of failed attempts to see encoding damage.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DigestNonceCountReused,
        meaning: "Two requests in the capture send the same `nonce`, `cnonce` and `nc` combination; the message names the earlier exchange.",
        why: "RFC 7616 lets the server track `nc` per nonce to detect replays, so a repeated count is treated as a replay and refused with 401, even though the hash is correct.",
        caller: "Increase `nc` for every request made with the same nonce (`00000001`, `00000002`, …) or use a fresh `cnonce`; do not cache and resend a complete Digest header.",
        owner: "Log replay rejections separately from wrong passwords; if a retrying proxy resends requests, check that it does not replay Digest headers.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::too_many_arguments)] // one argument per Digest input, as RFC 7616 lists them
    fn inputs(alg: &str, user: &str, realm: &str, method: &str, uri: &str, nonce: &str, nc: &str, cnonce: &str, qop: Option<&str>) -> Inputs {
        Inputs {
            algorithm: Algorithm::parse(alg).unwrap(),
            username: user.into(),
            realm: realm.into(),
            method: method.into(),
            uri: uri.into(),
            nonce: nonce.into(),
            cnonce: cnonce.into(),
            nc: nc.into(),
            qop: qop.map(str::to_string),
            body: String::new(),
            latin1: false,
        }
    }

    /// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
    #[test]
    fn rfc7616_vectors() {
        let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let md5 = inputs("MD5", "Mufasa", "http-auth@example.org", "GET", "/dir/index.html", nonce, "00000001", cnonce, Some("auth"));
        assert_eq!(md5.response("Circle of Life"), "8ca523f5e9506fed4657c9700eebdbec");
        let sha = Inputs { algorithm: Algorithm::parse("SHA-256").unwrap(), ..md5.clone() };
        assert_eq!(sha.response("Circle of Life"), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    /// RFC 2617 §3.5 (its published response assumes `qop=auth` with these values).
    #[test]
    fn rfc2617_vector() {
        let i =
            inputs("MD5", "Mufasa", "testrealm@host.com", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", Some("auth"));
        assert_eq!(i.response("Circle Of Life"), "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn algorithms_parse_case_insensitively() {
        let table = [
            ("MD5", Some("MD5")),
            ("md5-sess", Some("MD5-sess")),
            ("SHA-256", Some("SHA-256")),
            ("sha-512-256-SESS", Some("SHA-512-256-sess")),
            ("SHA-512", None),
            ("SHA256", None),
            ("", None),
        ];
        for (name, want) in table {
            assert_eq!(Algorithm::parse(name).map(Algorithm::name).as_deref(), want, "{name}");
        }
    }

    fn codes(value: &str) -> Vec<&'static str> {
        check_credentials(value).iter().map(|f| f.code.as_str()).collect()
    }

    const GOOD: &str = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

    #[test]
    fn credentials_alone_faults() {
        assert_eq!(codes(GOOD), Vec::<&str>::new());
        let table: [(&str, &str, &[&str]); 10] = [
            (r#"uri="/dir/index.html", "#, "", &["DIG001"]),
            ("nc=00000001, ", "", &["DIG006"]),
            ("qop=auth, ", "qop=, ", &["DIG005"]),
            ("qop=auth, ", "qop=auth-conf, ", &["DIG005"]),
            ("qop=auth, ", "", &["DIG006"]),
            ("nc=00000001", "nc=1", &["DIG002"]),
            ("algorithm=MD5", "algorithm=SHA-1", &["DIG012"]),
            ("algorithm=MD5", "algorithm=SHA-256", &["DIG002"]),
            (r#"username="Mufasa""#, r#"username="Jäsøn""#, &["DIG020"]),
            (r#"username="Mufasa""#, r#"username="Mufasa", username*=UTF-8''Mufasa"#, &["DIG002"]),
        ];
        for (from, to, want) in table {
            let value = GOOD.replacen(from, to, 1);
            assert_eq!(codes(&value), want, "{value}");
        }
        assert!(codes("Bearer abc").is_empty(), "other schemes are not read here");
    }

    #[test]
    fn username_star_is_decoded() {
        assert_eq!(decode_ext_value("UTF-8''J%C3%A4s%C3%B8n%20Doe").as_deref(), Some("Jäsøn Doe"));
        assert_eq!(decode_ext_value("UTF-8''bad%zz"), None);
        assert_eq!(decode_ext_value("UTF-8''cut%C"), None);
        assert_eq!(decode_ext_value("plain"), None);
    }

    #[test]
    fn the_password_says_which_input_differs() {
        let (creds, _) = read_credentials(GOOD).unwrap();
        let challenge = DigestChallenge {
            realm: Some("http-auth@example.org".into()),
            nonce: Some("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into()),
            opaque: None,
            stale: false,
            qop: Some(vec!["auth".into()]),
            algorithm: Some("MD5".into()),
            userhash: false,
            charset: None,
        };
        let run = |password: &str, method: &str, target: &str| recompute(&creds, password, Some(method), "", Some(&challenge), Some(target));
        assert_eq!(run("Circle of Life", "GET", "/dir/index.html"), Verdict::Matches);
        assert_eq!(run("Circle of life", "GET", "/dir/index.html"), Verdict::NoMatch);
        let Verdict::MatchesWith(what) = run("Circle of Life", "POST", "/dir/index.html") else { panic!("a method change is found") };
        assert!(what.contains("`GET`"), "{what}");
        // The client wrote another uri into the header than it hashed.
        let (moved, _) = read_credentials(&GOOD.replace(r#"uri="/dir/index.html""#, r#"uri="/dir/other.html""#)).unwrap();
        let Verdict::MatchesWith(what) = recompute(&moved, "Circle of Life", Some("GET"), "", Some(&challenge), Some("/dir/index.html")) else {
            panic!("the request-target is found")
        };
        assert!(what.contains("request-target"), "{what}");
        // The header names SHA-256 but the MD5 hash was sent: the length is wrong, and the hash is named.
        let (relabelled, _) = read_credentials(&GOOD.replace("algorithm=MD5", "algorithm=MD5-sess")).unwrap();
        let Verdict::MatchesWith(what) = recompute(&relabelled, "Circle of Life", Some("GET"), "", Some(&challenge), Some("/dir/index.html")) else {
            panic!("the algorithm is found")
        };
        assert!(what.contains("challenged MD5"), "{what}");
    }

    #[test]
    fn nothing_panics_on_odd_values() {
        for value in [
            "Digest",
            "Digest ,,,",
            "Digest username=",
            "Digest nc=\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "Digest username*=UTF-8''%",
            "Digest \"",
            "Digest a=b=c",
        ] {
            let _ = check_credentials(value);
            let _ = check_alone(value, Some("x"));
        }
    }
}
