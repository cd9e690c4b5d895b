//! Authentication schemes whose rules go beyond the `Authorization` header's own text:
//! credentials computed from a challenge and the request (Digest, NTLM, Negotiate), proxy
//! authentication, and signed requests (AWS Signature V4).

pub mod digest;
pub mod negotiate;
pub mod ntlm;
pub mod proxy;
pub mod sigv4;
pub mod windows;

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyCredentialsRefused,
        meaning: "The request carried `Proxy-Authorization` (Basic, Digest or Bearer), or completed an NTLM or Negotiate handshake with the proxy, and the proxy still answered 407: it refused the credentials.",
        why: "A 407 after credentials means the proxy received them and did not accept them (wrong password, unknown user, the user lacks proxy access, or a scheme-specific error), so the request is never forwarded to the API.",
        caller: "Check the proxy user name and password (including percent-encoding of `@`, `:` and `\\` in proxy URLs such as `http://USER:PASSWORD@PROXY:PORT`), and whether the account is allowed to use the proxy.",
        owner: "Check the proxy's authentication log (for example Squid `access.log` with `TCP_DENIED/407`, or the directory's failed-logon events) for the user and reason.",
    },
];
