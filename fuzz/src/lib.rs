//! What the fuzz targets run, shared with the regression test
//! (core/tests/fuzz_regressions.rs includes this file): how a fuzz input
//! becomes a file name plus bytes, what a "clean" error must look like, and
//! each target's check.

use thonso_core::framework::{Framework, Unit};
use thonso_core::ingest::grid::{decode_text, read_delimited, sniff_delimiter};
use thonso_core::ingest::{analyse, Limits, NoProgress};
use thonso_core::session::SessionOptions;
use thonso_core::share::{frame_json, SharePayload};
use thonso_core::{Error, Session};

/// File names the intake is tried under when the first byte is below 0xF0.
/// Format detection looks at the bytes, never the name, but the name still
/// becomes the sheet name of a text file and appears in every error.
pub const NAMES: &[&str] = &[
    "book.xlsx",
    "book.xlsm",
    "book.xlsb",
    "book.xls",
    "book.ods",
    "data.csv",
    "data.txt",
    "data.tsv",
    "work.thonso",
    "noext",
    "",
    ".csv",
    "BÁO CÁO.XLSX",
    "a/b\\c.xls",
    "thôn.csv",
    "x.json",
];

/// Splits a fuzz input into (file name, file bytes). First byte `b`:
/// `b < 0xF0` picks one of [`NAMES`]; otherwise the next `b - 0xF0` bytes
/// (0..=15) are the name, as lossy UTF-8 (so any name at all, including
/// control characters and U+FFFD).
pub fn split_name(data: &[u8]) -> Option<(String, &[u8])> {
    let (&b, rest) = data.split_first()?;
    if b < 0xF0 {
        return Some((NAMES[b as usize % NAMES.len()].to_string(), rest));
    }
    let n = ((b - 0xF0) as usize).min(rest.len());
    let (name, bytes) = rest.split_at(n);
    Some((String::from_utf8_lossy(name).into_owned(), bytes))
}

/// The seed prefix byte that selects `name` from [`NAMES`].
pub fn name_byte(name: &str) -> Option<u8> {
    NAMES.iter().position(|n| *n == name).map(|i| i as u8)
}

/// An input may be refused, but only with a typed, bilingual error: an
/// `internal` error means a bug in the core, not a bad file.
pub fn assert_clean(e: &Error) {
    assert!(!e.is_internal(), "internal error from user input: {e}");
    assert!(!e.code.is_empty() && !e.message.is_empty() && !e.message_en.is_empty(), "empty error: {e:?}");
}

/// Intake: the whole `Session::open` → inspect, under any name. A refusal
/// must name the file.
pub fn check_intake(data: &[u8]) {
    let Some((name, bytes)) = split_name(data) else {
        return;
    };
    match Session::open(bytes, &name, SessionOptions::default(), &NoProgress) {
        Ok(s) => {
            // The CLI's --json and the wasm skin both serialise the report.
            serde_json::to_string(&s.inspect()).expect("inspect report serialises");
        }
        Err(e) => {
            assert_clean(&e);
            assert!(e.file.is_some(), "intake error does not name the file: {e}");
        }
    }
}

/// Delimited text: decode, sniff, split and analyse, under the default
/// limits and small ones (so the limit checks themselves are exercised).
pub fn check_csv(data: &[u8]) {
    let (text, _enc) = decode_text(data);
    let d = sniff_delimiter(&text);
    assert!(matches!(d, b',' | b';' | b'\t' | b'|'));
    let small = Limits { max_cells: 64, max_cell_chars: 16, ..Limits::default() };
    for limits in [Limits::default(), small] {
        match read_delimited(data.into(), "data", &limits) {
            Ok((raw, _)) => {
                let sheet = analyse(raw, &default_framework().intake(), None);
                let _ = sheet.name();
            }
            Err(e) => assert_clean(&e),
        }
    }
}

fn default_framework() -> &'static Framework {
    static FW: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    FW.get_or_init(Framework::default_vn)
}

/// Share links: first byte even → the rest is link text; odd → it is
/// payload JSON, framed and checksummed as a link. A payload that decodes
/// must encode and decode again.
pub fn check_share(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let link = if mode & 1 == 0 { String::from_utf8_lossy(rest).into_owned() } else { frame_json(rest) };
    match SharePayload::decode(&link) {
        Ok(p) => {
            let again = p.encode().expect("decoded payload re-encodes");
            SharePayload::decode(&again).expect("re-encoded payload decodes");
        }
        Err(e) => assert_clean(&e),
    }
}

/// Criteria framework JSON: an accepted framework round-trips through
/// `to_json` and scores a small village table of its own indicators.
pub fn check_framework(data: &[u8]) {
    match Framework::from_json(&String::from_utf8_lossy(data)) {
        Ok(fw) => {
            let back = Framework::from_json(&fw.to_json()).expect("an accepted framework round-trips");
            assert_eq!(back.indicator_count(), fw.indicator_count());
            score_with(fw);
        }
        Err(e) => assert_clean(&e),
    }
}

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
