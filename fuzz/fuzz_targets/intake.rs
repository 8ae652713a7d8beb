//! Workbook intake: bytes + file name → `Session::open` → `inspect`, the
//! exact path `thonso inspect FILE --json` and the browser worker take.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thonso_core::ingest::NoProgress;
use thonso_core::session::SessionOptions;
use thonso_core::Session;
use thonso_fuzz::{assert_clean, split_name};

fuzz_target!(|data: &[u8]| {
    let Some((name, bytes)) = split_name(data) else {
        return;
    };
    match Session::open(bytes, &name, SessionOptions::default(), &NoProgress) {
        Ok(s) => {
            let report = s.inspect();
            // The CLI's --json and the wasm skin both serialise the report.
            serde_json::to_string(&report).expect("inspect report serialises");
        }
        Err(e) => {
            assert_clean(&e);
            assert!(e.file.is_some(), "intake error does not name the file: {e}");
        }
    }
});
