//! The kiosk's voice: every verdict spoken in the person's language, from
//! recorded clips, on its own thread, never in the way.
//!
//! - [`catalogue`]: the clips ([`Clip`]) and which ones a verdict says
//!   ([`clips_for`]).
//! - [`language`]: which language to speak ([`choose_language`]).
//! - [`library`]: where the clip files are: the built-in `assets/voice`
//!   folder and the operator's override folder for human recordings
//!   ([`ClipLibrary`]).
//! - [`player`]: [`Player`], a thread fed by a channel: chime, then the
//!   sentences; a new verdict cuts off the old one; volume; care mode.
//! - [`sink`]: the [`Sink`] trait the player plays through, and
//!   [`RecordingSink`], which records instead of playing (tests, no sound
//!   card).
//! - [`output`]: the real output through rodio ([`RodioSink`]) and the Ogg
//!   Vorbis decoder.
//!
//! The clips are made by `scripts/make-voice.sh` from the sentences in
//! `i18n/<lang>/voice.ftl`; `assets/voice/clips.tsv` lists them.
//!
//! ```no_run
//! use healthgate::verdict::{Reason, Verdict};
//! use healthgate::voice::{Announcement, ClipLibrary, Player, choose_language};
//!
//! let player = Player::start(ClipLibrary::discover(None));
//! let verdict = Verdict::from_reasons(vec![Reason::CodeYellow]);
//! let language = choose_language(Some("zh-CN"), None, "en");
//! player.say(Announcement::verdict(&verdict, language).with_care(false).with_volume(80));
//! ```

pub mod catalogue;
pub mod language;
pub mod library;
pub mod output;
pub mod player;
pub mod sink;

pub use catalogue::{Clip, clips_for, reason_clip};
pub use language::{choose_language, normalise_language};
pub use library::{ClipLibrary, default_override_dir};
pub use output::{Decoded, RodioSink, decode};
pub use player::{Announcement, AudioStatus, Player, gain};
pub use sink::{Event, Recording, RecordingSink, Sink, SinkError};
