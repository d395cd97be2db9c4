//! base45 text to bytes, and bytes back to text and again.
#![no_main]

use healthgate::code::base45;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(bytes) = base45::decode(text)
    {
        assert_eq!(base45::decode(&base45::encode(&bytes)), Some(bytes));
    }
    let text = base45::encode(data);
    assert_eq!(base45::decode(&text).as_deref(), Some(data));
});
