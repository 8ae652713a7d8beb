//! Repair of pre-Unicode Vietnamese text: TCVN3 (ABC) and VNI-Windows.
//!
//! Such text reaches us as Latin-1 characters ("B¶o Th¾ng", "Haø Noäi")
//! because the spreadsheet stored the 8-bit codes and relied on a font
//! (`.VnTime`, `VNI-Times`) to draw Vietnamese. calamine does not expose
//! fonts, so the encoding is inferred from the text itself:
//!
//! 1. Only *candidate* cells are considered: some Latin-1 letters or symbols
//!    (U+00A1–U+00FF) and no Vietnamese letter outside Latin-1 (ă đ ĩ ơ ũ ư,
//!    U+1EA0–U+1EF9) and no combining mark. Genuine Unicode Vietnamese almost
//!    always has one of those, and NFD text has combining marks: it is an
//!    [`super::is_nfd_variant`] case, repaired by NFC, not here.
//! 2. Each word is converted with each candidate encoding and both versions
//!    are scored: 0 = holds a non-letter symbol (¶ ¾ U+00AD ...), 1 = letters
//!    but not a Vietnamese syllable, 2 = a valid syllable (see `syllable`).
//!    Words with digits and one-character words are converted but not scored.
//! 3. An encoding is chosen only for a clear improvement: some words get
//!    better, at most a third as many get worse, at least 60 % of the changed
//!    words become valid syllables, and the improved words carry at least two
//!    units of evidence. A code that ordinary Latin-1 text never has in that
//!    place counts 2 (TCVN3: a symbol such as ¶, a rare letter æ ß þ, a
//!    capital after a lowercase letter; VNI: a diacritic code after a vowel,
//!    as in "aø", "eâ"); one that European words do have counts 1 (é, ó, ü
//!    in TCVN3; "où", "aé", "Raúl" in VNI).
//!
//! Checked against the 6,600 syllables of the hunspell-vi dictionary: no
//! genuine word (alone, capitalised, or in pairs) is detected as legacy, and
//! no TCVN3 group of 5+ words is taken for VNI or the reverse.
//!
//! Genuine Unicode text built only from Latin-1 letters ("Gia Phú", "Trì
//! Quang") is never *detected*, because it already scores as valid syllables
//! and cannot improve. It is ambiguous, though: "Cã" is TCVN3 for "Có" and is
//! itself a well-formed syllable. So per-cell detection ([`repair_cell`]) can
//! miss short TCVN3 cells, and the intake should prefer column-level
//! [`detect`] followed by [`repair`], which converts every candidate cell of
//! that column whose conversion is no worse. The price: in a column detected
//! as TCVN3, a Unicode cell written only with Latin-1 letters whose
//! conversion is also valid ("Phú" → "Phỳ") is converted too, which is why
//! the intake must report converted cells.
//!
//! `.VnTimeH` (the TCVN3 capital font) uses the lowercase codes; when the
//! plain letters around them are capitals ("B¶O TH¾NG") the converted letters
//! are capitalised as well ("BẢO THẮNG"). Lowercase ASCII typed in that font
//! cannot be told apart and stays lowercase.

use super::syllable::{self, with_tone};
use serde::{Deserialize, Serialize};

/// A pre-Unicode Vietnamese 8-bit encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 VN3, the "ABC" fonts `.VnTime`, `.VnArial`, `.VnTimeH`.
    Tcvn3,
    /// VNI-Windows, the `VNI-Times` family: base letter + diacritic code.
    Vni,
}

impl LegacyEncoding {
    /// Short label for reports.
    pub fn label(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3",
            LegacyEncoding::Vni => "VNI",
        }
    }

    fn convert_into(self, token: &str, caps: bool, out: &mut String) -> u32 {
        match self {
            LegacyEncoding::Tcvn3 => tcvn3_token(token, caps, out),
            LegacyEncoding::Vni => vni_token(token, out),
        }
    }
}

// ---------------------------------------------------------------- TCVN3

/// TCVN3 code (as the Latin-1 character it shows up as) → Unicode letter.
#[rustfmt::skip]
const TCVN3_PAIRS: [(u8, char); 74] = [
    (0xB5, 'à'), (0xB8, 'á'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB9, 'ạ'),
    (0xA8, 'ă'), (0xBB, 'ằ'), (0xBE, 'ắ'), (0xBC, 'ẳ'), (0xBD, 'ẵ'), (0xC6, 'ặ'),
    (0xA9, 'â'), (0xC7, 'ầ'), (0xCA, 'ấ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCB, 'ậ'),
    (0xAE, 'đ'),
    (0xCC, 'è'), (0xD0, 'é'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD1, 'ẹ'),
    (0xAA, 'ê'), (0xD2, 'ề'), (0xD5, 'ế'), (0xD3, 'ể'), (0xD4, 'ễ'), (0xD6, 'ệ'),
    (0xD7, 'ì'), (0xDD, 'í'), (0xD8, 'ỉ'), (0xDC, 'ĩ'), (0xDE, 'ị'),
    (0xDF, 'ò'), (0xE3, 'ó'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE4, 'ọ'),
    (0xAB, 'ô'), (0xE5, 'ồ'), (0xE8, 'ố'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE9, 'ộ'),
    (0xAC, 'ơ'), (0xEA, 'ờ'), (0xED, 'ớ'), (0xEB, 'ở'), (0xEC, 'ỡ'), (0xEE, 'ợ'),
    (0xEF, 'ù'), (0xF3, 'ú'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF4, 'ụ'),
    (0xAD, 'ư'), (0xF5, 'ừ'), (0xF8, 'ứ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF9, 'ự'),
    (0xFA, 'ỳ'), (0xFD, 'ý'), (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFE, 'ỵ'),
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA7, 'Đ'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'),
];

/// Indexed by code − 0xA0; '\0' marks codes TCVN3 leaves to Latin-1.
const TCVN3_TABLE: [char; 96] = {
    let mut table = ['\0'; 96];
    let mut i = 0;
    while i < TCVN3_PAIRS.len() {
        table[(TCVN3_PAIRS[i].0 - 0xA0) as usize] = TCVN3_PAIRS[i].1;
        i += 1;
    }
    table
};

fn tcvn3_char(c: char) -> Option<char> {
    let code = (c as u32).checked_sub(0xA0)?;
    TCVN3_TABLE
        .get(code as usize)
        .copied()
        .filter(|&m| m != '\0')
}

/// Codes that are strong evidence of TCVN3 when they turn into a letter:
/// Latin-1 symbols (nobody writes ¶ or ¾ inside a word), letters almost
/// unused in running text (ª æ ß þ), and a capital right after a lowercase
/// letter ("NhuËn", "tÞch"). Accented letters common in European text
/// (é, ó, ü ...) count as weak evidence, and so does a leading µ, which
/// real text uses in units ("µm" would become the valid "àm").
fn tcvn3_is_strong(c: char, prev: Option<char>) -> bool {
    matches!(c as u32, 0xA1..=0xB4 | 0xB6..=0xBF | 0xD7 | 0xF7 | 0xE6 | 0xDF | 0xFE)
        || (c == 'µ' && prev.is_some_and(char::is_alphabetic))
        || (c.is_uppercase() && prev.is_some_and(char::is_lowercase))
}

fn tcvn3_token(token: &str, caps: bool, out: &mut String) -> u32 {
    let mut evidence = 0;
    let mut prev = None;
    for c in token.chars() {
        match tcvn3_char(c) {
            Some(v) => {
                evidence += if tcvn3_is_strong(c, prev) { 2 } else { 1 };
                if caps {
                    out.extend(v.to_uppercase());
                } else {
                    out.push(v);
                }
            }
            None => out.push(c),
        }
        prev = Some(c);
    }
    evidence
}

/// Whether the ASCII letters around TCVN3 codes are capitals, i.e. the text
/// was probably typed in a `.VnTimeH` capital font.
fn ascii_caps(s: &str) -> bool {
    let mut upper = 0;
    for b in s.bytes() {
        if b.is_ascii_lowercase() {
            return false;
        }
        upper += usize::from(b.is_ascii_uppercase());
    }
    upper >= 2
}

// ------------------------------------------------------------------ VNI

/// What a VNI diacritic code adds to the letter before it.
#[derive(Clone, Copy)]
enum Mark {
    /// A tone on any vowel.
    Tone(u8),
    /// Circumflex (a e o → â ê ô) plus a tone.
    Circumflex(u8),
    /// Breve (a → ă) plus a tone.
    Breve(u8),
}

/// Diacritic codes; capitals use the uppercase Latin-1 twin of each code.
fn vni_mark(c: char) -> Option<Mark> {
    Some(match c {
        'ø' | 'Ø' => Mark::Tone(1),
        'ù' | 'Ù' => Mark::Tone(2),
        'û' | 'Û' => Mark::Tone(3),
        'õ' | 'Õ' => Mark::Tone(4),
        'ï' | 'Ï' => Mark::Tone(5),
        'â' | 'Â' => Mark::Circumflex(0),
        'à' | 'À' => Mark::Circumflex(1),
        'á' | 'Á' => Mark::Circumflex(2),
        'å' | 'Å' => Mark::Circumflex(3),
        'ã' | 'Ã' => Mark::Circumflex(4),
        'ä' | 'Ä' => Mark::Circumflex(5),
        'ê' | 'Ê' => Mark::Breve(0),
        'è' | 'È' => Mark::Breve(1),
        'é' | 'É' => Mark::Breve(2),
        'ú' | 'Ú' => Mark::Breve(3),
        'ü' | 'Ü' => Mark::Breve(4),
        'ë' | 'Ë' => Mark::Breve(5),
        _ => return None,
    })
}

/// Whether a diacritic code after `base` is strong evidence of VNI. Vowel
/// pairs like "aâ", "eâ", "uù", "aø" occur in no Latin-1 language; the few
/// that do ("où", "aé", "aè", "aú" as in "aérien", "Raúl") are weak.
fn vni_mark_is_strong(base: char, mark: char) -> bool {
    let mark = mark.to_lowercase().next().unwrap_or(mark);
    !matches!((base, mark), ('o', 'ù') | ('a', 'é' | 'è' | 'ú'))
}

/// VNI letters that take a diacritic code after them: (lowercase base, is capital).
fn vni_base(c: char) -> Option<(char, bool)> {
    Some(match c {
        'a' | 'e' | 'o' | 'u' | 'y' => (c, false),
        'A' | 'E' | 'O' | 'U' | 'Y' => (c.to_ascii_lowercase(), true),
        'ô' => ('ơ', false),
        'Ô' => ('ơ', true),
        'ö' => ('ư', false),
        'Ö' => ('ư', true),
        _ => return None,
    })
}

/// Single-code VNI letters (i-vowels have their own codes, as do ơ ư đ ỵ).
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn push_case(out: &mut String, c: char, capital: bool) {
    if capital {
        out.extend(c.to_uppercase());
    } else {
        out.push(c);
    }
}

fn vni_token(token: &str, out: &mut String) -> u32 {
    let mut evidence = 0;
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some((base, capital)) = vni_base(c) {
            let applied = chars.peek().copied().and_then(|m| {
                let letter = match (vni_mark(m)?, base) {
                    (Mark::Tone(t), _) => with_tone(base, t),
                    (Mark::Circumflex(t), 'a') => with_tone('â', t),
                    (Mark::Circumflex(t), 'e') => with_tone('ê', t),
                    (Mark::Circumflex(t), 'o') => with_tone('ô', t),
                    (Mark::Breve(t), 'a') => with_tone('ă', t),
                    _ => return None,
                };
                Some((letter, m))
            });
            if let Some((letter, m)) = applied {
                chars.next();
                evidence += if vni_mark_is_strong(base, m) { 2 } else { 1 };
                // ô and ö standing for ơ and ư are VNI codes of their own.
                evidence += u32::from(base != c.to_ascii_lowercase());
                push_case(out, letter, capital);
                continue;
            }
        }
        match vni_single(c) {
            Some(v) => {
                evidence += 1;
                out.push(v);
            }
            None => out.push(c),
        }
    }
    evidence
}

// ----------------------------------------------------------- conversion

/// Word characters for scoring: everything but whitespace and ASCII
/// punctuation, so TCVN3 symbol codes (¶, U+00AD) stay inside their word.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !c.is_whitespace()
    }
}

/// Calls `f(piece, is_word)` for the alternating word / separator pieces of `s`.
fn for_each_piece<'a>(s: &'a str, mut f: impl FnMut(&'a str, bool)) {
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in s.char_indices() {
        let w = is_word_char(c);
        match in_word {
            Some(prev) if prev != w => {
                f(&s[start..i], prev);
                start = i;
            }
            _ => {}
        }
        in_word = Some(w);
    }
    if let Some(w) = in_word {
        f(&s[start..], w);
    }
}

fn convert(s: &str, enc: LegacyEncoding) -> String {
    let caps = enc == LegacyEncoding::Tcvn3 && ascii_caps(s);
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for_each_piece(s, |piece, word| {
        if word {
            let token_caps = caps || ascii_caps(piece);
            enc.convert_into(piece, token_caps, &mut out);
        } else {
            out.push_str(piece);
        }
    });
    out
}

/// Converts TCVN3 text to Unicode (NFC). Characters outside the TCVN3 code
/// range pass through unchanged.
pub fn convert_tcvn3(s: &str) -> String {
    convert(s, LegacyEncoding::Tcvn3)
}

/// Converts VNI-Windows text to Unicode (NFC). Characters that are not VNI
/// codes in their position pass through unchanged.
pub fn convert_vni(s: &str) -> String {
    convert(s, LegacyEncoding::Vni)
}

// ------------------------------------------------------------ detection

/// Whether `s` could be legacy-encoded at all (see the module docs, step 1).
/// Cheap; ASCII and genuine Vietnamese Unicode return false.
pub fn is_candidate(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    let mut latin1 = false;
    for c in s.chars() {
        match c as u32 {
            0xA1..=0xFF => latin1 = true,
            0x0102
            | 0x0103
            | 0x0110
            | 0x0111
            | 0x0128
            | 0x0129
            | 0x0168
            | 0x0169
            | 0x01A0
            | 0x01A1
            | 0x01AF
            | 0x01B0
            | 0x0300..=0x036F
            | 0x1EA0..=0x1EF9 => return false,
            _ => {}
        }
    }
    latin1
}

/// Whether `s` holds a letter only Unicode Vietnamese has (ă đ ơ ư ạ ế …,
/// or a combining mark): text typed in Unicode, which no legacy encoding
/// produces and which must never be converted.
fn has_unicode_vietnamese(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(|c| matches!(c as u32, 0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x0128 | 0x0129 | 0x0168 | 0x0169 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x0300..=0x036F | 0x1EA0..=0x1EF9))
}

fn word_score(word: &str) -> u8 {
    if !word.chars().all(char::is_alphabetic) {
        0
    } else if syllable::is_syllable(word) {
        2
    } else {
        1
    }
}

/// What converting a sample did to its words.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Tally {
    changed: u32,
    improved: u32,
    worsened: u32,
    valid_after: u32,
    evidence: u32,
}

impl Tally {
    fn add(&mut self, s: &str, enc: LegacyEncoding, mut converted: Option<&mut String>) {
        let caps = enc == LegacyEncoding::Tcvn3 && ascii_caps(s);
        let mut buf = String::new();
        for_each_piece(s, |piece, word| {
            if !word {
                if let Some(out) = converted.as_deref_mut() {
                    out.push_str(piece);
                }
                return;
            }
            buf.clear();
            let evidence = enc.convert_into(piece, caps || ascii_caps(piece), &mut buf);
            if let Some(out) = converted.as_deref_mut() {
                out.push_str(&buf);
            }
            // Numbers, codes like "2¶" and lone characters ("«", "¬", "µ" are
            // more often punctuation or units than the words ô, ơ, à) are not
            // words to judge by; they are still converted.
            let lone = piece.chars().nth(1).is_none();
            if buf == piece || lone || piece.bytes().any(|b| b.is_ascii_digit()) {
                return;
            }
            let (before, after) = (word_score(piece), word_score(&buf));
            self.changed += 1;
            self.valid_after += u32::from(after == 2);
            if after > before {
                self.improved += 1;
                self.evidence += evidence;
            } else if after < before {
                self.worsened += 1;
            }
        });
    }

    /// The column-level rule of the module docs, step 3.
    fn is_clear(&self) -> bool {
        self.improved > 0
            && self.evidence >= 2
            && self.worsened * 3 <= self.improved
            && self.valid_after * 5 >= self.changed * 3
    }

    /// The per-cell rule once the encoding is known: nothing gets worse, and
    /// either something improves or every changed word is a valid syllable.
    fn is_safe(&self) -> bool {
        self.changed > 0
            && self.worsened == 0
            && (self.improved > 0 || self.valid_after == self.changed)
    }

    fn strength(&self) -> (i64, u32) {
        (
            i64::from(self.improved) - i64::from(self.worsened),
            self.evidence,
        )
    }
}

const ENCODINGS: [LegacyEncoding; 2] = [LegacyEncoding::Tcvn3, LegacyEncoding::Vni];

/// Detects the legacy encoding of a sample of cells (a column or a sheet),
/// `None` when the text is Unicode or the evidence is not clear.
pub fn detect(texts: &[&str]) -> Option<LegacyEncoding> {
    let mut tallies = [Tally::default(); 2];
    for s in texts.iter().filter(|s| is_candidate(s)) {
        for (tally, enc) in tallies.iter_mut().zip(ENCODINGS) {
            tally.add(s, enc, None);
        }
    }
    let [t, v] = tallies;
    match (t.is_clear(), v.is_clear()) {
        (true, false) => Some(LegacyEncoding::Tcvn3),
        (false, true) => Some(LegacyEncoding::Vni),
        (true, true) if t.strength() > v.strength() => Some(LegacyEncoding::Tcvn3),
        (true, true) if v.strength() > t.strength() => Some(LegacyEncoding::Vni),
        _ => None,
    }
}

/// Whether a sample too small for [`detect`] (a two-column plan sheet, a
/// sheet name) reads as `enc`, an encoding already found in another sheet of
/// the same workbook: no text is Unicode Vietnamese, some word improves, none
/// gets worse, and most changed words become valid syllables. [`detect`]'s
/// evidence rule needs more words than such a sample has; the sibling sheet
/// supplied that evidence.
pub fn fits(texts: &[&str], enc: LegacyEncoding) -> bool {
    let mut tally = Tally::default();
    for s in texts {
        if has_unicode_vietnamese(s) {
            return false;
        }
        if is_candidate(s) {
            tally.add(s, enc, None);
        }
    }
    tally.improved > 0 && tally.worsened == 0 && tally.valid_after * 5 >= tally.changed * 3
}

/// Converts one cell of a column known to be in `enc`. `Some` only when the
/// cell is a candidate, the conversion changes it, and no word gets worse
/// (see the module docs for what that accepts).
pub fn repair(s: &str, enc: LegacyEncoding) -> Option<String> {
    if !is_candidate(s) {
        return None;
    }
    let mut tally = Tally::default();
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    tally.add(s, enc, Some(&mut out));
    (tally.is_safe() && out != s).then_some(out)
}

/// Detects and repairs a single cell on its own evidence, for sheets that
/// mix encodings. Conservative: short ambiguous cells ("Cã") are left alone;
/// prefer [`detect`] over a whole column.
pub fn repair_cell(s: &str) -> Option<(String, LegacyEncoding)> {
    let enc = detect(&[s])?;
    repair(s, enc).map(|fixed| (fixed, enc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// Unicode → TCVN3, the inverse of the table, to build test input.
    fn to_tcvn3(s: &str) -> String {
        s.chars()
            .map(|c| {
                TCVN3_PAIRS
                    .iter()
                    .find(|(_, v)| *v == c)
                    .map_or(c, |(code, _)| char::from(*code))
            })
            .collect()
    }

    #[test]
    fn table_is_a_bijection() {
        for (i, (a, x)) in TCVN3_PAIRS.iter().enumerate() {
            for (b, y) in &TCVN3_PAIRS[i + 1..] {
                assert!(a != b && x != y, "duplicate {a:#x} {x}");
            }
        }
    }

    #[test]
    fn tcvn3_examples() {
        for (tcvn3, want) in [
            ("B¶o Th¾ng", "Bảo Thắng"),
            ("B¸t X¸t", "Bát Xát"),
            ("M\u{AD}êng Kh\u{AD}¬ng", "Mường Khương"),
            ("§iÖn tho¹i", "Điện thoại"),
            ("B¶O TH¾NG", "BẢO THẮNG"),
            ("UBND x· B¶o Th¾ng", "UBND xã Bảo Thắng"),
        ] {
            assert_eq!(convert_tcvn3(tcvn3), want, "{tcvn3:?}");
        }
        let phrase = "Hồ sơ đã trả kết quả đúng hạn tại thôn Phú Thành 3, xã Sơn Hà";
        assert_eq!(convert_tcvn3(&to_tcvn3(phrase)), phrase);
    }

    #[test]
    fn vni_examples() {
        let cases = [
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("Vieät Nam", "Việt Nam"),
            ("Haø Noäi", "Hà Nội"),
            ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Nguyeãn", "Nguyễn"),
            ("Tröôøng", "Trường"),
            ("Ñöôøng", "Đường"),
            ("ò æ ó ì í", "ị ỉ ĩ ì í"),
            ("yø yù yû yõ î", "ỳ ý ỷ ỹ ỵ"),
            ("aà aá aå aã aä", "ầ ấ ẩ ẫ ậ"),
            ("aè aé aú aü aë aê", "ằ ắ ẳ ẵ ặ ă"),
            ("AÙ Ô Ö Ñ OÂ ÔØ", "Á Ơ Ư Đ Ô Ờ"),
            ("TRÖÔØNG HOÏC", "TRƯỜNG HỌC"),
            ("thuôû", "thuở"),
            ("Baûo Thaéng", "Bảo Thắng"),
            ("khuyeân", "khuyên"),
        ];
        for (vni, unicode) in cases {
            assert_eq!(convert_vni(vni), unicode, "{vni}");
        }
    }

    #[test]
    fn detects_legacy_columns() {
        assert_eq!(
            detect(&["B¶o Th¾ng", "B¸t X¸t", "M\u{AD}êng Kh\u{AD}¬ng"]),
            Some(LegacyEncoding::Tcvn3)
        );
        assert_eq!(
            detect(&["Xin chaøo caùc baïn", "Haø Noäi"]),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(detect(&["Tröôøng"]), Some(LegacyEncoding::Vni));
        assert_eq!(detect(&["B¶o"]), Some(LegacyEncoding::Tcvn3));
        // Unicode cells in the same column do not hide the legacy ones.
        assert_eq!(
            detect(&["Phố Lu", "B¶o Th¾ng", "Gia Phú"]),
            Some(LegacyEncoding::Tcvn3)
        );
    }

    #[test]
    fn no_false_positives_on_unicode_and_foreign_text() {
        let genuine = [
            "Phố Lu",
            "Tà Hà 1",
            "Gia Phú",
            "Xuân Quang",
            "Trì Quang",
            "Bản Phiệt",
            "Hồ sơ đã trả kết quả",
            "Phú Thành 3",
            "Sơn Hà",
            "Y Tý",
            "Tô Thị Hà",
            "Lê Văn Tám",
            "Có",
            "Không",
            "plain English text",
            "café",
            "Ñandú",
            "José Pérez",
            "Müller",
            "São Paulo",
            "où",
            "naïve",
            "© 2024 Company®",
            "½ kg",
            "25°C",
            "« Bonjour »",
            "¬",
            "µm",
            "§ 3",
            "12.345,6",
            "15/03/2024",
            "",
            "   ",
            "2024-03-15 14:32",
        ];
        for s in genuine {
            assert_eq!(detect(&[s]), None, "{s}");
            assert_eq!(repair_cell(s), None, "{s}");
        }
        assert_eq!(detect(&genuine), None);
        let nfd: Vec<String> = genuine.iter().map(|s| s.nfd().collect()).collect();
        let nfd: Vec<&str> = nfd.iter().map(String::as_str).collect();
        assert_eq!(detect(&nfd), None);
        // Decomposed text is an NFC problem, never a legacy one, whatever the column says.
        for s in nfd.iter().filter(|s| crate::text::is_nfd_variant(s)) {
            assert_eq!(repair(s, LegacyEncoding::Tcvn3), None);
            assert_eq!(repair(s, LegacyEncoding::Vni), None);
        }
    }

    #[test]
    fn repairs_cells() {
        assert_eq!(
            repair_cell("B¶o Th¾ng"),
            Some(("Bảo Thắng".to_string(), LegacyEncoding::Tcvn3))
        );
        assert_eq!(
            repair_cell("Xin chaøo caùc baïn"),
            Some(("Xin chào các bạn".to_string(), LegacyEncoding::Vni))
        );
        // Ambiguous alone, repaired once the column is known to be TCVN3.
        assert_eq!(repair_cell("Cã"), None);
        assert_eq!(repair("Cã", LegacyEncoding::Tcvn3), Some("Có".to_string()));
        assert_eq!(
            repair("H§ND x·", LegacyEncoding::Tcvn3),
            Some("HĐND xã".to_string())
        );
        // Unicode and unchanged cells are never touched.
        assert_eq!(repair("Phố Lu", LegacyEncoding::Tcvn3), None);
        assert_eq!(repair("Tà Hà 1", LegacyEncoding::Tcvn3), None);
        assert_eq!(repair("plain", LegacyEncoding::Vni), None);
        // A conversion that makes a word worse is refused.
        assert_eq!(repair("Xuân Quang", LegacyEncoding::Tcvn3), None);
    }

    #[test]
    fn fits_short_samples_of_a_known_encoding_only() {
        // Too little evidence alone, plausible once the workbook is TCVN3.
        assert_eq!(detect(&["C\u{e8}c San"]), None);
        assert!(fits(&["C\u{e8}c San"], LegacyEncoding::Tcvn3));
        assert!(fits(&["K\u{d5} ho\u{b9}ch"], LegacyEncoding::Tcvn3));
        // Unicode Vietnamese anywhere in the sample vetoes it.
        assert!(!fits(&["X\u{e3}", "K\u{1ebf} ho\u{1ea1}ch"], LegacyEncoding::Tcvn3));
        // Nothing improves: Latin-1-only Unicode names, ASCII.
        assert!(!fits(&["Gia Ph\u{fa}", "Sheet1"], LegacyEncoding::Tcvn3));
        assert!(!fits(&["Xu\u{e2}n Quang"], LegacyEncoding::Tcvn3));
        assert!(!fits(&[], LegacyEncoding::Vni));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = convert_tcvn3(&s);
            let _ = convert_vni(&s);
            let _ = detect(&[&s]);
            let _ = repair(&s, LegacyEncoding::Tcvn3);
            let _ = repair(&s, LegacyEncoding::Vni);
            let _ = repair_cell(&s);
        }

        #[test]
        fn never_panics_on_latin1(s in "[\\u{a0}-\\u{ff}a-zA-Z0-9 .,]{0,30}") {
            let t = convert_tcvn3(&s);
            let v = convert_vni(&s);
            prop_assert!(t.chars().count() == s.chars().count());
            prop_assert!(v.chars().count() <= s.chars().count());
            if let Some((fixed, _)) = repair_cell(&s) {
                prop_assert_ne!(fixed, s);
            }
        }

        #[test]
        fn tcvn3_round_trips(s in "[a-z àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]{0,30}") {
            prop_assert_eq!(convert_tcvn3(&to_tcvn3(&s)), s);
        }
    }
}
