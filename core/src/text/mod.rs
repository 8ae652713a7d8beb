//! Text normalisation and matching keys for Vietnamese spreadsheet content.
//!
//! Cells typed on different keyboards look identical but compare unequal:
//! precomposed (NFC) vs decomposed (NFD) Unicode, old vs new tone placement
//! ("hòa" / "hoà"), and pre-2003 8-bit encodings ([`legacy`]). This module
//! turns such text into keys that compare equal when a person would say the
//! text is the same:
//!
//! - [`fold_key`] for header matching: no case, no diacritics, no punctuation.
//! - [`name_key`] for joining place names across sheets: keeps diacritics
//!   (Hà and Hạ are different villages) but ignores case, spacing, NFC/NFD and
//!   tone placement.
//!
//! Every function here is total: any input string gives a result, no panic.

pub mod legacy;
mod syllable;

use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC form of `s`, borrowing when it is already NFC (the usual case).
pub fn nfc_cow(s: &str) -> Cow<'_, str> {
    // ASCII and precomposed Vietnamese letters are NFC on their own; checking
    // them by table skips the general quick-check on almost every cell.
    let simple = s
        .chars()
        .all(|c| c.is_ascii() || syllable::letter(c).is_some());
    if simple || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// NFC form of `s`.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// True when `s` is not in NFC, i.e. it was typed or exported decomposed
/// (NFD) or mixed; the intake reports such cells as "nfd" after repairing
/// them with [`nfc`]. This is not a legacy encoding.
pub fn is_nfd_variant(s: &str) -> bool {
    matches!(nfc_cow(s), Cow::Owned(ref n) if n != s)
}

/// The lowercase ASCII letter under a precomposed Vietnamese letter of
/// either case ('Ấ' → b'a', 'Đ' → b'd'); `None` for anything else. One table
/// read, for hot paths that would otherwise decompose.
pub(crate) fn plain_letter(c: char) -> Option<u8> {
    syllable::letter(c).map(|l| l.ascii)
}

/// An ASCII byte as it appears in a header key. `%` and `#` are kept because
/// they change the meaning ("Tỷ lệ (%)" is not "Tỷ lệ"); other punctuation
/// separates words.
fn fold_ascii(b: u8) -> char {
    if b.is_ascii_alphanumeric() || matches!(b, b'%' | b'#') {
        char::from(b.to_ascii_lowercase())
    } else {
        ' '
    }
}

/// Appends `c` (already lowercase, no diacritics) collapsing runs of
/// separators into one space and dropping leading ones.
fn push_folded(out: &mut String, pending_space: &mut bool, c: char) {
    if c == ' ' {
        *pending_space = true;
        return;
    }
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push(c);
}

/// Header-matching key: lowercase, no diacritics (đ → d), punctuation such
/// as `. : / ( ) - _ ,` treated as spaces, whitespace collapsed and trimmed.
/// "Ngày tiếp nhận:" and "ngay  tiep-nhan" give the same key. `%` and `#`
/// are kept.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    if s.is_ascii() {
        for b in s.bytes() {
            push_folded(&mut out, &mut pending, fold_ascii(b));
        }
        return out;
    }
    for c in s.chars() {
        if c.is_ascii() {
            push_folded(&mut out, &mut pending, fold_ascii(c as u8));
        } else if is_combining_mark(c) {
            // NFD input: the mark's base letter was already emitted.
        } else if let Some(plain) = plain_letter(c) {
            push_folded(&mut out, &mut pending, char::from(plain));
        } else if c.is_alphanumeric() {
            decompose_canonical(c, |d| {
                for l in d.to_lowercase().filter(|&l| !is_combining_mark(l)) {
                    push_folded(&mut out, &mut pending, l);
                }
            });
        } else {
            push_folded(&mut out, &mut pending, ' ');
        }
    }
    out
}

/// Place-name joining key: NFC, lowercase, whitespace collapsed and trimmed,
/// diacritics kept, and the tone mark of each syllable moved to one canonical
/// place so that old and new spellings meet.
///
/// Canonical placement is the "new" style (kiểu mới): in an open syllable the
/// tone of "oa", "oe", "uy" sits on the second vowel, so "Hòa" and "Hoà" both
/// give "hoà", "thúy"/"thuý" give "thuý", "khỏe"/"khoẻ" give "khoẻ". The same
/// rule also fixes common misplacements ("qúa" → "quá", "hòan" → "hoàn").
/// Words that are not Vietnamese syllables are only lowercased.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        }
        return out;
    }
    let normal = nfc_cow(s);
    for word in normal.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        push_name_word(word, &mut out);
    }
    out
}

/// Canonicalises each run of letters in `word` separately so that
/// punctuation next to a syllable ("Hòa," or "Thôn-Hòa") does not hide it.
fn push_name_word(word: &str, out: &mut String) {
    let mut run_start: Option<usize> = None;
    let flush = |run: &str, out: &mut String| {
        if run.is_ascii() || !syllable::push_canonical(run, out) {
            out.extend(run.chars().flat_map(char::to_lowercase));
        }
    };
    for (i, c) in word.char_indices() {
        if c.is_alphabetic() {
            run_start.get_or_insert(i);
        } else {
            if let Some(start) = run_start.take() {
                flush(&word[start..i], out);
            }
            out.extend(c.to_lowercase());
        }
    }
    if let Some(start) = run_start {
        flush(&word[start..], out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn nfc_and_nfd_variants() {
        let composed = "Bảo Thắng";
        let decomposed = nfd(composed);
        assert_ne!(composed, decomposed);
        assert_eq!(nfc(&decomposed), composed);
        assert!(is_nfd_variant(&decomposed));
        assert!(!is_nfd_variant(composed));
        assert!(!is_nfd_variant("plain ascii"));
        assert!(!is_nfd_variant(""));
        assert!(matches!(nfc_cow(composed), Cow::Borrowed(_)));
    }

    #[test]
    fn fold_key_matches_header_variants() {
        let decomposed = nfd("NGÀY TIẾP NHẬN");
        for (header, want) in [
            ("Ngày tiếp nhận:", "ngay tiep nhan"),
            ("ngay  tiep-nhan", "ngay tiep nhan"),
            (decomposed.as_str(), "ngay tiep nhan"),
            ("Đơn vị xử lý", "don vi xu ly"),
            ("Xã/Phường/Thị trấn", "xa phuong thi tran"),
            ("Kết quả giải quyết / Ngày trả", "ket qua giai quyet ngay tra"),
            ("  Mã_HS (1) ", "ma hs 1"),
            ("Tỷ lệ (%)", "ty le %"),
            ("Thôn\u{a0}–\u{a0}bản", "thon ban"),
            ("café", "cafe"),
            ("", ""),
            (" .:/ ", ""),
        ] {
            assert_eq!(fold_key(header), want, "{header:?}");
        }
    }

    #[test]
    fn name_key_joins_spellings() {
        let decomposed = nfd("Tà Hà 1");
        for (a, b) in [("hoà", "hòa"), ("Thuý", "thúy"), ("Hoá", "Hóa"), ("khoẻ", "khỏe"), ("Thôn 1", "thôn  1"), (decomposed.as_str(), "Tà Hà 1")] {
            assert_eq!(name_key(a), name_key(b), "{a:?} {b:?}");
        }
        for (name, want) in [(" Phú Thành 3 ", "phú thành 3"), ("Xã Hòa Bình", "xã hoà bình"), ("Hòa,Bình", "hoà,bình")] {
            assert_eq!(name_key(name), want, "{name:?}");
        }
        // Diacritics matter for names: Hà and Hạ are different places.
        assert_ne!(name_key("Tà Hà"), name_key("Tà Hạ"));
    }

    proptest! {
        #[test]
        fn keys_never_panic_and_are_idempotent(s in "\\PC{0,40}") {
            let f = fold_key(&s);
            prop_assert_eq!(fold_key(&f), f.clone());
            let n = name_key(&s);
            prop_assert_eq!(name_key(&n), n.clone());
            prop_assert_eq!(name_key(&nfd(&s)), name_key(&nfc(&s)));
            let _ = is_nfd_variant(&s);
        }

        #[test]
        fn vietnamese_keys_are_stable(s in "[a-zA-Z àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ]{0,30}") {
            prop_assert_eq!(name_key(&nfd(&s)), name_key(&s));
            prop_assert_eq!(fold_key(&nfd(&s)), fold_key(&s));
            prop_assert!(fold_key(&s).is_ascii());
        }
    }
}

/// `name_key` memoised per distinct name: a million dossiers name only a few
/// hundred communes and villages.
#[derive(Default)]
pub struct NameKeys(std::collections::HashMap<String, String>);

impl NameKeys {
    pub fn get(&mut self, s: Option<&str>) -> String {
        let Some(s) = s else { return String::new() };
        if let Some(k) = self.0.get(s) {
            return k.clone();
        }
        let k = name_key(s);
        self.0.insert(s.to_string(), k.clone());
        k
    }
}
