//! HTTP authentication headers, one file per header.

pub mod www_authenticate;
