//! Snippets built from the pasted evidence: commands that reproduce the failing request, and
//! server configuration that fixes what was found.
//!
//! The request is read once into a [`Plan`]: the method, the URL, the headers worth resending
//! and the body, each value a list of [`Part`]s in which a credential is a named placeholder
//! (`$TOKEN`, `$COOKIE`, `$API_KEY`, ...) unless the caller asked for the real values. Every
//! snippet is then written from the plan, quoted for its own language: single quotes for the
//! shell, JSON string literals for JavaScript. The CORS fix is not repeated here: it is part of
//! each exchange's `cors.fix`.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::context::{Context, CredentialsMode};
use crate::http::exchange;
use crate::http::message::{Message, StartLine};
use crate::report::{Snippet, TokenForm, TokenReport};

/// The host written into a URL when the paste shows none.
const UNKNOWN_HOST: &str = "api.example.invalid";
/// The clock tolerance written into the Express middleware, in seconds.
const CLOCK_TOLERANCE: u64 = 60;

/// The snippets for one request (the exchange being diagnosed); `tokens` are the tokens the
/// engine decoded, among them the request's Bearer token when it is a JWT.
pub fn build(request: &Message, tokens: &[TokenReport], ctx: &Context) -> Vec<Snippet> {
    if !request.is_request() {
        return Vec::new();
    }
    let plan = Plan::read(request, ctx);
    let mut out = vec![
        snippet("curl", "Reproduce with curl", "bash", curl(&plan)),
        snippet("httpie", "Reproduce with HTTPie", "bash", httpie(&plan)),
        snippet("fetch", "Reproduce with fetch (browser console)", "javascript", fetch(&plan, ctx)),
    ];
    if request.header("authorization").is_some() {
        out.push(snippet("nginx-pass-authorization", "nginx: pass Authorization on to the API", "nginx", nginx(request)));
    }
    if let Some(token) = bearer_token(request) {
        // The token the engine decoded from this header (also when the value is quoted or
        // repeats the scheme, as in `Bearer Bearer eyJ…`).
        let decoded = tokens
            .iter()
            .find(|t| t.token.expose() == token)
            .or_else(|| tokens.iter().find(|t| !t.token.expose().is_empty() && token.contains(t.token.expose())));
        out.push(snippet("express-auth", "Express: check the Bearer token", "javascript", express(decoded, ctx)));
    }
    out
}

fn snippet(id: &str, title: &str, language: &str, text: String) -> Snippet {
    Snippet { id: id.into(), title: title.into(), language: language.into(), text }
}

// ---------------------------------------------------------------------------------------------
// The plan: what the request sent, with its credentials replaced.

/// A piece of a value: text as sent, or a placeholder for a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

/// A value as parts.
type Parts = Vec<Part>;

/// A placeholder the user has to fill in, and how to say what goes in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placeholder {
    name: String,
    /// The shell words after `export NAME=`.
    hint: String,
}

/// Hands out placeholder names, or the real values when the caller asked for them.
struct Credentials {
    reveal: bool,
    /// Every placeholder handed out, in order.
    list: Vec<Placeholder>,
    /// Placeholder name → the value it stands for.
    taken: HashMap<String, String>,
    /// Value → the placeholder that stands for it.
    named: HashMap<String, String>,
    /// How many placeholders were derived from each base name.
    counts: HashMap<String, usize>,
    /// How many credentials were met (shown or replaced).
    met: usize,
}

impl Credentials {
    fn new(reveal: bool) -> Self {
        Self { reveal, list: Vec::new(), taken: HashMap::new(), named: HashMap::new(), counts: HashMap::new(), met: 0 }
    }

    /// The part that stands for `value`: a placeholder named after `base` (`TOKEN`, `TOKEN_2`
    /// for a second, different value), or the value itself when secrets are shown.
    fn secret(&mut self, base: &str, value: &str, hint: impl FnOnce() -> String) -> Part {
        self.met = self.met.saturating_add(1);
        if self.reveal {
            return Part::Text(value.to_string());
        }
        // The same secret sent twice (a token in the header and the query) is one placeholder.
        if let Some(name) = self.named.get(value) {
            return Part::Var(name.clone());
        }
        let base = if base.is_empty() { "SECRET" } else { base };
        let mut name = base.to_string();
        while self.taken.contains_key(&name) {
            let count = self.counts.entry(base.to_string()).or_insert(1);
            *count = count.saturating_add(1);
            name = format!("{base}_{count}");
        }
        self.taken.insert(name.clone(), value.to_string());
        self.named.insert(value.to_string(), name.clone());
        self.list.push(Placeholder { name: name.clone(), hint: hint() });
        Part::Var(name)
    }
}

impl Credentials {
    /// A placeholder for a value the paste does not hold (a password, a proof to be made),
    /// whether or not secrets are shown.
    fn placeholder(&mut self, base: &str, hint: String) -> Part {
        let mut name = base.to_string();
        while self.taken.contains_key(&name) {
            let count = self.counts.entry(base.to_string()).or_insert(1);
            *count = count.saturating_add(1);
            name = format!("{base}_{count}");
        }
        self.taken.insert(name.clone(), String::new());
        self.list.push(Placeholder { name: name.clone(), hint });
        Part::Var(name)
    }
}

/// How the request is signed again rather than replayed: a Digest response and a SigV4
/// signature hold for one request only, so curl computes them anew.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Signing {
    /// `curl --digest -u user:password`.
    Digest { user: String, password: Part },
    /// `curl --aws-sigv4 aws:amz:region:service --user key:secret`.
    SigV4 { key_id: String, region: String, service: String, secret: Part },
}

struct Plan {
    method: String,
    /// The scheme curl signs with itself, when the request used one.
    signing: Option<Signing>,
    /// Headers curl leaves out because it makes them itself for `signing` (lower case).
    signed_by_curl: Vec<&'static str>,
    /// Comment lines said before the command (without the comment marker).
    notes: Vec<String>,
    url: Parts,
    /// The paste did not show the host: the URL names a placeholder host.
    host_unknown: bool,
    /// Headers worth resending, in order, each name once (a repeated header keeps each value).
    headers: Vec<(String, Parts)>,
    body: Option<Parts>,
    /// Whether the request carried cookies.
    cookies: bool,
    /// The `Content-Length` of a body the paste does not show (a `curl -v` transcript).
    missing_body: Option<u64>,
    placeholders: Vec<Placeholder>,
    /// Whether real credentials were written into the plan.
    revealed: bool,
}

/// Headers a reproduction leaves to the client: hop-by-hop fields, framing, and what browsers
/// add on their own.
fn is_noise(name: &str) -> bool {
    const NOISE: [&str; 14] = [
        "host",
        "content-length",
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "expect",
        "accept-encoding",
        "user-agent",
        "priority",
        "upgrade-insecure-requests",
    ];
    let lower = name.trim().to_ascii_lowercase();
    lower.is_empty() || lower.starts_with(':') || lower.starts_with("sec-") || NOISE.contains(&lower.as_str())
}

/// A name as a shell variable name: upper case, `_` for anything else, no leading `X_`.
fn variable_name(name: &str) -> String {
    let mut out: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    while out.starts_with("X_") {
        out = out.chars().skip(2).collect();
    }
    let out = out.trim_matches('_').to_string();
    match out.chars().next() {
        None => "SECRET".into(),
        Some(c) if c.is_ascii_digit() => format!("V_{out}"),
        Some(_) => out,
    }
}

use crate::secret::is_credential_name as is_secret_name;

/// Whether a value holds something shaped like a JWT (`eyJ….….…`).
fn holds_jwt(value: &str) -> bool {
    value
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .any(|word| word.starts_with("eyJ") && word.split('.').count() >= 3 && word.split('.').all(|p| !p.is_empty()))
}

/// `name=value&...` with the values of credential fields replaced.
fn redact_pairs(text: &str, creds: &mut Credentials) -> Parts {
    let mut parts = Vec::new();
    for (i, pair) in text.split('&').enumerate() {
        if i > 0 {
            parts.push(Part::Text("&".into()));
        }
        match pair.split_once('=') {
            Some((name, value)) if !value.is_empty() && (is_secret_name(&percent_decoded(name)) || holds_jwt(value)) => {
                parts.push(Part::Text(format!("{name}=")));
                let shown = percent_decoded(name);
                parts.push(creds.secret(&variable_name(&shown), value, || format!("'<the {} value, URL-encoded>'", plain(&shown))));
            }
            _ => parts.push(Part::Text(pair.to_string())),
        }
    }
    merge(parts)
}

/// `%XX` sequences decoded, `+` as a space, for reading a field name.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| (*h as char).to_digit(16));
        match (b, hex(i.saturating_add(1)), hex(i.saturating_add(2))) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi.saturating_mul(16).saturating_add(lo)).unwrap_or(b'?'));
                i = i.saturating_add(3);
            }
            (b'+', _, _) => {
                out.push(b' ');
                i = i.saturating_add(1);
            }
            _ => {
                out.push(b);
                i = i.saturating_add(1);
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Text safe inside a comment or a quoted hint: printable, no quotes, not too long.
fn plain(text: &str) -> String {
    let mut out: String = text.chars().take(40).map(|c| if c.is_control() || matches!(c, '\'' | '"' | '`' | '\\' | '$') { '?' } else { c }).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Adjacent text parts joined.
fn merge(parts: Vec<Part>) -> Parts {
    let mut out: Parts = Vec::with_capacity(parts.len());
    for part in parts {
        match (out.last_mut(), part) {
            (_, Part::Text(t)) if t.is_empty() => {}
            (Some(Part::Text(prev)), Part::Text(t)) => prev.push_str(&t),
            (_, part) => out.push(part),
        }
    }
    out
}

fn text(value: &str) -> Parts {
    if value.is_empty() {
        Vec::new()
    } else {
        vec![Part::Text(value.to_string())]
    }
}

/// The URL to send the request to: absolute, `https://` when the paste does not say.
fn absolute_url(request: &Message) -> (String, bool) {
    let found = exchange::url(request);
    let found = found.split('#').next().unwrap_or("").to_string();
    if found.starts_with("http://") || found.starts_with("https://") {
        return (found, false);
    }
    let (built, unknown) = match found.strip_prefix("//") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => (format!("https://{rest}"), false),
        Some(rest) => (format!("https://{UNKNOWN_HOST}{rest}"), true),
        None if found.starts_with('/') => (format!("https://{UNKNOWN_HOST}{found}"), true),
        None if found.is_empty() => (format!("https://{UNKNOWN_HOST}/"), true),
        None => (format!("https://{found}"), false),
    };
    match url::Url::parse(&built) {
        Ok(parsed) => (parsed.to_string(), unknown),
        Err(_) => (built, unknown),
    }
}

/// Authentication schemes a lone word in `Authorization` may be.
const KNOWN_SCHEMES: [&str; 15] = [
    "Basic",
    "Bearer",
    "Digest",
    "Negotiate",
    "NTLM",
    "Token",
    "ApiKey",
    "HOBA",
    "Mutual",
    "SCRAM-SHA-1",
    "SCRAM-SHA-256",
    "vapid",
    "DPoP",
    "GNAP",
    "AWS4-HMAC-SHA256",
];

/// A URL with the password of its user info and the credentials of its query replaced.
fn url_value(text_url: &str, creds: &mut Credentials) -> Parts {
    let mut parts = Vec::new();
    let rest = match url::Url::parse(text_url) {
        Ok(parsed) if parsed.password().is_some_and(|p| !p.is_empty()) => {
            let password = parsed.password().unwrap_or("");
            parts.push(Part::Text(parsed[..url::Position::BeforePassword].to_string()));
            parts.push(creds.secret("URL_PASSWORD", password, || "'<the password in the URL, URL-encoded>'".into()));
            parsed[url::Position::AfterPassword..].to_string()
        }
        _ => text_url.to_string(),
    };
    match rest.split_once('?') {
        Some((base, query)) => {
            parts.push(Part::Text(format!("{base}?")));
            parts.extend(redact_pairs(query, creds));
        }
        None => parts.push(Part::Text(rest)),
    }
    merge(parts)
}

/// The `Authorization` (or `Proxy-Authorization`) value with its credentials replaced.
fn authorization_value(value: &str, proxy: bool, creds: &mut Credentials) -> Parts {
    let trimmed = value.trim();
    let (scheme, credentials) = match trimmed.split_once([' ', '\t']) {
        Some((s, c)) => (s, c.trim()),
        // A scheme alone (`Bearer`) carries nothing; any other lone word is the credential.
        None if KNOWN_SCHEMES.iter().any(|k| k.eq_ignore_ascii_case(trimmed)) => (trimmed, ""),
        None => ("", trimmed),
    };
    if credentials.is_empty() {
        return text(value);
    }
    let prefix = if proxy { "PROXY_" } else { "" };
    let part = if scheme.eq_ignore_ascii_case("basic") {
        let user = basic_user(credentials);
        creds.secret(&format!("{prefix}BASIC"), credentials, || {
            let pair = shell_text(&format!("{}:PASSWORD", user.as_deref().unwrap_or("USER")));
            format!("\"$(printf '%s' {pair} | base64)\"")
        })
    } else if scheme.eq_ignore_ascii_case("bearer") || scheme.is_empty() {
        creds.secret(&format!("{prefix}TOKEN"), credentials, || "'<the access token>'".into())
    } else {
        let scheme_name = plain(scheme);
        creds.secret(&format!("{prefix}CREDENTIALS"), credentials, || format!("'<the {scheme_name} credentials>'"))
    };
    let mut out = Vec::new();
    if !scheme.is_empty() {
        out.push(Part::Text(format!("{scheme} ")));
    }
    out.push(part);
    out
}

/// The user name of Basic credentials, when it is plain printable text.
fn basic_user(credentials: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(credentials.trim()).ok()?;
    let decoded = String::from_utf8(bytes).ok()?;
    let (user, _) = decoded.split_once(':')?;
    (!user.is_empty() && user.len() <= 64 && user.chars().all(|c| !c.is_control())).then(|| user.to_string())
}

/// A body with the values of credential fields replaced (JSON objects and HTML forms).
fn body_value(body: &str, content_type: &str, creds: &mut Credentials) -> Parts {
    let kind = content_type.to_ascii_lowercase();
    let trimmed = body.trim_start();
    if kind.contains("json") || ((trimmed.starts_with('{') || trimmed.starts_with('[')) && kind.is_empty()) {
        if let Some(parts) = json_body(body, creds) {
            return parts;
        }
        return text(body);
    }
    let looks_like_form = !body.contains([' ', '\n', '\r']) && body.contains('=');
    if kind.contains("x-www-form-urlencoded") || (kind.is_empty() && looks_like_form) {
        return redact_pairs(body, creds);
    }
    text(body)
}

/// A marker that does not occur in the serialised JSON it is put into.
fn marker_for(body: &str) -> String {
    let mut marker = String::from("@why401-secret@");
    while body.contains(&marker) {
        marker.push('@');
    }
    marker
}

/// A JSON body re-serialised with credential strings replaced; `None` when it is not JSON or
/// has nothing to replace (it is then sent as pasted).
fn json_body(body: &str, creds: &mut Credentials) -> Option<Parts> {
    let mut value: Value = serde_json::from_str(body).ok()?;
    let marker = marker_for(&serde_json::to_string(&value).ok()?);
    let mut found: Vec<Part> = Vec::new();
    replace_json_secrets(&mut value, &marker, creds, &mut found, 0);
    if found.is_empty() || found.iter().all(|p| matches!(p, Part::Text(_))) {
        return None;
    }
    let serialized = serde_json::to_string(&value).ok()?;
    let mut parts = Vec::new();
    let mut pieces = serialized.split(marker.as_str());
    parts.push(Part::Text(pieces.next().unwrap_or("").to_string()));
    let mut found = found.into_iter();
    for piece in pieces {
        parts.extend(found.next());
        parts.push(Part::Text(piece.to_string()));
    }
    Some(merge(parts))
}

fn replace_json_secrets(value: &mut Value, marker: &str, creds: &mut Credentials, found: &mut Vec<Part>, depth: usize) {
    if depth > 64 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(s) if !s.is_empty() && (is_secret_name(key) || holds_jwt(s)) => {
                        let shown = plain(key);
                        // The placeholder sits inside a JSON string: the value is written JSON-escaped.
                        let escaped = serde_json::to_string(s.as_str()).unwrap_or_default();
                        let inner = escaped.strip_prefix('"').and_then(|e| e.strip_suffix('"')).unwrap_or("").to_string();
                        found.push(creds.secret(&variable_name(key), &inner, || format!("'<the {shown} value>'")));
                        *s = marker.to_string();
                    }
                    _ => replace_json_secrets(item, marker, creds, found, depth.saturating_add(1)),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                replace_json_secrets(item, marker, creds, found, depth.saturating_add(1));
            }
        }
        _ => {}
    }
}

/// The scheme curl can sign the request with itself (Digest, AWS Signature V4), with the
/// headers it then makes on its own.
fn signing_of(request: &Message, creds: &mut Credentials) -> (Option<Signing>, Vec<&'static str>) {
    let Some(value) = request.header("authorization").map(str::trim) else {
        return (None, Vec::new());
    };
    let (scheme, rest) = value.split_once([' ', '\t']).unwrap_or((value, ""));
    if scheme.eq_ignore_ascii_case("digest") {
        let user = crate::schemes::digest::read_credentials(value)
            .and_then(|(c, _)| c.username())
            .filter(|u| !u.is_empty() && !u.contains(':') && !u.chars().any(char::is_control))
            .unwrap_or_else(|| "USER".into());
        // The password and the AWS secret typed in are never written out, not even when the
        // paste's own credentials are: they stay on this machine.
        let password = creds.placeholder("PASSWORD", format!("'<the password of {}>'", plain(&user)));
        return (Some(Signing::Digest { user, password }), vec!["authorization"]);
    }
    if scheme.eq_ignore_ascii_case(crate::schemes::sigv4::ALGORITHM) {
        let (signed, _) = crate::schemes::sigv4::parse_authorization(rest);
        let Some(scope) = signed.scope.filter(|s| !s.key_id.is_empty() && !s.region.is_empty() && !s.service.is_empty()) else {
            return (None, Vec::new());
        };
        let secret = creds.placeholder("AWS_SECRET_ACCESS_KEY", format!("'<the secret access key of {}>'", plain(&scope.key_id)));
        let signing = Signing::SigV4 { key_id: scope.key_id, region: scope.region, service: scope.service, secret };
        return (Some(signing), vec!["authorization", "x-amz-date"]);
    }
    (None, Vec::new())
}

impl Plan {
    fn read(request: &Message, ctx: &Context) -> Self {
        let mut creds = Credentials::new(ctx.secrets_in_snippets);
        let method = match &request.start {
            StartLine::Request { method, .. } if !method.trim().is_empty() => method.trim().to_string(),
            _ => "GET".into(),
        };
        let mut notes = Vec::new();
        let (signing, signed_by_curl) = signing_of(request, &mut creds);
        // `Authorization` first, so that its token is the one called `$TOKEN`.
        let mut authorization: HashMap<usize, Parts> = HashMap::new();
        for (i, h) in request.headers.iter().enumerate() {
            if h.name.trim().eq_ignore_ascii_case("authorization") {
                authorization.insert(i, authorization_value(&h.value, false, &mut creds));
            }
        }
        let mut headers: Vec<(String, Parts)> = Vec::new();
        let mut cookie_values: Vec<&str> = Vec::new();
        let mut cookie_at = None;
        for (i, h) in request.headers.iter().enumerate() {
            let name = h.name.trim();
            if is_noise(name) {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            let value = match lower.as_str() {
                "cookie" => {
                    // Cookies split over several lines (HTTP/2 captures) are sent as one header.
                    cookie_at.get_or_insert(headers.len());
                    if !h.value.trim().is_empty() {
                        cookie_values.push(h.value.trim());
                    }
                    continue;
                }
                "authorization" => authorization.remove(&i).unwrap_or_default(),
                "proxy-authorization" => authorization_value(&h.value, true, &mut creds),
                "referer" | "origin" => url_value(&h.value, &mut creds),
                // A DPoP proof is good for one request: the reproduction needs a new one, never
                // the captured proof (a server that has seen its `jti` refuses it again).
                "dpop" if !h.value.trim().is_empty() => {
                    if !notes.iter().any(|n: &String| n.starts_with("A DPoP proof")) {
                        notes.push(format!("A DPoP proof is good for one request: mint a new one for this request (`htm` {method}, `htu` the URL, a new `jti`, `iat` now, `ath` of the access token), signed with the client's key; do not resend the captured proof."));
                    }
                    vec![creds.placeholder("DPOP_PROOF", "'<a new DPoP proof for this request>'".into())]
                }
                _ if !h.value.trim().is_empty() && (is_secret_name(name) || holds_jwt(&h.value)) => {
                    let shown = plain(name);
                    vec![creds.secret(&variable_name(name), &h.value, || format!("'<the {shown} value>'"))]
                }
                _ => text(&h.value),
            };
            headers.push((name.to_string(), value));
        }
        let cookies = cookie_at.is_some() && !cookie_values.is_empty();
        if let (Some(at), true) = (cookie_at, cookies) {
            let joined = cookie_values.join("; ");
            let value = vec![creds.secret("COOKIE", &joined, || "'<the Cookie header value>'".into())];
            headers.insert(at.min(headers.len()), ("Cookie".to_string(), value));
        }
        let body = (!request.body.is_empty()).then(|| body_value(&request.body, request.header("content-type").unwrap_or(""), &mut creds));
        let (url, host_unknown) = absolute_url(request);
        let url = url_value(&url, &mut creds);
        let missing_body = match request.header("content-length").and_then(|l| l.trim().parse::<u64>().ok()) {
            Some(length) if length > 0 && request.body.is_empty() => Some(length),
            _ => None,
        };
        let revealed = creds.reveal && creds.met > 0;
        Plan { method, signing, signed_by_curl, notes, url, host_unknown, headers, body, cookies, missing_body, placeholders: creds.list, revealed }
    }

    /// The comment lines that open a shell snippet: which variables to set, or a warning that
    /// the command holds real credentials.
    fn shell_preamble(&self, body_option: &str, command: &str) -> String {
        let mut out = String::new();
        if self.host_unknown {
            out.push_str(&format!("# The paste does not show the host: replace {UNKNOWN_HOST} with the API's.\n"));
        }
        for note in &self.notes {
            out.push_str(&format!("# {note}\n"));
        }
        // Only the placeholders this command uses: curl signs Digest and SigV4 requests itself.
        let expanded = expanded(command);
        let used: Vec<&Placeholder> = self.placeholders.iter().filter(|p| expanded.contains(p.name.as_str())).collect();
        if !used.is_empty() {
            let names: Vec<String> = used.iter().map(|p| p.name.clone()).collect();
            out.push_str(&format!("# Set {} first (the credentials are not copied here):\n", and_list(&names)));
            for p in used {
                out.push_str(&format!("#   export {}={}\n", p.name, p.hint));
            }
        } else if self.revealed {
            out.push_str("# This command holds the real credentials: do not share it.\n");
        }
        if let Some(length) = self.missing_body {
            out.push_str(&format!("# The paste does not show the request body (Content-Length: {length}): add it with {body_option}.\n"));
        }
        out
    }
}

/// The variables a shell command expands (`$NAME` or `${NAME}`), in one pass over it.
fn expanded(command: &str) -> std::collections::HashSet<&str> {
    let mut out = std::collections::HashSet::new();
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for (at, _) in command.match_indices('$') {
        let rest = command.get(at.saturating_add(1)..).unwrap_or("");
        let (rest, braced) = match rest.strip_prefix('{') {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
        let name = rest.get(..end).unwrap_or("");
        if !name.is_empty() && (!braced || rest.get(end..).is_some_and(|r| r.starts_with('}'))) {
            out.insert(name);
        }
    }
    out
}

/// `A`, `A and B`, `A, B and C`.
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------
// Shell quoting.

/// Whether a character needs no quoting in a shell word.
fn is_bare(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '=' | '@' | ',' | '+' | '%')
}

/// Text as one shell word: bare when it is safe, else in single quotes (`'` written `'\''`).
fn shell_text(s: &str) -> String {
    if !s.is_empty() && s.chars().all(is_bare) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Whether text can sit inside double quotes as it is.
fn double_quote_safe(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() || matches!(c, '"' | '\\' | '$' | '`' | '!'))
}

/// A value as one shell word, placeholders expanded by the shell: `"Bearer $TOKEN"` when the
/// text around them allows, else single-quoted text joined to `"$NAME"`.
fn shell_word(parts: &[Part]) -> String {
    if !parts.iter().any(|p| matches!(p, Part::Var(_))) {
        let all: String = parts.iter().map(|p| if let Part::Text(t) = p { t.as_str() } else { "" }).collect();
        return shell_text(&all);
    }
    let simple = parts.iter().all(|p| match p {
        Part::Text(t) => double_quote_safe(t),
        Part::Var(_) => true,
    });
    let mut out = String::new();
    if simple {
        out.push('"');
        for (i, part) in parts.iter().enumerate() {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(name) => {
                    let glued = matches!(parts.get(i.saturating_add(1)), Some(Part::Text(t)) if t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                    if glued {
                        out.push_str(&format!("${{{name}}}"));
                    } else {
                        out.push_str(&format!("${name}"));
                    }
                }
            }
        }
        out.push('"');
        return out;
    }
    for part in parts {
        match part {
            Part::Text(t) if t.is_empty() => {}
            Part::Text(t) => out.push_str(&format!("'{}'", t.replace('\'', r"'\''"))),
            Part::Var(name) => out.push_str(&format!("\"${name}\"")),
        }
    }
    out
}

/// A header as one value: `Name: value`.
fn header_line(name: &str, value: &[Part]) -> Parts {
    let mut parts = vec![Part::Text(if value.is_empty() { format!("{name};") } else { format!("{name}: ") })];
    parts.extend(value.iter().cloned());
    merge(parts)
}

/// A shell command: words, one option per line after the first.
fn command(lines: Vec<String>) -> String {
    lines.join(" \\\n  ")
}

fn curl(plan: &Plan) -> String {
    let mut first = vec!["curl".to_string(), "-i".to_string()];
    let has_body = plan.body.as_ref().is_some_and(|b| !b.is_empty());
    // curl sends GET, or POST with a body, unless told otherwise.
    let implied = match plan.method.as_str() {
        "GET" => !has_body,
        "POST" => has_body,
        _ => false,
    };
    if plan.method.eq_ignore_ascii_case("HEAD") {
        first.push("--head".into());
    } else if !implied {
        first.push("-X".into());
        first.push(shell_text(&plan.method));
    }
    first.push(shell_word(&plan.url));
    let mut lines = vec![first.join(" ")];
    match &plan.signing {
        Some(Signing::Digest { user, password }) => {
            lines.push(format!("--digest -u {}", shell_word(&merge(vec![Part::Text(format!("{user}:")), password.clone()]))));
        }
        Some(Signing::SigV4 { key_id, region, service, secret }) => {
            lines.push(format!("--aws-sigv4 {}", shell_text(&format!("aws:amz:{region}:{service}"))));
            lines.push(format!("--user {}", shell_word(&merge(vec![Part::Text(format!("{key_id}:")), secret.clone()]))));
        }
        None => {}
    }
    for (name, value) in &plan.headers {
        if plan.signed_by_curl.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            continue;
        }
        // An empty value is sent as `Name;` (curl drops a header written `Name:`).
        lines.push(format!("-H {}", shell_word(&header_line(name, value))));
    }
    if let Some(body) = plan.body.as_ref().filter(|b| !b.is_empty()) {
        lines.push(format!("--data-raw {}", shell_word(body)));
    }
    let text = command(lines);
    format!("{}{text}\n", plan.shell_preamble("--data-raw", &text))
}

/// A request item for HTTPie: `Name:value`, separators in the name and a leading `=` or `@` in
/// the value escaped, an empty value written `Name;`.
fn httpie_header(name: &str, value: &[Part]) -> Parts {
    let escaped_name: String = name.chars().flat_map(|c| if matches!(c, ':' | '=' | '@' | ';' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
    if value.is_empty() {
        return vec![Part::Text(format!("{escaped_name};"))];
    }
    let mut parts = vec![Part::Text(format!("{escaped_name}:"))];
    for (i, part) in value.iter().enumerate() {
        match part {
            Part::Text(t) if i == 0 && t.starts_with(['=', '@']) => parts.push(Part::Text(format!("\\{t}"))),
            other => parts.push(other.clone()),
        }
    }
    merge(parts)
}

fn httpie(plan: &Plan) -> String {
    let first = format!("http --print=hHbB {} {}", shell_text(&plan.method), shell_word(&plan.url));
    let mut lines = vec![first];
    let digest = matches!(plan.signing, Some(Signing::Digest { .. }));
    if let Some(Signing::Digest { user, password }) = &plan.signing {
        lines.push(format!("-A digest -a {}", shell_word(&merge(vec![Part::Text(format!("{user}:")), password.clone()]))));
    }
    for (name, value) in &plan.headers {
        if digest && name.eq_ignore_ascii_case("authorization") {
            continue;
        }
        lines.push(shell_word(&httpie_header(name, value)));
    }
    if let Some(body) = plan.body.as_ref().filter(|b| !b.is_empty()) {
        lines.push(format!("--raw {}", shell_word(body)));
    }
    let text = command(lines);
    let note = if matches!(plan.signing, Some(Signing::SigV4 { .. })) {
        "# HTTPie does not sign with Signature V4: the captured signature is resent, and AWS refuses it once it is 15 minutes old; use the curl command to sign it anew.\n"
    } else {
        ""
    };
    format!("{}{note}{text}\n", plan.shell_preamble("--raw", &text))
}

// ---------------------------------------------------------------------------------------------
// JavaScript.

/// A JavaScript string literal (JSON rules); a placeholder is written `$NAME` for the user to
/// replace.
fn js_string(parts: &[Part]) -> String {
    let joined: String = parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Var(name) => format!("${name}"),
        })
        .collect();
    js_literal(&joined)
}

fn js_literal(s: &str) -> String {
    // JSON strings are JavaScript strings, except for U+2028 and U+2029 in older engines.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()).replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

fn fetch(plan: &Plan, ctx: &Context) -> String {
    let mut out = String::from("// Run in the console of the page that calls the API.\n");
    if plan.host_unknown {
        out.push_str(&format!("// The paste does not show the host: replace {UNKNOWN_HOST} with the API's.\n"));
    }
    for note in &plan.notes {
        out.push_str(&format!("// {note}\n"));
    }
    match &plan.signing {
        Some(Signing::Digest { .. }) => out.push_str("// A Digest response holds for one nonce and one request: the captured one is shown here, but to send the request again use the curl or HTTPie command, which computes a new one.\n"),
        Some(Signing::SigV4 { .. }) => out.push_str("// A Signature V4 covers this request at its signing time: the captured one is shown here, but to send the request again sign it anew (the curl command does, or an AWS SDK).\n"),
        None => {}
    }
    // The browser sets these itself; a page cannot.
    let settable: Vec<&(String, Parts)> = plan.headers.iter().filter(|(name, _)| !crate::cors::is_forbidden_request_header(name, "")).collect();
    // Only the placeholders this snippet uses (gathered once: a paste can hold thousands).
    let used: std::collections::HashSet<&str> = plan
        .url
        .iter()
        .chain(settable.iter().flat_map(|(_, v)| v.iter()))
        .chain(plan.body.iter().flatten())
        .filter_map(|p| match p {
            Part::Var(n) => Some(n.as_str()),
            Part::Text(_) => None,
        })
        .collect();
    let names: Vec<&str> = plan.placeholders.iter().map(|p| p.name.as_str()).filter(|n| used.contains(n)).collect();
    if !names.is_empty() {
        let list: Vec<String> = names.iter().map(|n| format!("${n}")).collect();
        out.push_str(&format!("// Replace {} first (the credentials are not copied here).\n", and_list(&list)));
    } else if plan.revealed {
        out.push_str("// This code holds the real credentials: do not share it.\n");
    }
    if let Some(length) = plan.missing_body {
        out.push_str(&format!("// The paste does not show the request body (Content-Length: {length}): add it as `body`.\n"));
    }
    let include = plan.cookies || ctx.credentials == Some(CredentialsMode::Include);
    if plan.cookies {
        out.push_str("// The browser sends the site's cookies itself (credentials: 'include'); a page cannot set `Cookie`.\n");
    }
    out.push_str(&format!("const res = await fetch({}, {{\n", js_string(&plan.url)));
    out.push_str(&format!("  method: {},\n", js_literal(&plan.method)));
    // One entry per name: repeated headers are joined, as `Headers` joins them.
    let mut merged: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (name, value) in settable {
        let joined: String = value
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Var(n) => format!("${n}"),
            })
            .collect();
        match index.get(&name.to_ascii_lowercase()).and_then(|&i| merged.get_mut(i)) {
            Some((_, existing)) => {
                existing.push_str(", ");
                existing.push_str(&joined);
            }
            None => {
                index.insert(name.to_ascii_lowercase(), merged.len());
                merged.push((name.clone(), joined));
            }
        }
    }
    if !merged.is_empty() {
        out.push_str("  headers: {\n");
        for (name, value) in &merged {
            out.push_str(&format!("    {}: {},\n", js_literal(name), js_literal(value)));
        }
        out.push_str("  },\n");
    }
    if let Some(body) = plan.body.as_ref().filter(|b| !b.is_empty()) {
        if plan.method.eq_ignore_ascii_case("GET") || plan.method.eq_ignore_ascii_case("HEAD") {
            out.push_str("  // The request had a body, but fetch sends none with GET or HEAD.\n");
        } else {
            out.push_str(&format!("  body: {},\n", js_string(body)));
        }
    }
    if include {
        out.push_str("  credentials: 'include',\n");
    }
    out.push_str("});\n");
    out.push_str("// A cross-origin page reads WWW-Authenticate only if the API lists it in Access-Control-Expose-Headers.\n");
    out.push_str("console.log(res.status, res.headers.get('WWW-Authenticate'));\n");
    out
}

// ---------------------------------------------------------------------------------------------
// nginx.

/// The first path segment of the URL as an nginx location (`/v1/`), or `/`.
fn location_of(request: &Message) -> String {
    let (url, _) = absolute_url(request);
    let segments: Vec<String> = url::Url::parse(&url).ok().and_then(|u| u.path_segments().map(|s| s.map(str::to_string).collect())).unwrap_or_default();
    match segments.as_slice() {
        [first, _, ..]
            if !first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')) && !first.starts_with('.') =>
        {
            format!("/{first}/")
        }
        _ => "/".into(),
    }
}

fn nginx(request: &Message) -> String {
    let underscored: Vec<String> = request
        .headers
        .iter()
        .map(|h| h.name.trim())
        .filter(|n| n.contains('_') && !n.starts_with(':') && n.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)))
        .fold(Vec::new(), |mut seen, n| {
            if !seen.iter().any(|s: &String| s.eq_ignore_ascii_case(n)) && seen.len() < 8 {
                seen.push(n.to_string());
            }
            seen
        });
    let mut out = String::new();
    if !underscored.is_empty() {
        let names: Vec<String> = underscored.iter().map(|n| format!("`{n}`")).collect();
        out.push_str(&format!(
            "# The request sends {}: nginx drops header names with `_` unless the server {{}} block says\nunderscores_in_headers on;\n\n",
            names.join(", ")
        ));
    }
    out.push_str(&format!(
        r#"# In the API's server {{}} block (adjust the path and the upstream):
location {location} {{
    # Request headers go to the upstream unless this was turned off somewhere.
    proxy_pass_request_headers on;
    # Set it here explicitly: a location with any proxy_set_header of its own inherits none
    # from the server {{}} or http {{}} block.
    proxy_set_header Authorization $http_authorization;
    proxy_pass http://backend;  # your upstream
}}

# With auth_request, the subrequest needs the header too:
# location = /_auth {{
#     internal;
#     proxy_pass http://auth-service;  # your authentication service
#     proxy_pass_request_body off;
#     proxy_set_header Content-Length "";
#     proxy_set_header Authorization $http_authorization;
# }}
"#,
        location = location_of(request)
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// Express.

/// The Bearer token of the request's `Authorization` header.
fn bearer_token(request: &Message) -> Option<&str> {
    let value = request.header("authorization")?.trim();
    let (scheme, token) = value.split_once([' ', '\t'])?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The header and claims of a decoded JWS (nothing for a JWE, or a token that was not decoded).
/// A token's JOSE header and claims, each an object when the token has one.
type HeaderAndClaims<'a> = (Option<&'a Map<String, Value>>, Option<&'a Map<String, Value>>);

fn header_and_claims(token: Option<&TokenReport>) -> HeaderAndClaims<'_> {
    match token {
        Some(t) if matches!(t.form, TokenForm::Jws) => (t.header.as_object(), t.payload.as_object()),
        _ => (None, None),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

const ASYMMETRIC: [&str; 11] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

fn express(token: Option<&TokenReport>, ctx: &Context) -> String {
    let empty = Map::new();
    let (header, claims) = header_and_claims(token);
    let (header, claims) = (header.unwrap_or(&empty), claims.unwrap_or(&empty));
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let hmac = matches!(alg, "HS256" | "HS384" | "HS512");
    let expect = &ctx.expect;

    let (issuer, issuer_note) = match (&expect.issuer, claims.get("iss").and_then(Value::as_str)) {
        (Some(i), _) => (i.clone(), "what the API expects"),
        (None, Some(i)) => (i.to_string(), "from the token that was sent: check it is what the API expects"),
        (None, None) => ("https://your-issuer.example/".to_string(), "replace with your authorization server's issuer"),
    };
    let (audiences, audience_note) = if !expect.audiences.is_empty() {
        (expect.audiences.clone(), "what the API expects")
    } else {
        match strings(claims.get("aud")) {
            found if !found.is_empty() => (found, "from the token that was sent: check it names this API"),
            _ => (vec!["your-api-audience".to_string()], "replace with this API's identifier"),
        }
    };
    let scopes_note = if expect.scopes.is_empty() { "the scopes this route needs (none known yet)" } else { "what the API expects" };
    let list = |items: &[String]| items.iter().map(|s| js_literal(s)).collect::<Vec<_>>().join(", ");

    let mut out = String::from("// Express middleware that checks the Bearer token: signature, exp, iss, aud and scopes.\n// npm install jose\n");
    if hmac {
        out.push_str("import { jwtVerify } from 'jose';\n\n");
    } else {
        out.push_str("import { createRemoteJWKSet, jwtVerify } from 'jose';\n\n");
    }
    out.push_str(&format!("const ISSUER = {}; // {issuer_note}\n", js_literal(&issuer)));
    out.push_str(&format!("const AUDIENCE = [{}]; // {audience_note}\n", list(&audiences)));
    out.push_str(&format!("const REQUIRED_SCOPES = [{}]; // {scopes_note}\n", list(&expect.scopes)));
    if hmac {
        out.push_str(&format!(
            "// The token is signed with {alg}: verify with the shared secret, kept out of the code.\nconst KEY = new TextEncoder().encode(process.env.JWT_SECRET);\n"
        ));
    } else {
        let jwks = if issuer.starts_with("https://") || issuer.starts_with("http://") {
            format!("{}/.well-known/jwks.json", issuer.trim_end_matches('/'))
        } else {
            "https://your-issuer.example/.well-known/jwks.json".to_string()
        };
        out.push_str(&format!(
            "// The issuer's public keys: use the `jwks_uri` of its /.well-known/openid-configuration.\nconst KEY = createRemoteJWKSet(new URL({}));\n",
            js_literal(&jwks)
        ));
    }
    let algorithms = if hmac || ASYMMETRIC.contains(&alg) { format!("\n      algorithms: [{}],", js_literal(alg)) } else { String::new() };
    out.push_str(&format!(
        r#"
// Answers with a challenge the client can act on (RFC 6750 §3).
function deny(res, status, error, description, scope) {{
  const params = ['realm="api"'];
  if (error) {{
    // A quoted-string: no `"` or `\` inside.
    params.push(`error="${{error}}"`, `error_description="${{description.replace(/["\\]/g, "'")}}"`);
  }}
  if (scope) params.push(`scope="${{scope}}"`);
  res.set('WWW-Authenticate', `Bearer ${{params.join(', ')}}`);
  return res.status(status).json({{ error: error ?? 'unauthorized', error_description: description }});
}}

// A short reason for the client; the details go to the server's log.
function reason(err) {{
  console.warn('Bearer token rejected:', err.code, err.message);
  switch (err.code) {{
    case 'ERR_JWT_EXPIRED': return 'The token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': return `The ${{err.claim}} claim is not accepted`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return 'The token signature is not valid';
    case 'ERR_JWKS_NO_MATCHING_KEY': return 'No key of the issuer matches the token';
    case 'ERR_JOSE_ALG_NOT_ALLOWED': return 'The token is signed with an algorithm this API does not accept';
    default: return 'The token is not valid';
  }}
}}

export async function authenticate(req, res, next) {{
  const [scheme, token, ...rest] = (req.get('Authorization') ?? '').trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {{
    // No usable credentials: a bare challenge, without an error code (RFC 6750 §3.1).
    return deny(res, 401, null, 'Send the access token as: Authorization: Bearer <token>');
  }}
  let payload;
  try {{
    ({{ payload }} = await jwtVerify(token, KEY, {{
      issuer: ISSUER,
      audience: AUDIENCE,{algorithms}
      requiredClaims: ['exp'],
      clockTolerance: {CLOCK_TOLERANCE}, // seconds of clock skew allowed on exp, nbf and iat
    }}));
  }} catch (err) {{
    return deny(res, 401, 'invalid_token', reason(err));
  }}
  // `scope` is a space-separated string; some issuers send `scp`, as a string or a list.
  const granted = new Set(
    [payload.scope, payload.scp].flat().filter((s) => typeof s === 'string').flatMap((s) => s.split(' ')),
  );
  const missing = REQUIRED_SCOPES.filter((s) => !granted.has(s));
  if (missing.length > 0) {{
    return deny(res, 403, 'insufficient_scope', `The token lacks the scope ${{missing.join(' ')}}`, REQUIRED_SCOPES.join(' '));
  }}
  req.auth = payload;
  next();
}}

app.use(authenticate); // before the routes it protects (after the CORS middleware, if any)
"#
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::message::parse;

    fn request(text: &str) -> Message {
        parse(text).0.into_iter().next().unwrap()
    }

    #[test]
    fn shell_words_keep_placeholders_outside_single_quotes() {
        let bearer = vec![Part::Text("Authorization: Bearer ".into()), Part::Var("TOKEN".into())];
        assert_eq!(shell_word(&bearer), "\"Authorization: Bearer $TOKEN\"");
        let glued = vec![Part::Var("A".into()), Part::Text("b".into())];
        assert_eq!(shell_word(&glued), "\"${A}b\"");
        let hostile = vec![Part::Text("{\"p\":\"".into()), Part::Var("PASSWORD".into()), Part::Text("\"}".into())];
        assert_eq!(shell_word(&hostile), "'{\"p\":\"'\"$PASSWORD\"'\"}'");
        assert_eq!(shell_text("it's"), r"'it'\''s'");
        assert_eq!(shell_text("https://a.example/x"), "https://a.example/x");
    }

    #[test]
    fn names_and_placeholders() {
        assert_eq!(variable_name("X-Api-Key"), "API_KEY");
        assert_eq!(variable_name("x-auth-token"), "AUTH_TOKEN");
        assert!(is_secret_name("X-Api-Key") && is_secret_name("access_token") && is_secret_name("Ocp-Apim-Subscription-Key"));
        assert!(!is_secret_name("token_type") && !is_secret_name("Accept") && !is_secret_name("Idempotency-Key"));
        let mut creds = Credentials::new(false);
        assert_eq!(creds.secret("TOKEN", "a", String::new), Part::Var("TOKEN".into()));
        assert_eq!(creds.secret("TOKEN", "a", String::new), Part::Var("TOKEN".into()));
        assert_eq!(creds.secret("TOKEN", "b", String::new), Part::Var("TOKEN_2".into()));
        assert_eq!(creds.secret("TOKEN", "c", String::new), Part::Var("TOKEN_3".into()));
        assert_eq!(creds.list.len(), 3);
        assert_eq!(creds.secret("ACCESS_TOKEN", "b", String::new), Part::Var("TOKEN_2".into()), "one value, one placeholder");
    }

    #[test]
    fn urls_without_scheme_become_https() {
        let (url, unknown) = absolute_url(&request("GET /v1/me?x=1 HTTP/1.1\nHost: api.example.com\n"));
        assert_eq!((url.as_str(), unknown), ("https://api.example.com/v1/me?x=1", false));
        let (url, unknown) = absolute_url(&request("GET /v1/me HTTP/1.1\n"));
        assert_eq!((url.as_str(), unknown), ("https://api.example.invalid/v1/me", true));
    }

    #[test]
    fn secrets_in_query_and_json_bodies_are_replaced() {
        let ctx = Context::new(0);
        let m = request(
            "POST /login?access_token=abc&page=2 HTTP/1.1\nHost: a.example\nContent-Type: application/json\n\n{\"user\":\"al\",\"password\":\"hunter2\"}\n",
        );
        let plan = Plan::read(&m, &ctx);
        let curl = curl(&plan);
        assert!(!curl.contains("hunter2") && !curl.contains("abc"), "{curl}");
        assert!(curl.contains("$PASSWORD") && curl.contains("$ACCESS_TOKEN"), "{curl}");
        assert_eq!(location_of(&m), "/");
        let mut creds = Credentials::new(false);
        let url = url_value("https://al:pw%21@a.example/x?token=t&b=1", &mut creds);
        assert_eq!(shell_word(&url), "\"https://al:$URL_PASSWORD@a.example/x?token=$TOKEN&b=1\"");
        assert_eq!(location_of(&request("GET /v1/me HTTP/1.1\nHost: a\n")), "/v1/");
    }

    #[test]
    fn digest_requests_are_signed_again_by_curl() {
        let m = request("GET /dir/index.html HTTP/1.1\nHost: h.example\nAuthorization: Digest username=\"Mufasa\", realm=\"r\", nonce=\"n\", uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\"\n\n");
        let mut ctx = Context::new(0);
        let out = curl(&Plan::read(&m, &ctx));
        assert!(out.contains("--digest -u \"Mufasa:$PASSWORD\"") && !out.contains("Authorization") && !out.contains("CREDENTIALS"), "{out}");
        assert!(httpie(&Plan::read(&m, &ctx)).contains("-A digest -a \"Mufasa:$PASSWORD\""));
        ctx.password = Some(crate::secret::Secret::new("Circle Of Life"));
        ctx.secrets_in_snippets = true;
        let out = curl(&Plan::read(&m, &ctx));
        assert!(out.contains("\"Mufasa:$PASSWORD\"") && !out.contains("Circle Of Life"), "the password typed in is never written out: {out}");
    }

    #[test]
    fn sigv4_requests_are_signed_again_by_curl() {
        let m = request("GET /prod/items HTTP/1.1\nHost: abc.execute-api.eu-west-1.amazonaws.com\nX-Amz-Date: 20251124T155800Z\nX-Amz-Security-Token: FQoGZXIvYXdzEXAMPLE\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7\n\n");
        let out = curl(&Plan::read(&m, &Context::new(0)));
        assert!(out.contains("--aws-sigv4 aws:amz:eu-west-1:execute-api") && out.contains("--user \"AKIDEXAMPLE:$AWS_SECRET_ACCESS_KEY\""), "{out}");
        assert!(!out.contains("Authorization") && !out.contains("X-Amz-Date") && out.contains("X-Amz-Security-Token"), "{out}");
        assert!(!out.contains("5d672d79"), "{out}");
    }

    #[test]
    fn dpop_proofs_are_never_replayed() {
        let proof = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2In0.eyJqdGkiOiIxIn0.c2ln";
        let m = request(&format!("GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: DPoP abc\nDPoP: {proof}\n\n"));
        let mut ctx = Context::new(0);
        ctx.secrets_in_snippets = true;
        let plan = Plan::read(&m, &ctx);
        for out in [curl(&plan), httpie(&plan), fetch(&plan, &ctx)] {
            assert!(!out.contains(proof) && out.contains("$DPOP_PROOF") && out.contains("mint a new one"), "{out}");
        }
    }
}
