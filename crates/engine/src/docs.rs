//! The long explanation of every code: each rule module keeps a `DOCS` list for the codes it
//! builds (what a code means, why it refuses the request, the fix for the caller and for the
//! API owner); this module gathers them for `docs/codes.md` and for the page.

use crate::findings::{Code, CodeDoc, Explanation};
use crate::report::Report;

/// Every module's explanations, with the module's name as the code table writes it.
const MODULES: &[(&str, &[CodeDoc])] = &[
    // BEGIN generated module list
    ("pipeline", crate::pipeline::DOCS),
    ("pipeline/inputs", crate::pipeline::inputs::DOCS),
    ("jwt/time", crate::jwt::time::DOCS),
    ("jwt", crate::jwt::DOCS),
    ("jose/key", crate::jose::key::DOCS),
    ("jose/signature", crate::jose::signature::DOCS),
    ("headers/authorization", crate::headers::authorization::DOCS),
    ("headers/challenge", crate::headers::challenge::DOCS),
    ("pipeline/resolve", crate::pipeline::resolve::DOCS),
    ("http/exchange", crate::http::exchange::DOCS),
    ("pipeline/read", crate::pipeline::read::DOCS),
    ("cors", crate::cors::DOCS),
    ("pipeline/exchanges", crate::pipeline::exchanges::DOCS),
    ("jwt/claims", crate::jwt::claims::DOCS),
    ("http/replay", crate::http::replay::DOCS),
    ("http/cors_flow", crate::http::cors_flow::DOCS),
    ("oauth", crate::oauth::DOCS),
    ("logs", crate::logs::DOCS),
    ("logs/config", crate::logs::config::DOCS),
    ("schemes/digest", crate::schemes::digest::DOCS),
    ("schemes/sigv4", crate::schemes::sigv4::DOCS),
    ("schemes/ntlm", crate::schemes::ntlm::DOCS),
    ("schemes/negotiate", crate::schemes::negotiate::DOCS),
    ("schemes/windows", crate::schemes::windows::DOCS),
    ("schemes", crate::schemes::DOCS),
    ("schemes/proxy", crate::schemes::proxy::DOCS),
    ("mtls", crate::mtls::DOCS),
    ("pipeline/documents", crate::pipeline::documents::DOCS),
    ("metadata", crate::metadata::DOCS),
    ("jose/json", crate::jose::json::DOCS),
    ("token_response", crate::token_response::DOCS),
    ("dpop", crate::dpop::DOCS),
    ("pipeline/proofs", crate::pipeline::proofs::DOCS),
    // END generated module list
];

/// The modules and the explanations each keeps.
pub fn modules() -> impl Iterator<Item = (&'static str, &'static [CodeDoc])> {
    MODULES.iter().copied()
}

/// The explanation of `code`, if its module has one.
pub fn doc(code: Code) -> Option<&'static CodeDoc> {
    MODULES.iter().flat_map(|(_, docs)| docs.iter()).find(|d| d.code == code)
}

/// Adds to `report` the explanation of each code among its findings, once per code, in the
/// order the codes first appear (the page's worker does this before sending a report).
pub fn explain(report: &mut Report) {
    let mut out: Vec<Explanation> = Vec::new();
    for finding in &report.findings {
        if out.iter().any(|e| e.code == finding.code) {
            continue;
        }
        if let Some(d) = doc(finding.code) {
            out.push(Explanation {
                code: d.code,
                meaning: d.meaning.to_owned(),
                why: d.why.to_owned(),
                caller: d.caller.to_owned(),
                owner: d.owner.to_owned(),
            });
        }
    }
    report.explanations = out;
}

/// `docs/codes.md`: the code table with every code's explanation, grouped by prefix.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Finding codes\n\nGenerated from the code table (`crates/engine/src/findings.rs`) and the explanations kept in\neach rule module (`DOCS`); `cargo test -p why401-engine --test codes_doc` fails when this file is\nstale, and `UPDATE_CODES_DOC=1` with the same command rewrites it. Codes are never renumbered or\nreused.\n",
    );
    let mut prefix = String::new();
    for &code in Code::ALL {
        let info = code.info();
        let this: String = info.code.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        if this != prefix {
            out.push_str(&format!("\n## {this}\n"));
            prefix = this;
        }
        out.push_str(&format!("\n### {} — {}\n\n", info.code, info.title));
        let lifecycle = match info.lifecycle {
            crate::findings::Lifecycle::Stable => "stable",
            crate::findings::Lifecycle::Retired => "retired",
        };
        out.push_str(&format!(
            "Severity: {} · checklist step: `{}` · built in `{}` · {lifecycle}\n\n",
            info.severity.as_str(),
            info.step.as_str(),
            info.module
        ));
        if let Some(d) = doc(code) {
            out.push_str(&format!("**What it means.** {}\n\n", d.meaning));
            out.push_str(&format!("**Why it refuses the request.** {}\n\n", d.why));
            out.push_str(&format!("**Fix for the caller.** {}\n\n", d.caller));
            out.push_str(&format!("**Fix for the API owner.** {}\n\n", d.owner));
        }
        out.push_str(&format!("**In short.** {}\n", info.help));
        if !info.references.is_empty() {
            out.push_str(&format!("\nReferences: {}\n", info.references.join(", ")));
        }
    }
    out
}
