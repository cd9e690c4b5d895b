//! The page: input and settings on one side, the report on the other.

use crate::clock::use_clock;
use crate::components::checklist::Checklist;
use crate::components::findings::Findings;
use crate::components::input_panel::InputPanel;
use crate::components::settings::Settings;
use crate::components::token_view::TokenView;
use crate::text::rich;
use std::rc::Rc;
use why401_engine::{inspect, Context, Report, DEFAULT_SKEW};
use yew::prelude::*;

/// Above this size the report is not re-computed on every clock tick, only when the input or a
/// setting changes, so a large paste never makes the page busy once a second.
const LIVE_CLOCK_LIMIT: usize = 256 * 1024;

#[component]
pub fn App() -> Html {
    let input = use_state(String::new);
    let skew = use_state(|| DEFAULT_SKEW);
    let clock = use_clock();
    // The time the report is computed at: the live clock for small inputs.
    let checked_at = use_mut_ref(|| clock);
    if input.len() <= LIVE_CLOCK_LIMIT {
        *checked_at.borrow_mut() = clock;
    }
    let at = *checked_at.borrow();

    let report: Rc<Report> = use_memo(((*input).clone(), *skew, at), |(text, skew, at)| {
        inspect(text, &Context::new(*at).with_skew(*skew))
    });

    let on_input = {
        let input = input.clone();
        let checked_at = checked_at.clone();
        Callback::from(move |text: String| {
            *checked_at.borrow_mut() = crate::clock::now_seconds();
            input.set(text);
        })
    };
    let on_skew = {
        let skew = skew.clone();
        Callback::from(move |value: u64| skew.set(value))
    };

    html! {
        <div class="page">
            <header class="page__header">
                <h1 class="brand">{ "why401" }</h1>
                <p class="page__tagline">{ "Why did it return 401 Unauthorized? Paste what you have; it is decoded and checked in this browser." }</p>
                <p class="privacy" id="privacy">
                    <span class="privacy__icon" aria-hidden="true">{ "✓" }</span>
                    { " Nothing leaves this page: its Content-Security-Policy forbids every request after load." }
                </p>
            </header>
            <main class="page__main">
                <section class="panel panel--input" aria-labelledby="input-label">
                    <InputPanel value={(*input).clone()} on_input={on_input} />
                    <Settings skew={*skew} on_skew={on_skew} now={clock} />
                </section>
                <section class="panel panel--report" aria-live="polite" aria-label="Report">
                    <Summary report={report.clone()} />
                    { for report.tokens.iter().enumerate().map(|(i, _)| html! {
                        <TokenView report={report.clone()} index={i} />
                    }) }
                    <Findings report={report.clone()} />
                    <Checklist report={report.clone()} />
                </section>
            </main>
            <footer class="page__footer">
                <p>{ "why401 runs offline. Tokens, keys and headers stay in this tab and are never stored." }</p>
            </footer>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    report: Rc<Report>,
}

/// What was recognised in the input, one line each.
#[component]
fn Summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    if report.inputs.is_empty() {
        return html! {
            <div class="summary summary--empty" id="summary">
                <h2>{ "Paste something to start" }</h2>
                <p>{ "A JWT, an " }<code>{ "Authorization" }</code>{ " header, or a log line with a token in it. Each part is decoded and each time claim checked against your clock." }</p>
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
