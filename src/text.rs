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
        let secret = |part: &str| {
            part.len() >= 12 && part.chars().any(|c| c.is_ascii_alphabetic()) && part.chars().any(|c| c.is_ascii_digit())
        };
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
