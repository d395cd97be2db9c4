//! Where the player sends sound: the [`Sink`] trait, and [`RecordingSink`],
//! which plays nothing and remembers what it was asked to play.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Why a sink could not do what it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinkError {
    /// There is no sound device, or it went away: nothing can be played
    /// until one is back.
    NoDevice(String),
    /// This clip could not be read or decoded; other clips may still play.
    Clip(String),
}

impl fmt::Display for SinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDevice(why) => write!(f, "no sound device: {why}"),
            Self::Clip(why) => write!(f, "clip not played: {why}"),
        }
    }
}

impl std::error::Error for SinkError {}

/// A sound output the player drives, on the player's own thread. Calls must
/// return quickly: playing happens in the background.
pub trait Sink {
    /// Stops what is playing now and drops what is queued (a cut-off).
    fn stop(&mut self);
    /// Sets the gain (0.0 silent, 1.0 as recorded) of what is queued next.
    fn set_volume(&mut self, gain: f32) -> Result<(), SinkError>;
    /// Queues a clip file to play after what is already queued.
    fn append(&mut self, clip: &Path) -> Result<(), SinkError>;
}

/// What a [`RecordingSink`] was asked to do, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The gain for what follows.
    Volume(f32),
    /// A clip queued to play.
    Play(PathBuf),
    /// Playback was stopped with this many queued clips not finished.
    CutOff(usize),
}

#[derive(Debug, Default)]
struct State {
    events: Vec<Event>,
    /// Clips queued since the last stop or [`Recording::finish`].
    playing: usize,
    unplugged: bool,
    failed_calls: usize,
}

/// The shared log of a [`RecordingSink`], readable from the test while the
/// player thread owns the sink.
#[derive(Debug, Clone, Default)]
pub struct Recording(Arc<Mutex<State>>);

impl Recording {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Everything the sink was asked to do, in order.
    pub fn events(&self) -> Vec<Event> {
        self.state().events.clone()
    }

    /// The clips queued, in order.
    pub fn played(&self) -> Vec<PathBuf> {
        self.state()
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Play(p) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// Pretends everything queued has finished playing: a stop after this
    /// cuts nothing off.
    pub fn finish(&self) {
        self.state().playing = 0;
    }

    /// Pretends the sound device went away (`true`) or came back (`false`).
    pub fn set_unplugged(&self, unplugged: bool) {
        self.state().unplugged = unplugged;
    }

    /// How many calls failed for want of a device.
    pub fn failed_calls(&self) -> usize {
        self.state().failed_calls
    }

    /// Forgets the events so far.
    pub fn clear(&self) {
        self.state().events.clear();
    }
}

/// A sink that plays nothing and records what it was asked to play, in
/// order, with cut-offs; it can pretend to have no device.
#[derive(Debug, Default)]
pub struct RecordingSink {
    recording: Recording,
}

impl RecordingSink {
    /// A working sink, and its log.
    pub fn new() -> (Self, Recording) {
        let recording = Recording::default();
        (
            Self {
                recording: recording.clone(),
            },
            recording,
        )
    }

    /// A sink with no sound device: every call fails with
    /// [`SinkError::NoDevice`] until [`Recording::set_unplugged`]`(false)`.
    pub fn without_device() -> (Self, Recording) {
        let (sink, recording) = Self::new();
        recording.set_unplugged(true);
        (sink, recording)
    }

    fn check(state: &mut State) -> Result<(), SinkError> {
        if state.unplugged {
            state.failed_calls += 1;
            Err(SinkError::NoDevice(
                "the recording sink is unplugged".into(),
            ))
        } else {
            Ok(())
        }
    }
}

impl Sink for RecordingSink {
    fn stop(&mut self) {
        let mut state = self.recording.state();
        if state.playing > 0 {
            let n = state.playing;
            state.events.push(Event::CutOff(n));
            state.playing = 0;
        }
    }

    fn set_volume(&mut self, gain: f32) -> Result<(), SinkError> {
        let mut state = self.recording.state();
        Self::check(&mut state)?;
        state.events.push(Event::Volume(gain));
        Ok(())
    }

    fn append(&mut self, clip: &Path) -> Result<(), SinkError> {
        let mut state = self.recording.state();
        Self::check(&mut state)?;
        state.events.push(Event::Play(clip.to_path_buf()));
        state.playing += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_plays_and_cut_offs() {
        let (mut sink, rec) = RecordingSink::new();
        sink.stop();
        sink.set_volume(0.5).unwrap();
        sink.append(Path::new("a")).unwrap();
        sink.append(Path::new("b")).unwrap();
        sink.stop();
        sink.append(Path::new("c")).unwrap();
        rec.finish();
        sink.stop();
        assert_eq!(
            rec.events(),
            [
                Event::Volume(0.5),
                Event::Play("a".into()),
                Event::Play("b".into()),
                Event::CutOff(2),
                Event::Play("c".into()),
            ]
        );
        assert_eq!(rec.played(), [PathBuf::from("a"), "b".into(), "c".into()]);
    }

    #[test]
    fn unplugged_fails_with_no_device() {
        let (mut sink, rec) = RecordingSink::without_device();
        assert!(matches!(sink.set_volume(1.0), Err(SinkError::NoDevice(_))));
        assert!(matches!(
            sink.append(Path::new("a")),
            Err(SinkError::NoDevice(_))
        ));
        assert_eq!(rec.failed_calls(), 2);
        assert!(rec.events().is_empty());
        rec.set_unplugged(false);
        sink.append(Path::new("a")).unwrap();
        assert_eq!(rec.played().len(), 1);
    }
}
