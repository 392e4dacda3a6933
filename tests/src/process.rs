//! Spawned processes that are always stopped, children included.
//!
//! Each one runs in its own process group and carries a tag in its environment
//! ([`TAG_VARIABLE`]) that every descendant inherits. Signalling the group is not enough: WebKitWebDriver
//! outlived a SIGTERM to tauri-driver, and the app's WebKitNetworkProcess outlived its session, because a
//! child may leave the group or be re-parented. So dropping the guard stops the group, then finds every
//! process that still carries the tag (by reading `/proc/*/environ`) and stops it too, by its id.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The environment variable that marks a guarded process and everything it starts.
pub const TAG_VARIABLE: &str = "CONSENT_DESK_TEST_TAG";

static NEXT_TAG: AtomicU32 = AtomicU32::new(1);

#[derive(Debug)]
pub struct Guarded {
    name: String,
    tag: String,
    child: Child,
}

/// A process that is still alive: its id and command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survivor {
    pub pid: u32,
    pub command: String,
}

impl Guarded {
    /// Starts `command` in a new process group; its output goes to `log` (a file) when given.
    pub fn spawn(name: &str, mut command: Command, log: Option<std::fs::File>) -> Guarded {
        match log {
            Some(file) => {
                let err = file.try_clone().expect("clone log handle");
                command.stdout(file).stderr(err);
            }
            None => {
                command.stdout(Stdio::null()).stderr(Stdio::null());
            }
        }
        Guarded::spawn_configured(name, command)
    }

    /// Starts `command` in a new process group with the output the caller configured.
    pub fn spawn_configured(name: &str, mut command: Command) -> Guarded {
        let tag = format!(
            "{}-{}-{name}",
            std::process::id(),
            NEXT_TAG.fetch_add(1, Ordering::Relaxed)
        );
        command
            .process_group(0)
            .stdin(Stdio::null())
            .env(TAG_VARIABLE, &tag);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        Guarded {
            name: name.to_owned(),
            tag,
            child,
        }
    }

    /// The child's piped stderr, once.
    pub fn take_stderr(&mut self) -> Option<std::process::ChildStderr> {
        self.child.stderr.take()
    }

    /// The child's piped stdout, once.
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` (`-TERM`, `-KILL`) to the process alone and waits for it to exit.
    pub fn signal_and_wait(&mut self, signal_name: &str) -> std::process::ExitStatus {
        signal(signal_name, &self.child.id().to_string());
        self.child.wait().expect("wait for the process")
    }

    /// The tag this process and all its descendants carry.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// How the process ended, if it has (without waiting).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Fails when the process has already exited (it should still be serving).
    pub fn assert_running(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("{} exited early with {status}", self.name);
        }
    }

    fn signal_group(&self, name: &str) {
        signal(name, &format!("-{}", self.child.id()));
    }
}

fn signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([signal, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Every live process (zombies excluded) whose environment carries `tag`.
pub fn survivors(tag: &str) -> Vec<Survivor> {
    let needle = format!("{TAG_VARIABLE}={tag}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if !environ
            .split(|b| *b == 0)
            .any(|var| var == needle.as_bytes())
        {
            continue;
        }
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        if status
            .lines()
            .any(|line| line.starts_with("State:") && line.contains('Z'))
        {
            continue;
        }
        let command = std::fs::read(entry.path().join("cmdline"))
            .map(|raw| String::from_utf8_lossy(&raw).replace('\0', " "))
            .unwrap_or_default();
        found.push(Survivor {
            pid,
            command: command.trim().to_owned(),
        });
    }
    found
}

/// Whether the environment of process `pid` sets `name` (as the kernel shows it in
/// `/proc/<pid>/environ`: the environment the process was started with).
pub fn environment_sets(pid: u32, name: &str) -> bool {
    let prefix = format!("{name}=");
    std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
        environ
            .split(|b| *b == 0)
            .any(|var| var.starts_with(prefix.as_bytes()))
    })
}

/// Sends `sig` to every process carrying `tag`; true when there was none left.
fn signal_tagged(tag: &str, sig: &str) -> bool {
    let left = survivors(tag);
    for survivor in &left {
        signal(sig, &survivor.pid.to_string());
    }
    left.is_empty()
}

/// Waits up to `timeout` for every process carrying `tag` to end.
fn wait_tagged(tag: &str, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if survivors(tag).is_empty() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.signal_group("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // The leader is gone (or would not go): no straggler of its group or its tag survives.
        self.signal_group("-KILL");
        let _ = self.child.wait();
        if !signal_tagged(&self.tag, "-TERM") && !wait_tagged(&self.tag, Duration::from_secs(3)) {
            signal_tagged(&self.tag, "-KILL");
            wait_tagged(&self.tag, Duration::from_secs(2));
        }
    }
}
