//! One decoded token: its checks first (failed ones at the top, so the reason for a 401 is on
//! the first screen even for a long token), then its parts, its times, its header and claims.

use crate::clock::offset_minutes_at;
use crate::components::check_row::{check_row, Of};
use crate::components::copy::CopyButton;
use crate::components::json_view::{Glossary, JsonView};
use crate::shared::Shared;
use why401_engine::display::timefmt;
use why401_engine::report::check_step;
use why401_engine::report::TokenForm;
use why401_engine::{Report, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TokenViewProps {
    pub report: Shared<Report>,
    pub index: usize,
}

const JWS_PARTS: [&str; 3] = ["header", "payload", "signature"];
const JWE_PARTS: [&str; 5] = ["header", "key", "iv", "ciphertext", "tag"];

/// The fix for a failed or suspicious check: the help of the most severe finding about the same
/// token and checklist step.
fn fix<'r>(report: &'r Report, token: usize, check: &str) -> Option<&'r str> {
    let step = check_step(check);
    report.findings.iter().filter(|f| f.token == Some(token) && f.step == step && f.severity > Severity::Info).max_by_key(|f| f.severity).map(|f| f.help)
}

/// A decoded part as indented JSON, for the clipboard.
fn pretty(value: &serde_json::Value) -> AttrValue {
    AttrValue::from(serde_json::to_string_pretty(value).unwrap_or_default())
}

#[component]
pub fn TokenView(props: &TokenViewProps) -> Html {
    let Some(token) = props.report.tokens.get(props.index) else { return Html::default() };
    let names: &[&str] = if token.form == TokenForm::Jwe { &JWE_PARTS } else { &JWS_PARTS };
    let number = props.index + 1;
    // The parts are shown to the person who pasted them; they are never stored or sent.
    let parts = token.parts.iter().enumerate().map(|(i, part)| {
        let name = names.get(i).copied().unwrap_or("extra");
        html! { <>
            if i > 0 { <span class="token__dot">{ "." }</span> }
            <span class={classes!("token__part", format!("token__part--{}", name))} title={name}>{ crate::text::visible(part.expose(), crate::text::Marker::Prose) }</span>
        </> }
    });
    let legend = names.iter().take(token.parts.len().max(1)).map(|name| {
        html! {
            <span class={classes!("legend__item", format!("token__part--{}", name))}>{ *name }</span>
        }
    });
    // Failed checks first, then suspicious ones, then the rest, each in the engine's order: the
    // check that explains the 401 is the first row, on the first screen.
    let mut checks = token.checks.iter();
    checks.sort_by_key(|(_, check)| match check.status.as_str() {
        "fail" => 0,
        "warn" => 1,
        _ => 2,
    });
    html! {
        <article class="token-card" data-token={props.index.to_string()} aria-labelledby={format!("token-{number}-title")}>
            <h2 id={format!("token-{number}-title")}>{ format!("Token {number}") }</h2>
            <h3>{ "Checks" }</h3>
            <div class="table-scroll">
            <table class="checks">
                <thead><tr><th scope="col">{ "Verdict" }</th><th scope="col">{ "Check" }</th><th scope="col">{ "What was found" }</th></tr></thead>
                <tbody>
                    { for checks.into_iter().map(|(name, check)| {
                        let help = fix(&props.report, props.index, name).filter(|_| matches!(check.status.as_str(), "fail" | "warn"));
                        check_row(Of::Token, name, check, help)
                    }) }
                </tbody>
            </table></div>
            <h3>{ "Parts" }</h3>
            <p class="token" aria-label="The token, split into its parts"><code class="token__text">{ for parts }</code></p>
            <div class="token-card__tools">
                <p class="token-card__copy"><CopyButton text={AttrValue::from(token.token.expose().to_string())} what={format!("token {number}")} /></p>
                <p class="legend" aria-hidden="true">{ for legend }</p>
            </div>

            if !token.times.is_empty() {
                <h3>{ "Times" }</h3>
                <div class="table-scroll">
                <table class="times">
                    <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "UTC" }</th><th scope="col">{ "Your time zone" }</th><th scope="col">{ "Relative" }</th></tr></thead>
                    <tbody>
                        { for token.times.iter().map(|t| html! {
                            <tr data-time={t.claim}>
                                <th scope="row"><code>{ t.claim }</code></th>
                                <td>{ t.utc.clone() }</td>
                                <td>{ timefmt::local(t.value, offset_minutes_at(t.value)).unwrap_or_default() }</td>
                                <td>{ t.relative.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table></div>
            }

            <div class="token-card__grid">
                <div>
                    <div class="token-card__part">
                        <h3>{ "Header" }</h3>
                        if !token.header.is_null() { <CopyButton text={pretty(&token.header)} what={format!("the decoded header of token {number}")} /> }
                    </div>
                    if token.header.is_null() { <p class="muted">{ "Could not be read: see the findings." }</p> }
                    else { <JsonView value={token.header.clone()} label="Decoded header" glossary={Glossary::Header} /> }
                </div>
                <div>
                    <div class="token-card__part">
                        <h3>{ "Payload" }</h3>
                        if !token.payload.is_null() { <CopyButton text={pretty(&token.payload)} what={format!("the decoded payload of token {number}")} /> }
                    </div>
                    if token.payload.is_null() {
                        <p class="muted">{ if token.form == TokenForm::Jwe { "Encrypted: the claims need the recipient's key." } else { "Could not be read: see the findings." } }</p>
                    } else { <JsonView value={token.payload.clone()} label="Decoded payload" glossary={Glossary::Claims} /> }
                </div>
            </div>

            if !token.x5c.is_empty() {
                <h3>{ "Certificates in the header (" }<code>{ "x5c" }</code>{ ")" }</h3>
                <ol class="chain">
                    { for token.x5c.iter().map(|c| html! {
                        <li>{ format!("{} — issued by {}, valid {} to {}", c.subject, c.issuer,
                            timefmt::utc(c.not_before).unwrap_or_default(), timefmt::utc(c.not_after).unwrap_or_default()) }</li>
                    }) }
                </ol>
            }

        </article>
    }
}
