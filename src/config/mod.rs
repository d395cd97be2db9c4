//! The kiosk's config: one commented TOML file, loaded tolerantly.
//!
//! A field that is broken or unknown falls back to its default and is
//! reported as a warning; the kiosk always starts. The file is found with
//! `--config FILE`, else in the platform's config folder (XDG on Linux,
//! `%APPDATA%` on Windows) as `config.toml`, else the machine's
//! (`/etc/healthgate/config.toml`, `%ProgramData%\HealthGate\config.toml`).

mod parse;
pub mod staff;

use std::path::{Path, PathBuf};

pub use parse::parse;
pub use staff::{
    STAFF_KEYS, StaffKey, apply_staff_file, save_staff_setting, save_staff_value, staff_changes,
};

/// The commented default config, as `healthgate config --print-default` prints it.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.default.toml");

/// Every setting, with its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `[kiosk] id`: names this kiosk in records and logs.
    pub kiosk_id: String,
    /// `[kiosk] venue`: the venue profile (`general`, `hospital`, `airport`, `school`).
    pub venue: String,
    /// `[kiosk] country`: the venue's country (ISO 3166 alpha-2), whose EU
    /// DCC Acceptance rules apply; none: only the issuing countries'
    /// Invalidation rules and the venue policy.
    pub country: Option<String>,
    /// `[kiosk] default_language`: one of the 16 languages.
    pub default_language: String,
    /// `[kiosk] timezone`: the IANA zone times are shown in to people
    /// (`Asia/Shanghai`); empty: the system's. Records keep UTC.
    pub timezone: String,
    /// `[kiosk] auto_return_seconds`: the verdict screen goes back to scanning after this.
    pub auto_return_seconds: i64,
    /// `[kiosk] care_mode`: start in care mode (everything 2.5x, slower voice).
    pub care_mode: bool,
    /// `[kiosk] volume`: 0 to 100.
    pub volume: u8,
    /// `[kiosk] data_dir`: the folder of everything the kiosk writes
    /// (default: the platform's data folder).
    pub data_dir: Option<PathBuf>,
    /// `[camera] device`: index or name of the camera; empty: the first one.
    pub camera: String,
    /// `[camera] mirror`: show the preview mirrored, as a person expects of
    /// a screen facing them (a front camera). Default true.
    pub mirror: bool,
    /// `[camera] brightness`: 0 to 100 of the camera's own range, or
    /// `"auto"` (`None`, the default): the camera's own value.
    pub brightness: Option<u8>,
    /// `[camera] exposure`: as brightness; shorter for a bright phone
    /// screen, longer for a dim hall.
    pub exposure: Option<u8>,
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
    /// `[serve] listen`: the batch service's address.
    pub serve_listen: String,
    /// `[serve] tokens`: hashes of the bearer tokens the service accepts
    /// (from `healthgate config --hash-token`).
    pub serve_tokens: Vec<String>,
    /// `[serve] tls_cert`: the service's certificate chain (PEM).
    pub serve_tls_cert: Option<PathBuf>,
    /// `[serve] tls_key`: the service's private key (PEM).
    pub serve_tls_key: Option<PathBuf>,
    /// `[serve] max_body_kib`: the largest JSON request body.
    pub serve_max_body_kib: u64,
    /// `[serve] max_codes`: codes in one JSON request at most.
    pub serve_max_codes: usize,
    /// `[serve] max_concurrent`: requests handled at once; more are refused 429.
    pub serve_max_concurrent: usize,
    /// `[serve] timeout_seconds`: time one request may take (for a stream:
    /// the wait for its next line).
    pub serve_timeout_seconds: u64,
    /// `[metrics] listen`: where a kiosk serves `/metrics` (empty: nowhere).
    pub metrics_listen: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            kiosk_id: "kiosk-1".into(),
            venue: "general".into(),
            country: None,
            default_language: "en".into(),
            timezone: String::new(),
            auto_return_seconds: 5,
            care_mode: false,
            volume: 80,
            data_dir: None,
            camera: String::new(),
            mirror: true,
            brightness: None,
            exposure: None,
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
            serve_listen: "127.0.0.1:8750".into(),
            serve_tokens: Vec::new(),
            serve_tls_cert: None,
            serve_tls_key: None,
            serve_max_body_kib: 8192,
            serve_max_codes: 10_000,
            serve_max_concurrent: 64,
            serve_timeout_seconds: 30,
            metrics_listen: None,
        }
    }
}

/// A loaded config and what was wrong with the file.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// The file it came from, if one was read.
    pub path: Option<PathBuf>,
    /// One line for each setting that fell back to its default, or was ignored.
    pub warnings: Vec<String>,
    /// `[section] key` of each setting that was there but broken, and fell
    /// back to its default.
    pub fallbacks: Vec<String>,
    /// The settings the staff screen changed, from [`Config::staff_path`]:
    /// `[section] key` of each one that overrides the config.
    pub staff_overrides: Vec<String>,
    /// The drop-in files read after the main one (`config.d/*.toml` beside
    /// it), in the order they apply.
    pub drop_ins: Vec<PathBuf>,
    /// `[section] key` of every setting a file gives, with the file that
    /// gave it (the last one, when several do).
    pub sources: Vec<(String, PathBuf)>,
}

/// The prefix of a token hash in `[serve] tokens`.
pub const TOKEN_HASH_PREFIX: &str = "sha256$";

/// The `[serve] tokens` entry for a bearer token: SHA-256 of the token, in
/// hex. A token is a long random secret, not a password, so one hash
/// keeps it out of the config without a slow key derivation.
pub fn hash_token(token: &str) -> String {
    use sha2::Digest as _;
    format!(
        "{TOKEN_HASH_PREFIX}{}",
        base16ct::lower::encode_string(&sha2::Sha256::digest(token.as_bytes()))
    )
}

/// Whether `text` has the shape of [`hash_token`]'s output.
pub fn is_token_hash(text: &str) -> bool {
    text.strip_prefix(TOKEN_HASH_PREFIX)
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The platform's folders for this program.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "HealthGate", "healthgate")
}

/// Where the config file is looked for when `--config` is not given: the
/// user's config folder, then the machine's, where the packages install
/// it: `/etc/healthgate/config.toml` on Unix,
/// `%ProgramData%\HealthGate\config.toml` on Windows. The first that
/// exists wins; when none does, the user's path is named in messages.
pub fn default_path() -> Option<PathBuf> {
    let user = project_dirs().map(|d| d.config_dir().join("config.toml"));
    let system = if cfg!(windows) {
        std::env::var_os("ProgramData")
            .map(|d| PathBuf::from(d).join("HealthGate").join("config.toml"))
    } else {
        Some(PathBuf::from("/etc/healthgate/config.toml"))
    };
    [user.clone(), system]
        .into_iter()
        .flatten()
        .find(|p| p.is_file())
        .or(user)
}

impl Config {
    /// The verification options this config asks for.
    pub fn verify_options(&self) -> crate::code::Options {
        crate::code::Options {
            proof_skew_steps: self.proof_skew_steps,
            clock_skew_secs: self.clock_skew_seconds,
            status_checks: false,
        }
    }

    /// The folder of everything the kiosk writes: `[kiosk] data_dir`, else
    /// the platform's (`~/.local/share/healthgate` on Linux,
    /// `%LOCALAPPDATA%\HealthGate\healthgate\data` on Windows), else the
    /// working folder.
    pub fn data_folder(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| {
            project_dirs().map_or_else(|| PathBuf::from("."), |d| d.data_local_dir().to_path_buf())
        })
    }

    /// Where exports go.
    pub fn export_path(&self) -> PathBuf {
        self.export_dir
            .clone()
            .unwrap_or_else(|| self.data_folder().join("exports"))
    }

    /// The records database's path.
    pub fn records_path(&self) -> PathBuf {
        self.records_store
            .clone()
            .unwrap_or_else(|| self.data_folder().join("records.sqlite"))
    }

    /// The file of the settings changed on the staff screen.
    pub fn staff_path(&self) -> PathBuf {
        self.staff_file
            .clone()
            .unwrap_or_else(|| self.data_folder().join("staff-settings.toml"))
    }

    /// The rule database's path.
    pub fn rules_store(&self) -> PathBuf {
        self.bundle_store
            .clone()
            .unwrap_or_else(|| self.data_folder().join("rules.sqlite"))
    }

    /// Where a kiosk's daily log files go: `[log] dir`, else `logs` in the
    /// data folder. None when the kiosk runs under systemd with its output
    /// going to the journal and no `[log] dir` is set: the journal keeps
    /// the log then, and a second copy in files would only fill the disk.
    pub fn log_files(&self) -> Option<PathBuf> {
        match &self.log_dir {
            Some(dir) => Some(dir.clone()),
            None if stderr_is_journal() => None,
            None => Some(self.data_folder().join("logs")),
        }
    }
}

/// Whether stderr goes to systemd's journal: `JOURNAL_STREAM` names the
/// device and inode of the journal's socket, and stderr is that socket (a
/// terminal opened from a service inherits the variable, not the socket).
fn stderr_is_journal() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let Some(stream) = std::env::var_os("JOURNAL_STREAM") else {
            return false;
        };
        let Some((dev, ino)) = stream.to_str().and_then(|s| s.split_once(':')) else {
            return false;
        };
        std::fs::metadata("/proc/self/fd/2").is_ok_and(|m| {
            dev.parse::<u64>().is_ok_and(|d| d == m.dev())
                && ino.parse::<u64>().is_ok_and(|i| i == m.ino())
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
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
            warnings: vec!["no config folder on this system; using defaults".into()],
            ..Loaded::default()
        };
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let base = path.parent();
            let Layered {
                text,
                drop_ins,
                sources,
                mut warnings,
            } = layered(&text, &path);
            let mut loaded = parse(&text, base);
            warnings.append(&mut loaded.warnings);
            loaded.warnings = warnings;
            loaded.path = Some(path);
            loaded.drop_ins = drop_ins;
            loaded.sources = sources;
            loaded
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            Loaded::default()
        }
        Err(e) => Loaded {
            warnings: vec![format!(
                "cannot read config {}: {e}; using defaults",
                path.display()
            )],
            ..Loaded::default()
        },
    }
}

/// The drop-in folder of a config file: `config.d` beside it.
pub fn drop_in_dir(config: &Path) -> Option<PathBuf> {
    config.parent().map(|d| d.join("config.d"))
}

/// The main config's text with its drop-ins (`config.d/*.toml`, in file
/// name order, a later file's setting winning) laid over it, the files
/// read, where each setting came from, and what could not be read. A
/// drop-in that is not valid TOML is left out whole, with a warning.
/// A config's text with its drop-ins laid over it, and what came of them.
struct Layered {
    text: String,
    drop_ins: Vec<PathBuf>,
    sources: Vec<(String, PathBuf)>,
    warnings: Vec<String>,
}

fn layered(text: &str, path: &Path) -> Layered {
    let mut warnings = Vec::new();
    let mut files: Vec<PathBuf> = drop_in_dir(path)
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let Ok(mut table) = text.parse::<toml::Table>() else {
        // The parser says what is wrong with the main file.
        return Layered {
            text: text.to_string(),
            drop_ins: Vec::new(),
            sources: Vec::new(),
            warnings,
        };
    };
    let mut sources: Vec<(String, PathBuf)> = Vec::new();
    let note = |section: &str, key: &str, file: &Path, sources: &mut Vec<(String, PathBuf)>| {
        let name = format!("[{section}] {key}");
        sources.retain(|(n, _)| *n != name);
        sources.push((name, file.to_path_buf()));
    };
    for (section, value) in &table {
        if let toml::Value::Table(t) = value {
            for key in t.keys() {
                note(section, key, path, &mut sources);
            }
        }
    }
    let mut read = Vec::new();
    for file in files {
        let layer = match std::fs::read_to_string(&file).map(|t| t.parse::<toml::Table>()) {
            Ok(Ok(layer)) => layer,
            Ok(Err(e)) => {
                warnings.push(format!(
                    "{} is not valid TOML, so none of it applies: {}",
                    file.display(),
                    e.to_string().trim()
                ));
                continue;
            }
            Err(e) => {
                warnings.push(format!("cannot read {}: {e}; ignored", file.display()));
                continue;
            }
        };
        for (section, value) in layer {
            match (table.get_mut(&section), value) {
                (Some(toml::Value::Table(into)), toml::Value::Table(from)) => {
                    for (key, v) in from {
                        note(&section, &key, &file, &mut sources);
                        into.insert(key, v);
                    }
                }
                (_, toml::Value::Table(from)) => {
                    for key in from.keys() {
                        note(&section, key, &file, &mut sources);
                    }
                    table.insert(section, toml::Value::Table(from));
                }
                (_, other) => {
                    table.insert(section, other);
                }
            }
        }
        read.push(file);
    }
    sources.sort();
    Layered {
        text: table.to_string(),
        drop_ins: read,
        sources,
        warnings,
    }
}
