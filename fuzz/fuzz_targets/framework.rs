//! Criteria framework JSON: `Framework::from_json`, used by
//! `thonso --framework FILE.json` and the browser's framework import.
//! A framework it accepts must survive `to_json` → `from_json`, and must
//! score a small village table whose columns are its own indicators.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thonso_core::framework::{Framework, Unit};
use thonso_core::ingest::NoProgress;
use thonso_core::session::SessionOptions;
use thonso_core::Session;
use thonso_fuzz::assert_clean;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Framework::from_json(&text) {
        Ok(fw) => {
            let back = Framework::from_json(&fw.to_json()).expect("an accepted framework round-trips");
            assert_eq!(back.indicator_count(), fw.indicator_count());
            score_with(fw);
        }
        Err(e) => assert_clean(&e),
    }
});

/// Villages × the framework's own indicator ids: full, failing, empty.
fn score_with(fw: Framework) {
    let mut csv = String::from("Xã;Thôn");
    let ids: Vec<(String, Unit)> = fw.indicators().map(|(_, i)| (i.id.replace([';', '"', '\n', '\r'], " "), i.unit)).collect();
    for (id, _) in &ids {
        csv.push(';');
        csv.push_str(id);
    }
    for (row, village) in ["Thôn 1", "Thôn 2", "Thôn 3"].iter().enumerate() {
        csv.push_str("\nSơn Hà;");
        csv.push_str(village);
        for (_, unit) in &ids {
            csv.push(';');
            csv.push_str(match (row, unit) {
                (0, Unit::YesNo) => "có",
                (0, _) => "100",
                (1, Unit::YesNo) => "không",
                (1, _) => "0,5",
                _ => "",
            });
        }
    }
    let opts = SessionOptions { framework: Some(fw), ..Default::default() };
    match Session::open(csv.as_bytes(), "villages.csv", opts, &NoProgress) {
        Ok(s) => {
            if let Err(e) = s.score(&Default::default()) {
                assert_clean(&e);
            }
        }
        Err(e) => assert_clean(&e),
    }
}
