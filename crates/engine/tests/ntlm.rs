//! NTLM, Negotiate and proxy authentication through the whole engine: a correct handshake fails
//! no step, each fault alone gives its code, the password decides the `account` step, and no
//! response, session key or password reaches any output.

mod support;

use why401_engine::{inspect, Context, Secret, Severity, StepStatus};

fn fixture(name: &str) -> (Context, &'static str) {
    let (_, text) = support::all().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no fixture {name}"));
    let (ctx, input, _) = support::setup(text).expect("a fixture");
    (ctx, input)
}

#[test]
fn correct_exchanges_fail_no_step() {
    for name in ["ntlm/curl-handshake-ok", "ntlm/pyspnego-handshake-ok", "negotiate/kerberos-ticket"] {
        let (ctx, input) = fixture(name);
        let report = inspect(input, &ctx);
        let failed: Vec<&str> = report.checklist.iter().filter(|s| s.status == StepStatus::Fail).map(|s| s.id.as_str()).collect();
        assert!(failed.is_empty(), "{name}: failed steps {failed:?}");
        let errors: Vec<&str> = report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code.as_str()).collect();
        assert!(errors.is_empty(), "{name}: errors {errors:?}");
    }
}

#[test]
fn the_password_decides_the_account_step() {
    let (ctx, input) = fixture("ntlm/curl-handshake-ok");
    let step = |ctx: &Context| {
        let report = inspect(input, ctx);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        let account = report.checklist.iter().find(|s| s.id.as_str() == "account").map(|s| s.status);
        (codes.contains(&"NTLM008"), codes.contains(&"NTLM007"), account)
    };
    assert_eq!(step(&ctx), (true, false, Some(StepStatus::Pass)));
    let wrong = Context { password: Some(Secret::new("Passw0rd?")), ..ctx.clone() };
    // The server accepted the handshake: the password typed is what differs, not the client's
    // (a note, NTLM014), and the account step is not failed by it.
    assert_eq!(step(&wrong), (false, false, Some(StepStatus::Unknown)));
    let codes: Vec<&str> = inspect(input, &wrong).findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"NTLM014"), "{codes:?}");
    let none = Context { password: None, ..ctx };
    let (matched, differs, _) = step(&none);
    assert!(!matched && !differs, "without a password nothing is recomputed");
}

#[test]
fn responses_and_the_password_stay_secret() {
    let (ctx, input) = fixture("ntlm/curl-wrong-password");
    let report = inspect(input, &ctx);
    let json = report.to_json(false).expect("a report serialises").to_string();
    let outputs = [json.clone(), why401_engine::markdown::render(&report, &Default::default()), format!("{report:?}")];
    // The NT response of the type 3 message in base64, and the password given.
    let type3 = input
        .lines()
        .filter(|l| l.starts_with("> Authorization: NTLM TlRMTVNTUAAD"))
        .map(|l| l.trim_start_matches("> Authorization: NTLM "))
        .next()
        .expect("a type 3");
    for out in &outputs {
        assert!(!out.contains("Passw0rd!"), "the password is printed");
        assert!(!out.contains(type3), "the authenticate message is printed");
    }
    assert!(json.contains("alice") && json.contains("CONTOSO"), "the user and domain may be shown");
}

/// Bytes from a fixed linear congruential sequence: the same every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn damaged_tokens_give_findings_not_panics() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let prefixes: [&[u8]; 4] = [b"NTLMSSP\0\x03\0\0\0", b"NTLMSSP\0\x02\0\0\0", b"\x60\x82\x01\x00\x06\x06\x2b\x06\x01\x05\x05\x02", b"\xa1\x81\x90\x30"];
    let mut read = 0;
    for seed in 0..400u64 {
        let prefix = prefixes[(seed % 4) as usize];
        let mut bytes = prefix.to_vec();
        bytes.extend(noise(seed, (seed as usize * 7) % 300));
        let token = b64.encode(&bytes);
        for scheme in ["NTLM", "Negotiate"] {
            let text = format!("GET / HTTP/1.1\nHost: a.example\nAuthorization: {scheme} {token}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: {scheme} {token}\n\nGET / HTTP/1.1\nHost: a.example\nAuthorization: {scheme} {token}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: {scheme}\n");
            let ctx = Context::new(support::DEFAULT_NOW).with_password("x");
            let report = inspect(&text, &ctx);
            read += report.findings.len();
        }
    }
    println!("{read} findings from 800 damaged captures");
    assert!(read >= 800, "every damaged token is reported");
}
