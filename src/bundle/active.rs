//! The rules a kiosk decides with right now: the installed bundle (or the
//! one shipped in `assets/` on a first boot), its trust list, and the store
//! that answers override lookups.

use std::path::Path;

use crate::crypto::PublicKeyRef;
use crate::rules::{self, Context, OverrideLookup};
use crate::time::UnixTime;
use crate::verify::{self, Options, Outcome, SeenProofs};

use super::format::{Bundle, Override};
use super::store::{Store, StoreError};
use super::trust::TrustList;

/// The bundle that ships with HealthGate, signed by the DEMO root key.
pub const DEFAULT_BUNDLE: &[u8] = include_bytes!("../../assets/default-bundle.hgb");
/// The DEMO root key (compressed SEC1, hex) that signs the shipped bundle.
pub const DEMO_ROOT_KEY: &str = include_str!("../../assets/demo/demo-root.hex");
/// The authority name of the DEMO bundle.
pub const DEMO_AUTHORITY: &str = "DEMO";

impl OverrideLookup for Bundle {
    fn override_for(&self, id: &[u8; 16]) -> Result<Option<Override>, String> {
        Ok(self
            .overrides
            .binary_search_by(|o| o.credential_id.cmp(id))
            .ok()
            .and_then(|i| self.overrides.get(i).copied()))
    }

    fn is_revoked(&self, id: &[u8; 16]) -> Result<bool, String> {
        Ok(self.revoked.binary_search(id).is_ok())
    }
}

struct StoreLookup<'a> {
    store: &'a Store,
    bundle_id: i64,
}

impl OverrideLookup for StoreLookup<'_> {
    fn override_for(&self, id: &[u8; 16]) -> Result<Option<Override>, String> {
        self.store
            .override_for(self.bundle_id, id)
            .map_err(|e| e.to_string())
    }

    fn is_revoked(&self, id: &[u8; 16]) -> Result<bool, String> {
        self.store
            .is_revoked(self.bundle_id, id)
            .map_err(|e| e.to_string())
    }
}

/// The active rules.
#[derive(Debug)]
pub struct ActiveRules {
    /// The bundle in force, if any could be had.
    pub bundle: Option<Bundle>,
    /// Its trust list, plus any keys added with [`ActiveRules::add_trust`].
    pub trust: TrustList,
    store: Option<Store>,
    /// The store row of the bundle, when it is the store's.
    bundle_id: Option<i64>,
    /// Problems met on the way, for the log and the staff screen.
    pub problems: Vec<String>,
}

impl ActiveRules {
    /// No bundle and no trust: every code is grey.
    pub fn empty() -> Self {
        Self {
            bundle: None,
            trust: TrustList::default(),
            store: None,
            bundle_id: None,
            problems: Vec::new(),
        }
    }

    /// Rules from one bundle file, outside any store.
    pub fn from_file(file: &[u8], root: &PublicKeyRef) -> Result<Self, String> {
        let bundle = Bundle::open(file, root).map_err(|e| e.to_string())?;
        let trust = bundle.trust_list()?;
        Ok(Self {
            bundle: Some(bundle),
            trust,
            ..Self::empty()
        })
    }

    /// Opens the store at `path` and takes its current bundle, else its
    /// previous one, else installs the shipped default bundle (if the pinned
    /// root key signed it). Never fails: what went wrong is in `problems`.
    pub fn open(path: &Path, root: &PublicKeyRef, now: UnixTime) -> Self {
        let mut problems = Vec::new();
        let mut store = match Store::open(path) {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        };
        if let Some(s) = store.as_mut() {
            for slot in ["current", "previous"] {
                match s.load(slot, root) {
                    Ok(Some(installed)) => {
                        if slot == "previous" {
                            problems.push("using the previous rule bundle".into());
                        }
                        return Self::with(installed.bundle, store, Some(installed.id), problems);
                    }
                    Ok(None) => {}
                    Err(e) => problems.push(e),
                }
            }
        }
        let default = match Bundle::open(DEFAULT_BUNDLE, root) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!(
                    "no rule bundle installed, and the shipped one is not for this kiosk ({e}); run `healthgate sync`"
                ));
                return Self {
                    store,
                    problems,
                    ..Self::empty()
                };
            }
        };
        if let Some(s) = store.as_mut() {
            match s.install(DEFAULT_BUNDLE, &default, now) {
                Ok(()) => {
                    if let Ok(Some(installed)) = s.load("current", root) {
                        return Self::with(installed.bundle, store, Some(installed.id), problems);
                    }
                }
                Err(StoreError::NotNewer { .. }) => {}
                Err(e) => problems.push(e.to_string()),
            }
        }
        Self::with(default, store, None, problems)
    }

    fn with(
        bundle: Bundle,
        store: Option<Store>,
        bundle_id: Option<i64>,
        mut problems: Vec<String>,
    ) -> Self {
        let trust = bundle.trust_list().unwrap_or_else(|e| {
            problems.push(e);
            TrustList::default()
        });
        Self {
            bundle: Some(bundle),
            trust,
            store,
            bundle_id,
            problems,
        }
    }

    /// Adds trusted keys (a pilot's trust file, or the demo authority).
    pub fn add_trust(&mut self, extra: &TrustList) {
        for k in extra.keys() {
            self.trust.insert(k.clone());
        }
    }

    /// The store, if one is open.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The store, mutable (sync installs through it).
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// Whether the bundle in force is the DEMO authority's.
    pub fn is_demo(&self) -> bool {
        self.bundle
            .as_ref()
            .is_some_and(|b| b.authority == DEMO_AUTHORITY)
    }

    /// Checks one code: the credential, then the rules of `venue`.
    pub fn check(
        &self,
        text: &str,
        venue: &str,
        now: UnixTime,
        options: &Options,
        seen: &dyn SeenProofs,
    ) -> Outcome {
        let mut outcome = verify::verify(text, &self.trust, now, options, seen);
        if let Some(bundle) = &self.bundle {
            let lookup_store;
            let overrides: &dyn OverrideLookup = match (&self.store, self.bundle_id) {
                (Some(store), Some(bundle_id)) => {
                    lookup_store = StoreLookup { store, bundle_id };
                    &lookup_store
                }
                _ => bundle,
            };
            let ctx = Context {
                policies: &bundle.policies,
                venue,
                overrides,
                issued_at: bundle.issued_at,
                warn_age_secs: bundle.warn_age_secs,
                max_age_secs: bundle.max_age_secs,
            };
            rules::judge(&mut outcome, &ctx, now);
        }
        outcome
    }
}

/// The root key a config pins, falling back to the DEMO root key.
pub fn root_key(hex: Option<&str>) -> Result<PublicKeyRef, String> {
    let hex = hex
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(DEMO_ROOT_KEY);
    PublicKeyRef::from_hex(hex).map_err(|e| format!("root key: {e}"))
}
