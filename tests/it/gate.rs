//! The door: one path from a code's text to a recorded verdict for the
//! kiosk on screen, the kiosk in a terminal and `healthgate verify`, and
//! its hourly duty.

use std::io::Write;
use std::process::{Command, Stdio};

use healthgate::config::Config;
use healthgate::gate::{self, RuleSources};
use healthgate::records::{Filter, Record};
use healthgate::scan::supervisor::Feed;
use healthgate::time::UnixTime;
use healthgate::ui::{Message, Screen};
use healthgate::verdict::{Colour, Reason};

use super::common::T0;

const HG: &str = env!("CARGO_BIN_EXE_healthgate");

fn config_in(dir: &std::path::Path) -> Config {
    Config {
        kiosk_id: "door-9".into(),
        venue: "hospital".into(),
        bundle_store: Some(dir.join("rules.sqlite")),
        records_store: Some(dir.join("records.sqlite")),
        staff_file: Some(dir.join("staff.toml")),
        ..Config::default()
    }
}

/// What a record says of a check, without its id and time.
fn seen(
    r: &Record,
) -> (
    String,
    String,
    Colour,
    Vec<String>,
    Option<String>,
    Option<String>,
) {
    (
        r.kiosk.clone(),
        r.format.clone(),
        r.verdict,
        r.reasons.clone(),
        r.masked_name.clone(),
        r.id_tail.clone(),
    )
}

fn records_of(gate: &gate::Gate) -> Vec<Record> {
    gate.with_records_do(|r| r.query(&Filter::default()).unwrap())
        .unwrap()
}

#[test]
fn the_kiosk_on_screen_and_in_a_terminal_share_one_path_to_the_record() {
    let scenes = healthgate::demo::scenes(T0).unwrap();
    let texts: Vec<String> = scenes.iter().map(|s| s.text.clone()).collect();

    // The kiosk on screen: codes arrive as the scanner thread sends them.
    let gui_dir = tempfile::tempdir().unwrap();
    let mut app = healthgate::ui::start::app(&config_in(gui_dir.path()), T0);
    for (i, text) in texts.iter().enumerate() {
        let _ = app.update(Message::Tick(T0.plus(i64::try_from(i).unwrap() * 10)));
        let _ = app.update(Message::Feed(Feed::Code(text.clone())));
        assert!(matches!(app.screen, Screen::Verdict(_)));
    }
    let on_screen = records_of(app.gate());

    // The kiosk in a terminal, opened the way `healthgate kiosk` opens it.
    let tty_dir = tempfile::tempdir().unwrap();
    let (door, problems) = gate::for_kiosk(&config_in(tty_dir.path()), RuleSources::default(), T0);
    assert!(problems.is_empty(), "{problems:?}");
    for (i, text) in texts.iter().enumerate() {
        let _ = door.check(text, T0.plus(i64::try_from(i).unwrap() * 10));
    }
    let in_terminal = records_of(&door);

    assert_eq!(on_screen.len(), 5);
    let a: Vec<_> = on_screen.iter().map(seen).collect();
    let b: Vec<_> = in_terminal.iter().map(seen).collect();
    assert_eq!(a, b);
    // Green, yellow and red at the hospital, the replay and the forgery grey.
    let verdicts: Vec<Colour> = on_screen.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [
            Colour::Green,
            Colour::Yellow,
            Colour::Red,
            Colour::Grey,
            Colour::Grey
        ]
    );
    assert!(on_screen[3].reasons.contains(&"proof-replayed".to_string()));
    assert!(
        on_screen[4]
            .reasons
            .contains(&"signature-invalid".to_string())
    );
    assert!(
        on_screen
            .iter()
            .all(|r| r.kiosk == "door-9" && r.venue == "hospital")
    );
    // The door counted what it did.
    let m = app.gate().metrics().snapshot();
    assert_eq!(m.checks, 5);
    assert!(m.by_reason.contains(&(Reason::ProofReplayed, 1)));
}

#[test]
fn a_kiosk_left_running_purges_old_records_every_hour() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        retention_days: 1,
        ..config_in(dir.path())
    };
    let mut app = healthgate::ui::start::app(&config, T0);
    let code = healthgate::demo::scenes(T0).unwrap()[0].text.clone();
    let _ = app.update(Message::Feed(Feed::Code(code)));
    let count = |app: &healthgate::ui::App| app.gate().with_records_do(|r| r.count().unwrap());
    assert_eq!(count(&app), Some(1));
    // Half an hour on: no purge is due yet (and the record is young anyway).
    let _ = app.update(Message::Tick(T0.plus(1800)));
    assert_eq!(count(&app), Some(1));
    assert_eq!(app.gate().metrics().snapshot().purged, 0);
    // A day and an hour later, with no code in between, the tick alone
    // deletes the record past its retention.
    let _ = app.update(Message::Tick(T0.plus(86_400 + 3600)));
    assert_eq!(count(&app), Some(0));
    assert_eq!(app.gate().metrics().snapshot().purged, 1);
    // And the purge is not run again at the next tick.
    assert!(app.gate().purge_due(T0.plus(86_400 + 3601)).is_none());
    assert!(app.gate().purge_due(T0.plus(86_400 + 7200)).is_some());
}

#[test]
fn a_clock_set_back_does_not_stop_the_purge() {
    let dir = tempfile::tempdir().unwrap();
    let (door, _) = gate::for_kiosk(&config_in(dir.path()), RuleSources::default(), T0);
    assert!(door.purge_due(T0.plus(60)).is_none());
    // The clock jumps back a day: the hour is counted again from then.
    assert!(door.purge_due(T0.plus(-86_400)).is_some());
    assert!(door.purge_due(T0.plus(-86_400 + 60)).is_none());
}

#[test]
fn verify_answers_every_line_of_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let code = healthgate::demo::scenes(UnixTime::now()).unwrap()[0]
        .text
        .clone();
    let mut child = Command::new(HG)
        .args(["verify", "--demo", "-"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(code.as_bytes()).unwrap();
        stdin.write_all(b"\n\xff\xfe\nnot-a-code\n\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["colour"], "green");
    assert_eq!(lines[1]["colour"], "grey");
    assert_eq!(lines[1]["reasons"], serde_json::json!(["malformed"]));
    assert_eq!(lines[2]["colour"], "grey");
    assert_eq!(
        lines[2]["reasons"],
        serde_json::json!(["format-unsupported"])
    );
}
