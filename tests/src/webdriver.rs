//! The suite's WebDriver client: [fantoccini] (a well-kept W3C client: element references, key actions,
//! window rectangles, screenshots, typed errors) behind a blocking facade.
//!
//! The tests read as a person's steps, one after another, so each call here runs fantoccini's future to
//! completion on a current-thread tokio runtime that the session owns. The person-like layer (scroll into
//! view, wait until usable, name what covers a control) lives in [`crate::desk`].

use std::future::Future;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element as FElement;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Map, Value};

/// An error the WebDriver server returned, or a transport failure.
#[derive(Debug, Clone)]
pub struct WdError(pub String);

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<fantoccini::error::CmdError> for WdError {
    fn from(error: fantoccini::error::CmdError) -> Self {
        WdError(error.to_string())
    }
}

pub type WdResult<T> = Result<T, WdError>;

/// An element found on the page.
#[derive(Debug, Clone)]
pub struct Element(FElement);

impl Element {
    /// The element as a script argument (the W3C element reference).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
}

/// One WebDriver session (one app window).
#[derive(Debug)]
pub struct Session {
    runtime: tokio::runtime::Runtime,
    client: Client,
}

impl Session {
    /// Starts a session on the WebDriver server at `base` (e.g. `http://127.0.0.1:4444`).
    pub fn start(base: &str, capabilities: Value) -> WdResult<Session> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| WdError(format!("tokio runtime: {e}")))?;
        let capabilities: Map<String, Value> = match capabilities {
            Value::Object(map) => map,
            other => return Err(WdError(format!("capabilities must be an object: {other}"))),
        };
        let client = runtime
            .block_on(async {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector)
                    .capabilities(capabilities)
                    .connect(base)
                    .await
            })
            .map_err(|e| WdError(format!("new session at {base}: {e}")))?;
        Ok(Session { runtime, client })
    }

    fn run<T>(
        &self,
        future: impl Future<Output = Result<T, fantoccini::error::CmdError>>,
    ) -> WdResult<T> {
        self.runtime.block_on(future).map_err(WdError::from)
    }

    pub fn find(&self, css: &str) -> WdResult<Element> {
        self.run(self.client.find(Locator::Css(css))).map(Element)
    }

    pub fn find_all(&self, css: &str) -> WdResult<Vec<Element>> {
        self.run(self.client.find_all(Locator::Css(css)))
            .map(|all| all.into_iter().map(Element).collect())
    }

    pub fn text(&self, element: &Element) -> WdResult<String> {
        self.run(element.0.text())
    }

    /// A real click: the WebDriver server moves the pointer to the element's centre and presses there.
    pub fn click(&self, element: &Element) -> WdResult<()> {
        self.run(element.0.click())
    }

    /// Chooses the `<option>` with `value` in a `<select>`, by clicking it as a person would.
    pub fn select_by_value(&self, element: &Element, value: &str) -> WdResult<()> {
        self.run(element.0.select_by_value(value))
    }

    /// Runs `script` in the page (`arguments` are `args`, a JSON array) and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> WdResult<Value> {
        self.run(self.client.execute(script, array(args)))
    }

    /// Runs an asynchronous `script`; it signals completion by calling its last argument.
    pub fn execute_async(&self, script: &str, args: Value) -> WdResult<Value> {
        self.run(self.client.execute_async(script, array(args)))
    }

    /// Presses a chord: `modifiers` held down (WebDriver key codes such as [`ALT`]) while `key` is
    /// pressed and released.
    pub fn press(&self, modifiers: &[&str], key: &str) -> WdResult<()> {
        let mut actions: Vec<KeyAction> = Vec::new();
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        for modifier in modifiers.iter().flat_map(|m| chars(m)) {
            actions.push(KeyAction::Down { value: modifier });
        }
        for c in chars(key) {
            actions.push(KeyAction::Down { value: c });
            actions.push(KeyAction::Up { value: c });
        }
        for modifier in modifiers.iter().rev().flat_map(|m| chars(m)) {
            actions.push(KeyAction::Up { value: modifier });
        }
        self.key_actions(actions)
    }

    /// Types `text` key by key into whatever has the focus, as a keyboard (or a barcode scanner) does.
    pub fn type_keys(&self, text: &str) -> WdResult<()> {
        let actions = text
            .chars()
            .flat_map(|c| [KeyAction::Down { value: c }, KeyAction::Up { value: c }])
            .collect();
        self.key_actions(actions)
    }

    /// Performs a sequence of keyboard actions, then releases every key.
    fn key_actions(&self, actions: Vec<KeyAction>) -> WdResult<()> {
        let mut keyboard = KeyActions::new("keyboard".to_owned());
        for action in actions {
            keyboard = keyboard.then(action);
        }
        self.run(self.client.perform_actions(keyboard))?;
        self.run(self.client.release_actions())
    }

    /// Resizes the window so that its page has `width`×`height` CSS pixels, as a clinic PC's screen
    /// would give it; returns the viewport it got.
    pub fn set_window_size(&self, width: u32, height: u32) -> WdResult<(u64, u64)> {
        self.run(self.client.set_window_size(width, height))?;
        self.run(self.client.get_window_size())
    }

    /// A PNG of the window, taken after two animation frames so it shows what was last rendered.
    pub fn screenshot_png(&self) -> WdResult<Vec<u8>> {
        self.execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            Value::Array(Vec::new()),
        )?;
        self.run(self.client.screenshot())
    }

    /// Ends the session (the app window closes).
    pub fn end(&self) -> WdResult<()> {
        self.run(self.client.clone().close())
    }
}

fn array(args: Value) -> Vec<Value> {
    match args {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// WebDriver's code for the Alt key.
pub const ALT: &str = "\u{E00A}";
/// WebDriver's code for the Control key.
pub const CONTROL: &str = "\u{E009}";
/// WebDriver's code for Backspace.
pub const BACKSPACE: &str = "\u{E003}";
/// WebDriver's code for Enter.
pub const ENTER: &str = "\u{E007}";
