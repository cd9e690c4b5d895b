//! The one finding model and the table of finding codes.
//!
//! Every finding the engine reports has a code from [`Code`]. The table below is the only place a
//! code's severity, title, fix, references and checklist step are written. Codes are never
//! renumbered or reused: a retired code stays in the table, and a new one takes the next number.

use crate::checklist::StepId;
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

/// What the table knows about a code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub step: StepId,
    pub title: &'static str,
    pub help: &'static str,
    pub references: &'static [&'static str],
}

macro_rules! codes {
    ($( $variant:ident => $code:literal, $sev:ident, $step:ident, $title:literal, $help:literal, [$($r:literal),*]; )*) => {
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
    In001 => "IN001", Error, Capture, "Input is too large to analyse",
        "Paste only the failing request and response, or export a smaller HAR with just the failing page load", [];
    In002 => "IN002", Info, Capture, "Nothing recognised in the input",
        "Paste a JWT, an `Authorization` header, or the whole failing request and response", [];
    In003 => "IN003", Warning, Capture, "Too many tokens in the input",
        "Paste only the exchange that failed; the first tokens were analysed", [];

    Jwt001 => "JWT001", Error, TokenExpiry, "Token has expired",
        "Request a new token (or use the refresh token), then retry; if it keeps happening, refresh tokens before `exp`", ["RFC 7519 §4.1.4"];
    Jwt002 => "JWT002", Warning, TokenExpiry, "Token expired, but only within the clock-skew allowance",
        "Request a new token now: a server with a smaller leeway than yours already refuses this one", ["RFC 7519 §4.1.4"];
    Jwt003 => "JWT003", Error, TokenExpiry, "Token is not valid yet",
        "Check the clock of the machine that issued the token and of this one; wait until `nbf` or have the issuer stop back-dating", ["RFC 7519 §4.1.5"];
    Jwt004 => "JWT004", Warning, TokenExpiry, "Token becomes valid only within the clock-skew allowance",
        "Synchronise the clocks of issuer and API (NTP), or give the API a leeway of at least a minute", ["RFC 7519 §4.1.5"];
    Jwt005 => "JWT005", Warning, DeviceClock, "Token was issued in the future",
        "Synchronise this machine's clock and the issuer's (NTP); some libraries refuse a token whose `iat` is ahead of their clock", ["RFC 7519 §4.1.6"];
    Jwt006 => "JWT006", Warning, TokenExpiry, "Token has no expiry",
        "Have the issuer set `exp`; many APIs refuse a token without it", ["RFC 7519 §4.1.4", "RFC 9068 §2.2"];
    Jwt007 => "JWT007", Error, TokenExpiry, "Time claim is not a number",
        "Have the issuer write time claims as JSON numbers of seconds since 1970 (NumericDate), not strings", ["RFC 7519 §2", "RFC 7519 §4.1.4"];
    Jwt008 => "JWT008", Error, TokenExpiry, "Time claim looks like milliseconds",
        "Have the issuer divide by 1000: JWT times are seconds since 1970, while `Date.now()` gives milliseconds", ["RFC 7519 §2"];
    Jwt009 => "JWT009", Error, TokenExpiry, "Token is never valid",
        "Have the issuer set `exp` after `nbf` and `iat`", ["RFC 7519 §4.1.4", "RFC 7519 §4.1.5"];
    Jwt010 => "JWT010", Error, AuthorizationHeader, "Token does not have three parts",
        "Send the whole token: a signed JWT is `header.payload.signature`; check for truncation when it was copied or stored", ["RFC 7515 §7.1", "RFC 7519 §7.2"];
    Jwt011 => "JWT011", Error, AuthorizationHeader, "Token part is not base64url",
        "Send the token exactly as issued; a part was damaged when it was copied, stored or encoded", ["RFC 7515 §2", "RFC 7515 Appendix C"];
    Jwt012 => "JWT012", Warning, AuthorizationHeader, "Token part carries `=` padding",
        "Strip the `=` padding: JWS uses unpadded base64url and strict servers refuse padded parts", ["RFC 7515 §2"];
    Jwt013 => "JWT013", Warning, AuthorizationHeader, "Token part uses the standard base64 alphabet",
        "Encode with base64url (`-` and `_`), not base64 (`+` and `/`); strict servers refuse the token", ["RFC 7515 §2", "RFC 4648 §5"];
    Jwt014 => "JWT014", Warning, AuthorizationHeader, "Token part is not in canonical base64url",
        "Send the token exactly as issued; its last character was altered, and strict decoders refuse it", ["RFC 4648 §3.5"];
    Jwt015 => "JWT015", Error, AuthorizationHeader, "Token part is not valid JSON",
        "Check that the issuer produced a JWT: the header and payload must be JSON objects", ["RFC 7515 §4", "RFC 7519 §7.2"];
    Jwt016 => "JWT016", Error, AuthorizationHeader, "Token part is JSON but not an object",
        "Check that the issuer produced a JWT: the header and the claims must be JSON objects", ["RFC 7519 §7.2"];
    Jwt017 => "JWT017", Error, AuthorizationHeader, "Token part is not UTF-8",
        "Check that the issuer produced a JWT: its JSON must be UTF-8", ["RFC 7515 §5.2", "RFC 8259 §8.1"];
    Jwt018 => "JWT018", Error, TokenSignature, "Token header has no `alg`",
        "Have the issuer set `alg`; no server accepts a JWS without it", ["RFC 7515 §4.1.1"];
    Jwt019 => "JWT019", Error, TokenSignature, "Token is unsigned (`alg` is `none`)",
        "Use a signed token: APIs must refuse `alg: none`, since anyone can write such a token", ["RFC 7518 §3.6", "RFC 8725 §3.1"];
    Jwt020 => "JWT020", Error, TokenSignature, "Token has an empty signature",
        "Send the whole token including its signature; an empty signature never verifies", ["RFC 7515 §5.2"];
    Jwt021 => "JWT021", Error, AuthorizationHeader, "Token contains white space",
        "Remove the line breaks and spaces that crept in when the token was copied or wrapped", ["RFC 7515 §7.1"];
    Jwt022 => "JWT022", Info, TokenType, "Token is encrypted (JWE)",
        "Supply the recipient's key to read the claims, or ask the issuer whether the API expects an encrypted token", ["RFC 7516 §7.1"];
    Jwt023 => "JWT023", Warning, AuthorizationHeader, "Token part repeats a member name",
        "Have the issuer write each header parameter and claim once; libraries differ on which copy they use or refuse the token", ["RFC 7515 §4", "RFC 7519 §4"];
    Jwt024 => "JWT024", Warning, ProxyGateway, "Token is very large",
        "Shrink the token (fewer claims or groups): proxies and servers commonly cap a header line at 8 KB and refuse larger requests", ["RFC 9110 §5.4"];
    Jwt025 => "JWT025", Info, TokenExpiry, "Token expires soon",
        "Refresh the token before it expires, ideally a minute or two ahead", ["RFC 7519 §4.1.4"];
    Jwt026 => "JWT026", Error, TokenExpiry, "Time claim is out of range",
        "Have the issuer write time claims as seconds since 1970 within the years 1970–9999", ["RFC 7519 §2"];
    Jwt027 => "JWT027", Info, AuthorizationHeader, "Bearer token is not a JWT",
        "An opaque token cannot be read locally: ask the issuer's introspection endpoint whether it is active", ["RFC 6750 §2.1", "RFC 7662 §2"];
    Jwt028 => "JWT028", Error, TokenSignature, "Token `alg` is not a string",
        "Have the issuer set `alg` to an algorithm name such as `RS256`", ["RFC 7515 §4.1.1"];
    Jwt029 => "JWT029", Info, TokenExpiry, "Token lives unusually long",
        "Prefer short-lived access tokens (minutes to hours) renewed with a refresh token; a leaked long-lived token stays usable", ["RFC 9700 §2.2.2", "RFC 8725 §3.10"];
    Jwt030 => "JWT030", Error, FreshLogin, "Sign-in is older than `max_age`",
        "Sign in again (the client can send `prompt=login` or `max_age`), then request a new token", ["OpenID Connect Core §3.1.2.1", "OpenID Connect Core §2"];

    Key001 => "KEY001", Error, TokenSignature, "Key input not recognised",
        "Paste a JWK, a JWK Set (`{\"keys\": [...]}`), or a PEM public key or certificate", ["RFC 7517 §4", "RFC 7468"];
    Key002 => "KEY002", Error, TokenSignature, "JWK is malformed",
        "Fix the key's members: each needs `kty` and the members of its type, in strict base64url", ["RFC 7517 §4", "RFC 7518 §6"];
    Key003 => "KEY003", Warning, TokenSignature, "A private key was supplied",
        "Verify with the public key only, and rotate this private key if it was ever copied outside a secure store", ["RFC 7517 §9.2"];
    Key004 => "KEY004", Warning, TokenSignature, "RSA key is shorter than 2048 bits",
        "Issue tokens with an RSA key of at least 2048 bits; many libraries refuse smaller keys", ["RFC 7518 §3.3"];
    Key005 => "KEY005", Error, TokenSignature, "RSA public exponent is unusable",
        "Use a key with a standard public exponent such as 65537", ["RFC 8017 §3.1"];
    Key006 => "KEY006", Error, TokenSignature, "EC key is not a point on its curve",
        "Re-export the public key from the issuer; the coordinates were damaged or belong to another curve", ["RFC 7518 §6.2.1"];
    Key007 => "KEY007", Warning, TokenSignature, "HMAC secret is shorter than the hash",
        "Use a random secret at least as long as the hash output (32 bytes for `HS256`); some libraries refuse shorter ones", ["RFC 7518 §3.2"];
    Key008 => "KEY008", Warning, TokenSignature, "Certificate is outside its validity period",
        "Have the issuer publish a current certificate; APIs that check validity refuse tokens signed under this one", ["RFC 5280 §4.1.2.5"];
    Key009 => "KEY009", Error, TokenSignature, "Key type is not one JWS signs with",
        "Supply an RSA, EC (P-256, P-384, P-521, secp256k1), Ed25519 or `oct` key", ["RFC 7518 §6.1", "RFC 8037 §2"];
    Key010 => "KEY010", Warning, TokenSignature, "Several keys share a `kid`",
        "Give each key in the set its own `kid`, so that verifiers pick the right one", ["RFC 7517 §4.5"];
    Key011 => "KEY011", Warning, TokenSignature, "Too many keys",
        "Supply only the issuer's current key set", [];
    Key012 => "KEY012", Error, TokenSignature, "RSA key has the ROCA weakness",
        "Replace the key at once: it was made by a vulnerable Infineon library and its private key can be computed (CVE-2017-15361)", ["CVE-2017-15361"];

    Sig001 => "SIG001", Error, TokenSignature, "Signature does not verify",
        "Check that the key is the issuer's current signing key, and that the token was not altered after signing", ["RFC 7515 §5.2"];
    Sig002 => "SIG002", Error, TokenSignature, "Token's `kid` is not in the key set",
        "Refresh the API's copy of the issuer's JWK Set (the key was probably rotated), or check that the token comes from the expected issuer", ["RFC 7515 §4.1.4", "RFC 7517 §5"];
    Sig003 => "SIG003", Error, TokenSignature, "HMAC algorithm with a public key (algorithm confusion)",
        "Have the API accept only the algorithms it expects (an allow-list such as `RS256`), never the token's own choice", ["RFC 8725 §2.1", "RFC 8725 §3.1"];
    Sig004 => "SIG004", Error, TokenSignature, "No supplied key fits the token's algorithm",
        "Supply the issuer's key of the right type, or check that the token's `alg` is what the issuer is configured to use", ["RFC 7518 §3.1"];
    Sig005 => "SIG005", Error, TokenSignature, "Key metadata forbids this use",
        "Use a key whose `alg`, `use` and `key_ops` allow verifying this token's algorithm, or fix the key set", ["RFC 7517 §4.2", "RFC 7517 §4.3", "RFC 7517 §4.4"];
    Sig006 => "SIG006", Error, TokenSignature, "Algorithm is not supported",
        "Have the issuer use a registered algorithm, spelled exactly (`RS256`, not `rs256`)", ["RFC 7518 §3.1"];
    Sig007 => "SIG007", Warning, TokenSignature, "Header names its own key",
        "Ignore `jwk`, `jku` and `x5u` in tokens; verify only with keys configured on the API", ["RFC 8725 §3.10", "RFC 7515 §4.1.2"];
    Sig008 => "SIG008", Error, TokenSignature, "Critical header extension not understood",
        "Remove the extension from `crit`, or use a verifier that implements it", ["RFC 7515 §4.1.11"];
    Sig009 => "SIG009", Warning, TokenSignature, "Payload is not base64url-encoded",
        "Issue ordinary JWTs; unencoded payloads (`b64: false`) are for detached signatures", ["RFC 7797 §3"];
    Sig010 => "SIG010", Info, TokenSignature, "Key chosen without a `kid`",
        "Have the issuer put `kid` in the header, so the API need not try every key", ["RFC 7515 §4.1.4"];
    Sig011 => "SIG011", Error, TokenSignature, "ECDSA signature is DER-encoded",
        "Encode ECDSA signatures as fixed-size `r‖s` (64 bytes for `ES256`), as JWS requires", ["RFC 7518 §3.4"];
    Sig012 => "SIG012", Info, TokenSignature, "Header carries a certificate chain (`x5c`)",
        "Verify with keys the API trusts; accept an `x5c` chain only if it leads to a trusted certificate", ["RFC 7515 §4.1.6"];
    Sig013 => "SIG013", Warning, TokenSignature, "Certificate in `x5c` cannot be read",
        "Have the issuer put DER certificates in standard base64 into `x5c`, leaf first", ["RFC 7515 §4.1.6"];
    Sig015 => "SIG015", Error, TokenSignature, "Several keys share the token's `kid`",
        "Give each key in the set its own `kid`; until then verifiers may pick the wrong key or refuse", ["RFC 7517 §4.5"];
    Sig016 => "SIG016", Error, TokenSignature, "Signature made with a key strict verifiers refuse",
        "Sign with a strong key of its own set: RSA of 2048 bits or more, HMAC secrets at least as long as the hash, and no secret keys in a public key set", ["RFC 7518 §3.2", "RFC 7518 §3.3", "RFC 8725 §3.5"];
    Sig014 => "SIG014", Warning, TokenSignature, "Verified with the token's own certificate",
        "Verify with the issuer's published keys instead; a token's own `x5c` is trustworthy only after its chain is validated", ["RFC 7515 §4.1.6", "RFC 8725 §3.10"];
    Sig017 => "SIG017", Error, TokenSignature, "Token's `kid` is not a string",
        "Have the issuer write `kid` as a JSON string; strict verifiers refuse any other type, and none can match it to a key", ["RFC 7515 §4.1.4"];

    Jwe001 => "JWE001", Error, TokenSignature, "Encrypted token cannot be decrypted",
        "Supply the recipient's key (the private key of the API, or the shared `oct` key), or check that the token was encrypted for this API", ["RFC 7516 §5.2"];
    Jwe002 => "JWE002", Warning, TokenSignature, "Content key encrypted with `RSA1_5`",
        "Have the issuer use `RSA-OAEP-256`; RSAES-PKCS1-v1_5 invites padding-oracle attacks and many libraries refuse it", ["RFC 8725 §3.2", "RFC 7518 §4.2"];
    Jwe003 => "JWE003", Error, TokenSignature, "Encryption algorithm not supported",
        "Have the issuer use a registered algorithm such as `RSA-OAEP-256` with `A256GCM`", ["RFC 7518 §4.1", "RFC 7518 §5.1"];

    Auth001 => "AUTH001", Error, AuthorizationHeader, "`Authorization` header has no credentials",
        "Send the scheme and the credentials, such as `Authorization: Bearer <access token>`", ["RFC 9110 §11.6.2"];
    Auth002 => "AUTH002", Warning, AuthorizationHeader, "Scheme spelled in unusual letter case",
        "Write the scheme as servers expect it (`Bearer`, `Basic`); the standard says case does not matter, but some servers compare it exactly", ["RFC 9110 §11.1", "RFC 6750 §2.1"];
    Auth003 => "AUTH003", Warning, AuthorizationHeader, "Stray white space in `Authorization`",
        "Send exactly `<scheme> <credentials>` with one space and no tabs or line breaks", ["RFC 9110 §11.6.2", "RFC 6750 §2.1"];
    Auth004 => "AUTH004", Error, AuthorizationHeader, "Token wrapped in quotes",
        "Send the token without quotes; they usually come from a JSON string or an environment file", ["RFC 6750 §2.1"];
    Auth005 => "AUTH005", Error, AuthorizationHeader, "Scheme written twice",
        "Store the bare token and add the scheme once when building the header", ["RFC 6750 §2.1"];
    Auth006 => "AUTH006", Error, AuthorizationHeader, "Placeholder instead of a token",
        "Make sure the token is loaded before the request is sent (sign-in finished, storage read, variable set)", ["RFC 6750 §2.1"];
    Auth007 => "AUTH007", Error, AuthorizationHeader, "Bearer token has characters it cannot have",
        "Send the token exactly as the issuer returned it; bearer tokens are token68: letters, digits and `-._~+/`", ["RFC 6750 §2.1"];
    Auth008 => "AUTH008", Info, AuthorizationHeader, "Uncommon authentication scheme",
        "Check the scheme the API asks for in its `WWW-Authenticate` challenge", ["RFC 9110 §11.1"];
    Basic001 => "BASIC001", Error, AuthorizationHeader, "Basic credentials are not valid base64",
        "Encode `user:password` with standard, padded base64 (`printf '%s' 'user:password' | base64`)", ["RFC 7617 §2"];
    Basic002 => "BASIC002", Error, AuthorizationHeader, "Basic credentials lack a user name or colon",
        "Encode the user name, a colon and the password together: `user:password`", ["RFC 7617 §2"];
    Basic003 => "BASIC003", Error, AuthorizationHeader, "Basic credentials end with a line break",
        "Encode without the trailing newline: `printf '%s' 'user:password' | base64` or `echo -n`", ["RFC 7617 §2"];
    Basic004 => "BASIC004", Warning, AuthorizationHeader, "Spaces around the Basic user name or password",
        "Remove the spaces, unless they really are part of the user name or password", ["RFC 7617 §2"];
    Basic005 => "BASIC005", Warning, AuthorizationHeader, "Basic credentials are not UTF-8",
        "Encode the user name and password as UTF-8 before base64", ["RFC 7617 §2.1"];
    Basic006 => "BASIC006", Info, AuthorizationHeader, "The Basic password contains a colon",
        "A colon is allowed in the password (the user name ends at the first one), but server code that splits at every colon keeps only part of the password; split once, at the first colon. A user name cannot contain a colon at all", ["RFC 7617 §2"];

    Www001 => "WWW001", Warning, WwwAuthenticate, "`WWW-Authenticate` cannot be fully read",
        "Fix the server's challenge to follow RFC 9110: `<scheme> param=\"value\", …`, challenges separated by commas", ["RFC 9110 §11.6.1"];
    Www002 => "WWW002", Error, WwwAuthenticate, "Server refused the token (`invalid_token`)",
        "Get a fresh token from the right issuer for this API; decode it here to see which claim is wrong", ["RFC 6750 §3.1"];
    Www003 => "WWW003", Error, TokenScope, "Server says the token lacks scope (`insufficient_scope`)",
        "Request the scope the challenge names when getting the token; the server should answer 403 for this, not 401", ["RFC 6750 §3.1"];
    Www004 => "WWW004", Error, AuthorizationHeader, "Server says the request is malformed (`invalid_request`)",
        "Send the token once, in the `Authorization` header only, with the `Bearer` scheme", ["RFC 6750 §3.1"];
    Www005 => "WWW005", Error, WwwAuthenticate, "Server refused the DPoP proof",
        "Send a fresh DPoP proof for this method and URL, signed with an algorithm the server lists, and include the server's nonce when it sends one", ["RFC 9449 §7.1", "RFC 9449 §8"];
    Www006 => "WWW006", Error, AuthorizationHeader, "Request used a scheme the server does not ask for",
        "Authenticate with a scheme from the server's `WWW-Authenticate` challenge", ["RFC 9110 §11.6.1"];
    Www007 => "WWW007", Error, NetworkPath, "A proxy wants credentials",
        "Authenticate to the proxy (`Proxy-Authorization`, or the system's proxy settings), or bypass it for this API", ["RFC 9110 §11.7.1", "RFC 9110 §15.5.8"];
    Www008 => "WWW008", Info, WwwAuthenticate, "Challenge details",
        "Use what the challenge says when retrying", ["RFC 9110 §11.6.1"];

    Http001 => "HTTP001", Warning, WwwAuthenticate, "401 without a `WWW-Authenticate` challenge",
        "Have the API send `WWW-Authenticate` with every 401 (for tokens: `Bearer realm=…, error=…`), so clients know what to send", ["RFC 9110 §15.5.2"];
    Http002 => "HTTP002", Error, StatusCode, "403 Forbidden, not 401",
        "Check the caller's permissions (roles, scopes, resource ownership); signing in again does not help with a 403", ["RFC 9110 §15.5.4"];
    Http003 => "HTTP003", Error, NetworkPath, "407: a proxy wants credentials",
        "Authenticate to the proxy, or configure the client to bypass it for this API", ["RFC 9110 §15.5.8"];
    Http004 => "HTTP004", Error, RateLimit, "429: the caller is throttled",
        "Wait as long as `Retry-After` says, then retry with backoff; reduce the request rate", ["RFC 6585 §4"];
    Http005 => "HTTP005", Error, StatusCode, "Redirect to a sign-in page",
        "For API calls, have the server answer 401 instead of redirecting; in the client, treat this redirect as a lost session and sign in again", ["RFC 9110 §15.4"];
    Http006 => "HTTP006", Error, AuthorizationHeader, "Request carried no credentials",
        "Send the `Authorization` header (or the session cookie); check that the client attaches it to this URL and that nothing on the way strips it", ["RFC 9110 §11.6.2"];
    Http007 => "HTTP007", Error, DeviceClock, "Server's clock explains the refusal",
        "Synchronise the clocks of the issuer, the API and this machine (NTP); give the API a leeway of a minute or more", ["RFC 7519 §4.1.4", "RFC 9110 §6.6.1"];
    Http008 => "HTTP008", Info, Retest, "Request ids for the ticket",
        "Include these ids when reporting the failure; they let the operators find the exact request in their logs", [];
    Http009 => "HTTP009", Warning, RateLimit, "Rate-limit headers on the refusal",
        "Check whether the caller was throttled or locked out after repeated failures; wait and retry with backoff", ["RFC 6585 §4", "RFC 9110 §10.2.3"];
    Http010 => "HTTP010", Info, DeviceClock, "Response date differs from this clock",
        "If the response was captured just now, synchronise this machine's clock; an old capture explains the gap", ["RFC 9110 §6.6.1"];
    Http011 => "HTTP011", Warning, Capture, "`Date` header cannot be read",
        "Have the server send `Date` in the IMF-fixdate form, such as `Mon, 24 Nov 2025 16:00:00 GMT`", ["RFC 9110 §5.6.7"];
    Http012 => "HTTP012", Warning, AuthorizationHeader, "Credentials in the URL",
        "Send the token in the `Authorization` header instead; servers may ignore it in the query, and proxies and logs record URLs", ["RFC 6750 §2.3", "RFC 9700 §2.4"];
    Http013 => "HTTP013", Warning, Environment, "Credentials over plain HTTP",
        "Call the API over `https://`; a plain-HTTP request may be redirected without its `Authorization` header, and anyone on the path can read it", ["RFC 6750 §5.3"];
    Http014 => "HTTP014", Info, Capture, "Response without its request",
        "Capture the request too (DevTools: Copy as cURL, or `curl -v`), so its headers can be checked", [];
    Http015 => "HTTP015", Warning, Capture, "HTTP line cannot be read",
        "Paste the message exactly as captured; this line is not `name: value`", ["RFC 9112 §5"];
    Har001 => "HAR001", Error, Capture, "HAR file cannot be read",
        "Export the HAR again (DevTools Network tab: right-click, Save all as HAR) and paste or open the whole file", ["W3C HAR 1.2"];
    Har002 => "HAR002", Warning, Capture, "HAR export left out credentials",
        "In Chrome, enable DevTools Settings > Preferences > Network > Allow to generate HAR with sensitive data, then use Export HAR (with sensitive data); the file is read only on this machine", [];
    Http016 => "HTTP016", Warning, Capture, "`curl` command cannot be fully read",
        "Paste the command as DevTools copied it (Copy as cURL), whole", [];
    Http017 => "HTTP017", Error, ProxyGateway, "`Authorization` lost on a cross-origin redirect",
        "Call the URL the redirect points to directly, or have the server answer without redirecting; browsers, `fetch` and curl remove `Authorization` when a redirect leaves the origin", ["Fetch: HTTP-redirect fetch", "RFC 9110 §15.4"];
    Http018 => "HTTP018", Warning, Environment, "Redirect from `http://` to `https://`",
        "Call the API at its `https://` URL: the first request carried the credentials in clear, and a 301 or 302 turns `POST` into `GET` without the body", ["RFC 9110 §15.4.2", "RFC 6797 §7.2"];
    Http019 => "HTTP019", Error, Cookies, "`Secure` cookie set over plain HTTP",
        "Set the cookie from an `https://` response; browsers ignore a `Secure` cookie that an `http://` origin sets, and never send one over `http://`", ["RFC 6265bis §5.7"];
    Http020 => "HTTP020", Info, ProxyGateway, "Proxies, CDNs or gateways on the path",
        "If the API never sees the credentials, check each of these for rules that remove, rename or rewrite `Authorization` and cookies; the refusal may also come from one of them rather than from the application", ["RFC 9110 §7.6.3", "RFC 7239 §4"];
    Http021 => "HTTP021", Error, ProxyGateway, "`Authorization` was sent, but the server saw none",
        "Make every hop forward the header: nginx `proxy_set_header Authorization $http_authorization;` (and no `proxy_set_header Authorization \"\"`); Apache with PHP or CGI `CGIPassAuth On` (or `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1`); on a CDN or API gateway, add `Authorization` to the headers passed to the origin", ["RFC 9110 §11.6.2"];
    Http022 => "HTTP022", Warning, ProxyGateway, "Challenge reads as if no token arrived",
        "Check that `Authorization` reaches the application: an RFC 6750 server answers a missing token with a bare `Bearer` challenge and an invalid one with `error=\"invalid_token\"`", ["RFC 6750 §3.1"];
    Http023 => "HTTP023", Warning, ProxyGateway, "Header name contains an underscore",
        "Rename the header with hyphens (`X-Api-Key`, not `X_Api_Key`): nginx drops such headers unless `underscores_in_headers on;`, and CGI-style servers cannot tell `_` from `-`", ["RFC 9110 §5.1"];
    Http024 => "HTTP024", Warning, ProxyGateway, "Redirect changed the method",
        "Call the final URL directly, or have the server redirect with 307 or 308, which keep the method and body; after 301, 302 or 303 clients resend a `POST` as `GET`", ["RFC 9110 §15.4.4", "RFC 9110 §15.4.8"];
    Http025 => "HTTP025", Error, CorsPreflight, "CORS preflight refused",
        "Have the server answer `OPTIONS` preflights before any authentication, with 204 and the `Access-Control-Allow-*` headers: browsers never send credentials on a preflight, so demanding them there blocks the real request", ["Fetch: CORS-preflight fetch", "Fetch: HTTP requests (CORS protocol)"];
    Http026 => "HTTP026", Warning, NetworkPath, "Request got no response",
        "Look at the browser console for the reason: a request blocked by CORS, a browser extension, a proxy or a dropped connection never reaches the API's authentication", ["Fetch: main fetch"];
    Http027 => "HTTP027", Error, Account, "Account locked after failed attempts",
        "Wait for the lockout to end or have an administrator unlock the account, then sign in once with the right credentials; find and stop the client that keeps retrying with old ones", ["RFC 6585 §4", "RFC 9110 §15.5.2"];

    Clm001 => "CLM001", Error, TokenAudience, "Token is for another audience",
        "Request the token for this API (the `audience` or `resource` parameter, or the API's scope), or fix the audience the API expects", ["RFC 7519 §4.1.3", "RFC 8707 §2"];
    Clm002 => "CLM002", Error, TokenAudience, "Token has no audience",
        "Request the token for this API so that the issuer sets `aud`", ["RFC 7519 §4.1.3", "RFC 9068 §2.2"];
    Clm003 => "CLM003", Error, TokenAudience, "Token is from another issuer",
        "Get the token from the issuer the API trusts, or set the API's expected issuer to exactly the token's `iss`", ["RFC 7519 §4.1.1", "RFC 8414 §3.3"];
    Clm004 => "CLM004", Error, TokenAudience, "Token has no issuer",
        "Use a token from an issuer that sets `iss`", ["RFC 7519 §4.1.1", "RFC 9068 §2.2"];
    Clm005 => "CLM005", Error, TokenScope, "Token lacks a required scope",
        "Request the missing scopes when getting the token (and grant them to the client), then sign in again", ["RFC 6749 §3.3", "RFC 6750 §3.1"];
    Clm006 => "CLM006", Error, TokenScope, "Token grants no scopes",
        "Request the scopes the API requires when getting the token", ["RFC 6749 §3.3", "RFC 9068 §2.2.3"];
    Clm007 => "CLM007", Warning, TokenType, "Looks like an ID token, not an access token",
        "Send the access token to the API; the ID token is for the client to learn who signed in", ["OpenID Connect Core §2", "RFC 9068 §2.1"];
    Clm008 => "CLM008", Error, IdentityProvider, "Token was issued to another client",
        "Check the `client_id` the application signs in with, or the client the API expects", ["RFC 8693 §4.3", "OpenID Connect Core §2"];
    Clm009 => "CLM009", Error, TokenAudience, "Claim has the wrong JSON type",
        "Have the issuer write the claim in its registered form (a string, or an array of strings where allowed)", ["RFC 7519 §4.1"];
    Clm010 => "CLM010", Error, TokenType, "Refresh token sent instead of an access token",
        "Exchange the refresh token at the token endpoint (`grant_type=refresh_token`) and send the access token you get back", ["RFC 6749 §1.5", "RFC 6749 §6"];

    Cook001 => "COOK001", Error, Cookies, "Browser ignores this `Set-Cookie` line",
        "Fix the line so a browser can store it: no control characters, name and value together at most 4096 bytes, and a name or a value", ["RFC 6265bis §5.6"];
    Cook002 => "COOK002", Warning, Cookies, "`Set-Cookie` attribute is ignored",
        "Write the attribute as RFC 6265bis defines it (`Expires` as an HTTP date, `Max-Age` as whole seconds, `SameSite` as `Strict`, `Lax` or `None`, `Path` starting with `/`); a browser drops what it cannot read and keeps the cookie", ["RFC 6265bis §5.6"];
    Cook003 => "COOK003", Info, Cookies, "`Set-Cookie` line is unusual",
        "Remove the attribute or value the browser ignores (unknown names, repeats, values on flags) so the line says what it means", ["RFC 6265bis §5.6"];
    Cook004 => "COOK004", Error, Cookies, "`SameSite=None` cookie without `Secure`",
        "Add `Secure` (and serve over HTTPS): browsers reject `SameSite=None` cookies that are not `Secure`", ["RFC 6265bis §5.7", "RFC 6265bis §8.8"];
    Cook005 => "COOK005", Error, Cookies, "Cookie's `Domain` does not cover the host that set it",
        "Set `Domain` to the setting host or a parent of it (or leave it out for a host-only cookie); a browser refuses a cookie for a domain the response did not come from", ["RFC 6265bis §5.7"];
    Cook006 => "COOK006", Error, Cookies, "Cookie's `Domain` is a public suffix",
        "Use the site's own registrable domain (`example.co.uk`, not `co.uk`) or leave `Domain` out; browsers refuse cookies for public suffixes", ["RFC 6265bis §5.7", "RFC 6265bis §8.6"];
    Cook007 => "COOK007", Error, Cookies, "Cookie name prefix requirements not met",
        "A `__Secure-` cookie needs `Secure` and an HTTPS origin; a `__Host-` cookie also needs `Path=/` and no `Domain`", ["RFC 6265bis §4.1.3"];
    Cook008 => "COOK008", Error, Cookies, "Cookie's `Path` does not cover the request",
        "Set `Path=/` (or a prefix of every API path that needs the cookie); a browser only sends a cookie to paths under its `Path`", ["RFC 6265bis §5.1.4", "RFC 6265bis §5.8.3"];
    Cook009 => "COOK009", Warning, Cookies, "`Set-Cookie` deletes or has already expired the cookie",
        "If the cookie should live on, send a future `Expires` or a positive `Max-Age`; a past date or `Max-Age=0` removes it (a logout, or a server clock that runs fast)", ["RFC 6265bis §5.6.1", "RFC 6265bis §5.6.2"];
    Cook010 => "COOK010", Warning, Cookies, "Cookie has no `SameSite` attribute",
        "Set `SameSite` explicitly: without it Chromium treats the cookie as `Lax`, so cross-site `fetch` calls neither store nor send it; use `SameSite=None; Secure` for a cookie a page on another site must use", ["RFC 6265bis §5.6.7", "RFC 6265bis §8.8"];
    Cook011 => "COOK011", Error, Cookies, "Cookie's domain does not include the request's host",
        "Set `Domain` to the parent domain both hosts share (`Domain=example.com`) or call the API on the host that set the cookie; without `Domain` a cookie goes back only to the exact host that set it", ["RFC 6265bis §5.1.3", "RFC 6265bis §5.8.3"];
    Cook012 => "COOK012", Info, Cookies, "Cookie sent that this capture never set",
        "Check where the cookie came from (an earlier visit, another tab, or JavaScript): a stale session cookie may be what the server refuses; sign out and in again to replace it", ["RFC 6265bis §5.8.3"];
    Cook013 => "COOK013", Error, Cookies, "Cross-site request: `SameSite` keeps the cookie out",
        "Give the cookie `SameSite=None; Secure` if a page on another site must use it, or serve the page and the API from the same site; a cross-site `fetch` neither stores nor sends `Lax`, `Strict` or default cookies", ["RFC 6265bis §5.7", "RFC 6265bis §5.8.3"];
    Cook014 => "COOK014", Info, Cookies, "Partitioned (CHIPS) cookie",
        "Expect the cookie only under the top-level site that set it: a `Partitioned` cookie is kept per top-level site and is not sent when the API is used from another one", ["draft-ietf-privacycg-chips §3"];
    Cook015 => "COOK015", Info, Cookies, "Cookie holds a JWT",
        "Check the token like a bearer token: the server reads it from the cookie, so its expiry, audience and signature matter the same way", ["RFC 6265bis §4.2", "RFC 7519 §7.2"];
    Cook016 => "COOK016", Warning, Cookies, "`Cookie` header cannot be fully read",
        "Send cookies as `name=value` pairs joined by `; ` in one `Cookie` header; browsers never send attributes, empty pairs or several `Cookie` headers on HTTP/1.1", ["RFC 6265bis §4.2.1", "RFC 6265bis §5.8.3"];
    Cook017 => "COOK017", Error, Cookies, "`Secure` cookie cannot reach an `http://` URL",
        "Call the API over `https://`: a browser never sends a `Secure` cookie over plain HTTP", ["RFC 6265bis §5.8.3"];
    Cook018 => "COOK018", Error, Cookies, "Cookie a browser would send is missing",
        "Find what kept it out: JavaScript that deleted it, a browser that blocks third-party cookies, or a client that keeps no cookies (curl needs `-b`/`-c` with a cookie file)", ["RFC 6265bis §5.8.3"];
    Cook019 => "COOK019", Error, Cookies, "Request made without credentials",
        "Send credentials with the cross-origin call (`fetch(url, { credentials: 'include' })`, `xhr.withCredentials = true`, axios `withCredentials: true`), and have the server answer with `Access-Control-Allow-Credentials: true` and the exact origin", ["Fetch: credentials mode", "Fetch: CORS protocol and credentials"];
    Cook020 => "COOK020", Warning, Cookies, "Plain-HTTP cookie cannot replace a `Secure` one",
        "Set the cookie from an `https://` response: an `http://` origin may not overwrite a `Secure` cookie of the same name", ["RFC 6265bis §5.7"];
    Cook021 => "COOK021", Error, Cookies, "`Partitioned` cookie without `Secure`",
        "Add `Secure` (and serve over HTTPS): browsers reject `Partitioned` cookies that are not `Secure`", ["draft-ietf-privacycg-chips §3"];
    Cook022 => "COOK022", Warning, Cookies, "Cookie relies on third-party cookies",
        "Expect it to be missing in Safari, in Firefox's strict mode, in private windows and where users block third-party cookies; prefer an `Authorization` header, or serve the API from the page's own site", ["RFC 6265bis §8.8", "draft-ietf-privacycg-chips §1"];
    Cook023 => "COOK023", Warning, Cookies, "Too many cookies for one site: the browser evicted some",
        "Browsers keep about 180 cookies per site and drop the oldest beyond that, session cookies included; stop setting a new cookie per request (reuse names, set `Max-Age`), and clear the ones you no longer read", ["RFC 6265bis §5.7", "RFC 6265bis §6.1"];

    Cors001 => "CORS001", Error, CorsPreflight, "Response has no `Access-Control-Allow-Origin`",
        "Have the server send `Access-Control-Allow-Origin` with the page's exact origin on every response, errors and 401s included (nginx: `add_header ... always`)", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    Cors002 => "CORS002", Error, CorsPreflight, "`Access-Control-Allow-Origin` does not match the page's origin",
        "Send the page's origin exactly as the browser writes it in `Origin`: scheme, host and port, no path and no trailing slash", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    Cors003 => "CORS003", Error, CorsPreflight, "`Access-Control-Allow-Origin` holds several values",
        "Send one origin: check the request's `Origin` against an allow-list and echo it back, and make sure only one layer (application, proxy or CDN) adds the header", ["Fetch: HTTP responses (CORS protocol)"];
    Cors004 => "CORS004", Error, CorsPreflight, "Wildcard `*` used with credentials",
        "With cookies or `Authorization` sent (`credentials: 'include'`), name the origin, methods and headers explicitly; `*` only works for requests without credentials", ["Fetch: CORS protocol and credentials", "Fetch: CORS check"];
    Cors005 => "CORS005", Error, CorsPreflight, "`Access-Control-Allow-Credentials` is not `true`",
        "Send `Access-Control-Allow-Credentials: true` (exactly, lower case) on the preflight and on the response when the page sends credentials", ["Fetch: HTTP responses (CORS protocol)", "Fetch: CORS check"];
    Cors006 => "CORS006", Error, CorsPreflight, "Preflight does not allow the request's method",
        "List the method in `Access-Control-Allow-Methods` on the preflight response (methods are case-sensitive; `*` does not apply with credentials)", ["Fetch: CORS-preflight fetch"];
    Cors007 => "CORS007", Error, CorsPreflight, "Preflight does not allow a request header",
        "List every header the page sets in `Access-Control-Allow-Headers`, `Authorization` by name: `*` never covers `Authorization`, and covers nothing with credentials", ["Fetch: CORS-preflight fetch", "Fetch: HTTP responses (CORS protocol)"];
    Cors008 => "CORS008", Warning, CorsPreflight, "Page cannot read `WWW-Authenticate`",
        "Add `Access-Control-Expose-Headers: WWW-Authenticate` so the page's code can see why the server refused it", ["Fetch: HTTP responses (CORS protocol)", "RFC 9110 §11.6.1"];
    Cors009 => "CORS009", Warning, CorsPreflight, "Origin-specific CORS response without `Vary: Origin`",
        "Add `Vary: Origin` when `Access-Control-Allow-Origin` echoes the request's origin, so caches and CDNs do not serve one origin's answer to another", ["Fetch: CORS protocol and credentials", "RFC 9110 §12.5.5"];
    Cors010 => "CORS010", Info, CorsPreflight, "Request needs a CORS preflight",
        "Expect an `OPTIONS` request before this one and make the server answer it without authentication; or drop the headers and method that make it non-simple", ["Fetch: main fetch", "Fetch: CORS-safelisted request-header"];
    Cors011 => "CORS011", Warning, CorsPreflight, "`Access-Control-Allow-Origin: null` allowed",
        "Do not allow the `null` origin: sandboxed frames and local files all share it, so any page can claim it; list real origins instead", ["Fetch: HTTP responses (CORS protocol)"];
    Cors012 => "CORS012", Error, CorsPreflight, "Preflight response cannot be read",
        "Write `Access-Control-Allow-Methods` and `-Headers` as comma-separated tokens; a browser refuses the whole preflight when either cannot be parsed", ["Fetch: CORS-preflight fetch", "Fetch: HTTP responses (CORS protocol)"];
    Cors013 => "CORS013", Error, CorsPreflight, "`https://` page calls an `http://` URL",
        "Serve the API over HTTPS and call its `https://` URL: browsers block requests from a secure page to plain HTTP (mixed content), and no CORS header can allow them", ["W3C Mixed Content §4.4", "Fetch: main fetch"];

    Oauth001 => "OAUTH001", Error, IdentityProvider, "PKCE verifier does not match the challenge",
        "Send the `code_verifier` made for this very sign-in: create a new one per authorize request, store it keyed by its `state` (per tab, not one shared slot) and read it back by the `state` that returns", ["RFC 7636 §4.6", "RFC 7636 §4.1"];
    Oauth002 => "OAUTH002", Info, IdentityProvider, "PKCE verifier matches the challenge",
        "Look past PKCE if the token request still fails: the verifier is the one the challenge was made from", ["RFC 7636 §4.6"];
    Oauth003 => "OAUTH003", Warning, IdentityProvider, "PKCE uses the `plain` method",
        "Send `code_challenge_method=S256` with the base64url SHA-256 of the verifier; without a method the server assumes `plain`, which leaks the verifier to anyone who sees the authorize URL", ["RFC 7636 §4.2", "RFC 7636 §7.2", "RFC 9700 §2.1.1"];
    Oauth004 => "OAUTH004", Error, IdentityProvider, "S256 challenge sent without `code_challenge_method`",
        "Add `code_challenge_method=S256` to the authorize request: without it the server takes the challenge as `plain` and compares it with the verifier itself", ["RFC 7636 §4.3", "RFC 7636 §4.6"];
    Oauth005 => "OAUTH005", Error, IdentityProvider, "`code_challenge_method` is not `S256` or `plain`",
        "Write the method exactly `S256` (upper case S): the names are case-sensitive and servers refuse others", ["RFC 7636 §4.3", "RFC 7636 §6.2"];
    Oauth006 => "OAUTH006", Error, IdentityProvider, "`code_verifier` is too short or too long",
        "Make the verifier 43 to 128 characters long, for example 32 random bytes encoded with base64url without padding", ["RFC 7636 §4.1"];
    Oauth007 => "OAUTH007", Error, IdentityProvider, "`code_verifier` has characters PKCE does not allow",
        "Build the verifier from `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_` and `~` only: base64url without `=` padding, never standard base64", ["RFC 7636 §4.1"];
    Oauth008 => "OAUTH008", Error, IdentityProvider, "S256 `code_challenge` is not 43 base64url characters",
        "Encode the 32-byte SHA-256 digest of the verifier with base64url, without `=` padding (not hex, not standard base64)", ["RFC 7636 §4.2", "RFC 7636 Appendix A"];
    Oauth009 => "OAUTH009", Error, IdentityProvider, "Authorize request has neither `state` nor PKCE",
        "Send a fresh random `state` and check it when the callback arrives (or use PKCE): nothing else ties the callback to this browser, so forged sign-ins go through and many client libraries refuse the callback", ["RFC 6749 §10.12", "RFC 9700 §2.1"];
    Oauth010 => "OAUTH010", Warning, IdentityProvider, "Authorize request has no `state`",
        "Send a fresh random `state` anyway: PKCE already stops forged callbacks, but clients use `state` to find the stored verifier and the page to return to, and some providers or libraries insist on it", ["RFC 6749 §10.12", "RFC 9700 §2.1"];
    Oauth011 => "OAUTH011", Error, IdentityProvider, "`response_type` is missing or unknown",
        "Send `response_type=code` (with PKCE); the other registered values are `token`, `id_token` and `none`, space-separated and in lower case", ["RFC 6749 §3.1.1", "OpenID Connect Core §3"];
    Oauth012 => "OAUTH012", Warning, IdentityProvider, "Implicit flow requested",
        "Switch to the authorization code flow with PKCE (`response_type=code`): RFC 9700 deprecates returning tokens from the authorize endpoint, and many providers now refuse it unless enabled", ["RFC 9700 §2.1.2", "RFC 6749 §4.2"];
    Oauth013 => "OAUTH013", Warning, IdentityProvider, "Authorization code flow without PKCE",
        "Add PKCE: a `code_challenge` with `code_challenge_method=S256` on the authorize request and the matching `code_verifier` on the token request; public clients must, and RFC 9700 advises it for every client", ["RFC 7636 §4", "RFC 9700 §2.1.1"];
    Oauth014 => "OAUTH014", Error, IdentityProvider, "Token request lacks `code_verifier`",
        "Send the `code_verifier` whose hash went into the authorize request's `code_challenge`; a server that saw a challenge refuses the code without it", ["RFC 7636 §4.5", "RFC 7636 §4.6"];
    Oauth015 => "OAUTH015", Error, IdentityProvider, "`redirect_uri` differs between the requests",
        "Send byte for byte the same `redirect_uri` in both requests, and register exactly that string: servers compare scheme, host, port, path, trailing slash and query as written", ["RFC 6749 §4.1.3", "RFC 9700 §4.1.3"];
    Oauth016 => "OAUTH016", Warning, IdentityProvider, "`redirect_uri` uses plain HTTP",
        "Use an `https://` redirect URI; providers allow `http://` only for loopback addresses such as `http://127.0.0.1:port/`", ["RFC 6749 §3.1.2.1", "RFC 8252 §7.3"];
    Oauth017 => "OAUTH017", Error, IdentityProvider, "Required scope not requested",
        "Add the scopes the API requires to `scope` (separated by spaces), grant them to the client at the provider, and sign in again", ["RFC 6749 §3.3"];
    Oauth018 => "OAUTH018", Error, IdentityProvider, "ID token requested without the `openid` scope",
        "Add `openid` to `scope`: without it the request is not OpenID Connect and the provider returns no ID token, or refuses", ["OpenID Connect Core §3.1.2.1"];
    Oauth019 => "OAUTH019", Error, IdentityProvider, "ID token requested without a `nonce`",
        "Send a fresh random `nonce` with every request whose `response_type` includes `id_token`, and check it in the ID token", ["OpenID Connect Core §3.2.2.1", "OpenID Connect Core §3.3.2.11"];
    Oauth020 => "OAUTH020", Error, IdentityProvider, "Token request has no `grant_type`",
        "Add `grant_type` to the form body: `authorization_code` to exchange a code, `refresh_token` to renew", ["RFC 6749 §4.1.3", "RFC 6749 §6"];
    Oauth021 => "OAUTH021", Error, IdentityProvider, "Unknown `grant_type`",
        "Use a registered grant type spelled exactly, such as `authorization_code`, `refresh_token` or `client_credentials`", ["RFC 6749 §4.1.3", "RFC 6749 §5.2"];
    Oauth022 => "OAUTH022", Error, IdentityProvider, "Token request lacks a required parameter",
        "Add the parameter the grant needs (`code` for `authorization_code`, `refresh_token` for `refresh_token`, and `client_id` when the client does not authenticate)", ["RFC 6749 §4.1.3", "RFC 6749 §6", "RFC 6749 §4.4.2"];
    Oauth023 => "OAUTH023", Error, IdentityProvider, "`client_id` differs between the requests",
        "Redeem the code with the client it was issued to: use the same `client_id` in the authorize and token requests", ["RFC 6749 §4.1.3"];
    Oauth024 => "OAUTH024", Warning, IdentityProvider, "Client secret sent from a browser",
        "Treat a browser app as a public client: remove the secret from front-end code, rotate it, and use PKCE instead (or move the token request to a back end)", ["RFC 6749 §2.1", "RFC 6749 §10.1"];
    Oauth025 => "OAUTH025", Error, IdentityProvider, "Parameter is percent-encoded wrongly",
        "Encode each parameter value exactly once (`encodeURIComponent`, `URLSearchParams`); a `%` must start a two-digit hex escape", ["RFC 3986 §2.1", "RFC 6749 Appendix B"];
    In004 => "IN004", Info, TokenSignature, "Decoded claims without their token",
        "Paste the token itself to check its signature and encoding; the claims alone were checked", [];
    Red001 => "RED001", Info, Capture, "Value redacted by the user",
        "Nothing to fix here: the value was masked before pasting, so it is not checked; paste it only into this page to have it checked", [];

    Msg001 => "MSG001", Error, TokenExpiry, "Logged message: the token has expired",
        "Get a new access token (refresh it before `exp`), then retry; if the server's time in the message is off, fix that clock", ["RFC 7519 §4.1.4"];
    Msg002 => "MSG002", Error, TokenExpiry, "Logged message: the token is not valid yet",
        "Synchronise the clocks of the issuer and the API (NTP), or give the API a leeway of a minute or two", ["RFC 7519 §4.1.5"];
    Msg003 => "MSG003", Error, TokenExpiry, "Logged message: the token's lifetime is refused",
        "Have the issuer set `exp` (and `iat` where required) within the lifetime the API accepts", ["RFC 7519 §4.1.4"];
    Msg004 => "MSG004", Error, FreshLogin, "Logged message: the refresh token, session or code is no longer valid",
        "Sign in again to get new tokens; a refresh token that expired or was revoked cannot be renewed", ["RFC 6749 §5.2", "RFC 6749 §6"];
    Msg005 => "MSG005", Error, DeviceClock, "Logged message: the clocks disagree",
        "Synchronise the clock of the machine that signs the request or issues the token (NTP), then retry", [];
    Msg006 => "MSG006", Error, TokenAudience, "Logged message: the token is for another audience",
        "Request the token for this API (its exact identifier as `audience`, `resource` or scope), or add that identifier to the API's valid audiences", ["RFC 7519 §4.1.3", "RFC 8707 §2"];
    Msg007 => "MSG007", Error, TokenAudience, "Logged message: the token comes from another issuer",
        "Configure the API with the exact issuer URL the tokens carry (tenant, trailing `/`, version), or get the token from the issuer the API trusts", ["RFC 7519 §4.1.1", "OpenID Connect Discovery §4.3"];
    Msg008 => "MSG008", Error, TokenSignature, "Logged message: the signature does not verify",
        "Check that the API verifies with the issuer's current key and the token was not altered; paste the token and the key set here to see which", ["RFC 7515 §5.2"];
    Msg009 => "MSG009", Error, TokenSignature, "Logged message: no key matches the token",
        "Refresh the API's copy of the issuer's key set (`jwks_uri`); after a key rotation the token's `kid` is only in the new set", ["RFC 7517 §4.5", "RFC 7515 §4.1.4"];
    Msg010 => "MSG010", Error, TokenSignature, "Logged message: the token's algorithm is not allowed",
        "Sign with an algorithm the API allows, or add the issuer's algorithm to the API's allow-list (never `none`)", ["RFC 8725 §3.1"];
    Msg011 => "MSG011", Error, AuthorizationHeader, "Logged message: the token cannot be read",
        "Send the whole token as issued (`header.payload.signature`), without quotes, prefixes or line breaks", ["RFC 7519 §7.2"];
    Msg012 => "MSG012", Error, AuthorizationHeader, "Logged message: no credentials reached the server",
        "Send the credentials (`Authorization: Bearer <token>` or the API's cookie or key), and check that nothing between client and API removes them", ["RFC 6750 §2.1", "RFC 9110 §11.6.2"];
    Msg013 => "MSG013", Error, AuthorizationHeader, "Logged message: the header value is not valid",
        "Remove the line break or other control character from the value (often a newline read from a file or a secret), then send it again", ["RFC 9110 §5.5"];
    Msg014 => "MSG014", Error, WwwAuthenticate, "Logged message: the scheme is not the one the server wants",
        "Send the credentials with the scheme the server's `WWW-Authenticate` names", ["RFC 9110 §11.6.1"];
    Msg015 => "MSG015", Error, TokenScope, "Logged message: the token lacks a scope or role",
        "Request the missing scope or have the role assigned, then get a new token", ["RFC 6750 §3.1"];
    Msg016 => "MSG016", Error, TokenType, "Logged message: the token is of the wrong type",
        "Send an access token issued for this API, not an ID token or a refresh token", ["RFC 9068 §2.1"];
    Msg017 => "MSG017", Error, Account, "Logged message: the user name, password or key is wrong",
        "Check the user name, password, API key or personal access token (and that it was not revoked or rotated), then retry once", [];
    Msg018 => "MSG018", Error, Account, "Logged message: the account cannot sign in as it is",
        "Unlock, enable or confirm the account, complete MFA, or change the expired password, then sign in again", [];
    Msg019 => "MSG019", Error, IdentityProvider, "Logged message: the client is unknown or its secret is wrong",
        "Check the `client_id` and its secret or certificate in the identity provider (an expired client secret is common), and the tenant or realm", ["RFC 6749 §5.2"];
    Msg020 => "MSG020", Error, IdentityProvider, "Logged message: the grant is refused",
        "Use the authorization code once and quickly, with the same `redirect_uri` and PKCE verifier as the authorize request, and grant the consent asked for", ["RFC 6749 §5.2", "RFC 7636 §4.6"];
    Msg021 => "MSG021", Error, NetworkPath, "Logged message: a proxy wants credentials",
        "Give the tool the proxy's credentials (its proxy setting or `HTTPS_PROXY` with user and password), or bypass the proxy for this host with `NO_PROXY`", ["RFC 9110 §15.5.8"];
    Msg022 => "MSG022", Error, ProxyGateway, "Logged message: `Authorization` did not reach the application",
        "Make the proxy or web server pass `Authorization` on (nginx `proxy_set_header`, Apache `CGIPassAuth On`), or send the token where the gateway expects it", [];
    Msg023 => "MSG023", Error, CorsPreflight, "Browser message: the response was blocked by CORS",
        "Answer the preflight (`OPTIONS`) with 2xx and the `Access-Control-Allow-*` headers for this origin, before any authentication check", ["Fetch §4.8"];
    Msg024 => "MSG024", Error, Cookies, "Browser message: a cookie was refused or held back",
        "Set the cookie so the browser keeps and sends it: `Secure` over HTTPS, `SameSite=None; Secure` for cross-site use, a `Domain` that covers the API", ["RFC 6265bis §5.6"];
    Msg025 => "MSG025", Error, RateLimit, "Logged message: too many requests",
        "Stop retrying and wait for the limit to reset (`Retry-After`), then retry once", ["RFC 6585 §4"];
    Msg026 => "MSG026", Error, StatusCode, "Logged message: authenticated but not allowed",
        "This is authorization, not authentication: grant the user, role or token the permission, or call a resource it may use", ["RFC 9110 §15.5.4"];
    Msg027 => "MSG027", Error, SenderConstraint, "Logged message: the proof of the bound key is missing or wrong",
        "Send a fresh DPoP proof signed with the token's key for this exact request, or the client certificate the token is bound to", ["RFC 9449 §4.3", "RFC 8705 §3"];
    Msg028 => "MSG028", Error, RequestSignature, "Logged message: the request signature does not match",
        "Sign the request as it is finally sent, with the right secret, region and service, and a correct clock", ["AWS Signature Version 4"];
    Msg029 => "MSG029", Info, Capture, "Logged message: refused without a reason",
        "Find the reason: the server's own log for this request, or the full response with its `WWW-Authenticate` header", ["RFC 9110 §15.5.2"];

    Cfg001 => "CFG001", Error, ProxyGateway, "Proxy configuration drops `Authorization`",
        "Pass the header on (`proxy_set_header Authorization $http_authorization;`), or remove the directive that clears it", [];
    Cfg002 => "CFG002", Warning, ProxyGateway, "Apache does not pass `Authorization` to the application",
        "Add `CGIPassAuth On` (Apache 2.4.13 and later) where requests go to PHP-FPM or CGI", [];
    Cfg003 => "CFG003", Error, AuthorizationHeader, "Secret value ends in a newline",
        "Encode the value without the newline (`echo -n` or `printf '%s'`), or put the plain text under `stringData:`", [];
    Cfg004 => "CFG004", Error, AuthorizationHeader, "Secret value under `data:` is not base64",
        "Base64-encode values under `data:`, or move the plain text to `stringData:`", [];
    Cfg005 => "CFG005", Warning, AuthorizationHeader, "`echo` without `-n` piped to `base64`",
        "Use `echo -n` or `printf '%s'`, so the newline is not part of the encoded credentials", [];
    Cfg006 => "CFG006", Warning, Account, "Shell expanded `$` in a double-quoted password",
        "Put the password in single quotes (or escape `$`), so the shell passes it unchanged", [];
    CredentialsNotConfigured => "MSG030", Error, Environment, "Logged message: the client holds no credentials for this server",
        "Find the server the client really calls (the registry or host named in its configuration files, lockfile or environment), then add credentials for that server or point the client back at the one you signed in to", ["RFC 9110 §11.6.1"];
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
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == s)
            .ok_or(())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse()
            .map_err(|()| serde::de::Error::custom(format!("unknown finding code {name:?}")))
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
    #[serde(serialize_with = "crate::transfer::table_text")]
    pub title: &'static str,
    /// What was found, naming the offending value.
    pub message: String,
    /// The fix, in the imperative.
    #[serde(serialize_with = "crate::transfer::table_text")]
    pub help: &'static str,
    pub step: StepId,
    #[serde(serialize_with = "crate::transfer::table_text")]
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
        FindingFields::deserialize(deserializer)
            .and_then(|f| Finding::try_from(f).map_err(serde::de::Error::custom))
    }
}

impl TryFrom<FindingFields> for Finding {
    type Error = String;

    fn try_from(f: FindingFields) -> Result<Self, String> {
        let info = f.code.info();
        let title = f.title.is_none_or(|title| title == info.title);
        let help = f.help.is_none_or(|help| help == info.help);
        let references = f.references.is_none_or(|r| {
            r.iter()
                .map(String::as_str)
                .eq(info.references.iter().copied())
        });
        if !(title && help && references) {
            return Err(format!(
                "finding {}: its title, help or references are not those of the code table",
                info.code
            ));
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
            assert!(
                prefix.chars().all(|c| c.is_ascii_uppercase()),
                "{}",
                info.code
            );
            assert!(number.chars().all(|c| c.is_ascii_digit()), "{}", info.code);
        }
    }

    #[test]
    fn titles_and_help_follow_the_style() {
        for code in Code::ALL {
            let info = code.info();
            for text in [info.title, info.help] {
                assert!(
                    !text.ends_with('.'),
                    "{}: trailing period in {text:?}",
                    info.code
                );
                // Sentence case; a sentence may open with a number or a literal in backticks.
                assert!(
                    text.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '`'),
                    "{}: {text:?}",
                    info.code
                );
            }
        }
    }

    #[test]
    fn finding_takes_its_metadata_from_the_table() {
        let f = Finding::new(Code::Jwt001, "`exp` was 5 s ago");
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
