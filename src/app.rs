//! The page: input and settings on one side, the report on the other.

use crate::clock::use_clock;
use crate::components::annotated::Annotated;
use crate::components::checklist::{Checklist, Verdict};
use crate::components::cookie_list::CookieList;
use crate::components::cors_fix::CorsFix;
use crate::components::credentials::Credentials;
use crate::components::examples::{Examples, Loaded};
use crate::components::exchanges::Exchanges;
use crate::components::findings::Findings;
use crate::components::fold::{FoldState, Folds};
use crate::components::incident::Incident;
use crate::components::input_panel::InputPanel;
use crate::components::key_panel::{Form, KeyPanel};
use crate::components::proof_view::ProofView;
use crate::components::settings::{OriginField, Settings};
use crate::components::snippets::Snippets;
use crate::components::theme::ThemeSwitch;
use crate::components::token_view::TokenView;
use crate::engine::{Link, Update};
use crate::shared::Shared;
use crate::text::rich;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use why401_engine::context::{split_list, Browser, CredentialsMode, ThirdPartyCookies};
use why401_engine::{checklist, Context, Expectations, KeyFormat, KeyInput, Report, DEFAULT_SKEW};
use yew::prelude::*;

/// Above this size the report is not re-computed on every clock tick, only when the input or a
/// setting changes, so a large paste never makes the page busy once a second.
const LIVE_CLOCK_LIMIT: usize = 256 * 1024;

/// Above this size, typing is analysed once it pauses (after `SETTLE_MS`), with a notice, rather
/// than on every keystroke. A paste or a file is analysed at once.
const SETTLE_LIMIT: usize = 256 * 1024;
const SETTLE_MS: u32 = 300;

/// What the page as first drawn (index.html) took in before the interface ran: the paste box's
/// text and whether it had the focus, or a file pasted or dropped (`static/boot.js` keeps them).
/// Taking it removes the first drawing.
#[derive(Default)]
pub struct Early {
    pub text: String,
    pub file: Option<web_sys::File>,
    pub focused: bool,
}

impl Early {
    /// Takes what `why401EarlyInput` (boot.js) kept, stops it from taking more and removes the
    /// first drawing. Nothing when the page has no such thing (the browser test suites).
    pub fn take() -> Self {
        use js_sys::Reflect;
        let Some(window) = web_sys::window() else { return Self::default() };
        let Ok(keeper) = Reflect::get(&window, &"why401EarlyInput".into()) else { return Self::default() };
        let Ok(take) = Reflect::get(&keeper, &"take".into()) else { return Self::default() };
        let Some(take) = take.dyn_ref::<js_sys::Function>() else { return Self::default() };
        let Ok(taken) = take.call0(&keeper) else { return Self::default() };
        let get = |name: &str| Reflect::get(&taken, &name.into()).unwrap_or(JsValue::UNDEFINED);
        Self {
            text: get("text").as_string().unwrap_or_default(),
            file: get("file").dyn_into::<web_sys::File>().ok(),
            focused: get("focused").as_bool().unwrap_or(false),
        }
    }
}

#[component]
pub fn App() -> Html {
    // What the paste area holds, and the text the report is about: the same, except while a large
    // input waits for typing to pause.
    let input = use_state(AttrValue::default);
    let analysed = use_state(AttrValue::default);
    let settling = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let pending = use_state(|| false);
    let skew = use_state(|| DEFAULT_SKEW);
    let clock = use_clock();
    // The time the report is computed at: the live clock for small inputs.
    let checked_at = use_mut_ref(|| clock);
    if analysed.len() <= LIVE_CLOCK_LIMIT {
        *checked_at.borrow_mut() = clock;
    }
    let at = *checked_at.borrow();

    let form = use_state(Form::default);
    // The exchange diagnosed alone (an index into the report's exchanges), if the user chose one.
    let focus = use_state(|| None::<usize>);
    let dragging = use_state(|| false);
    // Where the failing call is made from. Kept in memory only: never stored, never in the URL.
    let origin = use_state(String::new);
    let sends_cookies = use_state(|| false);
    let browser = use_state(|| None::<Browser>);
    let third_party = use_state(|| None::<ThirdPartyCookies>);
    // The user asked for the real credentials in the snippets; a new paste asks again.
    let real_secrets = use_state(|| false);
    let caller = Caller {
        real_secrets: *real_secrets,
        origin: OriginField::read(&origin).origin(),
        // Unchecked leaves the mode to the input (a pasted fetch call says it).
        credentials: sends_cookies.then_some(CredentialsMode::Include),
        browser: *browser,
        third_party: *third_party,
    };
    // The engine runs in a worker (src/engine.rs); its reports arrive as messages.
    let engine = use_reducer(|| Analysis::new(at, DEFAULT_SKEW));
    let link = {
        let updates = engine.dispatcher();
        use_memo((), move |_| Link::new(Callback::from(move |update: Update| updates.dispatch(Step::Update(update)))))
    };
    // A new generation when anything but the time changes (src/engine.rs): the last one submitted.
    let last = use_mut_ref(|| (0u32, None::<(AttrValue, u64, Form, Option<usize>, Caller)>));
    // The input or a setting changed in this rendering, and the job about it is not even sent yet:
    // the report shown is about what was there before (the same as `engine.stale`, one step
    // earlier).
    let unsent = last.borrow().1.as_ref() != Some(&((*analysed).clone(), *skew, (*form).clone(), *focus, caller.clone()));
    {
        let link = link.clone();
        let submitted = engine.dispatcher();
        let checked_at = checked_at.clone();
        let last = last.clone();
        use_effect_with(((*analysed).clone(), *skew, at, (*form).clone(), *focus, caller.clone()), move |(text, skew, at, form, focus, caller)| {
            let key = (text.clone(), *skew, form.clone(), *focus, caller.clone());
            let (generation, new) = {
                let mut last = last.borrow_mut();
                let new = last.1.as_ref() != Some(&key);
                if new {
                    last.0 = last.0.wrapping_add(1);
                    last.1 = Some(key);
                }
                (last.0, new)
            };
            // A large input is not re-checked on every tick, but a changed setting checks it
            // again now, not at the time it was pasted.
            let mut at = *at;
            if new && text.len() > LIVE_CLOCK_LIMIT {
                at = crate::clock::now_seconds();
                *checked_at.borrow_mut() = at;
            }
            let mut ctx = context(at, *skew, form);
            ctx.exchange = *focus;
            ctx.origin = caller.origin.clone();
            ctx.credentials = caller.credentials;
            ctx.browser = caller.browser;
            ctx.third_party_cookies = caller.third_party;
            ctx.secrets_in_snippets = caller.real_secrets;
            submitted.dispatch(Step::Submitted { new });
            link.submit(text, &ctx, generation);
        });
    }
    let report = engine.report.clone();
    let on_form = {
        let form = form.clone();
        Callback::from(move |next: Form| form.set(next))
    };

    let notice = use_state(|| None::<String>);
    // Which folded sections of the report are open, for the input of `input_generation`: moved on
    // at each new input, so a new paste folds them again while a new report for the same input
    // (a clock tick, a setting) keeps them as they were.
    let input_generation = use_mut_ref(|| 0u32);
    let fold_state = use_reducer(FoldState::default);
    // Text entered as a whole (a paste, a file, an example, Clear) is analysed at once; typing in a
    // large input waits for a pause.
    let on_entered = {
        let input = input.clone();
        let analysed = analysed.clone();
        let pending = pending.clone();
        let checked_at = checked_at.clone();
        let focus = focus.clone();
        let real_secrets = real_secrets.clone();
        let notice = notice.clone();
        let input_generation = input_generation.clone();
        Callback::from(move |(text, typed): (String, bool)| {
            if **input != text {
                let mut generation = input_generation.borrow_mut();
                *generation = generation.wrapping_add(1);
            }
            focus.set(None);
            real_secrets.set(false);
            notice.set(None);
            let text = AttrValue::from(text);
            input.set(text.clone());
            if !typed || text.len() <= SETTLE_LIMIT {
                *settling.borrow_mut() = None;
                pending.set(false);
                *checked_at.borrow_mut() = crate::clock::now_seconds();
                analysed.set(text);
            } else {
                // A new keystroke cancels the analysis still waiting (dropping its timer).
                pending.set(true);
                let (analysed, pending, checked_at) = (analysed.clone(), pending.clone(), checked_at.clone());
                *settling.borrow_mut() = Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || {
                    *checked_at.borrow_mut() = crate::clock::now_seconds();
                    pending.set(false);
                    analysed.set(text);
                }));
            }
        })
    };
    let on_input = on_entered.reform(|text: String| (text, false));
    let on_typed = on_entered.reform(|text: String| (text, true));
    // The audience an example put in the expectations, so the next example can take it back out
    // without touching one the user typed.
    let example_audience = use_mut_ref(|| None::<String>);
    let on_example = {
        let on_input = on_input.clone();
        let form = form.clone();
        Callback::from(move |loaded: Loaded| {
            let mut set_by_example = example_audience.borrow_mut();
            let ours = set_by_example.as_deref() == Some(form.audience.as_str());
            let audience = match loaded.audience {
                Some(audience) => Some(audience.to_string()),
                None if ours => Some(String::new()),
                None => None,
            };
            if let Some(audience) = audience.filter(|a| *a != form.audience) {
                form.set(Form { audience, ..(*form).clone() });
            }
            *set_by_example = loaded.audience.map(str::to_string);
            crate::components::input_panel::entered();
            on_input.emit(loaded.text);
        })
    };
    let on_refused = {
        let notice = notice.clone();
        Callback::from(move |why: String| notice.set(Some(why)))
    };
    let on_real = {
        let real_secrets = real_secrets.clone();
        Callback::from(move |value: bool| real_secrets.set(value))
    };
    let on_focus = {
        let focus = focus.clone();
        Callback::from(move |chosen: Option<usize>| focus.set(chosen))
    };
    // A file dropped anywhere on the page is read locally, like one opened with the button.
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving for a child element is not leaving the page.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let on_input = on_input.clone();
        let on_refused = on_refused.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(transfer) = e.data_transfer() else { return };
            if let Some(file) = transfer.files().and_then(|files| files.get(0)) {
                crate::components::input_panel::read_file(file, on_input.clone(), on_refused.clone());
            } else if let Ok(text) = transfer.get_data("text/plain") {
                if !text.is_empty() {
                    crate::components::input_panel::entered();
                    on_input.emit(text);
                }
            }
        })
    };
    // A paste anywhere on the page, outside a form field, goes into the input like a paste into
    // it: the text, or a file copied from the file manager.
    {
        let on_input = on_input.clone();
        let on_refused = on_refused.clone();
        use_effect_with((), move |_| {
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ClipboardEvent)>::new(move |e: web_sys::ClipboardEvent| {
                if into_field(&e) {
                    return;
                }
                let Some(data) = e.clipboard_data() else { return };
                if let Some(file) = data.files().and_then(|files| files.get(0)) {
                    e.prevent_default();
                    crate::components::input_panel::read_file(file, on_input.clone(), on_refused.clone());
                } else if let Ok(text) = data.get_data("text/plain") {
                    if !text.is_empty() {
                        e.prevent_default();
                        crate::components::input_panel::entered();
                        on_input.emit(text);
                    }
                }
            });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(document) = &document {
                let _ = document.add_event_listener_with_callback("paste", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(document) = &document {
                    let _ = document.remove_event_listener_with_callback("paste", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    // Once drawn, the interface replaces the page as first drawn. Until this runs, the first
    // drawing stays in place and keeps taking keys; from here on the new box has its text and the
    // focus, so no keystroke falls between the two. What it took in is analysed at once, like a
    // paste (the caret at the end, as after a paste).
    {
        let on_input = on_input.clone();
        let on_refused = on_refused.clone();
        use_effect_with((), move |_| {
            let early = Early::take();
            let area = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("input"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
            if let Some(file) = early.file {
                crate::components::input_panel::read_file(file, on_input, on_refused);
            } else if !early.text.is_empty() {
                // The box gets the text now, not at the next rendering (Yew may yield to the
                // browser before that, and a key pressed then would land in an empty box).
                if let Some(area) = &area {
                    if early.text.len() <= crate::components::input_panel::SHOWN_LIMIT {
                        area.set_value(&early.text);
                    }
                }
                crate::components::input_panel::entered();
                on_input.emit(early.text);
            }
            if let Some(area) = area.filter(|_| early.focused) {
                let _ = area.focus();
            }
        });
    }
    let on_skew = {
        let skew = skew.clone();
        Callback::from(move |value: u64| skew.set(value))
    };
    let on_origin = {
        let origin = origin.clone();
        Callback::from(move |value: String| origin.set(value))
    };
    let on_sends_cookies = {
        let sends_cookies = sends_cookies.clone();
        Callback::from(move |value: bool| sends_cookies.set(value))
    };
    let on_browser = {
        let browser = browser.clone();
        Callback::from(move |value: Option<Browser>| browser.set(value))
    };
    let on_third_party = {
        let third_party = third_party.clone();
        Callback::from(move |value: Option<ThirdPartyCookies>| third_party.set(value))
    };

    let folds = Folds { generation: *input_generation.borrow(), state: fold_state };
    // With a report to show, narrow screens give the first screen to it (src/app.css).
    let reported = !report.inputs.is_empty();

    html! {
        <ContextProvider<Folds> context={folds}>
        <div class={classes!("page", dragging.then_some("page--dragging"), reported.then_some("page--reported"))} ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="page__header">
                <h1 class="brand">{ "why401" }</h1>
                <p class="page__tagline">{ "Why did it return 401 Unauthorized? Paste what you have; it is decoded and checked in this browser." }</p>
                <details class="privacy" id="privacy">
                    <summary>
                        <span class="privacy__icon" aria-hidden="true">{ "✓" }</span>
                        { " Nothing leaves this page. " }<span class="privacy__how">{ "How to check" }</span>
                    </summary>
                    <ul class="privacy__list">
                        <li>{ "Once the page has started it adds a second Content-Security-Policy with " }<code>{ "connect-src 'none'" }</code>{ " and no new scripts, styles or images: the browser itself refuses every request the page could make. DevTools, Elements, " }<code>{ "<head>" }</code>{ " shows both policies." }</li>
                        <li>{ "Open DevTools, Network tab, then paste: no request appears." }</li>
                        <li>{ "Turn the network off (DevTools \"Offline\", or airplane mode) and reload: the page keeps working from its own offline copy." }</li>
                        <li>{ "Nothing you paste is stored: only the checklist's answers and notes (with anything token-like removed) and the theme you chose are kept in this browser. The title never changes, and the address only when you follow a link to a checklist step." }</li>
                        <li>{ "For an air-gapped machine, the single-file build " }<code>{ "why401.html" }</code>{ " opens from disk with no network at all." }</li>
                    </ul>
                </details>
                <ThemeSwitch />
            </header>
            <main class="page__main">
                <section class="panel panel--input" aria-labelledby="input-label">
                    <InputPanel value={(*input).clone()} on_input={on_input} {on_typed} {on_refused}
                        notice={engine.failed.clone().or_else(|| (*notice).clone())} pending={*pending}
                        progress={if engine.busy { engine.progress } else { None }} />
                </section>
                <section class="panel panel--report" aria-live="polite" aria-label="Report" aria-busy={engine.busy.to_string()}
                    data-webcrypto={engine.webcrypto.to_string()} data-fallback={engine.fallback.to_string()}
                    data-busy={engine.busy.to_string()}>
                    // The answer first (the cause, its finding and fix), then the token with its
                    // failed check, then the rest; what is long is folded (src/components/fold.rs).
                    <Verdict report={report.clone()} />
                    { for report.tokens.iter().enumerate().map(|(i, _)| html! {
                        <TokenView report={report.clone()} index={i} />
                    }) }
                    { for report.proofs.iter().enumerate().map(|(i, _)| html! {
                        <ProofView report={report.clone()} index={i} />
                    }) }
                    <Exchanges report={report.clone()} focus={*focus} on_focus={on_focus} />
                    <Credentials report={report.clone()} />
                    <CookieList report={report.clone()} />
                    <Findings report={report.clone()} />
                    <Summary report={report.clone()} />
                    <Annotated text={(*input).clone()} report={report.clone()} />
                    <CorsFix report={report.clone()} focus={*focus} />
                    <Snippets report={report.clone()} real={*real_secrets} on_real={on_real} />
                    <Checklist report={report.clone()} />
                    <Incident report={report.clone()} />
                </section>
                // Examples, the clock and the expectations come after the report in the page's
                // order: beside the paste box on a wide screen, under the report on a narrow one.
                <section class="panel panel--tools" aria-label="Examples and settings">
                    <Examples on_load={on_example} />
                    <Settings skew={*skew} on_skew={on_skew} now={clock}
                        origin={(*origin).clone()} {on_origin} sends_cookies={*sends_cookies} {on_sends_cookies}
                        browser={*browser} {on_browser} third_party={*third_party} {on_third_party}
                        origin_read={(!engine.stale && !unsent).then(|| report.origin_error.clone().map(Err).or_else(|| report.origin.clone().map(Ok))).flatten()} />
                    <KeyPanel form={(*form).clone()} on_change={on_form} report={report.clone()} />
                </section>
            </main>
            <footer class="page__footer">
                <p>{ "why401 runs offline. Tokens, keys and headers stay in this tab and are never stored." }</p>
            </footer>
        </div>
        </ContextProvider<Folds>>
    }
}

/// Where the failing call is made from, as the engine is told.
#[derive(Clone, PartialEq)]
struct Caller {
    real_secrets: bool,
    origin: Option<String>,
    credentials: Option<CredentialsMode>,
    browser: Option<Browser>,
    third_party: Option<ThirdPartyCookies>,
}

/// Whether a paste goes into a form field that takes it itself (a text box or an input that can
/// be edited, an editable element). A read-only text box (the input while it holds a large
/// capture) does not: the page takes the paste.
fn into_field(e: &web_sys::ClipboardEvent) -> bool {
    let Some(element) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return !area.read_only();
    }
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        return !input.read_only();
    }
    element.tag_name() == "SELECT" || element.is_content_editable()
}

/// What the page knows of the engine's work: the newest report, and whether a job is running.
#[derive(PartialEq)]
struct Analysis {
    report: Shared<Report>,
    /// A job is with the engine and its last report has not come back yet.
    busy: bool,
    /// The input or a setting changed and no report about the change has come back yet: the
    /// report shown is about what was there before.
    stale: bool,
    progress: Option<(usize, usize)>,
    /// Signatures WebCrypto checked, and those it left to RustCrypto.
    webcrypto: usize,
    fallback: usize,
    /// Why the engine could not answer, if it could not.
    failed: Option<String>,
}

enum Step {
    /// A job was sent; `new` when it is about a changed input or setting, not a clock tick.
    Submitted {
        new: bool,
    },
    Update(Update),
}

impl Analysis {
    /// The report of an empty input, shown until the engine's first report arrives.
    fn new(now: i64, skew: u64) -> Self {
        let mut report = Report::empty(&Context::new(now).with_skew(skew));
        report.checklist = checklist::build(&[], &[]);
        Self { report: Shared::new(report), busy: false, stale: false, progress: None, webcrypto: 0, fallback: 0, failed: None }
    }
}

impl Reducible for Analysis {
    type Action = Step;

    fn reduce(self: Rc<Self>, action: Step) -> Rc<Self> {
        let mut next = Analysis {
            report: self.report.clone(),
            busy: self.busy,
            stale: self.stale,
            progress: self.progress,
            webcrypto: self.webcrypto,
            fallback: self.fallback,
            failed: self.failed.clone(),
        };
        match action {
            Step::Submitted { new } => {
                next.busy = true;
                next.stale |= new;
                next.progress = None;
            }
            Step::Update(Update::Progress { done, total }) => next.progress = Some((done, total)),
            Step::Update(Update::Report { report, last, webcrypto, fallback }) => {
                next.report = report;
                next.busy = !last;
                next.stale = false;
                next.progress = None;
                next.webcrypto = webcrypto;
                next.fallback = fallback;
                next.failed = None;
            }
            Step::Update(Update::Failed(why)) => {
                next.busy = false;
                next.progress = None;
                next.failed = Some(why);
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The engine's context from the clock, the skew and what the user typed in the panels.
fn context(now: i64, skew: u64, form: &Form) -> Context {
    let optional = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let mut ctx = Context::new(now).with_skew(skew).with_expectations(Expectations {
        audiences: split_list(&form.audience),
        issuer: optional(&form.issuer),
        scopes: split_list(&form.scope),
        client_id: optional(&form.client_id),
        max_age: None,
    });
    ctx.trust_x5c = form.trust_x5c;
    if !form.key.trim().is_empty() {
        ctx = ctx.with_key(KeyInput::new("the key panel", form.key.clone(), KeyFormat::Auto));
    }
    if !form.secret.is_empty() {
        let format = if form.secret_base64 { KeyFormat::SecretBase64 } else { KeyFormat::SecretText };
        ctx = ctx.with_key(KeyInput::new("the secret field", form.secret.clone(), format));
    }
    if !form.password.is_empty() {
        ctx = ctx.with_password(form.password.clone());
    }
    if !form.aws_secret.trim().is_empty() {
        ctx = ctx.with_aws_secret(form.aws_secret.trim().to_string());
    }
    if !form.client_cert.trim().is_empty() {
        ctx.client_certs.push(form.client_cert.clone());
    }
    ctx
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    report: Shared<Report>,
}

/// What was recognised in the input, one line each.
#[component]
fn Summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    if report.inputs.is_empty() {
        return html! {
            <div class="summary summary--empty" id="summary">
                <h2>{ "Paste something to start" }</h2>
                <p>{ "A JWT, an " }<code>{ "Authorization" }</code>{ " or " }<code>{ "WWW-Authenticate" }</code>{ " header, the raw request and response, " }<code>{ "curl -v" }</code>{ " output, a HAR file, or a log line with a token in it: paste it anywhere on this page, or drop a file. Everything is decoded and checked here, against your clock." }</p>
            </div>
        };
    }
    html! {
        <div class="summary" id="summary">
            <h2>{ "Detected" }</h2>
            <ul class="summary__list">
                { for report.inputs.iter().map(|input| html! {
                    <li class="summary__item" data-kind={input.kind.as_str()}>
                        <span class="summary__kind">{ input.kind.as_str() }</span>
                        { " " }{ rich(&input.summary) }
                        <span class="summary__line">{ format!(" (line {})", input.line) }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}
