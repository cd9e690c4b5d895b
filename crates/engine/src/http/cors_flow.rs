//! CORS across the exchanges of one input: each request is matched with the preflight the
//! browser sent for it, and the pair is run through the Fetch standard's checks ([`crate::cors`]).

use super::message::{Message, Source, StartLine};
use crate::context::Context;
use crate::cors::{self, CredentialsMode, Outcome, Verdict};
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsFix, CorsVerdict, Exchange, HeaderLine, OriginSource, PageOrigin};

/// The verdict and reason of the CORS rules, as the report's exchange carries them.
pub fn summary(outcome: &Outcome) -> Cors {
    let browsers = outcome.browsers.as_ref().map(|each| each.iter().map(|(&browser, &verdict)| (browser, verdict.into())).collect());
    Cors { browsers, ..Cors::new(outcome.verdict.into(), outcome.reason.clone()) }
}

impl From<Verdict> for CorsVerdict {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Pass => CorsVerdict::Pass,
            Verdict::Fail => CorsVerdict::Fail,
            Verdict::NotApplicable => CorsVerdict::NotApplicable,
        }
    }
}

/// How many exchanges apart a preflight and the request it was sent for may be.
const PAIRING_WINDOW: usize = 50;

/// How many entries after a blocked request Chromium may list the preflight it sent for it (the
/// preflight starts after the request it was made for).
const LATE_PREFLIGHT: usize = 3;

/// What a HAR entry says about itself beyond its messages (Chromium's extra members).
#[derive(Clone, Copy, Debug, Default)]
pub struct Capture<'a> {
    /// `_resourceType`, lower case.
    pub resource_type: Option<&'a str>,
    /// The URL in `_initiator`.
    pub initiator: Option<&'a str>,
}

/// Whether a blocked HAR entry was a call a page's script made (`fetch`, `XMLHttpRequest`,
/// `EventSource`), or may have been when the export does not say.
fn scripted(capture: &Capture) -> bool {
    capture.resource_type.is_none_or(|t| matches!(t, "fetch" | "xhr" | "eventsource"))
}

/// A HAR entry the browser got no response for, with its error.
fn blocked<'a>(request: &Message, response: Option<&Message>, exchange: &'a Exchange) -> Option<&'a str> {
    (request.source == Source::Har && response.is_none()).then_some(exchange.error.as_deref()).flatten()
}

/// Whether a browser's error names a failure of the network (DNS, connection, TLS, timeout)
/// rather than a request the browser itself refused: Chromium writes `net::ERR_FAILED` for a
/// CORS block and a specific code for everything else.
fn network_error(error: &str) -> bool {
    let e = error.trim();
    e.starts_with("net::ERR_") && !e.eq_ignore_ascii_case("net::ERR_FAILED")
}

/// The page's origin for a request, and where it was read: the caller's, the request's `Origin`
/// (or, when a redirect made it `null`, the first hop's), the `Referer`, the HAR initiator, or
/// the page the HAR loaded.
fn page_origin(ctx: &Context, e: usize, steps: &[(Option<&Message>, Option<&Message>)], exchanges: &[Exchange], captures: &[Capture]) -> Option<PageOrigin> {
    let found = |origin: String, from| Some(PageOrigin { origin, from });
    if let Some(origin) = &ctx.origin {
        return found(origin.clone(), OriginSource::Given);
    }
    let request = steps.get(e).and_then(|(r, _)| *r)?;
    let first = first_hop(e, exchanges);
    let own = request.header("origin").map(|o| o.trim().to_string());
    let first_origin = (first != e).then(|| steps.get(first).and_then(|(r, _)| *r)).flatten().and_then(|r| r.header("origin")).map(|o| o.trim().to_string());
    match (own, first_origin) {
        (Some(o), Some(f)) if o == "null" && f != "null" => return found(f, OriginSource::OriginHeader),
        (Some(o), _) => return found(o, OriginSource::OriginHeader),
        _ => {}
    }
    let from_url = |u: &str| cors::origin_of(u);
    if request.source == Source::FetchSnippet {
        return request.header("referer").and_then(from_url).and_then(|o| found(o, OriginSource::Referer));
    }
    if request.source != Source::Har {
        return None;
    }
    let start = steps.get(first).and_then(|(r, _)| *r).unwrap_or(request);
    if let Some(o) = start.header("referer").and_then(from_url) {
        return found(o, OriginSource::Referer);
    }
    if let Some(o) = captures.get(first).and_then(|c| c.initiator).and_then(from_url) {
        return found(o, OriginSource::Initiator);
    }
    // The last page loaded before this entry (a top-level or frame document).
    (0..e)
        .rev()
        .find_map(|i| {
            let (r, _) = steps.get(i)?;
            let r = (*r)?;
            let document = captures.get(i).and_then(|c| c.resource_type) == Some("document")
                || r.header("sec-fetch-dest").is_some_and(|d| d.trim().eq_ignore_ascii_case("document"));
            document.then(|| exchanges.get(i).and_then(|x| from_url(&x.request.url))).flatten()
        })
        .and_then(|o| found(o, OriginSource::Document))
}

/// The first request of the redirect chain that led to exchange `e`.
fn first_hop(e: usize, exchanges: &[Exchange]) -> usize {
    let mut at = e;
    for _ in 0..PAIRING_WINDOW {
        match exchanges.get(at).and_then(|x| x.follows) {
            Some(prev) if prev < at => at = prev,
            _ => break,
        }
    }
    at
}

/// The redirect that made the request's origin `null`, as `` `from` to `to` ``: a hop whose
/// target's origin differs from the URL it left, when the page's origin differs from that URL's
/// too (Fetch §4.4 HTTP-redirect fetch, the tainted origin flag). Also a captured `Origin: null`
/// on a request from an `http(s)` page.
fn tainted(e: usize, exchanges: &[Exchange], page: &str, request: &Message) -> Option<String> {
    let page = cors::normalize_origin(page).ok()?;
    if page == "null" {
        return None;
    }
    let mut chain = vec![e];
    while let Some(prev) = chain.last().and_then(|&i| exchanges.get(i)).and_then(|x| x.follows) {
        if chain.len() > PAIRING_WINDOW || chain.last().is_some_and(|&last| prev >= last) {
            break;
        }
        chain.push(prev);
    }
    chain.reverse();
    for pair in chain.windows(2) {
        let [x, y] = pair else { continue };
        let (Some(a), Some(b)) = (exchanges.get(*x), exchanges.get(*y)) else { continue };
        let (Some(from), Some(to)) = (cors::origin_of(&a.request.url), cors::origin_of(&b.request.url)) else { continue };
        if from != to && from != page {
            return Some(format!("`{}` to `{}`", a.request.url, b.request.url));
        }
    }
    request.header("origin").is_some_and(|o| o.trim() == "null").then(|| "an earlier URL (the captured request carries `Origin: null`)".to_string())
}

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
        return Some(
            "The browser sent no `Origin`, so this was not a CORS request (a page load, an image, a script or a style sheet), and the CORS rules do not apply"
                .to_string(),
        );
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
    // What the cookie replay read from the capture (a cookie stored from the response, or the
    // cookies the browser held and did not send).
    if exchange.cookies.inferred {
        match exchange.cookies.credentials.as_deref() {
            Some("include") => return CredentialsMode::Include,
            Some("without") => return CredentialsMode::SameOrigin,
            _ => {}
        }
    }
    if request.header("cookie").is_some() {
        CredentialsMode::Include
    } else {
        CredentialsMode::SameOrigin
    }
}

/// Runs the CORS checks on every exchange; returns findings as (exchange index, finding). The
/// fix (headers and server snippets) is attached to the exchanges that fail.
pub fn check_all(steps: &[(Option<&Message>, Option<&Message>)], exchanges: &mut [Exchange], ctx: &Context, captures: &[Capture]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for (e, (request, response)) in steps.iter().enumerate() {
        let Some(request) = request else { continue };
        let Some(exchange) = exchanges.get(e) else { break };
        let capture = captures.get(e).copied().unwrap_or_default();
        let failed: Option<String> = if is_preflight(request) { None } else { blocked(request, *response, exchange).map(str::to_string) };
        let failed = failed.as_deref();
        if let Some(error) = failed.filter(|e| e.to_ascii_uppercase().contains("ERR_BLOCKED_BY_CLIENT")) {
            let message = format!(
                "`{} {}` was blocked by a browser extension (`{}`): an ad or privacy blocker stopped it before it left the browser, so neither CORS nor the server is involved",
                method(request),
                exchange.request.url,
                error.trim()
            );
            if let Some(x) = exchanges.get_mut(e) {
                x.cors = Cors::new(CorsVerdict::NotApplicable, message.clone());
            }
            out.push((e, Finding::new(Code::BlockedByExtension, message)));
            continue;
        }
        if let Some(error) = failed.filter(|e| network_error(e)) {
            if let Some(x) = exchanges.get_mut(e) {
                x.cors = Cors::new(
                    CorsVerdict::NotApplicable,
                    format!("The request failed with `{}`, a network error rather than a CORS block, so the CORS rules do not apply", error.trim()),
                );
            }
            continue;
        }
        // A blocked call a script made is judged even though its provisional headers lack `Origin`.
        let blocked_call = failed.is_some() && scripted(&capture);
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
            for (i, (r, _)) in steps.iter().enumerate().skip(e.saturating_add(1)).take(PAIRING_WINDOW) {
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
            // Chromium may list a preflight just after the blocked request it was sent for.
            follows = follows
                || steps.get(..e).unwrap_or_default().iter().enumerate().rev().take(LATE_PREFLIGHT).any(|(i, (r, resp))| {
                    r.zip(exchanges.get(i)).is_some_and(|earlier| {
                        sent_for((request, exchange), earlier) && blocked(earlier.0, *resp, earlier.1).is_some() && !has_earlier_preflight(i, steps, exchanges)
                    })
                });
            if follows {
                if let Some(x) = exchanges.get_mut(e) {
                    x.cors = Cors::new(CorsVerdict::NotApplicable, "This is a preflight; the request it was sent for carries the verdict");
                }
                continue;
            }
            let wanted = request.header("access-control-request-method").unwrap_or("GET").trim().to_string();
            let names: Vec<(String, String)> = request
                .header("access-control-request-headers")
                .map(crate::grammar::list)
                .into_iter()
                .flatten()
                // The browser lists only CORS-unsafe names here; a value that is never safelisted
                // keeps `Accept`, `Accept-Language` and the like unsafe, as they were.
                .map(|n| (n.to_string(), "\u{7f}".to_string()))
                .collect();
            (Some(*response), names, wanted, None)
        } else {
            // The nearest earlier preflight for the same URL and method.
            let preflight = earlier_preflight(e, steps, exchanges).or_else(|| {
                // A blocked request's preflight may be listed just after it.
                failed?;
                steps.iter().enumerate().skip(e.saturating_add(1)).take(LATE_PREFLIGHT).find_map(|(p, (r, resp))| {
                    let later = r.zip(exchanges.get(p))?;
                    sent_for(later, (request, exchange)).then_some(*resp)
                })
            });
            (preflight, cors::author_headers(&header_pairs(request)), method(request).to_string(), Some(*response))
        };
        let found_origin = page_origin(ctx, e, steps, exchanges, captures);
        let page = found_origin.as_ref().map(|p| p.origin.clone());
        let tainted = page.as_deref().and_then(|p| tainted(e, exchanges, p, request));
        let req = cors::Request { origin: page.as_deref(), url: &url, method: &request_method, headers: &request_headers, credentials: mode };
        let preflight_headers = preflight.flatten().map(header_pairs);
        let preflight_response =
            preflight.flatten().zip(preflight_headers.as_ref()).map(|(m, h)| cors::Response { status: m.status().unwrap_or(0), headers: h });
        let actual_headers = actual.flatten().map(header_pairs);
        let actual_response = actual.flatten().zip(actual_headers.as_ref()).map(|(m, h)| cors::Response { status: m.status().unwrap_or(0), headers: h });
        let options = cors::Options { browser: ctx.browser, tainted: tainted.as_deref() };
        let mut outcome = cors::check_with(&req, preflight_response.as_ref(), actual_response.as_ref(), &options);
        // A cross-origin request the browser did not make in CORS mode is not CORS-checked.
        if (outcome.verdict != Verdict::NotApplicable || outcome.preflight_needed) && !blocked_call {
            if let Some(reason) = not_cors_mode(request, actual.flatten()) {
                if let Some(x) = exchanges.get_mut(e) {
                    x.cors = Cors::new(CorsVerdict::NotApplicable, reason);
                }
                continue;
            }
        }
        if let (Some(error), true) = (failed, blocked_call) {
            let cross =
                page.as_deref().and_then(|p| cors::normalize_origin(p).ok()).zip(cors::origin_of(&url)).is_some_and(|(p, u)| p != u || tainted.is_some());
            let explained = preflight.flatten().is_some() && outcome.verdict == Verdict::Fail;
            if cross && !explained {
                let message = blocked_message(request, &url, error, &outcome, preflight.flatten().is_some(), found_origin.as_ref());
                outcome.findings.insert(0, Finding::new(Code::CorsBlockedNoResponse, message.clone()));
                outcome.verdict = Verdict::Fail;
                outcome.reason = message;
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
                outcome.verdict = Verdict::Fail;
                outcome.reason = message;
            }
        }
        let fix = (outcome.verdict == Verdict::Fail).then(|| CorsFix {
            headers: cors::recommended_headers(&req).into_iter().map(|(name, value)| HeaderLine { name, value }).collect(),
            nginx: cors::nginx_snippet(&req),
            express: cors::express_snippet(&req),
        });
        if let Some(x) = exchanges.get_mut(e) {
            x.cors = Cors { fix, page_origin: found_origin.filter(|_| outcome.verdict != Verdict::NotApplicable), ..summary(&outcome) };
        }
        if look || outcome.verdict == Verdict::Fail {
            // The refused preflight is already reported with its own exchange.
            out.extend(outcome.findings.into_iter().filter(|f| f.code != Code::PreflightRefused || preflight.is_none()).map(|f| (e, f)));
        }
    }
    out
}

/// The nearest earlier preflight sent for exchange `e`'s request, with its response.
fn earlier_preflight<'m>(e: usize, steps: &[(Option<&'m Message>, Option<&'m Message>)], exchanges: &[Exchange]) -> Option<Option<&'m Message>> {
    let request = steps.get(e).and_then(|(r, _)| *r).zip(exchanges.get(e))?;
    steps.get(..e)?.iter().enumerate().rev().take(PAIRING_WINDOW).find_map(|(p, (r, resp))| {
        let earlier = r.zip(exchanges.get(p))?;
        sent_for(earlier, request).then_some(*resp)
    })
}

fn has_earlier_preflight(e: usize, steps: &[(Option<&Message>, Option<&Message>)], exchanges: &[Exchange]) -> bool {
    earlier_preflight(e, steps, exchanges).is_some()
}

/// Why a cross-origin call the browser blocked without a response failed, from its preflight
/// when the capture has one that passed, else from what the request needed.
fn blocked_message(request: &Message, url: &str, error: &str, outcome: &Outcome, preflight: bool, page: Option<&PageOrigin>) -> String {
    let from = page.map(|p| format!(" from the page at `{}` ({})", p.origin, p.from.describe())).unwrap_or_default();
    let head = format!("`{} {url}`{from} was blocked with no response (`{}`)", method(request), error.trim());
    if preflight {
        return format!("{head}: its preflight passed, so the browser refused the response itself, which most likely lacks `Access-Control-Allow-Origin` for the page (often an error response the CORS layer does not decorate)");
    }
    if outcome.preflight_needed {
        let why = outcome.preflight_reasons.iter().take(4).cloned().collect::<Vec<_>>().join("; ");
        return format!(
            "{head}: it needs a preflight ({why}), and the capture holds none, so the preflight most likely failed: the server must answer `OPTIONS` with a 2xx, before authentication, with `Access-Control-Allow-Origin` and the method and headers allowed"
        );
    }
    format!(
        "{head}: it needs no preflight, so the browser refused the response itself, which most likely lacks an `Access-Control-Allow-Origin` matching the page"
    )
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
    crate::findings::CodeDoc {
        code: crate::findings::Code::CorsBlockedNoResponse,
        meaning: "A HAR entry for a cross-origin `fetch` or `XMLHttpRequest` call has status 0 and no response (Chromium's `net::ERR_FAILED`), which is what a CORS failure leaves in a capture; DevTools then shows only the provisional request headers.",
        why: "The browser refused the preflight or the response under the CORS rules, so the page's code gets a network error and never sees the status, the 401 or its body.",
        caller: "Open the console for the exact CORS message, and capture the `OPTIONS` preflight too (it is a separate entry) to see which header is wrong.",
        owner: "Answer `OPTIONS` with a 2xx before any authentication, with `Access-Control-Allow-Origin` set to the page's origin and the method and headers the page sends allowed, and send `Access-Control-Allow-Origin` on every response, errors included.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BlockedByExtension,
        meaning: "The browser recorded `net::ERR_BLOCKED_BY_CLIENT`: an extension (an ad, tracker or privacy blocker) cancelled the request.",
        why: "The request never left the browser, so the server could not authenticate it; it is not a CORS failure, and no server header changes it.",
        caller: "Turn off the blocker for this page, allow the API's URL in it, or retry in a private window without extensions.",
        owner: "Avoid URL paths and host names that blocklists match (`/ads`, `/track`, `analytics`), or tell users which URL to allow.",
    },
];
