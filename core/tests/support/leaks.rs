//! What a message shown to a user must never contain: a library's error
//! text, a path inside the container, a Rust type, a canonical column id.
//! Used by the hostile-file suite (every case, read or refused) and by the
//! fuzz regression inputs (issue 19).
#![allow(dead_code)]

use thonso_core::{Error, Session};

/// Substrings that betray internals. Case-sensitive, as written here.
pub const MARKERS: &[&str] = &[
    // Paths and parts inside an .xlsx/.ods container.
    "xl/",
    "_rels",
    ".xml",
    "[Content_Types]",
    "docProps",
    "META-INF",
    // Libraries and their error texts.
    "calamine",
    "Calamine",
    "zip::",
    "ZipError",
    "InvalidArchive",
    "quick_xml",
    "quick-xml",
    "polars",
    "Polars",
    "ColumnNotFound",
    "SchemaMismatch",
    "File not found",
    "invalid Zip archive",
    "OLE structure",
    "XlsError",
    "XlsxError",
    "XlsbError",
    "OdsError",
    "CfbError",
    "serde",
    // Rust debug output and panics.
    "Error {",
    "Os {",
    "kind: ",
    "Some(",
    "None)",
    "Utf8Error",
    "FromUtf8Error",
    "panicked",
    "unwrap",
    "called `",
    ".rs:",
    "src/",
    "backtrace",
];

/// Canonical column ids (`received_at`, `district`…): written in a message,
/// a snake_case id is internal anywhere; any id is internal in a list
/// ("district, province").
fn canonical_ids() -> Vec<&'static str> {
    thonso_core::ingest::columns::ALL.iter().map(|c| c.name()).collect()
}

/// The leaks in one text, if any. `file` (the file's own name) is removed
/// first: a file may well be called "report.xml".
pub fn leaks(text: &str, file: &str) -> Vec<String> {
    let text = if file.is_empty() { text.to_string() } else { text.replace(file, "") };
    let mut found: Vec<String> = MARKERS.iter().filter(|m| text.contains(*m)).map(|m| format!("{m:?}")).collect();
    let ids = canonical_ids();
    for id in ids.iter().filter(|id| id.contains('_')) {
        if text.contains(id) {
            found.push(format!("canonical id {id:?}"));
        }
    }
    // "a, b" where both a and b are canonical ids.
    let word = |s: &str, from_end: bool| -> String {
        let it: Box<dyn Iterator<Item = char>> = if from_end { Box::new(s.chars().rev()) } else { Box::new(s.chars()) };
        let w: String = it.take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if from_end {
            w.chars().rev().collect()
        } else {
            w
        }
    };
    let parts: Vec<&str> = text.split(", ").collect();
    for pair in parts.windows(2) {
        let (a, b) = (word(pair[0], true), word(pair[1], false));
        if ids.contains(&a.as_str()) && ids.contains(&b.as_str()) {
            found.push(format!("canonical ids in a list: {a:?}, {b:?}"));
        }
    }
    found
}

/// Panics if the error's messages leak internals.
pub fn assert_error_clean(case: &str, e: &Error) {
    let file = e.file.as_deref().unwrap_or("");
    for (lang, text) in [("vi", &e.message), ("en", &e.message_en)] {
        let found = leaks(text, file);
        assert!(found.is_empty(), "{case}: the {lang} message leaks {found:?}: {text}");
    }
}

/// Panics if any message of an opened file's report leaks internals:
/// sheet kind reasons, column mapping reasons, warnings, and the errors or
/// warnings of scoring and turnaround.
pub fn assert_session_clean(case: &str, s: &Session) {
    let file = s.workbook.file_name.clone();
    let mut texts: Vec<(String, String)> = Vec::new();
    for sh in s.inspect().sheets {
        texts.push((format!("sheet {} kind reason", sh.name), sh.kind_reason));
        texts.push((format!("sheet {} kind reason (en)", sh.name), sh.kind_reason_en));
        for c in sh.columns {
            texts.push((format!("sheet {} column {}", sh.name, c.header), c.reason.replace(&c.header, "")));
            texts.push((format!("sheet {} column {} (en)", sh.name, c.header), c.reason_en.replace(&c.header, "")));
        }
        for w in sh.warnings {
            texts.push((format!("sheet {} warning", sh.name), w.message));
            texts.push((format!("sheet {} warning (en)", sh.name), w.message_en));
        }
    }
    match s.score(&Default::default()) {
        Ok(Some(r)) => {
            for i in r.ignored_sheets {
                texts.push((format!("ignored sheet {}", i.name), i.reason));
                texts.push((format!("ignored sheet {} (en)", i.name), i.reason_en));
            }
        }
        Ok(None) => {}
        Err(e) => assert_error_clean(&format!("{case} (score)"), &e),
    }
    match s.turnaround(&Default::default()) {
        Ok(Some(r)) => {
            for w in r.warnings {
                texts.push(("turnaround warning".into(), w.message));
                texts.push(("turnaround warning (en)".into(), w.message_en));
            }
        }
        Ok(None) => {}
        Err(e) => assert_error_clean(&format!("{case} (turnaround)"), &e),
    }
    for (what, text) in texts {
        let found = leaks(&text, &file);
        assert!(found.is_empty(), "{case}: {what} leaks {found:?}: {text}");
    }
}

#[cfg(test)]
mod self_test {
    use super::leaks;

    #[test]
    fn markers_catch_the_leaks_users_saw() {
        assert!(!leaks("File not found 'xl/_rels/workbook.xml.rels'", "").is_empty());
        assert!(!leaks("cột nhận ra: district, province", "").is_empty());
        assert!(!leaks("the column received_at", "").is_empty());
        assert!(leaks("Tệp «báo cáo.xml» hỏng", "báo cáo.xml").is_empty());
        assert!(leaks("cột nhận ra: «Huyện»; «Tỉnh»", "").is_empty());
        assert!(leaks("The received date, the due date", "").is_empty());
    }
}
