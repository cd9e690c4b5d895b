//! `curl` command lines, as DevTools "Copy as cURL" writes them for bash (single quotes, `\`
//! line continuations, `$'…'` strings) and for cmd (`^"` quoting, `^` continuations), or as
//! people type them. The command becomes the request it would send.

use super::message::{Header, Message, Source, StartLine};
use base64::Engine;

/// What could not be understood in the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub what: String,
}

/// Options that take a value but do not change the request's headers (they are skipped).
const VALUED: [&str; 24] = [
    "-o", "--output", "-w", "--write-out", "-m", "--max-time", "--connect-timeout", "-x", "--proxy", "--cacert", "--cert", "--key",
    "-A", "--user-agent", "-e", "--referer", "--resolve", "--retry", "-c", "--cookie-jar", "--limit-rate", "-T", "--upload-file", "--url-query",
];

/// The request a `curl` command sends, when `text` is one.
pub fn parse(text: &str) -> Option<(Message, Vec<Problem>)> {
    let start = text.len() - text.trim_start().len();
    let first_line = text[..start].matches('\n').count() + 1;
    let command = text.trim();
    if !(command.starts_with("curl ") || command.starts_with("curl.exe ")) {
        return None;
    }
    let cmd_style = command.contains("^\"");
    let joined = if cmd_style {
        // cmd: `^` escapes the next character, and ends a line to continue it.
        let mut out = String::with_capacity(command.len());
        let mut chars = command.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('^', Some('\r' | '\n')) => {
                    while matches!(chars.peek(), Some('\r' | '\n')) {
                        chars.next();
                    }
                    out.push(' ');
                }
                ('^', Some(_)) => out.extend(chars.next()),
                _ => out.push(c),
            }
        }
        out
    } else {
        command.replace("\\\r\n", " ").replace("\\\n", " ").replace("$'", "'")
    };
    let mut problems = Vec::new();
    let Some(words) = shlex::split(&joined) else {
        problems.push(Problem { what: "the command's quotes are not balanced".into() });
        return Some((empty_request(first_line), problems));
    };
    let mut url = None;
    let mut method = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut has_body = false;
    let mut words = words.into_iter().skip(1);
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (word.clone(), None),
        };
        let value = |words: &mut dyn Iterator<Item = String>| inline.clone().or_else(|| words.next());
        match flag.as_str() {
            "-X" | "--request" => method = value(&mut words),
            "-H" | "--header" => {
                if let Some(h) = value(&mut words) {
                    match h.split_once(':') {
                        Some((name, v)) => headers.push((name.trim().to_string(), v.trim().to_string())),
                        None => problems.push(Problem { what: format!("`-H {h}` is not `name: value`") }),
                    }
                }
            }
            "-u" | "--user" => {
                if let Some(user) = value(&mut words) {
                    let encoded = base64::engine::general_purpose::STANDARD.encode(user.as_bytes());
                    headers.push(("Authorization".into(), format!("Basic {encoded}")));
                }
            }
            "--oauth2-bearer" => {
                if let Some(token) = value(&mut words) {
                    headers.push(("Authorization".into(), format!("Bearer {token}")));
                }
            }
            "-b" | "--cookie" => {
                if let Some(cookie) = value(&mut words) {
                    if cookie.contains('=') {
                        headers.push(("Cookie".into(), cookie));
                    } else {
                        problems.push(Problem { what: format!("`-b {cookie}` reads cookies from a file that is not here") });
                    }
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-urlencode" | "--json" | "-F" | "--form" => {
                has_body = true;
                let _ = value(&mut words);
            }
            "-I" | "--head" => method = Some("HEAD".into()),
            "--url" => url = value(&mut words),
            f if VALUED.contains(&f) => {
                let _ = value(&mut words);
            }
            f if f.starts_with('-') => {}
            _ => {
                if url.is_none() {
                    url = Some(word);
                }
            }
        }
    }
    let Some(url_text) = url else {
        problems.push(Problem { what: "the command names no URL".into() });
        return Some((empty_request(first_line), problems));
    };
    let parsed = url::Url::parse(&url_text).or_else(|_| url::Url::parse(&format!("http://{url_text}")));
    let (target, host) = match &parsed {
        Ok(u) => (u.as_str().to_string(), u.host_str().map(|h| match u.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        })),
        Err(e) => {
            problems.push(Problem { what: format!("`{url_text}` is not a URL: {e}") });
            (url_text.clone(), None)
        }
    };
    let method = method.unwrap_or_else(|| if has_body { "POST".into() } else { "GET".into() });
    let lines = text.lines().count().max(first_line);
    let mut message = Message {
        start: StartLine::Request { method, target, version: "HTTP/1.1".into() },
        headers: Vec::new(),
        body: String::new(),
        line: first_line,
        source: Source::CurlCommand,
        lines: (first_line, lines),
    };
    if let Some(host) = host {
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            message.headers.push(Header { name: "Host".into(), value: host, line: first_line });
        }
    }
    for (name, value) in headers {
        let line = line_of(text, &value).unwrap_or(first_line);
        message.headers.push(Header { name, value, line });
    }
    Some((message, problems))
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let probe: String = needle.chars().take(40).collect();
    text.find(&probe).map(|at| text[..at].matches('\n').count() + 1)
}

fn empty_request(line: usize) -> Message {
    Message {
        start: StartLine::Request { method: String::new(), target: String::new(), version: String::new() },
        headers: Vec::new(),
        body: String::new(),
        line,
        source: Source::CurlCommand,
        lines: (line, line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> (Message, Vec<Problem>) {
        parse(text).expect("a curl command")
    }

    #[test]
    fn devtools_bash_command() {
        let text = "curl 'https://api.example.com/v1/orders?page=2' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer eyJhbGciOi.x.y' \\\n  -b 'session=abc; theme=dark' \\\n  --compressed";
        let (m, problems) = request(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.start, StartLine::Request { method: "GET".into(), target: "https://api.example.com/v1/orders?page=2".into(), version: "HTTP/1.1".into() });
        assert_eq!(m.header("host"), Some("api.example.com"));
        assert_eq!(m.header("authorization"), Some("Bearer eyJhbGciOi.x.y"));
        assert_eq!(m.header("cookie"), Some("session=abc; theme=dark"));
        assert_eq!(m.headers_named("authorization").next().map(|h| h.line), Some(3));
        assert_eq!(m.source, Source::CurlCommand);
    }

    #[test]
    fn devtools_cmd_command() {
        let text = "curl ^\"https://api.example.com/v1/me^\" ^\n  -H ^\"authorization: Bearer abc^\" ^\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"";
        let (m, problems) = request(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.header("authorization"), Some("Bearer abc"));
        assert!(matches!(&m.start, StartLine::Request { method, .. } if method == "POST"));
    }

    #[test]
    fn user_bearer_and_method_options() {
        let (m, _) = request("curl -u alice:s3cr3t -X DELETE https://api.example.com/x");
        assert_eq!(m.header("authorization"), Some("Basic YWxpY2U6czNjcjN0"));
        assert!(matches!(&m.start, StartLine::Request { method, .. } if method == "DELETE"));
        let (m, _) = request("curl --oauth2-bearer abc.def.ghi --url=https://api.example.com:8443/y");
        assert_eq!(m.header("authorization"), Some("Bearer abc.def.ghi"));
        assert_eq!(m.header("host"), Some("api.example.com:8443"));
    }

    #[test]
    fn broken_commands_say_why() {
        assert!(parse("not curl at all").is_none());
        assert_eq!(request("curl -H 'accept: x").1[0].what, "the command's quotes are not balanced");
        assert_eq!(request("curl -H 'accept: x'").1[0].what, "the command names no URL");
        assert!(request("curl -b cookies.txt https://a.example").1[0].what.contains("from a file"));
    }
}
