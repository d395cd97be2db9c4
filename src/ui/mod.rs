//! The kiosk GUI (iced): one module a screen, each with its own messages
//! and an `update` that returns an event to the app.
//!
//! - [`app`]: [`App`], the kiosk: its state, its messages, and the screen
//!   up now. Every code goes through its [`crate::gate::Gate`]; `view()`
//!   draws from state in memory only.
//! - [`feeds`]: the subscriptions that bring the camera (through the
//!   scanner thread) and the background sync to the app.
//! - [`start`]: the app made from the config, and the window.
//! - [`scan`]: the camera preview, "show your code", languages, rules and
//!   camera state, the demo.
//! - [`verdict`]: the whole screen in the verdict's colour.
//! - [`staff`]: the PIN pad and the staff panel.
//! - [`theme`]: colours and sizes; [`chart`]: counts per hour.
//! - [`fonts`]: only the shipped fonts draw text, whatever is installed.

pub mod aim;
pub mod app;
pub mod chart;
pub mod feeds;
pub mod fonts;
pub mod scan;
pub mod staff;
pub mod start;
pub mod theme;
pub mod verdict;
pub mod when;

use iced::widget::{Row, row};
use iced::{Element, window};

pub use app::{App, Message, Screen};

use crate::i18n::{I18n, Lang};

/// What every view needs besides its own state.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub i18n: &'static I18n,
    pub care: bool,
    /// The DEMO authority's rules are in force: say so on every screen.
    pub demo: bool,
    /// The time now (for ages: "23 h ago").
    pub now: crate::time::UnixTime,
    /// The zone times are shown in.
    pub zone: when::Zone,
}

/// The DEMO notice: the word alone in care mode, else with the note that
/// demo codes are for no real door.
pub fn demo_tag(ctx: &Ctx, lang: Lang) -> String {
    let word = ctx.i18n.text(lang, "demo-banner");
    if ctx.care {
        word
    } else {
        format!("{word}  ·  {}", ctx.i18n.text(lang, "demo-note"))
    }
}

/// The font for text in `lang` (its script's family, with the others as fallback).
pub fn font(lang: Lang) -> iced::Font {
    iced::Font::with_name(lang.font_family())
}

/// A row that runs right to left in a right-to-left language.
pub fn rtl_row<'a, M: 'a>(lang: Lang, mut items: Vec<Element<'a, M>>) -> Row<'a, M> {
    if lang.is_rtl() {
        items.reverse();
    }
    row(items)
}

/// Runs the app in a window (full screen without decorations unless
/// `windowed`). `start` makes the app when the window is up.
pub fn run(start: impl Fn() -> App + 'static, windowed: bool) -> iced::Result {
    let mut builder = iced::application(start, App::update, App::view)
        .title("HealthGate")
        .subscription(App::subscription)
        .window(window::Settings {
            size: iced::Size::new(1280.0, 720.0),
            fullscreen: !windowed,
            decorations: windowed,
            ..window::Settings::default()
        });
    fonts::use_only_shipped_fonts();
    for (_, bytes) in crate::i18n::FONTS {
        builder = builder.font(*bytes);
    }
    builder
        .default_font(iced::Font::with_name(crate::i18n::DEFAULT_FONT_FAMILY))
        .run()
}
