//! The subcommands of the `healthgate` binary. `main.rs` parses arguments
//! and calls these; each returns the process exit code. Every code they
//! check goes through the [`crate::gate`].

pub mod decode;
pub mod kiosk;
pub mod records;
pub mod rules;
pub mod verify;
