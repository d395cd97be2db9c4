//! The native `HealthGate` code, `HGC1:`. The specification is `docs/hgc1.md`;
//! this module follows it to the byte. [`verify()`] checks a presented code
//! against the trust list; [`Claims::credential`] maps its fields onto the
//! shared [`Credential`] model.
//!
//! - payload: a CBOR map with small integer keys (the credential);
//! - issued credential: CBOR `[payload: bstr, issuer_sig: bstr(64)]`, as
//!   text `HGC1C:` + base45;
//! - presented code: CBOR `[payload: bstr, issuer_sig: bstr(64), step: uint,
//!   device_sig: bstr(64)]`, as text `HGC1:` + base45.

mod verify;

use ciborium::Value;

pub use verify::{step_of, verify, verify_credential};

use super::{
    Credential, DocumentType, Format, Holder, LANGUAGES, Status, TestRecord, TestResult,
    Vaccination,
};
use crate::crypto::{self, KeyError, KeyId, PUBLIC_KEY_LEN, SIGNATURE_LEN};
use crate::time::UnixTime;
use crate::verdict::CodeColour;

/// Text prefix of a presented code.
pub const PREFIX: &str = "HGC1:";
/// Text prefix of an issued credential (no dynamic proof; never shown at a door).
pub const CREDENTIAL_PREFIX: &str = "HGC1C:";
/// The payload version this build reads and writes.
pub const VERSION: u64 = 1;
/// Longest life of a credential: 24 hours.
pub const MAX_LIFETIME_SECS: i64 = 24 * 3600;
/// Length of one time step of the dynamic proof.
pub const STEP_SECS: i64 = 30;
/// The longest text a QR code can hold (version 40, alphanumeric, level L).
pub const MAX_TEXT_LEN: usize = 4296;
/// Domain tag in front of the payload under the issuer's signature.
pub const CREDENTIAL_DOMAIN: &[u8] = b"HGC1/credential";
/// Domain tag in front of the proof under the device's signature.
pub const PROOF_DOMAIN: &[u8] = b"HGC1/proof";

/// Field limits, enforced both when issuing and when reading.
pub mod limits {
    /// Issuer id: 1 to 32 characters of `A-Z`, `0-9` and `-`.
    pub const ISSUER_MAX: usize = 32;
    /// Vaccine code: 1 to 16 printable ASCII characters.
    pub const VACCINE_MAX: usize = 16;
    /// ID tail: 1 to 4 characters of `A-Z`, `0-9`.
    pub const ID_TAIL_MAX: usize = 4;
    /// Doses: at most 9.
    pub const DOSES_MAX: u8 = 9;
}

/// Payload map keys.
mod key {
    pub const VERSION: u64 = 1;
    pub const ISSUER: u64 = 2;
    pub const KEY_ID: u64 = 3;
    pub const CREDENTIAL_ID: u64 = 4;
    pub const COLOUR: u64 = 5;
    pub const COLOUR_SINCE: u64 = 6;
    pub const TEST: u64 = 7;
    pub const VACCINATION: u64 = 8;
    pub const LANGUAGE: u64 = 9;
    pub const ISSUED_AT: u64 = 10;
    pub const EXPIRES_AT: u64 = 11;
    pub const DEVICE_KEY: u64 = 12;
    pub const NAME: u64 = 13;
    pub const ID_TAIL: u64 = 14;
    pub const DOCUMENT: u64 = 15;
}

/// Why a text could not be read as a native code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Structurally wrong; the text says what.
    #[error("malformed: {0}")]
    Malformed(String),
    /// A payload version this build does not read.
    #[error("payload version {0} is not read by this kiosk")]
    VersionUnsupported(u64),
}

/// Why a credential could not be issued or encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A field breaks a rule of `docs/hgc1.md`; the text says which.
    #[error("{0}")]
    Field(String),
    #[error("CBOR encoding failed: {0}")]
    Cbor(String),
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// Whether `text` is a presented native code of any version: `HGC1:`, or
/// `HGC2:` ... `HGC9:` of a later major version (which [`verify()`]
/// answers `version-unsupported`).
pub fn is_native(text: &str) -> bool {
    let b = text.as_bytes();
    text.starts_with(PREFIX)
        || b.len() > 5
            && b.starts_with(b"HGC")
            && b.get(3).is_some_and(u8::is_ascii_digit)
            && b.get(4) == Some(&b':')
}

fn malformed<T>(why: impl Into<String>) -> Result<T, DecodeError> {
    Err(DecodeError::Malformed(why.into()))
}

/// The fields of a native credential, exactly as `docs/hgc1.md` §2 has
/// them. It never holds more than the masked name and the ID tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub issuer: String,
    pub key_id: KeyId,
    /// Random identifier chosen by the issuer; used for overrides and replay.
    pub id: [u8; 16],
    pub colour: CodeColour,
    pub colour_since: UnixTime,
    pub test: Option<TestRecord>,
    pub vaccination: Option<Vaccination>,
    /// One of the 16 kiosk languages, when the holder chose one.
    pub language: Option<String>,
    pub issued_at: UnixTime,
    pub expires_at: UnixTime,
    /// First character of the name followed by `*`, e.g. `张*`.
    pub masked_name: String,
    /// The last (up to) four characters of the identity document number.
    pub id_tail: String,
    pub document: DocumentType,
}

impl Claims {
    /// The shared model of these claims.
    pub fn credential(&self) -> Credential {
        Credential {
            format: Format::Hgc1,
            issuer: self.issuer.clone(),
            id: self.id,
            revocation_keys: Vec::new(),
            issued_at: self.issued_at,
            expires_at: Some(self.expires_at),
            holder: Holder {
                masked_name: self.masked_name.clone(),
                id_tail: Some(self.id_tail.clone()),
                document: Some(self.document),
                birth_date: None,
            },
            language: self.language.clone(),
            status: Some(Status {
                colour: self.colour,
                since: self.colour_since,
            }),
            test: self.test,
            vaccination: self.vaccination.clone(),
            recovery: None,
        }
    }
}

/// The credential as the issuer signs it: the claims plus the holder's
/// device key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub claims: Claims,
    /// Compressed SEC1 SM2 public key of the holder's device.
    pub device_key: [u8; PUBLIC_KEY_LEN],
}

/// An issued credential: the payload bytes exactly as signed, and the
/// issuer's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCredential {
    pub payload: Vec<u8>,
    pub issuer_sig: [u8; SIGNATURE_LEN],
}

/// A presented code: the signed credential, the time step and the device's
/// signature over both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    pub credential: SignedCredential,
    pub step: u64,
    pub device_sig: [u8; SIGNATURE_LEN],
}

fn uint(v: u64) -> Value {
    Value::Integer(v.into())
}

fn time_value(t: UnixTime) -> Result<Value, EncodeError> {
    u64::try_from(t.0)
        .map(uint)
        .map_err(|_| EncodeError::Field(format!("time {t} is before 1970")))
}

fn document_code(d: DocumentType) -> u64 {
    match d {
        DocumentType::IdCard => 0,
        DocumentType::HkMacauTaiwanPermit => 1,
        DocumentType::Passport => 2,
        DocumentType::Military => 3,
    }
}

/// Checks the field rules of `docs/hgc1.md` §2 that a decoder also checks;
/// the error says which rule broke.
pub fn check_fields(c: &Claims) -> Result<(), EncodeError> {
    check_rules(c).map_err(EncodeError::Field)
}

fn check_rules(c: &Claims) -> Result<(), String> {
    if c.issuer.is_empty()
        || c.issuer.len() > limits::ISSUER_MAX
        || !c
            .issuer
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "issuer id `{}` must be 1 to {} characters of A-Z, 0-9 and -",
            c.issuer,
            limits::ISSUER_MAX
        ));
    }
    let mut name = c.masked_name.chars();
    match (name.next(), name.next(), name.next()) {
        (Some(first), Some('*'), None)
            if !first.is_control() && !first.is_whitespace() && first != '*' => {}
        _ => return Err("masked name must be one character followed by `*`".into()),
    }
    if c.id_tail.is_empty()
        || c.id_tail.len() > limits::ID_TAIL_MAX
        || !c
            .id_tail
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err("ID tail must be 1 to 4 characters of A-Z and 0-9".into());
    }
    if let Some(lang) = &c.language
        && !LANGUAGES.contains(&lang.as_str())
    {
        return Err(format!(
            "language `{lang}` is not one of the 16 kiosk languages"
        ));
    }
    if let Some(v) = &c.vaccination {
        if v.doses > limits::DOSES_MAX {
            return Err(format!("doses must be at most {}", limits::DOSES_MAX));
        }
        if v.vaccine.is_empty()
            || v.vaccine.len() > limits::VACCINE_MAX
            || !v.vaccine.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(format!(
                "vaccine code `{}` must be 1 to {} printable ASCII characters",
                v.vaccine,
                limits::VACCINE_MAX
            ));
        }
        if v.last_dose_day < 0 {
            return Err("last dose is before 1970".into());
        }
    }
    if let Some(t) = &c.test
        && (t.sampled_at.0 < 0 || t.sampled_at.0 % 60 != 0)
    {
        return Err("test sample time must be a whole minute after 1970".into());
    }
    if c.expires_at <= c.issued_at {
        return Err("expiry must come after issue".into());
    }
    Ok(())
}

/// Encodes a payload to its CBOR bytes, checking every field rule.
pub fn encode_payload(p: &Payload) -> Result<Vec<u8>, EncodeError> {
    let c = &p.claims;
    check_fields(c)?;
    let mut map = vec![
        (uint(key::VERSION), uint(VERSION)),
        (uint(key::ISSUER), Value::Text(c.issuer.clone())),
        (uint(key::KEY_ID), Value::Bytes(c.key_id.0.to_vec())),
        (uint(key::CREDENTIAL_ID), Value::Bytes(c.id.to_vec())),
        (uint(key::COLOUR), uint(u64::from(c.colour.wire()))),
        (uint(key::COLOUR_SINCE), time_value(c.colour_since)?),
    ];
    if let Some(t) = &c.test {
        let result = match t.result {
            TestResult::Negative => 0,
            TestResult::Positive => 1,
        };
        map.push((
            uint(key::TEST),
            Value::Array(vec![time_value(t.sampled_at)?, uint(result)]),
        ));
    }
    if let Some(v) = &c.vaccination {
        let day = u64::try_from(v.last_dose_day)
            .map_err(|_| EncodeError::Field("last dose is before 1970".into()))?;
        map.push((
            uint(key::VACCINATION),
            Value::Array(vec![
                uint(u64::from(v.doses)),
                Value::Text(v.vaccine.clone()),
                uint(day),
            ]),
        ));
    }
    if let Some(lang) = &c.language {
        map.push((uint(key::LANGUAGE), Value::Text(lang.clone())));
    }
    map.extend([
        (uint(key::ISSUED_AT), time_value(c.issued_at)?),
        (uint(key::EXPIRES_AT), time_value(c.expires_at)?),
        (uint(key::DEVICE_KEY), Value::Bytes(p.device_key.to_vec())),
        (uint(key::NAME), Value::Text(c.masked_name.clone())),
        (uint(key::ID_TAIL), Value::Text(c.id_tail.clone())),
        (uint(key::DOCUMENT), uint(document_code(c.document))),
    ]);
    to_cbor(&Value::Map(map))
}

fn to_cbor(v: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    ciborium::into_writer(v, &mut out).map_err(|e| EncodeError::Cbor(e.to_string()))?;
    Ok(out)
}

/// Parses exactly one CBOR item that fills `bytes`.
fn from_cbor(bytes: &[u8], what: &str) -> Result<Value, DecodeError> {
    let mut rest = bytes;
    let value: Value = match ciborium::from_reader(&mut rest) {
        Ok(v) => v,
        Err(e) => return malformed(format!("{what} is not CBOR: {e}")),
    };
    if !rest.is_empty() {
        return malformed(format!("{} bytes after the {what}", rest.len()));
    }
    Ok(value)
}

fn as_u64(v: &Value, what: &str) -> Result<u64, DecodeError> {
    match v {
        Value::Integer(i) => {
            u64::try_from(*i).or_else(|_| malformed(format!("{what} is negative")))
        }
        _ => malformed(format!("{what} is not an unsigned integer")),
    }
}

fn as_time(v: &Value, what: &str) -> Result<UnixTime, DecodeError> {
    let secs = as_u64(v, what)?;
    i64::try_from(secs)
        .map(UnixTime)
        .or_else(|_| malformed(format!("{what} is out of range")))
}

fn as_text<'a>(v: &'a Value, what: &str) -> Result<&'a str, DecodeError> {
    match v {
        Value::Text(t) => Ok(t),
        _ => malformed(format!("{what} is not text")),
    }
}

fn as_fixed_bytes<const N: usize>(v: &Value, what: &str) -> Result<[u8; N], DecodeError> {
    match v {
        Value::Bytes(b) => <[u8; N]>::try_from(b.as_slice())
            .or_else(|_| malformed(format!("{what} must be {N} bytes, not {}", b.len()))),
        _ => malformed(format!("{what} is not a byte string")),
    }
}

fn as_array<'a>(v: &'a Value, len: usize, what: &str) -> Result<&'a [Value], DecodeError> {
    match v {
        Value::Array(a) if a.len() == len => Ok(a),
        _ => malformed(format!("{what} is not an array of {len}")),
    }
}

/// Decodes and checks a payload. Unknown or repeated keys are malformed.
pub fn decode_payload(bytes: &[u8]) -> Result<Payload, DecodeError> {
    let Value::Map(entries) = from_cbor(bytes, "payload")? else {
        return malformed("payload is not a map");
    };
    let mut fields: [Option<&Value>; 16] = [None; 16];
    for (k, v) in &entries {
        let k = as_u64(k, "payload key")?;
        let slot = usize::try_from(k)
            .ok()
            .filter(|&k| k >= 1)
            .and_then(|k| fields.get_mut(k))
            .map_or_else(|| malformed(format!("unknown payload key {k}")), Ok)?;
        if slot.replace(v).is_some() {
            return malformed(format!("payload key {k} appears twice"));
        }
    }
    let field = |k: u64| -> Option<&Value> {
        usize::try_from(k)
            .ok()
            .and_then(|k| fields.get(k).copied().flatten())
    };
    let required = |k: u64, what: &str| -> Result<&Value, DecodeError> {
        field(k).map_or_else(|| malformed(format!("{what} is missing")), Ok)
    };

    let version = as_u64(required(key::VERSION, "version")?, "version")?;
    if version != VERSION {
        return Err(DecodeError::VersionUnsupported(version));
    }
    let colour_code = as_u64(required(key::COLOUR, "colour")?, "colour")?;
    let Some(colour) = CodeColour::from_wire(colour_code) else {
        return malformed(format!("colour {colour_code} is unknown"));
    };
    let document = match as_u64(required(key::DOCUMENT, "document type")?, "document type")? {
        n @ 0..=3 => DocumentType::ALL
            .get(usize::try_from(n).unwrap_or(0))
            .copied()
            .unwrap_or(DocumentType::IdCard),
        n => return malformed(format!("document type {n} is unknown")),
    };
    let test = match field(key::TEST) {
        None => None,
        Some(v) => {
            let a = as_array(v, 2, "test")?;
            let (Some(at), Some(result)) = (a.first(), a.get(1)) else {
                return malformed("test is incomplete");
            };
            let result = match as_u64(result, "test result")? {
                0 => TestResult::Negative,
                1 => TestResult::Positive,
                n => return malformed(format!("test result {n} is unknown")),
            };
            Some(TestRecord {
                sampled_at: as_time(at, "test sample time")?,
                result,
            })
        }
    };
    let vaccination = match field(key::VACCINATION) {
        None => None,
        Some(v) => {
            let a = as_array(v, 3, "vaccination")?;
            let (Some(doses), Some(vaccine), Some(day)) = (a.first(), a.get(1), a.get(2)) else {
                return malformed("vaccination is incomplete");
            };
            let doses = u8::try_from(as_u64(doses, "doses")?)
                .or_else(|_| malformed("doses out of range"))?;
            let day = as_u64(day, "last dose")?;
            Some(Vaccination {
                doses,
                vaccine: as_text(vaccine, "vaccine")?.to_string(),
                last_dose_day: i64::try_from(day)
                    .or_else(|_| malformed("last dose out of range"))?,
                series: None,
            })
        }
    };
    let language = match field(key::LANGUAGE) {
        None => None,
        Some(v) => Some(as_text(v, "language")?.to_string()),
    };
    let claims = Claims {
        issuer: as_text(required(key::ISSUER, "issuer")?, "issuer")?.to_string(),
        key_id: KeyId(as_fixed_bytes(required(key::KEY_ID, "key id")?, "key id")?),
        id: as_fixed_bytes(
            required(key::CREDENTIAL_ID, "credential id")?,
            "credential id",
        )?,
        colour,
        colour_since: as_time(required(key::COLOUR_SINCE, "colour since")?, "colour since")?,
        test,
        vaccination,
        language,
        issued_at: as_time(required(key::ISSUED_AT, "issued at")?, "issued at")?,
        expires_at: as_time(required(key::EXPIRES_AT, "expires at")?, "expires at")?,
        masked_name: as_text(required(key::NAME, "name")?, "name")?.to_string(),
        id_tail: as_text(required(key::ID_TAIL, "ID tail")?, "ID tail")?.to_string(),
        document,
    };
    check_rules(&claims).map_err(DecodeError::Malformed)?;
    let device_key = as_fixed_bytes(required(key::DEVICE_KEY, "device key")?, "device key")?;
    Ok(Payload { claims, device_key })
}

impl SignedCredential {
    /// Issues: encodes the payload and signs it with the issuer key.
    pub fn issue(payload: &Payload, issuer_key: &crypto::PrivateKey) -> Result<Self, EncodeError> {
        let bytes = encode_payload(payload)?;
        let issuer_sig = issuer_key.sign(CREDENTIAL_DOMAIN, &[&bytes])?;
        Ok(Self {
            payload: bytes,
            issuer_sig,
        })
    }

    /// SM3 over `payload || issuer_sig`: what the device signs.
    pub fn hash(&self) -> [u8; 32] {
        crypto::sm3(&[&self.payload, &self.issuer_sig])
    }

    /// The `HGC1C:` text.
    pub fn to_text(&self) -> Result<String, EncodeError> {
        let cbor = to_cbor(&Value::Array(vec![
            Value::Bytes(self.payload.clone()),
            Value::Bytes(self.issuer_sig.to_vec()),
        ]))?;
        Ok(format!(
            "{CREDENTIAL_PREFIX}{}",
            super::base45::encode(&cbor)
        ))
    }

    /// Reads an `HGC1C:` text.
    pub fn from_text(text: &str) -> Result<Self, DecodeError> {
        let body = text
            .trim()
            .strip_prefix(CREDENTIAL_PREFIX)
            .map_or_else(|| malformed(format!("not an {CREDENTIAL_PREFIX} text")), Ok)?;
        let bytes = super::base45::decode(body).map_or_else(|| malformed("not base45"), Ok)?;
        let v = from_cbor(&bytes, "credential")?;
        let a = as_array(&v, 2, "credential")?;
        let (Some(Value::Bytes(payload)), Some(sig)) = (a.first(), a.get(1)) else {
            return malformed("credential payload is not a byte string");
        };
        Ok(Self {
            payload: payload.clone(),
            issuer_sig: as_fixed_bytes(sig, "issuer signature")?,
        })
    }

    /// Makes the dynamic code for time step `step` with the device key.
    pub fn present(
        &self,
        step: u64,
        device_key: &crypto::PrivateKey,
    ) -> Result<Presentation, EncodeError> {
        let device_sig = device_key.sign(PROOF_DOMAIN, &[&self.hash(), &step.to_be_bytes()])?;
        Ok(Presentation {
            credential: self.clone(),
            step,
            device_sig,
        })
    }
}

impl Presentation {
    /// The CBOR bytes inside the base45 text.
    pub fn to_cbor(&self) -> Result<Vec<u8>, EncodeError> {
        to_cbor(&Value::Array(vec![
            Value::Bytes(self.credential.payload.clone()),
            Value::Bytes(self.credential.issuer_sig.to_vec()),
            uint(self.step),
            Value::Bytes(self.device_sig.to_vec()),
        ]))
    }

    /// The `HGC1:` text that goes into the QR code.
    pub fn to_text(&self) -> Result<String, EncodeError> {
        Ok(format!(
            "{PREFIX}{}",
            super::base45::encode(&self.to_cbor()?)
        ))
    }

    /// Reads the CBOR bytes of a presented code.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, DecodeError> {
        let v = from_cbor(bytes, "code")?;
        let a = as_array(&v, 4, "code")?;
        let (Some(Value::Bytes(payload)), Some(isig), Some(step), Some(dsig)) =
            (a.first(), a.get(1), a.get(2), a.get(3))
        else {
            return malformed("code payload is not a byte string");
        };
        Ok(Self {
            credential: SignedCredential {
                payload: payload.clone(),
                issuer_sig: as_fixed_bytes(isig, "issuer signature")?,
            },
            step: as_u64(step, "time step")?,
            device_sig: as_fixed_bytes(dsig, "device signature")?,
        })
    }

    /// Reads an `HGC1:` text.
    pub fn from_text(text: &str) -> Result<Self, DecodeError> {
        let body = text
            .strip_prefix(PREFIX)
            .map_or_else(|| malformed(format!("not an {PREFIX} text")), Ok)?;
        if text.len() > MAX_TEXT_LEN {
            return malformed("longer than any QR code can hold");
        }
        let bytes = super::base45::decode(body).map_or_else(|| malformed("not base45"), Ok)?;
        Self::from_cbor(&bytes)
    }
}
