//! Inputs the fuzz targets (fuzz/) once crashed on, minimised, under
//! tests/fixtures/fuzz/<target>-<short-name>.bin. Each goes through the same
//! entry point as its target and must give a clean result or a clean,
//! bilingual, non-internal error: no panic, no hang.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use thonso_core::framework::Framework;
use thonso_core::ingest::grid::{decode_text, read_delimited, sniff_delimiter};
use thonso_core::ingest::{analyse, Limits, NoProgress};
use thonso_core::session::SessionOptions;
use thonso_core::share::{frame_json, SharePayload};
use thonso_core::{Error, Session};

/// The fuzz crate's own input decoding (the file-name byte table), so a
/// regression input means here what it meant to the fuzzer.
#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_input;
use fuzz_input::split_name;

fn clean(e: &Error, what: &str) {
    assert!(!e.is_internal(), "{what}: internal error {e}");
    assert!(!e.message.is_empty() && !e.message_en.is_empty(), "{what}: empty message {e:?}");
}

fn intake(data: &[u8], what: &str) {
    let Some((name, bytes)) = split_name(data) else {
        return;
    };
    match Session::open(bytes, &name, SessionOptions::default(), &NoProgress) {
        Ok(s) => {
            serde_json::to_string(&s.inspect()).expect("inspect report serialises");
        }
        Err(e) => {
            clean(&e, what);
            assert!(e.file.is_some(), "{what}: error does not name the file: {e}");
        }
    }
}

fn csv(data: &[u8], what: &str) {
    let (text, _) = decode_text(data);
    let _ = sniff_delimiter(&text);
    let fw = Framework::default_vn();
    let small = Limits { max_cells: 64, max_cell_chars: 16, ..Limits::default() };
    for limits in [Limits::default(), small] {
        match read_delimited(data.into(), "data", &limits) {
            Ok((raw, _)) => {
                let _ = analyse(raw, &fw, None);
            }
            Err(e) => clean(&e, what),
        }
    }
}

fn share(data: &[u8], what: &str) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let link = if mode & 1 == 0 { String::from_utf8_lossy(rest).into_owned() } else { frame_json(rest) };
    match SharePayload::decode(&link) {
        Ok(p) => {
            let again = p.encode().expect("re-encodes");
            SharePayload::decode(&again).expect("re-encoded link decodes");
        }
        Err(e) => clean(&e, what),
    }
}

fn framework(data: &[u8], what: &str) {
    match Framework::from_json(&String::from_utf8_lossy(data)) {
        Ok(fw) => {
            let back = Framework::from_json(&fw.to_json()).expect("round-trips");
            assert_eq!(back.indicator_count(), fw.indicator_count());
        }
        Err(e) => clean(&e, what),
    }
}

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
    for path in inputs() {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let data = std::fs::read(&path).expect("readable");
        let before = PANICS.load(Ordering::SeqCst);
        let (tx, rx) = mpsc::channel();
        let what = file.clone();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| match what.split('-').next() {
                Some("intake") => intake(&data, &what),
                Some("csv") => csv(&data, &what),
                Some("share") => share(&data, &what),
                Some("framework") => framework(&data, &what),
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
