//! The 401 checklist, the guided procedure the page is built around.
//!
//! Steps come in the engine's order (failed, then suspicious, then the rest in procedure order),
//! under the most likely cause. Each step opens to say why it can cause a 401, how to check it,
//! the fixes and the findings behind its status. Steps the evidence cannot decide are answered
//! by the user ("Done", "Not relevant", a note); any step can be marked as the one that fixed it.
//!
//! Progress is kept in `localStorage` under one key, and holds only step ids, the user's answers
//! and notes, and a random session id: never the input, a token or a finding. `#step-<id>` in the
//! address opens and scrolls to a step, on load and whenever the hash changes.

use crate::hooks::use_hash_step;
use crate::shared::Shared;
use crate::text::rich;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use why401_engine::checklist::{server_guidance, ChecklistEntry};
use why401_engine::{Report, StepId, StepStatus};
use yew::prelude::*;

/// The one `localStorage` key the checklist writes.
pub const STORAGE_KEY: &str = "why401.checklist";
/// The longest note kept, in characters.
const NOTE_LIMIT: usize = 2000;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub report: Shared<Report>,
}

fn label(status: StepStatus, answer: Option<Answer>) -> &'static str {
    match (status, answer) {
        (StepStatus::Fail, _) => "✗ cause found",
        (StepStatus::Warn, _) => "! suspicious",
        (StepStatus::Pass, _) => "✓ fine",
        (StepStatus::Unknown, Some(Answer::Done)) => "✓ done",
        (StepStatus::Unknown, Some(Answer::NotRelevant)) => "– not relevant",
        (StepStatus::Unknown, None) => "? your check",
    }
}

/// The user's answer to a step the evidence cannot decide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Answer {
    Done,
    NotRelevant,
}

impl Answer {
    fn as_str(self) -> &'static str {
        match self {
            Answer::Done => "done",
            Answer::NotRelevant => "not-relevant",
        }
    }

    fn parse(text: &str) -> Option<Answer> {
        match text {
            "done" => Some(Answer::Done),
            "not-relevant" => Some(Answer::NotRelevant),
            _ => None,
        }
    }
}

/// What the user recorded. This, and only this, is stored.
#[derive(Clone, PartialEq, Default, Debug)]
struct Progress {
    /// Random, made with `crypto.getRandomValues` when the first answer is recorded.
    session: Option<String>,
    answers: BTreeMap<StepId, Answer>,
    notes: BTreeMap<StepId, String>,
    fixed: Option<StepId>,
}

impl Progress {
    fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.notes.values().all(|n| n.trim().is_empty()) && self.fixed.is_none()
    }

    fn to_json(&self) -> String {
        let ids: BTreeSet<StepId> = self.answers.keys().chain(self.notes.keys()).copied().collect();
        let steps = ids
            .into_iter()
            .filter_map(|id| {
                let step = StoredStep {
                    answer: self.answers.get(&id).map(|a| a.as_str().to_string()),
                    note: self.notes.get(&id).map(|n| scrub(n)).filter(|n| !n.trim().is_empty()),
                };
                (step.answer.is_some() || step.note.is_some()).then(|| (id.as_str().to_string(), step))
            })
            .collect();
        let stored = Stored { v: STORED_VERSION, session: self.session.clone().unwrap_or_default(), steps, fixed: self.fixed.map(|f| f.as_str().to_string()) };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads what was stored, keeping only well-formed parts: the record is read with serde,
    /// then each part is validated (a session id of 32 hex digits, known step ids, known
    /// answers, notes cut to [`NOTE_LIMIT`]).
    fn from_json(text: &str) -> Progress {
        let Ok(stored) = serde_json::from_str::<Stored>(text) else { return Progress::default() };
        let mut progress = Progress {
            session: Some(stored.session).filter(|s| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit())),
            fixed: stored.fixed.and_then(|f| f.parse().ok()),
            ..Progress::default()
        };
        for (id, step) in stored.steps {
            let Ok(id) = id.parse::<StepId>() else { continue };
            if let Some(answer) = step.answer.as_deref().and_then(Answer::parse) {
                progress.answers.insert(id, answer);
            }
            if let Some(note) = step.note {
                progress.notes.insert(id, note.chars().take(NOTE_LIMIT).collect());
            }
        }
        progress
    }
}

/// The version of the stored record.
const STORED_VERSION: u32 = 1;

/// The record kept under [`STORAGE_KEY`]: `{"v":1,"session":"…","steps":{"token-expiry":{"answer":"done","note":"…"}},"fixed":"…"}`.
/// A member of the wrong type is read as absent, so one damaged part loses only itself.
#[derive(serde::Serialize, serde::Deserialize, Default, Debug, PartialEq)]
struct Stored {
    #[serde(default, deserialize_with = "lenient")]
    v: u32,
    #[serde(default, deserialize_with = "lenient")]
    session: String,
    #[serde(default, deserialize_with = "lenient_steps")]
    steps: BTreeMap<String, StoredStep>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    fixed: Option<String>,
}

/// One step's answer and note, as stored.
#[derive(serde::Serialize, serde::Deserialize, Default, Debug, PartialEq)]
struct StoredStep {
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    note: Option<String>,
}

/// A member read as its type, or its default when it has another.
fn lenient<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// The steps, each one that is not a well-formed record left out.
fn lenient_steps<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, StoredStep>, D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
    let serde_json::Value::Object(steps) = value else { return Ok(BTreeMap::new()) };
    Ok(steps.into_iter().filter_map(|(id, step)| Some((id, serde_json::from_value(step).ok()?))).collect())
}

/// A note as stored: anything that looks like a token or key is left out, in case one was
/// pasted into the note.
fn scrub(note: &str) -> String {
    crate::text::scrub(note, NOTE_LIMIT)
}

/// The answers kept in `localStorage`, for the incident report.
pub fn stored_answers() -> Vec<why401_engine::markdown::StepAnswer> {
    let progress = load();
    let mut ids: BTreeSet<StepId> = progress.answers.keys().chain(progress.notes.keys()).copied().collect();
    ids.extend(progress.fixed);
    ids.into_iter()
        .map(|id| why401_engine::markdown::StepAnswer {
            id: id.as_str().to_string(),
            answer: progress.answers.get(&id).map(|a| a.as_str().to_string()).unwrap_or_default(),
            note: progress.notes.get(&id).map(|n| scrub(n)).unwrap_or_default(),
            fixed: progress.fixed == Some(id),
        })
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load() -> Progress {
    storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).map(|text| Progress::from_json(&text)).unwrap_or_default()
}

fn save(progress: &Progress) {
    let Some(storage) = storage() else { return };
    if progress.is_empty() {
        let _ = storage.remove_item(STORAGE_KEY);
    } else {
        let _ = storage.set_item(STORAGE_KEY, &progress.to_json());
    }
}

/// 128 random bits from the browser's CSPRNG, as hex.
fn session_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[derive(Clone, PartialEq, Default)]
struct State {
    open: BTreeSet<StepId>,
    /// A step to bring into view after the next render; the counter makes each request new.
    jump: Option<(StepId, u32)>,
    progress: Progress,
}

enum Action {
    Toggle(StepId),
    Jump(StepId),
    Answer(StepId, Answer),
    Note(StepId, String),
    Fixed(StepId),
    Reset,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Toggle(id) => {
                if !next.open.remove(&id) {
                    next.open.insert(id);
                }
            }
            Action::Jump(id) => {
                next.open.insert(id);
                let count = next.jump.map_or(0, |(_, n)| n.wrapping_add(1));
                next.jump = Some((id, count));
            }
            Action::Answer(id, answer) => {
                if next.progress.answers.get(&id) == Some(&answer) {
                    next.progress.answers.remove(&id);
                } else {
                    next.progress.answers.insert(id, answer);
                }
            }
            Action::Note(id, text) => {
                let text: String = text.chars().take(NOTE_LIMIT).collect();
                if text.is_empty() {
                    next.progress.notes.remove(&id);
                } else {
                    next.progress.notes.insert(id, text);
                }
            }
            Action::Fixed(id) => {
                next.progress.fixed = if next.progress.fixed == Some(id) { None } else { Some(id) };
            }
            Action::Reset => next.progress = Progress::default(),
        }
        if next.progress.is_empty() {
            next.progress.session = None;
        } else if next.progress.session.is_none() {
            next.progress.session = session_id();
        }
        Rc::new(next)
    }
}

/// Scrolls to a step and puts the keyboard focus on its heading button.
fn bring_into_view(id: StepId) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(item) = document.get_element_by_id(&format!("step-{}", id.as_str())) {
        item.scroll_into_view();
    }
    if let Some(button) = document.get_element_by_id(&format!("step-{}-toggle", id.as_str())).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = button.focus();
    }
}

/// Scrolls to the finding with this code in the findings list.
fn show_finding(code: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(finding)) = document.query_selector(&format!(".findings [data-code=\"{code}\"]")) {
        finding.scroll_into_view();
        if let Ok(finding) = finding.dyn_into::<HtmlElement>() {
            let _ = finding.set_attribute("tabindex", "-1");
            let _ = finding.focus();
        }
    }
}

#[component]
pub fn Checklist(props: &ChecklistProps) -> Html {
    let state = use_reducer(|| State { progress: load(), ..State::default() });
    {
        let progress = state.progress.clone();
        use_effect_with(progress, save);
    }
    // `#step-<id>`: on load, whenever the address's hash changes, and when a link to a step is
    // followed.
    use_hash_step({
        let dispatcher = state.dispatcher();
        Callback::from(move |id: StepId| dispatcher.dispatch(Action::Jump(id)))
    });
    use_effect_with(state.jump, |jump| {
        if let Some((id, _)) = jump {
            bring_into_view(*id);
        }
    });

    let report = &props.report;
    let steps = &report.checklist;
    let progress = &state.progress;
    let answer_of = |e: &ChecklistEntry| if e.status == StepStatus::Unknown { progress.answers.get(&e.id).copied() } else { None };
    let by_evidence = steps.iter().filter(|e| e.status != StepStatus::Unknown).count();
    let by_you = steps.iter().filter(|e| answer_of(e).is_some()).count();
    // "Start over" erases answers and notes the user may have spent a while on: with anything
    // stored, it asks first, in place (the safe choice has the focus).
    let confirming = use_state(|| false);
    let stored = {
        let notes = progress.notes.values().filter(|n| !n.trim().is_empty()).count();
        progress.answers.len() + notes + usize::from(progress.fixed.is_some())
    };
    let on_reset = {
        let confirming = confirming.clone();
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            if stored == 0 {
                dispatcher.dispatch(Action::Reset);
            } else {
                confirming.set(true);
            }
        })
    };
    let on_erase = {
        let confirming = confirming.clone();
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            dispatcher.dispatch(Action::Reset);
            focus("checklist-reset");
        })
    };
    let on_keep = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            focus("checklist-reset");
        })
    };
    let on_escape = {
        let confirming = confirming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                confirming.set(false);
                focus("checklist-reset");
            }
        })
    };
    use_effect_with(*confirming, |confirming| {
        if *confirming {
            focus("checklist-reset-keep");
        }
    });
    // Nothing left to erase (answers taken back one by one): the question goes too.
    {
        let confirming = confirming.clone();
        use_effect_with(stored == 0, move |nothing| {
            if *nothing {
                confirming.set(false);
            }
        });
    }

    let cause = match steps.first() {
        Some(first) if first.most_likely.is_some() => html! {
            <div class="cause cause--fail" id="most-likely" data-cause={first.id.as_str()}>
                <p class="cause__label">{ "Most likely cause" }</p>
                <p class="cause__step"><a href={format!("#step-{}", first.id.as_str())}>{ rich(first.title) }</a></p>
                <p class="cause__why">{ rich(first.most_likely.as_deref().unwrap_or_default()) }</p>
            </div>
        },
        Some(first) if first.status == StepStatus::Warn => html! {
            <div class="cause cause--warn" id="most-likely" data-cause="">
                <p class="cause__label">{ "No definite cause yet" }</p>
                <p class="cause__why">{ "Nothing in the evidence fails outright. Start with the first suspicious step: " }
                    <a href={format!("#step-{}", first.id.as_str())}>{ rich(first.title) }</a></p>
            </div>
        },
        _ => html! {
            <div class="cause cause--none" id="most-likely" data-cause="">
                <p class="cause__label">{ "No cause in the evidence yet" }</p>
                <p class="cause__why">{ "Paste the failing request and response above, or work through the steps in order, starting with triage." }</p>
            </div>
        },
    };

    html! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{ "401 checklist" }</h2>
            { cause }
            if let Some(fixed) = progress.fixed {
                <p class="checklist__fixed" id="fixed-by">
                    { "★ You marked " }<a href={format!("#step-{}", fixed.as_str())}>{ rich(fixed.title()) }</a>{ " as what fixed it." }
                </p>
            }
            <div class="checklist__bar">
                <p class="checklist__progress" id="checklist-progress">
                    { format!("{} of {} steps settled: {by_evidence} by the evidence, {by_you} by you.", by_evidence + by_you, steps.len()) }
                </p>
                if *confirming && stored > 0 {
                    <div class="checklist__confirm" role="group" aria-labelledby="checklist-confirm-question" onkeydown={on_escape}>
                        <span id="checklist-confirm-question">{ if stored == 1 { "Erase the answer or note kept in this browser?".to_string() } else { format!("Erase the {stored} answers and notes kept in this browser?") } }</span>
                        { " " }<button type="button" class="button button--small" id="checklist-reset-erase" onclick={on_erase}>{ "Erase them" }</button>
                        { " " }<button type="button" class="button button--small" id="checklist-reset-keep" onclick={on_keep}>{ "Keep them" }</button>
                    </div>
                } else {
                    <button type="button" class="button button--small" id="checklist-reset" onclick={on_reset}>{ "Start over" }</button>
                }
            </div>
            <p class="checklist__hint">
                { "Open a step for why it matters, how to check it and how to fix it. Your answers and notes stay in this browser; pasted text, tokens and findings are never stored." }
                if let Some(session) = &progress.session {
                    <span class="checklist__session">{ format!(" Saved as session {}.", &session[..8.min(session.len())]) }</span>
                }
            </p>
            <ol class="checklist__list">
                { for steps.iter().map(|step| render_step(step, report, &state)) }
            </ol>
            <ServerGuidance />
        </section>
    }
}

fn render_step(step: &ChecklistEntry, report: &Report, state: &UseReducerHandle<State>) -> Html {
    let id = step.id;
    let sid = id.as_str();
    let status = step.status.as_str();
    let open = state.open.contains(&id);
    let progress = &state.progress;
    let answer = if step.status == StepStatus::Unknown { progress.answers.get(&id).copied() } else { None };
    let fixed = progress.fixed == Some(id);
    let toggle = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Toggle(id)))
    };
    let body_id = format!("step-{sid}-body");
    let badge_class = match (step.status, answer) {
        (StepStatus::Unknown, Some(_)) => "badge--answered".to_string(),
        _ => format!("badge--{status}"),
    };
    html! {
        <li id={format!("step-{sid}")}
            class={classes!("step", format!("step--{status}"), open.then_some("step--open"), fixed.then_some("step--fixed"))}
            data-step={sid} data-status={status} data-open={open.to_string()}
            data-answer={answer.map(Answer::as_str).unwrap_or_default()} data-fixed={fixed.to_string()}>
            <h3 class="step__heading">
                <button type="button" class="step__toggle" id={format!("step-{sid}-toggle")}
                    aria-expanded={open.to_string()} aria-controls={body_id.clone()} onclick={toggle}>
                    <span class="step__chevron" aria-hidden="true">{ if open { "▾" } else { "▸" } }</span>
                    <span class={classes!("badge", badge_class)}>{ label(step.status, answer) }</span>
                    <span class="step__title">{ rich(step.title) }</span>
                    <span class="step__meta">
                        <span class="step__phase">{ step.phase.label() }</span>
                        if !step.evidence.is_empty() {
                            <span class="step__evidence">{ step.evidence.join(" ") }</span>
                        }
                        if fixed {
                            <span class="step__fixed-mark">{ "★ fixed it" }</span>
                        }
                    </span>
                </button>
            </h3>
            if open {
                <div class="step__body" id={body_id}>
                    if let Some(why) = &step.most_likely {
                        <p class="step__cause"><strong>{ "Most likely cause: " }</strong>{ rich(why) }</p>
                    }
                    <p class="step__why"><strong>{ "Why it can cause a 401: " }</strong>{ rich(step.why) }</p>
                    if !step.evidence.is_empty() {
                        <h4>{ "What the evidence shows" }</h4>
                        <ul class="step__findings">
                            { for step.evidence.iter().map(|&code| {
                                let finding = report.findings.iter().find(|f| f.code.as_str() == code);
                                let onclick = Callback::from(move |e: MouseEvent| { e.prevent_default(); show_finding(code); });
                                html! {
                                    <li>
                                        <a href={format!("#finding-{code}")} class="step__finding" data-finding={code} {onclick}>{ code }</a>
                                        if let Some(f) = finding {
                                            { " " }<span class={classes!("step__severity", format!("step__severity--{}", f.severity.as_str()))}>{ f.severity.as_str() }</span>
                                            { " " }{ rich(f.title) }{ " — " }<span class="step__message">{ rich(&f.message) }</span>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    <h4>{ "How to check" }</h4>
                    <ul>{ for step.check.iter().map(|t| html! { <li>{ rich(t) }</li> }) }</ul>
                    <h4>{ "Fix, if you got the 401" }</h4>
                    <ul>{ for step.fix_user.iter().map(|t| html! { <li>{ rich(t) }</li> }) }</ul>
                    <h4>{ "Fix, if you own the server or API" }</h4>
                    <ul>{ for step.fix_server.iter().map(|t| html! { <li>{ rich(t) }</li> }) }</ul>
                    <p class="step__refs">{ "References: " }{ step.references.join(" · ") }</p>
                    { answer_controls(step, answer, fixed, state) }
                </div>
            }
        </li>
    }
}

fn answer_controls(step: &ChecklistEntry, answer: Option<Answer>, fixed: bool, state: &UseReducerHandle<State>) -> Html {
    let id = step.id;
    let sid = id.as_str();
    let answer_button = |value: Answer, text: &'static str, class: &'static str| {
        let dispatcher = state.dispatcher();
        let pressed = answer == Some(value);
        html! {
            <button type="button" class={classes!("button", "button--small", "step__answer", class, pressed.then_some("is-pressed"))}
                aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Answer(id, value)))}>
                { if pressed { format!("✓ {text}") } else { text.to_string() } }
            </button>
        }
    };
    let on_fixed = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Fixed(id)))
    };
    let note = state.progress.notes.get(&id).cloned().unwrap_or_default();
    let on_note = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: InputEvent| dispatcher.dispatch(Action::Note(id, e.target_unchecked_into::<HtmlTextAreaElement>().value())))
    };
    let dropped = scrub(&note) != note;
    html! {
        <div class="step__answers">
            if step.status == StepStatus::Unknown {
                <div class="step__answer-row" role="group" aria-label="Your answer">
                    <span class="step__answer-label">{ "The evidence cannot decide this step. Your answer:" }</span>
                    { answer_button(Answer::Done, "Done", "step__done") }
                    { answer_button(Answer::NotRelevant, "Not relevant", "step__not-relevant") }
                </div>
                <label class="step__note-label" for={format!("step-{sid}-note")}>{ "Your notes" }</label>
                <textarea id={format!("step-{sid}-note")} class="step__note" rows="2" maxlength={NOTE_LIMIT.to_string()}
                    value={note} oninput={on_note} spellcheck="false"
                    placeholder="What you tried and what happened (no tokens or passwords)" />
                if dropped {
                    <p class="step__note-warning">{ "Part of this note looks like a token or key; it is not saved." }</p>
                }
            }
            <div class="step__answer-row">
                <button type="button" class={classes!("button", "button--small", "step__fixed", fixed.then_some("is-pressed"))}
                    aria-pressed={fixed.to_string()} onclick={on_fixed}>
                    { if fixed { "★ This fixed it" } else { "This fixed it" } }
                </button>
                <a class="step__link" href={format!("#step-{sid}")}>{ "Link to this step" }</a>
            </div>
        </div>
    }
}

/// The finding behind the first step: the one its sentence is built from (its first error, else
/// its first finding), as the engine's `checklist::most_likely` chooses it.
fn top_finding(report: &Report, step: StepId) -> Option<&why401_engine::Finding> {
    let findings = &report.findings;
    findings.iter().find(|f| f.step == step && f.severity == why401_engine::Severity::Error).or_else(|| findings.iter().find(|f| f.step == step))
}

/// The finding's title, what it found and its fix: the first thing the report shows.
fn finding_lines(report: &Report, step: StepId) -> Html {
    let Some(f) = top_finding(report, step) else { return Html::default() };
    html! { <>
        <p class="verdict__finding" data-cause-code={f.code.as_str()}>
            <span class="verdict__title">{ rich(f.title) }</span>
            { " " }<span class="finding__code">{ f.code.as_str() }</span>
        </p>
        if !f.message.trim().is_empty() {
            <p class="verdict__message">{ rich(&f.message) }</p>
        }
        <p class="verdict__fix"><strong>{ "Fix: " }</strong>{ rich(f.help) }</p>
    </> }
}

/// The most likely cause, at the top of the report: the step (a link into the checklist), then
/// the finding behind it with its title, what it found and the fix, so that the answer is on the
/// first screen.
#[component]
pub fn Verdict(props: &ChecklistProps) -> Html {
    let report = &props.report;
    if report.inputs.is_empty() {
        return Html::default();
    }
    match report.checklist.first() {
        Some(first) if first.most_likely.is_some() => html! {
            <section class="verdict verdict--fail" id="verdict" data-cause={first.id.as_str()} aria-labelledby="verdict-step">
                <p class="verdict__step" id="verdict-step">
                    <strong>{ "Most likely cause: " }</strong>
                    <a href={format!("#step-{}", first.id.as_str())}>{ rich(first.title) }</a>
                </p>
                { finding_lines(report, first.id) }
            </section>
        },
        Some(first) if first.status == StepStatus::Warn => html! {
            <section class="verdict verdict--warn" id="verdict" data-cause="" aria-labelledby="verdict-step">
                <p class="verdict__step" id="verdict-step">
                    <strong>{ "No definite cause yet. " }</strong>{ "Start with " }
                    <a href={format!("#step-{}", first.id.as_str())}>{ rich(first.title) }</a>{ " in the 401 checklist." }
                </p>
                { finding_lines(report, first.id) }
            </section>
        },
        _ => html! {
            <section class="verdict" id="verdict" data-cause="" aria-labelledby="verdict-step">
                <p class="verdict__step" id="verdict-step">
                    <strong>{ "No cause in the evidence yet. " }</strong>
                    <a href="#checklist-title">{ "Work through the 401 checklist" }</a>{ ", or paste the failing request and response." }
                </p>
            </section>
        },
    }
}

/// Advice for API and server owners, collapsed until asked for.
#[component]
fn ServerGuidance() -> Html {
    html! {
        <details class="server-guide" id="server-guidance">
            <summary>{ "For API and server owners: setting up authentication so 401s are rare and explain themselves" }</summary>
            { for server_guidance().iter().map(|g| html! {
                <section class="server-guide__item" data-guide={g.id}>
                    <h3>{ g.title }</h3>
                    <ul>{ for g.points.iter().map(|p| html! { <li>{ rich(p) }</li> }) }</ul>
                    <p class="step__refs">{ "References: " }{ g.references.join(" · ") }</p>
                </section>
            }) }
        </details>
    }
}

/// Moves the focus to the element `id`, once it is on the page (after the next render).
fn focus(id: &'static str) {
    let run = move || {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
        if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    };
    gloo_timers::callback::Timeout::new(0, run).forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_stored_as_one_record_and_read_back_part_by_part() {
        let mut progress = Progress { session: Some("0123456789abcdef0123456789abcdef".into()), ..Progress::default() };
        progress.answers.insert(StepId::FreshLogin, Answer::Done);
        progress.notes.insert(StepId::FreshLogin, "private window too".into());
        progress.answers.insert(StepId::Account, Answer::NotRelevant);
        progress.fixed = Some(StepId::FreshLogin);
        let text = progress.to_json();
        assert_eq!(
            text,
            r#"{"v":1,"session":"0123456789abcdef0123456789abcdef","steps":{"account":{"answer":"not-relevant"},"fresh-login":{"answer":"done","note":"private window too"}},"fixed":"fresh-login"}"#
        );
        assert_eq!(Progress::from_json(&text), progress);
        // A damaged part loses only itself: a bad session, an unknown step, a wrong type.
        let damaged =
            r#"{"v":1,"session":"not hex","steps":{"fresh-login":{"answer":5,"note":"kept"},"no-such-step":{"answer":"done"},"account":7},"fixed":["x"]}"#;
        let read = Progress::from_json(damaged);
        assert_eq!(read.session, None);
        assert!(read.answers.is_empty(), "{read:?}");
        assert_eq!(read.notes.get(&StepId::FreshLogin).map(String::as_str), Some("kept"));
        assert_eq!(read.fixed, None);
        assert_eq!(Progress::from_json("not json"), Progress::default());
        assert_eq!(
            Progress::from_json(&format!(r#"{{"steps":{{"account":{{"note":"{}"}}}}}}"#, "x".repeat(NOTE_LIMIT + 50))).notes[&StepId::Account].len(),
            NOTE_LIMIT
        );
    }

    #[test]
    fn notes_lose_anything_that_looks_like_a_token() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(scrub(&format!("sent Bearer {jwt} to /v1/orders")), "sent Bearer [token removed] to /v1/orders");
        assert_eq!(scrub("VPN off, https://api.example.com/v1/orders still 401"), "VPN off, https://api.example.com/v1/orders still 401");
        // Session ids, UUIDs and base64 credentials of any case.
        let note = "sid 8f2c41d07be9a1b2c3d4, req 550e8400-e29b-41d4-a716-446655440000, basic Ym9iOmh1bnRlcjI= and /reset/8f2c41d07be9a1b2";
        assert_eq!(scrub(note), "sid [token removed], req [token removed], basic [token removed] and [token removed]");
        // Ordinary words, versions and dates stay.
        assert_eq!(scrub("Chrome 131 on macOS 15.1, 2026-11-25"), "Chrome 131 on macOS 15.1, 2026-11-25");
    }
}
