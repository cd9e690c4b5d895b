//! CORS across the exchanges of one input: each request is matched with the preflight the
//! browser sent for it, and the pair is run through the Fetch standard's checks ([`crate::cors`]).

use super::message::{Message, Source, StartLine};
use crate::context::Context;
use crate::cors::{self, CredentialsMode};
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsFix, CorsVerdict, Exchange, HeaderLine};

/// How many exchanges apart a preflight and the request it was sent for may be.
const PAIRING_WINDOW: usize = 50;

fn method(request: &Message) -> &str {
    request.method()
}

fn header_pairs(message: &Message) -> Vec<(String, String)> {
    message.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect()
}

/// Whether a request is a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`).
pub fn is_preflight(request: &Message) -> bool {
    request.is_preflight()
}

/// Whether `preflight` is the one the browser sent for `request`: the same URL, and the method
/// it announced in `Access-Control-Request-Method` (compared without regard to case).
fn sent_for(preflight: (&Message, &Exchange), request: (&Message, &Exchange)) -> bool {
    is_preflight(preflight.0)
        && !is_preflight(request.0)
        && preflight.1.request.url == request.1.request.url
        && preflight.0.header("access-control-request-method").is_some_and(|m| m.trim().eq_ignore_ascii_case(method(request.0)))
}

/// Why a captured browser request was not made in CORS mode, so that no CORS rule applies to it:
/// `Sec-Fetch-Mode` says another mode (a page load, an image, a script), or a HAR entry that got
/// a response carries no `Origin`, which a browser always sends on a cross-origin CORS request.
/// A blocked HAR entry (no response) may list only provisional headers, so it is not judged here.
fn not_cors_mode(request: &Message, response: Option<&Message>) -> Option<String> {
    if is_preflight(request) {
        return None;
    }
    if let Some(mode) = request.header("sec-fetch-mode").map(str::trim).filter(|m| !m.eq_ignore_ascii_case("cors")) {
        return Some(format!(
            "The browser made this request in `{}` mode (`Sec-Fetch-Mode`), not as a CORS request, so the CORS rules do not apply",
            mode.chars().take(20).filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>()
        ));
    }
    let answered = response.and_then(Message::status).is_some_and(|s| s >= 100);
    if request.source == Source::Har && answered && request.header("origin").is_none() && request.header("sec-fetch-mode").is_none() {
        return Some("The browser sent no `Origin`, so this was not a CORS request (a page load, an image, a script or a style sheet), and the CORS rules do not apply".to_string());
    }
    // A browser sends `Origin` on every cross-origin CORS request; a `GET` or `HEAD` without it
    // is a page load, a same-origin call or a plain subresource. A `fetch` snippet is the page's
    // own call, so it counts whatever its headers say.
    let method = match &request.start {
        StartLine::Request { method, .. } => method.as_str(),
        StartLine::Response { .. } => "",
    };
    let captured = !matches!(request.source, Source::FetchSnippet);
    (captured && request.header("origin").is_none() && request.header("sec-fetch-mode").is_none() && matches!(method, "GET" | "HEAD")).then(|| {
        format!("The request carries no `Origin`, which a browser sends on every cross-origin CORS request: a `{method}` without it is a page load or a same-origin call, and the CORS rules do not apply")
    })
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
        // Findings of a passing exchange are shown when it failed otherwise, was chosen, or is
        // the only one pasted; a page load's other requests stay quiet.
        let look = exchange.flag.is_some() || ctx.exchange == Some(e) || steps.len() == 1;
        let mode = credentials(exchange, request, ctx);
        // A preflight is judged with the request it was sent for; alone when that is missing.
        let (preflight, request_headers, request_method, actual) = if is_preflight(request) {
            // Whether a later request takes this preflight as its own: the first one it was sent
            // for, unless a newer preflight for the same method and URL comes in between.
            let mut follows = false;
            for (i, (r, _)) in steps.iter().enumerate().skip(e + 1).take(PAIRING_WINDOW) {
                let Some(later) = r.zip(exchanges.get(i)) else { continue };
                if sent_for((request, exchange), later) {
                    follows = true;
                    break;
                }
                let announced = |m: &Message| m.header("access-control-request-method").map(|v| v.trim().to_ascii_uppercase());
                if is_preflight(later.0) && later.1.request.url == url && announced(later.0) == announced(request) {
                    break;
                }
            }
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
                // The browser lists only CORS-unsafe names here; a value that is never safelisted
                // keeps `Accept`, `Accept-Language` and the like unsafe, as they were.
                .map(|n| (n.to_string(), "\u{7f}".to_string()))
                .collect();
            (Some(*response), names, wanted, None)
        } else {
            // The nearest earlier preflight for the same URL and method.
            let preflight = steps[..e].iter().enumerate().rev().take(PAIRING_WINDOW).find_map(|(p, (r, resp))| {
                let earlier = r.zip(exchanges.get(p))?;
                sent_for(earlier, (request, exchange)).then_some(*resp)
            });
            (preflight, cors::author_headers(&header_pairs(request)), method(request).to_string(), Some(*response))
        };
        // The page: as the caller says, else the request's `Origin`, else (for a `fetch` snippet,
        // which has no `Origin`) the origin of its `referrer`.
        let page = ctx.origin.clone().or_else(|| request.header("origin").map(|o| o.trim().to_string())).or_else(|| {
            (request.source == Source::FetchSnippet).then(|| request.header("referer").and_then(cors::origin_of)).flatten()
        });
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
        let mut outcome = cors::check(&req, preflight_response.as_ref(), actual_response.as_ref());
        // A cross-origin request the browser did not make in CORS mode is not CORS-checked.
        if outcome.verdict != CorsVerdict::NotApplicable || outcome.preflight_needed {
            if let Some(reason) = not_cors_mode(request, actual.flatten()) {
                if let Some(x) = exchanges.get_mut(e) {
                    x.cors = Cors { verdict: CorsVerdict::NotApplicable, reason, fix: None };
                }
                continue;
            }
        }
        if actual.is_none() {
            // A captured preflight needs no note that the browser sends one.
            outcome.findings.retain(|f| f.code != Code::CorsPreflightNeeded);
        }
        // An `https://` page may not call an `http://` URL at all (mixed content), whatever the
        // CORS headers say; loopback addresses are trusted.
        let page_url = page.as_deref().and_then(|p| url::Url::parse(p).ok());
        let target = url::Url::parse(&url).ok();
        if let (Some(p), Some(t)) = (&page_url, &target) {
            if p.scheme() == "https" && t.scheme() == "http" && !crate::cookie::is_secure(t) {
                let message = format!(
                    "The page at `{}` calls `{}` over plain HTTP: the browser blocks this mixed content before any CORS check",
                    p.origin().ascii_serialization(),
                    t.origin().ascii_serialization()
                );
                outcome.findings.insert(0, Finding::new(Code::MixedContent, message.clone()));
                outcome.verdict = CorsVerdict::Fail;
                outcome.reason = message;
            }
        }
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
            out.extend(outcome.findings.into_iter().filter(|f| f.code != Code::PreflightRefused || preflight.is_none()).map(|f| (e, f)));
        }
    }
    out
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::MixedContent,
        meaning: "An `https://` page calls an `http://` URL that is not loopback.",
        why: "Browsers block such mixed-content requests before any CORS check, so the request never reaches the API and no CORS header can allow it.",
        caller: "Call the API's `https://` URL.",
        owner: "Serve the API over HTTPS and publish the HTTPS URL in the front-end configuration.",
    },
];
