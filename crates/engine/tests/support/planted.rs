//! Secrets the tests plant in pastes, to check where they go (the JSON and Markdown reports must
//! never carry them; the page's transfer form must).

// Each test binary that includes the support module uses some of these, or none.
#![allow(dead_code)]

pub const NOW: i64 = 1_764_000_000;

/// {"alg":"HS256","typ":"JWT"} . {"sub":"alice@example.com","aud":"api","exp":1764003600} . signature
pub const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSIsImF1ZCI6ImFwaSIsImV4cCI6MTc2NDAwMzYwMH0.Zm9yZ2VkLXNpZ25hdHVyZS1ieXRlcy0xMjM0NTY3ODk";
pub const SIGNATURE: &str = "Zm9yZ2VkLXNpZ25hdHVyZS1ieXRlcy0xMjM0NTY3ODk";
pub const PASSWORD: &str = "Tr0ub4dor-and-3-horses";
pub const SESSION: &str = "s3ss10n-v4lue-7f3a9c2e4b1d";
pub const SET_SESSION: &str = "n3w-s3ss10n-0b7e44a1c9";
pub const QUERY_TOKEN: &str = "q8ZtWm3kP0xYvR2nL5sJ7dHf";
pub const AUTH_CODE: &str = "SplxlOBeZQQYbYS6WxSbIA";
pub const HMAC: &str = "hmac-secret-that-signs-tokens-42";
