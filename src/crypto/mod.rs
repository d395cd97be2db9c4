//! Thin wrappers over `RustCrypto`'s SM2 (GB/T 32918) and SM3 (GB/T 32905).
//!
//! Every signature of the native code is SM2 with SM3 over a message that
//! starts with a domain tag (see `docs/hgc1.md`), with the default
//! distinguishing identifier `1234567812345678` of GB/T 35276.
//!
//! [`x509`]: the EU DCC's document signer certificates and their ES256 and
//! PS256 signatures.

pub mod jwk;
pub mod sm2v;
pub mod x509;

use std::fmt;

use sm2::dsa::signature::{Signer, Verifier};
use sm2::dsa::{Signature, SigningKey, VerifyingKey};
use sm2::elliptic_curve::Generate;
use sm2::elliptic_curve::sec1::ToSec1Point;
use sm2::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};
use sm2::{PublicKey, SecretKey};
use sm3::{Digest, Sm3};

/// The distinguishing identifier used for every key (GB/T 35276 default).
pub const DIST_ID: &str = "1234567812345678";

/// Length of an SM2 signature as `r || s`.
pub const SIGNATURE_LEN: usize = 64;

/// Length of a compressed SEC1 public key.
pub const PUBLIC_KEY_LEN: usize = 33;

/// SM3 of the concatenation of `parts`.
pub fn sm3(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sm3::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// An error from key handling; never from verification, which only says yes or no.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the system random source failed: {0}")]
    Random(String),
    #[error("`{0}` is not a key id of 16 hex digits")]
    KeyIdHex(String),
    /// The text or bytes are not the key they should be; says what was expected.
    #[error("not {expected}{}", why.as_ref().map(|w| format!(": {w}")).unwrap_or_default())]
    NotAKey {
        expected: &'static str,
        why: Option<String>,
    },
    #[error("no `-----BEGIN {0}-----` line found")]
    NoPem(&'static str),
    #[error("cannot encode the key: {0}")]
    Encode(String),
    #[error("signing failed: {0}")]
    Sign(String),
}

fn not_a_key(expected: &'static str) -> KeyError {
    KeyError::NotAKey {
        expected,
        why: None,
    }
}

/// The 8-byte identifier of a public key: the first 8 bytes of SM3 over its
/// compressed SEC1 encoding.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// Parses 16 hex digits.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let mut out = [0u8; 8];
        let bytes = base16ct::mixed::decode(text.trim(), &mut out)
            .map_err(|_| KeyError::KeyIdHex(text.to_string()))?;
        if bytes.len() != 8 {
            return Err(KeyError::KeyIdHex(text.to_string()));
        }
        Ok(Self(out))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base16ct::lower::encode_string(&self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// A private key that signs. Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct PrivateKey {
    signing: SigningKey,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({})", self.public().key_id())
    }
}

impl PrivateKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let secret = SecretKey::try_generate().map_err(|e| KeyError::Random(e.to_string()))?;
        Self::from_secret(&secret)
    }

    fn from_secret(secret: &SecretKey) -> Result<Self, KeyError> {
        SigningKey::new(DIST_ID, secret)
            .map(|signing| Self { signing })
            .map_err(|_| not_a_key("a usable SM2 private key"))
    }

    /// Reads a PKCS#8 PEM key. Text before the `-----BEGIN` line (explanatory
    /// text, RFC 7468) is allowed.
    pub fn from_pem(text: &str) -> Result<Self, KeyError> {
        let pem = pem_block(text, "PRIVATE KEY")?;
        let secret = SecretKey::from_pkcs8_pem(pem).map_err(|e| KeyError::NotAKey {
            expected: "an SM2 private key in PKCS#8 PEM",
            why: Some(e.to_string()),
        })?;
        Self::from_secret(&secret)
    }

    /// Writes the key as PKCS#8 PEM.
    pub fn to_pem(&self) -> Result<String, KeyError> {
        let secret = SecretKey::from(self.signing.as_nonzero_scalar());
        secret
            .to_pkcs8_pem(LineEnding::LF)
            .map(|s| s.to_string())
            .map_err(|e| KeyError::Encode(e.to_string()))
    }

    /// The matching public key.
    pub fn public(&self) -> PublicKeyRef {
        PublicKeyRef::of(PublicKey::from(self.signing.verifying_key()))
    }

    /// Signs `domain || parts...`.
    pub fn sign(&self, domain: &[u8], parts: &[&[u8]]) -> Result<[u8; SIGNATURE_LEN], KeyError> {
        let mut message =
            Vec::with_capacity(domain.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        message.extend_from_slice(domain);
        for p in parts {
            message.extend_from_slice(p);
        }
        let sig: Signature = self
            .signing
            .try_sign(&message)
            .map_err(|e| KeyError::Sign(e.to_string()))?;
        Ok(sig.to_bytes().into())
    }
}

/// A parsed public key that verifies, with [`sm2v`]'s variable-time
/// verifier (public data only). Parsing costs a point decompression and an
/// SM3 over the key; keep parsed keys of issuers around, and give them a
/// table of their own with [`PublicKeyRef::with_table`].
#[derive(Clone)]
pub struct PublicKeyRef {
    public: PublicKey,
    fast: sm2v::Verifier,
}

impl PartialEq for PublicKeyRef {
    fn eq(&self, other: &Self) -> bool {
        self.public.as_affine() == other.public.as_affine()
    }
}

impl Eq for PublicKeyRef {}

impl fmt::Debug for PublicKeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.key_id())
    }
}

impl PublicKeyRef {
    fn of(public: PublicKey) -> Self {
        Self {
            fast: sm2v::Verifier::new(DIST_ID, *public.as_affine()),
            public,
        }
    }

    /// From SEC1 bytes, compressed (33) or uncompressed (65).
    pub fn from_sec1(bytes: &[u8]) -> Result<Self, KeyError> {
        PublicKey::from_sec1_bytes(bytes)
            .map(Self::of)
            .map_err(|_| not_a_key("an SM2 public key"))
    }

    /// From hex of SEC1 bytes.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let bytes = base16ct::mixed::decode_vec(text.trim())
            .map_err(|_| not_a_key("an SM2 public key in hex"))?;
        Self::from_sec1(&bytes)
    }

    /// From `SubjectPublicKeyInfo` PEM (text before the `-----BEGIN` line allowed).
    pub fn from_pem(text: &str) -> Result<Self, KeyError> {
        let pem = pem_block(text, "PUBLIC KEY")?;
        PublicKey::from_public_key_pem(pem)
            .map(Self::of)
            .map_err(|e| KeyError::NotAKey {
                expected: "an SM2 public key in PEM",
                why: Some(e.to_string()),
            })
    }

    /// As `SubjectPublicKeyInfo` PEM.
    pub fn to_pem(&self) -> Result<String, KeyError> {
        self.public
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| KeyError::Encode(e.to_string()))
    }

    /// Compressed SEC1 bytes.
    pub fn to_compressed(&self) -> [u8; PUBLIC_KEY_LEN] {
        let point = self.public.as_affine().to_sec1_point(true);
        let mut out = [0u8; PUBLIC_KEY_LEN];
        out.copy_from_slice(point.as_bytes());
        out
    }

    /// The key's identifier.
    pub fn key_id(&self) -> KeyId {
        let h = sm3(&[&self.to_compressed()]);
        let mut id = [0u8; 8];
        id.copy_from_slice(&h[..8]);
        KeyId(id)
    }

    /// This key with a fixed-base table of its own (about 170 KB, built on
    /// its first verification): for issuer keys, which verify every code.
    #[must_use]
    pub fn with_table(mut self) -> Self {
        self.fast = self.fast.with_table();
        self
    }

    /// Builds the key's table now, if it has one.
    pub fn warm_up(&self) {
        self.fast.warm_up();
    }

    /// Checks a signature over `domain || parts...`.
    pub fn verify(&self, domain: &[u8], parts: &[&[u8]], signature: &[u8]) -> bool {
        match parts {
            [] => self.fast.verify(&[domain], signature),
            [a] => self.fast.verify(&[domain, a], signature),
            [a, b] => self.fast.verify(&[domain, a, b], signature),
            _ => {
                let mut all = Vec::with_capacity(parts.len() + 1);
                all.push(domain);
                all.extend_from_slice(parts);
                self.fast.verify(&all, signature)
            }
        }
    }

    /// The same check through `RustCrypto`'s `sm2` (constant time): the
    /// reference [`PublicKeyRef::verify`] is tested and measured against.
    pub fn verify_reference(&self, domain: &[u8], parts: &[&[u8]], signature: &[u8]) -> bool {
        let Ok(sig) = Signature::from_slice(signature) else {
            return false;
        };
        let Ok(verifying) = VerifyingKey::new(DIST_ID, self.public) else {
            return false;
        };
        let mut message =
            Vec::with_capacity(domain.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        message.extend_from_slice(domain);
        for p in parts {
            message.extend_from_slice(p);
        }
        verifying.verify(&message, &sig).is_ok()
    }
}

/// The PEM block with `label`, skipping explanatory text before it.
fn pem_block<'a>(text: &'a str, label: &'static str) -> Result<&'a str, KeyError> {
    let begin = format!("-----BEGIN {label}-----");
    let start = text.find(&begin).ok_or(KeyError::NoPem(label))?;
    Ok(text.get(start..).unwrap_or_default())
}

/// Reads a header line `Name: value` from the explanatory text before a PEM block.
pub fn pem_header(text: &str, name: &str) -> Option<String> {
    text.lines()
        .take_while(|l| !l.starts_with("-----BEGIN"))
        .filter_map(|l| l.trim_start_matches('#').split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_pem_round_trip() {
        let key = PrivateKey::generate().unwrap();
        let sig = key.sign(b"tag", &[b"hello", b" world"]).unwrap();
        let public = key.public();
        assert!(public.verify(b"tag", &[b"hello world"], &sig));
        assert!(!public.verify(b"tag", &[b"hello world!"], &sig));
        assert!(!public.verify(b"other", &[b"hello world"], &sig));
        assert!(!public.verify(b"tag", &[b"hello world"], &sig[..63]));

        let pem = format!("# HealthGate-Issuer: X\n{}", key.to_pem().unwrap());
        let again = PrivateKey::from_pem(&pem).unwrap();
        assert_eq!(again.public(), public);
        assert_eq!(pem_header(&pem, "healthgate-issuer").as_deref(), Some("X"));

        let pub_pem = public.to_pem().unwrap();
        assert_eq!(PublicKeyRef::from_pem(&pub_pem).unwrap(), public);
        assert_eq!(
            PublicKeyRef::from_sec1(&public.to_compressed()).unwrap(),
            public
        );
        let id = public.key_id();
        assert_eq!(KeyId::from_hex(&id.to_string()).unwrap(), id);
    }

    #[test]
    fn sm3_known_answer() {
        // GB/T 32905 appendix A, example 1: SM3("abc").
        let h = sm3(&[b"a", b"bc"]);
        assert_eq!(
            base16ct::lower::encode_string(&h),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
    }
}
