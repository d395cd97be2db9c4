//! Codes that arrive as text, not frames: a USB barcode scanner in keyboard
//! mode (it types the code, then Enter) and codes pasted on stdin.
//!
//! - [`TextSource`]: lines from any `BufRead` (stdin, a serial port, a test).
//! - [`KeyboardWedge`]: key presses from the GUI turned into codes.
//! - [`spawn_text_source`]: a `TextSource` on its own thread, feeding the
//!   scanner's event stream.

use std::io::{self, BufRead};
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::event::{ScanCode, ScanEvent};

/// Longest line accepted, in bytes; a longer one is skipped whole.
pub const MAX_LINE: usize = 16 * 1024;

/// Codes from lines of text: one code per line, empty lines skipped. Only
/// the line end (LF or CR LF) is removed: spaces belong to a code (base45
/// has them). Bytes that are not UTF-8 become U+FFFD (the code then fails
/// verification instead of stopping the source).
#[derive(Debug)]
pub struct TextSource<R> {
    reader: R,
}

impl<R: BufRead> TextSource<R> {
    pub fn new(reader: R) -> Self {
        Self { reader }
    }

    /// The next code, `None` at the end of the input.
    pub fn next_code(&mut self) -> io::Result<Option<String>> {
        loop {
            let mut line = Vec::new();
            let mut too_long = false;
            let mut ended = false;
            loop {
                let buf = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if buf.is_empty() {
                    ended = true;
                    break;
                }
                let (chunk, used, done) = match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => (buf.get(..i).unwrap_or_default(), i + 1, true),
                    None => (buf, buf.len(), false),
                };
                if line.len() + chunk.len() > MAX_LINE {
                    too_long = true;
                } else {
                    line.extend_from_slice(chunk);
                }
                self.reader.consume(used);
                if done {
                    break;
                }
            }
            if too_long {
                tracing::warn!(max = MAX_LINE, "skipped an over-long line of text input");
            } else {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if !line.is_empty() {
                    return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
                }
            }
            if ended {
                return Ok(None);
            }
        }
    }
}

impl<R: BufRead> Iterator for TextSource<R> {
    type Item = io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_code().transpose()
    }
}

/// Reads `reader` on its own thread and sends each line as a
/// [`ScanEvent::Code`] (via `text`). Ends at the end of the input, on a read
/// error, or when nobody listens.
pub fn spawn_text_source<R>(reader: R, events: Sender<ScanEvent>) -> io::Result<JoinHandle<()>>
where
    R: BufRead + Send + 'static,
{
    std::thread::Builder::new()
        .name("text-source".into())
        .spawn(move || {
            let mut source = TextSource::new(reader);
            loop {
                match source.next_code() {
                    Ok(Some(text)) => {
                        let code = ScanCode {
                            text,
                            at: Instant::now(),
                            via: "text".into(),
                            micros: 0,
                        };
                        if events.send(ScanEvent::Code(code)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(e) => {
                        tracing::warn!(error = %e, "text input failed");
                        return;
                    }
                }
            }
        })
}

/// Turns key presses into codes, for a USB scanner in keyboard mode that
/// types into the kiosk window: characters are collected until Enter. A
/// scanner types fast; when more than `max_gap` passes between two keys the
/// collected characters are dropped (someone typing by hand).
#[derive(Clone, Debug)]
pub struct KeyboardWedge {
    buffer: String,
    last: Option<Instant>,
    max_gap: Duration,
}

impl Default for KeyboardWedge {
    fn default() -> Self {
        Self::new(Duration::from_millis(200))
    }
}

impl KeyboardWedge {
    pub fn new(max_gap: Duration) -> Self {
        Self {
            buffer: String::new(),
            last: None,
            max_gap,
        }
    }

    /// One key press at `at`; returns the code when the key is Enter and
    /// something was collected.
    pub fn key(&mut self, c: char, at: Instant) -> Option<String> {
        if self
            .last
            .is_some_and(|last| at.saturating_duration_since(last) > self.max_gap)
        {
            self.buffer.clear();
        }
        self.last = Some(at);
        match c {
            '\r' | '\n' => {
                let code = std::mem::take(&mut self.buffer);
                (!code.is_empty()).then_some(code)
            }
            c if self.buffer.len() < MAX_LINE => {
                self.buffer.push(c);
                None
            }
            _ => None,
        }
    }

    /// Drops what was collected.
    pub fn clear(&mut self) {
        self.buffer.clear();
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_codes() {
        let input: &[u8] = b"HGC1:AB C\r\n\n  \nsecond\nlast-without-newline";
        let codes: Vec<String> = TextSource::new(input).map(Result::unwrap).collect();
        assert_eq!(codes, ["HGC1:AB C", "  ", "second", "last-without-newline"]);
    }

    #[test]
    fn overlong_lines_are_skipped() {
        let mut input = vec![b'x'; MAX_LINE + 10];
        input.extend_from_slice(b"\nok\n");
        let codes: Vec<String> = TextSource::new(&input[..]).map(Result::unwrap).collect();
        assert_eq!(codes, ["ok"]);
    }

    #[test]
    fn wedge_collects_until_enter() {
        let t = Instant::now();
        let mut w = KeyboardWedge::default();
        let ms = Duration::from_millis;
        for (i, c) in "AB".chars().enumerate() {
            assert_eq!(w.key(c, t + ms(i as u64 * 10)), None);
        }
        assert_eq!(w.key('\r', t + ms(30)), Some("AB".into()));
        assert_eq!(w.key('x', t + ms(40)), None);
        assert_eq!(w.key('y', t + ms(1000)), None);
        assert_eq!(w.key('\n', t + ms(1010)), Some("y".into()));
    }
}
