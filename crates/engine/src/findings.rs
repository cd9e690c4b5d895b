//! The one finding model and the table of finding codes.
//!
//! Every finding the engine reports has a code from [`Code`]. The table below is the only place a
//! code's severity, title, fix, references and checklist step are written. Codes are never
//! renumbered or reused: a retired code stays in the table, and a new one takes the next number.

use crate::steps::StepId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How bad a finding is. The order is explicit: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; not a cause.
    Info,
    /// Suspicious, or will cause trouble with some servers.
    Warning,
    /// A cause of the failure.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a code is still raised. A retired code keeps its row so that its number is never
/// reused; nothing builds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    Stable,
    Retired,
}

/// What the table knows about a code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub step: StepId,
    /// The rule module that builds findings with this code, as a path under `src/` without
    /// `.rs` (`http/replay`; a directory such as `jwt` covers the files in it). A tidy test
    /// holds every code to it.
    pub module: &'static str,
    pub lifecycle: Lifecycle,
    pub title: &'static str,
    pub help: &'static str,
    pub references: &'static [&'static str],
}

/// The long explanation of one code, kept in the rule module that builds it (its `DOCS`). The
/// source of `docs/codes.md` and of the explanation the page opens under a finding.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    pub code: Code,
    /// What the finding means, in terms of what was seen.
    pub meaning: &'static str,
    /// Why it causes a refusal (or, for a note, when it matters).
    pub why: &'static str,
    /// The fix for whoever sends the request.
    pub caller: &'static str,
    /// The fix, or what to check, for whoever runs the API.
    pub owner: &'static str,
}

/// A code's explanation as it travels with a report to the page (owned, so that it can be read
/// back from the transfer form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub code: Code,
    pub meaning: String,
    pub why: String,
    pub caller: String,
    pub owner: String,
}

macro_rules! codes {
    ($( $variant:ident => $code:literal, $sev:ident, $step:ident, $module:literal, $life:ident, $title:literal, $help:literal, [$($r:literal),*]; )*) => {
        /// A stable finding code. See the table in this module for each code's meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn info(self) -> &'static CodeInfo {
                match self {
                    $( Code::$variant => &CodeInfo {
                        code: $code,
                        severity: Severity::$sev,
                        step: StepId::$step,
                        module: $module,
                        lifecycle: Lifecycle::$life,
                        title: $title,
                        help: $help,
                        references: &[$($r),*],
                    }, )*
                }
            }
        }
    };
}

codes! {
    InputTooLarge => "IN001", Error, Capture, "pipeline", Stable, "Input is too large to analyse",
        "Paste only the failing request and response, or export a smaller HAR with just the failing page load", [];
    NothingRecognised => "IN002", Info, Capture, "pipeline/inputs", Stable, "Nothing recognised in the input",
        "Paste a JWT, an `Authorization` header, or the whole failing request and response", [];
    TooManyTokens => "IN003", Warning, Capture, "pipeline/inputs", Stable, "Too many tokens in the input",
        "Paste only the exchange that failed; the first tokens were analysed", [];

    TokenExpired => "JWT001", Error, TokenExpiry, "jwt/time", Stable, "Token has expired",
        "Request a new token (or use the refresh token), then retry; if it keeps happening, refresh tokens before `exp`", ["RFC 7519 §4.1.4"];
    TokenExpiredWithinSkew => "JWT002", Warning, TokenExpiry, "jwt/time", Stable, "Token expired, but only within the clock-skew allowance",
        "Request a new token now: a server with a smaller leeway than yours already refuses this one", ["RFC 7519 §4.1.4"];
    TokenNotYetValid => "JWT003", Error, TokenExpiry, "jwt/time", Stable, "Token is not valid yet",
        "Check the clock of the machine that issued the token and of this one; wait until `nbf` or have the issuer stop back-dating", ["RFC 7519 §4.1.5"];
    TokenNotYetValidWithinSkew => "JWT004", Warning, TokenExpiry, "jwt/time", Stable, "Token becomes valid only within the clock-skew allowance",
        "Synchronise the clocks of issuer and API (NTP), or give the API a leeway of at least a minute", ["RFC 7519 §4.1.5"];
    TokenIssuedInFuture => "JWT005", Warning, DeviceClock, "jwt/time", Stable, "Token was issued in the future",
        "Synchronise this machine's clock and the issuer's (NTP); some libraries refuse a token whose `iat` is ahead of their clock", ["RFC 7519 §4.1.6"];
    TokenHasNoExpiry => "JWT006", Warning, TokenExpiry, "jwt/time", Stable, "Token has no expiry",
        "Have the issuer set `exp`; many APIs refuse a token without it", ["RFC 7519 §4.1.4", "RFC 9068 §2.2"];
    TimeClaimNotNumber => "JWT007", Error, TokenExpiry, "jwt/time", Stable, "Time claim is not a number",
        "Have the issuer write time claims as JSON numbers of seconds since 1970 (NumericDate), not strings", ["RFC 7519 §2", "RFC 7519 §4.1.4"];
    TimeClaimInMilliseconds => "JWT008", Error, TokenExpiry, "jwt/time", Stable, "Time claim looks like milliseconds",
        "Have the issuer divide by 1000: JWT times are seconds since 1970, while `Date.now()` gives milliseconds", ["RFC 7519 §2"];
    TokenNeverValid => "JWT009", Error, TokenExpiry, "jwt/time", Stable, "Token is never valid",
        "Have the issuer set `exp` after `nbf` and `iat`", ["RFC 7519 §4.1.4", "RFC 7519 §4.1.5"];
    TokenNotThreeParts => "JWT010", Error, AuthorizationHeader, "jwt", Stable, "Token does not have three parts",
        "Send the whole token: a signed JWT is `header.payload.signature`; check for truncation when it was copied or stored", ["RFC 7515 §7.1", "RFC 7519 §7.2"];
    TokenPartNotBase64url => "JWT011", Error, AuthorizationHeader, "jwt", Stable, "Token part is not base64url",
        "Send the token exactly as issued; a part was damaged when it was copied, stored or encoded", ["RFC 7515 §2", "RFC 7515 Appendix C"];
    TokenPartPadded => "JWT012", Warning, AuthorizationHeader, "jwt", Stable, "Token part carries `=` padding",
        "Strip the `=` padding: JWS uses unpadded base64url and strict servers refuse padded parts", ["RFC 7515 §2"];
    TokenPartStandardBase64 => "JWT013", Warning, AuthorizationHeader, "jwt", Stable, "Token part uses the standard base64 alphabet",
        "Encode with base64url (`-` and `_`), not base64 (`+` and `/`); strict servers refuse the token", ["RFC 7515 §2", "RFC 4648 §5"];
    TokenPartNonCanonicalBase64url => "JWT014", Warning, AuthorizationHeader, "jwt", Stable, "Token part is not in canonical base64url",
        "Send the token exactly as issued; its last character was altered, and strict decoders refuse it", ["RFC 4648 §3.5"];
    TokenPartNotJson => "JWT015", Error, AuthorizationHeader, "jwt", Stable, "Token part is not valid JSON",
        "Check that the issuer produced a JWT: the header and payload must be JSON objects", ["RFC 7515 §4", "RFC 7519 §7.2"];
    TokenPartNotObject => "JWT016", Error, AuthorizationHeader, "jwt", Stable, "Token part is JSON but not an object",
        "Check that the issuer produced a JWT: the header and the claims must be JSON objects", ["RFC 7519 §7.2"];
    TokenPartNotUtf8 => "JWT017", Error, AuthorizationHeader, "jwt", Stable, "Token part is not UTF-8",
        "Check that the issuer produced a JWT: its JSON must be UTF-8", ["RFC 7515 §5.2", "RFC 8259 §8.1"];
    TokenHeaderNoAlg => "JWT018", Error, TokenSignature, "jwt", Stable, "Token header has no `alg`",
        "Have the issuer set `alg`; no server accepts a JWS without it", ["RFC 7515 §4.1.1"];
    TokenUnsigned => "JWT019", Error, TokenSignature, "jwt", Stable, "Token is unsigned (`alg` is `none`)",
        "Use a signed token: APIs must refuse `alg: none`, since anyone can write such a token", ["RFC 7518 §3.6", "RFC 8725 §3.1"];
    TokenEmptySignature => "JWT020", Error, TokenSignature, "jwt", Stable, "Token has an empty signature",
        "Send the whole token including its signature; an empty signature never verifies", ["RFC 7515 §5.2"];
    TokenContainsWhiteSpace => "JWT021", Error, AuthorizationHeader, "jwt", Stable, "Token contains white space",
        "Remove the line breaks and spaces that crept in when the token was copied or wrapped", ["RFC 7515 §7.1"];
    TokenEncrypted => "JWT022", Info, TokenType, "jwt", Stable, "Token is encrypted (JWE)",
        "Supply the recipient's key to read the claims, or ask the issuer whether the API expects an encrypted token", ["RFC 7516 §7.1"];
    TokenRepeatedMember => "JWT023", Warning, AuthorizationHeader, "jwt", Stable, "Token part repeats a member name",
        "Have the issuer write each header parameter and claim once; libraries differ on which copy they use or refuse the token", ["RFC 7515 §4", "RFC 7519 §4"];
    TokenVeryLarge => "JWT024", Warning, ProxyGateway, "jwt", Stable, "Token is very large",
        "Shrink the token (fewer claims or groups): proxies and servers commonly cap a header line at 8 KB and refuse larger requests", ["RFC 9110 §5.4"];
    TokenExpiresSoon => "JWT025", Info, TokenExpiry, "jwt/time", Stable, "Token expires soon",
        "Refresh the token before it expires, ideally a minute or two ahead", ["RFC 7519 §4.1.4"];
    TimeClaimOutOfRange => "JWT026", Error, TokenExpiry, "jwt/time", Stable, "Time claim is out of range",
        "Have the issuer write time claims as seconds since 1970 within the years 1970–9999", ["RFC 7519 §2"];
    BearerTokenNotJwt => "JWT027", Info, AuthorizationHeader, "pipeline/inputs", Stable, "Bearer token is not a JWT",
        "An opaque token cannot be read locally: ask the issuer's introspection endpoint whether it is active", ["RFC 6750 §2.1", "RFC 7662 §2"];
    TokenAlgNotString => "JWT028", Error, TokenSignature, "jwt", Stable, "Token `alg` is not a string",
        "Have the issuer set `alg` to an algorithm name such as `RS256`", ["RFC 7515 §4.1.1"];
    TokenLivesLong => "JWT029", Info, TokenExpiry, "jwt/time", Stable, "Token lives unusually long",
        "Prefer short-lived access tokens (minutes to hours) renewed with a refresh token; a leaked long-lived token stays usable", ["RFC 9700 §2.2.2", "RFC 8725 §3.10"];
    SignInOlderThanMaxAge => "JWT030", Error, FreshLogin, "jwt/time", Stable, "Sign-in is older than `max_age`",
        "Sign in again (the client can send `prompt=login` or `max_age`), then request a new token", ["OpenID Connect Core §3.1.2.1", "OpenID Connect Core §2"];

    KeyNotRecognised => "KEY001", Error, TokenSignature, "jose/key", Stable, "Key input not recognised",
        "Paste a JWK, a JWK Set (`{\"keys\": [...]}`), or a PEM public key or certificate", ["RFC 7517 §4", "RFC 7468"];
    JwkMalformed => "KEY002", Error, TokenSignature, "jose/key", Stable, "JWK is malformed",
        "Fix the key's members: each needs `kty` and the members of its type, in strict base64url", ["RFC 7517 §4", "RFC 7518 §6"];
    PrivateKeySupplied => "KEY003", Warning, TokenSignature, "jose/key", Stable, "A private key was supplied",
        "Verify with the public key only, and rotate this private key if it was ever copied outside a secure store", ["RFC 7517 §9.2"];
    RsaKeyTooShort => "KEY004", Warning, TokenSignature, "jose/key", Stable, "RSA key is shorter than 2048 bits",
        "Issue tokens with an RSA key of at least 2048 bits; many libraries refuse smaller keys", ["RFC 7518 §3.3"];
    RsaExponentUnusable => "KEY005", Error, TokenSignature, "jose/key", Stable, "RSA public exponent is unusable",
        "Use a key with a standard public exponent such as 65537", ["RFC 8017 §3.1"];
    EcPointNotOnCurve => "KEY006", Error, TokenSignature, "jose/key", Stable, "EC key is not a point on its curve",
        "Re-export the public key from the issuer; the coordinates were damaged or belong to another curve", ["RFC 7518 §6.2.1"];
    HmacSecretTooShort => "KEY007", Warning, TokenSignature, "jose/signature", Stable, "HMAC secret is shorter than the hash",
        "Use a random secret at least as long as the hash output (32 bytes for `HS256`); some libraries refuse shorter ones", ["RFC 7518 §3.2"];
    CertificateOutsideValidity => "KEY008", Warning, TokenSignature, "jose/key", Stable, "Certificate is outside its validity period",
        "Have the issuer publish a current certificate; APIs that check validity refuse tokens signed under this one", ["RFC 5280 §4.1.2.5"];
    KeyTypeNotForJws => "KEY009", Error, TokenSignature, "jose/key", Stable, "Key type is not one JWS signs with",
        "Supply an RSA, EC (P-256, P-384, P-521, secp256k1), Ed25519 or `oct` key", ["RFC 7518 §6.1", "RFC 8037 §2"];
    KeysShareKid => "KEY010", Warning, TokenSignature, "jose/key", Stable, "Several keys share a `kid`",
        "Give each key in the set its own `kid`, so that verifiers pick the right one", ["RFC 7517 §4.5"];
    TooManyKeys => "KEY011", Warning, TokenSignature, "jose/key", Stable, "Too many keys",
        "Supply only the issuer's current key set", [];
    RsaKeyRoca => "KEY012", Error, TokenSignature, "jose/key", Stable, "RSA key has the ROCA weakness",
        "Replace the key at once: it was made by a vulnerable Infineon library and its private key can be computed (CVE-2017-15361)", ["CVE-2017-15361"];

    SignatureInvalid => "SIG001", Error, TokenSignature, "jose/signature", Stable, "Signature does not verify",
        "Check that the key is the issuer's current signing key, and that the token was not altered after signing", ["RFC 7515 §5.2"];
    KidNotInKeySet => "SIG002", Error, TokenSignature, "jose/signature", Stable, "Token's `kid` is not in the key set",
        "Refresh the API's copy of the issuer's JWK Set (the key was probably rotated), or check that the token comes from the expected issuer", ["RFC 7515 §4.1.4", "RFC 7517 §5"];
    AlgorithmConfusion => "SIG003", Error, TokenSignature, "jose/signature", Stable, "HMAC algorithm with a public key (algorithm confusion)",
        "Have the API accept only the algorithms it expects (an allow-list such as `RS256`), never the token's own choice", ["RFC 8725 §2.1", "RFC 8725 §3.1"];
    NoKeyFitsAlgorithm => "SIG004", Error, TokenSignature, "jose/signature", Stable, "No supplied key fits the token's algorithm",
        "Supply the issuer's key of the right type, or check that the token's `alg` is what the issuer is configured to use", ["RFC 7518 §3.1"];
    KeyUseForbidden => "SIG005", Error, TokenSignature, "jose/signature", Stable, "Key metadata forbids this use",
        "Use a key whose `alg`, `use` and `key_ops` allow verifying this token's algorithm, or fix the key set", ["RFC 7517 §4.2", "RFC 7517 §4.3", "RFC 7517 §4.4"];
    AlgorithmUnsupported => "SIG006", Error, TokenSignature, "jose/signature", Stable, "Algorithm is not supported",
        "Have the issuer use a registered algorithm, spelled exactly (`RS256`, not `rs256`)", ["RFC 7518 §3.1"];
    HeaderNamesOwnKey => "SIG007", Warning, TokenSignature, "jose/signature", Stable, "Header names its own key",
        "Ignore `jwk`, `jku` and `x5u` in tokens; verify only with keys configured on the API", ["RFC 8725 §3.10", "RFC 7515 §4.1.2"];
    CriticalExtensionUnknown => "SIG008", Error, TokenSignature, "jose/signature", Stable, "Critical header extension not understood",
        "Remove the extension from `crit`, or use a verifier that implements it", ["RFC 7515 §4.1.11"];
    PayloadNotEncoded => "SIG009", Warning, TokenSignature, "jose/signature", Stable, "Payload is not base64url-encoded",
        "Issue ordinary JWTs; unencoded payloads (`b64: false`) are for detached signatures", ["RFC 7797 §3"];
    KeyChosenWithoutKid => "SIG010", Info, TokenSignature, "jose/signature", Stable, "Key chosen without a `kid`",
        "Have the issuer put `kid` in the header, so the API need not try every key", ["RFC 7515 §4.1.4"];
    EcdsaSignatureDer => "SIG011", Error, TokenSignature, "jose/signature", Stable, "ECDSA signature is DER-encoded",
        "Encode ECDSA signatures as fixed-size `r‖s` (64 bytes for `ES256`), as JWS requires", ["RFC 7518 §3.4"];
    HeaderHasX5c => "SIG012", Info, TokenSignature, "jose/signature", Stable, "Header carries a certificate chain (`x5c`)",
        "Verify with keys the API trusts; accept an `x5c` chain only if it leads to a trusted certificate", ["RFC 7515 §4.1.6"];
    X5cUnreadable => "SIG013", Warning, TokenSignature, "jwt", Stable, "Certificate in `x5c` cannot be read",
        "Have the issuer put DER certificates in standard base64 into `x5c`, leaf first", ["RFC 7515 §4.1.6"];
    KidAmbiguous => "SIG015", Error, TokenSignature, "jose/signature", Stable, "Several keys share the token's `kid`",
        "Give each key in the set its own `kid`; until then verifiers may pick the wrong key or refuse", ["RFC 7517 §4.5"];
    SignedWithRefusedKey => "SIG016", Error, TokenSignature, "jose/signature", Stable, "Signature made with a key strict verifiers refuse",
        "Sign with a strong key of its own set: RSA of 2048 bits or more, HMAC secrets at least as long as the hash, and no secret keys in a public key set", ["RFC 7518 §3.2", "RFC 7518 §3.3", "RFC 8725 §3.5"];
    VerifiedWithOwnX5c => "SIG014", Warning, TokenSignature, "jwt", Stable, "Verified with the token's own certificate",
        "Verify with the issuer's published keys instead; a token's own `x5c` is trustworthy only after its chain is validated", ["RFC 7515 §4.1.6", "RFC 8725 §3.10"];
    KidNotString => "SIG017", Error, TokenSignature, "jose/signature", Stable, "Token's `kid` is not a string",
        "Have the issuer write `kid` as a JSON string; strict verifiers refuse any other type, and none can match it to a key", ["RFC 7515 §4.1.4"];

    JweUndecryptable => "JWE001", Error, TokenSignature, "jwt", Stable, "Encrypted token cannot be decrypted",
        "Supply the recipient's key (the private key of the API, or the shared `oct` key), or check that the token was encrypted for this API", ["RFC 7516 §5.2"];
    JweRsa15 => "JWE002", Warning, TokenSignature, "jwt", Stable, "Content key encrypted with `RSA1_5`",
        "Have the issuer use `RSA-OAEP-256`; RSAES-PKCS1-v1_5 invites padding-oracle attacks and many libraries refuse it", ["RFC 8725 §3.2", "RFC 7518 §4.2"];
    JweAlgorithmUnsupported => "JWE003", Error, TokenSignature, "jwt", Stable, "Encryption algorithm not supported",
        "Have the issuer use a registered algorithm such as `RSA-OAEP-256` with `A256GCM`", ["RFC 7518 §4.1", "RFC 7518 §5.1"];

    AuthorizationEmpty => "AUTH001", Error, AuthorizationHeader, "headers/authorization", Stable, "`Authorization` header has no credentials",
        "Send the scheme and the credentials, such as `Authorization: Bearer <access token>`", ["RFC 9110 §11.6.2"];
    SchemeCase => "AUTH002", Warning, AuthorizationHeader, "headers/authorization", Stable, "Scheme spelled in unusual letter case",
        "Write the scheme as servers expect it (`Bearer`, `Basic`); the standard says case does not matter, but some servers compare it exactly", ["RFC 9110 §11.1", "RFC 6750 §2.1"];
    AuthorizationWhiteSpace => "AUTH003", Warning, AuthorizationHeader, "headers/authorization", Stable, "Stray white space in `Authorization`",
        "Send exactly `<scheme> <credentials>` with one space and no tabs or line breaks", ["RFC 9110 §11.6.2", "RFC 6750 §2.1"];
    TokenQuoted => "AUTH004", Error, AuthorizationHeader, "headers/authorization", Stable, "Token wrapped in quotes",
        "Send the token without quotes; they usually come from a JSON string or an environment file", ["RFC 6750 §2.1"];
    SchemeRepeated => "AUTH005", Error, AuthorizationHeader, "headers/authorization", Stable, "Scheme written twice",
        "Store the bare token and add the scheme once when building the header", ["RFC 6750 §2.1"];
    TokenPlaceholder => "AUTH006", Error, AuthorizationHeader, "headers/authorization", Stable, "Placeholder instead of a token",
        "Make sure the token is loaded before the request is sent (sign-in finished, storage read, variable set)", ["RFC 6750 §2.1"];
    BearerTokenBadCharacters => "AUTH007", Error, AuthorizationHeader, "headers/authorization", Stable, "Bearer token has characters it cannot have",
        "Send the token exactly as the issuer returned it; bearer tokens are token68: letters, digits and `-._~+/`", ["RFC 6750 §2.1"];
    SchemeUncommon => "AUTH008", Info, AuthorizationHeader, "headers/authorization", Stable, "Uncommon authentication scheme",
        "Check the scheme the API asks for in its `WWW-Authenticate` challenge", ["RFC 9110 §11.1"];
    BasicNotBase64 => "BASIC001", Error, AuthorizationHeader, "headers/authorization", Stable, "Basic credentials are not valid base64",
        "Encode `user:password` with standard, padded base64 (`printf '%s' 'user:password' | base64`)", ["RFC 7617 §2"];
    BasicNoColon => "BASIC002", Error, AuthorizationHeader, "headers/authorization", Stable, "Basic credentials lack a user name or colon",
        "Encode the user name, a colon and the password together: `user:password`", ["RFC 7617 §2"];
    BasicTrailingNewline => "BASIC003", Error, AuthorizationHeader, "headers/authorization", Stable, "Basic credentials end with a line break",
        "Encode without the trailing newline: `printf '%s' 'user:password' | base64` or `echo -n`", ["RFC 7617 §2"];
    BasicSpaces => "BASIC004", Warning, AuthorizationHeader, "headers/authorization", Stable, "Spaces around the Basic user name or password",
        "Remove the spaces, unless they really are part of the user name or password", ["RFC 7617 §2"];
    BasicNotUtf8 => "BASIC005", Warning, AuthorizationHeader, "headers/authorization", Stable, "Basic credentials are not UTF-8",
        "Encode the user name and password as UTF-8 before base64", ["RFC 7617 §2.1"];
    BasicPasswordColon => "BASIC006", Info, AuthorizationHeader, "headers/authorization", Stable, "The Basic password contains a colon",
        "A colon is allowed in the password (the user name ends at the first one), but server code that splits at every colon keeps only part of the password; split once, at the first colon. A user name cannot contain a colon at all", ["RFC 7617 §2"];

    ChallengeUnreadable => "WWW001", Warning, WwwAuthenticate, "headers/challenge", Stable, "`WWW-Authenticate` cannot be fully read",
        "Fix the server's challenge to follow RFC 9110: `<scheme> param=\"value\", …`, challenges separated by commas", ["RFC 9110 §11.6.1"];
    ChallengeInvalidToken => "WWW002", Error, WwwAuthenticate, "headers/challenge", Stable, "Server refused the token (`invalid_token`)",
        "Get a fresh token from the right issuer for this API; decode it here to see which claim is wrong", ["RFC 6750 §3.1"];
    ChallengeInsufficientScope => "WWW003", Error, TokenScope, "headers/challenge", Stable, "Server says the token lacks scope (`insufficient_scope`)",
        "Request the scope the challenge names when getting the token; the server should answer 403 for this, not 401", ["RFC 6750 §3.1"];
    ChallengeInvalidRequest => "WWW004", Error, AuthorizationHeader, "headers/challenge", Stable, "Server says the request is malformed (`invalid_request`)",
        "Send the token once, in the `Authorization` header only, with the `Bearer` scheme", ["RFC 6750 §3.1"];
    ChallengeDpopRefused => "WWW005", Error, WwwAuthenticate, "headers/challenge", Stable, "Server refused the DPoP proof",
        "Send a fresh DPoP proof for this method and URL, signed with an algorithm the server lists, and include the server's nonce when it sends one", ["RFC 9449 §7.1", "RFC 9449 §8"];
    SchemeNotAsked => "WWW006", Error, AuthorizationHeader, "pipeline/resolve", Stable, "Request used a scheme the server does not ask for",
        "Authenticate with a scheme from the server's `WWW-Authenticate` challenge", ["RFC 9110 §11.6.1"];
    ProxyChallenge => "WWW007", Error, NetworkPath, "headers/challenge", Stable, "A proxy wants credentials",
        "Authenticate to the proxy (`Proxy-Authorization`, or the system's proxy settings), or bypass it for this API", ["RFC 9110 §11.7.1", "RFC 9110 §15.5.8"];
    ChallengeDetails => "WWW008", Info, WwwAuthenticate, "headers/challenge", Stable, "Challenge details",
        "Use what the challenge says when retrying", ["RFC 9110 §11.6.1"];
    ClientSetUpForOtherScheme => "WWW009", Error, WwwAuthenticate, "pipeline/resolve", Stable, "Client set up for a scheme the server does not ask for",
        "Use the client's helper for the scheme the challenge names (requests: `auth=(user, password)` for Basic, `HTTPDigestAuth` for Digest)", ["RFC 9110 §11.6.1", "RFC 7616 §3.3"];

    MissingChallenge => "HTTP001", Warning, WwwAuthenticate, "http/exchange", Stable, "401 without a `WWW-Authenticate` challenge",
        "Have the API send `WWW-Authenticate` with every 401 (for tokens: `Bearer realm=…, error=…`), so clients know what to send", ["RFC 9110 §15.5.2"];
    Forbidden => "HTTP002", Error, StatusCode, "http/exchange", Stable, "403 Forbidden, not 401",
        "Check the caller's permissions (roles, scopes, resource ownership); signing in again does not help with a 403", ["RFC 9110 §15.5.4"];
    ProxyAuthRequired => "HTTP003", Error, NetworkPath, "http/exchange", Stable, "407: a proxy wants credentials",
        "Authenticate to the proxy, or configure the client to bypass it for this API", ["RFC 9110 §15.5.8"];
    Throttled => "HTTP004", Error, RateLimit, "http/exchange", Stable, "429: the caller is throttled",
        "Wait as long as `Retry-After` says, then retry with backoff; reduce the request rate", ["RFC 6585 §4"];
    LoginRedirect => "HTTP005", Error, StatusCode, "http/exchange", Stable, "Redirect to a sign-in page",
        "For API calls, have the server answer 401 instead of redirecting; in the client, treat this redirect as a lost session and sign in again", ["RFC 9110 §15.4"];
    NoCredentialsSent => "HTTP006", Error, AuthorizationHeader, "http/exchange", Stable, "Request carried no credentials",
        "Send the `Authorization` header (or the session cookie); check that the client attaches it to this URL and that nothing on the way strips it", ["RFC 9110 §11.6.2"];
    ServerClockExplains => "HTTP007", Error, DeviceClock, "http/exchange", Stable, "Server's clock explains the refusal",
        "Synchronise the clocks of the issuer, the API and this machine (NTP); give the API a leeway of a minute or more", ["RFC 7519 §4.1.4", "RFC 9110 §6.6.1"];
    RequestIds => "HTTP008", Info, Retest, "http/exchange", Stable, "Request ids for the ticket",
        "Include these ids when reporting the failure; they let the operators find the exact request in their logs", [];
    RateLimitHeaders => "HTTP009", Warning, RateLimit, "http/exchange", Stable, "Rate-limit headers on the refusal",
        "Check whether the caller was throttled or locked out after repeated failures; wait and retry with backoff", ["RFC 6585 §4", "RFC 9110 §10.2.3"];
    DateDiffersFromClock => "HTTP010", Info, DeviceClock, "http/exchange", Stable, "Response date differs from this clock",
        "If the response was captured just now, synchronise this machine's clock; an old capture explains the gap", ["RFC 9110 §6.6.1"];
    DateUnreadable => "HTTP011", Warning, Capture, "http/exchange", Stable, "`Date` header cannot be read",
        "Have the server send `Date` in the IMF-fixdate form, such as `Mon, 24 Nov 2025 16:00:00 GMT`", ["RFC 9110 §5.6.7"];
    CredentialsInUrl => "HTTP012", Warning, AuthorizationHeader, "http/exchange", Stable, "Credentials in the URL",
        "Send the token in the `Authorization` header instead; servers may ignore it in the query, and proxies and logs record URLs", ["RFC 6750 §2.3", "RFC 9700 §2.4"];
    CredentialsOverHttp => "HTTP013", Warning, Environment, "http/exchange", Stable, "Credentials over plain HTTP",
        "Call the API over `https://`; a plain-HTTP request may be redirected without its `Authorization` header, and anyone on the path can read it", ["RFC 6750 §5.3"];
    ResponseWithoutRequest => "HTTP014", Info, Capture, "http/exchange", Stable, "Response without its request",
        "Capture the request too (DevTools: Copy as cURL, or `curl -v`), so its headers can be checked", [];
    HttpLineUnreadable => "HTTP015", Warning, Capture, "pipeline/inputs", Stable, "HTTP line cannot be read",
        "Paste the message exactly as captured; this line is not `name: value`", ["RFC 9112 §5"];
    HarUnreadable => "HAR001", Error, Capture, "pipeline/read", Stable, "HAR file cannot be read",
        "Export the HAR again (DevTools Network tab: right-click, Save all as HAR) and paste or open the whole file", ["W3C HAR 1.2"];
    HarSanitized => "HAR002", Warning, Capture, "pipeline/read", Stable, "HAR export left out credentials",
        "In Chrome, enable DevTools Settings > Preferences > Network > Allow to generate HAR with sensitive data, then use Export HAR (with sensitive data); the file is read only on this machine", [];
    CurlUnreadable => "HTTP016", Warning, Capture, "pipeline/read", Stable, "`curl` command cannot be fully read",
        "Paste the command as DevTools copied it (Copy as cURL), whole", [];
    AuthorizationDroppedOnRedirect => "HTTP017", Error, ProxyGateway, "http/exchange", Stable, "`Authorization` lost on a cross-origin redirect",
        "Call the URL the redirect points to directly, or have the server answer without redirecting; browsers, `fetch` and curl remove `Authorization` when a redirect leaves the origin", ["Fetch: HTTP-redirect fetch", "RFC 9110 §15.4"];
    RedirectToHttps => "HTTP018", Warning, Environment, "http/exchange", Stable, "Redirect from `http://` to `https://`",
        "Call the API at its `https://` URL: the first request carried the credentials in clear, and a 301 or 302 turns `POST` into `GET` without the body", ["RFC 9110 §15.4.2", "RFC 6797 §7.2"];
    SecureCookieOverHttp => "HTTP019", Error, Cookies, "http/exchange", Stable, "`Secure` cookie set over plain HTTP",
        "Set the cookie from an `https://` response; browsers ignore a `Secure` cookie that an `http://` origin sets, and never send one over `http://`", ["RFC 6265bis §5.7"];
    Intermediaries => "HTTP020", Info, ProxyGateway, "http/exchange", Stable, "Proxies, CDNs or gateways on the path",
        "If the API never sees the credentials, check each of these for rules that remove, rename or rewrite `Authorization` and cookies; the refusal may also come from one of them rather than from the application", ["RFC 9110 §7.6.3", "RFC 7239 §4"];
    AuthorizationNotSeen => "HTTP021", Error, ProxyGateway, "http/exchange", Stable, "`Authorization` was sent, but the server saw none",
        "Make every hop forward the header: nginx `proxy_set_header Authorization $http_authorization;` (and no `proxy_set_header Authorization \"\"`); Apache with PHP or CGI `CGIPassAuth On` (or `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1`); on a CDN or API gateway, add `Authorization` to the headers passed to the origin", ["RFC 9110 §11.6.2"];
    ChallengeSaysNoToken => "HTTP022", Warning, ProxyGateway, "http/exchange", Stable, "Challenge reads as if no token arrived",
        "Check that `Authorization` reaches the application: an RFC 6750 server answers a missing token with a bare `Bearer` challenge and an invalid one with `error=\"invalid_token\"`", ["RFC 6750 §3.1"];
    HeaderNameUnderscore => "HTTP023", Warning, ProxyGateway, "http/exchange", Stable, "Header name contains an underscore",
        "Rename the header with hyphens (`X-Api-Key`, not `X_Api_Key`): nginx drops such headers unless `underscores_in_headers on;`, and CGI-style servers cannot tell `_` from `-`", ["RFC 9110 §5.1"];
    RedirectChangedMethod => "HTTP024", Warning, ProxyGateway, "http/exchange", Stable, "Redirect changed the method",
        "Call the final URL directly, or have the server redirect with 307 or 308, which keep the method and body; after 301, 302 or 303 clients resend a `POST` as `GET`", ["RFC 9110 §15.4.4", "RFC 9110 §15.4.8"];
    PreflightRefused => "HTTP025", Error, CorsPreflight, "cors", Stable, "CORS preflight refused",
        "Have the server answer `OPTIONS` preflights before any authentication, with 204 and the `Access-Control-Allow-*` headers: browsers never send credentials on a preflight, so demanding them there blocks the real request", ["Fetch: CORS-preflight fetch", "Fetch: HTTP requests (CORS protocol)"];
    NoResponse => "HTTP026", Warning, NetworkPath, "pipeline/exchanges", Stable, "Request got no response",
        "Look at the browser console for the reason: a request blocked by CORS, a browser extension, a proxy or a dropped connection never reaches the API's authentication", ["Fetch: main fetch"];
    AccountLocked => "HTTP027", Error, Account, "http/exchange", Stable, "Account locked after failed attempts",
        "Wait for the lockout to end or have an administrator unlock the account, then sign in once with the right credentials; find and stop the client that keeps retrying with old ones", ["RFC 6585 §4", "RFC 9110 §15.5.2"];

    AudienceMismatch => "CLM001", Error, TokenAudience, "jwt/claims", Stable, "Token is for another audience",
        "Request the token for this API (the `audience` or `resource` parameter, or the API's scope), or fix the audience the API expects", ["RFC 7519 §4.1.3", "RFC 8707 §2"];
    AudienceMissing => "CLM002", Error, TokenAudience, "jwt/claims", Stable, "Token has no audience",
        "Request the token for this API so that the issuer sets `aud`", ["RFC 7519 §4.1.3", "RFC 9068 §2.2"];
    IssuerMismatch => "CLM003", Error, TokenAudience, "jwt/claims", Stable, "Token is from another issuer",
        "Get the token from the issuer the API trusts, or set the API's expected issuer to exactly the token's `iss`", ["RFC 7519 §4.1.1", "RFC 8414 §3.3"];
    IssuerMissing => "CLM004", Error, TokenAudience, "jwt/claims", Stable, "Token has no issuer",
        "Use a token from an issuer that sets `iss`", ["RFC 7519 §4.1.1", "RFC 9068 §2.2"];
    ScopeMissing => "CLM005", Error, TokenScope, "jwt/claims", Stable, "Token lacks a required scope",
        "Request the missing scopes when getting the token (and grant them to the client), then sign in again", ["RFC 6749 §3.3", "RFC 6750 §3.1"];
    NoScopes => "CLM006", Error, TokenScope, "jwt/claims", Stable, "Token grants no scopes",
        "Request the scopes the API requires when getting the token", ["RFC 6749 §3.3", "RFC 9068 §2.2.3"];
    IdTokenAsAccessToken => "CLM007", Warning, TokenType, "jwt/claims", Stable, "Looks like an ID token, not an access token",
        "Send the access token to the API; the ID token is for the client to learn who signed in", ["OpenID Connect Core §2", "RFC 9068 §2.1"];
    ClientMismatch => "CLM008", Error, IdentityProvider, "jwt/claims", Stable, "Token was issued to another client",
        "Check the `client_id` the application signs in with, or the client the API expects", ["RFC 8693 §4.3", "OpenID Connect Core §2"];
    ClaimWrongType => "CLM009", Error, TokenAudience, "jwt/claims", Stable, "Claim has the wrong JSON type",
        "Have the issuer write the claim in its registered form (a string, or an array of strings where allowed)", ["RFC 7519 §4.1"];
    RefreshTokenAsAccessToken => "CLM010", Error, TokenType, "jwt/claims", Stable, "Refresh token sent instead of an access token",
        "Exchange the refresh token at the token endpoint (`grant_type=refresh_token`) and send the access token you get back", ["RFC 6749 §1.5", "RFC 6749 §6"];

    SetCookieIgnored => "COOK001", Error, Cookies, "http/replay", Stable, "Browser ignores this `Set-Cookie` line",
        "Fix the line so a browser can store it: no control characters, name and value together at most 4096 bytes, and a name or a value", ["RFC 6265bis §5.6"];
    SetCookieAttributeIgnored => "COOK002", Warning, Cookies, "http/replay", Stable, "`Set-Cookie` attribute is ignored",
        "Write the attribute as RFC 6265bis defines it (`Expires` as an HTTP date, `Max-Age` as whole seconds, `SameSite` as `Strict`, `Lax` or `None`, `Path` starting with `/`); a browser drops what it cannot read and keeps the cookie", ["RFC 6265bis §5.6"];
    SetCookieUnusual => "COOK003", Info, Cookies, "http/replay", Stable, "`Set-Cookie` line is unusual",
        "Remove the attribute or value the browser ignores (unknown names, repeats, values on flags) so the line says what it means", ["RFC 6265bis §5.6"];
    SameSiteNoneWithoutSecure => "COOK004", Error, Cookies, "http/replay", Stable, "`SameSite=None` cookie without `Secure`",
        "Add `Secure` (and serve over HTTPS): browsers reject `SameSite=None` cookies that are not `Secure`", ["RFC 6265bis §5.7", "RFC 6265bis §8.8"];
    CookieDomainMismatch => "COOK005", Error, Cookies, "http/replay", Stable, "Cookie's `Domain` does not cover the host that set it",
        "Set `Domain` to the setting host or a parent of it (or leave it out for a host-only cookie); a browser refuses a cookie for a domain the response did not come from", ["RFC 6265bis §5.7"];
    CookieDomainPublicSuffix => "COOK006", Error, Cookies, "http/replay", Stable, "Cookie's `Domain` is a public suffix",
        "Use the site's own registrable domain (`example.co.uk`, not `co.uk`) or leave `Domain` out; browsers refuse cookies for public suffixes", ["RFC 6265bis §5.7", "RFC 6265bis §8.6"];
    CookiePrefixUnmet => "COOK007", Error, Cookies, "http/replay", Stable, "Cookie name prefix requirements not met",
        "A `__Secure-` cookie needs `Secure` and an HTTPS origin; a `__Host-` cookie also needs `Path=/` and no `Domain`", ["RFC 6265bis §4.1.3"];
    CookiePathExcludes => "COOK008", Error, Cookies, "http/replay", Stable, "Cookie's `Path` does not cover the request",
        "Set `Path=/` (or a prefix of every API path that needs the cookie); a browser only sends a cookie to paths under its `Path`", ["RFC 6265bis §5.1.4", "RFC 6265bis §5.8.3"];
    CookieDeleted => "COOK009", Warning, Cookies, "http/replay", Stable, "`Set-Cookie` deletes or has already expired the cookie",
        "If the cookie should live on, send a future `Expires` or a positive `Max-Age`; a past date or `Max-Age=0` removes it (a logout, or a server clock that runs fast)", ["RFC 6265bis §5.6.1", "RFC 6265bis §5.6.2"];
    CookieNoSameSite => "COOK010", Warning, Cookies, "http/replay", Stable, "Cookie has no `SameSite` attribute",
        "Set `SameSite` explicitly: without it Chromium treats the cookie as `Lax`, so cross-site `fetch` calls neither store nor send it; use `SameSite=None; Secure` for a cookie a page on another site must use", ["RFC 6265bis §5.6.7", "RFC 6265bis §8.8"];
    CookieDomainExcludes => "COOK011", Error, Cookies, "http/replay", Stable, "Cookie's domain does not include the request's host",
        "Set `Domain` to the parent domain both hosts share (`Domain=example.com`) or call the API on the host that set the cookie; without `Domain` a cookie goes back only to the exact host that set it", ["RFC 6265bis §5.1.3", "RFC 6265bis §5.8.3"];
    CookieNeverSet => "COOK012", Info, Cookies, "http/replay", Stable, "Cookie sent that this capture never set",
        "Check where the cookie came from (an earlier visit, another tab, or JavaScript): a stale session cookie may be what the server refuses; sign out and in again to replace it", ["RFC 6265bis §5.8.3"];
    SameSiteBlocksCrossSite => "COOK013", Error, Cookies, "http/replay", Stable, "Cross-site request: `SameSite` keeps the cookie out",
        "Give the cookie `SameSite=None; Secure` if a page on another site must use it, or serve the page and the API from the same site; a cross-site `fetch` neither stores nor sends `Lax`, `Strict` or default cookies", ["RFC 6265bis §5.7", "RFC 6265bis §5.8.3"];
    CookiePartitioned => "COOK014", Info, Cookies, "http/replay", Stable, "Partitioned (CHIPS) cookie",
        "Expect the cookie only under the top-level site that set it: a `Partitioned` cookie is kept per top-level site and is not sent when the API is used from another one", ["draft-ietf-privacycg-chips §3"];
    CookieHoldsJwt => "COOK015", Info, Cookies, "pipeline/inputs", Stable, "Cookie holds a JWT",
        "Check the token like a bearer token: the server reads it from the cookie, so its expiry, audience and signature matter the same way", ["RFC 6265bis §4.2", "RFC 7519 §7.2"];
    CookieHeaderUnreadable => "COOK016", Warning, Cookies, "http/replay", Stable, "`Cookie` header cannot be fully read",
        "Send cookies as `name=value` pairs joined by `; ` in one `Cookie` header; browsers never send attributes, empty pairs or several `Cookie` headers on HTTP/1.1", ["RFC 6265bis §4.2.1", "RFC 6265bis §5.8.3"];
    SecureCookieToHttp => "COOK017", Error, Cookies, "http/replay", Stable, "`Secure` cookie cannot reach an `http://` URL",
        "Call the API over `https://`: a browser never sends a `Secure` cookie over plain HTTP", ["RFC 6265bis §5.8.3"];
    CookieMissing => "COOK018", Error, Cookies, "http/replay", Stable, "Cookie a browser would send is missing",
        "Find what kept it out: JavaScript that deleted it, a browser that blocks third-party cookies, or a client that keeps no cookies (curl needs `-b`/`-c` with a cookie file)", ["RFC 6265bis §5.8.3"];
    RequestWithoutCredentials => "COOK019", Error, Cookies, "http/replay", Stable, "Request made without credentials",
        "Send credentials with the cross-origin call (`fetch(url, { credentials: 'include' })`, `xhr.withCredentials = true`, axios `withCredentials: true`), and have the server answer with `Access-Control-Allow-Credentials: true` and the exact origin", ["Fetch: credentials mode", "Fetch: CORS protocol and credentials"];
    CookieCannotReplaceSecure => "COOK020", Warning, Cookies, "http/replay", Stable, "Plain-HTTP cookie cannot replace a `Secure` one",
        "Set the cookie from an `https://` response: an `http://` origin may not overwrite a `Secure` cookie of the same name", ["RFC 6265bis §5.7"];
    PartitionedWithoutSecure => "COOK021", Error, Cookies, "http/replay", Stable, "`Partitioned` cookie without `Secure`",
        "Add `Secure` (and serve over HTTPS): browsers reject `Partitioned` cookies that are not `Secure`", ["draft-ietf-privacycg-chips §3"];
    ThirdPartyCookie => "COOK022", Warning, Cookies, "http/replay", Stable, "Cookie relies on third-party cookies",
        "Expect it to be missing in Safari, in Firefox's strict mode, in private windows and where users block third-party cookies; prefer an `Authorization` header, or serve the API from the page's own site", ["RFC 6265bis §8.8", "draft-ietf-privacycg-chips §1"];
    CookiesEvicted => "COOK023", Warning, Cookies, "http/replay", Stable, "Too many cookies for one site: the browser evicted some",
        "Browsers keep about 180 cookies per site and drop the oldest beyond that, session cookies included; stop setting a new cookie per request (reuse names, set `Max-Age`), and clear the ones you no longer read", ["RFC 6265bis §5.7", "RFC 6265bis §6.1"];
    CookieIgnoredWithoutCredentials => "COOK024", Error, Cookies, "http/replay", Stable, "Cookie set in answer to a call made without credentials",
        "Make the call with credentials (`fetch(url, { credentials: 'include' })`, `xhr.withCredentials = true`): a browser stores no cookie from the response to a cross-origin call made without them, nor from a preflight", ["Fetch: HTTP-network-or-cache fetch", "Fetch: credentials mode"];
    ThirdPartyCookiesBlocked => "COOK025", Error, Cookies, "http/replay", Stable, "The browser blocks third-party cookies",
        "Keep the session first-party (serve the API from the page's own site, or sign in through a top-level page of the API's site), mark a cookie that may live per top-level site `Partitioned`, or ask for access with the Storage Access API (`document.requestStorageAccess()`) inside the embedded frame", ["RFC 6265bis §8.8", "draft-ietf-privacycg-chips §3", "Storage Access API"];
    CookieInOtherPartition => "COOK026", Error, Cookies, "http/replay", Stable, "Partitioned cookie belongs to another top-level site",
        "A `Partitioned` cookie goes only to requests made under the top-level site it was set under: sign in again under this site, or do not partition a cookie that must be shared across sites", ["draft-ietf-privacycg-chips §3"];
    LaxAllowingUnsafe => "COOK027", Warning, Cookies, "http/replay", Stable, "Cookie rides on a cross-site POST only for two minutes",
        "Give the cookie an explicit `SameSite`: without one, Chromium lets it go with a cross-site top-level `POST` only in the two minutes after it is set, so the same form fails later (`SameSite=None; Secure` to allow it always)", ["RFC 6265bis §5.8.3", "Chromium: SameSite by default (Lax-allowing-unsafe)"];
    NavigationSameSiteByInitiator => "COOK028", Info, Cookies, "http/replay", Stable, "Navigation counted as same-site from its initiator",
        "Nothing to fix: Chromium decides `SameSite` for a navigation from the page that started it and the final URL, not the redirects in between, so `Strict` cookies go although `Sec-Fetch-Site` says `cross-site`", ["RFC 6265bis §5.2.2", "Fetch Metadata: Sec-Fetch-Site"];

    CorsNoAllowOrigin => "CORS001", Error, CorsPreflight, "cors", Stable, "Response has no `Access-Control-Allow-Origin`",
        "Have the server send `Access-Control-Allow-Origin` with the page's exact origin on every response, errors and 401s included (nginx: `add_header ... always`)", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    CorsOriginMismatch => "CORS002", Error, CorsPreflight, "cors", Stable, "`Access-Control-Allow-Origin` does not match the page's origin",
        "Send the page's origin exactly as the browser writes it in `Origin`: scheme, host and port, no path and no trailing slash", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    CorsSeveralOrigins => "CORS003", Error, CorsPreflight, "cors", Stable, "`Access-Control-Allow-Origin` holds several values",
        "Send one origin: check the request's `Origin` against an allow-list and echo it back, and make sure only one layer (application, proxy or CDN) adds the header", ["Fetch: HTTP responses (CORS protocol)"];
    CorsWildcardWithCredentials => "CORS004", Error, CorsPreflight, "cors", Stable, "Wildcard `*` used with credentials",
        "With cookies or `Authorization` sent (`credentials: 'include'`), name the origin, methods and headers explicitly; `*` only works for requests without credentials", ["Fetch: CORS protocol and credentials", "Fetch: CORS check"];
    CorsCredentialsNotAllowed => "CORS005", Error, CorsPreflight, "cors", Stable, "`Access-Control-Allow-Credentials` is not `true`",
        "Send `Access-Control-Allow-Credentials: true` (exactly, lower case) on the preflight and on the response when the page sends credentials", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    CorsMethodNotAllowed => "CORS006", Error, CorsPreflight, "cors", Stable, "Preflight does not allow the request's method",
        "List the method in `Access-Control-Allow-Methods` on the preflight response (methods are case-sensitive; `*` does not apply with credentials)", ["Fetch: CORS-preflight fetch"];
    CorsHeaderNotAllowed => "CORS007", Error, CorsPreflight, "cors", Stable, "Preflight does not allow a request header",
        "List every header the page sets in `Access-Control-Allow-Headers`, `Authorization` by name: `*` never covers `Authorization`, and covers nothing with credentials", ["Fetch: CORS-preflight fetch", "Fetch: HTTP responses (CORS protocol)"];
    CorsChallengeHidden => "CORS008", Warning, CorsPreflight, "cors", Stable, "Page cannot read `WWW-Authenticate`",
        "Add `Access-Control-Expose-Headers: WWW-Authenticate` so the page's code can see why the server refused it", ["Fetch: HTTP responses (CORS protocol)", "RFC 9110 §11.6.1"];
    CorsNoVaryOrigin => "CORS009", Warning, CorsPreflight, "cors", Stable, "Origin-specific CORS response without `Vary: Origin`",
        "Add `Vary: Origin` when `Access-Control-Allow-Origin` echoes the request's origin, so caches and CDNs do not serve one origin's answer to another", ["Fetch: CORS protocol and credentials", "RFC 9110 §12.5.5"];
    CorsPreflightNeeded => "CORS010", Info, CorsPreflight, "cors", Stable, "Request needs a CORS preflight",
        "Expect an `OPTIONS` request before this one and make the server answer it without authentication; or drop the headers and method that make it non-simple", ["Fetch: main fetch", "Fetch: CORS-safelisted request-header"];
    CorsNullOrigin => "CORS011", Warning, CorsPreflight, "cors", Stable, "`Access-Control-Allow-Origin: null` allowed",
        "Do not allow the `null` origin: sandboxed frames and local files all share it, so any page can claim it; list real origins instead", ["Fetch: HTTP responses (CORS protocol)"];
    CorsPreflightUnreadable => "CORS012", Error, CorsPreflight, "cors", Stable, "Preflight response cannot be read",
        "Write `Access-Control-Allow-Methods` and `-Headers` as comma-separated tokens; a browser refuses the whole preflight when either cannot be parsed", ["Fetch: CORS-preflight fetch", "Fetch: HTTP responses (CORS protocol)"];
    MixedContent => "CORS013", Error, CorsPreflight, "http/cors_flow", Stable, "`https://` page calls an `http://` URL",
        "Serve the API over HTTPS and call its `https://` URL: browsers block requests from a secure page to plain HTTP (mixed content), and no CORS header can allow them", ["W3C Mixed Content §4.4", "Fetch: main fetch"];

    PkceMismatch => "OAUTH001", Error, IdentityProvider, "oauth", Stable, "PKCE verifier does not match the challenge",
        "Send the `code_verifier` made for this very sign-in: create a new one per authorize request, store it keyed by its `state` (per tab, not one shared slot) and read it back by the `state` that returns", ["RFC 7636 §4.6", "RFC 7636 §4.1"];
    PkceMatches => "OAUTH002", Info, IdentityProvider, "oauth", Stable, "PKCE verifier matches the challenge",
        "Look past PKCE if the token request still fails: the verifier is the one the challenge was made from", ["RFC 7636 §4.6"];
    PkcePlain => "OAUTH003", Warning, IdentityProvider, "oauth", Stable, "PKCE uses the `plain` method",
        "Send `code_challenge_method=S256` with the base64url SHA-256 of the verifier; without a method the server assumes `plain`, which leaks the verifier to anyone who sees the authorize URL", ["RFC 7636 §4.2", "RFC 7636 §7.2", "RFC 9700 §2.1.1"];
    PkceMethodMissing => "OAUTH004", Error, IdentityProvider, "oauth", Stable, "S256 challenge sent without `code_challenge_method`",
        "Add `code_challenge_method=S256` to the authorize request: without it the server takes the challenge as `plain` and compares it with the verifier itself", ["RFC 7636 §4.3", "RFC 7636 §4.6"];
    PkceMethodUnknown => "OAUTH005", Error, IdentityProvider, "oauth", Stable, "`code_challenge_method` is not `S256` or `plain`",
        "Write the method exactly `S256` (upper case S): the names are case-sensitive and servers refuse others", ["RFC 7636 §4.3", "RFC 7636 §6.2"];
    PkceVerifierLength => "OAUTH006", Error, IdentityProvider, "oauth", Stable, "`code_verifier` is too short or too long",
        "Make the verifier 43 to 128 characters long, for example 32 random bytes encoded with base64url without padding", ["RFC 7636 §4.1"];
    PkceVerifierCharacters => "OAUTH007", Error, IdentityProvider, "oauth", Stable, "`code_verifier` has characters PKCE does not allow",
        "Build the verifier from `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_` and `~` only: base64url without `=` padding, never standard base64", ["RFC 7636 §4.1"];
    PkceChallengeMalformed => "OAUTH008", Error, IdentityProvider, "oauth", Stable, "S256 `code_challenge` is not 43 base64url characters",
        "Encode the 32-byte SHA-256 digest of the verifier with base64url, without `=` padding (not hex, not standard base64)", ["RFC 7636 §4.2", "RFC 7636 Appendix A"];
    NoStateNoPkce => "OAUTH009", Error, IdentityProvider, "oauth", Stable, "Authorize request has neither `state` nor PKCE",
        "Send a fresh random `state` and check it when the callback arrives (or use PKCE): nothing else ties the callback to this browser, so forged sign-ins go through and many client libraries refuse the callback", ["RFC 6749 §10.12", "RFC 9700 §2.1"];
    NoState => "OAUTH010", Warning, IdentityProvider, "oauth", Stable, "Authorize request has no `state`",
        "Send a fresh random `state` anyway: PKCE already stops forged callbacks, but clients use `state` to find the stored verifier and the page to return to, and some providers or libraries insist on it", ["RFC 6749 §10.12", "RFC 9700 §2.1"];
    ResponseTypeUnknown => "OAUTH011", Error, IdentityProvider, "oauth", Stable, "`response_type` is missing or unknown",
        "Send `response_type=code` (with PKCE); the other registered values are `token`, `id_token` and `none`, space-separated and in lower case", ["RFC 6749 §3.1.1", "OpenID Connect Core §3"];
    ImplicitFlow => "OAUTH012", Warning, IdentityProvider, "oauth", Stable, "Implicit flow requested",
        "Switch to the authorization code flow with PKCE (`response_type=code`): RFC 9700 deprecates returning tokens from the authorize endpoint, and many providers now refuse it unless enabled", ["RFC 9700 §2.1.2", "RFC 6749 §4.2"];
    CodeFlowWithoutPkce => "OAUTH013", Warning, IdentityProvider, "oauth", Stable, "Authorization code flow without PKCE",
        "Add PKCE: a `code_challenge` with `code_challenge_method=S256` on the authorize request and the matching `code_verifier` on the token request; public clients must, and RFC 9700 advises it for every client", ["RFC 7636 §4", "RFC 9700 §2.1.1"];
    TokenRequestNoVerifier => "OAUTH014", Error, IdentityProvider, "oauth", Stable, "Token request lacks `code_verifier`",
        "Send the `code_verifier` whose hash went into the authorize request's `code_challenge`; a server that saw a challenge refuses the code without it", ["RFC 7636 §4.5", "RFC 7636 §4.6"];
    RedirectUriMismatch => "OAUTH015", Error, IdentityProvider, "oauth", Stable, "`redirect_uri` differs between the requests",
        "Send byte for byte the same `redirect_uri` in both requests, and register exactly that string: servers compare scheme, host, port, path, trailing slash and query as written", ["RFC 6749 §4.1.3", "RFC 9700 §4.1.3"];
    RedirectUriHttp => "OAUTH016", Warning, IdentityProvider, "oauth", Stable, "`redirect_uri` uses plain HTTP",
        "Use an `https://` redirect URI; providers allow `http://` only for loopback addresses such as `http://127.0.0.1:port/`", ["RFC 6749 §3.1.2.1", "RFC 8252 §7.3"];
    ScopeNotRequested => "OAUTH017", Error, IdentityProvider, "oauth", Stable, "Required scope not requested",
        "Add the scopes the API requires to `scope` (separated by spaces), grant them to the client at the provider, and sign in again", ["RFC 6749 §3.3"];
    IdTokenWithoutOpenid => "OAUTH018", Error, IdentityProvider, "oauth", Stable, "ID token requested without the `openid` scope",
        "Add `openid` to `scope`: without it the request is not OpenID Connect and the provider returns no ID token, or refuses", ["OpenID Connect Core §3.1.2.1"];
    IdTokenWithoutNonce => "OAUTH019", Error, IdentityProvider, "oauth", Stable, "ID token requested without a `nonce`",
        "Send a fresh random `nonce` with every request whose `response_type` includes `id_token`, and check it in the ID token", ["OpenID Connect Core §3.2.2.1", "OpenID Connect Core §3.3.2.11"];
    GrantTypeMissing => "OAUTH020", Error, IdentityProvider, "oauth", Stable, "Token request has no `grant_type`",
        "Add `grant_type` to the form body: `authorization_code` to exchange a code, `refresh_token` to renew", ["RFC 6749 §4.1.3", "RFC 6749 §6"];
    GrantTypeUnknown => "OAUTH021", Error, IdentityProvider, "oauth", Stable, "Unknown `grant_type`",
        "Use a registered grant type spelled exactly, such as `authorization_code`, `refresh_token` or `client_credentials`", ["RFC 6749 §4.1.3", "RFC 6749 §5.2"];
    TokenRequestParameterMissing => "OAUTH022", Error, IdentityProvider, "oauth", Stable, "Token request lacks a required parameter",
        "Add the parameter the grant needs (`code` for `authorization_code`, `refresh_token` for `refresh_token`, and `client_id` when the client does not authenticate)", ["RFC 6749 §4.1.3", "RFC 6749 §6", "RFC 6749 §4.4.2"];
    ClientIdMismatch => "OAUTH023", Error, IdentityProvider, "oauth", Stable, "`client_id` differs between the requests",
        "Redeem the code with the client it was issued to: use the same `client_id` in the authorize and token requests", ["RFC 6749 §4.1.3"];
    ClientSecretInBrowser => "OAUTH024", Warning, IdentityProvider, "oauth", Stable, "Client secret sent from a browser",
        "Treat a browser app as a public client: remove the secret from front-end code, rotate it, and use PKCE instead (or move the token request to a back end)", ["RFC 6749 §2.1", "RFC 6749 §10.1"];
    PercentEncodingWrong => "OAUTH025", Error, IdentityProvider, "oauth", Stable, "Parameter is percent-encoded wrongly",
        "Encode each parameter value exactly once (`encodeURIComponent`, `URLSearchParams`); a `%` must start a two-digit hex escape", ["RFC 3986 §2.1", "RFC 6749 Appendix B"];
    DecodedClaimsOnly => "IN004", Info, TokenSignature, "pipeline/inputs", Stable, "Decoded claims without their token",
        "Paste the token itself to check its signature and encoding; the claims alone were checked", [];
    Redacted => "RED001", Info, Capture, "pipeline/inputs", Stable, "Value redacted by the user",
        "Nothing to fix here: the value was masked before pasting, so it is not checked; paste it only into this page to have it checked", [];

    LoggedExpired => "MSG001", Error, TokenExpiry, "logs", Stable, "Logged message: the token has expired",
        "Get a new access token (refresh it before `exp`), then retry; if the server's time in the message is off, fix that clock", ["RFC 7519 §4.1.4"];
    LoggedNotYetValid => "MSG002", Error, TokenExpiry, "logs", Stable, "Logged message: the token is not valid yet",
        "Synchronise the clocks of the issuer and the API (NTP), or give the API a leeway of a minute or two", ["RFC 7519 §4.1.5"];
    LoggedLifetimeRefused => "MSG003", Error, TokenExpiry, "logs", Stable, "Logged message: the token's lifetime is refused",
        "Have the issuer set `exp` (and `iat` where required) within the lifetime the API accepts", ["RFC 7519 §4.1.4"];
    LoggedGrantInvalid => "MSG004", Error, FreshLogin, "logs", Stable, "Logged message: the refresh token, session or code is no longer valid",
        "Sign in again to get new tokens; a refresh token that expired or was revoked cannot be renewed", ["RFC 6749 §5.2", "RFC 6749 §6"];
    LoggedClockSkew => "MSG005", Error, DeviceClock, "logs", Stable, "Logged message: the clocks disagree",
        "Synchronise the clock of the machine that signs the request or issues the token (NTP), then retry", [];
    LoggedAudience => "MSG006", Error, TokenAudience, "logs", Stable, "Logged message: the token is for another audience",
        "Request the token for this API (its exact identifier as `audience`, `resource` or scope), or add that identifier to the API's valid audiences", ["RFC 7519 §4.1.3", "RFC 8707 §2"];
    LoggedIssuer => "MSG007", Error, TokenAudience, "logs", Stable, "Logged message: the token comes from another issuer",
        "Configure the API with the exact issuer URL the tokens carry (tenant, trailing `/`, version), or get the token from the issuer the API trusts", ["RFC 7519 §4.1.1", "OpenID Connect Discovery §4.3"];
    LoggedSignature => "MSG008", Error, TokenSignature, "logs", Stable, "Logged message: the signature does not verify",
        "Check that the API verifies with the issuer's current key and the token was not altered; paste the token and the key set here to see which", ["RFC 7515 §5.2"];
    LoggedNoKey => "MSG009", Error, TokenSignature, "logs", Stable, "Logged message: no key matches the token",
        "Refresh the API's copy of the issuer's key set (`jwks_uri`); after a key rotation the token's `kid` is only in the new set", ["RFC 7517 §4.5", "RFC 7515 §4.1.4"];
    LoggedAlgorithm => "MSG010", Error, TokenSignature, "logs", Stable, "Logged message: the token's algorithm is not allowed",
        "Sign with an algorithm the API allows, or add the issuer's algorithm to the API's allow-list (never `none`)", ["RFC 8725 §3.1"];
    LoggedUnreadableToken => "MSG011", Error, AuthorizationHeader, "logs", Stable, "Logged message: the token cannot be read",
        "Send the whole token as issued (`header.payload.signature`), without quotes, prefixes or line breaks", ["RFC 7519 §7.2"];
    LoggedNoCredentials => "MSG012", Error, AuthorizationHeader, "logs", Stable, "Logged message: no credentials reached the server",
        "Send the credentials (`Authorization: Bearer <token>` or the API's cookie or key), and check that nothing between client and API removes them", ["RFC 6750 §2.1", "RFC 9110 §11.6.2"];
    LoggedBadHeader => "MSG013", Error, AuthorizationHeader, "logs", Stable, "Logged message: the header value is not valid",
        "Remove the line break or other control character from the value (often a newline read from a file or a secret), then send it again", ["RFC 9110 §5.5"];
    LoggedWrongScheme => "MSG014", Error, WwwAuthenticate, "logs", Stable, "Logged message: the scheme is not the one the server wants",
        "Send the credentials with the scheme the server's `WWW-Authenticate` names", ["RFC 9110 §11.6.1"];
    LoggedScope => "MSG015", Error, TokenScope, "logs", Stable, "Logged message: the token lacks a scope or role",
        "Request the missing scope or have the role assigned, then get a new token", ["RFC 6750 §3.1"];
    LoggedTokenType => "MSG016", Error, TokenType, "logs", Stable, "Logged message: the token is of the wrong type",
        "Send an access token issued for this API, not an ID token or a refresh token", ["RFC 9068 §2.1"];
    LoggedWrongCredentials => "MSG017", Error, Account, "logs", Stable, "Logged message: the user name, password or key is wrong",
        "Check the user name, password, API key or personal access token (and that it was not revoked or rotated), then retry once", [];
    LoggedAccountState => "MSG018", Error, Account, "logs", Stable, "Logged message: the account cannot sign in as it is",
        "Unlock, enable or confirm the account, complete MFA, or change the expired password, then sign in again", [];
    LoggedClient => "MSG019", Error, IdentityProvider, "logs", Stable, "Logged message: the client is unknown or its secret is wrong",
        "Check the `client_id` and its secret or certificate in the identity provider (an expired client secret is common), and the tenant or realm", ["RFC 6749 §5.2"];
    LoggedGrantRefused => "MSG020", Error, IdentityProvider, "logs", Stable, "Logged message: the grant is refused",
        "Use the authorization code once and quickly, with the same `redirect_uri` and PKCE verifier as the authorize request, and grant the consent asked for", ["RFC 6749 §5.2", "RFC 7636 §4.6"];
    LoggedProxy => "MSG021", Error, NetworkPath, "logs", Stable, "Logged message: a proxy wants credentials",
        "Give the tool the proxy's credentials (its proxy setting or `HTTPS_PROXY` with user and password), or bypass the proxy for this host with `NO_PROXY`", ["RFC 9110 §15.5.8"];
    LoggedAuthorizationLost => "MSG022", Error, ProxyGateway, "logs", Stable, "Logged message: `Authorization` did not reach the application",
        "Make the proxy or web server pass `Authorization` on (nginx `proxy_set_header`, Apache `CGIPassAuth On`), or send the token where the gateway expects it", [];
    BrowserCors => "MSG023", Error, CorsPreflight, "logs", Stable, "Browser message: the response was blocked by CORS",
        "Answer the preflight (`OPTIONS`) with 2xx and the `Access-Control-Allow-*` headers for this origin, before any authentication check", ["Fetch §4.8"];
    BrowserCookie => "MSG024", Error, Cookies, "logs", Stable, "Browser message: a cookie was refused or held back",
        "Set the cookie so the browser keeps and sends it: `Secure` over HTTPS, `SameSite=None; Secure` for cross-site use, a `Domain` that covers the API", ["RFC 6265bis §5.6"];
    LoggedRateLimit => "MSG025", Error, RateLimit, "logs", Stable, "Logged message: too many requests",
        "Stop retrying and wait for the limit to reset (`Retry-After`), then retry once", ["RFC 6585 §4"];
    LoggedForbidden => "MSG026", Error, StatusCode, "logs", Stable, "Logged message: authenticated but not allowed",
        "This is authorization, not authentication: grant the user, role or token the permission, or call a resource it may use", ["RFC 9110 §15.5.4"];
    LoggedSenderConstraint => "MSG027", Error, SenderConstraint, "logs", Stable, "Logged message: the proof of the bound key is missing or wrong",
        "Send a fresh DPoP proof signed with the token's key for this exact request, or the client certificate the token is bound to", ["RFC 9449 §4.3", "RFC 8705 §3"];
    LoggedRequestSignature => "MSG028", Error, RequestSignature, "logs", Stable, "Logged message: the request signature does not match",
        "Sign the request as it is finally sent, with the right secret, region and service, and a correct clock", ["AWS Signature Version 4"];
    LoggedNoReason => "MSG029", Info, Capture, "logs", Stable, "Logged message: refused without a reason",
        "Find the reason: the server's own log for this request, or the full response with its `WWW-Authenticate` header", ["RFC 9110 §15.5.2"];

    ProxyDropsAuthorization => "CFG001", Error, ProxyGateway, "logs/config", Stable, "Proxy configuration drops `Authorization`",
        "Pass the header on (`proxy_set_header Authorization $http_authorization;`), or remove the directive that clears it", [];
    ApacheNoCgiPassAuth => "CFG002", Warning, ProxyGateway, "logs/config", Stable, "Apache does not pass `Authorization` to the application",
        "Add `CGIPassAuth On` (Apache 2.4.13 and later) where requests go to PHP-FPM or CGI", [];
    SecretTrailingNewline => "CFG003", Error, AuthorizationHeader, "logs/config", Stable, "Secret value ends in a newline",
        "Encode the value without the newline (`echo -n` or `printf '%s'`), or put the plain text under `stringData:`", [];
    SecretNotBase64 => "CFG004", Error, AuthorizationHeader, "logs/config", Stable, "Secret value under `data:` is not base64",
        "Base64-encode values under `data:`, or move the plain text to `stringData:`", [];
    EchoWithoutN => "CFG005", Warning, AuthorizationHeader, "logs/config", Stable, "`echo` without `-n` piped to `base64`",
        "Use `echo -n` or `printf '%s'`, so the newline is not part of the encoded credentials", [];
    ShellExpandedPassword => "CFG006", Warning, Account, "logs/config", Stable, "Shell expanded `$` in a double-quoted password",
        "Put the password in single quotes (or escape `$`), so the shell passes it unchanged", [];
    DigestCredentialsIncomplete => "DIG001", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest credentials lack a required parameter",
        "Send `username`, `realm`, `nonce`, `uri` and `response`, taken from the challenge and the request; let the HTTP library build the header", ["RFC 7616 §3.4"];
    DigestCredentialsMalformed => "DIG002", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest credentials are malformed",
        "Build the header with the client library's Digest support rather than by hand; each parameter must have the form RFC 7616 gives it", ["RFC 7616 §3.4"];
    DigestUriMismatch => "DIG003", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest `uri` is not the request-target",
        "Put the exact request-target of the request line (path and query) in `uri`, and hash that same value", ["RFC 7616 §3.4.6"];
    DigestUriMissingQuery => "DIG004", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest `uri` leaves out the query string",
        "Include the query string in `uri` and in the hash: servers compare `uri` with the whole request-target", ["RFC 7616 §3.4.6"];
    DigestQopNotOffered => "DIG005", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest `qop` is not one the server offered",
        "Answer with one of the challenge's `qop` values (usually `auth`), written bare as `qop=auth`", ["RFC 7616 §3.3", "RFC 7616 §3.4"];
    DigestQopFieldsMismatch => "DIG006", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest `nc` and `cnonce` do not go with `qop`",
        "Send `nc` (8 hexadecimal digits) and `cnonce` exactly when `qop` is sent; a `-sess` algorithm needs `cnonce` too", ["RFC 7616 §3.4"];
    DigestAlgorithmMismatch => "DIG007", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest algorithm is not the one challenged",
        "Answer with the algorithm of a challenge the server sent (no `algorithm` means MD5), and hash with that algorithm", ["RFC 7616 §3.3", "RFC 7616 §3.4"];
    DigestRealmMismatch => "DIG008", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest realm is not the one challenged",
        "Copy `realm` from the challenge unchanged: the server keeps the password hash for that realm", ["RFC 7616 §3.4"];
    DigestNonceMismatch => "DIG009", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest nonce is not the one challenged",
        "Answer the latest challenge with its own `nonce`; a client that reuses an older nonce must retry when it is refused", ["RFC 7616 §3.4"];
    DigestNonceStale => "DIG010", Warning, Retest, "schemes/digest", Stable, "Server says the Digest nonce is stale",
        "Retry once with the challenge's new `nonce`, without asking for the password again: the server accepted the password", ["RFC 7616 §3.3"];
    DigestOpaqueMismatch => "DIG011", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest `opaque` is not sent back",
        "Send the challenge's `opaque` back unchanged in the credentials", ["RFC 7616 §3.4"];
    DigestAlgorithmUnsupported => "DIG012", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest algorithm is not a registered one",
        "Use `SHA-256`, `SHA-512-256` or `MD5`, or their `-sess` forms, spelled as RFC 7616 registers them", ["RFC 7616 §3.3", "RFC 7616 §6.1"];
    DigestChallengeIncomplete => "DIG013", Error, WwwAuthenticate, "schemes/digest", Stable, "Digest challenge lacks `realm` or `nonce`",
        "Have the server send `realm` and `nonce` in its Digest challenge: a client cannot answer without them", ["RFC 7616 §3.3"];
    DigestResponseVerified => "DIG014", Info, Account, "schemes/digest", Stable, "Digest response matches the password",
        "Look at the other Digest findings (`uri`, nonce, realm) for the refusal: the user name and password are right", ["RFC 7616 §3.4.1"];
    DigestResponseInputDiffers => "DIG015", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest response was computed from another input",
        "Make the client hash exactly the values it sends, in the header and on the request line", ["RFC 7616 §3.4.1"];
    DigestPasswordWrong => "DIG016", Error, Account, "schemes/digest", Stable, "Digest response does not match the password",
        "Check the user name and the password, letter case included; if both are right, the server holds another password for this realm", ["RFC 7616 §3.4.1"];
    DigestResponseNotChecked => "DIG017", Info, Account, "schemes/digest", Stable, "Digest response not recomputed",
        "Supply the password (`--password-file` in the CLI) to recompute the response and find the input that differs", ["RFC 7616 §3.4.1"];
    DigestHandshakeFirstLeg => "DIG018", Info, Capture, "schemes/digest", Stable, "First leg of a Digest handshake",
        "Read the next exchange: a Digest client sends its credentials only after the challenge", ["RFC 7616 §3.3"];
    DigestUserhashNotOffered => "DIG019", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest `userhash` was not offered",
        "Send `userhash=true` only when the challenge says `userhash=true`; otherwise send the user name in clear", ["RFC 7616 §3.4.4"];
    DigestUsernameEncoding => "DIG020", Warning, AuthorizationHeader, "schemes/digest", Stable, "Digest user name is not plain ASCII",
        "Send a non-ASCII user name as `username*` (RFC 8187 encoding), and hash it in the charset the challenge names", ["RFC 7616 §3.4", "RFC 7616 §4"];
    DigestNonceCountReused => "DIG021", Error, AuthorizationHeader, "schemes/digest", Stable, "Digest credentials are replayed",
        "Compute fresh credentials for every request: raise `nc` by one for each use of a nonce, or answer a new challenge, instead of resending a stored header", ["RFC 7616 §3.4", "RFC 7616 §5.5"];

    SigV4AuthorizationMalformed => "AWS001", Error, RequestSignature, "schemes/sigv4", Stable, "AWS Signature V4 credentials are incomplete",
        "Send `Credential=`, `SignedHeaders=` and `Signature=` (64 hexadecimal digits), separated by commas, as the SDK writes them", ["AWS Signature Version 4"];
    SigV4CredentialScopeMalformed => "AWS002", Error, RequestSignature, "schemes/sigv4", Stable, "Credential scope is not `KEY/DATE/REGION/SERVICE/aws4_request`",
        "Build the scope from the access key id, the signing date (`YYYYMMDD`), the region, the service and `aws4_request`", ["AWS Signature Version 4"];
    SigV4SignedHeadersNotCanonical => "AWS003", Error, RequestSignature, "schemes/sigv4", Stable, "Signed-header list is not lowercase and sorted",
        "List the signed header names in lowercase, sorted and separated by `;`, exactly as in the canonical request", ["AWS Signature Version 4"];
    SigV4HostNotSigned => "AWS004", Error, RequestSignature, "schemes/sigv4", Stable, "`host` is not a signed header",
        "Sign the `host` header (and `:authority` over HTTP/2): AWS refuses a signature that does not cover it", ["AWS Signature Version 4"];
    SigV4SignedHeaderAbsent => "AWS005", Error, RequestSignature, "schemes/sigv4", Stable, "A signed header is not in the request",
        "Send every header named in `SignedHeaders` with the value that was signed, or sign again without it", ["AWS Signature Version 4"];
    SigV4DateMissing => "AWS006", Error, RequestSignature, "schemes/sigv4", Stable, "Signed request has no signing time",
        "Send `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`) with the time the request was signed, and sign it", ["AWS Signature Version 4"];
    SigV4ScopeDateMismatch => "AWS007", Error, RequestSignature, "schemes/sigv4", Stable, "Credential scope date is not the signing date",
        "Take the scope date from the same instant as `X-Amz-Date` (its first 8 digits, in UTC)", ["AWS Signature Version 4"];
    SigV4RegionMismatch => "AWS008", Error, RequestSignature, "schemes/sigv4", Stable, "Credential scope names another region than the endpoint",
        "Sign for the region of the endpoint the request goes to (configure the client's region, or call that region's endpoint)", ["AWS Signature Version 4"];
    SigV4ServiceMismatch => "AWS009", Warning, RequestSignature, "schemes/sigv4", Stable, "Credential scope names another service than the endpoint",
        "Sign with the service's signing name (`execute-api` for API Gateway, `s3` for S3, `ses` for `email`)", ["AWS Signature Version 4"];
    SigV4TimeSkewed => "AWS010", Error, DeviceClock, "schemes/sigv4", Stable, "Signing time is more than 15 minutes from now",
        "Synchronise the client's clock (NTP), then sign the request again: AWS refuses signatures more than 15 minutes off", ["AWS Signature Version 4"];
    SigV4PresignedExpired => "AWS011", Error, RequestSignature, "schemes/sigv4", Stable, "Presigned URL has expired",
        "Generate a new presigned URL, with an `X-Amz-Expires` long enough for the time it is used in", ["AWS Signature Version 4"];
    SigV4PresignedExpiresInvalid => "AWS012", Error, RequestSignature, "schemes/sigv4", Stable, "`X-Amz-Expires` is out of range",
        "Presign with an expiry between 1 and 604800 seconds (7 days)", ["AWS Signature Version 4"];
    SigV4PayloadHashMismatch => "AWS013", Error, RequestSignature, "schemes/sigv4", Stable, "`X-Amz-Content-Sha256` does not match the body",
        "Compute the payload hash over the body exactly as sent, after every change to it, then sign again", ["AWS Signature Version 4"];
    SigV4ContentSha256Missing => "AWS014", Error, RequestSignature, "schemes/sigv4", Stable, "S3 request has no `X-Amz-Content-Sha256`",
        "Send `X-Amz-Content-Sha256` with the body's SHA-256 (or `UNSIGNED-PAYLOAD`) and sign it: S3 requires it", ["AWS Signature Version 4"];
    SigV4SessionTokenMissing => "AWS015", Error, RequestSignature, "schemes/sigv4", Stable, "Temporary access key sent without its session token",
        "Send the session token that came with the `ASIA` key as `X-Amz-Security-Token` (and sign it), or use a long-term key", ["AWS Signature Version 4"];
    SigV4SignatureMismatch => "AWS016", Error, RequestSignature, "schemes/sigv4", Stable, "Signature differs from the one recomputed with the secret",
        "Sign the request as it is finally sent, with the secret of that access key; the message names what made the difference when it could be found", ["AWS Signature Version 4"];
    SigV4SignatureVerified => "AWS017", Info, RequestSignature, "schemes/sigv4", Stable, "Signature recomputed with the secret and matches",
        "The signature is right for this request: if AWS still refuses it, check the access key, the session token and the clock", ["AWS Signature Version 4"];
    SigV4CanonicalRequestDiffers => "AWS018", Error, RequestSignature, "schemes/sigv4", Stable, "Server's canonical request differs from the captured request",
        "Find what changes the request between signing and the server (a proxy, a rewrite, an encoder) and sign the request as it is received", ["AWS Signature Version 4"];
    SigV4CanonicalRequestAgrees => "AWS019", Error, RequestSignature, "schemes/sigv4", Stable, "Server computed the same canonical request, yet the signature differs",
        "The request arrived as captured: check the secret key paired with this access key, and compare with the client's own canonical request", ["AWS Signature Version 4"];
    SigV4SignatureNotAsCaptured => "AWS020", Warning, Capture, "schemes/sigv4", Stable, "Server received another signature than the captured one",
        "Capture the request where it leaves the client, after signing: the one shown is not the one the server got", ["AWS Signature Version 4"];
    SigV4AmzHeaderNotSigned => "AWS021", Error, RequestSignature, "schemes/sigv4", Stable, "`x-amz-*` header sent but not signed",
        "Add the header to the signed headers (sign after setting it), or stop sending it", ["AWS Signature Version 4"];

    NtlmTokenUnreadable => "NTLM001", Error, AuthorizationHeader, "schemes/ntlm", Stable, "NTLM message cannot be read",
        "Send the NTLM message exactly as the client library produced it: base64 of a message that starts with `NTLMSSP`", ["MS-NLMP §2.2"];
    NtlmMessageDecoded => "NTLM002", Info, AuthorizationHeader, "schemes/ntlm", Stable, "NTLM message decoded",
        "Compare the user, domain and flags with what the server expects", ["MS-NLMP §2.2"];
    NtlmV1Response => "NTLM003", Warning, AuthorizationHeader, "schemes/ntlm", Stable, "Client answered with NTLMv1",
        "Make the client send NTLMv2 (Windows: `LmCompatibilityLevel` 3 or more; libraries: their NTLMv2 option); servers that require v2 refuse v1", ["MS-NLMP §3.3.1", "MS-NLMP §3.3.2"];
    NtlmLegsOnDifferentConnections => "NTLM004", Error, NetworkPath, "schemes/windows", Stable, "NTLM legs went over different connections",
        "Keep the handshake on one connection: give the load balancer session affinity, or make the proxy keep the client's connection to one server", ["MS-NTHT", "RFC 4559 §4"];
    NtlmConnectionClosedMidHandshake => "NTLM005", Error, ProxyGateway, "schemes/windows", Stable, "Connection closed in the middle of the handshake",
        "Keep the connection open between the legs: remove `Connection: close` and keep-alive limits on the server or proxy for these requests", ["MS-NTHT"];
    WindowsAuthOverHttp2 => "NTLM006", Error, Environment, "schemes/windows", Stable, "Connection-based authentication over HTTP/2",
        "Use HTTP/1.1 for NTLM and Negotiate (`curl --http1.1`; on IIS let the server ask for HTTP/1.1), or switch the API to a per-request scheme", ["MS-NTHT", "RFC 4559 §4"];
    NtlmPasswordDoesNotMatch => "NTLM007", Error, Account, "schemes/windows", Stable, "NTLM response was not made with this password",
        "Check the password the client is configured with (an old saved one, a typing mistake), or reset it and try again", ["MS-NLMP §3.3.2"];
    NtlmPasswordMatches => "NTLM008", Info, Account, "schemes/windows", Stable, "NTLM response matches the password",
        "The password is right for the user and domain sent: look at the account (locked, expired, not allowed on this server) or the user and domain names", ["MS-NLMP §3.3.2"];
    NtlmDomainDiffers => "NTLM009", Warning, Account, "schemes/windows", Stable, "Client's domain is not the server's",
        "Sign in as `DOMAIN\\user` with the server's domain (or `user@domain.example`), unless the server trusts that domain", ["MS-NLMP §2.2.1.3"];
    NtlmAnonymous => "NTLM010", Error, AuthorizationHeader, "schemes/ntlm", Stable, "NTLM authentication is anonymous",
        "Give the client a user name and password (curl `--ntlm -u 'DOMAIN\\user'`), or run it as a signed-in domain user", ["MS-NLMP §3.2.5.1.2"];
    NtlmCredentialsRefused => "NTLM011", Error, Account, "schemes/windows", Stable, "Server refused the completed handshake",
        "Check the user name, domain and password, and whether the account is locked or expired; the handshake itself went through", ["MS-NLMP §3.2.5.1.2"];
    WindowsAuthClientSentBasic => "NTLM012", Error, AuthorizationHeader, "schemes/windows", Stable, "Server wants Windows authentication; the client sent Basic",
        "Use a client that speaks NTLM or Negotiate (curl `--ntlm` or `--negotiate -u :`, `requests-ntlm`, `requests-negotiate-sspi`), or enable Basic on the server", ["RFC 4559 §4", "RFC 9110 §11.6.1"];
    NtlmHandshakeStopped => "NTLM013", Error, AuthorizationHeader, "schemes/windows", Stable, "Client did not answer the NTLM challenge",
        "Give the client credentials for the server's domain; a client without them stops after the server's challenge, or starts over", ["MS-NLMP §1.3.1.1"];

    NegotiateTokenUnreadable => "KRB001", Error, AuthorizationHeader, "schemes/negotiate", Stable, "Negotiate token cannot be read",
        "Send the token exactly as GSS-API or SSPI produced it: base64 of a SPNEGO, Kerberos or NTLM message", ["RFC 4559 §4", "RFC 4178 §4.2"];
    NegotiateTokenDecoded => "KRB002", Info, AuthorizationHeader, "schemes/negotiate", Stable, "Negotiate token decoded",
        "Compare the mechanisms, realm and service principal with what the server is set up for", ["RFC 4178 §4.2", "RFC 4120 §5.5.1"];
    NegotiateFellBackToNtlm => "KRB003", Warning, Environment, "schemes/windows", Stable, "Negotiate fell back to NTLM",
        "Give the client a Kerberos ticket: use the server's full DNS name (not an IP address or alias), register the `HTTP/host` SPN for the service account, and run on a domain-joined machine with a ticket (`klist`)", ["RFC 4559 §4", "MS-SPNG"];
    KerberosSpnNotTheHost => "KRB004", Error, Environment, "schemes/windows", Stable, "Kerberos ticket is for another host",
        "Call the host the ticket is for, or register `HTTP/<host>` for the service and get a new ticket (`klist purge`); an alias resolved by DNS picks the alias's SPN", ["RFC 4120 §5.3", "RFC 4559 §4"];
    NegotiateRejected => "KRB005", Error, Account, "schemes/negotiate", Stable, "Server rejected the Negotiate token",
        "Check the server's log for the reason: a ticket for the wrong service, a key version the service account no longer has, or a clock skew over 5 minutes", ["RFC 4178 §4.2.2"];

    ProxyCredentialsRefused => "PRX001", Error, NetworkPath, "schemes", Stable, "Proxy refused the credentials sent",
        "Check the proxy user name and password (often `DOMAIN\\user`), and whether the account is allowed through the proxy", ["RFC 9110 §11.7.2", "RFC 9110 §15.5.8"];
    ProxySchemeNotOffered => "PRX002", Error, NetworkPath, "schemes/proxy", Stable, "`Proxy-Authorization` uses a scheme the proxy does not offer",
        "Answer with a scheme from `Proxy-Authenticate` (curl `--proxy-ntlm`, `--proxy-negotiate`, `--proxy-basic`)", ["RFC 9110 §11.7.1", "RFC 9110 §11.7.2"];
    ProxyAnsweredWithAuthorization => "PRX003", Error, NetworkPath, "schemes/proxy", Stable, "Proxy credentials sent in `Authorization`",
        "Send the proxy's credentials in `Proxy-Authorization` (curl `--proxy-user`, or `user:password@` in the proxy URL); `Authorization` is for the API", ["RFC 9110 §11.7.2"];
    ProxyTunnelRefused => "PRX004", Error, NetworkPath, "schemes/proxy", Stable, "Proxy refused to open the tunnel",
        "Authenticate the `CONNECT` to the proxy (curl `--proxy-user` with `--proxy-ntlm` or `--proxy-basic`), or bypass the proxy for this host (`NO_PROXY`); the API never saw the request", ["RFC 9110 §9.3.6", "RFC 9110 §15.5.8"];
    ProxyWantsWindowsAuth => "PRX005", Warning, NetworkPath, "schemes/proxy", Stable, "Proxy accepts only NTLM or Negotiate",
        "Use a client that speaks the proxy's scheme (curl `--proxy-ntlm`), or a local relay such as Cntlm or Px for tools that offer only Basic (npm, pip, git)", ["RFC 4559 §4", "RFC 9110 §11.7.1"];
    ProxyToolNeedsCredentials => "PRX006", Error, NetworkPath, "schemes/proxy", Stable, "Tool stopped at a proxy that wants credentials",
        "Give the tool the proxy with its credentials in its own setting (shown in the message), or bypass the proxy for this host with `NO_PROXY`", ["RFC 9110 §15.5.8"];

    CertThumbprintMismatch => "MTLS001", Error, SenderConstraint, "mtls", Stable, "Client certificate is not the one the token is bound to",
        "Present the certificate the token was issued for, or request a new token over a TLS connection that uses this certificate", ["RFC 8705 §3", "RFC 8705 §3.1"];
    CertBoundWithoutCertificate => "MTLS002", Warning, SenderConstraint, "mtls", Stable, "Token is bound to a certificate, but no certificate reached the API",
        "Send the request over mutual TLS with the bound certificate; where a proxy ends TLS, have it forward the verified client certificate (Envoy `forward_client_cert_details`, nginx `proxy_set_header X-SSL-Cert $ssl_client_escaped_cert`) and strip that header from incoming requests", ["RFC 8705 §3", "RFC 9440 §2"];
    ForwardedCertUnreadable => "MTLS003", Warning, SenderConstraint, "pipeline/documents", Stable, "Forwarded client certificate cannot be read",
        "Forward the certificate in one of the usual forms: URL-encoded PEM, base64 DER, an RFC 9440 byte sequence (`:…:`), or Envoy's `Hash=…;Cert=\"…\"`", ["RFC 9440 §2", "RFC 7468"];
    CertThumbprintMalformed => "MTLS004", Error, SenderConstraint, "mtls", Stable, "Token's `x5t#S256` is not a SHA-256 thumbprint",
        "Have the issuer write `cnf.x5t#S256` as the unpadded base64url SHA-256 of the certificate's DER (43 characters)", ["RFC 8705 §3.1", "RFC 7515 §4.1.8"];
    CertBoundWithSha1 => "MTLS005", Warning, SenderConstraint, "mtls", Stable, "Token binds a certificate by its SHA-1 thumbprint",
        "Have the issuer bind tokens with `cnf.x5t#S256`; RFC 8705 defines only the SHA-256 thumbprint and APIs ignore `x5t`", ["RFC 8705 §3.1"];

    ResourceNotCalledUrl => "META001", Error, TokenAudience, "metadata", Stable, "Protected-resource metadata names another resource",
        "Serve metadata whose `resource` is the URL clients call (same scheme, host, port and path prefix), byte for byte; clients must refuse any other", ["RFC 9728 §3.3", "RFC 9728 §7.3"];
    ResourceIndicatorMismatch => "META002", Error, TokenAudience, "metadata", Stable, "Client asked for another `resource` than the metadata names",
        "Send the metadata's `resource` value unchanged as the `resource` parameter of the authorize and token requests", ["RFC 8707 §2", "RFC 9728 §7.4"];
    ResourceIndicatorMissing => "META003", Warning, TokenAudience, "metadata", Stable, "Client sent no `resource` parameter",
        "Send `resource` with the protected resource's identifier in both the authorize and the token request, so the token is issued for that resource", ["RFC 8707 §2", "MCP Authorization §Resource Parameter Implementation"];
    AudienceIsClientId => "META004", Error, TokenAudience, "metadata", Stable, "Token is addressed to the client, not to the resource",
        "Ask for the token with `resource` (or the server's own audience parameter) set to the resource's identifier; without it this server addresses tokens to the client itself", ["RFC 8707 §2", "RFC 9068 §3"];
    IssuerNotAuthorizationServer => "META005", Error, TokenAudience, "metadata", Stable, "Token comes from a server the resource does not list",
        "Get the token from one of the metadata's `authorization_servers`, or add the token's issuer there (exactly as its `iss` reads)", ["RFC 9728 §2", "RFC 8414 §2"];
    ScopeNotSupported => "META006", Warning, TokenScope, "metadata", Stable, "Scope is not one the metadata lists",
        "Ask for scopes from the metadata's `scopes_supported`, spelled exactly, or add the scope to the metadata if the server accepts it", ["RFC 9728 §2", "RFC 8414 §2"];
    BearerMethodNotSupported => "META007", Error, AuthorizationHeader, "metadata", Stable, "Token sent in a way the resource does not accept",
        "Send the token the way `bearer_methods_supported` lists (`header` is `Authorization: Bearer …`)", ["RFC 9728 §2", "RFC 6750 §2"];
    MetadataMalformed => "META008", Warning, IdentityProvider, "metadata", Stable, "Metadata document has a malformed member",
        "Fix the member in the published document: identifiers are absolute `https` URLs without query or fragment, lists are arrays of strings", ["RFC 9728 §2", "RFC 8414 §2"];
    IssuerNotMetadataIssuer => "META009", Error, TokenAudience, "metadata", Stable, "Token's `iss` is not the metadata's `issuer`",
        "Validate against the issuer of the metadata the token's keys come from; for Microsoft Entra, match the token version (v1 `sts.windows.net`, v2 `login.microsoftonline.com/…/v2.0`) and the tenant", ["RFC 8414 §3.3", "OpenID Connect Discovery §4.3"];
    AlgNotAdvertised => "META010", Warning, TokenSignature, "metadata", Stable, "Token's `alg` is not one the server metadata lists",
        "Check the issuer's signing configuration, or have the API allow the algorithm the issuer really uses", ["OpenID Connect Discovery §3", "RFC 8414 §2"];
    ClientAuthNotSupported => "META011", Error, IdentityProvider, "metadata", Stable, "Client authenticates in a way the token endpoint does not list",
        "Authenticate the client with a method from `token_endpoint_auth_methods_supported` (`client_secret_basic` is HTTP Basic, `client_secret_post` is the form body)", ["RFC 8414 §2", "OpenID Connect Core §9"];
    PkceMethodNotSupported => "META012", Error, IdentityProvider, "metadata", Stable, "PKCE method is not one the server lists",
        "Use a `code_challenge_method` from `code_challenge_methods_supported`, normally `S256`", ["RFC 8414 §2", "RFC 7636 §4.3"];
    PkceNotAdvertised => "META013", Warning, IdentityProvider, "metadata", Stable, "Server metadata does not say it supports PKCE",
        "Publish `code_challenge_methods_supported` (with `S256`) in the server metadata; clients that require PKCE refuse a server without it", ["RFC 8414 §2", "MCP Authorization §Authorization Code Protection"];
    EndpointNotFromMetadata => "META014", Warning, IdentityProvider, "metadata", Stable, "Request goes to another endpoint than the metadata names",
        "Send authorize and token requests to the endpoints of the issuer's metadata; tokens from another server carry another `iss`", ["RFC 8414 §2", "RFC 8414 §3.3"];
    KidNotInPastedKeySet => "META015", Error, TokenSignature, "metadata", Stable, "Token's `kid` is not in the pasted key set",
        "Fetch the issuer's current key set from its `jwks_uri` again (keys rotate), or check that the token comes from that issuer", ["RFC 7517 §5", "OpenID Connect Discovery §3"];
    DiscoveryChallenge => "META016", Info, WwwAuthenticate, "pipeline/documents", Stable, "First 401 is the resource's discovery answer",
        "Nothing to fix in this step: the client reads the metadata, gets a token and retries; look at the retry", ["RFC 9728 §5.1", "MCP Authorization §Authorization Server Discovery"];

    JoseJsonMalformed => "JOSE001", Error, TokenSignature, "jose/json", Stable, "JWS or JWE in JSON form is malformed",
        "Send the object exactly as the library produced it: each member must be present once, as a base64url string where one is required", ["RFC 7515 §7.2", "RFC 7516 §7.2"];
    JoseHeaderInBothParts => "JOSE002", Error, TokenSignature, "jose/json", Stable, "Header parameter is both protected and unprotected",
        "Put each header parameter in one place only; verifiers must refuse a JWS or JWE whose headers share a name", ["RFC 7515 §7.2.1", "RFC 7516 §7.2.1"];
    JoseAlgUnprotected => "JOSE003", Warning, TokenSignature, "jose/json", Stable, "`alg` is outside the protected header",
        "Move `alg` into the protected header, so the signature covers it; many verifiers and RFC 8555 require that", ["RFC 7515 §7.2.1", "RFC 8725 §3.1"];
    DetachedContentMismatch => "JOSE004", Error, TokenSignature, "jose/json", Stable, "Detached content does not match the signature",
        "Sign and verify the exact same bytes: with `b64: false` the raw body, otherwise its base64url; a re-serialised JSON body or changed line endings break it", ["RFC 7515 Appendix F", "RFC 7797 §3"];
    DetachedContentVerified => "JOSE005", Info, TokenSignature, "jose/json", Stable, "Detached content checked against the pasted content",
        "Nothing to fix here: the signature covers the content pasted beside it", ["RFC 7515 Appendix F", "RFC 7797 §3"];
    DetachedContentAbsent => "JOSE006", Warning, TokenSignature, "jose/json", Stable, "JWS content is detached and was not pasted",
        "Paste the signed content beside the JWS (the request body it travelled with) to have the signature checked", ["RFC 7515 Appendix F", "RFC 7797 §5"];
    AcmeUrlMismatch => "JOSE007", Error, RequestSignature, "jose/json", Stable, "ACME `url` differs from the request URL",
        "Set the protected `url` to the exact URL the request is posted to (scheme, host, path), as the directory gave it", ["RFC 8555 §6.4"];
    AcmeHeaderIncomplete => "JOSE008", Error, RequestSignature, "jose/json", Stable, "ACME request header breaks RFC 8555",
        "Send a flattened JWS whose protected header has `alg`, `nonce`, `url` and exactly one of `jwk` (new account) or `kid` (account URL), and no unprotected header", ["RFC 8555 §6.2", "RFC 8555 §6.5"];
    AcmeMacAlgorithm => "JOSE009", Error, RequestSignature, "jose/json", Stable, "ACME request signed with a MAC or not at all",
        "Sign ACME requests with the account's private key (`ES256`, `RS256` or `EdDSA`); servers refuse `none` and HMAC", ["RFC 8555 §6.2"];

    TokenErrorInvalidGrant => "TOK001", Error, IdentityProvider, "token_response", Stable, "Token endpoint refused the grant (`invalid_grant`)",
        "Start a new sign-in (a code is single-use and short-lived), send the same `redirect_uri` and the PKCE verifier of that sign-in, or sign in again when the refresh token was revoked", ["RFC 6749 §5.2", "RFC 7636 §4.6"];
    TokenErrorInvalidClient => "TOK002", Error, IdentityProvider, "token_response", Stable, "Token endpoint did not accept the client (`invalid_client`)",
        "Check the client id and secret, and send them the way the client is registered (`client_secret_basic` header or `client_secret_post` body, not both)", ["RFC 6749 §5.2", "RFC 6749 §2.3.1"];
    TokenErrorInvalidScope => "TOK003", Error, TokenScope, "token_response", Stable, "Token endpoint refused the scope (`invalid_scope`)",
        "Request only scopes the client is allowed (see its registration, or the API's permissions granted to it), spelled exactly and separated by spaces", ["RFC 6749 §5.2", "RFC 6749 §3.3"];
    TokenErrorUnauthorizedClient => "TOK004", Error, IdentityProvider, "token_response", Stable, "Grant type not enabled for this client (`unauthorized_client`)",
        "Enable the grant type in the client's registration at the identity provider, or use a grant it allows", ["RFC 6749 §5.2"];
    TokenErrorUnsupportedGrantType => "TOK005", Error, IdentityProvider, "token_response", Stable, "Token endpoint does not support the grant type (`unsupported_grant_type`)",
        "Send a `grant_type` the server supports, spelled exactly, in a form body (`application/x-www-form-urlencoded`), not JSON", ["RFC 6749 §5.2", "RFC 6749 §4.1.3"];
    TokenErrorInvalidRequest => "TOK006", Error, IdentityProvider, "token_response", Stable, "Token request is incomplete or malformed (`invalid_request`)",
        "Send every required parameter once, as a form body with `Content-Type: application/x-www-form-urlencoded`; the description usually names the one at fault", ["RFC 6749 §5.2"];
    TokenErrorOther => "TOK007", Warning, IdentityProvider, "token_response", Stable, "Token endpoint returned an error",
        "Read the `error` and `error_description`: the flow's own specification says what to do (wait and poll, retry with a nonce, ask the user again)", ["RFC 6749 §5.2", "RFC 8628 §3.5", "RFC 9449 §8"];
    TokenResponseExpired => "TOK008", Error, TokenExpiry, "token_response", Stable, "Access token outlived its `expires_in`",
        "Refresh the token before `expires_in` runs out (count from when the response arrived), then retry", ["RFC 6749 §5.1"];
    TokenResponseScopeNarrowed => "TOK009", Warning, TokenScope, "token_response", Stable, "Token response granted fewer scopes than requested",
        "Have the scopes granted to the client (or consented by the user) at the identity provider; the API will refuse calls that need the missing ones", ["RFC 6749 §3.3", "RFC 6749 §5.1"];
    TokenTypeMismatch => "TOK010", Error, SenderConstraint, "token_response", Stable, "Token sent with another scheme than its `token_type`",
        "Send the token with the scheme the token response named: `DPoP` tokens as `Authorization: DPoP` with a proof, `Bearer` tokens as `Authorization: Bearer`", ["RFC 6749 §7.1", "RFC 9449 §7.1"];
    IntrospectionInactive => "TOK011", Error, IdentityProvider, "token_response", Stable, "Introspection says the token is not active",
        "Get a new token; if a fresh one is also inactive, check that the API introspects with its own credentials at the issuer's endpoint and that the token is meant for it", ["RFC 7662 §2.2", "RFC 7662 §4"];
    IntrospectionActive => "TOK012", Info, IdentityProvider, "token_response", Stable, "Introspection says the token is active",
        "Compare what the response says (scope, audience, expiry) with what the API requires", ["RFC 7662 §2.2"];
    IntrospectionActiveNotBoolean => "TOK013", Error, IdentityProvider, "token_response", Stable, "Introspection `active` is not a JSON boolean",
        "Have the introspection endpoint write `\"active\": true` or `false`; a string or number is not understood by conforming resource servers", ["RFC 7662 §2.2"];

    ProofNotJwt => "DPOP001", Error, SenderConstraint, "dpop", Stable, "`DPoP` header is not a signed JWT",
        "Send a DPoP proof in the `DPoP` header: a JWT signed with the client's key, made fresh for each request", ["RFC 9449 §4.1"];
    ProofTypeWrong => "DPOP002", Error, SenderConstraint, "dpop", Stable, "DPoP proof's `typ` is not `dpop+jwt`",
        "Set the proof's header `typ` to exactly `dpop+jwt`", ["RFC 9449 §4.2"];
    ProofAlgRefused => "DPOP003", Error, SenderConstraint, "dpop", Stable, "DPoP proof is unsigned or signed with a shared secret",
        "Sign the proof with the client's private key using an asymmetric algorithm such as `ES256`, never `none` or `HS256`", ["RFC 9449 §4.2", "RFC 9449 §4.3"];
    ProofAlgNotListed => "DPOP004", Error, SenderConstraint, "pipeline/proofs", Stable, "DPoP proof uses an algorithm the server does not accept",
        "Sign the proof with one of the algorithms the server lists in `algs` (or `dpop_signing_alg_values_supported`)", ["RFC 9449 §7.1", "RFC 9449 §5.1"];
    ProofKeyMissing => "DPOP005", Error, SenderConstraint, "dpop", Stable, "DPoP proof carries no usable public key",
        "Put the client's public key, as a JWK, in the proof's header `jwk`", ["RFC 9449 §4.2"];
    ProofKeyPrivate => "DPOP006", Error, SenderConstraint, "dpop", Stable, "DPoP proof's `jwk` holds the private key",
        "Send only the public members of the key in `jwk`, then replace the key pair: its private half has been disclosed", ["RFC 9449 §4.2", "RFC 9449 §4.3"];
    ProofSignatureInvalid => "DPOP007", Error, SenderConstraint, "dpop", Stable, "DPoP proof's signature does not verify with its own key",
        "Sign the proof with the private key whose public half is in `jwk`, over the proof exactly as sent", ["RFC 9449 §4.3"];
    ProofClaimMissing => "DPOP008", Error, SenderConstraint, "dpop", Stable, "DPoP proof lacks a required claim",
        "Give every proof a unique `jti`, the request's `htm` and `htu`, and the current time as `iat`", ["RFC 9449 §4.2"];
    ProofMethodMismatch => "DPOP009", Error, SenderConstraint, "dpop", Stable, "DPoP proof was made for another method",
        "Make the proof for this request: `htm` is its method, in capitals as sent", ["RFC 9449 §4.2", "RFC 9449 §4.3"];
    ProofUriMismatch => "DPOP010", Error, SenderConstraint, "dpop", Stable, "DPoP proof was made for another URI",
        "Set `htu` to the URI the request is sent to, without query and fragment, as the server sees it (mind proxies that change the scheme, host or path)", ["RFC 9449 §4.2", "RFC 9449 §4.3"];
    ProofUriMatchesLoosely => "DPOP011", Warning, SenderConstraint, "dpop", Stable, "DPoP proof's `htu` matches only after normalisation",
        "Write `htu` in its normal form: lower-case scheme and host, no default port, no query or fragment", ["RFC 9449 §4.3", "RFC 3986 §6"];
    ProofTooOld => "DPOP012", Error, SenderConstraint, "dpop", Stable, "DPoP proof is too old",
        "Make a new proof for every request (and every retry), right before sending it; check the client's clock", ["RFC 9449 §4.3", "RFC 9449 §11.1"];
    ProofIssuedInFuture => "DPOP013", Error, SenderConstraint, "dpop", Stable, "DPoP proof's `iat` is in the future",
        "Correct the client's clock (enable NTP), or use the server's time from `Date` to set `iat`", ["RFC 9449 §4.3", "RFC 9449 §11.1"];
    ProofAthMissing => "DPOP014", Error, SenderConstraint, "dpop", Stable, "DPoP proof has no `ath` though an access token was sent",
        "Add `ath`, the base64url SHA-256 hash of the access token, to proofs sent with a token", ["RFC 9449 §4.2", "RFC 9449 §7.1"];
    ProofAthMismatch => "DPOP015", Error, SenderConstraint, "dpop", Stable, "DPoP proof's `ath` is the hash of another token",
        "Make the proof after choosing the token, with `ath` the hash of the exact token sent (after a refresh, a new proof)", ["RFC 9449 §4.3", "RFC 9449 §7.1"];
    TokenKeyMismatch => "DPOP016", Error, SenderConstraint, "dpop", Stable, "Access token is bound to another key than the proof's",
        "Sign the proof with the key the token was issued for, or get a new token with a proof from the current key", ["RFC 9449 §6.1", "RFC 7638"];
    BoundTokenSentAsBearer => "DPOP017", Error, SenderConstraint, "pipeline/proofs", Stable, "DPoP-bound token sent with the `Bearer` scheme",
        "Send a DPoP-bound token as `Authorization: DPoP <token>` with a `DPoP` proof, not as `Bearer`", ["RFC 9449 §7.1"];
    DpopSchemeWithoutProof => "DPOP018", Error, SenderConstraint, "pipeline/proofs", Stable, "`DPoP` scheme used without a `DPoP` proof",
        "Send a `DPoP` header with a fresh proof for this request alongside `Authorization: DPoP`", ["RFC 9449 §7.1"];
    NonceNotSent => "DPOP019", Error, SenderConstraint, "pipeline/proofs", Stable, "Retry's DPoP proof lacks the nonce the server gave",
        "Put the value of the server's last `DPoP-Nonce` header in the new proof's `nonce`, then retry", ["RFC 9449 §8", "RFC 9449 §9"];
    NonceNotCurrent => "DPOP020", Error, SenderConstraint, "pipeline/proofs", Stable, "DPoP proof carries another nonce than the server's last",
        "Use the nonce from the latest `DPoP-Nonce` response header; servers replace nonces", ["RFC 9449 §8", "RFC 9449 §8.2"];
    ProofRepeated => "DPOP021", Error, SenderConstraint, "pipeline/proofs", Stable, "Request carries more than one `DPoP` header",
        "Send exactly one `DPoP` header per request", ["RFC 9449 §4.3"];
    ProofReused => "DPOP022", Error, SenderConstraint, "pipeline/proofs", Stable, "Same DPoP proof sent on more than one request",
        "Make a new proof, with a new `jti`, for every request and every retry; servers refuse a `jti` they have seen", ["RFC 9449 §11.1"];
    CredentialsNotConfigured => "MSG030", Error, Environment, "logs", Stable, "Logged message: the client holds no credentials for this server",
        "Find the server the client really calls (the registry or host named in its configuration files, lockfile or environment), then add credentials for that server or point the client back at the one you signed in to", ["RFC 9110 §11.6.1"];

    // New-user review of the CLI (fixes18).
    NtlmResponseNotChecked => "NTLM014", Info, Account, "schemes/windows", Stable, "NTLM response not checked against the password",
        "Nothing to fix when the server accepted the request; otherwise paste the whole authenticate message (not masked or cut short) with the client's password", ["MS-NLMP §3.3.2"];
    // -- CORS: tainted origins, failed HAR entries, browser differences --
    CorsTaintedOrigin => "CORS014", Error, CorsPreflight, "cors", Stable, "Redirect made the request's origin `null`",
        "Call the final URL directly so no redirect leaves the origin, or have the redirected-to server allow `null` only if it accepts any page; the page's own origin no longer matches after such a redirect", ["Fetch: HTTP-redirect fetch", "Fetch: CORS check"];
    CorsStarAuthorizationChromiumOnly => "CORS015", Warning, CorsPreflight, "cors", Stable, "`Access-Control-Allow-Headers: *` covers `Authorization` only in Chromium",
        "List `Authorization` by name in `Access-Control-Allow-Headers`: Firefox and Safari block the request when only `*` is sent, and Chromium warns that it will too", ["Fetch: CORS-preflight fetch", "Fetch: CORS non-wildcard request-header name"];
    CorsBlockedNoResponse => "CORS016", Error, CorsPreflight, "http/cors_flow", Stable, "Browser blocked a cross-origin call: CORS error in the capture",
        "Make the server answer the preflight (`OPTIONS`) with a 2xx and the CORS headers before any authentication, and send `Access-Control-Allow-Origin` with the page's origin on every response", ["Fetch: main fetch", "Fetch: CORS-preflight fetch", "Fetch: CORS check"];
    BlockedByExtension => "HTTP028", Error, FreshLogin, "http/cors_flow", Stable, "A browser extension blocked the request",
        "Turn off ad and privacy blockers for the page (or allow the API's URL in them), or retry in a private window without extensions; this is not a CORS or server problem", ["Chromium net error list: ERR_BLOCKED_BY_CLIENT"];
    // -- end CORS --
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    pub fn step(self) -> StepId {
        self.info().step
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();
    /// The code of a name such as `JWT001`, exactly as written in the table.
    fn from_str(s: &str) -> Result<Self, ()> {
        Code::ALL.iter().copied().find(|code| code.as_str() == s).ok_or(())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(|()| serde::de::Error::custom(format!("unknown finding code {name:?}")))
    }
}

/// One thing the engine found, with the fix.
///
/// The title, help and references are the code table's. The binary transfer form leaves them
/// out and deserialising takes them from the table again (where they are written, as in JSON,
/// they must be the table's); the severity and step are read as written (a finding's severity
/// can be raised above the table's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub title: &'static str,
    /// What was found, naming the offending value.
    pub message: String,
    /// The fix, in the imperative.
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub help: &'static str,
    pub step: StepId,
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub references: &'static [&'static str],
    /// Which entry of `Report::inputs` the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<usize>,
    /// Which entry of `Report::tokens` the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<usize>,
    /// Which entry of `Report::exchanges` the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<usize>,
}

/// A [`Finding`] as written, before its texts are matched to the code table.
#[derive(Deserialize)]
struct FindingFields {
    code: Code,
    severity: Severity,
    title: Option<String>,
    message: String,
    help: Option<String>,
    step: StepId,
    references: Option<Vec<String>>,
    input: Option<usize>,
    token: Option<usize>,
    exchange: Option<usize>,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FindingFields::deserialize(deserializer).and_then(|f| Finding::try_from(f).map_err(serde::de::Error::custom))
    }
}

impl TryFrom<FindingFields> for Finding {
    type Error = String;

    fn try_from(f: FindingFields) -> Result<Self, String> {
        let info = f.code.info();
        let title = f.title.is_none_or(|title| title == info.title);
        let help = f.help.is_none_or(|help| help == info.help);
        let references = f.references.is_none_or(|r| r.iter().map(String::as_str).eq(info.references.iter().copied()));
        if !(title && help && references) {
            return Err(format!("finding {}: its title, help or references are not those of the code table", info.code));
        }
        Ok(Finding {
            code: f.code,
            severity: f.severity,
            title: info.title,
            message: f.message,
            help: info.help,
            step: f.step,
            references: info.references,
            input: f.input,
            token: f.token,
            exchange: f.exchange,
        })
    }
}

impl Finding {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let info = code.info();
        Self {
            code,
            severity: info.severity,
            title: info.title,
            message: message.into(),
            help: info.help,
            step: info.step,
            references: info.references,
            input: None,
            token: None,
            exchange: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let info = code.info();
            assert!(seen.insert(info.code), "duplicate code {}", info.code);
            let (prefix, number) = info.code.split_at(info.code.len() - 3);
            assert!(prefix.chars().all(|c| c.is_ascii_uppercase()), "{}", info.code);
            assert!(number.chars().all(|c| c.is_ascii_digit()), "{}", info.code);
        }
    }

    #[test]
    fn titles_and_help_follow_the_style() {
        for code in Code::ALL {
            let info = code.info();
            for text in [info.title, info.help] {
                assert!(!text.ends_with('.'), "{}: trailing period in {text:?}", info.code);
                // Sentence case; a sentence may open with a number or a literal in backticks.
                assert!(text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '`'), "{}: {text:?}", info.code);
            }
        }
    }

    #[test]
    fn finding_takes_its_metadata_from_the_table() {
        let f = Finding::new(Code::TokenExpired, "`exp` was 5 s ago");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.step, StepId::TokenExpiry);
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["code"], "JWT001");
        assert_eq!(json["severity"], "error");
        assert_eq!(json["step"], "token-expiry");
    }

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
    }
}
