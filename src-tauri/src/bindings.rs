//! Generates `ui/src/lib/ipc/bindings.ts` from the command list and the types it mentions, so the UI
//! calls typed functions instead of `invoke("name")` with strings.
//!
//! The committed file is checked by the `bindings_are_current` test. `cargo xtask bindings` rewrites it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ts_rs::{Config, TS, TypeVisitor};

/// Where the generated file lives, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/ipc/bindings.ts";

/// One IPC command as the generator sees it.
#[derive(Debug)]
pub struct CommandSpec {
    name: &'static str,
    docs: &'static [&'static str],
    args: Vec<ArgSpec>,
    ok_type: String,
    visit_ok: fn(&mut TypeCollector),
}

impl CommandSpec {
    pub fn new<T: TS + 'static>(
        name: &'static str,
        docs: &'static [&'static str],
        args: Vec<ArgSpec>,
    ) -> CommandSpec {
        CommandSpec {
            name,
            docs,
            args,
            ok_type: T::name(&config()),
            visit_ok: visit::<T>,
        }
    }
}

/// One argument of a command.
#[derive(Debug)]
pub struct ArgSpec {
    name: &'static str,
    ts_type: String,
    visit: fn(&mut TypeCollector),
}

impl ArgSpec {
    pub fn new<T: TS + 'static>(name: &'static str) -> ArgSpec {
        ArgSpec {
            name,
            ts_type: T::name(&config()),
            visit: visit::<T>,
        }
    }
}

/// One event the desk sends the UI, as the generator sees it.
#[derive(Debug)]
pub struct EventSpec {
    name: &'static str,
    key: &'static str,
    doc: &'static str,
    payload_type: String,
    visit_payload: fn(&mut TypeCollector),
}

impl EventSpec {
    pub fn new<T: TS + 'static>(
        name: &'static str,
        key: &'static str,
        doc: &'static str,
    ) -> EventSpec {
        EventSpec {
            name,
            key,
            doc,
            payload_type: T::name(&config()),
            visit_payload: visit::<T>,
        }
    }
}

fn config() -> Config {
    Config::new().with_large_int("number")
}

fn visit<T: TS + 'static>(collector: &mut TypeCollector) {
    collector.visit::<T>();
}

/// Collects the declaration of every named type reachable from the commands, keyed by name so the
/// output is sorted and stable.
#[derive(Debug, Default)]
pub struct TypeCollector {
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for TypeCollector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let cfg = config();
        if T::output_path().is_some() {
            let name = T::ident(&cfg);
            if self.decls.contains_key(&name) {
                return;
            }
            let mut decl = String::new();
            if let Some(docs) = T::docs() {
                decl.push_str(&docs);
            }
            decl.push_str("export ");
            decl.push_str(&T::decl(&cfg));
            self.decls.insert(name, decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The full text of the bindings file for `commands` and `events`.
pub fn render(commands: &[CommandSpec], events: &[EventSpec]) -> String {
    let mut types = TypeCollector::default();
    visit::<consent_service::ErrorPayload>(&mut types);
    for event in events {
        (event.visit_payload)(&mut types);
    }
    for command in commands {
        (command.visit_ok)(&mut types);
        for arg in &command.args {
            (arg.visit)(&mut types);
        }
    }

    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask bindings` (src-tauri/src/bindings.rs).\n\
         // Do not edit by hand: the `bindings_are_current` test fails when this file drifts.\n\n\
         import { invoke } from \"@tauri-apps/api/core\";\n\n",
    );
    for decl in types.decls.values() {
        out.push_str(decl.trim_end());
        out.push_str("\n\n");
    }
    out.push_str(
        "/** Every IPC command of the desk. A rejected promise carries an `ErrorPayload`. */\n\
         export const commands = {\n",
    );
    for command in commands {
        if !command.docs.is_empty() {
            out.push_str("  /**\n");
            for line in command.docs {
                out.push_str(&format!("   *{}\n", line.trim_end()));
            }
            out.push_str("   */\n");
        }
        let params: Vec<String> = command
            .args
            .iter()
            .map(|a| format!("{}: {}", camel_case(a.name), a.ts_type))
            .collect();
        let payload = if command.args.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = command.args.iter().map(|a| camel_case(a.name)).collect();
            format!(", {{ {} }}", names.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}): Promise<{ok}> => invoke<{ok}>(\"{}\"{payload}),\n",
            camel_case(command.name),
            params.join(", "),
            command.name,
            ok = command.ok_type,
        ));
    }
    out.push_str("} as const;\n\n");
    out.push_str("/** The events the desk sends the UI, by name. */\nexport const events = {\n");
    for event in events {
        out.push_str(&format!(
            "  /** {} */\n  {}: \"{}\",\n",
            event.doc, event.key, event.name
        ));
    }
    out.push_str("} as const;\n\n/** Each event's payload. */\nexport type EventPayloads = {\n");
    for event in events {
        out.push_str(&format!("  \"{}\": {};\n", event.name, event.payload_type));
    }
    out.push_str("};\n");
    out
}

/// Tauri passes command arguments in camelCase on the JavaScript side.
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The committed bindings file.
pub fn bindings_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when the committed bindings differ from what the Rust types generate. With
    /// `CONSENT_DESK_UPDATE_BINDINGS=1` (what `cargo xtask bindings` sets) it rewrites the file instead.
    #[test]
    fn bindings_are_current() {
        let expected = render(&crate::commands::specs(), &crate::events::specs());
        let path = bindings_path();
        if std::env::var_os("CONSENT_DESK_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is out of date with the Rust types; run `cargo xtask bindings` and commit the result",
            path.display()
        );
    }

    #[test]
    fn every_command_and_type_is_in_the_bindings() {
        let text = render(&crate::commands::specs(), &crate::events::specs());
        for needle in [
            "export type AppInfo",
            "export type DatabaseStatus",
            "export type ErrorPayload",
            "export type ErrorCode",
            "export type UiLang",
            "appInfo: (): Promise<AppInfo> => invoke<AppInfo>(\"app_info\")",
            "setLanguage: (lang: UiLang): Promise<AppInfo> => invoke<AppInfo>(\"set_language\", { lang })",
            "export type SessionStatus",
            "export type FirstStartInput",
            "export type RecoverySheet",
            "sessionStatus: (): Promise<SessionStatus> => invoke<SessionStatus>(\"session_status\")",
            "signIn: (login: string, password: string): Promise<SessionStatus> => invoke<SessionStatus>(\"sign_in\", { login, password })",
            "unlock: (password: string): Promise<SessionStatus> => invoke<SessionStatus>(\"unlock\", { password })",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }

    #[test]
    fn camel_case_matches_tauri() {
        assert_eq!(camel_case("app_info"), "appInfo");
        assert_eq!(camel_case("received_on_date"), "receivedOnDate");
        assert_eq!(camel_case("lang"), "lang");
    }
}
