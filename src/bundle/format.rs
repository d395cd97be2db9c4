//! The signed rule bundle, as specified in `docs/bundle.md`.
//!
//! ```text
//! file = "HGB1" || CBOR [ body: bstr, root_key_id: bstr(8), signature: bstr(64) ]
//! signature = SM2/SM3 by the authority's root key over "HGB1/bundle" || body
//! ```

use ciborium::Value;

use crate::code::trust::{TrustList, TrustedKey, shc_directory};
use crate::crypto::x509::{Dsc, DscError};
use crate::crypto::{KeyError, KeyId, PUBLIC_KEY_LEN, PrivateKey, PublicKeyRef, SIGNATURE_LEN};
use crate::rules::country::CountryRules;
use crate::rules::{Override, OverrideLookup, policy::Policies};
use crate::time::UnixTime;
use crate::verdict::CodeColour;

/// The first four bytes of every bundle file.
pub const MAGIC: &[u8; 4] = b"HGB1";
/// The domain tag in front of the body under the root signature.
pub const DOMAIN: &[u8] = b"HGB1/bundle";
/// The body format this build writes for a bundle without EU DCC country
/// rules (older kiosks read it).
pub const FORMAT: u64 = 1;
/// The body format of a bundle with EU DCC country rules: a kiosk that
/// would ignore them (and let certificates through that they refuse) must
/// refuse the whole bundle instead. This build reads both.
pub const FORMAT_COUNTRY_RULES: u64 = 2;
/// Bytes of one override record: id (16), colour (1), since (8, big-endian).
pub const OVERRIDE_LEN: usize = 25;
/// Bytes of one revoked id.
pub const REVOKED_LEN: usize = 16;

/// Why a bundle file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not a bundle, cut short, or a field breaks a rule; the text says which.
    #[error("not a valid bundle: {0}")]
    Malformed(String),
    /// Signed by another key than the pinned root key.
    #[error("signed by root key {found}, but this kiosk trusts only root key {pinned}")]
    WrongKey { found: KeyId, pinned: KeyId },
    /// The signature does not hold.
    #[error("the bundle's signature does not hold")]
    BadSignature,
}

/// Why a bundle could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("credential {0} has two overrides")]
    DuplicateOverride(String),
    #[error("issuer {issuer}: {source}")]
    IssuerKey { issuer: String, source: KeyError },
    #[error("document signer for {country}: {source}")]
    Dsc { country: String, source: DscError },
    #[error("SMART Health Card issuers: {0}")]
    ShcDirectory(String),
    #[error("CBOR encoding failed: {0}")]
    Cbor(String),
    #[error(transparent)]
    Sign(#[from] KeyError),
}

fn bad<T>(why: impl Into<String>) -> Result<T, BundleError> {
    Err(BundleError::Malformed(why.into()))
}

/// One trusted issuer key as the bundle carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerEntry {
    pub issuer: String,
    pub public_key: [u8; PUBLIC_KEY_LEN],
    pub not_before: Option<UnixTime>,
    pub not_after: Option<UnixTime>,
}

/// A bundle's content.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// Who publishes it, e.g. `DEMO` or a health authority's name.
    pub authority: String,
    /// Monotonic: a kiosk never installs a version at or below its own.
    pub version: u64,
    pub issued_at: UnixTime,
    /// Past this age (from `issued_at`) verdicts carry `rules-stale`.
    pub warn_age_secs: i64,
    /// Past this age verdicts are grey with `rules-outdated`.
    pub max_age_secs: i64,
    pub issuers: Vec<IssuerEntry>,
    pub policies: Policies,
    /// Sorted by credential id, no duplicates.
    pub overrides: Vec<Override>,
    /// Sorted, no duplicates.
    pub revoked: Vec<[u8; 16]>,
    /// EU DCC document signer certificates, each trusted for its country.
    pub dscs: Vec<DscEntry>,
    /// EU DCC country rules (Acceptance, Invalidation) and value sets.
    pub country_rules: CountryRules,
    /// The SMART Health Card issuer directory (its JSON, checked).
    pub shc_directory: Option<String>,
}

/// One EU DCC document signer as the bundle carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DscEntry {
    /// The country it signs for (ISO 3166 alpha-2, upper case).
    pub country: String,
    /// The certificate's DER.
    pub der: Vec<u8>,
}

mod key {
    pub const FORMAT: u64 = 1;
    pub const AUTHORITY: u64 = 2;
    pub const VERSION: u64 = 3;
    pub const ISSUED_AT: u64 = 4;
    pub const WARN_AGE: u64 = 5;
    pub const MAX_AGE: u64 = 6;
    pub const ISSUERS: u64 = 7;
    pub const POLICIES: u64 = 8;
    pub const OVERRIDES: u64 = 9;
    pub const REVOKED: u64 = 10;
    /// Optional: `[[country, DER], ...]`.
    pub const DSCS: u64 = 11;
    /// Optional: the EU DCC country rules, JSON text (the gateway's list).
    pub const COUNTRY_RULES: u64 = 12;
    /// Optional: the value sets, JSON text (`{"id": ["code", ...]}`).
    pub const VALUE_SETS: u64 = 13;
    /// Optional: the SMART Health Card issuer directory, JSON text.
    pub const SHC_DIRECTORY: u64 = 14;
}

fn uint(v: u64) -> Value {
    Value::Integer(v.into())
}

fn time(t: UnixTime) -> Value {
    uint(u64::try_from(t.0).unwrap_or(0))
}

impl Bundle {
    /// The trust list this bundle carries, keys parsed once.
    pub fn trust_list(&self) -> Result<TrustList, BuildError> {
        let mut list = TrustList::default();
        for e in &self.issuers {
            let key =
                PublicKeyRef::from_sec1(&e.public_key).map_err(|source| BuildError::IssuerKey {
                    issuer: e.issuer.clone(),
                    source,
                })?;
            list.insert(TrustedKey {
                not_before: e.not_before,
                not_after: e.not_after,
                ..TrustedKey::native(&e.issuer, key)
            });
        }
        for e in &self.dscs {
            let dsc = Dsc::from_der(&e.der).map_err(|source| BuildError::Dsc {
                country: e.country.clone(),
                source,
            })?;
            list.insert(TrustedKey::dsc(&dsc, Some(&e.country)));
        }
        if let Some(directory) = &self.shc_directory {
            for key in
                shc_directory(directory).map_err(|e| BuildError::ShcDirectory(e.to_string()))?
            {
                list.insert(key);
            }
        }
        Ok(list)
    }

    /// Sorts and checks overrides and revocations (no duplicates).
    pub fn normalise(&mut self) -> Result<(), BuildError> {
        self.overrides.sort_by_key(|o| o.credential_id);
        if let Some(w) = self
            .overrides
            .windows(2)
            .find(|w| w.first().map(|o| o.credential_id) == w.get(1).map(|o| o.credential_id))
        {
            let id = w
                .first()
                .map(|o| base16ct::lower::encode_string(&o.credential_id))
                .unwrap_or_default();
            return Err(BuildError::DuplicateOverride(id));
        }
        self.revoked.sort_unstable();
        self.revoked.dedup();
        Ok(())
    }

    fn body(&self) -> Result<Vec<u8>, BuildError> {
        let mut overrides = Vec::with_capacity(self.overrides.len() * OVERRIDE_LEN);
        for o in &self.overrides {
            overrides.extend_from_slice(&o.credential_id);
            overrides.push(o.colour.wire());
            overrides.extend_from_slice(&o.since.0.to_be_bytes());
        }
        let revoked: Vec<u8> = self.revoked.iter().flatten().copied().collect();
        let issuers = self
            .issuers
            .iter()
            .map(|e| {
                Value::Array(vec![
                    Value::Text(e.issuer.clone()),
                    Value::Bytes(e.public_key.to_vec()),
                    e.not_before.map_or(Value::Null, time),
                    e.not_after.map_or(Value::Null, time),
                ])
            })
            .collect();
        let map = Value::Map(vec![
            (
                uint(key::FORMAT),
                uint(if self.country_rules.rules.is_empty() {
                    FORMAT
                } else {
                    FORMAT_COUNTRY_RULES
                }),
            ),
            (uint(key::AUTHORITY), Value::Text(self.authority.clone())),
            (uint(key::VERSION), uint(self.version)),
            (uint(key::ISSUED_AT), time(self.issued_at)),
            (
                uint(key::WARN_AGE),
                uint(u64::try_from(self.warn_age_secs).unwrap_or(0)),
            ),
            (
                uint(key::MAX_AGE),
                uint(u64::try_from(self.max_age_secs).unwrap_or(0)),
            ),
            (uint(key::ISSUERS), Value::Array(issuers)),
            (uint(key::POLICIES), Value::Text(self.policies.to_json())),
            (uint(key::OVERRIDES), Value::Bytes(overrides)),
            (uint(key::REVOKED), Value::Bytes(revoked)),
            (
                uint(key::DSCS),
                Value::Array(
                    self.dscs
                        .iter()
                        .map(|d| {
                            Value::Array(vec![
                                Value::Text(d.country.clone()),
                                Value::Bytes(d.der.clone()),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                uint(key::COUNTRY_RULES),
                Value::Text(self.country_rules.rules_json()),
            ),
            (
                uint(key::VALUE_SETS),
                Value::Text(self.country_rules.value_sets_json()),
            ),
        ]);
        let map = match (map, &self.shc_directory) {
            (Value::Map(mut entries), Some(directory)) => {
                entries.push((uint(key::SHC_DIRECTORY), Value::Text(directory.clone())));
                Value::Map(entries)
            }
            (map, _) => map,
        };
        let mut out = Vec::new();
        ciborium::into_writer(&map, &mut out).map_err(|e| BuildError::Cbor(e.to_string()))?;
        Ok(out)
    }

    /// The signed file.
    pub fn sign(&self, root: &PrivateKey) -> Result<Vec<u8>, BuildError> {
        let body = self.body()?;
        let signature = root.sign(DOMAIN, &[&body])?;
        let outer = Value::Array(vec![
            Value::Bytes(body),
            Value::Bytes(root.public().key_id().0.to_vec()),
            Value::Bytes(signature.to_vec()),
        ]);
        let mut out = MAGIC.to_vec();
        ciborium::into_writer(&outer, &mut out).map_err(|e| BuildError::Cbor(e.to_string()))?;
        Ok(out)
    }

    /// Checks the signature with the pinned root key, then reads the body.
    pub fn open(file: &[u8], root: &PublicKeyRef) -> Result<Self, BundleError> {
        let Some(rest) = file.strip_prefix(MAGIC) else {
            return bad("it does not start with HGB1");
        };
        let mut cursor = rest;
        let outer: Value = match ciborium::from_reader(&mut cursor) {
            Ok(v) => v,
            Err(e) => return bad(format!("cut short or not CBOR ({e})")),
        };
        if !cursor.is_empty() {
            return bad(format!("{} bytes after the end", cursor.len()));
        }
        let Value::Array(parts) = outer else {
            return bad("not an array");
        };
        let [Value::Bytes(body), Value::Bytes(kid), Value::Bytes(sig)] = parts.as_slice() else {
            return bad("not [body, key id, signature]");
        };
        let found = <[u8; 8]>::try_from(kid.as_slice())
            .map(KeyId)
            .or_else(|_| bad("key id is not 8 bytes"))?;
        if found != root.key_id() {
            return Err(BundleError::WrongKey {
                found,
                pinned: root.key_id(),
            });
        }
        if sig.len() != SIGNATURE_LEN || !root.verify(DOMAIN, &[body], sig) {
            return Err(BundleError::BadSignature);
        }
        Self::read_body(body)
    }

    /// Reads a bundle's body: what [`Bundle::open`] does once the
    /// signature holds. Public for the fuzz targets, which cannot sign
    /// what they make up; everything else opens signed files.
    pub fn read_body(body: &[u8]) -> Result<Self, BundleError> {
        let mut cursor = body;
        let Ok(Value::Map(entries)) = ciborium::from_reader::<Value, _>(&mut cursor) else {
            return bad("body is not a CBOR map");
        };
        let get = |k: u64| {
            entries
                .iter()
                .find(|(key, _)| matches!(key, Value::Integer(i) if u64::try_from(*i).ok() == Some(k)))
                .map(|(_, v)| v)
        };
        let need =
            |k: u64, what: &str| get(k).map_or_else(|| bad(format!("{what} is missing")), Ok);
        let as_u64 = |v: &Value, what: &str| match v {
            Value::Integer(i) => u64::try_from(*i).or_else(|_| bad(format!("{what} is negative"))),
            _ => bad(format!("{what} is not a number")),
        };
        let as_signed = |v: &Value, what: &str| {
            as_u64(v, what)
                .and_then(|n| i64::try_from(n).or_else(|_| bad(format!("{what} is too large"))))
        };
        let format = as_u64(need(key::FORMAT, "format")?, "format")?;
        if format != FORMAT && format != FORMAT_COUNTRY_RULES {
            return bad(format!(
                "body format {format}; this kiosk reads formats {FORMAT} and {FORMAT_COUNTRY_RULES}"
            ));
        }
        let Value::Text(authority) = need(key::AUTHORITY, "authority")? else {
            return bad("authority is not text");
        };
        let Value::Array(issuer_values) = need(key::ISSUERS, "issuers")? else {
            return bad("issuers is not an array");
        };
        let mut issuers = Vec::with_capacity(issuer_values.len());
        for v in issuer_values {
            let Value::Array(a) = v else {
                return bad("an issuer entry is not an array");
            };
            let [Value::Text(issuer), Value::Bytes(public_key), nb, na] = a.as_slice() else {
                return bad("an issuer entry is not [id, key, not_before, not_after]");
            };
            let opt = |v: &Value, what: &str| match v {
                Value::Null => Ok(None),
                v => as_signed(v, what).map(|t| Some(UnixTime(t))),
            };
            let public_key = <[u8; PUBLIC_KEY_LEN]>::try_from(public_key.as_slice())
                .or_else(|_| bad(format!("issuer {issuer}: key is not 33 bytes")))?;
            if PublicKeyRef::from_sec1(&public_key).is_err() {
                return bad(format!("issuer {issuer}: not an SM2 public key"));
            }
            issuers.push(IssuerEntry {
                issuer: issuer.clone(),
                public_key,
                not_before: opt(nb, "not_before")?,
                not_after: opt(na, "not_after")?,
            });
        }
        let Value::Text(policies) = need(key::POLICIES, "policies")? else {
            return bad("policies is not text");
        };
        let policies = Policies::from_json(policies)
            .map_err(|e| BundleError::Malformed(format!("policies: {e}")))?;
        let Value::Bytes(raw_overrides) = need(key::OVERRIDES, "overrides")? else {
            return bad("overrides is not a byte string");
        };
        if raw_overrides.len() % OVERRIDE_LEN != 0 {
            return bad("overrides are cut short");
        }
        let mut overrides = Vec::with_capacity(raw_overrides.len() / OVERRIDE_LEN);
        for rec in raw_overrides.chunks_exact(OVERRIDE_LEN) {
            let (id, rest) = rec.split_at(16);
            let (colour, since) = rest.split_at(1);
            let Some(colour) = colour
                .first()
                .and_then(|&c| CodeColour::from_wire(u64::from(c)))
            else {
                return bad("an override has an unknown colour");
            };
            overrides.push(Override {
                credential_id: <[u8; 16]>::try_from(id).or_else(|_| bad("override id"))?,
                colour,
                since: UnixTime(i64::from_be_bytes(
                    <[u8; 8]>::try_from(since).or_else(|_| bad("override time"))?,
                )),
            });
        }
        if overrides
            .windows(2)
            .any(|w| w.first().map(|o| o.credential_id) >= w.get(1).map(|o| o.credential_id))
        {
            return bad("overrides are not sorted or repeat a credential");
        }
        let Value::Bytes(raw_revoked) = need(key::REVOKED, "revoked")? else {
            return bad("revoked is not a byte string");
        };
        if raw_revoked.len() % REVOKED_LEN != 0 {
            return bad("revoked ids are cut short");
        }
        let revoked: Vec<[u8; 16]> = raw_revoked
            .chunks_exact(REVOKED_LEN)
            .filter_map(|c| <[u8; 16]>::try_from(c).ok())
            .collect();
        if revoked.windows(2).any(|w| w.first() >= w.get(1)) {
            return bad("revoked ids are not sorted or repeat");
        }
        let mut dscs = Vec::new();
        match get(key::DSCS) {
            None => {}
            Some(Value::Array(items)) => {
                for item in items {
                    let Value::Array(pair) = item else {
                        return bad("a document signer is not [country, DER]");
                    };
                    let [Value::Text(country), Value::Bytes(der)] = pair.as_slice() else {
                        return bad("a document signer is not [country, DER]");
                    };
                    if let Err(e) = Dsc::from_der(der) {
                        return bad(format!("document signer for {country}: {e}"));
                    }
                    dscs.push(DscEntry {
                        country: country.clone(),
                        der: der.clone(),
                    });
                }
            }
            Some(_) => return bad("document signers are not an array"),
        }
        let mut country_rules = CountryRules::default();
        match get(key::COUNTRY_RULES) {
            None => {}
            Some(Value::Text(json)) => {
                country_rules.rules = CountryRules::rules_from_json(json)
                    .map_err(|e| BundleError::Malformed(format!("country rules: {e}")))?;
            }
            Some(_) => return bad("country rules are not text"),
        }
        match get(key::VALUE_SETS) {
            None => {}
            Some(Value::Text(json)) => {
                country_rules.value_sets = CountryRules::value_sets_from_json(json)
                    .map_err(|e| BundleError::Malformed(format!("value sets: {e}")))?;
            }
            Some(_) => return bad("value sets are not text"),
        }
        country_rules
            .validate()
            .map_err(|e| BundleError::Malformed(format!("country rules: {e}")))?;
        if format == FORMAT && !country_rules.rules.is_empty() {
            return bad("country rules in a body of format 1");
        }
        let shc_directory = match get(key::SHC_DIRECTORY) {
            None => None,
            Some(Value::Text(json)) => {
                shc_directory(json).map_err(|e| {
                    BundleError::Malformed(format!("SMART Health Card issuers: {e}"))
                })?;
                Some(json.clone())
            }
            Some(_) => return bad("SMART Health Card issuers are not text"),
        };
        let bundle = Self {
            authority: authority.clone(),
            version: as_u64(need(key::VERSION, "version")?, "version")?,
            issued_at: UnixTime(as_signed(need(key::ISSUED_AT, "issued at")?, "issued at")?),
            warn_age_secs: as_signed(need(key::WARN_AGE, "warning age")?, "warning age")?,
            max_age_secs: as_signed(need(key::MAX_AGE, "maximum age")?, "maximum age")?,
            issuers,
            policies,
            overrides,
            revoked,
            dscs,
            country_rules,
            shc_directory,
        };
        if bundle.version == 0 {
            return bad("version 0");
        }
        if bundle.warn_age_secs > bundle.max_age_secs {
            return bad("the warning age is past the maximum age");
        }
        Ok(bundle)
    }
}

/// Overrides and revocations are looked up in the bundle in memory: sorted
/// at signing, checked sorted at opening, so each lookup is a binary search
/// (a million entries: twenty comparisons).
impl OverrideLookup for Bundle {
    fn override_for(&self, id: &[u8; 16]) -> Option<Override> {
        self.overrides
            .binary_search_by(|o| o.credential_id.cmp(id))
            .ok()
            .and_then(|i| self.overrides.get(i).copied())
    }

    fn is_revoked(&self, id: &[u8; 16]) -> bool {
        self.revoked.binary_search(id).is_ok()
    }
}
