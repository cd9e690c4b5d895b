//! Fixtures from a review of the CLI as a new user would use it: a password or token that the
//! paste masked or the client did not use, proxy refusals told once, headers inside JSON log
//! lines and Windows line ends. Each is a real capture of its area (see that area's list) with
//! the one change the review was about: a password typed that is not the client's, a value
//! masked with `xxxx` or cut with `...`, a header moved into a JSON-escaped log member.

fixtures!(REVIEW:
    "dpop/ath-token-masked",
    "ntlm/accepted-other-password-typed",
    "ntlm/response-masked-not-recomputed",
    "headers/json-log-digest-escaped",
    "headers/json-log-bearer-member",
    "http/curl-windows-cr-cr-lf",
);
