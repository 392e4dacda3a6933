//! The desk looks and works the same on every clinic PC: the UI renders in its own bundled fonts (not
//! whatever the machine has), every screen's controls can be reached at the screen sizes clinic PCs
//! have, the status bar stays one line, a switched language leaves no Russian behind, a new card opens
//! at its top, and no process a test started outlives it.

use consent_desk_tests::desk::{
    ADMIN_NAME, CLINIC_NAME, DESK_NAME, Desk, add_receptionist, prepare_desk,
    register_consenting_patient,
};
use consent_desk_tests::fixtures::patient_input;
use consent_desk_tests::process::{environment_sets, survivors};
use consent_desk_tests::webdriver::ALT;
use serde_json::json;

use super::data_dir;

/// The screen sizes of clinic PCs, smallest first.
const SIZES: [(u32, u32); 4] = [(1024, 768), (1280, 800), (1366, 768), (1280, 1024)];

/// A desk with a patient who has a signed consent, and another whose withdrawal is in the queue.
fn desk_with_a_patient(dir: &std::path::Path) {
    prepare_desk(dir);
    register_consenting_patient(dir, "Ёлкина", false);
    register_consenting_patient(dir, "Соколова", true);
}

/// Back to the reception's search the way staff go: the section, then its own back or cancel button.
fn back_to_search(desk: &Desk) {
    desk.click("[data-testid=nav-reception]");
    for back in ["[data-testid=card-back]", "[data-testid=register-cancel]"] {
        if desk.eval(&format!("!!document.querySelector('{back}')")) == json!(true) {
            desk.click(back);
        }
    }
    desk.wait_for("[data-testid=patient-search]");
}

fn open_card(desk: &Desk, query: &str) {
    back_to_search(desk);
    desk.fill("[data-testid=patient-search]", query);
    desk.click("[data-testid=search-result]");
    desk.wait_for("[data-testid=patient-card]");
}

/// Visits every screen and panel of a signed-in administrator's desk and checks that each control can
/// be reached and is not covered.
fn sweep_every_screen(desk: &Desk, size: &str) {
    let check = |place: &str| desk.assert_all_reachable(&format!("{place} at {size}"));

    desk.click("[data-testid=nav-reception]");
    desk.wait_for("[data-testid=screen-reception]");
    check("reception");
    desk.fill("[data-testid=patient-search]", "елк");
    desk.wait_for("[data-testid=search-result]");
    check("search results");

    desk.click("[data-testid=new-patient]");
    desk.wait_for("[data-testid=register-form]");
    check("registration");
    desk.click("[data-testid=has-representative]");
    desk.wait_for("[data-testid=representative]");
    check("registration with a representative");
    desk.click("[data-testid=register-submit]");
    desk.wait_for("[data-testid=form-error]");
    check("registration with every error shown");

    open_card(desk, "елк");
    check("patient card");
    desk.click("[data-testid=card-new-consent]");
    desk.wait_for("[data-testid=consent-capture]");
    check("consent capture");
    desk.click("[data-testid=consent-preview]");
    desk.wait_for("[data-testid=pdf-page]");
    check("consent preview");
    desk.click("[data-testid=preview-close]");
    desk.wait_gone("[data-testid=form-preview]");

    open_card(desk, "елк");
    desk.click("[data-testid=card-withdrawal]");
    desk.wait_for("[data-testid=withdrawal-intake]");
    desk.click("[data-testid=scope-some]");
    check("withdrawal intake");

    desk.click("[data-testid=nav-withdrawals]");
    desk.wait_for("[data-testid=queue-item]");
    check("withdrawals queue");
    desk.click("[data-testid=queue-open]");
    desk.wait_for("[data-testid=request-panel]");
    check("request panel");
    desk.click("[data-testid=queue-extend]");
    desk.wait_for("[data-testid=request-error]");
    check("request panel with an error");
    desk.click("[data-testid=request-back]");
    desk.wait_for("[data-testid=queue-item]");

    desk.click("[data-testid=nav-settings]");
    desk.wait_for("[data-testid=staff-row]");
    check("settings");
    desk.click("[data-testid=staff-submit]");
    desk.wait_for("[data-testid^=error-staff]");
    check("settings with the staff form's errors");

    desk.click("[data-testid=lock-now]");
    desk.wait_for("[data-testid=lock]");
    check("lock screen");
    desk.fill("[data-testid=field-password]", "не тот пароль");
    desk.press_enter();
    desk.wait_for("[data-testid=lock-error]");
    check("lock screen with an error");
    desk.click("[data-testid=lock-sign-out]");
    desk.wait_for("[data-testid=sign-in]");
    check("sign-in");
}

/// The status bar is one line: no taller than one line of its text plus its padding.
fn assert_status_bar_is_one_line(desk: &Desk, size: &str) {
    let lines = desk.eval(
        "(() => { const bar = document.querySelector('[data-testid=statusbar]'); \
         const item = bar.querySelector('.status-item'); \
         const line = parseFloat(getComputedStyle(item).lineHeight) || item.getBoundingClientRect().height; \
         const items = [...bar.querySelectorAll('.status-item')].map((i) => i.getBoundingClientRect()); \
         const tops = new Set(items.map((r) => Math.round(r.top))); \
         const tallest = Math.max(...items.map((r) => r.height)); \
         return [tops.size, tallest / line]; })()",
    );
    let rows = lines[0].as_u64().unwrap_or(0);
    let ratio = lines[1].as_f64().unwrap_or(f64::MAX);
    assert!(
        rows == 1 && ratio < 1.5,
        "the status bar wraps at {size}: {rows} row(s), an item {ratio:.2} lines tall"
    );
}

#[test]
fn every_screen_is_usable_at_the_screen_sizes_of_clinic_pcs() {
    let dir = data_dir();
    desk_with_a_patient(dir.path());
    let desk = Desk::launch_signed_in(dir.path());
    for (width, height) in SIZES {
        let size = format!("{width}×{height}");
        desk.resize(width, height);
        if desk.eval("!!document.querySelector('[data-testid=sign-in]')") == json!(true) {
            desk.sign_in("admin", consent_desk_tests::desk::ADMIN_PASSWORD);
            desk.wait_for("[data-testid=shell]");
        }
        assert_status_bar_is_one_line(&desk, &size);
        sweep_every_screen(&desk, &size);
        desk.screenshot(&format!("40-sign-in-{width}x{height}"));
    }
}

/// The check can fail: with the status bar drawn over the main area (what a wider fallback font did on
/// a fresh machine), the probe and the sweep both report the control as covered, and by what.
#[test]
fn a_control_under_the_status_bar_is_reported_with_what_covers_it() {
    let dir = data_dir();
    prepare_desk(dir.path());
    let desk = Desk::launch_signed_in(dir.path());
    desk.resize(1024, 768);
    desk.click("[data-testid=nav-settings]");
    desk.wait_for("[data-testid=staff-submit]");
    assert!(desk.reach("[data-testid=staff-submit]").is_ok_and(|r| r.ok));
    desk.eval(
        // Through the CSSOM: the CSP refuses a <style> element made by a script.
        "(() => { Object.assign(document.querySelector('[data-testid=statusbar]').style, \
           { position: 'fixed', left: '0', right: '0', bottom: '0', height: '70vh', zIndex: '5' }); \
         return true; })()",
    );
    let answer = desk.reach("[data-testid=staff-submit]").expect("probe");
    assert!(
        !answer.ok && answer.why == "covered" && answer.covered_by.contains("status"),
        "{answer}"
    );
    let covered: Vec<_> = desk
        .sweep()
        .expect("sweep")
        .into_iter()
        .filter(|a| a.why == "covered")
        .collect();
    assert!(
        covered.iter().any(|a| a.what.contains("staff-submit")),
        "{covered:?}"
    );
}

#[test]
fn the_first_start_and_restore_screens_are_usable_on_the_smallest_screen() {
    let dir = data_dir();
    {
        let desk = Desk::launch(dir.path());
        desk.resize(1024, 768);
        desk.wait_for("[data-testid=first-start]");
        desk.assert_all_reachable("first start at 1024×768");
        desk.click("[data-testid=setup-submit]");
        desk.wait_for("[data-testid=error-inn]");
        desk.assert_all_reachable("first start with errors at 1024×768");
        desk.screenshot("41-first-start-1024x768");
    }
    prepare_desk(dir.path());
    let wrong = "0".repeat(64);
    let desk = Desk::launch_with(dir.path(), &[("CONSENT_DESK_DB_KEY", wrong.as_str())]);
    desk.resize(1024, 768);
    desk.wait_for("[data-testid=restore]");
    desk.assert_all_reachable("restore access at 1024×768");
}

#[test]
fn the_ui_renders_in_its_bundled_fonts_whatever_the_machine_has() {
    let dir = data_dir();
    let desk = Desk::launch(dir.path());
    desk.wait_for("[data-testid=first-start]");
    // Every bundled face is loaded from the app itself, and the page asks for it first.
    let report = desk.session.execute_async(
        "const done = arguments[arguments.length - 1];\
         document.fonts.ready.then(() => {\
           const faces = [...document.fonts].map((f) => [f.family.replace(/[\"']/g, ''), f.weight, f.status]);\
           const body = getComputedStyle(document.body).fontFamily;\
           const code = getComputedStyle(document.querySelector('code, kbd, .mono, [data-mono]') || document.body).fontFamily;\
           const root = getComputedStyle(document.documentElement);\
           done({ faces, body,\
                  sans: root.getPropertyValue('--font-sans').trim(),\
                  mono: root.getPropertyValue('--font-mono').trim() });\
         });",
        json!([]),
    );
    let report = report.expect("read the fonts");
    let faces = report["faces"].as_array().cloned().unwrap_or_default();
    let family = |i: usize| -> String {
        let stack = report[["sans", "mono"][i]].as_str().unwrap_or_default();
        stack
            .split(',')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\''])
            .to_owned()
    };
    let (sans, mono) = (family(0), family(1));
    assert!(
        sans.starts_with("Consent Desk") && mono.starts_with("Consent Desk"),
        "the UI's font stacks must name its bundled faces first: {report}"
    );
    for (name, weight) in [(&sans, "400"), (&sans, "700"), (&mono, "400")] {
        assert!(
            faces.iter().any(|f| f[0] == name.as_str()
                && f[1].as_str() == Some(weight)
                && f[2] == "loaded"),
            "{name} {weight} is not loaded: {faces:?}"
        );
    }
    let body = report["body"].as_str().unwrap_or_default();
    assert!(
        body.trim_start_matches(['"', '\'']).starts_with(&sans),
        "{body}"
    );

    // The face that rendered is the bundled one: text set in it is exactly as wide whichever fallback
    // stands behind it (a missing face would fall back to serif in one case and monospace in the other).
    let widths = desk.eval(&format!(
        "(() => {{ const probe = (stack, weight) => {{ const s = document.createElement('span'); \
           s.style.cssText = `position:absolute;white-space:nowrap;font-size:40px;font-weight:${{weight}};font-family:${{stack}}`; \
           s.textContent = 'Съешь же ещё этих мягких французских булок, да выпей чаю. Wq 0123456789'; \
           document.body.append(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }}; \
         const out = {{}}; \
         for (const [family, weight] of [[{sans:?}, 400], [{sans:?}, 700], [{mono:?}, 400]]) \
           out[family + ' ' + weight] = [probe(`'${{family}}', serif`, weight), probe(`'${{family}}', monospace`, weight), \
                                         probe('serif', weight), probe('monospace', weight)]; \
         return out; }})()"
    ));
    for (face, w) in widths.as_object().expect("widths").iter() {
        let w: Vec<f64> = w
            .as_array()
            .expect("four widths")
            .iter()
            .map(|v| v.as_f64().unwrap_or(0.0))
            .collect();
        assert!(
            (w[0] - w[1]).abs() < 0.5,
            "{face}: different widths over different fallbacks ({w:?}): a fallback face rendered"
        );
        assert!(
            (w[0] - w[2]).abs() > 0.5 || (w[0] - w[3]).abs() > 0.5,
            "{face}: as wide as a system face ({w:?}): the probe cannot tell them apart"
        );
    }
    // The CSP still allows fonts from the app only.
    desk.screenshot("42-bundled-fonts");
}

#[test]
fn switching_the_language_with_a_card_open_leaves_no_russian_outside_patient_data() {
    let dir = data_dir();
    desk_with_a_patient(dir.path());
    add_receptionist(dir.path());
    let desk = Desk::launch_signed_in(dir.path());
    open_card(&desk, "елк");
    desk.wait_for("[data-testid=card-purpose]");
    desk.session.press(&[ALT], "l").expect("Alt+L");
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Patient reception",
    );
    desk.screenshot("43-card-in-english");
    // Patient data, the clinic's and the staff's names stay as they were typed.
    let input = patient_input("Ёлкина");
    let full_name = format!(
        "{} {} {}",
        input.surname,
        input.given_name,
        input.patronymic.clone().unwrap_or_default()
    );
    let patient = [
        full_name,
        input.address,
        input.document.issuer,
        input.surname,
        input.given_name,
    ];
    let mut text = desk.page_text();
    for data in patient
        .iter()
        .map(String::as_str)
        .chain([ADMIN_NAME, CLINIC_NAME, DESK_NAME])
    {
        text = text.replace(data, "");
    }
    let russian: Vec<&str> = text
        .lines()
        .filter(|line| {
            line.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        })
        .collect();
    assert!(
        russian.is_empty(),
        "Russian left after switching to English:\n{}",
        russian.join("\n")
    );
    // And back: every text is Russian again at once.
    desk.session.press(&[ALT], "l").expect("Alt+L");
    desk.wait_for_text(
        "[data-testid=screen-reception] [data-testid=screen-title]",
        "Приём пациентов",
    );
    let titles: Vec<String> = desk
        .eval(
            "[...document.querySelectorAll('[data-testid=card-purpose]')].map((p) => p.innerText)",
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(!titles.is_empty());
    assert!(
        titles
            .iter()
            .all(|t| t.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я'))),
        "{titles:?}"
    );
}

#[test]
fn a_new_patients_card_opens_at_its_top_with_the_focus_on_its_first_action() {
    let dir = data_dir();
    let desk = Desk::launch_signed_in(dir.path());
    desk.resize(1024, 768);
    desk.click("[data-testid=new-patient]");
    crate::reception::register_patient(&desk);
    desk.wait_for_text("[data-testid=card-name]", "Семёнова Алёна Петровна");
    let view = desk.eval(
        "(() => { const name = document.querySelector('[data-testid=card-name]').getBoundingClientRect(); \
         const main = document.querySelector('main').getBoundingClientRect(); \
         const first = document.querySelector('[data-testid=patient-card] .actions button'); \
         return { top: name.top >= main.top && name.bottom <= main.bottom, \
                  scrolled: [...document.querySelectorAll('*')].filter((n) => n.scrollTop > 0).map((n) => n.className), \
                  focus: document.activeElement === first, \
                  active: document.activeElement && document.activeElement.dataset.testid }; })()",
    );
    assert_eq!(view["top"], true, "the card's name is out of view: {view}");
    assert_eq!(
        view["focus"], true,
        "the focus is not on the first action: {view}"
    );
    desk.screenshot("44-new-card-at-top");
}

#[test]
fn no_process_outlives_its_desk() {
    let dir = data_dir();
    prepare_desk(dir.path());
    let desk = Desk::launch_signed_in(dir.path());
    let tag = desk.driver_tag();
    let running = survivors(&tag);
    let names: Vec<&str> = running.iter().map(|s| s.command.as_str()).collect();
    // The tag reaches every level: the driver, WebKit's driver, the app and WebKit's own processes.
    for expected in [
        "tauri-driver",
        "WebKitWebDriver",
        "consent-desk",
        "WebKitNetworkProcess",
    ] {
        assert!(
            names.iter().any(|n| n.contains(expected)),
            "{expected} does not carry the tag: {names:#?}"
        );
    }
    // The app was given the database key in its environment; the processes it starts were not.
    let started_by_the_app: Vec<_> = running
        .iter()
        .filter(|s| {
            s.command.contains("WebKitNetworkProcess") || s.command.contains("WebKitWebProcess")
        })
        .collect();
    assert!(!started_by_the_app.is_empty(), "{names:#?}");
    for process in started_by_the_app {
        assert!(
            !environment_sets(process.pid, "CONSENT_DESK_DB_KEY"),
            "the database key reached {}",
            process.command
        );
    }
    drop(desk);
    let left = survivors(&tag);
    assert!(left.is_empty(), "left behind: {left:#?}");
}
