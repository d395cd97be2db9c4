//! The bundle's source folder, which people edit and review in git, and
//! `sign-bundle`, which turns it into a signed bundle.
//!
//! ```text
//! bundle.toml      authority, version, ages
//! issuers.toml     [[issuer]] entries, as in a trust list
//! venues.toml      venue = ["RULE-ID", ...]
//! policies/*.json  one rule a file (EU DCC rule format plus "Outcome")
//! overrides.csv    credential_id,colour,since
//! revoked.csv      credential_id
//! dcc-revocations.csv  hash_type,hash   (EU DCC: UCI, COUNTRYCODEUCI or
//!                  SIGNATURE; SHA-256 in hex, whole or cut to 128 bits)
//! dcc-signers.json EU DCC document signers, a gateway trust list
//! dcc-rules/**/*.json  EU DCC country rules in the gateway's format, one
//!                  rule or a list a file (folders named `tests` skipped)
//! dcc-valuesets.json   the value sets those rules read
//! shc-issuers.json SMART Health Card issuers: a directory of issuers, their
//!                  keys (JWKs) and revocation lists
//! ```
//!
//! Every error names the file and, where there is one, the line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::code::trust::{PublicKey, TrustList, gateway_signers};
use crate::rules::Override;
use crate::rules::country::CountryRules;
use crate::rules::policy::{Policies, Rule};
use crate::time::UnixTime;
use crate::verdict::CodeColour;

use super::format::{Bundle, DscEntry, IssuerEntry};

/// Why a source folder could not become a bundle: the file, the line where
/// there is one, and what is wrong there, for the person editing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    authority: String,
    version: u64,
    warn_age_hours: u32,
    max_offline_hours: u32,
}

fn read(dir: &Path, name: &str) -> Result<String, String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| text.get(..s.start).map_or(0, |t| t.lines().count().max(1)));
    match line {
        Some(l) => format!("{file} line {l}: {}", e.message()),
        None => format!("{file}: {}", e.message()),
    }
}

fn parse_id(text: &str) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    let got = base16ct::mixed::decode(text.trim(), &mut out).ok()?;
    (got.len() == 16).then_some(out)
}

/// Lines of a CSV file with a header: `(line number, fields)`.
fn csv_rows<'a>(
    file: &str,
    text: &'a str,
    header: &str,
) -> Result<Vec<(usize, Vec<&'a str>)>, String> {
    let mut rows = Vec::new();
    let mut saw_header = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !saw_header {
            if line != header {
                return Err(format!(
                    "{file} line {}: the first line must be `{header}`",
                    n + 1
                ));
            }
            saw_header = true;
            continue;
        }
        rows.push((n + 1, line.split(',').map(str::trim).collect()));
    }
    Ok(rows)
}

/// Reads a source folder into a bundle issued at `now`.
/// The `.json` files under `dir`, sorted, skipping folders named `tests`
/// (the gateway's rule repositories keep each rule's tests beside it).
fn json_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            if path.file_name().is_none_or(|n| n != "tests") {
                json_files(&path, out)?;
            }
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// `dcc-rules/` and `dcc-valuesets.json`, when there.
fn read_country_rules(dir: &Path) -> Result<CountryRules, String> {
    let mut country = CountryRules::default();
    let rules_dir = dir.join("dcc-rules");
    if rules_dir.is_dir() {
        let mut files = Vec::new();
        json_files(&rules_dir, &mut files)?;
        for path in files {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .display()
                .to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
            let rules = CountryRules::rules_from_json(&text).map_err(|e| format!("{name}: {e}"))?;
            country.rules.extend(rules);
        }
        country.validate().map_err(|e| format!("dcc-rules: {e}"))?;
    }
    if dir.join("dcc-valuesets.json").is_file() {
        let text = read(dir, "dcc-valuesets.json")?;
        country.value_sets = CountryRules::value_sets_from_json(&text)
            .map_err(|e| format!("dcc-valuesets.json: {e}"))?;
    }
    Ok(country)
}

pub fn read_source(dir: &Path, now: UnixTime) -> Result<Bundle, SourceError> {
    read_folder(dir, now).map_err(SourceError)
}

fn read_folder(dir: &Path, now: UnixTime) -> Result<Bundle, String> {
    let text = read(dir, "bundle.toml")?;
    let head: Head = toml::from_str(&text).map_err(|e| toml_error("bundle.toml", &text, &e))?;
    if head.version == 0 {
        return Err("bundle.toml: version must be 1 or more".into());
    }
    if head.warn_age_hours > head.max_offline_hours {
        return Err("bundle.toml: warn_age_hours must not be past max_offline_hours".into());
    }

    // The same format and checks as a kiosk's trust-list file.
    let text = read(dir, "issuers.toml")?;
    let trust = TrustList::from_toml(&text).map_err(|e| format!("issuers.toml, {e}"))?;
    let mut entries: Vec<IssuerEntry> = trust
        .keys()
        .filter_map(|k| match &k.key {
            // issuers.toml holds native (SM2) issuers only.
            PublicKey::Sm2(key) => Some(IssuerEntry {
                issuer: k.issuer.clone(),
                public_key: key.to_compressed(),
                not_before: k.not_before,
                not_after: k.not_after,
            }),
            PublicKey::Dsc { .. } | PublicKey::Shc(_) => None,
        })
        .collect();
    entries.sort_by(|a, b| (&a.issuer, a.public_key).cmp(&(&b.issuer, b.public_key)));

    let text = read(dir, "venues.toml")?;
    let venues: BTreeMap<String, Vec<String>> =
        toml::from_str(&text).map_err(|e| toml_error("venues.toml", &text, &e))?;

    let mut rules = Vec::new();
    let policy_dir = dir.join("policies");
    let mut files: Vec<_> = std::fs::read_dir(&policy_dir)
        .map_err(|e| format!("{}: {e}", policy_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let name = format!(
            "policies/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let rule: Rule = serde_json::from_str(&text)
            .map_err(|e| format!("{name} line {} column {}: {e}", e.line(), e.column()))?;
        let one = Policies {
            rules: vec![rule.clone()],
            venues: BTreeMap::new(),
        };
        one.validate().map_err(|e| format!("{name}: {e}"))?;
        rules.push(rule);
    }
    let policies = Policies { rules, venues };
    policies
        .validate()
        .map_err(|e| format!("venues.toml: {e}"))?;

    let mut overrides = Vec::new();
    if dir.join("overrides.csv").is_file() {
        let text = read(dir, "overrides.csv")?;
        for (line, f) in csv_rows("overrides.csv", &text, "credential_id,colour,since")? {
            let at = |why: &str| format!("overrides.csv line {line}: {why}");
            let [id, colour, since] = f.as_slice() else {
                return Err(at("expected 3 fields: credential_id,colour,since"));
            };
            let credential_id =
                parse_id(id).ok_or_else(|| at("credential_id must be 32 hex digits"))?;
            let Some(colour) = CodeColour::from_name(colour) else {
                return Err(at("colour must be green, yellow or red"));
            };
            let since = UnixTime::parse(since).map_err(|e| at(&e.to_string()))?;
            overrides.push(Override {
                credential_id,
                colour,
                since,
            });
        }
    }
    let mut revoked = Vec::new();
    if dir.join("revoked.csv").is_file() {
        let text = read(dir, "revoked.csv")?;
        for (line, f) in csv_rows("revoked.csv", &text, "credential_id")? {
            let [id] = f.as_slice() else {
                return Err(format!(
                    "revoked.csv line {line}: expected 1 field: credential_id"
                ));
            };
            revoked.push(parse_id(id).ok_or_else(|| {
                format!("revoked.csv line {line}: credential_id must be 32 hex digits")
            })?);
        }
    }
    // The EU DCC revocation list: its three hash types are all 128-bit
    // keys a DCC may be revoked under, kept with the other revocations.
    if dir.join("dcc-revocations.csv").is_file() {
        let file = "dcc-revocations.csv";
        let text = read(dir, file)?;
        for (line, f) in csv_rows(file, &text, "hash_type,hash")? {
            let [kind, hash] = f.as_slice() else {
                return Err(format!(
                    "{file} line {line}: expected 2 fields: hash_type,hash"
                ));
            };
            if !["UCI", "COUNTRYCODEUCI", "SIGNATURE"].contains(kind) {
                return Err(format!(
                    "{file} line {line}: hash_type must be UCI, COUNTRYCODEUCI or SIGNATURE"
                ));
            }
            let whole =
                matches!(hash.len(), 32 | 64) && hash.bytes().all(|b| b.is_ascii_hexdigit());
            let hash = hash.get(..32).filter(|_| whole);
            revoked.push(
                hash.and_then(parse_id).ok_or_else(|| {
                    format!("{file} line {line}: hash must be 32 or 64 hex digits")
                })?,
            );
        }
    }
    let mut dscs = Vec::new();
    if dir.join("dcc-signers.json").is_file() {
        let text = read(dir, "dcc-signers.json")?;
        for signer in gateway_signers(&text).map_err(|e| format!("dcc-signers.json: {e}"))? {
            let Some(country) = signer.country.or(signer.dsc.country) else {
                return Err(
                    "dcc-signers.json: a document signer names no country, nor does its certificate"
                        .into(),
                );
            };
            dscs.push(DscEntry {
                country,
                der: signer.der,
            });
        }
        dscs.sort_by(|a, b| (&a.country, &a.der).cmp(&(&b.country, &b.der)));
        dscs.dedup();
    }
    let country_rules = read_country_rules(dir)?;
    let shc_directory = if dir.join("shc-issuers.json").is_file() {
        let text = read(dir, "shc-issuers.json")?;
        crate::code::trust::shc_directory(&text).map_err(|e| format!("shc-issuers.json: {e}"))?;
        Some(text)
    } else {
        None
    };
    let mut bundle = Bundle {
        authority: head.authority,
        version: head.version,
        issued_at: now,
        warn_age_secs: i64::from(head.warn_age_hours) * 3600,
        max_age_secs: i64::from(head.max_offline_hours) * 3600,
        issuers: entries,
        policies,
        overrides,
        revoked,
        dscs,
        country_rules,
        shc_directory,
    };
    bundle
        .normalise()
        .map_err(|e| format!("overrides.csv: {e}"))?;
    Ok(bundle)
}
