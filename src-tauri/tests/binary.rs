//! The app binary itself. This test also makes `cargo test --workspace` build `consent-desk` with the
//! same features as every other test, so the end-to-end suite drives exactly that binary without a
//! second build.

use std::process::Command;

#[test]
fn the_binary_reports_its_version_without_opening_a_window() {
    let output = Command::new(env!("CARGO_BIN_EXE_consent-desk"))
        .arg("--version")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run consent-desk --version");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("Consent Desk {}", env!("CARGO_PKG_VERSION"))
    );
}
