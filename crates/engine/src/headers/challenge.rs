//! What a `WWW-Authenticate` or `Proxy-Authenticate` challenge tells the client: the schemes the
//! server accepts and, for Bearer, why it refused the token (RFC 6750 §3, RFC 9449 §7,
//! RFC 9728 §5).

use super::www_authenticate::{parse, Challenge, Problem};
use crate::findings::{Code, Finding};

fn describe(challenge: &Challenge) -> String {
    let mut parts = vec![format!("`{}`", challenge.scheme)];
    if let Some(realm) = challenge.param("realm") {
        parts.push(format!("realm `{realm}`"));
    }
    if let Some(error) = challenge.param("error") {
        parts.push(format!("error `{error}`"));
    }
    parts.join(", ")
}

/// A challenge header value, parsed once: its challenges and what could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub challenges: Vec<Challenge>,
    pub problems: Vec<Problem>,
}

impl Parsed {
    pub fn of(value: &str) -> Self {
        let (challenges, problems) = parse(value);
        Parsed { challenges, problems }
    }
}

/// A one-line summary and the findings of a challenge header value.
pub fn analyze(parsed: &Parsed, proxy: bool) -> (String, Vec<Finding>) {
    let Parsed { challenges, problems } = parsed;
    let mut findings: Vec<Finding> =
        problems.iter().map(|p| Finding::new(Code::ChallengeUnreadable, format!("At character {}: {}", p.at.saturating_add(1), p.what))).collect();
    let header = if proxy { "Proxy-Authenticate" } else { "WWW-Authenticate" };
    if challenges.is_empty() {
        findings.push(Finding::new(Code::ChallengeUnreadable, format!("`{header}` holds no challenge")));
    }
    if proxy {
        findings.push(Finding::new(
            Code::ProxyChallenge,
            format!("`Proxy-Authenticate` asks for {}: a proxy between you and the API wants credentials (status 407), not the API", list(challenges)),
        ));
    }
    for challenge in challenges {
        let description = challenge.param("error_description").map(|d| format!(" (\"{d}\")")).unwrap_or_default();
        match challenge.param("error") {
            Some("invalid_token") => findings.push(Finding::new(
                Code::ChallengeInvalidToken,
                format!("The server refused the token as `invalid_token`{description}: expired, revoked, malformed, or meant for another audience or issuer"),
            )),
            Some("insufficient_scope") => {
                let needs = challenge.param("scope").map(|s| format!("; it requires `{s}`")).unwrap_or_default();
                findings.push(Finding::new(Code::ChallengeInsufficientScope, format!("The server says the token lacks scope{description}{needs}")));
            }
            Some("invalid_request") => findings.push(Finding::new(
                Code::ChallengeInvalidRequest,
                format!(
                    "The server says the request is malformed (`invalid_request`){description}: a missing or duplicated credential, or a token in two places"
                ),
            )),
            Some("invalid_dpop_proof" | "use_dpop_nonce") => findings.push(Finding::new(
                Code::ChallengeDpopRefused,
                format!("The server refused the DPoP proof (`{}`){description}", challenge.param("error").unwrap_or("")),
            )),
            Some(other) => findings.push(Finding::new(Code::ChallengeDetails, format!("The challenge carries the error `{other}`{description}"))),
            None => {}
        }
        if let Some(algs) = challenge.param("algs") {
            findings.push(Finding::new(Code::ChallengeDetails, format!("The server accepts DPoP proofs signed with {algs}")));
        }
        if let Some(metadata) = challenge.param("resource_metadata") {
            findings
                .push(Finding::new(Code::ChallengeDetails, format!("The server publishes its requirements (authorization servers, scopes) at `{metadata}`")));
        }
    }
    let summary = if challenges.is_empty() { format!("`{header}` with no readable challenge") } else { format!("`{header}`: {}", list(challenges)) };
    (summary, findings)
}

fn list(challenges: &[Challenge]) -> String {
    challenges.iter().map(describe).collect::<Vec<_>>().join("; ")
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeUnreadable,
        meaning: "Part of a `WWW-Authenticate` (or `Proxy-Authenticate`) value does not follow the challenge grammar, such as an unterminated quoted string or a stray character, or the header holds no challenge at all; the message gives the position.",
        why: "A malformed challenge does not cause the 401, but clients and libraries that parse it may miss the scheme, realm or error, retry with the wrong credentials or show no useful reason.",
        caller: "Read the raw header to see what the server meant; if it is your own server, see the owner fix.",
        owner: "Emit challenges as RFC 9110 §11.6.1 defines them: `<scheme> param=\"value\", …`, with quoted strings closed and several challenges separated by commas.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeInvalidToken,
        meaning: "The server's challenge carries `error=\"invalid_token\"` (with its `error_description` if any): it received a bearer token and refused it.",
        why: "RFC 6750 §3.1 uses this error for a token that is expired, revoked, malformed or otherwise invalid, for example issued for another audience or by another issuer; the 401 is the server's verdict on the token itself, not on its absence.",
        caller: "Decode the token to find the failing claim (expiry, `aud`, `iss`, signature), then get a fresh token from the issuer the API trusts, for this API's audience.",
        owner: "Put the specific reason in `error_description` and log it with the request id, so callers can tell an expired token from an audience or signature problem.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeInsufficientScope,
        meaning: "The challenge carries `error=\"insufficient_scope\"`, naming the required `scope` where the server sent one.",
        why: "The token is valid but lacks the scope the resource needs; RFC 6750 §3.1 says this should be a 403, so a 401 here is the server's choice of status, not an authentication failure.",
        caller: "Request the scope named in the challenge when getting the token (and have it granted to the client), then sign in again to obtain a token that carries it.",
        owner: "Answer `insufficient_scope` with 403 rather than 401, include the needed `scope` in the challenge, and check that the client is allowed to request it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeInvalidRequest,
        meaning: "The challenge carries `error=\"invalid_request\"`: the server considers the request itself malformed.",
        why: "RFC 6750 uses this for a missing or repeated parameter, an unsupported parameter, or credentials sent by more than one method (for example both the header and the query); RFC 6750 says it should be a 400.",
        caller: "Send the token once, only in `Authorization: Bearer <token>`, and remove any `access_token` query or form parameter.",
        owner: "Put the exact problem in `error_description`; consider answering 400 as RFC 6750 §3.1 suggests.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeDpopRefused,
        meaning: "A `DPoP` challenge carries `error=\"invalid_dpop_proof\"` or `error=\"use_dpop_nonce\"`.",
        why: "With a DPoP-bound token the server also checks a proof JWT per request (RFC 9449): `use_dpop_nonce` means it wants its nonce in the proof, and `invalid_dpop_proof` means the proof's signature, `htm`, `htu`, `iat`, `jti` or key binding did not pass.",
        caller: "Build a fresh proof for each request with the method and URL being called, signed with the key the token is bound to, using an algorithm from `algs`; on `use_dpop_nonce`, retry with the nonce from the `DPoP-Nonce` header.",
        owner: "Log which proof check failed, and return `DPoP-Nonce` with `use_dpop_nonce`; make sure the URL the server compares with `htu` matches the one the client sees behind proxies.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyChallenge,
        meaning: "The response carries `Proxy-Authenticate`: a proxy between the client and the API wants credentials (status 407), not the API itself.",
        why: "The request never reached the API; the proxy refuses it until the client authenticates to the proxy, so changing the API token does not help.",
        caller: "Configure the client with the proxy's credentials (`curl --proxy-user user:pass`, `HTTPS_PROXY=http://user:pass@proxy:port`, or the operating system's proxy settings), or exclude the API host via `NO_PROXY`.",
        owner: "Check the proxy's logs and policy for this destination; add the API to the proxy's bypass or allow list if that is appropriate.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeDetails,
        meaning: "The challenge carries details that are not one of the RFC 6750 errors the engine explains: another `error` value (with its description), the DPoP `algs` the server accepts, or a `resource_metadata` URL (RFC 9728) where the protected resource's metadata can be found.",
        why: "These details do not cause the 401 by themselves; they matter because they say what the server expects, such as which proof algorithms to use or where to find the authorization server.",
        caller: "Use what the challenge names when retrying: follow `resource_metadata` to find the authorization server and scopes, sign DPoP proofs with one of `algs`, and read any `error_description`.",
        owner: "Keep these parameters accurate and documented; prefer registered error codes so clients can act on them.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(value: &str, proxy: bool) -> Vec<&'static str> {
        analyze(&Parsed::of(value), proxy).1.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn rfc6750_errors_are_explained() {
        let table: [(&str, &[&str]); 7] = [
            (r#"Bearer realm="api""#, &[]),
            (r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#, &["WWW002"]),
            (r#"Bearer error="insufficient_scope", scope="orders.write""#, &["WWW003"]),
            (r#"Bearer error="invalid_request""#, &["WWW004"]),
            (r#"DPoP algs="ES256", error="use_dpop_nonce""#, &["WWW005", "WWW008"]),
            (r#"Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#, &["WWW008"]),
            (r#"Bearer realm="unterminated"#, &["WWW001"]),
        ];
        for (value, want) in table {
            assert_eq!(codes(value, false), want, "{value}");
        }
        let (summary, findings) = analyze(&Parsed::of(r#"Bearer error="insufficient_scope", scope="orders.write""#), false);
        assert!(summary.contains("error `insufficient_scope`"), "{summary}");
        assert!(findings[0].message.contains("requires `orders.write`"), "{}", findings[0].message);
    }

    #[test]
    fn proxy_challenges_point_at_the_proxy() {
        assert_eq!(codes(r#"Basic realm="corp-proxy""#, true), ["WWW007"]);
        assert_eq!(codes("", false), ["WWW001"]);
    }
}
