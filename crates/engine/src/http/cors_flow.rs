//! CORS across the exchanges of one input: each request is matched with the preflight the
//! browser sent for it, and the pair is run through the Fetch standard's checks ([`crate::cors`]).

use super::message::{Message, StartLine};
use crate::context::Context;
use crate::cors::{self, CredentialsMode};
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsFix, CorsVerdict, Exchange, HeaderLine};

fn method(request: &Message) -> &str {
    match &request.start {
        StartLine::Request { method, .. } => method,
        StartLine::Response { .. } => "",
    }
}

fn header_pairs(message: &Message) -> Vec<(String, String)> {
    message.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect()
}

/// Whether a request is a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`).
pub fn is_preflight(request: &Message) -> bool {
    method(request).eq_ignore_ascii_case("OPTIONS") && request.header("access-control-request-method").is_some()
}

/// The credentials mode of a request: the input's word for it, the caller's, or what the capture
/// shows (a browser attaches cookies to a cross-origin call only with `include`).
fn credentials(exchange: &Exchange, request: &Message, ctx: &Context) -> CredentialsMode {
    if let Some(mode) = exchange.credentials.as_deref().and_then(CredentialsMode::parse).or(ctx.credentials) {
        return mode;
    }
    if request.header("cookie").is_some() {
        CredentialsMode::Include
    } else {
        CredentialsMode::SameOrigin
    }
}

/// Runs the CORS checks on every exchange; returns findings as (exchange index, finding). The
/// fix (headers and server snippets) is attached to the exchanges that fail.
pub fn check_all(steps: &[(Option<&Message>, Option<&Message>)], exchanges: &mut [Exchange], ctx: &Context) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for (e, (request, response)) in steps.iter().enumerate() {
        let Some(request) = request else { continue };
        let Some(exchange) = exchanges.get(e) else { break };
        let url = exchange.request.url.clone();
        let look = exchange.flag.is_some() || ctx.exchange == Some(e);
        let mode = credentials(exchange, request, ctx);
        // A preflight is judged with the request it was sent for; alone when that is missing.
        let (preflight, request_headers, request_method, actual) = if is_preflight(request) {
            let follows = steps.iter().enumerate().skip(e + 1).take(20).any(|(i, (r, _))| {
                r.is_some_and(|r| !is_preflight(r)) && exchanges.get(i).is_some_and(|x| x.request.url == url)
            });
            if follows {
                if let Some(x) = exchanges.get_mut(e) {
                    x.cors = Cors {
                        verdict: CorsVerdict::NotApplicable,
                        reason: "This is a preflight; the request it was sent for carries the verdict".into(),
                        fix: None,
                    };
                }
                continue;
            }
            let wanted = request.header("access-control-request-method").unwrap_or("GET").trim().to_string();
            let names: Vec<(String, String)> = request
                .header("access-control-request-headers")
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| (n.to_string(), String::new()))
                .collect();
            (Some(*response), names, wanted, None)
        } else {
            // The nearest earlier preflight for the same URL and method.
            let preflight = steps[..e].iter().enumerate().rev().take(50).find_map(|(p, (r, resp))| {
                let r = r.as_ref()?;
                (is_preflight(r)
                    && exchanges.get(p).is_some_and(|x| x.request.url == url)
                    && r.header("access-control-request-method").is_some_and(|m| m.trim().eq_ignore_ascii_case(method(request))))
                .then_some(*resp)
            });
            (preflight, cors::author_headers(&header_pairs(request)), method(request).to_string(), Some(*response))
        };
        let page = ctx.origin.clone().or_else(|| request.header("origin").map(|o| o.trim().to_string()));
        let req = cors::Request {
            origin: page.as_deref(),
            url: &url,
            method: &request_method,
            headers: &request_headers,
            credentials: mode,
        };
        let preflight_headers = preflight.flatten().map(header_pairs);
        let preflight_response = preflight.flatten().zip(preflight_headers.as_ref()).map(|(m, h)| cors::Response { status: m.status().unwrap_or(0), headers: h });
        let actual_headers = actual.flatten().map(header_pairs);
        let actual_response = actual.flatten().zip(actual_headers.as_ref()).map(|(m, h)| cors::Response { status: m.status().unwrap_or(0), headers: h });
        let outcome = cors::check(&req, preflight_response.as_ref(), actual_response.as_ref());
        let fix = (outcome.verdict == CorsVerdict::Fail).then(|| CorsFix {
            headers: cors::recommended_headers(&req).into_iter().map(|(name, value)| HeaderLine { name, value }).collect(),
            nginx: cors::nginx_snippet(&req),
            express: cors::express_snippet(&req),
        });
        if let Some(x) = exchanges.get_mut(e) {
            x.cors = Cors { verdict: outcome.verdict, reason: outcome.reason.clone(), fix };
        }
        if look || outcome.verdict == CorsVerdict::Fail {
            // The refused preflight is already reported with its own exchange.
            out.extend(outcome.findings.into_iter().filter(|f| f.code != Code::Http025 || preflight.is_none()).map(|f| (e, f)));
        }
    }
    out
}
