//! Static facts of the demo: the default framework as officials tabulate it,
//! the 14 commune-level units of Bảo Thắng (before the 2025 merger), their
//! villages, plans and the launch dates of the 20 recognized villages.

/// How an indicator is judged; mirrors `framework/default.json`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Percent,
    YesNo,
}

/// How a value column is typed in the villages sheet, the way officials do it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Form {
    /// 0–100 with one decimal; a few cells typed as text "85,5%".
    Number,
    /// 0–1 fraction shown with a "0.0%" number format.
    Fraction,
    CoKhong,
    DatChuaDat,
    /// "x" for yes, blank for no.
    Cross,
    /// Not a column of its own (HT1 is numerator ÷ denominator, CQ3 comes
    /// from the dossier sheet).
    Derived,
}

pub(super) struct Indicator {
    pub id: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub threshold: f64,
    pub weight: f64,
    pub mandatory: bool,
    pub form: Form,
}

// One row of the table below; named fields would triple its length.
#[allow(clippy::too_many_arguments)]
const fn ind(
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    threshold: f64,
    weight: f64,
    mandatory: bool,
    form: Form,
) -> Indicator {
    Indicator { id, name, unit, kind, threshold, weight, mandatory, form }
}

use Form::*;
use Kind::*;

pub(super) const HT1: usize = 0;
pub(super) const HT2: usize = 1;
pub(super) const HT3: usize = 2;
pub(super) const HT4: usize = 3;
pub(super) const CQ1: usize = 4;
pub(super) const CQ2: usize = 5;
pub(super) const CQ3: usize = 6;
pub(super) const CQ4: usize = 7;
pub(super) const KT2: usize = 9;
pub(super) const XH1: usize = 12;
pub(super) const XH3: usize = 14;
pub(super) const XH5: usize = 16;
pub(super) const N_IND: usize = 17;

/// Ids, thresholds, weights and BB/TC must stay identical to
/// `framework/default.json`; the tests check the weights sum to 100.
pub(super) const INDICATORS: [Indicator; N_IND] = [
    ind("HT1", "Tỷ lệ hộ có Internet cáp quang", "% hộ", Percent, 80.0, 7.0, false, Derived),
    ind("HT2", "Thôn được phủ sóng 4G/5G", "Có/Không", YesNo, 1.0, 6.0, true, CoKhong),
    ind("HT3", "Nhà văn hóa thôn có wifi miễn phí", "Có/Không", YesNo, 1.0, 5.0, true, CoKhong),
    ind("HT4", "Tỷ lệ người trưởng thành có điện thoại thông minh", "% người trưởng thành", Percent, 80.0, 7.0, false, Number),
    ind("CQ1", "Có Tổ công nghệ số cộng đồng hoạt động", "Có/Không", YesNo, 1.0, 8.0, true, CoKhong),
    ind("CQ2", "Thôn dùng ≥1 nền tảng mạng xã hội để thông tin, tiếp nhận phản ánh", "Có/Không", YesNo, 1.0, 5.0, true, DatChuaDat),
    ind("CQ3", "Tỷ lệ hồ sơ TTHC nộp trực tuyến", "% hồ sơ", Percent, 50.0, 10.0, false, Derived),
    ind("CQ4", "Tỷ lệ người trưởng thành có tài khoản VNeID mức 2", "% người trưởng thành", Percent, 70.0, 7.0, false, Number),
    ind("KT1", "Tỷ lệ người từ 15 tuổi có tài khoản thanh toán", "% người từ 15 tuổi", Percent, 70.0, 8.0, false, Fraction),
    ind("KT2", "Tỷ lệ hộ kinh doanh nhận thanh toán không dùng tiền mặt", "% hộ kinh doanh", Percent, 60.0, 5.0, false, Number),
    ind("KT3", "Có sản phẩm của thôn bán trên sàn TMĐT/mạng xã hội", "Có/Không", YesNo, 1.0, 4.0, false, CoKhong),
    ind("KT4", "Có mô hình ứng dụng công nghệ số trong sản xuất", "Có/Không", YesNo, 1.0, 3.0, false, CoKhong),
    ind("XH1", "Tỷ lệ người trong độ tuổi lao động có kỹ năng số cơ bản", "% người trong độ tuổi lao động", Percent, 70.0, 7.0, false, Number),
    ind("XH2", "Tỷ lệ hộ có điện thoại thông minh tham gia nhóm Zalo của thôn", "% hộ", Percent, 50.0, 5.0, false, Number),
    ind("XH3", "Tỷ lệ dân số có hồ sơ sức khỏe điện tử", "% dân số", Percent, 80.0, 4.0, false, Fraction),
    ind("XH4", "Có camera an ninh nơi công cộng", "Có/Không", YesNo, 1.0, 4.0, false, Cross),
    ind("XH5", "Tỷ lệ hộ được gắn địa chỉ số", "% hộ", Percent, 100.0, 5.0, false, Number),
];

/// Pillar groups in sheet order: Roman numeral, name, first and one-past-last
/// indicator index.
pub(super) const PILLARS: [(&str, &str, usize, usize); 4] = [
    ("I", "Hạ tầng số", 0, 4),
    ("II", "Chính quyền số", 4, 8),
    ("III", "Kinh tế số", 8, 12),
    ("IV", "Xã hội số", 12, 17),
];

pub(super) struct Commune {
    pub name: &'static str,
    pub planned: u32,
    pub villages: &'static [&'static str],
    /// Recognized villages with their launch date (y, m, d) of the village
    /// digital service point.
    pub recognized: &'static [(&'static str, (i32, u32, u32))],
}

/// Towns first, then communes, as district reports list them. Village names
/// are plausible inventions except Tà Hà 1 and Phú Thành 3 (domain brief §1).
/// Tằng Loỏng and Nông trường Phong Hải both have a "Tổ dân phố 1" on
/// purpose: villages are only unique within their commune.
pub(super) const COMMUNES: [Commune; 14] = [
    Commune {
        name: "Phố Lu",
        planned: 2,
        villages: &[
            "Phú Thành 1", "Phú Thành 2", "Phú Thành 3", "Phú Cường 1", "Phú Cường 2", "Phú Long 1",
            "Phú Long 2", "Phú Hà 1", "Phú Hà 2", "Phú Xuân", "Phú Hưng", "Phú Thịnh 1", "Phú Thịnh 2",
            "Phú An", "Phú Bình", "Phú Hòa",
        ],
        recognized: &[
            ("Phú Thành 3", (2024, 1, 10)),
            ("Phú Cường 1", (2024, 1, 23)),
            ("Phú Long 2", (2024, 2, 27)),
            ("Phú Hà 1", (2024, 3, 29)),
        ],
    },
    Commune {
        name: "Tằng Loỏng",
        planned: 1,
        villages: &[
            "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 4", "Tổ dân phố 5", "Tổ dân phố 6",
            "Tổ dân phố 7", "Tổ dân phố 8", "Tổ dân phố 9", "Tổ dân phố 10", "Tổ dân phố 11", "Tổ dân phố 12",
        ],
        recognized: &[("Tổ dân phố 5", (2024, 2, 2))],
    },
    Commune {
        name: "Nông trường Phong Hải",
        planned: 1,
        villages: &[
            "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 4", "Tổ dân phố 5", "Tổ dân phố 6",
            "Tổ dân phố 7", "Tổ dân phố 8", "Tổ dân phố 9", "Tổ dân phố 10",
        ],
        recognized: &[("Tổ dân phố 3", (2024, 4, 12))],
    },
    Commune {
        name: "Bản Cầm",
        planned: 1,
        villages: &["Bản Cầm", "Cốc Ngù", "Nậm Tang", "Nậm Híp", "Cốc Chứ", "Nậm Rịa", "Nậm Sang", "Tân Long", "Kim Sơn"],
        recognized: &[("Bản Cầm", (2024, 4, 9))],
    },
    Commune {
        name: "Bản Phiệt",
        planned: 1,
        villages: &[
            "Bản Phiệt", "Nậm Chủ", "Phìn Giàng", "Cốc Phúng", "Làng Chung", "Na Đông", "Khe Khoai", "Làng Mới",
            "Cốc Tủm", "Nậm Mủ", "Tân Phong",
        ],
        recognized: &[("Na Đông", (2024, 3, 20))],
    },
    Commune {
        name: "Gia Phú",
        planned: 1,
        villages: &[
            "Cóc 1", "Cóc 2", "Bến Phà", "Phú Hùng", "Gia Thượng", "Phú Xuân", "Giao Bình", "Lâm Sản", "Khe Dền",
            "Sơn Hòa", "Gia Lan", "Phú Lương", "Phú Lâm", "Bến Đá",
        ],
        recognized: &[("Gia Thượng", (2024, 1, 30)), ("Phú Hùng", (2024, 4, 16))],
    },
    Commune {
        name: "Phong Niên",
        planned: 1,
        villages: &[
            "Cốc Lầy", "Cầu Xi", "Làng Bu", "Lúc Ẩn", "Tổng Kim Chè", "Trà Chẩu", "Làng Chành", "Cốc Trữ",
            "Phong Niên", "Làng Đền", "Khe Cát", "Làng Thác", "Na Lốc",
        ],
        recognized: &[("Cầu Xi", (2024, 2, 21))],
    },
    Commune {
        name: "Phú Nhuận",
        planned: 1,
        villages: &[
            "Nhuần 1", "Nhuần 2", "Cánh Chín", "Khe Bá", "Làng Ún", "Phú Hợp", "Làng Cũ", "Đồng Tâm", "Tân Lập",
            "Bông 1", "Bông 2", "Khe Quyền",
        ],
        recognized: &[("Làng Cũ", (2024, 3, 12))],
    },
    Commune {
        name: "Sơn Hà",
        planned: 2,
        villages: &[
            "Tà Hà 1", "Tà Hà 2", "Cốc Sâm 1", "Cốc Sâm 2", "Cốc Sâm 3", "Khe Khoang", "Làng Chưng", "Sơn Hà",
            "Khe Luộc", "Làng Ngòi", "Cốc Ổi", "Sơn Thành", "Khe Cam", "Làng Tiến",
        ],
        recognized: &[
            ("Tà Hà 1", (2024, 1, 12)),
            ("Cốc Sâm 1", (2024, 1, 26)),
            ("Làng Chưng", (2024, 3, 1)),
        ],
    },
    Commune {
        name: "Sơn Hải",
        planned: 1,
        villages: &[
            "Tân Thành", "Hải Hà", "Bản Lọt", "Sơn Hải", "Cốc Càng", "Khe Sang", "Làng Hồng", "Phú Sơn", "Tân Hải",
            "Khe Đền",
        ],
        recognized: &[("Hải Hà", (2024, 3, 15))],
    },
    Commune {
        name: "Thái Niên",
        planned: 1,
        villages: &[
            "Làng Lớn", "Bắc Ngầm", "Khe Chom", "Kim Thành", "Làng Cuông", "Múi 1", "Múi 2", "Thái Niên",
            "Làng Mường", "Khe Ngàm", "Đồng Chao", "Cóc Lù", "Làng Dạ",
        ],
        recognized: &[("Bắc Ngầm", (2024, 2, 6))],
    },
    Commune {
        name: "Trì Quang",
        planned: 1,
        villages: &["Trì Thượng", "Nhai Thổ", "Cốc Pục", "Quang Kim", "Khe Chát", "Phú Thịnh", "Tân Quang", "Trì Hạ", "Làng Nhớn"],
        recognized: &[("Nhai Thổ", (2024, 3, 26))],
    },
    Commune {
        name: "Xuân Giao",
        planned: 1,
        villages: &[
            "Bắc Hà", "Lùng Xa", "Cóc Ma", "Đo Nhì", "Hải Quan", "Khe Lếch", "Giao Ninh", "Xuân Lý", "Làng Bạc",
            "Đồng Sơn", "Cóc Sa", "Tân An", "Giao Tiến",
        ],
        recognized: &[("Giao Ninh", (2024, 3, 6))],
    },
    Commune {
        name: "Xuân Quang",
        planned: 1,
        villages: &[
            "Cốc Cù", "Khởi Khe", "Tân Lợi", "Làng Bông", "Pịa 1", "Pịa 2", "Khe Mụ", "Na Vai", "Cốc Tre",
            "Xuân Hà", "Làng Chúng", "Làng Hạc",
        ],
        recognized: &[("Khởi Khe", (2024, 4, 3))],
    },
];

/// Households fixed by the story (domain brief §1); the rest are drawn.
pub(super) const FIXED_HOUSEHOLDS: [(&str, &str, u32); 2] = [("Sơn Hà", "Tà Hà 1", 214), ("Phố Lu", "Phú Thành 3", 120)];

pub(super) struct Procedure {
    pub name: &'static str,
    pub field: &'static str,
    /// Relative frequency.
    pub weight: u32,
}

pub(super) const PROCEDURES: [Procedure; 7] = [
    Procedure { name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản", field: "Chứng thực", weight: 34 },
    Procedure { name: "Đăng ký khai sinh", field: "Hộ tịch", weight: 18 },
    Procedure { name: "Cấp bản sao trích lục hộ tịch", field: "Hộ tịch", weight: 12 },
    Procedure { name: "Chứng thực chữ ký", field: "Chứng thực", weight: 10 },
    Procedure { name: "Xác nhận tình trạng hôn nhân", field: "Hộ tịch", weight: 10 },
    Procedure { name: "Đăng ký kết hôn", field: "Hộ tịch", weight: 9 },
    Procedure { name: "Đăng ký khai tử", field: "Hộ tịch", weight: 7 },
];
pub(super) const CERTIFIED_COPY: usize = 0;

/// Surnames of the Kinh, Tày, Dao and H'Mông families of Lào Cai, with
/// relative frequencies.
pub(super) const SURNAMES: [(&str, u32); 16] = [
    ("Nguyễn", 22), ("Trần", 8), ("Lê", 6), ("Phạm", 6), ("Hoàng", 7), ("Vũ", 4), ("Đỗ", 3), ("Bùi", 3),
    ("Lý", 5), ("Lò", 3), ("Vàng", 4), ("Giàng", 3), ("Đặng", 4), ("Triệu", 4), ("Nông", 4), ("Lương", 3),
];
pub(super) const MIDDLE_MALE: [&str; 6] = ["Văn", "Văn", "Đức", "Minh", "Quang", "Xuân"];
pub(super) const MIDDLE_FEMALE: [&str; 5] = ["Thị", "Thị", "Thị", "Thu", "Ngọc"];
pub(super) const GIVEN_MALE: [&str; 18] = [
    "Hùng", "Dũng", "Tuấn", "Sơn", "Thắng", "Chiến", "Quyết", "Mạnh", "Hải", "Long", "Nam", "Phúc", "Tài",
    "Toàn", "Việt", "Cường", "Khánh", "Bình",
];
pub(super) const GIVEN_FEMALE: [&str; 18] = [
    "Hoa", "Lan", "Mai", "Hương", "Hạnh", "Linh", "Phượng", "Nga", "Thảo", "Dung", "Huyền", "Thủy", "Yến",
    "Loan", "Hằng", "Nhung", "Vân", "Trang",
];

/// Civil-servant weekdays off inside the dossier period (domain brief §3);
/// no dossier is received or completed on them.
pub(super) const DAYS_OFF: [(i32, u32, u32); 10] = [
    (2024, 1, 1), (2024, 2, 8), (2024, 2, 9), (2024, 2, 12), (2024, 2, 13), (2024, 2, 14),
    (2024, 4, 18), (2024, 4, 29), (2024, 4, 30), (2024, 5, 1),
];
