//! Verification records.
