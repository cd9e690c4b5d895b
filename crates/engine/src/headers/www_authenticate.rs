//! `WWW-Authenticate` and `Proxy-Authenticate` challenges (RFC 9110 §11.6.1, §11.7.1).
//!
//! ```text
//! WWW-Authenticate = #challenge
//! challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! auth-param       = token BWS "=" BWS ( token / quoted-string )
//! token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! ```
//!
//! Examples: `Bearer realm="api", error="invalid_token"`, `Basic realm="x", charset="UTF-8"`,
//! `Negotiate`, `Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`.
//!
//! Commas separate both challenges and their parameters, so a new challenge is recognised by a
//! token that is not followed by `=`. Parsing never fails: what could not be read is reported.

/// One challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub token68: Option<String>,
    /// Parameters in order; names as sent (compare them case-insensitively).
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// A parameter's value; parameter names are case-insensitive.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Something in the header that does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the header value.
    pub at: usize,
    pub what: String,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Moves past one byte. The cursor never passes `s.len()`, so this cannot overflow.
    fn bump(&mut self) {
        self.i = self.i.saturating_add(1);
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(crate::grammar::is_ows) {
            self.bump();
        }
    }

    /// Skips white space and commas (empty list elements are allowed, RFC 9110 §5.6.1).
    fn skip_separators(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.bump();
        }
    }

    fn token(&mut self) -> &str {
        let start = self.i;
        while self.peek().is_some_and(crate::grammar::is_tchar) {
            self.bump();
        }
        self.s.get(start..self.i).and_then(|t| std::str::from_utf8(t).ok()).unwrap_or("")
    }

    /// At the opening quote: the unescaped content (the cursor then past the closing quote), or
    /// `None` when the closing quote is missing (the cursor then at the end).
    fn quoted(&mut self) -> Option<String> {
        match crate::grammar::quoted_string(self.s, self.i) {
            Some((content, next)) => {
                self.i = next;
                Some(content)
            }
            None => {
                self.i = self.s.len();
                None
            }
        }
    }
}

/// Parses one or more header values (several `WWW-Authenticate` lines are one list).
pub fn parse(value: &str) -> (Vec<Challenge>, Vec<Problem>) {
    let mut challenges: Vec<Challenge> = Vec::new();
    let mut problems = Vec::new();
    let mut c = Cursor { s: value.as_bytes(), i: 0 };
    loop {
        c.skip_separators();
        let Some(first) = c.peek() else {
            break;
        };
        let start = c.i;
        let scheme = c.token().to_string();
        if scheme.is_empty() {
            // No token was read, so the cursor is still on `first`.
            problems.push(Problem { at: c.i, what: format!("expected an authentication scheme, found `{}`", char::from(first)) });
            // Resynchronise at the next comma.
            while c.peek().is_some_and(|b| b != b',') {
                c.bump();
            }
            continue;
        }
        let mut challenge = Challenge { scheme, token68: None, params: Vec::new() };
        let after_scheme = c.i;
        c.skip_ws();
        if c.i == after_scheme || matches!(c.peek(), None | Some(b',')) {
            challenges.push(challenge);
            continue;
        }
        // token68: a run of token68 characters, then `=` padding, then the end or a comma.
        let t68_start = c.i;
        let mut j = c.i;
        while c.s.get(j).copied().is_some_and(crate::grammar::is_token68) {
            j = j.saturating_add(1);
        }
        let mut k = j;
        while c.s.get(k) == Some(&b'=') {
            k = k.saturating_add(1);
        }
        let mut end = k;
        while matches!(c.s.get(end), Some(b' ' | b'\t')) {
            end = end.saturating_add(1);
        }
        let is_param = c.s.get(j) == Some(&b'=') && {
            // `name=value`: after the `=` comes a token or a quoted string, not the end.
            let mut v = j.saturating_add(1);
            while matches!(c.s.get(v), Some(b' ' | b'\t')) {
                v = v.saturating_add(1);
            }
            k == j.saturating_add(1) && c.s.get(v).is_some_and(|b| *b == b'"' || crate::grammar::is_tchar(*b))
        };
        if j > t68_start && !is_param && matches!(c.s.get(end), None | Some(b',')) {
            challenge.token68 = Some(String::from_utf8_lossy(c.s.get(t68_start..k).unwrap_or_default()).into_owned());
            c.i = end;
            challenges.push(challenge);
            continue;
        }
        // auth-params until a token that is not followed by `=` (the next challenge).
        loop {
            c.skip_separators();
            let param_start = c.i;
            let name = c.token().to_string();
            if name.is_empty() {
                if let Some(found) = c.peek() {
                    problems.push(Problem { at: c.i, what: format!("expected a parameter name, found `{}`", char::from(found)) });
                    while c.peek().is_some_and(|b| b != b',') {
                        c.bump();
                    }
                    continue;
                }
                break;
            }
            c.skip_ws();
            if c.peek() != Some(b'=') {
                // The start of the next challenge.
                c.i = param_start;
                break;
            }
            c.bump();
            c.skip_ws();
            let value = if c.peek() == Some(b'"') {
                match c.quoted() {
                    Some(v) => v,
                    None => {
                        problems.push(Problem { at: param_start, what: format!("the quoted value of `{name}` is not closed") });
                        String::from_utf8_lossy(c.s.get(param_start..).unwrap_or_default()).into_owned()
                    }
                }
            } else {
                let v = c.token().to_string();
                if v.is_empty() {
                    problems.push(Problem { at: c.i, what: format!("`{name}` has no value") });
                }
                v
            };
            if challenge.params.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                problems.push(Problem { at: param_start, what: format!("`{name}` appears twice in the `{}` challenge", challenge.scheme) });
            }
            challenge.params.push((name, value));
            c.skip_ws();
            match c.peek() {
                None | Some(b',') => {}
                Some(other) => {
                    problems.push(Problem { at: c.i, what: format!("unexpected `{}` after a parameter", char::from(other)) });
                    while c.peek().is_some_and(|b| b != b',') {
                        c.bump();
                    }
                }
            }
        }
        if c.i == start {
            // Nothing consumed: never loop forever.
            c.bump();
        }
        challenges.push(challenge);
    }
    (challenges, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge(scheme: &str, token68: Option<&str>, params: &[(&str, &str)]) -> Challenge {
        Challenge { scheme: scheme.into(), token68: token68.map(str::to_string), params: params.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect() }
    }

    macro_rules! parses {
        ($($name:ident: $input:expr => [$($ch:expr),* $(,)?];)*) => {$(
            #[test]
            fn $name() {
                let (got, problems) = parse($input);
                assert_eq!(got, vec![$($ch),*], "{}", $input);
                assert!(problems.is_empty(), "{}: {problems:?}", $input);
            }
        )*};
    }

    parses! {
        bearer_with_params: r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""# => [
            challenge("Bearer", None, &[("realm", "api"), ("error", "invalid_token"), ("error_description", "The access token expired")]),
        ];
        scheme_alone: "Negotiate" => [challenge("Negotiate", None, &[])];
        token68_challenge: "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg==" => [challenge("Negotiate", Some("YIIBhwYGKwYBBQUCoIIBezCCAXeg=="), &[])];
        token68_with_single_padding: "NTLM abc=" => [challenge("NTLM", Some("abc="), &[])];
        several_challenges_in_one_header: r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""# => [
            challenge("Newauth", None, &[("realm", "apps"), ("type", "1"), ("title", "Login to \"apps\"")]),
            challenge("Basic", None, &[("realm", "simple")]),
        ];
        commas_inside_quotes: r#"Bearer scope="read, write", realm="a,b""# => [
            challenge("Bearer", None, &[("scope", "read, write"), ("realm", "a,b")]),
        ];
        white_space_around_equals: r#"Basic realm = "x" , charset= "UTF-8""# => [
            challenge("Basic", None, &[("realm", "x"), ("charset", "UTF-8")]),
        ];
        empty_list_elements: r#", Basic realm="x",, Bearer"# => [
            challenge("Basic", None, &[("realm", "x")]),
            challenge("Bearer", None, &[]),
        ];
        schemes_without_params_then_params: r#"Negotiate, NTLM, Basic realm="corp""# => [
            challenge("Negotiate", None, &[]),
            challenge("NTLM", None, &[]),
            challenge("Basic", None, &[("realm", "corp")]),
        ];
        dpop_algs: r#"DPoP algs="ES256 PS256", error="invalid_dpop_proof""# => [
            challenge("DPoP", None, &[("algs", "ES256 PS256"), ("error", "invalid_dpop_proof")]),
        ];
        empty_header: "" => [];
    }

    #[test]
    fn broken_values_are_reported_not_dropped() {
        let (got, problems) = parse(r#"Bearer realm="unterminated"#);
        assert_eq!(got.len(), 1);
        assert!(problems[0].what.contains("not closed"), "{problems:?}");

        let (got, problems) = parse(r#"Bearer error="a" "stray", realm="x""#);
        assert_eq!(got[0].param("realm"), Some("x"));
        assert!(problems[0].what.contains("unexpected"), "{problems:?}");

        let (_, problems) = parse(r#"Bearer realm="a", realm="b""#);
        assert!(problems[0].what.contains("appears twice"), "{problems:?}");

        let (got, problems) = parse("=== ,Basic");
        assert_eq!(got, vec![challenge("Basic", None, &[])]);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn parameter_names_are_case_insensitive() {
        let (got, _) = parse(r#"Bearer Error="insufficient_scope", SCOPE="orders.write""#);
        assert_eq!(got[0].param("error"), Some("insufficient_scope"));
        assert_eq!(got[0].param("scope"), Some("orders.write"));
    }
}
