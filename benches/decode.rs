//! The decode stage on 1280x720 frames, one core: read rate (exact text),
//! by condition, and median and p95 time per frame, for each decoder and for
//! the chain. See `benches/README.md` for the numbers and how to rerun.
//!
//! `HEALTHGATE_FRAMES=DIR cargo bench --bench decode` reads the frames of
//! `gen_qr_frames.py` (`DIR/truth.tsv`). Without the variable, and under
//! `cargo test`, it renders a few frames itself and does a short run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use healthgate::authority;
use healthgate::scan::decoder::{Chain, Decoder, RqrrDecoder, RxingDecoder, default_chain};
use healthgate::scan::frame::{LumaFrame, decode_image_bytes, load_image};

struct Case {
    name: String,
    category: String,
    frame: LumaFrame,
    truth: String,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn load_folder(dir: &Path) -> Vec<Case> {
    let tsv =
        std::fs::read_to_string(dir.join("truth.tsv")).expect("truth.tsv in HEALTHGATE_FRAMES");
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, category, payload) = (col("file"), col("category"), col("payload_hex"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Case {
                name: f[file].to_owned(),
                category: f[category].to_owned(),
                frame: load_image(&dir.join(f[file]), Instant::now()).unwrap(),
                truth: String::from_utf8(unhex(f[payload])).unwrap(),
            }
        })
        .collect()
}

/// A few clean frames: a code of ~300 bytes at 4 pixels a module on grey.
fn render(n: usize) -> Vec<Case> {
    (0..n)
        .map(|i| {
            let truth = format!("HGC1:{}", "0123456789ABCDEF ".repeat(18))[..300 - i].to_owned();
            let png = authority::qr_png(&authority::qr(&truth).unwrap(), 4).unwrap();
            let qr = decode_image_bytes(&png, None, Instant::now()).unwrap();
            let (w, h) = (1280usize, 720usize);
            let mut pixels = vec![140u8; w * h];
            let (qw, x0, y0) = (
                qr.width() as usize,
                300 + 40 * i,
                (h - qr.height() as usize) / 2,
            );
            for (y, row) in qr.rows().enumerate() {
                let at = (y0 + y) * w + x0;
                pixels[at..at + qw].copy_from_slice(row);
            }
            Case {
                name: format!("rendered{i}"),
                category: "clean".into(),
                frame: LumaFrame::new(1280, 720, pixels, Instant::now()).unwrap(),
                truth,
            }
        })
        .collect()
}

/// A decoder that halves the frame first (to show what resolution costs).
struct Halved(RxingDecoder);

impl Decoder for Halved {
    fn name(&self) -> &'static str {
        "rxing at 640x360"
    }
    fn decode(&self, frame: &LumaFrame) -> Vec<String> {
        let p = frame.downscale(frame.width() / 2);
        let small = LumaFrame::new(p.width, p.height, p.pixels, frame.at).unwrap();
        self.0.decode(&small)
    }
}

fn rxing_with_java() -> RxingDecoder {
    let mut d = RxingDecoder::unsmoothed(false);
    d.java_fallback = true;
    d
}

/// `rxing` as it comes: its own `HybridBinarizer`, no smoothing.
fn rxing_as_is(try_harder: bool) -> RxingDecoder {
    let mut d = RxingDecoder::unsmoothed(try_harder);
    d.rxing_binarizer = true;
    d
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

struct Row {
    name: String,
    read: usize,
    total: usize,
    by_cat: BTreeMap<String, (usize, usize)>,
    median: f64,
    p95: f64,
}

fn measure(name: &str, decoder: &dyn Decoder, cases: &[Case]) -> (Row, Vec<bool>) {
    // Warm up caches and lazy statics.
    for c in cases.iter().take(3) {
        std::hint::black_box(decoder.decode(&c.frame));
    }
    let mut times = Vec::with_capacity(cases.len());
    let mut hits = Vec::with_capacity(cases.len());
    let mut by_cat: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in cases {
        let start = Instant::now();
        let texts = healthgate::scan::decoder::guarded(decoder, &c.frame);
        times.push(start.elapsed());
        let hit = texts.contains(&c.truth);
        hits.push(hit);
        let e = by_cat.entry(c.category.clone()).or_default();
        e.0 += usize::from(hit);
        e.1 += 1;
    }
    times.sort();
    let row = Row {
        name: name.to_owned(),
        read: hits.iter().filter(|h| **h).count(),
        total: cases.len(),
        by_cat,
        median: percentile(&times, 0.5),
        p95: percentile(&times, 0.95),
    };
    (row, hits)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let folder = std::env::var_os("HEALTHGATE_FRAMES");
    let cases = match &folder {
        Some(dir) => {
            let mut c = load_folder(Path::new(dir));
            if !full {
                c.truncate(4);
            }
            c
        }
        None => render(if full { 6 } else { 2 }),
    };
    let source = folder.as_ref().map_or_else(
        || {
            format!(
                "{} rendered frames (set HEALTHGATE_FRAMES for the real set)",
                cases.len()
            )
        },
        |d| format!("{} frames of {}", cases.len(), Path::new(d).display()),
    );
    println!("decode bench: {source}, one thread");

    let decoders: Vec<(&str, Box<dyn Decoder>)> = vec![
        (
            "rxing as it comes (HybridBinarizer)",
            Box::new(rxing_as_is(false)),
        ),
        (
            "rxing, block binariser",
            Box::new(RxingDecoder::unsmoothed(false)),
        ),
        (
            "rxing, block binariser, noisy frames smoothed, second look (the kiosk's)",
            Box::new(RxingDecoder::default()),
        ),
        (
            "rxing as it comes, then its Java detector",
            Box::new(rxing_with_java()),
        ),
        ("rxing as it comes, TryHarder", Box::new(rxing_as_is(true))),
        (
            "rxing (the kiosk's) at 640x360",
            Box::new(Halved(RxingDecoder::default())),
        ),
        ("rqrr", Box::new(RqrrDecoder)),
        ("chain: default", Box::new(default_chain())),
        (
            "chain: rxing, then rqrr",
            Box::new(Chain::new(vec![
                Box::new(RxingDecoder::default()),
                Box::new(RqrrDecoder),
            ])),
        ),
        (
            "rxing, block binariser, noisy frames smoothed, one look",
            Box::new(RxingDecoder::one_look()),
        ),
    ];
    let mut rows = Vec::new();
    let mut all_hits = Vec::new();
    for (name, d) in &decoders {
        let (row, hits) = measure(name, d.as_ref(), &cases);
        rows.push(row);
        all_hits.push(hits);
    }
    let cats: Vec<String> = {
        let mut c: Vec<String> = cases.iter().map(|c| c.category.clone()).collect();
        c.sort_by_key(|c| match c.as_str() {
            "clean" => 0,
            "mild" => 1,
            "hard" => 2,
            _ => 3,
        });
        c.dedup();
        c
    };
    println!();
    println!(
        "| decoder | read | {} | median ms | p95 ms |",
        cats.join(" / ")
    );
    println!("|---|---|---|---|---|");
    for r in &rows {
        let by: Vec<String> = cats
            .iter()
            .map(|c| r.by_cat.get(c).map_or(0, |x| x.0).to_string())
            .collect();
        let of: Vec<String> = cats
            .iter()
            .map(|c| r.by_cat.get(c).map_or(0, |x| x.1).to_string())
            .collect();
        println!(
            "| {} | {:.1}% | {} of {} | {:.1} | {:.1} |",
            r.name,
            100.0 * r.read as f64 / r.total.max(1) as f64,
            by.join("/"),
            of.join("/"),
            r.median,
            r.p95
        );
    }
    // Does rqrr read anything the kiosk's rxing misses?
    let rx = &all_hits[2];
    let rq = &all_hits[6];
    let only_rqrr: Vec<&str> = cases
        .iter()
        .zip(rx.iter().zip(rq))
        .filter(|(_, (a, b))| !**a && **b)
        .map(|(c, _)| c.name.as_str())
        .collect();
    println!();
    println!(
        "frames rqrr read and rxing missed: {} {:?}",
        only_rqrr.len(),
        only_rqrr
    );
    if !full {
        // Smoke run: the default chain reads clean rendered frames.
        assert!(rows[7].read > 0, "the chain read nothing");
        return;
    }
    blackbox(&decoders);
    fuzz_findings();
}

/// The frames the `qr_frame` fuzz target found, read by the kiosk's chain
/// (fuzz/regressions): how long each holds the stage.
fn fuzz_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/qr_frame");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    println!();
    println!("| fuzz finding | frame | read | ms |");
    println!("|---|---|---|---|");
    let chain = default_chain();
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let Some(frame) = LumaFrame::from_fuzz_input(&data, Instant::now()) else {
            continue;
        };
        let (width, height) = (frame.width(), frame.height());
        let start = Instant::now();
        let texts = healthgate::scan::decoder::guarded(&chain, &frame);
        let name = path.file_name().unwrap().to_string_lossy();
        println!(
            "| {} | {width}x{height} | {} | {:.1} |",
            name.get(..16).unwrap_or(&name),
            texts.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// A photo and the text of its code, if it has one.
type Photo = (LumaFrame, Option<String>);

/// The `ZXing` photo sets at 0 degrees (exact text), and its false positives:
/// every `qrcode-N` and `falsepositives*` folder of `HEALTHGATE_QR_SETS`
/// (`ZXing`'s `core/src/test/resources/blackbox`, for all six sets), else of
/// the test data's `qr-blackbox` (sets 1 and 2).
fn blackbox(decoders: &[(&str, Box<dyn Decoder>)]) {
    let data = std::env::var_os("HEALTHGATE_TESTDATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata"),
        Into::into,
    );
    let root =
        std::env::var_os("HEALTHGATE_QR_SETS").map_or_else(|| data.join("qr-blackbox"), Into::into);
    if !root.is_dir() {
        println!(
            "no {} (set HEALTHGATE_TESTDATA): photo sets skipped",
            root.display()
        );
        return;
    }
    let load = |dir: &str, with_truth: bool| -> Vec<(LumaFrame, Option<String>)> {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let truth =
                    with_truth.then(|| std::fs::read_to_string(p.with_extension("txt")).unwrap());
                (load_image(p, Instant::now()).unwrap(), truth)
            })
            .collect()
    };
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let sets: Vec<(String, Vec<Photo>)> = names
        .iter()
        .filter(|n| n.starts_with("qrcode-"))
        .map(|n| (n.clone(), load(n, true)))
        .collect();
    let fp: Vec<Photo> = names
        .iter()
        .filter(|n| n.starts_with("falsepositives"))
        .flat_map(|n| load(n, false))
        .collect();
    println!();
    let heads: Vec<&str> = sets.iter().map(|(n, _)| n.as_str()).collect();
    println!(
        "| decoder | {} | photo sets | false reads | median ms | p95 ms |",
        heads.join(" | ")
    );
    println!("|---|{}---|---|---|---|", "---|".repeat(heads.len()));
    for (name, d) in decoders {
        let mut times = Vec::new();
        let mut counts = Vec::new();
        for (_, cases) in &sets {
            let mut read = 0;
            for (frame, truth) in cases {
                let start = Instant::now();
                let texts = healthgate::scan::decoder::guarded(d.as_ref(), frame);
                times.push(start.elapsed());
                read += usize::from(truth.as_ref().is_some_and(|t| texts.contains(t)));
            }
            counts.push((read, cases.len()));
        }
        let false_reads = fp
            .iter()
            .filter(|(f, _)| !healthgate::scan::decoder::guarded(d.as_ref(), f).is_empty())
            .count();
        times.sort();
        let (read, total) = counts.iter().fold((0, 0), |a, c| (a.0 + c.0, a.1 + c.1));
        let per_set: Vec<String> = counts.iter().map(|(r, t)| format!("{r}/{t}")).collect();
        println!(
            "| {name} | {} | {read}/{total} ({:.1}%) | {false_reads} of {} | {:.1} | {:.1} |",
            per_set.join(" | "),
            100.0 * read as f64 / total.max(1) as f64,
            fp.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
        );
    }
}
