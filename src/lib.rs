//! `HealthGate` checks health codes at a door, offline.
//!
//! A map of the modules, in the order a code travels through them:
//!
//! - [`code`]: the formats a code can come in (the native `HGC1:` code now),
//!   their base45 text, and [`code::Credential`], the one model of a verified
//!   credential that every format produces.
//! - [`crypto`]: SM2 signatures with SM3, key ids, PEM files.
//! - [`bundle`]: what the kiosk trusts and decides with: the signed rule
//!   bundle (trust list, venue policies, overrides), its `SQLite` store, its
//!   sync over HTTP, and the rules in force ([`bundle::active`]).
//! - [`verify`]: the pure core, `text + trust + now -> Verdict`, with
//!   replay memory owned by the caller.
//! - [`rules`]: verdicts (colours and reasons), the CertLogic evaluator, venue
//!   policies, and [`rules::judge`], which applies overrides, policies and
//!   the age of the rules to a verified code.
//! - [`authority`]: what an issuing authority does: holder records, issuing
//!   credentials, presenting the dynamic code; shared by the authority tool,
//!   the demo and the tests.
//! - [`records`]: verification records in `SQLite`: private (masked name, ID
//!   tail, a keyed hash of the credential id), retention, hourly counts,
//!   export.
//! - [`scan`]: frame sources (camera, replay, keyboard scanner) and QR decoding.
//! - [`voice`]: the spoken verdict: clip catalogue, language choice, rodio player.
//! - [`demo`]: the demo authority whose keys ship in `assets/demo` (never
//!   trust it in production).
//! - [`config`]: the kiosk's TOML config, loaded tolerantly.
//! - [`i18n`]: the screen text in 16 languages (Fluent) and the fonts for every script.
//! - [`logging`]: `tracing` to stderr and a rotating file.
//! - [`cmd`]: the subcommands of the `healthgate` binary.
//! - [`time`]: instants as Unix seconds; the core never reads a clock.

pub mod authority;
pub mod bundle;
pub mod cmd;
pub mod code;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod i18n;
pub mod logging;
pub mod records;
pub mod rules;
pub mod scan;
pub mod time;
pub mod ui;
pub mod verify;
pub mod voice;
