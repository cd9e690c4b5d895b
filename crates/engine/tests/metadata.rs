//! Metadata documents and certificate bindings read from a HAR capture: the documents come from
//! the entries' response bodies, and are compared with the token the capture sent.

use serde_json::{json, Value};
use why401_engine::{inspect, Context};

/// An access token for `https://mcp.example.com/mcp/` (a trailing `/` too many) from
/// `https://auth.example.com`.
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTciLCJhdWQiOiJodHRwczovL21jcC5leGFtcGxlLmNvbS9tY3AvIiwiaWF0IjoxNzYzOTk5MDAwLCJleHAiOjE3NjQwMDMwMDAsInNjb3BlIjoibWNwOnRvb2xzIiwiY2xpZW50X2lkIjoibWNwLWluc3BlY3RvciJ9.pM15TDIvQ5TgG_fw28YDK0m4xQNfpbQoNlisq5fhHJ0";

fn entry(method: &str, url: &str, request_headers: Value, status: u16, response_headers: Value, body: &str) -> Value {
    json!({
        "startedDateTime": "2025-11-24T15:59:00.000Z",
        "time": 12.0,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": request_headers, "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "headers": response_headers, "cookies": [],
            "content": {"size": body.len(), "mimeType": "application/json", "text": body}, "redirectURL": "", "headersSize": -1, "bodySize": body.len()},
        "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}
    })
}

#[test]
fn har_bodies_supply_the_metadata_and_its_expectations() {
    let challenge =
        json!([{"name": "WWW-Authenticate", "value": "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\""}]);
    let prm = json!({"resource": "https://mcp.example.com/mcp", "authorization_servers": ["https://auth.example.com"], "bearer_methods_supported": ["header"]})
        .to_string();
    let har = json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [
        entry("POST", "https://mcp.example.com/mcp", json!([]), 401, challenge.clone(), ""),
        entry("GET", "https://mcp.example.com/.well-known/oauth-protected-resource/mcp", json!([]), 200, json!([]), &prm),
        entry("POST", "https://mcp.example.com/mcp", json!([{"name": "Authorization", "value": format!("Bearer {TOKEN}")}]), 401, challenge, ""),
    ]}});
    let report = inspect(&har.to_string(), &Context::new(1_764_000_000));
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(report.inputs.iter().any(|i| i.kind.as_str() == "metadata"), "{:?}", report.inputs);
    assert!(codes.contains(&"CLM001"), "the metadata's resource is the expected audience: {codes:?}");
    assert!(codes.contains(&"META016"), "the first 401 is discovery: {codes:?}");
    let aud = &report.tokens[0].checks.aud;
    assert!(aud.message.contains("https://mcp.example.com/mcp"), "{}", aud.message);
    let clm = report.findings.iter().find(|f| f.code.as_str() == "CLM001").map(|f| f.message.as_str()).unwrap_or("");
    assert!(clm.contains("trailing `/`"), "{clm}");
}
