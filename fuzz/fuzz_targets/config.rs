//! The config file and the staff settings file (the same reader; the staff
//! file keeps only its keys).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = healthgate::config::parse(text, Some(std::path::Path::new("/etc/healthgate")));
    let _ = loaded.config.verify_options();
    let _ = loaded.config.records_path();
});
