//! # xtask
//!
//! The project's developer commands, in Rust so they work the same everywhere:
//!
//! - `cargo xtask run [--release]`: installs what is missing, builds the UI and starts the app on a local
//!   data directory (no server needed);
//! - `cargo xtask test`: installs what is missing, then runs every check and test: formatting, clippy,
//!   the UI's type check and unit tests, all Rust tests (including the bindings drift test), the
//!   end-to-end suite in the real app window, and a short run of every fuzz target;
//! - `cargo xtask bench [sync]`: store, forms, sync against real servers (both backends), search as
//!   you type in the window, start-up to the sign-in screen and memory, debug and release (`sync`:
//!   only the sync benchmark);
//! - `cargo xtask fuzz [TARGET] [--seconds N]`: fuzzes every parser of outside input (or one) for
//!   N seconds each (default 20), seeded from `fuzz/corpus-seeds/`; a crash fails it;
//! - `cargo xtask bindings`: regenerates the TypeScript IPC bindings from the Rust types.
//!
//! Invariants: it depends on nothing but std (it compiles in seconds on a fresh clone); every step says
//! what it does before doing it; any failed step stops the command with a non-zero exit.

mod bench;
mod fuzz;
mod prereqs;
mod steps;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [--release] [-- APP ARGS]  install what is missing, build the UI, start the app
  test                           install what is missing, run every check and test (what CI runs)
  bench [sync]                   store, forms, sync, search in the window, start-up, memory
  fuzz [TARGET] [--seconds N]    fuzz every parser of outside input (or one), N s each (20)
  bindings                       regenerate ui/src/lib/ipc/bindings.ts from the Rust types
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => steps::run(&args[1..]),
        Some("test") => steps::test(),
        Some("bench") => bench::run(args.get(1).map(String::as_str)),
        Some("bindings") => steps::bindings(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error}");
            ExitCode::FAILURE
        }
    }
}
