//! The leaf every layer uses: the colour a kiosk shows ([`Colour`]), the
//! reasons for it ([`Reason`]), the verdict that joins them ([`Verdict`]),
//! and the colour an issuer gives a holder ([`CodeColour`]). Each has one
//! stable name and, where it is stored in binary, one wire code; nothing
//! else in `HealthGate` spells them out again.
use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// May pass.
    Green,
    /// May not pass unaided: see staff, or a test is needed.
    Yellow,
    /// Must not pass.
    Red,
    /// Could not verify.
    Grey,
}

impl Colour {
    /// Every colour, from the mildest.
    pub const ALL: [Self; 4] = [Self::Green, Self::Yellow, Self::Red, Self::Grey];

    /// The stable name, e.g. `green`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
            Self::Grey => "grey",
        }
    }

    /// The colour with this stable name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The colour an issuer gave a holder (the native code carries one; an
/// override in the rule bundle can change it after issue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeColour {
    Green,
    Yellow,
    Red,
}

impl CodeColour {
    /// Every code colour, in wire order.
    pub const ALL: [Self; 3] = [Self::Green, Self::Yellow, Self::Red];

    /// The stable name, e.g. `yellow`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
        }
    }

    /// The colour with this stable name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The one binary code of the colour, used by the native code's CBOR,
    /// the bundle's override records and the rule store: 0, 1, 2.
    pub fn wire(self) -> u8 {
        match self {
            Self::Green => 0,
            Self::Yellow => 1,
            Self::Red => 2,
        }
    }

    /// The colour with this wire code.
    pub fn from_wire(code: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|c| u64::from(c.wire()) == code)
    }

    /// The reason a code of this colour gives (none for green).
    pub fn reason(self) -> Option<Reason> {
        match self {
            Self::Green => None,
            Self::Yellow => Some(Reason::CodeYellow),
            Self::Red => Some(Reason::CodeRed),
        }
    }
}

impl fmt::Display for CodeColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a verdict is what it is. Each has a stable key (its `Display`), used
/// in JSON, records, logs and as the key of its translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    // Grey: the code could not be verified.
    /// Empty, not base45, not the CBOR the format says, a field out of range.
    Malformed,
    /// A prefix this kiosk does not read.
    FormatUnsupported,
    /// A native code of a payload version this kiosk does not read.
    VersionUnsupported,
    /// An issued credential shown without its dynamic proof.
    ProofMissing,
    /// The issuer is not in the trust list.
    IssuerUnknown,
    /// The issuer is known but not this key id.
    KeyUnknown,
    /// The key was not valid when the credential was issued.
    KeyNotValid,
    /// The issuer's signature does not match.
    SignatureInvalid,
    /// The credential's life is longer than the 24 hours allowed.
    CredentialTooLong,
    /// Issued in the future, past the allowed clock skew.
    CredentialNotYetValid,
    /// Past its expiry.
    CredentialExpired,
    /// A fact in the credential (a test, a dose, a colour) is dated after
    /// the credential was issued, or after the check, beyond the clock skew.
    DateImpossible,
    /// The kiosk's clock reads earlier than a time it has already seen
    /// (its own earlier readings, the rules' issue time, an accepted code):
    /// it was turned back, and no verdict can be trusted until it is right.
    ClockBehind,
    /// The payload does not hold to its format's schema (an EU DCC against
    /// the DCC JSON schema of its version, or with other than one entry).
    SchemaInvalid,
    /// The signer's certificate may not sign this type of certificate.
    KeyUsageInvalid,
    /// The device's signature does not match the holder's device key.
    ProofInvalid,
    /// The proof's time step is outside the allowed skew.
    ProofStale,
    /// This very proof was already presented.
    ProofReplayed,
    /// The rule bundle is older than the longest time the authority allows
    /// offline: the kiosk can no longer vouch for any verdict.
    RulesOutdated,
    /// A venue rule could not be evaluated.
    PolicyError,
    // Yellow and red: the credential's own colour.
    /// The code is yellow.
    CodeYellow,
    /// The code is red.
    CodeRed,
    /// The credential was revoked by the authority.
    Revoked,
    // Venue policies; their colour comes from the rule.
    /// The venue needs a test and the code has none.
    TestMissing,
    /// The last test is older than the venue accepts.
    TestTooOld,
    /// The last test was positive.
    TestPositive,
    /// The venue needs more vaccination.
    VaccinationIncomplete,
    /// A venue rule failed (a rule whose reason is not one of the above).
    RuleFailed,
    // Information: no colour of their own.
    /// The authority changed this code's colour after it was issued.
    ColourOverride,
    /// The rule bundle is older than the warning age: sync soon.
    RulesStale,
}

impl Reason {
    /// Every reason, in display order.
    pub const ALL: [Self; 30] = [
        Self::Malformed,
        Self::FormatUnsupported,
        Self::VersionUnsupported,
        Self::ProofMissing,
        Self::IssuerUnknown,
        Self::KeyUnknown,
        Self::KeyNotValid,
        Self::SignatureInvalid,
        Self::CredentialTooLong,
        Self::CredentialNotYetValid,
        Self::CredentialExpired,
        Self::DateImpossible,
        Self::ClockBehind,
        Self::SchemaInvalid,
        Self::KeyUsageInvalid,
        Self::ProofInvalid,
        Self::ProofStale,
        Self::ProofReplayed,
        Self::RulesOutdated,
        Self::PolicyError,
        Self::CodeYellow,
        Self::CodeRed,
        Self::Revoked,
        Self::TestMissing,
        Self::TestTooOld,
        Self::TestPositive,
        Self::VaccinationIncomplete,
        Self::RuleFailed,
        Self::ColourOverride,
        Self::RulesStale,
    ];

    /// The stable key, e.g. `signature-invalid`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::FormatUnsupported => "format-unsupported",
            Self::VersionUnsupported => "version-unsupported",
            Self::ProofMissing => "proof-missing",
            Self::IssuerUnknown => "issuer-unknown",
            Self::KeyUnknown => "key-unknown",
            Self::KeyNotValid => "key-not-valid",
            Self::SignatureInvalid => "signature-invalid",
            Self::CredentialTooLong => "credential-too-long",
            Self::CredentialNotYetValid => "credential-not-yet-valid",
            Self::CredentialExpired => "credential-expired",
            Self::DateImpossible => "date-impossible",
            Self::ClockBehind => "clock-behind",
            Self::SchemaInvalid => "schema-invalid",
            Self::KeyUsageInvalid => "key-usage-invalid",
            Self::ProofInvalid => "proof-invalid",
            Self::ProofStale => "proof-stale",
            Self::ProofReplayed => "proof-replayed",
            Self::RulesOutdated => "rules-outdated",
            Self::PolicyError => "policy-error",
            Self::CodeYellow => "code-yellow",
            Self::CodeRed => "code-red",
            Self::Revoked => "revoked",
            Self::TestMissing => "test-missing",
            Self::TestTooOld => "test-too-old",
            Self::TestPositive => "test-positive",
            Self::VaccinationIncomplete => "vaccination-incomplete",
            Self::RuleFailed => "rule-failed",
            Self::ColourOverride => "colour-override",
            Self::RulesStale => "rules-stale",
        }
    }

    /// The reason with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The colour this reason forces, at least. Venue-policy reasons force
    /// none: their rule says the colour.
    pub fn colour(self) -> Colour {
        match self {
            Self::CodeYellow => Colour::Yellow,
            Self::CodeRed | Self::Revoked => Colour::Red,
            Self::TestMissing
            | Self::TestTooOld
            | Self::TestPositive
            | Self::VaccinationIncomplete
            | Self::RuleFailed
            | Self::ColourOverride
            | Self::RulesStale => Colour::Green,
            _ => Colour::Grey,
        }
    }

    /// Whether a venue rule may give this reason.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            Self::TestMissing
                | Self::TestTooOld
                | Self::TestPositive
                | Self::VaccinationIncomplete
                | Self::RuleFailed
        )
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Self::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("`{key}` is not a reason key")))
    }
}

/// Whose rule it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// The venue policy of the rule bundle.
    Venue,
    /// An EU DCC Acceptance rule of the venue's country.
    Acceptance,
    /// An EU DCC Invalidation rule of the issuing country.
    Invalidation,
}

/// A rule that did not hold, named so a person can be told which and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedRule {
    /// The rule's identifier, e.g. `VR-DE-0001`.
    pub id: String,
    pub version: String,
    pub kind: RuleKind,
    /// The country whose rule it is (EU DCC country rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// `true` when the rule could not be evaluated (an error, an answer
    /// that is not a boolean, a schema or engine version it was not
    /// written for); `false` when it evaluated to false.
    pub open: bool,
    /// The rule's own descriptions, `(language, text)`.
    #[serde(skip)]
    pub descriptions: Vec<(String, String)>,
}

impl FailedRule {
    /// The description in the first of `langs` the rule has one in (a
    /// language tag matches exactly, else by its primary language: `de`
    /// for `de-AT`, `zh` for `zh-CN`), else in English, else the first.
    pub fn description(&self, langs: &[&str]) -> Option<&str> {
        let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        let find = |lang: &str| {
            self.descriptions
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(lang))
                .or_else(|| {
                    self.descriptions
                        .iter()
                        .find(|(l, _)| primary(l) == primary(lang))
                })
        };
        langs
            .iter()
            .chain(&["en"])
            .find_map(|l| find(l))
            .or_else(|| self.descriptions.first())
            .map(|(_, d)| d.as_str())
    }
}

/// A colour with the reasons for it, and the rules that did not hold.
/// Green has no reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub colour: Colour,
    pub reasons: Vec<Reason>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<FailedRule>,
}

impl Verdict {
    /// A verdict from its reasons: the most severe colour among them, green
    /// when there are none (grey outranks red: an unverified code decides nothing).
    pub fn from_reasons(reasons: Vec<Reason>) -> Self {
        Self::with_floor(Colour::Green, reasons)
    }

    /// A verdict at least as severe as `floor` (the colour venue rules asked
    /// for) and as its reasons.
    pub fn with_floor(floor: Colour, mut reasons: Vec<Reason>) -> Self {
        reasons.sort_unstable();
        reasons.dedup();
        let colour = reasons.iter().map(|r| r.colour()).fold(floor, Colour::max);
        Self {
            colour,
            reasons,
            rules: Vec::new(),
        }
    }

    /// The same verdict, naming the rules that did not hold.
    #[must_use]
    pub fn with_rules(mut self, rules: Vec<FailedRule>) -> Self {
        self.rules = rules;
        self
    }

    /// A grey verdict for one reason.
    pub fn grey(reason: Reason) -> Self {
        Self::from_reasons(vec![reason])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_kebab_case() {
        let mut keys: Vec<_> = Reason::ALL.iter().map(|r| r.key()).collect();
        assert!(
            keys.iter()
                .all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Reason::ALL.len());
    }

    #[test]
    fn one_encoding_per_colour_round_trips() {
        for c in Colour::ALL {
            assert_eq!(Colour::from_name(c.as_str()), Some(c));
        }
        for c in CodeColour::ALL {
            assert_eq!(CodeColour::from_wire(u64::from(c.wire())), Some(c));
        }
        assert_eq!(CodeColour::from_wire(3), None);
        assert_eq!(Colour::from_name("blue"), None);
    }

    #[test]
    fn severity() {
        assert_eq!(Verdict::from_reasons(vec![]).colour, Colour::Green);
        assert_eq!(
            Verdict::from_reasons(vec![Reason::CodeYellow]).colour,
            Colour::Yellow
        );
        assert_eq!(
            Verdict::from_reasons(vec![Reason::CodeYellow, Reason::CodeRed]).colour,
            Colour::Red
        );
        assert_eq!(
            Verdict::from_reasons(vec![Reason::CodeRed, Reason::ProofStale]).colour,
            Colour::Grey
        );
    }
}
