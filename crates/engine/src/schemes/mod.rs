//! Authentication schemes with messages of their own to decode and check.

pub mod negotiate;
pub mod ntlm;
pub mod proxy;
