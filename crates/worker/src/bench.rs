//! Timings for `make bench` (bench/page.mjs), taken in the worker where the page's engine runs:
//! the engine's decode and checks of a token alone, and one signature verified through the
//! verification seam with WebCrypto alone, without the page's messages and rendering around
//! them. The page never sends these requests.
//!
//! A request is `{ why401Bench: { kind, text, key?, batch, samples } }`, `kind` being `inspect`
//! (the engine on `text`, with `key` if given, RustCrypto never asked: no key means no
//! signature) or `verify` (the signature the engine asks for on `text` with `key`, verified by
//! WebCrypto). The answer is `{ type: "bench", kind, samples: [ms per call, …] }`: each sample
//! times `batch` calls back to back, since `performance.now()` is coarse in a page that is not
//! cross-origin isolated.

use crate::port::{now, post};
use js_sys::Reflect;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use why401_engine::{inspect_with, Context, KeyFormat, KeyInput};
use why401_webcrypto::Browser;

/// The time the benchmark's tokens are checked at.
const NOW: i64 = 1_764_000_000;

pub async fn run(request: JsValue) {
    let field = |name: &str| Reflect::get(&request, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let kind = field("kind").as_string().unwrap_or_default();
    let text = field("text").as_string().unwrap_or_default();
    let batch = field("batch").as_f64().unwrap_or(1.0).max(1.0) as usize;
    let samples = field("samples").as_f64().unwrap_or(1.0).max(1.0) as usize;
    let mut ctx = Context::new(NOW);
    if let Some(key) = field("key").as_string() {
        ctx = ctx.with_key(KeyInput::new("bench", key, KeyFormat::Auto));
    }
    let mut times = Vec::with_capacity(samples);
    let outcome: Result<(), String> = match kind.as_str() {
        "inspect" => {
            let verifier = Browser::new(Rc::default());
            for _ in 0..samples {
                let start = now();
                for _ in 0..batch {
                    std::hint::black_box(inspect_with(&text, &ctx, &verifier));
                }
                times.push((now() - start) / batch as f64);
            }
            Ok(())
        }
        "verify" => {
            let verifier = Browser::new(Rc::default());
            inspect_with(&text, &ctx, &verifier);
            match verifier.wanted().into_iter().next() {
                Some(attempt) => {
                    for _ in 0..samples {
                        let start = now();
                        for _ in 0..batch {
                            let outcome = why401_webcrypto::verify(attempt.alg, &attempt.key, &attempt.input, &attempt.signature).await;
                            std::hint::black_box(outcome);
                        }
                        times.push((now() - start) / batch as f64);
                    }
                    Ok(())
                }
                None => Err("the engine asked WebCrypto for no signature: give a signed token and its key".into()),
            }
        }
        other => Err(format!("unknown benchmark kind {other:?}")),
    };
    let samples = js_sys::Array::new();
    for t in &times {
        samples.push(&JsValue::from_f64(*t));
    }
    let mut fields = vec![("kind", JsValue::from_str(&kind)), ("samples", samples.into())];
    if let Err(why) = outcome {
        fields.push(("error", JsValue::from_str(&why)));
    }
    post(-1.0, why401_engine::transfer::message::BENCH, &fields, None);
}
