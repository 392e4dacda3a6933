//! Rough timings, not a test: `cargo run --release --example open_timing [DIR]`.
//!
//! 1. Opening an existing encrypted database with a raw key (the whole `Database::open`:
//!    file checks, key, page-1 proof, pragmas, meta read), median and p95 over many opens.
//! 2. Small write transactions (one row each) with `synchronous = FULL` vs `NORMAL`, to show
//!    what durability against power loss costs on this disk.

use std::time::{Duration, Instant};

use consent_store::{Database, DatabaseId, DbKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::args().nth(1).map(std::path::PathBuf::from);
    let dir = match &base {
        Some(path) => tempfile::tempdir_in(path)?,
        None => tempfile::tempdir()?,
    };
    let path = dir.path().join("desk.db");
    let key = DbKey::generate()?;
    let id = DatabaseId::generate()?;

    let started = Instant::now();
    let db = Database::create(&path, &key, &id)?;
    println!("create: {:.2} ms", ms(started.elapsed()));
    println!("cipher_version: {}", db.cipher_version());
    let provider: String =
        db.connection()
            .query_row("PRAGMA cipher_provider_version", [], |r| r.get(0))?;
    println!("cipher_provider_version: {provider}");
    db.connection()
        .execute_batch("CREATE TABLE bench (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")?;
    db.close()?;

    // 1. open timing
    let mut samples = Vec::new();
    for _ in 0..300 {
        let started = Instant::now();
        let db = Database::open(&path, &key)?;
        samples.push(started.elapsed());
        db.close()?;
    }
    samples.sort();
    let first = samples[0];
    println!(
        "open (raw key), 300 runs: median {:.3} ms, p95 {:.3} ms, min {:.3} ms",
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 95 / 100]),
        ms(first)
    );

    // 2. synchronous FULL vs NORMAL, one-row transactions
    let db = Database::open(&path, &key)?;
    for mode in ["FULL", "NORMAL", "FULL", "NORMAL"] {
        db.connection()
            .execute_batch(&format!("PRAGMA synchronous = {mode};"))?;
        let n = 300;
        let started = Instant::now();
        for i in 0..n {
            db.connection().execute(
                "INSERT INTO bench (body) VALUES (?1)",
                [format!("событие {i}")],
            )?;
        }
        let elapsed = started.elapsed();
        println!(
            "synchronous={mode:<6}: {n} one-row commits in {:.1} ms = {:.3} ms/commit",
            ms(elapsed),
            ms(elapsed) / f64::from(n)
        );
    }
    db.close()?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
