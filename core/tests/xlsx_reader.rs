//! The streaming .xlsx reader agrees with calamine, cell by cell, on every
//! .xlsx/.xlsm in the real-world corpus and in tests/fixtures.

use std::path::Path;
use thonso_core::ingest::{raw_sheets, Cell, RawSheet};

#[path = "support/walk.rs"]
mod walk;

fn is_xlsx(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("xlsm"))
}

/// Non-empty cells by absolute (row, column); an empty string is empty.
fn cells(sheet: &RawSheet) -> Vec<((usize, usize), String)> {
    let (r0, c0) = sheet.origin();
    let mut out = Vec::new();
    for r in 0..sheet.height() {
        for c in 0..sheet.width() {
            let cell = sheet.cell(r, c);
            if cell == Cell::Empty || cell == Cell::Text("") {
                continue;
            }
            out.push(((r0 + r, c0 + c), format!("{cell:?}")));
        }
    }
    out
}

/// Files where calamine is wrong and the streaming reader is not.
const KNOWN: &[(&str, &str)] = &[
    (
        "empty_shared_string_value.xlsx",
        "an empty <v/> in a shared-string cell: calamine reads it as string #0, the streaming reader (like Excel) as an empty cell",
    ),
    ("richtext-after-plain.xlsx", "a plain <t> followed by rich runs: calamine 0.32 keeps only the first <t>, the streaming reader all of them"),
    ("inlineStr_cdata.xlsx", "CDATA inside inline strings: calamine 0.32 drops the text, the streaming reader keeps it"),
];

#[test]
fn streaming_reader_equals_calamine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = walk::files_below(&root.join("../../shared/corpus"), &is_xlsx);
    files.extend(walk::files_below(&root.join("../tests/fixtures"), &is_xlsx));
    files.sort();
    assert!(files.len() > 5, "fixtures missing");
    let (mut compared, mut cells_compared, mut both_refused, mut only_fast) = (0, 0usize, 0, Vec::new());
    let mut date_divergence: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        let name = path.display().to_string();
        let fast = raw_sheets(&bytes, &name, false);
        let reference = std::panic::catch_unwind(|| raw_sheets(&bytes, &name, true)).unwrap_or_else(|_| Err(thonso_core::error::Error::internal("calamine panicked")));
        match (fast, reference) {
            (Ok(f), Ok(r)) => {
                assert_eq!(f.len(), r.len(), "{name}: sheet count");
                for (a, b) in f.iter().zip(&r) {
                    assert_eq!(a.name, b.name, "{name}: sheet names");
                    let (ca, mut cb) = (cells(a), cells(b));
                    // calamine reads custom number formats without decoding
                    // `&quot;`, so `[$-411]ggge"年"m"月"d"日"` is a number to it
                    // and a date here (as in Excel). Known, listed, nothing else.
                    for (x, y) in ca.iter().zip(cb.iter_mut()) {
                        if x.0 == y.0 && x.1.starts_with("Date") && y.1.starts_with("Number") {
                            date_divergence.push(format!("{name} {:?}", x.0));
                            y.1 = x.1.clone();
                        }
                    }
                    if cb.is_empty() && !ca.is_empty() {
                        // calamine gave up on this sheet (read_with keeps the
                        // rest of the file); the streaming reader read it.
                        only_fast.push(format!("{name} / {}: calamine read no cell, streaming {}", a.name, ca.len()));
                        continue;
                    }
                    if let Some(why) = KNOWN.iter().find(|k| name.ends_with(k.0)).map(|k| k.1) {
                        eprintln!("{name}: known difference ({} vs {} cells): {why}", ca.len(), cb.len());
                        continue;
                    }
                    if ca != cb {
                        let first = ca.iter().zip(&cb).find(|(x, y)| x != y);
                        failures.push(format!("{name} / {}: {} vs {} cells; first difference (streaming, calamine): {first:?}", a.name, ca.len(), cb.len()));
                    }
                    cells_compared += ca.len();
                }
                compared += 1;
            }
            (Err(e), Err(_)) => {
                both_refused += 1;
                eprintln!("{name}: both refuse ({})", e.code);
            }
            (Ok(_), Err(e)) => only_fast.push(format!("{name}: calamine: {}", e.code)),
            (Err(e), Ok(_)) => failures.push(format!("{name}: the streaming reader refuses ({}: {}) what calamine reads", e.code, e.message_en)),
        }
    }
    eprintln!("{compared} workbooks equal ({cells_compared} cells), {both_refused} refused by both, {} read only by the streaming reader: {only_fast:#?}", only_fast.len());
    assert!(failures.is_empty(), "{failures:#?}");
    eprintln!("dates that calamine reads as numbers: {date_divergence:#?}");
    assert!(date_divergence.iter().all(|d| d.contains("date_quoted_format.xlsx")), "{date_divergence:?}");
    assert!(compared > 100, "expected the corpus's .xlsx files, compared {compared}");
}
