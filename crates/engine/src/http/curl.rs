//! `curl` command lines, as DevTools "Copy as cURL" writes them for bash (single quotes, `\`
//! line continuations, `$'…'` strings) and for cmd (`^"` quoting, `^` continuations), or as
//! people type them. The command becomes the request it would send, body included.

use super::message::{Header, Message, Source, StartLine};
use base64::Engine;

/// What could not be understood in the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub what: String,
}

/// Options that take a value but do not change the request (they are skipped).
const VALUED: [&str; 24] = [
    "-o",
    "--output",
    "-w",
    "--write-out",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-x",
    "--proxy",
    "--cacert",
    "--cert",
    "--key",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "--resolve",
    "--retry",
    "-c",
    "--cookie-jar",
    "--limit-rate",
    "-T",
    "--upload-file",
    "--url-query",
];

/// Short options that take a value, which may be written attached (`-XPOST`, `-dname=value`).
const SHORT_VALUED: [&str; 14] = ["-X", "-H", "-d", "-u", "-b", "-F", "-o", "-w", "-m", "-x", "-A", "-e", "-c", "-T"];

/// The boundary of a multipart body built from `-F` fields (curl picks a random one; a
/// fixed one keeps the reading the same every time).
pub const FORM_BOUNDARY: &str = "------------------------why401formboundary";

/// How one piece of request data was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Data {
    /// `-d`, `--data`, `--data-ascii`, `--data-binary`: `@name` reads a file.
    Plain,
    /// `--data-raw`: taken as written.
    Raw,
    /// `--data-urlencode`: percent-encoded as curl does.
    UrlEncode,
    /// `--json`: joined to the previous piece without `&`.
    Json,
}

/// The request a `curl` command sends, when `text` is one.
/// The command ends at the first line break that no quote and no continuation holds open; the
/// lines after it are not part of it.
pub fn parse(text: &str) -> Option<(Message, Vec<Problem>)> {
    let start = text.len().saturating_sub(text.trim_start().len());
    let first_line = text[..start].matches('\n').count().saturating_add(1);
    let rest = &text[start..];
    let command = rest[..command_end(rest)].trim();
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
        ansi_c_strings(&command.replace("\\\r\n", " ").replace("\\\n", " "))
    };
    let mut problems = Vec::new();
    let Some(words) = shlex::split(&joined) else {
        problems.push(Problem { what: "the command's quotes are not balanced".into() });
        return Some((empty_request(first_line), problems));
    };
    let mut url = None;
    let mut method = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut data: Vec<(Data, String)> = Vec::new();
    let mut form: Vec<(String, String)> = Vec::new();
    let mut get = false;
    let mut json = false;
    let mut words = words.into_iter().skip(1);
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => match (word.get(..2), word.get(2..)) {
                (Some(f), Some(rest)) if !rest.is_empty() && SHORT_VALUED.contains(&f) => (f.to_string(), Some(rest.to_string())),
                _ => (word.clone(), None),
            },
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
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" | "--data-urlencode" | "--json" => {
                let kind = match flag.as_str() {
                    "--data-raw" => Data::Raw,
                    "--data-urlencode" => Data::UrlEncode,
                    "--json" => Data::Json,
                    _ => Data::Plain,
                };
                json |= kind == Data::Json;
                if let Some(v) = value(&mut words) {
                    data.push((kind, v));
                }
            }
            "-F" | "--form" | "--form-string" => {
                if let Some(field) = value(&mut words) {
                    match field.split_once('=') {
                        Some((name, v)) if flag != "--form-string" && v.starts_with(['@', '<']) => {
                            problems.push(Problem { what: format!("`-F {name}={v}` reads a file that is not here") })
                        }
                        Some((name, v)) => form.push((name.to_string(), v.to_string())),
                        None => problems.push(Problem { what: format!("`-F {field}` is not `name=value`") }),
                    }
                }
            }
            "-G" | "--get" => get = true,
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
    let Some(mut url_text) = url else {
        problems.push(Problem { what: "the command names no URL".into() });
        return Some((empty_request(first_line), problems));
    };
    let mut body = joined_data(&data, &mut problems);
    if !form.is_empty() {
        if data.is_empty() {
            body = multipart(&form);
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
                headers.push(("Content-Type".into(), format!("multipart/form-data; boundary={FORM_BOUNDARY}")));
            }
        } else {
            problems.push(Problem { what: "it posts both data (`-d`) and a form (`-F`), which curl refuses".into() });
        }
    }
    // `-G` sends the data as the URL's query instead of a body.
    if get && !data.is_empty() {
        let (base, fragment) = match url_text.split_once('#') {
            Some((b, f)) => (b.to_string(), Some(f.to_string())),
            None => (url_text.clone(), None),
        };
        let glue = if base.contains('?') { "&" } else { "?" };
        url_text = format!("{base}{glue}{body}");
        if let Some(f) = fragment {
            url_text = format!("{url_text}#{f}");
        }
        body.clear();
    } else if json {
        for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")] {
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                headers.push((name.into(), value.into()));
            }
        }
    }
    let parsed = url::Url::parse(&url_text).or_else(|_| url::Url::parse(&format!("http://{url_text}")));
    let (target, host) = match &parsed {
        Ok(u) => (
            u.as_str().to_string(),
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            }),
        ),
        Err(e) => {
            problems.push(Problem { what: format!("`{url_text}` is not a URL: {e}") });
            (url_text.clone(), None)
        }
    };
    let sends_data = !data.is_empty() || !form.is_empty();
    let method = method.unwrap_or_else(|| if sends_data && !get { "POST".into() } else { "GET".into() });
    let lines = first_line.saturating_add(command.matches('\n').count());
    let mut message = Message {
        start: StartLine::Request { method, target, version: "HTTP/1.1".into() },
        headers: Vec::new(),
        body,
        line: first_line,
        source: Source::CurlCommand,
        lines: (first_line, lines),
        parsed: Default::default(),
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

/// The most commands [`find`] reads from one text.
const MAX_COMMANDS: usize = 200;

/// Every `curl` command that starts a line of `text` outside the `taken` line ranges, each
/// with what could not be understood in it.
pub fn find(text: &str, taken: &[(usize, usize)]) -> Vec<(Message, Vec<Problem>)> {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1))).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < starts.len() && out.len() < MAX_COMMANDS {
        let number = i.saturating_add(1);
        let rest = starts.get(i).and_then(|&at| text.get(at..)).unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("").trim_start();
        let is_command = line.starts_with("curl ") || line.starts_with("curl.exe ");
        if taken.iter().any(|(a, b)| (*a..=*b).contains(&number)) || !is_command {
            i = number;
            continue;
        }
        let Some((mut message, problems)) = parse(rest) else {
            i = number;
            continue;
        };
        // The command's lines count from the top of `text`, not from the line it starts on.
        let shift = i;
        message.line = message.line.saturating_add(shift);
        message.lines = (message.lines.0.saturating_add(shift), message.lines.1.saturating_add(shift));
        for header in &mut message.headers {
            header.line = header.line.saturating_add(shift);
        }
        i = message.lines.1.max(number);
        out.push((message, problems));
    }
    out
}

/// The byte offset where the command that starts `text` ends: its first line break outside
/// quotes and not continued (`\` for bash, `^` for cmd), or the end of the text when a quote
/// never closes.
// The nested `if`s consume the escaped character whatever it is; as match guards they would
// consume it only to try the next arm.
#[allow(clippy::collapsible_match)]
fn command_end(text: &str) -> usize {
    #[derive(PartialEq)]
    enum In {
        Plain,
        Single,
        Double,
        AnsiC,
    }
    let first = text.split('\n').next().unwrap_or("");
    let cmd_style = first.contains("^\"") || first.trim_end().ends_with('^');
    let mut state = In::Plain;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if cmd_style {
            match c {
                '^' => {
                    // `^` then CR LF continues the line.
                    if matches!(chars.next(), Some((_, '\r'))) && matches!(chars.peek(), Some((_, '\n'))) {
                        chars.next();
                    }
                }
                '\n' => return at,
                _ => {}
            }
            continue;
        }
        match (&state, c) {
            (In::Plain | In::Double | In::AnsiC, '\\') => {
                if matches!(chars.next(), Some((_, '\r'))) && matches!(chars.peek(), Some((_, '\n'))) {
                    chars.next();
                }
            }
            (In::Plain, '\'') => state = In::Single,
            (In::Plain, '"') => state = In::Double,
            (In::Plain, '$') if matches!(chars.peek(), Some((_, '\''))) => {
                chars.next();
                state = In::AnsiC;
            }
            (In::Plain, '\n') => return at,
            (In::Single | In::AnsiC, '\'') | (In::Double, '"') => state = In::Plain,
            _ => {}
        }
    }
    text.len()
}

/// The data pieces as curl joins them: `&` between pieces, none before a `--json` piece.
fn joined_data(data: &[(Data, String)], problems: &mut Vec<Problem>) -> String {
    let mut body = String::new();
    for (i, (kind, value)) in data.iter().enumerate() {
        let piece = match kind {
            Data::Raw => value.clone(),
            Data::Plain | Data::Json => match value.strip_prefix('@') {
                Some(file) => {
                    problems.push(Problem { what: from_file(value, file) });
                    continue;
                }
                None => value.clone(),
            },
            Data::UrlEncode => {
                // `content`, `=content`, `name=content`; `@file` and `name@file` read a file.
                // `mark` starts with the `=` or `@`, one byte long.
                match value.find(['=', '@']).map(|at| value.split_at(at)) {
                    Some((_, mark)) if mark.starts_with('@') => {
                        problems.push(Problem { what: from_file(value, mark.get(1..).unwrap_or("")) });
                        continue;
                    }
                    Some((name, mark)) if !name.is_empty() => format!("{name}={}", percent_encoded(mark.get(1..).unwrap_or(""))),
                    Some((_, mark)) => percent_encoded(mark.get(1..).unwrap_or("")),
                    None => percent_encoded(value),
                }
            }
        };
        if i > 0 && !body.is_empty() && *kind != Data::Json {
            body.push('&');
        }
        body.push_str(&piece);
    }
    body
}

fn from_file(value: &str, file: &str) -> String {
    if file == "-" {
        format!("`{value}` reads the body from standard input, which is not here")
    } else {
        format!("`{value}` reads the body from a file that is not here")
    }
}

/// Percent-encoding as curl's `--data-urlencode` does it: everything but letters, digits and
/// `-._~`.
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The multipart body of text `-F` fields.
fn multipart(fields: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, value) in fields {
        let name = name.replace('"', "%22");
        out.push_str(&format!("--{FORM_BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    out.push_str(&format!("--{FORM_BOUNDARY}--\r\n"));
    out
}

/// The command with each bash `$'…'` string decoded (`\n`, `\t`, `\'`, `\\`, `\xHH`, `\uHHHH`,
/// octal) and written as a plain single-quoted string, which the word splitter reads.
fn ansi_c_strings(command: &str) -> String {
    if !command.contains("$'") {
        return command.to_string();
    }
    let mut out = String::with_capacity(command.len());
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                out.extend(chars.next());
            }
            '\'' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\'' {
                        break;
                    }
                }
            }
            '"' => {
                out.push(c);
                while let Some(inner) = chars.next() {
                    out.push(inner);
                    match inner {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                let decoded = ansi_c_body(&mut chars);
                out.push('\'');
                out.push_str(&decoded.replace('\'', "'\\''"));
                out.push('\'');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The text of a `$'…'` string up to its closing quote, its escapes decoded.
fn ansi_c_body(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\'' => break,
            '\\' => {
                let Some(e) = chars.next() else { break };
                let simple = match e {
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'e' | 'E' => Some('\u{1b}'),
                    'f' => Some('\u{c}'),
                    'v' => Some('\u{b}'),
                    '\\' | '\'' | '"' | '?' => Some(e),
                    _ => None,
                };
                if let Some(s) = simple {
                    out.push(s);
                    continue;
                }
                let (radix, most) = match e {
                    'x' => (16, 2_usize),
                    'u' => (16, 4),
                    'U' => (16, 8),
                    '0'..='7' => (8, 2),
                    _ => {
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                };
                let mut digits = String::new();
                if radix == 8 {
                    digits.push(e);
                }
                while digits.len() < most.saturating_add(usize::from(radix == 8)) {
                    match chars.peek() {
                        Some(d) if d.is_digit(radix) => {
                            digits.push(*d);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                match u32::from_str_radix(&digits, radix).ok().and_then(char::from_u32) {
                    Some(decoded) if !digits.is_empty() => out.push(decoded),
                    _ => {
                        out.push('\\');
                        out.push(e);
                        out.push_str(if radix == 8 { digits.get(1..).unwrap_or("") } else { &digits });
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let probe: String = needle.chars().take(40).collect();
    text.find(&probe).map(|at| text[..at].matches('\n').count().saturating_add(1))
}

fn empty_request(line: usize) -> Message {
    Message {
        start: StartLine::Request { method: String::new(), target: String::new(), version: String::new() },
        headers: Vec::new(),
        body: String::new(),
        line,
        source: Source::CurlCommand,
        lines: (line, line),
        parsed: Default::default(),
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
        assert_eq!(m.body, r#"{"a":1}"#);
    }

    fn method(m: &Message) -> &str {
        m.method()
    }

    fn target(m: &Message) -> &str {
        match &m.start {
            StartLine::Request { target, .. } => target,
            StartLine::Response { .. } => "",
        }
    }

    #[test]
    fn data_pieces_join_with_ampersands() {
        let (m, problems) = request("curl https://a.example/token -d grant_type=client_credentials --data 'scope=read write' --data-ascii x=1");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "grant_type=client_credentials&scope=read write&x=1");
        assert_eq!(method(&m), "POST");
        // Attached short options, as curl reads them.
        let (m, _) = request("curl -XPUT -dname=a -dx=1 -HAccept:text/plain https://a.example/");
        assert_eq!(method(&m), "PUT");
        assert_eq!(m.header("accept"), Some("text/plain"));
        assert_eq!(m.body, "name=a&x=1");
    }

    #[test]
    fn raw_and_binary_data() {
        let (m, problems) = request("curl https://a.example/ --data-raw '@not-a-file' --data-binary 'a\\tb' -d $'c\\td'");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "@not-a-file&a\\tb&c\td");
        // A body read from a file is not here: said, and the rest still read.
        let (m, problems) = request("curl https://a.example/ -d @body.json -d b=2 --data-binary @-");
        assert_eq!(m.body, "b=2");
        assert_eq!(method(&m), "POST");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].what, "`@body.json` reads the body from a file that is not here");
        assert_eq!(problems[1].what, "`@-` reads the body from standard input, which is not here");
    }

    #[test]
    fn urlencoded_data() {
        let (m, problems) =
            request("curl https://a.example/ --data-urlencode 'q=a b&c/é' --data-urlencode '=x y' --data-urlencode 'plain~.-_' --data-urlencode=n=1");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "q=a%20b%26c%2F%C3%A9&x%20y&plain~.-_&n=1");
        let (m, problems) = request("curl https://a.example/ --data-urlencode name@file.txt --data-urlencode @all.txt -d k=v");
        assert_eq!(m.body, "k=v");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn json_sets_content_type_and_accept() {
        let (m, problems) = request("curl --json '{\"a\":' --json ' 1}' https://a.example/items");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "{\"a\": 1}");
        assert_eq!(method(&m), "POST");
        assert_eq!(m.header("content-type"), Some("application/json"));
        assert_eq!(m.header("accept"), Some("application/json"));
        // The command's own headers win.
        let (m, _) = request("curl --json '[]' -H 'Accept: application/problem+json' https://a.example/items");
        assert_eq!(m.header("accept"), Some("application/problem+json"));
        assert_eq!(m.headers_named("accept").count(), 1);
        assert_eq!(m.header("content-type"), Some("application/json"));
        // Plain data sets neither.
        let (m, _) = request("curl -d '{}' https://a.example/items");
        assert_eq!(m.header("content-type"), None);
    }

    #[test]
    fn form_fields_become_a_multipart_body() {
        let (m, problems) = request("curl -F name=alice -F 'note=hi there' --form-string 'at=@home' https://a.example/upload");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(method(&m), "POST");
        let boundary = FORM_BOUNDARY;
        assert_eq!(m.header("content-type"), Some(format!("multipart/form-data; boundary={boundary}").as_str()));
        assert_eq!(
            m.body,
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nalice\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi there\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"at\"\r\n\r\n@home\r\n--{boundary}--\r\n")
        );
        let (_, problems) = request("curl -F file=@photo.jpg -F text=<notes.txt https://a.example/upload");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].what.contains("reads a file that is not here"));
        let (m, problems) = request("curl -F a=1 -d b=2 https://a.example/upload");
        assert_eq!(m.body, "b=2");
        assert!(problems[0].what.contains("both data"), "{problems:?}");
    }

    #[test]
    fn get_moves_the_data_into_the_query() {
        let (m, problems) = request("curl -G https://a.example/authorize -d response_type=code --data-urlencode 'redirect_uri=https://app.example/cb'");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(method(&m), "GET");
        assert_eq!(target(&m), "https://a.example/authorize?response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb");
        assert!(m.body.is_empty());
        let (m, _) = request("curl --get 'https://a.example/s?x=1#top' -d y=2");
        assert_eq!(target(&m), "https://a.example/s?x=1&y=2#top");
    }

    #[test]
    fn bash_ansi_c_strings() {
        // DevTools writes `$'…'` when the value holds a quote or a control character.
        let text = "curl 'https://a.example/notes' \\\n  -H $'x-note: it\\'s' \\\n  --data-raw $'{\"text\":\"it\\'s\\\\n\",\"t\":\"a\\tb\",\"e\":\"\\u00e9\\x41\\101\"}'";
        let (m, problems) = request(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.header("x-note"), Some("it's"));
        assert_eq!(m.body, "{\"text\":\"it's\\n\",\"t\":\"a\tb\",\"e\":\"éAA\"}");
        // `$'` inside another quoted string is text.
        let (m, problems) = request("curl -d 'price=5$' -d \"cost=$'\" https://a.example/");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "price=5$&cost=$'");
    }

    #[test]
    fn cmd_caret_escapes_in_the_body() {
        let text = "curl ^\"https://a.example/token^\" ^\r\n  -H ^\"content-type: application/x-www-form-urlencoded^\" ^\r\n  --data-raw ^\"grant_type=authorization_code^&code=a^%^b^&x=^\\^\"q^\\^\"^\"";
        let (m, problems) = request(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.body, "grant_type=authorization_code&code=a%b&x=\"q\"");
        assert_eq!(m.header("content-type"), Some("application/x-www-form-urlencoded"));
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

    #[test]
    fn the_command_ends_at_its_last_line() {
        let text = "curl https://a.example/ \\\n  -d 'a=1\nb=2' \\\n  -H 'x: y'\nAuthorization: Bearer abc\n";
        let (m, problems) = request(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.lines, (1, 4));
        assert_eq!(m.body, "a=1\nb=2");
        assert_eq!(m.header("authorization"), None);
        // cmd continues a line with `^`.
        let (m, _) = request("curl ^\"https://a.example/^\" ^\r\n  -H ^\"x: y^\"\r\nnext line");
        assert_eq!(m.lines, (1, 2));
        assert_eq!(m.header("x"), Some("y"));
    }

    #[test]
    fn commands_among_other_lines() {
        let text = "GET /x HTTP/1.1\nHost: a.example\n\nsee:\n  curl https://b.example/t \\\n    -d grant_type=client_credentials\ncurl -G https://c.example/a -d q=1\ncurl 'broken\n";
        let found = find(text, &[(1, 3)]);
        assert_eq!(found.len(), 3, "{found:?}");
        let (first, _) = &found[0];
        assert_eq!((first.line, first.lines), (5, (5, 6)));
        assert_eq!(first.header("host"), Some("b.example"));
        assert_eq!(first.headers_named("host").next().map(|h| h.line), Some(5));
        assert_eq!(first.body, "grant_type=client_credentials");
        let (second, _) = &found[1];
        assert_eq!((second.line, target(second)), (7, "https://c.example/a?q=1"));
        assert_eq!(found[2].1[0].what, "the command's quotes are not balanced");
        // Lines already read are left alone.
        assert!(find(text, &[(1, 8)]).is_empty());
    }
}
