//! HAR files exported by Chrome, Firefox, Safari, Charles and Insomnia (mitmproxy's test
//! corpus, read in place from `../shared/vectors/har`) parse to the flows mitmproxy expects, and
//! broken files give a clear error.

use serde_json::Value;
use std::path::PathBuf;
use why401_engine::http::har;
use why401_engine::http::message::StartLine;
use why401_engine::{inspect, Context};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/har")
}

#[test]
fn mitmproxy_har_files_parse_to_the_expected_flows() {
    let Ok(listing) = std::fs::read_dir(dir().join("har_files")) else {
        println!("skipped: ../shared/vectors/har not found");
        return;
    };
    let mut files: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "har")).collect();
    files.sort();
    let (mut flows, mut problems) = (0, Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let expected: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        let parsed = match har::parse(&text) {
            Ok(parsed) => parsed,
            Err(why) => {
                problems.push(format!("{name}: {why}"));
                continue;
            }
        };
        if parsed.entries.len() != expected.len() {
            problems.push(format!("{name}: {} entries, expected {}", parsed.entries.len(), expected.len()));
            continue;
        }
        for (i, (entry, want)) in parsed.entries.iter().zip(&expected).enumerate() {
            let (request, response) = (&entry.request, &entry.response);
            flows += 1;
            let StartLine::Request { method, target, .. } = &request.start else { unreachable!("a request") };
            let url = url::Url::parse(target).unwrap();
            let w = &want["request"];
            let port = url.port_or_known_default().map(u64::from);
            let path = match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_string(),
            };
            let got = (method.as_str(), url.scheme(), url.host_str().unwrap_or(""), port, path.as_str());
            let wanted =
                (w["method"].as_str().unwrap(), w["scheme"].as_str().unwrap(), w["host"].as_str().unwrap(), w["port"].as_u64(), w["path"].as_str().unwrap());
            if got != wanted {
                problems.push(format!("{name} entry {i}: request {got:?}, expected {wanted:?}"));
            }
            for pair in w["headers"].as_array().into_iter().flatten() {
                let (n, v) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
                // mitmproxy adds `content-length` from the body when it builds a flow; the HAR
                // files themselves do not carry it.
                if n.eq_ignore_ascii_case("content-length") {
                    continue;
                }
                if !request.headers.iter().any(|h| h.name == n && h.value == v) {
                    problems.push(format!("{name} entry {i}: request header `{n}` missing"));
                }
            }
            let want_status = want["response"]["status_code"].as_u64().map(|s| s as u16);
            // A HAR `status` of 0 means the browser got no response: the entry keeps the reason
            // instead of a response.
            let got_status = response.as_ref().and_then(|r| r.status()).or(entry.error.is_some().then_some(0));
            if want_status != got_status {
                problems.push(format!("{name} entry {i}: status {got_status:?}, expected {want_status:?}"));
            }
        }
    }
    println!("mitmproxy HAR files: {} files, {flows} flows, {} problems", files.len(), problems.len());
    assert!(files.len() >= 8 && flows >= 30, "{} files, {flows} flows", files.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corrupted_har_files_give_a_clear_error() {
    let Ok(listing) = std::fs::read_dir(dir().join("corrupted_har")) else {
        println!("skipped: ../shared/vectors/har not found");
        return;
    };
    let mut count = 0;
    for entry in listing.filter_map(Result::ok) {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let wrapped = if text.contains("\"log\"") {
            text
        } else {
            format!(
                "{{\"log\": {{\"entries\": [{{\"request\": {{\"method\": \"GET\", \"url\": \"https://a.example/\", {}}}}}]}}}}",
                text.trim().trim_start_matches('{').trim_end_matches('}')
            )
        };
        let report = inspect(&wrapped, &Context::new(0));
        let finding = report.findings.iter().find(|f| f.code.as_str() == "HAR001");
        assert!(finding.is_some(), "{}: {:?}", entry.path().display(), report.findings);
        assert!(finding.unwrap().message.starts_with("The HAR file cannot be read: "));
        count += 1;
    }
    println!("corrupted HAR files: {count} refused with a clear error");
    assert!(count >= 2);
}

#[test]
fn a_har_with_a_401_is_diagnosed_entry_by_entry() {
    let har = r#"{"log":{"version":"1.2","entries":[
        {"request":{"method":"GET","url":"https://app.example.com/","headers":[]},"response":{"status":200,"headers":[{"name":"set-cookie","value":"session=abc; Secure"}]}},
        {"request":{"method":"GET","url":"https://api.example.com/v1/me","headers":[{"name":"authorization","value":"bearer undefined"}]},
         "response":{"status":401,"headers":[{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}]}}]}}"#;
    let report = inspect(har, &Context::new(0));
    assert_eq!(report.inputs[0].kind.as_str(), "har");
    assert_eq!(report.inputs[0].summary, "HAR file with 2 entries, 1 answered 401, 403 or 407");
    assert_eq!(report.exchanges.len(), 2);
    assert_eq!(report.exchanges[1].status, Some(401));
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for code in ["AUTH002", "AUTH006", "WWW002"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let sanitized =
        r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://api.example.com/","headers":[]},"response":{"status":401,"headers":[]}}]}}"#;
    assert!(inspect(sanitized, &Context::new(0)).findings.iter().any(|f| f.code.as_str() == "HAR002"));
}

/// A page load as Chrome records it: a preflight refused with 401, the blocked call behind it,
/// a redirect across origins and a refused API call.
const PAGE_LOAD: &str = r#"{"log":{"version":"1.2","entries":[
    {"startedDateTime":"2025-11-24T16:00:00.000Z","time":35.2,
     "request":{"method":"GET","url":"https://app.example.com/","headers":[{"name":"cookie","value":"sid=1"}]},
     "response":{"status":200,"headers":[{"name":"x-request-id","value":"ok-1"}]}},
    {"startedDateTime":"2025-11-24T16:00:01.000Z","time":12,
     "request":{"method":"OPTIONS","url":"https://api.example.com/v1/orders","headers":[{"name":"access-control-request-method","value":"GET"},{"name":"access-control-request-headers","value":"authorization"}]},
     "response":{"status":401,"headers":[{"name":"www-authenticate","value":"Bearer"}]}},
    {"startedDateTime":"2025-11-24T16:00:01.020Z","time":0,
     "request":{"method":"GET","url":"https://api.example.com/v1/orders","headers":[{"name":"authorization","value":"Bearer abc.def"}]},
     "response":{"status":0,"headers":[],"_error":"net::ERR_FAILED"}},
    {"startedDateTime":"2025-11-24T16:00:02.000Z","time":20,
     "request":{"method":"GET","url":"https://api.example.com/v1/me","headers":[{"name":"authorization","value":"Bearer abc.def"}]},
     "response":{"status":302,"headers":[{"name":"location","value":"https://eu.example.com/v1/me"}],"redirectURL":"https://eu.example.com/v1/me"}},
    {"startedDateTime":"2025-11-24T16:00:02.030Z","time":18,
     "request":{"method":"GET","url":"https://eu.example.com/v1/me","headers":[]},
     "response":{"status":401,"headers":[{"name":"www-authenticate","value":"Bearer realm=\"eu\""},{"name":"x-request-id","value":"eu-7"}]}}]}}"#;

#[test]
fn a_page_load_is_listed_with_the_entries_that_need_a_look() {
    let report = inspect(PAGE_LOAD, &Context::new(1_764_000_000));
    let flags: Vec<Option<&str>> = report.exchanges.iter().map(|e| e.flag.map(|f| f.as_str())).collect();
    assert_eq!(flags, [None, Some("failed-preflight"), Some("no-response"), None, Some("unauthorized")]);
    assert_eq!(report.exchanges[2].error.as_deref(), Some("net::ERR_FAILED"));
    assert_eq!(report.exchanges[0].started.as_deref(), Some("2025-11-24T16:00:00.000Z"));
    assert_eq!(report.exchanges[1].time_ms, Some(12.0));
    assert_eq!(report.exchanges[3].redirect.as_deref(), Some("https://eu.example.com/v1/me"));
    assert_eq!(report.exchanges[4].follows, Some(3));
    let at = |code: &str| report.findings.iter().filter(|f| f.code.as_str() == code).map(|f| f.exchange).collect::<Vec<_>>();
    // The hop to another origin lost the token; the request ids of the successful load are noise.
    assert_eq!(at("HTTP017"), [Some(4)]);
    assert_eq!(at("HTTP008"), [Some(4)]);
    assert!(report.findings.iter().filter(|f| f.exchange.is_some()).all(|f| f.input == Some(0)), "a HAR file is one input");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["exchanges"][1]["flag"], "failed-preflight");
    assert_eq!(json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "HTTP017").unwrap()["exchange"], 4);
}

#[test]
fn choosing_an_entry_diagnoses_only_that_one() {
    let mut ctx = Context::new(1_764_000_000);
    ctx.exchange = Some(4);
    let report = inspect(PAGE_LOAD, &ctx);
    assert_eq!(report.exchanges.len(), 5, "every entry is still listed");
    assert!(report.findings.iter().all(|f| f.exchange.is_none_or(|e| e == 4)), "{:?}", report.findings);
    assert!(report.findings.iter().any(|f| f.code.as_str() == "HTTP017"));
    // The token of entry 3 is not this entry's: it is not inspected.
    assert!(report.tokens.is_empty());
    ctx.exchange = Some(2);
    let report = inspect(PAGE_LOAD, &ctx);
    assert_eq!(report.authorization.len(), 1, "entry 2's Authorization is read");
    assert!(report.findings.iter().all(|f| f.exchange.is_none_or(|e| e == 2)));
    // An entry that does not exist leaves the whole file in view.
    ctx.exchange = Some(99);
    assert!(inspect(PAGE_LOAD, &ctx).findings.iter().any(|f| f.exchange == Some(4)));
}
