//! What the kiosk decides with: the signed rule bundle (trust list, venue
//! policies, overrides, revocations), the folder it is made from, its store
//! in SQLite, its sync, and the rules in force.
//!
//! - [`format`]: the signed file, `HGB1`.
//! - [`source`]: the source folder kept in git, read by `sign-bundle`.
//! - [`store`]: installed bundles (current and previous) and the sync status.
//! - [`sync`]: fetching a bundle over HTTP and installing it.
//! - [`active`]: the rules in force, loaded from the store (or the bundle
//!   shipped in `assets/`).

pub mod active;
pub mod format;
pub mod source;
pub mod store;
pub mod sync;
