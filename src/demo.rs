//! The DEMO authority. Its keys ship in `assets/demo/` and are public, so
//! nothing it signs may ever be trusted at a real door: kiosks trust it only
//! with `--demo` or `[trust] demo = true`, and say so on screen.

use crate::authority::dcc::{DccIssueError, DccSigner};
use crate::authority::shc::{ShcIssueError, ShcSigner};
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
const DSC_KEY: &str = include_str!("../assets/demo/demo-dsc.key");
const DSC: &str = include_str!("../assets/demo/demo-dsc.pem");
const SHC_KEY: &str = include_str!("../assets/demo/demo-shc.key");

/// The DEMO SMART Health Card issuer (`iss`; the `.invalid` domain exists
/// nowhere) and its name in the DEMO issuer directory.
pub const SHC_ISS: &str = "https://demo.healthgate.invalid/shc";
pub const SHC_NAME: &str = "HealthGate DEMO";

/// The country the DEMO document signer signs for (a code no state has).
pub const DCC_COUNTRY: &str = "XD";

/// The demo authority's signing key.
pub fn issuer_key() -> Result<IssuerKey, AuthorityError> {
    IssuerKey::from_pem(ISSUER_KEY)
}

/// The demo holder's device key.
pub fn device_key() -> Result<PrivateKey, KeyError> {
    PrivateKey::from_pem(DEVICE_KEY)
}

/// A trust list holding only the demo authority: its native issuer and
/// its EU DCC document signer.
pub fn trust_list() -> Result<TrustList, TrustError> {
    let mut list = TrustList::from_toml(TRUST)?;
    list.extend(&TrustList::from_bytes(DSC.as_bytes())?);
    let directory = shc_signer()
        .map_err(|e| TrustError::Json(e.to_string()))?
        .directory(SHC_NAME, &[]);
    list.extend(&TrustList::from_shc_directory(&directory.to_string())?);
    Ok(list)
}

/// The demo's SMART Health Card issuer.
pub fn shc_signer() -> Result<ShcSigner, ShcIssueError> {
    ShcSigner::new(SHC_ISS, SHC_KEY)
}

/// The FHIR bundle of a DEMO SMART Health Card for a fictional holder:
/// `doses` COVID-19 vaccinations (CVX 208), the last 40 days before `now`,
/// 28 days apart, and a negative PCR test `test_hours_ago` if given.
pub fn shc_bundle(
    family: &str,
    doses: u8,
    test_hours_ago: Option<i64>,
    now: UnixTime,
) -> serde_json::Value {
    use serde_json::json;
    let today = now.0.div_euclid(86_400);
    let mut entries = vec![json!({"fullUrl": "resource:0", "resource": {
        "resourceType": "Patient",
        "name": [{"family": family, "given": ["Demo"]}],
        "birthDate": "1975-03-08",
    }})];
    for dose in 0..doses {
        let day = today - 40 - 28 * i64::from(doses - 1 - dose);
        entries.push(json!({"fullUrl": format!("resource:{}", entries.len()), "resource": {
            "resourceType": "Immunization", "status": "completed",
            "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "208"}]},
            "patient": {"reference": "resource:0"},
            "occurrenceDateTime": UnixTime::format_date_days(day),
            "performer": [{"actor": {"display": "HealthGate DEMO clinic"}}],
        }}));
    }
    if let Some(hours) = test_hours_ago {
        entries.push(json!({"fullUrl": format!("resource:{}", entries.len()), "resource": {
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "94500-6"}]},
            "subject": {"reference": "resource:0"},
            "effectiveDateTime": now.plus(-hours * 3600).to_string(),
            "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "260415000"}]},
        }}));
    }
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
}

/// A DEMO SMART Health Card issued at `now` (valid a year), in `parts`
/// QR texts.
pub fn shc_card(
    family: &str,
    doses: u8,
    now: UnixTime,
    parts: usize,
) -> Result<Vec<String>, ShcIssueError> {
    let signer = shc_signer()?;
    let payload = signer.payload(
        &shc_bundle(family, doses, None, now),
        now.0,
        Some(now.0 + 365 * 86_400),
        None,
    );
    signer.issue(&payload, parts)
}

/// The demo's EU DCC document signer.
pub fn dcc_signer() -> Result<DccSigner, DccIssueError> {
    DccSigner::new(DSC_KEY, DSC.as_bytes())
}

/// The kinds of DEMO EU DCC the demo issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DccKind {
    /// Two doses of two, the last `days_ago`.
    Vaccinated { days_ago: i64 },
    /// One dose of two.
    Partly,
    /// A negative PCR test sampled `hours_ago`.
    Tested { hours_ago: i64 },
    /// A positive test.
    Positive,
    /// Recovered: first positive 30 days ago, valid for 180 days.
    Recovered,
}

/// The payload of a DEMO EU DCC (schema 1.3.0) for a fictional holder.
pub fn dcc_payload(kind: DccKind, family: &str, now: UnixTime) -> serde_json::Value {
    use serde_json::json;
    let day = |days_ago: i64| UnixTime::format_date_days(now.0.div_euclid(86_400) - days_ago);
    // One UVCI per kind and time of issue.
    let tag = match kind {
        DccKind::Vaccinated { .. } => "V2",
        DccKind::Partly => "V1",
        DccKind::Tested { .. } => "TN",
        DccKind::Positive => "TP",
        DccKind::Recovered => "R",
    };
    let common = |extra: serde_json::Value| {
        let mut entry = json!({
            "tg": "840539006", "co": DCC_COUNTRY, "is": "HealthGate DEMO",
            "ci": format!("URN:UVCI:01:XD:DEMO{tag}{}#0", now.0),
        });
        if let (Some(e), Some(x)) = (entry.as_object_mut(), extra.as_object()) {
            e.extend(x.clone());
        }
        json!([entry])
    };
    let test = |result: &str, hours_ago: i64| {
        common(json!({
            "tt": "LP6464-4", "nm": "DEMO PCR", "sc": now.plus(-hours_ago * 3600).to_string(),
            "tr": result, "tc": "DEMO test centre",
        }))
    };
    let vaccination = |dn: u8, days_ago: i64| {
        common(json!({
            "vp": "J07BX03", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
            "dn": dn, "sd": 2, "dt": day(days_ago),
        }))
    };
    let (key, entries) = match kind {
        DccKind::Vaccinated { days_ago } => ("v", vaccination(2, days_ago)),
        DccKind::Partly => ("v", vaccination(1, 20)),
        DccKind::Tested { hours_ago } => ("t", test("260415000", hours_ago)),
        DccKind::Positive => ("t", test("260373001", 5)),
        DccKind::Recovered => (
            "r",
            common(json!({"fr": day(30), "df": day(19), "du": day(-150)})),
        ),
    };
    let mut payload = json!({
        "ver": "1.3.0",
        "nam": {"fn": family, "fnt": "DEMO", "gn": "Demo", "gnt": "DEMO"},
        "dob": "1980-05-17",
    });
    if let Some(p) = payload.as_object_mut() {
        p.insert(key.to_string(), entries);
    }
    payload
}

/// A DEMO EU DCC issued at `now`, valid a year.
pub fn dcc_code(kind: DccKind, family: &str, now: UnixTime) -> Result<String, DccIssueError> {
    dcc_signer()?.issue(
        &dcc_payload(kind, family, now),
        DCC_COUNTRY,
        now,
        now.plus(365 * 86_400),
    )
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

/// What the kiosk's demo shows, round after round: [`scenes`], then an EU
/// DCC of the DEMO signer (a vaccination, green) and one issued 400 days
/// ago (expired, grey).
pub fn kiosk_scenes(now: UnixTime) -> Result<Vec<Scene>, AuthorityError> {
    let mut all = scenes(now)?;
    all.push(Scene {
        label: "an EU DCC (vaccination)",
        text: dcc_code(DccKind::Vaccinated { days_ago: 40 }, "Demo", now)?,
    });
    all.push(Scene {
        label: "an expired EU DCC",
        text: dcc_code(
            DccKind::Tested { hours_ago: 5 },
            "Demo",
            now.plus(-400 * 86_400),
        )?,
    });
    all.push(Scene {
        label: "a SMART Health Card",
        text: shc_card("Demo", 2, now, 1)?.concat(),
    });
    // A card printed in three parts, shown one after the other: the
    // kiosk gathers them and decides on the third.
    for (i, text) in shc_card("Demo", 2, now, 3)?.into_iter().enumerate() {
        all.push(Scene {
            label: [
                "a SMART Health Card, part 1 of 3",
                "part 2 of 3",
                "part 3 of 3",
            ]
            .get(i)
            .copied()
            .unwrap_or("a part"),
            text,
        });
    }
    Ok(all)
}
