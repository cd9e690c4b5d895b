//! The pasted text with what was recognised marked in place: each line that holds an input is a
//! mark that can be reached with the keyboard, and focusing it (or hovering it) says what was
//! recognised there and which checklist step it lit. Screen readers read the same words through
//! `aria-describedby`.

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
    html! {
        <section class="annotated" aria-labelledby="annotated-title">
            <h2 id="annotated-title">{ "In your paste" }</h2>
            <p class="annotated__hint">{ "Marked lines hold what was recognised; focus one (Tab) or point at it to see what it is and which step it lit." }</p>
            <pre class="annotated__text">
                { for lines.iter().enumerate().map(|(i, line)| {
                    let number = i + 1;
                    let shown: String = line.trim_end_matches('\r').chars().take(LINE_CHARS).collect();
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
        </section>
    }
}
