//! Every file a kiosk writes is its owner's only (Linux): the data folder
//! it makes, the records, their key, the rule store, the staff settings,
//! the log folder and its files; a records file made 0644 by an older
//! version is tightened.
#![cfg(unix)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Runs the terminal kiosk on one code; returns what it wrote to stderr.
fn run_kiosk(config: &Path) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "kiosk"])
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "HGC1:NOT-A-REAL-CODE").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn a_kiosk_writes_nothing_others_can_read() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"modes\"\n[bundle]\nstore = \"{d}/rules.sqlite\"\n[records]\nstore = \"{d}/records.sqlite\"\n[staff]\nsettings_file = \"{d}/staff-settings.toml\"\n[log]\ndir = \"{d}/logs\"\n",
            d = data.display()
        ),
    )
    .unwrap();
    let stderr = run_kiosk(&config);
    // With a log file, the terminal gets warnings and errors only: no INFO
    // line between the verdicts; the file has them.
    assert!(!stderr.contains("INFO"), "{stderr}");
    healthgate::config::save_staff_value(
        &data.join("staff-settings.toml"),
        "kiosk",
        "volume",
        toml::Value::Integer(40),
    )
    .unwrap();
    assert_eq!(mode(&data), 0o700, "the data folder");
    assert_eq!(mode(&data.join("logs")), 0o700, "the log folder");
    for file in [
        "records.sqlite",
        "records.key",
        "rules.sqlite",
        "staff-settings.toml",
    ] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    let logs: Vec<_> = std::fs::read_dir(data.join("logs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(!logs.is_empty(), "a log file");
    let logged: String = logs
        .iter()
        .map(|l| std::fs::read_to_string(l).unwrap())
        .collect();
    assert!(
        logged.contains("INFO") && logged.contains("verdict"),
        "{logged}"
    );
    for log in &logs {
        assert_eq!(mode(log), 0o600, "{}", log.display());
    }
    // What an older version left open is closed at the next start.
    std::fs::set_permissions(
        data.join("records.sqlite"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(&logs[0], std::fs::Permissions::from_mode(0o644)).unwrap();
    run_kiosk(&config);
    assert_eq!(mode(&data.join("records.sqlite")), 0o600);
    assert_eq!(mode(&logs[0]), 0o600);
    // The records were kept across both runs.
    let out = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "records",
            "export",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.matches("\"modes\"").count() >= 2, "{text}");
}

/// Site settings layered over the packaged config: `config.d/*.toml`,
/// later files winning, a broken one left out whole, and `config --check`
/// naming where each setting came from.
#[test]
fn drop_ins_layer_over_the_config_and_check_names_their_files() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        "[kiosk]\nid = \"door-1\"\nvenue = \"general\"\nvolume = 70\n",
    )
    .unwrap();
    let d = tmp.path().join("config.d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(
        d.join("10-site.toml"),
        "[kiosk]\nvenue = \"hospital\"\n[records]\nretention_days = 7\n",
    )
    .unwrap();
    std::fs::write(d.join("20-door.toml"), "[kiosk]\nvenue = \"airport\"\n").unwrap();
    std::fs::write(d.join("30-broken.toml"), "[kiosk\nvolume = 10\n").unwrap();
    std::fs::write(d.join("notes.txt"), "[kiosk]\nvolume = 5\n").unwrap();
    let loaded = healthgate::config::load(Some(&config));
    assert_eq!(loaded.config.kiosk_id, "door-1");
    assert_eq!(loaded.config.venue, "airport");
    assert_eq!(loaded.config.retention_days, 7);
    assert_eq!(
        loaded.config.volume, 70,
        "the broken drop-in and the .txt file do not apply"
    );
    assert_eq!(loaded.drop_ins.len(), 2);
    assert!(
        loaded.warnings.iter().any(|w| w.contains("30-broken.toml")),
        "{:?}",
        loaded.warnings
    );
    let from = |setting: &str| {
        loaded
            .sources
            .iter()
            .find(|(s, _)| s == setting)
            .map(|(_, f)| f.file_name().unwrap().to_string_lossy().to_string())
    };
    assert_eq!(from("[kiosk] venue").as_deref(), Some("20-door.toml"));
    assert_eq!(from("[kiosk] id").as_deref(), Some("config.toml"));
    assert_eq!(
        from("[records] retention_days").as_deref(),
        Some("10-site.toml")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "config", "--check"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("20-door.toml"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("[kiosk] venue") && l.contains("20-door.toml")),
        "{text}"
    );
    assert!(text.contains("30-broken.toml is not valid TOML"), "{text}");
}

/// `[kiosk] data_dir` (what the Debian package sets): one folder holds the
/// records, their key, the rule store and the logs; `config --check` names
/// each. Under systemd with stderr going to the journal (`JOURNAL_STREAM`
/// naming stderr's device and inode), no log files are written: the
/// journal keeps the log.
#[test]
fn one_data_folder_holds_everything_and_the_journal_replaces_log_files() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        "[kiosk]\nid = \"one-folder\"\ndata_dir = \"data\"\n",
    )
    .unwrap();
    let data = tmp.path().join("data");
    // A JOURNAL_STREAM inherited from elsewhere (stderr is a pipe here):
    // log files as usual.
    let mut child = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "kiosk"])
        .env_remove("RUST_LOG")
        .env("JOURNAL_STREAM", "8:12345")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "HGC1:NOT-A-REAL-CODE").unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(mode(&data), 0o700);
    for file in ["records.sqlite", "records.key", "rules.sqlite"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    assert_eq!(std::fs::read_dir(data.join("logs")).unwrap().count(), 1);
    let check = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "config", "--check"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        text.contains(&format!("data folder: {} (there)", data.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "rule store  {}",
            data.join("rules.sqlite").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("kiosk logs  {}", data.join("logs").display())),
        "{text}"
    );

    // stderr is the journal's stream: no log files; stderr has the INFO lines.
    std::fs::remove_dir_all(data.join("logs")).unwrap();
    let journal = tmp.path().join("journal");
    let stderr = std::fs::File::create(&journal).unwrap();
    let meta = stderr.metadata().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "kiosk"])
        .env_remove("RUST_LOG")
        .env("JOURNAL_STREAM", format!("{}:{}", meta.dev(), meta.ino()))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "HGC1:NOT-A-REAL-CODE").unwrap();
    assert!(child.wait().unwrap().success());
    assert!(!data.join("logs").exists(), "log files beside the journal");
    let logged = std::fs::read_to_string(&journal).unwrap();
    assert!(
        logged.contains("INFO") && logged.contains("verdict"),
        "{logged}"
    );
}
