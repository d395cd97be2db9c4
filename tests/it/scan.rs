//! The scanner: decoding the `ZXing` photo sets, the decode stage (latest frame
//! wins, once until gone, preview, panicking decoders), replay end to end
//! into a verdict, camera trouble through a fake nokhwa driver, text input.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use healthgate::authority;
use healthgate::scan::camera::{
    CameraChoice, CameraDriver, CameraEntry, CameraRequest, CameraSource, Control, ControlRange,
    Controls, Mode, Phase, RawFrame, classify,
};
use healthgate::scan::decoder::{
    Chain, Decoder, MAX_PATTERN_SETS, MAX_SETS_PER_LOOK, RqrrDecoder, RxingDecoder, default_chain,
};
use healthgate::scan::frame::{LumaFrame, PixelLayout, decode_image_bytes};
use healthgate::scan::replay::ReplaySource;
use healthgate::scan::source::{FrameSource, SourceError, SourceStatus};
use healthgate::scan::stage::{Dedupe, Mailbox, Stage, StageConfig};
use healthgate::scan::text::{TextSource, spawn_text_source};
use healthgate::scan::{ScanEvent, Scanner};
use healthgate::scan::{decode_file, decode_report};
use healthgate::verdict::CodeColour;
use healthgate::verdict::Colour;
use nokhwa::NokhwaError;
use proptest::prelude::*;

use super::common::{T0, check, code, fixture, issue, testdata};

// ---------------------------------------------------------------- helpers

/// The QR code of `text` pasted in the middle of a grey 1280x720 frame.
fn qr_frame(text: &str, scale: usize, at: Instant) -> LumaFrame {
    let png = authority::qr_png(&authority::qr(text).unwrap(), scale).unwrap();
    let qr = decode_image_bytes(&png, None, at).unwrap();
    let (w, h) = (1280usize, 720usize);
    let mut pixels = vec![128u8; w * h];
    let (qw, qh) = (qr.width() as usize, qr.height() as usize);
    let (x0, y0) = ((w - qw) / 2, (h - qh) / 2);
    for (y, row) in qr.rows().enumerate() {
        let start = (y0 + y) * w + x0;
        pixels[start..start + qw].copy_from_slice(row);
    }
    assert!(qh <= h);
    LumaFrame::new(1280, 720, pixels, at).unwrap()
}

fn blank(at: Instant) -> LumaFrame {
    LumaFrame::filled(1280, 720, 200, at).unwrap()
}

fn codes(events: &[ScanEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            ScanEvent::Code(c) => Some(c.text.clone()),
            ScanEvent::Status(_) | ScanEvent::Aim(_) => None,
        })
        .collect()
}

/// Waits (bounded) until `done` holds.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Hands `frame` to the stage and waits until it has been decoded.
fn submit_and_wait(
    stage: &Stage,
    input: &mut healthgate::scan::stage::FrameInput,
    frame: LumaFrame,
) {
    let before = stage.counts().decoded;
    assert!(input.submit(frame));
    wait_until("the frame to be decoded", || {
        stage.counts().decoded > before
    });
}

// ------------------------------------------------------- ZXing photo sets

/// Images of a blackbox folder with the expected text (the `.txt` beside
/// each image, read as UTF-8, not trimmed).
fn blackbox(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png" || e == "jpg"))
        .map(|p| {
            let expected = std::fs::read_to_string(p.with_extension("txt")).unwrap();
            (p, expected)
        })
        .collect();
    out.sort();
    out
}

fn count_exact(dir: &Path, decoder: &dyn Decoder) -> (usize, usize, Vec<String>) {
    let cases = blackbox(dir);
    let mut failed = Vec::new();
    let mut read = 0;
    for (path, expected) in &cases {
        let frame = healthgate::scan::frame::load_image(path, Instant::now()).unwrap();
        let texts = decoder.decode(&frame);
        if texts.iter().any(|t| t == expected) {
            read += 1;
        } else {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    (read, cases.len(), failed)
}

#[test]
fn blackbox_qrcode_1_and_2_at_zero_degrees() {
    let Some(data) = testdata() else { return };
    let root = data.join("qr-blackbox");
    let chain = default_chain();
    let (r1, n1, f1) = count_exact(&root.join("qrcode-1"), &chain);
    let (r2, n2, f2) = count_exact(&root.join("qrcode-2"), &chain);
    eprintln!("qrcode-1: {r1}/{n1} (missed {f1:?}); qrcode-2: {r2}/{n2} (missed {f2:?})");
    assert_eq!((n1, n2), (20, 35));
    assert!(r1 >= 17, "qrcode-1: {r1} of 20, missed {f1:?}");
    assert!(r2 >= 32, "qrcode-2: {r2} of 35, missed {f2:?}");
}

#[test]
fn blackbox_false_positives_read_nothing() {
    let Some(data) = testdata() else { return };
    let dir = data.join("qr-blackbox/falsepositives");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "png") {
            n += 1;
            let texts = decode_file(&path).unwrap();
            assert!(texts.is_empty(), "false read in {}", path.display());
        }
    }
    assert_eq!(n, 22);
}

#[test]
fn shift_jis_codes_come_out_as_unicode() {
    let Some(data) = testdata() else { return };
    // Japanese payloads of qrcode-2 (Shift_JIS bytes or Kanji mode).
    let japanese: Vec<(PathBuf, String)> = blackbox(&data.join("qr-blackbox/qrcode-2"))
        .into_iter()
        .filter(|(_, t)| t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)))
        .collect();
    assert!(japanese.len() >= 3, "expected Japanese samples");
    let read = japanese
        .iter()
        .filter(|(p, t)| decode_file(p).unwrap().contains(t))
        .count();
    assert!(read + 1 >= japanese.len(), "{read} of {}", japanese.len());
}

#[test]
fn decode_report_lines() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("code.png");
    let qr = authority::qr("HELLO KIOSK").unwrap();
    std::fs::write(&good, authority::qr_png(&qr, 4).unwrap()).unwrap();
    let empty = dir.path().join("blank.png");
    image::save_buffer(
        &empty,
        &[255u8; 64 * 64],
        64,
        64,
        image::ExtendedColorType::L8,
    )
    .unwrap();
    let broken = dir.path().join("broken.png");
    std::fs::write(&broken, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let missing = dir.path().join("missing.png");

    let r = decode_report(&good);
    assert_eq!(r["texts"], serde_json::json!(["HELLO KIOSK"]));
    assert!(r["error"].is_null());
    assert!(r["micros"].is_u64());
    assert_eq!(r["file"], good.display().to_string());

    let r = decode_report(&empty);
    assert_eq!(r["texts"], serde_json::json!([]));
    assert!(r["error"].is_null());

    for bad in [&broken, &missing] {
        let r = decode_report(bad);
        assert_eq!(r["texts"], serde_json::json!([]));
        assert!(r["error"].is_string(), "{r}");
    }
}

// ------------------------------------------------------ panicking decoders

#[derive(Debug)]
struct Panics;

impl Decoder for Panics {
    fn name(&self) -> &'static str {
        "panics"
    }
    fn decode(&self, _: &LumaFrame) -> Vec<String> {
        panic!("a decoder bug");
    }
}

/// Panics on frames whose first pixel is 0, reads "fine" otherwise.
#[derive(Debug)]
struct PanicsOnBlack;

impl Decoder for PanicsOnBlack {
    fn name(&self) -> &'static str {
        "picky"
    }
    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        assert!(frame.pixels()[0] != 0, "black frame");
        vec![format!("grey {}", frame.pixels()[0])]
    }
}

#[test]
fn a_panicking_decoder_in_a_chain_costs_nothing() {
    let now = Instant::now();
    let chain = Chain::new(vec![Box::new(Panics), Box::new(RxingDecoder::default())]);
    let frame = qr_frame("HGC1:PANIC SAFE", 6, now);
    assert_eq!(chain.decode(&frame), ["HGC1:PANIC SAFE"]);
    assert_eq!(chain.read(&frame).1, "rxing");
    let only = Chain::new(vec![Box::new(Panics)]);
    assert!(only.decode(&frame).is_empty());
}

#[test]
fn a_panicking_decoder_never_takes_the_stage_down() {
    let (tx, rx) = channel();
    let config = StageConfig {
        gone_after: Duration::ZERO,
        ..StageConfig::default()
    };
    let stage = Stage::spawn(Box::new(PanicsOnBlack), config, tx).unwrap();
    let mut input = stage.input();
    let t = Instant::now();
    for (i, v) in [0u8, 7, 0, 0, 9].into_iter().enumerate() {
        let f = LumaFrame::filled(64, 64, v, t + Duration::from_millis(i as u64 * 100)).unwrap();
        submit_and_wait(&stage, &mut input, f);
    }
    assert_eq!(stage.counts().decoded, 5);
    stage.stop();
    let texts = codes(&rx.iter().collect::<Vec<_>>());
    assert_eq!(texts, ["grey 7", "grey 9"]);
}

// ------------------------------------------------- random, mangled images

fn mangled_png() -> impl Strategy<Value = Vec<u8>> {
    (
        "[A-Z0-9 :]{1,60}",
        1usize..5,
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..40),
        any::<usize>(),
    )
        .prop_map(|(text, scale, flips, cut)| {
            let mut png = authority::qr_png(&authority::qr(&text).unwrap(), scale).unwrap();
            let n = png.len();
            for (at, v) in flips {
                png[at % n] ^= v;
            }
            if cut % 3 == 0 {
                png.truncate(cut % n);
            }
            png
        })
}

fn mangled_pixels() -> impl Strategy<Value = (u32, u32, Vec<u8>)> {
    (1u32..300, 1u32..300).prop_flat_map(|(w, h)| {
        let n = (w * h) as usize;
        (
            Just(w),
            Just(h),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), n),
                proptest::collection::vec(prop_oneof![Just(0u8), Just(255u8)], n),
            ],
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_images_never_escape_the_chain((w, h, pixels) in mangled_pixels()) {
        let frame = LumaFrame::new(w, h, pixels, Instant::now()).unwrap();
        let chain = Chain::new(vec![Box::new(RxingDecoder::default()), Box::new(RqrrDecoder)]);
        let _ = chain.decode(&frame);
        let _ = default_chain().decode(&frame);
    }

    #[test]
    fn mangled_qr_files_never_escape(png in mangled_png()) {
        let chain = Chain::new(vec![Box::new(RxingDecoder::default()), Box::new(RqrrDecoder)]);
        if let Ok(frame) = decode_image_bytes(&png, None, Instant::now()) {
            let _ = chain.decode(&frame);
            // The same pixels with noise over a band of rows.
            let mut px = frame.pixels().to_vec();
            let n = px.len();
            for (i, p) in px.iter_mut().enumerate().skip(n / 3).take(n / 4) {
                *p = p.wrapping_add(i.to_le_bytes()[0] ^ 0x5a);
            }
            let noisy = LumaFrame::new(frame.width(), frame.height(), px, Instant::now()).unwrap();
            let _ = chain.decode(&noisy);
        }
    }
}

// --------------------------------------------- latest frame wins, dedupe

#[test]
fn mailbox_keeps_only_the_latest() {
    let m = Mailbox::new();
    assert_eq!(m.put(1), Some(false));
    assert_eq!(m.put(2), Some(true));
    assert_eq!(m.put(3), Some(true));
    assert_eq!(m.take(), Some(3));
    assert_eq!(m.try_take(), None);
    assert_eq!(m.replaced(), 2);
    m.put(4);
    m.close();
    assert_eq!(m.take(), None);
    assert_eq!(m.put(5), None);
}

/// Tells the test which frame (by its grey value) it started on, then waits
/// for a go.
struct Gate {
    started: Mutex<Sender<u8>>,
    go: Mutex<Receiver<()>>,
}

impl Decoder for Gate {
    fn name(&self) -> &'static str {
        "gate"
    }
    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        self.started
            .lock()
            .unwrap()
            .send(frame.pixels()[0])
            .unwrap();
        let _ = self.go.lock().unwrap().recv();
        Vec::new()
    }
}

#[test]
fn latest_frame_wins_while_the_decoder_is_busy() {
    let (started_tx, started) = channel();
    let (go, go_rx) = channel();
    let gate = Gate {
        started: Mutex::new(started_tx),
        go: Mutex::new(go_rx),
    };
    let (tx, _rx) = channel();
    let stage = Stage::spawn(Box::new(gate), StageConfig::default(), tx).unwrap();
    let mut input = stage.input();
    let t = Instant::now();
    let frame = |v: u8| LumaFrame::filled(32, 32, v, t).unwrap();
    assert!(input.submit(frame(1)));
    assert_eq!(started.recv().unwrap(), 1);
    // The decoder is stuck on frame 1; the producer is not.
    let before = Instant::now();
    for v in 2..=9 {
        assert!(input.submit(frame(v)));
    }
    assert!(before.elapsed() < Duration::from_secs(5));
    go.send(()).unwrap();
    assert_eq!(started.recv().unwrap(), 9, "the latest frame comes next");
    go.send(()).unwrap();
    wait_until("two decodes", || stage.counts().decoded == 2);
    let counts = stage.counts();
    assert_eq!((counts.submitted, counts.skipped), (9, 7));
    drop(go);
    stage.stop();
}

#[test]
fn dedupe_reports_once_until_gone() {
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let a = || vec!["A".to_string()];
    let mut d = Dedupe::new(Duration::from_millis(1500));
    assert_eq!(d.observe(&a(), ms(0)), ["A"]);
    assert!(d.observe(&a(), ms(500)).is_empty());
    // Frames without the code (motion blur) do not make it "gone".
    assert!(d.observe(&[], ms(1000)).is_empty());
    assert!(d.observe(&a(), ms(1900)).is_empty());
    // Out of view for 1.5 s: reported again.
    assert!(d.observe(&[], ms(3000)).is_empty());
    assert_eq!(d.observe(&a(), ms(3400)), ["A"]);
    // A second code next to the first is new.
    let both = vec!["A".to_string(), "B".to_string()];
    assert_eq!(d.observe(&both, ms(3500)), ["B"]);
    d.clear();
    assert_eq!(d.observe(&both, ms(3600)), ["A", "B"]);
}

#[test]
fn stage_dedupes_by_frame_time() {
    let (tx, rx) = channel();
    let stage = Stage::spawn(Box::new(default_chain()), StageConfig::default(), tx).unwrap();
    let mut input = stage.input();
    let t = Instant::now();
    let s = |n: u64| t + Duration::from_millis(n);
    let a = qr_frame("HGC1:A", 5, t);
    for at in [s(0), s(100), s(200)] {
        submit_and_wait(&stage, &mut input, a.at(at));
    }
    submit_and_wait(&stage, &mut input, blank(s(300)));
    // Back after 2 s out of view.
    submit_and_wait(&stage, &mut input, a.at(s(2300)));
    stage.stop();
    assert_eq!(codes(&rx.iter().collect::<Vec<_>>()), ["HGC1:A", "HGC1:A"]);
}

#[test]
fn preview_is_small_and_at_most_15_fps() {
    let (tx, _rx) = channel();
    let stage = Stage::spawn(Box::new(RqrrDecoder), StageConfig::default(), tx).unwrap();
    let mut input = stage.input();
    let preview = stage.preview();
    assert!(preview.latest().is_none());
    let t = Instant::now();
    let ms = |n: u64| t + Duration::from_millis(n);
    input.submit(blank(ms(0)));
    assert_eq!(preview.seq(), 1);
    input.submit(blank(ms(30)));
    assert_eq!(preview.seq(), 1, "too soon for another preview");
    input.submit(blank(ms(70)));
    assert_eq!(preview.seq(), 2);
    let p = preview.latest().unwrap();
    assert_eq!((p.width, p.height), (320, 180));
    assert_eq!(p.at, ms(70));
    stage.stop();
}

// ------------------------------------------------------------ end to end

#[test]
fn replayed_frames_give_the_text_once_then_a_green_verdict() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = authority::qr_png(&authority::qr(&text).unwrap(), 3).unwrap();
    for i in 1..=3 {
        std::fs::write(dir.path().join(format!("frame{i}.png")), &png).unwrap();
    }
    let source_dir = dir.path().to_path_buf();
    let scanner = Scanner::start(
        move || ReplaySource::open(&source_dir, 30.0, true).unwrap(),
        Box::new(default_chain()),
        StageConfig::default(),
    )
    .unwrap();
    let mut events = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while codes(&events).is_empty() && Instant::now() < deadline {
        if let Ok(e) = scanner.events().recv_timeout(Duration::from_millis(100)) {
            events.push(e);
        }
    }
    // The code stays in view: keep watching for a while.
    let decoded_before = scanner.counts().decoded;
    let watch = Instant::now() + Duration::from_secs(1);
    while Instant::now() < watch || scanner.counts().decoded < decoded_before + 5 {
        assert!(Instant::now() < deadline, "the stage stopped decoding");
        if let Ok(e) = scanner.events().recv_timeout(Duration::from_millis(50)) {
            events.push(e);
        }
    }
    scanner.stop();
    assert!(matches!(
        events.first(),
        Some(ScanEvent::Status(SourceStatus::Running { .. }))
    ));
    let read = codes(&events);
    assert_eq!(read, std::slice::from_ref(&text), "exactly once");
    assert_eq!(check(&read[0], T0).verdict.colour, Colour::Green);
}

#[test]
fn a_code_that_changes_step_gives_the_new_text() {
    let f = fixture();
    let signed = issue(CodeColour::Green, T0);
    let step0 = authority::present(&signed, &f.device, T0)
        .unwrap()
        .to_text()
        .unwrap();
    let step1 = authority::present(&signed, &f.device, T0.plus(30))
        .unwrap()
        .to_text()
        .unwrap();
    assert_ne!(step0, step1);
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in [&step0, &step0, &step1, &step1].into_iter().enumerate() {
        let png = authority::qr_png(&authority::qr(text).unwrap(), 3).unwrap();
        std::fs::write(dir.path().join(format!("{i:02}.png")), png).unwrap();
    }
    let mut replay = ReplaySource::open(dir.path(), 0.0, false).unwrap();
    let (tx, rx) = channel();
    let stage = Stage::spawn(Box::new(default_chain()), StageConfig::default(), tx).unwrap();
    let mut input = stage.input();
    loop {
        match replay.next_frame() {
            Ok(frame) => submit_and_wait(&stage, &mut input, frame),
            Err(SourceError::Ended) => break,
            Err(e) => panic!("{e}"),
        }
    }
    stage.stop();
    let read = codes(&rx.iter().collect::<Vec<_>>());
    assert_eq!(read, [step0.clone(), step1.clone()]);
    assert_eq!(check(&step1, T0.plus(30)).verdict.colour, Colour::Green);
}

#[test]
fn replay_plays_in_order_and_loops() {
    let dir = tempfile::tempdir().unwrap();
    for (name, v) in [
        ("f10.png", 3u8),
        ("f2.png", 2),
        ("f1.jpg", 1),
        ("notes.txt", 0),
    ] {
        let path = dir.path().join(name);
        if v == 0 {
            std::fs::write(path, "not a frame").unwrap();
        } else {
            image::save_buffer(
                &path,
                &[v * 50 + 20; 16],
                4,
                4,
                image::ExtendedColorType::L8,
            )
            .unwrap();
        }
    }
    let mut r = ReplaySource::open(dir.path(), 0.0, true).unwrap();
    assert_eq!(r.len(), 3);
    let firsts: Vec<u8> = (0..6)
        .map(|_| r.next_frame().unwrap().pixels()[0] / 50)
        .collect();
    assert_eq!(firsts, [1, 2, 3, 1, 2, 3]);
    let mut once = ReplaySource::open(dir.path(), 0.0, false).unwrap();
    for _ in 0..3 {
        once.next_frame().unwrap();
    }
    assert_eq!(once.next_frame().unwrap_err(), SourceError::Ended);
    assert!(ReplaySource::open(&dir.path().join("nope"), 10.0, true).is_err());
}

// -------------------------------------------------- camera trouble (fake)

/// What the fake camera does next; shared with the test.
#[derive(Debug, Default)]
struct FakeWorld {
    cameras: Vec<CameraEntry>,
    modes: Vec<Mode>,
    /// `start` fails with this for these layouts.
    refuse: Vec<(PixelLayout, NokhwaError)>,
    open_error: Option<NokhwaError>,
    /// Frames delivered before the camera is "unplugged".
    frames_left: Option<u32>,
    started: Vec<Mode>,
    streaming: Option<Mode>,
    /// The picture controls the camera offers, with their ranges.
    controls: Vec<(Control, ControlRange)>,
    /// Controls set, with their values.
    set: Vec<(Control, i64)>,
}

#[derive(Clone, Debug, Default)]
struct FakeDriver(Arc<Mutex<FakeWorld>>);

impl CameraDriver for FakeDriver {
    fn list(&mut self) -> Result<Vec<CameraEntry>, NokhwaError> {
        Ok(self.0.lock().unwrap().cameras.clone())
    }

    fn open(&mut self, index: u32) -> Result<Vec<Mode>, NokhwaError> {
        let w = self.0.lock().unwrap();
        if let Some(e) = &w.open_error {
            return Err(e.clone());
        }
        if !w.cameras.iter().any(|c| c.index == index) {
            return Err(NokhwaError::OpenDeviceError(
                index.to_string(),
                "V4L2 Error: No such file or directory (os error 2)".into(),
            ));
        }
        Ok(w.modes.clone())
    }

    fn start(&mut self, mode: Mode) -> Result<Mode, NokhwaError> {
        let mut w = self.0.lock().unwrap();
        w.started.push(mode);
        if let Some((_, e)) = w.refuse.iter().find(|(l, _)| *l == mode.layout) {
            return Err(e.clone());
        }
        w.streaming = Some(mode);
        Ok(mode)
    }

    fn frame(&mut self) -> Result<RawFrame<'_>, NokhwaError> {
        let mut w = self.0.lock().unwrap();
        let Some(mode) = w.streaming else {
            return Err(NokhwaError::ReadFrameError("Stream not started".into()));
        };
        match &mut w.frames_left {
            Some(0) => {
                w.cameras.clear();
                return Err(NokhwaError::ReadFrameError(
                    "No such device (os error 19)".into(),
                ));
            }
            Some(n) => *n -= 1,
            None => {}
        }
        let (width, height) = (mode.width, mode.height);
        let n = (width * height) as usize;
        let data = match mode.layout {
            PixelLayout::Yuyv => vec![100u8; n * 2],
            PixelLayout::Nv12 => vec![100u8; n * 3 / 2],
            _ => vec![100u8; n],
        };
        Ok(RawFrame {
            layout: mode.layout,
            width,
            height,
            data: Cow::Owned(data),
        })
    }

    fn close(&mut self) {
        self.0.lock().unwrap().streaming = None;
    }

    fn control_range(&mut self, control: Control) -> Result<Option<ControlRange>, NokhwaError> {
        let w = self.0.lock().unwrap();
        Ok(w.controls
            .iter()
            .find(|(c, _)| *c == control)
            .map(|(_, r)| *r))
    }

    fn set_control(&mut self, control: Control, value: i64) -> Result<(), NokhwaError> {
        let mut w = self.0.lock().unwrap();
        if w.streaming.is_none() {
            return Err(NokhwaError::SetPropertyError {
                property: control.name().into(),
                value: value.to_string(),
                error: "not open".into(),
            });
        }
        w.set.push((control, value));
        Ok(())
    }
}

fn webcam_entry() -> CameraEntry {
    CameraEntry {
        index: 0,
        name: "Fake HD Webcam".into(),
        description: "Video4Linux Device @ /dev/video0".into(),
    }
}

fn mode(layout: PixelLayout, fps: u32) -> Mode {
    Mode {
        layout,
        width: 1280,
        height: 720,
        fps,
    }
}

fn busy() -> NokhwaError {
    NokhwaError::SetPropertyError {
        property: "Resolution, FrameFormat".into(),
        value: "1280x720@30FPS, YUYV".into(),
        error: "Device or resource busy (os error 16)".into(),
    }
}

#[test]
fn no_camera_is_a_clear_error() {
    let driver = FakeDriver::default();
    let mut cam = CameraSource::new(driver.clone(), CameraRequest::default());
    match cam.next_frame() {
        Err(SourceError::NoCamera(why)) => assert!(why.contains("no camera found"), "{why}"),
        other => panic!("{other:?}"),
    }
    driver.0.lock().unwrap().cameras = vec![webcam_entry()];
    let mut named = CameraSource::new(
        driver,
        CameraRequest {
            choice: CameraChoice::parse("Logitech"),
            ..CameraRequest::default()
        },
    );
    match named.next_frame() {
        Err(SourceError::NoCamera(why)) => assert!(why.contains("Fake HD Webcam"), "{why}"),
        other => panic!("{other:?}"),
    }
    // nokhwa's own failures when there is no camera or no backend.
    let errors = [
        NokhwaError::OpenDeviceError(
            "0".into(),
            "V4L2 Error: No such file or directory (os error 2)".into(),
        ),
        NokhwaError::InitializeError {
            backend: nokhwa::utils::ApiBackend::Video4Linux,
            error: "Fail to lock global device list mutex".into(),
        },
        NokhwaError::NotImplementedError("Not on Linux".into()),
    ];
    for e in &errors {
        assert!(
            matches!(classify(e, Phase::Open), SourceError::NoCamera(_)),
            "{e}"
        );
    }
}

#[test]
fn busy_format_falls_back_and_says_so() {
    let driver = FakeDriver::default();
    {
        let mut w = driver.0.lock().unwrap();
        w.cameras = vec![webcam_entry()];
        w.modes = vec![
            mode(PixelLayout::Yuyv, 30),
            mode(PixelLayout::Mjpeg, 30),
            mode(PixelLayout::Nv12, 30),
        ];
        w.refuse = vec![(PixelLayout::Yuyv, busy())];
    }
    let mut cam = CameraSource::new(driver.clone(), CameraRequest::default());
    let frame = cam.next_frame().unwrap();
    assert_eq!((frame.width(), frame.height()), (1280, 720));
    assert_eq!(cam.mode().unwrap().layout, PixelLayout::Nv12);
    assert!(
        matches!(cam.fallbacks(), [(m, SourceError::Busy(_))] if m.layout == PixelLayout::Yuyv)
    );
    let label = cam.describe();
    assert!(label.contains("NV12") && label.contains("busy"), "{label}");

    // Every format busy: the error says busy.
    driver.0.lock().unwrap().refuse = vec![
        (PixelLayout::Yuyv, busy()),
        (PixelLayout::Nv12, busy()),
        (
            PixelLayout::Mjpeg,
            NokhwaError::OpenStreamError("Device or resource busy (os error 16)".into()),
        ),
    ];
    let mut cam = CameraSource::new(driver, CameraRequest::default());
    assert!(matches!(cam.next_frame(), Err(SourceError::Busy(_))));
}

#[test]
fn unsupported_format_falls_back() {
    let driver = FakeDriver::default();
    {
        let mut w = driver.0.lock().unwrap();
        w.cameras = vec![webcam_entry()];
        w.modes = vec![mode(PixelLayout::Yuyv, 30), mode(PixelLayout::Mjpeg, 30)];
        w.refuse = vec![(
            PixelLayout::Yuyv,
            NokhwaError::SetPropertyError {
                property: "CameraFormat".into(),
                value: String::new(),
                error: "Not same/Rejected".into(),
            },
        )];
    }
    let mut cam = CameraSource::new(driver.clone(), CameraRequest::default());
    // The fallback is MJPEG; the fake's "JPEG" is garbage, so the frame is
    // unreadable, but the source says so instead of failing.
    assert!(matches!(cam.next_frame(), Err(SourceError::BadFrame(_))));
    assert_eq!(cam.mode().unwrap().layout, PixelLayout::Mjpeg);
    assert!(matches!(
        cam.fallbacks(),
        [(_, SourceError::FormatUnsupported(_))]
    ));
    let started: Vec<PixelLayout> = driver
        .0
        .lock()
        .unwrap()
        .started
        .iter()
        .map(|m| m.layout)
        .collect();
    assert_eq!(started, [PixelLayout::Yuyv, PixelLayout::Mjpeg]);

    // Nothing the camera offers can be used.
    driver.0.lock().unwrap().modes.clear();
    let mut cam = CameraSource::new(driver.clone(), CameraRequest::default());
    assert!(matches!(
        cam.next_frame(),
        Err(SourceError::FormatUnsupported(_))
    ));
    // nokhwa's "Failed to Fufill" at open.
    driver.0.lock().unwrap().open_error = Some(NokhwaError::GetPropertyError {
        property: "CameraFormat".into(),
        error: "Failed to Fufill".into(),
    });
    let mut cam = CameraSource::new(driver, CameraRequest::default());
    assert!(matches!(
        cam.next_frame(),
        Err(SourceError::FormatUnsupported(_))
    ));
}

#[test]
fn unplugged_camera_reconnects_with_a_visible_status() {
    let driver = FakeDriver::default();
    {
        let mut w = driver.0.lock().unwrap();
        w.cameras = vec![webcam_entry()];
        w.modes = vec![mode(PixelLayout::Yuyv, 30)];
        w.frames_left = Some(3);
    }
    // Step by step first: three frames, then the cable is pulled.
    let mut cam = CameraSource::new(driver.clone(), CameraRequest::default());
    for _ in 0..3 {
        cam.next_frame().unwrap();
    }
    assert!(matches!(
        cam.next_frame(),
        Err(SourceError::Disconnected(_))
    ));
    assert!(matches!(cam.next_frame(), Err(SourceError::NoCamera(_))));
    {
        let mut w = driver.0.lock().unwrap();
        w.cameras = vec![webcam_entry()];
        w.frames_left = Some(2);
    }
    cam.next_frame().unwrap();

    // The same through the scanner's threads, with a short retry.
    {
        let mut w = driver.0.lock().unwrap();
        w.frames_left = Some(2);
        w.streaming = None;
    }
    let config = StageConfig {
        retry_every: Duration::from_millis(20),
        ..StageConfig::default()
    };
    let d = driver.clone();
    let scanner = Scanner::start(
        move || CameraSource::new(d, CameraRequest::default()),
        Box::new(default_chain()),
        config,
    )
    .unwrap();
    let mut statuses = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut plugged_back = false;
    while Instant::now() < deadline {
        let Ok(ScanEvent::Status(s)) = scanner.events().recv_timeout(Duration::from_millis(50))
        else {
            continue;
        };
        statuses.push(s.clone());
        if matches!(
            s,
            SourceStatus::Trouble {
                error: SourceError::NoCamera(_),
                ..
            }
        ) && !plugged_back
        {
            let mut w = driver.0.lock().unwrap();
            w.cameras = vec![webcam_entry()];
            w.frames_left = None;
            plugged_back = true;
        }
        if plugged_back && matches!(s, SourceStatus::Running { .. }) {
            break;
        }
    }
    scanner.stop();
    let kinds: Vec<&str> = statuses
        .iter()
        .map(|s| match s {
            SourceStatus::Running { .. } => "running",
            SourceStatus::Trouble {
                error: SourceError::Disconnected(_),
                retry_in,
            } => {
                assert_eq!(*retry_in, Duration::from_millis(20));
                "disconnected"
            }
            SourceStatus::Trouble {
                error: SourceError::NoCamera(_),
                ..
            } => "no camera",
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["running", "disconnected", "no camera", "running"]);
}

#[test]
fn nokhwa_errors_are_sorted_the_way_staff_need() {
    let busy_stream = NokhwaError::OpenStreamError("Device or resource busy (os error 16)".into());
    assert!(matches!(
        classify(&busy_stream, Phase::Start),
        SourceError::Busy(_)
    ));
    assert!(matches!(
        classify(&busy(), Phase::Open),
        SourceError::Busy(_)
    ));
    let gone = NokhwaError::ReadFrameError("No such device (os error 19)".into());
    assert!(matches!(
        classify(&gone, Phase::Stream),
        SourceError::Disconnected(_)
    ));
    let slow = NokhwaError::ReadFrameError("Resource temporarily unavailable (os error 11)".into());
    assert!(matches!(
        classify(&slow, Phase::Stream),
        SourceError::BadFrame(_)
    ));
    let einval = NokhwaError::SetPropertyError {
        property: "Resolution, FrameFormat".into(),
        value: "1280x720@30FPS, NV12".into(),
        error: "Invalid argument (os error 22)".into(),
    };
    assert!(matches!(
        classify(&einval, Phase::Start),
        SourceError::FormatUnsupported(_)
    ));
}

// ------------------------------------------------------------ text input

#[test]
fn text_lines_arrive_as_codes() {
    let text = code(CodeColour::Green, T0).to_text().unwrap();
    let input = format!("{text}\r\n\nsecond line\n");
    let collected: Vec<String> = TextSource::new(input.as_bytes())
        .map(Result::unwrap)
        .collect();
    assert_eq!(collected, [text.clone(), "second line".into()]);

    let (tx, rx) = channel();
    let handle = spawn_text_source(std::io::Cursor::new(input.into_bytes()), tx).unwrap();
    handle.join().unwrap();
    let events: Vec<ScanEvent> = rx.iter().collect();
    assert_eq!(codes(&events), [text.clone(), "second line".into()]);
    assert!(matches!(&events[0], ScanEvent::Code(c) if c.via == "text"));
    assert_eq!(check(&codes(&events)[0], T0).verdict.colour, Colour::Green);
}

// ---------------------------------------------------------------- the demo camera

/// Runs the demo camera on `texts` through the decode stage and returns
/// what the scanner reported and its preview's width.
fn through_the_demo_camera(texts: &[String]) -> (Vec<ScanEvent>, u32) {
    use healthgate::scan::demo::{DemoSource, DemoTiming};
    let round = texts.to_vec();
    let timing = DemoTiming {
        fps: 30.0,
        hold: Duration::from_millis(400),
        gap: Duration::from_millis(500),
    };
    let scanner = Scanner::start(
        move || DemoSource::new(timing, Box::new(move || Ok(round.clone()))),
        Box::new(default_chain()),
        StageConfig {
            // Longer than a hold (reads of one code, however far apart a
            // busy test machine lets them be, stay one appearance), shorter
            // than the 2.3 s between the green code and its replay.
            gone_after: Duration::from_secs(1),
            ..StageConfig::default()
        },
    )
    .unwrap();
    let preview = scanner.preview();
    let mut events = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while codes(&events).len() < texts.len() && Instant::now() < deadline {
        if let Ok(e) = scanner.events().recv_timeout(Duration::from_millis(100)) {
            events.push(e);
        }
    }
    scanner.stop();
    let width = preview.latest().map_or(0, |p| p.width);
    (events, width)
}

#[test]
fn the_demo_camera_shows_each_demo_code_through_the_decode_stage() {
    let texts: Vec<String> = healthgate::demo::scenes(healthgate::time::UnixTime::now())
        .unwrap()
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(texts.len(), 5);
    let (events, width) = through_the_demo_camera(&texts);
    assert!(matches!(
        events.first(),
        Some(ScanEvent::Status(SourceStatus::Running { source })) if source.starts_with("DEMO camera")
    ));
    // Every code, in order, each once: the green one shown again (the
    // replay scene) counts as a new appearance after the empty view.
    assert_eq!(codes(&events), texts);
    assert_eq!(codes(&events)[0], codes(&events)[3]);
    // The preview is the demo's frame, downscaled.
    assert_eq!(width, 320);
}

#[test]
fn the_demo_cameras_eu_dccs_read_through_the_decode_stage() {
    let texts: Vec<String> = healthgate::demo::kiosk_scenes(healthgate::time::UnixTime::now())
        .unwrap()
        .into_iter()
        .skip(5)
        .take(2)
        .map(|s| s.text)
        .collect();
    assert!(texts.iter().all(|t| t.starts_with("HC1:")));
    let (events, _) = through_the_demo_camera(&texts);
    assert_eq!(codes(&events), texts);
}

/// The demo camera's SMART Health Cards (numeric QR codes; one card in
/// three parts) read through the decode stage, each part its own code.
#[test]
fn the_demo_cameras_smart_health_cards_read_through_the_decode_stage() {
    let texts: Vec<String> = healthgate::demo::kiosk_scenes(healthgate::time::UnixTime::now())
        .unwrap()
        .into_iter()
        .skip(7)
        .map(|s| s.text)
        .collect();
    assert_eq!(texts.len(), 4);
    assert!(texts.iter().all(|t| t.starts_with("shc:/")));
    assert!(texts[1].starts_with("shc:/1/3/"));
    let (events, _) = through_the_demo_camera(&texts);
    assert_eq!(codes(&events), texts);
}

#[test]
fn a_camera_name_picks_the_exact_one_before_one_that_contains_it() {
    let cam = |index: u32, name: &str| CameraEntry {
        index,
        name: name.into(),
        description: String::new(),
    };
    let list = [cam(0, "USB Cam 2"), cam(1, "USB Cam")];
    let pick = |s: &str| CameraChoice::parse(s).pick(&list).map(|c| c.index);
    assert_eq!(pick("USB Cam"), Some(1));
    assert_eq!(pick("usb cam 2"), Some(0));
    assert_eq!(pick("cam"), Some(0));
    assert_eq!(pick(""), Some(0));
    assert_eq!(pick("1"), Some(1));
    assert_eq!(pick("Front"), None);
}

/// Every frame kept in `fuzz/regressions/qr_frame`, read again by the kiosk's
/// chain as the `qr_frame` target reads it: no panic escapes, and however
/// many finder patterns a frame holds, at most `MAX_PATTERN_SETS` sets of
/// three are sampled in each of a look's three tries (`MAX_SETS_PER_LOOK`). The fuzzer's finding was a frame of repeating texture
/// (1254 patterns, 32,739 sets, 1.3 s in a test build); the kept
/// `tiled-finder-patterns` is the same trap made on purpose: 348 finder
/// patterns in a grid, each a corner of many plausible codes. (How long it
/// takes is `cargo bench --bench decode`'s to say: it prints it.)
#[test]
fn fuzz_findings_of_the_qr_stage_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/qr_frame");
    let chain = default_chain();
    let mut replayed = Vec::new();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the findings are committed)", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let Some(frame) = LumaFrame::from_fuzz_input(&data, Instant::now()) else {
            continue;
        };
        let (width, height) = (frame.width(), frame.height());
        let look = healthgate::scan::decoder::guarded_look(&chain, &frame, true);
        let patterns = look.seen.map_or(0, |s| s.patterns);
        eprintln!(
            "{}: {width}x{height}, {} read, {patterns} patterns, {} sets sampled",
            path.display(),
            look.texts.len(),
            look.sampled
        );
        assert!(
            look.sampled <= MAX_SETS_PER_LOOK,
            "{}: {} sets sampled",
            path.display(),
            look.sampled
        );
        replayed.push((path, patterns, look.sampled));
    }
    let tiled = replayed
        .iter()
        .find(|(p, ..)| p.ends_with("tiled-finder-patterns"))
        .expect("fuzz/regressions/qr_frame/tiled-finder-patterns");
    // The trap is still one: far more patterns than a code has, and the
    // bound reached (without it, thousands of sets are sampled).
    assert!(tiled.1 > 300, "{tiled:?}");
    assert!(tiled.2 >= MAX_PATTERN_SETS, "{tiled:?}");
}

/// Staff's brightness and exposure reach the camera, scaled to its own
/// ranges and on its steps; a camera that offers neither still runs.
#[test]
fn picture_settings_reach_the_camera_where_it_offers_them() {
    let driver = FakeDriver::default();
    {
        let mut w = driver.0.lock().unwrap();
        w.cameras = vec![webcam_entry()];
        w.modes = vec![mode(PixelLayout::Yuyv, 30)];
        // A V4L2 webcam's usual ranges.
        w.controls = vec![
            (
                Control::Brightness,
                ControlRange {
                    min: -64,
                    max: 64,
                    step: 1,
                },
            ),
            (
                Control::Exposure,
                ControlRange {
                    min: 3,
                    max: 2047,
                    step: 1,
                },
            ),
        ];
    }
    let request = |brightness, exposure| CameraRequest {
        controls: Controls {
            brightness,
            exposure,
        },
        ..CameraRequest::default()
    };
    let mut cam = CameraSource::new(driver.clone(), request(Some(75), Some(10)));
    cam.next_frame().unwrap();
    assert_eq!(
        cam.applied(),
        [(Control::Brightness, 32), (Control::Exposure, 207)]
    );
    assert_eq!(driver.0.lock().unwrap().set, cam.applied());
    // "auto" leaves the camera's own value alone.
    driver.0.lock().unwrap().set.clear();
    let mut cam = CameraSource::new(driver.clone(), request(None, None));
    cam.next_frame().unwrap();
    assert!(cam.applied().is_empty());
    assert!(driver.0.lock().unwrap().set.is_empty());
    // A camera without these controls: frames still come.
    driver.0.lock().unwrap().controls.clear();
    let mut cam = CameraSource::new(driver.clone(), request(Some(0), Some(100)));
    cam.next_frame().unwrap();
    assert!(cam.applied().is_empty());
    // On a step of 16, 0 and 100 reach the ends.
    let r = ControlRange {
        min: 0,
        max: 255,
        step: 16,
    };
    assert_eq!((r.at(0), r.at(100), r.at(50)), (0, 240, 112));
}
