//! The paste area.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub value: String,
    pub on_input: Callback<String>,
}

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let on_clear = {
        let on_input = props.on_input.clone();
        Callback::from(move |_| on_input.emit(String::new()))
    };
    html! {
        <div class="input">
            <label id="input-label" class="input__label" for="input">{ "Token, header or log text" }</label>
            <textarea
                id="input"
                class="input__area"
                value={props.value.clone()}
                {oninput}
                autofocus=true
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="eyJhbGciOi… or Authorization: Bearer eyJ…"
                aria-describedby="input-hint"
            />
            <div class="input__bar">
                <span id="input-hint" class="input__hint">{ format!("{} characters; analysed as you type", props.value.chars().count()) }</span>
                <button type="button" class="button" onclick={on_clear} disabled={props.value.is_empty()}>{ "Clear" }</button>
            </div>
        </div>
    }
}
