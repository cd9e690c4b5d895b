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
use crate::components::settings::Settings;
use crate::components::snippets::Snippets;
use crate::components::theme::ThemeSwitch;
use crate::components::token_view::TokenView;
use crate::engine::{Link, Update};
use crate::hooks::{use_document_paste, use_file_drop, use_file_read, use_settled, Carried};
use crate::shared::Shared;
use crate::state::{make_callback, Action, PageState};
use crate::text::rich;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use why401_engine::context::split_list;
use why401_engine::{checklist, Context, Expectations, KeyFormat, KeyInput, Report, DEFAULT_SKEW};
use yew::prelude::*;

/// Above this size the report is not re-computed on every clock tick, only when the input or a
/// setting changes, so a large paste never makes the page busy once a second.
const LIVE_CLOCK_LIMIT: usize = 256 * 1024;

/// How long typing in a large input (`crate::state::SETTLE_LIMIT`) pauses before it is analysed.
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
    let clock = use_clock();
    let state = use_reducer(|| PageState::new(clock));
    // The time the report is computed at: the live clock for small inputs.
    let at = if state.analysed.len() <= LIVE_CLOCK_LIMIT { clock } else { state.checked_at };
    let caller = state.caller();
    // The engine runs in a worker (src/engine.rs); its reports arrive as messages.
    let engine = use_reducer(|| Analysis::new(at, DEFAULT_SKEW));
    let link = {
        let updates = engine.dispatcher();
        use_memo((), move |_| Link::new(Callback::from(move |update: Update| updates.dispatch(Step::Update(update)))))
    };
    // The input or a setting changed in this rendering, and the job about it is not even sent yet:
    // the report shown is about what was there before (the same as `engine.stale`, one step
    // earlier).
    let unsent = engine.submitted != Some(state.generation);
    {
        let link = link.clone();
        let submitted = engine.dispatcher();
        let checked = state.dispatcher();
        let last = engine.submitted;
        let job = (state.generation, state.analysed.clone(), state.skew, state.form.clone(), state.focus, caller.clone());
        use_effect_with((job, at), move |((generation, text, skew, form, focus, caller), at)| {
            let new = last != Some(*generation);
            // A large input is not re-checked on every tick, but a changed setting checks it
            // again now, not at the time it was pasted.
            let mut at = *at;
            if new && text.len() > LIVE_CLOCK_LIMIT {
                at = crate::clock::now_seconds();
                checked.dispatch(Action::Checked(at));
            }
            let mut ctx = context(at, *skew, form);
            ctx.exchange = *focus;
            ctx.origin = caller.origin.clone();
            ctx.credentials = caller.credentials;
            ctx.browser = caller.browser;
            ctx.third_party_cookies = caller.third_party;
            ctx.secrets_in_snippets = caller.real_secrets;
            submitted.dispatch(Step::Submitted { generation: *generation, new });
            link.submit(text, &ctx, *generation);
        });
    }
    let report = engine.report.clone();

    // Which folded sections of the report are open, for the input of `input_generation`.
    let fold_state = use_reducer(FoldState::default);
    let now = crate::clock::now_seconds;
    let on_input = make_callback(&state, move |text: String| Action::Entered { text, at: now() });
    let on_typed = make_callback(&state, move |text: String| Action::Typed { text, at: now() });
    let on_file = make_callback(&state, Action::Read);
    let on_example = make_callback(&state, move |loaded: Loaded| Action::Example { loaded, at: now() });
    let on_real = make_callback(&state, Action::RealSecrets);
    let on_focus = make_callback(&state, Action::Focus);
    let on_form = make_callback(&state, Action::SetForm);
    let on_skew = make_callback(&state, Action::SetSkew);
    let on_origin = make_callback(&state, Action::SetOrigin);
    let on_sends_cookies = make_callback(&state, Action::SetSendsCookies);
    let on_browser = make_callback(&state, Action::SetBrowser);
    let on_third_party = make_callback(&state, Action::SetThirdParty);
    // What a paste or a drop carried goes into the input like a paste into it: the text, or a
    // file (read locally).
    let on_carried = {
        let (on_input, on_file) = (on_input.clone(), on_file.clone());
        Callback::from(move |carried: Carried| match carried {
            Carried::File(file) => on_file.emit(file),
            Carried::Text(text) => on_input.emit(text),
        })
    };
    // Typing in a large input is analysed once it pauses.
    use_settled(state.pending.then(|| state.input.clone()), SETTLE_MS, make_callback(&state, move |text: AttrValue| Action::Settled { text, at: now() }));
    use_file_read(
        state.reading.clone(),
        make_callback(&state, move |(entered, read): (u32, Result<String, String>)| match read {
            Ok(text) => Action::FileRead { entered, text, at: now() },
            Err(why) => Action::Refused(why),
        }),
    );
    let file_drop = use_file_drop(state.dragging, make_callback(&state, Action::Dragging), on_carried.clone());
    // A paste anywhere on the page, outside a form field, goes into the input like a paste into
    // it: the text, or a file copied from the file manager.
    use_document_paste({
        let on_carried = on_carried.clone();
        Callback::from(move |e: web_sys::ClipboardEvent| {
            if into_field(&e) {
                return;
            }
            if let Some(carried) = e.clipboard_data().as_ref().and_then(Carried::from) {
                e.prevent_default();
                on_carried.emit(carried);
            }
        })
    });
    // Once drawn, the interface replaces the page as first drawn. Until this runs, the first
    // drawing stays in place and keeps taking keys; from here on the new box has its text and the
    // focus, so no keystroke falls between the two. What it took in is analysed at once, like a
    // paste (the caret at the end, as after a paste).
    {
        let (on_input, on_file) = (on_input.clone(), on_file.clone());
        use_effect_with((), move |_| {
            let early = Early::take();
            let area = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("input"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
            if let Some(file) = early.file {
                on_file.emit(file);
            } else if !early.text.is_empty() {
                // The box gets the text now, not at the next rendering (Yew may yield to the
                // browser before that, and a key pressed then would land in an empty box).
                if let Some(area) = &area {
                    if early.text.len() <= crate::components::input_panel::SHOWN_LIMIT {
                        area.set_value(&early.text);
                    }
                }
                on_input.emit(early.text);
            }
            if let Some(area) = area.filter(|_| early.focused) {
                let _ = area.focus();
            }
        });
    }

    let folds = Folds { generation: state.input_generation, state: fold_state };
    // With a report to show, narrow screens give the first screen to it (src/app.css).
    let reported = !report.inputs.is_empty();

    html! {
        <ContextProvider<Folds> context={folds}>
        <div class={classes!("page", state.dragging.then_some("page--dragging"), reported.then_some("page--reported"))} ondragover={file_drop.ondragover} ondragleave={file_drop.ondragleave} ondrop={file_drop.ondrop}>
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
                    <InputPanel value={state.input.clone()} on_input={on_input} {on_typed} {on_file}
                        notice={engine.failed.clone().or_else(|| state.notice.clone())} pending={state.pending}
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
                    <Exchanges report={report.clone()} focus={state.focus} on_focus={on_focus} />
                    <Credentials report={report.clone()} />
                    <CookieList report={report.clone()} />
                    <Findings report={report.clone()} />
                    <Summary report={report.clone()} />
                    <Annotated text={state.input.clone()} report={report.clone()} />
                    <CorsFix report={report.clone()} focus={state.focus} />
                    <Snippets report={report.clone()} real={state.real_secrets} on_real={on_real} />
                    <Checklist report={report.clone()} />
                    <Incident report={report.clone()} />
                </section>
                // Examples, the clock and the expectations come after the report in the page's
                // order: beside the paste box on a wide screen, under the report on a narrow one.
                <section class="panel panel--tools" aria-label="Examples and settings">
                    <Examples on_load={on_example} />
                    <Settings skew={state.skew} on_skew={on_skew} now={clock}
                        origin={state.origin.clone()} {on_origin} sends_cookies={state.sends_cookies} {on_sends_cookies}
                        browser={state.browser} {on_browser} third_party={state.third_party} {on_third_party}
                        origin_read={(!engine.stale && !unsent).then(|| report.origin_error.clone().map(Err).or_else(|| report.origin.clone().map(Ok))).flatten()} />
                    <KeyPanel form={state.form.clone()} on_change={on_form} report={report.clone()} />
                </section>
            </main>
            <footer class="page__footer">
                <p>{ "why401 runs offline. Tokens, keys and headers stay in this tab and are never stored." }</p>
            </footer>
        </div>
        </ContextProvider<Folds>>
    }
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
    /// The newest generation (`PageState::generation`) a job was sent about.
    submitted: Option<u32>,
}

enum Step {
    /// A job of `generation` was sent; `new` when it is about a changed input or setting, not a
    /// clock tick.
    Submitted {
        generation: u32,
        new: bool,
    },
    Update(Update),
}

impl Analysis {
    /// The report of an empty input, shown until the engine's first report arrives.
    fn new(now: i64, skew: u64) -> Self {
        let mut report = Report::empty(&Context::new(now).with_skew(skew));
        report.checklist = checklist::build(&[], &[]);
        Self { report: Shared::new(report), busy: false, stale: false, progress: None, webcrypto: 0, fallback: 0, failed: None, submitted: None }
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
            submitted: self.submitted,
        };
        match action {
            Step::Submitted { generation, new } => {
                next.submitted = Some(generation);
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
