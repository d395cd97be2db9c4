//! The variable-time SM2 verifier (`crypto::sm2v`) against `RustCrypto`'s
//! `sm2`, the reference: the standard's example, the edge cases, and
//! 100,000 random valid and tampered signatures on which both must agree.
#![allow(clippy::many_single_char_names, clippy::cast_possible_truncation)]

use healthgate::crypto::sm2v::{Verifier, identity_hash};
use healthgate::crypto::{DIST_ID, PrivateKey, PublicKeyRef};
use sm2::dsa::signature::hazmat::PrehashVerifier;
use sm2::dsa::{Signature, VerifyingKey};
use sm2::elliptic_curve::ff::PrimeField;
use sm2::elliptic_curve::group::Group;
use sm2::elliptic_curve::ops::Reduce;
use sm2::elliptic_curve::point::AffineCoordinates;
use sm2::elliptic_curve::sec1::ToSec1Point;
use sm2::{AffinePoint, FieldBytes, ProjectivePoint, PublicKey, Scalar};

fn hex(text: &str) -> Vec<u8> {
    base16ct::mixed::decode_vec(text).unwrap()
}

/// GB/T 32918.5-2017 (GM/T 0003.5) annex A: the signature example on the
/// recommended curve, identifier 1234567812345678, message "message digest".
#[test]
fn the_standard_example_verifies() {
    let public = hex(
        "0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13",
    );
    let sig = hex(
        "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA",
    );
    let key = PublicKey::from_sec1_bytes(&public).unwrap();
    let v = Verifier::new(DIST_ID, *key.as_affine());
    assert_eq!(
        identity_hash(DIST_ID, key.as_affine()).to_vec(),
        hex("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3")
    );
    assert_eq!(
        v.digest(&[b"message digest"]).to_vec(),
        hex("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640")
    );
    assert!(v.verify(&[b"message ", b"digest"], &sig));
    assert!(v.clone().with_table().verify(&[b"message digest"], &sig));
    assert!(!v.verify(&[b"message digesT"], &sig));
    let mut bad = sig.clone();
    bad[63] ^= 1;
    assert!(!v.verify(&[b"message digest"], &bad));
    // The private key of the example gives that public key.
    let d = hex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
    let d = Scalar::from_repr(FieldBytes::try_from(&d[..]).unwrap()).unwrap();
    assert_eq!(
        (ProjectivePoint::GENERATOR * d).to_affine(),
        *key.as_affine()
    );
    // And the reference agrees.
    let reference = PublicKeyRef::from_sec1(&public).unwrap();
    assert!(reference.verify_reference(b"message ", &[b"digest"], &sig));
}

fn reference_prehash(key: &AffinePoint, e: &[u8; 32], sig: &[u8]) -> bool {
    let Ok(sig) = Signature::from_slice(sig) else {
        return false;
    };
    let vk = VerifyingKey::from_affine(DIST_ID, *key).unwrap();
    vk.verify_prehash(e, &sig).is_ok()
}

fn both(key: &AffinePoint, e: &[u8; 32], sig: &[u8]) -> bool {
    let fast = Verifier::new(DIST_ID, *key);
    let tabled = fast.clone().with_table();
    let a = fast.verify_digest(e, sig);
    let b = tabled.verify_digest(e, sig);
    let r = reference_prehash(key, e, sig);
    assert_eq!(a, r, "fast and sm2 disagree");
    assert_eq!(b, r, "tabled and sm2 disagree");
    r
}

fn scalar_bytes(s: &Scalar) -> [u8; 32] {
    s.to_repr().into()
}

fn sig_of(r: &[u8; 32], s: &[u8; 32]) -> Vec<u8> {
    [&r[..], &s[..]].concat()
}

#[test]
fn edge_cases_agree_with_the_reference() {
    let d = Scalar::from(0x1234_5678_9abc_u64);
    let key = (ProjectivePoint::GENERATOR * d).to_affine();
    let e = [7u8; 32];
    let r = <Scalar as Reduce<FieldBytes>>::reduce(&FieldBytes::from(e));
    // The point at infinity: with r = e and s = -r d / (1 + d),
    // [s]G + [r + s]P = O, whose x would otherwise satisfy r = e + 0.
    let s = -(r * d) * (d + Scalar::ONE).invert().unwrap();
    assert!(!both(
        &key,
        &e,
        &sig_of(&scalar_bytes(&r), &scalar_bytes(&s))
    ));
    // t = r + s = 0.
    let s = -r;
    assert!(!both(
        &key,
        &e,
        &sig_of(&scalar_bytes(&r), &scalar_bytes(&s))
    ));
    // r or s zero, n, above n, all ones; a short or long signature.
    let n = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");
    let n: [u8; 32] = n.try_into().unwrap();
    let mut n_plus = n;
    n_plus[31] += 1;
    let one = scalar_bytes(&Scalar::ONE);
    for bad in [[0u8; 32], n, n_plus, [0xff; 32]] {
        assert!(!both(&key, &e, &sig_of(&bad, &one)));
        assert!(!both(&key, &e, &sig_of(&one, &bad)));
    }
    let v = Verifier::new(DIST_ID, key);
    assert!(!v.verify_digest(&e, &sig_of(&one, &one)[..63]));
    assert!(!v.verify_digest(&e, &[sig_of(&one, &one), vec![0]].concat()));
    assert!(!v.verify_digest(&e, &[]));
}

/// The x1 >= n branch of step B7: x1 is reduced mod n before it is
/// compared. A point with such an x is built first, then a public key for
/// which a chosen (s, t) lands on it (verification uses public data only,
/// so the key may be made to fit).
#[test]
fn an_x_coordinate_above_the_order_is_reduced_as_the_reference_does() {
    let n = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");
    let mut x: [u8; 32] = n.try_into().unwrap();
    let point = loop {
        let mut sec1 = vec![0x02];
        sec1.extend_from_slice(&x);
        if let Ok(p) = PublicKey::from_sec1_bytes(&sec1) {
            break *p.as_affine();
        }
        // Next x: add one.
        for b in x.iter_mut().rev() {
            *b = b.wrapping_add(1);
            if *b != 0 {
                break;
            }
        }
    };
    let x1: [u8; 32] = point.x().into();
    assert!(
        x1 >= <[u8; 32]>::try_from(
            &hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123")[..]
        )
        .unwrap()
    );
    let s = Scalar::from(0xdead_beef_u64);
    let t = Scalar::from(0x0123_4567_89ab_u64);
    // P = t^-1 (R - sG)
    let p = ((ProjectivePoint::from(point) - ProjectivePoint::GENERATOR * s) * t.invert().unwrap())
        .to_affine();
    assert!(!bool::from(ProjectivePoint::from(p).is_identity()));
    let r = t - s;
    let x_mod_n = <Scalar as Reduce<FieldBytes>>::reduce(&point.x());
    let e = scalar_bytes(&(r - x_mod_n));
    let sig = sig_of(&scalar_bytes(&r), &scalar_bytes(&s));
    assert!(both(&p, &e, &sig), "a valid signature with x1 >= n");
    // Not reducing x1 would need e' = r - x1 (as an integer): refused.
    let mut wrong = e;
    wrong[31] ^= 1;
    assert!(!both(&p, &wrong, &sig));
}

/// A small deterministic generator (splitmix64): the cases are the same on
/// every run, so a failure can be run again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `cases` random signatures, valid and tampered, over a few keys with and
/// without tables: the fast verifier and `sm2` must agree on every one.
fn agree_on_random_cases(seed: u64, cases: usize) {
    let mut rng = Rng(seed);
    let keys: Vec<PrivateKey> = (0..8).map(|_| PrivateKey::generate().unwrap()).collect();
    let publics: Vec<PublicKeyRef> = keys.iter().map(PrivateKey::public).collect();
    let tabled: Vec<PublicKeyRef> = publics.iter().map(|k| k.clone().with_table()).collect();
    let (mut valid, mut invalid) = (0, 0);
    let mut i = 0;
    while i < cases {
        let k = rng.below(keys.len());
        let len = 1 + rng.below(200);
        let msg = rng.bytes(len);
        let sig = keys[k].sign(b"T", &[&msg]).unwrap();
        // Each signature is checked as made and in four tampered forms.
        let mut variants: Vec<(usize, Vec<u8>, Vec<u8>)> = vec![(k, msg.clone(), sig.to_vec())];
        let mut flipped = sig.to_vec();
        let bit = rng.below(512);
        flipped[bit / 8] ^= 1 << (bit % 8);
        variants.push((k, msg.clone(), flipped));
        let mut other = msg.clone();
        let at = rng.below(other.len());
        other[at] ^= 1 + (rng.next() as u8 % 255);
        variants.push((k, other, sig.to_vec()));
        variants.push(((k + 1) % keys.len(), msg.clone(), sig.to_vec()));
        variants.push((k, msg, rng.bytes(64)));
        for (key, msg, sig) in variants {
            let reference = publics[key].verify_reference(b"T", &[&msg], &sig);
            let fast = publics[key].verify(b"T", &[&msg], &sig);
            let table = tabled[key].verify(b"T", &[&msg], &sig);
            assert_eq!(fast, reference, "case {i}: fast and sm2 disagree");
            assert_eq!(table, reference, "case {i}: tabled and sm2 disagree");
            if reference {
                valid += 1;
            } else {
                invalid += 1;
            }
            i += 1;
        }
    }
    assert!(valid >= cases / 5 - 1, "{valid} valid");
    assert!(invalid >= cases * 3 / 5, "{invalid} invalid");
}

// 100,000 cases in all, in four tests the harness runs side by side.
#[test]
fn random_cases_agree_1() {
    agree_on_random_cases(1, 25_000);
}

#[test]
fn random_cases_agree_2() {
    agree_on_random_cases(2, 25_000);
}

#[test]
fn random_cases_agree_3() {
    agree_on_random_cases(3, 25_000);
}

#[test]
fn random_cases_agree_4() {
    agree_on_random_cases(4, 25_000);
}

#[test]
fn public_keys_round_trip_and_keep_their_identity() {
    let key = PrivateKey::generate().unwrap();
    let public = key.public();
    let sec1 = public.to_compressed();
    let again = PublicKeyRef::from_sec1(&sec1).unwrap();
    assert_eq!(again, public);
    assert_eq!(again.clone().with_table(), public);
    let uncompressed =
        (*PublicKey::from_sec1_bytes(&sec1).unwrap().as_affine()).to_sec1_point(false);
    assert_eq!(
        PublicKeyRef::from_sec1(uncompressed.as_bytes()).unwrap(),
        public
    );
    let sig = key.sign(b"d", &[b"a", b"b", b"c"]).unwrap();
    assert!(public.verify(b"d", &[b"abc"], &sig));
    assert!(public.verify(b"da", &[b"b", b"c"], &sig));
    assert!(public.verify(b"", &[b"d", b"a", b"b", b"c"], &sig));
}
