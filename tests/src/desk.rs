//! The end-to-end fixture: the real Consent Desk window on a private Xvfb display, driven through
//! tauri-driver and WebKitWebDriver, with its own data directory.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use consent_domain::staff::Staff;
use consent_service::api::FirstStartInput;
use consent_service::{KeyChoice, Service, ServiceError, Session as DeskSession};
use serde_json::{Value, json};

use crate::process::Guarded;
use crate::reach::{self, Reach};
use crate::wait::{self, DEFAULT_TIMEOUT};
use crate::webdriver::{BACKSPACE, CONTROL, ENTER, Element, Session, WdError, WdResult};
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

/// The database key of every end-to-end desk, passed to the app as `CONSENT_DESK_DB_KEY` (the headless
/// machine has no OS keyring). Never a real key.
pub const TEST_KEY: &str = "5eed5eed00112233445566778899aabbccddeeff0011223344556677e2e0e2e0";
/// The first administrator of a prepared desk.
pub const ADMIN_LOGIN: &str = "admin";
pub const ADMIN_NAME: &str = "Смирнова Ольга Викторовна";
pub const ADMIN_PASSWORD: &str = "пароль-администратора";
/// The clinic and desk of a prepared desk (a real ИНН/ОГРН pair with valid check digits).
pub const CLINIC_NAME: &str = "ООО «Клиника Смирновой»";
pub const CLINIC_INN: &str = "7707083893";
pub const CLINIC_OGRN: &str = "1027700132195";
pub const DESK_NAME: &str = "Регистратура, окно 1";

/// What the first start of a prepared desk types.
pub fn first_start_input() -> FirstStartInput {
    FirstStartInput {
        clinic_name: CLINIC_NAME.to_owned(),
        inn: CLINIC_INN.to_owned(),
        ogrn: CLINIC_OGRN.to_owned(),
        legal_address: String::new(),
        withdrawal_email: String::new(),
        desk_name: DESK_NAME.to_owned(),
        admin_login: ADMIN_LOGIN.to_owned(),
        admin_name: ADMIN_NAME.to_owned(),
        password: ADMIN_PASSWORD.to_owned(),
    }
}

/// The desk in `data_dir` through the same service the app uses, with [`TEST_KEY`], without the window.
pub fn offline_session(data_dir: &Path) -> DeskSession {
    offline_session_with(data_dir, Arc::new(consent_service::clock::SystemClock))
}

/// The same, on another clock (a set-up dated in the past).
fn offline_session_with(
    data_dir: &Path,
    clock: Arc<dyn consent_service::clock::Clock>,
) -> DeskSession {
    let service = Service::open_with(data_dir, None).expect("open the service");
    DeskSession::new(service, KeyChoice::Env(TEST_KEY.to_owned()), clock)
}

/// Runs the first start in `data_dir` without the window, through the same service the app uses, with
/// [`TEST_KEY`]: the desk then opens at the sign-in screen.
pub fn prepare_desk(data_dir: &Path) {
    prepare_desk_on(data_dir, Arc::new(consent_service::clock::SystemClock));
}

/// [`prepare_desk`] `days` calendar days ago (a desk with a history: what is done on it afterwards
/// with [`register_consenting_patient_days_ago`] and the same `days` dates from then).
pub fn prepare_desk_days_ago(data_dir: &Path, days: u64) {
    prepare_desk_on(data_dir, days_ago(days));
}

fn prepare_desk_on(data_dir: &Path, clock: Arc<dyn consent_service::clock::Clock>) {
    let session = offline_session_with(data_dir, clock);
    session
        .first_start(&first_start_input())
        .expect("first start of the test desk");
}

/// A receptionist of a prepared desk (added by [`add_receptionist`]).
pub const RECEPTION_LOGIN: &str = "reception";
pub const RECEPTION_PASSWORD: &str = "пароль-регистратора";

/// Runs `use_case` as the administrator of the prepared desk in `data_dir` (the app is not running),
/// through the same service the app uses.
pub fn as_admin<T>(
    data_dir: &Path,
    use_case: impl FnOnce(&mut consent_service::Desk, &Staff) -> Result<T, ServiceError>,
) -> T {
    as_admin_on(
        data_dir,
        Arc::new(consent_service::clock::SystemClock),
        use_case,
    )
}

/// [`as_admin`] `days` calendar days ago (on a desk prepared at least that long ago).
pub fn as_admin_days_ago<T>(
    data_dir: &Path,
    days: u64,
    use_case: impl FnOnce(&mut consent_service::Desk, &Staff) -> Result<T, ServiceError>,
) -> T {
    as_admin_on(data_dir, days_ago(days), use_case)
}

/// [`as_admin`] on `clock`: what the administrator did then.
fn as_admin_on<T>(
    data_dir: &Path,
    clock: Arc<dyn consent_service::clock::Clock>,
    use_case: impl FnOnce(&mut consent_service::Desk, &Staff) -> Result<T, ServiceError>,
) -> T {
    let session = offline_session_with(data_dir, clock);
    session
        .sign_in(ADMIN_LOGIN, ADMIN_PASSWORD)
        .expect("admin signs in");
    session
        .act(use_case)
        .expect("the administrator's set-up step")
}

/// Adds the receptionist account to the prepared desk in `data_dir`.
pub fn add_receptionist(data_dir: &Path) {
    as_admin(data_dir, |desk, admin| {
        desk.add_staff(
            admin,
            consent_service::NewStaff {
                login: RECEPTION_LOGIN.to_owned(),
                full_name: "Кузнецова Анна Ивановна".to_owned(),
                role: "reception".to_owned(),
            },
        )?;
        desk.set_password(admin, RECEPTION_LOGIN, RECEPTION_PASSWORD)
    });
}

/// Registers an adult patient with `surname` in the prepared desk in `data_dir`.
pub fn register_patient(data_dir: &Path, surname: &str) {
    let input = crate::fixtures::patient_input(surname);
    as_admin(data_dir, |desk, admin| desk.register_patient(admin, &input));
}

/// Registers a patient with `surname` who signed a consent to the medical record and notifications,
/// and, when `withdrawn` is set, has since sent a withdrawal of it by post (an open request in the
/// managers' queue).
pub fn register_consenting_patient(data_dir: &Path, surname: &str, withdrawn: bool) {
    register_consenting_patient_on(
        data_dir,
        surname,
        withdrawn,
        Arc::new(consent_service::clock::SystemClock),
    );
}

/// [`register_consenting_patient`] `days` calendar days ago (on a desk prepared at least that long
/// ago): registered, consenting and (when `withdrawn`) withdrawing then, so the withdrawal's deadline
/// may have passed by now.
pub fn register_consenting_patient_days_ago(
    data_dir: &Path,
    surname: &str,
    withdrawn: bool,
    days: u64,
) {
    register_consenting_patient_on(data_dir, surname, withdrawn, days_ago(days));
}

/// A clock stopped `days` calendar days before now.
fn days_ago(days: u64) -> Arc<dyn consent_service::clock::Clock> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_millis() as u64;
    Arc::new(consent_service::clock::FixedClock(
        now - days * 24 * 3600 * 1000,
    ))
}

fn register_consenting_patient_on(
    data_dir: &Path,
    surname: &str,
    withdrawn: bool,
    clock: Arc<dyn consent_service::clock::Clock>,
) {
    let input = crate::fixtures::patient_input(surname);
    as_admin_on(data_dir, clock, |desk, admin| {
        let patient = desk.register_patient(admin, &input)?.patient.id;
        let consent = desk.grant_consent(
            admin,
            &consent_service::GrantInput {
                patient: patient.clone(),
                granted: vec!["medical_account".into(), "notifications".into()],
                until: None,
            },
        )?;
        let (_, form) = desk.mark_printed(admin, &consent.id)?;
        desk.mark_signed(admin, &form, "Архив")?;
        if withdrawn {
            desk.receive_request(
                admin,
                &consent_service::ReceiveInput {
                    patient,
                    kind: "withdrawal".into(),
                    purposes: vec![],
                    received_on: None,
                    channel: "post".into(),
                    details: None,
                },
            )?;
        }
        Ok(())
    });
}

/// Failure screenshots taken so far by this test process (their names stay unique).
static FAILURES: AtomicU32 = AtomicU32::new(0);

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
    /// Starts the app with `data_dir` as its data directory and waits until the UI has loaded (the
    /// first-start wizard for an empty directory, the sign-in screen for a prepared one).
    pub fn launch(data_dir: &Path) -> Desk {
        Desk::launch_with(data_dir, &[])
    }

    /// [`Desk::prepare`]s `data_dir` when it has no database yet, starts the app and signs the
    /// administrator in.
    pub fn launch_signed_in(data_dir: &Path) -> Desk {
        Desk::launch_signed_in_with(data_dir, &[])
    }

    /// [`Desk::launch_signed_in`] with extra environment for the app.
    pub fn launch_signed_in_with(data_dir: &Path, env: &[(&str, &str)]) -> Desk {
        if !data_dir.join("consent-desk.db").exists() {
            prepare_desk(data_dir);
        }
        let desk = Desk::launch_with(data_dir, env);
        desk.sign_in(ADMIN_LOGIN, ADMIN_PASSWORD);
        desk.wait_for("[data-testid=shell]");
        desk.wait_for("[data-testid=status-version]");
        desk
    }

    /// Starts the app with `data_dir` and extra environment (`CONSENT_DESK_IDLE_LOCK_SECONDS`, say).
    pub fn launch_with(data_dir: &Path, env: &[(&str, &str)]) -> Desk {
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
            .env("CONSENT_DESK_DB_KEY", TEST_KEY)
            .env_remove("CONSENT_DESK_IDLE_LOCK_SECONDS")
            .env_remove("CONSENT_DESK_LANG")
            .env_remove("WAYLAND_DISPLAY")
            .env("RUST_LOG", "info");
        command.envs(env.iter().copied());
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
        // A session can return before DOMContentLoaded: wait for the app and for the session's answer.
        desk.wait_for("[data-testid=app]:not([data-phase=loading])");
        desk
    }

    /// Signs in on the sign-in screen: types the login and the password, presses Enter.
    pub fn sign_in(&self, login: &str, password: &str) {
        self.wait_for("[data-testid=sign-in]");
        self.fill("[data-testid=field-login]", login);
        self.fill("[data-testid=field-password]", password);
        self.press_enter();
    }

    /// Types `text` into the field `css` as a person does: scrolls it into view, waits until it can be
    /// used, clicks into it, selects what it held and types over it key by key (Backspace for "").
    /// The focus stays there.
    pub fn fill(&self, css: &str, text: &str) {
        self.click(css);
        let keys = self.session.press(&[CONTROL], "a");
        let typed = keys.and_then(|()| {
            if text.is_empty() {
                self.session.press(&[], BACKSPACE)
            } else {
                self.session.type_keys(text)
            }
        });
        typed.unwrap_or_else(|e| self.fail(&format!("typing into {css}"), &e.to_string()));
    }

    /// Chooses the option with `value` in the select `css` by clicking that option, as a person does.
    pub fn choose(&self, css: &str, value: &str) {
        let element = self.usable(css);
        self.session
            .select_by_value(&element, value)
            .unwrap_or_else(|e| self.fail(&format!("choosing {value:?} in {css}"), &e.to_string()));
    }

    /// The attribute `name` of the first element matching `css`, once it has one.
    pub fn attribute(&self, css: &str, name: &str) -> String {
        let script = format!(
            "const el = document.querySelector({}); return el ? el.getAttribute({}) : null;",
            json!(css),
            json!(name)
        );
        wait::until(&format!("{css} [{name}]"), DEFAULT_TIMEOUT, || {
            match self.session.execute(&script, json!([])) {
                Ok(Value::String(text)) => Ok(text),
                other => Err(format!("{other:?}")),
            }
        })
    }

    /// The current value of the input `css`.
    pub fn value(&self, css: &str) -> String {
        self.wait_for(css);
        self.session
            .execute(
                "return document.querySelector(arguments[0]).value;",
                json!([css]),
            )
            .expect("read the field")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Presses Enter in the focused element.
    pub fn press_enter(&self) {
        self.session.press(&[], ENTER).expect("Enter");
    }

    /// Waits until the text of `css` contains `part`.
    pub fn wait_for_text_containing(&self, css: &str, part: &str) {
        self.wait_text(&format!("{css} to contain {part:?}"), css, |text| {
            text.contains(part)
        });
    }

    /// Waits until nothing matches `css`.
    pub fn wait_gone(&self, css: &str) {
        let script = format!("return document.querySelector({}) === null;", json!(css));
        wait::until(&format!("{css} to go"), DEFAULT_TIMEOUT, || {
            match self.session.execute(&script, json!([])) {
                Ok(Value::Bool(true)) => Ok(()),
                other => Err(format!("{other:?}")),
            }
        });
    }

    /// Everything the page shows as text.
    pub fn page_text(&self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The tag that tauri-driver and everything it started (WebKitWebDriver, the app, WebKit's helper
    /// processes) carry: see [`crate::process::survivors`].
    pub fn driver_tag(&self) -> String {
        self.driver.tag().to_owned()
    }

    /// Waits until `css` matches an element, and returns it.
    pub fn wait_for(&self, css: &str) -> Element {
        wait::until(&format!("element {css}"), DEFAULT_TIMEOUT, || {
            self.session.find(css)
        })
    }

    /// Waits until the text of `css` equals `expected`.
    pub fn wait_for_text(&self, css: &str, expected: &str) {
        self.wait_text(&format!("{css} to read {expected:?}"), css, |text| {
            text.trim() == expected
        });
    }

    /// Waits until the text of `css` is what `accept` wants.
    fn wait_text(&self, what: &str, css: &str, accept: impl Fn(&str) -> bool) {
        wait::until(what, DEFAULT_TIMEOUT, || -> WdResult<()> {
            let text = self.session.text(&self.session.find(css)?)?;
            if accept(&text) {
                Ok(())
            } else {
                Err(WdError(format!("{text:?}")))
            }
        });
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

    /// Clicks `css` as a person does: scrolls it into view, waits until it is shown, enabled and not
    /// covered, then presses the mouse at its centre.
    pub fn click(&self, css: &str) {
        let element = self.usable(css);
        self.session
            .click(&element)
            .unwrap_or_else(|e| self.fail(&format!("clicking {css}"), &e.to_string()));
    }

    /// Whether a person could use `css` now ([`reach`]); scrolls it into view first.
    pub fn reach(&self, css: &str) -> Result<Reach, String> {
        self.session
            .execute(&reach::probe_script(), json!([css]))
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::from_value::<Reach>(v).map_err(|e| e.to_string()))
    }

    /// Waits until `css` can be used by a person ([`reach`]) and returns it. When that never happens the
    /// failure says why (what covers it, say) and saves a screenshot.
    pub fn usable(&self, css: &str) -> Element {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let last = match self.reach(css) {
                Ok(reach) if reach.ok => match self.session.find(css) {
                    Ok(element) => return element,
                    Err(e) => e.to_string(),
                },
                Ok(reach) => reach.to_string(),
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                self.fail(
                    &format!("{css} to be usable after {DEFAULT_TIMEOUT:?}"),
                    &last,
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every shown control of the current screen, each scrolled into view in turn ([`reach::SWEEP`]).
    pub fn sweep(&self) -> Result<Vec<Reach>, String> {
        self.session
            .execute(&reach::sweep_script(), json!([]))
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
    }

    /// Checks every shown control of the current screen ([`reach::SWEEP`]): each must be reachable by
    /// scrolling and not covered. `place` names the screen in the failure.
    pub fn assert_all_reachable(&self, place: &str) {
        let answers = self
            .sweep()
            .unwrap_or_else(|e| self.fail(&format!("sweeping {place}"), &e));
        assert!(
            !answers.is_empty(),
            "{place}: the sweep found no control at all"
        );
        let bad: Vec<String> = answers
            .iter()
            .filter(|a| !a.ok)
            .map(ToString::to_string)
            .collect();
        if !bad.is_empty() {
            self.fail(
                &format!("every control of {place} to be reachable"),
                &bad.join("; "),
            );
        }
    }

    /// Resizes the window to `width`×`height` (a clinic PC's screen) and waits until the page has that
    /// viewport.
    pub fn resize(&self, width: u32, height: u32) {
        self.session
            .set_window_size(width, height)
            .unwrap_or_else(|e| {
                self.fail(&format!("resizing to {width}×{height}"), &e.to_string())
            });
        let expected = json!([width, height]);
        wait::until(
            &format!("the viewport to be {width}×{height}"),
            DEFAULT_TIMEOUT,
            || match self
                .session
                .execute("return [window.innerWidth, window.innerHeight];", json!([]))
            {
                Ok(size) if size == expected => Ok(()),
                other => Err(format!("{other:?}")),
            },
        );
    }

    /// Fails the test: saves a screenshot named after the test and says what was expected and seen.
    pub fn fail(&self, expected: &str, seen: &str) -> ! {
        let test = std::thread::current()
            .name()
            .unwrap_or("e2e")
            .replace("::", "-");
        let n = FAILURES.fetch_add(1, Ordering::Relaxed);
        let name = format!("FAILED-{test}-{n}");
        let shot = match self.session.screenshot_png() {
            Ok(png) => {
                let path = screenshot_dir().join(format!("{name}.png"));
                match std::fs::write(&path, png) {
                    Ok(()) => format!("screenshot: {}", path.display()),
                    Err(e) => format!("no screenshot: {e}"),
                }
            }
            Err(e) => format!("no screenshot: {e}"),
        };
        panic!("waited for {expected}; last seen: {seen}\n{shot}")
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
