//! The kiosk GUI (iced): one module a screen, each with its own messages
//! and an `update` that returns an event to the app.
//!
//! - [`scan`]: the camera preview, "show your code", languages, rules and
//!   camera state, the demo.
//! - [`verdict`]: the whole screen in the verdict's colour.
//! - [`staff`]: the PIN pad and the staff panel.
//! - [`pin`]: PIN hashing and lockout; [`theme`]: colours and sizes;
//!   [`chart`]: counts per hour.
//!
//! The app takes codes, camera frames and camera states from [`Input`]s
//! sent by other threads (scanner, keyboard, demo), so it never waits on them.

pub mod chart;
pub mod pin;
pub mod scan;
pub mod staff;
pub mod start;
pub mod theme;
pub mod verdict;

use std::path::PathBuf;
use std::sync::Mutex;

use iced::widget::{Row, image, row};
use iced::{Element, Subscription, Task, keyboard, window};

use crate::bundle::active::ActiveRules;
use crate::i18n::{Arg, I18n, Lang};
use crate::records::{Filter, HolderKey, HourCount, Record, Records};
use crate::time::UnixTime;
use crate::verify::{Options, ReplayMemory};

/// What every view needs besides its own state.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub i18n: &'static I18n,
    pub care: bool,
    /// The DEMO authority's rules are in force: say so on every screen.
    pub demo: bool,
}

/// The DEMO notice: the word alone in care mode, else with the note that
/// demo codes are for no real door.
pub fn demo_tag(ctx: &Ctx, lang: Lang) -> String {
    let word = ctx.i18n.text(lang, "demo-banner");
    if ctx.care {
        word
    } else {
        format!("{word}  ·  {}", ctx.i18n.text(lang, "demo-note"))
    }
}

/// The font for text in `lang` (its script's family, with the others as fallback).
pub fn font(lang: Lang) -> iced::Font {
    iced::Font::with_name(lang.font_family())
}

/// A row that runs right to left in a right-to-left language.
pub fn rtl_row<'a, M: 'a>(lang: Lang, mut items: Vec<Element<'a, M>>) -> Row<'a, M> {
    if lang.is_rtl() {
        items.reverse();
    }
    row(items)
}

/// What other threads send the app.
#[derive(Debug, Clone)]
pub enum Input {
    /// A code's text, from the camera, a USB scanner or the demo.
    Code(String),
    /// A downscaled, mirrored preview frame (RGBA).
    Preview {
        width: u32,
        height: u32,
        rgba: Vec<u8>,
    },
    Camera(scan::Camera),
    /// The cameras there are, for the staff screen.
    Cameras(Vec<String>),
    /// The background sync installed a newer bundle.
    RulesChanged(String),
}

/// What the app asks of the thread that runs the scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanCommand {
    /// Use the camera this config value names (empty: the first one).
    Camera(String),
    /// Run the demo camera: replayed frames of demo codes.
    Demo,
}

/// The app's handle on the scanner thread (see [`start::scanner_thread`]).
#[derive(Debug, Clone)]
pub struct ScanControl(std::sync::mpsc::Sender<ScanCommand>);

impl ScanControl {
    pub fn new(tx: std::sync::mpsc::Sender<ScanCommand>) -> Self {
        Self(tx)
    }

    /// Sends a command; false when the scanner thread is gone.
    pub fn send(&self, command: ScanCommand) -> bool {
        self.0.send(command).is_ok()
    }
}

/// The kiosk's settings, from the config and the staff screen.
#[derive(Debug, Clone)]
pub struct Settings {
    pub kiosk_id: String,
    /// What the staff screen changes.
    pub prefs: staff::Prefs,
    /// Where the staff screen keeps its changes (`None`: until restart).
    pub staff_file: Option<PathBuf>,
    /// Whether the demo may be offered: the DEMO authority is trusted by
    /// the config (the DEMO rules in force allow it too).
    pub demo_allowed: bool,
    pub pin_hash: Option<String>,
    pub max_pin_tries: u32,
    pub lockout_secs: i64,
    pub options: Options,
    pub export_dir: PathBuf,
    pub bundle_url: Option<String>,
    pub rules_store: PathBuf,
    pub root_key: Option<String>,
}

/// Which screen is up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Scan,
    Verdict(verdict::Verdict),
    Pin(staff::PinPad),
    Staff(staff::Staff),
}

/// Messages of the app.
#[derive(Debug, Clone)]
pub enum Message {
    Tick(UnixTime),
    Input(Input),
    Key(keyboard::Event),
    Scan(scan::Message),
    Verdict(verdict::Message),
    Pin(staff::PinMessage),
    Staff(staff::Message),
    Synced(String),
}

/// The kiosk app.
pub struct App {
    pub settings: Settings,
    pub screen: Screen,
    /// The language on screen now.
    pub lang: Lang,
    pub care: bool,
    pub now: UnixTime,
    verdict_until: Option<UnixTime>,
    rules: ActiveRules,
    records: Records,
    key: HolderKey,
    memory: ReplayMemory,
    camera: scan::Camera,
    cameras: Vec<String>,
    /// The scanner thread, when one runs (not in headless tests).
    scan_control: Option<ScanControl>,
    preview: Option<image::Handle>,
    lock: pin::Lock,
    recent: Vec<Record>,
    hours: Vec<HourCount>,
    notices: Vec<String>,
    syncing: bool,
    demo_running: bool,
    keybuf: String,
    /// The language the person touched on the scan screen, until the next person.
    touched: Option<Lang>,
    /// The last code shown, with when: the same code read again at once is not a new person.
    last_code: Option<(String, UnixTime)>,
    /// Issuer keys trusted besides the bundle's (from the config).
    extra_trust: crate::bundle::TrustList,
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

impl App {
    /// An app with its rules and records; `now` is the start time.
    pub fn new(
        settings: Settings,
        rules: ActiveRules,
        records: Records,
        key: HolderKey,
        now: UnixTime,
    ) -> Self {
        let memory = ReplayMemory::new(&settings.options);
        let mut notices: Vec<String> = rules.problems.clone();
        notices.extend(records.warnings.iter().cloned());
        Self {
            lang: settings.prefs.default_language,
            care: settings.prefs.care_default,
            lock: pin::Lock::new(settings.max_pin_tries, settings.lockout_secs),
            settings,
            screen: Screen::Scan,
            now,
            verdict_until: None,
            rules,
            records,
            key,
            memory,
            camera: scan::Camera::Starting,
            cameras: Vec::new(),
            scan_control: None,
            preview: None,
            recent: Vec::new(),
            hours: Vec::new(),
            notices,
            syncing: false,
            demo_running: false,
            keybuf: String::new(),
            touched: None,
            last_code: None,
            extra_trust: crate::bundle::TrustList::default(),
            voice: crate::voice::Player::silent(),
        }
    }

    /// Speaks verdicts through this player (it never blocks the screen).
    pub fn set_voice(&mut self, player: crate::voice::Player) {
        self.voice = player;
    }

    /// Sends camera and demo requests to this scanner thread.
    pub fn set_scan_control(&mut self, control: ScanControl) {
        self.scan_control = Some(control);
    }

    /// Whether the demo may run here: only where codes of the DEMO
    /// authority are accepted anyway.
    pub fn demo_allowed(&self) -> bool {
        self.settings.demo_allowed || self.rules.is_demo()
    }

    /// Starts the demo camera (when allowed): replayed frames of demo codes
    /// through the scanner, marked DEMO on screen while it runs.
    fn start_demo(&mut self) {
        if !self.demo_allowed() {
            tracing::warn!("the demo is not offered: this kiosk does not accept DEMO codes");
            return;
        }
        self.demo_running = true;
        self.camera = scan::Camera::Starting;
        self.preview = None;
        if let Some(c) = &self.scan_control
            && !c.send(ScanCommand::Demo)
        {
            tracing::error!("the scanner thread is gone; the demo cannot start");
        }
    }

    /// Trusts these issuer keys besides the bundle's, now and after every sync.
    pub fn add_extra_trust(&mut self, extra: &crate::bundle::TrustList) {
        self.rules.add_trust(extra);
        self.extra_trust.extend(extra);
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            i18n: I18n::global(),
            care: self.care,
            demo: self.rules.is_demo() || self.demo_running,
        }
    }

    /// The state of the rules for the scan screen.
    pub fn rules_state(&self) -> scan::Rules {
        let Some(b) = &self.rules.bundle else {
            return scan::Rules::None;
        };
        let age = self.now.0 - b.issued_at.0;
        if age > b.max_age_secs {
            return scan::Rules::Outdated;
        }
        if age > b.warn_age_secs {
            return scan::Rules::Stale;
        }
        let status = self
            .rules
            .store()
            .and_then(|s| s.sync_status().ok())
            .unwrap_or_default();
        if self.settings.bundle_url.is_some() && status.outcome.as_deref() == Some("failed") {
            let since = status.succeeded_at.unwrap_or(b.issued_at);
            return scan::Rules::Offline {
                since: verdict::clock(since),
            };
        }
        let since = status
            .succeeded_at
            .map_or(b.issued_at, |t| t.max(b.issued_at));
        scan::Rules::Fresh {
            minutes: ((self.now.0 - since.0) / 60).max(0),
        }
    }

    /// Sets the camera state (also what the scanner thread reports).
    pub fn set_camera(&mut self, c: scan::Camera) {
        self.camera = c;
    }

    /// Whether the demo is running.
    pub fn set_demo_running(&mut self, on: bool) {
        self.demo_running = on;
    }

    /// Applies settings changed on the staff screen and keeps them in the
    /// staff settings file; a change of camera restarts the scanner on it.
    /// Returns whether the camera changed.
    fn apply_prefs(&mut self, prefs: staff::Prefs) -> bool {
        let changes = prefs.changes(&self.settings.prefs);
        let camera_changed = prefs.camera != self.settings.prefs.camera;
        self.settings.prefs = prefs;
        if camera_changed {
            self.use_camera();
        }
        let Some(path) = self.settings.staff_file.clone() else {
            return camera_changed;
        };
        for (section, key, value) in changes {
            tracing::info!(setting = %format!("[{section}] {key}"), %value, "changed on the staff screen");
            if let Err(e) = crate::config::save_staff_setting(&path, section, key, value) {
                tracing::error!("{e}");
                let w = I18n::global().text_with(
                    self.lang,
                    "staff-settings-failed",
                    &[("error", Arg::from(e))],
                );
                if !self.notices.contains(&w) {
                    self.notices.push(w);
                }
            }
        }
        camera_changed
    }

    /// Stops the demo (if it runs) and (re)starts the chosen camera.
    fn use_camera(&mut self) {
        self.demo_running = false;
        self.camera = scan::Camera::Starting;
        self.preview = None;
        if let Some(c) = &self.scan_control
            && !c.send(ScanCommand::Camera(self.settings.prefs.camera.clone()))
        {
            tracing::error!("the scanner thread is gone; the camera cannot change");
        }
    }

    /// Checks a code: verify, record (before anything is shown), show.
    fn on_code(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if let Some((last, at)) = &self.last_code
            && last == text
            && self.now.0 - at.0 < 3
            && matches!(self.screen, Screen::Verdict(_))
        {
            return;
        }
        let outcome = self.rules.check(
            text,
            &self.settings.prefs.venue,
            self.now,
            &self.settings.options,
            &self.memory,
        );
        if let Some(p) = outcome.proof {
            self.memory.remember(p, self.now);
        }
        let version = self.rules.bundle.as_ref().map(|b| b.version);
        let record = Record::of(
            &outcome,
            self.now,
            &self.settings.kiosk_id,
            &self.settings.prefs.venue,
            version,
            &self.key,
        );
        if let Err(e) = self.records.write(&record) {
            let w = I18n::global().text_with(
                self.lang,
                "staff-records-warning",
                &[("warning", Arg::from(e))],
            );
            if !self.notices.contains(&w) {
                self.notices.push(w);
            }
        }
        tracing::info!(
            colour = %outcome.verdict.colour,
            reasons = ?outcome.verdict.reasons.iter().map(|r| r.key()).collect::<Vec<_>>(),
            "verdict"
        );
        let v = verdict::Verdict::of(&outcome, self.now);
        // The credential's language, else the one touched, else the default.
        self.lang = v
            .language
            .or(self.touched)
            .unwrap_or(self.settings.prefs.default_language);
        self.voice.say(
            crate::voice::Announcement::verdict(&outcome.verdict, self.lang.tag())
                .with_care(self.care)
                .with_volume(self.settings.prefs.volume),
        );
        self.last_code = Some((text.to_string(), self.now));
        self.verdict_until = Some(self.now.plus(self.settings.prefs.auto_return_secs));
        self.screen = Screen::Verdict(v);
    }

    fn back_to_scan(&mut self) {
        self.screen = Screen::Scan;
        self.verdict_until = None;
        // A touched language lasts until the next person.
        self.touched = None;
        self.lang = self.settings.prefs.default_language;
        self.care = self.settings.prefs.care_default;
    }

    fn refresh_staff(&mut self) {
        let filter = match &self.screen {
            Screen::Staff(s) => s.filter,
            _ => None,
        };
        self.recent = self
            .records
            .query(&Filter {
                verdict: filter,
                limit: Some(50),
                ..Filter::default()
            })
            .unwrap_or_default();
        self.hours = self
            .records
            .hourly(self.now.plus(-24 * 3600), self.now.plus(1))
            .unwrap_or_default();
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => {
                self.now = now;
                if let Some(until) = self.verdict_until
                    && now >= until
                    && matches!(self.screen, Screen::Verdict(_))
                {
                    self.back_to_scan();
                }
            }
            Message::Input(input) => match input {
                Input::Code(text) => {
                    if matches!(self.screen, Screen::Scan | Screen::Verdict(_)) {
                        self.on_code(&text);
                    }
                }
                Input::Preview {
                    width,
                    height,
                    rgba,
                } => {
                    self.preview = Some(image::Handle::from_rgba(width, height, rgba));
                }
                Input::Camera(c) => self.camera = c,
                Input::Cameras(list) => self.cameras = list,
                Input::RulesChanged(what) => return self.update(Message::Synced(what)),
            },
            Message::Key(event) => self.on_key(&event),
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
            Message::Pin(m) => {
                let Screen::Pin(pad) = &mut self.screen else {
                    return Task::none();
                };
                match pad.update(&m) {
                    staff::PinEvent::None => {}
                    staff::PinEvent::Cancel => self.screen = Screen::Scan,
                    staff::PinEvent::Submit(pin) => {
                        let i = I18n::global();
                        match self
                            .lock
                            .attempt(&pin, self.settings.pin_hash.as_deref(), self.now)
                        {
                            pin::Attempt::Accepted => {
                                self.screen = Screen::Staff(staff::Staff {
                                    prefs: self.settings.prefs.clone(),
                                    filter: None,
                                });
                                self.refresh_staff();
                            }
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
            Message::Staff(m) => {
                let Screen::Staff(panel) = &mut self.screen else {
                    return Task::none();
                };
                let event = panel.update(m);
                return self.on_staff(event);
            }
            Message::Synced(result) => {
                self.syncing = false;
                self.notices.retain(|n| !n.starts_with("sync:"));
                self.notices.push(format!("sync: {result}"));
                if let Ok(root) = crate::bundle::active::root_key(self.settings.root_key.as_deref())
                {
                    let mut rules = ActiveRules::open(&self.settings.rules_store, &root, self.now);
                    if rules.bundle.is_some() {
                        // Keys added from the config (a pilot's trust file) stay;
                        // keys the new bundle dropped are gone.
                        rules.add_trust(&self.extra_trust);
                        self.rules = rules;
                    }
                }
                self.refresh_staff();
            }
        }
        Task::none()
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
                    && panel.prefs != self.settings.prefs
                {
                    let prefs = panel.prefs.clone();
                    self.apply_prefs(prefs);
                }
                self.screen = Screen::Scan;
            }
            E::SyncNow => {
                if let Some(url) = self.settings.bundle_url.clone() {
                    self.syncing = true;
                    let store = self.settings.rules_store.clone();
                    let root = self.settings.root_key.clone();
                    let now = self.now;
                    return Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || {
                                sync_now(&url, &store, root.as_deref(), now)
                            })
                            .await
                            .unwrap_or_else(|e| format!("failed: {e}"))
                        },
                        Message::Synced,
                    );
                }
                self.notices.push("sync: [bundle] url is not set".into());
            }
            E::Changed(prefs) => {
                self.apply_prefs(prefs);
            }
            E::CameraChosen(prefs) => {
                // The same camera again still ends the demo and restarts it.
                if !self.apply_prefs(prefs) {
                    self.use_camera();
                }
            }
            E::Filter(_) => self.refresh_staff(),
            E::Export => {
                let path = self.settings.export_dir.join(format!(
                    "records-{}.csv",
                    self.now.to_string().replace(':', "")
                ));
                let records = self.records.query(&Filter::default()).unwrap_or_default();
                let result = std::fs::create_dir_all(&self.settings.export_dir)
                    .and_then(|()| std::fs::File::create(&path))
                    .and_then(|mut f| {
                        crate::records::export(&records, crate::records::ExportFormat::Csv, &mut f)
                    });
                let i = I18n::global();
                self.notices.push(match result {
                    Ok(()) => i.text_with(
                        self.lang,
                        "staff-exported",
                        &[("file", Arg::from(path.display().to_string()))],
                    ),
                    Err(e) => i.text_with(
                        self.lang,
                        "staff-records-warning",
                        &[("warning", Arg::from(e.to_string()))],
                    ),
                });
            }
            E::LeaveFullscreen => {
                return window::latest()
                    .and_then(|id| window::set_mode(id, window::Mode::Windowed));
            }
            E::Quit => return iced::exit(),
        }
        Task::none()
    }

    /// The current screen.
    pub fn view(&self) -> Element<'_, Message> {
        let ctx = self.ctx();
        match &self.screen {
            Screen::Scan => scan::view(
                &scan::View {
                    lang: self.lang,
                    camera: &self.camera,
                    rules: self.rules_state(),
                    preview: self.preview.as_ref(),
                    demo_running: self.demo_running,
                    demo_allowed: self.demo_allowed(),
                },
                &ctx,
            )
            .map(Message::Scan),
            Screen::Verdict(v) => verdict::view(v, self.lang, &ctx).map(Message::Verdict),
            Screen::Pin(pad) => pad.view(self.lang, &ctx).map(Message::Pin),
            Screen::Staff(panel) => staff::view(
                staff::Panel {
                    lang: self.lang,
                    staff: panel,
                    bundle: self
                        .rules
                        .bundle
                        .as_ref()
                        .map(|b| (b.authority.clone(), b.version, b.issued_at)),
                    last_sync: self
                        .rules
                        .store()
                        .and_then(|s| s.sync_status().ok())
                        .and_then(|s| s.detail),
                    syncing: self.syncing,
                    venues: self
                        .rules
                        .bundle
                        .as_ref()
                        .map(|b| b.policies.venue_names().map(str::to_string).collect())
                        .unwrap_or_default(),
                    cameras: &self.cameras,
                    settings_file: self
                        .settings
                        .staff_file
                        .as_ref()
                        .map(|p| p.display().to_string()),
                    records: &self.recent,
                    hours: self.hours.clone(),
                    now: self.now,
                    notices: self.notices.clone(),
                },
                &ctx,
            )
            .map(Message::Staff),
        }
    }

    /// Clock ticks, keys, and what other threads send.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            iced::time::every(std::time::Duration::from_millis(500))
                .map(|_| Message::Tick(UnixTime::now())),
            keyboard::listen().map(Message::Key),
            Subscription::run(inputs),
        ])
    }
}

fn sync_now(url: &str, store: &std::path::Path, root: Option<&str>, now: UnixTime) -> String {
    let root = match crate::bundle::active::root_key(root) {
        Ok(r) => r,
        Err(e) => return e,
    };
    match crate::bundle::store::Store::open(store) {
        Ok(mut s) => crate::bundle::sync::sync_blocking(
            &mut s,
            &crate::bundle::sync::Settings::new(url),
            &root,
            now,
        )
        .describe(),
        Err(e) => e.to_string(),
    }
}

static INPUTS: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<Input>>> = Mutex::new(None);

/// The sending side for other threads; call once, before [`run`].
pub fn input_channel() -> tokio::sync::mpsc::UnboundedSender<Input> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    if let Ok(mut slot) = INPUTS.lock() {
        *slot = Some(rx);
    }
    tx
}

fn inputs() -> impl iced::futures::Stream<Item = Message> {
    let rx = INPUTS.lock().ok().and_then(|mut slot| slot.take());
    iced::futures::stream::unfold(rx, |rx| async move {
        let mut rx = rx?;
        let input = rx.recv().await?;
        Some((Message::Input(input), Some(rx)))
    })
}

/// Runs the app in a window (full screen without decorations unless
/// `windowed`). `start` makes the app when the window is up.
pub fn run(start: impl Fn() -> App + 'static, windowed: bool) -> iced::Result {
    let mut builder = iced::application(start, App::update, App::view)
        .title("HealthGate")
        .subscription(App::subscription)
        .window(window::Settings {
            size: iced::Size::new(1280.0, 720.0),
            fullscreen: !windowed,
            decorations: windowed,
            ..window::Settings::default()
        });
    for (_, bytes) in crate::i18n::FONTS {
        builder = builder.font(*bytes);
    }
    builder
        .default_font(iced::Font::with_name(crate::i18n::DEFAULT_FONT_FAMILY))
        .run()
}
