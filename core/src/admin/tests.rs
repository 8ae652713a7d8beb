//! Expectations written by hand from the source package's own files
//! (vietnamadminunits 1.0.4: dataset.db, converter_2025.json) and from the
//! official 2025 totals, not from running this code.

use super::*;
use unicode_normalization::UnicodeNormalization;

fn found(m: &Match) -> &Hit {
    match m {
        Match::Found(h) => h,
        other => panic!("expected one unit, got {other:?}"),
    }
}

fn codes(m: &Match) -> Vec<&'static str> {
    m.candidates().iter().map(|h| h.commune.code).collect()
}

#[test]
fn the_data_parses_and_counts_agree_with_the_official_list() {
    let t = data::parse(data::TSV).expect("data parses");
    // Official: 34 provinces, 3,321 communes = 2,621 xã + 687 phường + 13 đặc khu.
    assert_eq!(t.provinces.len(), 34);
    assert_eq!(provinces().len(), 34);
    assert_eq!(communes().len(), 3321);
    let of = |k| communes().iter().filter(|c| c.kind == k).count();
    assert_eq!(
        (of(Kind::Xa), of(Kind::Phuong), of(Kind::DacKhu)),
        (2621, 687, 13)
    );
    // Before the reform: 63 provinces, 696 districts, 10,035 communes, plus
    // the five island districts without communes.
    assert_eq!(old_provinces().len(), 63);
    assert_eq!(t.old_districts.len(), 696);
    let islands = old_communes()
        .iter()
        .filter(|c| c.kind == Kind::District)
        .count();
    assert_eq!(islands, 5);
    assert_eq!(old_communes().len() - islands, 10_035);
    // DICT_PROVINCE_WARD_DIVIDED holds 471 old communes.
    assert_eq!(old_communes().iter().filter(|c| c.is_split()).count(), 471);
    // Every new commune is where at least one old one went, and every
    // province code of a commune is a province.
    let mut reached = vec![false; communes().len()];
    for c in old_communes() {
        for &i in &c.into {
            reached[i as usize] = true;
        }
        assert!(c.into.contains(&c.default));
    }
    assert!(reached.iter().all(|&r| r));
    for c in communes() {
        assert!(
            provinces().iter().any(|p| p.code == c.province_code),
            "{}",
            c.code
        );
    }
}

#[test]
fn the_shipped_file_stays_small() {
    assert!(data::TSV.len() < 500_000, "{} bytes", data::TSV.len());
}

#[test]
fn provinces_by_name() {
    assert_eq!(province("Thành phố Cần Thơ").map(|p| p.code), Some("92"));
    assert_eq!(province("can tho").map(|p| p.code), Some("92"));
    assert_eq!(province("TP. Cần Thơ").map(|p| p.code), Some("92"));
    assert_eq!(province("TP.HCM").map(|p| p.code), Some("79"));
    assert_eq!(province("Tp Hồ Chí Minh").map(|p| p.code), Some("79"));
    assert_eq!(province("Tỉnh Lào Cai").map(|p| p.code), Some("15"));
    assert_eq!(province("Thanh Hoá").map(|p| p.code), Some("38"));
    assert_eq!(province("Hà Nội").map(Province::short_name), Some("Hà Nội"));
    // Hậu Giang and Hà Giang are no longer provinces.
    assert_eq!(province("Hậu Giang"), None);
    assert_eq!(province("Hà Giang"), None);
    let hg = old_province("Tỉnh Hà Giang").expect("old province");
    assert_eq!((hg.code, hg.new_province_code), ("02", "08"));
    assert_eq!(
        old_province("Sóc Trăng").map(|p| p.new_province_code),
        Some("92")
    );
}

#[test]
fn a_2025_commune_by_its_official_name_and_variants() {
    let m = commune_2025(Some("Cần Thơ"), "Phường Cái Khế");
    let h = found(&m);
    assert_eq!(
        (h.commune.code, h.how, h.province.code),
        ("31120", How::Exact, "92")
    );
    assert_eq!(h.commune.full_name(), "Phường Cái Khế");
    assert!(!h.is_split() && h.old.is_empty());

    // Decomposed (NFD) input: the same unit, no longer character for character.
    let nfd: String = "Phường Cái Khế".nfd().collect();
    let h = found(&commune_2025(Some("Cần Thơ"), &nfd)).commune.code;
    assert_eq!(h, "31120");
    assert_eq!(
        found(&commune_2025(Some("Cần Thơ"), &nfd)).how,
        How::Normalized
    );

    // Type word written, abbreviated, unaccented or absent.
    for (text, how) in [
        ("Xã Trường Thành", How::Exact),
        ("xã  trường thành", How::Normalized),
        ("X. Trường Thành", How::Normalized),
        ("Trường Thành", How::Normalized),
        ("xa Truong Thanh", How::Folded),
        ("Truong Thanh", How::Folded),
    ] {
        let m = commune_2025(Some("Thành phố Cần Thơ"), text);
        let h = found(&m);
        assert_eq!(
            (h.commune.code, h.how, h.kind_differs),
            ("31288", how, false),
            "{text}"
        );
    }
    // Old tone placement («Hoà» for «Hòa»).
    assert_eq!(
        found(&commune_2025(Some("Cần Thơ"), "P. Khánh Hoà"))
            .commune
            .code,
        "31789"
    );
    // A type word that fits no unit of that name is kept, and said.
    let m = commune_2025(Some("Cần Thơ"), "Thị trấn Trường Thành");
    assert_eq!(
        (found(&m).commune.code, found(&m).kind_differs),
        ("31288", true)
    );
    // Numbered names.
    for text in ["Phường Hà Giang 1", "P. Hà Giang 01", "phuong ha giang 1"] {
        assert_eq!(
            found(&commune_2025(None, text)).commune.code,
            "00694",
            "{text}"
        );
    }
    // An old province narrows to the province it went into.
    assert_eq!(
        found(&commune_2025(Some("Hậu Giang"), "Đại Thành"))
            .commune
            .code,
        "31411"
    );
}

#[test]
fn the_same_name_in_several_provinces_is_ambiguous() {
    // Phường An Bình: Gia Lai 23614, Đồng Tháp 29954, Cần Thơ 31150; there
    // are also Xã An Bình in Phú Thọ (05425) and Vĩnh Long (29584).
    assert_eq!(
        codes(&commune_2025(None, "Phường An Bình")),
        ["23614", "29954", "31150"]
    );
    assert_eq!(
        codes(&commune_2025(None, "An Bình")),
        ["05425", "23614", "29584", "29954", "31150"]
    );
    assert_eq!(
        found(&commune_2025(Some("Cần Thơ"), "An Bình"))
            .commune
            .code,
        "31150"
    );
    // Hải Phòng has Xã Cẩm Giang (10888) and Xã Cẩm Giàng (10903): the
    // accents tell them apart; without accents they are ambiguous.
    assert_eq!(
        found(&commune_2025(Some("Hải Phòng"), "Cẩm Giàng"))
            .commune
            .code,
        "10903"
    );
    assert_eq!(
        found(&commune_2025(Some("Hải Phòng"), "Cẩm Giang"))
            .commune
            .code,
        "10888"
    );
    let m = commune_2025(Some("Hải Phòng"), "Cam Giang");
    assert_eq!(codes(&m), ["10888", "10903"]);
    assert!(m.candidates().iter().all(|h| h.how == How::Folded));
    // Thái Nguyên has a Xã Cẩm Giàng too (02008).
    assert_eq!(
        codes(&commune_2025(None, "Xã Cẩm Giàng")),
        ["02008", "10903"]
    );
}

#[test]
fn unknown_names_and_areas_are_said() {
    assert!(matches!(
        commune_2025(None, "Xã Không Có Thật"),
        Match::Unknown
    ));
    assert!(matches!(commune_2025(None, ""), Match::Unknown));
    assert!(matches!(commune_2025(None, "Xã"), Match::Unknown));
    // Cái Khế is in Cần Thơ, not in Lào Cai.
    assert!(matches!(
        commune_2025(Some("Lào Cai"), "Cái Khế"),
        Match::Unknown
    ));
    assert!(matches!(
        commune_2025(Some("Atlantis"), "Cái Khế"),
        Match::UnknownArea {
            area: Area::Province,
            ..
        }
    ));
    assert!(matches!(
        crosswalk(Some("Cần Thơ"), Some("Huyện Không Có"), "An Hòa"),
        Match::UnknownArea {
            area: Area::District,
            ..
        }
    ));
    assert!(matches!(
        crosswalk(Some("Sóc Trăng"), None, "Xã Không Có Thật"),
        Match::Unknown
    ));
}

#[test]
fn old_communes_of_can_tho_hau_giang_and_soc_trang_go_to_new_can_tho() {
    // DICT_PROVINCE_WARD_NO_DIVIDED["thanhphocantho"]["phuongcaikhe"] holds
    // thanhphocantho_quanninhkieu_phuonganhoa (old code 31120).
    let m = crosswalk(
        Some("Thành phố Cần Thơ"),
        Some("Quận Ninh Kiều"),
        "Phường An Hòa",
    );
    let h = found(&m);
    assert_eq!(
        (h.commune.code, h.province.code, h.how),
        ("31120", "92", How::Exact)
    );
    assert_eq!(h.commune.full_name(), "Phường Cái Khế");
    assert_eq!(h.old.len(), 1);
    assert_eq!(
        (h.old[0].code, h.old[0].district),
        ("31120", "Quận Ninh Kiều")
    );
    assert!(!h.is_split());
    // ["phuongdaithanh"] holds tinhhaugiang_thanhphongabay_phuonghieploi.
    let m = crosswalk(Some("Hậu Giang"), Some("TP Ngã Bảy"), "P. Hiệp Lợi");
    assert_eq!(found(&m).commune.code, "31411");
    assert_eq!(found(&m).old[0].province, "Tỉnh Hậu Giang");
    // The new province's name finds the old commune as well.
    assert_eq!(
        found(&crosswalk(Some("Cần Thơ"), None, "Hiệp Lợi"))
            .commune
            .code,
        "31411"
    );
    // ["phuongkhanhhoa"] holds tinhsoctrang_thixavinhchau_xahoadong.
    let m = crosswalk(
        Some("Tỉnh Sóc Trăng"),
        Some("Thị xã Vĩnh Châu"),
        "Xã Hòa Đông",
    );
    let h = found(&m);
    assert_eq!((h.commune.code, h.commune.kind), ("31789", Kind::Phuong));
    assert_eq!(h.commune.full_name(), "Phường Khánh Hòa");
    // Xã Hòa Đông also existed in Krông Pắc (Đắk Lắk): without a province
    // the two go different ways.
    let m = crosswalk(None, None, "Xã Hòa Đông");
    assert_eq!(m.candidates().len(), 2);
    assert!(m.candidates().iter().any(|h| h.commune.code == "31789"));
}

#[test]
fn a_split_old_commune_takes_the_packages_default_and_is_flagged() {
    // DICT_PROVINCE_WARD_DIVIDED["thanhphocantho"]
    //   ["thanhphocantho_quanbinhthuy_phuongbuihuunghia"]:
    //   phuongbinhthuy (default), phuongcaikhe.
    let m = crosswalk(Some("Cần Thơ"), Some("Bình Thủy"), "Bùi Hữu Nghĩa");
    let h = found(&m);
    assert!(h.is_split());
    assert_eq!(h.commune.code, "31168");
    assert_eq!(h.commune.full_name(), "Phường Bình Thủy");
    let into: Vec<&str> = h.split_into.iter().map(|c| c.code).collect();
    assert_eq!(into, ["31120", "31168"]);
    assert!(h.old[0].is_split());
    assert_eq!(h.old[0].new_commune().code, "31168");
}

#[test]
fn numbered_old_wards_need_their_district() {
    // 33 old communes were called «Phường 1»; in Quận 3 of Hồ Chí Minh it
    // went into Phường Bàn Cờ (27154), in Quận 5 into Phường Chợ Quán (27301).
    let m = crosswalk(Some("Hồ Chí Minh"), None, "Phường 1");
    assert!(m.candidates().len() > 5, "{m:?}");
    for (district, ward) in [
        ("Quận 3", "Phường 1"),
        ("Q.3", "P.1"),
        ("q3", "P1"),
        ("Quận 03", "phường 01"),
    ] {
        let m = crosswalk(Some("TP.HCM"), Some(district), ward);
        assert_eq!(found(&m).commune.code, "27154", "{district} {ward}");
    }
    assert_eq!(
        found(&crosswalk(Some("HCM"), Some("Quận 5"), "P. 1"))
            .commune
            .code,
        "27301"
    );
    // Phường 4 of Quận 3 was split: Bàn Cờ (default) and Xuân Hòa (27139).
    let h = crosswalk(Some("Hồ Chí Minh"), Some("Quận 3"), "Phường 4");
    let h = found(&h);
    assert_eq!(h.commune.code, "27154");
    assert_eq!(
        h.split_into.iter().map(|c| c.code).collect::<Vec<_>>(),
        ["27139", "27154"]
    );
}

#[test]
fn an_island_district_without_communes_answers_to_its_name() {
    let m = crosswalk(None, None, "Huyện Côn Đảo");
    let h = found(&m);
    assert_eq!(
        (h.commune.code, h.commune.kind, h.province.code),
        ("26732", Kind::DacKhu, "79")
    );
    assert_eq!(
        found(&crosswalk(Some("Bà Rịa - Vũng Tàu"), None, "Côn Đảo"))
            .commune
            .code,
        "26732"
    );
}

#[test]
fn a_match_serialises_with_its_status() {
    let m = crosswalk(Some("Cần Thơ"), Some("Bình Thủy"), "Bùi Hữu Nghĩa");
    let v = serde_json::to_value(&m).expect("json");
    assert_eq!(v["status"], "found");
    assert_eq!(v["commune"]["code"], "31168");
    assert_eq!(v["how"], "normalized");
    assert_eq!(v["split_into"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        serde_json::to_value(Match::Unknown).expect("json")["status"],
        "unknown"
    );
}
