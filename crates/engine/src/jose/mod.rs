//! JOSE: algorithms, keys, elliptic-curve points, the verification primitive and the signature
//! policy around it.

pub mod alg;
pub mod ec;
pub mod json;
pub mod jwe;
pub mod key;
pub mod signature;
pub mod verify;
