//! Verification records: private, kept safe, gone after the retention.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use healthgate::records::{ExportFormat, Filter, HolderKey, Record, Records, export};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;
use healthgate::verdict::Colour;

use super::common::{FULL_ID, FULL_NAME, T0, check, code, record_of_checked};

fn record_of(colour: CodeColour, at: UnixTime, key: &HolderKey) -> Record {
    let text = code(colour, at).to_text().unwrap();
    record_of_checked(&check(&text, at), at, "door-1", "hospital", Some(3), key)
}

#[test]
fn records_hold_no_full_name_nor_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite");
    let key = HolderKey::random();
    let mut records = Records::open(&path, 30, T0);
    for colour in [CodeColour::Green, CodeColour::Yellow, CodeColour::Red] {
        records.write(&record_of(colour, T0, &key)).unwrap();
    }
    records
        .write(&record_of_checked(
            &check("garbage", T0),
            T0,
            "door-1",
            "hospital",
            Some(3),
            &key,
        ))
        .unwrap();
    let all = records.query(&Filter::default()).unwrap();
    assert_eq!(all.len(), 4);
    let r = &all[0];
    assert_eq!(r.masked_name.as_deref(), Some("欧*"));
    assert_eq!(r.id_tail.as_deref(), Some("4321"));
    assert_eq!(r.verdict, Colour::Green);
    assert_eq!(r.document.as_deref(), Some("id-card"));
    assert_eq!(r.holder.as_ref().map(String::len), Some(32));
    assert_eq!(all[3].verdict, Colour::Grey);
    assert_eq!(all[3].reasons, vec!["format-unsupported"]);
    drop(records);
    // Neither the fields nor the bytes of the files hold the full name or ID.
    let mut bytes = Vec::new();
    for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
        bytes.extend(std::fs::read(e.path()).unwrap());
    }
    let mut csv = Vec::new();
    export(&all, ExportFormat::Csv, &mut csv).unwrap();
    bytes.extend(&csv);
    for secret in [
        FULL_NAME,
        &FULL_NAME[3..],
        FULL_ID,
        &FULL_ID[..14],
        &FULL_ID[4..],
    ] {
        let needle = secret.as_bytes();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{secret} found"
        );
    }
}

#[test]
fn repeated_scans_count_as_one_person() {
    let key = HolderKey::random();
    let mut records = Records::in_memory(30);
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    for i in 0..3 {
        let at = T0.plus(i * 10);
        records
            .write(&record_of_checked(
                &check(&text, at),
                at,
                "k",
                "general",
                None,
                &key,
            ))
            .unwrap();
    }
    records
        .write(&record_of(CodeColour::Green, T0.plus(40), &key))
        .unwrap();
    let hours = records.hourly(T0.plus(-3600), T0.plus(3600)).unwrap();
    let total: u64 = hours.iter().map(|h| h.green).sum();
    let people: u64 = hours.iter().map(|h| h.people).sum();
    assert_eq!((total, people), (4, 2));
    // Another kiosk's key gives other hashes: nothing to link across kiosks.
    let other = HolderKey::random();
    let id = [9u8; 16];
    assert_ne!(key.hash(&id), other.hash(&id));
    assert_eq!(key.hash(&id), key.hash(&id));
}

#[test]
fn retention_at_the_boundary() {
    let key = HolderKey::random();
    let mut records = Records::in_memory(30);
    let now = T0.plus(40 * 86_400);
    let keep = now.plus(-30 * 86_400 + 60);
    let gone = now.plus(-30 * 86_400 - 60);
    let mut a = record_of(CodeColour::Green, T0, &key);
    a.at = keep;
    let mut b = a.clone();
    b.at = gone;
    records.write(&a).unwrap();
    records.write(&b).unwrap();
    assert_eq!(records.purge(now).unwrap(), 1);
    let left = records.query(&Filter::default()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].at, keep);
    // Opening the store purges too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    let mut r = Records::open(&path, 30, gone);
    r.write(&b).unwrap();
    r.write(&a).unwrap();
    drop(r);
    let r = Records::open(&path, 30, now);
    assert_eq!(r.count().unwrap(), 1);
}

#[test]
fn count_only_mode_keeps_no_records() {
    let key = HolderKey::random();
    let mut records = Records::in_memory(0);
    for colour in [CodeColour::Green, CodeColour::Green, CodeColour::Red] {
        records.write(&record_of(colour, T0, &key)).unwrap();
    }
    assert_eq!(records.count().unwrap(), 0);
    let hours = records.hourly(T0.plus(-3600), T0.plus(3600)).unwrap();
    assert_eq!(hours.len(), 1);
    assert_eq!((hours[0].green, hours[0].red, hours[0].people), (2, 1, 0));
    assert_eq!(hours[0].hour.0 % 3600, 0);
}

fn parse_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

#[test]
fn export_round_trip_and_filters() {
    let key = HolderKey::random();
    let mut records = Records::in_memory(30);
    for (i, colour) in [CodeColour::Green, CodeColour::Yellow, CodeColour::Red]
        .into_iter()
        .enumerate()
    {
        records
            .write(&record_of(
                colour,
                T0.plus(i64::try_from(i).unwrap() * 3600),
                &key,
            ))
            .unwrap();
    }
    let mut tricky = record_of(CodeColour::Green, T0.plus(7200 + 60), &key);
    tricky.kiosk = "door \"A\", west".into();
    tricky.masked_name = Some("=*".into());
    records.write(&tricky).unwrap();
    let all = records.query(&Filter::default()).unwrap();
    // JSON: every field, exactly.
    let mut json = Vec::new();
    export(&all, ExportFormat::Json, &mut json).unwrap();
    let parsed: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
    assert_eq!(parsed.len(), all.len());
    for (p, r) in parsed.iter().zip(&all) {
        assert_eq!(p, &serde_json::to_value(r).unwrap());
        assert_eq!(p.as_object().unwrap().len(), 13, "{p}");
    }
    // CSV: the same values, quoted where needed.
    let mut csv = Vec::new();
    export(&all, ExportFormat::Csv, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        healthgate::records::export::CSV_HEADER
    );
    for (line, r) in lines.zip(&all) {
        let f = parse_csv_line(line);
        assert_eq!(f.len(), 13, "{line}");
        assert_eq!(f[1], r.at.to_string());
        assert_eq!(f[2], r.kiosk);
        assert_eq!(f[6], r.masked_name.clone().unwrap_or_default());
        assert_eq!(f[9], r.verdict.as_str());
        assert_eq!(f[10], r.reasons.join(" "));
        assert_eq!(f[12], r.holder.clone().unwrap_or_default());
    }
    // Filters: time range and verdict; the newest first with a limit.
    let f = Filter {
        since: Some(T0.plus(3600)),
        until: Some(T0.plus(7200)),
        ..Filter::default()
    };
    assert_eq!(records.query(&f).unwrap().len(), 1);
    let f = Filter {
        verdict: Some(Colour::Green),
        ..Filter::default()
    };
    assert_eq!(records.query(&f).unwrap().len(), 2);
    let f = Filter {
        limit: Some(2),
        ..Filter::default()
    };
    let recent = records.query(&f).unwrap();
    assert_eq!(recent.len(), 2);
    assert!(recent[0].at > recent[1].at);
}

#[test]
fn a_corrupt_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite");
    std::fs::write(
        &path,
        b"this is not a database, it is a full disk's leftover".repeat(200),
    )
    .unwrap();
    let mut records = Records::open(&path, 30, T0);
    assert!(records.is_available());
    assert!(
        records.warnings.iter().any(|w| w.contains("moved to")),
        "{:?}",
        records.warnings
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("corrupt-2026-11-26T083000Z"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    records
        .write(&record_of(CodeColour::Green, T0, &HolderKey::random()))
        .unwrap();
    assert_eq!(records.count().unwrap(), 1);
}

#[test]
fn a_full_disk_keeps_verdicts_coming_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite");
    let key = HolderKey::random();
    let mut records = Records::open(&path, 30, T0);
    records
        .write(&record_of(CodeColour::Green, T0, &key))
        .unwrap();
    let pages: i64 = records
        .connection()
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    records
        .connection()
        .unwrap()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let mut failed = 0;
    for i in 0..200 {
        let mut r = record_of(CodeColour::Green, T0, &key);
        r.kiosk = "x".repeat(500 + i);
        if records.write(&r).is_err() {
            failed += 1;
        }
    }
    assert!(failed > 0);
    assert!(
        records.warnings.iter().any(|w| w.contains("full")),
        "{:?}",
        records.warnings
    );
    assert_eq!(
        records.warnings.len(),
        1,
        "warned once: {:?}",
        records.warnings
    );
    // Verification itself never depended on it.
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    assert_eq!(check(&text, T0).verdict.colour, Colour::Green);
}

/// Run by `kill_9_during_a_burst` in a child process: writes records and
/// prints the id of each one after it is committed.
#[test]
#[ignore = "run as a child process by other tests"]
fn child_writer() {
    let Some(path) = std::env::var_os("HG_RECORDS_CHILD") else {
        return;
    };
    let key = HolderKey::random();
    let mut records = Records::open(Path::new(&path), 30, T0);
    let base = record_of(CodeColour::Green, T0, &key);
    let mut out = std::io::stdout().lock();
    for i in 0..1_000_000 {
        let mut r = base.clone();
        r.at = T0.plus(i);
        records.write(&r).unwrap();
        std::io::Write::write_fmt(
            &mut out,
            format_args!("committed {}\n", records.last_id().unwrap()),
        )
        .unwrap();
        std::io::Write::flush(&mut out).unwrap();
    }
}

fn spawn_writer(path: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "it::records::child_writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("HG_RECORDS_CHILD", path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_during_a_burst_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite");
    let mut child = spawn_writer(&path);
    let mut committed = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while committed.len() < 300 {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(id) = line.strip_prefix("committed ") {
            committed.push(id.parse::<i64>().unwrap());
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    for line in lines.map_while(Result::ok) {
        if let Some(id) = line.strip_prefix("committed ") {
            committed.push(id.parse::<i64>().unwrap());
        }
    }
    assert!(
        committed.len() >= 300,
        "the child wrote {}",
        committed.len()
    );
    let records = Records::open(&path, 30, T0);
    assert!(records.warnings.is_empty(), "{:?}", records.warnings);
    for id in &committed {
        assert!(
            records.exists(*id).unwrap(),
            "record {id} was committed but is gone"
        );
    }
    let check: String = records
        .connection()
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn two_kiosks_on_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite");
    drop(Records::open(&path, 30, T0));
    let mut a = spawn_writer(&path);
    let mut b = spawn_writer(&path);
    let count = |c: &mut std::process::Child| {
        let mut lines = BufReader::new(c.stdout.take().unwrap()).lines();
        let mut n = 0;
        while n < 200 {
            match lines.next() {
                Some(Ok(l)) if l.starts_with("committed") => n += 1,
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        c.kill().unwrap();
        c.wait().unwrap();
        n
    };
    let (na, nb) = (count(&mut a), count(&mut b));
    assert_eq!((na, nb), (200, 200));
    let records = Records::open(&path, 30, T0);
    assert!(records.count().unwrap() >= 400);
    let check: String = records
        .connection()
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
