//! A JSON value, indented, with keys and value types told apart by class (and so by colour).

use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonViewProps {
    pub value: Value,
    /// Labels the block for screen readers.
    pub label: AttrValue,
}

#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    html! {
        <pre class="json" aria-label={props.label.clone()} tabindex="0"><code>{ node(&props.value, 0) }</code></pre>
    }
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

fn scalar(value: &Value) -> Html {
    let (class, text) = match value {
        Value::String(s) => ("json__string", Value::String(s.clone()).to_string()),
        Value::Number(n) => ("json__number", n.to_string()),
        Value::Bool(b) => ("json__bool", b.to_string()),
        _ => ("json__null", "null".to_string()),
    };
    html! { <span class={class}>{ text }</span> }
}

fn node(value: &Value, depth: usize) -> Html {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let last = map.len() - 1;
            html! { <>
                { "{\n" }
                { for map.iter().enumerate().map(|(i, (key, v))| html! { <>
                    { pad(depth + 1) }
                    <span class="json__key">{ Value::String(key.clone()).to_string() }</span>
                    { ": " }{ node(v, depth + 1) }{ if i < last { ",\n" } else { "\n" } }
                </> }) }
                { pad(depth) }{ "}" }
            </> }
        }
        Value::Array(items) if !items.is_empty() => {
            let last = items.len() - 1;
            html! { <>
                { "[\n" }
                { for items.iter().enumerate().map(|(i, v)| html! { <>
                    { pad(depth + 1) }{ node(v, depth + 1) }{ if i < last { ",\n" } else { "\n" } }
                </> }) }
                { pad(depth) }{ "]" }
            </> }
        }
        Value::Object(_) => html! { "{}" },
        Value::Array(_) => html! { "[]" },
        other => scalar(other),
    }
}
