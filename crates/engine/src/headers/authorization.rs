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
const PLACEHOLDERS: [&str; 12] =
    ["undefined", "null", "none", "nil", "[object object]", "<token>", "$token", "${token}", "{{token}}", "token", "your_token", "access_token"];

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
        findings.push(Finding::new(Code::AuthorizationEmpty, "The `Authorization` header is empty"));
    } else if credentials.is_empty() && !matches!(known, Some("Negotiate" | "NTLM")) {
        findings.push(Finding::new(Code::AuthorizationEmpty, format!("The `{scheme}` scheme is followed by no credentials")));
    }
    match known {
        Some(k) if k != scheme => findings.push(Finding::new(
            Code::SchemeCase,
            format!("The scheme is written `{scheme}`; the usual spelling is `{k}`, and some servers compare it case-sensitively"),
        )),
        None if !scheme.is_empty() => findings.push(Finding::new(Code::SchemeUncommon, format!("`{scheme}` is not a common authentication scheme"))),
        _ => {}
    }
    let separator = trimmed[scheme.len()..].chars().next();
    if separator == Some('\t') || rest.starts_with([' ', '\t']) || rest.contains('\t') || value.ends_with([' ', '\t']) || value.starts_with([' ', '\t']) {
        let what = if value.contains('\t') { "a tab" } else { "extra spaces" };
        findings.push(Finding::new(
            Code::AuthorizationWhiteSpace,
            format!("The header has {what} around the scheme or the credentials; send exactly one space after the scheme"),
        ));
    }
    if credentials.contains(['\r', '\n']) || rest.ends_with(['\r', '\n']) {
        findings.push(Finding::new(Code::AuthorizationWhiteSpace, "The credentials contain a line break"));
    }

    let bearer_like = matches!(known, Some("Bearer" | "DPoP" | "Token" | "JWT"));
    if bearer_like && !credentials.is_empty() {
        let unquoted = credentials.trim_matches(|c| c == '"' || c == '\'');
        if unquoted.len() != credentials.len() {
            findings.push(Finding::new(Code::TokenQuoted, "The token is wrapped in quotes; send it bare"));
        }
        let first = unquoted.split_whitespace().next().unwrap_or("");
        if KNOWN.iter().any(|k| k.eq_ignore_ascii_case(first)) {
            findings
                .push(Finding::new(Code::SchemeRepeated, format!("The scheme is followed by `{first}` again: the token was probably stored with its scheme")));
        } else if PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(unquoted)) || unquoted.is_empty() {
            findings.push(Finding::new(
                Code::TokenPlaceholder,
                format!("The credentials are `{unquoted}`, not a token: the code that builds the header had no token to put in"),
            ));
        } else if let Some(bad) = unquoted.trim_end_matches('=').chars().find(|c| !crate::grammar::is_token68_char(*c)) {
            findings.push(Finding::new(
                Code::BearerTokenBadCharacters,
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
                findings.push(Finding::new(Code::BasicNotBase64, format!("The Basic credentials are not base64: {e}")));
                return None;
            };
            findings.push(Finding::new(Code::BasicNotBase64, format!("The Basic credentials are not padded base64 ({e}); strict servers refuse them")));
            bytes
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            findings.push(Finding::new(
                Code::BasicNotUtf8,
                "The decoded credentials are not UTF-8 (perhaps Latin-1); servers that announce `charset=\"UTF-8\"` expect UTF-8",
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if text.ends_with('\n') {
        findings.push(Finding::new(
            Code::BasicTrailingNewline,
            "The decoded credentials end with a line break: they were probably encoded with `echo` instead of `echo -n` or `printf`",
        ));
    }
    let text = text.trim_end_matches(['\r', '\n']);
    let Some((user, password)) = text.split_once(':') else {
        findings.push(Finding::new(Code::BasicNoColon, "The decoded credentials have no `:` between user name and password"));
        return Some(Basic { user: text.to_string(), password: Secret::default() });
    };
    if user != user.trim() || password != password.trim() {
        findings.push(Finding::new(Code::BasicSpaces, "The user name or the password starts or ends with a space"));
    }
    if user.is_empty() {
        findings.push(Finding::new(Code::BasicNoColon, "The user name is empty"));
    }
    if password.contains(':') {
        findings.push(Finding::new(
            Code::BasicPasswordColon,
            format!(
                "The credentials read as user `{}` and a password with `:` in it; a server that splits at every colon reads a shorter password",
                user.escape_debug()
            ),
        ));
    }
    Some(Basic { user: user.to_string(), password: Secret::new(password) })
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::AuthorizationEmpty,
        meaning: "The `Authorization` header is present but empty, or its scheme (other than `Negotiate` or `NTLM`, which may start a handshake without a token) is followed by no credentials.",
        why: "The server finds no credentials to check and treats the request as unauthenticated, answering 401 with its challenge.",
        caller: "Send the scheme and the credentials together, for example `Authorization: Bearer <access token>`; check that the variable holding the token is set when the header is built.",
        owner: "Log whether requests arrive with an empty `Authorization`; such requests point at a client that builds the header before it has a token.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SchemeCase,
        meaning: "The scheme is a known one written in unusual letter case, such as `bearer` or `BASIC`; the message gives the usual spelling.",
        why: "RFC 9110 makes scheme names case-insensitive, so a compliant server accepts it; some servers and middleware compare the string exactly and answer 401.",
        caller: "Write the scheme as it is usually spelled: `Bearer`, `Basic`, `Digest`, `DPoP`.",
        owner: "Compare the scheme case-insensitively, as RFC 9110 §11.1 requires.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AuthorizationWhiteSpace,
        meaning: "The `Authorization` value has extra spaces or a tab around the scheme or the credentials, or a line break inside or after the credentials.",
        why: "Many servers split the value at exactly one space, so extra white space becomes part of the token or leaves the scheme unrecognised; a line break can end the header early or make the request invalid.",
        caller: "Send `<scheme> <credentials>` with a single space; trim the token when reading it from a file, environment variable or secret.",
        owner: "Parse the header tolerantly (RFC 9110 allows one or more spaces after the scheme), and log rejected header values with their length to spot trailing characters.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenQuoted,
        meaning: "A bearer-like token (`Bearer`, `DPoP`, `Token`, `JWT`) is wrapped in double or single quotes.",
        why: "The quotes are sent as part of the token, so the server cannot parse or find it and refuses it, usually as `invalid_token`.",
        caller: "Send the token without quotes; they typically come from JSON serialisation of a string or from quotes in an `.env` file or shell variable.",
        owner: "No server change is needed; rejected tokens starting with `\"` in the logs point at this.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SchemeRepeated,
        meaning: "The scheme is followed by a known scheme name again, as in `Bearer Bearer eyJ...`.",
        why: "The server takes the second `Bearer` as the token, which is not valid, so it refuses the request.",
        caller: "Store only the bare token and add the scheme once when building the header; check for code that prepends `Bearer ` to a value that already has it.",
        owner: "No server change is needed; rejected credentials beginning with a scheme name show the same mistake in the logs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenPlaceholder,
        meaning: "The bearer credentials are a placeholder such as `undefined`, `null`, `[object Object]`, `<token>`, `${token}` or `{{token}}`, or empty after quotes, rather than a token.",
        why: "The client built the header without a real token, so the server has nothing valid to check and answers 401.",
        caller: "Make sure the token is available before the request is sent: wait for sign-in to finish, read it from storage correctly, and set the template or environment variable.",
        owner: "No server change is needed; a spike of such values usually follows a client release or a missing configuration variable.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BearerTokenBadCharacters,
        meaning: "The bearer-like token contains a character outside the token68 set (letters, digits, `-._~+/`, with `=` only at the end); the message names it.",
        why: "RFC 6750 §2.1 restricts bearer tokens to these characters, so a server may refuse the header as malformed, and the stray character usually means the token was changed on the way.",
        caller: "Send the token exactly as the issuer returned it; look for URL encoding (`%2B`), HTML entities, smart quotes or an appended character.",
        owner: "Check that the token endpoint returns tokens in token68 form and that nothing on the way encodes them.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SchemeUncommon,
        meaning: "The `Authorization` scheme is not one of the common ones the engine knows (`Basic`, `Bearer`, `Digest`, `Negotiate`, `NTLM`, `DPoP`, `AWS4-HMAC-SHA256`, `Token`, `JWT`, `HOBA`).",
        why: "An uncommon scheme is not an error by itself; it matters when the server does not expect it, since a server refuses credentials under a scheme it does not implement.",
        caller: "Compare the scheme with the one the server names in `WWW-Authenticate`, and with the API's documentation.",
        owner: "Document the scheme the API accepts and send it in every 401 challenge.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicNotBase64,
        meaning: "The `Basic` credentials are not valid base64, or they decode only when missing `=` padding is tolerated; the message gives the decoder's error.",
        why: "The server cannot decode the user name and password, or a strict decoder refuses the unpadded form, so it answers 401.",
        caller: "Encode `user:password` with standard padded base64, for example `printf '%s' 'user:password' | base64`, or let the HTTP client build the header (`curl -u user:password`).",
        owner: "No change is needed for a correct client; if such requests are common, log a decoding error distinctly from a wrong password.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicNoColon,
        meaning: "The decoded `Basic` credentials contain no colon, or the user name before the first colon is empty.",
        why: "RFC 7617 defines the credentials as `user-id:password`, so without a colon the server cannot separate the two and refuses them; an empty user name is allowed by the grammar but rarely matches an account unless the API documents that form.",
        caller: "Encode the user name, a colon and the password together as `user:password`; when only a token is used, check the API's documentation for which part it goes in.",
        owner: "If the API uses Basic with a single token, document whether it belongs in the user name or the password field.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicTrailingNewline,
        meaning: "The decoded `Basic` credentials end with a line break, a sign they were encoded with `echo` without `-n`.",
        why: "The newline becomes part of the password, so the comparison fails and the server answers 401.",
        caller: "Rebuild the header without the newline, for example `printf '%s' 'user:password' | base64`, or let the client do it (`curl -u user:password`).",
        owner: "No server change is needed; a password ending in a newline is the usual sign in failed-login logs.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicSpaces,
        meaning: "The decoded user name or password starts or ends with a space.",
        why: "The space is part of the credential as sent, so unless it truly belongs there, the comparison fails and the server refuses the request.",
        caller: "Check the stored user name and password for leading or trailing spaces (common when copied from a document or a form) and remove them unless they are genuinely part of the credential.",
        owner: "Do not trim credentials on the server; the client must send them exactly.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicNotUtf8,
        meaning: "The decoded `Basic` credentials are not valid UTF-8, for example Latin-1 bytes for accented letters.",
        why: "Servers that announce `charset=\"UTF-8\"` (RFC 7617 §2.1) or store passwords as UTF-8 compare different bytes, so a password with non-ASCII characters fails.",
        caller: "Encode the user name and password as UTF-8 before base64; most modern clients do so when told to.",
        owner: "Send `charset=\"UTF-8\"` in the `Basic` challenge so clients know which encoding to use.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BasicPasswordColon,
        meaning: "The decoded `Basic` credentials have more than one colon: the user name ends at the first one and the password contains the rest, including a colon; when the server asked for `Basic` and refused, this note is raised to a warning.",
        why: "A colon in the password is allowed by RFC 7617 and causes no failure on a correct server; it matters only when server code splits at every colon and keeps part of the password, which produces a 401 with the right password. A user name cannot contain a colon at all.",
        caller: "If a colon is in the user name, that cannot work with `Basic`; otherwise nothing needs to change, though changing the password avoids servers with the bug.",
        owner: "Split the decoded credentials once, at the first colon (for example `split_once(':')` or `split(':', 1)`), not at every colon.",
    },
];

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
