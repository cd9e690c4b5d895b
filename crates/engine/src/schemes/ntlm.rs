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
//! names may be shown. With the user's password an NTLMv2 response is recomputed
//! (MS-NLMP §3.3.2) to say whether the password is what is wrong.

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
            ResponseKind::V1 => "NTLMv1",
            ResponseKind::V1SessionSecurity => "NTLMv1 with extended session security",
            ResponseKind::V2 => "NTLMv2",
        }
    }
}

/// A decoded NTLM message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Negotiate { flags: u32, domain: String, workstation: String },
    Challenge { flags: u32, target: String, challenge: [u8; 8], target_info: Vec<AvPair> },
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
    let (Some(len), Some(offset)) = (u16_at(b, at), u32_at(b, at + 4)) else {
        return Err(Problem(format!("the message ends before its {name} field")));
    };
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let end = start.saturating_add(usize::from(len));
    if len == 0 {
        return Ok(&[]);
    }
    b.get(start..end).ok_or_else(|| Problem(format!("its {name} points past the end of the message ({len} bytes at offset {offset}, message of {} bytes)", b.len())))
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
        let (Some(id), Some(len)) = (u16_at(bytes, at), u16_at(bytes, at + 2)) else { break };
        let Some(value) = bytes.get(at + 4..at + 4 + usize::from(len)) else { break };
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
        at += 4 + usize::from(len);
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
            let who = if user.is_empty() { "an anonymous user".to_string() } else if domain.is_empty() { format!("user `{user}`") } else { format!("user `{domain}\\{user}`") };
            let ws = if workstation.is_empty() { String::new() } else { format!(" on workstation `{workstation}`") };
            format!("NTLM authenticate message (type 3) for {who}{ws}, {} response, flags {}", kind.as_str(), flag_names(*flags).join(" "))
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
                        format!("The client sent an {} response; servers set to accept only NTLMv2 refuse it with a plain 401", kind.as_str()),
                    ));
                }
                if user.is_empty() || flags & ANONYMOUS != 0 {
                    out.push(Finding::new(Code::NtlmAnonymous, "The authenticate message names no user (an anonymous logon): the client had no credentials to use"));
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
    let Message::Authenticate { nt, user, domain, kind: ResponseKind::V2, .. } = message else { return None };
    let bytes = nt.expose();
    let (proof, blob) = (bytes.get(..16)?, bytes.get(16..)?);
    let key = ntowf_v2(password.expose(), user, domain)?;
    let computed = hmac_md5(&key, &[challenge, blob])?;
    Some(computed.as_slice() == proof)
}

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
    fn damaged_messages_are_problems_not_panics() {
        for bytes in [&b""[..], b"NTLMSSP\0", b"NTLMSSP\0\x03\0\0\0", b"NTLMSSP\0\x09\0\0\0", b"NTLMSSQ\0\x01\0\0\0\0\0\0\0", b"NTLMSSP\0\x02\0\0\0\xff\xff\0\0\xff\xff\xff\xff"] {
            assert!(decode(bytes).is_err(), "{bytes:?}");
        }
        let full = decode_base64(T3).unwrap();
        for cut in 0..full.len() {
            let _ = decode(full.get(..cut).unwrap());
        }
        assert_eq!(credential_findings("!!!")[0].code, Code::NtlmTokenUnreadable);
    }
}
