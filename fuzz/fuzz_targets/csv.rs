//! Delimited text: decoding (BOMs, UTF-16 without BOM, Latin-1), delimiter
//! sniffing and the csv reader, then header detection and column mapping
//! on the grid it produces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thonso_core::framework::Framework;
use thonso_core::ingest::grid::{decode_text, read_delimited, sniff_delimiter};
use thonso_core::ingest::{analyse, Limits};
use thonso_fuzz::assert_clean;

fuzz_target!(|data: &[u8]| {
    let (text, _enc) = decode_text(data);
    let d = sniff_delimiter(&text);
    assert!(matches!(d, b',' | b';' | b'\t' | b'|'));
    // Small limits too, so the limit checks themselves are exercised.
    let small = Limits { max_cells: 64, max_cell_chars: 16, ..Limits::default() };
    for limits in [Limits::default(), small] {
        match read_delimited(data.into(), "data", &limits) {
            Ok((raw, _)) => {
                let sheet = analyse(raw, framework(), None);
                let _ = sheet.name();
            }
            Err(e) => assert_clean(&e),
        }
    }
});

fn framework() -> &'static Framework {
    static FW: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    FW.get_or_init(Framework::default_vn)
}
