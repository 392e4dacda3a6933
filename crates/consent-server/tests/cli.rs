//! The `consent-server` command line as an administrator meets it. (Being an integration test of
//! this package also makes `cargo test --workspace` build the binary the sync tests start.)

use std::process::Command;

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_consent-server"))
}

#[test]
fn the_printed_example_configuration_is_the_defaults_and_serves_as_a_file() {
    let out = server().args(["config", "example"]).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("server.toml");
    std::fs::write(&file, &text).expect("write");
    let loaded = consent_server::config::Config::load(Some(&file), |_| None).expect("loads");
    assert_eq!(loaded, consent_server::config::Config::default());
}

#[test]
fn init_makes_a_private_server_and_never_overwrites_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("srv");
    let out = server()
        .args(["init", "--public-host", "clinic-server", "--data-dir"])
        .arg(&data)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let code_line = text
        .lines()
        .find(|l| l.starts_with(consent_wire::code::PREFIX))
        .expect("a code is printed");
    let code = consent_wire::EnrollmentCode::parse(code_line).expect("the code reads back");
    assert_eq!((code.host.as_str(), code.port), ("clinic-server", 8443));
    assert_eq!(code.kind, consent_wire::CodeKind::First);

    use std::os::unix::fs::PermissionsExt;
    for (file, private) in [
        ("server.key", true),
        ("tls-key.pem", true),
        ("server.db", false),
    ] {
        let mode = std::fs::metadata(data.join(file))
            .expect(file)
            .permissions()
            .mode();
        if private {
            assert_eq!(mode & 0o077, 0, "{file} is private");
        }
    }
    let key = std::fs::read_to_string(data.join("server.key")).expect("key");
    assert!(
        !text.contains(key.trim()),
        "the database key is never printed"
    );
    let db = std::fs::read(data.join("server.db")).expect("db");
    assert!(
        !db.starts_with(b"SQLite format 3"),
        "the database is encrypted"
    );

    let again = server()
        .args(["init", "--data-dir"])
        .arg(&data)
        .output()
        .expect("runs");
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("srv");
    assert!(
        server()
            .args(["init", "--data-dir"])
            .arg(&data)
            .output()
            .expect("runs")
            .status
            .success()
    );
    std::fs::set_permissions(
        data.join("server.key"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    let out = server()
        .args(["desk", "list", "--data-dir"])
        .arg(&data)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chmod 600"), "{err}");
}
