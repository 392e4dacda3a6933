//! The command-line tools that read a PDF back: a missing tool fails the test with the package to
//! install, never skips it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `tool args…`, panicking with the Debian package to install when the tool is missing, and
/// with its stderr when it fails.
fn run(tool: &str, package: &str, args: &[&str]) -> Vec<u8> {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` is not installed: install the `{package}` package \
             (e.g. `sudo apt-get install {package}`, or run `cargo xtask test`, which installs it)"
        ),
        Err(e) => panic!("`{tool}` could not be started: {e}"),
    };
    assert!(
        output.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Writes `bytes` to a temporary file and returns the directory (kept alive) and the path.
pub fn temp_pdf(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    (dir, path)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// The text with the page's layout kept (`pdftotext -layout`).
pub fn pdftotext(bytes: &[u8]) -> String {
    let (_dir, path) = temp_pdf(bytes);
    let out = run(
        "pdftotext",
        "poppler-utils",
        &["-layout", "-enc", "UTF-8", path_str(&path), "-"],
    );
    String::from_utf8(out).expect("utf-8 text")
}

/// The text in reading order (`pdftotext` without `-layout`): table cells come out whole instead of
/// interleaved line by line with their neighbours.
pub fn pdftotext_raw(bytes: &[u8]) -> String {
    let (_dir, path) = temp_pdf(bytes);
    let out = run(
        "pdftotext",
        "poppler-utils",
        &["-enc", "UTF-8", path_str(&path), "-"],
    );
    String::from_utf8(out).expect("utf-8 text")
}

/// The text of one page, 1-based.
pub fn pdftotext_page(bytes: &[u8], page: usize) -> String {
    let (_dir, path) = temp_pdf(bytes);
    let page = page.to_string();
    let out = run(
        "pdftotext",
        "poppler-utils",
        &[
            "-layout",
            "-enc",
            "UTF-8",
            "-f",
            &page,
            "-l",
            &page,
            path_str(&path),
            "-",
        ],
    );
    String::from_utf8(out).expect("utf-8 text")
}

/// `pdfinfo` as key → value lines.
pub fn pdfinfo(bytes: &[u8]) -> String {
    let (_dir, path) = temp_pdf(bytes);
    String::from_utf8(run(
        "pdfinfo",
        "poppler-utils",
        &["-enc", "UTF-8", path_str(&path)],
    ))
    .expect("utf-8")
}

/// `pdffonts` table.
pub fn pdffonts(bytes: &[u8]) -> String {
    let (_dir, path) = temp_pdf(bytes);
    String::from_utf8(run("pdffonts", "poppler-utils", &[path_str(&path)])).expect("utf-8")
}

/// Renders page `page` at `dpi` to a PNG file at `out` (without the extension `pdftoppm` adds).
pub fn render_page(bytes: &[u8], page: usize, dpi: u32, out: &Path) -> PathBuf {
    let (_dir, path) = temp_pdf(bytes);
    let page = page.to_string();
    let dpi = dpi.to_string();
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r",
            &dpi,
            "-png",
            "-f",
            &page,
            "-l",
            &page,
            "-singlefile",
            path_str(&path),
            path_str(out),
        ],
    );
    out.with_extension("png")
}

/// The QR codes zbarimg finds on page 1 rendered at 150 dpi.
pub fn decode_qr(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = render_page(bytes, 1, 150, &dir.path().join("page"));
    let out = run("zbarimg", "zbar-tools", &["--raw", "-q", path_str(&png)]);
    String::from_utf8(out).expect("utf-8").trim().to_owned()
}
