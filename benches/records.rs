//! Writing 100,000 verification records one by one (as the kiosk does, one
//! transaction each), then a day of hourly counts and the recent list.
//!
//! `cargo bench --bench records`; `cargo test` runs a small version.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::cast_precision_loss,
    clippy::indexing_slicing
)]

use std::time::Instant;

use healthgate::records::{Filter, HolderKey, Record, Records};
use healthgate::time::UnixTime;
use healthgate::verdict::Colour;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: i64 = if full { 100_000 } else { 2_000 };
    let start = UnixTime(1_795_651_200); // 2026-11-26T00:00:00Z
    let key = HolderKey::random();
    let dir = tempfile::tempdir().unwrap();
    let mut records = Records::open(&dir.path().join("records.sqlite"), 30, start);
    let colours = [
        Colour::Green,
        Colour::Green,
        Colour::Green,
        Colour::Yellow,
        Colour::Red,
        Colour::Grey,
    ];
    let t = Instant::now();
    for i in 0..n {
        let id = (i % 5_000).to_be_bytes();
        let mut cid = [0u8; 16];
        cid[..8].copy_from_slice(&id);
        let r = Record {
            id: 0,
            // Spread over one day.
            at: start.plus(i * 86_400 / n),
            kiosk: "door-1".into(),
            venue: "hospital".into(),
            format: "hgc1".into(),
            issuer: Some("CN-GD-HC".into()),
            masked_name: Some("张*".into()),
            id_tail: Some("1234".into()),
            document: Some("id-card".into()),
            verdict: colours[usize::try_from(i).unwrap() % colours.len()],
            reasons: vec!["test-too-old".into()],
            bundle_version: Some(7),
            holder: Some(key.hash(&cid)),
        };
        records.write(&r).unwrap();
    }
    let write = t.elapsed();
    let t = Instant::now();
    let hours = records.hourly(start, start.plus(86_400)).unwrap();
    let hourly = t.elapsed();
    assert_eq!(hours.len(), 24);
    let total: u64 = hours
        .iter()
        .map(|h| h.green + h.yellow + h.red + h.grey)
        .sum();
    assert_eq!(total, u64::try_from(n).unwrap());
    let t = Instant::now();
    let recent = records
        .query(&Filter {
            limit: Some(50),
            verdict: Some(Colour::Red),
            ..Filter::default()
        })
        .unwrap();
    let recent_t = t.elapsed();
    assert_eq!(recent.len(), 50);
    let t = Instant::now();
    let purged = records.purge(start.plus(31 * 86_400)).unwrap();
    let purge = t.elapsed();
    let size = std::fs::metadata(dir.path().join("records.sqlite")).map_or(0, |m| m.len());
    println!(
        "records: {n} written one transaction each in {write:.2?} ({:.1} µs each, {:.0} a second)",
        write.as_secs_f64() * 1e6 / n as f64,
        n as f64 / write.as_secs_f64()
    );
    println!("  a day of hourly counts (24 hours, with distinct people): {hourly:.2?}");
    println!("  the 50 most recent red records: {recent_t:.2?}");
    println!(
        "  purge of all {purged} after 31 days: {purge:.2?}; file {} MB before purge",
        size / 1_000_000
    );
}
