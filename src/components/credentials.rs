//! Decoded `Authorization` credentials: the Basic user name, and the password masked until the
//! user asks to see it.

use crate::components::copy::CopyButton;
use crate::shared::Shared;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CredentialsProps {
    pub report: Shared<Report>,
}

#[component]
pub fn Credentials(props: &CredentialsProps) -> Html {
    let reveal = use_state(|| false);
    let basics: Vec<_> = props.report.authorization.iter().filter(|a| a.user.is_some()).collect();
    if basics.is_empty() {
        return Html::default();
    }
    let toggle = {
        let reveal = reveal.clone();
        Callback::from(move |_| reveal.set(!*reveal))
    };
    html! {
        <section class="token-card credentials" aria-labelledby="credentials-title">
            <h2 id="credentials-title">{ "Basic credentials" }</h2>
            <table class="checks">
                <thead><tr><th scope="col">{ "User name" }</th><th scope="col">{ "Password" }</th></tr></thead>
                <tbody>
                    { for basics.iter().enumerate().map(|(i, a)| {
                        let password = a.password.as_ref();
                        // Several rows: each button says which one it copies.
                        let of = if basics.len() > 1 { format!(" of row {}", i + 1) } else { String::new() };
                        let user = a.user.clone().unwrap_or_default();
                        let secret = password.map(|p| p.expose().to_string()).unwrap_or_default();
                        html! {
                            <tr data-credentials={a.input.to_string()}>
                                <td>
                                    <code>{ crate::text::visible(&user, crate::text::Marker::Prose) }</code>
                                    if !user.is_empty() {
                                        { " " }<CopyButton text={AttrValue::from(user.clone())} what={format!("the user name{of}")} />
                                    }
                                </td>
                                <td>
                                    if *reveal {
                                        <code class="credentials__password">{ crate::text::visible(&secret, crate::text::Marker::Prose) }</code>
                                    } else {
                                        <span class="credentials__password">{ format!("hidden ({} characters)", password.map_or(0, |p| p.expose().chars().count())) }</span>
                                    }
                                    // Copied as it is, shown or not: the clipboard gets the real password.
                                    if !secret.is_empty() {
                                        { " " }<CopyButton text={AttrValue::from(secret.clone())} what={format!("the password{of}")} />
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <button type="button" class="button credentials__toggle" onclick={toggle} aria-pressed={reveal.to_string()}>
                { if *reveal { "Hide password" } else { "Show password" } }
            </button>
        </section>
    }
}
