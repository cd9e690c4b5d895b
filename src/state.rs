//! The page's state, owned in one place: what the user entered and chose, changed only by the
//! actions below (`PageState::reduce`). Components receive parts of it as properties and report
//! what the user did through callbacks made with `make_callback`.
//!
//! Two counters live here:
//! - `entered` numbers what the user put in the input (a keystroke, a paste, a drop, a file, an
//!   example, Clear), so that a file whose reading finishes after something newer was entered
//!   does not replace it;
//! - `generation` numbers the input and settings the engine is asked about (src/engine.rs): it
//!   moves on when anything the report depends on changes, except the time.

use crate::components::examples::Loaded;
use crate::components::key_panel::Form;
use crate::components::settings::OriginField;
use std::rc::Rc;
use why401_engine::context::{Browser, CredentialsMode, ThirdPartyCookies};
use why401_engine::{DEFAULT_SKEW, MAX_INPUT_BYTES};
use yew::prelude::*;

/// Above this size, typing is analysed once it pauses (`crate::hooks::use_settled`), with a
/// notice, rather than on every keystroke. A paste or a file is analysed at once.
pub const SETTLE_LIMIT: usize = 256 * 1024;

/// Where the failing call is made from, as the engine is told.
#[derive(Clone, PartialEq)]
pub struct Caller {
    pub real_secrets: bool,
    pub origin: Option<String>,
    pub credentials: Option<CredentialsMode>,
    pub browser: Option<Browser>,
    pub third_party: Option<ThirdPartyCookies>,
}

/// A file the user chose, dropped or pasted, being read for entry `entered`.
#[derive(Clone, PartialEq)]
pub struct Reading {
    pub entered: u32,
    pub file: web_sys::File,
}

#[derive(Clone, PartialEq)]
pub struct PageState {
    /// What the paste area holds.
    pub input: AttrValue,
    /// The text the report is about: the input, except while a large input waits for typing to
    /// pause (`pending`).
    pub analysed: AttrValue,
    pub pending: bool,
    /// When a large input was last checked (small ones are checked against the live clock).
    pub checked_at: i64,
    pub skew: u64,
    pub form: Form,
    /// The exchange diagnosed alone (an index into the report's exchanges), if the user chose one.
    pub focus: Option<usize>,
    /// A file is dragged over the page.
    pub dragging: bool,
    /// Where the failing call is made from, as typed. Kept in memory only: never stored, never in
    /// the URL.
    pub origin: String,
    pub sends_cookies: bool,
    pub browser: Option<Browser>,
    pub third_party: Option<ThirdPartyCookies>,
    /// The user asked for the real credentials in the snippets; a new paste asks again.
    pub real_secrets: bool,
    /// Why the last file was not read, if it was not.
    pub notice: Option<String>,
    /// What the user entered, counted (see the module documentation).
    pub entered: u32,
    /// The file being read, if any.
    pub reading: Option<Reading>,
    /// Moved on at each new input: a new paste folds the report's sections again
    /// (src/components/fold.rs), while a new report for the same input keeps them as they were.
    pub input_generation: u32,
    /// The audience an example put in the expectations, so the next example can take it back
    /// out without touching one the user typed.
    pub example_audience: Option<String>,
    /// The engine's generation (see the module documentation).
    pub generation: u32,
}

impl PageState {
    pub fn new(now: i64) -> Self {
        Self {
            input: AttrValue::default(),
            analysed: AttrValue::default(),
            pending: false,
            checked_at: now,
            skew: DEFAULT_SKEW,
            form: Form::default(),
            focus: None,
            dragging: false,
            origin: String::new(),
            sends_cookies: false,
            browser: None,
            third_party: None,
            real_secrets: false,
            notice: None,
            entered: 0,
            reading: None,
            input_generation: 0,
            example_audience: None,
            generation: 0,
        }
    }

    /// Where the failing call is made from, as the engine is told.
    pub fn caller(&self) -> Caller {
        Caller {
            real_secrets: self.real_secrets,
            origin: OriginField::read(&self.origin).origin(),
            // Unchecked leaves the mode to the input (a pasted fetch call says it).
            credentials: self.sends_cookies.then_some(CredentialsMode::Include),
            browser: self.browser,
            third_party: self.third_party,
        }
    }

    /// Whether the engine would be asked something else about `other` than about this state
    /// (the time aside).
    fn same_job(&self, other: &Self) -> bool {
        self.analysed == other.analysed && self.skew == other.skew && self.form == other.form && self.focus == other.focus && self.caller() == other.caller()
    }

    /// Text entered as a whole (`typed` false: a paste, a file, an example, Clear) is analysed at
    /// once; typing in a large input waits for a pause.
    fn enter(&mut self, text: String, typed: bool, at: i64) {
        if *self.input != *text {
            self.input_generation = self.input_generation.wrapping_add(1);
        }
        self.focus = None;
        self.real_secrets = false;
        self.notice = None;
        let text = AttrValue::from(text);
        self.input = text.clone();
        if !typed || text.len() <= SETTLE_LIMIT {
            self.pending = false;
            self.checked_at = at;
            self.analysed = text;
        } else {
            self.pending = true;
        }
    }

    /// Notes that the user entered something: a file still being read is dropped.
    fn note_entry(&mut self) {
        self.entered = self.entered.wrapping_add(1);
        self.reading = None;
    }
}

pub enum Action {
    /// The whole input replaced: a paste, a drop, Clear.
    Entered {
        text: String,
        at: i64,
    },
    /// The input edited by typing.
    Typed {
        text: String,
        at: i64,
    },
    /// Typing in a large input paused: `text` is analysed if it is still the input.
    Settled {
        text: AttrValue,
        at: i64,
    },
    /// A file to read into the input (chosen, dropped or pasted).
    Read(web_sys::File),
    /// The file of entry `entered` was read; it replaces the input if nothing was entered since.
    FileRead {
        entered: u32,
        text: String,
        at: i64,
    },
    /// A file could not be read, or was refused.
    Refused(String),
    Example {
        loaded: Loaded,
        at: i64,
    },
    /// A large input is checked again now, not at the time it was pasted.
    Checked(i64),
    SetSkew(u64),
    SetForm(Form),
    SetOrigin(String),
    SetSendsCookies(bool),
    SetBrowser(Option<Browser>),
    SetThirdParty(Option<ThirdPartyCookies>),
    RealSecrets(bool),
    Focus(Option<usize>),
    Dragging(bool),
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Entered { text, at } => {
                next.note_entry();
                next.enter(text, false, at);
            }
            Action::Typed { text, at } => {
                next.note_entry();
                next.enter(text, true, at);
            }
            Action::Settled { text, at } => {
                if next.pending && next.input == text {
                    next.pending = false;
                    next.checked_at = at;
                    next.analysed = text;
                }
            }
            Action::Read(file) => {
                next.note_entry();
                let size = file.size();
                if size > MAX_INPUT_BYTES as f64 {
                    next.notice = Some(format!(
                        "{} is {}; why401 reads up to {}. Save a capture of just the failing requests (in DevTools' Network tab, filter them first, then \"Save all as HAR\"), or paste the request and response alone.",
                        file.name(),
                        megabytes(size),
                        megabytes(MAX_INPUT_BYTES as f64),
                    ));
                } else {
                    next.reading = Some(Reading { entered: next.entered, file });
                }
            }
            Action::FileRead { entered, text, at } => {
                if next.entered != entered {
                    return self;
                }
                next.reading = None;
                next.enter(text, false, at);
            }
            Action::Refused(why) => next.notice = Some(why),
            Action::Example { loaded, at } => {
                let ours = next.example_audience.as_deref() == Some(next.form.audience.as_str());
                let audience = match loaded.audience {
                    Some(audience) => Some(audience.to_string()),
                    None if ours => Some(String::new()),
                    None => None,
                };
                if let Some(audience) = audience.filter(|a| *a != next.form.audience) {
                    next.form.audience = audience;
                }
                next.example_audience = loaded.audience.map(str::to_string);
                next.note_entry();
                next.enter(loaded.text, false, at);
            }
            Action::Checked(at) => next.checked_at = at,
            Action::SetSkew(skew) => next.skew = skew,
            Action::SetForm(form) => next.form = form,
            Action::SetOrigin(origin) => next.origin = origin,
            Action::SetSendsCookies(value) => next.sends_cookies = value,
            Action::SetBrowser(browser) => next.browser = browser,
            Action::SetThirdParty(third_party) => next.third_party = third_party,
            Action::RealSecrets(value) => next.real_secrets = value,
            Action::Focus(focus) => next.focus = focus,
            Action::Dragging(dragging) => next.dragging = dragging,
        }
        if !next.same_job(&self) {
            next.generation = self.generation.wrapping_add(1);
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// A callback that dispatches the action `make` builds from its value.
pub fn make_callback<T: 'static>(state: &UseReducerHandle<PageState>, make: impl Fn(T) -> Action + 'static) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value: T| dispatcher.dispatch(make(value)))
}

/// A size in megabytes, as the page writes it.
pub fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / (1024.0 * 1024.0))
}
