//! Request-signing schemes whose rules go beyond the `Authorization` header's own text.

pub mod sigv4;
