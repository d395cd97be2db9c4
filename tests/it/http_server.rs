//! A small real HTTP/1.1 server on loopback for the sync tests: it serves
//! what the test tells it to, the way real servers fail.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers the next requests.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// 200 with this body and ETag; 304 when `If-None-Match` matches.
    Serve { body: Vec<u8>, etag: String },
    /// This status and a short text body.
    Status(u16),
    /// Accept, then say nothing for this long.
    Stall(Duration),
    /// Promise the whole body, send only the first `cut` bytes, close.
    Truncate { body: Vec<u8>, cut: usize },
    /// 302 to this address.
    Redirect(String),
    /// 200 with a `Content-Length` of a gibibyte, then zeros until the client
    /// goes away.
    Huge,
    /// 200, chunked, zeros without end, until the client goes away.
    Endless,
}

pub struct Server {
    pub url: String,
    pub requests: Arc<AtomicUsize>,
    behaviour: Arc<Mutex<Behaviour>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
}

impl Server {
    pub fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let behaviour = Arc::new(Mutex::new(behaviour));
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (b, r, s) = (behaviour.clone(), requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let (b, r) = (b.clone(), r.clone());
                std::thread::spawn(move || handle(stream, &b, &r));
            }
        });
        Self {
            url: format!("http://{addr}/bundle.hgb"),
            requests,
            behaviour,
            stop,
            addr,
        }
    }

    pub fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    pub fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn handle(stream: TcpStream, behaviour: &Mutex<Behaviour>, requests: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut if_none_match = None;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(v.trim().to_string());
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let b = behaviour.lock().unwrap().clone();
    let mut out = stream;
    let _ = match b {
        Behaviour::Serve { body, etag } => {
            if if_none_match.as_deref() == Some(etag.as_str()) {
                write!(
                    out,
                    "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
                )
            } else {
                write!(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nETag: {etag}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .and_then(|()| out.write_all(&body))
            }
        }
        Behaviour::Status(code) => write!(
            out,
            "HTTP/1.1 {code} Oops\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops\n"
        ),
        Behaviour::Stall(d) => {
            std::thread::sleep(d);
            Ok(())
        }
        Behaviour::Truncate { body, cut } => write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .and_then(|()| out.write_all(&body[..cut])),
        Behaviour::Redirect(to) => write!(
            out,
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Behaviour::Huge => write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            1u64 << 30
        )
        .and_then(|()| {
            let zeros = vec![0u8; 1 << 16];
            loop {
                out.write_all(&zeros)?;
            }
        }),
        Behaviour::Endless => write!(
            out,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        .and_then(|()| {
            let zeros = vec![0u8; 1 << 16];
            loop {
                write!(out, "{:x}\r\n", zeros.len())?;
                out.write_all(&zeros)?;
                out.write_all(b"\r\n")?;
            }
        }),
    };
    let _ = out.flush();
}
