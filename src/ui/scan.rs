//! The scan screen: the mirrored camera preview, a large "show your code"
//! prompt, the language choices, the state of the rules and the camera, and
//! the demo when there is no camera.

use iced::widget::{button, canvas, column, container, image, space, stack, text};
use iced::{Alignment, Color, ContentFit, Element, Length};

use super::aim::Target;
use super::theme::{self, Sizes};
use super::{Ctx, rtl_row};
use crate::gate::RulesState;
use crate::i18n::{Arg, Lang};
use crate::scan::decoder::AimHint;
use crate::scan::supervisor::CameraState;

/// The preview's size on screen: large enough to aim by, beside the prompt,
/// in a camera's 16:9.
const PREVIEW_W: f32 = 640.0;
const PREVIEW_H: f32 = 360.0;

/// Messages of the scan screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Language(Lang),
    CareToggled,
    Staff,
    StartDemo,
}

/// What the scan screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Language(Lang),
    ToggleCare,
    OpenStaff,
    StartDemo,
}

/// Handles a message.
pub fn update(message: &Message) -> Event {
    match message {
        Message::Language(l) => Event::Language(*l),
        Message::CareToggled => Event::ToggleCare,
        Message::Staff => Event::OpenStaff,
        Message::StartDemo => Event::StartDemo,
    }
}

/// What the scan screen needs to draw.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub lang: Lang,
    pub camera: CameraState,
    pub rules: RulesState,
    pub preview: Option<&'a image::Handle>,
    pub demo_running: bool,
    /// The demo may be offered (the DEMO authority is accepted here).
    pub demo_allowed: bool,
    /// A card shown in parts: chunks read, of how many.
    pub chunks: Option<(usize, usize)>,
    /// A code in view but not read yet: what would help.
    pub aim: Option<AimHint>,
}

/// The spoken sentence of an aiming hint.
pub fn aim_clip(hint: AimHint) -> crate::voice::Clip {
    use crate::voice::Clip;
    match hint {
        AimHint::HoldStill => Clip::AimHoldStill,
        AimHint::MoveCloser => Clip::AimMoveCloser,
        AimHint::Glare => Clip::AimGlare,
    }
}

/// The message id of an aiming hint.
pub fn aim_message(hint: AimHint) -> &'static str {
    match hint {
        AimHint::HoldStill => "aim-hold-still",
        AimHint::MoveCloser => "aim-move-closer",
        AimHint::Glare => "aim-glare",
    }
}

fn status_line(ctx: &Ctx, v: &View<'_>) -> (String, Color, String, Color) {
    let i = ctx.i18n;
    let l = v.lang;
    let (rules, rules_colour) = match &v.rules {
        RulesState::Fresh { minutes } => (
            i.text_with(
                l,
                "rules-synced",
                &[(
                    "age",
                    Arg::from(super::when::age(
                        i,
                        l,
                        ctx.now.plus(minutes.saturating_mul(-60)),
                        ctx.now,
                    )),
                )],
            ),
            theme::MUTED_TEXT,
        ),
        RulesState::Offline { since } => (
            i.text_with(
                l,
                "rules-offline",
                &[("time", Arg::from(ctx.zone.short(i, l, *since)))],
            ),
            theme::WARNING_TEXT,
        ),
        RulesState::Stale => (i.text(l, "rules-stale"), theme::WARNING_TEXT),
        RulesState::Outdated => (i.text(l, "rules-outdated"), theme::WARNING_TEXT),
        RulesState::None => (i.text(l, "rules-none"), theme::WARNING_TEXT),
    };
    let (camera, camera_colour) = match v.camera {
        CameraState::Starting => (i.text(l, "camera-starting"), theme::MUTED_TEXT),
        CameraState::Ready => (i.text(l, "camera-ready"), theme::MUTED_TEXT),
        CameraState::None => (i.text(l, "camera-none"), theme::WARNING_TEXT),
        CameraState::Lost => (i.text(l, "camera-lost"), theme::WARNING_TEXT),
        CameraState::Busy => (i.text(l, "camera-busy"), theme::WARNING_TEXT),
        CameraState::Demo => (i.text(l, "camera-demo"), theme::WARNING_TEXT),
    };
    (rules, rules_colour, camera, camera_colour)
}

fn lang_button<'a>(lang: Lang, current: Lang, size: f32) -> Element<'a, Message> {
    let selected = lang == current;
    button(text(lang.native_name()).size(size).font(super::font(lang)))
        .padding([size * 0.4, size * 0.6])
        .on_press(Message::Language(lang))
        .style(theme::choice(
            selected,
            Color::from_rgb(0.15, 0.19, 0.28),
            6.0,
        ))
        .into()
}

/// The screen. In care mode the text is 2.5 times larger and the screen
/// holds only the prompt, the language and the switch back, so nothing
/// scrolls on a 1280x720 screen.
pub fn view<'a>(v: &View<'a>, ctx: &Ctx) -> Element<'a, Message> {
    let i = ctx.i18n;
    let l = v.lang;
    let font = super::font(l);
    let s = Sizes::new(ctx.care);
    let (rules, rules_colour, camera, camera_colour) = status_line(ctx, v);
    // The status bar is for staff: the same size in both modes.
    let mut top_items: Vec<Element<'a, Message>> = Vec::new();
    if !ctx.care {
        top_items.push(
            text(i.text(l, "app-title"))
                .size(22)
                .color(theme::SCAN_TEXT)
                .into(),
        );
    }
    top_items.extend([
        space::horizontal().into(),
        text(rules).size(16).font(font).color(rules_colour).into(),
        text(camera).size(16).font(font).color(camera_colour).into(),
        button(text(i.text(l, "staff-open")).size(16).font(font))
            .on_press(Message::Staff)
            .padding(8)
            .into(),
    ]);
    let top = rtl_row(l, top_items).spacing(16).align_y(Alignment::Center);

    let prompt_text = i.text(l, "scan-prompt");
    // While a card in parts is being read, the hint says how far; while a
    // code is seen but unread, what would help.
    let hint_text = match (v.chunks, v.aim) {
        (_, Some(hint)) => i.text(l, aim_message(hint)),
        (Some((have, total)), None) => i.text_with(
            l,
            "scan-chunks",
            &[
                ("have", Arg::from(i64::try_from(have).unwrap_or(0))),
                ("total", Arg::from(i64::try_from(total).unwrap_or(0))),
            ],
        ),
        (None, None) => i.text(l, "scan-hint"),
    };
    let hint_colour = if v.chunks.is_some() || v.aim.is_some() {
        theme::WARNING_TEXT
    } else {
        theme::MUTED_TEXT
    };
    let (prompt_size, hint_size) = if ctx.care {
        (
            s.fit_line(&prompt_text, 72.0, 1180.0),
            s.fit_line(&hint_text, 28.0, 1180.0),
        )
    } else {
        (s.fit(&prompt_text, 72.0, 560.0), 28.0)
    };
    let prompt = column![
        text(prompt_text)
            .size(prompt_size)
            .font(font)
            .color(theme::SCAN_TEXT),
        text(hint_text)
            .size(hint_size)
            .font(font)
            .color(hint_colour),
    ]
    .spacing(12)
    .align_x(if ctx.care {
        Alignment::Center
    } else if l.is_rtl() {
        Alignment::End
    } else {
        Alignment::Start
    });

    let care_label = i.text(
        l,
        if ctx.care {
            "care-mode-off"
        } else {
            "care-mode"
        },
    );
    let care = button(text(care_label).size(s.px(16.0)).font(font))
        .padding(s.px(8.0))
        .on_press(Message::CareToggled);

    let mut main = column![top].spacing(16).padding(20);
    if ctx.demo || v.demo_running {
        let banner = super::demo_tag(ctx, l);
        main = main.push(
            container(text(banner).size(s.px(18.0)).font(font).color(Color::BLACK))
                .padding(8)
                .width(Length::Fill)
                .style(|_| container::background(theme::DEMO_BG)),
        );
    }
    if ctx.care {
        // The language as one button that moves on to the next.
        let next = Lang::ALL
            .iter()
            .position(|x| *x == l)
            .and_then(|p| Lang::ALL.get((p + 1) % Lang::ALL.len()))
            .copied()
            .unwrap_or(Lang::En);
        let lang_button = button(text(l.native_name()).size(s.px(16.0)).font(font))
            .padding(s.px(8.0))
            .on_press(Message::Language(next));
        main = main
            .push(space::vertical())
            .push(container(prompt).center_x(Length::Fill))
            .push(space::vertical())
            .push(
                rtl_row(
                    l,
                    vec![lang_button.into(), space::horizontal().into(), care.into()],
                )
                .align_y(Alignment::Center),
            );
    } else {
        // Mirrored by the scanner stage (unless `[camera] mirror` is off),
        // with a target frame where the code should go.
        let preview: Element<'a, Message> = if let Some(handle) = v.preview {
            stack![
                image(handle.clone())
                    .width(PREVIEW_W)
                    .height(PREVIEW_H)
                    .content_fit(ContentFit::Contain),
                canvas(Target {
                    seen: v.aim.is_some()
                })
                .width(PREVIEW_W)
                .height(PREVIEW_H),
            ]
            .into()
        } else {
            {
                let mut placeholder = column![
                    text(status_line(ctx, v).2)
                        .size(24)
                        .font(font)
                        .color(theme::MUTED_TEXT)
                ]
                .align_x(Alignment::Center)
                .spacing(12);
                if matches!(v.camera, CameraState::None) && !v.demo_running && v.demo_allowed {
                    placeholder = placeholder.push(
                        button(text(i.text(l, "demo-offer")).size(20).font(font))
                            .padding(10)
                            .on_press(Message::StartDemo),
                    );
                }
                container(placeholder)
                    .center(Length::Fill)
                    .width(PREVIEW_W)
                    .height(PREVIEW_H)
                    .style(|_| container::background(Color::from_rgb(0.10, 0.13, 0.20)))
                    .into()
            }
        };
        let middle = rtl_row(l, vec![preview, prompt.width(Length::Fill).into()])
            .spacing(40)
            .align_y(Alignment::Center);
        let langs: Vec<Element<'a, Message>> =
            Lang::ALL.iter().map(|x| lang_button(*x, l, 17.0)).collect();
        let mut first = langs;
        let second = first.split_off(8);
        let lang_rows =
            column![rtl_row(l, first).spacing(8), rtl_row(l, second).spacing(8),].spacing(8);
        main = main
            .push(space::vertical())
            .push(middle)
            .push(space::vertical())
            .push(
                rtl_row(
                    l,
                    vec![lang_rows.into(), space::horizontal().into(), care.into()],
                )
                .align_y(Alignment::End),
            );
    }
    container(main)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(|_| container::background(theme::SCAN_BG).color(theme::SCAN_TEXT))
        .into()
}
