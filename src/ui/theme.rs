//! Colours and sizes of the kiosk screens.
//!
//! Verdict colours are chosen so that their text has a contrast ratio of at
//! least 7:1 (WCAG AAA) and each verdict also has its own icon and word:
//! colour is never the only signal.

use iced::Color;

use crate::verdict::Colour;

/// Background and text colour of a verdict screen.
pub fn verdict_colours(c: Colour) -> (Color, Color) {
    match c {
        // Dark green, white text.
        Colour::Green => (rgb(0x00, 0x5a, 0x1f), Color::WHITE),
        // Amber, near-black text.
        Colour::Yellow => (rgb(0xff, 0xc4, 0x00), rgb(0x1a, 0x1a, 0x1a)),
        // Dark red, white text.
        Colour::Red => (rgb(0x9b, 0x00, 0x0e), Color::WHITE),
        // Dark grey, white text.
        Colour::Grey => (rgb(0x40, 0x40, 0x40), Color::WHITE),
    }
}

/// The icon drawn large on a verdict screen.
pub fn verdict_icon(c: Colour) -> &'static str {
    match c {
        Colour::Green => "✔",
        Colour::Yellow => "!",
        Colour::Red => "✖",
        Colour::Grey => "?",
    }
}

/// Screen background and text of the scan and staff screens.
pub const SCAN_BG: Color = Color::from_rgb(0.06, 0.09, 0.16);
pub const SCAN_TEXT: Color = Color::WHITE;
pub const MUTED_TEXT: Color = Color::from_rgb(0.80, 0.84, 0.90);
pub const ACCENT: Color = Color::from_rgb(0.16, 0.45, 0.86);
pub const DEMO_BG: Color = Color::from_rgb(1.0, 0.77, 0.0);
pub const WARNING_TEXT: Color = Color::from_rgb(1.0, 0.80, 0.30);

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::from_rgb8(r, g, b)
}

fn channel(c: f32) -> f64 {
    let c = f64::from(c);
    if c <= 0.039_28 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance (WCAG 2).
pub fn luminance(c: Color) -> f64 {
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// Contrast ratio of two colours (WCAG 2), from 1 to 21.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Text sizes, in logical pixels, for normal and care mode (2.5x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    pub scale: f32,
}

impl Sizes {
    pub const CARE_SCALE: f32 = 2.5;

    /// Sizes for care mode on or off.
    pub fn new(care: bool) -> Self {
        Self {
            scale: if care { Self::CARE_SCALE } else { 1.0 },
        }
    }

    /// A size scaled for the mode.
    pub fn px(self, normal: f32) -> f32 {
        normal * self.scale
    }

    /// The largest size up to `wanted` (scaled for the mode) at which `text`
    /// fits `width` pixels on one line (same rough measure as [`Sizes::fit`]).
    pub fn fit_line(self, text: &str, wanted: f32, width: f32) -> f32 {
        let ems: f32 = text
            .chars()
            .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.62 })
            .sum();
        self.px(wanted).min(width / ems.max(1.0))
    }

    /// The largest size up to `wanted` at which `text` fits `width` pixels
    /// on one or two lines (a rough measure: CJK and Thai glyphs are about
    /// one em wide, others about 0.6 em).
    pub fn fit(self, text: &str, wanted: f32, width: f32) -> f32 {
        let ems: f32 = text
            .chars()
            .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.62 })
            .sum();
        let longest_word = text
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.62 })
                    .sum::<f32>()
            })
            .fold(0.0f32, f32::max)
            .max(1.0);
        let by_word = width / longest_word;
        let by_two_lines = 2.0 * width / ems.max(1.0);
        self.px(wanted).min(by_word).min(by_two_lines)
    }
}

/// The style of a choice button (a language, a venue, a filter): the
/// accent when selected, `idle` otherwise, white text.
pub fn choice(
    selected: bool,
    idle: Color,
    radius: f32,
) -> impl Fn(&iced::Theme, iced::widget::button::Status) -> iced::widget::button::Style {
    move |_, _| iced::widget::button::Style {
        background: Some(if selected { ACCENT } else { idle }.into()),
        text_color: Color::WHITE,
        border: iced::Border::default().rounded(radius),
        ..iced::widget::button::Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_known_values() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 1e-6);
        assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn every_verdict_colour_has_aaa_contrast() {
        for c in [Colour::Green, Colour::Yellow, Colour::Red, Colour::Grey] {
            let (bg, fg) = verdict_colours(c);
            let ratio = contrast(bg, fg);
            assert!(ratio >= 7.0, "{c}: {ratio:.2}");
        }
        assert!(contrast(SCAN_BG, SCAN_TEXT) >= 7.0);
        assert!(contrast(SCAN_BG, MUTED_TEXT) >= 7.0);
        assert!(contrast(DEMO_BG, Color::BLACK) >= 7.0);
    }

    #[test]
    fn icons_and_colours_differ() {
        let all = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Grey];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(verdict_icon(*a), verdict_icon(*b));
                assert_ne!(verdict_colours(*a).0, verdict_colours(*b).0);
            }
        }
    }
}
