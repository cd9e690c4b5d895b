//! The incident report: a Markdown summary of a diagnosis for a ticket or a postmortem.
//!
//! It says what was pasted (kinds, never contents), the decoded claims that are not secret, the
//! exchanges with their request ids and times, the findings, and the checklist as the user left
//! it. Secrets never appear: tokens, signatures, passwords, cookie values, `code_verifier`s and
//! credentials in URLs are shown at most as their first and last six characters or a SHA-256
//! fingerprint ([`Secret::redacted`]).

use crate::checklist::StepStatus;
use crate::report::{CorsVerdict, Report};
use crate::secret::Secret;
use crate::timefmt;
use std::fmt::Write;

/// Claims shown in the report: registered, time, audience and permission claims. Anything else
/// (names, e-mail addresses, custom data) stays out.
const SHOWN_CLAIMS: [&str; 20] = [
    "iss",
    "aud",
    "azp",
    "client_id",
    "cid",
    "appid",
    "scope",
    "scp",
    "roles",
    "exp",
    "nbf",
    "iat",
    "auth_time",
    "typ",
    "token_use",
    "ver",
    "tid",
    "amr",
    "acr",
    "idp",
];
/// Claims that identify a person or a session: shown as a fingerprint only.
const FINGERPRINTED_CLAIMS: [&str; 4] = ["sub", "oid", "sid", "jti"];
/// Header parameters shown.
const SHOWN_HEADER: [&str; 5] = ["alg", "kid", "typ", "enc", "cty"];

/// What the caller knows about where the diagnosis was made, and the user's answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// The browser (its user agent) or `why401 CLI 0.1.0`.
    pub agent: Option<String>,
    /// The local time zone, in minutes east of UTC.
    pub utc_offset_minutes: Option<i32>,
    /// The user's answers to checklist steps, by step id.
    pub answers: Vec<StepAnswer>,
}

/// A user's answer to one checklist step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepAnswer {
    pub id: String,
    /// `done`, `not-relevant`, or empty.
    pub answer: String,
    pub note: String,
    /// The user marked this step as the one that fixed the problem.
    pub fixed: bool,
}

pub use crate::secret::redact_url;

/// Text safe inside Markdown inline code: no backticks or line breaks.
fn code(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if c == '`' {
                '\''
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cut: String = flat.chars().take(200).collect();
    if flat.chars().count() > 200 {
        format!("`{cut}…`")
    } else {
        format!("`{cut}`")
    }
}

/// Text safe in a Markdown table cell or list item: no line breaks, no `|`.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '|' {
                '/'
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn claim_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The incident report for `report`, as Markdown.
pub fn render(report: &Report, env: &Environment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 401 incident report\n");
    let when = timefmt::utc(report.now).unwrap_or_else(|| report.now.to_string());
    let _ = writeln!(out, "- Checked at: {when} (Unix time {}), clock-skew allowance {} s", report.now, report.skew);
    if let Some(offset) = env.utc_offset_minutes {
        let _ = writeln!(out, "- Local time: {}", timefmt::local(report.now, offset).unwrap_or_default());
    }
    if let Some(origin) = &report.origin {
        let _ = writeln!(out, "- Page origin (for CORS and `SameSite`): {}", code(origin));
    }
    if let Some(note) = &report.origin_note {
        let _ = writeln!(out, "- Note: {}", plain(note));
    }
    if let Some(mode) = report.credentials {
        let _ = writeln!(out, "- Credentials mode assumed: `{mode}`");
    }
    if let Some(judged) = &report.judged_for {
        let _ = writeln!(out, "- Judged for: {}", plain(&judged.summary));
    }
    if let Some(agent) = &env.agent {
        let _ = writeln!(out, "- Checked with: {}", plain(agent));
    }
    let _ = writeln!(out, "- Secrets in this report are redacted (first and last six characters, or a SHA-256 fingerprint)");

    // The cause, when the checklist names one.
    let fixed: Vec<&StepAnswer> = env.answers.iter().filter(|a| a.fixed).collect();
    let failed: Vec<_> = report.checklist.iter().filter(|e| e.status == StepStatus::Fail).collect();
    let _ = writeln!(out, "\n## Summary\n");
    for a in &fixed {
        let title = report.checklist.iter().find(|e| e.id.as_str() == a.id).map(|e| e.title).unwrap_or("");
        let _ = writeln!(out, "- Fixed by: **{}** (`{}`)", plain(title), plain(&a.id));
    }
    match failed.first() {
        Some(first) => {
            let why = report.findings.iter().find(|f| f.step == first.id && f.severity == crate::findings::Severity::Error);
            let because = why.map(|f| format!(": {} ({})", plain(&f.message), f.code)).unwrap_or_default();
            let _ = writeln!(out, "- Most likely cause: **{}**{because}", plain(first.title));
        }
        None if fixed.is_empty() => {
            let _ = writeln!(out, "- No step failed on the evidence pasted");
        }
        None => {}
    }
    let count = |s: crate::findings::Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let counted = |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    let _ = writeln!(
        out,
        "- Findings: {}, {}, {}",
        counted(count(crate::findings::Severity::Error), "error"),
        counted(count(crate::findings::Severity::Warning), "warning"),
        counted(count(crate::findings::Severity::Info), "note")
    );

    let _ = writeln!(out, "\n## What was pasted\n");
    if report.inputs.is_empty() {
        let _ = writeln!(out, "- Nothing");
    }
    for (i, input) in report.inputs.iter().enumerate().take(200) {
        let _ = writeln!(out, "{}. {} (line {})", i.saturating_add(1), input.kind.as_str(), input.line);
    }
    if report.inputs.len() > 200 {
        let _ = writeln!(out, "- … and {} more", report.inputs.len().saturating_sub(200));
    }
    for key in &report.keys {
        let kid = key.kid.as_deref().map(|k| format!(", `kid` {}", code(k))).unwrap_or_default();
        let _ = writeln!(out, "- Key: {}{kid}", plain(&key.kind));
    }

    if !report.tokens.is_empty() {
        let _ = writeln!(out, "\n## Tokens\n");
    }
    for (i, token) in report.tokens.iter().enumerate().take(20) {
        let _ = writeln!(out, "### Token {} ({})\n", i.saturating_add(1), token.token.redacted());
        let header: Vec<String> =
            SHOWN_HEADER.iter().filter_map(|name| token.header.get(*name).map(|v| format!("`{name}` {}", code(&claim_value(v))))).collect();
        if !header.is_empty() {
            let _ = writeln!(out, "- Header: {}", header.join(", "));
        }
        for name in SHOWN_CLAIMS {
            let Some(value) = token.payload.get(name) else { continue };
            let time = token.times.iter().find(|t| t.claim == name).map(|t| format!(" ({}, {})", t.utc, t.relative)).unwrap_or_default();
            let _ = writeln!(out, "- `{name}`: {}{time}", code(&claim_value(value)));
        }
        for name in FINGERPRINTED_CLAIMS {
            if let Some(value) = token.payload.get(name) {
                let _ = writeln!(out, "- `{name}`: sha256:{}", Secret::new(claim_value(value)).fingerprint());
            }
        }
        for (name, check) in token.checks.iter() {
            let _ = writeln!(out, "- Check `{name}`: {} — {}", check.status.as_str(), plain(&check.message));
        }
        let _ = writeln!(out);
    }

    if !report.proofs.is_empty() {
        let _ = writeln!(out, "\n## DPoP proofs\n");
    }
    for (i, proof) in report.proofs.iter().enumerate().take(20) {
        let _ = writeln!(out, "### DPoP proof {} ({})\n", i.saturating_add(1), proof.proof.redacted());
        if let Some(request) = &proof.request {
            let _ = writeln!(out, "- Sent with: {}", code(request));
        }
        if let Some(jkt) = &proof.jkt {
            let _ = writeln!(out, "- Key thumbprint: {}", code(jkt));
        }
        for (name, check) in proof.checks.iter() {
            let _ = writeln!(out, "- Check `{name}`: {} — {}", check.status.as_str(), plain(&check.message));
        }
        let _ = writeln!(out);
    }

    if !report.exchanges.is_empty() {
        let _ = writeln!(out, "\n## Exchanges\n");
        let _ = writeln!(out, "| # | Request | Status | Started | Time | Request ids | CORS |");
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        let shown: Vec<_> = report
            .exchanges
            .iter()
            .enumerate()
            .filter(|&(i, e)| report.exchanges.len() <= 30 || e.flag.is_some() || report.findings.iter().any(|f| f.exchange == Some(i)))
            .take(200)
            .collect();
        for &(i, e) in &shown {
            let status = e.status.map(|s| s.to_string()).unwrap_or_else(|| e.error.clone().unwrap_or_else(|| "no response".into()));
            let flag = e.flag.map(|f| format!(" ({})", f.as_str())).unwrap_or_default();
            let ids: Vec<String> = e.request_ids.iter().map(|id| format!("{}: {}", id.name, code(&id.value))).collect();
            let cors = match e.cors.verdict {
                CorsVerdict::Pass => "pass",
                CorsVerdict::Fail => "fail",
                CorsVerdict::NotApplicable => "",
            };
            let _ = writeln!(
                out,
                "| {} | {} {} | {}{flag} | {} | {} | {} | {cors} |",
                i.saturating_add(1),
                plain(&e.request.method),
                code(&crate::http::exchange::shown_url(&redact_url(&e.request.url))),
                plain(&status),
                e.started.as_deref().map(plain).unwrap_or_default(),
                e.time_ms.map(|t| format!("{t:.0} ms")).unwrap_or_default(),
                plain(&ids.join(", ")),
            );
        }
        if shown.len() < report.exchanges.len() {
            let _ = writeln!(out, "\n{} of {} exchanges listed (those that need a look).", shown.len(), report.exchanges.len());
        }
    }

    let _ = writeln!(out, "\n## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(out, "None.");
    }
    let mut ordered: Vec<_> = report.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in ordered.iter().take(200) {
        let whose = f.exchange.map(|e| format!(" (exchange {})", e.saturating_add(1))).unwrap_or_default();
        let _ = writeln!(out, "- **{} {}** {}{whose}: {}", f.severity.as_str(), f.code, plain(f.title), plain(&f.message));
        let _ = writeln!(out, "  - Fix: {}", plain(f.help));
    }
    if ordered.len() > 200 {
        let _ = writeln!(out, "- … and {} more", ordered.len().saturating_sub(200));
    }

    let _ = writeln!(out, "\n## Checklist\n");
    let _ = writeln!(out, "| Step | Evidence | Answer | Notes |");
    let _ = writeln!(out, "|---|---|---|---|");
    for entry in &report.checklist {
        let answer = env.answers.iter().find(|a| a.id == entry.id.as_str());
        let mut said = answer.map(|a| a.answer.replace('-', " ")).unwrap_or_default();
        if answer.is_some_and(|a| a.fixed) {
            said = if said.is_empty() { "fixed it".into() } else { format!("{said}, fixed it") };
        }
        let evidence = if entry.evidence.is_empty() { String::new() } else { format!(" ({})", entry.evidence.join(", ")) };
        let _ = writeln!(
            out,
            "| {} `{}` | {}{evidence} | {} | {} |",
            plain(entry.title),
            entry.id.as_str(),
            entry.status.as_str(),
            plain(&said),
            plain(answer.map(|a| a.note.as_str()).unwrap_or("")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_are_redacted() {
        let url = "https://api.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz#access_token=2YotnFZFEjr1zCsicMWpAA&token_type=bearer";
        let shown = redact_url(url);
        assert!(!shown.contains("SplxlOBeZQQYbYS6WxSbIA") && !shown.contains("2YotnFZFEjr1zCsicMWpAA"), "{shown}");
        assert!(shown.contains("state=xyz") && shown.contains("token_type=bearer"));
        assert_eq!(redact_url("https://a.example/p?x=1"), "https://a.example/p?x=1");
        assert_eq!(redact_url(&shown), shown, "redacting twice changes nothing");
        let short = redact_url("https://a.example/?api_key=abc123");
        assert_eq!(redact_url(&short), short);
    }

    #[test]
    fn markdown_cannot_be_broken_by_values() {
        assert_eq!(code("a`b\nc"), "`a'b c`");
        assert_eq!(plain("x|y\r\nz"), "x/y  z");
    }
}
