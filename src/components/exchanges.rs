//! The pasted exchanges as a timeline: each request and the status it got, redirects as hops.
//! Exchanges that need a look (refusals, failed preflights, requests without a response) are
//! marked; choosing one diagnoses it alone. A long capture (a HAR file) shows only those at
//! first, and can be filtered by URL. Each row also says whether the exchange passes CORS, and
//! which cookies it carried against those a browser would have sent (names only, until asked).

use crate::shared::Shared;
use crate::text::rich;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use web_sys::HtmlInputElement;
use why401_engine::report::{redact_cookie_header, CorsVerdict, Exchange, ExchangeFlag};
use why401_engine::Report;
use yew::prelude::*;

/// Above this many exchanges only those that need a look are listed until the user asks for all.
const LONG: usize = 30;
/// The most rows listed at once; the URL filter narrows the rest.
const MAX_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct ExchangesProps {
    pub report: Shared<Report>,
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
            if let Some(judged) = &props.report.judged_for {
                <p class="exchanges__hint" id="judged-for">{ "Judged for " }{ rich(&judged.summary) }{ ". " }<a href="#browser">{ "Change the browser settings" }</a></p>
            }
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
                                    { if e.request.method.is_empty() { "(request not pasted)".to_string() } else { format!("{} {}", e.request.method, why401_engine::display::shown_url(&e.request.url)) } }
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
                            <CorsLine exchange={i} verdict={e.cors.verdict} reason={AttrValue::from(e.cors.reason.clone())} open={current} />
                            if e.cookies.sent.is_some() || e.cookies.expected.is_some() {
                                <CookieLine exchange={i}
                                    sent={e.cookies.sent.as_ref().map(|s| AttrValue::from(s.expose().to_string()))}
                                    expected={e.cookies.expected.as_ref().map(|s| AttrValue::from(s.expose().to_string()))} />
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

#[derive(Properties, PartialEq)]
struct CorsLineProps {
    exchange: usize,
    verdict: CorsVerdict,
    reason: AttrValue,
    /// Open at first: the row is the one being diagnosed.
    open: bool,
}

/// The CORS verdict in a word and an icon, its reason one click (or Enter) away.
#[component]
fn CorsLine(props: &CorsLineProps) -> Html {
    let (state, icon, word) = match props.verdict {
        CorsVerdict::Pass => ("pass", "✓", "CORS passes"),
        CorsVerdict::Fail => ("fail", "✗", "CORS blocks it"),
        CorsVerdict::NotApplicable => return Html::default(),
    };
    html! {
        <details class={classes!("exchanges__cors", format!("exchanges__cors--{state}"))} data-cors={state}
            open={props.open && state == "fail"} id={format!("exchange-{}-cors", props.exchange)}>
            <summary>
                <span class={classes!("badge", format!("badge--{state}"))}><span aria-hidden="true">{ icon }</span>{ format!(" {word}") }</span>
                <span class="exchanges__why">{ "why" }</span>
            </summary>
            <p class="exchanges__reason">{ rich(&props.reason) }</p>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct CookieLineProps {
    exchange: usize,
    /// The `Cookie` header the request carried.
    sent: Option<AttrValue>,
    /// The `Cookie` header a browser would have sent (`""`: none).
    expected: Option<AttrValue>,
}

/// The cookie names of a `Cookie` header, read from its redacted form so that no value is
/// handled on the way to the screen.
fn cookie_names(header: &str) -> Vec<String> {
    redact_cookie_header(header)
        .split("; ")
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if !name.is_empty() => name.to_string(),
            _ => "(no name)".to_string(),
        })
        .collect()
}

fn name_list(names: &[String], none: &'static str) -> Html {
    if names.is_empty() {
        return html! { <em>{ none }</em> };
    }
    names.iter().enumerate().map(|(i, n)| html! { <>{ if i > 0 { ", " } else { "" } }<code>{ n.clone() }</code></> }).collect()
}

/// Which cookies were sent and which a browser would have sent, names only, the difference in
/// words; the values only after "Show values", and hidden again when the headers change.
#[component]
fn CookieLine(props: &CookieLineProps) -> Html {
    // The headers the values were revealed for: other headers (a new paste) start hidden.
    let revealed_for = use_state(|| None::<u64>);
    let fingerprint = {
        let mut h = DefaultHasher::new();
        (&props.sent, &props.expected).hash(&mut h);
        h.finish()
    };
    let revealed = *revealed_for == Some(fingerprint);
    let toggle = {
        let revealed_for = revealed_for.clone();
        Callback::from(move |_| revealed_for.set(if revealed { None } else { Some(fingerprint) }))
    };
    let sent = props.sent.as_deref().map(cookie_names).unwrap_or_default();
    let expected = props.expected.as_deref().map(cookie_names);
    let missing: Vec<String> = expected.iter().flatten().filter(|n| !sent.contains(n)).cloned().collect();
    let extra: Vec<String> = match &expected {
        Some(expected) => sent.iter().filter(|n| !expected.contains(n)).cloned().collect(),
        None => Vec::new(),
    };
    let has_values = props.sent.as_deref().is_some_and(|s| !s.is_empty()) || props.expected.as_deref().is_some_and(|s| !s.is_empty());
    let values_id = format!("exchange-{}-cookie-values", props.exchange);
    html! {
        <div class="exchanges__cookies" data-cookies={props.exchange.to_string()}>
            <span class="exchanges__cookie-label">{ "Cookies " }</span>
            <span data-cookies-sent="">{ "sent: " }{ name_list(&sent, "none") }</span>
            if let Some(expected) = &expected {
                <span data-cookies-expected="">{ " · a browser would send: " }{ name_list(expected, "none") }</span>
            }
            if !missing.is_empty() {
                <strong class="exchanges__cookie-diff" data-cookies-missing="">{ " · missing: " }{ name_list(&missing, "") }</strong>
            }
            if !extra.is_empty() {
                <span class="exchanges__cookie-diff exchanges__cookie-diff--extra" data-cookies-extra="">{ " · extra: " }{ name_list(&extra, "") }</span>
            }
            if has_values {
                { " " }
                <button type="button" class="button button--small exchanges__reveal" aria-pressed={revealed.to_string()}
                    aria-controls={values_id.clone()} onclick={toggle}>
                    { if revealed { "Hide values" } else { "Show values" } }
                </button>
                <div id={values_id} class="exchanges__cookie-values">
                    if revealed {
                        if let Some(sent) = &props.sent {
                            <div>{ "Sent: " }<code data-cookie-value="sent">{ sent.to_string() }</code></div>
                        }
                        if let Some(expected) = props.expected.as_ref().filter(|e| !e.is_empty()) {
                            <div>{ "A browser would send: " }<code data-cookie-value="expected">{ expected.to_string() }</code></div>
                        }
                    }
                </div>
            }
        </div>
    }
}
