//! Proxy authentication (RFC 9110 §11.7): a `407` with `Proxy-Authenticate`, the client's
//! `Proxy-Authorization`, `CONNECT` tunnels (§9.3.6), and what npm, pip, git and curl print when
//! a proxy stops them, with the setting of each that fixes it.
//!
//! The 407 without a challenge (HTTP003) and the challenge itself (WWW007) are reported where
//! every response and header is read; this module adds what follows from the request that
//! got the 407, and from the tool that printed it. NTLM and Negotiate handshakes with a proxy
//! are followed in [`super::windows::handshake`].

use crate::findings::{Code, Finding};
use crate::headers::www_authenticate::{parse, Challenge};
use crate::http::message::Message;

fn is_windows_scheme(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("ntlm") || scheme.eq_ignore_ascii_case("negotiate")
}

fn scheme_of(value: &str) -> &str {
    value.trim().split([' ', '\t']).next().unwrap_or("")
}

fn proxy_challenges(response: &Message) -> Vec<Challenge> {
    response.headers_named("proxy-authenticate").take(16).flat_map(|h| parse(&h.value).0).collect()
}

fn list(challenges: &[Challenge]) -> String {
    let names: Vec<String> = challenges.iter().map(|c| format!("`{}`", c.scheme)).collect();
    names.join(", ")
}

/// PRX005: the findings of a 407's `Proxy-Authenticate` challenges, all headers together.
fn challenge_findings(challenges: &[Challenge]) -> Vec<Finding> {
    if !challenges.is_empty() && challenges.iter().all(|c| is_windows_scheme(&c.scheme)) {
        return vec![Finding::new(
            Code::ProxyWantsWindowsAuth,
            format!("The proxy offers only {}: tools that know only Basic proxy credentials (npm, pip, many others) cannot pass it", list(challenges)),
        )];
    }
    Vec::new()
}

/// The findings of each exchange's `407` and the request that got it.
pub fn exchanges(refs: &[(Option<&Message>, Option<&Message>)]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    let mut offered: Vec<Challenge> = Vec::new();
    for (e, (request, response)) in refs.iter().enumerate().take(10_000) {
        let status = response.and_then(|r| r.status());
        let here = response.map(proxy_challenges).unwrap_or_default();
        if status == Some(407) && !here.is_empty() {
            // Each leg of a handshake with the proxy repeats the offer: it is told once.
            if !out.iter().any(|(_, f): &(usize, Finding)| f.code == Code::ProxyWantsWindowsAuth) {
                out.extend(challenge_findings(&here).into_iter().map(|f| (e, f)));
            }
            offered.clone_from(&here);
        }
        let Some(request) = request else { continue };
        let proxy_auth = request.header("proxy-authorization");
        if let (Some(value), false) = (proxy_auth, offered.is_empty()) {
            let scheme = scheme_of(value);
            if !scheme.is_empty() && !offered.iter().any(|c| c.scheme.eq_ignore_ascii_case(scheme)) {
                out.push((
                    e,
                    Finding::new(
                        Code::ProxySchemeNotOffered,
                        format!("The request answers with `Proxy-Authorization: {scheme}`, but the proxy offers {}", list(&offered)),
                    ),
                ));
            }
        }
        if status != Some(407) {
            continue;
        }
        if let Some(value) = proxy_auth {
            let scheme = scheme_of(value);
            if ["basic", "digest", "bearer"].iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
                out.push((
                    e,
                    Finding::new(
                        Code::ProxyCredentialsRefused,
                        format!("The request carried `Proxy-Authorization: {scheme}` and the proxy still answered 407: it refused those credentials"),
                    ),
                ));
            }
        } else if let Some(value) = request.header("authorization") {
            let scheme = scheme_of(value);
            if here.iter().any(|c| c.scheme.eq_ignore_ascii_case(scheme)) {
                out.push((e, Finding::new(Code::ProxyAnsweredWithAuthorization, format!("The proxy asks for `{scheme}` and the request sent `Authorization: {scheme}` without `Proxy-Authorization`: a proxy reads only `Proxy-Authorization`"))));
            }
        }
        if request.method().eq_ignore_ascii_case("CONNECT") {
            let target = match &request.start {
                crate::http::message::StartLine::Request { target, .. } => target.as_str(),
                crate::http::message::StartLine::Response { .. } => "",
            };
            out.push((
                e,
                Finding::new(
                    Code::ProxyTunnelRefused,
                    format!("The proxy answered `CONNECT {target}` with 407: no tunnel was opened, so the request never reached the API"),
                ),
            ));
        }
    }
    out
}

/// What a tool prints when a proxy stops it with 407, and the fix in that tool's own terms.
const TOOLS: [(&str, &str); 4] = [
    (
        "npm",
        "npm was stopped by a proxy that wants credentials: set `npm config set proxy http://USER:PASSWORD@PROXY:PORT` and the same for `https-proxy` (percent-encode `@`, `:` and `\\` in the user and password); a proxy that offers only NTLM needs a local relay such as Px or Cntlm",
    ),
    (
        "pip",
        "pip was stopped by a proxy that wants credentials: run `pip install --proxy http://USER:PASSWORD@PROXY:PORT …` or `pip config set global.proxy http://USER:PASSWORD@PROXY:PORT`; a proxy that offers only NTLM needs a local relay such as Px or Cntlm",
    ),
    (
        "git",
        "git was stopped by a proxy that wants credentials before `CONNECT`: set `git config --global http.proxy http://USER@PROXY:PORT` (git asks for the password) and `git config --global http.proxyAuthMethod anyauth` (or `ntlm`, `negotiate`)",
    ),
    (
        "curl",
        "curl was stopped by a proxy that wants credentials before `CONNECT`: add `--proxy-user USER:PASSWORD` with `--proxy-anyauth` (or `--proxy-ntlm`, `--proxy-negotiate`), or set `https_proxy=http://USER:PASSWORD@PROXY:PORT`",
    ),
];

/// Which tool printed a line about a 407, if it is one.
fn tool_of(line: &str) -> Option<&'static str> {
    let lower = line.to_ascii_lowercase();
    let says_407 = lower.contains("407") && (lower.contains("proxy") || lower.contains("e407") || lower.contains("connect tunnel failed"));
    if !says_407 {
        return None;
    }
    if lower.contains("npm err!") || lower.contains("npm error") || lower.contains("code e407") {
        Some("npm")
    } else if lower.contains("proxyerror") || lower.contains("pip._vendor") || lower.contains("retrying (retry(") {
        Some("pip")
    } else if lower.contains("fatal: unable to access") {
        Some("git")
    } else if lower.contains("connect tunnel failed") || lower.contains("received http code 407 from proxy after connect") {
        Some("curl")
    } else {
        None
    }
}

/// PRX006: the tools in a pasted log that a proxy stopped, once each.
pub fn tool_findings(text: &str) -> Vec<Finding> {
    let mut seen: Vec<&str> = Vec::new();
    for line in text.lines().take(200_000) {
        // A `curl -v` note is read with its exchange (a refused `CONNECT`).
        if line.len() > 4096 || line.starts_with("* ") {
            continue;
        }
        if let Some(tool) = tool_of(line) {
            if !seen.contains(&tool) {
                seen.push(tool);
            }
        }
    }
    TOOLS.iter().filter(|(tool, _)| seen.contains(tool)).map(|(_, message)| Finding::new(Code::ProxyToolNeedsCredentials, *message)).collect()
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxySchemeNotOffered,
        meaning: "The request answers a 407 with credentials in a scheme (for example `Basic`) that is absent from the proxy's latest `Proxy-Authenticate` challenges.",
        why: "The proxy verifies only the schemes it offers, so credentials in another scheme are ignored and the request gets a 407 again.",
        caller: "Configure the client to use one of the offered schemes (for example `curl --proxy-anyauth`, `git config http.proxyAuthMethod anyauth`); for NTLM or Negotiate-only proxies, use a tool that supports them or a local relay such as Px or Cntlm.",
        owner: "Offer the schemes your clients can use, or document which one is required; the proxy log shows which schemes callers attempt.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyAnsweredWithAuthorization,
        meaning: "A proxy answered 407 with a challenge, and the request sent credentials in that scheme in `Authorization` without any `Proxy-Authorization`.",
        why: "A proxy reads only `Proxy-Authorization` (RFC 9110 §11.7) and forwards `Authorization` to the origin, so the credentials meant for the proxy never reach it and it keeps answering 407.",
        caller: "Send the proxy credentials in `Proxy-Authorization`, or let the client handle it with its proxy settings (for example `curl --proxy-user USER:PASSWORD`, or credentials in the proxy URL).",
        owner: "The proxy log shows requests without proxy credentials; document that callers must use `Proxy-Authorization`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyTunnelRefused,
        meaning: "The proxy answered a `CONNECT` request with 407, so it did not open the tunnel.",
        why: "For HTTPS through a proxy, the client first asks for a tunnel with `CONNECT`; without valid proxy credentials the tunnel is refused, the TLS request to the API is never sent, and any 401-style error the client reports comes from the proxy, not the API.",
        caller: "Give the client proxy credentials for the `CONNECT` (for example `curl --proxy-user USER:PASSWORD --proxy-anyauth`, or `https_proxy=http://USER:PASSWORD@PROXY:PORT`), or bypass the proxy for this host with `NO_PROXY` if allowed.",
        owner: "In the proxy log, the refused `CONNECT` shows as 407 for the target host; check whether the proxy policy requires authentication for that destination.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyWantsWindowsAuth,
        meaning: "The proxy's 407 offers only `NTLM` and/or `Negotiate` in `Proxy-Authenticate`.",
        why: "Tools that support only Basic proxy credentials (npm, pip and many others) cannot answer such a challenge, so they fail with 407; clients that support Windows authentication (browsers, curl, git) can still pass, which is why this is a warning.",
        caller: "Use a client that supports NTLM or Negotiate for the proxy (for example `curl --proxy-ntlm` or `--proxy-negotiate`), or run a local relay such as Px or Cntlm and point the tool at it.",
        owner: "Consider offering `Basic` over TLS, or exempting build and package traffic from proxy authentication, for tools that cannot do Windows authentication.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyToolNeedsCredentials,
        meaning: "A pasted log line from npm, pip, git or curl shows that a proxy stopped the tool with 407; the message gives that tool's proxy settings.",
        why: "The 407 comes from the proxy between the tool and the remote service, so the request never reached the registry or API; supplying proxy credentials in the tool's own settings resolves it.",
        caller: "Set the proxy credentials as the message says for that tool (for example `npm config set proxy`/`https-proxy`, `pip --proxy`, `git config http.proxy` with `http.proxyAuthMethod`, `curl --proxy-user`), percent-encoding special characters, or use a relay for NTLM-only proxies.",
        owner: "Check the proxy log for the tool's requests and whether the proxy policy should allow the registry or repository hosts without authentication.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_are_told_apart() {
        let table = [
            ("npm ERR! code E407", Some("npm")),
            ("npm error 407 Proxy Authentication Required - GET https://registry.npmjs.org/left-pad", Some("npm")),
            ("WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required'))': /simple/requests/", Some("pip")),
            ("fatal: unable to access 'https://github.com/example/repo.git/': Received HTTP code 407 from proxy after CONNECT", Some("git")),
            ("curl: (56) CONNECT tunnel failed, response 407", Some("curl")),
            ("HTTP/1.1 407 Proxy Authentication Required", None),
            ("npm ERR! code E404", None),
        ];
        for (line, want) in table {
            assert_eq!(tool_of(line), want, "{line}");
        }
        assert_eq!(tool_findings("npm ERR! code E407\nnpm ERR! code E407\n").len(), 1, "once per tool");
    }
}
