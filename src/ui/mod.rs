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
use crate::rules::Colour;
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

/// The kiosk's settings, from the config and the staff screen.
#[derive(Debug, Clone)]
pub struct Settings {
    pub kiosk_id: String,
    pub venue: String,
    pub default_language: Lang,
    pub care_default: bool,
    pub auto_return_secs: i64,
    pub volume: u8,
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
    Staff,
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
    camera_choice: Option<usize>,
    preview: Option<image::Handle>,
    lock: pin::Lock,
    filter: Option<Colour>,
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
            lang: settings.default_language,
            care: settings.care_default,
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
            camera_choice: None,
            preview: None,
            filter: None,
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

    /// Trusts these issuer keys besides the bundle's, now and after every sync.
    pub fn add_extra_trust(&mut self, extra: &crate::bundle::TrustList) {
        self.rules.add_trust(extra);
        self.extra_trust.extend(extra);
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            i18n: I18n::global(),
            care: self.care,
            demo: self.rules.is_demo(),
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
            &self.settings.venue,
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
            &self.settings.venue,
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
            .unwrap_or(self.settings.default_language);
        self.voice.say(
            crate::voice::Announcement::verdict(&outcome.verdict, self.lang.tag())
                .with_care(self.care)
                .with_volume(self.settings.volume),
        );
        self.last_code = Some((text.to_string(), self.now));
        self.verdict_until = Some(self.now.plus(self.settings.auto_return_secs));
        self.screen = Screen::Verdict(v);
    }

    fn back_to_scan(&mut self) {
        self.screen = Screen::Scan;
        self.verdict_until = None;
        // A touched language lasts until the next person.
        self.touched = None;
        self.lang = self.settings.default_language;
        self.care = self.settings.care_default;
    }

    fn refresh_staff(&mut self) {
        self.recent = self
            .records
            .query(&Filter {
                verdict: self.filter,
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
                scan::Event::StartDemo => self.demo_running = true,
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
                                self.refresh_staff();
                                self.screen = Screen::Staff;
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
            Message::Staff(m) => return self.on_staff(m),
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

    fn on_staff(&mut self, m: staff::Message) -> Task<Message> {
        use staff::Message as M;
        match m {
            M::Close => self.screen = Screen::Scan,
            M::SyncNow => {
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
            M::Venue(v) => self.settings.venue = v,
            M::DefaultLanguage(l) => self.settings.default_language = l,
            M::Volume(v) => self.settings.volume = v.min(100),
            M::CareDefault(on) => self.settings.care_default = on,
            M::AutoReturn(d) => {
                self.settings.auto_return_secs = (self.settings.auto_return_secs + d).clamp(2, 60);
            }
            M::Camera(n) => self.camera_choice = Some(n),
            M::Filter(f) => {
                self.filter = f;
                self.refresh_staff();
            }
            M::Export => {
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
            M::LeaveFullscreen => {
                return window::latest()
                    .and_then(|id| window::set_mode(id, window::Mode::Windowed));
            }
            M::Quit => return iced::exit(),
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
                },
                &ctx,
            )
            .map(Message::Scan),
            Screen::Verdict(v) => verdict::view(v, self.lang, &ctx).map(Message::Verdict),
            Screen::Pin(pad) => pad.view(self.lang, &ctx).map(Message::Pin),
            Screen::Staff => staff::view(
                staff::Panel {
                    lang: self.lang,
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
                    venue: &self.settings.venue,
                    default_language: self.settings.default_language,
                    volume: self.settings.volume,
                    care_default: self.settings.care_default,
                    auto_return_secs: self.settings.auto_return_secs,
                    cameras: &self.cameras,
                    camera: self.camera_choice,
                    records: &self.recent,
                    filter: self.filter,
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
