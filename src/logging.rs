//! Logs through `tracing`: to stderr, and for the kiosk also to daily files
//! that rotate. Nothing a person could be identified by is ever logged:
//! verdicts are logged by colour, reasons and issuer only.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Keeps the file writer alive; drop it last.
#[derive(Debug)]
pub struct LogGuard {
    _file: Option<WorkerGuard>,
    /// Where the log files go, when file logging is on.
    pub dir: Option<PathBuf>,
}

/// Starts logging at `level` (overridden by `RUST_LOG`). With `file_dir`,
/// to `healthgate.log.YYYY-MM-DD` files there, keeping `keep` of them,
/// and only warnings and errors to stderr. A folder that cannot be written
/// is reported and skipped, and stderr then has everything.
pub fn init(level: &str, file_dir: Option<&Path>, keep: usize) -> LogGuard {
    // The kiosk's own lines at `level`; the libraries' (window system,
    // graphics, audio) only when they warn, unless RUST_LOG asks for more.
    let libraries = if level == "error" { "error" } else { "warn" };
    let directives = format!("{libraries},healthgate={level}");
    let filter =
        || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&directives));
    let mut problem = None;
    let file = file_dir.and_then(|dir| {
        let appender = crate::files::private_dir(dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                tracing_appender::rolling::Builder::new()
                    .rotation(tracing_appender::rolling::Rotation::DAILY)
                    .filename_prefix("healthgate.log")
                    .max_log_files(keep.max(1))
                    .build(dir)
                    .map_err(|e| e.to_string())
            })
            // Log files are their owner's only. The appender makes a new
            // one each day with the process's default mode; the folder
            // (0700 when made here) keeps those private, and every start
            // tightens the files there, today's among them.
            .inspect(|_| private_logs(dir));
        match appender {
            Ok(a) => Some((tracing_appender::non_blocking(a), dir.to_path_buf())),
            Err(e) => {
                problem = Some(format!("cannot write log files in {}: {e}", dir.display()));
                None
            }
        }
    });
    // With a log file, the terminal (a terminal kiosk's screen, between
    // its verdicts) shows warnings and errors only; the file has the rest.
    // Without one, or when RUST_LOG asks, stderr has everything.
    let quiet = file.is_some() && std::env::var_os("RUST_LOG").is_none();
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_filter(if quiet {
            EnvFilter::new(libraries)
        } else {
            filter()
        });
    let (file_layer, guard, dir) = match file {
        Some(((writer, guard), dir)) => (
            Some(
                tracing_subscriber::fmt::layer()
                    .with_writer(writer)
                    .with_ansi(false)
                    .with_filter(filter()),
            ),
            Some(guard),
            Some(dir),
        ),
        None => (None, None, None),
    };
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file_layer)
        .try_init();
    if let Some(p) = problem {
        tracing::warn!("{p}; logging to stderr only");
    }
    log_panics();
    LogGuard { _file: guard, dir }
}

/// Sends panics to the log (and so to the log file) as one line with the
/// thread and the place, instead of a backtrace on a terminal nobody
/// watches. Panics that are caught (a decoder, the sound output) are
/// logged too; the program goes on as before.
fn log_panics() {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    // The same place panicking again (a decoder on every frame) is logged
    // once a minute, not at the frame rate.
    static LAST: Mutex<Option<HashMap<String, Instant>>> = Mutex::new(None);
    let default = std::panic::take_hook();
    let backtrace = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        if backtrace {
            default(info);
        }
        let key = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST.lock() {
            let seen = last.get_or_insert_with(HashMap::new);
            let now = Instant::now();
            if seen
                .get(&key)
                .is_some_and(|t| now.duration_since(*t) < Duration::from_secs(60))
            {
                return;
            }
            if seen.len() > 1000 {
                seen.clear();
            }
            seen.insert(key, now);
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(
            thread = thread.name().unwrap_or("unnamed"),
            at = %place,
            "panic: {what}"
        );
    }));
}

/// Makes the log files already in `dir` their owner's only.
fn private_logs(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("healthgate.log"))
            && p.is_file()
        {
            let _ = crate::files::private_file(&p);
        }
    }
}
