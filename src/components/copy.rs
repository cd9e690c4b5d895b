//! A button that copies a text to the clipboard when clicked, and says whether it worked. The
//! clipboard is touched only on a click; a browser that refuses leaves the page as it was.

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyProps {
    pub text: AttrValue,
    /// What is copied, for the accessible label: "Copy {what}".
    pub what: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Idle,
    Copied,
    Refused,
}

/// How long "Copied" stays before the button reads "Copy" again.
const FEEDBACK_MS: u32 = 2500;

/// `navigator.clipboard.writeText(text)`, read through `Reflect` so that a browser without the
/// Clipboard API (or a page that is not a secure context) gives an error rather than a throw.
async fn write_text(text: &str) -> Result<(), JsValue> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())?;
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err("no clipboard".into());
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
    let promise: js_sys::Promise = write.call1(&clipboard, &text.into())?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ())
}

#[component]
pub fn CopyButton(props: &CopyProps) -> Html {
    let state = use_state(|| State::Idle);
    // Counts clicks, so that the reset of an earlier click does not cut a later one's feedback short.
    let clicks = use_mut_ref(|| 0u32);
    let onclick = {
        let state = state.clone();
        let text = props.text.clone();
        Callback::from(move |_| {
            let state = state.clone();
            let text = text.clone();
            let clicks = clicks.clone();
            *clicks.borrow_mut() += 1;
            let this = *clicks.borrow();
            wasm_bindgen_futures::spawn_local(async move {
                if write_text(&text).await.is_err() {
                    // Stays until the next click: the user needs it to copy by hand.
                    state.set(State::Refused);
                    return;
                }
                state.set(State::Copied);
                // Forgotten on purpose: it runs once, and a state handle outliving its
                // component is harmless.
                Timeout::new(FEEDBACK_MS, move || {
                    if *clicks.borrow() == this {
                        state.set(State::Idle);
                    }
                })
                .forget();
            });
        })
    };
    let label = format!("Copy {}", props.what);
    html! {
        <span class="copy-wrap">
            <button type="button" class={classes!("button", "copy", (*state == State::Copied).then_some("copy--done"))}
                aria-label={label.clone()} title={label} {onclick}>
                { if *state == State::Copied { "✓ Copied" } else { "Copy" } }
            </button>
            // Shown when the copy failed; when it worked the button says so and this only speaks.
            <span class={classes!("copy__status", (*state == State::Copied).then_some("visually-hidden"))} role="status">
                { match *state {
                    State::Idle => "",
                    State::Copied => "Copied",
                    State::Refused => "The browser refused the clipboard: select the text and copy it",
                } }
            </span>
        </span>
    }
}
