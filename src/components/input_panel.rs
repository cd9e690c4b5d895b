//! The paste area.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub value: String,
    pub on_input: Callback<String>,
}

/// Reads a file the user chose or dropped, locally (it never leaves this tab), into the input.
pub fn read_file(file: web_sys::File, on_input: Callback<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
            on_input.emit(text.as_string().unwrap_or_default());
        }
    });
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
    let on_file = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let field: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = field.files().and_then(|files| files.get(0)) else { return };
            read_file(file, on_input.clone());
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
                <span class="input__actions">
                    <label class="button" for="file" title="Or drop a file anywhere on the page">{ "Open a file…" }</label>
                    <input id="file" class="visually-hidden" type="file" accept=".har,.json,.txt,.log,.pem,.jwt,text/*,application/json" onchange={on_file} />
                    <button type="button" class="button" onclick={on_clear} disabled={props.value.is_empty()}>{ "Clear" }</button>
                </span>
            </div>
        </div>
    }
}
