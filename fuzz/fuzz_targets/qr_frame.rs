//! A camera frame into the QR stage: the first four bytes give the size,
//! the rest are the pixels (random and mutated images), read by the
//! decoder chain the kiosk uses, behind its panic guard.
#![no_main]

use std::sync::OnceLock;
use std::time::Instant;

use healthgate::scan::decoder::{Chain, default_chain, guarded};
use healthgate::scan::frame::LumaFrame;
use libfuzzer_sys::fuzz_target;

fn chain() -> &'static Chain {
    static C: OnceLock<Chain> = OnceLock::new();
    C.get_or_init(default_chain)
}

fuzz_target!(
    init: {
        // The stage catches a decoder's panic and reads nothing from that
        // frame, as the kiosk does; only what escapes it is a crash.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        if let Some(frame) = LumaFrame::from_fuzz_input(data, Instant::now()) {
            let _ = guarded(chain(), &frame);
        }
    }
);
