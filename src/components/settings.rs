//! The settings the checks depend on: the clock-skew allowance and the browser clock it is
//! applied to, and where the failing call is made from (the page's origin and whether it sends
//! cookies), for CORS and `SameSite`, and the browser it is made in (whose CORS verdict to give,
//! and what it does with third-party cookies). Nothing chosen here is stored or put in the URL.

use crate::clock::offset_minutes_at;
use crate::text::rich;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use why401_engine::context::{Browser, ThirdPartyCookies};
use why401_engine::display::timefmt;
use yew::prelude::*;

/// What the origin field holds.
#[derive(Clone, Debug, PartialEq)]
pub enum OriginField {
    /// Nothing typed: the engine reads the origin from the requests, if they carry one.
    Empty,
    /// A beginning of `https://` or `http://`: not an origin yet, but not wrong either.
    Typing,
    /// Something for the engine to read as an origin (it says in the report whether it is one).
    Entered(String),
}

impl OriginField {
    pub fn read(text: &str) -> Self {
        let t = text.trim();
        if t.is_empty() {
            return OriginField::Empty;
        }
        let lower = t.to_ascii_lowercase();
        if ["https://", "http://"].iter().any(|scheme| scheme.starts_with(&lower) && lower.len() < scheme.len()) {
            return OriginField::Typing;
        }
        OriginField::Entered(t.to_string())
    }

    /// The text the engine is given to read as the page's origin.
    pub fn origin(&self) -> Option<String> {
        match self {
            OriginField::Entered(text) => Some(text.clone()),
            _ => None,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub skew: u64,
    pub on_skew: Callback<u64>,
    pub now: i64,
    /// The origin field as typed.
    pub origin: String,
    /// How the engine read it, from the newest report: the origin as a browser writes it, or why
    /// it is not one.
    pub origin_read: Option<Result<String, String>>,
    pub on_origin: Callback<String>,
    pub sends_cookies: bool,
    pub on_sends_cookies: Callback<bool>,
    /// The browser whose verdict to give where engines disagree; `None` explains each.
    pub browser: Option<Browser>,
    pub on_browser: Callback<Option<Browser>>,
    /// What the browser does with third-party cookies; `None` takes the browser's default.
    pub third_party: Option<ThirdPartyCookies>,
    pub on_third_party: Callback<Option<ThirdPartyCookies>>,
}

#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let oninput = {
        let on_skew = props.on_skew.clone();
        Callback::from(move |e: InputEvent| {
            let field: HtmlInputElement = e.target_unchecked_into();
            // An empty or unreadable field means no allowance until the user finishes typing.
            on_skew.emit(field.value().trim().parse().unwrap_or(0));
        })
    };
    let on_origin = {
        let on_origin = props.on_origin.clone();
        Callback::from(move |e: InputEvent| on_origin.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_cookies = {
        let on_sends_cookies = props.on_sends_cookies.clone();
        Callback::from(move |e: Event| on_sends_cookies.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_browser = {
        let on_browser = props.on_browser.clone();
        Callback::from(move |e: Event| on_browser.emit(Browser::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())))
    };
    let on_third_party = {
        let on_third_party = props.on_third_party.clone();
        Callback::from(move |e: Event| on_third_party.emit(ThirdPartyCookies::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())))
    };
    let browser = props.browser.map(Browser::as_str).unwrap_or("");
    let third_party = props.third_party.map(ThirdPartyCookies::as_str).unwrap_or("");
    let entered = matches!(OriginField::read(&props.origin), OriginField::Entered(_));
    let read = props.origin_read.as_ref().filter(|_| entered);
    let invalid = matches!(read, Some(Err(_)));
    let described = if invalid { "origin-hint origin-error" } else { "origin-hint" };
    let offset = offset_minutes_at(props.now);
    html! {
        <div class="settings">
            <div class="settings__row">
                <label for="skew">{ "Clock-skew allowance (seconds)" }</label>
                <input id="skew" class="settings__number" type="number" min="0" step="1" inputmode="numeric"
                    value={props.skew.to_string()} {oninput} aria-describedby="skew-hint" />
            </div>
            <p id="skew-hint" class="settings__hint">{ "How far apart clocks may be. Servers commonly allow 0–300 s; 60 s is typical." }</p>
            <p class="clock" id="clock">
                { "Your clock: " }
                <time class="clock__utc">{ timefmt::utc(props.now).unwrap_or_default() }</time>
                { format!(" · local {}", timefmt::local(props.now, offset).unwrap_or_default()) }
            </p>
            <div class="settings__field">
                <label for="origin">{ "I am calling from" }</label>
                <input id="origin" class={classes!("settings__text", invalid.then_some("settings__text--invalid"))} type="url"
                    inputmode="url" placeholder="https://app.example.com" value={props.origin.clone()} oninput={on_origin}
                    spellcheck="false" autocomplete="off" autocapitalize="off"
                    aria-invalid={invalid.then_some("true")} aria-describedby={described} />
            </div>
            <p id="origin-hint" class="settings__hint">
                { "The origin of the page that makes the failing call, used for CORS and SameSite. Empty: read from the requests' " }
                <code>{ "Origin" }</code>{ " header." }
            </p>
            if let Some(Err(reason)) = read {
                <p id="origin-error" class="settings__error">
                    <span aria-hidden="true">{ "✗ " }</span>{ rich(reason) }{ ". It is not used." }
                </p>
            }
            if let Some(Ok(used)) = read {
                if used != props.origin.trim() {
                    <p id="origin-used" class="settings__hint">{ "Used as " }<code>{ used.clone() }</code></p>
                }
            }
            <label class="settings__switch" for="sends-cookies">
                <input id="sends-cookies" type="checkbox" checked={props.sends_cookies} onchange={on_cookies} aria-describedby="sends-cookies-hint" />
                <span>{ rich("The call sends cookies (`credentials: 'include'`)") }</span>
            </label>
            <p id="sends-cookies-hint" class="settings__hint">
                { "Unchecked: the mode is read from the input (a pasted fetch call or a HAR shows it), else the browser's default." }
            </p>
            <div class="settings__field">
                <label for="browser">{ "Browser" }</label>
                <select id="browser" class="settings__select" onchange={on_browser} aria-describedby="browser-hint">
                    <option value="" selected={browser.is_empty()}>{ "Any (explain where they differ)" }</option>
                    <option value="chromium" selected={browser == "chromium"}>{ "Chrome, Edge and other Chromium browsers" }</option>
                    <option value="firefox" selected={browser == "firefox"}>{ "Firefox" }</option>
                    <option value="safari" selected={browser == "safari"}>{ "Safari (and every iOS browser)" }</option>
                </select>
            </div>
            <p id="browser-hint" class="settings__hint">{ "Where browsers apply a CORS or cookie rule differently, the verdict of this one." }</p>
            <div class="settings__field">
                <label for="third-party-cookies">{ "Third-party cookies" }</label>
                <select id="third-party-cookies" class="settings__select" onchange={on_third_party} aria-describedby="third-party-cookies-hint">
                    <option value="" selected={third_party.is_empty()}>{ "As the browser does by default" }</option>
                    <option value="allowed" selected={third_party == "allowed"}>{ "Allowed" }</option>
                    <option value="blocked" selected={third_party == "blocked"}>{ "Blocked (Incognito, Safari, the setting on)" }</option>
                    <option value="partitioned" selected={third_party == "partitioned"}>{ "Kept per site (Firefox)" }</option>
                </select>
            </div>
            <p id="third-party-cookies-hint" class="settings__hint">
                { "Cookies of another site than the page's. By default: allowed in Chrome, blocked in Safari, kept per top-level site in Firefox." }
            </p>
        </div>
    }
}
