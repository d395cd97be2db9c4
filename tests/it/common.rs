//! Fixtures shared by the tests: one authority, one device, holders.

use std::path::PathBuf;
use std::sync::OnceLock;

use healthgate::authority::{self, HolderRecord, HolderTest, HolderVaccination, IssuerKey};
use healthgate::bundle::active::ActiveRules;
use healthgate::code::native::{Presentation, SignedCredential};
use healthgate::code::trust::{TrustList, TrustedKey};
use healthgate::code::{DocumentType, Options, TestResult};
use healthgate::crypto::PrivateKey;
use healthgate::gate::{Checked, Gate, Rules};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;

/// 2026-11-26T08:30:00Z.
pub const T0: UnixTime = UnixTime(1_795_681_800);

pub struct Fixture {
    pub issuer: IssuerKey,
    pub device: PrivateKey,
    pub trust: TrustList,
}

pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let issuer = IssuerKey {
            issuer: "TEST-AUTHORITY".into(),
            key: PrivateKey::generate().unwrap(),
        };
        let mut trust = TrustList::default();
        trust.insert(TrustedKey::native(&issuer.issuer, issuer.key.public()));
        Fixture {
            issuer,
            device: PrivateKey::generate().unwrap(),
            trust,
        }
    })
}

/// The holder whose full name and ID must never appear anywhere.
pub const FULL_NAME: &str = "欧阳建国";
pub const FULL_ID: &str = "440106198512254321";

pub fn holder(colour: CodeColour) -> HolderRecord {
    HolderRecord {
        name: FULL_NAME.into(),
        id_number: FULL_ID.into(),
        document: DocumentType::IdCard,
        colour,
        colour_since: Some(T0.plus(-3600)),
        language: Some("zh-CN".into()),
        test: Some(HolderTest {
            sampled_at: T0.plus(-20 * 3600),
            result: TestResult::Negative,
        }),
        vaccination: Some(HolderVaccination {
            doses: 3,
            vaccine: "SINOVAC".into(),
            last_dose: 19_000,
        }),
        validity_hours: None,
    }
}

pub fn issue(colour: CodeColour, at: UnixTime) -> SignedCredential {
    let f = fixture();
    authority::issue(&holder(colour), &f.issuer, &f.device.public(), at).unwrap()
}

pub fn code(colour: CodeColour, at: UnixTime) -> Presentation {
    authority::present(&issue(colour, at), &fixture().device, at).unwrap()
}

/// A door that trusts `trust` and has no rule bundle, no replay memory and
/// no records: the code and its issuer's colour alone decide.
pub fn bare_gate(trust: &TrustList, options: Options) -> Gate {
    let mut active = ActiveRules::empty();
    active.add_trust(trust);
    Gate::new(Rules::from_active(active), options, "test", "general").without_replay()
}

/// Checks a code against the fixture's trust list alone.
pub fn check(text: &str, now: UnixTime) -> Checked {
    check_with(text, &fixture().trust, now, Options::default())
}

/// Checks a code against `trust` alone.
pub fn check_with(text: &str, trust: &TrustList, now: UnixTime, options: Options) -> Checked {
    bare_gate(trust, options).check(text, now)
}

/// The shared test data folder: `HEALTHGATE_TESTDATA`, default
/// `../shared/testdata` beside the project. In CI a missing folder fails the
/// test; elsewhere the test is skipped with a visible message.
pub fn testdata() -> Option<PathBuf> {
    let dir = std::env::var_os("HEALTHGATE_TESTDATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata"),
        PathBuf::from,
    );
    if dir.join("SOURCES.md").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "test data folder {} is missing (set HEALTHGATE_TESTDATA)",
        dir.display()
    );
    eprintln!("SKIPPED: test data folder {} is missing", dir.display());
    None
}

/// The record of a checked code, as a door writes it.
pub fn record_of_checked(
    c: &Checked,
    at: UnixTime,
    kiosk: &str,
    venue: &str,
    bundle_version: Option<u64>,
    key: &healthgate::records::HolderKey,
) -> healthgate::records::Record {
    healthgate::records::Record::of(
        &healthgate::records::Checked {
            format: c.format,
            issuer: c.issuer.as_deref(),
            credential: c.credential.as_ref(),
            verdict: &c.verdict,
        },
        &healthgate::records::Door {
            kiosk,
            venue,
            at,
            bundle_version,
        },
        key,
    )
}

/// The EU business rules of `sets` (e.g. `["DE"]`, the folders of
/// `certlogic/business-rules`) and the EU value sets, from the shared test
/// data, as a rule bundle carries them.
pub fn eu_country_rules(
    data: &std::path::Path,
    sets: &[&str],
) -> healthgate::rules::country::CountryRules {
    use healthgate::rules::country::CountryRules;
    let root = data.join("certlogic/business-rules");
    let mut rules = Vec::new();
    for set in sets {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join(set))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("rule.json").is_file())
            .collect();
        dirs.sort();
        for dir in dirs {
            let text = std::fs::read_to_string(dir.join("rule.json")).unwrap();
            rules.extend(CountryRules::rules_from_json(&text).unwrap());
        }
    }
    let text = std::fs::read_to_string(root.join("valuesets/valueSets.json")).unwrap();
    CountryRules {
        rules,
        value_sets: CountryRules::value_sets_from_json(&text).unwrap(),
    }
}
