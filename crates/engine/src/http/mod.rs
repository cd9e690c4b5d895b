//! HTTP exchanges: the messages in pasted text and what they say about the failure.

pub mod connection;
pub mod cors_flow;
pub mod curl;
pub mod devtools;
pub mod exchange;
pub mod fetch;
pub mod har;
pub mod message;
pub mod pydebug;
pub mod replay;
