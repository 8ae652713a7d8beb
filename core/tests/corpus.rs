//! Every real-world spreadsheet in ../shared/corpus either reads or is
//! refused with a clear, located error: never a panic, never a hang.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use thonso_core::Session;

#[path = "support/leaks.rs"]
mod leaks;
#[path = "support/walk.rs"]
mod walk;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real-world")
}

#[test]
fn whole_corpus_reads_or_fails_cleanly() {
    let dir = corpus_dir();
    let mut all = walk::files_below(&dir, &|p| p.extension().is_some_and(|x| x != "md"));
    all.sort();
    // Without the corpus this test would pass having checked nothing (issue 17).
    assert!(!all.is_empty(), "the real-world corpus ../shared/corpus/real-world is missing or empty at {}", dir.display());
    let mut read = 0;
    let mut refused: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut slowest = (Duration::ZERO, String::new());
    for path in &all {
        let bytes = std::fs::read(path).expect("corpus file readable");
        let name = path.strip_prefix(&dir).unwrap_or(path).display().to_string();
        let (tx, rx) = mpsc::channel();
        let n2 = name.clone();
        let started = Instant::now();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| Session::open_simple(&bytes, &n2).map(|s| {
                // Exercise the analyses too: they must not panic either.
                let _ = s.inspect();
                let _ = s.score(&Default::default());
                let _ = s.turnaround(&Default::default());
            }));
            let _ = tx.send(r);
        });
        let outcome = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("{name}: took more than 20 s"));
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
        match outcome {
            Err(_) => panic!("{name}: panicked"),
            Ok(Ok(())) => read += 1,
            Ok(Err(e)) => {
                assert_ne!(e.code, "internal", "{name}: internal error {e}");
                assert!(e.file.as_deref().is_some(), "{name}: error does not name the file: {e}");
                assert!(!e.message.is_empty() && !e.message_en.is_empty());
                leaks::assert_error_clean(&name, &e);
                refused.entry(e.code).or_default().push(name);
            }
        }
    }
    let refused_n: usize = refused.values().map(Vec::len).sum();
    eprintln!("corpus: {} files, {read} read, {refused_n} refused; slowest {:?} ({})", all.len(), slowest.0, slowest.1);
    for (code, names) in &refused {
        eprintln!("  refused {code}: {} e.g. {}", names.len(), names.iter().take(3).cloned().collect::<Vec<_>>().join(", "));
    }
    assert_eq!(read + refused_n, all.len());
    // Most of the corpus is ordinary workbooks: they must read.
    assert!(read * 10 >= all.len() * 8, "only {read} of {} read", all.len());
}
