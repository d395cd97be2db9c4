//! A code with every field at its largest fits QR version 15 at level M.

use std::fmt::Write as _;

use healthgate::authority;
use healthgate::code::native::{self, Claims, Payload, SignedCredential};
use healthgate::code::{DocumentType, TestRecord, TestResult, Vaccination};
use healthgate::crypto::{KeyId, PrivateKey};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;

use super::common::{T0, code, fixture};

fn largest() -> Payload {
    let f = fixture();
    // The largest CBOR unsigned integer that is still a valid time.
    let far = UnixTime(i64::MAX - i64::MAX % 60);
    Payload {
        claims: Claims {
            issuer: "W".repeat(native::limits::ISSUER_MAX),
            key_id: KeyId([0xff; 8]),
            id: [0xff; 16],
            colour: CodeColour::Yellow,
            colour_since: far,
            test: Some(TestRecord {
                sampled_at: far,
                result: TestResult::Positive,
            }),
            vaccination: Some(Vaccination {
                doses: native::limits::DOSES_MAX,
                vaccine: "V".repeat(native::limits::VACCINE_MAX),
                last_dose_day: i64::MAX,
                series: None,
            }),
            // The longest language tag.
            language: Some("zh-CN".into()),
            issued_at: UnixTime(far.0 - 86_400),
            expires_at: far,
            // A character of four UTF-8 bytes (CJK extension B).
            masked_name: "𠀀*".into(),
            id_tail: "ZZZZ".into(),
            document: DocumentType::Military,
        },
        device_key: f.device.public().to_compressed(),
    }
}

#[test]
fn the_largest_code_fits_version_15_m() {
    let f = fixture();
    let payload = largest();
    let signed = SignedCredential::issue(&payload, &f.issuer.key).unwrap();
    let code = signed.present(u64::MAX, &f.device).unwrap();
    let text = code.to_text().unwrap();
    let qr = authority::qr(&text).unwrap();
    let version = authority::qr_version(&qr);
    eprintln!(
        "largest code: payload {} B, code {} B, text {} chars, QR version {version}",
        signed.payload.len(),
        code.to_cbor().unwrap().len(),
        text.len()
    );
    assert!(version <= 15, "version {version}");
    assert_eq!(qr.error_correction_level(), qrcode::EcLevel::M);
}

#[test]
fn a_typical_code_is_smaller() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let version = authority::qr_version(&authority::qr(&text).unwrap());
    eprintln!(
        "typical code: text {} chars, QR version {version}",
        text.len()
    );
    assert!(version <= 14, "version {version}");
}

#[test]
fn fields_past_their_limits_are_refused() {
    let f = fixture();
    let mut p = largest();
    p.claims.issuer.push('W');
    assert!(SignedCredential::issue(&p, &f.issuer.key).is_err());
    let mut p = largest();
    p.claims.vaccination.as_mut().unwrap().vaccine.push('V');
    assert!(native::encode_payload(&p).is_err());
    let mut p = largest();
    p.claims.masked_name = "张三*".into();
    assert!(native::encode_payload(&p).is_err());
    let mut p = largest();
    p.claims.id_tail = "12345".into();
    assert!(native::encode_payload(&p).is_err());
    let mut p = largest();
    p.claims.language = Some("tlh".into());
    assert!(native::encode_payload(&p).is_err());
    let _ = PrivateKey::generate().unwrap();
}

/// Prints the size table of `docs/hgc1.md` (run with `--nocapture`).
#[test]
fn size_table() {
    let f = fixture();
    let typical =
        native::decode_payload(&super::common::issue(CodeColour::Green, T0).payload).unwrap();
    let mut minimal = typical.clone();
    minimal.claims.test = None;
    minimal.claims.vaccination = None;
    minimal.claims.language = None;
    minimal.claims.issuer = "CN".into();
    minimal.claims.masked_name = "A*".into();
    for (name, p, step) in [
        ("minimal", minimal, native::step_of(T0)),
        ("typical", typical, native::step_of(T0)),
        ("largest", largest(), u64::MAX),
    ] {
        let signed = SignedCredential::issue(&p, &f.issuer.key).unwrap();
        let code = signed.present(step, &f.device).unwrap();
        let text = code.to_text().unwrap();
        let mut row = format!(
            "| {name} | {} | {} | {} |",
            signed.payload.len(),
            code.to_cbor().unwrap().len(),
            text.len()
        );
        for level in [qrcode::EcLevel::L, qrcode::EcLevel::M, qrcode::EcLevel::Q] {
            let qr = qrcode::QrCode::with_error_correction_level(&text, level).unwrap();
            let _ = write!(row, " {} |", authority::qr_version(&qr));
        }
        eprintln!("{row}");
    }
}
