//! The scanner a kiosk runs, on a thread of its own: the webcam it chose
//! (with its reconnects) or the demo camera, each through the same decode
//! stage. It takes [`ScanCommand`]s through a [`ScanControl`] and tells
//! the kiosk what happens as [`Feed`]s: codes, camera states, previews and
//! the camera list. A missing or failing camera is a state, never an error.

use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use super::camera::{
    CameraChoice, CameraRequest, CameraSource, Controls, NokhwaDriver, list_cameras,
};
use super::decoder::AimHint;
use super::demo::{DemoSource, DemoTiming};
use super::event::ScanEvent;
use super::frame::Preview;
use super::scanner::Scanner;
use super::source::{SourceError, SourceStatus};
use super::stage::StageConfig;

/// What a kiosk asks of its scanner.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScanCommand {
    /// Use the camera this config value names (empty: the first one), with
    /// these picture settings.
    Camera(String, Controls),
    /// Run the demo camera: replayed frames of demo codes.
    Demo,
}

/// The state of the camera as a kiosk shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraState {
    Starting,
    Ready,
    /// No camera at all: the keyboard scanner still works, the demo is offered.
    None,
    /// Unplugged; reconnecting.
    Lost,
    /// Another program holds it.
    Busy,
    /// The demo camera runs: frames of demo codes, no real camera.
    Demo,
}

/// What the scanner thread tells the kiosk.
#[derive(Clone, PartialEq, Eq)]
pub enum Feed {
    /// A code's text, and when the frame it was read from was captured
    /// (or when a text source's line came).
    Code(String, Instant),
    /// A code is in view but cannot be read yet; what would help.
    Aim(AimHint),
    /// A downscaled, mirrored preview frame (grey as RGBA), for aiming.
    Preview {
        width: u32,
        height: u32,
        rgba: Vec<u8>,
    },
    Camera(CameraState),
    /// The cameras there are, for the staff screen.
    Cameras(Vec<String>),
}

impl std::fmt::Debug for Feed {
    // A code's text is a person's data, and a frame is large: neither in
    // debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(t, _) => write!(f, "Code({} bytes)", t.len()),
            Self::Aim(h) => write!(f, "Aim({})", h.name()),
            Self::Preview { width, height, .. } => write!(f, "Preview({width}x{height})"),
            Self::Camera(c) => write!(f, "Camera({c:?})"),
            Self::Cameras(l) => write!(f, "Cameras({l:?})"),
        }
    }
}

/// The kiosk's handle on the scanner thread.
#[derive(Debug, Clone)]
pub struct ScanControl(mpsc::Sender<ScanCommand>);

impl ScanControl {
    pub fn new(tx: mpsc::Sender<ScanCommand>) -> Self {
        Self(tx)
    }

    /// Sends a command; false when the scanner thread is gone.
    pub fn send(&self, command: ScanCommand) -> bool {
        self.0.send(command).is_ok()
    }
}

/// Where the scanner thread sends its feed.
pub trait FeedSink: Send + 'static {
    /// Sends one feed; false when nobody listens any more.
    fn send(&self, feed: Feed) -> bool;
}

impl FeedSink for tokio::sync::mpsc::UnboundedSender<Feed> {
    fn send(&self, feed: Feed) -> bool {
        tokio::sync::mpsc::UnboundedSender::send(self, feed).is_ok()
    }
}

impl FeedSink for mpsc::Sender<Feed> {
    fn send(&self, feed: Feed) -> bool {
        mpsc::Sender::send(self, feed).is_ok()
    }
}

/// The camera state a source status shows as (`None`: no change to show).
pub fn camera_state(status: &SourceStatus, demo: bool) -> Option<CameraState> {
    Some(match status {
        SourceStatus::Running { .. } if demo => CameraState::Demo,
        SourceStatus::Running { .. } => CameraState::Ready,
        SourceStatus::Trouble { error, .. } => match error {
            SourceError::NoCamera(_) | SourceError::FormatUnsupported(_) | SourceError::Ended => {
                CameraState::None
            }
            SourceError::Busy(_) => CameraState::Busy,
            SourceError::Disconnected(_) => CameraState::Lost,
            SourceError::BadFrame(_) => return None,
        },
        SourceStatus::Ended => CameraState::None,
    })
}

/// How often the scanner thread looks for cameras plugged in or out.
pub const CAMERA_LIST_EVERY: Duration = Duration::from_secs(10);

/// Starts the scanner for `command`.
fn start_scanner(command: &ScanCommand) -> std::io::Result<Scanner> {
    let chain = Box::new(super::default_chain());
    match command {
        ScanCommand::Camera(device, controls) => {
            let request = CameraRequest {
                choice: CameraChoice::parse(device),
                controls: *controls,
                ..CameraRequest::default()
            };
            tracing::info!(camera = %request.choice, "starting the camera");
            Scanner::start(
                move || CameraSource::new(NokhwaDriver::new(), request),
                chain,
                StageConfig::default(),
            )
        }
        ScanCommand::Demo => {
            tracing::info!("starting the demo camera");
            Scanner::start(
                || DemoSource::kiosk(DemoTiming::default()),
                chain,
                StageConfig::default(),
            )
        }
    }
}

/// A preview mirrored (so a person can aim) as grey RGBA.
pub fn preview_feed(p: &Preview) -> Feed {
    preview_feed_as(p, true)
}

/// A preview as grey RGBA, mirrored or not (`[camera] mirror`: a front
/// camera is mirrored, as a person expects of a screen facing them).
pub fn preview_feed_as(p: &Preview, mirror: bool) -> Feed {
    let w = usize::try_from(p.width).unwrap_or(0).max(1);
    let mut rgba = Vec::with_capacity(p.pixels.len() * 4);
    for row in p.pixels.chunks(w) {
        if mirror {
            for &y in row.iter().rev() {
                rgba.extend_from_slice(&[y, y, y, 255]);
            }
        } else {
            for &y in row {
                rgba.extend_from_slice(&[y, y, y, 255]);
            }
        }
    }
    Feed::Preview {
        width: p.width,
        height: p.height,
        rgba,
    }
}

/// Sends the camera list when it changed since it was last sent.
fn send_cameras(sink: &dyn FeedSink, sent: &mut Option<Vec<String>>) {
    let names: Vec<String> = list_cameras()
        .map(|l| l.into_iter().map(|c| c.name).collect())
        .unwrap_or_default();
    if sent.as_ref() != Some(&names) {
        let _ = sink.send(Feed::Cameras(names.clone()));
        *sent = Some(names);
    }
}

/// Starts the scanner thread: it runs what `first` asks for, then whatever
/// comes through the returned [`ScanControl`] (another camera, the demo),
/// and ends when the control is dropped or nobody listens to `sink`.
pub fn spawn(first: ScanCommand, sink: impl FeedSink) -> ScanControl {
    spawn_with(first, true, sink)
}

/// [`spawn`], with the preview mirrored or not.
pub fn spawn_with(first: ScanCommand, mirror: bool, sink: impl FeedSink) -> ScanControl {
    let (control, commands) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("scanner".into())
        .spawn(move || supervise(first, mirror, &commands, &sink));
    if let Err(e) = spawned {
        tracing::error!("cannot start the scanner thread: {e}");
    }
    ScanControl::new(control)
}

fn supervise(
    first: ScanCommand,
    mirror: bool,
    commands: &mpsc::Receiver<ScanCommand>,
    sink: &dyn FeedSink,
) {
    let mut command = first;
    let mut cameras = None;
    send_cameras(sink, &mut cameras);
    let mut listed = Instant::now();
    loop {
        let demo = command == ScanCommand::Demo;
        let scanner = match start_scanner(&command) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!("cannot start the scanner: {e}");
                let _ = sink.send(Feed::Camera(CameraState::None));
                match commands.recv() {
                    Ok(c) => {
                        command = c;
                        continue;
                    }
                    Err(_) => return,
                }
            }
        };
        let preview = scanner.preview();
        let mut shown = 0;
        let next = loop {
            match commands.try_recv() {
                Ok(c) => break Some(c),
                Err(TryRecvError::Disconnected) => break None,
                Err(TryRecvError::Empty) => {}
            }
            let sent = match scanner.events().recv_timeout(Duration::from_millis(66)) {
                Ok(ScanEvent::Code(code)) => sink.send(Feed::Code(code.text, code.at)),
                Ok(ScanEvent::Aim(hint)) => sink.send(Feed::Aim(hint)),
                Ok(ScanEvent::Status(status)) => {
                    camera_state(&status, demo).is_none_or(|c| sink.send(Feed::Camera(c)))
                }
                Err(RecvTimeoutError::Timeout) => true,
                Err(RecvTimeoutError::Disconnected) => {
                    // The source ended; wait for the next request.
                    let _ = sink.send(Feed::Camera(CameraState::None));
                    break commands.recv().ok();
                }
            };
            if !sent {
                break None;
            }
            if preview.seq() != shown {
                shown = preview.seq();
                if let Some(p) = preview.latest()
                    && !sink.send(preview_feed_as(&p, mirror))
                {
                    break None;
                }
            }
            if scanner.source_finished() {
                // The source thread ended (or died): say so, and wait for
                // the next request.
                tracing::warn!("the frame source stopped");
                let _ = sink.send(Feed::Camera(CameraState::None));
                break commands.recv().ok();
            }
            if listed.elapsed() >= CAMERA_LIST_EVERY {
                send_cameras(sink, &mut cameras);
                listed = Instant::now();
            }
        };
        scanner.stop();
        match next {
            Some(c) => command = c,
            None => return,
        }
    }
}
