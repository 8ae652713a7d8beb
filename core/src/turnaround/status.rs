//! Status classes: what a dossier's status word means for the metrics
//! (cli-contract.md, "Status classes"; domain.md §3a "Status words seen").
//!
//! The words and the portal's numeric codes are data (`statuses.json`),
//! extended by the user's own entries, which win. A status word that is in
//! neither is **unknown**: listed with its count, and its dossiers are
//! counted by their dates alone — never given a guessed class.

use crate::text::fold_key;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum StatusClass {
    /// Out of scope: cancelled («Đã hủy»).
    Cancelled,
    /// Out of scope: withdrawn by the applicant («Công dân rút hồ sơ»).
    Withdrawn,
    /// Out of scope: not accepted at intake («Không được tiếp nhận»).
    NotAccepted,
    /// Finished: returned, result ready, or refused after acceptance.
    Finished,
    /// Open, waiting for documents or suspended.
    Paused,
    /// Open.
    Open,
}

impl StatusClass {
    /// The `excluded` key of an out-of-scope class.
    pub fn excluded_reason(self) -> Option<&'static str> {
        match self {
            StatusClass::Cancelled => Some("cancelled"),
            StatusClass::Withdrawn => Some("withdrawn"),
            StatusClass::NotAccepted => Some("not_accepted"),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StatusClass::Cancelled => "cancelled",
            StatusClass::Withdrawn => "withdrawn",
            StatusClass::NotAccepted => "not_accepted",
            StatusClass::Finished => "finished",
            StatusClass::Paused => "paused",
            StatusClass::Open => "open",
        }
    }

    pub fn from_name(s: &str) -> Option<StatusClass> {
        [Self::Cancelled, Self::Withdrawn, Self::NotAccepted, Self::Finished, Self::Paused, Self::Open].into_iter().find(|c| c.name() == s)
    }
}

/// Where a status word's class came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum StatusSource {
    /// The user's own table.
    User,
    /// The built-in word list.
    Table,
    /// A numeric code of the national portal's `TrangThaiHoSo`.
    PortalCode,
    /// Not in any table: counted by dates, listed for the user.
    Unknown,
}

#[derive(Deserialize)]
struct TableFile {
    words: BTreeMap<StatusClass, Vec<String>>,
    portal_codes: BTreeMap<String, StatusClass>,
}

/// The built-in words (folded) and portal codes.
pub struct StatusTable {
    words: HashMap<String, StatusClass>,
    codes: HashMap<String, StatusClass>,
}

impl StatusTable {
    pub fn builtin() -> &'static StatusTable {
        static CELL: OnceLock<StatusTable> = OnceLock::new();
        CELL.get_or_init(|| {
            // Compiled in and parsed by a test, so this cannot fail at run time.
            let file: TableFile = serde_json::from_str(include_str!("statuses.json")).unwrap_or(TableFile { words: BTreeMap::new(), portal_codes: BTreeMap::new() });
            let words = file.words.into_iter().flat_map(|(c, ws)| ws.into_iter().map(move |w| (fold_key(&w), c))).collect();
            StatusTable { words, codes: file.portal_codes.into_iter().collect() }
        })
    }

    /// The class of a status cell. `user` maps folded words to classes and
    /// wins over the built-in table. A whole-cell match first; then the part
    /// before a note in parentheses or after " - " («Đã trả kết quả - Trễ
    /// hạn»); digits alone are a portal code.
    pub fn classify(&self, raw: &str, user: &HashMap<String, StatusClass>) -> (Option<StatusClass>, StatusSource) {
        let key = fold_key(raw);
        if let Some(&c) = user.get(&key) {
            return (Some(c), StatusSource::User);
        }
        if let Some(&c) = self.words.get(&key) {
            return (Some(c), StatusSource::Table);
        }
        let t = raw.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            let code = t.trim_start_matches('0');
            let code = if code.is_empty() { "0" } else { code };
            return match self.codes.get(code) {
                Some(&c) => (Some(c), StatusSource::PortalCode),
                None => (None, StatusSource::Unknown),
            };
        }
        let head = t.split(['(', '[']).next().unwrap_or(t);
        let head = head.split(" - ").next().unwrap_or(head).split(" – ").next().unwrap_or(head);
        let head_key = fold_key(head);
        if head_key != key {
            if let Some(&c) = user.get(&head_key) {
                return (Some(c), StatusSource::User);
            }
            if let Some(&c) = self.words.get(&head_key) {
                return (Some(c), StatusSource::Table);
            }
        }
        (None, StatusSource::Unknown)
    }
}

/// The user's additions, keyed by the status text as shown; folded for
/// lookup. Unknown class names are ignored.
pub fn user_table(entries: &BTreeMap<String, String>) -> HashMap<String, StatusClass> {
    entries.iter().filter_map(|(w, c)| Some((fold_key(w), StatusClass::from_name(c)?))).collect()
}

/// One distinct status value of the file, as the review panel lists it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatusRow {
    pub status: String,
    pub class: Option<StatusClass>,
    pub source: StatusSource,
    pub dossiers: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<StatusClass> {
        StatusTable::builtin().classify(s, &HashMap::new()).0
    }

    #[test]
    fn words_seen_in_real_exports() {
        use StatusClass::*;
        for (w, c) in [
            ("Đã hủy", Cancelled),
            ("Hủy", Cancelled),
            ("ĐÃ HUỶ", Cancelled),
            ("Công dân rút hồ sơ", Withdrawn),
            ("Rút hồ sơ", Withdrawn),
            ("Không được tiếp nhận", NotAccepted),
            ("Từ chối tiếp nhận", NotAccepted),
            ("Đã trả kết quả", Finished),
            ("Hoàn thành", Finished),
            ("Đã có kết quả", Finished),
            ("Đã xử lý xong", Finished),
            ("Từ chối giải quyết", Finished),
            ("Từ chối chuyên ngành", Finished),
            ("Chờ bổ sung", Paused),
            ("Yêu cầu bổ sung", Paused),
            ("Tạm dừng", Paused),
            ("Dừng xử lý", Paused),
            ("Đang xử lý", Open),
            ("Đang giải quyết", Open),
            ("Chờ tiếp nhận", Open),
            ("Mới tiếp nhận", Open),
            ("Đã trả kết quả (trễ hạn)", Finished),
            ("Đã trả kết quả - Trễ hạn", Finished),
        ] {
            assert_eq!(class(w), Some(c), "{w}");
        }
    }

    #[test]
    fn unknown_words_are_never_guessed() {
        // Look like a class but are in no table: the user decides.
        for w in ["Chuyển tiếp", "Hồ sơ lỗi", "Đang xử lý quá hạn ngày", "Trễ hạn", "99"] {
            assert_eq!(StatusTable::builtin().classify(w, &HashMap::new()), (None, StatusSource::Unknown), "{w}");
        }
    }

    #[test]
    fn user_entries_win() {
        let user = user_table(&BTreeMap::from([("Hồ sơ lỗi".to_string(), "cancelled".to_string()), ("Hoàn thành".to_string(), "open".to_string())]));
        let t = StatusTable::builtin();
        assert_eq!(t.classify("hồ sơ lỗi", &user), (Some(StatusClass::Cancelled), StatusSource::User));
        assert_eq!(t.classify("Hoàn thành", &user), (Some(StatusClass::Open), StatusSource::User));
    }
}
