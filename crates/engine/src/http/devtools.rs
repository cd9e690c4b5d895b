//! The DevTools "Headers" view as people copy it: `Request URL`, `Request Method`, `Status Code`
//! and the header lists, either as `Name: value` (or `name:value`) lines or with each name and
//! its value on lines of their own, with or without the `Response Headers` / `Request Headers`
//! section titles (and their `view source` or `Raw` toggles).

use super::message::{Header, Message, Source, StartLine};

/// Headers only a request carries, for a copy without section titles.
const REQUEST_ONLY: &[&str] = &[
    "authorization",
    "cookie",
    "origin",
    "referer",
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "host",
    "proxy-authorization",
    "dpop",
    "x-requested-with",
    "access-control-request-method",
    "access-control-request-headers",
    "if-none-match",
    "if-modified-since",
    "priority",
    "upgrade-insecure-requests",
];

/// The lines of the "General" part, which hold a space inside the name.
const LABELS: &[&str] = &["request url", "request method", "status code", "remote address", "referrer policy"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Unknown,
    Request,
    Response,
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~:".contains(c)) && !text.ends_with(':')
}

/// The request and response of a DevTools copy, when the text is one.
pub fn parse(text: &str) -> Option<(Message, Option<Message>)> {
    if !["Request URL", "Request Url", "request url", "REQUEST URL"].iter().any(|p| text.contains(p)) {
        return None;
    }
    let lines: Vec<(usize, &str)> = (1_usize..).zip(text.lines()).map(|(i, l)| (i, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    let mut url = None;
    let mut method = None;
    let mut status: Option<(u16, String, usize)> = None;
    let mut section = Section::Unknown;
    let mut request_headers = Vec::new();
    let mut response_headers = Vec::new();
    let mut first = usize::MAX;
    let mut last = 0;
    let mut i = 0;
    while let Some(&(number, line)) = lines.get(i) {
        i = i.saturating_add(1);
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("response headers") {
            section = Section::Response;
            continue;
        }
        if lower.starts_with("request headers") {
            section = Section::Request;
            continue;
        }
        if matches!(
            lower.as_str(),
            "view source"
                | "view parsed"
                | "raw"
                | "general"
                | "general:"
                | "request:"
                | "response:"
                | "provisional headers are shown"
                | "provisional headers are shown learn more"
        ) {
            continue;
        }
        // Older Chrome wrote the general lines without a space: `Request URL:http://…`.
        let label = LABELS.iter().find(|l| lower.starts_with(*l) && lower.as_bytes().get(l.len()) == Some(&b':'));
        // `Name: value`, `name:value`, or the name alone with the value on the next line.
        let (name, value) = match line.split_once(':') {
            _ if label.is_some() => {
                let len = label.map_or(0, |l| l.len());
                (line.get(..len).unwrap_or("").to_string(), line.get(len.saturating_add(1)..).unwrap_or("").trim().to_string())
            }
            Some((n, v)) if !n.is_empty() && is_name(n.trim()) && !v.starts_with("//") => (n.trim().to_string(), v.trim().to_string()),
            _ if is_name(line) || LABELS.contains(&lower.as_str()) => match lines.get(i) {
                Some(&(_, next)) => {
                    i = i.saturating_add(1);
                    (line.to_string(), next.to_string())
                }
                None => continue,
            },
            _ => {
                // `Request URL: https://…` splits at the scheme's colon.
                match line.split_once(": ") {
                    Some((n, v)) => (n.trim().to_string(), v.trim().to_string()),
                    None => continue,
                }
            }
        };
        first = first.min(number);
        last = last.max(number);
        match name.to_ascii_lowercase().as_str() {
            "request url" => url = Some(value),
            "request method" => method = Some(value),
            "status code" => {
                let (code, reason) = value.split_once(' ').unwrap_or((value.as_str(), ""));
                let code = code.parse::<u16>().ok().filter(|c| (100..600).contains(c))?;
                status = Some((code, reason.trim().to_string(), number));
            }
            "remote address" | "referrer policy" => {}
            lower_name => {
                let header = Header { name, value, line: number };
                let to_request = match section {
                    Section::Request => true,
                    Section::Response => false,
                    Section::Unknown => REQUEST_ONLY.contains(&lower_name) || lower_name.starts_with("sec-"),
                };
                if to_request {
                    request_headers.push(header);
                } else {
                    response_headers.push(header);
                }
            }
        }
    }
    let url = url?;
    if !(url.starts_with("http://") || url.starts_with("https://")) || (method.is_none() && status.is_none()) {
        return None;
    }
    let request = Message {
        start: StartLine::Request { method: method.unwrap_or_else(|| "GET".into()).to_ascii_uppercase(), target: url, version: "HTTP/1.1".into() },
        headers: request_headers,
        body: String::new(),
        line: first,
        source: Source::DevTools,
        lines: (first, last),
        parsed: Default::default(),
    };
    let response = status.map(|(code, reason, line)| Message {
        start: StartLine::Response { version: "HTTP/1.1".into(), status: code, reason },
        headers: response_headers,
        body: String::new(),
        line,
        source: Source::DevTools,
        lines: (line, last),
        parsed: Default::default(),
    });
    Some((request, response))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn both_layouts_are_read() {
        let one_line = "Request URL: https://api.example.com/v1/me\nRequest Method: GET\nStatus Code: 401 Unauthorized\nRemote Address: 203.0.113.7:443\nwww-authenticate: Bearer error=\"invalid_token\"\nauthorization:Bearer abc\n";
        let (request, response) = parse(one_line).expect("read");
        assert_eq!(request.header("authorization"), Some("Bearer abc"));
        let response = response.expect("a response");
        assert_eq!(response.status(), Some(401));
        assert_eq!(response.header("www-authenticate"), Some("Bearer error=\"invalid_token\""));
        let two_line = "General\nRequest URL\nhttps://api.example.com/v1/me\nRequest Method\nPOST\nStatus Code\n401 Unauthorized\nResponse Headers\nwww-authenticate\nBearer\nRequest Headers\nauthorization\nBearer abc\n";
        let (request, response) = parse(two_line).expect("read");
        assert_eq!(request.header("authorization"), Some("Bearer abc"));
        assert_eq!(response.expect("a response").header("www-authenticate"), Some("Bearer"));
        assert!(parse("Status Code: 401\nno url here").is_none());
    }

    #[test]
    fn the_older_layout_without_spaces_is_read() {
        let old = "Request:\nRequest URL:http://localhost:2116/releases\nRequest Method:OPTIONS\nStatus Code:401 Unauthorized\nResponse Headers\nServer:Kestrel\nRequest Headers\nAccess-Control-Request-Method:GET\nOrigin:http://localhost:17185\n";
        let (request, response) = parse(old).expect("read");
        assert_eq!(request.header("origin"), Some("http://localhost:17185"));
        let response = response.expect("a response");
        assert_eq!(response.status(), Some(401));
        assert_eq!(response.header("server"), Some("Kestrel"));
    }
}
