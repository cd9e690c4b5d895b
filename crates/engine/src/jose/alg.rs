//! JWS signature algorithms (RFC 7518 §3, RFC 8037, RFC 8812, and the fully-specified `Ed25519`
//! of draft-ietf-jose-fully-specified-algorithms).

/// An elliptic curve a JWS algorithm or a key can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
        }
    }

    pub fn from_name(name: &str) -> Option<Curve> {
        [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1, Curve::Ed25519].into_iter().find(|c| c.name() == name)
    }

    /// Bytes of one coordinate (and of `r` and `s` in a JWS signature).
    pub fn field_bytes(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// How an algorithm signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Hmac,
    RsaPkcs1,
    RsaPss,
    Ecdsa(Curve),
    EdDsa,
    /// ML-DSA (FIPS 204) at security level 44, 65 or 87.
    MlDsa(u8),
}

/// A JWS `alg` this engine can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
    Es256,
    Es384,
    Es512,
    Es256k,
    EdDsa,
    Ed25519,
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

impl Alg {
    pub const ALL: [Alg; 18] = [
        Alg::Hs256,
        Alg::Hs384,
        Alg::Hs512,
        Alg::Rs256,
        Alg::Rs384,
        Alg::Rs512,
        Alg::Ps256,
        Alg::Ps384,
        Alg::Ps512,
        Alg::Es256,
        Alg::Es384,
        Alg::Es512,
        Alg::Es256k,
        Alg::EdDsa,
        Alg::Ed25519,
        Alg::MlDsa44,
        Alg::MlDsa65,
        Alg::MlDsa87,
    ];

    /// The registered name. Names are case-sensitive (RFC 7515 §4.1.1).
    pub fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
            Alg::Ps256 => "PS256",
            Alg::Ps384 => "PS384",
            Alg::Ps512 => "PS512",
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
            Alg::Es512 => "ES512",
            Alg::Es256k => "ES256K",
            Alg::EdDsa => "EdDSA",
            Alg::Ed25519 => "Ed25519",
            Alg::MlDsa44 => "ML-DSA-44",
            Alg::MlDsa65 => "ML-DSA-65",
            Alg::MlDsa87 => "ML-DSA-87",
        }
    }

    pub fn from_name(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// A registered name written in other letter case (`hs256`), which strict libraries refuse.
    pub fn from_name_ignoring_case(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }

    pub fn family(self) -> Family {
        match self {
            Alg::Hs256 | Alg::Hs384 | Alg::Hs512 => Family::Hmac,
            Alg::Rs256 | Alg::Rs384 | Alg::Rs512 => Family::RsaPkcs1,
            Alg::Ps256 | Alg::Ps384 | Alg::Ps512 => Family::RsaPss,
            Alg::Es256 => Family::Ecdsa(Curve::P256),
            Alg::Es384 => Family::Ecdsa(Curve::P384),
            Alg::Es512 => Family::Ecdsa(Curve::P521),
            Alg::Es256k => Family::Ecdsa(Curve::Secp256k1),
            Alg::EdDsa | Alg::Ed25519 => Family::EdDsa,
            Alg::MlDsa44 => Family::MlDsa(44),
            Alg::MlDsa65 => Family::MlDsa(65),
            Alg::MlDsa87 => Family::MlDsa(87),
        }
    }

    /// Output size of the hash the algorithm uses, in bytes (the minimum HMAC key size).
    pub fn hash_bytes(self) -> usize {
        match self {
            Alg::Hs256 | Alg::Rs256 | Alg::Ps256 | Alg::Es256 | Alg::Es256k => 32,
            Alg::Hs384 | Alg::Rs384 | Alg::Ps384 | Alg::Es384 => 48,
            Alg::Hs512 | Alg::Rs512 | Alg::Ps512 | Alg::Es512 | Alg::EdDsa | Alg::Ed25519 | Alg::MlDsa44 | Alg::MlDsa65 | Alg::MlDsa87 => 64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in Alg::ALL {
            assert_eq!(Alg::from_name(alg.name()), Some(alg));
        }
        assert_eq!(Alg::from_name("hs256"), None);
        assert_eq!(Alg::from_name_ignoring_case("hs256"), Some(Alg::Hs256));
        assert_eq!(Alg::from_name("none"), None);
    }

    #[test]
    fn families_and_curves() {
        assert_eq!(Alg::Es512.family(), Family::Ecdsa(Curve::P521));
        assert_eq!(Curve::P521.field_bytes(), 66);
        assert_eq!(Curve::from_name("secp256k1"), Some(Curve::Secp256k1));
        assert_eq!(Alg::Ed25519.family(), Alg::EdDsa.family());
    }
}
