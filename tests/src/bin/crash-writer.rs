//! Child process of the kill -9 test: opens the desk database given on the command line and appends
//! registrations of new patients in a loop, printing `ack N` after each commit, until it is killed.

use std::io::Write;

use consent_domain::event::EventBody;
use consent_domain::ids::PatientId;
use consent_domain::staff::StaffId;
use consent_store::{DbKey, Store};
use uuid::Uuid;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(key_hex), Some(series)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: crash-writer DB_PATH KEY_HEX SERIES");
        std::process::exit(2);
    };
    // Each run registers its own patients: ids are (series, n).
    let series: u128 = series.parse().unwrap_or_else(|_| std::process::exit(2));
    let key = DbKey::from_hex(&key_hex).unwrap_or_else(|_| std::process::exit(2));
    let mut store = Store::open(&path, &key).unwrap_or_else(|e| {
        eprintln!("open: {e}");
        std::process::exit(1)
    });
    let data = consent_desk_tests::fixtures::patient("Крашева");
    let actor = StaffId::from_u128(1);
    let stdout = std::io::stdout();
    for n in 1u128.. {
        let patient = PatientId::from_uuid(Uuid::from_u128((series << 64) + n));
        let body = EventBody::PatientRegistered {
            patient,
            data: Box::new(data.clone()),
        };
        match store.append(actor, 1_761_296_400_000 + n as u64, body) {
            Ok(event) => {
                let mut out = stdout.lock();
                // The line is written only after the commit returned: it is the acknowledgement.
                let _ = writeln!(out, "ack {} {}", event.seq, patient);
                let _ = out.flush();
            }
            Err(e) => {
                eprintln!("append: {e}");
                std::process::exit(1);
            }
        }
    }
}
