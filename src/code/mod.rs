//! Code formats and the one credential model they all produce.

pub mod base45;
pub mod native;

use std::fmt;

use serde::Serialize;

use crate::time::UnixTime;

/// The format a code text was recognised as, by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// The native `HealthGate` code, `HGC1:`.
    Hgc1,
    /// An issued native credential without its dynamic proof, `HGC1C:`.
    Hgc1Credential,
    /// EU Digital COVID Certificate, `HC1:` (not supported yet).
    Dcc,
    /// SMART Health Card, `shc:/` (not supported yet).
    Shc,
    /// Nothing we know.
    Unknown,
}

impl Format {
    /// Recognises a code text by its prefix.
    pub fn detect(text: &str) -> Self {
        if text.starts_with(native::PREFIX) {
            Self::Hgc1
        } else if text.starts_with(native::CREDENTIAL_PREFIX) {
            Self::Hgc1Credential
        } else if text.starts_with("HC1:") {
            Self::Dcc
        } else if text.starts_with("shc:/") {
            Self::Shc
        } else {
            Self::Unknown
        }
    }

    /// The stable name used in JSON output and records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hgc1 => "hgc1",
            Self::Hgc1Credential => "hgc1-credential",
            Self::Dcc => "dcc",
            Self::Shc => "shc",
            Self::Unknown => "unknown",
        }
    }
}

/// The colour an issuer gave a holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeColour {
    Green,
    Yellow,
    Red,
}

/// The kind of identity document the ID tail comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
    IdCard,
    HkMacauTaiwanPermit,
    Passport,
    Military,
}

impl DocumentType {
    /// All document types, in wire order.
    pub const ALL: [Self; 4] = [
        Self::IdCard,
        Self::HkMacauTaiwanPermit,
        Self::Passport,
        Self::Military,
    ];
}

/// The result of the last nucleic-acid test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestResult {
    Negative,
    Positive,
}

/// The last nucleic-acid test: when the sample was taken, and its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestRecord {
    pub sampled_at: UnixTime,
    pub result: TestResult,
}

/// Vaccination summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vaccination {
    pub doses: u8,
    /// A short vaccine code chosen by the authority, e.g. `SINOVAC`.
    pub vaccine: String,
    /// Days since 1970-01-01 of the last dose.
    pub last_dose_day: i64,
}

/// The 16 languages of the kiosk, as BCP 47 tags.
pub const LANGUAGES: [&str; 16] = [
    "zh-CN", "zh-HK", "en", "ja", "ko", "ru", "fr", "de", "es", "pt", "it", "ar", "th", "vi", "id",
    "ms",
];

/// A credential after its signature was checked: what the kiosk may show and
/// decide on. It never holds more than the masked name and the ID tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub format: Format,
    pub issuer: String,
    pub key_id: crate::crypto::KeyId,
    /// Random identifier chosen by the issuer; used for overrides and replay.
    pub id: [u8; 16],
    pub colour: CodeColour,
    pub colour_since: UnixTime,
    pub test: Option<TestRecord>,
    pub vaccination: Option<Vaccination>,
    /// One of [`LANGUAGES`], when the holder chose one.
    pub language: Option<String>,
    pub issued_at: UnixTime,
    pub expires_at: UnixTime,
    /// First character of the name followed by `*`, e.g. `张*`.
    pub masked_name: String,
    /// The last (up to) four characters of the identity document number.
    pub id_tail: String,
    pub document: DocumentType,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
