//! Export of records as CSV or JSON: exactly what a record holds.

use std::io::Write;
use std::path::Path;

use super::{Filter, Record, Records, RecordsError};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Records(#[from] RecordsError),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A header line, then one line a record; reasons separated by spaces.
    Csv,
    /// A JSON array of record objects.
    Json,
}

/// The CSV columns, in order.
pub const CSV_HEADER: &str = "id,at,kiosk,venue,format,issuer,masked_name,id_tail,document,verdict,reasons,bundle_version,holder";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with([' ', '=', '+', '-', '@']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(r: &Record) -> String {
    let opt = |o: &Option<String>| o.as_deref().map(csv_field).unwrap_or_default();
    [
        r.id.to_string(),
        r.at.to_string(),
        csv_field(&r.kiosk),
        csv_field(&r.venue),
        csv_field(&r.format),
        opt(&r.issuer),
        opt(&r.masked_name),
        opt(&r.id_tail),
        opt(&r.document),
        r.verdict.as_str().to_string(),
        csv_field(&r.reasons.join(" ")),
        r.bundle_version.map(|v| v.to_string()).unwrap_or_default(),
        opt(&r.holder),
    ]
    .join(",")
}

/// Writes `records` to `out`.
pub fn export(
    records: &[Record],
    format: ExportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ExportFormat::Csv => {
            writeln!(out, "{CSV_HEADER}")?;
            for r in records {
                writeln!(out, "{}", csv_line(r))?;
            }
        }
        ExportFormat::Json => {
            writeln!(out, "[")?;
            for (i, r) in records.iter().enumerate() {
                let sep = if i + 1 < records.len() { "," } else { "" };
                writeln!(
                    out,
                    "{}{sep}",
                    serde_json::to_string(r).map_err(std::io::Error::other)?
                )?;
            }
            writeln!(out, "]")?;
        }
    }
    Ok(())
}

/// Writes every record of the database at `db` to the file `out` (its
/// folder made if needed), through a read-only connection of its own, so
/// it can run beside a kiosk that goes on recording. Returns how many
/// records went out.
pub fn export_file(db: &Path, out: &Path, format: ExportFormat) -> Result<usize, ExportError> {
    let records = Records::open_reader(db)?.query(&Filter::default())?;
    let fail = |source| ExportError::Write {
        path: out.to_path_buf(),
        source,
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut file = std::fs::File::create(out).map_err(fail)?;
    export(&records, format, &mut file)
        .and_then(|()| file.sync_all())
        .map_err(fail)?;
    Ok(records.len())
}
