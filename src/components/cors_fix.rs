//! The CORS fix for one exchange: the response headers the server should send, and nginx and
//! Express configuration that sends them, each ready to copy (the configuration folded, its
//! summary line naming it). The exchange is the one chosen in
//! the list when it has a fix, else the first that has one. Everything is shown as text.

use crate::components::copy::CopyButton;
use crate::components::fold::Fold;
use crate::shared::Shared;
use why401_engine::report::Exchange;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CorsFixProps {
    pub report: Shared<Report>,
    /// The exchange chosen in the list, if any.
    pub focus: Option<usize>,
}

fn request_line(e: &Exchange) -> String {
    if e.request.method.is_empty() {
        "(request not pasted)".to_string()
    } else {
        format!("{} {}", e.request.method, why401_engine::display::shown_url(&e.request.url))
    }
}

#[component]
pub fn CorsFix(props: &CorsFixProps) -> Html {
    let exchanges = &props.report.exchanges;
    let chosen =
        props.focus.filter(|&i| exchanges.get(i).is_some_and(|e| e.cors.fix.is_some())).or_else(|| exchanges.iter().position(|e| e.cors.fix.is_some()));
    let Some(index) = chosen else { return Html::default() };
    let exchange = &exchanges[index];
    let Some(fix) = exchange.cors.fix.as_ref() else { return Html::default() };
    let headers: String = fix.headers.iter().map(|h| format!("{}: {}\n", h.name, h.value)).collect();
    let others = exchanges.iter().enumerate().filter(|(i, e)| *i != index && e.cors.fix.is_some()).count();
    let block = |id: &'static str, title: &'static str, what: &'static str, text: String, body: Html| {
        html! {
            <div class="cors-fix__block">
                <div class="cors-fix__bar">
                    <h3 id={format!("cors-fix-{id}-title")}>{ title }</h3>
                    <CopyButton text={AttrValue::from(text)} what={what} />
                </div>
                <pre class="cors-fix__code" id={format!("cors-fix-{id}")} data-fix={id}
                    role="group" aria-labelledby={format!("cors-fix-{id}-title")} tabindex="0"><code>{ body }</code></pre>
            </div>
        }
    };
    // One element per header line, so that a long value wraps under its own line, indented.
    let header_lines: Html = fix.headers.iter().map(|h| html! { <span class="cors-fix__line">{ format!("{}: {}\n", h.name, h.value) }</span> }).collect();
    html! {
        <section class="token-card cors-fix" id="cors-fix" aria-labelledby="cors-fix-title" data-exchange={index.to_string()}>
            <h2 id="cors-fix-title">{ "CORS fix" }</h2>
            <p class="cors-fix__for">
                { format!("For exchange {}: ", index + 1) }<code>{ request_line(exchange) }</code>
                if others > 0 && props.focus != Some(index) {
                    { format!(" ({others} more need one: choose an exchange to see its fix.)") }
                }
            </p>
            <p class="cors-fix__lead">{ "The headers the API should send (on errors and 401s too), then server configuration that sends them." }</p>
            { block("headers", "Response headers", "the response headers", headers, header_lines) }
            <Fold id="cors-fix-server" class="cors-fix__fold" summary={html! { "Server configuration that sends them: nginx, Express — 2 snippets" }}>
                { block("nginx", "nginx", "the nginx configuration", fix.nginx.clone(), html! { fix.nginx.clone() }) }
                { block("express", "Express", "the Express middleware", fix.express.clone(), html! { fix.express.clone() }) }
            </Fold>
        </section>
    }
}
