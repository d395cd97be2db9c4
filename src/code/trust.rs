//! The trust list: the issuer keys the kiosk accepts, parsed once so
//! verification never re-parses a key.
//!
//! A key belongs to a format's namespace (a native issuer `DE-HA` and an EU
//! country `DE` never meet), an issuer, and a key id in that format's own
//! terms: for the native code the 8-byte SM3 id of the SM2 key. A key is one
//! of several algorithms ([`PublicKey`]); SM2 is the native code's, and the
//! formats to come add theirs (ECDSA P-256, RSA-PSS, X.509 document signer
//! certificates) beside it.
//!
//! File format of a native trust list (TOML), as `healthgate-authority
//! keygen` writes it:
//!
//! ```toml
//! [[issuer]]
//! id = "DEMO-HA"                 # issuer id as it appears in codes
//! public_key = "02ab..."         # SM2, compressed SEC1, hex
//! key_id = "1a2b3c4d5e6f7a8b"   # optional; checked against the key when present
//! not_before = "2026-01-01T00:00:00Z"   # optional
//! not_after = "2027-01-01T00:00:00Z"    # optional
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::code::Format;
use crate::crypto::jwk::{self, JwkError};
use crate::crypto::x509::{Dsc, DscError, DscKey, Usage};
use crate::crypto::{KeyError, KeyId, PublicKeyRef};
use crate::time::{TimeError, UnixTime};

/// A public key of one of the algorithms the trust list can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// SM2 with SM3 (GB/T 32918), the native code's.
    Sm2(PublicKeyRef),
    /// An EU DCC document signer's key (ECDSA P-256 or RSA-PSS), with the
    /// certificate types its certificate lets it sign.
    Dsc { key: DscKey, usage: Usage },
    /// A SMART Health Card issuer's ES256 key, from an issuer directory.
    Shc(Box<ShcKey>),
}

/// A SMART Health Card issuer key as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShcKey {
    pub key: DscKey,
    /// The directory's name for the issuer, e.g. "State of Example".
    pub name: String,
    /// The key's revocation list, when the key has one (`crlVersion`).
    pub crl: Option<ShcCrl>,
}

/// A key's revocation list: revoked `rid`s, each with the time before
/// which cards with it are revoked (`None`: every card with it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShcCrl {
    pub version: u64,
    pub rids: BTreeMap<String, Option<i64>>,
}

impl ShcCrl {
    /// Whether a card with `rid`, not valid before `nbf`, is revoked.
    pub fn revokes(&self, rid: &str, nbf: i64) -> bool {
        match self.rids.get(rid) {
            None => false,
            Some(None) => true,
            Some(Some(before)) => nbf < *before,
        }
    }
}

impl PublicKey {
    /// The algorithm's name, for staff and logs.
    pub fn algorithm(&self) -> &'static str {
        match self {
            Self::Sm2(_) => "SM2",
            Self::Dsc { key, .. } => key.algorithm(),
            Self::Shc(k) => k.key.algorithm(),
        }
    }
}

/// One trusted issuer key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// The format whose codes this key signs.
    pub format: Format,
    /// The issuer as that format names it.
    pub issuer: String,
    /// The key id as that format's codes carry it.
    pub key_id: Vec<u8>,
    pub key: PublicKey,
    pub not_before: Option<UnixTime>,
    pub not_after: Option<UnixTime>,
}

impl TrustedKey {
    /// A native issuer's SM2 key, with its SM3 key id.
    pub fn native(issuer: &str, key: PublicKeyRef) -> Self {
        Self {
            format: Format::Hgc1,
            issuer: issuer.to_string(),
            key_id: key.key_id().0.to_vec(),
            // An issuer's key verifies every code: it gets a table of its own.
            key: PublicKey::Sm2(key.with_table()),
            not_before: None,
            not_after: None,
        }
    }

    /// An EU DCC document signer certificate's key, trusted for `country`
    /// (the country of its subject where none is given).
    pub fn dsc(dsc: &Dsc, country: Option<&str>) -> Self {
        Self {
            format: Format::Dcc,
            issuer: country
                .or(dsc.country.as_deref())
                .unwrap_or("")
                .to_ascii_uppercase(),
            key_id: dsc.kid.to_vec(),
            key: PublicKey::Dsc {
                key: dsc.key.clone(),
                usage: dsc.usage,
            },
            not_before: Some(dsc.not_before),
            not_after: Some(dsc.not_after),
        }
    }

    /// Whether the key was valid at `t`.
    pub fn valid_at(&self, t: UnixTime) -> bool {
        self.not_before.is_none_or(|nb| t >= nb) && self.not_after.is_none_or(|na| t <= na)
    }
}

/// Why a trust list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("cannot read trust list {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("trust list {}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: Box<TrustError>,
    },
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    #[error("issuer #{n} (`{issuer}`): {source}")]
    Key {
        n: usize,
        issuer: String,
        source: KeyError,
    },
    #[error(
        "issuer #{n} (`{issuer}`): key_id {claimed} does not match the public key (its id is {actual})"
    )]
    KeyIdMismatch {
        n: usize,
        issuer: String,
        claimed: KeyId,
        actual: KeyId,
    },
    #[error("{0}")]
    Dsc(#[from] DscError),
    #[error("the file is not text, nor a DER certificate")]
    NotText,
    #[error("not a trust list: {0}")]
    Json(String),
    #[error("entry #{n}: {source}")]
    Entry { n: usize, source: DscError },
    #[error("entry #{n}: its kid is not the key id of its certificate")]
    KidMismatch { n: usize },
    #[error("SMART Health Card issuer #{n} (`{iss}`), key {key}: {source}")]
    ShcKey {
        n: usize,
        iss: String,
        key: usize,
        source: JwkError,
    },
    #[error("SMART Health Card issuer #{n} (`{iss}`): {problem}")]
    ShcIssuer {
        n: usize,
        iss: String,
        problem: String,
    },
    #[error("issuer #{n} (`{issuer}`): {source}")]
    Time {
        n: usize,
        issuer: String,
        source: TimeError,
    },
}

/// Keys by format and issuer, then by key id.
#[derive(Debug, Clone, Default)]
pub struct TrustList {
    keys: HashMap<(Format, String), HashMap<Vec<u8>, TrustedKey>>,
}

/// Lookup result.
#[derive(Debug)]
pub enum Lookup<'a> {
    Found(&'a TrustedKey),
    UnknownIssuer,
    UnknownKey,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    id: String,
    public_key: String,
    key_id: Option<String>,
    not_before: Option<String>,
    not_after: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    issuer: Vec<FileEntry>,
}

impl TrustList {
    /// Adds a key (a key with the same format, issuer and id is replaced;
    /// a SMART Health Card key keeps the revocations of both, so a list
    /// added later can never lift a revocation).
    pub fn insert(&mut self, mut key: TrustedKey) {
        let keys = self
            .keys
            .entry((key.format, key.issuer.clone()))
            .or_default();
        if let (Some(old), PublicKey::Shc(new)) = (keys.get(&key.key_id), &mut key.key)
            && let PublicKey::Shc(old) = &old.key
            && let Some(old_crl) = &old.crl
        {
            let crl = new.crl.get_or_insert_with(ShcCrl::default);
            crl.version = crl.version.max(old_crl.version);
            for (rid, before) in &old_crl.rids {
                let merged = match (crl.rids.get(rid).copied(), *before) {
                    // Whichever revokes more: every card, else the later time.
                    (None, b) => b,
                    (Some(None), _) | (_, None) => None,
                    (Some(Some(a)), Some(b)) => Some(a.max(b)),
                };
                crl.rids.insert(rid.clone(), merged);
            }
        }
        keys.insert(key.key_id.clone(), key);
    }

    /// Adds every key of another list.
    pub fn extend(&mut self, other: &TrustList) {
        for k in other.keys() {
            self.insert(k.clone());
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.values().map(HashMap::len).sum()
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = &TrustedKey> {
        self.keys.values().flat_map(HashMap::values)
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finds a key of `format` by its id alone, whatever its issuer (an EU
    /// DCC names its signer by key id; the issuing country is a claim of
    /// the payload, not part of the lookup).
    pub fn lookup_kid(&self, format: Format, key_id: &[u8]) -> Option<&TrustedKey> {
        // Deterministic when two issuers list the same key: the first by name.
        self.keys
            .iter()
            .filter(|((f, _), _)| *f == format)
            .filter_map(|((_, issuer), keys)| keys.get(key_id).map(|k| (issuer, k)))
            .min_by(|a, b| a.0.cmp(b.0))
            .map(|(_, k)| k)
    }

    /// Finds the key of `format` for an issuer and key id.
    pub fn lookup(&self, format: Format, issuer: &str, key_id: &[u8]) -> Lookup<'_> {
        match self.keys.get(&(format, issuer.to_string())) {
            None => Lookup::UnknownIssuer,
            Some(keys) => keys.get(key_id).map_or(Lookup::UnknownKey, Lookup::Found),
        }
    }

    /// Parses the TOML text of a native trust-list file.
    pub fn from_toml(text: &str) -> Result<Self, TrustError> {
        let shape: FileShape = toml::from_str(text)?;
        let mut list = Self::default();
        for (i, e) in shape.issuer.into_iter().enumerate() {
            let n = i + 1;
            let issuer = e.id.clone();
            let key = PublicKeyRef::from_hex(&e.public_key).map_err(|source| TrustError::Key {
                n,
                issuer: issuer.clone(),
                source,
            })?;
            if let Some(kid) = &e.key_id {
                let claimed = KeyId::from_hex(kid).map_err(|source| TrustError::Key {
                    n,
                    issuer: issuer.clone(),
                    source,
                })?;
                if claimed != key.key_id() {
                    return Err(TrustError::KeyIdMismatch {
                        n,
                        issuer,
                        claimed,
                        actual: key.key_id(),
                    });
                }
            }
            let time = |t: &Option<String>| {
                t.as_deref()
                    .map(UnixTime::parse)
                    .transpose()
                    .map_err(|source| TrustError::Time {
                        n,
                        issuer: issuer.clone(),
                        source,
                    })
            };
            list.insert(TrustedKey {
                not_before: time(&e.not_before)?,
                not_after: time(&e.not_after)?,
                ..TrustedKey::native(&e.id, key)
            });
        }
        Ok(list)
    }

    /// Reads a trust-list file: a native trust list (TOML), an EU DCC
    /// document signer certificate (DER, PEM or base64 DER text, trusted
    /// for the country in its subject), or a DCC gateway trust list (JSON).
    pub fn load(path: &Path) -> Result<Self, TrustError> {
        let bytes = std::fs::read(path).map_err(|source| TrustError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes).map_err(|e| TrustError::File {
            path: path.to_path_buf(),
            source: Box::new(e),
        })
    }

    /// The trust list in a file's bytes, of any kind [`Self::load`] reads.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TrustError> {
        if bytes.first() == Some(&0x30) {
            return Ok(Self::of_dsc(&Dsc::from_der(bytes)?));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| TrustError::NotText)?;
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.starts_with("-----BEGIN CERTIFICATE-----") {
            return Ok(Self::of_dsc(&Dsc::from_bytes(trimmed.as_bytes())?));
        }
        // JSON (a gateway trust list) only if it parses as JSON: a TOML
        // trust list opens with `[[issuer]]` too.
        if (trimmed.starts_with('[') || trimmed.starts_with('{'))
            && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok()
        {
            if trimmed.contains("\"participating_issuers\"") {
                return Self::from_shc_directory(trimmed);
            }
            return Self::from_gateway_json(trimmed);
        }
        // Base64 DER of a certificate: nothing but the base64 alphabet.
        let base64 = |c: char| c.is_ascii_alphanumeric() || "+/=".contains(c) || c.is_whitespace();
        if !trimmed.is_empty() && trimmed.chars().all(base64) {
            return Ok(Self::of_dsc(&Dsc::from_bytes(trimmed.as_bytes())?));
        }
        Self::from_toml(text)
    }

    fn of_dsc(dsc: &Dsc) -> Self {
        let mut list = Self::default();
        list.insert(TrustedKey::dsc(dsc, None));
        list
    }

    /// A DCC gateway trust list: a JSON array (or `{"certificates": [...]}`)
    /// of `{"kid", "country", "certificateType", "rawData", ...}`. Only
    /// document signers (`DSC`, or entries without a type) are taken; the
    /// key id is computed from the certificate, and an entry whose `kid`
    /// says otherwise is refused.
    pub fn from_gateway_json(text: &str) -> Result<Self, TrustError> {
        let mut list = Self::default();
        for e in gateway_signers(text)? {
            list.insert(TrustedKey::dsc(&e.dsc, e.country.as_deref()));
        }
        Ok(list)
    }

    /// A SMART Health Card issuer directory, in the shape of the VCI
    /// directory's snapshot: `{"participating_issuers": [{"issuer": {"iss",
    /// "name"}, "keys": [JWK, ...] (or {"keys": [...]}), "crls": [CRL,
    /// ...]}]}`. Keys are ES256 JWKs named by their thumbprint; a key with a
    /// private part, a `kid` that is not its thumbprint, or a CRL that
    /// breaks the spec's rules (method `rid`, `ctr` equal to the key's
    /// `crlVersion`, rids of base64url at most 24 characters, none twice)
    /// refuses the directory with the issuer's place in it.
    pub fn from_shc_directory(text: &str) -> Result<Self, TrustError> {
        let mut list = Self::default();
        for key in shc_directory(text)? {
            list.insert(key);
        }
        Ok(list)
    }

    /// The TOML entry for one native key, as written by `keygen`.
    pub fn entry_toml(issuer: &str, key: &PublicKeyRef) -> String {
        format!(
            "[[issuer]]\nid = \"{issuer}\"\nkey_id = \"{}\"\npublic_key = \"{}\"\n# not_before = \"2026-01-01T00:00:00Z\"\n# not_after = \"2027-01-01T00:00:00Z\"\n",
            key.key_id(),
            base16ct::lower::encode_string(&key.to_compressed()),
        )
    }
}

/// One document signer of a gateway trust list.
#[derive(Debug, Clone)]
pub struct GatewaySigner {
    /// The country the list names (else the certificate's subject's).
    pub country: Option<String>,
    pub dsc: Dsc,
    /// The certificate's DER.
    pub der: Vec<u8>,
}

/// The document signers of a DCC gateway trust list (see
/// [`TrustList::from_gateway_json`]).
pub fn gateway_signers(text: &str) -> Result<Vec<GatewaySigner>, TrustError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Entry {
        kid: Option<String>,
        country: Option<String>,
        certificate_type: Option<String>,
        raw_data: String,
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        List(Vec<Entry>),
        Wrapped { certificates: Vec<Entry> },
    }
    let shape: Shape = serde_json::from_str(text).map_err(|e| TrustError::Json(e.to_string()))?;
    let entries = match shape {
        Shape::List(e) | Shape::Wrapped { certificates: e } => e,
    };
    let mut out = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        let n = i + 1;
        if e.certificate_type
            .as_deref()
            .is_some_and(|t| !t.eq_ignore_ascii_case("DSC"))
        {
            continue;
        }
        let der = crate::crypto::x509::der_of_text(&e.raw_data).ok_or(TrustError::Entry {
            n,
            source: DscError::Encoding,
        })?;
        let dsc = Dsc::from_der(&der).map_err(|source| TrustError::Entry { n, source })?;
        if let Some(kid) = &e.kid {
            let stated = crate::crypto::x509::der_of_text(kid);
            if stated.as_deref() != Some(&dsc.kid[..]) {
                return Err(TrustError::KidMismatch { n });
            }
        }
        out.push(GatewaySigner {
            country: e.country.map(|c| c.trim().to_ascii_uppercase()),
            dsc,
            der,
        });
    }
    Ok(out)
}

/// The keys of a SMART Health Card issuer directory (see
/// [`TrustList::from_shc_directory`]).
pub fn shc_directory(text: &str) -> Result<Vec<TrustedKey>, TrustError> {
    use serde_json::Value;
    let doc: Value = serde_json::from_str(text).map_err(|e| TrustError::Json(e.to_string()))?;
    let Some(issuers) = doc.get("participating_issuers").and_then(Value::as_array) else {
        return Err(TrustError::Json(
            "no participating_issuers list (a SMART Health Card issuer directory)".into(),
        ));
    };
    let mut out = Vec::new();
    for (i, entry) in issuers.iter().enumerate() {
        let n = i + 1;
        // The snapshot's shape (`{"issuer": {"iss", "name"}, "keys", ...}`)
        // or the directory's flat one (`{"iss", "name"}`).
        let field = |name: &str| {
            entry
                .get("issuer")
                .and_then(|i| i.get(name))
                .or_else(|| entry.get(name))
                .and_then(Value::as_str)
        };
        let iss = field("iss").unwrap_or_default().to_string();
        let problem = |problem: &str| TrustError::ShcIssuer {
            n,
            iss: iss.clone(),
            problem: problem.to_string(),
        };
        if !iss.starts_with("https://") || iss.ends_with('/') {
            return Err(problem("iss must be an https:// URL without a trailing /"));
        }
        let name = field("name").unwrap_or(&iss).to_string();
        let none = Vec::new();
        let keys = match entry.get("keys") {
            // An issuer listed without keys is known but trusts no card.
            None => &none,
            Some(Value::Array(k)) => k,
            Some(Value::Object(jwks)) => match jwks.get("keys") {
                Some(Value::Array(k)) => k,
                _ => return Err(problem("keys is not a list of JWKs")),
            },
            _ => return Err(problem("keys is not a list of JWKs")),
        };
        let mut crls: BTreeMap<String, ShcCrl> = BTreeMap::new();
        for crl in entry
            .get("crls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let kid = crl.get("kid").and_then(Value::as_str).unwrap_or_default();
            if crl.get("method").and_then(Value::as_str) != Some("rid") {
                return Err(problem("a CRL's method must be rid"));
            }
            let version = crl
                .get("ctr")
                .and_then(Value::as_u64)
                .ok_or_else(|| problem("a CRL has no ctr"))?;
            let mut rids = BTreeMap::new();
            for rid in crl
                .get("rids")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = rid.as_str().ok_or_else(|| problem("a rid is not text"))?;
                let (id, before) = match text.split_once('.') {
                    Some((id, ts)) => (
                        id,
                        Some(
                            ts.parse::<i64>()
                                .map_err(|_| problem("a rid's timestamp is not a number"))?,
                        ),
                    ),
                    None => (text, None),
                };
                let base64url = id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if id.is_empty() || id.len() > 24 || !base64url {
                    return Err(problem("a rid must be base64url of at most 24 characters"));
                }
                if rids.insert(id.to_string(), before).is_some() {
                    return Err(problem("a rid appears twice in a CRL"));
                }
            }
            if crls
                .insert(kid.to_string(), ShcCrl { version, rids })
                .is_some()
            {
                return Err(problem("two CRLs name the same key"));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (k, jwk_value) in keys.iter().enumerate() {
            let jwk = jwk::p256(jwk_value).map_err(|source| TrustError::ShcKey {
                n,
                iss: iss.clone(),
                key: k + 1,
                source,
            })?;
            if !seen.insert(jwk.thumbprint.clone()) {
                return Err(problem("a key is listed twice"));
            }
            let crl_version = jwk_value.get("crlVersion").and_then(Value::as_u64);
            let crl = match (crl_version, crls.remove(&jwk.thumbprint)) {
                (Some(v), Some(crl)) if crl.version == v => Some(crl),
                (Some(_), Some(_)) => {
                    return Err(problem("a CRL's ctr is not its key's crlVersion"));
                }
                (Some(v), None) => Some(ShcCrl {
                    version: v,
                    rids: BTreeMap::new(),
                }),
                (None, Some(_)) => return Err(problem("a CRL names a key without crlVersion")),
                (None, None) => None,
            };
            out.push(TrustedKey {
                format: Format::Shc,
                issuer: iss.clone(),
                key_id: jwk.thumbprint.into_bytes(),
                key: PublicKey::Shc(Box::new(ShcKey {
                    key: DscKey::P256(jwk.key),
                    name: name.clone(),
                    crl,
                })),
                not_before: None,
                not_after: None,
            });
        }
        if let Some(kid) = crls.keys().next() {
            return Err(problem(&format!(
                "a CRL names key {kid}, which is not listed"
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::PrivateKey;

    #[test]
    fn keys_are_found_by_format_issuer_and_id() {
        let key = PrivateKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let public = key.public();
        let mut list = TrustList::default();
        list.insert(TrustedKey::native("DE", public.clone()));
        let id = public.key_id().0;
        assert!(matches!(
            list.lookup(Format::Hgc1, "DE", &id),
            Lookup::Found(_)
        ));
        assert!(matches!(
            list.lookup(Format::Hgc1, "DE", &[0; 8]),
            Lookup::UnknownKey
        ));
        // Another format's issuer of the same name is another issuer.
        assert!(matches!(
            list.lookup(Format::Dcc, "DE", &id),
            Lookup::UnknownIssuer
        ));
        let toml = TrustList::entry_toml("DE", &public);
        let again = TrustList::from_toml(&toml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.len(), 1);
        let bad = toml.replace(&public.key_id().to_string(), "0011223344556677");
        assert!(matches!(
            TrustList::from_toml(&bad),
            Err(TrustError::KeyIdMismatch { n: 1, .. })
        ));
    }
}
