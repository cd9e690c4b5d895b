//! The snippets of the report: commands that reproduce the diagnosed request (curl, HTTPie,
//! fetch) and server configuration for the fix (nginx, Express), each ready to copy. The engine
//! writes them; this only shows them, as text.

use crate::components::copy::CopyButton;
use std::rc::Rc;
use why401_engine::Report;
use yew::prelude::*;

// Not shown by `app.rs` yet: another change wires it in.
#[allow(dead_code, reason = "wired into app.rs separately")]
#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub report: Rc<Report>,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let snippets = &props.report.snippets;
    if snippets.is_empty() {
        return Html::default();
    }
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
                { " unless you asked for the real values; set them before running a command." }
            </p>
            { blocks }
        </section>
    }
}
