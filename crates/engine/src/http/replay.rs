//! Cookie-jar replay: the exchanges of one input, in order, through a browser's cookie store.
//!
//! Each response's `Set-Cookie` lines are stored (RFC 6265bis §5.7) at the time of the exchange,
//! in the same-site context of its request; each request gets the `Cookie` header a browser would
//! have sent (§5.8.3). The difference with what was sent, and every cookie a rule kept out, is
//! explained. Findings about individual exchanges are made only for the exchanges that need a
//! look (a refusal, a failed preflight, the chosen one), so a long capture stays readable.

use super::message::Message;
use crate::context::Context;
use crate::cookie::{self, Exclusion, Frame, Jar, Problem, Refusal, SameSite, SetCookie, Site, Stored, ThirdPartyCookies};
use crate::cors::CredentialsMode;
use crate::findings::{Code, Finding, Severity};
use crate::report::Exchange;
use crate::secret::Secret;
use crate::timefmt;
use std::collections::HashSet;
use url::Url;

/// The most `Set-Cookie` lines read from one input: more says nothing new and costs time.
pub const MAX_SET_COOKIE: usize = 20_000;

/// The `Cookie` header of a request: HTTP/2 may split it into several fields, joined with `; `.
pub fn sent_cookies(request: &Message) -> Option<String> {
    let mut parts = request.headers_named("cookie").map(|h| h.value.trim()).peekable();
    parts.peek()?;
    Some(parts.collect::<Vec<_>>().join("; "))
}

/// How a request relates to the page that made it, from what the capture shows: the browser's
/// `Sec-Fetch-*` headers when present, otherwise the page's origin (given by the caller, or the
/// request's `Origin` or `Referer`) against the request's URL.
pub fn site_context(request: &Message, url: &Url, page: Option<&Url>) -> (Site, Option<String>) {
    let method = match &request.start {
        super::message::StartLine::Request { method, .. } => method.as_str(),
        _ => "GET",
    };
    let safe = matches!(method, "GET" | "HEAD");
    let navigate = is_top_level_navigation(request);
    let cross = |why: String| {
        let site = match (navigate, safe) {
            (true, true) => Site::TopLevelSafe,
            (true, false) => Site::TopLevelUnsafe,
            _ => Site::Cross,
        };
        (site, Some(why))
    };
    if let Some(fetch_site) = request.header("sec-fetch-site") {
        return match fetch_site.trim().to_ascii_lowercase().as_str() {
            "cross-site" => cross("`Sec-Fetch-Site: cross-site`".into()),
            _ => (Site::Same, None),
        };
    }
    let from_headers = || {
        request
            .header("origin")
            .filter(|o| !o.trim().eq_ignore_ascii_case("null"))
            .or_else(|| request.header("referer"))
            .and_then(|o| Url::parse(o.trim()).ok())
    };
    let page = page.cloned().or_else(from_headers);
    match page {
        Some(page) if !cookie::same_site(&page, url) => cross(format!("the page at `{}` is on another site", page.origin().ascii_serialization())),
        _ => (Site::Same, None),
    }
}

/// Whether a request is a top-level navigation: as the browser says (`Sec-Fetch-Mode: navigate`
/// to a `document`), or (without `Sec-Fetch-*`) a captured `GET` or `HEAD` with no `Origin`,
/// which a cross-site `fetch` would have carried.
pub fn is_top_level_navigation(request: &Message) -> bool {
    let method = request.method();
    let safe = method.is_empty() || method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD");
    match request.header("sec-fetch-mode") {
        Some(mode) => {
            mode.trim().eq_ignore_ascii_case("navigate") && request.header("sec-fetch-dest").is_some_and(|d| d.trim().eq_ignore_ascii_case("document"))
        }
        None => safe && request.header("origin").is_none() && request.source != super::message::Source::FetchSnippet,
    }
}

fn describe_exclusion(c: &cookie::Cookie, why: &Exclusion, url: &Url, at: i64, frame: &Frame) -> (Code, String) {
    let host = url.host_str().unwrap_or("");
    match why {
        Exclusion::Domain if c.host_only => {
            (Code::CookieDomainExcludes, format!("it has no `Domain`, so it goes only to `{}`, not to `{host}`", c.domain))
        }
        Exclusion::Domain => (Code::CookieDomainExcludes, format!("`Domain={}` does not include `{host}`", c.domain)),
        Exclusion::Path => (Code::CookiePathExcludes, format!("`Path={}` does not cover `{}`", c.path, url.path())),
        Exclusion::Secure => (Code::SecureCookieToHttp, format!("it is `Secure` and `{}` is plain HTTP", url.origin().ascii_serialization())),
        Exclusion::Expired => {
            let when = c.expires.map(|e| timefmt::relative(e, at)).unwrap_or_default();
            (Code::CookieDeleted, format!("it expired {when}, before this request"))
        }
        Exclusion::SameSite => {
            let what = match c.same_site {
                SameSite::Default => "it has no `SameSite` attribute (treated as `Lax`)".to_string(),
                other => format!("it is `SameSite={}`", other.as_str()),
            };
            let mut message = format!("{what} and this is a cross-site request");
            if frame.site == Site::TopLevelUnsafe && frame.lax_allowing_unsafe && c.same_site == SameSite::Default {
                message.push_str(&format!(
                    "; Chromium lets such a cookie go with a cross-site `POST` only in the {} s after it is set, and this one was set {} s before",
                    cookie::LAX_ALLOWING_UNSAFE_SECONDS,
                    at.saturating_sub(c.created_at)
                ));
            }
            (Code::SameSiteBlocksCrossSite, message)
        }
        Exclusion::Partition { set_under } => {
            let here = frame.top.as_ref().map(|(scheme, site)| format!("`{scheme}://{site}`")).unwrap_or_else(|| "another site".into());
            (Code::CookieInOtherPartition, format!("it is `Partitioned` and was set under the top-level site `{}://{}`, while this request is made under {here}", set_under.0, set_under.1))
        }
        Exclusion::ThirdPartyBlocked => match frame.third_party {
            ThirdPartyCookies::Partitioned => (
                Code::ThirdPartyCookiesBlocked,
                "it was set at top level, and this browser keeps a separate jar for each top-level site in third-party contexts (Firefox's Total Cookie Protection), so a request from a page on another site does not get it".to_string(),
            ),
            _ => (Code::ThirdPartyCookiesBlocked, "here it is a third-party cookie (the page is on another site) and this browser blocks third-party cookies".to_string()),
        },
    }
}

/// The finding for a problem of a `Set-Cookie` line, or `None` when it needs no mention.
pub fn problem_finding(problem: &Problem, name: &str, origin: &str) -> Option<Finding> {
    let cookie = if name.is_empty() { "a nameless cookie".to_string() } else { format!("`{name}`") };
    let (code, message) = match problem {
        Problem::ControlCharacter { part, byte } => {
            let part = match part {
                cookie::Part::Name => "name",
                cookie::Part::Value => "value",
                cookie::Part::Attributes => "attributes",
            };
            (Code::SetCookieIgnored, format!("{origin} sets {cookie} with the control character 0x{byte:02X} in its {part}, so the line is ignored"))
        }
        Problem::NameValueTooLong { bytes } => {
            (Code::SetCookieIgnored, format!("{origin} sets {cookie} with {bytes} bytes of name and value (the limit is 4096), so the line is ignored"))
        }
        Problem::EmptyNameAndValue => (Code::SetCookieIgnored, format!("{origin} sets a cookie with neither a name nor a value, so the line is ignored")),
        Problem::NoEquals => (Code::SetCookieUnusual, format!("{origin} sets a cookie without `=`: browsers store it with an empty name")),
        Problem::UnknownAttribute { name: attr } => {
            (Code::SetCookieUnusual, format!("{origin} sets {cookie} with the unknown attribute `{attr}`, which browsers ignore"))
        }
        Problem::InvalidSameSite { value } => (
            Code::SetCookieAttributeIgnored,
            format!("{origin} sets {cookie} with `SameSite={value}`, which is not `Strict`, `Lax` or `None`: the default (`Lax`) applies"),
        ),
        Problem::UnparsableExpires { value } => (
            Code::SetCookieAttributeIgnored,
            format!("{origin} sets {cookie} with `Expires={value}`, which is not a date: the cookie lasts only for the browser session"),
        ),
        Problem::InvalidMaxAge { value } => {
            (Code::SetCookieAttributeIgnored, format!("{origin} sets {cookie} with `Max-Age={value}`, which is not whole seconds"))
        }
        Problem::DuplicateAttribute { name: attr } => {
            (Code::SetCookieUnusual, format!("{origin} sets {cookie} with `{attr}` more than once: the last one counts"))
        }
        Problem::AttributeValueTooLong { name: attr, bytes } => {
            (Code::SetCookieAttributeIgnored, format!("{origin} sets {cookie} with a `{attr}` of {bytes} bytes (over 1024), which is ignored"))
        }
        Problem::PathNotAbsolute { value } => {
            (Code::SetCookieAttributeIgnored, format!("{origin} sets {cookie} with `Path={value}`, which does not start with `/`: the default path applies"))
        }
        Problem::EmptyDomain => (Code::SetCookieUnusual, format!("{origin} sets {cookie} with an empty `Domain`: it becomes a host-only cookie")),
        Problem::ValueOnFlag { name: attr } => (Code::SetCookieUnusual, format!("{origin} sets {cookie} with a value on `{attr}`, which takes none")),
        Problem::ForbiddenCharacter { part, ch } => {
            let part = if *part == cookie::Part::Name { "name" } else { "value" };
            (Code::SetCookieUnusual, format!("{origin} sets {cookie} with {ch:?} in its {part}: browsers keep it, but servers that follow RFC 6265's syntax may reject or cut it (percent-encode or base64url the value)"))
        }
    };
    Some(Finding::new(code, message))
}

/// The finding for a cookie a browser refused to store.
pub fn refusal_finding(refusal: &Refusal, set: &SetCookie, origin: &str) -> Option<Finding> {
    let cookie = if set.name.is_empty() { "a nameless cookie".to_string() } else { format!("`{}`", set.name) };
    let (code, message) = match refusal {
        // The line's own problem says it.
        Refusal::Ignored(_) | Refusal::NoHost => return None,
        // Reported with the response (HTTP019).
        Refusal::SecureFromInsecureOrigin => return None,
        Refusal::DomainNotAscii { domain } => {
            (Code::CookieDomainMismatch, format!("{origin} sets {cookie} with `Domain={domain}`, which is not ASCII (write it in punycode): the cookie is refused"))
        }
        Refusal::DomainIsPublicSuffix { domain } => {
            (Code::CookieDomainPublicSuffix, format!("{origin} sets {cookie} with `Domain={domain}`, a public suffix: the cookie is refused"))
        }
        Refusal::DomainMismatch { domain, host } => {
            (Code::CookieDomainMismatch, format!("{origin} sets {cookie} with `Domain={domain}`, which does not cover `{host}`: the cookie is refused"))
        }
        Refusal::WouldOverlaySecure => {
            (Code::CookieCannotReplaceSecure, format!("{origin} sets {cookie} over plain HTTP while a `Secure` cookie of that name exists: the cookie is refused"))
        }
        Refusal::SameSiteNoneWithoutSecure => {
            (Code::SameSiteNoneWithoutSecure, format!("{origin} sets {cookie} with `SameSite=None` but without `Secure`: the cookie is refused"))
        }
        Refusal::PartitionedWithoutSecure => {
            (Code::PartitionedWithoutSecure, format!("{origin} sets {cookie} with `Partitioned` but without `Secure`: the cookie is refused"))
        }
        Refusal::SecurePrefixWithoutSecure => {
            (Code::CookiePrefixUnmet, format!("{origin} sets {cookie} without `Secure`; the `__Secure-` prefix requires it, so the cookie is refused"))
        }
        Refusal::HostPrefix { secure, host_only, path_is_root } => {
            let mut missing = Vec::new();
            if !secure {
                missing.push("`Secure`");
            }
            if !host_only {
                missing.push("no `Domain`");
            }
            if !path_is_root {
                missing.push("`Path=/`");
            }
            (Code::CookiePrefixUnmet, format!("{origin} sets {cookie}; the `__Host-` prefix requires {}, so the cookie is refused", missing.join(", ")))
        }
        Refusal::NamelessPrefixedValue => {
            (Code::CookiePrefixUnmet, format!("{origin} sets a nameless cookie whose value starts with a `__Secure-` or `__Host-` prefix: the cookie is refused"))
        }
        Refusal::CrossSite { same_site } => {
            let what = match same_site {
                SameSite::Default => "has no `SameSite` attribute (treated as `Lax`)".to_string(),
                other => format!("is `SameSite={}`", other.as_str()),
            };
            (Code::SameSiteBlocksCrossSite, format!("{origin} sets {cookie}, which {what}, in answer to a cross-site request: the browser ignores it"))
        }
        Refusal::ThirdPartyBlocked => (
            Code::ThirdPartyCookiesBlocked,
            format!("{origin} sets {cookie} in answer to a request from a page on another site, and this browser blocks third-party cookies: the cookie is not stored (unless it is `Partitioned`)"),
        ),
    };
    Some(Finding::new(code, message))
}

/// Checks of a `Set-Cookie` line pasted alone (no URL to judge `Domain` or `Secure` against).
pub fn standalone_findings(set: &SetCookie, now: i64) -> Vec<Finding> {
    let origin = "This line";
    let mut out: Vec<Finding> = set.problems.iter().filter_map(|p| problem_finding(p, &set.name, origin)).collect();
    if set.is_ignored() {
        return out;
    }
    // The storage rules that need no URL, judged as if from the cookie's own secure host.
    let host = set.domain.clone().filter(|d| !d.is_empty() && d.is_ascii()).unwrap_or_else(|| "cookie.example".into());
    let path = set.path.clone().filter(|p| p.starts_with('/')).unwrap_or_else(|| "/".into());
    let mut deleted = false;
    if let Ok(url) = Url::parse(&format!("https://{host}{path}")) {
        match Jar::new().store(set, &url, now) {
            Err(refusal) => out.extend(refusal_finding(&refusal, set, origin)),
            Ok(Stored::Deleted | Stored::Expired) => {
                deleted = true;
                out.push(deletion(set, origin, now));
            }
            Ok(_) => {}
        }
    }
    if set.same_site.is_none() && !deleted {
        out.push(Finding::new(
            Code::CookieNoSameSite,
            format!("`{}` has no `SameSite` attribute: Chromium treats it as `Lax`, so a page on another site cannot use it", set.name),
        ));
    }
    if set.partitioned && set.secure {
        out.push(Finding::new(Code::CookiePartitioned, format!("`{}` is `Partitioned`: it is kept per top-level site", set.name)));
    }
    out
}

/// Findings about a `Cookie` request header.
pub fn cookie_header_findings(problems: &[cookie::CookieHeaderProblem]) -> Vec<Finding> {
    use cookie::CookieHeaderProblem as P;
    problems
        .iter()
        .map(|p| {
            let what = match p {
                P::EmptyPair => "an empty pair (a doubled or trailing `;`)".to_string(),
                P::Attribute { name } => format!("`{name}`, an attribute of `Set-Cookie`, not a cookie"),
                P::ControlCharacter { byte } => format!("the control character 0x{byte:02X}"),
                P::Separator { what } => format!("{what}, not `; `"),
                P::RepeatedName { name } if name.is_empty() => "more than one nameless cookie".to_string(),
                P::RepeatedName { name } => format!("`{name}` more than once (servers usually read the first)"),
            };
            Finding::new(Code::CookieHeaderUnreadable, format!("The `Cookie` header holds {what}"))
        })
        .collect()
}

/// A one-line account of a `Set-Cookie` line: the cookie and its attributes.
pub fn describe_set_cookie(set: &SetCookie) -> String {
    let attributes = attributes(set);
    let name = if set.name.is_empty() { "a nameless cookie".to_string() } else { format!("`{}`", set.name) };
    if attributes.is_empty() {
        format!("`Set-Cookie` for {name}")
    } else {
        format!("`Set-Cookie` for {name}: {}", attributes.join(", "))
    }
}

/// The attributes of a `Set-Cookie` line as read (the last valid of each).
pub fn attributes(set: &SetCookie) -> Vec<String> {
    let mut attributes = Vec::new();
    if let Some(domain) = &set.domain {
        attributes.push(format!("Domain={domain}"));
    }
    if let Some(path) = &set.path {
        attributes.push(format!("Path={path}"));
    }
    if let Some(age) = set.max_age {
        attributes.push(format!("Max-Age={age}"));
    } else if set.expires.is_some() {
        attributes.push("Expires".into());
    }
    for (on, name) in [(set.secure, "Secure"), (set.http_only, "HttpOnly"), (set.partitioned, "Partitioned")] {
        if on {
            attributes.push(name.into());
        }
    }
    if let Some(same_site) = set.same_site {
        attributes.push(format!("SameSite={}", same_site.as_str()));
    }
    attributes
}

fn deletion(set: &SetCookie, origin: &str, now: i64) -> Finding {
    let how = match (set.max_age, set.expires) {
        (Some(age), _) => format!("`Max-Age={age}`"),
        (None, Some(at)) => format!("`Expires` {} ({})", timefmt::relative(at, now), timefmt::utc(at).unwrap_or_default()),
        (None, None) => "an expiry in the past".into(),
    };
    Finding::new(Code::CookieDeleted, format!("{origin} sets `{}` with {how}: a browser deletes the cookie", set.name))
}

/// The URL of a request for the jar. A capture without the scheme (`//host/path`, from a raw
/// request with a `Host` header) takes the page's scheme, else `https` (`http` for loopback).
fn request_url(text: &str, page: Option<&Url>) -> Option<Url> {
    let url = match text.strip_prefix("//") {
        Some(rest) => {
            let scheme = match page {
                Some(p) => p.scheme().to_string(),
                None if rest.starts_with("localhost") || rest.starts_with("127.") || rest.starts_with("[::1]") => "http".into(),
                None => "https".into(),
            };
            Url::parse(&format!("{scheme}:{text}")).ok()?
        }
        None => Url::parse(text).ok()?,
    };
    url.host().is_some().then_some(url)
}

/// What one exchange tells the replay: its request and response, and when it happened.
#[derive(Default)]
pub struct Step<'a> {
    pub request: Option<&'a Message>,
    pub response: Option<&'a Message>,
    /// The capture's time for it (HAR `startedDateTime`), in seconds since 1970.
    pub started: Option<i64>,
    /// Chromium's `_resourceType` (`fetch`, `xhr`, `document`, …), lower case.
    pub resource_type: Option<&'a str>,
    /// The URL of the document or script that started it (Chromium's `_initiator`).
    pub initiator: Option<&'a str>,
}

/// The credentials mode a request was judged by, for cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Cookies go (`include`, or a same-origin call in `same-origin`).
    With,
    /// No cookies go and none are stored, as the input or the caller says.
    Said(CredentialsMode),
    /// No cookies go and none are stored, as the capture shows.
    Seen,
}

/// How many later requests to the same origin are looked at for a cookie a response set.
const LATER_LOOKED_AT: usize = 3;

/// What the next requests to the same origin show about a cookie-setting response to a
/// cross-origin call: `Some(true)` when one carries a cookie it set (the browser stored it, so the
/// call had credentials), `Some(false)` when the next `fetch` or XHR made under the same top-level
/// site lacks all of them, `None` when nothing later tells.
fn later_requests_show(steps: &[Step], tops: &[Option<(String, String)>], e: usize, url: &Url, response: &Message, page: Option<&Url>) -> Option<bool> {
    let set: Vec<String> = response.headers_named("set-cookie").map(|h| cookie::parse_set_cookie(&h.value).name).collect();
    if set.is_empty() {
        return None;
    }
    let top = tops.get(e).cloned().flatten();
    steps
        .iter()
        .enumerate()
        .skip(e.saturating_add(1))
        .filter_map(|(i, s)| Some((i, s, s.request?)))
        .filter(|(_, _, r)| !super::cors_flow::is_preflight(r))
        .filter(|(_, _, r)| request_url(&r.url(), page).is_some_and(|u| u.origin() == url.origin()))
        .take(LATER_LOOKED_AT)
        .find_map(|(i, s, r)| {
            if sent_cookies(r).is_some_and(|c| names(&c).iter().any(|n| set.contains(n))) {
                Some(true)
            } else {
                let same_context = fetch_like(s) && tops.get(i).cloned().flatten() == top;
                same_context.then_some(false)
            }
        })
}

/// Whether a step is a script's `fetch` or XHR: as the HAR's `_resourceType` says, or, where the
/// capture has none (a proxy's HAR, Firefox's, a raw capture), as the request's fetch metadata
/// says (`Sec-Fetch-Mode: cors` with `Sec-Fetch-Dest: empty` is what both send).
fn fetch_like(step: &Step) -> bool {
    match step.resource_type {
        Some(t) => matches!(t, "fetch" | "xhr"),
        None => step.request.is_some_and(|r| {
            let is = |name: &str, value: &str| r.header(name).is_some_and(|v| v.trim().eq_ignore_ascii_case(value));
            is("sec-fetch-mode", "cors") && is("sec-fetch-dest", "empty")
        }),
    }
}

/// Whether a step is a top-level navigation: as its headers say, unless the HAR's
/// `_resourceType` names a subresource (Playwright keeps only the provisional headers of an
/// `<img>`, which look like a page load).
fn navigates(step: &Step) -> bool {
    step.request.is_some_and(is_top_level_navigation) && step.resource_type.is_none_or(|t| t == "document")
}

/// The top-level site of each step: a navigation's own; for a subresource that of the latest
/// top-level document of the capture (the page that made it), else the page given, else the
/// caller's.
fn top_level_sites(steps: &[Step], page: Option<&Url>) -> Vec<Option<(String, String)>> {
    let mut document: Option<(String, String)> = None;
    steps
        .iter()
        .map(|step| {
            let Some(request) = step.request else { return page.and_then(cookie::site_of).or_else(|| document.clone()) };
            let url = request_url(&request.url(), page);
            if navigates(step) {
                document = url.as_ref().and_then(cookie::site_of);
                document.clone()
            } else {
                document.clone().or_else(|| page.and_then(cookie::site_of)).or_else(|| caller_of(request, step.initiator).as_ref().and_then(cookie::site_of))
            }
        })
        .collect()
}

/// The URL of the page that made a request, as the request shows it: `Origin` (unless a redirect
/// made it `null`), the HAR initiator, `Referer`.
fn caller_of(request: &Message, initiator: Option<&str>) -> Option<Url> {
    let parse = |s: &str| Url::parse(s.trim()).ok().filter(|u| u.host().is_some());
    request
        .header("origin")
        .filter(|o| !o.trim().eq_ignore_ascii_case("null"))
        .and_then(parse)
        .or_else(|| initiator.and_then(parse))
        .or_else(|| request.header("referer").and_then(parse))
}

/// Replays the exchanges through one cookie jar, filling `exchanges[i].cookies` and returning
/// findings as (exchange index, finding).
pub fn replay(steps: &[Step], exchanges: &mut [Exchange], ctx: &Context, sanitized: bool) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    let mut jar = Jar::new();
    let mut touched = false;
    let mut lines_seen: HashSet<String> = HashSet::new();
    let mut refusals_seen: HashSet<(String, Code)> = HashSet::new();
    // Each cookie name set in the capture, and by which exchange.
    let mut set_by: Vec<(String, usize)> = Vec::new();
    // Where each name sits in `set_by`, so a response with thousands of cookies stays linear.
    let mut set_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Cookies the browser refused to store: name, the site of the URL that set them, the code,
    // and the exchange.
    let mut refused: Vec<Refused> = Vec::new();
    // The refused cookies already named on a later request.
    let mut refusals_told: HashSet<String> = HashSet::new();
    // Where in `out` a preflight's `Set-Cookie` was refused, and the cookie's name.
    let mut from_preflight: Vec<(usize, String)> = Vec::new();
    // The refused cookies a later request went without while it carried no `Authorization`
    // (so nothing else could have authenticated it).
    let mut missed_unauthenticated: HashSet<String> = HashSet::new();
    let mut set_lines = 0usize;
    let page = ctx.origin.as_deref().and_then(|o| Url::parse(o).ok());
    let third_party = ctx.third_party();
    let chromium = ctx.chromium_cookie_rules();
    let tops = top_level_sites(steps, page.as_ref());
    for (e, step) in steps.iter().enumerate() {
        let Some(exchange) = exchanges.get_mut(e) else { break };
        let url = request_url(&exchange.request.url, page.as_ref());
        let date = step
            .response
            .and_then(|r| r.header("date"))
            .and_then(|d| httpdate::parse_http_date(d.trim()).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok().and_then(|d| i64::try_from(d.as_secs()).ok()));
        let at = step.started.or(date).unwrap_or(ctx.now);
        let look = exchange.flag.is_some() || ctx.exchange == Some(e);
        let navigate = navigates(step);
        let (mut site, cross_why) = match (step.request, &url) {
            (Some(request), Some(url)) => site_context(request, url, page.as_ref()),
            _ => (Site::Same, None),
        };
        // A subresource the headers took for a page load is a cross-site subresource.
        if !navigate && matches!(site, Site::TopLevelSafe | Site::TopLevelUnsafe) {
            site = Site::Cross;
        }
        let caller = step.request.and_then(|r| caller_of(r, step.initiator));
        // Chromium decides whether a navigation is same-site for cookies from the page that
        // started it and the URL it ends at, not from the redirects in between (which
        // `Sec-Fetch-Site` counts).
        let mut by_initiator = false;
        if navigate && chromium && site != Site::Same {
            let started_by = step
                .request
                .and_then(|r| r.header("referer"))
                .and_then(|r| Url::parse(r.trim()).ok())
                .or_else(|| step.initiator.and_then(|i| Url::parse(i).ok()));
            if let (Some(started_by), Some(url)) = (&started_by, &url) {
                if cookie::same_site(started_by, url) {
                    site = Site::Same;
                    by_initiator = true;
                }
            }
        }
        let top = tops.get(e).cloned().flatten();
        // A subresource of a page on another top-level site is in a third-party context, even
        // when its frame is the API's own (an embedded frame calling its origin).
        if !navigate && site == Site::Same {
            if let (Some(top), Some(here)) = (&top, url.as_ref().and_then(cookie::site_of)) {
                if *top != here {
                    site = Site::Cross;
                }
            }
        }
        let frame = Frame { site, top: top.clone(), third_party, lax_allowing_unsafe: chromium, lax_by_default: chromium };
        let sent = step.request.and_then(sent_cookies);
        exchange.cookies.sent = sent.clone().map(Secret::new);
        if look {
            for header in step.request.map(|r| r.headers_named("cookie").collect::<Vec<_>>()).unwrap_or_default() {
                if lines_seen.insert(header.value.clone()) {
                    let (_, problems) = cookie::parse_cookie_header(&header.value);
                    out.extend(cookie_header_findings(&problems).into_iter().map(|f| (e, f)));
                }
            }
        }

        // A preflight never carries cookies, nor stores them.
        let preflight = step.request.is_some_and(super::cors_flow::is_preflight);
        let caller_origin = page.as_ref().or(caller.as_ref());
        let cross_origin = url.as_ref().is_some_and(|u| caller_origin.is_some_and(|p| p.origin() != u.origin()));
        let would = match (&url, step.request) {
            (Some(url), Some(_)) if touched && !preflight => jar.header_framed(url, at, &frame),
            _ => String::new(),
        };
        // The credentials mode: the input's or the caller's word; else, for a cross-origin
        // `fetch` or XHR in a HAR, what the capture shows.
        // A navigation always goes with cookies (its mode is `include`).
        let said = if navigate { Some(CredentialsMode::Include) } else { exchange.credentials.as_deref().and_then(CredentialsMode::parse).or(ctx.credentials) };
        let fetch_like = fetch_like(step);
        let (mode, inferred) = match said {
            Some(CredentialsMode::Omit) => (Mode::Said(CredentialsMode::Omit), false),
            Some(CredentialsMode::SameOrigin) if cross_origin => (Mode::Said(CredentialsMode::SameOrigin), false),
            Some(_) => (Mode::With, false),
            // A `Cookie` header on a cross-origin call shows `include`, whoever made it.
            None if sent.is_some() && cross_origin && !preflight => (Mode::With, true),
            None if fetch_like && cross_origin && !preflight => {
                if !would.is_empty() {
                    (Mode::Seen, true)
                } else {
                    // A cookie set here and sent later was stored: the call had credentials; the
                    // next call lacking it says the opposite; nothing later leaves it open.
                    match (step.response, &url) {
                        (Some(response), Some(url)) => match later_requests_show(steps, &tops, e, url, response, page.as_ref()) {
                            Some(true) => (Mode::With, true),
                            Some(false) => (Mode::Seen, true),
                            None => (Mode::With, false),
                        },
                        _ => (Mode::With, false),
                    }
                }
            }
            None => (Mode::With, false),
        };
        // Cookies are at stake when the browser holds some for the URL or the response sets one.
        let at_stake = !would.is_empty() || step.response.is_some_and(|r| r.headers_named("set-cookie").next().is_some());
        if cross_origin && !preflight && !navigate {
            exchange.cookies.credentials = match (said, inferred, mode) {
                (Some(m), _, _) => Some(m.as_str().to_string()),
                (None, true, Mode::Seen) => Some("without".into()),
                (None, true, _) => Some("include".into()),
                (None, false, _) if at_stake => Some("include".into()),
                (None, false, _) => None,
            };
            exchange.cookies.inferred = said.is_none() && inferred;
            exchange.cookies.assumed = said.is_none() && !inferred && at_stake;
        }
        let withheld = match mode {
            Mode::Said(CredentialsMode::Omit) => Some(Withheld::Omit),
            Mode::Said(_) => Some(Withheld::SameOrigin),
            Mode::Seen => Some(Withheld::Seen { third_party_possible: site == Site::Cross && third_party == ThirdPartyCookies::Allowed }),
            Mode::With => None,
        };

        // What a browser would send, given everything stored before this request.
        if let (Some(url), Some(_)) = (&url, step.request) {
            if touched {
                let expected = if withheld.is_some() { String::new() } else { would.clone() };
                exchange.cookies.expected = Some(Secret::new(expected.clone()));
                if look && !sanitized && !preflight {
                    let known: Vec<(String, usize)> = set_by.iter().cloned().chain(refused.iter().map(|r| (r.0.clone(), r.3))).collect();
                    explain(
                        ExplainArgs {
                            e,
                            url,
                            at,
                            frame: &frame,
                            cross_why: cross_why.as_deref(),
                            jar: &jar,
                            sent: sent.as_deref(),
                            expected: &expected,
                            withheld,
                            would: &would,
                            set_by: &set_by,
                            known: &known,
                        },
                        &mut out,
                    );
                    if by_initiator {
                        let strict: Vec<String> = jar
                            .cookies_framed(url, at, &frame)
                            .into_iter()
                            .filter(|c| c.same_site == SameSite::Strict)
                            .map(|c| format!("`{}`", c.name))
                            .collect();
                        if !strict.is_empty()
                            && step.request.and_then(|r| r.header("sec-fetch-site")).is_some_and(|s| s.trim().eq_ignore_ascii_case("cross-site"))
                        {
                            out.push((e, Finding::new(Code::NavigationSameSiteByInitiator, format!("{} (`SameSite=Strict`) {} with this navigation although `Sec-Fetch-Site` says `cross-site`: it was started on the same site as `{}`, which is what Chromium judges cookies by, whatever the redirects in between", some_of(&strict), if strict.len() == 1 { "goes" } else { "go" }, url.host_str().unwrap_or("")))));
                        }
                    }
                    // A cookie the browser refused earlier is why it is missing here (said once).
                    let sent_names = sent.as_deref().map(names).unwrap_or_default();
                    let here = cookie::site_of(url);
                    for (name, site_of_setter, code, at_exchange) in &refused {
                        if *site_of_setter == here
                            && !sent_names.contains(name)
                            && !jar.cookies().iter().any(|c| c.name == *name)
                            && refusals_told.insert(name.clone())
                        {
                            // The refusal is told, as the cause, where the cookie was set; here
                            // it is a pointer back to it.
                            let mut back = Finding::new(
                                *code,
                                format!(
                                    "`{name}` is not in this request: the browser refused it when exchange {} set it ({code} there says why)",
                                    at_exchange.saturating_add(1)
                                ),
                            );
                            back.severity = Severity::Info;
                            out.push((e, back));
                            if step.request.is_some_and(|r| r.header("authorization").is_none()) {
                                missed_unauthenticated.insert(name.clone());
                            }
                        }
                    }
                }
            } else if look && !sanitized {
                if let Some(sent) = &sent {
                    let known: Vec<(String, usize)> = set_by.iter().cloned().chain(refused.iter().map(|r| (r.0.clone(), r.3))).collect();
                    let names = never_set(sent, &known);
                    if !names.is_empty() && set_lines > 0 {
                        out.push((
                            e,
                            Finding::new(
                                Code::CookieNeverSet,
                                format!("{} sent, but no response in this capture set {}", names.join(", "), if names.len() == 1 { "it" } else { "them" }),
                            ),
                        ));
                    }
                }
            }
        }

        // Then what the response stores.
        let (Some(response), Some(url)) = (step.response, &url) else { continue };
        let origin = format!("`{}`", url.origin().ascii_serialization());
        let mut evicted: Vec<cookie::Cookie> = Vec::new();
        for header in response.headers_named("set-cookie") {
            if set_lines >= MAX_SET_COOKIE {
                break;
            }
            set_lines = set_lines.saturating_add(1);
            touched = true;
            let set = cookie::parse_set_cookie(&header.value);
            let first_time = lines_seen.insert(header.value.clone());
            if first_time {
                out.extend(set.problems.iter().filter_map(|p| problem_finding(p, &set.name, &origin)).map(|f| (e, f)));
            }
            // No cookie is stored from a response to a call made without credentials.
            let without = if preflight {
                Some("a preflight, which never carries credentials whatever the call's mode (set the cookie on the actual response instead)".to_string())
            } else {
                withheld.map(|w| w.why_not_stored())
            };
            if let Some(why) = without {
                if set.is_ignored() {
                    continue;
                }
                if !refused.iter().any(|(n, _, c, _)| *n == set.name && *c == Code::CookieIgnoredWithoutCredentials) {
                    refused.push((set.name.clone(), cookie::site_of(url), Code::CookieIgnoredWithoutCredentials, e));
                }
                if refusals_seen.insert((set.name.clone(), Code::CookieIgnoredWithoutCredentials)) {
                    if preflight {
                        from_preflight.push((out.len(), set.name.clone()));
                    }
                    out.push((
                        e,
                        Finding::new(
                            Code::CookieIgnoredWithoutCredentials,
                            format!("{origin} sets `{}` in answer to {why}: the browser does not store it", set.name),
                        ),
                    ));
                }
                continue;
            }
            match jar.store_framed(&set, url, at, &frame) {
                Ok(stored) => {
                    evicted.extend(jar.take_evicted());
                    match set_at.get(&set.name) {
                        Some(&i) => {
                            if let Some(entry) = set_by.get_mut(i) {
                                entry.1 = e;
                            }
                        }
                        None => {
                            set_at.insert(set.name.clone(), set_by.len());
                            set_by.push((set.name.clone(), e));
                        }
                    }
                    if matches!(stored, Stored::Deleted | Stored::Expired) && look && first_time {
                        out.push((e, deletion(&set, &origin, at)));
                    }
                    if first_time && set.same_site.is_none() && page.as_ref().is_some_and(|p| !cookie::same_site(p, url)) {
                        out.push((
                            e,
                            Finding::new(
                                Code::CookieNoSameSite,
                                format!(
                                    "{origin} sets `{}` without `SameSite`; the page at `{}` is on another site, so {}",
                                    set.name,
                                    page.as_ref().map(|p| p.origin().ascii_serialization()).unwrap_or_default(),
                                    if chromium {
                                        "its `fetch` calls will not send it"
                                    } else {
                                        "Chromium browsers, which treat it as `Lax`, will not send it with its `fetch` calls (this browser does)"
                                    }
                                ),
                            ),
                        ));
                    }
                    if first_time && set.partitioned {
                        let under = top.as_ref().map(|(scheme, site)| format!(" (here `{scheme}://{site}`)")).unwrap_or_default();
                        out.push((
                            e,
                            Finding::new(
                                Code::CookiePartitioned,
                                format!("{origin} sets `{}` as `Partitioned`: it is kept per top-level site{under}", set.name),
                            ),
                        ));
                    }
                }
                Err(refusal) => {
                    if let Some(f) = refusal_finding(&refusal, &set, &origin) {
                        if !refused.iter().any(|(n, _, c, _)| *n == set.name && *c == f.code) {
                            refused.push((set.name.clone(), cookie::site_of(url), f.code, e));
                        }
                        if refusals_seen.insert((set.name.clone(), f.code)) {
                            out.push((e, f));
                        }
                    }
                }
            }
        }
        if !evicted.is_empty() {
            let mut names: Vec<String> = evicted.iter().take(4).map(|c| format!("`{}`", c.name)).collect();
            if evicted.len() > names.len() {
                names.push("…".into());
            }
            out.push((
                e,
                Finding::new(
                    Code::CookiesEvicted,
                    format!(
                        "After {origin} set its cookies a browser holds more than it keeps (at most {} per site, {} in all): the {} oldest were dropped ({})",
                        cookie::MAX_PER_SITE,
                        cookie::MAX_COOKIES,
                        evicted.len(),
                        names.join(", ")
                    ),
                ),
            ));
        }
    }
    // A cookie a preflight set is lost, but it is the cause only when a later request of the
    // capture goes without it and without other credentials; otherwise (the call authenticated
    // with `Authorization`, or nothing came after) it is a warning about the server.
    for (at, name) in from_preflight {
        if !missed_unauthenticated.contains(&name) {
            if let Some((_, f)) = out.get_mut(at) {
                f.severity = Severity::Warning;
                f.message.push_str("; no later request of this capture needed it (none went without it and without `Authorization`)");
            }
        }
    }
    fold_repeats(out)
}

/// Why the cookies a browser holds stayed out of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Withheld {
    /// `credentials: 'omit'`.
    Omit,
    /// `credentials: 'same-origin'` (the default) on a cross-origin call.
    SameOrigin,
    /// The capture shows no cookies where the browser held some.
    Seen {
        /// The call was cross-site, so a browser blocking third-party cookies leaves the same trace.
        third_party_possible: bool,
    },
}

impl Withheld {
    fn why_not_stored(self) -> String {
        match self {
            Withheld::Omit => "a call made with `credentials: 'omit'`".into(),
            Withheld::SameOrigin => "a cross-origin call made with `credentials: 'same-origin'` (fetch's default)".into(),
            Withheld::Seen { .. } => {
                "a cross-origin `fetch` or XHR made without credentials (no `credentials: 'include'` or `withCredentials`, as the capture shows)".into()
            }
        }
    }
}

/// The first few items of a list, then how many more: a message names what matters and stays
/// readable when a capture holds hundreds of cookies.
fn some_of(items: &[String]) -> String {
    const SHOWN: usize = 8;
    if items.len() <= SHOWN + 1 {
        return items.join(", ");
    }
    crate::quote::listed_capped(items, SHOWN)
}

/// A cookie the browser refused: its name, the site that set it, the finding's code and the
/// exchange.
type Refused = (String, Option<(String, String)>, Code, usize);

/// The most findings of one code kept for one exchange; the rest are counted in one more.
const REPEATS_SHOWN: usize = 3;

/// Keeps the first few findings of each code for each exchange and sums up the rest, so a
/// response with thousands of similar `Set-Cookie` lines stays readable.
fn fold_repeats(found: Vec<(usize, Finding)>) -> Vec<(usize, Finding)> {
    let mut counts: std::collections::HashMap<(usize, Code), usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(found.len().min(1024));
    for (e, f) in found {
        let seen = counts.entry((e, f.code)).or_insert(0);
        *seen = seen.saturating_add(1);
        if *seen <= REPEATS_SHOWN {
            out.push((e, f));
        }
    }
    let mut extra: Vec<((usize, Code), usize)> = counts.into_iter().filter(|(_, n)| *n > REPEATS_SHOWN).collect();
    extra.sort();
    for ((e, code), n) in extra {
        let more = n.saturating_sub(REPEATS_SHOWN);
        let what = if more == 1 { "cookie has" } else { "cookies have" };
        out.push((e, Finding::new(code, format!("{more} more {what} the same kind of problem in this exchange"))));
    }
    out
}

struct ExplainArgs<'a> {
    e: usize,
    url: &'a Url,
    at: i64,
    frame: &'a Frame,
    cross_why: Option<&'a str>,
    jar: &'a Jar,
    sent: Option<&'a str>,
    expected: &'a str,
    withheld: Option<Withheld>,
    would: &'a str,
    set_by: &'a [(String, usize)],
    /// Every cookie name a response in the capture set, stored or refused.
    known: &'a [(String, usize)],
}

/// The names of the pairs of a `Cookie` header value.
fn names(header: &str) -> Vec<String> {
    cookie::parse_cookie_header(header).0.into_iter().map(|p| p.name).collect()
}

fn never_set(sent: &str, set_by: &[(String, usize)]) -> Vec<String> {
    names(sent).into_iter().filter(|n| !set_by.iter().any(|(s, _)| s == n)).map(|n| format!("`{n}`")).collect()
}

fn from_where(name: &str, set_by: &[(String, usize)]) -> String {
    match set_by.iter().find(|(n, _)| n == name) {
        Some((_, e)) => format!(" (set by exchange {})", e.saturating_add(1)),
        None => String::new(),
    }
}

/// What the frame of a request rules out or leaves open about a cookie that went missing:
/// blocked third-party cookies explain it only on a cross-site call while the setting in effect
/// allows them (with it set to blocked or partitioned, the prediction already counts it).
fn missing_why(frame: &Frame) -> &'static str {
    match (frame.third_party(), frame.third_party) {
        (false, _) => ": the call is same-site, so blocked third-party cookies do not explain it (look for JavaScript that deleted the cookie, an extension, or a client that keeps no cookies)",
        (true, ThirdPartyCookies::Allowed) => {
            ": the call is cross-site, so a browser that blocks third-party cookies leaves this trace (choose that setting to check), as do JavaScript that deleted the cookie and clients that keep no cookies"
        }
        (true, _) => {
            ": the third-party cookie setting in effect is already counted in this prediction, so look for JavaScript that deleted the cookie, an extension, or a client that keeps no cookies"
        }
    }
}

/// Explains how what was sent differs from what a browser would send, and why cookies that
/// were stored stay out of this request.
fn explain(a: ExplainArgs, out: &mut Vec<(usize, Finding)>) {
    let host = a.url.host_str().unwrap_or("");
    let sent_names = a.sent.map(names).unwrap_or_default();
    let expected_names = names(a.expected);
    // Cookies a rule kept out, when they were meant for this site.
    let request_site = cookie::site_of(a.url);
    for (c, why) in a.jar.held_back_framed(a.url, a.at, a.frame) {
        if sent_names.contains(&c.name) {
            continue;
        }
        let related = match why {
            Exclusion::Domain => {
                let domain_site = Url::parse(&format!("https://{}/", c.domain.trim_start_matches('.'))).ok().and_then(|u| cookie::site_of(&u)).map(|s| s.1);
                domain_site.is_some() && domain_site == request_site.as_ref().map(|s| s.1.clone())
            }
            _ => true,
        };
        if !related {
            continue;
        }
        let (code, reason) = describe_exclusion(c, &why, a.url, a.at, a.frame);
        let mut message = format!("`{}`{} was not sent to `{host}`: {reason}", c.name, from_where(&c.name, a.set_by));
        if why == Exclusion::SameSite {
            if let Some(cross) = a.cross_why {
                message.push_str(&format!(" ({cross})"));
            }
        }
        out.push((a.e, Finding::new(code, message)));
    }
    if let Some(withheld) = a.withheld {
        if !a.would.is_empty() {
            let list: Vec<String> = names(a.would).into_iter().map(|n| format!("`{n}`")).collect();
            let message = match withheld {
                Withheld::Omit => format!("The call to `{host}` was made with `credentials: 'omit'`, so {} stayed out of it", some_of(&list)),
                Withheld::SameOrigin => format!(
                    "The call to `{host}` was made with `credentials: 'same-origin'` (fetch's default), which sends no cookies to another origin, so {} stayed out of it",
                    some_of(&list)
                ),
                Withheld::Seen { third_party_possible } => {
                    let mut m = format!(
                        "The call to `{host}` carried no cookies though the browser held {} for it: it was made without credentials (`fetch` sends cookies to another origin only with `credentials: 'include'`, XHR only with `withCredentials = true`); with them {} would go",
                        some_of(&list),
                        if list.len() == 1 { "it" } else { "they" }
                    );
                    if third_party_possible {
                        m.push_str(" — unless this browser blocks third-party cookies, which leaves the same trace (choose that setting to check)");
                    }
                    m
                }
            };
            out.push((a.e, Finding::new(Code::RequestWithoutCredentials, message)));
        }
    }
    // Expected but missing from the request.
    if a.sent.is_some() || !expected_names.is_empty() {
        let missing: Vec<String> = expected_names.iter().filter(|n| !sent_names.contains(n)).map(|n| format!("`{n}`{}", from_where(n, a.set_by))).collect();
        if !missing.is_empty() {
            out.push((
                a.e,
                Finding::new(
                    Code::CookieMissing,
                    format!(
                        "A browser would have sent {} to `{host}`, but the request did not carry {}{}",
                        some_of(&missing),
                        if missing.len() == 1 { "it" } else { "them" },
                        missing_why(a.frame)
                    ),
                ),
            ));
        }
    }
    if let Some(sent) = a.sent {
        let extra = never_set(sent, a.known);
        if !extra.is_empty() {
            out.push((
                a.e,
                Finding::new(
                    Code::CookieNeverSet,
                    format!("{} sent, but no response in this capture set {}", extra.join(", "), if extra.len() == 1 { "it" } else { "them" }),
                ),
            ));
        }
    }
    // Cookies that go only because third-party cookies are allowed.
    if a.frame.third_party() && a.withheld.is_none() {
        let third: Vec<String> = a.jar.cookies_framed(a.url, a.at, a.frame).into_iter().filter(|c| !c.partitioned).map(|c| format!("`{}`", c.name)).collect();
        if !third.is_empty() {
            let verb = if third.len() == 1 { "reaches" } else { "reach" };
            out.push((
                a.e,
                Finding::new(Code::ThirdPartyCookie, format!("{} {verb} `{host}` from another site only as a third-party cookie", third.join(", "))),
            ));
        }
    }
    // Cookies without `SameSite` that ride on a cross-site `POST` only because they are new.
    if a.frame.site == Site::TopLevelUnsafe && a.frame.lax_allowing_unsafe && a.withheld.is_none() {
        for c in a.jar.cookies_framed(a.url, a.at, a.frame).into_iter().filter(|c| c.same_site == SameSite::Default) {
            let age = a.at.saturating_sub(c.created_at);
            out.push((
                a.e,
                Finding::new(
                    Code::LaxAllowingUnsafe,
                    format!(
                        "`{}` goes with this cross-site `POST` only because it has no `SameSite` and was set {age} s before: Chromium allows that for {} s after a cookie is set, so the same request {} s later arrives without it",
                        c.name,
                        cookie::LAX_ALLOWING_UNSAFE_SECONDS,
                        cookie::LAX_ALLOWING_UNSAFE_SECONDS.saturating_sub(age).saturating_add(1)
                    ),
                ),
            ));
        }
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::SetCookieIgnored,
        meaning: "Replaying the capture's cookies as a browser would, the engine found a `Set-Cookie` line that a browser ignores entirely: a control character in the name, value or attributes, more than 4096 bytes of name and value, or neither a name nor a value.",
        why: "The cookie is never stored, so requests that depend on it (typically the session) go out without it and the server answers 401 or redirects to sign-in.",
        caller: "Nothing the caller can change in the browser; report the `Set-Cookie` line to the site's owner.",
        owner: "Fix the line: remove control characters (often a newline from a stored value), keep name and value under 4096 bytes together (store large data server-side), and always write `name=value`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SetCookieAttributeIgnored,
        meaning: "A `Set-Cookie` attribute is invalid and dropped while the cookie is kept: `SameSite` other than `Strict`, `Lax` or `None` (the default applies), an `Expires` that is not a date (the cookie becomes a session cookie), a `Max-Age` that is not whole seconds, a `Path` not starting with `/` (the default path applies), or an attribute value over 1024 bytes.",
        why: "The cookie then behaves differently than intended: it may vanish when the browser closes, be held back from cross-site requests, or not be sent to some paths, which shows up as 401s on later requests.",
        caller: "Nothing to change in the client; report the attribute to the site's owner.",
        owner: "Write attributes as RFC 6265bis defines them: `Expires` as an HTTP date, `Max-Age` as an integer, `SameSite=Strict|Lax|None`, and `Path` starting with `/`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SetCookieUnusual,
        meaning: "A `Set-Cookie` line is accepted but unusual: no `=` (stored with an empty name), an unknown attribute, an attribute given twice (the last wins), an empty `Domain` (host-only cookie), a value on a flag like `Secure` or `HttpOnly`, or a character in the name or value that RFC 6265 syntax does not allow.",
        why: "This usually does not cause a 401; it matters when the line does not mean what its author intended, for example a duplicate attribute overriding the first, or a server-side cookie parser that rejects or cuts the unusual character.",
        caller: "Nothing to change in the client.",
        owner: "Remove what the browser ignores and percent-encode or base64url-encode cookie values with unusual characters, so every component reads the cookie the same way.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SameSiteNoneWithoutSecure,
        meaning: "A `Set-Cookie` has `SameSite=None` without `Secure`; the engine's browser model refuses it.",
        why: "Current browsers reject `SameSite=None` cookies that are not `Secure`, so the cookie is never stored and later requests lack it, giving 401s.",
        caller: "Use the site over HTTPS; there is nothing else the caller can change.",
        owner: "Add `Secure` to every `SameSite=None` cookie and serve the site over HTTPS.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieDomainMismatch,
        meaning: "A `Set-Cookie` has a `Domain` that does not domain-match the host of the response that sets it, or a `Domain` that is not ASCII; the browser refuses the cookie.",
        why: "A host may set cookies only for itself or a parent domain (RFC 6265bis §5.7), so the cookie is never stored and requests that need it get 401.",
        caller: "Nothing for the caller to change; report it to the site's owner.",
        owner: "Set `Domain` to the responding host or one of its parent domains (in punycode if internationalised), or omit it to make a host-only cookie; set the cookie from the domain it is for.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieDomainPublicSuffix,
        meaning: "A `Set-Cookie` has a `Domain` that is a public suffix (such as `com`, `co.uk` or a shared hosting suffix); the browser refuses it.",
        why: "Browsers refuse cookies for public suffixes so that one site cannot set cookies for many, so the cookie is not stored and the session is lost.",
        caller: "Nothing to change on the client.",
        owner: "Use the site's own registrable domain (for example `example.co.uk`) or omit `Domain`; on shared hosting platforms, cookies cannot span sites.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookiePrefixUnmet,
        meaning: "A cookie uses a name prefix whose rules are not met: `__Secure-` without `Secure`, `__Host-` without `Secure`, with a `Domain` or without `Path=/`, or a nameless cookie whose value starts with one of those prefixes.",
        why: "Browsers refuse such cookies (RFC 6265bis §4.1.3), so the session cookie is never stored and later requests get 401.",
        caller: "Nothing to change on the client; use the site over HTTPS.",
        owner: "For `__Host-`, send `Secure; Path=/` and no `Domain` over HTTPS; for `__Secure-`, send `Secure` over HTTPS.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookiePathExcludes,
        meaning: "A cookie stored earlier in the capture was not sent on this request because its `Path` does not cover the request path.",
        why: "A browser sends a cookie only to paths under its `Path`; a session cookie set with, say, `Path=/login` never reaches `/api`, which then answers 401.",
        caller: "Nothing the page can change; call the API at a path the cookie covers only if that is intended.",
        owner: "Set `Path=/` (or a prefix of every path that needs the cookie) on the session cookie; remember that the default path is the directory of the URL that set it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieDeleted,
        meaning: "A `Set-Cookie` deletes the cookie (`Max-Age=0` or negative, or `Expires` in the past), or a stored cookie had expired before a later request so it was not sent.",
        why: "After deletion or expiry the browser no longer sends the cookie, so a request that needs it gets 401; intended on logout, but unexpected when the server's clock runs ahead or the lifetime is too short.",
        caller: "If this is not a logout, sign in again and report the expiry time to the site's owner; check this machine's clock.",
        owner: "Send a future `Expires` or a positive `Max-Age` for cookies that should persist, check that the server's clock is correct, and check which response deletes the cookie.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieNoSameSite,
        meaning: "A `Set-Cookie` has no `SameSite` attribute; for a lone `Set-Cookie` line this is always noted, and in a replayed capture only when the page that calls the API is on another site.",
        why: "Without `SameSite`, Chromium treats the cookie as `Lax`, so cross-site `fetch` or XHR calls neither store nor send it; on same-site use it makes no difference.",
        caller: "If the page and the API are on different sites, the caller cannot change this; report it, or serve both from the same site.",
        owner: "Set `SameSite` explicitly: `Lax` or `Strict` for same-site use, `SameSite=None; Secure` for a cookie a page on another site must use.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieDomainExcludes,
        meaning: "A stored cookie was not sent on this request because its domain does not include the request's host: it is host-only (no `Domain`) and the request goes to another host, or its `Domain` does not cover the host.",
        why: "Without a matching domain the browser does not attach the cookie, so the API host receives no session and answers 401.",
        caller: "Call the API on the host that set the cookie, if that is an option.",
        owner: "Set `Domain` to the parent domain both hosts share (for example `Domain=example.com`), or set the cookie from the API's own host.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieNeverSet,
        meaning: "The request sent a cookie that no response in this capture set, while other responses in the capture do set cookies.",
        why: "It does not cause a 401 by itself; it matters when the unexplained cookie is a stale session cookie the server no longer recognises, and it does not matter for unrelated cookies such as analytics or preferences.",
        caller: "Check where the cookie came from; sign out and in again, or clear the site's cookies, to replace it, and capture the whole sign-in flow.",
        owner: "Look up the session id in the server logs to see whether it is expired or unknown; return a clear error or delete the cookie when a session is invalid.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SameSiteBlocksCrossSite,
        meaning: "A cookie was held back from a cross-site request, or refused when a cross-site response set it, because it is `SameSite=Lax`, `Strict` or has no `SameSite` (treated as `Lax`).",
        why: "Browsers do not store or send such cookies on cross-site subrequests like `fetch` or XHR, so the API on another site gets no session and answers 401.",
        caller: "Serve the page from the same site as the API, or use a token in `Authorization` instead of a cookie.",
        owner: "Give the cookie `SameSite=None; Secure` if a page on another site must use it (and answer CORS with credentials), or move page and API to the same site.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookiePartitioned,
        meaning: "A `Set-Cookie` carries `Partitioned` (CHIPS), so the browser keeps it separately per top-level site.",
        why: "It does not cause a refusal on the site that set it; it matters when the API is used under another top-level site, where this cookie is not present and the request may get 401.",
        caller: "Expect the cookie only under the top-level site where it was set; sign in again under each site if needed.",
        owner: "Use `Partitioned` only for cookies meant to be per top-level site, and do not rely on it for a session shared across sites.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieHeaderUnreadable,
        meaning: "The request's `Cookie` header is not in the form browsers send: an empty pair (doubled or trailing `;`), a `Set-Cookie` attribute such as `Path`, a control character, a separator other than `; `, or the same name more than once.",
        why: "Servers may misparse the header, read the wrong copy of a repeated cookie (usually the first) or drop it, so the session may not be found and the request gets 401.",
        caller: "Send cookies as `name=value` pairs joined by `; ` in one header, without attributes; in curl use `-b 'a=1; b=2'` or a cookie file.",
        owner: "Look for duplicate cookie names set with different `Path` or `Domain` values, and clear the stale one.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SecureCookieToHttp,
        meaning: "A stored `Secure` cookie was not sent because the request goes to a plain `http://` URL.",
        why: "Browsers never send `Secure` cookies over unencrypted connections, so the server receives no session and answers 401.",
        caller: "Call the API over `https://`.",
        owner: "Serve the API only over HTTPS and publish its HTTPS URL.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieMissing,
        meaning: "Replaying the capture, a browser would have sent one or more cookies to this host, but the captured request does not carry them.",
        why: "The server receives no session cookie and answers 401; something outside the cookie rules kept it out: JavaScript that deleted it, a browser blocking third-party cookies, a privacy extension, or a client with no cookie jar.",
        caller: "Find what removed the cookie; with curl use `-c cookies.txt` on sign-in and `-b cookies.txt` afterwards; in scripts use a session object that keeps cookies.",
        owner: "No server change follows directly; compare the server's session log for the request to confirm that no cookie arrived.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RequestWithoutCredentials,
        meaning: "A cross-origin call was made without credentials (a `fetch` with `credentials` `omit` or `same-origin`, or an XHR without `withCredentials`), so cookies the browser holds for that host were left out.",
        why: "Without credentials mode `include`, browsers send no cookies on cross-origin requests, so the API sees no session and answers 401.",
        caller: "Send credentials with the call: `fetch(url, { credentials: 'include' })`, `xhr.withCredentials = true`, or axios `withCredentials: true`.",
        owner: "Answer such calls with `Access-Control-Allow-Credentials: true` and the exact origin in `Access-Control-Allow-Origin` (not `*`), or the browser will block the response.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieCannotReplaceSecure,
        meaning: "A response over plain HTTP tries to set a cookie with the same name as an existing `Secure` cookie; the browser refuses it.",
        why: "An insecure origin may not overwrite a `Secure` cookie (RFC 6265bis §5.7), so the new session value is not stored and the old one, which may be stale, keeps being sent.",
        caller: "Use the site over `https://` so the cookie can be replaced.",
        owner: "Set the cookie only from HTTPS responses and redirect the login flow to HTTPS before setting it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PartitionedWithoutSecure,
        meaning: "A `Set-Cookie` carries `Partitioned` without `Secure`; the browser refuses it.",
        why: "Browsers require `Secure` on partitioned cookies, so the cookie is never stored and later requests lack it.",
        caller: "Use the site over HTTPS; the caller cannot change the cookie.",
        owner: "Add `Secure` to the cookie and serve it over HTTPS.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ThirdPartyCookie,
        meaning: "The request is cross-site, and the cookies it gets (not partitioned) reach the host only as third-party cookies.",
        why: "It works in browsers that allow third-party cookies, but Safari, Firefox's strict mode, private windows and users who block them do not send such cookies, so the same request gets 401 there.",
        caller: "Expect failures in those browsers; where possible use an `Authorization` header instead of cookies for cross-site API calls.",
        owner: "Serve the API from the page's own site (a subdomain of the same registrable domain), or switch to token-based authentication for cross-site use.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookiesEvicted,
        meaning: "After a response set cookies, the replayed browser store holds more than it keeps (about 180 per site, 3300 in total), so the oldest cookies were evicted; the message names some of them.",
        why: "Evicted cookies are gone, possibly including the session cookie, so later requests lack it and get 401; the cause is usually a cookie set per request under a new name.",
        caller: "Clear the site's cookies and sign in again; report the growth to the site's owner.",
        owner: "Stop creating a new cookie per request (reuse names, set `Max-Age`), and delete cookies the application no longer reads.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieIgnoredWithoutCredentials,
        meaning: "A response sets a cookie, but the request was a cross-origin call made without credentials (`credentials: 'omit'`, the default `same-origin`, an XHR without `withCredentials`, or a preflight), so the browser ignores the `Set-Cookie`. In a HAR the mode is read from the capture: the call carried no `Cookie` and no later request carries the cookie.",
        why: "A sign-in call made this way looks successful, but the session cookie is never stored, so every following request arrives without a session and gets 401.",
        caller: "Make the call with credentials: `fetch(url, { credentials: 'include' })`, `xhr.withCredentials = true`, axios `withCredentials: true`; do it on the sign-in call as well as on the calls after it.",
        owner: "Answer credentialed calls with `Access-Control-Allow-Credentials: true` and the page's exact origin, so the browser lets the page read the response; give the cookie `SameSite=None; Secure` if the page is on another site.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ThirdPartyCookiesBlocked,
        meaning: "The request is made from a page on another site (a third-party context), and the browser blocks third-party cookies (Safari by default, Chrome in Incognito or with the setting on, some Chromium builds by default) or keeps them per top-level site (Firefox's Total Cookie Protection), so the cookie was not stored or not sent.",
        why: "The API on the other site sees no session and answers 401, although the same flow works in a browser that allows third-party cookies.",
        caller: "Sign in through a top-level page of the API's site, or call the API from a page on its own site; allowing third-party cookies for the site is a workaround for one browser only.",
        owner: "Keep the session first-party (serve the API under the page's registrable domain, or put the page behind the API's site), use a token in `Authorization` for cross-site calls, mark a cookie that may live per top-level site `Partitioned; Secure` (CHIPS), or call `document.requestStorageAccess()` in the embedded frame.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieInOtherPartition,
        meaning: "A `Partitioned` cookie (CHIPS) was stored under one top-level site and the request is made under another, so the browser does not send it.",
        why: "Partitioned cookies are kept in a separate jar per top-level site: the session set while embedded in one site does not exist when the same API is used from another site or at top level, and the request gets 401.",
        caller: "Sign in again under the top-level site the request is made from.",
        owner: "Do not partition a cookie that must be shared across top-level sites; for an embedded widget expect one session per embedding site.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LaxAllowingUnsafe,
        meaning: "A cookie without a `SameSite` attribute goes with a cross-site top-level `POST` only because it was set less than two minutes before: Chromium's allowance for such cookies (\"Lax-allowing-unsafe\").",
        why: "The same form post made after the two minutes arrives without the cookie, so a flow that works right after sign-in (a payment or identity provider posting back) fails with 401 later.",
        caller: "Nothing to change in the client; report it to the site's owner.",
        owner: "Set `SameSite` explicitly: `SameSite=None; Secure` for a cookie that must go with cross-site posts, or post back with `GET` or to a same-site endpoint.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NavigationSameSiteByInitiator,
        meaning: "A navigation that bounced through another site (`Sec-Fetch-Site: cross-site`) was started on the site it ends at, and Chromium decides `SameSite` for navigations from the initiator and the final URL, so `Strict` cookies go with it.",
        why: "This does not cause a 401; it explains why the server received `Strict` cookies on a request its fetch metadata calls cross-site, and why another browser, which counts the redirects, may not send them.",
        caller: "Nothing to change in the client; if the session is refused anyway, look elsewhere than the cookie's `SameSite`.",
        owner: "Do not rely on `Sec-Fetch-Site` and `SameSite=Strict` agreeing across redirects; check the session on the final request whichever way it arrives.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::message::{Header, Source, StartLine};

    fn get(headers: &[(&str, &str)], method: &str) -> Message {
        Message {
            start: StartLine::Request { method: method.into(), target: "/".into(), version: "HTTP/1.1".into() },
            headers: headers.iter().map(|(n, v)| Header { name: (*n).into(), value: (*v).into(), line: 1 }).collect(),
            body: String::new(),
            line: 1,
            source: Source::Raw,
            lines: (1, 1),
            parsed: Default::default(),
        }
    }

    #[test]
    fn a_url_without_scheme_takes_the_pages_or_https() {
        let page = Url::parse("http://intranet.example/").ok();
        assert_eq!(request_url("//api.example.com/v1", None).map(|u| u.to_string()).as_deref(), Some("https://api.example.com/v1"));
        assert_eq!(request_url("//api.example.com/v1", page.as_ref()).map(|u| u.to_string()).as_deref(), Some("http://api.example.com/v1"));
        assert_eq!(request_url("//localhost:3000/x", None).map(|u| u.scheme().to_string()).as_deref(), Some("http"));
        assert_eq!(request_url("/only/a/path", None), None);
        assert_eq!(request_url("data:text/plain,x", None), None);
    }

    #[test]
    fn site_context_from_fetch_metadata_then_origins() {
        let api = Url::parse("https://api.example.net/me").unwrap();
        let page = Url::parse("https://app.example.com/").unwrap();
        let cross = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")];
        assert_eq!(site_context(&get(&cross, "GET"), &api, None).0, Site::Cross);
        let nav = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")];
        assert_eq!(site_context(&get(&nav, "GET"), &api, None).0, Site::TopLevelSafe);
        assert_eq!(site_context(&get(&nav, "POST"), &api, None).0, Site::TopLevelUnsafe);
        assert_eq!(site_context(&get(&[("Sec-Fetch-Site", "same-site")], "GET"), &api, Some(&page)).0, Site::Same, "the browser's word wins");
        assert_eq!(site_context(&get(&[], "GET"), &api, Some(&page)).0, Site::TopLevelSafe, "a GET without `Origin` is a page load");
        assert_eq!(site_context(&get(&[], "POST"), &api, Some(&page)).0, Site::Cross);
        assert_eq!(site_context(&get(&[("Origin", "https://app.example.com")], "GET"), &api, Some(&page)).0, Site::Cross);
        assert_eq!(site_context(&get(&[("Origin", "https://www.example.net")], "GET"), &api, None).0, Site::Same);
        assert_eq!(site_context(&get(&[("Origin", "null"), ("Referer", "https://evil.example/")], "GET"), &api, None).0, Site::Cross);
        assert_eq!(site_context(&get(&[], "GET"), &api, None).0, Site::Same, "nothing says otherwise");
    }
}
