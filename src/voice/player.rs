//! The player: its own thread, fed by a channel, so the UI never waits on
//! audio.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::catalogue::{Clip, clips_for};
use super::language::normalise_language;
use super::library::ClipLibrary;
use super::output::RodioSink;
use super::sink::{Sink, SinkError};
use crate::verdict::{Colour, Verdict};

/// What to say: a chime, then clips, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// One of the 16 kiosk languages.
    pub language: &'static str,
    /// The chime played first, if any.
    pub chime: Option<Colour>,
    /// The sentences, in order.
    pub clips: Vec<Clip>,
    /// Care mode: the slow clips.
    pub care: bool,
    /// 0 (silent) ..= 100.
    pub volume: u8,
}

impl Announcement {
    /// A verdict: its colour's chime, then [`clips_for`] it, in `language`
    /// (any BCP 47 tag; see [`normalise_language`]; English when the kiosk
    /// does not speak it). Normal speed, full volume.
    pub fn verdict(verdict: &Verdict, language: &str) -> Self {
        Self {
            language: normalise_language(language).unwrap_or("en"),
            chime: Some(verdict.colour),
            clips: clips_for(verdict),
            care: false,
            volume: 100,
        }
    }

    /// "Please show your code", with no chime.
    pub fn prompt(language: &str) -> Self {
        Self {
            language: normalise_language(language).unwrap_or("en"),
            chime: None,
            clips: vec![Clip::Prompt],
            care: false,
            volume: 100,
        }
    }

    /// One sentence with no chime (the scan screen's aiming hints).
    pub fn sentence(clip: Clip, language: &str) -> Self {
        Self {
            clips: vec![clip],
            ..Self::prompt(language)
        }
    }

    /// The same, in care mode (slow clips) or not.
    #[must_use]
    pub fn with_care(mut self, care: bool) -> Self {
        self.care = care;
        self
    }

    /// The same, at this volume (0..=100; more is 100).
    #[must_use]
    pub fn with_volume(mut self, volume: u8) -> Self {
        self.volume = volume.min(100);
        self
    }
}

/// The gain for a volume setting: `(volume / 100)²`, so that the setting
/// feels even to the ear (50 is about -12 dB, not -6 dB).
pub fn gain(volume: u8) -> f32 {
    let v = f32::from(volume.min(100)) / 100.0;
    v * v
}

/// What the player knows of the sound device, for a staff screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioStatus {
    /// Nothing played yet.
    Unknown,
    /// The last attempt to play worked.
    Working,
    /// There is no sound device (or it went away); the kiosk is silent and
    /// retries now and then.
    NoDevice,
    /// The player stopped (its thread could not start, or the output
    /// failed badly); the kiosk is silent.
    Off,
}

impl AudioStatus {
    fn from_u8(v: u8) -> Self {
        match v {
            1 => Self::Working,
            2 => Self::NoDevice,
            3 => Self::Off,
            _ => Self::Unknown,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Self::Unknown => 0,
            Self::Working => 1,
            Self::NoDevice => 2,
            Self::Off => 3,
        }
    }
}

#[derive(Debug, Default)]
struct Shared {
    status: AtomicU8,
    /// How many outages of the sound device were logged.
    outages: AtomicUsize,
}

impl Shared {
    fn set(&self, s: AudioStatus) {
        self.status.store(s.as_u8(), Ordering::SeqCst);
    }

    fn get(&self) -> AudioStatus {
        AudioStatus::from_u8(self.status.load(Ordering::SeqCst))
    }
}

enum Command {
    Say(Announcement),
    Stop,
    Sync(Sender<()>),
}

/// Plays announcements on its own thread. Sending never blocks: a new
/// announcement cuts off the one playing, and announcements sent faster
/// than the thread takes them are skipped but for the latest. Cloning gives
/// another handle to the same thread, which ends when the last handle is
/// dropped.
#[derive(Debug, Clone)]
pub struct Player {
    tx: Option<Sender<Command>>,
    shared: Arc<Shared>,
}

impl Player {
    /// A player on the default sound device, with clips from `library`.
    /// Opening the device happens on the player's thread, never here.
    pub fn start(library: ClipLibrary) -> Self {
        Self::with_sink(library, RodioSink::new)
    }

    /// A player on the sink `make` builds (on the player's thread, so the
    /// sink need not be `Send`).
    pub fn with_sink<S, F>(library: ClipLibrary, make: F) -> Self
    where
        S: Sink + 'static,
        F: FnOnce() -> S + Send + 'static,
    {
        let shared = Arc::new(Shared::default());
        let (tx, rx) = mpsc::channel();
        let thread_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("healthgate-voice".into())
            .spawn(move || run(&library, make, &rx, &thread_shared));
        match spawned {
            Ok(_) => Self {
                tx: Some(tx),
                shared,
            },
            Err(e) => {
                tracing::warn!(
                    "voice: cannot start the player thread ({e}); the kiosk stays silent"
                );
                shared.set(AudioStatus::Off);
                Self { tx: None, shared }
            }
        }
    }

    /// A player that never makes a sound (no thread, no device).
    pub fn silent() -> Self {
        let shared = Arc::new(Shared::default());
        shared.set(AudioStatus::Off);
        Self { tx: None, shared }
    }

    /// Says an announcement, cutting off the one playing. Returns at once.
    pub fn say(&self, announcement: Announcement) {
        self.send(Command::Say(announcement));
    }

    /// Stops talking. Returns at once.
    pub fn stop(&self) {
        self.send(Command::Stop);
    }

    /// Waits until the thread has handled everything sent before (queued
    /// it to the sink: not until it was heard), at most `timeout`; `false`
    /// when it did not in time or the player is off. For tests and
    /// shut-down: the UI never needs it.
    pub fn sync(&self, timeout: Duration) -> bool {
        let (tx, rx) = mpsc::channel();
        self.send(Command::Sync(tx));
        rx.recv_timeout(timeout).is_ok()
    }

    /// What the player knows of the sound device.
    pub fn status(&self) -> AudioStatus {
        self.shared.get()
    }

    /// How many times a missing sound device was logged: once per outage.
    pub fn outages_reported(&self) -> usize {
        self.shared.outages.load(Ordering::SeqCst)
    }

    fn send(&self, command: Command) {
        if let Some(tx) = &self.tx {
            // A closed channel means the thread is gone: the kiosk is silent.
            let _ = tx.send(command);
        }
    }
}

/// The player thread.
fn run<S, F>(library: &ClipLibrary, make: F, rx: &Receiver<Command>, shared: &Shared)
where
    S: Sink,
    F: FnOnce() -> S,
{
    let Ok(mut sink) = catch_unwind(AssertUnwindSafe(make)) else {
        tracing::warn!("voice: the sound output failed to start; the kiosk stays silent");
        shared.set(AudioStatus::Off);
        drain(rx);
        return;
    };
    let mut state = State {
        missing: HashSet::new(),
        bad_clips: HashSet::new(),
    };
    while let Ok(first) = rx.recv() {
        // Latest wins: skip announcements that a later one replaces, but
        // answer every sync after handling what came before it.
        let mut latest = None;
        let mut syncs = Vec::new();
        for command in std::iter::once(first).chain(rx.try_iter()) {
            match command {
                Command::Sync(done) => syncs.push(done),
                other => latest = Some(other),
            }
        }
        if let Some(command) = latest {
            let handled = catch_unwind(AssertUnwindSafe(|| {
                handle(library, &mut sink, &mut state, shared, command);
            }));
            if handled.is_err() {
                tracing::warn!("voice: the sound output failed; the kiosk stays silent");
                shared.set(AudioStatus::Off);
                for done in syncs {
                    let _ = done.send(());
                }
                drain(rx);
                return;
            }
        }
        for done in syncs {
            let _ = done.send(());
        }
    }
}

/// After a fatal failure: answer syncs, ignore the rest, until all handles
/// are dropped.
fn drain(rx: &Receiver<Command>) {
    while let Ok(command) = rx.recv() {
        if let Command::Sync(done) = command {
            let _ = done.send(());
        }
    }
}

struct State {
    /// Clip files found missing, logged once each.
    missing: HashSet<(String, &'static str, bool)>,
    /// Files that failed to decode, logged once each.
    bad_clips: HashSet<PathBuf>,
}

fn handle<S: Sink>(
    library: &ClipLibrary,
    sink: &mut S,
    state: &mut State,
    shared: &Shared,
    command: Command,
) {
    sink.stop();
    let Command::Say(a) = command else {
        return;
    };
    if a.volume == 0 {
        return;
    }
    let mut files = Vec::new();
    if let Some(colour) = a.chime {
        match library.chime(colour) {
            Some(path) => files.push(path),
            None => {
                if state
                    .missing
                    .insert(("chime".into(), colour.as_str(), false))
                {
                    tracing::warn!("voice: no chime for {colour}; skipped");
                }
            }
        }
    }
    for clip in &a.clips {
        match library.clip(a.language, *clip, a.care) {
            Some(path) => files.push(path),
            None => {
                if state
                    .missing
                    .insert((a.language.to_string(), clip.key(), a.care))
                {
                    tracing::warn!(
                        "voice: no clip {}/{}{}; skipped",
                        a.language,
                        clip.key(),
                        if a.care { " (care mode)" } else { "" }
                    );
                }
            }
        }
    }
    if files.is_empty() {
        return;
    }
    let result = sink
        .set_volume(gain(a.volume))
        .and_then(|()| append_all(sink, state, &files));
    match result {
        Ok(()) => {
            if shared.get() == AudioStatus::NoDevice {
                tracing::info!("voice: a sound device is available again");
            }
            shared.set(AudioStatus::Working);
        }
        Err(SinkError::NoDevice(why)) => {
            if shared.get() != AudioStatus::NoDevice {
                tracing::warn!("voice: no sound device ({why}); the kiosk carries on silently");
                shared.outages.fetch_add(1, Ordering::SeqCst);
                shared.set(AudioStatus::NoDevice);
            }
        }
        Err(SinkError::Clip(_)) => {}
    }
}

/// Queues the files; a clip that cannot be played is logged once and
/// skipped, a missing device stops the lot.
fn append_all<S: Sink>(
    sink: &mut S,
    state: &mut State,
    files: &[PathBuf],
) -> Result<(), SinkError> {
    for file in files {
        match sink.append(file) {
            Ok(()) => {}
            Err(SinkError::Clip(why)) => {
                if state.bad_clips.insert(file.clone()) {
                    tracing::warn!("voice: {} not played: {why}", file.display());
                }
            }
            Err(e @ SinkError::NoDevice(_)) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Reason;

    #[test]
    fn gain_is_squared_and_capped() {
        assert!((gain(0)).abs() < f32::EPSILON);
        assert!((gain(50) - 0.25).abs() < 1e-6);
        assert!((gain(100) - 1.0).abs() < f32::EPSILON);
        assert!((gain(255) - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn announcements() {
        let v = Verdict::from_reasons(vec![Reason::CodeYellow]);
        let a = Announcement::verdict(&v, "pt-BR")
            .with_care(true)
            .with_volume(200);
        assert_eq!(a.language, "pt");
        assert_eq!(a.chime, Some(Colour::Yellow));
        assert_eq!(a.clips, [Clip::Yellow, Clip::SeeStaff]);
        assert!(a.care);
        assert_eq!(a.volume, 100);
        assert_eq!(Announcement::prompt("xx").language, "en");
        assert_eq!(Announcement::prompt("th").clips, [Clip::Prompt]);
    }

    #[test]
    fn a_silent_player_takes_everything_and_says_nothing() {
        let p = Player::silent();
        p.say(Announcement::prompt("en"));
        p.stop();
        assert!(!p.sync(Duration::from_millis(10)));
        assert_eq!(p.status(), AudioStatus::Off);
    }

    struct Panicking;
    impl Sink for Panicking {
        fn stop(&mut self) {}
        fn set_volume(&mut self, _: f32) -> Result<(), SinkError> {
            Ok(())
        }
        #[allow(clippy::panic)]
        fn append(&mut self, _: &std::path::Path) -> Result<(), SinkError> {
            panic!("output exploded")
        }
    }

    #[test]
    fn a_panicking_sink_turns_the_voice_off_not_the_kiosk() {
        let p = Player::with_sink(ClipLibrary::discover(None), || Panicking);
        p.say(Announcement::prompt("en"));
        assert!(p.sync(Duration::from_secs(5)));
        assert_eq!(p.status(), AudioStatus::Off);
        p.say(Announcement::prompt("en"));
        assert!(p.sync(Duration::from_secs(5)));
    }
}
