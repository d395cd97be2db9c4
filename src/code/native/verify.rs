//! Verifying a presented native code: decode, the issuer's signature, the
//! credential's own validity, the holder's dynamic proof.

use super::{
    CREDENTIAL_DOMAIN, DecodeError, MAX_LIFETIME_SECS, PREFIX, PROOF_DOMAIN, Payload, Presentation,
    STEP_SECS, SignedCredential,
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

/// Checks a presented native code (`HGC1:`, or a later version's prefix):
/// the credential inside it (see [`verify_credential`]), then the holder's
/// dynamic proof.
pub fn verify(text: &str, trust: &TrustList, now: UnixTime, options: &Options) -> Verified {
    let format = Format::Hgc1;
    if !text.starts_with(PREFIX) {
        return Verified::unverified(format, Reason::VersionUnsupported);
    }
    let code = match Presentation::from_text(text) {
        Ok(c) => c,
        Err(e) => return Verified::unverified(format, decode_reason(&e)),
    };
    let (mut out, payload) = check_credential(format, &code.credential, trust, now, options);
    let Some(payload) = payload else {
        return out;
    };
    let device_ok = PublicKeyRef::from_sec1(&payload.device_key).is_ok_and(|dk| {
        dk.verify(
            PROOF_DOMAIN,
            &[&code.credential.hash(), &code.step.to_be_bytes()],
            &code.device_sig,
        )
    });
    if device_ok {
        if step_of(now).abs_diff(code.step) > options.proof_skew_steps {
            out.problems.push(Reason::ProofStale);
        }
        out.proof = Some(ProofKey {
            credential_id: payload.claims.id,
            step: code.step,
        });
    } else {
        out.problems.push(Reason::ProofInvalid);
    }
    out
}

/// Checks an issued credential without its proof (`HGC1C:`), as a status
/// check: the issuer's signature and the credential's own validity, not
/// the holder's presence. Only where [`Options::status_checks`] allows it
/// (the batch service); a door refuses it `proof-missing`.
pub fn verify_credential(
    text: &str,
    trust: &TrustList,
    now: UnixTime,
    options: &Options,
) -> Verified {
    let format = Format::Hgc1Credential;
    let credential = match SignedCredential::from_text(text) {
        Ok(c) => c,
        Err(e) => return Verified::unverified(format, decode_reason(&e)),
    };
    check_credential(format, &credential, trust, now, options).0
}

/// The credential part of both: decode, the issuer's key and signature,
/// then the claims' own validity. The payload comes back once the
/// signature holds.
fn check_credential(
    format: Format,
    credential: &SignedCredential,
    trust: &TrustList,
    now: UnixTime,
    options: &Options,
) -> (Verified, Option<Payload>) {
    let payload = match super::decode_payload(&credential.payload) {
        Ok(p) => p,
        Err(e) => return (Verified::unverified(format, decode_reason(&e)), None),
    };
    let claims = &payload.claims;
    let mut out = Verified::unverified(format, Reason::Malformed);
    out.issuer = Some(claims.issuer.clone());
    let key = match trust.lookup(Format::Hgc1, &claims.issuer, &claims.key_id.0) {
        Lookup::Found(k) => k,
        Lookup::UnknownIssuer => {
            out.problems = vec![Reason::IssuerUnknown];
            return (out, None);
        }
        Lookup::UnknownKey => {
            out.problems = vec![Reason::KeyUnknown];
            return (out, None);
        }
    };
    // A native issuer signs with SM2 only; any other key under its name
    // cannot have signed this.
    let PublicKey::Sm2(issuer_key) = &key.key else {
        out.problems = vec![Reason::KeyUnknown];
        return (out, None);
    };
    if !issuer_key.verify(
        CREDENTIAL_DOMAIN,
        &[&credential.payload],
        &credential.issuer_sig,
    ) {
        out.problems = vec![Reason::SignatureInvalid];
        return (out, None);
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
    out.problems = problems;
    out.credential = Some(claims.credential());
    (out, Some(payload))
}
