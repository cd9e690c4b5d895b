//! The page's side of the engine, which runs in a Web Worker (`crates/worker`) that
//! `static/boot.js` starts: jobs go out in the engine's transfer form, reports come back in it.
//!
//! At most one job is with the worker at a time. A job submitted meanwhile waits, and a newer one
//! replaces it, so typing in a large paste queues one analysis, not one per keystroke; a report
//! for anything but the newest job is not shown.

use crate::shared::Shared;
use js_sys::{Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use why401_engine::transfer::{decode_report, encode_job, Job};
use why401_engine::Report;
use yew::Callback;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = why401Engine, js_name = post)]
    fn post(id: f64, job: Uint8Array) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = why401Engine, js_name = listen)]
    fn listen(callback: &js_sys::Function) -> Result<(), JsValue>;
}

/// What the worker says about the newest job.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// `done` of `total` steps of a long analysis.
    Progress { done: usize, total: usize },
    /// A report. `last` is false while WebCrypto still verifies a signature (another follows);
    /// `webcrypto` and `fallback` count the signatures WebCrypto checked and those it left to
    /// RustCrypto.
    Report {
        report: Shared<Report>,
        last: bool,
        webcrypto: usize,
        fallback: usize,
    },
    /// The engine could not be reached or could not read the job.
    Failed(String),
}

#[derive(Default)]
struct Queue {
    /// The newest job's id.
    newest: Cell<u32>,
    /// The job with the worker, if any.
    busy: Cell<Option<u32>>,
    /// The job waiting for the worker.
    waiting: RefCell<Option<(u32, Vec<u8>)>>,
}

impl Queue {
    fn send(&self, id: u32, job: Vec<u8>) -> Result<(), String> {
        self.busy.set(Some(id));
        post(f64::from(id), Uint8Array::from(job.as_slice())).map_err(|e| {
            self.busy.set(None);
            format!("the analysis is not available: {}", describe(&e))
        })
    }

    /// The job with the worker is done: the waiting one (if any) goes next.
    fn done(&self, id: u32) -> Result<(), String> {
        if self.busy.get() != Some(id) {
            return Ok(());
        }
        self.busy.set(None);
        match self.waiting.borrow_mut().take() {
            Some((next, job)) => self.send(next, job),
            None => Ok(()),
        }
    }
}

/// The link to the worker. Dropping it stops listening.
pub struct Link {
    queue: Rc<Queue>,
    on_update: Callback<Update>,
    _listener: Closure<dyn FnMut(JsValue)>,
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.queue, &other.queue)
    }
}

impl Link {
    pub fn new(on_update: Callback<Update>) -> Self {
        let queue = Rc::new(Queue::default());
        let listener = {
            let queue = queue.clone();
            let on_update = on_update.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
                let field = |name: &str| {
                    Reflect::get(&message, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
                };
                let number = |name: &str| field(name).as_f64().unwrap_or(0.0);
                let kind = field("type").as_string().unwrap_or_default();
                if kind == "crash" {
                    crate::crash(&field("message").as_string().unwrap_or_default());
                    return;
                }
                let id = number("id") as u32;
                let newest = id == queue.newest.get();
                let update = match kind.as_str() {
                    "progress" => Update::Progress {
                        done: number("done") as usize,
                        total: number("total") as usize,
                    },
                    "report" => {
                        let last = field("final").as_bool().unwrap_or(true);
                        if last {
                            if let Err(why) = queue.done(id) {
                                on_update.emit(Update::Failed(why));
                            }
                        }
                        if !newest {
                            return;
                        }
                        let bytes = field("report")
                            .dyn_into::<Uint8Array>()
                            .map(|b| b.to_vec())
                            .unwrap_or_default();
                        match decode_report(&bytes) {
                            Ok(report) => Update::Report {
                                report: Shared::new(report),
                                last,
                                webcrypto: number("webcrypto") as usize,
                                fallback: number("fallback") as usize,
                            },
                            Err(why) => {
                                Update::Failed(format!("the report could not be read: {why}"))
                            }
                        }
                    }
                    "failed" => {
                        let why = field("message")
                            .as_string()
                            .unwrap_or_else(|| "no reason given".into());
                        let _ = queue.done(id);
                        Update::Failed(format!("the analysis failed: {why}"))
                    }
                    // Not about a job (`bench`, for `make bench`).
                    _ => return,
                };
                if newest {
                    on_update.emit(update);
                }
            })
        };
        if let Err(e) = listen(listener.as_ref().unchecked_ref()) {
            on_update.emit(Update::Failed(format!(
                "the analysis is not available: {}",
                describe(&e)
            )));
        }
        Self {
            queue,
            on_update,
            _listener: listener,
        }
    }

    /// Sends a job to the worker now, or once it is free (replacing a job already waiting).
    pub fn submit(&self, job: &Job) {
        let id = self.queue.newest.get().wrapping_add(1);
        self.queue.newest.set(id);
        let bytes = encode_job(job);
        if self.queue.busy.get().is_some() {
            *self.queue.waiting.borrow_mut() = Some((id, bytes));
        } else if let Err(why) = self.queue.send(id, bytes) {
            self.on_update.emit(Update::Failed(why));
        }
    }
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}
