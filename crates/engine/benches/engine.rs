//! `make bench`: how long the engine takes on the inputs that matter, in release mode.
//! Prints the median of several runs per case; the numbers are for reading, not for asserting.

use std::hint::black_box;
use std::time::{Duration, Instant};
use why401_engine::{inspect, Context};

const NOW: i64 = 1_764_000_000;

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A page-load HAR: `count` entries, bodies of `body` bytes, a refusal every 1000.
fn har(count: usize, body: usize) -> String {
    let text = "x".repeat(body);
    let entries: Vec<String> = (0..count)
        .map(|i| {
            let status = if i % 1000 == 999 { 401 } else { 200 };
            format!(
                r#"{{"startedDateTime":"2025-11-24T16:00:00.000Z","time":3,"request":{{"method":"GET","url":"https://api.example.com/items/{i}","headers":[{{"name":"authorization","value":"Bearer opaque-{}"}},{{"name":"accept","value":"application/json"}}]}},"response":{{"status":{status},"headers":[{{"name":"content-type","value":"application/json"}},{{"name":"x-request-id","value":"r{i}"}}],"content":{{"text":"{text}"}}}}}}"#,
                i % 7
            )
        })
        .collect();
    format!(r#"{{"log":{{"version":"1.2","entries":[{}]}}}}"#, entries.join(","))
}

fn report(name: &str, bytes: usize, runs: usize, input: &str) {
    let ctx = Context::new(NOW);
    let time = median(runs, || {
        black_box(inspect(black_box(input), &ctx));
    });
    let rate = bytes as f64 / 1e6 / time.as_secs_f64();
    println!("{name:<44} {:>10.2} ms  {:>8.1} MB/s  ({} bytes, median of {runs})", time.as_secs_f64() * 1e3, rate, bytes);
}

fn main() {
    let token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjYtMTEta2V5LWEifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tLyIsInN1YiI6InVzZXItNDgyMSIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tIiwiZXhwIjoxNzY0MDAzNjAwfQ.bm90IGEgcmVhbCBzaWduYXR1cmUsIDMyIGJ5dGVzISE";
    report("token (decode and checks, no key)", token.len(), 200, token);
    let exchange = format!(
        "> GET /v1/orders HTTP/2\n> Host: api.example.com\n> Authorization: Bearer {token}\n>\n< HTTP/2 401\n< date: Mon, 24 Nov 2025 16:05:00 GMT\n< www-authenticate: Bearer realm=\"orders\", error=\"invalid_token\"\n< x-request-id: 3f1e2d9c\n<\n"
    );
    report("curl -v exchange with a token", exchange.len(), 200, &exchange);
    let small = har(200, 2_000);
    report("HAR, 200 entries", small.len(), 10, &small);
    let many = har(20_000, 0);
    report("HAR, 20,000 entries", many.len(), 3, &many);
    let big = har(500, 100_000);
    report("HAR, 50 MB (500 entries of 100 KB)", big.len(), 3, &big);
}
