//! Round trips of every event body and projected object, the pinned format, and the errors for bad
//! stored data.

mod errors;
mod fixtures;
mod golden;
mod round_trip;
