//! Inputs the fuzz targets (fuzz/) once crashed on, minimised, under
//! tests/fixtures/fuzz/<target>-<short-name>.bin. Each goes through the same
//! entry point as its target and must give a clean result or a clean,
//! bilingual, non-internal error: no panic, no hang.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// The fuzz crate's own input decoding and checks, so a regression input
/// means and is checked here exactly as it was by its fuzz target.
#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_input;
use fuzz_input::{check_csv, check_framework, check_intake, check_share};

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/fuzz");
    let mut all: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "bin")).collect()).unwrap_or_default();
    all.sort();
    all
}

/// Panics seen by the hook, caught or not: the browser build aborts on any
/// panic (`panic = "abort"`), so one caught inside the core (the CLI's
/// safety net around calamine) still fails the test.
static PANICS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn every_fuzz_regression_input_is_handled_cleanly() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let mut failed = Vec::new();
    let all = inputs();
    // No inputs means nothing was checked (issue 17).
    assert!(!all.is_empty(), "no fuzz regression inputs found under tests/fixtures/fuzz");
    for path in all {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let data = std::fs::read(&path).expect("readable");
        let before = PANICS.load(Ordering::SeqCst);
        let (tx, rx) = mpsc::channel();
        let what = file.clone();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| match what.split('-').next() {
                Some("intake") => check_intake(&data),
                Some("csv") => check_csv(&data),
                Some("share") => check_share(&data),
                Some("framework") => check_framework(&data),
                _ => panic!("{what}: name must start with intake-, csv-, share- or framework-"),
            });
            let _ = tx.send(r.is_ok());
        });
        let ok = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("{file}: took more than 20 s"));
        if !(ok && PANICS.load(Ordering::SeqCst) == before) {
            failed.push(file);
        }
    }
    assert!(failed.is_empty(), "panicked (caught or not) on: {failed:?}");
}

/// Issue 19: the intake regression inputs, opened as a host does, show no
/// internal text (paths inside the container, library errors, canonical
/// ids) in any message.
#[test]
fn fuzz_intake_inputs_leak_no_internals() {
    let intake: Vec<PathBuf> = inputs().into_iter().filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("intake-"))).collect();
    assert!(!intake.is_empty(), "no intake-* inputs under tests/fixtures/fuzz");
    for path in intake {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let data = std::fs::read(&path).expect("readable");
        let Some((name, bytes)) = fuzz_input::split_name(&data) else { continue };
        let case = format!("{file} as {name:?}");
        match thonso_core::Session::open(bytes, &name, Default::default(), &thonso_core::ingest::NoProgress) {
            Ok(s) => leaks::assert_session_clean(&case, &s),
            Err(e) => leaks::assert_error_clean(&case, &e),
        }
    }
}

#[path = "support/leaks.rs"]
mod leaks;
