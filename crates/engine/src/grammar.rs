//! The pieces of the HTTP field grammar (RFC 9110 §5.6) that every header reader shares:
//! token characters, `token68`, optional white space, quoted strings and comma-separated lists.
//! Each reader of a header (`WWW-Authenticate`, `Authorization`, the CORS headers, cookies'
//! names, header names themselves, Digest's `qop`) reads these through here, so they all agree
//! on what a token or a list element is. A leaf: it depends on nothing else in the crate.

/// A `tchar` (§5.6.2): the characters of a token, such as a header name or a scheme.
pub fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// [`is_tchar`] for a `char` (never true outside ASCII).
pub fn is_tchar_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_tchar)
}

/// Whether `s` is a `token`: one or more [`is_tchar`] characters.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// A character of `token68` (§11.2) before its `=` padding: the alphabets of base64 and
/// base64url together, with `~`.
pub fn is_token68(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)
}

/// [`is_token68`] for a `char`.
pub fn is_token68_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_token68)
}

/// Optional white space (`OWS`, §5.6.3): a space or a horizontal tab.
pub fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `s` without leading and trailing optional white space.
pub fn trim_ows(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// The `quoted-string` (§5.6.4) that opens at byte `open` of `s` (which must be `"`): its
/// content with each `quoted-pair` (`\x`) read as `x`, and the offset just past the closing
/// quote; `None` when `s[open]` is not a quote or the closing quote is missing.
pub fn quoted_string(s: &[u8], open: usize) -> Option<(String, usize)> {
    if s.get(open) != Some(&b'"') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = open.checked_add(1)?;
    while let Some(&c) = s.get(i) {
        i = i.checked_add(1)?;
        match c {
            b'"' => return Some((String::from_utf8_lossy(&out).into_owned(), i)),
            b'\\' => {
                if let Some(&next) = s.get(i) {
                    out.push(next);
                    i = i.checked_add(1)?;
                }
            }
            other => out.push(other),
        }
    }
    None
}

/// `s` read as one `quoted-string` when it is exactly one (its content unescaped), else as is.
pub fn unquote(s: &str) -> std::borrow::Cow<'_, str> {
    match quoted_string(s.as_bytes(), 0) {
        Some((content, end)) if end == s.len() => std::borrow::Cow::Owned(content),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

/// The elements of a comma-separated list (§5.6.1) as written: split at the commas that are not
/// inside a quoted string, each element untrimmed and empty ones kept (callers trim as their
/// header's rules say).
pub fn list_elements(s: &str) -> impl Iterator<Item = &str> {
    split_outside_quotes(s, b',')
}

/// `s` split at each `separator` that is not inside a quoted string (a list's commas, the `;`
/// between the pairs of an element), quotes kept.
pub fn split_outside_quotes(s: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let text = rest?;
        let bytes = text.as_bytes();
        let mut quoted = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => quoted = !quoted,
                b'\\' if quoted => i = i.saturating_add(1),
                b if b == separator && !quoted => {
                    rest = text.get(i.saturating_add(1)..);
                    return text.get(..i);
                }
                _ => {}
            }
            i = i.saturating_add(1);
        }
        rest = None;
        Some(text)
    })
}

/// The elements of a comma-separated list, trimmed of optional white space, empty elements
/// left out (a recipient ignores them, §5.6.1.2).
pub fn list(s: &str) -> impl Iterator<Item = &str> {
    list_elements(s).map(trim_ows).filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_token68() {
        assert!(is_token("X-Api-Key") && is_token("*") && is_token("Bearer"));
        assert!(!is_token("GET PUT") && !is_token("") && !is_token("a\"b") && !is_token("naïve"));
        assert!("dXNlcjpwYXNz-_.~+/".bytes().all(is_token68));
        assert!(!is_token68(b'=') && !is_token68(b' '));
        assert!(is_tchar_char('!') && !is_tchar_char('é') && !is_tchar_char(','));
    }

    #[test]
    fn quoted_strings_unescape_and_may_be_unterminated() {
        assert_eq!(quoted_string(br#"realm="a \"b\" c", x"#, 6), Some((r#"a "b" c"#.to_string(), 17)));
        assert_eq!(quoted_string(br#""""#, 0), Some((String::new(), 2)));
        assert_eq!(quoted_string(br#""open"#, 0), None);
        assert_eq!(quoted_string(b"x", 0), None);
        assert_eq!(quoted_string(b"\"a\\", 0), None);
    }

    #[test]
    fn lists_split_outside_quoted_strings() {
        let items: Vec<&str> = list(r#" auth, auth-int ,, "a,b", x="1,2" "#).collect();
        assert_eq!(items, ["auth", "auth-int", r#""a,b""#, r#"x="1,2""#]);
        assert_eq!(list_elements("a,,b").collect::<Vec<_>>(), ["a", "", "b"]);
        assert_eq!(list_elements("").collect::<Vec<_>>(), [""]);
        assert_eq!(list(" , ").count(), 0);
        assert_eq!(list(r#""a\",b", c"#).collect::<Vec<_>>(), [r#""a\",b""#, "c"]);
        assert_eq!(split_outside_quotes(r#"By=a;Subject="CN=x;O=y";URI="#, b';').collect::<Vec<_>>(), ["By=a", r#"Subject="CN=x;O=y""#, "URI="]);
        assert_eq!(unquote(r#""a \"b\"""#), r#"a "b""#);
        assert_eq!(unquote(r#""a" "b""#), r#""a" "b""#);
        assert_eq!(unquote("plain"), "plain");
    }
}
