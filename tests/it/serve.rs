//! `healthgate serve`: the batch service answered over loopback as a
//! client would call it (a plain HTTP/1.1 client on a socket), for every
//! format and for bad requests; NDJSON streaming; limits; metrics; the
//! binary's start, refusals and SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use healthgate::authority;
use healthgate::config::{Config, hash_token};
use healthgate::gate::{Gate, Loader, RuleSources};
use healthgate::serve::{ServeError, Server, Settings};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;
use serde_json::{Value, json};

use super::common::{fixture, issue};

const TOKEN: &str = "a-long-random-token-for-the-tests-0123456789";

fn default_bundle() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/default-bundle.hgb")
}

/// The service's door: the shipped DEMO bundle, the DEMO authority and
/// the tests' own issuer.
fn door(dir: &Path) -> Gate {
    let config = Config {
        bundle_store: Some(dir.join("rules.sqlite")),
        ..Config::default()
    };
    let bundle = default_bundle();
    let loader = Loader::new(
        &config,
        RuleSources {
            trust_file: None,
            bundle_file: Some(&bundle),
            demo: true,
        },
    )
    .unwrap();
    let mut rules = loader.load(UnixTime::now());
    rules.active.add_trust(&fixture().trust);
    Gate::new(rules, config.verify_options(), "serve-test", "general")
}

fn settings(max_concurrent: usize, timeout: Duration) -> Settings {
    Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        tokens: vec![hash_token(TOKEN)],
        tls: None,
        max_body_bytes: 64 * 1024,
        max_codes: 50,
        max_concurrent,
        timeout,
    }
}

/// A running service; stops when dropped.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn start(settings: Settings) -> (Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::bind(door(dir.path()), settings).unwrap();
    let addr = server.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(server.run_until(async {
            let _ = rx.await;
        }))
        .unwrap();
    });
    (
        Running {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        },
        dir,
    )
}

/// One request on a fresh connection: status, headers, body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(k);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    split_response(&all)
}

fn split_response(all: &[u8]) -> (u16, String, Vec<u8>) {
    let end = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&all[..end]).to_string();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = all[end + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}

fn auth() -> (&'static str, String) {
    ("Authorization", format!("Bearer {TOKEN}"))
}

fn post_json(addr: SocketAddr, body: &Value) -> (u16, Value) {
    let (k, v) = auth();
    let (status, _, body) = request(
        addr,
        "POST",
        "/v1/verify",
        &[(k, &v), ("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
    (status, serde_json::from_slice(&body).unwrap())
}

/// A presented native code of the tests' issuer, made now.
fn presented_now(colour: CodeColour) -> String {
    let now = UnixTime::now();
    authority::present(&issue(colour, now), &fixture().device, now)
        .unwrap()
        .to_text()
        .unwrap()
}

#[test]
fn a_batch_of_every_format_is_answered_in_order() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(30)));
    let now = UnixTime::now();
    let credential = issue(CodeColour::Green, now).to_text().unwrap();
    let dcc = healthgate::demo::dcc_code(
        healthgate::demo::DccKind::Vaccinated { days_ago: 40 },
        "Demo",
        now,
    )
    .unwrap();
    let shc = healthgate::demo::shc_card("Demo", 2, now, 1)
        .unwrap()
        .concat();
    let green = presented_now(CodeColour::Green);
    let red = presented_now(CodeColour::Red);
    let codes = vec![
        green.clone(),
        credential,
        "not a code at all".to_string(),
        dcc,
        shc,
        String::new(),
        red,
        green,
    ];
    let (status, answer) = post_json(svc.addr, &json!({ "codes": codes }));
    assert_eq!(status, 200, "{answer}");
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results.len(), codes.len());
    let formats: Vec<&str> = results
        .iter()
        .map(|r| r["format"].as_str().unwrap())
        .collect();
    assert_eq!(
        formats,
        [
            "hgc1",
            "hgc1-credential",
            "unknown",
            "dcc",
            "shc",
            "unknown",
            "hgc1",
            "hgc1"
        ]
    );
    let colours: Vec<&str> = results
        .iter()
        .map(|r| r["colour"].as_str().unwrap())
        .collect();
    assert_eq!(colours[0], "green", "{}", results[0]);
    // A credential without its proof is a status check here.
    assert_eq!(colours[1], "green", "{}", results[1]);
    assert_eq!(results[1]["proof"], json!(false));
    assert_eq!(results[1]["verified"], json!(true));
    assert_eq!(results[0]["proof"], json!(true));
    assert_eq!(colours[2], "grey");
    assert_eq!(results[2]["reasons"], json!(["format-unsupported"]));
    assert_eq!(results[3]["verified"], json!(true), "{}", results[3]);
    assert_eq!(results[4]["verified"], json!(true), "{}", results[4]);
    assert_eq!(results[5]["reasons"], json!(["malformed"]));
    assert_eq!(colours[6], "red");
    // The same code twice: no replay memory in batch checks.
    assert_eq!(colours[7], "green", "{}", results[7]);
    // Every result is the object `healthgate verify` prints: the masked
    // name only.
    let text = answer.to_string();
    assert!(!text.contains(super::common::FULL_NAME));
    assert!(!text.contains(super::common::FULL_ID));

    // A venue of the request applies; an unknown one is refused whole.
    let (status, answer) = post_json(
        svc.addr,
        &json!({ "codes": [presented_now(CodeColour::Green)], "venue": "hospital" }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"].as_array().unwrap().len(), 1);
    let (status, answer) = post_json(
        svc.addr,
        &json!({ "codes": ["x"], "venue": "no-such-venue" }),
    );
    assert_eq!(status, 400);
    assert_eq!(answer["error"], "unknown-venue");
}

#[test]
fn bad_requests_get_a_clear_4xx_and_a_json_error() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(30)));
    let addr = svc.addr;
    let body = json!({"codes": ["x"]}).to_string();
    let (k, v) = auth();
    // No token, a wrong one, another scheme: 401 on every route.
    for path in ["/v1/verify", "/healthz", "/metrics"] {
        let (status, head, body) = request(addr, "POST", path, &[], body.as_bytes());
        assert_eq!(status, 401, "{path}");
        assert!(
            head.contains("www-authenticate: Bearer") || head.contains("WWW-Authenticate: Bearer")
        );
        let err: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(err["error"], "unauthorized");
    }
    let (status, _, _) = request(
        addr,
        "POST",
        "/v1/verify",
        &[("Authorization", "Bearer wrong-token-wrong-token")],
        body.as_bytes(),
    );
    assert_eq!(status, 401);
    let (status, _, _) = request(
        addr,
        "POST",
        "/v1/verify",
        &[("Authorization", &format!("Basic {TOKEN}"))],
        body.as_bytes(),
    );
    assert_eq!(status, 401);

    let error_of = |status: u16, body: &[u8]| -> (u16, String) {
        let v: Value = serde_json::from_slice(body).unwrap();
        (status, v["error"].as_str().unwrap().to_string())
    };
    // Not JSON, JSON of another shape.
    for bad in [
        &b"{not json"[..],
        b"[1,2]",
        br#"{"codes": [1]}"#,
        br#"{"code": []}"#,
    ] {
        let (status, _, body) = request(addr, "POST", "/v1/verify", &[(k, &v)], bad);
        assert_eq!(error_of(status, &body), (400, "bad-request".into()));
    }
    // Too many codes, too large a body.
    let many: Vec<String> = (0..51).map(|i| format!("code {i}")).collect();
    let (status, answer) = post_json(addr, &json!({ "codes": many }));
    assert_eq!(
        (status, answer["error"].as_str().unwrap()),
        (413, "too-many-codes")
    );
    let huge = json!({ "codes": ["x".repeat(70 * 1024)] }).to_string();
    let (status, _, body) = request(addr, "POST", "/v1/verify", &[(k, &v)], huge.as_bytes());
    assert_eq!(error_of(status, &body), (413, "body-too-large".into()));
    // Another media type, another method, another path.
    let (status, _, body) = request(
        addr,
        "POST",
        "/v1/verify",
        &[(k, &v), ("Content-Type", "text/csv")],
        b"x",
    );
    assert_eq!(
        error_of(status, &body),
        (415, "unsupported-media-type".into())
    );
    let (status, head, _) = request(addr, "GET", "/v1/verify", &[(k, &v)], b"");
    assert_eq!(status, 405);
    assert!(head.to_ascii_lowercase().contains("allow: post"));
    let (status, _, body) = request(addr, "GET", "/v2/anything", &[(k, &v)], b"");
    assert_eq!(error_of(status, &body), (404, "not-found".into()));
    // The service is still there and right after all that.
    let (status, answer) = post_json(
        addr,
        &json!({ "codes": [presented_now(CodeColour::Green)] }),
    );
    assert_eq!(status, 200);
    assert_eq!(answer["results"][0]["colour"], "green");
}

/// Sends an NDJSON request with chunked encoding, a chunk at a time.
struct Stream {
    s: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Stream {
    fn open(addr: SocketAddr, query: &str) -> Self {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!(
            "POST /v1/verify{query} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        );
        s.write_all(head.as_bytes()).unwrap();
        let reader = BufReader::new(s.try_clone().unwrap());
        Self { s, reader }
    }

    fn send(&mut self, data: &str) {
        write!(self.s, "{:x}\r\n{data}\r\n", data.len()).unwrap();
        self.s.flush().unwrap();
    }

    fn finish(&mut self) {
        self.s.write_all(b"0\r\n\r\n").unwrap();
    }

    /// Reads the response head; returns the status.
    fn status(&mut self) -> u16 {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line.split(' ').nth(1).unwrap().parse().unwrap();
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                return status;
            }
        }
    }

    /// The next NDJSON line of the chunked response (chunk boundaries
    /// may fall anywhere).
    fn line(&mut self, pending: &mut Vec<u8>) -> Option<Value> {
        loop {
            if let Some(i) = pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = pending.drain(..=i).collect();
                return Some(serde_json::from_slice(&line).unwrap());
            }
            let mut size = String::new();
            if self.reader.read_line(&mut size).unwrap() == 0 {
                return None;
            }
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            if size == 0 {
                return None;
            }
            let mut chunk = vec![0; size + 2];
            self.reader.read_exact(&mut chunk).unwrap();
            pending.extend_from_slice(&chunk[..size]);
        }
    }
}

#[test]
fn ndjson_is_answered_line_by_line_as_it_streams() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(30)));
    let mut stream = Stream::open(svc.addr, "?venue=school");
    // The first code is answered before the second is sent.
    stream.send(&format!("{}\n", presented_now(CodeColour::Green)));
    assert_eq!(stream.status(), 200);
    let mut pending = Vec::new();
    let first = stream.line(&mut pending).unwrap();
    assert_eq!(first["colour"], "green", "{first}");
    // A line split over two chunks, a JSON string line, a blank line, a
    // line that is not UTF-8, then the rest.
    let red = presented_now(CodeColour::Red);
    let (a, b) = red.split_at(20);
    stream.send(a);
    stream.send(&format!("{b}\n"));
    stream.send(&format!("{}\n\n", json!(presented_now(CodeColour::Yellow))));
    stream.s.write_all(b"3\r\n\xff\xfe\n\r\n").unwrap();
    let many: String = (0..300)
        .map(|i| {
            if i % 2 == 0 {
                "junk\n".to_string()
            } else {
                format!("{}\n", presented_now(CodeColour::Green))
            }
        })
        .collect();
    stream.send(&many);
    stream.finish();
    let mut rest = Vec::new();
    while let Some(v) = stream.line(&mut pending) {
        rest.push(v);
    }
    assert_eq!(rest.len(), 3 + 300, "{:?}", rest.last());
    assert_eq!(rest[0]["colour"], "red");
    assert_eq!(rest[1]["colour"], "yellow");
    assert_eq!(rest[2]["reasons"], json!(["malformed"]));
    for (i, r) in rest[3..].iter().enumerate() {
        let want = if i % 2 == 0 { "grey" } else { "green" };
        assert_eq!(r["colour"], want, "line {i}: {r}");
    }
}

#[test]
fn a_stream_that_stops_sending_ends_with_an_error_line() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(1)));
    let mut stream = Stream::open(svc.addr, "");
    stream.send(&format!("{}\n", presented_now(CodeColour::Green)));
    assert_eq!(stream.status(), 200);
    let mut pending = Vec::new();
    assert_eq!(stream.line(&mut pending).unwrap()["colour"], "green");
    // Nothing more comes: the stream ends, and says why.
    let last = stream.line(&mut pending).unwrap();
    assert_eq!(last["error"], "timeout", "{last}");
    assert!(stream.line(&mut pending).is_none());

    // A line longer than any code ends the stream after what came before.
    let mut stream = Stream::open(svc.addr, "");
    stream.send(&format!(
        "{}\n{}",
        presented_now(CodeColour::Green),
        "9".repeat(70 * 1024)
    ));
    assert_eq!(stream.status(), 200);
    let mut pending = Vec::new();
    assert_eq!(stream.line(&mut pending).unwrap()["colour"], "green");
    assert_eq!(stream.line(&mut pending).unwrap()["error"], "line-too-long");
}

#[test]
fn requests_past_the_concurrency_limit_are_refused_429() {
    let (svc, _dir) = start(settings(1, Duration::from_secs(30)));
    // One stream holds the only slot...
    let mut stream = Stream::open(svc.addr, "");
    stream.send(&format!("{}\n", presented_now(CodeColour::Green)));
    assert_eq!(stream.status(), 200);
    let mut pending = Vec::new();
    assert_eq!(stream.line(&mut pending).unwrap()["colour"], "green");
    // ...so another request is refused whole, and says when to retry.
    let (k, v) = auth();
    let (status, head, body) = request(
        svc.addr,
        "POST",
        "/v1/verify",
        &[(k, &v)],
        json!({"codes": ["x"]}).to_string().as_bytes(),
    );
    assert_eq!(status, 429);
    assert!(head.to_ascii_lowercase().contains("retry-after: 1"));
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap()["error"],
        "busy"
    );
    // Health and metrics still answer.
    let (status, _, _) = request(svc.addr, "GET", "/healthz", &[(k, &v)], b"");
    assert_eq!(status, 200);
    stream.finish();
    while stream.line(&mut pending).is_some() {}
    // The slot is free again.
    let (status, _) = post_json(svc.addr, &json!({"codes": ["x"]}));
    assert_eq!(status, 200);
}

/// A sample's value, as an integer (every one these tests read is one).
fn metric(text: &str, name_and_labels: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(name_and_labels))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name_and_labels} in\n{text}"))
}

#[test]
fn metrics_move_when_codes_are_checked_and_health_says_why() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(30)));
    let (k, v) = auth();
    let scrape = || {
        let (status, head, body) = request(svc.addr, "GET", "/metrics", &[(k, &v)], b"");
        assert_eq!(status, 200);
        assert!(head.contains("text/plain; version=0.0.4"));
        String::from_utf8(body).unwrap()
    };
    let before = scrape();
    let green = "healthgate_checks_total{kiosk=\"serve-test\",format=\"hgc1\",colour=\"green\"}";
    let grey = "healthgate_checks_total{kiosk=\"serve-test\",format=\"unknown\",colour=\"grey\"}";
    assert_eq!(metric(&before, green), 0);
    post_json(
        svc.addr,
        &json!({"codes": [presented_now(CodeColour::Green), presented_now(CodeColour::Green), "??"]}),
    );
    let after = scrape();
    assert_eq!(metric(&after, green), 2);
    assert_eq!(metric(&after, grey), 1);
    assert_eq!(
        metric(
            &after,
            "healthgate_check_duration_seconds_count{kiosk=\"serve-test\"}"
        ),
        3
    );
    assert!(metric(&after, "healthgate_rules_version{kiosk=\"serve-test\"}") >= 1);
    assert!(
        metric(
            &after,
            "healthgate_rules_issued_timestamp_seconds{kiosk=\"serve-test\"}"
        ) > 1_700_000_000
    );
    assert_eq!(
        metric(
            &after,
            "healthgate_build_info{kiosk=\"serve-test\",version=\""
        ),
        1
    );
    assert_eq!(
        metric(
            &after,
            "healthgate_sync_failures_total{kiosk=\"serve-test\"}"
        ),
        0
    );
    // No label holds a person's data: only the known label names appear.
    for line in after.lines().filter(|l| !l.starts_with('#')) {
        if let Some(labels) = line
            .split_once('{')
            .map(|(_, r)| r.split_once('}').unwrap().0)
        {
            for pair in labels.split("\",") {
                let key = pair.split('=').next().unwrap();
                assert!(
                    [
                        "kiosk", "format", "colour", "reason", "le", "result", "version"
                    ]
                    .contains(&key),
                    "{line}"
                );
            }
        }
    }
    assert!(!after.contains(super::common::FULL_NAME));

    let (status, _, body) = request(svc.addr, "GET", "/healthz", &[(k, &v)], b"");
    let health: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, 200, "{health}");
    assert_eq!(health["status"], "ok");
    assert!(health["issuer_keys"].as_u64().unwrap() >= 2);
}

#[test]
fn the_service_refuses_to_start_open_to_the_network_or_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    // The default address is loopback.
    let defaults = Settings::from_config(&Config::default(), None).unwrap();
    assert_eq!(defaults.listen, "127.0.0.1:8750".parse().unwrap());
    assert!(defaults.listen.ip().is_loopback());
    // No token at all.
    let no_tokens = Settings {
        tokens: Vec::new(),
        ..settings(8, Duration::from_secs(1))
    };
    assert!(matches!(
        Server::bind(door(dir.path()), no_tokens),
        Err(ServeError::NoTokens)
    ));
    // Another address without TLS.
    let open = Settings {
        listen: "0.0.0.0:0".parse().unwrap(),
        ..settings(8, Duration::from_secs(1))
    };
    assert!(matches!(
        Server::bind(door(dir.path()), open),
        Err(ServeError::NotLoopback(_))
    ));
    // TLS files that are not there: a clear error, not a start.
    let bad_tls = Settings {
        tls: Some((dir.path().join("cert.pem"), dir.path().join("key.pem"))),
        ..settings(8, Duration::from_secs(1))
    };
    let err = Server::bind(door(dir.path()), bad_tls).unwrap_err();
    assert!(err.to_string().contains("cert.pem"), "{err}");
}

fn config_file(dir: &Path, extra: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[kiosk]\nid = \"serve-bin\"\n[bundle]\nstore = \"{}\"\n[serve]\ntokens = [\"{}\"]\n{extra}",
            dir.join("rules.sqlite").display(),
            hash_token(TOKEN)
        ),
    )
    .unwrap();
    path
}

#[test]
fn the_binary_serves_says_where_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(dir.path(), "");
    // Open to the network without TLS: refused, and why.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "serve",
            "--demo",
            "--listen",
            "0.0.0.0:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a loopback address"), "{stderr}");
    // The token hash comes from `config --hash-token`.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["config", "--hash-token", TOKEN])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("tokens = [\"{}\"]", hash_token(TOKEN))
    );

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "serve",
            "--demo",
            "--listen",
            "127.0.0.1:0",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr: SocketAddr = loop {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "no start line");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
    };
    assert!(line.contains("rule bundle"), "{line}");
    let now = UnixTime::now();
    let demo = healthgate::demo::scenes(now).unwrap();
    let codes: Vec<&str> = demo.iter().map(|s| s.text.as_str()).collect();
    let (status, answer) = post_json(addr, &json!({ "codes": codes }));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"].as_array().unwrap().len(), codes.len());
    assert!(
        answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["colour"] == "green")
    );
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_kiosk_serves_its_metrics_when_asked_to() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = config_file(
        dir.path(),
        &format!(
            "[metrics]\nlisten = \"127.0.0.1:{port}\"\n[records]\nstore = \"{}\"\n[log]\ndir = \"{}\"\n",
            dir.path().join("records.sqlite").display(),
            dir.path().join("logs").display()
        ),
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_healthgate"))
        .args(["--config", config.to_str().unwrap(), "kiosk"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", presented_now(CodeColour::Green)).unwrap();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let (k, v) = auth();
    let started = std::time::Instant::now();
    let text = loop {
        if TcpStream::connect(addr).is_ok() {
            let (status, _, body) = request(addr, "GET", "/metrics", &[(k, &v)], b"");
            assert_eq!(status, 200);
            let text = String::from_utf8(body).unwrap();
            // The tests' issuer is not this kiosk's: grey.
            if text.contains("format=\"hgc1\",colour=\"grey\"} 1") {
                break text;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(20), "no metrics");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        text.contains("healthgate_checks_total{kiosk=\"serve-bin\",format=\"hgc1\""),
        "{text}"
    );
    // Only /metrics there, and only with the token.
    let (status, _, _) = request(addr, "GET", "/metrics", &[], b"");
    assert_eq!(status, 401);
    let (status, _, _) = request(addr, "POST", "/v1/verify", &[(k, &v)], b"{}");
    assert_eq!(status, 404);
    drop(stdin);
    let _ = child.wait();
}

/// A request over TLS, trusting only the test certificate.
fn tls_request(addr: SocketAddr, body: &str) -> (u16, Vec<u8>) {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, ServerName};
    let cert = CertificateDer::from_pem_file(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem"),
    )
    .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert).unwrap();
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let conn = rustls::ClientConnection::new(
        std::sync::Arc::new(config),
        ServerName::try_from("localhost").unwrap(),
    )
    .unwrap();
    let sock = TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    let req = format!(
        "POST /v1/verify HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    tls.write_all(req.as_bytes()).unwrap();
    let mut all = Vec::new();
    // A peer that closes without close_notify ends the read with an error
    // after the whole response.
    let _ = tls.read_to_end(&mut all);
    let (status, _, body) = split_response(&all);
    (status, body)
}

#[test]
fn with_tls_and_a_token_it_serves_beyond_loopback() {
    let tls_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls");
    let (svc, _dir) = start(Settings {
        listen: "0.0.0.0:0".parse().unwrap(),
        tls: Some((tls_dir.join("cert.pem"), tls_dir.join("key.pem"))),
        ..settings(8, Duration::from_secs(30))
    });
    let addr: SocketAddr = format!("127.0.0.1:{}", svc.addr.port()).parse().unwrap();
    let body = json!({ "codes": [presented_now(CodeColour::Green)] }).to_string();
    let (status, answer) = tls_request(addr, &body);
    assert_eq!(status, 200);
    let answer: Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(answer["results"][0]["colour"], "green", "{answer}");
    // Plain HTTP to the TLS port gets no HTTP answer.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    assert!(
        !got.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&got)
    );
}

#[test]
fn a_kiosks_metrics_are_open_on_loopback_without_tokens_and_need_tls_beyond() {
    let metrics = std::sync::Arc::new(healthgate::gate::Metrics::default());
    let config = Config {
        kiosk_id: "door-3".into(),
        metrics_listen: Some("127.0.0.1:0".into()),
        ..Config::default()
    };
    let addr = healthgate::serve::metrics_only(std::sync::Arc::clone(&metrics), &config).unwrap();
    let (status, _, body) = request(addr, "GET", "/metrics", &[], b"");
    assert_eq!(status, 200);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("kiosk=\"door-3\"")
    );
    // Beyond loopback: tokens alone are not enough, they would travel in clear.
    let open = Config {
        metrics_listen: Some("0.0.0.0:0".into()),
        serve_tokens: vec![hash_token(TOKEN)],
        ..config
    };
    assert!(matches!(
        healthgate::serve::metrics_only(metrics, &open),
        Err(ServeError::NotLoopback(_))
    ));
}

#[test]
fn an_overlong_line_inside_a_chunk_ends_the_stream_after_the_lines_before_it() {
    let (svc, _dir) = start(settings(8, Duration::from_secs(30)));
    let mut stream = Stream::open(svc.addr, "");
    stream.send(&format!(
        "{}\n{}\nnever-read\n",
        presented_now(CodeColour::Green),
        "7".repeat(70 * 1024)
    ));
    stream.finish();
    assert_eq!(stream.status(), 200);
    let mut pending = Vec::new();
    assert_eq!(stream.line(&mut pending).unwrap()["colour"], "green");
    assert_eq!(stream.line(&mut pending).unwrap()["error"], "line-too-long");
    assert!(stream.line(&mut pending).is_none());
}
