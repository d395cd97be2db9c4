//! `healthgate kiosk`: the kiosk in a terminal. Codes arrive as lines on
//! stdin (a USB scanner in keyboard mode types the code and Enter) and, with
//! `--demo`, from the demo authority every few seconds. Each verdict is
//! printed large, with its colour, word and reasons.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal};
use std::sync::mpsc;
use std::time::Duration;

use crate::rules::Colour;
use crate::time::UnixTime;
use crate::verify::{Options, Outcome, ReplayMemory};

use super::Loaded;
use crate::bundle::active;
use crate::bundle::store::Store;
use crate::bundle::sync;
use crate::config::Config;
use crate::records::{HolderKey, Record, Records};

/// Demo settings.
#[derive(Debug, Clone, Copy)]
pub struct Demo {
    /// Seconds between demo codes.
    pub interval: Duration,
    /// Stop after this many demo codes (`None`: go on until stopped).
    pub rounds: Option<usize>,
}

enum Input {
    /// A newer bundle was installed by the background sync.
    RulesChanged,
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
pub fn render(outcome: &Outcome, ansi: bool) -> String {
    let colour = outcome.verdict.colour;
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
    if !outcome.verdict.reasons.is_empty() {
        let reasons: Vec<_> = outcome.verdict.reasons.iter().map(|r| r.key()).collect();
        let _ = writeln!(s, "  reasons: {}", reasons.join(", "));
    }
    if let Some(c) = &outcome.credential {
        let _ = writeln!(
            s,
            "  {}  ID ...{}  issuer {}",
            c.masked_name, c.id_tail, c.issuer
        );
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

/// Runs the text kiosk until stdin closes (and the demo, if any, is done).
pub fn run(
    loaded: Loaded,
    reload: &dyn Fn() -> Option<Loaded>,
    config: &Config,
    options: &Options,
    demo: Option<Demo>,
) -> i32 {
    let mut loaded = loaded;
    let venue = config.venue.as_str();
    let ansi = std::io::stdout().is_terminal();
    println!("HealthGate kiosk (text mode)");
    println!("Trusting: {}; venue: {venue}", loaded.describe);
    for p in &loaded.rules.problems {
        println!("Rules: {p}");
    }
    if loaded.rules.trust.is_empty() {
        println!(
            "No issuer is trusted: every code will be grey. Set [bundle] or [trust] in the config."
        );
    }
    if loaded.demo {
        println!("*** DEMO: the demo authority is trusted. Never use this at a real door. ***");
    }
    println!("Scan a code (a USB scanner types it here) or paste it, then Enter.\n");
    tracing::info!(
        demo = loaded.demo,
        keys = loaded.rules.trust.len(),
        venue,
        "kiosk started"
    );

    let (tx, rx) = mpsc::channel();
    let stdin_tx = tx.clone();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(l) if l.trim().is_empty() => {}
                Ok(l) => {
                    if stdin_tx.send(Input::Scanned(l)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    tracing::warn!("keyboard input is not text ({e}); ignored");
                }
            }
        }
        let _ = stdin_tx.send(Input::StdinClosed);
    });
    if let Some(url) = &config.bundle_url {
        let sync_tx = tx.clone();
        spawn_background_sync(config, url, move |_| {
            sync_tx.send(Input::RulesChanged).is_ok()
        });
    }
    let demo_running = demo.is_some();
    if let Some(demo) = demo {
        let demo_tx = tx;
        std::thread::spawn(move || run_demo(&demo, &demo_tx));
    }

    let mut records = Records::open(
        &config.records_path(),
        config.retention_days,
        UnixTime::now(),
    );
    let records_key = HolderKey::beside(&config.records_path());
    for w in &records.warnings {
        println!("Records: {w}");
    }
    let mut last_purge = std::time::Instant::now();
    let mut memory = ReplayMemory::new(options);
    let (mut stdin_open, mut demo_open) = (true, demo_running);
    while stdin_open || demo_open {
        let Ok(input) = rx.recv() else { break };
        let (label, text) = match input {
            Input::RulesChanged => {
                if let Some(l) = reload() {
                    loaded = l;
                    println!("Rules: now {}", loaded.describe);
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
        let now = UnixTime::now();
        let outcome = loaded.rules.check(&text, venue, now, options, &memory);
        if let Some(p) = outcome.proof {
            memory.remember(p, now);
        }
        tracing::info!(
            colour = %outcome.verdict.colour,
            reasons = ?outcome.verdict.reasons.iter().map(|r| r.key()).collect::<Vec<_>>(),
            format = %outcome.format,
            issuer = outcome.issuer.as_deref().unwrap_or("-"),
            "verdict"
        );
        // The record is written before the verdict is shown.
        let version = loaded.rules.bundle.as_ref().map(|b| b.version);
        let record = Record::of(
            &outcome,
            now,
            &config.kiosk_id,
            venue,
            version,
            &records_key,
        );
        let had = records.warnings.len();
        if records.write(&record).is_err() && records.warnings.len() > had {
            println!(
                "Records: {}",
                records.warnings.last().map_or("", String::as_str)
            );
        }
        if last_purge.elapsed() >= Duration::from_secs(3600) {
            last_purge = std::time::Instant::now();
            if let Err(e) = records.purge(now) {
                tracing::warn!("records: cannot delete old records: {e}");
            }
        }
        let demo_mark = if loaded.demo { "[DEMO] " } else { "" };
        println!("{demo_mark}{label}:");
        println!("{}", render(&outcome, ansi));
    }
    0
}

/// Starts the background sync of the config's bundle URL on a thread of its
/// own; `notify` hears of each newly installed bundle and returns false to stop.
pub fn spawn_background_sync(
    config: &Config,
    url: &str,
    notify: impl Fn(String) -> bool + Send + 'static,
) {
    let settings = sync::Settings {
        timeout: Duration::from_secs(config.sync_timeout_seconds),
        ..sync::Settings::new(url)
    };
    let every = Duration::from_secs(config.sync_minutes.saturating_mul(60));
    let store = config.rules_store();
    match active::root_key(config.bundle_root_key.as_deref()) {
        Ok(root) => {
            std::thread::spawn(move || {
                background_sync(&settings, &store, &root, every, &notify);
            });
        }
        Err(e) => tracing::error!("not syncing: {e}"),
    }
}

/// Syncs now and then every `every`, on a tokio runtime of its own, with its
/// own connection to the store; tells the kiosk when a bundle was installed.
fn background_sync(
    settings: &sync::Settings,
    store_path: &std::path::Path,
    root: &crate::crypto::PublicKeyRef,
    every: Duration,
    notify: &dyn Fn(String) -> bool,
) {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("cannot start the sync runtime: {e}; not syncing");
            return;
        }
    };
    rt.block_on(async {
        loop {
            match Store::open(store_path) {
                Ok(mut store) => {
                    let outcome =
                        sync::sync_once(&mut store, settings, root, UnixTime::now()).await;
                    match &outcome {
                        sync::Outcome::Installed { .. } => {
                            tracing::info!("sync: {}", outcome.describe());
                            if !notify(outcome.describe()) {
                                return;
                            }
                        }
                        sync::Outcome::Unchanged => tracing::debug!("sync: {}", outcome.describe()),
                        _ => tracing::warn!("sync: {}", outcome.describe()),
                    }
                }
                Err(e) => tracing::error!("sync: cannot open the rule store: {e}"),
            }
            tokio::time::sleep(every).await;
        }
    });
}

fn run_demo(demo: &Demo, tx: &mpsc::Sender<Input>) {
    let mut shown = 0usize;
    'outer: loop {
        let scenes = match crate::demo::scenes(UnixTime::now()) {
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
