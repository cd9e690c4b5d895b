//! Times as messages print them: RFC 3339 (`2024-03-01T09:00:00Z`, also with a space),
//! .NET's `3/1/2024 9:00:00 AM`, Go's `2024-03-01 09:00:00 +0000 UTC`, AWS's
//! `20240301T090000Z`, HTTP dates, and Unix seconds or milliseconds. Times without a zone are
//! taken as UTC, which is what every catalogued message prints.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Seconds since 1970 of a logged time, when it reads as one.
pub fn parse(text: &str) -> Option<i64> {
    let t = text.trim().trim_matches(['\'', '"', '‘', '’', '[', ']', '(', ')', '.']).trim();
    if t.is_empty() || t.contains("PII") {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        return Some(if t.len() >= 13 { n / 1000 } else { n });
    }
    if let Ok(at) = OffsetDateTime::parse(t, &Rfc3339) {
        return Some(at.unix_timestamp());
    }
    let spaced = t.replacen(' ', "T", 1);
    if let Ok(at) = OffsetDateTime::parse(&spaced, &Rfc3339) {
        return Some(at.unix_timestamp());
    }
    if let Ok(at) = OffsetDateTime::parse(t, &Rfc2822) {
        return Some(at.unix_timestamp());
    }
    if let Ok(at) = httpdate::parse_http_date(t) {
        return at.duration_since(std::time::UNIX_EPOCH).ok().and_then(|d| i64::try_from(d.as_secs()).ok());
    }
    // Go: `2024-03-01 09:00:00 +0000 UTC`, perhaps with fractions of a second.
    let go = t.trim_end_matches(" UTC").trim_end_matches(" +0000");
    let plain = go.trim_end_matches('Z').replace('T', " ");
    let plain = plain.split('.').next().unwrap_or(&plain).to_string();
    let formats = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year][month][day] [hour][minute][second]"),
        format_description!("[month padding:none]/[day padding:none]/[year] [hour padding:none]:[minute]:[second]"),
    ];
    for format in formats {
        if let Ok(at) = PrimitiveDateTime::parse(&plain, format) {
            return Some(at.assume_utc().unix_timestamp());
        }
    }
    // .NET's twelve-hour clock: `3/1/2024 9:00:00 AM`.
    let (clock, half) = t.rsplit_once(' ')?;
    let pm = match half.to_ascii_uppercase().as_str() {
        "AM" => false,
        "PM" => true,
        _ => return None,
    };
    let at = PrimitiveDateTime::parse(clock, formats[2]).ok()?;
    let hour = (at.hour() % 12).saturating_add(if pm { 12 } else { 0 });
    Some(at.replace_hour(hour).ok()?.assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn logged_times_in_every_usual_form() {
        let at = 1_709_283_600; // 2024-03-01 09:00:00 UTC
        for text in [
            "2024-03-01T09:00:00Z",
            "2024-03-01T09:00:00.0000000Z",
            "2024-03-01 09:00:00Z",
            "'3/1/2024 9:00:00 AM'",
            "2024-03-01 09:00:00 +0000 UTC",
            "20240301T090000Z",
            "Fri, 01 Mar 2024 09:00:00 GMT",
            "1709283600",
            "1709283600000",
        ] {
            assert_eq!(parse(text), Some(at), "{text}");
        }
        assert_eq!(parse("3/1/2024 9:00:00 PM"), Some(at + 12 * 3600));
        assert_eq!(parse("3/1/2024 12:30:00 AM"), Some(at - 9 * 3600 + 1800));
        assert_eq!(parse("[PII of type 'System.DateTime' is hidden]"), None);
        assert_eq!(parse("soon"), None);
    }
}
