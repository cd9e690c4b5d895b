//! One-line explanations of registered and common vendor claims and header parameters, shown
//! beside a decoded token. Sources: RFC 7515/7516/7519, OpenID Connect Core, RFC 9068,
//! RFC 8693, RFC 8705, RFC 9449, and the documentation of Microsoft Entra ID, Google, Auth0,
//! Okta, Keycloak and Amazon Cognito.

/// What a payload claim means, if it is one this dictionary knows.
pub fn claim(name: &str) -> Option<&'static str> {
    let text = match name {
        "iss" => "Issuer: who created and signed the token (RFC 7519)",
        "sub" => "Subject: the user or client the token is about (RFC 7519)",
        "aud" => "Audience: the API or APIs that may accept the token (RFC 7519)",
        "exp" => "Expiry: the token must be refused from this moment on (RFC 7519)",
        "nbf" => "Not before: the token must be refused before this moment (RFC 7519)",
        "iat" => "Issued at: when the token was created (RFC 7519)",
        "jti" => "Token id: unique per token, lets an API spot replays (RFC 7519)",
        "scope" => "Granted scopes, separated by spaces (RFC 8693, RFC 9068)",
        "client_id" => "The OAuth client the token was issued to (RFC 8693, RFC 9068)",
        "act" => "Actor: who is acting on behalf of the subject, after token exchange (RFC 8693)",
        "may_act" => "Who is allowed to act on behalf of the subject (RFC 8693)",
        "cnf" => "Confirmation: the key the token is bound to (mTLS `x5t#S256` per RFC 8705, DPoP `jkt` per RFC 9449); the API must see proof of that key",
        "nonce" => "Value from the sign-in request, echoed in ID tokens against replay (OpenID Connect)",
        "auth_time" => "When the user last actively signed in (OpenID Connect)",
        "acr" => "How strongly the user was authenticated (OpenID Connect)",
        "amr" => "Methods used to authenticate, such as `pwd` or `mfa` (RFC 8176)",
        "azp" => "Authorized party: the client the token was issued to (OpenID Connect)",
        "at_hash" => "Hash of the access token issued alongside this ID token (OpenID Connect)",
        "c_hash" => "Hash of the authorization code issued alongside this ID token (OpenID Connect)",
        "sid" => "Sign-in session id at the identity provider (OpenID Connect)",
        "name" | "given_name" | "family_name" | "middle_name" | "nickname" => "The user's name as the identity provider knows it (OpenID Connect)",
        "preferred_username" => "The name the user signs in with; not guaranteed unique (OpenID Connect)",
        "email" => "The user's email address (OpenID Connect)",
        "email_verified" => "Whether the identity provider verified the email address (OpenID Connect)",
        "phone_number" | "phone_number_verified" => "The user's phone number, and whether it was verified (OpenID Connect)",
        "picture" | "profile" | "website" => "Links about the user (OpenID Connect)",
        "locale" | "zoneinfo" => "The user's language and time zone (OpenID Connect)",
        "updated_at" => "When the user's profile last changed (OpenID Connect)",
        "tid" => "Microsoft Entra: the tenant (directory) that issued the token",
        "oid" => "Microsoft Entra: the user's or app's object id, stable across applications",
        "scp" => "Granted scopes (Microsoft Entra, Okta): delegated permissions",
        "roles" => "Roles or application permissions granted to the user or app",
        "ver" => "Token format version: Microsoft Entra `1.0` or `2.0` tokens have different issuers and claims",
        "appid" => "Microsoft Entra v1: the client the token was issued to",
        "upn" | "unique_name" => "Microsoft Entra: the user's sign-in name",
        "idp" => "The identity provider that authenticated the user",
        "wids" => "Microsoft Entra: directory roles of the user",
        "groups" => "Groups the user belongs to; large sets are often left out and must be fetched",
        "uti" | "rh" | "aio" => "Microsoft Entra: internal values, not for the API to check",
        "hd" => "Google: the hosted domain (Google Workspace) of the account",
        "permissions" => "Auth0 role-based access control: permissions granted for this API",
        "gty" => "Auth0: the grant type that produced the token, such as `client-credentials`",
        "cid" => "Okta: the client the token was issued to",
        "uid" => "Okta: the user's id",
        "realm_access" => "Keycloak: realm roles of the user",
        "resource_access" => "Keycloak: roles of the user per client",
        "typ" => "Keycloak: the token type, `Bearer` for access tokens and `ID` for ID tokens",
        "session_state" => "Keycloak: the sign-in session",
        "allowed-origins" => "Keycloak: browser origins the client may call from (CORS)",
        "token_use" => "Amazon Cognito: `access` or `id`; APIs expect `access`",
        "cognito:groups" => "Amazon Cognito: the user's groups",
        "cognito:username" | "username" => "Amazon Cognito: the user's name in the user pool",
        "origin_jti" | "event_id" => "Amazon Cognito: ids of the sign-in event behind the token",
        _ if name.starts_with("https://") || name.starts_with("http://") => {
            "A namespaced custom claim (as Auth0 requires); its meaning is defined by the issuer"
        }
        _ if name.starts_with("xms_") => "Microsoft Entra: an optional claim",
        _ => return None,
    };
    Some(text)
}

/// What a JOSE header parameter means, if it is a registered one.
pub fn header(name: &str) -> Option<&'static str> {
    let text = match name {
        "alg" => "Algorithm that signed (or encrypted) the token; the API must only accept the ones it expects",
        "typ" => "Media type of the whole token: `JWT`, or `at+jwt` for access tokens (RFC 9068)",
        "cty" => "Content type: `JWT` when the payload is itself a token (nesting)",
        "kid" => "Key id: which of the issuer's keys signed the token; it must be in the issuer's JWK Set",
        "jku" => "URL of a key set, chosen by whoever made the token: never trust it",
        "jwk" => "A public key embedded by whoever made the token: never trust it",
        "x5u" => "URL of a certificate, chosen by whoever made the token: never trust it",
        "x5c" => "Certificate chain of the signing key; valid only if it leads to a trusted certificate",
        "x5t" | "x5t#S256" => "Thumbprint of the signing certificate (SHA-1 or SHA-256)",
        "crit" => "Extensions the verifier must understand, or else refuse the token",
        "b64" => "`false` means the payload is signed without base64url encoding (RFC 7797)",
        "enc" => "Content encryption algorithm of an encrypted token (JWE)",
        "zip" => "Compression applied before encryption (JWE)",
        "epk" | "apu" | "apv" => "Key agreement parameters of an ECDH-ES encrypted token (JWE)",
        "iv" | "tag" => "Parameters of AES-GCM key wrapping (JWE)",
        "p2s" | "p2c" => "Salt and iteration count of password-based key wrapping (JWE)",
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_names_are_explained() {
        for name in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "cnf", "act", "scp", "tid", "token_use", "realm_access"] {
            assert!(claim(name).is_some(), "{name}");
        }
        for name in ["alg", "kid", "typ", "crit", "x5c", "jku"] {
            assert!(header(name).is_some(), "{name}");
        }
        assert!(claim("https://example.com/roles").unwrap().contains("namespaced"));
        assert_eq!(claim("favourite_colour"), None);
        assert_eq!(header("exp"), None);
    }

    #[test]
    fn explanations_follow_the_style() {
        let names = ["iss", "aud", "cnf", "amr", "token_use", "x", "alg", "jku"];
        for text in names.iter().filter_map(|n| claim(n).or_else(|| header(n))) {
            assert!(!text.ends_with('.'), "{text}");
            assert!(text.chars().next().is_some_and(char::is_uppercase), "{text}");
        }
    }
}
