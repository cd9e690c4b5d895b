//! The cookies of pasted `Cookie` and `Set-Cookie` lines: every name, its value hidden until the
//! user asks, and a `Set-Cookie` line's attributes as a browser reads them.

use crate::shared::Shared;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CookieListProps {
    pub report: Shared<Report>,
}

#[component]
pub fn CookieList(props: &CookieListProps) -> Html {
    let reveal = use_state(|| false);
    let cookies = &props.report.cookies;
    if cookies.is_empty() {
        return Html::default();
    }
    let toggle = {
        let reveal = reveal.clone();
        Callback::from(move |_| reveal.set(!*reveal))
    };
    html! {
        <section class="token-card cookie-list" id="cookie-list" aria-labelledby="cookie-list-title">
            <h2 id="cookie-list-title">{ format!("Cookies ({})", cookies.len()) }</h2>
            <div class="cookie-list__scroll">
                <table class="checks">
                    <thead><tr>
                        <th scope="col">{ "Line" }</th>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Value" }</th>
                        <th scope="col">{ "Attributes" }</th>
                    </tr></thead>
                    <tbody>
                        { for cookies.iter().take(500).map(|c| {
                            let line = props.report.inputs.get(c.input).map(|i| i.line).unwrap_or(0);
                            let value = if c.value.is_empty() {
                                html! { <span class="cookie-list__empty">{ "(empty)" }</span> }
                            } else if *reveal {
                                html! { <code class="cookie-list__value">{ c.value.expose().to_string() }</code> }
                            } else {
                                html! { <span class="cookie-list__value">{ format!("hidden ({} characters)", c.value.expose().chars().count()) }</span> }
                            };
                            html! {
                                <tr data-cookie={c.name.clone()} data-set={c.set.to_string()}>
                                    <td>{ format!("{} {line}", if c.set { "Set-Cookie," } else { "Cookie," }) }</td>
                                    <td><code>{ if c.name.is_empty() { "(no name)".to_string() } else { c.name.clone() } }</code></td>
                                    <td>{ value }</td>
                                    <td>{ c.attributes.join(", ") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if cookies.len() > 500 {
                <p>{ format!("The first 500 of {} cookies are listed.", cookies.len()) }</p>
            }
            <button type="button" class="button" id="cookie-values" onclick={toggle} aria-pressed={reveal.to_string()}>
                { if *reveal { "Hide values" } else { "Show values" } }
            </button>
        </section>
    }
}
