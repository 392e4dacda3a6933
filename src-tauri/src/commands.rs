//! The IPC commands. Each one is a one-line adapter to a [`Session`] method (or to its
//! [`Service`](consent_service::Service)); the list below is the single source for Tauri's handler and
//! for the generated TypeScript bindings, so the two cannot disagree.

use consent_service::api::{AppInfo, FirstStartInput, FirstStartResult, SessionStatus, UiLang};
use consent_service::{ErrorPayload, Session};
use tauri::State;

use crate::bindings::{ArgSpec, CommandSpec};

/// Declares the commands: `fn name(service, arg: Type, ...) -> Ok => body;`. Expands to one
/// `#[tauri::command]` per entry (run off the main thread, errors localized to `{code, message}`),
/// [`handler`] for Tauri and [`specs`] for the bindings generator.
macro_rules! ipc_commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($service:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ok:ty => $body:expr;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command(async)]
            pub fn $name($service: State<'_, Session> $(, $arg: $ty)*) -> Result<$ok, ErrorPayload> {
                $body.map_err(|e| $service.localize(e))
            }
        )*

        /// Tauri's invoke handler for every command above.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every command above, described for the TypeScript generator.
        pub fn specs() -> Vec<CommandSpec> {
            vec![$(
                CommandSpec::new::<$ok>(
                    stringify!($name),
                    &[$($doc),*],
                    vec![$(ArgSpec::new::<$ty>(stringify!($arg))),*],
                )
            ),*]
        }
    };
}

ipc_commands! {
    /// What the app knows about itself: version, data directory, database state, language.
    fn app_info(session) -> AppInfo => session.service().app_info();
    /// Switches the language of the UI and of messages, and remembers it.
    fn set_language(session, lang: UiLang) -> AppInfo => session.service().set_language(lang);
    /// Tells the desk that the UI has painted its first screen (logged for start-up measurements).
    fn ui_ready(session) -> () => session.service().ui_ready();
    /// Where the app is (first start, signed out, signed in, locked) and who is signed in.
    fn session_status(session) -> SessionStatus => session.status();
    /// The first start: creates the database, the clinic's details and the first administrator, signs
    /// them in and returns the recovery sheet.
    fn first_start(session, input: FirstStartInput) -> FirstStartResult => session.first_start(&input);
    /// Signs a staff member in with their own account.
    fn sign_in(session, login: String, password: String) -> SessionStatus => session.sign_in(&login, &password);
    /// Ends the session.
    fn sign_out(session) -> SessionStatus => session.sign_out();
    /// Locks the screen: nothing is shown or done until the same staff member unlocks it.
    fn lock(session) -> SessionStatus => session.lock();
    /// Unlocks the screen with the locked-in staff member's password.
    fn unlock(session, password: String) -> SessionStatus => session.unlock(&password);
    /// Sets the idle time before the screen locks itself (administrators).
    fn set_idle_lock(session, minutes: u32) -> SessionStatus => session.set_idle_lock_minutes(minutes);
}
