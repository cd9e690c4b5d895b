//! What the caller tells the engine about the world: the time, and how much clock skew to allow.

/// The clock-skew allowance used when the caller does not choose one.
pub const DEFAULT_SKEW: u64 = 60;

/// The caller's view of the world. The engine reads no clock: `now` always comes from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The current time, in seconds since 1970-01-01 UTC.
    pub now: i64,
    /// How many seconds of disagreement between clocks to tolerate in time checks.
    pub skew: u64,
}

impl Context {
    pub fn new(now: i64) -> Self {
        Self { now, skew: DEFAULT_SKEW }
    }

    pub fn with_skew(mut self, skew: u64) -> Self {
        self.skew = skew;
        self
    }
}
