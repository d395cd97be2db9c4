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

use crate::code::{Credential, DocumentType, LANGUAGES};
use crate::time::{TimeError, UnixTime};
use crate::verdict::{Colour, FailedRule, Reason, RuleKind};

use super::certlogic;

/// Why a policy document or one of its rules was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    #[error("{0}")]
    Json(String),
    #[error("a rule has an empty Identifier")]
    EmptyIdentifier,
    #[error("rule {rule}: {problem}")]
    Rule { rule: String, problem: RuleProblem },
    #[error("venue {venue} names rule {rule}, which does not exist")]
    UnknownRule { venue: String, rule: String },
}

/// What is wrong with one rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleProblem {
    #[error("ValidFrom {0}")]
    ValidFrom(TimeError),
    #[error("ValidTo {0}")]
    ValidTo(TimeError),
    #[error("ValidTo must come after ValidFrom")]
    Empty,
    #[error("Description has no text in `{0}` (all 16 languages are needed)")]
    Description(&'static str),
    #[error("Outcome colour `{0}` must be yellow or red")]
    Colour(Colour),
    #[error(
        "Outcome reason `{0}` must be one of test-missing, test-too-old, test-positive, vaccination-incomplete, rule-failed"
    )]
    Reason(Reason),
    #[error("Logic is not valid CertLogic: {0}")]
    Logic(String),
}

/// A rule's description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    pub lang: String,
    pub desc: String,
}

/// What a failed rule means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// `yellow` or `red`.
    pub colour: Colour,
    /// One of the venue-policy reasons: `test-missing`, `test-too-old`,
    /// `test-positive`, `vaccination-incomplete`, `rule-failed`.
    pub reason: Reason,
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

/// What a set of rules decided: the colour they ask for (green when all
/// hold), their reasons, and the rules that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub colour: Colour,
    pub reasons: Vec<Reason>,
    pub failed: Vec<FailedRule>,
}

impl Default for Applied {
    fn default() -> Self {
        Self {
            colour: Colour::Green,
            reasons: Vec::new(),
            failed: Vec::new(),
        }
    }
}

impl Applied {
    /// Adds what `other` decided.
    pub fn join(&mut self, other: Self) {
        self.colour = self.colour.max(other.colour);
        self.reasons.extend(other.reasons);
        self.failed.extend(other.failed);
    }
}

/// The kind of a JSON value (`a string`, `an object` ...), for logs that
/// must not quote it.
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A version's order: `1.10.0` after `1.9.0`.
pub fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

impl Rule {
    fn check(&self) -> Result<Checked, PolicyError> {
        let at = |problem: RuleProblem| PolicyError::Rule {
            rule: format!("{} {}", self.identifier, self.version),
            problem,
        };
        if self.identifier.is_empty() {
            return Err(PolicyError::EmptyIdentifier);
        }
        let from = UnixTime::parse(&self.valid_from).map_err(|e| at(RuleProblem::ValidFrom(e)))?;
        let to = UnixTime::parse(&self.valid_to).map_err(|e| at(RuleProblem::ValidTo(e)))?;
        if to <= from {
            return Err(at(RuleProblem::Empty));
        }
        for lang in LANGUAGES {
            if !self
                .description
                .iter()
                .any(|d| d.lang == lang && !d.desc.trim().is_empty())
            {
                return Err(at(RuleProblem::Description(lang)));
            }
        }
        let Outcome { colour, reason } = self.outcome;
        if !matches!(colour, Colour::Yellow | Colour::Red) {
            return Err(at(RuleProblem::Colour(colour)));
        }
        if !reason.is_policy() {
            return Err(at(RuleProblem::Reason(reason)));
        }
        if let Err(e) = certlogic::validate(&self.logic) {
            return Err(at(RuleProblem::Logic(e.to_string())));
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
    pub fn from_json(text: &str) -> Result<Self, PolicyError> {
        let p: Self = serde_json::from_str(text).map_err(|e| PolicyError::Json(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// The JSON form carried in a bundle.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Checks every rule, and that every venue names rules that exist.
    pub fn validate(&self) -> Result<(), PolicyError> {
        for r in &self.rules {
            r.check()?;
        }
        for (venue, ids) in &self.venues {
            for id in ids {
                if !self.rules.iter().any(|r| &r.identifier == id) {
                    return Err(PolicyError::UnknownRule {
                        venue: venue.clone(),
                        rule: id.clone(),
                    });
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

    /// Applies the rules of `venue` to a credential at `now`. An unknown
    /// venue, or a rule that cannot be evaluated, gives `policy-error`.
    pub fn apply(&self, venue: &str, credential: &Credential, now: UnixTime) -> Applied {
        let Some(ids) = self.venues.get(venue) else {
            return Applied {
                colour: Colour::Grey,
                reasons: vec![Reason::PolicyError],
                failed: Vec::new(),
            };
        };
        let data = rule_data(credential, now, venue);
        let mut applied = Applied::default();
        for id in ids {
            let Some((rule, checked)) = self.in_force(id, now) else {
                continue;
            };
            let (colour, reason, open) = match certlogic::evaluate(&rule.logic, &data) {
                Ok(Value::Bool(true)) => continue,
                Ok(Value::Bool(false)) => (checked.colour, checked.reason, false),
                Ok(other) => {
                    // The answer may quote the credential: only its kind is logged.
                    tracing::warn!(rule = %id, "rule gave {} instead of true or false", json_kind(&other));
                    (Colour::Grey, Reason::PolicyError, true)
                }
                Err(_) => {
                    // The error may quote the credential's data: not logged.
                    tracing::warn!(rule = %id, "rule could not be evaluated");
                    (Colour::Grey, Reason::PolicyError, true)
                }
            };
            applied.colour = applied.colour.max(colour);
            applied.reasons.push(reason);
            applied.failed.push(FailedRule {
                id: rule.identifier.clone(),
                version: rule.version.clone(),
                kind: RuleKind::Venue,
                country: None,
                open,
                descriptions: rule
                    .description
                    .iter()
                    .map(|d| (d.lang.clone(), d.desc.clone()))
                    .collect(),
            });
        }
        applied
    }
}

/// The JSON document rules see: the credential (never a name or an ID) and
/// the external facts. A part the credential's format does not have is
/// `null`.
pub fn rule_data(c: &Credential, now: UnixTime, venue: &str) -> Value {
    json!({
        "payload": {
            "format": c.format.as_str(),
            "issuer": c.issuer,
            "colour": c.status.map(|s| s.colour.as_str()),
            "colour_since": c.status.map(|s| s.since.to_string()),
            "issued_at": c.issued_at.to_string(),
            "expires_at": c.expires_at.map(|t| t.to_string()),
            "document": c.holder.document.map(DocumentType::as_str),
            "birth_date": c.holder.birth_date,
            "test": c.test.map(|t| json!({
                "sampled_at": t.sampled_at.to_string(),
                "result": t.result.as_str(),
            })),
            "vaccination": c.vaccination.as_ref().map(|v| json!({
                "doses": v.doses,
                "series": v.series,
                "vaccine": v.vaccine,
                "last_dose": UnixTime::format_date_days(v.last_dose_day),
            })),
            "recovery": c.recovery.map(|r| json!({
                "first_positive": UnixTime::format_date_days(r.first_positive_day),
                "valid_from": UnixTime::format_date_days(r.valid_from_day),
                "valid_until": UnixTime::format_date_days(r.valid_until_day),
            })),
        },
        "external": {
            "validationClock": now.to_string(),
            "venue": venue,
        }
    })
}
