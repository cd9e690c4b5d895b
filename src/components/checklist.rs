//! The 401 checklist: every step with what the evidence says about it, decided steps first.

use crate::text::rich;
use std::rc::Rc;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub report: Rc<Report>,
}

fn label(status: &str) -> &'static str {
    match status {
        "fail" => "✗ cause found",
        "warn" => "! suspicious",
        "pass" => "✓ fine",
        _ => "? not decided",
    }
}

#[component]
pub fn Checklist(props: &ChecklistProps) -> Html {
    let mut steps: Vec<_> = props.report.checklist.iter().collect();
    // Stable: within a status the procedure order stays.
    steps.sort_by_key(|s| std::cmp::Reverse(s.status));
    html! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{ "401 checklist" }</h2>
            <ol class="checklist__list">
                { for steps.into_iter().map(|step| {
                    let status = step.status.as_str();
                    html! {
                        <li id={format!("step-{}", step.id.as_str())} class={classes!("step", format!("step--{status}"))}
                            data-step={step.id.as_str()} data-status={status}>
                            <span class={classes!("badge", format!("badge--{status}"))}>{ label(status) }</span>
                            <span class="step__title">{ rich(step.title) }</span>
                            if !step.evidence.is_empty() {
                                <span class="step__evidence">{ format!(" ({})", step.evidence.join(", ")) }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
