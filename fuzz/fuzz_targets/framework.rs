//! Criteria framework JSON: `Framework::from_json`, used by
//! `thonso --framework FILE.json` and the browser's framework import.
//! A framework it accepts must survive `to_json` → `from_json`, and must
//! score a small village table whose columns are its own indicators.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| thonso_fuzz::check_framework(data));
