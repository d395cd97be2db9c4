//! JSON Web Keys (RFC 7517) as SMART Health Card issuers publish them:
//! public EC keys on P-256 for ES256, named by their RFC 7638 thumbprint.

use base64ct::{Base64UrlUnpadded, Encoding as _};
use serde_json::Value;
use sha2::Digest as _;

/// Why a JWK cannot be an issuer key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwkError {
    #[error("not an EC key on P-256 (kty EC, crv P-256)")]
    NotP256,
    #[error("it carries a private part (`d`); an issuer directory holds public keys only")]
    Private,
    #[error("x and y are not 32-byte base64url coordinates of a point on P-256")]
    Point,
    #[error("alg is not ES256, or use is not sig")]
    Use,
    #[error("its kid is not its thumbprint (RFC 7638)")]
    KidMismatch,
}

/// A public P-256 key and its thumbprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    pub key: p256::ecdsa::VerifyingKey,
    /// The RFC 7638 thumbprint, base64url: the `kid` a card names.
    pub thumbprint: String,
}

fn text<'a>(jwk: &'a Value, name: &str) -> Option<&'a str> {
    jwk.get(name).and_then(Value::as_str)
}

/// Reads a public ES256 key. Its `kid`, when given, must be its thumbprint.
pub fn p256(jwk: &Value) -> Result<Jwk, JwkError> {
    if text(jwk, "kty") != Some("EC") || text(jwk, "crv") != Some("P-256") {
        return Err(JwkError::NotP256);
    }
    if jwk.get("d").is_some() {
        return Err(JwkError::Private);
    }
    if text(jwk, "alg").is_some_and(|a| a != "ES256")
        || text(jwk, "use").is_some_and(|u| u != "sig")
    {
        return Err(JwkError::Use);
    }
    let (Some(x), Some(y)) = (text(jwk, "x"), text(jwk, "y")) else {
        return Err(JwkError::Point);
    };
    let coordinate = |c: &str| {
        Base64UrlUnpadded::decode_vec(c)
            .ok()
            .filter(|b| b.len() == 32)
    };
    let (Some(xb), Some(yb)) = (coordinate(x), coordinate(y)) else {
        return Err(JwkError::Point);
    };
    let mut sec1 = Vec::with_capacity(65);
    sec1.push(4);
    sec1.extend_from_slice(&xb);
    sec1.extend_from_slice(&yb);
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(|_| JwkError::Point)?;
    // RFC 7638: the required members in lexicographic order, no spaces,
    // the coordinates as given.
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    let thumbprint = Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(canonical.as_bytes()));
    if text(jwk, "kid").is_some_and(|k| k != thumbprint) {
        return Err(JwkError::KidMismatch);
    }
    Ok(Jwk { key, thumbprint })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7638's own example is RSA; this EC key and thumbprint are the
    /// SMART Health Cards spec examples' issuer key.
    #[test]
    fn the_spec_example_key_has_its_kid_as_thumbprint() {
        let jwk = serde_json::json!({
            "kty": "EC", "kid": "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s",
            "use": "sig", "alg": "ES256", "crv": "P-256",
            "x": "11XvRWy1I2S0EyJlyf_bWfw_TQ5CJJNLw78bHXNxcgw",
            "y": "eZXwxvO1hvCY0KucrPfKo7yAyMT6Ajc3N7OkAB6VYy8"
        });
        let key = p256(&jwk);
        assert_eq!(
            key.map(|k| k.thumbprint).as_deref(),
            Ok("3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s")
        );
        let mut private = jwk.clone();
        private["d"] = serde_json::json!("AAAA");
        assert_eq!(p256(&private), Err(JwkError::Private));
        let mut wrong = jwk.clone();
        wrong["kid"] = serde_json::json!("other");
        assert_eq!(p256(&wrong), Err(JwkError::KidMismatch));
        let mut rsa = jwk;
        rsa["kty"] = serde_json::json!("RSA");
        assert_eq!(p256(&rsa), Err(JwkError::NotP256));
    }
}
