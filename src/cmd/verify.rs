//! `healthgate verify`: one JSON line per code text, through the gate.

use std::io::Write;

use std::path::Path;

use crate::gate::{Checked, Gate};
use crate::time::UnixTime;
use crate::verdict::Colour;

pub use crate::gate::json::checked_json;

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["png", "jpg", "jpeg"].contains(&e.to_ascii_lowercase().as_str()))
        && path.is_file()
}

/// How many lines of stdin are checked together at most.
const BLOCK: usize = 1024;

/// Verifies `codes` (or stdin lines when `codes` is `["-"]` or empty) and
/// prints one JSON line each, in input order: every line of stdin that is
/// not blank is answered, a line that is not UTF-8 with grey `malformed`.
/// Lines waiting on stdin are verified together on every core; a line
/// that comes alone is answered at once. Exit 0 when every input was
/// green, 1 otherwise, 2 when the command could not run.
pub fn run(codes: &[String], gate: &Gate, now: Option<UnixTime>) -> i32 {
    let mut all_green = true;
    let mut count = 0usize;
    // Written a block at a time (flushed after each), not a line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Prints the lines of some checked codes, then flushes; false when
    // stdout is gone.
    let mut answer = |checked: &[Checked]| -> bool {
        for c in checked {
            count += 1;
            all_green &= c.verdict.colour == Colour::Green;
            if writeln!(out, "{}", checked_json(c)).is_err() {
                return false;
            }
        }
        out.flush().is_ok()
    };
    if codes.is_empty() || codes == ["-"] {
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<String>>(BLOCK * 2);
        // The reader: lines as they come, so that a block is whatever waits.
        std::thread::spawn(move || {
            let result = super::each_stdin_code(|text| tx.send(Ok(text)).is_ok());
            if let Err(e) = result {
                let _ = tx.send(Err(e));
            }
        });
        let threads = crate::gate::threads();
        while let Ok(first) = rx.recv() {
            let mut block = Vec::with_capacity(BLOCK);
            let mut failed = None;
            for line in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
                match line {
                    Ok(text) => block.push(text),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
                if block.len() == BLOCK {
                    break;
                }
            }
            let at = now.unwrap_or_else(UnixTime::now);
            if !answer(&gate.check_batch(&block, gate.venue(), at, threads)) {
                return 2;
            }
            if let Some(e) = failed {
                eprintln!("healthgate verify: cannot read stdin: {e}");
                return 2;
            }
        }
    } else {
        let mut check = |text: &str| -> bool {
            let checked = gate.check(text, now.unwrap_or_else(UnixTime::now));
            answer(std::slice::from_ref(&checked))
        };
        for code in codes {
            let path = Path::new(code);
            if !is_image(path) {
                if !check(code) {
                    return 2;
                }
                continue;
            }
            match crate::scan::decode_file(path) {
                // No code in the picture: an unreadable code.
                Ok(texts) if texts.is_empty() => {
                    if !check("") {
                        return 2;
                    }
                }
                Ok(texts) => {
                    for t in texts {
                        if !check(&t) {
                            return 2;
                        }
                    }
                }
                Err(e) => {
                    eprintln!("healthgate verify: {}: {e}", path.display());
                    return 2;
                }
            }
        }
    }
    if count == 0 {
        eprintln!("healthgate verify: no code given");
        return 2;
    }
    i32::from(!all_green)
}

#[cfg(test)]
mod tests {
    use crate::cmd::line_text;

    #[test]
    fn every_line_but_a_blank_one_is_a_code() {
        assert_eq!(line_text(b"HGC1:ABC\r\n").as_deref(), Some("HGC1:ABC"));
        assert_eq!(line_text(b"\xff\xfe\n").as_deref(), Some(""));
        assert_eq!(line_text(b"  \n"), None);
        assert_eq!(line_text(b"last").as_deref(), Some("last"));
    }
}
