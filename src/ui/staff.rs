//! The staff screens: the PIN pad, and behind it the settings, the rules,
//! the recent records and the counts per hour. Leaving full screen and
//! quitting are only possible from here.

use iced::widget::{button, canvas, column, container, row, scrollable, slider, text, toggler};
use iced::{Alignment, Color, Element, Length};

use super::Ctx;
use super::chart::HourlyChart;
use super::theme;
use crate::i18n::{Arg, Lang};
use crate::records::{HourCount, Record};
use crate::rules::Colour;
use crate::time::UnixTime;

/// Messages of the PIN pad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinMessage {
    Digit(u8),
    Clear,
    Submit,
    Cancel,
}

/// The PIN pad's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinPad {
    pub entered: String,
    /// The last answer: wrong (tries left) or locked (minutes).
    pub notice: Option<String>,
}

/// What the PIN pad asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinEvent {
    None,
    Submit(String),
    Cancel,
}

impl PinPad {
    /// Handles a message.
    pub fn update(&mut self, message: &PinMessage) -> PinEvent {
        match message {
            PinMessage::Digit(d) => {
                if self.entered.len() < 12 {
                    self.entered.push(char::from(b'0' + d % 10));
                }
                PinEvent::None
            }
            PinMessage::Clear => {
                self.entered.clear();
                PinEvent::None
            }
            PinMessage::Submit => PinEvent::Submit(std::mem::take(&mut self.entered)),
            PinMessage::Cancel => PinEvent::Cancel,
        }
    }

    /// The pad.
    pub fn view(&self, lang: Lang, ctx: &Ctx) -> Element<'_, PinMessage> {
        let i = ctx.i18n;
        let key = |label: String, m: PinMessage| {
            button(container(text(label).size(28)).center(Length::Fill))
                .width(96)
                .height(72)
                .on_press(m)
        };
        let digit = |d: u8| key(d.to_string(), PinMessage::Digit(d));
        let pad = column![
            row![digit(1), digit(2), digit(3)].spacing(10),
            row![digit(4), digit(5), digit(6)].spacing(10),
            row![digit(7), digit(8), digit(9)].spacing(10),
            row![
                key(i.text(lang, "pin-clear"), PinMessage::Clear),
                digit(0),
                key(i.text(lang, "pin-ok"), PinMessage::Submit)
            ]
            .spacing(10),
        ]
        .spacing(10);
        let mut body = column![
            text(i.text(lang, "pin-prompt"))
                .size(32)
                .color(theme::SCAN_TEXT),
            text("●".repeat(self.entered.len()))
                .size(32)
                .color(theme::SCAN_TEXT),
        ]
        .spacing(16)
        .align_x(Alignment::Center);
        if let Some(n) = &self.notice {
            body = body.push(text(n.clone()).size(22).color(theme::WARNING_TEXT));
        }
        body = body.push(pad).push(
            button(text(i.text(lang, "staff-close")).size(20))
                .padding(10)
                .on_press(PinMessage::Cancel),
        );
        container(body)
            .center(Length::Fill)
            .style(|_| container::background(theme::SCAN_BG).color(theme::SCAN_TEXT))
            .into()
    }
}

/// Messages of the staff panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Close,
    SyncNow,
    Venue(String),
    DefaultLanguage(Lang),
    Volume(u8),
    CareDefault(bool),
    AutoReturn(i64),
    Camera(usize),
    Filter(Option<Colour>),
    Export,
    LeaveFullscreen,
    Quit,
}

/// What the staff panel shows.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    pub lang: Lang,
    pub bundle: Option<(String, u64, UnixTime)>,
    pub last_sync: Option<String>,
    pub syncing: bool,
    pub venues: Vec<String>,
    pub venue: &'a str,
    pub default_language: Lang,
    pub volume: u8,
    pub care_default: bool,
    pub auto_return_secs: i64,
    pub cameras: &'a [String],
    pub camera: Option<usize>,
    pub records: &'a [Record],
    pub filter: Option<Colour>,
    pub hours: Vec<HourCount>,
    pub now: UnixTime,
    pub notices: Vec<String>,
}

fn section<'a>(title: String) -> Element<'a, Message> {
    text(title).size(22).color(theme::SCAN_TEXT).into()
}

fn choice<'a>(label: String, selected: bool, m: Message) -> Element<'a, Message> {
    button(text(label).size(16))
        .padding([6, 10])
        .on_press(m)
        .style(move |_, _| iced::widget::button::Style {
            background: Some(
                if selected {
                    theme::ACCENT
                } else {
                    Color::from_rgb(0.18, 0.22, 0.32)
                }
                .into(),
            ),
            text_color: Color::WHITE,
            border: iced::Border::default().rounded(4.0),
            ..iced::widget::button::Style::default()
        })
        .into()
}

/// The panel.
pub fn view<'a>(p: Panel<'a>, ctx: &Ctx) -> Element<'a, Message> {
    let i = ctx.i18n;
    let l = p.lang;
    let mut left = column![].spacing(12).width(Length::FillPortion(1));
    left = left.push(section(i.text(l, "staff-rules")));
    left = left.push(
        text(match &p.bundle {
            Some((authority, version, issued)) => i.text_with(
                l,
                "staff-bundle",
                &[
                    ("authority", Arg::from(authority.clone())),
                    (
                        "version",
                        Arg::from(i64::try_from(*version).unwrap_or(i64::MAX)),
                    ),
                    ("time", Arg::from(issued.to_string())),
                ],
            ),
            None => i.text(l, "staff-bundle-none"),
        })
        .size(16),
    );
    left = left.push(
        text(match &p.last_sync {
            Some(s) => i.text_with(l, "staff-last-sync", &[("result", Arg::from(s.clone()))]),
            None => i.text(l, "staff-never-synced"),
        })
        .size(16),
    );
    let sync = button(
        text(i.text(
            l,
            if p.syncing {
                "staff-syncing"
            } else {
                "staff-sync-now"
            },
        ))
        .size(16),
    )
    .padding(8);
    left = left.push(if p.syncing {
        sync
    } else {
        sync.on_press(Message::SyncNow)
    });
    for n in &p.notices {
        left = left.push(text(n.clone()).size(15).color(theme::WARNING_TEXT));
    }
    left = left.push(section(i.text(l, "staff-venue")));
    left = left.push(
        row(p
            .venues
            .iter()
            .map(|v| choice(v.clone(), v == p.venue, Message::Venue(v.clone()))))
        .spacing(6)
        .wrap(),
    );
    left = left.push(section(i.text(l, "staff-default-language")));
    left = left.push(
        row(Lang::ALL.iter().map(|x| {
            choice(
                x.native_name().to_string(),
                *x == p.default_language,
                Message::DefaultLanguage(*x),
            )
        }))
        .spacing(6)
        .wrap(),
    );
    left = left.push(section(i.text(l, "staff-camera")));
    left = left.push(
        row(p
            .cameras
            .iter()
            .enumerate()
            .map(|(n, c)| choice(c.clone(), p.camera == Some(n), Message::Camera(n))))
        .spacing(6)
        .wrap(),
    );
    left = left.push(
        row![
            text(i.text(l, "staff-volume")).size(16),
            slider(0..=100u8, p.volume, Message::Volume).width(200),
            text(p.volume.to_string()).size(16),
        ]
        .spacing(10)
        .align_y(Alignment::Center),
    );
    left = left.push(
        toggler(p.care_default)
            .label(i.text(l, "staff-care-default"))
            .on_toggle(Message::CareDefault),
    );
    left = left.push(
        row![
            text(i.text_with(
                l,
                "staff-auto-return",
                &[("seconds", Arg::from(p.auto_return_secs))]
            ))
            .size(16),
            button(text("-").size(16))
                .padding([4, 12])
                .on_press(Message::AutoReturn(-1)),
            button(text("+").size(16))
                .padding([4, 12])
                .on_press(Message::AutoReturn(1)),
        ]
        .spacing(10)
        .align_y(Alignment::Center),
    );
    left = left.push(
        row![
            button(text(i.text(l, "staff-fullscreen")).size(16))
                .padding(8)
                .on_press(Message::LeaveFullscreen),
            button(text(i.text(l, "staff-quit")).size(16))
                .padding(8)
                .on_press(Message::Quit),
            button(text(i.text(l, "staff-close")).size(16))
                .padding(8)
                .on_press(Message::Close),
        ]
        .spacing(10),
    );

    let mut right = column![].spacing(10).width(Length::FillPortion(1));
    right = right.push(section(i.text(l, "staff-counts")));
    right = right.push(
        canvas(HourlyChart {
            hours: p.hours,
            now_hour: UnixTime(p.now.0 - p.now.0.rem_euclid(3600)),
        })
        .width(Length::Fill)
        .height(120),
    );
    right = right.push(section(i.text(l, "staff-records")));
    let filters = [
        (None, i.text(l, "staff-filter-all")),
        (Some(Colour::Green), i.text(l, "verdict-green")),
        (Some(Colour::Yellow), i.text(l, "verdict-yellow")),
        (Some(Colour::Red), i.text(l, "verdict-red")),
        (Some(Colour::Grey), i.text(l, "verdict-grey")),
    ];
    right = right.push(
        row(filters
            .into_iter()
            .map(|(f, label)| choice(label, p.filter == f, Message::Filter(f))))
        .spacing(6)
        .wrap(),
    );
    let mut list = column![].spacing(4);
    for r in p.records {
        let (bg, fg) = theme::verdict_colours(r.verdict);
        list = list.push(
            container(
                text(format!(
                    "{}  {}  {}  …{}  {}",
                    super::verdict::clock(r.at),
                    r.verdict.as_str(),
                    r.masked_name.as_deref().unwrap_or("-"),
                    r.id_tail.as_deref().unwrap_or("-"),
                    r.reasons.join(" ")
                ))
                .size(14)
                .color(fg),
            )
            .padding([2, 6])
            .width(Length::Fill)
            .style(move |_| container::background(bg)),
        );
    }
    right = right.push(scrollable(list).height(Length::Fill));
    right = right.push(
        button(text(i.text(l, "staff-export")).size(16))
            .padding(8)
            .on_press(Message::Export),
    );

    let top = row![
        text(i.text(l, "staff-title"))
            .size(28)
            .color(theme::SCAN_TEXT)
    ]
    .spacing(20);
    let body = column![
        top,
        row![scrollable(left).width(Length::FillPortion(1)), right].spacing(24)
    ]
    .spacing(16)
    .padding(20);
    container(body)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(|_| container::background(theme::SCAN_BG).color(theme::SCAN_TEXT))
        .into()
}
