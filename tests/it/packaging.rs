//! The packages' sources, checked without building a package (that is
//! `packaging/deb/test-install.sh` and `packaging/windows/test-install.sh`):
//! the units keep their hardening, the kiosk waits for no network, the
//! maintainer scripts parse, and the config line the Debian build rewrites
//! is still there.

use std::path::Path;
use std::process::Command;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The `Key=value` lines of a unit file, comments left out.
fn settings(unit: &str) -> Vec<String> {
    unit.lines()
        .map(str::trim)
        .filter(|l| l.contains('=') && !l.starts_with('#'))
        .map(ToString::to_string)
        .collect()
}

const HARDENING: [&str; 6] = [
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "PrivateTmp=yes",
    "NoNewPrivileges=yes",
    "ReadWritePaths=/var/lib/healthgate",
    "StateDirectoryMode=0700",
];

#[test]
fn both_units_are_hardened_and_run_as_healthgate() {
    for name in ["healthgate-kiosk.service", "healthgate-serve.service"] {
        let unit = settings(&read(&format!("packaging/deb/files/{name}")));
        for line in HARDENING
            .iter()
            .chain(&["User=healthgate", "CapabilityBoundingSet="])
        {
            assert!(unit.iter().any(|l| l == line), "{name} lacks {line}");
        }
    }
}

#[test]
fn the_kiosk_unit_restarts_waits_for_no_network_and_has_only_its_devices() {
    let unit = settings(&read("packaging/deb/files/healthgate-kiosk.service"));
    for line in [
        "Restart=always",
        "StartLimitIntervalSec=0",
        "ExecStart=/usr/lib/healthgate/kiosk-session",
        "PAMName=healthgate-kiosk",
        "DevicePolicy=closed",
        "DeviceAllow=char-drm rw",
        "DeviceAllow=char-input rw",
        "DeviceAllow=char-video4linux rw",
        "DeviceAllow=char-alsa rw",
        "WantedBy=graphical.target",
    ] {
        assert!(
            unit.iter().any(|l| l == line),
            "the kiosk unit lacks {line}"
        );
    }
    assert!(
        !unit.iter().any(|l| l.contains("network")),
        "the kiosk waits for the network: {unit:?}"
    );
    let devices: Vec<_> = unit
        .iter()
        .filter(|l| l.starts_with("DeviceAllow="))
        .collect();
    assert_eq!(devices.len(), 5, "{devices:?}");
    let serve = settings(&read("packaging/deb/files/healthgate-serve.service"));
    assert!(serve.iter().any(|l| l == "PrivateDevices=yes"));
}

#[test]
fn the_session_and_maintainer_scripts_parse() {
    for script in ["kiosk-session", "postinst", "prerm", "postrm"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("packaging/deb/files")
            .join(script);
        let status = Command::new("sh").arg("-n").arg(&path).status().unwrap();
        assert!(status.success(), "{script} does not parse");
    }
    let session = read("packaging/deb/files/kiosk-session");
    assert!(session.contains("exec /usr/bin/cage -d -- "), "{session}");
    assert!(!session.contains("cage -s") && !session.contains("cage -d -s"));
}

/// `packaging/deb/build.sh` points the packaged config at
/// /var/lib/healthgate by rewriting this line; the packaged config then
/// parses without a warning.
#[test]
fn the_packaged_config_puts_the_data_in_var_lib() {
    let default = healthgate::config::DEFAULT_CONFIG;
    assert_eq!(
        default.lines().filter(|l| *l == "data_dir = \"\"").count(),
        1
    );
    let packaged = default.replace("data_dir = \"\"", "data_dir = \"/var/lib/healthgate\"");
    let loaded = healthgate::config::parse(&packaged, Some(Path::new("/etc/healthgate")));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        loaded.config.records_path(),
        Path::new("/var/lib/healthgate/records.sqlite")
    );
    assert!(
        read("packaging/deb/build.sh")
            .contains(r#"s|^data_dir = ""$|data_dir = "/var/lib/healthgate"|"#)
    );
}
