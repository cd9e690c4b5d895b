//! Fixtures about certificate-bound tokens (RFC 8705) and metadata documents: protected-resource
//! metadata and resource indicators (RFC 9728, RFC 8707), server metadata (RFC 8414, OpenID
//! Connect Discovery).

fixtures!(METADATA:
    "mtls/bound-token-tls-ends-at-proxy",
    "mtls/cert-matches",
    "mtls/cert-mismatch",
    "mtls/client-cert-flag-mismatch",
    "mtls/envoy-xfcc-matches",
    "mtls/envoy-xfcc-other-certificate",
    "mtls/forwarded-cert-unreadable",
    "mtls/nginx-escaped-cert-header-empty",
    "mtls/rfc9440-client-cert-matches",
    "mtls/sha1-thumbprint-only",
    "mtls/thumbprint-in-hex",
    "metadata/entra-v1-token-v2-metadata",
    "metadata/google-id-token-alg-not-advertised",
    "metadata/google-public-client-not-accepted",
    "metadata/kid-not-in-pasted-key-set",
    "metadata/mcp-exchange-accepted",
    "metadata/mcp-issuer-not-listed",
    "metadata/mcp-no-resource-audience-is-client",
    "metadata/mcp-no-resource-parameter",
    "metadata/mcp-pkce-plain-refused",
    "metadata/mcp-resource-is-another-url",
    "metadata/mcp-resource-trailing-slash",
    "metadata/mcp-scope-not-supported",
    "metadata/mcp-server-without-pkce-methods",
    "metadata/mcp-token-endpoint-elsewhere",
    "metadata/mcp-token-in-query",
    "metadata/okta-issuer-from-metadata",
    "metadata/rfc9728-example-malformed-resource",
);
