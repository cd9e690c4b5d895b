//! The snippets of the report: commands that reproduce the diagnosed request (curl, HTTPie,
//! fetch) and server configuration for the fix (nginx, Express), each ready to copy. The engine
//! writes them; this only shows them, as text.

use crate::shared::Shared;
use crate::components::copy::CopyButton;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub report: Shared<Report>,
    /// The snippets carry the real credentials (the user asked).
    pub real: bool,
    pub on_real: Callback<bool>,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let snippets = &props.report.snippets;
    if snippets.is_empty() {
        return Html::default();
    }
    let onchange = {
        let on_real = props.on_real.clone();
        Callback::from(move |e: Event| {
            let field: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_real.emit(field.checked());
        })
    };
    let blocks: Html = snippets
        .iter()
        .map(|s| {
            let title_id = format!("snippet-{}-title", s.id);
            let what = format!("the {} snippet", s.title);
            html! {
                <div class="cors-fix__block" key={s.id.clone()}>
                    <div class="cors-fix__bar">
                        <h3 id={title_id.clone()}>{ s.title.clone() }</h3>
                        <CopyButton text={AttrValue::from(s.text.clone())} what={AttrValue::from(what)} />
                    </div>
                    <pre class="cors-fix__code" id={format!("snippet-{}", s.id)} data-language={s.language.clone()}
                        role="group" aria-labelledby={title_id} tabindex="0"><code>{ s.text.clone() }</code></pre>
                </div>
            }
        })
        .collect();
    html! {
        <section class="token-card snippets" id="snippets" aria-labelledby="snippets-title">
            <h2 id="snippets-title">{ "Reproduce and fix" }</h2>
            <p class="cors-fix__lead">
                { "Built from the pasted request. Credentials are placeholders such as " }<code>{ "$TOKEN" }</code>
                { " unless you ask for the real values; set them before running a command." }
            </p>
            <label class="settings__switch" for="snippets-real">
                <input type="checkbox" id="snippets-real" checked={props.real} onchange={onchange} />
                <span>{ "Put the real credentials in the snippets (they will be on screen and in what you copy)" }</span>
            </label>
            { blocks }
        </section>
    }
}
