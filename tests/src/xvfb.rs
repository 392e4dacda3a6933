//! A private X display for one test: Xvfb on a display number nobody else uses.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::process::Guarded;

#[derive(Debug)]
pub struct Xvfb {
    display: String,
    _process: Guarded,
}

impl Xvfb {
    /// Starts Xvfb with a 1920x1200 screen (room for every window size the suite tries) and waits until its socket accepts clients.
    pub fn start() -> Xvfb {
        for number in 100..400u32 {
            if Path::new(&format!("/tmp/.X{number}-lock")).exists()
                || Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
            {
                continue;
            }
            let display = format!(":{number}");
            let mut command = Command::new("Xvfb");
            command.args([
                &display,
                "-screen",
                "0",
                "1920x1200x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ]);
            let mut process = Guarded::spawn("Xvfb", command, None);
            let socket = format!("/tmp/.X11-unix/X{number}");
            // Another test may have raced us to this number: then Xvfb exits and we try the next one.
            let ready = (0..200).any(|_| {
                std::thread::sleep(Duration::from_millis(25));
                Path::new(&socket).exists()
            });
            if ready {
                process.assert_running();
                return Xvfb {
                    display,
                    _process: process,
                };
            }
        }
        panic!(
            "no free X display between :100 and :399 (is Xvfb installed? `cargo xtask test` installs it)"
        )
    }

    pub fn display(&self) -> &str {
        &self.display
    }
}
