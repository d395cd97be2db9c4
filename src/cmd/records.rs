//! `healthgate records export|stats`.

use std::io::Write;
use std::path::Path;

use crate::code::Format;
use crate::config::Config;
use crate::records::{ExportFormat, Filter, Records, export};
use crate::time::UnixTime;
use crate::verdict::Colour;

fn open(config: &Config) -> Result<Records, String> {
    let records = Records::open(
        &config.records_path(),
        config.retention_days,
        UnixTime::now(),
    );
    for w in &records.warnings {
        eprintln!("healthgate records: {w}");
    }
    if records.is_available() {
        Ok(records)
    } else {
        Err(format!(
            "no records database at {}",
            config.records_path().display()
        ))
    }
}

/// `records export`: the records in `[since, until)`, optionally of one
/// code format and one verdict.
pub fn export_cmd(
    config: &Config,
    since: Option<UnixTime>,
    until: Option<UnixTime>,
    code: Option<Format>,
    verdict: Option<Colour>,
    format: ExportFormat,
    out: Option<&Path>,
) -> i32 {
    let records = match open(config).and_then(|r| {
        r.query(&Filter {
            since,
            until,
            verdict,
            format: code,
            limit: None,
        })
        .map_err(|e| e.to_string())
    }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("healthgate records export: {e}");
            return 2;
        }
    };
    let result = match out {
        Some(path) => std::fs::File::create(path)
            .and_then(|mut f| export(&records, format, &mut f).and_then(|()| f.sync_all())),
        None => export(&records, format, &mut std::io::stdout().lock()),
    };
    match result {
        Ok(()) => {
            if let Some(path) = out {
                eprintln!("exported {} records to {}", records.len(), path.display());
            }
            0
        }
        Err(e) => {
            eprintln!("healthgate records export: {e}");
            2
        }
    }
}

/// `records stats`: verdicts per hour.
pub fn stats(config: &Config, since: Option<UnixTime>, until: Option<UnixTime>) -> i32 {
    let now = UnixTime::now();
    let since = since.unwrap_or(now.plus(-86_400));
    let until = until.unwrap_or(now.plus(1));
    let records = match open(config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("healthgate records stats: {e}");
            return 2;
        }
    };
    match records.hourly(since, until) {
        Ok(hours) => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "hour (UTC)            green  yellow     red    grey  people"
            );
            let mut total = [0u64; 4];
            for h in &hours {
                let _ = writeln!(
                    out,
                    "{}  {:>6}  {:>6}  {:>6}  {:>6}  {:>6}",
                    h.hour, h.green, h.yellow, h.red, h.grey, h.people
                );
                for (t, n) in total.iter_mut().zip([h.green, h.yellow, h.red, h.grey]) {
                    *t += n;
                }
            }
            let _ = writeln!(
                out,
                "total                 {:>6}  {:>6}  {:>6}  {:>6}   (records kept {} days; {} stored)",
                total[0],
                total[1],
                total[2],
                total[3],
                records.retention_days(),
                records.count().unwrap_or(0)
            );
            0
        }
        Err(e) => {
            eprintln!("healthgate records stats: {e}");
            2
        }
    }
}
