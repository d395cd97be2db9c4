//! Every tamper is caught: grey, never green, never a panic.

use healthgate::authority::{self, HolderRecord};
use healthgate::code::Options;
use healthgate::code::base45;
use healthgate::code::native::{self, Payload, Presentation, SignedCredential};
use healthgate::code::trust::{TrustList, TrustedKey};
use healthgate::crypto::PrivateKey;
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;
use healthgate::verdict::{Colour, Reason};
use proptest::prelude::*;

use super::common::{T0, check, check_with, code, fixture, holder, issue};

fn reasons(text: &str) -> Vec<Reason> {
    let out = check(text, T0);
    assert_eq!(out.verdict.colour, Colour::Grey, "{text}");
    out.verdict.reasons
}

/// Re-signs arbitrary payload bytes with the real issuer and device keys.
fn signed_code(payload: Vec<u8>, step_at: UnixTime) -> String {
    let f = fixture();
    let issuer_sig = f
        .issuer
        .key
        .sign(native::CREDENTIAL_DOMAIN, &[&payload])
        .unwrap();
    let signed = SignedCredential {
        payload,
        issuer_sig,
    };
    signed
        .present(native::step_of(step_at), &f.device)
        .unwrap()
        .to_text()
        .unwrap()
}

fn payload_of(colour: CodeColour) -> Payload {
    native::decode_payload(&issue(colour, T0).payload).unwrap()
}

#[test]
fn every_character_of_the_text_replaced_gives_grey() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:a\u{0}é";
    let chars: Vec<char> = text.chars().collect();
    let mut tried = 0;
    for i in 0..chars.len() {
        // Three replacements a position: the next letter of the alphabet, and two fixed ones.
        let next = alphabet
            .chars()
            .skip_while(|&c| c != chars[i])
            .nth(1)
            .unwrap_or('0');
        for r in [next, 'Z', 'é'] {
            if r == chars[i] {
                continue;
            }
            let mut m = chars.clone();
            m[i] = r;
            let m: String = m.into_iter().collect();
            let out = check(&m, T0);
            assert_eq!(out.verdict.colour, Colour::Grey, "position {i} -> {r:?}");
            tried += 1;
        }
    }
    assert!(tried > 3 * 400, "{tried}");
}

#[test]
fn every_byte_of_the_code_flipped_gives_grey() {
    let cbor = code(CodeColour::Red, T0).to_cbor().unwrap();
    for i in 0..cbor.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut m = cbor.clone();
            m[i] ^= mask;
            let text = format!("HGC1:{}", base45::encode(&m));
            let out = check(&text, T0);
            assert_eq!(out.verdict.colour, Colour::Grey, "byte {i} ^ {mask:#x}");
            assert!(
                out.credential.is_none() || out.verdict.reasons.contains(&Reason::ProofInvalid),
                "byte {i} ^ {mask:#x}: {:?}",
                out.verdict.reasons
            );
        }
    }
}

#[test]
fn truncated_at_every_length_gives_grey() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    for n in 0..text.len() {
        let out = check(&text[..n], T0);
        assert_eq!(out.verdict.colour, Colour::Grey, "{n}");
    }
    let cbor = code(CodeColour::Green, T0).to_cbor().unwrap();
    for n in 0..cbor.len() {
        assert_eq!(
            reasons(&format!("HGC1:{}", base45::encode(&cbor[..n]))),
            vec![Reason::Malformed]
        );
    }
    // Trailing bytes after the code are not ignored.
    let mut longer = cbor.clone();
    longer.push(0);
    assert_eq!(
        reasons(&format!("HGC1:{}", base45::encode(&longer))),
        vec![Reason::Malformed]
    );
}

#[test]
fn garbage_prefixes_and_formats() {
    assert_eq!(reasons(""), vec![Reason::Malformed]);
    assert_eq!(reasons("   \n"), vec![Reason::Malformed]);
    assert_eq!(reasons("HGC1:"), vec![Reason::Malformed]);
    assert_eq!(reasons("HGC1:hello world"), vec![Reason::Malformed]);
    assert_eq!(
        reasons("\u{0}\u{1}\u{fffd}binary"),
        vec![Reason::FormatUnsupported]
    );
    assert_eq!(
        reasons("https://example.org/"),
        vec![Reason::FormatUnsupported]
    );
    // An EU DCC prefix with a body that is no DCC.
    assert_eq!(
        reasons("HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2"),
        vec![Reason::Malformed]
    );
    // A SMART Health Card prefix with digits that are no JWS.
    assert_eq!(reasons("shc:/5676290952432060"), vec![Reason::Malformed]);
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    assert_eq!(
        reasons(&text.replacen("HGC1:", "HGC2:", 1)),
        vec![Reason::VersionUnsupported]
    );
    assert_eq!(
        reasons(&text.replacen("HGC1:", "hgc1:", 1)),
        vec![Reason::FormatUnsupported]
    );
    assert_eq!(
        reasons(&text.replacen("HGC1:", "", 1)),
        vec![Reason::FormatUnsupported]
    );
    // An issued credential without its proof is not a code to show at a door.
    let cred = issue(CodeColour::Green, T0).to_text().unwrap();
    assert_eq!(reasons(&cred), vec![Reason::ProofMissing]);
    // Longer than any QR code.
    let long = format!("HGC1:{}", "0".repeat(5000));
    assert_eq!(reasons(&long), vec![Reason::Malformed]);
}

#[test]
fn wrong_payload_version_even_when_signed() {
    let mut payload = issue(CodeColour::Green, T0).payload;
    assert_eq!(
        &payload[1..3],
        &[0x01, 0x01],
        "key 1 (version) = 1 comes first"
    );
    payload[2] = 0x02;
    assert_eq!(
        reasons(&signed_code(payload, T0)),
        vec![Reason::VersionUnsupported]
    );
}

#[test]
fn unknown_issuer_and_unknown_key_id() {
    let f = fixture();
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let empty = TrustList::default();
    let out = check_with(&text, &empty, T0, Options::default());
    assert_eq!(out.verdict.reasons, vec![Reason::IssuerUnknown]);
    assert_eq!(out.issuer.as_deref(), Some("TEST-AUTHORITY"));
    assert!(
        out.credential.is_none(),
        "nothing of an unverified code is shown"
    );

    let mut other_key = TrustList::default();
    other_key.insert(TrustedKey::native(
        &f.issuer.issuer,
        PrivateKey::generate().unwrap().public(),
    ));
    let out = check_with(&text, &other_key, T0, Options::default());
    assert_eq!(out.verdict.reasons, vec![Reason::KeyUnknown]);
}

#[test]
fn a_forger_with_another_key_but_the_right_key_id() {
    // The forger copies the real issuer id and key id into a payload signed
    // with their own key: the signature check catches it.
    let forger = PrivateKey::generate().unwrap();
    let payload = native::encode_payload(&payload_of(CodeColour::Green)).unwrap();
    let issuer_sig = forger.sign(native::CREDENTIAL_DOMAIN, &[&payload]).unwrap();
    let signed = SignedCredential {
        payload,
        issuer_sig,
    };
    let text = signed
        .present(native::step_of(T0), &fixture().device)
        .unwrap()
        .to_text()
        .unwrap();
    assert_eq!(reasons(&text), vec![Reason::SignatureInvalid]);
    // A red code turned green by editing the payload.
    let red = code(CodeColour::Red, T0);
    let mut p = native::decode_payload(&red.credential.payload).unwrap();
    p.claims.colour = CodeColour::Green;
    let mut tampered = red.clone();
    tampered.credential.payload = native::encode_payload(&p).unwrap();
    assert_eq!(
        reasons(&tampered.to_text().unwrap()),
        vec![Reason::SignatureInvalid]
    );
}

#[test]
fn a_proof_signed_by_another_device() {
    let signed = issue(CodeColour::Green, T0);
    let thief = PrivateKey::generate().unwrap();
    // The authority tool refuses; a hand-made proof is caught by the kiosk.
    assert!(authority::present(&signed, &thief, T0).is_err());
    let text = signed
        .present(native::step_of(T0), &thief)
        .unwrap()
        .to_text()
        .unwrap();
    assert_eq!(reasons(&text), vec![Reason::ProofInvalid]);
    // The proof of one credential does not fit another.
    let a = code(CodeColour::Green, T0);
    let b = code(CodeColour::Green, T0);
    let mixed = Presentation {
        device_sig: b.device_sig,
        ..a
    };
    assert_eq!(
        reasons(&mixed.to_text().unwrap()),
        vec![Reason::ProofInvalid]
    );
    // Nor does a proof of another step.
    let other_step = Presentation {
        step: a.step + 1,
        ..code(CodeColour::Green, T0)
    };
    assert_eq!(
        reasons(&other_step.to_text().unwrap()),
        vec![Reason::ProofInvalid]
    );
}

#[test]
fn a_life_longer_than_24_hours() {
    let mut p = payload_of(CodeColour::Green);
    p.claims.expires_at = p.claims.issued_at.plus(24 * 3600 + 1);
    let text = signed_code(native::encode_payload(&p).unwrap(), T0);
    assert_eq!(reasons(&text), vec![Reason::CredentialTooLong]);
    let h = HolderRecord {
        validity_hours: Some(25),
        ..holder(CodeColour::Green)
    };
    let f = fixture();
    assert!(authority::issue(&h, &f.issuer, &f.device.public(), T0).is_err());
}

#[test]
fn a_key_outside_its_validity() {
    let f = fixture();
    let mut trust = TrustList::default();
    trust.insert(TrustedKey {
        not_before: Some(T0.plus(3600)),
        ..TrustedKey::native(&f.issuer.issuer, f.issuer.key.public())
    });
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let out = check_with(&text, &trust, T0, Options::default());
    assert_eq!(out.verdict.reasons, vec![Reason::KeyNotValid]);
}

fn mutate(bytes: &mut [u8], ops: &[(usize, u8)]) {
    for &(i, x) in ops {
        if !bytes.is_empty() {
            let n = bytes.len();
            bytes[i % n] ^= x.max(1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics_nor_passes(s in "\\PC{0,600}") {
        let out = check(&s, T0);
        prop_assert_eq!(out.verdict.colour, Colour::Grey);
    }

    #[test]
    fn random_bytes_behind_the_prefix_never_pass(bytes in proptest::collection::vec(any::<u8>(), 0..700)) {
        let out = check(&format!("HGC1:{}", base45::encode(&bytes)), T0);
        prop_assert_eq!(out.verdict.colour, Colour::Grey);
    }

    #[test]
    fn mutated_codes_never_pass(ops in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
        static CODE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let mut cbor = CODE.get_or_init(|| code(CodeColour::Green, T0).to_cbor().unwrap()).clone();
        let original = cbor.clone();
        mutate(&mut cbor, &ops);
        prop_assume!(cbor != original);
        let out = check(&format!("HGC1:{}", base45::encode(&cbor)), T0);
        prop_assert_eq!(out.verdict.colour, Colour::Grey);
    }

    #[test]
    fn payload_decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = native::decode_payload(&bytes);
        let _ = Presentation::from_cbor(&bytes);
    }
}
