//! The channel a dossier was submitted through (domain brief §3).

use crate::text::fold_key;
use serde::{Deserialize, Serialize};

/// Submission channel of an administrative-procedure dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Channel {
    Online,
    InPerson,
    Postal,
}

/// Phrases, as [`fold_key`] words, naming each channel. Postal is checked
/// first because "nộp trực tiếp qua bưu điện" is a postal submission.
const POSTAL: &[&[&str]] = &[
    &["buu", "chinh"],
    &["bcci"],
    &["buu", "dien"],
    &["buu", "cuc"],
    &["postal"],
    &["post"],
    &["mail"],
];
const ONLINE: &[&[&str]] = &[
    &["truc", "tuyen"],
    &["online"],
    &["dvc"],
    &["dvcqg"],
    &["dvctt"],
    &["dich", "vu", "cong"],
    &["qua", "mang"],
    &["internet"],
    &["e", "service"],
];
const IN_PERSON: &[&[&str]] = &[
    &["truc", "tiep"],
    &["tai", "quay"],
    &["mot", "cua"],
    &["in", "person"],
    &["direct"],
    &["offline"],
    &["tai", "bo", "phan"],
    &["tai", "cho"],
    &["quay"],
    &["walk", "in"],
];

/// Words of a procedure's online level (DVC mức độ 3/4, toàn trình, một phần).
const LEVEL: &[&[&str]] = &[&["toan", "trinh"], &["mot", "phan"], &["muc", "do"]];

/// Channel cells are short; a longer cell is judged on its first words.
const MAX_WORDS: usize = 24;

/// Reads a channel cell: "Trực tuyến", "DVC trực tuyến", "Dịch vụ công trực
/// tuyến", "Trực tuyến toàn trình/một phần", "Online"; "Trực tiếp", "Tại
/// quầy", "Một cửa", "In person", "Direct"; "Bưu chính", "BCCI", "Bưu chính
/// công ích", "Qua bưu điện", "Postal". Case, accents and punctuation are
/// ignored; phrases match whole words only.
pub fn parse_channel(s: &str) -> Option<Channel> {
    let key = fold_key(s);
    let mut words = [""; MAX_WORDS];
    let mut n = 0;
    for (slot, w) in words
        .iter_mut()
        .zip(key.split(' ').filter(|w| !w.is_empty()))
    {
        *slot = w;
        n += 1;
    }
    let words = &words[..n];
    let has = |phrases: &[&[&str]]| {
        phrases
            .iter()
            .any(|p| !p.is_empty() && words.windows(p.len()).any(|w| w == *p))
    };
    // «Toàn trình», «Một phần», «Mức độ 3/4» describe the procedure's online
    // level, not how this dossier came in (domain.md §3a): without a channel
    // word beside them they name no channel.
    if has(LEVEL) && !has(&[&["truc", "tuyen"], &["truc", "tiep"], &["online"]]) {
        return None;
    }
    if has(POSTAL) {
        Some(Channel::Postal)
    } else if has(ONLINE) {
        Some(Channel::Online)
    } else if has(IN_PERSON) {
        Some(Channel::InPerson)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn channels() {
        let cases = [
            ("Trực tuyến", Channel::Online),
            ("DVC trực tuyến", Channel::Online),
            ("Dịch vụ công trực tuyến", Channel::Online),
            ("Online", Channel::Online),
            ("Trực tuyến toàn trình", Channel::Online),
            ("Trực tuyến một phần", Channel::Online),
            ("TRỰC TUYẾN", Channel::Online),
            ("Trực tiếp", Channel::InPerson),
            ("Tại quầy", Channel::InPerson),
            ("Một cửa", Channel::InPerson),
            ("Bộ phận một cửa", Channel::InPerson),
            ("In person", Channel::InPerson),
            ("in-person", Channel::InPerson),
            ("Direct", Channel::InPerson),
            ("Bưu chính", Channel::Postal),
            ("BCCI", Channel::Postal),
            ("Bưu chính công ích", Channel::Postal),
            ("Qua bưu điện", Channel::Postal),
            ("Postal", Channel::Postal),
        ];
        for (s, want) in cases {
            assert_eq!(parse_channel(s), Some(want), "{s}");
            let nfd: String = s.nfd().collect();
            assert_eq!(parse_channel(&nfd), Some(want), "NFD {s}");
        }
        // A procedure's online level is not the dossier's channel.
        for s in ["", "  ", "Khác", "x", "directory", "tuyen", "Toàn trình", "Một phần", "DVC mức độ 4", "Mức độ 3"] {
            assert_eq!(parse_channel(s), None, "{s}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_channel(&s);
        }
    }
}
