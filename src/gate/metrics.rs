//! What the door has done, counted: checks by verdict, format and reason,
//! how long they took, records that could not be written, purges and
//! syncs. Lock-free counters, read as a [`Snapshot`] or as Prometheus text.
//! Counts only: never a name, an ID or a code.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::bundle::store::SyncResult;
use crate::code::Format;
use crate::verdict::{Colour, Reason};

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
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            by_colour: counters(),
            by_format: counters(),
            by_reason: counters(),
            micros_sum: AtomicU64::new(0),
            micros_buckets: counters(),
            record_failures: AtomicU64::new(0),
            purged: AtomicU64::new(0),
            syncs: counters(),
        }
    }
}

/// The counters at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
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
}

impl Metrics {
    /// Counts one check.
    pub fn checked(&self, colour: Colour, format: Format, reasons: &[Reason], micros: u64) {
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

    /// The counters now.
    pub fn snapshot(&self) -> Snapshot {
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
            by_colour: Colour::ALL.into_iter().zip(colours).collect(),
            by_format: Format::ALL.into_iter().zip(read(&self.by_format)).collect(),
            by_reason: Reason::ALL.into_iter().zip(read(&self.by_reason)).collect(),
            checks: colours.iter().sum(),
            micros_sum: self.micros_sum.load(Ordering::Relaxed),
            micros_le,
            record_failures: self.record_failures.load(Ordering::Relaxed),
            purged: self.purged.load(Ordering::Relaxed),
            syncs: SyncResult::ALL.into_iter().zip(read(&self.syncs)).collect(),
        }
    }
}

impl Snapshot {
    /// The Prometheus text exposition of these counters, each line labelled
    /// with `kiosk`.
    pub fn prometheus(&self, kiosk: &str) -> String {
        let kiosk = kiosk
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP healthgate_checks_total Codes checked, by verdict colour.\n# TYPE healthgate_checks_total counter"
        );
        for (colour, n) in &self.by_colour {
            let _ = writeln!(
                out,
                "healthgate_checks_total{{kiosk=\"{kiosk}\",colour=\"{colour}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP healthgate_checks_by_format_total Codes checked, by format.\n# TYPE healthgate_checks_by_format_total counter"
        );
        for (format, n) in &self.by_format {
            let _ = writeln!(
                out,
                "healthgate_checks_by_format_total{{kiosk=\"{kiosk}\",format=\"{format}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP healthgate_reasons_total Reasons given in verdicts.\n# TYPE healthgate_reasons_total counter"
        );
        for (reason, n) in &self.by_reason {
            let _ = writeln!(
                out,
                "healthgate_reasons_total{{kiosk=\"{kiosk}\",reason=\"{reason}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP healthgate_check_seconds Time to check one code.\n# TYPE healthgate_check_seconds histogram"
        );
        for (bound, n) in &self.micros_le {
            let le = f64::from(u32::try_from(*bound).unwrap_or(u32::MAX)) / 1e6;
            let _ = writeln!(
                out,
                "healthgate_check_seconds_bucket{{kiosk=\"{kiosk}\",le=\"{le}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "healthgate_check_seconds_bucket{{kiosk=\"{kiosk}\",le=\"+Inf\"}} {}\nhealthgate_check_seconds_sum{{kiosk=\"{kiosk}\"}} {}\nhealthgate_check_seconds_count{{kiosk=\"{kiosk}\"}} {}",
            self.checks,
            Seconds(self.micros_sum),
            self.checks
        );
        let _ = writeln!(
            out,
            "# HELP healthgate_record_failures_total Verification records that could not be written.\n# TYPE healthgate_record_failures_total counter\nhealthgate_record_failures_total{{kiosk=\"{kiosk}\"}} {}",
            self.record_failures
        );
        let _ = writeln!(
            out,
            "# HELP healthgate_records_purged_total Records deleted at the end of their retention.\n# TYPE healthgate_records_purged_total counter\nhealthgate_records_purged_total{{kiosk=\"{kiosk}\"}} {}",
            self.purged
        );
        let _ = writeln!(
            out,
            "# HELP healthgate_syncs_total Rule bundle syncs, by result.\n# TYPE healthgate_syncs_total counter"
        );
        for (result, n) in &self.syncs {
            let _ = writeln!(
                out,
                "healthgate_syncs_total{{kiosk=\"{kiosk}\",result=\"{}\"}} {n}",
                result.as_str()
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
        let text = s.prometheus("door \"1\"");
        assert!(
            text.contains("healthgate_checks_total{kiosk=\"door \\\"1\\\"\",colour=\"grey\"} 2"),
            "{text}"
        );
        assert!(text.contains("reason=\"signature-invalid\"} 1"), "{text}");
        assert!(text.contains("le=\"+Inf\"} 3"), "{text}");
        assert!(
            text.contains("healthgate_check_seconds_sum{kiosk=\"door \\\"1\\\"\"} 0.060420"),
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
