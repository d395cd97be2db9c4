//! SMART Health Cards: the `shc:/` digits (and chunks), the JWS, the
//! DEFLATE payload and the FHIR bundle's JSON.
#![no_main]

use healthgate::code::shc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = shc::card(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = shc::chunk(text);
    let _ = shc::digits_to_text(text);
    let _ = shc::parse_jws(text);
    let _ = shc::decode(text);
    let _ = shc::decode(&format!("shc:/{text}"));
    let parts: Vec<&str> = text.split('\n').collect();
    let _ = shc::assemble(&parts);
});
