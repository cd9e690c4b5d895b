//! Decoded claims pasted without their token: a JSON object of JWT claims (as jwt.io or a log
//! shows it), or IdentityModel's `'{header}.{payload}'` form. They are checked like a token's
//! claims; there is no signature to check.

use serde_json::{Map, Value};

/// Claims that mark a JSON object as a token's payload.
const CLAIMS: &[&str] = &["exp", "iat", "nbf", "aud", "iss", "sub", "scp", "scope", "azp", "appid", "tid", "auth_time", "jti"];
/// At most this many claim sets are read from one text.
const MAX_SETS: usize = 20;

/// One set of decoded claims found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// 1-based line where the object starts.
    pub line: usize,
    /// The JOSE header, when the text had IdentityModel's `{header}.{payload}` form.
    pub header: Option<Value>,
    pub claims: Map<String, Value>,
}

/// Whether an object reads as a token's claims: at least two claim names, one of them a time,
/// the audience or the issuer.
fn is_claims(object: &Map<String, Value>) -> bool {
    let named = CLAIMS.iter().filter(|c| object.contains_key(**c)).count();
    // An introspection response (`active`) has its own reader.
    named >= 2 && ["exp", "iat", "nbf", "aud", "iss"].iter().any(|c| object.contains_key(*c)) && !object.contains_key("active")
}

/// Every set of decoded claims in `text`.
pub fn find(text: &str) -> Vec<Decoded> {
    let mut out = Vec::new();
    crate::json_scan::each_object(text, CLAIMS, usize::MAX, &mut |at, end, object| {
        if !is_claims(&object) {
            // A header (`{"alg":…}`) followed by `.{payload}` is IdentityModel's form.
            let payload = text.get(end..).and_then(|r| r.strip_prefix('.')).filter(|r| r.starts_with('{'));
            if let (true, Some(payload)) = (object.contains_key("alg"), payload) {
                let mut next = serde_json::Deserializer::from_str(payload).into_iter::<Value>();
                if let Some(Ok(Value::Object(claims))) = next.next() {
                    if is_claims(&claims) {
                        out.push(Decoded { line: line_of(text, at), header: Some(Value::Object(object)), claims });
                        return Then::After(end.saturating_add(1).saturating_add(next.byte_offset()));
                    }
                }
            }
            return Then::Next;
        }
        out.push(Decoded { line: line_of(text, at), header: None, claims: object });
        if out.len() == MAX_SETS {
            Then::Stop
        } else {
            Then::After(end)
        }
    });
    out
}

use crate::json_scan::{line_of, Then};

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn claims_json_and_identitymodel_form_are_found() {
        let text = "payload:\n{\n  \"aud\": \"api://orders\",\n  \"iss\": \"https://sts.windows.net/t/\",\n  \"exp\": 1700000000\n}\n";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        let im = "IDX10214: Audience validation failed. token: '{\"alg\":\"RS256\",\"kid\":\"k1\"}.{\"aud\":\"a\",\"exp\":1}'.";
        let found = find(im);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].header.as_ref().and_then(|h| h.get("kid")), Some(&serde_json::json!("k1")));
        assert!(find(r#"{"level":"info","msg":"ok","status":200}"#).is_empty());
    }
}
