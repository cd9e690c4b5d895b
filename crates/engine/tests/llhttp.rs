//! llhttp's test corpus (Node.js's HTTP/1.x parser; MIT, see `../shared/vectors/http/LICENSE-llhttp`),
//! read in place from `../shared/vectors/http/test/{request,response}/*.md`, run through the
//! pasted-text parser `http::message::parse`.
//!
//! Each markdown case is a heading, a `<!-- meta={...} -->` comment, an `http` block (the input,
//! written with escapes) and a `log` block (the callbacks llhttp makes). Only the strict modes
//! (`"type": "request"` or `"response"`) are checked; lenient and `*-finish` modes are skipped.
//!
//! - No error in the log: every message llhttp reads must come out of our parser with the same
//!   start line and the same headers, and with no problem reported.
//! - An error before `headers complete` (start line or header line): our parser must not pass the
//!   case as a clean message: either it does not produce that message, or it reports a problem.
//! - Everything else that differs on purpose is excluded by a rule with a reason (see `exclusion`).
//!
//! The suite prints its counts, lists every excluded case, and fails on any disagreement or if the
//! number of agreeing cases falls below `AGREEING_AT_LEAST`.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use why401_engine::http::message::{parse, Message, Problem, StartLine};

/// The number of strict cases that agree today; raise it when the parser gets closer.
const AGREEING_AT_LEAST: usize = 162;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/http/test")
}

// ---------------------------------------------------------------------------------------------
// Reading the markdown.

/// One test of a markdown file: what sits under one heading.
#[derive(Default)]
struct Section {
    heading: String,
    /// 1-based line of the heading.
    line: usize,
    metas: Vec<Result<Value, String>>,
    http: Vec<String>,
    log: Vec<String>,
}

impl Section {
    fn is_test(&self) -> bool {
        !self.metas.is_empty() || !self.http.is_empty() || !self.log.is_empty()
    }
}

/// Splits a markdown file into sections, never failing: whatever cannot be read shows up as a
/// section with missing or extra parts.
fn sections(text: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut current = Section { heading: "(top of file)".into(), line: 1, ..Section::default() };
    let mut fence: Option<(String, Vec<&str>)> = None;
    let mut previous: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some((lang, body)) = fence.as_mut() {
            if line.trim_end() == "```" {
                let block = body.join("\n");
                match lang.as_str() {
                    "http" => current.http.push(block),
                    "log" => current.log.push(block),
                    _ => {}
                }
                fence = None;
            } else {
                body.push(line);
            }
            continue;
        }
        if let Some(lang) = line.strip_prefix("```") {
            fence = Some((lang.trim().to_string(), Vec::new()));
            previous = None;
            continue;
        }
        let setext = !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'));
        let heading = if let Some(rest) = line.strip_prefix('#') {
            Some((rest.trim_start_matches('#').trim().to_string(), number))
        } else if setext {
            previous.filter(|p| !p.trim().is_empty()).map(|p| (p.trim().to_string(), number.saturating_sub(1)))
        } else {
            None
        };
        if let Some((heading, line)) = heading {
            let done = std::mem::replace(&mut current, Section { heading, line, ..Section::default() });
            if done.is_test() {
                out.push(done);
            }
            previous = None;
            continue;
        }
        if let Some(start) = line.find("<!-- meta=") {
            let rest = &line[start + "<!-- meta=".len()..];
            let json = rest.split("-->").next().unwrap_or(rest).trim();
            current.metas.push(serde_json::from_str(json).map_err(|e| format!("meta `{json}` is not JSON: {e}")));
        }
        previous = Some(line);
    }
    if let Some((lang, _)) = fence {
        current.metas.push(Err(format!("a ```{lang} block is never closed")));
    }
    if current.is_test() {
        out.push(current);
    }
    out
}

/// Turns the `http` block into the bytes llhttp's harness feeds the parser: the block's lines
/// end in CRLF except the last; a backslash at the end of a line joins it to the next; then the
/// escapes `\r`, `\n`, `\t`, `\f`, `\xHH…` and octal `\NNN` become characters, in that order,
/// each over the whole text.
fn input_bytes(block: &str) -> String {
    // Joined lines: a line ending in a backslash continues on the next one.
    let mut text = String::new();
    let mut lines = block.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match line.strip_suffix('\\') {
            Some(joined) => text.push_str(joined),
            None => {
                text.push_str(line);
                if lines.peek().is_some() {
                    text.push_str("\r\n");
                }
            }
        }
    }
    for (escape, with) in [("\\r", "\r"), ("\\n", "\n"), ("\\t", "\t"), ("\\f", "\u{c}")] {
        text = text.replace(escape, with);
    }
    let text = replace_numeric(&text, 'x', 16, usize::MAX);
    replace_numeric(&text, '\0', 8, 3)
}

/// Replaces `\<marker><digits>` (hexadecimal, as many digits as there are) or, when `marker` is
/// NUL, `\<digits>` (octal, one to three digits) by the character of that code (modulo 2^16, as
/// JavaScript's `String.fromCharCode` does).
fn replace_numeric(text: &str, marker: char, radix: u32, most: usize) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits_from = if marker == '\0' { Some(after) } else { after.strip_prefix(marker) };
        let digits: String = digits_from.map(|d| d.chars().take_while(|c| c.is_digit(radix)).take(most).collect()).unwrap_or_default();
        if digits.is_empty() {
            out.push('\\');
            rest = after;
            continue;
        }
        let code = digits.chars().fold(0u64, |acc, c| (acc * u64::from(radix) + u64::from(c.to_digit(radix).unwrap_or(0))) % 0x1_0000);
        out.push(char::from_u32(code as u32).unwrap_or('\u{fffd}'));
        let used = if marker == '\0' { digits.len() } else { 1 + digits.len() };
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Reading llhttp's log.

#[derive(Default, Debug)]
struct Span {
    offset: usize,
    length: usize,
    text: String,
}

#[derive(Default, Debug)]
struct Expected {
    /// Offset of `message begin`.
    begin: usize,
    method: String,
    url: String,
    protocol: String,
    version: String,
    reason: String,
    status: Option<u16>,
    /// Name, and the value's spans (several when the value is folded or split).
    headers: Vec<(String, Vec<Span>)>,
    headers_complete: bool,
    /// Where the body llhttp reads lies in the input.
    body: Vec<Span>,
}

impl Expected {
    fn is_request(&self, case_type: &str) -> bool {
        case_type.starts_with("request")
    }

    fn start_line(&self, case_type: &str) -> String {
        if self.is_request(case_type) {
            format!("{} {} {}/{}", self.method, self.url, self.protocol, self.version)
        } else {
            // The reason phrase compared without the spaces around it.
            format!("{}/{} {} {}", self.protocol, self.version, self.status.map_or("?".into(), |s| s.to_string()), self.reason.trim_matches(ows))
        }
    }

    /// Header values as RFC 9112 reads them: OWS trimmed, each obs-fold replaced by one space.
    fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, spans)| {
                let mut value = String::new();
                let mut end: Option<usize> = None;
                for span in spans {
                    if end.is_some_and(|e| e != span.offset) {
                        // A gap between two spans of one value: an obs-fold.
                        value = value.trim_end_matches(ows).to_string();
                        value.push(' ');
                        value.push_str(span.text.trim_start_matches(ows));
                    } else {
                        value.push_str(&span.text);
                    }
                    end = Some(span.offset.saturating_add(span.length));
                }
                (name.clone(), value.trim_matches(ows).to_string())
            })
            .collect()
    }
}

fn ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

#[derive(Debug)]
struct Failure {
    offset: usize,
    code: u32,
    reason: String,
}

#[derive(Default, Debug)]
struct Log {
    messages: Vec<Expected>,
    error: Option<Failure>,
}

fn number_after(text: &str, key: &str) -> Option<usize> {
    let from = text.find(key)? + key.len();
    text[from..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Reads the log; `Err` names a line that cannot be understood.
fn read_log(block: &str) -> Result<Log, String> {
    let mut log = Log::default();
    let mut field_open = false;
    for raw in block.lines() {
        let line = raw.replace("\\t", "\t").replace("\\f", "\u{c}");
        let Some(rest) = line.strip_prefix("off=") else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(format!("unreadable log line `{raw}`"));
        };
        // `off=NULL` (the finish modes) is no offset; nothing compared needs one there.
        let offset = number_after(&line, "off=").unwrap_or(0);
        let event = rest.split_once(' ').map_or("", |(_, e)| e);
        if event.starts_with("message begin") {
            log.messages.push(Expected { begin: offset, ..Expected::default() });
            field_open = false;
            continue;
        }
        if event.starts_with("error") {
            let code = number_after(event, "code=").or_else(|| number_after(event, "error=")).unwrap_or(0) as u32;
            let reason = event.split_once("reason=").map_or("", |(_, r)| r).trim_matches('"').to_string();
            log.error = Some(Failure { offset, code, reason });
            // llhttp stops at an error: nothing after it is part of the parse.
            break;
        }
        if log.messages.is_empty() {
            log.messages.push(Expected { begin: offset, ..Expected::default() });
        }
        let Some(message) = log.messages.last_mut() else { continue };
        if event.starts_with("headers complete") {
            message.headers_complete = true;
            message.status = number_after(event, "status=").and_then(|s| u16::try_from(s).ok());
            continue;
        }
        if event.starts_with("header_field complete") {
            field_open = false;
            continue;
        }
        let Some(span) = event.strip_prefix("len=") else { continue };
        let length = number_after(event, "len=").ok_or_else(|| format!("no length in `{raw}`"))?;
        let (kind, value) = span.split_once("span[").and_then(|(_, s)| s.split_once("]=")).ok_or_else(|| format!("unreadable span in `{raw}`"))?;
        // Quoted text, or a name such as `lf` or `cr` for a lone control character.
        let text = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value).to_string();
        if kind == "body" {
            message.body.push(Span { offset, length, text });
            continue;
        }
        if message.headers_complete {
            // Trailer fields after a chunked body, and anything else past the header section.
            continue;
        }
        match kind {
            "method" => message.method.push_str(&text),
            "url" => message.url.push_str(&text),
            "protocol" => message.protocol.push_str(&text),
            "version" => message.version.push_str(&text),
            "status" => message.reason.push_str(&text),
            "header_field" => {
                if !field_open {
                    message.headers.push((String::new(), Vec::new()));
                    field_open = true;
                }
                if let Some((name, _)) = message.headers.last_mut() {
                    name.push_str(&text);
                }
            }
            "header_value" => match message.headers.last_mut() {
                Some((_, spans)) => spans.push(Span { offset, length, text }),
                None => return Err(format!("a header value with no field in `{raw}`")),
            },
            _ => {}
        }
    }
    Ok(log)
}

// ---------------------------------------------------------------------------------------------
// Judging one case.

enum Verdict {
    /// Agrees; says how: read cleanly alike, or an llhttp error our parser does not let pass.
    Agree(&'static str),
    Excluded(&'static str),
    Disagree(String),
}

/// llhttp's "pause" codes: not errors, the parser stops to hand the connection over.
const PAUSED_UPGRADE: [u32; 2] = [22, 23];

/// The rules for what a pasted-text parser deliberately does not check. Returns the reason when
/// the case falls under one.
fn exclusion(log: &Log, input: &str) -> Option<&'static str> {
    if let Some(error) = log.error.as_ref().filter(|e| !PAUSED_UPGRADE.contains(&e.code)) {
        let reason = error.reason.as_str();
        let in_headers = log.messages.last().is_none_or(|m| !m.headers_complete);
        if !in_headers {
            return Some("error after headers complete (body framing): pasted bodies are taken as shown");
        }
        if reason.contains("Content-Length") || reason.contains("Transfer-Encoding") {
            return Some("framing header rule (Content-Length / Transfer-Encoding): pasted text is not framed by them");
        }
        let bytes = input.as_bytes();
        let bare_lf = |at: usize| bytes.get(at) == Some(&b'\n') && (at == 0 || bytes.get(at - 1) != Some(&b'\r'));
        if bare_lf(error.offset) || (error.offset > 0 && bare_lf(error.offset - 1)) {
            return Some("bare LF line ending: accepted on purpose (RFC 9112 §2.2 lets a recipient end a line with LF alone; pasted text often loses its CRs)");
        }
        let begin = log.messages.last().map_or(0, |m| m.begin);
        let (error_line, begin_line) = (line_of(input, error.offset), line_of(input, begin));
        let text_of = |line: usize| input.split('\n').nth(line - 1).unwrap_or("");
        if error_line > begin_line + 1 && text_of(error_line).starts_with([' ', '\t']) {
            return Some("obs-fold (a header line starting with white space): accepted on purpose (RFC 9112 §5.2 lets a recipient replace it with SP; pasted headers are often wrapped)");
        }
        let method = text_of(begin_line).split(' ').next().unwrap_or("");
        let http = !reason.contains("RTSP") && !reason.contains("ICE");
        if http
            && reason.to_ascii_lowercase().contains("method")
            && !method.is_empty()
            && method.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            return Some("a method llhttp does not know: RFC 9110 §9.1 allows any token, and pasted custom methods are kept");
        }
    }
    // A message llhttp reads in full but in another protocol, or with no version at all.
    if log.messages.iter().any(|m| m.headers_complete && m.protocol.is_empty()) {
        return Some("HTTP/0.9 simple request (no version on the request line): too close to prose to read as a message");
    }
    if log.messages.iter().any(|m| m.headers_complete && m.protocol != "HTTP") {
        return Some("not HTTP (RTSP / ICE start line): out of scope for an HTTP debugger");
    }
    None
}

fn ours_start(message: &Message) -> String {
    match &message.start {
        StartLine::Request { method, target, version } => format!("{method} {target} {version}"),
        StartLine::Response { version, status, reason } => format!("{version} {status} {}", reason.trim_matches(ows)),
    }
}

fn ours_headers(message: &Message) -> Vec<(String, String)> {
    message.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect()
}

/// Compares one message llhttp read in full with ours; `Err` says how they differ.
fn compare(expected: &Expected, ours: &Message, case_type: &str) -> Result<(), String> {
    let want = expected.start_line(case_type);
    let got = ours_start(ours);
    if want != got {
        return Err(format!("start line: llhttp `{want:?}`, ours `{got:?}`"));
    }
    let (want, got) = (expected.header_pairs(), ours_headers(ours));
    if want != got {
        return Err(format!("headers: llhttp {want:?}, ours {got:?}"));
    }
    Ok(())
}

/// 1-based line of a byte offset of the input.
fn line_of(input: &str, offset: usize) -> usize {
    input.as_bytes().iter().take(offset).filter(|b| **b == b'\n').count() + 1
}

fn judge(case_type: &str, input: &str, log: &Log) -> Verdict {
    if let Some(reason) = exclusion(log, input) {
        return Verdict::Excluded(reason);
    }
    let (messages, problems) = parse(input);
    let shown = |problems: &[Problem]| problems.iter().map(|p| format!("line {}: {}", p.line, p.what)).collect::<Vec<_>>().join("; ");
    let complete: Vec<&Expected> = log.messages.iter().filter(|m| m.headers_complete).collect();
    let failing = log.error.as_ref().filter(|e| !PAUSED_UPGRADE.contains(&e.code));
    // Messages llhttp read in full: ours must match, one for one.
    for (index, expected) in complete.iter().enumerate() {
        let Some(ours) = messages.get(index) else {
            return Verdict::Disagree(format!(
                "llhttp reads message {} `{}`; ours reads {} message(s)",
                index + 1,
                expected.start_line(case_type),
                messages.len()
            ));
        };
        if let Err(why) = compare(expected, ours, case_type) {
            return Verdict::Disagree(format!("message {}: {why}", index + 1));
        }
        let (first, last) = ours.lines;
        let own: Vec<Problem> = problems.iter().filter(|p| (first..=last).contains(&p.line)).cloned().collect();
        if !own.is_empty() {
            return Verdict::Disagree(format!("message {}: llhttp reads it cleanly, ours reports {}", index + 1, shown(&own)));
        }
    }
    match failing {
        None => {
            let upgraded = log.error.is_some();
            // A message llhttp began but the input ended inside it: ours may read it or not.
            if !upgraded && (messages.len() < complete.len() || messages.len() > log.messages.len()) {
                let extra = messages.get(log.messages.len());
                let line_start = |line: usize| input.split('\n').take(line - 1).map(|l| l.len() + 1).sum::<usize>();
                let in_body = extra.is_some_and(|m| {
                    let at = line_start(m.line);
                    log.messages.iter().flat_map(|e| &e.body).any(|b| (b.offset..b.offset.saturating_add(b.length)).contains(&at))
                });
                if in_body {
                    return Verdict::Excluded(
                        "a start line inside a body llhttp reads to the end or by length: pasted text starts a message at every start line",
                    );
                }
                let extra: Vec<String> = messages.iter().skip(complete.len()).map(ours_start).collect();
                return Verdict::Disagree(format!("llhttp reads {} message(s), ours {} (extra: {extra:?})", complete.len(), messages.len()));
            }
            if !upgraded && !problems.is_empty() {
                return Verdict::Disagree(format!("llhttp reads it cleanly, ours reports {}", shown(&problems)));
            }
            Verdict::Agree(if upgraded { "read alike up to an upgrade" } else { "read alike" })
        }
        Some(error) => {
            // The message llhttp rejects: the last one it began.
            let index = complete.len();
            let begin = log.messages.get(index).map_or(0, |m| m.begin);
            let begin_line = line_of(input, begin);
            let error_line = line_of(input, error.offset);
            let Some(ours) = messages.get(index).filter(|m| m.line == begin_line) else {
                return Verdict::Agree("rejected: no message read");
            };
            let (first, last) = ours.lines;
            if problems.iter().any(|p| p.line >= first && p.line <= last.max(error_line)) {
                return Verdict::Agree("rejected: a problem reported");
            }
            Verdict::Disagree(format!(
                "llhttp: error {} \"{}\" at line {error_line}; ours reads `{}` with headers {:?} and no problem",
                error.code,
                error.reason,
                ours_start(ours),
                ours_headers(ours)
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
fn llhttp_corpus_agrees_on_strict_cases() {
    let root = corpus();
    let mut files: Vec<PathBuf> = Vec::new();
    for side in ["request", "response"] {
        if let Ok(listing) = std::fs::read_dir(root.join(side)) {
            files.extend(listing.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "md")));
        }
    }
    if files.is_empty() {
        let message = "../shared/vectors/http/test (llhttp's corpus) not found";
        assert!(std::env::var_os("CI").is_none(), "{message}: CI must run the llhttp conformance suite");
        println!("skipped: {message}");
        return;
    }
    files.sort();

    let (mut strict, mut agree, mut skipped) = (0, 0, 0);
    let mut how: std::collections::BTreeMap<&'static str, usize> = std::collections::BTreeMap::new();
    let mut why_excluded: std::collections::BTreeMap<&'static str, usize> = std::collections::BTreeMap::new();
    let mut excluded: Vec<String> = Vec::new();
    let mut disagreements: Vec<String> = Vec::new();
    for path in &files {
        let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                disagreements.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        for section in sections(&text) {
            let at = format!("{name}:{} \"{}\"", section.line, section.heading);
            let meta = match section.metas.as_slice() {
                [Ok(meta)] => meta,
                [Err(why)] => {
                    disagreements.push(format!("{at}: unreadable case: {why}"));
                    continue;
                }
                other => {
                    disagreements.push(format!("{at}: unreadable case: {} meta comments", other.len()));
                    continue;
                }
            };
            let (Some(http), Some(log), 1, 1) = (section.http.first(), section.log.first(), section.http.len(), section.log.len()) else {
                disagreements.push(format!("{at}: unreadable case: {} http and {} log blocks", section.http.len(), section.log.len()));
                continue;
            };
            let case_type = meta.get("type").and_then(Value::as_str).unwrap_or("(no type)");
            if meta.get("skip").and_then(Value::as_bool) == Some(true) || (case_type != "request" && case_type != "response") {
                skipped += 1;
                continue;
            }
            let log = match read_log(log) {
                Ok(log) => log,
                Err(why) => {
                    disagreements.push(format!("{at}: unreadable log: {why}"));
                    continue;
                }
            };
            let input = input_bytes(http);
            let verdict = judge(case_type, &input, &log);
            strict += 1;
            match verdict {
                Verdict::Agree(kind) => {
                    agree += 1;
                    *how.entry(kind).or_default() += 1;
                }
                Verdict::Excluded(reason) => {
                    *why_excluded.entry(reason).or_default() += 1;
                    excluded.push(format!("{at}: {reason}"));
                }
                Verdict::Disagree(why) => {
                    let mut shown = format!("{at} ({case_type}): {why}\n    input: {input:?}");
                    if let Some(error) = &log.error {
                        let _ = write!(shown, "\n    llhttp error {} \"{}\" at offset {}", error.code, error.reason, error.offset);
                    }
                    disagreements.push(shown);
                }
            }
        }
    }

    println!(
        "llhttp: {strict} strict cases, {agree} agree, {} excluded (framing and other deliberate differences), {skipped} skipped (lenient modes)",
        excluded.len()
    );
    for (kind, count) in &how {
        println!("  agree, {kind}: {count}");
    }
    for (reason, count) in &why_excluded {
        println!("  excluded, {reason}: {count}");
    }
    for line in &excluded {
        println!("  excluded: {line}");
    }
    for line in &disagreements {
        println!("  DISAGREES: {line}");
    }
    assert!(strict > 0, "no strict case found in {}", root.display());
    assert!(
        disagreements.is_empty(),
        "{} llhttp case(s) disagree (run with -- --nocapture to see them all):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(agree >= AGREEING_AT_LEAST, "only {agree} llhttp cases agree; {AGREEING_AT_LEAST} did before");
}
