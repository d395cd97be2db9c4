//! SM2 signature verification (GB/T 32918.2) in variable time, for public
//! data only: a public key, a message and a signature are all that it
//! touches. Signing and keys stay on `RustCrypto`'s audited `sm2`, which
//! is also the reference the tests hold this verifier to.
//!
//! Why not `sm2`'s own verify: it computes `[s]G + [t]P` with a fresh
//! constant-time table for both points on every call. Verification needs
//! no constant time, and two of the three points in a native code's checks
//! are known before any code arrives: the generator, and the issuer's key.
//! For each of those a [`FixedBase`] table (signed radix-2^7 digits, every
//! multiple of every window, in affine form) turns a scalar multiplication
//! into 37 mixed additions and no doublings. A holder's device key, new
//! with every code, goes through `sm2`'s variable-time wNAF.
//!
//! The arithmetic on points is `sm2`'s (complete formulas over its field);
//! this module only chooses which additions to do.

use std::sync::{Arc, LazyLock, OnceLock};

use sm2::elliptic_curve::ff::PrimeField;
use sm2::elliptic_curve::group::Group;
use sm2::elliptic_curve::ops::Reduce;
use sm2::elliptic_curve::point::{AffineCoordinates, BatchNormalize};
use sm2::elliptic_curve::sec1::ToSec1Point;
use sm2::{AffinePoint, FieldBytes, ProjectivePoint, Scalar};
use sm3::{Digest, Sm3};

/// Bits per signed digit of a fixed-base scalar multiplication.
const WINDOW_BITS: u32 = 7;
/// Multiples kept per window: `1..=2^(w-1)` times the window's base.
const PER_WINDOW: usize = 1 << (WINDOW_BITS - 1);
/// Windows: 256 bits in digits of 7, and one for the last carry.
const WINDOWS: usize = 256usize.div_ceil(WINDOW_BITS as usize) + 1;

/// The curve's `a`, `b` and generator, as GB/T 32918.5 gives them, for
/// the identity hash `Z_A`.
const CURVE_A: [u8; 32] = hex32("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC");
const CURVE_B: [u8; 32] = hex32("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");
const GX: [u8; 32] = hex32("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7");
const GY: [u8; 32] = hex32("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0");

#[allow(clippy::panic)]
const fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("not a hex digit"),
    }
}

#[allow(clippy::indexing_slicing)]
const fn hex32(text: &str) -> [u8; 32] {
    let t = text.as_bytes();
    assert!(t.len() == 64, "not 32 bytes of hex");
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = (hex_digit(t[2 * i]) << 4) | hex_digit(t[2 * i + 1]);
        i += 1;
    }
    out
}

/// `Z_A` of GB/T 32918.2: SM3 over the identifier's bit length, the
/// identifier, the curve and the public key.
pub fn identity_hash(dist_id: &str, key: &AffinePoint) -> [u8; 32] {
    let bits = u16::try_from(dist_id.len().saturating_mul(8)).unwrap_or(u16::MAX);
    let point = key.to_sec1_point(false);
    let mut h = Sm3::new();
    h.update(bits.to_be_bytes());
    h.update(dist_id.as_bytes());
    h.update(CURVE_A);
    h.update(CURVE_B);
    h.update(GX);
    h.update(GY);
    // The uncompressed encoding: 0x04, then x and y.
    h.update(point.as_bytes().get(1..).unwrap_or_default());
    h.finalize().into()
}

/// Every signed radix-2^7 multiple of one point: `tables[i][j]` is
/// `(j + 1) * 2^(7 i) * P`. About 170 KB; built in some 20 ms.
#[derive(Debug)]
pub struct FixedBase {
    tables: Vec<[AffinePoint; PER_WINDOW]>,
}

impl FixedBase {
    /// The table of `point`.
    pub fn new(point: &ProjectivePoint) -> Self {
        let mut tables = Vec::with_capacity(WINDOWS);
        let mut base = *point;
        for _ in 0..WINDOWS {
            let mut multiples = Vec::with_capacity(PER_WINDOW);
            let mut m = base;
            for _ in 0..PER_WINDOW {
                multiples.push(m);
                m += base;
            }
            let affine: Vec<AffinePoint> = ProjectivePoint::batch_normalize(multiples.as_slice());
            let mut row = [AffinePoint::IDENTITY; PER_WINDOW];
            for (slot, p) in row.iter_mut().zip(affine) {
                *slot = p;
            }
            tables.push(row);
            for _ in 0..WINDOW_BITS {
                base = base.double();
            }
        }
        Self { tables }
    }

    /// `k * P`, in variable time.
    pub fn mul(&self, k: &Scalar) -> ProjectivePoint {
        let mut acc = ProjectivePoint::IDENTITY;
        for (digit, row) in signed_digits(k).into_iter().zip(&self.tables) {
            let index = usize::from(digit.unsigned_abs());
            let Some(p) = index.checked_sub(1).and_then(|i| row.get(i)) else {
                continue;
            };
            if digit > 0 {
                acc += p;
            } else {
                acc -= p;
            }
        }
        acc
    }
}

/// `k` as [`WINDOWS`] signed digits in `[-2^6, 2^6]`, least significant
/// first: `k = sum d_i 2^(7 i)`.
fn signed_digits(k: &Scalar) -> [i8; WINDOWS] {
    // Little-endian bytes of the canonical value.
    let mut le = [0u8; 32];
    for (d, s) in le.iter_mut().zip(k.to_repr().iter().rev()) {
        *d = *s;
    }
    let bit = |i: usize| -> u32 { le.get(i / 8).map_or(0, |b| u32::from((b >> (i % 8)) & 1)) };
    let mut out = [0i8; WINDOWS];
    let mut carry = 0u32;
    for (w, d) in out.iter_mut().enumerate() {
        let mut v = carry;
        for b in 0..WINDOW_BITS as usize {
            v += bit(w * WINDOW_BITS as usize + b) << b;
        }
        // v is at most 2^7; digits above 2^6 borrow from the next window.
        if v > (1 << (WINDOW_BITS - 1)) {
            carry = 1;
            *d = i8::try_from(i64::from(v) - (1 << WINDOW_BITS)).unwrap_or(0);
        } else {
            carry = 0;
            *d = i8::try_from(v).unwrap_or(0);
        }
    }
    out
}

/// The generator's table, built on first use.
static GENERATOR: LazyLock<FixedBase> =
    LazyLock::new(|| FixedBase::new(&ProjectivePoint::GENERATOR));

/// Builds the generator's table now (a service does this before it listens).
pub fn warm_up() {
    LazyLock::force(&GENERATOR);
}

/// A public key ready to verify: its point, its `Z_A`, and for an issuer's
/// key (known before codes arrive) its own fixed-base table, built on the
/// first verification.
#[derive(Debug, Clone)]
pub struct Verifier {
    point: AffinePoint,
    za: [u8; 32],
    table: Option<Arc<OnceLock<FixedBase>>>,
}

impl Verifier {
    /// For a key seen once (a holder's device key): no table of its own.
    pub fn new(dist_id: &str, point: AffinePoint) -> Self {
        Self {
            za: identity_hash(dist_id, &point),
            point,
            table: None,
        }
    }

    /// For a key that verifies many codes (an issuer's): a fixed-base table
    /// of its own, built on the first verification (or by [`Verifier::warm_up`]).
    #[must_use]
    pub fn with_table(mut self) -> Self {
        if self.table.is_none() {
            self.table = Some(Arc::new(OnceLock::new()));
        }
        self
    }

    /// Builds this key's table now, if it has one.
    pub fn warm_up(&self) {
        if let Some(t) = &self.table {
            t.get_or_init(|| FixedBase::new(&ProjectivePoint::from(self.point)));
        }
    }

    /// Whether this key has a table built.
    pub fn has_table(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.get().is_some())
    }

    /// `e` of GB/T 32918.2: SM3 of `Z_A` and the message parts.
    pub fn digest(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut h = Sm3::new();
        h.update(self.za);
        for p in parts {
            h.update(p);
        }
        h.finalize().into()
    }

    /// Checks the 64-byte signature `r || s` over the message `parts`.
    pub fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> bool {
        self.verify_digest(&self.digest(parts), signature)
    }

    /// Checks `r || s` against a digest `e` (steps B1, B2 and B5 to B7).
    #[allow(clippy::many_single_char_names)]
    pub fn verify_digest(&self, digest: &[u8; 32], signature: &[u8]) -> bool {
        let (Some(r), Some(s)) = (
            signature.get(..32).and_then(scalar_in_range),
            signature.get(32..64).and_then(scalar_in_range),
        ) else {
            return false;
        };
        if signature.len() != 64 {
            return false;
        }
        let t = r + s;
        if bool::from(t.is_zero()) {
            return false;
        }
        let sg = GENERATOR.mul(&s);
        let tp = match &self.table {
            Some(table) => table
                .get_or_init(|| FixedBase::new(&ProjectivePoint::from(self.point)))
                .mul(&t),
            None => ProjectivePoint::from(self.point).mul_vartime(&t),
        };
        let point = sg + tp;
        if bool::from(point.is_identity()) {
            return false;
        }
        let x = point.to_affine().x();
        let e = <Scalar as Reduce<FieldBytes>>::reduce(&FieldBytes::from(*digest));
        r == e + <Scalar as Reduce<FieldBytes>>::reduce(&x)
    }
}

/// A 32-byte big-endian integer in `[1, n - 1]`.
fn scalar_in_range(bytes: &[u8]) -> Option<Scalar> {
    let repr = FieldBytes::try_from(bytes).ok()?;
    let s: Option<Scalar> = Scalar::from_repr(repr).into();
    s.filter(|s| !bool::from(s.is_zero()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(n: u64) -> Scalar {
        Scalar::from(n)
    }

    #[test]
    fn digits_add_back_up() {
        for k in [
            Scalar::ZERO,
            Scalar::ONE,
            scalar(64),
            scalar(65),
            scalar(127),
            scalar(128),
            -Scalar::ONE,
            -scalar(64),
            scalar(u64::MAX),
        ] {
            let mut sum = Scalar::ZERO;
            let mut weight = Scalar::ONE;
            for d in signed_digits(&k) {
                assert!((-64..=64).contains(&d));
                let abs = scalar(u64::from(d.unsigned_abs()));
                sum += if d < 0 { -abs } else { abs } * weight;
                weight *= scalar(128);
            }
            assert_eq!(sum, k);
        }
    }

    #[test]
    fn a_fixed_base_multiplies_like_the_group() {
        let table = FixedBase::new(&ProjectivePoint::GENERATOR);
        let mut rng = rand_scalars();
        for k in [
            Scalar::ZERO,
            Scalar::ONE,
            -Scalar::ONE,
            scalar(64),
            scalar(65),
        ]
        .into_iter()
        .chain((0..20).map(|_| rng()))
        {
            assert_eq!(table.mul(&k), ProjectivePoint::GENERATOR * k);
        }
    }

    /// Scalars from a fixed-seed sequence (no random source in unit tests).
    fn rand_scalars() -> impl FnMut() -> Scalar {
        let mut state = Scalar::from(0x9e37_79b9_7f4a_7c15_u64);
        move || {
            state = state.square() + Scalar::from(7u64);
            state
        }
    }
}
