//! The page's DOM plumbing as hooks: listeners on the document and the window, the pause after
//! typing and the reading of a file. Each listener is a `gloo_events::EventListener`, removed when
//! the component that installed it goes.

use crate::state::Reading;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{DataTransfer, EventTarget};
use why401_engine::StepId;
use yew::prelude::*;

/// What a paste or a drop carries: a file (the first one), or else its text.
pub enum Carried {
    File(web_sys::File),
    Text(String),
}

impl Carried {
    /// The file or the non-empty text `data` carries, if any.
    pub fn from(data: &DataTransfer) -> Option<Self> {
        if let Some(file) = data.files().and_then(|files| files.get(0)) {
            return Some(Self::File(file));
        }
        data.get_data("text/plain").ok().filter(|text| !text.is_empty()).map(Self::Text)
    }
}

/// Calls `handle` with every `event` on `target` (the window or the document) while the component
/// lives. With `prevent_default`, the listener may cancel the event (it is not passive).
#[hook]
fn use_listener<E: JsCast + Clone + 'static>(target: fn() -> Option<EventTarget>, event: &'static str, prevent_default: bool, handle: Callback<E>) {
    use_effect_with((), move |_| {
        let options = if prevent_default { EventListenerOptions::enable_prevent_default() } else { EventListenerOptions::default() };
        let listener = target().map(|target| {
            EventListener::new_with_options(&target, event, options, move |e| {
                if let Some(e) = e.dyn_ref::<E>() {
                    handle.emit(e.clone());
                }
            })
        });
        move || drop(listener)
    });
}

fn document() -> Option<EventTarget> {
    web_sys::window().and_then(|w| w.document()).map(Into::into)
}

fn window() -> Option<EventTarget> {
    web_sys::window().map(Into::into)
}

/// Calls `on_paste` with every paste on the page (it may cancel the paste).
#[hook]
pub fn use_document_paste(on_paste: Callback<web_sys::ClipboardEvent>) {
    use_listener(document, "paste", true, on_paste);
}

/// Calls `on_step` with the checklist step `#step-<id>` names: on load, whenever the address's
/// hash changes, and when a link to a step is followed (a link to the step already in the address
/// changes no hash: the step opens anyway).
#[hook]
pub fn use_hash_step(on_step: Callback<StepId>) {
    {
        let on_step = on_step.clone();
        use_effect_with((), move |_| {
            if let Some(id) = hash_target() {
                on_step.emit(id);
            }
        });
    }
    let on_hash = {
        let on_step = on_step.clone();
        Callback::from(move |_: web_sys::Event| {
            if let Some(id) = hash_target() {
                on_step.emit(id);
            }
        })
    };
    use_listener(window, "hashchange", false, on_hash);
    let on_click = Callback::from(move |event: web_sys::Event| {
        let link = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href^='#step-']").ok().flatten());
        let target = link.and_then(|a| a.get_attribute("href")).and_then(|h| h.strip_prefix("#step-").and_then(|id| id.parse::<StepId>().ok()));
        if let Some(id) = target {
            on_step.emit(id);
        }
    });
    use_listener(document, "click", false, on_click);
}

/// The step the address's hash names, if any.
fn hash_target() -> Option<StepId> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#step-")?.parse().ok()
}

/// Calls `on_settled` with `value` once it has stayed the same for `ms` milliseconds; a new
/// value (a keystroke) or `None` cancels the call still waiting.
#[hook]
pub fn use_settled(value: Option<AttrValue>, ms: u32, on_settled: Callback<AttrValue>) {
    use_effect_with(value, move |value| {
        let timer = value.clone().map(|value| Timeout::new(ms, move || on_settled.emit(value)));
        move || drop(timer)
    });
}

/// Reads the file in `reading`, locally (it never leaves this tab), and calls `on_read` with its
/// entry number and its text, or why it could not be read.
#[hook]
pub fn use_file_read(reading: Option<Reading>, on_read: Callback<(u32, Result<String, String>)>) {
    use_effect_with(reading, move |reading| {
        if let Some(Reading { entered, file }) = reading.clone() {
            wasm_bindgen_futures::spawn_local(async move {
                let read = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => Ok(text.as_string().unwrap_or_default()),
                    Err(_) => Err(format!("{} could not be read: the browser refused it (is it still on disk?).", file.name())),
                };
                on_read.emit((entered, read));
            });
        }
    });
}

/// The page's handlers for a file (or text) dragged onto it: `on_dragging` says whether something
/// is dragged over the page, `on_drop` gets what was dropped.
pub struct FileDrop {
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// A file dropped anywhere on the page is read locally, like one opened with the button.
#[hook]
pub fn use_file_drop(dragging: bool, on_dragging: Callback<bool>, on_drop: Callback<Carried>) -> FileDrop {
    let ondragover = {
        let on_dragging = on_dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !dragging {
                on_dragging.emit(true);
            }
        })
    };
    let ondragleave = {
        let on_dragging = on_dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving for a child element is not leaving the page.
            if e.related_target().is_none() {
                on_dragging.emit(false);
            }
        })
    };
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        on_dragging.emit(false);
        if let Some(carried) = e.data_transfer().as_ref().and_then(Carried::from) {
            on_drop.emit(carried);
        }
    });
    FileDrop { ondragover, ondragleave, ondrop }
}
