//! The rule bundle: format, source folder, store, policies.

use std::path::Path;

use healthgate::bundle::active::{self, ActiveRules, DEFAULT_BUNDLE, RulesProblem};
use healthgate::bundle::format::{Bundle, BundleError};
use healthgate::bundle::source;
use healthgate::bundle::store::{Slot, Store, StoreError};
use healthgate::code::Options;
use healthgate::crypto::PrivateKey;
use healthgate::gate::{Gate, Rules};
use healthgate::rules::Override;
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;
use healthgate::verdict::{Colour, Reason};

use super::common::{T0, fixture};

pub fn source_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/bundle-source")
}

/// The shipped policies, with the test fixture's issuer as the only issuer.
pub fn test_bundle(version: u64, issued_at: UnixTime) -> Bundle {
    let mut b = source::read_source(&source_dir(), issued_at).unwrap();
    let f = fixture();
    b.version = version;
    b.warn_age_secs = 24 * 3600;
    b.max_age_secs = 72 * 3600;
    b.issuers = vec![healthgate::bundle::format::IssuerEntry {
        issuer: f.issuer.issuer.clone(),
        public_key: f.issuer.key.public().to_compressed(),
        not_before: None,
        not_after: None,
    }];
    b
}

pub fn root() -> &'static PrivateKey {
    static ROOT: std::sync::OnceLock<PrivateKey> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| PrivateKey::generate().unwrap())
}

fn with_overrides(mut b: Bundle, n: usize) -> Bundle {
    b.overrides = (0..n)
        .map(|i| {
            let mut id = [0u8; 16];
            id[..8].copy_from_slice(&(i as u64).to_be_bytes());
            Override {
                credential_id: id,
                colour: CodeColour::Red,
                since: T0,
            }
        })
        .collect();
    b.normalise().unwrap();
    b
}

#[test]
fn sign_and_open_round_trip() {
    let b = with_overrides(test_bundle(3, T0), 100);
    let file = b.sign(root()).unwrap();
    let opened = Bundle::open(&file, &root().public()).unwrap();
    assert_eq!(opened, b);
    let other = PrivateKey::generate().unwrap();
    assert!(matches!(
        Bundle::open(&file, &other.public()),
        Err(BundleError::WrongKey { .. })
    ));
}

#[test]
fn every_damage_is_refused() {
    let file = with_overrides(test_bundle(3, T0), 20).sign(root()).unwrap();
    let key = root().public();
    // Cut short at every length.
    for n in 0..file.len() {
        assert!(Bundle::open(&file[..n], &key).is_err(), "cut at {n}");
    }
    // One byte changed anywhere.
    for i in 0..file.len() {
        let mut m = file.clone();
        m[i] ^= 0x20;
        assert!(Bundle::open(&m, &key).is_err(), "byte {i}");
    }
    let mut longer = file.clone();
    longer.push(0);
    assert!(Bundle::open(&longer, &key).is_err());
    assert!(Bundle::open(b"", &key).is_err());
    assert!(Bundle::open(b"<html>404</html>", &key).is_err());
}

#[test]
fn the_shipped_bundle_is_the_shipped_source() {
    let root = active::root_key(None).unwrap();
    let shipped = Bundle::open(DEFAULT_BUNDLE, &root)
        .expect("the shipped bundle opens with the DEMO root key");
    let from_source = source::read_source(&source_dir(), shipped.issued_at).unwrap();
    assert_eq!(
        shipped, from_source,
        "assets/default-bundle.hgb is stale: re-sign it (docs/bundle.md)"
    );
    assert_eq!(shipped.authority, active::DEMO_AUTHORITY);
    for venue in ["general", "hospital", "airport", "school"] {
        assert!(shipped.policies.venues.contains_key(venue), "{venue}");
    }
}

fn write_source(dir: &Path, edit: impl Fn(&Path)) {
    let src = source_dir();
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    for f in [
        "bundle.toml",
        "issuers.toml",
        "venues.toml",
        "overrides.csv",
        "revoked.csv",
    ] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    for e in std::fs::read_dir(src.join("policies")).unwrap().flatten() {
        std::fs::copy(e.path(), dir.join("policies").join(e.file_name())).unwrap();
    }
    edit(dir);
}

#[test]
fn source_errors_point_at_the_line() {
    type Edit = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "bad toml",
            Box::new(|d: &Path| {
                std::fs::write(
                    d.join("bundle.toml"),
                    "authority = \"X\"\nversion = \"two\"\n",
                )
                .unwrap();
            }),
            "bundle.toml line 2",
        ),
        (
            "bad csv",
            Box::new(|d: &Path| {
                std::fs::write(d.join("overrides.csv"), "credential_id,colour,since\n# a comment\n00112233445566778899aabbccddeeff,purple,2026-11-26T00:00:00Z\n").unwrap();
            }),
            "overrides.csv line 3",
        ),
        (
            "short id",
            Box::new(|d: &Path| {
                std::fs::write(d.join("revoked.csv"), "credential_id\n0011\n").unwrap();
            }),
            "revoked.csv line 2",
        ),
        (
            "duplicate override",
            Box::new(|d: &Path| {
                std::fs::write(d.join("overrides.csv"), "credential_id,colour,since\n00112233445566778899aabbccddeeff,red,2026-11-26T00:00:00Z\n00112233445566778899aabbccddeeff,green,2026-11-26T00:00:00Z\n").unwrap();
            }),
            "two overrides",
        ),
        (
            "json syntax",
            Box::new(|d: &Path| {
                std::fs::write(
                    d.join("policies/HG-TEST-24H.json"),
                    "{\n  \"Identifier\": \"X\",\n  oops\n}",
                )
                .unwrap();
            }),
            "policies/HG-TEST-24H.json line 3",
        ),
        (
            "missing language",
            Box::new(|d: &Path| {
                let p = d.join("policies/HG-TEST-24H.json");
                let mut v: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                v["Description"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|d| d["lang"] != "th");
                std::fs::write(&p, v.to_string()).unwrap();
            }),
            "`th`",
        ),
        (
            "unknown rule",
            Box::new(|d: &Path| {
                std::fs::write(d.join("venues.toml"), "hospital = [\"NOPE\"]\n").unwrap();
            }),
            "NOPE",
        ),
        (
            "bad outcome",
            Box::new(|d: &Path| {
                let p = d.join("policies/HG-TEST-24H.json");
                let t = std::fs::read_to_string(&p)
                    .unwrap()
                    .replace("test-too-old", "too-bad");
                std::fs::write(&p, t).unwrap();
            }),
            "too-bad",
        ),
        (
            "bad key",
            Box::new(|d: &Path| {
                std::fs::write(
                    d.join("issuers.toml"),
                    "[[issuer]]\nid = \"X\"\npublic_key = \"02ff\"\n",
                )
                .unwrap();
            }),
            "issuers.toml, issuer #1",
        ),
    ];
    for (name, edit, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        write_source(dir.path(), edit);
        let err = source::read_source(dir.path(), T0).expect_err(name);
        assert!(err.to_string().contains(want), "{name}: {err}");
    }
}

#[test]
fn store_installs_keeps_previous_and_refuses_older() {
    let mut store = Store::in_memory().unwrap();
    let key = root().public();
    let b1 = with_overrides(test_bundle(1, T0), 10);
    let b2 = with_overrides(test_bundle(2, T0), 20);
    store.install(&b1.sign(root()).unwrap(), &b1, T0).unwrap();
    store.install(&b2.sign(root()).unwrap(), &b2, T0).unwrap();
    assert_eq!(store.summary(Slot::Current).unwrap().unwrap().version, 2);
    assert_eq!(store.summary(Slot::Previous).unwrap().unwrap().version, 1);
    for v in [1, 2] {
        let b = test_bundle(v, T0);
        assert!(matches!(
            store.install(&b.sign(root()).unwrap(), &b, T0),
            Err(StoreError::NotNewer { .. })
        ));
    }
    let current = store.load(Slot::Current, &key).unwrap().unwrap();
    assert_eq!(current.bundle.overrides.len(), 20);
    let hit = store
        .override_for(current.id, &b2.overrides[5].credential_id)
        .unwrap();
    assert_eq!(hit.unwrap().colour, CodeColour::Red);
    assert!(
        store
            .override_for(current.id, &[0xee; 16])
            .unwrap()
            .is_none()
    );
    assert!(store.roll_back().unwrap());
    assert_eq!(store.summary(Slot::Current).unwrap().unwrap().version, 1);
    assert!(store.summary(Slot::Previous).unwrap().is_none());
    assert!(!store.roll_back().unwrap());
}

#[test]
fn a_failure_mid_install_leaves_the_old_bundle_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.sqlite");
    let key = root().public();
    let b1 = with_overrides(test_bundle(1, T0), 1000);
    {
        let mut store = Store::open(&path).unwrap();
        store.install(&b1.sign(root()).unwrap(), &b1, T0).unwrap();
        // The disk fills up at the 500th row of the next install.
        store
            .connection()
            .execute_batch(
                "CREATE TRIGGER full AFTER INSERT ON overrides
                 WHEN (SELECT count(*) FROM overrides) > 1500
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
            )
            .unwrap();
        let b2 = with_overrides(test_bundle(2, T0), 1000);
        let err = store
            .install(&b2.sign(root()).unwrap(), &b2, T0)
            .unwrap_err();
        assert!(err.to_string().contains("full"), "{err}");
    }
    let mut store = Store::open(&path).unwrap();
    let current = store.load(Slot::Current, &key).unwrap().unwrap();
    assert_eq!(current.bundle.version, 1);
    assert_eq!(current.bundle.overrides.len(), 1000);
    assert!(store.summary(Slot::Previous).unwrap().is_none());
}

#[test]
fn a_tampered_store_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.sqlite");
    let key = root().public();
    let b1 = with_overrides(test_bundle(1, T0), 10);
    let b2 = with_overrides(test_bundle(2, T0), 10);
    let mut store = Store::open(&path).unwrap();
    store.install(&b1.sign(root()).unwrap(), &b1, T0).unwrap();
    store.install(&b2.sign(root()).unwrap(), &b2, T0).unwrap();
    // Deleted override rows are rebuilt from the signed file.
    store
        .connection()
        .execute("DELETE FROM overrides", [])
        .unwrap();
    let current = store.load(Slot::Current, &key).unwrap().unwrap();
    assert!(
        store
            .override_for(current.id, &b2.overrides[0].credential_id)
            .unwrap()
            .is_some()
    );
    // An edited bundle file is refused, and the previous bundle takes over.
    store
        .connection()
        .execute("UPDATE bundles SET file = CAST(substr(file, 1, 100) || x'00' || substr(file, 102) AS BLOB) WHERE slot = 'current'", [])
        .unwrap();
    assert!(store.load(Slot::Current, &key).is_err());
    drop(store);
    let rules = ActiveRules::open(&path, &key, T0);
    assert_eq!(rules.bundle.as_ref().unwrap().version, 1);
    assert!(
        rules
            .problems
            .iter()
            .any(|p| matches!(p, RulesProblem::Store(StoreError::Changed(Slot::Current)))),
        "{:?}",
        rules.problems
    );
}

#[test]
fn a_newer_schema_is_refused_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }));
    assert!(err.to_string().contains("refusing to guess"));
    let rules = ActiveRules::open(&path, &active::root_key(None).unwrap(), T0);
    assert!(
        rules.problems.iter().any(|p| matches!(
            p,
            RulesProblem::Store(StoreError::NewerSchema { found: 99, .. })
        )),
        "{:?}",
        rules.problems
    );
    // The database itself is left as it was.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_first_boot_installs_the_shipped_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.sqlite");
    let root = active::root_key(None).unwrap();
    let rules = ActiveRules::open(&path, &root, T0);
    assert!(rules.problems.is_empty(), "{:?}", rules.problems);
    assert!(rules.is_demo());
    // A demo code checks with no network at all.
    let scenes = healthgate::demo::scenes(T0).unwrap();
    let gate = Gate::new(
        Rules::from_active(rules),
        Options::default(),
        "k",
        "general",
    );
    let out = gate.check(&scenes[0].text, T0);
    assert_eq!(out.verdict.colour, Colour::Green);
    // A kiosk pinned to another root key does not take the DEMO bundle.
    let other = PrivateKey::generate().unwrap().public();
    let rules = ActiveRules::open(&dir.path().join("other.sqlite"), &other, T0);
    assert!(rules.bundle.is_none());
    assert!(
        rules
            .problems
            .iter()
            .any(|p| matches!(p, RulesProblem::NoBundle(BundleError::WrongKey { .. }))),
        "{:?}",
        rules.problems
    );
}

/// A door deciding with `bundle` (no replay memory: tests present a code more than once).
fn rules_with(bundle: &Bundle) -> Gate {
    let rules = ActiveRules::from_file(&bundle.sign(root()).unwrap(), &root().public()).unwrap();
    assert!(rules.problems.is_empty(), "{:?}", rules.problems);
    Gate::new(
        Rules::from_active(rules),
        Options::default(),
        "k",
        "general",
    )
    .without_replay()
}

fn check_at(
    rules: &Gate,
    colour: CodeColour,
    tested_hours_ago: Option<i64>,
    positive: bool,
    venue: &str,
    now: UnixTime,
) -> (Colour, Vec<Reason>, [u8; 16]) {
    let f = fixture();
    let mut h = super::common::holder(colour);
    match tested_hours_ago {
        None => h.test = None,
        Some(hours) => {
            let t = h.test.as_mut().unwrap();
            t.sampled_at = T0.plus(-hours * 3600);
            t.result = if positive {
                healthgate::code::TestResult::Positive
            } else {
                healthgate::code::TestResult::Negative
            };
        }
    }
    let signed = healthgate::authority::issue(&h, &f.issuer, &f.device.public(), T0).unwrap();
    let id = healthgate::code::native::decode_payload(&signed.payload)
        .unwrap()
        .claims
        .id;
    let text = healthgate::authority::present(&signed, &f.device, now)
        .unwrap()
        .to_text()
        .unwrap();
    let out = rules.check_at(&text, venue, now);
    (out.verdict.colour, out.verdict.reasons, id)
}

#[test]
fn venue_policies() {
    let rules = rules_with(&test_bundle(1, T0));
    let g = CodeColour::Green;
    let at = T0.plus(60);
    assert_eq!(
        check_at(&rules, g, Some(20), false, "hospital", at).0,
        Colour::Green
    );
    assert_eq!(
        check_at(&rules, g, Some(47), false, "hospital", at).0,
        Colour::Green
    );
    let (c, r, _) = check_at(&rules, g, Some(49), false, "hospital", at);
    assert_eq!((c, r), (Colour::Yellow, vec![Reason::TestTooOld]));
    let (c, r, _) = check_at(&rules, g, Some(23), false, "airport", at);
    assert_eq!((c, r), (Colour::Green, vec![]));
    let (c, r, _) = check_at(&rules, g, Some(25), false, "airport", at);
    assert_eq!((c, r), (Colour::Yellow, vec![Reason::TestTooOld]));
    let (c, r, _) = check_at(&rules, g, None, false, "hospital", at);
    assert_eq!((c, r), (Colour::Yellow, vec![Reason::TestMissing]));
    let (c, r, _) = check_at(&rules, g, Some(2), true, "hospital", at);
    assert_eq!((c, r), (Colour::Red, vec![Reason::TestPositive]));
    let (c, r, _) = check_at(&rules, g, None, false, "school", at);
    assert_eq!((c, r), (Colour::Green, vec![]));
    let (c, r, _) = check_at(&rules, CodeColour::Yellow, Some(2), false, "school", at);
    assert_eq!((c, r), (Colour::Yellow, vec![Reason::CodeYellow]));
    let (c, r, _) = check_at(&rules, g, Some(2), false, "casino", at);
    assert_eq!((c, r), (Colour::Grey, vec![Reason::PolicyError]));
}

#[test]
fn overrides_and_revocations_win() {
    let f = fixture();
    let h = super::common::holder(CodeColour::Green);
    let signed = healthgate::authority::issue(&h, &f.issuer, &f.device.public(), T0).unwrap();
    let id = healthgate::code::native::decode_payload(&signed.payload)
        .unwrap()
        .claims
        .id;
    let text_at = |now: UnixTime| {
        healthgate::authority::present(&signed, &f.device, now)
            .unwrap()
            .to_text()
            .unwrap()
    };
    let mut b = test_bundle(1, T0);
    // Goes red an hour after issue.
    b.overrides.push(Override {
        credential_id: id,
        colour: CodeColour::Red,
        since: T0.plus(3600),
    });
    b.normalise().unwrap();
    let rules = rules_with(&b);
    let out = rules.check(&text_at(T0.plus(60)), T0.plus(60));
    assert_eq!(out.verdict.colour, Colour::Green, "not yet");
    let out = rules.check(&text_at(T0.plus(7200)), T0.plus(7200));
    assert_eq!(out.verdict.colour, Colour::Red);
    assert_eq!(
        out.verdict.reasons,
        vec![Reason::CodeRed, Reason::ColourOverride]
    );
    // A red code turned green by the authority passes.
    let red = healthgate::authority::issue(
        &super::common::holder(CodeColour::Red),
        &f.issuer,
        &f.device.public(),
        T0,
    )
    .unwrap();
    let red_id = healthgate::code::native::decode_payload(&red.payload)
        .unwrap()
        .claims
        .id;
    let mut b = test_bundle(1, T0);
    b.overrides.push(Override {
        credential_id: red_id,
        colour: CodeColour::Green,
        since: T0.plus(1),
    });
    // An override older than the credential is history: the credential wins.
    b.overrides.push(Override {
        credential_id: id,
        colour: CodeColour::Red,
        since: T0.plus(-1),
    });
    b.normalise().unwrap();
    let rules = rules_with(&b);
    let now = T0.plus(60);
    let text = healthgate::authority::present(&red, &f.device, now)
        .unwrap()
        .to_text()
        .unwrap();
    let out = rules.check(&text, now);
    assert_eq!(
        (out.verdict.colour, out.verdict.reasons),
        (Colour::Green, vec![Reason::ColourOverride])
    );
    let out = rules.check(&text_at(now), now);
    assert_eq!(out.verdict.colour, Colour::Green);
    // Revoked: red.
    let mut b = test_bundle(1, T0);
    b.revoked.push(id);
    let rules = rules_with(&b);
    let out = rules.check(&text_at(now), now);
    assert_eq!(
        (out.verdict.colour, out.verdict.reasons),
        (Colour::Red, vec![Reason::Revoked])
    );
}

#[test]
fn stale_and_outdated_rules() {
    let rules = rules_with(&test_bundle(1, T0.plus(-30 * 3600)));
    let (c, r, _) = check_at(
        &rules,
        CodeColour::Green,
        Some(2),
        false,
        "general",
        T0.plus(60),
    );
    assert_eq!((c, r), (Colour::Green, vec![Reason::RulesStale]));
    let rules = rules_with(&test_bundle(1, T0.plus(-73 * 3600)));
    let (c, r, _) = check_at(
        &rules,
        CodeColour::Green,
        Some(2),
        false,
        "general",
        T0.plus(60),
    );
    assert_eq!((c, r), (Colour::Grey, vec![Reason::RulesOutdated]));
    // Even an unreadable code says the rules are outdated.
    let out = rules.check("garbage", T0);
    assert_eq!(
        out.verdict.reasons,
        vec![Reason::FormatUnsupported, Reason::RulesOutdated]
    );
}
