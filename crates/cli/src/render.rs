//! The plain-text report: what a terminal user reads.

use std::fmt::Write;
use why401_engine::display::timefmt;
use why401_engine::report::CorsVerdict;
use why401_engine::{Report, Severity, StepStatus};

fn label(status: &str) -> &'static str {
    match status {
        "pass" => "PASS",
        "fail" => "FAIL",
        "warn" => "WARN",
        "skip" => "SKIP",
        _ => "  ? ",
    }
}

/// Colour for the words of the report that carry a verdict. When off, every method returns its
/// text unchanged; when on, it only wraps the word in escape codes, so removing them gives back
/// the plain report. Only fixed labels are painted, never a value from the input.
#[derive(Clone, Copy)]
struct Paint {
    on: bool,
    /// A number drawn for this run: the colour codes are written as a marker holding it, and
    /// become escape codes only after every control character of the input has been made
    /// visible, so the input can neither colour the report nor forge the marker.
    nonce: u64,
}

const BOLD_RED: &str = "1;31";
const GREEN: &str = "32";
const YELLOW: &str = "33";
const CYAN: &str = "36";
const DIM: &str = "2";

impl Paint {
    fn wrap(self, style: &str, text: &str) -> String {
        if self.on {
            let mark = self.marker();
            format!("{mark}{style}m{text}{mark}0m")
        } else {
            text.to_string()
        }
    }

    fn marker(self) -> String {
        format!("\u{fdd0}{:016x}\u{fdd1}", self.nonce)
    }

    /// The four-character label of a check or checklist status.
    fn status(self, status: &str) -> String {
        let style = match status {
            "pass" => GREEN,
            "fail" => BOLD_RED,
            "warn" => YELLOW,
            "skip" => DIM,
            _ => return label(status).to_string(),
        };
        self.wrap(style, label(status))
    }

    /// A finding's severity in capitals, padded to `width` outside the colour.
    fn severity(self, severity: Severity, width: usize) -> String {
        let word = severity.as_str().to_uppercase();
        let style = match severity {
            Severity::Error => BOLD_RED,
            Severity::Warning => YELLOW,
            Severity::Info => CYAN,
        };
        let pad = " ".repeat(width.saturating_sub(word.len()));
        format!("{}{pad}", self.wrap(style, &word))
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|line| format!("{by}{line}")).collect::<Vec<_>>().join("\n")
}

/// The longest snippet line printed in full; a longer one (a large body) is cut, and the JSON
/// report has it whole.
const SNIPPET_LINE_CHARS: usize = 2000;

fn shortened(line: &str) -> String {
    match line.char_indices().nth(SNIPPET_LINE_CHARS) {
        Some((at, _)) => {
            let rest = line[at..].chars().count();
            format!("{} … ({rest} more characters: `--format json` has the whole snippet)", &line[..at])
        }
        None => line.to_string(),
    }
}

/// Renders the report as text. Secrets appear only in their redacted forms unless `reveal`;
/// `color` adds ANSI escape codes around the status words and nothing else.
pub fn text(report: &Report, reveal: bool, color: bool) -> String {
    use std::hash::{BuildHasher, Hasher};
    // std's hasher keys are random per process: a nonce without a random-number crate.
    let nonce = std::collections::hash_map::RandomState::new().build_hasher().finish();
    let paint = Paint { on: color, nonce };
    let mut out = String::new();
    let at = timefmt::utc(report.now).unwrap_or_else(|| report.now.to_string());
    let _ = writeln!(out, "why401: checked at {at}, allowing {} of clock skew", timefmt::duration(report.skew));
    if let Some(note) = &report.origin_note {
        let _ = writeln!(out, "Note: --origin {note}.");
    }
    if let Some((entry, why)) = report.checklist.iter().find_map(|e| e.most_likely.as_ref().map(|w| (e, w))) {
        let _ = writeln!(out, "\n{} {} ({}): {why}", paint.wrap(BOLD_RED, "Most likely cause:"), entry.title, entry.id.as_str());
    }

    // An input refused as a whole (too large, say) has its own finding; only a blank one is "empty".
    if report.inputs.is_empty() && report.findings.is_empty() {
        let _ = writeln!(out, "\nThe input is empty: paste a JWT, an `Authorization` header or a failing exchange.");
    }
    for (i, input) in report.inputs.iter().enumerate() {
        let _ = writeln!(out, "\nInput {} (line {}): {}", i + 1, input.line, input.summary);
        for (t, token) in report.tokens.iter().enumerate().filter(|(_, t)| t.input == i) {
            let shown = if reveal { token.token.expose().to_string() } else { token.token.redacted() };
            let _ = writeln!(out, "  Token {}: {shown}", t + 1);
            for (name, value) in [("header", &token.header), ("payload", &token.payload)] {
                if !value.is_null() {
                    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
                    let _ = writeln!(out, "  {name}:\n{}", indent(&pretty, "    "));
                }
            }
            let _ = writeln!(out, "  checks:");
            for (name, check) in token.checks.iter() {
                let _ = writeln!(out, "    {}  {name:<9}  {}", paint.status(check.status.as_str()), check.message);
            }
        }
        for (p, proof) in report.proofs.iter().enumerate().filter(|(_, p)| p.input == i) {
            let shown = if reveal { proof.proof.expose().to_string() } else { proof.proof.redacted() };
            let _ = writeln!(out, "  DPoP proof {}: {shown}", p + 1);
            if let Some(request) = &proof.request {
                let _ = writeln!(out, "  sent with: {request}");
            }
            let _ = writeln!(out, "  checks:");
            for (name, check) in proof.checks.iter() {
                let _ = writeln!(out, "    {}  {name:<9}  {}", paint.status(check.status.as_str()), check.message);
            }
        }
    }

    if !report.cookies.is_empty() {
        let _ = writeln!(out, "\nCookies:");
        for c in &report.cookies {
            let value = if reveal {
                c.value.expose().to_string()
            } else if c.value.is_empty() {
                String::new()
            } else {
                c.value.redacted()
            };
            let how = if c.set { "Set-Cookie" } else { "Cookie" };
            let attributes = if c.attributes.is_empty() { String::new() } else { format!("  [{}]", c.attributes.join(", ")) };
            let _ = writeln!(out, "  {how} (input {}): {}={value}{attributes}", c.input + 1, c.name);
        }
    }

    if !report.exchanges.is_empty() {
        // A long capture lists only the exchanges worth a look.
        let long = report.exchanges.len() > 30;
        let shown: Vec<usize> = (0..report.exchanges.len())
            .filter(|&i| !long || report.exchanges[i].flag.is_some() || report.findings.iter().any(|f| f.exchange == Some(i)))
            .collect();
        if long {
            let _ = writeln!(out, "\nExchanges: {} in all; the {} that need a look (`--exchange N` diagnoses one):", report.exchanges.len(), shown.len());
        } else {
            let _ = writeln!(out, "\nExchanges:");
        }
        for i in shown {
            let e = &report.exchanges[i];
            let status = e.status.map_or_else(|| "no response".to_string(), |s| s.to_string());
            let request = if e.request.method.is_empty() {
                "(request not pasted)".to_string()
            } else {
                format!("{} {}", e.request.method, why401_engine::display::shown_url(&e.request.url))
            };
            let mut notes = Vec::new();
            if let Some(flag) = e.flag {
                notes.push(flag.as_str().to_string());
            }
            if let Some(ms) = e.time_ms {
                notes.push(format!("{ms:.0} ms"));
            }
            if let Some(from) = e.follows {
                notes.push(format!("redirected from {}", from + 1));
            }
            let notes = if notes.is_empty() { String::new() } else { format!("  [{}]", notes.join(", ")) };
            let _ = writeln!(out, "  {:>2}. {request} -> {status}{notes}", i + 1);
            if let Some(error) = &e.error {
                let _ = writeln!(out, "      no response: {error}");
            }
            if let Some(to) = &e.redirect {
                let _ = writeln!(out, "      redirects to {to}");
            }
            for id in &e.request_ids {
                let _ = writeln!(out, "      {}: {}", id.name, id.value);
            }
            let cookies = |c: &why401_engine::Secret| {
                if reveal {
                    c.expose().to_string()
                } else {
                    why401_engine::report::redact_cookie_header(c.expose())
                }
            };
            if let Some(sent) = &e.cookies.sent {
                let _ = writeln!(out, "      cookies sent: {}", cookies(sent));
            }
            if let Some(expected) = &e.cookies.expected {
                let shown = if expected.is_empty() { "(none)".to_string() } else { cookies(expected) };
                let _ = writeln!(out, "      a browser would send: {shown}");
            }
            if e.cors.verdict != CorsVerdict::NotApplicable {
                let verdict = if e.cors.verdict == CorsVerdict::Pass { paint.wrap(GREEN, "pass") } else { paint.wrap(BOLD_RED, "FAIL") };
                let _ = writeln!(out, "      CORS {verdict}: {}", e.cors.reason);
            }
        }
        if let Some(judged) = &report.judged_for {
            let _ = writeln!(out, "\n  Judged for: {} (--browser, --third-party-cookies and --credentials change it).", judged.summary);
        }
        // The server-side fix for the first exchange CORS refuses.
        if let Some((i, fix)) = report.exchanges.iter().enumerate().find_map(|(i, e)| e.cors.fix.as_ref().map(|f| (i, f))) {
            let _ = writeln!(out, "\nCORS fix for exchange {}: the server should answer with", i + 1);
            for h in &fix.headers {
                let _ = writeln!(out, "  {}: {}", h.name, h.value);
            }
            let _ = writeln!(out, "\n  nginx:");
            for line in fix.nginx.lines() {
                let _ = writeln!(out, "    {line}");
            }
            let _ = writeln!(out, "\n  Express:");
            for line in fix.express.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }

    if !report.snippets.is_empty() {
        let _ = writeln!(out, "\nSnippets (for the request diagnosed; credentials are placeholders unless asked for):");
        for snippet in &report.snippets {
            let _ = writeln!(out, "\n  {} [{}]:", snippet.title, snippet.language);
            for line in snippet.text.lines() {
                let _ = writeln!(out, "    {}", shortened(line));
            }
        }
    }

    if !report.findings.is_empty() {
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        let _ = writeln!(out, "\nFindings: {} error(s), {} warning(s), {} note(s)", count(Severity::Error), count(Severity::Warning), count(Severity::Info));
        let mut ordered: Vec<_> = report.findings.iter().collect();
        ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for f in ordered {
            let whose = f.exchange.map(|e| format!(" (exchange {})", e + 1)).unwrap_or_default();
            let _ = writeln!(out, "  {} {} {}  [{}]{whose}", paint.severity(f.severity, 7), f.code, f.title, f.step.as_str());
            let _ = writeln!(out, "          {}", f.message);
            let _ = writeln!(out, "          Fix: {}", f.help);
            if !f.references.is_empty() {
                let _ = writeln!(out, "          See: {}", f.references.join(", "));
            }
        }
    }

    let decided: Vec<_> = report.checklist.iter().filter(|e| e.status != StepStatus::Unknown).collect();
    if !decided.is_empty() {
        let _ = writeln!(out, "\nChecklist (steps the evidence decides):");
        let mut ordered = decided.clone();
        ordered.sort_by_key(|e| std::cmp::Reverse(e.status));
        for entry in ordered {
            let evidence = if entry.evidence.is_empty() { String::new() } else { format!(" ({})", entry.evidence.join(", ")) };
            let _ = writeln!(out, "  {}  {:<21} {}{evidence}", paint.status(entry.status.as_str()), entry.id.as_str(), entry.title);
        }
    }
    let open = report.checklist.len() - decided.len();
    let _ = writeln!(out, "\n{open} more checklist steps cannot be decided from this input; the page walks through them.");
    let out = printable(&out);
    if color {
        out.replace(&paint.marker(), "\x1b[")
    } else {
        out
    }
}

/// The text with every control character from the input made visible, so a pasted escape
/// sequence cannot retitle, move, colour or clear the user's terminal: C0 controls become their
/// Control Pictures (`␛` for ESC, `␀` for NUL), DEL `␡`, C1 controls `\u{FFFD}`. Line breaks and
/// tabs stay.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\x7f' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            // Invisible and direction-changing characters: a value can look like another with
            // them (`https://evil.example\u{202e}moc.elpmaxe`), or an audience fail to match for
            // no visible reason. They are named instead.
            c if why401_engine::display::invisible(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        let text = "a\x1b]0;title\x07b\0c\x7f\u{85}\n\td \x1b[1;31mFAIL\x1b[0m";
        assert_eq!(printable(text), "a\u{241b}]0;title\u{2407}b\u{2400}c\u{2421}\u{fffd}\n\td \u{241b}[1;31mFAIL\u{241b}[0m");
    }

    #[test]
    fn invisible_and_direction_characters_are_named() {
        let spoof = "iss https://login.example\u{202e}moc.live\u{202c} aud api\u{200b} \u{feff}x";
        assert_eq!(printable(spoof), "iss https://login.example<U+202E>moc.live<U+202C> aud api<U+200B> <U+FEFF>x");
        // Letters of any script stay as they are.
        assert_eq!(printable("Zoë, Ἀθῆναι, 東京, مرحبا"), "Zoë, Ἀθῆναι, 東京, مرحبا");
    }

    #[test]
    fn only_the_reports_own_labels_are_coloured() {
        let paint = Paint { on: true, nonce: 7 };
        let forged = format!("{}31mforged", Paint { on: true, nonce: 8 }.marker());
        let out = printable(&format!("{} \x1b[32mPASS {forged}", paint.wrap(BOLD_RED, "FAIL"))).replace(&paint.marker(), "\x1b[");
        assert!(out.starts_with("\x1b[1;31mFAIL\x1b[0m "), "{out:?}");
        assert_eq!(out.matches('\x1b').count(), 2, "only the report's own codes: {out:?}");
    }
}
