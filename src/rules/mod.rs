//! The rules that decide a verdict: the authority's overrides and
//! revocations, the venue's CertLogic policy, the credential's own colour,
//! and the age of the rules.
//!
//! - [`certlogic`]: the CertLogic evaluator (the JsonLogic dialect of the
//!   EU DCC business rules).
//! - [`policy`]: venue policies, and the facts about a credential they read.
//! - [`country`]: EU DCC country rules (Acceptance and Invalidation) and the
//!   value sets they read.
//! - [`judge`]: all of the above applied to what a format verified.

pub mod certlogic;
pub mod country;
pub mod policy;

use crate::code::dcc::RuleInput;
use crate::code::{Credential, Status};
use crate::time::UnixTime;
use crate::verdict::{CodeColour, Colour, Reason, Verdict};

/// A colour change after issue: from `since`, the credential is `colour`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Override {
    pub credential_id: [u8; 16],
    pub colour: CodeColour,
    pub since: UnixTime,
}

/// Where overrides and revocations are looked up (the bundle in force).
pub trait OverrideLookup {
    fn override_for(&self, credential_id: &[u8; 16]) -> Option<Override>;
    fn is_revoked(&self, credential_id: &[u8; 16]) -> bool;
}

/// No overrides at all.
impl OverrideLookup for () {
    fn override_for(&self, _: &[u8; 16]) -> Option<Override> {
        None
    }
    fn is_revoked(&self, _: &[u8; 16]) -> bool {
        false
    }
}

/// Everything the rule bundle brings to a verdict besides the credential
/// and the time.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub policies: &'a policy::Policies,
    pub venue: &'a str,
    /// EU DCC country rules and value sets.
    pub country_rules: &'a country::CountryRules,
    /// The venue's country, whose Acceptance rules apply to an EU DCC.
    pub country: Option<&'a str>,
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
            .field("country", &self.country)
            .finish_non_exhaustive()
    }
}

/// The verdict on a code: what its format found (`problems`), then, for a
/// verified `credential`, revocation, colour overrides (they win over the
/// credential's own colour, which is changed for the screen), the
/// credential's colour, the venue policy and, for an EU DCC (`dcc`), the
/// country rules; then the age of the rules. The rules that did not hold
/// are named in the verdict. Without a rule bundle (`ctx` `None`) only the
/// credential's colour applies. Pure but for the lookups the caller hands
/// in.
pub fn judge(
    problems: &[Reason],
    credential: Option<&mut Credential>,
    dcc: Option<&RuleInput>,
    ctx: Option<&Context<'_>>,
    now: UnixTime,
) -> Verdict {
    let mut reasons = problems.to_vec();
    let mut floor = Colour::Green;
    let mut failed = Vec::new();
    // A code with problems is grey whatever the rules say: they are not asked.
    let rules = ctx.filter(|_| problems.is_empty());
    if let Some(c) = credential {
        if let Some(ctx) = rules {
            if ctx.overrides.is_revoked(&c.id)
                || c.revocation_keys
                    .iter()
                    .any(|k| ctx.overrides.is_revoked(k))
            {
                reasons.push(Reason::Revoked);
            }
            if let Some(o) = ctx.overrides.override_for(&c.id)
                && o.since > c.issued_at
                && o.since <= now
            {
                reasons.push(Reason::ColourOverride);
                c.status = Some(Status {
                    colour: o.colour,
                    since: o.since,
                });
            }
        }
        reasons.extend(c.status.and_then(|s| s.colour.reason()));
        if let Some(ctx) = rules {
            let mut applied = ctx.policies.apply(ctx.venue, c, now);
            if let Some(input) = dcc {
                applied.join(ctx.country_rules.apply(input, ctx.country, now));
            }
            floor = applied.colour;
            reasons.extend(applied.reasons);
            failed = applied.failed;
        }
    }
    if let Some(ctx) = ctx {
        let age = now.0.saturating_sub(ctx.issued_at.0);
        if age > ctx.max_age_secs {
            reasons.push(Reason::RulesOutdated);
        } else if age > ctx.warn_age_secs {
            reasons.push(Reason::RulesStale);
        }
    }
    Verdict::with_floor(floor, reasons).with_rules(failed)
}
