//! Checking DPoP proofs against their requests: each proof the inputs stage read is compared with
//! the request that carried it, the `Authorization` each request sent is held to the binding of
//! its token, and the server's nonces are followed from one exchange to the next.

use super::read::Reading;
use super::{attributed, Analysis};
use crate::dpop;
use crate::findings::{Code, Finding};
use crate::http::message::Message;
use crate::report::{Check, CheckStatus};
use crate::steps::StepId;
use crate::Context;
use serde_json::Value;
use std::collections::HashMap;

/// The proofs' request checks, and the DPoP rules about requests and exchanges.
pub(super) fn analyse(reading: &Reading, ctx: &Context, a: &mut Analysis) {
    let messages = &reading.messages;
    let allowed = listed_algs(reading);
    let dpop_tokens = dpop_typed_tokens(messages);
    let mut nonce: Option<String> = None;
    // Which proofs each message carried, and which `Authorization` input each exchange sent.
    let mut carried: HashMap<usize, Vec<usize>> = HashMap::new();
    for (p, m) in a.proof_messages.iter().enumerate() {
        if let Some(m) = m {
            carried.entry(*m).or_default().push(p);
        }
    }
    // Proofs and `jti`s already sent, with the exchange that sent them first.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut used_jti: HashMap<String, usize> = HashMap::new();
    let mut sent_with: HashMap<usize, usize> = HashMap::new();
    for s in &a.authorization {
        for e in a.input_exchanges.get(s.input).into_iter().flatten() {
            sent_with.entry(*e).or_insert(s.input);
        }
    }
    for (e, (request, response)) in reading.pairs.iter().enumerate() {
        let Some(rq) = *request else {
            nonce = response.and_then(|r| messages.get(r)).and_then(|m| m.header("dpop-nonce")).map(str::to_string).or(nonce);
            continue;
        };
        let Some(message) = messages.get(rq).filter(|m| m.is_request()) else {
            continue;
        };
        let response = response.and_then(|r| messages.get(r));
        let proofs: Vec<usize> = (0..a.proofs.len()).filter(|p| a.proof_messages.get(*p) == Some(&Some(rq))).collect();
        let authorization = a.authorization.iter().map(|s| s.input).find(|i| a.input_exchanges.get(*i).is_some_and(|x| x.contains(&e)));
        // Only requests whose headers were read (those in focus) are judged.
        if proofs.is_empty() && authorization.is_none() {
            nonce = response.and_then(|m| m.header("dpop-nonce")).map(str::to_string).or(nonce);
            continue;
        }
        let blame = authorization.or_else(|| proofs.first().and_then(|p| a.proofs.get(*p)).map(|p| p.input)).or_else(|| a.message_inputs.get(rq).copied());
        let token = message.header("authorization").and_then(|v| {
            let (scheme, credentials) = v.trim().split_once(char::is_whitespace)?;
            Some((scheme, credentials.trim()))
        });
        let mut found = Vec::new();
        // A proof (or its `jti`) seen on an earlier request is a replay to the server.
        for h in message.headers_named("dpop") {
            let value = h.value.trim();
            let jti = jti_of(value);
            let earlier = used.get(value).or_else(|| jti.as_ref().and_then(|j| used_jti.get(j))).copied();
            match earlier {
                Some(x) if x != e => found.push(Finding::new(
                    Code::ProofReused,
                    match jti.as_deref() {
                        Some(j) => {
                            format!("Exchange {} sends a proof with the `jti` `{j}` already sent in exchange {}", e.saturating_add(1), x.saturating_add(1))
                        }
                        None => format!("Exchange {} sends the proof already sent in exchange {}", e.saturating_add(1), x.saturating_add(1)),
                    },
                )),
                Some(_) => {}
                None if used.len() < 10_000 => {
                    used.insert(value.to_string(), e);
                    if let Some(j) = jti {
                        used_jti.insert(j, e);
                    }
                }
                None => {}
            }
        }
        let sent = message.headers_named("dpop").count();
        if sent > 1 {
            found.push(Finding::new(Code::ProofRepeated, format!("The request carries {sent} `DPoP` headers; a server refuses a request with more than one")));
        }
        match token {
            Some((scheme, _)) if scheme.eq_ignore_ascii_case("dpop") && sent == 0 => found.push(Finding::new(
                Code::DpopSchemeWithoutProof,
                format!(
                    "`{} {}` sends the token with the `DPoP` scheme, but the request has no `DPoP` header",
                    message.method(),
                    crate::http::exchange::shown_url(&message.url())
                ),
            )),
            Some((scheme, credentials)) if scheme.eq_ignore_ascii_case("bearer") => {
                let why = if let Some(jkt) = dpop::bound_key(credentials) {
                    Some(format!("the token's `cnf.jkt` (`{jkt}`) binds it to a DPoP key"))
                } else if dpop_tokens.iter().any(|t| t == credentials) {
                    Some("the token response in this input gave it with `\"token_type\": \"DPoP\"`".to_string())
                } else {
                    None
                };
                if let Some(why) = why {
                    found.push(Finding::new(
                        Code::BoundTokenSentAsBearer,
                        format!("The request sends a DPoP-bound token as `Bearer`: {why}; the server expects `Authorization: DPoP` and a proof"),
                    ));
                }
            }
            _ => {}
        }
        if !found.is_empty() {
            a.checked.push(StepId::SenderConstraint);
        }
        a.findings.extend(attributed(found, blame, None));

        let (at, dated) = request_time(reading, e, response).map_or((ctx.now, false), |t| (t, true));
        let url = crate::http::exchange::full_url(message);
        let facts = dpop::Request { method: message.method(), url: &url, token, at, dated, skew: ctx.skew };
        let asked = response.and_then(|m| m.header("dpop-nonce"));
        for p in proofs {
            let Some(report) = a.proofs.get_mut(p) else {
                continue;
            };
            let input = report.input;
            let mut found = dpop::against(report, &facts);
            if let (Some(alg), false) = (report.header.get("alg").and_then(Value::as_str), allowed.is_empty()) {
                if !allowed.iter().any(|x| x == alg) && report.checks.alg.status == CheckStatus::Pass {
                    found.push(Finding::new(
                        Code::ProofAlgNotListed,
                        format!(
                            "The proof is signed with `{alg}`, but the server accepts only {}",
                            allowed.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                    report.checks.alg = Check::new(CheckStatus::Fail, format!("`{alg}` is not among the server's `algs`"));
                }
            }
            let carried = report.payload.get("nonce").and_then(Value::as_str);
            report.checks.nonce = match (&nonce, carried) {
                (Some(want), Some(got)) if want == got => Check::new(CheckStatus::Pass, format!("`nonce` is the server's `{want}`")),
                (Some(want), Some(got)) => {
                    found.push(Finding::new(Code::NonceNotCurrent, format!("The proof's `nonce` is `{got}`, but the server's last `DPoP-Nonce` was `{want}`")));
                    Check::new(CheckStatus::Fail, format!("`nonce` is `{got}`, the server gave `{want}`"))
                }
                (Some(want), None) => {
                    found.push(Finding::new(
                        Code::NonceNotSent,
                        format!("The server gave the nonce `{want}` in an earlier response, but this proof has no `nonce`"),
                    ));
                    Check::new(CheckStatus::Fail, format!("No `nonce`; the server gave `{want}`"))
                }
                (None, _) if asked.is_some() => Check::new(
                    CheckStatus::Warn,
                    format!("The server answered with the nonce `{}`: the retry's proof must carry it", asked.unwrap_or_default()),
                ),
                (None, Some(got)) => Check::new(CheckStatus::Pass, format!("`nonce` `{got}` (the response that gave it is not in this input)")),
                (None, None) => Check::new(CheckStatus::Skip, "The server asked for no nonce in this input"),
            };
            a.findings.extend(attributed(found, Some(input), None));
        }
        nonce = asked.map(str::to_string).or(nonce);
    }

    // Proofs pasted without their request: their time against the caller's clock, and the
    // token pasted with them, if there is just one.
    let loose_tokens: Vec<(String, String)> = a
        .authorization
        .iter()
        .filter(|s| a.input_exchanges.get(s.input).is_none_or(Vec::is_empty))
        .filter_map(|s| a.tokens.iter().find(|t| t.input == s.input).map(|t| (s.scheme.clone(), t.token.expose().to_string())))
        .collect();
    for p in 0..a.proofs.len() {
        if a.proof_messages.get(p).is_some_and(Option::is_some) {
            continue;
        }
        let token = match loose_tokens.as_slice() {
            [(scheme, token)] => Some((scheme.as_str(), token.as_str())),
            _ => None,
        };
        let facts = dpop::Request { method: "", url: "", token, at: ctx.now, dated: false, skew: ctx.skew };
        let Some(report) = a.proofs.get_mut(p) else {
            continue;
        };
        let input = report.input;
        let found = dpop::against(report, &facts);
        a.findings.extend(attributed(found, Some(input), None));
    }
}

/// When the request was made, as the capture says: its HAR entry's start, or the response's `Date`.
fn request_time(reading: &Reading, e: usize, response: Option<&Message>) -> Option<i64> {
    let started = reading.har_meta.get(e).and_then(|m| m.started.as_deref()).and_then(crate::timefmt::parse_rfc3339);
    started.or_else(|| {
        let date = response?.header("date")?;
        let at = httpdate::parse_http_date(date).ok()?;
        i64::try_from(at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs()).ok()
    })
}

/// The `jti` of a proof that can be read.
fn jti_of(proof: &str) -> Option<String> {
    let (bytes, _) = crate::jwt::segment::decode(proof.split('.').nth(1)?).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("jti")?.as_str().map(str::to_string)
}

/// The algorithms the server accepts for proofs: the `algs` of its DPoP challenges, and the
/// `dpop_signing_alg_values_supported` of metadata it served (RFC 9449 §5.1).
fn listed_algs(reading: &Reading) -> Vec<String> {
    let mut algs: Vec<String> = Vec::new();
    for (i, m) in reading.messages.iter().enumerate().filter(|(_, m)| !m.is_request()) {
        if m.body.contains("dpop_signing_alg_values_supported") {
            let metadata: Value = serde_json::from_str(m.body.trim()).unwrap_or(Value::Null);
            let listed = metadata.get("dpop_signing_alg_values_supported").and_then(Value::as_array);
            for alg in listed.into_iter().flatten().filter_map(Value::as_str).take(64) {
                if !algs.iter().any(|a| a == alg) {
                    algs.push(alg.to_string());
                }
            }
        }
        for c in reading.challenges_of(i).iter().filter(|c| c.scheme.eq_ignore_ascii_case("dpop")) {
            for alg in c.param("algs").unwrap_or("").split_whitespace() {
                if !algs.iter().any(|a| a == alg) && algs.len() < 64 {
                    algs.push(alg.to_string());
                }
            }
        }
    }
    algs
}

/// Access tokens a token response in the input issued with `"token_type": "DPoP"`.
fn dpop_typed_tokens(messages: &[Message]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| !m.is_request() && m.body.trim_start().starts_with('{') && m.body.contains("token_type"))
        .filter_map(|m| serde_json::from_str::<Value>(m.body.trim()).ok())
        .filter(|v| v.get("token_type").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("dpop")))
        .filter_map(|v| v.get("access_token").and_then(Value::as_str).map(str::to_string))
        .take(1000)
        .collect()
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofAlgNotListed,
        meaning: "The proof is signed with a valid asymmetric algorithm, but the input also holds the server's list of accepted algorithms (the `algs` parameter of a `WWW-Authenticate: DPoP` challenge, or `dpop_signing_alg_values_supported` in metadata it served) and the proof's `alg` is not in it.",
        why: "A server accepts proofs only with the algorithms it supports (RFC 9449 §4.3), so it refuses this one even though the signature may be correct, and the request fails with `invalid_dpop_proof`.",
        caller: "Sign the proof with one of the listed algorithms (`ES256` is the most widely supported); if the client's key type cannot make any of them, create a key pair of a suitable type and get a new token bound to it.",
        owner: "Check that the advertised `algs` and `dpop_signing_alg_values_supported` match what the verifier really accepts, and consider adding common algorithms such as `ES256` and `RS256` if clients need them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BoundTokenSentAsBearer,
        meaning: "The request sends an access token as `Authorization: Bearer`, but the token is bound to a DPoP key: either its `cnf.jkt` says so, or a token response in the input issued it with `\"token_type\": \"DPoP\"`.",
        why: "RFC 9449 §7.1 has DPoP-bound tokens sent with the `DPoP` scheme and a proof; a resource server that honours the binding must not accept the token as a bearer token, since that would defeat it, so the request gets a 401, often with a `WWW-Authenticate: DPoP` challenge.",
        caller: "Send the token as `Authorization: DPoP <token>` together with a `DPoP` header holding a fresh proof (with `ath`) for this request; check the `token_type` in the token response to pick the scheme.",
        owner: "Answer such requests with a `DPoP` challenge and an `error_description` that says the token is DPoP-bound, so callers know to switch schemes; check that the client was meant to receive DPoP-bound tokens.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DpopSchemeWithoutProof,
        meaning: "The request sends `Authorization: DPoP <token>` but carries no `DPoP` header with a proof.",
        why: "With the `DPoP` scheme the server checks possession of the bound key through the proof (RFC 9449 §7.1); without a proof it cannot, so it refuses the request with a 401 and a `DPoP` challenge. Often the client library added the proof only to some requests, or a proxy or CORS rule dropped the header.",
        caller: "Attach a `DPoP` header with a fresh proof for this method and URL (with `ath` for the token) to every request that uses the `DPoP` scheme; in browsers, make sure the preflight allows the `DPoP` header.",
        owner: "Check that gateways forward the `DPoP` header and that CORS responses list it in `Access-Control-Allow-Headers`; return `error=\"invalid_dpop_proof\"` or a clear description when the proof is missing.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NonceNotSent,
        meaning: "An earlier response in the input gave a nonce in `DPoP-Nonce`, but the proof of a later request has no `nonce` claim.",
        why: "A server that supplies a nonce requires later proofs to carry it (RFC 9449 §8 for authorization servers, §9 for resource servers); a proof without it is refused with `error=\"use_dpop_nonce\"` (400 at the token endpoint, 401 at a resource), so a retry without the nonce fails the same way again.",
        caller: "Read `DPoP-Nonce` from the error response, put its value in the `nonce` claim of a new proof (new `jti`, new `iat`) and send the request again; keep the latest nonce for each server for later requests.",
        owner: "Make sure the response that asks for a nonce carries `DPoP-Nonce` and, for browser clients, lists it in `Access-Control-Expose-Headers` so the client can read it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NonceNotCurrent,
        meaning: "The proof carries a `nonce`, but it is not the value of the last `DPoP-Nonce` header seen in an earlier response in the input.",
        why: "Servers accept only the nonces they currently issue and may replace them at any time, sending the new one in `DPoP-Nonce` (RFC 9449 §8, §8.2); a proof with an old or foreign nonce is refused with `use_dpop_nonce`. Nonces are per server, so a nonce from the authorization server does not work at a resource server; if the input mixes both, check which server gave the last one.",
        caller: "Store the nonce from every response's `DPoP-Nonce` (success or error) per server, use the most recent one in each new proof, and when a request is refused with `use_dpop_nonce`, retry once with the nonce just given.",
        owner: "Accept the previous nonce for a short overlap after rotating, send the new nonce on responses before the old one expires, and keep nonces consistent across the server's instances (shared secret or store).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofRepeated,
        meaning: "The request carries more than one `DPoP` header; the message gives the count.",
        why: "RFC 9449 §4.3 has the server check that there is not more than one `DPoP` header, since it cannot know which proof applies, so the request is refused. The cause is usually two layers (a library and an interceptor, or a retry that appends) each adding a proof.",
        caller: "Make sure exactly one component adds the proof, and that retries replace the `DPoP` header instead of appending another.",
        owner: "Check that gateways do not add or duplicate the header, and say in `error_description` that several proofs were received.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProofReused,
        meaning: "A later request in the input sends a proof, or a proof with the same `jti`, that an earlier request already sent; the message names both exchanges.",
        why: "Servers may remember the `jti` of proofs they accepted within the acceptance window and refuse a repeat as a replay (RFC 9449 §11.1), so the second request fails even though the proof is otherwise valid; without replay checking it may pass, but a retry after `use_dpop_nonce` or a clock error also needs a new proof.",
        caller: "Make a new proof, with a new random `jti` and current `iat`, for every request and every retry; do not cache proofs or reuse them across requests with the same method and URL.",
        owner: "If replay checking is enabled, say in `error_description` that the `jti` was already used; keep the `jti` store shared across instances and scoped to the proof window.",
    },
];
