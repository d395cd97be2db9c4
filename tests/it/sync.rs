//! Sync against a real HTTP server on loopback: every way it goes wrong
//! leaves the installed bundle as it was.

use std::time::{Duration, Instant};

use healthgate::bundle::format::BundleError;
use healthgate::bundle::store::{Slot, Store, SyncResult};
use healthgate::bundle::sync::{Failure, FetchError, Outcome, Refusal, Settings, sync_blocking};

use super::bundle::{root, test_bundle};
use super::common::T0;
use super::http_server::{Behaviour, Server};

fn settings(url: &str) -> Settings {
    Settings {
        timeout: Duration::from_millis(800),
        attempts: 3,
        backoff: Duration::from_millis(50),
        ..Settings::new(url)
    }
}

fn installed(store: &Store) -> Option<u64> {
    store.summary(Slot::Current).unwrap().map(|s| s.version)
}

#[test]
fn every_sync_outcome_against_a_real_server() {
    let key = root().public();
    let v5 = test_bundle(5, T0).sign(root()).unwrap();
    let v6 = test_bundle(6, T0).sign(root()).unwrap();
    let v4 = test_bundle(4, T0).sign(root()).unwrap();
    let mut store = Store::in_memory().unwrap();
    let server = Server::start(Behaviour::Serve {
        body: v5.clone(),
        etag: "\"v5\"".into(),
    });
    let s = settings(&server.url);

    // First sync installs.
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(out, Outcome::Installed { version: 5, .. }),
        "{out:?}"
    );
    assert_eq!(installed(&store), Some(5));
    let status = store.sync_status().unwrap();
    assert_eq!(status.etag.as_deref(), Some("\"v5\""));
    assert_eq!(status.outcome, Some(SyncResult::Installed));

    // Same ETag: 304, unchanged.
    let before = server.count();
    assert_eq!(sync_blocking(&mut store, &s, &key, T0), Outcome::Unchanged);
    assert_eq!(server.count(), before + 1);

    // A newer bundle.
    server.set(Behaviour::Serve {
        body: v6.clone(),
        etag: "\"v6\"".into(),
    });
    assert!(matches!(
        sync_blocking(&mut store, &s, &key, T0),
        Outcome::Installed { version: 6, .. }
    ));
    assert_eq!(store.summary(Slot::Previous).unwrap().unwrap().version, 5);

    // An older bundle is refused.
    server.set(Behaviour::Serve {
        body: v4.clone(),
        etag: "\"v4\"".into(),
    });
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Refused(Refusal::NotNewer {
                offered: 4,
                installed: 6
            })
        ),
        "{out:?}"
    );
    assert_eq!(installed(&store), Some(6));

    // A bad signature is refused.
    let mut forged = test_bundle(9, T0).sign(root()).unwrap();
    let n = forged.len();
    forged[n - 3] ^= 1;
    server.set(Behaviour::Serve {
        body: forged,
        etag: "\"x\"".into(),
    });
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Refused(Refusal::Bundle(BundleError::BadSignature))
        ),
        "{out:?}"
    );
    // Signed by another root: refused, saying which key.
    let other = healthgate::crypto::PrivateKey::generate().unwrap();
    server.set(Behaviour::Serve {
        body: test_bundle(9, T0).sign(&other).unwrap(),
        etag: "\"o\"".into(),
    });
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Refused(Refusal::Bundle(BundleError::WrongKey { .. }))
        ),
        "{out:?}"
    );
    // A body that stops short of its Content-Length.
    let v9 = test_bundle(9, T0).sign(root()).unwrap();
    server.set(Behaviour::Truncate {
        cut: v9.len() / 2,
        body: v9.clone(),
    });
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::CutShort))),
        "{out:?}"
    );
    // A file that was cut short before it was published.
    server.set(Behaviour::Serve {
        body: v9[..v9.len() - 10].to_vec(),
        etag: "\"t\"".into(),
    });
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Refused(Refusal::Bundle(BundleError::Malformed(_)))
        ),
        "{out:?}"
    );
    assert_eq!(installed(&store), Some(6));

    // 404: no retry.
    server.set(Behaviour::Status(404));
    let before = server.count();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::Status(s))) if s.starts_with("404")),
        "{out:?}"
    );
    assert_eq!(server.count(), before + 1);
    // 500: retried, then given up.
    server.set(Behaviour::Status(500));
    let before = server.count();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::Status(s))) if s.starts_with("500")),
        "{out:?}"
    );
    assert_eq!(server.count(), before + 3);
    // A server that stalls past the timeout.
    server.set(Behaviour::Stall(Duration::from_secs(5)));
    let start = Instant::now();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Failed(Failure::Fetch(FetchError::Timeout(_)))
        ),
        "{out:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(installed(&store), Some(6));
    let status = store.sync_status().unwrap();
    assert_eq!(status.outcome, Some(SyncResult::Failed));
    assert!(status.detail.unwrap().contains("did not answer"));
    assert_eq!(status.succeeded_at, Some(T0));

    // A body of 1 GiB: refused from its length, without reading it.
    server.set(Behaviour::Huge);
    let start = Instant::now();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Failed(Failure::Fetch(FetchError::TooLarge(_)))
        ),
        "{out:?}"
    );
    // One without a length: read up to the limit, then given up.
    server.set(Behaviour::Endless);
    let small = Settings {
        max_bytes: 4 << 20,
        ..settings(&server.url)
    };
    let out = sync_blocking(&mut store, &small, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Failed(Failure::Fetch(FetchError::TooLarge(_)))
        ),
        "{out:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(installed(&store), Some(6));
    // A redirect to another host is not followed (asked once, saying where
    // it pointed); one on the same host is, a few times at most.
    let v10 = test_bundle(10, T0).sign(root()).unwrap();
    let target = Server::start(Behaviour::Serve {
        body: v10.clone(),
        etag: "\"v10\"".into(),
    });
    server.set(Behaviour::Redirect(
        target.url.replace("127.0.0.1", "localhost"),
    ));
    let before = server.count();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::Redirect(why))) if why.contains("another host")),
        "{out:?}"
    );
    assert_eq!(server.count(), before + 1);
    assert_eq!(target.count(), 0);
    if let Outcome::Failed(Failure::Fetch(e)) = &out {
        assert!(e.to_string().contains("set [bundle] url"), "{e}");
    }
    assert_eq!(installed(&store), Some(6));
    // The same host on another port is another server too.
    server.set(Behaviour::Redirect(target.url.clone()));
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(
            &out,
            Outcome::Failed(Failure::Fetch(FetchError::Redirect(_)))
        ),
        "{out:?}"
    );
    // Pointed at the target itself, it installs.
    let out = sync_blocking(&mut store, &settings(&target.url), &key, T0);
    assert!(matches!(out, Outcome::Installed { .. }), "{out:?}");
    assert_eq!(installed(&store), Some(10));
    // A server that sends it round in circles on its own host.
    server.set(Behaviour::Redirect(
        server.url.replace("/bundle.hgb", "/again"),
    ));
    let before = server.count();
    let out = sync_blocking(&mut store, &s, &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::Redirect(why))) if why.contains("more than 5")),
        "{out:?}"
    );
    assert_eq!(server.count(), before + 6);

    // No server at all.
    drop(server);
    let nobody = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/bundle.hgb", nobody.local_addr().unwrap());
    drop(nobody);
    let out = sync_blocking(&mut store, &settings(&url), &key, T0);
    assert!(
        matches!(&out, Outcome::Failed(Failure::Fetch(FetchError::Connect))),
        "{out:?}"
    );
    assert_eq!(installed(&store), Some(10));
}
