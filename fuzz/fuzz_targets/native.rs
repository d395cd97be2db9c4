//! A native code's text (`HGC1:`, `HGC1C:`) through the whole check a
//! door makes, against the DEMO trust list.
#![no_main]

use std::sync::OnceLock;

use healthgate::code::trust::TrustList;
use healthgate::code::{Options, verify};
use healthgate::time::UnixTime;
use libfuzzer_sys::fuzz_target;

fn trust() -> &'static TrustList {
    static T: OnceLock<TrustList> = OnceLock::new();
    T.get_or_init(|| healthgate::demo::trust_list().unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now = UnixTime(1_795_681_800);
    for prefix in ["", "HGC1:", "HGC1C:"] {
        let _ = verify(
            &format!("{prefix}{text}"),
            trust(),
            now,
            &Options::default(),
        );
    }
    let status = Options {
        status_checks: true,
        ..Options::default()
    };
    let _ = verify(&format!("HGC1C:{text}"), trust(), now, &status);
});
