//! The catalogue of known messages: data in `data/messages/*.json`, one entry per message that a
//! library, server, gateway, client tool or browser prints when it refuses credentials.
//!
//! An entry holds a literal `anchor` (found case-insensitively by one Aho-Corasick pass over the
//! whole text), a `pattern` (a regex with named captures, run only on the line of a hit), the
//! `cause` it states, one real `example` line and the public `source` where the text appears
//! (these two are for the tests, which read the data files themselves: the engine is built
//! without them).
//! The explanation is ours: it comes from the finding the cause maps to.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_lite::{Regex, RegexBuilder};
use serde::Deserialize;
use std::sync::OnceLock;

use crate::findings::Code;
use crate::steps::StepId;

/// The catalogue files, as (name, JSON text), as the engine carries them: without the members only
/// the tests read (`example`, `source`; `build.rs`). A test checks that every file of the folder
/// is here.
pub const FILES: &[(&str, &str)] = &[
    ("browsers", include_str!(concat!(env!("OUT_DIR"), "/messages/browsers.json"))),
    ("gateways-cloud", include_str!(concat!(env!("OUT_DIR"), "/messages/gateways-cloud.json"))),
    ("java-idp", include_str!(concat!(env!("OUT_DIR"), "/messages/java-idp.json"))),
    ("libraries", include_str!(concat!(env!("OUT_DIR"), "/messages/libraries.json"))),
    ("microsoft", include_str!(concat!(env!("OUT_DIR"), "/messages/microsoft.json"))),
    ("servers-and-proof", include_str!(concat!(env!("OUT_DIR"), "/messages/servers-and-proof.json"))),
    ("tools-platforms", include_str!(concat!(env!("OUT_DIR"), "/messages/tools-platforms.json"))),
];

/// What a message says is wrong. Each cause is one finding code and so one checklist step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    TokenExpired,
    TokenNotYetValid,
    TokenLifetimeInvalid,
    RefreshExpired,
    ClockSkew,
    AudienceMismatch,
    IssuerMismatch,
    SignatureInvalid,
    KeyNotFound,
    AlgorithmMismatch,
    TokenMalformed,
    CredentialsMissing,
    HeaderInvalid,
    SchemeMismatch,
    ScopeInsufficient,
    TokenTypeWrong,
    CredentialsInvalid,
    AccountBlocked,
    ClientInvalid,
    GrantInvalid,
    ProxyAuthRequired,
    HeaderStripped,
    CorsBlocked,
    CookieBlocked,
    RateLimited,
    AccessDenied,
    SenderConstraint,
    RequestSignature,
    Unauthenticated,
    CredentialsNotConfigured,
}

impl Cause {
    /// The finding a message with this cause becomes.
    pub fn code(self) -> Code {
        match self {
            Cause::TokenExpired => Code::LoggedExpired,
            Cause::TokenNotYetValid => Code::LoggedNotYetValid,
            Cause::TokenLifetimeInvalid => Code::LoggedLifetimeRefused,
            Cause::RefreshExpired => Code::LoggedGrantInvalid,
            Cause::ClockSkew => Code::LoggedClockSkew,
            Cause::AudienceMismatch => Code::LoggedAudience,
            Cause::IssuerMismatch => Code::LoggedIssuer,
            Cause::SignatureInvalid => Code::LoggedSignature,
            Cause::KeyNotFound => Code::LoggedNoKey,
            Cause::AlgorithmMismatch => Code::LoggedAlgorithm,
            Cause::TokenMalformed => Code::LoggedUnreadableToken,
            Cause::CredentialsMissing => Code::LoggedNoCredentials,
            Cause::HeaderInvalid => Code::LoggedBadHeader,
            Cause::SchemeMismatch => Code::LoggedWrongScheme,
            Cause::ScopeInsufficient => Code::LoggedScope,
            Cause::TokenTypeWrong => Code::LoggedTokenType,
            Cause::CredentialsInvalid => Code::LoggedWrongCredentials,
            Cause::AccountBlocked => Code::LoggedAccountState,
            Cause::ClientInvalid => Code::LoggedClient,
            Cause::GrantInvalid => Code::LoggedGrantRefused,
            Cause::ProxyAuthRequired => Code::LoggedProxy,
            Cause::HeaderStripped => Code::LoggedAuthorizationLost,
            Cause::CorsBlocked => Code::BrowserCors,
            Cause::CookieBlocked => Code::BrowserCookie,
            Cause::RateLimited => Code::LoggedRateLimit,
            Cause::AccessDenied => Code::LoggedForbidden,
            Cause::SenderConstraint => Code::LoggedSenderConstraint,
            Cause::RequestSignature => Code::LoggedRequestSignature,
            Cause::Unauthenticated => Code::LoggedNoReason,
            Cause::CredentialsNotConfigured => Code::CredentialsNotConfigured,
        }
    }

    /// The checklist step the cause lies in.
    pub fn step(self) -> StepId {
        self.code().info().step
    }
}

/// An anchor as written, then as JSON-escaped or HTML-escaped text has it when it holds quotes.
fn anchor_forms(anchor: &str) -> Vec<String> {
    let mut forms = vec![anchor.to_string()];
    let escaped = [anchor.replace('"', "\\\""), anchor.replace('\'', "&#39;").replace('"', "&quot;"), anchor.replace('\'', "&#x27;")];
    for form in escaped {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// One catalogue entry as written in the data files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub family: String,
    pub anchor: String,
    pub pattern: String,
    pub cause: Cause,
}

/// The catalogue, read once: its entries, the automaton over their anchors, and each entry's
/// regex (compiled on its first hit).
pub struct Catalogue {
    pub entries: Vec<Entry>,
    /// Entries whose file could not be read or whose pattern does not compile, with why.
    pub broken: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// The entry each anchor pattern of the automaton belongs to.
    anchor_entry: Vec<usize>,
    regexes: Vec<OnceLock<Option<Regex>>>,
}

impl Catalogue {
    fn load() -> Catalogue {
        let mut entries = Vec::new();
        let mut broken = Vec::new();
        for (name, text) in FILES {
            match serde_json::from_str::<Vec<Entry>>(text) {
                Ok(list) => entries.extend(list),
                Err(why) => broken.push(format!("{name}.json: {why}")),
            }
        }
        // An anchor with quotes is also looked for as a JSON string or an HTML error page writes
        // it (`\"`, `&#39;`, `&quot;`); the regex then reads the line with those read back.
        let mut anchors: Vec<String> = Vec::new();
        let mut anchor_entry: Vec<usize> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for anchor in anchor_forms(&entry.anchor) {
                anchors.push(anchor);
                anchor_entry.push(index);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A DFA: one table lookup per byte, which a 5 MB log needs; the catalogue is small.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&anchors)
            .map_err(|why| broken.push(format!("anchors: {why}")))
            .ok();
        let regexes = entries.iter().map(|_| OnceLock::new()).collect();
        Catalogue { anchor_entry, entries, broken, automaton, regexes }
    }

    /// The catalogue, read on first use.
    pub fn get() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(Catalogue::load)
    }

    /// The regex of entry `index`, compiled once; `None` when it does not compile.
    pub fn regex(&self, index: usize) -> Option<&Regex> {
        let slot = self.regexes.get(index)?;
        slot.get_or_init(|| {
            let entry = self.entries.get(index)?;
            RegexBuilder::new(&entry.pattern).case_insensitive(true).build().ok()
        })
        .as_ref()
    }

    /// Every anchor hit in `text`: (entry index, byte offset of the hit).
    pub fn hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.automaton
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(text))
            .filter_map(|m| Some((*self.anchor_entry.get(m.pattern().as_usize())?, m.start())))
    }
}

#[cfg(test)]
mod tests {
    use super::anchor_forms;

    #[test]
    fn quoted_anchors_are_also_looked_for_escaped() {
        assert_eq!(anchor_forms("jwt expired"), ["jwt expired"]);
        assert_eq!(anchor_forms("Unexpected 'aud' value"), ["Unexpected 'aud' value", "Unexpected &#39;aud&#39; value", "Unexpected &#x27;aud&#x27; value"]);
        assert_eq!(anchor_forms("incorrect \"aud\" claim"), ["incorrect \"aud\" claim", "incorrect \\\"aud\\\" claim", "incorrect &quot;aud&quot; claim"]);
    }
}
