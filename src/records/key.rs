//! The kiosk's secret for hashing credential ids in the records.

use std::path::Path;

use hmac::{KeyInit, Mac};
use sm2::elliptic_curve::Generate;

use crate::files::{self, FileError};

/// Why the key file could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("the system random source failed: {0}")]
    Random(String),
    #[error(transparent)]
    File(#[from] FileError),
}

/// The kiosk's secret for hashing credential ids.
#[derive(Clone)]
pub struct HolderKey([u8; 32]);

impl std::fmt::Debug for HolderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HolderKey(..)")
    }
}

impl HolderKey {
    /// Reads the key file, or makes one (owner-only) if there is none.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyFileError> {
        if let Ok(text) = std::fs::read_to_string(path) {
            let mut key = [0u8; 32];
            if base16ct::mixed::decode(text.trim(), &mut key).map(<[u8]>::len) == Ok(32) {
                return Ok(Self(key));
            }
            tracing::warn!(
                "records: the key file {} is damaged; making a new one",
                path.display()
            );
        }
        let key = <[u8; 32]>::try_generate().map_err(|e| KeyFileError::Random(e.to_string()))?;
        if let Some(dir) = path.parent() {
            let _ = files::private_dir(dir);
        }
        files::write_private(path, &base16ct::lower::encode_string(&key), true)?;
        Ok(Self(key))
    }

    /// The key kept beside a records database (`records.key`), made on first
    /// use; a random one for this run when it cannot be read or written.
    pub fn beside(records_path: &Path) -> Self {
        let Some(dir) = records_path.parent() else {
            return Self::random();
        };
        Self::load_or_create(&dir.join("records.key")).unwrap_or_else(|e| {
            tracing::warn!("records: {e}; repeated scans will not be linked after a restart");
            Self::random()
        })
    }

    /// A key for tests and one-off runs.
    pub fn random() -> Self {
        Self(<[u8; 32]>::try_generate().unwrap_or([7; 32]))
    }

    /// HMAC-SM3 of a credential id, first 16 bytes, hex.
    pub fn hash(&self, credential_id: &[u8; 16]) -> String {
        let mut mac =
            <hmac::Hmac<sm3::Sm3> as KeyInit>::new_from_slice(&self.0).unwrap_or_else(|_| {
                <hmac::Hmac<sm3::Sm3> as KeyInit>::new(&hmac::digest::array::Array::default())
            });
        mac.update(credential_id);
        let out = mac.finalize().into_bytes();
        base16ct::lower::encode_string(out.get(..16).unwrap_or_default())
    }
}
