//! The rules a kiosk decides with right now: the installed bundle (or the
//! one shipped in `assets/` on a first boot) and its trust list, loaded
//! once and then only read. Checking a code never touches the store: the
//! bundle in memory answers override and revocation lookups.

use std::path::Path;

use crate::code::trust::{TrustError, TrustList};
use crate::crypto::{KeyError, PublicKeyRef};
use crate::rules::{Context, OverrideLookup};

use super::format::{BuildError, Bundle, BundleError};
use super::store::{Slot, Store, StoreError, SyncStatus};

/// The bundle that ships with HealthGate, signed by the DEMO root key.
pub const DEFAULT_BUNDLE: &[u8] = include_bytes!("../../assets/default-bundle.hgb");
/// The DEMO root key (compressed SEC1, hex) that signs the shipped bundle.
pub const DEMO_ROOT_KEY: &str = include_str!("../../assets/demo/demo-root.hex");
/// The authority name of the DEMO bundle.
pub const DEMO_AUTHORITY: &str = "DEMO";

/// Something that went wrong while loading the rules; the kiosk goes on
/// with what it has, and staff see these.
#[derive(Debug, thiserror::Error)]
pub enum RulesProblem {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("using the previous rule bundle")]
    UsingPrevious,
    #[error(
        "the rule database was damaged; it was moved to {0} and a new one started with the shipped bundle until the next sync"
    )]
    MovedAside(std::path::PathBuf),
    #[error(
        "no rule bundle installed, and the shipped one is not for this kiosk ({0}); run `healthgate sync`"
    )]
    NoBundle(BundleError),
    #[error("the bundle's trust list: {0}")]
    Trust(#[from] BuildError),
    #[error("root key: {0}")]
    RootKey(#[from] KeyError),
    #[error(transparent)]
    TrustFile(#[from] TrustError),
}

/// The active rules.
#[derive(Debug, Default)]
pub struct ActiveRules {
    /// The bundle in force, if any could be had.
    pub bundle: Option<Bundle>,
    /// Its trust list, plus any keys added with [`ActiveRules::add_trust`].
    pub trust: TrustList,
    /// How the last sync went, as the store had it when these were loaded.
    pub sync: SyncStatus,
    /// Problems met on the way, for the log and the staff screen.
    pub problems: Vec<RulesProblem>,
}

impl ActiveRules {
    /// No bundle and no trust: every code is grey.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Rules from one bundle file, outside any store.
    pub fn from_file(file: &[u8], root: &PublicKeyRef) -> Result<Self, BundleError> {
        Ok(Self::from_bundle(Bundle::open(file, root)?))
    }

    /// Rules from a bundle already opened, outside any store.
    pub fn from_bundle(bundle: Bundle) -> Self {
        Self::with(bundle, SyncStatus::default(), Vec::new())
    }

    /// Opens the store at `path` and takes its current bundle, else its
    /// previous one, else installs the shipped default bundle (if the pinned
    /// root key signed it). Never fails: what went wrong is in `problems`.
    pub fn open(path: &Path, root: &PublicKeyRef, now: crate::time::UnixTime) -> Self {
        let mut problems = Vec::new();
        let mut store = match Store::open(path) {
            Ok(s) => Some(s),
            // A damaged database is moved aside, kept for a look, and a new
            // one started: the shipped bundle is in force until a sync.
            Err(e) if e.is_corrupt() => match super::store::move_aside(path, now) {
                Ok(aside) => {
                    tracing::error!("rules: {e}; moved to {}", aside.display());
                    problems.push(RulesProblem::MovedAside(aside));
                    Store::open(path)
                        .inspect_err(|e| tracing::error!("rules: {e}"))
                        .ok()
                }
                Err(io) => {
                    tracing::error!("rules: {e}; cannot move it aside: {io}");
                    problems.push(e.into());
                    None
                }
            },
            Err(e) => {
                problems.push(e.into());
                None
            }
        };
        let sync = store
            .as_ref()
            .and_then(|s| s.sync_status().ok())
            .unwrap_or_default();
        if let Some(s) = store.as_mut() {
            for slot in Slot::ALL {
                match s.load(slot, root) {
                    Ok(Some(installed)) => {
                        if slot == Slot::Previous {
                            problems.push(RulesProblem::UsingPrevious);
                        }
                        return Self::with(installed.bundle, sync, problems);
                    }
                    Ok(None) => {}
                    Err(e) => problems.push(e.into()),
                }
            }
        }
        let default = match Bundle::open(DEFAULT_BUNDLE, root) {
            Ok(b) => b,
            Err(e) => {
                problems.push(RulesProblem::NoBundle(e));
                return Self {
                    sync,
                    problems,
                    ..Self::empty()
                };
            }
        };
        if let Some(s) = store.as_mut() {
            match s.install(DEFAULT_BUNDLE, &default, now) {
                Ok(()) | Err(StoreError::NotNewer { .. }) => {}
                Err(e) => problems.push(e.into()),
            }
        }
        Self::with(default, sync, problems)
    }

    fn with(bundle: Bundle, sync: SyncStatus, mut problems: Vec<RulesProblem>) -> Self {
        let trust = bundle.trust_list().unwrap_or_else(|e| {
            problems.push(e.into());
            TrustList::default()
        });
        Self {
            bundle: Some(bundle),
            trust,
            sync,
            problems,
        }
    }

    /// Adds trusted keys (a pilot's trust file, or the demo authority).
    pub fn add_trust(&mut self, extra: &TrustList) {
        self.trust.extend(extra);
    }

    /// Whether the bundle in force is the DEMO authority's.
    pub fn is_demo(&self) -> bool {
        self.bundle
            .as_ref()
            .is_some_and(|b| b.authority == DEMO_AUTHORITY)
    }

    /// The version of the bundle in force.
    pub fn version(&self) -> Option<u64> {
        self.bundle.as_ref().map(|b| b.version)
    }

    /// What the bundle brings to a verdict at `venue` in `country`, if
    /// there is one.
    pub fn context<'a>(&'a self, venue: &'a str, country: Option<&'a str>) -> Option<Context<'a>> {
        self.bundle.as_ref().map(|b| Context {
            policies: &b.policies,
            venue,
            country_rules: &b.country_rules,
            country,
            overrides: b as &dyn OverrideLookup,
            issued_at: b.issued_at,
            warn_age_secs: b.warn_age_secs,
            max_age_secs: b.max_age_secs,
        })
    }
}

/// The root key a config pins, falling back to the DEMO root key.
pub fn root_key(hex: Option<&str>) -> Result<PublicKeyRef, KeyError> {
    let hex = hex
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(DEMO_ROOT_KEY);
    PublicKeyRef::from_hex(hex)
}
