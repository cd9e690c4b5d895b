//! Authentication schemes whose rules go beyond the `Authorization` header's own text:
//! credentials computed from a challenge and the request (Digest, NTLM, Negotiate), proxy
//! authentication, and signed requests (AWS Signature V4).

pub mod digest;
pub mod negotiate;
pub mod ntlm;
pub mod proxy;
pub mod sigv4;
