//! The decode stage: a thread that decodes the latest frame, reports each
//! code once until it has left the view, and leaves a small preview for the
//! GUI.
//!
//! ```text
//! source thread ── FrameInput::submit ─▶ Mailbox (one slot) ─▶ decode thread ─▶ Dedupe ─▶ events
//!                       └─▶ PreviewSlot (≤ 15 fps, try-lock) ─▶ GUI
//! ```
//!
//! The mailbox holds one frame: a new frame replaces one the decoder has not
//! taken yet, so nothing queues up when decoding is slower than the camera,
//! and the producer never waits for the decoder.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::decoder::{Decoder, guarded_look};
use super::event::{ScanCode, ScanEvent};
use super::frame::{LumaFrame, Preview};

/// How often a frame without a readable code is searched for one that is
/// there but unread (to guide the person holding it).
pub const SIGHT_EVERY: Duration = Duration::from_millis(250);

/// Settings of the decode stage.
#[derive(Clone, Debug)]
pub struct StageConfig {
    /// How long a code must be out of view before it is reported again.
    pub gone_after: Duration,
    /// Width of the preview, in pixels (at most).
    pub preview_width: u32,
    /// Previews per second, at most; 0 turns the preview off.
    pub preview_fps: u32,
    /// How often a failing source (a camera) is asked again.
    pub retry_every: Duration,
}

impl Default for StageConfig {
    fn default() -> Self {
        Self {
            gone_after: Duration::from_millis(1500),
            preview_width: 320,
            preview_fps: 15,
            retry_every: Duration::from_secs(3),
        }
    }
}

/// A single-slot mailbox: `put` replaces what has not been taken yet.
#[derive(Debug)]
pub struct Mailbox<T> {
    state: Mutex<Slot<T>>,
    ready: Condvar,
}

#[derive(Debug)]
struct Slot<T> {
    item: Option<T>,
    closed: bool,
    replaced: u64,
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Mailbox<T> {
    pub fn new() -> Self {
        Self {
            state: Mutex::new(Slot {
                item: None,
                closed: false,
                replaced: 0,
            }),
            ready: Condvar::new(),
        }
    }

    /// Puts `item` in the slot. Returns `Some(true)` when it replaced an
    /// item nobody took, `Some(false)` when the slot was empty, `None` when
    /// the mailbox is closed (the item is dropped).
    pub fn put(&self, item: T) -> Option<bool> {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if s.closed {
            return None;
        }
        let replaced = s.item.replace(item).is_some();
        if replaced {
            s.replaced += 1;
        }
        drop(s);
        self.ready.notify_one();
        Some(replaced)
    }

    /// Takes the item if there is one.
    pub fn try_take(&self) -> Option<T> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .item
            .take()
    }

    /// Waits for an item; `None` once the mailbox is closed (an item still
    /// in it is dropped).
    pub fn take(&self) -> Option<T> {
        let s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut s = self
            .ready
            .wait_while(s, |s| s.item.is_none() && !s.closed)
            .unwrap_or_else(PoisonError::into_inner);
        if s.closed {
            return None;
        }
        s.item.take()
    }

    /// Closes the mailbox: `take` returns `None` from now on.
    pub fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.closed = true;
        s.item = None;
        drop(s);
        self.ready.notify_all();
    }

    pub fn is_closed(&self) -> bool {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closed
    }

    /// How many items were replaced before anyone took them.
    pub fn replaced(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replaced
    }
}

/// Reports a code once, then not again until it has been out of view for
/// `gone_after`. Time comes from the frames, so it is deterministic.
#[derive(Clone, Debug)]
pub struct Dedupe {
    gone_after: Duration,
    last_seen: HashMap<String, Instant>,
}

impl Dedupe {
    pub fn new(gone_after: Duration) -> Self {
        Self {
            gone_after,
            last_seen: HashMap::new(),
        }
    }

    /// The codes read in a frame captured at `at`; returns those to report.
    pub fn observe(&mut self, texts: &[String], at: Instant) -> Vec<String> {
        let gone_after = self.gone_after;
        self.last_seen
            .retain(|_, seen| at.saturating_duration_since(*seen) < gone_after);
        let mut fresh = Vec::new();
        for text in texts {
            if let Some(seen) = self.last_seen.get_mut(text) {
                *seen = (*seen).max(at);
            } else {
                self.last_seen.insert(text.clone(), at);
                fresh.push(text.clone());
            }
        }
        fresh
    }

    /// Forgets every code (e.g. when the screen returns to scanning).
    pub fn clear(&mut self) {
        self.last_seen.clear();
    }
}

/// The latest preview, for the GUI to poll. The producer never waits for it:
/// if the GUI holds the lock at that moment, that preview is skipped.
#[derive(Clone, Debug, Default)]
pub struct PreviewSlot {
    latest: Arc<Mutex<Option<Arc<Preview>>>>,
    seq: Arc<AtomicU64>,
}

impl PreviewSlot {
    /// The latest preview, if any.
    pub fn latest(&self) -> Option<Arc<Preview>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Grows by one with each new preview (to skip redrawing the same one).
    pub fn seq(&self) -> u64 {
        self.seq.load(Ordering::Relaxed)
    }

    fn offer(&self, preview: Preview) -> bool {
        match self.latest.try_lock() {
            Ok(mut slot) => {
                *slot = Some(Arc::new(preview));
                self.seq.fetch_add(1, Ordering::Relaxed);
                true
            }
            Err(_) => false,
        }
    }
}

/// Counters of a running stage.
#[derive(Debug, Default)]
pub struct StageStats {
    submitted: AtomicU64,
    decoded: AtomicU64,
}

/// A snapshot of [`StageStats`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageCounts {
    /// Frames handed to the stage.
    pub submitted: u64,
    /// Frames decoded.
    pub decoded: u64,
    /// Frames replaced in the mailbox before the decoder took them.
    pub skipped: u64,
}

/// The producer's side of a stage: hands frames over, makes previews.
#[derive(Debug)]
pub struct FrameInput {
    mailbox: Arc<Mailbox<LumaFrame>>,
    preview: PreviewSlot,
    stats: Arc<StageStats>,
    preview_width: u32,
    preview_every: Option<Duration>,
    last_preview: Option<Instant>,
}

impl FrameInput {
    /// Hands a frame to the decoder, replacing one it has not taken yet; never
    /// waits for the decoder. At most `preview_fps` times a second it also
    /// leaves a downscaled copy in the preview slot. Returns false once the
    /// stage has stopped.
    pub fn submit(&mut self, frame: LumaFrame) -> bool {
        if let Some(every) = self.preview_every {
            let due = self
                .last_preview
                .is_none_or(|last| frame.at.saturating_duration_since(last) >= every);
            if due && self.preview.offer(frame.downscale(self.preview_width)) {
                self.last_preview = Some(frame.at);
            }
        }
        self.stats.submitted.fetch_add(1, Ordering::Relaxed);
        self.mailbox.put(frame).is_some()
    }
}

/// The decode stage: one thread that decodes the latest frame.
#[derive(Debug)]
pub struct Stage {
    mailbox: Arc<Mailbox<LumaFrame>>,
    preview: PreviewSlot,
    stats: Arc<StageStats>,
    config: StageConfig,
    thread: Option<JoinHandle<()>>,
}

impl Stage {
    /// Starts the decode thread. Codes go to `events`; the thread ends when
    /// the stage is stopped or dropped, or when `events` has no receiver.
    pub fn spawn(
        decoder: Box<dyn Decoder>,
        config: StageConfig,
        events: Sender<ScanEvent>,
    ) -> std::io::Result<Self> {
        let mailbox = Arc::new(Mailbox::new());
        let stats = Arc::new(StageStats::default());
        let thread = {
            let mailbox = Arc::clone(&mailbox);
            let stats = Arc::clone(&stats);
            let gone_after = config.gone_after;
            std::thread::Builder::new()
                .name("qr-decode".into())
                .spawn(move || {
                    decode_loop(decoder.as_ref(), &mailbox, &stats, gone_after, &events);
                })?
        };
        Ok(Self {
            mailbox,
            preview: PreviewSlot::default(),
            stats,
            config,
            thread: Some(thread),
        })
    }

    /// A producer handle. There should be one producer at a time (each
    /// handle paces its own previews).
    pub fn input(&self) -> FrameInput {
        let fps = self.config.preview_fps;
        FrameInput {
            mailbox: Arc::clone(&self.mailbox),
            preview: self.preview.clone(),
            stats: Arc::clone(&self.stats),
            preview_width: self.config.preview_width,
            preview_every: (fps > 0).then(|| Duration::from_secs(1) / fps),
            last_preview: None,
        }
    }

    pub fn preview(&self) -> PreviewSlot {
        self.preview.clone()
    }

    pub fn counts(&self) -> StageCounts {
        StageCounts {
            submitted: self.stats.submitted.load(Ordering::Relaxed),
            decoded: self.stats.decoded.load(Ordering::Relaxed),
            skipped: self.mailbox.replaced(),
        }
    }

    /// Stops the thread after the frame it is decoding, and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.mailbox.close();
        if let Some(t) = self.thread.take() {
            // A panic escaped the guard only if the guard itself failed;
            // there is nothing left to clean up either way.
            let _ = t.join();
        }
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn decode_loop(
    decoder: &dyn Decoder,
    mailbox: &Mailbox<LumaFrame>,
    stats: &StageStats,
    gone_after: Duration,
    events: &Sender<ScanEvent>,
) {
    let mut dedupe = Dedupe::new(gone_after);
    let mut sighted: Option<Instant> = None;
    while let Some(frame) = mailbox.take() {
        let start = Instant::now();
        // Looking for a code that is there but unread costs a search for
        // finder patterns: a few times a second is enough to guide a hand.
        let sight = sighted.is_none_or(|t| frame.at.saturating_duration_since(t) >= SIGHT_EVERY);
        let look = guarded_look(decoder, &frame, sight);
        let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
        stats.decoded.fetch_add(1, Ordering::Relaxed);
        if sight && look.texts.is_empty() {
            sighted = Some(frame.at);
            if let Some(seen) = look.seen
                && events.send(ScanEvent::Aim(seen.hint)).is_err()
            {
                mailbox.close();
                return;
            }
        }
        for text in dedupe.observe(&look.texts, frame.at) {
            let code = ScanCode {
                text,
                at: frame.at,
                via: look.via.clone(),
                micros,
            };
            if events.send(ScanEvent::Code(code)).is_err() {
                mailbox.close();
                return;
            }
        }
    }
}
