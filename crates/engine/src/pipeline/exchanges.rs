//! Analysing the exchanges: each request and response, the hops between them, the browser's
//! cookie jar replayed across them, and the CORS flow.

use super::read::Reading;
use super::{Analysis, Progress};
use crate::findings::{Code, Finding};
use crate::report::{self, CorsVerdict, ExchangeFlag};
use crate::steps::StepId;
use crate::{http, timefmt, Context};

/// Adds every exchange and its findings; returns the message index of the request to write
/// reproduction snippets for.
pub(super) fn analyse(reading: &Reading, ctx: &Context, progress: &mut dyn FnMut(Progress), a: &mut Analysis) -> Option<usize> {
    let (messages, pairs) = (&reading.messages, &reading.pairs);
    let times: Vec<http::exchange::TokenTimes> = a
        .tokens
        .iter()
        .map(|t| {
            let at = |claim: &str| t.times.iter().find(|c| c.claim == claim).map(|c| c.value);
            http::exchange::TokenTimes { exp: at("exp"), nbf: at("nbf") }
        })
        .collect();
    let mut exchanges = Vec::with_capacity(pairs.len());
    let mut har_started: Vec<Option<i64>> = Vec::with_capacity(reading.har_meta.len());
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut refs = Vec::with_capacity(pairs.len());
    for (e, (request, response)) in pairs.iter().enumerate() {
        if reading.is_har {
            progress(Progress { done: pairs.len().saturating_add(e), total: pairs.len().saturating_mul(2) });
        }
        let (request, response) = (request.and_then(|i| messages.get(i)), response.and_then(|i| messages.get(i)));
        refs.push((request, response));
        let (mut exchange, mut exchange_found, mut steps) = http::exchange::analyze(request, response, &times, ctx);
        let signed = crate::schemes::sigv4::check(request, response, ctx);
        exchange_found.extend(signed.findings);
        steps.extend(signed.steps);
        if let Some(meta) = reading.har_meta.get(e) {
            har_started.push(meta.started.as_deref().and_then(timefmt::parse_rfc3339));
            exchange.started = meta.started.clone();
            exchange.time_ms = meta.time_ms;
            exchange.error = meta.error.clone();
            if exchange.error.is_some() && exchange.flag.is_none() {
                exchange.flag = Some(ExchangeFlag::NoResponse);
            }
        }
        if reading.focus.is_none_or(|n| n == e) {
            a.checked.extend(steps);
        }
        found.extend(exchange_found.into_iter().map(|f| (e, f)));
        exchanges.push(exchange);
    }
    found.extend(unanswered(&exchanges));
    found.extend(http::exchange::hops(&mut exchanges, &refs));
    let legs: Vec<http::connection::Leg> = if reading.is_har {
        reading.har_meta.iter().map(|m| http::connection::Leg { id: m.connection.clone(), ..Default::default() }).collect()
    } else {
        http::connection::legs_from_notes(&reading.connections, messages, &pairs.iter().map(|(r, _)| *r).collect::<Vec<_>>())
    };
    let handshakes = crate::schemes::windows::handshake(&refs, &legs, ctx);
    // A recomputed response that matches the password clears the password, whatever else is wrong.
    if handshakes.iter().any(|(e, f)| f.code == Code::NtlmPasswordMatches && reading.focus.is_none_or(|n| n == *e)) {
        a.checked.push(StepId::Account);
    }
    found.extend(handshakes);
    found.extend(crate::schemes::proxy::exchanges(&refs));
    if let (Some(mode), Some(first)) = (&reading.credentials_mode, exchanges.first_mut()) {
        first.credentials = Some(mode.clone());
    }
    let steps: Vec<http::replay::Step> = refs
        .iter()
        .enumerate()
        .map(|(e, (request, response))| http::replay::Step {
            request: *request,
            response: *response,
            started: har_started.get(e).copied().flatten(),
            resource_type: reading.har_meta.get(e).and_then(|m| m.resource_type.as_deref()),
            initiator: reading.har_meta.get(e).and_then(|m| m.initiator.as_deref()),
        })
        .collect();
    found.extend(http::replay::replay(&steps, &mut exchanges, ctx, reading.sanitized));
    let captures: Vec<http::cors_flow::Capture> =
        reading.har_meta.iter().map(|m| http::cors_flow::Capture { resource_type: m.resource_type.as_deref(), initiator: m.initiator.as_deref() }).collect();
    found.extend(http::cors_flow::check_all(&refs, &mut exchanges, ctx, &captures));
    let (digest, digest_steps) = crate::schemes::digest::check_exchanges(&refs, ctx.password.as_ref().map(|p| p.expose()));
    found.extend(digest);
    a.checked.extend(digest_steps);
    if exchanges.iter().any(|x| x.cors.verdict != CorsVerdict::NotApplicable) {
        a.checked.push(StepId::CorsPreflight);
    }
    if exchanges.iter().any(|x| x.cookies.sent.is_some() || x.cookies.expected.is_some()) {
        a.checked.push(StepId::Cookies);
    }
    found.sort_by_key(|(e, _)| *e);
    for (e, mut f) in found {
        if reading.focus.is_some_and(|n| n != e) {
            continue;
        }
        f.input = pairs.get(e).and_then(|(req, resp)| resp.or(*req)).and_then(|i| a.message_inputs.get(i).copied());
        f.exchange = Some(e);
        a.findings.push(f);
    }
    let diagnosed = diagnosed(reading, &exchanges, &refs);
    a.exchanges = exchanges;
    diagnosed.and_then(|e| pairs.get(e)).and_then(|(request, _)| *request)
}

/// HTTP026: each request that got no response, with the refused preflight that explains it.
fn unanswered(exchanges: &[report::Exchange]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for (e, exchange) in exchanges.iter().enumerate() {
        let Some(error) = &exchange.error else { continue };
        let preflight =
            exchanges.get(..e).unwrap_or_default().iter().rposition(|p| p.flag == Some(ExchangeFlag::FailedPreflight) && p.request.url == exchange.request.url);
        let why = match preflight {
            Some(p) => format!("; its preflight (exchange {}) was refused, so the browser blocked it", p.saturating_add(1)),
            None => String::new(),
        };
        out.push((e, Finding::new(Code::NoResponse, format!("`{} {}` got no response (`{error}`){why}", exchange.request.method, exchange.request.url))));
    }
    out
}

/// The exchange to write snippets for: the chosen one, else the first that needs a look, else
/// the first with a request. A preflight stands for the request it was sent for, which is what
/// to reproduce.
fn diagnosed(reading: &Reading, exchanges: &[report::Exchange], refs: &[(Option<&http::message::Message>, Option<&http::message::Message>)]) -> Option<usize> {
    let real = |e: usize| refs.get(e).is_some_and(|(r, _)| r.is_some_and(|r| !http::cors_flow::is_preflight(r)));
    let answered = |e: usize| refs.get(e).is_some_and(|(_, resp)| resp.is_some());
    let flagged = |e: usize| exchanges.get(e).is_some_and(|x| x.flag.is_some());
    reading
        .focus
        .filter(|e| refs.get(*e).is_some_and(|(r, _)| r.is_some()))
        .or_else(|| (0..exchanges.len()).find(|&e| flagged(e) && real(e) && answered(e)))
        .or_else(|| (0..exchanges.len()).find(|&e| flagged(e) && real(e)))
        .or_else(|| (0..exchanges.len()).find(|&e| real(e)))
        .or_else(|| refs.iter().position(|(r, _)| r.is_some()))
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoResponse,
        meaning: "A request in the capture (typically a HAR entry) has no response, only an error such as a blocked or failed request; the message adds when its preflight had been refused.",
        why: "Such a request never reached the API's authentication: the browser blocked it (CORS, mixed content, an extension) or the connection failed, so there is no 401 from the server for it.",
        caller: "Open the browser console for the exact reason, and fix that (CORS, mixed content, blocker, network) before looking at credentials.",
        owner: "Check whether the request reached the server at all; if its preflight was refused, fix the `OPTIONS` handling.",
    },
];
