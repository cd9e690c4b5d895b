//! Detection: finding the things worth analysing in pasted text.
//!
//! Each detector looks at the text and claims what it recognises; detectors for new kinds of
//! input (HTTP messages, HAR files, cookies) join the list in [`detect`] without changing the
//! others.

/// How a token reached us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carrier<'a> {
    /// The token alone, or inside surrounding text.
    Bare,
    /// The credentials of an `Authorization` header (or a header value pasted alone); `value`
    /// is the whole header value as sent.
    Authorization { scheme: &'a str, value: &'a str },
    /// The value of the cookie `name`, in a `Cookie` or `Set-Cookie` header.
    Cookie { name: &'a str },
    /// A `DPoP` header: the value is a proof (RFC 9449), not a credential of its own.
    Dpop,
}

/// One thing recognised in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected<'a> {
    /// Something that is, or is meant to be, a JWT.
    Token { text: &'a str, line: usize, carrier: Carrier<'a> },
    /// A `WWW-Authenticate` (or, with `proxy`, `Proxy-Authenticate`) header value.
    Challenge { value: &'a str, proxy: bool, line: usize },
    /// An `Authorization` header whose credentials are not a JWT.
    /// `proxy`: the credentials are in `Proxy-Authorization` (for a proxy, not the server).
    Credentials { scheme: &'a str, credentials: &'a str, value: &'a str, line: usize, proxy: bool },
    /// A `Cookie` request header value pasted on its own.
    Cookies { value: &'a str, line: usize },
    /// A `Set-Cookie` response header value pasted on its own.
    SetCookie { value: &'a str, line: usize },
}

impl Detected<'_> {
    pub fn line(&self) -> usize {
        match self {
            Detected::Token { line, .. }
            | Detected::Credentials { line, .. }
            | Detected::Challenge { line, .. }
            | Detected::Cookies { line, .. }
            | Detected::SetCookie { line, .. } => *line,
        }
    }
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Characters a token may contain once the non-strict forms (padding, standard alphabet) count.
fn is_token_char(c: char) -> bool {
    is_base64url(c) || matches!(c, '.' | '=' | '+' | '/')
}

/// Whether credentials look like a JWT rather than an opaque token.
fn looks_like_jwt(credentials: &str) -> bool {
    credentials.starts_with("eyJ") || credentials.matches('.').count() >= 2
}

/// Everything recognised in `text`, in the order it appears.
pub fn detect(text: &str) -> Vec<Detected<'_>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    if let Some(token) = whole_token(trimmed) {
        let leading = text.get(..text.len().saturating_sub(text.trim_start().len())).unwrap_or("");
        let line = leading.matches('\n').count().saturating_add(1);
        return vec![Detected::Token { text: token, line, carrier: Carrier::Bare }];
    }
    let mut found = Vec::new();
    for (number, line) in (1_usize..).zip(text.split('\n')) {
        // Most lines of a log name no header: they are passed over without a search for one.
        let named = ["uthori", "UTHORI", "uthent", "UTHENT"].iter().any(|p| line.contains(p));
        if let Some(value) = dpop_line(line) {
            found.push(Detected::Token { text: value, line: number, carrier: Carrier::Dpop });
            continue;
        }
        let header = if named { challenge(line, number).or_else(|| authorization(line, number)) } else { bearer_alone(line, number) };
        if let Some(detected) = header {
            found.push(detected);
        } else if let Some((set, value)) = cookie_line(line) {
            found.push(if set { Detected::SetCookie { value, line: number } } else { Detected::Cookies { value, line: number } });
            found.extend(if set { from_set_cookie(value, number) } else { from_cookie_header(value, number) });
        } else {
            embedded_tokens(line, number, &mut found);
        }
    }
    found
}

/// The whole paste as one token: a single word with a `.`, perhaps wrapped over several lines by
/// a terminal or an editor, made of token characters or at least starting like a JWT (so a
/// damaged character is reported rather than hiding the token).
fn whole_token(trimmed: &str) -> Option<&str> {
    let one_word = trimmed.lines().all(|line| !line.trim().contains(char::is_whitespace));
    let plausible = one_word
        && trimmed.contains('.')
        && (trimmed.starts_with("eyJ") || trimmed.chars().all(|c| is_token_char(c) || c.is_whitespace()))
        && trimmed.chars().any(|c| c.is_ascii_alphanumeric());
    plausible.then_some(trimmed)
}

/// What a header of a parsed HTTP message holds, when it is one this module recognises.
pub fn from_header<'a>(name: &str, value: &'a str, line: usize) -> Option<Detected<'a>> {
    if name.eq_ignore_ascii_case("authorization") {
        return authorization_value(value, line, false);
    }
    if name.eq_ignore_ascii_case("proxy-authorization") {
        return authorization_value(value, line, true);
    }
    if name.eq_ignore_ascii_case("dpop") {
        return Some(Detected::Token { text: value.trim(), line, carrier: Carrier::Dpop });
    }
    let proxy = match name {
        n if n.eq_ignore_ascii_case("www-authenticate") => false,
        n if n.eq_ignore_ascii_case("proxy-authenticate") => true,
        _ => return None,
    };
    Some(Detected::Challenge { value: value.trim(), proxy, line })
}

/// The value of a `DPoP:` header line (after a curl `>` marker or a log prefix's spaces).
fn dpop_line(line: &str) -> Option<&str> {
    let trimmed = line.trim().trim_start_matches(['>', ' ']);
    let (name, value) = trimmed.split_once(':')?;
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    (name.trim().eq_ignore_ascii_case("dpop") && !value.is_empty() && !value.contains(char::is_whitespace)).then_some(value)
}

/// A `Cookie:` line (`false`) or a `Set-Cookie:` line (`true`), and its value.
fn cookie_line(line: &str) -> Option<(bool, &str)> {
    let (name, value) = line.trim().split_once(':')?;
    let set = match name.trim() {
        n if n.eq_ignore_ascii_case("cookie") => false,
        n if n.eq_ignore_ascii_case("set-cookie") => true,
        _ => return None,
    };
    // No white space comes between a field name and its colon (RFC 9112 §5.1), and a header
    // value is not an object literal: `cookie : { sameSite: 'none' }` is code that configures a
    // cookie, not a header that carries one.
    let value = value.trim();
    if name.ends_with([' ', '\t']) || value.starts_with(['{', '[']) {
        return None;
    }
    Some((set, value))
}

/// The JWTs among the cookies of a `Cookie` header value.
pub fn from_cookie_header(value: &str, line: usize) -> Vec<Detected<'_>> {
    value.split(';').filter_map(|pair| pair.split_once('=')).filter_map(|(name, v)| cookie_token(name.trim(), v, line)).collect()
}

/// The JWT a `Set-Cookie` header value sets, if it sets one.
pub fn from_set_cookie(value: &str, line: usize) -> Vec<Detected<'_>> {
    let pair = value.split(';').next().unwrap_or("");
    pair.split_once('=').and_then(|(name, v)| cookie_token(name.trim(), v, line)).into_iter().collect()
}

fn cookie_token<'a>(name: &'a str, value: &'a str, line: usize) -> Option<Detected<'a>> {
    let value = value.trim().trim_matches('"');
    let plausible = value.starts_with("eyJ") && value.matches('.').count() >= 2 && value.chars().all(|c| is_base64url(c) || c == '.');
    plausible.then_some(Detected::Token { text: value, line, carrier: Carrier::Cookie { name } })
}

/// A `WWW-Authenticate:` or `Proxy-Authenticate:` line.
fn challenge(line: &str, number: usize) -> Option<Detected<'_>> {
    let exact = line.trim().split_once(':').and_then(|(name, value)| match name.trim() {
        n if n.eq_ignore_ascii_case("www-authenticate") => Some((false, value.trim())),
        n if n.eq_ignore_ascii_case("proxy-authenticate") => Some((true, value.trim())),
        _ => None,
    });
    let (proxy, value) = match exact {
        Some(found) => found,
        None => {
            let (name, value) = anywhere(line, &["www-authenticate", "proxy-authenticate"])?;
            (name == 1, value)
        }
    };
    // A header dump that quotes every value (`www-authenticate: "Bearer error="…""`) shows the
    // challenge inside quotes that were never part of it.
    let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if SCHEMES.contains(&inner.split([' ', ',']).next().unwrap_or("").to_ascii_lowercase().as_str()) => inner,
        _ => value,
    };
    Some(Detected::Challenge { value, proxy, line: number })
}

/// Authentication schemes a header found inside other text must start with, so that prose
/// ("the Authorization: header is missing") is not read as one.
const SCHEMES: &[&str] = &[
    "bearer",
    "basic",
    "digest",
    "negotiate",
    "ntlm",
    "dpop",
    "aws4-hmac-sha256",
    "token",
    "apikey",
    "api-key",
    "hoba",
    "mutual",
    "scram-sha-256",
    "scram-sha-1",
    "kerberos",
    "oauth",
    "mac",
    "hawk",
    "privatetoken",
    "gnap",
    "sharedkey",
];

/// A header named `names[i]` inside other text: after a log prefix, a curl `<`/`>` marker, a
/// Markdown quote, or as a quoted JSON or log member (`"WWW-Authenticate": "Bearer …"`,
/// `authorization=Bearer …`). Its value must start with a known scheme. Returns `i` and the
/// value without its surrounding quotes.
fn anywhere<'a>(line: &'a str, names: &[&str]) -> Option<(usize, &'a str)> {
    let lower = line.to_ascii_lowercase();
    for (i, name) in names.iter().enumerate() {
        for (at, _) in lower.match_indices(name) {
            let prefix = lower.get(..at).unwrap_or("");
            let before = prefix.chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                continue;
            }
            // Source code that sets the header (`headers={"WWW-Authenticate": …}`,
            // `res.setHeader('WWW-Authenticate', …)`) is not a header that was sent.
            let squeezed: String = prefix.chars().filter(|c| !c.is_whitespace()).collect();
            if ["headers=", "headers[", "headers:{", "headers({", "header(", "headers.set(", "headers.add(", "setheader(", "set(", "append("]
                .iter()
                .any(|p| squeezed.contains(p))
            {
                continue;
            }
            // A name quoted in prose (`the 'Authorization: Bearer x' header`) ends at its quote.
            let opened = before.filter(|c| matches!(c, '\'' | '"' | '`'));
            let rest = line.get(at.saturating_add(name.len())..).unwrap_or("");
            let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
            let rest = rest.strip_prefix('\\').map(|r| r.strip_prefix('"').unwrap_or(r)).unwrap_or(rest);
            let Some(rest) = rest.trim_start().strip_prefix([':', '=']) else { continue };
            let rest = rest.trim_start();
            let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
            let rest = if quote.is_some() { rest.get(1..).unwrap_or("") } else { rest };
            let mut value = rest.trim_end().trim_end_matches([',', '}', ']', ';', ')']);
            if let Some(q) = quote {
                // Inside a JSON string whose quotes are escaped (`"Digest username=\\"bob\\""`),
                // the first quote not escaped closes it.
                let escaped = q == '"' && value.contains("\\\"");
                let closing = escaped.then(|| {
                    let mut backslash = false;
                    value.char_indices().find_map(|(at, c)| {
                        let close = c == '"' && !backslash;
                        backslash = c == '\\' && !backslash;
                        close.then_some(at)
                    })
                });
                // Otherwise the closing quote ends the line's text, or is followed by a space and
                // more members (`authorization="Basic …" path=/`), or by the next JSON member.
                value = match (closing.flatten(), value.strip_suffix(q)) {
                    (Some(end), _) => value.get(..end).unwrap_or(value),
                    (None, Some(v)) => v,
                    (None, None) => [format!("{q} "), format!("{q},{q}"), format!("{q}}}")]
                        .iter()
                        .filter_map(|end| value.find(end.as_str()))
                        .min()
                        .and_then(|end| value.get(..end))
                        .unwrap_or(value),
                };
            }
            // Prose after the last quoted parameter (`… error="invalid_token" even after …`)
            // is not part of the header.
            if let Some(last) = value.rfind('"') {
                if value.get(last.saturating_add(1)..).is_some_and(|tail| !tail.contains('=') && tail.trim().contains(' ')) {
                    value = value.get(..=last).unwrap_or(value);
                }
            }
            if let (Some(q), None) = (opened, quote) {
                if let Some(end) = value.find(q) {
                    value = value.get(..end).unwrap_or(value);
                }
            }
            let value = value.trim();
            let scheme = value.split([' ', ',']).next().unwrap_or("").to_ascii_lowercase();
            if SCHEMES.contains(&scheme.as_str()) {
                return Some((i, value));
            }
        }
    }
    None
}

/// A `Bearer <token>` value alone on its line.
fn bearer_alone(line: &str, number: usize) -> Option<Detected<'_>> {
    let trimmed = line.trim();
    let (scheme, rest) = trimmed.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let rest = rest.trim();
    // `Bearer error="invalid_token", …` is a challenge that lost its header name.
    let param = rest.split_once('=').is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
    if param && (rest.contains("=\"") || rest.starts_with("realm=") || rest.starts_with("error=")) {
        return Some(Detected::Challenge { value: trimmed, proxy: false, line: number });
    }
    // Credentials are one word (or a quoted one); a sentence after `Bearer` is a log message.
    if rest.split_whitespace().count() > 2 {
        return None;
    }
    authorization_value(trimmed, number, false)
}

/// An `Authorization: <scheme> <credentials>` line, or a `Bearer <token>` value alone.
fn authorization(line: &str, number: usize) -> Option<Detected<'_>> {
    let line = line.trim_end_matches('\r');
    let (value, proxy) = match line.trim_start().split_once(':') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case("authorization") => (value.strip_prefix(' ').unwrap_or(value), false),
        Some((name, value)) if name.trim().eq_ignore_ascii_case("proxy-authorization") => (value.strip_prefix(' ').unwrap_or(value), true),
        _ => match line.trim().split_once(char::is_whitespace) {
            Some((scheme, _)) if scheme.eq_ignore_ascii_case("bearer") => (line.trim(), false),
            _ => {
                let (which, value) = anywhere(line, &["authorization", "proxy-authorization"])?;
                (value, which == 1)
            }
        },
    };
    authorization_value(value, number, proxy)
}

/// The credentials of an `Authorization` header value.
fn authorization_value(value: &str, number: usize, proxy: bool) -> Option<Detected<'_>> {
    let (scheme, credentials) = match value.trim().split_once(char::is_whitespace) {
        Some((scheme, rest)) => (scheme, rest.trim()),
        None => (value.trim(), ""),
    };
    // The token as a server would have to read it: without quotes or a repeated scheme, which
    // the `Authorization` checks report separately.
    let token = credentials.trim_matches(|c| c == '"' || c == '\'');
    let token = match token.split_once(char::is_whitespace) {
        Some((again, rest)) if again.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => token,
    };
    // A DPoP-bound token is a token like a bearer one; only one that starts like a JWT is read as
    // one (RFC 9449's own example token has dots but is opaque).
    let dpop_jwt = scheme.eq_ignore_ascii_case("dpop") && token.starts_with("eyJ") && token.matches('.').count() == 2;
    if (scheme.eq_ignore_ascii_case("bearer") && looks_like_jwt(token)) || dpop_jwt {
        return Some(Detected::Token { text: token, line: number, carrier: Carrier::Authorization { scheme, value } });
    }
    Some(Detected::Credentials { scheme, credentials, value, line: number, proxy })
}

/// JWTs inside a line of other text: runs of base64url and dots that start with `eyJ` (the
/// encoding of `{"`) and have at least three parts.
fn embedded_tokens<'a>(line: &'a str, number: usize, found: &mut Vec<Detected<'a>>) {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(pos) = line.get(from..).and_then(|rest| rest.find("eyJ")).map(|p| p.saturating_add(from)) {
        let before = pos.checked_sub(1).and_then(|i| bytes.get(i)).copied();
        let boundary = !before.is_some_and(|b| is_base64url(char::from(b)) || b == b'.');
        let tail = line.get(pos..).unwrap_or("");
        let len = tail.find(|c: char| !(is_base64url(c) || c == '.')).unwrap_or(tail.len());
        let mut candidate = tail.get(..len).unwrap_or("");
        if candidate.ends_with('.') && candidate.matches('.').count() != 2 {
            // A sentence's full stop after the token.
            candidate = candidate.strip_suffix('.').unwrap_or(candidate);
        }
        if boundary && candidate.matches('.').count() >= 2 {
            found.push(Detected::Token { text: candidate, line: number, carrier: Carrier::Bare });
        }
        from = pos.saturating_add(len.max(3));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

    fn tokens(text: &str) -> Vec<(String, usize)> {
        detect(text)
            .into_iter()
            .filter_map(|d| match d {
                Detected::Token { text, line, .. } => Some((text.to_string(), line)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bare_token_with_surrounding_space() {
        assert_eq!(tokens(&format!("\n  {JWT}\n")), [(JWT.to_string(), 2)]);
    }

    #[test]
    fn wrapped_token_is_taken_whole() {
        let wrapped = format!("{}\n{}", &JWT[..20], &JWT[20..]);
        assert_eq!(tokens(&wrapped), [(wrapped.clone(), 1)]);
    }

    #[test]
    fn malformed_bare_token_is_still_a_token() {
        assert_eq!(tokens("abc.def"), [("abc.def".to_string(), 1)]);
        assert_eq!(tokens("hello world"), []);
    }

    #[test]
    fn bearer_and_authorization_lines() {
        for text in [format!("Bearer {JWT}"), format!("Authorization: Bearer {JWT}"), format!("authorization:bearer   {JWT}  ")] {
            let found = detect(&text);
            assert_eq!(found.len(), 1, "{text}");
            match &found[0] {
                Detected::Token { text: t, carrier: Carrier::Authorization { scheme, .. }, .. } => {
                    assert_eq!(*t, JWT);
                    assert!(scheme.eq_ignore_ascii_case("bearer"));
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn opaque_and_other_schemes_are_credentials() {
        assert_eq!(
            detect("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA"),
            [Detected::Credentials { scheme: "Bearer", credentials: "2YotnFZFEjr1zCsicMWpAA", value: "Bearer 2YotnFZFEjr1zCsicMWpAA", line: 1, proxy: false }]
        );
        assert_eq!(
            detect("Authorization: Basic dXNlcjpwYXNz"),
            [Detected::Credentials { scheme: "Basic", credentials: "dXNlcjpwYXNz", value: "Basic dXNlcjpwYXNz", line: 1, proxy: false }]
        );
    }

    #[test]
    fn code_that_configures_a_cookie_is_not_a_cookie_header() {
        assert_eq!(cookie_line("cookie : { sameSite: 'none' , secure: true }"), None);
        assert_eq!(cookie_line("Cookie: [\"a\"]"), None);
        assert_eq!(cookie_line("Cookie: sid=abc; theme=dark"), Some((false, "sid=abc; theme=dark")));
        assert_eq!(cookie_line("set-cookie: sid=abc; Secure"), Some((true, "sid=abc; Secure")));
    }

    #[test]
    fn quoted_and_doubled_tokens_are_still_found() {
        for text in [format!("Authorization: Bearer \"{JWT}\""), format!("Authorization: Bearer Bearer {JWT}")] {
            assert_eq!(tokens(&text), [(JWT.to_string(), 1)], "{text}");
        }
    }

    #[test]
    fn tokens_inside_text() {
        let text = format!("the log said\ntoken={JWT}; and {JWT}.\nxeyJnot.a.token here");
        assert_eq!(tokens(&text), [(JWT.to_string(), 2), (JWT.to_string(), 2)]);
    }

    #[test]
    fn cookie_lines_and_the_tokens_they_carry() {
        let text = format!("Cookie: theme=dark; at={JWT}; sid=\"{JWT}\"\nSet-Cookie: id={JWT}; Path=/; Secure\nset-cookie: x=1");
        let found = detect(&text);
        assert!(matches!(found[0], Detected::Cookies { line: 1, .. }));
        assert_eq!(found[1], Detected::Token { text: JWT, line: 1, carrier: Carrier::Cookie { name: "at" } });
        assert_eq!(found[2], Detected::Token { text: JWT, line: 1, carrier: Carrier::Cookie { name: "sid" } });
        let set_line = format!("id={JWT}; Path=/; Secure");
        assert_eq!(found[3], Detected::SetCookie { value: &set_line, line: 2 });
        assert_eq!(found[4], Detected::Token { text: JWT, line: 2, carrier: Carrier::Cookie { name: "id" } });
        assert_eq!(found[5], Detected::SetCookie { value: "x=1", line: 3 });
        assert_eq!(found.len(), 6);
        assert!(from_cookie_header("a=eyJ.only; b=eyJhbGciOiJIUzI1NiJ9.e30", 1).is_empty(), "not three parts");
    }

    #[test]
    fn headers_inside_other_text() {
        let cases = [
            ("< www-authenticate: Bearer error=\"invalid_token\"", "Bearer error=\"invalid_token\""),
            ("2024-03-01 10:00:01 WARN response header WWW-Authenticate: Basic realm=\"x\"", "Basic realm=\"x\""),
            ("\"WWW-Authenticate\": \"Bearer realm=api\",", "Bearer realm=api"),
            ("> > WWW-Authenticate: Negotiate", "Negotiate"),
        ];
        for (line, value) in cases {
            assert_eq!(detect(line), [Detected::Challenge { value, proxy: false, line: 1 }], "{line}");
        }
        assert!(detect("the WWW-Authenticate: header tells the scheme").is_empty());
        assert!(detect("Check that the Authorization: header is sent").is_empty());
        let found = detect("level=info authorization=\"Basic dXNlcjpwYXNz\" path=/");
        assert!(matches!(found.as_slice(), [Detected::Credentials { scheme: "Basic", .. }]), "{found:?}");
    }

    #[test]
    fn dpop_header_lines_carry_proofs() {
        for line in [format!("DPoP: {JWT}"), format!("> dpop: {JWT}"), format!("  DPOP: \"{JWT}\"")] {
            assert_eq!(detect(&line), [Detected::Token { text: JWT, line: 1, carrier: Carrier::Dpop }], "{line}");
        }
        assert_eq!(from_header("DPoP", &format!(" {JWT} "), 4), Some(Detected::Token { text: JWT, line: 4, carrier: Carrier::Dpop }));
        assert!(matches!(detect("the DPoP: header is missing").as_slice(), []), "prose is no header");
    }

    #[test]
    fn no_eyj_run_is_no_token() {
        assert_eq!(tokens("eyJ eyJ.x and eyJhbGciOiJIUzI1NiJ9 only"), []);
    }
}
