//! Fixtures about messages that say more than their cause: a client with no credentials for the
//! server it called.

fixtures!(RECALL:
    "messages/credentials-not-configured",
);
