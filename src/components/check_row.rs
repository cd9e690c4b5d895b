//! One row of a checks table: the verdict badge, the check's name, what was found and, when the
//! check did not pass, the fix. Shared by the token card and the DPoP proof card.

use crate::text::rich;
use why401_engine::report::Check;
use yew::prelude::*;

/// Which card a row belongs to: the page hook it carries (`data-check` on a token's rows,
/// `data-proof-check` on a proof's).
#[derive(Clone, Copy, PartialEq)]
pub enum Of {
    Token,
    Proof,
}

fn status_icon(status: &str) -> &'static str {
    match status {
        "pass" => "✓",
        "fail" => "✗",
        "warn" => "!",
        _ => "–",
    }
}

/// The row of check `name`; `fix` is shown under what was found (the caller decides for which
/// statuses there is one).
pub fn check_row(of: Of, name: &str, check: &Check, fix: Option<&str>) -> Html {
    let status = check.status.as_str();
    let name = AttrValue::from(name.to_string());
    html! {
        <tr class={classes!("check", format!("check--{status}"))}
            data-check={(of == Of::Token).then(|| name.clone())}
            data-proof-check={(of == Of::Proof).then(|| name.clone())}
            data-status={status}>
            <td><span class={classes!("badge", format!("badge--{status}"))}>
                <span aria-hidden="true">{ status_icon(status) }</span>{ format!(" {status}") }
            </span></td>
            <th scope="row"><code>{ name.clone() }</code></th>
            <td>
                { rich(&check.message) }
                if let Some(help) = fix {
                    <div class="check__fix"><strong>{ "Fix: " }</strong>{ rich(help) }</div>
                }
            </td>
        </tr>
    }
}
