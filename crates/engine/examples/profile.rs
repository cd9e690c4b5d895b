use std::time::Instant;
use why401_engine::*;
fn main() {
    let lines = [
        "2025-11-24T16:00:00.123Z INFO  http GET /v1/items?page=2 200 12ms request_id=9f1c2e user=4821",
        "2025-11-24T16:00:00.456Z DEBUG cache hit key=items:page:2 ttl=300",
        "2025-11-24T16:00:01.001Z WARN  auth Bearer was not authenticated. Failure message: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '11/24/2025 3:00:00 PM', Current time (UTC): '11/24/2025 4:00:01 PM'.",
        "2025-11-24T16:00:01.002Z ERROR api TokenExpiredError: jwt expired",
        "2025-11-24T16:00:01.003Z INFO  http GET /v1/me 401 3ms www-authenticate: Bearer error=\"invalid_token\"",
        "Access to fetch at 'https://api.example.com/v1/me' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ];
    let mut text = String::new(); let mut i = 0usize;
    while text.len() < 5 << 20 { let l = if i % 300 < 5 { lines[2 + i % 300 % 4] } else { lines[i % 2] }; text.push_str(l); text.push('\n'); i += 1; }
    let ctx = Context::new(1_764_000_000);
    macro_rules! t { ($n:expr, $e:expr) => {{ let s = Instant::now(); let r = $e; println!("{:>12} {:?}", $n, s.elapsed()); r }} }
    t!("detect", detect::detect(&text).len());
    t!("scan", logs::scan(&text).0.len());
    t!("scan again", logs::scan(&text).0.len());
    t!("lines", text.lines().count());
    t!("claims", logs::claims::find(&text).len());
    t!("config", logs::config::find(&text).len());
    t!("message", http::message::parse(&text).0.len());
    t!("curl", http::curl::parse(&text).is_some());
    t!("fetch", http::fetch::parse(&text).is_some());
    t!("devtools", http::devtools::parse(&text).is_some());
    t!("oauth", oauth::analyze(&text, &ctx).len());
    t!("inspect", inspect(&text, &ctx).findings.len());
    hits(&text);
}
#[allow(dead_code)]
fn hits(text: &str) {
    let c = logs::catalogue::Catalogue::get();
    let mut counts = std::collections::HashMap::new();
    for (e, _) in c.hits(text) { *counts.entry(c.entries[e].anchor.clone()).or_insert(0) += 1; }
    let mut v: Vec<_> = counts.into_iter().collect(); v.sort_by_key(|x| -x.1); println!("{:?}", &v[..v.len().min(8)]);
}
