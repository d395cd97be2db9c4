//! The CBOR payload of a native credential, as it comes out of base45.
#![no_main]

use healthgate::code::native;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(payload) = native::decode_payload(data) {
        let _ = payload.claims.credential();
    }
});
