//! Everything between the camera and decoded text.
//!
//! - [`frame`]: [`LumaFrame`] (8-bit luma, size, timestamp), camera pixel
//!   layouts to luma (YUYV/NV12: the Y plane; MJPEG: decoded), image files,
//!   the downscaled [`Preview`].
//! - [`source`]: the [`FrameSource`] trait, its errors and the status a
//!   staff screen shows, the pacer and the stop flag sources share.
//! - [`camera`]: the webcam through `nokhwa` (V4L2, Media Foundation):
//!   choose a camera, pick a format, fall back, reconnect; the camera list.
//! - [`replay`]: a folder of images played at a set rate, looping.
//! - [`demo`]: the demo camera, frames of demo codes drawn in memory.
//! - [`text`]: codes that arrive as text: a USB scanner in keyboard mode,
//!   codes pasted on stdin.
//! - [`binarize`]: the block binariser the QR reader uses, `ZXing`'s
//!   thresholds built a row of words at a time.
//! - [`decoder`]: the [`Decoder`] trait, `rxing` (primary), `rqrr`
//!   (measured alternative), and [`Chain`] with its panic guard.
//! - [`event`]: what a scanner reports: codes and source states.
//! - [`stage`]: the decode stage: its own thread, latest frame wins, each
//!   code reported once until it has left the view, a preview for the GUI.
//! - [`scanner`]: above both: [`scanner::pump`], the loop that feeds a
//!   source into the stage and retries a failing camera, and [`Scanner`],
//!   a source on its own thread feeding a stage.
//! - [`supervisor`]: the scanner a kiosk runs: the chosen camera or the
//!   demo camera, switched on request, reported as [`supervisor::Feed`]s.
//!
//! Nothing here writes a frame to disk, and no decoded text goes to logs.

pub mod binarize;
pub mod camera;
pub mod chunks;
pub mod decoder;
pub mod demo;
pub mod event;
pub mod frame;
pub mod replay;
pub mod scanner;
pub mod source;
pub mod stage;
pub mod supervisor;
pub mod text;

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

pub use decoder::{Chain, Decoder, RqrrDecoder, RxingDecoder, default_chain};
pub use event::{ScanCode, ScanEvent};
pub use frame::{LumaFrame, PixelLayout, Preview};
pub use scanner::Scanner;
pub use source::{FrameSource, SourceError, SourceStatus};
pub use stage::{Stage, StageConfig};

/// Reads an image file (PNG or JPEG) and returns every QR code in it, as
/// text, through the same decoder chain as the kiosk. An empty list means
/// the image was read but holds no readable code; `Err` means the file could
/// not be read as an image.
pub fn decode_file(path: &Path) -> Result<Vec<String>, frame::FrameError> {
    let frame = frame::load_image(path, Instant::now())?;
    Ok(default_chain().decode(&frame))
}

/// The JSON line `healthgate decode` prints for one image: `file`, `texts`
/// (every code read; empty when none), `error` (why the image could not be
/// read, else null) and `micros` (reading and decoding).
pub fn decode_report(path: &Path) -> Value {
    let start = Instant::now();
    let result = decode_file(path);
    let micros = start.elapsed().as_micros();
    let (texts, error) = match result {
        Ok(texts) => (texts, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    json!({
        "file": path.display().to_string(),
        "texts": texts,
        "error": error,
        "micros": u64::try_from(micros).unwrap_or(u64::MAX),
    })
}
