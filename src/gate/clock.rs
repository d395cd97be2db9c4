//! The clock's high-water mark.
//!
//! An offline kiosk has only its own clock to tell whether a code has
//! expired; turned back, it would let expired codes pass. So the door keeps
//! the latest time it has seen (its own clock at each check, the issue time
//! of the rules in force, the issue time of each code it accepted) and
//! keeps it on disk beside the records. When the clock reads earlier than
//! that mark by more than the allowed skew, every verdict is grey
//! `clock-behind` until the clock is right again. The verifier itself stays
//! pure: the door passes the mark's verdict in as a problem.
//!
//! The mark is written when it has moved a minute or more since it was
//! last written (so a service checking thousands of codes a second writes
//! once a minute), and when the door is dropped. A mark that cannot be
//! read (a missing or damaged file) starts from what the door sees next;
//! one that cannot be written is reported once and kept in memory.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::time::UnixTime;

/// Seconds the mark moves before it is written again.
const SAVE_EVERY_SECS: i64 = 60;

/// The file beside the records database.
pub const FILE_NAME: &str = "clock-mark";

/// The latest time the door has seen, and where it is kept.
#[derive(Debug)]
pub struct ClockMark {
    mark: AtomicI64,
    saved: AtomicI64,
    path: Option<PathBuf>,
    write_failed: AtomicBool,
}

impl ClockMark {
    /// A mark kept in memory only (tests, a one-off command).
    pub fn in_memory() -> Self {
        Self {
            mark: AtomicI64::new(i64::MIN),
            saved: AtomicI64::new(i64::MIN),
            path: None,
            write_failed: AtomicBool::new(false),
        }
    }

    /// The mark kept in `path`: read from it now, written back to it.
    pub fn open(path: &Path) -> Self {
        let found = read(path);
        Self {
            mark: AtomicI64::new(found.unwrap_or(i64::MIN)),
            saved: AtomicI64::new(found.unwrap_or(i64::MIN)),
            path: Some(path.to_path_buf()),
            write_failed: AtomicBool::new(false),
        }
    }

    /// The mark beside the records database at `records`, read but never
    /// written (a command that checks as the kiosk would, but is not it).
    pub fn peek_beside(records: &Path) -> Self {
        let mut clock = Self::beside(records);
        clock.path = None;
        clock
    }

    /// The mark beside the records database at `records`.
    pub fn beside(records: &Path) -> Self {
        Self::open(&records.with_file_name(FILE_NAME))
    }

    /// The latest time seen, if any.
    pub fn mark(&self) -> Option<UnixTime> {
        let m = self.mark.load(Ordering::Relaxed);
        (m != i64::MIN).then_some(UnixTime(m))
    }

    /// Whether `now` lies before the mark by more than `skew_secs`: the
    /// clock was turned back (or jumped back).
    pub fn is_behind(&self, now: UnixTime, skew_secs: i64) -> bool {
        self.mark()
            .is_some_and(|m| now.0.saturating_add(skew_secs.max(0)) < m.0)
    }

    /// Moves the mark to `t` if `t` is later.
    pub fn see(&self, t: UnixTime) {
        self.mark.fetch_max(t.0, Ordering::Relaxed);
    }

    /// Writes the mark when it has moved a minute or more since it was
    /// last written.
    pub fn save_if_due(&self) {
        let mark = self.mark.load(Ordering::Relaxed);
        let saved = self.saved.load(Ordering::Relaxed);
        if mark != i64::MIN && mark.saturating_sub(saved) >= SAVE_EVERY_SECS {
            self.save();
        }
    }

    /// Writes the mark now (never moving the file's mark back: another
    /// process of the same kiosk may have written a later one).
    pub fn save(&self) {
        let Some(path) = &self.path else {
            return;
        };
        let mark = self.mark.load(Ordering::Relaxed);
        if mark == i64::MIN {
            return;
        }
        let on_disk = read(path).unwrap_or(i64::MIN);
        let mark = mark.max(on_disk);
        self.see(UnixTime(mark));
        match write(path, mark) {
            Ok(()) => {
                self.saved.store(mark, Ordering::Relaxed);
                self.write_failed.store(false, Ordering::Relaxed);
            }
            Err(e) => {
                if !self.write_failed.swap(true, Ordering::Relaxed) {
                    tracing::error!(
                        file = %path.display(),
                        "cannot keep the clock's mark: {e}; it is kept in memory until the next start"
                    );
                }
            }
        }
    }
}

impl Drop for ClockMark {
    fn drop(&mut self) {
        if self.mark.load(Ordering::Relaxed) != self.saved.load(Ordering::Relaxed) {
            self.save();
        }
    }
}

/// The mark in the file at `path`: Unix seconds as text. `None` when the
/// file is missing or holds something else (that is logged).
fn read(path: &Path) -> Option<i64> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            tracing::warn!(file = %path.display(), "cannot read the clock's mark: {e}; starting anew");
            return None;
        }
    };
    let parsed = text.trim().parse::<i64>().ok();
    if parsed.is_none() {
        tracing::warn!(file = %path.display(), "the clock's mark is damaged; starting anew");
    }
    parsed
}

/// Writes the mark whole or not at all: a temporary file of this process's
/// own renamed over it (the kiosk and its service may write at once).
fn write(path: &Path, mark: i64) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    crate::files::private_file(&tmp)?;
    std::fs::write(&tmp, format!("{mark}\n"))?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_only_past_the_skew() {
        let clock = ClockMark::in_memory();
        assert!(!clock.is_behind(UnixTime(0), 300));
        clock.see(UnixTime(10_000));
        clock.see(UnixTime(5_000));
        assert_eq!(clock.mark(), Some(UnixTime(10_000)));
        assert!(!clock.is_behind(UnixTime(9_700), 300));
        assert!(clock.is_behind(UnixTime(9_699), 300));
        assert!(!clock.is_behind(UnixTime(20_000), 300));
    }

    #[test]
    fn kept_on_disk_never_moved_back_and_damage_starts_anew() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        {
            let clock = ClockMark::open(&path);
            assert_eq!(clock.mark(), None);
            clock.see(UnixTime(1_000));
            clock.save_if_due();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), "1000");
        let later = ClockMark::open(&path);
        assert_eq!(later.mark(), Some(UnixTime(1_000)));
        // Another process wrote a later mark meanwhile: saving keeps it.
        std::fs::write(&path, "5000\n").unwrap();
        later.see(UnixTime(2_000));
        later.save();
        assert_eq!(later.mark(), Some(UnixTime(5_000)));
        assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), "5000");
        std::fs::write(&path, "not a time").unwrap();
        assert_eq!(ClockMark::open(&path).mark(), None);
    }
}
