//! `cargo xtask fuzz [TARGET] [--seconds N]`: the fuzz targets of `fuzz/`, one per parser of outside
//! input, each run for N seconds from the seeds committed in `fuzz/corpus-seeds/<target>/`. What
//! libFuzzer adds to the corpus stays in `fuzz/corpus/` (not committed); a crash fails the command
//! and names its input file under `fuzz/artifacts/`.
//!
//! CI has stable Rust only. cargo-fuzz passes nightly-only flags (`-Zsanitizer=address`, the
//! coverage passes), which stable accepts with `RUSTC_BOOTSTRAP=1`; stable's rust-std ships the
//! AddressSanitizer runtime, so the targets run with ASAN as they would on nightly.
//!
//! The build goes to `target/fuzz/` in the clone (or `CONSENT_DESK_FUZZ_TARGET_DIR`): nothing is
//! kept outside the checkout, so a fresh clone proves what a fresh machine pays (about five minutes
//! for the PDF stack consent-forms pulls in, built once with ASAN).

use std::path::PathBuf;
use std::process::Command;
use std::time::SystemTime;

use crate::prereqs::{CargoTool, Present, ensure_cargo_tool};
use crate::steps::{Result, cargo, cmd, say, workspace_root};

/// Every fuzz target (`fuzz/Cargo.toml`'s `[[bin]]`s), in the order they run.
pub const TARGETS: &[&str] = &[
    "xmlcalendar",
    "patient_json",
    "form_code",
    "recovery_code",
    "forms_toml",
];

/// Seconds per target in `cargo xtask test`: five targets stay near a minute and a half on CI.
pub const CI_SECONDS: u64 = 15;

const DEFAULT_SECONDS: u64 = 20;

/// The cargo-fuzz line the targets are written for.
const CARGO_FUZZ_VERSION: &str = "^0.13";

/// `cargo xtask fuzz`: parses the arguments, then runs [`fuzz`].
pub fn run(args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut chosen: Option<&str> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("fuzz: --seconds needs a whole number of seconds above 0")?;
            }
            target if chosen.is_none() && TARGETS.contains(&target) => chosen = Some(target),
            other => {
                return Err(format!(
                    "fuzz: unknown argument {other:?} (targets: {})",
                    TARGETS.join(", ")
                ));
            }
        }
    }
    match chosen {
        Some(target) => fuzz(&[target], seconds),
        None => fuzz(TARGETS, seconds),
    }
}

/// Builds the targets once, then fuzzes each for `seconds`. Stops at the first crash.
pub fn fuzz(targets: &[&str], seconds: u64) -> Result {
    ensure_cargo_fuzz()?;
    say(&format!(
        "Building the fuzz targets (cargo fuzz build; stable Rust with RUSTC_BOOTSTRAP=1) into {}…",
        target_dir().display()
    ));
    let mut build = cargo_fuzz();
    build.arg("build").arg("--target-dir").arg(target_dir());
    cmd(build, "cargo fuzz build")?;
    let fuzz_dir = workspace_root().join("fuzz");
    for target in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let seeds = fuzz_dir.join("corpus-seeds").join(target);
        std::fs::create_dir_all(&corpus)
            .map_err(|e| format!("fuzz: cannot create {}: {e}", corpus.display()))?;
        say(&format!(
            "Fuzzing {target} for {seconds} s (seeds: fuzz/corpus-seeds/{target})…"
        ));
        let started = SystemTime::now();
        let mut run = cargo_fuzz();
        run.arg("run")
            .arg("--target-dir")
            .arg(target_dir())
            .arg(target)
            .arg(&corpus)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            // An input that takes seconds is a bug too (a hang the import would show the user).
            .arg("-timeout=10")
            .arg("-print_final_stats=1");
        if let Err(error) = cmd(run, &format!("fuzz target {target}")) {
            let found = artifacts_since(target, started);
            let listed = if found.is_empty() {
                "no input file was written".to_owned()
            } else {
                found
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(format!(
                "{error}: the crashing input is {listed}. Reproduce with `RUSTC_BOOTSTRAP=1 cargo fuzz \
                 run {target} <file>`, fix it, and keep the input as a unit test where the rule lives."
            ));
        }
    }
    Ok(())
}

/// `cargo fuzz …` from the workspace root, allowed the nightly flags on stable.
fn cargo_fuzz() -> Command {
    let mut command = cargo();
    command.arg("fuzz").env("RUSTC_BOOTSTRAP", "1");
    command
}

/// Where the fuzz build goes (see the module docs).
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CONSENT_DESK_FUZZ_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    workspace_root().join("target/fuzz")
}

fn ensure_cargo_fuzz() -> Result {
    let mut probe = cargo();
    probe.args(["fuzz", "--version"]);
    ensure_cargo_tool(
        CargoTool {
            krate: "cargo-fuzz",
            version: CARGO_FUZZ_VERSION,
            announce: "cargo-fuzz",
            takes: "about two minutes",
            present: Present::Runs(probe),
        },
        cargo(),
    )
}

/// The files libFuzzer wrote for `target` (crash-, leak-, timeout-, oom-…) since `started`.
fn artifacts_since(target: &str, started: SystemTime) -> Vec<PathBuf> {
    let dir = workspace_root().join("fuzz").join("artifacts").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified >= started)
        })
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}
