//! Starting the GUI kiosk from the config: the app, and the threads that
//! feed it (demo, sync). The scan screen comes up first; the camera and the
//! sync come up in the background.

use std::time::Duration;

use super::{App, Input, ScanCommand, ScanControl, Settings};
use crate::bundle::active::{self, ActiveRules};
use crate::config::Config;
use crate::i18n::Lang;
use crate::records::{HolderKey, Records};
use crate::time::UnixTime;

/// The GUI settings a config asks for.
pub fn settings(config: &Config) -> Settings {
    Settings {
        kiosk_id: config.kiosk_id.clone(),
        prefs: super::staff::Prefs {
            venue: config.venue.clone(),
            default_language: Lang::from_tag(&config.default_language).unwrap_or(Lang::En),
            care_default: config.care_mode,
            auto_return_secs: config.auto_return_seconds,
            volume: config.volume,
            camera: config.camera.clone(),
        },
        staff_file: Some(config.staff_path()),
        demo_allowed: config.trust_demo,
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

fn camera_state(status: &crate::scan::SourceStatus, demo: bool) -> Option<super::scan::Camera> {
    use super::scan::Camera;
    use crate::scan::{SourceError, SourceStatus};
    Some(match status {
        SourceStatus::Running { .. } if demo => Camera::Demo,
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

/// How often the scanner thread looks for cameras plugged in or out.
const CAMERA_LIST_EVERY: Duration = Duration::from_secs(10);

/// Starts the scanner for `command`: the webcam (with its reconnects) or
/// the demo camera, each through the same decode stage.
fn start_scanner(command: &ScanCommand) -> std::io::Result<crate::scan::Scanner> {
    use crate::scan::camera::{CameraChoice, CameraRequest, CameraSource, NokhwaDriver};
    use crate::scan::demo::{DemoSource, DemoTiming};
    use crate::scan::{Scanner, StageConfig};
    let chain = Box::new(crate::scan::default_chain());
    match command {
        ScanCommand::Camera(device) => {
            let request = CameraRequest {
                choice: CameraChoice::parse(device),
                ..CameraRequest::default()
            };
            tracing::info!(camera = %request.choice, "starting the camera");
            Scanner::start(
                move || CameraSource::new(NokhwaDriver::new(), request),
                chain,
                StageConfig::default(),
            )
        }
        ScanCommand::Demo => {
            tracing::info!("starting the demo camera");
            Scanner::start(
                || DemoSource::kiosk(DemoTiming::default()),
                chain,
                StageConfig::default(),
            )
        }
    }
}

/// Mirrors a preview (so a person can aim) and makes it grey RGBA.
pub fn preview_input(p: &crate::scan::Preview) -> Input {
    let w = usize::try_from(p.width).unwrap_or(0).max(1);
    let mut rgba = Vec::with_capacity(p.pixels.len() * 4);
    for row in p.pixels.chunks(w) {
        for &y in row.iter().rev() {
            rgba.extend_from_slice(&[y, y, y, 255]);
        }
    }
    Input::Preview {
        width: p.width,
        height: p.height,
        rgba,
    }
}

/// Sends the camera list when it changed since `last`.
fn send_cameras(tx: &tokio::sync::mpsc::UnboundedSender<Input>, sent: &mut Option<Vec<String>>) {
    let names: Vec<String> = crate::scan::camera::list_cameras()
        .map(|l| l.into_iter().map(|c| c.name).collect())
        .unwrap_or_default();
    if sent.as_ref() != Some(&names) {
        let _ = tx.send(Input::Cameras(names.clone()));
        *sent = Some(names);
    }
}

/// The scanner on a thread of its own: it runs what `first` asks for, then
/// whatever the app asks through the returned [`ScanControl`] (another
/// camera, the demo), and sends codes, camera states, previews and the
/// camera list to the app as [`Input`]s. A missing or failing camera is a
/// state on screen, never an error.
pub fn scanner_thread(
    first: ScanCommand,
    tx: tokio::sync::mpsc::UnboundedSender<Input>,
) -> ScanControl {
    use crate::scan::ScanEvent;
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    let (control, commands) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("scanner".into())
        .spawn(move || {
            let mut command = first;
            let mut cameras = None;
            send_cameras(&tx, &mut cameras);
            let mut listed = std::time::Instant::now();
            loop {
                let demo = command == ScanCommand::Demo;
                let scanner = match start_scanner(&command) {
                    Ok(s) => s,
                    Err(e) => {
                        tracing::error!("cannot start the scanner: {e}");
                        let _ = tx.send(Input::Camera(super::scan::Camera::None));
                        match commands.recv() {
                            Ok(c) => {
                                command = c;
                                continue;
                            }
                            Err(_) => return,
                        }
                    }
                };
                let preview = scanner.preview();
                let mut shown = 0;
                let next = loop {
                    match commands.try_recv() {
                        Ok(c) => break Some(c),
                        Err(TryRecvError::Disconnected) => break None,
                        Err(TryRecvError::Empty) => {}
                    }
                    let sent = match scanner.events().recv_timeout(Duration::from_millis(66)) {
                        Ok(ScanEvent::Code(code)) => tx.send(Input::Code(code.text)).is_ok(),
                        Ok(ScanEvent::Status(status)) => camera_state(&status, demo)
                            .is_none_or(|c| tx.send(Input::Camera(c)).is_ok()),
                        Err(RecvTimeoutError::Timeout) => true,
                        Err(RecvTimeoutError::Disconnected) => {
                            // The source ended; wait for the next request.
                            let _ = tx.send(Input::Camera(super::scan::Camera::None));
                            break commands.recv().ok();
                        }
                    };
                    if !sent {
                        break None;
                    }
                    if preview.seq() != shown {
                        shown = preview.seq();
                        if let Some(p) = preview.latest()
                            && tx.send(preview_input(&p)).is_err()
                        {
                            break None;
                        }
                    }
                    if scanner.source_finished() {
                        // The source thread ended (or died): say so, and
                        // wait for the next request.
                        tracing::warn!("the frame source stopped");
                        let _ = tx.send(Input::Camera(super::scan::Camera::None));
                        break commands.recv().ok();
                    }
                    if listed.elapsed() >= CAMERA_LIST_EVERY {
                        send_cameras(&tx, &mut cameras);
                        listed = std::time::Instant::now();
                    }
                };
                scanner.stop();
                match next {
                    Some(c) => command = c,
                    None => return,
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the scanner thread: {e}");
    }
    ScanControl::new(control)
}

/// Runs the GUI kiosk until staff quit it.
pub fn run(config: &Config, windowed: bool, demo: bool) -> i32 {
    if let Some(why) = no_display() {
        tracing::error!("the window cannot open: {why}");
        eprintln!("healthgate: {why}; `healthgate kiosk` runs in a terminal");
        return 1;
    }
    let tx = super::input_channel();
    // `--demo` trusts the DEMO authority, as `kiosk --demo` does.
    let config = &Config {
        trust_demo: config.trust_demo || demo,
        ..config.clone()
    };
    // The keyboard scanner works through the window's keyboard events; the
    // camera (or the demo camera) comes up in the background.
    let control = scanner_thread(
        if demo {
            ScanCommand::Demo
        } else {
            ScanCommand::Camera(config.camera.clone())
        },
        tx.clone(),
    );
    if let Some(url) = &config.bundle_url {
        crate::cmd::kiosk::spawn_background_sync(config, url, {
            let tx = tx.clone();
            move |what| tx.send(Input::RulesChanged(what)).is_ok()
        });
    }
    let config = config.clone();
    // The windowing library panics when the display goes away or cannot be
    // opened; that is a clear error here, not a crash.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        super::run(
            move || {
                let mut app = app(&config, UnixTime::now());
                app.set_demo_running(demo);
                app.set_scan_control(control.clone());
                app.set_voice(crate::voice::Player::start(
                    crate::voice::ClipLibrary::discover(crate::voice::default_override_dir()),
                ));
                app
            },
            windowed,
        )
    }))
    .unwrap_or_else(|_| {
        Err(iced::Error::WindowCreationFailed(Box::new(
            std::io::Error::other("the display could not be used (see the log)"),
        )))
    });
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

/// Why no window can open, when that is plain before trying: on Linux and
/// the BSDs, neither an X11 nor a Wayland display is set.
fn no_display() -> Option<String> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    (unix_desktop && !set("DISPLAY") && !set("WAYLAND_DISPLAY"))
        .then(|| "no display (neither DISPLAY nor WAYLAND_DISPLAY is set)".to_string())
}
