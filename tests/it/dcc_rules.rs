//! EU DCC country rules: the EU's and the member states' business rules
//! (`certlogic/business-rules`) run against payloads HealthGate decoded
//! from signed `HC1:` codes, through the bundle and at the door.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use healthgate::bundle::active::ActiveRules;
use healthgate::bundle::format::Bundle;
use healthgate::bundle::source;
use healthgate::code::dcc::{self, Kind};
use healthgate::code::{self as code_mod, Options};
use healthgate::demo::{self, DccKind};
use healthgate::gate::{Gate, Rules};
use healthgate::rules::certlogic::evaluate;
use healthgate::rules::country::{CountryRule, CountryRules, RuleType};
use healthgate::time::UnixTime;
use healthgate::verdict::{Colour, Reason, RuleKind};
use serde_json::{Value, json};

use super::common::{T0, eu_country_rules, testdata};

const HG: &str = env!("CARGO_BIN_EXE_healthgate");

/// Every business-rule test: (set, rule, test file, rule JSON, test JSON).
fn rule_tests(data: &Path) -> Vec<(String, Value, Value)> {
    let root = data.join("certlogic/business-rules");
    let mut out = Vec::new();
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    for set in sets {
        let mut rules: Vec<PathBuf> = std::fs::read_dir(&set)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("rule.json").is_file())
            .collect();
        rules.sort();
        for rule_dir in rules {
            let rule: Value =
                serde_json::from_str(&std::fs::read_to_string(rule_dir.join("rule.json")).unwrap())
                    .unwrap();
            let mut tests: Vec<PathBuf> = std::fs::read_dir(rule_dir.join("tests"))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            tests.sort();
            for t in tests {
                let test: Value =
                    serde_json::from_str(&std::fs::read_to_string(&t).unwrap()).unwrap();
                let id = t.strip_prefix(&root).unwrap().display().to_string();
                out.push((id, rule.clone(), test));
            }
        }
    }
    out
}

/// The payload signed as a DEMO DCC, then decoded by HealthGate: the
/// `HC1:` text and the payload as decoding gives it.
fn through_hc1(payload: &Value) -> (String, Value) {
    let signer = demo::dcc_signer().unwrap();
    let text = signer
        .issue(payload, demo::DCC_COUNTRY, T0, T0.plus(365 * 86_400))
        .unwrap();
    let decoded = dcc::decode(&text).unwrap();
    (text, decoded.claims.hcert)
}

/// The shared EU business-rule tests (743), each payload first signed as an
/// `HC1:` code and decoded again by HealthGate: the rule's logic on the
/// decoded payload gives the test's `expected`. Where the code verifies
/// (one certificate, a good schema), the payload the rules read is the
/// decoded one without the names.
#[test]
fn eu_business_rules_on_payloads_healthgate_decoded() {
    let Some(data) = testdata() else { return };
    let trust = demo::trust_list().unwrap();
    let mut total = 0;
    let mut verified = 0;
    let mut failures = Vec::new();
    for (id, rule, test) in rule_tests(&data) {
        total += 1;
        let payload = test.get("payload").cloned().unwrap_or(Value::Null);
        // Two NL tests have no payload at all: nothing to sign; the rule
        // reads the nothing as it is.
        let read = if payload.is_object() {
            let (text, decoded) = through_hc1(&payload);
            assert_eq!(decoded, payload, "{id}: the payload changed on its way");
            let v = code_mod::verify(&text, &trust, T0, &Options::default());
            if let Some(input) = v.rule_input.as_ref().filter(|_| v.is_verified()) {
                verified += 1;
                let mut without_names = payload.clone();
                without_names.as_object_mut().unwrap().remove("nam");
                assert_eq!(input.payload, without_names, "{id}");
                assert_eq!(input.issuer_country, demo::DCC_COUNTRY);
            }
            v.rule_input.map_or(decoded, |i| i.payload)
        } else {
            payload
        };
        let expected = test["expected"].as_bool().unwrap();
        let input = json!({
            "payload": read,
            "external": test.get("external").cloned().unwrap_or(Value::Null),
        });
        match evaluate(&rule["Logic"], &input) {
            Ok(Value::Bool(b)) if b == expected => {}
            other => failures.push(format!("{id}: expected {expected}, gave {other:?}")),
        }
    }
    eprintln!(
        "EU business rules on decoded HC1 payloads: {total} tests, {} passed, {verified} of them on verified codes",
        total - failures.len()
    );
    assert_eq!(total, 743);
    assert!(verified > 0, "no payload verified");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same tests through the country-rule engine the door uses, where it
/// applies: a payload of one certificate, a validation clock in the test,
/// inside the rule's validity, and a certificate the rule is for. The
/// engine's answer (the rule named as failed, or not) is the test's
/// `expected`. The test payloads are fragments without `ver` (so without a
/// valid schema); `1.3.0` is put in, which no rule reads.
#[test]
fn eu_business_rules_through_the_door_engine() {
    let Some(data) = testdata() else { return };
    let trust = demo::trust_list().unwrap();
    let mut run = 0;
    let mut failures = Vec::new();
    for (id, rule_json, test) in rule_tests(&data) {
        let Some(clock) = test
            .pointer("/external/validationClock")
            .and_then(Value::as_str)
            .and_then(|c| UnixTime::parse(c).ok())
        else {
            continue;
        };
        let mut payload = test["payload"].clone();
        let Some(map) = payload.as_object_mut() else {
            continue;
        };
        map.entry("ver").or_insert(json!("1.3.0"));
        let (text, _) = through_hc1(&payload);
        let Some(input) = code_mod::verify(&text, &trust, T0, &Options::default()).rule_input
        else {
            continue;
        };
        let rule: CountryRule = serde_json::from_value(rule_json.clone()).unwrap();
        let country = rule.country.clone();
        let mut rules = CountryRules {
            rules: vec![rule],
            value_sets: BTreeMap::new(),
        };
        if let Some(sets) = test.pointer("/external/valueSets") {
            rules.value_sets = CountryRules::value_sets_from_json(&sets.to_string()).unwrap();
        }
        if rules
            .in_force(RuleType::Acceptance, &country, input.kind, clock)
            .is_empty()
        {
            continue;
        }
        run += 1;
        let applied = rules.apply(&input, Some(&country), clock);
        let expected = test["expected"].as_bool().unwrap();
        let failed = applied.failed.iter().any(|f| !f.open);
        let open = applied.failed.iter().any(|f| f.open);
        if open || failed == expected {
            failures.push(format!(
                "{id}: expected {expected}, the engine gave {:?} {:?}",
                applied.colour, applied.failed
            ));
        } else if failed {
            assert_eq!(applied.colour, Colour::Red, "{id}");
            assert_eq!(applied.reasons, [Reason::RuleFailed], "{id}");
            let named = &applied.failed[0];
            assert_eq!(named.id, rule_json["Identifier"].as_str().unwrap());
            assert_eq!(named.kind, RuleKind::Acceptance);
            assert!(named.description(&["en"]).is_some_and(|d| d.len() >= 20));
        }
    }
    eprintln!(
        "EU business rules through the door's engine: {run} run, {} failed",
        failures.len()
    );
    assert!(run > 150, "only {run} tests could run through the engine");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A source folder: the DEMO bundle source, plus every shared rule set
/// under `dcc-rules/` (their `tests` folders beside them) and the value sets.
fn source_with_country_rules(data: &Path) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&super::bundle::source_dir(), dir.path());
    let rules = data.join("certlogic/business-rules");
    for set in ["AT", "CY", "DE", "EU", "FI", "HR", "LU", "NL", "RO"] {
        copy(&rules.join(set), &dir.path().join("dcc-rules").join(set));
    }
    std::fs::copy(
        rules.join("valuesets/valueSets.json"),
        dir.path().join("dcc-valuesets.json"),
    )
    .unwrap();
    dir
}

/// A door at `T0` with the DEMO rules, the DEMO DCC signer trusted, and
/// these country rules, at a venue in `country`.
fn door(country_rules: CountryRules, country: Option<&str>) -> Gate {
    let mut rules = ActiveRules::from_file(
        healthgate::bundle::active::DEFAULT_BUNDLE,
        &healthgate::bundle::active::root_key(None).unwrap(),
    )
    .unwrap();
    rules.bundle.as_mut().unwrap().country_rules = country_rules;
    rules.add_trust(&demo::trust_list().unwrap());
    Gate::new(
        Rules::from_active(rules),
        Options::default(),
        "door",
        "general",
    )
    .with_country(country)
}

#[test]
fn every_shared_rule_set_travels_in_the_signed_bundle() {
    let Some(data) = testdata() else { return };
    let dir = source_with_country_rules(&data);
    let bundle = source::read_source(dir.path(), T0).unwrap();
    assert_eq!(bundle.country_rules.rules.len(), 104);
    assert!(
        bundle
            .country_rules
            .value_sets
            .contains_key("country-2-codes")
    );
    let root = super::bundle::root();
    let signed = bundle.sign(root).unwrap();
    let opened = Bundle::open(&signed, &root.public()).unwrap();
    assert_eq!(opened.country_rules, bundle.country_rules);
    // Body format 2, which a kiosk that would ignore the rules refuses:
    // the body's map opens with key 1 (format) and its value.
    let body_at = signed
        .windows(2)
        .position(|w| w == [0x01, 0x02])
        .expect("format 2 in the body");
    assert!(body_at < 16, "the format is the body's first field");
    let mut without = bundle.clone();
    without.country_rules.rules.clear();
    let plain = without.sign(root).unwrap();
    assert!(plain.windows(2).take(16).any(|w| w == [0x01, 0x01]));
    assert_eq!(opened.country_rules.acceptance_count("DE"), 11);

    // A broken rule is refused with its file's name.
    let bad = dir.path().join("dcc-rules/DE/VR-DE-0001/rule.json");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(
        &bad,
        text.replace("\"Country\": \"DE\"", "\"Country\": \"Germany\""),
    )
    .unwrap();
    let err = source::read_source(dir.path(), T0).unwrap_err().to_string();
    assert!(
        err.contains("VR-DE-0001") && err.contains("Country"),
        "{err}"
    );
    std::fs::write(&bad, "{\"Identifier\": ").unwrap();
    let err = source::read_source(dir.path(), T0).unwrap_err().to_string();
    assert!(err.contains("dcc-rules/DE/VR-DE-0001/rule.json"), "{err}");
}

#[test]
fn a_venue_in_germany_turns_an_incomplete_vaccination_red_with_the_rule_named() {
    let Some(data) = testdata() else { return };
    let rules = eu_country_rules(&data, &["DE"]);
    let code = |kind| demo::dcc_code(kind, "Doe", T0).unwrap();
    let germany = door(rules.clone(), Some("DE"));
    // Two doses of two, 40 days ago, Comirnaty: every German rule holds.
    let c = germany.check(&code(DccKind::Vaccinated { days_ago: 40 }), T0);
    assert_eq!(c.verdict.colour, Colour::Green, "{:?}", c.verdict);
    // One dose of two: VR-DE-0001, "the vaccination schedule must be complete".
    let c = germany.check(&code(DccKind::Partly), T0);
    assert_eq!(c.verdict.colour, Colour::Red, "{:?}", c.verdict);
    assert!(c.verified, "the code itself holds");
    assert_eq!(c.verdict.reasons, [Reason::RuleFailed]);
    let ids: Vec<&str> = c.verdict.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["VR-DE-0001"]);
    let rule = &c.verdict.rules[0];
    assert_eq!(
        (rule.kind, rule.country.as_deref()),
        (RuleKind::Acceptance, Some("DE"))
    );
    // In the holder's language where the rule has it, else the kiosk's,
    // else English.
    assert!(
        rule.description(&["de"])
            .unwrap()
            .starts_with("Die Impfreihe muss vollständig")
    );
    assert!(
        rule.description(&["zh-CN", "fr"])
            .unwrap()
            .starts_with("La série vaccinale")
    );
    assert!(
        rule.description(&["th"])
            .unwrap()
            .starts_with("The vaccination schedule")
    );
    // A positive test fails TR-DE-0004; a vaccination a year and a half
    // old fails VR-DE-0004.
    let c = germany.check(&code(DccKind::Positive), T0);
    assert!(
        c.verdict.rules.iter().any(|r| r.id == "TR-DE-0004"),
        "{:?}",
        c.verdict
    );
    let c = germany.check(&code(DccKind::Vaccinated { days_ago: 550 }), T0);
    assert!(
        c.verdict.rules.iter().any(|r| r.id == "VR-DE-0004"),
        "{:?}",
        c.verdict
    );
    // Without a venue country, no Acceptance rule applies.
    let nowhere = door(rules, None);
    let c = nowhere.check(&code(DccKind::Partly), T0);
    assert_eq!(c.verdict.colour, Colour::Green, "{:?}", c.verdict);
    assert!(c.verdict.rules.is_empty());
    // A country whose rules the bundle lacks: none apply either.
    let c = door(eu_country_rules(&data, &["DE"]), Some("FR")).check(&code(DccKind::Partly), T0);
    assert_eq!(c.verdict.colour, Colour::Green);
}

#[test]
fn the_issuing_countrys_invalidation_rules_apply_everywhere() {
    let Some(data) = testdata() else { return };
    // The DEMO country withdraws its partial vaccinations by a rule of
    // its own.
    let mut rules = eu_country_rules(&data, &["DE"]);
    let invalidation: CountryRule = serde_json::from_value(json!({
        "Identifier": "IR-XD-0001", "Type": "Invalidation", "Country": "XD",
        "Version": "1.0.0", "SchemaVersion": "1.0.0", "Engine": "CERTLOGIC",
        "EngineVersion": "0.7.5", "CertificateType": "General",
        "Description": [{"lang": "en", "desc": "Partial vaccinations of this DEMO issuer were withdrawn."}],
        "ValidFrom": "2021-01-01T00:00:00Z", "ValidTo": "2030-01-01T00:00:00Z",
        "AffectedFields": ["v.0.dn"],
        "Logic": {"!": [{"===": [{"var": "payload.v.0.dn"}, 1]}]}
    }))
    .unwrap();
    rules.rules.push(invalidation);
    assert!(rules.validate().is_ok());
    for country in [None, Some("DE"), Some("FR")] {
        let c = door(rules.clone(), country)
            .check(&demo::dcc_code(DccKind::Partly, "Doe", T0).unwrap(), T0);
        assert_eq!(c.verdict.colour, Colour::Red, "{country:?}");
        assert!(
            c.verdict
                .rules
                .iter()
                .any(|r| r.id == "IR-XD-0001" && r.kind == RuleKind::Invalidation),
            "{:?}",
            c.verdict
        );
    }
}

#[test]
fn a_rule_that_cannot_judge_is_open_and_grey() {
    let Some(data) = testdata() else { return };
    let mut rules = eu_country_rules(&data, &["DE"]);
    // A rule written for a schema later than the certificate's (1.3.0).
    for r in &mut rules.rules {
        if r.identifier == "VR-DE-0001" {
            r.schema_version = "1.4.0".into();
        }
    }
    let c = door(rules, Some("DE")).check(
        &demo::dcc_code(DccKind::Vaccinated { days_ago: 40 }, "Doe", T0).unwrap(),
        T0,
    );
    assert_eq!(c.verdict.colour, Colour::Grey, "{:?}", c.verdict);
    assert_eq!(c.verdict.reasons, [Reason::PolicyError]);
    assert!(
        c.verdict
            .rules
            .iter()
            .all(|r| r.open && r.id == "VR-DE-0001")
    );
}

/// `healthgate verify --bundle FILE --country DE` names the failed rule in
/// its JSON line, with its English description; nothing of the person's
/// name or the UVCI.
#[test]
fn verify_names_the_failed_country_rule() {
    let Some(data) = testdata() else { return };
    let dir = source_with_country_rules(&data);
    let bundle = source::read_source(dir.path(), T0).unwrap();
    let root = super::bundle::root();
    let file = dir.path().join("rules.hgb");
    std::fs::write(&file, bundle.sign(root).unwrap()).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[bundle]\nroot_key = \"{}\"\nstore = \"rules.sqlite\"\n[records]\nstore = \"records.sqlite\"\n[log]\ndir = \"logs\"\n",
            base16ct::lower::encode_string(&root.public().to_compressed())
        ),
    )
    .unwrap();
    let text = demo::dcc_code(DccKind::Partly, "Mustermann", T0).unwrap();
    let run = |extra: &[&str]| {
        let out = Command::new(HG)
            .args(["--config", config.to_str().unwrap(), "verify", "--demo"])
            .args(["--bundle", file.to_str().unwrap(), "--now", &T0.to_string()])
            .args(extra)
            .arg(&text)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        let line: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (line, String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (line, raw) = run(&["--country", "de"]);
    assert_eq!(line["colour"], "red", "{line}");
    assert_eq!(line["verified"], true);
    assert_eq!(line["reasons"], json!(["rule-failed"]));
    assert_eq!(line["rules"][0]["id"], "VR-DE-0001");
    assert_eq!(line["rules"][0]["type"], "acceptance");
    assert_eq!(line["rules"][0]["country"], "DE");
    assert_eq!(line["rules"][0]["result"], "failed");
    assert!(
        line["rules"][0]["description"]
            .as_str()
            .unwrap()
            .starts_with("The vaccination schedule must be complete")
    );
    assert!(
        !raw.contains("Mustermann") && !raw.contains("UVCI"),
        "{raw}"
    );
    // Without --country (and none in the config) no Acceptance rule applies.
    let (line, _) = run(&[]);
    assert_eq!(line["colour"], "green", "{line}");
    assert_eq!(line["rules"], json!([]));
    // A bad country is refused by the command line.
    let out = Command::new(HG)
        .args([
            "--config",
            config.to_str().unwrap(),
            "verify",
            "--country",
            "Germany",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Only rules that fit the certificate run: a Vaccination rule never
/// judges a test.
#[test]
fn a_rule_is_chosen_by_certificate_type() {
    let Some(data) = testdata() else { return };
    let rules = eu_country_rules(&data, &["DE"]);
    let kinds = |kind: Kind| {
        let mut ids: Vec<String> = rules
            .in_force(RuleType::Acceptance, "DE", kind, T0)
            .iter()
            .map(|r| r.identifier.clone())
            .collect();
        ids.sort();
        ids
    };
    assert!(
        kinds(Kind::Vaccination)
            .iter()
            .all(|id| id.starts_with("VR-"))
    );
    assert!(kinds(Kind::Test).iter().all(|id| id.starts_with("TR-")));
    assert_eq!(kinds(Kind::Recovery), ["RR-DE-0001", "RR-DE-0002"]);
}

/// Real certificates: every `dgc-testdata` case that decodes to one
/// certificate meets every EU template rule (`certlogic/business-rules/EU`)
/// and the German rules through the door's engine, at the case's own
/// validation clock. Each rule gives an answer (none is open: no error, no
/// answer that is not a boolean), so the decoded payloads are what the
/// rules were written for.
#[test]
fn eu_rules_judge_every_real_certificate_decoded() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let Some(data) = testdata() else { return };
    let mut rules = eu_country_rules(&data, &["EU", "DE"]);
    // The EU templates are written for the country `EU`; at this door they
    // stand for the venue's.
    for r in &mut rules.rules {
        r.country = "DE".into();
    }
    let mut files = Vec::new();
    walk(&data.join("dgc-testdata"), &mut files);
    files.sort();
    let (mut certificates, mut judged, mut failed) = (0, 0, 0);
    let mut open = Vec::new();
    for f in files {
        let Ok(case) = serde_json::from_str::<Value>(&std::fs::read_to_string(&f).unwrap()) else {
            continue;
        };
        let (Some(text), Some(clock)) = (
            case.get("PREFIX").and_then(Value::as_str),
            case.pointer("/TESTCTX/VALIDATIONCLOCK")
                .and_then(Value::as_str)
                .and_then(|c| UnixTime::parse(c).ok()),
        ) else {
            continue;
        };
        let Ok(decoded) = dcc::decode(text) else {
            continue;
        };
        let Some(kind) = Kind::of(&decoded.claims.hcert) else {
            continue;
        };
        certificates += 1;
        let input = dcc::RuleInput::of(
            &decoded.claims,
            kind,
            decoded.claims.issuer.as_deref().unwrap_or("XX"),
            decoded.sign1.kid.as_deref().unwrap_or_default(),
        );
        let applied = rules.apply(&input, Some("DE"), clock);
        judged += rules
            .in_force(RuleType::Acceptance, "DE", kind, clock)
            .len();
        failed += applied.failed.iter().filter(|r| !r.open).count();
        for r in applied.failed.iter().filter(|r| r.open) {
            // Open only for a schema older than the rule's (1.0.0 rules on
            // a 0.x payload) is the engine's choice, not an error.
            if input.version().starts_with('1') {
                open.push(format!("{}: {} open", f.display(), r.id));
            }
        }
    }
    eprintln!(
        "EU and German rules on {certificates} real certificates: {judged} rule runs, {failed} failed, {} open",
        open.len()
    );
    assert!(
        certificates > 50,
        "only {certificates} certificates decoded"
    );
    assert!(judged > 300);
    assert!(open.is_empty(), "{}", open.join("\n"));
}
