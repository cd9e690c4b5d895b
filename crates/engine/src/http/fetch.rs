//! `fetch(…)` snippets, as DevTools "Copy as fetch" writes them: a URL string and an options
//! object in JSON form (`"headers"`, `"method"`, `"body"`, `"credentials"`, `"mode"`).

use super::message::{Header, Message, Source, StartLine};
use serde_json::Value;

/// The request a `fetch` call sends, its `credentials` mode, and what could not be read.
pub struct Fetch {
    pub request: Message,
    /// `include`, `same-origin` or `omit`, when the snippet says.
    pub credentials: Option<String>,
    pub problems: Vec<String>,
}

/// Reads a `fetch("url", {...})` call, when `text` is one.
pub fn parse(text: &str) -> Option<Fetch> {
    let start = text.find("fetch(")?;
    let before = &text[..start];
    if !before.trim().is_empty() && !before.trim_end().ends_with(['=', '(', ';']) && !before.trim_end().ends_with("await") {
        return None;
    }
    let line = before.matches('\n').count().saturating_add(1);
    let rest = text[start..].strip_prefix("fetch(").unwrap_or("").trim_start();
    let mut problems = Vec::new();
    let (url, after) = string_literal(rest)?;
    let options = match after.trim_start().strip_prefix(',') {
        Some(options) => match balanced_object(options.trim_start()) {
            Some(object) => match serde_json::from_str::<Value>(object) {
                Ok(value) => value,
                Err(e) => {
                    problems.push(format!("the options object is not JSON ({e}); paste the snippet as DevTools copies it"));
                    Value::Null
                }
            },
            None => {
                problems.push("the options object is not closed".into());
                Value::Null
            }
        },
        None => Value::Null,
    };
    let method = options.get("method").and_then(Value::as_str).unwrap_or("GET").to_ascii_uppercase();
    let credentials = options.get("credentials").and_then(Value::as_str).map(str::to_string);
    let mut headers = Vec::new();
    if let Ok(parsed) = url::Url::parse(&url) {
        if let Some(host) = parsed.host_str() {
            let host = parsed.port().map_or_else(|| host.to_string(), |p| format!("{host}:{p}"));
            headers.push(Header { name: "Host".into(), value: host, line });
        }
    } else {
        problems.push(format!("`{url}` is not an absolute URL"));
    }
    // The object keeps its names in the order they are written, so one forward scan finds the
    // line of each; once a name is not found as written (escapes in it), the rest keep the
    // call's line. A scan from the start for every name would take quadratic time.
    let (mut from, mut from_line, mut lost) = (0, 1, false);
    for (name, value) in options.get("headers").and_then(Value::as_object).into_iter().flatten() {
        let value = value.as_str().map_or_else(|| value.to_string(), str::to_string);
        let quoted = format!("\"{name}\"");
        let found = if lost { None } else { text[from..].find(&quoted).map(|i| from.saturating_add(i)) };
        let at = match found {
            Some(i) => {
                from_line = text[from..i].matches('\n').count().saturating_add(from_line);
                from = i.saturating_add(quoted.len());
                from_line
            }
            None => {
                lost = true;
                line
            }
        };
        headers.push(Header { name: name.clone(), value, line: at });
    }
    // DevTools writes the page's address as `referrer`: the browser sends it as `Referer`, and
    // it tells the page's origin for CORS and `SameSite`.
    if let Some(referrer) = options.get("referrer").and_then(Value::as_str).filter(|r| r.starts_with("http://") || r.starts_with("https://")) {
        if !headers.iter().any(|h| h.name.eq_ignore_ascii_case("referer")) {
            let at = text.find("\"referrer\"").map_or(line, |i| text[..i].matches('\n').count().saturating_add(1));
            headers.push(Header { name: "Referer".into(), value: referrer.to_string(), line: at });
        }
    }
    let last = line.saturating_add(text[start..].matches('\n').count());
    let request = Message {
        start: StartLine::Request { method, target: url, version: "HTTP/1.1".into() },
        headers,
        body: options.get("body").and_then(Value::as_str).unwrap_or("").to_string(),
        line,
        source: Source::FetchSnippet,
        lines: (line, last),
        parsed: Default::default(),
    };
    Some(Fetch { request, credentials, problems })
}

/// A JavaScript string literal in double or single quotes, and the text after it.
fn string_literal(text: &str) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'' || *c == '`')?;
    let body = text.get(quote.len_utf8()..).unwrap_or("");
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match (escaped, c) {
            (true, _) => {
                out.push(c);
                escaped = false;
            }
            (false, '\\') => escaped = true,
            (false, c) if c == quote => return Some((out, body.get(i.saturating_add(1)..).unwrap_or(""))),
            (false, c) => out.push(c),
        }
    }
    None
}

/// The `{…}` object at the start of `text`, with strings respected.
fn balanced_object(text: &str) -> Option<&str> {
    if !text.starts_with('{') {
        return None;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, None, false);
    for (i, c) in text.char_indices() {
        match (in_string, escaped, c) {
            (Some(_), true, _) => escaped = false,
            (Some(_), false, '\\') => escaped = true,
            (Some(q), false, c) if c == q => in_string = None,
            (Some(_), _, _) => {}
            (None, _, '"' | '\'') => in_string = Some(c),
            (None, _, '{') => depth = depth.saturating_add(1),
            (None, _, '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(&text[..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devtools_copy_as_fetch() {
        let text = "fetch(\"https://api.example.com/v1/me\", {\n  \"headers\": {\n    \"accept\": \"application/json\",\n    \"authorization\": \"Bearer abc.def.ghi\"\n  },\n  \"body\": null,\n  \"method\": \"GET\",\n  \"mode\": \"cors\",\n  \"credentials\": \"include\"\n});";
        let fetch = parse(text).unwrap();
        assert!(fetch.problems.is_empty(), "{:?}", fetch.problems);
        assert_eq!(fetch.credentials.as_deref(), Some("include"));
        assert_eq!(fetch.request.header("authorization"), Some("Bearer abc.def.ghi"));
        assert_eq!(fetch.request.header("host"), Some("api.example.com"));
        assert_eq!(fetch.request.headers_named("authorization").next().map(|h| h.line), Some(4));
        assert!(matches!(&fetch.request.start, StartLine::Request { method, .. } if method == "GET"));
    }

    #[test]
    fn url_only_and_hand_written_calls() {
        let fetch = parse("await fetch('https://api.example.com/x')").unwrap();
        assert_eq!(fetch.credentials, None);
        assert!(fetch.problems.is_empty());
        let fetch = parse("fetch(\"https://a.example/\", { headers: { Authorization: token } })").unwrap();
        assert!(fetch.problems[0].contains("not JSON"), "{:?}", fetch.problems);
        assert!(parse("prefetch(x)").is_none());
        assert!(parse("fetch(url)").is_none());
    }
}
