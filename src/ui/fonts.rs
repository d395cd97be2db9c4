//! Only the shipped fonts draw text.
//!
//! The text system (cosmic-text, inside iced) loads every font the machine
//! has and falls back to them for any character the requested family lacks,
//! so a machine with more fonts installed (`DejaVu`, Droid, a system copy of
//! Noto CJK under the same family name as ours) would draw some characters
//! in another design, and the kiosk would look different from one machine
//! to the next. [`use_only_shipped_fonts`] loads [`FONTS`] and then removes
//! every face that did not come from them (but iced's icon font), and points the generic families
//! at [`DEFAULT_FONT_FAMILY`]: whatever is installed, the kiosk draws with
//! the same fonts (which cover all its text and any masked name; the i18n
//! tests check that).

use iced::advanced::graphics::text::cosmic_text::fontdb;
use iced::advanced::graphics::text::font_system;

use crate::i18n::{DEFAULT_FONT_FAMILY, FONTS};

/// What [`use_only_shipped_fonts`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontReport {
    /// Faces the machine had that were removed.
    pub removed: usize,
    /// Faces left: the shipped ones (and iced's own icon font).
    pub kept: usize,
}

/// Makes the shipped fonts the only ones the text system knows. Safe to
/// call more than once (the GUI calls it before the window opens; headless
/// tests before each snapshot).
pub fn use_only_shipped_fonts() -> FontReport {
    let mut system = font_system()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (_, bytes) in FONTS {
        // Loaded once per address; the app's own loading later is a no-op.
        system.load_font(std::borrow::Cow::Borrowed(*bytes));
    }
    let db = system.raw().db_mut();
    let foreign: Vec<fontdb::ID> = db
        .faces()
        .filter(|face| !is_shipped(face))
        .map(|face| face.id)
        .collect();
    for id in &foreign {
        db.remove_face(*id);
    }
    db.set_sans_serif_family(DEFAULT_FONT_FAMILY);
    db.set_serif_family(DEFAULT_FONT_FAMILY);
    db.set_monospace_family(DEFAULT_FONT_FAMILY);
    db.set_cursive_family(DEFAULT_FONT_FAMILY);
    db.set_fantasy_family(DEFAULT_FONT_FAMILY);
    let kept = db.len();
    if !foreign.is_empty() {
        tracing::debug!(
            removed = foreign.len(),
            kept,
            "system fonts set aside; the kiosk draws with its own"
        );
    }
    FontReport {
        removed: foreign.len(),
        kept,
    }
}

/// Whether a face is one of [`FONTS`] (loaded from the program's own
/// bytes, under a shipped family name) or iced's icon font, which holds
/// only private-use glyphs for its widgets. A system font is loaded from a
/// file; a font a library embeds (Fira Sans, with some iced features) has
/// another family name.
fn is_shipped(face: &fontdb::FaceInfo) -> bool {
    matches!(face.source, fontdb::Source::Binary(_))
        && face.families.iter().any(|(name, _)| {
            name.starts_with("Iced") || FONTS.iter().any(|(family, _)| family == name)
        })
}

/// The families the text system knows now (for tests and diagnostics).
pub fn known_families() -> Vec<String> {
    let mut system = font_system()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut names: Vec<String> = system
        .raw()
        .db()
        .faces()
        .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
}
