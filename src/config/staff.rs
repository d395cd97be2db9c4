//! The settings staff change on the kiosk's own screen, kept in a file of
//! their own beside the data (the config belongs to IT and is often
//! read-only). [`STAFF_KEYS`] is the one table of them: what is read from
//! the file, what is written to it, and what counts as a change.

use std::path::Path;

use super::{Config, Loaded, parse};
use crate::files::{self, FileError};

/// A setting staff may change on the kiosk's screen.
#[derive(Debug, Clone, Copy)]
pub struct StaffKey {
    pub section: &'static str,
    pub key: &'static str,
    /// The value in a config, as TOML.
    pub get: fn(&Config) -> toml::Value,
    /// Copies the value from one config into another.
    pub copy: fn(from: &Config, to: &mut Config),
}

impl StaffKey {
    /// `[section] key`, as messages name it.
    pub fn name(&self) -> String {
        format!("[{}] {}", self.section, self.key)
    }
}

/// The settings the staff screen may change, and the staff PIN's hash,
/// which the kiosk keeps here when staff replace the factory PIN (a broken
/// or empty one never replaces the config's). Nothing else (trust, the
/// rule source) can be changed from the kiosk's own screen.
pub const STAFF_KEYS: [StaffKey; 9] = [
    StaffKey {
        section: "kiosk",
        key: "venue",
        get: |c| c.venue.clone().into(),
        copy: |from, to| to.venue.clone_from(&from.venue),
    },
    StaffKey {
        section: "kiosk",
        key: "default_language",
        get: |c| c.default_language.clone().into(),
        copy: |from, to| to.default_language.clone_from(&from.default_language),
    },
    StaffKey {
        section: "kiosk",
        key: "volume",
        get: |c| i64::from(c.volume).into(),
        copy: |from, to| to.volume = from.volume,
    },
    StaffKey {
        section: "kiosk",
        key: "care_mode",
        get: |c| c.care_mode.into(),
        copy: |from, to| to.care_mode = from.care_mode,
    },
    StaffKey {
        section: "kiosk",
        key: "auto_return_seconds",
        get: |c| c.auto_return_seconds.into(),
        copy: |from, to| to.auto_return_seconds = from.auto_return_seconds,
    },
    StaffKey {
        section: "camera",
        key: "device",
        get: |c| c.camera.clone().into(),
        copy: |from, to| to.camera.clone_from(&from.camera),
    },
    StaffKey {
        section: "camera",
        key: "brightness",
        get: |c| picture_value(c.brightness),
        copy: |from, to| to.brightness = from.brightness,
    },
    StaffKey {
        section: "camera",
        key: "exposure",
        get: |c| picture_value(c.exposure),
        copy: |from, to| to.exposure = from.exposure,
    },
    StaffKey {
        section: "staff",
        key: "pin_hash",
        get: |c| c.pin_hash.clone().unwrap_or_default().into(),
        copy: |from, to| {
            if from.pin_hash.is_some() {
                to.pin_hash.clone_from(&from.pin_hash);
            }
        },
    },
];

/// A picture setting as the config writes it: 0 to 100, or "auto".
fn picture_value(v: Option<u8>) -> toml::Value {
    v.map_or_else(|| "auto".into(), |n| i64::from(n).into())
}

/// The staff key `[section] key`, if it is one.
pub fn staff_key(section: &str, key: &str) -> Option<&'static StaffKey> {
    STAFF_KEYS
        .iter()
        .find(|k| k.section == section && k.key == key)
}

/// The staff settings that differ between `old` and `new`.
pub fn staff_changes(old: &Config, new: &Config) -> Vec<&'static StaffKey> {
    STAFF_KEYS
        .iter()
        .filter(|k| (k.get)(old) != (k.get)(new))
        .collect()
}

/// The staff settings of `from` laid over `to` (everything else of `to` stays).
pub fn with_staff_settings(to: &Config, from: &Config) -> Config {
    let mut out = to.clone();
    for k in &STAFF_KEYS {
        (k.copy)(from, &mut out);
    }
    out
}

/// Why a staff setting could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum StaffFileError {
    #[error("[{0}] {1} is not a staff setting")]
    NotStaff(String, String),
    #[error("cannot keep the setting: {0}")]
    Toml(#[from] toml::ser::Error),
    #[error("cannot keep the setting: {0}")]
    File(#[from] FileError),
}

/// Lays the staff settings file over a loaded config: each of
/// [`STAFF_KEYS`] it holds, if valid, wins; anything else in it is ignored
/// with a warning. A missing file is normal.
pub fn apply_staff_file(loaded: &mut Loaded) {
    let path = loaded.config.staff_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            loaded.warnings.push(format!(
                "cannot read the staff settings {}: {e}; the config's values apply",
                path.display()
            ));
            return;
        }
    };
    let label = path.display().to_string();
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            loaded.warnings.push(format!(
                "{label} is not valid TOML, so the config's values apply: {}",
                e.to_string().trim()
            ));
            return;
        }
    };
    // Keep only the staff keys, and check them with the config's own rules.
    let mut kept = toml::Table::new();
    let mut present = Vec::new();
    for (section, value) in &table {
        let Some(fields) = value.as_table() else {
            loaded.warnings.push(format!(
                "{label}: {section} is not a staff setting, ignored"
            ));
            continue;
        };
        for (key, v) in fields {
            if let Some(k) = staff_key(section, key) {
                if let toml::Value::Table(t) = kept
                    .entry(section.clone())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                {
                    t.insert(key.clone(), v.clone());
                }
                present.push(k);
            } else {
                loaded.warnings.push(format!(
                    "{label}: [{section}] {key} is not a staff setting, ignored"
                ));
            }
        }
    }
    let staff = parse(&kept.to_string(), None);
    present.sort_by_key(|k| (k.section, k.key));
    for k in present {
        let name = k.name();
        // A broken value keeps the config's; so does an empty PIN hash.
        if staff.fallbacks.contains(&name)
            || (k.key == "pin_hash" && staff.config.pin_hash.is_none())
        {
            continue;
        }
        (k.copy)(&staff.config, &mut loaded.config);
        loaded.staff_overrides.push(name);
    }
    loaded.warnings.extend(staff.warnings.iter().map(|w| {
        let w = w.replace("; using the default", "; the config's value applies");
        format!("{label}: {w}")
    }));
}

/// Keeps one setting changed on the staff screen in the staff settings
/// file at `path`, beside the ones kept before. The file is replaced in one
/// step, so a crash leaves the old or the new file, never half of one.
pub fn save_staff_setting(
    path: &Path,
    key: &StaffKey,
    value: toml::Value,
) -> Result<(), StaffFileError> {
    // A broken old file is moved aside (`.bad`), not lost.
    let mut table = match std::fs::read_to_string(path) {
        Ok(t) => t.parse::<toml::Table>().unwrap_or_else(|e| {
            let aside = path.with_extension("toml.bad");
            tracing::warn!(
                "{} is not valid TOML ({}); moved to {}",
                path.display(),
                e.to_string().trim(),
                aside.display()
            );
            let _ = std::fs::rename(path, &aside);
            toml::Table::new()
        }),
        Err(_) => toml::Table::new(),
    };
    table.retain(|s, v| v.is_table() && STAFF_KEYS.iter().any(|k| s == k.section));
    if let toml::Value::Table(t) = table
        .entry(key.section.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
    {
        t.insert(key.key.to_string(), value);
    }
    let body = toml::to_string(&table)?;
    let text = format!(
        "# Settings changed on the HealthGate staff screen. Each one overrides\n\
         # the same key of the config file; delete this file to go back to the\n\
         # config's values. The kiosk rewrites it when staff change a setting.\n\n{body}"
    );
    files::replace(path, &text)?;
    Ok(())
}

/// Keeps `[section] key` (which must be a staff key) in the file at `path`.
pub fn save_staff_value(
    path: &Path,
    section: &str,
    key: &str,
    value: toml::Value,
) -> Result<(), StaffFileError> {
    let k = staff_key(section, key)
        .ok_or_else(|| StaffFileError::NotStaff(section.to_string(), key.to_string()))?;
    save_staff_setting(path, k, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEFAULT_CONFIG, Loaded, load, parse};

    #[test]
    fn every_staff_key_is_a_setting_of_the_default_config() {
        let table: toml::Table = DEFAULT_CONFIG.parse().unwrap_or_else(|e| panic!("{e}"));
        let defaults = Config::default();
        for k in &STAFF_KEYS {
            let value = table
                .get(k.section)
                .and_then(|s| s.get(k.key))
                .unwrap_or_else(|| panic!("{} is not in the default config", k.name()));
            assert_eq!(*value, (k.get)(&defaults), "{}", k.name());
            // Copying the key copies exactly that setting.
            let mut changed = defaults.clone();
            let mut other = defaults.clone();
            other.venue = "school".into();
            other.default_language = "th".into();
            other.volume = 3;
            other.care_mode = true;
            other.auto_return_seconds = 9;
            other.camera = "Cam".into();
            other.brightness = Some(70);
            other.exposure = Some(20);
            other.pin_hash = Some("sm3$1$00$00".into());
            (k.copy)(&other, &mut changed);
            assert_eq!(staff_changes(&defaults, &changed).len(), 1, "{}", k.name());
            assert_eq!((k.get)(&changed), (k.get)(&other), "{}", k.name());
        }
    }

    fn with_staff_file(dir: &Path, staff: Option<&str>) -> Loaded {
        let config = dir.join("config.toml");
        let staff_path = dir.join("staff.toml");
        std::fs::write(
            &config,
            format!(
                "[kiosk]\nvenue = \"airport\"\nvolume = 40\n[staff]\nsettings_file = \"{}\"\n",
                staff_path.display()
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        if let Some(text) = staff {
            std::fs::write(&staff_path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        load(Some(&config))
    }

    #[test]
    fn staff_settings_override_the_config_key_by_key() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let none = with_staff_file(dir.path(), None);
        assert_eq!(none.config.venue, "airport");
        assert!(none.staff_overrides.is_empty());
        assert!(none.warnings.is_empty(), "{:?}", none.warnings);

        let loaded = with_staff_file(
            dir.path(),
            Some(
                "[kiosk]\nvenue = \"hospital\"\nvolume = 300\ncare_mode = true\n\
                 [staff]\npin_hash = \"sm3$a$b$c\"\n[camera]\ndevice = \"USB Cam\"\n",
            ),
        );
        let c = &loaded.config;
        assert_eq!(c.venue, "hospital");
        assert!(c.care_mode);
        assert_eq!(c.camera, "USB Cam");
        // A broken value keeps the config's, and says so.
        assert_eq!(c.volume, 40);
        // The PIN's hash that the kiosk keeps when staff replace the
        // factory PIN.
        assert_eq!(c.pin_hash.as_deref(), Some("sm3$a$b$c"));
        assert_eq!(
            loaded.staff_overrides,
            [
                "[camera] device",
                "[kiosk] care_mode",
                "[kiosk] venue",
                "[staff] pin_hash"
            ]
        );
        let w = loaded.warnings.join("\n");
        assert!(w.contains("[kiosk] volume"), "{w}");
        assert!(w.contains("the config's value applies"), "{w}");
        // Anything else of [staff] is not the staff file's.
        let other = with_staff_file(dir.path(), Some("[staff]\nmax_tries = 99\n"));
        assert!(
            other
                .warnings
                .join("\n")
                .contains("[staff] max_tries is not a staff setting"),
            "{:?}",
            other.warnings
        );
    }

    #[test]
    fn a_broken_pin_hash_in_the_staff_file_never_replaces_the_configs() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let config = dir.path().join("config.toml");
        let staff_path = dir.path().join("staff.toml");
        std::fs::write(
            &config,
            format!(
                "[staff]\npin_hash = \"sm3$1$aa$bb\"\nsettings_file = \"{}\"\n",
                staff_path.display()
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for broken in ["\"\"", "\"1234\"", "42"] {
            std::fs::write(&staff_path, format!("[staff]\npin_hash = {broken}\n"))
                .unwrap_or_else(|e| panic!("{e}"));
            let loaded = load(Some(&config));
            assert_eq!(
                loaded.config.pin_hash.as_deref(),
                Some("sm3$1$aa$bb"),
                "{broken}"
            );
            assert!(loaded.staff_overrides.is_empty(), "{broken}");
        }
    }

    #[test]
    fn a_broken_staff_file_leaves_the_config() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let loaded = with_staff_file(dir.path(), Some("[kiosk\nvenue = "));
        assert_eq!(loaded.config.venue, "airport");
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    }

    #[test]
    fn saved_staff_settings_load_back_and_keep_the_earlier_ones() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("sub").join("staff.toml");
        let save = |s: &str, k: &str, v: toml::Value| {
            save_staff_value(&path, s, k, v).unwrap_or_else(|e| panic!("{e}"));
        };
        save("kiosk", "venue", "school".into());
        save("kiosk", "volume", 15.into());
        save("camera", "device", "Front cam".into());
        save("kiosk", "volume", 25.into());
        assert!(save_staff_value(&path, "trust", "demo", true.into()).is_err());
        assert!(save_staff_value(&path, "staff", "max_tries", 99.into()).is_err());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.starts_with("# Settings changed"), "{text}");
        let mut loaded = parse(
            &format!("[staff]\nsettings_file = \"{}\"\n", path.display()),
            None,
        );
        apply_staff_file(&mut loaded);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.config.venue, "school");
        assert_eq!(loaded.config.volume, 25);
        assert_eq!(loaded.config.camera, "Front cam");
        assert!(!path.with_extension("toml.new").exists());
        // A broken file is moved aside, not lost.
        std::fs::write(&path, "[kiosk\nvenue = ").unwrap_or_else(|e| panic!("{e}"));
        save("kiosk", "venue", "airport".into());
        assert!(path.with_extension("toml.bad").exists());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("airport"), "{text}");
    }
}
