//! EU DCC (`HC1:`) codes against the public conformance data
//! (`dgc-testdata`): every case, every `EXPECTED*` flag, as SOURCES.md
//! reads them, through the library's steps, `healthgate verify` and
//! `healthgate decode`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use base64ct::Encoding as _;
use healthgate::code::dcc::{self, Kind, schema};
use healthgate::code::trust::TrustList;
use healthgate::code::{Options, base45};
use healthgate::time::UnixTime;
use serde_json::Value;

use super::common::testdata;

const HG: &str = env!("CARGO_BIN_EXE_healthgate");

fn hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    let mut out = vec![0u8; text.len() / 2];
    base16ct::mixed::decode(text, &mut out)
        .ok()
        .map(<[u8]>::to_vec)
}

fn cases(root: &Path) -> Vec<(String, Value)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json")
                || p.file_name().is_some_and(|n| n == "QR")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root.join("dgc-testdata"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).ok()?).ok()?;
            v.get("EXPECTEDRESULTS")?.as_object()?;
            let name = f
                .strip_prefix(root.join("dgc-testdata"))
                .unwrap()
                .display()
                .to_string();
            Some((name, v))
        })
        .collect()
}

/// `known_issues.csv`: (test, country, test set; empty: all).
fn known_issues(root: &Path) -> Vec<(String, String, String)> {
    std::fs::read_to_string(root.join("dgc-testdata/known_issues.csv"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Some((
                f.first()?.to_string(),
                f.get(1)?.to_string(),
                f.get(2)?.to_string(),
            ))
        })
        .collect()
}

/// The upstream runner's test for each flag.
fn test_name(flag: &str) -> &'static str {
    match flag {
        "EXPECTEDVERIFY" => "test_verification_check",
        "EXPECTEDEXPIRATIONCHECK" => "test_expiration_check",
        "EXPECTEDKEYUSAGE" => "test_expected_key_usage",
        "EXPECTEDSCHEMAVALIDATION" => "test_cose_schema",
        "EXPECTEDPICTUREDECODE" => "test_picture_decode",
        "EXPECTEDB45DECODE" => "test_base45_decode",
        "EXPECTEDCOMPRESSION" => "test_compression",
        "EXPECTEDUNPREFIX" => "test_unprefix",
        "EXPECTEDDECODE" | "EXPECTEDVALIDJSON" => "test_payload",
        _ => "",
    }
}

/// Whether upstream marks this case's flag as a known failure.
fn xfail(known: &[(String, String, String)], case: &str, flag: &str) -> bool {
    let mut parts = case.split('/');
    let country = parts.next().unwrap_or("");
    let number = Path::new(case)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    known.iter().any(|(test, c, set)| {
        test == test_name(flag) && c == country && (set.is_empty() || *set == number)
    })
}

/// JSON equal as data: maps unordered, instants compared as seconds.
fn same(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            l.len() == r.len() && l.iter().all(|(k, v)| r.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(l), Value::Array(r)) => {
            l.len() == r.len() && l.iter().zip(r).all(|(v, w)| same(v, w))
        }
        (Value::String(l), Value::String(r)) => {
            l == r || matches!((UnixTime::parse(l), UnixTime::parse(r)), (Ok(p), Ok(q)) if p == q)
        }
        (Value::Number(l), Value::Number(r)) => l.as_f64() == r.as_f64(),
        _ => left == right,
    }
}

struct Case<'a> {
    v: &'a Value,
}

impl Case<'_> {
    fn field(&self, k: &str) -> Option<&str> {
        self.v.get(k).and_then(Value::as_str)
    }
    fn ctx(&self, k: &str) -> Option<&str> {
        self.v
            .get("TESTCTX")
            .and_then(|c| c.get(k))
            .and_then(Value::as_str)
    }
    fn trust(&self) -> Option<TrustList> {
        TrustList::from_bytes(self.ctx("CERTIFICATE")?.as_bytes()).ok()
    }
    fn clock(&self) -> Option<UnixTime> {
        UnixTime::parse(self.ctx("VALIDATIONCLOCK")?).ok()
    }
    /// The COSE of the case (decoded from its code text where the case
    /// gives none).
    fn decoded_cose(&self) -> Option<dcc::Decoded> {
        match self.field("COSE") {
            Some(cose) => dcc::decode_cose(&hex(cose)?).ok(),
            None => dcc::decode(self.field("PREFIX")?).ok(),
        }
    }

    /// What HealthGate concludes for one flag (`None`: cannot be run, the
    /// case lacks what the step needs).
    fn outcome(&self, flag: &str) -> Option<bool> {
        match flag {
            "EXPECTEDUNPREFIX" => {
                let prefix = self.field("PREFIX")?;
                Some(dcc::unprefix(prefix).ok() == self.field("BASE45"))
            }
            // Where the case gives no bytes to compare, the step succeeds
            // or not on the case's own code text.
            "EXPECTEDB45DECODE" => {
                let got = base45::decode(self.field("BASE45")?);
                match self.field("COMPRESSED") {
                    Some(c) => Some(got.is_some() && got == hex(c)),
                    None => Some(got.is_some()),
                }
            }
            "EXPECTEDCOMPRESSION" => {
                let compressed = match self.field("COMPRESSED") {
                    Some(c) => hex(c)?,
                    None => base45::decode(self.field("BASE45")?)?,
                };
                let got = dcc::inflate(&compressed).ok();
                match self.field("COSE") {
                    Some(c) => Some(got.is_some() && got == hex(c)),
                    None => Some(got.is_some()),
                }
            }
            "EXPECTEDVERIFY" => {
                let trust = self.trust()?;
                let Some(d) = self.decoded_cose() else {
                    return Some(false);
                };
                let key = d
                    .sign1
                    .kid
                    .as_deref()
                    .and_then(|kid| trust.lookup_kid(healthgate::code::Format::Dcc, kid));
                Some(key.is_some_and(|k| dcc::check_signature(&d.sign1, k)))
            }
            "EXPECTEDDECODE" => {
                let Some(d) = self.decoded_cose() else {
                    return Some(false);
                };
                Some(same(&d.claims.hcert, self.v.get("JSON")?))
            }
            "EXPECTEDVALIDJSON" => {
                let Ok(d) = dcc::decode(self.field("PREFIX")?) else {
                    return Some(false);
                };
                Some(same(&d.claims.hcert, self.v.get("JSON")?))
            }
            "EXPECTEDSCHEMAVALIDATION" => {
                let payload = match self.decoded_cose() {
                    Some(d) => d.claims.hcert,
                    None => self.v.get("JSON")?.clone(),
                };
                Some(schema::check(&payload).is_ok())
            }
            "EXPECTEDEXPIRATIONCHECK" => {
                let trust = self.trust()?;
                let d = self.decoded_cose()?;
                let key = trust.lookup_kid(healthgate::code::Format::Dcc, d.sign1.kid.as_deref()?);
                let key = key.or_else(|| trust.keys().next())?;
                let strict = Options {
                    clock_skew_secs: 0,
                    ..Options::default()
                };
                Some(dcc::check_times(&d.claims, key, self.clock()?, &strict).is_empty())
            }
            "EXPECTEDKEYUSAGE" => {
                let trust = self.trust()?;
                let d = self.decoded_cose()?;
                let key = trust.keys().next()?;
                let kind = Kind::of(&d.claims.hcert)?;
                Some(dcc::check_usage(key, kind))
            }
            _ => None,
        }
    }
}

const FLAGS: [&str; 10] = [
    "EXPECTEDPICTUREDECODE",
    "EXPECTEDUNPREFIX",
    "EXPECTEDB45DECODE",
    "EXPECTEDCOMPRESSION",
    "EXPECTEDVERIFY",
    "EXPECTEDDECODE",
    "EXPECTEDVALIDJSON",
    "EXPECTEDSCHEMAVALIDATION",
    "EXPECTEDEXPIRATIONCHECK",
    "EXPECTEDKEYUSAGE",
];

/// `healthgate decode` on every case's QR image at once: case → the texts.
fn pictures(root: &Path, all: &[(String, Value)]) -> BTreeMap<String, Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (name, v)) in all.iter().enumerate() {
        if v["EXPECTEDRESULTS"].get("EXPECTEDPICTUREDECODE").is_none() {
            continue;
        }
        // The image in the case, else the one beside it in `<CC>/png/`.
        let beside = || {
            let case = root.join("dgc-testdata").join(name);
            let n = case.file_stem()?.to_string_lossy().to_string();
            let png = case.parent()?.parent()?.parent()?.join("png");
            [format!("{n}.png"), format!("{n}_qr.png")]
                .iter()
                .map(|f| png.join(f))
                .find(|p| p.is_file())
                .and_then(|p| std::fs::read(p).ok())
        };
        let image = match v.get("2DCODE").and_then(Value::as_str) {
            Some(png) => base64ct::Base64::decode_vec(png.trim()).ok(),
            None => beside(),
        };
        if let Some(bytes) = image {
            let path = dir.path().join(format!("{i}.png"));
            std::fs::write(&path, bytes).unwrap();
            files.push((name.clone(), path));
        }
    }
    let out = Command::new(HG)
        .arg("decode")
        .args(files.iter().map(|(_, p)| p))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), files.len());
    files
        .into_iter()
        .zip(lines)
        .map(|((name, _), line)| {
            let texts = line["texts"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            (name, texts)
        })
        .collect()
}

/// `healthgate verify` of one case, trusting its DSC, at its clock.
fn verify_line(case: &Case<'_>, dir: &Path) -> Option<Value> {
    let cert = case.ctx("CERTIFICATE")?;
    let clock = case.ctx("VALIDATIONCLOCK")?;
    let prefix = case.field("PREFIX")?;
    let trust = dir.join("dsc.txt");
    std::fs::write(&trust, cert).unwrap();
    let out = Command::new(HG)
        .args([
            "verify",
            "--trust",
            trust.to_str().unwrap(),
            "--now",
            clock,
            prefix,
        ])
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().next().unwrap_or_else(|| {
        panic!(
            "healthgate verify said nothing: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Some(serde_json::from_str(line).unwrap())
}

#[test]
fn dcc_conformance_every_case_every_flag() {
    let Some(root) = testdata() else { return };
    let all = cases(&root);
    assert!(all.len() >= 100, "only {} cases", all.len());
    let known = known_issues(&root);
    let pictures = pictures(&root, &all);
    let dir = tempfile::tempdir().unwrap();

    // flag -> (passed, failed, expected failures, not run)
    let mut counts: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut end_to_end = [0usize; 2];
    let mut not_run = Vec::new();
    for (name, v) in &all {
        let case = Case { v };
        let expected = v["EXPECTEDRESULTS"].as_object().unwrap();
        for flag in FLAGS {
            let Some(want) = expected.get(flag).and_then(Value::as_bool) else {
                continue;
            };
            let got = if flag == "EXPECTEDPICTUREDECODE" {
                pictures.get(name).map(|texts| {
                    Some(texts.iter().map(String::as_str).collect::<Vec<_>>())
                        == case.field("PREFIX").map(|p| vec![p])
                })
            } else {
                case.outcome(flag)
            };
            let c = counts.entry(flag).or_default();
            match got {
                None => {
                    c[3] += 1;
                    not_run.push(format!("{name} {flag}"));
                }
                Some(g) if g == want => c[0] += 1,
                Some(_) if xfail(&known, name, flag) => c[2] += 1,
                Some(g) => {
                    c[1] += 1;
                    let detail = if flag == "EXPECTEDDECODE" {
                        case.decoded_cose()
                            .map(|d| {
                                format!(" (decoded {}, expected {})", d.claims.hcert, v["JSON"])
                            })
                            .unwrap_or_default()
                    } else {
                        String::new()
                    };
                    failures.push(format!("{name} {flag}: expected {want}, got {g}{detail}"));
                }
            }
        }
        // The whole door: `verify` says verified exactly when every step
        // the case tests holds (steps it does not test may fail on their
        // own, e.g. an expiry the case's clock is past).
        let any_xfail = FLAGS
            .iter()
            .any(|f| expected.contains_key(*f) && xfail(&known, name, f));
        let all_hold = FLAGS
            .iter()
            .filter(|f| **f != "EXPECTEDPICTUREDECODE")
            .filter(|f| !xfail(&known, name, f))
            .all(|f| expected.get(*f).and_then(Value::as_bool) != Some(false));
        let tested_steps = [
            "EXPECTEDVERIFY",
            "EXPECTEDEXPIRATIONCHECK",
            "EXPECTEDSCHEMAVALIDATION",
            "EXPECTEDKEYUSAGE",
        ];
        if let Some(line) = verify_line(&case, dir.path()) {
            if case.field("PREFIX").is_some_and(|p| p.starts_with("HC1:")) {
                assert_eq!(line["format"], "dcc", "{name}: {line}");
            }
            let verified = line["verified"].as_bool().unwrap();
            let reasons: BTreeSet<String> = line["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .collect();
            let untested = |r: &str| match r {
                "credential-expired" | "credential-not-yet-valid" | "key-not-valid" => {
                    !expected.contains_key("EXPECTEDEXPIRATIONCHECK")
                }
                "key-usage-invalid" => !expected.contains_key("EXPECTEDKEYUSAGE"),
                "schema-invalid" => !expected.contains_key("EXPECTEDSCHEMAVALIDATION"),
                _ => false,
            };
            let consistent = if all_hold {
                verified || reasons.iter().all(|r| untested(r))
            } else {
                !verified
                    || !tested_steps.iter().any(|f| {
                        expected.get(*f).and_then(Value::as_bool) == Some(false)
                            && !xfail(&known, name, f)
                    })
            };
            end_to_end[usize::from(!consistent)] += 1;
            if !consistent && !any_xfail {
                failures.push(format!("{name} verify: {line}"));
            }
        }
    }
    println!("DCC conformance ({} cases):", all.len());
    println!(
        "{:<26} {:>6} {:>6} {:>6} {:>7}",
        "flag", "pass", "fail", "xfail", "not run"
    );
    for (flag, [p, f, x, n]) in &counts {
        println!("{flag:<26} {p:>6} {f:>6} {x:>6} {n:>7}");
    }
    println!(
        "not run (the case lacks what the step reads): {}",
        not_run.join(", ")
    );
    println!(
        "healthgate verify end to end: {} consistent, {} not",
        end_to_end[0], end_to_end[1]
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every flag was exercised.
    for flag in FLAGS {
        assert!(
            counts.get(flag).is_some_and(|c| c[0] > 0),
            "{flag} never passed"
        );
    }
}

// ---------------------------------------------------------------------
// DCCs the DEMO signer issues: the door, the venue's rules, tampering.

use healthgate::config::Config;
use healthgate::demo::{self, DccKind};
use healthgate::gate::{self, Gate, RuleSources};
use healthgate::verdict::{Colour, Reason};
use proptest::prelude::*;

use super::common::T0;

/// A door at `venue` trusting the DEMO authority, records in a folder.
fn demo_door(dir: &Path, venue: &str) -> Gate {
    let config = Config {
        kiosk_id: "door-dcc".into(),
        venue: venue.into(),
        bundle_store: Some(dir.join("rules.sqlite")),
        records_store: Some(dir.join("records.sqlite")),
        staff_file: Some(dir.join("staff.toml")),
        ..Config::default()
    };
    let sources = RuleSources {
        demo: true,
        ..RuleSources::default()
    };
    let (door, problems) = gate::for_kiosk(&config, sources, T0);
    assert!(problems.is_empty(), "{problems:?}");
    door
}

fn code(kind: DccKind) -> String {
    demo::dcc_code(kind, "Doe", T0).unwrap()
}

#[test]
fn a_demo_dcc_goes_through_the_venue_policy_and_is_recorded_privately() {
    let dir = tempfile::tempdir().unwrap();
    let general = demo_door(dir.path(), "general");
    let c = general.check(&code(DccKind::Vaccinated { days_ago: 40 }), T0);
    assert_eq!(
        (c.verdict.colour, c.verified),
        (Colour::Green, true),
        "{:?}",
        c.verdict
    );
    assert_eq!(c.format, healthgate::code::Format::Dcc);
    assert_eq!(c.issuer.as_deref(), Some(demo::DCC_COUNTRY));
    let cred = c.credential.as_ref().unwrap();
    assert_eq!(cred.holder.masked_name, "D*");
    assert_eq!(cred.holder.birth_date.as_deref(), Some("1980-05-17"));
    let v = cred.vaccination.as_ref().unwrap();
    assert_eq!((v.doses, v.series), (2, Some(2)));
    for kind in [
        DccKind::Partly,
        DccKind::Recovered,
        DccKind::Tested { hours_ago: 5 },
    ] {
        assert_eq!(
            general.check(&code(kind), T0).verdict.colour,
            Colour::Green,
            "{kind:?}"
        );
    }

    // The hospital wants a negative test within 48 hours, whatever the
    // format: the same rules judge a DCC as a native code.
    let hospital = demo_door(dir.path(), "hospital");
    let judge = |kind| hospital.check(&code(kind), T0).verdict;
    assert_eq!(
        judge(DccKind::Tested { hours_ago: 5 }).colour,
        Colour::Green
    );
    let v = judge(DccKind::Vaccinated { days_ago: 40 });
    assert_eq!(
        (v.colour, v.reasons.clone()),
        (Colour::Yellow, vec![Reason::TestMissing])
    );
    assert!(
        judge(DccKind::Tested { hours_ago: 60 })
            .reasons
            .contains(&Reason::TestTooOld)
    );
    assert!(
        judge(DccKind::Positive)
            .reasons
            .contains(&Reason::TestPositive)
    );

    // A year on, it has expired; before it was issued, it is not yet valid.
    let text = code(DccKind::Recovered);
    let late = general.check(&text, T0.plus(366 * 86_400));
    assert_eq!(late.verdict.reasons, [Reason::CredentialExpired]);
    assert!(!late.verified);
    // (On a door of its own: this one's clock has seen a year on, and
    // would now be behind.)
    let other = tempfile::tempdir().unwrap();
    let early = demo_door(other.path(), "general").check(&text, T0.plus(-3600));
    assert_eq!(early.verdict.reasons, [Reason::CredentialNotYetValid]);

    // The records hold the format, the country and the masked name, never
    // the name or the UVCI.
    let records = general
        .with_records_do(|r| r.query(&healthgate::records::Filter::default()).unwrap())
        .unwrap();
    assert!(!records.is_empty());
    let r = &records[0];
    assert_eq!(
        (r.format.as_str(), r.issuer.as_deref()),
        ("dcc", Some("XD"))
    );
    assert_eq!(r.masked_name.as_deref(), Some("D*"));
    let db = std::fs::read(dir.path().join("records.sqlite")).unwrap();
    for secret in ["Doe", "URN:UVCI"] {
        assert!(
            !db.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} stored"
        );
    }
}

#[test]
fn the_schema_suites_own_valid_and_invalid_cases() {
    let Some(root) = testdata() else { return };
    let dir = root.join("dcc-schema");
    let mut seen = [0, 0];
    for (folder, valid) in [("test/valid", true), ("test/invalid", false)] {
        for e in std::fs::read_dir(dir.join(folder)).unwrap().flatten() {
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
            let got = schema::check(&v);
            assert_eq!(got.is_ok(), valid, "{}: {got:?}", e.path().display());
            seen[usize::from(valid)] += 1;
        }
    }
    for kind in ["vaccination", "test", "recovery"] {
        for e in std::fs::read_dir(dir.join("examples").join(kind))
            .unwrap()
            .flatten()
        {
            if e.path().extension().is_some_and(|x| x == "json") {
                let v: Value =
                    serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
                assert_eq!(schema::check(&v), Ok(()), "{}", e.path().display());
                seen[1] += 1;
            }
        }
    }
    println!("schema suite: {} valid, {} invalid cases", seen[1], seen[0]);
    assert!(seen[0] >= 5 && seen[1] >= 10, "{seen:?}");
}

/// A DCC re-signed by `key` under the DEMO signer's key id.
fn resigned(text: &str, key: &p256::ecdsa::SigningKey) -> String {
    use ciborium::Value as Cbor;
    use p256::ecdsa::signature::Signer as _;
    let mut sign1 = dcc::decode(text).unwrap().sign1;
    let sig: p256::ecdsa::Signature = key.sign(&sign1.signed_bytes());
    sign1.signature = sig.to_bytes().to_vec();
    let cose = Cbor::Tag(
        18,
        Box::new(Cbor::Array(vec![
            Cbor::Bytes(sign1.protected),
            Cbor::Map(vec![]),
            Cbor::Bytes(sign1.payload),
            Cbor::Bytes(sign1.signature),
        ])),
    );
    let mut bytes = Vec::new();
    ciborium::ser::into_writer(&cose, &mut bytes).unwrap();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &bytes).unwrap();
    format!("HC1:{}", base45::encode(&z.finish().unwrap()))
}

#[test]
fn another_key_under_the_demo_kid_or_another_country_is_refused() {
    let trust = demo::trust_list().unwrap();
    let text = code(DccKind::Vaccinated { days_ago: 40 });
    let verify = |t: &str| healthgate::code::verify(t, &trust, T0, &Options::default());
    assert!(verify(&text).is_verified());
    let other = p256::ecdsa::SigningKey::from_slice(&[9u8; 32]).unwrap();
    let forged = resigned(&text, &other);
    assert_eq!(verify(&forged).problems, [Reason::SignatureInvalid]);
    // The DEMO signer signs for XD only; a code of it claiming DE is not
    // a German code.
    let signer = demo::dcc_signer().unwrap();
    let payload = demo::dcc_payload(DccKind::Recovered, "Doe", T0);
    let german = signer.issue(&payload, "DE", T0, T0.plus(86_400)).unwrap();
    let v = verify(&german);
    assert_eq!(v.problems, [Reason::KeyUnknown]);
    assert!(!v.is_verified());
    // A claim that is no country code (some issuers wrote their ministry's
    // name there) is neither repeated nor trusted: the signer's country
    // stands.
    let odd = signer
        .issue(&payload, "<script>", T0, T0.plus(86_400))
        .unwrap();
    let v = verify(&odd);
    assert!(v.is_verified());
    assert_eq!(v.issuer.as_deref(), Some("XD"));
    assert_eq!(v.credential.unwrap().issuer, "XD");
}

#[test]
fn a_dcc_from_an_unknown_signer_or_with_a_wrong_signature_is_grey() {
    let text = code(DccKind::Vaccinated { days_ago: 40 });
    // No signer trusted: key-unknown.
    let bare = super::common::bare_gate(&TrustList::default(), Options::default());
    let c = bare.check(&text, T0);
    assert_eq!(c.verdict.reasons, [Reason::KeyUnknown]);
    assert_eq!(c.issuer.as_deref(), Some("XD"));
    // A payload re-signed by another key under the DEMO signer's kid.
    let trust = demo::trust_list().unwrap();
    let d = dcc::decode(&text).unwrap();
    let mut sign1 = d.sign1.clone();
    if let Some(b) = sign1.signature.first_mut() {
        *b ^= 1;
    }
    let key = trust
        .lookup_kid(healthgate::code::Format::Dcc, sign1.kid.as_deref().unwrap())
        .unwrap();
    assert!(!dcc::check_signature(&sign1, key));
    assert!(dcc::check_signature(&d.sign1, key));
}

/// Every mutation of a valid code is grey, or decodes to the very same
/// signed bytes (a zlib header written another way).
fn never_verified_unless_same(text: &str, original: &[u8], trust: &TrustList) {
    let v = healthgate::code::verify(text, trust, T0, &Options::default());
    if v.is_verified() {
        let d = dcc::decode(text).unwrap();
        assert_eq!(d.sign1.signed_bytes(), original, "{text}");
    }
}

#[test]
fn every_single_character_change_of_a_dcc_is_caught() {
    let trust = demo::trust_list().unwrap();
    let text = code(DccKind::Tested { hours_ago: 5 });
    let original = dcc::decode(&text).unwrap().sign1.signed_bytes();
    let alphabet: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
        .chars()
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let mut tried = 0;
    for i in dcc::PREFIX.len()..chars.len() {
        for delta in [1, 7, 23] {
            let at = alphabet.iter().position(|c| *c == chars[i]).unwrap();
            let mut changed = chars.clone();
            changed[i] = alphabet[(at + delta) % alphabet.len()];
            let changed: String = changed.into_iter().collect();
            never_verified_unless_same(&changed, &original, &trust);
            tried += 1;
        }
    }
    // Cut short at every length.
    for n in 0..chars.len() {
        let cut: String = chars[..n].iter().collect();
        let v = healthgate::code::verify(&cut, &trust, T0, &Options::default());
        assert!(!v.is_verified(), "cut at {n}");
    }
    assert!(tried > 1000);
}

#[test]
fn a_signed_dcc_with_deep_nesting_or_no_certificate_is_never_verified() {
    let trust = demo::trust_list().unwrap();
    let signer = demo::dcc_signer().unwrap();
    let mut deep = serde_json::json!("x");
    for _ in 0..200 {
        deep = serde_json::json!([deep]);
    }
    let mut payload = demo::dcc_payload(DccKind::Recovered, "Doe", T0);
    payload["deep"] = deep;
    let text = signer.issue(&payload, "XD", T0, T0.plus(86_400)).unwrap();
    let v = healthgate::code::verify(&text, &trust, T0, &Options::default());
    assert_eq!(v.problems, [Reason::Malformed]);
    // Signed, but two certificates in one, or none: schema-invalid.
    let mut two = demo::dcc_payload(DccKind::Recovered, "Doe", T0);
    two["v"] = demo::dcc_payload(DccKind::Partly, "Doe", T0)["v"].clone();
    let none = serde_json::json!({"ver": "1.3.0", "nam": {"fnt": "DOE"}, "dob": "1980"});
    for p in [two, none] {
        let text = signer.issue(&p, "XD", T0, T0.plus(86_400)).unwrap();
        let v = healthgate::code::verify(&text, &trust, T0, &Options::default());
        assert!(
            v.problems.contains(&Reason::SchemaInvalid),
            "{:?}",
            v.problems
        );
        assert!(!v.is_verified());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_behind_hc1_never_panic_nor_verify(bytes in proptest::collection::vec(any::<u8>(), 0..1200)) {
        let trust = demo::trust_list().unwrap();
        let text = format!("{}{}", dcc::PREFIX, base45::encode(&bytes));
        let v = healthgate::code::verify(&text, &trust, T0, &Options::default());
        prop_assert!(!v.is_verified());
        // And as zlib data: still nothing.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, &bytes).unwrap();
        let text = format!("{}{}", dcc::PREFIX, base45::encode(&z.finish().unwrap()));
        let v = healthgate::code::verify(&text, &trust, T0, &Options::default());
        prop_assert!(!v.is_verified());
    }

    #[test]
    fn random_text_behind_hc1_never_panics(text in "[0-9A-Z $%*+./:-]{0,600}") {
        let trust = demo::trust_list().unwrap();
        let v = healthgate::code::verify(&format!("HC1:{text}"), &trust, T0, &Options::default());
        prop_assert!(!v.is_verified());
    }
}

/// The shipped bundle source folder, copied, with one more file.
fn source_with(name: &str, contents: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    for (from, to) in [
        (super::bundle::source_dir(), dir.path().to_path_buf()),
        (super::bundle::source_dir().join("policies"), policies),
    ] {
        for e in std::fs::read_dir(from).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    std::fs::write(dir.path().join(name), contents).unwrap();
    dir
}

#[test]
fn each_revocation_hash_type_turns_a_dcc_red() {
    use healthgate::bundle::active::ActiveRules;
    use healthgate::bundle::source;
    use healthgate::gate::Rules;

    let text = code(DccKind::Vaccinated { days_ago: 40 });
    let d = dcc::decode(&text).unwrap();
    let hcert = &d.claims.hcert;
    let uvci = hcert["v"][0]["ci"].as_str().unwrap();
    let co = hcert["v"][0]["co"].as_str().unwrap();
    let hex = |h: [u8; 16]| base16ct::lower::encode_string(&h);
    let sha = |parts: &[&[u8]]| hex(dcc::payload::hash128(parts));
    // The three hash types as the EU revocation lists define them; the
    // signature's hash is of ECDSA's r only.
    let cases = [
        ("UCI", sha(&[uvci.as_bytes()])),
        ("COUNTRYCODEUCI", sha(&[co.as_bytes(), uvci.as_bytes()])),
        ("SIGNATURE", sha(&[&d.sign1.signature[..32]])),
    ];
    // The shipped bundle source with this EU revocation list.
    let folder = |revocations: &str| source_with("dcc-revocations.csv", revocations);
    let door = |revocations: &str| {
        let bundle = source::read_source(folder(revocations).path(), T0).unwrap();
        let mut rules = ActiveRules::from_bundle(bundle);
        rules.add_trust(&demo::trust_list().unwrap());
        Gate::new(
            Rules::from_active(rules),
            Options::default(),
            "door",
            "general",
        )
    };
    assert_eq!(
        door("hash_type,hash\n").check(&text, T0).verdict.colour,
        Colour::Green
    );
    for (kind, hash) in &cases {
        // Whole SHA-256 or cut to 128 bits: the same entry.
        for written in [hash.clone(), format!("{hash}{}", "0".repeat(32))] {
            let c = door(&format!("hash_type,hash\n{kind},{written}\n")).check(&text, T0);
            assert_eq!(c.verdict.colour, Colour::Red, "{kind}");
            assert!(c.verdict.reasons.contains(&Reason::Revoked), "{kind}");
        }
    }
    // Another certificate is not touched by these entries.
    let other = code(DccKind::Recovered);
    let all = cases
        .iter()
        .map(|(k, h)| format!("{k},{h}"))
        .collect::<Vec<_>>()
        .join("\n");
    let rules = door(&format!("hash_type,hash\n{all}\n"));
    assert_eq!(
        rules.check(&other, T0.plus(1)).verdict.colour,
        Colour::Green
    );
    // A broken list is refused with its line.
    for bad in [
        "hash_type,hash\nUVCI,00\n",
        "hash_type,hash\nUCI,zz\n",
        "hash\n",
    ] {
        let err = source::read_source(folder(bad).path(), T0).unwrap_err();
        assert!(
            err.to_string().contains("dcc-revocations.csv line"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn document_signers_travel_in_the_signed_rule_bundle() {
    use base64ct::Encoding as _;
    use healthgate::bundle::active::ActiveRules;
    use healthgate::bundle::format::Bundle;
    use healthgate::bundle::source;
    use healthgate::gate::Rules;

    let signer = demo::dcc_signer().unwrap();
    let der = signer.certificate_der();
    let kid = base64ct::Base64::encode_string(&signer.dsc().kid);
    let entry = |kid: &str| {
        serde_json::json!([{
            "kid": kid, "country": "XD", "certificateType": "DSC",
            "rawData": base64ct::Base64::encode_string(der),
        }, {
            // Other kinds of certificate in a gateway list are read past.
            "kid": "AAAAAAAAAAA=", "country": "XD", "certificateType": "CSCA", "rawData": "AA=="
        }])
        .to_string()
    };
    let folder = |signers: &str| source_with("dcc-signers.json", signers);
    let bundle = source::read_source(folder(&entry(&kid)).path(), T0).unwrap();
    assert_eq!(bundle.dscs.len(), 1);
    // Signed and opened again, the signer is still there.
    let root = super::bundle::root();
    let file = bundle.sign(root).unwrap();
    let opened = Bundle::open(&file, &root.public()).unwrap();
    assert_eq!(opened.dscs, bundle.dscs);
    // A door with this bundle alone (no DEMO trust) verifies the DEMO DCC.
    let rules = ActiveRules::from_bundle(opened);
    let door = Gate::new(
        Rules::from_active(rules),
        Options::default(),
        "door",
        "general",
    );
    let c = door.check(&code(DccKind::Vaccinated { days_ago: 40 }), T0);
    assert_eq!(
        (c.verdict.colour, c.verified),
        (Colour::Green, true),
        "{:?}",
        c.verdict
    );
    // An entry whose kid is not its certificate's is refused by line.
    let err = source::read_source(folder(&entry("AAAAAAAAAAA=")).path(), T0).unwrap_err();
    assert!(err.to_string().contains("dcc-signers.json"), "{err}");
}

#[test]
fn the_kiosk_demo_shows_a_green_and_an_expired_dcc_too() {
    let scenes = demo::kiosk_scenes(T0).unwrap();
    assert_eq!(scenes.len(), 11);
    let dir = tempfile::tempdir().unwrap();
    let door = demo_door(dir.path(), "general");
    let colours: Vec<Colour> = scenes[5..7]
        .iter()
        .map(|s| door.check(&s.text, T0).verdict.colour)
        .collect();
    assert_eq!(colours, [Colour::Green, Colour::Grey]);

    // The terminal kiosk's demo, as `scripts/kiosk.sh` runs it without a
    // display: seven codes, the last two EU DCCs.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        format!(
            "[records]\nstore = \"records.sqlite\"\n[bundle]\nstore = \"rules.sqlite\"\n[log]\ndir = \"{}\"\n",
            dir.path().join("logs").display()
        ),
    )
    .unwrap();
    let cfg = cfg.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(HG)
            .args(["--config", cfg])
            .args(args)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&[
        "kiosk",
        "--demo",
        "--demo-interval",
        "0",
        "--demo-rounds",
        "11",
    ]);
    let dccs: Vec<Value> = serde_json::from_slice(&run(&[
        "records", "export", "--format", "json", "--code", "dcc",
    ]))
    .unwrap();
    let verdicts: Vec<&str> = dccs
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["green", "grey"]);
    assert!(
        dccs.iter()
            .all(|r| r["issuer"] == "XD" && r["masked_name"] == "D*")
    );
    // The two SMART Health Cards, the one in three parts gathered into
    // one check: recorded with the issuer's name and the masked name only.
    let export = run(&["records", "export", "--format", "json", "--code", "shc"]);
    let cards: Vec<Value> = serde_json::from_slice(&export).unwrap();
    let verdicts: Vec<&str> = cards
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["green", "green"]);
    assert!(
        cards
            .iter()
            .all(|r| r["issuer"] == demo::SHC_NAME && r["masked_name"] == "D*"),
        "{cards:?}"
    );
    assert!(!String::from_utf8_lossy(&export).contains("Demo\""));
}
