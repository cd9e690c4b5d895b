//! Rendering the engine's message text: `backticked` literals become code, and characters a
//! reader cannot see are named.

use why401_engine::display::{has_invisible, invisible};
use yew::prelude::*;

/// A sentence whose backticked parts are shown as code. Everything is text: nothing in it can
/// become markup. Invisible and direction-changing characters are shown as `<U+200B>`.
pub fn rich(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ visible(part, Marker::Prose) }</code> }
            } else {
                visible(part, Marker::Prose)
            }
        })
        .collect::<Html>()
}

/// How [`visible`] names a character.
#[derive(Clone, Copy)]
pub enum Marker {
    /// `<U+202E>`, in prose.
    Prose,
    /// `\u202e`, inside a JSON string (UTF-16 escapes, as JSON writes them).
    Json,
}

/// `text`, with each character a reader cannot see (`why401_engine::chars`) shown by name in a
/// marked span: a value that looks like another, or does not match for no visible reason, shows
/// why.
pub fn visible(text: &str, marker: Marker) -> Html {
    if !has_invisible(text) {
        return html! { { text.to_string() } };
    }
    let mut parts = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if !invisible(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            parts.push(html! { { std::mem::take(&mut run) } });
        }
        let name = match marker {
            Marker::Prose => format!("<U+{:04X}>", c as u32),
            Marker::Json => c.encode_utf16(&mut [0; 2]).iter().map(|unit| format!("\\u{unit:04x}")).collect(),
        };
        let title = format!("U+{:04X}: a character that does not show (or turns the text around it), yet is part of the value", c as u32);
        parts.push(html! { <span class="invisible" {title}>{ name }</span> });
    }
    if !run.is_empty() {
        parts.push(html! { { run } });
    }
    parts.into_iter().collect()
}

/// `text` (its first `limit` characters) with every run that looks like a token, key, session id
/// or password replaced by `[token removed]`: 12 or more token characters (letters, digits and
/// `-._~+/=`) with both letters and digits in them; in a run with dots (a host name, a URL path, a
/// JWT) each part between dots and slashes is judged alone. Hex ids, UUIDs, base64 and JWTs all
/// match.
pub fn scrub(text: &str, limit: usize) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c);
    let mut out = String::with_capacity(text.len().min(limit * 4));
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let secret = |part: &str| part.len() >= 12 && part.chars().any(|c| c.is_ascii_alphabetic()) && part.chars().any(|c| c.is_ascii_digit());
        // A host name or URL path is judged part by part, so `api.example.com/v1/orders` stays
        // while `/reset/8f2c41d07be9a1b2` or a JWT's parts do not; anything else as a whole.
        let looks_secret = if run.contains('.') { run.split(['.', '/']).any(secret) } else { secret(run) };
        out.push_str(if looks_secret { "[token removed]" } else { run });
        run.clear();
    };
    for c in text.chars().take(limit) {
        if is_token_char(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}
