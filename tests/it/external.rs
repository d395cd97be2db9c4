//! Codes of other formats from public conformance suites: recognised by
//! prefix, never a panic; without their signers in the trust list, never
//! anything but grey (`tests/it/dcc.rs` checks DCCs with their signers).

use std::path::Path;

use healthgate::code::Format;
use healthgate::verdict::{Colour, Reason};

use super::common::{T0, check, testdata};

fn json_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn eu_dcc_test_codes_are_recognised_as_dcc() {
    let Some(data) = testdata() else { return };
    let mut files = Vec::new();
    json_files(&data.join("dgc-testdata"), &mut files);
    let mut seen = 0;
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let Some(prefix) = v.get("PREFIX").and_then(|p| p.as_str()) else {
            continue;
        };
        let out = check(prefix, T0);
        assert_eq!(out.verdict.colour, Colour::Grey, "{}", f.display());
        if prefix.starts_with("HC1:") {
            assert_eq!(out.format, Format::Dcc, "{}", f.display());
            assert!(
                matches!(
                    out.verdict.reasons.as_slice(),
                    [Reason::KeyUnknown | Reason::Malformed]
                ),
                "{}: {:?}",
                f.display(),
                out.verdict.reasons
            );
        }
        seen += 1;
    }
    assert!(seen > 100, "only {seen} EU DCC test codes found");
}

#[test]
fn smart_health_card_examples_are_recognised_as_shc() {
    let Some(data) = testdata() else { return };
    let mut seen = 0;
    let dir = data.join("shc/spec-examples");
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        files.extend(entries.flatten().map(|e| e.path()));
    }
    for f in files {
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if !name.contains("qr-code-numeric") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines().filter(|l| l.starts_with("shc:/")) {
            // Recognised as a SMART Health Card; no issuer of it is trusted here.
            let out = check(line, T0);
            assert_eq!(out.format, Format::Shc);
            assert!(
                matches!(
                    out.verdict.reasons.as_slice(),
                    [Reason::IssuerUnknown | Reason::Malformed]
                ),
                "{:?}",
                out.verdict.reasons
            );
            seen += 1;
        }
    }
    assert!(
        seen > 0,
        "no SMART Health Card QR texts found in {}",
        dir.display()
    );
}
