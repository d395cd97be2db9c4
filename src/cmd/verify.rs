//! `healthgate verify`: one JSON line per code text, through the gate.

use std::io::Write;

use std::path::Path;

use serde_json::{Value, json};

use crate::code::DocumentType;
use crate::gate::{Checked, Gate};
use crate::time::UnixTime;
use crate::verdict::Colour;

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
        "micros": checked.micros,
    })
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["png", "jpg", "jpeg"].contains(&e.to_ascii_lowercase().as_str()))
        && path.is_file()
}

/// Verifies `codes` (or stdin lines when `codes` is `["-"]` or empty) and
/// prints one JSON line each: every line of stdin that is not blank is
/// answered, a line that is not UTF-8 with grey `malformed`. Exit 0 when
/// every input was green, 1 otherwise, 2 when the command could not run.
pub fn run(codes: &[String], gate: &Gate, now: Option<UnixTime>) -> i32 {
    let mut all_green = true;
    let mut count = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut check = |text: &str| -> bool {
        let checked = gate.check(text, now.unwrap_or_else(UnixTime::now));
        count += 1;
        all_green &= checked.verdict.colour == Colour::Green;
        writeln!(out, "{}", checked_json(&checked)).is_ok()
    };
    if codes.is_empty() || codes == ["-"] {
        match super::each_stdin_code(|text| check(&text)) {
            Ok(true) => {}
            Ok(false) => return 2,
            Err(e) => {
                eprintln!("healthgate verify: cannot read stdin: {e}");
                return 2;
            }
        }
    } else {
        for code in codes {
            let path = Path::new(code);
            if !is_image(path) {
                if !check(code) {
                    return 2;
                }
                continue;
            }
            match crate::scan::decode_file(path) {
                // No code in the picture: an unreadable code.
                Ok(texts) if texts.is_empty() => {
                    if !check("") {
                        return 2;
                    }
                }
                Ok(texts) => {
                    for t in texts {
                        if !check(&t) {
                            return 2;
                        }
                    }
                }
                Err(e) => {
                    eprintln!("healthgate verify: {}: {e}", path.display());
                    return 2;
                }
            }
        }
    }
    if count == 0 {
        eprintln!("healthgate verify: no code given");
        return 2;
    }
    i32::from(!all_green)
}

#[cfg(test)]
mod tests {
    use crate::cmd::line_text;

    #[test]
    fn every_line_but_a_blank_one_is_a_code() {
        assert_eq!(line_text(b"HGC1:ABC\r\n").as_deref(), Some("HGC1:ABC"));
        assert_eq!(line_text(b"\xff\xfe\n").as_deref(), Some(""));
        assert_eq!(line_text(b"  \n"), None);
        assert_eq!(line_text(b"last").as_deref(), Some("last"));
    }
}
