//! The EU Digital COVID Certificate and its successor in the WHO Global
//! Digital Health Certification Network: `HC1:` codes.
//!
//! `HC1:` + base45 → zlib (at most [`MAX_INFLATED`] bytes out) → `COSE_Sign1`
//! (ES256 or PS256) → CWT claims (1 issuing country, 4 expiry, 6 issued at,
//! -260/1 the payload) → the payload, checked against the DCC JSON schema
//! of its version. The signer is a document signer certificate (DSC) found
//! by its key id (the first 8 bytes of SHA-256 of its DER) in the trust
//! list; its validity must cover the issue time, and its extended key usage
//! must allow the certificate's type. See `docs/dcc.md`.
//!
//! Each step is a function of its own ([`unprefix`], [`inflate`],
//! [`decode_cose`], [`check_signature`] …) so a conformance suite can test
//! them one by one; [`verify`] runs them all, as the door does.

pub mod cose;
pub mod payload;
pub mod schema;

use std::io::Read as _;

use crate::code::trust::{Lookup, PublicKey, TrustList, TrustedKey};
use crate::code::{Format, Options, Verified, base45};
use crate::time::UnixTime;
use crate::verdict::Reason;

pub use cose::{CoseError, Sign1};
pub use payload::{Claims, ClaimsError, Kind, RuleInput};
pub use schema::SchemaError;

/// The prefix of a DCC code.
pub const PREFIX: &str = "HC1:";

/// The most a DCC inflates to. Real ones are under 2 `KiB`; more is a
/// decompression bomb, refused before it is read.
pub const MAX_INFLATED: usize = 64 * 1024;

/// Why a text is not a readable DCC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("no `HC1:` prefix")]
    Prefix,
    #[error("not base45")]
    Base45,
    #[error("not zlib-compressed")]
    Zlib,
    #[error("inflates past {MAX_INFLATED} bytes")]
    TooLarge,
    #[error("COSE: {0}")]
    Cose(#[from] CoseError),
    #[error("CWT: {0}")]
    Claims(#[from] ClaimsError),
}

/// A DCC, decoded but not yet trusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub sign1: Sign1,
    pub claims: Claims,
}

/// The base45 text after the prefix.
pub fn unprefix(text: &str) -> Result<&str, DecodeError> {
    text.trim().strip_prefix(PREFIX).ok_or(DecodeError::Prefix)
}

/// Inflates zlib data, refusing output past [`MAX_INFLATED`].
pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    // A zlib stream opens with a deflate method byte (CM = 8).
    if bytes.first().is_none_or(|b| b & 0x0f != 8) {
        return Err(DecodeError::Zlib);
    }
    let mut out = Vec::with_capacity((bytes.len() * 2).min(MAX_INFLATED + 1));
    let limit = u64::try_from(MAX_INFLATED + 1).unwrap_or(u64::MAX);
    let mut decoder = flate2::read::ZlibDecoder::new(bytes);
    (&mut decoder)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|_| DecodeError::Zlib)?;
    if out.len() > MAX_INFLATED {
        return Err(DecodeError::TooLarge);
    }
    // Nothing may follow the stream.
    if usize::try_from(decoder.total_in()).ok() != Some(bytes.len()) {
        return Err(DecodeError::Zlib);
    }
    Ok(out)
}

/// The `COSE_Sign1` and its claims, from the COSE bytes.
pub fn decode_cose(cose: &[u8]) -> Result<Decoded, DecodeError> {
    let sign1 = cose::parse(cose)?;
    let cwt = cose::cbor(&sign1.payload)?;
    let claims = payload::claims(&cwt)?;
    Ok(Decoded { sign1, claims })
}

/// Every decoding step from the code text.
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    let b45 = unprefix(text)?;
    let compressed = base45::decode(b45).ok_or(DecodeError::Base45)?;
    decode_cose(&inflate(&compressed)?)
}

/// Whether the DCC's signature verifies with a trusted key: the key must
/// be a document signer's, of the algorithm the protected header names.
pub fn check_signature(sign1: &Sign1, key: &TrustedKey) -> bool {
    let (PublicKey::Dsc { key, .. }, Some(alg)) = (&key.key, sign1.alg) else {
        return false;
    };
    key.verify(alg, &sign1.signed_bytes(), &sign1.signature)
}

/// The validity checks of a signed DCC at `now`: the DSC's validity covers
/// the issue time and the expiry, the clock lies between issue (less the
/// allowed skew) and expiry.
pub fn check_times(
    claims: &Claims,
    key: &TrustedKey,
    now: UnixTime,
    options: &Options,
) -> Vec<Reason> {
    let (Some(iat), Some(exp)) = (claims.issued_at, claims.expires_at) else {
        return vec![Reason::Malformed];
    };
    let mut problems = Vec::new();
    let covers = |t: i64| key.valid_at(UnixTime(t));
    if !covers(iat) || !covers(exp) {
        problems.push(Reason::KeyNotValid);
    }
    if now.0.saturating_add(options.clock_skew_secs) < iat {
        problems.push(Reason::CredentialNotYetValid);
    }
    if now.0 > exp {
        problems.push(Reason::CredentialExpired);
    }
    problems
}

/// Whether the DSC's extended key usage lets it sign this kind.
pub fn check_usage(key: &TrustedKey, kind: Kind) -> bool {
    match &key.key {
        PublicKey::Dsc { usage, .. } => match kind {
            Kind::Test => usage.test,
            Kind::Vaccination => usage.vaccination,
            Kind::Recovery => usage.recovery,
        },
        PublicKey::Sm2(_) | PublicKey::Shc(_) => false,
    }
}

/// Checks a DCC code: decoding, the signature of a trusted document signer,
/// its validity and key usage, the certificate's own validity and its
/// schema. Pure: the time is passed in.
pub fn verify(text: &str, trust: &TrustList, now: UnixTime, options: &Options) -> Verified {
    let format = Format::Dcc;
    let decoded = match decode(text) {
        Ok(d) => d,
        Err(DecodeError::Prefix) => return Verified::unverified(format, Reason::FormatUnsupported),
        Err(_) => return Verified::unverified(format, Reason::Malformed),
    };
    let mut out = Verified::unverified(format, Reason::KeyUnknown);
    // The country the code claims, kept only when it is a country code
    // (ISO 3166 alpha-2 or -3; it is shown and recorded before any
    // signature holds).
    let claimed = decoded
        .claims
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|c| (2..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    out.issuer.clone_from(&claimed);
    let Some(key_id) = decoded.sign1.kid.as_deref() else {
        return out;
    };
    // The signer of the claimed country first; a DSC trusted for another
    // country may not sign for this one.
    let key = match claimed.as_deref().map(|c| trust.lookup(format, c, key_id)) {
        Some(Lookup::Found(k)) => Some(k),
        _ => trust.lookup_kid(format, key_id),
    };
    let Some(key) = key else {
        return out;
    };
    if !key.issuer.is_empty() {
        // A claim of another country than the signer's is refused; a claim
        // that is no country code (some issuers wrote their ministry's
        // name) is read past, and the signer's country stands.
        if claimed.as_deref().is_some_and(|c| c != key.issuer) {
            return out;
        }
        out.issuer = Some(key.issuer.clone());
    }
    if !check_signature(&decoded.sign1, key) {
        out.problems = vec![Reason::SignatureInvalid];
        return out;
    }
    let mut problems = check_times(&decoded.claims, key, now, options);
    let kind = Kind::of(&decoded.claims.hcert);
    if schema::check(&decoded.claims.hcert).is_err() {
        problems.push(Reason::SchemaInvalid);
    }
    match kind {
        Some(kind) => {
            if !check_usage(key, kind) {
                problems.push(Reason::KeyUsageInvalid);
            }
            let mut credential = payload::credential(&decoded.claims, kind);
            credential.revocation_keys = payload::revocation_keys(
                &decoded.claims.hcert,
                kind,
                decoded.sign1.alg,
                &decoded.sign1.signature,
            );
            if let Some(issuer) = &out.issuer {
                credential.issuer.clone_from(issuer);
            }
            // The issuing country as checked above (the signer's, else a
            // claim that is a country code), never the payload's own text.
            out.rule_input = Some(RuleInput::of(
                &decoded.claims,
                kind,
                out.issuer.as_deref().unwrap_or_default(),
                key_id,
            ));
            out.credential = Some(credential);
        }
        None => {
            if !problems.contains(&Reason::SchemaInvalid) {
                problems.push(Reason::SchemaInvalid);
            }
        }
    }
    problems.dedup();
    out.problems = problems;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zlib_bomb_is_refused_past_the_limit() {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 10 << 20])
            .unwrap_or_else(|e| panic!("{e}"));
        let bomb = z.finish().unwrap_or_else(|e| panic!("{e}"));
        assert!(bomb.len() < 20_000);
        assert_eq!(inflate(&bomb), Err(DecodeError::TooLarge));
        let text = format!("{PREFIX}{}", base45::encode(&bomb));
        assert_eq!(decode(&text), Err(DecodeError::TooLarge));
        let v = verify(
            &text,
            &TrustList::default(),
            UnixTime(0),
            &Options::default(),
        );
        assert_eq!(v.problems, [Reason::Malformed]);
    }

    #[test]
    fn each_broken_layer_is_malformed() {
        assert_eq!(unprefix("HC2:ABC"), Err(DecodeError::Prefix));
        assert_eq!(decode("HC1:%%%"), Err(DecodeError::Base45));
        assert_eq!(
            decode(&format!("HC1:{}", base45::encode(b"raw"))),
            Err(DecodeError::Zlib)
        );
        assert_eq!(inflate(&[0x78, 0x9c, 1, 2, 3]), Err(DecodeError::Zlib));
        // A good stream with bytes after it.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, b"payload").unwrap_or_else(|e| panic!("{e}"));
        let mut stream = z.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(inflate(&stream).as_deref(), Ok(&b"payload"[..]));
        stream.extend_from_slice(b"extra");
        assert_eq!(inflate(&stream), Err(DecodeError::Zlib));
    }
}
