//! Search-as-you-type benchmark in the real window (run by `cargo xtask bench`): a desk with 100,000
//! patients, the app signed in, queries typed into the search box one key at a time through WebDriver.
//! The app itself measures each keystroke with the performance API, from the input event to the result
//! list updated in the DOM (`search`) and to the next painted frame (`searchPainted`); this program
//! waits for every keystroke's results before the next key, then reads the measurements. Prints the
//! median and p95 and writes `target/bench/search-ui.json`.

use std::time::Instant;

use consent_desk_tests::desk::{Desk as Window, as_admin, prepare_desk};
use consent_desk_tests::fixtures::{population_surname, register_population};
use consent_desk_tests::write_bench_report;
use serde_json::{Value, json};

const PATIENTS: usize = 100_000;
const QUERIES: usize = 60;

fn main() {
    let dir = tempfile::tempdir().expect("temp data dir");
    prepare_desk(dir.path());
    let started = Instant::now();
    as_admin(dir.path(), |desk, admin| {
        register_population(desk, admin, PATIENTS);
        Ok(())
    });
    println!(
        "{PATIENTS} patients registered through the service in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let window = Window::launch_signed_in(dir.path());
    window.wait_for("[data-testid=patient-search]");
    let mut queries: Vec<String> = (0..QUERIES)
        .map(|i| {
            let surname = population_surname(i * 1_637 % PATIENTS).to_lowercase();
            surname.chars().take(3 + i % 4).collect()
        })
        .collect();
    queries.push("+7 900000".to_owned());
    queries.push("15.06.1975".to_owned());
    let mut keystrokes = 0;
    for query in &queries {
        window.fill("[data-testid=patient-search]", "");
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            window
                .session
                .type_keys(&c.to_string())
                .expect("type a key");
            keystrokes += 1;
            let trimmed = typed.trim().to_owned();
            if trimmed.is_empty() {
                continue;
            }
            let css = format!(
                "[data-testid=search-results][data-query={}]",
                Value::String(trimmed)
            );
            window.wait_for(&css);
        }
    }
    let metrics = window.eval("window.__consentDeskMetrics");
    let read = |name: &str| -> Vec<f64> {
        metrics[name]
            .as_array()
            .map(|values| values.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let mut report =
        json!({ "patients": PATIENTS, "queries": queries.len(), "keystrokes": keystrokes });
    println!(
        "search as you type over {PATIENTS} patients: {} queries, {keystrokes} keystrokes",
        queries.len()
    );
    for name in ["search", "searchPainted"] {
        let mut samples = read(name);
        assert!(
            samples.len() * 10 >= keystrokes * 9,
            "the app measured only {} of {keystrokes} keystrokes ({name})",
            samples.len()
        );
        samples.sort_by(f64::total_cmp);
        let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
        let (median, p95, max) = (at(0.5), at(0.95), at(1.0));
        println!(
            "  {name:<14} median {median:6.1} ms  p95 {p95:6.1} ms  max {max:6.1} ms   (target p95 < 50 ms)"
        );
        report[name] =
            json!({ "samples": samples.len(), "median_ms": median, "p95_ms": p95, "max_ms": max });
    }
    write_bench_report("search-ui", report);
}
