//! Document signer certificates (DSC) of the EU DCC / WHO GDHCN trust
//! network, and the two signature algorithms they sign with: ES256 (ECDSA
//! P-256 with SHA-256) and PS256 (RSASSA-PSS with SHA-256, salt 32).
//!
//! Only public data goes through here (certificates, signatures, signed
//! bytes), so the verifiers may take variable time.
//!
//! A DSC is read from DER, PEM, or the base64 DER text the gateway's trust
//! list carries. What the kiosk keeps of it: the public key, the key id
//! (the first 8 bytes of SHA-256 of the DER), the validity, the country in
//! its subject, and which certificate types its extended key usage lets it
//! sign (none listed: any).

use std::time::Duration;

use base64ct::Encoding as _;
use p256::ecdsa::signature::Verifier as _;
use rsa::pkcs8::DecodePublicKey as _;
use sha2::Digest as _;
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode, asn1::ObjectIdentifier};
use x509_cert::ext::pkix::ExtendedKeyUsage;

use crate::time::UnixTime;

/// COSE algorithm ids.
pub const ES256: i64 = -7;
pub const PS256: i64 = -37;

/// A document signer's public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DscKey {
    /// ECDSA on P-256: signs ES256.
    P256(p256::ecdsa::VerifyingKey),
    /// RSA: signs PS256.
    Rsa(rsa::PublicKey),
}

impl DscKey {
    /// The algorithm's name, for staff and logs.
    pub fn algorithm(&self) -> &'static str {
        match self {
            Self::P256(_) => "ECDSA P-256",
            Self::Rsa(_) => "RSA-PSS",
        }
    }

    /// Whether `signature` over `message` verifies with this key under the
    /// COSE algorithm `alg`. An algorithm that is not this key's, or a
    /// signature of the wrong length or shape, does not verify.
    pub fn verify(&self, alg: i64, message: &[u8], signature: &[u8]) -> bool {
        match (self, alg) {
            (Self::P256(key), ES256) => {
                // COSE carries r || s, 32 bytes each; never DER.
                signature.len() == 64
                    && p256::ecdsa::Signature::from_slice(signature)
                        .is_ok_and(|s| key.verify(message, &s).is_ok())
            }
            (Self::Rsa(key), PS256) => {
                let verifier = rsa::pss::VerifyingKey::<sha2::Sha256>::new(key.clone());
                rsa::pss::Signature::try_from(signature)
                    .is_ok_and(|s| verifier.verify(message, &s).is_ok())
            }
            _ => false,
        }
    }
}

/// The certificate types a DSC may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub test: bool,
    pub vaccination: bool,
    pub recovery: bool,
}

impl Usage {
    /// Any type (a DSC without the DCC key usage OIDs).
    pub const ANY: Self = Self {
        test: true,
        vaccination: true,
        recovery: true,
    };
}

/// Why a certificate could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DscError {
    #[error("not an X.509 certificate: {0}")]
    Der(String),
    #[error("the certificate's key is neither P-256 nor RSA ({0})")]
    KeyType(String),
    #[error("the certificate's public key is broken")]
    Key,
    #[error("the certificate is neither DER, PEM nor base64")]
    Encoding,
}

/// A document signer certificate, as the kiosk keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dsc {
    /// SHA-256 of the DER, first 8 bytes.
    pub kid: [u8; 8],
    pub key: DscKey,
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    /// The `C=` of the subject, when there is one.
    pub country: Option<String>,
    pub usage: Usage,
}

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256_CURVE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const COUNTRY: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");

/// The key usage OIDs of the DCC (with and without the `.0` some issuers
/// wrote after `1.3.6.1.4.1`): test, vaccination, recovery.
const USAGE_OIDS: [(&str, u8); 6] = [
    ("1.3.6.1.4.1.1847.2021.1.1", 0),
    ("1.3.6.1.4.1.1847.2021.1.2", 1),
    ("1.3.6.1.4.1.1847.2021.1.3", 2),
    ("1.3.6.1.4.1.0.1847.2021.1.1", 0),
    ("1.3.6.1.4.1.0.1847.2021.1.2", 1),
    ("1.3.6.1.4.1.0.1847.2021.1.3", 2),
];

fn unix(d: Duration) -> UnixTime {
    UnixTime(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The key id of a DSC: SHA-256 of its DER, first 8 bytes.
pub fn kid_of(der: &[u8]) -> [u8; 8] {
    sha256_prefix(&[der])
}

/// The first `N` bytes (at most 32) of SHA-256 of `parts` one after
/// another: a DSC's key id (8), an EU revocation hash (16).
pub fn sha256_prefix<const N: usize>(parts: &[&[u8]]) -> [u8; N] {
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
    }
    let hash = h.finalize();
    let mut out = [0u8; N];
    for (o, b) in out.iter_mut().zip(hash.iter()) {
        *o = *b;
    }
    out
}

impl Dsc {
    /// Reads a DSC from DER.
    pub fn from_der(der: &[u8]) -> Result<Self, DscError> {
        let cert = Certificate::from_der(der).map_err(|e| DscError::Der(e.to_string()))?;
        let tbs = cert.tbs_certificate();
        let spki = tbs.subject_public_key_info();
        let key = if spki.algorithm.oid == EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve != Some(P256_CURVE) {
                return Err(DscError::KeyType(format!(
                    "EC on {}",
                    curve.map_or_else(|| "no curve".into(), |c| c.to_string())
                )));
            }
            let point = spki.subject_public_key.as_bytes().ok_or(DscError::Key)?;
            DscKey::P256(
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| DscError::Key)?,
            )
        } else if spki.algorithm.oid == RSA_ENCRYPTION || spki.algorithm.oid == RSA_PSS {
            let spki_der = spki.to_der().map_err(|_| DscError::Key)?;
            DscKey::Rsa(rsa::PublicKey::from_public_key_der(&spki_der).map_err(|_| DscError::Key)?)
        } else {
            return Err(DscError::KeyType(spki.algorithm.oid.to_string()));
        };
        let validity = tbs.validity();
        let country = tbs
            .subject()
            .iter()
            .find(|atv| atv.oid == COUNTRY)
            .and_then(|atv| {
                atv.value
                    .decode_as::<x509_cert::der::asn1::PrintableStringRef<'_>>()
                    .map(|s| s.as_str().to_string())
                    .or_else(|_| {
                        atv.value
                            .decode_as::<x509_cert::der::asn1::Utf8StringRef<'_>>()
                            .map(|s| s.as_str().to_string())
                    })
                    .ok()
            });
        let usage = match tbs.get_extension::<ExtendedKeyUsage>() {
            Ok(Some((_, eku))) => {
                let mut usage = Usage::default();
                let mut any_dcc = false;
                for oid in &eku.0 {
                    let text = oid.to_string();
                    for (known, kind) in USAGE_OIDS {
                        if text == known {
                            any_dcc = true;
                            match kind {
                                0 => usage.test = true,
                                1 => usage.vaccination = true,
                                _ => usage.recovery = true,
                            }
                        }
                    }
                }
                if any_dcc { usage } else { Usage::ANY }
            }
            Ok(None) => Usage::ANY,
            // A broken or repeated extended key usage limits the signer to
            // nothing a kiosk can tell: refuse the certificate.
            Err(e) => return Err(DscError::Der(format!("extended key usage: {e}"))),
        };
        Ok(Self {
            kid: kid_of(der),
            key,
            not_before: unix(validity.not_before.to_unix_duration()),
            not_after: unix(validity.not_after.to_unix_duration()),
            country,
            usage,
        })
    }

    /// Reads a DSC from DER, PEM (`-----BEGIN CERTIFICATE-----`), or base64
    /// DER text (as the gateway's trust list and the test data write it).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DscError> {
        if bytes.first() == Some(&0x30) {
            return Self::from_der(bytes);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| DscError::Encoding)?;
        Self::from_der(&der_of_text(text).ok_or(DscError::Encoding)?)
    }
}

/// The DER inside PEM or base64 text.
pub fn der_of_text(text: &str) -> Option<Vec<u8>> {
    let body: String = if let Some(start) = text.find("-----BEGIN CERTIFICATE-----") {
        let rest = text.get(start + "-----BEGIN CERTIFICATE-----".len()..)?;
        let end = rest.find("-----END CERTIFICATE-----")?;
        rest.get(..end)?.to_string()
    } else {
        text.to_string()
    };
    let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64ct::Base64::decode_vec(&clean).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_no_certificate() {
        assert!(matches!(
            Dsc::from_der(b"\x30\x03\x02\x01\x00"),
            Err(DscError::Der(_))
        ));
        assert!(matches!(
            Dsc::from_bytes(b"\xff\xfe"),
            Err(DscError::Encoding)
        ));
        assert!(matches!(
            Dsc::from_bytes(b"not base64!"),
            Err(DscError::Encoding)
        ));
        assert_eq!(kid_of(b"").len(), 8);
    }

    #[test]
    fn a_wrong_algorithm_or_shape_never_verifies() {
        let key = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap_or_else(|e| panic!("{e}"));
        let public = DscKey::P256(*key.verifying_key());
        let sig: p256::ecdsa::Signature = p256::ecdsa::signature::Signer::sign(&key, b"message");
        let raw = sig.to_bytes();
        assert!(public.verify(ES256, b"message", &raw));
        assert!(!public.verify(ES256, b"messagE", &raw));
        assert!(!public.verify(PS256, b"message", &raw));
        assert!(!public.verify(ES256, b"message", &sig.to_der().to_bytes()));
        assert!(!public.verify(ES256, b"message", &[0u8; 200]));
        assert!(!public.verify(ES256, b"message", &[]));
    }
}
