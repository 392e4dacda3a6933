//! A small W3C WebDriver client: just what the end-to-end suite uses, over blocking HTTP on loopback.

use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

/// The W3C key of an element reference in a response.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An error the WebDriver server returned, or a transport failure.
#[derive(Debug, Clone)]
pub struct WdError(pub String);

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type WdResult<T> = Result<T, WdError>;

/// An element found on the page.
#[derive(Debug, Clone)]
pub struct Element(String);

/// One WebDriver session (one app window).
#[derive(Debug)]
pub struct Session {
    agent: ureq::Agent,
    base: String,
    id: String,
}

fn agent() -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build();
    ureq::Agent::new_with_config(config)
}

fn unwrap_value(status: u16, body: Value) -> WdResult<Value> {
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    if status >= 400 || value.get("error").is_some_and(Value::is_string) {
        return Err(WdError(format!(
            "HTTP {status}: {} {}",
            value["error"].as_str().unwrap_or("error"),
            value["message"].as_str().unwrap_or_default()
        )));
    }
    Ok(value)
}

fn send(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>) -> WdResult<Value> {
    let transport = |e: ureq::Error| WdError(format!("{method} {url}: {e}"));
    let mut response = match (method, body) {
        ("GET", _) => agent.get(url).call().map_err(transport)?,
        ("DELETE", _) => agent.delete(url).call().map_err(transport)?,
        (_, Some(body)) => agent.post(url).send_json(body).map_err(transport)?,
        (_, None) => agent.post(url).send_json(json!({})).map_err(transport)?,
    };
    let status = response.status().as_u16();
    let body: Value = response
        .body_mut()
        .read_json()
        .map_err(|e| WdError(format!("{method} {url}: unreadable body: {e}")))?;
    unwrap_value(status, body)
}

impl Session {
    /// Starts a session on the WebDriver server at `base` (e.g. `http://127.0.0.1:4444`).
    pub fn start(base: &str, capabilities: Value) -> WdResult<Session> {
        let agent = agent();
        let value = send(
            &agent,
            "POST",
            &format!("{base}/session"),
            Some(&json!({ "capabilities": { "alwaysMatch": capabilities } })),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WdError(format!("no sessionId in {value}")))?
            .to_owned();
        Ok(Session {
            agent,
            base: base.to_owned(),
            id,
        })
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> WdResult<Value> {
        let url = format!("{}/session/{}{}", self.base, self.id, path);
        send(&self.agent, method, &url, body.as_ref())
    }

    pub fn find(&self, css: &str) -> WdResult<Element> {
        let value = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element_id(&value).map(Element)
    }

    pub fn find_all(&self, css: &str) -> WdResult<Vec<Element>> {
        let value = self.call(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        value
            .as_array()
            .ok_or_else(|| WdError(format!("not a list: {value}")))?
            .iter()
            .map(|v| element_id(v).map(Element))
            .collect()
    }

    pub fn text(&self, element: &Element) -> WdResult<String> {
        let value = self.call("GET", &format!("/element/{}/text", element.0), None)?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    pub fn click(&self, element: &Element) -> WdResult<()> {
        self.call("POST", &format!("/element/{}/click", element.0), None)
            .map(drop)
    }

    /// Runs `script` in the page (`arguments` are `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> WdResult<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs an asynchronous `script`; it signals completion by calling its last argument.
    pub fn execute_async(&self, script: &str, args: Value) -> WdResult<Value> {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Presses a chord: `modifiers` held down (WebDriver key codes such as `\u{E00A}` for Alt) while
    /// `key` is pressed and released.
    pub fn press(&self, modifiers: &[&str], key: &str) -> WdResult<()> {
        let mut actions: Vec<Value> = modifiers
            .iter()
            .map(|m| json!({ "type": "keyDown", "value": m }))
            .collect();
        actions.push(json!({ "type": "keyDown", "value": key }));
        actions.push(json!({ "type": "keyUp", "value": key }));
        actions.extend(
            modifiers
                .iter()
                .rev()
                .map(|m| json!({ "type": "keyUp", "value": m })),
        );
        self.key_actions(actions)
    }

    /// Types `text` key by key into whatever has the focus, as a keyboard (or a barcode scanner) does.
    pub fn type_keys(&self, text: &str) -> WdResult<()> {
        let actions: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        self.key_actions(actions)
    }

    /// Performs a sequence of keyboard actions, then releases every key.
    fn key_actions(&self, actions: Vec<Value>) -> WdResult<()> {
        self.call(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        )?;
        self.call("DELETE", "/actions", None).map(drop)
    }

    /// A PNG of the window, taken after two animation frames so it shows what was last rendered.
    pub fn screenshot_png(&self) -> WdResult<Vec<u8>> {
        self.execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            json!([]),
        )?;
        let value = self.call("GET", "/screenshot", None)?;
        let encoded = value
            .as_str()
            .ok_or_else(|| WdError("screenshot is not a string".into()))?;
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| WdError(format!("screenshot is not base64: {e}")))
    }

    /// Ends the session (the app window closes).
    pub fn end(&self) -> WdResult<()> {
        let url = format!("{}/session/{}", self.base, self.id);
        send(&self.agent, "DELETE", &url, None).map(drop)
    }
}

fn element_id(value: &Value) -> WdResult<String> {
    value[ELEMENT_KEY]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| WdError(format!("not an element: {value}")))
}

/// WebDriver's code for the Alt key.
pub const ALT: &str = "\u{E00A}";
