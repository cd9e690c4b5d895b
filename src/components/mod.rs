//! One component per file.

pub mod annotated;
pub mod check_row;
pub mod checklist;
pub mod cookie_list;
pub mod copy;
pub mod cors_fix;
pub mod credentials;
pub mod examples;
pub mod exchanges;
pub mod findings;
pub mod fold;
pub mod incident;
pub mod input_panel;
pub mod json_view;
pub mod key_panel;
pub mod proof_view;
pub mod settings;
pub mod snippets;
pub mod theme;
pub mod token_view;
