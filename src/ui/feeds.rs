//! What other threads bring the app, as iced subscriptions: the scanner
//! thread (camera or demo camera), which hands the app its
//! [`ScanControl`] first, and the background sync. A subscription starts
//! its thread when the app asks for it, so nothing runs before the window
//! is up, and an app in a headless test runs none.

use std::hash::{Hash, Hasher};

use iced::Subscription;
use iced::futures::{SinkExt, Stream};

use crate::bundle::sync::Outcome;
use crate::gate::SyncPlan;
use crate::scan::supervisor::{self, Feed, ScanCommand, ScanControl};

/// What the threads bring.
#[derive(Debug, Clone)]
pub enum Event {
    /// The scanner thread is up; this is how to reach it.
    ScannerReady(ScanControl),
    /// What the scanner thread saw.
    Feed(Feed),
    /// A background sync ended.
    Synced(Outcome),
}

/// The threads an app on screen runs.
#[derive(Debug, Clone)]
pub struct Feeds {
    /// What the scanner runs first: the configured camera, or the demo camera.
    pub scanner: ScanCommand,
    /// Whether the preview is mirrored (`[camera] mirror`).
    pub mirror: bool,
    /// The background sync, when the config names a bundle URL.
    pub sync: Option<SyncPlan>,
}

/// A sync plan as a subscription's identity: the same URL, store and
/// interval are the same subscription.
#[derive(Debug, Clone)]
struct SyncFeed(SyncPlan);

impl Hash for SyncFeed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.settings.url.hash(state);
        self.0.store.hash(state);
        self.0.every.hash(state);
    }
}

impl Feeds {
    /// The subscriptions of these feeds.
    pub fn subscription(&self) -> Subscription<Event> {
        let mut all = vec![Subscription::run_with(
            (self.scanner.clone(), self.mirror),
            scanner,
        )];
        if let Some(plan) = &self.sync {
            all.push(Subscription::run_with(SyncFeed(plan.clone()), sync));
        }
        Subscription::batch(all)
    }
}

fn scanner(first: &(ScanCommand, bool)) -> impl Stream<Item = Event> + use<> {
    let (first, mirror) = first.clone();
    iced::stream::channel(64, async move |mut out| {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Feed>();
        let control = supervisor::spawn_with(first, mirror, tx);
        if out.send(Event::ScannerReady(control)).await.is_err() {
            return;
        }
        while let Some(feed) = rx.recv().await {
            if out.send(Event::Feed(feed)).await.is_err() {
                return;
            }
        }
    })
}

fn sync(plan: &SyncFeed) -> impl Stream<Item = Event> + use<> {
    let plan = plan.0.clone();
    iced::stream::channel(4, async move |mut out| {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        if let Err(e) = plan.spawn(move |outcome| tx.send(outcome).is_ok()) {
            tracing::error!("cannot start the sync thread: {e}; not syncing");
            return;
        }
        while let Some(outcome) = rx.recv().await {
            if out.send(Event::Synced(outcome)).await.is_err() {
                return;
            }
        }
    })
}
