//! What a `WWW-Authenticate` or `Proxy-Authenticate` challenge tells the client: the schemes the
//! server accepts and, for Bearer, why it refused the token (RFC 6750 §3, RFC 9449 §7,
//! RFC 9728 §5).

use super::www_authenticate::{parse, Challenge};
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

/// A one-line summary and the findings of a challenge header value.
pub fn analyze(value: &str, proxy: bool) -> (String, Vec<Finding>) {
    let (challenges, problems) = parse(value);
    let mut findings: Vec<Finding> = problems
        .iter()
        .map(|p| Finding::new(Code::Www001, format!("At character {}: {}", p.at + 1, p.what)))
        .collect();
    let header = if proxy { "Proxy-Authenticate" } else { "WWW-Authenticate" };
    if challenges.is_empty() {
        findings.push(Finding::new(Code::Www001, format!("`{header}` holds no challenge")));
    }
    if proxy {
        findings.push(Finding::new(
            Code::Www007,
            format!("`Proxy-Authenticate` asks for {}: a proxy between you and the API wants credentials (status 407), not the API", list(&challenges)),
        ));
    }
    for challenge in &challenges {
        let description = challenge.param("error_description").map(|d| format!(" (\"{d}\")")).unwrap_or_default();
        match challenge.param("error") {
            Some("invalid_token") => findings.push(Finding::new(
                Code::Www002,
                format!("The server refused the token as `invalid_token`{description}: expired, revoked, malformed, or meant for another audience or issuer"),
            )),
            Some("insufficient_scope") => {
                let needs = challenge.param("scope").map(|s| format!("; it requires `{s}`")).unwrap_or_default();
                findings.push(Finding::new(Code::Www003, format!("The server says the token lacks scope{description}{needs}")));
            }
            Some("invalid_request") => findings.push(Finding::new(
                Code::Www004,
                format!("The server says the request is malformed (`invalid_request`){description}: a missing or duplicated credential, or a token in two places"),
            )),
            Some("invalid_dpop_proof" | "use_dpop_nonce") => findings.push(Finding::new(
                Code::Www005,
                format!("The server refused the DPoP proof (`{}`){description}", challenge.param("error").unwrap_or("")),
            )),
            Some(other) => findings.push(Finding::new(Code::Www008, format!("The challenge carries the error `{other}`{description}"))),
            None => {}
        }
        if let Some(algs) = challenge.param("algs") {
            findings.push(Finding::new(Code::Www008, format!("The server accepts DPoP proofs signed with {algs}")));
        }
        if let Some(metadata) = challenge.param("resource_metadata") {
            findings.push(Finding::new(
                Code::Www008,
                format!("The server publishes its requirements (authorization servers, scopes) at `{metadata}`"),
            ));
        }
    }
    let summary = if challenges.is_empty() { format!("`{header}` with no readable challenge") } else { format!("`{header}`: {}", list(&challenges)) };
    (summary, findings)
}

fn list(challenges: &[Challenge]) -> String {
    challenges.iter().map(describe).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(value: &str, proxy: bool) -> Vec<&'static str> {
        analyze(value, proxy).1.iter().map(|f| f.code.as_str()).collect()
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
        let (summary, findings) = analyze(r#"Bearer error="insufficient_scope", scope="orders.write""#, false);
        assert!(summary.contains("error `insufficient_scope`"), "{summary}");
        assert!(findings[0].message.contains("requires `orders.write`"), "{}", findings[0].message);
    }

    #[test]
    fn proxy_challenges_point_at_the_proxy() {
        assert_eq!(codes(r#"Basic realm="corp-proxy""#, true), ["WWW007"]);
        assert_eq!(codes("", false), ["WWW001"]);
    }
}
