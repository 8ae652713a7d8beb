//! Hostile files (issue #9): zip bombs, entity expansion, lying dimensions,
//! huge cells, thousands of sheets, broken text encodings, noise, truncated
//! and encrypted containers. Each must end in a clear, coded, bilingual
//! `Error` (or read fine) within a time and a heap bound: never a panic, a
//! hang or an allocation the size of what the file claims.
//!
//! The hostile bytes are generated here, small and deterministic; nothing
//! large is committed. Every case runs in a child process of this test
//! binary (see `isolated`): a counting global allocator measures the case's
//! peak heap alone, and refuses any allocation past `HARD_CAP` (the process
//! aborts), so a case that would take 17 billion cells' worth of memory
//! fails as a test instead of taking the shared machine down with it.
//!
//! Run with `--nocapture` to see the time and peak heap of every case.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use thonso_core::{Error, Session};

// ------------------------------------------------------------ heap counting

/// Live and peak heap bytes of this process.
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Safety net: an allocation that would take the live heap past this fails,
/// and the child process aborts. Far above `MAX_PEAK`, far below the machine.
const HARD_CAP: usize = 1 << 30;
/// What one case may add to the heap at its peak.
const MAX_PEAK: usize = 256 << 20;
/// Wall time one case may take to be read or refused (debug build, shared cores).
const MAX_TIME: Duration = Duration::from_secs(5);
/// A child still running after this is hung.
const HANG: Duration = Duration::from_secs(120);

fn grow(n: usize) -> bool {
    let now = CURRENT.fetch_add(n, Ordering::SeqCst) + n;
    if now > HARD_CAP {
        CURRENT.fetch_sub(n, Ordering::SeqCst);
        return false;
    }
    PEAK.fetch_max(now, Ordering::SeqCst);
    true
}

fn shrink(n: usize) {
    CURRENT.fetch_sub(n, Ordering::SeqCst);
}

struct Counting;

// The workspace denies unsafe code; implementing `GlobalAlloc` is the one
// way to count the heap from inside the test binary. Each method only
// forwards to `System` with the caller's own arguments.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: same layout contract as our caller's.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            shrink(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: same layout contract as our caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            shrink(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old && !grow(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: `ptr` was allocated by `System` with this layout.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            if new_size > old {
                shrink(new_size - old);
            }
        } else if new_size < old {
            shrink(old - new_size);
        }
        p
    }
}

#[global_allocator]
static HEAP: Counting = Counting;

// ------------------------------------------------------------ case runner

const CHILD_ENV: &str = "THONSO_HOSTILE_CASE";

/// Runs `case` in a child process of this test binary (or, in that child,
/// runs it here). The parent fails the test if the child panics, aborts
/// (an allocation past `HARD_CAP`), or hangs.
fn isolated(name: &str, case: impl FnOnce()) {
    if std::env::var(CHILD_ENV).as_deref() == Ok(name) {
        case();
        return;
    }
    let dir = std::env::temp_dir().join(format!("thonso-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let (out_path, err_path) = (dir.join(format!("{name}.out")), dir.join(format!("{name}.err")));
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args([name, "--exact", "--include-ignored", "--nocapture", "--test-threads=1", "-q"])
        .env(CHILD_ENV, name)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("out file"))
        .stderr(std::fs::File::create(&err_path).expect("err file"))
        .spawn()
        .expect("spawn child");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = std::fs::read_to_string(&out_path).unwrap_or_default();
    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    for line in out.lines().filter(|l| l.starts_with("hostile ")) {
        eprintln!("{line}");
    }
    let head = |s: &str| s.lines().take(30).collect::<Vec<_>>().join("\n");
    match status {
        None => panic!("{name}: still running after {HANG:?}: a hang\n{}\n{}", head(&out), head(&err)),
        Some(s) if !s.success() => {
            let why = if err.contains("memory allocation of") {
                format!("an allocation would take the heap past {} MiB (process aborted)", HARD_CAP >> 20)
            } else {
                format!("child exited with {s}")
            };
            panic!("{name}: {why}\n--- stdout\n{}\n--- stderr\n{}", head(&out), head(&err));
        }
        Some(_) => {}
    }
}

/// Opens `bytes` as `file_name` the way both hosts do, with time and peak
/// heap (above what was live before, i.e. beyond the input itself) checked.
fn open_measured(case: &str, bytes: &[u8], file_name: &str) -> Result<Session, Error> {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let started = Instant::now();
    let result = std::panic::catch_unwind(|| Session::open_simple(bytes, file_name));
    let took = started.elapsed();
    let peak = PEAK.load(Ordering::SeqCst).saturating_sub(base);
    let outcome = match &result {
        Ok(Ok(s)) => format!("read ({} sheets)", s.workbook.sheets.len()),
        Ok(Err(e)) => format!("error {}", e.code),
        Err(_) => "PANIC".to_string(),
    };
    println!(
        "hostile {case}: {outcome}; {:.0} ms; peak heap +{:.1} MiB (input {:.1} MiB)",
        took.as_secs_f64() * 1000.0,
        peak as f64 / 1048576.0,
        bytes.len() as f64 / 1048576.0
    );
    let result = result.unwrap_or_else(|_| panic!("{case}: the core panicked"));
    assert!(took < MAX_TIME, "{case}: took {took:?} (limit {MAX_TIME:?})");
    assert!(peak < MAX_PEAK, "{case}: peak heap {} MiB (limit {} MiB)", peak >> 20, MAX_PEAK >> 20);
    // Whatever happened, no message shown to the user leaks internals
    // (issue 19): every hostile case, read or refused, is scanned.
    match &result {
        Ok(s) => leaks::assert_session_clean(case, s),
        Err(e) => leaks::assert_error_clean(case, e),
    }
    result
}

/// The case must be refused with `code`, in both languages, naming the file.
fn expect_error(case: &str, bytes: &[u8], file_name: &str, code: &str) -> Error {
    let err = match open_measured(case, bytes, file_name) {
        Ok(s) => panic!("{case}: read {} sheets, expected error {code}", s.workbook.sheets.len()),
        Err(e) => e,
    };
    assert_eq!(err.code, code, "{case}: {err}");
    assert_eq!(err.file.as_deref(), Some(file_name), "{case}: the error must name the file: {err:?}");
    assert!(!err.message.is_empty() && !err.message_en.is_empty() && err.message != err.message_en, "{case}: {err:?}");
    // The Vietnamese message really is Vietnamese.
    assert!(!err.message.is_ascii(), "{case}: {err:?}");
    err
}

/// A bomb whose sizes lie is refused, as a bomb or as an unreadable
/// workbook (the stream ends where the headers said), and never read.
fn expect_lying_bomb_refused(case: &str, bytes: &[u8], file_name: &str) -> Error {
    let err = match open_measured(case, bytes, file_name) {
        Ok(_) => panic!("{case}: the bomb was read"),
        Err(e) => e,
    };
    assert!(matches!(err.code, "zip_bomb" | "unreadable_workbook"), "{case}: {err}");
    err
}

/// The case must read: every analysis runs on it without panicking.
fn expect_read(case: &str, bytes: &[u8], file_name: &str) -> Session {
    let s = open_measured(case, bytes, file_name).unwrap_or_else(|e| panic!("{case}: {e}"));
    let _ = s.inspect();
    let _ = s.score(&Default::default());
    let _ = s.turnaround(&Default::default());
    s
}

/// A corpus file. The corpus (../shared/corpus) must be there: a case that
/// silently skipped its files would pass with nothing checked (issue 17).
fn corpus(rel: &str) -> Vec<u8> {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real-world");
    assert!(root.is_dir(), "the real-world corpus ../shared/corpus/real-world is missing at {}: these cases would check nothing", root.display());
    let p = root.join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("corpus file {} cannot be read: {e}", p.display()))
}

#[path = "support/leaks.rs"]
mod leaks;

// ------------------------------------------------------------ generators

#[path = "hostile/gen.rs"]
mod gen;

use gen::RawEntry;

/// An xlsx whose sharedStrings.xml inflates to ~2 GB of one repeated byte,
/// in ~2 MB. `declared` is the uncompressed size the zip headers claim.
fn shared_strings_bomb(declared: Option<u32>) -> Vec<u8> {
    let prefix = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{}" count="1" uniqueCount="1"><si><t>a"#, gen::MAIN_NS);
    let (packed, real) = gen::deflate_repeat(prefix.as_bytes(), 1, 2_000_000_000);
    let sheet = gen::sheet_xml(Some("A1"), &[(1, r#"<c r="A1" t="s"><v>0</v></c>"#.to_string())]);
    let mut entries: Vec<RawEntry> = gen::xlsx_parts(&[("Data".into(), sheet)], None)
        .iter()
        .map(|(n, d)| RawEntry::deflated(n, d))
        .collect();
    entries.push(RawEntry {
        name: "xl/sharedStrings.xml".into(),
        method: 8,
        crc: 0, // never checked: nobody may inflate this far
        packed,
        declared_size: declared.unwrap_or(real as u32),
    });
    gen::raw_zip(&entries)
}

// ------------------------------------------------------------ the cases

/// The generator's deflate stream is real deflate (checked on a small one).
#[test]
fn generator_deflate_repeat_inflates_as_intended() {
    for (prefix, period) in [(&b"<t>a"[..], 1usize), (b"<si><t>lol</t></si>", 19), (b"xyz", 3)] {
        let (packed, n) = gen::deflate_repeat(prefix, period, 100_000);
        let out = miniz_oxide::inflate::decompress_to_vec(&packed).expect("inflates");
        assert_eq!(out.len() as u64, n);
        assert_eq!(&out[..prefix.len()], prefix);
        let tail = &prefix[prefix.len() - period..];
        assert!(out[prefix.len() - period..].chunks(period).all(|c| tail.starts_with(c)));
    }
}

/// Case 1: Zip bomb: sharedStrings.xml declares (truthfully) 2 GB, packed in 2 MB.
#[test]
fn zip_bomb_declared_2gb_shared_strings() {
    isolated("zip_bomb_declared_2gb_shared_strings", || {
        let bytes = shared_strings_bomb(None);
        assert!(bytes.len() < 3 << 20);
        let e = expect_error("zip bomb (2 GB declared)", &bytes, "bomb.xlsx", "zip_bomb");
        assert!(e.detail.as_deref().is_some_and(|d| d.contains("xl/sharedStrings.xml")), "{e:?}");
    });
}

/// Case 1b: Zip bomb that lies: the headers claim 1 MB, the stream inflates to
/// 2 GB. Only a reader that stops at the declared size is safe.
#[test]
fn zip_bomb_lying_size_shared_strings() {
    isolated("zip_bomb_lying_size_shared_strings", || {
        let bytes = shared_strings_bomb(Some(1 << 20));
        let e = expect_lying_bomb_refused("zip bomb (declares 1 MB, inflates to 2 GB)", &bytes, "bomb.xlsx");
        assert!(e.detail.as_deref().is_some_and(|d| d.contains("sharedStrings")), "{e:?}");
    });
}

/// An .ods whose content.xml inflates to ~2 GB of one repeated byte.
fn content_xml_bomb(declared: Option<u32>) -> Vec<u8> {
    let prefix = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content"#,
        r#" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0""#,
        r#" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#,
        r#" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        r#"<office:body><office:spreadsheet><table:table table:name="T"><table:table-row>"#,
        r#"<table:table-cell office:value-type="string"><text:p>a"#
    );
    let (packed, real) = gen::deflate_repeat(prefix.as_bytes(), 1, 2_000_000_000);
    let mimetype = b"application/vnd.oasis.opendocument.spreadsheet";
    let manifest = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
    );
    gen::raw_zip(&[
        RawEntry { name: "mimetype".into(), method: 0, crc: gen::crc32(mimetype), packed: mimetype.to_vec(), declared_size: mimetype.len() as u32 },
        RawEntry::deflated("META-INF/manifest.xml", manifest.as_bytes()),
        RawEntry { name: "content.xml".into(), method: 8, crc: 0, packed, declared_size: declared.unwrap_or(real as u32) },
    ])
}

/// Case 1c: The same bomb as an .ods content.xml, sizes declared truthfully.
#[test]
fn zip_bomb_declared_2gb_ods_content() {
    isolated("zip_bomb_declared_2gb_ods_content", || {
        let e = expect_error("ODS zip bomb (2 GB declared)", &content_xml_bomb(None), "bomb.ods", "zip_bomb");
        assert!(e.detail.as_deref().is_some_and(|d| d.contains("content.xml")), "{e:?}");
    });
}

/// Case 1d: The .ods bomb that lies about its size.
#[test]
fn zip_bomb_lying_size_ods_content() {
    isolated("zip_bomb_lying_size_ods_content", || {
        let bytes = content_xml_bomb(Some(1 << 20));
        expect_lying_bomb_refused("ODS zip bomb (declares 1 MB, inflates to 2 GB)", &bytes, "bomb.ods");
    });
}

const LAUGHS: &str = r#"<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"#;

/// Case 2a: Billion laughs in sharedStrings.xml: entities are never expanded.
#[test]
fn entity_expansion_in_shared_strings() {
    isolated("entity_expansion_in_shared_strings", || {
        let shared = format!(r#"<?xml version="1.0" encoding="UTF-8"?>{LAUGHS}<sst xmlns="{}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"#, gen::MAIN_NS);
        let sheet = gen::sheet_xml(Some("A1"), &[(1, r#"<c r="A1" t="s"><v>0</v></c>"#.to_string())]);
        let bytes = gen::zip(&gen::xlsx_parts(&[("Data".into(), sheet)], Some(&shared)), true);
        expect_error("billion laughs in sharedStrings.xml", &bytes, "laughs.xlsx", "unreadable_workbook");
    });
}

/// Case 2b: Billion laughs in a worksheet: the sheet is refused by name (a
/// silently empty sheet would hide the problem from the user).
#[test]

fn entity_expansion_in_sheet() {
    isolated("entity_expansion_in_sheet", || {
        let mut sheet = gen::sheet_xml(None, &[(1, r#"<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>"#.to_string())]);
        sheet = sheet.replacen("?>", &format!("?>{LAUGHS}"), 1);
        let good = gen::sheet_xml(None, &gen::village_rows());
        let bytes = gen::zip(&gen::xlsx_parts(&[("Thôn".into(), good), ("Laughs".into(), sheet)], None), true);
        let e = expect_error("billion laughs in a worksheet", &bytes, "laughs.xlsx", "unreadable_workbook");
        assert_eq!(e.sheet.as_deref(), Some("Laughs"), "{e}");
    });
}

/// Case 2c: The same, but the entity sits where it can do no harm (never
/// referenced): the workbook reads.
#[test]
fn entity_declared_but_unused_reads() {
    isolated("entity_declared_but_unused_reads", || {
        let sheet = gen::sheet_xml(None, &gen::village_rows()).replacen("?>", &format!("?>{LAUGHS}"), 1);
        let bytes = gen::zip(&gen::xlsx_parts(&[("Thôn".into(), sheet)], None), true);
        let s = expect_read("billion laughs declared, unused", &bytes, "laughs.xlsx");
        assert_eq!(s.workbook.sheets[0].raw.height(), 3);
    });
}

/// Case 3a: A sheet claiming A1:XFD1048576 with three real rows reads fine, at
/// the size of what is really there.
#[test]
fn lying_dimension_reads_what_is_there() {
    isolated("lying_dimension_reads_what_is_there", || {
        let sheet = gen::sheet_xml(Some("A1:XFD1048576"), &gen::village_rows());
        let bytes = gen::zip(&gen::xlsx_parts(&[("Thôn".into(), sheet)], None), true);
        let s = expect_read("dimension A1:XFD1048576, 3 rows", &bytes, "dimension.xlsx");
        let raw = &s.workbook.sheets[0].raw;
        assert_eq!((raw.height(), raw.width()), (3, 3));
    });
}

/// Case 3b: Two real cells at opposite corners span 17 billion cells: refused
/// as too many cells before anything that size is allocated.
fn corners_sheet() -> String {
    let rows = vec![
        (1, r#"<c r="A1" t="inlineStr"><is><t>x</t></is></c>"#.to_string()),
        (1_048_576, r#"<c r="XFD1048576"><v>1</v></c>"#.to_string()),
    ];
    gen::sheet_xml(Some("A1:XFD1048576"), &rows)
}

#[test]
fn opposite_corners_refused_before_allocating() {
    isolated("opposite_corners_refused_before_allocating", || {
        let bytes = gen::zip(&gen::xlsx_parts(&[("Corners".into(), corners_sheet())], None), true);
        let e = expect_error("cells at A1 and XFD1048576", &bytes, "corners.xlsx", "too_many_cells");
        assert_eq!(e.sheet.as_deref(), Some("Corners"), "{e}");
    });
}

/// Case 3c: The same two cells behind a DOCTYPE, and read by calamine's path
/// (the fallback when the streaming reader declines a file): calamine's
/// `Range::from_sparse` would allocate all 17 billion cells.
#[test]

fn opposite_corners_via_calamine_fallback() {
    isolated("opposite_corners_via_calamine_fallback", || {
        let sheet = corners_sheet().replacen("?>", "?><!DOCTYPE worksheet>", 1);
        let bytes = gen::zip(&gen::xlsx_parts(&[("Corners".into(), sheet)], None), true);
        let e = expect_error("cells at A1 and XFD1048576, DOCTYPE", &bytes, "corners.xlsx", "too_many_cells");
        assert_eq!(e.sheet.as_deref(), Some("Corners"), "{e}");
        // calamine's own path (the fallback, and xlsb) measures the span of
        // the cells before `Range::from_sparse` allocates it.
        let e = thonso_core::ingest::raw_sheets(&bytes, "corners.xlsx", true).err().expect("the calamine path refuses too");
        assert_eq!((e.code, e.sheet.as_deref()), ("too_many_cells", Some("Corners")), "{e}");
    });
}

/// Case 3d: An .xls whose DIMENSIONS record claims four billion rows, with
/// two real cells. calamine reserves the claimed cells before reading one:
/// an allocation failure, which aborts the process (no panic to catch).
#[test]
fn xls_lying_dimensions() {
    isolated("xls_lying_dimensions", || {
        let cells = [(0, 0, 1.0), (1, 1, 2.0)];
        let honest = gen::xls("Số liệu", (0, 2, 2), &cells);
        let s = expect_read("xls, honest DIMENSIONS", &honest, "dims.xls");
        let raw = &s.workbook.sheets[0].raw;
        assert_eq!((raw.name.as_str(), raw.height(), raw.width()), ("Số liệu", 2, 2));
        let lying = gen::xls("Số liệu", (0, u32::MAX, 256), &cells);
        let e = expect_error("xls, DIMENSIONS claims 4 billion rows", &lying, "dims.xls", "too_many_cells");
        assert_eq!(e.sheet.as_deref(), Some("Số liệu"), "{e}");
    });
}

const TEN_MB: usize = 10 << 20;

/// Case 4a: A 10 MB shared string.
#[test]
fn huge_cell_shared_string() {
    isolated("huge_cell_shared_string", || {
        let big = "x".repeat(TEN_MB);
        let shared = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{}" count="1" uniqueCount="1"><si><t>{big}</t></si></sst>"#, gen::MAIN_NS);
        drop(big);
        let sheet = gen::sheet_xml(None, &[(1, r#"<c r="A1" t="s"><v>0</v></c>"#.to_string())]);
        let bytes = gen::zip(&gen::xlsx_parts(&[("Big".into(), sheet)], Some(&shared)), true);
        drop(shared);
        let e = expect_error("10 MB shared string", &bytes, "big.xlsx", "cell_too_long");
        assert_eq!(e.sheet.as_deref(), Some("Big"), "{e}");
        assert!(e.message.contains("A1"), "{e}");
    });
}

/// Case 4b: A 10 MB inline string.
#[test]
fn huge_cell_inline_string() {
    isolated("huge_cell_inline_string", || {
        let big = "ư".repeat(TEN_MB / 2);
        let sheet = gen::sheet_xml(None, &[(1, format!(r#"<c r="B1" t="inlineStr"><is><t>{big}</t></is></c>"#))]);
        drop(big);
        let bytes = gen::zip(&gen::xlsx_parts(&[("Big".into(), sheet)], None), true);
        let e = expect_error("10 MB inline string", &bytes, "big.xlsx", "cell_too_long");
        assert_eq!(e.sheet.as_deref(), Some("Big"), "{e}");
        assert!(e.message.contains("B1"), "{e}");
    });
}

/// Case 4c: A 10 MB CSV field, quoted and unquoted.
#[test]
fn huge_cell_csv_field() {
    isolated("huge_cell_csv_field", || {
        for quoted in [true, false] {
            let big = "y".repeat(TEN_MB);
            let mut csv = String::from("Xã,Thôn,Ghi chú\nSơn Hà,Tà Hà 1,");
            if quoted {
                csv += &format!("\"{big}\"\n");
            } else {
                csv += &big;
                csv += "\n";
            }
            drop(big);
            let case = if quoted { "10 MB CSV field (quoted)" } else { "10 MB CSV field (unquoted)" };
            let e = expect_error(case, csv.as_bytes(), "big.csv", "cell_too_long");
            assert_eq!(e.sheet.as_deref(), Some("big.csv"), "{e}");
            assert_eq!(e.row, Some(2), "{e}");
        }
    });
}

/// Case 5: Five thousand tiny sheets.
#[test]
fn thousands_of_sheets() {
    isolated("thousands_of_sheets", || {
        let tiny = gen::sheet_xml(None, &[(1, r#"<c r="A1"><v>1</v></c>"#.to_string())]);
        let sheets: Vec<(String, String)> = (1..=5000).map(|i| (format!("S{i}"), tiny.clone())).collect();
        let bytes = gen::zip(&gen::xlsx_parts(&sheets, None), false);
        let e = expect_error("5,000 sheets", &bytes, "sheets.xlsx", "too_many_sheets");
        assert!(e.message.contains("5000"), "{e}");
    });
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

const TABLE: &str = "Xã;Thôn;HT1\nSơn Hà;Tà Hà 1;85\nSơn Hà;Tà Hà 2;40\n";

/// Every cell as text, for looking at how a text file was decoded.
fn all_text(s: &Session) -> String {
    let raw = &s.workbook.sheets[0].raw;
    let mut out = String::new();
    for r in 0..raw.height() {
        for c in 0..raw.width() {
            out += &raw.cell(r, c).display();
            out.push('|');
        }
        out.push('\n');
    }
    out
}

fn has_replacement_note(s: &Session) -> bool {
    s.workbook.sheets[0].warnings.iter().any(|w| w.message_en.contains("invalid") && w.message_en.contains("replaced"))
}

/// Case 6a: UTF-8 with a few invalid bytes: still read as UTF-8 (Vietnamese
/// intact), the bad bytes replaced, and the user told.
#[test]
fn invalid_utf8_text() {
    isolated("invalid_utf8_text", || {
        let mut bytes = TABLE.as_bytes().to_vec();
        let at = bytes.iter().position(|&b| b == b'8').expect("digit");
        bytes.splice(at..at, [0xFF, 0xC3, 0x28, 0xE1, 0xBB]);
        let s = expect_read("invalid UTF-8", &bytes, "bad-utf8.csv");
        let text = all_text(&s);
        assert!(text.contains("Tà Hà 1") && text.contains('\u{FFFD}'), "{text}");
        assert!(has_replacement_note(&s), "{:?}", s.workbook.sheets[0].warnings);
    });
}

/// Case 6b: UTF-16 with a BOM, an unpaired surrogate and an odd trailing byte.
#[test]
fn invalid_utf16_text() {
    isolated("invalid_utf16_text", || {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("Xã\tThôn\tHT1\r\nSơn Hà\tTà Hà 1\t8"));
        bytes.extend([0x00, 0xD8]); // a lone high surrogate
        bytes.extend(utf16le("5\r\nSơn Hà\tTà Hà 2\t40\r\n"));
        bytes.push(0x41); // half a code unit
        let s = expect_read("invalid UTF-16 (lone surrogate, odd length)", &bytes, "bad-utf16.txt");
        assert_eq!(s.workbook.text_encoding, Some("utf-16le"));
        let text = all_text(&s);
        assert!(text.contains("Tà Hà 2") && text.contains('\u{FFFD}'), "{text}");
        assert!(has_replacement_note(&s), "{:?}", s.workbook.sheets[0].warnings);
    });
}

/// Case 6c: Odd-length UTF-16 without a BOM, and other scraps: read or refused,
/// never a panic.
#[test]
fn odd_utf16_scraps() {
    isolated("odd_utf16_scraps", || {
        let mut no_bom = utf16le(TABLE);
        no_bom.push(0x0A);
        let s = expect_read("UTF-16LE without BOM, odd length", &no_bom, "nobom.txt");
        assert!(all_text(&s).contains("Tà Hà 2"));
        // A BOM and half a code unit: nothing to read, either way said plainly.
        if let Err(e) = open_measured("a UTF-16 BOM and one byte", &[0xFF, 0xFE, 0x41], "scrap.txt") {
            assert!(!e.is_internal() && e.file.as_deref() == Some("scrap.txt"), "{e:?}");
        }
        // Big-endian, odd length, lone low surrogate.
        let mut be: Vec<u8> = vec![0xFE, 0xFF];
        be.extend(TABLE.encode_utf16().flat_map(u16::to_be_bytes));
        be.extend([0xDC, 0x00, 0x00]);
        let s = expect_read("UTF-16BE, lone low surrogate, odd length", &be, "be.txt");
        assert!(all_text(&s).contains("Tà Hà 1"));
    });
}

/// Case 7: Noise named .xlsx, with and without a zip signature in front.
#[test]
fn random_bytes_named_xlsx() {
    isolated("random_bytes_named_xlsx", || {
        let noise = gen::noise(100_000, 7);
        let e = expect_error("random bytes", &noise, "noise.xlsx", "unknown_format");
        assert!(e.message.contains("«noise.xlsx» không phải Excel"), "{e}");
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&noise);
        expect_error("zip signature + random bytes", &zipped, "noise.xlsx", "unknown_zip");
    });
}

/// Case 8: A real workbook cut in half.
#[test]
fn truncated_xlsx() {
    isolated("truncated_xlsx", || {
        let demo = thonso_core::demo::demo_workbook().expect("demo workbook");
        let half = &demo[..demo.len() / 2];
        let e = expect_error("xlsx cut in half", half, "cut.xlsx", "unreadable_workbook");
        assert!(e.message.contains("hỏng"), "{e}");
        // Cut just before the end-of-central-directory record, too.
        let e = expect_error("xlsx without its last 30 bytes", &demo[..demo.len() - 30], "cut.xlsx", "unreadable_workbook");
        assert!(e.message.contains("hỏng"), "{e}");
    });
}

/// Case 9: Password-protected workbooks: an OLE file with EncryptionInfo, and
/// the corpus's encrypted files.
#[test]
fn password_protected() {
    isolated("password_protected", || {
        let ole = gen::encrypted_ole();
        let e = expect_error("OLE with EncryptionInfo", &ole, "secret.xlsx", "password_protected");
        assert!(e.message.contains("mật khẩu"), "{e}");
        for rel in [
            "calamine/pass_protected.xlsx",
            "excelize/encryptAES.xlsx",
            "excelize/encryptSHA1.xlsx",
            "excelize/encryptSHA512.xlsx",
            "python-calamine/password.xlsx",
            "python-calamine/password.xls",
            "test_files/password_2002_40_xor.xls",
            "test_files/password_2002_128_strong.xls",
            "test_files/password_2002_40_basecrypto.xls",
            "test_files/biff5__password_2002_40_xor.xls",
            "calamine/pass_protected.ods",
            "roo/encrypted-letmein.ods",
        ] {
            let bytes = corpus(rel);
            let name = rel.rsplit('/').next().unwrap_or(rel);
            expect_error(rel, &bytes, name, "password_protected");
        }
    });
}

/// Case 10: An .xls renamed .xlsx is read as .xls: the format comes from the bytes.
#[test]
fn xls_renamed_xlsx() {
    isolated("xls_renamed_xlsx", || {
        let bytes = corpus("DiaGioiHanhChinhVN/tinh.xls");
        let as_xls = expect_read("tinh.xls", &bytes, "tinh.xls");
        let renamed = expect_read("tinh.xls renamed tinh.xlsx", &bytes, "tinh.xlsx");
        assert_eq!(renamed.workbook.format.name(), "xls");
        let rows = |s: &Session| s.inspect().sheets.iter().map(|sh| (sh.name.clone(), sh.rows, sh.kind)).collect::<Vec<_>>();
        assert_eq!(rows(&as_xls), rows(&renamed));
        assert!(rows(&renamed).iter().any(|r| r.1 > 50), "{:?}", rows(&renamed));
    });
}

/// Case 11 (issue 19): files that are not spreadsheets, renamed .xlsx, are
/// refused by name (what they are and what to do), never read as text.
#[test]
fn not_spreadsheets_refused_by_name() {
    isolated("not_spreadsheets_refused_by_name", || {
        let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
        pdf.extend(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        // A PDF of plain ASCII (no binary stream) would pass as text: the
        // magic bytes decide.
        let ascii_pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(gen::noise(200, 3));
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend(b"JFIF\0");
        jpeg.extend(gen::noise(200, 5));
        let mut gif = b"GIF89a".to_vec();
        gif.extend(gen::noise(100, 9));
        let docx = gen::zip(
            &[
                ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
                ("word/document.xml".to_string(), b"<w:document/>".to_vec()),
            ],
            true,
        );
        let doc = gen::ole(&[("WordDocument", gen::noise(4096, 13))]);
        let cases: [(&str, &[u8], &str, &str); 7] = [
            ("PDF renamed .xlsx", &pdf, "báo cáo.xlsx", "PDF"),
            ("ASCII PDF renamed .csv", &ascii_pdf, "số liệu.csv", "PDF"),
            ("PNG renamed .xlsx", &png, "ảnh.xlsx", "PNG"),
            ("JPEG renamed .xls", &jpeg, "scan.xls", "JPEG"),
            ("GIF renamed .ods", &gif, "x.ods", "GIF"),
            ("Word .docx renamed .xlsx", &docx, "vanban.xlsx", "Word"),
            ("Word .doc renamed .xls", &doc, "vanban.xls", "Word"),
        ];
        for (case, bytes, name, what) in cases {
            let e = expect_error(case, bytes, name, "not_a_spreadsheet");
            assert!(e.message.starts_with(&format!("Tệp «{name}» là ")), "{case}: {e}");
            assert!(e.message.contains(what) && e.message_en.contains(what), "{case}: {e}");
            assert!(e.message.contains("Hãy chọn tệp Excel") && e.message_en.contains("Choose an Excel"), "{case}: {e}");
        }
        // Text that is mostly control bytes: refused as unknown, by name.
        let control: Vec<u8> = (0..4000u32).map(|i| if i % 5 == 0 { b'a' } else { (i % 31) as u8 + 1 }).collect();
        let e = expect_error("control bytes named .csv", &control, "rác.csv", "unknown_format");
        assert!(e.message.contains("«rác.csv»") && e.message_en.contains("\"rác.csv\""), "{e}");
    });
}
