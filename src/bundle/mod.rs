//! What the kiosk trusts and decides with: the signed rule bundle (trust
//! list, venue policies, overrides), its store in SQLite, and its sync.

pub mod active;
pub mod format;
pub mod source;
pub mod store;
pub mod sync;
pub mod trust;

pub use trust::{TrustList, TrustedKey};
