//! From "a frame holding a code enters the stage" to "the verdict is the
//! app's state": the decode stage's thread reads the frame, the scanner's
//! event reaches the app, and the app checks the code (verify, rules, the
//! record written to its SQLite store) and shows the verdict. One frame at
//! a time, each with a new demo code on a 1280x720 frame, p50 and p95.
//!
//! `cargo bench --bench latency` (200 codes); under `cargo test` a short
//! run checks that every step works. See `benches/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use healthgate::authority;
use healthgate::config::Config;
use healthgate::scan::ScanEvent;
use healthgate::scan::frame::{LumaFrame, decode_image_bytes};
use healthgate::scan::stage::{Stage, StageConfig};
use healthgate::scan::supervisor::Feed;
use healthgate::time::UnixTime;
use healthgate::ui::{App, Message, Screen};
use healthgate::verdict::Colour;

/// A code at 4 pixels a module on a grey 1280x720 frame.
fn frame_of(text: &str) -> LumaFrame {
    let png = authority::qr_png(&authority::qr(text).unwrap(), 4).unwrap();
    let qr = decode_image_bytes(&png, None, Instant::now()).unwrap();
    let (w, h) = (1280usize, 720usize);
    let mut pixels = vec![140u8; w * h];
    let (qw, x0, y0) = (
        qr.width() as usize,
        (w - qr.width() as usize) / 2,
        (h - qr.height() as usize) / 2,
    );
    for (y, row) in qr.rows().enumerate() {
        let at = (y0 + y) * w + x0;
        pixels[at..at + qw].copy_from_slice(row);
    }
    LumaFrame::new(1280, 720, pixels, Instant::now()).unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 200 } else { 3 };
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        trust_demo: true,
        data_dir: Some(dir.path().to_path_buf()),
        ..Config::default()
    };
    let t0 = UnixTime::now();
    let mut app: App = healthgate::ui::start::app(&config, t0);
    // A new code each time, issued a second apart (a code shown twice is
    // refused as replayed); made before the clock starts.
    let codes: Vec<(UnixTime, String)> = (0..n)
        .map(|i| {
            let at = t0.plus(i64::try_from(i).unwrap());
            (at, healthgate::demo::scenes(at).unwrap()[0].text.clone())
        })
        .collect();
    let frames: Vec<LumaFrame> = codes.iter().map(|(_, c)| frame_of(c)).collect();
    let (tx, rx) = channel();
    let stage = Stage::spawn(
        Box::new(healthgate::scan::default_chain()),
        StageConfig::default(),
        tx,
    )
    .unwrap();
    let mut input = stage.input();
    let mut times = Vec::with_capacity(n);
    for ((at, _), frame) in codes.iter().zip(frames) {
        let _ = app.update(Message::Tick(*at));
        let frame = frame.at(Instant::now());
        assert!(input.submit(frame));
        let code = loop {
            if let ScanEvent::Code(code) = rx.recv_timeout(Duration::from_secs(10)).unwrap() {
                break code;
            }
        };
        let _ = app.update(Message::Feed(Feed::Code(code.text, code.at)));
        times.push(code.at.elapsed());
        let Screen::Verdict(v) = &app.screen else {
            panic!("no verdict: {:?}", app.screen);
        };
        assert_eq!(v.colour, Colour::Green, "{:?}", v.reasons);
        let _ = app.update(Message::Verdict(healthgate::ui::verdict::Message::Next));
    }
    stage.stop();
    let records = std::fs::read_dir(dir.path()).unwrap().count();
    times.sort();
    println!("latency bench: {n} codes, frame into the stage to the verdict as the app's state");
    println!(
        "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({records} files in the data folder)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
}
