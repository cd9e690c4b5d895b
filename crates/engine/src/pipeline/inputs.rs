//! Analysing the inputs: each token, header, cookie line and challenge the reading stage
//! found, the OAuth requests in the text, and what the text says when nothing is recognised.

use super::read::{Item, Reading};
use super::{attributed, Analysis};
use crate::detect::{Carrier, Detected};
use crate::findings::{Code, Finding};
use crate::jose::verify::Verifier;
use crate::report::{self, CheckStatus, InputKind, InputSummary, TokenForm, TokenReport};
use crate::steps::StepId;
use crate::{cookie, headers, http, jose, jwt, logs, oauth, schemes, token_response, Context, Secret, MAX_TOKENS};
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
    // Token and introspection responses are read after the tokens and requests they refer to.
    let mut deferred: Vec<usize> = Vec::new();
    // Where each item's inputs start, and the fragment of the text it was read from.
    let mut starts: Vec<(usize, Option<(usize, usize)>)> = Vec::with_capacity(items.len().saturating_add(1));
    for item in &items {
        let index = a.inputs.len();
        starts.push((index, fragment(item, reading, input)));
        let mut message = None;
        let (from, detected) = match item {
            Item::Message(m, line) => {
                if let Some(slot) = a.message_inputs.get_mut(*m) {
                    *slot = index;
                }
                let Some(read) = reading.messages.get(*m) else { continue };
                a.add_input_of(describe_message(read, *line), exchange_of.get(*m).copied().flatten().into_iter().collect());
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
                    a.add_input(InputSummary { kind: InputKind::Config, summary: format!("{} with a known mistake", m.what), line: m.line, columns: None });
                }
                continue;
            }
            Item::JoseJson(i, _) => {
                if let Some(found) = reading.jose_json.get(*i) {
                    jose_json(found, index, reading, input, ctx, verifier, &exchange_of, a);
                }
                continue;
            }
            Item::OauthJson(i, _) => {
                deferred.push(*i);
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
            Detected::Challenge { value, .. } | Detected::Credentials { value, .. } | Detected::Cookies { value, .. } | Detected::SetCookie { value, .. } => {
                seen_headers.get(value).copied()
            }
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
                a.findings
                    .push(Finding::new(Code::TooManyTokens, format!("The input holds more than {MAX_TOKENS} distinct tokens; the rest were not analysed")));
                break;
            }
        }
        match detected {
            Detected::Token { text, .. } => {
                seen_tokens.insert(text, index);
            }
            Detected::Challenge { value, .. } | Detected::Credentials { value, .. } | Detected::Cookies { value, .. } | Detected::SetCookie { value, .. } => {
                seen_headers.insert(value, index);
            }
        }
        let content = match (detected, item) {
            (Detected::Token { text, line, .. }, _) if text.contains("..") && text.matches('.').count() == 2 => {
                let bodies: Vec<(usize, &str)> = match item {
                    Item::Header(m, _) => reading.messages.get(*m).map(|msg| vec![(msg.line, msg.body.as_str())]).unwrap_or_default(),
                    _ => Vec::new(),
                };
                jose::json::content_around(input, (*line, *line), &bodies)
            }
            _ => Vec::new(),
        };
        if let Detected::Token { text, line, carrier } = detected {
            if matches!(carrier, Carrier::Dpop) || (matches!(carrier, Carrier::Bare) && crate::dpop::looks_like_proof(text)) {
                proof(text, *line, index, (from, message), verifier, a);
                continue;
            }
        }
        // A challenge header of a parsed message was parsed with it: its parse is read here.
        let parsed = match (item, detected) {
            (Item::Header(m, _), Detected::Challenge { value, .. }) => reading.messages.get(*m).and_then(|msg| msg.challenge_header(value)),
            _ => None,
        };
        analyse_one(detected, index, from, ctx, verifier, Near { content: &content, parsed }, a);
    }
    starts.push((a.inputs.len(), None));
    // Where each line starts, once, when some fragment needs it.
    let line_starts: Vec<usize> = if starts.iter().any(|(_, s)| s.is_some()) {
        std::iter::once(0).chain(input.match_indices('\n').map(|(i, _)| i.saturating_add(1))).collect()
    } else {
        Vec::new()
    };
    for pair in starts.windows(2) {
        if let [(from, Some((start, end))), (to, _)] = pair {
            // Offsets from the start of the fragment's line, which is its input's line.
            let line = line_starts.partition_point(|&s| s <= *start);
            let line_start = line_starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
            for summary in a.inputs.iter_mut().take(*to).skip(*from).filter(|s| s.line == line) {
                summary.columns = Some((start.saturating_sub(line_start), end.saturating_sub(line_start)));
            }
        }
    }
    // What npm, pip, git or curl printed when a proxy stopped them, with each tool's fix.
    if !reading.is_har {
        a.findings.extend(crate::schemes::proxy::tool_findings(input));
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
    let oauth_requests = oauth::analyze(&oauth_read(reading, input), ctx);
    for (summary, found) in oauth_requests {
        let index = a.add_input(summary);
        a.checked.push(StepId::IdentityProvider);
        a.findings.extend(attributed(found, Some(index), None));
    }
    for i in deferred {
        if let Some(found) = reading.oauth_json.get(i) {
            oauth_json(found, reading, input, ctx, &exchange_of, a);
        }
    }
    if a.inputs.is_empty() && a.metadata_documents == 0 && !input.trim().is_empty() {
        a.add_input(InputSummary { kind: InputKind::Unknown, summary: "Text with nothing recognised".into(), line: 1, columns: None });
        let mut message = format!(
            "Nothing this page reads was found in {} characters of text: it reads JWTs, `Authorization`, `WWW-Authenticate` and cookie headers, HTTP requests and responses, `curl` and `fetch` commands, HAR files, decoded claims, known log and error messages, and server configuration",
            input.chars().count()
        );
        if let Some(looks) = unusable(input) {
            message.push_str("; ");
            message.push_str(looks);
        }
        let mut f = Finding::new(Code::NothingRecognised, message);
        f.input = Some(0);
        a.findings.push(f);
    }
    for problem in &reading.problems {
        a.findings.push(Finding::new(Code::HttpLineUnreadable, format!("Line {}: {}", problem.line, problem.what)));
    }
}

/// What the reading stage read, as OAuth recognition takes it.
pub(super) fn oauth_read<'a>(reading: &'a Reading, input: &'a str) -> oauth::Read<'a> {
    oauth::Read { input, messages: &reading.messages, commands: &reading.commands, is_har: reading.is_har }
}

/// A DPoP proof as input `index`; `at` is the exchange and the message that carried it.
fn proof(text: &str, line: usize, index: usize, at: (Option<usize>, Option<usize>), verifier: &dyn Verifier, a: &mut Analysis) {
    let (from, message) = at;
    a.checked.push(StepId::SenderConstraint);
    let summary = if logs::redaction::is_redacted(text) {
        let mut f = Finding::new(
            Code::Redacted,
            format!("Line {line}: the DPoP proof was masked or cut short before pasting ({}), so it is not checked", shown_start(text)),
        );
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
    a.add_input_of(InputSummary { kind: InputKind::DpopProof, summary, line, columns: None }, from.into_iter().collect());
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
    a.add_input(InputSummary { kind: InputKind::Message, summary, line: r.line, columns: None });
}

/// Decoded claims as input `index`: their times and expectations are checked as a token's are.
fn claims(decoded: &logs::claims::Decoded, index: usize, ctx: &Context, a: &mut Analysis) {
    let header = decoded.header.clone().unwrap_or(serde_json::Value::Null);
    let t = jwt::time::check(&decoded.claims, ctx);
    let c = jwt::claims::check(&header, &decoded.claims, &ctx.expect);
    let mut note = Finding::new(Code::DecodedClaimsOnly, "Decoded claims: no signature to check, and the token's encoding was not seen");
    note.input = Some(index);
    a.findings.push(note);
    a.findings.extend(attributed(t.findings, Some(index), None));
    a.findings.extend(attributed(c.findings, Some(index), None));
    a.checked.push(StepId::TokenExpiry);
    a.checked.extend(c.checked);
    let text = |name: &str| {
        decoded.claims.get(name).map(|v| match v {
            serde_json::Value::String(s) => format!("`{name}` `{}`", s.replace('`', "'")),
            other => format!("`{name}` `{other}`"),
        })
    };
    let said: Vec<String> = ["iss", "aud", "exp"].iter().filter_map(|n| text(n)).collect();
    let summary = if said.is_empty() { "Decoded token claims".to_string() } else { format!("Decoded token claims: {}", said.join(", ")) };
    a.add_input(InputSummary { kind: InputKind::Claims, summary, line: decoded.line, columns: None });
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
/// What is known around a detection: the content pasted beside a detached JWS, and the parse
/// of a challenge header its message already holds.
struct Near<'a> {
    content: &'a [(usize, String)],
    parsed: Option<&'a headers::challenge::Parsed>,
}

fn analyse_one(detected: &Detected, index: usize, from: Option<usize>, ctx: &Context, verifier: &dyn Verifier, near: Near, a: &mut Analysis) {
    let content = near.content;
    match detected {
        Detected::Token { text, line, carrier } if logs::redaction::is_redacted(text) => {
            let mut f = Finding::new(
                Code::Redacted,
                format!("Line {line}: the token was masked or cut short before pasting ({}), so it is not checked", shown_start(text)),
            );
            f.input = Some(index);
            a.findings.push(f);
            let (kind, what) = match carrier {
                Carrier::Authorization { scheme, .. } => {
                    a.authorization.push(report::AuthorizationSummary { input: index, scheme: scheme.to_string(), user: None, password: None, proxy: false });
                    (InputKind::Authorization, format!("`Authorization: {scheme}` header with a redacted token"))
                }
                Carrier::Cookie { name } => (InputKind::Cookie, format!("Cookie `{name}` with a redacted token")),
                Carrier::Bare | Carrier::Dpop => (InputKind::Jwt, "Token redacted by the user".to_string()),
            };
            a.add_input_of(InputSummary { kind, summary: what, line: *line, columns: None }, from.into_iter().collect());
        }
        Detected::Token { text, line, carrier } => {
            let mut analysis = jwt::analyze(text, index, ctx, &a.keys, verifier);
            if !content.is_empty() {
                detached_recheck(&mut analysis, content, ctx, &a.keys, verifier);
            }
            let (kind, summary) = describe_token(&analysis.token, carrier);
            if let Carrier::Authorization { value, .. } = carrier {
                a.checked.push(StepId::AuthorizationHeader);
                header_findings(value, index, false, a);
            }
            if let Carrier::Cookie { name } = carrier {
                a.checked.push(StepId::Cookies);
                let mut f = Finding::new(Code::CookieHoldsJwt, format!("The cookie `{name}` holds a JWT; it is decoded and checked below"));
                f.input = Some(index);
                a.findings.push(f);
            }
            a.add_input_of(InputSummary { kind, summary, line: *line, columns: None }, from.into_iter().collect());
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
            let more = if pairs.len() > 8 { format!(" and {} more", pairs.len().saturating_sub(8)) } else { String::new() };
            let summary = match pairs.len() {
                0 => "`Cookie` header with no cookies".to_string(),
                1 => format!("`Cookie` header with one cookie: {}", names.join(", ")),
                n => format!("`Cookie` header with {n} cookies: {}{more}", names.join(", ")),
            };
            a.add_input_of(InputSummary { kind: InputKind::Cookie, summary, line: *line, columns: None }, from.into_iter().collect());
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
            a.add_input_of(
                InputSummary { kind: InputKind::SetCookie, summary: http::replay::describe_set_cookie(&set), line: *line, columns: None },
                from.into_iter().collect(),
            );
        }
        Detected::Challenge { value, proxy, line } => {
            // Parsed once (with its message, when it has one); every check below reads these.
            let unescaped = json_unescaped(value);
            let parsed = match (near.parsed, &unescaped) {
                (Some(parsed), std::borrow::Cow::Borrowed(_)) => parsed.clone(),
                _ => headers::challenge::Parsed::of(unescaped.as_ref()),
            };
            let (summary, found) = headers::challenge::analyze(&parsed, *proxy);
            a.checked.push(if *proxy { StepId::NetworkPath } else { StepId::WwwAuthenticate });
            a.findings.extend(attributed(found, Some(index), None));
            let asked = parsed.challenges;
            for challenge in &asked {
                let data = challenge.token68.as_deref().unwrap_or("");
                a.findings.extend(attributed(crate::schemes::windows::scheme_findings(&challenge.scheme, data), Some(index), None));
            }
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
            for challenge in asked.iter().filter(|c| c.scheme.eq_ignore_ascii_case("digest")) {
                a.findings.extend(attributed(schemes::digest::check_challenge(challenge), Some(index), None));
            }
            a.challenges.push((index, *proxy, asked));
            a.add_input_of(InputSummary { kind: InputKind::WwwAuthenticate, summary, line: *line, columns: None }, from.into_iter().collect());
        }
        Detected::Credentials { scheme, credentials, line, proxy, .. } if logs::redaction::is_redacted(credentials) => {
            a.checked.push(StepId::AuthorizationHeader);
            let mut f = Finding::new(Code::Redacted, format!("Line {line}: the `{scheme}` credentials were masked before pasting, so they are not checked"));
            f.input = Some(index);
            a.findings.push(f);
            a.authorization.push(report::AuthorizationSummary { input: index, scheme: scheme.to_string(), user: None, password: None, proxy: *proxy });
            let header = if *proxy { "Proxy-Authorization" } else { "Authorization" };
            let summary = format!("`{header}` header with `{scheme}` credentials redacted by the user");
            a.add_input_of(InputSummary { kind: InputKind::Authorization, summary, line: *line, columns: None }, from.into_iter().collect());
        }
        Detected::Credentials { scheme, credentials, value, line, proxy } => {
            let unescaped = json_unescaped(value);
            let value = &unescaped.as_ref();
            a.checked.push(StepId::AuthorizationHeader);
            let before = a.findings.len();
            header_findings(value, index, *proxy, a);
            if scheme.eq_ignore_ascii_case("digest") {
                a.findings.extend(attributed(schemes::digest::check_credentials(value), Some(index), None));
                // Inside a message, the exchange stage recomputes it with the request and challenge.
                if from.is_none() {
                    let (found, steps) = schemes::digest::check_alone(value, ctx.password.as_ref().map(|p| p.expose()));
                    a.findings.extend(attributed(found, Some(index), None));
                    a.checked.extend(steps);
                }
            }
            let header = if *proxy { "Proxy-Authorization" } else { "Authorization" };
            let summary = if credentials.is_empty() {
                format!("`{header}` header with the `{scheme}` scheme and no credentials")
            } else {
                format!("`{header}` header with `{scheme}` credentials")
            };
            // Only the findings just added can be about this input.
            let placeholder = a.findings.get(before..).unwrap_or_default().iter().any(|f| f.input == Some(index) && f.code == Code::TokenPlaceholder);
            if scheme.eq_ignore_ascii_case("bearer") && !credentials.is_empty() && !placeholder {
                let mut f =
                    Finding::new(Code::BearerTokenNotJwt, format!("The `Bearer` credentials ({} characters) are not a JWT", credentials.chars().count()));
                f.input = Some(index);
                a.findings.push(f);
            }
            a.add_input_of(InputSummary { kind: InputKind::Authorization, summary, line: *line, columns: None }, from.into_iter().collect());
        }
    }
}

/// A header value read from inside a JSON string in a log line (`"Digest username=\\"bob\\", …"`),
/// with its escaped quotes and backslashes as the server received them.
fn json_unescaped(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains("\\\"") {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next @ ('"' | '\\' | '/'))) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The first characters of a masked token, enough to recognise it and nothing more.
fn shown_start(text: &str) -> String {
    let start: String = text.chars().take(10).filter(|c| *c != '`').collect();
    format!("`{start}…`")
}

/// Where in `input` an item's fragment is, as byte offsets, when it is part of one line: the
/// token, the header value or the catalogued message (`None` for what spans lines, or for text
/// the readers copied, such as a value unquoted from a `curl` argument).
fn fragment(item: &Item, reading: &Reading, input: &str) -> Option<(usize, usize)> {
    let (start, end) = match item {
        Item::Detected(d) | Item::Header(_, d) => {
            let part = match d {
                Detected::Token { text, .. } => *text,
                Detected::Challenge { value, .. }
                | Detected::Credentials { value, .. }
                | Detected::Cookies { value, .. }
                | Detected::SetCookie { value, .. } => value,
            };
            let start = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
            (start, start.checked_add(part.len())?)
        }
        Item::Logged(i, _) => reading.logged.0.get(*i)?.span,
        _ => return None,
    };
    let within = input.get(start..end)?;
    (!within.is_empty() && !within.contains('\n')).then_some((start, end))
}

fn describe_message(message: &http::message::Message, line: usize) -> InputSummary {
    use http::message::{Source, StartLine};
    let (kind, summary) = match &message.start {
        StartLine::Request { method, .. } => (InputKind::HttpRequest, format!("{method} {}", http::exchange::shown_url(&http::exchange::url(message)))),
        StartLine::Response { status, reason, .. } => (InputKind::HttpResponse, format!("Response {status} {reason}").trim_end().to_string()),
    };
    let kind = match message.source {
        Source::CurlVerbose | Source::CurlCommand => InputKind::Curl,
        Source::FetchSnippet => InputKind::Fetch,
        _ => kind,
    };
    InputSummary { kind, summary, line, columns: None }
}

/// The checks of an `Authorization` header value, attributed to its input.
fn header_findings(value: &str, input: usize, proxy: bool, a: &mut Analysis) {
    let (header, found) = headers::authorization::analyze(value);
    a.findings.extend(attributed(found, Some(input), None));
    if header.known == Some(crate::schemes::sigv4::ALGORITHM) {
        let signed = crate::schemes::sigv4::header_findings(header.credentials.expose());
        a.findings.extend(attributed(signed, Some(input), None));
    }
    a.findings.extend(attributed(crate::schemes::windows::scheme_findings(&header.scheme, header.credentials.expose()), Some(input), None));
    a.authorization.push(report::AuthorizationSummary {
        input,
        scheme: header.scheme,
        user: header.basic.as_ref().map(|b| b.user.clone()),
        password: header.basic.map(|b| b.password),
        proxy,
    });
}

fn describe_token(token: &TokenReport, carrier: &Carrier) -> (InputKind, String) {
    let header = &token.header;
    let text = |name: &str| header.get(name).and_then(serde_json::Value::as_str);
    let what = match token.form {
        TokenForm::Jwe => format!("Encrypted JWT (JWE), `{}` / `{}`", text("alg").unwrap_or("?"), text("enc").unwrap_or("?")),
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
        Carrier::Authorization { scheme, .. } => (InputKind::Authorization, format!("`Authorization: {scheme}` header: {what}")),
        Carrier::Cookie { name } => (InputKind::Cookie, format!("Cookie `{name}`: {what}")),
    }
}

/// A compact `header..signature` JWS checked again against the content pasted beside it.
fn detached_recheck(analysis: &mut jwt::Analysis, content: &[(usize, String)], ctx: &Context, keys: &[jose::key::Key], verifier: &dyn Verifier) {
    let token = &analysis.token;
    let [protected, middle, signature] = token.parts.as_slice() else { return };
    if !middle.expose().is_empty() {
        return;
    }
    let Some((check, payload, found)) = jose::json::detached_compact(protected.expose(), &token.header, signature.expose(), keys, verifier, content, ctx)
    else {
        return;
    };
    // What the check of the empty payload said is replaced by the check against the content.
    let replaced: Vec<Code> =
        found.iter().map(|f| f.code).chain([Code::TokenPartNotJson, Code::SignatureInvalid, Code::EcdsaSignatureDer, Code::HmacSecretTooShort]).collect();
    analysis.findings.retain(|f| !replaced.contains(&f.code));
    analysis.findings.extend(found);
    if check.status == CheckStatus::Pass {
        analysis.checked.push(StepId::TokenSignature);
    }
    analysis.token.checks.signature = check;
    if let Some(payload) = payload {
        if payload.as_object().is_some_and(|o| ["exp", "nbf", "iat", "aud", "iss"].iter().any(|c| o.contains_key(*c))) {
            let header = analysis.token.header.clone();
            let (exp, nbf, iat, aud, iss, scope, times) = jwt::claim_checks(&header, &payload, "", ctx, &mut analysis.findings, &mut analysis.checked);
            let checks = &mut analysis.token.checks;
            (checks.exp, checks.nbf, checks.iat, checks.aud, checks.iss, checks.scope) = (exp, nbf, iat, aud, iss, scope);
            analysis.token.times = times;
        }
        analysis.token.payload = payload;
    }
}

/// A JSON-serialized JWS or JWE as input `index`.
#[allow(clippy::too_many_arguments)]
fn jose_json(
    found: &jose::json::Found,
    index: usize,
    reading: &Reading,
    input: &str,
    ctx: &Context,
    verifier: &dyn Verifier,
    exchange_of: &[Option<usize>],
    a: &mut Analysis,
) {
    use http::message::StartLine;
    let message = reading.messages.iter().position(|m| m.lines.0 <= found.line && found.line <= m.lines.1);
    let from = message.and_then(|m| exchange_of.get(m).copied().flatten());
    let request_url = message.and_then(|m| reading.messages.get(m)).filter(|m| matches!(m.start, StartLine::Request { .. })).map(http::exchange::full_url);
    let detached = found.object.get("payload").is_none_or(|p| p.as_str() == Some(""));
    let content =
        if detached && found.kind == jose::json::Kind::Jws { jose::json::content_around(input, (found.line, found.end_line), &[]) } else { Vec::new() };
    if a.tokens.len() >= MAX_TOKENS {
        return;
    }
    let around = jose::json::Surroundings { request_url, content: &content };
    let outcome = match found.kind {
        jose::json::Kind::Jws => jose::json::analyze_jws(found, index, ctx, &a.keys, verifier, &around),
        jose::json::Kind::Jwe => jose::json::analyze_jwe(found, index, ctx, &a.keys),
    };
    let kind = if found.kind == jose::json::Kind::Jwe { InputKind::Jwe } else { InputKind::Jwt };
    a.add_input_of(InputSummary { kind, summary: outcome.summary, line: found.line, columns: None }, from.into_iter().collect());
    a.checked.extend(outcome.checked);
    a.findings.extend(attributed(outcome.findings, Some(index), Some(a.tokens.len())));
    a.tokens.push(outcome.token);
    let mut nested = outcome.nested;
    for _ in 0..3 {
        let Some(inner) = nested.take() else { break };
        let analysis = jwt::analyze(&inner, index, ctx, &a.keys, verifier);
        a.checked.extend(analysis.checked.iter().copied());
        a.findings.extend(attributed(analysis.findings, Some(index), Some(a.tokens.len())));
        a.tokens.push(analysis.token);
        nested = analysis.nested;
    }
}

/// A token endpoint or introspection response as a new input.
fn oauth_json(found: &token_response::Found, reading: &Reading, input: &str, ctx: &Context, exchange_of: &[Option<usize>], a: &mut Analysis) {
    let request = found.message.and_then(|m| reading.pairs.iter().find(|(_, b)| *b == Some(m)).and_then(|(r, _)| *r)).and_then(|r| reading.messages.get(r));
    if found.kind == token_response::Kind::Error {
        // An error body pasted alone whose message the catalogue explains is left to it; in an
        // exchange, only a token request's response is a token endpoint's.
        if found.message.is_none() && a.logged_lines.contains(&found.line) {
            return;
        }
        if request.is_some_and(|r| !token_response::is_token_request(r)) {
            return;
        }
    }
    let mut around = token_response::around(found, &reading.messages, &reading.pairs, input);
    around.known = a.findings.iter().map(|f| f.code).collect();
    for token in &a.tokens {
        if let Some(exp) = token.payload.get("exp").and_then(serde_json::Value::as_i64) {
            if exp < ctx.now {
                around.expired_tokens.push(crate::timefmt::utc(exp).unwrap_or_else(|| exp.to_string()));
            }
        }
        match token.payload.get("aud") {
            Some(serde_json::Value::String(aud)) => around.audiences.push(aud.clone()),
            Some(serde_json::Value::Array(list)) => around.audiences.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string))),
            _ => {}
        }
    }
    let (summary, findings) = token_response::check(found, &around, ctx);
    let kind = if found.kind == token_response::Kind::Introspection { InputKind::IntrospectionResponse } else { InputKind::TokenResponse };
    let from = found.message.and_then(|m| exchange_of.get(m).copied().flatten());
    let index = a.add_input_of(InputSummary { kind, summary, line: found.line, columns: None }, from.into_iter().collect());
    a.checked.push(StepId::IdentityProvider);
    if found.kind == token_response::Kind::Introspection && found.object.get("active") == Some(&serde_json::Value::Bool(true)) {
        a.checked.push(StepId::TokenExpiry);
    }
    a.findings.extend(attributed(findings, Some(index), None));
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::NothingRecognised,
        meaning: "The engine found none of the things it reads (JWTs, `Authorization`, `WWW-Authenticate` or cookie headers, HTTP messages, `curl` or `fetch` commands, HAR files, decoded claims, known log messages, server configuration) in the text; where it can, it says what the text looks like instead.",
        why: "It matters only because nothing was checked, so the report cannot point at a cause; it says nothing about the request itself.",
        caller: "Paste the token, the `Authorization` header, or the raw failing request and response (for example from `curl -v` or DevTools Copy as cURL) rather than a screenshot description or a summary.",
        owner: "No server change follows from this; provide callers with the exact response, including `WWW-Authenticate` and a request id, so they have something analysable.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TooManyTokens,
        meaning: "The input holds more distinct tokens than the engine analyses in one run; it checked the first ones up to the limit and ignored the rest.",
        why: "The token that the server actually refused may be among the skipped ones, so the findings may not cover the failing request.",
        caller: "Analyse one failing exchange at a time, or paste just the token that went with the refused request.",
        owner: "Nothing to change on the server; when collecting evidence, ask for the one failing request rather than a full log dump.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::BearerTokenNotJwt,
        meaning: "The request uses the `Bearer` scheme with credentials that are not a JWT (not three or five base64url parts), so the token is opaque to the engine.",
        why: "An opaque token is normal under RFC 6750 and says nothing about the 401 by itself; it matters when the API expects a JWT (for example because it validates tokens locally) or when the value is not an access token at all, and it does not matter for APIs that introspect opaque tokens at the issuer.",
        caller: "Check that the value is the access token and not an authorization code, refresh token or client secret; if so, ask the issuer whether it is still valid.",
        owner: "Use the token introspection endpoint (RFC 7662) or the issuer's logs to see whether the token is active, expired or revoked, and for which client and audience it was issued.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::HttpLineUnreadable,
        meaning: "A line of a pasted HTTP message could not be read as a header: it is not `name: value`, has white space before the colon, is a folded continuation without a header before it, or a header value contains a control character; the message gives the line number.",
        why: "Servers must reject white space before the colon and invalid characters in values (RFC 9110 §5.5, RFC 9112 §5), so if the real request looked like this it was refused; otherwise the line was damaged while copying and was not analysed.",
        caller: "Paste the message exactly as captured; if the line is real, remove the stray character (often a newline from a secret or file) from the header value.",
        owner: "If such requests reach the server, its parser returns 400; log the reason so callers can see it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::CookieHoldsJwt,
        meaning: "A cookie's value is a JWT; the engine decodes it and checks it like a bearer token.",
        why: "A JWT in a cookie is not a fault; it matters because the server reads the token from the cookie, so any expiry, audience, issuer or signature finding for it explains a 401 just as in an `Authorization` header, and it does not matter when those checks pass.",
        caller: "Look at the token findings that follow; if the token expired, sign in again or let the app refresh the cookie.",
        owner: "Validate the cookie token like any other and refresh the cookie before `exp`; keep such cookies `HttpOnly` and `Secure`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::DecodedClaimsOnly,
        meaning: "The input was a decoded JSON claims object (optionally with a decoded header) rather than the encoded token, so the engine checked the times and the expected claims but could not look at the encoding or the signature.",
        why: "It matters when the refusal comes from the signature, the `kid` or a damaged encoding, which cannot be seen in decoded claims; it does not matter when the claims findings already explain the 401.",
        caller: "Paste the compact token itself (`header.payload.signature`), together with the issuer's JWK Set if the signature is in doubt.",
        owner: "No change is needed for this note; when asking for evidence, ask for the encoded token (it is safe to analyse offline) rather than a decoded screenshot.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::Redacted,
        meaning: "A token or a credential in the input was masked or cut short before it was pasted (for example `eyJ...` or `****`), so the engine recorded where it was but did not check it.",
        why: "Masking never causes a 401; it matters only when the masked value might be the cause, since it can then be neither confirmed nor excluded, and it does not matter when the other findings already explain the refusal.",
        caller: "If the value may be the problem, paste it unmasked into this offline tool (it is not sent anywhere), or check it separately; otherwise nothing needs fixing.",
        owner: "Nothing to fix; masking credentials in shared captures is correct, and the server-side log for the request is the better source for the token's claims.",
    },
];
