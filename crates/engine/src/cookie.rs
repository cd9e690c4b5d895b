//! Cookies as a browser handles them, after RFC 6265bis (draft-ietf-httpbis-rfc6265bis).
//!
//! [`parse_set_cookie`] reads one `Set-Cookie` field value with the user-agent algorithm of
//! §5.6, keeping every anomaly as a typed [`Problem`] instead of silently dropping it.
//! [`parse_cookie_date`] is the cookie-date algorithm of §5.1.1. [`Jar`] is the storage model of
//! §5.7 and the retrieval algorithm of §5.8: [`Jar::store`] says why a cookie was refused, and
//! [`Jar::cookie_header`] builds the `Cookie` header a browser would send.
//!
//! Everything is pure: "now" is passed in (seconds since 1970), and creation order is a counter.

use url::{Host, Url};

/// The most octets the name and value of a cookie may hold together (§5.6 step 5).
pub const MAX_NAME_VALUE_BYTES: usize = 4096;
/// The most octets an attribute value may hold; longer ones are ignored (§5.6, attributes step 6).
pub const MAX_ATTRIBUTE_VALUE_BYTES: usize = 1024;
/// The longest lifetime a cookie is given: 400 days (§5.5).
pub const MAX_AGE_LIMIT: i64 = 400 * 24 * 60 * 60;

/// The `SameSite` enforcement of a cookie (§5.6.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    Strict,
    Lax,
    None,
    /// No valid `SameSite` attribute: the browser's default applies (Chromium treats it as `Lax`).
    Default,
}

impl SameSite {
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Default => "Default",
        }
    }
}

/// Which part of a `Set-Cookie` line something was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Name,
    Value,
    Attributes,
}

/// Something unusual about a `Set-Cookie` line. [`Problem::is_fatal`] tells the ones for which a
/// browser ignores the whole line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A control character other than HTAB (%x00-08 / %x0A-1F / %x7F): the line is ignored
    /// (§5.6 step 1). `byte` is the first such character found in `part`.
    ControlCharacter { part: Part, byte: u8 },
    /// The name and value hold more than 4096 octets together: the line is ignored (§5.6 step 5).
    NameValueTooLong { bytes: usize },
    /// Both the name and the value are empty: the cookie is ignored (§5.7 step 2).
    EmptyNameAndValue,
    /// The name-value pair has no `=`: 6265bis makes it a cookie with an empty name whose value
    /// is the whole pair (RFC 6265 ignored such a line).
    NoEquals,
    /// An attribute this algorithm does not know (`Version`, `Comment`, `Priority`, typos...):
    /// ignored.
    UnknownAttribute { name: String },
    /// A `SameSite` value other than `Strict`, `Lax` or `None`: the cookie gets the default.
    InvalidSameSite { value: String },
    /// An `Expires` value that is not a cookie date: the attribute is ignored.
    UnparsableExpires { value: String },
    /// A `Max-Age` value that is not an optional `-` followed by digits: ignored.
    InvalidMaxAge { value: String },
    /// The same attribute more than once: the last valid one wins.
    DuplicateAttribute { name: String },
    /// An attribute value over 1024 octets: the attribute is ignored.
    AttributeValueTooLong { name: String, bytes: usize },
    /// A `Path` value that is empty or does not start with `/`: the default path is used.
    PathNotAbsolute { value: String },
    /// An empty `Domain` value: the cookie becomes host-only (when it is the last `Domain`).
    EmptyDomain,
    /// A value given to a flag attribute (`Secure=yes`): the value is ignored, the flag set.
    ValueOnFlag { name: String },
    /// A character the server syntax of RFC 6265 §4.1.1 does not allow in a name (a token) or a
    /// value (cookie-octets: no space, `"`, `,`, `;`, `\` or non-ASCII): browsers keep the cookie,
    /// but strict server-side parsers may reject or cut it.
    ForbiddenCharacter { part: Part, ch: char },
}

impl Problem {
    /// Whether a browser ignores the whole `Set-Cookie` line because of this problem.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Problem::ControlCharacter { .. } | Problem::NameValueTooLong { .. } | Problem::EmptyNameAndValue)
    }
}

/// One parsed `Set-Cookie` line. Attributes hold the last valid occurrence; anything unusual is in
/// `problems`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetCookie {
    pub name: String,
    pub value: String,
    /// The last parsable `Expires`, in seconds since 1970 (not yet limited to 400 days).
    pub expires: Option<i64>,
    /// The last valid `Max-Age`, in seconds (saturated; not yet limited to 400 days).
    pub max_age: Option<i64>,
    /// The last `Domain` (leading `.` removed, lower-cased); `Some("")` for an empty one.
    pub domain: Option<String>,
    /// The last `Path`; `Some("")` when that one was empty or did not start with `/` (the
    /// default path of the request applies).
    pub path: Option<String>,
    pub secure: bool,
    pub http_only: bool,
    /// The last `SameSite`; an invalid value is recorded as [`SameSite::Default`].
    pub same_site: Option<SameSite>,
    pub partitioned: bool,
    pub problems: Vec<Problem>,
}

impl SetCookie {
    /// Whether a browser ignores this line entirely (a fatal [`Problem`]).
    pub fn is_ignored(&self) -> bool {
        self.problems.iter().any(Problem::is_fatal)
    }

    /// The first fatal problem, if any.
    pub fn fatal_problem(&self) -> Option<&Problem> {
        self.problems.iter().find(|p| p.is_fatal())
    }
}

fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn trim_wsp(s: &str) -> &str {
    s.trim_matches(is_wsp)
}

/// A cookie-octet of RFC 6265 §4.1.1: visible US-ASCII except `"`, `,`, `;` and `\`.
fn is_cookie_octet(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x2B' | '\x2D'..='\x3A' | '\x3C'..='\x5B' | '\x5D'..='\x7E')
}

fn is_forbidden_ctl(b: u8) -> bool {
    (b <= 0x08) || (0x0A..=0x1F).contains(&b) || b == 0x7F
}

fn first_ctl(s: &str) -> Option<u8> {
    s.bytes().find(|b| is_forbidden_ctl(*b))
}

/// Parses one `Set-Cookie` field value as a user agent does (RFC 6265bis §5.6). Never panics.
pub fn parse_set_cookie(line: &str) -> SetCookie {
    let mut out = SetCookie::default();
    let (pair, mut rest) = match line.find(';') {
        Some(i) => (&line[..i], &line[i..]),
        None => (line, ""),
    };
    let (name, value) = match pair.split_once('=') {
        Some(parts) => parts,
        None => {
            if !trim_wsp(pair).is_empty() {
                out.problems.push(Problem::NoEquals);
            }
            ("", pair)
        }
    };
    // Step 1 looks at the whole line; the part is kept to say where the character is.
    if let Some(byte) = first_ctl(name) {
        out.problems.push(Problem::ControlCharacter { part: Part::Name, byte });
    }
    if let Some(byte) = first_ctl(value) {
        out.problems.push(Problem::ControlCharacter { part: Part::Value, byte });
    }
    if let Some(byte) = first_ctl(rest) {
        out.problems.push(Problem::ControlCharacter { part: Part::Attributes, byte });
    }
    out.name = trim_wsp(name).to_string();
    out.value = trim_wsp(value).to_string();
    if first_ctl(name).is_none() {
        if let Some(ch) = out.name.chars().find(|c| !crate::grammar::is_tchar_char(*c)) {
            out.problems.push(Problem::ForbiddenCharacter { part: Part::Name, ch });
        }
    }
    if first_ctl(value).is_none() {
        // A lone `"` is not quoted: stripping its prefix leaves nothing to strip the suffix from.
        let inner = out.value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(out.value.as_str());
        if let Some(ch) = inner.chars().find(|c| !is_cookie_octet(*c)) {
            out.problems.push(Problem::ForbiddenCharacter { part: Part::Value, ch });
        }
    }
    let bytes = out.name.len().saturating_add(out.value.len());
    if bytes > MAX_NAME_VALUE_BYTES {
        out.problems.push(Problem::NameValueTooLong { bytes });
    }
    if out.name.is_empty() && out.value.is_empty() {
        out.problems.push(Problem::EmptyNameAndValue);
    }

    let mut seen: Vec<&'static str> = Vec::new();
    while !rest.is_empty() {
        // Discard the `;`, then take up to the next one.
        rest = &rest[1..];
        let av = match rest.find(';') {
            Some(i) => {
                let av = &rest[..i];
                rest = &rest[i..];
                av
            }
            None => std::mem::take(&mut rest),
        };
        let (name, value) = match av.split_once('=') {
            Some((name, value)) => (trim_wsp(name), trim_wsp(value)),
            None => (trim_wsp(av), ""),
        };
        if value.len() > MAX_ATTRIBUTE_VALUE_BYTES {
            out.problems.push(Problem::AttributeValueTooLong { name: name.to_string(), bytes: value.len() });
            continue;
        }
        let known =
            ["Expires", "Max-Age", "Domain", "Path", "Secure", "HttpOnly", "SameSite", "Partitioned"].into_iter().find(|k| k.eq_ignore_ascii_case(name));
        let Some(known) = known else {
            if !name.is_empty() || !value.is_empty() {
                out.problems.push(Problem::UnknownAttribute { name: name.to_string() });
            }
            continue;
        };
        if seen.contains(&known) {
            if !out.problems.iter().any(|p| matches!(p, Problem::DuplicateAttribute { name } if name == known)) {
                out.problems.push(Problem::DuplicateAttribute { name: known.to_string() });
            }
        } else {
            seen.push(known);
        }
        let flag = |out: &mut SetCookie| {
            if !value.is_empty() {
                out.problems.push(Problem::ValueOnFlag { name: known.to_string() });
            }
        };
        match known {
            "Expires" => match parse_cookie_date(value) {
                Some(at) => out.expires = Some(at),
                None => out.problems.push(Problem::UnparsableExpires { value: value.to_string() }),
            },
            "Max-Age" => match parse_max_age(value) {
                Some(delta) => out.max_age = Some(delta),
                None => out.problems.push(Problem::InvalidMaxAge { value: value.to_string() }),
            },
            "Domain" => {
                let domain = value.strip_prefix('.').unwrap_or(value);
                if domain.is_empty() {
                    out.problems.push(Problem::EmptyDomain);
                }
                out.domain = Some(domain.to_ascii_lowercase());
            }
            "Path" => {
                if value.starts_with('/') {
                    out.path = Some(value.to_string());
                } else {
                    out.problems.push(Problem::PathNotAbsolute { value: value.to_string() });
                    out.path = Some(String::new());
                }
            }
            "Secure" => {
                flag(&mut out);
                out.secure = true;
            }
            "HttpOnly" => {
                flag(&mut out);
                out.http_only = true;
            }
            "Partitioned" => {
                flag(&mut out);
                out.partitioned = true;
            }
            _ => {
                let same_site = if value.eq_ignore_ascii_case("strict") {
                    SameSite::Strict
                } else if value.eq_ignore_ascii_case("lax") {
                    SameSite::Lax
                } else if value.eq_ignore_ascii_case("none") {
                    SameSite::None
                } else {
                    out.problems.push(Problem::InvalidSameSite { value: value.to_string() });
                    SameSite::Default
                };
                out.same_site = Some(same_site);
            }
        }
    }
    out
}

/// A `Max-Age` value as seconds (saturating), or `None` when it is not `-`? followed by digits.
fn parse_max_age(value: &str) -> Option<i64> {
    let (negative, digits) = match value.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, value),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        n = n.saturating_mul(10).saturating_add(i64::from(digit_value(b)));
    }
    // `n` is at least zero, so its negation is always in range.
    Some(if negative { n.saturating_neg() } else { n })
}

// ---------------------------------------------------------------------------------------------
// Dates (§5.1.1)

fn is_delimiter(b: u8) -> bool {
    b == 0x09 || (0x20..=0x2F).contains(&b) || (0x3B..=0x40).contains(&b) || (0x5B..=0x60).contains(&b) || (0x7B..=0x7E).contains(&b)
}

/// The value of an ASCII digit (callers have checked it is one; anything else counts as zero).
fn digit_value(b: u8) -> u8 {
    b.saturating_sub(b'0')
}

/// The value of a short run of ASCII digits (at most four here, so it cannot saturate).
fn decimal(digits: &[u8]) -> u32 {
    digits.iter().fold(0u32, |acc, b| acc.saturating_mul(10).saturating_add(u32::from(digit_value(*b))))
}

/// `min..=max` leading digits, then the end of the token or a non-digit; their value.
fn leading_digits(token: &[u8], min: usize, max: usize) -> Option<(u32, usize)> {
    let n = token.iter().take_while(|b| b.is_ascii_digit()).count();
    if n < min || n > max {
        return None;
    }
    let value = decimal(token.get(..n)?);
    Some((value, n))
}

fn number_token(token: &[u8], min: usize, max: usize) -> Option<u32> {
    // `1*2DIGIT [ non-digit *OCTET ]`: a longer run of digits does not match.
    leading_digits(token, min, max).map(|(v, _)| v)
}

fn time_token(token: &[u8]) -> Option<(u32, u32, u32)> {
    let mut at = 0;
    let mut fields = [0u32; 3];
    for (i, field) in fields.iter_mut().enumerate() {
        let rest = token.get(at..)?;
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count().min(2);
        if n == 0 {
            return None;
        }
        *field = decimal(rest.get(..n)?);
        at = at.saturating_add(n);
        if i < 2 {
            if token.get(at) != Some(&b':') {
                return None;
            }
            at = at.saturating_add(1);
        }
    }
    // `[ non-digit *OCTET ]`
    if token.get(at).is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((fields[0], fields[1], fields[2]))
}

fn month_token(token: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] = [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    let head = token.get(..3)?;
    (1..).zip(MONTHS).find(|(_, m)| head.eq_ignore_ascii_case(&m[..])).map(|(number, _)| number)
}

/// Parses a cookie-date (RFC 6265bis §5.1.1) into seconds since 1970, or `None` when the
/// algorithm fails. Never panics.
pub fn parse_cookie_date(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for token in bytes.split(|b| is_delimiter(*b)).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(t) = time_token(token) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = number_token(token, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() {
            if let Some(m) = month_token(token) {
                month = Some(m);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = number_token(token, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }
    let (hour, minute, second) = time?;
    let (day, month, mut year) = (day?, month?, i64::from(year?));
    if (70..=99).contains(&year) {
        year = year.saturating_add(1900);
    } else if (0..=69).contains(&year) {
        year = year.saturating_add(2000);
    }
    if !(1..=31).contains(&day) || year < 1601 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // The calendar (month lengths, leap years) is the `time` crate's; an impossible date fails.
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    let at = date.with_hms(u8::try_from(hour).ok()?, u8::try_from(minute).ok()?, u8::try_from(second).ok()?).ok()?;
    Some(at.assume_utc().unix_timestamp())
}

// ---------------------------------------------------------------------------------------------
// The jar (§5.7, §5.8)

/// A stored cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    pub name: String,
    pub value: String,
    /// The host the cookie is for (host-only) or the domain it covers.
    pub domain: String,
    pub host_only: bool,
    pub path: String,
    /// When it expires, in seconds since 1970; `None` for a session cookie.
    pub expires: Option<i64>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub partitioned: bool,
    /// The top-level site a `Partitioned` cookie was set under (CHIPS: it goes only to requests
    /// made under that site); `None` for an unpartitioned cookie, or when the capture does not
    /// show the top-level site.
    pub partition: Option<(String, String)>,
    /// Creation order (the jar has no clock): smaller is earlier. Kept when a cookie is replaced.
    pub created: u64,
    /// When it was first stored, in seconds since 1970 (kept when a cookie is replaced), for
    /// Chromium's two-minute allowance of cookies without `SameSite` on a cross-site `POST`.
    pub created_at: i64,
    /// The site (registrable domain) the cookie counts against for the storage limits.
    pub site: String,
}

impl Cookie {
    fn expired(&self, now: i64) -> bool {
        self.expires.is_some_and(|at| at <= now)
    }
}

/// What [`Jar::store`] did with an accepted cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// A new cookie.
    New,
    /// It replaced a cookie with the same name, domain and path (keeping its creation time).
    Replaced,
    /// It was already expired and removed the cookie with the same name, domain and path.
    Deleted,
    /// It was already expired and there was nothing to remove.
    Expired,
}

/// Why [`Jar::store`] refused a cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The line itself is ignored (control character, over 4096 octets, empty name and value).
    Ignored(Problem),
    /// The request URL has no host to set cookies for.
    NoHost,
    /// The `Domain` attribute holds a character outside US-ASCII (§5.7 step 8).
    DomainNotAscii { domain: String },
    /// The `Domain` attribute is a public suffix other than the host itself (§5.7 step 9).
    DomainIsPublicSuffix { domain: String },
    /// The host does not domain-match the `Domain` attribute (§5.7 step 10).
    DomainMismatch { domain: String, host: String },
    /// `Secure` set from an insecure origin (§5.7 step 13).
    SecureFromInsecureOrigin,
    /// A non-secure cookie from an insecure origin would shadow a stored `Secure` one with that
    /// name (§5.7 step 16).
    WouldOverlaySecure,
    /// `SameSite=None` without `Secure` (§5.7 step 19, as Chromium enforces).
    SameSiteNoneWithoutSecure,
    /// `Partitioned` without `Secure` (CHIPS, as Chromium enforces).
    PartitionedWithoutSecure,
    /// A `__Secure-` name without `Secure` (§5.7 step 20).
    SecurePrefixWithoutSecure,
    /// A `__Host-` name without `Secure`, with a `Domain`, or without `Path=/` (§5.7 step 21).
    HostPrefix { secure: bool, host_only: bool, path_is_root: bool },
    /// A nameless cookie whose value starts with `__Secure-` or `__Host-` (§5.7 step 22).
    NamelessPrefixedValue,
    /// A cookie that is not `SameSite=None`, set by the response to a cross-site request that
    /// is not a top-level navigation (§5.7 step 18).
    CrossSite { same_site: SameSite },
    /// An unpartitioned cookie set in a third-party context while the browser blocks
    /// third-party cookies.
    ThirdPartyBlocked,
}

/// Where a request is made, beyond its same-site relation: what partitioned cookies (CHIPS),
/// third-party cookie blocking and Chromium's allowances need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub site: Site,
    /// The top-level site the request is made under (the page's site for a subresource, the
    /// URL's own for a navigation), when known.
    pub top: Option<(String, String)>,
    /// What the browser does with third-party cookies.
    pub third_party: ThirdPartyCookies,
    /// Chromium's "Lax-allowing-unsafe": a cookie without `SameSite` still goes on a cross-site
    /// top-level `POST` for two minutes after it was set.
    pub lax_allowing_unsafe: bool,
    /// A cookie without `SameSite` is treated as `Lax` (Chromium); Firefox and Safari treat it as
    /// `None`.
    pub lax_by_default: bool,
}

/// What a browser does with cookies in a third-party context (a cross-site subresource).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThirdPartyCookies {
    /// Stored and sent like any other (desktop Chrome's default).
    Allowed,
    /// Neither stored nor sent unless `Partitioned` (Safari; Chrome Incognito or with the setting
    /// on; some Chromium builds by default).
    Blocked,
    /// Every cookie of a third-party context is kept per top-level site, and cookies set at top
    /// level do not go to third-party requests (Firefox's Total Cookie Protection).
    Partitioned,
}

impl ThirdPartyCookies {
    /// Reads `allowed`, `blocked` or `partitioned` (also `allow`, `block`, `partition`), trimmed
    /// and in any letter case.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "allowed" | "allow" => Some(ThirdPartyCookies::Allowed),
            "blocked" | "block" => Some(ThirdPartyCookies::Blocked),
            "partitioned" | "partition" => Some(ThirdPartyCookies::Partitioned),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThirdPartyCookies::Allowed => "allowed",
            ThirdPartyCookies::Blocked => "blocked",
            ThirdPartyCookies::Partitioned => "partitioned",
        }
    }
}

/// How long Chromium lets a cookie without `SameSite` ride on a cross-site top-level `POST`
/// after it was set, in seconds.
pub const LAX_ALLOWING_UNSAFE_SECONDS: i64 = 120;

impl Frame {
    /// A request in the `site` context with nothing else known: third-party cookies allowed,
    /// no top-level site, Chromium's allowance off (the RFC's rules alone).
    pub fn of(site: Site) -> Self {
        Frame { site, top: None, third_party: ThirdPartyCookies::Allowed, lax_allowing_unsafe: false, lax_by_default: true }
    }

    /// Whether the request is made in a third-party context (a cross-site subresource).
    pub fn third_party(&self) -> bool {
        self.site == Site::Cross
    }
}

/// How a request relates to the site of the page that made it, for `SameSite` (§5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A same-site request (or one with no page behind it, such as typing the URL).
    Same,
    /// A cross-site top-level navigation with a safe method (`GET`, `HEAD`): `Lax` cookies go.
    TopLevelSafe,
    /// A cross-site top-level navigation with an unsafe method (a form `POST`).
    TopLevelUnsafe,
    /// A cross-site subresource request (`fetch`, XHR, an image, a frame).
    Cross,
}

/// Why a stored cookie does not go with a request (§5.8.3), the first rule that keeps it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// The request's host is not the cookie's host (host-only) or under its domain.
    Domain,
    /// The request's path is not under the cookie's `Path`.
    Path,
    /// A `Secure` cookie and a request that is not secure.
    Secure,
    /// The cookie has expired at the request's time.
    Expired,
    /// A cross-site request and a cookie whose `SameSite` keeps it out.
    SameSite,
    /// A `Partitioned` cookie set under another top-level site (the site it was set under).
    Partition { set_under: (String, String) },
    /// An unpartitioned cookie on a third-party request while third-party cookies are blocked.
    ThirdPartyBlocked,
}

/// The site of a URL for `SameSite` (schemeful, as Chromium decides it): its scheme and its
/// registrable domain (the host itself for IP addresses and names the list does not cover).
pub fn site_of(url: &Url) -> Option<(String, String)> {
    let (host, is_ip) = canonical_host(url)?;
    let scheme = match url.scheme() {
        "wss" => "https",
        "ws" => "http",
        other => other,
    };
    let registrable = if is_ip { host } else { psl2::lookup(&host).and_then(|d| d.registrable_domain()).map(str::to_string).unwrap_or(host) };
    Some((scheme.to_string(), registrable))
}

/// Whether two URLs are of the same site (same scheme and registrable domain).
pub fn same_site(a: &Url, b: &Url) -> bool {
    matches!((site_of(a), site_of(b)), (Some(x), Some(y)) if x == y)
}

/// A cookie store following the RFC 6265bis storage model. Pure: every call takes "now".
#[derive(Clone, Debug)]
pub struct Jar {
    cookies: Vec<Cookie>,
    counter: u64,
    public_suffix: fn(&str) -> bool,
    /// Cookies pushed out by the storage limits since the last [`Jar::take_evicted`].
    evicted: Vec<Cookie>,
}

/// Browsers bound their cookie stores (RFC 6265bis §5.7 lets them): Chromium and Firefox keep at
/// most 180 cookies per site and, past that, drop the least recently used down to 150; Chromium
/// keeps 3,300 in all and then drops down to 3,000. The jar uses creation order for "least
/// recently used".
pub const MAX_PER_SITE: usize = 180;
const KEEP_PER_SITE: usize = 150;
pub const MAX_COOKIES: usize = 3300;
const KEEP_COOKIES: usize = 3000;

impl Default for Jar {
    fn default() -> Self {
        Jar { cookies: Vec::new(), counter: 0, public_suffix: is_public_suffix, evicted: Vec::new() }
    }
}

/// Whether `domain` (lower case, ASCII, no leading dot) is a public suffix: a name under which
/// anyone may register (`com`, `co.uk`, `github.io`), after the Public Suffix List (the `psl2` crate) — its ICANN
/// and private sections, as Chromium reads it for cookies — or a name of a single label, which
/// browsers treat as a suffix whether or not the list knows it (`local`, `internal`).
pub fn is_public_suffix(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if single_label_is_public_suffix(domain) {
        return true;
    }
    psl2::lookup(&domain.to_ascii_lowercase()).is_some_and(|d| d.is_known() && d.is_public_suffix())
}

/// The public-suffix rule without the list: a name of a single label (`com`, `org`, `local`) is a
/// public suffix.
pub fn single_label_is_public_suffix(domain: &str) -> bool {
    !domain.is_empty() && !domain.contains('.')
}

fn canonical_host(url: &Url) -> Option<(String, bool)> {
    match url.host()? {
        Host::Domain(d) if !d.is_empty() => Some((d.to_ascii_lowercase(), false)),
        Host::Domain(_) => None,
        Host::Ipv4(a) => Some((a.to_string(), true)),
        Host::Ipv6(a) => Some((format!("[{a}]"), true)),
    }
}

/// Whether `host` domain-matches `domain` (§5.1.3).
pub fn domain_match(host: &str, domain: &str, host_is_ip: bool) -> bool {
    if host == domain {
        return true;
    }
    !host_is_ip && host.strip_suffix(domain).is_some_and(|head| head.ends_with('.'))
}

/// Whether `request_path` path-matches `cookie_path` (§5.1.4).
pub fn path_match(request_path: &str, cookie_path: &str) -> bool {
    if request_path == cookie_path {
        return true;
    }
    request_path.starts_with(cookie_path) && (cookie_path.ends_with('/') || request_path.as_bytes().get(cookie_path.len()) == Some(&b'/'))
}

/// The default path of a cookie set from `url` (§5.1.4).
pub fn default_path(url: &Url) -> String {
    let path = url.path();
    if !path.starts_with('/') || path.matches('/').count() <= 1 {
        return "/".to_string();
    }
    match path.rfind('/') {
        Some(i) => path[..i].to_string(),
        None => "/".to_string(),
    }
}

/// Whether a request to `url` counts as a secure connection: `https`/`wss`, or a loopback host
/// (browsers trust `localhost`).
pub fn is_secure(url: &Url) -> bool {
    if matches!(url.scheme(), "https" | "wss") {
        return true;
    }
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost"),
        Some(Host::Ipv4(a)) => a.is_loopback(),
        Some(Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

impl Jar {
    pub fn new() -> Self {
        Self::default()
    }

    /// The stored cookies, expired ones included until the next [`Jar::store`], in storage order.
    pub fn cookies(&self) -> &[Cookie] {
        &self.cookies
    }

    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// Receives a cookie set by a response to `request_url` (§5.7), as from a same-site request
    /// or a top-level navigation. Expired cookies are evicted first.
    pub fn store(&mut self, set: &SetCookie, request_url: &Url, now: i64) -> Result<Stored, Refusal> {
        self.store_in(set, request_url, now, Site::Same)
    }

    /// [`Jar::store`] for a response to a request made in the `site` context: a cross-site
    /// subresource response cannot set a cookie that is not `SameSite=None`.
    pub fn store_in(&mut self, set: &SetCookie, request_url: &Url, now: i64, site: Site) -> Result<Stored, Refusal> {
        self.store_framed(set, request_url, now, &Frame::of(site))
    }

    /// [`Jar::store_in`] with the whole [`Frame`]: a `Partitioned` cookie is keyed by the frame's
    /// top-level site, and an unpartitioned one set in a third-party context is refused while
    /// third-party cookies are blocked.
    pub fn store_framed(&mut self, set: &SetCookie, request_url: &Url, now: i64, frame: &Frame) -> Result<Stored, Refusal> {
        let site = frame.site;
        self.cookies.retain(|c| !c.expired(now));
        if let Some(problem) = set.fatal_problem() {
            return Err(Refusal::Ignored(problem.clone()));
        }
        let (host, host_is_ip) = canonical_host(request_url).ok_or(Refusal::NoHost)?;
        let secure_origin = is_secure(request_url);

        // Step 6: Max-Age wins over Expires; both are limited to 400 days.
        let expires = match (set.max_age, set.expires) {
            (Some(delta), _) if delta <= 0 => Some(i64::MIN),
            (Some(delta), _) => Some(now.saturating_add(delta.min(MAX_AGE_LIMIT))),
            (None, Some(at)) => Some(at.min(now.saturating_add(MAX_AGE_LIMIT))),
            (None, None) => None,
        };

        // Steps 7-10: the domain.
        let mut domain_attribute = set.domain.clone().unwrap_or_default();
        if !domain_attribute.is_ascii() {
            return Err(Refusal::DomainNotAscii { domain: domain_attribute });
        }
        if !domain_attribute.is_empty() && (self.public_suffix)(&domain_attribute) {
            if domain_attribute == host {
                domain_attribute.clear();
            } else {
                return Err(Refusal::DomainIsPublicSuffix { domain: domain_attribute });
            }
        }
        let (domain, host_only) = if domain_attribute.is_empty() {
            (host.clone(), true)
        } else if domain_match(&host, &domain_attribute, host_is_ip) {
            (domain_attribute, false)
        } else {
            return Err(Refusal::DomainMismatch { domain: domain_attribute, host });
        };

        // Step 11: the path.
        let path = match &set.path {
            Some(p) if p.starts_with('/') => p.clone(),
            _ => default_path(request_url),
        };

        // Steps 12-13.
        if set.secure && !secure_origin {
            return Err(Refusal::SecureFromInsecureOrigin);
        }
        // Step 16: a non-secure cookie may not shadow a secure one.
        if !set.secure && !secure_origin {
            let shadows = self.cookies.iter().any(|c| {
                c.name == set.name
                    && c.secure
                    && (domain_match(&c.domain, &domain, false) || domain_match(&domain, &c.domain, false))
                    && path_match(&path, &c.path)
            });
            if shadows {
                return Err(Refusal::WouldOverlaySecure);
            }
        }
        // Steps 17-19.
        let same_site = set.same_site.unwrap_or(SameSite::Default);
        if same_site == SameSite::None && !set.secure {
            return Err(Refusal::SameSiteNoneWithoutSecure);
        }
        let restricted = match same_site {
            SameSite::None => false,
            SameSite::Default => frame.lax_by_default,
            SameSite::Lax | SameSite::Strict => true,
        };
        if restricted && site == Site::Cross {
            return Err(Refusal::CrossSite { same_site });
        }
        if set.partitioned && !set.secure {
            return Err(Refusal::PartitionedWithoutSecure);
        }
        if frame.third_party == ThirdPartyCookies::Blocked && frame.third_party() && !set.partitioned {
            return Err(Refusal::ThirdPartyBlocked);
        }
        // Firefox keeps every cookie of a third-party context per top-level site.
        let partitioned = set.partitioned || (frame.third_party == ThirdPartyCookies::Partitioned && frame.third_party());
        let partition = if partitioned { frame.top.clone() } else { None };
        // Steps 20-22: name prefixes, matched case-insensitively.
        if starts_with_ignore_case(&set.name, "__Secure-") && !set.secure {
            return Err(Refusal::SecurePrefixWithoutSecure);
        }
        if starts_with_ignore_case(&set.name, "__Host-") {
            let path_is_root = set.path.is_some() && path == "/";
            if !(set.secure && host_only && path_is_root) {
                return Err(Refusal::HostPrefix { secure: set.secure, host_only, path_is_root });
            }
        }
        if set.name.is_empty() && (starts_with_ignore_case(&set.value, "__Secure-") || starts_with_ignore_case(&set.value, "__Host-")) {
            return Err(Refusal::NamelessPrefixedValue);
        }

        // Steps 23-24.
        let old = self
            .cookies
            .iter()
            .position(|c| c.name == set.name && c.domain == domain && c.host_only == host_only && c.path == path && c.partition == partition);
        let (created, created_at) = match old {
            Some(i) => {
                let old = self.cookies.remove(i);
                (old.created, old.created_at)
            }
            None => {
                self.counter = self.counter.saturating_add(1);
                (self.counter, now)
            }
        };
        let site = self.site_key(&domain);
        let cookie = Cookie {
            site,
            name: set.name.clone(),
            value: set.value.clone(),
            domain,
            host_only,
            path,
            expires,
            secure: set.secure,
            http_only: set.http_only,
            same_site,
            partitioned,
            partition,
            created,
            created_at,
        };
        if cookie.expired(now) {
            return Ok(if old.is_some() { Stored::Deleted } else { Stored::Expired });
        }
        let site = cookie.site.clone();
        self.cookies.push(cookie);
        self.enforce_limits(&site);
        Ok(if old.is_some() { Stored::Replaced } else { Stored::New })
    }

    /// The site a cookie's domain belongs to, for the per-site limit: its registrable domain.
    fn site_key(&self, domain: &str) -> String {
        psl2::lookup(domain).and_then(|d| d.registrable_domain()).unwrap_or(domain).to_string()
    }

    /// Drops the oldest cookies of `site` when it holds more than [`MAX_PER_SITE`], and the
    /// oldest of all when the jar holds more than [`MAX_COOKIES`].
    fn enforce_limits(&mut self, site: &str) {
        let of_site: Vec<usize> = self.cookies.iter().enumerate().filter(|(_, c)| c.site == site).map(|(i, _)| i).collect();
        if of_site.len() > MAX_PER_SITE {
            self.drop_oldest(of_site, KEEP_PER_SITE);
        }
        if self.cookies.len() > MAX_COOKIES {
            self.drop_oldest((0..self.cookies.len()).collect(), KEEP_COOKIES);
        }
    }

    /// Of the cookies at `indices`, keeps the `keep` most recently created.
    fn drop_oldest(&mut self, mut indices: Vec<usize>, keep: usize) {
        // The indices come from `0..len` and are distinct; keeping only those makes `remove` safe.
        indices.retain(|&i| i < self.cookies.len());
        indices.sort_by_key(|&i| self.cookies.get(i).map(|c| c.created));
        indices.truncate(indices.len().saturating_sub(keep));
        let mut gone = indices;
        gone.sort_unstable();
        gone.dedup();
        let mut dropped: Vec<Cookie> = gone.into_iter().rev().map(|i| self.cookies.remove(i)).collect();
        // Oldest first, as they were set.
        dropped.sort_by_key(|c| c.created);
        self.evicted.extend(dropped);
    }

    /// The cookies the storage limits have pushed out since the last call.
    pub fn take_evicted(&mut self) -> Vec<Cookie> {
        std::mem::take(&mut self.evicted)
    }

    /// The cookies a request to `request_url` made in the `site` context carries (§5.8.3), in
    /// `Cookie` header order: longer paths first, then earlier creation.
    pub fn cookies_in(&self, request_url: &Url, now: i64, site: Site) -> Vec<&Cookie> {
        self.cookies_framed(request_url, now, &Frame::of(site))
    }

    /// [`Jar::cookies_in`] with the whole [`Frame`].
    pub fn cookies_framed(&self, request_url: &Url, now: i64, frame: &Frame) -> Vec<&Cookie> {
        let mut list: Vec<&Cookie> = self.cookies.iter().filter(|c| self.exclusion(c, request_url, now, frame) == Some(None)).collect();
        list.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then(a.created.cmp(&b.created)));
        list
    }

    /// The stored cookies a request to `request_url` does not carry, each with the first rule
    /// that keeps it out, in storage order.
    pub fn held_back(&self, request_url: &Url, now: i64, site: Site) -> Vec<(&Cookie, Exclusion)> {
        self.held_back_framed(request_url, now, &Frame::of(site))
    }

    /// [`Jar::held_back`] with the whole [`Frame`].
    pub fn held_back_framed(&self, request_url: &Url, now: i64, frame: &Frame) -> Vec<(&Cookie, Exclusion)> {
        self.cookies.iter().filter_map(|c| Some((c, self.exclusion(c, request_url, now, frame)??))).collect()
    }

    /// `None` when the URL has no host; `Some(None)` when the cookie goes with the request.
    fn exclusion(&self, c: &Cookie, request_url: &Url, now: i64, frame: &Frame) -> Option<Option<Exclusion>> {
        let site = frame.site;
        let (host, host_is_ip) = canonical_host(request_url)?;
        let path = if request_url.path().is_empty() { "/" } else { request_url.path() };
        let domain_ok = if c.host_only { host == c.domain } else { domain_match(&host, &c.domain, host_is_ip) && !(self.public_suffix)(&c.domain) };
        let same_site_ok = match site {
            Site::Same => true,
            _ if c.same_site == SameSite::Default && !frame.lax_by_default => true,
            Site::TopLevelSafe => c.same_site != SameSite::Strict,
            Site::TopLevelUnsafe => {
                c.same_site == SameSite::None
                    || (frame.lax_allowing_unsafe && c.same_site == SameSite::Default && now.saturating_sub(c.created_at) <= LAX_ALLOWING_UNSAFE_SECONDS)
            }
            Site::Cross => c.same_site == SameSite::None,
        };
        let other_partition = match (&c.partition, &frame.top) {
            (Some(under), Some(top)) if under != top => Some(under.clone()),
            _ => None,
        };
        Some(if !domain_ok {
            Some(Exclusion::Domain)
        } else if !path_match(path, &c.path) {
            Some(Exclusion::Path)
        } else if c.secure && !is_secure(request_url) {
            Some(Exclusion::Secure)
        } else if c.expired(now) {
            Some(Exclusion::Expired)
        } else if !same_site_ok {
            Some(Exclusion::SameSite)
        } else if let Some(set_under) = other_partition {
            Some(Exclusion::Partition { set_under })
        } else if frame.third_party != ThirdPartyCookies::Allowed && frame.third_party() && !c.partitioned {
            Some(Exclusion::ThirdPartyBlocked)
        } else {
            None
        })
    }

    /// The `Cookie` header value a browser sends to `request_url` in the `site` context (empty
    /// when none match).
    pub fn header_in(&self, request_url: &Url, now: i64, site: Site) -> String {
        self.header_framed(request_url, now, &Frame::of(site))
    }

    /// [`Jar::header_in`] with the whole [`Frame`].
    pub fn header_framed(&self, request_url: &Url, now: i64, frame: &Frame) -> String {
        let mut out = String::new();
        for (i, c) in self.cookies_framed(request_url, now, frame).into_iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            if !c.name.is_empty() {
                out.push_str(&c.name);
                out.push('=');
            }
            out.push_str(&c.value);
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The `Cookie` request header (§4.2, §5.8.3)

/// Something unusual in a `Cookie` request header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CookieHeaderProblem {
    /// An empty pair (`a=1;; b=2`, or a trailing `;`).
    EmptyPair,
    /// A pair with an attribute's name (`Path=/`, `HttpOnly`): a `Set-Cookie` line pasted as
    /// `Cookie`, or a client that copies attributes back.
    Attribute { name: String },
    /// A control character in a pair.
    ControlCharacter { byte: u8 },
    /// Pairs separated by `;` without the space browsers write, or by `,`.
    Separator { what: &'static str },
    /// The same name more than once (cookies with different paths or domains, or a client that
    /// merges jars): servers usually read only the first.
    RepeatedName { name: String },
}

/// One `name=value` pair of a `Cookie` header; a pair without `=` has an empty name, as a
/// browser would have stored it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookiePair {
    pub name: String,
    pub value: String,
}

/// Reads a `Cookie` request header value into its pairs, keeping what is unusual.
pub fn parse_cookie_header(value: &str) -> (Vec<CookiePair>, Vec<CookieHeaderProblem>) {
    const ATTRIBUTES: [&str; 9] = ["path", "domain", "expires", "max-age", "secure", "httponly", "samesite", "partitioned", "priority"];
    let mut pairs: Vec<CookiePair> = Vec::new();
    let mut names: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut problems: Vec<CookieHeaderProblem> = Vec::new();
    let mut note = |p: CookieHeaderProblem| {
        if !problems.contains(&p) {
            problems.push(p);
        }
    };
    if let Some(byte) = first_ctl(value) {
        note(CookieHeaderProblem::ControlCharacter { byte });
    }
    let trimmed = trim_wsp(value);
    if trimmed.split(';').skip(1).any(|p| !p.is_empty() && !p.starts_with(' ')) {
        note(CookieHeaderProblem::Separator { what: "`;` without a following space" });
    }
    for piece in trimmed.split(';') {
        let piece = trim_wsp(piece);
        if piece.is_empty() {
            if !trimmed.is_empty() {
                note(CookieHeaderProblem::EmptyPair);
            }
            continue;
        }
        let (name, value) = match piece.split_once('=') {
            Some((n, v)) => (trim_wsp(n), trim_wsp(v)),
            None => ("", piece),
        };
        let bare = if name.is_empty() { value } else { name };
        if ATTRIBUTES.iter().any(|a| bare.eq_ignore_ascii_case(a)) {
            note(CookieHeaderProblem::Attribute { name: bare.to_string() });
        }
        if value.contains(", ") && value.contains('=') {
            note(CookieHeaderProblem::Separator { what: "`,` between pairs" });
        }
        if !names.insert(name) {
            note(CookieHeaderProblem::RepeatedName { name: name.to_string() });
        }
        pairs.push(CookiePair { name: name.to_string(), value: value.to_string() });
    }
    (pairs, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn splits_name_and_value_at_the_first_equals_and_trims_whitespace() {
        let c = parse_set_cookie(" \tA  = B=C \t; Path=/x");
        assert_eq!((c.name.as_str(), c.value.as_str()), ("A", "B=C"));
        assert_eq!(c.path.as_deref(), Some("/x"));
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn a_pair_without_equals_is_a_nameless_cookie() {
        let c = parse_set_cookie("token123; Secure");
        assert_eq!((c.name.as_str(), c.value.as_str()), ("", "token123"));
        assert_eq!(c.problems, vec![Problem::NoEquals]);
        assert!(!c.is_ignored());
    }

    #[test]
    fn records_every_anomaly() {
        let long = "a".repeat(1025);
        let c =
            parse_set_cookie(&format!("sid=1; Version=1; SameSite=Loose; Expires=someday; Max-Age=1.5; path=/a; Path=/b; Domain={long}; Secure=yes; Path=rel"));
        let p = &c.problems;
        assert!(p.contains(&Problem::UnknownAttribute { name: "Version".into() }), "{p:?}");
        assert!(p.contains(&Problem::InvalidSameSite { value: "Loose".into() }));
        assert!(p.contains(&Problem::UnparsableExpires { value: "someday".into() }));
        assert!(p.contains(&Problem::InvalidMaxAge { value: "1.5".into() }));
        assert!(p.contains(&Problem::DuplicateAttribute { name: "Path".into() }));
        assert!(p.contains(&Problem::AttributeValueTooLong { name: "Domain".into(), bytes: 1025 }));
        assert!(p.contains(&Problem::ValueOnFlag { name: "Secure".into() }));
        assert!(p.contains(&Problem::PathNotAbsolute { value: "rel".into() }));
        assert_eq!(p.iter().filter(|x| matches!(x, Problem::DuplicateAttribute { .. })).count(), 1);
        assert_eq!(c.same_site, Some(SameSite::Default));
        assert_eq!(c.path.as_deref(), Some(""), "the last Path wins, and it is not absolute");
        assert_eq!(c.domain, None, "the over-long Domain is ignored");
        assert!(c.secure && !c.is_ignored());
    }

    #[test]
    fn characters_strict_servers_refuse_are_noted() {
        let c = parse_set_cookie("user id=a b; Path=/");
        assert_eq!(c.problems, [Problem::ForbiddenCharacter { part: Part::Name, ch: ' ' }, Problem::ForbiddenCharacter { part: Part::Value, ch: ' ' }]);
        assert!(!c.is_ignored());
        assert!(parse_set_cookie("sid=\"abc\"").problems.is_empty(), "a quoted value is allowed");
        assert_eq!(parse_set_cookie("sid=a,b").problems, [Problem::ForbiddenCharacter { part: Part::Value, ch: ',' }]);
        assert_eq!(parse_set_cookie("sid=caf\u{e9}").problems, [Problem::ForbiddenCharacter { part: Part::Value, ch: '\u{e9}' }]);
        assert!(parse_set_cookie("__Host-x.y=Zm9v+/=").problems.is_empty());
    }

    #[test]
    fn fatal_problems_ignore_the_line() {
        let c = parse_set_cookie("a=b\u{1}c");
        assert_eq!(c.problems, vec![Problem::ControlCharacter { part: Part::Value, byte: 1 }]);
        assert!(c.is_ignored());
        assert!(parse_set_cookie("a=b; Path=/\u{7f}").is_ignored());
        assert!(!parse_set_cookie("a=b\tc").is_ignored(), "HTAB is allowed");
        let c = parse_set_cookie(&format!("n={}", "v".repeat(4095)));
        assert!(c.problems.is_empty(), "4096 octets are allowed: {:?}", c.problems);
        let c = parse_set_cookie(&format!("nn={}", "v".repeat(4095)));
        assert_eq!(c.problems, vec![Problem::NameValueTooLong { bytes: 4097 }]);
        assert_eq!(parse_set_cookie(" = ; Path=/").problems, vec![Problem::EmptyNameAndValue]);
        let mut jar = Jar::new();
        assert_eq!(jar.store(&c, &url("https://a.example/"), NOW), Err(Refusal::Ignored(Problem::NameValueTooLong { bytes: 4097 })));
    }

    #[test]
    fn attributes_are_case_insensitive_and_the_last_wins() {
        let c = parse_set_cookie("a=b; DOMAIN=.Example.COM; max-age=5; MAX-AGE=-7; samesite=strict; SameSite=lax; httponly; PARTITIONED");
        assert_eq!(c.domain.as_deref(), Some("example.com"));
        assert_eq!(c.max_age, Some(-7));
        assert_eq!(c.same_site, Some(SameSite::Lax));
        assert!(c.http_only && c.partitioned);
    }

    #[test]
    fn cookie_dates() {
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_cookie_date("Wed, 09 Jun 2021 10:18:14 GMT"), Some(1_623_233_894));
        assert_eq!(parse_cookie_date("Sun, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_cookie_date("Fri, 01 Jan 2010 00:00:00 GMT"), parse_cookie_date("1-jan-10 00:00:00"));
        assert_eq!(parse_cookie_date("Sat, 29 Feb 2020 12:00:00 GMT"), Some(1_582_977_600));
        assert_eq!(parse_cookie_date("Sun, 29 Feb 2021 12:00:00 GMT"), None, "no such date");
        assert_eq!(parse_cookie_date("Mon, 01 Jan 1600 00:00:00 GMT"), None, "before 1601");
        assert_eq!(parse_cookie_date("Mon, 01 Jan 2000 24:00:00 GMT"), None);
        assert_eq!(parse_cookie_date("Mon, 01 Jan 2000 GMT"), None, "no time");
        assert_eq!(parse_cookie_date(""), None);
        assert!(parse_cookie_date("Mon, 01 Jan 1601 00:00:00 GMT").is_some_and(|t| t < 0));
    }

    #[test]
    fn jar_refusals() {
        let mut jar = Jar::new();
        let http = url("http://www.example.com/a/b");
        let https = url("https://www.example.com/a/b");
        let store = |jar: &mut Jar, line: &str, u: &Url| jar.store(&parse_set_cookie(line), u, NOW);
        assert_eq!(
            store(&mut jar, "a=1; Domain=other.com", &https),
            Err(Refusal::DomainMismatch { domain: "other.com".into(), host: "www.example.com".into() })
        );
        assert_eq!(store(&mut jar, "a=1; Domain=com", &https), Err(Refusal::DomainIsPublicSuffix { domain: "com".into() }));
        assert_eq!(store(&mut jar, "a=1; Domain=ex\u{e4}mple.com", &https), Err(Refusal::DomainNotAscii { domain: "ex\u{e4}mple.com".into() }));
        assert_eq!(store(&mut jar, "a=1; Secure", &http), Err(Refusal::SecureFromInsecureOrigin));
        assert_eq!(store(&mut jar, "a=1; SameSite=None", &https), Err(Refusal::SameSiteNoneWithoutSecure));
        assert_eq!(store(&mut jar, "a=1; Partitioned", &https), Err(Refusal::PartitionedWithoutSecure));
        assert_eq!(store(&mut jar, "__secure-a=1", &https), Err(Refusal::SecurePrefixWithoutSecure));
        assert_eq!(store(&mut jar, "__Host-a=1; Secure", &https), Err(Refusal::HostPrefix { secure: true, host_only: true, path_is_root: false }));
        assert_eq!(
            store(&mut jar, "__HOST-a=1; Secure; Path=/; Domain=example.com", &https),
            Err(Refusal::HostPrefix { secure: true, host_only: false, path_is_root: true })
        );
        assert_eq!(store(&mut jar, "=__Host-a", &https), Err(Refusal::NamelessPrefixedValue));
        assert_eq!(store(&mut jar, "a=1", &url("data:text/plain,x")), Err(Refusal::NoHost));
        assert!(jar.is_empty());

        assert_eq!(store(&mut jar, "__Host-a=1; Secure; Path=/", &https), Ok(Stored::New));
        assert_eq!(store(&mut jar, "s=1; Secure; Path=/", &https), Ok(Stored::New));
        assert_eq!(store(&mut jar, "s=2; Path=/a", &http), Err(Refusal::WouldOverlaySecure));
        assert_eq!(store(&mut jar, "s=3; Path=/a", &https), Ok(Stored::New), "a secure origin may");
        assert_eq!(store(&mut jar, "x=1; SameSite=None; Secure", &https), Ok(Stored::New));
        assert_eq!(store(&mut jar, "x=2; SameSite=None; Secure", &https), Ok(Stored::Replaced));
        assert_eq!(store(&mut jar, "x=; Max-Age=0", &https), Ok(Stored::Deleted));
        assert_eq!(store(&mut jar, "y=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", &https), Ok(Stored::Expired));
        assert_eq!(store(&mut jar, "local=1; Secure", &url("http://localhost:8080/")), Ok(Stored::New), "localhost is trusted");
        assert_eq!(store(&mut jar, "h=1; Domain=localhost", &url("http://localhost/")), Ok(Stored::New), "a suffix that is the host becomes host-only");
        assert!(jar.cookies().iter().any(|c| c.name == "h" && c.host_only));
    }

    #[test]
    fn retrieval_order_expiry_secure_and_same_site() {
        let mut jar = Jar::new();
        let set = url("https://www.example.com/a/b/c");
        for line in [
            "root=1; Path=/",
            "deep=1; Path=/a/b",
            "mid=1; Path=/a",
            "sec=1; Secure; Path=/",
            "short=1; Max-Age=10; Path=/",
            "none=1; SameSite=None; Secure; Path=/",
            "dom=1; Domain=example.com; Path=/",
        ] {
            assert!(jar.store(&parse_set_cookie(line), &set, NOW).is_ok(), "{line}");
        }
        assert_eq!(jar.header_in(&url("https://www.example.com/a/b/x"), NOW, Site::Same), "deep=1; mid=1; root=1; sec=1; short=1; none=1; dom=1");
        assert_eq!(jar.header_in(&url("http://www.example.com/a/b/x"), NOW + 10, Site::Same), "deep=1; mid=1; root=1; dom=1");
        assert_eq!(jar.header_in(&url("https://www.example.com/"), NOW, Site::Cross), "none=1");
        assert_eq!(jar.header_in(&url("https://api.example.com/"), NOW, Site::Same), "dom=1");
        assert_eq!(jar.header_in(&url("https://example.com.evil/"), NOW, Site::Same), "");
        // Replacing keeps the creation time, so the order stays.
        assert_eq!(jar.store(&parse_set_cookie("root=2; Path=/"), &set, NOW), Ok(Stored::Replaced));
        assert!(jar.header_in(&url("https://www.example.com/"), NOW, Site::Same).starts_with("root=2; sec=1"));
        // Lifetimes are limited to 400 days.
        let mut jar = Jar::new();
        jar.store(&parse_set_cookie("far=1; Max-Age=999999999999999999999999"), &set, NOW).unwrap();
        assert_eq!(jar.cookies()[0].expires, Some(NOW + MAX_AGE_LIMIT));
    }

    #[test]
    fn public_suffixes_come_from_the_list() {
        for suffix in ["com", "co.uk", "github.io", "local", "s3.amazonaws.com", "xn--p1ai"] {
            assert!(is_public_suffix(suffix), "{suffix}");
        }
        for domain in ["example.com", "example.co.uk", "octocat.github.io", "localhost.example"] {
            assert!(!is_public_suffix(domain), "{domain}");
        }
        let mut jar = Jar::new();
        assert_eq!(
            jar.store(&parse_set_cookie("a=1; Domain=co.uk"), &url("https://shop.example.co.uk/"), NOW),
            Err(Refusal::DomainIsPublicSuffix { domain: "co.uk".into() })
        );
        assert_eq!(
            jar.store(&parse_set_cookie("a=1; Domain=github.io"), &url("https://octocat.github.io/"), NOW),
            Err(Refusal::DomainIsPublicSuffix { domain: "github.io".into() })
        );
        assert_eq!(jar.store(&parse_set_cookie("a=1; Domain=example.co.uk"), &url("https://shop.example.co.uk/"), NOW), Ok(Stored::New));
    }

    #[test]
    fn same_site_context_for_storage_and_retrieval() {
        let api = url("https://api.example.com/v1");
        let mut jar = Jar::new();
        let store = |jar: &mut Jar, line: &str, site| jar.store_in(&parse_set_cookie(line), &api, NOW, site);
        assert_eq!(store(&mut jar, "lax=1; Path=/", Site::Cross), Err(Refusal::CrossSite { same_site: SameSite::Default }));
        assert_eq!(store(&mut jar, "lax=1; SameSite=Lax; Path=/", Site::Cross), Err(Refusal::CrossSite { same_site: SameSite::Lax }));
        assert_eq!(store(&mut jar, "none=1; SameSite=None; Secure; Path=/", Site::Cross), Ok(Stored::New));
        assert_eq!(store(&mut jar, "lax=1; SameSite=Lax; Path=/", Site::TopLevelUnsafe), Ok(Stored::New));
        assert_eq!(store(&mut jar, "strict=1; SameSite=Strict; Path=/", Site::Same), Ok(Stored::New));
        assert_eq!(store(&mut jar, "dflt=1; Path=/", Site::Same), Ok(Stored::New));
        assert_eq!(jar.header_in(&api, NOW, Site::Same), "none=1; lax=1; strict=1; dflt=1");
        assert_eq!(jar.header_in(&api, NOW, Site::TopLevelSafe), "none=1; lax=1; dflt=1");
        assert_eq!(jar.header_in(&api, NOW, Site::TopLevelUnsafe), "none=1");
        assert_eq!(jar.header_in(&api, NOW, Site::Cross), "none=1");
        let held: Vec<(&str, Exclusion)> = jar.held_back(&api, NOW, Site::Cross).into_iter().map(|(c, e)| (c.name.as_str(), e)).collect();
        assert_eq!(held, [("lax", Exclusion::SameSite), ("strict", Exclusion::SameSite), ("dflt", Exclusion::SameSite)]);
    }

    #[test]
    fn exclusions_name_the_first_rule() {
        let mut jar = Jar::new();
        let set = url("https://auth.example.com/login/form");
        for line in ["host=1; Path=/", "deep=1; Path=/account", "sec=1; Secure; Path=/", "brief=1; Max-Age=5; Path=/"] {
            jar.store(&parse_set_cookie(line), &set, NOW).unwrap();
        }
        let why =
            |u: &str, now: i64| -> Vec<(String, Exclusion)> { jar.held_back(&url(u), now, Site::Same).into_iter().map(|(c, e)| (c.name.clone(), e)).collect() };
        assert_eq!(why("https://api.example.com/", NOW).len(), 4);
        assert!(why("https://api.example.com/", NOW).iter().all(|(_, e)| *e == Exclusion::Domain));
        assert_eq!(why("https://auth.example.com/", NOW), [("deep".to_string(), Exclusion::Path)]);
        assert_eq!(why("http://auth.example.com/account/x", NOW + 9), [("sec".to_string(), Exclusion::Secure), ("brief".to_string(), Exclusion::Expired)]);
    }

    #[test]
    fn sites_are_schemeful_and_registrable() {
        assert!(same_site(&url("https://app.example.co.uk/"), &url("https://api.example.co.uk:8443/x")));
        assert!(!same_site(&url("https://a.github.io/"), &url("https://b.github.io/")));
        assert!(!same_site(&url("http://example.com/"), &url("https://example.com/")));
        assert!(same_site(&url("wss://example.com/"), &url("https://www.example.com/")));
        assert!(!same_site(&url("http://127.0.0.1/"), &url("http://127.0.0.2/")));
        assert_eq!(site_of(&url("https://b\u{fc}cher.example/")), Some(("https".into(), "xn--bcher-kva.example".into())));
    }

    #[test]
    fn cookie_request_headers() {
        let (pairs, problems) = parse_cookie_header("sid=abc; theme=dark; =bare; flag");
        let names: Vec<&str> = pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["sid", "theme", "", ""]);
        assert_eq!(pairs[3].value, "flag");
        assert_eq!(problems, [CookieHeaderProblem::RepeatedName { name: "".into() }]);
        let (_, problems) = parse_cookie_header("sid=1;theme=2;; Path=/; HttpOnly; sid=3");
        assert!(problems.contains(&CookieHeaderProblem::Separator { what: "`;` without a following space" }));
        assert!(problems.contains(&CookieHeaderProblem::EmptyPair));
        assert!(problems.contains(&CookieHeaderProblem::Attribute { name: "Path".into() }));
        assert!(problems.contains(&CookieHeaderProblem::Attribute { name: "HttpOnly".into() }));
        assert!(problems.contains(&CookieHeaderProblem::RepeatedName { name: "sid".into() }));
        assert_eq!(parse_cookie_header("").0, []);
        assert_eq!(parse_cookie_header("a=1, b=2").1, [CookieHeaderProblem::Separator { what: "`,` between pairs" }]);
        let big = vec!["k=v"; 20_000].join("; ");
        let (pairs, problems) = parse_cookie_header(&big);
        assert_eq!(pairs.len(), 20_000);
        assert_eq!(problems, [CookieHeaderProblem::RepeatedName { name: "k".into() }]);
    }

    #[test]
    fn matching_helpers() {
        assert!(domain_match("a.b.example", "example", false));
        assert!(!domain_match("aexample", "example", false));
        assert!(!domain_match("1.2.3.4", "2.3.4", true));
        assert!(path_match("/a/b", "/a"));
        assert!(path_match("/a/b", "/a/"));
        assert!(!path_match("/ab", "/a"));
        assert_eq!(default_path(&url("http://h/")), "/");
        assert_eq!(default_path(&url("http://h/x")), "/");
        assert_eq!(default_path(&url("http://h/x/y/z?q")), "/x/y");
    }

    #[test]
    fn a_site_keeps_at_most_180_cookies_and_the_jar_3300() {
        let mut jar = Jar::new();
        let u = url("https://app.example.com/");
        for i in 0..MAX_PER_SITE {
            assert_eq!(jar.store(&parse_set_cookie(&format!("c{i}=v")), &u, NOW), Ok(Stored::New));
        }
        assert_eq!(jar.len(), MAX_PER_SITE);
        assert!(jar.take_evicted().is_empty());
        // One more drops the oldest down to 150, oldest first; a replaced cookie keeps its age.
        jar.store(&parse_set_cookie("late=v"), &u, NOW).unwrap();
        let gone: Vec<String> = jar.take_evicted().into_iter().map(|c| c.name).collect();
        assert_eq!(gone.len(), MAX_PER_SITE + 1 - KEEP_PER_SITE);
        assert_eq!(gone[..3], ["c0", "c1", "c2"]);
        assert_eq!(jar.len(), KEEP_PER_SITE);
        assert!(jar.cookies().iter().any(|c| c.name == "late"));
        // Other sites count apart, until the whole jar is full.
        for site in 0..30 {
            let u = url(&format!("https://www.shop{site}.com/"));
            for i in 0..150 {
                jar.store(&parse_set_cookie(&format!("c{i}=v")), &u, NOW).unwrap();
            }
        }
        assert!(jar.len() <= MAX_COOKIES && jar.len() >= KEEP_COOKIES, "{}", jar.len());
        assert!(!jar.take_evicted().is_empty());
    }

    #[test]
    fn huge_inputs_do_not_panic() {
        let mut jar = Jar::new();
        let u = url("https://www.example.com/p/q");
        for i in 0..5000 {
            let line = match i % 5 {
                0 => format!("c{i}=v{i}; Path=/; Max-Age={i}"),
                1 => format!("c{i}=\u{1F36A}{i}; Domain=example.com; Expires=Wed, 09 Jun 2031 10:18:14 GMT; SameSite=Lax"),
                2 => format!("{};;;==;{}", "=".repeat(i % 97), "\u{e9};".repeat(i % 13)),
                3 => format!("__Host-c{i}=1; Secure; Path=/; HttpOnly; Partitioned"),
                _ => format!("c{i}; Expires={}; Max-Age=-{}", "9".repeat(i % 40), "1".repeat(i % 30)),
            };
            let _ = jar.store(&parse_set_cookie(&line), &u, NOW);
        }
        // All of one site: the per-site limit keeps the newest, and says what it dropped.
        assert!((KEEP_PER_SITE..=MAX_PER_SITE).contains(&jar.len()), "{}", jar.len());
        assert!(jar.take_evicted().len() > 1000);
        let header = jar.header_in(&u, NOW, Site::Same);
        assert!(header.len() > 1000);
        let big = "k=v; ".repeat(20_480);
        let c = parse_set_cookie(&big);
        assert!(c.problems.len() > 1000);
        let c = parse_set_cookie(&"\u{e9}=".repeat(50_000));
        assert!(c.is_ignored());
        assert_eq!(parse_cookie_date(&"1:1:1 ".repeat(20_000)), None);
        let _ = parse_cookie_date(&"\u{ff}".repeat(100_000));
    }
}
