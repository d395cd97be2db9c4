pub mod common;

mod bundle;
mod certlogic;
mod cli;
mod external;
mod http_server;
mod qr_size;
mod records;
mod roundtrip;
mod sync;
mod tamper;
