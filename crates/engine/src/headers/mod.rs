//! HTTP authentication headers, one file per header.

pub mod authorization;
pub mod challenge;
pub mod www_authenticate;
