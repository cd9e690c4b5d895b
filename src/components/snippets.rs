//! The snippets of the report: commands that reproduce the diagnosed request (curl, HTTPie,
//! fetch) and server configuration for the fix (nginx, Express), each ready to copy. The engine
//! writes them; this only shows them, as text, folded in two sections (the commands, the server
//! configuration) whose summary lines name what is inside.

use crate::components::copy::CopyButton;
use crate::components::fold::Fold;
use crate::shared::Shared;
use why401_engine::report::Snippet;
use why401_engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub report: Shared<Report>,
    /// The snippets carry the real credentials (the user asked).
    pub real: bool,
    pub on_real: Callback<bool>,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let snippets = &props.report.snippets;
    if snippets.is_empty() {
        return Html::default();
    }
    let onchange = {
        let on_real = props.on_real.clone();
        Callback::from(move |e: Event| {
            let field: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_real.emit(field.checked());
        })
    };
    let block = |s: &why401_engine::report::Snippet| {
        let title_id = format!("snippet-{}-title", s.id);
        let what = format!("the {} snippet", s.title);
        html! {
            <div class="cors-fix__block" key={s.id.clone()}>
                <div class="cors-fix__bar">
                    <h3 id={title_id.clone()}>{ s.title.clone() }</h3>
                    <CopyButton text={AttrValue::from(s.text.clone())} what={AttrValue::from(what)} />
                </div>
                <pre class="cors-fix__code" id={format!("snippet-{}", s.id)} data-language={s.language.clone()}
                    role="group" aria-labelledby={title_id} tabindex="0"><code>{ s.text.clone() }</code></pre>
            </div>
        }
    };
    let (commands, config): (Vec<_>, Vec<_>) = snippets.iter().partition(|s| is_command(s));
    html! {
        <section class="token-card snippets" id="snippets" aria-labelledby="snippets-title">
            <h2 id="snippets-title">{ "Reproduce and fix" }</h2>
            if !commands.is_empty() {
                <Fold id="snippets-reproduce" class="snippets__fold" summary={html! { { summary_line("Reproduce with", &commands, "command", "commands") } }}>
                    <p class="cors-fix__lead">
                        { "Built from the pasted request. Credentials are placeholders such as " }<code>{ "$TOKEN" }</code>
                        { " unless you ask for the real values; set them before running a command." }
                    </p>
                    <label class="settings__switch" for="snippets-real">
                        <input type="checkbox" id="snippets-real" checked={props.real} onchange={onchange} />
                        <span>{ "Put the real credentials in the snippets (they will be on screen and in what you copy)" }</span>
                    </label>
                    { for commands.iter().map(|s| block(s)) }
                </Fold>
            }
            if !config.is_empty() {
                <Fold id="snippets-server" class="snippets__fold" summary={html! { { summary_line("Server configuration for", &config, "snippet", "snippets") } }}>
                    { for config.iter().map(|s| block(s)) }
                </Fold>
            }
        </section>
    }
}

/// A snippet that reproduces the request (run by the caller), as opposed to server configuration.
fn is_command(snippet: &Snippet) -> bool {
    matches!(snippet.id.as_str(), "curl" | "httpie" | "fetch")
}

/// "Reproduce with curl, HTTPie, fetch — 3 commands": what the folded section holds, named by the
/// tool of each snippet (the part of its title before a colon, or after "with").
fn summary_line(lead: &str, snippets: &[&Snippet], one: &str, many: &str) -> String {
    let names: Vec<&str> = snippets.iter().map(|s| tool_name(&s.title)).collect();
    let count = snippets.len();
    format!("{lead} {} — {count} {}", names.join(", "), if count == 1 { one } else { many })
}

fn tool_name(title: &str) -> &str {
    let name = title.split_once(':').map_or(title, |(tool, _)| tool);
    let name = name.rsplit_once(" with ").map_or(name, |(_, tool)| tool);
    name.split(" (").next().unwrap_or(name).trim()
}

#[cfg(test)]
mod tests {
    use super::tool_name;

    #[test]
    fn a_snippet_is_named_by_its_tool() {
        assert_eq!(tool_name("Reproduce with curl"), "curl");
        assert_eq!(tool_name("Reproduce with fetch (browser console)"), "fetch");
        assert_eq!(tool_name("nginx: pass Authorization on to the API"), "nginx");
        assert_eq!(tool_name("Express: check the Bearer token"), "Express");
        assert_eq!(tool_name("Caddy"), "Caddy");
    }
}
