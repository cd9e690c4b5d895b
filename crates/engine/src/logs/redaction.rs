//! Values the user masked before pasting: `xxxx`, `***`, `<REDACTED>`, `[Redacted]`, a token
//! cut off with `...`. They are shown as redacted by the user, never reported as malformed and
//! never chosen as the cause.

/// Whether a credential or token value was masked or cut short by the user.
pub fn is_redacted(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'', '`']);
    if v.is_empty() {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    let masked_run = |c: char| v.chars().filter(|x| *x == c).count() >= 3 && v.chars().all(|x| x == c || x == '.' || x == '-');
    if masked_run('x') || masked_run('X') || masked_run('*') || masked_run('•') || masked_run('#') {
        return true;
    }
    // Part of the value masked: `axxx`, `abcXXXX-1234`, `sk-***`. A run of `x` inside random
    // base64 (`…QxxxA…`) is not a mask: the run must end the value or a part of it.
    if v.contains("***") || masked_part(v) {
        return true;
    }
    // A token cut short: `eyJhbGciOi...`, `abc…`, or an ellipsis inside it.
    if v.contains("...") || v.contains('…') || v.ends_with("..") {
        return true;
    }
    let bracketed = (v.starts_with('<') && v.ends_with('>')) || (v.starts_with('[') && v.ends_with(']')) || (v.starts_with('{') && v.ends_with('}'));
    let words = ["redacted", "removed", "hidden", "masked", "omitted", "secret", "token", "password", "censored", "snip"];
    if bracketed && words.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // A placeholder: `{base64string}`, `<your-api-key>`, `[ACCESS_TOKEN]`.
    let inner = v.get(1..v.len().saturating_sub(1)).unwrap_or("");
    if bracketed
        && inner.chars().filter(char::is_ascii_alphabetic).count() >= 3
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '{' | '}' | '.'))
    {
        return true;
    }
    matches!(lower.as_str(), "redacted" | "removed" | "hidden" | "masked" | "***redacted***" | "[filtered]" | "filtered")
}

/// Whether a run of three or more `x` (or `X`) ends the value or one of its parts.
fn masked_part(v: &str) -> bool {
    // A long run of token characters is a token or a key, where `x` runs happen by chance.
    if v.len() >= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')) {
        return false;
    }
    let chars: Vec<char> = v.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == 'x' || c == 'X' {
            let start = i;
            while chars.get(i) == Some(&c) {
                i = i.saturating_add(1);
            }
            let ends_part = chars.get(i).is_none_or(|n| !n.is_ascii_alphanumeric());
            if i.saturating_sub(start) >= 3 && ends_part {
                return true;
            }
        } else {
            i = i.saturating_add(1);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_redacted;

    #[test]
    fn masked_values_are_recognised() {
        for v in [
            "xxxx",
            "XXXXXXXX",
            "***",
            "<REDACTED>",
            "[Redacted]",
            "eyJhbGciOiJSUzI1NiIs...",
            "abc…",
            "<token>",
            "{{token}}",
            "REDACTED",
            "[FILTERED]",
            "xxx.xxx.xxx",
            "axxx",
            "api://xxxx-1234",
            "sk-***",
        ] {
            assert!(is_redacted(v), "{v}");
        }
        for v in [
            "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln",
            "2YotnFZFEjr1zCsicMWpAA",
            "dXNlcjpwYXNz",
            "xyz",
            "a..b",
            "eyJhbGciOiJIUzI1NiJ9.eyJhIjoiQxxxAb",
            "eyJhbGciOiJIUzI1NiJ9.eyJhIjoiQ-xxx.c2lnbmF0dXJlIHh4eA",
        ] {
            assert!(!is_redacted(v), "{v}");
        }
    }
}
