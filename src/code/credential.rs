//! The one model of a verified credential, whatever format it came in.
//!
//! Every format maps its own fields onto [`Credential`]; the parts only some
//! formats have are optional. A native `HGC1:` code has an issuer colour, an
//! ID tail and a document type; an EU DCC has none of those but a date of
//! birth and vaccination, test or recovery entries. The venue policies,
//! the screen, the voice and the records read only this model.

use serde::{Deserialize, Serialize};

use super::Format;
use crate::time::UnixTime;
use crate::verdict::CodeColour;

/// The 16 languages of the kiosk, as BCP 47 tags.
pub const LANGUAGES: [&str; 16] = [
    "zh-CN", "zh-HK", "en", "ja", "ko", "ru", "fr", "de", "es", "pt", "it", "ar", "th", "vi", "id",
    "ms",
];

/// The kind of identity document an ID tail comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

    /// The stable name used in JSON output and records, e.g. `id-card`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IdCard => "id-card",
            Self::HkMacauTaiwanPermit => "hk-macau-taiwan-permit",
            Self::Passport => "passport",
            Self::Military => "military",
        }
    }
}

/// The result of a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestResult {
    Negative,
    Positive,
}

impl TestResult {
    /// The stable name, `negative` or `positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Negative => "negative",
            Self::Positive => "positive",
        }
    }
}

/// The last test: when the sample was taken, and its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestRecord {
    pub sampled_at: UnixTime,
    pub result: TestResult,
}

/// Vaccination summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vaccination {
    pub doses: u8,
    /// A short vaccine code chosen by the issuer, e.g. `SINOVAC`.
    pub vaccine: String,
    /// Days since 1970-01-01 of the last dose.
    pub last_dose_day: i64,
    /// The doses the series needs, where the format says (an EU DCC's
    /// `sd`: "dose 2 of 2").
    pub series: Option<u8>,
}

/// A recovery statement (the EU DCC has them): days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recovery {
    pub first_positive_day: i64,
    pub valid_from_day: i64,
    pub valid_until_day: i64,
}

/// What the kiosk may show of the holder: never more than the first
/// character of the name and the last characters of a document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// First character of the name followed by `*`, e.g. `张*`.
    pub masked_name: String,
    /// The last (up to) four characters of the identity document number.
    pub id_tail: Option<String>,
    pub document: Option<DocumentType>,
    /// The date of birth as the credential gives it (`1964`, `1964-08`,
    /// `1964-08-12`), where the format carries one.
    pub birth_date: Option<String>,
}

impl Holder {
    /// The year of birth, all a screen or a JSON line shows of the date.
    pub fn birth_year(&self) -> Option<&str> {
        self.birth_date.as_deref().and_then(|d| d.get(..4))
    }
}

/// The colour an issuer gave the holder, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub colour: CodeColour,
    pub since: UnixTime,
}

/// How far east of UTC a calendar day can begin (UTC+14, Kiribati): a fact
/// dated by day only (a vaccination, a first positive test) may have
/// happened that long before the day's midnight in UTC.
const EARLIEST_DAY_START_SECS: i64 = 14 * 3600;

/// A credential after its issuer's signature was checked: what the kiosk
/// may show and decide on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub format: Format,
    pub issuer: String,
    /// The 16 bytes that name this credential to the authority's overrides
    /// and revocations, to the replay memory and to the records' keyed
    /// hash. A native code carries them; other formats derive them from
    /// their own identifier. Never shown, logged or stored as they are.
    pub id: [u8; 16],
    /// Other 16-byte keys the authority may revoke this credential under
    /// (an EU DCC: the hash of its country and UVCI, and of its signature;
    /// its UVCI's hash is `id`). Never shown, logged or stored.
    pub revocation_keys: Vec<[u8; 16]>,
    pub issued_at: UnixTime,
    pub expires_at: Option<UnixTime>,
    pub holder: Holder,
    /// One of [`LANGUAGES`], when the holder chose one.
    pub language: Option<String>,
    /// The issuer's colour (native codes); an override may change it.
    pub status: Option<Status>,
    pub test: Option<TestRecord>,
    pub vaccination: Option<Vaccination>,
    pub recovery: Option<Recovery>,
}

impl Credential {
    /// Whether the credential states a fact dated after `limit`: a test
    /// sampled, a colour given, a dose or a first positive test. Facts
    /// dated by day only count from the day's start in the earliest time
    /// zone (UTC+14). An issuer cannot attest what has not happened, so a
    /// fact after the issue time (native codes, whose issuer is ours) or
    /// after the check's time (every format) is never good: the authority
    /// tool refuses to issue it and the door makes it grey
    /// (`date-impossible`).
    pub fn has_fact_after(&self, limit: UnixTime) -> bool {
        let instants = [
            self.test.map(|t| t.sampled_at.0),
            self.status.map(|s| s.since.0),
        ];
        let days = [
            self.vaccination.as_ref().map(|v| v.last_dose_day),
            self.recovery.map(|r| r.first_positive_day),
        ];
        instants.into_iter().flatten().any(|t| t > limit.0)
            || days.into_iter().flatten().any(|d| {
                d.saturating_mul(86_400)
                    .saturating_sub(EARLIEST_DAY_START_SECS)
                    > limit.0
            })
    }
}
