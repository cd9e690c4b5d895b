//! Points the browser tests at the shared conformance vectors, when they are beside the project.
//! WebAssembly tests cannot read files, so the vectors are compiled in (read in place, never
//! copied); without them the suites are left out with a message.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(vectors)");
    println!("cargo::rerun-if-changed=build.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors");
    if dir.join("wycheproof").is_dir() {
        println!("cargo::rustc-cfg=vectors");
        println!("cargo::rustc-env=WHY401_VECTORS={}", dir.display());
    } else {
        println!("cargo::warning=../shared/vectors not found: the browser conformance suites are skipped");
    }
}
