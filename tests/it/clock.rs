//! Time that cannot be turned: facts dated after their credential are never
//! good, and a kiosk clock turned back past the latest time the door has
//! seen makes every verdict grey `clock-behind` until it is right again.

use healthgate::authority::{self, HolderTest};
use healthgate::code::native::{self, Payload, SignedCredential};
use healthgate::code::{Options, TestRecord, TestResult};
use healthgate::gate::clock::{ClockMark, FILE_NAME};
use healthgate::time::UnixTime;
use healthgate::verdict::{Colour, Reason};

use super::common::{T0, bare_gate, check, code, fixture, holder};
use healthgate::verdict::CodeColour;

/// 2025-06-01T08:00:00Z.
const JUNE_2025: UnixTime = UnixTime(1_748_764_800);

/// A code the fixture's issuer signed with `edit` applied to honest claims
/// issued at `at`: what a broken or rogue issuing system could produce.
fn signed_with(at: UnixTime, edit: impl FnOnce(&mut native::Claims)) -> String {
    let f = fixture();
    let mut h = holder(CodeColour::Green);
    h.colour_since = Some(at.plus(-3600));
    h.test = Some(HolderTest {
        sampled_at: at.plus(-3600),
        result: TestResult::Negative,
    });
    let honest = authority::issue(&h, &f.issuer, &f.device.public(), at).unwrap();
    let mut payload = native::decode_payload(&honest.payload).unwrap();
    edit(&mut payload.claims);
    let signed = SignedCredential::issue(
        &Payload {
            claims: payload.claims,
            device_key: payload.device_key,
        },
        &f.issuer.key,
    )
    .unwrap();
    authority::present(&signed, &f.device, at)
        .unwrap()
        .to_text()
        .unwrap()
}

#[test]
fn the_authority_refuses_facts_dated_after_the_issue() {
    let f = fixture();
    let mut later_test = holder(CodeColour::Green);
    later_test.test = Some(HolderTest {
        sampled_at: T0.plus(3600),
        result: TestResult::Negative,
    });
    let mut later_colour = holder(CodeColour::Green);
    later_colour.colour_since = Some(T0.plus(86_400));
    for h in [later_test, later_colour] {
        let e = authority::issue(&h, &f.issuer, &f.device.public(), T0).unwrap_err();
        assert!(e.to_string().contains("after the issue time"), "{e}");
    }
    // Within the same minute, and a dose given today, are fine.
    let mut now_test = holder(CodeColour::Green);
    now_test.test = Some(HolderTest {
        sampled_at: T0,
        result: TestResult::Negative,
    });
    authority::issue(&now_test, &f.issuer, &f.device.public(), T0).unwrap();
}

/// The case from the field: issued 2025-06-01 with a test sampled on
/// 2026-11-26 and a colour "since 2026-11-20", checked in June 2025. The
/// hospital's 48 h window would have let it pass.
#[test]
fn facts_after_the_issue_or_the_check_make_a_code_grey() {
    let text = signed_with(JUNE_2025, |c| {
        c.test = Some(TestRecord {
            sampled_at: T0,
            result: TestResult::Negative,
        });
        c.colour_since = UnixTime(T0.0 - 6 * 86_400);
    });
    let checked = check(&text, JUNE_2025.plus(10));
    assert_eq!(checked.verdict.colour, Colour::Grey);
    assert!(
        checked.verdict.reasons.contains(&Reason::DateImpossible),
        "{:?}",
        checked.verdict.reasons
    );
    // A vaccination dated two days after the issue, by day only.
    let dose = signed_with(T0, |c| {
        if let Some(v) = c.vaccination.as_mut() {
            v.last_dose_day = T0.0 / 86_400 + 2;
        }
    });
    let checked = check(&dose, T0.plus(10));
    assert_eq!(checked.verdict.reasons, vec![Reason::DateImpossible]);
    // The honest code at the same time is green.
    let honest = code(CodeColour::Green, T0).to_text().unwrap();
    assert_eq!(check(&honest, T0.plus(10)).verdict.colour, Colour::Green);
}

#[test]
fn a_clock_turned_back_makes_every_verdict_grey_until_it_is_right() {
    let dir = tempfile::tempdir().unwrap();
    let mark_file = dir.path().join(FILE_NAME);
    let gate = bare_gate(&fixture().trust, Options::default())
        .with_clock_mark(ClockMark::open(&mark_file));
    let green = |at: UnixTime| signed_with(at, |_| {});
    assert_eq!(gate.check(&green(T0), T0).verdict.colour, Colour::Green);
    // Someone sets the clock back a day: a code "valid" then is grey.
    let back = T0.plus(-86_400);
    let checked = gate.check(&green(back), back);
    assert_eq!(checked.verdict.colour, Colour::Grey);
    assert!(checked.verdict.reasons.contains(&Reason::ClockBehind));
    assert_eq!(gate.clock_behind(back), Some(T0));
    // Within the allowed skew is not behind.
    let skewed = T0.plus(-200);
    assert_eq!(
        gate.check(&green(skewed), skewed).verdict.colour,
        Colour::Green
    );
    // The clock set right: green again.
    let later = T0.plus(120);
    assert_eq!(
        gate.check(&green(later), later).verdict.colour,
        Colour::Green
    );
    assert_eq!(gate.clock_behind(later), None);
    drop(gate);
    // Kept on disk: a restart with the clock turned back is still behind.
    assert_eq!(
        std::fs::read_to_string(&mark_file).unwrap().trim(),
        later.0.to_string()
    );
    let restarted = bare_gate(&fixture().trust, Options::default())
        .with_clock_mark(ClockMark::open(&mark_file));
    let checked = restarted.check(&green(back), back);
    assert_eq!(checked.verdict.colour, Colour::Grey);
    assert!(checked.verdict.reasons.contains(&Reason::ClockBehind));
}

/// The rules' issue time moves the mark: a kiosk whose clock reads before
/// the bundle it installed was made is behind.
#[test]
fn the_rules_issue_time_is_a_time_seen() {
    use healthgate::bundle::active::{self, ActiveRules, DEFAULT_BUNDLE};
    let root = active::root_key(None).unwrap();
    let bundle = healthgate::bundle::format::Bundle::open(DEFAULT_BUNDLE, &root).unwrap();
    let issued = bundle.issued_at;
    let rules = healthgate::gate::Rules::from_active(ActiveRules::from_bundle(bundle));
    let gate = healthgate::gate::Gate::new(rules, Options::default(), "k", "general")
        .with_clock_mark(ClockMark::in_memory());
    assert_eq!(gate.clock_mark(), Some(issued));
    assert!(gate.clock_behind(issued.plus(-86_400)).is_some());
}
