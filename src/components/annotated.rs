//! The pasted text with what was recognised marked in place: each line that holds an input is a
//! mark that can be reached with the keyboard, and focusing it (or hovering it) says what was
//! recognised there and which checklist step it lit. Screen readers read the same words through
//! `aria-describedby`. What may be a credential is hidden in what it shows. The whole is folded
//! under a line that says how many lines are marked.

use crate::components::fold::Fold;
use crate::shared::Shared;
use why401_engine::{Report, Severity};
use yew::prelude::*;

/// Texts larger than this are not shown again (a HAR file, a long log): the "Detected" list
/// gives their line numbers.
const MAX_BYTES: usize = 200 * 1024;
const MAX_LINES: usize = 3000;
/// A long line is cut to this many characters on screen.
const LINE_CHARS: usize = 400;

#[derive(Properties, PartialEq)]
pub struct AnnotatedProps {
    pub text: AttrValue,
    pub report: Shared<Report>,
}

/// What one line holds, for its mark: the words, and the worst severity of its findings.
struct Note {
    words: String,
    worst: Option<Severity>,
}

fn notes(report: &Report) -> std::collections::BTreeMap<usize, Note> {
    let mut by_line: std::collections::BTreeMap<usize, Note> = std::collections::BTreeMap::new();
    for (index, input) in report.inputs.iter().enumerate() {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.input == Some(index)).collect();
        let worst = findings.iter().map(|f| f.severity).max();
        let mut steps: Vec<String> = Vec::new();
        for f in &findings {
            let status = report.checklist.iter().find(|e| e.id == f.step).map(|e| e.status.as_str()).unwrap_or("unknown");
            let step = format!("{} ({status})", f.step.title());
            if !steps.contains(&step) {
                steps.push(step);
            }
        }
        let lit = if steps.is_empty() { "it lit no step".to_string() } else { format!("it lit: {}", steps.join(", ")) };
        let words = format!("{}: {}; {lit}", input.kind.as_str(), input.summary.replace('`', ""));
        let note = by_line.entry(input.line).or_insert(Note { words: String::new(), worst: None });
        if !note.words.is_empty() {
            note.words.push_str(". ");
        }
        note.words.push_str(&words);
        note.worst = note.worst.max(worst);
    }
    by_line
}

/// Every secret value the report holds, longest first, to hide wherever the paste shows it.
fn secrets(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(report.tokens.iter().map(|t| t.token.expose().to_string()));
    out.extend(report.cookies.iter().map(|c| c.value.expose().to_string()));
    out.extend(report.authorization.iter().filter_map(|a| a.password.as_ref().map(|p| p.expose().to_string())));
    for e in &report.exchanges {
        for header in [&e.cookies.sent, &e.cookies.expected].into_iter().flatten() {
            out.extend(header.expose().split(';').filter_map(|pair| pair.split_once('=').map(|(_, v)| v.trim().to_string())));
        }
    }
    out.retain(|s| s.chars().count() >= 4);
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

const HIDDEN: &str = "•••";

/// A line as shown: every value that may be a credential hidden, so nothing secret reaches the
/// page's markup (the paste itself stays only in the text box): known secrets, JWT-shaped words,
/// the credentials after `Authorization:`, cookie values, and `name=value` pairs whose name is a
/// credential's.
fn masked(line: &str, secrets: &[String]) -> String {
    let mut out = line.to_string();
    for secret in secrets {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), HIDDEN);
        }
    }
    let words: Vec<String> = out
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')))
        .filter(|w| w.starts_with("eyJ") && w.len() > 16)
        .map(str::to_string)
        .collect();
    for word in words {
        out = out.replace(&word, HIDDEN);
    }
    let lower = out.to_ascii_lowercase();
    for name in ["authorization:", "authorization\":", "cookie:", "cookie\":"] {
        if let Some(at) = lower.find(name) {
            let start = at + name.len();
            let rest = out.get(start..).unwrap_or("");
            let shown = if name.starts_with("authorization") {
                // Keep the scheme, hide what follows it.
                let trimmed = rest.trim_start();
                let scheme: String = trimmed.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '"').collect();
                if trimmed.len() > scheme.len() {
                    format!(" {scheme} {HIDDEN}")
                } else {
                    rest.to_string()
                }
            } else {
                let pairs: Vec<String> = rest
                    .split(';')
                    .map(|pair| match pair.split_once('=') {
                        Some((n, v)) if !v.trim().is_empty() => format!("{n}={HIDDEN}"),
                        _ => pair.to_string(),
                    })
                    .collect();
                pairs.join(";")
            };
            out = format!("{}{shown}", out.get(..start).unwrap_or(""));
            break;
        }
    }
    hide_credential_pairs(&out)
}

/// `name=value` anywhere in a line (query strings, form bodies, `key=value` logs), with the
/// value hidden when the name is a credential's.
fn hide_credential_pairs(line: &str) -> String {
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let ends = |c: char| c.is_whitespace() || matches!(c, '&' | ';' | ',' | '"' | '\'' | ')' | ']' | '}');
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(eq) = rest.find('=') {
        let (before, after) = rest.split_at(eq);
        let name_start = before.rfind(|c: char| !is_name(c)).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let name = &before[name_start..];
        let value = &after[1..];
        let value_len = value.find(ends).unwrap_or(value.len());
        out.push_str(before);
        out.push('=');
        if !name.is_empty() && value_len > 0 && why401_engine::secret::is_credential_name(name) {
            out.push_str(HIDDEN);
        } else {
            out.push_str(&value[..value_len]);
        }
        rest = &value[value_len..];
    }
    out.push_str(rest);
    out
}

#[component]
pub fn Annotated(props: &AnnotatedProps) -> Html {
    let report = &props.report;
    let text = props.text.as_str();
    let har = report.inputs.iter().any(|i| i.kind.as_str() == "har");
    if report.inputs.is_empty() || har || text.len() > MAX_BYTES || text.trim().is_empty() {
        return html! {};
    }
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() > MAX_LINES || lines.len() < 2 {
        return html! {};
    }
    let notes = notes(report);
    let secrets = secrets(report);
    html! {
        <section class="annotated" aria-labelledby="annotated-title">
            <Fold id="annotated-fold" class="annotated__fold" summary={html! { <>
                <h2 id="annotated-title" class="fold__title">{ "In your paste" }</h2>
                { format!(" — {} of {} lines marked", notes.len(), lines.len()) }
            </> }}>
            <p class="annotated__hint">{ "Marked lines hold what was recognised; focus one (Tab) or point at it to see what it is and which step it lit." }</p>
            <pre class="annotated__text">
                { for lines.iter().enumerate().map(|(i, line)| {
                    let number = i + 1;
                    let shown: String = masked(line.trim_end_matches('\r'), &secrets).chars().take(LINE_CHARS).collect();
                    match notes.get(&number) {
                        Some(note) => {
                            let tone = match note.worst {
                                Some(Severity::Error) => "annotated__mark--error",
                                Some(Severity::Warning) => "annotated__mark--warning",
                                _ => "annotated__mark--info",
                            };
                            let id = format!("annotated-note-{number}");
                            html! {
                                <span class="annotated__line">
                                    <mark class={classes!("annotated__mark", tone)} tabindex="0" data-line={number.to_string()} aria-describedby={id.clone()}>{ shown }</mark>
                                    <span class="annotated__note" id={id} role="note">{ format!("Line {number}: {}", note.words) }</span>
                                    { "\n" }
                                </span>
                            }
                        }
                        None => html! { <span class="annotated__line">{ shown }{ "\n" }</span> },
                    }
                }) }
            </pre>
            </Fold>
        </section>
    }
}
