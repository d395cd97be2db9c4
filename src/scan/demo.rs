//! The demo camera: frames of a phone held up with a code on its screen,
//! then taken away, drawn in memory and fed through the same decode stage
//! as a webcam. A kiosk with no camera runs it on request, marked DEMO on
//! screen the whole time.
//!
//! The frames imitate what a webcam sees: a dim gradient with sensor noise,
//! the phone drifting a little from frame to frame, and an empty view
//! between two people so that the stage reports the next code (even the
//! same code shown again) as a new one.

use std::time::Duration;

use super::frame::LumaFrame;
use super::source::{FrameSource, Pacer, SourceError};

/// Frame size of the demo camera.
pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 540;

/// How the demo paces its scenes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DemoTiming {
    /// Frames per second.
    pub fps: f64,
    /// How long each code is held up.
    pub hold: Duration,
    /// How long the view stays empty before the next code.
    pub gap: Duration,
}

impl Default for DemoTiming {
    /// A code held up for 1.5 s, then 4.5 s without one (the verdict shows
    /// for 5 s), at 12 frames a second.
    fn default() -> Self {
        Self {
            fps: 12.0,
            hold: Duration::from_millis(1500),
            gap: Duration::from_millis(4500),
        }
    }
}

/// Makes the code texts of one round of the demo (fresh ones each round:
/// a code's proof is only good for a short time).
pub type SceneMaker =
    Box<dyn FnMut() -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> + Send>;

/// One code, ready to draw: its modules (true is dark) and side.
struct Drawn {
    modules: Vec<bool>,
    side: usize,
}

/// The demo camera (see the module text).
pub struct DemoSource {
    timing: DemoTiming,
    make: SceneMaker,
    codes: Vec<Drawn>,
    /// Frame number within the round.
    frame: u64,
    pacer: Pacer,
    noise: u64,
}

impl std::fmt::Debug for DemoSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoSource")
            .field("timing", &self.timing)
            .field("codes", &self.codes.len())
            .field("frame", &self.frame)
            .finish_non_exhaustive()
    }
}

impl DemoSource {
    /// A demo camera showing the codes `make` returns, round after round.
    pub fn new(timing: DemoTiming, make: SceneMaker) -> Self {
        Self {
            timing,
            make,
            codes: Vec::new(),
            frame: 0,
            pacer: Pacer::new(timing.fps),
            noise: 0x9e37_79b9_7f4a_7c15,
        }
    }

    /// The kiosk's demo: the DEMO authority's green, yellow and red codes,
    /// the green one again (a replay), a forged one, two EU DCCs (green,
    /// expired), and two SMART Health Cards (one in three parts).
    pub fn kiosk(timing: DemoTiming) -> Self {
        Self::new(
            timing,
            Box::new(|| {
                crate::demo::kiosk_scenes(crate::time::UnixTime::now())
                    .map(|s| s.into_iter().map(|s| s.text).collect())
                    .map_err(Into::into)
            }),
        )
    }

    fn frames_per(&self, d: Duration) -> u64 {
        // Saturating float to int: a silly timing gives a long scene, not a panic.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = (d.as_secs_f64() * self.timing.fps).round() as u64;
        // At most a day of frames a scene part.
        n.clamp(1, 86_400 * 1000)
    }

    fn next_noise(&mut self) -> u64 {
        // xorshift64: cheap sensor noise, the same every run.
        let mut x = self.noise;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.noise = x;
        x
    }

    /// Draws frame `number` of a round: the phone with `code` while it is
    /// held up, else the empty view.
    fn draw(&mut self, code: Option<usize>, number: u64) -> Vec<u8> {
        let (width, height) = (WIDTH as usize, HEIGHT as usize);
        let mut px = Vec::with_capacity(width * height);
        // A dim room: lighter at the top, darker below, with sensor noise.
        for row in 0..height {
            let base = 120 - (row * 50 / height);
            for _ in 0..width {
                let jitter = usize::from(u8::try_from(self.next_noise() & 15).unwrap_or(0));
                px.push(u8::try_from(base + jitter).unwrap_or(u8::MAX));
            }
        }
        let Some(drawn) = code.and_then(|i| self.codes.get(i)) else {
            return px;
        };
        // The phone drifts a few pixels, as a hand does (two triangle waves).
        let wave = |period: u64, amplitude: usize| -> usize {
            let phase = usize::try_from(number % period).unwrap_or(0);
            let half = usize::try_from(period / 2).unwrap_or(1);
            phase.abs_diff(half) * amplitude * 2 / half.max(1)
        };
        let quiet = 3;
        let scale = (400 / (drawn.side + 2 * quiet)).clamp(2, 8);
        let screen = (drawn.side + 2 * quiet) * scale;
        let bezel = 18;
        let phone_w = screen + 2 * bezel;
        let phone_h = screen + 6 * bezel;
        let left = (width.saturating_sub(phone_w) / 2).saturating_sub(6) + wave(26, 6);
        let top = (height.saturating_sub(phone_h) / 2).saturating_sub(4) + wave(18, 4);
        let mut fill = |x0: usize, y0: usize, x1: usize, y1: usize, value: u8| {
            for y in y0..y1.min(height) {
                if let Some(run) = px.get_mut(y * width + x0.min(width)..y * width + x1.min(width))
                {
                    run.fill(value);
                }
            }
        };
        // The phone's body, then its lit screen with the code.
        fill(left, top, left + phone_w, top + phone_h, 28);
        let (sx, sy) = (left + bezel, top + 3 * bezel);
        fill(sx, sy, sx + screen, sy + screen, 236);
        for (i, dark) in drawn.modules.iter().enumerate() {
            if *dark {
                let (mx, my) = (i % drawn.side + quiet, i / drawn.side + quiet);
                let (x, y) = (sx + mx * scale, sy + my * scale);
                fill(x, y, x + scale, y + scale, 24);
            }
        }
        px
    }

    fn new_round(&mut self) -> Result<(), SourceError> {
        let texts = (self.make)().map_err(|e| SourceError::NoCamera(format!("demo: {e}")))?;
        let mut codes = Vec::with_capacity(texts.len());
        for text in &texts {
            let qr = crate::authority::qr(text)
                .map_err(|e| SourceError::NoCamera(format!("demo: {e}")))?;
            codes.push(Drawn {
                side: qr.width(),
                modules: qr
                    .to_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect(),
            });
        }
        if codes.is_empty() {
            return Err(SourceError::NoCamera("demo: no codes to show".into()));
        }
        self.codes = codes;
        self.frame = 0;
        Ok(())
    }
}

impl FrameSource for DemoSource {
    fn describe(&self) -> String {
        format!(
            "DEMO camera: replayed frames {WIDTH}x{HEIGHT} @ {} fps",
            self.timing.fps
        )
    }

    fn next_frame(&mut self) -> Result<LumaFrame, SourceError> {
        let hold = self.frames_per(self.timing.hold);
        let scene = hold.saturating_add(self.frames_per(self.timing.gap));
        let codes = u64::try_from(self.codes.len()).unwrap_or(0);
        if self.codes.is_empty() || self.frame >= scene.saturating_mul(codes) {
            self.new_round()?;
        }
        let n = self.frame;
        self.frame += 1;
        let at = self.pacer.wait_turn();
        let in_scene = n % scene;
        let code = (in_scene < hold).then(|| usize::try_from(n / scene).unwrap_or(usize::MAX));
        let pixels = self.draw(code, n);
        LumaFrame::new(WIDTH, HEIGHT, pixels, at).map_err(|e| SourceError::BadFrame(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::Decoder;

    fn texts() -> Vec<String> {
        vec!["HGC1:FIRST".into(), "HGC1:SECOND-CODE".into()]
    }

    #[test]
    fn frames_show_each_code_then_an_empty_view() {
        let timing = DemoTiming {
            fps: 0.0,
            hold: Duration::from_secs(1),
            gap: Duration::from_secs(1),
        };
        // fps 0 means "as fast as asked": one frame per scene part.
        let mut src = DemoSource::new(timing, Box::new(|| Ok(texts())));
        let decoder = crate::scan::default_chain();
        let mut seen = Vec::new();
        for _ in 0..6 {
            let f = src.next_frame().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((f.width(), f.height()), (WIDTH, HEIGHT));
            seen.push(decoder.decode(&f));
        }
        let want: Vec<Vec<String>> = vec![
            vec!["HGC1:FIRST".into()],
            vec![],
            vec!["HGC1:SECOND-CODE".into()],
            vec![],
            vec!["HGC1:FIRST".into()],
            vec![],
        ];
        assert_eq!(seen, want);
    }

    #[test]
    fn a_failing_maker_is_a_camera_state_not_a_panic() {
        let mut src = DemoSource::new(DemoTiming::default(), Box::new(|| Err("no keys".into())));
        assert!(matches!(src.next_frame(), Err(SourceError::NoCamera(d)) if d.contains("no keys")));
        let mut empty = DemoSource::new(DemoTiming::default(), Box::new(|| Ok(Vec::new())));
        assert!(matches!(empty.next_frame(), Err(SourceError::NoCamera(_))));
    }
}
