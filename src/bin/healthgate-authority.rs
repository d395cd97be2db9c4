//! `healthgate-authority`: the issuing authority's tool. Arguments only; the
//! work is in `healthgate::authority`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use healthgate::authority::{self, HolderRecord, IssuerKey, KeyKind};
use healthgate::crypto::{PrivateKey, PublicKeyRef};
use healthgate::time::UnixTime;

/// The health authority's tool for `HealthGate` codes.
///
/// A typical pilot, from nothing to a code a kiosk accepts:
///
///   healthgate-authority keygen --kind issuer --issuer-id CN-GD-HC --out authority/
///   healthgate-authority keygen --kind device --out phone/
///   healthgate-authority example-holder > holder.toml     (then edit it)
///   healthgate-authority issue --issuer-key authority/issuer.key \
///       --holder holder.toml --device-pub phone/device.pub > credential.txt
///   healthgate-authority present --credential credential.txt \
///       --device-key phone/device.key --terminal
///   healthgate verify --trust authority/trust.toml "HGC1:..."
///
/// Secret keys are written readable by their owner only. Keep the issuer key
/// on an offline machine.
#[derive(Parser, Debug)]
#[command(
    name = "healthgate-authority",
    version,
    about,
    long_about,
    verbatim_doc_comment
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Kind {
    /// The authority's signing key (issuer.key, issuer.pub and trust.toml).
    Issuer,
    /// A holder's phone key that signs the 30-second proof (device.key, device.pub).
    Device,
    /// The root key that signs rule bundles (root.key, root.pub, and root.hex
    /// for the kiosk config's `[bundle] root_key`).
    Root,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Make a key pair (SM2) in a folder.
    Keygen {
        /// Which kind of key.
        #[arg(long, value_enum)]
        kind: Kind,
        /// The folder to write the files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// For an issuer: the id written into every code it issues (A-Z, 0-9, -; up to 32).
        #[arg(long, value_name = "ID", default_value = "HEALTHGATE-PILOT")]
        issuer_id: String,
        /// Overwrite existing key files.
        #[arg(long)]
        force: bool,
    },
    /// Print a commented holder record to start from.
    ExampleHolder,
    /// Issue a signed credential (valid up to 24 h) and print it.
    ///
    /// With --batch: one holder record a line as JSON (the fields of
    /// `example-holder`), one `HGC1C:` credential a line out, in order; a
    /// line that cannot be issued gets an empty line and a message on
    /// stderr (exit status 1).
    Issue {
        /// The issuer key file from `keygen --kind issuer`.
        #[arg(long, value_name = "FILE")]
        issuer_key: PathBuf,
        /// The holder record (see `example-holder`).
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "batch",
            conflicts_with = "batch"
        )]
        holder: Option<PathBuf>,
        /// A file of holder records, one JSON object a line (`-`: stdin).
        #[arg(long, value_name = "FILE")]
        batch: Option<PathBuf>,
        /// The holder's device public key from `keygen --kind device`.
        #[arg(long, value_name = "FILE")]
        device_pub: PathBuf,
        /// Issue as of this time instead of now: 2026-11-26T08:30:00Z or @`UNIX_SECONDS`.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        now: Option<UnixTime>,
        /// Write the credential to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Build and sign a rule bundle from a source folder (see docs/bundle.md).
    ///
    /// The folder holds bundle.toml, issuers.toml, venues.toml,
    /// policies/*.json and, optionally, overrides.csv and revoked.csv. Errors
    /// name the file and line that is wrong.
    SignBundle {
        /// The source folder.
        #[arg(long, value_name = "DIR")]
        source: PathBuf,
        /// The root key file from `keygen --kind root`.
        #[arg(long, value_name = "FILE")]
        root_key: PathBuf,
        /// Where to write the signed bundle.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Sign as of this time instead of now: 2026-11-26T08:30:00Z or @UNIX_SECONDS.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        now: Option<UnixTime>,
    },
    /// Print the dynamic code a holder shows now (it changes every 30 s).
    ///
    /// With --batch: one `HGC1C:` credential a line in, its `HGC1:` code
    /// a line out, in order (an empty line and a message on stderr for one
    /// that cannot be read).
    Present {
        /// The credential file from `issue`.
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "batch",
            conflicts_with = "batch"
        )]
        credential: Option<PathBuf>,
        /// A file of credentials, one `HGC1C:` text a line (`-`: stdin).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["png", "terminal"])]
        batch: Option<PathBuf>,
        /// The holder's device key file.
        #[arg(long, value_name = "FILE")]
        device_key: PathBuf,
        /// Present as of this time instead of now: 2026-11-26T08:30:00Z or @`UNIX_SECONDS`.
        #[arg(long, value_name = "TIME", value_parser = UnixTime::parse)]
        at: Option<UnixTime>,
        /// Also draw the QR code into this PNG file.
        #[arg(long, value_name = "FILE", conflicts_with = "terminal")]
        png: Option<PathBuf>,
        /// Also draw the QR code in the terminal.
        #[arg(long)]
        terminal: bool,
    },
}

/// What went wrong, in words for the person at the terminal.
type Failed = Box<dyn std::error::Error>;

fn read(path: &std::path::Path) -> Result<String, Failed> {
    Ok(authority::read_text(path)?)
}

fn run(args: Args) -> Result<(), Failed> {
    match args.command {
        Command::Keygen {
            kind,
            out,
            issuer_id,
            force,
        } => {
            let kind = match kind {
                Kind::Issuer => KeyKind::Issuer,
                Kind::Device => KeyKind::Device,
                Kind::Root => KeyKind::Root,
            };
            for path in authority::keygen(kind, &issuer_id, &out, force)? {
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::ExampleHolder => {
            print!("{}", authority::EXAMPLE_HOLDER);
            Ok(())
        }
        Command::Issue {
            issuer_key,
            holder,
            batch,
            device_pub,
            now,
            out,
        } => {
            let issuer = IssuerKey::from_pem(&read(&issuer_key)?)
                .map_err(|e| format!("{}: {e}", issuer_key.display()))?;
            if let Some(batch) = batch {
                let device = PublicKeyRef::from_pem(&read(&device_pub)?)
                    .map_err(|e| format!("{}: {e}", device_pub.display()))?;
                let at = now.unwrap_or_else(UnixTime::now);
                return each_line(&batch, out.as_deref(), |line| {
                    let record = HolderRecord::from_json(line)?;
                    let signed = authority::issue(&record, &issuer, &device, at)?;
                    Ok(signed.to_text()?)
                });
            }
            let holder = holder.ok_or("--holder FILE or --batch FILE")?;
            let record = HolderRecord::from_toml(&read(&holder)?)
                .map_err(|e| format!("{}: {e}", holder.display()))?;
            let device = PublicKeyRef::from_pem(&read(&device_pub)?)
                .map_err(|e| format!("{}: {e}", device_pub.display()))?;
            let signed =
                authority::issue(&record, &issuer, &device, now.unwrap_or_else(UnixTime::now))?;
            let text = authority::credential_file(&signed)?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
                None => std::io::stdout().write_all(text.as_bytes())?,
            }
            Ok(())
        }
        Command::SignBundle {
            source,
            root_key,
            out,
            now,
        } => {
            let root = PrivateKey::from_pem(&read(&root_key)?)
                .map_err(|e| format!("{}: {e}", root_key.display()))?;
            let bundle =
                healthgate::bundle::source::read_source(&source, now.unwrap_or_else(UnixTime::now))
                    .map_err(|e| format!("{}: {e}", source.display()))?;
            let file = bundle.sign(&root)?;
            std::fs::write(&out, &file)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!(
                "signed bundle version {} of {} ({} issuers, {} rules, {} venues, {} overrides, {} revoked, {} bytes) into {}",
                bundle.version,
                bundle.authority,
                bundle.issuers.len(),
                bundle.policies.rules.len(),
                bundle.policies.venues.len(),
                bundle.overrides.len(),
                bundle.revoked.len(),
                file.len(),
                out.display()
            );
            Ok(())
        }
        Command::Present {
            credential,
            batch,
            device_key,
            at,
            png,
            terminal,
        } => {
            if let Some(batch) = batch {
                let device = PrivateKey::from_pem(&read(&device_key)?)
                    .map_err(|e| format!("{}: {e}", device_key.display()))?;
                let at = at.unwrap_or_else(UnixTime::now);
                return each_line(&batch, None, |line| {
                    let signed = authority::read_credential(line)?;
                    Ok(authority::present(&signed, &device, at)?.to_text()?)
                });
            }
            let credential = credential.ok_or("--credential FILE or --batch FILE")?;
            let signed = authority::read_credential(&read(&credential)?)
                .map_err(|e| format!("{}: {e}", credential.display()))?;
            let device = PrivateKey::from_pem(&read(&device_key)?)
                .map_err(|e| format!("{}: {e}", device_key.display()))?;
            let code = authority::present(&signed, &device, at.unwrap_or_else(UnixTime::now))?;
            let text = code.to_text()?;
            println!("{text}");
            if png.is_some() || terminal {
                let qr = authority::qr(&text)?;
                if let Some(path) = png {
                    std::fs::write(&path, authority::qr_png(&qr, 6)?)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    eprintln!(
                        "drew QR version {} into {}",
                        authority::qr_version(&qr),
                        path.display()
                    );
                }
                if terminal {
                    println!("{}", authority::qr_terminal(&qr));
                }
            }
            Ok(())
        }
    }
}

/// Runs `one` on every line of `input` (`-`: stdin) that is not blank,
/// writing its answer a line each to `out` (default stdout), in order; a
/// line that fails gets an empty line out and its line number and reason
/// on stderr. Fails at the end when any line failed.
fn each_line(
    input: &std::path::Path,
    out: Option<&std::path::Path>,
    mut one: impl FnMut(&str) -> Result<String, Failed>,
) -> Result<(), Failed> {
    use std::io::BufRead as _;
    let reader: Box<dyn std::io::BufRead> = if input == std::path::Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input)
                .map_err(|e| format!("cannot read {}: {e}", input.display()))?,
        ))
    };
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut failed = 0usize;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{}: line {}: {e}", input.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match one(line.trim()) {
            Ok(text) => writeln!(writer, "{text}")?,
            Err(e) => {
                failed += 1;
                eprintln!(
                    "healthgate-authority: {}: line {}: {e}",
                    input.display(),
                    n + 1
                );
                writeln!(writer)?;
            }
        }
    }
    writer.flush()?;
    if failed > 0 {
        return Err(
            format!("{failed} lines could not be done (empty lines in their place)").into(),
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("healthgate-authority: {e}");
            ExitCode::FAILURE
        }
    }
}
