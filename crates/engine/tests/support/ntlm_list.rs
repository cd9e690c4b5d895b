//! Fixtures about connection-based and proxy authentication: NTLM, Negotiate (SPNEGO, Kerberos)
//! and `407` answers.
//!
//! Evidence: the NTLM and SPNEGO tokens were made with pyspnego 0.12.4 (user `CONTOSO\alice`,
//! password `Passw0rd!`) against its own NTLM server; the `curl -v` transcripts are curl 7.88.1
//! against a local NTLM server built on pyspnego (`curl-connection-dropped`: one that drops the
//! connection after each challenge) and a local proxy answering 407. `domain-differs` answers a
//! challenge whose target-type flag was switched from server to domain before the client saw it.
//! The Kerberos AP-REQs were encoded with impacket 0.13.1 without a KDC (real structure, filler
//! cipher text), and so was the KRB-ERROR (`KRB_AP_ERR_MODIFIED`) of `kerberos-error-modified`,
//! inside impacket's `SPNEGO_NegTokenResp` (whose `reject` alone is `server-rejects`). The
//! anonymous authenticate message was written byte by byte from MS-NLMP §3.2.5.1.2. The HAR
//! connection ids are set by hand around the pyspnego tokens.

fixtures!(NTLM:
    "negotiate/fallback-to-ntlm",
    "negotiate/kerberos-error-modified",
    "negotiate/kerberos-ticket",
    "negotiate/server-rejects",
    "negotiate/spn-for-another-host",
    "negotiate/unreadable",
    "ntlm/anonymous",
    "ntlm/basic-to-windows-server",
    "ntlm/curl-connection-close",
    "ntlm/curl-connection-dropped",
    "ntlm/curl-handshake-ok",
    "ntlm/curl-wrong-password",
    "ntlm/domain-differs",
    "ntlm/handshake-stopped",
    "ntlm/har-legs-on-two-connections",
    "ntlm/http2-handshake",
    "ntlm/ntlmv1-response",
    "ntlm/ntlmv1-password-matches",
    "ntlm/ntlmv1-wrong-password",
    "ntlm/pyspnego-handshake-ok",
    "ntlm/unreadable",
    "proxy/authorization-instead",
    "proxy/basic-to-ntlm-proxy",
    "proxy/connect-refused",
    "proxy/credentials-refused",
    "proxy/ntlm-proxy-refuses-password",
    "proxy/tools-stopped",
);
