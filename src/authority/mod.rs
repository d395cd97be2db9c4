//! What an issuing authority does, shared by `healthgate-authority`, the demo
//! and the tests: key files, holder records, issuing, presenting, drawing.

pub mod dcc;
pub mod shc;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use sm2::elliptic_curve::Generate;

use crate::code::native::{
    self, Claims, DecodeError, EncodeError, Payload, Presentation, SignedCredential,
};
use crate::code::trust::TrustList;
use crate::code::{DocumentType, TestRecord, TestResult, Vaccination};
use crate::crypto::{self, KeyError, PrivateKey, PublicKeyRef};
use crate::files::FileError;
pub use crate::files::{read_text, write_private};
use crate::time::UnixTime;
use crate::verdict::CodeColour;

/// What went wrong for the authority.
#[derive(Debug, thiserror::Error)]
pub enum AuthorityError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error("not a readable credential: {0}")]
    Decode(#[from] DecodeError),
    #[error(
        "no `{ISSUER_HEADER}: ...` line before the key: is this an issuer key from `keygen --kind issuer`?"
    )]
    NotIssuerKey,
    /// The holder record breaks a rule; the text says which.
    #[error("{0}")]
    Holder(String),
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    #[error("no `{}` line found", native::CREDENTIAL_PREFIX)]
    NoCredential,
    #[error("this device key is not the one the credential was issued to")]
    WrongDevice,
    #[error("the system random source failed: {0}")]
    Random(String),
    #[error("the text does not fit a QR code: {0}")]
    Qr(String),
    #[error("cannot draw the QR code: {0}")]
    Png(String),
    #[error(transparent)]
    Dcc(#[from] dcc::DccIssueError),
    #[error(transparent)]
    Shc(#[from] shc::ShcIssueError),
}

/// The header line in an issuer key file that names the issuer.
pub const ISSUER_HEADER: &str = "HealthGate-Issuer";

/// An issuer's signing key with its issuer id.
#[derive(Debug, Clone)]
pub struct IssuerKey {
    pub issuer: String,
    pub key: PrivateKey,
}

impl IssuerKey {
    /// Reads an issuer key file as `keygen --kind issuer` writes it.
    pub fn from_pem(text: &str) -> Result<Self, AuthorityError> {
        let issuer = crypto::pem_header(text, ISSUER_HEADER).ok_or(AuthorityError::NotIssuerKey)?;
        Ok(Self {
            issuer,
            key: PrivateKey::from_pem(text)?,
        })
    }

    /// The key file's text: explanatory header, then PKCS#8 PEM.
    pub fn to_pem(&self) -> Result<String, AuthorityError> {
        Ok(format!(
            "# HealthGate issuer signing key. SECRET: anyone who holds it can issue codes.\n# Keep it offline, readable by its owner only.\n{ISSUER_HEADER}: {}\nHealthGate-Key-Id: {}\n{}",
            self.issuer,
            self.key.public().key_id(),
            self.key.to_pem()?
        ))
    }
}

/// The kind of key pair `keygen` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Issuer,
    Device,
    Root,
}

/// Makes a key pair in `dir` and returns the files written. For an issuer
/// also a trust-list file holding its public key.
pub fn keygen(
    kind: KeyKind,
    issuer_id: &str,
    dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>, AuthorityError> {
    fs::create_dir_all(dir).map_err(|source| FileError::Create {
        path: dir.to_path_buf(),
        source,
    })?;
    let key = PrivateKey::generate()?;
    let public = key.public();
    let mut written = Vec::new();
    let mut write = |name: &str, text: String| -> Result<(), AuthorityError> {
        let path = dir.join(name);
        write_private(&path, &text, force)?;
        written.push(path);
        Ok(())
    };
    match kind {
        KeyKind::Issuer => {
            let probe = Claims {
                issuer: issuer_id.to_string(),
                ..demo_shape()
            };
            native::check_fields(&probe)?;
            let issuer = IssuerKey {
                issuer: issuer_id.to_string(),
                key,
            };
            write("issuer.key", issuer.to_pem()?)?;
            write("issuer.pub", public.to_pem()?)?;
            write(
                "trust.toml",
                format!(
                    "# HealthGate trust list: the issuer keys a kiosk accepts.\n# Use with `healthgate verify --trust FILE` or `[trust] file` in the kiosk config.\n\n{}",
                    TrustList::entry_toml(issuer_id, &public)
                ),
            )?;
        }
        KeyKind::Root => {
            write(
                "root.key",
                format!(
                    "# HealthGate root key: signs rule bundles. SECRET: whoever holds it decides what every kiosk trusts.\n# Keep it offline, readable by its owner only.\nHealthGate-Key-Id: {}\n{}",
                    public.key_id(),
                    key.to_pem()?
                ),
            )?;
            write("root.pub", public.to_pem()?)?;
            write(
                "root.hex",
                format!(
                    "{}\n",
                    base16ct::lower::encode_string(&public.to_compressed())
                ),
            )?;
        }
        KeyKind::Device => {
            write(
                "device.key",
                format!(
                    "# HealthGate holder device key. SECRET: it proves the code is shown by its holder.\n{}",
                    key.to_pem()?
                ),
            )?;
            write("device.pub", public.to_pem()?)?;
        }
    }
    Ok(written)
}

/// Claims with every field at a harmless value, for checks.
fn demo_shape() -> Claims {
    Claims {
        issuer: "X".into(),
        key_id: crypto::KeyId([0; 8]),
        id: [0; 16],
        colour: CodeColour::Green,
        colour_since: UnixTime(0),
        test: None,
        vaccination: None,
        language: None,
        issued_at: UnixTime(0),
        expires_at: UnixTime(1),
        masked_name: "X*".into(),
        id_tail: "0000".into(),
        document: DocumentType::IdCard,
    }
}

/// A commented holder record to start from.
pub const EXAMPLE_HOLDER: &str = include_str!("../../assets/demo/holder-example.toml");

/// The text of a TOML date-time or string; `what` names it in the error.
fn time_text<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<String, D::Error> {
    match toml::Value::deserialize(d)? {
        toml::Value::String(s) => Ok(s),
        toml::Value::Datetime(t) => Ok(t.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a {what}, found {other}"
        ))),
    }
}

/// A time in a holder record: a TOML date-time or a string.
fn time_field<'de, D: Deserializer<'de>>(d: D) -> Result<UnixTime, D::Error> {
    UnixTime::parse(&time_text(d, "time")?).map_err(serde::de::Error::custom)
}

fn opt_time_field<'de, D: Deserializer<'de>>(d: D) -> Result<Option<UnixTime>, D::Error> {
    time_field(d).map(Some)
}

fn date_field<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    UnixTime::parse_date_days(&time_text(d, "date")?).map_err(serde::de::Error::custom)
}

/// What the authority knows of one person. Only the masked name and the ID
/// tail ever leave it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolderRecord {
    pub name: String,
    pub id_number: String,
    pub document: DocumentType,
    pub colour: CodeColour,
    #[serde(default, deserialize_with = "opt_time_field")]
    pub colour_since: Option<UnixTime>,
    pub language: Option<String>,
    pub test: Option<HolderTest>,
    pub vaccination: Option<HolderVaccination>,
    /// Hours the credential lives, 1 to 24 (default 24).
    pub validity_hours: Option<u32>,
}

/// The last test in a holder record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolderTest {
    #[serde(deserialize_with = "time_field")]
    pub sampled_at: UnixTime,
    pub result: TestResult,
}

/// Vaccination in a holder record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolderVaccination {
    pub doses: u8,
    pub vaccine: String,
    #[serde(deserialize_with = "date_field")]
    pub last_dose: i64,
}

/// First character of the name and `*`.
pub fn mask_name(name: &str) -> Result<String, AuthorityError> {
    let first = name
        .trim()
        .chars()
        .next()
        .ok_or_else(|| AuthorityError::Holder("the holder's name is empty".into()))?;
    Ok(format!("{first}*"))
}

/// The last four letters or digits of an ID number (separators dropped).
/// Numbers shorter than six are refused, so the tail never is the whole number.
pub fn id_tail(id_number: &str) -> Result<String, AuthorityError> {
    let clean: Vec<char> = id_number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if clean.len() < 6 {
        return Err(AuthorityError::Holder(
            "the ID number must have at least 6 letters or digits".into(),
        ));
    }
    Ok(clean.iter().skip(clean.len() - 4).collect())
}

impl HolderRecord {
    /// Parses a holder record (TOML).
    pub fn from_toml(text: &str) -> Result<Self, AuthorityError> {
        Ok(toml::from_str(text)?)
    }

    /// Parses a holder record as one JSON object with the same fields (a
    /// line of `issue --batch`).
    pub fn from_json(text: &str) -> Result<Self, AuthorityError> {
        serde_json::from_str(text).map_err(|e| AuthorityError::Holder(e.to_string()))
    }
}

/// Issues a credential for `holder`, bound to the device key, at `now`.
pub fn issue(
    holder: &HolderRecord,
    issuer: &IssuerKey,
    device: &PublicKeyRef,
    now: UnixTime,
) -> Result<SignedCredential, AuthorityError> {
    let hours = holder.validity_hours.unwrap_or(24);
    if !(1..=24).contains(&hours) {
        return Err(AuthorityError::Holder(format!(
            "validity_hours is {hours}; it must be 1 to 24"
        )));
    }
    let id = <[u8; 16]>::try_generate().map_err(|e| AuthorityError::Random(e.to_string()))?;
    let claims = Claims {
        issuer: issuer.issuer.clone(),
        key_id: issuer.key.public().key_id(),
        id,
        colour: holder.colour,
        colour_since: holder.colour_since.unwrap_or(now),
        test: holder.test.as_ref().map(|t| TestRecord {
            sampled_at: UnixTime(t.sampled_at.0 - t.sampled_at.0.rem_euclid(60)),
            result: t.result,
        }),
        vaccination: holder.vaccination.as_ref().map(|v| Vaccination {
            doses: v.doses,
            vaccine: v.vaccine.clone(),
            last_dose_day: v.last_dose,
            series: None,
        }),
        language: holder.language.clone(),
        issued_at: now,
        expires_at: now.plus(i64::from(hours) * 3600),
        masked_name: mask_name(&holder.name)?,
        id_tail: id_tail(&holder.id_number)?,
        document: holder.document,
    };
    if claims.credential().has_fact_after(now) {
        return Err(AuthorityError::Holder(format!(
            "a date in the holder record (the test's sampled_at, colour_since or the last dose) is after the issue time {now}: a credential cannot attest what has not happened"
        )));
    }
    let payload = Payload {
        claims,
        device_key: device.to_compressed(),
    };
    Ok(SignedCredential::issue(&payload, &issuer.key)?)
}

/// Reads a credential file: comment lines, then the `HGC1C:` text.
pub fn read_credential(text: &str) -> Result<SignedCredential, AuthorityError> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(native::CREDENTIAL_PREFIX))
        .ok_or(AuthorityError::NoCredential)?;
    Ok(SignedCredential::from_text(line)?)
}

/// The credential file's text: a comment saying what it is, then the text.
pub fn credential_file(signed: &SignedCredential) -> Result<String, AuthorityError> {
    let payload = native::decode_payload(&signed.payload)?;
    let c = &payload.claims;
    Ok(format!(
        "# HealthGate credential of {} (ID ...{}), issued by {} at {}, valid until {}.\n# Show it at a kiosk with `healthgate-authority present`.\n{}\n",
        c.masked_name,
        c.id_tail,
        c.issuer,
        c.issued_at,
        c.expires_at,
        signed.to_text()?
    ))
}

/// The dynamic code at time `at`, after checking that the device key is the
/// one the credential was issued to.
pub fn present(
    signed: &SignedCredential,
    device: &PrivateKey,
    at: UnixTime,
) -> Result<Presentation, AuthorityError> {
    let payload = native::decode_payload(&signed.payload)?;
    if payload.device_key != device.public().to_compressed() {
        return Err(AuthorityError::WrongDevice);
    }
    Ok(signed.present(native::step_of(at), device)?)
}

/// The QR code of a code text at error correction M.
pub fn qr(text: &str) -> Result<qrcode::QrCode, AuthorityError> {
    qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
        .map_err(|e| AuthorityError::Qr(e.to_string()))
}

/// The QR version (1 to 40) of a QR code.
pub fn qr_version(code: &qrcode::QrCode) -> i16 {
    match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    }
}

/// A QR code as a grayscale PNG, `scale` pixels a module, 4 modules of quiet zone.
pub fn qr_png(code: &qrcode::QrCode, scale: usize) -> Result<Vec<u8>, AuthorityError> {
    let modules = code.width();
    let side = (modules + 8) * scale;
    let dark = code.to_colors();
    let mut pixels = vec![255u8; side * side];
    for (i, colour) in dark.iter().enumerate() {
        if *colour == qrcode::Color::Dark {
            let (mx, my) = (i % modules + 4, i / modules + 4);
            for y in my * scale..(my + 1) * scale {
                let row = y * side;
                if let Some(run) = pixels.get_mut(row + mx * scale..row + (mx + 1) * scale) {
                    run.fill(0);
                }
            }
        }
    }
    let mut out = Vec::new();
    let side32 = u32::try_from(side).map_err(|_| AuthorityError::Png("too large".into()))?;
    let mut encoder = png::Encoder::new(&mut out, side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let png = |e: png::EncodingError| AuthorityError::Png(e.to_string());
    let mut writer = encoder.write_header().map_err(png)?;
    writer.write_image_data(&pixels).map_err(png)?;
    writer.finish().map_err(png)?;
    Ok(out)
}

/// A QR code drawn with Unicode half blocks for a terminal.
pub fn qr_terminal(code: &qrcode::QrCode) -> String {
    code.render::<qrcode::render::unicode::Dense1x2>()
        .dark_color(qrcode::render::unicode::Dense1x2::Light)
        .light_color(qrcode::render::unicode::Dense1x2::Dark)
        .quiet_zone(true)
        .build()
}
