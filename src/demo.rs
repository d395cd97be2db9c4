//! The DEMO authority. Its keys ship in `assets/demo/` and are public, so
//! nothing it signs may ever be trusted at a real door: kiosks trust it only
//! with `--demo` or `[trust] demo = true`, and say so on screen.

use crate::authority::{self, AuthorityError, HolderRecord, IssuerKey};
use crate::code::native::Presentation;
use crate::code::trust::{TrustError, TrustList};
use crate::code::{DocumentType, TestResult};
use crate::crypto::{KeyError, PrivateKey};
use crate::time::UnixTime;
use crate::verdict::CodeColour;

/// The demo issuer's id.
pub const ISSUER: &str = "DEMO-HEALTHGATE";

const ISSUER_KEY: &str = include_str!("../assets/demo/demo-issuer.key");
const DEVICE_KEY: &str = include_str!("../assets/demo/demo-device.key");
const TRUST: &str = include_str!("../assets/demo/demo-trust.toml");

/// The demo authority's signing key.
pub fn issuer_key() -> Result<IssuerKey, AuthorityError> {
    IssuerKey::from_pem(ISSUER_KEY)
}

/// The demo holder's device key.
pub fn device_key() -> Result<PrivateKey, KeyError> {
    PrivateKey::from_pem(DEVICE_KEY)
}

/// A trust list holding only the demo authority.
pub fn trust_list() -> Result<TrustList, TrustError> {
    TrustList::from_toml(TRUST)
}

/// A fictional demo holder.
pub fn holder(
    name: &str,
    colour: CodeColour,
    language: &str,
    tested_hours_ago: i64,
    now: UnixTime,
) -> HolderRecord {
    HolderRecord {
        name: name.into(),
        id_number: "DEMO00001234".into(),
        document: DocumentType::IdCard,
        colour,
        colour_since: Some(now.plus(-86_400)),
        language: Some(language.into()),
        test: Some(authority::HolderTest {
            sampled_at: now.plus(-tested_hours_ago * 3600),
            result: TestResult::Negative,
        }),
        vaccination: Some(authority::HolderVaccination {
            doses: 3,
            vaccine: "DEMO-VAX".into(),
            last_dose: now.0.div_euclid(86_400) - 300,
        }),
        validity_hours: Some(24),
    }
}

/// One scene of the demo: a label and the code text shown.
#[derive(Debug, Clone)]
pub struct Scene {
    pub label: &'static str,
    pub text: String,
}

/// The demo's scenes at `now`: green, yellow and red codes, the green one
/// shown again (a replay), and a forged one.
pub fn scenes(now: UnixTime) -> Result<Vec<Scene>, AuthorityError> {
    let issuer = issuer_key()?;
    let device = device_key()?;
    let code = |h: &HolderRecord| -> Result<Presentation, AuthorityError> {
        let signed = authority::issue(h, &issuer, &device.public(), now)?;
        authority::present(&signed, &device, now)
    };
    let green = code(&holder("张明华", CodeColour::Green, "zh-CN", 20, now))?;
    let yellow = code(&holder("Alex Morgan", CodeColour::Yellow, "en", 60, now))?;
    let red = code(&holder("ليلى حسن", CodeColour::Red, "ar", 100, now))?;
    let mut forged = green.clone();
    if let Some(b) = forged.credential.payload.last_mut() {
        // Change the document type: the issuer's signature no longer holds.
        *b ^= 0x01;
    }
    Ok(vec![
        Scene {
            label: "green code",
            text: green.to_text()?,
        },
        Scene {
            label: "yellow code",
            text: yellow.to_text()?,
        },
        Scene {
            label: "red code",
            text: red.to_text()?,
        },
        Scene {
            label: "the green code shown again (replay)",
            text: green.to_text()?,
        },
        Scene {
            label: "a forged code",
            text: forged.to_text()?,
        },
    ])
}
