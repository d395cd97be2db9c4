//! A faster binariser for the QR stage.
//!
//! [`BlockBinarizer`] gives the same black-and-white image as `rxing`'s
//! `HybridBinarizer` (`ZXing`'s local block thresholds: a black point per
//! 8x8 block, averaged over the 5x5 blocks around it), so it reads exactly
//! what that one reads. It builds the image a row of machine words at a
//! time instead of a pixel at a time, which takes the binarisation from
//! most of a frame's decoding time to a small part of it (see
//! `benches/README.md`).
//!
//! [`block_thresholds`] is also the base of the stage's cheap look for
//! finder patterns ([`super::finder`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use rxing::common::{BitArray, BitMatrix, GlobalHistogramBinarizer, LineOrientation, Result};
use rxing::{Binarizer, LuminanceSource};

/// The side of a block, in pixels.
pub const BLOCK: usize = 8;
/// Images smaller than this on either side use the global histogram.
const MIN_SIDE: usize = BLOCK * 5;
/// Blocks whose pixels vary less than this are taken as all light or all dark.
const MIN_DYNAMIC_RANGE: u8 = 24;
/// Above this [`noise_level`], the QR reader reads a smoothed frame.
pub const NOISY: f32 = 2.0;

/// Per-block thresholds of a luma image: `threshold(bx, by)` is the level at
/// or under which a pixel of block (bx, by) is black.
#[derive(Clone, Debug)]
pub struct Thresholds {
    /// Blocks across.
    pub cols: usize,
    /// Blocks down.
    pub rows: usize,
    values: Vec<u8>,
}

impl Thresholds {
    /// The threshold of block (bx, by); 0 outside.
    pub fn get(&self, bx: usize, by: usize) -> u8 {
        if bx >= self.cols {
            return 0;
        }
        self.values
            .get(by.saturating_mul(self.cols).saturating_add(bx))
            .copied()
            .unwrap_or(0)
    }

    /// The row of thresholds of block row `by`.
    fn row(&self, by: usize) -> &[u8] {
        let start = by.saturating_mul(self.cols);
        self.values
            .get(start..start.saturating_add(self.cols))
            .unwrap_or(&[])
    }
}

/// The pixel offset of block `b` of `count` on a side of `len` pixels: the
/// last block is pulled back inside when the side is not a multiple of 8.
fn block_start(b: usize, len: usize) -> usize {
    (b * BLOCK).min(len.saturating_sub(BLOCK))
}

/// The black point of each 8x8 block (`ZXing`'s `calculateBlackPoints`).
fn black_points(luma: &[u8], width: usize, height: usize) -> (Vec<u32>, usize, usize) {
    let cols = width.div_ceil(BLOCK);
    let rows = height.div_ceil(BLOCK);
    let mut points = vec![0u32; cols * rows];
    // Per pixel column over the block row's 8 lines first (this runs
    // across the whole row at once), then per block over its 8 columns.
    let mut col_sum = vec![0u16; width];
    let mut col_min = vec![u8::MAX; width];
    let mut col_max = vec![u8::MIN; width];
    let mut sums = vec![0u32; cols];
    let mut mins = vec![u8::MAX; cols];
    let mut maxs = vec![u8::MIN; cols];
    for by in 0..rows {
        col_sum.fill(0);
        col_min.fill(u8::MAX);
        col_max.fill(u8::MIN);
        let y0 = block_start(by, height);
        for line in luma.chunks_exact(width).skip(y0).take(BLOCK) {
            // Three plain loops: each one the compiler runs on whole
            // vectors of pixels.
            for (sum, &p) in col_sum.iter_mut().zip(line) {
                *sum += u16::from(p);
            }
            for (min, &p) in col_min.iter_mut().zip(line) {
                *min = (*min).min(p);
            }
            for (max, &p) in col_max.iter_mut().zip(line) {
                *max = (*max).max(p);
            }
        }
        for (bx, ((sum, min), max)) in sums
            .iter_mut()
            .zip(mins.iter_mut())
            .zip(maxs.iter_mut())
            .enumerate()
        {
            let x0 = block_start(bx, width);
            let span = x0..x0 + BLOCK;
            *sum = col_sum
                .get(span.clone())
                .unwrap_or(&[])
                .iter()
                .map(|&v| u32::from(v))
                .sum();
            *min = col_min
                .get(span.clone())
                .unwrap_or(&[])
                .iter()
                .copied()
                .min()
                .unwrap_or(0);
            *max = col_max
                .get(span)
                .unwrap_or(&[])
                .iter()
                .copied()
                .max()
                .unwrap_or(0);
        }
        for bx in 0..cols {
            let (sum, min, max) = (
                sums.get(bx).copied().unwrap_or(0),
                mins.get(bx).copied().unwrap_or(0),
                maxs.get(bx).copied().unwrap_or(0),
            );
            let mut average = sum >> 6;
            if max.saturating_sub(min) <= MIN_DYNAMIC_RANGE {
                // Little contrast: take the block as background, or as the
                // level of its neighbours when it is darker than they are.
                average = u32::from(min) / 2;
                if by > 0 && bx > 0 {
                    let at = |x: usize, y: usize| points.get(y * cols + x).copied().unwrap_or(0);
                    let neighbours = (at(bx, by - 1) + 2 * at(bx - 1, by) + at(bx - 1, by - 1)) / 4;
                    if u32::from(min) < neighbours {
                        average = neighbours;
                    }
                }
            }
            if let Some(p) = points.get_mut(by * cols + bx) {
                *p = average;
            }
        }
    }
    (points, cols, rows)
}

/// The threshold of every block: the mean black point of the 5x5 blocks
/// around it (clamped at the edges). `None` when a side is under 40 pixels.
pub fn block_thresholds(luma: &[u8], width: usize, height: usize) -> Option<Thresholds> {
    if width < MIN_SIDE || height < MIN_SIDE || luma.len() < width * height {
        return None;
    }
    let (points, cols, rows) = black_points(luma, width, height);
    // The 5x5 sums as a 5-wide sum along each row, then a 5-high one down.
    let mut across = Vec::with_capacity(cols * rows);
    for line in points.chunks_exact(cols) {
        for bx in 0..cols {
            let left = bx.clamp(2, cols - 3);
            across.push(
                line.get(left - 2..=left + 2)
                    .unwrap_or(&[])
                    .iter()
                    .sum::<u32>(),
            );
        }
    }
    let mut values = Vec::with_capacity(cols * rows);
    for by in 0..rows {
        let top = by.clamp(2, rows - 3);
        let five = across
            .get((top - 2) * cols..(top + 3) * cols)
            .unwrap_or(&[]);
        for bx in 0..cols {
            let sum: u32 = five.iter().skip(bx).step_by(cols).sum();
            values.push(u8::try_from(sum / 25).unwrap_or(u8::MAX));
        }
    }
    Some(Thresholds { cols, rows, values })
}

/// The threshold of each pixel in the rows of block row `by`. Where the
/// last block of a row overlaps the one before, a pixel is black under
/// either, so the larger threshold holds (as in `ZXing`, which only ever
/// sets bits).
fn level_row(t: &Thresholds, by: usize, width: usize, out: &mut [u8]) {
    out.fill(0);
    for (bx, &level) in t.row(by).iter().enumerate() {
        let x0 = block_start(bx, width);
        if let Some(span) = out.get_mut(x0..x0 + BLOCK) {
            for v in span {
                *v = (*v).max(level);
            }
        }
    }
}

/// Packs 8 bytes that are each 0 or 1 into the bits of a byte, the first
/// byte in the lowest bit.
fn pack8(bytes: [u8; 8]) -> usize {
    let packed = u64::from_le_bytes(bytes).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    usize::try_from(packed).unwrap_or(0)
}

/// The black-and-white image of a luma image, a row of words at a time.
pub fn binarize(luma: &[u8], width: usize, height: usize) -> Option<BitMatrix> {
    let t = block_thresholds(luma, width, height)?;
    let mut matrix =
        BitMatrix::new(u32::try_from(width).ok()?, u32::try_from(height).ok()?).ok()?;
    let word = usize::BITS as usize;
    let mut levels = vec![0u8; width];
    let mut last_levels = vec![0u8; width];
    level_row(&t, t.rows - 1, width, &mut last_levels);
    let last_y = height.saturating_sub(BLOCK);
    let mut levels_of = usize::MAX;
    let mut row = BitArray::with_size(width);
    for (y, pixels) in luma.chunks_exact(width).take(height).enumerate() {
        let by = (y / BLOCK).min(t.rows - 1);
        if by != levels_of {
            level_row(&t, by, width, &mut levels);
            levels_of = by;
        }
        if y == last_y && by != t.rows - 1 {
            // The last block row overlaps this one from here down.
            for (v, l) in levels.iter_mut().zip(&last_levels) {
                *v = (*v).max(*l);
            }
        }
        for (i, (p, l)) in pixels.chunks(word).zip(levels.chunks(word)).enumerate() {
            let mut bits = 0usize;
            for (k, (p8, l8)) in p.chunks(8).zip(l.chunks(8)).enumerate() {
                let mut black = [0u8; 8];
                for ((b, p), l) in black.iter_mut().zip(p8).zip(l8) {
                    *b = u8::from(p <= l);
                }
                bits |= pack8(black) << (8 * k);
            }
            row.setBulk(i * word, bits);
        }
        matrix.setRow(u32::try_from(y).ok()?, &row);
    }
    Some(matrix)
}

/// Smooths an image with a 3x3 [1 2 1] kernel (edge pixels repeat) into
/// `out`: camera noise flips single pixels of a binarised code and makes
/// specks the detector has to reject one by one; this keeps modules whole.
/// `out` is reused from frame to frame, so no new memory is touched.
pub fn smooth_into(luma: &[u8], width: usize, height: usize, out: &mut Vec<u8>) {
    out.clear();
    if width < 3 || height == 0 || luma.len() < width * height {
        out.extend_from_slice(luma);
        return;
    }
    out.resize(width * height, 0);
    let across = |line: &[u8], dst: &mut [u16]| {
        let (Some(left), Some(mid), Some(right)) =
            (line.get(..width - 2), line.get(1..width - 1), line.get(2..))
        else {
            return;
        };
        if let Some(inner) = dst.get_mut(1..width - 1) {
            for (((o, &l), &m), &r) in inner.iter_mut().zip(left).zip(mid).zip(right) {
                *o = u16::from(l) + 2 * u16::from(m) + u16::from(r);
            }
        }
        for (o, i, j) in [(0, 0, 1), (width - 1, width - 1, width - 2)] {
            if let (Some(o), Some(&p), Some(&q)) = (dst.get_mut(o), line.get(i), line.get(j)) {
                *o = 3 * u16::from(p) + u16::from(q);
            }
        }
    };
    let lines: Vec<&[u8]> = luma.chunks_exact(width).take(height).collect();
    // Three rows of horizontal sums, rolled down the image.
    let mut up = vec![0u16; width];
    let mut mid = vec![0u16; width];
    let mut down = vec![0u16; width];
    if let Some(first) = lines.first() {
        across(first, &mut mid);
        up.copy_from_slice(&mid);
    }
    for (y, row) in out.chunks_exact_mut(width).enumerate() {
        match lines.get(y + 1) {
            Some(next) => across(next, &mut down),
            None => down.copy_from_slice(&mid),
        }
        for (((o, &a), &b), &c) in row.iter_mut().zip(&up).zip(&mid).zip(&down) {
            *o = u8::try_from((a + 2 * b + c + 8) >> 4).unwrap_or(u8::MAX);
        }
        std::mem::swap(&mut up, &mut mid);
        std::mem::swap(&mut mid, &mut down);
    }
}

/// [`smooth_into`] a new image.
pub fn smooth(luma: &[u8], width: usize, height: usize) -> Vec<u8> {
    let mut out = Vec::new();
    smooth_into(luma, width, height, &mut out);
    out
}

/// The sensor noise of an image, as a standard deviation in grey levels
/// (Immerkaer's estimate: the mean absolute response of a mask that cancels
/// flat areas and straight edges), from every 4th row.
pub fn noise_level(luma: &[u8], width: usize, height: usize) -> f32 {
    if width < 3 || height < 3 {
        return 0.0;
    }
    let mut total = 0u64;
    let mut count = 0u64;
    let lines: Vec<&[u8]> = luma.chunks_exact(width).take(height).collect();
    for y in (1..height - 1).step_by(4) {
        let (Some(a), Some(b), Some(c)) = (lines.get(y - 1), lines.get(y), lines.get(y + 1)) else {
            continue;
        };
        for ((a, b), c) in a.windows(3).zip(b.windows(3)).zip(c.windows(3)) {
            if let ([a0, a1, a2], [b0, b1, b2], [c0, c1, c2]) = (a, b, c) {
                let v = i32::from(*a0) + i32::from(*a2) + i32::from(*c0) + i32::from(*c2)
                    - 2 * (i32::from(*a1) + i32::from(*b0) + i32::from(*b2) + i32::from(*c1))
                    + 4 * i32::from(*b1);
                total += u64::from(v.unsigned_abs());
                count += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = total as f32 / count.max(1) as f32;
    mean * (std::f32::consts::FRAC_PI_2).sqrt() / 6.0
}

/// `rxing`'s binariser interface over [`binarize`]. Rows and columns for
/// one-dimensional readers come from the global histogram, as in
/// `HybridBinarizer`; the QR reader uses only the matrix.
pub struct BlockBinarizer<LS: LuminanceSource> {
    global: GlobalHistogramBinarizer<LS>,
    matrix: OnceLock<BitMatrix>,
}

impl<LS: LuminanceSource> std::fmt::Debug for BlockBinarizer<LS> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockBinarizer")
            .field("width", &self.global.get_width())
            .field("height", &self.global.get_height())
            .finish_non_exhaustive()
    }
}

impl<LS: LuminanceSource> BlockBinarizer<LS> {
    pub fn new(source: LS) -> Self {
        Self {
            global: GlobalHistogramBinarizer::new(source),
            matrix: OnceLock::new(),
        }
    }

    fn compute(&self) -> Result<BitMatrix> {
        let source = self.global.get_luminance_source();
        let (width, height) = (source.get_width(), source.get_height());
        let luma = source.get_matrix();
        match binarize(&luma, width, height) {
            Some(m) => Ok(m),
            None => self.global.get_black_matrix().cloned(),
        }
    }
}

impl<LS: LuminanceSource> Binarizer for BlockBinarizer<LS> {
    type Source = LS;

    fn get_luminance_source(&self) -> &LS {
        self.global.get_luminance_source()
    }

    fn get_black_row(&self, y: usize) -> Result<Cow<'_, BitArray>> {
        self.global.get_black_row(y)
    }

    fn get_black_row_from_matrix(&self, y: usize) -> Result<Cow<'_, BitArray>> {
        match self.matrix.get() {
            Some(m) => Ok(Cow::Owned(m.getRow(u32::try_from(y).unwrap_or(u32::MAX)))),
            None => self.get_black_row(y),
        }
    }

    fn get_black_matrix(&self) -> Result<&BitMatrix> {
        if let Some(m) = self.matrix.get() {
            return Ok(m);
        }
        let m = self.compute()?;
        Ok(self.matrix.get_or_init(|| m))
    }

    fn get_black_line(&self, l: usize, lt: LineOrientation) -> Result<Cow<'_, BitArray>> {
        self.global.get_black_line(l, lt)
    }

    fn create_binarizer(&self, source: LS) -> Self {
        Self::new(source)
    }

    fn get_width(&self) -> usize {
        self.global.get_width()
    }

    fn get_height(&self) -> usize {
        self.global.get_height()
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::cast_possible_truncation
    )]
    use super::*;
    use rxing::Luma8Source;
    use rxing::common::HybridBinarizer;

    fn noise(width: usize, height: usize, seed: u32) -> Vec<u8> {
        let mut s = seed;
        (0..width * height)
            .map(|i| {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                // Blotches and a gradient, so that blocks differ in contrast.
                let base = ((i % width) * 200 / width) as u32;
                let blotch = if (i / width / 13 + i % width / 11).is_multiple_of(3) {
                    90
                } else {
                    0
                };
                ((s >> 16) % 40 + base / 2 + blotch).min(255) as u8
            })
            .collect()
    }

    #[test]
    fn same_image_as_hybrid_binarizer() {
        for (w, h, seed) in [
            (40, 40, 1),
            (1280, 720, 2),
            (525, 231, 3),
            (77, 93, 4),
            (41, 300, 5),
        ] {
            let luma = noise(w, h, seed);
            let ours = binarize(&luma, w, h).unwrap();
            let source = Luma8Source::new_with_slice(&luma, w as u32, h as u32).unwrap();
            let theirs = HybridBinarizer::new(source);
            assert_eq!(&ours, theirs.get_black_matrix().unwrap(), "{w}x{h}");
        }
    }

    #[test]
    fn smoothing_averages_neighbours_and_keeps_edges() {
        // A single bright pixel spreads as [1 2 1] x [1 2 1] / 16.
        let mut luma = vec![0u8; 5 * 5];
        luma[12] = 160;
        let s = smooth(&luma, 5, 5);
        assert_eq!(s[12], 40);
        assert_eq!(s[7], 20);
        assert_eq!(s[6], 10);
        assert_eq!(s[0], 0);
        // A flat image stays flat, edges included.
        assert!(smooth(&[77u8; 40 * 9], 40, 9).iter().all(|&v| v == 77));
        // Too narrow to smooth: kept as it is.
        assert_eq!(smooth(&[1, 2, 3, 4], 2, 2), vec![1, 2, 3, 4]);
    }

    #[test]
    fn noise_level_tells_a_noisy_frame_from_a_clean_one() {
        let flat = vec![128u8; 200 * 100];
        assert!(noise_level(&flat, 200, 100) < 0.1);
        let noisy = noise(200, 100, 9);
        assert!(noise_level(&noisy, 200, 100) > NOISY);
    }

    #[test]
    fn small_images_fall_back_to_the_histogram() {
        let luma = noise(39, 60, 7);
        assert!(binarize(&luma, 39, 60).is_none());
        let source = Luma8Source::new_with_slice(&luma, 39, 60).unwrap();
        let b = BlockBinarizer::new(source);
        assert_eq!(b.get_black_matrix().unwrap().getWidth(), 39);
    }
}
