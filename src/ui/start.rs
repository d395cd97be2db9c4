//! Starting the GUI kiosk from the config: the door, the app and the
//! window. The scan screen comes up first; the camera and the sync come up
//! in the background.

use super::App;
use super::feeds::Feeds;
use crate::config::Config;
use crate::gate::{self, RuleSources, SyncPlan};
use crate::scan::supervisor::ScanCommand;
use crate::time::UnixTime;

/// The background sync a config asks for (none without a bundle URL).
fn sync_plan(config: &Config) -> Option<SyncPlan> {
    SyncPlan::from_config(config)?
        .inspect_err(|e| tracing::error!("not syncing: {e}"))
        .ok()
}

/// Makes the app: the door opened through the same [`gate::for_kiosk`] as
/// the terminal kiosk, nothing waited on, no thread started.
pub fn app(config: &Config, now: UnixTime) -> App {
    let sources = RuleSources {
        demo: config.trust_demo,
        ..RuleSources::default()
    };
    let (gate, problems) = gate::for_kiosk(config, sources, now);
    let mut app = App::new(config.clone(), gate, now).with_staff_file(config.staff_path());
    if let Some(plan) = sync_plan(config) {
        app = app.with_sync(plan);
    }
    app.add_notices(problems.iter().map(ToString::to_string));
    app
}

/// Runs the GUI kiosk until staff quit it.
pub fn run(config: &Config, windowed: bool, demo: bool) -> i32 {
    if let Some(why) = no_display() {
        tracing::error!("the window cannot open: {why}");
        eprintln!("healthgate: {why}; `healthgate kiosk` runs in a terminal");
        return 1;
    }
    // `--demo` trusts the DEMO authority, as `kiosk --demo` does.
    let config = Config {
        trust_demo: config.trust_demo || demo,
        ..config.clone()
    };
    // The windowing library panics when the display goes away or cannot be
    // opened; that is a clear error here, not a crash.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        super::run(
            move || {
                // The keyboard scanner works through the window's keyboard
                // events; the camera (or the demo camera) and the sync come
                // up in the background, as subscriptions of the app.
                let scanner = if demo {
                    ScanCommand::Demo
                } else {
                    ScanCommand::Camera(config.camera.clone(), super::app::camera_controls(&config))
                };
                let mut app = app(&config, UnixTime::now());
                if config.metrics_listen.is_some()
                    && let Err(e) = crate::serve::metrics_only(
                        std::sync::Arc::clone(app.gate().metrics()),
                        &config,
                    )
                {
                    tracing::error!("metrics: not served: {e}");
                }
                app = app.with_feeds(Feeds {
                    scanner,
                    mirror: config.mirror,
                    sync: sync_plan(&config),
                });
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
