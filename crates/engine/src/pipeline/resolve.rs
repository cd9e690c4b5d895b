//! The one place where findings meet: every interaction between rules, as a table.
//!
//! Rules elsewhere only add findings. Here, after every stage has run, a finding may be
//! dropped because another explains it, kept once, or raised because the server's answer
//! confirms it. Every rule is evaluated **per exchange**: two findings meet only when they are
//! about the same exchange (a HAR file with two APIs is two stories), or when both come from
//! text outside any message, or the paste holds at most one exchange.
//!
//! Each rule has a fixture named in its comment.

use super::Analysis;
use crate::findings::{Code, Finding, Severity};

/// What makes a rule apply to a finding.
#[derive(Debug, Clone, Copy)]
pub(crate) enum When {
    /// Another finding with one of these codes is about the same exchange.
    SameExchangeHas(&'static [Code]),
    /// The capture is a HAR export that left out every credential header.
    SanitizedHar,
    /// A challenge for this scheme (case-insensitive) is about the same exchange.
    SameExchangeAsks(&'static str),
}

/// One interaction.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rule {
    /// Drop every finding of `code` to which `when` applies.
    Suppress { code: Code, when: When },
    /// Keep only the first finding of `code`.
    OncePerReport(Code),
    /// Keep only the first finding of `code` with each message: the same fact told again by a
    /// retry is said once, while findings of that code that say other things stay.
    OncePerMessage(Code),
    /// Give the findings of `code` to which `when` applies the severity `to`, saying why.
    Raise { code: Code, to: Severity, when: When, because: &'static str },
}

/// The rules, applied in order.
pub(crate) const RULES: &[Rule] = &[
    // A token endpoint that refuses a client authentication method its metadata does not list
    // answers with a generic error; the metadata finding names the method. Fixture:
    // metadata/google-public-client-not-accepted.
    Rule::Suppress { code: Code::TokenErrorInvalidRequest, when: When::SameExchangeHas(&[Code::ClientAuthNotSupported]) },
    Rule::Suppress { code: Code::TokenErrorInvalidClient, when: When::SameExchangeHas(&[Code::ClientAuthNotSupported]) },
    // An exchange that lost `Authorization` on a redirect is explained by that, not by a client
    // that sent no credentials; likewise a request whose cookies the browser's rules held back.
    // Fixtures: http/redirect-to-other-origin, cookies/cross-site-login-cookie-refused.
    Rule::Suppress {
        code: Code::NoCredentialsSent,
        when: When::SameExchangeHas(&[
            Code::AuthorizationDroppedOnRedirect,
            Code::CookieMissing,
            Code::SameSiteNoneWithoutSecure,
            Code::CookieDomainMismatch,
            Code::CookieDomainPublicSuffix,
            Code::CookiePrefixUnmet,
            Code::CookiePathExcludes,
            Code::CookieDomainExcludes,
            Code::SameSiteBlocksCrossSite,
            Code::SecureCookieToHttp,
            Code::RequestWithoutCredentials,
            Code::CookieCannotReplaceSecure,
            Code::PartitionedWithoutSecure,
        ]),
    },
    // The first leg of a Digest handshake carries no credentials by design: the client waits
    // for the challenge, and the next exchange answers it. Fixture: digest/curl-md5-good.
    Rule::Suppress { code: Code::NoCredentialsSent, when: When::SameExchangeHas(&[Code::DigestHandshakeFirstLeg]) },
    // Likewise a proxy's Digest challenge that the next exchange answers: the proxy asked, and
    // got, its credentials. Fixture: digest/curl-proxy-md5.
    Rule::Suppress { code: Code::ProxyChallenge, when: When::SameExchangeHas(&[Code::DigestHandshakeFirstLeg]) },
    Rule::Suppress { code: Code::LoggedProxy, when: When::SameExchangeHas(&[Code::DigestHandshakeFirstLeg]) },
    // An MCP client retries after the first 401, and both challenges point at the same
    // protected-resource metadata: it is said once. Fixture: metadata/mcp-issuer-not-listed.
    Rule::OncePerMessage(Code::ChallengeDetails),
    // A proxy that refused the credentials it was sent (PRX001) says more than its 407's
    // challenge (WWW007) or the client's logged "proxy wants credentials" (MSG021): the proxy's
    // refusal is told once, by PRX001. Fixture: proxy/credentials-refused.
    Rule::Suppress { code: Code::ProxyChallenge, when: When::SameExchangeHas(&[Code::ProxyCredentialsRefused]) },
    Rule::Suppress { code: Code::LoggedProxy, when: When::SameExchangeHas(&[Code::ProxyCredentialsRefused]) },
    // AWS answers a refused signature with 403: the signature findings explain it, not missing
    // permissions. Fixture: sigv4/server-canonical-request-header-differs.
    Rule::Suppress {
        code: Code::Forbidden,
        when: When::SameExchangeHas(&[
            Code::SigV4HostNotSigned,
            Code::SigV4SignedHeaderAbsent,
            Code::SigV4DateMissing,
            Code::SigV4ScopeDateMismatch,
            Code::SigV4RegionMismatch,
            Code::SigV4TimeSkewed,
            Code::SigV4PresignedExpired,
            Code::SigV4PayloadHashMismatch,
            Code::SigV4SessionTokenMissing,
            Code::SigV4SignatureMismatch,
            Code::SigV4CanonicalRequestDiffers,
            Code::SigV4CanonicalRequestAgrees,
        ]),
    },
    // The catalogued "signature does not match" is read further by the Signature V4 rules, which
    // say where the signature went wrong; the general note then adds nothing.
    // Fixture: sigv4/server-canonical-request-header-differs.
    Rule::Suppress {
        code: Code::LoggedRequestSignature,
        when: When::SameExchangeHas(&[Code::SigV4SignatureMismatch, Code::SigV4CanonicalRequestDiffers, Code::SigV4CanonicalRequestAgrees]),
    },
    // A request without credentials that the resource answered with a pointer to its metadata,
    // and that the client then retried with a token, is discovery, not a missing header.
    // Fixture: metadata/mcp-exchange-accepted.
    Rule::Suppress { code: Code::NoCredentialsSent, when: When::SameExchangeHas(&[Code::DiscoveryChallenge]) },
    // A sanitized HAR export removed the credentials; their absence says nothing.
    // Fixture: har/sanitized-export.
    Rule::Suppress { code: Code::NoCredentialsSent, when: When::SanitizedHar },
    // One note about an old capture's dates is enough. Fixture: har/preflight-refused.
    Rule::OncePerReport(Code::DateDiffersFromClock),
    // An ID token is a likely cause when the server refused the token as `invalid_token` (some
    // APIs do take ID tokens, and those do not refuse them). Fixture: claims/id-token-refused.
    Rule::Raise {
        code: Code::IdTokenAsAccessToken,
        to: Severity::Error,
        when: When::SameExchangeHas(&[Code::ChallengeInvalidToken]),
        because: "the server refused it as `invalid_token`, as an API does with an ID token",
    },
    // A Basic password with a colon matters when a server asking for Basic refused it.
    // Fixture: headers/basic-colon-in-password.
    Rule::Raise {
        code: Code::BasicPasswordColon,
        to: Severity::Warning,
        when: When::SameExchangeAsks("basic"),
        because: "the server refused them, so check how it splits the decoded credentials",
    },
    // A request without credentials because the browser refused or withheld the cookie is told
    // by the cookie rule that kept it out, with its fix. Fixtures: cookies/third-party-blocked,
    // har/login-without-credentials, har/partitioned-other-top-level.
    Rule::Suppress {
        code: Code::NoCredentialsSent,
        when: When::SameExchangeHas(&[
            Code::ThirdPartyCookiesBlocked,
            Code::CookieIgnoredWithoutCredentials,
            Code::CookieInOtherPartition,
            Code::RequestWithoutCredentials,
            Code::SameSiteBlocksCrossSite,
        ]),
    },
    // A call the browser blocked says what it needed (a preflight, and why); the general note
    // that such a request is preflighted adds nothing. Fixture: har/cors-blocked-needs-preflight.
    Rule::Suppress { code: Code::CorsPreflightNeeded, when: When::SameExchangeHas(&[Code::CorsBlockedNoResponse]) },
    // Client code set up for another scheme explains the request without credentials.
    // Fixture: http/python-digest-auth-basic-challenge.
    Rule::Suppress { code: Code::NoCredentialsSent, when: When::SameExchangeHas(&[Code::ClientSetUpForOtherScheme]) },
    // A Windows-only server answered with Basic: said once, in its own terms.
    // Fixture: ntlm/basic-to-windows-server.
    Rule::Suppress { code: Code::SchemeNotAsked, when: When::SameExchangeHas(&[Code::WindowsAuthClientSentBasic]) },
    // A refused handshake whose legs did not share a connection failed for that reason, not for
    // the credentials. Fixture: ntlm/har-legs-on-two-connections.
    Rule::Suppress {
        code: Code::NtlmCredentialsRefused,
        when: When::SameExchangeHas(&[Code::NtlmLegsOnDifferentConnections, Code::NtlmConnectionClosedMidHandshake]),
    },
    // An NTLMv1 response, or a domain the server is not in, is the likely cause when the server
    // refused the handshake. Fixtures: ntlm/ntlmv1-response, ntlm/domain-differs.
    Rule::Raise {
        code: Code::NtlmV1Response,
        to: Severity::Error,
        when: When::SameExchangeHas(&[Code::NtlmCredentialsRefused]),
        because: "the server refused it, as one that accepts only NTLMv2 does",
    },
    Rule::Raise {
        code: Code::NtlmDomainDiffers,
        to: Severity::Error,
        when: When::SameExchangeHas(&[Code::NtlmCredentialsRefused]),
        because: "the server refused the handshake, as it does for a domain it does not trust",
    },
];

/// Which exchanges a finding is about; `None` for text outside every message.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    Loose,
    Exchanges(Vec<usize>),
}

struct Groups<'a> {
    analysis: &'a Analysis,
    /// Whether the paste holds more than one exchange (loose text then belongs to none).
    several: bool,
}

impl Groups<'_> {
    fn of_input(&self, input: Option<usize>) -> Group {
        match input.and_then(|i| self.analysis.input_exchanges.get(i)) {
            Some(list) if !list.is_empty() => Group::Exchanges(list.clone()),
            _ => Group::Loose,
        }
    }

    fn of(&self, f: &Finding) -> Group {
        match f.exchange {
            Some(e) => Group::Exchanges(vec![e]),
            None => self.of_input(f.input),
        }
    }

    fn meet(&self, a: &Group, b: &Group) -> bool {
        match (a, b) {
            (Group::Loose, Group::Loose) => true,
            (Group::Loose, _) | (_, Group::Loose) => !self.several,
            (Group::Exchanges(x), Group::Exchanges(y)) => x.iter().any(|e| y.contains(e)),
        }
    }
}

/// Derives the findings that correlate two inputs, then applies [`RULES`].
pub(super) fn resolve(a: &mut Analysis, sanitized: bool) {
    let derived = scheme_mismatches(a);
    a.findings.extend(derived);
    for rule in RULES {
        apply(a, *rule, sanitized);
    }
}

fn applies(a: &Analysis, groups: &Groups, f: &Finding, when: When, sanitized: bool) -> bool {
    match when {
        When::SanitizedHar => sanitized,
        When::SameExchangeHas(codes) => {
            let mine = groups.of(f);
            a.findings.iter().any(|other| codes.contains(&other.code) && groups.meet(&mine, &groups.of(other)))
        }
        When::SameExchangeAsks(scheme) => {
            let mine = groups.of(f);
            a.challenges
                .iter()
                .any(|(input, _, schemes)| schemes.iter().any(|c| c.scheme.eq_ignore_ascii_case(scheme)) && groups.meet(&mine, &groups.of_input(Some(*input))))
        }
    }
}

fn apply(a: &mut Analysis, rule: Rule, sanitized: bool) {
    let decisions: Vec<bool> = {
        let groups = Groups { analysis: a, several: a.exchanges.len() > 1 };
        match rule {
            Rule::Suppress { code, when } | Rule::Raise { code, when, .. } => {
                a.findings.iter().map(|f| f.code == code && applies(a, &groups, f, when, sanitized)).collect()
            }
            Rule::OncePerMessage(code) => {
                let mut said: std::collections::HashSet<&str> = std::collections::HashSet::new();
                a.findings.iter().map(|f| f.code == code && !said.insert(f.message.as_str())).collect()
            }
            Rule::OncePerReport(code) => {
                let mut seen = false;
                a.findings
                    .iter()
                    .map(|f| {
                        let again = f.code == code && seen;
                        seen |= f.code == code;
                        again
                    })
                    .collect()
            }
        }
    };
    let mut decided = decisions.into_iter();
    match rule {
        Rule::Suppress { .. } | Rule::OncePerReport(_) | Rule::OncePerMessage(_) => a.findings.retain(|_| !decided.next().unwrap_or(false)),
        Rule::Raise { to, because, .. } => {
            for f in a.findings.iter_mut() {
                if decided.next().unwrap_or(false) {
                    f.severity = to;
                    f.message.push_str("; ");
                    f.message.push_str(because);
                }
            }
        }
    }
}

/// WWW006: the scheme an `Authorization` header sent against the schemes a challenge about
/// the same exchange asks for. Fixture: headers/scheme-mismatch; two APIs in one capture:
/// har/two-apis-two-schemes.
fn scheme_mismatches(a: &Analysis) -> Vec<Finding> {
    let groups = Groups { analysis: a, several: a.exchanges.len() > 1 };
    let mut out = Vec::new();
    // WWW009: client code set up for one scheme, a challenge that asks only for others, and no
    // credentials sent. Fixture: http/python-digest-auth-basic-challenge.
    for (index, _, asked) in a.challenges.iter().filter(|(_, proxy, _)| !proxy) {
        let group = groups.of_input(Some(*index));
        let sent = a.authorization.iter().any(|s| !s.proxy && groups.meet(&group, &groups.of_input(Some(s.input))));
        if sent || asked.is_empty() {
            continue;
        }
        for client in &a.client_schemes {
            if asked.iter().any(|c| c.scheme.eq_ignore_ascii_case(client.scheme)) {
                continue;
            }
            let schemes: Vec<String> = asked.iter().map(|c| format!("`{}`", c.scheme)).collect();
            let mut f = Finding::new(
                Code::ClientSetUpForOtherScheme,
                format!(
                    "The client is set up for `{}` ({}, line {}), which sends credentials only in answer to a `{}` challenge; the server asks for {}, so the request went without any",
                    client.scheme,
                    client.how,
                    client.line,
                    client.scheme,
                    crate::quote::listed(&schemes).replace(" and ", " or ")
                ),
            );
            f.input = Some(*index);
            out.push(f);
        }
    }
    for (index, _, asked) in &a.challenges {
        let group = groups.of_input(Some(*index));
        // `Proxy-Authorization` answers the proxy's challenge (PRX002), not the server's.
        for sent in a.authorization.iter().filter(|s| !s.proxy) {
            if !groups.meet(&group, &groups.of_input(Some(sent.input))) {
                continue;
            }
            if !asked.is_empty() && !asked.iter().any(|c| c.scheme.eq_ignore_ascii_case(&sent.scheme)) {
                let schemes: Vec<String> = asked.iter().map(|c| format!("`{}`", c.scheme)).collect();
                let mut f = Finding::new(Code::SchemeNotAsked, format!("The server asks for {}, but the request sent `{}`", schemes.join(" or "), sent.scheme));
                f.input = Some(*index);
                out.push(f);
            }
        }
    }
    out
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClientSetUpForOtherScheme,
        meaning: "The pasted client code sets up one authentication scheme (for example requests' `HTTPDigestAuth`), while the server's challenge on the failing exchange asks only for another (for example `Basic`), and the request carried no credentials.",
        why: "Such client helpers answer only a challenge of their own scheme: a Digest helper waits for a Digest challenge and, given a Basic one, returns the 401 without ever sending the password.",
        caller: "Use the helper for the scheme the server asks for: with requests, `auth=(user, password)` or `HTTPBasicAuth` for Basic, `HTTPDigestAuth` for Digest; check that the URL is the service you meant.",
        owner: "If the endpoint is meant to accept the client's scheme, offer it in `WWW-Authenticate` (both can be listed); otherwise document the scheme clients must use.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SchemeNotAsked,
        meaning: "The request sent credentials with one scheme while the server's challenge on the same exchange asks only for others, for example `Bearer` sent where only `Basic` or `Negotiate` is asked for.",
        why: "A server checks credentials only under the schemes it implements, so credentials in another scheme are ignored or refused and the request is unauthenticated.",
        caller: "Authenticate with a scheme the challenge names, or check that the request goes to the intended API and not to a gateway or another service with its own authentication.",
        owner: "Make the challenge list every scheme the endpoint accepts; if a gateway sends its own challenge, make sure it is the one clients are expected to satisfy.",
    },
];
