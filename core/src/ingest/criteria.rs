//! The header of a criteria (framework) sheet: which folded header texts
//! name an indicator, its target, explanation, code, unit, rule, weight and
//! BB/TC kind, and where those columns are. Intake uses it to classify a
//! sheet as criteria and to count criteria header cells when it looks for
//! a header row; `framework::framework_from_rows` uses the same columns to
//! read the sheet, so a sheet classified as criteria is one it can read.

use crate::text::fold_key;

/// Indicator-name headers («Tên chỉ tiêu», «Tiêu chí», «Nội dung»), folded.
const NAME: &[&str] = &[
    "ten chi tieu",
    "ten tieu chi",
    "tieu chi",
    "chi tieu",
    "noi dung",
    "noi dung chi tieu",
    "noi dung tieu chi",
    "ten chi tieu tieu chi",
    "tieu chi chi tieu",
    "indicator",
    "criterion",
];
/// Target headers («Chỉ tiêu cụ thể», «Mức đạt», «Yêu cầu», «Ngưỡng»…).
const TARGET: &[&str] = &[
    "chi tieu cu the",
    "chi tieu dat",
    "chi tieu can dat",
    "muc dat",
    "muc can dat",
    "muc yeu cau",
    "yeu cau",
    "yeu cau can dat",
    "ket qua can dat",
    "gia tri can dat",
    "nguong",
    "muc tieu",
    "threshold",
    "target",
];
/// Explanation headers: kept as the indicator's explanation, never taken
/// for its name or target («Giải thích chỉ tiêu» holds both words).
const EXPLANATION: &[&str] =
    &["giai thich chi tieu", "giai thich", "dien giai", "huong dan", "mo ta", "cach tinh", "cach xac dinh", "phuong phap tinh", "explanation", "description"];
const ID: &[&str] = &["ma", "ma chi tieu", "ma tieu chi", "ky hieu", "id", "code", "ma so"];
const UNIT: &[&str] = &["don vi tinh", "dvt", "don vi", "unit"];
const RULE: &[&str] = &["dieu kien", "so sanh", "rule", "quy tac"];
const WEIGHT: &[&str] = &["trong so", "diem", "diem toi da", "weight"];
const KIND: &[&str] = &["loai bb tc", "loai", "bb tc", "bat buoc tu chon", "kind"];

/// Where each part of a criteria sheet is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CriteriaColumns {
    pub name: usize,
    pub target: usize,
    pub explanation: Option<usize>,
    pub id: Option<usize>,
    pub unit: Option<usize>,
    pub rule: Option<usize>,
    pub weight: Option<usize>,
    pub kind: Option<usize>,
}

/// First column whose folded header is one of `keys`, else one that starts
/// with a key and a space ("Mức đạt (%)"), skipping columns already taken.
fn find_col(folded: &[String], keys: &[&str], taken: &[usize]) -> Option<usize> {
    let free = |i: &usize| !taken.contains(i);
    for k in keys {
        if let Some(i) = (0..folded.len()).filter(free).find(|&i| folded[i] == *k) {
            return Some(i);
        }
    }
    keys.iter().find_map(|k| (0..folded.len()).filter(free).find(|&i| folded[i].starts_with(k) && folded[i].as_bytes().get(k.len()) == Some(&b' ')))
}

/// The columns of a criteria sheet from its header names, when it has an
/// indicator-name column and a separate target column. Explanation and
/// target columns are claimed first: «Giải thích chỉ tiêu» and «Chỉ tiêu cụ
/// thể» both start like the name header «Chỉ tiêu».
pub fn criteria_columns(names: &[String]) -> Option<CriteriaColumns> {
    // «Chỉ tiêu kế hoạch» is a plan sheet's count, not an indicator name.
    let folded: Vec<String> = names.iter().map(|n| fold_key(n)).map(|f| if f.starts_with("chi tieu ke hoach") { String::new() } else { f }).collect();
    let mut taken = Vec::new();
    let claim = |keys: &[&str], taken: &mut Vec<usize>| {
        let c = find_col(&folded, keys, taken);
        taken.extend(c);
        c
    };
    let explanation = claim(EXPLANATION, &mut taken);
    let target = claim(TARGET, &mut taken);
    let id = claim(ID, &mut taken);
    let unit = claim(UNIT, &mut taken);
    let rule = claim(RULE, &mut taken);
    let weight = claim(WEIGHT, &mut taken);
    let kind = claim(KIND, &mut taken);
    let name = claim(NAME, &mut taken);
    Some(CriteriaColumns { name: name?, target: target?, explanation, id, unit, rule, weight, kind })
}

/// A header cell that only a criteria sheet has: header detection counts
/// it, so a data row whose explanation happens to name dossier columns
/// («Số hồ sơ… / Tổng số hộ») does not win over the real header row.
/// Exact, except that phrases about indicators may run on («Chỉ tiêu cụ thể
/// năm 2025»): a dossier's «Yêu cầu bổ sung» status is not a header.
pub fn is_criteria_header_cell(folded: &str) -> bool {
    let extra: &[&str] = &["don vi tinh", "dvt", "trong so", "ma chi tieu", "loai bb tc", "bb tc"];
    let exact = [NAME, TARGET, EXPLANATION, extra].iter().any(|set| set.contains(&folded));
    exact
        || ["chi tieu ", "tieu chi ", "ten chi tieu ", "giai thich ", "trong so "].iter().any(|p| folded.starts_with(p))
            && !folded.starts_with("chi tieu ke hoach")
}
