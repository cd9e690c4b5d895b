//! The debug output of Python's `http.client` (what `requests`, `urllib3` and `http.client`
//! print with `HTTPConnection.debuglevel = 1`): each request as the Python literal of the bytes
//! sent (`send: b'GET / HTTP/1.1\r\nHost: …\r\n\r\n'`), the status line as it came
//! (`reply: 'HTTP/1.1 401 Unauthorized\r\n'`), then one `header: Name: value` line per response
//! header. People paste it from their terminal when a script gets 401.

use super::message::{self, Message, Source};

/// The most messages read from one transcript.
const MAX_MESSAGES: usize = 64;

/// A response being read: its status line's number and text, and its `header:` lines.
type Reply = (usize, String, Vec<(usize, String)>);

/// The messages of a transcript, in order; `None` when the text is not one.
pub fn parse(text: &str) -> Option<Vec<Message>> {
    if !text.contains("reply: ") || !text.contains("send: ") {
        return None;
    }
    let mut out: Vec<Message> = Vec::new();
    let mut reply: Option<Reply> = None;
    let finish = |reply: Option<Reply>, out: &mut Vec<Message>| {
        if let Some((line, status, headers)) = reply {
            out.extend(response(line, &status, &headers));
        }
    };
    for (number, raw) in (1_usize..).zip(text.lines()) {
        let line = after_prefix(raw.trim_end_matches('\r'));
        if out.len() >= MAX_MESSAGES {
            break;
        }
        if let Some(sent) = line.strip_prefix("send: ") {
            finish(reply.take(), &mut out);
            let Some(bytes) = literal(sent) else { continue };
            match request(number, &bytes) {
                Some(m) => out.push(m),
                // A second `send:` after the head is the request's body.
                None => {
                    if let Some(last) = out.last_mut().filter(|m| m.is_request() && m.body.is_empty()) {
                        last.body = bytes;
                        last.lines.1 = number;
                    }
                }
            }
        } else if let Some(status) = line.strip_prefix("reply: ") {
            finish(reply.take(), &mut out);
            if let Some(status) = literal(status) {
                reply = Some((number, status.trim_end().to_string(), Vec::new()));
            }
        } else if let Some(header) = line.strip_prefix("header: ") {
            if let Some((_, _, headers)) = reply.as_mut() {
                headers.push((number, header.to_string()));
            }
        }
    }
    finish(reply, &mut out);
    out.iter().any(Message::is_request).then_some(out).filter(|m| m.iter().any(|x| !x.is_request()))
}

/// The line without what a logger put before it (`DEBUG:urllib3…:`, an IPython prompt's `*`, a
/// Markdown quote): from the first `send: `, `reply: ` or `header: ` that starts a word.
fn after_prefix(line: &str) -> &str {
    let t = line.trim_start_matches(['>', ' ', '\t', '*']);
    for marker in ["send: ", "reply: ", "header: "] {
        if t.starts_with(marker) {
            return t;
        }
    }
    // A logger's prefix ends in `:` or a space (`DEBUG:http.client:send: b'…'`).
    ["send: b'", "send: b\"", "send: '", "reply: '", "reply: \"", "header: "]
        .iter()
        .filter_map(|m| t.match_indices(m).find(|(at, _)| t.get(..*at).is_some_and(|before| before.ends_with([':', ' ']))).map(|(at, _)| at))
        .min()
        .and_then(|at| t.get(at..))
        .unwrap_or(t)
}

/// The text of a Python `bytes` or `str` literal (`b'…'`, `'…'`, `"…"`), its escapes read.
fn literal(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t.strip_prefix('b').unwrap_or(t);
    let quote = t.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = t.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).map(char::from).unwrap_or('?'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

/// The request a `send:` literal holds, every header at the literal's line; `None` when the
/// literal does not start with a request line (a body sent on its own).
fn request(line: usize, bytes: &str) -> Option<Message> {
    let (messages, _) = message::parse(bytes);
    let mut m = messages.into_iter().next().filter(Message::is_request)?;
    m.line = line;
    m.lines = (line, line);
    m.source = Source::Raw;
    for h in &mut m.headers {
        h.line = line;
    }
    Some(m)
}

/// The response a `reply:` line and its `header:` lines make, each header at its own line.
fn response(line: usize, status: &str, headers: &[(usize, String)]) -> Option<Message> {
    let mut text = format!("{status}\r\n");
    for (_, h) in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    let (messages, _) = message::parse(&text);
    let mut m = messages.into_iter().next().filter(|m| !m.is_request())?;
    m.line = line;
    m.lines = (line, headers.last().map_or(line, |(n, _)| *n));
    m.source = Source::Raw;
    // The parser kept the headers in order; give each the line it was printed on.
    let lines: Vec<usize> = headers.iter().filter(|(_, h)| h.contains(':')).map(|(n, _)| *n).collect();
    for (h, n) in m.headers.iter_mut().zip(lines) {
        h.line = n;
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRANSCRIPT: &str = concat!(
        "In [20]: r = requests.get(url, auth=HTTPDigestAuth(user, passw))\n",
        "send: b'GET /download/trace.tar.gz HTTP/1.1\\r\\nHost: data.example.org\\r\\nAccept: */*\\r\\nUser-Agent: python-requests/2.31.0\\r\\n\\r\\n'\n",
        "reply: 'HTTP/1.1 401 Unauthorized\\r\\n'\n",
        "header: Date: Thu, 17 Dec 2015 14:20:14 GMT\n",
        "header: WWW-Authenticate: Basic realm=\"traces\"\n",
        "header: Content-Length: 88\n",
        "DEBUG:urllib3.connectionpool:https://data.example.org:443 \"GET /download/trace.tar.gz HTTP/1.1\" 401 88\n",
    );

    #[test]
    fn a_transcript_is_a_request_and_its_response() {
        let messages = parse(TRANSCRIPT).expect("a transcript");
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].method(), "GET");
        assert_eq!(messages[0].header("host"), Some("data.example.org"));
        assert_eq!((messages[0].line, messages[0].headers[0].line), (2, 2));
        assert_eq!(messages[1].status(), Some(401));
        assert_eq!(messages[1].header("www-authenticate"), Some("Basic realm=\"traces\""));
        assert_eq!(messages[1].headers_named("www-authenticate").next().map(|h| h.line), Some(5));
        assert_eq!(messages[1].lines, (3, 6));
    }

    #[test]
    fn python_literals_and_bodies() {
        assert_eq!(literal(r"b'a\r\nb\x41\'c'").as_deref(), Some("a\r\nbA'c"));
        assert_eq!(literal("'x'").as_deref(), Some("x"));
        assert_eq!(literal("nope"), None);
        let text = "send: b'POST /token HTTP/1.1\\r\\nHost: a.example\\r\\nContent-Length: 9\\r\\n\\r\\n'\nsend: b'grant=abc'\nreply: 'HTTP/1.1 400 Bad Request\\r\\n'\nheader: Content-Type: application/json\n";
        let messages = parse(text).expect("a transcript");
        assert_eq!(messages[0].body, "grant=abc");
        assert_eq!(messages[1].status(), Some(400));
        // A logger's prefix is not part of the line.
        let logged = "DEBUG:http.client:send: b'GET /a HTTP/1.1\\r\\nHost: h.example\\r\\n\\r\\n'\nDEBUG:http.client:reply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nDEBUG:http.client:header: WWW-Authenticate: Bearer\n";
        let messages = parse(logged).expect("a logged transcript");
        assert_eq!((messages.len(), messages[1].status()), (2, Some(401)));
        assert_eq!(messages[1].header("www-authenticate"), Some("Bearer"));
        // Prose that names the words is not a transcript.
        assert!(parse("The reply: it was sent: yes").is_none());
    }
}
