//! Records of an .xls workbook stream that would make calamine 0.32 panic.
//!
//! calamine slices record data without bounds checks in a few places (BIFF5
//! EXTERNSHEET and NAME records read with the BIFF8 layout, formula tokens,
//! MERGEDCELLS). The CLI would catch such a panic, but the browser build
//! aborts on panic (`panic = "abort"`), so the worker dies. This walk mirrors
//! calamine's `Xls::parse_workbook` (calamine/src/xls.rs) record by record and
//! reports the first slice calamine would take out of range, before calamine
//! is called. Where calamine returns an error instead, the walk stops too:
//! calamine never gets further. Stack-depth errors in formulas are not
//! modelled, so a malformed formula may be reported where calamine would have
//! given up on it quietly; such files are damaged anyway.
//!
//! Overflow-only panics (arithmetic calamine does in `u16`/`u32`) happen only
//! where overflow checks are on, which in this workspace's profiles is exactly
//! where debug assertions are on; they are reported only there.

/// `FTAB_LEN` in calamine's utils.rs: the built-in function table.
const FTAB_LEN: usize = 485;
const CONTINUE: u16 = 0x003C;

/// Whether overflow in calamine's arithmetic panics in this build.
pub(super) const OVERFLOW_PANICS: bool = cfg!(debug_assertions);

struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

impl<'a> Record<'a> {
    fn continue_record(&mut self) -> bool {
        if self.cont.is_empty() {
            return false;
        }
        self.data = self.cont.remove(0);
        true
    }
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// calamine's `RecordIter`: `None` at the end, `Some(Err)` where calamine
/// returns an error (so reads no further).
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, ()>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.stream.len() < 4 {
            return if self.stream.is_empty() { None } else { Some(Err(())) };
        }
        let typ = u16_at(self.stream, 0)?;
        let len = u16_at(self.stream, 2)? as usize;
        if self.stream.len() < len + 4 {
            return Some(Err(()));
        }
        let (data, next) = self.stream.split_at(len + 4);
        self.stream = next;
        let mut cont = Vec::new();
        if next.len() > 4 && u16_at(next, 0) == Some(CONTINUE) {
            while self.stream.len() > 4 && u16_at(self.stream, 0) == Some(CONTINUE) {
                let len = u16_at(self.stream, 2)? as usize;
                if self.stream.len() < len + 4 {
                    return Some(Err(()));
                }
                let (c, rest) = self.stream.split_at(len + 4);
                cont.push(&c[4..]);
                self.stream = rest;
            }
        }
        Some(Ok(Record { typ, data: &data[4..], cont }))
    }
}

/// What the walk found: calamine would stop with an error (fine), panic,
/// or reserve a range of this many cells for one sheet.
enum Stop {
    Error,
    Panic(&'static str),
    Spread(u64),
}

/// What calamine would do with the workbook that the intake must not let it.
#[derive(Debug, PartialEq)]
pub enum Hazard {
    /// A slice out of range: a panic, named.
    Panic(&'static str),
    /// The cells of one sheet span a rectangle of this many cells, which
    /// calamine allocates in full (`Range::from_sparse`): two cells at
    /// opposite corners of a 65,536 × 65,536 grid are 4 billion cells.
    Spread(u64),
}

type Walk = Result<(), Stop>;

fn need(b: &[u8], n: usize, what: &'static str) -> Walk {
    if b.len() < n {
        return Err(Stop::Panic(what));
    }
    Ok(())
}

/// A token of `size` bytes with a u16 at `row_at` that calamine's
/// arithmetic overflows on (a panic) when it is u16::MAX.
fn ref_token(t: &[u8], size: usize, row_at: usize, what: &'static str) -> Result<usize, Stop> {
    need(t, size, what)?;
    if OVERFLOW_PANICS && u16_at(t, row_at) == Some(u16::MAX) {
        return Err(Stop::Panic(what));
    }
    Ok(size)
}

/// The first record calamine would panic on, or a sheet whose cells span
/// more than `max_cells`; `None` when calamine can read the stream.
pub fn hazard(stream: &[u8], max_cells: u64) -> Option<Hazard> {
    match walk(stream, max_cells) {
        Err(Stop::Panic(what)) => Some(Hazard::Panic(what)),
        Err(Stop::Spread(n)) => Some(Hazard::Spread(n)),
        _ => None,
    }
}

fn walk(stream: &[u8], max_cells: u64) -> Walk {
    let mut sheets: Vec<usize> = Vec::new();
    let mut biff8 = true;
    for record in (Records { stream }) {
        let mut r = record.map_err(|_| Stop::Error)?;
        match r.typ {
            // FilePass, CodePage, Date1904: a u16 read unchecked.
            0x002F => {
                need(r.data, 2, "FILEPASS record")?;
                if u16_at(r.data, 0) != Some(0) {
                    return Err(Stop::Error);
                }
            }
            0x0042 => {
                need(r.data, 2, "CODEPAGE record")?;
                // calamine stops at a code page it has no encoding for.
                if codepage::to_encoding(u16_at(r.data, 0).unwrap_or(0)).is_none() {
                    return Err(Stop::Error);
                }
            }
            0x0022 => need(r.data, 2, "DATE1904 record")?,
            0x00E0 if r.data.len() < 4 => return Err(Stop::Error),
            0x0085 => {
                // BoundSheet8: position, visibility and type read unchecked.
                need(r.data, 6, "BOUNDSHEET record")?;
                if r.data[4] & 0b0011_1111 > 2 || !matches!(r.data[5], 0 | 1 | 2 | 6) || r.data.len() < 8 {
                    return Err(Stop::Error);
                }
                sheets.push(u32_at(r.data, 0).unwrap_or(0) as usize);
            }
            0x0809 => {
                need(r.data, 2, "BOF record")?;
                let version = u16_at(r.data, 0).unwrap_or(0);
                let dt = u16_at(r.data, 2).unwrap_or(0);
                biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => dt != 0x1000,
                    _ => true,
                };
            }
            0x0018 => name(r.data)?,
            0x0017 => {
                // ExternSheet, read with the BIFF8 layout whatever the version.
                let n = u16_at(r.data, 0).ok_or(Stop::Panic("EXTERNSHEET record"))? as usize;
                if r.data[2..].chunks(6).take(n).any(|c| c.len() < 6) {
                    return Err(Stop::Panic("EXTERNSHEET record"));
                }
            }
            0x00FC => sst(&mut r)?,
            0x000A => break,
            _ => {}
        }
    }
    for pos in sheets {
        let sheet = stream.get(pos..).ok_or(Stop::Panic("BOUNDSHEET position"))?;
        sheet_records(sheet, biff8, max_cells)?;
    }
    Ok(())
}

/// Lbl (defined name): name length, formula length and the name's formula.
fn name(d: &[u8]) -> Walk {
    need(d, 15, "NAME record")?;
    let cch = d[3] as usize;
    let cce = u16_at(d, 4).unwrap_or(0) as usize;
    need(d, 15 + cch, "NAME record")?;
    let rgce = d.len().checked_sub(cce).map(|at| &d[at..]).ok_or(Stop::Panic("NAME record"))?;
    match rgce.first() {
        None => Ok(()),
        Some(0x3a | 0x5a | 0x7a) => need(rgce, 7, "NAME formula"),
        Some(0x3b | 0x5b | 0x7b) => need(rgce, 11, "NAME formula"),
        Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d) => need(rgce, 3, "NAME formula"),
        Some(_) => Ok(()),
    }
}

/// The shared string table, as calamine's `parse_sst` reads it.
fn sst(r: &mut Record<'_>) -> Walk {
    if r.data.len() < 8 {
        return Err(Stop::Error);
    }
    r.data = &r.data[8..];
    while !r.data.is_empty() || r.continue_record() {
        if r.data.is_empty() {
            continue;
        }
        if r.data.len() < 3 {
            return Err(Stop::Error);
        }
        let mut len = u16_at(r.data, 0).unwrap_or(0) as usize;
        let flags = r.data[2];
        r.data = &r.data[3..];
        let mut high_byte = flags & 1 != 0;
        let mut c_run = 0;
        let mut ext = 0;
        if flags & 0x8 != 0 {
            c_run = u16_at(r.data, 0).ok_or(Stop::Panic("SST string"))? as usize;
            r.data = &r.data[2..];
        }
        if flags & 0x4 != 0 {
            ext = u32_at(r.data, 0).ok_or(Stop::Panic("SST string"))? as i32 as usize;
            r.data = &r.data[4..];
        }
        while len > 0 {
            let l = if high_byte { (r.data.len() / 2).min(len) } else { r.data.len().min(len) };
            r.data = &r.data[if high_byte { 2 * l } else { l }..];
            len -= l;
            if len > 0 {
                if !r.continue_record() {
                    return Err(Stop::Error);
                }
                high_byte = r.data.first().ok_or(Stop::Panic("SST continuation"))? & 1 != 0;
                r.data = &r.data[1..];
            }
        }
        for mut n in [c_run * 4, ext] {
            while n > 0 {
                if r.data.is_empty() && !r.continue_record() {
                    return Err(Stop::Error);
                }
                let l = n.min(r.data.len());
                r.data = &r.data[l..];
                n -= l;
            }
        }
    }
    Ok(())
}

/// The rectangle around the positions calamine places cells (or formulas) at.
#[derive(Default)]
struct Span(Option<(u32, u32, u32, u32)>);

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, col, col));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
    }
    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    }
}

fn sheet_records(stream: &[u8], biff8: bool, max_cells: u64) -> Walk {
    // Every cell record counts, even one calamine might skip (an empty
    // shared string): a sheet only reaches the limit when damaged anyway.
    let (mut cells, mut formulas) = (Span::default(), Span::default());
    let mut formula_at = (0u32, 0u32);
    let spread = |cells: &Span, formulas: &Span| {
        let n = cells.cells().max(formulas.cells());
        if n > max_cells {
            return Err(Stop::Spread(n));
        }
        Ok(())
    };
    for record in (Records { stream }) {
        // On an error calamine stops before building any range.
        let r = record.map_err(|_| Stop::Error)?;
        let d = r.data;
        let at = |i: usize| u32::from(u16_at(d, i).unwrap_or(0));
        match r.typ {
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD if d.len() >= 4 => cells.add(at(0), at(2)),
            0x0207 => cells.add(formula_at.0, formula_at.1),
            0x00BD if d.len() >= 6 => {
                cells.add(at(0), at(2));
                cells.add(at(0), at(2) + ((d.len() - 6) / 6).saturating_sub(1) as u32);
            }
            0x0006 if d.len() >= 20 => {
                formula_at = (at(0), at(2));
                cells.add(at(0), at(2));
                formulas.add(at(0), at(2));
            }
            _ => {}
        }
        match r.typ {
            // Dimensions: calamine subtracts first from last row and column.
            0x0200 => {
                let (rf, rl, mut cf, cl) = match d.len() {
                    10 => (
                        u32::from(u16_at(d, 0).unwrap_or(0)),
                        u32::from(u16_at(d, 2).unwrap_or(0)),
                        u32::from(u16_at(d, 4).unwrap_or(0)),
                        u32::from(u16_at(d, 6).unwrap_or(0)),
                    ),
                    14 => (u32_at(d, 0).unwrap_or(0), u32_at(d, 4).unwrap_or(0), u32::from(u16_at(d, 8).unwrap_or(0)), u32::from(u16_at(d, 10).unwrap_or(0))),
                    _ => return Err(Stop::Error),
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (end_r, end_c) = if 1 <= rl && 1 <= cl { (rl - 1, cl - 1) } else { (rf, cf) };
                if OVERFLOW_PANICS && (end_r < rf || end_c < cf) {
                    return Err(Stop::Panic("DIMENSIONS record"));
                }
            }
            0x0203 if d.len() < 14 => return Err(Stop::Error),
            0x0204 if d.len() < 6 || !string_ok(&d[6..], biff8) => return Err(Stop::Error),
            0x0207 if !string_ok(d, biff8) => return Err(Stop::Error),
            0x0205 if d.len() < 8 || d[7] > 1 || (d[7] == 1 && !ERRORS.contains(&d[6])) => return Err(Stop::Error),
            0x027E if d.len() < 10 => return Err(Stop::Error),
            0x00FD if d.len() < 10 => return Err(Stop::Error),
            0x00BD => {
                if d.len() < 6 {
                    return Err(Stop::Error);
                }
                let first = u16_at(d, 2).unwrap_or(0);
                let last = u16_at(d, d.len() - 2).unwrap_or(0);
                if OVERFLOW_PANICS && (last < first || last - first == u16::MAX) {
                    return Err(Stop::Panic("MULRK record"));
                }
                if d.len() != 6 + 6 * (last.wrapping_sub(first).wrapping_add(1)) as usize {
                    return Err(Stop::Error);
                }
            }
            0x00E5 => {
                let n = u16_at(d, 0).ok_or(Stop::Panic("MERGEDCELLS record"))? as usize;
                need(d, 2 + 8 * n, "MERGEDCELLS record")?;
            }
            0x000A => break,
            0x0006 => {
                if d.len() < 20 {
                    return Err(Stop::Error);
                }
                formula_value(&d[6..14])?;
                // calamine turns a formula it cannot parse into text and goes on.
                if let Err(Stop::Panic(what)) = formula(&d[20..]) {
                    return Err(Stop::Panic(what));
                }
            }
            _ => {}
        }
    }
    spread(&cells, &formulas)
}

/// calamine's `parse_string` errors (and so stops) on a short string.
fn string_ok(r: &[u8], biff8: bool) -> bool {
    r.len() >= if biff8 { 3 } else { 2 } || (r.len() == 2 && u16_at(r, 0) == Some(0))
}

/// Cell error codes calamine knows (`parse_err`); others stop it.
const ERRORS: [u8; 8] = [0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A, 0x2B];

fn formula_value(v: &[u8]) -> Walk {
    match *v {
        [0x00, .., 0xFF, 0xFF] | [0x01, _, _, .., 0xFF, 0xFF] | [0x03, _, .., 0xFF, 0xFF] => Ok(()),
        [0x02, _, e, .., 0xFF, 0xFF] if ERRORS.contains(&e) => Ok(()),
        [_, .., 0xFF, 0xFF] => Err(Stop::Error),
        _ => Ok(()),
    }
}

/// calamine's `parse_formula` token walk, checking each slice it takes.
fn formula(cell: &[u8]) -> Walk {
    const P: &str = "FORMULA tokens";
    let cce = u16_at(cell, 0).ok_or(Stop::Panic(P))? as usize;
    let mut t = cell.get(2..2 + cce).ok_or(Stop::Panic(P))?;
    while let Some((&ptg, rest)) = t.split_first() {
        t = rest;
        let size = match ptg {
            0x3a | 0x5a | 0x7a => ref_token(t, 6, 2, P)?,
            0x3b | 0x5b | 0x7b | 0x3d | 0x5d | 0x7d => 10,
            0x3c | 0x5c | 0x7c => 6,
            0x01 => 4,
            0x03..=0x16 => 0,
            0x17 => {
                let cch = *t.first().ok_or(Stop::Panic(P))? as usize;
                2 + cch
            }
            0x18 => 5,
            0x19 => {
                let etpg = *t.first().ok_or(Stop::Panic(P))?;
                match etpg {
                    0x01 | 0x02 | 0x08 | 0x20 | 0x21 | 0x10 => 3,
                    0x04 => {
                        let n = u16_at(t, 1).ok_or(Stop::Panic(P))? as usize + 1;
                        3 + 2 * n
                    }
                    0x40 | 0x41 => {
                        let kind = *t.get(1).ok_or(Stop::Panic(P))?;
                        if kind > 6 {
                            return Err(Stop::Error);
                        }
                        3
                    }
                    _ => return Err(Stop::Error),
                }
            }
            0x1C => {
                let e = *t.first().ok_or(Stop::Panic(P))?;
                if !ERRORS.contains(&e) {
                    return Err(Stop::Error);
                }
                1
            }
            0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x20 | 0x40 | 0x60 => 7,
            0x21 | 0x41 | 0x61 => {
                let iftab = u16_at(t, 0).ok_or(Stop::Panic(P))? as usize;
                if iftab > FTAB_LEN {
                    return Err(Stop::Error);
                }
                if iftab == FTAB_LEN {
                    return Err(Stop::Panic(P));
                }
                2
            }
            0x22 | 0x42 | 0x62 => {
                need(t, 3, P)?;
                let argc = t[0];
                let iftab = u16_at(t, 1).unwrap_or(0) as usize;
                if iftab >= FTAB_LEN {
                    return Err(if argc == 0 { Stop::Panic(P) } else { Stop::Error });
                }
                3
            }
            0x23 | 0x43 | 0x63 => {
                let i = u32_at(t, 0).ok_or(Stop::Panic(P))?;
                if OVERFLOW_PANICS && i == 0 {
                    return Err(Stop::Panic(P));
                }
                4
            }
            0x24 | 0x44 | 0x64 => ref_token(t, 4, 0, P)?,
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => 8,
            0x2A | 0x4A | 0x6A => 4,
            0x39 | 0x59 => 6,
            _ => return Err(Stop::Error),
        };
        need(t, size, P)?;
        t = &t[size..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = 1 << 20;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    #[test]
    fn short_records_calamine_slices_are_hazards() {
        let bof = rec(0x0809, &[0, 6, 5, 0]);
        // EXTERNSHEET claiming one entry but holding 1 byte of it.
        let s = [bof.clone(), rec(0x0017, &[1, 0, 9]), rec(0x000A, &[])].concat();
        assert_eq!(hazard(&s, MAX), Some(Hazard::Panic("EXTERNSHEET record")));
        // A sheet position past the end of the stream.
        let s = [bof.clone(), rec(0x0085, &[0xFF, 0xFF, 0, 0, 0, 0, 1, 0, b'S']), rec(0x000A, &[])].concat();
        assert_eq!(hazard(&s, MAX), Some(Hazard::Panic("BOUNDSHEET position")));
        // A well-formed globals substream is fine.
        let s = [bof.clone(), rec(0x0042, &[0xE4, 0x04]), rec(0x000A, &[])].concat();
        assert_eq!(hazard(&s, MAX), None);
        // One sheet with two numbers at opposite corners of the grid.
        let globals = [bof.clone(), rec(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']), rec(0x000A, &[])].concat();
        let at = |row: u16, col: u16| [&row.to_le_bytes()[..], &col.to_le_bytes(), &[0; 10]].concat();
        let sheet = [bof, rec(0x0203, &at(0, 0)), rec(0x0203, &at(65535, 255)), rec(0x000A, &[])].concat();
        let mut s = globals.clone();
        let pos = (s.len() as u32).to_le_bytes();
        s[4 + 4 + 4..4 + 4 + 8].copy_from_slice(&pos);
        s.extend(sheet);
        assert_eq!(hazard(&s, MAX), Some(Hazard::Spread(65536 * 256)));
        assert_eq!(hazard(&s, 1 << 30), None);
    }

    #[test]
    fn formula_tokens_are_walked_like_calamine() {
        // cce = 3: PtgInt 7 (3 bytes) is fine; PtgRef cut short is not.
        assert!(formula(&[3, 0, 0x1E, 7, 0]).is_ok());
        assert!(matches!(formula(&[3, 0, 0x24, 1, 0]), Err(Stop::Panic(_))));
        // PtgFuncVar with no arguments and an unknown function index.
        assert!(matches!(formula(&[4, 0, 0x22, 0, 0xA3, 0x80]), Err(Stop::Panic(_))));
        // An unknown token: calamine gives up on the formula, no panic.
        assert!(matches!(formula(&[2, 0, 0xFF, 0]), Err(Stop::Error)));
    }
}

/// Checks the guards against calamine itself on every .xls and .xlsb of the
/// real-world corpus (../shared/corpus): a guard must report a file exactly
/// when calamine panics on it. Run it after upgrading calamine:
/// `cargo test -p thonso-core --lib calamine_agreement -- --ignored --nocapture`.
#[cfg(test)]
mod calamine_agreement {
    use calamine::Reader;
    use std::path::{Path, PathBuf};

    fn files(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out)
            } else {
                out.push(p)
            }
        }
    }

    #[test]
    #[ignore]
    fn guards_agree_with_calamine_on_the_corpus() {
        let mut all = Vec::new();
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"), &mut all);
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let (mut checked, mut wrong) = (0, Vec::new());
        for p in all {
            let Ok(b) = std::fs::read(&p) else { continue };
            let xlsb = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsb"));
            let xls = b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && super::super::cfb_check::check(&b).is_ok();
            if !xls && !xlsb {
                continue;
            }
            let flagged = if xlsb {
                super::super::xlsb_guard::hazard(&b).is_some()
            } else {
                super::super::cfb_check::workbook_stream(&b).as_deref().and_then(|s| super::hazard(s, u64::MAX)).is_some()
            };
            let panicked = std::panic::catch_unwind(|| {
                let c = std::io::Cursor::new(&b[..]);
                if xlsb {
                    if let Ok(mut x) = calamine::Xlsb::new(c) {
                        let _ = x.worksheets();
                    }
                } else if let Ok(mut x) = calamine::Xls::new(c) {
                    let _ = x.worksheets();
                }
            })
            .is_err();
            checked += 1;
            if flagged != panicked {
                wrong.push(format!("{} (guard {flagged}, calamine panicked {panicked})", p.display()));
            }
        }
        std::panic::set_hook(hook);
        eprintln!("{checked} files checked");
        assert!(wrong.is_empty(), "guards disagree with calamine: {wrong:#?}");
    }
}
