//! The pasted exchanges as a timeline: each request and the status it got, redirects as hops.

use std::rc::Rc;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExchangesProps {
    pub report: Rc<Report>,
}

fn status_class(status: Option<u16>) -> &'static str {
    match status {
        Some(200..=299) => "pass",
        Some(300..=399) => "skip",
        Some(401 | 403 | 407 | 429) => "fail",
        Some(_) => "warn",
        None => "skip",
    }
}

#[component]
pub fn Exchanges(props: &ExchangesProps) -> Html {
    let exchanges = &props.report.exchanges;
    if exchanges.is_empty() {
        return Html::default();
    }
    html! {
        <section class="token-card exchanges" aria-labelledby="exchanges-title">
            <h2 id="exchanges-title">{ format!("Exchanges ({})", exchanges.len()) }</h2>
            <ol class="exchanges__list">
                { for exchanges.iter().enumerate().map(|(i, e)| {
                    let status = e.status.map(|s| s.to_string()).unwrap_or_else(|| "no response".into());
                    html! {
                        <li class="exchanges__item" data-exchange={i.to_string()} data-status={e.status.map(|s| s.to_string()).unwrap_or_default()}>
                            <span class={classes!("badge", format!("badge--{}", status_class(e.status)))}>{ status }</span>
                            <code class="exchanges__request">
                                { if e.request.method.is_empty() { "(request not pasted)".to_string() } else { format!("{} {}", e.request.method, e.request.url) } }
                            </code>
                            if !e.request_ids.is_empty() {
                                <div class="exchanges__ids">
                                    { "Request ids: " }
                                    { for e.request_ids.iter().map(|r| html! { <code>{ format!("{}: {}", r.name, r.value) }</code> }) }
                                </div>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
