//! The clock-skew setting and the browser clock it is applied to.

use crate::clock::offset_minutes_at;
use web_sys::HtmlInputElement;
use why401_engine::timefmt;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub skew: u64,
    pub on_skew: Callback<u64>,
    pub now: i64,
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
        </div>
    }
}
