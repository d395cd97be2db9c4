//! The verification core: `text + trust list + now -> Outcome`.
//!
//! Pure: no I/O, no clock, no global state. What was seen before (for replay)
//! is asked of the caller through [`SeenProofs`], and the proof to remember is
//! handed back in [`Outcome::proof`]; [`ReplayMemory`] is a ready memory.

use std::collections::HashSet;

use crate::bundle::trust::{Lookup, TrustList};
use crate::code::native::{self, DecodeError, Presentation};
use crate::code::{CodeColour, Credential, Format};
use crate::rules::{Reason, Verdict};
use crate::time::UnixTime;

/// Knobs of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Time steps (of 30 s) a proof may be off the kiosk's step, either way.
    pub proof_skew_steps: u64,
    /// Seconds a credential's issue time may lie in the kiosk's future.
    pub clock_skew_secs: i64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            proof_skew_steps: 1,
            clock_skew_secs: 300,
        }
    }
}

/// Identifies one dynamic proof: a credential at a time step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProofKey {
    pub credential_id: [u8; 16],
    pub step: u64,
}

/// The caller's memory of proofs already presented.
pub trait SeenProofs {
    /// Whether this proof was presented before.
    fn has_seen(&self, proof: &ProofKey) -> bool;
}

/// No memory: every proof is new (batch checks of unrelated codes).
impl SeenProofs for () {
    fn has_seen(&self, _: &ProofKey) -> bool {
        false
    }
}

/// What the core found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub verdict: Verdict,
    pub format: Format,
    /// The issuer the code claims, once it could be read (even when unknown).
    pub issuer: Option<String>,
    /// The credential, only when the issuer's signature holds.
    pub credential: Option<Credential>,
    /// The proof to remember, when the device's signature holds.
    pub proof: Option<ProofKey>,
}

impl Outcome {
    fn grey(format: Format, reason: Reason) -> Self {
        Self {
            verdict: Verdict::grey(reason),
            format,
            issuer: None,
            credential: None,
            proof: None,
        }
    }

    /// The language the verdict should be shown and spoken in, if the
    /// holder chose one.
    pub fn language(&self) -> Option<&str> {
        self.credential.as_ref().and_then(|c| c.language.as_deref())
    }
}

/// Checks one code text.
pub fn verify(
    text: &str,
    trust: &TrustList,
    now: UnixTime,
    options: &Options,
    seen: &dyn SeenProofs,
) -> Outcome {
    let text = text.trim();
    let format = Format::detect(text);
    match format {
        Format::Hgc1 => verify_native(text, trust, now, options, seen),
        Format::Hgc1Credential => Outcome::grey(format, Reason::ProofMissing),
        Format::Unknown if text.is_empty() => Outcome::grey(format, Reason::Malformed),
        Format::Unknown if is_other_native_version(text) => {
            Outcome::grey(Format::Hgc1, Reason::VersionUnsupported)
        }
        Format::Dcc | Format::Shc | Format::Unknown => {
            Outcome::grey(format, Reason::FormatUnsupported)
        }
    }
}

/// `HGC2:` ... `HGC9:`: a native code of a later major version.
fn is_other_native_version(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 5
        && b.starts_with(b"HGC")
        && b.get(3).is_some_and(u8::is_ascii_digit)
        && b.get(4) == Some(&b':')
}

fn verify_native(
    text: &str,
    trust: &TrustList,
    now: UnixTime,
    options: &Options,
    seen: &dyn SeenProofs,
) -> Outcome {
    let format = Format::Hgc1;
    let code = match Presentation::from_text(text) {
        Ok(c) => c,
        Err(DecodeError::Malformed(_)) => return Outcome::grey(format, Reason::Malformed),
        Err(DecodeError::VersionUnsupported(_)) => {
            return Outcome::grey(format, Reason::VersionUnsupported);
        }
    };
    let payload = match native::decode_payload(&code.credential.payload) {
        Ok(p) => p,
        Err(DecodeError::Malformed(_)) => return Outcome::grey(format, Reason::Malformed),
        Err(DecodeError::VersionUnsupported(_)) => {
            return Outcome::grey(format, Reason::VersionUnsupported);
        }
    };
    let claimed = &payload.credential;
    let mut outcome = Outcome::grey(format, Reason::Malformed);
    outcome.issuer = Some(claimed.issuer.clone());

    let key = match trust.lookup(&claimed.issuer, &claimed.key_id) {
        Lookup::Found(k) => k,
        Lookup::UnknownIssuer => {
            outcome.verdict = Verdict::grey(Reason::IssuerUnknown);
            return outcome;
        }
        Lookup::UnknownKey => {
            outcome.verdict = Verdict::grey(Reason::KeyUnknown);
            return outcome;
        }
    };
    if !key.key.verify(
        native::CREDENTIAL_DOMAIN,
        &[&code.credential.payload],
        &code.credential.issuer_sig,
    ) {
        outcome.verdict = Verdict::grey(Reason::SignatureInvalid);
        return outcome;
    }
    // From here on the credential is the issuer's word.
    let credential = payload.credential;
    let mut reasons = Vec::new();
    if !key.valid_at(credential.issued_at) {
        reasons.push(Reason::KeyNotValid);
    }
    if credential.expires_at.0 - credential.issued_at.0 > native::MAX_LIFETIME_SECS {
        reasons.push(Reason::CredentialTooLong);
    }
    if credential.issued_at.0 > now.0.saturating_add(options.clock_skew_secs) {
        reasons.push(Reason::CredentialNotYetValid);
    }
    if now >= credential.expires_at {
        reasons.push(Reason::CredentialExpired);
    }
    let device_ok = crate::crypto::PublicKeyRef::from_sec1(&payload.device_key).is_ok_and(|dk| {
        dk.verify(
            native::PROOF_DOMAIN,
            &[&code.credential.hash(), &code.step.to_be_bytes()],
            &code.device_sig,
        )
    });
    if device_ok {
        let proof = ProofKey {
            credential_id: credential.id,
            step: code.step,
        };
        if native::step_of(now).abs_diff(code.step) > options.proof_skew_steps {
            reasons.push(Reason::ProofStale);
        }
        if seen.has_seen(&proof) {
            reasons.push(Reason::ProofReplayed);
        }
        outcome.proof = Some(proof);
    } else {
        reasons.push(Reason::ProofInvalid);
    }
    match credential.colour {
        CodeColour::Green => {}
        CodeColour::Yellow => reasons.push(Reason::CodeYellow),
        CodeColour::Red => reasons.push(Reason::CodeRed),
    }
    outcome.verdict = Verdict::from_reasons(reasons);
    outcome.credential = Some(credential);
    outcome
}

/// A bounded memory of recent proofs. Proofs older than the skew window can
/// no longer pass as fresh, so they are forgotten.
#[derive(Debug, Clone)]
pub struct ReplayMemory {
    seen: HashSet<ProofKey>,
    window_steps: u64,
    capacity: usize,
}

impl ReplayMemory {
    /// A memory for proofs accepted with `options`.
    pub fn new(options: &Options) -> Self {
        Self {
            seen: HashSet::new(),
            window_steps: options.proof_skew_steps.saturating_mul(2).saturating_add(2),
            capacity: 100_000,
        }
    }

    /// Remembers a proof presented at `now`, forgetting those that have aged out.
    pub fn remember(&mut self, proof: ProofKey, now: UnixTime) {
        let oldest = native::step_of(now).saturating_sub(self.window_steps);
        if self.seen.len() >= self.capacity {
            self.seen.retain(|p| p.step >= oldest);
        }
        if self.seen.len() < self.capacity {
            self.seen.insert(proof);
        }
    }

    /// Number of proofs held.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

impl SeenProofs for ReplayMemory {
    fn has_seen(&self, proof: &ProofKey) -> bool {
        self.seen.contains(proof)
    }
}
