//! Workbook intake: bytes + file name → `Session::open` → `inspect`, the
//! exact path `thonso inspect FILE --json` and the browser worker take.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| thonso_fuzz::check_intake(data));
