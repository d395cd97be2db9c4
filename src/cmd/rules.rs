//! `healthgate sync` and `healthgate rules ...`: the rule bundle by hand.

use std::path::Path;

use crate::bundle::active;
use crate::bundle::store::{Slot, Store};
use crate::bundle::sync::{self, Outcome};
use crate::config::Config;
use crate::gate::SyncPlan;
use crate::time::UnixTime;

fn open_store(config: &Config) -> Result<Store, String> {
    let path = config.rules_store();
    Store::open(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// One sync now, as the kiosks sync (the same plan from the config);
/// prints what happened. Exit 0 when installed or unchanged.
pub fn sync(config: &Config, url: Option<&str>) -> i32 {
    let mut config = config.clone();
    if let Some(url) = url {
        config.bundle_url = Some(url.to_string());
    }
    let plan = match SyncPlan::from_config(&config) {
        None => {
            eprintln!(
                "healthgate sync: no bundle URL: set [bundle] url in the config or pass --url"
            );
            return 2;
        }
        Some(Err(e)) => {
            eprintln!("healthgate sync: {e}");
            return 2;
        }
        Some(Ok(plan)) => plan,
    };
    let outcome = plan.sync_now(UnixTime::now());
    println!("{}: {}", outcome.label(), outcome.describe());
    match open_store(&config) {
        Ok(store) => print_installed(&store),
        Err(e) => println!("{e}"),
    }
    i32::from(!matches!(
        outcome,
        Outcome::Installed { .. } | Outcome::Unchanged
    ))
}

fn print_installed(store: &Store) {
    for slot in Slot::ALL {
        match store.summary(slot) {
            Ok(Some(s)) => println!(
                "{slot}: {} version {}, issued {}, installed {}, {} overrides, {} revoked",
                s.authority, s.version, s.issued_at, s.installed_at, s.overrides, s.revoked
            ),
            Ok(None) => println!("{slot}: none"),
            Err(e) => println!("{slot}: {e}"),
        }
    }
}

/// `rules status`: what is installed and how the last sync went.
pub fn status(config: &Config) -> i32 {
    let now = UnixTime::now();
    let root = match active::root_key(config.bundle_root_key.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("healthgate rules status: {e}");
            return 2;
        }
    };
    let rules = active::ActiveRules::open(&config.rules_store(), &root, now);
    println!("store: {}", config.rules_store().display());
    println!("pinned root key: {}", root.key_id());
    match &rules.bundle {
        Some(b) => {
            let age_h = (now.0 - b.issued_at.0) / 3600;
            let state = if now.0 - b.issued_at.0 > b.max_age_secs {
                "OUTDATED: verdicts are grey"
            } else if now.0 - b.issued_at.0 > b.warn_age_secs {
                "stale: sync soon"
            } else {
                "current"
            };
            println!(
                "in force: {} version {}, issued {} ({age_h} h ago, {state}); venues: {}",
                b.authority,
                b.version,
                b.issued_at,
                b.policies.venue_names().collect::<Vec<_>>().join(", ")
            );
        }
        None => println!("in force: no rule bundle"),
    }
    if let Ok(store) = open_store(config) {
        print_installed(&store);
        if let Ok(s) = store.sync_status() {
            match (s.attempted_at, s.outcome, s.detail) {
                (Some(at), Some(outcome), detail) => println!(
                    "last sync: {at}: {}: {}; last success: {}",
                    outcome.as_str(),
                    detail.unwrap_or_default(),
                    s.succeeded_at
                        .map_or_else(|| "never".into(), |t| t.to_string())
                ),
                _ => println!("last sync: never"),
            }
        }
    }
    let clock = crate::gate::clock::ClockMark::peek_beside(&config.records_path());
    let mut clock_behind = false;
    match clock.mark() {
        Some(mark) if clock.is_behind(now, config.clock_skew_seconds) => {
            clock_behind = true;
            println!(
                "clock: BEHIND: it reads {now}, earlier than {mark}, a time this kiosk has already seen; every verdict is grey (clock-behind) until the clock is set right"
            );
        }
        Some(mark) => println!("clock: latest time seen {mark}; the clock reads {now}"),
        None => println!("clock: no time seen yet"),
    }
    for p in &rules.problems {
        println!("problem: {p}");
    }
    i32::from(!rules.problems.is_empty() || clock_behind)
}

/// `rules install FILE`: installs a bundle file by hand (e.g. from a USB stick).
pub fn install(config: &Config, file: &Path) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "healthgate rules install: cannot read {}: {e}",
                file.display()
            );
            return 2;
        }
    };
    let (root, mut store) = match (
        active::root_key(config.bundle_root_key.as_deref()).map_err(|e| e.to_string()),
        open_store(config),
    ) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("healthgate rules install: {e}");
            return 2;
        }
    };
    let outcome = sync::install(&mut store, &bytes, &root, UnixTime::now());
    println!("{}: {}", outcome.label(), outcome.describe());
    i32::from(!matches!(outcome, Outcome::Installed { .. }))
}

/// `rules rollback`: the previous bundle becomes current again.
pub fn rollback(config: &Config) -> i32 {
    match open_store(config).and_then(|mut s| s.roll_back().map_err(|e| e.to_string())) {
        Ok(true) => {
            println!("rolled back to the previous bundle");
            0
        }
        Ok(false) => {
            println!("there is no previous bundle");
            1
        }
        Err(e) => {
            eprintln!("healthgate rules rollback: {e}");
            2
        }
    }
}

/// `rules eval --logic FILE --data FILE`: one CertLogic expression (or the
/// `Logic` of an EU-style rule file) on a JSON document.
pub fn eval(logic: &Path, data: &Path) -> i32 {
    let read = |p: &Path| -> Result<serde_json::Value, String> {
        let text =
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} line {} column {}: {e}",
                p.display(),
                e.line(),
                e.column()
            )
        })
    };
    let (logic, data) = match (read(logic), read(data)) {
        (Ok(l), Ok(d)) => (l, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("healthgate rules eval: {e}");
            return 2;
        }
    };
    let expr = logic
        .get("Logic")
        .filter(|_| logic.get("Identifier").is_some())
        .unwrap_or(&logic);
    match crate::rules::certlogic::evaluate(expr, &data) {
        Ok(v) => {
            println!("{v}");
            0
        }
        Err(e) => {
            eprintln!("healthgate rules eval: {e}");
            1
        }
    }
}
