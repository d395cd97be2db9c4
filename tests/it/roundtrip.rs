//! keygen -> issue -> present -> verify, through the library.

use healthgate::code::Options;
use healthgate::code::native::{self, Presentation};
use healthgate::code::{DocumentType, Format, TestResult};
use healthgate::verdict::CodeColour;
use healthgate::verdict::{Colour, Reason};

use super::common::{FULL_ID, FULL_NAME, T0, bare_gate, check, check_with, code, fixture};

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
        assert_eq!(c.holder.masked_name, "欧*");
        assert_eq!(c.holder.id_tail.as_deref(), Some("4321"));
        assert_eq!(c.holder.document, Some(DocumentType::IdCard));
        assert_eq!(c.issuer, "TEST-AUTHORITY");
        assert_eq!(c.language.as_deref(), Some("zh-CN"));
        assert_eq!(c.test.unwrap().result, TestResult::Negative);
        assert_eq!(c.expires_at, Some(T0.plus(24 * 3600)));
        assert_eq!(c.status.map(|s| s.colour), Some(colour));
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
    let out = check_with(
        &text,
        &fixture().trust,
        healthgate::time::UnixTime(step_start + 120),
        wide,
    );
    assert_eq!(out.verdict.colour, Colour::Green);
    let zero = Options {
        proof_skew_steps: 0,
        ..Options::default()
    };
    let out = check_with(
        &text,
        &fixture().trust,
        healthgate::time::UnixTime(step_start + 30),
        zero,
    );
    assert_eq!(out.verdict.reasons, vec![Reason::ProofStale]);
}

#[test]
fn replay_is_reported_by_the_doors_memory() {
    let f = fixture();
    // A door with replay memory (as both kiosks and `verify` have).
    let door = healthgate::gate::Gate::new(
        healthgate::gate::Rules::from_active({
            let mut a = healthgate::bundle::active::ActiveRules::empty();
            a.add_trust(&f.trust);
            a
        }),
        Options::default(),
        "test",
        "general",
    );
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let first = door.check(&text, T0);
    assert_eq!(first.verdict.colour, Colour::Green);
    let again = door.check(&text, T0.plus(5));
    assert_eq!(again.verdict.colour, Colour::Grey);
    assert_eq!(again.verdict.reasons, vec![Reason::ProofReplayed]);
    // The next step's proof of the same credential is new.
    let signed = Presentation::from_text(&text).unwrap().credential;
    let next = healthgate::authority::present(&signed, &f.device, T0.plus(30)).unwrap();
    let out = door.check(&next.to_text().unwrap(), T0.plus(30));
    assert_eq!(out.verdict.colour, Colour::Green);
    // The core itself keeps nothing: without memory, no replay.
    let batch = bare_gate(&f.trust, Options::default());
    assert_eq!(batch.check(&text, T0).verdict.colour, Colour::Green);
    assert_eq!(batch.check(&text, T0).verdict.colour, Colour::Green);
    assert!(
        healthgate::code::verify(&text, &f.trust, T0, &Options::default())
            .problems
            .is_empty()
    );
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
