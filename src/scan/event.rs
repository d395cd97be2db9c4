//! What a scanner tells its listener: codes read, and changes of the
//! frame source's state.

use std::fmt;
use std::time::Instant;

use super::decoder::AimHint;
use super::source::SourceStatus;

/// What the scanner tells its listener.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanEvent {
    /// A code was read (once per appearance in view).
    Code(ScanCode),
    /// The frame source changed state.
    Status(SourceStatus),
    /// A code is in view but cannot be read yet; what would help.
    Aim(AimHint),
}

/// One code read.
#[derive(Clone, PartialEq, Eq)]
pub struct ScanCode {
    /// The code's text.
    pub text: String,
    /// When the frame it was read from was captured (or when the line of a
    /// text source arrived).
    pub at: Instant,
    /// Which decoder read it (`rxing`, `rqrr`), or `text` for a text source.
    pub via: String,
    /// How long decoding the frame took.
    pub micros: u64,
}

impl fmt::Debug for ScanCode {
    // The text is a person's data: never in debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScanCode")
            .field("text_len", &self.text.len())
            .field("at", &self.at)
            .field("via", &self.via)
            .field("micros", &self.micros)
            .finish()
    }
}
