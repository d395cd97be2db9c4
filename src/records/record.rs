//! One record, what it is made from, and what is read back.

use serde::Serialize;

use super::HolderKey;
use crate::code::{Credential, Format};
use crate::time::UnixTime;
use crate::verdict::{Colour, Verdict};

/// One verification record: exactly what is stored and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// Filled in when read back; `0` before it is written.
    pub id: i64,
    pub at: UnixTime,
    pub kiosk: String,
    pub venue: String,
    pub format: String,
    pub issuer: Option<String>,
    pub masked_name: Option<String>,
    pub id_tail: Option<String>,
    pub document: Option<String>,
    pub verdict: Colour,
    pub reasons: Vec<String>,
    pub bundle_version: Option<u64>,
    /// Keyed hash of the credential id (hex), when the code was verified.
    pub holder: Option<String>,
}

/// Where and when a check happened, and under which rules.
#[derive(Debug, Clone, Copy)]
pub struct Door<'a> {
    pub kiosk: &'a str,
    pub venue: &'a str,
    pub at: UnixTime,
    pub bundle_version: Option<u64>,
}

/// What was checked: the format, the issuer it claimed, the credential
/// when its signature held, and the verdict.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub format: Format,
    pub issuer: Option<&'a str>,
    pub credential: Option<&'a Credential>,
    pub verdict: &'a Verdict,
}

impl Record {
    /// The record of one verification. Takes only what a record may hold:
    /// the masked name, the ID tail and a keyed hash of the credential id.
    pub fn of(checked: &Checked<'_>, door: &Door<'_>, key: &HolderKey) -> Self {
        let c = checked.credential;
        Self {
            id: 0,
            at: door.at,
            kiosk: door.kiosk.to_string(),
            venue: door.venue.to_string(),
            format: checked.format.as_str().to_string(),
            issuer: checked.issuer.map(str::to_string),
            masked_name: c.map(|c| c.holder.masked_name.clone()),
            id_tail: c.and_then(|c| c.holder.id_tail.clone()),
            document: c
                .and_then(|c| c.holder.document)
                .map(|d| d.as_str().to_string()),
            verdict: checked.verdict.colour,
            reasons: checked
                .verdict
                .reasons
                .iter()
                .map(|r| r.key().to_string())
                .collect(),
            bundle_version: door.bundle_version,
            holder: c.map(|c| key.hash(&c.id)),
        }
    }
}

/// Which records to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    pub since: Option<UnixTime>,
    pub until: Option<UnixTime>,
    pub verdict: Option<Colour>,
    /// Only codes of this format.
    pub format: Option<Format>,
    /// At most this many, newest first; `None`: all, oldest first.
    pub limit: Option<usize>,
}

/// Verifications in one hour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HourCount {
    /// Start of the hour.
    pub hour: UnixTime,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub grey: u64,
    /// Different credentials seen (from the records; 0 in count-only mode).
    pub people: u64,
}
