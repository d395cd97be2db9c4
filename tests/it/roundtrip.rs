//! keygen -> issue -> present -> verify, through the library.

use healthgate::code::native::{self, Presentation};
use healthgate::code::{CodeColour, DocumentType, Format, TestResult};
use healthgate::rules::{Colour, Reason};
use healthgate::verify::{self, Options, ReplayMemory};

use super::common::{FULL_ID, FULL_NAME, T0, check, code, fixture};

#[test]
fn green_yellow_red() {
    for (colour, want, reasons) in [
        (CodeColour::Green, Colour::Green, vec![]),
        (CodeColour::Yellow, Colour::Yellow, vec![Reason::CodeYellow]),
        (CodeColour::Red, Colour::Red, vec![Reason::CodeRed]),
    ] {
        let text = code(colour, T0).to_text().unwrap();
        assert!(text.starts_with("HGC1:"));
        let out = check(&text, T0.plus(10));
        assert_eq!(out.verdict.colour, want, "{colour:?}");
        assert_eq!(out.verdict.reasons, reasons);
        assert_eq!(out.format, Format::Hgc1);
        let c = out.credential.unwrap();
        assert_eq!(c.masked_name, "欧*");
        assert_eq!(c.id_tail, "4321");
        assert_eq!(c.document, DocumentType::IdCard);
        assert_eq!(c.issuer, "TEST-AUTHORITY");
        assert_eq!(c.language.as_deref(), Some("zh-CN"));
        assert_eq!(c.test.unwrap().result, TestResult::Negative);
        assert_eq!(c.expires_at, T0.plus(24 * 3600));
        assert_eq!(c.vaccination.unwrap().doses, 3);
    }
}

#[test]
fn the_code_carries_only_the_masked_name_and_id_tail() {
    let p = code(CodeColour::Green, T0);
    let cbor = p.to_cbor().unwrap();
    let text = p.to_text().unwrap();
    for secret in [FULL_NAME, &FULL_NAME[3..], FULL_ID, &FULL_ID[..14], "阳"] {
        let needle = secret.as_bytes();
        assert!(
            !cbor.windows(needle.len()).any(|w| w == needle),
            "{secret} in the code"
        );
        assert!(!text.contains(secret));
    }
}

#[test]
fn a_proof_lives_for_its_step_and_the_skew() {
    let p = code(CodeColour::Green, T0);
    let text = p.to_text().unwrap();
    let step_start = native::step_of(T0).cast_signed() * 30;
    // Same step, the next step, and the step before (skew 1) pass.
    for now in [
        step_start,
        step_start + 29,
        step_start + 59,
        step_start - 30,
    ] {
        assert_eq!(
            check(&text, healthgate::time::UnixTime(now)).verdict.colour,
            Colour::Green,
            "{now}"
        );
    }
    for now in [step_start + 60, step_start - 31, step_start + 3600] {
        let out = check(&text, healthgate::time::UnixTime(now));
        assert_eq!(out.verdict.colour, Colour::Grey);
        assert!(out.verdict.reasons.contains(&Reason::ProofStale), "{now}");
    }
    // A wider skew accepts more.
    let wide = Options {
        proof_skew_steps: 4,
        ..Options::default()
    };
    let out = verify::verify(
        &text,
        &fixture().trust,
        healthgate::time::UnixTime(step_start + 120),
        &wide,
        &(),
    );
    assert_eq!(out.verdict.colour, Colour::Green);
    let zero = Options {
        proof_skew_steps: 0,
        ..Options::default()
    };
    let out = verify::verify(
        &text,
        &fixture().trust,
        healthgate::time::UnixTime(step_start + 30),
        &zero,
        &(),
    );
    assert_eq!(out.verdict.reasons, vec![Reason::ProofStale]);
}

#[test]
fn replay_is_reported_by_the_callers_memory() {
    let f = fixture();
    let options = Options::default();
    let mut memory = ReplayMemory::new(&options);
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let first = verify::verify(&text, &f.trust, T0, &options, &memory);
    assert_eq!(first.verdict.colour, Colour::Green);
    memory.remember(first.proof.unwrap(), T0);
    let again = verify::verify(&text, &f.trust, T0.plus(5), &options, &memory);
    assert_eq!(again.verdict.colour, Colour::Grey);
    assert_eq!(again.verdict.reasons, vec![Reason::ProofReplayed]);
    // The next step's proof of the same credential is new.
    let signed = Presentation::from_text(&text).unwrap().credential;
    let next = healthgate::authority::present(&signed, &f.device, T0.plus(30)).unwrap();
    let out = verify::verify(
        &next.to_text().unwrap(),
        &f.trust,
        T0.plus(30),
        &options,
        &memory,
    );
    assert_eq!(out.verdict.colour, Colour::Green);
    // The core itself keeps nothing: without memory, no replay.
    assert_eq!(check(&text, T0).verdict.colour, Colour::Green);
}

#[test]
fn expiry_and_issue_time() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let just_before = T0.plus(24 * 3600 - 1);
    let out = check(&text, just_before);
    // The proof is stale by then, but the credential is still alive.
    assert!(!out.verdict.reasons.contains(&Reason::CredentialExpired));
    let out = check(&text, T0.plus(24 * 3600));
    assert!(out.verdict.reasons.contains(&Reason::CredentialExpired));
    assert_eq!(out.verdict.colour, Colour::Grey);
    // Issued an hour in the kiosk's future: not yet valid.
    let out = check(&text, T0.plus(-3600));
    assert!(out.verdict.reasons.contains(&Reason::CredentialNotYetValid));
}

#[test]
fn verifying_takes_no_clock_and_is_repeatable() {
    let text = code(CodeColour::Yellow, T0).to_text().unwrap();
    let a = check(&text, T0);
    let b = check(&text, T0);
    assert_eq!(a.verdict, b.verdict);
    assert_eq!(a.credential, b.credential);
}
