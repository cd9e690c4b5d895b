//! Fixtures about the CORS rules engines disagree on, redirects that make the origin `null`,
//! and the blocked entries a CORS failure leaves in a HAR file.

fixtures!(CORS_BROWSER:
    "cors/redirect-taints-origin",
    "cors/redirect-taints-origin-null-allowed",
    "cors/allow-headers-star-chromium",
    "cors/allow-headers-star-safari",
    "cors/allow-headers-star-both-explained",
    "cors/allow-headers-named-all-browsers",
    "har/cors-blocked-needs-preflight",
    "har/cors-blocked-origin-from-document",
    "har/cors-blocked-preflight-captured",
    "har/blocked-by-extension",
    "har/network-error-not-cors",
    "har/cors-fetch-allowed",
);
