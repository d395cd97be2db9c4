//! Frames as 8-bit luma, the conversions from camera pixel formats, image
//! files, and the downscaled preview.
//!
//! Nothing here writes a frame anywhere: frames live in memory only, and
//! their `Debug` output shows the size, never the pixels.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Largest side of an image file that is read (a bigger one is refused
/// before it is decoded).
pub const MAX_IMAGE_SIDE: u32 = 16_384;
/// Most memory one image file may take while it is decoded.
const MAX_IMAGE_ALLOC: u64 = 512 * 1024 * 1024;

/// One frame: 8-bit luma (0 black, 255 white), row by row, no padding.
#[derive(Clone)]
pub struct LumaFrame {
    width: u32,
    height: u32,
    pixels: Arc<Vec<u8>>,
    /// When the frame was captured (or replayed).
    pub at: Instant,
}

impl fmt::Debug for LumaFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LumaFrame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// Why bytes are not a frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("empty frame ({width}x{height})")]
    Empty { width: u32, height: u32 },
    #[error("a {width}x{height} frame needs {} bytes, got {got}", u64::from(*width) * u64::from(*height))]
    Size { width: u32, height: u32, got: usize },
    #[error("frame too large ({width}x{height})")]
    TooLarge { width: u32, height: u32 },
    #[error("short {layout} frame: {got} bytes for {width}x{height}")]
    Short {
        layout: PixelLayout,
        width: u32,
        height: u32,
        got: usize,
    },
    #[error("cannot decode the image: {0}")]
    Image(String),
    #[error("cannot read {}: {why}", path.display())]
    Read {
        path: std::path::PathBuf,
        why: String,
    },
}

impl LumaFrame {
    /// A frame of `width` x `height` pixels; `pixels` must hold exactly
    /// `width * height` bytes and neither side may be 0.
    pub fn new(width: u32, height: u32, pixels: Vec<u8>, at: Instant) -> Result<Self, FrameError> {
        if width == 0 || height == 0 {
            return Err(FrameError::Empty { width, height });
        }
        if area(width, height) != Some(pixels.len()) {
            return Err(FrameError::Size {
                width,
                height,
                got: pixels.len(),
            });
        }
        Ok(Self {
            width,
            height,
            pixels: Arc::new(pixels),
            at,
        })
    }

    /// A frame of one grey value (handy for tests and placeholders).
    pub fn filled(width: u32, height: u32, value: u8, at: Instant) -> Result<Self, FrameError> {
        let n = area(width, height).ok_or(FrameError::TooLarge { width, height })?;
        Self::new(width, height, vec![value; n], at)
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// The same pixels with another timestamp (shares the pixel buffer).
    #[must_use]
    pub fn at(&self, at: Instant) -> Self {
        Self { at, ..self.clone() }
    }

    /// Rows of pixels.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, u8> {
        self.pixels.chunks_exact(self.width as usize)
    }

    /// The `qr_frame` fuzz target's input as a frame: width - 1 and
    /// height - 1 as little-endian u16 (modulo 640 and 480), then the
    /// pixels, repeated to fill the frame. The target, the replay of its
    /// findings and the decode benchmark read inputs with it; `None` when
    /// there are no pixels.
    pub fn from_fuzz_input(data: &[u8], at: Instant) -> Option<Self> {
        let [w0, w1, h0, h1, pixels @ ..] = data else {
            return None;
        };
        let width = u32::from(u16::from_le_bytes([*w0, *w1]) % 640 + 1);
        let height = u32::from(u16::from_le_bytes([*h0, *h1]) % 480 + 1);
        let need = area(width, height)?;
        let frame: Vec<u8> = pixels.iter().copied().cycle().take(need).collect();
        Self::new(width, height, frame, at).ok()
    }

    /// A smaller copy, at most `max_width` pixels wide, each pixel the mean
    /// of a square block (a whole-number factor, so 1280x720 gives 320x180
    /// for `max_width` 320). A frame already narrow enough is copied as is.
    pub fn downscale(&self, max_width: u32) -> Preview {
        let k = self.width.div_ceil(max_width.max(1)).max(1);
        let (w, h) = ((self.width / k).max(1), (self.height / k).max(1));
        let mut out = Vec::with_capacity(w as usize * h as usize);
        if k == 1 {
            out.extend_from_slice(&self.pixels);
        } else {
            let k = k as usize;
            let (w, h, stride) = (w as usize, h as usize, self.width as usize);
            let mut sums = vec![0u32; w];
            for by in 0..h {
                sums.fill(0);
                for row in self.pixels.chunks_exact(stride).skip(by * k).take(k) {
                    for (sum, block) in sums.iter_mut().zip(row.chunks_exact(k)) {
                        *sum += block.iter().map(|&p| u32::from(p)).sum::<u32>();
                    }
                }
                let n = u32::try_from(k * k).unwrap_or(u32::MAX);
                out.extend(sums.iter().map(|s| u8::try_from(s / n).unwrap_or(u8::MAX)));
            }
        }
        Preview {
            width: w,
            height: h,
            pixels: out,
            at: self.at,
        }
    }
}

fn area(width: u32, height: u32) -> Option<usize> {
    (width as usize).checked_mul(height as usize)
}

/// A small luma image of a frame for the GUI to show.
#[derive(Clone)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
    /// 8-bit luma, row by row.
    pub pixels: Vec<u8>,
    /// When the frame it was made from was captured.
    pub at: Instant,
}

impl fmt::Debug for Preview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Preview")
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

/// Camera pixel layouts this module turns into luma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PixelLayout {
    /// 8-bit grey.
    Gray,
    /// Packed 4:2:2, Y0 U Y1 V: the luma is every other byte.
    Yuyv,
    /// Planar 4:2:0: a full Y plane, then interleaved UV.
    Nv12,
    /// A JPEG per frame (decoded, then reduced to luma).
    Mjpeg,
    /// 8-bit R, G, B.
    Rgb,
    /// 8-bit B, G, R.
    Bgr,
}

impl fmt::Display for PixelLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Gray => "GRAY",
            Self::Yuyv => "YUYV",
            Self::Nv12 => "NV12",
            Self::Mjpeg => "MJPEG",
            Self::Rgb => "RGB",
            Self::Bgr => "BGR",
        })
    }
}

/// Turns one raw camera frame into luma. For the packed and planar layouts a
/// row may carry padding: the row length is taken from the buffer size.
pub fn to_luma(
    layout: PixelLayout,
    width: u32,
    height: u32,
    raw: &[u8],
    at: Instant,
) -> Result<LumaFrame, FrameError> {
    if width == 0 || height == 0 {
        return Err(FrameError::Empty { width, height });
    }
    let (w, h) = (width as usize, height as usize);
    let short = || FrameError::Short {
        layout,
        width,
        height,
        got: raw.len(),
    };
    let pixels = match layout {
        PixelLayout::Gray => plane(raw, w, h, raw.len() / h).ok_or_else(short)?,
        PixelLayout::Nv12 => {
            // The Y plane takes two thirds of the buffer; its stride is at
            // least the width.
            let stride = (raw.len() * 2 / 3 / h).max(w);
            plane(raw, w, h, stride).ok_or_else(short)?
        }
        PixelLayout::Yuyv => {
            let stride = raw.len() / h;
            if stride < 2 * w {
                return Err(short());
            }
            let mut out = Vec::with_capacity(w * h);
            for row in raw.chunks_exact(stride).take(h) {
                out.extend(row.iter().take(2 * w).step_by(2));
            }
            out
        }
        PixelLayout::Rgb | PixelLayout::Bgr => {
            let stride = raw.len() / h;
            if stride < 3 * w {
                return Err(short());
            }
            let bgr = layout == PixelLayout::Bgr;
            let mut out = Vec::with_capacity(w * h);
            for row in raw.chunks_exact(stride).take(h) {
                out.extend(row.chunks_exact(3).take(w).map(|px| match *px {
                    [c0, c1, c2] if bgr => luma_of(c2, c1, c0),
                    [c0, c1, c2] => luma_of(c0, c1, c2),
                    _ => 0,
                }));
            }
            out
        }
        // The JPEG's own size wins over the announced one.
        PixelLayout::Mjpeg => return decode_image_bytes(raw, Some(image::ImageFormat::Jpeg), at),
    };
    LumaFrame::new(width, height, pixels, at)
}

/// Rec. 601 luma from 8-bit RGB, in integers.
fn luma_of(r: u8, g: u8, b: u8) -> u8 {
    let y = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000;
    u8::try_from(y).unwrap_or(u8::MAX)
}

/// The first `h` rows of `w` bytes from a plane with rows `stride` apart.
fn plane(raw: &[u8], w: usize, h: usize, stride: usize) -> Option<Vec<u8>> {
    if stride < w || raw.len() < stride.checked_mul(h - 1)?.checked_add(w)? {
        return None;
    }
    if stride == w {
        return raw.get(..w * h).map(<[u8]>::to_vec);
    }
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        out.extend_from_slice(raw.get(y * stride..y * stride + w)?);
    }
    Some(out)
}

fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    limits
}

/// Decodes a PNG or JPEG held in memory into luma (`format` None: guessed
/// from the bytes).
pub fn decode_image_bytes(
    bytes: &[u8],
    format: Option<image::ImageFormat>,
    at: Instant,
) -> Result<LumaFrame, FrameError> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    match format {
        Some(f) => reader.set_format(f),
        None => {
            reader = reader
                .with_guessed_format()
                .map_err(|e| FrameError::Image(e.to_string()))?;
        }
    }
    reader.limits(limits());
    let img = reader
        .decode()
        .map_err(|e| FrameError::Image(e.to_string()))?;
    let luma = img.into_luma8();
    let (w, h) = luma.dimensions();
    LumaFrame::new(w, h, luma.into_raw(), at)
}

/// Reads a PNG or JPEG file into luma (the format is taken from the
/// content, not the name). Colour is reduced to Rec. 601 luma; alpha is
/// ignored.
pub fn load_image(path: &Path, at: Instant) -> Result<LumaFrame, FrameError> {
    let bytes = std::fs::read(path).map_err(|e| FrameError::Read {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    decode_image_bytes(&bytes, None, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuyv_takes_every_other_byte() {
        let raw = [10, 0, 20, 0, 30, 0, 40, 0];
        let f = to_luma(PixelLayout::Yuyv, 2, 2, &raw, Instant::now()).unwrap();
        assert_eq!(f.pixels(), &[10, 20, 30, 40]);
    }

    #[test]
    fn nv12_takes_the_y_plane() {
        let raw = [1, 2, 3, 4, 9, 9];
        let f = to_luma(PixelLayout::Nv12, 2, 2, &raw, Instant::now()).unwrap();
        assert_eq!(f.pixels(), &[1, 2, 3, 4]);
    }

    #[test]
    fn short_buffers_are_errors() {
        for layout in [
            PixelLayout::Gray,
            PixelLayout::Yuyv,
            PixelLayout::Nv12,
            PixelLayout::Rgb,
            PixelLayout::Bgr,
            PixelLayout::Mjpeg,
        ] {
            assert!(to_luma(layout, 4, 4, &[0; 5], Instant::now()).is_err());
            assert!(to_luma(layout, 0, 4, &[0; 5], Instant::now()).is_err());
        }
    }

    #[test]
    fn downscale_to_320() {
        let f = LumaFrame::filled(1280, 720, 7, Instant::now()).unwrap();
        let p = f.downscale(320);
        assert_eq!((p.width, p.height), (320, 180));
        assert!(p.pixels.iter().all(|&v| v == 7));
        let small = LumaFrame::filled(100, 50, 1, Instant::now()).unwrap();
        assert_eq!(small.downscale(320).width, 100);
    }
}
