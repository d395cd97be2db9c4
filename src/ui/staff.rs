//! The staff screens: the PIN pad, and behind it the settings, the rules,
//! the recent records and the counts per hour. Leaving full screen and
//! quitting are only possible from here.

use iced::widget::{
    Text, button, canvas, column, container, row, scrollable, slider, text, toggler,
};
use iced::{Alignment, Color, Element, Font, Length};

use super::chart::HourlyChart;
use super::theme;
use super::{Ctx, rtl_row};
use crate::bundle::store::{SyncResult, SyncStatus};
use crate::code::Format;
use crate::config::Config;
use crate::i18n::{Arg, Lang};
use crate::records::{HourCount, Record};
use crate::scan::camera::Control;
use crate::time::UnixTime;
use crate::verdict::Colour;

/// Messages of the PIN pad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinMessage {
    Digit(u8),
    Clear,
    Submit,
    Cancel,
}

/// What the PIN pad asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PinMode {
    /// The staff PIN, to open the staff screen.
    #[default]
    Enter,
    /// A new PIN: the factory PIN was entered on a kiosk with real rules,
    /// and must be replaced before anything else.
    New,
    /// The new PIN once more (the first entry is held here).
    Confirm(String),
}

/// The PIN pad's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinPad {
    pub entered: String,
    pub mode: PinMode,
    /// The last answer: wrong (tries left), locked (minutes), or what the
    /// new PIN needs.
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
        let f = super::font(lang);
        let key = |label: String, m: PinMessage| {
            button(container(text_in(f, label).size(28)).center(Length::Fill))
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
        let prompt = match self.mode {
            PinMode::Enter => "pin-prompt",
            PinMode::New => "pin-new",
            PinMode::Confirm(_) => "pin-new-again",
        };
        let mut body = column![
            text_in(f, i.text(lang, prompt))
                .size(32)
                .color(theme::SCAN_TEXT),
            text_in(f, "●".repeat(self.entered.len()))
                .size(32)
                .color(theme::SCAN_TEXT),
        ]
        .spacing(16)
        .align_x(Alignment::Center);
        if let Some(n) = &self.notice {
            body = body.push(text_in(f, n.clone()).size(22).color(theme::WARNING_TEXT));
        }
        body = body.push(pad).push(
            button(text_in(f, i.text(lang, "staff-close")).size(20))
                .padding(10)
                .on_press(PinMessage::Cancel),
        );
        container(body)
            .center(Length::Fill)
            .style(|_| container::background(theme::SCAN_BG).color(theme::SCAN_TEXT))
            .into()
    }
}

/// The staff panel's own state: the kiosk's config with the settings as
/// staff edit them ([`crate::config::STAFF_KEYS`]), and the records filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub settings: Config,
    pub filter: Option<Colour>,
    /// Only records of this code format.
    pub format_filter: Option<Format>,
}

/// Messages of the staff panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Close,
    SyncNow,
    Venue(String),
    DefaultLanguage(Lang),
    /// The volume slider moved (shown at once, kept on release).
    Volume(u8),
    VolumeReleased,
    CareDefault(bool),
    AutoReturn(i64),
    /// A camera of the list, by name.
    Camera(String),
    /// A picture setting's slider moved (shown at once, applied on
    /// release), or `None`: back to the camera's own.
    Picture(Control, Option<u8>),
    PictureReleased,
    Filter(Option<Colour>),
    FormatFilter(Option<Format>),
    Export,
    LeaveFullscreen,
    Quit,
}

/// What the staff panel asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    None,
    /// The settings changed: apply and keep them.
    Changed(Config),
    /// A camera was chosen (perhaps the one in use): apply, keep, and
    /// (re)start it, ending the demo.
    CameraChosen(Config),
    /// Show the records of this verdict (all: `None`).
    Filter(Option<Colour>),
    SyncNow,
    Export,
    Close,
    LeaveFullscreen,
    Quit,
}

impl Staff {
    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Event {
        let p = &mut self.settings;
        match message {
            Message::Close => return Event::Close,
            Message::SyncNow => return Event::SyncNow,
            Message::Export => return Event::Export,
            Message::LeaveFullscreen => return Event::LeaveFullscreen,
            Message::Quit => return Event::Quit,
            Message::Filter(f) => {
                self.filter = f;
                return Event::Filter(f);
            }
            Message::FormatFilter(f) => {
                self.format_filter = f;
                return Event::Filter(self.filter);
            }
            Message::Volume(v) => {
                p.volume = v.min(100);
                return Event::None;
            }
            Message::VolumeReleased | Message::PictureReleased => {}
            Message::Venue(v) => p.venue = v,
            Message::DefaultLanguage(l) => l.tag().clone_into(&mut p.default_language),
            Message::CareDefault(on) => p.care_mode = on,
            Message::AutoReturn(d) => {
                p.auto_return_seconds = (p.auto_return_seconds + d).clamp(2, 60);
            }
            Message::Camera(name) => {
                p.camera = name;
                return Event::CameraChosen(self.settings.clone());
            }
            Message::Picture(control, value) => {
                let slot = match control {
                    Control::Brightness => &mut p.brightness,
                    Control::Exposure => &mut p.exposure,
                };
                *slot = value.map(|v| v.min(100));
                if value.is_some() {
                    return Event::None;
                }
            }
        }
        Event::Changed(self.settings.clone())
    }
}

/// What the staff panel shows besides its own state.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    pub lang: Lang,
    pub staff: &'a Staff,
    pub bundle: Option<(String, u64, UnixTime)>,
    /// How the last sync went (its result translated; the detail is the
    /// technical sentence staff pass on to IT).
    pub last_sync: &'a SyncStatus,
    pub syncing: bool,
    pub venues: Vec<String>,
    /// The venue's country and how many EU DCC Acceptance rules it has in
    /// the bundle (`None`: no country set).
    pub country: Option<(String, usize)>,
    pub cameras: &'a [String],
    /// Where the settings are kept (`None`: they last until restart).
    pub settings_file: Option<String>,
    pub records: &'a [Record],
    pub hours: Vec<HourCount>,
    pub now: UnixTime,
    /// The clock's mark when the clock reads earlier (it was turned back).
    pub clock_behind: Option<UnixTime>,
    pub notices: Vec<String>,
}

/// Screen text in `f`, the staff language's font (the other shipped fonts
/// are its fallback for a name in another script).
fn text_in<'a>(f: Font, content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).font(f)
}

fn section<'a>(f: Font, title: String) -> Element<'a, Message> {
    text_in(f, title).size(22).color(theme::SCAN_TEXT).into()
}

/// A row of choices for a records filter, the one in force marked.
fn filter_row<'a, T: PartialEq + Copy, const N: usize>(
    f: Font,
    l: Lang,
    options: [(T, String); N],
    selected: T,
    message: fn(T) -> Message,
) -> Element<'a, Message> {
    rtl_row(
        l,
        options
            .into_iter()
            .map(|(value, label)| choice(f, label, value == selected, message(value)))
            .collect(),
    )
    .spacing(6)
    .wrap()
    .into()
}

fn choice<'a>(f: Font, label: String, selected: bool, m: Message) -> Element<'a, Message> {
    button(text_in(f, label).size(16))
        .padding([5, 9])
        .on_press(m)
        .style(theme::choice(
            selected,
            Color::from_rgb(0.18, 0.22, 0.32),
            4.0,
        ))
        .into()
}

/// The screen text of a sync result.
fn sync_result_key(result: SyncResult) -> &'static str {
    match result {
        SyncResult::Installed => "sync-installed",
        SyncResult::Unchanged => "sync-unchanged",
        SyncResult::Refused => "sync-refused",
        SyncResult::Failed => "sync-failed",
    }
}

/// A time for staff on the kiosk's clock, and how long ago:
/// `2026-11-26 16:30 UTC+08:00 (6 days ago)`.
fn staff_time_with_age(ctx: &Ctx, lang: Lang, t: UnixTime) -> String {
    ctx.i18n.text_with(
        lang,
        "time-with-age",
        &[
            ("time", Arg::from(ctx.zone.staff_time(t))),
            (
                "age",
                Arg::from(super::when::age(ctx.i18n, lang, t, ctx.now)),
            ),
        ],
    )
}

/// The panel.
pub fn view<'a>(p: Panel<'a>, ctx: &Ctx) -> Element<'a, Message> {
    let i = ctx.i18n;
    let l = p.lang;
    let f = super::font(l);
    let prefs = &p.staff.settings;
    let default_language = Lang::from_tag(&prefs.default_language);
    // Right to left in Arabic: rows run the other way, columns hug the right.
    let dir = |items: Vec<Element<'a, Message>>| rtl_row(l, items);
    let side = if l.is_rtl() {
        Alignment::End
    } else {
        Alignment::Start
    };
    // Room for the scroll bar (always on the right).
    let bar = iced::Padding::ZERO.right(14);
    let mut left = column![]
        .spacing(8)
        .width(Length::FillPortion(1))
        .padding(bar)
        .align_x(side);
    if let Some(mark) = p.clock_behind {
        left = left.push(
            text_in(
                f,
                i.text_with(
                    l,
                    "staff-clock-behind",
                    &[
                        ("now", Arg::from(ctx.zone.staff_time(p.now))),
                        ("mark", Arg::from(ctx.zone.staff_time(mark))),
                    ],
                ),
            )
            .size(18)
            .color(theme::WARNING_TEXT),
        );
    }
    left = left.push(section(f, i.text(l, "staff-rules")));
    left = left.push(
        text_in(
            f,
            match &p.bundle {
                Some((authority, version, issued)) => i.text_with(
                    l,
                    "staff-bundle",
                    &[
                        ("authority", Arg::from(authority.clone())),
                        (
                            "version",
                            Arg::from(i64::try_from(*version).unwrap_or(i64::MAX)),
                        ),
                        ("time", Arg::from(staff_time_with_age(ctx, l, *issued))),
                    ],
                ),
                None => i.text(l, "staff-bundle-none"),
            },
        )
        .size(16),
    );
    left = left.push(
        text_in(
            f,
            match (p.last_sync.outcome, p.last_sync.attempted_at) {
                (Some(result), Some(at)) => i.text_with(
                    l,
                    "staff-last-sync",
                    &[
                        ("result", Arg::from(i.text(l, sync_result_key(result)))),
                        ("time", Arg::from(staff_time_with_age(ctx, l, at))),
                    ],
                ),
                _ => i.text(l, "staff-never-synced"),
            },
        )
        .size(16),
    );
    if let Some(detail) = p
        .last_sync
        .detail
        .as_ref()
        .filter(|_| p.last_sync.outcome.is_some_and(|r| !r.succeeded()))
    {
        left = left.push(
            text_in(f, detail.clone())
                .size(13)
                .color(theme::WARNING_TEXT),
        );
    }
    let sync = button(
        text_in(
            f,
            i.text(
                l,
                if p.syncing {
                    "staff-syncing"
                } else {
                    "staff-sync-now"
                },
            ),
        )
        .size(16),
    )
    .padding(8);
    left = left.push(if p.syncing {
        sync
    } else {
        sync.on_press(Message::SyncNow)
    });
    for n in &p.notices {
        left = left.push(text_in(f, n.clone()).size(15).color(theme::WARNING_TEXT));
    }
    left = left.push(section(f, i.text(l, "staff-venue")));
    left = left.push(
        dir(p
            .venues
            .iter()
            .map(|v| choice(f, v.clone(), *v == prefs.venue, Message::Venue(v.clone())))
            .collect())
        .spacing(6)
        .wrap(),
    );
    left = left.push(
        text_in(
            f,
            match &p.country {
                Some((country, rules)) => i.text_with(
                    l,
                    "staff-country",
                    &[
                        ("country", Arg::from(country.clone())),
                        (
                            "rules",
                            Arg::from(i64::try_from(*rules).unwrap_or(i64::MAX)),
                        ),
                    ],
                ),
                None => i.text(l, "staff-country-none"),
            },
        )
        .size(16),
    );
    left = left.push(section(f, i.text(l, "staff-default-language")));
    left = left.push(
        dir(Lang::ALL
            .iter()
            .map(|x| {
                // Each language's name in its own script's font.
                choice(
                    super::font(*x),
                    x.native_name().to_string(),
                    Some(*x) == default_language,
                    Message::DefaultLanguage(*x),
                )
            })
            .collect())
        .spacing(6)
        .wrap(),
    );
    left = left.push(section(f, i.text(l, "staff-camera")));
    if p.cameras.is_empty() {
        left = left.push(text_in(f, i.text(l, "camera-none")).size(16));
    } else {
        // An empty setting is the first camera; a name picks the first that contains it.
        let wanted = prefs.camera.to_lowercase();
        let in_use = p
            .cameras
            .iter()
            .position(|c| c.to_lowercase() == wanted)
            .or_else(|| {
                p.cameras
                    .iter()
                    .position(|c| !wanted.is_empty() && c.to_lowercase().contains(&wanted))
            })
            .unwrap_or(0);
        left = left.push(
            dir(p
                .cameras
                .iter()
                .enumerate()
                .map(|(n, c)| choice(f, c.clone(), n == in_use, Message::Camera(c.clone())))
                .collect())
            .spacing(6)
            .wrap(),
        );
    }
    if !p.cameras.is_empty() {
        // Brightness and exposure, where the camera offers them (a camera
        // that does not is left as it is, and the log says so).
        let mut items: Vec<Element<'a, Message>> = Vec::new();
        for (control, value, key) in [
            (Control::Brightness, prefs.brightness, "staff-brightness"),
            (Control::Exposure, prefs.exposure, "staff-exposure"),
        ] {
            items.push(text_in(f, i.text(l, key)).size(16).into());
            items.push(
                slider(0..=100u8, value.unwrap_or(50), move |v| {
                    Message::Picture(control, Some(v))
                })
                .on_release(Message::PictureReleased)
                .width(110)
                .into(),
            );
            if let Some(v) = value {
                items.push(text_in(f, v.to_string()).size(16).into());
            }
            items.push(choice(
                f,
                i.text(l, "staff-auto"),
                value.is_none(),
                Message::Picture(control, None),
            ));
        }
        left = left.push(dir(items).spacing(10).align_y(Alignment::Center));
    }
    left = left.push(
        dir(vec![
            text_in(f, i.text(l, "staff-volume")).size(16).into(),
            slider(0..=100u8, prefs.volume, Message::Volume)
                .on_release(Message::VolumeReleased)
                .width(200)
                .into(),
            text_in(f, prefs.volume.to_string()).size(16).into(),
        ])
        .spacing(10)
        .align_y(Alignment::Center),
    );
    left = left.push(
        toggler(prefs.care_mode)
            .label(i.text(l, "staff-care-default"))
            .on_toggle(Message::CareDefault),
    );
    left = left.push(
        dir(vec![
            text_in(
                f,
                i.text_with(
                    l,
                    "staff-auto-return",
                    &[("seconds", Arg::from(prefs.auto_return_seconds))],
                ),
            )
            .size(16)
            .into(),
            button(text_in(f, "-").size(16))
                .padding([4, 12])
                .on_press(Message::AutoReturn(-1))
                .into(),
            button(text_in(f, "+").size(16))
                .padding([4, 12])
                .on_press(Message::AutoReturn(1))
                .into(),
        ])
        .spacing(10)
        .align_y(Alignment::Center),
    );
    // The path on a line of its own: inside a right-to-left sentence the
    // bidi algorithm would reorder its parts.
    match &p.settings_file {
        Some(file) => {
            left = left.push(
                text_in(f, i.text(l, "staff-settings-kept"))
                    .size(14)
                    .color(theme::MUTED_TEXT),
            );
            left = left.push(text_in(f, file.clone()).size(14).color(theme::MUTED_TEXT));
        }
        None => {
            left = left.push(
                text_in(f, i.text(l, "staff-settings-not-kept"))
                    .size(14)
                    .color(theme::MUTED_TEXT),
            );
        }
    }

    let mut right = column![]
        .spacing(10)
        .width(Length::FillPortion(1))
        .align_x(side);
    right = right.push(section(f, i.text(l, "staff-counts")));
    right = right.push(
        canvas(HourlyChart {
            hours: p.hours,
            now_hour: UnixTime(p.now.0 - p.now.0.rem_euclid(3600)),
        })
        .width(Length::Fill)
        .height(120),
    );
    right = right.push(section(f, i.text(l, "staff-records")));
    let filters = [
        (None, i.text(l, "staff-filter-all")),
        (Some(Colour::Green), i.text(l, "verdict-green")),
        (Some(Colour::Yellow), i.text(l, "verdict-yellow")),
        (Some(Colour::Red), i.text(l, "verdict-red")),
        (Some(Colour::Grey), i.text(l, "verdict-grey")),
    ];
    right = right.push(filter_row(f, l, filters, p.staff.filter, Message::Filter));
    // The formats a kiosk reads, for staff to see one at a time.
    let formats = [
        (None, i.text(l, "staff-format-all")),
        (Some(Format::Hgc1), i.text(l, "format-hgc1")),
        (Some(Format::Dcc), i.text(l, "format-dcc")),
        (Some(Format::Shc), i.text(l, "format-shc")),
    ];
    right = right.push(filter_row(
        f,
        l,
        formats,
        p.staff.format_filter,
        Message::FormatFilter,
    ));
    let mut list = column![].spacing(4);
    for r in p.records {
        let (bg, fg) = theme::verdict_colours(r.verdict);
        // One text a field, so a right-to-left name cannot reorder the line.
        let cell = |s: String, width: Length| -> Element<'a, Message> {
            container(text_in(f, s).size(14).color(fg))
                .width(width)
                .align_x(side)
                .into()
        };
        let reasons: Vec<String> = r
            .reasons
            .iter()
            .map(|k| {
                crate::verdict::Reason::from_key(k).map_or_else(|| k.clone(), |r| i.reason(l, r))
            })
            .collect();
        list = list.push(
            container(
                dir(vec![
                    cell(ctx.zone.clock(r.at), Length::Fixed(48.0)),
                    cell(
                        i.text(l, super::verdict::word_key(r.verdict)),
                        Length::Fixed(110.0),
                    ),
                    cell(
                        r.masked_name.clone().unwrap_or_else(|| "-".into()),
                        Length::Fixed(90.0),
                    ),
                    cell(
                        r.id_tail
                            .as_deref()
                            .map_or_else(|| "-".into(), |t| format!("…{t}")),
                        Length::Fixed(60.0),
                    ),
                    cell(reasons.join(" · "), Length::Fill),
                ])
                .spacing(8),
            )
            .padding([2, 6])
            .width(Length::Fill)
            .style(move |_| container::background(bg)),
        );
    }
    right = right.push(scrollable(list).height(Length::Fill));
    right = right.push(
        button(text_in(f, i.text(l, "staff-export")).size(16))
            .padding(8)
            .on_press(Message::Export),
    );

    // Always in view: closing, leaving full screen and quitting.
    let top = dir(vec![
        text_in(f, i.text(l, "staff-title"))
            .size(28)
            .color(theme::SCAN_TEXT)
            .into(),
        iced::widget::space::horizontal().into(),
        button(text_in(f, i.text(l, "staff-fullscreen")).size(16))
            .padding(8)
            .on_press(Message::LeaveFullscreen)
            .into(),
        button(text_in(f, i.text(l, "staff-quit")).size(16))
            .padding(8)
            .on_press(Message::Quit)
            .into(),
        button(text_in(f, i.text(l, "staff-close")).size(16))
            .padding(8)
            .on_press(Message::Close)
            .into(),
    ])
    .spacing(12)
    .align_y(Alignment::Center);
    let body = column![
        top,
        dir(vec![
            scrollable(left).width(Length::FillPortion(1)).into(),
            right.into()
        ])
        .spacing(24)
    ]
    .spacing(16)
    .padding(20);
    container(body)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(|_| container::background(theme::SCAN_BG).color(theme::SCAN_TEXT))
        .into()
}
