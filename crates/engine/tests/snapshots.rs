//! The whole JSON report of every fixture, kept as a snapshot beside the fixtures.
//!
//! A fixture's expectation lines say what matters about its report; the snapshot holds all the
//! rest, so that a change anywhere in the report shows up in review. After a deliberate change,
//! `make snapshots` (or `INSTA_UPDATE=always cargo test -p why401-engine --test snapshots`)
//! rewrites them; CI never does.

mod support;

#[test]
fn every_fixture_report_matches_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _bound = settings.bind_to_scope();
    let mut count = 0;
    for (name, text) in support::all() {
        let (ctx, input, _) = support::setup(text).unwrap_or_else(|why| panic!("{name}: {why}"));
        let report = why401_engine::inspect(input, &ctx);
        let json = serde_json::to_string_pretty(&report).expect("a report serialises");
        insta::assert_snapshot!(name.replace('/', "__"), json);
        count += 1;
    }
    println!("{count} fixture reports match their snapshots");
}
