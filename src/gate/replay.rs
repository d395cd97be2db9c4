//! The memory of dynamic proofs already presented at this door.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use crate::code::native::step_of;
use crate::code::{Options, ProofKey};
use crate::time::UnixTime;

/// A bounded memory of recent proofs, safe to share between threads.
/// Proofs older than the skew window can no longer pass as fresh, so they
/// are forgotten.
#[derive(Debug)]
pub struct ReplayMemory {
    seen: Mutex<HashSet<ProofKey>>,
    window_steps: u64,
    capacity: usize,
}

impl ReplayMemory {
    /// A memory for proofs accepted with `options`.
    pub fn new(options: &Options) -> Self {
        Self::with_capacity(options, 100_000)
    }

    /// A memory that holds at most `capacity` proofs.
    pub fn with_capacity(options: &Options, capacity: usize) -> Self {
        Self {
            seen: Mutex::new(HashSet::new()),
            window_steps: options.proof_skew_steps.saturating_mul(2).saturating_add(2),
            capacity,
        }
    }

    /// Whether `proof` was presented before; if not, it is remembered as
    /// presented at `now`. One step under one lock, so of two callers that
    /// present the same proof at once exactly one hears `false`.
    pub fn check_and_remember(&self, proof: ProofKey, now: UnixTime) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.contains(&proof) {
            return true;
        }
        if seen.len() >= self.capacity {
            let oldest = step_of(now).saturating_sub(self.window_steps);
            seen.retain(|p| p.step >= oldest);
        }
        if seen.len() < self.capacity {
            seen.insert(proof);
        }
        false
    }

    /// Number of proofs held.
    pub fn len(&self) -> usize {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn of_many_threads_presenting_one_proof_exactly_one_passes() {
        let memory = Arc::new(ReplayMemory::new(&Options::default()));
        let proof = ProofKey {
            credential_id: [7; 16],
            step: 100,
        };
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let m = Arc::clone(&memory);
                std::thread::spawn(move || !m.check_and_remember(proof, UnixTime(3000)))
            })
            .collect();
        let passed = threads
            .into_iter()
            .map(|t| t.join().unwrap_or(false))
            .filter(|&fresh| fresh)
            .count();
        assert_eq!(passed, 1);
        assert!(memory.check_and_remember(proof, UnixTime(3000)));
    }

    #[test]
    fn a_full_memory_forgets_proofs_too_old_to_pass() {
        let memory = ReplayMemory::with_capacity(&Options::default(), 2);
        let at = |step: u64| ProofKey {
            credential_id: [1; 16],
            step,
        };
        assert!(!memory.check_and_remember(at(1), UnixTime(30)));
        assert!(!memory.check_and_remember(at(2), UnixTime(60)));
        // Full: the old ones have aged out by step 100, so room is made.
        assert!(!memory.check_and_remember(at(100), UnixTime(3000)));
        assert_eq!(memory.len(), 1);
    }
}
