//! Fixtures about the browser's cookie rules beyond RFC 6265bis: the credentials mode read from
//! a HAR, third-party cookie settings, partitioned cookies, Chromium's two-minute allowance and
//! its same-site rule for navigations.

fixtures!(COOKIE_BROWSER:
    "har/credentials-seen-missing",
    "har/login-without-credentials",
    "har/partitioned-other-top-level",
    "har/lax-allowing-unsafe",
    "har/lax-allowing-unsafe-expired",
    "har/navigation-bounced-strict-cookie",
    "cookies/third-party-blocked",
    "cookies/first-party-cookie-in-third-party-context",
    "cookies/no-samesite-firefox",
    "har/credentials-from-fetch-metadata",
    "cors/preflight-sets-cookie-bearer-refused",
    "cors/preflight-sets-session-cookie",
);
