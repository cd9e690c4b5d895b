//! Checking DPoP proofs against their requests: each proof the inputs stage read is compared with
//! the request that carried it, the `Authorization` each request sent is held to the binding of
//! its token, and the server's nonces are followed from one exchange to the next.

use super::read::Reading;
use super::{attributed, Analysis};
use crate::checklist::StepId;
use crate::dpop;
use crate::findings::{Code, Finding};
use crate::http::message::Message;
use crate::report::{Check, CheckStatus};
use crate::Context;
use serde_json::Value;
use std::collections::HashMap;

/// The proofs' request checks, and the DPoP rules about requests and exchanges.
pub(super) fn analyse(reading: &Reading, ctx: &Context, a: &mut Analysis) {
    let messages = &reading.messages;
    let allowed = listed_algs(messages);
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
            nonce = response
                .and_then(|r| messages.get(r))
                .and_then(|m| m.header("dpop-nonce"))
                .map(str::to_string)
                .or(nonce);
            continue;
        };
        let Some(message) = messages.get(rq).filter(|m| m.is_request()) else {
            continue;
        };
        let response = response.and_then(|r| messages.get(r));
        let proofs: Vec<usize> = (0..a.proofs.len())
            .filter(|p| a.proof_messages.get(*p) == Some(&Some(rq)))
            .collect();
        let authorization = a
            .authorization
            .iter()
            .map(|s| s.input)
            .find(|i| a.input_exchanges.get(*i).is_some_and(|x| x.contains(&e)));
        // Only requests whose headers were read (those in focus) are judged.
        if proofs.is_empty() && authorization.is_none() {
            nonce = response
                .and_then(|m| m.header("dpop-nonce"))
                .map(str::to_string)
                .or(nonce);
            continue;
        }
        let blame = authorization
            .or_else(|| {
                proofs
                    .first()
                    .and_then(|p| a.proofs.get(*p))
                    .map(|p| p.input)
            })
            .or_else(|| a.message_inputs.get(rq).copied());
        let token = message.header("authorization").and_then(|v| {
            let (scheme, credentials) = v.trim().split_once(char::is_whitespace)?;
            Some((scheme, credentials.trim()))
        });
        let mut found = Vec::new();
        // A proof (or its `jti`) seen on an earlier request is a replay to the server.
        for h in message.headers_named("dpop") {
            let value = h.value.trim();
            let jti = jti_of(value);
            let earlier = used
                .get(value)
                .or_else(|| jti.as_ref().and_then(|j| used_jti.get(j)))
                .copied();
            match earlier {
                Some(x) if x != e => found.push(Finding::new(
                    Code::ProofReused,
                    match jti.as_deref() {
                        Some(j) => format!("Exchange {} sends a proof with the `jti` `{j}` already sent in exchange {}", e + 1, x + 1),
                        None => format!("Exchange {} sends the proof already sent in exchange {}", e + 1, x + 1),
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
                format!("`{} {}` sends the token with the `DPoP` scheme, but the request has no `DPoP` header", message.method(), message.url()),
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

        let (at, dated) =
            request_time(reading, e, response).map_or((ctx.now, false), |t| (t, true));
        let url = crate::http::exchange::full_url(message);
        let facts = dpop::Request {
            method: message.method(),
            url: &url,
            token,
            at,
            dated,
            skew: ctx.skew,
        };
        let asked = response.and_then(|m| m.header("dpop-nonce"));
        for p in proofs {
            let Some(report) = a.proofs.get_mut(p) else {
                continue;
            };
            let input = report.input;
            let mut found = dpop::against(report, &facts);
            if let (Some(alg), false) = (
                report.header.get("alg").and_then(Value::as_str),
                allowed.is_empty(),
            ) {
                if !allowed.iter().any(|x| x == alg)
                    && report.checks.alg.status == CheckStatus::Pass
                {
                    found.push(Finding::new(
                        Code::ProofAlgNotListed,
                        format!(
                            "The proof is signed with `{alg}`, but the server accepts only {}",
                            allowed
                                .iter()
                                .map(|x| format!("`{x}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                    report.checks.alg = Check::new(
                        CheckStatus::Fail,
                        format!("`{alg}` is not among the server's `algs`"),
                    );
                }
            }
            let carried = report.payload.get("nonce").and_then(Value::as_str);
            report.checks.nonce = match (&nonce, carried) {
                (Some(want), Some(got)) if want == got => Check::new(
                    CheckStatus::Pass,
                    format!("`nonce` is the server's `{want}`"),
                ),
                (Some(want), Some(got)) => {
                    found.push(Finding::new(Code::NonceNotCurrent, format!("The proof's `nonce` is `{got}`, but the server's last `DPoP-Nonce` was `{want}`")));
                    Check::new(
                        CheckStatus::Fail,
                        format!("`nonce` is `{got}`, the server gave `{want}`"),
                    )
                }
                (Some(want), None) => {
                    found.push(Finding::new(Code::NonceNotSent, format!("The server gave the nonce `{want}` in an earlier response, but this proof has no `nonce`")));
                    Check::new(
                        CheckStatus::Fail,
                        format!("No `nonce`; the server gave `{want}`"),
                    )
                }
                (None, _) if asked.is_some() => Check::new(
                    CheckStatus::Warn,
                    format!(
                        "The server answered with the nonce `{}`: the retry's proof must carry it",
                        asked.unwrap_or_default()
                    ),
                ),
                (None, Some(got)) => Check::new(
                    CheckStatus::Pass,
                    format!("`nonce` `{got}` (the response that gave it is not in this input)"),
                ),
                (None, None) => Check::new(
                    CheckStatus::Skip,
                    "The server asked for no nonce in this input",
                ),
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
        .filter_map(|s| {
            a.tokens
                .iter()
                .find(|t| t.input == s.input)
                .map(|t| (s.scheme.clone(), t.token.expose().to_string()))
        })
        .collect();
    for p in 0..a.proofs.len() {
        if a.proof_messages.get(p).is_some_and(Option::is_some) {
            continue;
        }
        let token = match loose_tokens.as_slice() {
            [(scheme, token)] => Some((scheme.as_str(), token.as_str())),
            _ => None,
        };
        let facts = dpop::Request {
            method: "",
            url: "",
            token,
            at: ctx.now,
            dated: false,
            skew: ctx.skew,
        };
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
    let started = reading
        .har_meta
        .get(e)
        .and_then(|m| m.started.as_deref())
        .and_then(crate::timefmt::parse_rfc3339);
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
fn listed_algs(messages: &[Message]) -> Vec<String> {
    let mut algs: Vec<String> = Vec::new();
    for m in messages.iter().filter(|m| !m.is_request()) {
        if m.body.contains("dpop_signing_alg_values_supported") {
            let metadata: Value = serde_json::from_str(m.body.trim()).unwrap_or(Value::Null);
            let listed = metadata
                .get("dpop_signing_alg_values_supported")
                .and_then(Value::as_array);
            for alg in listed
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .take(64)
            {
                if !algs.iter().any(|a| a == alg) {
                    algs.push(alg.to_string());
                }
            }
        }
        for h in m.headers_named("www-authenticate") {
            let (challenges, _) = crate::headers::www_authenticate::parse(&h.value);
            for c in challenges
                .iter()
                .filter(|c| c.scheme.eq_ignore_ascii_case("dpop"))
            {
                for alg in c.param("algs").unwrap_or("").split_whitespace() {
                    if !algs.iter().any(|a| a == alg) && algs.len() < 64 {
                        algs.push(alg.to_string());
                    }
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
        .filter(|m| {
            !m.is_request() && m.body.trim_start().starts_with('{') && m.body.contains("token_type")
        })
        .filter_map(|m| serde_json::from_str::<Value>(m.body.trim()).ok())
        .filter(|v| {
            v.get("token_type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("dpop"))
        })
        .filter_map(|v| {
            v.get("access_token")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .take(1000)
        .collect()
}
