//! Rendering the engine's message text: `backticked` literals become code.

use yew::prelude::*;

/// A sentence whose backticked parts are shown as code. Everything is text: nothing in it can
/// become markup.
pub fn rich(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { html! { <code>{ part.to_string() }</code> } } else { html! { { part.to_string() } } })
        .collect::<Html>()
}

/// `text` (its first `limit` characters) with every run that looks like a token, key or
/// password (20 or more token characters mixing upper case, lower case and digits) replaced by
/// `[token removed]`.
pub fn scrub(text: &str, limit: usize) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c);
    let mut out = String::with_capacity(text.len().min(limit * 4));
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let looks_secret = run.len() >= 20
            && run.chars().any(|c| c.is_ascii_uppercase())
            && run.chars().any(|c| c.is_ascii_lowercase())
            && run.chars().any(|c| c.is_ascii_digit());
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
