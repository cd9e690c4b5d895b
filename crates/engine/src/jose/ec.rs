//! Elliptic-curve point arithmetic shared by the key reader (`key.rs`: is a JWK's point on its
//! curve, the coordinates of a SEC1 point, the public point of a private scalar) and the
//! verification primitive (`verify.rs`).
//!
//! Within `jose` it depends only on the curve names (`alg.rs`).

use super::alg::Curve;

/// The uncompressed SEC1 encoding of (x, y): `04 || x || y`.
pub(super) fn sec1_point(x: &[u8], y: &[u8]) -> Vec<u8> {
    let mut point = Vec::with_capacity(x.len().saturating_add(y.len()).saturating_add(1));
    point.push(4);
    point.extend_from_slice(x);
    point.extend_from_slice(y);
    point
}

/// Fails when (x, y) is not a point of the curve.
pub fn check_point(curve: Curve, x: &[u8], y: &[u8]) -> Result<(), String> {
    let point = sec1_point(x, y);
    let ok = match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(&point).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(&point).is_ok(),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(&point).is_ok(),
        Curve::Secp256k1 => k256::PublicKey::from_sec1_bytes(&point).is_ok(),
        Curve::Ed25519 => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("the point is not on the curve {}", curve.name()))
    }
}

fn split_uncompressed(encoded: &[u8]) -> (Vec<u8>, Vec<u8>) {
    // An uncompressed SEC1 point is `04 || x || y`; an empty slice gives empty coordinates,
    // which no curve accepts.
    let coordinates = encoded.get(1..).unwrap_or_default();
    let (x, y) = coordinates.split_at(coordinates.len() / 2);
    (x.to_vec(), y.to_vec())
}

/// The coordinates of a SEC1-encoded point (compressed or not), checked to lie on the curve.
pub fn uncompressed(curve: Curve, sec1: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    use elliptic_curve_point as ecp;
    let encoded = match curve {
        Curve::P256 => ecp::<p256::NistP256>(sec1),
        Curve::P384 => ecp::<p384::NistP384>(sec1),
        Curve::P521 => ecp::<p521::NistP521>(sec1),
        Curve::Secp256k1 => ecp::<k256::Secp256k1>(sec1),
        Curve::Ed25519 => None,
    };
    encoded.map(|e| split_uncompressed(&e)).ok_or_else(|| format!("the point is not on the curve {}", curve.name()))
}

fn elliptic_curve_point<C>(sec1: &[u8]) -> Option<Vec<u8>>
where
    C: p256::elliptic_curve::CurveArithmetic,
    C::AffinePoint: p256::elliptic_curve::sec1::FromEncodedPoint<C> + p256::elliptic_curve::sec1::ToEncodedPoint<C>,
    C::FieldBytesSize: p256::elliptic_curve::sec1::ModulusSize,
{
    let key = p256::elliptic_curve::PublicKey::<C>::from_sec1_bytes(sec1).ok()?;
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    Some(key.to_encoded_point(false).as_bytes().to_vec())
}

/// The public point of a private scalar.
pub fn public_point_of(curve: Curve, scalar: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    fn derive<C>(scalar: &[u8]) -> Option<Vec<u8>>
    where
        C: p256::elliptic_curve::CurveArithmetic,
        C::AffinePoint: p256::elliptic_curve::sec1::FromEncodedPoint<C> + p256::elliptic_curve::sec1::ToEncodedPoint<C>,
        C::FieldBytesSize: p256::elliptic_curve::sec1::ModulusSize,
    {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let secret = p256::elliptic_curve::SecretKey::<C>::from_slice(scalar).ok()?;
        Some(secret.public_key().to_encoded_point(false).as_bytes().to_vec())
    }
    let encoded = match curve {
        Curve::P256 => derive::<p256::NistP256>(scalar),
        Curve::P384 => derive::<p384::NistP384>(scalar),
        Curve::P521 => derive::<p521::NistP521>(scalar),
        Curve::Secp256k1 => derive::<k256::Secp256k1>(scalar),
        Curve::Ed25519 => None,
    };
    encoded.map(|e| split_uncompressed(&e)).ok_or_else(|| format!("the private key is not a valid {} scalar", curve.name()))
}
