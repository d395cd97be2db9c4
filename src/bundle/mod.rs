//! What the kiosk trusts. Today: the trust list of issuer keys, read from a
//! file. The signed rule bundle and its sync build on this.

pub mod trust;

pub use trust::{TrustList, TrustedKey};
