//! A small seeded random number generator (SplitMix64) for randomized test schedules.
//!
//! Tests print the seed and take it back from the environment, so a failing schedule can be run
//! again; a crate with its own stream format would tie every printed seed to that crate's version.
//! SplitMix64 passes BigCrush and is ten lines, which is all a schedule needs.

/// SplitMix64 (Steele, Lea and Flood 2014).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n` > 0; the modulo bias is irrelevant at test sizes).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An index into a slice of `len` items.
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A new generator whose stream depends on this one's seed and `n` only: schedule `n` of a
    /// run is the same whatever the schedules before it drew.
    pub fn fork(seed: u64, n: u64) -> Rng {
        let mut mixer = Rng(seed ^ n.wrapping_mul(0xd6e8_feb8_6659_fd93));
        Rng(mixer.next_u64())
    }
}

/// A seed from the clock, for a run that was given none.
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    Rng::new(nanos ^ u64::from(std::process::id())).next_u64()
}
