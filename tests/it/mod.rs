pub mod common;

mod cli;
mod external;
mod qr_size;
mod roundtrip;
mod tamper;
