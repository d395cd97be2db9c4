//! EU DCC / WHO GDHCN: the `HC1:` text (base45, zlib, COSE, CWT, the
//! payload), the zlib stream and the COSE structure on their own, and the
//! whole check against the DEMO document signer.
#![no_main]

use std::sync::OnceLock;

use healthgate::code::dcc;
use healthgate::code::trust::TrustList;
use healthgate::code::{Options, verify};
use healthgate::time::UnixTime;
use libfuzzer_sys::fuzz_target;

fn trust() -> &'static TrustList {
    static T: OnceLock<TrustList> = OnceLock::new();
    T.get_or_init(|| healthgate::demo::trust_list().unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let _ = dcc::inflate(data);
    let _ = dcc::decode_cose(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dcc::decode(text);
        let now = UnixTime(1_795_681_800);
        let _ = verify(&format!("HC1:{text}"), trust(), now, &Options::default());
    }
});
