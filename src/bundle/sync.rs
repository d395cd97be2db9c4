//! Sync: fetch the bundle from a URL (any static web server, object store or
//! CDN) and install it if it is valid and newer.
//!
//! Conditional requests (ETag, Last-Modified), a timeout on every attempt,
//! retries with exponential backoff and jitter on network errors and 5xx,
//! proxy settings from the environment (`HTTPS_PROXY`, `NO_PROXY` ...).
//! Whatever goes wrong, the installed bundle stays and the status says why.

use std::time::Duration;

use sm2::elliptic_curve::Generate;

use crate::crypto::PublicKeyRef;
use crate::time::UnixTime;

use super::format::{Bundle, BundleError};
use super::store::{Store, StoreError, SyncResult, SyncStatus};

/// How to sync.
#[derive(Debug, Clone)]
pub struct Settings {
    pub url: String,
    /// Limit of one attempt, from connecting to the last byte.
    pub timeout: Duration,
    /// Attempts before giving up (at least 1).
    pub attempts: u32,
    /// First backoff; doubles each retry, plus up to as much again of jitter.
    pub backoff: Duration,
    /// Largest bundle accepted, in bytes.
    pub max_bytes: usize,
}

impl Settings {
    /// Defaults for `url`: 30 s a try, 3 tries from 2 s backoff, at most
    /// 64 mebibytes (a bundle with the EU's rules, value sets and every
    /// document signer is a few; the body is held in memory to check it).
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_string(),
            timeout: Duration::from_secs(30),
            attempts: 3,
            backoff: Duration::from_secs(2),
            max_bytes: 64 << 20,
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A newer bundle was installed.
    Installed {
        version: u64,
        overrides: usize,
        revoked: usize,
    },
    /// The server has nothing newer (304, or the same version).
    Unchanged,
    /// A bundle came but was refused.
    Refused(Refusal),
    /// No bundle came, or it could not be stored.
    Failed(Failure),
}

/// Why a bundle that came was refused; the installed one stays.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Bad signature, another root key, cut short, malformed.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// Older than the installed one.
    #[error("bundle version {offered} is not newer than the installed version {installed}")]
    NotNewer { offered: u64, installed: u64 },
}

/// Why no bundle came, or why it could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The rule store failed (disk full, read-only ...); the text is SQLite's.
    #[error("{0}")]
    Store(String),
}

/// Why a download gave no bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("cannot set up HTTP: {0}")]
    Client(String),
    #[error("the server did not answer within {} s", .0.as_secs_f32())]
    Timeout(Duration),
    #[error("cannot connect to the server")]
    Connect,
    #[error("the download was cut short")]
    CutShort,
    #[error("network error: {0}")]
    Network(String),
    /// An HTTP status other than success or 304, e.g. `404 Not Found`.
    #[error("the server answered {0}")]
    Status(String),
    #[error("the bundle is larger than {0} bytes")]
    TooLarge(usize),
    /// A redirect to another host, or from HTTPS to HTTP: not followed.
    #[error("{0}; set [bundle] url to the final address if it is the right one")]
    Redirect(String),
    #[error("cannot start the sync runtime: {0}")]
    Runtime(String),
}

impl Outcome {
    /// How it ended, as the store keeps it.
    pub fn result(&self) -> SyncResult {
        match self {
            Self::Installed { .. } => SyncResult::Installed,
            Self::Unchanged => SyncResult::Unchanged,
            Self::Refused(_) => SyncResult::Refused,
            Self::Failed(_) => SyncResult::Failed,
        }
    }

    /// `installed`, `unchanged`, `refused` or `failed`.
    pub fn label(&self) -> &'static str {
        self.result().as_str()
    }

    /// One line for people.
    pub fn describe(&self) -> String {
        match self {
            Self::Installed {
                version,
                overrides,
                revoked,
            } => format!(
                "installed bundle version {version} ({overrides} overrides, {revoked} revoked)"
            ),
            Self::Unchanged => "unchanged: the server has no newer bundle".into(),
            Self::Refused(why) => format!("refused the bundle: {why}"),
            Self::Failed(why) => format!("no bundle: {why}"),
        }
    }
}

/// What came over the wire.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Redirects followed at most.
const MAX_REDIRECTS: usize = 5;

/// Which redirects a sync follows: on the same host and port, or to HTTPS
/// on the same host; never from HTTPS down to HTTP, never to another host
/// (the bundle is signed, but a kiosk fetches only from where IT pointed
/// it, and says so when sent elsewhere).
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let next = attempt.url();
        let Some(first) = attempt.previous().first() else {
            return attempt.follow();
        };
        let same_host = next.host_str() == first.host_str();
        let same_port = next.port_or_known_default() == first.port_or_known_default();
        let https = next.scheme() == "https";
        let why = if attempt.previous().len() > MAX_REDIRECTS {
            Some(format!("more than {MAX_REDIRECTS} redirects"))
        } else if first.scheme() == "https" && !https {
            Some(format!("the server redirected from HTTPS to {next}"))
        } else if !same_host || !(same_port || https) {
            Some(format!("the server redirected to another host, {next}"))
        } else {
            None
        };
        match why {
            None => attempt.follow(),
            Some(why) => attempt.error(RedirectRefused(why)),
        }
    })
}

/// A redirect the sync does not follow, and why.
#[derive(Debug)]
struct RedirectRefused(String);

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedirectRefused {}

/// Builds the HTTP client: rustls (ring), proxies from the environment.
pub fn client(settings: &Settings) -> Result<reqwest::Client, FetchError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(redirect_policy())
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("HealthGate/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| FetchError::Client(e.to_string()))
}

fn jitter(base: Duration) -> Duration {
    let r = <u32 as Generate>::try_generate().unwrap_or(0);
    base.mul_f64(f64::from(r) / f64::from(u32::MAX))
}

fn describe_error(e: &reqwest::Error, timeout: Duration) -> FetchError {
    if e.is_redirect() {
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            if let Some(r) = s.downcast_ref::<RedirectRefused>() {
                return FetchError::Redirect(r.0.clone());
            }
            source = s.source();
        }
        return FetchError::Redirect(format!("redirect not followed: {e}"));
    }
    if e.is_timeout() {
        FetchError::Timeout(timeout)
    } else if e.is_connect() {
        FetchError::Connect
    } else if e.is_body() || e.is_decode() {
        FetchError::CutShort
    } else {
        FetchError::Network(e.to_string())
    }
}

/// Fetches the bundle, with retries. `Err` says why nothing came.
pub async fn fetch(
    client: &reqwest::Client,
    settings: &Settings,
    known: &SyncStatus,
) -> Result<Fetched, FetchError> {
    let attempts = settings.attempts.max(1);
    let mut last = FetchError::Connect;
    for attempt in 0..attempts {
        if attempt > 0 {
            let wait = settings.backoff.saturating_mul(1 << (attempt - 1).min(16));
            tokio::time::sleep(wait + jitter(settings.backoff)).await;
        }
        match fetch_once(client, settings, known).await {
            Ok(f) => return Ok(f),
            Err((why, retry)) => {
                tracing::warn!(attempt = attempt + 1, "sync: {why}");
                last = why;
                if !retry {
                    break;
                }
            }
        }
    }
    Err(last)
}

async fn fetch_once(
    client: &reqwest::Client,
    settings: &Settings,
    known: &SyncStatus,
) -> Result<Fetched, (FetchError, bool)> {
    let mut req = client.get(&settings.url);
    if let Some(etag) = &known.etag {
        req = req.header(reqwest::header::IF_NONE_MATCH, etag);
    }
    if let Some(lm) = &known.last_modified {
        req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm);
    }
    let mut resp = req.send().await.map_err(|e| {
        let why = describe_error(&e, settings.timeout);
        // Asking again would be sent to the same place.
        let retry = !matches!(why, FetchError::Redirect(_));
        (why, retry)
    })?;
    let status = resp.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        let retry = status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
        return Err((FetchError::Status(status.to_string()), retry));
    }
    if resp
        .content_length()
        .is_some_and(|n| n > settings.max_bytes as u64)
    {
        return Err((FetchError::TooLarge(settings.max_bytes), false));
    }
    let header = |name| {
        resp.headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header(reqwest::header::ETAG);
    let last_modified = header(reqwest::header::LAST_MODIFIED);
    let mut bytes = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > settings.max_bytes {
                    return Err((FetchError::TooLarge(settings.max_bytes), false));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return Err((describe_error(&e, settings.timeout), true)),
        }
    }
    Ok(Fetched::Body {
        bytes,
        etag,
        last_modified,
    })
}

/// Checks and installs a fetched bundle file.
pub fn install(store: &mut Store, file: &[u8], root: &PublicKeyRef, now: UnixTime) -> Outcome {
    let bundle = match Bundle::open(file, root) {
        Ok(b) => b,
        Err(e) => return Outcome::Refused(e.into()),
    };
    match store.install(file, &bundle, now) {
        Ok(()) => Outcome::Installed {
            version: bundle.version,
            overrides: bundle.overrides.len(),
            revoked: bundle.revoked.len(),
        },
        Err(StoreError::NotNewer { offered, installed }) if offered == installed => {
            Outcome::Unchanged
        }
        Err(StoreError::NotNewer { offered, installed }) => {
            Outcome::Refused(Refusal::NotNewer { offered, installed })
        }
        Err(e) => Outcome::Failed(Failure::Store(e.to_string())),
    }
}

/// One sync: fetch, check, install, and record the status in the store.
pub async fn sync_once(
    store: &mut Store,
    settings: &Settings,
    root: &PublicKeyRef,
    now: UnixTime,
) -> Outcome {
    let mut status = store.sync_status().unwrap_or_default();
    let outcome = match client(settings) {
        Err(e) => Outcome::Failed(e.into()),
        Ok(client) => match fetch(&client, settings, &status).await {
            Err(why) => Outcome::Failed(why.into()),
            Ok(Fetched::NotModified) => Outcome::Unchanged,
            Ok(Fetched::Body {
                bytes,
                etag,
                last_modified,
            }) => {
                let outcome = install(store, &bytes, root, now);
                if matches!(outcome, Outcome::Installed { .. } | Outcome::Unchanged) {
                    status.etag = etag;
                    status.last_modified = last_modified;
                }
                outcome
            }
        },
    };
    status.attempted_at = Some(now);
    if outcome.result().succeeded() {
        status.succeeded_at = Some(now);
    }
    status.outcome = Some(outcome.result());
    status.detail = Some(outcome.describe());
    if let Err(e) = store.set_sync_status(&status) {
        tracing::error!("cannot record the sync status: {e}");
    }
    outcome
}

/// [`sync_once`] on a runtime of its own, for the command line.
pub fn sync_blocking(
    store: &mut Store,
    settings: &Settings,
    root: &PublicKeyRef,
    now: UnixTime,
) -> Outcome {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(sync_once(store, settings, root, now)),
        Err(e) => Outcome::Failed(FetchError::Runtime(e.to_string()).into()),
    }
}
