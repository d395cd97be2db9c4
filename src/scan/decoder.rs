//! QR decoders behind one trait, and the chain that tries them in order.
//!
//! - [`RxingDecoder`]: the primary decoder (`rxing`, a port of `ZXing` and
//!   zxing-cpp), QR codes only.
//! - [`RqrrDecoder`]: `rqrr`, kept as a measured alternative (see
//!   `benches/README.md`).
//! - [`Chain`]: tries decoders in order until one reads something; every
//!   call is behind `catch_unwind`, so a decoder that panics on some image
//!   costs that image, never the kiosk.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::qrcode::QRCodeReader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8Source, Reader};

use rxing::common::DetectorRXingResult;
use rxing::common::cpp_essentials::ConcentricPattern;
use rxing::qrcode::cpp_port::decoder::Decode;
use rxing::qrcode::cpp_port::detector::{
    FindFinderPatterns, FinderPatternSet, GenerateFinderPatternSets, SampleQR,
};

use super::binarize::{BlockBinarizer, NOISY, noise_level, smooth_into};
use super::frame::LumaFrame;

/// What a look at a frame that held no readable code saw: finder patterns
/// of a code, and what would help read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sighting {
    /// Finder patterns found (a whole code has 3).
    pub patterns: usize,
    /// The code's module size, in pixels, estimated from the patterns.
    pub module_px: f32,
    /// The patterns' centre, as a fraction of the frame's width and height.
    pub centre: (f32, f32),
    /// What the person holding the code could do.
    pub hint: AimHint,
}

/// What helps a code that is seen but not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AimHint {
    /// The code is large enough: hold it still (blur, a part cut off).
    HoldStill,
    /// Its modules are too small to read: bring it closer.
    MoveCloser,
    /// Part of it is washed out by a reflection: tilt it.
    Glare,
}

impl AimHint {
    /// A stable name (logs, metrics, the i18n message ids).
    pub fn name(self) -> &'static str {
        match self {
            Self::HoldStill => "hold-still",
            Self::MoveCloser => "move-closer",
            Self::Glare => "glare",
        }
    }
}

/// What one look at a frame found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Look {
    /// Every code read, as text.
    pub texts: Vec<String>,
    /// Which decoder read them (or looked last).
    pub via: String,
    /// When nothing was read: the code seen, if any.
    pub seen: Option<Sighting>,
    /// How many sets of three finder patterns were sampled (at most
    /// [`MAX_SETS_PER_LOOK`]); 0 for decoders that do not say.
    pub sampled: usize,
}

/// The most sets of three finder patterns sampled in a frame, most
/// plausible first. A code's own set comes first or nearly; a frame of
/// repeating texture can make tens of thousands (one the fuzzer found: 1254
/// patterns, 32,739 sets, 1.3 s), each costing a sampling and an error
/// correction.
pub const MAX_PATTERN_SETS: usize = 256;

/// The most sets sampled in one look at a frame: the frame, then at most
/// the second look's region and that region enlarged.
pub const MAX_SETS_PER_LOOK: usize = 3 * MAX_PATTERN_SETS;

/// Frames narrower than this are never smoothed: in a small image a code's
/// modules may be a pixel or two wide, and its own edges read as noise (on
/// `ZXing`'s photo sets smoothing them lost 6 of 179).
const SMOOTH_MIN_WIDTH: u32 = 640;

/// Modules smaller than this (pixels) are asked to come closer.
const CLOSER_UNDER_PX: f32 = 2.5;
/// The share of pixels at the sensor's top around the patterns that counts as
/// glare.
const GLARE_SHARE: f32 = 0.04;

/// Reads QR codes in a frame.
pub trait Decoder: Send + Sync {
    /// A short name for reports and benchmarks.
    fn name(&self) -> &str;
    /// Every code read in the frame, as Unicode text; empty when none.
    fn decode(&self, frame: &LumaFrame) -> Vec<String>;

    /// Like [`Decoder::decode`], and also the name of the decoder that read
    /// the codes (a chain names the member that did).
    fn read(&self, frame: &LumaFrame) -> (Vec<String>, &str) {
        (self.decode(frame), self.name())
    }

    /// Like [`Decoder::read`], and when nothing is read and `sight` is
    /// asked, what was seen (which costs a search for finder patterns).
    /// Decoders that cannot tell see nothing.
    fn look(&self, frame: &LumaFrame, _sight: bool) -> Look {
        let (texts, via) = self.read(frame);
        Look {
            texts,
            via: via.to_owned(),
            ..Look::default()
        }
    }
}

/// `rxing`: zxing-cpp's QR detector, which finds every code in the frame.
/// `ZXing`'s Java detector as a second try is optional and off by default: it
/// read nothing more on the photo sets or the synthetic frames, and it costs
/// time on every frame without a code, which is most frames of a kiosk.
/// `TryHarder` is off for the same reason.
#[derive(Clone)]
// Independent switches, each measured on its own by the decode benchmark.
#[allow(clippy::struct_excessive_bools)]
pub struct RxingDecoder {
    hints: DecodeHints,
    /// Also run `ZXing`'s Java QR detector when the zxing-cpp one finds nothing.
    pub java_fallback: bool,
    /// Binarise with `rxing`'s own `HybridBinarizer` instead of
    /// [`BlockBinarizer`] (the same image, made slower; for the benchmark).
    pub rxing_binarizer: bool,
    /// Read a noisy camera frame (640 pixels wide or more) smoothed (3x3):
    /// noise makes specks that hide modules and that the detector spends
    /// its time on (see `benches/README.md`).
    pub smooth_noisy: bool,
    /// When finder patterns are found but nothing is read: a second look
    /// at the region of the most plausible code only, binarised with one
    /// threshold for the region, then (for small modules) enlarged by half.
    /// Frames without a code never pay for it.
    pub second_look: bool,
}

impl std::fmt::Debug for RxingDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RxingDecoder")
            .field("try_harder", &self.hints.TryHarder)
            .field("java_fallback", &self.java_fallback)
            .field("rxing_binarizer", &self.rxing_binarizer)
            .field("smooth_noisy", &self.smooth_noisy)
            .field("second_look", &self.second_look)
            .finish()
    }
}

impl Default for RxingDecoder {
    fn default() -> Self {
        Self::new(false)
    }
}

impl RxingDecoder {
    /// `try_harder`: `ZXing`'s slower, more thorough search.
    pub fn new(try_harder: bool) -> Self {
        let hints = DecodeHints {
            PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
            TryHarder: Some(try_harder),
            ..DecodeHints::default()
        };
        Self {
            hints,
            java_fallback: false,
            rxing_binarizer: false,
            smooth_noisy: true,
            second_look: true,
        }
    }

    /// Every frame read as it is (no smoothing, no second look).
    pub fn unsmoothed(try_harder: bool) -> Self {
        Self {
            smooth_noisy: false,
            second_look: false,
            ..Self::new(try_harder)
        }
    }

    /// The kiosk's decoder without the second look (for the benchmark).
    pub fn one_look() -> Self {
        Self {
            second_look: false,
            ..Self::default()
        }
    }

    /// Reads the codes of a binarised frame, and returns the finder
    /// patterns found on the way. This is zxing-cpp's QR reader (as
    /// `rxing`'s `QrReader` runs it), with a bound: only the
    /// [`MAX_PATTERN_SETS`] most plausible sets of three patterns are
    /// sampled, so a frame full of pattern-like texture costs milliseconds,
    /// not seconds.
    fn read_bitmap<B: rxing::Binarizer>(&self, bitmap: &mut BinaryBitmap<B>) -> Bitmap {
        let mut texts = Vec::new();
        let try_harder = self.hints.TryHarder.unwrap_or(false);
        let matrix = bitmap.get_black_matrix();
        let mut patterns = FindFinderPatterns(matrix, try_harder, 0);
        let sets = GenerateFinderPatternSets(&mut patterns);
        let mut used: Vec<ConcentricPattern> = Vec::new();
        let mut sampled = 0;
        let first = sets.first().copied();
        for set in sets.into_iter().take(MAX_PATTERN_SETS) {
            if [set.bl, set.tl, set.tr].iter().any(|p| used.contains(p)) {
                continue;
            }
            sampled += 1;
            let Ok(grid) = SampleQR(matrix, &set) else {
                continue;
            };
            if let Ok(read) = Decode(grid.getBits())
                && read.isValid()
            {
                used.extend([set.bl, set.tl, set.tr]);
                push_unique(&mut texts, &read.text());
            }
        }
        if texts.is_empty()
            && self.java_fallback
            && let Ok(r) = QRCodeReader.decode_with_hints(bitmap, &self.hints)
        {
            push_unique(&mut texts, r.getText());
        }
        Bitmap {
            texts,
            patterns,
            first,
            sampled,
        }
    }

    /// The second look: the region of the most plausible set of finder
    /// patterns, cut out, binarised with one threshold (the region is
    /// mostly code, so its histogram has the code's two levels), and read;
    /// then, when the modules are under [`ENLARGE_UNDER_PX`], the region
    /// enlarged by half and read with the block thresholds.
    fn second_look(
        &self,
        pixels: &[u8],
        width: u32,
        height: u32,
        set: &FinderPatternSet,
    ) -> Bitmap {
        let Some(region) = Region::around(set, width, height) else {
            return Bitmap::default();
        };
        REGION.with_borrow_mut(|(cut, big)| {
            region.cut(pixels, width as usize, cut);
            let Ok(source) = Luma8Source::new_with_slice(cut, region.w, region.h) else {
                return Bitmap::default();
            };
            let mut read = self.read_bitmap(&mut BinaryBitmap::new(GlobalHistogramBinarizer::new(
                source,
            )));
            if !read.texts.is_empty() || region.module_px >= ENLARGE_UNDER_PX {
                return read;
            }
            let (bw, bh) = enlarge(cut, region.w as usize, region.h as usize, (3, 2), big);
            let (Ok(bw), Ok(bh)) = (u32::try_from(bw), u32::try_from(bh)) else {
                return read;
            };
            let Ok(source) = Luma8Source::new_with_slice(big, bw, bh) else {
                return read;
            };
            let sampled = read.sampled;
            read = self.read_bitmap(&mut BinaryBitmap::new(BlockBinarizer::new(source)));
            read.sampled += sampled;
            read
        })
    }
}

/// Modules smaller than this (pixels) get the enlarged second look.
const ENLARGE_UNDER_PX: f32 = 4.0;

/// A code's region in a frame, from its three finder patterns.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Region {
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    module_px: f32,
}

impl Region {
    /// The box of the three patterns' centres and the fourth corner they
    /// imply, widened by a pattern's size on every side (the patterns'
    /// outer half and the quiet zone); `None` when it is too small to read.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    fn around(set: &FinderPatternSet, width: u32, height: u32) -> Option<Self> {
        let (tl, tr, bl) = (set.tl.p, set.tr.p, set.bl.p);
        let corners = [
            (tl.x, tl.y),
            (tr.x, tr.y),
            (bl.x, bl.y),
            (tr.x + bl.x - tl.x, tr.y + bl.y - tl.y),
        ];
        let size = set.tl.size.max(set.tr.size).max(set.bl.size) as f32;
        let x0 = corners.iter().map(|c| c.0).fold(f32::MAX, f32::min) - size;
        let x1 = corners.iter().map(|c| c.0).fold(f32::MIN, f32::max) + size;
        let y0 = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min) - size;
        let y1 = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max) + size;
        let clamp = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
        let (x0, x1) = (clamp(x0, width), clamp(x1, width));
        let (y0, y1) = (clamp(y0, height), clamp(y1, height));
        // 21 modules (a version 1 code) of at least a pixel.
        (x1 >= x0 + 21 && y1 >= y0 + 21).then(|| Self {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
            module_px: size / 7.0,
        })
    }

    /// Copies the region's pixels out of a frame `width` wide.
    fn cut(&self, pixels: &[u8], width: usize, out: &mut Vec<u8>) {
        out.clear();
        let (x, w) = (self.x as usize, self.w as usize);
        for row in pixels
            .chunks_exact(width)
            .skip(self.y as usize)
            .take(self.h as usize)
        {
            out.extend_from_slice(row.get(x..x + w).unwrap_or(&[]));
        }
    }
}

/// Enlarges an image by `num / den` (bilinear; `(3, 2)`: 2 pixels become
/// 3), into `out`; returns the new width and height.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn enlarge(
    luma: &[u8],
    width: usize,
    height: usize,
    (num, den): (usize, usize),
    out: &mut Vec<u8>,
) -> (usize, usize) {
    let (bw, bh) = (width * num / den.max(1), height * num / den.max(1));
    out.clear();
    out.resize(bw * bh, 0);
    if width == 0 || height == 0 {
        return (0, 0);
    }
    // Where an output pixel's centre falls in the source: index and weight.
    let taps = |n: usize, max: usize| -> Vec<(usize, usize, f32)> {
        (0..n)
            .map(|i| {
                let f = ((i as f32 + 0.5) * den as f32 / num as f32 - 0.5).max(0.0);
                let a = (f as usize).min(max - 1);
                let b = (a + 1).min(max - 1);
                (a, b, f - a as f32)
            })
            .collect()
    };
    let xs = taps(bw, width);
    let ys = taps(bh, height);
    let at = |x: usize, y: usize| f32::from(luma.get(y * width + x).copied().unwrap_or(0));
    for (row, &(y0, y1, fy)) in out.chunks_exact_mut(bw).zip(&ys) {
        for (px, &(x0, x1, fx)) in row.iter_mut().zip(&xs) {
            let top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx;
            let bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx;
            *px = (top + (bottom - top) * fy).round().clamp(0.0, 255.0) as u8;
        }
    }
    (bw, bh)
}

impl Decoder for RxingDecoder {
    fn name(&self) -> &'static str {
        "rxing"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        self.look(frame, false).texts
    }

    fn look(&self, frame: &LumaFrame, sight: bool) -> Look {
        let mut look = Look {
            via: self.name().to_owned(),
            ..Look::default()
        };
        let (w, h) = (frame.width(), frame.height());
        if self.rxing_binarizer {
            if let Ok(source) = Luma8Source::new_with_slice(frame.pixels(), w, h) {
                let read = self.read_bitmap(&mut BinaryBitmap::new(HybridBinarizer::new(source)));
                look.texts = read.texts;
                look.sampled = read.sampled;
            }
            return look;
        }
        SCRATCH.with_borrow_mut(|scratch| {
            let pixels = if self.smooth_noisy
                && w >= SMOOTH_MIN_WIDTH
                && noise_level(frame.pixels(), w as usize, h as usize) > NOISY
            {
                smooth_into(frame.pixels(), w as usize, h as usize, scratch);
                scratch.as_slice()
            } else {
                frame.pixels()
            };
            let Ok(source) = Luma8Source::new_with_slice(pixels, w, h) else {
                return;
            };
            let read = self.read_bitmap(&mut BinaryBitmap::new(BlockBinarizer::new(source)));
            look.texts = read.texts;
            look.sampled = read.sampled;
            if look.texts.is_empty()
                && self.second_look
                && let Some(set) = &read.first
            {
                let again = self.second_look(pixels, w, h, set);
                look.texts = again.texts;
                look.sampled += again.sampled;
            }
            if look.texts.is_empty() && sight && !read.patterns.is_empty() {
                look.seen = Some(sighting(frame, &read.patterns));
            }
        });
        look
    }
}

/// What reading one binarised frame found.
#[derive(Default)]
struct Bitmap {
    texts: Vec<String>,
    /// Every finder pattern found (a code's three among them).
    patterns: Vec<ConcentricPattern>,
    /// The most plausible set of three.
    first: Option<FinderPatternSet>,
    /// Sets of three patterns sampled.
    sampled: usize,
}

thread_local! {
    /// The smoothed frame of the decoding thread, reused frame after frame.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The second look's region, cut out and enlarged.
    static REGION: std::cell::RefCell<(Vec<u8>, Vec<u8>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// What finder patterns found in a frame say about the code they belong to.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn sighting(frame: &LumaFrame, patterns: &[ConcentricPattern]) -> Sighting {
    // The patterns' size is their width: 7 modules. The three largest
    // are the code's; smaller ones are specks.
    let mut sizes: Vec<i32> = patterns.iter().map(|p| p.size).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.truncate(3);
    let module_px = sizes.iter().sum::<i32>() as f32 / sizes.len().max(1) as f32 / 7.0;
    let n = patterns.len().max(1) as f32;
    let cx = patterns.iter().map(|p| p.p.x).sum::<f32>() / n;
    let cy = patterns.iter().map(|p| p.p.y).sum::<f32>() / n;
    let (w, h) = (frame.width() as f32, frame.height() as f32);
    // Glare: pixels at the top of the range in the box the patterns span,
    // widened by a pattern's size (the code lies between them).
    let reach = patterns.iter().map(|p| p.size).max().unwrap_or(0) as f32 * 1.5;
    let x0 = patterns.iter().map(|p| p.p.x).fold(f32::MAX, f32::min) - reach;
    let x1 = patterns.iter().map(|p| p.p.x).fold(f32::MIN, f32::max) + reach;
    let y0 = patterns.iter().map(|p| p.p.y).fold(f32::MAX, f32::min) - reach;
    let y1 = patterns.iter().map(|p| p.p.y).fold(f32::MIN, f32::max) + reach;
    let (x0, x1) = (x0.clamp(0.0, w) as usize, x1.clamp(0.0, w) as usize);
    let (y0, y1) = (y0.clamp(0.0, h) as usize, y1.clamp(0.0, h) as usize);
    let mut levels = [0u32; 256];
    for row in frame.rows().skip(y0).take(y1.saturating_sub(y0)).step_by(2) {
        for &p in row.get(x0..x1).unwrap_or(&[]).iter().step_by(2) {
            if let Some(n) = levels.get_mut(usize::from(p)) {
                *n += 1;
            }
        }
    }
    // Glare is part of the code at the sensor's top while the rest of its
    // light modules are not: a code drawn or shown at full white is not
    // glare.
    let all: u32 = levels.iter().sum();
    let bright: u32 = levels.iter().skip(250).sum();
    let mut below = 0;
    let three_quarters = levels
        .iter()
        .position(|&n| {
            below += n;
            below * 4 >= all * 3
        })
        .unwrap_or(0);
    let glare = all > 0 && bright as f32 / all as f32 >= GLARE_SHARE && three_quarters < 245;
    let hint = if module_px < CLOSER_UNDER_PX {
        AimHint::MoveCloser
    } else if glare {
        AimHint::Glare
    } else {
        AimHint::HoldStill
    };
    Sighting {
        patterns: patterns.len(),
        module_px,
        centre: (cx / w.max(1.0), cy / h.max(1.0)),
        hint,
    }
}

fn push_unique(texts: &mut Vec<String>, text: &str) {
    if !texts.iter().any(|t| t == text) {
        texts.push(text.to_owned());
    }
}

/// `rqrr`: a port of quirc. It reports the bytes of a code; they are read
/// as UTF-8, else as Shift-JIS, else as ISO-8859-1 (`ZXing`'s guess, roughly).
#[derive(Clone, Copy, Debug, Default)]
pub struct RqrrDecoder;

impl Decoder for RqrrDecoder {
    fn name(&self) -> &'static str {
        "rqrr"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        let (w, h) = (frame.width() as usize, frame.height() as usize);
        let pixels = frame.pixels();
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
            pixels.get(y * w + x).copied().unwrap_or(u8::MAX)
        });
        let mut texts = Vec::new();
        for grid in img.detect_grids() {
            let mut bytes = Vec::new();
            if grid.decode_to(&mut bytes).is_ok() {
                push_unique(&mut texts, &bytes_to_text(&bytes));
            }
        }
        texts
    }
}

/// Text from the bytes of a QR code that declares no character set.
pub fn bytes_to_text(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if !had_errors {
        return text.into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Decoders tried in order: the first that reads anything wins. A decoder
/// that panics counts as having read nothing.
pub struct Chain {
    decoders: Vec<Box<dyn Decoder>>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.decoders.iter().map(|d| d.name()))
            .finish()
    }
}

impl Chain {
    pub fn new(decoders: Vec<Box<dyn Decoder>>) -> Self {
        Self { decoders }
    }

    /// The names of the decoders, in order.
    pub fn names(&self) -> Vec<&str> {
        self.decoders.iter().map(|d| d.name()).collect()
    }
}

impl Decoder for Chain {
    fn name(&self) -> &'static str {
        "chain"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        self.read(frame).0
    }

    fn read(&self, frame: &LumaFrame) -> (Vec<String>, &str) {
        for d in &self.decoders {
            let texts = guarded(d.as_ref(), frame);
            if !texts.is_empty() {
                return (texts, d.name());
            }
        }
        (Vec::new(), self.name())
    }

    fn look(&self, frame: &LumaFrame, sight: bool) -> Look {
        let mut seen = None;
        let mut sampled = 0;
        for d in &self.decoders {
            let look = guarded_look(d.as_ref(), frame, sight && seen.is_none());
            sampled += look.sampled;
            if !look.texts.is_empty() {
                return Look { sampled, ..look };
            }
            seen = seen.or(look.seen);
        }
        Look {
            texts: Vec::new(),
            via: self.name().to_owned(),
            seen,
            sampled,
        }
    }
}

/// Runs one decoder, turning a panic into "nothing read".
pub fn guarded(decoder: &dyn Decoder, frame: &LumaFrame) -> Vec<String> {
    guarded_read(decoder, frame).0
}

/// [`Decoder::read`] behind `catch_unwind`: a panic counts as nothing read.
pub fn guarded_read(decoder: &dyn Decoder, frame: &LumaFrame) -> (Vec<String>, String) {
    let look = guarded_look(decoder, frame, false);
    (look.texts, look.via)
}

/// [`Decoder::look`] behind `catch_unwind`: a panic counts as nothing read
/// and nothing seen.
pub fn guarded_look(decoder: &dyn Decoder, frame: &LumaFrame, sight: bool) -> Look {
    if let Ok(look) = catch_unwind(AssertUnwindSafe(|| decoder.look(frame, sight))) {
        look
    } else {
        tracing::warn!(
            decoder = decoder.name(),
            width = frame.width(),
            height = frame.height(),
            "a QR decoder panicked on a frame; the frame counts as unread"
        );
        Look {
            via: decoder.name().to_owned(),
            ..Look::default()
        }
    }
}

/// The chain the kiosk, `healthgate decode` and `healthgate verify IMAGE`
/// use: `rxing` alone. `rqrr` read no frame that `rxing` missed in our
/// measurements (see `benches/README.md`), so it only costs time here.
pub fn default_chain() -> Chain {
    Chain::new(vec![Box::new(RxingDecoder::default())])
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::cast_possible_truncation,
        clippy::cast_possible_wrap,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    use std::time::Instant;

    use super::*;
    use crate::authority;
    use crate::scan::frame::decode_image_bytes;

    /// A code of ~300 bytes at `scale` pixels a module on a grey 1280x720
    /// frame; `damage` is called on the code's pixels (x, y within the code).
    fn frame(scale: usize, damage: impl Fn(usize, usize, usize, &mut u8)) -> LumaFrame {
        let text = format!("HGC1:{}", "0123456789ABCDEF".repeat(18));
        let png = authority::qr_png(&authority::qr(&text).unwrap(), scale).unwrap();
        let qr = decode_image_bytes(&png, None, Instant::now()).unwrap();
        let (w, h) = (1280usize, 720usize);
        let qw = qr.width() as usize;
        let (x0, y0) = (400, (h - qr.height() as usize) / 2);
        let mut pixels = vec![150u8; w * h];
        for (y, row) in qr.rows().enumerate() {
            for (x, &p) in row.iter().enumerate() {
                // Light modules as a camera sees them: below full white.
                let mut p = (u32::from(p) * 200 / 255) as u8;
                damage(x, y, qw, &mut p);
                pixels[(y0 + y) * w + x0 + x] = p;
            }
        }
        LumaFrame::new(1280, 720, pixels, Instant::now()).unwrap()
    }

    /// Scrambles the middle of a code (its data), leaving the finder
    /// patterns in the corners whole.
    fn scramble(x: usize, y: usize, qw: usize, p: &mut u8) {
        let (lo, hi) = (qw * 3 / 10, qw * 7 / 10);
        if (lo..hi).contains(&x) && (lo..hi).contains(&y) {
            *p = if (x * 7 + y * 13) % 5 < 2 { 0 } else { 200 };
        }
    }

    #[test]
    fn a_whole_code_is_read_and_nothing_is_seen() {
        let look = RxingDecoder::default().look(&frame(4, |_, _, _, _| {}), true);
        assert_eq!(look.texts.len(), 1);
        assert_eq!(look.seen, None);
    }

    #[test]
    fn a_damaged_code_is_seen_and_asked_to_hold_still() {
        let look = RxingDecoder::default().look(&frame(4, scramble), true);
        assert!(look.texts.is_empty());
        let seen = look.seen.unwrap();
        assert!(seen.patterns >= 3, "{seen:?}");
        assert!((3.0..5.0).contains(&seen.module_px), "{seen:?}");
        assert_eq!(seen.hint, AimHint::HoldStill);
        // Without `sight`, nothing is searched for.
        let look = RxingDecoder::default().look(&frame(4, scramble), false);
        assert_eq!(look.seen, None);
    }

    #[test]
    fn a_small_code_is_asked_closer() {
        let look = RxingDecoder::default().look(&frame(2, scramble), true);
        assert!(look.texts.is_empty());
        assert_eq!(look.seen.unwrap().hint, AimHint::MoveCloser);
    }

    #[test]
    fn a_washed_out_code_is_asked_to_tilt() {
        let glare = |x: usize, y: usize, qw: usize, p: &mut u8| {
            if x > qw / 3 && x < qw * 2 / 3 && y > qw / 4 && y < qw * 3 / 4 {
                *p = 255;
            }
        };
        let look = RxingDecoder::default().look(&frame(4, glare), true);
        assert!(look.texts.is_empty());
        assert_eq!(look.seen.unwrap().hint, AimHint::Glare);
    }

    #[test]
    fn a_frame_without_a_code_sees_nothing() {
        let blank = LumaFrame::filled(1280, 720, 150, Instant::now()).unwrap();
        let look = RxingDecoder::default().look(&blank, true);
        assert!(look.texts.is_empty());
        assert_eq!(look.seen, None);
    }

    #[test]
    fn a_noisy_camera_frame_is_read_smoothed() {
        // Noise of +-40 grey levels on every pixel: the frame is read
        // smoothed, and the code is read.
        let mut s = 7u32;
        let noisy = frame(4, |_, _, _, _| {});
        let pixels: Vec<u8> = noisy
            .pixels()
            .iter()
            .map(|&p| {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let n = ((s >> 16) % 81) as i32 - 40;
                (i32::from(p) + n).clamp(0, 255) as u8
            })
            .collect();
        let noisy = LumaFrame::new(1280, 720, pixels, Instant::now()).unwrap();
        assert!(
            crate::scan::binarize::noise_level(noisy.pixels(), 1280, 720) > NOISY,
            "not noisy enough for the test"
        );
        assert_eq!(RxingDecoder::default().look(&noisy, false).texts.len(), 1);
    }

    #[test]
    fn the_region_of_a_code_holds_its_four_corners() {
        let p = |x: f32, y: f32| ConcentricPattern {
            p: rxing::Point { x, y },
            size: 14,
        };
        let set = FinderPatternSet {
            tl: p(100.0, 100.0),
            tr: p(200.0, 110.0),
            bl: p(90.0, 200.0),
        };
        let r = Region::around(&set, 640, 480).unwrap();
        // The fourth corner is (190, 210); 14 pixels around all four.
        assert_eq!((r.x, r.y, r.w, r.h), (76, 86, 138, 138));
        assert!((r.module_px - 2.0).abs() < 1e-6);
        // Clipped at the frame's edges; nothing left to read is no region.
        let r = Region::around(&set, 150, 150).unwrap();
        assert_eq!((r.x, r.y, r.x + r.w, r.y + r.h), (76, 86, 150, 150));
        assert_eq!(Region::around(&set, 80, 80), None);
        let mut cut = Vec::new();
        let frame: Vec<u8> = (0..150 * 150).map(|i| (i % 150) as u8).collect();
        r.cut(&frame, 150, &mut cut);
        assert_eq!(cut.len(), (r.w * r.h) as usize);
        assert_eq!(&cut[..3], &[76, 77, 78]);
    }

    #[test]
    fn enlarging_by_half_keeps_edges_and_levels() {
        // 2x2 becomes 3x3: the corners keep their levels, the middle mixes.
        let mut out = Vec::new();
        assert_eq!(enlarge(&[0, 200, 0, 200], 2, 2, (3, 2), &mut out), (3, 3));
        assert_eq!(out, [0, 100, 200, 0, 100, 200, 0, 100, 200]);
        // An empty image stays empty.
        assert_eq!(enlarge(&[], 0, 0, (3, 2), &mut out), (0, 0));
    }

    /// A code whose modules are two pixels, softened as a camera's optics
    /// soften them (the code drawn a pixel a module, then doubled
    /// bilinearly), lit unevenly from left to right, on grey.
    fn soft_small_code(text: &str) -> LumaFrame {
        let png = authority::qr_png(&authority::qr(text).unwrap(), 1).unwrap();
        let qr = decode_image_bytes(&png, None, Instant::now()).unwrap();
        let mut big = Vec::new();
        let (qw, qh) = (qr.width() as usize, qr.height() as usize);
        let (bw, bh) = enlarge(qr.pixels(), qw, qh, (2, 1), &mut big);
        let (w, h) = (bw + 80, bh + 80);
        let mut pixels = vec![128u8; w * h];
        for (y, row) in big.chunks_exact(bw).enumerate() {
            for (x, &v) in row.iter().enumerate() {
                let shade = (60 * x / bw) as u8;
                pixels[(y + 40) * w + x + 40] = v.saturating_sub(shade);
            }
        }
        LumaFrame::new(w as u32, h as u32, pixels, Instant::now()).unwrap()
    }

    #[test]
    fn the_second_look_reads_a_small_soft_unevenly_lit_code() {
        let text = format!("HGC1:{}", "6BFOXN*TS0BI$ZD8UHV4".repeat(8));
        let frame = soft_small_code(&text);
        // One look finds the patterns but reads nothing; the second reads it.
        let one = RxingDecoder::one_look().look(&frame, true);
        assert!(one.texts.is_empty(), "the first look alone read it");
        assert!(one.seen.is_some_and(|s| s.patterns >= 3), "{one:?}");
        assert_eq!(RxingDecoder::default().look(&frame, true).texts, [text]);
    }
}
