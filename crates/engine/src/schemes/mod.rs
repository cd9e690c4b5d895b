//! Authentication schemes whose credentials are computed from a challenge and the request.

pub mod digest;
