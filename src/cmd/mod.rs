//! The subcommands of the `healthgate` binary. `main.rs` parses arguments
//! and calls these; each returns the process exit code. Every code they
//! check goes through the [`crate::gate`].

pub mod decode;
pub mod kiosk;
pub mod records;
pub mod rules;
pub mod verify;

pub(crate) use crate::gate::line_text;

/// Reads stdin a line at a time and hands `code` the text of every line
/// but a blank one ([`line_text`]) until it returns false or stdin ends.
/// `Ok(false)`: `code` asked to stop.
pub(crate) fn each_stdin_code(mut code: impl FnMut(String) -> bool) -> std::io::Result<bool> {
    use std::io::BufRead as _;
    let mut stdin = std::io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        if stdin.read_until(b'\n', &mut line)? == 0 {
            return Ok(true);
        }
        if let Some(text) = line_text(&line)
            && !code(text)
        {
            return Ok(false);
        }
    }
}
