//! One request and its response, read the way the troubleshooting procedure reads them: is it
//! really a 401, were credentials sent, what the server's clock and rate limits say, and the ids
//! to quote in a ticket.

use super::message::{Message, Source, StartLine};
use crate::checklist::StepId;
use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsVerdict, Exchange, ExchangeCookies, ExchangeFlag, ExchangeRequest, RequestId};
use crate::secret::Secret;
use crate::timefmt;

/// Headers that carry an id the server's operators can look up.
const REQUEST_IDS: [&str; 12] = [
    "x-request-id", "x-correlation-id", "request-id", "traceparent", "cf-ray", "x-amzn-requestid", "x-amz-request-id",
    "x-amz-cf-id", "x-ms-request-id", "x-azure-ref", "x-cloud-trace-context", "x-b3-traceid",
];

/// Credential parameters that belong in a URL by design: an authorization response's `code`,
/// and the signatures of presigned URLs (AWS `X-Amz-*`, Azure SAS `sig`). Every other
/// credential name ([`crate::secret::is_credential_name`]) in a URL is a leak.
const URL_BY_DESIGN: [&str; 6] = ["code", "sig", "signature", "x_amz_signature", "x_amz_credential", "x_amz_security_token"];

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
    let mut i = 0;
    while i < messages.len() {
        if messages[i].is_request() {
            let response = (i + 1 < messages.len() && !messages[i + 1].is_request()).then_some(i + 1);
            pairs.push((Some(i), response));
            i += if response.is_some() { 2 } else { 1 };
        } else {
            pairs.push((None, Some(i)));
            i += 1;
        }
    }
    pairs
}

/// The URL of a request as far as the message shows it, with the values of credential
/// parameters (`access_token=`, `code=`, ...) redacted: reports are meant to be shared.
pub fn url(request: &Message) -> String {
    crate::markdown::redact_url(&full_url(request))
}

/// The URL of a request as the message shows it, credentials included.
pub fn full_url(request: &Message) -> String {
    let StartLine::Request { target, version, .. } = &request.start else { return String::new() };
    if target.starts_with("http://") || target.starts_with("https://") {
        return target.clone();
    }
    let host = request.header("host").or_else(|| request.header(":authority")).unwrap_or("");
    let scheme = match request.header(":scheme") {
        Some(s) => format!("{s}:"),
        // curl speaks HTTP/2 only over TLS unless told otherwise.
        None if request.source == Source::CurlVerbose && version.starts_with("HTTP/2") => "https:".into(),
        None if host.ends_with(":443") => "https:".into(),
        None if host.ends_with(":80") => "http:".into(),
        None => String::new(),
    };
    let built = format!("{scheme}//{host}{target}");
    // Written the way the URL standard serialises it (no default port), when it is one.
    match url::Url::parse(&built) {
        Ok(parsed) if !scheme.is_empty() => parsed.to_string(),
        _ => built,
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
pub fn analyze(
    request: Option<&Message>,
    response: Option<&Message>,
    tokens: &[TokenTimes],
    ctx: &Context,
) -> (Exchange, Vec<Finding>, Vec<StepId>) {
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
        findings.push(Finding::new(Code::Http008, format!("Quote these when asking the API's operators: {}", list.join(", "))));
    }
    if request.is_some() && response.is_some() {
        checked.push(StepId::Capture);
    } else if response.is_some() {
        findings.push(Finding::new(Code::Http014, "The paste has the response but not the request that got it"));
    }

    if let Some(response) = response {
        let challenged = response.header("www-authenticate").is_some();
        match status {
            Some(401) if challenged => checked.push(StepId::StatusCode),
            Some(401) => findings.push(Finding::new(
                Code::Http001,
                "The response is 401 but has no `WWW-Authenticate` header, which RFC 9110 requires; the client cannot tell which scheme the server wants",
            )),
            Some(403) => findings.push(Finding::new(
                Code::Http002,
                "The response is 403 Forbidden: the server knows who is calling and refuses the action; this is about permissions, not authentication",
            )),
            Some(407) if response.header("proxy-authenticate").is_none() => {
                findings.push(Finding::new(Code::Http003, "The response is 407: a proxy between you and the API wants credentials"))
            }
            Some(429) => findings.push(Finding::new(Code::Http004, "The response is 429 Too Many Requests: the caller is being throttled, not refused")),
            Some(301 | 302 | 303 | 307 | 308) => {
                let location = response.header("location").unwrap_or("");
                if LOGIN_WORDS.iter().any(|w| location.to_ascii_lowercase().contains(w)) {
                    login_redirect = true;
                    findings.push(Finding::new(
                        Code::Http005,
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
            let said = format!("{}\n{}", response.header("www-authenticate").unwrap_or(""), response.body.chars().take(4096).collect::<String>()).to_ascii_lowercase();
            if let Some(phrase) = LOCKOUT_PHRASES.iter().find(|p| said.contains(*p)) {
                findings.push(Finding::new(Code::Http027, format!("The server says \"{phrase}\": the account is blocked after failed attempts, whatever the credentials now")));
            }
        }
        if !limited.is_empty() && matches!(status, Some(401 | 403 | 429)) {
            findings.push(Finding::new(Code::Http009, format!("The response carries rate-limit headers: {}", limited.join(", "))));
        }
        if let Some(date) = response.header("date") {
            match http_date(date) {
                Some(server_now) => {
                    let skew = i64::try_from(ctx.skew).unwrap_or(i64::MAX);
                    for t in tokens {
                        if let Some(exp) = t.exp {
                            if exp > ctx.now && server_now >= exp.saturating_add(skew) {
                                findings.push(Finding::new(
                                    Code::Http007,
                                    format!("By the server's clock (`Date: {date}`) the token had already expired, {} after `exp`", timefmt::duration(u64::try_from(server_now.saturating_sub(exp)).unwrap_or(0))),
                                ));
                            }
                        }
                        if let Some(nbf) = t.nbf {
                            if nbf > server_now.saturating_add(skew) {
                                findings.push(Finding::new(
                                    Code::Http007,
                                    format!("By the server's clock (`Date: {date}`) the token was not valid yet: `nbf` is {} later", timefmt::duration(u64::try_from(nbf.saturating_sub(server_now)).unwrap_or(0))),
                                ));
                            }
                        }
                    }
                    if server_now.abs_diff(ctx.now) > skew.unsigned_abs() {
                        findings.push(Finding::new(
                            Code::Http010,
                            format!("The response is dated {} ({} this clock); if it was captured just now, the clocks disagree", timefmt::utc(server_now).unwrap_or_default(), relation(server_now, ctx.now)),
                        ));
                    }
                }
                None => findings.push(Finding::new(Code::Http011, format!("`Date: {date}` is not an HTTP date"))),
            }
        }
    }

    let url_text = request.map(url).unwrap_or_default();
    if let Some(request) = request {
        let has_credentials = request.headers.iter().any(|h| {
            let name = h.name.to_ascii_lowercase().replace('_', "-");
            ["authorization", "cookie", "proxy-authorization", "dpop"].contains(&name.as_str())
                || ["api-key", "apikey", "auth-token", "access-token"].iter().any(|k| name.contains(k))
        });
        let preflight = request.is_preflight();
        // A token request authenticates in its body (`client_id`, `code_verifier`, a client
        // secret): no header is expected there.
        // Nor does a sign-in redirect to the identity provider (an authorize request).
        let token_request = request.body.contains("grant_type=") || url_text.contains("response_type=");
        // An ACME request (RFC 8555 §6.2) authenticates by the JWS that is its body.
        let signed_body = request.header("content-type").is_some_and(|c| c.to_ascii_lowercase().contains("application/jose+json"));
        if preflight && !matches!(status, Some(200..=299) | None) {
            findings.push(Finding::new(
                Code::Http025,
                format!(
                    "The preflight for `{} {url_text}` was answered {}; the browser then refuses to send the request itself",
                    request.header("access-control-request-method").unwrap_or(""),
                    status.map_or_else(String::new, |s| s.to_string())
                ),
            ));
        } else if !has_credentials && !preflight && !token_request && !signed_body && (login_redirect || matches!(status, Some(401) | None)) {
            findings.push(Finding::new(
                Code::Http006,
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
                Code::Http012,
                format!("The URL carries credentials in its query ({}); servers often ignore them there, and logs keep them", leaked.join(", ")),
            ));
        }
        if url_text.starts_with("http://") && request.header("authorization").is_some() {
            findings.push(Finding::new(Code::Http013, format!("Credentials are sent over plain HTTP to `{url_text}`")));
        }
    }
    let failed = matches!(status, Some(401 | 403 | 407) | None);
    if let Some(request) = request {
        let underscored: Vec<String> =
            request.headers.iter().filter(|h| !h.name.starts_with(':') && h.name.contains('_')).map(|h| format!("`{}`", h.name)).collect();
        if !underscored.is_empty() {
            findings.push(Finding::new(
                Code::Http023,
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
                Code::Http021,
                format!("The request carried `Authorization` but the server answered \"{phrase}\": something between the client and the application removed it{path_note}"),
            ));
        } else if sent.split_whitespace().next().is_some_and(|s| s.eq_ignore_ascii_case("bearer")) {
            let (challenges, _) = crate::headers::www_authenticate::parse(challenge);
            let bare = challenges.iter().any(|c| c.scheme.eq_ignore_ascii_case("bearer") && c.param("error").is_none());
            if bare {
                findings.push(Finding::new(
                    Code::Http022,
                    format!("A Bearer token was sent, yet the `Bearer` challenge names no `error`: RFC 6750 servers answer that way when no token arrived{path_note}"),
                ));
            }
        }
    }
    if failed && response.is_some() {
        let path = intermediaries(request, response);
        if !path.is_empty() {
            findings.push(Finding::new(Code::Http020, format!("The exchange passed through {}", path.join(", "))));
        }
    }
    if let Some(response) = response {
        if url_text.starts_with("http://") && !is_local(&url_text) {
            for cookie in response.headers_named("set-cookie") {
                let secure = cookie.value.split(';').skip(1).any(|a| a.trim().eq_ignore_ascii_case("secure"));
                if secure {
                    let name = cookie.value.split(['=', ';']).next().unwrap_or("").trim();
                    findings.push(Finding::new(
                        Code::Http019,
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
        findings.retain(|f| f.code != Code::Http008);
    }
    let exchange = Exchange {
        request: ExchangeRequest { method: request.map(method).unwrap_or_default(), url: url_text },
        status,
        request_ids,
        credentials: None,
        cookies: ExchangeCookies { sent: request.and_then(|r| r.header("cookie")).map(Secret::new), expected: None },
        cors: Cors {
            verdict: CorsVerdict::NotApplicable,
            reason: "No page origin was given, so the browser's CORS rules were not applied".into(),
            fix: None,
        },
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
    url::Url::parse(text).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)).is_some_and(|h| {
        h == "localhost" || h.ends_with(".localhost") || h == "[::1]" || h.starts_with("127.")
    })
}

/// Links redirects to the requests that followed them and reports what the hops did to the
/// credentials. `exchanges[i]` was analysed from `messages[i]` (request, response).
pub fn hops(exchanges: &mut [Exchange], messages: &[(Option<&Message>, Option<&Message>)]) -> Vec<(usize, Finding)> {
    let mut findings = Vec::new();
    let sent_authorization = |i: usize| messages.get(i).and_then(|(r, _)| *r).is_some_and(|r| r.header("authorization").is_some());
    for i in 0..exchanges.len() {
        let Some(target) = exchanges[i].redirect.clone() else { continue };
        let from = exchanges[i].request.url.clone();
        let next = i + 1;
        let followed = exchanges.get(next).is_some_and(|e| !e.request.method.is_empty() && same_target(&e.request.url, &target));
        if followed {
            exchanges[next].follows = Some(i);
        }
        if from.starts_with("http://") && target.starts_with("https://") {
            findings.push((i, Finding::new(Code::Http018, format!("`{from}` redirects to `{target}`"))));
        }
        let cross = match (origin(&from), origin(&target)) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        if cross && sent_authorization(i) {
            if !followed {
                findings.push((
                    i,
                    Finding::new(Code::Http017, format!("The redirect from `{from}` to `{target}` leaves the origin: the next request goes out without `Authorization`")),
                ));
            } else if !sent_authorization(next) {
                findings.push((
                    next,
                    Finding::new(Code::Http017, format!("`Authorization` was sent to `{from}` but not to `{target}`, where its redirect led: the hop left the origin")),
                ));
            }
        }
        if followed {
            let (before, after) = (exchanges[i].request.method.clone(), exchanges[next].request.method.clone());
            if matches!(exchanges[i].status, Some(301..=303)) && before != after && before != "GET" && before != "HEAD" {
                findings.push((
                    next,
                    Finding::new(Code::Http024, format!("The `{before}` to `{from}` was answered {} and resent as `{after}` to `{target}`", exchanges[i].status.unwrap_or(0))),
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
    if at < now { format!("{gap} behind") } else { format!("{gap} ahead of") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::message::parse;

    const NOW: i64 = 1_764_000_000; // Mon, 24 Nov 2025 16:00:00 GMT

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
        let (_, codes, _) = run("POST http://shop.example/login HTTP/1.1\n\nHTTP/1.1 200 OK\nSet-Cookie: sid=1; Path=/; secure; HttpOnly\nSet-Cookie: theme=dark\n", &[]);
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
