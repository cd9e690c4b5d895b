//! Claims against what the API expects: audience, issuer, scopes, client, and whether the token
//! is an access token at all (RFC 7519 §4.1, RFC 9068, OpenID Connect Core §2).

use crate::context::Expectations;
use crate::findings::{Code, Finding};
use crate::report::{Check, CheckStatus};
use crate::steps::StepId;
use serde_json::{Map, Value};

/// The outcome of the claim checks of one token.
pub struct ClaimChecks {
    pub aud: Check,
    pub iss: Check,
    pub scope: Check,
    pub findings: Vec<Finding>,
    /// Steps these checks examined (the checklist shows them as passed unless a finding says
    /// otherwise).
    pub checked: Vec<StepId>,
}

fn list(values: &[String]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

/// The strings of a claim that is a string or an array of strings; `None` for any other shape.
fn strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items.iter().map(|v| v.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

/// Why two identifiers that differ look alike, if they do.
fn near_miss(got: &str, want: &str) -> Option<String> {
    let ignorable = crate::chars::ignorable;
    let seen = |text: &str| text.chars().filter(|c| !ignorable(*c)).collect::<String>();
    if got != want && seen(got) == seen(want) {
        // Named here, since a joiner is not named where the values are shown.
        let mut hidden: Vec<char> = got.chars().chain(want.chars()).filter(|c| ignorable(*c)).collect();
        hidden.sort_unstable();
        hidden.dedup();
        let names: Vec<String> = hidden.iter().map(|c| format!("<U+{:04X}>", *c as u32)).collect();
        return Some(format!(
            "they differ only in characters that do not show ({}: zero-width spaces or joiners, direction marks), and the comparison is exact",
            names.join(", ")
        ));
    }
    let hint = if got.trim_end_matches('/') == want.trim_end_matches('/') {
        Some("they differ only in a trailing `/`, and the comparison is exact")
    } else if got.eq_ignore_ascii_case(want) {
        Some("they differ only in letter case, and the comparison is exact")
    } else if got.strip_prefix("http://") == want.strip_prefix("https://") && got.starts_with("http://") {
        Some("one is `http` and the other `https`")
    } else if got.trim_end_matches('/').trim_end_matches("/v2.0") == want.trim_end_matches('/').trim_end_matches("/v2.0") {
        Some("one has the `/v2.0` suffix of Microsoft identity platform v2 tokens and the other does not")
    } else if got.trim() == want.trim() {
        Some("one has spaces around it")
    } else {
        None
    };
    hint.map(str::to_string).or_else(|| crate::metadata::url_near_miss(got, want))
}

fn audience(claims: &Map<String, Value>, expect: &Expectations, findings: &mut Vec<Finding>) -> Check {
    let token_aud = claims.get("aud");
    let Some(value) = token_aud else {
        if expect.audiences.is_empty() {
            return Check::new(CheckStatus::Skip, "No `aud` claim, and no expected audience was given");
        }
        findings.push(Finding::new(Code::AudienceMissing, format!("The token has no `aud`; the API expects {}", list(&expect.audiences))));
        return Check::new(CheckStatus::Fail, "No `aud` claim");
    };
    let Some(auds) = strings(value) else {
        findings.push(Finding::new(Code::ClaimWrongType, format!("`aud` is `{value}`; it must be a string or an array of strings")));
        return Check::new(CheckStatus::Fail, "`aud` is neither a string nor an array of strings");
    };
    if expect.audiences.is_empty() {
        return Check::new(CheckStatus::Skip, format!("Not checked (no expected audience given); `aud` is {}", list(&auds)));
    }
    if let Some(hit) = auds.iter().find(|a| expect.audiences.contains(a)) {
        return Check::new(CheckStatus::Pass, format!("`aud` contains `{hit}`"));
    }
    // With one value on each side the message has just named both: the hint does not name them
    // again.
    let single = auds.len() == 1 && expect.audiences.len() == 1;
    let hint = auds
        .iter()
        .flat_map(|a| {
            expect.audiences.iter().filter_map(move |w| near_miss(a, w).map(|h| if single { format!("; {h}") } else { format!("; `{a}` and `{w}`: {h}") }))
        })
        .next()
        .unwrap_or_default();
    findings.push(Finding::new(Code::AudienceMismatch, format!("`aud` is {}, but the API expects {}{hint}", list(&auds), list(&expect.audiences))));
    Check::new(CheckStatus::Fail, format!("`aud` is {}, not {}", list(&auds), list(&expect.audiences)))
}

fn issuer(claims: &Map<String, Value>, expect: &Expectations, findings: &mut Vec<Finding>) -> Check {
    let iss = claims.get("iss");
    match (iss, &expect.issuer) {
        (None, None) => Check::new(CheckStatus::Skip, "No `iss` claim, and no expected issuer was given"),
        (None, Some(want)) => {
            findings.push(Finding::new(Code::IssuerMissing, format!("The token has no `iss`; the API expects `{want}`")));
            Check::new(CheckStatus::Fail, "No `iss` claim")
        }
        (Some(Value::String(got)), None) => Check::new(CheckStatus::Skip, format!("Not checked (no expected issuer given); `iss` is `{got}`")),
        (Some(Value::String(got)), Some(want)) if got == want => Check::new(CheckStatus::Pass, format!("`iss` is `{got}`")),
        (Some(Value::String(got)), Some(want)) => {
            let hint = near_miss(got, want).map(|h| format!("; {h}")).unwrap_or_default();
            findings.push(Finding::new(Code::IssuerMismatch, format!("`iss` is `{got}`, but the API expects `{want}`{hint}")));
            Check::new(CheckStatus::Fail, format!("`iss` is `{got}`, not `{want}`"))
        }
        (Some(other), _) => {
            findings.push(Finding::new(Code::ClaimWrongType, format!("`iss` is `{other}`; it must be a string")));
            Check::new(CheckStatus::Fail, "`iss` is not a string")
        }
    }
}

/// Every permission the token grants, with the claim it came from.
fn granted(claims: &Map<String, Value>, findings: &mut Vec<Finding>) -> Option<Vec<(String, &'static str)>> {
    let mut out = Vec::new();
    let mut any = false;
    for name in ["scope", "scp", "roles", "permissions"] {
        let Some(value) = claims.get(name) else { continue };
        any = true;
        let claim: &'static str = match name {
            "scope" => "scope",
            "scp" => "scp",
            "roles" => "roles",
            _ => "permissions",
        };
        match value {
            // RFC 8693 §4.2 and RFC 9068 §2.2.3: a space-delimited string.
            Value::String(s) => out.extend(s.split(' ').filter(|p| !p.is_empty()).map(|p| (p.to_string(), claim))),
            Value::Array(items) if items.iter().all(Value::is_string) => out.extend(items.iter().filter_map(Value::as_str).map(|p| (p.to_string(), claim))),
            other => findings.push(Finding::new(Code::ClaimWrongType, format!("`{name}` is `{other}`; it must be a string or an array of strings"))),
        }
    }
    any.then_some(out)
}

fn scopes(claims: &Map<String, Value>, expect: &Expectations, findings: &mut Vec<Finding>) -> Check {
    let grants = granted(claims, findings);
    let Some(grants) = grants else {
        if expect.scopes.is_empty() {
            return Check::new(CheckStatus::Skip, "No `scope`, `scp` or `roles` claim, and no required scope was given");
        }
        findings.push(Finding::new(Code::NoScopes, format!("The token has no `scope`, `scp` or `roles` claim; the API requires {}", list(&expect.scopes))));
        return Check::new(CheckStatus::Fail, "The token grants no scopes");
    };
    let names: Vec<String> = grants.iter().map(|(g, _)| g.clone()).collect();
    if expect.scopes.is_empty() {
        return Check::new(CheckStatus::Skip, format!("Not checked (no required scope given); the token grants {}", list(&names)));
    }
    let missing: Vec<String> = expect.scopes.iter().filter(|w| !names.contains(w)).cloned().collect();
    if missing.is_empty() {
        return Check::new(CheckStatus::Pass, format!("The token grants {}", list(&expect.scopes)));
    }
    let hints: Vec<String> = missing
        .iter()
        .flat_map(|w| {
            names.iter().filter_map(move |g| {
                if g.eq_ignore_ascii_case(w) {
                    Some(format!("`{g}` differs from `{w}` only in letter case"))
                } else if g.contains(w.as_str()) || w.contains(g.as_str()) {
                    Some(format!("`{g}` is not `{w}`: scopes match whole and exactly"))
                } else {
                    None
                }
            })
        })
        .take(3)
        .collect();
    let hint = if hints.is_empty() { String::new() } else { format!("; {}", hints.join("; ")) };
    findings.push(Finding::new(
        Code::ScopeMissing,
        format!("The token lacks {} (it grants {}){hint}", list(&missing), if names.is_empty() { "nothing".to_string() } else { list(&names) }),
    ));
    Check::new(CheckStatus::Fail, format!("Missing {}", list(&missing)))
}

/// The claims that name the client a token was issued to, in order of authority.
const CLIENT_CLAIMS: [&str; 4] = ["azp", "client_id", "cid", "appid"];

fn client(claims: &Map<String, Value>, expect: &Expectations, findings: &mut Vec<Finding>) -> bool {
    let Some(want) = &expect.client_id else { return false };
    let Some((name, got)) = CLIENT_CLAIMS.iter().find_map(|n| claims.get(*n).and_then(Value::as_str).map(|v| (*n, v))) else {
        return false;
    };
    if got != want {
        findings.push(Finding::new(Code::ClientMismatch, format!("`{name}` is `{got}`, but the expected client is `{want}`")));
    }
    true
}

/// Access token, ID token, or cannot tell: signals from RFC 9068, OpenID Connect and vendors.
fn token_type(header: &Value, claims: &Map<String, Value>, expect: &Expectations, findings: &mut Vec<Finding>) -> bool {
    let typ = header.get("typ").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let mut id_signals: Vec<String> = ["nonce", "at_hash", "c_hash"].iter().filter(|n| claims.contains_key(**n)).map(|n| format!("`{n}`")).collect();
    if text("token_use") == Some("id") {
        id_signals.push("`\"token_use\": \"id\"`".into());
    }
    if text("typ") == Some("ID") {
        id_signals.push("`\"typ\": \"ID\"`".into());
    }
    let auds = claims.get("aud").and_then(strings).unwrap_or_default();
    // An ID token is addressed to the client that asked for it: `aud` is that client's id.
    if let Some(azp) = text("azp") {
        if auds == [azp.to_string()] && !expect.audiences.iter().any(|a| a == azp) {
            id_signals.push(format!("`aud` is the client `{azp}` named by `azp`"));
        }
    }
    if let Some(client) = &expect.client_id {
        if auds.contains(client) && !expect.audiences.contains(client) {
            id_signals.push(format!("`aud` is the client id `{client}`"));
        }
    }
    if text("typ") == Some("Refresh") || text("token_use") == Some("refresh") {
        findings.push(Finding::new(
            Code::RefreshTokenAsAccessToken,
            "The token says it is a refresh token; it is exchanged at the token endpoint for an access token and is never sent to an API",
        ));
        return true;
    }
    let access = typ == "at+jwt"
        || typ == "application/at+jwt"
        || text("token_use") == Some("access")
        || text("typ") == Some("Bearer")
        || ["scope", "scp"].iter().any(|n| claims.contains_key(*n));
    if !(id_signals.is_empty() || typ == "at+jwt" || typ == "application/at+jwt") {
        findings.push(Finding::new(
            Code::IdTokenAsAccessToken,
            format!("The token has {}, the marks of an OpenID Connect ID token; APIs expect an access token", id_signals.join(", ")),
        ));
        return true;
    }
    access
}

/// Checks a token's claims against the expectations.
pub fn check(header: &Value, claims: &Map<String, Value>, expect: &Expectations) -> ClaimChecks {
    let mut findings = Vec::new();
    let mut checked = Vec::new();
    let aud = audience(claims, expect, &mut findings);
    let iss = issuer(claims, expect, &mut findings);
    let scope = scopes(claims, expect, &mut findings);
    if !expect.audiences.is_empty() || expect.issuer.is_some() {
        checked.push(StepId::TokenAudience);
    }
    if !expect.scopes.is_empty() {
        checked.push(StepId::TokenScope);
    }
    if client(claims, expect, &mut findings) {
        checked.push(StepId::IdentityProvider);
    }
    if token_type(header, claims, expect, &mut findings) {
        checked.push(StepId::TokenType);
    }
    ClaimChecks { aud, iss, scope, findings, checked }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::AudienceMismatch,
        meaning: "The token's `aud` (a string or array) contains none of the audiences the API is expected to accept; the message lists both and points out near misses such as a trailing `/`, letter case, `http` against `https`, a `/v2.0` suffix, or invisible characters.",
        why: "RFC 7519 §4.1.3 requires a recipient to reject a token whose `aud` does not identify it; the comparison is exact, so a token issued for another API, or for the client, is refused with 401 `invalid_token`.",
        caller: "Request the token for this API: pass its exact identifier as `audience` or `resource` (RFC 8707), or request a scope that belongs to it, then use the new token.",
        owner: "Check that the API's configured audience matches exactly the value the issuer writes into `aud`, or add that value to the list of accepted audiences.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AudienceMissing,
        meaning: "An expected audience was given, but the token has no `aud` claim.",
        why: "An API that checks the audience cannot match a missing `aud` and refuses the token; RFC 9068 makes `aud` mandatory for JWT access tokens.",
        caller: "Request the token with the API's `audience` or `resource` parameter, or with one of its scopes, so the issuer adds `aud`.",
        owner: "Configure the issuer to set `aud` on access tokens for this API (many providers need the API registered as a resource).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IssuerMismatch,
        meaning: "The token's `iss` differs from the issuer the API is expected to trust; the message points out near misses such as a trailing `/`, letter case, `http` against `https` or a `/v2.0` suffix.",
        why: "Issuer values are compared exactly; an API that trusts one issuer refuses tokens from another (another tenant, realm, environment or endpoint version) with 401.",
        caller: "Get the token from the issuer the API trusts (right tenant, realm or environment), or from the matching endpoint version.",
        owner: "Set the API's expected issuer to exactly the `iss` the tokens carry, as published in the issuer's discovery metadata (`issuer`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IssuerMissing,
        meaning: "An expected issuer was given, but the token has no `iss` claim.",
        why: "An API that validates the issuer cannot do so and refuses the token; RFC 9068 requires `iss` in JWT access tokens.",
        caller: "Check that this is the access token from the expected issuer, not a token minted by another component.",
        owner: "Configure the issuer to include `iss` in every access token.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ScopeMissing,
        meaning: "Required scopes were given, and the token's `scope`, `scp`, `roles` or `permissions` claims lack one or more of them; the message lists what is missing and what the token grants, with hints for near misses.",
        why: "An API that checks scopes refuses the call; RFC 6750 calls for 403 with `insufficient_scope`, but many APIs answer 401.",
        caller: "Request the missing scopes in the `scope` parameter when getting the token, make sure they are granted to the client (and consented), then sign in again.",
        owner: "Check the client's allowed scopes or app roles at the identity provider and the API's required scopes; return 403 `insufficient_scope` naming the scope.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoScopes,
        meaning: "Required scopes were given, but the token has no `scope`, `scp`, `roles` or `permissions` claim at all.",
        why: "An API that authorises by scope finds nothing to grant and refuses the request.",
        caller: "Request the scopes the API needs when obtaining the token; check that you are sending the access token and not another token type.",
        owner: "Check that the issuer emits scopes or roles in access tokens for this API (RFC 9068 §2.2.3) and that the client is allowed to receive them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IdTokenAsAccessToken,
        meaning: "The token has the marks of an OpenID Connect ID token (`nonce`, `at_hash`, `c_hash`, `token_use: id`, `typ: ID`, or an `aud` equal to the client id) and is not typed `at+jwt`; when the server answered `invalid_token` on the same exchange, this warning becomes an error.",
        why: "An ID token is addressed to the client, not to the API, so its `aud` is the client id and APIs that validate audience or token type refuse it; some APIs accept ID tokens, which is why this alone is a warning.",
        caller: "Send the access token from the token response (`access_token`), not the `id_token`; in SPA libraries use the method that returns the access token for the API's scope.",
        owner: "Reject ID tokens explicitly (check `typ` `at+jwt` or the audience) and say so in `error_description`, so the mistake is obvious to callers.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClientMismatch,
        meaning: "An expected client id was given, and the token's `azp`, `client_id`, `cid` or `appid` names a different client.",
        why: "An API that only accepts tokens issued to particular clients refuses tokens obtained by another application.",
        caller: "Compare the `client_id` configured in the application (per environment and tenant) with the one the API accepts, and sign in with the expected client.",
        owner: "Check the API's list of allowed clients and the client registration at the identity provider.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClaimWrongType,
        meaning: "A claim has the wrong JSON type: `aud` is neither a string nor an array of strings, `iss` is not a string, or `scope`, `scp`, `roles` or `permissions` is neither a string nor an array of strings.",
        why: "Verifiers cannot compare the claim with what they expect, so they reject the token or treat the claim as missing, which leads to a 401 or 403.",
        caller: "Report the token to the issuer; the claim is signed and cannot be fixed by the caller.",
        owner: "Make the issuer write registered claims in their defined form (RFC 7519 §4.1): strings, or arrays of strings for `aud`, and space-separated strings for `scope`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RefreshTokenAsAccessToken,
        meaning: "The token says it is a refresh token (`typ: Refresh` or `token_use: refresh`) but is used as a bearer token.",
        why: "Refresh tokens are meant only for the token endpoint (RFC 6749 §1.5); APIs do not accept them, so the request fails with 401.",
        caller: "Call the token endpoint with `grant_type=refresh_token` and this token, and put the returned `access_token` in `Authorization: Bearer`.",
        owner: "No server change is needed; rejecting refresh tokens at the API is correct, and saying so in `error_description` helps callers.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(header: Value, claims: Value, expect: Expectations) -> ClaimChecks {
        check(&header, claims.as_object().unwrap(), &expect)
    }

    fn codes(c: &ClaimChecks) -> Vec<&'static str> {
        c.findings.iter().map(|f| f.code.as_str()).collect()
    }

    fn expecting(aud: &[&str], iss: Option<&str>, scopes: &[&str]) -> Expectations {
        Expectations {
            audiences: aud.iter().map(|s| s.to_string()).collect(),
            issuer: iss.map(str::to_string),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            client_id: None,
            max_age: None,
        }
    }

    #[test]
    fn audience_string_or_array_matches_exactly() {
        let table: [(Value, &[&str], CheckStatus, &[&str]); 6] = [
            (json!("api"), &["api"], CheckStatus::Pass, &[]),
            (json!(["web", "api"]), &["api"], CheckStatus::Pass, &[]),
            (json!("api"), &["other", "api"], CheckStatus::Pass, &[]),
            (json!("https://api.example.com/"), &["https://api.example.com"], CheckStatus::Fail, &["CLM001"]),
            (json!(42), &["api"], CheckStatus::Fail, &["CLM009"]),
            (json!("api"), &[], CheckStatus::Skip, &[]),
        ];
        for (aud, want, status, found) in table {
            let c = run(json!({}), json!({ "aud": aud }), expecting(want, None, &[]));
            assert_eq!(c.aud.status, status, "aud {aud} vs {want:?}: {}", c.aud.message);
            assert_eq!(codes(&c), found, "aud {aud} vs {want:?}");
        }
        let c = run(json!({}), json!({ "aud": "https://api.example.com/" }), expecting(&["https://api.example.com"], None, &[]));
        assert!(c.findings[0].message.contains("trailing `/`"), "{}", c.findings[0].message);
        let c = run(json!({}), json!({}), expecting(&["api"], None, &[]));
        assert_eq!(codes(&c), ["CLM002"]);
        // A zero-width space or joiner copied along with the audience, on either side: named.
        for (aud, want, name) in
            [("https://api.example.com\u{200b}", "https://api.example.com", "<U+200B>"), ("api", "\u{feff}api", "<U+FEFF>"), ("api\u{200d}", "api", "<U+200D>")]
        {
            let c = run(json!({}), json!({ "aud": aud }), expecting(&[want], None, &[]));
            assert_eq!(c.aud.status, CheckStatus::Fail);
            let message = &c.findings[0].message;
            assert!(message.contains("do not show") && message.contains(name), "{message}");
        }
    }

    #[test]
    fn issuer_is_compared_exactly_with_hints() {
        let c = run(json!({}), json!({ "iss": "https://login.example.com/" }), expecting(&[], Some("https://login.example.com"), &[]));
        assert_eq!(c.iss.status, CheckStatus::Fail);
        assert!(c.findings[0].message.contains("trailing `/`"));
        let tenant = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47";
        let c = run(json!({}), json!({ "iss": format!("{tenant}/v2.0") }), expecting(&[], Some(&format!("{tenant}/")), &[]));
        assert!(c.findings[0].message.contains("/v2.0"), "{}", c.findings[0].message);
        let c = run(json!({}), json!({ "iss": "https://a" }), expecting(&[], Some("https://a"), &[]));
        assert_eq!((c.iss.status, codes(&c).len()), (CheckStatus::Pass, 0));
        let c = run(json!({}), json!({}), expecting(&[], Some("https://a"), &[]));
        assert_eq!(codes(&c), ["CLM004"]);
    }

    #[test]
    fn scopes_are_whole_tokens_from_any_scope_claim() {
        let table: [(Value, &[&str], CheckStatus, &[&str]); 7] = [
            (json!({ "scope": "read write" }), &["read"], CheckStatus::Pass, &[]),
            (json!({ "scope": "readonly" }), &["read"], CheckStatus::Fail, &["CLM005"]),
            (json!({ "scp": ["orders.read", "orders.write"] }), &["orders.write"], CheckStatus::Pass, &[]),
            (json!({ "scp": "Orders.Read" }), &["orders.read"], CheckStatus::Fail, &["CLM005"]),
            (json!({ "roles": ["Admin"] }), &["Admin"], CheckStatus::Pass, &[]),
            (json!({}), &["read"], CheckStatus::Fail, &["CLM006"]),
            (json!({ "scope": 7 }), &["read"], CheckStatus::Fail, &["CLM009", "CLM005"]),
        ];
        for (claims, want, status, found) in table {
            let c = run(json!({}), claims.clone(), expecting(&[], None, want));
            assert_eq!(c.scope.status, status, "{claims} vs {want:?}: {}", c.scope.message);
            assert_eq!(codes(&c), found, "{claims} vs {want:?}");
        }
        let c = run(json!({}), json!({ "scope": "readonly" }), expecting(&[], None, &["read"]));
        assert!(c.findings[0].message.contains("`readonly` is not `read`"), "{}", c.findings[0].message);
    }

    #[test]
    fn id_tokens_are_told_from_access_tokens() {
        let c = run(json!({ "typ": "JWT" }), json!({ "nonce": "n-0S6_WzA2Mj", "at_hash": "77QmUPtjPfzWtF2AnpK9RQ" }), Expectations::default());
        assert_eq!(codes(&c), ["CLM007"]);
        let c = run(json!({ "typ": "at+jwt" }), json!({ "scope": "read" }), Expectations::default());
        assert!(codes(&c).is_empty());
        assert!(c.checked.contains(&StepId::TokenType));
        let expect = Expectations { client_id: Some("spa-client".into()), audiences: vec!["https://api".into()], ..Default::default() };
        let c = run(json!({}), json!({ "aud": "spa-client", "azp": "spa-client" }), expect);
        assert_eq!(codes(&c), ["CLM001", "CLM007"]);
        let c = run(json!({}), json!({ "aud": "spa-client", "azp": "spa-client" }), Expectations::default());
        assert_eq!(codes(&c), ["CLM007"], "aud equal to azp marks an ID token even without expectations");
        let c = run(json!({}), json!({ "token_use": "id" }), Expectations::default());
        assert_eq!(codes(&c), ["CLM007"]);
        let c = run(json!({}), json!({ "typ": "Refresh", "azp": "web" }), Expectations::default());
        assert_eq!(codes(&c), ["CLM010"]);
    }

    #[test]
    fn client_id_is_checked_against_azp_first() {
        let expect = Expectations { client_id: Some("web".into()), ..Default::default() };
        let c = run(json!({}), json!({ "azp": "mobile", "client_id": "web" }), expect.clone());
        assert_eq!(codes(&c), ["CLM008"]);
        assert!(c.checked.contains(&StepId::IdentityProvider));
        let c = run(json!({}), json!({ "client_id": "web" }), expect);
        assert!(codes(&c).is_empty());
    }
}
