//! The why401 page: gathers what the user pastes and the browser clock, asks the engine, and
//! renders the report. Components parse and decide nothing themselves.

mod app;
mod clock;
mod components;
mod engine;
mod hooks;
mod shared;
mod state;
mod text;

use wasm_bindgen::prelude::*;

fn main() {
    // The page and the engine's worker are one module, instantiated twice (static/boot.js): in
    // the worker there is no window, and the module answers the page's jobs instead of drawing.
    if web_sys::window().is_none() {
        why401_worker::start();
        return;
    }
    // Yew would install its own hook (console only) unless told about this one.
    yew::set_custom_panic_hook(Box::new(show_crash));
    // The interface draws itself beside the page as first drawn (index.html's `#first-drawing`),
    // and replaces it once drawn, taking over what was typed, pasted or dropped on it (src/app.rs).
    let root = web_sys::window().and_then(|w| w.document()).and_then(|document| {
        let root = document.create_element("div").ok()?;
        root.set_id("app");
        document.body()?.append_child(&root).ok()?;
        Some(root)
    });
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

/// The engine never panics on any input; if the page ever does, this hands the message to the
/// failure panel of `static/boot.js` (built in JavaScript, so it works after the WebAssembly has
/// stopped) instead of leaving a dead page. Anything in the message that looks like a token is
/// removed first.
fn show_crash(info: &std::panic::PanicHookInfo<'_>) {
    crash(&info.to_string());
}

/// Shows the failure panel with `details` (a panic here or in the engine's worker), token-like
/// runs removed.
pub fn crash(details: &str) {
    let details = text::scrub(details, 4000);
    let Some(window) = web_sys::window() else { return };
    let Ok(crash) = js_sys::Reflect::get(&window, &JsValue::from_str("why401Crash")) else { return };
    if let Some(crash) = crash.dyn_ref::<js_sys::Function>() {
        let _ = crash.call1(&JsValue::NULL, &JsValue::from_str(&details));
    }
}

/// Panics on purpose, so that the browser tests can check that a panic shows the failure panel.
/// Nothing in the page calls it.
#[wasm_bindgen]
pub fn why401_selftest_panic() {
    panic!("self-test: the failure panel works");
}
