//! Documents and certificates: the metadata documents of the input compared with the tokens,
//! the called URLs and the OAuth requests (`metadata.rs`), and the client certificate compared
//! with certificate-bound tokens (`mtls.rs`).
//!
//! The documents are read before the inputs are analysed, since what they say stands in for
//! the audience and issuer the user did not type; they are compared after, with the tokens.

use super::read::Reading;
use super::Analysis;
use crate::findings::{Code, Finding};
use crate::http::message::Message;
use crate::metadata::{self, Document, Kind};
use crate::mtls::{self, Forwarded, Presented};
use crate::report::{InputKind, InputSummary};
use crate::steps::StepId;
use crate::{http, oauth, Context};

/// A metadata document and the message whose body held it.
pub(super) struct Found {
    pub document: Document,
    pub message: Option<usize>,
}

/// Every metadata document of the input: in a HAR file, in its entries' bodies; otherwise in the
/// text (which holds the bodies of pasted messages).
pub(super) fn read(input: &str, reading: &Reading) -> Vec<Found> {
    if reading.is_har {
        let bodies = reading.messages.iter().enumerate().filter(|(_, m)| m.body.contains("\"resource\"") || m.body.contains("\"issuer\""));
        return bodies.flat_map(|(i, m)| metadata::find(&m.body).into_iter().map(move |document| Found { document, message: Some(i) })).take(20).collect();
    }
    if !input.contains("\"resource\"") && !input.contains("\"issuer\"") {
        return Vec::new();
    }
    metadata::find(input)
        .into_iter()
        .map(|document| {
            let message = reading.messages.iter().position(|m| (m.lines.0..=m.lines.1).contains(&document.line));
            Found { document, message }
        })
        .collect()
}

/// The context the inputs are analysed with: the documents' expectations where the user typed
/// none.
pub(super) fn context(ctx: &Context, found: &[Found]) -> Option<Context> {
    if found.is_empty() {
        return None;
    }
    let documents: Vec<Document> = found.iter().map(|f| f.document.clone()).collect();
    let expect = metadata::expectations(&documents, &ctx.expect);
    (expect != ctx.expect).then(|| Context { expect, ..ctx.clone() })
}

fn exchange_of(reading: &Reading, message: usize) -> Option<usize> {
    reading.pairs.iter().position(|(a, b)| *a == Some(message) || *b == Some(message))
}

fn push(a: &mut Analysis, mut f: Finding, input: Option<usize>, token: Option<usize>) {
    f.input = input;
    f.token = token;
    a.checked.push(f.step);
    a.findings.push(f);
}

/// Compares the documents and certificates with what the other stages found.
pub(super) fn analyse(reading: &Reading, input: &str, ctx: &Context, found: Vec<Found>, a: &mut Analysis) {
    certificates(reading, input, ctx, a);
    discovery(reading, a);
    if found.is_empty() {
        return;
    }
    let mut document_inputs = Vec::with_capacity(found.len());
    for f in &found {
        let exchanges = f.message.and_then(|m| exchange_of(reading, m)).into_iter().collect();
        let summary = InputSummary { kind: InputKind::Metadata, summary: f.document.summary(), line: f.document.line, columns: None };
        document_inputs.push(a.add_input_of(summary, exchanges));
    }
    // The URL each document was fetched from: the request of the exchange whose response held it.
    let documents: Vec<Document> = found
        .into_iter()
        .map(|f| {
            let request = f.message.and_then(|m| reading.pairs.iter().find(|(_, b)| *b == Some(m))).and_then(|(r, _)| r.and_then(|r| reading.messages.get(r)));
            let fetched_from = request.map(|r| {
                let url = http::exchange::full_url(r);
                if url.starts_with("//") {
                    format!("https:{url}")
                } else {
                    url
                }
            });
            Document { fetched_from, ..f.document }
        })
        .collect();
    let requests = oauth::asked(&super::inputs::oauth_read(reading, input));
    let endpoints: Vec<&str> = requests.iter().filter_map(|r| r.endpoint.as_deref()).collect();
    let messages = &reading.messages;
    let mut called = Vec::new();
    let mut bearer_methods: Vec<(&'static str, String)> = Vec::new();
    let mut required_scopes: Vec<String> = ctx.expect.scopes.clone();
    for (request, response) in &reading.pairs {
        let (Some(req), resp) = (request.and_then(|i| messages.get(i)), response.and_then(|i| messages.get(i))) else {
            continue;
        };
        // A raw request does not say its scheme; an API that takes tokens is reached over `https`.
        let url = http::exchange::full_url(req);
        let url = if url.starts_with("//") { format!("https:{url}") } else { url };
        let bare = url.split('?').next().unwrap_or(&url);
        let refused = resp.and_then(Message::status).is_some_and(|s| s == 401 || s == 403);
        let with_token = req.header("authorization").is_some();
        if !bare.contains("/.well-known/") && !endpoints.contains(&bare) && (refused || with_token) && bare.contains("://") {
            called.push(url.clone());
        }
        if let Some(h) = req.headers_named("authorization").find(|h| h.value.trim_start().get(..7).is_some_and(|s| s.eq_ignore_ascii_case("bearer "))) {
            bearer_methods.push(("header", format!("`Authorization: Bearer` on line {}", h.line)));
        }
        if url::Url::parse(&url).ok().is_some_and(|u| u.query_pairs().any(|(k, _)| k == "access_token")) {
            bearer_methods.push(("query", format!("`access_token` in the URL on line {}", req.line)));
        }
        if url::form_urlencoded::parse(req.body.trim().as_bytes()).any(|(k, _)| k == "access_token") && !req.body.trim_start().starts_with('{') {
            bearer_methods.push(("body", format!("`access_token` in the form body of the request on line {}", req.line)));
        }
        for challenge in response.map(|i| reading.challenges_of(i)).unwrap_or_default() {
            if let Some(scope) = challenge.param("scope") {
                required_scopes.extend(scope.split_whitespace().map(str::to_string));
            }
        }
    }
    // An `Authorization: Bearer` line pasted on its own.
    if bearer_methods.is_empty() {
        if let Some(auth) = a.authorization.iter().find(|s| s.scheme.eq_ignore_ascii_case("bearer")) {
            let line = a.inputs.get(auth.input).map_or(1, |i| i.line);
            bearer_methods.push(("header", format!("`Authorization: Bearer` on line {line}")));
        }
    }
    bearer_methods.dedup_by_key(|(m, _)| *m);
    let key_sets = if a.keys.is_empty() && !reading.is_har { metadata::key_set_kids(input) } else { Vec::new() };
    let seen = metadata::Seen {
        tokens: a.tokens.iter().enumerate().filter(|(_, t)| t.payload.is_object()).map(|(i, t)| (i, &t.header, &t.payload)).collect(),
        requests,
        called,
        bearer_methods,
        required_scopes,
        key_sets,
        typed_issuer: ctx.expect.issuer.clone(),
    };
    let token_inputs: Vec<usize> = a.tokens.iter().map(|t| t.input).collect();
    let results = metadata::check(&documents, &seen);
    let has_tokens = !seen.tokens.is_empty();
    let has_requests = !seen.requests.is_empty();
    drop(seen);
    if has_tokens && documents.iter().any(|d| d.kind == Kind::ProtectedResource) {
        a.checked.push(StepId::TokenAudience);
    }
    if has_requests && documents.iter().any(|d| d.kind == Kind::Server) {
        a.checked.push(StepId::IdentityProvider);
    }
    let first_document = document_inputs.first().copied();
    for (token, f) in results {
        let input = match token {
            Some(t) => token_inputs.get(t).copied(),
            None => documents_input(&documents, &document_inputs, &f).or(first_document),
        };
        push(a, f, input, token);
    }
}

/// The input of the document a finding names ("on line N").
fn documents_input(documents: &[Document], inputs: &[usize], f: &Finding) -> Option<usize> {
    documents.iter().zip(inputs).find(|(d, _)| f.message.contains(&format!("metadata on line {}", d.line))).map(|(_, i)| *i)
}

/// The client certificates of the input and the caller, against certificate-bound tokens.
fn certificates(reading: &Reading, input: &str, ctx: &Context, a: &mut Analysis) {
    let bound: Vec<usize> = a.tokens.iter().enumerate().filter(|(_, t)| mtls::binding(&t.payload).is_some()).map(|(i, _)| i).collect();
    // Decoded claims pasted without their token (an introspection response, RFC 8705 §3.2).
    let claims = reading.claims.iter().map(|d| (serde_json::Value::Object(d.claims.clone()), d.line, InputKind::Claims));
    // An introspection response that says the token is active carries the token's claims.
    let introspected = reading
        .oauth_json
        .iter()
        .filter(|f| f.kind == crate::token_response::Kind::Introspection && f.object.get("active") == Some(&serde_json::Value::Bool(true)))
        .map(|f| (serde_json::Value::Object(f.object.clone()), f.line, InputKind::IntrospectionResponse));
    let bound_claims: Vec<(serde_json::Value, Option<usize>)> = claims
        .chain(introspected)
        .filter(|(claims, _, _)| mtls::binding(claims).is_some())
        .map(|(claims, line, kind)| {
            let input = a.inputs.iter().position(|i| i.kind == kind && i.line == line);
            (claims, input)
        })
        .collect();
    let any_bound = !bound.is_empty() || !bound_claims.is_empty();
    let mut presented: Vec<Presented> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for text in &ctx.client_certs {
        let (certs, trouble) = mtls::from_pem(text, "`--client-cert`");
        if certs.is_empty() && trouble.is_empty() {
            problems.push("`--client-cert` holds no `CERTIFICATE` PEM block".into());
        }
        presented.extend(certs);
        problems.extend(trouble);
    }
    let mut evidence = mtls::Evidence::default();
    // Headers a proxy forwards: in the requests, and on lines of their own.
    let mut header_lines: Vec<(String, String, usize, Option<usize>)> = Vec::new();
    for (m, message) in reading.messages.iter().enumerate() {
        if !message.is_request() {
            continue;
        }
        for h in message.headers.iter().filter(|h| mtls::is_forwarding_header(&h.name)) {
            header_lines.push((h.name.clone(), h.value.clone(), h.line, Some(m)));
        }
    }
    if !reading.is_har {
        let taken: Vec<usize> = reading.messages.iter().flat_map(|m| m.headers.iter().map(|h| h.line)).collect();
        for (n, line) in input.lines().enumerate().take(100_000) {
            let Some((name, value)) = line.trim_start_matches(['>', ' ', '\t']).split_once(':') else {
                continue;
            };
            if mtls::is_forwarding_header(name) && !taken.contains(&(n.saturating_add(1))) && !name.contains(' ') {
                header_lines.push((name.trim().to_string(), value.trim().to_string(), n.saturating_add(1), None));
            }
        }
    }
    for (name, value, line, message) in header_lines.into_iter().take(32) {
        let source = format!("`{name}` on line {line}");
        match mtls::from_header(&name, &value, &source) {
            Forwarded::Certificates(certs) => {
                for cert in certs {
                    let subject = cert.subject.as_deref().map(|s| format!(" for `{s}`")).unwrap_or_default();
                    let summary = format!("Client certificate forwarded in `{name}`{subject}, SHA-256 thumbprint `{}`", cert.thumbprint);
                    let exchanges = message.and_then(|m| exchange_of(reading, m)).into_iter().collect();
                    a.add_input_of(InputSummary { kind: InputKind::ClientCert, summary, line, columns: None }, exchanges);
                    presented.push(cert);
                }
            }
            Forwarded::Empty => evidence.empty_headers.push(source),
            Forwarded::Unreadable(why) => problems.push(why),
        }
    }
    // A certificate pasted as PEM is the client's only when a token is bound to one: otherwise
    // it is more likely the issuer's, given to verify a signature.
    if any_bound && !reading.is_har && input.contains("-----BEGIN CERTIFICATE-----") {
        let (certs, trouble) = mtls::from_pem(input, "the pasted certificate");
        for cert in certs {
            if presented.iter().any(|p| p.thumbprint == cert.thumbprint) {
                continue;
            }
            let line = cert.at.map_or(1, |at| input.get(..at).map_or(1, |b| b.matches('\n').count().saturating_add(1)));
            let subject = cert.subject.as_deref().map(|s| format!(" for `{s}`")).unwrap_or_default();
            let summary = format!("Certificate{subject}, SHA-256 thumbprint `{}`", cert.thumbprint);
            a.add_input(InputSummary { kind: InputKind::ClientCert, summary, line, columns: None });
            presented.push(cert);
        }
        problems.extend(trouble);
    }
    for why in problems.into_iter().take(8) {
        push(a, Finding::new(Code::ForwardedCertUnreadable, why), None, None);
    }
    if !any_bound {
        return;
    }
    let requests: Vec<&Message> = reading.messages.iter().filter(|m| m.is_request() && !http::cors_flow::is_preflight(m)).collect();
    evidence.request =
        requests.iter().find(|m| m.header("authorization").is_some()).or(requests.first()).map(|m| http::exchange::url(m).trim_start_matches("//").to_string());
    let curl_cert = ["--cert ", "--cert=", " -E ", "--cert-type "].iter().find(|o| input.contains(**o));
    let tls_out = input.contains("(OUT), TLS handshake, CERT verify") || input.contains("(OUT), TLS handshake, Certificate (11)");
    evidence.sent_unseen = curl_cert.map(|o| format!("`curl {}`", o.trim())).or_else(|| tls_out.then(|| "curl's TLS trace".to_string()));
    for t in bound {
        let Some(token) = a.tokens.get(t) else {
            continue;
        };
        let (findings, checked) = mtls::check(&token.payload, &presented, &evidence);
        let input = token.input;
        if checked {
            a.checked.push(StepId::SenderConstraint);
        }
        for f in findings {
            push(a, f, Some(input), Some(t));
        }
    }
    for (claims, input) in bound_claims {
        let (findings, checked) = mtls::check(&claims, &presented, &evidence);
        if checked {
            a.checked.push(StepId::SenderConstraint);
        }
        for f in findings {
            push(a, f, input, None);
        }
    }
}

/// META016: a request without credentials answered 401 with `resource_metadata`, then retried
/// with a token: the first refusal is how the client learns where to get a token (RFC 9728 §5).
fn discovery(reading: &Reading, a: &mut Analysis) {
    let messages = &reading.messages;
    let with_token = |i: Option<usize>| i.and_then(|i| messages.get(i)).is_some_and(|m| m.header("authorization").is_some());
    for (e, (request, response)) in reading.pairs.iter().enumerate() {
        let Some(resp) = response.and_then(|i| messages.get(i)) else {
            continue;
        };
        if with_token(*request) || resp.status() != Some(401) {
            continue;
        }
        let pointer = response.map(|i| reading.challenges_of(i)).unwrap_or_default().iter().find_map(|c| c.param("resource_metadata").map(str::to_string));
        let Some(pointer) = pointer else { continue };
        let retried = reading.pairs.iter().skip(e.saturating_add(1)).position(|(r, _)| with_token(*r));
        let Some(later) = retried else { continue };
        let mut f = Finding::new(
            Code::DiscoveryChallenge,
            format!(
                "Exchange {} sent no credentials and was pointed to `{pointer}`; the client retried with a token in exchange {}",
                e.saturating_add(1),
                e.saturating_add(later).saturating_add(2)
            ),
        );
        f.exchange = Some(e);
        f.input = response.and_then(|i| a.message_inputs.get(i).copied());
        a.checked.push(f.step);
        a.findings.push(f);
    }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ForwardedCertUnreadable,
        meaning: "A forwarded client-certificate header (such as `X-Forwarded-Client-Cert`, `Client-Cert` or `X-SSL-Cert`) or a pasted PEM certificate could not be decoded; the message says why.",
        why: "The API, like the engine, must parse the forwarded certificate to compute its thumbprint, so a header in the wrong encoding (URL-encoded PEM, missing delimiters, a truncated value) means the binding cannot be checked and a certificate-bound token may be refused.",
        caller: "Paste the certificate as complete PEM, including the `BEGIN` and `END` lines, or give it with `--client-cert`; if the header came from a proxy, copy it unmodified.",
        owner: "Check the format your proxy uses to forward certificates (Envoy XFCC `Cert=\"…\"` URL-encoded PEM, RFC 9440 `Client-Cert` as a byte sequence `:base64:`, nginx `$ssl_client_escaped_cert`) and that the API decodes the same format.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DiscoveryChallenge,
        meaning: "A request without credentials was answered 401 with a `WWW-Authenticate` challenge carrying `resource_metadata`, and a later request retried with a token: the RFC 9728 discovery flow.",
        why: "This first 401 is expected and is how the client learns where to get a token; it matters only when the retry with a token is also refused, and then the findings about that request explain why.",
        caller: "Nothing to change for this leg; check that the client follows `resource_metadata` to the authorization server and sends the token it obtains.",
        owner: "Nothing is wrong here; the access log shows the unauthenticated 401 followed by the authenticated request, which is normal for discovery.",
    },
];
