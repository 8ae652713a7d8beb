//! Delimited text: decoding (BOMs, UTF-16 without BOM, Latin-1), delimiter
//! sniffing and the csv reader, then header detection and column mapping
//! on the grid it produces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| thonso_fuzz::check_csv(data));
