//! Verdicts, and the rules that decide them: the venue's CertLogic policy,
//! the authority's overrides and revocations, and the age of the rules.

pub mod certlogic;
pub mod policy;
mod verdict;

pub use verdict::{Colour, Reason, Verdict};

use crate::bundle::format::Override;
use crate::code::CodeColour;
use crate::time::UnixTime;
use crate::verify::Outcome;

/// Where overrides and revocations are looked up (the store, or a bundle in
/// memory). An error makes the verdict grey: a kiosk that cannot tell
/// whether a code was revoked must not say green.
pub trait OverrideLookup {
    fn override_for(&self, credential_id: &[u8; 16]) -> Result<Option<Override>, String>;
    fn is_revoked(&self, credential_id: &[u8; 16]) -> Result<bool, String>;
}

/// No overrides at all.
impl OverrideLookup for () {
    fn override_for(&self, _: &[u8; 16]) -> Result<Option<Override>, String> {
        Ok(None)
    }
    fn is_revoked(&self, _: &[u8; 16]) -> Result<bool, String> {
        Ok(false)
    }
}

/// Everything the rules need besides the credential and the time.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub policies: &'a policy::Policies,
    pub venue: &'a str,
    pub overrides: &'a dyn OverrideLookup,
    /// When the rule bundle was issued, and the ages the authority allows.
    pub issued_at: UnixTime,
    pub warn_age_secs: i64,
    pub max_age_secs: i64,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("venue", &self.venue)
            .finish_non_exhaustive()
    }
}

fn code_reason(c: CodeColour) -> Option<Reason> {
    match c {
        CodeColour::Green => None,
        CodeColour::Yellow => Some(Reason::CodeYellow),
        CodeColour::Red => Some(Reason::CodeRed),
    }
}

/// Refines a verified outcome with the rules: revocation, colour overrides
/// (they win over the credential's own colour), the venue policy, and the
/// age of the rules. Pure but for the lookup the caller hands in.
pub fn judge(outcome: &mut Outcome, ctx: &Context<'_>, now: UnixTime) {
    let mut reasons = outcome.verdict.reasons.clone();
    let mut floor = Colour::Green;
    let verified = outcome.verdict.colour != Colour::Grey;
    if let (true, Some(c)) = (verified, outcome.credential.as_mut()) {
        match ctx.overrides.is_revoked(&c.id) {
            Ok(true) => reasons.push(Reason::Revoked),
            Ok(false) => {}
            Err(e) => {
                tracing::error!("cannot look up revocations: {e}");
                reasons.push(Reason::PolicyError);
            }
        }
        match ctx.overrides.override_for(&c.id) {
            Ok(Some(o)) if o.since > c.issued_at && o.since <= now => {
                reasons.retain(|r| !matches!(r, Reason::CodeYellow | Reason::CodeRed));
                reasons.extend(code_reason(o.colour));
                reasons.push(Reason::ColourOverride);
                c.colour = o.colour;
                c.colour_since = o.since;
            }
            Ok(_) => {}
            Err(e) => {
                tracing::error!("cannot look up overrides: {e}");
                reasons.push(Reason::PolicyError);
            }
        }
        let (colour, policy_reasons) = ctx.policies.apply(ctx.venue, c, now);
        floor = colour;
        reasons.extend(policy_reasons);
    }
    let age = now.0.saturating_sub(ctx.issued_at.0);
    if age > ctx.max_age_secs {
        reasons.push(Reason::RulesOutdated);
    } else if age > ctx.warn_age_secs {
        reasons.push(Reason::RulesStale);
    }
    outcome.verdict = Verdict::with_floor(floor, reasons);
}
