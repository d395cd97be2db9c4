//! The webcam, through `nokhwa` (V4L2 on Linux, Media Foundation on
//! Windows).
//!
//! [`CameraSource`] picks the configured camera (by index or name, the first
//! by default), ranks the formats the camera offers (1280x720 at 15 fps or
//! more, luma-friendly layouts first: GRAY, YUYV and NV12 give the Y plane
//! without any colour conversion; MJPEG is decoded as a fallback), and tries
//! them in order: a format the camera refuses or that is busy is skipped,
//! and the reason is kept for the staff screen. A camera that goes away
//! mid-stream turns into [`SourceError::Disconnected`]; the next call
//! reconnects ([`super::scanner::pump`] spaces the calls out).
//!
//! The driver sits behind [`CameraDriver`], which speaks nokhwa's error
//! type, so tests can fail the way nokhwa fails without a camera:
//! [`NokhwaDriver`] (in `nokhwa.rs`) is the real one, and `classify.rs`
//! sorts nokhwa's errors into what the staff screen says.

mod classify;
mod nokhwa;

use std::borrow::Cow;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use ::nokhwa::NokhwaError;

pub use self::nokhwa::{NokhwaDriver, list_cameras};
use classify::shielded;
pub use classify::{Phase, classify};

use super::frame::{LumaFrame, PixelLayout, to_luma};
use super::source::{FrameSource, MAX_BAD_FRAMES, SourceError};

/// One camera of the list on the staff screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraEntry {
    /// The index to choose it by.
    pub index: u32,
    /// Its name, as the system gives it.
    pub name: String,
    /// More about it (driver, device path).
    pub description: String,
}

/// Which camera to use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CameraChoice {
    /// The first camera found.
    #[default]
    First,
    /// The camera with this index.
    Index(u32),
    /// The first camera whose name contains this (any case).
    Name(String),
}

impl CameraChoice {
    /// From a config value: empty or `auto` is the first camera, a number is
    /// an index, anything else part of a name.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("auto") {
            Self::First
        } else if let Ok(i) = t.parse() {
            Self::Index(i)
        } else {
            Self::Name(t.to_owned())
        }
    }

    /// The camera of `list` this choice names.
    pub fn pick<'a>(&self, list: &'a [CameraEntry]) -> Option<&'a CameraEntry> {
        match self {
            Self::First => list.first(),
            Self::Index(i) => list.iter().find(|c| c.index == *i),
            Self::Name(n) => {
                // The exact name first (as the staff screen saves it), then
                // any name that contains it (as a config may give it).
                let n = n.to_lowercase();
                list.iter()
                    .find(|c| c.name.to_lowercase() == n)
                    .or_else(|| list.iter().find(|c| c.name.to_lowercase().contains(&n)))
            }
        }
    }
}

impl fmt::Display for CameraChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::First => f.write_str("the first camera"),
            Self::Index(i) => write!(f, "camera {i}"),
            Self::Name(n) => write!(f, "a camera named like \"{n}\""),
        }
    }
}

/// What the kiosk asks of a camera.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraRequest {
    pub choice: CameraChoice,
    pub width: u32,
    pub height: u32,
    /// Frames per second, at least (a slower format is used only when no
    /// format reaches this).
    pub min_fps: u32,
    /// Brightness and exposure, where the camera offers them.
    pub controls: Controls,
}

/// A picture setting staff can change, where the camera offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    /// For a dark hall.
    Brightness,
    /// For a bright phone screen (shorter) or a dim room (longer).
    Exposure,
}

impl Control {
    pub fn name(self) -> &'static str {
        match self {
            Self::Brightness => "brightness",
            Self::Exposure => "exposure",
        }
    }
}

/// Staff's picture settings, each a share (0 to 100) of the range the
/// camera gives for it; `None` leaves the camera's own (automatic) value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Controls {
    pub brightness: Option<u8>,
    pub exposure: Option<u8>,
}

impl Controls {
    /// The settings staff made, control by control.
    pub fn each(&self) -> impl Iterator<Item = (Control, u8)> {
        [
            (Control::Brightness, self.brightness),
            (Control::Exposure, self.exposure),
        ]
        .into_iter()
        .filter_map(|(c, v)| v.map(|v| (c, v.min(100))))
    }
}

/// The values a camera accepts for a control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ControlRange {
    pub min: i64,
    pub max: i64,
    pub step: i64,
}

impl ControlRange {
    /// The value `percent` of the way from `min` to `max`, on a step.
    pub fn at(&self, percent: u8) -> i64 {
        let span = self.max.saturating_sub(self.min).max(0);
        let raw = self.min + span.saturating_mul(i64::from(percent.min(100))) / 100;
        let step = self.step.max(1);
        let stepped = self.min + (raw - self.min) / step * step;
        stepped.clamp(self.min, self.max.max(self.min))
    }
}

impl Default for CameraRequest {
    fn default() -> Self {
        Self {
            choice: CameraChoice::First,
            width: 1280,
            height: 720,
            min_fps: 15,
            controls: Controls::default(),
        }
    }
}

/// A capture format: layout, size, rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mode {
    pub layout: PixelLayout,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}x{} @ {} fps",
            self.layout, self.width, self.height, self.fps
        )
    }
}

/// How well a layout suits QR decoding (lower is better): luma for free
/// first, then a JPEG decode, then a colour conversion.
fn layout_rank(l: PixelLayout) -> u8 {
    match l {
        PixelLayout::Gray => 0,
        PixelLayout::Yuyv => 1,
        PixelLayout::Nv12 => 2,
        PixelLayout::Mjpeg => 3,
        PixelLayout::Rgb => 4,
        PixelLayout::Bgr => 5,
    }
}

/// The modes to try, best first, one per layout: fast enough first, then
/// the size nearest the request (not below it if possible), then the
/// layout, then the rate nearest 30 fps.
pub fn rank_modes(modes: &[Mode], request: &CameraRequest) -> Vec<Mode> {
    let want_area = i64::from(request.width) * i64::from(request.height);
    let mut sorted: Vec<Mode> = modes.to_vec();
    sorted.sort_by_key(|m| {
        (
            m.fps < request.min_fps,
            m.height < request.height,
            (i64::from(m.width) * i64::from(m.height) - want_area).abs(),
            layout_rank(m.layout),
            m.fps.abs_diff(30),
        )
    });
    let mut out: Vec<Mode> = Vec::new();
    for m in sorted {
        if !out.iter().any(|o| o.layout == m.layout) {
            out.push(m);
        }
    }
    out
}

/// One raw frame from a driver.
#[derive(Debug)]
pub struct RawFrame<'a> {
    pub layout: PixelLayout,
    pub width: u32,
    pub height: u32,
    pub data: Cow<'a, [u8]>,
}

/// What [`CameraSource`] needs of a camera library. The errors are nokhwa's,
/// so a test double fails exactly the way nokhwa does.
pub trait CameraDriver {
    /// The cameras present.
    fn list(&mut self) -> Result<Vec<CameraEntry>, NokhwaError>;
    /// Opens the camera `index`; returns the modes it offers.
    fn open(&mut self, index: u32) -> Result<Vec<Mode>, NokhwaError>;
    /// Switches the open camera to `mode` and starts streaming; returns the
    /// mode in force.
    fn start(&mut self, mode: Mode) -> Result<Mode, NokhwaError>;
    /// The next frame of the stream (blocks until there is one).
    fn frame(&mut self) -> Result<RawFrame<'_>, NokhwaError>;
    /// Stops streaming and closes the camera.
    fn close(&mut self);
    /// The range of `control` on the open camera; `None` when it has none.
    fn control_range(&mut self, _control: Control) -> Result<Option<ControlRange>, NokhwaError> {
        Ok(None)
    }
    /// Sets `control` on the open camera.
    fn set_control(&mut self, control: Control, _value: i64) -> Result<(), NokhwaError> {
        Err(NokhwaError::NotImplementedError(format!(
            "{} is not offered",
            control.name()
        )))
    }
}

/// Formats tried per connection, at most.
const MAX_TRIES: usize = 6;

#[derive(Debug)]
enum State {
    Closed,
    Streaming { mode: Mode },
}

/// A webcam as a [`FrameSource`].
#[derive(Debug)]
pub struct CameraSource<D> {
    driver: D,
    request: CameraRequest,
    state: State,
    label: String,
    /// Formats that failed on the last connection, and why.
    fallbacks: Vec<(Mode, SourceError)>,
    bad_frames: u32,
    /// Picture settings in force (control, the camera's value).
    applied: Vec<(Control, i64)>,
}

impl<D: CameraDriver> CameraSource<D> {
    /// Does not touch the camera: the first [`FrameSource::next_frame`]
    /// connects.
    pub fn new(driver: D, request: CameraRequest) -> Self {
        Self {
            driver,
            label: format!("{}", request.choice),
            request,
            state: State::Closed,
            fallbacks: Vec::new(),
            bad_frames: 0,
            applied: Vec::new(),
        }
    }

    /// The mode in force while streaming.
    pub fn mode(&self) -> Option<Mode> {
        match self.state {
            State::Streaming { mode } => Some(mode),
            State::Closed => None,
        }
    }

    /// The formats that were tried before the one in force, and why each
    /// failed.
    pub fn fallbacks(&self) -> &[(Mode, SourceError)] {
        &self.fallbacks
    }

    pub fn driver(&self) -> &D {
        &self.driver
    }

    pub fn driver_mut(&mut self) -> &mut D {
        &mut self.driver
    }

    fn disconnect(&mut self) {
        if matches!(self.state, State::Streaming { .. }) {
            let driver = &mut self.driver;
            // A panic while closing leaves nothing to recover.
            let _ = catch_unwind(AssertUnwindSafe(|| driver.close()));
        }
        self.state = State::Closed;
    }

    /// Finds, opens and starts the camera.
    /// The picture settings in force on the camera, as set at the last
    /// connection: the control and the camera's own value.
    pub fn applied(&self) -> &[(Control, i64)] {
        &self.applied
    }

    /// Sets staff's picture settings on the camera just started. A control
    /// the camera does not offer, or refuses, is logged and left as it is:
    /// it never keeps the camera from running.
    fn apply_controls(&mut self, camera: &str) {
        self.applied.clear();
        for (control, percent) in self.request.controls.each() {
            let driver = &mut self.driver;
            let range = catch_unwind(AssertUnwindSafe(|| driver.control_range(control)));
            let Ok(Ok(Some(range))) = range else {
                tracing::info!(
                    camera,
                    control = control.name(),
                    "the camera does not offer this setting"
                );
                continue;
            };
            let value = range.at(percent);
            let driver = &mut self.driver;
            match catch_unwind(AssertUnwindSafe(|| driver.set_control(control, value))) {
                Ok(Ok(())) => {
                    tracing::info!(
                        camera,
                        control = control.name(),
                        percent,
                        value,
                        "camera setting applied"
                    );
                    self.applied.push((control, value));
                }
                Ok(Err(e)) => {
                    tracing::warn!(
                        camera,
                        control = control.name(),
                        value,
                        "the camera refused the setting: {e}"
                    );
                }
                Err(_) => {
                    tracing::warn!(
                        camera,
                        control = control.name(),
                        "the camera driver panicked on a setting"
                    );
                }
            }
        }
    }

    pub fn connect(&mut self) -> Result<Mode, SourceError> {
        self.disconnect();
        self.fallbacks.clear();
        let driver = &mut self.driver;
        let cameras = shielded(Phase::List, || {
            driver.list().map_err(|e| classify(&e, Phase::List))
        })?;
        let Some(camera) = self.request.choice.pick(&cameras).cloned() else {
            return Err(SourceError::NoCamera(if cameras.is_empty() {
                "no camera found".into()
            } else {
                let names: Vec<String> = cameras
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.index))
                    .collect();
                format!(
                    "{} not found; present: {}",
                    self.request.choice,
                    names.join(", ")
                )
            }));
        };
        let driver = &mut self.driver;
        let opened = shielded(Phase::Open, || {
            driver
                .open(camera.index)
                .map_err(|e| classify(&e, Phase::Open))
        });
        let modes = match opened {
            Ok(m) => m,
            Err(e) => {
                let driver = &mut self.driver;
                let _ = catch_unwind(AssertUnwindSafe(|| driver.close()));
                return Err(e);
            }
        };
        let candidates = rank_modes(&modes, &self.request);
        if candidates.is_empty() {
            let driver = &mut self.driver;
            let _ = catch_unwind(AssertUnwindSafe(|| driver.close()));
            return Err(SourceError::FormatUnsupported(format!(
                "{} offers no format this kiosk reads",
                camera.name
            )));
        }
        for mode in candidates.into_iter().take(MAX_TRIES) {
            let driver = &mut self.driver;
            match shielded(Phase::Start, || {
                driver.start(mode).map_err(|e| classify(&e, Phase::Start))
            }) {
                Ok(actual) => {
                    self.state = State::Streaming { mode: actual };
                    self.bad_frames = 0;
                    self.apply_controls(&camera.name);
                    self.label = format!("{}: {actual}", camera.name);
                    if !self.fallbacks.is_empty() {
                        let tried: Vec<String> = self
                            .fallbacks
                            .iter()
                            .map(|(m, e)| format!("{m}: {e}"))
                            .collect();
                        self.label =
                            format!("{} (fell back from {})", self.label, tried.join("; "));
                    }
                    return Ok(actual);
                }
                Err(e) => {
                    tracing::warn!(camera = %camera.name, %mode, error = %e, "camera format failed; trying another");
                    let gone = matches!(e, SourceError::NoCamera(_) | SourceError::Disconnected(_));
                    self.fallbacks.push((mode, e));
                    if gone {
                        break;
                    }
                }
            }
        }
        let driver = &mut self.driver;
        let _ = catch_unwind(AssertUnwindSafe(|| driver.close()));
        let summary: Vec<String> = self
            .fallbacks
            .iter()
            .map(|(m, e)| format!("{m}: {e}"))
            .collect();
        let detail = format!("{}: {}", camera.name, summary.join("; "));
        Err(
            match self.fallbacks.iter().map(|(_, e)| e).find(|e| {
                matches!(
                    e,
                    SourceError::Busy(_) | SourceError::NoCamera(_) | SourceError::Disconnected(_)
                )
            }) {
                Some(SourceError::Busy(_)) => SourceError::Busy(detail),
                Some(_) => SourceError::NoCamera(detail),
                None => SourceError::FormatUnsupported(detail),
            },
        )
    }
}

impl<D: CameraDriver> FrameSource for CameraSource<D> {
    fn describe(&self) -> String {
        self.label.clone()
    }

    fn next_frame(&mut self) -> Result<LumaFrame, SourceError> {
        if matches!(self.state, State::Closed) {
            self.connect()?;
        }
        let driver = &mut self.driver;
        let result = shielded(Phase::Stream, || {
            let raw = driver.frame().map_err(|e| classify(&e, Phase::Stream))?;
            to_luma(raw.layout, raw.width, raw.height, &raw.data, Instant::now())
                .map_err(|e| SourceError::BadFrame(e.to_string()))
        });
        match result {
            Ok(frame) => {
                self.bad_frames = 0;
                Ok(frame)
            }
            Err(SourceError::BadFrame(why)) if self.bad_frames < MAX_BAD_FRAMES => {
                self.bad_frames += 1;
                Err(SourceError::BadFrame(why))
            }
            Err(SourceError::BadFrame(why)) => {
                self.disconnect();
                Err(SourceError::Disconnected(format!(
                    "{MAX_BAD_FRAMES} unreadable frames in a row ({why})"
                )))
            }
            Err(e) => {
                self.disconnect();
                Err(e)
            }
        }
    }
}

/// The configured webcam as a frame source (connects on the first frame).
pub fn webcam(request: CameraRequest) -> CameraSource<NokhwaDriver> {
    CameraSource::new(NokhwaDriver::new(), request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(layout: PixelLayout, width: u32, height: u32, fps: u32) -> Mode {
        Mode {
            layout,
            width,
            height,
            fps,
        }
    }

    #[test]
    fn ranking_prefers_speed_then_size_then_luma() {
        use PixelLayout::{Mjpeg, Nv12, Yuyv};
        let modes = [
            mode(Yuyv, 1280, 720, 10),
            mode(Mjpeg, 1280, 720, 30),
            mode(Yuyv, 640, 480, 30),
            mode(Nv12, 1280, 720, 15),
            mode(Mjpeg, 1920, 1080, 30),
        ];
        let ranked = rank_modes(&modes, &CameraRequest::default());
        assert_eq!(
            ranked,
            [
                mode(Nv12, 1280, 720, 15),
                mode(Mjpeg, 1280, 720, 30),
                mode(Yuyv, 640, 480, 30)
            ]
        );
    }

    #[test]
    fn choices() {
        let list = [
            CameraEntry {
                index: 0,
                name: "Integrated Camera".into(),
                description: String::new(),
            },
            CameraEntry {
                index: 2,
                name: "HD Pro Webcam C920".into(),
                description: String::new(),
            },
        ];
        assert_eq!(CameraChoice::parse("").pick(&list).unwrap().index, 0);
        assert_eq!(CameraChoice::parse("2").pick(&list).unwrap().index, 2);
        assert_eq!(CameraChoice::parse("c920").pick(&list).unwrap().index, 2);
        assert!(CameraChoice::parse("7").pick(&list).is_none());
    }
}
