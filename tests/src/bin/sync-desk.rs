//! Child process of the sync fault suite: a desk's sync task in a process of its own, so the test
//! can kill it with SIGKILL in the middle of a pull (while it stores and folds a page).
//!
//! `sync-desk DATA_DIR KEY_HEX LOGIN`: opens the joined desk in DATA_DIR with the key, and syncs
//! again and again as staff member LOGIN until it is killed. Prints `start` once the desk is open,
//! then `synced <pushed> <pulled>` or `failed <code>` after each attempt (a fault between the desk
//! and the server is expected here: the test decides what a failure means).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use consent_domain::Lang;
use consent_service::clock::SystemClock;
use consent_service::{Desk, KeyChoice};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(key), Some(login)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: sync-desk DATA_DIR KEY_HEX LOGIN");
        std::process::exit(2);
    };
    let mut desk = match Desk::open(
        &PathBuf::from(dir),
        KeyChoice::Env(key),
        Arc::new(SystemClock),
        Lang::En,
    ) {
        Ok(desk) => desk,
        Err(e) => {
            eprintln!("open: {e}");
            std::process::exit(1);
        }
    };
    let staff = match desk.staff_by_login(&login) {
        Ok(staff) => staff,
        Err(e) => {
            eprintln!("staff: {e}");
            std::process::exit(1);
        }
    };
    let stdout = std::io::stdout();
    let say = |line: String| {
        let mut out = stdout.lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    say("start".into());
    loop {
        match desk.sync_now(&staff) {
            Ok(s) => say(format!("synced {} {}", s.pushed, s.pulled)),
            Err(e) => {
                say(format!("failed {}", e.detail().unwrap_or("other")));
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}
