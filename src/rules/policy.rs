//! Venue policies: CertLogic rules that turn a verified credential into the
//! venue's verdict, and the overrides and staleness that apply to every verdict.
//!
//! A rule is an EU DCC-style rule (`Identifier`, `Version`, `ValidFrom`,
//! `ValidTo`, `AffectedFields`, `Description`, `Logic`) plus an `Outcome`:
//! the colour and reason when its logic is not `true`. A venue profile names
//! the rules it applies. See `docs/bundle.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::code::{CodeColour, Credential, LANGUAGES, TestResult};
use crate::time::UnixTime;

use super::certlogic;
use super::{Colour, Reason};

/// A rule's description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    pub lang: String,
    pub desc: String,
}

/// What a failed rule means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// `yellow` or `red`.
    pub colour: String,
    /// One of the venue-policy reasons: `test-missing`, `test-too-old`,
    /// `test-positive`, `vaccination-incomplete`, `rule-failed`.
    pub reason: String,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Rule {
    pub identifier: String,
    pub version: String,
    pub valid_from: String,
    pub valid_to: String,
    pub affected_fields: Vec<String>,
    pub description: Vec<Description>,
    pub logic: Value,
    pub outcome: Outcome,
}

/// Rules and the venue profiles that use them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    pub rules: Vec<Rule>,
    /// Venue name to the identifiers of its rules.
    pub venues: BTreeMap<String, Vec<String>>,
}

/// A rule checked and ready: times parsed, outcome resolved.
#[derive(Debug, Clone, Copy)]
struct Checked {
    from: UnixTime,
    to: UnixTime,
    colour: Colour,
    reason: Reason,
}

fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

impl Rule {
    fn check(&self) -> Result<Checked, String> {
        let at = |what: &str| format!("rule {} {}: {what}", self.identifier, self.version);
        if self.identifier.is_empty() {
            return Err("a rule has an empty Identifier".into());
        }
        let from = UnixTime::parse(&self.valid_from).map_err(|e| at(&format!("ValidFrom {e}")))?;
        let to = UnixTime::parse(&self.valid_to).map_err(|e| at(&format!("ValidTo {e}")))?;
        if to <= from {
            return Err(at("ValidTo must come after ValidFrom"));
        }
        for lang in LANGUAGES {
            if !self
                .description
                .iter()
                .any(|d| d.lang == lang && !d.desc.trim().is_empty())
            {
                return Err(at(&format!(
                    "Description has no text in `{lang}` (all 16 languages are needed)"
                )));
            }
        }
        let colour = match self.outcome.colour.as_str() {
            "yellow" => Colour::Yellow,
            "red" => Colour::Red,
            other => {
                return Err(at(&format!(
                    "Outcome colour `{other}` must be yellow or red"
                )));
            }
        };
        let reason = Reason::from_key(&self.outcome.reason)
            .filter(|r| r.is_policy())
            .ok_or_else(|| {
                at(&format!(
                    "Outcome reason `{}` must be one of test-missing, test-too-old, test-positive, vaccination-incomplete, rule-failed",
                    self.outcome.reason
                ))
            })?;
        if let Err(e) = certlogic::validate(&self.logic) {
            return Err(at(&format!("Logic is not valid CertLogic: {e}")));
        }
        Ok(Checked {
            from,
            to,
            colour,
            reason,
        })
    }
}

impl Policies {
    /// Parses and checks the JSON form.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let p: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        p.validate()?;
        Ok(p)
    }

    /// The JSON form carried in a bundle.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Checks every rule, and that every venue names rules that exist.
    pub fn validate(&self) -> Result<(), String> {
        for r in &self.rules {
            r.check()?;
        }
        for (venue, ids) in &self.venues {
            for id in ids {
                if !self.rules.iter().any(|r| &r.identifier == id) {
                    return Err(format!(
                        "venue {venue} names rule {id}, which does not exist"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The venue names.
    pub fn venue_names(&self) -> impl Iterator<Item = &str> {
        self.venues.keys().map(String::as_str)
    }

    /// The version of rule `id` in force at `now`: the highest version valid then.
    fn in_force(&self, id: &str, now: UnixTime) -> Option<(&Rule, Checked)> {
        self.rules
            .iter()
            .filter(|r| r.identifier == id)
            .filter_map(|r| r.check().ok().map(|c| (r, c)))
            .filter(|(_, c)| c.from <= now && now < c.to)
            .max_by_key(|(r, _)| version_key(&r.version))
    }

    /// Applies the rules of `venue` to a credential at `now`: the colour they
    /// ask for (green when all hold) and their reasons. An unknown venue, or a
    /// rule that cannot be evaluated, gives `policy-error`.
    pub fn apply(
        &self,
        venue: &str,
        credential: &Credential,
        now: UnixTime,
    ) -> (Colour, Vec<Reason>) {
        let Some(ids) = self.venues.get(venue) else {
            return (Colour::Grey, vec![Reason::PolicyError]);
        };
        let data = rule_data(credential, now, venue);
        let mut colour = Colour::Green;
        let mut reasons = Vec::new();
        for id in ids {
            let Some((rule, checked)) = self.in_force(id, now) else {
                continue;
            };
            match certlogic::evaluate(&rule.logic, &data) {
                Ok(Value::Bool(true)) => {}
                Ok(Value::Bool(false)) => {
                    colour = colour.max(checked.colour);
                    reasons.push(checked.reason);
                }
                Ok(other) => {
                    tracing::warn!(rule = %id, "rule gave {other} instead of true or false");
                    colour = Colour::Grey;
                    reasons.push(Reason::PolicyError);
                }
                Err(e) => {
                    tracing::warn!(rule = %id, "rule failed: {e}");
                    colour = Colour::Grey;
                    reasons.push(Reason::PolicyError);
                }
            }
        }
        (colour, reasons)
    }
}

fn colour_name(c: CodeColour) -> &'static str {
    match c {
        CodeColour::Green => "green",
        CodeColour::Yellow => "yellow",
        CodeColour::Red => "red",
    }
}

/// The JSON document rules see: the credential (never a name or an ID) and
/// the external facts.
pub fn rule_data(c: &Credential, now: UnixTime, venue: &str) -> Value {
    json!({
        "payload": {
            "format": c.format.as_str(),
            "issuer": c.issuer,
            "colour": colour_name(c.colour),
            "colour_since": c.colour_since.to_string(),
            "issued_at": c.issued_at.to_string(),
            "expires_at": c.expires_at.to_string(),
            "document": c.document,
            "test": c.test.map(|t| json!({
                "sampled_at": t.sampled_at.to_string(),
                "result": match t.result { TestResult::Negative => "negative", TestResult::Positive => "positive" },
            })),
            "vaccination": c.vaccination.as_ref().map(|v| json!({
                "doses": v.doses,
                "vaccine": v.vaccine,
                "last_dose": UnixTime::format_date_days(v.last_dose_day),
            })),
        },
        "external": {
            "validationClock": now.to_string(),
            "venue": venue,
        }
    })
}
