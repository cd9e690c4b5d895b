//! JOSE: algorithms, keys, the verification primitive and the signature policy around it.

pub mod alg;
pub mod json;
pub mod jwe;
pub mod key;
pub mod signature;
pub mod verify;
