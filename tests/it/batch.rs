//! Bulk work on the command line: `healthgate verify -` on every core with
//! its answers in input order, and the authority's `issue --batch` and
//! `present --batch`.

use std::io::Write;
use std::process::{Command, Stdio};

use healthgate::time::UnixTime;
use serde_json::Value;

const HG: &str = env!("CARGO_BIN_EXE_healthgate");
const AUTH: &str = env!("CARGO_BIN_EXE_healthgate-authority");

fn run_with_stdin(bin: &str, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let tmp = std::env::temp_dir();
    let mut child = Command::new(bin)
        .args(args)
        .env("HOME", &tmp)
        .env("XDG_CONFIG_HOME", tmp.join("hg-test-no-config"))
        .env("XDG_DATA_HOME", tmp.join("hg-test-data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn demo_file(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn holder_line(name: &str, colour: &str) -> String {
    serde_json::json!({
        "name": name,
        "id_number": "110101199003071234",
        "document": "id-card",
        "colour": colour,
        "language": "zh-CN",
    })
    .to_string()
}

#[test]
fn the_authority_issues_and_presents_in_bulk_and_verify_keeps_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let now = UnixTime::now().to_string();
    // Three holders, one broken in the middle.
    let holders = format!(
        "{}\n{{\"name\": \"broken\"}}\n\n{}\n",
        holder_line("王小明", "green"),
        holder_line("李红", "red")
    );
    let issuer_key = demo_file("demo-issuer.key");
    let device_key = demo_file("demo-device.key");
    let device_pub = dir.path().join("device.pub");
    std::fs::write(
        &device_pub,
        healthgate::demo::device_key()
            .unwrap()
            .public()
            .to_pem()
            .unwrap(),
    )
    .unwrap();
    let (code, credentials, stderr) = run_with_stdin(
        AUTH,
        &[
            "issue",
            "--batch",
            "-",
            "--issuer-key",
            &issuer_key,
            "--device-pub",
            device_pub.to_str().unwrap(),
            "--now",
            &now,
        ],
        holders.as_bytes(),
    );
    assert_eq!(code, 1, "one line failed: {stderr}");
    assert!(stderr.contains("line 2"), "{stderr}");
    let lines: Vec<&str> = credentials.lines().collect();
    assert_eq!(lines.len(), 3, "{credentials}");
    assert!(lines[0].starts_with("HGC1C:") && lines[2].starts_with("HGC1C:"));
    assert_eq!(lines[1], "", "an empty line in place of the broken one");

    // Present every good one, many times over, as one batch.
    let good = format!("{}\n{}\n", lines[0], lines[2]).repeat(100);
    let cred_file = dir.path().join("credentials.txt");
    std::fs::write(&cred_file, &good).unwrap();
    let (code, codes, stderr) = run_with_stdin(
        AUTH,
        &[
            "present",
            "--batch",
            cred_file.to_str().unwrap(),
            "--device-key",
            &device_key,
        ],
        b"",
    );
    assert_eq!(code, 0, "{stderr}");
    let codes: Vec<&str> = codes.lines().collect();
    assert_eq!(codes.len(), 200);
    assert!(codes.iter().all(|c| c.starts_with("HGC1:")));

    // `verify -` on every core: answers in input order; the second showing
    // of one proof is a replay, as at a door, wherever it falls.
    let mut input = String::new();
    for (i, c) in codes.iter().enumerate() {
        input.push_str(c);
        input.push('\n');
        if i % 7 == 3 {
            input.push_str("garbage\n");
        }
    }
    let (code, out, stderr) = run_with_stdin(HG, &["verify", "--demo", "-"], input.as_bytes());
    assert_eq!(code, 1, "{stderr}");
    let answers: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected = input.lines().count();
    assert_eq!(answers.len(), expected);
    let mut seen = std::collections::HashSet::new();
    for (line, answer) in input.lines().zip(&answers) {
        if line == "garbage" {
            assert_eq!(answer["reasons"], serde_json::json!(["format-unsupported"]));
            continue;
        }
        let first = seen.insert(line);
        let replayed = answer["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "proof-replayed");
        assert_eq!(replayed, !first, "{answer}");
    }
    // The two holders' colours, first showing of each.
    assert_eq!(answers[0]["colour"], "green");
    assert_eq!(answers[1]["colour"], "red");
}
