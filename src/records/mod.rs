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

pub mod export;

use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use serde::Serialize;
use sm2::elliptic_curve::Generate;

use crate::rules::Colour;
use crate::time::UnixTime;
use crate::verify::Outcome;

pub use export::{ExportFormat, export};

const MIGRATIONS: &[&str] = &[
    // 1: records, and counts per hour and verdict.
    "CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kiosk TEXT NOT NULL,
        venue TEXT NOT NULL,
        format TEXT NOT NULL,
        issuer TEXT,
        masked_name TEXT,
        id_tail TEXT,
        document TEXT,
        verdict TEXT NOT NULL,
        reasons TEXT NOT NULL,
        bundle_version INTEGER,
        holder TEXT
    );
    CREATE INDEX records_at ON records (at);
    CREATE TABLE hourly (
        hour INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, verdict)
    ) WITHOUT ROWID;",
];

/// Hourly counts are kept this long, whatever the retention of records.
pub const COUNT_DAYS: i64 = 366;

/// One verification record: exactly what is stored and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// Filled in when read back; `0` before it is written.
    pub id: i64,
    pub at: UnixTime,
    pub kiosk: String,
    pub venue: String,
    pub format: String,
    pub issuer: Option<String>,
    pub masked_name: Option<String>,
    pub id_tail: Option<String>,
    pub document: Option<String>,
    pub verdict: Colour,
    pub reasons: Vec<String>,
    pub bundle_version: Option<u64>,
    /// Keyed hash of the credential id (hex), when the code was verified.
    pub holder: Option<String>,
}

/// The kiosk's secret for hashing credential ids.
#[derive(Clone)]
pub struct HolderKey([u8; 32]);

impl std::fmt::Debug for HolderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HolderKey(..)")
    }
}

impl HolderKey {
    /// Reads the key file, or makes one (owner-only) if there is none.
    pub fn load_or_create(path: &Path) -> Result<Self, String> {
        if let Ok(text) = std::fs::read_to_string(path) {
            let mut key = [0u8; 32];
            if base16ct::mixed::decode(text.trim(), &mut key).map(<[u8]>::len) == Ok(32) {
                return Ok(Self(key));
            }
            tracing::warn!(
                "records: the key file {} is damaged; making a new one",
                path.display()
            );
        }
        let key = <[u8; 32]>::try_generate()
            .map_err(|e| format!("the system random source failed: {e}"))?;
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        crate::authority::write_private(path, &base16ct::lower::encode_string(&key), true)?;
        Ok(Self(key))
    }

    /// The key kept beside a records database (`records.key`), made on first
    /// use; a random one for this run when it cannot be read or written.
    pub fn beside(records_path: &Path) -> Self {
        let Some(dir) = records_path.parent() else {
            return Self::random();
        };
        Self::load_or_create(&dir.join("records.key")).unwrap_or_else(|e| {
            tracing::warn!("records: {e}; repeated scans will not be linked after a restart");
            Self::random()
        })
    }

    /// A key for tests and one-off runs.
    pub fn random() -> Self {
        Self(<[u8; 32]>::try_generate().unwrap_or([7; 32]))
    }

    /// HMAC-SM3 of a credential id, first 16 bytes, hex.
    pub fn hash(&self, credential_id: &[u8; 16]) -> String {
        let mut mac =
            <hmac::Hmac<sm3::Sm3> as KeyInit>::new_from_slice(&self.0).unwrap_or_else(|_| {
                <hmac::Hmac<sm3::Sm3> as KeyInit>::new(&hmac::digest::array::Array::default())
            });
        mac.update(credential_id);
        let out = mac.finalize().into_bytes();
        base16ct::lower::encode_string(out.get(..16).unwrap_or_default())
    }
}

impl Record {
    /// The record of one verification. Takes only what a record may hold.
    pub fn of(
        outcome: &Outcome,
        at: UnixTime,
        kiosk: &str,
        venue: &str,
        bundle_version: Option<u64>,
        key: &HolderKey,
    ) -> Self {
        let c = outcome.credential.as_ref();
        Self {
            id: 0,
            at,
            kiosk: kiosk.to_string(),
            venue: venue.to_string(),
            format: outcome.format.as_str().to_string(),
            issuer: outcome.issuer.clone(),
            masked_name: c.map(|c| c.masked_name.clone()),
            id_tail: c.map(|c| c.id_tail.clone()),
            document: c.map(|c| crate::cmd::verify::document_name(c.document).to_string()),
            verdict: outcome.verdict.colour,
            reasons: outcome
                .verdict
                .reasons
                .iter()
                .map(|r| r.key().to_string())
                .collect(),
            bundle_version,
            holder: c.map(|c| key.hash(&c.id)),
        }
    }
}

/// Which records to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    pub since: Option<UnixTime>,
    pub until: Option<UnixTime>,
    pub verdict: Option<Colour>,
    /// At most this many, newest first; `None`: all, oldest first.
    pub limit: Option<usize>,
}

/// Verifications in one hour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HourCount {
    /// Start of the hour.
    pub hour: UnixTime,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub grey: u64,
    /// Different credentials seen (from the records; 0 in count-only mode).
    pub people: u64,
}

fn colour_of(text: &str) -> Colour {
    match text {
        "green" => Colour::Green,
        "yellow" => Colour::Yellow,
        "red" => Colour::Red,
        _ => Colour::Grey,
    }
}

/// The record store.
#[derive(Debug)]
pub struct Records {
    conn: Option<Connection>,
    path: Option<PathBuf>,
    retention_days: u32,
    /// What staff should know (file moved aside, writes failing ...).
    pub warnings: Vec<String>,
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

fn migrate(conn: &mut Connection) -> Result<(), String> {
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| e.to_string())?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| e.to_string())?;
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    if found > known {
        return Err(format!(
            "the records database has schema version {found}, newer than this HealthGate knows ({known}); not touching it"
        ));
    }
    for (n, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        tx.execute_batch(sql).map_err(|e| e.to_string())?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(n + 1).unwrap_or(i64::MAX),
        )
        .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn open_checked(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(check),
        ));
    }
    Ok(conn)
}

impl Records {
    /// Opens the records at `path`. A corrupt file is moved aside (with the
    /// time in its name) and a new one made; any other trouble leaves the
    /// store unavailable with a warning. Never fails.
    pub fn open(path: &Path, retention_days: u32, now: UnixTime) -> Self {
        let mut warnings = Vec::new();
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
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
                warnings.push(e);
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

    fn conn(&self) -> Result<&Connection, String> {
        self.conn
            .as_ref()
            .ok_or_else(|| "the records database is not available".to_string())
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
    pub fn write(&mut self, record: &Record) -> Result<(), String> {
        let result = self.write_inner(record);
        if let Err(e) = &result {
            self.warn(format!("cannot write verification records: {e}"));
        }
        result
    }

    fn write_inner(&mut self, r: &Record) -> Result<(), String> {
        let keep = self.retention_days > 0;
        let conn = self
            .conn
            .as_mut()
            .ok_or("the records database is not available")?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
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
            .map_err(|e| e.to_string())?;
        }
        tx.execute(
            "INSERT INTO hourly (hour, verdict, count) VALUES (?1, ?2, 1)
             ON CONFLICT (hour, verdict) DO UPDATE SET count = count + 1",
            params![r.at.0 - r.at.0.rem_euclid(3600), r.verdict.as_str()],
        )
        .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())
    }

    /// Deletes records older than the retention, and counts older than a
    /// year. Returns how many records went.
    pub fn purge(&mut self, now: UnixTime) -> Result<usize, String> {
        let Some(conn) = self.conn.as_ref() else {
            return Ok(0);
        };
        let cutoff = now.0 - i64::from(self.retention_days) * 86_400;
        let n = conn
            .execute("DELETE FROM records WHERE at < ?1", [cutoff])
            .map_err(|e| e.to_string())?;
        conn.execute(
            "DELETE FROM hourly WHERE hour < ?1",
            [now.0 - COUNT_DAYS * 86_400],
        )
        .map_err(|e| e.to_string())?;
        Ok(n)
    }

    /// Records matching `filter`.
    pub fn query(&self, filter: &Filter) -> Result<Vec<Record>, String> {
        let conn = self.conn()?;
        let order = if filter.limit.is_some() {
            "DESC"
        } else {
            "ASC"
        };
        let sql = format!(
            "SELECT id, at, kiosk, venue, format, issuer, masked_name, id_tail, document, verdict, reasons, bundle_version, holder
             FROM records WHERE at >= ?1 AND at < ?2 AND (?3 IS NULL OR verdict = ?3)
             ORDER BY at {order}, id {order} LIMIT ?4"
        );
        let mut stmt = conn.prepare(&sql).map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map(
                params![
                    filter.since.map_or(i64::MIN, |t| t.0),
                    filter.until.map_or(i64::MAX, |t| t.0),
                    filter.verdict.map(Colour::as_str),
                    filter.limit.map_or(-1, |n| i64::try_from(n).unwrap_or(-1)),
                ],
                |r| {
                    let reasons: String = r.get(10)?;
                    Ok(Record {
                        id: r.get(0)?,
                        at: UnixTime(r.get(1)?),
                        kiosk: r.get(2)?,
                        venue: r.get(3)?,
                        format: r.get(4)?,
                        issuer: r.get(5)?,
                        masked_name: r.get(6)?,
                        id_tail: r.get(7)?,
                        document: r.get(8)?,
                        verdict: colour_of(&r.get::<_, String>(9)?),
                        reasons: reasons.split_whitespace().map(str::to_string).collect(),
                        bundle_version: r
                            .get::<_, Option<i64>>(11)?
                            .map(|v| u64::try_from(v).unwrap_or(0)),
                        holder: r.get(12)?,
                    })
                },
            )
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
    }

    /// Verdicts per hour in `[since, until)`, oldest first, with the number
    /// of different credentials where records are kept.
    pub fn hourly(&self, since: UnixTime, until: UnixTime) -> Result<Vec<HourCount>, String> {
        let conn = self.conn()?;
        let mut out: Vec<HourCount> = Vec::new();
        let mut stmt = conn
            .prepare_cached("SELECT hour, verdict, count FROM hourly WHERE hour >= ?1 AND hour < ?2 ORDER BY hour")
            .map_err(|e| e.to_string())?;
        let start = since.0 - since.0.rem_euclid(3600);
        let rows = stmt
            .query_map(params![start, until.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        for row in rows {
            let (hour, verdict, count) = row.map_err(|e| e.to_string())?;
            if out.last().is_none_or(|h| h.hour.0 != hour) {
                out.push(HourCount {
                    hour: UnixTime(hour),
                    ..HourCount::default()
                });
            }
            if let Some(h) = out.last_mut() {
                let n = u64::try_from(count).unwrap_or(0);
                match colour_of(&verdict) {
                    Colour::Green => h.green += n,
                    Colour::Yellow => h.yellow += n,
                    Colour::Red => h.red += n,
                    Colour::Grey => h.grey += n,
                }
            }
        }
        let mut people = conn
            .prepare_cached("SELECT count(DISTINCT holder) FROM records WHERE at >= ?1 AND at < ?2")
            .map_err(|e| e.to_string())?;
        for h in &mut out {
            let n: i64 = people
                .query_row(params![h.hour.0, h.hour.0 + 3600], |r| r.get(0))
                .map_err(|e| e.to_string())?;
            h.people = u64::try_from(n).unwrap_or(0);
        }
        Ok(out)
    }

    /// The number of records stored.
    pub fn count(&self) -> Result<u64, String> {
        let n: i64 = self
            .conn()?
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Whether a record with this id exists.
    pub fn exists(&self, id: i64) -> Result<bool, String> {
        Ok(self
            .conn()?
            .query_row("SELECT 1 FROM records WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map_err(|e| e.to_string())?
            .is_some())
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
