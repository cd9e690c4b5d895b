//! A JSON value, indented, with keys and value types told apart by class (and so by colour).

use serde_json::Value;
use why401_engine::display::dictionary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonViewProps {
    pub value: Value,
    /// Labels the block for screen readers.
    pub label: AttrValue,
    /// Which dictionary explains the top-level member names.
    pub glossary: Glossary,
}

/// The dictionary a JSON block's member names come from.
#[derive(Clone, Copy, PartialEq)]
pub enum Glossary {
    Header,
    Claims,
}

impl Glossary {
    fn explain(self) -> fn(&str) -> Option<&'static str> {
        match self {
            Glossary::Header => dictionary::header,
            Glossary::Claims => dictionary::claim,
        }
    }
}

#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    let explain = props.glossary.explain();
    let known: Vec<(String, &'static str)> =
        props.value.as_object().map(|map| map.keys().filter_map(|k| explain(k).map(|e| (k.clone(), e))).collect()).unwrap_or_default();
    html! { <>
        <pre class="json" aria-label={props.label.clone()} tabindex="0"><code>{ node(&props.value, 0, explain) }</code></pre>
        if !known.is_empty() {
            <details class="glossary">
                <summary>{ format!("What these mean ({})", known.len()) }</summary>
                <dl class="glossary__list">
                    { for known.into_iter().map(|(k, e)| html! { <>
                        <dt><code>{ k }</code></dt><dd>{ crate::text::rich(e) }</dd>
                    </> }) }
                </dl>
            </details>
        }
    </> }
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
    html! { <span class={class}>{ crate::text::visible(&text, crate::text::Marker::Json) }</span> }
}

fn node(value: &Value, depth: usize, explain: fn(&str) -> Option<&'static str>) -> Html {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let last = map.len() - 1;
            html! { <>
                { "{\n" }
                { for map.iter().enumerate().map(|(i, (key, v))| html! { <>
                    { pad(depth + 1) }
                    <span class="json__key" title={if depth == 0 { explain(key).map(|e| e.replace('`', "")) } else { None }}>{ crate::text::visible(&Value::String(key.clone()).to_string(), crate::text::Marker::Json) }</span>
                    { ": " }{ node(v, depth + 1, explain) }{ if i < last { ",\n" } else { "\n" } }
                </> }) }
                { pad(depth) }{ "}" }
            </> }
        }
        Value::Array(items) if !items.is_empty() => {
            let last = items.len() - 1;
            html! { <>
                { "[\n" }
                { for items.iter().enumerate().map(|(i, v)| html! { <>
                    { pad(depth + 1) }{ node(v, depth + 1, explain) }{ if i < last { ",\n" } else { "\n" } }
                </> }) }
                { pad(depth) }{ "]" }
            </> }
        }
        Value::Object(_) => html! { "{}" },
        Value::Array(_) => html! { "[]" },
        other => scalar(other),
    }
}
