//! The worker's side of the page's message port: the worker's global scope, its clock and
//! posting a message. `worker.rs` (the jobs) and `bench.rs` (the timings) both use it.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

/// The worker's clock, in milliseconds (for pacing progress messages; the engine never reads it).
pub(crate) fn now() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// The dedicated worker's global scope.
pub(crate) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the page; `transfer` moves a buffer instead of copying it.
pub(crate) fn post(id: f64, kind: &str, fields: &[(&str, JsValue)], transfer: Option<&Uint8Array>) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    for (name, value) in fields {
        let _ = Reflect::set(&message, &(*name).into(), value);
    }
    let _ = match transfer {
        Some(bytes) => scope().post_message_with_transfer(&message, &Array::of1(&bytes.buffer())),
        None => scope().post_message(&message),
    };
}
