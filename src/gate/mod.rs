//! A code at the door: the one path from a code's text to a recorded
//! verdict, for every caller (the kiosk on screen, the kiosk in a terminal,
//! `healthgate verify`, and the batch service to come).
//!
//! ```text
//! text ─▶ code::verify (format, signatures) ─▶ replay memory ─▶ rules::judge
//!      ─▶ record (before anything is shown) ─▶ metrics ─▶ Checked
//! ```
//!
//! - [`Gate`]: the door's state (rules in force, replay memory, records,
//!   metrics) and [`Gate::check`]; its periodic duties (the hourly purge of
//!   old records, the state of the rules, a finished sync).
//! - [`load`]: where the rules come from (bundle, trust file, DEMO), in one
//!   place for every caller.
//! - [`sync`]: the background sync, the sync staff start, the rules' state.
//! - [`replay`]: the memory of proofs already presented.
//! - [`metrics`]: counters of what the door has done.
//!
//! Checking is `&self`: the replay memory, the records and the counters
//! take care of callers on several threads.

pub mod clock;
pub mod json;
pub mod load;
pub mod metrics;
pub mod replay;
pub mod sync;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;

pub use load::{LoadError, Loader, RuleSources, Rules};
pub use metrics::Metrics;
pub use replay::ReplayMemory;
pub use sync::{RulesState, SyncPlan};

use crate::bundle::store::{Store, SyncStatus};
use crate::bundle::sync::Outcome;
use crate::code::{self, Credential, Format, Options};
use crate::config::Config;
use crate::i18n::Lang;
use crate::records::{self, Door, HolderKey, Record, Records, RecordsError};
use crate::time::UnixTime;
use crate::verdict::{Reason, Verdict};
use crate::voice::Announcement;

/// The threads a batch is verified on: every core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The code text one input line stands for (stdin, a stream): the line
/// without its line ending; a line that is not UTF-8 stands for an
/// unreadable code (an empty text, answered grey `malformed`); a blank
/// line for none.
pub fn line_text(line: &[u8]) -> Option<String> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    match std::str::from_utf8(line) {
        Ok(t) if t.trim().is_empty() => None,
        Ok(t) => Some(t.to_string()),
        Err(_) => Some(String::new()),
    }
}

/// How often expired records are deleted while a kiosk runs.
pub const PURGE_EVERY_SECS: i64 = 3600;

/// The door of a kiosk, on screen or in a terminal, from its config: the
/// rules loaded tolerantly (what cannot be used is returned, to be shown),
/// the records opened (and purged) at `now`, the background sync's plan.
pub fn for_kiosk(
    config: &Config,
    sources: RuleSources<'_>,
    now: UnixTime,
) -> (Gate, Vec<LoadError>) {
    let (loader, problems) = Loader::tolerant(config, sources);
    for p in &problems {
        tracing::error!("rules: {p}");
    }
    let rules = loader.load(now);
    let records = Records::open(&config.records_path(), config.retention_days, now);
    let key = HolderKey::beside(&config.records_path());
    let gate = Gate::new(
        rules,
        config.verify_options(),
        &config.kiosk_id,
        &config.venue,
    )
    .with_country(config.country.as_deref())
    .with_records(records, key, now)
    .with_loader(loader, config.bundle_url.is_some())
    .with_clock_mark(clock::ClockMark::beside(&config.records_path()));
    (gate, problems)
}

/// One code, checked: what to show and say, and what was recorded.
#[derive(Debug)]
pub struct Checked {
    pub verdict: Verdict,
    /// Whether the code itself held (decoding, signatures, validity, and
    /// for a DCC its schema and key usage), whatever the policy decided.
    pub verified: bool,
    pub format: Format,
    /// The issuer the code claims, once it could be read.
    pub issuer: Option<String>,
    /// The credential, when its issuer's signature holds (after overrides).
    pub credential: Option<Credential>,
    pub at: UnixTime,
    pub venue: String,
    /// The version of the rule bundle that decided.
    pub bundle_version: Option<u64>,
    /// Whether DEMO rules or the DEMO authority were in force.
    pub demo: bool,
    /// How long the check took (verification, rules, record).
    pub micros: u64,
    /// Why the record could not be written, when it could not.
    pub record_error: Option<RecordsError>,
}

impl Checked {
    /// The language the holder chose, if any.
    pub fn language(&self) -> Option<&str> {
        self.credential.as_ref().and_then(|c| c.language.as_deref())
    }

    /// The language to show and say this verdict in: the holder's own
    /// (when the kiosk has it), else the one a person touched on the
    /// screen, else the kiosk's default.
    pub fn show_in(&self, touched: Option<Lang>, default: Lang) -> Lang {
        self.language()
            .and_then(Lang::from_tag)
            .or(touched)
            .unwrap_or(default)
    }

    /// What to say: the verdict's chime and sentences in `lang`, slow in
    /// care mode, at `volume`.
    pub fn announcement(&self, lang: Lang, care: bool, volume: u8) -> Announcement {
        Announcement::verdict(&self.verdict, lang.tag())
            .with_care(care)
            .with_volume(volume)
    }
}

/// The records a door keeps, with the key that hashes credential ids.
#[derive(Debug)]
struct Kept {
    /// The store, and the records it could not take yet (a full disk, a
    /// locked or read-only file), oldest first: each write tries them
    /// first, so a disk that comes back loses nothing.
    records: Mutex<(Records, VecDeque<Record>)>,
    key: HolderKey,
    last_purge: Mutex<UnixTime>,
}

/// The most records held in memory while the store cannot take them
/// (about 4 MB); beyond it the oldest go, and the log says how many.
pub const MAX_UNWRITTEN: usize = 10_000;

impl Kept {
    /// Writes what is held back, then `record` (if any); on the first
    /// failure keeps the rest, in order, for the next time.
    fn write(&self, record: Option<Record>) -> Result<(), RecordsError> {
        let mut guard = self.records.lock().unwrap_or_else(PoisonError::into_inner);
        let (store, unwritten) = &mut *guard;
        unwritten.extend(record);
        let had = unwritten.len();
        let mut result = Ok(());
        while let Some(first) = unwritten.front() {
            if let Err(e) = store.write(first) {
                result = Err(e);
                break;
            }
            unwritten.pop_front();
        }
        if result.is_ok() && had > 1 {
            tracing::info!(
                records = had,
                "the records store takes records again; those held back are written"
            );
        }
        let over = unwritten.len().saturating_sub(MAX_UNWRITTEN);
        if over > 0 {
            unwritten.drain(..over);
            tracing::error!(
                lost = over,
                held = MAX_UNWRITTEN,
                "the records store has taken no record for a long time; the oldest held back are dropped"
            );
        }
        result
    }

    fn unwritten(&self) -> usize {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .len()
    }
}

/// The door.
#[derive(Debug)]
pub struct Gate {
    rules: RwLock<Arc<Rules>>,
    /// How the last sync went, read from the store at load and after each sync.
    sync: RwLock<SyncStatus>,
    loader: Option<Loader>,
    /// Whether a sync is configured (for "offline since").
    syncs: bool,
    options: Options,
    kiosk_id: String,
    venue: String,
    /// The venue's country (ISO 3166 alpha-2), whose EU DCC Acceptance
    /// rules apply.
    country: Option<String>,
    replay: Option<ReplayMemory>,
    kept: Option<Kept>,
    metrics: Arc<Metrics>,
    /// The latest time seen, against a clock turned back.
    clock: Option<clock::ClockMark>,
    /// Whether each verdict is an INFO log line (a door's few a minute),
    /// or only a DEBUG one (a service's thousands a second).
    log_each: bool,
}

/// A code verified, not yet concluded: see [`Gate::verify`].
#[derive(Debug)]
pub struct Pending {
    verified: code::Verified,
    rules: Arc<Rules>,
    /// How long verifying took.
    took: std::time::Duration,
}

impl Gate {
    /// A door deciding with `rules`, remembering proofs against replays,
    /// keeping no records.
    pub fn new(rules: Rules, options: Options, kiosk_id: &str, venue: &str) -> Self {
        let gate = Self {
            sync: RwLock::new(rules.active.sync.clone()),
            rules: RwLock::new(Arc::new(rules)),
            loader: None,
            syncs: false,
            options,
            kiosk_id: kiosk_id.to_string(),
            venue: venue.to_string(),
            country: None,
            replay: Some(ReplayMemory::new(&options)),
            kept: None,
            metrics: Arc::new(Metrics::default()),
            clock: None,
            log_each: true,
        };
        gate.publish_rules_info();
        gate
    }

    /// A service's door: `HGC1C:` credentials are status checks, no proof
    /// is remembered, and a verdict is logged at DEBUG only.
    #[must_use]
    pub fn for_service(mut self) -> Self {
        self.options.status_checks = true;
        self.replay = None;
        self.log_each = false;
        self
    }

    /// The verification options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Records every check in `records` (opened at `opened`, when they were
    /// purged last).
    #[must_use]
    pub fn with_records(mut self, records: Records, key: HolderKey, opened: UnixTime) -> Self {
        self.kept = Some(Kept {
            records: Mutex::new((records, VecDeque::new())),
            key,
            last_purge: Mutex::new(opened),
        });
        self
    }

    /// Keeps the clock's high-water mark in `clock` (see [`clock`]): from
    /// now on, a clock that reads earlier than the mark by more than the
    /// allowed skew makes every verdict grey `clock-behind`. The rules in
    /// force move the mark to their issue time.
    #[must_use]
    pub fn with_clock_mark(mut self, clock: clock::ClockMark) -> Self {
        if let Some(issued) = self.rules().active.bundle.as_ref().map(|b| b.issued_at) {
            clock.see(issued);
        }
        self.clock = Some(clock);
        self
    }

    /// The clock's mark when `now` lies behind it (the clock was turned
    /// back): what the staff screen shows.
    pub fn clock_behind(&self, now: UnixTime) -> Option<UnixTime> {
        let clock = self.clock.as_ref()?;
        if clock.is_behind(now, self.options.clock_skew_secs) {
            clock.mark()
        } else {
            None
        }
    }

    /// The clock's mark, if this door keeps one.
    pub fn clock_mark(&self) -> Option<UnixTime> {
        self.clock.as_ref().and_then(clock::ClockMark::mark)
    }

    /// Reloads the rules with `loader` after a sync.
    #[must_use]
    pub fn with_loader(mut self, loader: Loader, syncs: bool) -> Self {
        self.loader = Some(loader);
        self.syncs = syncs;
        self
    }

    /// Applies the EU DCC Acceptance rules of the venue's `country`.
    #[must_use]
    pub fn with_country(mut self, country: Option<&str>) -> Self {
        self.country = country.map(str::to_ascii_uppercase);
        self
    }

    /// The venue's country, if set.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Checks of unrelated codes (a batch): no replay memory.
    #[must_use]
    pub fn without_replay(mut self) -> Self {
        self.replay = None;
        self
    }

    /// The rules in force now.
    pub fn rules(&self) -> Arc<Rules> {
        Arc::clone(&self.rules.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Puts other rules in force (after a sync, or a reload off the screen's thread).
    pub fn set_rules(&self, rules: impl Into<Arc<Rules>>) {
        let rules = rules.into();
        if let (Some(clock), Some(bundle)) = (&self.clock, rules.active.bundle.as_ref()) {
            clock.see(bundle.issued_at);
        }
        *self.sync.write().unwrap_or_else(PoisonError::into_inner) = rules.active.sync.clone();
        *self.rules.write().unwrap_or_else(PoisonError::into_inner) = rules;
        self.publish_rules_info();
    }

    /// How the last sync went.
    pub fn sync_status(&self) -> SyncStatus {
        self.sync
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How the rules are loaded, if this door reloads them.
    pub fn loader(&self) -> Option<&Loader> {
        self.loader.as_ref()
    }

    /// The venue whose policy applies.
    pub fn venue(&self) -> &str {
        &self.venue
    }

    /// Applies another venue's policy from now on.
    pub fn set_venue(&mut self, venue: &str) {
        venue.clone_into(&mut self.venue);
    }

    /// The door's counters.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// The Prometheus text of the door's counters and its rules' state.
    pub fn metrics_text(&self) -> String {
        self.metrics.prometheus(&self.kiosk_id)
    }

    /// Tells the counters which rules are in force and when a sync last
    /// succeeded.
    fn publish_rules_info(&self) {
        let rules = self.rules();
        self.metrics.set_rules_info(metrics::RulesInfo {
            version: rules.active.version(),
            issued_at: rules.active.bundle.as_ref().map(|b| b.issued_at),
            sync_succeeded_at: self.sync_status().succeeded_at,
        });
    }

    /// The kiosk's id, as records and metrics name it.
    pub fn kiosk_id(&self) -> &str {
        &self.kiosk_id
    }

    /// Checks one code at the door's venue. See [`Gate::check_at`].
    pub fn check(&self, text: &str, now: UnixTime) -> Checked {
        self.check_at(text, &self.venue, now)
    }

    /// Checks one code at `venue`: verify, replay, judge, then record
    /// (before anything is shown) and count.
    pub fn check_at(&self, text: &str, venue: &str, now: UnixTime) -> Checked {
        self.conclude(self.verify(text, now), venue, now)
    }

    /// The first half of a check, the costly one: the format's decoding
    /// and signatures against the rules in force. It touches no shared
    /// state, so a batch verifies its codes on every core and then
    /// [`Gate::conclude`]s them in their order.
    pub fn verify(&self, text: &str, now: UnixTime) -> Pending {
        let start = Instant::now();
        let rules = self.rules();
        let verified = code::verify(text, &rules.active.trust, now, &self.options);
        Pending {
            verified,
            rules,
            took: start.elapsed(),
        }
    }

    /// Checks `texts` at `venue` on up to `threads` threads: verified in
    /// parallel, then concluded (replay, judge, record, count) one by one
    /// in their order, so a proof shown twice in one batch is a replay the
    /// second time, as at a door.
    pub fn check_batch(
        &self,
        texts: &[String],
        venue: &str,
        now: UnixTime,
        threads: usize,
    ) -> Vec<Checked> {
        let threads = threads.clamp(1, texts.len().max(1));
        let pending: Vec<Pending> = if threads == 1 {
            texts.iter().map(|t| self.verify(t, now)).collect()
        } else {
            let per = texts.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let parts: Vec<_> = texts
                    .chunks(per)
                    .map(|chunk| {
                        scope.spawn(move || {
                            chunk
                                .iter()
                                .map(|t| self.verify(t, now))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|p| {
                        p.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        };
        pending
            .into_iter()
            .map(|p| self.conclude(p, venue, now))
            .collect()
    }

    /// The second half of a check: replay memory, the judge, the record
    /// (before anything is shown) and the counters.
    pub fn conclude(&self, pending: Pending, venue: &str, now: UnixTime) -> Checked {
        let start = Instant::now();
        let Pending {
            mut verified,
            rules,
            took,
        } = pending;
        // A clock turned back: nothing it says about expiry can be trusted.
        let behind = self
            .clock
            .as_ref()
            .is_some_and(|c| c.is_behind(now, self.options.clock_skew_secs));
        if behind {
            verified.problems.push(Reason::ClockBehind);
        }
        let held = verified.is_verified();
        if let (Some(replay), Some(proof)) = (&self.replay, verified.proof)
            && replay.check_and_remember(proof, now)
        {
            verified.problems.push(Reason::ProofReplayed);
        }
        let ctx = rules.active.context(venue, self.country.as_deref());
        let verdict = crate::rules::judge(
            &verified.problems,
            verified.credential.as_mut(),
            verified.rule_input.as_ref(),
            ctx.as_ref(),
            now,
        );
        if let Some(clock) = &self.clock
            && !behind
        {
            clock.see(now);
            // An accepted code was issued no later than the clock allowed.
            if verdict.colour != crate::verdict::Colour::Grey
                && let Some(c) = &verified.credential
            {
                clock.see(c.issued_at);
            }
            clock.save_if_due();
        }
        let mut checked = Checked {
            verdict,
            verified: held,
            format: verified.format,
            issuer: verified.issuer,
            credential: verified.credential,
            at: now,
            venue: venue.to_string(),
            bundle_version: rules.active.version(),
            demo: rules.demo,
            micros: 0,
            record_error: None,
        };
        if let Some(kept) = &self.kept {
            let record = Record::of(
                &records::Checked {
                    format: checked.format,
                    issuer: checked.issuer.as_deref(),
                    credential: checked.credential.as_ref(),
                    verdict: &checked.verdict,
                },
                &Door {
                    kiosk: &self.kiosk_id,
                    venue,
                    at: now,
                    bundle_version: checked.bundle_version,
                },
                &kept.key,
            );
            if let Err(e) = kept.write(Some(record)) {
                self.metrics.record_failed();
                checked.record_error = Some(e);
            }
        }
        // This code's own work, not the time it waited in a batch.
        checked.micros = u64::try_from((took + start.elapsed()).as_micros()).unwrap_or(u64::MAX);
        self.metrics.checked(
            checked.verdict.colour,
            checked.format,
            &checked.verdict.reasons,
            checked.micros,
        );
        if self.log_each {
            tracing::info!(
                colour = %checked.verdict.colour,
                reasons = ?checked.verdict.reasons.iter().map(|r| r.key()).collect::<Vec<_>>(),
                format = %checked.format,
                issuer = checked.issuer.as_deref().unwrap_or("-"),
                "verdict"
            );
        } else {
            tracing::debug!(
                colour = %checked.verdict.colour,
                format = %checked.format,
                "verdict"
            );
        }
        checked
    }

    /// The hourly duty: deletes records past their retention when an hour
    /// has gone by since the last purge. `None` when it was not due.
    pub fn purge_due(&self, now: UnixTime) -> Option<Result<usize, RecordsError>> {
        let kept = self.kept.as_ref()?;
        {
            let mut last = kept
                .last_purge
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // A clock set back also counts as due: the hour is measured again from now.
            if now.0 - last.0 < PURGE_EVERY_SECS && now >= *last {
                return None;
            }
            *last = now;
        }
        let result = kept
            .records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .0
            .purge(now);
        match &result {
            Ok(n) => {
                self.metrics.purged(*n);
                if *n > 0 {
                    tracing::info!(deleted = n, "records: deleted records past their retention");
                }
            }
            Err(e) => tracing::warn!("records: cannot delete old records: {e}"),
        }
        Some(result)
    }

    /// Runs `f` on the records, if this door keeps any.
    pub fn with_records_do<T>(&self, f: impl FnOnce(&Records) -> T) -> Option<T> {
        self.kept
            .as_ref()
            .map(|k| f(&k.records.lock().unwrap_or_else(PoisonError::into_inner).0))
    }

    /// Writes the records held back while the store could not take them
    /// (the kiosk calls this every tick, so a freed disk catches up without
    /// waiting for the next person). `None` when nothing is held back.
    pub fn flush_unwritten(&self) -> Option<Result<(), RecordsError>> {
        let kept = self.kept.as_ref()?;
        (kept.unwritten() > 0).then(|| kept.write(None))
    }

    /// How many records are held in memory, waiting for the store.
    pub fn unwritten(&self) -> usize {
        self.kept.as_ref().map_or(0, Kept::unwritten)
    }

    /// The state of the rules at `now`, for the scan screen.
    pub fn rules_state(&self, now: UnixTime) -> RulesState {
        RulesState::of(&self.rules().active, &self.sync_status(), self.syncs, now)
    }

    /// A sync finished: counts it and reads the sync status again (once,
    /// here, never while drawing). Returns true when a newer bundle was
    /// installed: then the rules should be loaded again, with
    /// [`Gate::reload`] or, off the screen's thread, with the
    /// [`Gate::loader`] and [`Gate::set_rules`].
    pub fn synced(&self, outcome: &Outcome) -> bool {
        self.metrics.synced(outcome.result());
        let Some(loader) = &self.loader else {
            return false;
        };
        match Store::open(loader.store()).and_then(|s| s.sync_status()) {
            Ok(status) => *self.sync.write().unwrap_or_else(PoisonError::into_inner) = status,
            Err(e) => tracing::warn!("sync: cannot read the sync status: {e}"),
        }
        self.publish_rules_info();
        matches!(outcome, Outcome::Installed { .. })
    }

    /// Loads the rules again and puts them in force, if a bundle could be had.
    pub fn reload(&self, now: UnixTime) {
        let Some(loader) = &self.loader else {
            return;
        };
        let rules = loader.load(now);
        if rules.active.bundle.is_some() {
            tracing::info!("rules: now {}", rules.describe);
            self.set_rules(rules);
        }
    }
}
