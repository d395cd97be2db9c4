//! CertLogic: a JSON document `[logic, data]`, evaluated.
#![no_main]

use healthgate::rules::certlogic;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(serde_json::Value::Array(parts)) = serde_json::from_slice::<serde_json::Value>(data)
    else {
        return;
    };
    let null = serde_json::Value::Null;
    let logic = parts.first().unwrap_or(&null);
    let input = parts.get(1).unwrap_or(&null);
    let _ = certlogic::evaluate(logic, input);
});
