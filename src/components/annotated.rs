//! The pasted text with what was recognised marked in place: each fragment that holds an input
//! (a token inside a log line, a catalogued message, a header's value), or its whole line when
//! the engine gives no fragment, is a mark that can be reached with the keyboard, and focusing
//! it (or hovering it) says what was recognised there and which checklist step it lit. Screen readers read the same words through
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

/// What one recognised fragment holds, for its mark: where it is on its line (`None`: the whole
/// line), the words, and the worst severity of its findings.
struct Note {
    columns: Option<(usize, usize)>,
    words: String,
    worst: Option<Severity>,
}

/// The notes of each line that holds an input, in the order of the report's inputs.
fn notes(report: &Report) -> std::collections::BTreeMap<usize, Vec<Note>> {
    let mut by_line: std::collections::BTreeMap<usize, Vec<Note>> = std::collections::BTreeMap::new();
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
        by_line.entry(input.line).or_default().push(Note { columns: input.columns, words, worst });
    }
    by_line
}

/// One mark on a line: the byte range it covers (the whole line for `None`) and what it says.
struct Mark {
    range: Option<(usize, usize)>,
    words: String,
    worst: Option<Severity>,
}

/// One mark for the whole line, saying what every input on it is.
fn whole_line(notes: &[Note]) -> Mark {
    let words: Vec<&str> = notes.iter().map(|n| n.words.as_str()).collect();
    Mark { range: None, words: words.join(". "), worst: notes.iter().filter_map(|n| n.worst).max() }
}

/// The marks of one line: one per fragment, fragments that overlap merged; one for the whole
/// line when any input on it is not a fragment or a fragment does not fit the line.
fn marks(line: &str, notes: &[Note]) -> Vec<Mark> {
    let fits = |(start, end): (usize, usize)| start < end && end <= line.len() && line.is_char_boundary(start) && line.is_char_boundary(end);
    if notes.iter().any(|n| !n.columns.is_some_and(fits)) {
        return vec![whole_line(notes)];
    }
    let mut sorted: Vec<&Note> = notes.iter().collect();
    sorted.sort_by_key(|n| n.columns);
    let mut out: Vec<Mark> = Vec::new();
    for note in sorted {
        let Some((start, end)) = note.columns else { continue };
        match out.last_mut() {
            Some(Mark { range: Some((_, last_end)), words, worst }) if start < *last_end => {
                *last_end = (*last_end).max(end);
                words.push_str(". ");
                words.push_str(&note.words);
                *worst = (*worst).max(note.worst);
            }
            _ => out.push(Mark { range: Some((start, end)), words: note.words.clone(), worst: note.worst }),
        }
    }
    out
}

/// A line as shown, cut into pieces at the marks' edges: `(text, Some(mark index))` for a
/// mark, `(text, None)` between them. The pieces together are exactly [`masked`] of the whole
/// line (cut to [`LINE_CHARS`]), so marking a fragment never shows more than the line would;
/// `None` when masking does not split at the marks' edges (the whole line is then one mark).
fn pieces(line: &str, marks: &[Mark], secrets: &[String]) -> Option<Vec<(String, Option<usize>)>> {
    let whole = masked(line, secrets);
    let mut edges: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        if let Some((start, end)) = m.range {
            edges.push((start, None));
            edges.push((end, Some(i)));
        }
    }
    if edges.is_empty() {
        return Some(vec![(cut(&whole, LINE_CHARS), Some(0))]);
    }
    let mut out: Vec<(String, Option<usize>)> = Vec::new();
    let mut shown = String::new();
    for (at, closes) in &edges {
        let prefix = if *at >= line.len() { whole.clone() } else { masked(line.get(..*at).unwrap_or(""), secrets) };
        let piece = prefix.strip_prefix(shown.as_str()).filter(|_| whole.starts_with(&prefix))?;
        out.push((piece.to_string(), *closes));
        shown = prefix;
    }
    out.push((whole.get(shown.len()..).unwrap_or("").to_string(), None));
    // Cut the pieces to the line's shown length, in order.
    let mut left = LINE_CHARS;
    for (text, _) in out.iter_mut() {
        *text = cut(text, left);
        left = left.saturating_sub(text.chars().count());
    }
    out.retain(|(text, mark)| !text.is_empty() || mark.is_some());
    Some(out)
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |before| before.chars().count().saturating_add(1))
}

fn cut(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
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
            <p class="annotated__hint">{ "Marks show what was recognised; focus one (Tab) or point at it to see what it is and which step it lit." }</p>
            <pre class="annotated__text">
                { for lines.iter().enumerate().map(|(i, line)| {
                    let number = i + 1;
                    let line = line.trim_end_matches('\r');
                    let Some(on_line) = notes.get(&number) else {
                        return html! { <span class="annotated__line">{ cut(&masked(line, &secrets), LINE_CHARS) }{ "\n" }</span> };
                    };
                    let mut marks = marks(line, on_line);
                    let pieces = match pieces(line, &marks, &secrets) {
                        Some(pieces) => pieces,
                        None => {
                            marks = vec![whole_line(on_line)];
                            vec![(cut(&masked(line, &secrets), LINE_CHARS), Some(0))]
                        }
                    };
                    let whole = marks.iter().all(|m| m.range.is_none());
                    html! {
                        <span class="annotated__line">
                            { for pieces.into_iter().map(|(text, mark)| match mark.and_then(|k| marks.get(k).map(|m| (k, m))) {
                                Some((k, m)) => {
                                    let tone = match m.worst {
                                        Some(Severity::Error) => "annotated__mark--error",
                                        Some(Severity::Warning) => "annotated__mark--warning",
                                        _ => "annotated__mark--info",
                                    };
                                    let id = format!("annotated-note-{number}-{k}");
                                    let what = if whole { format!("Line {number}: {}", m.words) } else { format!("Line {number}, from column {}: {}", m.range.map_or(1, |(s, _)| column(line, s)), m.words) };
                                    html! { <>
                                        <mark class={classes!("annotated__mark", tone, (!whole).then_some("annotated__mark--fragment"))} tabindex="0"
                                            data-line={number.to_string()} aria-describedby={id.clone()}>{ text }</mark>
                                        <span class="annotated__note" id={id} role="note">{ what }</span>
                                    </> }
                                }
                                None => html! { { text } },
                            }) }
                            { "\n" }
                        </span>
                    }
                }) }
            </pre>
            </Fold>
        </section>
    }
}
