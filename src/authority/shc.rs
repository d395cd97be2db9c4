//! Issuing SMART Health Cards (`shc:/`), as an issuer does: the payload
//! (`iss`, `nbf`, `exp`, `vc`) deflated raw, signed ES256 in a compact JWS
//! whose `kid` is the key's thumbprint, then the QR texts. The demo and the
//! tests use it with the DEMO issuer key (`assets/demo/demo-shc.key`); a
//! real issuer's key never comes near a kiosk.

use std::io::Write as _;

use base64ct::{Base64UrlUnpadded, Encoding as _};
use p256::ecdsa::signature::Signer as _;
use serde_json::{Value, json};

use crate::code::shc::to_chunks;
use crate::crypto::jwk;

/// Why a card could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum ShcIssueError {
    #[error("the issuer's key is not a P-256 private key in hex")]
    Key,
    #[error("cannot compress: {0}")]
    Compress(#[from] std::io::Error),
    #[error("the card cannot be cut into {0} chunks")]
    Chunks(usize),
}

/// Sets `key` in a JSON object.
fn set(object: &mut Value, key: &str, value: Value) {
    if let Some(o) = object.as_object_mut() {
        o.insert(key.to_string(), value);
    }
}

/// A SMART Health Card issuer: its `iss` and its private key.
#[derive(Debug, Clone)]
pub struct ShcSigner {
    key: p256::ecdsa::SigningKey,
    iss: String,
    jwk: Value,
    kid: String,
}

impl ShcSigner {
    /// An issuer `iss` signing with the P-256 scalar `key_hex`.
    pub fn new(iss: &str, key_hex: &str) -> Result<Self, ShcIssueError> {
        let mut scalar = [0u8; 32];
        base16ct::mixed::decode(key_hex.trim(), &mut scalar).map_err(|_| ShcIssueError::Key)?;
        let key = p256::ecdsa::SigningKey::from_slice(&scalar).map_err(|_| ShcIssueError::Key)?;
        let point = key.verifying_key().to_sec1_point(false);
        let (Some(x), Some(y)) = (point.x(), point.y()) else {
            return Err(ShcIssueError::Key);
        };
        let mut public = json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256",
            "x": Base64UrlUnpadded::encode_string(x),
            "y": Base64UrlUnpadded::encode_string(y),
        });
        let kid = jwk::p256(&public)
            .map_err(|_| ShcIssueError::Key)?
            .thumbprint;
        set(&mut public, "kid", json!(kid));
        Ok(Self {
            key,
            iss: iss.to_string(),
            jwk: public,
            kid,
        })
    }

    /// The issuer's `iss`.
    pub fn iss(&self) -> &str {
        &self.iss
    }

    /// The public key as a JWK, `kid` its thumbprint.
    pub fn jwk(&self) -> &Value {
        &self.jwk
    }

    /// The issuer directory that trusts this issuer as `name`, with a
    /// revocation list of `revoked` rids when there are any.
    pub fn directory(&self, name: &str, revoked: &[&str]) -> Value {
        let mut key = self.jwk.clone();
        let mut entry = json!({"issuer": {"iss": self.iss, "name": name}});
        if !revoked.is_empty() {
            set(&mut key, "crlVersion", json!(1));
            set(
                &mut entry,
                "crls",
                json!([{"kid": self.kid, "method": "rid", "ctr": 1, "rids": revoked}]),
            );
        }
        set(&mut entry, "keys", json!([key]));
        json!({"participating_issuers": [entry]})
    }

    /// The compact JWS of `payload`, with this header.
    pub fn jws_with_header(
        &self,
        header: &Value,
        payload: &Value,
    ) -> Result<String, ShcIssueError> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(payload.to_string().as_bytes())?;
        let deflated = z.finish()?;
        let input = format!(
            "{}.{}",
            Base64UrlUnpadded::encode_string(header.to_string().as_bytes()),
            Base64UrlUnpadded::encode_string(&deflated)
        );
        let signature: p256::ecdsa::Signature = self.key.sign(input.as_bytes());
        Ok(format!(
            "{input}.{}",
            Base64UrlUnpadded::encode_string(&signature.to_bytes())
        ))
    }

    /// The compact JWS of `payload`: header `alg` ES256, `zip` DEF, `kid`.
    pub fn jws(&self, payload: &Value) -> Result<String, ShcIssueError> {
        self.jws_with_header(
            &json!({"zip": "DEF", "alg": "ES256", "kid": self.kid}),
            payload,
        )
    }

    /// The payload of a card holding `bundle` (a FHIR bundle), valid from
    /// `nbf`, until `exp` if given, with revocation id `rid` if given.
    pub fn payload(&self, bundle: &Value, nbf: i64, exp: Option<i64>, rid: Option<&str>) -> Value {
        let mut vc = json!({
            "type": ["https://smarthealth.cards#health-card", "https://smarthealth.cards#immunization"],
            "credentialSubject": {"fhirVersion": "4.0.1", "fhirBundle": bundle},
        });
        if let Some(rid) = rid {
            set(&mut vc, "rid", json!(rid));
        }
        let mut p = json!({"iss": self.iss, "nbf": nbf, "vc": vc});
        if let Some(exp) = exp {
            set(&mut p, "exp", json!(exp));
        }
        p
    }

    /// The QR texts of a card: one, or `parts` chunks.
    pub fn issue(&self, payload: &Value, parts: usize) -> Result<Vec<String>, ShcIssueError> {
        to_chunks(&self.jws(payload)?, parts).ok_or(ShcIssueError::Chunks(parts))
    }
}
