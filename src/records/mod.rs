//! Verification records: what was checked, kept private, kept safe, and gone
//! after the retention time.
//!
//! A record holds the time, kiosk and venue, format, issuer, masked name, ID
//! tail, document type, verdict, reasons, rule-bundle version, and a keyed
//! hash of the credential id (HMAC-SM3 with a key that never leaves the
//! kiosk) so repeated scans of one code count as one person. Never an image,
//! never a full name or ID number. Counts per hour and verdict are kept
//! beside the records; with a retention of 0 days only they are kept.
//!
//! The database is SQLite in WAL mode: every record is its own transaction,
//! so a crash loses at most the record being written; several processes may
//! share the file. A corrupt file is moved aside and a new one started; a
//! full disk or a read-only file makes writes fail with a warning, and the
//! caller goes on verifying.

mod db;
pub mod export;
mod key;
mod query;
mod record;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use db::{is_corrupt, migrate, open_checked};

use crate::time::UnixTime;

pub use export::{ExportError, ExportFormat, export, export_file};
pub use key::{HolderKey, KeyFileError};
pub use record::{Checked, Door, Filter, HourCount, Record};

/// Why the records could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error("the records database is not available")]
    Unavailable,
    #[error(
        "the records database has schema version {found}, newer than this HealthGate knows ({known}); not touching it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Hourly counts are kept this long, whatever the retention of records.
pub const COUNT_DAYS: i64 = 366;

/// The record store.
#[derive(Debug)]
pub struct Records {
    conn: Option<Connection>,
    path: Option<PathBuf>,
    retention_days: u32,
    /// What staff should know (file moved aside, writes failing ...).
    pub warnings: Vec<String>,
}

impl Records {
    /// Opens the records at `path`. A corrupt file is moved aside (with the
    /// time in its name) and a new one made; any other trouble leaves the
    /// store unavailable with a warning. Never fails.
    pub fn open(path: &Path, retention_days: u32, now: UnixTime) -> Self {
        let mut warnings = Vec::new();
        crate::files::private_database(path);
        let conn = match open_checked(path) {
            Ok(c) => Some(c),
            Err(e) if is_corrupt(&e) => {
                let stamp = now.to_string().replace(':', "");
                let aside = path.with_extension(format!("sqlite.corrupt-{stamp}"));
                match std::fs::rename(path, &aside) {
                    Ok(()) => {
                        for ext in ["sqlite-wal", "sqlite-shm"] {
                            let _ = std::fs::remove_file(path.with_extension(ext));
                        }
                        warnings.push(format!(
                            "the records database was damaged; it was moved to {} and a new one started",
                            aside.display()
                        ));
                        crate::files::private_database(path);
                        Connection::open(path).ok()
                    }
                    Err(err) => {
                        warnings.push(format!(
                            "the records database is damaged and cannot be moved aside: {err}"
                        ));
                        None
                    }
                }
            }
            Err(e) => {
                warnings.push(format!(
                    "cannot open the records database {}: {e}",
                    path.display()
                ));
                None
            }
        };
        let conn = conn.and_then(|mut c| match migrate(&mut c) {
            Ok(()) => Some(c),
            Err(e) => {
                warnings.push(e.to_string());
                None
            }
        });
        let mut records = Self {
            conn,
            path: Some(path.to_path_buf()),
            retention_days,
            warnings,
        };
        if let Err(e) = records.purge(now) {
            records.warn(format!("cannot delete old records: {e}"));
        }
        records
    }

    /// The records at `path`, to read only: no migration, no purge, and no
    /// file made where there is none.
    pub fn open_reader(path: &Path) -> Result<Self, RecordsError> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Self {
            conn: Some(conn),
            path: Some(path.to_path_buf()),
            retention_days: 0,
            warnings: Vec::new(),
        })
    }

    /// Records in memory, for tests and one-off runs.
    pub fn in_memory(retention_days: u32) -> Self {
        let conn = Connection::open_in_memory()
            .ok()
            .and_then(|mut c| migrate(&mut c).ok().map(|()| c));
        Self {
            conn,
            path: None,
            retention_days,
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, w: String) {
        if !self.warnings.contains(&w) {
            tracing::warn!("records: {w}");
            self.warnings.push(w);
        }
    }

    fn conn(&self) -> Result<&Connection, RecordsError> {
        self.conn.as_ref().ok_or(RecordsError::Unavailable)
    }

    /// Whether records can be written.
    pub fn is_available(&self) -> bool {
        self.conn.is_some()
    }

    /// The retention in days (0: counts only).
    pub fn retention_days(&self) -> u32 {
        self.retention_days
    }

    /// Writes one record (or, with a retention of 0, only its count). On
    /// failure the warning is kept for staff and the error returned; the
    /// caller goes on.
    pub fn write(&mut self, record: &Record) -> Result<(), RecordsError> {
        let result = self.write_inner(record);
        if let Err(e) = &result {
            self.warn(format!("cannot write verification records: {e}"));
        }
        result
    }

    fn write_inner(&mut self, r: &Record) -> Result<(), RecordsError> {
        let keep = self.retention_days > 0;
        let conn = self.conn.as_mut().ok_or(RecordsError::Unavailable)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if keep {
            tx.execute(
                "INSERT INTO records (at, kiosk, venue, format, issuer, masked_name, id_tail, document, verdict, reasons, bundle_version, holder)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    r.at.0,
                    r.kiosk,
                    r.venue,
                    r.format,
                    r.issuer,
                    r.masked_name,
                    r.id_tail,
                    r.document,
                    r.verdict.as_str(),
                    r.reasons.join(" "),
                    r.bundle_version.map(|v| i64::try_from(v).unwrap_or(i64::MAX)),
                    r.holder,
                ],
            )
            ?;
        }
        tx.execute(
            "INSERT INTO hourly (hour, verdict, count) VALUES (?1, ?2, 1)
             ON CONFLICT (hour, verdict) DO UPDATE SET count = count + 1",
            params![r.at.0 - r.at.0.rem_euclid(3600), r.verdict.as_str()],
        )?;
        Ok(tx.commit()?)
    }

    /// Deletes records older than the retention, and counts older than a
    /// year. Returns how many records went.
    pub fn purge(&mut self, now: UnixTime) -> Result<usize, RecordsError> {
        let Some(conn) = self.conn.as_ref() else {
            return Ok(0);
        };
        let cutoff = now.0 - i64::from(self.retention_days) * 86_400;
        let n = conn.execute("DELETE FROM records WHERE at < ?1", [cutoff])?;
        conn.execute(
            "DELETE FROM hourly WHERE hour < ?1",
            [now.0 - COUNT_DAYS * 86_400],
        )?;
        Ok(n)
    }

    /// The id of the last record written through this connection.
    pub fn last_id(&self) -> Option<i64> {
        self.conn.as_ref().map(Connection::last_insert_rowid)
    }

    /// Where the file is.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The raw connection, for tests that fill the disk.
    #[doc(hidden)]
    pub fn connection(&self) -> Option<&Connection> {
        self.conn.as_ref()
    }
}
