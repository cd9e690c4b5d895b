//! The `Authorization` header (RFC 9110 §11.6.2) and the Basic scheme (RFC 7617).
//!
//! ```text
//! Authorization = credentials
//! credentials   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! ```
//!
//! Examples: `Bearer eyJhbGciOi…`, `Basic YWxpY2U6c2VjcmV0`, `Digest username="a", …`.
//! Scheme names are case-insensitive, but servers are often stricter than the grammar, so the
//! checks here report what real servers refuse: odd spacing, quotes around a token, a repeated
//! scheme, placeholders such as `undefined`, and Basic credentials damaged on their way in.

use crate::findings::{Code, Finding};
use crate::secret::Secret;
use base64::Engine;

/// Schemes in common use, in their usual spelling.
const KNOWN: [&str; 10] = ["Basic", "Bearer", "Digest", "Negotiate", "NTLM", "DPoP", "AWS4-HMAC-SHA256", "Token", "JWT", "HOBA"];

/// Values that code writes when it meant to insert a token and had none.
const PLACEHOLDERS: [&str; 12] = [
    "undefined", "null", "none", "nil", "[object object]", "<token>", "$token", "${token}", "{{token}}", "token", "your_token", "access_token",
];

/// What the header carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Authorization {
    /// The scheme as sent.
    pub scheme: String,
    /// The scheme's usual spelling when it is a known one.
    pub known: Option<&'static str>,
    /// The credentials after the scheme, trimmed.
    pub credentials: Secret,
    /// Decoded Basic credentials.
    pub basic: Option<Basic>,
}

/// A Basic user name and password.
#[derive(Debug, Clone, PartialEq)]
pub struct Basic {
    pub user: String,
    pub password: Secret,
}

fn is_token68(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~+/".contains(c)
}

/// Checks a header value (what follows `Authorization:`).
pub fn analyze(value: &str) -> (Authorization, Vec<Finding>) {
    let mut findings = Vec::new();
    let trimmed = value.trim_matches(|c| c == ' ' || c == '\t');
    let (scheme, rest) = match trimmed.split_once([' ', '\t']) {
        Some((scheme, rest)) => (scheme, rest),
        None => (trimmed, ""),
    };
    let credentials = rest.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
    let known = KNOWN.iter().copied().find(|k| k.eq_ignore_ascii_case(scheme));

    if scheme.is_empty() {
        findings.push(Finding::new(Code::Auth001, "The `Authorization` header is empty"));
    } else if credentials.is_empty() && !matches!(known, Some("Negotiate" | "NTLM")) {
        findings.push(Finding::new(Code::Auth001, format!("The `{scheme}` scheme is followed by no credentials")));
    }
    match known {
        Some(k) if k != scheme => findings.push(Finding::new(
            Code::Auth002,
            format!("The scheme is written `{scheme}`; the usual spelling is `{k}`, and some servers compare it case-sensitively"),
        )),
        None if !scheme.is_empty() => findings.push(Finding::new(Code::Auth008, format!("`{scheme}` is not a common authentication scheme"))),
        _ => {}
    }
    let separator = trimmed[scheme.len()..].chars().next();
    if separator == Some('\t') || rest.starts_with([' ', '\t']) || rest.contains('\t') || value.ends_with([' ', '\t']) || value.starts_with([' ', '\t']) {
        let what = if value.contains('\t') { "a tab" } else { "extra spaces" };
        findings.push(Finding::new(Code::Auth003, format!("The header has {what} around the scheme or the credentials; send exactly one space after the scheme")));
    }
    if credentials.contains(['\r', '\n']) || rest.ends_with(['\r', '\n']) {
        findings.push(Finding::new(Code::Auth003, "The credentials contain a line break"));
    }

    let bearer_like = matches!(known, Some("Bearer" | "DPoP" | "Token" | "JWT"));
    if bearer_like && !credentials.is_empty() {
        let unquoted = credentials.trim_matches(|c| c == '"' || c == '\'');
        if unquoted.len() != credentials.len() {
            findings.push(Finding::new(Code::Auth004, "The token is wrapped in quotes; send it bare"));
        }
        let first = unquoted.split_whitespace().next().unwrap_or("");
        if KNOWN.iter().any(|k| k.eq_ignore_ascii_case(first)) {
            findings.push(Finding::new(Code::Auth005, format!("The scheme is followed by `{first}` again: the token was probably stored with its scheme")));
        } else if PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(unquoted)) || unquoted.is_empty() {
            findings.push(Finding::new(Code::Auth006, format!("The credentials are `{unquoted}`, not a token: the code that builds the header had no token to put in")));
        } else if let Some(bad) = unquoted.trim_end_matches('=').chars().find(|c| !is_token68(*c)) {
            findings.push(Finding::new(
                Code::Auth007,
                format!("The token contains {}, which a bearer token cannot (RFC 6750 §2.1)", describe(bad)),
            ));
        }
    }

    let basic = if known == Some("Basic") && !credentials.is_empty() { basic(credentials, &mut findings) } else { None };
    (Authorization { scheme: scheme.to_string(), known, credentials: Secret::new(credentials), basic }, findings)
}

fn describe(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_control() {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Decodes `user:password` (RFC 7617 §2).
fn basic(credentials: &str, findings: &mut Vec<Finding>) -> Option<Basic> {
    let engine = base64::engine::general_purpose::STANDARD;
    let bytes = match engine.decode(credentials) {
        Ok(bytes) => bytes,
        Err(e) => {
            // Missing padding is a common mistake; try to read it anyway so the user sees why.
            let lenient = base64::engine::general_purpose::STANDARD_NO_PAD.decode(credentials.trim_end_matches('='));
            let Ok(bytes) = lenient else {
                findings.push(Finding::new(Code::Basic001, format!("The Basic credentials are not base64: {e}")));
                return None;
            };
            findings.push(Finding::new(Code::Basic001, format!("The Basic credentials are not padded base64 ({e}); strict servers refuse them")));
            bytes
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            findings.push(Finding::new(
                Code::Basic005,
                "The decoded credentials are not UTF-8 (perhaps Latin-1); servers that announce `charset=\"UTF-8\"` expect UTF-8",
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if text.ends_with('\n') {
        findings.push(Finding::new(
            Code::Basic003,
            "The decoded credentials end with a line break: they were probably encoded with `echo` instead of `echo -n` or `printf`",
        ));
    }
    let text = text.trim_end_matches(['\r', '\n']);
    let Some((user, password)) = text.split_once(':') else {
        findings.push(Finding::new(Code::Basic002, "The decoded credentials have no `:` between user name and password"));
        return Some(Basic { user: text.to_string(), password: Secret::default() });
    };
    if user != user.trim() || password != password.trim() {
        findings.push(Finding::new(Code::Basic004, "The user name or the password starts or ends with a space"));
    }
    if user.is_empty() {
        findings.push(Finding::new(Code::Basic002, "The user name is empty"));
    }
    if password.contains(':') {
        findings.push(Finding::new(
            Code::Basic006,
            format!("The credentials read as user `{}` and a password with `:` in it; a server that splits at every colon reads a shorter password", user.escape_debug()),
        ));
    }
    Some(Basic { user: user.to_string(), password: Secret::new(password) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(value: &str) -> Vec<&'static str> {
        analyze(value).1.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn header_shapes() {
        let table: [(&str, &[&str]); 16] = [
            ("Bearer abc.def.ghi", &[]),
            ("Basic YWxpY2U6c2VjcmV0", &[]),
            ("Negotiate", &[]),
            ("bearer abc", &["AUTH002"]),
            ("BEARER abc", &["AUTH002"]),
            ("Bearer  abc", &["AUTH003"]),
            ("Bearer\tabc", &["AUTH003"]),
            ("Bearer \"abc\"", &["AUTH004"]),
            ("Bearer Bearer abc", &["AUTH005"]),
            ("Bearer undefined", &["AUTH006"]),
            ("Bearer null", &["AUTH006"]),
            ("Bearer [object Object]", &["AUTH006"]),
            ("Bearer", &["AUTH001"]),
            ("", &["AUTH001"]),
            ("Bearer abc def", &["AUTH007"]),
            ("Custom abc", &["AUTH008"]),
        ];
        for (value, want) in table {
            assert_eq!(codes(value), want, "{value:?}");
        }
    }

    #[test]
    fn basic_credentials_are_decoded_and_checked() {
        let (auth, findings) = analyze("Basic YWxpY2U6czNjcjN0OndpdGg6Y29sb25z");
        let found: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(found, ["BASIC006"], "a colon in the password is explained");
        assert!(!findings[0].message.contains("s3cr3t"), "the note never shows the password");
        let basic = auth.basic.unwrap();
        assert_eq!(basic.user, "alice");
        assert_eq!(basic.password.expose(), "s3cr3t:with:colons", "only the first colon separates");

        let table: [(&str, &[&str]); 6] = [
            ("Basic YWxpY2U6c2VjcmV0Cg==", &["BASIC003"]),
            ("Basic YWxpY2U=", &["BASIC002"]),
            ("Basic YWxpY2U6c2VjcmV0", &[]),
            ("Basic YWxpY2U6c2VjcmV", &["BASIC001"]),
            ("Basic IGFsaWNlOnNlY3JldA==", &["BASIC004"]),
            ("Basic YWxp6TpzZWNyZXQ=", &["BASIC005"]),
        ];
        for (value, want) in table {
            assert_eq!(codes(value), want, "{value:?}");
        }
        assert_eq!(codes("Basic !!!"), ["BASIC001"]);
    }

    #[test]
    fn the_password_never_prints() {
        let (auth, _) = analyze("Basic YWxpY2U6aHVudGVyMg==");
        let shown = format!("{auth:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
