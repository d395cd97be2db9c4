//! Issuing EU DCC (`HC1:`) codes, as a member state's signer does: the
//! payload in a CWT, signed ES256 in a `COSE_Sign1` by a document signer
//! whose key id is that of its certificate, zlib, base45, `HC1:`. The demo
//! and the tests use it with the DEMO signer (`assets/demo/demo-dsc.*`); a
//! real signer's key never comes near a kiosk.

use std::io::Write as _;

use ciborium::Value;
use p256::ecdsa::signature::Signer as _;

use crate::code::base45;
use crate::code::dcc::{PREFIX, Sign1};
use crate::crypto::x509::{Dsc, DscError, der_of_text};
use crate::time::UnixTime;

/// Why a DCC could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum DccIssueError {
    #[error("the signer's key is not a P-256 private key in hex")]
    Key,
    #[error("the signer's certificate: {0}")]
    Certificate(#[from] DscError),
    #[error("the signer's key is not the key of its certificate")]
    KeyMismatch,
    #[error("the payload has no CBOR form: {0}")]
    Payload(String),
    #[error("cannot compress: {0}")]
    Compress(#[from] std::io::Error),
}

/// A document signer: its private key and its certificate.
#[derive(Debug, Clone)]
pub struct DccSigner {
    key: p256::ecdsa::SigningKey,
    der: Vec<u8>,
    dsc: Dsc,
}

impl DccSigner {
    /// A signer from its private scalar (hex) and its certificate (PEM,
    /// DER or base64 DER); the two must belong together.
    pub fn new(key_hex: &str, certificate: &[u8]) -> Result<Self, DccIssueError> {
        let mut scalar = vec![0u8; 64];
        let got = base16ct::mixed::decode(key_hex.trim(), &mut scalar)
            .map_err(|_| DccIssueError::Key)?
            .to_vec();
        // `openssl ec -text` may print a leading zero byte.
        let got = match got.as_slice() {
            [0, rest @ ..] if rest.len() == 32 => rest.to_vec(),
            _ => got,
        };
        let key = p256::ecdsa::SigningKey::from_slice(&got).map_err(|_| DccIssueError::Key)?;
        let der = if certificate.first() == Some(&0x30) {
            certificate.to_vec()
        } else {
            std::str::from_utf8(certificate)
                .ok()
                .and_then(der_of_text)
                .ok_or(DscError::Encoding)?
        };
        let dsc = Dsc::from_der(&der)?;
        if dsc.key != crate::crypto::x509::DscKey::P256(*key.verifying_key()) {
            return Err(DccIssueError::KeyMismatch);
        }
        Ok(Self { key, der, dsc })
    }

    /// The signer's certificate, as the kiosk trusts it.
    pub fn dsc(&self) -> &Dsc {
        &self.dsc
    }

    /// The certificate's DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.der
    }

    /// Signs `hcert` (the DCC payload as JSON) issued at `issued_at`,
    /// expiring at `expires_at`, by `country`: the `HC1:` text.
    pub fn issue(
        &self,
        hcert: &serde_json::Value,
        country: &str,
        issued_at: UnixTime,
        expires_at: UnixTime,
    ) -> Result<String, DccIssueError> {
        let payload =
            Value::serialized(hcert).map_err(|e| DccIssueError::Payload(e.to_string()))?;
        let cwt = Value::Map(vec![
            (Value::Integer(1.into()), Value::Text(country.to_string())),
            (
                Value::Integer(4.into()),
                Value::Integer(expires_at.0.into()),
            ),
            (Value::Integer(6.into()), Value::Integer(issued_at.0.into())),
            (
                Value::Integer((-260).into()),
                Value::Map(vec![(Value::Integer(1.into()), payload)]),
            ),
        ]);
        let protected = Value::Map(vec![
            (
                Value::Integer(1.into()),
                Value::Integer(crate::crypto::x509::ES256.into()),
            ),
            (
                Value::Integer(4.into()),
                Value::Bytes(self.dsc.kid.to_vec()),
            ),
        ]);
        let mut sign1 = Sign1 {
            protected: cbor(&protected),
            payload: cbor(&cwt),
            signature: Vec::new(),
            alg: Some(crate::crypto::x509::ES256),
            kid: Some(self.dsc.kid.to_vec()),
        };
        let signature: p256::ecdsa::Signature = self.key.sign(&sign1.signed_bytes());
        sign1.signature = signature.to_bytes().to_vec();
        let cose = Value::Tag(
            18,
            Box::new(Value::Array(vec![
                Value::Bytes(sign1.protected),
                Value::Map(Vec::new()),
                Value::Bytes(sign1.payload),
                Value::Bytes(sign1.signature),
            ])),
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&cbor(&cose))?;
        Ok(format!("{PREFIX}{}", base45::encode(&z.finish()?)))
    }
}

fn cbor(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = ciborium::ser::into_writer(v, &mut out);
    out
}
