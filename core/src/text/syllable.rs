//! Vietnamese letters and the structure of a written syllable.
//!
//! Two jobs need to know what a well-formed Vietnamese syllable looks like:
//! legacy-encoding detection (does converting a cell turn gibberish into
//! syllables?) and tone-placement normalisation for name keys (where does the
//! tone mark belong?). Both only ever see one word at a time, so everything
//! here works on a small fixed-size buffer and never allocates.
//!
//! A syllable is `onset + nucleus + coda` with at most one tone mark. The
//! validator is deliberately permissive towards real words (a genuine word
//! judged invalid could let a wrong legacy conversion look like an
//! improvement) and strict only where the orthography is unambiguous: the
//! letter set, the onset and coda inventories, the vowel clusters, `k`/`gh`/
//! `ngh` before front vowels only, and stop codas (c, ch, p, t) taking only
//! the acute or dot-below tone.

/// Tone numbers used throughout: level, grave (huyền), acute (sắc),
/// hook above (hỏi), tilde (ngã), dot below (nặng).
pub(crate) const TONE_NONE: u8 = 0;
const TONE_ACUTE: u8 = 2;
const TONE_DOT: u8 = 5;

/// Each row is one vowel letter with its five toned forms, in tone order.
const TONED: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// The plain ASCII letter under each row of [`TONED`] (ă, â → a; ơ → o ...).
const ROW_ASCII: [u8; 12] = *b"aaaeeiooouuy";

/// What a precomposed Vietnamese letter (either case) is made of.
#[derive(Clone, Copy)]
pub(crate) struct Letter {
    /// Lowercase letter without tone: 'â' for 'Ấ', 'đ' for 'Đ'.
    pub(crate) base: char,
    pub(crate) tone: u8,
    /// Lowercase ASCII letter without any diacritic: b'a' for 'Ấ'.
    pub(crate) ascii: u8,
}

const LATIN_FIRST: u32 = 0xC0;
const LATIN_LAST: u32 = 0x1B0;
const EXT_FIRST: u32 = 0x1EA0;
const EXT_LAST: u32 = 0x1EF9;
const LATIN_LEN: usize = (LATIN_LAST - LATIN_FIRST + 1) as usize;
const TABLE_LEN: usize = LATIN_LEN + (EXT_LAST - EXT_FIRST + 1) as usize;

const fn table_index(code: u32) -> Option<usize> {
    if code >= LATIN_FIRST && code <= LATIN_LAST {
        Some((code - LATIN_FIRST) as usize)
    } else if code >= EXT_FIRST && code <= EXT_LAST {
        Some(LATIN_LEN + (code - EXT_FIRST) as usize)
    } else {
        None
    }
}

/// Every precomposed Vietnamese letter, both cases, indexed by
/// [`table_index`]: per-character work on the hot path is one array read
/// instead of a Unicode decomposition.
const LETTERS: [Option<Letter>; TABLE_LEN] = {
    let mut table: [Option<Letter>; TABLE_LEN] = [None; TABLE_LEN];
    let mut r = 0;
    while r < TONED.len() {
        let mut t = 0;
        while t < 6 {
            let lower = TONED[r][t] as u32;
            // The capital sits 0x20 below in Latin-1 and 1 below in the
            // Latin Extended blocks (Ă/ă, Ơ/ơ, Ạ/ạ ...).
            let upper = if lower >= 0x100 {
                lower - 1
            } else {
                lower - 0x20
            };
            let letter = Letter {
                base: TONED[r][0],
                tone: t as u8,
                ascii: ROW_ASCII[r],
            };
            if let Some(i) = table_index(lower) {
                table[i] = Some(letter);
            }
            if let Some(i) = table_index(upper) {
                table[i] = Some(letter);
            }
            t += 1;
        }
        r += 1;
    }
    let d = Letter {
        base: 'đ',
        tone: TONE_NONE,
        ascii: b'd',
    };
    if let Some(i) = table_index(0x111) {
        table[i] = Some(d);
    }
    if let Some(i) = table_index(0x110) {
        table[i] = Some(d);
    }
    table
};

/// The parts of a non-ASCII Vietnamese letter in either case.
pub(crate) fn letter(c: char) -> Option<Letter> {
    LETTERS.get(table_index(c as u32)?).copied().flatten()
}

/// Splits a lowercase vowel letter into (untoned vowel, tone).
pub(crate) fn split_tone(c: char) -> Option<(char, u8)> {
    if c.is_ascii() {
        return matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some((c, TONE_NONE));
    }
    letter(c)
        .filter(|l| l.base != 'đ' && c.is_lowercase())
        .map(|l| (l.base, l.tone))
}

/// The lowercase vowel `base` carrying `tone`; `base` itself when it is not a
/// vowel or the tone is out of range.
pub(crate) fn with_tone(base: char, tone: u8) -> char {
    TONED
        .iter()
        .find(|row| row[0] == base)
        .and_then(|row| row.get(tone as usize).copied())
        .unwrap_or(base)
}

pub(crate) fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn is_consonant(c: char) -> bool {
    matches!(
        c,
        'b' | 'c'
            | 'd'
            | 'đ'
            | 'g'
            | 'h'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'v'
            | 'x'
    )
}

/// Longest real syllable is "nghiêng" (7 letters); anything longer is not one.
const MAX_LEN: usize = 8;

/// A word as untoned lowercase letters plus its single tone.
pub(crate) struct Word {
    bases: [char; MAX_LEN],
    len: usize,
    tone: u8,
}

impl Word {
    /// `None` when the word holds a non-Vietnamese letter, more than one tone
    /// mark, or too many letters. Input may be in any case.
    pub(crate) fn parse(word: &str) -> Option<Word> {
        let mut w = Word {
            bases: ['\0'; MAX_LEN],
            len: 0,
            tone: TONE_NONE,
        };
        for c in word.chars() {
            if w.len == MAX_LEN {
                return None;
            }
            let (base, tone) = if c.is_ascii() {
                let c = c.to_ascii_lowercase();
                if is_consonant(c) {
                    (c, TONE_NONE)
                } else {
                    split_tone(c)?
                }
            } else {
                let l = letter(c)?;
                (l.base, l.tone)
            };
            if tone != TONE_NONE {
                if w.tone != TONE_NONE {
                    return None;
                }
                w.tone = tone;
            }
            w.bases[w.len] = base;
            w.len += 1;
        }
        Some(w)
    }

    fn letters(&self) -> &[char] {
        &self.bases[..self.len]
    }

    pub(crate) fn tone(&self) -> u8 {
        self.tone
    }
}

/// Where the onset ends and the coda starts, as indices into the letters.
pub(crate) struct Parts {
    onset_end: usize,
    nucleus_end: usize,
}

fn onset_len(b: &[char]) -> Option<usize> {
    let vowel_at = |i: usize| b.get(i).is_some_and(|&c| is_vowel(c));
    Some(match b {
        [v, ..] if is_vowel(*v) => 0,
        ['n', 'g', 'h', ..] => 3,
        // "gi" before a consonant or at the end is g + vowel i ("gì", "gìn").
        ['g', 'i', ..] if !vowel_at(2) => 1,
        // The u of "qu" belongs to the onset, so a vowel must follow it.
        ['q', 'u', ..] if vowel_at(2) => 2,
        ['q', ..] => return None,
        ['n', 'g' | 'h', ..]
        | ['c' | 'k' | 'p' | 't', 'h', ..]
        | ['g', 'h' | 'i', ..]
        | ['t', 'r', ..] => 2,
        [c, ..] if is_consonant(*c) => 1,
        _ => return None,
    })
}

/// Whether a vowel cluster allows, forbids or needs a final consonant.
#[derive(Clone, Copy, PartialEq)]
enum Coda {
    Optional,
    Never,
    Required,
}

/// The vowel clusters of written Vietnamese, semivowel endings included
/// ("ai", "ươu"), with what each allows after it.
fn nucleus_rule(n: &[char]) -> Option<Coda> {
    Some(match n {
        ['a' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y']
        | ['o', 'a' | 'e']
        | ['u', 'ê' | 'y'] => Coda::Optional,
        ['ă' | 'â']
        | ['i' | 'y', 'ê']
        | ['o', 'ă' | 'o']
        | ['u', 'â' | 'ô']
        | ['ư', 'ơ']
        | ['u', 'y', 'ê'] => Coda::Required,
        ['a', 'i' | 'o' | 'u' | 'y']
        | ['â', 'u' | 'y']
        | ['e', 'o']
        | ['ê', 'u']
        | ['i', 'a' | 'u']
        | ['o' | 'ô' | 'ơ', 'i']
        | ['u', 'a' | 'i' | 'ơ']
        | ['ư', 'a' | 'i' | 'u']
        | ['i' | 'y', 'ê', 'u']
        | ['o', 'a', 'i' | 'y' | 'o']
        | ['o', 'e', 'o']
        | ['u', 'â', 'y']
        | ['u', 'ô', 'i']
        | ['u', 'y', 'a' | 'u']
        | ['ư', 'ơ', 'i' | 'u'] => Coda::Never,
        _ => return None,
    })
}

impl Parts {
    /// Splits a word into onset, nucleus and coda and checks the combination.
    pub(crate) fn of(w: &Word) -> Option<Parts> {
        let b = w.letters();
        let onset_end = onset_len(b)?;
        let nucleus_end = onset_end + b[onset_end..].iter().take_while(|&&c| is_vowel(c)).count();
        let (onset, nucleus, coda) = (
            &b[..onset_end],
            &b[onset_end..nucleus_end],
            &b[nucleus_end..],
        );
        let &first = nucleus.first()?;
        let rule = nucleus_rule(nucleus)?;
        let stop = match coda {
            [] => {
                if rule == Coda::Required {
                    return None;
                }
                false
            }
            _ if rule == Coda::Never => return None,
            ['c'] | ['c', 'h'] | ['p'] | ['t'] => true,
            ['m'] | ['n'] | ['n', 'g'] | ['n', 'h'] => false,
            _ => return None,
        };
        if stop && w.tone != TONE_ACUTE && w.tone != TONE_DOT {
            return None;
        }
        if matches!(coda, [_, 'h'])
            && !matches!(
                nucleus,
                ['a' | 'ê' | 'i' | 'y'] | ['o', 'a'] | ['u', 'ê' | 'y']
            )
        {
            return None;
        }
        // Vietnamese writes "inh"/"ich", never "ing"/"ic".
        if matches!(coda, ['n', 'g'] | ['c']) && matches!(nucleus, ['i'] | ['y']) {
            return None;
        }
        let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
        let needs_front = matches!(onset, ['k'] | ['g', 'h'] | ['n', 'g', 'h']);
        let forbids_front = matches!(onset, ['c'] | ['n', 'g']) || (onset == ['g'] && first != 'i');
        if (needs_front && !front) || (forbids_front && front) {
            return None;
        }
        Some(Parts {
            onset_end,
            nucleus_end,
        })
    }

    /// Index of the letter that carries the tone in the canonical ("new",
    /// kiểu mới) placement: on the vowel with a diacritic (the last one, so
    /// "ươ" → ơ); else on the last vowel when a consonant closes the syllable;
    /// else the second vowel of "oa", "oe", "uy" ("hoà", "khoẻ", "thuý"), the
    /// middle of three vowels ("hoài", "khuya"), or the first of other pairs
    /// ("mùa", "mía", "tài").
    pub(crate) fn tone_index(&self, w: &Word) -> usize {
        let b = w.letters();
        let (start, end) = (self.onset_end, self.nucleus_end);
        let nucleus = &b[start..end];
        if let Some(i) = nucleus
            .iter()
            .rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
        {
            return start + i;
        }
        if end < b.len() {
            return end - 1;
        }
        match nucleus.len() {
            3 => start + 1,
            _ if matches!(nucleus, ['o', 'a' | 'e'] | ['u', 'y']) => start + 1,
            _ => start,
        }
    }
}

/// Whether `word` is one well-formed Vietnamese syllable (any case, any of the
/// accepted tone placements).
pub(crate) fn is_syllable(word: &str) -> bool {
    Word::parse(word).is_some_and(|w| Parts::of(&w).is_some())
}

/// Appends `word` to `out` in lowercase with its tone moved to the canonical
/// position; returns false (appending nothing) when `word` is not a syllable.
pub(crate) fn push_canonical(word: &str, out: &mut String) -> bool {
    let Some(w) = Word::parse(word) else {
        return false;
    };
    let Some(parts) = Parts::of(&w) else {
        return false;
    };
    let at = if w.tone() == TONE_NONE {
        usize::MAX
    } else {
        parts.tone_index(&w)
    };
    for (i, &c) in w.letters().iter().enumerate() {
        out.push(if i == at { with_tone(c, w.tone()) } else { c });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_table_matches_unicode() {
        for row in &TONED {
            for (tone, &lower) in row.iter().enumerate() {
                for c in std::iter::once(lower).chain(lower.to_uppercase()) {
                    if c.is_ascii() {
                        continue;
                    }
                    let l = letter(c).map(|l| (l.base, l.tone, l.ascii));
                    let plain = unicode_normalization::char::decompose_canonical;
                    let mut first = None;
                    plain(c, |d| {
                        first.get_or_insert(d);
                    });
                    let ascii = first.map(|f| f.to_ascii_lowercase() as u8);
                    assert_eq!(l, Some((row[0], tone as u8, ascii.unwrap_or(0))), "{c}");
                }
            }
        }
        assert!(letter('Đ').is_some_and(|l| l.ascii == b'd' && l.base == 'đ'));
        assert!(letter('đ').is_some_and(|l| l.ascii == b'd'));
        for c in ['ç', 'ñ', 'ß', 'Ç', 'ÿ', 'ā', 'ł', 'Ñ', '\u{1EFA}', '\u{BF}'] {
            assert!(letter(c).is_none(), "{c}");
        }
    }

    #[test]
    fn accepts_real_syllables() {
        let words = "nghiêng giường quốc khuya hoài thuở hươu khuyên quỳnh huỳnh oanh xoong gì gìn già \
                     giữa giếng kiên kỳ ghế nghe ếch ích ách người trường đường mường khương bảo thắng \
                     bát xát phố lu sơn hà tà gia phú xuân quang trì bản phiệt hồ sơ đã trả kết quả \
                     hoà hòa thuý thúy khoẻ khỏe qua quý yêu yên y ý ủy ngoẹo xoáy khuấy nguệch uých \
                     việt nam thành minh chào các bạn nguyễn hưu cửa mưa";
        for w in words.split_whitespace() {
            assert!(is_syllable(w), "{w} should be a syllable");
        }
    }

    #[test]
    fn rejects_non_syllables() {
        for w in [
            "café", "ing", "ká", "ce", "ngi", "ghá", "bát̀", "hàt", "xyz", "qa", "â", "iê", "m", "",
            "strength", "ñandú",
        ] {
            assert!(!is_syllable(w), "{w} should not be a syllable");
        }
    }

    #[test]
    fn canonical_tone_positions() {
        let canon = |w: &str| {
            let mut s = String::new();
            assert!(push_canonical(w, &mut s), "{w}");
            s
        };
        for (word, want) in [
            ("hòa", "hoà"),
            ("hoà", "hoà"),
            ("thúy", "thuý"),
            ("khỏe", "khoẻ"),
            ("Hóa", "hoá"),
            ("hòan", "hoàn"),
            ("qúa", "quá"),
            ("gìa", "già"),
            ("gì", "gì"),
            ("mùa", "mùa"),
            ("trừơng", "trường"),
            ("hóai", "hoái"),
            ("thôn", "thôn"),
        ] {
            assert_eq!(canon(word), want, "{word:?}");
        }
    }
}
