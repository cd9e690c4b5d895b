//! One DPoP proof: its header and claims, the request it rode on, and its checks.

use crate::components::check_row::{check_row, Of};
use crate::components::copy::CopyButton;
use crate::components::json_view::{Glossary, JsonView};
use crate::shared::Shared;
use why401_engine::{Report, Severity, StepId};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProofViewProps {
    pub report: Shared<Report>,
    pub index: usize,
}

/// The fix for a failed check: the help of the most severe finding about the same proof.
fn fix(report: &Report, input: usize) -> Option<&str> {
    report
        .findings
        .iter()
        .filter(|f| f.input == Some(input) && f.step == StepId::SenderConstraint && f.severity > Severity::Info)
        .max_by_key(|f| f.severity)
        .map(|f| f.help)
}

#[component]
pub fn ProofView(props: &ProofViewProps) -> Html {
    let Some(proof) = props.report.proofs.get(props.index) else {
        return Html::default();
    };
    let number = props.index + 1;
    let help = fix(&props.report, proof.input);
    html! {
        <article class="token-card proof-card" data-proof={props.index.to_string()} aria-labelledby={format!("proof-{number}-title")}>
            <h2 id={format!("proof-{number}-title")}>{ format!("DPoP proof {number}") }</h2>
            if let Some(request) = &proof.request { <p>{ "Sent with " }<code>{ request.clone() }</code></p> }
            <p class="token"><code class="token__text">{ crate::text::visible(proof.proof.expose(), crate::text::Marker::Prose) }</code></p>
            <p class="token-card__copy"><CopyButton text={AttrValue::from(proof.proof.expose().to_string())} what={format!("DPoP proof {number}")} /></p>
            <div class="token-card__grid">
                <div>
                    <h3>{ "Header" }</h3>
                    if proof.header.is_null() { <p class="muted">{ "Could not be read: see the findings." }</p> }
                    else { <JsonView value={proof.header.clone()} label="Decoded proof header" glossary={Glossary::Header} /> }
                </div>
                <div>
                    <h3>{ "Payload" }</h3>
                    if proof.payload.is_null() { <p class="muted">{ "Could not be read: see the findings." }</p> }
                    else { <JsonView value={proof.payload.clone()} label="Decoded proof claims" glossary={Glossary::Claims} /> }
                </div>
            </div>
            <h3>{ "Checks" }</h3>
            <div class="table-scroll">
            <table class="checks">
                <thead><tr><th scope="col">{ "Verdict" }</th><th scope="col">{ "Check" }</th><th scope="col">{ "What was found" }</th></tr></thead>
                <tbody>
                    { for proof.checks.iter().map(|(name, check)| {
                        check_row(Of::Proof, name, check, help.filter(|_| check.status.as_str() == "fail"))
                    }) }
                </tbody>
            </table></div>
        </article>
    }
}
