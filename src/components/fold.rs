//! The folded sections of the report: a `<details>` whose summary says what is inside, opened
//! with one click or key (no script needed to open it). Which sections are open is kept by the
//! page for the input it is about: a new report for the same input (the clock moves, a setting
//! changes) keeps them as the user left them, and a new input folds them all again.

use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// The sections open for one input, the input being named by its generation (a number the page
/// moves on each time the input changes).
#[derive(Clone, PartialEq, Default)]
pub struct FoldState {
    generation: u32,
    open: BTreeSet<AttrValue>,
}

/// A section opened or closed by the user, for the input of `generation`.
pub struct Toggled {
    pub generation: u32,
    pub id: AttrValue,
    pub open: bool,
}

impl Reducible for FoldState {
    type Action = Toggled;

    fn reduce(self: Rc<Self>, action: Toggled) -> Rc<Self> {
        // What was open for an earlier input is dropped, not carried over.
        let mut open = if action.generation == self.generation { self.open.clone() } else { BTreeSet::new() };
        if action.open {
            open.insert(action.id);
        } else {
            open.remove(&action.id);
        }
        let next = FoldState { generation: action.generation, open };
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// What the page shares with every folded section: the current input's generation and the state.
#[derive(Clone, PartialEq)]
pub struct Folds {
    pub generation: u32,
    pub state: UseReducerHandle<FoldState>,
}

impl Folds {
    fn is_open(&self, id: &str) -> bool {
        self.state.generation == self.generation && self.state.open.contains(id)
    }
}

#[derive(Properties, PartialEq)]
pub struct FoldProps {
    /// The `<details>` element's id, also the section's name in the kept state.
    pub id: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// What the summary line says: what is inside and how much.
    pub summary: Html,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Fold(props: &FoldProps) -> Html {
    let folds = use_context::<Folds>();
    let open = folds.as_ref().is_some_and(|f| f.is_open(&props.id));
    let ontoggle = {
        let id = props.id.clone();
        Callback::from(move |e: Event| {
            let Some(folds) = &folds else { return };
            let Some(details) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let now_open = details.has_attribute("open");
            // The page setting the attribute itself (a new input folding it) toggles too: only a
            // change from what is kept is recorded.
            if now_open != folds.is_open(&id) {
                folds.state.dispatch(Toggled { generation: folds.generation, id: id.clone(), open: now_open });
            }
        })
    };
    html! {
        <details id={props.id.clone()} class={classes!("fold", props.class.clone())} {open} {ontoggle}>
            <summary class="fold__summary">{ props.summary.clone() }</summary>
            <div class="fold__body">{ props.children.clone() }</div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggle(state: Rc<FoldState>, generation: u32, id: &'static str, open: bool) -> Rc<FoldState> {
        state.reduce(Toggled { generation, id: AttrValue::from(id), open })
    }

    #[test]
    fn sections_stay_open_for_their_input_and_fold_for_a_new_one() {
        let state = toggle(Rc::new(FoldState::default()), 1, "snippets-reproduce", true);
        let state = toggle(state, 1, "snippets-server", true);
        let state = toggle(state, 1, "snippets-server", false);
        assert_eq!(state.generation, 1);
        assert_eq!(state.open.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["snippets-reproduce"]);
        // The next input starts with nothing open, whatever the last one had.
        let state = toggle(state, 2, "annotated-fold", true);
        assert_eq!(state.open.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["annotated-fold"]);
        // Nothing changed: the same state, so nothing is drawn again.
        let same = toggle(state.clone(), 2, "annotated-fold", true);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
