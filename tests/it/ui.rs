//! The kiosk GUI driven headless (`iced_test`, tiny-skia): codes, verdicts,
//! the PIN, languages, care mode; and snapshots of every screen.

use std::path::PathBuf;
use std::time::Instant;

use healthgate::scan::camera::{Control, Controls};

use healthgate::bundle::active::{ActiveRules, DEFAULT_BUNDLE, root_key};
use healthgate::config::Config;
use healthgate::gate::{Gate, Rules};
use healthgate::i18n::{Arg, DEFAULT_FONT_FAMILY, FONTS, I18n, Lang};
use healthgate::records::{HolderKey, Records};
use healthgate::scan::supervisor::{CameraState, Feed, ScanCommand, ScanControl};
use healthgate::time::UnixTime;
use healthgate::verdict::Colour;
use std::sync::mpsc::Receiver;

use healthgate::ui::{App, Message, Screen, scan, staff};
use iced_test::Simulator;

use super::common::T0;

fn settings() -> Config {
    Config {
        timezone: "Asia/Shanghai".into(),
        kiosk_id: "door-1".into(),
        venue: "general".into(),
        default_language: "en".into(),
        care_mode: false,
        auto_return_seconds: 5,
        volume: 80,
        camera: String::new(),
        trust_demo: false,
        pin_hash: Some(healthgate::pin::hash_pin("2468").unwrap()),
        pin_max_tries: 3,
        pin_lockout_minutes: 5,
        export_dir: Some(std::env::temp_dir().join("healthgate-ui-test-exports")),
        ..Config::default()
    }
}

/// A door with these rules, records in memory, opened at `T0`.
fn door(rules: ActiveRules, config: &Config) -> Gate {
    Gate::new(
        Rules::from_active(rules),
        config.verify_options(),
        &config.kiosk_id,
        &config.venue,
    )
    .with_country(config.country.as_deref())
    .with_records(Records::in_memory(30), HolderKey::random(), T0)
}

fn app() -> App {
    let config = settings();
    App::new(config.clone(), door(demo_rules(), &config), T0)
}

fn sim(app: &App) -> Simulator<'_, Message> {
    healthgate::ui::fonts::use_only_shipped_fonts();
    let s = iced::Settings {
        fonts: FONTS
            .iter()
            .map(|(_, b)| std::borrow::Cow::Borrowed(*b))
            .collect(),
        default_font: iced::Font::with_name(DEFAULT_FONT_FAMILY),
        ..iced::Settings::default()
    };
    Simulator::with_size(s, (1280.0, 720.0), app.view())
}

fn text(lang: Lang, key: &str) -> String {
    I18n::global().text(lang, key)
}

/// Clicks the widget with this text and feeds the messages to the app.
fn click(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = sim(app);
        ui.click(label)
            .unwrap_or_else(|e| panic!("no {label:?} on screen: {e:?}"));
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

fn on_screen(app: &App, label: &str) -> bool {
    sim(app).find(label).is_ok()
}

fn demo_code(i: usize) -> String {
    healthgate::demo::scenes(T0).unwrap()[i].text.clone()
}

#[test]
fn a_code_gives_its_verdict_then_back_to_scanning() {
    let mut app = app();
    assert!(on_screen(&app, &text(Lang::En, "scan-prompt")));
    // The green demo holder asks for Chinese.
    let _ = app.update(Message::Feed(Feed::Code(demo_code(0), Instant::now())));
    let Screen::Verdict(v) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    assert_eq!(v.colour, Colour::Green);
    assert_eq!(app.lang, Lang::ZhCn);
    assert!(on_screen(&app, &text(Lang::ZhCn, "verdict-green")));
    assert!(on_screen(&app, &text(Lang::ZhCn, "verdict-green-line")));
    // Auto-return after 5 s, in the default language again.
    let _ = app.update(Message::Tick(T0.plus(4)));
    assert!(matches!(app.screen, Screen::Verdict(_)));
    let _ = app.update(Message::Tick(T0.plus(5)));
    assert_eq!(app.screen, Screen::Scan);
    assert_eq!(app.lang, Lang::En);
    // A red code: the word and the reason, in Arabic (the holder's language).
    let _ = app.update(Message::Feed(Feed::Code(demo_code(2), Instant::now())));
    let Screen::Verdict(v) = &app.screen else {
        panic!()
    };
    assert_eq!(v.colour, Colour::Red);
    assert!(on_screen(&app, &text(Lang::Ar, "verdict-red")));
    assert!(on_screen(
        &app,
        &I18n::global().reason(Lang::Ar, healthgate::verdict::Reason::CodeRed)
    ));
    // The next code replaces the verdict at once; the forged one is grey.
    let _ = app.update(Message::Feed(Feed::Code(demo_code(4), Instant::now())));
    let Screen::Verdict(v) = &app.screen else {
        panic!()
    };
    assert_eq!(v.colour, Colour::Grey);
    assert!(on_screen(
        &app,
        &I18n::global().reason(Lang::En, healthgate::verdict::Reason::SignatureInvalid)
    ));
    // "Next person" goes back by hand.
    click(&mut app, &text(Lang::En, "back-to-scan"));
    assert_eq!(app.screen, Screen::Scan);
}

#[test]
fn a_usb_scanner_types_the_code() {
    let mut app = app();
    let code = demo_code(1);
    for ch in code.chars() {
        let _ = app.update(Message::Key(iced::keyboard::Event::KeyPressed {
            key: iced::keyboard::Key::Character(ch.to_string().into()),
            modified_key: iced::keyboard::Key::Character(ch.to_string().into()),
            physical_key: iced::keyboard::key::Physical::Unidentified(
                iced::keyboard::key::NativeCode::Unidentified,
            ),
            location: iced::keyboard::Location::Standard,
            modifiers: iced::keyboard::Modifiers::default(),
            text: Some(ch.to_string().into()),
            repeat: false,
        }));
    }
    assert_eq!(app.screen, Screen::Scan);
    let _ = app.update(Message::Key(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::default(),
        text: None,
        repeat: false,
    }));
    let Screen::Verdict(v) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    assert_eq!(v.colour, Colour::Yellow);
}

#[test]
fn wrong_pins_are_refused_then_locked_right_pin_opens_staff() {
    let mut app = app();
    click(&mut app, &text(Lang::En, "staff-open"));
    assert!(matches!(app.screen, Screen::Pin(_)));
    let enter = |app: &mut App, pin: &str| {
        for d in pin.bytes() {
            let _ = app.update(Message::Pin(staff::PinMessage::Digit(d - b'0')));
        }
        let _ = app.update(Message::Pin(staff::PinMessage::Submit));
    };
    enter(&mut app, "1111");
    assert!(on_screen(
        &app,
        &I18n::global().text_with(Lang::En, "pin-wrong", &[("left", Arg::from(2i64))])
    ));
    enter(&mut app, "2222");
    enter(&mut app, "3333");
    assert!(matches!(app.screen, Screen::Pin(_)));
    assert!(on_screen(
        &app,
        &I18n::global().text_with(Lang::En, "pin-locked", &[("minutes", Arg::from(5i64))])
    ));
    // The right PIN does not open while locked.
    enter(&mut app, "2468");
    assert!(matches!(app.screen, Screen::Pin(_)));
    // After the lockout it does; the digits are clicked on the pad.
    let _ = app.update(Message::Tick(T0.plus(301)));
    for d in ["2", "4", "6", "8"] {
        click(&mut app, d);
    }
    click(&mut app, &text(Lang::En, "pin-ok"));
    assert!(matches!(app.screen, Screen::Staff(_)));
    assert!(on_screen(&app, &text(Lang::En, "staff-title")));
    assert!(on_screen(&app, &text(Lang::En, "staff-quit")));
    click(&mut app, &text(Lang::En, "staff-close"));
    assert_eq!(app.screen, Screen::Scan);
}

#[test]
fn language_switch_and_care_mode() {
    let mut app = app();
    click(&mut app, Lang::Ja.native_name());
    assert_eq!(app.lang, Lang::Ja);
    assert!(on_screen(&app, &text(Lang::Ja, "scan-prompt")));
    click(&mut app, &text(Lang::Ja, "care-mode"));
    assert!(app.care);
    assert!(on_screen(&app, &text(Lang::Ja, "care-mode-off")));
    click(&mut app, &text(Lang::Ja, "care-mode-off"));
    assert!(!app.care);
}

#[test]
fn only_the_shipped_fonts_draw_whatever_the_machine_has_installed() {
    healthgate::ui::fonts::use_only_shipped_fonts();
    let shipped: std::collections::BTreeSet<&str> = FONTS.iter().map(|(f, _)| *f).collect();
    let known = healthgate::ui::fonts::known_families();
    // iced's own icon font is built in; everything else is ours. A system
    // font (DejaVu, Droid, a system copy of Noto CJK) would change how the
    // kiosk looks from one machine to the next, and these snapshots with it.
    let foreign: Vec<&String> = known
        .iter()
        .filter(|f| !shipped.contains(f.as_str()) && !f.starts_with("Iced"))
        .collect();
    assert!(foreign.is_empty(), "fonts not shipped: {foreign:?}");
    for family in &shipped {
        assert!(known.iter().any(|k| k == family), "{family} is not loaded");
    }
    // A second call finds nothing more to remove.
    assert_eq!(healthgate::ui::fonts::use_only_shipped_fonts().removed, 0);
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn snap(app: &App, name: &str) {
    let path = snapshot_dir().join(name);
    let shot = sim(app).snapshot(&iced::Theme::Dark).unwrap();
    assert!(
        shot.matches_image(&path).unwrap(),
        "{name} differs from tests/snapshots/{name}.png; delete the file to re-make it, then look at it"
    );
}

#[test]
fn snapshots_of_every_screen() {
    for lang in [Lang::ZhCn, Lang::En, Lang::Ar, Lang::Th, Lang::Ja] {
        for care in [false, true] {
            let mut app = app();
            app.lang = lang;
            app.care = care;
            let mode = if care { "-care" } else { "" };
            snap(&app, &format!("scan-{}{mode}", lang.tag()));
            for (i, colour) in [(0, "green"), (1, "yellow"), (2, "red"), (4, "grey")] {
                let mut app = healthgate_app_in(lang, care);
                let _ = app.update(Message::Feed(Feed::Code(demo_code(i), Instant::now())));
                app.lang = lang;
                snap(&app, &format!("verdict-{colour}-{}{mode}", lang.tag()));
            }
        }
    }
}

/// The app at `venue`, trusting the DEMO document signer too; in
/// `country`, with that country's EU business rules (from the shared test
/// data) in the bundle.
fn app_trusting_the_demo_dsc(venue: &str, country: Option<&str>) -> App {
    let config = Config {
        timezone: "Asia/Shanghai".into(),
        venue: venue.into(),
        country: country.map(str::to_string),
        ..settings()
    };
    let mut rules = demo_rules();
    rules.trust.extend(&healthgate::demo::trust_list().unwrap());
    if let (Some(country), Some(data)) = (country, super::common::testdata()) {
        rules.bundle.as_mut().unwrap().country_rules =
            super::common::eu_country_rules(&data, &[country]);
    }
    App::new(config.clone(), door(rules, &config), T0)
}

#[test]
fn snapshots_of_dcc_verdicts() {
    use healthgate::demo::{DccKind, dcc_code};
    // Green at the door; red in Germany for one dose of two, with the
    // German rule named and its description; grey when it has expired.
    if super::common::testdata().is_none() {
        return;
    }
    let cases = [
        ("green", None, DccKind::Vaccinated { days_ago: 40 }, T0),
        ("red", Some("DE"), DccKind::Partly, T0),
        (
            "grey",
            None,
            DccKind::Tested { hours_ago: 5 },
            T0.plus(-400 * 86_400),
        ),
    ];
    for lang in [Lang::ZhCn, Lang::En, Lang::Ar, Lang::Th] {
        for care in [false, true] {
            for (colour, country, kind, issued) in cases {
                let mut app = app_trusting_the_demo_dsc("general", country);
                app.care = care;
                let _ = app.update(Message::Feed(Feed::Code(
                    dcc_code(kind, "Doe", issued).unwrap(),
                    Instant::now(),
                )));
                let Screen::Verdict(v) = &app.screen else {
                    panic!("no verdict for {colour}");
                };
                assert_eq!(v.colour.as_str(), colour, "{:?}", v.reasons);
                // A DCC names no language: the kiosk's (or the one touched).
                app.lang = lang;
                let mode = if care { "-care" } else { "" };
                snap(&app, &format!("dcc-{colour}-{}{mode}", lang.tag()));
            }
        }
    }
}

fn healthgate_app_in(lang: Lang, care: bool) -> App {
    let mut app = app();
    app.lang = lang;
    app.care = care;
    app
}

#[test]
fn start_up_makes_the_scan_screen_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = healthgate::config::Config {
        timezone: "Asia/Shanghai".into(),
        bundle_store: Some(dir.path().join("rules.sqlite")),
        records_store: Some(dir.path().join("records.sqlite")),
        default_language: "th".into(),
        ..healthgate::config::Config::default()
    };
    let start = std::time::Instant::now();
    let app = healthgate::ui::start::app(&cfg, UnixTime::now());
    let took = start.elapsed();
    assert_eq!(app.screen, Screen::Scan);
    assert_eq!(app.lang, Lang::Th);
    assert!(on_screen(&app, &text(Lang::Th, "scan-prompt")));
    eprintln!("app ready in {took:?}");
}

fn app_with_control(config: Config, rules: ActiveRules) -> (App, Receiver<ScanCommand>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let gate = door(rules, &config);
    let mut app = App::new(config, gate, T0);
    app.set_scan_control(ScanControl::new(tx));
    (app, rx)
}

fn demo_rules() -> ActiveRules {
    ActiveRules::from_file(DEFAULT_BUNDLE, &root_key(None).unwrap()).unwrap()
}

fn open_staff(app: &mut App) {
    let _ = app.update(Message::Scan(scan::Message::Staff));
    for d in [2, 4, 6, 8] {
        let _ = app.update(Message::Pin(staff::PinMessage::Digit(d)));
    }
    let _ = app.update(Message::Pin(staff::PinMessage::Submit));
    assert!(matches!(app.screen, Screen::Staff(_)), "{:?}", app.screen);
}

#[test]
fn with_no_camera_the_demo_camera_is_offered_only_where_demo_codes_count() {
    let (mut app, commands) = app_with_control(settings(), demo_rules());
    let offer = text(Lang::En, "demo-offer");
    let _ = app.update(Message::Feed(Feed::Camera(CameraState::None)));
    assert!(on_screen(&app, &text(Lang::En, "camera-none")));
    click(&mut app, &offer);
    // The app asks the scanner thread for the demo camera: frames, not texts.
    assert_eq!(commands.try_recv(), Ok(ScanCommand::Demo));
    let banner = format!(
        "{}  ·  {}",
        text(Lang::En, "demo-banner"),
        text(Lang::En, "demo-note")
    );
    assert!(on_screen(&app, &banner));
    let _ = app.update(Message::Feed(Feed::Camera(CameraState::Demo)));
    assert!(on_screen(&app, &text(Lang::En, "camera-demo")));
    assert!(!on_screen(&app, &offer));

    // A kiosk whose rules are not the DEMO ones, and that does not trust the
    // DEMO authority, never runs it: its codes would be accepted nowhere.
    let (mut real, commands) = app_with_control(settings(), ActiveRules::empty());
    let _ = real.update(Message::Feed(Feed::Camera(CameraState::None)));
    assert!(on_screen(&real, &text(Lang::En, "camera-none")));
    assert!(!on_screen(&real, &offer));
    let _ = real.update(Message::Scan(scan::Message::StartDemo));
    assert!(commands.try_recv().is_err());
    // Unless the config trusts it.
    let (mut trusting, commands) = app_with_control(
        Config {
            timezone: "Asia/Shanghai".into(),
            trust_demo: true,
            ..settings()
        },
        ActiveRules::empty(),
    );
    let _ = trusting.update(Message::Feed(Feed::Camera(CameraState::None)));
    click(&mut trusting, &offer);
    assert_eq!(commands.try_recv(), Ok(ScanCommand::Demo));
}

#[test]
fn staff_settings_apply_at_once_are_kept_and_a_camera_choice_restarts_the_scanner() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("staff.toml");
    let (app, commands) = app_with_control(settings(), demo_rules());
    let mut app = app.with_staff_file(file.clone());
    let _ = app.update(Message::Feed(Feed::Cameras(vec![
        "Front cam".into(),
        "Desk cam".into(),
    ])));
    // The demo runs; choosing a camera ends it and starts that camera.
    let _ = app.update(Message::Scan(scan::Message::StartDemo));
    assert_eq!(commands.try_recv(), Ok(ScanCommand::Demo));
    open_staff(&mut app);
    assert!(on_screen(&app, &text(Lang::En, "staff-settings-kept")));
    assert!(on_screen(&app, &file.display().to_string()));
    click(&mut app, "Desk cam");
    assert_eq!(
        commands.try_recv(),
        Ok(ScanCommand::Camera("Desk cam".into(), Controls::default()))
    );
    // The same camera again restarts it (after a camera was unplugged, say).
    click(&mut app, "Desk cam");
    assert_eq!(
        commands.try_recv(),
        Ok(ScanCommand::Camera("Desk cam".into(), Controls::default()))
    );
    click(&mut app, "hospital");
    click(&mut app, Lang::Fr.native_name());
    // The volume is kept when the slider is let go, not at every step.
    let _ = app.update(Message::Staff(staff::Message::Volume(30)));
    assert_eq!(app.config.volume, 80);
    let _ = app.update(Message::Staff(staff::Message::VolumeReleased));
    click(&mut app, "+");
    let _ = app.update(Message::Staff(staff::Message::CareDefault(true)));
    let p = &app.config;
    assert_eq!(
        (
            p.venue.as_str(),
            p.default_language.as_str(),
            p.volume,
            p.auto_return_seconds
        ),
        ("hospital", "fr", 30, 6)
    );
    assert!(p.care_mode);
    assert_eq!(app.gate().venue(), "hospital");
    assert!(commands.try_recv().is_err());
    // Brightness for a dark hall: applied (the camera restarted with it)
    // when the slider is let go; "auto" goes back to the camera's own.
    let bright = Controls {
        brightness: Some(70),
        exposure: None,
    };
    let _ = app.update(Message::Staff(staff::Message::Picture(
        Control::Brightness,
        Some(70),
    )));
    assert!(commands.try_recv().is_err());
    let _ = app.update(Message::Staff(staff::Message::PictureReleased));
    assert_eq!(
        commands.try_recv(),
        Ok(ScanCommand::Camera("Desk cam".into(), bright))
    );
    assert_eq!(app.config.brightness, Some(70));
    let _ = app.update(Message::Staff(staff::Message::Picture(
        Control::Brightness,
        None,
    )));
    assert_eq!(
        commands.try_recv(),
        Ok(ScanCommand::Camera("Desk cam".into(), Controls::default()))
    );
    let _ = app.update(Message::Staff(staff::Message::Picture(
        Control::Exposure,
        Some(20),
    )));
    let _ = app.update(Message::Staff(staff::Message::PictureReleased));
    let _ = commands.try_recv();
    // A volume moved without a release (keys, wheel) is kept on leaving.
    let _ = app.update(Message::Staff(staff::Message::Volume(35)));
    // The next verdict uses them: French, hospital rules, 6 s.
    click(&mut app, &text(Lang::En, "staff-close"));
    assert_eq!(app.config.volume, 35);
    assert_eq!(app.lang, Lang::En);
    let _ = app.update(Message::Feed(Feed::Code(demo_code(0), Instant::now())));
    let _ = app.update(Message::Tick(T0.plus(6)));
    assert_eq!(app.screen, Screen::Scan);
    assert_eq!(app.lang, Lang::Fr);
    assert!(app.care);

    // After a restart, the config plus the staff file give the same settings.
    let mut loaded = healthgate::config::parse(
        &format!("[staff]\nsettings_file = \"{}\"\n", file.display()),
        None,
    );
    healthgate::config::apply_staff_file(&mut loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        (loaded.config.brightness, loaded.config.exposure),
        (None, Some(20))
    );
    // (The PIN's hash here is the config's, not one set on the kiosk.)
    for key in healthgate::config::STAFF_KEYS
        .iter()
        .filter(|k| k.key != "pin_hash")
    {
        assert_eq!(
            (key.get)(&loaded.config),
            (key.get)(&app.config),
            "{}",
            key.name()
        );
    }
}

#[test]
fn a_setting_that_cannot_be_kept_says_so_on_the_staff_screen() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: the settings file cannot be written.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let (app, _commands) = app_with_control(settings(), demo_rules());
    let mut app = app.with_staff_file(blocker.join("staff.toml"));
    open_staff(&mut app);
    click(&mut app, "school");
    // Applied all the same, and staff are told it will not last.
    assert_eq!(app.config.venue, "school");
    let error = healthgate::config::save_staff_value(
        &blocker.join("staff.toml"),
        "kiosk",
        "venue",
        "school".into(),
    )
    .unwrap_err();
    let notice = I18n::global().text_with(
        Lang::En,
        "staff-settings-failed",
        &[("error", Arg::from(error.to_string()))],
    );
    assert!(on_screen(&app, &notice), "{notice}");
}

#[test]
fn the_scanner_thread_runs_the_demo_camera_then_switches_to_a_camera() {
    use healthgate::scan::supervisor;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let control = supervisor::spawn(ScanCommand::Demo, tx);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut demo_seen = false;
    let mut code = None;
    let mut preview = false;
    while !(code.is_some() && demo_seen && preview) && std::time::Instant::now() < deadline {
        match rx.try_recv() {
            Ok(Feed::Camera(CameraState::Demo)) => demo_seen = true,
            Ok(Feed::Code(c, _)) => code = Some(c),
            Ok(Feed::Preview { width, .. }) => preview = width == 320,
            Ok(_) => {}
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    assert!(demo_seen && preview);
    // The first demo code, decoded from frames: the green holder's.
    let code = code.unwrap();
    let door = door(demo_rules(), &settings());
    assert_eq!(
        door.check(&code, UnixTime::now()).verdict.colour,
        Colour::Green
    );
    // Another camera: the demo stops, the camera starts (none here).
    assert!(control.send(ScanCommand::Camera(String::new(), Controls::default())));
    let mut state = None;
    while state.is_none() && std::time::Instant::now() < deadline {
        match rx.try_recv() {
            Ok(Feed::Camera(c)) if c != CameraState::Demo => state = Some(c),
            Ok(_) => {}
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    assert!(state.is_some());
}

#[test]
fn snapshots_of_the_staff_screen_and_the_demo_camera() {
    for lang in [Lang::En, Lang::ZhCn, Lang::Ar, Lang::Th] {
        let (app, _commands) = app_with_control(settings(), demo_rules());
        let mut app = app.with_staff_file(PathBuf::from("/var/lib/healthgate/staff-settings.toml"));
        // A few verdicts for the list and the chart.
        for i in [0, 1, 2, 4] {
            let _ = app.update(Message::Feed(Feed::Code(demo_code(i), Instant::now())));
            let _ = app.update(Message::Verdict(healthgate::ui::verdict::Message::Next));
        }
        let _ = app.update(Message::Feed(Feed::Cameras(vec![
            "HD Webcam C615".into(),
            "Integrated Camera".into(),
        ])));
        app.lang = lang;
        open_staff(&mut app);
        app.lang = lang;
        snap(&app, &format!("staff-{}", lang.tag()));
    }
    // The demo camera's frame as the scan screen shows it, mirrored.
    for lang in [Lang::En, Lang::Ar] {
        let (mut app, _commands) = app_with_control(settings(), demo_rules());
        app.lang = lang;
        let _ = app.update(Message::Scan(scan::Message::StartDemo));
        let _ = app.update(Message::Feed(Feed::Camera(CameraState::Demo)));
        let _ = app.update(Message::Feed(demo_preview()));
        snap(&app, &format!("scan-demo-{}", lang.tag()));
    }
}

/// The preview of a demo frame, as the scanner thread sends it. The text is
/// fixed (a real code's signature differs every time) and as long as one.
fn demo_preview() -> Feed {
    use healthgate::scan::FrameSource;
    use healthgate::scan::demo::{DemoSource, DemoTiming};
    let green: String = "HGC1:"
        .chars()
        .chain(std::iter::repeat_n('7', 440))
        .collect();
    let mut src = DemoSource::new(
        DemoTiming {
            fps: 0.0,
            ..DemoTiming::default()
        },
        Box::new(move || Ok(vec![green.clone()])),
    );
    let frame = src.next_frame().unwrap();
    healthgate::scan::supervisor::preview_feed(&frame.downscale(320))
}

#[test]
fn an_export_runs_off_the_screen_and_says_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let cfg = Config {
        timezone: "Asia/Shanghai".into(),
        bundle_store: Some(dir.path().join("rules.sqlite")),
        records_store: Some(dir.path().join("records.sqlite")),
        staff_file: Some(dir.path().join("staff.toml")),
        export_dir: Some(exports.clone()),
        ..Config::default()
    };
    let mut app = healthgate::ui::start::app(&cfg, T0);
    for i in [0, 1] {
        let _ = app.update(Message::Feed(Feed::Code(demo_code(i), Instant::now())));
    }
    let _ = app.update(Message::Scan(scan::Message::Staff));
    for _ in 0..6 {
        let _ = app.update(Message::Pin(staff::PinMessage::Digit(0)));
    }
    let _ = app.update(Message::Pin(staff::PinMessage::Submit));
    assert!(matches!(app.screen, Screen::Staff(_)));
    // Pressing Export starts the work and returns at once: nothing is
    // written on the screen's thread.
    let _ = app.update(Message::Staff(staff::Message::Export));
    assert!(!exports.exists());
    // What the task does, through a connection of its own.
    let out = exports.join("records.csv");
    let n = healthgate::records::export_file(
        &dir.path().join("records.sqlite"),
        &out,
        healthgate::records::ExportFormat::Csv,
    )
    .unwrap();
    assert_eq!(n, 2);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let _ = app.update(Message::Exported(Ok((out.clone(), n))));
    let notice = I18n::global().text_with(
        Lang::En,
        "staff-exported",
        &[("file", Arg::from(out.display().to_string()))],
    );
    assert!(on_screen(&app, &notice), "{notice}");
    // Without a records file there is nothing to export, and staff are told.
    let (mut memory_only, _commands) = app_with_control(settings(), demo_rules());
    open_staff(&mut memory_only);
    let _ = memory_only.update(Message::Staff(staff::Message::Export));
    let warning = I18n::global().text_with(
        Lang::En,
        "staff-records-warning",
        &[(
            "warning",
            Arg::from("the records database is not available".to_string()),
        )],
    );
    assert!(on_screen(&memory_only, &warning), "{warning}");
}

#[test]
fn the_staff_screen_shows_records_of_one_format_at_a_time() {
    use healthgate::demo::{DccKind, dcc_code};
    let mut app = app_trusting_the_demo_dsc("general", Some("DE"));
    for text in [
        demo_code(0),
        dcc_code(DccKind::Vaccinated { days_ago: 40 }, "Doe", T0).unwrap(),
    ] {
        let _ = app.update(Message::Feed(Feed::Code(text, std::time::Instant::now())));
        let _ = app.update(Message::Verdict(healthgate::ui::verdict::Message::Next));
    }
    open_staff(&mut app);
    // The venue's country, with its rules in the bundle.
    if super::common::testdata().is_some() {
        let country = I18n::global().text_with(
            Lang::En,
            "staff-country",
            &[
                ("country", Arg::from("DE".to_string())),
                ("rules", Arg::from(11_i64)),
            ],
        );
        assert!(on_screen(&app, &country), "{country}");
    }
    let formats =
        |app: &App| -> Vec<String> { app.recent().iter().map(|r| r.format.clone()).collect() };
    assert_eq!(formats(&app).len(), 2);
    click(&mut app, &text(Lang::En, "format-dcc"));
    assert_eq!(formats(&app), ["dcc"]);
    click(&mut app, &text(Lang::En, "format-hgc1"));
    assert_eq!(formats(&app), ["hgc1"]);
    click(&mut app, &text(Lang::En, "staff-format-all"));
    assert_eq!(formats(&app).len(), 2);
}

/// A DEMO SMART Health Card in three chunks: the scan screen says how many
/// parts are read until the last comes, then the verdict; both in Chinese,
/// English, Arabic and Thai, and in care mode.
#[test]
fn snapshots_of_a_smart_health_card_read_in_parts() {
    for lang in [Lang::ZhCn, Lang::En, Lang::Ar, Lang::Th] {
        for care in [false, true] {
            let mut app = app_trusting_the_demo_dsc("general", None);
            app.care = care;
            let chunks = healthgate::demo::shc_card("Doe", 2, T0, 3).unwrap();
            let _ = app.update(Message::Feed(Feed::Code(
                chunks[1].clone(),
                std::time::Instant::now(),
            )));
            assert!(matches!(app.screen, Screen::Scan), "{:?}", app.screen);
            app.lang = lang;
            let mode = if care { "-care" } else { "" };
            let read = I18n::global().text_with(
                lang,
                "scan-chunks",
                &[("have", Arg::from(1_i64)), ("total", Arg::from(3_i64))],
            );
            assert!(on_screen(&app, &read), "{read}");
            snap(&app, &format!("shc-parts-{}{mode}", lang.tag()));
            let _ = app.update(Message::Feed(Feed::Code(
                chunks[2].clone(),
                std::time::Instant::now(),
            )));
            assert!(matches!(app.screen, Screen::Scan));
            let _ = app.update(Message::Feed(Feed::Code(
                chunks[0].clone(),
                std::time::Instant::now(),
            )));
            let Screen::Verdict(v) = &app.screen else {
                panic!("no verdict: {:?}", app.screen);
            };
            assert_eq!(v.colour, Colour::Green, "{:?}", v.reasons);
            assert_eq!(v.name.as_deref(), Some("D*"));
            app.lang = lang;
            snap(&app, &format!("shc-green-{}{mode}", lang.tag()));
        }
    }
}

/// A kiosk with real (not DEMO) rules and the factory PIN: the first staff
/// entry sets a new PIN (twice, at least 4 digits, not 000000) before the
/// staff screen opens; it is kept as a hash in the staff settings file and
/// the factory PIN opens nothing any more.
#[test]
fn the_factory_pin_must_be_replaced_on_a_kiosk_with_real_rules() {
    let dir = tempfile::tempdir().unwrap();
    let staff_file = dir.path().join("staff-settings.toml");
    let config = Config {
        timezone: "Asia/Shanghai".into(),
        pin_hash: None,
        ..settings()
    };
    let mut real = ActiveRules::empty();
    real.add_trust(&super::common::fixture().trust);
    let gate = door(real, &config);
    assert!(!gate.rules().demo);
    let mut app = App::new(config, gate, T0).with_staff_file(staff_file.clone());
    let enter = |app: &mut App, pin: &str| {
        for d in pin.bytes() {
            let _ = app.update(Message::Pin(staff::PinMessage::Digit(d - b'0')));
        }
        let _ = app.update(Message::Pin(staff::PinMessage::Submit));
    };
    let _ = app.update(Message::Scan(scan::Message::Staff));
    enter(&mut app, "000000");
    assert!(matches!(&app.screen, Screen::Pin(p) if p.mode == staff::PinMode::New));
    assert!(on_screen(&app, &text(Lang::En, "pin-new")));
    assert!(on_screen(&app, &text(Lang::En, "pin-factory")));
    for lang in [Lang::ZhCn, Lang::Ar, Lang::Th] {
        let mut look = App::new(
            Config {
                timezone: "Asia/Shanghai".into(),
                pin_hash: None,
                ..settings()
            },
            door(ActiveRules::empty(), &settings()),
            T0,
        );
        look.lang = lang;
        look.screen = app.screen.clone();
        if let Screen::Pin(p) = &mut look.screen {
            p.notice = Some(text(lang, "pin-factory"));
            p.entered = "135".into();
        }
        snap(&look, &format!("pin-new-{}", lang.tag()));
    }
    for bad in ["12", "000000"] {
        enter(&mut app, bad);
        assert!(on_screen(&app, &text(Lang::En, "pin-new-invalid")), "{bad}");
    }
    enter(&mut app, "135790");
    assert!(on_screen(&app, &text(Lang::En, "pin-new-again")));
    enter(&mut app, "135791");
    assert!(on_screen(&app, &text(Lang::En, "pin-new-mismatch")));
    enter(&mut app, "135790");
    enter(&mut app, "135790");
    assert!(matches!(app.screen, Screen::Staff(_)), "{:?}", app.screen);
    let kept: toml::Table = std::fs::read_to_string(&staff_file)
        .unwrap()
        .parse()
        .unwrap();
    let hash = kept["staff"]["pin_hash"].as_str().unwrap();
    assert!(healthgate::pin::check_pin("135790", hash));
    // The staff file's hash is what a restarted kiosk reads.
    let cfg_file = dir.path().join("config.toml");
    std::fs::write(
        &cfg_file,
        format!(
            "[staff]\nsettings_file = {:?}\n",
            staff_file.display().to_string()
        ),
    )
    .unwrap();
    let loaded = healthgate::config::load(Some(&cfg_file));
    assert_eq!(loaded.config.pin_hash.as_deref(), Some(hash));
    // From now on the factory PIN is wrong and the new one opens.
    click(&mut app, &text(Lang::En, "staff-close"));
    let _ = app.update(Message::Scan(scan::Message::Staff));
    enter(&mut app, "000000");
    assert!(matches!(&app.screen, Screen::Pin(p) if p.mode == staff::PinMode::Enter));
    enter(&mut app, "135790");
    assert!(matches!(app.screen, Screen::Staff(_)));
}

/// A clock turned back: the staff screen says so, in each language.
#[test]
fn the_staff_screen_says_when_the_clock_is_behind() {
    use healthgate::gate::clock::ClockMark;
    for lang in [Lang::ZhCn, Lang::En, Lang::Ar, Lang::Th] {
        let config = settings();
        let gate = door(demo_rules(), &config).with_clock_mark(ClockMark::in_memory());
        let mut app = App::new(config, gate, T0);
        let green = demo_code(0);
        let _ = app.update(Message::Feed(Feed::Code(green, std::time::Instant::now())));
        let back = T0.plus(-2 * 86_400);
        let _ = app.update(Message::Tick(back));
        app.screen = Screen::Scan;
        open_staff(&mut app);
        app.lang = lang;
        let warning = I18n::global().text_with(
            lang,
            "staff-clock-behind",
            &[
                // The kiosk's zone (Asia/Shanghai here), with its offset.
                ("now", Arg::from("2026-11-24 16:30 UTC+08:00")),
                ("mark", Arg::from("2026-11-26 16:30 UTC+08:00")),
            ],
        );
        assert!(on_screen(&app, &warning), "{lang:?}: {warning}");
        snap(&app, &format!("staff-clock-behind-{}", lang.tag()));
    }
}

#[test]
fn snapshots_of_aiming() {
    use healthgate::scan::decoder::AimHint;
    // The preview with its target frame; a code seen but unread turns the
    // frame amber and the hint says what helps, in care mode too.
    for lang in [Lang::ZhCn, Lang::En, Lang::Ar, Lang::Th] {
        for care in [false, true] {
            let mut app = app();
            app.lang = lang;
            app.care = care;
            let _ = app.update(Message::Feed(demo_preview()));
            let mode = if care { "-care" } else { "" };
            if !care {
                snap(&app, &format!("scan-preview-{}", lang.tag()));
            }
            for hint in [AimHint::HoldStill, AimHint::MoveCloser, AimHint::Glare] {
                let _ = app.update(Message::Feed(Feed::Aim(hint)));
                snap(
                    &app,
                    &format!("scan-aim-{}-{}{mode}", hint.name(), lang.tag()),
                );
            }
            // A code read clears the hint.
            let _ = app.update(Message::Feed(Feed::Code(demo_code(0), Instant::now())));
            let _ = app.update(Message::Verdict(healthgate::ui::verdict::Message::Next));
            assert!(matches!(app.screen, Screen::Scan));
            assert_eq!(app.aim(), None);
        }
    }
}

#[test]
fn a_code_held_in_view_but_unread_is_said_once() {
    use super::voice::{WAIT, plays, recording_player};
    use healthgate::scan::decoder::AimHint;
    use healthgate::voice::Player;
    let (player, rec) = recording_player();
    let said = |player: &Player| {
        assert!(player.sync(WAIT));
        let heard = plays(&rec.events());
        rec.clear();
        heard
    };
    let mut app = app();
    app.set_voice(player.clone());
    app.lang = Lang::Th;
    app.care = true;
    let aim = |app: &mut App, hint| {
        let _ = app.update(Message::Feed(Feed::Aim(hint)));
    };
    // A glimpse is shown, not said.
    aim(&mut app, AimHint::MoveCloser);
    assert_eq!(app.aim(), Some(AimHint::MoveCloser));
    assert!(said(&player).is_empty());
    // Seen again: said, slowly in care mode, in the screen's language.
    aim(&mut app, AimHint::MoveCloser);
    assert_eq!(said(&player), ["th/aim-move-closer.slow.ogg"]);
    // Not again while the person is moving the phone, whatever it becomes.
    for hint in [
        AimHint::MoveCloser,
        AimHint::Glare,
        AimHint::Glare,
        AimHint::HoldStill,
    ] {
        aim(&mut app, hint);
    }
    assert!(said(&player).is_empty());
    assert_eq!(app.aim(), Some(AimHint::HoldStill));
}
