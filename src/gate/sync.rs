//! Keeping the rules fresh: the background sync both kiosks run, the sync
//! that staff start by hand, and the state of the rules a scan screen shows.

use std::path::PathBuf;
use std::time::Duration;

use crate::bundle::active::{self, ActiveRules};
use crate::bundle::store::{Store, SyncResult, SyncStatus};
use crate::bundle::sync::{self, Failure, FetchError, Outcome};
use crate::config::Config;
use crate::crypto::{KeyError, PublicKeyRef};
use crate::time::UnixTime;

/// How this kiosk syncs: from where, into which store, under which root
/// key, how often.
#[derive(Debug, Clone)]
pub struct SyncPlan {
    pub settings: sync::Settings,
    pub store: PathBuf,
    pub root: PublicKeyRef,
    pub every: Duration,
}

impl SyncPlan {
    /// The plan of a config; `None` when it names no bundle URL.
    pub fn from_config(config: &Config) -> Option<Result<Self, KeyError>> {
        let url = config.bundle_url.as_deref()?;
        Some(
            active::root_key(config.bundle_root_key.as_deref()).map(|root| Self {
                settings: sync::Settings {
                    timeout: Duration::from_secs(config.sync_timeout_seconds),
                    ..sync::Settings::new(url)
                },
                store: config.rules_store(),
                root,
                every: Duration::from_secs(config.sync_minutes.saturating_mul(60)),
            }),
        )
    }

    /// One sync now, on a runtime of its own, with its own connection to
    /// the store. Blocks: call it off the screen's thread.
    pub fn sync_now(&self, now: UnixTime) -> Outcome {
        match Store::open(&self.store) {
            Ok(mut store) => sync::sync_blocking(&mut store, &self.settings, &self.root, now),
            Err(e) => Outcome::Failed(Failure::Store(e.to_string())),
        }
    }

    /// Syncs now and then every `every` on a thread of its own; `notify`
    /// hears of every attempt and returns false to stop.
    pub fn spawn(
        self,
        notify: impl Fn(Outcome) -> bool + Send + 'static,
    ) -> std::io::Result<std::thread::JoinHandle<()>> {
        std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || self.run(&notify))
    }

    fn run(&self, notify: &dyn Fn(Outcome) -> bool) {
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                tracing::error!("cannot start the sync runtime: {e}; not syncing");
                let _ = notify(Outcome::Failed(FetchError::Runtime(e.to_string()).into()));
                return;
            }
        };
        rt.block_on(async {
            loop {
                let outcome = match Store::open(&self.store) {
                    Ok(mut store) => {
                        sync::sync_once(&mut store, &self.settings, &self.root, UnixTime::now())
                            .await
                    }
                    Err(e) => Outcome::Failed(Failure::Store(e.to_string())),
                };
                match &outcome {
                    Outcome::Installed { .. } => tracing::info!("sync: {}", outcome.describe()),
                    Outcome::Unchanged => tracing::debug!("sync: {}", outcome.describe()),
                    _ => tracing::warn!("sync: {}", outcome.describe()),
                }
                if !notify(outcome) {
                    return;
                }
                tokio::time::sleep(self.every).await;
            }
        });
    }
}

/// The state of the rules as a scan screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesState {
    /// Synced (or installed) this many minutes ago.
    Fresh { minutes: i64 },
    /// The last sync failed; the rules are from this time.
    Offline { since: UnixTime },
    /// Older than the warning age: sync soon.
    Stale,
    /// Older than the authority allows: every verdict is grey.
    Outdated,
    /// No rule bundle at all.
    None,
}

impl RulesState {
    /// The state of `rules` at `now`; `syncs` says whether this kiosk syncs
    /// at all (a kiosk that does not is never "offline").
    pub fn of(rules: &ActiveRules, status: &SyncStatus, syncs: bool, now: UnixTime) -> Self {
        let Some(b) = &rules.bundle else {
            return Self::None;
        };
        let age = now.0 - b.issued_at.0;
        if age > b.max_age_secs {
            return Self::Outdated;
        }
        if age > b.warn_age_secs {
            return Self::Stale;
        }
        if syncs && status.outcome == Some(SyncResult::Failed) {
            return Self::Offline {
                since: status.succeeded_at.unwrap_or(b.issued_at),
            };
        }
        let since = status
            .succeeded_at
            .map_or(b.issued_at, |t| t.max(b.issued_at));
        Self::Fresh {
            minutes: ((now.0 - since.0) / 60).max(0),
        }
    }
}
