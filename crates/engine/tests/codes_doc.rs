//! Every code is explained in the module that builds it, and `docs/codes.md` is generated from
//! the code table and those explanations. `UPDATE_CODES_DOC=1 cargo test -p why401-engine --test
//! codes_doc` rewrites the file after a deliberate change.

use why401_engine::docs;
use why401_engine::findings::Code;

#[test]
fn every_code_has_its_explanation_in_its_own_module() {
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let info = code.info();
        let homes: Vec<&str> = docs::modules().filter(|(_, list)| list.iter().any(|d| d.code == code)).map(|(m, _)| m).collect();
        match homes.as_slice() {
            [] => problems.push(format!("{} has no explanation", info.code)),
            [home] if *home != info.module => problems.push(format!("{} is explained in `{home}`, but the table says `{}` builds it", info.code, info.module)),
            [_] => {}
            more => problems.push(format!("{} is explained {} times ({more:?})", info.code, more.len())),
        }
        if let Some(d) = docs::doc(code) {
            for (field, text) in [("meaning", d.meaning), ("why", d.why), ("caller", d.caller), ("owner", d.owner)] {
                if text.trim().len() < 20 {
                    problems.push(format!("{}'s `{field}` is too short to explain anything: {text:?}", info.code));
                }
                if text.contains('\n') {
                    problems.push(format!("{}'s `{field}` has a line break", info.code));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn codes_md_is_generated_from_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/codes.md");
    let generated = docs::markdown();
    for &code in Code::ALL {
        assert!(generated.contains(&format!("### {} — ", code.as_str())), "{} is missing from the generated page", code.as_str());
    }
    if std::env::var_os("UPDATE_CODES_DOC").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(on_disk == generated, "docs/codes.md is stale: run `UPDATE_CODES_DOC=1 cargo test -p why401-engine --test codes_doc` and commit it");
}

#[test]
fn a_report_carries_the_explanations_of_its_codes_once_each() {
    let ctx = why401_engine::Context::new(1_764_003_600);
    // The same expired token in two requests: one code, two findings.
    let t = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQwMDAwMDB9.c2ln";
    let text =
        format!("GET /a HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {t}\n\nGET /b HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {t}x\n");
    let mut report = why401_engine::inspect(&text, &ctx);
    assert!(report.explanations.is_empty(), "the engine leaves explanations to the page's worker");
    docs::explain(&mut report);
    let codes: Vec<&str> = report.explanations.iter().map(|e| e.code.as_str()).collect();
    let mut expected: Vec<&str> = Vec::new();
    for f in &report.findings {
        if !expected.contains(&f.code.as_str()) {
            expected.push(f.code.as_str());
        }
    }
    assert_eq!(codes, expected);
    assert!(codes.contains(&"JWT001"), "{codes:?}");
    let json = report.to_json(false).unwrap();
    assert_eq!(json["explanations"].as_array().map(Vec::len), Some(codes.len()), "when filled, explanations travel with the report");
}
