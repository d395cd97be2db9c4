//! Starting the GUI kiosk from the config: the app, and the threads that
//! feed it (demo, sync). The scan screen comes up first; the camera and the
//! sync come up in the background.

use std::time::Duration;

use super::{App, Input, Settings};
use crate::bundle::active::{self, ActiveRules};
use crate::config::Config;
use crate::i18n::Lang;
use crate::records::{HolderKey, Records};
use crate::time::UnixTime;

/// The GUI settings a config asks for.
pub fn settings(config: &Config) -> Settings {
    Settings {
        kiosk_id: config.kiosk_id.clone(),
        venue: config.venue.clone(),
        default_language: Lang::from_tag(&config.default_language).unwrap_or(Lang::En),
        care_default: config.care_mode,
        auto_return_secs: config.auto_return_seconds,
        volume: config.volume,
        pin_hash: config.pin_hash.clone(),
        max_pin_tries: config.pin_max_tries,
        lockout_secs: i64::from(config.pin_lockout_minutes) * 60,
        options: crate::cmd::options(config),
        export_dir: config.export_path(),
        bundle_url: config.bundle_url.clone(),
        rules_store: config.rules_store(),
        root_key: config.bundle_root_key.clone(),
    }
}

/// Makes the app: rules and records opened, nothing waited on.
pub fn app(config: &Config, now: UnixTime) -> App {
    let root = active::root_key(config.bundle_root_key.as_deref());
    let mut rules = match &root {
        Ok(root) => ActiveRules::open(&config.rules_store(), root, now),
        Err(e) => {
            let mut r = ActiveRules::empty();
            r.problems.push(e.clone());
            r
        }
    };
    let mut extra = crate::bundle::TrustList::default();
    if let Some(path) = &config.trust_file {
        match crate::bundle::TrustList::load(path) {
            Ok(t) => extra.extend(&t),
            Err(e) => rules.problems.push(e),
        }
    }
    if config.trust_demo
        && let Ok(t) = crate::demo::trust_list()
    {
        extra.extend(&t);
    }
    let records = Records::open(&config.records_path(), config.retention_days, now);
    let key = HolderKey::beside(&config.records_path());
    let mut app = App::new(settings(config), rules, records, key, now);
    app.add_extra_trust(&extra);
    app
}

/// Sends the demo's codes every `every`, forever: green, yellow, red, a
/// replay and a forgery.
pub fn demo_thread(tx: tokio::sync::mpsc::UnboundedSender<Input>, every: Duration) {
    std::thread::spawn(move || {
        loop {
            let scenes = match crate::demo::scenes(UnixTime::now()) {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!("the demo cannot make its codes: {e}");
                    return;
                }
            };
            for scene in scenes {
                if tx.send(Input::Code(scene.text)).is_err() {
                    return;
                }
                std::thread::sleep(every);
            }
        }
    });
}

fn camera_state(status: &crate::scan::SourceStatus) -> Option<super::scan::Camera> {
    use super::scan::Camera;
    use crate::scan::{SourceError, SourceStatus};
    Some(match status {
        SourceStatus::Running { .. } => Camera::Ready,
        SourceStatus::Trouble { error, .. } => match error {
            SourceError::NoCamera(_) | SourceError::FormatUnsupported(_) | SourceError::Ended => {
                Camera::None
            }
            SourceError::Busy(_) => Camera::Busy,
            SourceError::Disconnected(_) => Camera::Lost,
            SourceError::BadFrame(_) => return None,
        },
        SourceStatus::Ended => Camera::None,
    })
}

/// The camera, its decode stage and its preview, on threads of their own;
/// everything reaches the app as [`Input`]s. A missing or failing camera is
/// a state on screen, never an error.
pub fn camera_thread(device: &str, tx: tokio::sync::mpsc::UnboundedSender<Input>) {
    use crate::scan::camera::{CameraChoice, CameraRequest, CameraSource, NokhwaDriver};
    use crate::scan::{ScanEvent, Scanner, StageConfig};
    let request = CameraRequest {
        choice: CameraChoice::parse(device),
        ..CameraRequest::default()
    };
    std::thread::spawn(move || {
        if let Ok(list) = crate::scan::camera::list_cameras() {
            let _ = tx.send(Input::Cameras(
                list.iter().map(|c| c.name.clone()).collect(),
            ));
        }
        let scanner = match Scanner::start(
            move || CameraSource::new(NokhwaDriver::new(), request),
            Box::new(crate::scan::default_chain()),
            StageConfig::default(),
        ) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!("cannot start the scanner: {e}");
                let _ = tx.send(Input::Camera(super::scan::Camera::None));
                return;
            }
        };
        let preview = scanner.preview();
        let mut shown = 0;
        loop {
            match scanner.events().recv_timeout(Duration::from_millis(66)) {
                Ok(ScanEvent::Code(code)) => {
                    if tx.send(Input::Code(code.text)).is_err() {
                        return;
                    }
                }
                Ok(ScanEvent::Status(status)) => {
                    if let Some(c) = camera_state(&status)
                        && tx.send(Input::Camera(c)).is_err()
                    {
                        return;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
            if preview.seq() != shown {
                shown = preview.seq();
                if let Some(p) = preview.latest() {
                    let (width, height) = (p.width, p.height);
                    let w = usize::try_from(width).unwrap_or(0);
                    // Mirrored, so a person can aim; luma to grey RGBA.
                    let mut rgba = Vec::with_capacity(p.pixels.len() * 4);
                    for row in p.pixels.chunks(w.max(1)) {
                        for &y in row.iter().rev() {
                            rgba.extend_from_slice(&[y, y, y, 255]);
                        }
                    }
                    if tx
                        .send(Input::Preview {
                            width,
                            height,
                            rgba,
                        })
                        .is_err()
                    {
                        return;
                    }
                }
            }
        }
    });
}

/// Runs the GUI kiosk until staff quit it.
pub fn run(config: &Config, windowed: bool, demo: bool) -> i32 {
    let tx = super::input_channel();
    // The keyboard scanner works through the window's keyboard events; the
    // camera comes up in the background.
    if demo {
        let _ = tx.send(Input::Camera(super::scan::Camera::None));
    } else {
        camera_thread(&config.camera, tx.clone());
    }
    if demo {
        demo_thread(tx.clone(), Duration::from_secs(6));
    }
    if let Some(url) = &config.bundle_url {
        crate::cmd::kiosk::spawn_background_sync(config, url, {
            let tx = tx.clone();
            move |what| tx.send(Input::RulesChanged(what)).is_ok()
        });
    }
    let config = config.clone();
    let result = super::run(
        move || {
            let mut app = app(&config, UnixTime::now());
            app.set_demo_running(demo);
            app.set_voice(crate::voice::Player::start(
                crate::voice::ClipLibrary::discover(crate::voice::default_override_dir()),
            ));
            app
        },
        windowed,
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("the window could not run: {e}");
            eprintln!(
                "healthgate: the window could not run ({e}); `healthgate kiosk` runs in a terminal"
            );
            1
        }
    }
}
