//! Generators for the hostile files of `hostile.rs`: a zip writer whose
//! headers can lie, a deflate stream of 2 GB in 2 MB, minimal xlsx parts,
//! an encrypted-workbook OLE container. Small, deterministic, no fixtures.

use std::io::{Cursor, Write};

pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *t = c;
    }
    !data.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// One zip entry as written, with sizes and CRC as the headers will
/// *claim* them (which a hostile file need not make true).
pub struct RawEntry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    pub packed: Vec<u8>,
    pub declared_size: u32,
}

impl RawEntry {
    /// An honest deflated entry.
    pub fn deflated(name: &str, data: &[u8]) -> RawEntry {
        RawEntry {
            name: name.into(),
            method: 8,
            crc: crc32(data),
            packed: miniz_oxide::deflate::compress_to_vec(data, 6),
            declared_size: data.len() as u32,
        }
    }
}

/// A zip file written byte by byte, so that sizes can lie.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.packed.len() as u32).to_le_bytes());
            v.extend_from_slice(&e.declared_size.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra length
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.packed);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        // Comment length, disk number, internal and external attributes.
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A zip written by the `zip` crate, every entry deflated or stored.
pub fn zip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// LSB-first bit writer for deflate.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code goes most significant bit first.
    fn code(&mut self, (code, len): (u32, u32)) {
        for i in (0..len).rev() {
            self.put((code >> i) & 1, 1);
        }
    }
    fn zeros(&mut self, mut count: u64) {
        while self.n != 0 && count > 0 {
            self.put(0, 1);
            count -= 1;
        }
        self.out.resize(self.out.len() + (count / 8) as usize, 0);
        self.put(0, (count % 8) as u32);
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// Canonical Huffman codes (code, length) from code lengths (RFC 1951 §3.2.2).
fn canonical(lengths: &[u8]) -> Vec<(u32, u32)> {
    let mut count = [0u32; 16];
    for &l in lengths.iter().filter(|&&l| l > 0) {
        count[l as usize] += 1;
    }
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return (0, 0);
            }
            let c = next[l as usize];
            next[l as usize] += 1;
            (c, u32::from(l))
        })
        .collect()
}

/// A raw deflate stream that inflates to `prefix` followed by copies of
/// its last `period` bytes, `total` bytes in all (rounded down to whole
/// 258-byte matches): the prefix in a stored block, then one dynamic
/// block of nothing but "copy 258 bytes from `period` back". Two bits per
/// 258 bytes: 2 GB costs 2 MB, and nothing is ever compressed here.
pub fn deflate_repeat(prefix: &[u8], period: usize, total: u64) -> (Vec<u8>, u64) {
    const BASE: [u32; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];
    assert!(prefix.len() < 65_535 && period >= 1 && period <= prefix.len());
    let dcode = BASE.iter().rposition(|&b| b as usize <= period).expect("distance code");
    let extra_bits = if dcode < 4 { 0 } else { (dcode as u32 - 2) / 2 };
    let extra = period as u32 - BASE[dcode];
    let matches = total.saturating_sub(prefix.len() as u64) / 258;

    let mut b = Bits { out: Vec::new(), acc: 0, n: 0 };
    // Stored block, not final.
    b.put(0, 1);
    b.put(0, 2);
    b.zeros(u64::from((8 - b.n) % 8));
    b.put(prefix.len() as u32, 16);
    b.put(!(prefix.len() as u32) & 0xFFFF, 16);
    b.out.extend_from_slice(prefix);
    // Dynamic block, final. Literal/length codes: 285 (length 258) = "0",
    // a dummy literal 0 = "10", end of block 256 = "11".
    let mut lit = [0u8; 286];
    lit[285] = 1;
    lit[0] = 2;
    lit[256] = 2;
    let mut dist = vec![0u8; dcode + 1];
    dist[dcode] = 1;
    let lit_codes = canonical(&lit);
    let dist_codes = canonical(&dist);
    // Code-length alphabet: 0, 1, 2, 17 (short zero run), 18 (long zero run).
    let mut cl = [0u8; 19];
    for (sym, len) in [(0, 3), (1, 3), (2, 2), (17, 2), (18, 2)] {
        cl[sym] = len;
    }
    let cl_codes = canonical(&cl);
    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    let hclen = ORDER.iter().rposition(|&s| cl[s] > 0).expect("code lengths") + 1;
    b.put(1, 1);
    b.put(2, 2);
    b.put(286 - 257, 5);
    b.put(dist.len() as u32 - 1, 5);
    b.put(hclen as u32 - 4, 4);
    for &s in &ORDER[..hclen] {
        b.put(u32::from(cl[s]), 3);
    }
    let all: Vec<u8> = lit.iter().chain(dist.iter()).copied().collect();
    let mut i = 0;
    while i < all.len() {
        let run = all[i..].iter().take_while(|&&l| l == 0).count();
        if run >= 11 {
            let n = run.min(138);
            b.code(cl_codes[18]);
            b.put(n as u32 - 11, 7);
            i += n;
        } else if run >= 3 {
            b.code(cl_codes[17]);
            b.put(run as u32 - 3, 3);
            i += run;
        } else {
            b.code(cl_codes[all[i] as usize]);
            i += 1;
        }
    }
    let (m, d) = (lit_codes[285], dist_codes[dcode]);
    if m == (0, 1) && d.0 == 0 && extra_bits == 0 {
        b.zeros(matches * u64::from(m.1 + d.1));
    } else {
        for _ in 0..matches {
            b.code(m);
            b.code(d);
            b.put(extra, extra_bits);
        }
    }
    b.code(lit_codes[256]);
    (b.finish(), prefix.len() as u64 + matches * 258)
}

pub const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
pub const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a minimal xlsx with these sheets (name, worksheet XML),
/// plus a sharedStrings part when given.
pub fn xlsx_parts(sheets: &[(String, String)], shared: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                r#"<Default Extension="xml" ContentType="application/xml"/>"#,
                r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
                r#"</Types>"#
            )
            .as_bytes()
            .to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            )
            .into_bytes(),
        ),
    ];
    let mut wb = format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>"#);
    let mut rels = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        wb += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
        rels += &format!(r#"<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>"#);
    }
    wb += "</sheets></workbook>";
    rels += "</Relationships>";
    parts.push(("xl/workbook.xml".into(), wb.into_bytes()));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    for (i, (_, xml)) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml.clone().into_bytes()));
    }
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml".into(), s.as_bytes().to_vec()));
    }
    parts
}

/// Worksheet XML: an optional `<dimension>` and the given rows of raw
/// `<c>` elements.
pub fn sheet_xml(dimension: Option<&str>, rows: &[(u32, String)]) -> String {
    let mut s = format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">"#);
    if let Some(d) = dimension {
        s += &format!(r#"<dimension ref="{d}"/>"#);
    }
    s += "<sheetData>";
    for (r, cells) in rows {
        s += &format!(r#"<row r="{r}">{cells}</row>"#);
    }
    s += "</sheetData></worksheet>";
    s
}

/// A small, ordinary villages table as worksheet rows (inline strings).
pub fn village_rows() -> Vec<(u32, String)> {
    let t = |r: &str, v: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#);
    let n = |r: &str, v: f64| format!(r#"<c r="{r}"><v>{v}</v></c>"#);
    vec![
        (1, t("A1", "Xã") + &t("B1", "Thôn") + &t("C1", "HT1")),
        (2, t("A2", "Sơn Hà") + &t("B2", "Tà Hà 1") + &n("C2", 85.0)),
        (3, t("A3", "Sơn Hà") + &t("B3", "Tà Hà 2") + &n("C3", 40.0)),
    ]
}

/// A minimal OLE compound file (version 3, 512-byte sectors) with these
/// streams in its root storage. Each stream is padded to 4096 bytes so that
/// it lives in ordinary sectors (no mini stream); up to ~60 KB in all.
pub fn ole(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    // Sectors: 0 FAT, 1 directory, then the streams one after another.
    let mut fat = vec![FATSECT, END];
    let mut data = Vec::new();
    let mut starts = Vec::new();
    for (_, bytes) in streams {
        let mut bytes = bytes.clone();
        bytes.resize(bytes.len().max(4096).div_ceil(512) * 512, 0);
        let first = fat.len() as u32;
        let n = (bytes.len() / 512) as u32;
        for s in first..first + n {
            fat.push(if s == first + n - 1 { END } else { s + 1 });
        }
        starts.push((first, bytes.len() as u32));
        data.extend(bytes);
    }
    assert!(fat.len() <= 128 && streams.len() <= 3, "one FAT sector, one directory sector");
    fat.resize(128, FREE);
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 = |h: &mut Vec<u8>, off: usize, v: u16| h[off..off + 2].copy_from_slice(&v.to_le_bytes());
    put16(&mut h, 24, 0x3E);
    put16(&mut h, 26, 3);
    put16(&mut h, 28, 0xFFFE);
    put16(&mut h, 30, 9);
    put16(&mut h, 32, 6);
    let put32 = |h: &mut Vec<u8>, off: usize, v: u32| h[off..off + 4].copy_from_slice(&v.to_le_bytes());
    put32(&mut h, 44, 1); // FAT sectors
    put32(&mut h, 48, 1); // first directory sector
    put32(&mut h, 56, 4096); // mini stream cutoff
    put32(&mut h, 60, END); // no mini FAT
    put32(&mut h, 68, END); // no DIFAT sectors
    put32(&mut h, 76, 0); // DIFAT[0] = sector 0
    for i in 1..109 {
        put32(&mut h, 76 + 4 * i, FREE);
    }
    let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[67] = 1; // black
        e[68..72].copy_from_slice(&FREE.to_le_bytes()); // no left sibling
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    // The streams hang off the root as a chain of right siblings.
    let mut dir = entry("Root Entry", 5, FREE, if streams.is_empty() { FREE } else { 1 }, END, 0);
    for (i, ((name, _), (start, size))) in streams.iter().zip(&starts).enumerate() {
        let right = if i + 1 < streams.len() { i as u32 + 2 } else { FREE };
        dir.extend(entry(name, 2, right, FREE, *start, *size));
    }
    dir.resize(512, 0);
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(data);
    out
}

/// An Office-encrypted workbook: an OLE file with EncryptionInfo and
/// EncryptedPackage streams.
pub fn encrypted_ole() -> Vec<u8> {
    let mut info = vec![0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00];
    info.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>"#);
    let mut package = 4088u64.to_le_bytes().to_vec();
    package.extend(noise(4088, 11));
    ole(&[("EncryptionInfo", info), ("EncryptedPackage", package)])
}

/// A BIFF8 record.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut r = kind.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

/// An .xls (BIFF8 in OLE) with one sheet of numbers, whose DIMENSIONS
/// record claims rows `first..last` (0-based, `last` exclusive) and
/// columns `0..cols`, whatever cells are really there.
pub fn xls(sheet: &str, dims: (u32, u32, u16), cells: &[(u16, u16, f64)]) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = Vec::new();
        for v in [0x0600u16, dt, 0x0DBB, 0x07CC] {
            d.extend(v.to_le_bytes());
        }
        d.extend([0u8; 4]);
        d.extend(6u32.to_le_bytes());
        record(0x0809, &d)
    };
    let boundsheet = |pos: u32| {
        let mut d = pos.to_le_bytes().to_vec();
        // Visible worksheet; the name as UTF-16 (fHighByte = 1).
        let units: Vec<u16> = sheet.encode_utf16().collect();
        d.extend([0, 0, units.len() as u8, 1]);
        d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        record(0x0085, &d)
    };
    let mut globals = bof(0x0005);
    globals.extend(record(0x0042, &1200u16.to_le_bytes()));
    let sheet_pos = (globals.len() + boundsheet(0).len() + 4) as u32;
    globals.extend(boundsheet(sheet_pos));
    globals.extend(record(0x000A, &[]));
    let mut body = bof(0x0010);
    let mut d = dims.0.to_le_bytes().to_vec();
    d.extend(dims.1.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(dims.2.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    body.extend(record(0x0200, &d));
    for &(row, col, v) in cells {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(v.to_le_bytes());
        body.extend(record(0x0203, &d));
    }
    body.extend(record(0x000A, &[]));
    globals.extend(body);
    ole(&[("Workbook", globals)])
}

/// Deterministic noise.
pub fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}
