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

use rxing::common::HybridBinarizer;
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::QRCodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8Source, Reader};

use super::frame::LumaFrame;

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
}

/// `rxing`: zxing-cpp's QR detector, which finds every code in the frame.
/// `ZXing`'s Java detector as a second try is optional and off by default: it
/// read nothing more on the photo sets or the synthetic frames, and it costs
/// time on every frame without a code, which is most frames of a kiosk.
/// `TryHarder` is off for the same reason.
#[derive(Clone)]
pub struct RxingDecoder {
    hints: DecodeHints,
    /// Also run `ZXing`'s Java QR detector when the zxing-cpp one finds nothing.
    pub java_fallback: bool,
}

impl std::fmt::Debug for RxingDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RxingDecoder")
            .field("try_harder", &self.hints.TryHarder)
            .field("java_fallback", &self.java_fallback)
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
        }
    }
}

impl Decoder for RxingDecoder {
    fn name(&self) -> &'static str {
        "rxing"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        let Ok(source) = Luma8Source::new_with_slice(frame.pixels(), frame.width(), frame.height())
        else {
            return Vec::new();
        };
        let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
        let mut texts = Vec::new();
        if let Ok(results) = QrReader.decode_multiple_with_hints(&mut bitmap, &self.hints) {
            for r in results {
                push_unique(&mut texts, r.getText());
            }
        }
        if texts.is_empty()
            && self.java_fallback
            && let Ok(r) = QRCodeReader.decode_with_hints(&mut bitmap, &self.hints)
        {
            push_unique(&mut texts, r.getText());
        }
        texts
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
}

/// Runs one decoder, turning a panic into "nothing read".
pub fn guarded(decoder: &dyn Decoder, frame: &LumaFrame) -> Vec<String> {
    guarded_read(decoder, frame).0
}

/// [`Decoder::read`] behind `catch_unwind`: a panic counts as nothing read.
pub fn guarded_read(decoder: &dyn Decoder, frame: &LumaFrame) -> (Vec<String>, String) {
    if let Ok(read) = catch_unwind(AssertUnwindSafe(|| {
        let (texts, via) = decoder.read(frame);
        (texts, via.to_owned())
    })) {
        read
    } else {
        tracing::warn!(
            decoder = decoder.name(),
            width = frame.width(),
            height = frame.height(),
            "a QR decoder panicked on a frame; the frame counts as unread"
        );
        (Vec::new(), decoder.name().to_owned())
    }
}

/// The chain the kiosk, `healthgate decode` and `healthgate verify IMAGE`
/// use: `rxing` alone. `rqrr` read no frame that `rxing` missed in our
/// measurements (see `benches/README.md`), so it only costs time here.
pub fn default_chain() -> Chain {
    Chain::new(vec![Box::new(RxingDecoder::default())])
}
