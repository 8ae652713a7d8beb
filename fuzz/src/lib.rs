//! Shared helpers for the fuzz targets: how a fuzz input becomes a file
//! name plus bytes, and what a "clean" error must look like.

use thonso_core::Error;

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
