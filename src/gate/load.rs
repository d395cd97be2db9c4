//! Where the rules come from, in one place for every caller: the bundle
//! (a file named on the command line, else the store, else the one shipped
//! in `assets/`), the config's trust file, and the DEMO authority.

use std::path::{Path, PathBuf};

use crate::bundle::active::{self, ActiveRules};
use crate::bundle::format::{Bundle, BundleError};
use crate::code::trust::{TrustError, TrustList};
use crate::config::Config;
use crate::crypto::{KeyError, PublicKeyRef};
use crate::time::UnixTime;

/// Where the rules come from, besides the config.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleSources<'a> {
    /// A trust-list file to add (else the config's `[trust] file`).
    pub trust_file: Option<&'a Path>,
    /// A bundle file to use instead of the store.
    pub bundle_file: Option<&'a Path>,
    /// Trust the DEMO authority too.
    pub demo: bool,
}

/// Why rules named explicitly could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("root key: {0}")]
    RootKey(#[from] KeyError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Bundle { path: PathBuf, source: BundleError },
    #[error(transparent)]
    Trust(#[from] TrustError),
}

/// How to load the rules, worked out once from the config and the command
/// line; [`Loader::load`] can be called again after every sync.
#[derive(Debug, Clone)]
pub struct Loader {
    root: Option<PublicKeyRef>,
    store: PathBuf,
    /// A bundle named on the command line, checked and read once.
    bundle_file: Option<Bundle>,
    extra: TrustList,
    extra_names: Vec<String>,
    demo_trusted: bool,
}

impl Loader {
    /// A loader for `config` and `sources`. A file named explicitly that
    /// cannot be used is an error.
    pub fn new(config: &Config, sources: RuleSources<'_>) -> Result<Self, LoadError> {
        let root = active::root_key(config.bundle_root_key.as_deref())?;
        let bundle_file = match sources.bundle_file {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                let bundle = Bundle::open(&bytes, &root).map_err(|source| LoadError::Bundle {
                    path: path.to_path_buf(),
                    source,
                })?;
                Some(bundle)
            }
            None => None,
        };
        let mut loader = Self {
            root: Some(root),
            store: config.rules_store(),
            bundle_file,
            extra: TrustList::default(),
            extra_names: Vec::new(),
            demo_trusted: false,
        };
        if let Some(path) = sources.trust_file.or(config.trust_file.as_deref()) {
            let file = TrustList::load(path)?;
            loader
                .extra_names
                .push(format!("{} ({} keys)", path.display(), file.len()));
            loader.extra.extend(&file);
        }
        if sources.demo || config.trust_demo {
            loader.extra.extend(&crate::demo::trust_list()?);
            loader.extra_names.push("the DEMO authority".into());
            loader.demo_trusted = true;
        }
        Ok(loader)
    }

    /// A loader for a kiosk, which always starts: what cannot be used is
    /// left out and returned, to be logged and shown to staff.
    pub fn tolerant(config: &Config, sources: RuleSources<'_>) -> (Self, Vec<LoadError>) {
        match Self::new(config, sources) {
            Ok(l) => (l, Vec::new()),
            Err(e) => {
                let mut problems = vec![e];
                let without_files = RuleSources {
                    demo: sources.demo,
                    ..RuleSources::default()
                };
                let config = Config {
                    trust_file: None,
                    ..config.clone()
                };
                let loader = Self::new(&config, without_files).unwrap_or_else(|e| {
                    problems.push(e);
                    Self {
                        root: None,
                        store: config.rules_store(),
                        bundle_file: None,
                        extra: TrustList::default(),
                        extra_names: Vec::new(),
                        demo_trusted: false,
                    }
                });
                (loader, problems)
            }
        }
    }

    /// Whether the DEMO authority is trusted by the config or the command
    /// line (the DEMO bundle in force is another way to accept its codes).
    pub fn demo_trusted(&self) -> bool {
        self.demo_trusted
    }

    /// The rule store's path.
    pub fn store(&self) -> &Path {
        &self.store
    }

    /// The pinned root key, if the config's could be read.
    pub fn root(&self) -> Option<&PublicKeyRef> {
        self.root.as_ref()
    }

    /// Loads the rules. Never fails: what went wrong is in their `problems`.
    pub fn load(&self, now: UnixTime) -> Rules {
        let mut rules = match (&self.root, &self.bundle_file) {
            (None, _) => ActiveRules::empty(),
            (Some(_), Some(bundle)) => ActiveRules::from_bundle(bundle.clone()),
            (Some(root), None) => ActiveRules::open(&self.store, root, now),
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
        parts.extend(self.extra_names.iter().cloned());
        rules.add_trust(&self.extra);
        Rules {
            demo: self.demo_trusted || rules.is_demo(),
            describe: if parts.is_empty() {
                "nothing".into()
            } else {
                parts.join(" and ")
            },
            active: rules,
        }
    }
}

/// The rules in force, and what they are made of.
#[derive(Debug)]
pub struct Rules {
    pub active: ActiveRules,
    /// For people, e.g. `rule bundle DEMO version 1 (1 issuer keys) and trust.toml (2 keys)`.
    pub describe: String,
    /// Whether anything of the DEMO authority is trusted: every screen says DEMO.
    pub demo: bool,
}

impl Rules {
    /// No rules: every code is grey.
    pub fn none() -> Self {
        Self {
            active: ActiveRules::empty(),
            describe: "nothing".into(),
            demo: false,
        }
    }

    /// Rules from a bundle in memory, for tests and one-off checks.
    pub fn from_active(active: ActiveRules) -> Self {
        Self {
            demo: active.is_demo(),
            describe: active.bundle.as_ref().map_or_else(
                || "nothing".into(),
                |b| format!("rule bundle {} version {}", b.authority, b.version),
            ),
            active,
        }
    }
}
