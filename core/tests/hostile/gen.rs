//! Generators for the hostile files of `hostile.rs`: a zip writer whose
//! headers can lie, a deflate stream of 2 GB in 2 MB, minimal xlsx parts,
//! an encrypted-workbook OLE container. Small, deterministic, no fixtures.

use std::io::{Cursor, Write};

#[path = "../support/xls.rs"]
mod xls;
pub use xls::ole;
use xls::{XCell, XSheet};

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

/// An Office-encrypted workbook: an OLE file with EncryptionInfo and
/// EncryptedPackage streams.
pub fn encrypted_ole() -> Vec<u8> {
    let mut info = vec![0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00];
    info.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>"#);
    let mut package = 4088u64.to_le_bytes().to_vec();
    package.extend(noise(4088, 11));
    ole(&[("EncryptionInfo", info), ("EncryptedPackage", package)])
}

/// An .xls (BIFF8 in OLE) with one sheet of numbers, whose DIMENSIONS
/// record claims rows `first..last` (0-based, `last` exclusive) and
/// columns `0..cols`, whatever cells are really there.
pub fn xls(sheet: &str, dims: (u32, u32, u16), cells: &[(u16, u16, f64)]) -> Vec<u8> {
    let cells = cells.iter().map(|&(r, c, v)| (r, c, XCell::Number(v))).collect();
    xls::workbook(&[XSheet { name: sheet, cells, dims: Some(dims) }])
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
