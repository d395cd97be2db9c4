//! Reading config text tolerantly: a field that is broken or unknown falls
//! back to its default and becomes a warning.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::{Config, Loaded};
use crate::code::LANGUAGES;

struct Reader<'a> {
    table: toml::Table,
    warnings: &'a mut Vec<String>,
    /// `[section] key` of every field that fell back to its default.
    fallbacks: Vec<String>,
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
            Err(e) => {
                self.warnings.push(format!(
                    "[{section}] {key} = {value}: {}; using the default",
                    e.message()
                ));
                self.fallbacks.push(format!("[{section}] {key}"));
            }
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
            self.fallbacks.push(format!("[{section}] {key}"));
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
                warnings,
                ..Loaded::default()
            };
        }
    };
    let d = Config::default();
    let mut r = Reader {
        table,
        warnings: &mut warnings,
        fallbacks: Vec::new(),
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
    let mut country = String::new();
    r.take("kiosk", "country", &mut country);
    let country = country.trim();
    if country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic()) {
        c.country = Some(country.to_ascii_uppercase());
    } else if !country.is_empty() {
        r.warnings.push(format!(
            "[kiosk] country `{country}` must be a two-letter country code (ISO 3166), such as DE; no country rules apply"
        ));
    }
    r.take("kiosk", "timezone", &mut c.timezone);
    r.check(
        "kiosk",
        "timezone",
        &mut c.timezone,
        String::new(),
        |name| {
            if name.trim().is_empty() || jiff::tz::TimeZone::get(name.trim()).is_ok() {
                Ok(())
            } else {
                Err(
                    "not a time zone like Asia/Shanghai or Europe/Berlin (the system's applies)"
                        .into(),
                )
            }
        },
    );
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
    r.take("camera", "mirror", &mut c.mirror);
    for (key, slot) in [
        ("brightness", &mut c.brightness),
        ("exposure", &mut c.exposure),
    ] {
        let mut value: Option<toml::Value> = None;
        r.take("camera", key, &mut value);
        match value {
            None => {}
            Some(toml::Value::String(s)) if s.trim() == "auto" => *slot = None,
            Some(toml::Value::Integer(n)) if (0..=100).contains(&n) => {
                *slot = u8::try_from(n).ok();
            }
            Some(other) => {
                r.warnings.push(format!(
                    "[camera] {key}: {other} is not 0 to 100 or \"auto\"; the camera's own applies"
                ));
                r.fallbacks.push(format!("[camera] {key}"));
            }
        }
    }
    let mut pin = String::new();
    r.take("staff", "pin_hash", &mut pin);
    if !pin.trim().is_empty() {
        if pin.starts_with("sm3$") && pin.split('$').count() == 4 {
            c.pin_hash = Some(pin.trim().to_string());
        } else {
            r.warnings.push("[staff] pin_hash is not a hash from `healthgate config hash-pin`; the factory PIN applies".into());
            r.fallbacks.push("[staff] pin_hash".into());
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
    let mut data_dir = String::new();
    r.take("kiosk", "data_dir", &mut data_dir);
    if !data_dir.is_empty() {
        let p = PathBuf::from(data_dir);
        c.data_dir = Some(match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        });
    }
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
    r.take("serve", "listen", &mut c.serve_listen);
    r.check(
        "serve",
        "listen",
        &mut c.serve_listen,
        d.serve_listen.clone(),
        |s| {
            s.parse::<std::net::SocketAddr>()
                .map(|_| ())
                .map_err(|_| format!("`{s}` is not an address and port, such as 127.0.0.1:8750"))
        },
    );
    r.take("serve", "tokens", &mut c.serve_tokens);
    r.check(
        "serve",
        "tokens",
        &mut c.serve_tokens,
        Vec::new(),
        |tokens| match tokens.iter().find(|t| !crate::config::is_token_hash(t)) {
            Some(t) => Err(format!(
                "`{t}` is not a hash from `healthgate config --hash-token`"
            )),
            None => Ok(()),
        },
    );
    for (key, slot) in [
        ("tls_cert", &mut c.serve_tls_cert),
        ("tls_key", &mut c.serve_tls_key),
    ] {
        let mut path = String::new();
        r.take("serve", key, &mut path);
        if !path.is_empty() {
            let p = PathBuf::from(path);
            *slot = Some(match base {
                Some(b) if p.is_relative() => b.join(p),
                _ => p,
            });
        }
    }
    r.take("serve", "max_body_kib", &mut c.serve_max_body_kib);
    r.check(
        "serve",
        "max_body_kib",
        &mut c.serve_max_body_kib,
        d.serve_max_body_kib,
        |n| {
            if (1..=1_048_576).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 1048576".into())
            }
        },
    );
    r.take("serve", "max_codes", &mut c.serve_max_codes);
    r.check(
        "serve",
        "max_codes",
        &mut c.serve_max_codes,
        d.serve_max_codes,
        |n| {
            if (1..=1_000_000).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 1000000".into())
            }
        },
    );
    r.take("serve", "max_concurrent", &mut c.serve_max_concurrent);
    r.check(
        "serve",
        "max_concurrent",
        &mut c.serve_max_concurrent,
        d.serve_max_concurrent,
        |n| {
            if (1..=10_000).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 10000".into())
            }
        },
    );
    r.take("serve", "timeout_seconds", &mut c.serve_timeout_seconds);
    r.check(
        "serve",
        "timeout_seconds",
        &mut c.serve_timeout_seconds,
        d.serve_timeout_seconds,
        |n| {
            if (1..=3600).contains(n) {
                Ok(())
            } else {
                Err("must be 1 to 3600".into())
            }
        },
    );
    let mut metrics = String::new();
    r.take("metrics", "listen", &mut metrics);
    if !metrics.trim().is_empty() {
        if metrics.trim().parse::<std::net::SocketAddr>().is_ok() {
            c.metrics_listen = Some(metrics.trim().to_string());
        } else {
            r.warnings.push(format!(
                "[metrics] listen: `{metrics}` is not an address and port, such as 127.0.0.1:9750; no metrics are served"
            ));
            r.fallbacks.push("[metrics] listen".into());
        }
    }
    // Drop sections that are now empty, then report what is left.
    r.table
        .retain(|_, v| !matches!(v, toml::Value::Table(t) if t.is_empty()));
    r.leftovers();
    let fallbacks = std::mem::take(&mut r.fallbacks);
    Loaded {
        config: c,
        warnings,
        fallbacks,
        ..Loaded::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_CONFIG;

    #[test]
    fn the_default_file_is_the_default_config() {
        let loaded = parse(DEFAULT_CONFIG, None);
        assert_eq!(loaded.warnings, Vec::<String>::new());
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn picture_settings_are_a_share_or_auto() {
        let c = parse("[camera]\nbrightness = 70\nexposure = \"auto\"\n", None);
        assert_eq!((c.config.brightness, c.config.exposure), (Some(70), None));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let c = parse("[camera]\nbrightness = 170\nexposure = \"dark\"\n", None);
        assert_eq!((c.config.brightness, c.config.exposure), (None, None));
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    }

    #[test]
    fn the_time_zone_is_an_iana_name_or_the_system_s() {
        let c = parse("[kiosk]\ntimezone = \"Africa/Cairo\"\n", None);
        assert_eq!(c.config.timezone, "Africa/Cairo");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let c = parse("[kiosk]\ntimezone = \"Mars/Olympus\"\n", None);
        assert_eq!(c.config.timezone, "");
        assert!(
            c.warnings.iter().any(|w| w.contains("[kiosk] timezone")),
            "{:?}",
            c.warnings
        );
        assert_eq!(parse("", None).config.timezone, "");
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
    fn the_venue_country_is_two_letters() {
        let country = |v: &str| {
            let loaded = parse(&format!("[kiosk]\ncountry = \"{v}\"\n"), None);
            (loaded.config.country, loaded.warnings.len())
        };
        assert_eq!(country("de"), (Some("DE".into()), 0));
        assert_eq!(country(""), (None, 0));
        assert_eq!(country("Germany"), (None, 1));
        assert_eq!(country("D1"), (None, 1));
    }

    #[test]
    fn invalid_toml_gives_defaults_and_a_warning() {
        let loaded = parse("[kiosk\nid = ", None);
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
    }

    #[test]
    fn the_data_folder_holds_what_is_not_placed_elsewhere() {
        let text = "[kiosk]\ndata_dir = \"state\"\n[records]\nstore = \"/srv/records.sqlite\"\n";
        let c = parse(text, Some(Path::new("/etc/healthgate"))).config;
        let data = Path::new("/etc/healthgate/state");
        assert_eq!(c.data_folder(), data);
        assert_eq!(c.records_path(), Path::new("/srv/records.sqlite"));
        assert_eq!(c.rules_store(), data.join("rules.sqlite"));
        assert_eq!(c.staff_path(), data.join("staff-settings.toml"));
        assert_eq!(c.export_path(), data.join("exports"));
        let absolute = parse("[kiosk]\ndata_dir = \"/var/lib/healthgate\"\n", None).config;
        assert_eq!(absolute.data_folder(), Path::new("/var/lib/healthgate"));
    }
}
