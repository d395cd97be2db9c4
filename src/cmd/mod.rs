//! The subcommands of the `healthgate` binary. `main.rs` parses arguments
//! and calls these; each returns the process exit code.

pub mod decode;
pub mod kiosk;
pub mod records;
pub mod rules;
pub mod verify;

use std::path::Path;

use crate::bundle::TrustList;
use crate::bundle::active::{self, ActiveRules};
use crate::config::Config;
use crate::time::UnixTime;
use crate::verify::Options;

/// The verification options a config asks for.
pub fn options(config: &Config) -> Options {
    Options {
        proof_skew_steps: config.proof_skew_steps,
        clock_skew_secs: config.clock_skew_seconds,
    }
}

/// The rules a command decides with, and where they came from.
#[derive(Debug)]
pub struct Loaded {
    pub rules: ActiveRules,
    /// Human-readable description, e.g. `bundle DEMO v1 and trust.toml (2 keys)`.
    pub describe: String,
    /// Whether anything of the DEMO authority is trusted.
    pub demo: bool,
}

/// Where the rules come from.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleSources<'a> {
    /// A trust-list file to add (else the config's `[trust] file`).
    pub trust_file: Option<&'a Path>,
    /// A bundle file to use instead of the store.
    pub bundle_file: Option<&'a Path>,
    /// Trust the DEMO authority too.
    pub demo: bool,
}

/// Loads the rules: the bundle (from `bundle_file`, else the store, else the
/// shipped default) plus extra trust. An error only for files named
/// explicitly that cannot be used.
pub fn load_rules(
    config: &Config,
    sources: RuleSources<'_>,
    now: UnixTime,
) -> Result<Loaded, String> {
    let root = active::root_key(config.bundle_root_key.as_deref())?;
    let mut rules = match sources.bundle_file {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            ActiveRules::from_file(&bytes, &root).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => ActiveRules::open(&config.rules_store(), &root, now),
    };
    for p in &rules.problems {
        tracing::warn!("rules: {p}");
    }
    let mut parts = Vec::new();
    if let Some(b) = &rules.bundle {
        parts.push(format!(
            "rule bundle {} version {} ({} issuer keys)",
            b.authority,
            b.version,
            b.issuers.len()
        ));
    }
    if let Some(path) = sources.trust_file.or(config.trust_file.as_deref()) {
        let file = TrustList::load(path)?;
        parts.push(format!("{} ({} keys)", path.display(), file.len()));
        rules.add_trust(&file);
    }
    let demo_trust = sources.demo || config.trust_demo;
    if demo_trust {
        rules.add_trust(&crate::demo::trust_list()?);
        parts.push("the DEMO authority".into());
    }
    Ok(Loaded {
        demo: demo_trust || rules.is_demo(),
        describe: if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(" and ")
        },
        rules,
    })
}
