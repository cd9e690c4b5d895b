//! The paste area.

use crate::state::megabytes;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub value: AttrValue,
    /// The whole input replaced: a paste, a drop, a file, Clear.
    pub on_input: Callback<String>,
    /// The input edited by typing.
    pub on_typed: Callback<String>,
    /// A file chosen with the button, to read into the input (src/state.rs reads it, or says why
    /// not).
    pub on_file: Callback<web_sys::File>,
    /// Why the last file was not read, if it was not.
    #[prop_or_default]
    pub notice: Option<String>,
    /// A large input waits for typing to pause before it is analysed.
    #[prop_or_default]
    pub pending: bool,
    /// How far the engine has come with a long analysis (`done`, `total`), while it works.
    #[prop_or_default]
    pub progress: Option<(usize, usize)>,
}

/// Above this size the input is kept in memory but not shown in the text box: a browser takes
/// about a fifth of a second per megabyte to lay out a text box's text, so a 5 MB capture would
/// hold the page for a second on every change. Nobody edits a capture that size by hand.
pub const SHOWN_LIMIT: usize = 1024 * 1024;

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        let on_typed = props.on_typed.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            // `insertFromPaste`, `insertFromDrop`…: the text came in one piece.
            let whole = e.input_type().starts_with("insertFrom");
            if text.len() > SHOWN_LIMIT {
                // Emptied in the same task as the paste, before the browser lays the text out.
                area.set_value("");
            }
            if whole {
                on_input.emit(text);
            } else {
                on_typed.emit(text);
            }
        })
    };
    let on_file = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let field: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = field.files().and_then(|files| files.get(0)) else { return };
            on_file.emit(file);
            // The same file chosen again is read again.
            field.set_value("");
        })
    };
    let on_clear = {
        let on_input = props.on_input.clone();
        Callback::from(move |_| on_input.emit(String::new()))
    };
    // Counting characters is cheap up to a few hundred kilobytes; beyond, the size says enough.
    let size = if props.value.len() <= 256 * 1024 { format!("{} characters", props.value.chars().count()) } else { megabytes(props.value.len() as f64) };
    let held = props.value.len() > SHOWN_LIMIT;
    let hint = if props.pending { format!("{size}; analysing once you stop typing…") } else { format!("{size}; analysed as you type") };
    html! {
        <div class="input">
            <label id="input-label" class="input__label" for="input">{ "Token, header or log text" }</label>
            <textarea
                id="input"
                class="input__area"
                value={if held { AttrValue::default() } else { props.value.clone() }}
                // Read-only while it holds a large input, so that a stray key cannot replace it;
                // a paste still does (the page takes pastes anywhere), and so does Clear.
                readonly={held}
                {oninput}
                autofocus=true
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder={if held { "The input is held in memory (too large to show here). Paste to replace it, or Clear." } else { "eyJhbGciOi… or Authorization: Bearer eyJ…" }}
                aria-describedby="input-hint"
            />
            <div class="input__bar">
                <span id="input-hint" class="input__hint" data-pending={props.pending.to_string()}>{ hint }</span>
                <span class="input__actions">
                    <label class="button" for="file" title="Or drop a file anywhere on the page">{ "Open a file…" }</label>
                    <input id="file" class="visually-hidden" type="file" accept=".har,.json,.txt,.log,.pem,.jwt,text/*,application/json" onchange={on_file} />
                    <button type="button" class="button" onclick={on_clear} disabled={props.value.is_empty()}>{ "Clear" }</button>
                </span>
            </div>
            if held {
                <p id="input-held" class="input__status input__status--held" role="status">
                    { format!("The {} input is analysed in full but not shown in the box: a text box that large would hold the page. Paste something else, or Clear, to start again.", megabytes(props.value.len() as f64)) }
                </p>
            }
            if props.pending {
                <p id="analysing" class="input__status" role="status">{ "Analysing a large input…" }</p>
            } else if let Some((done, total)) = props.progress {
                // The live region says "Analysing…" once; the bar carries the value (the percentage
                // beside it is for the eye, not read out every tenth of a second).
                <p id="analysing" class="input__status" role="status">
                    <label for="analysing-progress">{ "Analysing…" }</label>
                    { " " }
                    <progress id="analysing-progress" max={total.to_string()} value={done.to_string()} />
                    <span aria-hidden="true">{ format!(" {}%", done * 100 / total.max(1)) }</span>
                </p>
            }
            if let Some(notice) = &props.notice {
                <p id="input-notice" class="input__notice" role="alert">{ notice.clone() }</p>
            }
        </div>
    }
}
