//! What the door has done, counted: checks by format and verdict, reasons,
//! how long they took, records that could not be written, purges, syncs
//! and whether the camera is up. Lock-free counters, read as a
//! [`Snapshot`] or as Prometheus text ([`Snapshot::prometheus`], with the
//! rules' state from the gate). Counts only: never a name, an ID or a
//! code, and no label holds a person's data.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU8, AtomicU64, Ordering};

use crate::bundle::store::SyncResult;
use crate::code::Format;
use crate::time::UnixTime;
use crate::verdict::{Colour, Reason};

/// Checks by format and colour, one counter each pair.
const PAIRS: usize = Format::ALL.len() * Colour::ALL.len();

fn pair(format: Format, colour: Colour) -> Option<usize> {
    let f = Format::ALL.iter().position(|x| *x == format)?;
    let c = Colour::ALL.iter().position(|x| *x == colour)?;
    Some(f * Colour::ALL.len() + c)
}

/// Upper bounds of the check-time histogram, in microseconds.
pub const BUCKETS_MICROS: [u64; 8] = [100, 250, 500, 1_000, 2_500, 5_000, 10_000, 50_000];

fn counters<const N: usize>() -> [AtomicU64; N] {
    std::array::from_fn(|_| AtomicU64::new(0))
}

fn read<const N: usize>(a: &[AtomicU64; N]) -> [u64; N] {
    std::array::from_fn(|i| a.get(i).map_or(0, |c| c.load(Ordering::Relaxed)))
}

fn bump<const N: usize>(a: &[AtomicU64; N], i: Option<usize>) {
    if let Some(c) = i.and_then(|i| a.get(i)) {
        c.fetch_add(1, Ordering::Relaxed);
    }
}

/// The door's counters.
#[derive(Debug)]
pub struct Metrics {
    by_pair: [AtomicU64; PAIRS],
    by_colour: [AtomicU64; Colour::ALL.len()],
    by_format: [AtomicU64; Format::ALL.len()],
    by_reason: [AtomicU64; Reason::ALL.len()],
    micros_sum: AtomicU64,
    /// Checks at or under each bound of [`BUCKETS_MICROS`] (not cumulative),
    /// and over the last one.
    micros_buckets: [AtomicU64; BUCKETS_MICROS.len() + 1],
    record_failures: AtomicU64,
    purged: AtomicU64,
    syncs: [AtomicU64; SyncResult::ALL.len()],
    /// 0: no camera reported (not a kiosk on screen), 1: down, 2: up.
    camera: AtomicU8,
    /// The rules in force and the last sync, as the gate last published
    /// them ([`NONE`] for none), so that a scrape needs the counters only.
    rules_version: AtomicU64,
    rules_issued: AtomicI64,
    sync_succeeded: AtomicI64,
}

/// "Not known" in the rules' gauges.
const NONE: i64 = i64::MIN;

impl Default for Metrics {
    fn default() -> Self {
        Self {
            by_pair: counters(),
            by_colour: counters(),
            by_format: counters(),
            by_reason: counters(),
            micros_sum: AtomicU64::new(0),
            micros_buckets: counters(),
            record_failures: AtomicU64::new(0),
            purged: AtomicU64::new(0),
            syncs: counters(),
            camera: AtomicU8::new(0),
            rules_version: AtomicU64::new(u64::MAX),
            rules_issued: AtomicI64::new(NONE),
            sync_succeeded: AtomicI64::new(NONE),
        }
    }
}

/// The counters at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// Checks by format and colour, every pair.
    pub by_format_colour: Vec<(Format, Colour, u64)>,
    pub by_colour: Vec<(Colour, u64)>,
    pub by_format: Vec<(Format, u64)>,
    pub by_reason: Vec<(Reason, u64)>,
    pub checks: u64,
    pub micros_sum: u64,
    /// Cumulative: checks that took at most each bound of [`BUCKETS_MICROS`].
    pub micros_le: Vec<(u64, u64)>,
    pub record_failures: u64,
    pub purged: u64,
    pub syncs: Vec<(SyncResult, u64)>,
    /// Whether the camera is up, when a kiosk runs one.
    pub camera_up: Option<bool>,
}

/// What the counters do not hold: the rules in force and the last sync,
/// from the gate at the time of a scrape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RulesInfo {
    pub version: Option<u64>,
    pub issued_at: Option<UnixTime>,
    pub sync_succeeded_at: Option<UnixTime>,
}

impl Metrics {
    /// Counts one check.
    pub fn checked(&self, colour: Colour, format: Format, reasons: &[Reason], micros: u64) {
        bump(&self.by_pair, pair(format, colour));
        bump(
            &self.by_colour,
            Colour::ALL.iter().position(|c| *c == colour),
        );
        bump(
            &self.by_format,
            Format::ALL.iter().position(|f| *f == format),
        );
        for r in reasons {
            bump(&self.by_reason, Reason::ALL.iter().position(|x| x == r));
        }
        self.micros_sum.fetch_add(micros, Ordering::Relaxed);
        let bucket = BUCKETS_MICROS
            .iter()
            .position(|&b| micros <= b)
            .unwrap_or(BUCKETS_MICROS.len());
        bump(&self.micros_buckets, Some(bucket));
    }

    /// Counts a record that could not be written.
    pub fn record_failed(&self) {
        self.record_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts records deleted by the retention.
    pub fn purged(&self, n: usize) {
        self.purged
            .fetch_add(u64::try_from(n).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// Counts one sync attempt.
    pub fn synced(&self, result: SyncResult) {
        bump(
            &self.syncs,
            SyncResult::ALL.iter().position(|r| *r == result),
        );
    }

    /// Publishes the rules in force and the last sync, for scrapes.
    pub fn set_rules_info(&self, info: RulesInfo) {
        self.rules_version
            .store(info.version.unwrap_or(u64::MAX), Ordering::Relaxed);
        self.rules_issued
            .store(info.issued_at.map_or(NONE, |t| t.0), Ordering::Relaxed);
        self.sync_succeeded.store(
            info.sync_succeeded_at.map_or(NONE, |t| t.0),
            Ordering::Relaxed,
        );
    }

    /// The rules in force and the last sync, as last published.
    pub fn rules_info(&self) -> RulesInfo {
        let time = |a: &AtomicI64| {
            Some(a.load(Ordering::Relaxed))
                .filter(|t| *t != NONE)
                .map(UnixTime)
        };
        RulesInfo {
            version: Some(self.rules_version.load(Ordering::Relaxed)).filter(|v| *v != u64::MAX),
            issued_at: time(&self.rules_issued),
            sync_succeeded_at: time(&self.sync_succeeded),
        }
    }

    /// The Prometheus text of the counters and the rules' state, each
    /// sample labelled with `kiosk`.
    pub fn prometheus(&self, kiosk: &str) -> String {
        self.snapshot().prometheus(kiosk, &self.rules_info())
    }

    /// The camera came up (true) or went down (false).
    pub fn camera(&self, up: bool) {
        self.camera.store(if up { 2 } else { 1 }, Ordering::Relaxed);
    }

    /// The counters now.
    pub fn snapshot(&self) -> Snapshot {
        let pairs = read(&self.by_pair);
        let by_format_colour = Format::ALL
            .into_iter()
            .flat_map(|f| Colour::ALL.into_iter().map(move |c| (f, c)))
            .zip(pairs)
            .map(|((f, c), n)| (f, c, n))
            .collect();
        let colours = read(&self.by_colour);
        let buckets = read(&self.micros_buckets);
        let mut running = 0;
        let micros_le = BUCKETS_MICROS
            .iter()
            .zip(buckets)
            .map(|(&bound, n)| {
                running += n;
                (bound, running)
            })
            .collect();
        Snapshot {
            by_format_colour,
            by_colour: Colour::ALL.into_iter().zip(colours).collect(),
            by_format: Format::ALL.into_iter().zip(read(&self.by_format)).collect(),
            by_reason: Reason::ALL.into_iter().zip(read(&self.by_reason)).collect(),
            checks: colours.iter().sum(),
            micros_sum: self.micros_sum.load(Ordering::Relaxed),
            micros_le,
            record_failures: self.record_failures.load(Ordering::Relaxed),
            purged: self.purged.load(Ordering::Relaxed),
            syncs: SyncResult::ALL.into_iter().zip(read(&self.syncs)).collect(),
            camera_up: match self.camera.load(Ordering::Relaxed) {
                1 => Some(false),
                2 => Some(true),
                _ => None,
            },
        }
    }
}

impl Snapshot {
    /// The Prometheus text exposition of these counters and of `rules`,
    /// each sample labelled with `kiosk`.
    pub fn prometheus(&self, kiosk: &str, rules: &RulesInfo) -> String {
        let kiosk = kiosk
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        let mut out = String::new();
        let head = |out: &mut String, name: &str, kind: &str, help: &str| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
        };
        head(
            &mut out,
            "healthgate_build_info",
            "gauge",
            "The running HealthGate's version.",
        );
        let _ = writeln!(
            out,
            "healthgate_build_info{{kiosk=\"{kiosk}\",version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        head(
            &mut out,
            "healthgate_checks_total",
            "counter",
            "Codes checked, by format and verdict colour.",
        );
        for (format, colour, n) in &self.by_format_colour {
            let _ = writeln!(
                out,
                "healthgate_checks_total{{kiosk=\"{kiosk}\",format=\"{format}\",colour=\"{colour}\"}} {n}"
            );
        }
        head(
            &mut out,
            "healthgate_reasons_total",
            "counter",
            "Reasons given in verdicts.",
        );
        for (reason, n) in &self.by_reason {
            let _ = writeln!(
                out,
                "healthgate_reasons_total{{kiosk=\"{kiosk}\",reason=\"{reason}\"}} {n}"
            );
        }
        head(
            &mut out,
            "healthgate_check_duration_seconds",
            "histogram",
            "Time to check one code (verification, rules, record).",
        );
        for (bound, n) in &self.micros_le {
            let le = f64::from(u32::try_from(*bound).unwrap_or(u32::MAX)) / 1e6;
            let _ = writeln!(
                out,
                "healthgate_check_duration_seconds_bucket{{kiosk=\"{kiosk}\",le=\"{le}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "healthgate_check_duration_seconds_bucket{{kiosk=\"{kiosk}\",le=\"+Inf\"}} {}\nhealthgate_check_duration_seconds_sum{{kiosk=\"{kiosk}\"}} {}\nhealthgate_check_duration_seconds_count{{kiosk=\"{kiosk}\"}} {}",
            self.checks,
            Seconds(self.micros_sum),
            self.checks
        );
        head(
            &mut out,
            "healthgate_records_write_errors_total",
            "counter",
            "Verification records that could not be written.",
        );
        let _ = writeln!(
            out,
            "healthgate_records_write_errors_total{{kiosk=\"{kiosk}\"}} {}",
            self.record_failures
        );
        head(
            &mut out,
            "healthgate_records_purged_total",
            "counter",
            "Records deleted at the end of their retention.",
        );
        let _ = writeln!(
            out,
            "healthgate_records_purged_total{{kiosk=\"{kiosk}\"}} {}",
            self.purged
        );
        head(
            &mut out,
            "healthgate_syncs_total",
            "counter",
            "Rule bundle syncs, by result.",
        );
        for (result, n) in &self.syncs {
            let _ = writeln!(
                out,
                "healthgate_syncs_total{{kiosk=\"{kiosk}\",result=\"{}\"}} {n}",
                result.as_str()
            );
        }
        let failures: u64 = self
            .syncs
            .iter()
            .filter(|(r, _)| matches!(r, SyncResult::Failed | SyncResult::Refused))
            .map(|(_, n)| *n)
            .sum();
        head(
            &mut out,
            "healthgate_sync_failures_total",
            "counter",
            "Rule bundle syncs that failed (network, server, or a bundle refused).",
        );
        let _ = writeln!(
            out,
            "healthgate_sync_failures_total{{kiosk=\"{kiosk}\"}} {failures}"
        );
        if let Some(t) = rules.sync_succeeded_at {
            head(
                &mut out,
                "healthgate_sync_last_success_timestamp_seconds",
                "gauge",
                "When a sync last succeeded (Unix time).",
            );
            let _ = writeln!(
                out,
                "healthgate_sync_last_success_timestamp_seconds{{kiosk=\"{kiosk}\"}} {}",
                t.0
            );
        }
        if let Some(v) = rules.version {
            head(
                &mut out,
                "healthgate_rules_version",
                "gauge",
                "The version of the rule bundle in force.",
            );
            let _ = writeln!(out, "healthgate_rules_version{{kiosk=\"{kiosk}\"}} {v}");
        }
        if let Some(t) = rules.issued_at {
            head(
                &mut out,
                "healthgate_rules_issued_timestamp_seconds",
                "gauge",
                "When the rule bundle in force was issued (Unix time).",
            );
            let _ = writeln!(
                out,
                "healthgate_rules_issued_timestamp_seconds{{kiosk=\"{kiosk}\"}} {}",
                t.0
            );
        }
        if let Some(up) = self.camera_up {
            head(
                &mut out,
                "healthgate_camera_up",
                "gauge",
                "Whether the kiosk's camera delivers frames (1) or not (0).",
            );
            let _ = writeln!(
                out,
                "healthgate_camera_up{{kiosk=\"{kiosk}\"}} {}",
                u8::from(up)
            );
        }
        out
    }
}

/// Microseconds printed as seconds, exactly.
struct Seconds(u64);

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:06}", self.0 / 1_000_000, self.0 % 1_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_print_as_prometheus_text() {
        let m = Metrics::default();
        m.checked(Colour::Green, Format::Hgc1, &[], 400);
        m.checked(
            Colour::Grey,
            Format::Hgc1,
            &[Reason::SignatureInvalid],
            60_000,
        );
        m.checked(Colour::Grey, Format::Dcc, &[Reason::FormatUnsupported], 20);
        m.record_failed();
        m.purged(3);
        m.synced(SyncResult::Failed);
        let s = m.snapshot();
        assert_eq!(s.checks, 3);
        assert_eq!(s.micros_sum, 60_420);
        assert!(s.by_colour.contains(&(Colour::Grey, 2)));
        assert!(s.by_format.contains(&(Format::Hgc1, 2)));
        assert!(s.micros_le.contains(&(100, 1)));
        assert!(s.micros_le.contains(&(500, 2)));
        assert!(s.micros_le.contains(&(50_000, 2)));
        let text = s.prometheus(
            "door \"1\"",
            &RulesInfo {
                version: Some(7),
                issued_at: Some(UnixTime(1_700_000_000)),
                sync_succeeded_at: None,
            },
        );
        assert!(
            text.contains(
                "healthgate_checks_total{kiosk=\"door \\\"1\\\"\",format=\"hgc1\",colour=\"grey\"} 1"
            ),
            "{text}"
        );
        assert!(text.contains("format=\"dcc\",colour=\"grey\"} 1"), "{text}");
        assert!(text.contains("healthgate_rules_version{kiosk=\"door \\\"1\\\"\"} 7"));
        assert!(text.contains(
            "healthgate_rules_issued_timestamp_seconds{kiosk=\"door \\\"1\\\"\"} 1700000000"
        ));
        assert!(text.contains("healthgate_sync_failures_total{kiosk=\"door \\\"1\\\"\"} 1"));
        assert!(text.contains("healthgate_build_info{kiosk="));
        assert!(!text.contains("healthgate_camera_up"), "no camera reported");
        assert!(
            !text.contains("healthgate_sync_last_success"),
            "never synced"
        );
        assert!(text.contains("reason=\"signature-invalid\"} 1"), "{text}");
        assert!(text.contains("le=\"+Inf\"} 3"), "{text}");
        assert!(
            text.contains(
                "healthgate_check_duration_seconds_sum{kiosk=\"door \\\"1\\\"\"} 0.060420"
            ),
            "{text}"
        );
        assert!(text.contains("result=\"failed\"} 1"), "{text}");
        assert!(text.contains("healthgate_records_purged_total{kiosk=\"door \\\"1\\\"\"} 3"));
        // Every sample line is `name{labels} value`.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (_, value) = line.rsplit_once(' ').unwrap_or_default();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
    }
}
