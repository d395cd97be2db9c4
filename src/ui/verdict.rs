//! The verdict screen: the whole screen in the verdict's colour, a large
//! icon and word, the reasons in plain language, the masked name and ID
//! tail, the test and vaccination summary, and the time.

use iced::widget::{button, column, container, space, text};
use iced::{Alignment, Color, Element, Length};

use super::theme::{self, Sizes, verdict_colours, verdict_icon};
use super::{Ctx, rtl_row};
use crate::code::{Format, TestResult};
use crate::gate::Checked;
use crate::i18n::{Arg, Lang};
use crate::time::UnixTime;
use crate::verdict::{Colour, FailedRule, Reason, RuleKind};

/// What the verdict screen shows; nothing else of the code is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub colour: Colour,
    pub reasons: Vec<Reason>,
    pub name: Option<String>,
    pub id_tail: Option<String>,
    pub test: Option<(UnixTime, TestResult)>,
    pub vaccination: Option<(u8, i64)>,
    /// The doses the series needs (an EU DCC's "dose 1 of 2").
    pub series: Option<u8>,
    /// The last day a recovery certificate is valid.
    pub recovery_until: Option<i64>,
    /// The year of birth (an EU DCC carries the date; the year is shown).
    pub birth_year: Option<String>,
    /// The issuing country of an EU DCC.
    pub country: Option<String>,
    /// The first EU DCC country rule that did not hold, to name on screen.
    pub rule: Option<FailedRule>,
    /// The kiosk's own language: a rule's description falls back to it
    /// when the rule has none in the language shown.
    pub kiosk_lang: Lang,
    pub checked_at: UnixTime,
}

impl Verdict {
    /// What the screen shows of a checked code, at a kiosk whose language
    /// is `kiosk_lang`.
    pub fn of(checked: &Checked, kiosk_lang: Lang) -> Self {
        let c = checked.credential.as_ref();
        Self {
            colour: checked.verdict.colour,
            reasons: checked.verdict.reasons.clone(),
            name: c.map(|c| c.holder.masked_name.clone()),
            id_tail: c.and_then(|c| c.holder.id_tail.clone()),
            test: c.and_then(|c| c.test).map(|t| (t.sampled_at, t.result)),
            vaccination: c
                .and_then(|c| c.vaccination.as_ref())
                .map(|v| (v.doses, v.last_dose_day)),
            series: c
                .and_then(|c| c.vaccination.as_ref())
                .and_then(|v| v.series),
            recovery_until: c.and_then(|c| c.recovery).map(|r| r.valid_until_day),
            birth_year: c.and_then(|c| c.holder.birth_year()).map(str::to_string),
            country: c
                .filter(|c| c.format == Format::Dcc)
                .map(|c| c.issuer.clone()),
            rule: checked
                .verdict
                .rules
                .iter()
                .find(|r| r.kind != RuleKind::Venue)
                .cloned(),
            kiosk_lang,
            checked_at: checked.at,
        }
    }
}

/// Messages of the verdict screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Next,
}

/// What the verdict screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Done,
}

/// Handles a message.
pub fn update(message: &Message) -> Event {
    match message {
        Message::Next => Event::Done,
    }
}

/// The Fluent key of a verdict's word ("PASS").
pub fn word_key(c: Colour) -> &'static str {
    verdict_key(c).0
}

fn verdict_key(c: Colour) -> (&'static str, &'static str) {
    match c {
        Colour::Green => ("verdict-green", "verdict-green-line"),
        Colour::Yellow => ("verdict-yellow", "verdict-yellow-line"),
        Colour::Red => ("verdict-red", "verdict-red-line"),
        Colour::Grey => ("verdict-grey", "verdict-grey-line"),
    }
}

/// The line of an EU DCC's one certificate.
fn dcc_details(v: &Verdict, lang: Lang, ctx: &Ctx, test: &str) -> String {
    let i18n = ctx.i18n;
    if let Some((dose, day)) = v.vaccination {
        let date = UnixTime::format_date_days(day);
        let doses = match v.series {
            Some(series) => i18n.text_with(
                lang,
                "vaccination-dose-of",
                &[
                    ("dose", Arg::from(i64::from(dose))),
                    ("series", Arg::from(i64::from(series))),
                    ("date", Arg::from(date)),
                ],
            ),
            None => i18n.text_with(
                lang,
                "vaccination-doses",
                &[
                    ("doses", Arg::from(i64::from(dose))),
                    ("date", Arg::from(date)),
                ],
            ),
        };
        format!("{}: {doses}", i18n.text(lang, "label-vaccination"))
    } else if let Some(day) = v.recovery_until {
        format!(
            "{}: {}",
            i18n.text(lang, "label-recovery"),
            i18n.text_with(
                lang,
                "recovery-valid-until",
                &[("date", Arg::from(UnixTime::format_date_days(day)))]
            )
        )
    } else {
        format!("{}: {test}", i18n.text(lang, "label-test"))
    }
}

/// The screen. In care mode the text is 2.5 times larger and the verdict
/// word as large as fits; details a person need not read are left out so
/// nothing scrolls on a 1280x720 screen.
pub fn view<'a>(v: &'a Verdict, lang: Lang, ctx: &Ctx) -> Element<'a, Message> {
    let i18n = ctx.i18n;
    let s = Sizes::new(ctx.care);
    let font = super::font(lang);
    let (bg, fg) = verdict_colours(v.colour);
    let (word_key, line_key) = verdict_key(v.colour);
    let word = i18n.text(lang, word_key);
    let line = i18n.text(lang, line_key);
    let word_size = if ctx.care {
        s.fit_line(&word, 64.0, 980.0)
    } else {
        s.fit(&word, 110.0, 960.0)
    };
    let body_width = 1180.0;
    let icon = text(verdict_icon(v.colour)).size(word_size).color(fg);
    let bold = iced::Font {
        weight: iced::font::Weight::Bold,
        ..font
    };
    let head = rtl_row(
        lang,
        vec![
            icon.into(),
            text(word).size(word_size).font(bold).color(fg).into(),
        ],
    )
    .spacing(s.px(16.0))
    .align_y(Alignment::Center);
    let mut body = column![head]
        .spacing(if ctx.care { 14.0 } else { 12.0 })
        .align_x(Alignment::Center);
    body = body.push(
        text(line.clone())
            .size(s.fit_line(&line, if ctx.care { 28.0 } else { 40.0 }, body_width))
            .font(font)
            .color(fg),
    );
    // Reasons a person can act on; in care mode the first one only, and
    // none when a country rule is named below (its words say why).
    let care_room = usize::from(v.rule.is_none());
    let shown: Vec<Reason> = v
        .reasons
        .iter()
        .copied()
        .filter(|r| *r != Reason::RulesStale || v.reasons.len() == 1)
        .take(if ctx.care { care_room } else { 3 })
        .collect();
    for r in shown {
        let reason = i18n.reason(lang, r);
        body = body.push(
            text(reason.clone())
                .size(s.fit_line(&reason, 28.0, body_width))
                .font(font)
                .color(fg),
        );
    }
    // A country rule that did not hold: which, and why in the rule's own
    // words (in the language shown, else the kiosk's, else English).
    if let Some(rule) = &v.rule {
        body = body.push(
            text(i18n.text_with(lang, "label-rule", &[("id", Arg::from(rule.id.clone()))]))
                .size(if ctx.care { 36.0 } else { 30.0 })
                .font(bold)
                .color(fg),
        );
        if let Some(why) = rule.description(&[lang.tag(), v.kiosk_lang.tag()]) {
            body = body.push(
                text(why.to_string())
                    .size(if ctx.care { 32.0 } else { 26.0 })
                    .font(font)
                    .color(fg)
                    .width(Length::Fixed(body_width))
                    .align_x(Alignment::Center),
            );
        }
    }
    let who = match (&v.name, &v.id_tail, &v.birth_year) {
        (Some(name), Some(tail), _) => Some(format!(
            "{name}   ·   {} …{tail}",
            i18n.text(lang, "label-id")
        )),
        // An EU DCC: the year of birth and the issuing country.
        (Some(name), None, Some(year)) => {
            let mut who = format!(
                "{name}   ·   {}",
                i18n.text_with(lang, "label-born", &[("year", Arg::from(year.clone()))])
            );
            if let Some(country) = &v.country {
                who.push_str("   ·   ");
                who.push_str(&i18n.text_with(
                    lang,
                    "label-issued-in",
                    &[("country", Arg::from(country.clone()))],
                ));
            }
            Some(who)
        }
        _ => None,
    };
    // A line that mixes a Latin name or code with right-to-left text reads
    // from the right in a right-to-left language: a right-to-left mark first
    // sets the line's direction.
    let direction = |line: String| {
        if lang.is_rtl() {
            format!("\u{200f}{line}")
        } else {
            line
        }
    };
    if let Some(who) = who.map(direction) {
        body = body.push(
            text(who.clone())
                .size(s.fit_line(&who, if ctx.care { 28.0 } else { 36.0 }, body_width))
                .font(font)
                .color(fg),
        );
    }
    if !ctx.care {
        // "2 Dec 08:30 (23 h ago)" on the kiosk's clock.
        let when = |at: UnixTime| ctx.zone.short_with_age(i18n, lang, at, ctx.now);
        let test = match v.test {
            Some((at, TestResult::Negative)) => {
                i18n.text_with(lang, "test-negative", &[("time", Arg::from(when(at)))])
            }
            Some((at, TestResult::Positive)) => {
                i18n.text_with(lang, "test-positive", &[("time", Arg::from(when(at)))])
            }
            None => i18n.text(lang, "test-none"),
        };
        let vacc = match v.vaccination {
            Some((doses, day)) => i18n.text_with(
                lang,
                "vaccination-doses",
                &[
                    ("doses", Arg::from(i64::from(doses))),
                    ("date", Arg::from(UnixTime::format_date_days(day))),
                ],
            ),
            None => i18n.text(lang, "vaccination-none"),
        };
        let details = if v.country.is_some() {
            // An EU DCC is one certificate: a vaccination, a test or a recovery.
            dcc_details(v, lang, ctx, &test)
        } else {
            format!(
                "{}: {test}    {}: {vacc}",
                i18n.text(lang, "label-test"),
                i18n.text(lang, "label-vaccination")
            )
        };
        if v.name.is_some() {
            body = body.push(text(direction(details)).size(22).font(font).color(fg));
        }
        body = body.push(
            text(format!(
                "{} {}",
                i18n.text(lang, "label-checked-at"),
                ctx.zone.clock(v.checked_at)
            ))
            .size(22)
            .font(font)
            .color(fg),
        );
    }
    let next = button(
        text(i18n.text(lang, "back-to-scan"))
            .size(s.px(if ctx.care { 16.0 } else { 24.0 }))
            .font(font),
    )
    .padding(12.0)
    .on_press(Message::Next);
    let mut screen = column![].padding(24).align_x(Alignment::Center);
    if ctx.demo {
        // DEMO on every screen, readable on every verdict colour.
        let tag = super::demo_tag(ctx, lang);
        screen = screen.push(
            container(
                text(tag)
                    .size(if ctx.care { 24.0 } else { 18.0 })
                    .font(font)
                    .color(Color::BLACK),
            )
            .padding([6, 14])
            .style(|_| {
                container::background(theme::DEMO_BG).border(
                    iced::Border::default()
                        .width(2)
                        .color(Color::BLACK)
                        .rounded(6),
                )
            }),
        );
    }
    let screen = screen
        .push(space::vertical())
        .push(body)
        .push(space::vertical())
        .push(container(next).center_x(Length::Fill));
    container(screen)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(move |_| container::background(bg).color(fg))
        .into()
}
