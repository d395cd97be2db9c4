//! Frame sources behind one trait, what goes wrong with them, the state a
//! staff screen shows, and the pacing and stop signal the sources share.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use super::frame::LumaFrame;

/// Something that yields frames: a webcam, a replayed folder, a test fake.
pub trait FrameSource {
    /// What a staff screen calls this source, e.g.
    /// `HD Webcam: YUYV 1280x720 @ 30 fps`.
    fn describe(&self) -> String;

    /// Blocks until the next frame. A camera that is not connected tries to
    /// connect here, once per call; [`super::scanner::pump`] spaces the calls out.
    fn next_frame(&mut self) -> Result<LumaFrame, SourceError>;
}

/// Why a source gives no frame. Camera trouble is normal and never fatal:
/// the source is asked again a few seconds later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// No camera at all, or none that matches the configured one.
    NoCamera(String),
    /// The camera is in use by another program.
    Busy(String),
    /// The camera refused every format that was tried.
    FormatUnsupported(String),
    /// The camera was streaming and is gone (unplugged) or stopped working.
    Disconnected(String),
    /// One frame could not be read; the next one may be fine.
    BadFrame(String),
    /// A finite source (a replay that does not loop) has no more frames.
    Ended,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCamera(d) => write!(f, "no camera: {d}"),
            Self::Busy(d) => write!(f, "camera busy (used by another program): {d}"),
            Self::FormatUnsupported(d) => write!(f, "camera format not supported: {d}"),
            Self::Disconnected(d) => write!(f, "camera disconnected: {d}"),
            Self::BadFrame(d) => write!(f, "unreadable frame: {d}"),
            Self::Ended => f.write_str("no more frames"),
        }
    }
}

impl std::error::Error for SourceError {}

/// The state of a frame source, for the staff screen and the scanning
/// screen ("camera unplugged, retrying in 3 s").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    /// Frames are flowing.
    Running { source: String },
    /// No frames; the source is asked again after `retry_in`.
    Trouble {
        error: SourceError,
        retry_in: Duration,
    },
    /// A finite source has played all its frames.
    Ended,
}

/// A stop signal that a sleeping loop wakes up for.
#[derive(Clone, Debug, Default)]
pub struct StopFlag(Arc<(Mutex<bool>, Condvar)>);

impl StopFlag {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn stop(&self) {
        let (lock, cv) = &*self.0;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
        cv.notify_all();
    }

    pub fn is_stopped(&self) -> bool {
        *self.0.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps up to `d`; returns true at once when stopped.
    pub fn sleep(&self, d: Duration) -> bool {
        let (lock, cv) = &*self.0;
        let guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let (guard, _) = cv
            .wait_timeout_while(guard, d, |stopped| !*stopped)
            .unwrap_or_else(PoisonError::into_inner);
        *guard
    }
}

/// Paces a source that makes its own frames (a replay, the demo camera) at
/// a set rate, as a camera would deliver them.
#[derive(Clone, Copy, Debug)]
pub struct Pacer {
    interval: Option<Duration>,
    due: Option<std::time::Instant>,
}

impl Pacer {
    /// `fps` frames a second; 0 (or nonsense) is as fast as asked.
    pub fn new(fps: f64) -> Self {
        let interval = (fps.is_finite() && fps > 0.0)
            .then(|| Duration::try_from_secs_f64(1.0 / fps).ok())
            .flatten();
        Self {
            interval,
            due: None,
        }
    }

    /// Sleeps until the next frame is due and returns its time. Running
    /// late does not make a burst of frames later.
    pub fn wait_turn(&mut self) -> std::time::Instant {
        let now = std::time::Instant::now();
        let Some(interval) = self.interval else {
            return now;
        };
        let due = self.due.unwrap_or(now);
        if due > now {
            std::thread::sleep(due - now);
        }
        let now = std::time::Instant::now();
        self.due = Some((due + interval).max(now));
        now
    }
}

/// Unreadable frames in a row after which a source counts as broken.
pub const MAX_BAD_FRAMES: u32 = 50;
