//! Analysing the inputs: each token, header, cookie line and challenge the reading stage
//! found, the OAuth requests in the text, and what the text says when nothing is recognised.

use super::read::{Item, Reading};
use super::{attributed, Analysis};
use crate::checklist::StepId;
use crate::detect::{Carrier, Detected};
use crate::findings::{Code, Finding};
use crate::jose::verify::Verifier;
use crate::report::{self, InputKind, InputSummary, TokenForm, TokenReport};
use crate::{cookie, headers, http, jwt, logs, oauth, Context, Secret, MAX_TOKENS};
use std::collections::HashMap;

/// Turns every item into an input with its findings; `a.input_exchanges` says which
/// exchanges each input came from.
pub(super) fn analyse(reading: &Reading, input: &str, ctx: &Context, verifier: &dyn Verifier, a: &mut Analysis) {
    let items = super::read::items(input, reading);
    // What the server's messages say it expected stands in for what the user did not type.
    let stated = logs::expected(&reading.logged.0);
    a.logged_lines = reading.logged.0.iter().map(|r| r.line).collect();
    let with_stated;
    let ctx = if (ctx.expect.audiences.is_empty() && !stated.audiences.is_empty()) || (ctx.expect.issuer.is_none() && stated.issuer.is_some()) {
        let mut c = ctx.clone();
        if c.expect.audiences.is_empty() {
            c.expect.audiences = stated.audiences;
        }
        if c.expect.issuer.is_none() {
            c.expect.issuer = stated.issuer;
        }
        with_stated = c;
        &with_stated
    } else {
        ctx
    };
    let exchange_of = message_exchanges(reading);
    let mut seen_tokens: HashMap<&str, usize> = HashMap::new();
    let mut seen_headers: HashMap<&str, usize> = HashMap::new();
    a.message_inputs = vec![0; reading.messages.len()];
    for item in &items {
        let index = a.inputs.len();
        let mut message = None;
        let (from, detected) = match item {
            Item::Message(m, line) => {
                if let Some(slot) = a.message_inputs.get_mut(*m) {
                    *slot = index;
                }
                a.add_input_of(describe_message(&reading.messages[*m], *line), exchange_of.get(*m).copied().flatten().into_iter().collect());
                continue;
            }
            Item::Logged(i, _) => {
                if let Some(r) = reading.logged.0.get(*i) {
                    logged(r, index, ctx, a);
                }
                continue;
            }
            Item::Claims(i, _) => {
                if let Some(decoded) = reading.claims.get(*i) {
                    if !a.tokens.iter().any(|t| t.payload.as_object() == Some(&decoded.claims)) {
                        claims(decoded, index, ctx, a);
                    }
                }
                continue;
            }
            Item::Config(i, _) => {
                if let Some(m) = reading.config.get(*i) {
                    let mut f = m.finding.clone();
                    f.input = Some(index);
                    a.checked.push(f.step);
                    a.findings.push(f);
                    a.add_input(InputSummary { kind: InputKind::Config, summary: format!("{} with a known mistake", m.what), line: m.line });
                }
                continue;
            }
            Item::Detected(d) => (None, d),
            Item::Header(m, d) => {
                message = Some(*m);
                (exchange_of.get(*m).copied().flatten(), d)
            }
        };
        // The same token or header repeated (every entry of a HAR file, a redirect resent) is
        // one input, which belongs to each exchange that carried it.
        let repeat = match detected {
            Detected::Token { text, .. } => seen_tokens.get(text).copied(),
            Detected::Challenge { value, .. }
            | Detected::Credentials { value, .. }
            | Detected::Cookies { value, .. }
            | Detected::SetCookie { value, .. } => seen_headers.get(value).copied(),
        };
        if let Some(earlier) = repeat {
            if let (Some(e), Some(list)) = (from, a.input_exchanges.get_mut(earlier)) {
                if !list.contains(&e) {
                    list.push(e);
                }
            }
            continue;
        }
        if let Detected::Token { .. } = detected {
            if a.tokens.len() == MAX_TOKENS {
                a.findings.push(Finding::new(
                    Code::In003,
                    format!("The input holds more than {MAX_TOKENS} distinct tokens; the rest were not analysed"),
                ));
                break;
            }
        }
        match detected {
            Detected::Token { text, .. } => {
                seen_tokens.insert(text, index);
            }
            Detected::Challenge { value, .. }
            | Detected::Credentials { value, .. }
            | Detected::Cookies { value, .. }
            | Detected::SetCookie { value, .. } => {
                seen_headers.insert(value, index);
            }
        }
        if let Detected::Token { text, line, carrier } = detected {
            if matches!(carrier, Carrier::Dpop) || (matches!(carrier, Carrier::Bare) && crate::dpop::looks_like_proof(text)) {
                proof(text, *line, index, (from, message), verifier, a);
                continue;
            }
        }
        analyse_one(detected, index, from, ctx, verifier, a);
    }

    // A challenge's description stands for the token only when no token was read: a token's
    // own claims are better evidence (and a server that disagrees with them is a clock story).
    let described = std::mem::take(&mut a.described);
    if a.tokens.iter().all(|t| t.times.is_empty()) {
        for f in described {
            // A logged message already said the same (the description is often that message).
            if a.findings.iter().any(|g| g.code == f.code) {
                continue;
            }
            a.checked.push(f.step);
            a.findings.push(f);
        }
    }

    // OAuth requests: in a HAR file, those its entries made; otherwise, wherever the text has one.
    let oauth_requests = if reading.is_har { oauth::analyze_messages(&reading.messages, ctx) } else { oauth::analyze(input, ctx) };
    for (summary, found) in oauth_requests {
        let index = a.add_input(summary);
        a.checked.push(StepId::IdentityProvider);
        a.findings.extend(attributed(found, Some(index), None));
    }
    if a.inputs.is_empty() && !input.trim().is_empty() {
        a.add_input(InputSummary { kind: InputKind::Unknown, summary: "Text with nothing recognised".into(), line: 1 });
                let mut message = format!(
            "Nothing this page reads was found in {} characters of text: it reads JWTs, `Authorization`, `WWW-Authenticate` and cookie headers, HTTP requests and responses, `curl` and `fetch` commands, HAR files, decoded claims, known log and error messages, and server configuration",
            input.chars().count()
        );
        if let Some(looks) = unusable(input) {
            message.push_str("; ");
            message.push_str(looks);
        }
        let mut f = Finding::new(Code::In002, message);
        f.input = Some(0);
        a.findings.push(f);
    }
    for problem in &reading.problems {
        a.findings.push(Finding::new(Code::Http015, format!("Line {}: {}", problem.line, problem.what)));
    }
}

/// A DPoP proof as input `index`; `at` is the exchange and the message that carried it.
fn proof(text: &str, line: usize, index: usize, at: (Option<usize>, Option<usize>), verifier: &dyn Verifier, a: &mut Analysis) {
    let (from, message) = at;
    a.checked.push(StepId::SenderConstraint);
    let summary = if logs::redaction::is_redacted(text) {
        let mut f = Finding::new(Code::Red001, format!("Line {line}: the DPoP proof was masked or cut short before pasting ({}), so it is not checked", shown_start(text)));
        f.input = Some(index);
        a.findings.push(f);
        "DPoP proof redacted by the user".to_string()
    } else if a.proofs.len() >= MAX_TOKENS {
        "DPoP proof (not analysed: too many in the input)".to_string()
    } else {
        let (report, found) = crate::dpop::read(text, index, verifier);
        a.findings.extend(attributed(found, Some(index), None));
        let text = |v: &serde_json::Value, name: &str| v.get(name).and_then(serde_json::Value::as_str).map(|s| s.replace('`', "'"));
        let summary = match (text(&report.header, "alg"), text(&report.payload, "htm"), text(&report.payload, "htu")) {
            (Some(alg), Some(htm), Some(htu)) => format!("DPoP proof signed with `{alg}` for `{htm} {}`", crate::markdown::redact_url(&htu)),
            (Some(alg), _, _) => format!("DPoP proof signed with `{alg}`"),
            _ => "Unreadable DPoP proof".to_string(),
        };
        a.proofs.push(report);
        a.proof_messages.push(message);
        summary
    };
    a.add_input_of(InputSummary { kind: InputKind::DpopProof, summary, line }, from.into_iter().collect());
}

/// A catalogued message as input `index`.
fn logged(r: &logs::Recognised, index: usize, ctx: &Context, a: &mut Analysis) {
    let Some(mut f) = logs::finding(r, ctx.now) else { return };
    let entry = logs::catalogue::Catalogue::get().entries.get(r.entry);
    f.input = Some(index);
    a.checked.push(f.step);
    a.findings.push(f);
    let summary = match entry {
        Some(e) => format!("{} message `{}`", e.family, e.id),
        None => "Known message".to_string(),
    };
    a.add_input(InputSummary { kind: InputKind::Message, summary, line: r.line });
}

/// Decoded claims as input `index`: their times and expectations are checked as a token's are.
fn claims(decoded: &logs::claims::Decoded, index: usize, ctx: &Context, a: &mut Analysis) {
    let header = decoded.header.clone().unwrap_or(serde_json::Value::Null);
    let t = jwt::time::check(&decoded.claims, ctx);
    let c = jwt::claims::check(&header, &decoded.claims, &ctx.expect);
    let mut note = Finding::new(Code::In004, "Decoded claims: no signature to check, and the token's encoding was not seen");
    note.input = Some(index);
    a.findings.push(note);
    a.findings.extend(attributed(t.findings, Some(index), None));
    a.findings.extend(attributed(c.findings, Some(index), None));
    a.checked.push(StepId::TokenExpiry);
    a.checked.extend(c.checked);
    let text = |name: &str| decoded.claims.get(name).map(|v| match v {
        serde_json::Value::String(s) => format!("`{name}` `{}`", s.replace('`', "'")),
        other => format!("`{name}` `{other}`"),
    });
    let said: Vec<String> = ["iss", "aud", "exp"].iter().filter_map(|n| text(n)).collect();
    let summary = if said.is_empty() { "Decoded token claims".to_string() } else { format!("Decoded token claims: {}", said.join(", ")) };
    a.add_input(InputSummary { kind: InputKind::Claims, summary, line: decoded.line });
}

/// What a text that nothing recognised looks like, when it is a known format this input box
/// cannot use.
fn unusable(text: &str) -> Option<&'static str> {
    let t = text.trim_start_matches('\u{feff}').trim();
    let lower: String = t.chars().take(4096).collect::<String>().to_ascii_lowercase();
    if t.starts_with("-----BEGIN") {
        return Some("this is a PEM key or certificate: give it in the key panel (or `--key`) to verify a token with it");
    }
    if t.starts_with('{') && lower.contains("\"keys\"") && lower.contains("\"kty\"") {
        return Some("this is a JWK Set: give it in the key panel (or `--key`) to verify a token with it");
    }
    if t.starts_with('{') && lower.contains("\"kty\"") {
        return Some("this is a JWK: give it in the key panel (or `--key`) to verify a token with it");
    }
    if lower.contains("<saml") || lower.contains("samlresponse") {
        return Some("this looks like a SAML message, which this page does not read");
    }
    if lower.contains("traceback (most recent call last)") || lower.contains("exception") || lower.contains("\n\tat ") {
        return Some("this looks like a stack trace whose message is not one this page knows: paste the lines around the first error, or the failing request and response");
    }
    let one_word = !t.contains(char::is_whitespace);
    if one_word && t.len() >= 32 && t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')) {
        return Some("this is one opaque value, not a JWT: paste it with the header it was sent in (`Authorization: Bearer …`) to have the header checked");
    }
    None
}

/// The exchange each message belongs to.
fn message_exchanges(reading: &Reading) -> Vec<Option<usize>> {
    let mut out = vec![None; reading.messages.len()];
    for (e, (request, response)) in reading.pairs.iter().enumerate() {
        for m in [*request, *response].into_iter().flatten() {
            if let Some(slot) = out.get_mut(m) {
                *slot = Some(e);
            }
        }
    }
    out
}

/// One recognised thing, as input `index`.
fn analyse_one(detected: &Detected, index: usize, from: Option<usize>, ctx: &Context, verifier: &dyn Verifier, a: &mut Analysis) {
    match detected {
        Detected::Token { text, line, carrier } if logs::redaction::is_redacted(text) => {
            let mut f = Finding::new(Code::Red001, format!("Line {line}: the token was masked or cut short before pasting ({}), so it is not checked", shown_start(text)));
            f.input = Some(index);
            a.findings.push(f);
            let (kind, what) = match carrier {
                Carrier::Authorization { scheme, .. } => {
                    a.authorization.push(report::AuthorizationSummary { input: index, scheme: scheme.to_string(), user: None, password: None });
                    (InputKind::Authorization, format!("`Authorization: {scheme}` header with a redacted token"))
                }
                Carrier::Cookie { name } => (InputKind::Cookie, format!("Cookie `{name}` with a redacted token")),
                Carrier::Bare | Carrier::Dpop => (InputKind::Jwt, "Token redacted by the user".to_string()),
            };
            a.add_input_of(InputSummary { kind, summary: what, line: *line }, from.into_iter().collect());
        }
        Detected::Token { text, line, carrier } => {
            let mut analysis = jwt::analyze(text, index, ctx, &a.keys, verifier);
            let (kind, summary) = describe_token(&analysis.token, carrier);
            if let Carrier::Authorization { value, .. } = carrier {
                a.checked.push(StepId::AuthorizationHeader);
                header_findings(value, index, a);
            }
            if let Carrier::Cookie { name } = carrier {
                a.checked.push(StepId::Cookies);
                let mut f = Finding::new(Code::Cook015, format!("The cookie `{name}` holds a JWT; it is decoded and checked below"));
                f.input = Some(index);
                a.findings.push(f);
            }
            a.add_input_of(InputSummary { kind, summary, line: *line }, from.into_iter().collect());
            // A decrypted token may hold another token; each is inspected in turn, a few deep.
            for depth in 0.. {
                a.checked.extend(analysis.checked.iter().copied());
                a.findings.extend(attributed(analysis.findings, Some(index), Some(a.tokens.len())));
                let nested = analysis.nested.take();
                a.tokens.push(analysis.token);
                match nested {
                    Some(inner) if depth < 3 => analysis = jwt::analyze(&inner, index, ctx, &a.keys, verifier),
                    _ => break,
                }
            }
        }
        Detected::Cookies { value, line } => {
            a.checked.push(StepId::Cookies);
            let (pairs, problems) = cookie::parse_cookie_header(value);
            a.cookies.extend(pairs.iter().map(|p| report::CookieEntry {
                input: index,
                name: p.name.clone(),
                value: Secret::new(p.value.clone()),
                set: false,
                attributes: Vec::new(),
            }));
            a.findings.extend(attributed(http::replay::cookie_header_findings(&problems), Some(index), None));
            let names: Vec<String> = pairs.iter().take(8).map(|p| format!("`{}`", p.name)).collect();
            let more = if pairs.len() > 8 { format!(" and {} more", pairs.len() - 8) } else { String::new() };
            let summary = match pairs.len() {
                0 => "`Cookie` header with no cookies".to_string(),
                1 => format!("`Cookie` header with one cookie: {}", names.join(", ")),
                n => format!("`Cookie` header with {n} cookies: {}{more}", names.join(", ")),
            };
            a.add_input_of(InputSummary { kind: InputKind::Cookie, summary, line: *line }, from.into_iter().collect());
        }
        Detected::SetCookie { value, line } => {
            a.checked.push(StepId::Cookies);
            let set = cookie::parse_set_cookie(value);
            a.cookies.push(report::CookieEntry {
                input: index,
                name: set.name.clone(),
                value: Secret::new(set.value.clone()),
                set: true,
                attributes: http::replay::attributes(&set),
            });
            a.findings.extend(attributed(http::replay::standalone_findings(&set, ctx.now), Some(index), None));
            a.add_input_of(InputSummary { kind: InputKind::SetCookie, summary: http::replay::describe_set_cookie(&set), line: *line }, from.into_iter().collect());
        }
        Detected::Challenge { value, proxy, line } => {
            let (summary, found) = headers::challenge::analyze(value, *proxy);
            a.checked.push(if *proxy { StepId::NetworkPath } else { StepId::WwwAuthenticate });
            a.findings.extend(attributed(found, Some(index), None));
            let (asked, _) = headers::www_authenticate::parse(value);
            // What the description says, unless the line was already read as a message.
            if !a.logged_lines.contains(line) {
                for challenge in &asked {
                    let Some(description) = challenge.param("error_description") else { continue };
                    if let Some(mut f) = logs::from_challenge(challenge.param("error"), description, *line, ctx.now) {
                        f.input = Some(index);
                        a.described.push(f);
                    }
                }
            }
            a.challenges.push((index, asked.into_iter().map(|c| c.scheme).collect()));
            a.add_input_of(InputSummary { kind: InputKind::WwwAuthenticate, summary, line: *line }, from.into_iter().collect());
        }
        Detected::Credentials { scheme, credentials, line, .. } if logs::redaction::is_redacted(credentials) => {
            a.checked.push(StepId::AuthorizationHeader);
            let mut f = Finding::new(Code::Red001, format!("Line {line}: the `{scheme}` credentials were masked before pasting, so they are not checked"));
            f.input = Some(index);
            a.findings.push(f);
            a.authorization.push(report::AuthorizationSummary { input: index, scheme: scheme.to_string(), user: None, password: None });
            let summary = format!("`Authorization` header with `{scheme}` credentials redacted by the user");
            a.add_input_of(InputSummary { kind: InputKind::Authorization, summary, line: *line }, from.into_iter().collect());
        }
        Detected::Credentials { scheme, credentials, value, line } => {
            a.checked.push(StepId::AuthorizationHeader);
            let before = a.findings.len();
            header_findings(value, index, a);
            let summary = if credentials.is_empty() {
                format!("`Authorization` header with the `{scheme}` scheme and no credentials")
            } else {
                format!("`Authorization` header with `{scheme}` credentials")
            };
            // Only the findings just added can be about this input.
            let placeholder = a.findings.get(before..).unwrap_or_default().iter().any(|f| f.input == Some(index) && f.code == Code::Auth006);
            if scheme.eq_ignore_ascii_case("bearer") && !credentials.is_empty() && !placeholder {
                let mut f = Finding::new(
                    Code::Jwt027,
                    format!("The `Bearer` credentials ({} characters) are not a JWT", credentials.chars().count()),
                );
                f.input = Some(index);
                a.findings.push(f);
            }
            a.add_input_of(InputSummary { kind: InputKind::Authorization, summary, line: *line }, from.into_iter().collect());
        }
    }
}

/// The first characters of a masked token, enough to recognise it and nothing more.
fn shown_start(text: &str) -> String {
    let start: String = text.chars().take(10).filter(|c| *c != '`').collect();
    format!("`{start}…`")
}

fn describe_message(message: &http::message::Message, line: usize) -> InputSummary {
    use http::message::{Source, StartLine};
    let (kind, summary) = match &message.start {
        StartLine::Request { method, .. } => (InputKind::HttpRequest, format!("{method} {}", http::exchange::url(message))),
        StartLine::Response { status, reason, .. } => (InputKind::HttpResponse, format!("Response {status} {reason}").trim_end().to_string()),
    };
    let kind = match message.source {
        Source::CurlVerbose | Source::CurlCommand => InputKind::Curl,
        Source::FetchSnippet => InputKind::Fetch,
        _ => kind,
    };
    InputSummary { kind, summary, line }
}

/// The checks of an `Authorization` header value, attributed to its input.
fn header_findings(value: &str, input: usize, a: &mut Analysis) {
    let (header, found) = headers::authorization::analyze(value);
    a.findings.extend(attributed(found, Some(input), None));
    a.authorization.push(report::AuthorizationSummary {
        input,
        scheme: header.scheme,
        user: header.basic.as_ref().map(|b| b.user.clone()),
        password: header.basic.map(|b| b.password),
    });
}

fn describe_token(token: &TokenReport, carrier: &Carrier) -> (InputKind, String) {
    let header = &token.header;
    let text = |name: &str| header.get(name).and_then(serde_json::Value::as_str);
    let what = match token.form {
        TokenForm::Jwe => format!(
            "Encrypted JWT (JWE), `{}` / `{}`",
            text("alg").unwrap_or("?"),
            text("enc").unwrap_or("?")
        ),
        TokenForm::Jws if header.is_null() || token.parts.len() != 3 => "Malformed JWT".to_string(),
        TokenForm::Jws => match text("alg") {
            Some(alg) if alg.eq_ignore_ascii_case("none") => format!("Unsigned JWT (`alg` `{alg}`)"),
            Some(alg) => match text("kid") {
                Some(kid) => format!("JWT signed with `{alg}`, key id `{kid}`"),
                None => format!("JWT signed with `{alg}`"),
            },
            None => "JWT without `alg`".to_string(),
        },
    };
    match carrier {
        Carrier::Bare | Carrier::Dpop => (if token.form == TokenForm::Jwe { InputKind::Jwe } else { InputKind::Jwt }, what),
        Carrier::Authorization { scheme, .. } => {
            (InputKind::Authorization, format!("`Authorization: {scheme}` header: {what}"))
        }
        Carrier::Cookie { name } => (InputKind::Cookie, format!("Cookie `{name}`: {what}")),
    }
}
