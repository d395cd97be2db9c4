//! The kiosk's config: one commented TOML file, loaded tolerantly.
//!
//! A field that is broken or unknown falls back to its default and is
//! reported as a warning; the kiosk always starts. The file is found with
//! `--config FILE`, else in the platform's config folder (XDG on Linux,
//! `%APPDATA%` on Windows) as `config.toml`, else `/etc/healthgate/config.toml`.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::code::LANGUAGES;

/// The commented default config, as `healthgate config --print-default` prints it.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.default.toml");

/// Every setting, with its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `[kiosk] id`: names this kiosk in records and logs.
    pub kiosk_id: String,
    /// `[kiosk] venue`: the venue profile (`general`, `hospital`, `airport`, `school`).
    pub venue: String,
    /// `[kiosk] default_language`: one of the 16 languages.
    pub default_language: String,
    /// `[kiosk] auto_return_seconds`: the verdict screen goes back to scanning after this.
    pub auto_return_seconds: i64,
    /// `[kiosk] care_mode`: start in care mode (everything 2.5x, slower voice).
    pub care_mode: bool,
    /// `[kiosk] volume`: 0 to 100.
    pub volume: u8,
    /// `[camera] device`: index or name of the camera; empty: the first one.
    pub camera: String,
    /// `[staff] pin_hash`: from `healthgate config hash-pin`; empty: the factory PIN 000000.
    pub pin_hash: Option<String>,
    /// `[staff] max_tries`: wrong PINs before the pad locks.
    pub pin_max_tries: u32,
    /// `[staff] lockout_minutes`: how long it stays locked.
    pub pin_lockout_minutes: u32,
    /// `[staff] settings_file`: where the staff screen keeps its changes
    /// (default: the platform's data folder).
    pub staff_file: Option<PathBuf>,
    /// `[records] export_dir`: where the staff screen writes exports.
    pub export_dir: Option<PathBuf>,
    /// `[trust] file`: the trust-list file (relative to the config file).
    pub trust_file: Option<PathBuf>,
    /// `[trust] demo`: trust the demo authority too. Never in production.
    pub trust_demo: bool,
    /// `[bundle] url`: where the signed rule bundle is fetched from (empty: never sync).
    pub bundle_url: Option<String>,
    /// `[bundle] root_key`: the pinned root key (hex); empty: the DEMO root key.
    pub bundle_root_key: Option<String>,
    /// `[bundle] store`: the rule database (default: the platform's data folder).
    pub bundle_store: Option<PathBuf>,
    /// `[bundle] sync_minutes`: minutes between syncs.
    pub sync_minutes: u64,
    /// `[bundle] timeout_seconds`: limit of one download attempt.
    pub sync_timeout_seconds: u64,
    /// `[records] retention_days`: days records are kept; 0 keeps counts only.
    pub retention_days: u32,
    /// `[records] store`: the records database (default: the platform's data folder).
    pub records_store: Option<PathBuf>,
    /// `[verify] proof_skew_steps`: 30 s steps a proof may be off, either way.
    pub proof_skew_steps: u64,
    /// `[verify] clock_skew_seconds`: how far a credential's issue time may be ahead.
    pub clock_skew_seconds: i64,
    /// `[log] level`: error, warn, info, debug or trace.
    pub log_level: String,
    /// `[log] dir`: where the rotating log files go (default: the platform's data folder).
    pub log_dir: Option<PathBuf>,
    /// `[log] keep_files`: how many daily log files to keep.
    pub log_keep_files: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            kiosk_id: "kiosk-1".into(),
            venue: "general".into(),
            default_language: "en".into(),
            auto_return_seconds: 5,
            care_mode: false,
            volume: 80,
            camera: String::new(),
            pin_hash: None,
            pin_max_tries: 5,
            pin_lockout_minutes: 5,
            staff_file: None,
            export_dir: None,
            trust_file: None,
            trust_demo: false,
            bundle_url: None,
            bundle_root_key: None,
            bundle_store: None,
            sync_minutes: 15,
            sync_timeout_seconds: 30,
            retention_days: 30,
            records_store: None,
            proof_skew_steps: 1,
            clock_skew_seconds: 300,
            log_level: "info".into(),
            log_dir: None,
            log_keep_files: 14,
        }
    }
}

/// A loaded config and what was wrong with the file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file it came from, if one was read.
    pub path: Option<PathBuf>,
    /// One line for each field that fell back to its default.
    pub warnings: Vec<String>,
    /// The settings the staff screen changed, from [`Config::staff_path`]:
    /// `[section] key` of each one that overrides the config.
    pub staff_overrides: Vec<String>,
}

/// The platform's folders for this program.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "HealthGate", "healthgate")
}

/// Where the config file is looked for when `--config` is not given: the
/// user's config folder, then (on Unix) `/etc/healthgate/config.toml`, where
/// the package installs it. The first that exists wins; when none does, the
/// user's path is named in messages.
pub fn default_path() -> Option<PathBuf> {
    let user = project_dirs().map(|d| d.config_dir().join("config.toml"));
    let system = cfg!(unix).then(|| PathBuf::from("/etc/healthgate/config.toml"));
    [user.clone(), system]
        .into_iter()
        .flatten()
        .find(|p| p.is_file())
        .or(user)
}

impl Config {
    /// Where exports go.
    pub fn export_path(&self) -> PathBuf {
        self.export_dir.clone().unwrap_or_else(|| {
            project_dirs().map_or_else(
                || PathBuf::from("exports"),
                |d| d.data_local_dir().join("exports"),
            )
        })
    }

    /// The records database's path.
    pub fn records_path(&self) -> PathBuf {
        self.records_store.clone().unwrap_or_else(|| {
            project_dirs().map_or_else(
                || PathBuf::from("healthgate-records.sqlite"),
                |d| d.data_local_dir().join("records.sqlite"),
            )
        })
    }

    /// The file of the settings changed on the staff screen.
    pub fn staff_path(&self) -> PathBuf {
        self.staff_file.clone().unwrap_or_else(|| {
            project_dirs().map_or_else(
                || PathBuf::from("healthgate-staff-settings.toml"),
                |d| d.data_local_dir().join("staff-settings.toml"),
            )
        })
    }

    /// The rule database's path.
    pub fn rules_store(&self) -> PathBuf {
        self.bundle_store.clone().unwrap_or_else(|| {
            project_dirs().map_or_else(
                || PathBuf::from("healthgate-rules.sqlite"),
                |d| d.data_local_dir().join("rules.sqlite"),
            )
        })
    }
}

/// Loads the config from `explicit`, else the default place. Never fails:
/// what cannot be read becomes a warning.
pub fn load(explicit: Option<&Path>) -> Loaded {
    let mut loaded = load_file(explicit);
    apply_staff_file(&mut loaded);
    loaded
}

fn load_file(explicit: Option<&Path>) -> Loaded {
    let path = explicit.map(Path::to_path_buf).or_else(default_path);
    let Some(path) = path else {
        return Loaded {
            config: Config::default(),
            path: None,
            warnings: vec!["no config folder on this system; using defaults".into()],
            staff_overrides: Vec::new(),
        };
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut loaded = parse(&text, path.parent());
            loaded.path = Some(path);
            loaded
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => Loaded {
            config: Config::default(),
            path: None,
            warnings: Vec::new(),
            staff_overrides: Vec::new(),
        },
        Err(e) => Loaded {
            config: Config::default(),
            path: None,
            warnings: vec![format!(
                "cannot read config {}: {e}; using defaults",
                path.display()
            )],
            staff_overrides: Vec::new(),
        },
    }
}

/// The settings the staff screen may change, as `(section, key)` of the
/// config. Nothing else (the PIN, trust, the rule source) can be changed
/// from the kiosk's own screen.
pub const STAFF_KEYS: [(&str, &str); 6] = [
    ("kiosk", "venue"),
    ("kiosk", "default_language"),
    ("kiosk", "volume"),
    ("kiosk", "care_mode"),
    ("kiosk", "auto_return_seconds"),
    ("camera", "device"),
];

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
    for (section, value) in &table {
        let Some(fields) = value.as_table() else {
            loaded.warnings.push(format!(
                "{label}: {section} is not a staff setting, ignored"
            ));
            continue;
        };
        for (key, v) in fields {
            if STAFF_KEYS.contains(&(section.as_str(), key.as_str())) {
                if let toml::Value::Table(t) = kept
                    .entry(section.clone())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                {
                    t.insert(key.clone(), v.clone());
                }
            } else {
                loaded.warnings.push(format!(
                    "{label}: [{section}] {key} is not a staff setting, ignored"
                ));
            }
        }
    }
    let staff = parse(&kept.to_string(), None);
    let broken: Vec<String> = staff
        .warnings
        .iter()
        .map(|w| {
            let w = w.replace("; using the default", "; the config's value applies");
            format!("{label}: {w}")
        })
        .collect();
    let c = &mut loaded.config;
    let s = staff.config;
    for (section, fields) in &kept {
        let Some(fields) = fields.as_table() else {
            continue;
        };
        for key in fields.keys() {
            let name = format!("[{section}] {key}");
            if broken.iter().any(|w| w.contains(&name)) {
                continue;
            }
            match (section.as_str(), key.as_str()) {
                ("kiosk", "venue") => c.venue.clone_from(&s.venue),
                ("kiosk", "default_language") => c.default_language.clone_from(&s.default_language),
                ("kiosk", "volume") => c.volume = s.volume,
                ("kiosk", "care_mode") => c.care_mode = s.care_mode,
                ("kiosk", "auto_return_seconds") => c.auto_return_seconds = s.auto_return_seconds,
                ("camera", "device") => c.camera.clone_from(&s.camera),
                _ => continue,
            }
            loaded.staff_overrides.push(name);
        }
    }
    loaded.warnings.extend(broken);
}

/// Keeps one setting changed on the staff screen in the staff settings
/// file at `path`, beside the ones kept before. The file is replaced in one
/// step (written aside, then renamed), so a crash leaves the old or the new
/// file, never half of one.
pub fn save_staff_setting(
    path: &Path,
    section: &str,
    key: &str,
    value: toml::Value,
) -> Result<(), String> {
    if !STAFF_KEYS.contains(&(section, key)) {
        return Err(format!("[{section}] {key} is not a staff setting"));
    }
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
    table.retain(|s, v| v.is_table() && STAFF_KEYS.iter().any(|(x, _)| s == *x));
    if let toml::Value::Table(t) = table
        .entry(section.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
    {
        t.insert(key.to_string(), value);
    }
    let body = toml::to_string(&table).map_err(|e| e.to_string())?;
    let text = format!(
        "# Settings changed on the HealthGate staff screen. Each one overrides\n\
         # the same key of the config file; delete this file to go back to the\n\
         # config's values. The kiosk rewrites it when staff change a setting.\n\n{body}"
    );
    let fail = |e: std::io::Error| format!("cannot keep the setting in {}: {e}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("toml.new");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp).map_err(fail)?;
        f.write_all(text.as_bytes()).map_err(fail)?;
        f.sync_all().map_err(fail)?;
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

struct Reader<'a> {
    table: toml::Table,
    warnings: &'a mut Vec<String>,
}

impl Reader<'_> {
    /// Takes `[section] key`, leaving `slot` as it is (the default) when the
    /// field is missing or broken.
    fn take<T: DeserializeOwned>(&mut self, section: &str, key: &str, slot: &mut T) {
        let Some(toml::Value::Table(t)) = self.table.get_mut(section) else {
            return;
        };
        let Some(value) = t.remove(key) else {
            return;
        };
        match value.clone().try_into::<T>() {
            Ok(v) => *slot = v,
            Err(e) => self.warnings.push(format!(
                "[{section}] {key} = {value}: {}; using the default",
                e.message()
            )),
        }
    }

    fn check<T>(
        &mut self,
        section: &str,
        key: &str,
        slot: &mut T,
        default: T,
        ok: impl Fn(&T) -> Result<(), String>,
    ) {
        if let Err(why) = ok(slot) {
            self.warnings
                .push(format!("[{section}] {key}: {why}; using the default"));
            *slot = default;
        }
    }

    fn leftovers(&mut self) {
        for (section, value) in &self.table {
            match value {
                toml::Value::Table(t) => {
                    for key in t.keys() {
                        self.warnings
                            .push(format!("[{section}] {key}: unknown setting, ignored"));
                    }
                }
                _ => self.warnings.push(format!(
                    "{section}: unknown setting outside any section, ignored"
                )),
            }
        }
    }
}

/// Parses config text; relative paths are taken from `base`.
#[allow(clippy::many_single_char_names)]
pub fn parse(text: &str, base: Option<&Path>) -> Loaded {
    let mut warnings = Vec::new();
    let mut c = Config::default();
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            warnings.push(format!(
                "the config is not valid TOML, so every setting is at its default: {}",
                e.to_string().trim()
            ));
            return Loaded {
                config: c,
                path: None,
                warnings,
                staff_overrides: Vec::new(),
            };
        }
    };
    let d = Config::default();
    let mut r = Reader {
        table,
        warnings: &mut warnings,
    };
    r.take("kiosk", "id", &mut c.kiosk_id);
    r.check("kiosk", "id", &mut c.kiosk_id, d.kiosk_id.clone(), |s| {
        if s.is_empty() || s.len() > 64 || s.chars().any(char::is_control) {
            Err("must be 1 to 64 printable characters".into())
        } else {
            Ok(())
        }
    });
    r.take("kiosk", "venue", &mut c.venue);
    r.check("kiosk", "venue", &mut c.venue, d.venue.clone(), |s| {
        if s.is_empty()
            || !s
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            Err(format!("`{s}` must be lower-case letters, digits, - and _"))
        } else {
            Ok(())
        }
    });
    r.take("kiosk", "default_language", &mut c.default_language);
    r.check(
        "kiosk",
        "default_language",
        &mut c.default_language,
        d.default_language.clone(),
        |s| {
            if LANGUAGES.contains(&s.as_str()) {
                Ok(())
            } else {
                Err(format!("`{s}` is not one of {}", LANGUAGES.join(" ")))
            }
        },
    );
    r.take("kiosk", "auto_return_seconds", &mut c.auto_return_seconds);
    r.check(
        "kiosk",
        "auto_return_seconds",
        &mut c.auto_return_seconds,
        d.auto_return_seconds,
        |n| {
            if (2..=60).contains(n) {
                Ok(())
            } else {
                Err("must be 2 to 60".into())
            }
        },
    );
    r.take("kiosk", "care_mode", &mut c.care_mode);
    r.take("kiosk", "volume", &mut c.volume);
    r.check("kiosk", "volume", &mut c.volume, d.volume, |n| {
        if *n <= 100 {
            Ok(())
        } else {
            Err("must be 0 to 100".into())
        }
    });
    r.take("camera", "device", &mut c.camera);
    let mut pin = String::new();
    r.take("staff", "pin_hash", &mut pin);
    if !pin.trim().is_empty() {
        if pin.starts_with("sm3$") && pin.split('$').count() == 4 {
            c.pin_hash = Some(pin.trim().to_string());
        } else {
            r.warnings.push("[staff] pin_hash is not a hash from `healthgate config hash-pin`; the factory PIN applies".into());
        }
    }
    let mut staff_file = String::new();
    r.take("staff", "settings_file", &mut staff_file);
    if !staff_file.is_empty() {
        let p = PathBuf::from(staff_file);
        c.staff_file = Some(match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        });
    }
    r.take("staff", "max_tries", &mut c.pin_max_tries);
    r.check(
        "staff",
        "max_tries",
        &mut c.pin_max_tries,
        d.pin_max_tries,
        |n| {
            if (1..=20).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 20".into())
            }
        },
    );
    r.take("staff", "lockout_minutes", &mut c.pin_lockout_minutes);
    r.check(
        "staff",
        "lockout_minutes",
        &mut c.pin_lockout_minutes,
        d.pin_lockout_minutes,
        |n| {
            if (1..=1440).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 1440".into())
            }
        },
    );
    let mut export = String::new();
    r.take("records", "export_dir", &mut export);
    if !export.is_empty() {
        c.export_dir = Some(PathBuf::from(export));
    }
    let mut trust_file = String::new();
    r.take("trust", "file", &mut trust_file);
    if !trust_file.is_empty() {
        let p = PathBuf::from(trust_file);
        c.trust_file = Some(match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        });
    }
    r.take("trust", "demo", &mut c.trust_demo);
    let mut url = String::new();
    r.take("bundle", "url", &mut url);
    if !url.trim().is_empty() {
        if url.starts_with("https://") || url.starts_with("http://") {
            c.bundle_url = Some(url.trim().to_string());
        } else {
            r.warnings.push(format!(
                "[bundle] url `{url}` must start with https:// or http://; not syncing"
            ));
        }
    }
    let mut root = String::new();
    r.take("bundle", "root_key", &mut root);
    if !root.trim().is_empty() {
        match crate::crypto::PublicKeyRef::from_hex(&root) {
            Ok(_) => c.bundle_root_key = Some(root.trim().to_string()),
            Err(e) => r.warnings.push(format!(
                "[bundle] root_key: {e}; using the DEMO root key, so only DEMO bundles install"
            )),
        }
    }
    let mut store = String::new();
    r.take("bundle", "store", &mut store);
    if !store.is_empty() {
        let p = PathBuf::from(store);
        c.bundle_store = Some(match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        });
    }
    r.take("bundle", "sync_minutes", &mut c.sync_minutes);
    r.check(
        "bundle",
        "sync_minutes",
        &mut c.sync_minutes,
        d.sync_minutes,
        |n| {
            if (1..=1440).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 1440".into())
            }
        },
    );
    r.take("bundle", "timeout_seconds", &mut c.sync_timeout_seconds);
    r.check(
        "bundle",
        "timeout_seconds",
        &mut c.sync_timeout_seconds,
        d.sync_timeout_seconds,
        |n| {
            if (1..=600).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 600".into())
            }
        },
    );
    r.take("records", "retention_days", &mut c.retention_days);
    r.check(
        "records",
        "retention_days",
        &mut c.retention_days,
        d.retention_days,
        |n| {
            if *n <= 3660 {
                Ok(())
            } else {
                Err("must be 0 to 3660".into())
            }
        },
    );
    let mut records = String::new();
    r.take("records", "store", &mut records);
    if !records.is_empty() {
        let p = PathBuf::from(records);
        c.records_store = Some(match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        });
    }
    r.take("verify", "proof_skew_steps", &mut c.proof_skew_steps);
    r.check(
        "verify",
        "proof_skew_steps",
        &mut c.proof_skew_steps,
        d.proof_skew_steps,
        |n| {
            if *n <= 10 {
                Ok(())
            } else {
                Err("must be 0 to 10".into())
            }
        },
    );
    r.take("verify", "clock_skew_seconds", &mut c.clock_skew_seconds);
    r.check(
        "verify",
        "clock_skew_seconds",
        &mut c.clock_skew_seconds,
        d.clock_skew_seconds,
        |n| {
            if (0..=3600).contains(n) {
                Ok(())
            } else {
                Err("must be 0 to 3600".into())
            }
        },
    );
    r.take("log", "level", &mut c.log_level);
    r.check("log", "level", &mut c.log_level, d.log_level.clone(), |s| {
        if ["error", "warn", "info", "debug", "trace"].contains(&s.as_str()) {
            Ok(())
        } else {
            Err(format!(
                "`{s}` is not one of error, warn, info, debug, trace"
            ))
        }
    });
    let mut log_dir = String::new();
    r.take("log", "dir", &mut log_dir);
    if !log_dir.is_empty() {
        c.log_dir = Some(PathBuf::from(log_dir));
    }
    r.take("log", "keep_files", &mut c.log_keep_files);
    r.check(
        "log",
        "keep_files",
        &mut c.log_keep_files,
        d.log_keep_files,
        |n| {
            if (1..=366).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 366".into())
            }
        },
    );
    // Drop sections that are now empty, then report what is left.
    r.table
        .retain(|_, v| !matches!(v, toml::Value::Table(t) if t.is_empty()));
    r.leftovers();
    Loaded {
        config: c,
        path: None,
        warnings,
        staff_overrides: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_the_default_config() {
        let loaded = parse(DEFAULT_CONFIG, None);
        assert_eq!(loaded.warnings, Vec::<String>::new());
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn broken_fields_fall_back_one_by_one() {
        let text = r#"
            [kiosk]
            id = "door-3"
            venue = 42
            default_language = "xx"
            colour = "blue"
            [verify]
            proof_skew_steps = 2
            [trust]
            file = "trust.toml"
            [mystery]
            x = 1
        "#;
        let loaded = parse(text, Some(Path::new("/etc/healthgate")));
        let c = &loaded.config;
        assert_eq!(c.kiosk_id, "door-3");
        assert_eq!(c.venue, "general");
        assert_eq!(c.default_language, "en");
        assert_eq!(c.proof_skew_steps, 2);
        assert_eq!(
            c.trust_file.as_deref(),
            Some(Path::new("/etc/healthgate/trust.toml"))
        );
        let w = loaded.warnings.join("\n");
        assert!(w.contains("[kiosk] venue"), "{w}");
        assert!(w.contains("[kiosk] default_language"), "{w}");
        assert!(w.contains("[kiosk] colour: unknown"), "{w}");
        assert!(w.contains("[mystery] x: unknown"), "{w}");
        assert_eq!(loaded.warnings.len(), 4, "{w}");
    }

    #[test]
    fn invalid_toml_gives_defaults_and_a_warning() {
        let loaded = parse("[kiosk\nid = ", None);
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
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
        // The PIN can never come from the staff file.
        assert_eq!(c.pin_hash, None);
        assert_eq!(
            loaded.staff_overrides,
            ["[camera] device", "[kiosk] care_mode", "[kiosk] venue"]
        );
        let w = loaded.warnings.join("\n");
        assert!(w.contains("[kiosk] volume"), "{w}");
        assert!(w.contains("the config's value applies"), "{w}");
        assert!(w.contains("[staff] pin_hash is not a staff setting"), "{w}");
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
            save_staff_setting(&path, s, k, v).unwrap_or_else(|e| panic!("{e}"));
        };
        save("kiosk", "venue", "school".into());
        save("kiosk", "volume", 15.into());
        save("camera", "device", "Front cam".into());
        save("kiosk", "volume", 25.into());
        assert!(save_staff_setting(&path, "staff", "pin_hash", "x".into()).is_err());
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
