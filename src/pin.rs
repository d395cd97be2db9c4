//! The staff PIN: stored hashed in the config, with a lockout after
//! repeated wrong tries.
//!
//! Stored form: `sm3$<iterations>$<salt hex>$<hash hex>`, the hash being SM3
//! applied `iterations` times over `salt || PIN`.

use sm2::elliptic_curve::Generate;

use crate::time::UnixTime;

/// Iterations of SM3 for new hashes.
pub const ITERATIONS: u32 = 100_000;
/// The PIN a kiosk accepts until one is configured (the staff screen says so).
pub const FACTORY_PIN: &str = "000000";

fn derive(pin: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut h = crate::crypto::sm3(&[salt, pin.as_bytes()]);
    for _ in 1..iterations {
        h = crate::crypto::sm3(&[&h, salt]);
    }
    h
}

/// Why a PIN could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is at least 4 digits")]
    TooShort,
    #[error("the system random source failed: {0}")]
    Random(String),
}

/// Hashes a PIN for the config (`[staff] pin_hash`).
pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    if pin.len() < 4 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::TooShort);
    }
    let salt = <[u8; 16]>::try_generate().map_err(|e| PinError::Random(e.to_string()))?;
    let hash = derive(pin, &salt, ITERATIONS);
    Ok(format!(
        "sm3${ITERATIONS}${}${}",
        base16ct::lower::encode_string(&salt),
        base16ct::lower::encode_string(&hash)
    ))
}

/// Checks a PIN against a stored hash; a malformed hash matches nothing.
pub fn check_pin(pin: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("sm3"), Some(iter), Some(salt), Some(hash), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(iter), Ok(salt), Ok(hash)) = (
        iter.parse::<u32>(),
        base16ct::mixed::decode_vec(salt),
        base16ct::mixed::decode_vec(hash),
    ) else {
        return false;
    };
    if iter == 0 || iter > 10_000_000 {
        return false;
    }
    let got = derive(pin, &salt, iter);
    // Compare without an early exit.
    got.len() == hash.len() && got.iter().zip(&hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The lockout state of the PIN pad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lock {
    pub failures: u32,
    pub locked_until: Option<UnixTime>,
    pub max_tries: u32,
    pub lock_secs: i64,
}

/// What a PIN attempt gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Accepted,
    /// Wrong; this many tries are left before the lockout.
    Wrong {
        left: u32,
    },
    /// Locked until this time (the PIN was not even checked).
    Locked {
        until: UnixTime,
    },
}

impl Lock {
    /// A fresh lock.
    pub fn new(max_tries: u32, lock_secs: i64) -> Self {
        Self {
            failures: 0,
            locked_until: None,
            max_tries: max_tries.max(1),
            lock_secs,
        }
    }

    /// Tries a PIN at `now` against the stored hash (or the factory PIN).
    pub fn attempt(&mut self, pin: &str, stored: Option<&str>, now: UnixTime) -> Attempt {
        if let Some(until) = self.locked_until {
            if now < until {
                return Attempt::Locked { until };
            }
            self.locked_until = None;
            self.failures = 0;
        }
        let ok = match stored {
            Some(h) => check_pin(pin, h),
            None => pin == FACTORY_PIN,
        };
        if ok {
            self.failures = 0;
            return Attempt::Accepted;
        }
        self.failures += 1;
        tracing::warn!(failures = self.failures, "wrong staff PIN");
        if self.failures >= self.max_tries {
            let until = now.plus(self.lock_secs);
            self.locked_until = Some(until);
            Attempt::Locked { until }
        } else {
            Attempt::Wrong {
                left: self.max_tries - self.failures,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_check() {
        let h = hash_pin("2468").unwrap();
        assert!(h.starts_with("sm3$"));
        assert!(check_pin("2468", &h));
        assert!(!check_pin("2469", &h));
        assert!(!check_pin("2468", "sm3$1$zz$00"));
        assert!(!check_pin("2468", ""));
        assert!(hash_pin("12").is_err());
        assert!(hash_pin("12ab").is_err());
        assert_ne!(hash_pin("2468").unwrap(), h, "salted");
    }

    #[test]
    fn lockout_after_max_tries_then_release() {
        let t0 = UnixTime(1_000_000);
        let h = hash_pin("1357").unwrap();
        let mut lock = Lock::new(3, 300);
        assert_eq!(
            lock.attempt("0000", Some(&h), t0),
            Attempt::Wrong { left: 2 }
        );
        assert_eq!(
            lock.attempt("0001", Some(&h), t0),
            Attempt::Wrong { left: 1 }
        );
        assert_eq!(
            lock.attempt("0002", Some(&h), t0),
            Attempt::Locked {
                until: t0.plus(300)
            }
        );
        // Even the right PIN is refused while locked.
        assert_eq!(
            lock.attempt("1357", Some(&h), t0.plus(299)),
            Attempt::Locked {
                until: t0.plus(300)
            }
        );
        assert_eq!(
            lock.attempt("1357", Some(&h), t0.plus(300)),
            Attempt::Accepted
        );
        assert_eq!(lock.failures, 0);
    }
}
