//! Code formats, one module each, and the one credential model they all
//! produce.
//!
//! - [`Format`]: a code text is recognised by its prefix.
//! - [`verify`]: the pure core, `text + trust list + now -> Verified`:
//!   decode, check the issuer's signature against the [`TrustList`], check
//!   the credential's own validity. No I/O, no clock, no memory of earlier
//!   codes: the proof a caller should remember comes back in
//!   [`Verified::proof`].
//! - [`native`]: the native `HGC1:` code.
//! - [`dcc`]: the EU Digital COVID Certificate / WHO GDHCN, `HC1:`.
//!   SMART Health Cards (`shc:/`) are recognised and answered
//!   `format-unsupported` until their module is here, beside these two
//!   with the same shape (its prefix, its decoder, `verify`, and the
//!   mapping of its fields onto [`Credential`]).
//! - [`credential`]: [`Credential`], the model the rules, the screen and
//!   the records read.
//! - [`trust`]: the trust list, the keys each format verifies against.
//! - [`base45`]: the text encoding shared by `HGC1:` and `HC1:`.

pub mod base45;
pub mod credential;
pub mod dcc;
pub mod native;
pub mod shc;
pub mod trust;

use std::fmt;

use serde::Serialize;

pub use credential::{
    Credential, DocumentType, Holder, LANGUAGES, Recovery, Status, TestRecord, TestResult,
    Vaccination,
};

use crate::time::UnixTime;
use crate::verdict::Reason;
use trust::TrustList;

/// The format a code text was recognised as, by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// The native `HealthGate` code, `HGC1:` (and `HGC2:` ... of later versions).
    Hgc1,
    /// An issued native credential without its dynamic proof, `HGC1C:`.
    Hgc1Credential,
    /// EU Digital COVID Certificate / WHO GDHCN, `HC1:`.
    Dcc,
    /// SMART Health Card, `shc:/`.
    Shc,
    /// Nothing we know.
    Unknown,
}

impl Format {
    /// Every format, in the order prefixes are tried.
    pub const ALL: [Self; 5] = [
        Self::Hgc1Credential,
        Self::Hgc1,
        Self::Dcc,
        Self::Shc,
        Self::Unknown,
    ];

    /// Recognises a code text by its prefix.
    pub fn detect(text: &str) -> Self {
        if text.starts_with(native::CREDENTIAL_PREFIX) {
            Self::Hgc1Credential
        } else if native::is_native(text) {
            Self::Hgc1
        } else if text.starts_with("HC1:") {
            Self::Dcc
        } else if text.starts_with("shc:/") {
            Self::Shc
        } else {
            Self::Unknown
        }
    }

    /// The stable name used in JSON output, records and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hgc1 => "hgc1",
            Self::Hgc1Credential => "hgc1-credential",
            Self::Dcc => "dcc",
            Self::Shc => "shc",
            Self::Unknown => "unknown",
        }
    }

    /// The format with this stable name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Knobs of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Time steps (of 30 s) a proof may be off the kiosk's step, either way.
    pub proof_skew_steps: u64,
    /// Seconds a credential's issue time may lie in the kiosk's future.
    pub clock_skew_secs: i64,
    /// Whether an `HGC1C:` credential without its proof is checked as a
    /// status check (the batch service: issuer signature, validity, colour
    /// and rules, not the holder's presence) instead of refused
    /// `proof-missing` (a door).
    pub status_checks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            proof_skew_steps: 1,
            clock_skew_secs: 300,
            status_checks: false,
        }
    }
}

/// Identifies one dynamic proof: a credential at a time step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProofKey {
    pub credential_id: [u8; 16],
    pub step: u64,
}

/// What a format found in a code text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub format: Format,
    /// The issuer the code claims, once it could be read (even when unknown).
    pub issuer: Option<String>,
    /// The credential, only when the issuer's signature holds.
    pub credential: Option<Credential>,
    /// What is wrong with the code itself (a bad signature, an expiry, a
    /// stale proof ...); empty when it holds. The credential's colour and
    /// the venue's rules are the judge's, not the format's.
    pub problems: Vec<Reason>,
    /// The dynamic proof to remember against replays, when the holder's
    /// device signed it.
    pub proof: Option<ProofKey>,
    /// What an EU DCC's business rules read (for that format only, and
    /// only once it verified); for the judge, never kept.
    pub rule_input: Option<dcc::RuleInput>,
}

impl Verified {
    /// A code that could not be verified at all, for one reason.
    pub fn unverified(format: Format, reason: Reason) -> Self {
        Self {
            format,
            issuer: None,
            credential: None,
            problems: vec![reason],
            proof: None,
            rule_input: None,
        }
    }

    /// Whether the code itself held: decoded, signed by a trusted key, and
    /// valid in its own terms (whatever the venue's rules then decide).
    pub fn is_verified(&self) -> bool {
        self.credential.is_some() && self.problems.is_empty()
    }

    /// The language the verdict should be shown and spoken in, if the
    /// holder chose one.
    pub fn language(&self) -> Option<&str> {
        self.credential.as_ref().and_then(|c| c.language.as_deref())
    }
}

/// Checks one code text: the format by its prefix, then that format's
/// decoding and signatures. Pure: the time is passed in.
pub fn verify(text: &str, trust: &TrustList, now: UnixTime, options: &Options) -> Verified {
    let text = text.trim();
    let format = Format::detect(text);
    let mut verified = match format {
        Format::Hgc1 => native::verify(text, trust, now, options),
        Format::Hgc1Credential if options.status_checks => {
            native::verify_credential(text, trust, now, options)
        }
        Format::Hgc1Credential => Verified::unverified(format, Reason::ProofMissing),
        Format::Dcc => dcc::verify(text, trust, now, options),
        Format::Shc => shc::verify(text, trust, now, options),
        Format::Unknown if text.is_empty() => Verified::unverified(format, Reason::Malformed),
        Format::Unknown => Verified::unverified(format, Reason::FormatUnsupported),
    };
    // An issuer cannot attest what has not happened: no fact may be dated
    // after the check, and in a native code none after its issue either.
    // (Other formats' issuers are outside: the EU's own test certificates
    // hold tests sampled hours after their issue time, and verify.)
    if let Some(c) = &verified.credential {
        let limit = match format {
            Format::Hgc1 | Format::Hgc1Credential => c.issued_at.min(now),
            _ => now,
        };
        if c.has_fact_after(limit.plus(options.clock_skew_secs)) {
            verified.problems.push(Reason::DateImpossible);
        }
    }
    verified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_pick_the_format() {
        assert_eq!(Format::detect("HGC1:ABC"), Format::Hgc1);
        assert_eq!(Format::detect("HGC2:ABC"), Format::Hgc1);
        assert_eq!(Format::detect("HGC1C:ABC"), Format::Hgc1Credential);
        assert_eq!(Format::detect("HC1:NCF"), Format::Dcc);
        assert_eq!(Format::detect("shc:/5676"), Format::Shc);
        assert_eq!(Format::detect("HGCX:1"), Format::Unknown);
        assert_eq!(Format::detect(""), Format::Unknown);
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.as_str()), Some(f));
        }
    }
}
