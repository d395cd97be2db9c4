//! A frame source on its own thread feeding a decode stage: [`pump`], the
//! loop between them, and [`Scanner`], which starts and stops both. It sits
//! above both the sources and the stage.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use super::decoder::Decoder;
use super::event::ScanEvent;
use super::source::{FrameSource, MAX_BAD_FRAMES, SourceError, SourceStatus, StopFlag};
use super::stage::{FrameInput, PreviewSlot, Stage, StageConfig, StageCounts};

/// Feeds `source` into the decode stage until `stop`, the end of the source,
/// or until nobody listens to `events`. Sends a [`SourceStatus`] each time
/// the state changes; a failing source is asked again every `retry_every`.
pub fn pump<S: FrameSource + ?Sized>(
    source: &mut S,
    input: &mut FrameInput,
    events: &Sender<ScanEvent>,
    stop: &StopFlag,
    retry_every: Duration,
) {
    let mut last: Option<SourceStatus> = None;
    let mut bad = 0u32;
    let report = |status: SourceStatus, last: &mut Option<SourceStatus>| -> bool {
        if last.as_ref() == Some(&status) {
            return true;
        }
        match &status {
            SourceStatus::Running { source } => tracing::info!(%source, "frames flowing"),
            SourceStatus::Trouble { error, retry_in } => {
                tracing::warn!(%error, retry_in_s = retry_in.as_secs_f32(), "frame source");
            }
            SourceStatus::Ended => tracing::info!("frame source ended"),
        }
        *last = Some(status.clone());
        events.send(ScanEvent::Status(status)).is_ok()
    };
    while !stop.is_stopped() {
        match source.next_frame() {
            Ok(frame) => {
                bad = 0;
                if !matches!(last, Some(SourceStatus::Running { .. }))
                    && !report(
                        SourceStatus::Running {
                            source: source.describe(),
                        },
                        &mut last,
                    )
                {
                    return;
                }
                if !input.submit(frame) {
                    return;
                }
            }
            Err(SourceError::Ended) => {
                report(SourceStatus::Ended, &mut last);
                return;
            }
            Err(SourceError::BadFrame(why)) if bad < MAX_BAD_FRAMES => {
                bad += 1;
                tracing::debug!(%why, "skipped an unreadable frame");
            }
            Err(error) => {
                bad = 0;
                let status = SourceStatus::Trouble {
                    error,
                    retry_in: retry_every,
                };
                if !report(status, &mut last) || stop.sleep(retry_every) {
                    return;
                }
            }
        }
    }
}
/// A frame source on its own thread feeding a decode stage: what the
/// kiosk's scanning screen runs.
#[derive(Debug)]
pub struct Scanner {
    stage: Stage,
    events: Receiver<ScanEvent>,
    sender: Sender<ScanEvent>,
    stop: StopFlag,
    source: Option<JoinHandle<()>>,
}

impl Scanner {
    /// Starts the stage, then the source thread, which builds its source
    /// with `make_source` (a camera handle may have to live on the thread
    /// that opened it).
    pub fn start<S, F>(
        make_source: F,
        decoder: Box<dyn Decoder>,
        config: StageConfig,
    ) -> std::io::Result<Self>
    where
        S: FrameSource,
        F: FnOnce() -> S + Send + 'static,
    {
        let (sender, events) = channel();
        let retry_every = config.retry_every;
        let stage = Stage::spawn(decoder, config, sender.clone())?;
        let stop = StopFlag::new();
        let source = {
            let mut input = stage.input();
            let sender = sender.clone();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("frame-source".into())
                .spawn(move || {
                    let mut source = make_source();
                    pump(&mut source, &mut input, &sender, &stop, retry_every);
                })?
        };
        Ok(Self {
            stage,
            events,
            sender,
            stop,
            source: Some(source),
        })
    }

    /// Codes and status changes, in order.
    pub fn events(&self) -> &Receiver<ScanEvent> {
        &self.events
    }

    /// A sender into the same event stream, for a text source (a USB
    /// scanner in keyboard mode) running beside the camera.
    pub fn sender(&self) -> Sender<ScanEvent> {
        self.sender.clone()
    }

    pub fn preview(&self) -> PreviewSlot {
        self.stage.preview()
    }

    pub fn counts(&self) -> StageCounts {
        self.stage.counts()
    }

    /// Whether the source thread has finished (a replay that does not loop).
    pub fn source_finished(&self) -> bool {
        self.source.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Stops both threads. The decode thread is waited for; the source
    /// thread ends after the frame it waits for (a camera read can block),
    /// so it is not.
    pub fn stop(mut self) {
        self.stop.stop();
        self.source.take();
        // The stage stops when dropped with `self`.
    }
}

impl Drop for Scanner {
    fn drop(&mut self) {
        self.stop.stop();
    }
}
