//! The page's side of the engine, which runs in a Web Worker (`crates/worker`) that
//! `static/boot.js` starts: jobs go out in the engine's transfer form, reports come back in it.
//!
//! Each job belongs to a *generation*: the input and settings it analyses. A clock tick makes a
//! new job of the same generation; a new paste or a changed setting makes a new generation. At
//! most one job is with the worker at a time:
//! - a job of the generation the worker is already on, while it works, is not sent (the report
//!   coming answers that input; the next tick brings the time up to date);
//! - a job of a new generation waits for the worker, replacing any job already waiting; but if
//!   the worker is on a large input, it is stopped and restarted, so that a paste never waits
//!   for the analysis of the capture it replaces;
//! - only the reports and progress of the newest generation are shown.
//!
//! This queue is the only one: `static/boot.js` only starts the worker, posts what it is given,
//! passes every message on and starts the worker afresh when asked (or when it stops).

use crate::shared::Shared;
use js_sys::{Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use why401_engine::transfer::{decode_report, encode_job_from, message};
use why401_engine::Context;
use why401_engine::Report;
use yew::Callback;

/// Above this size an analysis is long enough to be stopped rather than waited for.
const LARGE: usize = 256 * 1024;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = why401Engine, js_name = post)]
    fn post(id: f64, job: Uint8Array) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = why401Engine, js_name = listen)]
    fn listen(callback: &js_sys::Function) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = why401Engine, js_name = restart)]
    fn restart() -> Result<(), JsValue>;
}

/// What the worker says about the newest generation's job.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// `done` of `total` steps of a long analysis.
    Progress { done: usize, total: usize },
    /// A report. `last` is false while WebCrypto still verifies a signature (another follows);
    /// `webcrypto` and `fallback` count the signatures WebCrypto checked and those it left to
    /// RustCrypto.
    Report { report: Shared<Report>, last: bool, webcrypto: usize, fallback: usize },
    /// The engine could not be reached, could not read the job, or stopped on it.
    Failed(String),
}

/// A job sent to the worker.
#[derive(Clone, Copy, PartialEq)]
struct Sent {
    id: u32,
    generation: u32,
    large: bool,
}

#[derive(Default)]
struct Queue {
    next_id: Cell<u32>,
    /// The newest generation submitted.
    newest: Cell<u32>,
    /// The job with the worker, if any.
    busy: Cell<Option<Sent>>,
    /// The job waiting for the worker.
    waiting: RefCell<Option<(Sent, Vec<u8>)>>,
}

impl Queue {
    fn send(&self, sent: Sent, job: Vec<u8>) -> Result<(), String> {
        self.busy.set(Some(sent));
        post(f64::from(sent.id), Uint8Array::from(job.as_slice())).map_err(|e| {
            self.busy.set(None);
            format!("the analysis is not available: {}", describe(&e))
        })
    }

    /// The job with the worker is done: the waiting one (if any) goes next.
    fn done(&self, id: u32) -> Result<(), String> {
        if self.busy.get().map(|b| b.id) != Some(id) {
            return Ok(());
        }
        self.busy.set(None);
        match self.waiting.borrow_mut().take() {
            Some((next, job)) => self.send(next, job),
            None => Ok(()),
        }
    }

    /// Whether what the worker says about job `id` is for the newest generation.
    fn current(&self, id: u32) -> bool {
        self.busy.get().is_some_and(|b| b.id == id && b.generation == self.newest.get())
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
                let field = |name: &str| Reflect::get(&message, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
                let number = |name: &str| field(name).as_f64().unwrap_or(0.0);
                let kind = field("type").as_string().unwrap_or_default();
                if kind == message::CRASH {
                    crate::crash(&field("message").as_string().unwrap_or_default());
                    return;
                }
                // The worker stopped without answering and boot.js started a fresh one: the job
                // it had, if any, is the one that failed.
                let id = if kind == message::LOST {
                    match queue.busy.get() {
                        Some(busy) => busy.id,
                        None => return,
                    }
                } else {
                    number("id") as u32
                };
                let newest = queue.current(id);
                let update = match kind.as_str() {
                    message::PROGRESS => Update::Progress { done: number("done") as usize, total: number("total") as usize },
                    message::REPORT => {
                        let last = field("final").as_bool().unwrap_or(true);
                        if last {
                            if let Err(why) = queue.done(id) {
                                on_update.emit(Update::Failed(why));
                            }
                        }
                        if !newest {
                            return;
                        }
                        let bytes = field("report").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
                        match decode_report(&bytes) {
                            Ok(report) => Update::Report {
                                report: Shared::new(report),
                                last,
                                webcrypto: number("webcrypto") as usize,
                                fallback: number("fallback") as usize,
                            },
                            Err(why) => Update::Failed(format!("the report could not be read: {why}")),
                        }
                    }
                    message::FAILED | message::LOST => {
                        let why = field("message").as_string().unwrap_or_else(|| "no reason given".into());
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
            on_update.emit(Update::Failed(format!("the analysis is not available: {}", describe(&e))));
        }
        Self { queue, on_update, _listener: listener }
    }

    /// Sends a job of `generation` to the worker, or keeps it for when the worker is free (see
    /// the module documentation).
    pub fn submit(&self, text: &str, context: &Context, generation: u32) {
        let queue = &self.queue;
        let id = queue.next_id.get().wrapping_add(1);
        queue.next_id.set(id);
        queue.newest.set(generation);
        let sent = Sent { id, generation, large: text.len() > LARGE };
        let result = match queue.busy.get() {
            None => queue.send(sent, encode_job_from(text, context)),
            Some(busy) if busy.generation == generation => {
                let mut waiting = queue.waiting.borrow_mut();
                if waiting.is_some() {
                    *waiting = Some((sent, encode_job_from(text, context)));
                }
                Ok(())
            }
            Some(busy) if busy.large => {
                // Stopped: its report would not be shown anyway.
                queue.busy.set(None);
                *queue.waiting.borrow_mut() = None;
                match restart() {
                    Ok(()) => queue.send(sent, encode_job_from(text, context)),
                    Err(e) => Err(format!("the analysis is not available: {}", describe(&e))),
                }
            }
            Some(_) => {
                *queue.waiting.borrow_mut() = Some((sent, encode_job_from(text, context)));
                Ok(())
            }
        };
        if let Err(why) = result {
            self.on_update.emit(Update::Failed(why));
        }
    }
}

fn describe(error: &JsValue) -> String {
    error.as_string().or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_else(|| "unknown error".into())
}
