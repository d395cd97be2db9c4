//! Where the clip files are.
//!
//! Built-in clips live in a `voice` folder holding `clips.tsv`,
//! `<lang>/<key>.ogg`, `<lang>/<key>.slow.ogg` and `chime/<colour>.ogg`. The
//! first of these folders that holds a `clips.tsv` is used:
//!
//! 1. `assets/voice` next to the executable (a portable or Windows install);
//! 2. `../share/healthgate/voice` from the executable's folder (an install
//!    under a prefix, e.g. `/usr/local/bin` -> `/usr/local/share`);
//! 3. `/usr/share/healthgate/voice` (the Debian package);
//! 4. `assets/voice` in the source tree the program was built from (development).
//!
//! An operator can replace any clip with a human recording: a file with the
//! same relative name (`<lang>/<key>.ogg`, `<lang>/<key>.slow.ogg`,
//! `chime/<colour>.ogg`; Ogg Vorbis) in the override folder wins over the
//! built-in one. The override folder is given by the config, else it is
//! [`default_override_dir`] (`~/.local/share/healthgate/voice` on Linux,
//! `%APPDATA%\HealthGate\healthgate\data\voice` on Windows). In care mode
//! the lookup order is: override slow, override normal (a human recording
//! is clearer than a synthetic slow one), built-in slow, built-in normal.

use std::path::{Path, PathBuf};

use super::catalogue::Clip;
use crate::verdict::Colour;

/// The manifest that marks a folder as a voice folder.
pub const MANIFEST: &str = "clips.tsv";

/// The default override folder for human recordings.
pub fn default_override_dir() -> Option<PathBuf> {
    crate::config::project_dirs().map(|d| d.data_dir().join("voice"))
}

/// The folders searched for the built-in clips, in order.
pub fn search_paths() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        paths.push(dir.join("assets").join("voice"));
        paths.push(
            dir.join("..")
                .join("share")
                .join("healthgate")
                .join("voice"),
        );
    }
    paths.push(PathBuf::from("/usr/share/healthgate/voice"));
    paths.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join("voice"),
    );
    paths
}

/// Finds clip files: the built-in folder and the operator's override folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClipLibrary {
    assets: Option<PathBuf>,
    overrides: Option<PathBuf>,
}

impl ClipLibrary {
    /// A library over these folders (either may be missing or absent).
    pub fn new(assets: Option<PathBuf>, overrides: Option<PathBuf>) -> Self {
        Self { assets, overrides }
    }

    /// The built-in folder found by [`search_paths`], with `overrides` (or
    /// [`default_override_dir`] when `None`).
    pub fn discover(overrides: Option<PathBuf>) -> Self {
        let assets = search_paths()
            .into_iter()
            .find(|p| p.join(MANIFEST).is_file());
        Self {
            assets,
            overrides: overrides.or_else(default_override_dir),
        }
    }

    /// The built-in folder, if one was found.
    pub fn assets(&self) -> Option<&Path> {
        self.assets.as_deref()
    }

    /// The override folder.
    pub fn overrides(&self) -> Option<&Path> {
        self.overrides.as_deref()
    }

    /// The file for a clip in a language (one of the 16 tags; anything else
    /// finds nothing), slow in care mode; `None` when no folder has it.
    pub fn clip(&self, language: &str, clip: Clip, care: bool) -> Option<PathBuf> {
        if !crate::code::LANGUAGES.contains(&language) {
            return None;
        }
        let normal = format!("{}.ogg", clip.key());
        let slow = format!("{}.slow.ogg", clip.key());
        let names: &[&str] = if care { &[&slow, &normal] } else { &[&normal] };
        let mut candidates = Vec::new();
        for root in [&self.overrides, &self.assets].into_iter().flatten() {
            for name in names {
                candidates.push(root.join(language).join(name));
            }
        }
        candidates.into_iter().find(|p| p.is_file())
    }

    /// The chime for a verdict colour.
    pub fn chime(&self, colour: Colour) -> Option<PathBuf> {
        let name = format!("{}.ogg", colour.as_str());
        [&self.overrides, &self.assets]
            .into_iter()
            .flatten()
            .map(|root| root.join("chime").join(&name))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn override_wins_and_care_mode_prefers_slow() {
        let dir = tempfile::tempdir().unwrap();
        let assets = dir.path().join("assets");
        let over = dir.path().join("override");
        touch(&assets.join("en/green.ogg"));
        touch(&assets.join("en/green.slow.ogg"));
        touch(&assets.join("chime/green.ogg"));
        let lib = ClipLibrary::new(Some(assets.clone()), Some(over.clone()));

        assert_eq!(
            lib.clip("en", Clip::Green, false),
            Some(assets.join("en/green.ogg"))
        );
        assert_eq!(
            lib.clip("en", Clip::Green, true),
            Some(assets.join("en/green.slow.ogg"))
        );
        assert_eq!(lib.clip("en", Clip::Red, false), None);
        assert_eq!(
            lib.chime(Colour::Green),
            Some(assets.join("chime/green.ogg"))
        );
        assert_eq!(lib.chime(Colour::Red), None);

        // A human recording at normal speed beats the synthetic slow clip.
        touch(&over.join("en/green.ogg"));
        assert_eq!(
            lib.clip("en", Clip::Green, false),
            Some(over.join("en/green.ogg"))
        );
        assert_eq!(
            lib.clip("en", Clip::Green, true),
            Some(over.join("en/green.ogg"))
        );
        touch(&over.join("en/green.slow.ogg"));
        assert_eq!(
            lib.clip("en", Clip::Green, true),
            Some(over.join("en/green.slow.ogg"))
        );
        touch(&over.join("chime/green.ogg"));
        assert_eq!(lib.chime(Colour::Green), Some(over.join("chime/green.ogg")));
    }

    #[test]
    fn only_kiosk_languages_are_looked_up() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("en/green.ogg"));
        let lib = ClipLibrary::new(Some(dir.path().join("sub")), None);
        assert_eq!(lib.clip("../en", Clip::Green, false), None);
        assert_eq!(lib.clip("xx", Clip::Green, false), None);
    }

    #[test]
    fn discover_finds_the_source_tree_in_development() {
        let lib = ClipLibrary::discover(Some(PathBuf::from("/nonexistent")));
        let assets = lib.assets().expect("a voice folder");
        assert!(assets.join(MANIFEST).is_file());
        assert_eq!(lib.overrides(), Some(Path::new("/nonexistent")));
    }
}
