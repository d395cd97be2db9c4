//! The rule store: installed bundles in SQLite (WAL), with migrations.
//!
//! The current bundle and the one before it are kept. Installing is one
//! transaction: a power cut mid-install leaves the old bundle whole. Overrides
//! and revocations are rows keyed by credential id, so a lookup stays a
//! B-tree search with a million of them.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::crypto::{self, PublicKeyRef};
use crate::rules::Override;
use crate::time::UnixTime;
use crate::verdict::CodeColour;

use super::format::{Bundle, BundleError};

/// Schema migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    // 1: bundles, their overrides and revocations, and the sync status.
    "CREATE TABLE bundles (
        id INTEGER PRIMARY KEY,
        slot TEXT NOT NULL UNIQUE CHECK (slot IN ('current', 'previous')),
        version INTEGER NOT NULL,
        authority TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        installed_at INTEGER NOT NULL,
        overrides INTEGER NOT NULL,
        revoked INTEGER NOT NULL,
        file BLOB NOT NULL,
        sm3 BLOB NOT NULL
    );
    CREATE TABLE overrides (
        bundle_id INTEGER NOT NULL,
        credential_id BLOB NOT NULL,
        colour INTEGER NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (bundle_id, credential_id)
    ) WITHOUT ROWID;
    CREATE TABLE revoked (
        bundle_id INTEGER NOT NULL,
        credential_id BLOB NOT NULL,
        PRIMARY KEY (bundle_id, credential_id)
    ) WITHOUT ROWID;
    CREATE TABLE sync_status (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        attempted_at INTEGER,
        succeeded_at INTEGER,
        outcome TEXT,
        detail TEXT,
        etag TEXT,
        last_modified TEXT
    );",
];

/// The two places a bundle can be installed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The bundle in force.
    Current,
    /// The one before it, kept for a rollback.
    Previous,
}

impl Slot {
    /// Both slots, the one in force first.
    pub const ALL: [Self; 2] = [Self::Current, Self::Previous];

    /// The slot's name in the database and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Previous => "previous",
        }
    }
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors of the store, each with a message for staff.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer HealthGate.
    #[error(
        "the rule database has schema version {found}, newer than this HealthGate knows ({known}); refusing to guess: update HealthGate or move the database aside"
    )]
    NewerSchema { found: i64, known: i64 },
    /// The bundle is not newer than the installed one.
    #[error("bundle version {offered} is not newer than the installed version {installed}")]
    NotNewer { offered: u64, installed: u64 },
    /// The stored file no longer matches the hash stored beside it.
    #[error("the stored {0} bundle was changed on disk")]
    Changed(Slot),
    /// The stored file no longer opens with the pinned root key.
    #[error("the stored {slot} bundle: {source}")]
    Stored { slot: Slot, source: BundleError },
    /// SQLite failed (disk full, read-only, corrupt ...).
    #[error("rule database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// How the last sync ended, as the store keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncResult {
    /// A newer bundle was installed.
    Installed,
    /// Nothing newer on the server.
    Unchanged,
    /// A bundle came but was refused.
    Refused,
    /// No bundle came.
    Failed,
}

impl SyncResult {
    /// Every result, in the order counters and listings use.
    pub const ALL: [Self; 4] = [
        Self::Installed,
        Self::Unchanged,
        Self::Refused,
        Self::Failed,
    ];

    /// The stable name, as stored: `installed`, `unchanged`, `refused`, `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Installed => "installed",
            Self::Unchanged => "unchanged",
            Self::Refused => "refused",
            Self::Failed => "failed",
        }
    }

    /// The result with this stable name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Whether the server was reached and answered with something usable.
    pub fn succeeded(self) -> bool {
        matches!(self, Self::Installed | Self::Unchanged)
    }
}

/// A bundle as installed: its verified content and when it came.
#[derive(Debug, Clone)]
pub struct Installed {
    pub id: i64,
    pub bundle: Bundle,
    pub installed_at: UnixTime,
}

/// Summary of an installed bundle, without loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub version: u64,
    pub authority: String,
    pub issued_at: UnixTime,
    pub installed_at: UnixTime,
    pub overrides: u64,
    pub revoked: u64,
}

/// What the last sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    pub attempted_at: Option<UnixTime>,
    pub succeeded_at: Option<UnixTime>,
    pub outcome: Option<SyncResult>,
    pub detail: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The rule store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl StoreError {
    /// Whether the database file is damaged (not a database, or corrupt):
    /// it can only be moved aside.
    pub fn is_corrupt(&self) -> bool {
        matches!(self, Self::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
        ))
    }
}

/// Moves a damaged database at `path` aside, as `NAME.corrupt-TIME`, with
/// its WAL and shared-memory files; returns where it went.
pub fn move_aside(path: &Path, now: crate::time::UnixTime) -> std::io::Result<std::path::PathBuf> {
    let stamp = now.to_string().replace(':', "");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{stamp}"));
    let aside = path.with_file_name(name);
    std::fs::rename(path, &aside)?;
    for ext in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_os_string();
        side.push(ext);
        let _ = std::fs::remove_file(side);
    }
    Ok(aside)
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        crate::files::private_database(path);
        Self::setup(Connection::open(path)?)
    }

    /// A store in memory, for tests and one-off checks.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
        if found > known {
            return Err(StoreError::NewerSchema { found, known });
        }
        let mut store = Self { conn };
        for (n, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(found).unwrap_or(0))
        {
            let tx = store
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(n + 1).unwrap_or(i64::MAX),
            )?;
            tx.commit()?;
        }
        Ok(store)
    }

    /// Installs a verified bundle (its signed `file` and parsed content) as
    /// the current one, keeping the current as the previous. One transaction.
    pub fn install(
        &mut self,
        file: &[u8],
        bundle: &Bundle,
        now: UnixTime,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let installed: Option<i64> = tx
            .query_row(
                "SELECT version FROM bundles WHERE slot = 'current'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(v) = installed
            && to_u64(v) >= bundle.version
        {
            return Err(StoreError::NotNewer {
                offered: bundle.version,
                installed: to_u64(v),
            });
        }
        let previous: Option<i64> = tx
            .query_row("SELECT id FROM bundles WHERE slot = 'previous'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = previous {
            tx.execute("DELETE FROM overrides WHERE bundle_id = ?1", [id])?;
            tx.execute("DELETE FROM revoked WHERE bundle_id = ?1", [id])?;
            tx.execute("DELETE FROM bundles WHERE id = ?1", [id])?;
        }
        tx.execute(
            "UPDATE bundles SET slot = 'previous' WHERE slot = 'current'",
            [],
        )?;
        tx.execute(
            "INSERT INTO bundles (slot, version, authority, issued_at, installed_at, overrides, revoked, file, sm3)
             VALUES ('current', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                to_i64(bundle.version),
                bundle.authority,
                bundle.issued_at.0,
                now.0,
                i64::try_from(bundle.overrides.len()).unwrap_or(i64::MAX),
                i64::try_from(bundle.revoked.len()).unwrap_or(i64::MAX),
                file,
                crypto::sm3(&[file]).to_vec(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        Self::insert_rows(&tx, id, bundle)?;
        tx.commit()?;
        Ok(())
    }

    fn insert_rows(
        tx: &rusqlite::Transaction<'_>,
        id: i64,
        bundle: &Bundle,
    ) -> Result<(), StoreError> {
        let mut ins = tx.prepare("INSERT INTO overrides (bundle_id, credential_id, colour, since) VALUES (?1, ?2, ?3, ?4)")?;
        for o in &bundle.overrides {
            ins.execute(params![
                id,
                &o.credential_id[..],
                o.colour.wire(),
                o.since.0
            ])?;
        }
        let mut ins =
            tx.prepare("INSERT INTO revoked (bundle_id, credential_id) VALUES (?1, ?2)")?;
        for r in &bundle.revoked {
            ins.execute(params![id, &r[..]])?;
        }
        Ok(())
    }

    /// The summary of the bundle in `slot`.
    pub fn summary(&self, slot: Slot) -> Result<Option<Summary>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, authority, issued_at, installed_at, overrides, revoked FROM bundles WHERE slot = ?1",
                [slot.as_str()],
                |r| {
                    Ok(Summary {
                        version: to_u64(r.get(0)?),
                        authority: r.get(1)?,
                        issued_at: UnixTime(r.get(2)?),
                        installed_at: UnixTime(r.get(3)?),
                        overrides: to_u64(r.get(4)?),
                        revoked: to_u64(r.get(5)?),
                    })
                },
            )
            .optional()?)
    }

    /// Loads the bundle in `slot`, checking its signature again with the
    /// pinned root key and its rows against the bundle. Rows that do not
    /// match (edited by hand) are rebuilt from the verified file.
    pub fn load(
        &mut self,
        slot: Slot,
        root: &PublicKeyRef,
    ) -> Result<Option<Installed>, StoreError> {
        type Row = (i64, Vec<u8>, Vec<u8>, i64, i64, i64);
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT id, file, sm3, installed_at, overrides, revoked FROM bundles WHERE slot = ?1",
                [slot.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let Some((id, file, sm3, installed_at, n_over, n_rev)) = row else {
            return Ok(None);
        };
        if crypto::sm3(&[&file]).as_slice() != sm3.as_slice() {
            return Err(StoreError::Changed(slot));
        }
        let bundle =
            Bundle::open(&file, root).map_err(|source| StoreError::Stored { slot, source })?;
        let count = |table: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE bundle_id = ?1"),
                [id],
                |r| r.get(0),
            )?)
        };
        let expected_over = i64::try_from(bundle.overrides.len()).unwrap_or(-1);
        let expected_rev = i64::try_from(bundle.revoked.len()).unwrap_or(-1);
        if count("overrides")? != expected_over
            || count("revoked")? != expected_rev
            || n_over != expected_over
            || n_rev != expected_rev
        {
            tracing::warn!("the {slot} bundle's rows do not match it; rebuilding them");
            self.rebuild_rows(id, &bundle)?;
        }
        Ok(Some(Installed {
            id,
            bundle,
            installed_at: UnixTime(installed_at),
        }))
    }

    fn rebuild_rows(&mut self, id: i64, bundle: &Bundle) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM overrides WHERE bundle_id = ?1", [id])?;
        tx.execute("DELETE FROM revoked WHERE bundle_id = ?1", [id])?;
        Self::insert_rows(&tx, id, bundle)?;
        tx.execute(
            "UPDATE bundles SET overrides = ?2, revoked = ?3 WHERE id = ?1",
            params![
                id,
                i64::try_from(bundle.overrides.len()).unwrap_or(0),
                i64::try_from(bundle.revoked.len()).unwrap_or(0)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Makes the previous bundle current again (the current one is dropped).
    pub fn roll_back(&mut self) -> Result<bool, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let previous: Option<i64> = tx
            .query_row("SELECT id FROM bundles WHERE slot = 'previous'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(prev) = previous else {
            return Ok(false);
        };
        let current: Option<i64> = tx
            .query_row("SELECT id FROM bundles WHERE slot = 'current'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(cur) = current {
            tx.execute("DELETE FROM overrides WHERE bundle_id = ?1", [cur])?;
            tx.execute("DELETE FROM revoked WHERE bundle_id = ?1", [cur])?;
            tx.execute("DELETE FROM bundles WHERE id = ?1", [cur])?;
        }
        tx.execute("UPDATE bundles SET slot = 'current' WHERE id = ?1", [prev])?;
        tx.commit()?;
        Ok(true)
    }

    /// The override of a credential in bundle `bundle_id`.
    pub fn override_for(
        &self,
        bundle_id: i64,
        credential_id: &[u8; 16],
    ) -> Result<Option<Override>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT colour, since FROM overrides WHERE bundle_id = ?1 AND credential_id = ?2",
        )?;
        Ok(stmt
            .query_row(params![bundle_id, &credential_id[..]], |r| {
                let colour = u64::try_from(r.get::<_, i64>(0)?)
                    .ok()
                    .and_then(CodeColour::from_wire)
                    .unwrap_or(CodeColour::Red);
                Ok(Override {
                    credential_id: *credential_id,
                    colour,
                    since: UnixTime(r.get(1)?),
                })
            })
            .optional()?)
    }

    /// Whether a credential is revoked in bundle `bundle_id`.
    pub fn is_revoked(&self, bundle_id: i64, credential_id: &[u8; 16]) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM revoked WHERE bundle_id = ?1 AND credential_id = ?2")?;
        Ok(stmt.exists(params![bundle_id, &credential_id[..]])?)
    }

    /// The last sync's status.
    pub fn sync_status(&self) -> Result<SyncStatus, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT attempted_at, succeeded_at, outcome, detail, etag, last_modified FROM sync_status WHERE id = 1",
                [],
                |r| {
                    Ok(SyncStatus {
                        attempted_at: r.get::<_, Option<i64>>(0)?.map(UnixTime),
                        succeeded_at: r.get::<_, Option<i64>>(1)?.map(UnixTime),
                        outcome: r
                            .get::<_, Option<String>>(2)?
                            .as_deref()
                            .and_then(SyncResult::from_name),
                        detail: r.get(3)?,
                        etag: r.get(4)?,
                        last_modified: r.get(5)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Records a sync's status.
    pub fn set_sync_status(&self, s: &SyncStatus) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sync_status (id, attempted_at, succeeded_at, outcome, detail, etag, last_modified)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET attempted_at = ?1, succeeded_at = ?2, outcome = ?3,
                 detail = ?4, etag = ?5, last_modified = ?6",
            params![
                s.attempted_at.map(|t| t.0),
                s.succeeded_at.map(|t| t.0),
                s.outcome.map(SyncResult::as_str),
                s.detail,
                s.etag,
                s.last_modified
            ],
        )?;
        Ok(())
    }

    /// The raw connection, for tests that tamper with the database.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
