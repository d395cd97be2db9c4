//! The DCC JSON schema, checked: the payload of a certificate must hold to
//! the schema of its own `ver`, and carry exactly one of `v`, `t`, `r`.
//!
//! The schemas are the published ones (`assets/dcc-schema/`, versions 1.0.1,
//! 1.2.1, 1.3.0 and 1.3.3), embedded. The checker knows the part of JSON
//! Schema those files use: `$ref` to `#/$defs/…` or `#/definitions/…`,
//! `type`, `required`, `properties`, `items`, `minItems`, `maxItems`,
//! `minimum`, `maximum`, `maxLength`, `pattern`, `oneOf`, and `format`
//! `date` and `date-time`. Everything else in them (`description`,
//! `valueset-uri`, `examples` …) is annotation.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

/// What is wrong with a payload: the place (a JSON pointer) and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error("no `ver` in the payload")]
    NoVersion,
    #[error("`{pointer}`: {rule}")]
    Broken { pointer: String, rule: String },
    #[error("the payload holds {0} of `v`, `t`, `r`; exactly one must be there")]
    NotExactlyOne(usize),
    #[error("the payload nests deeper than a certificate does")]
    TooDeep,
}

/// The schema files, by the version they describe.
const SCHEMAS: [(&str, &str); 4] = [
    (
        "1.0.1",
        include_str!("../../../assets/dcc-schema/1.0.1.json"),
    ),
    (
        "1.2.1",
        include_str!("../../../assets/dcc-schema/1.2.1.json"),
    ),
    (
        "1.3.0",
        include_str!("../../../assets/dcc-schema/1.3.0.json"),
    ),
    (
        "1.3.3",
        include_str!("../../../assets/dcc-schema/1.3.3.json"),
    ),
];

fn schemas() -> &'static HashMap<&'static str, Value> {
    static PARSED: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SCHEMAS
            .iter()
            .filter_map(|(v, text)| serde_json::from_str(text).ok().map(|s| (*v, s)))
            .collect()
    })
}

/// The schema for a payload's `ver`: the same minor version (1.0.x: 1.0.1;
/// 1.1.x and 1.2.x: 1.2.1; 1.3.x: 1.3.3 or the 1.3.0 file for 1.3.0), and
/// the newest for a later version.
fn schema_for(version: &str) -> Option<&'static Value> {
    let mut parts = version.split('.').map(str::parse::<u32>);
    let (Some(Ok(major)), Some(Ok(minor))) = (parts.next(), parts.next()) else {
        return None;
    };
    let file = match (major, minor) {
        (1, 0) => "1.0.1",
        (1, 1 | 2) => "1.2.1",
        (1, 3) if version == "1.3.0" => "1.3.0",
        (1, _) => "1.3.3",
        _ => return None,
    };
    schemas().get(file)
}

/// The schema versions this checker carries.
pub fn versions() -> impl Iterator<Item = &'static str> {
    SCHEMAS.iter().map(|(v, _)| *v)
}

/// Checks a DCC payload (the `hcert` claim as JSON) against the schema of
/// its `ver`, and that it holds exactly one certificate.
pub fn check(payload: &Value) -> Result<(), SchemaError> {
    let version = payload
        .get("ver")
        .and_then(Value::as_str)
        .ok_or(SchemaError::NoVersion)?;
    let schema = schema_for(version).ok_or_else(|| SchemaError::Broken {
        pointer: "/ver".into(),
        rule: format!("no schema for version {version}"),
    })?;
    Checker { root: schema }.check(schema, payload, &mut String::new(), 0)?;
    let entries = ["v", "t", "r"]
        .iter()
        .filter_map(|k| payload.get(*k))
        .map(|e| e.as_array().map_or(1, Vec::len))
        .sum::<usize>();
    if entries == 1 {
        Ok(())
    } else {
        Err(SchemaError::NotExactlyOne(entries))
    }
}

const MAX_DEPTH: usize = 32;

/// The keywords the checker holds a payload to, and the annotations it
/// reads past. Any other keyword in a schema fails the check.
const KNOWN: [&str; 24] = [
    "$ref",
    "type",
    "required",
    "properties",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "maxLength",
    "pattern",
    "format",
    "oneOf",
    "anyOf",
    "allOf",
    // Annotations.
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "title",
    "description",
    "examples",
    "valueset-uri",
    "definitions",
];

struct Checker<'s> {
    root: &'s Value,
}

fn broken(pointer: &str, rule: impl Into<String>) -> SchemaError {
    SchemaError::Broken {
        pointer: if pointer.is_empty() {
            "/".into()
        } else {
            pointer.to_string()
        },
        rule: rule.into(),
    }
}

impl<'s> Checker<'s> {
    fn resolve(&self, reference: &str) -> Option<&'s Value> {
        let path = reference.strip_prefix("#/")?;
        path.split('/').try_fold(self.root, |node, part| {
            node.get(part.replace("~1", "/").replace("~0", "~"))
        })
    }

    fn check(
        &self,
        schema: &'s Value,
        value: &Value,
        pointer: &mut String,
        depth: usize,
    ) -> Result<(), SchemaError> {
        if depth > MAX_DEPTH {
            return Err(SchemaError::TooDeep);
        }
        let Some(rules) = schema.as_object() else {
            return Ok(());
        };
        if let Some(reference) = rules.get("$ref").and_then(Value::as_str) {
            let target = self
                .resolve(reference)
                .ok_or_else(|| broken(pointer, format!("the schema's {reference} is missing")))?;
            self.check(target, value, pointer, depth + 1)?;
        }
        if let Some(kind) = rules.get("type") {
            let ok = match kind {
                Value::String(k) => is_type(k, value),
                Value::Array(ks) => ks
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|k| is_type(k, value)),
                _ => true,
            };
            if !ok {
                return Err(broken(pointer, format!("must be of type {kind}")));
            }
        }
        if let Some(unknown) = rules.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            // A keyword this checker cannot hold a payload to: fail closed.
            return Err(broken(
                pointer,
                format!("the schema's `{unknown}` is not understood"),
            ));
        }
        if let Some(all) = rules.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.check(sub, value, pointer, depth + 1)?;
            }
        }
        if let Some(options) = rules.get("anyOf").and_then(Value::as_array)
            && !options.iter().any(|o| {
                self.check(o, value, &mut pointer.clone(), depth + 1)
                    .is_ok()
            })
        {
            return Err(broken(pointer, "must match one alternative at least"));
        }
        if let Some(options) = rules.get("oneOf").and_then(Value::as_array) {
            let matching = options
                .iter()
                .filter(|o| {
                    self.check(o, value, &mut pointer.clone(), depth + 1)
                        .is_ok()
                })
                .count();
            if matching != 1 {
                return Err(broken(
                    pointer,
                    format!("must match exactly one alternative, matches {matching}"),
                ));
            }
        }
        match value {
            Value::Object(map) => {
                if let Some(required) = rules.get("required").and_then(Value::as_array) {
                    for key in required.iter().filter_map(Value::as_str) {
                        if !map.contains_key(key) {
                            return Err(broken(pointer, format!("`{key}` is required")));
                        }
                    }
                }
                if let Some(properties) = rules.get("properties").and_then(Value::as_object) {
                    for (key, sub) in properties {
                        if let Some(v) = map.get(key) {
                            let len = pointer.len();
                            pointer.push('/');
                            pointer.push_str(key);
                            self.check(sub, v, pointer, depth + 1)?;
                            pointer.truncate(len);
                        }
                    }
                }
            }
            Value::Array(items) => {
                let count = items.len() as u64;
                if let Some(min) = rules.get("minItems").and_then(Value::as_u64)
                    && count < min
                {
                    return Err(broken(pointer, format!("must hold at least {min} items")));
                }
                if let Some(max) = rules.get("maxItems").and_then(Value::as_u64)
                    && count > max
                {
                    return Err(broken(pointer, format!("must hold at most {max} items")));
                }
                if let Some(sub) = rules.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        let len = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&i.to_string());
                        self.check(sub, item, pointer, depth + 1)?;
                        pointer.truncate(len);
                    }
                }
            }
            Value::String(text) => {
                if let Some(max) = rules.get("maxLength").and_then(Value::as_u64)
                    && text.chars().count() as u64 > max
                {
                    return Err(broken(pointer, format!("must be at most {max} characters")));
                }
                if let Some(pattern) = rules.get("pattern").and_then(Value::as_str)
                    && !matches_pattern(pattern, text)
                {
                    return Err(broken(pointer, format!("must match {pattern}")));
                }
                if let Some(format) = rules.get("format").and_then(Value::as_str)
                    && !matches_format(format, text)
                {
                    return Err(broken(pointer, format!("must be a {format}")));
                }
            }
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if let Some(min) = rules.get("minimum").and_then(Value::as_f64)
                    && x.partial_cmp(&min).is_none_or(std::cmp::Ordering::is_lt)
                {
                    return Err(broken(pointer, format!("must be at least {min}")));
                }
                if let Some(max) = rules.get("maximum").and_then(Value::as_f64)
                    && x.partial_cmp(&max).is_none_or(std::cmp::Ordering::is_gt)
                {
                    return Err(broken(pointer, format!("must be at most {max}")));
                }
            }
            Value::Bool(_) | Value::Null => {}
        }
        Ok(())
    }
}

fn is_type(kind: &str, value: &Value) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => true,
    }
}

/// The schemas' patterns, compiled once (they are few and fixed).
fn matches_pattern(pattern: &str, text: &str) -> bool {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, Option<regex::Regex>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // ECMA-262's `\d` is ASCII digits only; the regex crate's is Unicode's.
    if !cache.contains_key(pattern) {
        let compiled = regex::Regex::new(&pattern.replace("\\d", "[0-9]")).ok();
        cache.insert(pattern.to_string(), compiled);
    }
    let re = cache.get(pattern).and_then(Option::as_ref);
    // A pattern the engine cannot read lets nothing through.
    re.is_some_and(|re| re.is_match(text))
}

/// `date` is a full date `YYYY-MM-DD`; `date-time` an instant.
fn matches_format(format: &str, text: &str) -> bool {
    match format {
        "date" => time::Date::parse(
            text,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .is_ok(),
        // RFC 3339 and the ISO 8601 offsets issuers wrote (`+0200`, `+02`).
        "date-time" => crate::time::UnixTime::parse(text).is_ok() && !text.starts_with('@'),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vaccination() -> Value {
        json!({
            "ver": "1.3.0",
            "nam": {"fn": "Musterfrau", "fnt": "MUSTERFRAU", "gn": "Erika", "gnt": "ERIKA"},
            "dob": "1964-08-12",
            "v": [{
                "tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528",
                "ma": "ORG-100030215", "dn": 2, "sd": 2, "dt": "2021-05-29",
                "co": "AT", "is": "Ministry of Health, Austria",
                "ci": "URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B"
            }]
        })
    }

    #[test]
    fn a_good_payload_passes_every_carried_version() {
        for ver in ["1.0.0", "1.0.1", "1.2.1", "1.3.0", "1.3.3", "1.9.0"] {
            let mut p = vaccination();
            p["ver"] = json!(ver);
            assert_eq!(check(&p), Ok(()), "{ver}");
        }
        assert_eq!(versions().count(), 4);
    }

    #[test]
    fn broken_payloads_say_where() {
        let mut p = vaccination();
        p["v"][0]["dn"] = json!(0);
        assert!(
            matches!(check(&p), Err(SchemaError::Broken { pointer, .. }) if pointer == "/v/0/dn")
        );
        let mut p = vaccination();
        p.as_object_mut().map(|m| m.remove("nam"));
        assert!(matches!(check(&p), Err(SchemaError::Broken { .. })));
        let mut p = vaccination();
        p["t"] = p["v"].clone();
        assert!(check(&p).is_err());
        let mut p = vaccination();
        p["v"] = json!([]);
        assert!(check(&p).is_err());
        let mut p = vaccination();
        p.as_object_mut().map(|m| m.remove("ver"));
        assert_eq!(check(&p), Err(SchemaError::NoVersion));
        let mut p = vaccination();
        p["dob"] = json!(1964);
        assert!(check(&p).is_err());
        // Arabic-Indic digits are no digits to the schema.
        let mut p = vaccination();
        p["dob"] = json!("١٩٦٤-٠٨-١٢");
        assert!(check(&p).is_err());
        // 1.3.3 wants a transliterated name, family or given.
        let mut p = vaccination();
        p["ver"] = json!("1.3.3");
        p["nam"] = json!({"fn": "Musterfrau"});
        assert!(check(&p).is_err());
    }
}
