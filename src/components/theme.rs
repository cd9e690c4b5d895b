//! The theme switch: follow the system (the default), or always light, or always dark. The choice
//! is the one thing besides the checklist that the page keeps in `localStorage`.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

const KEY: &str = "why401.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Applies a theme (`system`, `light` or `dark`) to the page and remembers it.
fn apply(theme: &str) {
    if let Some(root) = root() {
        let _ = match theme {
            "light" | "dark" => root.set_attribute("data-theme", theme),
            _ => root.remove_attribute("data-theme"),
        };
    }
    if let Some(storage) = storage() {
        let _ = match theme {
            "light" | "dark" => storage.set_item(KEY, theme),
            _ => storage.remove_item(KEY),
        };
    }
}

#[component]
pub fn ThemeSwitch() -> Html {
    let theme =
        use_state(|| storage().and_then(|s| s.get_item(KEY).ok().flatten()).filter(|t| t == "light" || t == "dark").unwrap_or_else(|| "system".to_string()));
    let onchange = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            apply(&value);
            theme.set(value);
        })
    };
    let option = |value: &'static str, label: &'static str| {
        html! {
            <option {value} selected={*theme == value}>{ label }</option>
        }
    };
    html! {
        <label class="theme" for="theme">
            { "Theme" }
            <select id="theme" {onchange}>
                { option("system", "As the system") }
                { option("light", "Light") }
                { option("dark", "Dark") }
            </select>
        </label>
    }
}
