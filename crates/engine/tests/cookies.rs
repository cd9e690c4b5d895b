//! Cookie conformance, read in place from `../shared/vectors/cookies`: the http-state parser
//! suite (via tough-cookie), the web-platform-tests cookie cases (via gun) and the cookie-date
//! examples. Each suite prints `N cases, A agree, E excluded`; a disagreement fails unless it is
//! in that suite's list of deliberate exclusions, each with the rule behind it, and an exclusion
//! that has started to agree fails too, so the lists stay true.
//!
//! Both cookie suites run through the engine's replay of exchanges (`http::replay`), the code
//! that computes `exchanges[].cookies.expected` for a pasted capture: the response to the
//! setting URL carries the suite's `Set-Cookie` lines, and the `Cookie` header a browser would
//! send on the next request is compared with the suite's.

use serde_json::Value;
use std::path::PathBuf;
use url::Url;
use why401_engine::cookie::parse_cookie_date;
use why401_engine::http::exchange::analyze;
use why401_engine::http::message::{Header, Message, Source, StartLine};
use why401_engine::http::replay::{replay, Step};
use why401_engine::Context;

/// The `Cookie` header a browser sends to `get` after a response from `set` carried `lines`,
/// as the engine's exchange replay computes it.
fn replayed(lines: &[&str], set: &Url, get: &Url) -> String {
    let ctx = Context::new(NOW);
    let header = |name: &str, value: &str| Header { name: name.into(), value: value.into(), line: 1 };
    let request = |url: &Url| Message {
        start: StartLine::Request { method: "GET".into(), target: url.to_string(), version: "HTTP/1.1".into() },
        headers: vec![header("Host", url.host_str().unwrap_or(""))],
        body: String::new(),
        line: 1,
        source: Source::Raw,
        lines: (1, 1),
        parsed: Default::default(),
    };
    let first = request(set);
    let response = Message {
        start: StartLine::Response { version: "HTTP/1.1".into(), status: 200, reason: "OK".into() },
        headers: lines.iter().map(|l| header("Set-Cookie", l)).collect(),
        body: String::new(),
        line: 1,
        source: Source::Raw,
        lines: (1, 1),
        parsed: Default::default(),
    };
    let second = request(get);
    let pairs = [(Some(&first), Some(&response)), (Some(&second), None)];
    let mut exchanges: Vec<_> = pairs.iter().map(|(q, r)| analyze(*q, *r, &[], &ctx).0).collect();
    let steps: Vec<Step> = pairs.iter().map(|(q, r)| Step { request: *q, response: *r, ..Default::default() }).collect();
    replay(&steps, &mut exchanges, &ctx, false);
    exchanges[1].cookies.expected.as_ref().map(|h| h.expose().to_string()).unwrap_or_default()
}

/// 2017-08-09T00:00:00Z, when the suites' "future" dates (2027, 2029, 2038) are all ahead.
const NOW: i64 = 1_502_236_800;

fn dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/cookies");
    if dir.is_dir() {
        return Some(dir);
    }
    let message = "skipped: ../shared/vectors/cookies not found";
    assert!(std::env::var_os("CI").is_none(), "{message}: CI must run the cookie conformance suites");
    println!("{message}");
    None
}

fn read(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Counts a suite, checks it against its exclusions and fails on anything unexplained.
fn verdict(suite: &str, total: usize, disagreements: Vec<(String, String)>, exclusions: &[(&str, &str)]) {
    let mut problems = Vec::new();
    let mut excluded = 0;
    for (id, what) in &disagreements {
        match exclusions.iter().find(|(x, _)| x == id) {
            Some(_) => {
                excluded += 1;
                println!("  excluded {id}: {what}");
            }
            None => problems.push(format!("{id}: {what}")),
        }
    }
    for (id, why) in exclusions {
        if !disagreements.iter().any(|(d, _)| d == id) {
            problems.push(format!("{id} is listed as an exclusion ({why}) but now agrees or does not exist"));
        }
    }
    println!("{suite}: {total} cases, {} agree, {excluded} excluded", total - disagreements.len());
    assert!(problems.is_empty(), "{suite}:\n{}", problems.join("\n"));
}

const NAMELESS: &str = "RFC 6265bis §5.6 step 3: a name-value pair without `=` (or with an empty name) is a cookie with an \
    empty name that is stored and sent as its bare value; the suite predates this and follows RFC 6265 §5.2, which ignored \
    it (Chromium, Firefox and Safari now follow 6265bis; WPT name.json checks the new rule)";

/// http-state cases where RFC 6265bis, and today's browsers, deliberately differ.
const HTTP_STATE_EXCLUSIONS: &[(&str, &str)] = &[
    ("0004", NAMELESS),
    ("0021", NAMELESS),
    ("0023", NAMELESS),
    ("0024", NAMELESS),
    ("0025", NAMELESS),
    ("0026", NAMELESS),
    ("0027", NAMELESS),
    ("0028", NAMELESS),
    ("CHROMIUM0009", NAMELESS),
    ("CHROMIUM0010", NAMELESS),
    ("CHROMIUM0012", NAMELESS),
    ("MOZILLA0012", NAMELESS),
    ("MOZILLA0014", NAMELESS),
    ("MOZILLA0015", NAMELESS),
    ("MOZILLA0016", NAMELESS),
    ("MOZILLA0017", NAMELESS),
    ("NAME0017", NAMELESS),
    ("NAME0023", NAMELESS),
    ("NAME0025", NAMELESS),
    ("NAME0028", NAMELESS),
    ("NAME0031", NAMELESS),
    ("NAME0032", NAMELESS),
    ("NAME0033", NAMELESS),
    (
        "OPTIONAL_DOMAIN0042",
        "RFC 6265bis §5.6.3 no longer ignores an empty `Domain` (RFC 6265 §5.2.3 said SHOULD ignore): the last `Domain`, \
         the empty one, wins and the cookie is host-only for home.example.org, so it is sent there",
    ),
    (
        "DISABLED_CHROMIUM0022",
        "disabled upstream; RFC 6265bis §5.6 step 1 ignores a line holding NUL (a CTL other than HTAB) instead of \
         truncating the value there",
    ),
    (
        "DISABLED_CHROMIUM0023",
        "disabled upstream; RFC 6265bis §5.6 step 1 ignores a line holding CR (a CTL other than HTAB) instead of \
         truncating the value there",
    ),
    (
        "DISABLED_PATH0029",
        "disabled upstream; RFC 6265bis §5.1.4 path-match compares octets and §5.6 says not to decode percent-encoding, \
         so `/f%6Fo/bar` does not match the path `/foo/bar`",
    ),
];

#[test]
fn http_state_parser_suite() {
    let Some(dir) = dir() else { return };
    let cases = read(dir.join("http-state-parser.json"));
    let cases = cases.as_array().expect("an array");
    let base = Url::parse("http://home.example.org:8888").expect("base");
    let mut disagreements = Vec::new();
    for case in cases {
        let id = case["test"].as_str().expect("test").to_string();
        let from = base.join(&format!("/cookie-parser?{id}")).expect("from");
        let to = match case["sent-to"].as_str() {
            Some(to) => base.join(to).expect("sent-to"),
            None => base.join(&format!("/cookie-parser-result?{id}")).expect("to"),
        };
        let lines: Vec<&str> = case["received"].as_array().expect("received").iter().map(|l| l.as_str().expect("line")).collect();
        let got = replayed(&lines, &from, &to);
        // The suite lists (name, value) pairs; on the wire a nameless cookie is its bare value.
        let want: Vec<String> = case["sent"]
            .as_array()
            .expect("sent")
            .iter()
            .map(|s| {
                let (name, value) = (s["name"].as_str().expect("name"), s["value"].as_str().expect("value"));
                if name.is_empty() {
                    value.to_string()
                } else {
                    format!("{name}={value}")
                }
            })
            .collect();
        let want = want.join("; ");
        if got != want {
            disagreements.push((id, format!("sent {:.200?}, expected {:.200?}", got, want)));
        }
    }
    assert_eq!(cases.len(), 222, "the suite changed size");
    verdict("http-state parser", cases.len(), disagreements, HTTP_STATE_EXCLUSIONS);
}

/// WPT cases (file, case name) where an HTTP `Set-Cookie` cannot behave as the DOM test does.
const WPT_EXCLUSIONS: &[(&str, &str)] = &[(
    "value.json: Set cookie but ignore value after LF",
    "the WPT case sets `test=13\\nZYX` through document.cookie, which stops at the LF; in a `Set-Cookie` field \
     RFC 6265bis §5.6 step 1 ignores any line holding a CTL other than HTAB (and RFC 9110 forbids LF in a field value); \
     gun skips this case for the same reason",
)];

/// The path the WPT harness (gun's rfc6265bis_SUITE) reads cookies back from for each file when
/// `defaultPath` is false.
fn wpt_test_path(file: &str) -> &'static str {
    match file {
        "encoding_charset.json" => "/cookies/encoding",
        "name.json" => "/cookies/name",
        "value.json" => "/cookies/value",
        f if f.starts_with("size_") => "/cookies/size",
        _ => "/cookies/attributes",
    }
}

#[test]
fn web_platform_tests_cookie_cases() {
    let Some(dir) = dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("wpt"))
        .expect("wpt folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut total, mut disagreements) = (0, Vec::new());
    for path in &files {
        let file = path.file_name().expect("name").to_string_lossy().into_owned();
        // As gun runs them: the secure files over https and plain http respectively, the rest
        // over both.
        let schemes: &[&str] = match file.as_str() {
            "attributes_secure.json" => &["https"],
            "attributes_secure_non_secure.json" => &["http"],
            _ => &["http", "https"],
        };
        for case in read(path.clone()).as_array().expect("an array") {
            total += 1;
            let name = case["name"].as_str().expect("name");
            let lines: Vec<&str> = match &case["cookie"] {
                Value::Array(a) => a.iter().map(|l| l.as_str().expect("line")).collect(),
                v => vec![v.as_str().expect("cookie")],
            };
            let expected = case["expected"].as_str().expect("expected");
            let default_path = case["defaultPath"].as_bool().unwrap_or(true);
            let mut wrong = Vec::new();
            for scheme in schemes {
                let set = Url::parse(&format!("{scheme}://web-platform.test/cookie-set?ttb")).expect("set url");
                let read_from = if default_path { "/cookie-echo" } else { wpt_test_path(&file) };
                let get = Url::parse(&format!("{scheme}://web-platform.test{read_from}")).expect("get url");
                let got = replayed(&lines, &set, &get);
                if got != expected {
                    wrong.push(format!("over {scheme} sent {:.120?}, expected {:.120?}", got, expected));
                }
            }
            if !wrong.is_empty() {
                disagreements.push((format!("{file}: {name}"), wrong.join("; ")));
            }
        }
    }
    assert!(files.len() >= 11 && total >= 166, "{} files, {total} cases", files.len());
    verdict("WPT cookies", total, disagreements, WPT_EXCLUSIONS);
}

fn http_date(seconds: i64) -> String {
    let format = time::macros::format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    time::OffsetDateTime::from_unix_timestamp(seconds).expect("a representable date").format(&format).expect("formats")
}

#[test]
fn cookie_date_examples() {
    let Some(dir) = dir() else { return };
    for file in ["dates-examples.json", "dates-bsd-examples.json"] {
        let cases = read(dir.join(file));
        let cases = cases.as_array().expect("an array");
        let mut disagreements = Vec::new();
        for case in cases {
            let text = case["test"].as_str().expect("test");
            // `null` (or an empty string) marks a date that must not parse.
            let want = case["expected"].as_str().filter(|s| !s.is_empty()).map(str::to_string);
            let got = parse_cookie_date(text).map(http_date);
            if got != want {
                disagreements.push((text.to_string(), format!("parsed {got:?}, expected {want:?}")));
            }
        }
        verdict(file, cases.len(), disagreements, &[]);
    }
}
