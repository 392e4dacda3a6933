//! A limit on sign-in attempts: guessing a colleague's password on a shared PC must be slow.
//!
//! Per login (as typed, case and spaces ignored, whether or not the account exists, so the pause says
//! nothing about which logins are real): the first [`FREE_ATTEMPTS`] failures cost nothing; each
//! further failure pauses that login for [`FIRST_PAUSE_MS`], doubling up to [`LONGEST_PAUSE_MS`].
//! A successful sign-in clears the count. The count lives in memory: restarting the app is itself
//! slow and logged, and the argon2id hash makes each guess cost ~0.1 s anyway.

use std::collections::HashMap;

use crate::ServiceError;

/// Failures allowed before the first pause.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first pause.
pub const FIRST_PAUSE_MS: u64 = 30_000;
/// The longest pause (15 minutes).
pub const LONGEST_PAUSE_MS: u64 = 15 * 60_000;
/// How many logins are remembered at most (a flood of made-up logins must not grow memory forever).
const REMEMBERED: usize = 1_000;

#[derive(Debug, Clone, Copy, Default)]
struct Failures {
    count: u32,
    paused_until_ms: u64,
}

/// Failed attempts per login.
#[derive(Debug, Default)]
pub struct Throttle {
    by_login: HashMap<String, Failures>,
}

fn key(login: &str) -> String {
    login.trim().to_lowercase()
}

impl Throttle {
    /// Refuses an attempt while the login is paused, saying for how long.
    pub fn check(&self, login: &str, now_ms: u64) -> Result<(), ServiceError> {
        match self.by_login.get(&key(login)) {
            Some(f) if f.paused_until_ms > now_ms => Err(ServiceError::SignInPaused {
                seconds: (f.paused_until_ms - now_ms).div_ceil(1000),
            }),
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt.
    pub fn failed(&mut self, login: &str, now_ms: u64) {
        if self.by_login.len() >= REMEMBERED && !self.by_login.contains_key(&key(login)) {
            // Forget the paused-longest-ago logins first: they are the least likely to be attacked now.
            if let Some(oldest) = self
                .by_login
                .iter()
                .min_by_key(|(_, f)| f.paused_until_ms)
                .map(|(k, _)| k.clone())
            {
                self.by_login.remove(&oldest);
            }
        }
        let entry = self.by_login.entry(key(login)).or_default();
        entry.count = entry.count.saturating_add(1);
        if entry.count > FREE_ATTEMPTS {
            let doublings = (entry.count - FREE_ATTEMPTS - 1).min(16);
            let pause = FIRST_PAUSE_MS
                .saturating_mul(1 << doublings)
                .min(LONGEST_PAUSE_MS);
            entry.paused_until_ms = now_ms.saturating_add(pause);
        }
    }

    /// Clears the count after a successful sign-in.
    pub fn succeeded(&mut self, login: &str) {
        self.by_login.remove(&key(login));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paused_for(t: &Throttle, login: &str, now: u64) -> Option<u64> {
        match t.check(login, now) {
            Ok(()) => None,
            Err(ServiceError::SignInPaused { seconds }) => Some(seconds),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn pauses_start_after_the_free_attempts_and_double() {
        let mut t = Throttle::default();
        let mut now = 1_000_000;
        for _ in 0..FREE_ATTEMPTS {
            assert_eq!(paused_for(&t, "ivanova", now), None);
            t.failed("ivanova", now);
        }
        assert_eq!(paused_for(&t, "ivanova", now), None);
        t.failed("ivanova", now);
        assert_eq!(paused_for(&t, " IVANOVA ", now), Some(30));
        assert_eq!(paused_for(&t, "ivanova", now + 29_001), Some(1));
        now += 30_000;
        assert_eq!(paused_for(&t, "ivanova", now), None);
        t.failed("ivanova", now);
        assert_eq!(paused_for(&t, "ivanova", now), Some(60));
        for _ in 0..20 {
            now += LONGEST_PAUSE_MS;
            t.failed("ivanova", now);
        }
        assert_eq!(
            paused_for(&t, "ivanova", now),
            Some(LONGEST_PAUSE_MS / 1000)
        );
        // Another login is not affected.
        assert_eq!(paused_for(&t, "petrov", now), None);
    }

    #[test]
    fn success_clears_the_count() {
        let mut t = Throttle::default();
        for _ in 0..FREE_ATTEMPTS {
            t.failed("ivanova", 0);
        }
        t.succeeded("Ivanova");
        t.failed("ivanova", 0);
        assert_eq!(paused_for(&t, "ivanova", 0), None);
    }

    #[test]
    fn memory_is_bounded() {
        let mut t = Throttle::default();
        for i in 0..(REMEMBERED + 50) {
            t.failed(&format!("login{i}"), i as u64);
        }
        assert!(t.by_login.len() <= REMEMBERED);
    }
}
