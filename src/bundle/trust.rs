//! The trust list: issuer keys the kiosk accepts, each with a key id and an
//! optional validity window. Parsed once, so verification never re-parses a
//! key.
//!
//! File format (TOML), as `healthgate-authority keygen` writes it:
//!
//! ```toml
//! [[issuer]]
//! id = "DEMO-HA"                 # issuer id as it appears in codes
//! public_key = "02ab..."         # compressed SEC1, hex
//! key_id = "1a2b3c4d5e6f7a8b"   # optional; checked against the key when present
//! not_before = "2026-01-01T00:00:00Z"   # optional
//! not_after = "2027-01-01T00:00:00Z"    # optional
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::crypto::{KeyId, PublicKeyRef};
use crate::time::UnixTime;

/// One trusted issuer key.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    pub issuer: String,
    pub key: PublicKeyRef,
    pub not_before: Option<UnixTime>,
    pub not_after: Option<UnixTime>,
}

impl TrustedKey {
    /// Whether the key was valid at `t`.
    pub fn valid_at(&self, t: UnixTime) -> bool {
        self.not_before.is_none_or(|nb| t >= nb) && self.not_after.is_none_or(|na| t <= na)
    }
}

/// Issuer keys by issuer id and key id.
#[derive(Debug, Clone, Default)]
pub struct TrustList {
    keys: HashMap<String, HashMap<KeyId, TrustedKey>>,
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
    /// Adds a key.
    pub fn insert(&mut self, key: TrustedKey) {
        self.keys
            .entry(key.issuer.clone())
            .or_default()
            .insert(key.key.key_id(), key);
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

    /// Finds the key for an issuer and key id.
    pub fn lookup(&self, issuer: &str, key_id: &KeyId) -> Lookup<'_> {
        match self.keys.get(issuer) {
            None => Lookup::UnknownIssuer,
            Some(keys) => keys.get(key_id).map_or(Lookup::UnknownKey, Lookup::Found),
        }
    }

    /// Parses the TOML text of a trust-list file.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let shape: FileShape = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut list = Self::default();
        for (n, e) in shape.issuer.into_iter().enumerate() {
            let at = |what: &str| format!("issuer #{} (`{}`): {what}", n + 1, e.id);
            let key = PublicKeyRef::from_hex(&e.public_key).map_err(|err| at(&err.0))?;
            if let Some(kid) = &e.key_id {
                let kid = KeyId::from_hex(kid).map_err(|err| at(&err.0))?;
                if kid != key.key_id() {
                    return Err(at(&format!(
                        "key_id {kid} does not match the public key (its id is {})",
                        key.key_id()
                    )));
                }
            }
            let time = |t: &Option<String>| t.as_deref().map(UnixTime::parse).transpose();
            list.insert(TrustedKey {
                issuer: e.id.clone(),
                not_before: time(&e.not_before).map_err(|err| at(&err))?,
                not_after: time(&e.not_after).map_err(|err| at(&err))?,
                key,
            });
        }
        Ok(list)
    }

    /// Reads a trust-list file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read trust list {}: {e}", path.display()))?;
        Self::from_toml(&text).map_err(|e| format!("trust list {}: {e}", path.display()))
    }

    /// The TOML entry for one key, as written by `keygen`.
    pub fn entry_toml(issuer: &str, key: &PublicKeyRef) -> String {
        format!(
            "[[issuer]]\nid = \"{issuer}\"\nkey_id = \"{}\"\npublic_key = \"{}\"\n# not_before = \"2026-01-01T00:00:00Z\"\n# not_after = \"2027-01-01T00:00:00Z\"\n",
            key.key_id(),
            base16ct::lower::encode_string(&key.to_compressed()),
        )
    }
}
