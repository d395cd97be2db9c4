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
        let [w0, w1, h0, h1, pixels @ ..] = data else {
            return;
        };
        let width = u32::from(u16::from_le_bytes([*w0, *w1]) % 640 + 1);
        let height = u32::from(u16::from_le_bytes([*h0, *h1]) % 480 + 1);
        let need = (width * height) as usize;
        if pixels.is_empty() {
            return;
        }
        let frame: Vec<u8> = pixels.iter().copied().cycle().take(need).collect();
        if let Ok(frame) = LumaFrame::new(width, height, frame, Instant::now()) {
            let _ = guarded(chain(), &frame);
        }
    }
);
