pub mod common;

mod bundle;
mod certlogic;
mod cli;
mod dcc;
mod external;
mod gate;
mod http_server;
mod i18n;
mod layers;
mod qr_size;
mod records;
mod roundtrip;
mod scan;
mod sync;
mod tamper;
mod ui;
mod voice;
