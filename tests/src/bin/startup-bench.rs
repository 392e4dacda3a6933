//! Start-up benchmark (run by `cargo xtask bench`): for each app binary given, starts the app over a
//! prepared desk (encrypted database, clinic, administrator) on a private Xvfb display several times and
//! measures the time from spawn to the sign-in screen painted (the `ui ready` log line the UI triggers
//! after two animation frames, once it has opened the database and chosen the screen), then the memory
//! of the app with its WebKit processes (RSS and PSS from `/proc/PID/smaps_rollup`). Prints a table and
//! writes `target/bench/startup.json`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use consent_desk_tests::desk::{TEST_KEY, prepare_desk};
use consent_desk_tests::process::Guarded;
use consent_desk_tests::write_bench_report;
use consent_desk_tests::xvfb::Xvfb;
use serde_json::json;

const RUNS: usize = 5;

#[derive(Debug, Clone, Copy)]
struct Sample {
    sign_in_ms: f64,
    rss_kib: u64,
    pss_kib: u64,
    processes: usize,
}

fn main() {
    let apps: Vec<(String, PathBuf)> = std::env::args()
        .skip(1)
        .map(|arg| match arg.split_once('=') {
            Some((label, path)) => (label.to_owned(), PathBuf::from(path)),
            None => (arg.clone(), PathBuf::from(arg)),
        })
        .collect();
    assert!(
        !apps.is_empty(),
        "usage: startup-bench LABEL=PATH/TO/consent-desk ..."
    );
    let xvfb = Xvfb::start();
    let data = tempfile::tempdir().expect("temp data dir");
    prepare_desk(data.path());
    let mut report = Vec::new();
    println!(
        "{:<10} {:>5} {:>16} {:>16} {:>12} {:>12} {:>6}",
        "build", "run", "sign-in ms", "", "RSS MiB", "PSS MiB", "procs"
    );
    for (label, app) in &apps {
        assert!(app.is_file(), "no app binary at {}", app.display());
        let mut samples = Vec::new();
        for run in 1..=RUNS {
            let sample = measure(app, xvfb.display(), data.path());
            println!(
                "{label:<10} {run:>5} {:>16.0} {:>16} {:>12.1} {:>12.1} {:>6}",
                sample.sign_in_ms,
                "",
                sample.rss_kib as f64 / 1024.0,
                sample.pss_kib as f64 / 1024.0,
                sample.processes
            );
            samples.push(sample);
        }
        let median = |f: fn(&Sample) -> f64| {
            let mut values: Vec<f64> = samples.iter().map(f).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let summary = json!({
            "build": label,
            "runs": RUNS,
            "sign_in_ms_median": median(|s| s.sign_in_ms),
            "sign_in_ms_first_run": samples[0].sign_in_ms,
            "rss_mib_median": median(|s| s.rss_kib as f64) / 1024.0,
            "pss_mib_median": median(|s| s.pss_kib as f64) / 1024.0,
            "processes": samples[0].processes,
        });
        println!(
            "{label:<10} {:>5} {:>16.0} {:>16} {:>12.1} {:>12.1}",
            "median",
            summary["sign_in_ms_median"].as_f64().unwrap_or_default(),
            "",
            summary["rss_mib_median"].as_f64().unwrap_or_default(),
            summary["pss_mib_median"].as_f64().unwrap_or_default(),
        );
        report.push(summary);
    }
    write_bench_report("startup", report.into());
}

fn measure(app: &Path, display: &str, data: &Path) -> Sample {
    let mut command = Command::new(app);
    command
        .env("DISPLAY", display)
        .env("CONSENT_DESK_DATA_DIR", data)
        .env("CONSENT_DESK_DB_KEY", TEST_KEY)
        .env("RUST_LOG", "info")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut process = Guarded::spawn_configured("consent-desk", command);
    let stderr = process.take_stderr().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("ui ready") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    let sign_in = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the app reported `ui ready` within 60 s");
    // Let the WebKit processes finish their start-up work before reading memory.
    std::thread::sleep(Duration::from_secs(2));
    let pids = process_tree(process.id());
    let (rss_kib, pss_kib) = pids.iter().fold((0, 0), |(rss, pss), pid| {
        let (r, p) = smaps_rollup(*pid);
        (rss + r, pss + p)
    });
    Sample {
        sign_in_ms: sign_in.as_secs_f64() * 1000.0,
        rss_kib,
        pss_kib,
        processes: pids.len(),
    }
}

/// `root` and all its descendants, from the parent ids in `/proc/*/stat`.
fn process_tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .expect("read /proc")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The command name is in parentheses and may contain spaces: parse after the last ')'.
            let rest = &stat[stat.rfind(')')? + 2..];
            let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

fn smaps_rollup(pid: u32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (field("Rss:"), field("Pss:"))
}
