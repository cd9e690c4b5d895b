//! `make bench`: the engine's throughput in release mode, measured with criterion: tokens
//! decoded and checked per second, a signature verified with a key, exchanges, HAR files in MB/s,
//! `Set-Cookie` lines replayed per second, and the page's transfer form (the report sent back by
//! the worker). The figures are for reading, never asserted.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use why401_engine::transfer::{decode_report, encode_report};
use why401_engine::{inspect, Context, KeyFormat, KeyInput};

const NOW: i64 = 1_764_000_000;

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

/// A session of `count` responses, each setting a cookie and the next request sending them.
fn cookie_session(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&format!(
            "GET /page/{i} HTTP/1.1\nHost: app.example.com\n\nHTTP/1.1 200 OK\nDate: Mon, 24 Nov 2025 16:00:00 GMT\nSet-Cookie: c{}=v{i}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600\n\n",
            i % 40
        ));
    }
    text
}

/// The fixture token and key of `tests/fixtures/keyed/valid-rs256.txt`: a real RS256 signature.
fn rs256() -> (String, String) {
    let fixture = include_str!("../tests/fixtures/keyed/valid-rs256.txt");
    let key = fixture.lines().find_map(|l| l.strip_prefix("key: ")).unwrap_or_default().to_string();
    let token = fixture.split("---").nth(1).unwrap_or_default().trim().to_string();
    (token, key)
}

fn tokens(c: &mut Criterion) {
    let token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjYtMTEta2V5LWEifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tLyIsInN1YiI6InVzZXItNDgyMSIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tIiwiZXhwIjoxNzY0MDAzNjAwfQ.bm90IGEgcmVhbCBzaWduYXR1cmUsIDMyIGJ5dGVzISE";
    let mut group = c.benchmark_group("token");
    group.throughput(Throughput::Elements(1));
    let ctx = Context::new(NOW);
    group.bench_function("decode and every check, no key", |b| b.iter(|| inspect(black_box(token), &ctx)));
    let (signed, key) = rs256();
    let keyed = Context::new(NOW).with_key(KeyInput::new("bench", key, KeyFormat::Auto));
    group.bench_function("RS256 verified with a JWK Set (RustCrypto)", |b| b.iter(|| inspect(black_box(&signed), &keyed)));
    let exchange = format!(
        "> GET /v1/orders HTTP/2\n> Host: api.example.com\n> Authorization: Bearer {token}\n>\n< HTTP/2 401\n< date: Mon, 24 Nov 2025 16:05:00 GMT\n< www-authenticate: Bearer realm=\"orders\", error=\"invalid_token\"\n< x-request-id: 3f1e2d9c\n<\n"
    );
    group.bench_function("curl -v exchange with a token", |b| b.iter(|| inspect(black_box(&exchange), &ctx)));
    group.finish();
}

fn har_files(c: &mut Criterion) {
    let mut group = c.benchmark_group("har");
    group.sample_size(10).measurement_time(Duration::from_secs(6));
    let ctx = Context::new(NOW);
    for (name, text) in [
        ("200 entries of 2 KB", har(200, 2_000)),
        ("1,000 entries of 5 KB (5 MB)", har(1_000, 5_000)),
        ("20,000 entries", har(20_000, 0)),
        ("500 entries of 100 KB (50 MB)", har(500, 100_000)),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| b.iter(|| inspect(black_box(text), &ctx)));
    }
    group.finish();
}

fn cookies(c: &mut Criterion) {
    let mut group = c.benchmark_group("cookie replay");
    group.sample_size(10).measurement_time(Duration::from_secs(6));
    let ctx = Context::new(NOW);
    let count = 2_000;
    let text = cookie_session(count);
    group.throughput(Throughput::Elements(count as u64));
    group.bench_function("Set-Cookie lines replayed across exchanges", |b| b.iter(|| inspect(black_box(&text), &ctx)));
    group.finish();
}

/// A 5 MB server log: healthy lines with, every few hundred lines, a refusal from a library or
/// gateway, a browser console message, a header and a token. Issue budget: 100 ms natively.
fn mixed_log(bytes: usize) -> String {
    let lines = [
        "2025-11-24T16:00:00.123Z INFO  http GET /v1/items?page=2 200 12ms request_id=9f1c2e user=4821",
        "2025-11-24T16:00:00.456Z DEBUG cache hit key=items:page:2 ttl=300",
        "2025-11-24T16:00:01.001Z WARN  auth Bearer was not authenticated. Failure message: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '11/24/2025 3:00:00 PM', Current time (UTC): '11/24/2025 4:00:01 PM'.",
        "2025-11-24T16:00:01.002Z ERROR api TokenExpiredError: jwt expired",
        "2025-11-24T16:00:01.003Z INFO  http GET /v1/me 401 3ms www-authenticate: Bearer error=\"invalid_token\"",
        "Access to fetch at 'https://api.example.com/v1/me' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
        "2025-11-24T16:00:02.000Z INFO  http POST /v1/orders 201 40ms request_id=77aa01",
    ];
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        // Mostly healthy traffic; the interesting lines are rare, as in a real log.
        let line = if i % 300 < 5 { lines[2 + i % 300 % 5] } else { lines[i % 2] };
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

fn logs(c: &mut Criterion) {
    let mut group = c.benchmark_group("log");
    group.sample_size(10).measurement_time(Duration::from_secs(6));
    let ctx = Context::new(1_764_000_000);
    let text = mixed_log(5 * 1024 * 1024);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("5 MB mixed server log", |b| b.iter(|| inspect(black_box(&text), &ctx)));
    group.finish();
}

fn transfer(c: &mut Criterion) {
    let mut group = c.benchmark_group("transfer");
    group.sample_size(20);
    let report = inspect(&har(1_000, 5_000), &Context::new(NOW));
    let bytes = encode_report(&report);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("encode the report of a 5 MB HAR", |b| b.iter(|| encode_report(black_box(&report))));
    group.bench_function("decode the report of a 5 MB HAR", |b| b.iter(|| decode_report(black_box(&bytes))));
    group.finish();
}

criterion_group!(benches, tokens, har_files, cookies, logs, transfer);
criterion_main!(benches);
