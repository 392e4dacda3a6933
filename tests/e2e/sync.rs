//! Two desks and a clinic server, end to end in two real windows: desk A joins from Settings with the
//! server's code and makes desk B's code; a patient registered at A turns up in B's search without a
//! keystroke at B; a withdrawal taken at B joins A's queue; the status bar says «синхронизировано»;
//! with the server stopped it says since when there is no connection and how many records wait; what
//! was done meanwhile arrives once the server is back and staff press «Синхронизировать сейчас».
//! A's administrator sees both desks in Settings → Desks.

use consent_desk_tests::desk::{Desk, as_admin, prepare_desk, register_consenting_patient};
use consent_desk_tests::server::ServerDir;

use super::data_dir;

const SYNC: &str = "[data-testid=status-sync]";

/// Registers a patient through the form, as a receptionist types it.
fn register(desk: &Desk, surname: &str, document: &str, phone: &str) {
    desk.click("[data-testid=nav-reception]");
    desk.click("[data-testid=new-patient]");
    let field = |name: &str| format!("[data-testid=field-p-{name}]");
    desk.fill(&field("surname"), surname);
    desk.fill(&field("given-name"), "Алёна");
    desk.fill(&field("patronymic"), "Петровна");
    desk.fill(&field("birth-date"), "15.03.1985");
    desk.choose(&field("sex"), "female");
    desk.fill(&field("document-series"), "4509");
    desk.fill(&field("document-number"), document);
    desk.fill(&field("document-issue-date"), "01.04.2005");
    desk.fill(
        &field("document-issuer"),
        "УМВД России по Ивановской области",
    );
    desk.fill(&field("document-subdivision-code"), "370-001");
    desk.fill(&field("phone"), phone);
    desk.fill(&field("address"), "г. Иваново, ул. Куконковых, д. 142");
    desk.click("[data-testid=register-submit]");
    desk.wait_for_text_containing("[data-testid=card-name]", surname);
    desk.click("[data-testid=card-back]");
}

/// Types `query` into the search box and waits for `name` among the results.
fn find(desk: &Desk, query: &str, name: &str) {
    desk.click("[data-testid=nav-reception]");
    desk.fill("[data-testid=patient-search]", query);
    desk.wait_for_text_containing("[data-testid=search-result] .result-name", name);
}

fn sync_now(desk: &Desk) {
    desk.click("[data-testid=nav-settings]");
    desk.click("[data-testid=sync-now]");
}

#[test]
fn two_desks_share_patients_and_the_queue_and_the_status_bar_tells_the_truth() {
    let server_dir = ServerDir::sqlite();
    let server = server_dir.start();
    let (dir_a, dir_b) = (data_dir(), data_dir());
    prepare_desk(dir_a.path());
    register_consenting_patient(dir_a.path(), "Ёлкина", false);
    prepare_desk(dir_b.path());

    // A joins from Settings with the code the server printed, typed into the field. Its printer
    // is a program that keeps what it is piped.
    let work = tempfile::tempdir().expect("e2e set-up");
    let (spool, path) = super::reception::printer(work.path());
    let a = Desk::launch_signed_in_with(dir_a.path(), &[("PATH", path.as_str())]);
    a.wait_for_text_containing(SYNC, "сервер клиники не подключён");
    a.click("[data-testid=nav-settings]");
    a.fill("[data-testid=server-code]", &server.first_code());
    a.click("[data-testid=server-join]");
    a.wait_for("[data-testid=server-fingerprint]");
    a.wait_for_text_containing(SYNC, "синхронизировано в");
    a.wait_for_text_containing("[data-testid=server-state]", "синхронизировано в");
    a.screenshot("60-sync-joined");

    // A makes B's code (Settings → Desks → Add a desk); B's administrator joins with it.
    a.click("[data-testid=desk-code-add]");
    let code = a.text("[data-testid=desk-code]");
    assert!(code.starts_with("consent-desk:join:"), "{code}");
    a.screenshot("61-sync-desk-code");
    // Its sheet goes to the printer with the code as a QR code and in groups.
    a.click("[data-testid=desk-sheet-print]");
    a.wait_for_text_containing(
        "[data-testid=server-message]",
        "Лист подключения отправлен на принтер",
    );
    let sheet = super::reception::pdftotext(&spool.join("job-0.pdf"));
    assert!(sheet.contains("Лист подключения рабочего места"), "{sheet}");
    assert!(
        sheet.contains(&code[18..23]),
        "the code's first group is printed: {sheet}"
    );
    as_admin(dir_b.path(), |desk, admin| {
        desk.join_server(admin, &code, "Регистратура, окно 2")
    });
    as_admin(dir_b.path(), |desk, admin| desk.sync_now(admin));
    let b = Desk::launch_signed_in(dir_b.path());
    b.wait_for_text_containing(SYNC, "синхронизировано в");
    // A's administrator sees both desks in the list the server keeps.
    a.click("[data-testid=desk-list-refresh]");
    a.wait_for_text_containing("[data-testid=desk-list]", "Регистратура, окно 2");

    // Registered at A, found at B: B's search box is typed first; the list fills when A's record
    // arrives.
    b.click("[data-testid=nav-reception]");
    b.fill("[data-testid=patient-search]", "семен");
    register(&a, "Семёнова", "371904", "+7 915 301-22-18");
    b.wait_for_text_containing(
        "[data-testid=search-result] .result-name",
        "Семёнова Алёна Петровна",
    );
    b.screenshot("62-sync-found-at-b");

    // A withdrawal taken at B joins A's queue on screen.
    a.click("[data-testid=nav-withdrawals]");
    a.wait_for("[data-testid=screen-withdrawals]");
    find(&b, "елк", "Ёлкина");
    b.click("[data-testid=search-result]");
    b.click("[data-testid=card-withdrawal]");
    b.click("[data-testid=withdrawal-submit]");
    b.wait_for("[data-testid=withdrawal-deadline]");
    a.wait_for_text_containing("[data-testid=queue-item] td:first-child", "Ёлкина");
    a.screenshot("63-sync-queue-at-a");

    // The server stops: A says since when there is no connection, and what waits to be sent.
    let addr = server.addr;
    server.stop();
    a.wait_for_text_containing(SYNC, "нет связи с сервером с");
    register(&a, "Вяземская", "582611", "+7 916 744-09-51");
    a.wait_for_text_containing(SYNC, "ожидают отправки: ");
    a.screenshot("64-sync-offline");

    // Back: «Синхронизировать сейчас» at both desks, and the offline work reaches B.
    let _server = server_dir.restart_on(addr);
    sync_now(&a);
    a.wait_for_text_containing(SYNC, "синхронизировано в");
    sync_now(&b);
    find(&b, "вязем", "Вяземская Алёна Петровна");
    b.wait_for_text_containing(SYNC, "синхронизировано в");
    b.screenshot("65-sync-caught-up-at-b");
}
