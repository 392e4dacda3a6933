//! Installs what the two commands need on Debian/Ubuntu, and on other systems prints the exact
//! prerequisites instead of guessing.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::steps::{Result, cmd, say, workspace_root};

/// Debian packages to build and run the Tauri app (WebKitGTK 4.1 and friends).
pub const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libxdo-dev",
    "file",
];

/// Extra Debian packages for the tests: the real window headless (Xvfb, WebKitWebDriver), the
/// tools that read printed forms back (pdftotext/pdftoppm/pdfinfo, zbarimg for the QR codes), and
/// PostgreSQL's server programs (`initdb`, `postgres` under `/usr/lib/postgresql/N/bin`), from which
/// the sync suite starts a throwaway cluster of its own on a free loopback port.
///
/// Installing `postgresql` also creates the `postgres` system user (the tests run the server as it
/// when they run as root, which PostgreSQL refuses) and usually a system cluster `main` on port
/// 5432. The tests never connect to that cluster, running or not. In a container without systemd
/// `invoke-rc.d` is refused by `policy-rc.d` (Docker images ship one that says no), blocks when
/// there is no init at all, or starts the cluster with the SysV script; and postgresql-common only
/// warns when it cannot create the cluster. So the install succeeds without systemd.
pub const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "poppler-utils",
    "zbar-tools",
    "postgresql",
];

/// The Node.js version Vite 8 needs.
const MIN_NODE: (u32, u32) = (20, 19);

/// Makes sure the system packages, Node and (for tests) tauri-driver are present.
pub fn ensure(packages: &[&str], need_tauri_driver: bool) -> Result {
    ensure_system_packages(packages)?;
    ensure_node()?;
    if need_tauri_driver {
        ensure_tauri_driver()?;
    }
    Ok(())
}

fn is_debian_like() -> bool {
    let Ok(release) = std::fs::read_to_string("/etc/os-release") else {
        return false;
    };
    release.lines().any(|line| {
        let line = line.to_ascii_lowercase();
        (line.starts_with("id=") || line.starts_with("id_like="))
            && (line.contains("debian") || line.contains("ubuntu"))
    })
}

fn missing_packages(packages: &[&str]) -> Vec<String> {
    packages
        .iter()
        .filter(|pkg| {
            let status = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", pkg])
                .output();
            !matches!(status, Ok(out) if out.status.success()
                && String::from_utf8_lossy(&out.stdout).contains("install ok installed"))
        })
        .map(|pkg| pkg.to_string())
        .collect()
}

fn ensure_system_packages(packages: &[&str]) -> Result {
    if !cfg!(target_os = "linux") {
        say(&format!(
            "Not Linux: make sure the Tauri prerequisites are installed (macOS: Xcode command line tools; \
             Windows: Microsoft C++ Build Tools and WebView2). The end-to-end suite runs on Linux only. \
             Debian names of what Linux needs: {}",
            packages.join(" ")
        ));
        return Ok(());
    }
    if !is_debian_like() {
        say(&format!(
            "This is not Debian or Ubuntu, so nothing is installed automatically. Install the equivalents \
             of these Debian packages with your package manager: {}",
            packages.join(" ")
        ));
        return Ok(());
    }
    let missing = missing_packages(packages);
    if missing.is_empty() {
        say("System packages: all present.");
        return Ok(());
    }
    say(&format!(
        "Installing missing system packages with apt: {}",
        missing.join(" ")
    ));
    let sudo = !is_root();
    let apt = |args: &[&str]| -> Result {
        let mut command = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        command
            .args(["-o", "DPkg::Lock::Timeout=600", "-q"])
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive");
        cmd(command, "apt-get")
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing.iter().map(String::as_str));
    apt(&install)?;
    let still = missing_packages(packages);
    if !still.is_empty() {
        return Err(format!(
            "apt finished but these packages are still missing: {}",
            still.join(" ")
        ));
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn ensure_node() -> Result {
    let out = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|_| {
            format!(
                "Node.js is not installed: install Node {}.{} or newer (with npm) and run again",
                MIN_NODE.0, MIN_NODE.1
            )
        })?;
    let version = String::from_utf8_lossy(&out.stdout)
        .trim()
        .trim_start_matches('v')
        .to_owned();
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if found < MIN_NODE {
        return Err(format!(
            "Node.js {version} is too old: the UI's build tools need {}.{} or newer",
            MIN_NODE.0, MIN_NODE.1
        ));
    }
    say(&format!("Node.js {version}: fine."));
    Ok(())
}

/// `tauri-driver` bridges WebDriver to WebKitWebDriver for the end-to-end suite.
pub fn tauri_driver_path() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| workspace_root().join("target/tools"));
    cargo_home.join("bin").join("tauri-driver")
}

fn ensure_tauri_driver() -> Result {
    ensure_cargo_tool(
        CargoTool {
            krate: "tauri-driver",
            version: "^2",
            announce: "tauri-driver 2.x",
            takes: "about half a minute",
            present: Present::At(tauri_driver_path()),
        },
        Command::new("cargo"),
    )
}

/// A developer tool that `cargo install` provides, pinned to a version line.
#[derive(Debug)]
pub struct CargoTool<'a> {
    /// The crate `cargo install` takes; also the tool's name in what is said.
    pub krate: &'a str,
    /// The version requirement the commands are written for (installed `--locked`).
    pub version: &'a str,
    /// What is being installed, as said before it starts (the version line, when it helps).
    pub announce: &'a str,
    /// How long the install takes, so a silent minute of compiling does not look like a hang.
    pub takes: &'a str,
    pub present: Present,
}

/// How to tell that a tool is there.
#[derive(Debug)]
pub enum Present {
    /// A binary the commands run from this path, checked again after the install: a `cargo install`
    /// that put it elsewhere (another `CARGO_HOME`) would otherwise fail later, less clearly.
    At(PathBuf),
    /// A command that succeeds when the tool is there (a cargo subcommand cargo finds itself).
    Runs(Command),
}

/// Installs `tool` unless it is present, saying which. `cargo` is the cargo to install with: each
/// caller keeps the one it always used (fuzzing the cargo that runs xtask, tauri-driver the one on
/// `PATH`).
pub fn ensure_cargo_tool(tool: CargoTool<'_>, mut cargo: Command) -> Result {
    let CargoTool {
        krate,
        version,
        announce,
        takes,
        mut present,
    } = tool;
    let found = match &mut present {
        Present::At(path) => path.is_file().then(|| path.display().to_string()),
        Present::Runs(probe) => probe
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
            .then(|| "installed.".to_owned()),
    };
    if let Some(found) = found {
        say(&format!("{krate}: {found}"));
        return Ok(());
    }
    say(&format!("Installing {announce} with cargo ({takes})…"));
    cargo.args(["install", "--locked", krate, "--version", version]);
    cmd(cargo, &format!("cargo install {krate}"))?;
    match present {
        Present::At(path) if !path.is_file() => Err(format!(
            "{krate} was installed but is not at {}",
            path.display()
        )),
        _ => Ok(()),
    }
}
