//! The read side of the records: records by filter, counts per hour, and
//! totals, for the staff screen, export and statistics.

use rusqlite::{OptionalExtension, params};

use super::{Filter, HourCount, Record, Records, RecordsError};
use crate::code::Format;
use crate::time::UnixTime;
use crate::verdict::Colour;

impl Records {
    /// Records matching `filter`.
    pub fn query(&self, filter: &Filter) -> Result<Vec<Record>, RecordsError> {
        let conn = self.conn()?;
        let order = if filter.limit.is_some() {
            "DESC"
        } else {
            "ASC"
        };
        let sql = format!(
            "SELECT id, at, kiosk, venue, format, issuer, masked_name, id_tail, document, verdict, reasons, bundle_version, holder
             FROM records WHERE at >= ?1 AND at < ?2 AND (?3 IS NULL OR verdict = ?3)
             AND (?5 IS NULL OR format = ?5)
             ORDER BY at {order}, id {order} LIMIT ?4"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.since.map_or(i64::MIN, |t| t.0),
                filter.until.map_or(i64::MAX, |t| t.0),
                filter.verdict.map(Colour::as_str),
                filter.limit.map_or(-1, |n| i64::try_from(n).unwrap_or(-1)),
                filter.format.map(Format::as_str),
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
                    verdict: Colour::from_name(&r.get::<_, String>(9)?).unwrap_or(Colour::Grey),
                    reasons: reasons.split_whitespace().map(str::to_string).collect(),
                    bundle_version: r
                        .get::<_, Option<i64>>(11)?
                        .map(|v| u64::try_from(v).unwrap_or(0)),
                    holder: r.get(12)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Verdicts per hour in `[since, until)`, oldest first, with the number
    /// of different credentials where records are kept.
    pub fn hourly(&self, since: UnixTime, until: UnixTime) -> Result<Vec<HourCount>, RecordsError> {
        let conn = self.conn()?;
        let mut out: Vec<HourCount> = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT hour, verdict, count FROM hourly WHERE hour >= ?1 AND hour < ?2 ORDER BY hour",
        )?;
        let start = since.0 - since.0.rem_euclid(3600);
        let rows = stmt.query_map(params![start, until.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (hour, verdict, count) = row?;
            if out.last().is_none_or(|h| h.hour.0 != hour) {
                out.push(HourCount {
                    hour: UnixTime(hour),
                    ..HourCount::default()
                });
            }
            if let Some(h) = out.last_mut() {
                let n = u64::try_from(count).unwrap_or(0);
                match Colour::from_name(&verdict).unwrap_or(Colour::Grey) {
                    Colour::Green => h.green += n,
                    Colour::Yellow => h.yellow += n,
                    Colour::Red => h.red += n,
                    Colour::Grey => h.grey += n,
                }
            }
        }
        let mut people = conn.prepare_cached(
            "SELECT count(DISTINCT holder) FROM records WHERE at >= ?1 AND at < ?2",
        )?;
        for h in &mut out {
            let n: i64 = people.query_row(params![h.hour.0, h.hour.0 + 3600], |r| r.get(0))?;
            h.people = u64::try_from(n).unwrap_or(0);
        }
        Ok(out)
    }

    /// The number of records stored.
    pub fn count(&self) -> Result<u64, RecordsError> {
        let n: i64 = self
            .conn()?
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Whether a record with this id exists.
    pub fn exists(&self, id: i64) -> Result<bool, RecordsError> {
        Ok(self
            .conn()?
            .query_row("SELECT 1 FROM records WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}
