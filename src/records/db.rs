//! The records' database: its schema and migrations, and opening a file
//! with a check that it is sound.

use std::path::Path;

use rusqlite::{Connection, ErrorCode};

use super::RecordsError;

pub(super) const MIGRATIONS: &[&str] = &[
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

pub(super) fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

pub(super) fn migrate(conn: &mut Connection) -> Result<(), RecordsError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    if found > known {
        return Err(RecordsError::NewerSchema { found, known });
    }
    for (n, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(n + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
    Ok(())
}

pub(super) fn open_checked(path: &Path) -> Result<Connection, rusqlite::Error> {
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
