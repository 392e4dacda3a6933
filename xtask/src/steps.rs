//! The steps of `run`, `test` and `bindings`, and the small process helpers they share.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::prereqs;

pub type Result<T = ()> = std::result::Result<T, String>;

/// Prints what is about to happen, so a long command is never silent.
pub fn say(message: &str) {
    println!("==> {message}");
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Runs `command` to completion with inherited output; a non-zero exit is an error naming `what`.
pub fn cmd(mut command: Command, what: &str) -> Result {
    let status = command
        .status()
        .map_err(|e| format!("{what}: could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

pub(crate) fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

fn npm(args: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.args(args).current_dir(workspace_root().join("ui"));
    command
}

/// `npm ci` when `node_modules` is missing or older than the lock file.
fn ensure_node_modules() -> Result {
    let ui = workspace_root().join("ui");
    let stamp = ui.join("node_modules/.package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&stamp), modified(&ui.join("package-lock.json"))) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    };
    if fresh {
        say("UI dependencies: up to date.");
        return Ok(());
    }
    say("Installing the UI's dependencies (npm ci)…");
    cmd(npm(&["ci", "--no-audit", "--no-fund"]), "npm ci")
}

fn build_ui() -> Result {
    say("Building the UI (vite build -> ui/dist)…");
    cmd(npm(&["run", "--silent", "build"]), "UI build")
}

/// `cargo xtask run`: the app on the default local data directory.
pub fn run(args: &[String]) -> Result {
    prereqs::ensure(prereqs::APP_PACKAGES, false)?;
    ensure_node_modules()?;
    build_ui()?;
    let (cargo_args, app_args) = match args.iter().position(|a| a == "--") {
        Some(split) => (&args[..split], &args[split + 1..]),
        None => (args, &[][..]),
    };
    let release = cargo_args.iter().any(|a| a == "--release");
    if let Some(unknown) = cargo_args.iter().find(|a| *a != "--release") {
        return Err(format!(
            "run: unknown option {unknown:?} (only --release is accepted)"
        ));
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        say("No display found: on a headless machine use `xvfb-run cargo xtask run`.");
    }
    say(&format!(
        "Starting Consent Desk ({}); data directory: {}",
        if release { "release" } else { "debug" },
        consent_data_dir_hint()
    ));
    let mut command = cargo();
    command.args(["run", "--package", "consent-desk"]);
    if release {
        command.arg("--release");
    }
    command.arg("--").args(app_args);
    cmd(command, "the app")
}

fn consent_data_dir_hint() -> String {
    match std::env::var_os("CONSENT_DESK_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir).display().to_string(),
        _ => "the per-user default (shown on the Settings screen; CONSENT_DESK_DATA_DIR overrides it)"
            .to_owned(),
    }
}

struct Timings(Vec<(String, Duration, bool)>);

impl Timings {
    fn step(&mut self, name: &str, f: impl FnOnce() -> Result) -> Result {
        say(name);
        let started = Instant::now();
        let result = f();
        self.0
            .push((name.to_owned(), started.elapsed(), result.is_ok()));
        result
    }

    fn print(&self, total: Duration) {
        println!("\n{:<58} {:>9}", "step", "seconds");
        for (name, took, ok) in &self.0 {
            let mark = if *ok { "ok" } else { "FAILED" };
            println!("{name:<58} {:>9.1} {mark}", took.as_secs_f64());
        }
        println!("{:<58} {:>9.1}", "total", total.as_secs_f64());
    }
}

/// `cargo xtask test`: everything CI checks, in the order that fails fastest.
pub fn test() -> Result {
    let started = Instant::now();
    let mut timings = Timings(Vec::new());
    let result = test_steps(&mut timings);
    timings.print(started.elapsed());
    if result.is_ok() {
        println!("\nAll checks passed.");
    }
    result
}

fn test_steps(timings: &mut Timings) -> Result {
    timings.step(
        "Prerequisites (apt packages, Node.js, tauri-driver)",
        || {
            let mut packages = prereqs::APP_PACKAGES.to_vec();
            packages.extend_from_slice(prereqs::TEST_PACKAGES);
            prereqs::ensure(&packages, true)
        },
    )?;
    timings.step("Formatting (cargo fmt --check)", || {
        let mut c = cargo();
        c.args(["fmt", "--all", "--check"]);
        cmd(c, "cargo fmt --check (run `cargo fmt --all`)")
    })?;
    timings.step("UI dependencies (npm ci)", ensure_node_modules)?;
    timings.step("UI type check (svelte-check)", || {
        cmd(npm(&["run", "--silent", "check"]), "svelte-check")
    })?;
    timings.step("UI unit tests (vitest)", || {
        cmd(npm(&["run", "--silent", "test"]), "vitest")
    })?;
    timings.step("UI build (vite)", build_ui)?;
    timings.step("Lints (cargo clippy -D warnings)", || {
        let mut c = cargo();
        c.args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]);
        cmd(c, "cargo clippy")
    })?;
    // One `cargo test` for everything, the end-to-end suite included: a single feature resolution, so
    // the app binary the suite drives is built once, by the same invocation (src-tauri/tests/binary.rs
    // makes cargo build it).
    timings.step(
        "Rust tests + end-to-end suite (Xvfb, tauri-driver, the real window)",
        || {
            let mut c = cargo();
            c.args([
                "test",
                "--workspace",
                "--features",
                "consent-desk-tests/e2e",
                "--",
                "--test-threads=1",
            ]);
            c.env("TAURI_DRIVER", prereqs::tauri_driver_path());
            c.env("CONSENT_DESK_APP", app_binary("debug"));
            cmd(c, "cargo test")
        },
    )?;
    // After the unit tests: a crash here is a parser bug they missed. Short on CI; before resolving a
    // parser change, run `cargo xtask fuzz --seconds 3600`.
    timings.step(
        &format!(
            "Fuzzing the parsers of outside input ({} s per target)",
            crate::fuzz::CI_SECONDS
        ),
        || crate::fuzz::fuzz(crate::fuzz::TARGETS, crate::fuzz::CI_SECONDS),
    )?;
    Ok(())
}

/// The app binary cargo builds for `profile`.
pub fn app_binary(profile: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target
        .join(profile)
        .join(format!("consent-desk{}", std::env::consts::EXE_SUFFIX))
}

/// Builds the app for `profile` after the UI it embeds.
pub fn build_app(release: bool) -> Result {
    prereqs::ensure(prereqs::APP_PACKAGES, false)?;
    ensure_node_modules()?;
    build_ui()?;
    let mut c = cargo();
    c.args(["build", "--package", "consent-desk"]);
    if release {
        c.arg("--release");
    }
    cmd(c, "cargo build (app)")
}

/// `cargo xtask bindings`: rewrites the TypeScript bindings from the Rust types.
pub fn bindings() -> Result {
    ensure_node_modules()?;
    build_ui()?;
    say("Regenerating ui/src/lib/ipc/bindings.ts…");
    let mut c = cargo();
    c.args([
        "test",
        "--package",
        "consent-desk",
        "--lib",
        "bindings::tests::bindings_are_current",
    ])
    .env("CONSENT_DESK_UPDATE_BINDINGS", "1");
    cmd(c, "bindings generator")?;
    say("Done: review and commit ui/src/lib/ipc/bindings.ts.");
    Ok(())
}
