//! The pasted exchanges as a timeline: each request and the status it got, redirects as hops.
//! Exchanges that need a look (refusals, failed preflights, requests without a response) are
//! marked; choosing one diagnoses it alone. A long capture (a HAR file) shows only those at
//! first, and can be filtered by URL.

use std::rc::Rc;
use web_sys::HtmlInputElement;
use why401_engine::report::{Exchange, ExchangeFlag};
use why401_engine::Report;
use yew::prelude::*;

/// Above this many exchanges only those that need a look are listed until the user asks for all.
const LONG: usize = 30;
/// The most rows listed at once; the URL filter narrows the rest.
const MAX_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct ExchangesProps {
    pub report: Rc<Report>,
    /// The exchange being diagnosed alone, if any.
    pub focus: Option<usize>,
    pub on_focus: Callback<Option<usize>>,
}

fn status_class(e: &Exchange) -> &'static str {
    match (e.flag, e.status) {
        (Some(_), _) => "fail",
        (None, Some(200..=299)) => "pass",
        (None, Some(300..=399) | None) => "skip",
        (None, Some(_)) => "warn",
    }
}

fn flag_text(flag: ExchangeFlag) -> &'static str {
    match flag {
        ExchangeFlag::Unauthorized => "401 unauthorized",
        ExchangeFlag::Forbidden => "403 forbidden",
        ExchangeFlag::ProxyAuth => "proxy wants credentials",
        ExchangeFlag::Throttled => "throttled",
        ExchangeFlag::LoginRedirect => "redirect to sign-in",
        ExchangeFlag::FailedPreflight => "failed preflight",
        ExchangeFlag::NoResponse => "no response",
    }
}

#[component]
pub fn Exchanges(props: &ExchangesProps) -> Html {
    let show_all = use_state(|| false);
    let filter = use_state(String::new);
    let exchanges = &props.report.exchanges;
    if exchanges.is_empty() {
        return Html::default();
    }
    let long = exchanges.len() > LONG;
    let needs_look = |i: usize| exchanges[i].flag.is_some() || props.report.findings.iter().any(|f| f.exchange == Some(i));
    let flagged = exchanges.iter().filter(|e| e.flag.is_some()).count();
    let needle = filter.trim().to_ascii_lowercase();
    let listed: Vec<usize> = (0..exchanges.len())
        .filter(|&i| !long || *show_all || needs_look(i) || props.focus == Some(i))
        .filter(|&i| needle.is_empty() || exchanges[i].request.url.to_ascii_lowercase().contains(&needle))
        .collect();
    let hidden = listed.len().saturating_sub(MAX_ROWS);
    // The failing exchange is marked in the timeline: the one chosen, else the first refusal.
    let failing = props.focus.or_else(|| exchanges.iter().position(|e| e.flag.is_some()));
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let toggle_all = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    html! {
        <section class="token-card exchanges" aria-labelledby="exchanges-title" data-focus={props.focus.map(|f| f.to_string()).unwrap_or_default()}>
            <h2 id="exchanges-title">{ format!("Exchanges ({})", exchanges.len()) }</h2>
            <p class="exchanges__hint">
                { if flagged == 0 { "None of them was refused. ".to_string() } else { format!("{flagged} need a look (marked). ") } }
                { "Choose one to diagnose it alone." }
            </p>
            if long {
                <div class="exchanges__tools">
                    <label for="exchange-filter">{ "URL contains " }</label>
                    <input id="exchange-filter" type="search" value={(*filter).clone()} oninput={on_filter} spellcheck="false" autocomplete="off" />
                    <button type="button" class="button" id="exchanges-all" aria-pressed={(*show_all).to_string()} onclick={toggle_all}>
                        { if *show_all { "Only those that need a look".to_string() } else { format!("Show all {}", exchanges.len()) } }
                    </button>
                </div>
            }
            if props.focus.is_some() {
                <p class="exchanges__focus">
                    { format!("Diagnosing exchange {} alone. ", props.focus.unwrap_or(0) + 1) }
                    <button type="button" class="button" id="exchanges-unfocus" onclick={props.on_focus.reform(|_| None)}>{ "Diagnose all" }</button>
                </p>
            }
            <ol class="exchanges__list">
                { for listed.iter().take(MAX_ROWS).map(|&i| {
                    let e = &exchanges[i];
                    let status = e.status.map(|s| s.to_string()).unwrap_or_else(|| "no response".into());
                    let chosen = props.focus == Some(i);
                    let current = failing == Some(i);
                    let on_pick = props.on_focus.reform(move |_| Some(i));
                    html! {
                        <li class={classes!("exchanges__item", e.follows.map(|_| "exchanges__item--hop"), chosen.then_some("exchanges__item--chosen"), current.then_some("exchanges__item--current"))}
                            aria-current={current.then_some("true")}
                            value={(i + 1).to_string()}
                            data-exchange={i.to_string()}
                            data-status={e.status.map(|s| s.to_string()).unwrap_or_default()}
                            data-flag={e.flag.map(ExchangeFlag::as_str).unwrap_or_default()}>
                            <button type="button" class="exchanges__pick" aria-pressed={chosen.to_string()} onclick={on_pick}
                                title="Diagnose this exchange alone">
                                <span class={classes!("badge", format!("badge--{}", status_class(e)))}>{ status }</span>
                                <code class="exchanges__request">
                                    { if e.request.method.is_empty() { "(request not pasted)".to_string() } else { format!("{} {}", e.request.method, e.request.url) } }
                                </code>
                                if let Some(flag) = e.flag {
                                    <span class="exchanges__flag">{ flag_text(flag) }</span>
                                }
                                if let Some(ms) = e.time_ms {
                                    <span class="exchanges__time">{ format!("{ms:.0} ms") }</span>
                                }
                            </button>
                            if let Some(from) = e.follows {
                                <div class="exchanges__note">{ format!("↳ followed the redirect of exchange {}", from + 1) }</div>
                            }
                            if let Some(to) = &e.redirect {
                                <div class="exchanges__note">{ "Redirects to " }<code>{ to.clone() }</code></div>
                            }
                            if let Some(error) = &e.error {
                                <div class="exchanges__note">{ "No response: " }<code>{ error.clone() }</code></div>
                            }
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
            if hidden > 0 {
                <p class="exchanges__more">{ format!("{hidden} more match; narrow the list with the URL filter.") }</p>
            }
            if long && !*show_all && listed.len() < exchanges.len() && needle.is_empty() {
                <p class="exchanges__more">{ format!("{} exchanges that need no look are not listed.", exchanges.len() - listed.len()) }</p>
            }
        </section>
    }
}
