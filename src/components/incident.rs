//! The incident report: one click builds a Markdown summary of the diagnosis (secrets redacted by
//! the engine), with the checklist answers the user recorded, to copy or download.

use crate::clock::offset_minutes_at;
use crate::components::checklist::stored_answers;
use crate::components::copy::CopyButton;
use crate::shared::Shared;
use why401_engine::markdown::{render, Environment};
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IncidentProps {
    pub report: Shared<Report>,
}

fn user_agent() -> Option<String> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    js_sys::Reflect::get(&navigator, &"userAgent".into()).ok()?.as_string()
}

/// A `data:` URL holding the text, for a download link (no request is made).
fn data_url(text: &str) -> String {
    format!("data:text/markdown;charset=utf-8,{}", String::from(js_sys::encode_uri_component(text)))
}

#[component]
pub fn Incident(props: &IncidentProps) -> Html {
    // The report as last built; rebuilt on each click, so it carries the latest answers.
    let built = use_state(|| None::<String>);
    // A new paste makes an old report stale. The report itself is recomputed every second (the
    // clock moves), so what was pasted is compared, not the report.
    {
        let built = built.clone();
        let pasted = (props.report.inputs.clone(), props.report.tokens.len(), props.report.exchanges.len());
        use_effect_with(pasted, move |_| built.set(None));
    }
    if props.report.inputs.is_empty() {
        return Html::default();
    }
    let build = {
        let built = built.clone();
        let report = props.report.clone();
        Callback::from(move |_| {
            let env = Environment { agent: user_agent(), utc_offset_minutes: Some(offset_minutes_at(report.now)), answers: stored_answers() };
            built.set(Some(render(&report, &env)));
        })
    };
    html! {
        <section class="token-card incident" id="incident" aria-labelledby="incident-title">
            <h2 id="incident-title">{ "Incident report" }</h2>
            <p>{ "A Markdown summary for a ticket or postmortem: what was pasted (kinds, not contents), non-secret claims, exchanges with request ids, findings and your checklist answers. Tokens, passwords, cookie values and other secrets are redacted." }</p>
            <button type="button" class="button" id="incident-build" onclick={build}>
                { if built.is_some() { "Rebuild the report" } else { "Build the report" } }
            </button>
            if let Some(text) = (*built).clone() {
                <div class="cors-fix__block">
                    <div class="cors-fix__bar">
                        <h3 id="incident-text-title">{ "why401-incident.md" }</h3>
                        <CopyButton text={AttrValue::from(text.clone())} what={"the incident report"} />
                        <a class="button" id="incident-download" href={data_url(&text)} download="why401-incident.md">{ "Download .md" }</a>
                    </div>
                    <pre class="cors-fix__code" id="incident-text" role="group" aria-labelledby="incident-text-title" tabindex="0"><code>{ text }</code></pre>
                </div>
            }
        </section>
    }
}
