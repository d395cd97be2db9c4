//! EU DCC country rules: the member states' business rules in the DCC
//! Gateway's rule format, and the value sets they read, applied to a
//! verified DCC as the EU's verifier apps apply them.
//!
//! - **Which rules:** the `Acceptance` rules of the venue's country and the
//!   `Invalidation` rules of the issuing country; of those, the ones for
//!   the certificate's type (or `General`), valid at the time of the check
//!   (`ValidFrom <= now < ValidTo`) and with no `Region`; of each
//!   `Identifier`, the highest `Version` valid then.
//! - **What they read:** `{"payload": <the hcert without names>,
//!   "external": {"validationClock", "valueSets", "countryCode", "exp",
//!   "iat", "issuerCountryCode", "kid", "region"}}`.
//! - **What comes of it:** `true` passes; `false` fails the rule (red
//!   `rule-failed`, the rule named); an error, an answer that is not a
//!   boolean, an engine other than CertLogic 0.x/1.x or a rule written for
//!   a later schema version than the certificate's is *open* (grey
//!   `policy-error`, the rule named): the kiosk cannot say the certificate
//!   holds.
//!
//! See `docs/dcc.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::certlogic;
use super::policy::{Applied, Description, json_kind, version_key};
use crate::code::dcc::{Kind, RuleInput};
use crate::time::{TimeError, UnixTime};
use crate::verdict::{Colour, FailedRule, Reason, RuleKind};

/// `Type`: whose rule and what for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleType {
    /// The venue's (arrival) country: what it accepts.
    Acceptance,
    /// The issuing country: which of its certificates no longer count.
    Invalidation,
}

/// `CertificateType`: the certificates a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateType {
    General,
    Vaccination,
    Test,
    Recovery,
}

impl CertificateType {
    fn covers(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Self::General, _)
                | (Self::Vaccination, Kind::Vaccination)
                | (Self::Test, Kind::Test)
                | (Self::Recovery, Kind::Recovery)
        )
    }
}

/// One rule in the DCC Gateway's format
/// (`validation-rule.schema.json`). Fields the format adds later are
/// ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CountryRule {
    pub identifier: String,
    #[serde(rename = "Type")]
    pub rule_type: RuleType,
    pub country: String,
    pub version: String,
    pub schema_version: String,
    pub engine: String,
    pub engine_version: String,
    pub certificate_type: CertificateType,
    pub description: Vec<Description>,
    pub valid_from: String,
    pub valid_to: String,
    pub affected_fields: Vec<String>,
    pub logic: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Why country rules or value sets were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CountryRuleError {
    #[error("{0}")]
    Json(String),
    #[error("rule {rule}: {problem}")]
    Rule {
        rule: String,
        problem: CountryProblem,
    },
    #[error("rule {0} appears twice in the same version")]
    Duplicate(String),
}

/// What is wrong with one country rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CountryProblem {
    #[error("Identifier must be GR, VR, TR, RR or IR, the country, and a number (e.g. VR-DE-0001)")]
    Identifier,
    #[error("Country must be two capital letters")]
    Country,
    #[error("Version, SchemaVersion and EngineVersion must be x.y.z")]
    Version,
    #[error("ValidFrom {0}")]
    ValidFrom(TimeError),
    #[error("ValidTo {0}")]
    ValidTo(TimeError),
    #[error("ValidTo must come after ValidFrom")]
    Empty,
    #[error("Description needs a text in English")]
    Description,
    #[error("Logic is not valid CertLogic: {0}")]
    Logic(String),
}

fn semver(v: &str) -> bool {
    let mut parts = v.split('.');
    let mut count = 0;
    for p in parts.by_ref().take(3) {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        count += 1;
    }
    count == 3
}

impl CountryRule {
    fn times(&self) -> Result<(UnixTime, UnixTime), CountryProblem> {
        let from = UnixTime::parse(&self.valid_from).map_err(CountryProblem::ValidFrom)?;
        let to = UnixTime::parse(&self.valid_to).map_err(CountryProblem::ValidTo)?;
        if to <= from {
            return Err(CountryProblem::Empty);
        }
        Ok((from, to))
    }

    fn check(&self) -> Result<(), CountryRuleError> {
        let at = |problem| CountryRuleError::Rule {
            rule: format!("{} {}", self.identifier, self.version),
            problem,
        };
        let mut id = self.identifier.splitn(3, '-');
        let (prefix, country, number) = (id.next(), id.next(), id.next());
        let good_id = matches!(prefix, Some("GR" | "VR" | "TR" | "RR" | "IR"))
            && country.is_some_and(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
            && number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !good_id {
            return Err(at(CountryProblem::Identifier));
        }
        if self.country.len() != 2 || !self.country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(at(CountryProblem::Country));
        }
        if ![&self.version, &self.schema_version, &self.engine_version]
            .iter()
            .all(|v| semver(v))
        {
            return Err(at(CountryProblem::Version));
        }
        self.times().map_err(at)?;
        if !self
            .description
            .iter()
            .any(|d| d.lang == "en" && !d.desc.trim().is_empty())
        {
            return Err(at(CountryProblem::Description));
        }
        certlogic::validate(&self.logic).map_err(|e| at(CountryProblem::Logic(e.to_string())))
    }

    /// Why this rule cannot judge a certificate of schema `version`, if
    /// it cannot: an engine other than CertLogic up to 1.x, or a rule
    /// written for another major schema version or a later one.
    fn unfit_for(&self, version: &str) -> bool {
        let engine = version_key(&self.engine_version);
        let rule = version_key(&self.schema_version);
        let cert = version_key(version);
        !self.engine.eq_ignore_ascii_case("CERTLOGIC")
            || engine.first().copied().unwrap_or(0) > 1
            || rule.first() != cert.first()
            || rule > cert
    }

    fn named(&self, open: bool) -> FailedRule {
        FailedRule {
            id: self.identifier.clone(),
            version: self.version.clone(),
            kind: match self.rule_type {
                RuleType::Acceptance => RuleKind::Acceptance,
                RuleType::Invalidation => RuleKind::Invalidation,
            },
            country: Some(self.country.clone()),
            open,
            descriptions: self
                .description
                .iter()
                .map(|d| (d.lang.clone(), d.desc.clone()))
                .collect(),
        }
    }
}

/// The country rules and value sets a rule bundle carries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryRules {
    pub rules: Vec<CountryRule>,
    /// Value set id (e.g. `EU-vaccines`) to its codes, the compressed form
    /// the rules read (`valueSets.json` of the DCC verifier apps).
    pub value_sets: BTreeMap<String, Vec<String>>,
}

impl CountryRules {
    /// Rules from JSON: one rule, or a list of rules (the gateway's
    /// download), checked.
    pub fn rules_from_json(text: &str) -> Result<Vec<CountryRule>, CountryRuleError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| CountryRuleError::Json(e.to_string()))?;
        let rules: Vec<CountryRule> = match value {
            Value::Array(_) => serde_json::from_value(value),
            other => serde_json::from_value(other).map(|r| vec![r]),
        }
        .map_err(|e| CountryRuleError::Json(e.to_string()))?;
        for r in &rules {
            r.check()?;
        }
        Ok(rules)
    }

    /// Value sets from JSON: `{"<id>": ["code", ...]}`, or the gateway's
    /// full form (`{"<id>": {"valueSetValues": {"code": {...}}}}`), kept
    /// compressed.
    pub fn value_sets_from_json(
        text: &str,
    ) -> Result<BTreeMap<String, Vec<String>>, CountryRuleError> {
        let value: BTreeMap<String, Value> =
            serde_json::from_str(text).map_err(|e| CountryRuleError::Json(e.to_string()))?;
        let mut out = BTreeMap::new();
        for (id, set) in value {
            let codes: Vec<String> = match &set {
                Value::Array(items) => items
                    .iter()
                    .map(|c| c.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| {
                        CountryRuleError::Json(format!("value set {id}: codes must be text"))
                    })?,
                Value::Object(full) => match full.get("valueSetValues") {
                    Some(Value::Object(values)) => values.keys().cloned().collect(),
                    _ => {
                        return Err(CountryRuleError::Json(format!(
                            "value set {id}: no valueSetValues"
                        )));
                    }
                },
                _ => {
                    return Err(CountryRuleError::Json(format!(
                        "value set {id}: not a list of codes"
                    )));
                }
            };
            out.insert(id, codes);
        }
        Ok(out)
    }

    /// Checks every rule, and that no rule repeats in one version.
    pub fn validate(&self) -> Result<(), CountryRuleError> {
        let mut seen = std::collections::BTreeSet::new();
        for r in &self.rules {
            r.check()?;
            if !seen.insert((
                &r.identifier,
                &r.version,
                &r.country,
                r.rule_type == RuleType::Acceptance,
            )) {
                return Err(CountryRuleError::Duplicate(format!(
                    "{} {}",
                    r.identifier, r.version
                )));
            }
        }
        Ok(())
    }

    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.value_sets.is_empty()
    }

    /// The rules as JSON (a list, the gateway's form).
    pub fn rules_json(&self) -> String {
        serde_json::to_string(&self.rules).unwrap_or_else(|_| "[]".into())
    }

    /// The value sets as JSON (the compressed form).
    pub fn value_sets_json(&self) -> String {
        serde_json::to_string(&self.value_sets).unwrap_or_else(|_| "{}".into())
    }

    /// How many distinct Acceptance rules `country` has (any version).
    pub fn acceptance_count(&self, country: &str) -> usize {
        let mut ids: Vec<&str> = self
            .rules
            .iter()
            .filter(|r| r.rule_type == RuleType::Acceptance && r.country == country)
            .map(|r| r.identifier.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// The rules that judge a certificate of `kind` at `now`: of each
    /// identifier among `(rule_type, country)`'s, the highest version
    /// valid then.
    pub fn in_force(
        &self,
        rule_type: RuleType,
        country: &str,
        kind: Kind,
        now: UnixTime,
    ) -> Vec<&CountryRule> {
        let mut chosen: BTreeMap<&str, &CountryRule> = BTreeMap::new();
        let candidates = self.rules.iter().filter(|r| {
            r.rule_type == rule_type
                && r.country.eq_ignore_ascii_case(country)
                && r.certificate_type.covers(kind)
                && r.region.as_deref().is_none_or(str::is_empty)
                && r.times().is_ok_and(|(from, to)| from <= now && now < to)
        });
        for r in candidates {
            let newer = chosen
                .get(r.identifier.as_str())
                .is_none_or(|c| version_key(&r.version) > version_key(&c.version));
            if newer {
                chosen.insert(&r.identifier, r);
            }
        }
        chosen.into_values().collect()
    }

    /// The document the rules read for `input` at `now`, at a venue in
    /// `venue_country`.
    pub fn data(&self, input: &RuleInput, venue_country: Option<&str>, now: UnixTime) -> Value {
        let time = |secs: Option<i64>| secs.map(|s| UnixTime(s).to_string());
        json!({
            "payload": input.payload,
            "external": {
                "validationClock": now.to_string(),
                "valueSets": self.value_sets,
                "countryCode": venue_country.unwrap_or_default(),
                "exp": time(input.expires_at),
                "iat": time(input.issued_at),
                "issuerCountryCode": input.issuer_country,
                "kid": <base64ct::Base64 as base64ct::Encoding>::encode_string(&input.kid),
                "region": "",
            }
        })
    }

    /// Applies the Acceptance rules of `venue_country` (none when it is
    /// not set) and the Invalidation rules of the issuing country to a
    /// verified DCC at `now`.
    pub fn apply(&self, input: &RuleInput, venue_country: Option<&str>, now: UnixTime) -> Applied {
        let mut applied = Applied::default();
        let mut rules = Vec::new();
        if let Some(country) = venue_country {
            rules.extend(self.in_force(RuleType::Acceptance, country, input.kind, now));
        }
        rules.extend(self.in_force(
            RuleType::Invalidation,
            &input.issuer_country,
            input.kind,
            now,
        ));
        if rules.is_empty() {
            return applied;
        }
        let data = self.data(input, venue_country, now);
        for rule in rules {
            let open = if rule.unfit_for(input.version()) {
                true
            } else {
                match certlogic::evaluate(&rule.logic, &data) {
                    Ok(Value::Bool(true)) => continue,
                    Ok(Value::Bool(false)) => false,
                    Ok(other) => {
                        // The answer may quote the certificate: only its kind is logged.
                        tracing::warn!(rule = %rule.identifier, version = %rule.version, "rule gave {} instead of true or false", json_kind(&other));
                        true
                    }
                    Err(_) => {
                        // The error may quote the certificate's data: not logged.
                        tracing::warn!(rule = %rule.identifier, version = %rule.version, "rule could not be evaluated");
                        true
                    }
                }
            };
            let (colour, reason) = if open {
                (Colour::Grey, Reason::PolicyError)
            } else {
                (Colour::Red, Reason::RuleFailed)
            };
            applied.colour = applied.colour.max(colour);
            applied.reasons.push(reason);
            applied.failed.push(rule.named(open));
        }
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, version: &str, from: &str, logic: Value) -> CountryRule {
        CountryRule {
            identifier: id.into(),
            rule_type: RuleType::Acceptance,
            country: "DE".into(),
            version: version.into(),
            schema_version: "1.0.0".into(),
            engine: "CERTLOGIC".into(),
            engine_version: "0.7.5".into(),
            certificate_type: CertificateType::Vaccination,
            description: vec![Description {
                lang: "en".into(),
                desc: "The vaccination must be complete.".into(),
            }],
            valid_from: from.into(),
            valid_to: "2030-01-01T00:00:00Z".into(),
            affected_fields: vec!["v.0.dn".into()],
            logic,
            region: None,
        }
    }

    fn input(ver: &str) -> RuleInput {
        RuleInput {
            payload: json!({"ver": ver, "v": [{"dn": 1, "sd": 2}]}),
            kind: Kind::Vaccination,
            issuer_country: "XD".into(),
            issued_at: Some(0),
            expires_at: None,
            kid: vec![1, 2],
        }
    }

    fn now() -> UnixTime {
        UnixTime::parse("2026-01-01T00:00:00Z").unwrap_or(UnixTime(0))
    }

    #[test]
    fn the_highest_version_valid_now_decides() {
        let complete = json!({">=": [{"var": "payload.v.0.dn"}, {"var": "payload.v.0.sd"}]});
        let rules = CountryRules {
            rules: vec![
                rule("VR-DE-0001", "1.0.0", "2021-01-01T00:00:00Z", complete),
                rule("VR-DE-0001", "1.1.0", "2021-06-01T00:00:00Z", json!(true)),
                rule("VR-DE-0001", "2.0.0", "2029-01-01T00:00:00Z", json!(false)),
            ],
            value_sets: BTreeMap::new(),
        };
        assert!(rules.validate().is_ok());
        let in_force = rules.in_force(RuleType::Acceptance, "DE", Kind::Vaccination, now());
        assert_eq!(in_force.len(), 1);
        assert_eq!(in_force.first().map(|r| r.version.as_str()), Some("1.1.0"));
        let applied = rules.apply(&input("1.3.0"), Some("DE"), now());
        assert_eq!(applied.colour, Colour::Green);
        // Another country's acceptance rules do not apply.
        assert!(
            rules
                .in_force(RuleType::Acceptance, "FR", Kind::Vaccination, now())
                .is_empty()
        );
        assert!(
            rules
                .in_force(RuleType::Acceptance, "DE", Kind::Test, now())
                .is_empty()
        );
    }

    #[test]
    fn a_false_rule_is_red_and_named_an_unfit_one_open() {
        let complete = json!({">=": [{"var": "payload.v.0.dn"}, {"var": "payload.v.0.sd"}]});
        let mut rules = CountryRules {
            rules: vec![rule(
                "VR-DE-0001",
                "1.0.0",
                "2021-01-01T00:00:00Z",
                complete,
            )],
            value_sets: BTreeMap::new(),
        };
        let applied = rules.apply(&input("1.3.0"), Some("DE"), now());
        assert_eq!(applied.colour, Colour::Red);
        assert_eq!(applied.reasons, [Reason::RuleFailed]);
        let failed = applied.failed.first().cloned();
        assert_eq!(failed.as_ref().map(|f| f.id.as_str()), Some("VR-DE-0001"));
        assert_eq!(failed.as_ref().map(|f| f.open), Some(false));
        // Without a venue country, no acceptance rule applies.
        assert_eq!(
            rules.apply(&input("1.3.0"), None, now()).colour,
            Colour::Green
        );
        // A rule for a later schema than the certificate's is open.
        if let Some(r) = rules.rules.first_mut() {
            r.schema_version = "1.3.1".into();
        }
        let applied = rules.apply(&input("1.3.0"), Some("DE"), now());
        assert_eq!(applied.colour, Colour::Grey);
        assert_eq!(applied.reasons, [Reason::PolicyError]);
        assert_eq!(applied.failed.first().map(|f| f.open), Some(true));
    }

    #[test]
    fn bad_rules_are_refused() {
        let good = rule("VR-DE-0001", "1.0.0", "2021-01-01T00:00:00Z", json!(true));
        let refused = |edit: &dyn Fn(&mut CountryRule)| {
            let mut r = good.clone();
            edit(&mut r);
            CountryRules {
                rules: vec![r],
                value_sets: BTreeMap::new(),
            }
            .validate()
            .is_err()
        };
        assert!(!refused(&|_| {}));
        assert!(refused(&|r| r.identifier = "XX-DE-1".into()));
        assert!(refused(&|r| r.country = "de".into()));
        assert!(refused(&|r| r.version = "1.0".into()));
        assert!(refused(&|r| r.valid_to = r.valid_from.clone()));
        assert!(refused(&|r| r.description.clear()));
        assert!(refused(&|r| r.logic = json!({"nonsense": [1]})));
        let twice = CountryRules {
            rules: vec![good.clone(), good],
            value_sets: BTreeMap::new(),
        };
        assert!(matches!(
            twice.validate(),
            Err(CountryRuleError::Duplicate(_))
        ));
    }

    #[test]
    fn value_sets_in_both_forms() {
        let compressed = CountryRules::value_sets_from_json(r#"{"a": ["1", "2"]}"#);
        assert_eq!(
            compressed.ok().and_then(|m| m.get("a").cloned()),
            Some(vec!["1".into(), "2".into()])
        );
        let full = CountryRules::value_sets_from_json(
            r#"{"b": {"valueSetId": "b", "valueSetValues": {"x": {"display": "X"}}}}"#,
        );
        assert_eq!(
            full.ok().and_then(|m| m.get("b").cloned()),
            Some(vec!["x".into()])
        );
        assert!(CountryRules::value_sets_from_json(r#"{"c": [1]}"#).is_err());
    }
}
