//! Verdicts: the colour a person sees and the reasons behind it.
//!
//! Venue policies (`CertLogic`) come with the rule bundle; until then the
//! colour comes from the credential itself.

mod verdict;

pub use verdict::{Colour, Reason, Verdict};
