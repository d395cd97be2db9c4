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
        let _ = app.update(Message::Feed(Feed::Code(
            text.clone(),
            std::time::Instant::now(),
        )));
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

/// Writes a config for the `healthgate` binary with the settings of
/// [`config_in`], trusting the DEMO authority.
fn config_file_in(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[kiosk]\nid = \"door-9\"\nvenue = \"hospital\"\n[trust]\ndemo = true\n\
             [records]\nstore = \"records.sqlite\"\n[bundle]\nstore = \"rules.sqlite\"\n\
             [staff]\nsettings_file = \"staff.toml\"\n[log]\ndir = \"{}\"\n",
            dir.join("logs").display()
        ),
    )
    .unwrap();
    path
}

#[test]
fn the_gui_and_the_real_terminal_kiosk_record_the_same_verdicts() {
    // Codes are checked by the binary at its own clock: make them now.
    let now = UnixTime::now();
    let texts: Vec<String> = healthgate::demo::scenes(now)
        .unwrap()
        .into_iter()
        .map(|s| s.text)
        .collect();

    let gui_dir = tempfile::tempdir().unwrap();
    let config = Config {
        trust_demo: true,
        ..config_in(gui_dir.path())
    };
    let mut app = healthgate::ui::start::app(&config, now);
    for text in &texts {
        let _ = app.update(Message::Tick(UnixTime::now()));
        let _ = app.update(Message::Feed(Feed::Code(
            text.clone(),
            std::time::Instant::now(),
        )));
    }
    let on_screen = records_of(app.gate());

    // `healthgate kiosk`, the codes typed as a USB scanner types them, and
    // a line that is not text between them.
    let tty_dir = tempfile::tempdir().unwrap();
    let cfg = config_file_in(tty_dir.path());
    let mut child = Command::new(HG)
        .args(["--config", cfg.to_str().unwrap(), "kiosk"])
        .env("HOME", tty_dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for text in &texts {
            stdin.write_all(text.as_bytes()).unwrap();
            stdin.write_all(b"\n").unwrap();
        }
        stdin.write_all(b"\xff\xfe\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `healthgate records export` of this kiosk, with more arguments.
    let export = |more: &[&str]| {
        Command::new(HG)
            .args(["--config", cfg.to_str().unwrap(), "records", "export"])
            .args(more)
            .env("HOME", tty_dir.path())
            .output()
            .unwrap()
    };
    let export_all = export(&["--format", "json"]);
    assert!(export_all.status.success());
    let in_terminal: Vec<serde_json::Value> = serde_json::from_slice(&export_all.stdout).unwrap();

    assert_eq!(on_screen.len(), 5);
    assert_eq!(in_terminal.len(), 6, "{in_terminal:?}");
    for (gui, tty) in on_screen.iter().zip(&in_terminal) {
        assert_eq!(tty["kiosk"], gui.kiosk.as_str());
        assert_eq!(tty["format"], gui.format.as_str());
        assert_eq!(tty["verdict"], gui.verdict.as_str());
        assert_eq!(tty["reasons"], serde_json::json!(gui.reasons));
        assert_eq!(tty["masked_name"], serde_json::json!(gui.masked_name));
        assert_eq!(tty["id_tail"], serde_json::json!(gui.id_tail));
    }
    let colours: Vec<&str> = in_terminal
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(colours, ["green", "yellow", "red", "grey", "grey", "grey"]);
    assert_eq!(in_terminal[5]["reasons"], serde_json::json!(["malformed"]));
    // Staff and IT can export one code format at a time.
    let only = export(&["--format", "json", "--code", "hgc1"]);
    let only: Vec<serde_json::Value> = serde_json::from_slice(&only.stdout).unwrap();
    assert_eq!(only.len(), 5);
    let bad = export(&["--code", "xyz"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a code format"));
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
    let _ = app.update(Message::Feed(Feed::Code(code, std::time::Instant::now())));
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

#[test]
fn one_proof_shown_to_several_callers_at_once_passes_once() {
    fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<gate::Gate>();

    let dir = tempfile::tempdir().unwrap();
    let (door, _) = gate::for_kiosk(&config_in(dir.path()), RuleSources::default(), T0);
    let code = healthgate::demo::scenes(T0).unwrap()[0].text.clone();
    let colours: Vec<Colour> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| door.check(&code, T0).verdict))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                let v = h.join().unwrap();
                if v.colour == Colour::Grey {
                    assert_eq!(v.reasons, [Reason::ProofReplayed]);
                }
                v.colour
            })
            .collect()
    });
    assert_eq!(
        colours.iter().filter(|c| **c == Colour::Green).count(),
        1,
        "{colours:?}"
    );
    assert_eq!(
        colours.iter().filter(|c| **c == Colour::Grey).count(),
        7,
        "{colours:?}"
    );
    assert_eq!(door.with_records_do(|r| r.count().unwrap()), Some(8));
}

/// A damaged rule database: moved aside (kept for a look), a new one
/// started with the shipped bundle, checks go on, and the staff screen
/// says what happened.
#[test]
fn a_damaged_rule_database_is_moved_aside_and_staff_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_in(dir.path());
    std::fs::write(dir.path().join("rules.sqlite"), vec![0x5a; 8192]).unwrap();
    let mut app = healthgate::ui::start::app(&config, T0);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("rules.sqlite.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(dir.path().join(&aside[0])).unwrap(),
        vec![0x5a; 8192]
    );
    // The shipped bundle is in force, and a new database holds it.
    let rules = app.gate().rules();
    assert!(rules.demo);
    assert_eq!(rules.active.version(), Some(1));
    let store = healthgate::bundle::store::Store::open(&dir.path().join("rules.sqlite")).unwrap();
    assert!(
        store
            .summary(healthgate::bundle::store::Slot::Current)
            .unwrap()
            .is_some()
    );
    // Codes are checked as before.
    let scenes = healthgate::demo::scenes(T0).unwrap();
    let _ = app.update(Message::Feed(Feed::Code(
        scenes[0].text.clone(),
        std::time::Instant::now(),
    )));
    assert!(matches!(&app.screen, Screen::Verdict(v) if v.colour == Colour::Green));
    // Staff see why.
    let _ = app.update(Message::Scan(healthgate::ui::scan::Message::Staff));
    for _ in 0..6 {
        let _ = app.update(Message::Pin(healthgate::ui::staff::PinMessage::Digit(0)));
    }
    let _ = app.update(Message::Pin(healthgate::ui::staff::PinMessage::Submit));
    let Screen::Staff(_) = &app.screen else {
        panic!("{:?}", app.screen);
    };
    assert!(
        app.notices().iter().any(|n| n.contains("rule database was damaged")
            && n.contains("rules.sqlite.corrupt-")),
        "{:?}",
        app.notices()
    );
}

/// The records store fills up (SQLite's page limit, as a full disk answers):
/// verdicts keep coming, the records are held in memory in order, and once
/// the store takes records again they are all written: nothing is lost.
#[test]
fn records_a_full_store_cannot_take_are_held_and_written_later() {
    let dir = tempfile::tempdir().unwrap();
    let (door, problems) = gate::for_kiosk(&config_in(dir.path()), RuleSources::default(), T0);
    assert!(problems.is_empty(), "{problems:?}");
    let scenes = |t: UnixTime| healthgate::demo::scenes(t).unwrap();
    // One written; then the store is full.
    assert!(door.check(&scenes(T0)[0].text, T0).record_error.is_none());
    let limit = |pages: Option<i64>| {
        door.with_records_do(|r| {
            let c = r.connection().unwrap();
            let now: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
            c.pragma_update(None, "max_page_count", pages.unwrap_or(now))
                .unwrap();
        })
        .unwrap();
    };
    limit(None);
    let mut held = 0;
    for i in 1..40 {
        let t = T0.plus(i * 60);
        let checked = door.check(&scenes(t)[0].text, t);
        assert_eq!(
            checked.verdict.colour,
            Colour::Green,
            "the verdict never waits"
        );
        if checked.record_error.is_some() {
            held += 1;
        }
    }
    assert!(held > 0, "the store never filled up");
    assert_eq!(door.unwritten(), held);
    // Still full: a flush keeps them.
    assert!(matches!(door.flush_unwritten(), Some(Err(_))));
    assert_eq!(door.unwritten(), held);
    // Room again (the disk freed): the kiosk's tick writes them, in order.
    limit(Some(1_000_000));
    assert!(matches!(door.flush_unwritten(), Some(Ok(()))));
    assert_eq!(door.unwritten(), 0);
    assert!(door.flush_unwritten().is_none());
    let all = records_of(&door);
    assert_eq!(all.len(), 40);
    let mut times: Vec<i64> = all.iter().map(|r| r.at.0).collect();
    times.sort_unstable();
    times.dedup();
    assert_eq!(times.len(), 40, "each check recorded once");
}
