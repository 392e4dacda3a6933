//! Child process of the several-writers test: signs in to the prepared desk in DATA_DIR as its
//! administrator through the service the app uses, and registers patients one after another, printing
//! `ack <patient id>` after each acknowledged registration, COUNT times or until it is killed. A refused
//! write is printed as `refused <error>` and ends the process with exit code 1.

use std::io::Write;
use std::path::PathBuf;

use consent_desk_tests::desk::{ADMIN_LOGIN, ADMIN_PASSWORD, offline_session};
use consent_desk_tests::fixtures::patient_input;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: service-writer DATA_DIR COUNT");
        std::process::exit(2);
    };
    let count: u64 = count.parse().unwrap_or_else(|_| std::process::exit(2));
    let session = offline_session(&PathBuf::from(dir));
    if let Err(e) = session.sign_in(ADMIN_LOGIN, ADMIN_PASSWORD) {
        eprintln!("sign in: {e}");
        std::process::exit(1);
    }
    let input = patient_input("Параллельная");
    let stdout = std::io::stdout();
    for _ in 0..count {
        match session.act(|desk, admin| desk.register_patient(admin, &input)) {
            Ok(card) => {
                let mut out = stdout.lock();
                // Written only once the service returned: the acknowledgement staff would see.
                let _ = writeln!(out, "ack {}", card.patient.id);
                let _ = out.flush();
            }
            Err(e) => {
                println!("refused {e}");
                std::process::exit(1);
            }
        }
    }
}
