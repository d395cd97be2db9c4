//! The arrows between modules point one way: each module of the library
//! uses only modules above it in `src/lib.rs`'s map, and within a module no
//! two parts use each other. Read from the source, so a new `use` that
//! points up or closes a cycle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's modules, from the leaf to the edges, as `src/lib.rs`
/// declares them.
const LAYERS: [&str; 20] = [
    "verdict",
    "time",
    "crypto",
    "code",
    "rules",
    "files",
    "bundle",
    "records",
    "config",
    "authority",
    "demo",
    "voice",
    "i18n",
    "gate",
    "scan",
    "pin",
    "logging",
    "serve",
    "ui",
    "cmd",
];

/// The core, which nothing of the door's edges may reach into.
const CORE: [&str; 7] = [
    "verdict", "code", "crypto", "rules", "bundle", "records", "time",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments (doc links are not arrows).
fn code_of(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `(top module, part)` of a library file: `src/scan/stage.rs` is
/// `("scan", Some("stage"))`, `src/scan/mod.rs` is `("scan", None)`,
/// `src/code/native/verify.rs` is `("code", Some("native"))`.
fn place(path: &Path) -> Option<(String, Option<String>)> {
    let rel = path.strip_prefix(src()).ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    match parts.as_slice() {
        [file] if file == "lib" || file == "main" => None,
        [dir, ..] if dir == "bin" => None,
        [top] => Some((top.clone(), None)),
        [top, part] if part == "mod" => Some((top.clone(), None)),
        [top, part, ..] => Some((top.clone(), Some(part.clone()))),
        [] => None,
    }
}

fn library_files() -> Vec<(PathBuf, (String, Option<String>))> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|f| place(&f).map(|p| (f, p)))
        .collect()
}

#[test]
fn lib_rs_maps_the_layers_in_order() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    declared.sort_unstable();
    let mut layers = LAYERS.to_vec();
    layers.sort_unstable();
    assert_eq!(
        declared, layers,
        "lib.rs declares other modules than this test knows"
    );
    // The map names every module, in the order of the layers.
    let mapped: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! - [`"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert_eq!(mapped, LAYERS, "the order of lib.rs's map");
}

#[test]
fn every_module_uses_only_the_modules_above_it() {
    let re = regex::Regex::new(r"crate::([a-z_0-9]+)").unwrap();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut wrong = BTreeSet::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, (top, _)) in library_files() {
        let here = rank(&top).unwrap_or_else(|| panic!("{top} is not in the map"));
        for cap in re.captures_iter(&code_of(&file)) {
            let used = &cap[1];
            if used == top {
                continue;
            }
            let Some(there) = rank(used) else {
                panic!("{}: crate::{used} is no module", file.display());
            };
            edges
                .entry(top.clone())
                .or_default()
                .insert(used.to_string());
            if there > here {
                wrong.insert(format!(
                    "{} ({top}) uses {used}, which is below it",
                    file.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "arrows pointing up:\n{}", {
        let w: Vec<_> = wrong.into_iter().collect();
        w.join("\n")
    });
    // Spelled out, for the core: none of it reaches the edges.
    for core in CORE {
        for edge in ["cmd", "ui", "authority", "gate", "demo", "scan", "config"] {
            assert!(
                !edges.get(core).is_some_and(|e| e.contains(edge)),
                "{core} uses {edge}"
            );
        }
    }
}

#[test]
fn no_two_parts_of_a_module_use_each_other() {
    let files = library_files();
    let parts: BTreeSet<(String, String)> = files
        .iter()
        .filter_map(|(_, (t, p))| p.clone().map(|p| (t.clone(), p)))
        .collect();
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (file, (top, part)) in &files {
        let Some(part) = part else { continue };
        let code = code_of(file);
        // Siblings are reached as `super::x` from a part's own file and as
        // `crate::top::x` from anywhere.
        let direct = file.parent().is_some_and(|d| d.ends_with(top));
        let mut patterns = vec![format!(r"crate::{top}::([a-z_0-9]+)")];
        if direct {
            patterns.push(r"super::([a-z_0-9]+)".to_string());
        }
        for pat in patterns {
            let re = regex::Regex::new(&pat).unwrap();
            for cap in re.captures_iter(&code) {
                let other = cap[1].to_string();
                if other != *part && parts.contains(&(top.clone(), other.clone())) {
                    edges
                        .entry((top.clone(), part.clone()))
                        .or_default()
                        .insert(other);
                }
            }
        }
    }
    // A cycle is an edge a -> b with a path b -> ... -> a.
    let reaches = |from: &(String, String), to: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.1.clone()];
        while let Some(p) = todo.pop() {
            if p == to {
                return true;
            }
            if seen.insert(p.clone())
                && let Some(next) = edges.get(&(from.0.clone(), p))
            {
                todo.extend(next.iter().cloned());
            }
        }
        false
    };
    let mut cycles = Vec::new();
    for ((top, part), uses) in &edges {
        for other in uses {
            if reaches(&(top.clone(), other.clone()), part) {
                cycles.push(format!("{top}::{part} <-> {top}::{other}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "parts that use each other:\n{}",
        cycles.join("\n")
    );
}
