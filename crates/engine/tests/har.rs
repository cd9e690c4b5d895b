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
        for (i, ((request, response), want)) in parsed.entries.iter().zip(&expected).enumerate() {
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
            let wanted = (w["method"].as_str().unwrap(), w["scheme"].as_str().unwrap(), w["host"].as_str().unwrap(), w["port"].as_u64(), w["path"].as_str().unwrap());
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
            let got_status = response.as_ref().and_then(|r| r.status());
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
        let wrapped = if text.contains("\"log\"") { text } else { format!("{{\"log\": {{\"entries\": [{{\"request\": {{\"method\": \"GET\", \"url\": \"https://a.example/\", {}}}}}]}}}}", text.trim().trim_start_matches('{').trim_end_matches('}')) };
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
    let sanitized = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://api.example.com/","headers":[]},"response":{"status":401,"headers":[]}}]}}"#;
    assert!(inspect(sanitized, &Context::new(0)).findings.iter().any(|f| f.code.as_str() == "HAR002"));
}
