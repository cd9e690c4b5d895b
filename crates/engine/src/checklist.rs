//! The guided 401 checklist: its steps, and how findings decide each step's status.
//!
//! A step's status says what the evidence shows about that step: `fail` (a cause was found
//! here), `warn` (something here is suspicious), `pass` (checked and fine) or `unknown` (the
//! evidence does not say, so the user answers it in the page).
//!
//! Each step also carries its guidance ([`StepId::info`]): why it can cause a 401, how to check
//! it, the fix for the user and for the server's owner, and references. The report lists the
//! steps by evidence (failed, then suspicious, then the rest in procedure order), and names the
//! most likely cause ([`most_likely`]). [`server_guidance`] is the separate advice for API owners.

use crate::findings::{Code, Finding, Severity};
use serde::{Deserialize, Deserializer, Serialize};

pub use crate::steps::StepId;

/// What the evidence says about one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Where a step sits in the procedure: triage first, then quick checks anyone can do, then the
/// nine-step investigation of the failing request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Triage,
    QuickCheck,
    Procedure,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Triage => "triage",
            Phase::QuickCheck => "quick-check",
            Phase::Procedure => "procedure",
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Triage => "Triage",
            Phase::QuickCheck => "Quick check",
            Phase::Procedure => "Procedure",
        }
    }
}

/// What a step tells the person working through it. Text may quote literals in backticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepInfo {
    pub phase: Phase,
    /// Why this step can be behind a 401, in one or two sentences.
    pub why: &'static str,
    /// How to check it: browser DevTools, curl, this tool.
    pub check: &'static [&'static str],
    /// What the person seeing the 401 can do.
    pub fix_user: &'static [&'static str],
    /// What the owner of the API, server or identity provider can do.
    pub fix_server: &'static [&'static str],
    /// Where the behaviour is specified.
    pub references: &'static [&'static str],
}

impl StepId {
    /// The guidance for this step.
    pub fn info(self) -> &'static StepInfo {
        match self {
            StepId::StatusCode => &StepInfo {
                phase: Phase::Triage,
                why: "Only a 401 says the server accepted no credentials from this request; a 403, a 407, a 429 or a redirect to a sign-in page look alike in an app but have other causes and other fixes. Some troubleshooting articles claim that a role or access-control denial returns 401: RFC 9110 §15.5.4 gives that case to 403 Forbidden, because the server knows who is asking and refuses anyway.",
                check: &[
                    "DevTools: in the Network tab, select the failing call and read its status code; follow any 3xx chain to the response that ends it.",
                    "curl: `curl -i https://api.example.com/v1/me` prints the status line; add `-L` to follow redirects and see where they end.",
                    "This page: paste the response or the whole exchange, and a 403, 407, 429 or sign-in redirect is called out.",
                ],
                fix_user: &[
                    "403: ask whoever owns the resource for the missing role, group or permission; signing in again changes nothing.",
                    "407: authenticate to your proxy, or ask IT to let this API bypass it.",
                    "429: wait as long as `Retry-After` says before the next attempt.",
                    "Redirect to a sign-in page: your session is over; sign in again.",
                ],
                fix_server: &[
                    "Answer 401, with a `WWW-Authenticate` challenge, only when credentials are missing or were not accepted.",
                    "Answer 403 to an authenticated caller who lacks permission, and 429 with `Retry-After` to a throttled one.",
                    "Make API routes return 401 instead of redirecting to an HTML sign-in page.",
                ],
                references: &["RFC 9110 §15.5.2", "RFC 9110 §15.5.4", "RFC 9110 §15.5.8", "RFC 6585 §4", "RFC 9110 §15.4"],
            },
            StepId::ScopeOfImpact => &StepInfo {
                phase: Phase::Triage,
                why: "When many people start getting 401s at the same moment, something they share has changed: a deploy, the identity provider, a rotated signing key, a gateway or WAF rule. When a single person is affected, the cause usually lives on their device, in their account or in their cookies.",
                check: &[
                    "Ask colleagues, or open the monitoring dashboard: are 401s up for every client, one route, one region, or one user?",
                    "Have someone else try the same action with their own account, and try your account on a second device.",
                    "Match the time of the first failure against recent changes: deploys, key or certificate rotation, proxy, CDN or identity provider configuration.",
                ],
                fix_user: &[
                    "Only you affected: continue with the quick checks (sign-in, account, clock, browser, VPN).",
                    "Everyone affected: report when it started, with a request id, and wait for the fix instead of resetting your password.",
                ],
                fix_server: &[
                    "For a sudden, broad spike, undo the latest change first: roll back the deploy, republish the previous signing key, or revert the gateway or WAF rule.",
                    "Alert on the 401 rate per route and per client, so a broad failure shows up before users report it.",
                ],
                references: &["RFC 9110 §15.5.2", "RFC 7517 §5"],
            },
            StepId::Environment => &StepInfo {
                phase: Phase::QuickCheck,
                why: "A token minted for staging means nothing to production, and a mistyped host or path reaches a service that does not know you. Over plain `http://`, browsers withhold `Secure` cookies and a redirect to `https://` can drop the `Authorization` header.",
                check: &[
                    "Compare host, port and path of the failing request with the documented URL of the API and the environment you meant (dev, staging, production).",
                    "Make sure the URL starts with `https://`; in DevTools, look for a 301 or 302 from `http://` in front of the 401.",
                    "This page: paste the request, cURL command or `curl -v` output; plain-HTTP calls and http-to-https redirects are flagged.",
                ],
                fix_user: &[
                    "Open the app from the link for the right environment, and replace old bookmarks that point at removed paths.",
                    "Always use the `https://` address.",
                ],
                fix_server: &[
                    "Redirect `http://` to `https://` and send HSTS, so clients stop sending credentials in the clear.",
                    "Give each environment its own issuer or audience, so a token from the wrong one fails with a clear reason.",
                ],
                references: &["RFC 9110 §4.2.2", "RFC 6797 §7.2", "RFC 6750 §5.3"],
            },
            StepId::FreshLogin => &StepInfo {
                phase: Phase::QuickCheck,
                why: "A stale session cookie or cached token can outlive the session the server remembers, so the browser keeps presenting something the server keeps refusing. Extensions and privacy settings can also block the cookies or headers a sign-in depends on.",
                check: &[
                    "Sign out, sign back in, and repeat the action.",
                    "Repeat it in a private window: no old cookies, no cache and, by default, no extensions.",
                    "Try a different browser or device; success there means the problem is local to the first browser.",
                ],
                fix_user: &[
                    "Delete this site's cookies and cached data (browser settings, Privacy and security), then sign in again.",
                    "Turn off ad blockers and privacy extensions for this site, or allow its cookies.",
                    "Update the app to its current version.",
                ],
                fix_server: &[
                    "When a session ends, clear its cookie and show a plain sign-in prompt rather than failing quietly.",
                    "Send `Cache-Control: no-store` on responses that carry tokens or session state.",
                ],
                references: &["RFC 6265bis §5.8.3", "RFC 9111 §5.2.2.5", "OpenID Connect Core §3.1.2.1"],
            },
            StepId::Account => &StepInfo {
                phase: Phase::QuickCheck,
                why: "A wrong or recently changed password, an MFA prompt left unanswered, and an account that is locked, disabled or without a licence all end with the server refusing the credentials.",
                check: &[
                    "Sign in on the identity provider's own login page; if that fails as well, the account is the problem, not the app.",
                    "Look for a pending MFA prompt, an expired password, or a lockout or licence notice in your mail.",
                    "Basic authentication: paste the `Authorization` header here; the user name is decoded and the password stays hidden until you ask.",
                ],
                fix_user: &[
                    "Reset the password if it fails everywhere, and finish any MFA enrolment you are asked for.",
                    "Ask an administrator to unlock or re-enable the account, or to assign the licence or group the app needs.",
                    "For SSH or API keys, check that the key you use is the one registered to your account.",
                ],
                fix_server: &[
                    "Tell the user which state applies (locked, disabled, password expired) without revealing whether other accounts exist.",
                    "Find clients that keep retrying with old credentials; they lock the account again and again.",
                ],
                references: &["RFC 9110 §15.5.2", "RFC 7617 §2"],
            },
            StepId::DeviceClock => &StepInfo {
                phase: Phase::QuickCheck,
                why: "Tokens carry absolute times (`exp`, `nbf`, `iat`). When the device, the issuer or the API runs minutes fast or slow, a brand-new token can look expired or not valid yet.",
                check: &[
                    "Compare the clock shown on this page with a trusted time source.",
                    "This page: paste the token, and its times are measured against your clock and against the response's `Date` header when you paste one.",
                    "On a server, `timedatectl` or `chronyc tracking` says whether NTP keeps the clock in sync.",
                ],
                fix_user: &["Turn on automatic date, time and time zone in the system settings, then get a new token."],
                fix_server: &[
                    "Run NTP on every issuer, API server and CI runner.",
                    "Accept a small leeway, 60 to 300 seconds, when checking `exp` and `nbf`.",
                ],
                references: &["RFC 7519 §4.1.4", "RFC 7519 §4.1.5", "RFC 5905"],
            },
            StepId::NetworkPath => &StepInfo {
                phase: Phase::QuickCheck,
                why: "A VPN, a corporate proxy or a TLS-inspecting firewall between you and the API may strip headers or cookies, ask for credentials of its own (407), or stop the request before it gets there.",
                check: &[
                    "Disconnect the VPN, or switch networks (a phone hotspot, for instance), and repeat the request.",
                    "DevTools: look for a 407 status, a `Proxy-Authenticate` header, or a request that never got an answer.",
                    "curl: `curl -v` shows the proxy it goes through; `--noproxy '*'` skips the proxy set in the environment.",
                ],
                fix_user: &[
                    "Authenticate to the proxy, or ask IT to exempt the API's host from the proxy or VPN.",
                    "If it fails on one network only, send IT that network's name, the time and the request id.",
                ],
                fix_server: &[
                    "Document the hosts the app calls, so corporate proxies can allow them, and do not depend on headers that proxies commonly remove.",
                ],
                references: &["RFC 9110 §15.5.8", "RFC 9110 §11.7.1"],
            },
            StepId::Capture => &StepInfo {
                phase: Phase::Procedure,
                why: "Every later step depends on evidence: the headers that were actually sent, the status, the challenge and any redirects. Without the exact request and response, fixes are guesses.",
                check: &[
                    "DevTools: open the Network tab, tick Preserve log, reproduce, then right-click the failing call and choose Copy as cURL, or Save all as HAR.",
                    "curl: `curl -v -H 'Authorization: Bearer <token>' https://api.example.com/v1/me` prints both sides of the exchange.",
                    "Compare the two: if curl succeeds where the browser fails, look at cookies, CORS and redirects first.",
                    "This page: paste or drop the cURL command, the `curl -v` output or the HAR file; it is read on this machine only.",
                ],
                fix_user: &["Attach the capture, with tokens and passwords removed, and its request ids to your support ticket."],
                fix_server: &["Return a request id header (such as `X-Request-Id`) on every response and log it, so any capture can be matched to the server's log."],
                references: &["RFC 9110 §15.5.2", "W3C HAR 1.2"],
            },
            StepId::AuthorizationHeader => &StepInfo {
                phase: Phase::Procedure,
                why: "If the `Authorization` header is absent, misnamed or uses the wrong scheme, or its token is quoted, broken by a line break or still a placeholder, the server has no usable credentials to check.",
                check: &[
                    "In the captured request, find `Authorization:` and check it reads `Bearer <token>` or `Basic <base64>` with exactly one space.",
                    "For Basic, decode the base64 part: it must be `user:password`, with no newline at the end.",
                    "This page: paste the header or the whole request; quotes, a doubled scheme, placeholders and stray white space are reported.",
                ],
                fix_user: &["Copy the token again from where it came from, in full, and paste it without quotes or line breaks."],
                fix_server: &[
                    "In the client, build the header as `Bearer ` plus the bare token, and only once the token has been loaded.",
                    "On the server, read credentials from the `Authorization` header (not the query string), compare the scheme without regard to case, and answer a missing header with a bare `Bearer` challenge.",
                ],
                references: &["RFC 9110 §11.6.2", "RFC 6750 §2.1", "RFC 7617 §2"],
            },
            StepId::TokenExpiry => &StepInfo {
                phase: Phase::Procedure,
                why: "Once the time in `exp` has passed, or while the time in `nbf` is still ahead, a correct API refuses the token however right the rest of it is.",
                check: &[
                    "Paste the token here: the `exp`, `nbf` and `iat` rows show each time relative to your clock.",
                    "If tokens die sooner than expected, compare `exp` minus `iat` with the lifetime the issuer is configured to give.",
                ],
                fix_user: &["Sign in again, or let the app refresh its token, then retry."],
                fix_server: &[
                    "In clients, refresh the access token a minute or two before `exp`, and on a 401 retry once with a new token.",
                    "In APIs, accept 60 to 300 seconds of clock skew when checking `exp` and `nbf`.",
                ],
                references: &["RFC 7519 §4.1.4", "RFC 7519 §4.1.5"],
            },
            StepId::TokenAudience => &StepInfo {
                phase: Phase::Procedure,
                why: "A token names the API it is for (`aud`) and who issued it (`iss`); an API that checks them refuses a token minted for another API, environment or tenant.",
                check: &[
                    "Paste the token here and enter the API's expected audience and issuer in the settings; any mismatch is reported.",
                    "Compare `iss` with the issuer the API trusts character by character, trailing slash included.",
                ],
                fix_user: &["Sign in to the right tenant or environment, so the app receives a token for this API."],
                fix_server: &[
                    "Have the client ask for a token for this API (the `audience` or `resource` parameter, or the API's scope).",
                    "Configure the API with its exact audience and issuer, and log which of the two failed.",
                ],
                references: &["RFC 7519 §4.1.1", "RFC 7519 §4.1.3", "RFC 8707 §2"],
            },
            StepId::TokenType => &StepInfo {
                phase: Phase::Procedure,
                why: "An OpenID Connect ID token tells the client who signed in, while an API expects an access token issued for it; sending the ID token or the refresh token instead gets a 401.",
                check: &[
                    "Paste the token: an ID token's `aud` is the client's id and it often carries `nonce`; an RFC 9068 access token has `typ` `at+jwt`.",
                    "In the client's code, check which field of the token response is sent: `access_token`, not `id_token` or `refresh_token`.",
                ],
                fix_user: &["Report it to the app's developers; signing in again does not change which token the app sends."],
                fix_server: &[
                    "Send `access_token` to APIs and keep `id_token` for the client itself.",
                    "Have the API check `typ` or the audience, so a token of the wrong kind is refused with a clear reason.",
                ],
                references: &["RFC 9068 §2.1", "OpenID Connect Core §2", "RFC 6749 §1.5"],
            },
            StepId::TokenScope => &StepInfo {
                phase: Phase::Procedure,
                why: "A token holds only the scopes or roles the client asked for and was granted, and an API that needs another one refuses it. RFC 6750 pairs this `insufficient_scope` case with 403, yet many APIs answer 401.",
                check: &[
                    "Paste the token and read `scope` (or `scp`, `roles`); enter the scopes the API requires in the settings to compare.",
                    "Read the challenge: `error=\"insufficient_scope\"` with a `scope` parameter names what is missing.",
                ],
                fix_user: &["Sign in again and accept the permissions asked for; if consent is blocked, ask an administrator to grant it."],
                fix_server: &[
                    "Request the scopes the API needs at sign-in, and grant them to the client at the identity provider.",
                    "Answer a missing scope with 403 and `error=\"insufficient_scope\"`, naming the scope required.",
                ],
                references: &["RFC 6749 §3.3", "RFC 6750 §3.1"],
            },
            StepId::TokenSignature => &StepInfo {
                phase: Phase::Procedure,
                why: "An API trusts a token only when its signature verifies with the issuer's key under an algorithm the API allows. After a key rotation, an API holding an old copy of the key set cannot find the token's `kid` and refuses every token.",
                check: &[
                    "Paste the token: its header shows `alg` and `kid`.",
                    "Open the issuer's key set (its `jwks_uri`) in another tab, check a key with that `kid` is listed, and paste the set into the key panel to verify the signature here.",
                ],
                fix_user: &["Nothing to change on your side; sign in again once the issuer and the API agree on keys."],
                fix_server: &[
                    "Fetch the key set again when a token names an unknown `kid` (rate-limited), and publish a new key before signing with it.",
                    "Accept only the algorithms you expect, for example `RS256`, never whatever the token's header asks for.",
                ],
                references: &["RFC 7515 §4.1.4", "RFC 7517 §5", "RFC 8725 §3.1"],
            },
            StepId::Cookies => &StepInfo {
                phase: Phase::Procedure,
                why: "Browser sessions usually travel in a cookie. If it was never stored, has expired, or is held back by `SameSite`, `Secure`, `Domain` or `Path` rules or by third-party cookie blocking, the request reaches the server without it.",
                check: &[
                    "DevTools: Application, Cookies lists what is stored; the failing request's Cookies tab lists what was sent and why any cookie was filtered out.",
                    "Check that the session cookie appears after sign-in and that its `Domain` and `Path` cover the API's URL.",
                    "This page: paste the `Set-Cookie` responses and the failing request; it works out what a browser would have sent.",
                ],
                fix_user: &["Allow cookies for this site (third-party ones too, if the sign-in relies on them), or use a browser that allows them."],
                fix_server: &[
                    "For cross-site use, set `SameSite=None; Secure` and serve over HTTPS.",
                    "Use one cookie `Domain` for all subdomains that share a session, or move to a first-party flow.",
                ],
                references: &["RFC 6265bis §5.6.7", "RFC 6265bis §5.8.3", "RFC 6265bis §8.8"],
            },
            StepId::CorsPreflight => &StepInfo {
                phase: Phase::Procedure,
                why: "A cross-origin call that carries `Authorization` is preceded by an `OPTIONS` preflight without any credentials. If the server wants authentication there, or its CORS headers do not allow the origin, the header or credentials, the browser never sends the real request.",
                check: &[
                    "DevTools: find the `OPTIONS` request just before the failing call, check its status and `Access-Control-Allow-*` headers, and read the CORS message in the console.",
                    "curl: `curl -i -X OPTIONS -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: GET' -H 'Access-Control-Request-Headers: authorization' https://api.example.com/v1/me`",
                    "This page: enter the calling origin in the settings and paste the exchange; the CORS verdict and a suggested configuration appear.",
                ],
                fix_user: &["Nothing to fix in the browser: send the console message to the API's owner."],
                fix_server: &[
                    "Answer `OPTIONS` ahead of the authentication middleware, with 204, `Access-Control-Allow-Methods` and `Access-Control-Allow-Headers` naming `Authorization`.",
                    "With credentials, echo the exact origin (never `*`) and send `Access-Control-Allow-Credentials: true`, on 401 responses too.",
                ],
                references: &["Fetch: CORS-preflight fetch", "Fetch: CORS protocol and credentials"],
            },
            StepId::WwwAuthenticate => &StepInfo {
                phase: Phase::Procedure,
                why: "The challenge on a 401 names the scheme the server wants and, for bearer tokens, often the reason it refused (`invalid_token`, `insufficient_scope`, `invalid_request`); skipping it means guessing.",
                check: &[
                    "Copy the `WWW-Authenticate` header of the 401 (DevTools Headers pane, or `curl -i`).",
                    "This page: paste it; its scheme, realm, `error` and `error_description` are decoded.",
                ],
                fix_user: &["Do what the challenge asks: a new token for `invalid_token`, more permissions for `insufficient_scope`, another scheme if it names one."],
                fix_server: &[
                    "Send a challenge with every 401, such as `Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"`.",
                    "Let browser code read it: `Access-Control-Expose-Headers: WWW-Authenticate`.",
                ],
                references: &["RFC 9110 §11.6.1", "RFC 9110 §15.5.2", "RFC 6750 §3"],
            },
            StepId::IdentityProvider => &StepInfo {
                phase: Phase::Procedure,
                why: "The identity provider's settings decide which token the app receives: a wrong `client_id` or `redirect_uri`, missing scopes or audience, a broken PKCE exchange or a rotated signing key all end as 401s at the API.",
                check: &[
                    "In the provider's console, compare the app's `client_id`, allowed callback URLs, scopes and API audience with what the app sends.",
                    "DevTools: read the `/authorize` redirect and the token request for `client_id`, `redirect_uri`, `scope`, `code_challenge` and `code_verifier`.",
                    "This page: paste the tokens; the client, audience and scopes are compared with the settings you enter.",
                ],
                fix_user: &["Ask the app's administrator: these settings are outside the user's control."],
                fix_server: &[
                    "Register the exact redirect URI (scheme, host, port and path), request the scopes and audience the API needs, and send a `code_verifier` that matches the `code_challenge`.",
                    "After a deploy or a key rotation, check that client ids and secrets in the environment and the keys in the published key set are current.",
                ],
                references: &["RFC 6749 §3.1.2", "RFC 7636 §4", "OpenID Connect Core §3.1.2.1"],
            },
            StepId::ProxyGateway => &StepInfo {
                phase: Phase::Procedure,
                why: "A CDN, WAF, load balancer or reverse proxy can remove or rename `Authorization` and cookies, redirect to another origin (browsers then drop `Authorization`), rewrite paths, or send a 401 of its own.",
                check: &[
                    "Compare what the client sent with what the application logged as received; a header that vanished points at a hop in between.",
                    "Read `Via`, `Server` and CDN headers on the 401 to see which layer produced it.",
                    "Call the application directly, past the CDN or gateway, and compare the answers.",
                ],
                fix_user: &["Nothing to change locally; give the API's owner the request id and the time of the failure."],
                fix_server: &[
                    "Forward the header on every hop: nginx `proxy_set_header Authorization $http_authorization;`, Apache with PHP or CGI `CGIPassAuth On`.",
                    "Turn off header normalisation or WAF rules that strip bearer tokens, and check path rewrites and http-to-https redirects.",
                ],
                references: &["RFC 9110 §11.6.2", "RFC 9110 §7.6.3", "Fetch: HTTP-redirect fetch"],
            },
            StepId::RateLimit => &StepInfo {
                phase: Phase::Procedure,
                why: "After too many attempts some systems lock the account or throttle the client and answer 401 where 429 would be correct; every retry only lengthens the block.",
                check: &[
                    "Look for `Retry-After`, `RateLimit-*` or `X-RateLimit-*` headers on the refusal.",
                    "Check the login throttling, lockout and bot-protection dashboards for your account or IP address.",
                ],
                fix_user: &["Stop retrying, wait for the block to lift, then try once with the correct credentials."],
                fix_server: &[
                    "Answer throttling with 429 and `Retry-After`, never 401.",
                    "While troubleshooting, allow-list the test IP addresses, and remove them afterwards.",
                ],
                references: &["RFC 6585 §4", "RFC 9110 §10.2.3"],
            },
            StepId::SenderConstraint => &StepInfo {
                phase: Phase::Procedure,
                why: "A sender-constrained token is only half of the credential: the API also wants proof that the caller holds the key the token is bound to, a DPoP proof signed with it or the client certificate of the TLS connection. A correct token without that proof, or with a proof made for another request, is refused.",
                check: &[
                    "Look at the token's `cnf` claim: `jkt` binds it to a DPoP key, `x5t#S256` to a client certificate.",
                    "For DPoP, check that each request carries a fresh `DPoP` proof whose `htm` and `htu` match that request, and that the token is sent with the `DPoP` scheme, not `Bearer`.",
                    "For certificate-bound tokens, check that the client certificate reaches the API: a proxy that ends TLS must forward it.",
                ],
                fix_user: &[
                    "Send a new DPoP proof with every request, signed with the key the token was issued for, and retry with the server's `DPoP-Nonce` when it asks for one.",
                    "Present the same client certificate to the API that was used when the token was issued.",
                ],
                fix_server: &[
                    "Say which check failed in `error_description`, and send `DPoP-Nonce` with `use_dpop_nonce` when a nonce is required.",
                    "Where TLS ends at a proxy, forward the client certificate in a header only that proxy can set, and strip it from incoming requests.",
                ],
                references: &["RFC 9449 §4.3", "RFC 9449 §7.1", "RFC 8705 §3"],
            },
            StepId::RequestSignature => &StepInfo {
                phase: Phase::Procedure,
                why: "A signed request authenticates each request separately: the server rebuilds a canonical form of the request and computes the signature again. A header changed after signing, a path encoded differently, a clock that is off or a wrong secret gives a different signature, and the request is refused.",
                check: &[
                    "Compare the canonical request the server reports (in `SignatureDoesNotMatch`) with the one the client signed, line by line.",
                    "Check the credential scope: the date, the region of the endpoint and the service name.",
                    "Check the client's clock: AWS refuses a signature more than 15 minutes off.",
                    "For a request signed as a JWS (ACME), check that the protected header's `url` is the URL requested and its `nonce` is the server's latest.",
                ],
                fix_user: &[
                    "Sign the request as it is finally sent, after every header and the body are set, with the right access key and secret.",
                    "Synchronise the clock (NTP), then sign again.",
                ],
                fix_server: &["Return the canonical request and the string to sign when a signature does not match, as AWS does, so callers can find the difference."],
                references: &["AWS Signature Version 4", "RFC 9421 §3"],
            },
            StepId::Retest => &StepInfo {
                phase: Phase::Procedure,
                why: "Changing several things at once hides which one mattered; retesting after each change and writing down the result turns this incident into a quicker fix next time.",
                check: &[
                    "After each change, repeat the request in the browser and with curl.",
                    "Mark the step that fixed it here, and keep the request ids and times of failing and passing attempts.",
                ],
                fix_user: &["Still failing? Open a ticket with the request ids, the times and what you already tried."],
                fix_server: &[
                    "Add what fixed it to the team's runbook, and a test or synthetic monitor (sign-in and token refresh) that would catch it again.",
                ],
                references: &["RFC 9110 §15.5.2", "W3C Trace Context §3.2"],
            },
        }
    }
}

/// One step of the checklist in a report: what the evidence says, and the step's guidance.
///
/// The title and guidance are the step table's. The binary transfer form leaves them out and
/// deserialising takes them from the table again (where they are written, as in JSON, they must
/// be the table's); each evidence code is read as a finding code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistEntry {
    pub id: StepId,
    pub status: StepStatus,
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub title: &'static str,
    /// Codes of the findings behind the status, each once.
    pub evidence: Vec<&'static str>,
    /// Triage, quick check or procedure.
    pub phase: Phase,
    /// Why this step can cause a 401.
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub why: &'static str,
    /// How to check it.
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub check: &'static [&'static str],
    /// The fix for the person who got the 401.
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub fix_user: &'static [&'static str],
    /// The fix for the owner of the server, API or identity provider.
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub fix_server: &'static [&'static str],
    #[serde(serialize_with = "crate::serde_util::table_text")]
    pub references: &'static [&'static str],
    /// Set on one entry only, the first of the list: why this step is the most likely cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_likely: Option<String>,
}

impl ChecklistEntry {
    fn new(id: StepId, status: StepStatus, evidence: Vec<&'static str>) -> Self {
        let info = id.info();
        ChecklistEntry {
            id,
            status,
            title: id.title(),
            evidence,
            phase: info.phase,
            why: info.why,
            check: info.check,
            fix_user: info.fix_user,
            fix_server: info.fix_server,
            references: info.references,
            most_likely: None,
        }
    }
}

/// A [`ChecklistEntry`] as written, before its texts are matched to the step's table.
#[derive(Deserialize)]
struct EntryFields {
    id: StepId,
    status: StepStatus,
    title: Option<String>,
    evidence: Vec<String>,
    phase: Phase,
    why: Option<String>,
    check: Option<Vec<String>>,
    fix_user: Option<Vec<String>>,
    fix_server: Option<Vec<String>>,
    references: Option<Vec<String>>,
    most_likely: Option<String>,
}

impl<'de> Deserialize<'de> for ChecklistEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        EntryFields::deserialize(deserializer).and_then(|e| ChecklistEntry::try_from(e).map_err(serde::de::Error::custom))
    }
}

impl TryFrom<EntryFields> for ChecklistEntry {
    type Error = String;

    fn try_from(e: EntryFields) -> Result<Self, String> {
        let info = e.id.info();
        let same = |got: Option<Vec<String>>, want: &[&str]| got.is_none_or(|got| got.iter().map(String::as_str).eq(want.iter().copied()));
        if e.title.is_some_and(|title| title != e.id.title())
            || e.phase != info.phase
            || e.why.is_some_and(|why| why != info.why)
            || !same(e.check, info.check)
            || !same(e.fix_user, info.fix_user)
            || !same(e.fix_server, info.fix_server)
            || !same(e.references, info.references)
        {
            return Err(format!("checklist step {}: its guidance is not that of the step table", e.id.as_str()));
        }
        let evidence = e
            .evidence
            .iter()
            .map(|name| {
                name.parse::<Code>().map(Code::as_str).map_err(|()| format!("checklist step {}: unknown finding code {name:?} in its evidence", e.id.as_str()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut entry = ChecklistEntry::new(e.id, e.status, evidence);
        entry.most_likely = e.most_likely;
        Ok(entry)
    }
}

/// Builds the checklist from the findings and the steps that analysis checked and found fine.
///
/// A warning or error decides a step; info findings are listed as evidence but leave the status
/// as the checks found it. The list is ordered by evidence: failed steps first, then suspicious
/// ones, then the rest, each group in procedure order. The most likely cause, if any, is the
/// first entry and carries `most_likely`.
pub fn build(findings: &[Finding], checked: &[StepId]) -> Vec<ChecklistEntry> {
    let mut list: Vec<ChecklistEntry> = StepId::ALL
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
            ChecklistEntry::new(id, status, evidence)
        })
        .collect();
    order(&mut list);
    if let Some((id, why)) = most_likely(&list, findings) {
        if let Some(entry) = list.iter_mut().find(|e| e.id == id) {
            entry.most_likely = Some(why);
        }
    }
    list
}

/// Orders entries by evidence: `fail`, then `warn`, then `pass` and `unknown` together; within
/// each group the procedure's order holds.
pub fn order(list: &mut [ChecklistEntry]) {
    let group = |status: StepStatus| match status {
        StepStatus::Fail => 0,
        StepStatus::Warn => 1,
        StepStatus::Pass | StepStatus::Unknown => 2,
    };
    list.sort_by_key(|e| (group(e.status), e.id));
}

/// The most likely cause: the failed step that comes first in the procedure (triage before
/// quick checks before the investigation, so a 403 outranks an expired token), with one
/// sentence built from its first error, such as "Token has expired — `exp` was 2 h ago (JWT001)".
/// `None` when no step failed.
pub fn most_likely(checklist: &[ChecklistEntry], findings: &[Finding]) -> Option<(StepId, String)> {
    let step = checklist.iter().filter(|e| e.status == StepStatus::Fail).map(|e| e.id).min()?;
    let finding = findings.iter().find(|f| f.step == step && f.severity == Severity::Error).or_else(|| findings.iter().find(|f| f.step == step));
    let why = match finding {
        Some(f) if f.message.trim().is_empty() => format!("{} ({})", f.title, f.code),
        Some(f) => format!("{} — {} ({})", f.title, f.message.trim().trim_end_matches('.'), f.code),
        None => format!("{} — the evidence shows a failure here", step.title()),
    };
    Some((step, why))
}

/// One topic of the guidance for API and server owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Guidance {
    /// A stable id (`jwt-validation`, `proxies`, …).
    pub id: &'static str,
    pub title: &'static str,
    pub points: &'static [&'static str],
    pub references: &'static [&'static str],
}

/// What owners of an API, a gateway or an identity provider set up so that 401s are rare and,
/// when they happen, explain themselves.
pub fn server_guidance() -> &'static [Guidance] {
    &[
        Guidance {
            id: "jwt-validation",
            title: "JWT validation",
            points: &[
                "Pin the accepted algorithms in an allow-list (for example only `RS256`); never let the token's `alg` choose, and refuse `none`.",
                "Load the issuer's key set from its `jwks_uri`, cache it, and fetch it again when a token carries an unknown `kid` (at most every few minutes), so a key rotation does not lock everybody out.",
                "Allow 60 to 300 seconds of clock skew on `exp` and `nbf`, and keep every server on NTP.",
                "Check `aud` against this API's own identifier and `iss` against the exact issuer URL.",
                "After each deploy, confirm that the variables holding secrets, issuer and client ids are present; for Basic authentication, that the password file's path and permissions are right.",
            ],
            references: &["RFC 8725 §3.1", "RFC 8725 §3.9", "RFC 7517 §5", "RFC 7519 §4.1.4"],
        },
        Guidance {
            id: "oauth-oidc",
            title: "OAuth 2.0 and OpenID Connect",
            points: &[
                "Request every scope the API needs at sign-in, and grant those scopes to the client at the provider.",
                "Call APIs with the access token; the ID token is for the client to learn who signed in.",
                "Request tokens for the API's audience (`audience` or `resource`) and make the API check it.",
                "With PKCE, keep the `code_verifier` for the token request and send the `S256` `code_challenge` derived from it.",
                "Register redirect URIs exactly, scheme, host, port and path included.",
            ],
            references: &["RFC 6749 §3.3", "RFC 9068 §4", "RFC 8707 §2", "RFC 7636 §4", "OpenID Connect Core §2"],
        },
        Guidance {
            id: "sessions",
            title: "Sessions and cookies",
            points: &[
                "Keep the session store (Redis, a database) reachable and sized so it does not evict live sessions.",
                "Rotate session signing keys with an overlap: accept the old key while issuing with the new one, or every user is signed out at once.",
                "Use `SameSite=None; Secure` for cookies a cross-site sign-in needs, and one `Domain` for subdomains that share a session.",
            ],
            references: &["RFC 6265bis §5.6.7", "RFC 6265bis §8.8"],
        },
        Guidance {
            id: "cors",
            title: "CORS and preflight",
            points: &[
                "Answer `OPTIONS` preflights before authentication: with 204, the allowed methods, and `Access-Control-Allow-Headers` listing `Authorization`.",
                "Echo the caller's exact origin from an allow-list and add `Vary: Origin`; with credentials also send `Access-Control-Allow-Credentials: true` and never `*`.",
                "Send the CORS headers on error responses too (nginx: `add_header … always`), and expose `WWW-Authenticate` to scripts.",
            ],
            references: &["Fetch: CORS-preflight fetch", "Fetch: CORS protocol and credentials"],
        },
        Guidance {
            id: "proxies",
            title: "Proxies, CDNs and load balancers",
            points: &[
                "Forward `Authorization` upstream: nginx `proxy_set_header Authorization $http_authorization;`, Apache with PHP or CGI `CGIPassAuth On`, and the CDN's list of headers passed to the origin.",
                "Turn off header normalisation that drops unknown headers, and avoid underscores in header names.",
                "Watch for http-to-https and cross-origin redirects that lose cookies or `Authorization`, and for path rewrites that move protected routes.",
            ],
            references: &["RFC 9110 §11.6.2", "Fetch: HTTP-redirect fetch"],
        },
        Guidance {
            id: "waf",
            title: "WAF and bot protection",
            points: &[
                "Review recent rule changes when 401s spike; some rules treat bearer tokens as leaked secrets and block or strip them.",
                "Allow-list test addresses only for the time of an investigation, and avoid permanent shortcuts such as allowing every origin or disabling authentication.",
            ],
            references: &["RFC 9110 §15.5.2"],
        },
        Guidance {
            id: "status-codes",
            title: "The right status code",
            points: &[
                "401 only for missing or rejected credentials; 403 for a known caller without permission; 429 with `Retry-After` for throttling and lockouts.",
                "API routes answer 401 with a challenge; they do not redirect to an HTML sign-in page.",
            ],
            references: &["RFC 9110 §15.5.2", "RFC 9110 §15.5.4", "RFC 6585 §4"],
        },
        Guidance {
            id: "challenge",
            title: "A challenge that explains",
            points: &[
                "Send `WWW-Authenticate` with every 401, and for bearer tokens include `error` and `error_description`: `Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"`.",
                "Show the user a short, safe error code and the request id; keep the details for the log.",
            ],
            references: &["RFC 9110 §11.6.1", "RFC 6750 §3"],
        },
        Guidance {
            id: "logging",
            title: "Logging and monitoring",
            points: &[
                "Log why authentication failed (expired, wrong audience, missing scope, unknown `kid`) with the request id and client id.",
                "Never log tokens, passwords or secrets; a fingerprint or the first and last six characters is enough to match them up.",
                "Alert on spikes of 401s by route, client and region, and run synthetic sign-in and token refresh checks around the clock.",
                "Switch off extra debug logging once the incident is closed.",
            ],
            references: &["RFC 9110 §15.5.2", "W3C Trace Context §3.2"],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;

    #[test]
    fn every_step_id_of_the_contract_exists_once() {
        let contract = [
            "status-code",
            "scope-of-impact",
            "environment",
            "fresh-login",
            "account",
            "device-clock",
            "network-path",
            "capture",
            "authorization-header",
            "token-expiry",
            "token-audience",
            "token-type",
            "token-scope",
            "token-signature",
            "sender-constraint",
            "request-signature",
            "cookies",
            "cors-preflight",
            "www-authenticate",
            "identity-provider",
            "proxy-gateway",
            "rate-limit",
            "retest",
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
            Finding::new(Code::TokenExpiresSoon, "soon"),
            Finding::new(Code::TokenExpiredWithinSkew, "within skew"),
            Finding::new(Code::TokenExpired, "expired"),
            Finding::new(Code::TokenExpired, "expired again"),
            Finding::new(Code::TokenEncrypted, "encrypted"),
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
        let list = build(&[Finding::new(Code::TokenExpiredWithinSkew, "x")], &[StepId::TokenExpiry]);
        assert_eq!(list.iter().find(|e| e.id == StepId::TokenExpiry).unwrap().status, StepStatus::Warn);
    }

    #[test]
    fn every_step_has_all_its_content() {
        for &id in StepId::ALL {
            let info = id.info();
            assert!(!id.title().trim().is_empty(), "{}: title", id.as_str());
            assert!(!info.why.trim().is_empty(), "{}: why", id.as_str());
            for (name, list) in [("check", info.check), ("fix_user", info.fix_user), ("fix_server", info.fix_server), ("references", info.references)] {
                assert!(!list.is_empty(), "{}: {name} is empty", id.as_str());
                assert!(list.iter().all(|item| !item.trim().is_empty()), "{}: an item of {name} is blank", id.as_str());
            }
            // Backticks come in pairs, or the page would show code running to the end of the text.
            for text in std::iter::once(info.why).chain(info.check.iter().copied()).chain(info.fix_user.iter().copied()).chain(info.fix_server.iter().copied())
            {
                assert_eq!(text.matches('`').count() % 2, 0, "{}: unbalanced backticks in {text:?}", id.as_str());
            }
        }
        let entry = &build(&[], &[])[0];
        let json = serde_json::to_value(entry).unwrap();
        for field in ["id", "status", "title", "evidence", "phase", "why", "check", "fix_user", "fix_server", "references"] {
            assert!(json.get(field).is_some(), "the JSON entry lacks {field}");
        }
        assert!(json.get("most_likely").is_none(), "no cause without a failure");
    }

    #[test]
    fn the_status_code_step_corrects_the_access_control_myth() {
        let info = StepId::StatusCode.info();
        assert!(info.why.contains("403") && info.why.contains("RFC 9110 §15.5.4"));
        assert!(info.references.contains(&"RFC 9110 §15.5.4"));
        assert_eq!(info.phase, Phase::Triage);
        assert_eq!(StepId::ScopeOfImpact.info().phase, Phase::Triage);
        assert_eq!(StepId::Retest.info().phase, Phase::Procedure);
    }

    #[test]
    fn server_guidance_covers_the_topics() {
        let guide = server_guidance();
        let all: String = guide.iter().flat_map(|g| g.points.iter().copied()).collect::<Vec<_>>().join("\n");
        for needle in [
            "allow-list",
            "`kid`",
            "60 to 300 seconds",
            "PKCE",
            "session store",
            "proxy_set_header Authorization $http_authorization;",
            "CGIPassAuth On",
            "429",
            "error_description",
            "Never log tokens",
            "WAF",
            "Access-Control-Allow-Credentials",
        ] {
            assert!(all.contains(needle) || guide.iter().any(|g| g.title.contains(needle)), "server guidance lacks {needle}");
        }
        let mut ids: Vec<_> = guide.iter().map(|g| g.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), guide.len(), "guidance ids are unique");
        assert!(guide.iter().all(|g| !g.title.is_empty() && !g.points.is_empty() && !g.references.is_empty()));
    }

    #[test]
    fn failed_steps_come_first_then_warnings_then_procedure_order() {
        let findings = vec![
            Finding::new(Code::CorsNoAllowOrigin, "no allow-origin"),
            Finding::new(Code::MissingChallenge, "no challenge"),
            Finding::new(Code::TokenExpired, "`exp` was 2 h ago"),
            Finding::new(Code::TokenIssuedInFuture, "issued in the future"),
            Finding::new(Code::TokenEncrypted, "encrypted"),
        ];
        let list = build(&findings, &[StepId::Capture, StepId::AuthorizationHeader]);
        assert_eq!(list.len(), StepId::ALL.len());
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(&ids[..4], &["token-expiry", "cors-preflight", "device-clock", "www-authenticate"]);
        let statuses: Vec<StepStatus> = list.iter().map(|e| e.status).collect();
        let group = |s: StepStatus| match s {
            StepStatus::Fail => 0,
            StepStatus::Warn => 1,
            _ => 2,
        };
        assert!(statuses.windows(2).all(|w| group(w[0]) <= group(w[1])), "{statuses:?}");
        // The undecided and passed steps keep the procedure's order among themselves.
        let rest: Vec<StepId> = list[4..].iter().map(|e| e.id).collect();
        let mut sorted = rest.clone();
        sorted.sort();
        assert_eq!(rest, sorted);
        assert_eq!(list.iter().position(|e| e.id == StepId::StatusCode), Some(4));
    }

    #[test]
    fn the_most_likely_cause_is_the_first_failed_step_with_its_first_error() {
        let findings = vec![
            Finding::new(Code::TokenExpiresSoon, "`exp` is in 20 s"),
            Finding::new(Code::CorsNoAllowOrigin, "no allow-origin"),
            Finding::new(Code::TokenExpired, "`exp` was 2 h ago (2025-11-24 14:00:00 UTC)"),
            Finding::new(Code::TokenNeverValid, "never valid"),
        ];
        let list = build(&findings, &[]);
        assert_eq!(list[0].id, StepId::TokenExpiry);
        let why = list[0].most_likely.as_deref().unwrap();
        assert_eq!(why, "Token has expired — `exp` was 2 h ago (2025-11-24 14:00:00 UTC) (JWT001)");
        assert!(list[1..].iter().all(|e| e.most_likely.is_none()));
        assert_eq!(most_likely(&list, &findings), Some((StepId::TokenExpiry, why.to_string())));
        let json = serde_json::to_value(&list[0]).unwrap();
        assert_eq!(json["most_likely"], why);

        // A 403 is found in triage, which comes before the token: it is the likelier explanation.
        let mut with_403 = findings.clone();
        with_403.push(Finding::new(Code::Forbidden, "The response is 403 Forbidden"));
        let list = build(&with_403, &[]);
        assert_eq!(list[0].id, StepId::StatusCode);
        assert_eq!(most_likely(&list, &with_403).unwrap().1, "403 Forbidden, not 401 — The response is 403 Forbidden (HTTP002)");

        // Warnings alone name no cause.
        let warnings = vec![Finding::new(Code::TokenExpiredWithinSkew, "within skew")];
        let list = build(&warnings, &[]);
        assert_eq!(list[0].status, StepStatus::Warn);
        assert_eq!(most_likely(&list, &warnings), None);
        assert!(list.iter().all(|e| e.most_likely.is_none()));
        assert_eq!(most_likely(&build(&[], &[]), &[]), None);
    }
}
