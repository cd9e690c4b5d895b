//! `Negotiate` tokens (RFC 4559): SPNEGO (RFC 4178) wrapping Kerberos (RFC 4120, RFC 1964) or
//! NTLMSSP, or a bare Kerberos or NTLM token.
//!
//! ```text
//! InitialContextToken ::= [APPLICATION 0] { thisMech OID, innerToken }   -- 0x60 …
//! NegTokenInit  ::= [0] SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2], mechListMIC [3] }
//! NegTokenResp  ::= [1] SEQUENCE { negState [0], supportedMech [1], responseToken [2], mechListMIC [3] }
//! AP-REQ        ::= [APPLICATION 14] SEQUENCE { pvno [0], msg-type [1], ap-options [2],
//!                     ticket [3] Ticket, authenticator [4] }
//! Ticket        ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }
//! ```
//!
//! The DER is read one element at a time (lengths with the `der` crate); anything that does not
//! read is a [`Problem`].
//! Nesting and the number of elements read are capped. The ticket and authenticator are
//! encrypted credentials: only the realm and the service principal are read from them.

use super::ntlm::{self, Problem};
use crate::findings::{Code, Finding};
use der::asn1::ObjectIdentifier;
use der::{Decode, Length, Reader, SliceReader};

/// The most elements read from one SEQUENCE.
const MAX_ITEMS: usize = 32;

pub const KERBEROS: &str = "1.2.840.113554.1.2.2";
pub const KERBEROS_MS: &str = "1.2.840.48018.1.2.2";
pub const NTLMSSP: &str = "1.3.6.1.4.1.311.2.2.10";
pub const SPNEGO: &str = "1.3.6.1.5.5.2";
pub const NEGOEX: &str = "1.3.6.1.4.1.311.2.2.30";

/// A mechanism's name, for messages.
pub fn mechanism_name(oid: &str) -> String {
    match oid {
        KERBEROS => "Kerberos".into(),
        KERBEROS_MS => "Kerberos (Microsoft)".into(),
        NTLMSSP => "NTLMSSP".into(),
        NEGOEX => "NegoEx".into(),
        "1.2.840.113554.1.2.2.3" => "Kerberos user-to-user".into(),
        other => format!("`{other}`"),
    }
}

/// A Kerberos AP-REQ's readable parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApReq {
    pub realm: String,
    /// The service principal, `HTTP/host.example.com`.
    pub service: String,
    /// The ticket's encryption type.
    pub etype: Option<i64>,
}

/// What a `Negotiate` token holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A SPNEGO NegTokenInit: the client's mechanisms, first preferred, and its first token.
    Init { mechanisms: Vec<String>, inner: Option<Inner> },
    /// A SPNEGO NegTokenResp (server or later client leg).
    Resp { state: Option<i64>, mechanism: Option<String>, inner: Option<Inner> },
    /// A token without SPNEGO around it.
    Bare(Inner),
}

/// The mechanism token inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inner {
    Kerberos(Result<ApReq, Problem>),
    /// A Kerberos token that is neither an AP-REQ nor a KRB-ERROR (an AP-REP): its message type.
    KerberosOther(i64),
    /// A KRB-ERROR (RFC 4120 §5.9.1) and its `error-code`.
    KerberosError(Option<i64>),
    Ntlm(Result<ntlm::Message, Problem>),
    Unknown,
}

/// One DER element: its identifier octet and its contents. Kerberos uses `GeneralString`,
/// which the `der` crate's own element types do not cover, so only lengths are decoded with it.
#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    value: &'a [u8],
}

/// Reads one TLV from the start of `bytes`; returns it and the rest.
fn tlv(bytes: &[u8]) -> Result<(Tlv<'_>, &[u8]), Problem> {
    let bad = |e: der::Error| Problem(format!("its DER cannot be read ({e})"));
    let (&tag, after) = bytes.split_first().ok_or_else(|| Problem("it ends where a DER element should start".into()))?;
    if tag & 0x1f == 0x1f {
        return Err(Problem(format!("it uses a DER tag (0x{tag:02x}) no SPNEGO or Kerberos token has")));
    }
    let mut reader = SliceReader::new(after).map_err(bad)?;
    let length = Length::decode(&mut reader).map_err(bad)?;
    let start = usize::try_from(u32::from(reader.position())).unwrap_or(usize::MAX);
    let end = start.saturating_add(usize::try_from(u32::from(length)).unwrap_or(usize::MAX));
    let value = after.get(start..end).ok_or_else(|| Problem(format!("a DER element claims {} bytes, more than the token has", u32::from(length))))?;
    Ok((Tlv { tag, value }, after.get(end..).unwrap_or_default()))
}

/// Every TLV of a constructed value's contents, up to [`MAX_ITEMS`].
fn items(mut bytes: &[u8]) -> Result<Vec<Tlv<'_>>, Problem> {
    let mut out = Vec::new();
    while !bytes.is_empty() && out.len() < MAX_ITEMS {
        let (any, rest) = tlv(bytes)?;
        out.push(any);
        bytes = rest;
    }
    Ok(out)
}

/// The content of the context-specific field `[n]` of a SEQUENCE's items.
fn explicit<'a>(fields: &[Tlv<'a>], n: u8) -> Option<&'a [u8]> {
    fields.iter().find(|f| f.tag == 0xa0 | n).map(|f| f.value)
}

/// The single TLV inside an explicit tag.
fn inside(bytes: &[u8]) -> Result<Tlv<'_>, Problem> {
    tlv(bytes).map(|(any, _)| any)
}

fn integer(bytes: Option<&[u8]>) -> Option<i64> {
    let any = inside(bytes?).ok()?;
    let v = any.value;
    if any.tag != 0x02 && any.tag != 0x0a || v.is_empty() || v.len() > 8 {
        return None;
    }
    let mut n: i64 = if v.first().is_some_and(|b| b & 0x80 != 0) { -1 } else { 0 };
    for b in v {
        n = (n << 8) | i64::from(*b);
    }
    Some(n)
}

fn string(any: &Tlv<'_>) -> String {
    String::from_utf8_lossy(any.value).chars().filter(|c| !c.is_control()).take(256).collect()
}

fn oid(any: &Tlv<'_>) -> Option<String> {
    (any.tag == 0x06).then(|| ObjectIdentifier::from_bytes(any.value).ok().map(|o| o.to_string())).flatten()
}

/// Reads a Kerberos AP-REQ (`[APPLICATION 14]`).
fn ap_req(any: &Tlv<'_>) -> Result<ApReq, Problem> {
    let seq = inside(any.value)?;
    if seq.tag != 0x30 {
        return Err(Problem("the AP-REQ is not a SEQUENCE".into()));
    }
    let fields = items(seq.value)?;
    let ticket = explicit(&fields, 3).ok_or_else(|| Problem("the AP-REQ has no ticket".into()))?;
    let ticket = inside(ticket)?;
    if ticket.tag != 0x61 {
        return Err(Problem("the AP-REQ's ticket is not a Kerberos ticket".into()));
    }
    let ticket_seq = inside(ticket.value)?;
    let tf = items(ticket_seq.value)?;
    let realm = explicit(&tf, 1).and_then(|b| inside(b).ok()).map(|a| string(&a)).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(sname) = explicit(&tf, 2) {
        let name = inside(sname)?;
        let nf = items(name.value)?;
        if let Some(strings) = explicit(&nf, 1) {
            let list = inside(strings)?;
            parts = items(list.value)?.iter().map(string).collect();
        }
    }
    let etype = explicit(&tf, 3).and_then(|b| inside(b).ok()).and_then(|enc| items(enc.value).ok()).and_then(|ef| integer(explicit(&ef, 0)));
    Ok(ApReq { realm, service: parts.join("/"), etype })
}

fn kerberos(inner: &[u8]) -> Inner {
    // After the mechanism OID: a two-byte token id (01 00 AP-REQ), then the message.
    let Some(body) = inner.get(2..) else {
        return Inner::Kerberos(Err(Problem("the Kerberos token ends early".into())));
    };
    match tlv(body) {
        Ok((any, _)) if any.tag == 0x6e => Inner::Kerberos(ap_req(&any)),
        Ok((any, _)) if any.tag == 0x7e => {
            let code = inside(any.value).ok().and_then(|seq| items(seq.value).ok()).and_then(|fields| integer(explicit(&fields, 6)));
            Inner::KerberosError(code)
        }
        Ok((any, _)) => Inner::KerberosOther(i64::from(any.tag & 0x1f)),
        Err(e) => Inner::Kerberos(Err(e)),
    }
}

/// The mechanism token of a SPNEGO token or of a bare GSS-API one.
fn mech_token(bytes: &[u8]) -> Inner {
    if bytes.starts_with(b"NTLMSSP\0") {
        return Inner::Ntlm(ntlm::decode(bytes));
    }
    match tlv(bytes) {
        Ok((any, _)) if any.tag == 0x60 => match tlv(any.value) {
            Ok((mech, rest)) if oid(&mech).is_some_and(|o| o == KERBEROS || o == KERBEROS_MS) => kerberos(rest),
            _ => Inner::Unknown,
        },
        _ => Inner::Unknown,
    }
}

/// Decodes a token's bytes.
pub fn decode(bytes: &[u8]) -> Result<Token, Problem> {
    if bytes.starts_with(b"NTLMSSP\0") {
        return Ok(Token::Bare(Inner::Ntlm(ntlm::decode(bytes))));
    }
    let (outer, _) = tlv(bytes)?;
    match outer.tag {
        0x60 => {
            let (mech, rest) = tlv(outer.value)?;
            match oid(&mech).as_deref() {
                Some(SPNEGO) => init(rest),
                Some(KERBEROS | KERBEROS_MS) => Ok(Token::Bare(kerberos(rest))),
                Some(other) => Err(Problem(format!("its mechanism is {}, not SPNEGO, Kerberos or NTLM", mechanism_name(other)))),
                None => Err(Problem("it does not name its mechanism".into())),
            }
        }
        0xa1 => {
            let seq = inside(outer.value)?;
            let fields = items(seq.value)?;
            let state = integer(explicit(&fields, 0));
            let mechanism = explicit(&fields, 1).and_then(|b| inside(b).ok()).and_then(|a| oid(&a));
            let inner = explicit(&fields, 2).and_then(|b| inside(b).ok()).map(|a| mech_token(a.value));
            Ok(Token::Resp { state, mechanism, inner })
        }
        other => Err(Problem(format!("it starts with the DER tag 0x{other:02x}, not a SPNEGO or Kerberos token"))),
    }
}

/// A NegTokenInit, after the SPNEGO OID.
fn init(rest: &[u8]) -> Result<Token, Problem> {
    let (tagged, _) = tlv(rest)?;
    if tagged.tag != 0xa0 {
        return Err(Problem("the SPNEGO token is not a NegTokenInit".into()));
    }
    let seq = inside(tagged.value)?;
    let fields = items(seq.value)?;
    let mechanisms = match explicit(&fields, 0) {
        Some(list) => items(inside(list)?.value)?.iter().filter_map(oid).collect(),
        None => Vec::new(),
    };
    let inner = explicit(&fields, 2).and_then(|b| inside(b).ok()).map(|a| mech_token(a.value));
    Ok(Token::Init { mechanisms, inner })
}

/// Whether the token is NTLM under the `Negotiate` name (bare, or the only or chosen
/// mechanism of a SPNEGO token).
pub fn is_ntlm(token: &Token) -> bool {
    match token {
        Token::Bare(Inner::Ntlm(_)) => true,
        Token::Init { mechanisms, inner } => matches!(inner, Some(Inner::Ntlm(_))) || (!mechanisms.is_empty() && mechanisms.iter().all(|m| m == NTLMSSP)),
        Token::Resp { mechanism, inner, .. } => matches!(inner, Some(Inner::Ntlm(_))) || mechanism.as_deref() == Some(NTLMSSP),
        _ => false,
    }
}

/// The NTLM message inside, if any.
pub fn ntlm_message(token: &Token) -> Option<&Result<ntlm::Message, Problem>> {
    match token {
        Token::Bare(Inner::Ntlm(m)) | Token::Init { inner: Some(Inner::Ntlm(m)), .. } | Token::Resp { inner: Some(Inner::Ntlm(m)), .. } => Some(m),
        _ => None,
    }
}

/// The Kerberos AP-REQ inside, if any.
pub fn ap_req_of(token: &Token) -> Option<&ApReq> {
    match token {
        Token::Bare(Inner::Kerberos(Ok(a))) | Token::Init { inner: Some(Inner::Kerberos(Ok(a))), .. } => Some(a),
        _ => None,
    }
}

fn describe_inner(inner: &Inner) -> String {
    match inner {
        Inner::Kerberos(Ok(a)) => format!("a Kerberos AP-REQ for `{}` in realm `{}`", a.service, a.realm),
        Inner::Kerberos(Err(Problem(why))) => {
            format!("a Kerberos token that cannot be read ({why})")
        }
        Inner::KerberosOther(15) => "a Kerberos AP-REP (the server's mutual authentication)".into(),
        Inner::KerberosOther(n) => format!("a Kerberos message of type {n}"),
        Inner::KerberosError(code) => format!("a Kerberos error{}", code.map(|c| format!(" {c} ({})", error_name(c))).unwrap_or_default()),
        Inner::Ntlm(Ok(m)) => format!("an {}", ntlm::describe(m)),
        Inner::Ntlm(Err(Problem(why))) => format!("an NTLM message that cannot be read ({why})"),
        Inner::Unknown => "a mechanism token of an unknown kind".into(),
    }
}

/// The name and meaning of a Kerberos error code (RFC 4120 §7.5.9).
pub fn error_name(code: i64) -> &'static str {
    match code {
        7 => "`KDC_ERR_S_PRINCIPAL_UNKNOWN`: no account has this service principal",
        14 => "`KDC_ERR_ETYPE_NOSUPP`: no common encryption type",
        31 => "`KRB_AP_ERR_BAD_INTEGRITY`: the ticket does not decrypt with the service's key",
        32 => "`KRB_AP_ERR_TKT_EXPIRED`: the ticket has expired",
        34 => "`KRB_AP_ERR_REPEAT`: the authenticator was replayed",
        37 => "`KRB_AP_ERR_SKEW`: the clocks differ by more than the allowed skew",
        41 => "`KRB_AP_ERR_MODIFIED`: the ticket was encrypted for another account; the SPN is on the wrong account or its password changed",
        44 => "`KRB_AP_ERR_BADKEYVER`: the ticket was made with an older key of the service account",
        _ => "see RFC 4120 §7.5.9",
    }
}

/// A one-line description of a token.
pub fn describe(token: &Token) -> String {
    match token {
        Token::Init { mechanisms, inner } => {
            let list: Vec<String> = mechanisms.iter().map(|m| mechanism_name(m)).collect();
            let first = inner.as_ref().map(|i| format!(", carrying {}", describe_inner(i))).unwrap_or_default();
            format!("SPNEGO offer of {}{first}", if list.is_empty() { "no mechanism".into() } else { list.join(", ") })
        }
        Token::Resp { state, mechanism, inner } => {
            let state = match state {
                Some(0) => "accept-completed",
                Some(1) => "accept-incomplete",
                Some(2) => "reject",
                Some(3) => "request-mic",
                _ => "no state",
            };
            let mech = mechanism.as_deref().map(|m| format!(", mechanism {}", mechanism_name(m))).unwrap_or_default();
            let inner = inner.as_ref().map(|i| format!(", carrying {}", describe_inner(i))).unwrap_or_default();
            format!("SPNEGO response `{state}`{mech}{inner}")
        }
        Token::Bare(inner) => format!("A bare token: {}", describe_inner(inner)),
    }
}

/// The findings of `Negotiate <base64>` credentials or challenge data.
pub fn credential_findings(credentials: &str) -> Vec<Finding> {
    if credentials.trim().is_empty() {
        return Vec::new();
    }
    let token = ntlm::decode_base64(credentials).and_then(|b| decode(&b));
    let mut out = Vec::new();
    match &token {
        Err(Problem(why)) => out.push(Finding::new(Code::NegotiateTokenUnreadable, format!("The Negotiate token cannot be read: {why}"))),
        Ok(t) => {
            out.push(Finding::new(Code::NegotiateTokenDecoded, describe(t)));
            match t {
                Token::Init { inner: Some(Inner::Kerberos(Err(Problem(why)))), .. } | Token::Bare(Inner::Kerberos(Err(Problem(why)))) => {
                    out.push(Finding::new(Code::NegotiateTokenUnreadable, format!("The Kerberos ticket in the token cannot be read: {why}")))
                }
                Token::Resp { inner: Some(Inner::KerberosError(code)), .. } | Token::Bare(Inner::KerberosError(code)) => out.push(Finding::new(
                    Code::NegotiateRejected,
                    format!("The server answered with a Kerberos error{}", code.map(|c| format!(": {c}, {}", error_name(c))).unwrap_or_default()),
                )),
                Token::Resp { state: Some(2), .. } => {
                    out.push(Finding::new(Code::NegotiateRejected, "The server answered with SPNEGO `reject`: it could not accept the client's token"))
                }
                _ => {}
            }
            if let Some(m) = ntlm_message(t) {
                out.extend(ntlm::findings(m).into_iter().filter(|f| f.code != Code::NtlmMessageDecoded));
            }
        }
    }
    out
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::NegotiateTokenUnreadable,
        meaning: "A `Negotiate` token could not be decoded as SPNEGO, or the Kerberos ticket inside it could not be read; the message gives the reason.",
        why: "A server that cannot parse the token cannot authenticate the client and answers 401 again; a token cut short by a header size limit or damaged in copying is the most common cause.",
        caller: "Capture the full header again, and let the OS library (SSPI, GSSAPI via `curl --negotiate -u :`) produce the token; large tokens from users in many groups may need a bigger header limit on the server.",
        owner: "Raise the header size limit if large Kerberos tokens are truncated (IIS `MaxFieldLength`/`MaxRequestBytes`, proxy header buffers), and check the server's log for token parse errors.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NegotiateTokenDecoded,
        meaning: "The engine decoded the `Negotiate` token and summarises it: SPNEGO init or response, the mechanisms offered, and, where present, the Kerberos ticket's service principal and realm or an embedded NTLM message.",
        why: "This is a note: decoding says nothing wrong in itself; it matters because the service principal, realm and mechanism it shows are what the server must accept, so compare them with the server's name and domain.",
        caller: "Check that the ticket names `HTTP/<the host you called>` in the expected realm; `klist` on the client shows the tickets it holds.",
        owner: "Compare the service principal with the SPNs registered on the service account (`setspn -L <account>`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NegotiateRejected,
        meaning: "The server's `Negotiate` response token is an SPNEGO `reject` or carries a Kerberos error (the message names the error code when it is present).",
        why: "The server could not accept the client's token (for example a ticket for another service key, clock skew, an unknown principal or a replay), so authentication fails and the request is answered with 401.",
        caller: "Look at the Kerberos error named: for clock skew (`KRB_AP_ERR_SKEW`) synchronise the clock, for `KRB_AP_ERR_MODIFIED` check the SPN and the name used; then purge tickets (`klist purge`) and retry.",
        owner: "Check the service account's keytab or password against the SPN, its key version number (`kvno`), the server's clock, and the system log for Kerberos errors on the server.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    // Made with impacket 0.13.1 (`SPNEGO_NegTokenInit`, an `AP_REQ` encoded with pyasn1 for
    // `HTTP/intranet.contoso.com@CONTOSO.COM`; the ticket's cipher text is filler, since no KDC
    // was involved).
    const KRB: &str = "YIIBGQYGKwYBBQUCoIIBDTCCAQmgJDAiBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICCqKB4ASB3WCB2gYJKoZIhvcSAQICAQBugcowgcegAwIBBaEDAgEOogcDBQAgAAAAo4GEYYGBMH+gAwIBBaENGwtDT05UT1NPLkNPTaInMCWgAwIBAqEeMBwbBEhUVFAbFGludHJhbmV0LmNvbnRvc28uY29to0AwPqADAgESoQMCAQOiMgQwAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vpCswKaADAgESoiIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    // Made with pyspnego 0.12.4 (`protocol="negotiate"` without a Kerberos ticket: NTLM).
    const NEGO_NTLM: &str = "YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAADeCCOIAAAAAKAAAAAAAAAAoAAAAAAwEAAAAAA8=";
    const NEGO_RESP: &str = "oYGQMIGNoAMKAQOhDAYKKwYBBAGCNwICCqJ4BHZOVExNU1NQAAIAAAAEAAQAOAAAADWCiuIcHkTeadXFcQAAAAAAAAAAOgA6ADwAAAAADAQAAAAAD1YATQABAAQAVgBNAAIAFgBXAE8AUgBLAFMAVABBAFQASQBPAE4AAwAEAHYAbQAHAAgAesGNA3eC3QEAAAAA";

    fn read(b64: &str) -> Result<Token, Problem> {
        ntlm::decode_base64(b64).and_then(|b| decode(&b))
    }

    #[test]
    fn kerberos_ap_req_realm_and_service() {
        let token = read(KRB).unwrap();
        let Token::Init { mechanisms, .. } = &token else { panic!("{token:?}") };
        assert_eq!(mechanisms, &[KERBEROS_MS, KERBEROS, NTLMSSP]);
        let ap = ap_req_of(&token).unwrap();
        assert_eq!((ap.realm.as_str(), ap.service.as_str(), ap.etype), ("CONTOSO.COM", "HTTP/intranet.contoso.com", Some(18)));
        assert!(!is_ntlm(&token));
    }

    #[test]
    fn spnego_wrapping_ntlm() {
        let token = read(NEGO_NTLM).unwrap();

        assert!(is_ntlm(&token));
        assert!(matches!(ntlm_message(&token), Some(Ok(ntlm::Message::Negotiate { .. }))));
        let resp = read(NEGO_RESP).unwrap();
        assert!(matches!(resp, Token::Resp { state: Some(3), .. }), "pyspnego asks for a MIC: {resp:?}");
        assert!(matches!(ntlm_message(&resp), Some(Ok(ntlm::Message::Challenge { .. }))));
    }

    #[test]
    fn garbage_is_a_problem() {
        for text in ["", "AAAA", "YIIBGQ==", "oQMKAQI=", "YAMGAQA="] {
            let _ = read(text);
        }
        let full = ntlm::decode_base64(KRB).unwrap();
        for cut in 0..full.len() {
            let _ = decode(full.get(..cut).unwrap());
        }
        assert_eq!(credential_findings("oQcwBaADCgEC").iter().map(|f| f.code).collect::<Vec<_>>(), [Code::NegotiateTokenDecoded, Code::NegotiateRejected]);
    }
}
