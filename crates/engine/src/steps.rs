//! The checklist's steps: their ids and titles, the vocabulary that findings and the checklist
//! share.
//!
//! This is a leaf: it uses nothing else in the engine. Each step's guidance ([`StepId::info`])
//! and the rules that decide a step's status live in `checklist.rs`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
    SenderConstraint => "sender-constraint", "Proof of the bound key (DPoP, mTLS)";
    RequestSignature => "request-signature", "Signed request (AWS Signature V4, ACME JWS, …)";
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

impl<'de> Deserialize<'de> for StepId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(|()| serde::de::Error::custom(format!("unknown checklist step {name:?}")))
    }
}
