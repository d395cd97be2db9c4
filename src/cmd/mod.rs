//! The subcommands of the `healthgate` binary. `main.rs` parses arguments
//! and calls these; each returns the process exit code.

pub mod kiosk;
pub mod verify;

use crate::bundle::TrustList;
use crate::config::Config;
use crate::verify::Options;

/// The verification options a config asks for.
pub fn options(config: &Config) -> Options {
    Options {
        proof_skew_steps: config.proof_skew_steps,
        clock_skew_secs: config.clock_skew_seconds,
    }
}

/// Where the trust comes from, for messages.
#[derive(Debug, Clone)]
pub struct TrustSource {
    pub list: TrustList,
    /// Human-readable description, e.g. `trust.toml (2 keys)`.
    pub describe: String,
    /// Whether the demo authority is trusted.
    pub demo: bool,
}

/// Builds the trust list from an explicit file, the config, and the demo switch.
pub fn load_trust(
    explicit: Option<&std::path::Path>,
    config: &Config,
    demo: bool,
) -> Result<TrustSource, String> {
    let mut list = TrustList::default();
    let mut parts = Vec::new();
    if let Some(path) = explicit.or(config.trust_file.as_deref()) {
        let file = TrustList::load(path)?;
        parts.push(format!("{} ({} keys)", path.display(), file.len()));
        for k in file.keys() {
            list.insert(k.clone());
        }
    }
    let demo = demo || config.trust_demo;
    if demo {
        for k in crate::demo::trust_list()?.keys() {
            list.insert(k.clone());
        }
        parts.push("the DEMO authority".into());
    }
    Ok(TrustSource {
        describe: if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(" and ")
        },
        list,
        demo,
    })
}
