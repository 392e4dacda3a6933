//! Explicit waits: poll a condition until it holds or a deadline passes, then fail with what was seen.

use std::fmt::Debug;
use std::time::{Duration, Instant};

/// How long the end-to-end waits allow by default: generous, because a loaded 2-core CI machine is slow,
/// and a wait returns as soon as its condition holds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Polls `probe` until it returns `Ok`; on timeout panics with `what` and the last `Err` it returned.
pub fn until<T, E: Debug>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Result<T, E>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        match probe() {
            Ok(value) => return value,
            Err(last) if Instant::now() >= deadline => {
                panic!("timed out after {timeout:?} waiting for {what}; last seen: {last:?}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}
