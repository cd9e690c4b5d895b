//! Checks of the time claims `exp`, `nbf` and `iat` (RFC 7519 §4.1.4–4.1.6) against the
//! caller's clock and skew allowance.

use crate::context::Context;
use crate::findings::{Code, Finding};
use crate::report::{Check, CheckStatus, TimeClaim};
use crate::timefmt;
use serde_json::{Map, Value};

/// Time claims at or above this are taken for milliseconds (it is the year 5138 in seconds).
const MILLISECONDS_FROM: f64 = 1e11;
/// A token that expires within this many seconds gets a reminder to refresh it.
const EXPIRES_SOON: i64 = 300;

/// The outcome of the time checks of one token.
pub struct TimeChecks {
    pub exp: Check,
    pub nbf: Check,
    pub iat: Check,
    pub times: Vec<TimeClaim>,
    pub findings: Vec<Finding>,
}

enum NumericDate {
    Absent,
    /// Reported already: the check shows it as failed.
    Invalid,
    At(i64),
}

fn when(seconds: i64, now: i64) -> String {
    let utc = timefmt::utc(seconds).unwrap_or_default();
    format!("{} ({utc})", timefmt::relative(seconds, now))
}

fn read(claims: &Map<String, Value>, name: &str, findings: &mut Vec<Finding>) -> NumericDate {
    let value = match claims.get(name) {
        None => return NumericDate::Absent,
        Some(value) => value,
    };
    let number = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let hint = if s.trim().parse::<f64>().is_ok() { " (a number in quotes)" } else { "" };
            findings.push(Finding::new(Code::Jwt007, format!("`{name}` is the string `{s}`{hint}, not a JSON number")));
            return NumericDate::Invalid;
        }
        other => {
            findings.push(Finding::new(Code::Jwt007, format!("`{name}` is `{other}`, not a JSON number")));
            return NumericDate::Invalid;
        }
    };
    let Some(number) = number.filter(|n| n.is_finite()) else {
        findings.push(Finding::new(Code::Jwt026, format!("`{name}` is `{value}`, which is not a date")));
        return NumericDate::Invalid;
    };
    let seconds = number.floor();
    if seconds >= MILLISECONDS_FROM {
        let as_seconds = (seconds / 1000.0).floor() as i64;
        if let Some(utc) = timefmt::utc(as_seconds) {
            findings.push(Finding::new(
                Code::Jwt008,
                format!("`{name}` is `{value}`: read as milliseconds that is {utc}, but as seconds it is tens of thousands of years away"),
            ));
            return NumericDate::Invalid;
        }
    }
    // The cast saturates, and `utc` refuses what no calendar date can express.
    let seconds = seconds as i64;
    if seconds < 0 {
        findings.push(Finding::new(Code::Jwt026, format!("`{name}` is `{value}`, a date before 1970")));
        return NumericDate::Invalid;
    }
    if timefmt::utc(seconds).is_none() {
        findings.push(Finding::new(Code::Jwt026, format!("`{name}` is `{value}`, beyond the year 9999")));
        return NumericDate::Invalid;
    }
    NumericDate::At(seconds)
}

fn invalid(name: &str) -> Check {
    Check::new(CheckStatus::Fail, format!("`{name}` is not a valid NumericDate"))
}

/// Lifetimes longer than this are reported: a leaked token stays usable that long.
const LONG_LIFETIME: i64 = 24 * 60 * 60;

/// Checks the time claims of a token's payload.
pub fn check(claims: &Map<String, Value>, ctx: &Context) -> TimeChecks {
    let mut findings = Vec::new();
    let now = ctx.now;
    let skew = i64::try_from(ctx.skew).unwrap_or(i64::MAX);
    let exp = read(claims, "exp", &mut findings);
    let nbf = read(claims, "nbf", &mut findings);
    let iat = read(claims, "iat", &mut findings);

    let mut times = Vec::new();
    for (claim, date) in [("exp", &exp), ("nbf", &nbf), ("iat", &iat)] {
        if let NumericDate::At(at) = date {
            times.push(TimeClaim {
                claim,
                value: *at,
                utc: timefmt::utc(*at).unwrap_or_default(),
                relative: timefmt::relative(*at, now),
            });
        }
    }
    let auth_time = read(claims, "auth_time", &mut findings);
    if let NumericDate::At(at) = auth_time {
        times.push(TimeClaim {
            claim: "auth_time",
            value: at,
            utc: timefmt::utc(at).unwrap_or_default(),
            relative: timefmt::relative(at, now),
        });
        if let Some(max_age) = ctx.expect.max_age {
            let age = now.saturating_sub(at);
            if age > i64::try_from(max_age).unwrap_or(i64::MAX).saturating_add(skew) {
                findings.push(Finding::new(
                    Code::Jwt030,
                    format!("The user signed in {}, longer ago than `max_age` ({})", when(at, now), timefmt::duration(max_age)),
                ));
            }
        }
    } else if let (NumericDate::Absent, Some(_)) = (&auth_time, ctx.expect.max_age) {
        findings.push(Finding::new(Code::Jwt030, "`max_age` is expected, but the token has no `auth_time` to check it against"));
    }
    if let (NumericDate::At(e), NumericDate::At(i)) = (&exp, &iat) {
        if e.saturating_sub(*i) > LONG_LIFETIME {
            findings.push(Finding::new(Code::Jwt029, format!("The token is valid for {} from `iat` to `exp`", timefmt::duration(u64::try_from(e.saturating_sub(*i)).unwrap_or(0)))));
        }
    }

    let exp_check = match exp {
        NumericDate::Absent => {
            findings.push(Finding::new(Code::Jwt006, "The token has no `exp` claim, so nothing says when it stops being valid"));
            Check::new(CheckStatus::Warn, "No `exp` claim")
        }
        NumericDate::Invalid => invalid("exp"),
        NumericDate::At(e) if now < e => {
            if e.saturating_sub(now) <= EXPIRES_SOON {
                findings.push(Finding::new(Code::Jwt025, format!("`exp` is {}", when(e, now))));
            }
            Check::new(CheckStatus::Pass, format!("Expires {}", when(e, now)))
        }
        NumericDate::At(e) if now.saturating_sub(e) < skew => {
            findings.push(Finding::new(
                Code::Jwt002,
                format!("`exp` was {}, within the {} allowance", when(e, now), timefmt::duration(ctx.skew)),
            ));
            Check::new(CheckStatus::Warn, format!("Expired {}, within the skew allowance", when(e, now)))
        }
        NumericDate::At(e) => {
            findings.push(Finding::new(Code::Jwt001, format!("`exp` was {}", when(e, now))));
            Check::new(CheckStatus::Fail, format!("Expired {}", when(e, now)))
        }
    };

    let nbf_check = match nbf {
        NumericDate::Absent => Check::new(CheckStatus::Skip, "No `nbf` claim (it is optional)"),
        NumericDate::Invalid => invalid("nbf"),
        NumericDate::At(b) if b <= now => Check::new(CheckStatus::Pass, format!("Valid since {}", when(b, now))),
        NumericDate::At(b) if b.saturating_sub(now) <= skew => {
            findings.push(Finding::new(
                Code::Jwt004,
                format!("`nbf` is {}, within the {} allowance", when(b, now), timefmt::duration(ctx.skew)),
            ));
            Check::new(CheckStatus::Warn, format!("Valid only from {}", when(b, now)))
        }
        NumericDate::At(b) => {
            findings.push(Finding::new(Code::Jwt003, format!("`nbf` is {}", when(b, now))));
            Check::new(CheckStatus::Fail, format!("Not valid until {}", when(b, now)))
        }
    };

    let iat_check = match iat {
        NumericDate::Absent => Check::new(CheckStatus::Skip, "No `iat` claim (it is optional)"),
        NumericDate::Invalid => invalid("iat"),
        NumericDate::At(i) if i.saturating_sub(now) <= skew => Check::new(CheckStatus::Pass, format!("Issued {}", when(i, now))),
        NumericDate::At(i) => {
            findings.push(Finding::new(
                Code::Jwt005,
                format!("`iat` is {}: the issuer's clock is ahead of this one, or this one is behind", when(i, now)),
            ));
            Check::new(CheckStatus::Warn, format!("Issued {}, in the future", when(i, now)))
        }
    };

    if let NumericDate::At(e) = exp {
        for (name, start) in [("nbf", &nbf), ("iat", &iat)] {
            if let NumericDate::At(s) = start {
                if e <= *s {
                    findings.push(Finding::new(
                        Code::Jwt009,
                        format!("`exp` ({}) is not after `{name}` ({})", timefmt::utc(e).unwrap_or_default(), timefmt::utc(*s).unwrap_or_default()),
                    ));
                    break;
                }
            }
        }
    }

    TimeChecks { exp: exp_check, nbf: nbf_check, iat: iat_check, times, findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_764_000_000;

    fn run(claims: Value, skew: u64) -> TimeChecks {
        check(claims.as_object().unwrap(), &Context::new(NOW).with_skew(skew))
    }

    fn codes(t: &TimeChecks) -> Vec<&'static str> {
        t.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn exp_boundaries() {
        // (exp relative to now, skew, expected status, expected codes)
        let table: [(i64, u64, CheckStatus, &[&str]); 8] = [
            (3600, 60, CheckStatus::Pass, &[]),
            (1, 0, CheckStatus::Pass, &["JWT025"]),
            (0, 0, CheckStatus::Fail, &["JWT001"]),
            (0, 60, CheckStatus::Warn, &["JWT002"]),
            (-59, 60, CheckStatus::Warn, &["JWT002"]),
            (-60, 60, CheckStatus::Fail, &["JWT001"]),
            (-61, 60, CheckStatus::Fail, &["JWT001"]),
            (-8040, 60, CheckStatus::Fail, &["JWT001"]),
        ];
        for (offset, skew, status, want) in table {
            let t = run(json!({ "exp": NOW + offset }), skew);
            assert_eq!(t.exp.status, status, "exp now{offset:+} skew {skew}: {}", t.exp.message);
            assert_eq!(codes(&t), want, "exp now{offset:+} skew {skew}");
        }
    }

    #[test]
    fn expired_message_names_the_time() {
        let t = run(json!({ "exp": NOW - 8040 }), 60);
        assert_eq!(t.findings[0].message, "`exp` was 2 h 14 min ago (2025-11-24 13:46:00 UTC)");
    }

    #[test]
    fn nbf_boundaries() {
        let table: [(i64, u64, CheckStatus, &[&str]); 5] = [
            (0, 0, CheckStatus::Pass, &[]),
            (-10, 0, CheckStatus::Pass, &[]),
            (1, 0, CheckStatus::Fail, &["JWT003"]),
            (60, 60, CheckStatus::Warn, &["JWT004"]),
            (61, 60, CheckStatus::Fail, &["JWT003"]),
        ];
        for (offset, skew, status, want) in table {
            let t = run(json!({ "exp": NOW + 3600, "nbf": NOW + offset }), skew);
            assert_eq!(t.nbf.status, status, "nbf now{offset:+} skew {skew}");
            assert_eq!(codes(&t), want, "nbf now{offset:+} skew {skew}");
        }
    }

    #[test]
    fn iat_in_the_future() {
        let within = run(json!({ "exp": NOW + 3600, "iat": NOW + 60 }), 60);
        assert_eq!(within.iat.status, CheckStatus::Pass);
        let beyond = run(json!({ "exp": NOW + 3600, "iat": NOW + 61 }), 60);
        assert_eq!(beyond.iat.status, CheckStatus::Warn);
        assert_eq!(codes(&beyond), ["JWT005"]);
    }

    #[test]
    fn missing_and_malformed_claims() {
        let t = run(json!({}), 60);
        assert_eq!((t.exp.status, t.nbf.status, t.iat.status), (CheckStatus::Warn, CheckStatus::Skip, CheckStatus::Skip));
        assert_eq!(codes(&t), ["JWT006"]);

        let t = run(json!({ "exp": "1764000000", "nbf": true }), 60);
        assert_eq!(t.exp.status, CheckStatus::Fail);
        assert_eq!(t.nbf.status, CheckStatus::Fail);
        assert_eq!(codes(&t), ["JWT007", "JWT007"]);
        assert!(t.findings[0].message.contains("a number in quotes"));

        let t = run(json!({ "exp": 1_764_000_000_000_i64 }), 60);
        assert_eq!(codes(&t), ["JWT008"]);
        assert!(t.findings[0].message.contains("2025-11-24 16:00:00 UTC"), "{}", t.findings[0].message);

        let t = run(json!({ "exp": 1e300, "iat": -5 }), 60);
        assert_eq!(codes(&t), ["JWT026", "JWT026"]);
    }

    #[test]
    fn fractional_dates_are_cut_to_seconds() {
        let t = run(json!({ "exp": NOW as f64 + 0.5 }), 0);
        assert_eq!(t.exp.status, CheckStatus::Fail);
        assert_eq!(t.times[0].value, NOW);
    }

    #[test]
    fn long_lifetimes_and_old_sign_ins_are_reported() {
        let t = run(json!({ "exp": NOW + 30 * 86_400, "iat": NOW - 60 }), 60);
        assert_eq!(codes(&t), ["JWT029"]);
        assert!(t.findings[0].message.contains("30 d"), "{}", t.findings[0].message);
        let mut ctx = Context::new(NOW);
        ctx.expect.max_age = Some(3600);
        let claims = json!({ "exp": NOW + 600, "auth_time": NOW - 7200 });
        let t = check(claims.as_object().unwrap(), &ctx);
        assert_eq!(codes(&t), ["JWT030"]);
        let claims = json!({ "exp": NOW + 600, "auth_time": NOW - 3000 });
        assert!(codes(&check(claims.as_object().unwrap(), &ctx)).is_empty());
        let claims = json!({ "exp": NOW + 600 });
        assert_eq!(codes(&check(claims.as_object().unwrap(), &ctx)), ["JWT030"]);
    }

    #[test]
    fn never_valid_token() {
        let t = run(json!({ "exp": NOW + 100, "iat": NOW + 100 }), 60);
        assert!(codes(&t).contains(&"JWT009"));
    }

    #[test]
    fn times_are_listed_for_display() {
        let t = run(json!({ "exp": NOW + 300, "iat": NOW - 3600, "auth_time": NOW - 7200 }), 60);
        let claims: Vec<&str> = t.times.iter().map(|c| c.claim).collect();
        assert_eq!(claims, ["exp", "iat", "auth_time"]);
        assert_eq!(t.times[0].relative, "in 5 min");
        assert_eq!(t.times[1].relative, "1 h ago");
    }
}
