//! The clips the kiosk can say, and which of them a verdict says.
//!
//! A verdict is spoken as its colour's chime, then a short sequence of
//! clips: the colour, what the person can do about it, and "please see
//! staff" when only staff can help. The clips are person-facing: the grey
//! reasons, which are technical, are grouped into a few sentences a person
//! can act on ("Code not recognised, please try again", "Please show the
//! live code on your phone, not a screenshot", ...).
//!
//! Some reasons are deliberately not spoken, only shown: a positive test
//! is health data that people nearby in a queue should not hear (the
//! verdict says red and "please see staff"); `rules-stale` and
//! `policy-error` are for staff.

use crate::verdict::{Colour, Reason, Verdict};

/// One spoken sentence; its key names the message in `i18n/<lang>/voice.ftl`
/// and the file `assets/voice/<lang>/<key>.ogg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clip {
    /// "Green code, please go ahead."
    Green,
    /// "Yellow code."
    Yellow,
    /// "Red code, please do not enter."
    Red,
    /// "Your code could not be checked." (grey with no more specific clip)
    Grey,
    /// "Please see staff."
    SeeStaff,
    /// "Please show your code." (the idle prompt, not part of a verdict)
    Prompt,
    /// "Code not recognised, please try again."
    NotRecognised,
    /// "Please show the live code on your phone, not a screenshot."
    ShowLiveCode,
    /// "This code has expired, please refresh it on your phone."
    CodeExpired,
    /// "This code cannot be verified."
    NotVerified,
    /// "This kiosk cannot check codes right now."
    KioskUnavailable,
    /// "This place needs a test result."
    TestMissing,
    /// "Your test is too old for this place." (no number of hours: venues differ)
    TestTooOld,
    /// "Your vaccination is not enough for this place."
    VaccinationIncomplete,
    /// "This code has been withdrawn."
    Revoked,
    /// "The colour of your code has changed."
    ColourChanged,
    /// "Please hold your code still." (aiming: a code seen, not read yet)
    AimHoldStill,
    /// "Please bring your code closer." (aiming)
    AimMoveCloser,
    /// "Please tilt your code away from the glare." (aiming)
    AimGlare,
}

impl Clip {
    /// Every clip, in the order of `voice.ftl`.
    pub const ALL: [Self; 19] = [
        Self::Green,
        Self::Yellow,
        Self::Red,
        Self::Grey,
        Self::SeeStaff,
        Self::Prompt,
        Self::NotRecognised,
        Self::ShowLiveCode,
        Self::CodeExpired,
        Self::NotVerified,
        Self::KioskUnavailable,
        Self::TestMissing,
        Self::TestTooOld,
        Self::VaccinationIncomplete,
        Self::Revoked,
        Self::ColourChanged,
        Self::AimHoldStill,
        Self::AimMoveCloser,
        Self::AimGlare,
    ];

    /// The stable key, e.g. `test-too-old`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
            Self::Grey => "grey",
            Self::SeeStaff => "see-staff",
            Self::Prompt => "prompt",
            Self::NotRecognised => "not-recognised",
            Self::ShowLiveCode => "show-live-code",
            Self::CodeExpired => "code-expired",
            Self::NotVerified => "not-verified",
            Self::KioskUnavailable => "kiosk-unavailable",
            Self::TestMissing => "test-missing",
            Self::TestTooOld => "test-too-old",
            Self::VaccinationIncomplete => "vaccination-incomplete",
            Self::Revoked => "revoked",
            Self::ColourChanged => "colour-changed",
            Self::AimHoldStill => "aim-hold-still",
            Self::AimMoveCloser => "aim-move-closer",
            Self::AimGlare => "aim-glare",
        }
    }

    /// The clip with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The clip that names a verdict colour.
    pub fn for_colour(colour: Colour) -> Self {
        match colour {
            Colour::Green => Self::Green,
            Colour::Yellow => Self::Yellow,
            Colour::Red => Self::Red,
            Colour::Grey => Self::Grey,
        }
    }

    /// Whether this clip already tells the person what to do, so that
    /// "please see staff" need not follow it.
    fn is_self_contained(self) -> bool {
        matches!(
            self,
            Self::Green
                | Self::Prompt
                | Self::NotRecognised
                | Self::ShowLiveCode
                | Self::CodeExpired
                | Self::AimHoldStill
                | Self::AimMoveCloser
                | Self::AimGlare
        )
    }
}

/// The most reason clips one verdict says (besides its colour and "see
/// staff"): a person at a door listens to two sentences, not five.
pub const MAX_REASON_CLIPS: usize = 2;

/// The clip a reason adds to a spoken verdict, if any. Grey reasons map to
/// a few grouped, person-facing clips; reasons that are not spoken map to
/// `None` (see the module documentation).
pub fn reason_clip(reason: Reason) -> Option<Clip> {
    match reason {
        Reason::Malformed | Reason::FormatUnsupported | Reason::VersionUnsupported => {
            Some(Clip::NotRecognised)
        }
        Reason::ProofMissing
        | Reason::ProofInvalid
        | Reason::ProofStale
        | Reason::ProofReplayed => Some(Clip::ShowLiveCode),
        Reason::CredentialExpired => Some(Clip::CodeExpired),
        Reason::IssuerUnknown
        | Reason::KeyUnknown
        | Reason::KeyNotValid
        | Reason::SignatureInvalid
        | Reason::CredentialTooLong
        | Reason::CredentialNotYetValid
        | Reason::DateImpossible
        | Reason::SchemaInvalid
        | Reason::KeyUsageInvalid => Some(Clip::NotVerified),
        Reason::RulesOutdated | Reason::ClockBehind => Some(Clip::KioskUnavailable),
        Reason::Revoked => Some(Clip::Revoked),
        Reason::ColourOverride => Some(Clip::ColourChanged),
        Reason::TestMissing => Some(Clip::TestMissing),
        Reason::TestTooOld => Some(Clip::TestTooOld),
        Reason::VaccinationIncomplete => Some(Clip::VaccinationIncomplete),
        Reason::TestPositive
        | Reason::CodeYellow
        | Reason::CodeRed
        | Reason::RuleFailed
        | Reason::PolicyError
        | Reason::RulesStale => None,
    }
}

/// Which grey clip wins when a grey verdict has several reasons: the kiosk's
/// own problem first (nothing the person does helps), then what the person
/// can fix on their phone, then the rest.
const GREY_ORDER: [Clip; 5] = [
    Clip::KioskUnavailable,
    Clip::ShowLiveCode,
    Clip::CodeExpired,
    Clip::NotRecognised,
    Clip::NotVerified,
];

/// The order of reason clips in a yellow or red verdict: why the code
/// itself is not accepted, then what the venue asks for.
const ACT_ORDER: [Clip; 5] = [
    Clip::Revoked,
    Clip::ColourChanged,
    Clip::TestMissing,
    Clip::TestTooOld,
    Clip::VaccinationIncomplete,
];

/// The clips a verdict is spoken as, in order (the chime comes before them
/// and is the player's business):
///
/// - green: "Green code, please go ahead." Nothing else: a person who may
///   pass needs no reasons.
/// - yellow, red: the colour, up to [`MAX_REASON_CLIPS`] clips for the
///   reasons a person must act on, then "Please see staff."
/// - grey: the one grouped clip for its most relevant reason ("Code not
///   recognised, please try again"), followed by "Please see staff." when
///   that clip gives the person nothing to do; with no such reason, "Your
///   code could not be checked. Please see staff."
pub fn clips_for(verdict: &Verdict) -> Vec<Clip> {
    let mentioned: Vec<Clip> = verdict
        .reasons
        .iter()
        .filter_map(|r| reason_clip(*r))
        .collect();
    match verdict.colour {
        Colour::Green => vec![Clip::Green],
        Colour::Yellow | Colour::Red => {
            let mut clips = vec![Clip::for_colour(verdict.colour)];
            clips.extend(
                ACT_ORDER
                    .into_iter()
                    .filter(|c| mentioned.contains(c))
                    .take(MAX_REASON_CLIPS),
            );
            clips.push(Clip::SeeStaff);
            clips
        }
        Colour::Grey => {
            let main = GREY_ORDER
                .into_iter()
                .find(|c| mentioned.contains(c))
                .unwrap_or(Clip::Grey);
            if main.is_self_contained() {
                vec![main]
            } else {
                vec![main, Clip::SeeStaff]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(colour: Colour, reasons: &[Reason]) -> Vec<&'static str> {
        let verdict = Verdict::with_floor(colour, reasons.to_vec());
        clips_for(&verdict).into_iter().map(Clip::key).collect()
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        for clip in Clip::ALL {
            assert_eq!(Clip::from_key(clip.key()), Some(clip));
        }
        let mut keys: Vec<_> = Clip::ALL.iter().map(|c| c.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Clip::ALL.len());
        assert_eq!(Clip::from_key("nope"), None);
    }

    #[test]
    fn green_says_go_ahead_only() {
        assert_eq!(says(Colour::Green, &[]), ["green"]);
        assert_eq!(says(Colour::Green, &[Reason::RulesStale]), ["green"]);
    }

    #[test]
    fn yellow_and_red_say_colour_reasons_then_staff() {
        assert_eq!(
            says(Colour::Green, &[Reason::CodeYellow]),
            ["yellow", "see-staff"]
        );
        assert_eq!(
            says(Colour::Yellow, &[Reason::TestTooOld]),
            ["yellow", "test-too-old", "see-staff"]
        );
        assert_eq!(
            says(Colour::Yellow, &[Reason::TestMissing]),
            ["yellow", "test-missing", "see-staff"]
        );
        assert_eq!(
            says(Colour::Green, &[Reason::CodeRed, Reason::Revoked]),
            ["red", "revoked", "see-staff"]
        );
        assert_eq!(
            says(Colour::Red, &[Reason::ColourOverride, Reason::CodeRed]),
            ["red", "colour-changed", "see-staff"]
        );
        assert_eq!(
            says(Colour::Yellow, &[Reason::VaccinationIncomplete]),
            ["yellow", "vaccination-incomplete", "see-staff"]
        );
    }

    #[test]
    fn at_most_two_reason_clips() {
        let clips = says(
            Colour::Red,
            &[
                Reason::Revoked,
                Reason::ColourOverride,
                Reason::TestTooOld,
                Reason::VaccinationIncomplete,
            ],
        );
        assert_eq!(clips, ["red", "revoked", "colour-changed", "see-staff"]);
    }

    #[test]
    fn a_positive_test_is_not_said_aloud() {
        assert_eq!(
            says(Colour::Red, &[Reason::TestPositive]),
            ["red", "see-staff"]
        );
    }

    #[test]
    fn grey_reasons_are_grouped_into_person_facing_clips() {
        for r in [
            Reason::Malformed,
            Reason::FormatUnsupported,
            Reason::VersionUnsupported,
        ] {
            assert_eq!(says(Colour::Green, &[r]), ["not-recognised"], "{r}");
        }
        for r in [
            Reason::ProofMissing,
            Reason::ProofInvalid,
            Reason::ProofStale,
            Reason::ProofReplayed,
        ] {
            assert_eq!(says(Colour::Green, &[r]), ["show-live-code"], "{r}");
        }
        assert_eq!(
            says(Colour::Green, &[Reason::CredentialExpired]),
            ["code-expired"]
        );
        for r in [
            Reason::IssuerUnknown,
            Reason::KeyUnknown,
            Reason::KeyNotValid,
            Reason::SignatureInvalid,
            Reason::CredentialTooLong,
            Reason::CredentialNotYetValid,
        ] {
            assert_eq!(
                says(Colour::Green, &[r]),
                ["not-verified", "see-staff"],
                "{r}"
            );
        }
        assert_eq!(
            says(Colour::Green, &[Reason::RulesOutdated]),
            ["kiosk-unavailable", "see-staff"]
        );
        assert_eq!(
            says(Colour::Green, &[Reason::PolicyError]),
            ["grey", "see-staff"]
        );
        assert_eq!(says(Colour::Grey, &[]), ["grey", "see-staff"]);
    }

    #[test]
    fn grey_picks_the_most_relevant_reason() {
        // The kiosk's own problem outranks the code's.
        assert_eq!(
            says(
                Colour::Green,
                &[Reason::ProofReplayed, Reason::RulesOutdated]
            ),
            ["kiosk-unavailable", "see-staff"]
        );
        // What the person can fix on the phone outranks the rest.
        assert_eq!(
            says(
                Colour::Green,
                &[Reason::SignatureInvalid, Reason::ProofStale]
            ),
            ["show-live-code"]
        );
        assert_eq!(
            says(Colour::Green, &[Reason::CredentialExpired, Reason::CodeRed]),
            ["code-expired"]
        );
    }

    #[test]
    fn every_clip_but_the_prompt_and_aiming_is_said_by_some_verdict() {
        let mut said = std::collections::BTreeSet::new();
        for colour in [Colour::Green, Colour::Yellow, Colour::Red, Colour::Grey] {
            said.extend(clips_for(&Verdict::with_floor(colour, vec![])));
            for r in Reason::ALL {
                said.extend(clips_for(&Verdict::with_floor(colour, vec![r])));
            }
        }
        let unsaid: Vec<_> = Clip::ALL
            .into_iter()
            .filter(|c| !said.contains(c))
            .collect();
        assert_eq!(
            unsaid,
            [
                Clip::Prompt,
                Clip::AimHoldStill,
                Clip::AimMoveCloser,
                Clip::AimGlare
            ]
        );
    }

    #[test]
    fn every_verdict_is_short() {
        for colour in [Colour::Green, Colour::Yellow, Colour::Red, Colour::Grey] {
            let all = Verdict::with_floor(colour, Reason::ALL.to_vec());
            assert!(clips_for(&all).len() <= 2 + MAX_REASON_CLIPS);
            for r in Reason::ALL {
                let clips = clips_for(&Verdict::with_floor(colour, vec![r]));
                assert!(!clips.is_empty() && clips.len() <= 2 + MAX_REASON_CLIPS);
            }
        }
    }
}
