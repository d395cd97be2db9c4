//! The rule bundle file: the signed envelope against the DEMO root key,
//! and a body as if its signature held (everything after the signature:
//! policies, overrides, the trust list, CertLogic rules, value sets).
#![no_main]

use std::sync::OnceLock;

use healthgate::bundle::format::Bundle;
use healthgate::crypto::PublicKeyRef;
use libfuzzer_sys::fuzz_target;

fn root() -> Option<&'static PublicKeyRef> {
    static R: OnceLock<Option<PublicKeyRef>> = OnceLock::new();
    R.get_or_init(|| healthgate::bundle::active::root_key(None).ok())
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    if let Some(root) = root() {
        let _ = Bundle::open(data, root);
    }
    if let Ok(bundle) = Bundle::read_body(data) {
        let _ = bundle.trust_list();
    }
});
