//! Clock readings as `{ "wall_ms": u64, "counter": u32 }`.

use consent_domain::hlc::Hlc;
use serde::{Deserialize, Serialize};

/// A hybrid logical clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HlcV1 {
    pub wall_ms: u64,
    pub counter: u32,
}

impl From<Hlc> for HlcV1 {
    fn from(hlc: Hlc) -> Self {
        HlcV1 {
            wall_ms: hlc.wall_ms,
            counter: hlc.counter,
        }
    }
}

impl From<HlcV1> for Hlc {
    fn from(dto: HlcV1) -> Self {
        Hlc::new(dto.wall_ms, dto.counter)
    }
}
