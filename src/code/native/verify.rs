//! Verifying a presented native code: decode, the issuer's signature, the
//! credential's own validity, the holder's dynamic proof.

use super::{
    CREDENTIAL_DOMAIN, DecodeError, MAX_LIFETIME_SECS, PREFIX, PROOF_DOMAIN, Presentation,
    STEP_SECS,
};
use crate::code::trust::{Lookup, PublicKey, TrustList};
use crate::code::{Format, Options, ProofKey, Verified};
use crate::crypto::PublicKeyRef;
use crate::time::UnixTime;
use crate::verdict::Reason;

/// The time step that contains `t`.
pub fn step_of(t: UnixTime) -> u64 {
    u64::try_from(t.0.div_euclid(STEP_SECS)).unwrap_or(0)
}

fn decode_reason(e: &DecodeError) -> Reason {
    match e {
        DecodeError::Malformed(_) => Reason::Malformed,
        DecodeError::VersionUnsupported(_) => Reason::VersionUnsupported,
    }
}

/// Checks a presented native code (`HGC1:`, or a later version's prefix).
pub fn verify(text: &str, trust: &TrustList, now: UnixTime, options: &Options) -> Verified {
    let format = Format::Hgc1;
    if !text.starts_with(PREFIX) {
        return Verified::unverified(format, Reason::VersionUnsupported);
    }
    let code = match Presentation::from_text(text) {
        Ok(c) => c,
        Err(e) => return Verified::unverified(format, decode_reason(&e)),
    };
    let payload = match super::decode_payload(&code.credential.payload) {
        Ok(p) => p,
        Err(e) => return Verified::unverified(format, decode_reason(&e)),
    };
    let claims = &payload.claims;
    let mut out = Verified::unverified(format, Reason::Malformed);
    out.issuer = Some(claims.issuer.clone());
    let key = match trust.lookup(format, &claims.issuer, &claims.key_id.0) {
        Lookup::Found(k) => k,
        Lookup::UnknownIssuer => {
            out.problems = vec![Reason::IssuerUnknown];
            return out;
        }
        Lookup::UnknownKey => {
            out.problems = vec![Reason::KeyUnknown];
            return out;
        }
    };
    // A native issuer signs with SM2 only; any other key under its name
    // cannot have signed this.
    let PublicKey::Sm2(issuer_key) = &key.key else {
        out.problems = vec![Reason::KeyUnknown];
        return out;
    };
    if !issuer_key.verify(
        CREDENTIAL_DOMAIN,
        &[&code.credential.payload],
        &code.credential.issuer_sig,
    ) {
        out.problems = vec![Reason::SignatureInvalid];
        return out;
    }
    // From here on the claims are the issuer's word.
    let mut problems = Vec::new();
    if !key.valid_at(claims.issued_at) {
        problems.push(Reason::KeyNotValid);
    }
    if claims.expires_at.0 - claims.issued_at.0 > MAX_LIFETIME_SECS {
        problems.push(Reason::CredentialTooLong);
    }
    if claims.issued_at.0 > now.0.saturating_add(options.clock_skew_secs) {
        problems.push(Reason::CredentialNotYetValid);
    }
    if now >= claims.expires_at {
        problems.push(Reason::CredentialExpired);
    }
    let device_ok = PublicKeyRef::from_sec1(&payload.device_key).is_ok_and(|dk| {
        dk.verify(
            PROOF_DOMAIN,
            &[&code.credential.hash(), &code.step.to_be_bytes()],
            &code.device_sig,
        )
    });
    if device_ok {
        if step_of(now).abs_diff(code.step) > options.proof_skew_steps {
            problems.push(Reason::ProofStale);
        }
        out.proof = Some(ProofKey {
            credential_id: claims.id,
            step: code.step,
        });
    } else {
        problems.push(Reason::ProofInvalid);
    }
    out.problems = problems;
    out.credential = Some(claims.credential());
    out
}
