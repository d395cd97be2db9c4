//! Verify throughput on one core: `cargo bench --bench verify`.
//!
//! A native code needs two SM2 verifications (issuer, device). The issuer
//! key is parsed once into the trust list; the device key is parsed per code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use healthgate::authority::{self, IssuerKey};
use healthgate::bundle::active::{ActiveRules, DEFAULT_BUNDLE, root_key};
use healthgate::code::native::{self, Presentation};
use healthgate::code::trust::{TrustList, TrustedKey};
use healthgate::code::{self as code, DocumentType, Options};
use healthgate::crypto::PrivateKey;
use healthgate::gate::{Gate, Rules};
use healthgate::time::UnixTime;
use healthgate::verdict::{CodeColour, Colour};

fn setup() -> (TrustList, String, String, UnixTime) {
    let now = UnixTime(1_795_681_800);
    let issuer = IssuerKey {
        issuer: "BENCH-AUTHORITY".into(),
        key: PrivateKey::generate().unwrap(),
    };
    let device = PrivateKey::generate().unwrap();
    let mut trust = TrustList::default();
    trust.insert(TrustedKey::native(&issuer.issuer, issuer.key.public()));
    let mut holder = healthgate::demo::holder("张明华", CodeColour::Green, "zh-CN", 20, now);
    holder.document = DocumentType::Passport;
    let signed = authority::issue(&holder, &issuer, &device.public(), now).unwrap();
    let code = authority::present(&signed, &device, now).unwrap();
    let mut forged = code.clone();
    if let Some(b) = forged.credential.payload.last_mut() {
        *b ^= 1;
    }
    (
        trust,
        code.to_text().unwrap(),
        forged.to_text().unwrap(),
        now,
    )
}

fn bench(c: &mut Criterion) {
    let (trust, text, forged, now) = setup();
    let options = Options::default();
    assert!(
        code::verify(&text, &trust, now, &options)
            .problems
            .is_empty()
    );
    // The whole door without records: verify, rules (the DEMO bundle's
    // general venue), no replay memory (every iteration is the same proof).
    let mut active = ActiveRules::from_file(DEFAULT_BUNDLE, &root_key(None).unwrap()).unwrap();
    active.add_trust(&trust);
    let gate = Gate::new(Rules::from_active(active), options, "bench", "general").without_replay();
    assert_eq!(gate.check(&text, now).verdict.colour, Colour::Green);
    let mut g = c.benchmark_group("verify");
    g.throughput(Throughput::Elements(1));
    g.bench_function("green code (2 SM2 verifications)", |b| {
        b.iter(|| code::verify(black_box(&text), &trust, now, &options));
    });
    g.bench_function("forged code (1 SM2 verification)", |b| {
        b.iter(|| code::verify(black_box(&forged), &trust, now, &options));
    });
    g.bench_function(
        "gate check of a green code (verify, venue rules, counters)",
        |b| {
            b.iter(|| gate.check(black_box(&text), now));
        },
    );
    g.bench_function("decode only (base45 + CBOR, no crypto)", |b| {
        b.iter(|| {
            let p = Presentation::from_text(black_box(&text)).unwrap();
            native::decode_payload(&p.credential.payload).unwrap()
        });
    });
    g.finish();
}

/// The German business rules and the EU value sets of the shared test
/// data, when they are there.
fn german_rules() -> Option<healthgate::rules::country::CountryRules> {
    use healthgate::rules::country::CountryRules;
    let dir = std::env::var_os("HEALTHGATE_TESTDATA").map_or_else(
        || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata"),
        std::path::PathBuf::from,
    );
    let root = dir.join("certlogic/business-rules");
    let mut rules = Vec::new();
    for e in std::fs::read_dir(root.join("DE")).ok()?.flatten() {
        let text = std::fs::read_to_string(e.path().join("rule.json")).ok()?;
        rules.extend(CountryRules::rules_from_json(&text).ok()?);
    }
    let sets = std::fs::read_to_string(root.join("valuesets/valueSets.json")).ok()?;
    Some(CountryRules {
        rules,
        value_sets: CountryRules::value_sets_from_json(&sets).ok()?,
    })
}

/// The PS256 case of the shared EU test data (RSA 2048), when it is there.
fn ps256_case() -> Option<(TrustList, String, UnixTime)> {
    let dir = std::env::var_os("HEALTHGATE_TESTDATA").map_or_else(
        || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata"),
        std::path::PathBuf::from,
    );
    let text = std::fs::read_to_string(dir.join("dgc-testdata/common/2DCode/raw/CO1.json")).ok()?;
    let case: serde_json::Value = serde_json::from_str(&text).ok()?;
    let trust = TrustList::from_bytes(case["TESTCTX"]["CERTIFICATE"].as_str()?.as_bytes()).ok()?;
    let now = UnixTime::parse(case["TESTCTX"]["VALIDATIONCLOCK"].as_str()?).ok()?;
    Some((trust, case["PREFIX"].as_str()?.to_string(), now))
}

fn bench_dcc(c: &mut Criterion) {
    use healthgate::demo::{DccKind, dcc_code, trust_list};
    let now = UnixTime(1_795_681_800);
    let trust = trust_list().unwrap();
    let options = Options::default();
    let text = dcc_code(DccKind::Vaccinated { days_ago: 40 }, "Doe", now).unwrap();
    assert!(code::verify(&text, &trust, now, &options).is_verified());
    // The same code with one character of the signature's part changed.
    let mut forged: Vec<char> = text.chars().collect();
    let at = forged.len() - 10;
    forged[at] = if forged[at] == 'A' { 'B' } else { 'A' };
    let forged: String = forged.into_iter().collect();
    assert!(!code::verify(&forged, &trust, now, &options).is_verified());
    // 10 MiB of zeros in 10 KiB of zlib: refused at 64 KiB.
    let bomb = {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 10 << 20]).unwrap();
        format!(
            "HC1:{}",
            healthgate::code::base45::encode(&z.finish().unwrap())
        )
    };
    let mut g = c.benchmark_group("verify-dcc");
    g.throughput(Throughput::Elements(1));
    g.bench_function("EU DCC, ES256, schema and usage checked", |b| {
        b.iter(|| code::verify(black_box(&text), &trust, now, &options));
    });
    g.bench_function("EU DCC, one character changed", |b| {
        b.iter(|| code::verify(black_box(&forged), &trust, now, &options));
    });
    g.bench_function("EU DCC zlib bomb (10 MiB), refused", |b| {
        b.iter(|| code::verify(black_box(&bomb), &trust, now, &options));
    });
    if let Some(rules) = german_rules() {
        // Through the gate (no records, no replay): the venue policy and,
        // for a venue in Germany, its 11 acceptance rules with the EU value
        // sets.
        let mut active = ActiveRules::from_file(DEFAULT_BUNDLE, &root_key(None).unwrap()).unwrap();
        if let Some(b) = active.bundle.as_mut() {
            b.country_rules = rules;
        }
        active.add_trust(&trust);
        let gate = Gate::new(Rules::from_active(active), options, "bench", "general")
            .with_country(Some("DE"))
            .without_replay();
        assert_eq!(gate.check(&text, now).verdict.colour, Colour::Green);
        g.bench_function("EU DCC through the gate, German rules", |b| {
            b.iter(|| gate.check(black_box(&text), now));
        });
    }
    if let Some((trust, text, now)) = ps256_case() {
        assert!(code::verify(&text, &trust, now, &options).is_verified());
        g.bench_function("EU DCC, PS256 (RSA 2048, shared test data CO1)", |b| {
            b.iter(|| code::verify(black_box(&text), &trust, now, &options));
        });
    }
    g.finish();
}

fn bench_shc(c: &mut Criterion) {
    use healthgate::demo::{shc_card, trust_list};
    let now = UnixTime(1_795_681_800);
    let trust = trust_list().unwrap();
    let options = Options::default();
    let one = shc_card("Doe", 2, now, 1).unwrap().concat();
    let three = shc_card("Doe", 2, now, 3).unwrap().join(" ");
    assert!(code::verify(&one, &trust, now, &options).is_verified());
    assert!(code::verify(&three, &trust, now, &options).is_verified());
    let mut g = c.benchmark_group("verify-shc");
    g.throughput(Throughput::Elements(1));
    g.bench_function("SMART Health Card, ES256, one QR", |b| {
        b.iter(|| code::verify(black_box(&one), &trust, now, &options));
    });
    g.bench_function("SMART Health Card, three chunks assembled", |b| {
        b.iter(|| code::verify(black_box(&three), &trust, now, &options));
    });
    g.finish();
}

criterion_group!(benches, bench, bench_dcc, bench_shc);
criterion_main!(benches);
