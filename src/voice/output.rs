//! The real sound output: rodio on the default device (ALSA on Linux,
//! WASAPI on Windows), and the Ogg Vorbis decoder.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rodio::buffer::SamplesBuffer;
use rodio::{ChannelCount, DeviceSinkBuilder, MixerDeviceSink, SampleRate, Source};

use super::sink::{Sink, SinkError};

/// How long after a failed attempt the device is tried again.
pub const RETRY_AFTER: Duration = Duration::from_secs(30);

/// A decoded clip.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub channels: ChannelCount,
    pub sample_rate: SampleRate,
    /// Interleaved samples, -1.0..=1.0.
    pub samples: Vec<f32>,
}

impl Decoded {
    /// The length in seconds.
    pub fn seconds(&self) -> f64 {
        let frames = self.samples.len() / usize::from(self.channels.get());
        #[allow(clippy::cast_precision_loss)]
        let frames = frames as f64;
        frames / f64::from(self.sample_rate.get())
    }

    /// The largest absolute sample value, 0.0..=1.0 (more if clipped).
    pub fn peak(&self) -> f32 {
        self.samples.iter().fold(0.0_f32, |m, s| m.max(s.abs()))
    }
}

/// The longest clip [`decode`] accepts, in seconds: a bigger file is not a
/// voice clip (and would hold the player thread).
pub const MAX_CLIP_SECONDS: u32 = 60;

/// Why a clip file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipError {
    #[error("cannot open: {0}")]
    Open(String),
    #[error("cannot decode: {0}")]
    Decode(String),
    #[error("longer than {MAX_CLIP_SECONDS} s")]
    TooLong,
    #[error("no sound in the file")]
    Silent,
}

/// Decodes a clip file (Ogg Vorbis) through rodio's decoder, completely.
pub fn decode(path: &Path) -> Result<Decoded, ClipError> {
    let file = File::open(path).map_err(|e| ClipError::Open(e.to_string()))?;
    let decoder = rodio::Decoder::try_from(file).map_err(|e| ClipError::Decode(e.to_string()))?;
    let channels = decoder.channels();
    let sample_rate = decoder.sample_rate();
    let limit = usize::try_from(
        u64::from(sample_rate.get()) * u64::from(channels.get()) * u64::from(MAX_CLIP_SECONDS),
    )
    .unwrap_or(usize::MAX);
    let samples: Vec<f32> = decoder.take(limit.saturating_add(1)).collect();
    if samples.len() > limit {
        return Err(ClipError::TooLong);
    }
    if samples.is_empty() {
        return Err(ClipError::Silent);
    }
    Ok(Decoded {
        channels,
        sample_rate,
        samples,
    })
}

/// The default sound device through rodio. It opens the device on first
/// use, not when created; when there is none (or it went away) every call
/// fails with [`SinkError::NoDevice`], trying the device again at most every
/// [`RETRY_AFTER`] (on Linux, only once the list of sound cards changed).
pub struct RodioSink {
    device: Option<MixerDeviceSink>,
    player: Option<rodio::Player>,
    /// Set by the audio thread when the stream reports an error (e.g. the
    /// device was unplugged); the device is then reopened.
    broken: Arc<AtomicBool>,
    retry_at: Option<Instant>,
    /// The sound cards the system listed when opening last failed.
    cards_at_failure: Option<String>,
    gain: f32,
}

impl std::fmt::Debug for RodioSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RodioSink")
            .field("device_open", &self.device.is_some())
            .field("gain", &self.gain)
            .finish_non_exhaustive()
    }
}

impl Default for RodioSink {
    fn default() -> Self {
        Self::new()
    }
}

impl RodioSink {
    /// A sink on the default device, not opened yet.
    pub fn new() -> Self {
        Self {
            device: None,
            player: None,
            broken: Arc::new(AtomicBool::new(false)),
            retry_at: None,
            cards_at_failure: None,
            gain: 1.0,
        }
    }

    fn open(&mut self) -> Result<(), SinkError> {
        if self.broken.swap(false, Ordering::SeqCst) {
            self.player = None;
            self.device = None;
            self.retry_at = None;
        }
        if self.device.is_some() {
            return Ok(());
        }
        if let Some(at) = self.retry_at {
            // Each failed attempt makes the system's audio library print to
            // stderr: try again only after a while, and on Linux only when
            // the list of sound cards changed.
            let cards_unchanged =
                self.cards_at_failure.is_some() && self.cards_at_failure == sound_cards();
            if Instant::now() < at || cards_unchanged {
                return Err(SinkError::NoDevice("not available".into()));
            }
        }
        let flag = Arc::clone(&self.broken);
        let opened = DeviceSinkBuilder::from_default_device()
            .map(|b| {
                b.with_error_callback(move |_: rodio::CpalError| {
                    flag.store(true, Ordering::SeqCst);
                })
            })
            .and_then(|b| b.open_sink_or_fallback());
        match opened {
            Ok(mut device) => {
                device.log_on_drop(false);
                self.device = Some(device);
                self.retry_at = None;
                self.cards_at_failure = None;
                Ok(())
            }
            Err(e) => {
                self.retry_at = Some(Instant::now() + RETRY_AFTER);
                self.cards_at_failure = sound_cards();
                Err(SinkError::NoDevice(e.to_string()))
            }
        }
    }

    fn player(&mut self) -> Result<&rodio::Player, SinkError> {
        self.open()?;
        let Some(device) = &self.device else {
            return Err(SinkError::NoDevice("not available".into()));
        };
        let gain = self.gain;
        Ok(self.player.get_or_insert_with(|| {
            let player = rodio::Player::connect_new(device.mixer());
            player.set_volume(gain);
            player
        }))
    }
}

/// The system's list of sound cards, where it has one (Linux: ALSA's
/// `/proc/asound/cards`).
fn sound_cards() -> Option<String> {
    if cfg!(target_os = "linux") {
        std::fs::read_to_string("/proc/asound/cards").ok()
    } else {
        None
    }
}

impl Sink for RodioSink {
    fn stop(&mut self) {
        // Dropping a rodio player stops it at once without waiting (its
        // `stop` + `append` would wait for the old queue to drain, which
        // never happens on a dead device).
        self.player = None;
    }

    fn set_volume(&mut self, gain: f32) -> Result<(), SinkError> {
        self.gain = gain.clamp(0.0, 1.0);
        let gain = self.gain;
        self.player()?.set_volume(gain);
        Ok(())
    }

    fn append(&mut self, clip: &Path) -> Result<(), SinkError> {
        let decoded = decode(clip).map_err(|e| SinkError::Clip(e.to_string()))?;
        let buffer = SamplesBuffer::new(decoded.channels, decoded.sample_rate, decoded.samples);
        self.player()?.append(buffer);
        Ok(())
    }
}
