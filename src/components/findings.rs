//! The findings, most severe first, each with its fix and its explanation folded under it.

use crate::components::fold::Fold;
use crate::shared::Shared;
use crate::text::rich;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub report: Shared<Report>,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let report = &props.report;
    if report.findings.is_empty() {
        return Html::default();
    }
    let mut ordered: Vec<_> = report.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    html! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{ format!("Findings ({})", report.findings.len()) }</h2>
            <ul class="findings__list">
                { for ordered.iter().enumerate().map(|(i, f)| {
                    // Named by its code (and which of that code's findings it is), so that a
                    // finding keeps its open explanation when a setting reorders the list.
                    let nth = ordered[..i].iter().filter(|g| g.code == f.code).count();
                    let severity = f.severity.as_str();
                    html! {
                        <li class={classes!("finding", format!("finding--{severity}"))} data-code={f.code.as_str()} data-severity={severity}>
                            <p class="finding__head">
                                <span class={classes!("badge", format!("badge--{severity}"))}>{ severity }</span>
                                <span class="finding__code">{ f.code.as_str() }</span>
                                <span class="finding__title">{ rich(f.title) }</span>
                            </p>
                            <p class="finding__message">{ rich(&f.message) }</p>
                            <p class="finding__help"><strong>{ "Fix: " }</strong>{ rich(f.help) }</p>
                            if let Some(e) = report.explanations.iter().find(|e| e.code == f.code) {
                                <Fold id={format!("explain-{}-{nth}", f.code.as_str())} class="finding__explain" summary={html! { format!("Explain {}", f.code.as_str()) }}>
                                    <dl>
                                        <dt>{ "What it means" }</dt><dd>{ rich(&e.meaning) }</dd>
                                        <dt>{ "Why it refuses the request" }</dt><dd>{ rich(&e.why) }</dd>
                                        <dt>{ "Fix for the caller" }</dt><dd>{ rich(&e.caller) }</dd>
                                        <dt>{ "Fix for the API owner" }</dt><dd>{ rich(&e.owner) }</dd>
                                    </dl>
                                </Fold>
                            }
                            <p class="finding__meta">
                                if let Some(exchange) = f.exchange {
                                    <span data-exchange={exchange.to_string()}>{ format!("Exchange {} · ", exchange + 1) }</span>
                                }
                                if let Some(input) = f.input.and_then(|i| report.inputs.get(i)).filter(|i| i.kind != why401_engine::InputKind::Har) {
                                    { format!("Line {} of the input · ", input.line) }
                                }
                                { "Checklist step: " }<a href={format!("#step-{}", f.step.as_str())}>{ f.step.as_str() }</a>
                                if !f.references.is_empty() { { format!(" · {}", f.references.join(", ")) } }
                            </p>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
