//! `healthgate serve`: the batch checking service, over HTTP/1.1 (TLS
//! optional) on tokio and hyper, through the same [`Gate`] as the kiosks;
//! and a kiosk's own `/metrics` ([`metrics_only`]).
//!
//! - `POST /v1/verify`: a JSON batch (`{"codes": [...], "venue": "..."}`
//!   to `{"results": [...]}`, in order), or an NDJSON stream (a code a
//!   line in, a result a line out, as they are checked).
//! - `GET /healthz`: whether the rules are loaded and within their age.
//! - `GET /metrics`: Prometheus text.
//!
//! Every request needs `Authorization: Bearer TOKEN`, whose SHA-256 is in
//! `[serve] tokens`. Limits (body size, codes a request, requests at once,
//! time a request) answer a 4xx with a JSON error, never a partial answer
//! presented as whole: a stream that cannot go on ends with an `error`
//! line. The service holds no state but the rules: no replay memory, no
//! records, so instances behind a load balancer need nothing shared.

mod body;
mod tls;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinSet;

use crate::config::Config;
use crate::gate::json::checked_json;
use crate::gate::{Gate, Metrics, RulesState, SyncPlan};
use crate::time::UnixTime;

pub use body::Body;

/// A line of an NDJSON stream longer than this ends the stream: no code
/// a QR code can hold comes near it.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Codes of a stream checked together at most.
const STREAM_BLOCK: usize = 256;

/// A JSON batch is split over every core from this many codes on.
const PARALLEL_FROM: usize = 32;

/// How long a client may take to send a request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long open connections get to finish at shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// What the service is set to, from `[serve]` and the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    /// Hashes of the accepted tokens ([`crate::config::hash_token`]).
    pub tokens: Vec<String>,
    /// The certificate chain and key files (PEM), for TLS.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_body_bytes: usize,
    pub max_codes: usize,
    pub max_concurrent: usize,
    pub timeout: Duration,
}

impl Settings {
    /// From the config; `listen` overrides `[serve] listen`.
    pub fn from_config(config: &Config, listen: Option<SocketAddr>) -> Result<Self, ServeError> {
        let listen = match listen {
            Some(a) => a,
            None => config
                .serve_listen
                .parse()
                .map_err(|_| ServeError::Address(config.serve_listen.clone()))?,
        };
        let tls = match (&config.serve_tls_cert, &config.serve_tls_key) {
            (Some(c), Some(k)) => Some((c.clone(), k.clone())),
            (None, None) => None,
            _ => {
                return Err(ServeError::Tls(
                    "set both tls_cert and tls_key in [serve]".into(),
                ));
            }
        };
        Ok(Self {
            listen,
            tokens: config.serve_tokens.clone(),
            tls,
            max_body_bytes: usize::try_from(config.serve_max_body_kib.saturating_mul(1024))
                .unwrap_or(usize::MAX),
            max_codes: config.serve_max_codes,
            max_concurrent: config.serve_max_concurrent,
            timeout: Duration::from_secs(config.serve_timeout_seconds),
        })
    }
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("`{0}` is not an address and port, such as 127.0.0.1:8750")]
    Address(String),
    #[error(
        "no token is set: add the hash of one from `healthgate config --hash-token TOKEN` to [serve] tokens"
    )]
    NoTokens,
    #[error(
        "{0} is not a loopback address: serving on it needs [serve] tokens and TLS (tls_cert, tls_key)"
    )]
    NotLoopback(SocketAddr),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("cannot listen on {addr}: {why}")]
    Bind { addr: SocketAddr, why: String },
    #[error("cannot start: {0}")]
    Runtime(String),
}

/// The state every request shares.
#[derive(Debug)]
struct Shared {
    /// The door of the batch service; none for a kiosk's `/metrics` alone.
    gate: Option<Arc<Gate>>,
    metrics: Arc<Metrics>,
    kiosk: String,
    tokens: Vec<[u8; 32]>,
    settings: Settings,
    busy: Arc<Semaphore>,
    threads: usize,
}

/// A bound service, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shared: Arc<Shared>,
    /// The batch service's door.
    gate: Option<Arc<Gate>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("listener", &self.listener)
            .field("tls", &self.tls.is_some())
            .finish_non_exhaustive()
    }
}

fn token_hashes(tokens: &[String]) -> Vec<[u8; 32]> {
    tokens
        .iter()
        .filter_map(|t| t.strip_prefix(crate::config::TOKEN_HASH_PREFIX))
        .filter_map(|hex| {
            let mut out = [0u8; 32];
            let ok = base16ct::mixed::decode(hex, &mut out).is_ok_and(|b| b.len() == 32);
            ok.then_some(out)
        })
        .collect()
}

impl Server {
    /// Binds the batch service: refuses to start without a token, and on
    /// an address other than a loopback one without TLS.
    pub fn bind(gate: Gate, settings: Settings) -> Result<Self, ServeError> {
        let tokens = token_hashes(&settings.tokens);
        if tokens.is_empty() {
            return Err(ServeError::NoTokens);
        }
        if !settings.listen.ip().is_loopback() && settings.tls.is_none() {
            return Err(ServeError::NotLoopback(settings.listen));
        }
        crate::crypto::sm2v::warm_up();
        for key in gate.rules().active.trust.keys() {
            if let crate::code::trust::PublicKey::Sm2(k) = &key.key {
                k.warm_up();
            }
        }
        let gate = Arc::new(gate.for_service());
        let metrics = Arc::clone(gate.metrics());
        let kiosk = gate.kiosk_id().to_string();
        Self::bind_with(Some(gate), metrics, kiosk, settings, tokens)
    }

    fn bind_with(
        gate: Option<Arc<Gate>>,
        metrics: Arc<Metrics>,
        kiosk: String,
        settings: Settings,
        tokens: Vec<[u8; 32]>,
    ) -> Result<Self, ServeError> {
        let tls = settings
            .tls
            .as_ref()
            .map(|(cert, key)| tls::acceptor(cert, key))
            .transpose()?;
        let listener =
            std::net::TcpListener::bind(settings.listen).map_err(|e| ServeError::Bind {
                addr: settings.listen,
                why: e.to_string(),
            })?;
        listener
            .set_nonblocking(true)
            .map_err(|e| ServeError::Runtime(e.to_string()))?;
        Ok(Self {
            listener,
            tls,
            gate: gate.clone(),
            shared: Arc::new(Shared {
                gate,
                metrics,
                kiosk,
                tokens,
                busy: Arc::new(Semaphore::new(settings.max_concurrent.max(1))),
                settings,
                threads: crate::gate::threads(),
            }),
        })
    }

    /// The address it listens on (the port chosen, when 0 was asked for).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// The door the service checks with (none for a kiosk's `/metrics`).
    pub fn gate(&self) -> Option<&Arc<Gate>> {
        self.gate.as_ref()
    }

    /// The one line a log (or systemd's journal) gets at start.
    pub fn describe(&self) -> String {
        let s = &self.shared.settings;
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        let addr = self.local_addr().unwrap_or(s.listen);
        let Some(gate) = &self.gate else {
            return format!("serving metrics on {scheme}://{addr}/metrics");
        };
        let rules = gate.rules();
        format!(
            "serving on {scheme}://{addr} with {} ({} issuer keys), venue {}, {} tokens; at most {} requests at once, {} codes and {} KiB a request, {} s each",
            rules.describe,
            rules.active.trust.len(),
            gate.venue(),
            self.shared.tokens.len(),
            s.max_concurrent,
            s.max_codes,
            s.max_body_bytes / 1024,
            s.timeout.as_secs(),
        )
    }

    /// Serves until `shutdown` resolves, then lets open requests finish
    /// (up to 30 s). Call it inside a tokio runtime.
    pub async fn run_until(self, shutdown: impl Future<Output = ()>) -> Result<(), ServeError> {
        let listener =
            TcpListener::from_std(self.listener).map_err(|e| ServeError::Runtime(e.to_string()))?;
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut tasks = JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                accepted = listener.accept() => {
                    let (stream, _) = match accepted {
                        Ok(a) => a,
                        Err(e) => {
                            // Out of file handles and the like: wait, go on.
                            tracing::warn!("serve: cannot accept a connection: {e}");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let shared = Arc::clone(&self.shared);
                    let stop = stop_rx.clone();
                    let tls = self.tls.clone();
                    tasks.spawn(async move {
                        match tls {
                            None => connection(TokioIo::new(stream), shared, stop).await,
                            Some(acceptor) => {
                                match tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await {
                                    Ok(Ok(s)) => connection(TokioIo::new(s), shared, stop).await,
                                    Ok(Err(e)) => tracing::debug!("serve: TLS handshake failed: {e}"),
                                    Err(_) => tracing::debug!("serve: TLS handshake timed out"),
                                }
                            }
                        }
                    });
                }
            }
        }
        drop(listener);
        let _ = stop_tx.send(true);
        let open = tasks.len();
        if open > 0 {
            tracing::info!(open, "serve: stopping, letting open connections finish");
        }
        let finished = tokio::time::timeout(SHUTDOWN_GRACE, async {
            while tasks.join_next().await.is_some() {}
        })
        .await;
        if finished.is_err() {
            tracing::warn!("serve: connections still open after 30 s; closing them");
            tasks.abort_all();
        }
        tracing::info!("serve: stopped");
        Ok(())
    }
}

async fn connection<I>(io: I, shared: Arc<Shared>, mut stop: watch::Receiver<bool>)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let service = service_fn(move |req| handle(Arc::clone(&shared), req));
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(io, service);
    tokio::pin!(conn);
    tokio::select! {
        result = conn.as_mut() => {
            if let Err(e) = result {
                tracing::debug!("serve: connection: {e}");
            }
        }
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Runs the batch service until SIGTERM or Ctrl-C: the `healthgate serve`
/// command, syncing the rules in the background when `sync` is given (as
/// a kiosk does). Returns the exit code.
pub fn run(gate: Gate, settings: Settings, sync: Option<SyncPlan>) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(crate::gate::threads())
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("healthgate serve: cannot start: {e}");
            return 2;
        }
    };
    let server = match Server::bind(gate, settings) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("healthgate serve: {e}");
            tracing::error!("serve: {e}");
            return 2;
        }
    };
    if let (Some(plan), Some(gate)) = (sync, server.gate()) {
        let gate = Arc::clone(gate);
        let spawned = plan.spawn(move |outcome| {
            if gate.synced(&outcome) {
                gate.reload(UnixTime::now());
            }
            true
        });
        if let Err(e) = spawned {
            tracing::error!("cannot start the sync thread: {e}; not syncing");
        }
    }
    // One line on stderr, which systemd's journal keeps (the service has
    // no log files); whatever the log level, so that it is always there.
    eprintln!("healthgate serve: {}", server.describe());
    match runtime.block_on(server.run_until(terminated())) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("healthgate serve: {e}");
            2
        }
    }
}

/// Resolves on SIGTERM (systemd's stop) or Ctrl-C.
pub async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// A kiosk's `/metrics`, on its own thread with a small runtime, for as
/// long as the kiosk runs. A token is asked for when `[serve] tokens` has
/// any; an address other than a loopback one needs tokens and the TLS
/// certificate and key of `[serve]`.
pub fn metrics_only(metrics: Arc<Metrics>, config: &Config) -> Result<SocketAddr, ServeError> {
    let Some(listen) = &config.metrics_listen else {
        return Err(ServeError::Address(String::new()));
    };
    let listen: SocketAddr = listen
        .parse()
        .map_err(|_| ServeError::Address(listen.clone()))?;
    let tokens = token_hashes(&config.serve_tokens);
    let tls = match (&config.serve_tls_cert, &config.serve_tls_key) {
        (Some(c), Some(k)) => Some((c.clone(), k.clone())),
        _ => None,
    };
    // Off loopback a token travels with every scrape: only with TLS.
    if !listen.ip().is_loopback() && (tokens.is_empty() || tls.is_none()) {
        return Err(ServeError::NotLoopback(listen));
    }
    let settings = Settings {
        listen,
        tokens: config.serve_tokens.clone(),
        tls,
        max_body_bytes: 0,
        max_codes: 0,
        max_concurrent: 4,
        timeout: Duration::from_secs(10),
    };
    let server = Server::bind_with(None, metrics, config.kiosk_id.clone(), settings, tokens)?;
    let addr = server.local_addr().unwrap_or(listen);
    std::thread::Builder::new()
        .name("metrics".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            match runtime {
                Ok(rt) => {
                    if let Err(e) = rt.block_on(server.run_until(std::future::pending())) {
                        tracing::error!("metrics: {e}");
                    }
                }
                Err(e) => tracing::error!("metrics: cannot start: {e}"),
            }
        })
        .map_err(|e| ServeError::Runtime(e.to_string()))?;
    tracing::info!("metrics: serving http://{addr}/metrics");
    Ok(addr)
}

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    json_text_response(status, value.to_string())
}

/// A response of JSON text made elsewhere.
fn json_text_response(status: StatusCode, text: String) -> Response<Body> {
    let mut r = Response::new(Body::full(Bytes::from(text)));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// A 4xx (or 5xx) with `{"error": code, "message": ...}`.
fn error(status: StatusCode, code: &str, message: &str) -> Response<Body> {
    json_response(status, &json!({"error": code, "message": message}))
}

fn authorized(shared: &Shared, req: &Request<Incoming>) -> bool {
    use sha2::Digest as _;
    let Some(token) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let hash: [u8; 32] = sha2::Sha256::digest(token.trim().as_bytes()).into();
    shared.tokens.contains(&hash)
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    // A kiosk's /metrics on loopback with no token configured is open to
    // the machine itself; everything else needs a token.
    let open = shared.gate.is_none() && shared.tokens.is_empty();
    if !open && !authorized(&shared, &req) {
        let mut r = error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send Authorization: Bearer TOKEN with a token whose hash is in [serve] tokens",
        );
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return Ok(r);
    }
    let path = req.uri().path().to_string();
    if path == "/metrics" {
        if req.method() != Method::GET {
            return Ok(method_not_allowed("GET"));
        }
        let mut r = Response::new(Body::full(Bytes::from(
            shared.metrics.prometheus(&shared.kiosk),
        )));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        );
        return Ok(r);
    }
    // A kiosk's endpoint has nothing else.
    let Some(gate) = shared.gate.clone() else {
        return Ok(error(
            StatusCode::NOT_FOUND,
            "not-found",
            "only GET /metrics here",
        ));
    };
    let response = match (req.method(), path.as_str()) {
        (&Method::GET, "/healthz") => healthz(&gate),
        (_, "/healthz") => method_not_allowed("GET"),
        (&Method::POST, "/v1/verify") => verify(shared, gate, req).await,
        (_, "/v1/verify") => method_not_allowed("POST"),
        _ => error(
            StatusCode::NOT_FOUND,
            "not-found",
            "the routes are POST /v1/verify, GET /healthz and GET /metrics",
        ),
    };
    Ok(response)
}

fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        &format!("use {allow}"),
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

/// 200 when issuers are trusted and the rule bundle (if any) is within
/// its age, 503 otherwise; the body says which.
fn healthz(gate: &Gate) -> Response<Body> {
    let now = UnixTime::now();
    let rules = gate.rules();
    let state = gate.rules_state(now);
    let (name, fit) = match state {
        RulesState::None => ("none", true),
        RulesState::Fresh { .. } => ("fresh", true),
        RulesState::Offline { .. } => ("offline", true),
        RulesState::Stale => ("stale", true),
        RulesState::Outdated => ("outdated", false),
    };
    let issuers = rules.active.trust.len();
    let ok = fit && issuers > 0;
    let bundle = rules.active.bundle.as_ref();
    json_response(
        if ok {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        &json!({
            "status": if ok { "ok" } else { "unavailable" },
            "rules": {
                "state": name,
                "version": rules.active.version(),
                "issued_at": bundle.map(|b| b.issued_at.to_string()),
                "describe": rules.describe,
                "demo": rules.demo,
            },
            "issuer_keys": issuers,
        }),
    )
}

/// The body of a JSON batch.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    codes: Vec<String>,
    #[serde(default)]
    venue: Option<String>,
}

fn venue_known(gate: &Gate, venue: &str) -> bool {
    gate.rules()
        .active
        .bundle
        .as_ref()
        .is_none_or(|b| b.policies.venues.contains_key(venue))
}

fn unknown_venue(venue: &str) -> Response<Body> {
    error(
        StatusCode::BAD_REQUEST,
        "unknown-venue",
        &format!("the rules in force have no venue `{venue}`"),
    )
}

async fn verify(shared: Arc<Shared>, gate: Arc<Gate>, req: Request<Incoming>) -> Response<Body> {
    let Ok(permit) = Arc::clone(&shared.busy).try_acquire_owned() else {
        let mut r = error(
            StatusCode::TOO_MANY_REQUESTS,
            "busy",
            "too many requests at once; try again",
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return r;
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    match content_type.as_str() {
        "application/x-ndjson" | "application/jsonl" => {
            let venue = query_venue(req.uri().query()).unwrap_or_else(|| gate.venue().to_string());
            if !venue_known(&gate, &venue) {
                return unknown_venue(&venue);
            }
            let (tx, rx) = mpsc::channel(16);
            tokio::spawn(async move {
                stream(&shared, &gate, req.into_body(), &venue, &tx).await;
                drop(permit);
            });
            let mut r = Response::new(Body::channel(rx));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-ndjson"),
            );
            r
        }
        "application/json" | "" => {
            let timeout = shared.settings.timeout;
            // The slot is held by the check itself, which cannot be cut
            // short: a request that timed out still counts until it ends.
            let answer = tokio::time::timeout(timeout, batch(&shared, gate, req, permit)).await;
            answer.unwrap_or_else(|_| {
                error(
                    StatusCode::REQUEST_TIMEOUT,
                    "timeout",
                    &format!("the request took longer than {} s", timeout.as_secs()),
                )
            })
        }
        other => error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            &format!("`{other}`: send application/json or application/x-ndjson"),
        ),
    }
}

/// `venue=NAME` of a query string.
fn query_venue(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .find_map(|kv| kv.strip_prefix("venue="))
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

async fn batch(
    shared: &Arc<Shared>,
    gate: Arc<Gate>,
    req: Request<Incoming>,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Response<Body> {
    let max = shared.settings.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            &format!(
                "the body is over {} KiB; send a large batch as application/x-ndjson",
                max / 1024
            ),
        )
    };
    if declared.is_some_and(|n| n > u64::try_from(max).unwrap_or(u64::MAX)) {
        return too_large();
    }
    let bytes = match Limited::new(req.into_body(), max).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => return too_large(),
        Err(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "body-unreadable",
                "the body could not be read",
            );
        }
    };
    let batch: Batch = match serde_json::from_slice(&bytes) {
        Ok(b) => b,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad-request",
                &format!("expected {{\"codes\": [\"...\"], \"venue\": \"...\"}}: {e}"),
            );
        }
    };
    if batch.codes.len() > shared.settings.max_codes {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-many-codes",
            &format!(
                "{} codes; at most {} a request (send more as application/x-ndjson)",
                batch.codes.len(),
                shared.settings.max_codes
            ),
        );
    }
    let venue = batch.venue.unwrap_or_else(|| gate.venue().to_string());
    if !venue_known(&gate, &venue) {
        return unknown_venue(&venue);
    }
    let threads = if batch.codes.len() >= PARALLEL_FROM {
        shared.threads
    } else {
        1
    };
    let codes = batch.codes;
    let checked = tokio::task::spawn_blocking(move || {
        let _slot = permit;
        let now = UnixTime::now();
        let results: Vec<Value> = gate
            .check_batch(&codes, &venue, now, threads)
            .iter()
            .map(checked_json)
            .collect();
        json!({ "results": results }).to_string()
    })
    .await;
    match checked {
        Ok(text) => json_text_response(StatusCode::OK, text),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the check failed; nothing was answered",
        ),
    }
}

/// The text of one NDJSON line: a JSON string, or the code as it is; a
/// line that is not UTF-8 is an unreadable code.
fn line_code(line: &[u8]) -> Option<String> {
    let text = crate::gate::line_text(line)?;
    if text.starts_with('"') {
        return Some(serde_json::from_str::<String>(&text).unwrap_or_default());
    }
    Some(text)
}

/// Reads an NDJSON body a frame at a time, checks its codes in blocks and
/// sends a result line for each, in order. A problem ends the stream with
/// an `{"error": ...}` line.
async fn stream(
    shared: &Arc<Shared>,
    gate: &Arc<Gate>,
    mut body: Incoming,
    venue: &str,
    tx: &mpsc::Sender<Bytes>,
) {
    let mut pending: Vec<u8> = Vec::new();
    let mut ended = false;
    while !ended {
        let frame = match tokio::time::timeout(shared.settings.timeout, body.frame()).await {
            Err(_) => {
                send(shared, tx, error_line("timeout", "no line came in time")).await;
                return;
            }
            Ok(None) => {
                ended = true;
                None
            }
            Ok(Some(Err(_))) => {
                send(
                    shared,
                    tx,
                    error_line("body-unreadable", "the body could not be read"),
                )
                .await;
                return;
            }
            Ok(Some(Ok(frame))) => frame.into_data().ok(),
        };
        if let Some(data) = frame {
            pending.extend_from_slice(&data);
        }
        // Every complete line, found in one pass, then drained at once.
        let mut codes = Vec::new();
        let mut start = 0;
        let mut too_long = false;
        while let Some(end) = pending
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map(|i| start + i)
        {
            let line = pending.get(start..=end).unwrap_or_default();
            if line.len() > MAX_LINE_BYTES {
                too_long = true;
                break;
            }
            codes.extend(line_code(line));
            start = end + 1;
        }
        pending.drain(..start);
        if ended && !too_long && !pending.is_empty() {
            too_long = pending.len() > MAX_LINE_BYTES;
            if !too_long {
                codes.extend(line_code(&std::mem::take(&mut pending)));
            }
        }
        if too_long || pending.len() > MAX_LINE_BYTES {
            // What came before still gets its answers.
            if !check_and_send(shared, gate, codes, venue, tx).await {
                return;
            }
            send(
                shared,
                tx,
                error_line(
                    "line-too-long",
                    "a line is over 64 KiB; no code is that long",
                ),
            )
            .await;
            return;
        }
        if !check_and_send(shared, gate, codes, venue, tx).await {
            return;
        }
    }
}

/// Checks `codes` in blocks and sends their lines; false when the client
/// is gone or the check failed.
async fn check_and_send(
    shared: &Arc<Shared>,
    gate: &Arc<Gate>,
    codes: Vec<String>,
    venue: &str,
    tx: &mpsc::Sender<Bytes>,
) -> bool {
    for block in codes.chunks(STREAM_BLOCK) {
        let gate = Arc::clone(gate);
        let block = block.to_vec();
        let venue = venue.to_string();
        let threads = if block.len() >= PARALLEL_FROM {
            shared.threads
        } else {
            1
        };
        let lines = tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            for checked in gate.check_batch(&block, &venue, UnixTime::now(), threads) {
                out.extend_from_slice(checked_json(&checked).to_string().as_bytes());
                out.push(b'\n');
            }
            Bytes::from(out)
        })
        .await;
        let Ok(lines) = lines else {
            send(
                shared,
                tx,
                error_line("internal", "the check failed; the stream ends here"),
            )
            .await;
            return false;
        };
        if !send(shared, tx, lines).await {
            return false;
        }
    }
    true
}

/// Sends a chunk of the answer; false when the client is gone or has not
/// read for the request time limit (then the stream, and its slot, end).
async fn send(shared: &Shared, tx: &mpsc::Sender<Bytes>, chunk: Bytes) -> bool {
    matches!(
        tokio::time::timeout(shared.settings.timeout, tx.send(chunk)).await,
        Ok(Ok(()))
    )
}

fn error_line(code: &str, message: &str) -> Bytes {
    let mut line = json!({"error": code, "message": message}).to_string();
    line.push('\n');
    Bytes::from(line)
}

impl Body {
    fn full(bytes: Bytes) -> Self {
        Self::Full(Full::new(bytes))
    }
}
