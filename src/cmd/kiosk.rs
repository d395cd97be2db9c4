//! `healthgate kiosk`: the kiosk in a terminal. Codes arrive as lines on
//! stdin (a USB scanner in keyboard mode types the code and Enter) and, with
//! `--demo`, from the demo authority every few seconds. Each verdict is
//! printed large, with its colour, word and reasons.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::bundle::sync::Outcome;
use crate::gate::{Checked, Gate};
use crate::scan::chunks::{Gathered, Gatherer};
use crate::time::UnixTime;
use crate::verdict::Colour;

/// Demo settings.
#[derive(Debug, Clone, Copy)]
pub struct Demo {
    /// Seconds between demo codes.
    pub interval: Duration,
    /// Stop after this many demo codes (`None`: go on until stopped).
    pub rounds: Option<usize>,
}

enum Input {
    /// The background sync tried.
    Synced(Outcome),
    Scanned(String),
    Demo(&'static str, String),
    StdinClosed,
    DemoDone,
}

fn word(colour: Colour) -> &'static str {
    match colour {
        Colour::Green => "PASS",
        Colour::Yellow => "SEE STAFF",
        Colour::Red => "STOP",
        Colour::Grey => "NOT VERIFIED",
    }
}

fn icon(colour: Colour) -> &'static str {
    match colour {
        Colour::Green => "✔",
        Colour::Yellow => "!",
        Colour::Red => "✖",
        Colour::Grey => "?",
    }
}

/// The block printed for one verdict.
pub fn render(checked: &Checked, ansi: bool) -> String {
    let colour = checked.verdict.colour;
    let (on, off) = if ansi {
        let bg = match colour {
            Colour::Green => "\x1b[1;97;42m",
            Colour::Yellow => "\x1b[1;30;43m",
            Colour::Red => "\x1b[1;97;41m",
            Colour::Grey => "\x1b[1;97;100m",
        };
        (bg, "\x1b[0m")
    } else {
        ("", "")
    };
    let mut s = format!(
        "{on}  {} {} ({colour})  {off}\n",
        icon(colour),
        word(colour)
    );
    if !checked.verdict.reasons.is_empty() {
        let reasons: Vec<_> = checked.verdict.reasons.iter().map(|r| r.key()).collect();
        let _ = writeln!(s, "  reasons: {}", reasons.join(", "));
    }
    for r in &checked.verdict.rules {
        let _ = writeln!(
            s,
            "  rule {}{}: {}",
            r.id,
            r.country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
            r.description(&[]).unwrap_or_default()
        );
    }
    if let Some(c) = &checked.credential {
        let tail = c
            .holder
            .id_tail
            .as_deref()
            .map(|t| format!("  ID ...{t}"))
            .unwrap_or_default();
        let _ = writeln!(s, "  {}{tail}  issuer {}", c.holder.masked_name, c.issuer);
        if let Some(t) = c.test {
            let _ = writeln!(s, "  test: {:?}, sampled {}", t.result, t.sampled_at);
        }
        if let Some(v) = &c.vaccination {
            let _ = writeln!(
                s,
                "  vaccination: {} doses of {}, last {}",
                v.doses,
                v.vaccine,
                UnixTime::format_date_days(v.last_dose_day)
            );
        }
    }
    s
}

/// The terminal kiosk's settings besides the gate.
#[derive(Debug, Clone, Default)]
pub struct Kiosk {
    /// What the background sync needs, when the config names a bundle URL.
    pub sync: Option<crate::gate::SyncPlan>,
    /// Problems met while starting, to print once.
    pub problems: Vec<String>,
    pub demo: Option<Demo>,
}

/// Runs the text kiosk until stdin closes (and the demo, if any, is done).
/// Every code goes through `gate`, as in the kiosk on screen; the hourly
/// purge of old records runs whether codes come or not.
pub fn run(gate: &Gate, kiosk: Kiosk) -> i32 {
    let ansi = std::io::stdout().is_terminal();
    let rules = gate.rules();
    println!("HealthGate kiosk (text mode)");
    println!("Trusting: {}; venue: {}", rules.describe, gate.venue());
    for p in &rules.active.problems {
        println!("Rules: {p}");
    }
    for p in &kiosk.problems {
        println!("Problem: {p}");
    }
    if rules.active.trust.is_empty() {
        println!(
            "No issuer is trusted: every code will be grey. Set [bundle] or [trust] in the config."
        );
    }
    if rules.demo {
        println!("*** DEMO: the demo authority is trusted. Never use this at a real door. ***");
    }
    if let Some(warnings) = gate.with_records_do(|r| r.warnings.clone()) {
        for w in warnings {
            println!("Records: {w}");
        }
    }
    println!("Scan a code (a USB scanner types it here) or paste it, then Enter.\n");
    tracing::info!(
        demo = rules.demo,
        keys = rules.active.trust.len(),
        venue = gate.venue(),
        "kiosk started"
    );
    drop(rules);

    let (tx, rx) = mpsc::channel();
    let stdin_tx = tx.clone();
    std::thread::spawn(move || {
        // Every line but a blank one is a code; one that is not text is
        // answered grey `malformed`, as `verify -` answers it.
        let read = super::each_stdin_code(|text| stdin_tx.send(Input::Scanned(text)).is_ok());
        if let Err(e) = read {
            tracing::warn!("cannot read the keyboard input: {e}");
        }
        let _ = stdin_tx.send(Input::StdinClosed);
    });
    if let Some(plan) = kiosk.sync {
        let sync_tx = tx.clone();
        if let Err(e) = plan.spawn(move |outcome| sync_tx.send(Input::Synced(outcome)).is_ok()) {
            tracing::error!("cannot start the sync thread: {e}; not syncing");
        }
    }
    let demo_running = kiosk.demo.is_some();
    if let Some(demo) = kiosk.demo {
        let demo_tx = tx;
        std::thread::spawn(move || run_demo(&demo, &demo_tx));
    }

    let mut record_trouble = None;
    let mut chunks = Gatherer::default();
    let (mut stdin_open, mut demo_open) = (true, demo_running);
    while stdin_open || demo_open {
        let input = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(input) => input,
            Err(RecvTimeoutError::Timeout) => {
                let _ = gate.flush_unwritten();
                gate.purge_due(UnixTime::now());
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let now = UnixTime::now();
        gate.purge_due(now);
        let (label, text) = match input {
            Input::Synced(outcome) => {
                if gate.synced(&outcome) {
                    gate.reload(now);
                    println!("Rules: now {}", gate.rules().describe);
                }
                continue;
            }
            Input::Scanned(t) => ("scanned", t),
            Input::Demo(label, t) => (label, t),
            Input::StdinClosed => {
                stdin_open = false;
                continue;
            }
            Input::DemoDone => {
                demo_open = false;
                continue;
            }
        };
        // A chunk of a card shown in parts waits for the others.
        let text = match chunks.offer(&text, now) {
            Gathered::Ready(card) => card,
            Gathered::Partial { have, total } => {
                println!("{label}: part {have} of {total} of a card read: show the next part");
                continue;
            }
        };
        // The record is written (by the gate) before the verdict is shown.
        let checked = gate.check(&text, now);
        // A record that cannot be written is said once, and again when it changes.
        let trouble = checked.record_error.as_ref().map(ToString::to_string);
        if trouble.is_some() && trouble != record_trouble {
            println!(
                "Records: cannot write verification records: {}",
                trouble.as_deref().unwrap_or_default()
            );
        }
        record_trouble = trouble;
        let demo_mark = if checked.demo { "[DEMO] " } else { "" };
        println!("{demo_mark}{label}:");
        println!("{}", render(&checked, ansi));
    }
    // A last try for records held back; what still cannot be written is
    // said, with how many.
    if let Some(Err(e)) = gate.flush_unwritten() {
        let n = gate.unwritten();
        println!("Records: {n} verification records could not be written: {e}");
        tracing::error!(
            lost = n,
            "records could not be written before the kiosk stopped: {e}"
        );
    }
    0
}

fn run_demo(demo: &Demo, tx: &mpsc::Sender<Input>) {
    let mut shown = 0usize;
    'outer: loop {
        let scenes = match crate::demo::kiosk_scenes(UnixTime::now()) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!("the demo cannot make its codes: {e}");
                break;
            }
        };
        for scene in scenes {
            if demo.rounds.is_some_and(|n| shown >= n) {
                break 'outer;
            }
            if tx.send(Input::Demo(scene.label, scene.text)).is_err() {
                return;
            }
            shown += 1;
            std::thread::sleep(demo.interval);
        }
    }
    let _ = tx.send(Input::DemoDone);
}
