//! The rules (to be written).
