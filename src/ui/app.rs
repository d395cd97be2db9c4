//! The kiosk app: which screen is up, what the camera and the rules are
//! doing, and the door it checks codes at.
//!
//! Everything `view()` draws is in memory: the state of the rules, the last
//! sync and the staff screen's records and counts are read on `Tick`,
//! `Synced` and when the staff screen opens, never while drawing. Work that
//! could keep the screen waiting (a sync, loading a newer bundle, writing
//! an export) runs off the screen's thread and comes back as a message.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::image;
use iced::{Element, Subscription, Task, keyboard, window};

use super::feeds::{self, Feeds};
use super::{Ctx, scan, staff, verdict};
use crate::bundle::store::SyncStatus;
use crate::bundle::sync::Outcome;
use crate::config::{self, Config};
use crate::gate::{Gate, Rules, RulesState, SyncPlan};
use crate::i18n::{Arg, I18n, Lang};
use crate::pin;
use crate::records::{self, ExportFormat, Filter, HourCount, Record, RecordsError};
use crate::scan::chunks::{Gathered, Gatherer};
use crate::scan::decoder::AimHint;
use crate::scan::supervisor::{CameraState, Feed, ScanCommand, ScanControl};
use crate::time::UnixTime;

/// How often the staff screen's records and counts are read again while
/// it is open.
const STAFF_REFRESH_SECS: i64 = 5;
/// Staff's picture settings for the camera, from the config.
pub fn camera_controls(config: &Config) -> crate::scan::camera::Controls {
    crate::scan::camera::Controls {
        brightness: config.brightness,
        exposure: config.exposure,
    }
}

/// How long an aiming hint stays after the scanner last reported it.
const AIM_LASTS: std::time::Duration = std::time::Duration::from_millis(1500);

/// The voice says an aiming hint at most this often: once to help, not a
/// nag while the person is already moving the phone.
const AIM_SAY_EVERY: std::time::Duration = std::time::Duration::from_secs(8);

/// Which screen is up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Scan,
    Verdict(Box<verdict::Verdict>),
    Pin(staff::PinPad),
    Staff(Box<staff::Staff>),
}

/// Messages of the app.
#[derive(Debug, Clone)]
pub enum Message {
    Tick(UnixTime),
    Key(keyboard::Event),
    /// The scanner thread is up; this is how to reach it.
    ScannerReady(ScanControl),
    /// What the scanner thread saw: a code, a preview, the camera's state.
    Feed(Feed),
    /// A sync ended (in the background, or started by staff).
    Synced(Outcome),
    /// Rules loaded off the screen's thread after a newer bundle came
    /// (`None`: the loading thread died; the rules in force stay).
    RulesLoaded(Option<Arc<Rules>>),
    /// An export ended: the file and how many records, or why not.
    Exported(Result<(PathBuf, usize), String>),
    Scan(scan::Message),
    Verdict(verdict::Message),
    Pin(staff::PinMessage),
    Staff(staff::Message),
}

/// Work running off the screen's thread, so the staff screen can say so
/// and not start it twice.
#[derive(Debug, Clone, Copy, Default)]
struct Jobs {
    syncing: bool,
    exporting: bool,
}

/// The kiosk app.
pub struct App {
    /// The config, with the staff screen's settings in force.
    pub config: Config,
    pub screen: Screen,
    /// The language on screen now.
    pub lang: Lang,
    pub care: bool,
    pub now: UnixTime,
    gate: Gate,
    /// Where the staff screen keeps its changes (`None`: until restart).
    staff_file: Option<PathBuf>,
    /// The threads to run when on screen (none in headless tests).
    feeds: Option<Feeds>,
    sync: Option<SyncPlan>,
    verdict_until: Option<UnixTime>,
    camera: CameraState,
    cameras: Vec<String>,
    scan_control: Option<ScanControl>,
    /// A request made before the scanner thread was up.
    pending_scan: Option<ScanCommand>,
    preview: Option<image::Handle>,
    /// A code in view but not yet read: what would help, and since when.
    aim: Option<(AimHint, std::time::Instant)>,
    /// When the voice last said an aiming hint.
    aim_said: Option<std::time::Instant>,
    /// The zone times are shown in (`[kiosk] timezone`).
    zone: super::when::Zone,
    lock: pin::Lock,
    rules_state: RulesState,
    last_sync: SyncStatus,
    recent: Vec<Record>,
    hours: Vec<HourCount>,
    staff_read_at: Option<UnixTime>,
    notices: Vec<String>,
    jobs: Jobs,
    demo_running: bool,
    keybuf: String,
    /// The language the person touched on the scan screen, until the next person.
    touched: Option<Lang>,
    /// The last code shown, with when: the same code read again at once is not a new person.
    last_code: Option<(String, UnixTime)>,
    /// The chunks of a multi-chunk SMART Health Card read so far.
    chunks: Gatherer,
    /// The voice; silent until [`App::set_voice`].
    voice: crate::voice::Player,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

fn default_lang(config: &Config) -> Lang {
    Lang::from_tag(&config.default_language).unwrap_or(Lang::En)
}

impl App {
    /// An app for `config` checking codes at `gate`; `now` is the start time.
    pub fn new(config: Config, mut gate: Gate, now: UnixTime) -> Self {
        let zone = super::when::Zone::from_setting(&config.timezone);
        gate.set_venue(&config.venue);
        let rules = gate.rules();
        let mut notices: Vec<String> = rules
            .active
            .problems
            .iter()
            .map(ToString::to_string)
            .collect();
        notices.extend(
            gate.with_records_do(|r| r.warnings.clone())
                .unwrap_or_default(),
        );
        let last_sync = gate.sync_status();
        let rules_state = gate.rules_state(now);
        drop(rules);
        Self {
            lang: default_lang(&config),
            care: config.care_mode,
            lock: pin::Lock::new(
                config.pin_max_tries,
                i64::from(config.pin_lockout_minutes) * 60,
            ),
            config,
            screen: Screen::Scan,
            now,
            gate,
            staff_file: None,
            feeds: None,
            sync: None,
            verdict_until: None,
            camera: CameraState::Starting,
            cameras: Vec::new(),
            scan_control: None,
            pending_scan: None,
            preview: None,
            aim: None,
            aim_said: None,
            zone,
            rules_state,
            last_sync,
            recent: Vec::new(),
            hours: Vec::new(),
            staff_read_at: None,
            notices,
            jobs: Jobs::default(),
            demo_running: false,
            keybuf: String::new(),
            touched: None,
            last_code: None,
            chunks: Gatherer::default(),
            voice: crate::voice::Player::silent(),
        }
    }

    /// Keeps the staff screen's changes in this file.
    #[must_use]
    pub fn with_staff_file(mut self, path: PathBuf) -> Self {
        self.staff_file = Some(path);
        self
    }

    /// Runs these threads when on screen, and syncs by hand with the plan.
    #[must_use]
    pub fn with_feeds(mut self, feeds: Feeds) -> Self {
        self.sync.clone_from(&feeds.sync);
        self.demo_running = feeds.scanner == ScanCommand::Demo;
        self.feeds = Some(feeds);
        self
    }

    /// Syncs with this plan when staff ask (no background sync).
    #[must_use]
    pub fn with_sync(mut self, plan: SyncPlan) -> Self {
        self.sync = Some(plan);
        self
    }

    /// The aiming hint on the scan screen, if a code is seen but unread.
    pub fn aim(&self) -> Option<AimHint> {
        self.aim.map(|(hint, _)| hint)
    }

    /// What the staff screen tells staff (problems met while starting,
    /// records that could not be written ...).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Adds problems met while starting, for the staff screen.
    pub fn add_notices(&mut self, notices: impl IntoIterator<Item = String>) {
        for n in notices {
            self.notice(n);
        }
    }

    /// Speaks verdicts through this player (it never blocks the screen).
    pub fn set_voice(&mut self, player: crate::voice::Player) {
        self.voice = player;
    }

    /// Sends camera and demo requests to this scanner thread.
    pub fn set_scan_control(&mut self, control: ScanControl) {
        if let Some(c) = self.pending_scan.take()
            && !control.send(c)
        {
            tracing::error!("the scanner thread is gone");
        }
        self.scan_control = Some(control);
    }

    /// The door this app checks codes at.
    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// The records the staff screen shows now (as last read, with its
    /// filters).
    pub fn recent(&self) -> &[Record] {
        &self.recent
    }

    /// Whether the demo may run here: only where codes of the DEMO
    /// authority are accepted anyway.
    pub fn demo_allowed(&self) -> bool {
        self.config.trust_demo || self.gate.rules().active.is_demo()
    }

    fn notice(&mut self, text: String) {
        if !self.notices.contains(&text) {
            self.notices.push(text);
        }
    }

    fn scan_command(&mut self, command: ScanCommand) {
        match &self.scan_control {
            Some(c) => {
                if !c.send(command) {
                    tracing::error!("the scanner thread is gone; the camera cannot change");
                }
            }
            // The scanner thread is not up yet: it gets the request when it is.
            None => self.pending_scan = Some(command),
        }
    }

    /// Starts the demo camera (when allowed): replayed frames of demo codes
    /// through the scanner, marked DEMO on screen while it runs.
    fn start_demo(&mut self) {
        if !self.demo_allowed() {
            tracing::warn!("the demo is not offered: this kiosk does not accept DEMO codes");
            return;
        }
        self.demo_running = true;
        self.camera = CameraState::Starting;
        self.preview = None;
        self.scan_command(ScanCommand::Demo);
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            i18n: I18n::global(),
            care: self.care,
            demo: self.gate.rules().active.is_demo() || self.demo_running,
            now: self.now,
            zone: self.zone.clone(),
        }
    }

    /// The state of the rules for the scan screen, as last read.
    pub fn rules_state(&self) -> RulesState {
        self.rules_state
    }

    /// Sets the camera state (also what the scanner thread reports).
    pub fn set_camera(&mut self, c: CameraState) {
        self.camera = c;
    }

    /// Whether the demo is running.
    pub fn set_demo_running(&mut self, on: bool) {
        self.demo_running = on;
    }

    /// Applies settings changed on the staff screen and keeps them in the
    /// staff settings file; a change of camera restarts the scanner on it.
    /// Returns whether the camera changed.
    fn apply_settings(&mut self, settings: Config) -> bool {
        let changes = config::staff_changes(&self.config, &settings);
        let camera_changed = settings.camera != self.config.camera
            || camera_controls(&settings) != camera_controls(&self.config);
        self.config = settings;
        self.gate.set_venue(&self.config.venue);
        if camera_changed {
            self.use_camera();
        }
        let Some(path) = self.staff_file.clone() else {
            return camera_changed;
        };
        for key in changes {
            let value = (key.get)(&self.config);
            tracing::info!(setting = %key.name(), %value, "changed on the staff screen");
            if let Err(e) = config::save_staff_setting(&path, key, value) {
                tracing::error!("{e}");
                let w = I18n::global().text_with(
                    self.lang,
                    "staff-settings-failed",
                    &[("error", Arg::from(e.to_string()))],
                );
                self.notice(w);
            }
        }
        camera_changed
    }

    /// Stops the demo (if it runs) and (re)starts the chosen camera.
    fn use_camera(&mut self) {
        self.demo_running = false;
        self.camera = CameraState::Starting;
        self.preview = None;
        self.scan_command(ScanCommand::Camera(
            self.config.camera.clone(),
            camera_controls(&self.config),
        ));
    }

    /// A code arrived: the gate checks and records it, then the screen
    /// shows it and the voice says it.
    fn on_code(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        // A chunk of a card shown in parts: the scan screen says how many
        // are read until the last one comes.
        let card = match self.chunks.offer(text, self.now) {
            Gathered::Ready(card) => card,
            Gathered::Partial { .. } => {
                if matches!(self.screen, Screen::Verdict(_)) {
                    self.back_to_scan();
                }
                return;
            }
        };
        let text = card.as_str();
        if let Some((last, at)) = &self.last_code
            && last == text
            && self.now.0 - at.0 < 3
            && matches!(self.screen, Screen::Verdict(_))
        {
            return;
        }
        let checked = self.gate.check(text, self.now);
        if let Some(e) = &checked.record_error {
            let w = I18n::global().text_with(
                self.lang,
                "staff-records-warning",
                &[(
                    "warning",
                    Arg::from(format!("cannot write verification records: {e}")),
                )],
            );
            self.notice(w);
        }
        let v = verdict::Verdict::of(&checked, default_lang(&self.config));
        self.lang = checked.show_in(self.touched, default_lang(&self.config));
        self.voice
            .say(checked.announcement(self.lang, self.care, self.config.volume));
        self.last_code = Some((text.to_string(), self.now));
        self.verdict_until = Some(self.now.plus(self.config.auto_return_seconds));
        self.screen = Screen::Verdict(Box::new(v));
    }

    /// The scanner sees a code it cannot read yet. The screen shows what
    /// would help at once; the voice says it when the scanner reports the
    /// same hint a second time in a row (a code held there, not one passing
    /// by), and at most every [`AIM_SAY_EVERY`].
    fn on_aim(&mut self, hint: AimHint) {
        let now = std::time::Instant::now();
        let again = self.aim.is_some_and(|(h, _)| h == hint);
        self.aim = Some((hint, now));
        if again
            && matches!(self.screen, Screen::Scan)
            && self
                .aim_said
                .is_none_or(|t| now.duration_since(t) >= AIM_SAY_EVERY)
        {
            self.aim_said = Some(now);
            self.voice.say(
                crate::voice::Announcement::sentence(scan::aim_clip(hint), self.lang.tag())
                    .with_care(self.care)
                    .with_volume(self.config.volume),
            );
        }
    }

    fn back_to_scan(&mut self) {
        self.screen = Screen::Scan;
        self.verdict_until = None;
        // A touched language lasts until the next person.
        self.touched = None;
        self.lang = default_lang(&self.config);
        self.care = self.config.care_mode;
    }

    /// Reads the staff screen's records and counts (on opening it, on a
    /// filter, after a sync, and every few seconds while it is open).
    fn refresh_staff(&mut self) {
        let (filter, format) = match &self.screen {
            Screen::Staff(s) => (s.filter, s.format_filter),
            _ => (None, None),
        };
        let now = self.now;
        let read = self.gate.with_records_do(|r| {
            let recent = r.query(&Filter {
                verdict: filter,
                format,
                limit: Some(50),
                ..Filter::default()
            });
            let hours = r.hourly(now.plus(-24 * 3600), now.plus(1));
            (recent, hours)
        });
        let (recent, hours) = read.unwrap_or((Ok(Vec::new()), Ok(Vec::new())));
        self.recent = recent.unwrap_or_default();
        self.hours = hours.unwrap_or_default();
        self.staff_read_at = Some(now);
    }

    /// The clock's tick: auto-return, the hourly purge, the state of the
    /// rules, and the staff screen's records.
    fn on_tick(&mut self, now: UnixTime) {
        self.now = now;
        // The hint lasts while the scanner keeps seeing the code.
        if self
            .aim
            .is_some_and(|(_, since)| since.elapsed() >= AIM_LASTS)
        {
            self.aim = None;
        }
        if let Some(until) = self.verdict_until
            && now >= until
            && matches!(self.screen, Screen::Verdict(_))
        {
            self.back_to_scan();
        }
        // Records held back while the store could not take them.
        let _ = self.gate.flush_unwritten();
        if let Some(Err(e)) = self.gate.purge_due(now) {
            let w = I18n::global().text_with(
                self.lang,
                "staff-records-warning",
                &[(
                    "warning",
                    Arg::from(format!("cannot delete old records: {e}")),
                )],
            );
            self.notice(w);
        }
        self.rules_state = self.gate.rules_state(now);
        if matches!(self.screen, Screen::Staff(_))
            && self
                .staff_read_at
                .is_none_or(|t| (now.0 - t.0).abs() >= STAFF_REFRESH_SECS)
        {
            self.refresh_staff();
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => self.on_tick(now),
            Message::Key(event) => self.on_key(&event),
            Message::ScannerReady(control) => self.set_scan_control(control),
            Message::Feed(feed) => match feed {
                Feed::Code(text, at) => {
                    self.aim = None;
                    if matches!(self.screen, Screen::Scan | Screen::Verdict(_)) {
                        self.on_code(&text);
                        if matches!(self.screen, Screen::Verdict(_)) {
                            // From the frame that held the code to the verdict
                            // as the app's state (drawn at the next frame).
                            let ms = at.elapsed().as_secs_f64() * 1000.0;
                            tracing::info!(
                                latency_ms = format!("{ms:.1}"),
                                "a code from the camera, frame to screen"
                            );
                        }
                    }
                }
                Feed::Aim(hint) => self.on_aim(hint),
                Feed::Preview {
                    width,
                    height,
                    rgba,
                } => {
                    self.preview = Some(image::Handle::from_rgba(width, height, rgba));
                }
                Feed::Camera(c) => {
                    match c {
                        CameraState::Ready | CameraState::Demo => self.gate.metrics().camera(true),
                        CameraState::None | CameraState::Lost | CameraState::Busy => {
                            self.gate.metrics().camera(false);
                        }
                        CameraState::Starting => {}
                    }
                    self.camera = c;
                }
                Feed::Cameras(list) => self.cameras = list,
            },
            Message::Scan(m) => match scan::update(&m) {
                scan::Event::Language(l) => {
                    self.lang = l;
                    self.touched = Some(l);
                }
                scan::Event::ToggleCare => self.care = !self.care,
                scan::Event::OpenStaff => self.screen = Screen::Pin(staff::PinPad::default()),
                scan::Event::StartDemo => self.start_demo(),
            },
            Message::Verdict(m) => match verdict::update(&m) {
                verdict::Event::Done => self.back_to_scan(),
            },
            Message::Pin(m) => self.on_pin(&m),
            Message::Staff(m) => {
                let Screen::Staff(panel) = &mut self.screen else {
                    return Task::none();
                };
                let event = panel.update(m);
                return self.on_staff(event);
            }
            Message::Synced(outcome) => {
                self.jobs.syncing = false;
                let reload = self.gate.synced(&outcome);
                self.last_sync = self.gate.sync_status();
                self.rules_state = self.gate.rules_state(self.now);
                if reload && let Some(loader) = self.gate.loader().cloned() {
                    let now = self.now;
                    return Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || loader.load(now))
                                .await
                                .map(Arc::new)
                                .ok()
                        },
                        Message::RulesLoaded,
                    );
                }
            }
            Message::RulesLoaded(rules) => {
                if let Some(rules) = rules.filter(|r| r.active.bundle.is_some()) {
                    tracing::info!("rules: now {}", rules.describe);
                    self.gate.set_rules(rules);
                }
                self.rules_state = self.gate.rules_state(self.now);
                if matches!(self.screen, Screen::Staff(_)) {
                    self.refresh_staff();
                }
            }
            Message::Exported(result) => {
                self.jobs.exporting = false;
                let i = I18n::global();
                let text = match result {
                    Ok((file, _)) => i.text_with(
                        self.lang,
                        "staff-exported",
                        &[("file", Arg::from(file.display().to_string()))],
                    ),
                    Err(e) => i.text_with(
                        self.lang,
                        "staff-records-warning",
                        &[("warning", Arg::from(e))],
                    ),
                };
                self.notices.push(text);
            }
        }
        Task::none()
    }

    fn on_pin(&mut self, m: &staff::PinMessage) {
        let Screen::Pin(pad) = &mut self.screen else {
            return;
        };
        match pad.update(m) {
            staff::PinEvent::None => {}
            staff::PinEvent::Cancel => self.screen = Screen::Scan,
            staff::PinEvent::Submit(entered) if pad.mode != staff::PinMode::Enter => {
                self.on_new_pin(entered);
            }
            staff::PinEvent::Submit(entered) => {
                let i = I18n::global();
                match self
                    .lock
                    .attempt(&entered, self.config.pin_hash.as_deref(), self.now)
                {
                    // The factory PIN stays only on a DEMO kiosk: with real
                    // rules, a new PIN comes before anything else.
                    pin::Attempt::Accepted
                        if self.config.pin_hash.is_none() && !self.gate.rules().demo =>
                    {
                        pad.mode = staff::PinMode::New;
                        pad.notice = Some(i.text(self.lang, "pin-factory"));
                    }
                    pin::Attempt::Accepted => self.open_staff(),
                    pin::Attempt::Wrong { left } => {
                        pad.notice = Some(i.text_with(
                            self.lang,
                            "pin-wrong",
                            &[("left", Arg::from(i64::from(left)))],
                        ));
                    }
                    pin::Attempt::Locked { until } => {
                        let minutes = ((until.0 - self.now.0) + 59) / 60;
                        pad.notice = Some(i.text_with(
                            self.lang,
                            "pin-locked",
                            &[("minutes", Arg::from(minutes))],
                        ));
                    }
                }
            }
        }
    }

    /// The staff screen, after the PIN.
    fn open_staff(&mut self) {
        self.screen = Screen::Staff(Box::new(staff::Staff {
            settings: self.config.clone(),
            filter: None,
            format_filter: None,
        }));
        self.refresh_staff();
    }

    /// A new PIN typed (first, then once more): kept as a hash in the
    /// staff settings file, then the staff screen opens.
    fn on_new_pin(&mut self, entered: String) {
        let i = I18n::global();
        let Screen::Pin(pad) = &mut self.screen else {
            return;
        };
        match std::mem::take(&mut pad.mode) {
            staff::PinMode::Enter => {}
            staff::PinMode::New => {
                if entered == pin::FACTORY_PIN || pin::hash_pin(&entered).is_err() {
                    pad.mode = staff::PinMode::New;
                    pad.notice = Some(i.text(self.lang, "pin-new-invalid"));
                } else {
                    pad.mode = staff::PinMode::Confirm(entered);
                    pad.notice = None;
                }
            }
            staff::PinMode::Confirm(first) if first != entered => {
                pad.mode = staff::PinMode::New;
                pad.notice = Some(i.text(self.lang, "pin-new-mismatch"));
            }
            staff::PinMode::Confirm(first) => match pin::hash_pin(&first) {
                Ok(hash) => {
                    if let Some(path) = &self.staff_file
                        && let Err(e) = crate::config::save_staff_value(
                            path,
                            "staff",
                            "pin_hash",
                            toml::Value::String(hash.clone()),
                        )
                    {
                        tracing::error!("the new staff PIN could not be kept: {e}");
                        self.notices.push(i.text_with(
                            self.lang,
                            "staff-settings-failed",
                            &[("error", Arg::from(e.to_string()))],
                        ));
                    }
                    tracing::info!("a new staff PIN was set on the kiosk");
                    self.config.pin_hash = Some(hash);
                    self.open_staff();
                }
                Err(e) => {
                    tracing::error!("the new staff PIN could not be made: {e}");
                    pad.mode = staff::PinMode::New;
                    pad.notice = Some(i.text(self.lang, "pin-new-invalid"));
                }
            },
        }
    }

    fn on_key(&mut self, event: &keyboard::Event) {
        // A USB scanner in keyboard mode types the code, then Enter.
        if let keyboard::Event::KeyPressed { key, text, .. } = event {
            match key {
                keyboard::Key::Named(keyboard::key::Named::Enter) => {
                    let code = std::mem::take(&mut self.keybuf);
                    if matches!(self.screen, Screen::Scan | Screen::Verdict(_)) {
                        self.on_code(&code);
                    }
                }
                keyboard::Key::Named(keyboard::key::Named::Escape) => self.keybuf.clear(),
                _ => {
                    if let Some(t) = text
                        && self.keybuf.len() < 8192
                    {
                        self.keybuf.push_str(t);
                    }
                }
            }
        }
    }

    fn on_staff(&mut self, event: staff::Event) -> Task<Message> {
        use staff::Event as E;
        match event {
            E::None => {}
            E::Close => {
                // A change not yet kept (the volume moved by keys or wheel,
                // with no release) is kept on leaving.
                if let Screen::Staff(panel) = &self.screen
                    && panel.settings != self.config
                {
                    let settings = panel.settings.clone();
                    self.apply_settings(settings);
                }
                self.screen = Screen::Scan;
            }
            E::SyncNow => {
                if let Some(plan) = self.sync.clone() {
                    self.jobs.syncing = true;
                    let now = self.now;
                    return Task::perform(
                        async move { tokio::task::spawn_blocking(move || plan.sync_now(now)).await },
                        |done| {
                            Message::Synced(done.unwrap_or_else(|e| {
                                Outcome::Failed(crate::bundle::sync::Failure::Store(e.to_string()))
                            }))
                        },
                    );
                }
                let off = I18n::global().text(self.lang, "staff-sync-off");
                self.notice(off);
            }
            E::Changed(settings) => {
                self.apply_settings(settings);
            }
            E::CameraChosen(settings) => {
                // The same camera again still ends the demo and restarts it.
                if !self.apply_settings(settings) {
                    self.use_camera();
                }
            }
            E::Filter(_) => self.refresh_staff(),
            E::Export => return self.export(),
            E::LeaveFullscreen => {
                return window::latest()
                    .and_then(|id| window::set_mode(id, window::Mode::Windowed));
            }
            E::Quit => return iced::exit(),
        }
        Task::none()
    }

    /// Writes every record as CSV to the export folder, off the screen's
    /// thread, through a connection of its own.
    fn export(&mut self) -> Task<Message> {
        if self.jobs.exporting {
            return Task::none();
        }
        let Some(db) = self
            .gate
            .with_records_do(|r| r.path().map(std::path::Path::to_path_buf))
            .flatten()
        else {
            // Nothing to export (the records are not kept in a file): say so now.
            return self.update(Message::Exported(
                Err(RecordsError::Unavailable.to_string()),
            ));
        };
        self.jobs.exporting = true;
        let dir = self.config.export_path();
        let file = dir.join(format!(
            "records-{}.csv",
            self.now.to_string().replace(':', "")
        ));
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    records::export_file(&db, &file, ExportFormat::Csv)
                        .map(|n| (file, n))
                        .map_err(|e| e.to_string())
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()))
            },
            Message::Exported,
        )
    }

    /// The current screen.
    pub fn view(&self) -> Element<'_, Message> {
        let ctx = self.ctx();
        match &self.screen {
            Screen::Scan => scan::view(
                &scan::View {
                    lang: self.lang,
                    camera: self.camera,
                    rules: self.rules_state,
                    preview: self.preview.as_ref(),
                    aim: self.aim.map(|(hint, _)| hint),
                    demo_running: self.demo_running,
                    demo_allowed: self.demo_allowed(),
                    chunks: self.chunks.pending(self.now),
                },
                &ctx,
            )
            .map(Message::Scan),
            Screen::Verdict(v) => verdict::view(v, self.lang, &ctx).map(Message::Verdict),
            Screen::Pin(pad) => pad.view(self.lang, &ctx).map(Message::Pin),
            Screen::Staff(panel) => {
                let rules = self.gate.rules();
                let bundle = rules.active.bundle.as_ref();
                staff::view(
                    staff::Panel {
                        lang: self.lang,
                        staff: panel,
                        bundle: bundle.map(|b| (b.authority.clone(), b.version, b.issued_at)),
                        last_sync: &self.last_sync,
                        syncing: self.jobs.syncing,
                        venues: bundle
                            .map(|b| b.policies.venue_names().map(str::to_string).collect())
                            .unwrap_or_default(),
                        country: self.gate.country().map(|c| {
                            let rules = bundle.map_or(0, |b| b.country_rules.acceptance_count(c));
                            (c.to_string(), rules)
                        }),
                        cameras: &self.cameras,
                        settings_file: self.staff_file.as_ref().map(|p| p.display().to_string()),
                        records: &self.recent,
                        hours: self.hours.clone(),
                        now: self.now,
                        clock_behind: self.gate.clock_behind(self.now),
                        notices: self.notices.clone(),
                    },
                    &ctx,
                )
                .map(Message::Staff)
            }
        }
    }

    /// Clock ticks, keys, and the scanner and sync threads (when on screen).
    pub fn subscription(&self) -> Subscription<Message> {
        let mut all = vec![
            iced::time::every(std::time::Duration::from_millis(500))
                .map(|_| Message::Tick(UnixTime::now())),
            keyboard::listen().map(Message::Key),
        ];
        if let Some(feeds) = &self.feeds {
            all.push(feeds.subscription().map(|event| match event {
                feeds::Event::ScannerReady(control) => Message::ScannerReady(control),
                feeds::Event::Feed(feed) => Message::Feed(feed),
                feeds::Event::Synced(outcome) => Message::Synced(outcome),
            }));
        }
        Subscription::batch(all)
    }
}
