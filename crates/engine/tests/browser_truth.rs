//! What Chromium truly did, replayed without a browser: each scenario of the real-browser truth
//! harness (`tests/truth/`) left three captures of itself in `tests/data/browser-truth/` (the HAR
//! Playwright records, one built from the DevTools protocol as a user's export looks, and the
//! server's view as a proxy between browser and sites would export it) and the
//! truth of each check (the `Cookie` names the server received, whether the page could read the
//! response, whether `Authorization` reached a redirect's target), and the third-party cookie
//! setting Chromium had (the scenarios run both blocked and allowed). The engine's report on each
//! capture is judged the way `tests/truth/judge.mjs` judges the CLI's: the same checks, the same
//! bars, the same list of known disagreements (`tests/truth/known.json`), each with its reason.
//! A disagreement not on the list fails, and so does a family below its bar; a listed one that
//! now agrees is printed so the list can shrink.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use why401_engine::context::{Browser, ThirdPartyCookies};
use why401_engine::{inspect, Context};

/// The fewest agreements per HAR format and family, as measured when the fixtures were recorded.
const BARS: &[(&str, &str, usize)] = &[
    ("playwright", "cookies", 169),
    ("playwright", "cors", 210),
    ("playwright", "redirects", 28),
    ("devtools", "cookies", 169),
    ("devtools", "cors", 210),
    ("devtools", "redirects", 28),
    ("proxy", "cookies", 172),
    ("proxy", "cors", 183),
    ("proxy", "redirects", 28),
];

const FORMATS: [&str; 3] = ["playwright", "devtools", "proxy"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(path: &PathBuf) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of a `Cookie` header (values may be redacted), sorted; none for `null`.
fn cookie_names(header: &Value) -> Vec<String> {
    let mut names: Vec<String> = header
        .as_str()
        .map(|h| h.split(';').map(str::trim).filter(|p| !p.is_empty()).map(|p| p.split_once('=').map_or("", |(n, _)| n).to_string()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn same_url(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The index of the first request with that method and URL; `request` picks it from an item.
fn find(items: &Value, want: &Value, request: impl Fn(&Value) -> &Value) -> Option<usize> {
    items.as_array()?.iter().position(|item| {
        let r = request(item);
        r["method"] == want["method"] && same_url(r["url"].as_str().unwrap_or(""), want["url"].as_str().unwrap_or(""))
    })
}

fn has_authorization(entry: &Value) -> bool {
    entry["request"]["headers"].as_array().is_some_and(|hs| hs.iter().any(|h| h["name"].as_str().is_some_and(|n| n.eq_ignore_ascii_case("authorization"))))
}

/// The `Cookie` names the server received, from a check's truth.
fn truth_names(truth: &Value) -> Vec<String> {
    truth["cookies"].as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_string)).collect()
}

/// What a variant of a check takes out of the capture.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strip {
    Nothing,
    /// Every `Cookie` request header (`@blind`, `blind` in `judge.mjs`).
    CookieHeaders,
    /// `Cookie`, `Set-Cookie` and `Authorization`, as a sanitized DevTools export (`@sanitized`,
    /// `sanitized` in `judge.mjs`).
    Sanitized,
}

fn strip_headers(har: &mut Value, strip: Strip) {
    let names: &[&str] = match strip {
        Strip::Nothing => return,
        Strip::CookieHeaders => &["cookie"],
        Strip::Sanitized => &["cookie", "set-cookie", "authorization"],
    };
    for entry in har["log"]["entries"].as_array_mut().into_iter().flatten() {
        let sides: &[&str] = if strip == Strip::CookieHeaders { &["request"] } else { &["request", "response"] };
        for side in sides {
            if let Some(headers) = entry[*side]["headers"].as_array_mut() {
                headers.retain(|h| !h["name"].as_str().is_some_and(|n| names.iter().any(|x| n.eq_ignore_ascii_case(x))));
            }
            if entry[*side]["cookies"].is_array() {
                entry[*side]["cookies"] = json!([]);
            }
        }
    }
}

/// The exchange of a check's request; for a CORS check whose request the browser never sent
/// (its preflight failed), the preflight's, which is all a server-side capture holds of it.
fn find_or_preflight(exchanges: &Value, check: &Value) -> Option<usize> {
    find(exchanges, &check["request"], |e| &e["request"]).or_else(|| {
        if check["family"] != "cors" {
            return None;
        }
        find(exchanges, &json!({ "method": "OPTIONS", "url": check["request"]["url"] }), |e| &e["request"])
    })
}

struct Judged {
    id: String,
    family: String,
    agree: bool,
    detail: String,
}

fn report(har: &Value, origin: &Value, now: i64, third_party: Option<ThirdPartyCookies>) -> Value {
    let mut ctx = Context::new(now);
    ctx.origin = origin.as_str().map(str::to_string);
    ctx.browser = Some(Browser::Chromium);
    ctx.third_party_cookies = third_party;
    inspect(&har.to_string(), &ctx).to_json(false).expect("the report serialises")
}

/// Judges one scenario's capture in one format, as `judgeScenario` in `tests/truth/judge.mjs`.
fn judge(truth: &Value, har: &Value) -> Vec<Judged> {
    let scenario = truth["scenario"].as_str().unwrap_or("?");
    let now = truth["now"].as_i64().unwrap_or(0);
    let third_party = truth["third_party_cookies"].as_str().and_then(ThirdPartyCookies::parse);
    let mut out = Vec::new();
    // Reports by (origin, how the capture was cut: `None` whole, `Some(i)` after entry `i`, and
    // what was taken out of it).
    let mut cache: BTreeMap<(String, Option<usize>, Strip), Value> = BTreeMap::new();
    let mut report_for = |origin: &Value, cut: Option<usize>, strip: Strip| -> Value {
        let key = (origin.to_string(), cut, strip);
        cache
            .entry(key)
            .or_insert_with(|| {
                let mut h = har.clone();
                if let (Some(last), Some(entries)) = (cut, h["log"]["entries"].as_array_mut()) {
                    entries.truncate(last + 1);
                }
                strip_headers(&mut h, strip);
                report(&h, origin, now, third_party)
            })
            .clone()
    };
    for check in truth["checks"].as_array().into_iter().flatten() {
        let id = format!("{scenario}/{}", check["id"].as_str().unwrap_or("?"));
        let family = check["family"].as_str().unwrap_or("?").to_string();
        let t = &check["truth"];
        let mut push = |id: String, agree: bool, detail: String| out.push(Judged { id, family: family.clone(), agree, detail });
        if let Some(error) = t["error"].as_str() {
            push(id, false, format!("no truth: {error}"));
            continue;
        }
        if family == "redirects" {
            for cut in [false, true] {
                let rid = if cut { format!("{id}@cut") } else { id.clone() };
                let Some(first) = find(&har["log"]["entries"], &check["first"], |e| &e["request"]) else {
                    push(rid, false, "the capture has no entry for the first hop".into());
                    continue;
                };
                // The hop that redirects to the target: the first, unless the chain is longer.
                let last_hop = if check["last"].is_null() { &check["first"] } else { &check["last"] };
                let last = find(&har["log"]["entries"], last_hop, |e| &e["request"]);
                if cut && last.is_none() {
                    push(rid, false, "the capture has no entry for the last redirect".into());
                    continue;
                }
                let report = report_for(&check["origin"], if cut { last } else { None }, Strip::Nothing);
                // HTTP017 about any exchange of the chain, from the first hop to the target (or,
                // cut, to the last redirect).
                let from = find(&report["exchanges"], &check["first"], |e| &e["request"]);
                let to = if cut {
                    find(&report["exchanges"], last_hop, |e| &e["request"])
                } else {
                    find(&report["exchanges"], &check["request"], |e| &e["request"])
                };
                let carried = has_authorization(&har["log"]["entries"][first]);
                let dropped = from.is_some_and(|from| {
                    let to = to.unwrap_or(from).max(from);
                    report["findings"].as_array().into_iter().flatten().any(|f| {
                        f["code"] == "HTTP017" && f["exchange"].as_u64().and_then(|x| usize::try_from(x).ok()).is_some_and(|x| (from..=to).contains(&x))
                    })
                });
                let reached = carried && !dropped;
                let detail = if !carried {
                    "the capture shows no Authorization on the first hop"
                } else if dropped {
                    "HTTP017: dropped"
                } else {
                    "no HTTP017: kept"
                };
                push(rid, t["reachedFinal"].as_bool() == Some(reached), detail.into());
            }
            continue;
        }
        let report = report_for(&check["origin"], None, Strip::Nothing);
        let Some(i) = find_or_preflight(&report["exchanges"], check) else {
            push(id, false, "the capture has no entry for the request".into());
            continue;
        };
        let exchange = &report["exchanges"][i];
        // The same check on the report made without an origin (`@no-origin`).
        let bare = report_for(&Value::Null, None, Strip::Nothing);
        let b = find_or_preflight(&bare["exchanges"], check).map(|i| &bare["exchanges"][i]);
        match (family.as_str(), b) {
            ("cookies", b) => {
                let names = b.map(|b| cookie_names(&b["cookies"]["expected"])).unwrap_or_default();
                let truth = truth_names(t);
                push(format!("{id}@no-origin"), names == truth, format!("engine [{}] · server [{}]", names.join(","), truth.join(",")));
            }
            ("cors", Some(b)) => {
                let verdict = b["cors"]["verdict"].as_str().unwrap_or("");
                let readable = t["readable"].as_bool() == Some(true);
                push(
                    format!("{id}@no-origin"),
                    (verdict != "fail") == readable,
                    format!("engine {verdict} · page {}", if readable { "read" } else { "blocked" }),
                );
            }
            ("cors", None) => push(format!("{id}@no-origin"), false, "the capture has no entry for the request".into()),
            _ => {}
        }
        match family.as_str() {
            "cookies" => {
                let names = cookie_names(&exchange["cookies"]["expected"]);
                let truth = truth_names(t);
                push(id.clone(), names == truth, format!("engine [{}] · server [{}]", names.join(","), truth.join(",")));
                let blind = report_for(&check["origin"], None, Strip::CookieHeaders);
                let names = find(&blind["exchanges"], &check["request"], |e| &e["request"])
                    .map(|i| cookie_names(&blind["exchanges"][i]["cookies"]["expected"]))
                    .unwrap_or_default();
                push(format!("{id}@blind"), names == truth, format!("engine [{}] · server [{}]", names.join(","), truth.join(",")));
            }
            "cors" => {
                let verdict = exchange["cors"]["verdict"].as_str().unwrap_or("");
                let readable = t["readable"].as_bool() == Some(true);
                let page = if readable { "read" } else { "blocked" };
                push(id.clone(), (verdict != "fail") == readable, format!("engine {verdict} · page {page}"));
                let clean = report_for(&check["origin"], None, Strip::Sanitized);
                match find_or_preflight(&clean["exchanges"], check) {
                    Some(i) => {
                        let verdict = clean["exchanges"][i]["cors"]["verdict"].as_str().unwrap_or("");
                        push(format!("{id}@sanitized"), (verdict != "fail") == readable, format!("engine {verdict} · page {page}"));
                    }
                    None => push(format!("{id}@sanitized"), false, "the capture has no entry for the request".into()),
                }
            }
            other => push(id, false, format!("unknown family `{other}`")),
        }
    }
    out
}

#[test]
fn the_engine_agrees_with_what_chromium_did() {
    let dir = root().join("crates/engine/tests/data/browser-truth");
    let known = read_json(&root().join("tests/truth/known.json"));
    let mut truths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    assert!(!truths.is_empty(), "no fixtures in {}", dir.display());
    // As `knownFor` in `judge.mjs`: the same id and family, in this HAR format or in all.
    let known_why = |format: &str, j: &Judged| -> Option<String> {
        known
            .as_array()?
            .iter()
            .find(|k| {
                k["id"] == json!(j.id)
                    && k["family"] == json!(j.family)
                    && (k["har"].is_null() || k["har"] == json!(format) || k["har"].as_array().is_some_and(|list| list.contains(&json!(format))))
            })
            .and_then(|k| k["why"].as_str().map(str::to_string))
    };
    let mut problems = Vec::new();
    let mut now_agree = Vec::new();
    // How many scenarios were recorded with each third-party cookie setting.
    let mut settings: BTreeMap<String, usize> = BTreeMap::new();
    for format in FORMATS {
        let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for path in &truths {
            let truth = read_json(path);
            if format == FORMATS[0] {
                *settings.entry(truth["third_party_cookies"].as_str().unwrap_or("unknown").to_string()).or_default() += 1;
            }
            let har = read_json(&dir.join(truth["hars"][format].as_str().unwrap_or("missing")));
            for j in judge(&truth, &har) {
                let t = tally.entry(j.family.clone()).or_default();
                t.1 += 1;
                let why = known_why(format, &j);
                if j.agree {
                    t.0 += 1;
                    if why.is_some() {
                        now_agree.push(format!("{format} {} ({})", j.id, j.family));
                    }
                } else {
                    match why {
                        Some(why) => println!("  disagree {format} {} ({}): {} — known: {why}", j.id, j.family, j.detail),
                        None => problems.push(format!("{format} {}: a disagreement not in known.json ({})", j.id, j.detail)),
                    }
                }
            }
        }
        println!("{format} HAR: {}", tally.iter().map(|(f, (a, n))| format!("{f} {a}/{n}")).collect::<Vec<_>>().join(", "));
        for (f, (agree, _)) in &tally {
            match BARS.iter().find(|(bf, bfam, _)| *bf == format && bfam == f) {
                Some((_, _, bar)) if agree < bar => problems.push(format!("{format} {f}: {agree} agree, below the bar of {bar}")),
                Some(_) => {}
                None => problems.push(format!("{format} {f}: no bar")),
            }
        }
    }
    println!("scenarios per third-party cookie setting: {settings:?}");
    assert!(settings.contains_key("allowed") && settings.contains_key("blocked"), "the fixtures cover both settings: {settings:?}");
    if !now_agree.is_empty() {
        println!("known disagreements that now agree (remove them from tests/truth/known.json): {}", now_agree.join(", "));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
