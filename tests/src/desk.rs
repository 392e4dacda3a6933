//! The end-to-end fixture: the real Consent Desk window on a private Xvfb display, driven through
//! tauri-driver and WebKitWebDriver, with its own data directory.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::process::Guarded;
use crate::wait::{self, DEFAULT_TIMEOUT};
use crate::webdriver::{Element, Session, WdError, WdResult};
use crate::xvfb::Xvfb;
use crate::{free_port, workspace_root};

/// The built app binary: `CONSENT_DESK_APP`, else `target/debug/consent-desk`.
pub fn app_binary() -> PathBuf {
    std::env::var_os("CONSENT_DESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/consent-desk"))
}

fn tauri_driver() -> PathBuf {
    std::env::var_os("TAURI_DRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// Where screenshots go: `target/e2e/`.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target/e2e")
}

/// One running app window. Dropping it ends the session and stops tauri-driver and Xvfb.
#[derive(Debug)]
pub struct Desk {
    pub session: Session,
    data_dir: PathBuf,
    // Field order is drop order: the driver stops before its display.
    driver: Guarded,
    _xvfb: Xvfb,
}

impl Desk {
    /// Starts the app with `data_dir` as its data directory and waits until the UI has loaded.
    pub fn launch(data_dir: &Path) -> Desk {
        let app = app_binary();
        assert!(
            app.is_file(),
            "the app binary {} is missing: build it with `cargo build -p consent-desk` \
             (`cargo xtask test` does)",
            app.display()
        );
        let xvfb = Xvfb::start();
        let port = free_port();
        let native_port = free_port();
        std::fs::create_dir_all(screenshot_dir()).expect("create target/e2e");
        let log = File::create(screenshot_dir().join(format!("tauri-driver-{port}.log")))
            .expect("driver log file");
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("DISPLAY", xvfb.display())
            .env("CONSENT_DESK_DATA_DIR", data_dir)
            .env_remove("CONSENT_DESK_LANG")
            .env_remove("WAYLAND_DISPLAY")
            .env("RUST_LOG", "info");
        let mut driver = Guarded::spawn("tauri-driver", command, Some(log));

        let base = format!("http://127.0.0.1:{port}");
        let capabilities = json!({ "tauri:options": { "application": app } });
        let session = wait::until("tauri-driver to start a session", DEFAULT_TIMEOUT, || {
            driver.assert_running();
            Session::start(&base, capabilities.clone())
        });
        let desk = Desk {
            session,
            data_dir: data_dir.to_path_buf(),
            driver,
            _xvfb: xvfb,
        };
        // A session can return before DOMContentLoaded: wait for the shell and for app_info's answer.
        desk.wait_for("[data-testid=shell]");
        desk.wait_for("[data-testid=status-version]");
        desk
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// Waits until `css` matches an element, and returns it.
    pub fn wait_for(&self, css: &str) -> Element {
        wait::until(&format!("element {css}"), DEFAULT_TIMEOUT, || {
            self.session.find(css)
        })
    }

    /// Waits until the text of `css` equals `expected`.
    pub fn wait_for_text(&self, css: &str, expected: &str) {
        wait::until(
            &format!("{css} to read {expected:?}"),
            DEFAULT_TIMEOUT,
            || -> WdResult<()> {
                let text = self.session.text(&self.session.find(css)?)?;
                if text.trim() == expected {
                    Ok(())
                } else {
                    Err(WdError(format!("{text:?}")))
                }
            },
        );
    }

    /// The trimmed text of `css`, once it exists.
    pub fn text(&self, css: &str) -> String {
        let element = self.wait_for(css);
        self.session
            .text(&element)
            .expect("read element text")
            .trim()
            .to_owned()
    }

    pub fn click(&self, css: &str) {
        let element = self.wait_for(css);
        self.session.click(&element).expect("click");
    }

    /// Evaluates a JavaScript expression in the page.
    pub fn eval(&self, expression: &str) -> Value {
        self.session
            .execute(&format!("return {expression};"), json!([]))
            .expect("execute script")
    }

    /// Saves a screenshot as `target/e2e/NAME.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.session.screenshot_png().expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.session.end();
    }
}
