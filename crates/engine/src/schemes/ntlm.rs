//! NTLM messages (MS-NLMP §2.2) as HTTP carries them: `Authorization: NTLM <base64>` and
//! `WWW-Authenticate: NTLM <base64>` (MS-NTHT), or wrapped in SPNEGO under `Negotiate`.
//!
//! ```text
//! NEGOTIATE_MESSAGE     (type 1)  client → server  flags, domain and workstation hints
//! CHALLENGE_MESSAGE     (type 2)  server → client  flags, target name, 8-byte challenge, target info
//! AUTHENTICATE_MESSAGE  (type 3)  client → server  LM and NT responses, domain, user, workstation
//! ```
//!
//! Decoding never fails: a message that cannot be read gives a [`Problem`]. Responses and
//! session keys are credentials and are held as [`SecretBytes`]; user, domain and workstation
//! names may be shown. With the user's password the response is recomputed — NTLMv2 (MS-NLMP
//! §3.3.2) and NTLMv1 with or without extended session security (§3.3.1) — to say whether the
//! password is what is wrong.

use crate::findings::{Code, Finding};
use crate::secret::{Secret, SecretBytes};
use base64::Engine;
use hmac::{Hmac, Mac};

/// The longest message read, in bytes: real ones are well under 4 KB.
const MAX_MESSAGE: usize = 64 * 1024;
/// The most target-information pairs read.
const MAX_PAIRS: usize = 64;

/// Negotiate flags (MS-NLMP §2.2.2.5) with the names shown in messages.
const FLAGS: [(u32, &str); 20] = [
    (0x0000_0001, "UNICODE"),
    (0x0000_0002, "OEM"),
    (0x0000_0004, "REQUEST_TARGET"),
    (0x0000_0010, "SIGN"),
    (0x0000_0020, "SEAL"),
    (0x0000_0080, "LM_KEY"),
    (0x0000_0200, "NTLM"),
    (0x0000_0800, "ANONYMOUS"),
    (0x0000_1000, "OEM_DOMAIN_SUPPLIED"),
    (0x0000_2000, "OEM_WORKSTATION_SUPPLIED"),
    (0x0000_8000, "ALWAYS_SIGN"),
    (0x0001_0000, "TARGET_TYPE_DOMAIN"),
    (0x0002_0000, "TARGET_TYPE_SERVER"),
    (0x0008_0000, "EXTENDED_SESSIONSECURITY"),
    (0x0010_0000, "IDENTIFY"),
    (0x0080_0000, "TARGET_INFO"),
    (0x0200_0000, "VERSION"),
    (0x2000_0000, "128"),
    (0x4000_0000, "KEY_EXCH"),
    (0x8000_0000, "56"),
];

const UNICODE: u32 = 0x0000_0001;
const ANONYMOUS: u32 = 0x0000_0800;
const EXTENDED_SESSION_SECURITY: u32 = 0x0008_0000;

/// The flag names set in `flags`, in bit order.
pub fn flag_names(flags: u32) -> Vec<&'static str> {
    FLAGS.iter().filter(|(bit, _)| flags & bit != 0).map(|(_, name)| *name).collect()
}

/// One entry of a challenge's target information (MS-NLMP §2.2.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvPair {
    NbComputer(String),
    NbDomain(String),
    DnsComputer(String),
    DnsDomain(String),
    DnsTree(String),
    Flags(u32),
    Timestamp(u64),
    /// The service principal the client meant (`HTTP/host`).
    TargetName(String),
    ChannelBindings,
    Other(u16),
}

/// A client's NTLM response (MS-NLMP §2.2.2.6, §2.2.2.8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseKind {
    /// No NT response: anonymous, or an LM response only.
    None,
    /// A 24-byte NTLMv1 response.
    V1,
    /// NTLMv1 with extended session security (NTLM2 session response): still v1 to servers
    /// that require v2.
    V1SessionSecurity,
    /// An NTLMv2 response (a 16-byte proof and the client's blob).
    V2,
}

impl ResponseKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ResponseKind::None => "no NT response",
            ResponseKind::V1 => "an NTLMv1 response",
            ResponseKind::V1SessionSecurity => "an NTLMv1 response (with extended session security)",
            ResponseKind::V2 => "an NTLMv2 response",
        }
    }
}

/// A decoded NTLM message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Negotiate {
        flags: u32,
        domain: String,
        workstation: String,
    },
    Challenge {
        flags: u32,
        target: String,
        challenge: [u8; 8],
        target_info: Vec<AvPair>,
    },
    Authenticate {
        flags: u32,
        lm: SecretBytes,
        nt: SecretBytes,
        domain: String,
        user: String,
        workstation: String,
        kind: ResponseKind,
        /// Whether an encrypted session key was sent.
        session_key: bool,
        /// The target information inside an NTLMv2 blob.
        target_info: Vec<AvPair>,
    },
}

impl Message {
    pub fn kind(&self) -> u8 {
        match self {
            Message::Negotiate { .. } => 1,
            Message::Challenge { .. } => 2,
            Message::Authenticate { .. } => 3,
        }
    }
}

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut out = [0u8; 4];
    out.copy_from_slice(s);
    Some(u32::from_le_bytes(out))
}

/// The bytes a `(length, max length, offset)` field points at.
fn field<'a>(b: &'a [u8], at: usize, name: &str) -> Result<&'a [u8], Problem> {
    let (Some(len), Some(offset)) = (u16_at(b, at), at.checked_add(4).and_then(|o| u32_at(b, o))) else {
        return Err(Problem(format!("the message ends before its {name} field")));
    };
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let end = start.saturating_add(usize::from(len));
    if len == 0 {
        return Ok(&[]);
    }
    b.get(start..end)
        .ok_or_else(|| Problem(format!("its {name} points past the end of the message ({len} bytes at offset {offset}, message of {} bytes)", b.len())))
}

fn text(bytes: &[u8], unicode: bool) -> String {
    if unicode {
        let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_le_bytes([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn av_pairs(bytes: &[u8]) -> Vec<AvPair> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while out.len() < MAX_PAIRS {
        let (Some(id), Some(len)) = (u16_at(bytes, at), at.checked_add(2).and_then(|o| u16_at(bytes, o))) else {
            break;
        };
        // The value follows the four bytes of id and length; a sum that overflows ends the list
        // as a value past the end does.
        let Some((start, end)) = at.checked_add(4).and_then(|start| Some((start, start.checked_add(usize::from(len))?))) else {
            break;
        };
        let Some(value) = bytes.get(start..end) else {
            break;
        };
        let name = || text(value, true);
        out.push(match id {
            0 => break,
            1 => AvPair::NbComputer(name()),
            2 => AvPair::NbDomain(name()),
            3 => AvPair::DnsComputer(name()),
            4 => AvPair::DnsDomain(name()),
            5 => AvPair::DnsTree(name()),
            6 => AvPair::Flags(u32_at(value, 0).unwrap_or(0)),
            7 => AvPair::Timestamp(u64::from(u32_at(value, 0).unwrap_or(0)) | (u64::from(u32_at(value, 4).unwrap_or(0)) << 32)),
            9 => AvPair::TargetName(name()),
            10 => AvPair::ChannelBindings,
            other => AvPair::Other(other),
        });
        at = end;
    }
    out
}

/// Decodes a message from its bytes.
pub fn decode(b: &[u8]) -> Result<Message, Problem> {
    if b.len() > MAX_MESSAGE {
        return Err(Problem(format!("it is {} bytes long, far more than an NTLM message", b.len())));
    }
    if !b.starts_with(b"NTLMSSP\0") {
        return Err(Problem("it does not start with the `NTLMSSP` signature".into()));
    }
    let kind = u32_at(b, 8).ok_or_else(|| Problem("it ends before its message type".into()))?;
    match kind {
        1 => {
            let flags = u32_at(b, 12).ok_or_else(|| Problem("the negotiate message ends before its flags".into()))?;
            // Version 1 clients (curl, older Windows) stop after the flags or leave the fields empty.
            let domain = if b.len() >= 24 { field(b, 16, "domain")? } else { &[] };
            let workstation = if b.len() >= 32 { field(b, 24, "workstation")? } else { &[] };
            Ok(Message::Negotiate { flags, domain: text(domain, false), workstation: text(workstation, false) })
        }
        2 => {
            let flags = u32_at(b, 20).ok_or_else(|| Problem("the challenge message ends before its flags".into()))?;
            let target = field(b, 12, "target name")?;
            let mut challenge = [0u8; 8];
            challenge.copy_from_slice(b.get(24..32).ok_or_else(|| Problem("the challenge message ends before its challenge".into()))?);
            let info = if b.len() >= 48 { field(b, 40, "target information")? } else { &[] };
            Ok(Message::Challenge { flags, target: text(target, flags & UNICODE != 0), challenge, target_info: av_pairs(info) })
        }
        3 => {
            let flags = u32_at(b, 60).ok_or_else(|| Problem("the authenticate message ends before its flags".into()))?;
            let unicode = flags & UNICODE != 0;
            let lm = field(b, 12, "LM response")?;
            let nt = field(b, 20, "NT response")?;
            let domain = text(field(b, 28, "domain")?, unicode);
            let user = text(field(b, 36, "user name")?, unicode);
            let workstation = text(field(b, 44, "workstation")?, unicode);
            let session_key = !field(b, 52, "session key")?.is_empty();
            let kind = match nt.len() {
                0 => ResponseKind::None,
                24 if flags & EXTENDED_SESSION_SECURITY != 0 => ResponseKind::V1SessionSecurity,
                24 => ResponseKind::V1,
                n if n > 48 => ResponseKind::V2,
                n => return Err(Problem(format!("its NT response is {n} bytes: neither NTLMv1 (24) nor NTLMv2 (more than 48)"))),
            };
            let target_info = if kind == ResponseKind::V2 { av_pairs(nt.get(44..).unwrap_or_default()) } else { Vec::new() };
            Ok(Message::Authenticate {
                flags,
                lm: SecretBytes::new(lm.to_vec()),
                nt: SecretBytes::new(nt.to_vec()),
                domain,
                user,
                workstation,
                kind,
                session_key,
                target_info,
            })
        }
        other => Err(Problem(format!("its message type is {other}, not 1, 2 or 3"))),
    }
}

/// Decodes base64 text (what follows `NTLM ` or `Negotiate `).
pub fn decode_base64(credentials: &str) -> Result<Vec<u8>, Problem> {
    let trimmed = credentials.trim();
    if trimmed.len() > MAX_MESSAGE * 2 {
        return Err(Problem("it is far longer than an NTLM or Negotiate token".into()));
    }
    base64::engine::general_purpose::STANDARD
        .decode(trimmed)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(trimmed.trim_end_matches('=')))
        .map_err(|e| Problem(format!("it is not base64 ({e})")))
}

fn names(pairs: &[AvPair]) -> Vec<String> {
    pairs
        .iter()
        .filter_map(|p| match p {
            AvPair::NbComputer(v) => Some(format!("computer `{v}`")),
            AvPair::NbDomain(v) => Some(format!("domain `{v}`")),
            AvPair::DnsComputer(v) => Some(format!("DNS computer `{v}`")),
            AvPair::DnsDomain(v) => Some(format!("DNS domain `{v}`")),
            AvPair::TargetName(v) => Some(format!("target `{v}`")),
            AvPair::ChannelBindings => Some("channel bindings".into()),
            _ => None,
        })
        .collect()
}

/// A one-line description of a message (no secrets in it).
pub fn describe(message: &Message) -> String {
    match message {
        Message::Negotiate { flags, domain, workstation } => {
            let mut out = format!("NTLM negotiate message (type 1), flags {}", flag_names(*flags).join(" "));
            if !domain.is_empty() {
                out.push_str(&format!(", domain `{domain}`"));
            }
            if !workstation.is_empty() {
                out.push_str(&format!(", workstation `{workstation}`"));
            }
            out
        }
        Message::Challenge { flags, target, target_info, .. } => {
            let info = names(target_info);
            let info = if info.is_empty() { String::new() } else { format!("; target info: {}", info.join(", ")) };
            format!("NTLM challenge message (type 2) from target `{target}`, flags {}{info}", flag_names(*flags).join(" "))
        }
        Message::Authenticate { flags, domain, user, workstation, kind, .. } => {
            let who = if user.is_empty() {
                "an anonymous user".to_string()
            } else if domain.is_empty() {
                format!("user `{user}`")
            } else {
                format!("user `{domain}\\{user}`")
            };
            let ws = if workstation.is_empty() { String::new() } else { format!(" on workstation `{workstation}`") };
            format!("NTLM authenticate message (type 3) for {who}{ws}, {}, flags {}", kind.as_str(), flag_names(*flags).join(" "))
        }
    }
}

/// The findings of one NTLM message carried in a header (decoded or not).
pub fn findings(message: &Result<Message, Problem>) -> Vec<Finding> {
    let mut out = Vec::new();
    match message {
        Err(Problem(why)) => out.push(Finding::new(Code::NtlmTokenUnreadable, format!("The NTLM message cannot be read: {why}"))),
        Ok(m) => {
            out.push(Finding::new(Code::NtlmMessageDecoded, describe(m)));
            if let Message::Authenticate { flags, user, kind, .. } = m {
                if matches!(kind, ResponseKind::V1 | ResponseKind::V1SessionSecurity) {
                    out.push(Finding::new(
                        Code::NtlmV1Response,
                        format!("The client sent {}; servers set to accept only NTLMv2 refuse it with a plain 401", kind.as_str()),
                    ));
                }
                if user.is_empty() || flags & ANONYMOUS != 0 {
                    out.push(Finding::new(
                        Code::NtlmAnonymous,
                        "The authenticate message names no user (an anonymous logon): the client had no credentials to use",
                    ));
                }
            }
        }
    }
    out
}

/// The findings of `NTLM <base64>` credentials.
pub fn credential_findings(credentials: &str) -> Vec<Finding> {
    if credentials.trim().is_empty() {
        return Vec::new();
    }
    findings(&decode_base64(credentials).and_then(|b| decode(&b)))
}

/// The findings of the data after an `NTLM` or `Negotiate` scheme name, in credentials or in a
/// challenge; nothing for other schemes.
pub fn scheme_findings(scheme: &str, data: &str) -> Vec<Finding> {
    if scheme.eq_ignore_ascii_case("ntlm") {
        credential_findings(data)
    } else if scheme.eq_ignore_ascii_case("negotiate") {
        super::negotiate::credential_findings(data)
    } else {
        Vec::new()
    }
}

type HmacMd5 = Hmac<md5::Md5>;

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> Option<[u8; 16]> {
    let mut mac = HmacMd5::new_from_slice(key).ok()?;
    for p in parts {
        mac.update(p);
    }
    Some(mac.finalize().into_bytes().into())
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// NTOWFv2 (MS-NLMP §3.3.2): HMAC-MD5 keyed with MD4 of the UTF-16LE password, over the
/// upper-cased user name and the domain as the client sent it.
pub fn ntowf_v2(password: &str, user: &str, domain: &str) -> Option<[u8; 16]> {
    use md4::Digest;
    let nt_hash = md4::Md4::digest(utf16le(password));
    hmac_md5(&nt_hash, &[&utf16le(&user.to_uppercase()), &utf16le(domain)])
}

/// Whether an NTLMv2 response was made with `password` for the server's challenge. `None`
/// when the response is not NTLMv2.
pub fn v2_matches(password: &Secret, challenge: &[u8; 8], message: &Message) -> Option<bool> {
    let Message::Authenticate { nt, user, domain, kind: ResponseKind::V2, .. } = message else {
        return None;
    };
    let bytes = nt.expose();
    let (proof, blob) = (bytes.get(..16)?, bytes.get(16..)?);
    let key = ntowf_v2(password.expose(), user, domain)?;
    let computed = hmac_md5(&key, &[challenge, blob])?;
    Some(computed.as_slice() == proof)
}

/// NTOWFv1 (MS-NLMP §3.3.1): MD4 of the UTF-16LE password.
pub fn ntowf_v1(password: &str) -> [u8; 16] {
    use md4::Digest;
    md4::Md4::digest(utf16le(password)).into()
}

/// A DES key from 7 bytes: each 7 bits become the high bits of a key byte (the parity bit,
/// the lowest, is ignored by DES).
fn des_key(k: [u8; 7]) -> [u8; 8] {
    [
        k[0],
        (k[0] << 7) | (k[1] >> 1),
        (k[1] << 6) | (k[2] >> 2),
        (k[2] << 5) | (k[3] >> 3),
        (k[3] << 4) | (k[4] >> 4),
        (k[4] << 3) | (k[5] >> 5),
        (k[5] << 2) | (k[6] >> 6),
        k[6] << 1,
    ]
}

/// DESL (MS-NLMP §6): the 16-byte key padded with zeros to 21 bytes, cut in three 7-byte DES
/// keys, each encrypting the 8-byte data; the three blocks joined.
fn desl(key: &[u8; 16], data: &[u8; 8]) -> [u8; 24] {
    use des::cipher::{BlockEncrypt, KeyInit};
    let mut padded = [0u8; 21];
    for (p, k) in padded.iter_mut().zip(key) {
        *p = *k;
    }
    let mut out = [0u8; 24];
    for (chunk, block) in padded.chunks_exact(7).zip(out.chunks_exact_mut(8)) {
        let mut seven = [0u8; 7];
        seven.copy_from_slice(chunk);
        let cipher = des::Des::new(&des_key(seven).into());
        let mut b = des::cipher::generic_array::GenericArray::clone_from_slice(data);
        cipher.encrypt_block(&mut b);
        block.copy_from_slice(&b);
    }
    out
}

/// The NTLMv1 response for `password` (MS-NLMP §3.3.1): DESL over the server's challenge, or,
/// with extended session security, over the first 8 bytes of MD5(server challenge ‖ client
/// challenge), the client challenge being the first 8 bytes of the LM response.
pub fn v1_response(password: &str, challenge: &[u8; 8], client_challenge: Option<&[u8; 8]>) -> [u8; 24] {
    use md5::Digest;
    let data: [u8; 8] = match client_challenge {
        Some(client) => {
            let digest = md5::Md5::new().chain_update(challenge).chain_update(client).finalize();
            let mut d = [0u8; 8];
            for (d, b) in d.iter_mut().zip(digest.iter()) {
                *d = *b;
            }
            d
        }
        None => *challenge,
    };
    desl(&ntowf_v1(password), &data)
}

/// Whether an NTLMv1 response (with or without extended session security) was made with
/// `password` for the server's challenge. `None` when the response is not NTLMv1.
pub fn v1_matches(password: &Secret, challenge: &[u8; 8], message: &Message) -> Option<bool> {
    let Message::Authenticate { nt, lm, kind, .. } = message else { return None };
    let client: Option<[u8; 8]> = match kind {
        ResponseKind::V1 => None,
        ResponseKind::V1SessionSecurity => Some(lm.expose().get(..8)?.try_into().ok()?),
        _ => return None,
    };
    let computed = v1_response(password.expose(), challenge, client.as_ref());
    Some(nt.expose() == computed.as_slice())
}

/// What an `Authorization` (or `Proxy-Authorization`) header of a connection-based scheme
/// carries.
struct Sent {
    /// `NTLM` or `Negotiate`, as the usual spelling.
    scheme: &'static str,
    /// The NTLM message, bare or inside SPNEGO.
    ntlm: Option<Message>,
    /// The decoded Negotiate token.
    negotiate: Option<super::negotiate::Token>,
    /// The base64 was masked or cut short in the paste (`xxxx`, `***`, `...`): what it decodes
    /// to is not what the client sent.
    masked: bool,
}

/// Whether a token's base64 text was masked or cut short by the user before pasting. Unlike
/// other tokens, an NTLM message with a run of `xxxx` still decodes, to other bytes.
fn masked(data: &str) -> bool {
    crate::logs::redaction::is_redacted(data) || ["xxxx", "XXXX", "***", "...", "\u{2026}"].iter().any(|m| data.contains(m))
}

fn sent(request: &crate::http::message::Message, header: &str) -> Option<Sent> {
    let value = request.header(header)?;
    let (scheme, data) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
    let bytes = decode_base64(data).ok().filter(|b| !b.is_empty());
    if scheme.eq_ignore_ascii_case("ntlm") {
        Some(Sent { scheme: "NTLM", ntlm: bytes.and_then(|b| decode(&b).ok()), negotiate: None, masked: masked(data) })
    } else if scheme.eq_ignore_ascii_case("negotiate") {
        let token = bytes.and_then(|b| super::negotiate::decode(&b).ok());
        let ntlm = token.as_ref().and_then(super::negotiate::ntlm_message).and_then(|m| m.as_ref().ok()).cloned();
        Some(Sent { scheme: "Negotiate", ntlm, negotiate: token, masked: masked(data) })
    } else {
        None
    }
}

/// The challenges of a response's `WWW-Authenticate` (or `Proxy-Authenticate`) headers.
fn challenges(response: &crate::http::message::Message, header: &str) -> Vec<crate::headers::www_authenticate::Challenge> {
    response.challenges(header.eq_ignore_ascii_case("proxy-authenticate")).iter().take(16).cloned().collect()
}

/// The NTLM challenge message in a response's challenges, if any.
fn challenge_message(found: &[crate::headers::www_authenticate::Challenge]) -> Option<Message> {
    found.iter().find_map(|c| {
        let bytes = decode_base64(c.token68.as_deref()?).ok()?;
        let message = if c.scheme.eq_ignore_ascii_case("negotiate") {
            let token = super::negotiate::decode(&bytes).ok()?;
            super::negotiate::ntlm_message(&token)?.as_ref().ok()?.clone()
        } else {
            decode(&bytes).ok()?
        };
        matches!(message, Message::Challenge { .. }).then_some(message)
    })
}

fn is_windows_scheme(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("ntlm") || scheme.eq_ignore_ascii_case("negotiate")
}

/// The host a request was sent to, without its port.
fn host(request: &crate::http::message::Message) -> Option<String> {
    let url = crate::http::exchange::full_url(request);
    if let Ok(u) = url::Url::parse(&url) {
        return u.host_str().map(|h| h.trim_matches(['[', ']']).to_ascii_lowercase());
    }
    let h = request.header("host").or_else(|| request.header(":authority"))?;
    let h = if h.starts_with('[') { h.split(']').next().map(|x| x.trim_start_matches('[')).unwrap_or(h) } else { h.split(':').next().unwrap_or(h) };
    Some(h.to_ascii_lowercase())
}

/// Whether a host is an IPv4 or IPv6 address rather than a name.
fn is_ip_address(host: &str) -> bool {
    let ip = |h: &str| matches!(url::Host::parse(h), Ok(url::Host::Ipv4(_) | url::Host::Ipv6(_)));
    ip(host) || ip(&format!("[{host}]"))
}

/// Why a client fell back from Kerberos to NTLM, as far as the host name tells.
fn fallback_reason(host: Option<&str>) -> String {
    match host {
        Some(h) if is_ip_address(h) => {
            format!("the request went to the IP address `{h}`, and Kerberos tickets are issued for host names (`HTTP/name`), so there was no ticket to get")
        }
        Some(h) if h == "localhost" || h.ends_with(".localhost") => format!("the request went to `{h}`, for which no domain service principal exists"),
        Some(h) if !h.contains('.') => format!(
            "the request went to the short name `{h}`: unless `HTTP/{h}` is registered as an SPN, the client finds no service to get a ticket for; use the full DNS name"
        ),
        Some(h) => format!(
            "the client got no ticket for `HTTP/{h}`: the SPN is missing or registered on another account (`setspn -Q HTTP/{h}`), the name is a DNS alias of another host, or this machine is not signed in to the domain (`klist` shows no ticket)"
        ),
        None => "the client got no Kerberos ticket for the service: check the SPN, the host name used and that the machine is on the domain".into(),
    }
}

/// A handshake waiting for the client's authenticate message.
struct Pending {
    exchange: usize,
    challenge: Message,
    closed: bool,
}

/// Follows NTLM and Negotiate handshakes across the exchanges of a capture: the legs must share
/// one connection, over HTTP/1.1, and end in an accepted authenticate message. `refs[i]` is
/// exchange `i` (request, response); `legs[i]` its connection, when the capture tells it.
pub fn handshake(
    refs: &[(Option<&crate::http::message::Message>, Option<&crate::http::message::Message>)],
    legs: &[crate::http::connection::Leg],
    ctx: &crate::Context,
) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for (proxy, header, challenge_header, refused) in
        [(false, "authorization", "www-authenticate", 401u16), (true, "proxy-authorization", "proxy-authenticate", 407)]
    {
        let mut pending: Option<Pending> = None;
        let mut http2_told = false;
        let mut fallback_told = false;
        for (e, (request, response)) in refs.iter().enumerate().take(10_000) {
            let status = response.and_then(|r| r.status());
            let asked = response.map(|r| challenges(r, challenge_header)).unwrap_or_default();
            let sent_now = request.and_then(|r| sent(r, header));
            let leg = legs.get(e);
            // A challenge that was not answered: the client stopped or started over.
            if let Some(p) = pending.take() {
                let answered = sent_now.as_ref().and_then(|s| s.ntlm.as_ref()).is_some_and(|m| m.kind() == 3);
                if answered {
                    pending = Some(p);
                } else if !p.closed && leg.is_some_and(|l| l.closed_before) {
                    out.push((e, Finding::new(Code::NtlmConnectionClosedMidHandshake, format!("The connection that carried the challenge (exchange {}) was closed before the client answered it, so the client started over on a new connection", p.exchange.saturating_add(1)))));
                } else if !p.closed {
                    let what = match sent_now.as_ref().and_then(|s| s.ntlm.as_ref()).map(Message::kind) {
                        Some(1) => "sent a new negotiate message (type 1), starting over",
                        _ => "sent no authenticate message (type 3)",
                    };
                    out.push((
                        e,
                        Finding::new(
                            Code::NtlmHandshakeStopped,
                            format!("After the challenge in exchange {}, the client {what}", p.exchange.saturating_add(1)),
                        ),
                    ));
                }
            }
            let Some(s) = sent_now else {
                // A server that offers only Windows schemes, answered with Basic.
                if !proxy
                    && status == Some(401)
                    && !asked.is_empty()
                    && asked.iter().all(|c| is_windows_scheme(&c.scheme))
                    && request
                        .and_then(|r| r.header("authorization"))
                        .is_some_and(|v| v.trim_start().get(..6).is_some_and(|p| p.eq_ignore_ascii_case("basic ")))
                {
                    let list: Vec<String> = asked.iter().map(|c| format!("`{}`", c.scheme)).collect();
                    out.push((
                        e,
                        Finding::new(
                            Code::WindowsAuthClientSentBasic,
                            format!("The server asks for {} only, and the client sent `Basic` credentials, which it does not accept", list.join(" and ")),
                        ),
                    ));
                }
                continue;
            };
            let version = |m: Option<&&crate::http::message::Message>| match m.map(|m| &m.start) {
                Some(crate::http::message::StartLine::Request { version, .. } | crate::http::message::StartLine::Response { version, .. }) => version.clone(),
                None => String::new(),
            };
            let uses_ntlm = s.ntlm.is_some() || s.scheme == "NTLM";
            let h2 = [version(request.as_ref()), version(response.as_ref())]
                .iter()
                .any(|v| v.starts_with("HTTP/2") || v.eq_ignore_ascii_case("h2") || v.starts_with("HTTP/3") || v.eq_ignore_ascii_case("h3"));
            if uses_ntlm && h2 && !http2_told {
                http2_told = true;
                out.push((e, Finding::new(Code::WindowsAuthOverHttp2, format!("The `{}` handshake runs over HTTP/2, where one connection carries many requests; NTLM authenticates a connection, so servers refuse it there (IIS answers `HTTP_1_1_REQUIRED`)", s.scheme))));
            }
            let request_host = request.and_then(host);
            if s.scheme == "Negotiate" && s.ntlm.is_some() && !fallback_told {
                fallback_told = true;
                out.push((
                    e,
                    Finding::new(
                        Code::NegotiateFellBackToNtlm,
                        format!("The `Negotiate` credentials carry NTLM, not Kerberos: {}", fallback_reason(request_host.as_deref())),
                    ),
                ));
            }
            if let (Some(ap), Some(h)) = (s.negotiate.as_ref().and_then(super::negotiate::ap_req_of), request_host.as_deref()) {
                let (service, name) = ap.service.split_once('/').unwrap_or(("", ap.service.as_str()));
                let name = name.split(['/', ':']).next().unwrap_or(name).to_ascii_lowercase();
                if !name.is_empty() && name != h {
                    out.push((e, Finding::new(Code::KerberosSpnNotTheHost, format!("The Kerberos ticket is for `{service}/{name}` (realm `{}`), but the request went to `{h}`: the server's key does not open a ticket for another name", ap.realm))));
                }
            }
            match s.ntlm {
                Some(Message::Negotiate { .. }) => {
                    if let (Some(Message::Challenge { .. }), Some(resp)) = (challenge_message(&asked), response) {
                        let close = resp.header("connection").is_some_and(|v| crate::grammar::list(v).any(|t| t.eq_ignore_ascii_case("close")));
                        let http10 = matches!(&resp.start, crate::http::message::StartLine::Response { version, .. } if version == "HTTP/1.0");
                        let closes = close || (http10 && resp.header("connection").is_none_or(|v| !v.eq_ignore_ascii_case("keep-alive")));
                        if closes {
                            let why = if close { "says `Connection: close`" } else { "is HTTP/1.0 without keep-alive" };
                            out.push((e, Finding::new(Code::NtlmConnectionClosedMidHandshake, format!("The {refused} with the NTLM challenge {why}: the authenticate message must go over this connection, and a new one starts without the challenge"))));
                        }
                        if let Some(challenge) = challenge_message(&asked) {
                            pending = Some(Pending { exchange: e, challenge, closed: closes });
                        }
                    }
                }
                Some(ref m @ Message::Authenticate { ref user, ref domain, .. }) => {
                    let Some(p) = pending.take() else { continue };
                    let before = legs.get(p.exchange);
                    if response.is_none() && legs.get(e.saturating_add(1)).is_some_and(|l| l.closed_before) {
                        out.push((e, Finding::new(Code::NtlmConnectionClosedMidHandshake, format!("The connection closed as the authenticate message (exchange {}) went out: the other side dropped it after sending the challenge, as a proxy or load balancer without keep-alive does", e.saturating_add(1)))));
                    }
                    if p.closed {
                        // Already said at the challenge.
                    } else if leg.is_some_and(|l| l.closed_before) {
                        out.push((
                            e,
                            Finding::new(
                                Code::NtlmConnectionClosedMidHandshake,
                                format!(
                                    "The connection was closed between the challenge (exchange {}) and the authenticate message (exchange {})",
                                    p.exchange.saturating_add(1),
                                    e.saturating_add(1)
                                ),
                            ),
                        ));
                    } else if let (Some(a), Some(b)) = (before.and_then(|l| l.id.as_ref()), leg.and_then(|l| l.id.as_ref())) {
                        if a != b {
                            out.push((e, Finding::new(Code::NtlmLegsOnDifferentConnections, format!("The challenge came on connection {a} and the authenticate message went on connection {b}: the server that gets it never issued that challenge"))));
                        }
                    } else if leg.is_some_and(|l| l.opened) {
                        out.push((
                            e,
                            Finding::new(
                                Code::NtlmLegsOnDifferentConnections,
                                format!(
                                    "The authenticate message (exchange {}) went over a new connection, not the one its challenge came on",
                                    e.saturating_add(1)
                                ),
                            ),
                        ));
                    }
                    let Message::Challenge { challenge, target_info, flags, .. } = &p.challenge else {
                        continue;
                    };
                    let who = if domain.is_empty() { format!("`{user}`") } else { format!("`{domain}\\{user}`") };
                    // A message masked or cut short in the paste is not what the client sent:
                    // recomputing it cannot tell whether the password is right.
                    if s.masked && ctx.password.is_some() {
                        out.push((e, Finding::new(Code::NtlmResponseNotChecked, format!("The authenticate message for {who} was masked or cut short in the paste, so the response was not recomputed with the password given; paste the whole `{}` header to check the password", if proxy { "Proxy-Authorization" } else { "Authorization" }))));
                    }
                    let matched =
                        ctx.password.as_ref().filter(|_| !s.masked).and_then(|pw| v2_matches(pw, challenge, m).or_else(|| v1_matches(pw, challenge, m)));
                    let version = match m {
                        Message::Authenticate { kind: ResponseKind::V2, .. } => "NTLMv2",
                        _ => "NTLMv1",
                    };
                    // The server took the credentials: the password typed here is the one that
                    // differs, not the client's.
                    let accepted = status.is_some_and(|c| c != refused && (200..500).contains(&c));
                    match matched {
                        Some(true) => out.push((e, Finding::new(Code::NtlmPasswordMatches, format!("The {version} response for {who} was made with the password given")))),
                        Some(false) if accepted => out.push((e, Finding::new(Code::NtlmResponseNotChecked, format!("The password given does not reproduce the {version} response for {who}, but the server accepted the request (status {}): the password typed here is not the one the client used, and nothing needs fixing", status.unwrap_or_default())))),
                        Some(false) => out.push((e, Finding::new(Code::NtlmPasswordDoesNotMatch, format!("The {version} response for {who} was not made with the password given: the client used another password{}", if version == "NTLMv2" { " (or the user name or domain differs in more than letter case)" } else { "" })))),
                        None => {}
                    }
                    // A domain account must name the server's domain (or a trusted one).
                    if flags & 0x0001_0000 != 0 && !domain.is_empty() {
                        let known: Vec<&str> = target_info
                            .iter()
                            .filter_map(|a| match a {
                                AvPair::NbDomain(d) | AvPair::DnsDomain(d) | AvPair::DnsTree(d) => Some(d.as_str()),
                                _ => None,
                            })
                            .collect();
                        let same = known.iter().any(|d| d.eq_ignore_ascii_case(domain) || d.split('.').next().is_some_and(|l| l.eq_ignore_ascii_case(domain)));
                        if !known.is_empty() && !same && !domain.eq_ignore_ascii_case(".") {
                            out.push((
                                e,
                                Finding::new(
                                    Code::NtlmDomainDiffers,
                                    format!(
                                        "The client signed in with the domain `{domain}`, while the server belongs to {}",
                                        known.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", ")
                                    ),
                                ),
                            ));
                        }
                    }
                    let bare_again = status == Some(refused) && asked.iter().any(|c| is_windows_scheme(&c.scheme) && c.token68.is_none());
                    if bare_again {
                        let note = if matched == Some(true) { "; the password is right, so look at the account and the names" } else { "" };
                        let code = if proxy { Code::ProxyCredentialsRefused } else { Code::NtlmCredentialsRefused };
                        out.push((e, Finding::new(code, format!("The {} answered the authenticate message for {who} with {refused} and a new bare challenge: it refused the credentials{note}", if proxy { "proxy" } else { "server" }))));
                    }
                }
                _ => {}
            }
        }
        if let Some(p) = pending.filter(|p| !p.closed) {
            out.push((
                p.exchange,
                Finding::new(
                    Code::NtlmHandshakeStopped,
                    "The capture ends after the server's NTLM challenge: the client never sent its authenticate message (type 3)",
                ),
            ));
        }
    }
    // A client that retries repeats the same story; it is told once.
    let mut told: Vec<Code> = Vec::new();
    out.sort_by_key(|(e, _)| *e);
    out.retain(|(_, f)| {
        let first = !told.contains(&f.code);
        told.push(f.code);
        first
    });
    out
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmTokenUnreadable,
        meaning: "An `NTLM` (or `Negotiate`-wrapped NTLM) token could not be decoded: it is not valid base64, lacks the `NTLMSSP` signature, has an unknown message type, or is truncated so that its fields point outside the message; the message gives the reason.",
        why: "A server that cannot parse the token cannot continue the handshake and answers with a new bare challenge and 401; a token damaged by copying, a header size limit or a proxy produces the same result.",
        caller: "Capture the header again in full (a truncated copy is common), and let the OS or HTTP library (SSPI, `curl --ntlm`, `requests-ntlm`) generate the token rather than building it yourself.",
        owner: "Check the server's maximum header size (IIS `MaxFieldLength`, proxy header limits) and whether an intermediary alters `Authorization`; the server's security or HTTP error log shows malformed-token failures.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmMessageDecoded,
        meaning: "The engine decoded an NTLM message and summarises it: a negotiate (type 1), a challenge (type 2) with its target and domain names, or an authenticate (type 3) with user, domain, workstation, response type and flags.",
        why: "This is a note: decoding itself says nothing wrong with the request; it matters because the user, domain and response type it reveals are what the server checks, so compare them with what you expect.",
        caller: "Check that the user and domain in the type 3 message are the account you intended; if the OS sends the wrong account, change the stored credentials or sign in as the right user.",
        owner: "Compare the user, domain and workstation with the Windows Security log (event 4624 or 4625) for the same time to see how the server evaluated the logon.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmV1Response,
        meaning: "The NTLM authenticate message carries an NTLMv1 response (with or without extended session security) instead of NTLMv2.",
        why: "NTLMv1 is weak, and servers or domains set to accept only NTLMv2 (`LmCompatibilityLevel` 5, or `Network security: Restrict NTLM` policies) reject it with a plain 401 and no further hint.",
        caller: "Configure the client to send NTLMv2: on Windows set `Network security: LAN Manager authentication level` to send NTLMv2 only, and on other platforms use a library or setting that computes NTLMv2 responses.",
        owner: "Check the domain controller's NTLM audit events to see NTLMv1 logons and which clients send them; keep requiring NTLMv2 and fix the clients rather than lowering the level.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmLegsOnDifferentConnections,
        meaning: "The NTLM challenge arrived on one connection and the authenticate message went out on another, according to the connection ids or the connection state in the capture.",
        why: "NTLM authenticates a connection: the server keeps the challenge it issued with that connection, so an authenticate message on a new connection (perhaps to another server behind a load balancer) matches no challenge and is refused with 401.",
        caller: "Use a client that keeps the connection open across the handshake (HTTP/1.1 keep-alive, no connection pooling that switches sockets), and avoid proxies that do not keep client and server connections paired.",
        owner: "On load balancers or reverse proxies, enable connection affinity or NTLM pass-through that ties one client connection to one back-end connection, or switch to Kerberos, which is not connection-bound.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmConnectionClosedMidHandshake,
        meaning: "The connection that carried the NTLM challenge was closed before or as the client sent the authenticate message: the 401 said `Connection: close` or was HTTP/1.0 without keep-alive, the connection closed between the legs, or it was dropped when the type 3 message went out.",
        why: "The authenticate message is valid only on the connection where the challenge was issued, so once that connection is gone the client must start the handshake again, and it keeps ending in 401.",
        caller: "Make sure the client uses HTTP/1.1 with keep-alive for the whole handshake; if a proxy in between closes the connection, configure the client to go direct or through a proxy that supports NTLM.",
        owner: "Check for a proxy, WAF or load balancer that sets `Connection: close` on 401 responses or does not reuse back-end connections, and enable keep-alive for the authenticated path.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::WindowsAuthOverHttp2,
        meaning: "An NTLM (or NTLM-carrying `Negotiate`) handshake runs over HTTP/2 or HTTP/3.",
        why: "These protocols multiplex many requests over one connection, but NTLM authenticates a connection, so servers refuse it (IIS resets the stream with `HTTP_1_1_REQUIRED`) and the client sees a failed or looping 401.",
        caller: "Force HTTP/1.1 for this host (for example `curl --http1.1`, or disable HTTP/2 in the client or browser policy for the site) or use Kerberos.",
        owner: "Let the server or load balancer downgrade to HTTP/1.1 for Windows authentication, or disable HTTP/2 on this binding; IIS logs `HTTP_1_1_REQUIRED` resets.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmPasswordDoesNotMatch,
        meaning: "With the password supplied, the engine recomputed the NTLMv2 or NTLMv1 response from the server's challenge and found that it was not made with that password (for NTLMv2, or the user name or domain differs beyond letter case).",
        why: "The server (or domain controller) computes the same response from the stored password hash, so a response made with another password never matches and the logon fails with 401.",
        caller: "Check the password the client actually uses (cached Windows credentials in Credential Manager, a saved password in the tool, an expired password that was changed elsewhere) and correct it.",
        owner: "Check the Security log for event 4625 with status `0xC000006A` (bad password) and for account lockout; confirm the user and domain the message names.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmResponseNotChecked,
        meaning: "The engine did not judge the password given against the NTLM response: either the authenticate message was masked or cut short in the paste (so it is not what the client sent), or the password does not reproduce a response the server accepted (so the password typed is not the client's); the message says which.",
        why: "This is a note: a response the server accepted was made with the right password, whatever was typed here, and a masked message decodes to other bytes than the client sent, so a mismatch with it proves nothing.",
        caller: "If the server refused the request, paste the whole `Authorization: NTLM …` header as captured and run the analysis again with the client's password; if it accepted it, nothing needs fixing.",
        owner: "Nothing to change for this note; a refused logon is explained by the Security log event 4625 and its status code.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmPasswordMatches,
        meaning: "With the password supplied, the engine recomputed the NTLMv2 or NTLMv1 response and it matches: the client used the right password for the user and domain named.",
        why: "This is a note: it rules out a wrong password, so if the server still refused the request, the cause lies in the account (disabled, locked, no permission to log on to this server), the domain, or the connection handling.",
        caller: "If the request was still refused, check the other NTLM findings and ask for the account's status and rights on the server; otherwise nothing needs fixing.",
        owner: "Check the Security log for event 4625 and its status code (for example `0xC0000072` disabled, `0xC000015B` logon type not granted), and the site's authorization rules.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmDomainDiffers,
        meaning: "The authenticate message names a domain that is not among the domain names the server's challenge announced.",
        why: "The server hands the logon to its domain or a trusted one; a domain it does not know or trust leads to an unknown-user failure and a 401, though a trusted domain with another name works, so this is a warning.",
        caller: "Sign in as `DOMAIN\\user` with the server's domain (or a domain it trusts), or as `user@dns.domain`; check the default domain your client fills in.",
        owner: "Check the domain trusts and whether the user's domain is trusted by the server's domain; event 4625 shows the domain the logon was attempted in.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmAnonymous,
        meaning: "The NTLM authenticate message names no user, or sets the anonymous flag: an anonymous logon.",
        why: "The client had no credentials to use (no signed-in domain user, or a service account without network credentials), and a site that requires authentication refuses anonymous logons with 401.",
        caller: "Provide credentials explicitly (for example `curl --ntlm -u 'DOMAIN\\user'`, or the client's credentials option), or run the client as a domain user; check that the browser is set to send credentials to this site (Intranet zone or `AuthServerAllowlist`).",
        owner: "Check whether anonymous authentication should be enabled for this path, and look for event 4624 or 4625 with an anonymous logon for the request.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmCredentialsRefused,
        meaning: "The server answered the NTLM authenticate message with 401 and a new bare `NTLM` or `Negotiate` challenge: it ran the whole handshake and refused the credentials.",
        why: "A fresh challenge after type 3 is how the server says the logon failed; the reason (wrong password, unknown user, locked or disabled account, no logon right) is not sent to the client.",
        caller: "Check the user name, domain and password the client sends (supply the password here to test it), and ask whether the account is enabled and allowed to log on to the server.",
        owner: "Read the Security log event 4625 for this logon: its status and sub-status codes give the reason (for example `0xC000006A` bad password, `0xC0000064` unknown user, `0xC0000234` locked out).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::WindowsAuthClientSentBasic,
        meaning: "The server offers only `NTLM` and/or `Negotiate` and the client sent `Authorization: Basic` credentials.",
        why: "A server that does not list `Basic` in its challenges does not accept it, so the user name and password in the Basic header are ignored and the request fails with 401.",
        caller: "Configure the client for Windows authentication (for example `curl --ntlm` or `--negotiate -u :`, `requests-ntlm` or `requests-kerberos` in Python, `HttpClientHandler.UseDefaultCredentials` in .NET) instead of Basic.",
        owner: "If Basic callers must be supported, enable Basic authentication on the site (over HTTPS only); otherwise the IIS log shows these requests as 401 with sub-status 2.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NtlmHandshakeStopped,
        meaning: "After the server sent its NTLM challenge (type 2), the client did not send an authenticate message (type 3): it sent nothing, started over with a new negotiate message, or the capture ends there.",
        why: "Without the type 3 message the handshake never completes, so the last response the client sees is the 401 with the challenge; clients do this when they cannot compute a response (no credentials, unsupported flags, or a changed connection).",
        caller: "Check that the client has credentials for this site and supports the flags the server requires; if the capture just stops, capture the full handshake; for browsers, check the Windows authentication allow list for the host.",
        owner: "Check whether the challenge requires features the client lacks (for example 128-bit encryption or NTLMv2 only), and whether the connection stays open between the legs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NegotiateFellBackToNtlm,
        meaning: "The `Negotiate` credentials carry an NTLM message instead of a Kerberos ticket; the message gives the likely reason for the host used (IP address, `localhost`, short name, missing SPN or no domain ticket).",
        why: "When the client cannot get a Kerberos ticket for `HTTP/<host>`, SPNEGO falls back to NTLM, which fails where NTLM is disabled, over HTTP/2 or across connection-changing proxies, so the request may end in 401 even though Negotiate is offered.",
        caller: "Call the service by its full DNS name for which an SPN exists, make sure the machine and user are signed in to the domain (`klist` shows a TGT), and check with `setspn -Q HTTP/<host>` that the SPN exists.",
        owner: "Register `HTTP/<host>` (and the FQDN) on the account that runs the service, avoid duplicate SPNs, and check the domain controller's Kerberos logs (events 4768/4769, error `KDC_ERR_S_PRINCIPAL_UNKNOWN`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KerberosSpnNotTheHost,
        meaning: "The Kerberos ticket in the `Negotiate` token is for a service principal whose host name is not the host the request went to.",
        why: "The server can decrypt only tickets issued for its own SPN key, so a ticket for another name (often after a DNS alias or CNAME was resolved to the canonical host) fails and the server answers 401, or falls back to NTLM.",
        caller: "Call the service by the name whose SPN the server holds, or make the client request a ticket for the name in the URL (for example disable CNAME canonicalization, `rdns = false` and `dns_canonicalize_hostname = false` in `krb5.conf`).",
        owner: "Register an SPN for every name clients use (`setspn -S HTTP/alias account`), including DNS aliases, and check that the service account's keytab matches the SPN the ticket names.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    // Made with pyspnego 0.12.4 (`spnego.client("CONTOSO\\alice", "Passw0rd!",
    // hostname="intranet.contoso.com", protocol="ntlm")` against `spnego.server`).
    const T1: &str = "TlRMTVNTUAABAAAAN4II4gAAAAAoAAAAAAAAACgAAAAADAQAAAAADw==";
    const T2: &str = "TlRMTVNTUAACAAAABAAEADgAAAA1goriZfS7JoaDjIgAAAAAAAAAADoAOgA8AAAAAAwEAAAAAA9WAE0AAQAEAFYATQACABYAVwBPAFIASwBTAFQAQQBUAEkATwBOAAMABAB2AG0ABwAIAJAlggN3gt0BAAAAAA==";
    const T3: &str = "TlRMTVNTUAADAAAAGAAYAFgAAACoAKgAcAAAAA4ADgAYAQAACgAKACYBAAAEAAQAMAEAABAAEAA0AQAANYKK4gAMBAAAAAAPH/dtlegxfxCCsk5RyT/83gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAH3ZCJj3a4TcVkunoMQ4VrMBAQAAAAAAAJAlggN3gt0BM+6oXHdWYwMAAAAAAQAEAFYATQACABYAVwBPAFIASwBTAFQAQQBUAEkATwBOAAMABAB2AG0ABwAIAJAlggN3gt0BCQAyAEgAVABUAFAALwBpAG4AdAByAGEAbgBlAHQALgBjAG8AbgB0AG8AcwBvAC4AYwBvAG0ABgAEAAIAAAAAAAAAAAAAAEMATwBOAFQATwBTAE8AYQBsAGkAYwBlAFYATQBq+kXjGiemlGQU6EjJ4G2B";

    fn read(b64: &str) -> Message {
        decode(&decode_base64(b64).unwrap()).unwrap()
    }

    #[test]
    fn pyspnego_handshake_decodes() {
        assert!(matches!(read(T1), Message::Negotiate { .. }));
        let Message::Challenge { target, challenge, target_info, .. } = read(T2) else { panic!("type 2") };
        assert_eq!(target, "VM");
        assert_eq!(challenge, [0x65, 0xf4, 0xbb, 0x26, 0x86, 0x83, 0x8c, 0x88]);
        assert!(target_info.contains(&AvPair::NbDomain("WORKSTATION".into())), "{target_info:?}");
        let t3 = read(T3);
        let Message::Authenticate { ref user, ref domain, ref workstation, ref kind, ref target_info, .. } = t3 else { panic!("type 3") };
        assert_eq!((user.as_str(), domain.as_str(), workstation.as_str()), ("alice", "CONTOSO", "VM"));
        assert_eq!(*kind, ResponseKind::V2);
        assert!(target_info.contains(&AvPair::TargetName("HTTP/intranet.contoso.com".into())), "{target_info:?}");
        assert_eq!(v2_matches(&Secret::new("Passw0rd!"), &challenge, &t3), Some(true));
        assert_eq!(v2_matches(&Secret::new("passw0rd!"), &challenge, &t3), Some(false));
        let shown = format!("{t3:?}");
        assert!(!shown.contains("31, 247"), "responses are redacted: {shown}");
    }

    #[test]
    fn ntowf_v2_matches_the_specification_vector() {
        // MS-NLMP §4.2.4.1.1: user "User", domain "Domain", password "Password".
        let key = ntowf_v2("Password", "User", "Domain").unwrap();
        assert_eq!(key, [0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93, 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f]);
    }

    #[test]
    fn ntlm_v1_responses_match_the_specification_vectors() {
        // MS-NLMP §4.2.2 and §4.2.3: password "Password", server challenge 0123456789abcdef,
        // client challenge aaaaaaaaaaaaaaaa.
        let challenge = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
        assert_eq!(ntowf_v1("Password"), [0xa4, 0xf4, 0x9c, 0x40, 0x65, 0x10, 0xbd, 0xca, 0xb6, 0x82, 0x4e, 0xe7, 0xc3, 0x0f, 0xd8, 0x52]);
        assert_eq!(
            v1_response("Password", &challenge, None),
            [0x67, 0xc4, 0x30, 0x11, 0xf3, 0x02, 0x98, 0xa2, 0xad, 0x35, 0xec, 0xe6, 0x4f, 0x16, 0x33, 0x1c, 0x44, 0xbd, 0xbe, 0xd9, 0x27, 0x84, 0x1f, 0x94]
        );
        assert_eq!(
            v1_response("Password", &challenge, Some(&[0xaa; 8])),
            [0x75, 0x37, 0xf8, 0x03, 0xae, 0x36, 0x71, 0x28, 0xca, 0x45, 0x82, 0x04, 0xbd, 0xe7, 0xca, 0xf8, 0x1e, 0x97, 0xed, 0x26, 0x83, 0x26, 0x72, 0x32]
        );
        // Through the message: a V1 authenticate message holding the vector matches "Password"
        // and not another password.
        let message = |kind: ResponseKind, nt: [u8; 24], lm: Vec<u8>| Message::Authenticate {
            flags: 0,
            lm: SecretBytes::new(lm),
            nt: SecretBytes::new(nt.to_vec()),
            domain: "Domain".into(),
            user: "User".into(),
            workstation: String::new(),
            kind,
            session_key: false,
            target_info: Vec::new(),
        };
        let plain = message(ResponseKind::V1, v1_response("Password", &challenge, None), vec![0; 24]);
        assert_eq!(v1_matches(&Secret::new("Password"), &challenge, &plain), Some(true));
        assert_eq!(v1_matches(&Secret::new("password"), &challenge, &plain), Some(false));
        let mut lm = vec![0xaa; 8];
        lm.extend([0u8; 16]);
        let ess = message(ResponseKind::V1SessionSecurity, v1_response("Password", &challenge, Some(&[0xaa; 8])), lm);
        assert_eq!(v1_matches(&Secret::new("Password"), &challenge, &ess), Some(true));
        assert_eq!(v1_matches(&Secret::new("Password"), &[0; 8], &ess), Some(false), "another server challenge");
    }

    #[test]
    fn damaged_messages_are_problems_not_panics() {
        for bytes in [
            &b""[..],
            b"NTLMSSP\0",
            b"NTLMSSP\0\x03\0\0\0",
            b"NTLMSSP\0\x09\0\0\0",
            b"NTLMSSQ\0\x01\0\0\0\0\0\0\0",
            b"NTLMSSP\0\x02\0\0\0\xff\xff\0\0\xff\xff\xff\xff",
        ] {
            assert!(decode(bytes).is_err(), "{bytes:?}");
        }
        let full = decode_base64(T3).unwrap();
        for cut in 0..full.len() {
            let _ = decode(full.get(..cut).unwrap());
        }
        assert_eq!(credential_findings("!!!")[0].code, Code::NtlmTokenUnreadable);
    }
}
