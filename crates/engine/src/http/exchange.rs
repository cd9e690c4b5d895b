//! One request and its response, read the way the troubleshooting procedure reads them: is it
//! really a 401, were credentials sent, what the server's clock and rate limits say, and the ids
//! to quote in a ticket.

pub use super::message::{full_url, url};
use super::message::{Message, Source};
use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsVerdict, Exchange, ExchangeCookies, ExchangeFlag, ExchangeRequest, RequestId};
use crate::secret::Secret;
use crate::steps::StepId;
use crate::timefmt;

/// Headers that carry an id the server's operators can look up.
const REQUEST_IDS: [&str; 12] = [
    "x-request-id",
    "x-correlation-id",
    "request-id",
    "traceparent",
    "cf-ray",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-cf-id",
    "x-ms-request-id",
    "x-azure-ref",
    "x-cloud-trace-context",
    "x-b3-traceid",
];

/// Credential parameters that belong in a URL by design: an authorization response's `code`,
/// and the signatures of presigned URLs (AWS `X-Amz-*`, Azure SAS `sig`). Every other
/// credential name ([`crate::secret::is_credential_name`]) in a URL is a leak.
const URL_BY_DESIGN: [&str; 6] = ["code", "sig", "signature", "x_amz_signature", "x_amz_credential", "x_amz_security_token"];

/// Whether a URL carries its credentials as a presigned AWS Signature V4 query.
fn presigned(url: &str) -> bool {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    query.split('&').any(|p| p.get(..16).is_some_and(|n| n.eq_ignore_ascii_case("X-Amz-Signature=")))
}

/// Words in a redirect target that mean "sign in first".
const LOGIN_WORDS: [&str; 7] = ["login", "signin", "sign-in", "sign_in", "authorize", "/sso", "/oauth"];

/// Phrases with which servers say that no credentials arrived.
const MISSING_PHRASES: [&str; 14] = [
    "missing authorization",
    "authorization header is missing",
    "authorization header missing",
    "no authorization header",
    "authorization header required",
    "authorization header is required",
    "missing bearer",
    "no bearer token",
    "missing token",
    "no token provided",
    "token not provided",
    "no auth token",
    "missing credentials",
    "authentication credentials were not provided",
];

/// Phrases with which servers say an account is locked after failed attempts.
const LOCKOUT_PHRASES: [&str; 8] = [
    "account locked",
    "account is locked",
    "account has been locked",
    "temporarily locked",
    "locked out",
    "too many failed",
    "too many login attempts",
    "too many unsuccessful",
];

/// Response and request headers that show an intermediary, and what it is.
const INTERMEDIARIES: [(&str, &str); 17] = [
    ("cf-ray", "Cloudflare"),
    ("x-amz-cf-id", "Amazon CloudFront"),
    ("x-amz-apigw-id", "Amazon API Gateway"),
    ("x-amzn-trace-id", "an AWS load balancer or API Gateway"),
    ("x-azure-ref", "Azure Front Door"),
    ("x-ms-gateway-requestid", "an Azure gateway"),
    ("x-fastly-request-id", "Fastly"),
    ("x-served-by", "a CDN cache (Fastly or Varnish)"),
    ("x-varnish", "Varnish"),
    ("akamai-grn", "Akamai"),
    ("x-akamai-transformed", "Akamai"),
    ("x-kong-proxy-latency", "Kong"),
    ("x-kong-upstream-latency", "Kong"),
    ("x-envoy-upstream-service-time", "Envoy (or a service mesh built on it)"),
    ("apigw-requestid", "Amazon API Gateway"),
    ("x-apigee-fault-source", "Apigee"),
    ("x-cache", "a caching proxy or CDN"),
];

/// `Server` values that name a proxy, load balancer or CDN rather than the application.
const PROXY_SERVERS: [(&str, &str); 9] = [
    ("cloudflare", "Cloudflare"),
    ("awselb", "an AWS load balancer"),
    ("envoy", "Envoy"),
    ("istio-envoy", "Istio"),
    ("akamaighost", "Akamai"),
    ("kong", "Kong"),
    ("nginx", "nginx"),
    ("apache", "Apache httpd"),
    ("traefik", "Traefik"),
];

/// Pairs each request with the response that follows it; a lone response is its own exchange.
pub fn pair(messages: &[Message]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pairs = Vec::new();
    let mut rest = messages.iter().enumerate().peekable();
    while let Some((i, message)) = rest.next() {
        if message.is_request() {
            let response = rest.next_if(|(_, next)| !next.is_request()).map(|(j, _)| j);
            pairs.push((Some(i), response));
        } else {
            pairs.push((None, Some(i)));
        }
    }
    pairs
}

/// A URL as the report shows it to a reader: one that lacks its scheme (`//host/path`, from a
/// capture that does not say whether it was `http` or `https`) is written as the path on its
/// host, so that it is not taken for a URL that could be opened.
pub fn shown_url(url: &str) -> String {
    match url.strip_prefix("//") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {
            let (host, path) = rest.find(['/', '?']).map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
            let path = if path.starts_with('?') { format!("/{path}") } else { path.to_string() };
            format!("{path} on {host}")
        }
        _ => url.to_string(),
    }
}

fn method(request: &Message) -> String {
    request.method().to_string()
}

/// The seconds since 1970 of an HTTP date, if it is one.
fn http_date(value: &str) -> Option<i64> {
    let at = httpdate::parse_http_date(value).ok()?;
    let since = at.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(since.as_secs()).ok()
}

/// Times from the tokens of the input, for comparing with the server's clock.
pub struct TokenTimes {
    pub exp: Option<i64>,
    pub nbf: Option<i64>,
}

/// Analyses one exchange.
pub fn analyze(request: Option<&Message>, response: Option<&Message>, tokens: &[TokenTimes], ctx: &Context) -> (Exchange, Vec<Finding>, Vec<StepId>) {
    let mut findings = Vec::new();
    let mut checked = Vec::new();
    let status = response.and_then(Message::status);
    let mut login_redirect = false;
    let mut request_ids = Vec::new();
    for message in request.iter().chain(response.iter()) {
        for header in &message.headers {
            if REQUEST_IDS.contains(&header.name.to_ascii_lowercase().as_str()) {
                request_ids.push(RequestId { name: header.name.clone(), value: header.value.clone() });
            }
        }
    }
    if !request_ids.is_empty() {
        let list: Vec<String> = request_ids.iter().map(|r| format!("`{}: {}`", r.name, r.value)).collect();
        findings.push(Finding::new(Code::RequestIds, format!("Quote these when asking the API's operators: {}", list.join(", "))));
    }
    if request.is_some() && response.is_some() {
        checked.push(StepId::Capture);
    } else if response.is_some() {
        findings.push(Finding::new(Code::ResponseWithoutRequest, "The paste has the response but not the request that got it"));
    }

    if let Some(response) = response {
        let challenged = response.header("www-authenticate").is_some();
        match status {
            Some(401) if challenged => checked.push(StepId::StatusCode),
            Some(401) => findings.push(Finding::new(
                Code::MissingChallenge,
                "The response is 401 but has no `WWW-Authenticate` header, which RFC 9110 requires; the client cannot tell which scheme the server wants",
            )),
            Some(403) => findings.push(Finding::new(
                Code::Forbidden,
                "The response is 403 Forbidden: the server knows who is calling and refuses the action; this is about permissions, not authentication",
            )),
            Some(407) if response.header("proxy-authenticate").is_none() => {
                findings.push(Finding::new(Code::ProxyAuthRequired, "The response is 407: a proxy between you and the API wants credentials"))
            }
            Some(429) => findings.push(Finding::new(Code::Throttled, "The response is 429 Too Many Requests: the caller is being throttled, not refused")),
            Some(301 | 302 | 303 | 307 | 308) => {
                let location = response.header("location").unwrap_or("");
                if LOGIN_WORDS.iter().any(|w| location.to_ascii_lowercase().contains(w)) {
                    login_redirect = true;
                    findings.push(Finding::new(
                        Code::LoginRedirect,
                        format!("The response redirects to a sign-in page (`{location}`): for an API call this hides a 401"),
                    ));
                }
            }
            _ => {}
        }
        // `Retry-After`, the IETF `RateLimit`/`RateLimit-Policy` fields and their older
        // `RateLimit-*` and `X-RateLimit-*` forms.
        let limited = response
            .headers
            .iter()
            .filter(|h| {
                let name = h.name.to_ascii_lowercase();
                name == "retry-after" || name.starts_with("ratelimit") || name.starts_with("x-ratelimit") || name.starts_with("x-rate-limit")
            })
            .map(|h| format!("`{}: {}`", h.name, h.value))
            .collect::<Vec<_>>();
        if matches!(status, Some(401 | 403 | 429)) {
            let said =
                format!("{}\n{}", response.header("www-authenticate").unwrap_or(""), response.body.chars().take(4096).collect::<String>()).to_ascii_lowercase();
            if let Some(phrase) = LOCKOUT_PHRASES.iter().find(|p| said.contains(*p)) {
                findings.push(Finding::new(
                    Code::AccountLocked,
                    format!("The server says \"{phrase}\": the account is blocked after failed attempts, whatever the credentials now"),
                ));
            }
        }
        if !limited.is_empty() && matches!(status, Some(401 | 403 | 429)) {
            findings.push(Finding::new(Code::RateLimitHeaders, format!("The response carries rate-limit headers: {}", limited.join(", "))));
        }
        if let Some(date) = response.header("date") {
            match http_date(date) {
                Some(server_now) => {
                    let skew = i64::try_from(ctx.skew).unwrap_or(i64::MAX);
                    for t in tokens {
                        if let Some(exp) = t.exp {
                            if exp > ctx.now && server_now >= exp.saturating_add(skew) {
                                findings.push(Finding::new(
                                    Code::ServerClockExplains,
                                    format!(
                                        "By the server's clock (`Date: {date}`) the token had already expired, {} after `exp`",
                                        timefmt::duration(u64::try_from(server_now.saturating_sub(exp)).unwrap_or(0))
                                    ),
                                ));
                            }
                        }
                        if let Some(nbf) = t.nbf {
                            if nbf > server_now.saturating_add(skew) {
                                findings.push(Finding::new(
                                    Code::ServerClockExplains,
                                    format!(
                                        "By the server's clock (`Date: {date}`) the token was not valid yet: `nbf` is {} later",
                                        timefmt::duration(u64::try_from(nbf.saturating_sub(server_now)).unwrap_or(0))
                                    ),
                                ));
                            }
                        }
                    }
                    if server_now.abs_diff(ctx.now) > skew.unsigned_abs() {
                        findings.push(Finding::new(
                            Code::DateDiffersFromClock,
                            format!(
                                "The response is dated {} ({} this clock); if it was captured just now, the clocks disagree",
                                timefmt::utc(server_now).unwrap_or_default(),
                                relation(server_now, ctx.now)
                            ),
                        ));
                    }
                }
                None => findings.push(Finding::new(Code::DateUnreadable, format!("`Date: {date}` is not an HTTP date"))),
            }
        }
    }

    let url_text = request.map(url).unwrap_or_default();
    if let Some(request) = request {
        let has_credentials = request.headers.iter().any(|h| {
            let name = h.name.to_ascii_lowercase().replace('_', "-");
            ["authorization", "cookie", "proxy-authorization", "dpop"].contains(&name.as_str())
                || ["api-key", "apikey", "auth-token", "access-token"].iter().any(|k| name.contains(k))
        }) || presigned(&url_text);
        let preflight = request.is_preflight();
        // A token request authenticates in its body (`client_id`, `code_verifier`, a client
        // secret): no header is expected there.
        // Nor does a sign-in redirect to the identity provider (an authorize request).
        let token_request = request.body.contains("grant_type=") || url_text.contains("response_type=");
        // An ACME request (RFC 8555 §6.2) authenticates by the JWS that is its body.
        let signed_body = request.header("content-type").is_some_and(|c| c.to_ascii_lowercase().contains("application/jose+json"));
        if preflight && !matches!(status, Some(200..=299) | None) {
            findings.push(crate::cors::preflight_refused(request.header("access-control-request-method").unwrap_or(""), &url_text, status));
        } else if !has_credentials && !preflight && !token_request && !signed_body && (login_redirect || matches!(status, Some(401) | None)) {
            findings.push(Finding::new(
                Code::NoCredentialsSent,
                "The request carries no `Authorization`, `Cookie` or API-key header: the server had no credentials to check",
            ));
        }
        let query = url_text.split_once('?').map(|(_, q)| q).unwrap_or("");
        let leaked: Vec<String> = query
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(k, _)| k))
            .filter(|k| crate::secret::is_credential_name(k) && !URL_BY_DESIGN.contains(&k.to_ascii_lowercase().replace('-', "_").as_str()))
            .map(|k| format!("`{k}`"))
            .collect();
        if !leaked.is_empty() {
            findings.push(Finding::new(
                Code::CredentialsInUrl,
                format!("The URL carries credentials in its query ({}); servers often ignore them there, and logs keep them", leaked.join(", ")),
            ));
        }
        if url_text.starts_with("http://") && request.header("authorization").is_some() {
            findings.push(Finding::new(Code::CredentialsOverHttp, format!("Credentials are sent over plain HTTP to `{url_text}`")));
        }
    }
    let failed = matches!(status, Some(401 | 403 | 407) | None);
    if let Some(request) = request {
        let underscored: Vec<String> =
            request.headers.iter().filter(|h| !h.name.starts_with(':') && h.name.contains('_')).map(|h| format!("`{}`", h.name)).collect();
        if !underscored.is_empty() {
            findings.push(Finding::new(
                Code::HeaderNameUnderscore,
                format!("The request sends {}; proxies such as nginx drop header names with underscores by default", underscored.join(", ")),
            ));
        }
    }
    let sent = request.and_then(|r| r.header("authorization")).filter(|v| v.split_whitespace().nth(1).is_some());
    if let (Some(sent), Some(response), Some(401)) = (sent, response, status) {
        let challenge = response.header("www-authenticate").unwrap_or("");
        let said = format!("{challenge}\n{}", response.body.chars().take(4096).collect::<String>()).to_ascii_lowercase();
        let path = intermediaries(request, Some(response));
        let path_note = if path.is_empty() { String::new() } else { format!("; on the path: {}", path.join(", ")) };
        if let Some(phrase) = MISSING_PHRASES.iter().find(|p| said.contains(*p)) {
            findings.push(Finding::new(
                Code::AuthorizationNotSeen,
                format!("The request carried `Authorization` but the server answered \"{phrase}\": something between the client and the application removed it{path_note}"),
            ));
        } else if sent.split_whitespace().next().is_some_and(|s| s.eq_ignore_ascii_case("bearer")) {
            let bare = response.challenges(false).iter().any(|c| c.scheme.eq_ignore_ascii_case("bearer") && c.param("error").is_none());
            if bare {
                findings.push(Finding::new(
                    Code::ChallengeSaysNoToken,
                    format!("A Bearer token was sent, yet the `Bearer` challenge names no `error`: RFC 6750 servers answer that way when no token arrived{path_note}"),
                ));
            }
        }
    }
    if failed && response.is_some() {
        let path = intermediaries(request, response);
        if !path.is_empty() {
            findings.push(Finding::new(Code::Intermediaries, format!("The exchange passed through {}", path.join(", "))));
        }
    }
    if let Some(response) = response {
        if url_text.starts_with("http://") && !is_local(&url_text) {
            for cookie in response.headers_named("set-cookie") {
                let secure = cookie.value.split(';').skip(1).any(|a| a.trim().eq_ignore_ascii_case("secure"));
                if secure {
                    let name = cookie.value.split(['=', ';']).next().unwrap_or("").trim();
                    findings.push(Finding::new(
                        Code::SecureCookieOverHttp,
                        format!("`{url_text}` sets the `Secure` cookie `{name}`; a browser drops it because the response came over plain HTTP"),
                    ));
                }
            }
        }
    }
    let redirect = match status {
        Some(300..=399) => response.and_then(|r| r.header("location")).filter(|l| !l.trim().is_empty()).map(|l| resolve(&url_text, l.trim())),
        _ => None,
    };
    let preflight = request.is_some_and(Message::is_preflight);
    let flag = match status {
        _ if preflight && !matches!(status, Some(200..=299)) => Some(ExchangeFlag::FailedPreflight),
        Some(401) => Some(ExchangeFlag::Unauthorized),
        Some(403) => Some(ExchangeFlag::Forbidden),
        Some(407) => Some(ExchangeFlag::ProxyAuth),
        Some(429) => Some(ExchangeFlag::Throttled),
        _ if login_redirect => Some(ExchangeFlag::LoginRedirect),
        _ => None,
    };
    // A HAR file lists every request of a page load; ids matter only for the ones that failed.
    if flag.is_none() && request.is_some_and(|r| r.source == Source::Har) {
        findings.retain(|f| f.code != Code::RequestIds);
    }
    let exchange = Exchange {
        request: ExchangeRequest { method: request.map(method).unwrap_or_default(), url: url_text },
        status,
        request_ids,
        credentials: None,
        cookies: ExchangeCookies { sent: request.and_then(|r| r.header("cookie")).map(Secret::new), ..Default::default() },
        cors: Cors::new(CorsVerdict::NotApplicable, "No page origin was given, so the browser's CORS rules were not applied"),
        flag,
        redirect,
        follows: None,
        started: None,
        time_ms: None,
        error: None,
    };
    (exchange, findings, checked)
}

/// A redirect target resolved against the URL of the request that got it.
fn resolve(base: &str, location: &str) -> String {
    match url::Url::parse(base).and_then(|b| b.join(location)) {
        Ok(u) => u.to_string(),
        Err(_) => location.to_string(),
    }
}

/// The origin (scheme, host, port) of an absolute URL.
fn origin(text: &str) -> Option<url::Origin> {
    url::Url::parse(text).ok().map(|u| u.origin()).filter(url::Origin::is_tuple)
}

/// Whether a request's URL is where a redirect pointed (fragments aside; a URL without a
/// scheme matches on host and path).
fn same_target(url_text: &str, target: &str) -> bool {
    let strip = |t: &str| t.split('#').next().unwrap_or("").to_string();
    let (a, b) = (strip(url_text), strip(target));
    if a == b {
        return true;
    }
    match (url::Url::parse(&a), url::Url::parse(&b)) {
        (Ok(x), Ok(y)) => x == y,
        (Err(_), Ok(y)) => {
            let host_path = format!("//{}{}", y.host_str().unwrap_or(""), &y[url::Position::BeforePath..]);
            a.ends_with(&host_path) || a == y[url::Position::BeforePath..]
        }
        _ => false,
    }
}

fn is_local(text: &str) -> bool {
    url::Url::parse(text)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|h| h == "localhost" || h.ends_with(".localhost") || h == "[::1]" || h.starts_with("127."))
}

/// Links redirects to the requests that followed them and reports what the hops did to the
/// credentials. `exchanges[i]` was analysed from `messages[i]` (request, response).
pub fn hops(exchanges: &mut [Exchange], messages: &[(Option<&Message>, Option<&Message>)]) -> Vec<(usize, Finding)> {
    let mut findings = Vec::new();
    let sent_authorization = |i: usize| messages.get(i).and_then(|(r, _)| *r).is_some_and(|r| r.header("authorization").is_some());
    for i in 0..exchanges.len() {
        let Some(this) = exchanges.get(i) else { continue };
        let Some(target) = this.redirect.clone() else { continue };
        let (from, before, status) = (this.request.url.clone(), this.request.method.clone(), this.status);
        // `i` is below the length of a slice, so one more cannot overflow.
        let next = i.saturating_add(1);
        let followed = match exchanges.get_mut(next) {
            Some(e) if !e.request.method.is_empty() && same_target(&e.request.url, &target) => {
                e.follows = Some(i);
                Some(e.request.method.clone())
            }
            _ => None,
        };
        if from.starts_with("http://") && target.starts_with("https://") {
            findings.push((i, Finding::new(Code::RedirectToHttps, format!("`{from}` redirects to `{target}`"))));
        }
        let cross = match (origin(&from), origin(&target)) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        if cross && sent_authorization(i) {
            if followed.is_none() {
                findings.push((
                    i,
                    Finding::new(
                        Code::AuthorizationDroppedOnRedirect,
                        format!("The redirect from `{from}` to `{target}` leaves the origin: the next request goes out without `Authorization`"),
                    ),
                ));
            } else if !sent_authorization(next) {
                findings.push((
                    next,
                    Finding::new(
                        Code::AuthorizationDroppedOnRedirect,
                        format!("`Authorization` was sent to `{from}` but not to `{target}`, where its redirect led: the hop left the origin"),
                    ),
                ));
            }
        }
        if let Some(after) = followed {
            if matches!(status, Some(301..=303)) && before != after && before != "GET" && before != "HEAD" {
                findings.push((
                    next,
                    Finding::new(
                        Code::RedirectChangedMethod,
                        format!("The `{before}` to `{from}` was answered {} and resent as `{after}` to `{target}`", status.unwrap_or(0)),
                    ),
                ));
            }
        }
    }
    findings
}

/// The intermediaries a request and its response show.
fn intermediaries(request: Option<&Message>, response: Option<&Message>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |what: String| {
        if !found.contains(&what) {
            found.push(what);
        }
    };
    for message in response.iter().chain(request.iter()) {
        for header in &message.headers {
            let name = header.name.to_ascii_lowercase();
            if let Some((_, what)) = INTERMEDIARIES.iter().find(|(n, _)| *n == name) {
                add(format!("{what} (`{}`)", header.name));
            } else if name == "via" {
                add(format!("`Via: {}`", header.value));
            } else if name == "forwarded" || name.starts_with("x-forwarded-") {
                add(format!("a forwarding proxy (`{}`)", header.name));
            }
        }
    }
    if let Some(server) = response.and_then(|r| r.header("server")) {
        let lower = server.to_ascii_lowercase();
        if let Some((_, what)) = PROXY_SERVERS.iter().find(|(n, _)| lower.starts_with(n)) {
            add(format!("{what} (`Server: {server}`)"));
        }
    }
    found
}

fn relation(at: i64, now: i64) -> String {
    let gap = timefmt::duration(at.abs_diff(now));
    if at < now {
        format!("{gap} behind")
    } else {
        format!("{gap} ahead of")
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::MissingChallenge,
        meaning: "The response has status 401 but no `WWW-Authenticate` header.",
        why: "RFC 9110 §15.5.2 requires a 401 to carry at least one challenge; without it the client cannot tell which scheme or realm to use, or why the credentials failed, and generic clients cannot respond to it. It is also a hint that the 401 may come from a layer other than the API (gateway, framework default, custom error page).",
        caller: "Look for the reason elsewhere: the response body, the server's documentation, or the operators' logs for the request id.",
        owner: "Send `WWW-Authenticate` with every 401 (for tokens, `Bearer realm=\"…\", error=\"invalid_token\", error_description=\"…\"`); if the 401 comes from a gateway, configure it to add the challenge.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::Forbidden,
        meaning: "The response is 403 Forbidden, not 401.",
        why: "Under RFC 9110 a 403 means the server understood the request and refuses to fulfil it, often because the authenticated caller lacks permission; new credentials for the same identity do not change that. (Some guides call permission denials a 401; the RFC assigns them to 403.)",
        caller: "Check the roles, scopes, group membership or resource ownership of the identity in use, and request access; signing in again with the same account will not help.",
        owner: "Check the authorization policy that denied the request and log which rule it was; use 401 only when credentials are missing or invalid, and 403 for permission denials.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyAuthRequired,
        meaning: "The response is 407 Proxy Authentication Required without a `Proxy-Authenticate` header: a proxy on the path wants credentials.",
        why: "The proxy refuses to forward the request until the client authenticates to it, so the API never sees the request; API credentials do not help.",
        caller: "Give the client the proxy's credentials (`curl --proxy-user`, `HTTPS_PROXY=http://user:pass@proxy:port`, or the system proxy settings), or exempt this host with `NO_PROXY`.",
        owner: "Make the proxy send `Proxy-Authenticate` with its 407 as RFC 9110 §15.5.8 requires, and check its policy and logs for this destination.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::Throttled,
        meaning: "The response is 429 Too Many Requests: the caller is being throttled rather than refused for bad credentials.",
        why: "A 429 is not an authentication failure; it means a rate limit was exceeded (RFC 6585 §4), and retrying immediately, especially in a 401 retry loop, keeps the limit in place.",
        caller: "Wait for the time in `Retry-After` (or the rate-limit headers), then retry with exponential backoff; remove automatic retries that fire on every failure.",
        owner: "Send `Retry-After` with 429 and say in the body which limit applied; check whether one client or key is hammering the endpoint.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::LoginRedirect,
        meaning: "The response is a redirect (301, 302, 303, 307 or 308) whose `Location` looks like a sign-in page (it contains `login`, `signin`, `authorize`, `/sso`, `/oauth` or similar).",
        why: "For a browser page this is how a lost session is handled, but for an API call it hides a 401: the client follows the redirect, receives HTML instead of data, and fails in confusing ways.",
        caller: "Treat this redirect as an expired or missing session: sign in again or refresh the token; for API calls, send the credentials the API expects (usually `Authorization`) instead of relying on a session cookie.",
        owner: "Configure the framework to answer API routes (or requests with `Accept: application/json` or `X-Requested-With`) with 401 and `WWW-Authenticate` instead of redirecting to the login page.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::NoCredentialsSent,
        meaning: "The request that got a 401 (or a sign-in redirect, or no response) carries no `Authorization`, `Cookie`, `Proxy-Authorization`, `DPoP` or API-key-like header; token requests and authorize redirects are exempt, and the finding is dropped when a redirect or cookie rule already explains the absence, or when a HAR export was sanitised.",
        why: "The server had nothing to authenticate, so a 401 is the correct answer; the fault is in the client or in a layer that removed the credentials before the capture.",
        caller: "Attach the credentials to this request: `Authorization: Bearer <token>`, the session cookie, or the API key header; check that the client's interceptor or cookie jar applies to this URL.",
        owner: "If clients insist they send credentials, compare with what the application receives; a proxy or gateway may strip `Authorization` or cookies on the way.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ServerClockExplains,
        meaning: "The response's `Date` shows that by the server's clock the token had already expired (at least the skew allowance after `exp`) or was not yet valid (before `nbf`), although by this machine's clock it is fine.",
        why: "The server judges time claims against its own clock; if clocks disagree, a token that looks valid locally is refused there with a 401.",
        caller: "Check this machine's clock and the issuer's; request tokens shortly before use, and refresh them a little ahead of `exp`.",
        owner: "Synchronise the API servers with NTP and compare with the issuer's clock; configure a leeway of about a minute for `exp` and `nbf`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RequestIds,
        meaning: "The exchange carries request or trace identifiers such as `X-Request-Id`, `traceparent`, `cf-ray`, `x-amzn-RequestId` or `x-ms-request-id`; in a HAR file only failed exchanges keep this note.",
        why: "It does not explain the 401; it matters because operators can use these ids to find the exact request and the real reason in their logs.",
        caller: "Quote these ids, the time and the URL when reporting the failure.",
        owner: "Look up the ids in the gateway and application logs to find which component refused the request and why.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RateLimitHeaders,
        meaning: "The 401, 403 or 429 response carries rate-limit headers (`Retry-After`, `RateLimit*`, `X-RateLimit-*`, `X-Rate-Limit-*`); the message lists them.",
        why: "They suggest the refusal may be caused by throttling or by a lockout after repeated failures rather than by the credentials themselves, especially when a client retries a failing request in a loop.",
        caller: "Stop automatic retries, wait as long as `Retry-After` or the reset header says, and retry once with known-good credentials.",
        owner: "Check whether the caller hit a rate limit or failed-login threshold; return 429 for throttling so it is not confused with a credential problem.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DateDiffersFromClock,
        meaning: "The response's `Date` differs from this machine's clock by more than the skew allowance; the note appears once per report.",
        why: "It matters if the response was captured just now: then one of the clocks is wrong, which can make valid tokens look expired or not yet valid. It does not matter for an old capture, where the gap is just its age.",
        caller: "If the capture is fresh, enable time synchronisation on this machine; otherwise ignore the note or analyse with the capture time.",
        owner: "If callers report this with fresh captures, check the server's NTP status.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DateUnreadable,
        meaning: "The response has a `Date` header that is not a valid HTTP date.",
        why: "It does not cause the 401, but the server's time cannot be compared with the token's time claims, so clock problems cannot be ruled out; clients and caches that rely on `Date` may misbehave.",
        caller: "Nothing to change on the client; check the token's times against a trusted clock instead.",
        owner: "Send `Date` in the IMF-fixdate format (RFC 9110 §5.6.7), such as `Mon, 24 Nov 2025 16:00:00 GMT`, always in GMT.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CredentialsInUrl,
        meaning: "The request URL has a query parameter with a credential-like name (such as `access_token`, `api_key`, `token`, `password`), other than names that belong in URLs by design such as `code` or signed-URL parameters.",
        why: "Many APIs accept tokens only in the `Authorization` header, so a token in the query is ignored and the request is unauthenticated; RFC 6750 §2.3 discourages the query method, and URLs end up in logs, history and `Referer` headers.",
        caller: "Move the credential to the `Authorization` header (`Authorization: Bearer <token>`) or the header the API documents, and rotate it if the URL was logged anywhere.",
        owner: "Accept credentials only in headers, and scrub credential parameters from access logs and analytics.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CredentialsOverHttp,
        meaning: "The request sends an `Authorization` header to an `http://` URL.",
        why: "Anyone on the path can read and reuse the credentials (RFC 6750 §5.3), and a server that redirects HTTP to HTTPS makes the client resend without `Authorization` or with a changed method, which ends in a 401.",
        caller: "Call the API at its `https://` URL, and rotate the credentials if they crossed an untrusted network.",
        owner: "Serve the API only over HTTPS, enable HSTS, and avoid redirecting API calls from HTTP to HTTPS; reject them instead so the mistake is visible.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ResponseWithoutRequest,
        meaning: "The input holds a response without the request that produced it.",
        why: "A response alone does not cause anything; it matters because the request's credentials, `Origin` and cookies cannot be checked, so client-side causes stay open, and it does not matter when the response itself (for example its challenge) already explains the refusal.",
        caller: "Capture the request as well: DevTools Network tab, Copy as cURL, or run the request with `curl -v`, and paste both.",
        owner: "Nothing to change; the access log for the request id can supply the missing request details.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AuthorizationDroppedOnRedirect,
        meaning: "A request with `Authorization` was redirected to another origin (scheme, host or port), and the next request went there without the header, or will do so.",
        why: "Browsers, `fetch` and curl drop `Authorization` when a redirect leaves the origin, to avoid leaking credentials, so the redirect target receives an unauthenticated request and answers 401.",
        caller: "Call the final URL directly; with curl, `--location-trusted` resends credentials to other hosts, but only use it when the target is trusted.",
        owner: "Avoid cross-origin redirects on authenticated API endpoints (for example a missing trailing slash redirecting to another host), or serve the resource at the URL clients call.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RedirectToHttps,
        meaning: "A request to an `http://` URL was redirected to `https://`.",
        why: "The first request already sent any credentials in clear text, and after a 301 or 302 clients turn a `POST` into a `GET` without the body, while cross-origin handling may drop `Authorization`, so the final request often fails.",
        caller: "Use the `https://` URL in the client configuration from the start.",
        owner: "Keep the redirect for browsers but publish the HTTPS URL, enable HSTS, and consider rejecting plain-HTTP API calls instead of redirecting them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SecureCookieOverHttp,
        meaning: "A response received over `http://` (not localhost) sets a cookie with the `Secure` attribute.",
        why: "Browsers ignore a `Secure` cookie set by a non-secure origin (RFC 6265bis §5.7), so the session cookie is never stored and the following requests lack it and get 401.",
        caller: "Use the site over `https://`; for local development, use `localhost`, which browsers treat as secure.",
        owner: "Serve the login response over HTTPS, and check that a TLS-terminating proxy does not make the application think it serves plain HTTP.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::Intermediaries,
        meaning: "A failed exchange shows proxies, CDNs or gateways on the path, recognised from headers such as `Via`, `Forwarded`, `X-Forwarded-*`, vendor headers, or a `Server` value of a known proxy.",
        why: "Intermediaries do not cause a 401 by themselves; they matter when one of them strips or rewrites `Authorization` or cookies, or answers the request itself with its own authentication.",
        caller: "If the server says no credentials arrived, mention these hops when reporting the failure.",
        owner: "Check each listed hop for rules that remove, rename or rewrite `Authorization` and cookies, and find which one produced the 401 from its logs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AuthorizationNotSeen,
        meaning: "The request carried `Authorization` with credentials, but the 401's challenge or body says that none arrived (for example `missing authorization` or `no authorization header`).",
        why: "Something between the client and the application removed the header: a proxy that does not forward it, a CGI or PHP-FPM setup that hides it, or a CDN or gateway that drops it.",
        caller: "Send the request directly to the application if possible to confirm, and report the hops to the operators; the client itself is sending the header.",
        owner: "Forward the header on every hop: nginx `proxy_set_header Authorization $http_authorization;`, Apache `CGIPassAuth On`, and on a CDN or API gateway add `Authorization` to the headers passed to the origin.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ChallengeSaysNoToken,
        meaning: "A `Bearer` token was sent, but the 401's `Bearer` challenge carries no `error` parameter.",
        why: "RFC 6750 §3.1 says a server should omit `error` when no token was presented; a bare challenge in reply to a sent token suggests the token did not reach the part of the server that checks it.",
        caller: "Check that the header is really sent on this request (not only on others); if it is, report the possible stripping to the operators.",
        owner: "Check that `Authorization` reaches the application behind proxies and gateways, and return `error=\"invalid_token\"` when a token arrived but failed.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::HeaderNameUnderscore,
        meaning: "The request has a header whose name contains an underscore, such as `X_Api_Key`.",
        why: "nginx drops such headers by default (`underscores_in_headers off`), and CGI-style servers map `-` and `_` to the same name, so the API may never see the key and answer 401.",
        caller: "Use hyphens in header names, for example `X-Api-Key`.",
        owner: "Accept the hyphenated name, or set `underscores_in_headers on;` in nginx if the underscore name must be supported.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::RedirectChangedMethod,
        meaning: "A non-`GET` request answered 301, 302 or 303 was followed by a request with a different method (usually `GET`) to the redirect target.",
        why: "After these statuses clients resend as `GET` without the body (RFC 9110 §15.4), so the target receives a different request, which may fail, lose its credentials or hit an endpoint that requires authentication differently.",
        caller: "Call the final URL directly with the original method.",
        owner: "Use 307 or 308 for redirects of API calls, which preserve the method and body, or avoid the redirect.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AccountLocked,
        meaning: "The 401, 403 or 429 response's challenge or body says the account is locked (`account locked`, `temporarily locked` and similar phrases).",
        why: "After too many failed attempts the server refuses the account whatever credentials are sent now, so even the right password or token fails until the lock ends.",
        caller: "Stop every client, script or device that still uses old credentials, wait for the lock to lift (or ask for an unlock), then sign in once with the correct credentials.",
        owner: "Check the lockout events for the account, find the source of the failed attempts (IP, client), and unlock it if appropriate.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::message::parse;

    const NOW: i64 = 1_764_000_000; // Mon, 24 Nov 2025 16:00:00 GMT

    #[test]
    fn urls_without_a_scheme_are_shown_as_a_path_on_a_host() {
        assert_eq!(shown_url("//api.example.com/v1/me?x=1"), "/v1/me?x=1 on api.example.com");
        assert_eq!(shown_url("//api.example.com"), "/ on api.example.com");
        assert_eq!(shown_url("//api.example.com?x=1"), "/?x=1 on api.example.com");
        assert_eq!(shown_url("https://api.example.com/v1"), "https://api.example.com/v1");
        assert_eq!(shown_url("/v1/me"), "/v1/me");
        assert_eq!(shown_url("///v1"), "///v1");
    }

    fn run(text: &str, tokens: &[TokenTimes]) -> (Exchange, Vec<&'static str>, Vec<StepId>) {
        let (messages, _) = parse(text);
        let pairs = pair(&messages);
        let (req, resp) = pairs[0];
        let (exchange, findings, checked) = analyze(req.map(|i| &messages[i]), resp.map(|i| &messages[i]), tokens, &Context::new(NOW));
        (exchange, findings.iter().map(|f| f.code.as_str()).collect(), checked)
    }

    #[test]
    fn genuine_401_with_challenge_passes_triage() {
        let (exchange, codes, checked) = run(
            "GET /v1/orders HTTP/1.1\nHost: api.example.com:443\nAuthorization: Bearer x\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\nX-Request-Id: 8f2c\n",
            &[],
        );
        assert_eq!(exchange.request.url, "https://api.example.com/v1/orders", "the default port is not written");
        assert_eq!(exchange.request.method, "GET");
        assert_eq!(exchange.status, Some(401));
        assert_eq!(codes, ["HTTP008"]);
        assert!(checked.contains(&StepId::StatusCode) && checked.contains(&StepId::Capture));
    }

    #[test]
    fn status_triage() {
        let table: [(&str, &[&str]); 5] = [
            ("HTTP/1.1 401 Unauthorized\n", &["HTTP014", "HTTP001"]),
            ("HTTP/1.1 403 Forbidden\n", &["HTTP014", "HTTP002"]),
            ("HTTP/1.1 407 Proxy Authentication Required\n", &["HTTP014", "HTTP003"]),
            ("HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n", &["HTTP014", "HTTP004", "HTTP009"]),
            ("HTTP/1.1 302 Found\nLocation: https://idp.example.com/login?next=/api\n", &["HTTP014", "HTTP005"]),
        ];
        for (text, want) in table {
            assert_eq!(run(text, &[]).1, want, "{text}");
        }
    }

    #[test]
    fn request_without_credentials_and_with_leaky_query() {
        let (_, codes, _) = run("GET http://api.example.com/x?access_token=abc&page=1 HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n", &[]);
        assert_eq!(codes, ["HTTP006", "HTTP012"]);
    }

    #[test]
    fn server_clock_explains_an_expiry() {
        let text = "GET /x HTTP/1.1\nHost: a\nAuthorization: Bearer t\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\nDate: Mon, 24 Nov 2025 16:10:00 GMT\n";
        let (_, codes, _) = run(text, &[TokenTimes { exp: Some(NOW + 300), nbf: None }]);
        assert_eq!(codes, ["HTTP007", "HTTP010"]);
        let (_, codes, _) = run(&text.replace("16:10:00", "16:00:30"), &[TokenTimes { exp: Some(NOW + 300), nbf: None }]);
        assert!(codes.is_empty(), "{codes:?}");
        let (_, codes, _) = run(&text.replace("Mon, 24 Nov 2025 16:10:00 GMT", "yesterday"), &[]);
        assert_eq!(codes, ["HTTP011"]);
    }

    #[test]
    fn stripped_authorization_and_intermediaries() {
        let base = "GET /v1/me HTTP/1.1\nHost: api.example.com:443\nAuthorization: Bearer abc\n\nHTTP/1.1 401 Unauthorized\n";
        // The server says no token arrived, and a CDN and a proxy are on the path.
        let (_, codes, _) = run(&format!("{base}WWW-Authenticate: Bearer error=\"invalid_request\"\nVia: 1.1 varnish\nCF-Ray: 8a1b\n\n{{\"message\":\"Missing Authorization header\"}}\n"), &[]);
        assert_eq!(codes, ["HTTP008", "HTTP021", "HTTP020"]);
        // A bare Bearer challenge although a token was sent.
        let (_, codes, _) = run(&format!("{base}WWW-Authenticate: Bearer realm=\"api\"\n"), &[]);
        assert_eq!(codes, ["HTTP022"]);
        // An error code means the token arrived and was judged.
        let (_, codes, _) = run(&format!("{base}WWW-Authenticate: Bearer error=\"invalid_token\"\nServer: awselb/2.0\n"), &[]);
        assert_eq!(codes, ["HTTP020"]);
        // Nothing on the path of a success is reported.
        let (_, codes, _) = run("GET /x HTTP/1.1\nHost: a\nAuthorization: Bearer abc\n\nHTTP/1.1 200 OK\nVia: 1.1 varnish\n", &[]);
        assert!(codes.is_empty(), "{codes:?}");
    }

    #[test]
    fn underscored_headers_and_secure_cookies_over_http() {
        let (_, codes, _) = run("GET /x HTTP/1.1\nHost: a.example\nX_Api_Key: k\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: ApiKey\n", &[]);
        assert_eq!(codes, ["HTTP023"]);
        let (_, codes, _) =
            run("POST http://shop.example/login HTTP/1.1\n\nHTTP/1.1 200 OK\nSet-Cookie: sid=1; Path=/; secure; HttpOnly\nSet-Cookie: theme=dark\n", &[]);
        assert_eq!(codes, ["HTTP019"]);
        // Browsers treat localhost as secure.
        let (_, codes, _) = run("POST http://localhost:3000/login HTTP/1.1\n\nHTTP/1.1 200 OK\nSet-Cookie: sid=1; Secure\n", &[]);
        assert!(codes.is_empty(), "{codes:?}");
    }

    fn chain(text: &str) -> (Vec<Exchange>, Vec<(usize, &'static str)>) {
        let (messages, _) = parse(text);
        let pairs = pair(&messages);
        let refs: Vec<_> = pairs.iter().map(|(a, b)| (a.map(|i| &messages[i]), b.map(|i| &messages[i]))).collect();
        let mut exchanges: Vec<Exchange> = refs.iter().map(|(a, b)| analyze(*a, *b, &[], &Context::new(NOW)).0).collect();
        let found = hops(&mut exchanges, &refs);
        (exchanges, found.iter().map(|(e, f)| (*e, f.code.as_str())).collect())
    }

    #[test]
    fn redirect_hops() {
        // curl -v -L: a cross-origin hop loses Authorization.
        let text = "> GET /v1/me HTTP/1.1\n> Host: api.example.com:443\n> Authorization: Bearer abc\n>\n< HTTP/1.1 302 Found\n< Location: https://eu.api.example.com/v1/me\n<\n> GET /v1/me HTTP/1.1\n> Host: eu.api.example.com:443\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer\n<\n";
        let (exchanges, found) = chain(text);
        assert_eq!(exchanges[0].redirect.as_deref(), Some("https://eu.api.example.com/v1/me"));
        assert_eq!(exchanges[1].follows, Some(0));
        assert_eq!(found, [(1, "HTTP017")]);
        // A same-origin hop keeps it; a relative Location resolves against the request.
        let text = "GET /a HTTP/1.1\nHost: api.example.com:443\nAuthorization: Bearer abc\n\nHTTP/1.1 307 Temporary Redirect\nLocation: /b\n\nGET /b HTTP/1.1\nHost: api.example.com:443\nAuthorization: Bearer abc\n\nHTTP/1.1 200 OK\n";
        let (exchanges, found) = chain(text);
        assert_eq!(exchanges[0].redirect.as_deref(), Some("https://api.example.com/b"));
        assert_eq!(exchanges[1].follows, Some(0));
        assert!(found.is_empty(), "{found:?}");
        // http to https, with the POST turned into a GET; the hop itself is not followed here.
        let text = "POST http://api.example.com/token HTTP/1.1\nAuthorization: Basic YTpi\n\nHTTP/1.1 301 Moved Permanently\nLocation: https://api.example.com/token\n\nGET https://api.example.com/token HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\n";
        let (_, found) = chain(text);
        assert_eq!(found, [(0, "HTTP018"), (1, "HTTP017"), (1, "HTTP024")]);
        // A redirect to another origin that the paste does not follow: predicted.
        let (_, found) = chain("GET https://a.example/x HTTP/1.1\nAuthorization: Bearer t\n\nHTTP/1.1 302 Found\nLocation: https://b.example/x\n");
        assert_eq!(found, [(0, "HTTP017")]);
    }

    #[test]
    fn rate_limits_and_lockouts() {
        let (_, codes, _) = run("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"x\"\nRateLimit-Policy: 5;w=60\nX-RateLimit-Reset: 1764000060\n\n{\"error\":\"Account is locked after too many failed attempts\"}\n", &[]);
        assert_eq!(codes, ["HTTP014", "HTTP027", "HTTP009"]);
        let (_, codes, _) = run("HTTP/1.1 200 OK\nX-RateLimit-Remaining: 0\n", &[]);
        assert_eq!(codes, ["HTTP014"], "a success with rate-limit headers is not reported");
    }

    #[test]
    fn flags() {
        let flag = |text: &str| run(text, &[]).0.flag.map(ExchangeFlag::as_str);
        assert_eq!(flag("GET /x HTTP/1.1\nHost: a\n\nHTTP/1.1 401 Unauthorized\n"), Some("unauthorized"));
        assert_eq!(flag("HTTP/1.1 429 Too Many Requests\n"), Some("throttled"));
        assert_eq!(flag("HTTP/1.1 302 Found\nLocation: /login\n"), Some("login-redirect"));
        assert_eq!(flag("OPTIONS /x HTTP/1.1\nHost: a\nAccess-Control-Request-Method: GET\n\nHTTP/1.1 401 Unauthorized\n"), Some("failed-preflight"));
        assert_eq!(flag("OPTIONS /x HTTP/1.1\nHost: a\nAccess-Control-Request-Method: GET\n\nHTTP/1.1 204 No Content\n"), None);
        assert_eq!(flag("GET /x HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\n"), None);
    }

    #[test]
    fn pairs_follow_the_order_of_messages() {
        let (messages, _) = parse("HTTP/1.1 200 OK\n\nGET / HTTP/1.1\n\nGET /b HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\n");
        assert_eq!(pair(&messages), [(None, Some(0)), (Some(1), None), (Some(2), Some(3))]);
    }
}
