//! Windows authentication over HTTP, across exchanges: which scheme a header's data is (NTLM
//! or Negotiate), and the handshake that follows (MS-NTHT) — the three legs on one connection,
//! the server's challenge, the client's answer checked with the password, Negotiate falling back
//! to NTLM and why, a client answering with Basic. It reads the messages through
//! [`super::ntlm`] (the NTLM codec) and [`super::negotiate`] (SPNEGO and Kerberos), which do not
//! know about each other's exchanges, so neither depends on this module and they form no cycle.

use super::ntlm::{decode, decode_base64, v1_matches, v2_matches, AvPair, Message, ResponseKind};
use crate::findings::{Code, Finding};

/// The findings of the data after an `NTLM` or `Negotiate` scheme name, in credentials or in a
/// challenge; nothing for other schemes.
pub fn scheme_findings(scheme: &str, data: &str) -> Vec<Finding> {
    if scheme.eq_ignore_ascii_case("ntlm") {
        super::ntlm::credential_findings(data)
    } else if scheme.eq_ignore_ascii_case("negotiate") {
        super::negotiate::credential_findings(data)
    } else {
        Vec::new()
    }
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
