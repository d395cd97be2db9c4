//! `HealthGate` checks health codes at a door, offline.
//!
//! A map of the modules. The layers point one way: each imports only from
//! the layers above it in this list, never from those below.
//!
//! The core, pure where it decides:
//! - [`verdict`]: the leaf every layer uses: `Colour`, `Reason`, `Verdict`,
//!   and the colour an issuer gives a holder, each with one encoding.
//! - [`time`]: instants as Unix seconds; the core never reads a clock.
//! - [`crypto`]: SM2 signatures with SM3, key ids, PEM files.
//! - [`code`]: the formats a code can come in, one module each (the native
//!   `HGC1:` code now), the trust list they verify against
//!   ([`code::trust`]: keys of several algorithms by format, issuer and key
//!   id), [`code::verify`] (`text + trust + now -> Verified`), and
//!   [`code::Credential`], the one model every format produces.
//! - [`rules`]: the CertLogic evaluator, venue policies, overrides, and
//!   [`rules::judge`], which turns what a format verified into a verdict.
//! - [`files`]: files written owner-only, or replaced whole.
//! - [`bundle`]: the signed rule bundle, its source folder, its `SQLite`
//!   store, its sync over HTTP, and the rules in force.
//! - [`records`]: verification records in `SQLite`: private (masked name,
//!   ID tail, a keyed hash of the credential id), retention, hourly counts,
//!   export.
//!
//! The door, and what feeds it:
//! - [`config`]: the kiosk's TOML config, loaded tolerantly, and the staff
//!   settings file.
//! - [`authority`]: what an issuing authority does (holder records, issuing,
//!   presenting, drawing codes), for the authority tool, the demo and tests.
//! - [`demo`]: the demo authority whose keys ship in `assets/demo` (never
//!   trust it in production).
//! - [`voice`]: the spoken verdict: clip catalogue, language choice, rodio player.
//! - [`i18n`]: the screen text in 16 languages (Fluent) and the fonts for every script.
//! - [`gate`]: a code at the door: verify, replay, judge, record, count,
//!   for both kiosks, `verify` and the batch service; rule loading, the
//!   background sync, the hourly purge.
//! - [`scan`]: frame sources (camera, replay, demo camera, keyboard scanner),
//!   QR decoding, and the supervisor thread that runs the camera a kiosk
//!   chose.
//! - [`pin`]: the staff PIN, hashed, with its lockout.
//! - [`logging`]: `tracing` to stderr and a rotating file.
//! - [`serve`]: HTTP: `healthgate serve`, the batch checking service, and
//!   a kiosk's `/metrics`.
//!
//! The edges, where people are:
//! - [`ui`]: the kiosk on screen (iced), one module a screen.
//! - [`cmd`]: the subcommands of the `healthgate` binary, the terminal
//!   kiosk among them.

pub mod authority;
pub mod bundle;
pub mod cmd;
pub mod code;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod files;
pub mod gate;
pub mod i18n;
pub mod logging;
pub mod pin;
pub mod records;
pub mod rules;
pub mod scan;
pub mod serve;
pub mod time;
pub mod ui;
pub mod verdict;
pub mod voice;
