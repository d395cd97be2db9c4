//! A card's FHIR R4 bundle mapped onto the one [`Credential`] model: the
//! patient (the first character of the family name, else of the first
//! given name, and the date of birth), the COVID-19 immunizations
//! (completed ones counted, the last one's date and vaccine code) and the
//! SARS-CoV-2 laboratory results (the latest with a result the kiosk can
//! read). A venue's "a negative test or a completed vaccination" means
//! COVID-19 for every format, so a flu shot or an HIV test never counts:
//! vaccines are taken by their CVX or SNOMED CT code, tests by their LOINC
//! code and their SNOMED CT result, each from the lists below. What else
//! the bundle holds is read past, and nothing of it is kept.

use serde_json::Value as Json;

use super::Card;
use crate::code::{Credential, Format, Holder, TestRecord, TestResult, Vaccination};
use crate::time::UnixTime;

/// SNOMED CT codes of a laboratory result, and what they mean here.
const NEGATIVE: [&str; 2] = ["260385009", "260415000"];
const POSITIVE: [&str; 2] = ["10828004", "260373001"];

const CVX: &str = "http://hl7.org/fhir/sid/cvx";
const SNOMED: &str = "http://snomed.info/sct";
const LOINC: &str = "http://loinc.org";

/// CVX codes of COVID-19 vaccines (CDC's CVX table, COVID-19 entries).
const COVID_CVX: [&str; 38] = [
    "207", "208", "210", "211", "212", "213", "217", "218", "219", "221", "225", "226", "227",
    "228", "229", "230", "300", "301", "302", "308", "309", "310", "311", "312", "500", "501",
    "502", "503", "504", "505", "506", "507", "508", "509", "510", "511", "512", "513",
];

/// SNOMED CT codes of COVID-19 vaccine products (Canadian edition, as SMART
/// Health Cards from Canada carry them).
const COVID_SNOMED: [&str; 8] = [
    "28531000087107",
    "28571000087109",
    "28581000087106",
    "28761000087108",
    "28951000087107",
    "29061000087103",
    "29171000087106",
    "30141000087107",
];

/// LOINC codes of SARS-CoV-2 tests (the VCI value set's common ones).
const SARS_COV_2_LOINC: [&str; 48] = [
    "94306-8", "94307-6", "94308-4", "94309-2", "94314-2", "94315-9", "94316-7", "94500-6",
    "94502-2", "94531-1", "94533-7", "94534-5", "94558-4", "94559-2", "94565-9", "94640-0",
    "94756-4", "94757-2", "94759-8", "94760-6", "94845-5", "95209-3", "95406-5", "95409-9",
    "95423-0", "95424-8", "95425-5", "95608-6", "96119-3", "96120-1", "96121-9", "96122-7",
    "96123-5", "96448-6", "96757-0", "96829-7", "96894-1", "96957-6", "96958-4", "96986-5",
    "97097-0", "97098-8", "98131-6", "98132-4", "98493-0", "98494-8", "98732-1", "98733-9",
];

/// The codings of a codeable concept at `pointer`.
fn codings<'a>(v: &'a Json, pointer: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    v.pointer(pointer)
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c.get("system")?.as_str()?, c.get("code")?.as_str()?)))
}

/// The COVID-19 vaccine code of an immunization, if it is one.
fn covid_vaccine(imm: &Json) -> Option<&str> {
    codings(imm, "/vaccineCode/coding").find_map(|(system, code)| {
        let covid = (system == CVX && COVID_CVX.contains(&code))
            || (system == SNOMED && COVID_SNOMED.contains(&code));
        covid.then_some(code)
    })
}

fn text<'a>(v: &'a Json, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Json::as_str)
}

/// The resources of a bundle.
fn resources(bundle: &Json) -> impl Iterator<Item = &Json> {
    bundle
        .get("entry")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("resource"))
}

fn of_type<'a>(bundle: &'a Json, kind: &'a str) -> impl Iterator<Item = &'a Json> {
    resources(bundle).filter(move |r| r.get("resourceType").and_then(Json::as_str) == Some(kind))
}

/// A FHIR date or date-time as days since 1970-01-01.
fn day(date: &str) -> Option<i64> {
    UnixTime::parse_date_days(date.get(..10).unwrap_or(date)).ok()
}

/// A FHIR date-time (or a date: its midnight UTC).
fn instant(date: &str) -> Option<UnixTime> {
    UnixTime::parse(date)
        .ok()
        .or_else(|| day(date).map(|d| UnixTime(d.saturating_mul(86_400))))
}

/// `X*` from the first family name, else the first given name.
pub fn masked_name(bundle: &Json) -> String {
    let first = of_type(bundle, "Patient")
        .filter_map(|p| p.get("name").and_then(Json::as_array))
        .flatten()
        .find_map(|n| {
            let first = |name: &str| name.trim().chars().find(|c| !c.is_whitespace());
            n.get("family")
                .and_then(Json::as_str)
                .and_then(first)
                .or_else(|| text(n, "/given/0").and_then(first))
        });
    match first {
        Some(c) => format!("{c}*"),
        None => "*".to_string(),
    }
}

fn vaccination(bundle: &Json) -> Option<Vaccination> {
    let mut doses: u8 = 0;
    let mut last: Option<(i64, String)> = None;
    for imm in of_type(bundle, "Immunization") {
        if text(imm, "/status") != Some("completed") {
            continue;
        }
        let Some(d) = text(imm, "/occurrenceDateTime").and_then(day) else {
            continue;
        };
        let Some(code) = covid_vaccine(imm) else {
            continue;
        };
        doses = doses.saturating_add(1);
        if last.as_ref().is_none_or(|(l, _)| d >= *l) {
            last = Some((d, code.to_string()));
        }
    }
    last.map(|(last_dose_day, vaccine)| Vaccination {
        doses,
        vaccine,
        last_dose_day,
        series: None,
    })
}

fn test(bundle: &Json) -> Option<TestRecord> {
    of_type(bundle, "Observation")
        .filter(|o| matches!(text(o, "/status"), Some("final" | "amended" | "corrected")))
        .filter_map(|o| {
            // A SARS-CoV-2 test, by its LOINC code.
            codings(o, "/code/coding")
                .find(|(system, code)| *system == LOINC && SARS_COV_2_LOINC.contains(code))?;
            let sampled_at = text(o, "/effectiveDateTime").and_then(instant)?;
            let result =
                codings(o, "/valueCodeableConcept/coding").find_map(|(system, code)| {
                    if system != SNOMED {
                        None
                    } else if NEGATIVE.contains(&code) {
                        Some(TestResult::Negative)
                    } else if POSITIVE.contains(&code) {
                        Some(TestResult::Positive)
                    } else {
                        None
                    }
                })?;
            Some(TestRecord { sampled_at, result })
        })
        .max_by_key(|t| t.sampled_at)
}

/// The credential a verified card stands for, from the issuer the
/// directory calls `issuer`. Its id is SHA-256 of the `iss` and the card's
/// `rid` (of its signature when it has none), cut to 128 bits.
pub fn credential(card: &Card, issuer: &str, signature: &[u8]) -> Credential {
    let id = match &card.rid {
        Some(rid) => {
            crate::crypto::x509::sha256_prefix(&[card.iss.as_bytes(), b"#", rid.as_bytes()])
        }
        None => crate::crypto::x509::sha256_prefix(&[card.iss.as_bytes(), b"#", signature]),
    };
    let birth_date = of_type(&card.bundle, "Patient")
        .find_map(|p| p.get("birthDate").and_then(Json::as_str))
        .map(str::to_string);
    Credential {
        format: Format::Shc,
        issuer: issuer.to_string(),
        id,
        revocation_keys: Vec::new(),
        issued_at: UnixTime(card.nbf),
        expires_at: card.exp.map(UnixTime),
        holder: Holder {
            masked_name: masked_name(&card.bundle),
            id_tail: None,
            document: None,
            birth_date,
        },
        language: None,
        status: None,
        test: test(&card.bundle),
        vaccination: vaccination(&card.bundle),
        recovery: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn immunizations_and_results_become_the_one_model() {
        let bundle = json!({"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Patient", "name": [{"family": "Anyperson", "given": ["John"]}], "birthDate": "1951-01-20"}},
            {"resource": {"resourceType": "Immunization", "status": "completed",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "207"}]},
                "occurrenceDateTime": "2021-01-01"}},
            {"resource": {"resourceType": "Immunization", "status": "completed",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "207"}]},
                "occurrenceDateTime": "2021-01-29"}},
            {"resource": {"resourceType": "Immunization", "status": "entered-in-error",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "207"}]}, "occurrenceDateTime": "2021-03-01"}},
            // A flu shot and an HIV test are not what a venue asks for.
            {"resource": {"resourceType": "Immunization", "status": "completed",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "141"}]},
                "occurrenceDateTime": "2021-06-01"}},
            {"resource": {"resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "75622-1"}]},
                "effectiveDateTime": "2021-05-17T10:00:00Z",
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "260385009"}]}}},
            {"resource": {"resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "94558-4"}]},
                "effectiveDateTime": "2021-02-17T10:00:00Z",
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "260385009"}]}}}
        ]});
        let card = Card {
            iss: "https://example.org".into(),
            nbf: 0,
            exp: None,
            types: vec![],
            bundle,
            rid: None,
        };
        let c = credential(&card, "Example", b"sig");
        assert_eq!(c.holder.masked_name, "A*");
        assert_eq!(c.holder.birth_year(), Some("1951"));
        let v = c.vaccination.unwrap_or_else(|| panic!("no vaccination"));
        assert_eq!((v.doses, v.vaccine.as_str()), (2, "207"));
        assert_eq!(UnixTime::format_date_days(v.last_dose_day), "2021-01-29");
        let t = c.test.unwrap_or_else(|| panic!("no test"));
        assert_eq!(t.result, TestResult::Negative);
        assert_eq!(t.sampled_at.to_string(), "2021-02-17T10:00:00Z");
    }
}
