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
        code: crate::findings::Code::NtlmAnonymous,
        meaning: "The NTLM authenticate message names no user, or sets the anonymous flag: an anonymous logon.",
        why: "The client had no credentials to use (no signed-in domain user, or a service account without network credentials), and a site that requires authentication refuses anonymous logons with 401.",
        caller: "Provide credentials explicitly (for example `curl --ntlm -u 'DOMAIN\\user'`, or the client's credentials option), or run the client as a domain user; check that the browser is set to send credentials to this site (Intranet zone or `AuthServerAllowlist`).",
        owner: "Check whether anonymous authentication should be enabled for this path, and look for event 4624 or 4625 with an anonymous logon for the request.",
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
