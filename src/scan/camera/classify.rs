//! What nokhwa's errors mean for the staff screen. nokhwa reports most
//! failures as text (its error variants carry the platform's message), so
//! this is the one place that reads an error's wording: the platform's own
//! words for a busy or removed device (`EBUSY`, `ENODEV`, Media Foundation's
//! codes), sorted into a [`SourceError`] once, and never matched again.

use std::panic::{AssertUnwindSafe, catch_unwind};

use nokhwa::NokhwaError;

use crate::scan::source::SourceError;

/// Where in the life of a camera an error happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    List,
    Open,
    Start,
    Stream,
}

fn mentions(text: &str, any: &[&str]) -> bool {
    let t = text.to_lowercase();
    any.iter().any(|a| t.contains(a))
}

/// Busy: `EBUSY` (V4L2), "in use"/sharing violations (Media Foundation).
const BUSY: &[&str] = &[
    "busy",
    "os error 16",
    "in use",
    "sharing violation",
    "0x80070020",
    "0xc00d3704",
];
/// Gone: `ENODEV`, `ENOENT`, `ENXIO`, a removed device (Media Foundation).
const GONE: &[&str] = &[
    "no such device",
    "no such file",
    "os error 19",
    "os error 2)",
    "os error 6)",
    "invalidated",
    "removed",
    "0xc00d3e85",
];
/// A refused format: nokhwa's own messages, `EINVAL`.
const FORMAT: &[&str] = &[
    "fufill",
    "fulfill",
    "rejected",
    "invalid argument",
    "os error 22",
    "not supported",
    "unsupported",
];

/// Sorts a nokhwa error into what the staff screen says.
pub fn classify(error: &NokhwaError, phase: Phase) -> SourceError {
    let text = error.to_string();
    if mentions(&text, BUSY) {
        return SourceError::Busy(text);
    }
    match (phase, error) {
        (Phase::Stream, NokhwaError::ReadFrameError(m)) => {
            if mentions(
                m,
                &[
                    "os error 11",
                    "temporarily unavailable",
                    "timed out",
                    "timeout",
                ],
            ) {
                SourceError::BadFrame(text)
            } else {
                SourceError::Disconnected(text)
            }
        }
        (Phase::Stream, NokhwaError::ProcessFrameError { .. }) => SourceError::BadFrame(text),
        (Phase::Stream, _) => SourceError::Disconnected(text),
        (
            _,
            NokhwaError::UnitializedError
            | NokhwaError::InitializeError { .. }
            | NokhwaError::NotImplementedError(_)
            | NokhwaError::UnsupportedOperationError(_),
        )
        | (Phase::List, _) => SourceError::NoCamera(text),
        (_, _) if mentions(&text, GONE) => SourceError::NoCamera(text),
        (Phase::Start, _) => SourceError::FormatUnsupported(text),
        (
            Phase::Open,
            NokhwaError::GetPropertyError { .. } | NokhwaError::SetPropertyError { .. },
        ) if mentions(&text, FORMAT) => SourceError::FormatUnsupported(text),
        (Phase::Open, _) => SourceError::NoCamera(text),
    }
}

/// Runs a driver call, turning a panic inside the camera library into an
/// error of that phase.
pub(super) fn shielded<T>(
    phase: Phase,
    f: impl FnOnce() -> Result<T, SourceError>,
) -> Result<T, SourceError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        let why = "the camera library failed (panicked)".to_owned();
        Err(match phase {
            Phase::List | Phase::Open => SourceError::NoCamera(why),
            Phase::Start => SourceError::FormatUnsupported(why),
            Phase::Stream => SourceError::Disconnected(why),
        })
    })
}
