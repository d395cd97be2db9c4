//! The kiosk GUI driven headless (`iced_test`, tiny-skia): codes, verdicts,
//! the PIN, languages, care mode; and snapshots of every screen.

use std::path::PathBuf;

use healthgate::bundle::active::{ActiveRules, DEFAULT_BUNDLE, root_key};
use healthgate::i18n::{Arg, DEFAULT_FONT_FAMILY, FONTS, I18n, Lang};
use healthgate::records::{HolderKey, Records};
use healthgate::rules::Colour;
use healthgate::time::UnixTime;
use healthgate::ui::{App, Input, Message, Screen, Settings, staff};
use healthgate::verify::Options;
use iced_test::Simulator;

use super::common::T0;

fn settings() -> Settings {
    Settings {
        kiosk_id: "door-1".into(),
        venue: "general".into(),
        default_language: Lang::En,
        care_default: false,
        auto_return_secs: 5,
        volume: 80,
        pin_hash: Some(healthgate::ui::pin::hash_pin("2468").unwrap()),
        max_pin_tries: 3,
        lockout_secs: 300,
        options: Options::default(),
        export_dir: std::env::temp_dir().join("healthgate-ui-test-exports"),
        bundle_url: None,
        rules_store: std::env::temp_dir().join("healthgate-ui-test-rules.sqlite"),
        root_key: None,
    }
}

fn app() -> App {
    let rules = ActiveRules::from_file(DEFAULT_BUNDLE, &root_key(None).unwrap()).unwrap();
    App::new(
        settings(),
        rules,
        Records::in_memory(30),
        HolderKey::random(),
        T0,
    )
}

fn sim(app: &App) -> Simulator<'_, Message> {
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
    let _ = app.update(Message::Input(Input::Code(demo_code(0))));
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
    let _ = app.update(Message::Input(Input::Code(demo_code(2))));
    let Screen::Verdict(v) = &app.screen else {
        panic!()
    };
    assert_eq!(v.colour, Colour::Red);
    assert!(on_screen(&app, &text(Lang::Ar, "verdict-red")));
    assert!(on_screen(
        &app,
        &I18n::global().reason(Lang::Ar, healthgate::rules::Reason::CodeRed)
    ));
    // The next code replaces the verdict at once; the forged one is grey.
    let _ = app.update(Message::Input(Input::Code(demo_code(4))));
    let Screen::Verdict(v) = &app.screen else {
        panic!()
    };
    assert_eq!(v.colour, Colour::Grey);
    assert!(on_screen(
        &app,
        &I18n::global().reason(Lang::En, healthgate::rules::Reason::SignatureInvalid)
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
    assert_eq!(app.screen, Screen::Staff);
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
                let _ = app.update(Message::Input(Input::Code(demo_code(i))));
                app.lang = lang;
                snap(&app, &format!("verdict-{colour}-{}{mode}", lang.tag()));
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
