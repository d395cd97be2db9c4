//! The CWT claims of a DCC and its payload (the `hcert`, as JSON), mapped
//! onto the one [`Credential`] model. What is kept of the person: the first
//! character of the family name (as written, `fn`, else the transliterated
//! `fnt`) and the date of birth; never the full name or the UVCI, which
//! only lends its hash to the credential id.

use ciborium::Value;
use serde_json::{Map, Number, Value as Json};

use crate::code::{Credential, Format, Holder, Recovery, TestRecord, TestResult, Vaccination};
use crate::time::UnixTime;

/// Why the CWT is not a DCC's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    #[error("the CWT is not a map of claims")]
    NotAMap,
    #[error("no hcert claim (-260, 1)")]
    NoHcert,
    #[error("the hcert holds CBOR that has no JSON form")]
    NotJson,
    #[error("a claim has the wrong type")]
    ClaimType,
}

/// The claims a DCC's CWT carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    /// 1: the issuing country.
    pub issuer: Option<String>,
    /// 6: issued at (Unix seconds).
    pub issued_at: Option<i64>,
    /// 4: expires at (Unix seconds).
    pub expires_at: Option<i64>,
    /// -260 / 1: the payload.
    pub hcert: Json,
}

/// The kind of certificate: which of `v`, `t`, `r` it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Vaccination,
    Test,
    Recovery,
}

impl Kind {
    /// The kind of a payload, when it holds exactly one entry.
    pub fn of(hcert: &Json) -> Option<Self> {
        let count = |k: &str| hcert.get(k).and_then(Json::as_array).map_or(0, Vec::len);
        match (count("v"), count("t"), count("r")) {
            (1, 0, 0) => Some(Self::Vaccination),
            (0, 1, 0) => Some(Self::Test),
            (0, 0, 1) => Some(Self::Recovery),
            _ => None,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Vaccination => "v",
            Self::Test => "t",
            Self::Recovery => "r",
        }
    }
}

fn integer(v: &Value) -> Option<i128> {
    match v {
        Value::Integer(i) => Some(i128::from(*i)),
        _ => None,
    }
}

/// CBOR into JSON: text-keyed maps, arrays, text, numbers, booleans and
/// null; a tag stands for what it wraps (dates are text or numbers). Byte
/// strings, non-text keys and non-finite floats have no JSON form.
pub fn to_json(v: &Value) -> Result<Json, ClaimsError> {
    Ok(match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Text(t) => Json::String(t.clone()),
        Value::Integer(i) => {
            let i = i128::from(*i);
            if let Ok(n) = i64::try_from(i) {
                Json::Number(n.into())
            } else {
                Json::Number(u64::try_from(i).map_err(|_| ClaimsError::NotJson)?.into())
            }
        }
        Value::Float(f) => Json::Number(Number::from_f64(*f).ok_or(ClaimsError::NotJson)?),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Value::Map(entries) => {
            let mut map = Map::new();
            for (k, v) in entries {
                let Value::Text(k) = k else {
                    return Err(ClaimsError::NotJson);
                };
                map.insert(k.clone(), to_json(v)?);
            }
            Json::Object(map)
        }
        Value::Tag(_, inner) => to_json(inner)?,
        _ => return Err(ClaimsError::NotJson),
    })
}

fn seconds(v: &Value) -> Result<i64, ClaimsError> {
    match v {
        Value::Integer(_) => integer(v)
            .and_then(|i| i64::try_from(i).ok())
            .ok_or(ClaimsError::ClaimType),
        // Some issuers wrote floats; whole seconds are what counts.
        #[allow(clippy::cast_possible_truncation)]
        Value::Float(f) if f.is_finite() && f.abs() < 1e15 => Ok(f.trunc() as i64),
        Value::Tag(1, inner) => seconds(inner),
        _ => Err(ClaimsError::ClaimType),
    }
}

/// The claims of a CWT's CBOR value.
pub fn claims(cwt: &Value) -> Result<Claims, ClaimsError> {
    let cwt = match cwt {
        Value::Tag(_, inner) => inner.as_ref(),
        v => v,
    };
    let Value::Map(entries) = cwt else {
        return Err(ClaimsError::NotAMap);
    };
    let claim = |label: i128| {
        entries
            .iter()
            .find(|(k, _)| integer(k) == Some(label))
            .map(|(_, v)| v)
    };
    let issuer = match claim(1) {
        None => None,
        Some(Value::Text(t)) => Some(t.clone()),
        Some(_) => return Err(ClaimsError::ClaimType),
    };
    let issued_at = claim(6).map(seconds).transpose()?;
    let expires_at = claim(4).map(seconds).transpose()?;
    let Some(Value::Map(hcert)) = claim(-260) else {
        return Err(ClaimsError::NoHcert);
    };
    let payload = hcert
        .iter()
        .find(|(k, _)| integer(k) == Some(1))
        .map(|(_, v)| v)
        .ok_or(ClaimsError::NoHcert)?;
    Ok(Claims {
        issuer,
        issued_at,
        expires_at,
        hcert: to_json(payload)?,
    })
}

fn text<'a>(v: &'a Json, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Json::as_str)
}

/// `X*` from the family name as written, else as transliterated.
pub fn masked_name(hcert: &Json) -> String {
    let nam = hcert.get("nam");
    let first = ["fn", "fnt"]
        .iter()
        .filter_map(|k| nam.and_then(|n| text(n, k)))
        .find_map(|name| name.trim().chars().find(|c| !c.is_whitespace()));
    match first {
        Some(c) => format!("{c}*"),
        None => "*".to_string(),
    }
}

/// What the EU business rules read of a verified DCC: the payload without
/// the person's names (no rule reads them), and the CWT's facts the rules'
/// `external` parameters carry. It lives for one check, in memory: never
/// shown, recorded or logged (it holds the UVCI, which invalidation rules
/// may read), and its `Debug` shows neither.
#[derive(Clone, PartialEq, Eq)]
pub struct RuleInput {
    /// The hcert, `nam` taken out.
    pub payload: Json,
    pub kind: Kind,
    /// The issuing country (the signer's).
    pub issuer_country: String,
    pub issued_at: Option<i64>,
    pub expires_at: Option<i64>,
    /// The COSE key id.
    pub kid: Vec<u8>,
}

impl std::fmt::Debug for RuleInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleInput")
            .field("kind", &self.kind)
            .field("issuer_country", &self.issuer_country)
            .finish_non_exhaustive()
    }
}

impl RuleInput {
    /// The rules' view of a DCC signed for `issuer_country` under `kid`.
    pub fn of(claims: &Claims, kind: Kind, issuer_country: &str, key_id: &[u8]) -> Self {
        let mut payload = claims.hcert.clone();
        if let Some(map) = payload.as_object_mut() {
            map.remove("nam");
        }
        Self {
            payload,
            kind,
            issuer_country: issuer_country.to_string(),
            issued_at: claims.issued_at,
            expires_at: claims.expires_at,
            kid: key_id.to_vec(),
        }
    }

    /// The payload's schema version (`ver`), e.g. `1.3.0`.
    pub fn version(&self) -> &str {
        text(&self.payload, "ver").unwrap_or_default()
    }
}

/// SHA-256 of `parts`, cut to 128 bits, as the EU DCC revocation lists
/// carry their hashes.
pub fn hash128(parts: &[&[u8]]) -> [u8; 16] {
    crate::crypto::x509::sha256_prefix(parts)
}

/// The credential id: the EU revocation hash `UCI`, SHA-256 of the UVCI
/// (`ci`, as written) cut to 128 bits. The UVCI itself is kept nowhere.
pub fn credential_id(uvci: &str) -> [u8; 16] {
    hash128(&[uvci.as_bytes()])
}

/// The other EU revocation hashes of a DCC: `COUNTRYCODEUCI` (the
/// certificate's country `co` and the UVCI) and `SIGNATURE` (the COSE
/// signature; of an ECDSA signature its `r` only).
pub fn revocation_keys(
    hcert: &Json,
    kind: Kind,
    alg: Option<i64>,
    signature: &[u8],
) -> Vec<[u8; 16]> {
    let entry = hcert.get(kind.key()).and_then(|e| e.get(0));
    let uvci = entry.and_then(|e| text(e, "ci")).unwrap_or_default();
    let country = entry.and_then(|e| text(e, "co")).unwrap_or_default();
    let signed = if alg == Some(crate::crypto::x509::ES256) {
        signature.get(..32).unwrap_or(signature)
    } else {
        signature
    };
    vec![
        hash128(&[country.as_bytes(), uvci.as_bytes()]),
        hash128(&[signed]),
    ]
}

/// SNOMED CT codes of a test result.
const NOT_DETECTED: &str = "260415000";
const DETECTED: &str = "260373001";

fn day(v: &Json, key: &str) -> Option<i64> {
    text(v, key).and_then(|d| UnixTime::parse_date_days(d.get(..10).unwrap_or(d)).ok())
}

/// The credential a verified DCC stands for.
pub fn credential(claims: &Claims, kind: Kind) -> Credential {
    let hcert = &claims.hcert;
    let entry = hcert
        .get(kind.key())
        .and_then(|e| e.get(0))
        .unwrap_or(&Json::Null);
    let test = (kind == Kind::Test)
        .then(|| {
            let sampled_at = text(entry, "sc").and_then(|t| UnixTime::parse(t).ok())?;
            let result = match text(entry, "tr")? {
                NOT_DETECTED => TestResult::Negative,
                DETECTED => TestResult::Positive,
                _ => return None,
            };
            Some(TestRecord { sampled_at, result })
        })
        .flatten();
    let small = |key: &str| {
        entry
            .get(key)
            .and_then(Json::as_u64)
            .map(|n| u8::try_from(n).unwrap_or(u8::MAX))
    };
    let vaccination = (kind == Kind::Vaccination)
        .then(|| {
            Some(Vaccination {
                doses: small("dn")?,
                vaccine: text(entry, "mp").unwrap_or_default().to_string(),
                last_dose_day: day(entry, "dt")?,
                series: small("sd"),
            })
        })
        .flatten();
    let recovery = (kind == Kind::Recovery)
        .then(|| {
            Some(Recovery {
                first_positive_day: day(entry, "fr")?,
                valid_from_day: day(entry, "df")?,
                valid_until_day: day(entry, "du")?,
            })
        })
        .flatten();
    let country = text(entry, "co");
    Credential {
        format: Format::Dcc,
        issuer: claims
            .issuer
            .as_deref()
            .or(country)
            .unwrap_or_default()
            .to_string(),
        id: credential_id(text(entry, "ci").unwrap_or_default()),
        revocation_keys: Vec::new(),
        issued_at: UnixTime(claims.issued_at.unwrap_or_default()),
        expires_at: claims.expires_at.map(UnixTime),
        holder: Holder {
            masked_name: masked_name(hcert),
            id_tail: None,
            document: None,
            birth_date: text(hcert, "dob").map(str::to_string),
        },
        language: None,
        status: None,
        test,
        vaccination,
        recovery,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_name_is_masked_from_the_family_name_as_written() {
        let p = json!({"nam": {"fn": "Ålund", "fnt": "ALUND"}});
        assert_eq!(masked_name(&p), "Å*");
        let p = json!({"nam": {"fnt": "MUSTERFRAU"}});
        assert_eq!(masked_name(&p), "M*");
        let p = json!({"nam": {"fn": "  ", "fnt": "X"}});
        assert_eq!(masked_name(&p), "X*");
        assert_eq!(masked_name(&json!({})), "*");
    }

    #[test]
    fn a_test_a_vaccination_and_a_recovery_map_onto_the_credential() {
        let claims = |hcert| Claims {
            issuer: Some("AT".into()),
            issued_at: Some(1_620_000_000),
            expires_at: Some(1_650_000_000),
            hcert,
        };
        let t = claims(json!({"dob": "1990", "nam": {"fnt": "A"}, "t": [{
            "sc": "2021-05-03T10:27:15Z", "tr": "260415000", "ci": "URN:UVCI:01:AT:X"}]}));
        let c = credential(&t, Kind::Test);
        assert_eq!(c.test.map(|t| t.result), Some(TestResult::Negative));
        assert_eq!(c.holder.birth_date.as_deref(), Some("1990"));
        assert_eq!(c.id, credential_id("URN:UVCI:01:AT:X"));
        let v =
            claims(json!({"v": [{"dn": 1, "sd": 2, "dt": "2021-05-29", "mp": "EU/1/20/1528"}]}));
        let c = credential(&v, Kind::Vaccination);
        let vac = c.vaccination.unwrap_or_else(|| panic!("no vaccination"));
        assert_eq!((vac.doses, vac.series), (1, Some(2)));
        let r =
            claims(json!({"r": [{"fr": "2021-04-01", "df": "2021-04-15", "du": "2021-10-01"}]}));
        assert!(credential(&r, Kind::Recovery).recovery.is_some());
        assert_eq!(Kind::of(&json!({"v": [{}], "t": [{}]})), None);
        assert_eq!(Kind::of(&json!({"r": [{}]})), Some(Kind::Recovery));
    }

    #[test]
    fn cbor_without_a_json_form_is_refused() {
        assert_eq!(to_json(&Value::Bytes(vec![1])), Err(ClaimsError::NotJson));
        assert_eq!(
            to_json(&Value::Map(vec![(Value::Integer(1.into()), Value::Null)])),
            Err(ClaimsError::NotJson)
        );
        assert_eq!(to_json(&Value::Float(f64::NAN)), Err(ClaimsError::NotJson));
        assert_eq!(
            to_json(&Value::Tag(
                0,
                Box::new(Value::Text("2021-01-01T00:00:00Z".into()))
            )),
            Ok(json!("2021-01-01T00:00:00Z"))
        );
    }
}
