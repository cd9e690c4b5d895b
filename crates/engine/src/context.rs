//! What the caller tells the engine about the world: the time, the clock-skew allowance, the
//! keys to verify with and what the API expects of a token.

pub use crate::cookie::ThirdPartyCookies;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// The request's credentials mode, as set by `fetch(url, { credentials })` (Fetch §2.2.5);
/// `XMLHttpRequest.withCredentials = true` is `Include`. The default of `fetch` is `SameOrigin`,
/// which, for a cross-origin request, sends no credentials, like `Omit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialsMode {
    Omit,
    SameOrigin,
    Include,
}

impl CredentialsMode {
    /// Reads `omit`, `same-origin` or `include`, trimmed and in any letter case.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        [CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include].into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CredentialsMode::Omit => "omit",
            CredentialsMode::SameOrigin => "same-origin",
            CredentialsMode::Include => "include",
        }
    }
}

/// A browser engine, where engines apply a CORS rule differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Browser {
    /// Chrome, Edge, Opera, Brave and other Chromium browsers.
    Chromium,
    /// Firefox (Gecko).
    Firefox,
    /// Safari and every browser on iOS (WebKit).
    Safari,
}

impl Browser {
    pub const ALL: [Browser; 3] = [Browser::Chromium, Browser::Firefox, Browser::Safari];

    /// Reads `chromium`, `firefox` or `safari` (also `chrome`, `edge`, `gecko`, `webkit`), trimmed
    /// and in any letter case.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "chromium" | "chrome" | "edge" => Some(Browser::Chromium),
            "firefox" | "gecko" => Some(Browser::Firefox),
            "safari" | "webkit" => Some(Browser::Safari),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
            Browser::Safari => "safari",
        }
    }

    /// The engine's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "Chromium",
            Browser::Firefox => "Firefox",
            Browser::Safari => "Safari",
        }
    }
}

/// The clock-skew allowance used when the caller does not choose one.
pub const DEFAULT_SKEW: u64 = 60;

/// How the text of a supplied key is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyFormat {
    /// A JWK, a JWK Set or PEM, recognised from the text.
    Auto,
    /// An HMAC secret: the text's UTF-8 bytes.
    SecretText,
    /// An HMAC secret written in base64 or base64url.
    SecretBase64,
}

/// A key the user supplied, as text; the engine parses it. Its text is a [`Secret`]: redacted
/// in JSON, whole in the binary transfer form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyInput {
    /// Where it came from, for messages: "`keys.json`", "the key panel".
    pub source: String,
    pub text: Secret,
    pub format: KeyFormat,
}

impl KeyInput {
    pub fn new(source: impl Into<String>, text: impl Into<String>, format: KeyFormat) -> Self {
        Self { source: source.into(), text: Secret::new(text.into()), format }
    }
}

/// What the API expects of a token. Empty fields are not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectations {
    /// Any one of these must be in `aud`.
    pub audiences: Vec<String>,
    pub issuer: Option<String>,
    /// Every one of these must be granted (`scope`, `scp` or `roles`).
    pub scopes: Vec<String>,
    /// The client the token was issued to (`azp`, `client_id`, `cid`, `appid`).
    pub client_id: Option<String>,
    /// The longest time since the user signed in (`auth_time`) the API accepts, in seconds
    /// (OpenID Connect `max_age`).
    pub max_age: Option<u64>,
}

/// Splits what a user typed into a list field (commas, spaces or line breaks between items).
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The caller's view of the world. The engine reads no clock: `now` always comes from here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The current time, in seconds since 1970-01-01 UTC.
    pub now: i64,
    /// How many seconds of disagreement between clocks to tolerate in time checks.
    pub skew: u64,
    pub keys: Vec<KeyInput>,
    pub expect: Expectations,
    /// Also verify with the leaf certificate of a token's own `x5c` chain. Unsafe unless the
    /// chain is checked elsewhere: the token's author chose it.
    pub trust_x5c: bool,
    /// Diagnose only this exchange (an index into `Report::exchanges`): every exchange is still
    /// listed, but only this one's headers and findings are analysed in detail. `None`: all.
    pub exchange: Option<usize>,
    /// The origin of the page that makes the requests (`https://app.example.com`), for CORS and
    /// `SameSite`; `None` when not given (the requests' own `Origin`/`Referer` may tell).
    pub origin: Option<String>,
    /// The credentials mode of the requests where the input does not say (a `fetch` call's
    /// `credentials` wins).
    pub credentials: Option<CredentialsMode>,
    /// Put the real token and cookie values into the reproduction snippets instead of `$TOKEN`
    /// and `$COOKIE` placeholders (the user asked for it explicitly).
    pub secrets_in_snippets: bool,
    /// The user's password, to recompute a Digest response and say which input differs. Never
    /// printed: it is a [`Secret`].
    #[serde(default)]
    pub password: Option<Secret>,
    /// An AWS secret access key, to recompute a Signature V4 (never printed).
    #[serde(default)]
    pub aws_secret: Option<Secret>,
    /// The client certificates the requests were sent with (PEM text, as read from
    /// `--client-cert`), for certificate-bound tokens (RFC 8705).
    #[serde(default)]
    pub client_certs: Vec<String>,
    // -- browser engine (CORS differences) --
    /// The browser engine whose verdict to give where engines disagree on a CORS rule; `None`
    /// explains each engine's.
    #[serde(default)]
    pub browser: Option<Browser>,
    // -- end browser engine --
    /// What the browser does with third-party cookies; `None` takes the browser's default
    /// ([`Context::third_party`]).
    #[serde(default)]
    pub third_party_cookies: Option<ThirdPartyCookies>,
}

impl Context {
    pub fn new(now: i64) -> Self {
        Self {
            now,
            skew: DEFAULT_SKEW,
            keys: Vec::new(),
            expect: Expectations::default(),
            trust_x5c: false,
            exchange: None,
            origin: None,
            credentials: None,
            secrets_in_snippets: false,
            password: None,
            aws_secret: None,
            client_certs: Vec::new(),
            // -- browser engine (CORS differences) --
            browser: None,
            // -- end browser engine --
            third_party_cookies: None,
        }
    }

    /// What the browser does with third-party cookies: the caller's setting, else the default of
    /// the chosen browser (Safari blocks them, Firefox partitions them, Chromium on the desktop
    /// allows them, which is also the default when no browser is chosen).
    pub fn third_party(&self) -> ThirdPartyCookies {
        self.third_party_cookies.unwrap_or(match self.browser {
            Some(Browser::Safari) => ThirdPartyCookies::Blocked,
            Some(Browser::Firefox) => ThirdPartyCookies::Partitioned,
            Some(Browser::Chromium) | None => ThirdPartyCookies::Allowed,
        })
    }

    /// Whether Chromium's cookie rules that other engines lack apply (the two-minute
    /// allowance for a cross-site `POST`, same-site navigations judged by their initiator).
    pub fn chromium_cookie_rules(&self) -> bool {
        matches!(self.browser, Some(Browser::Chromium) | None)
    }

    pub fn with_password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(Secret::new(password.into()));
        self
    }

    pub fn with_skew(mut self, skew: u64) -> Self {
        self.skew = skew;
        self
    }

    pub fn with_key(mut self, key: KeyInput) -> Self {
        self.keys.push(key);
        self
    }

    /// Recomputes AWS Signature V4 signatures with this secret access key.
    pub fn with_aws_secret(mut self, secret: impl Into<String>) -> Self {
        self.aws_secret = Some(Secret::new(secret.into()));
        self
    }

    pub fn with_expectations(mut self, expect: Expectations) -> Self {
        self.expect = expect;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_fields_split_on_commas_spaces_and_lines() {
        assert_eq!(split_list(" read, write\norders.read  "), ["read", "write", "orders.read"]);
        assert!(split_list(" , \n").is_empty());
    }
}
