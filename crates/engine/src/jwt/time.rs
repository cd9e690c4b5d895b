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
            findings.push(Finding::new(Code::TimeClaimNotNumber, format!("`{name}` is the string `{s}`{hint}, not a JSON number")));
            return NumericDate::Invalid;
        }
        other => {
            findings.push(Finding::new(Code::TimeClaimNotNumber, format!("`{name}` is `{other}`, not a JSON number")));
            return NumericDate::Invalid;
        }
    };
    let Some(number) = number.filter(|n| n.is_finite()) else {
        findings.push(Finding::new(Code::TimeClaimOutOfRange, format!("`{name}` is `{value}`, which is not a date")));
        return NumericDate::Invalid;
    };
    let seconds = number.floor();
    if seconds >= MILLISECONDS_FROM {
        let as_seconds = (seconds / 1000.0).floor() as i64;
        if let Some(utc) = timefmt::utc(as_seconds) {
            findings.push(Finding::new(
                Code::TimeClaimInMilliseconds,
                format!("`{name}` is `{value}`: read as milliseconds that is {utc}, but as seconds it is tens of thousands of years away"),
            ));
            return NumericDate::Invalid;
        }
    }
    // The cast saturates, and `utc` refuses what no calendar date can express.
    let seconds = seconds as i64;
    if seconds < 0 {
        findings.push(Finding::new(Code::TimeClaimOutOfRange, format!("`{name}` is `{value}`, a date before 1970")));
        return NumericDate::Invalid;
    }
    if timefmt::utc(seconds).is_none() {
        findings.push(Finding::new(Code::TimeClaimOutOfRange, format!("`{name}` is `{value}`, beyond the year 9999")));
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
            times.push(TimeClaim { claim, value: *at, utc: timefmt::utc(*at).unwrap_or_default(), relative: timefmt::relative(*at, now) });
        }
    }
    let auth_time = read(claims, "auth_time", &mut findings);
    if let NumericDate::At(at) = auth_time {
        times.push(TimeClaim { claim: "auth_time", value: at, utc: timefmt::utc(at).unwrap_or_default(), relative: timefmt::relative(at, now) });
        if let Some(max_age) = ctx.expect.max_age {
            let age = now.saturating_sub(at);
            if age > i64::try_from(max_age).unwrap_or(i64::MAX).saturating_add(skew) {
                findings.push(Finding::new(
                    Code::SignInOlderThanMaxAge,
                    format!("The user signed in {}, longer ago than `max_age` ({})", when(at, now), timefmt::duration(max_age)),
                ));
            }
        }
    } else if let (NumericDate::Absent, Some(_)) = (&auth_time, ctx.expect.max_age) {
        findings.push(Finding::new(Code::SignInOlderThanMaxAge, "`max_age` is expected, but the token has no `auth_time` to check it against"));
    }
    if let (NumericDate::At(e), NumericDate::At(i)) = (&exp, &iat) {
        if e.saturating_sub(*i) > LONG_LIFETIME {
            findings.push(Finding::new(
                Code::TokenLivesLong,
                format!("The token is valid for {} from `iat` to `exp`", timefmt::duration(u64::try_from(e.saturating_sub(*i)).unwrap_or(0))),
            ));
        }
    }

    let exp_check = match exp {
        NumericDate::Absent => {
            findings.push(Finding::new(Code::TokenHasNoExpiry, "The token has no `exp` claim, so nothing says when it stops being valid"));
            Check::new(CheckStatus::Warn, "No `exp` claim")
        }
        NumericDate::Invalid => invalid("exp"),
        NumericDate::At(e) if now < e => {
            if e.saturating_sub(now) <= EXPIRES_SOON {
                findings.push(Finding::new(Code::TokenExpiresSoon, format!("`exp` is {}", when(e, now))));
            }
            Check::new(CheckStatus::Pass, format!("Expires {}", when(e, now)))
        }
        NumericDate::At(e) if now.saturating_sub(e) < skew => {
            findings
                .push(Finding::new(Code::TokenExpiredWithinSkew, format!("`exp` was {}, within the {} allowance", when(e, now), timefmt::duration(ctx.skew))));
            Check::new(CheckStatus::Warn, format!("Expired {}, within the skew allowance", when(e, now)))
        }
        NumericDate::At(e) => {
            findings.push(Finding::new(Code::TokenExpired, format!("`exp` was {}", when(e, now))));
            Check::new(CheckStatus::Fail, format!("Expired {}", when(e, now)))
        }
    };

    let nbf_check = match nbf {
        NumericDate::Absent => Check::new(CheckStatus::Skip, "No `nbf` claim (it is optional)"),
        NumericDate::Invalid => invalid("nbf"),
        NumericDate::At(b) if b <= now => Check::new(CheckStatus::Pass, format!("Valid since {}", when(b, now))),
        NumericDate::At(b) if b.saturating_sub(now) <= skew => {
            findings.push(Finding::new(
                Code::TokenNotYetValidWithinSkew,
                format!("`nbf` is {}, within the {} allowance", when(b, now), timefmt::duration(ctx.skew)),
            ));
            Check::new(CheckStatus::Warn, format!("Valid only from {}", when(b, now)))
        }
        NumericDate::At(b) => {
            findings.push(Finding::new(Code::TokenNotYetValid, format!("`nbf` is {}", when(b, now))));
            Check::new(CheckStatus::Fail, format!("Not valid until {}", when(b, now)))
        }
    };

    let iat_check = match iat {
        NumericDate::Absent => Check::new(CheckStatus::Skip, "No `iat` claim (it is optional)"),
        NumericDate::Invalid => invalid("iat"),
        NumericDate::At(i) if i.saturating_sub(now) <= skew => Check::new(CheckStatus::Pass, format!("Issued {}", when(i, now))),
        NumericDate::At(i) => {
            findings.push(Finding::new(
                Code::TokenIssuedInFuture,
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
                        Code::TokenNeverValid,
                        format!("`exp` ({}) is not after `{name}` ({})", timefmt::utc(e).unwrap_or_default(), timefmt::utc(*s).unwrap_or_default()),
                    ));
                    break;
                }
            }
        }
    }

    TimeChecks { exp: exp_check, nbf: nbf_check, iat: iat_check, times, findings }
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenExpired,
        meaning: "The token's `exp` claim is in the past by more than the clock-skew allowance (60 seconds unless set otherwise), measured against the analysis clock; the message says how long ago it expired.",
        why: "RFC 7519 requires a token to be rejected at or after its `exp`, so a server that checks expiry answers 401, usually with `error=\"invalid_token\"`.",
        caller: "Obtain a new access token (use the refresh token, or sign in again) and retry; make the client refresh before `exp` instead of waiting for a 401.",
        owner: "Check the log line for an expiry error and compare `exp` with the server's clock; if expired tokens arrive often, look at client refresh logic or a token lifetime that is too short for the workflow.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenExpiredWithinSkew,
        meaning: "The token's `exp` has already passed, but by less than the configured clock-skew allowance, so the engine treats it as expired only for stricter verifiers.",
        why: "A verifier with a leeway at least this large still accepts the token; one with a smaller leeway, or none, rejects it as expired, so the result depends on the server's configuration and its clock.",
        caller: "Get a fresh token now rather than relying on the leeway, and refresh tokens a minute or two before `exp`.",
        owner: "Check the leeway the API's JWT library applies to `exp` and whether the server clock is in sync (NTP); a leeway of zero turns small clock differences into 401s.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenNotYetValid,
        meaning: "The token's `nbf` claim lies in the future by more than the clock-skew allowance, so the token is not yet valid at the analysis time.",
        why: "RFC 7519 says a token must not be accepted before `nbf`, so a verifier that checks it refuses the token with a 401.",
        caller: "Check the clock of this machine and, if the token was just issued, wait until `nbf`; if the gap is large, report it to whoever runs the issuer.",
        owner: "Make sure the issuer's and the API's clocks are synchronised (NTP) and that the issuer does not set `nbf` ahead of its issue time; allow a small leeway on `nbf`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenNotYetValidWithinSkew,
        meaning: "The token's `nbf` is still in the future, but only by less than the clock-skew allowance.",
        why: "A verifier with enough leeway accepts it; one with a smaller leeway or none refuses it as not yet valid, which typically shows up as an intermittent 401 right after sign-in.",
        caller: "Retry after a few seconds, and check that this machine's clock is correct.",
        owner: "Synchronise the issuer and API clocks with NTP and configure a leeway of about a minute on `nbf`, so freshly issued tokens are not refused.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenIssuedInFuture,
        meaning: "The token's `iat` (issued at) lies in the future by more than the clock-skew allowance: either the issuer's clock runs ahead or this machine's clock runs behind.",
        why: "RFC 7519 does not require rejecting a future `iat`, but several libraries do, and the same clock error usually also shifts `nbf` and `exp`, so a 401 is likely on strict servers.",
        caller: "Check and correct this machine's clock (enable NTP time sync), then analyse again with the correct time.",
        owner: "Check the issuer's clock against NTP; if the library rejects future `iat`, give it a leeway of a minute or so.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenHasNoExpiry,
        meaning: "The token's payload has no `exp` claim, so nothing in the token says when it stops being valid.",
        why: "An unlimited token is not itself a cause of refusal under RFC 7519, where `exp` is optional, but RFC 9068 access tokens must carry it and many API libraries require it and reject the token otherwise.",
        caller: "Ask the issuer for a token that carries `exp`; if the API rejected the token, this is a likely reason.",
        owner: "Configure the issuer to set `exp` on every access token; if the API requires `exp`, its log should show a missing-claim error for these tokens.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TimeClaimNotNumber,
        meaning: "A time claim (`exp`, `nbf`, `iat` or `auth_time`) is not a JSON number: it is a string (sometimes a number in quotes) or another JSON type, so it is not a NumericDate.",
        why: "RFC 7519 defines these claims as NumericDate, a JSON number of seconds; verifiers either refuse the token or cannot evaluate the claim, and refusing is the common result.",
        caller: "The caller cannot fix this in the token; report it to the issuer, since the claim is signed and must not be edited.",
        owner: "Make the issuer emit time claims as plain JSON numbers of seconds since 1970-01-01 UTC (for example `1764000000`, not `\"1764000000\"`).",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TimeClaimInMilliseconds,
        meaning: "A time claim is a number of at least 10^11, which as seconds lies tens of thousands of years ahead but as milliseconds is a plausible date; the engine shows that date and treats the claim as invalid.",
        why: "JWT times are seconds (RFC 7519 NumericDate); a verifier reads the value as seconds, so `nbf` or `iat` lands far in the future and the token is refused, or `exp` never expires on lenient ones.",
        caller: "Report it to the issuer: the token must be reissued, since the claim is signed.",
        owner: "Fix the code that sets the claim to use seconds, for example `Math.floor(Date.now() / 1000)` in JavaScript instead of `Date.now()`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenNeverValid,
        meaning: "The token's `exp` is not later than its `nbf` or its `iat`, so there is no moment at which it is valid.",
        why: "A verifier that checks both bounds rejects the token at any time, so every request with it fails with a 401.",
        caller: "A new token from the same issuer will likely have the same problem; report the token's times to the issuer.",
        owner: "Check how the issuer computes `exp`: usually a lifetime of zero or a negative value, a unit error (minutes or milliseconds), or `nbf` set from a different clock.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenExpiresSoon,
        meaning: "The token's `exp` is within five minutes of the analysis time, though it is still valid.",
        why: "It does not cause a 401 now; it matters when a request is sent after this moment, or when the server's clock is ahead, which makes the token expired by the time it arrives.",
        caller: "Refresh the token ahead of its expiry, ideally a minute or two before `exp`, and retry with the new one.",
        owner: "No change is needed; if many requests arrive with nearly expired tokens, consider whether the token lifetime matches how long clients use it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TimeClaimOutOfRange,
        meaning: "A time claim is a number that is not a usable date: not finite, negative (before 1970), or beyond the year 9999.",
        why: "Verifiers cannot compare it with their clock; they reject the token or behave unpredictably, so a 401 is likely.",
        caller: "Report the token to the issuer; the claim is signed and cannot be corrected by the caller.",
        owner: "Make the issuer write time claims as whole seconds since 1970-01-01 UTC within normal calendar range.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::TokenLivesLong,
        meaning: "The token's lifetime from `iat` to `exp` is longer than 24 hours.",
        why: "A long lifetime does not cause a 401; it matters for security, since a stolen token stays usable until `exp`, and some APIs enforce a maximum lifetime and refuse tokens that exceed it.",
        caller: "Prefer short-lived access tokens renewed with a refresh token; nothing has to change to make the current request work.",
        owner: "Consider lowering the access-token lifetime at the issuer to minutes or hours, and rely on refresh tokens or sender-constrained tokens for long sessions.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SignInOlderThanMaxAge,
        meaning: "A maximum authentication age (`max_age`) was set for the analysis, and the token's `auth_time` is older than that plus the skew allowance, or the token has no `auth_time` at all to compare against.",
        why: "When a client asks for `max_age`, OpenID Connect has it check `auth_time` and demand reauthentication if too much time has passed, so a client or API that enforces a maximum age refuses this token until the user signs in again.",
        caller: "Sign in again, sending `max_age` or `prompt=login` on the authorization request so the provider reauthenticates the user and includes `auth_time`, then use the new token.",
        owner: "Check that the provider includes `auth_time` when `max_age` is requested (or when it is configured to always do so), and that the API's maximum age fits the workflow.",
    },
];

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
