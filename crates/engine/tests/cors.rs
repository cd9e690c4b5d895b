//! The browser's CORS rules, row by row from the Fetch standard: whether a request is simple or
//! needs a preflight (§2.2.1 methods, §2.2.2 CORS-safelisted request-headers), the
//! CORS-preflight fetch (§4.8), the CORS check (§4.10), exposed headers and `Vary`. Then the
//! snippets, and bad input.

use why401_engine::cors::{
    author_headers, check, express_snippet, needs_preflight, nginx_snippet, normalize_origin, origin_of, recommended_headers, CredentialsMode, Outcome,
    Request, Response, Verdict as CorsVerdict,
};
use why401_engine::http::cors_flow::summary;
use why401_engine::Severity;

const APP: &str = "https://app.example.com";
const API: &str = "https://api.example.com/v1/me";

type Headers = Vec<(String, String)>;

fn h(pairs: &[(&str, &str)]) -> Headers {
    pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

/// One row: a request, what the capture holds of its preflight and response, and what the
/// browser makes of it.
struct Row {
    name: &'static str,
    origin: Option<String>,
    url: String,
    method: String,
    headers: Headers,
    credentials: CredentialsMode,
    preflight: Option<(u16, Headers)>,
    actual: Option<(u16, Headers)>,
    verdict: CorsVerdict,
    codes: Vec<&'static str>,
    /// Text the reason must contain ("" for none).
    says: &'static str,
}

fn row(name: &'static str) -> Row {
    Row {
        name,
        origin: Some(APP.into()),
        url: API.into(),
        method: "GET".into(),
        headers: Vec::new(),
        credentials: CredentialsMode::Omit,
        preflight: None,
        actual: None,
        verdict: CorsVerdict::NotApplicable,
        codes: Vec::new(),
        says: "",
    }
}

impl Row {
    fn origin(mut self, origin: Option<&str>) -> Self {
        self.origin = origin.map(str::to_string);
        self
    }
    fn url(mut self, url: &str) -> Self {
        self.url = url.into();
        self
    }
    fn method(mut self, method: &str) -> Self {
        self.method = method.into();
        self
    }
    fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    fn include(mut self) -> Self {
        self.credentials = CredentialsMode::Include;
        self
    }
    fn same_origin_mode(mut self) -> Self {
        self.credentials = CredentialsMode::SameOrigin;
        self
    }
    fn preflight(mut self, status: u16, headers: &[(&str, &str)]) -> Self {
        self.preflight = Some((status, h(headers)));
        self
    }
    fn actual(mut self, status: u16, headers: &[(&str, &str)]) -> Self {
        self.actual = Some((status, h(headers)));
        self
    }
    fn expect(mut self, verdict: CorsVerdict, codes: &[&'static str]) -> Self {
        self.verdict = verdict;
        self.codes = codes.to_vec();
        self
    }
    fn says(mut self, text: &'static str) -> Self {
        self.says = text;
        self
    }

    fn run(&self) -> Outcome {
        let request = Request { origin: self.origin.as_deref(), url: &self.url, method: &self.method, headers: &self.headers, credentials: self.credentials };
        let preflight = self.preflight.as_ref().map(|(status, headers)| Response { status: *status, headers });
        let actual = self.actual.as_ref().map(|(status, headers)| Response { status: *status, headers });
        check(&request, preflight.as_ref(), actual.as_ref())
    }
}

use CorsVerdict::{Fail, NotApplicable as Na, Pass};

/// A response that passes the CORS check without credentials.
const OK: &[(&str, &str)] = &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin")];
/// A response that passes the CORS check with credentials.
const OK_CREDS: &[(&str, &str)] = &[("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Credentials", "true"), ("Vary", "Origin")];

/// A preflight answer allowing `PUT` with `Authorization` and `Content-Type`, with credentials.
fn good_preflight(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![
        ("Access-Control-Allow-Origin", APP),
        ("Access-Control-Allow-Credentials", "true"),
        ("Access-Control-Allow-Methods", "GET, PUT"),
        ("Access-Control-Allow-Headers", "Authorization, Content-Type"),
    ];
    headers.extend_from_slice(extra);
    headers
}

/// The CORS headers of a preflight answer that allows the origin with credentials, plus `extra`.
fn creds_and(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Credentials", "true")];
    headers.extend_from_slice(extra);
    headers
}

/// The CORS headers of a preflight answer that allows the origin without credentials, plus `extra`.
fn origin_and(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![("Access-Control-Allow-Origin", APP)];
    headers.extend_from_slice(extra);
    headers
}

fn rows() -> Vec<Row> {
    let a128 = "a".repeat(128);
    let a129 = "a".repeat(129);
    vec![
        // Applicability.
        row("unknown page origin").origin(None).actual(200, &[]).expect(Na, &[]).says("origin is not known"),
        row("same origin").origin(Some("https://api.example.com")).actual(200, &[]).expect(Na, &[]).says("same-origin"),
        row("same origin, default port written").origin(Some("https://api.example.com:443/")).expect(Na, &[]).says("same-origin"),
        row("relative URL is same origin").url("/v1/me").actual(200, &[]).expect(Na, &[]).says("same-origin"),
        row("unparsable URL").url("http://").actual(200, OK).expect(Na, &[]).says("cannot be read"),
        row("not http(s)").url("ftp://files.example.com/x").actual(200, OK).expect(Na, &[]).says("not `http` or `https`"),
        row("unusable page origin").origin(Some("app.example.com")).actual(200, OK).expect(Na, &[]).says("no scheme"),
        row("simple, nothing captured").expect(Na, &[]).says("No response to check"),
        row("preflighted, nothing captured").header("Authorization", "Bearer t").expect(Na, &["CORS010"]).says("No response to check"),
        row("HAR status 0 is no response").actual(0, &[]).expect(Na, &[]).says("No response to check"),
        row("304 is not CORS-checked").actual(304, &[]).expect(Na, &[]).says("304"),
        // Simple requests: safelisted methods and headers (§2.2.1, §2.2.2).
        row("simple GET").actual(200, OK).expect(Pass, &[]).says("can read the response"),
        row("lower-case get is normalised").method("get").actual(200, OK).expect(Pass, &[]),
        row("HEAD is safelisted").method("HEAD").actual(200, OK).expect(Pass, &[]),
        row("safelisted Accept, Accept-Language, Content-Language")
            .header("Accept", "application/json")
            .header("Accept-Language", "de-DE,de;q=0.9")
            .header("Content-Language", "de")
            .actual(200, OK)
            .expect(Pass, &[]),
        row("Accept of 128 bytes").header("Accept", &a128).actual(200, OK).expect(Pass, &[]),
        row("Accept of 129 bytes").header("Accept", &a129).actual(200, OK).expect(Pass, &["CORS010"]),
        row("Accept with an unsafe byte").header("Accept", "text/html(x)").actual(200, OK).expect(Pass, &["CORS010"]),
        row("Content-Language with `_`").header("Content-Language", "en_US").actual(200, OK).expect(Pass, &["CORS010"]),
        row("text/plain;charset=utf-8").method("POST").header("Content-Type", "text/plain;charset=utf-8").actual(200, OK).expect(Pass, &[]),
        row("urlencoded form").method("POST").header("Content-Type", "application/x-www-form-urlencoded").actual(200, OK).expect(Pass, &[]),
        row("multipart form").method("POST").header("Content-Type", "multipart/form-data; boundary=x").actual(200, OK).expect(Pass, &[]),
        row("quoted charset is unsafe").method("POST").header("Content-Type", "text/plain; charset=\"utf-8\"").actual(200, OK).expect(Pass, &["CORS010"]),
        row("application/json needs a preflight (none captured)")
            .method("POST")
            .header("Content-Type", "application/json")
            .actual(200, OK)
            .expect(Pass, &["CORS010"]),
        row("Range bytes=0-499").header("Range", "bytes=0-499").actual(206, OK).expect(Pass, &[]),
        row("Range bytes=500-").header("Range", "bytes=500-").actual(206, OK).expect(Pass, &[]),
        row("Range bytes=-500 is not safelisted").header("Range", "bytes=-500").actual(206, OK).expect(Pass, &["CORS010"]),
        row("Range start after end").header("Range", "bytes=9-1").actual(206, OK).expect(Pass, &["CORS010"]),
        row("Authorization always needs a preflight").header("Authorization", "Bearer t").actual(200, OK).expect(Pass, &["CORS010"]),
        row("custom header needs a preflight").header("X-Requested-With", "XMLHttpRequest").actual(200, OK).expect(Pass, &["CORS010"]),
        row("forbidden headers are not the page's").header("Cookie", "a=b").header("Origin", APP).actual(200, OK).expect(Pass, &[]),
        // Preflight status (§4.8 step 7: an ok status).
        row("preflight 204 then 200")
            .method("PUT")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(204, &good_preflight(&[]))
            .actual(200, OK_CREDS)
            .expect(Pass, &["CORS010"])
            .says("after a preflight"),
        row("preflight 200, response not captured")
            .method("PUT")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(200, &good_preflight(&[]))
            .expect(Pass, &["CORS010"])
            .says("not captured"),
        row("preflight 401 with CORS headers")
            .method("PUT")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(401, &good_preflight(&[("WWW-Authenticate", "Bearer")]))
            .expect(Fail, &["CORS010", "HTTP025"])
            .says("never send credentials on a preflight"),
        row("preflight 401 without anything")
            .method("PUT")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(401, &[("WWW-Authenticate", "Bearer")])
            .expect(Fail, &["CORS010", "HTTP025", "CORS001", "CORS005", "CORS006", "CORS007"])
            .says("401"),
        row("preflight 302")
            .header("Authorization", "Bearer t")
            .preflight(302, &origin_and(&[("Location", "https://login.example.com/"), ("Access-Control-Allow-Headers", "Authorization")]))
            .expect(Fail, &["CORS010", "HTTP025"])
            .says("do not follow redirects"),
        row("preflight 500")
            .header("Authorization", "Bearer t")
            .preflight(500, &origin_and(&[("Access-Control-Allow-Headers", "Authorization")]))
            .expect(Fail, &["CORS010", "HTTP025"])
            .says("500"),
        row("preflight without ACAO")
            .header("Authorization", "Bearer t")
            .preflight(204, &[("Access-Control-Allow-Headers", "Authorization")])
            .expect(Fail, &["CORS010", "CORS001"])
            .says("preflight response has no"),
        row("preflight without ACAC, with credentials")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "Authorization")]))
            .expect(Fail, &["CORS010", "CORS005"])
            .says("on the preflight response"),
        // Access-Control-Allow-Origin (§4.10).
        row("ACAO * without credentials").actual(200, &[("Access-Control-Allow-Origin", "*")]).expect(Pass, &[]).says("`*`"),
        row("ACAO * with same-origin mode").same_origin_mode().actual(200, &[("Access-Control-Allow-Origin", "*")]).expect(Pass, &[]),
        row("ACAO * with credentials")
            .include()
            .actual(200, &[("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")])
            .expect(Fail, &["CORS004"])
            .says("`*`"),
        row("ACAO * with credentials, no ACAC").include().actual(200, &[("Access-Control-Allow-Origin", "*")]).expect(Fail, &["CORS004", "CORS005"]),
        row("ACAO null").actual(200, &[("Access-Control-Allow-Origin", "null")]).expect(Fail, &["CORS011", "CORS002"]).says("`null`"),
        row("ACAO null for a null page").origin(Some("null")).actual(200, &[("Access-Control-Allow-Origin", "null")]).expect(Pass, &["CORS011"]),
        row("ACAO * for a null page").origin(Some("null")).actual(200, &[("Access-Control-Allow-Origin", "*")]).expect(Pass, &[]),
        row("ACAO exact for a null page").origin(Some("null")).actual(200, OK).expect(Fail, &["CORS002"]),
        row("ACAO comma list")
            .actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com, https://admin.example.com"), ("Vary", "Origin")])
            .expect(Fail, &["CORS003"])
            .says("several values"),
        row("ACAO sent twice")
            .actual(200, &[("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Origin", APP), ("Vary", "Origin")])
            .expect(Fail, &["CORS003"])
            .says("2 times"),
        row("ACAO trailing slash")
            .actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com/"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("(a trailing slash)"),
        row("ACAO other scheme")
            .actual(200, &[("Access-Control-Allow-Origin", "http://app.example.com"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("scheme `http` instead of `https`"),
        row("ACAO other port")
            .actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com:8443"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("port 8443 instead of 443"),
        row("ACAO host case")
            .actual(200, &[("Access-Control-Allow-Origin", "https://App.example.com"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("letter case"),
        row("ACAO with a path")
            .actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com/app"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("a path"),
        row("ACAO other host")
            .actual(200, &[("Access-Control-Allow-Origin", "https://admin.example.com"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("host `admin.example.com`"),
        row("ACAO missing").actual(200, &[]).expect(Fail, &["CORS001"]).says("has no `Access-Control-Allow-Origin`"),
        row("ACAO missing on a 401").actual(401, &[("WWW-Authenticate", "Bearer")]).expect(Fail, &["CORS001", "CORS008"]).says("`always`"),
        row("page origin typed with a slash").origin(Some("https://app.example.com/")).actual(200, OK).expect(Pass, &[]),
        row("page origin typed with :443").origin(Some("https://app.example.com:443")).actual(200, OK).expect(Pass, &[]),
        // Access-Control-Allow-Credentials (§4.10 steps 6–8).
        row("ACAC true").include().actual(200, OK_CREDS).expect(Pass, &[]).says("`Access-Control-Allow-Credentials: true`"),
        row("ACAC True")
            .include()
            .actual(200, &[("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Credentials", "True"), ("Vary", "Origin")])
            .expect(Fail, &["CORS005"])
            .says("lower-case `true`"),
        row("ACAC missing").include().actual(200, OK).expect(Fail, &["CORS005"]),
        row("ACAC ignored without credentials").actual(200, OK).expect(Pass, &[]),
        row("ACAC twice")
            .include()
            .actual(
                200,
                &[
                    ("Access-Control-Allow-Origin", APP),
                    ("Access-Control-Allow-Credentials", "true"),
                    ("Access-Control-Allow-Credentials", "true"),
                    ("Vary", "Origin"),
                ],
            )
            .expect(Fail, &["CORS005"])
            .says("`true, true`"),
        // Access-Control-Allow-Methods (§4.8).
        row("ACAM PUT").method("PUT").preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "PUT")])).actual(200, OK).expect(Pass, &["CORS010"]),
        row("ACAM put is not PUT")
            .method("PUT")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "put")]))
            .expect(Fail, &["CORS010", "CORS006"])
            .says("case-sensitive"),
        row("method put is normalised").method("put").preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "PUT")])).expect(Pass, &["CORS010"]),
        row("method patch is not normalised")
            .method("patch")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "PATCH")]))
            .expect(Fail, &["CORS010", "CORS006"])
            .says("do not upper-case"),
        row("method PATCH").method("PATCH").preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "GET, PATCH")])).expect(Pass, &["CORS010"]),
        row("ACAM * without credentials").method("DELETE").preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "*")])).expect(Pass, &["CORS010"]),
        row("ACAM * with credentials")
            .method("DELETE")
            .include()
            .preflight(204, &creds_and(&[("Access-Control-Allow-Methods", "*")]))
            .expect(Fail, &["CORS010", "CORS006", "CORS004"])
            .says("without credentials"),
        row("ACAM missing").method("PUT").preflight(204, &origin_and(&[])).expect(Fail, &["CORS010", "CORS006"]).says("missing"),
        row("safelisted method needs no ACAM")
            .method("POST")
            .header("Authorization", "Bearer t")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "DELETE"), ("Access-Control-Allow-Headers", "Authorization")]))
            .expect(Pass, &["CORS010"]),
        row("ACAM with empty items").method("PUT").preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "GET, , PUT,")])).expect(Pass, &["CORS010"]),
        row("ACAM over two fields")
            .method("PUT")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "GET"), ("Access-Control-Allow-Methods", "PUT")]))
            .expect(Pass, &["CORS010"]),
        row("ACAM unparsable")
            .method("PUT")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Methods", "GET PUT")]))
            .expect(Fail, &["CORS010", "CORS012"])
            .says("cannot parse it"),
        row("ACAH unparsable")
            .header("Authorization", "Bearer t")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "Authorization; Content-Type")]))
            .expect(Fail, &["CORS010", "CORS012"]),
        // Access-Control-Allow-Headers (§4.8).
        row("ACAH * never covers Authorization")
            .header("Authorization", "Bearer t")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "*")]))
            .expect(Fail, &["CORS010", "CORS007"])
            .says("never covers `Authorization`"),
        row("ACAH is case-insensitive")
            .header("Authorization", "Bearer t")
            .header("X-Api-Key", "k")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "authorization, X-API-KEY")]))
            .actual(200, OK)
            .expect(Pass, &["CORS010"]),
        row("ACAH * covers other headers without credentials")
            .header("X-Api-Key", "k")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "*")]))
            .expect(Pass, &["CORS010"]),
        row("ACAH * covers nothing with credentials")
            .header("X-Api-Key", "k")
            .include()
            .preflight(204, &creds_and(&[("Access-Control-Allow-Headers", "*")]))
            .expect(Fail, &["CORS010", "CORS007", "CORS004"])
            .says("covers nothing"),
        row("ACAH *, Authorization with credentials")
            .header("Authorization", "Bearer t")
            .include()
            .preflight(204, &creds_and(&[("Access-Control-Allow-Headers", "*, Authorization")]))
            .expect(Pass, &["CORS010"]),
        row("ACAH misses Content-Type")
            .method("POST")
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/json")
            .preflight(204, &origin_and(&[("Access-Control-Allow-Headers", "Authorization")]))
            .expect(Fail, &["CORS010", "CORS007"])
            .says("`Content-Type`"),
        row("ACAH missing").header("Authorization", "Bearer t").preflight(204, &origin_and(&[])).expect(Fail, &["CORS010", "CORS007"]),
        row("preflight examined even for a simple request").preflight(204, &origin_and(&[])).actual(200, OK).expect(Pass, &[]),
        // No preflight captured: the response's own lists predict it (warnings).
        row("predicted: ACAM lacks PUT")
            .method("PUT")
            .actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("Access-Control-Allow-Methods", "GET, POST")])
            .expect(Pass, &["CORS010", "CORS006"])
            .says("can read"),
        row("predicted: ACAH lacks Authorization")
            .header("Authorization", "Bearer t")
            .actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("Access-Control-Allow-Headers", "Content-Type")])
            .expect(Pass, &["CORS010", "CORS007"]),
        // Access-Control-Expose-Headers and WWW-Authenticate (§4.1 main fetch).
        row("401 exposes WWW-Authenticate")
            .actual(
                401,
                &[
                    ("Access-Control-Allow-Origin", APP),
                    ("Vary", "Origin"),
                    ("WWW-Authenticate", "Bearer"),
                    ("Access-Control-Expose-Headers", "WWW-Authenticate"),
                ],
            )
            .expect(Pass, &[]),
        row("401 exposes www-authenticate in lower case")
            .actual(
                401,
                &[
                    ("Access-Control-Allow-Origin", APP),
                    ("Vary", "Origin"),
                    ("WWW-Authenticate", "Bearer"),
                    ("Access-Control-Expose-Headers", "x-id, www-authenticate"),
                ],
            )
            .expect(Pass, &[]),
        row("401 exposes * without credentials")
            .actual(401, &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("WWW-Authenticate", "Bearer"), ("Access-Control-Expose-Headers", "*")])
            .expect(Pass, &[]),
        row("401 exposes * with credentials")
            .include()
            .actual(
                401,
                &[
                    ("Access-Control-Allow-Origin", APP),
                    ("Access-Control-Allow-Credentials", "true"),
                    ("Vary", "Origin"),
                    ("WWW-Authenticate", "Bearer"),
                    ("Access-Control-Expose-Headers", "*"),
                ],
            )
            .expect(Pass, &["CORS008"]),
        row("401 exposes nothing")
            .actual(401, &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("WWW-Authenticate", "Bearer")])
            .expect(Pass, &["CORS008"]),
        // Vary: Origin.
        row("specific ACAO without Vary").actual(200, &[("Access-Control-Allow-Origin", APP)]).expect(Pass, &["CORS009"]),
        row("Vary with Origin in a list").actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "Accept-Encoding, origin")]).expect(Pass, &[]),
        row("Vary *").actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "*")]).expect(Pass, &[]),
        row("Vary without Origin").actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "Accept-Encoding")]).expect(Pass, &["CORS009"]),
        // Hosts and ports.
        row("IDN page origin, punycode ACAO")
            .origin(Some("https://bücher.example"))
            .actual(200, &[("Access-Control-Allow-Origin", "https://xn--bcher-kva.example"), ("Vary", "Origin")])
            .expect(Pass, &[]),
        row("IDN page origin, Unicode ACAO")
            .origin(Some("https://bücher.example"))
            .actual(200, &[("Access-Control-Allow-Origin", "https://bücher.example"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("punycode"),
        row("IPv6 page origin")
            .origin(Some("http://[::1]:8080"))
            .url("http://127.0.0.1:8080/api")
            .actual(200, &[("Access-Control-Allow-Origin", "http://[::1]:8080"), ("Vary", "Origin")])
            .expect(Pass, &[]),
        row("IPv4, other port is cross-origin")
            .origin(Some("http://127.0.0.1"))
            .url("http://127.0.0.1:8080/api")
            .actual(200, &[("Access-Control-Allow-Origin", "http://127.0.0.1"), ("Vary", "Origin")])
            .expect(Pass, &[]),
        row("ACAO with the default port written")
            .actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com:443"), ("Vary", "Origin")])
            .expect(Fail, &["CORS002"])
            .says("default port"),
    ]
}

#[test]
fn the_table_of_cors_rules() {
    let rows = rows();
    println!("{} CORS rows", rows.len());
    assert!(rows.len() >= 45, "only {} rows", rows.len());
    let mut problems = Vec::new();
    for r in &rows {
        let out = r.run();
        let mut got: Vec<&str> = out.findings.iter().map(|f| f.code.as_str()).collect();
        got.sort_unstable();
        got.dedup();
        let mut want = r.codes.clone();
        want.sort_unstable();
        if out.verdict != r.verdict || got != want || !out.reason.contains(r.says) {
            problems.push(format!(
                "{}: want {:?} {:?} (reason with {:?}), got {:?} {:?}\n  reason: {}\n  findings: {:#?}",
                r.name,
                r.verdict,
                want,
                r.says,
                out.verdict,
                got,
                out.reason,
                out.findings.iter().map(|f| format!("{} {:?}: {}", f.code, f.severity, f.message)).collect::<Vec<_>>()
            ));
        }
        // Every outcome is consistent with itself.
        assert_eq!(out.preflight_needed, !out.preflight_reasons.is_empty(), "{}", r.name);
        assert_eq!(out.verdict == Fail, out.findings.iter().any(|f| f.severity == Severity::Error), "{}", r.name);
        assert!(!out.reason.is_empty() && !out.reason.ends_with('.'), "{}: {}", r.name, out.reason);
    }
    assert!(problems.is_empty(), "{} of {} rows disagree:\n{}", problems.len(), rows.len(), problems.join("\n"));
}

#[test]
fn reasons_name_the_offending_value() {
    let trailing = row("").actual(200, &[("Access-Control-Allow-Origin", "https://app.example.com/"), ("Vary", "Origin")]).run();
    assert_eq!(
        trailing.reason,
        "`Access-Control-Allow-Origin` is `https://app.example.com/` but the page's origin is `https://app.example.com` (a trailing slash)"
    );
    assert_eq!(summary(&trailing).verdict, why401_engine::report::CorsVerdict::Fail);

    let preflight = row("").method("PUT").header("Authorization", "Bearer t").preflight(401, &good_preflight(&[])).run();
    assert!(preflight.reason.starts_with("The preflight (`OPTIONS`) got 401"), "{}", preflight.reason);
    let info = &preflight.findings[0];
    assert_eq!(info.code.as_str(), "CORS010");
    assert!(info.message.contains("`Authorization` is never CORS-safelisted"), "{}", info.message);
    assert!(info.message.contains("method `PUT`"), "{}", info.message);
    assert_eq!(preflight.preflight_reasons.len(), 2);

    let json = row("").method("POST").header("Content-Type", "application/json").run();
    assert!(json.preflight_reasons[0].contains("`Content-Type: application/json`"), "{:?}", json.preflight_reasons);
}

#[test]
fn predicted_preflight_findings_are_warnings() {
    let out = row("").method("PUT").actual(200, &[("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("Access-Control-Allow-Methods", "GET")]).run();
    let f = out.findings.iter().find(|f| f.code.as_str() == "CORS006").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.starts_with("No preflight was captured"), "{}", f.message);
}

#[test]
fn findings_follow_fetch_order() {
    // The preflight is judged before the response, and its status before its headers.
    let out =
        row("").method("PUT").header("Authorization", "Bearer t").include().preflight(403, &[]).actual(200, &[("Access-Control-Allow-Origin", "*")]).run();
    let codes: Vec<&str> = out.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["CORS010", "HTTP025", "CORS001", "CORS005", "CORS006", "CORS007", "CORS004", "CORS005"], "{codes:?}");
    assert!(out.reason.contains("403"), "{}", out.reason);
}

fn request<'a>(origin: Option<&'a str>, method: &'a str, headers: &'a [(String, String)], credentials: CredentialsMode) -> Request<'a> {
    Request { origin, url: "https://api.example.com/v1/users/42", method, headers, credentials }
}

#[test]
fn recommended_headers_fit_the_request() {
    let headers = h(&[("Authorization", "Bearer t"), ("Content-Type", "application/json"), ("X-Api-Key", "k")]);
    let with = recommended_headers(&request(Some("https://App.example.com/"), "put", &headers, CredentialsMode::Include));
    let get = |list: &[(String, String)], name: &str| list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(get(&with, "Access-Control-Allow-Origin").as_deref(), Some(APP));
    assert_eq!(get(&with, "Access-Control-Allow-Credentials").as_deref(), Some("true"));
    assert_eq!(get(&with, "Access-Control-Allow-Methods").as_deref(), Some("PUT"));
    assert_eq!(get(&with, "Access-Control-Allow-Headers").as_deref(), Some("Authorization, Content-Type, X-Api-Key"));
    assert_eq!(get(&with, "Access-Control-Expose-Headers").as_deref(), Some("WWW-Authenticate"));
    assert_eq!(get(&with, "Vary").as_deref(), Some("Origin"));
    assert!(get(&with, "Access-Control-Max-Age").is_some());
    let without = recommended_headers(&request(Some(APP), "GET", &[], CredentialsMode::Omit));
    assert_eq!(get(&without, "Access-Control-Allow-Credentials"), None);
    // A simple request needs no preflight: no method, header or max-age lines.
    assert_eq!(get(&without, "Access-Control-Allow-Headers"), None);
    assert_eq!(get(&without, "Access-Control-Allow-Methods"), None);
    assert_eq!(get(&without, "Access-Control-Max-Age"), None);
    assert_eq!(get(&without, "Access-Control-Expose-Headers").as_deref(), Some("WWW-Authenticate"));

    // A server that sends exactly these passes the browser's checks.
    let r = request(Some(APP), "put", &headers, CredentialsMode::Include);
    let answer = Response { status: 204, headers: &with };
    let out = check(&r, Some(&answer), Some(&Response { status: 200, headers: &with }));
    assert_eq!(out.verdict, Pass, "{out:#?}");
    assert_eq!(out.findings.len(), 1, "{out:#?}");
}

#[test]
fn nginx_answers_options_before_authentication() {
    let headers = h(&[("Authorization", "Bearer t")]);
    let with = nginx_snippet(&request(Some(APP), "PUT", &headers, CredentialsMode::Include));
    println!("{with}");
    assert!(with.contains("\"https://app.example.com\" $http_origin;"), "{with}");
    assert!(with.contains("Access-Control-Allow-Credentials true always;"));
    assert!(with.contains("Access-Control-Allow-Headers \"Authorization\" always;"));
    assert!(with.contains("Access-Control-Allow-Methods \"PUT\" always;"));
    assert!(with.contains("add_header Access-Control-Allow-Origin $cors_origin always;"));
    assert!(with.contains("Access-Control-Expose-Headers WWW-Authenticate always;"));
    assert!(with.contains("proxy_set_header Authorization $http_authorization;"));
    assert!(with.contains("location /v1/ {"));
    let branch = with.find("if ($request_method = OPTIONS) {").unwrap();
    let ret = with.find("return 204;").unwrap();
    let close = branch + with[branch..].find("\n    }").unwrap();
    assert!(branch < ret && ret < close, "`return 204` is inside the OPTIONS branch");
    for later in ["auth_request", "proxy_pass"] {
        assert!(with.rfind(later).unwrap() > close, "{later} comes after the OPTIONS branch");
    }
    let without = nginx_snippet(&request(Some(APP), "GET", &[], CredentialsMode::Omit));
    assert!(!without.contains("Access-Control-Allow-Credentials"), "{without}");
    assert!(without.contains("Authorization"));
}

#[test]
fn express_answers_options_before_authentication() {
    let headers = h(&[("Authorization", "Bearer t"), ("Content-Type", "application/json")]);
    let with = express_snippet(&request(Some(APP), "DELETE", &headers, CredentialsMode::Include));
    println!("{with}");
    assert!(with.contains("const allowedOrigins = ['https://app.example.com'];"), "{with}");
    assert!(with.contains("res.set('Access-Control-Allow-Credentials', 'true');"));
    assert!(with.contains("res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');"));
    assert!(with.contains("res.set('Access-Control-Allow-Methods', 'DELETE');"));
    assert!(with.contains("res.vary('Origin');"));
    let options = with.find("if (req.method === 'OPTIONS') return res.sendStatus(204)").unwrap();
    assert!(options < with.find("next()").unwrap());
    assert!(with.find("app.use(cors)").unwrap() < with.find("app.use(authenticate)").unwrap());
    let without = express_snippet(&request(Some(APP), "GET", &[], CredentialsMode::SameOrigin));
    assert!(!without.contains("Access-Control-Allow-Credentials"), "{without}");
    assert!(without.contains("Authorization"));
}

#[test]
fn hostile_text_cannot_reach_the_snippets() {
    let origins = [
        "https://evil.example\"; add_header X 1; #",
        "https://evil.example\n}\nserver { listen 80; }",
        "https://evil$host.example",
        "https://evil;x.example",
        "https://evil{x}.example",
        "https://evil'.example",
        "https://evil`.example",
        "'); require('child_process'); //evil",
        "null\nevil",
    ];
    let headers = h(&[("X-Evil$var", "1"), ("X-Evil'quote", "1"), ("X-Evil;semi", "1"), ("Authorization", "Bearer t")]);
    for origin in origins {
        assert!(normalize_origin(origin).is_err(), "{origin:?} was accepted");
        for method in ["PUT", "PUT'; evil", "GE$T{evil}"] {
            let r = request(Some(origin), method, &headers, CredentialsMode::Include);
            for text in [nginx_snippet(&r), express_snippet(&r)] {
                assert!(!text.to_lowercase().contains("evil"), "{origin:?} {method:?} reached:\n{text}");
                assert!(text.contains("https://your-page.example"));
            }
            for (name, value) in recommended_headers(&r) {
                assert!(!value.to_lowercase().contains("evil"), "{name}: {value}");
            }
            // The check itself refuses the origin rather than misjudging it.
            assert_eq!(check(&r, None, None).verdict, Na);
        }
    }
    // A hostile URL path does not reach the nginx location either.
    let r = Request { origin: Some(APP), url: "https://api.example.com/evil;}{$x/y", method: "GET", headers: &[], credentials: CredentialsMode::Omit };
    assert!(!nginx_snippet(&r).contains("evil"));
}

#[test]
fn huge_values_and_many_headers_do_not_hurt() {
    let big = "x".repeat(100 * 1024);
    let headers = h(&[("Authorization", &format!("Bearer {big}")), ("Accept", &big), ("X-Big", &big)]);
    let reasons = needs_preflight("GET", &headers);
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons.iter().all(|r| r.len() < 300), "{reasons:?}");
    let acao = format!("https://{big}.example");
    let actual = h(&[("Access-Control-Allow-Origin", &acao), ("Access-Control-Allow-Headers", &big), ("Vary", &big)]);
    let preflight = h(&[("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Headers", &format!("{big},{big} x"))]);
    let r = request(Some(APP), "GET", &headers, CredentialsMode::Include);
    let out = check(&r, Some(&Response { status: 204, headers: &preflight }), Some(&Response { status: 200, headers: &actual }));
    assert_eq!(out.verdict, Fail);
    assert!(out.findings.iter().any(|f| f.code.as_str() == "CORS012"));
    assert!(out.findings.iter().all(|f| f.message.len() < 1000), "{:#?}", out.findings);

    // 5,000 author headers, all allowed by name, then none.
    let many: Headers = (0..5000).map(|i| (format!("X-H{i}"), "v".to_string())).collect();
    let names: Vec<String> = (0..5000).map(|i| format!("x-h{i}")).collect();
    let allowed = h(&[("Access-Control-Allow-Origin", APP), ("Access-Control-Allow-Headers", &names.join(", "))]);
    let r = request(Some(APP), "GET", &many, CredentialsMode::Omit);
    let out = check(&r, Some(&Response { status: 204, headers: &allowed }), None);
    assert_eq!(out.verdict, Pass, "{}", out.reason);
    assert_eq!(out.preflight_reasons.len(), 5000);
    assert!(out.findings.iter().all(|f| f.message.len() < 2000));
    let refused = h(&[("Access-Control-Allow-Origin", APP)]);
    let out = check(&r, Some(&Response { status: 204, headers: &refused }), None);
    assert_eq!(out.verdict, Fail);
    assert!(out.reason.contains("4992 more"), "{}", out.reason);

    // 5,000 response headers.
    let noisy: Headers = (0..5000).map(|i| ("Access-Control-Allow-Origin".to_string(), format!("https://o{i}.example"))).collect();
    let out = check(&request(Some(APP), "GET", &[], CredentialsMode::Omit), None, Some(&Response { status: 200, headers: &noisy }));
    assert_eq!(out.verdict, Fail);
    assert_eq!(out.findings[0].code.as_str(), "CORS003");
    assert!(out.reason.len() < 1000);
}

#[test]
fn strange_input_never_panics() {
    let texts = ["", " ", "\0", "null", "*", ",", ", ,", "\u{feff}", "é", "https://", "http://[::1", "https://a.example:99999", "bytes=", "`", "\r\n"];
    for origin in texts.iter().map(|t| Some(*t)).chain([None]) {
        for text in texts {
            let headers = h(&[(text, text), ("Content-Type", text), ("Range", text), ("Accept-Language", text)]);
            let response = h(&[
                ("Access-Control-Allow-Origin", text),
                ("Access-Control-Allow-Credentials", text),
                ("Access-Control-Allow-Methods", text),
                ("Access-Control-Allow-Headers", text),
                ("Access-Control-Expose-Headers", text),
                ("Vary", text),
                ("WWW-Authenticate", text),
                ("Location", text),
                (text, text),
            ]);
            for status in [0, 99, 200, 302, 401, 407, 999, u16::MAX] {
                let r = Request { origin, url: text, method: text, headers: &headers, credentials: CredentialsMode::Include };
                let p = Response { status, headers: &response };
                check(&r, Some(&p), Some(&p));
                let r = Request { url: API, ..r };
                let out = check(&r, Some(&p), Some(&p));
                assert!(!out.reason.is_empty());
                recommended_headers(&r);
                nginx_snippet(&r);
                express_snippet(&r);
            }
        }
        let _ = origin.map(normalize_origin);
    }
}

#[test]
fn hosts_and_ports_are_compared_as_browsers_do() {
    assert_eq!(normalize_origin("https://bücher.example/").as_deref(), Ok("https://xn--bcher-kva.example"));
    assert_eq!(normalize_origin("http://[::1]:8080").as_deref(), Ok("http://[::1]:8080"));
    assert_eq!(normalize_origin("http://127.0.0.1").as_deref(), Ok("http://127.0.0.1"));
    assert_eq!(normalize_origin("https://a.example:443"), normalize_origin("https://a.example"));
    assert_ne!(normalize_origin("http://a.example:443"), normalize_origin("http://a.example"));
    assert_eq!(origin_of("https://a.example:443/x").as_deref(), Some("https://a.example"));
    assert_eq!(origin_of("HTTP://A.EXAMPLE:80/").as_deref(), Some("http://a.example"));
    // Same origin once the default port is dropped: nothing to check.
    let same =
        Request { origin: Some("https://a.example:443"), url: "https://a.example/x", method: "PUT", headers: &[], credentials: CredentialsMode::Include };
    assert_eq!(check(&same, None, None).verdict, Na);
    // The scheme makes another origin.
    let other = Request { url: "http://a.example/x", ..same };
    assert!(check(&other, None, None).preflight_needed);
}

#[test]
fn author_headers_leave_out_what_the_browser_added() {
    let captured = h(&[
        (":authority", "api.example.com"),
        ("accept", "*/*"),
        ("accept-encoding", "gzip, deflate, br"),
        ("accept-language", "en-US,en;q=0.9"),
        ("authorization", "Bearer t"),
        ("cache-control", "no-cache"),
        ("content-type", "application/json"),
        ("origin", APP),
        ("pragma", "no-cache"),
        ("priority", "u=1, i"),
        ("referer", "https://app.example.com/"),
        ("sec-ch-ua", "\"Chromium\";v=\"130\""),
        ("sec-fetch-mode", "cors"),
        ("user-agent", "Mozilla/5.0"),
        ("x-request-id", "abc"),
        ("Proxy-Authorization", "Basic x"),
        ("X-HTTP-Method-Override", "TRACE"),
    ]);
    let names: Vec<String> = author_headers(&captured).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["accept", "accept-language", "authorization", "content-type", "x-request-id"]);
    let reasons = needs_preflight("POST", &author_headers(&captured));
    assert_eq!(reasons.len(), 3, "{reasons:?}");
}

#[test]
fn the_origin_is_read_as_a_browser_writes_it_or_refused_with_the_reason() {
    let mut ctx = why401_engine::Context::new(1_764_000_000);
    ctx.origin = Some(" https://App.Example.com:443/ ".to_string());
    let report = why401_engine::inspect("GET /x HTTP/1.1\nHost: api.example.com\n\n", &ctx);
    assert_eq!(report.origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(report.origin_error, None);

    ctx.origin = Some("app.example.com".to_string());
    let report = why401_engine::inspect("GET /x HTTP/1.1\nHost: api.example.com\n\n", &ctx);
    assert_eq!(report.origin, None, "not used");
    let why = report.origin_error.as_deref().unwrap_or_default();
    assert!(why.contains("no scheme") && why.contains("https://app.example.com"), "{why}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["origin_error"], serde_json::json!(why));
    assert!(json.get("origin").is_none());
}
