//! `healthgate decode IMAGE...`: the QR codes in image files, one JSON line
//! per image, through the same decoder chain as the kiosk.

use std::io::Write;
use std::path::PathBuf;

/// Prints one JSON line per image: `file`, `texts` (every code read, as
/// Unicode text; empty when none), `error` (why the image could not be
/// read, else null) and `micros`. Exit 0 when every image could be read, 1
/// when one could not, 2 when no image was given.
pub fn run(files: &[PathBuf]) -> i32 {
    if files.is_empty() {
        eprintln!("healthgate decode: give one or more image files (PNG or JPEG)");
        return 2;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all_read = true;
    for file in files {
        let line = crate::scan::decode_report(file);
        all_read &= line.get("error").is_none_or(serde_json::Value::is_null);
        if writeln!(out, "{line}").is_err() {
            return 1;
        }
    }
    i32::from(!all_read)
}
