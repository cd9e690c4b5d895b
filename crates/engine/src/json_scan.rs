//! JSON objects inside pasted text: a log line's body, a response body, a document quoted in
//! prose. Every reader of pasted JSON (decoded claims, metadata documents, JOSE JSON, token
//! endpoint responses) walks the text with [`each_object`], so the bounds on the work are one.

use serde_json::{Map, Value};

/// Objects larger than this are not searched again for the objects inside them.
const MAX_SCANNED_OBJECT: usize = 256 * 1024;
/// How far into an object its first members are looked at for a hint.
const HEAD_CHARS: usize = 600;

/// Where the walk goes after an object.
pub(crate) enum Then {
    /// On from just inside the object (its members may hold objects of interest), unless it is
    /// very large.
    Next,
    /// On from this byte offset (usually the object's end).
    After(usize),
    /// The walk is over.
    Stop,
}

/// Calls `visit(at, end, object)` for each JSON object of `text` (byte offsets of its `{` and
/// just past its `}`) that starts with a member and, when `hints` is not empty, names one of
/// them among its first members. At most `attempts` objects are parsed.
pub(crate) fn each_object(text: &str, hints: &[&str], attempts: usize, visit: &mut dyn FnMut(usize, usize, Map<String, Value>) -> Then) {
    let mut from = 0;
    let mut parsed = 0_usize;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find('{')) {
        let at = from.saturating_add(offset);
        from = at.saturating_add(1);
        let Some(rest) = text.get(at..) else { break };
        if !rest.get(1..).unwrap_or_default().trim_start().starts_with('"') {
            continue;
        }
        if !hints.is_empty() {
            let head: String = rest.chars().take(HEAD_CHARS).collect();
            if !hints.iter().any(|h| head.contains(&format!("\"{h}\""))) {
                continue;
            }
        }
        parsed = parsed.saturating_add(1);
        if parsed > attempts {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(Value::Object(object))) = stream.next() else { continue };
        let end = at.saturating_add(stream.byte_offset());
        match visit(at, end, object) {
            Then::Next if stream.byte_offset() > MAX_SCANNED_OBJECT => from = end,
            Then::Next => {}
            Then::After(next) => from = next.max(from),
            Then::Stop => break,
        }
    }
}

/// The 1-based line of byte offset `at`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).map_or(1, |before| before.matches('\n').count().saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_found_in_prose_and_their_insides_skipped_when_taken() {
        let text = "log: {\"a\": {\"b\": 1}} then\n{\"c\": 2} and {not json} {\"d\"";
        let mut seen = Vec::new();
        each_object(text, &[], 10, &mut |at, end, o| {
            seen.push((line_of(text, at), o.keys().cloned().collect::<Vec<_>>()));
            if o.contains_key("a") {
                Then::After(end)
            } else {
                Then::Next
            }
        });
        assert_eq!(seen, vec![(1, vec!["a".to_string()]), (2, vec!["c".to_string()])]);
    }

    #[test]
    fn hints_and_the_attempt_bound_limit_the_work() {
        let text = "{\"x\":1} {\"y\":2} {\"y\":3} {\"y\":4}";
        let mut n = 0;
        each_object(text, &["y"], 2, &mut |_, _, _| {
            n += 1;
            Then::Next
        });
        assert_eq!(n, 2);
        let mut first = 0;
        each_object(text, &[], 10, &mut |_, _, _| {
            first += 1;
            Then::Stop
        });
        assert_eq!(first, 1);
    }
}
