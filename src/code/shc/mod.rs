//! SMART Health Cards: `shc:/` codes.
//!
//! `shc:/` + pairs of digits (each pair + 45 is one character) → a compact
//! JWS (header `alg` ES256, `zip` DEF, `kid`) → raw DEFLATE (at most
//! [`MAX_INFLATED`] bytes out) → the payload (`iss`, `nbf`, `exp`, `vc`
//! with its FHIR bundle). A card too large for one QR may come as chunks
//! `shc:/N/M/...`, assembled in order. The issuer and its key come from
//! the issuer directory in the trust list (never fetched at scan time);
//! the key is named by its JWK thumbprint, and its revocation list revokes
//! cards by `vc.rid`. See `docs/shc.md`.
//!
//! Each step is a function of its own ([`chunk`], [`assemble`],
//! [`parse_jws`], [`card`]) so a conformance suite can test them one by
//! one; [`verify`] runs them all, as the door does.

pub mod fhir;

use std::io::Read as _;

use base64ct::{Base64UrlUnpadded, Encoding as _};
use serde_json::Value as Json;

use crate::code::trust::{Lookup, PublicKey, TrustList};
use crate::code::{Format, Options, Verified};
use crate::crypto::x509::ES256;
use crate::time::UnixTime;
use crate::verdict::Reason;

/// The prefix of every chunk.
pub const PREFIX: &str = "shc:/";

/// The most a card's payload inflates to. A card in one QR is under
/// 3 `KiB` deflated and ten times that inflated at most; more is a
/// decompression bomb, refused before it is read.
pub const MAX_INFLATED: usize = 256 * 1024;

/// The most chunks one card may come in (the header's two digits).
pub const MAX_CHUNKS: usize = 99;

/// Why a text is not a readable SMART Health Card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("no `shc:/` prefix")]
    Prefix,
    #[error("the chunk header is not N/M/ with 1 <= N <= M <= {MAX_CHUNKS}")]
    ChunkHeader,
    #[error("a chunk is missing")]
    MissingChunk,
    #[error("a chunk appears twice, or chunks of different cards are mixed")]
    ChunkMix,
    #[error("not pairs of digits from 00 to 77")]
    Digits,
    #[error("not a compact JWS (three base64url parts)")]
    Jws,
    #[error("the JWS header is not alg ES256, zip DEF and a kid")]
    Header,
    #[error("the payload is not raw DEFLATE")]
    Deflate,
    #[error("the payload inflates past {MAX_INFLATED} bytes")]
    TooLarge,
    #[error("the payload is not a SMART Health Card")]
    Payload,
}

/// One QR's text: which chunk of how many, and its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// From 1.
    pub index: usize,
    pub total: usize,
    pub digits: &'a str,
}

fn small_number(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads one QR's text: `shc:/DIGITS` or `shc:/N/M/DIGITS`.
pub fn chunk(text: &str) -> Result<Chunk<'_>, DecodeError> {
    let rest = text
        .trim()
        .strip_prefix(PREFIX)
        .ok_or(DecodeError::Prefix)?;
    let mut parts = rest.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(digits), None, None, None) => Ok(Chunk {
            index: 1,
            total: 1,
            digits,
        }),
        (Some(n), Some(m), Some(digits), None) => match (small_number(n), small_number(m)) {
            (Some(index), Some(total)) if 1 <= index && index <= total && total <= MAX_CHUNKS => {
                Ok(Chunk {
                    index,
                    total,
                    digits,
                })
            }
            _ => Err(DecodeError::ChunkHeader),
        },
        _ => Err(DecodeError::ChunkHeader),
    }
}

/// The characters the digits stand for: each pair + 45.
pub fn digits_to_text(digits: &str) -> Result<String, DecodeError> {
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes.len().is_multiple_of(2) || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(DecodeError::Digits);
    }
    bytes
        .chunks_exact(2)
        .map(|pair| {
            let value = pair.iter().fold(0u8, |acc, d| {
                acc.saturating_mul(10).saturating_add(d - b'0')
            });
            // 77 + 45 is `z`, the last character a JWS has.
            if value > 77 {
                Err(DecodeError::Digits)
            } else {
                Ok(char::from(value + 45))
            }
        })
        .collect()
}

/// The digits of a text (a JWS): each character - 45 as two digits;
/// `None` for a character a JWS cannot hold (before `-` or after `z`).
pub fn text_to_digits(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        let v = u32::from(c).checked_sub(45).filter(|v| *v <= 77)?;
        out.push(char::from_digit(v / 10, 10)?);
        out.push(char::from_digit(v % 10, 10)?);
    }
    Some(out)
}

/// The QR texts of a JWS in `parts` chunks (one: `shc:/DIGITS`; more:
/// `shc:/N/M/DIGITS`, the JWS cut into nearly equal parts).
pub fn to_chunks(jws: &str, parts: usize) -> Option<Vec<String>> {
    let digits = text_to_digits(jws)?;
    if parts <= 1 {
        return Some(vec![format!("{PREFIX}{digits}")]);
    }
    if parts > MAX_CHUNKS {
        return None;
    }
    // Cut between characters (two digits each).
    let chars = digits.len() / 2;
    let per = chars.div_ceil(parts);
    (0..parts)
        .map(|i| {
            let from = (i * per).min(chars) * 2;
            let to = ((i + 1) * per).min(chars) * 2;
            digits
                .get(from..to)
                .map(|d| format!("{PREFIX}{}/{parts}/{d}", i + 1))
        })
        .collect()
}

/// The compact JWS of a card's chunks (one, or all of a chunked card, in
/// any order).
pub fn assemble(chunks: &[&str]) -> Result<String, DecodeError> {
    let parsed = chunks
        .iter()
        .map(|c| chunk(c))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(total) = parsed.first().map(|c| c.total) else {
        return Err(DecodeError::Digits);
    };
    if parsed.iter().any(|c| c.total != total) {
        return Err(DecodeError::ChunkMix);
    }
    let mut ordered: Vec<Option<&str>> = vec![None; total];
    for c in &parsed {
        let slot = ordered
            .get_mut(c.index - 1)
            .ok_or(DecodeError::ChunkHeader)?;
        if slot.replace(c.digits).is_some() {
            return Err(DecodeError::ChunkMix);
        }
    }
    let mut jws = String::new();
    for digits in ordered {
        jws.push_str(&digits_to_text(digits.ok_or(DecodeError::MissingChunk)?)?);
    }
    Ok(jws)
}

/// A compact JWS, its payload inflated. Its `Debug` shows the key id
/// only: the payload holds the person's name.
#[derive(Clone, PartialEq, Eq)]
pub struct Jws {
    pub kid: String,
    /// `BASE64URL(header) . BASE64URL(payload)`, as signed.
    pub signing_input: String,
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
}

fn inflate(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity((bytes.len() * 4).min(MAX_INFLATED + 1));
    let limit = u64::try_from(MAX_INFLATED + 1).unwrap_or(u64::MAX);
    flate2::read::DeflateDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|_| DecodeError::Deflate)?;
    if out.len() > MAX_INFLATED {
        return Err(DecodeError::TooLarge);
    }
    Ok(out)
}

/// Reads a compact JWS: three base64url parts; a header of `alg` ES256,
/// `zip` DEF and a `kid`; a raw DEFLATE payload.
pub fn parse_jws(jws: &str) -> Result<Jws, DecodeError> {
    let mut parts = jws.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DecodeError::Jws);
    };
    let decode = |part: &str| Base64UrlUnpadded::decode_vec(part).map_err(|_| DecodeError::Jws);
    let header: Json = serde_json::from_slice(&decode(h)?).map_err(|_| DecodeError::Header)?;
    let field = |name: &str| header.get(name).and_then(Json::as_str);
    let kid = match (field("alg"), field("zip"), field("kid")) {
        (Some("ES256"), Some("DEF"), Some(kid)) if !kid.is_empty() => kid.to_string(),
        _ => return Err(DecodeError::Header),
    };
    Ok(Jws {
        kid,
        signing_input: format!("{h}.{p}"),
        payload: inflate(&decode(p)?)?,
        signature: decode(s)?,
    })
}

impl std::fmt::Debug for Jws {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jws")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// What a card's payload says. Its `Debug` shows the issuer and times
/// only: the bundle holds the person's name, the `rid` names the card.
#[derive(Clone, PartialEq)]
pub struct Card {
    pub iss: String,
    /// Not valid before (Unix seconds).
    pub nbf: i64,
    pub exp: Option<i64>,
    /// `vc.type`.
    pub types: Vec<String>,
    /// `vc.credentialSubject.fhirBundle`.
    pub bundle: Json,
    /// `vc.rid`, the revocation id.
    pub rid: Option<String>,
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Card")
            .field("iss", &self.iss)
            .field("nbf", &self.nbf)
            .field("exp", &self.exp)
            .finish_non_exhaustive()
    }
}

fn seconds(v: &Json) -> Option<i64> {
    v.as_i64().or_else(|| {
        // Some issuers write fractions of seconds.
        #[allow(clippy::cast_possible_truncation)]
        v.as_f64()
            .filter(|f| f.is_finite() && f.abs() < 1e15)
            .map(|f| f.trunc() as i64)
    })
}

/// Reads the payload (JSON, nested at most as deep as `serde_json`
/// allows: deeper is refused, never a stack overflow).
pub fn card(payload: &[u8]) -> Result<Card, DecodeError> {
    let v: Json = serde_json::from_slice(payload).map_err(|_| DecodeError::Payload)?;
    let iss = v
        .get("iss")
        .and_then(Json::as_str)
        .ok_or(DecodeError::Payload)?;
    let nbf = v.get("nbf").and_then(seconds).ok_or(DecodeError::Payload)?;
    let exp = match v.get("exp") {
        None => None,
        Some(e) => Some(seconds(e).ok_or(DecodeError::Payload)?),
    };
    let vc = v.get("vc").ok_or(DecodeError::Payload)?;
    let types: Vec<String> = vc
        .get("type")
        .and_then(Json::as_array)
        .ok_or(DecodeError::Payload)?
        .iter()
        .map(|t| t.as_str().map(str::to_string))
        .collect::<Option<_>>()
        .ok_or(DecodeError::Payload)?;
    if !types
        .iter()
        .any(|t| t == "https://smarthealth.cards#health-card")
    {
        return Err(DecodeError::Payload);
    }
    let bundle = vc
        .pointer("/credentialSubject/fhirBundle")
        .filter(|b| b.get("resourceType").and_then(Json::as_str) == Some("Bundle"))
        .ok_or(DecodeError::Payload)?
        .clone();
    let rid = match vc.get("rid") {
        None => None,
        Some(r) => Some(r.as_str().ok_or(DecodeError::Payload)?.to_string()),
    };
    Ok(Card {
        iss: iss.to_string(),
        nbf,
        exp,
        types,
        bundle,
        rid,
    })
}

/// Every step but trust: the chunks of `text` (separated by white space)
/// assembled, the JWS read, the payload read.
pub fn decode(text: &str) -> Result<(Jws, Card), DecodeError> {
    let chunks: Vec<&str> = text.split_whitespace().collect();
    let jws = parse_jws(&assemble(&chunks)?)?;
    let card = card(&jws.payload)?;
    Ok((jws, card))
}

/// Checks a SMART Health Card: its chunks, the JWS, the issuer and key in
/// the trust list's issuer directory, the signature, `nbf` and `exp`, and
/// the key's revocation list. Pure: the time is passed in.
pub fn verify(text: &str, trust: &TrustList, now: UnixTime, options: &Options) -> Verified {
    let format = Format::Shc;
    let Ok((jws, card)) = decode(text) else {
        return Verified::unverified(format, Reason::Malformed);
    };
    // The `iss` of an issuer no directory lists is a stranger's text: it is
    // never kept (records, logs), so the verdict names no issuer.
    let mut out = Verified::unverified(format, Reason::IssuerUnknown);
    let key = match trust.lookup(format, &card.iss, jws.kid.as_bytes()) {
        Lookup::Found(k) => k,
        Lookup::UnknownIssuer => return out,
        Lookup::UnknownKey => {
            out.issuer = trust.keys().find_map(|k| match &k.key {
                PublicKey::Shc(shc) if k.format == format && k.issuer == card.iss => {
                    Some(shc.name.clone())
                }
                _ => None,
            });
            out.problems = vec![Reason::KeyUnknown];
            return out;
        }
    };
    let PublicKey::Shc(shc) = &key.key else {
        out.problems = vec![Reason::KeyUnknown];
        return out;
    };
    out.issuer = Some(shc.name.clone());
    // ES256 in a JWS is r || s, 64 bytes; a DER signature does not verify.
    if !shc
        .key
        .verify(ES256, jws.signing_input.as_bytes(), &jws.signature)
    {
        out.problems = vec![Reason::SignatureInvalid];
        return out;
    }
    let mut problems = Vec::new();
    if card.nbf > now.0.saturating_add(options.clock_skew_secs) {
        problems.push(Reason::CredentialNotYetValid);
    }
    if card.exp.is_some_and(|e| e <= now.0) {
        problems.push(Reason::CredentialExpired);
    }
    if let (Some(crl), Some(rid)) = (&shc.crl, &card.rid)
        && crl.revokes(rid, card.nbf)
    {
        problems.push(Reason::Revoked);
    }
    out.credential = Some(fhir::credential(&card, &shc.name, &jws.signature));
    out.problems = problems;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_read_and_assembled_in_order() {
        assert_eq!(chunk("HC1:1"), Err(DecodeError::Prefix));
        assert_eq!(
            chunk("shc:/2/3/5678"),
            Ok(Chunk {
                index: 2,
                total: 3,
                digits: "5678"
            })
        );
        assert_eq!(chunk("shc:/4/3/56"), Err(DecodeError::ChunkHeader));
        assert_eq!(chunk("shc:/0/3/56"), Err(DecodeError::ChunkHeader));
        assert_eq!(chunk("shc:/1/3/5/6"), Err(DecodeError::ChunkHeader));
        // "56" is `e` (56 + 45 = 101), "00" is `-`.
        assert_eq!(digits_to_text("5600").as_deref(), Ok("e-"));
        assert_eq!(digits_to_text("78"), Err(DecodeError::Digits));
        assert_eq!(digits_to_text("567"), Err(DecodeError::Digits));
        assert_eq!(digits_to_text(""), Err(DecodeError::Digits));
        assert_eq!(
            assemble(&["shc:/2/2/01", "shc:/1/2/00"]).as_deref(),
            Ok("-.")
        );
        assert_eq!(assemble(&["shc:/1/2/00"]), Err(DecodeError::MissingChunk));
        assert_eq!(
            assemble(&["shc:/1/2/00", "shc:/1/2/00"]),
            Err(DecodeError::ChunkMix)
        );
        assert_eq!(
            assemble(&["shc:/1/2/00", "shc:/2/3/00"]),
            Err(DecodeError::ChunkMix)
        );
    }

    #[test]
    fn a_deflate_bomb_is_refused_past_the_limit() {
        use std::io::Write as _;
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 10 << 20])
            .unwrap_or_else(|e| panic!("{e}"));
        let bomb = z.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(inflate(&bomb), Err(DecodeError::TooLarge));
        let header = Base64UrlUnpadded::encode_string(br#"{"alg":"ES256","zip":"DEF","kid":"k"}"#);
        let jws = format!("{header}.{}.AA", Base64UrlUnpadded::encode_string(&bomb));
        assert_eq!(parse_jws(&jws), Err(DecodeError::TooLarge));
    }

    #[test]
    fn another_algorithm_or_no_zip_is_a_broken_header() {
        for header in [
            r#"{"alg":"RS256","zip":"DEF","kid":"k"}"#,
            r#"{"alg":"ES256","kid":"k"}"#,
            r#"{"alg":"ES256","zip":"DEF"}"#,
            r#"{"alg":"ES256","zip":"DEF","kid":""}"#,
            "not json",
        ] {
            let jws = format!(
                "{}.AA.AA",
                Base64UrlUnpadded::encode_string(header.as_bytes())
            );
            assert_eq!(parse_jws(&jws), Err(DecodeError::Header), "{header}");
        }
        assert_eq!(parse_jws("a.b"), Err(DecodeError::Jws));
        assert_eq!(parse_jws("a.b.c.d"), Err(DecodeError::Jws));
    }
}
