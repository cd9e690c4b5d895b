//! One request and its response, read the way the troubleshooting procedure reads them: is it
//! really a 401, were credentials sent, what the server's clock and rate limits say, and the ids
//! to quote in a ticket.

use super::message::{Message, Source, StartLine};
use crate::checklist::StepId;
use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::report::{Cors, CorsVerdict, Exchange, ExchangeCookies, ExchangeRequest, RequestId};
use crate::secret::Secret;
use crate::timefmt;

/// Headers that carry an id the server's operators can look up.
const REQUEST_IDS: [&str; 12] = [
    "x-request-id", "x-correlation-id", "request-id", "traceparent", "cf-ray", "x-amzn-requestid", "x-amz-request-id",
    "x-amz-cf-id", "x-ms-request-id", "x-azure-ref", "x-cloud-trace-context", "x-b3-traceid",
];

/// Query parameters that put credentials where logs and caches keep them.
const QUERY_CREDENTIALS: [&str; 6] = ["access_token", "token", "id_token", "api_key", "apikey", "key"];

/// Words in a redirect target that mean "sign in first".
const LOGIN_WORDS: [&str; 7] = ["login", "signin", "sign-in", "sign_in", "authorize", "/sso", "/oauth"];

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

/// The URL of a request as far as the message shows it.
pub fn url(request: &Message) -> String {
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
    format!("{scheme}//{host}{target}")
}

fn method(request: &Message) -> String {
    match &request.start {
        StartLine::Request { method, .. } => method.clone(),
        StartLine::Response { .. } => String::new(),
    }
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
        let limited = ["retry-after", "ratelimit-remaining", "x-ratelimit-remaining", "ratelimit"]
            .iter()
            .filter_map(|name| response.header(name).map(|v| format!("`{name}: {v}`")))
            .collect::<Vec<_>>();
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
                                    format!("By the server's clock (`Date: {date}`) the token had already expired, {} after `exp`", timefmt::duration(u64::try_from(server_now - exp).unwrap_or(0))),
                                ));
                            }
                        }
                        if let Some(nbf) = t.nbf {
                            if nbf > server_now.saturating_add(skew) {
                                findings.push(Finding::new(
                                    Code::Http007,
                                    format!("By the server's clock (`Date: {date}`) the token was not valid yet: `nbf` is {} later", timefmt::duration(u64::try_from(nbf - server_now).unwrap_or(0))),
                                ));
                            }
                        }
                    }
                    if (server_now - ctx.now).abs() > skew {
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
        let has_credentials = ["authorization", "cookie", "proxy-authorization", "x-api-key", "api-key", "dpop"]
            .iter()
            .any(|name| request.header(name).is_some());
        if !has_credentials && (login_redirect || matches!(status, Some(401) | None)) {
            findings.push(Finding::new(
                Code::Http006,
                "The request carries no `Authorization`, `Cookie` or API-key header: the server had no credentials to check",
            ));
        }
        let query = url_text.split_once('?').map(|(_, q)| q).unwrap_or("");
        let leaked: Vec<String> = query
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(k, _)| k))
            .filter(|k| QUERY_CREDENTIALS.contains(&k.to_ascii_lowercase().as_str()))
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
    let exchange = Exchange {
        request: ExchangeRequest { method: request.map(method).unwrap_or_default(), url: url_text },
        status,
        request_ids,
        credentials: None,
        cookies: ExchangeCookies { sent: request.and_then(|r| r.header("cookie")).map(Secret::new), expected: None },
        cors: Cors {
            verdict: CorsVerdict::NotApplicable,
            reason: "No page origin was given, so the browser's CORS rules were not applied".into(),
        },
    };
    (exchange, findings, checked)
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
            "GET /v1/orders HTTP/1.1\nHost: api.example.com:443\nAuthorization: Bearer x\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\nX-Request-Id: 8f2c\n",
            &[],
        );
        assert_eq!(exchange.request.url, "https://api.example.com:443/v1/orders");
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
        let text = "GET /x HTTP/1.1\nHost: a\nAuthorization: Bearer t\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\nDate: Mon, 24 Nov 2025 16:10:00 GMT\n";
        let (_, codes, _) = run(text, &[TokenTimes { exp: Some(NOW + 300), nbf: None }]);
        assert_eq!(codes, ["HTTP007", "HTTP010"]);
        let (_, codes, _) = run(&text.replace("16:10:00", "16:00:30"), &[TokenTimes { exp: Some(NOW + 300), nbf: None }]);
        assert!(codes.is_empty(), "{codes:?}");
        let (_, codes, _) = run(&text.replace("Mon, 24 Nov 2025 16:10:00 GMT", "yesterday"), &[]);
        assert_eq!(codes, ["HTTP011"]);
    }

    #[test]
    fn pairs_follow_the_order_of_messages() {
        let (messages, _) = parse("HTTP/1.1 200 OK\n\nGET / HTTP/1.1\n\nGET /b HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\n");
        assert_eq!(pair(&messages), [(None, Some(0)), (Some(1), None), (Some(2), Some(3))]);
    }
}
