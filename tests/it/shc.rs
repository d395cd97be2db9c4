//! SMART Health Cards (`shc:/`): the spec's examples, the dev tools' cases
//! as `EXPECTATIONS.json` reads them, cards made here broken one way at a
//! time, and random input.

use std::path::{Path, PathBuf};

use healthgate::code::shc::{self, DecodeError};
use healthgate::code::trust::TrustList;
use healthgate::code::{Format, Options, Verified, verify};
use healthgate::demo;
use healthgate::time::UnixTime;
use healthgate::verdict::Reason;
use proptest::prelude::*;
use serde_json::{Value, json};

use super::common::{T0, testdata};

const SPEC_ISS: &str = "https://spec.smarthealth.cards/examples/issuer";

/// A time within the spec examples' validity: they were issued on
/// 2023-06-22, and example 03 expires on 2024-06-21.
fn spec_now() -> UnixTime {
    UnixTime::parse("2024-01-01T00:00:00Z").unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An issuer directory for `iss` from a `.well-known` folder: its
/// `jwks.json` and, when `crls`, every `crl/*.json`.
fn directory(well_known: &Path, iss: &str, name: &str, crls: bool) -> String {
    let jwks: Value = serde_json::from_str(&read(&well_known.join("jwks.json"))).unwrap();
    let mut keys = jwks["keys"].clone();
    let mut lists = Vec::new();
    if crls && well_known.join("crl").is_dir() {
        for e in std::fs::read_dir(well_known.join("crl")).unwrap().flatten() {
            lists.push(serde_json::from_str::<Value>(&read(&e.path())).unwrap());
        }
    } else {
        for k in keys.as_array_mut().unwrap() {
            k.as_object_mut().unwrap().remove("crlVersion");
        }
    }
    json!({"participating_issuers": [{
        "issuer": {"iss": iss, "name": name}, "keys": keys, "crls": lists,
    }]})
    .to_string()
}

fn spec_trust(data: &Path, crls: bool) -> TrustList {
    TrustList::from_shc_directory(&directory(
        &data.join("shc/spec-examples/issuer/.well-known"),
        SPEC_ISS,
        "SMART Health Cards spec examples",
        crls,
    ))
    .unwrap()
}

fn check(text: &str, trust: &TrustList) -> Verified {
    verify(text, trust, T0, &Options::default())
}

fn check_spec(text: &str, trust: &TrustList) -> Verified {
    verify(text, trust, spec_now(), &Options::default())
}

/// A compact JWS as the QR text it would be in.
fn jws_qr(jws: &str) -> Option<String> {
    shc::text_to_digits(jws).map(|d| format!("shc:/{d}"))
}

/// The spec's four examples verify with their issuer's keys, from the
/// numeric texts and from the QR images (SVG, drawn here); example 03 is
/// revoked by its issuer's CRL.
#[test]
fn the_spec_examples_verify() {
    let Some(data) = testdata() else { return };
    let dir = data.join("shc/spec-examples");
    let trust = spec_trust(&data, true);
    let numeric = |n: u32, parts: u32| -> String {
        (0..parts)
            .map(|i| read(&dir.join(format!("example-0{n}-f-qr-code-numeric-value-{i}.txt"))))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (n, parts) in [(0, 1), (1, 1), (2, 3)] {
        let v = check_spec(&numeric(n, parts), &trust);
        assert!(v.is_verified(), "example {n}: {:?}", v.problems);
        assert_eq!(v.format, Format::Shc);
        assert_eq!(
            v.issuer.as_deref(),
            Some("SMART Health Cards spec examples")
        );
        let c = v.credential.unwrap();
        if n < 2 {
            assert_eq!(c.holder.masked_name, "A*", "example {n}");
            assert_eq!(c.holder.birth_year(), Some("1951"));
            assert!(c.vaccination.is_some_and(|v| v.doses >= 2));
        } else {
            // Example 02 is a lab report with no patient in its bundle.
            assert_eq!(c.holder.masked_name, "*");
        }
    }
    // At the time of these tests, example 03 has expired.
    assert!(
        verify(&numeric(3, 1), &trust, T0, &Options::default())
            .problems
            .contains(&Reason::CredentialExpired)
    );
    // The chunks of example 02 in another order.
    let mut chunks: Vec<String> = numeric(2, 3).lines().map(str::to_string).collect();
    chunks.rotate_left(1);
    assert!(check_spec(&chunks.join(" "), &trust).is_verified());
    // Example 03's rid is on its key's revocation list.
    let v = check_spec(&numeric(3, 1), &trust);
    assert_eq!(v.problems, [Reason::Revoked]);
    assert!(check_spec(&numeric(3, 1), &spec_trust(&data, false)).is_verified());

    // The QR images: every chunk read from its SVG, drawn as a PNG.
    let tmp = tempfile::tempdir().unwrap();
    for (n, parts) in [(0, 1), (1, 1), (2, 3)] {
        let texts: Vec<String> = (0..parts)
            .map(|i| {
                let png = tmp.path().join(format!("{n}-{i}.png"));
                svg_to_png(&dir.join(format!("example-0{n}-g-qr-code-{i}.svg")), &png);
                let mut read = healthgate::scan::decode_file(&png).unwrap();
                assert_eq!(read.len(), 1, "example {n} chunk {i}");
                read.remove(0)
            })
            .collect();
        assert_eq!(texts.join("\n"), numeric(n, parts), "example {n}");
        assert!(check_spec(&texts.join(" "), &trust).is_verified());
    }
}

/// Draws a QR code SVG of the shape the spec's examples have (a white
/// square, then one path of 1-unit strokes: `M x y`, `m dx dy`, `h n`) as
/// a PNG, 4 pixels a module.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn svg_to_png(svg: &Path, png: &Path) {
    let text = read(svg);
    let view: Vec<u32> = text
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let size = view[2];
    let path = text
        .split("stroke=\"#000000\" d=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let scale = 4;
    let mut img = image::GrayImage::from_pixel(size * scale, size * scale, image::Luma([255]));
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut tokens = path
        .replace('M', " M ")
        .replace('m', " m ")
        .replace('h', " h ")
        .replace('H', " H ")
        .replace('v', " v ");
    tokens = tokens.replace('-', " -");
    let mut it = tokens.split_whitespace().peekable();
    while let Some(cmd) = it.next() {
        let mut num = || it.next().unwrap().parse::<f64>().unwrap();
        match cmd {
            "M" => (x, y) = (num(), num()),
            "m" => {
                let (dx, dy) = (num(), num());
                (x, y) = (x + dx, y + dy);
            }
            "h" => {
                let dx = num();
                let row = y.floor() as u32;
                for col in (x as u32)..((x + dx) as u32) {
                    for py in 0..scale {
                        for px in 0..scale {
                            img.put_pixel(col * scale + px, row * scale + py, image::Luma([0]));
                        }
                    }
                }
                x += dx;
            }
            other => panic!("SVG path command {other} is not drawn here"),
        }
    }
    img.save(png).unwrap();
}

/// What a verifier must conclude from one `EXPECTATIONS.json` case:
/// verified when the only errors upstream expects are about the FHIR
/// profile or the deprecated chunking, not when any other error is.
fn expected_verified(case: &Value) -> bool {
    const NOT_ABOUT_TRUST: [&str; 3] = [
        "FHIR_SCHEMA_ERROR",
        "QR_CHUNKING_DEPRECATED",
        "PROFILE_ERROR",
    ];
    match &case["expected_errors"] {
        Value::Number(n) if n.as_u64() == Some(0) => true,
        // Example 02's 110 FHIR_SCHEMA_ERRORs (long resource URLs) by
        // design, its signature valid (`_about` of EXPECTATIONS.json).
        Value::Number(_) => case["files"][0]
            .as_str()
            .is_some_and(|f| f.contains("spec-examples/example-02-")),
        Value::Array(codes) => codes
            .iter()
            .all(|c| NOT_ABOUT_TRUST.contains(&c.as_str().unwrap_or_default())),
        _ => panic!("{case}"),
    }
}

/// Cases a kiosk's verifier does not meet, with the reason.
const NOT_APPLYING: &[(&str, &str)] = &[
    (
        "qr_chunk_too_big",
        "how large the issuer made each chunk's QR is the printer's concern; the kiosk reads what it can",
    ),
    (
        "numeric-value-0-trailing_chars",
        "a scanner's line ends in white space; the kiosk trims it before reading the digits",
    ),
    (
        "e-file-trailing_chars",
        "white space after a .smart-health-card file's JSON is the file's concern; a kiosk reads QR codes",
    ),
    (
        "single_qr_segment",
        "how the QR's segments are encoded (byte + numeric) is the printer's concern; the text read is the card",
    ),
    (
        "too_many_qr_segment",
        "how the QR's segments are encoded is the printer's concern; the text read is the card",
    ),
    (
        "bad_qr_version",
        "the QR version is the printer's concern; the text read is the card",
    ),
];

/// `shc/EXPECTATIONS.json`: every case a verifier meets (a JWS, a
/// `.smart-health-card` file, numeric QR texts, QR images) ends as
/// upstream says (verified, or not), with the spec issuer's directory
/// (without its CRL, as upstream runs them; revocation is tested above), a
/// directory that lacks the issuer where the case says so, and the case's
/// own issuer folder for the bad CRLs. FHIR bundles and bare payloads carry
/// no signature: a verifier never sees one.
#[test]
fn the_dev_tools_cases_end_as_expected() {
    let Some(data) = testdata() else { return };
    let root = data.join("shc");
    let expectations: Value = serde_json::from_str(&read(&root.join("EXPECTATIONS.json"))).unwrap();
    let trust = spec_trust(&data, false);
    let tmp = tempfile::tempdir().unwrap();
    let (mut run, mut skipped, mut mismatches) = (0, Vec::new(), Vec::new());
    for case in expectations["cases"].as_array().unwrap() {
        let name = case["upstream_test"].as_str().unwrap();
        let files: Vec<PathBuf> = case["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| root.join(f.as_str().unwrap()))
            .collect();
        let kind = case["input_type"].as_str().unwrap();
        if matches!(kind, "fhirbundle" | "jwspayload" | "fhirhealthcard") {
            skipped.push(format!(
                "{name}: {kind} has no signature; a verifier never sees one"
            ));
            continue;
        }
        if let Some((_, why)) = NOT_APPLYING
            .iter()
            .find(|(part, _)| files.iter().any(|f| f.display().to_string().contains(part)))
        {
            skipped.push(format!("{name}: {why}"));
            continue;
        }
        run += 1;
        // The texts a kiosk would be shown, one per card; None: nothing
        // a kiosk could read.
        let cards: Vec<Option<String>> = match kind {
            "jws" => vec![jws_qr(&read(&files[0]))],
            "healthcard" => match serde_json::from_str::<Value>(&read(&files[0])) {
                Ok(v) => v["verifiableCredential"].as_array().map_or_else(
                    || vec![None],
                    |l| l.iter().map(|j| j.as_str().and_then(jws_qr)).collect(),
                ),
                Err(_) => vec![None],
            },
            "qrnumeric" => vec![Some(
                files.iter().map(|f| read(f)).collect::<Vec<_>>().join("\n"),
            )],
            "qr" => {
                let mut texts = Vec::new();
                for (i, f) in files.iter().enumerate() {
                    let png = if f.extension().is_some_and(|x| x == "svg") {
                        let png = tmp.path().join(format!("{run}-{i}.png"));
                        svg_to_png(f, &png);
                        png
                    } else {
                        f.clone()
                    };
                    texts.extend(healthgate::scan::decode_file(&png).unwrap_or_default());
                }
                vec![(!texts.is_empty()).then(|| texts.join("\n"))]
            }
            other => panic!("{name}: input type {other}"),
        };
        // Whose keys: the spec issuer's, none (an issuer directory that
        // does not list it), or the bad-CRL case's own.
        let directory_says = case["upstream_options"]["issuerDirectory"].as_str();
        let bad_crl = files[0]
            .ancestors()
            .find(|p| p.parent().is_some_and(|q| q.ends_with("badcrl")));
        let verified = cards.iter().all(|card| {
            let Some(text) = card else { return false };
            if directory_says.is_some_and(|d| d.starts_with("VCI")) {
                return check_spec(text, &TrustList::default()).is_verified();
            }
            if let Some(folder) = bad_crl {
                let Ok((_, c)) = shc::decode(text) else {
                    return false;
                };
                let dir = directory(&folder.join(".well-known"), &c.iss, "bad CRL", true);
                return match TrustList::from_shc_directory(&dir) {
                    Ok(t) => check_spec(text, &t).is_verified(),
                    // The directory itself is refused: no card of it verifies.
                    Err(_) => false,
                };
            }
            check_spec(text, &trust).is_verified()
        });
        let expected = expected_verified(case);
        if verified != expected {
            mismatches.push(format!(
                "{name}: expected verified={expected}, got {verified}"
            ));
        }
    }
    eprintln!(
        "SMART Health Card dev-tools cases: {run} run, {} matched, {} not applying:",
        run - mismatches.len(),
        skipped.len()
    );
    for s in &skipped {
        eprintln!("  not applying: {s}");
    }
    assert!(run >= 50, "only {run} cases ran");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

fn demo_trust() -> TrustList {
    demo::trust_list().unwrap()
}

fn demo_payload(nbf: i64, exp: Option<i64>, rid: Option<&str>) -> Value {
    let signer = demo::shc_signer().unwrap();
    signer.payload(&demo::shc_bundle("Doe", 2, Some(5), T0), nbf, exp, rid)
}

fn issue(payload: &Value, parts: usize) -> Vec<String> {
    demo::shc_signer().unwrap().issue(payload, parts).unwrap()
}

/// Cards made here, broken one way at a time, each with its reason.
#[test]
fn each_broken_card_gives_its_reason() {
    let trust = demo_trust();
    let good = issue(&demo_payload(T0.0, None, None), 1).remove(0);
    let v = check(&good, &trust);
    assert!(v.is_verified(), "{:?}", v.problems);
    assert_eq!(v.issuer.as_deref(), Some(demo::SHC_NAME));
    let c = v.credential.unwrap();
    assert_eq!(c.holder.masked_name, "D*");
    assert!(c.test.is_some() && c.vaccination.is_some());

    // A digit changed in the signature's part: the signature fails.
    let mut tampered = good.clone().into_bytes();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == b'1' { b'2' } else { b'1' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert_ne!(tampered, good);
    let v = check(&tampered, &trust);
    assert!(!v.is_verified());
    assert!(
        matches!(
            v.problems.as_slice(),
            [Reason::SignatureInvalid | Reason::Malformed]
        ),
        "{:?}",
        v.problems
    );

    // Another key of the same issuer, not in the directory.
    let other = healthgate::authority::shc::ShcSigner::new(
        demo::SHC_ISS,
        "1111111111111111111111111111111111111111111111111111111111111111",
    )
    .unwrap();
    let card = other
        .issue(&demo_payload(T0.0, None, None), 1)
        .unwrap()
        .remove(0);
    assert_eq!(check(&card, &trust).problems, [Reason::KeyUnknown]);

    // An issuer no directory lists.
    let stranger = healthgate::authority::shc::ShcSigner::new(
        "https://stranger.example",
        "1111111111111111111111111111111111111111111111111111111111111111",
    )
    .unwrap();
    let mut payload = demo_payload(T0.0, None, None);
    payload["iss"] = json!("https://stranger.example");
    let card = stranger.issue(&payload, 1).unwrap().remove(0);
    let v = check(&card, &trust);
    assert_eq!(v.problems, [Reason::IssuerUnknown]);
    // A stranger's `iss` is their own text: it is kept nowhere.
    assert_eq!(v.issuer, None);

    // Expired, and not yet valid (beyond the clock skew).
    let card = issue(&demo_payload(T0.0 - 400 * 86_400, Some(T0.0 - 1), None), 1).remove(0);
    assert_eq!(check(&card, &trust).problems, [Reason::CredentialExpired]);
    let card = issue(&demo_payload(T0.0 + 3600, None, None), 1).remove(0);
    assert_eq!(
        check(&card, &trust).problems,
        [Reason::CredentialNotYetValid]
    );

    // A revoked rid, and one revoked only for cards issued before a time.
    let signer = demo::shc_signer().unwrap();
    let revoking = TrustList::from_shc_directory(
        &signer
            .directory(demo::SHC_NAME, &["rid-gone", &format!("rid-old.{}", T0.0)])
            .to_string(),
    )
    .unwrap();
    let card = issue(&demo_payload(T0.0, None, Some("rid-gone")), 1).remove(0);
    assert_eq!(check(&card, &revoking).problems, [Reason::Revoked]);
    let card = issue(&demo_payload(T0.0 - 60, None, Some("rid-old")), 1).remove(0);
    assert_eq!(check(&card, &revoking).problems, [Reason::Revoked]);
    let card = issue(&demo_payload(T0.0, None, Some("rid-old")), 1).remove(0);
    assert!(check(&card, &revoking).is_verified());

    // Three chunks: all of them verify, in any order; one missing does not.
    let chunks = issue(&demo_payload(T0.0, None, None), 3);
    assert_eq!(chunks.len(), 3);
    assert!(chunks[0].starts_with("shc:/1/3/"));
    assert!(check(&chunks.join(" "), &trust).is_verified());
    assert!(
        check(
            &[&chunks[2], &chunks[0], &chunks[1]]
                .map(String::as_str)
                .join("\n"),
            &trust
        )
        .is_verified()
    );
    let missing = format!("{} {}", chunks[0], chunks[2]);
    assert_eq!(
        shc::decode(&missing).unwrap_err(),
        DecodeError::MissingChunk
    );
    assert_eq!(check(&missing, &trust).problems, [Reason::Malformed]);

    // A header claiming another algorithm.
    let jws = signer
        .jws_with_header(
            &json!({"zip": "DEF", "alg": "ES384", "kid": signer.jwk()["kid"]}),
            &demo_payload(T0.0, None, None),
        )
        .unwrap();
    let card = jws_qr(&jws).unwrap();
    assert_eq!(check(&card, &trust).problems, [Reason::Malformed]);
}

#[test]
fn a_directory_that_breaks_the_rules_is_refused() {
    let signer = demo::shc_signer().unwrap();
    let good = signer.directory("X", &["abc"]);
    assert!(TrustList::from_shc_directory(&good.to_string()).is_ok());
    let refused = |edit: &dyn Fn(&mut Value)| {
        let mut d = good.clone();
        edit(&mut d);
        TrustList::from_shc_directory(&d.to_string()).is_err()
    };
    assert!(refused(
        &|d| d["participating_issuers"][0]["keys"][0]["d"] = json!("AAAA")
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["keys"][0]["kid"] = json!("x")
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["crls"][0]["ctr"] = json!(2)
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["crls"][0]["method"] = json!("x")
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["crls"][0]["rids"] = json!(["a", "a"])
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["crls"][0]["rids"] = json!(["a+b"])
    ));
    assert!(refused(
        &|d| d["participating_issuers"][0]["issuer"]["iss"] = json!("http://x")
    ));
    // A key twice, or two CRLs for one key, could lose a revocation.
    assert!(refused(&|d| {
        let key = d["participating_issuers"][0]["keys"][0].clone();
        d["participating_issuers"][0]["keys"] = json!([key.clone(), key]);
    }));
    assert!(refused(&|d| {
        let crl = d["participating_issuers"][0]["crls"][0].clone();
        d["participating_issuers"][0]["crls"] = json!([crl.clone(), crl]);
    }));
    // A list added later (a pilot's trust file) never lifts a revocation.
    let mut merged = TrustList::from_shc_directory(&good.to_string()).unwrap();
    merged.extend(&TrustList::from_shc_directory(&signer.directory("X", &[]).to_string()).unwrap());
    let card = issue(&demo_payload(T0.0, None, Some("abc")), 1).remove(0);
    assert_eq!(check(&card, &merged).problems, [Reason::Revoked]);
    // `--trust FILE` takes such a directory.
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(tmp.path(), good.to_string()).unwrap();
    assert_eq!(TrustList::load(tmp.path()).unwrap().len(), 1);
}

/// `healthgate verify --trust DIRECTORY` on a three-chunk card given as one
/// argument: `"format": "shc"`, verified, the directory's issuer name, and
/// nothing of the person but the masked name and year of birth.
#[test]
fn verify_reads_a_chunked_card_with_a_directory() {
    let signer = demo::shc_signer().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("issuers.json");
    std::fs::write(&dir, signer.directory("Demo State", &[]).to_string()).unwrap();
    let payload = signer.payload(
        &demo::shc_bundle("Mustermann", 2, None, T0),
        T0.0,
        None,
        None,
    );
    let chunks = signer.issue(&payload, 3).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", tmp.path().join("none.toml").to_str().unwrap()])
        .args([
            "verify",
            "--trust",
            dir.to_str().unwrap(),
            "--now",
            &T0.to_string(),
        ])
        .arg(chunks.join(" "))
        .env("HOME", tmp.path())
        .output()
        .unwrap();
    let line: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(line["format"], "shc", "{line}");
    assert_eq!(line["verified"], true, "{line}");
    assert_eq!(line["colour"], "green", "{line}");
    assert_eq!(line["issuer"], "Demo State");
    assert_eq!(line["name"], "M*");
    assert_eq!(line["birth_year"], "1975");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Mustermann"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random digits behind `shc:/` never panic and never verify.
    #[test]
    fn random_digits_never_verify(digits in "[0-9]{0,400}", chunked in any::<bool>()) {
        let text = if chunked { format!("shc:/1/2/{digits} shc:/2/2/{digits}") } else { format!("shc:/{digits}") };
        let v = check(&text, &demo_trust());
        prop_assert!(!v.is_verified());
    }

    /// A good card cut anywhere never verifies.
    #[test]
    fn a_truncated_card_never_verifies(cut in 6usize..2000) {
        let card = issue(&demo_payload(T0.0, None, None), 1).remove(0);
        let cut = cut.min(card.len() - 1);
        prop_assert!(!check(&card[..cut], &demo_trust()).is_verified());
    }
}

/// A payload nested far deeper than any card, signed properly: refused as
/// malformed, without a stack overflow.
#[test]
fn deep_nesting_is_refused() {
    let mut deep = json!(1);
    for _ in 0..1000 {
        deep = json!([deep]);
    }
    let mut payload = demo_payload(T0.0, None, None);
    payload["vc"]["credentialSubject"]["fhirBundle"]["entry"] = deep;
    let signer = demo::shc_signer().unwrap();
    let jws = signer.jws(&payload).unwrap();
    let v = check(&jws_qr(&jws).unwrap(), &demo_trust());
    assert_eq!(v.problems, [Reason::Malformed]);
}

/// One frame holding all three chunks of a card (example 02's QR codes side
/// by side): the decoder reads three codes, and the gatherer makes them
/// one card.
#[test]
fn three_chunks_in_one_frame_make_one_card() {
    let Some(data) = testdata() else { return };
    let dir = data.join("shc/spec-examples");
    let tmp = tempfile::tempdir().unwrap();
    let parts: Vec<image::GrayImage> = (0..3)
        .map(|i| {
            let png = tmp.path().join(format!("{i}.png"));
            svg_to_png(&dir.join(format!("example-02-g-qr-code-{i}.svg")), &png);
            image::open(&png).unwrap().to_luma8()
        })
        .collect();
    let (w, h) = (parts[0].width(), parts[0].height());
    let mut frame = image::GrayImage::from_pixel(w * 3 + 80, h + 40, image::Luma([255]));
    for (i, p) in parts.iter().enumerate() {
        image::imageops::replace(
            &mut frame,
            p,
            i64::from(20 + u32::try_from(i).unwrap() * (w + 20)),
            20,
        );
    }
    let path = tmp.path().join("frame.png");
    frame.save(&path).unwrap();
    let texts = healthgate::scan::decode_file(&path).unwrap();
    assert_eq!(texts.len(), 3, "{texts:?}");
    let mut gatherer = healthgate::scan::chunks::Gatherer::default();
    let mut last = None;
    for t in &texts {
        last = Some(gatherer.offer(t, T0));
    }
    let Some(healthgate::scan::chunks::Gathered::Ready(card)) = last else {
        panic!("not gathered: {last:?}");
    };
    assert!(check_spec(&card, &spec_trust(&data, false)).is_verified());
}
