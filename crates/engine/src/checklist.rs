//! The guided 401 checklist: its steps, and how findings decide each step's status.
//!
//! A step's status says what the evidence shows about that step: `fail` (a cause was found
//! here), `warn` (something here is suspicious), `pass` (checked and fine) or `unknown` (the
//! evidence does not say, so the user answers it in the page).

use crate::findings::{Finding, Severity};
use serde::{Serialize, Serializer};

macro_rules! steps {
    ($( $variant:ident => $id:literal, $title:literal; )*) => {
        /// A checklist step. Ids are a public contract: extend, never rename.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum StepId { $( $variant, )* }

        impl StepId {
            /// Every step, in the order of the troubleshooting procedure.
            pub const ALL: &'static [StepId] = &[ $( StepId::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( StepId::$variant => $id, )* }
            }

            pub fn title(self) -> &'static str {
                match self { $( StepId::$variant => $title, )* }
            }
        }
    };
}

steps! {
    StatusCode => "status-code", "Is it really a 401?";
    ScopeOfImpact => "scope-of-impact", "One user or everyone?";
    Environment => "environment", "Right URL, protocol and environment";
    FreshLogin => "fresh-login", "Fresh sign-in, clean browser";
    Account => "account", "Account, password and MFA";
    DeviceClock => "device-clock", "Device and server clocks";
    NetworkPath => "network-path", "VPN and corporate proxy";
    Capture => "capture", "Capture the failing request and response";
    AuthorizationHeader => "authorization-header", "`Authorization` header";
    TokenExpiry => "token-expiry", "Token expiry";
    TokenAudience => "token-audience", "Token audience and issuer";
    TokenType => "token-type", "Access token, not ID token";
    TokenScope => "token-scope", "Token scopes";
    TokenSignature => "token-signature", "Token signature and keys";
    Cookies => "cookies", "Cookies";
    CorsPreflight => "cors-preflight", "CORS preflight";
    WwwAuthenticate => "www-authenticate", "`WWW-Authenticate` challenge";
    IdentityProvider => "identity-provider", "Identity provider settings";
    ProxyGateway => "proxy-gateway", "Proxies and gateways";
    RateLimit => "rate-limit", "Rate limits and lockouts";
    Retest => "retest", "Retest and record";
}

impl Serialize for StepId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for StepId {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        StepId::ALL.iter().copied().find(|step| step.as_str() == s).ok_or(())
    }
}

/// What the evidence says about one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    Unknown,
    Pass,
    Warn,
    Fail,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Unknown => "unknown",
            StepStatus::Pass => "pass",
            StepStatus::Warn => "warn",
            StepStatus::Fail => "fail",
        }
    }
}

/// One step of the checklist in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistEntry {
    pub id: StepId,
    pub status: StepStatus,
    pub title: &'static str,
    /// Codes of the findings behind the status, each once.
    pub evidence: Vec<&'static str>,
}

/// Builds the checklist from the findings and the steps that analysis checked and found fine.
///
/// A warning or error decides a step; info findings are listed as evidence but leave the status
/// as the checks found it.
pub fn build(findings: &[Finding], checked: &[StepId]) -> Vec<ChecklistEntry> {
    StepId::ALL
        .iter()
        .map(|&id| {
            let mut status = if checked.contains(&id) { StepStatus::Pass } else { StepStatus::Unknown };
            let mut evidence = Vec::new();
            for finding in findings.iter().filter(|f| f.step == id) {
                let from_finding = match finding.severity {
                    Severity::Error => StepStatus::Fail,
                    Severity::Warning => StepStatus::Warn,
                    Severity::Info => StepStatus::Unknown,
                };
                status = status.max(from_finding);
                let code = finding.code.as_str();
                if !evidence.contains(&code) {
                    evidence.push(code);
                }
            }
            ChecklistEntry { id, status, title: id.title(), evidence }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;

    #[test]
    fn every_step_id_of_the_contract_exists_once() {
        let contract = [
            "status-code", "scope-of-impact", "environment", "fresh-login", "account", "device-clock",
            "network-path", "capture", "authorization-header", "token-expiry", "token-audience",
            "token-type", "token-scope", "token-signature", "cookies", "cors-preflight",
            "www-authenticate", "identity-provider", "proxy-gateway", "rate-limit", "retest",
        ];
        let ids: Vec<&str> = StepId::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(ids, contract);
        for id in contract {
            assert_eq!(id.parse::<StepId>().map(StepId::as_str), Ok(id));
        }
    }

    #[test]
    fn worst_finding_decides_and_info_does_not() {
        let findings = vec![
            Finding::new(Code::Jwt025, "soon"),
            Finding::new(Code::Jwt002, "within skew"),
            Finding::new(Code::Jwt001, "expired"),
            Finding::new(Code::Jwt001, "expired again"),
            Finding::new(Code::Jwt022, "encrypted"),
        ];
        let list = build(&findings, &[StepId::TokenExpiry, StepId::Capture]);
        let get = |id: StepId| list.iter().find(|e| e.id == id).unwrap();
        assert_eq!(get(StepId::TokenExpiry).status, StepStatus::Fail);
        assert_eq!(get(StepId::TokenExpiry).evidence, vec!["JWT025", "JWT002", "JWT001"]);
        assert_eq!(get(StepId::TokenType).status, StepStatus::Unknown);
        assert_eq!(get(StepId::TokenType).evidence, vec!["JWT022"]);
        assert_eq!(get(StepId::Capture).status, StepStatus::Pass);
        assert_eq!(get(StepId::Cookies).status, StepStatus::Unknown);
    }

    #[test]
    fn warning_on_a_checked_step_is_a_warn() {
        let list = build(&[Finding::new(Code::Jwt002, "x")], &[StepId::TokenExpiry]);
        assert_eq!(list.iter().find(|e| e.id == StepId::TokenExpiry).unwrap().status, StepStatus::Warn);
    }
}
