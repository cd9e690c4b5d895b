//! How a message quotes what the input holds: values cut to a length and made safe for the
//! Markdown-like text every message is (no backtick or control character from the input), lists
//! joined as a sentence, a clause starting in lower case. Every module quotes through these, so
//! all messages read alike.

/// `value` made safe to quote: a backtick becomes `'`, a control character `?`, and past `max`
/// characters it is cut with `…`.
pub fn shown(value: &str, max: usize) -> String {
    let mut out: String = value
        .chars()
        .take(max)
        .map(|c| match c {
            '`' => '\'',
            c if c.is_control() => '?',
            c => c,
        })
        .collect();
    if value.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// [`shown`] in backticks, as code in a message.
pub fn code(value: &str, max: usize) -> String {
    format!("`{}`", shown(value, max))
}

/// A long value by its two ends (`eyJhbGciOiJIUzI1NiIs…SflKxwRJSMeKKF2QT4fw`), in backticks; a
/// value of at most `head + tail + 16` characters whole.
pub fn ends(value: &str, head: usize, tail: usize) -> String {
    let count = value.chars().count();
    if count <= head.saturating_add(tail).saturating_add(16) {
        return code(value, count);
    }
    let first: String = value.chars().take(head).collect();
    let last: String = value.chars().skip(count.saturating_sub(tail)).collect();
    format!("`{}…{}`", shown(&first, head), shown(&last, tail))
}

/// Items as a sentence: `a`; `a and b`; `a, b and c`.
pub fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// [`listed`], naming at most `cap` items and then how many more.
pub fn listed_capped(items: &[String], cap: usize) -> String {
    if items.len() <= cap {
        return listed(items);
    }
    let mut list: Vec<String> = items.iter().take(cap).cloned().collect();
    list.push(format!("{} more", items.len().saturating_sub(cap)));
    listed(&list)
}

/// A sentence that follows a comma: its first letter in lower case (`The` → `the`).
pub fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() => format!("{}{}", c.to_ascii_lowercase(), chars.as_str()),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cut_and_made_safe() {
        assert_eq!(shown("abc", 10), "abc");
        assert_eq!(shown("abcdef", 3), "abc…");
        assert_eq!(shown("a`b\nc", 10), "a'b?c");
        assert_eq!(code("ünï", 2), "`ün…`");
        assert_eq!(ends("short", 4, 4), "`short`");
        let long = "A".repeat(20) + &"B".repeat(40) + &"C".repeat(10);
        assert_eq!(ends(&long, 5, 5), "`AAAAA…CCCCC`");
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = |n: usize| (1..=n).map(|i| format!("`{i}`")).collect::<Vec<_>>();
        assert_eq!(listed(&items(0)), "");
        assert_eq!(listed(&items(1)), "`1`");
        assert_eq!(listed(&items(2)), "`1` and `2`");
        assert_eq!(listed(&items(3)), "`1`, `2` and `3`");
        assert_eq!(listed_capped(&items(5), 3), "`1`, `2`, `3` and 2 more");
        assert_eq!(listed_capped(&items(3), 3), "`1`, `2` and `3`");
        assert_eq!(lower_first("The origin"), "the origin");
        assert_eq!(lower_first("`x` is"), "`x` is");
    }
}
