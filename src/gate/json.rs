//! The JSON object of one checked code: what `healthgate verify` prints a
//! line of and `healthgate serve` answers, the same for both.

use serde_json::{Value, json};

use super::Checked;
use crate::code::{DocumentType, Format};
use crate::time::UnixTime;

/// The JSON line for one checked code. Holds the masked name and ID tail only.
pub fn checked_json(checked: &Checked) -> Value {
    let c = checked.credential.as_ref();
    json!({
        "colour": checked.verdict.colour,
        "reasons": checked.verdict.reasons,
        "verified": checked.verified,
        "format": checked.format,
        "issuer": checked.issuer,
        "name": c.map(|c| &c.holder.masked_name),
        "id_tail": c.and_then(|c| c.holder.id_tail.as_deref()),
        "document": c.and_then(|c| c.holder.document).map(DocumentType::as_str),
        "code_colour": c.and_then(|c| c.status).map(|s| s.colour),
        "colour_since": c.and_then(|c| c.status).map(|s| s.since.to_string()),
        "test": c.and_then(|c| c.test).map(|t| json!({
            "sampled_at": t.sampled_at.to_string(),
            "result": t.result,
        })),
        // The year only: what the screen shows of a date of birth.
        "birth_year": c.and_then(|c| c.holder.birth_year()),
        "vaccination": c.and_then(|c| c.vaccination.as_ref()).map(|v| json!({
            "doses": v.doses,
            "series": v.series,
            "vaccine": v.vaccine,
            "last_dose": UnixTime::format_date_days(v.last_dose_day),
        })),
        "recovery": c.and_then(|c| c.recovery).map(|r| json!({
            "first_positive": UnixTime::format_date_days(r.first_positive_day),
            "valid_from": UnixTime::format_date_days(r.valid_from_day),
            "valid_until": UnixTime::format_date_days(r.valid_until_day),
        })),
        "language": c.and_then(|c| c.language.as_deref()),
        "issued_at": c.map(|c| c.issued_at.to_string()),
        "expires_at": c.and_then(|c| c.expires_at).map(|t| t.to_string()),
        // The rules that did not hold, each with its English description
        // (or its first, when it has none in English).
        "rules": checked.verdict.rules.iter().map(|r| json!({
            "id": r.id,
            "version": r.version,
            "type": r.kind,
            "country": r.country,
            "result": if r.open { "open" } else { "failed" },
            "description": r.description(&[]),
        })).collect::<Vec<_>>(),
        // Whether the holder's dynamic proof was part of the check: a
        // presented native code, yes; a credential alone (the service's
        // status check), no; other formats have none.
        "proof": match checked.format {
            Format::Hgc1 => Some(true),
            Format::Hgc1Credential => Some(false),
            _ => None,
        },
        "micros": checked.micros,
    })
}
