//! HAR 1.2 files (the HTTP Archive format DevTools, proxies and API clients export): every entry
//! becomes a request and its response.

use super::message::{Header, Message, Source, StartLine};
use serde_json::Value;

/// One entry of a HAR file.
#[derive(Debug)]
pub struct Entry {
    pub request: Message,
    /// The response, when the entry has one (`status` 0 means the browser got none).
    pub response: Option<Message>,
    /// `startedDateTime`, as written.
    pub started: Option<String>,
    /// `time`: the whole exchange, in milliseconds.
    pub time_ms: Option<f64>,
    /// Why the browser got no response (Chrome's `_error`, such as `net::ERR_FAILED`).
    pub error: Option<String>,
    /// The `connection` id Chromium writes: requests with the same id shared a connection.
    pub connection: Option<String>,
    /// Chromium's `_resourceType`: `document`, `fetch`, `xhr`, `preflight`, `script`, `image`…
    pub resource_type: Option<String>,
    /// The URL of the document or script that started the request (Chromium's `_initiator`: its
    /// `url`, else the first frame of its `stack`).
    pub initiator: Option<String>,
}

/// A HAR file's exchanges.
#[derive(Debug)]
pub struct Har {
    pub entries: Vec<Entry>,
    /// Whether no entry carries `Authorization`, `Cookie` or `Set-Cookie`: the export left them out.
    pub sanitized: bool,
}

/// Whether the text is meant to be a HAR file (a JSON object with a `log`).
pub fn looks_like_har(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    // The first 4 KB, cut at a character boundary.
    let mut end = t.len().min(4096);
    while !t.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    t.starts_with('{') && t.get(..end).is_some_and(|head| head.contains("\"log\""))
}

/// The outline of a HAR file: each entry is kept as its source text until it is read, so only one
/// entry's JSON tree exists at a time (a whole-file tree costs several times the file's size).
#[derive(serde::Deserialize)]
struct Outline<'a> {
    #[serde(borrow)]
    log: Log<'a>,
}

#[derive(serde::Deserialize)]
struct Log<'a> {
    #[serde(borrow)]
    entries: Vec<&'a serde_json::value::RawValue>,
}

/// Reads a HAR file, or says why it cannot.
pub fn parse(text: &str) -> Result<Har, String> {
    parse_with(text, &mut |_, _| {})
}

/// [`parse`], calling `progress(read, total)` before each entry is read.
pub fn parse_with(text: &str, progress: &mut dyn FnMut(usize, usize)) -> Result<Har, String> {
    let outline: Outline = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => "it has no `log.entries` array".to_string(),
        _ => format!("it is not valid JSON: {e}"),
    })?;
    let entries = outline.log.entries;
    let mut out = Vec::with_capacity(entries.len());
    let mut credentials = false;
    for (i, raw) in entries.iter().enumerate() {
        progress(i, entries.len());
        let number = i.saturating_add(1);
        let entry: Value = serde_json::from_str(raw.get()).map_err(|e| format!("entry {number} is not valid JSON: {e}"))?;
        let entry = &entry;
        let request = &entry["request"];
        let method = request["method"].as_str().ok_or_else(|| format!("entry {number} has no request method"))?;
        let url = request["url"].as_str().ok_or_else(|| format!("entry {number} has no request URL"))?;
        let version = request["httpVersion"].as_str().unwrap_or("HTTP/1.1").to_string();
        let mut request_headers = headers(&request["headers"], i)?;
        if !request_headers.iter().any(|h| h.name.eq_ignore_ascii_case("host") || h.name == ":authority") {
            if let Some(host) = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)) {
                request_headers.insert(0, Header { name: "Host".into(), value: host, line: 1 });
            }
        }
        credentials |= request_headers.iter().any(|h| h.name.eq_ignore_ascii_case("authorization") || h.name.eq_ignore_ascii_case("cookie"));
        let request_message = Message {
            start: StartLine::Request { method: method.to_string(), target: url.to_string(), version },
            headers: request_headers,
            body: request.pointer("/postData/text").and_then(Value::as_str).unwrap_or("").to_string(),
            line: 1,
            source: Source::Har,
            lines: (1, 1),
            parsed: Default::default(),
        };
        let response = &entry["response"];
        let response_message = match response["status"].as_u64() {
            Some(status) if status > 0 => {
                let response_headers = headers(&response["headers"], i)?;
                credentials |= response_headers.iter().any(|h| h.name.eq_ignore_ascii_case("set-cookie"));
                Some(Message {
                    start: StartLine::Response {
                        version: response["httpVersion"].as_str().unwrap_or("HTTP/1.1").to_string(),
                        status: u16::try_from(status).unwrap_or(0),
                        reason: response["statusText"].as_str().unwrap_or("").to_string(),
                    },
                    headers: response_headers,
                    body: response.pointer("/content/text").and_then(Value::as_str).unwrap_or("").to_string(),
                    line: 1,
                    source: Source::Har,
                    lines: (1, 1),
                    parsed: Default::default(),
                })
            }
            _ => None,
        };
        let error = [&response["_error"], &response["_failureText"], &entry["_error"]]
            .iter()
            .find_map(|v| v.as_str().filter(|t| !t.is_empty()).map(str::to_string))
            // Chromium writes 0 for a blocked request, some exporters -1.
            .or_else(|| matches!(response["status"].as_i64(), Some(0 | -1)).then(|| "no response was received".to_string()));
        out.push(Entry {
            request: request_message,
            response: response_message,
            started: entry["startedDateTime"].as_str().map(str::to_string),
            time_ms: entry["time"].as_f64().filter(|t| t.is_finite() && *t >= 0.0),
            error,
            connection: match &entry["connection"] {
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            },
            resource_type: entry["_resourceType"].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_ascii_lowercase),
            initiator: initiator_url(&entry["_initiator"]),
        });
    }
    Ok(Har { sanitized: !credentials && !out.is_empty(), entries: out })
}

/// The URL in Chromium's `_initiator` object: `url` for a parser-started request, the top stack
/// frame's for a script-started one (async parents included).
fn initiator_url(initiator: &Value) -> Option<String> {
    let direct = initiator["url"].as_str();
    let mut stack = &initiator["stack"];
    let mut from_stack = None;
    // A stack's frames may be empty and the script's frames sit in its `parent`; a few levels do.
    for _ in 0..8 {
        if let Some(url) = stack["callFrames"].as_array().and_then(|frames| frames.iter().find_map(|f| f["url"].as_str().filter(|u| !u.is_empty()))) {
            from_stack = Some(url);
            break;
        }
        stack = &stack["parent"];
        if stack.is_null() {
            break;
        }
    }
    direct.filter(|u| !u.is_empty()).or(from_stack).map(str::to_string)
}

fn headers(list: &Value, entry: usize) -> Result<Vec<Header>, String> {
    let Some(items) = list.as_array() else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .map(|h| match (h["name"].as_str(), h["value"].as_str()) {
            (Some(name), Some(value)) => Ok(Header { name: name.to_string(), value: value.to_string(), line: 1 }),
            _ => Err(format!("a header of entry {} has no `name` and `value`", entry.saturating_add(1))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_across_the_4_kb_mark_is_not_cut() {
        // `{` then 4094 bytes, then `é` (2 bytes) across byte 4096.
        let text = format!("{{{}é \"log\"", " ".repeat(4094));
        assert!(!text.is_char_boundary(4096));
        assert!(!looks_like_har(&text), "\"log\" is past the first 4 KB");
        let text = format!("{{\"log\":{}é", " ".repeat(4088));
        assert!(looks_like_har(&text));
    }

    #[test]
    fn entries_become_requests_and_responses() {
        let text = r#"{"log":{"version":"1.2","entries":[
            {"request":{"method":"GET","url":"https://api.example.com/v1/me","httpVersion":"HTTP/2","headers":[{"name":"authorization","value":"Bearer x"}]},
             "response":{"status":401,"statusText":"","httpVersion":"HTTP/2","headers":[{"name":"www-authenticate","value":"Bearer"}],"content":{"text":"{}"}}}]}}"#;
        let har = parse(text).unwrap();
        assert!(!har.sanitized);
        let entry = &har.entries[0];
        assert_eq!(entry.request.header("host"), Some("api.example.com"));
        assert_eq!(entry.request.header("authorization"), Some("Bearer x"));
        assert_eq!(entry.response.as_ref().and_then(Message::status), Some(401));
        assert_eq!(entry.error, None);
    }

    #[test]
    fn sanitized_exports_and_broken_files() {
        let text = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":401,"headers":[]}}]}}"#;
        assert!(parse(text).unwrap().sanitized);
        let blocked = r#"{"log":{"entries":[{"startedDateTime":"2025-11-24T16:00:00.000Z","time":12.5,"request":{"method":"OPTIONS","url":"https://a.example/","headers":[]},"response":{"status":0,"headers":[],"_error":"net::ERR_FAILED"}}]}}"#;
        let entry = &parse(blocked).unwrap().entries[0];
        assert!(entry.response.is_none());
        assert_eq!(entry.error.as_deref(), Some("net::ERR_FAILED"));
        assert_eq!(entry.time_ms, Some(12.5));
        assert_eq!(entry.started.as_deref(), Some("2025-11-24T16:00:00.000Z"));
        let minus_one = r#"{"log":{"entries":[{"_resourceType":"Fetch","_initiator":{"type":"script","stack":{"callFrames":[],"parent":{"callFrames":[{"url":"https://app.example.com/main.js"}]}}},"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":-1,"headers":[]}}]}}"#;
        let entry = &parse(minus_one).unwrap().entries[0];
        assert!(entry.response.is_none());
        assert_eq!(entry.error.as_deref(), Some("no response was received"));
        assert_eq!(entry.resource_type.as_deref(), Some("fetch"));
        assert_eq!(entry.initiator.as_deref(), Some("https://app.example.com/main.js"));
        let parser = r#"{"log":{"entries":[{"_initiator":{"type":"parser","url":"https://app.example.com/"},"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":200,"headers":[]}}]}}"#;
        assert_eq!(parse(parser).unwrap().entries[0].initiator.as_deref(), Some("https://app.example.com/"));
        assert!(parse(r#"{"log": [1, 2]}"#).unwrap_err().contains("log.entries"));
        assert!(parse(r#"{"log": "#).unwrap_err().contains("not valid JSON"));
        let bad = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://a/","headers":[["x"]]}}]}}"#;
        assert!(parse(bad).unwrap_err().contains("no `name` and `value`"));
    }
}
