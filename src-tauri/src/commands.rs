//! The IPC commands. Each one is a one-line adapter to a [`Service`] method; the list below is the single
//! source for Tauri's handler and for the generated TypeScript bindings, so the two cannot disagree.

use consent_service::api::{AppInfo, UiLang};
use consent_service::{ErrorPayload, Service};
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
            pub fn $name($service: State<'_, Service> $(, $arg: $ty)*) -> Result<$ok, ErrorPayload> {
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
    fn app_info(service) -> AppInfo => service.app_info();
    /// Switches the language of the UI and of messages, and remembers it.
    fn set_language(service, lang: UiLang) -> AppInfo => service.set_language(lang);
    /// Tells the desk that the UI has painted its first screen (logged for start-up measurements).
    fn ui_ready(service) -> () => service.ui_ready();
}
