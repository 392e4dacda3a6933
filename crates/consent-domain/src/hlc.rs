//! The hybrid logical clock that orders events across desks.
//!
//! Desks' wall clocks drift, so a plain timestamp can order a cause after its effect once events from
//! several desks meet. A hybrid logical clock stays close to wall time, never goes backwards on one
//! desk, and moves past every timestamp the desk has seen from others, so "happened before" is always
//! "sorts before". Ties between desks are broken by desk id and sequence number (see
//! [`crate::event::EventKey`]).

use std::fmt;

/// A hybrid logical clock reading: milliseconds of wall time plus a counter for events within the same
/// millisecond (or while the wall clock lags behind what the desk has already seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch (UTC).
    pub wall_ms: u64,
    /// Orders readings that share `wall_ms`.
    pub counter: u32,
}

impl Hlc {
    pub const fn new(wall_ms: u64, counter: u32) -> Hlc {
        Hlc { wall_ms, counter }
    }

    /// The reading for a new local event, given the last reading and the wall clock now.
    pub fn tick(self, now_ms: u64) -> Hlc {
        if now_ms > self.wall_ms {
            Hlc::new(now_ms, 0)
        } else {
            self.bump()
        }
    }

    /// The reading after receiving an event stamped `remote`: later than both.
    pub fn observe(self, remote: Hlc, now_ms: u64) -> Hlc {
        let latest = self.max(remote);
        if now_ms > latest.wall_ms {
            Hlc::new(now_ms, 0)
        } else {
            latest.bump()
        }
    }

    fn bump(self) -> Hlc {
        match self.counter.checked_add(1) {
            Some(counter) => Hlc::new(self.wall_ms, counter),
            // Four billion events in one millisecond cannot happen; borrowing a millisecond keeps the
            // clock monotonic even so.
            None => Hlc::new(self.wall_ms + 1, 0),
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:04}", self.wall_ms, self.counter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_the_wall_clock_and_never_goes_back() {
        let cases = [
            // (last, now, expected)
            (Hlc::new(100, 0), 200, Hlc::new(200, 0)),
            (Hlc::new(100, 3), 100, Hlc::new(100, 4)),
            (Hlc::new(100, 3), 50, Hlc::new(100, 4)),
            (Hlc::new(100, u32::MAX), 90, Hlc::new(101, 0)),
        ];
        for (last, now, expected) in cases {
            assert_eq!(last.tick(now), expected, "tick({last}, {now})");
            assert!(last.tick(now) > last, "monotonic for {last}, {now}");
        }
    }

    #[test]
    fn observe_moves_past_remote_readings() {
        let cases = [
            // (local, remote, now, expected)
            (Hlc::new(100, 0), Hlc::new(500, 7), 200, Hlc::new(500, 8)),
            (Hlc::new(600, 2), Hlc::new(500, 7), 200, Hlc::new(600, 3)),
            (Hlc::new(100, 0), Hlc::new(150, 9), 900, Hlc::new(900, 0)),
        ];
        for (local, remote, now, expected) in cases {
            let next = local.observe(remote, now);
            assert_eq!(next, expected, "observe({local}, {remote}, {now})");
            assert!(next > local && next > remote);
        }
    }
}
