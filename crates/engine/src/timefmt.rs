//! Showing instants and durations the way the report words them.

use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// `2026-11-25 04:10:03 UTC`, or `None` when no calendar date can express the instant (the
/// caller reports that as a finding).
pub fn utc(seconds: i64) -> Option<String> {
    let at = OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    at.format(&format).ok()
}

/// The instant in a time zone `offset_minutes` east of UTC: `2026-11-25 05:10:03 UTC+01:00`.
/// The caller supplies the offset (the engine knows no time zone).
pub fn local(seconds: i64, offset_minutes: i32) -> Option<String> {
    let offset = UtcOffset::from_whole_seconds(offset_minutes.checked_mul(60)?).ok()?;
    let at = OffsetDateTime::from_unix_timestamp(seconds).ok()?.to_offset(offset);
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC[offset_hour sign:mandatory]:[offset_minute]");
    at.format(&format).ok()
}

/// The seconds since 1970 of an RFC 3339 date-time (a HAR file's `startedDateTime`).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339).ok().map(OffsetDateTime::unix_timestamp)
}

/// A short duration such as `2 h 14 min`, `3 d 4 h` or `45 s`, with the two largest units.
pub fn duration(seconds: u64) -> String {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    let (d, h, m, s) = (seconds / DAY, seconds % DAY / HOUR, seconds % HOUR / MIN, seconds % MIN);
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, _) if s == 0 => format!("{m} min"),
        (0, 0, _) => format!("{m} min {s} s"),
        (0, _, _) if m == 0 => format!("{h} h"),
        (0, _, _) => format!("{h} h {m} min"),
        (_, 0, _) => format!("{d} d"),
        _ => format!("{d} d {h} h"),
    }
}

/// `in 5 min`, `2 h 14 min ago` or `now`, for an instant seen from `now`.
pub fn relative(at: i64, now: i64) -> String {
    let delta = i128::from(at).saturating_sub(i128::from(now));
    let magnitude = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
    match delta {
        0 => "now".to_string(),
        d if d > 0 => format!("in {}", duration(magnitude)),
        _ => format!("{} ago", duration(magnitude)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_formats_and_refuses_out_of_range() {
        assert_eq!(utc(0).as_deref(), Some("1970-01-01 00:00:00 UTC"));
        assert_eq!(utc(1_764_000_000).as_deref(), Some("2025-11-24 16:00:00 UTC"));
        assert_eq!(utc(i64::MAX), None);
    }

    #[test]
    fn local_time_uses_the_given_offset() {
        assert_eq!(local(0, 60).as_deref(), Some("1970-01-01 01:00:00 UTC+01:00"));
        assert_eq!(local(0, -330).as_deref(), Some("1969-12-31 18:30:00 UTC-05:30"));
        assert_eq!(local(0, 0).as_deref(), Some("1970-01-01 00:00:00 UTC+00:00"));
        assert_eq!(local(0, i32::MAX), None);
    }

    #[test]
    fn durations_keep_two_units() {
        let table = [
            (0, "0 s"),
            (45, "45 s"),
            (60, "1 min"),
            (61, "1 min 1 s"),
            (3600, "1 h"),
            (2 * 3600 + 14 * 60 + 3, "2 h 14 min"),
            (86_400, "1 d"),
            (3 * 86_400 + 4 * 3600 + 59, "3 d 4 h"),
            (400 * 86_400, "400 d"),
        ];
        for (secs, want) in table {
            assert_eq!(duration(secs), want, "{secs}");
        }
    }

    #[test]
    fn relative_phrasing() {
        assert_eq!(relative(100, 100), "now");
        assert_eq!(relative(400, 100), "in 5 min");
        assert_eq!(relative(100, 400), "5 min ago");
        assert_eq!(relative(i64::MIN, i64::MAX), format!("{} ago", duration(u64::MAX)));
    }
}
