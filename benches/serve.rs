//! Checks a second, in one run: the SM2 verifier alone against `sm2`; one
//! core through the gate; `healthgate verify -` on every core; and
//! `healthgate serve` over loopback with a load generator, for presented
//! codes (`HGC1:`) and credentials (`HGC1C:`).
//!
//! `cargo bench --bench serve` (figures in benches/README.md). The codes
//! are the DEMO authority's, each for its own holder device, made just
//! before each measurement so that their 30 s proofs hold.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_precision_loss,
    clippy::panic,
    missing_docs
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use healthgate::authority::{self, HolderRecord, HolderTest};
use healthgate::code::native::SignedCredential;
use healthgate::code::{DocumentType, TestResult};
use healthgate::crypto::{PrivateKey, PublicKeyRef};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;

const HG: &str = env!("CARGO_BIN_EXE_healthgate");
const TOKEN: &str = "bench-token-bench-token-bench-token";
const GREEN: &[u8] = b"\"colour\":\"green\"";

/// Stops the service when the bench ends, however it ends.
struct Service(std::process::Child);

impl Drop for Service {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

fn holder(i: usize) -> HolderRecord {
    HolderRecord {
        name: format!("Pupil {i}"),
        id_number: format!("S{i:09}"),
        document: DocumentType::IdCard,
        colour: CodeColour::Green,
        colour_since: None,
        language: None,
        test: Some(HolderTest {
            sampled_at: UnixTime::now().plus(-3600),
            result: TestResult::Negative,
        }),
        vaccination: None,
        validity_hours: None,
    }
}

/// `n` pupils: a device key and a credential each.
fn pupils(n: usize) -> Vec<(PrivateKey, SignedCredential)> {
    let issuer = healthgate::demo::issuer_key().expect("the DEMO issuer key");
    let now = UnixTime::now();
    (0..n)
        .map(|i| {
            let device = PrivateKey::generate().expect("a key");
            let c = authority::issue(&holder(i), &issuer, &device.public(), now).expect("issued");
            (device, c)
        })
        .collect()
}

/// Every pupil's code now.
fn present_all(pupils: &[(PrivateKey, SignedCredential)]) -> Vec<String> {
    let now = UnixTime::now();
    pupils
        .iter()
        .map(|(d, c)| {
            authority::present(c, d, now)
                .and_then(|p| p.to_text().map_err(Into::into))
                .expect("presented")
        })
        .collect()
}

fn per_second(n: usize, took: Duration) -> f64 {
    n as f64 / took.as_secs_f64()
}

fn report(what: &str, n: usize, took: Duration) {
    println!(
        "{what:<58} {:>9.0} /s  ({n} in {:.2} s, {:.1} µs each)",
        per_second(n, took),
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64
    );
}

fn verifier_alone(signatures: u32) {
    let key = PrivateKey::generate().expect("a key");
    let public: PublicKeyRef = key.public();
    let tabled = public.clone().with_table();
    tabled.warm_up();
    healthgate::crypto::sm2v::warm_up();
    let msgs: Vec<(Vec<u8>, [u8; 64])> = (0..signatures)
        .map(|i| {
            let m = i.to_be_bytes().repeat(40);
            let s = key.sign(b"B", &[&m]).expect("signed");
            (m, s)
        })
        .collect();
    let time = |f: &dyn Fn(&[u8], &[u8]) -> bool| {
        let start = Instant::now();
        for (m, s) in &msgs {
            assert!(f(m, s));
        }
        start.elapsed()
    };
    let reference = time(&|m, s| public.verify_reference(b"B", &[m], s));
    let fast = time(&|m, s| public.verify(b"B", &[m], s));
    let table = time(&|m, s| tabled.verify(b"B", &[m], s));
    // A device key arrives as bytes with every code: parsing counts.
    let sec1 = public.to_compressed();
    let parsed =
        time(&|m, s| PublicKeyRef::from_sec1(&sec1).is_ok_and(|k| k.verify(b"B", &[m], s)));
    report(
        "verifier alone: sm2 (reference, constant time)",
        msgs.len(),
        reference,
    );
    report(
        "verifier alone: sm2v, a key seen once (device key)",
        msgs.len(),
        fast,
    );
    report(
        "verifier alone: sm2v, device key parsed from SEC1 each time",
        msgs.len(),
        parsed,
    );
    report(
        "verifier alone: sm2v, a key with its table (issuer key)",
        msgs.len(),
        table,
    );
}

fn gate_one_core(codes: &[String], credentials: &[String]) {
    let mut rules = healthgate::gate::Rules::none();
    rules
        .active
        .add_trust(&healthgate::demo::trust_list().expect("DEMO trust"));
    let gate = healthgate::gate::Gate::new(
        rules,
        healthgate::code::Options::default(),
        "bench",
        "general",
    )
    .for_service();
    let now = UnixTime::now();
    for c in codes.iter().take(50) {
        gate.check(c, now);
    }
    let start = Instant::now();
    for c in codes {
        let checked = gate.check(c, now);
        assert!(checked.verified, "{:?}", checked.verdict);
    }
    report(
        "gate, one core: presented codes (HGC1:)",
        codes.len(),
        start.elapsed(),
    );
    let start = Instant::now();
    for c in credentials {
        assert!(gate.check(c, now).verified);
    }
    report(
        "gate, one core: credentials (HGC1C:, status check)",
        credentials.len(),
        start.elapsed(),
    );
}

fn verify_stdin(codes: &[String]) {
    let input: String = codes.iter().flat_map(|c| [c.as_str(), "\n"]).collect();
    let start = Instant::now();
    let mut child = Command::new(HG)
        .args(["verify", "--demo", "-"])
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("hg-bench-no-config"),
        )
        .env("XDG_DATA_HOME", std::env::temp_dir().join("hg-bench-data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("healthgate verify");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("output");
    let took = start.elapsed();
    let _ = writer.join();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), codes.len());
    let green = text
        .lines()
        .filter(|l| l.contains("\"colour\":\"green\""))
        .count();
    assert_eq!(green, codes.len(), "every code green");
    report(
        "healthgate verify - (every core, in order): presented codes",
        codes.len(),
        took,
    );
}

/// A keep-alive HTTP/1.1 client.
struct Client {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(addr: SocketAddr) -> Self {
        let s = TcpStream::connect(addr).expect("connect");
        s.set_nodelay(true).expect("nodelay");
        Self {
            reader: BufReader::new(s.try_clone().expect("clone")),
            writer: s,
        }
    }

    fn post(&mut self, body: &str) -> Vec<u8> {
        let req = format!(
            "POST /v1/verify HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.writer.write_all(req.as_bytes()).expect("send");
        let mut line = String::new();
        let mut length = 0usize;
        self.reader.read_line(&mut line).expect("status");
        assert!(line.contains(" 200 "), "{line}");
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header");
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        body
    }
}

/// `codes` through the service in requests of `per_request` codes over
/// `connections` connections at once.
fn through_service(
    addr: SocketAddr,
    what: &str,
    codes: &[String],
    per_request: usize,
    connections: usize,
) {
    let bodies: Vec<String> = codes
        .chunks(per_request)
        .map(|chunk| serde_json::json!({ "codes": chunk }).to_string())
        .collect();
    let per_connection = bodies.len().div_ceil(connections);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for part in bodies.chunks(per_connection) {
            scope.spawn(move || {
                let mut client = Client::connect(addr);
                for body in part {
                    let answer = client.post(body);
                    let green = answer.windows(GREEN.len()).filter(|w| *w == GREEN).count();
                    assert!(green > 0, "{}", String::from_utf8_lossy(&answer));
                }
            });
        }
    });
    report(
        &format!("serve, loopback, {per_request} a request, {connections} connections: {what}"),
        codes.len(),
        start.elapsed(),
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // once without it, as a quick check that every path works.
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 20_000 } else { 200 };
    println!(
        "HealthGate checks a second ({} cores{})",
        healthgate::gate::threads(),
        if full {
            ""
        } else {
            "; a quick run: cargo bench --bench serve for the figures"
        }
    );
    verifier_alone(if full { 2000 } else { 20 });

    let made = Instant::now();
    let pupils = pupils(n);
    let credentials: Vec<String> = pupils
        .iter()
        .map(|(_, c)| c.to_text().expect("text"))
        .collect();
    println!(
        "({n} pupils issued in {:.1} s)",
        made.elapsed().as_secs_f64()
    );

    let codes = present_all(&pupils[..n / 4]);
    gate_one_core(&codes, &credentials[..n / 4]);

    let codes = present_all(&pupils);
    verify_stdin(&codes);

    // The service, as its own process.
    let dir = tempfile::tempdir().expect("a folder");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"bench\"\n[bundle]\nstore = \"{}\"\n[serve]\ntokens = [\"{}\"]\nmax_concurrent = 256\n[log]\nlevel = \"warn\"\n",
            dir.path().join("rules.sqlite").display(),
            healthgate::config::hash_token(TOKEN)
        ),
    )
    .expect("config");
    let mut child = Service(
        Command::new(HG)
            .args([
                "--config",
                config.to_str().unwrap_or_default(),
                "serve",
                "--demo",
                "--listen",
                "127.0.0.1:0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("healthgate serve"),
    );
    let mut stderr = BufReader::new(child.0.stderr.take().expect("stderr"));
    let mut line = String::new();
    let addr: SocketAddr = loop {
        line.clear();
        assert!(
            stderr.read_line(&mut line).expect("a line") > 0,
            "the service did not start"
        );
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .parse()
                .expect("an address");
        }
    };
    let codes = present_all(&pupils);
    through_service(addr, "presented codes", &codes, 100, 4);
    let codes = present_all(&pupils[..n / 2]);
    through_service(addr, "presented codes", &codes, 1, 8);
    through_service(addr, "credentials", &credentials, 100, 4);
    drop(child);
}
