use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;
use why401_engine::transfer::{decode_job, encode_report, message};
use why401_engine::{inspect_with_progress, Progress};
use why401_webcrypto::{Attempt, Browser, Outcome};

use crate::port::{now, post, scope};

/// Answers WebCrypto gave in this worker, kept across jobs (a clock tick re-runs the same
/// verifications). Bounded: the most recent answers are kept.
const KEEP: usize = 4096;
/// A report is re-run with WebCrypto's answers; a signature still unanswered after this many
/// passes stays "being verified" rather than looping.
const PASSES: usize = 4;
/// The least time between two progress messages, in milliseconds.
const PROGRESS_MS: f64 = 100.0;

type Known = Rc<RefCell<Rc<Vec<(Attempt, Outcome)>>>>;

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &message::CRASH.into());
        let _ = Reflect::set(&message, &"message".into(), &info.to_string().into());
        let _ = scope().post_message(&message);
    }));
    let known: Known = Rc::default();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        // For the browser tests: a deliberate panic shows the page's failure panel. The page
        // never sends it.
        if Reflect::get(&data, &message::SELF_TEST_REQUEST.into()).ok().and_then(|v| v.as_string()).as_deref() == Some("panic") {
            panic!("self-test: the engine's worker stopped on purpose");
        }
        // For `make bench`: times the engine and the WebCrypto verification alone, in this worker.
        if let Ok(request) = Reflect::get(&data, &message::BENCH_REQUEST.into()) {
            if request.is_object() {
                wasm_bindgen_futures::spawn_local(crate::bench::run(request));
                return;
            }
        }
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0);
        let job = Reflect::get(&data, &"job".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok());
        let known = known.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match job {
                Some(job) => run(id, job.to_vec(), known).await,
                None => post(id, message::FAILED, &[("message", "the message carries no job".into())], None),
            }
        });
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
}

async fn run(id: f64, bytes: Vec<u8>, known: Known) {
    let job = match decode_job(&bytes) {
        Ok(job) => job,
        Err(why) => return post(id, message::FAILED, &[("message", why.into())], None),
    };
    drop(bytes);
    for pass in 1..=PASSES {
        let verifier = Browser::new(known.borrow().clone());
        // Progress only on the first pass (later passes repeat it with signatures answered), and
        // at most every `PROGRESS_MS`: each message re-renders the page, and a quick job sends none.
        let mut last = now();
        let mut progress = |p: Progress| {
            if pass == 1 && now() - last >= PROGRESS_MS {
                last = now();
                post(id, message::PROGRESS, &[("done", (p.done as f64).into()), ("total", (p.total as f64).into())], None);
            }
        };
        let mut report = inspect_with_progress(&job.text, &job.context, &verifier, &mut progress);
        why401_engine::docs::explain(&mut report);
        let wanted = verifier.wanted();
        let done = wanted.is_empty() || pass == PASSES;
        let encoded = Uint8Array::from(encode_report(&report).as_slice());
        drop(report);
        let (webcrypto, fallback) = {
            let answers = known.borrow();
            let fallback = answers.iter().filter(|(_, o)| matches!(o, Outcome::Unsupported(_))).count();
            (answers.len() - fallback, fallback)
        };
        post(
            id,
            message::REPORT,
            &[("final", done.into()), ("webcrypto", (webcrypto as f64).into()), ("fallback", (fallback as f64).into()), ("report", encoded.clone().into())],
            Some(&encoded),
        );
        if done {
            return;
        }
        let answers = why401_webcrypto::run(wanted).await;
        let mut all: Vec<(Attempt, Outcome)> = known.borrow().iter().cloned().collect();
        all.extend(answers);
        let excess = all.len().saturating_sub(KEEP);
        all.drain(..excess);
        *known.borrow_mut() = Rc::new(all);
    }
}
