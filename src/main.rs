//! `healthgate`: the kiosk and its command-line tools. Arguments and
//! start-up only; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use healthgate::{cmd, config, gate, logging, time::UnixTime};

/// `HealthGate` checks health codes at a door, offline.
///
/// With no command it starts the kiosk. Codes are checked against the issuer
/// keys in the trust list named by the config (or --trust).
#[derive(Parser, Debug)]
#[command(name = "healthgate", version, about, long_about)]
struct Args {
    /// The config file. Default: config.toml in the platform's config folder
    /// (~/.config/healthgate on Linux, %APPDATA%\HealthGate\healthgate\config on Windows),
    /// else the machine's (/etc/healthgate/config.toml, %ProgramData%\HealthGate\config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the kiosk on screen (the default): full screen without window
    /// decorations; staff leave it from the staff screen.
    Gui {
        /// A normal window, for development.
        #[arg(long)]
        windowed: bool,
        /// Run the DEMO: codes of the demo authority, marked DEMO on screen.
        #[arg(long)]
        demo: bool,
    },
    /// Run the kiosk in a terminal (text mode): codes typed by a USB scanner
    /// or pasted on stdin, verdicts printed.
    Kiosk {
        /// Also show codes of the DEMO authority every few seconds, and trust it.
        #[arg(long)]
        demo: bool,
        /// Seconds between demo codes.
        #[arg(long, default_value_t = 4.0, value_name = "SECONDS", value_parser = seconds)]
        demo_interval: f64,
        /// Stop after this many demo codes (default: go on until stopped).
        #[arg(long, value_name = "N")]
        demo_rounds: Option<usize>,
        /// A trust-list file whose keys are trusted too (default: the config's [trust] file).
        #[arg(long, value_name = "FILE")]
        trust: Option<PathBuf>,
    },
    /// Verify code texts and print one JSON line each.
    ///
    /// Codes come as arguments, or one a line on stdin (no arguments, or
    /// `-`). An argument that names an image file (PNG, JPEG) is read with
    /// the kiosk's QR decoder and every code in it is verified. Exit status 0 only when every code was green, 1 when any was
    /// not, 2 when the command could not run.
    Verify {
        /// A trust-list file whose keys are trusted too (default: the config's [trust] file).
        #[arg(long, value_name = "FILE")]
        trust: Option<PathBuf>,
        /// Decide with this signed bundle file instead of the installed one.
        #[arg(long, value_name = "FILE")]
        bundle: Option<PathBuf>,
        /// The venue profile (default: the config's [kiosk] venue).
        #[arg(long)]
        venue: Option<String>,
        /// The venue's country, whose EU DCC Acceptance rules apply (two
        /// letters; default: the config's [kiosk] country).
        #[arg(long, value_name = "CC", value_parser = parse_country)]
        country: Option<String>,
        /// Trust the DEMO authority too.
        #[arg(long)]
        demo: bool,
        /// Check as if it were this time: 2026-11-26T08:30:00Z or @`UNIX_SECONDS`.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        now: Option<UnixTime>,
        /// The codes; `-` or none reads stdin.
        codes: Vec<String>,
    },
    /// Read the QR codes in image files (PNG, JPEG): one JSON line per image
    /// with `file`, `texts`, `error` and `micros`.
    Decode {
        /// The image files.
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Fetch the rule bundle now and install it if it is valid and newer.
    Sync {
        /// The URL (default: the config's [bundle] url).
        #[arg(long)]
        url: Option<String>,
    },
    /// The rule bundle and CertLogic: status, install, rollback, evaluate.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Verification records: export them, or count verdicts per hour.
    Records {
        #[command(subcommand)]
        command: RecordsCommand,
    },
    /// Run the batch checking service: POST /v1/verify, GET /healthz and
    /// GET /metrics over HTTP (docs/serve.md), until SIGTERM or Ctrl-C.
    ///
    /// Every request needs a bearer token whose hash is in [serve] tokens.
    Serve {
        /// The address and port (default: the config's [serve] listen,
        /// 127.0.0.1:8750).
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
        /// A trust-list file whose keys are trusted too (default: the config's [trust] file).
        #[arg(long, value_name = "FILE")]
        trust: Option<PathBuf>,
        /// Trust the DEMO authority too.
        #[arg(long)]
        demo: bool,
    },
    /// Show or check the config.
    Config {
        /// Print the commented default config.
        #[arg(long)]
        print_default: bool,
        /// Read a staff PIN from stdin and print the `pin_hash` line for `[staff]`.
        #[arg(long)]
        hash_pin: bool,
        /// Print the `[serve] tokens` entry for a bearer token. The token
        /// is a long random secret the client sends; only its hash goes in
        /// the config.
        #[arg(long, value_name = "TOKEN")]
        hash_token: Option<String>,
        /// Load the config and report every setting that falls back to its default.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// What bundle is in force, what is installed, how the last sync went.
    Status,
    /// Install a bundle file by hand (e.g. from a USB stick).
    Install {
        /// The signed bundle file.
        file: PathBuf,
    },
    /// Make the previous bundle current again.
    Rollback,
    /// Evaluate a CertLogic expression (or the Logic of an EU-style rule
    /// file) on a JSON document and print the result on one line.
    Eval {
        /// The expression or rule file (JSON).
        #[arg(long, value_name = "FILE")]
        logic: PathBuf,
        /// The data document (JSON).
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum VerdictArg {
    Green,
    Yellow,
    Red,
    Grey,
}

#[derive(Subcommand, Debug)]
enum RecordsCommand {
    /// Write the records of a time range as CSV or JSON: exactly what each
    /// record holds (masked name, ID tail, verdict, reasons ...).
    Export {
        /// From this time (2026-11-26T00:00:00Z or @UNIX_SECONDS); default: the oldest.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        since: Option<UnixTime>,
        /// Up to (not including) this time; default: now.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        until: Option<UnixTime>,
        /// Only this verdict.
        #[arg(long, value_enum)]
        verdict: Option<VerdictArg>,
        /// Only codes of this format: hgc1, dcc, ...
        #[arg(long, value_name = "FORMAT", value_parser = code_format)]
        code: Option<healthgate::code::Format>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Verdicts per hour (default: the last 24 hours).
    Stats {
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        since: Option<UnixTime>,
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        until: Option<UnixTime>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let loaded = config::load(args.config.as_deref());
    let cfg = &loaded.config;
    let command = args.command.unwrap_or(Command::Gui {
        windowed: false,
        demo: false,
    });
    let is_kiosk = matches!(command, Command::Kiosk { .. } | Command::Gui { .. });
    let is_service = matches!(command, Command::Serve { .. });
    let log_dir = if is_kiosk { cfg.log_files() } else { None };
    let level = if is_kiosk || is_service {
        cfg.log_level.as_str()
    } else {
        "warn"
    };
    let _guard = logging::init(level, log_dir.as_deref(), cfg.log_keep_files);
    for w in &loaded.warnings {
        tracing::warn!("config: {w}");
    }
    if !loaded.staff_overrides.is_empty() {
        tracing::info!(
            file = %cfg.staff_path().display(),
            "config: the staff screen's settings override {}",
            loaded.staff_overrides.join(", ")
        );
    }
    let code = match command {
        Command::Config {
            print_default,
            hash_pin,
            hash_token,
            check,
        } => {
            if let Some(token) = hash_token {
                if token.trim().len() < 16 {
                    eprintln!(
                        "healthgate config: a token needs at least 16 characters; make one with `openssl rand -hex 32`"
                    );
                    2
                } else {
                    println!("tokens = [\"{}\"]", config::hash_token(token.trim()));
                    0
                }
            } else if hash_pin {
                let mut pin = String::new();
                let _ = std::io::stdin().read_line(&mut pin);
                match healthgate::pin::hash_pin(pin.trim()) {
                    Ok(h) => {
                        println!("pin_hash = \"{h}\"");
                        0
                    }
                    Err(e) => {
                        eprintln!("healthgate config: {e}");
                        2
                    }
                }
            } else if print_default || !check {
                print!("{}", config::DEFAULT_CONFIG);
                0
            } else {
                match &loaded.path {
                    Some(p) => println!("{}: {} warnings", p.display(), loaded.warnings.len()),
                    None => println!("no config file read; every setting is at its default"),
                }
                for d in &loaded.drop_ins {
                    println!("  and the drop-in {}", d.display());
                }
                for w in &loaded.warnings {
                    println!("  {w}");
                }
                if !loaded.sources.is_empty() {
                    println!("where each setting that is set comes from (the rest: defaults):");
                    for (setting, file) in &loaded.sources {
                        println!("  {setting:<32} {}", file.display());
                    }
                }
                let data = cfg.data_folder();
                println!(
                    "data folder: {} ({})",
                    data.display(),
                    if data.is_dir() {
                        "there"
                    } else {
                        "made at the first start"
                    }
                );
                println!("  records     {}", cfg.records_path().display());
                println!("  rule store  {}", cfg.rules_store().display());
                println!("  staff       {}", cfg.staff_path().display());
                match cfg.log_files() {
                    Some(dir) => println!("  kiosk logs  {}", dir.display()),
                    None => println!("  kiosk logs  the systemd journal"),
                }
                if !loaded.staff_overrides.is_empty() {
                    println!(
                        "{}: set on the staff screen, overrides {}",
                        cfg.staff_path().display(),
                        loaded.staff_overrides.join(", ")
                    );
                }
                i32::from(!loaded.warnings.is_empty())
            }
        }
        Command::Verify {
            trust,
            bundle,
            venue,
            country,
            demo,
            now,
            codes,
        } => {
            let sources = gate::RuleSources {
                trust_file: trust.as_deref(),
                bundle_file: bundle.as_deref(),
                demo,
            };
            match gate::Loader::new(cfg, sources) {
                Ok(rule_loader) => {
                    let rules = rule_loader.load(now.unwrap_or_else(UnixTime::now));
                    if rules.active.trust.is_empty() {
                        eprintln!(
                            "healthgate verify: no issuer is trusted; pass --trust FILE or set [bundle] or [trust] in the config"
                        );
                    }
                    let venue = venue.as_deref().unwrap_or(&cfg.venue);
                    let mut gate =
                        gate::Gate::new(rules, cfg.verify_options(), &cfg.kiosk_id, venue)
                            .with_country(country.as_deref().or(cfg.country.as_deref()));
                    // On the machine's clock, the kiosk's mark applies (read,
                    // not moved); `--now` asks about another time on purpose.
                    if now.is_none() {
                        gate = gate.with_clock_mark(gate::clock::ClockMark::peek_beside(
                            &cfg.records_path(),
                        ));
                    }
                    cmd::verify::run(&codes, &gate, now)
                }
                Err(e) => {
                    eprintln!("healthgate verify: {e}");
                    2
                }
            }
        }
        Command::Serve {
            listen,
            trust,
            demo,
        } => {
            let sources = gate::RuleSources {
                trust_file: trust.as_deref(),
                bundle_file: None,
                demo,
            };
            match (
                gate::Loader::new(cfg, sources),
                healthgate::serve::Settings::from_config(cfg, listen),
            ) {
                (Ok(rule_loader), Ok(settings)) => {
                    let rules = rule_loader.load(UnixTime::now());
                    if rules.active.trust.is_empty() {
                        eprintln!(
                            "healthgate serve: no issuer is trusted; pass --trust FILE or set [bundle] or [trust] in the config"
                        );
                    }
                    let door =
                        gate::Gate::new(rules, cfg.verify_options(), &cfg.kiosk_id, &cfg.venue)
                            .with_country(cfg.country.as_deref())
                            .with_loader(rule_loader, cfg.bundle_url.is_some())
                            .with_clock_mark(gate::clock::ClockMark::beside(&cfg.records_path()));
                    let sync = gate::SyncPlan::from_config(cfg).and_then(|plan| {
                        plan.inspect_err(|e| tracing::error!("not syncing: {e}"))
                            .ok()
                    });
                    healthgate::serve::run(door, settings, sync)
                }
                (Err(e), _) => {
                    eprintln!("healthgate serve: {e}");
                    2
                }
                (_, Err(e)) => {
                    eprintln!("healthgate serve: {e}");
                    2
                }
            }
        }
        Command::Records { command } => match command {
            RecordsCommand::Export {
                since,
                until,
                verdict,
                code,
                format,
                out,
            } => cmd::records::export_cmd(
                cfg,
                since,
                until,
                code,
                verdict.map(|v| match v {
                    VerdictArg::Green => healthgate::verdict::Colour::Green,
                    VerdictArg::Yellow => healthgate::verdict::Colour::Yellow,
                    VerdictArg::Red => healthgate::verdict::Colour::Red,
                    VerdictArg::Grey => healthgate::verdict::Colour::Grey,
                }),
                match format {
                    Format::Csv => healthgate::records::ExportFormat::Csv,
                    Format::Json => healthgate::records::ExportFormat::Json,
                },
                out.as_deref(),
            ),
            RecordsCommand::Stats { since, until } => cmd::records::stats(cfg, since, until),
        },
        Command::Gui { windowed, demo } => healthgate::ui::start::run(cfg, windowed, demo),
        Command::Decode { images } => cmd::decode::run(&images),
        Command::Sync { url } => cmd::rules::sync(cfg, url.as_deref()),
        Command::Rules { command } => match command {
            RulesCommand::Status => cmd::rules::status(cfg),
            RulesCommand::Install { file } => cmd::rules::install(cfg, &file),
            RulesCommand::Rollback => cmd::rules::rollback(cfg),
            RulesCommand::Eval { logic, data } => cmd::rules::eval(&logic, &data),
        },
        Command::Kiosk {
            demo,
            demo_interval,
            demo_rounds,
            trust,
        } => {
            // A kiosk always starts: a broken trust file leaves it with the
            // bundle's trust alone, and says why.
            let sources = gate::RuleSources {
                trust_file: trust.as_deref(),
                bundle_file: None,
                demo,
            };
            let (gate, problems) = gate::for_kiosk(cfg, sources, UnixTime::now());
            if cfg.metrics_listen.is_some()
                && let Err(e) =
                    healthgate::serve::metrics_only(std::sync::Arc::clone(gate.metrics()), cfg)
            {
                tracing::error!("metrics: not served: {e}");
            }
            let sync = gate::SyncPlan::from_config(cfg).and_then(|plan| {
                plan.inspect_err(|e| tracing::error!("not syncing: {e}"))
                    .ok()
            });
            let kiosk = cmd::kiosk::Kiosk {
                sync,
                problems: problems.iter().map(ToString::to_string).collect(),
                demo: demo.then(|| cmd::kiosk::Demo {
                    interval: Duration::from_secs_f64(demo_interval.clamp(0.0, 3600.0)),
                    rounds: demo_rounds,
                }),
            };
            cmd::kiosk::run(&gate, kiosk)
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// A number of seconds from the command line: finite, 0 to an hour.
fn seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.0..=3600.0).contains(&s) => Ok(s),
        _ => Err(format!(
            "{text:?} is not a number of seconds from 0 to 3600"
        )),
    }
}

/// A code format by its stable name.
fn code_format(text: &str) -> Result<healthgate::code::Format, String> {
    healthgate::code::Format::from_name(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = healthgate::code::Format::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        format!("{text:?} is not a code format: {}", names.join(", "))
    })
}

/// A country code from the command line: two letters, upper-cased.
fn parse_country(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(text.to_ascii_uppercase())
    } else {
        Err(format!(
            "{text:?} is not a two-letter country code, such as DE"
        ))
    }
}
