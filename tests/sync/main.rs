//! Sync against real `consent-server` processes on loopback: enrollment, push, pull, long-poll,
//! refusals, restarts. The storage story runs against both backends.

mod server;
