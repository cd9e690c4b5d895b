//! Rendering the engine's message text: `backticked` literals become code.

use yew::prelude::*;

/// A sentence whose backticked parts are shown as code. Everything is text: nothing in it can
/// become markup.
pub fn rich(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { html! { <code>{ part.to_string() }</code> } } else { html! { { part.to_string() } } })
        .collect::<Html>()
}
