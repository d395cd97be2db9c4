//! `healthgate verify`: one JSON line per code text.

use std::io::{BufRead, Write};
use std::time::Instant;

use serde_json::{Value, json};

use crate::code::{Credential, DocumentType};
use crate::time::UnixTime;
use crate::verify::{Options, Outcome, ReplayMemory};

use super::Loaded;

/// The JSON line for one outcome. Holds the masked name and ID tail only.
pub fn outcome_json(outcome: &Outcome, micros: u128) -> Value {
    let c: Option<&Credential> = outcome.credential.as_ref();
    json!({
        "colour": outcome.verdict.colour,
        "reasons": outcome.verdict.reasons,
        "format": outcome.format,
        "issuer": outcome.issuer,
        "name": c.map(|c| &c.masked_name),
        "id_tail": c.map(|c| &c.id_tail),
        "document": c.map(|c| document_name(c.document)),
        "code_colour": c.map(|c| c.colour),
        "colour_since": c.map(|c| c.colour_since.to_string()),
        "test": c.and_then(|c| c.test).map(|t| json!({
            "sampled_at": t.sampled_at.to_string(),
            "result": t.result,
        })),
        "vaccination": c.and_then(|c| c.vaccination.as_ref()).map(|v| json!({
            "doses": v.doses,
            "vaccine": v.vaccine,
            "last_dose": UnixTime::format_date_days(v.last_dose_day),
        })),
        "language": c.and_then(|c| c.language.as_deref()),
        "issued_at": c.map(|c| c.issued_at.to_string()),
        "expires_at": c.map(|c| c.expires_at.to_string()),
        "micros": micros,
    })
}

pub fn document_name(d: DocumentType) -> &'static str {
    match d {
        DocumentType::IdCard => "id-card",
        DocumentType::HkMacauTaiwanPermit => "hk-macau-taiwan-permit",
        DocumentType::Passport => "passport",
        DocumentType::Military => "military",
    }
}

/// Verifies `codes` (or stdin lines when `codes` is `["-"]` or empty) and
/// prints one JSON line each. Exit 0 when every input was green, 1 otherwise.
pub fn run(
    codes: &[String],
    loaded: &Loaded,
    venue: &str,
    now: Option<UnixTime>,
    options: &Options,
) -> i32 {
    let mut memory = ReplayMemory::new(options);
    let mut all_green = true;
    let mut count = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut check = |text: &str| -> bool {
        let now = now.unwrap_or_else(UnixTime::now);
        let start = Instant::now();
        let outcome = loaded.rules.check(text, venue, now, options, &memory);
        let micros = start.elapsed().as_micros();
        if let Some(p) = outcome.proof {
            memory.remember(p, now);
        }
        count += 1;
        all_green &= outcome.verdict.colour == crate::rules::Colour::Green;
        writeln!(out, "{}", outcome_json(&outcome, micros)).is_ok()
    };
    if codes.is_empty() || codes == ["-"] {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else {
                eprintln!("healthgate verify: stdin is not UTF-8 text; stopping");
                return 2;
            };
            if !line.trim().is_empty() && !check(&line) {
                return 2;
            }
        }
    } else {
        for code in codes {
            let path = std::path::Path::new(code);
            let is_image =
                path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["png", "jpg", "jpeg"].contains(&e.to_ascii_lowercase().as_str())
                }) && path.is_file();
            if is_image {
                match crate::scan::decode_file(path) {
                    Ok(texts) if texts.is_empty() => {
                        // No code in the picture: an unreadable code.
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
            } else if !check(code) {
                return 2;
            }
        }
    }
    if count == 0 {
        eprintln!("healthgate verify: no code given");
        return 2;
    }
    i32::from(!all_green)
}
