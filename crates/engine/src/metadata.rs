//! Metadata documents pasted with the rest of the input: OAuth 2.0 protected-resource metadata
//! (RFC 9728, what an MCP server's `WWW-Authenticate: Bearer resource_metadata="…"` points to),
//! and authorization-server metadata (RFC 8414 `/.well-known/oauth-authorization-server`,
//! OpenID Connect Discovery `/.well-known/openid-configuration`), compared with the token, the
//! URL that was called and the authorize and token requests (RFC 8707 `resource`).
//!
//! A JSON object is metadata by its members: `resource` with `authorization_servers` (or another
//! RFC 9728 member) is protected-resource metadata; `issuer` with `authorization_endpoint`,
//! `token_endpoint` or `jwks_uri` is server metadata. Token claims (`iss`, `aud`), JWK Sets
//! (`keys`) and HAR files (`log`) have other members and are left to their readers.

use crate::context::Expectations;
use crate::findings::{Code, Finding};
use crate::oauth::Asked;
use serde_json::{Map, Value};

/// At most this many documents are read from one input.
const MAX_DOCUMENTS: usize = 20;
/// At most this many JSON objects are parsed while looking for them.
const MAX_ATTEMPTS: usize = 400;
/// Scopes of OpenID Connect itself, asked of the authorization server, not of the resource.
const OIDC_SCOPES: &[&str] = &["openid", "profile", "email", "address", "phone", "offline_access"];
/// Members that make a JSON object protected-resource metadata, besides `resource`.
const RESOURCE_MEMBERS: &[&str] = &["authorization_servers", "bearer_methods_supported", "resource_name", "resource_documentation"];
/// Members that make a JSON object server metadata, besides `issuer`.
const SERVER_MEMBERS: &[&str] = &["authorization_endpoint", "token_endpoint", "jwks_uri"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// RFC 9728 protected-resource metadata.
    ProtectedResource,
    /// RFC 8414 or OpenID Connect Discovery server metadata.
    Server,
}

/// One metadata document found in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: Kind,
    /// 1-based line where the object starts (1 for a HAR entry's body).
    pub line: usize,
    pub members: Map<String, Value>,
    /// The URL the document was fetched from, when the capture shows the request.
    pub fetched_from: Option<String>,
}

impl Document {
    fn text(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }

    /// A list member, when it is an array of strings.
    fn list(&self, name: &str) -> Option<Vec<&str>> {
        match self.members.get(name)? {
            Value::Array(items) => items.iter().map(Value::as_str).collect(),
            _ => None,
        }
    }

    fn what(&self) -> String {
        match self.kind {
            Kind::ProtectedResource => {
                format!("the protected-resource metadata on line {}", self.line)
            }
            Kind::Server => format!("the server metadata on line {}", self.line),
        }
    }

    /// One line for the list of inputs.
    pub fn summary(&self) -> String {
        let list = |name: &str| self.list(name).map(|l| l.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "));
        match self.kind {
            Kind::ProtectedResource => {
                let resource = self.text("resource").map(|r| format!(" for `{r}`")).unwrap_or_default();
                let servers = list("authorization_servers").map(|s| format!(", authorization servers {s}")).unwrap_or_default();
                format!("Protected-resource metadata{resource}{servers}")
            }
            Kind::Server => {
                let issuer = self.text("issuer").map(|i| format!(" of `{i}`")).unwrap_or_default();
                let oidc = if self.members.contains_key("userinfo_endpoint") || self.members.contains_key("id_token_signing_alg_values_supported") {
                    "OpenID Provider metadata"
                } else {
                    "Authorization-server metadata"
                };
                format!("{oidc}{issuer}")
            }
        }
    }
}

/// The kind of metadata a JSON object is, if it is metadata.
pub fn classify(object: &Map<String, Value>) -> Option<Kind> {
    let has = |name: &str| object.contains_key(name);
    if has("resource") && RESOURCE_MEMBERS.iter().any(|m| has(m)) && !has("issuer") {
        return Some(Kind::ProtectedResource);
    }
    (has("issuer") && SERVER_MEMBERS.iter().any(|m| has(m))).then_some(Kind::Server)
}

use crate::json_scan::line_of;

/// Every JSON object in `text` that names a `hint` among its first members and that `keep`
/// accepts (the walk then goes on after it), with the offset where it starts.
fn objects(text: &str, hint: &[&str], keep: &mut dyn FnMut(usize, Map<String, Value>) -> bool) {
    crate::json_scan::each_object(text, hint, MAX_ATTEMPTS, &mut |at, end, object| {
        if keep(at, object) {
            crate::json_scan::Then::After(end)
        } else {
            crate::json_scan::Then::Next
        }
    });
}

/// Every metadata document in `text`.
pub fn find(text: &str) -> Vec<Document> {
    let mut out = Vec::new();
    objects(text, &["resource", "issuer"], &mut |at, members| {
        let Some(kind) = classify(&members) else {
            return false;
        };
        if out.len() < MAX_DOCUMENTS {
            out.push(Document { kind, line: line_of(text, at), members, fetched_from: None });
        }
        true
    });
    out
}

/// The `kid`s of every JWK Set in `text` (the keys themselves are not read here).
pub fn key_set_kids(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    objects(text, &["keys"], &mut |_, members| {
        let Some(Value::Array(keys)) = members.get("keys") else {
            return false;
        };
        if !keys.iter().all(|k| k.get("kty").is_some()) || keys.is_empty() || out.len() >= MAX_DOCUMENTS {
            return false;
        }
        out.push(keys.iter().filter_map(|k| k.get("kid").and_then(Value::as_str).map(str::to_string)).collect());
        true
    });
    out
}

/// The expectations with what the documents say filled in where the user typed nothing: the
/// protected resource's identifier as the audience, the server's issuer (unless it is a
/// template such as Entra's `{tenantid}`) as the issuer.
pub fn expectations(documents: &[Document], typed: &Expectations) -> Expectations {
    let mut expect = typed.clone();
    if expect.audiences.is_empty() {
        let resources = documents.iter().filter(|d| d.kind == Kind::ProtectedResource).filter_map(|d| d.text("resource"));
        expect.audiences = resources.take(1).map(str::to_string).collect();
    }
    if expect.issuer.is_none() {
        let issuer = documents.iter().filter(|d| d.kind == Kind::Server).filter_map(|d| d.text("issuer")).find(|i| !i.contains('{'));
        expect.issuer = issuer.map(str::to_string);
    }
    expect
}

/// Why two URLs (or identifiers) that differ look alike, if they do: what a byte-for-byte
/// comparison trips over.
pub fn url_near_miss(got: &str, want: &str) -> Option<String> {
    if got == want {
        return None;
    }
    if let Some(hint) = entra_issuers(got, want) {
        return Some(hint);
    }
    let (a, b) = (url::Url::parse(got).ok()?, url::Url::parse(want).ok()?);
    if !a.has_host() || !b.has_host() {
        return None;
    }
    if a == b {
        // The URL parser normalises case, default ports and an empty path.
        let why = if got.eq_ignore_ascii_case(want) {
            "they differ only in letter case"
        } else if got.trim_end_matches('/') == want.trim_end_matches('/') {
            "they differ only in a trailing `/`"
        } else {
            "they are the same URL written differently (a default port such as `:443`, or letter case in the host)"
        };
        return Some(format!("{why}, and the comparison is byte for byte"));
    }
    if a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() != b.port_or_known_default() {
        return Some(format!(
            "they differ in the port ({} and {})",
            a.port_or_known_default().map_or("none".to_string(), |p| p.to_string()),
            b.port_or_known_default().map_or("none".to_string(), |p| p.to_string())
        ));
    }
    if a.origin() == b.origin() {
        let (pa, pb) = (a.path().trim_end_matches('/'), b.path().trim_end_matches('/'));
        if pa == pb {
            return Some("they differ only in a trailing `/`, and the comparison is byte for byte".into());
        }
        if pa.eq_ignore_ascii_case(pb) {
            return Some("their paths differ only in letter case, and the comparison is byte for byte".into());
        }
        if pa.is_empty() || pb.is_empty() {
            let (origin_only, with_path) = if pa.is_empty() { (got, b.path()) } else { (want, a.path()) };
            return Some(format!("`{origin_only}` is only the origin, while the other adds the path `{with_path}`"));
        }
        return Some(format!("same origin, other paths (`{}` and `{}`)", a.path(), b.path()));
    }
    if a.scheme() != b.scheme() && a.host_str() == b.host_str() {
        return Some(format!("one is `{}` and the other `{}`", a.scheme(), b.scheme()));
    }
    None
}

/// The tenant of a Microsoft Entra issuer and whether it is the v2.0 form.
fn entra(issuer: &str) -> Option<(&str, bool)> {
    if let Some(rest) = issuer.strip_prefix("https://sts.windows.net/") {
        return Some((rest.trim_end_matches('/'), false));
    }
    let rest = issuer.strip_prefix("https://login.microsoftonline.com/")?;
    match rest.trim_end_matches('/').strip_suffix("/v2.0") {
        Some(tenant) => Some((tenant, true)),
        None => Some((rest.trim_end_matches('/'), false)),
    }
}

/// Microsoft Entra's two issuer forms: v1.0 tokens say `https://sts.windows.net/{tenant}/`, v2.0
/// tokens `https://login.microsoftonline.com/{tenant}/v2.0`.
fn entra_issuers(got: &str, want: &str) -> Option<String> {
    let ((gt, gv2), (wt, wv2)) = (entra(got)?, entra(want)?);
    let version = |v2: bool| if v2 { "v2.0" } else { "v1.0" };
    if gt.eq_ignore_ascii_case(wt) && gv2 != wv2 {
        let fix = if wv2 {
            "set `requestedAccessTokenVersion` (`accessTokenAcceptedVersion`) to 2 in the API's app registration manifest, or validate with the v1.0 issuer"
        } else {
            "validate with the v2.0 issuer (the v2.0 metadata), or set `requestedAccessTokenVersion` to 1"
        };
        return Some(format!(
            "the token is a Microsoft Entra {} token and the expected issuer is the {} form of the same tenant: {fix}",
            version(gv2),
            version(wv2)
        ));
    }
    if !gt.eq_ignore_ascii_case(wt) && gv2 == wv2 {
        return Some(format!("both are Microsoft Entra issuers, of different tenants (`{gt}` and `{wt}`)"));
    }
    None
}

/// Whether `called` is the resource `resource` or below it (same origin, path prefix at a `/`).
fn covers(resource: &str, called: &str) -> bool {
    let called = called.split(['?', '#']).next().unwrap_or(called);
    called == resource || called.strip_prefix(resource).is_some_and(|rest| rest.starts_with('/') || resource.ends_with('/'))
}

/// What the rest of the input shows, for the comparisons.
#[derive(Debug, Clone, Default)]
pub struct Seen<'a> {
    /// Each token: its index, header and claims.
    pub tokens: Vec<(usize, &'a Value, &'a Value)>,
    /// The authorize and token requests.
    pub requests: Vec<Asked>,
    /// URLs of the protected resource that were called (refused requests, requests with a token).
    pub called: Vec<String>,
    /// How the token was sent: `header`, `query`, `body`, each with where.
    pub bearer_methods: Vec<(&'static str, String)>,
    /// Scopes the resource said it requires (its challenge's `scope`).
    pub required_scopes: Vec<String>,
    /// The `kid`s of each JWK Set pasted in the input.
    pub key_sets: Vec<Vec<String>>,
    /// The issuer the user typed.
    pub typed_issuer: Option<String>,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn hint(got: &str, want: &str) -> String {
    url_near_miss(got, want).map(|h| format!(": {h}")).unwrap_or_default()
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        return "nothing".into();
    }
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

/// Findings about each document on its own (malformed members).
fn well_formed(doc: &Document, out: &mut Vec<(Option<usize>, Finding)>) {
    let mut problems: Vec<String> = Vec::new();
    let identifier = match doc.kind {
        Kind::ProtectedResource => "resource",
        Kind::Server => "issuer",
    };
    match doc.members.get(identifier) {
        Some(Value::String(id)) => match url::Url::parse(id) {
            Ok(u) if u.scheme() != "https" && !matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")) => {
                problems.push(format!("`{identifier}` `{id}` is not an `https` URL"))
            }
            Ok(u) if u.fragment().is_some() => problems.push(format!("`{identifier}` `{id}` has a fragment")),
            Ok(u) if doc.kind == Kind::Server && u.query().is_some() => problems.push(format!("`issuer` `{id}` has a query")),
            Ok(_) => {}
            Err(_) => problems.push(format!("`{identifier}` `{id}` is not an absolute URL")),
        },
        Some(other) => problems.push(format!("`{identifier}` is `{other}`, not a string")),
        None => problems.push(format!("there is no `{identifier}`")),
    }
    for (name, value) in &doc.members {
        // Some `*_supported` members are flags (`request_uri_parameter_supported`), not lists.
        let listed = (name.ends_with("_supported") && !value.is_boolean()) || name == "authorization_servers";
        if listed && !matches!(value, Value::Array(items) if items.iter().all(Value::is_string)) {
            problems.push(format!("`{name}` is `{value}`, not an array of strings"));
        }
    }
    if let Some(methods) = doc.list("bearer_methods_supported") {
        for m in methods.iter().filter(|m| !matches!(**m, "header" | "body" | "query")) {
            problems.push(format!("`bearer_methods_supported` lists `{m}`, which is none of `header`, `body`, `query`"));
        }
    }
    for problem in problems.into_iter().take(4) {
        out.push((None, Finding::new(Code::MetadataMalformed, format!("In {}, {problem}", doc.what()))));
    }
}

/// Every comparison of the documents with the rest of the input; each finding with the token it
/// is about.
pub fn check(documents: &[Document], seen: &Seen) -> Vec<(Option<usize>, Finding)> {
    let mut out = Vec::new();
    for doc in documents {
        well_formed(doc, &mut out);
    }
    let resources: Vec<&Document> = documents.iter().filter(|d| d.kind == Kind::ProtectedResource).collect();
    let servers: Vec<&Document> = documents.iter().filter(|d| d.kind == Kind::Server).collect();
    for doc in &resources {
        protected_resource(doc, seen, &mut out);
    }
    for doc in &servers {
        server(doc, seen, !resources.is_empty(), &mut out);
    }
    // The pasted key set: read only for its `kid`s, when no key was given to verify with.
    for (t, header, claims) in &seen.tokens {
        let Some(kid) = header.get("kid").and_then(Value::as_str) else {
            continue;
        };
        if seen.key_sets.is_empty() || seen.key_sets.iter().any(|kids| kids.iter().any(|k| k == kid)) {
            continue;
        }
        let iss = claims.get("iss").and_then(Value::as_str);
        let foreign = servers.iter().filter_map(|d| d.text("issuer")).all(|i| iss.is_some_and(|iss| iss != i)) && !servers.is_empty();
        if foreign {
            continue;
        }
        let known: Vec<&str> = seen.key_sets.iter().flatten().map(String::as_str).take(8).collect();
        let from = servers.iter().find_map(|d| d.text("jwks_uri")).map(|u| format!(" (the server publishes its keys at `{u}`)")).unwrap_or_default();
        out.push((
            Some(*t),
            Finding::new(Code::KidNotInPastedKeySet, format!("The token's `kid` is `{kid}`, but the pasted key set has {}{from}", list(&known))),
        ));
    }
    out
}

/// The resource identifier a well-known metadata URL was made from (RFC 9728 §3.1): the
/// well-known segment taken out of the path.
fn identifier_of(fetched: &str) -> Option<String> {
    let url = url::Url::parse(fetched).ok()?;
    let rest = url.path().strip_prefix("/.well-known/oauth-protected-resource")?;
    let origin = url.origin().ascii_serialization();
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    Some(format!("{origin}{rest}{query}"))
}

fn protected_resource(doc: &Document, seen: &Seen, out: &mut Vec<(Option<usize>, Finding)>) {
    let Some(resource) = doc.text("resource") else {
        return;
    };
    // A document fetched from a well-known URL describes the resource that URL was made from
    // (an origin alone may be written with or without its `/`).
    let fetched = doc.fetched_from.as_deref().and_then(|f| identifier_of(f).map(|e| (f, e)));
    if let Some((fetched, expected)) = fetched {
        let bare_origin = url::Url::parse(&expected).is_ok_and(|u| u.path() == "/");
        let same = expected == resource || (bare_origin && expected.trim_end_matches('/') == resource.trim_end_matches('/'));
        if !same {
            out.push((
                None,
                Finding::new(
                    Code::ResourceNotCalledUrl,
                    format!(
                        "{} was fetched from `{fetched}`, which belongs to the resource `{expected}`, but it names `resource` `{resource}`{}; clients refuse metadata for another resource",
                        capital(&doc.what()),
                        hint(resource, &expected)
                    ),
                ),
            ));
        }
    }
    // The URL that was called must be the resource or lie below it.
    if !seen.called.is_empty() && !seen.called.iter().any(|c| covers(resource, c)) {
        if let Some(called) = seen.called.first() {
            let bare = called.split(['?', '#']).next().unwrap_or(called);
            out.push((
                None,
                Finding::new(
                    Code::ResourceNotCalledUrl,
                    format!(
                        "{} names `resource` `{resource}`, but the request went to `{bare}`{}; clients refuse metadata for another resource",
                        capital(&doc.what()),
                        hint(bare, resource)
                    ),
                ),
            ));
        }
    }
    // The `resource` the client asked for.
    let full: Vec<&Asked> = seen.requests.iter().filter(|r| !r.partial).collect();
    let mut sent_any = false;
    for request in &full {
        if request.resources.is_empty() {
            continue;
        }
        sent_any = true;
        if request.resources.iter().any(|r| r == resource) {
            continue;
        }
        let sent = request.resources.first().map(String::as_str).unwrap_or_default();
        let kind = if request.authorize { "authorize" } else { "token" };
        out.push((
            None,
            Finding::new(
                Code::ResourceIndicatorMismatch,
                format!("The {kind} request {} sent `resource` `{sent}`, but the metadata's `resource` is `{resource}`{}", request.place, hint(sent, resource)),
            ),
        ));
    }
    let audience_sent = full.iter().any(|r| r.audience.is_some());
    let client_ids: Vec<&str> = full.iter().filter_map(|r| r.client_id.as_deref()).collect();
    let mut told_client = false;
    if !sent_any {
        for (t, _, claims) in &seen.tokens {
            let auds = strings(claims.get("aud"));
            let named = ["azp", "client_id"].iter().filter_map(|n| claims.get(*n).and_then(Value::as_str));
            let client = client_ids.iter().copied().chain(named).find(|c| auds.iter().any(|a| a == c));
            if let (Some(client), false) = (client, auds.iter().any(|a| a == resource)) {
                told_client = true;
                let why = if full.is_empty() { "the client asked for it without `resource`" } else { "the client's requests sent no `resource`" };
                out.push((
                    Some(*t),
                    Finding::new(
                        Code::AudienceIsClientId,
                        format!("`aud` is `{client}`, the client's own id: {why}, so the server addressed the token to the client; the resource expects `{resource}`"),
                    ),
                ));
            }
        }
    }
    if !sent_any && !audience_sent && !told_client {
        if let Some(first) = full.first() {
            let kind = if first.authorize { "authorize" } else { "token" };
            out.push((
                None,
                Finding::new(
                    Code::ResourceIndicatorMissing,
                    format!("No authorize or token request sent `resource` (the first is the {kind} request {}); send `resource={resource}` so the token is issued for it", first.place),
                ),
            ));
        }
    }
    // The token's issuer must be one of the resource's authorization servers.
    if let Some(servers) = doc.list("authorization_servers").filter(|s| !s.is_empty()) {
        for (t, _, claims) in &seen.tokens {
            let Some(iss) = claims.get("iss").and_then(Value::as_str) else {
                continue;
            };
            if servers.contains(&iss) {
                continue;
            }
            let near = servers.iter().find_map(|s| url_near_miss(iss, s).map(|h| format!("; `{iss}` and `{s}`: {h}"))).unwrap_or_default();
            out.push((
                Some(*t),
                Finding::new(
                    Code::IssuerNotAuthorizationServer,
                    format!("`iss` is `{iss}`, but {} lists only {} in `authorization_servers`{near}", doc.what(), list(&servers)),
                ),
            ));
        }
    }
    // Scopes asked for, required and granted, against `scopes_supported`.
    if let Some(supported) = doc.list("scopes_supported").filter(|s| !s.is_empty()) {
        let mut unknown: Vec<String> = Vec::new();
        for scope in full.iter().flat_map(|r| r.scopes.iter()).chain(seen.required_scopes.iter()) {
            if !supported.contains(&scope.as_str()) && !OIDC_SCOPES.contains(&scope.as_str()) && !unknown.contains(scope) {
                unknown.push(scope.clone());
            }
        }
        if !unknown.is_empty() {
            let names: Vec<&str> = unknown.iter().map(String::as_str).take(6).collect();
            out.push((
                None,
                Finding::new(
                    Code::ScopeNotSupported,
                    format!("{} asked or required, but {} lists only {} in `scopes_supported`", list(&names), doc.what(), list(&supported)),
                ),
            ));
        }
        for (t, _, claims) in &seen.tokens {
            let granted: Vec<String> = ["scope", "scp"]
                .iter()
                .flat_map(|n| match claims.get(*n) {
                    Some(Value::String(s)) => s.split(' ').filter(|p| !p.is_empty()).map(str::to_string).collect(),
                    other => strings(other),
                })
                .collect();
            let resource_scoped = strings(claims.get("aud")).iter().any(|a| a == resource);
            if !granted.is_empty() && resource_scoped && !granted.iter().any(|g| supported.contains(&g.as_str())) {
                let names: Vec<&str> = granted.iter().map(String::as_str).take(6).collect();
                out.push((
                    Some(*t),
                    Finding::new(
                        Code::ScopeNotSupported,
                        format!("The token grants {}, none of the scopes {} lists ({})", list(&names), doc.what(), list(&supported)),
                    ),
                ));
            }
        }
    }
    // How the token was sent.
    if let Some(methods) = doc.list("bearer_methods_supported") {
        for (method, place) in &seen.bearer_methods {
            if methods.contains(method) {
                continue;
            }
            let accepted = if methods.is_empty() {
                "lists no bearer method at all (`[]`): the resource takes no bearer token, only a sender-constrained one (DPoP or mTLS)".to_string()
            } else {
                format!("accepts only {}", list(&methods))
            };
            out.push((
                None,
                Finding::new(Code::BearerMethodNotSupported, format!("The token was sent in the {method} ({place}), but {} {accepted}", doc.what())),
            ));
        }
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The issuer a token should carry by a server's metadata: Entra's multi-tenant `{tenantid}`
/// template takes the token's `tid`.
fn resolved_issuer(issuer: &str, claims: &Value) -> Option<String> {
    if !issuer.contains('{') {
        return Some(issuer.to_string());
    }
    let tid = claims.get("tid").and_then(Value::as_str)?;
    Some(issuer.replace("{tenantid}", tid).replace("{tenantId}", tid))
}

fn server(doc: &Document, seen: &Seen, mcp: bool, out: &mut Vec<(Option<usize>, Finding)>) {
    let Some(issuer) = doc.text("issuer") else {
        return;
    };
    let templated = issuer.contains('{');
    let mut from_this: Vec<usize> = Vec::new();
    for (t, header, claims) in &seen.tokens {
        let Some(iss) = claims.get("iss").and_then(Value::as_str) else {
            continue;
        };
        let want = resolved_issuer(issuer, claims);
        if want.as_deref() == Some(iss) {
            from_this.push(*t);
        }
        // Where the metadata's issuer stands in as the expected one, the claim checks already
        // compared it (CLM003); it is compared here when it could not stand in.
        let compared_elsewhere = !templated && seen.typed_issuer.is_none();
        match want {
            Some(want) if want != iss && !compared_elsewhere => {
                let template = if templated { format!(" (`{issuer}` with the token's `tid`)") } else { String::new() };
                out.push((
                    Some(*t),
                    Finding::new(
                        Code::IssuerNotMetadataIssuer,
                        format!("`iss` is `{iss}`, but {} says `issuer` is `{want}`{template}{}", doc.what(), hint(iss, &want)),
                    ),
                ));
            }
            None => out.push((
                Some(*t),
                Finding::new(
                    Code::IssuerNotMetadataIssuer,
                    format!(
                        "{} has the multi-tenant `issuer` `{issuer}`, and the token has no `tid` to fill it in; its `iss` is `{iss}`",
                        capital(&doc.what())
                    ),
                ),
            )),
            _ => {}
        }
        let id_token = ["nonce", "at_hash", "c_hash"].iter().any(|n| claims.get(*n).is_some());
        if let (true, true, Some(algs), Some(alg)) =
            (id_token, from_this.contains(t), doc.list("id_token_signing_alg_values_supported"), header.get("alg").and_then(Value::as_str))
        {
            if !algs.contains(&alg) {
                out.push((
                    Some(*t),
                    Finding::new(
                        Code::AlgNotAdvertised,
                        format!("The ID token is signed with `{alg}`, but {} lists {} in `id_token_signing_alg_values_supported`", doc.what(), list(&algs)),
                    ),
                ));
            }
        }
    }
    let endpoint_of = |authorize: bool| doc.text(if authorize { "authorization_endpoint" } else { "token_endpoint" });
    let full: Vec<&Asked> = seen.requests.iter().filter(|r| !r.partial).collect();
    // Requests meant for this server: those to its endpoints, else all when it is the only one.
    for request in &full {
        let kind = if request.authorize { "authorize" } else { "token" };
        let (Some(expected), Some(sent)) = (endpoint_of(request.authorize), request.endpoint.as_deref()) else {
            continue;
        };
        let expected_bare = expected.split('?').next().unwrap_or(expected);
        if sent.contains("://") && sent != expected_bare {
            let same_host = url::Url::parse(sent).ok().zip(url::Url::parse(expected_bare).ok()).is_some_and(|(a, b)| a.host_str() == b.host_str());
            if same_host {
                out.push((
                    None,
                    Finding::new(
                        Code::EndpointNotFromMetadata,
                        format!(
                            "The {kind} request {} goes to `{sent}`, but {} names `{expected_bare}`{}",
                            request.place,
                            doc.what(),
                            hint(sent, expected_bare)
                        ),
                    ),
                ));
            }
            continue;
        }
        if !request.authorize {
            let Some(method) = request.client_auth else {
                continue;
            };
            let listed = doc.list("token_endpoint_auth_methods_supported");
            let supported = listed.clone().unwrap_or_else(|| vec!["client_secret_basic"]);
            let ok = supported.contains(&method) || (method == "private_key_jwt" && supported.contains(&"client_secret_jwt"));
            if !ok && (listed.is_some() || method != "none") {
                let default = if listed.is_none() { " (by default, as it does not list `token_endpoint_auth_methods_supported`)" } else { "" };
                out.push((
                    None,
                    Finding::new(
                        Code::ClientAuthNotSupported,
                        format!(
                            "The token request {} authenticates the client with `{method}`, but {} accepts {}{default}",
                            request.place,
                            doc.what(),
                            list(&supported)
                        ),
                    ),
                ));
            }
        } else if let Some(method) = &request.code_challenge_method {
            match doc.list("code_challenge_methods_supported") {
                Some(methods) if !methods.contains(&method.as_str()) => out.push((
                    None,
                    Finding::new(
                        Code::PkceMethodNotSupported,
                        format!("The authorize request {} uses `code_challenge_method` `{method}`, but {} lists {}", request.place, doc.what(), list(&methods)),
                    ),
                )),
                _ => {}
            }
        }
    }
    let pkce_used = full.iter().any(|r| r.code_challenge_method.is_some());
    if doc.members.get("code_challenge_methods_supported").is_none() && doc.members.contains_key("authorization_endpoint") && (mcp || pkce_used) {
        out.push((
            None,
            Finding::new(
                Code::PkceNotAdvertised,
                format!(
                    "The server metadata of `{issuer}` (line {}) has no `code_challenge_methods_supported`, so a client cannot tell that it supports PKCE",
                    doc.line
                ),
            ),
        ));
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ResourceNotCalledUrl,
        meaning: "The `resource` in the protected resource metadata (RFC 9728) does not match where it came from: the identifier derived from the well-known URL it was fetched from, or the URL the request called, which should equal the resource or lie below it.",
        why: "RFC 9728 §3.3 requires clients to check that `resource` matches the identifier they used and to discard the metadata otherwise, so a compliant client refuses to continue and never obtains a token for the API.",
        caller: "Check that you fetch metadata for the API's exact identifier (`/.well-known/oauth-protected-resource` inserted before the resource's path) and call URLs under that resource; report the mismatch if the document is wrong.",
        owner: "Publish a `resource` that is the API's exact identifier (scheme, host, port, path), matching the URL the metadata is served from and the one in `resource_metadata` of the 401 challenge.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ResourceIndicatorMismatch,
        meaning: "An authorize or token request sent a `resource` parameter (RFC 8707) that differs from the `resource` named in the protected resource metadata.",
        why: "The authorization server issues the token for the resource indicator requested, so its `aud` names the other value, and the API, which expects its own identifier, refuses the token with 401.",
        caller: "Send `resource` exactly as the API's metadata gives it (including scheme, trailing slash and path) in both the authorize and token requests.",
        owner: "Check the token's `aud` against the identifier the API validates; if several spellings reach the API, publish one in metadata and configure the authorization server to accept that value only.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ResourceIndicatorMissing,
        meaning: "None of the authorize or token requests in the input sent a `resource` parameter (or `audience`), although protected resource metadata was given.",
        why: "Without a resource indicator, many authorization servers issue a token for a default audience, which the API may not accept; where the server defaults to this API, it causes no problem, which is why this is a warning.",
        caller: "Add `resource=<the resource from the metadata>` to the authorize and token requests (RFC 8707), or the audience parameter your authorization server uses.",
        owner: "Check which audience your authorization server assigns when no `resource` is sent, and whether the API accepts it; consider requiring a resource indicator.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AudienceIsClientId,
        meaning: "The token's `aud` is the client's own id (from `azp`, `client_id` or the request's `client_id`) and not the resource from the metadata, and the requests sent no `resource`.",
        why: "Asked without a resource indicator, the authorization server addressed the token to the client (as for an ID token), and the API, which checks that `aud` names itself, refuses it with 401 `invalid_token`.",
        caller: "Request the token with `resource=<the resource>` (or the API's scope, such as `api://…/.default` in Entra), and send the access token, not the ID token, to the API.",
        owner: "Check the audience your authorization server issues for this client and scope, and register the API as a resource so tokens for it carry its identifier.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IssuerNotAuthorizationServer,
        meaning: "The token's `iss` is not among the `authorization_servers` listed in the protected resource metadata; the message points out a near miss if there is one.",
        why: "The API trusts tokens only from the issuers its metadata lists, so a token from another issuer (another tenant, environment, or a differently spelled URL) is refused with 401.",
        caller: "Get the token from one of the listed authorization servers (the right tenant and environment), or check that the issuer URL matches exactly, including the trailing slash.",
        owner: "Make `authorization_servers` list the issuers the API actually accepts, spelled exactly as they appear in `iss`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ScopeNotSupported,
        meaning: "A scope that was asked for or required is not in the metadata's `scopes_supported`, or the token, addressed to the resource, grants none of the supported scopes.",
        why: "An API that checks scopes refuses a token without the scope it needs (often 403 `insufficient_scope` rather than 401); `scopes_supported` is advisory, though, so a scope missing from it may still work.",
        caller: "Request a scope listed in `scopes_supported` for this API, and check the token's `scope` or `scp` after issuance.",
        owner: "Keep `scopes_supported` in the metadata up to date with the scopes the API checks, and report the required scope in `WWW-Authenticate` with `error=\"insufficient_scope\"`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BearerMethodNotSupported,
        meaning: "The token was sent in a way (header, form body or query) that the protected resource metadata's `bearer_methods_supported` does not list; an empty list means the resource accepts no bearer tokens, only sender-constrained ones.",
        why: "A resource server reads the token only from the places it supports, so a token in an unsupported place is not seen at all and the request is answered 401 as unauthenticated.",
        caller: "Send the token the way the metadata lists, normally `Authorization: Bearer <token>`; if the list is empty, use DPoP or mutual TLS as the API requires.",
        owner: "Check that `bearer_methods_supported` reflects what the API accepts, and log where the API looked for a token when it answers 401 without `error`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::MetadataMalformed,
        meaning: "A metadata document has a member in the wrong form: the `resource` or `issuer` is missing, not an absolute `https` URL, or has a fragment (or a query for an issuer), a `*_supported` or `authorization_servers` member is not an array of strings, or `bearer_methods_supported` lists an unknown method.",
        why: "Clients validate metadata and may reject a document whose identifier is not a valid `https` URL, so discovery fails before any token is requested; other malformed members are ignored or misread, which can lead to the wrong requests.",
        caller: "Report the document to the API or authorization server operator; meanwhile, configure the client with the endpoints and parameters explicitly.",
        owner: "Fix the published document to the RFC 9728 or RFC 8414 format: an `https` identifier without fragment, arrays of strings for every list, and only `header`, `body` and `query` in `bearer_methods_supported`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::IssuerNotMetadataIssuer,
        meaning: "The token's `iss` differs from the `issuer` in the authorization server metadata (with Entra's `{tenantid}` template filled from `tid`), or the issuer is a multi-tenant template and the token has no `tid`.",
        why: "The API validates `iss` against the issuer of the metadata it trusts, so a token issued by another tenant, a different endpoint version (for example Entra v1 `sts.windows.net` vs v2 `login.microsoftonline.com/…/v2.0`) or another server is refused with 401.",
        caller: "Obtain the token from the issuer the metadata names: the same tenant and endpoint version (for Entra, set `accessTokenAcceptedVersion` on the API or use the matching authority).",
        owner: "Configure the API's expected issuer to match the tokens it should accept, including multi-tenant templating, and log the `iss` received when rejecting.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::AlgNotAdvertised,
        meaning: "An ID token from this issuer is signed with an `alg` that is not in the metadata's `id_token_signing_alg_values_supported`.",
        why: "Clients that enforce the advertised algorithms reject the ID token, so sign-in fails before any API call; clients that do not enforce the list accept it, which is why this is a warning.",
        caller: "Check that the client's expected algorithm matches the one the server uses (for example `RS256`); if the client registration requests a specific `id_token_signed_response_alg`, align it.",
        owner: "Keep `id_token_signing_alg_values_supported` in line with the algorithms the server signs with, and check the client's registered signing algorithm.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ClientAuthNotSupported,
        meaning: "The token request authenticates the client with a method (`client_secret_basic`, `client_secret_post`, `private_key_jwt`, `none`, …) that the metadata's `token_endpoint_auth_methods_supported` does not list (or, when the list is absent, other than the default `client_secret_basic`).",
        why: "The token endpoint refuses client authentication it does not support, usually with `invalid_client` and 401, so no token is issued.",
        caller: "Authenticate the client with a listed method, for example send the secret in `Authorization: Basic` instead of the form body, or use a signed client assertion when `private_key_jwt` is required.",
        owner: "List the methods the token endpoint accepts in `token_endpoint_auth_methods_supported` and check the method registered for this client.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceMethodNotSupported,
        meaning: "The authorize request uses a `code_challenge_method` that the metadata's `code_challenge_methods_supported` does not list.",
        why: "The authorization server rejects the request or cannot verify the `code_verifier` later, so the authorization or the code exchange fails with `invalid_request` or `invalid_grant`.",
        caller: "Use `code_challenge_method=S256` with a SHA-256 challenge of the verifier, which the metadata normally lists; avoid `plain`.",
        owner: "List the PKCE methods the server supports (at least `S256`) in `code_challenge_methods_supported`, and check the server's logs for PKCE errors.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::PkceNotAdvertised,
        meaning: "The authorization server metadata has an `authorization_endpoint` but no `code_challenge_methods_supported`, while the client uses PKCE or the setup is an MCP-style discovery flow.",
        why: "Clients that require PKCE support to be advertised (MCP clients must, for example) refuse to use the server, so the flow stops before a token is requested; other clients just send PKCE and it works if the server supports it.",
        caller: "If the server supports PKCE, the client may be configured to send `S256` anyway; otherwise report that the metadata lacks the member.",
        owner: "Add `code_challenge_methods_supported` (for example `[\"S256\"]`) to the authorization server metadata when the server supports PKCE.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::EndpointNotFromMetadata,
        meaning: "An authorize or token request goes to a URL on the server's host that differs from the `authorization_endpoint` or `token_endpoint` in the metadata.",
        why: "A request to another path (an old version, a different tenant segment, or a typo) may reach a different endpoint or a different tenant, which issues tokens that the API does not accept or fails the request outright; sometimes both paths work, so this is a warning.",
        caller: "Take the endpoint URLs from the metadata document rather than hard-coding them, and use them exactly.",
        owner: "If old endpoint paths still answer, check that they issue tokens with the same issuer and audience, or redirect them to the documented endpoints.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::KidNotInPastedKeySet,
        meaning: "The token's header has a `kid` that none of the keys in the pasted JWK Set carries; the message names the key ids present and where the server publishes its keys.",
        why: "The verifier looks up the signing key by `kid`, so a key set without it (an outdated copy, another environment, or before key rotation) cannot verify the token and it is refused with 401.",
        caller: "Fetch the current key set from the issuer's `jwks_uri` and check the token against it; make sure the token comes from the issuer whose keys you use.",
        owner: "Check that the API refreshes its JWKS cache when it sees an unknown `kid`, and that the authorization server publishes a new key before signing with it.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // RFC 9728 §3.2, the example response.
    const RFC_9728: &str = r#"{
  "resource": "https://resource.example.com",
  "authorization_servers": ["https://as1.example.com", "https://as2.example.net"],
  "bearer_methods_supported": ["header", "body"],
  "scopes_supported": ["profile", "email", "phone"],
  "resource_documentation": "https://resource.example.com/resource_documentation.html"
}"#;

    fn codes(found: &[(Option<usize>, Finding)]) -> Vec<&'static str> {
        found.iter().map(|(_, f)| f.code.as_str()).collect()
    }

    #[test]
    fn documents_are_told_by_their_members() {
        let docs = find(&format!("HTTP/1.1 200 OK\n\n{RFC_9728}\n"));
        assert_eq!(docs.len(), 1);
        assert_eq!((docs[0].kind, docs[0].line), (Kind::ProtectedResource, 3));
        let server = r#"{"issuer":"https://as.example.com","authorization_endpoint":"https://as.example.com/authorize"}"#;
        assert_eq!(find(server)[0].kind, Kind::Server);
        for other in [
            r#"{"iss":"https://as.example.com","aud":"api","exp":1}"#,
            r#"{"keys":[{"kty":"RSA","kid":"a","n":"x","e":"AQAB"}]}"#,
            r#"{"log":{"entries":[]}}"#,
            r#"{"resource":"https://r"}"#,
            r#"{"issuer":"https://as.example.com"}"#,
        ] {
            assert!(find(other).is_empty(), "{other}");
        }
        assert_eq!(key_set_kids(r#"{"keys":[{"kty":"RSA","kid":"a"},{"kty":"EC"}]}"#), [vec!["a".to_string()]]);
    }

    #[test]
    fn near_misses_are_explained() {
        let table = [
            ("https://mcp.example.com/mcp/", "https://mcp.example.com/mcp", "trailing `/`"),
            ("https://MCP.example.com/mcp", "https://mcp.example.com/mcp", "letter case"),
            ("https://mcp.example.com:443/mcp", "https://mcp.example.com/mcp", "default port"),
            ("https://mcp.example.com:8443/mcp", "https://mcp.example.com/mcp", "port (8443 and 443)"),
            ("https://mcp.example.com", "https://mcp.example.com/mcp", "only the origin"),
            ("http://mcp.example.com/mcp", "https://mcp.example.com/mcp", "`http`"),
            (
                "https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/",
                "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
                "v1.0 token",
            ),
        ];
        for (got, want, says) in table {
            let hint = url_near_miss(got, want).unwrap_or_default();
            assert!(hint.contains(says), "{got} vs {want}: {hint}");
        }
        assert_eq!(url_near_miss("https://a.example.com", "https://b.example.org"), None);
    }

    #[test]
    fn rfc_9728_example_against_each_fault_alone() {
        let docs = find(RFC_9728);
        let header = json!({"alg": "RS256"});
        let good = json!({"iss": "https://as1.example.com", "aud": "https://resource.example.com", "scope": "profile email"});
        let request = |resources: &[&str], scopes: &[&str]| Asked {
            authorize: true,
            partial: false,
            place: "on line 1".into(),
            endpoint: None,
            resources: resources.iter().map(|s| s.to_string()).collect(),
            audience: None,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            client_id: Some("client-1".into()),
            client_auth: None,
            code_challenge_method: Some("S256".into()),
        };
        let seen = |claims: &'static Value, requests: Vec<Asked>, called: &str, method: &'static str| Seen {
            tokens: vec![(0, Box::leak(Box::new(header.clone())), claims)],
            requests,
            called: vec![called.to_string()],
            bearer_methods: vec![(method, "line 2".into())],
            ..Seen::default()
        };
        let leak = |v: Value| -> &'static Value { Box::leak(Box::new(v)) };
        let ok = seen(leak(good.clone()), vec![request(&["https://resource.example.com"], &["profile"])], "https://resource.example.com/v1/me", "header");
        assert!(check(&docs, &ok).is_empty(), "{:?}", check(&docs, &ok));
        let cases: Vec<(Seen, &str)> = vec![
            (seen(leak(good.clone()), vec![request(&["https://resource.example.com"], &[])], "https://api.example.com/v1", "header"), "META001"),
            (seen(leak(good.clone()), vec![request(&["https://resource.example.com/"], &[])], "https://resource.example.com", "header"), "META002"),
            (seen(leak(good.clone()), vec![request(&[], &[])], "https://resource.example.com", "header"), "META003"),
            (
                seen(leak(json!({"iss": "https://as1.example.com", "aud": "client-1"})), vec![request(&[], &[])], "https://resource.example.com", "header"),
                "META004",
            ),
            (
                seen(leak(json!({"iss": "https://as1.example.com/", "aud": "https://resource.example.com"})), vec![], "https://resource.example.com", "header"),
                "META005",
            ),
            (seen(leak(good.clone()), vec![request(&["https://resource.example.com"], &["admin"])], "https://resource.example.com", "header"), "META006"),
            (seen(leak(good.clone()), vec![], "https://resource.example.com", "query"), "META007"),
        ];
        for (s, want) in cases {
            assert_eq!(codes(&check(&docs, &s)), [want]);
        }
    }

    #[test]
    fn server_metadata_against_each_fault_alone() {
        let doc = |extra: Value| {
            let mut members = json!({
                "issuer": "https://login.example.com",
                "authorization_endpoint": "https://login.example.com/authorize",
                "token_endpoint": "https://login.example.com/token",
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
                "id_token_signing_alg_values_supported": ["RS256"]
            });
            if let (Some(m), Value::Object(extra)) = (members.as_object_mut(), extra) {
                m.extend(extra);
            }
            find(&members.to_string())
        };
        let asked = |authorize: bool, auth: Option<&'static str>, pkce: Option<&str>, endpoint: &str| Asked {
            authorize,
            partial: false,
            place: "on line 1".into(),
            endpoint: Some(endpoint.into()),
            resources: vec![],
            audience: None,
            scopes: vec![],
            client_id: Some("c".into()),
            client_auth: auth,
            code_challenge_method: pkce.map(str::to_string),
        };
        let header: &'static Value = Box::leak(Box::new(json!({"alg": "ES256", "kid": "k2"})));
        let id: &'static Value = Box::leak(Box::new(json!({"iss": "https://login.example.com", "nonce": "n"})));
        let base = Seen {
            requests: vec![
                asked(true, None, Some("S256"), "https://login.example.com/authorize"),
                asked(false, Some("none"), None, "https://login.example.com/token"),
            ],
            ..Seen::default()
        };
        assert!(check(&doc(json!({})), &base).is_empty());
        let with = |requests: Vec<Asked>| Seen { requests, ..Seen::default() };
        assert_eq!(
            codes(&check(&doc(json!({})), &with(vec![asked(false, Some("client_secret_basic"), None, "https://login.example.com/token")]))),
            ["META011"]
        );
        assert_eq!(codes(&check(&doc(json!({})), &with(vec![asked(true, None, Some("plain"), "https://login.example.com/authorize")]))), ["META012"]);
        let no_pkce = doc(json!({})).into_iter().map(|mut d| {
            d.members.remove("code_challenge_methods_supported");
            d
        });
        assert_eq!(codes(&check(&no_pkce.collect::<Vec<_>>(), &base)), ["META013"]);
        assert_eq!(codes(&check(&doc(json!({})), &with(vec![asked(false, Some("none"), None, "https://login.example.com/oauth/token")]))), ["META014"]);
        let signed = Seen { tokens: vec![(0, header, id)], ..Seen::default() };
        assert_eq!(codes(&check(&doc(json!({})), &signed)), ["META010"]);
        let typed = Seen { tokens: vec![(0, header, id)], typed_issuer: Some("https://other".into()), ..Seen::default() };
        assert_eq!(codes(&check(&doc(json!({"issuer": "https://login.example.com/"})), &typed)), ["META009"]);
        let keyed = Seen { tokens: vec![(0, header, id)], key_sets: vec![vec!["k1".into()]], ..Seen::default() };
        assert_eq!(codes(&check(&doc(json!({"id_token_signing_alg_values_supported": ["ES256"]})), &keyed)), ["META015"]);
        assert_eq!(codes(&check(&doc(json!({"issuer": "http://login.example.com/?x"})), &Seen::default())), ["META008"]);
    }

    #[test]
    fn entra_template_issuer_takes_the_tenant() {
        let docs =
            find(r#"{"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0","jwks_uri":"https://login.microsoftonline.com/common/discovery/v2.0/keys"}"#);
        let header: &'static Value = Box::leak(Box::new(json!({"alg": "RS256"})));
        let tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
        let v2: &'static Value = Box::leak(Box::new(json!({"iss": format!("https://login.microsoftonline.com/{tid}/v2.0"), "tid": tid})));
        let v1: &'static Value = Box::leak(Box::new(json!({"iss": format!("https://sts.windows.net/{tid}/"), "tid": tid})));
        assert!(check(&docs, &Seen { tokens: vec![(0, header, v2)], ..Seen::default() }).is_empty());
        let found = check(&docs, &Seen { tokens: vec![(0, header, v1)], ..Seen::default() });
        assert_eq!(codes(&found), ["META009"]);
        assert!(found[0].1.message.contains("v1.0 token"), "{}", found[0].1.message);
        assert_eq!(expectations(&docs, &Expectations::default()).issuer, None, "a template is not an expected issuer");
    }
}
