//! Installing a bundle with a million overrides and a million revocations
//! (the size of an EU DCC revocation list), and looking them up.
//!
//! `cargo bench --bench bundle_store` runs it with 1,000,000 overrides and
//! 1,000,000 revocations in a SQLite file; `cargo test` runs a small version.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::time::{Duration, Instant};

use healthgate::bundle::format::Bundle;
use healthgate::bundle::store::{Slot, Store};
use healthgate::crypto::{PrivateKey, sm3};
use healthgate::rules::policy::Policies;
use healthgate::rules::{Override, OverrideLookup};
use healthgate::time::UnixTime;
use healthgate::verdict::CodeColour;

fn id(i: u64) -> [u8; 16] {
    let h = sm3(&[&i.to_be_bytes()]);
    let mut out = [0u8; 16];
    out.copy_from_slice(&h[..16]);
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (n, revoked) = if full {
        (1_000_000u64, 1_000_000u64)
    } else {
        (10_000, 1_000)
    };
    let now = UnixTime(1_795_681_800);
    let mut bundle = Bundle {
        authority: "BENCH".into(),
        version: 1,
        issued_at: now,
        warn_age_secs: 86_400,
        max_age_secs: 3 * 86_400,
        issuers: Vec::new(),
        policies: Policies::default(),
        overrides: (0..n)
            .map(|i| Override {
                credential_id: id(i),
                colour: CodeColour::Red,
                since: now,
            })
            .collect(),
        revoked: (n..n + revoked).map(id).collect(),
        dscs: Vec::new(),
        country_rules: healthgate::rules::country::CountryRules::default(),
        shc_directory: None,
    };
    bundle.normalise().unwrap();
    let root = PrivateKey::generate().unwrap();
    let t = Instant::now();
    let file = bundle.sign(&root).unwrap();
    let sign = t.elapsed();
    let t = Instant::now();
    let opened = Bundle::open(&file, &root.public()).unwrap();
    let open = t.elapsed();
    assert_eq!(opened.overrides.len(), bundle.overrides.len());

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rules.sqlite")).unwrap();
    let t = Instant::now();
    store.install(&file, &opened, now).unwrap();
    let install = t.elapsed();
    // A second, newer bundle: the first becomes the previous one.
    let mut next = opened.clone();
    next.version = 2;
    let file2 = next.sign(&root).unwrap();
    let t = Instant::now();
    store.install(&file2, &next, now).unwrap();
    let install2 = t.elapsed();
    let t = Instant::now();
    let loaded = store.load(Slot::Current, &root.public()).unwrap().unwrap();
    let load = t.elapsed();

    let lookups = 100_000u64;
    let mut times = Vec::with_capacity(usize::try_from(lookups).unwrap_or(0) * 2);
    for i in 0..lookups {
        let hit = id((i * 7919) % n);
        let t = Instant::now();
        let found = store.override_for(loaded.id, &hit).unwrap();
        times.push(t.elapsed());
        assert!(found.is_some());
        let miss = id(n + revoked + i);
        let t = Instant::now();
        let found = store.override_for(loaded.id, &miss).unwrap();
        let revoked_hit = store.is_revoked(loaded.id, &miss).unwrap();
        times.push(t.elapsed());
        assert!(found.is_none() && !revoked_hit);
    }
    times.sort_unstable();
    // What a check does: the bundle in memory, a binary search.
    let mut memory = Vec::with_capacity(times.len());
    for i in 0..lookups {
        let hit = id((i * 7919) % n);
        let t = Instant::now();
        let found = loaded.bundle.override_for(&hit);
        memory.push(t.elapsed());
        assert!(found.is_some());
        let miss = id(n + revoked + i);
        let t = Instant::now();
        let found = loaded.bundle.override_for(&miss);
        let revoked_hit = loaded.bundle.is_revoked(&miss);
        memory.push(t.elapsed());
        assert!(found.is_none() && !revoked_hit);
    }
    memory.sort_unstable();
    // A revoked credential found, as a check does it for each of a DCC's
    // three revocation hashes.
    let mut revocations = Vec::with_capacity(usize::try_from(lookups).unwrap_or(0));
    for i in 0..lookups {
        let hit = id(n + (i * 7919) % revoked);
        let t = Instant::now();
        let found = loaded.bundle.is_revoked(&hit);
        revocations.push(t.elapsed());
        assert!(found);
    }
    revocations.sort_unstable();
    let size = std::fs::metadata(dir.path().join("rules.sqlite")).map_or(0, |m| m.len())
        + std::fs::metadata(dir.path().join("rules.sqlite-wal")).map_or(0, |m| m.len());
    println!(
        "bundle_store: {n} overrides, {revoked} revoked, file {} MB",
        file.len() / 1_000_000
    );
    println!("  sign {sign:.2?}, open (SM2 + parse) {open:.2?}");
    println!(
        "  install into an empty store {install:.2?}; install over it (keeping it as previous) {install2:.2?}"
    );
    println!(
        "  load (re-verify + row check) {load:.2?}; database {} MB",
        size / 1_000_000
    );
    println!(
        "  store lookup (override, or override + revocation for a miss): median {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        percentile(&times, 1.0)
    );
    println!(
        "  in-memory lookup, as a check does it: median {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(&memory, 0.5),
        percentile(&memory, 0.99),
        percentile(&memory, 1.0)
    );
    println!(
        "  in-memory revocation hit: median {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(&revocations, 0.5),
        percentile(&revocations, 0.99),
        percentile(&revocations, 1.0)
    );
}
