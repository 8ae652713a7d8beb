//! Writes the seeded benchmark datasets (tests/bench/, BENCHMARKS.md).
//!
//! Run: `cargo run --release -p thonso-core --example gen_bench -- OUTDIR`
//! (the bench harness uses tests/bench/data, which is git-ignored).
//!
//! Files:
//! - `dossiers_100k.xlsx`   100,000 dossiers × 9 columns, date cells
//! - `dossiers_1m.csv`      1,000,000 dossiers × 9 columns, "dd/mm/yyyy hh:mm" text (~130 MB)
//! - `villages_63619.xlsx`  63,619 villages × (Xã, Thôn, 17 indicators)
//! - `villages_63619.csv`   the same table as CSV (for DuckDB, which reads no xlsx)
//! - `villages_2000.xlsx`   2,000 villages, for the what-if slider
//!
//! Everything flows from fixed seeds through SplitMix64: the bytes are the
//! same on every run and platform. A `STAMP` file records the generator
//! version; when it matches and every file exists, nothing is rewritten
//! (pass `--force` to regenerate).

use rust_xlsxwriter::{Format, Workbook};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Bump when any output changes, so stale data is regenerated.
const GEN_VERSION: &str = "gen_bench v1";
const SEED_DOSSIERS: u64 = 0x7468_6f6e_736f_0001;
const SEED_VILLAGES: u64 = 0x7468_6f6e_736f_0002;
const N_XLSX: usize = 100_000;
const N_CSV: usize = 1_000_000;
const N_VILLAGES: usize = 63_619;
const N_COMMUNES_NATION: usize = 2_634;
const N_WHATIF: usize = 2_000;

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Approximately normal (Irwin–Hall, 4 terms).
    fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum::<f64>() - 2.0;
        mean + sd * s * (3.0f64).sqrt()
    }
}

// ---------------------------------------------------------------- dates --

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Monday … 6 = Sunday.
fn weekday(day: i32) -> i32 {
    (day + 3).rem_euclid(7)
}

fn add_weekdays(mut day: i32, mut k: i32) -> i32 {
    while k > 0 {
        day += 1;
        if weekday(day) < 5 {
            k -= 1;
        }
    }
    day
}

/// A moment: day number and minutes after midnight.
#[derive(Clone, Copy)]
struct At(i32, u32);

impl At {
    fn excel(self) -> f64 {
        // Excel's 1900 system: serial 25569 is 1970-01-01.
        f64::from(self.0 + 25_569) + f64::from(self.1) / 1440.0
    }
    fn text(self, out: &mut String) {
        let (y, m, d) = civil_from_days(self.0);
        let _ = write!(out, "{d:02}/{m:02}/{y} {:02}:{:02}", self.1 / 60, self.1 % 60);
    }
}

// ---------------------------------------------------------- vocabulary --

/// (field, procedure, legal deadline in working days). 50 procedures.
const PROCEDURES: &[(&str, &str, i32)] = &[
    ("Hộ tịch", "Đăng ký khai sinh", 1),
    ("Hộ tịch", "Đăng ký khai tử", 1),
    ("Hộ tịch", "Đăng ký kết hôn", 1),
    ("Hộ tịch", "Đăng ký lại khai sinh", 5),
    ("Hộ tịch", "Đăng ký lại kết hôn", 5),
    ("Hộ tịch", "Đăng ký nhận cha, mẹ, con", 3),
    ("Hộ tịch", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", 3),
    ("Hộ tịch", "Đăng ký giám hộ", 3),
    ("Hộ tịch", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3),
    ("Hộ tịch", "Cấp Giấy xác nhận tình trạng hôn nhân", 3),
    ("Hộ tịch", "Cấp bản sao Trích lục hộ tịch", 1),
    ("Hộ tịch", "Liên thông khai sinh, thường trú, cấp thẻ BHYT trẻ dưới 6 tuổi", 5),
    ("Chứng thực", "Chứng thực bản sao từ bản chính", 0),
    ("Chứng thực", "Chứng thực chữ ký trong giấy tờ, văn bản", 0),
    ("Chứng thực", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản", 2),
    ("Chứng thực", "Chứng thực văn bản thỏa thuận phân chia di sản", 2),
    ("Chứng thực", "Chứng thực việc sửa đổi, bổ sung hợp đồng, giao dịch", 2),
    ("Chứng thực", "Cấp bản sao có chứng thực từ bản chính hợp đồng", 2),
    ("Đất đai", "Đăng ký biến động quyền sử dụng đất", 10),
    ("Đất đai", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 20),
    ("Đất đai", "Chuyển mục đích sử dụng đất", 15),
    ("Đất đai", "Tách thửa hoặc hợp thửa đất", 15),
    ("Đất đai", "Đính chính Giấy chứng nhận đã cấp", 10),
    ("Đất đai", "Xóa đăng ký thế chấp quyền sử dụng đất", 3),
    ("Đất đai", "Hòa giải tranh chấp đất đai", 30),
    ("Bảo trợ xã hội", "Trợ cấp xã hội hằng tháng", 7),
    ("Bảo trợ xã hội", "Hỗ trợ chi phí mai táng", 3),
    ("Bảo trợ xã hội", "Xác định, xác định lại mức độ khuyết tật", 25),
    ("Bảo trợ xã hội", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở", 10),
    ("Người có công", "Thủ tục giải quyết chế độ mai táng phí", 5),
    ("Người có công", "Cấp giấy xác nhận thân nhân liệt sĩ", 10),
    ("Hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3),
    ("Hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3),
    ("Hộ kinh doanh", "Tạm ngừng kinh doanh, tiếp tục kinh doanh", 3),
    ("Hộ kinh doanh", "Chấm dứt hoạt động hộ kinh doanh", 3),
    ("Xây dựng", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
    ("Xây dựng", "Cấp giấy phép sửa chữa, cải tạo công trình", 15),
    ("Nông nghiệp", "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", 10),
    ("Nông nghiệp", "Phê duyệt kế hoạch khuyến nông địa phương", 15),
    ("Văn hóa", "Xét tặng danh hiệu Gia đình văn hóa", 5),
    ("Văn hóa", "Xét tặng Giấy khen Khu dân cư văn hóa", 5),
    ("Giáo dục", "Chuyển trường đối với học sinh tiểu học", 3),
    ("Giáo dục", "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú", 10),
    ("Y tế", "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 5),
    ("Tư pháp", "Thủ tục thực hiện hòa giải viên", 5),
    ("Tôn giáo", "Đăng ký sinh hoạt tôn giáo tập trung", 20),
    ("Thi đua khen thưởng", "Tặng Giấy khen của Chủ tịch UBND cấp xã", 20),
    ("Nội vụ", "Xác nhận hợp đồng tiếp cận nguồn gen", 10),
    ("Lao động", "Đăng ký hợp đồng lao động cho người giúp việc gia đình", 5),
    ("Môi trường", "Đăng ký kế hoạch bảo vệ môi trường", 10),
];

/// Relative frequency of each procedure (birth, certified copies dominate).
fn procedure_weights() -> Vec<u32> {
    PROCEDURES
        .iter()
        .enumerate()
        .map(|(i, (field, _, _))| match (*field, i) {
            (_, 0) | (_, 12) => 120,
            ("Hộ tịch", _) | ("Chứng thực", _) => 40,
            ("Đất đai", _) | ("Hộ kinh doanh", _) => 20,
            _ => 6,
        })
        .collect()
}

const SYL_A: &[&str] = &[
    "Sơn", "Phú", "Xuân", "Gia", "Bảo", "Thái", "Tân", "Vĩnh", "Phong", "Bình", "Hòa", "Thanh", "Trung", "Đông", "Nam", "Tây",
    "Minh", "Quang", "Cẩm", "Kim", "Long", "Hưng", "Thuận", "Mường", "Bản", "Nậm", "Tả", "Võ", "Lương", "Yên", "Châu", "Lạc",
    "Hợp", "Thịnh", "Định", "Tiên", "Đại", "Hoàng", "Ngọc", "Phúc",
];
const SYL_B: &[&str] = &[
    "Hà", "Thành", "Lộc", "Phú", "Tiến", "Thắng", "An", "Hải", "Hưng", "Sơn", "Lâm", "Khương", "Lu", "Nhuận", "Quang", "Mỹ",
    "Trì", "Cường", "Tân", "Hồng", "Xuân", "Đức", "Yên", "Linh", "Bình", "Khánh", "Thọ", "Hiệp", "Lợi", "Vinh", "Chải", "Pắc",
    "Dương", "Phong", "Tiên", "Hòa", "Nghĩa", "Trung", "Long", "Sáng",
];
const VILLAGE_PREFIX: &[&str] = &["Thôn", "Bản", "Tổ dân phố", "Làng", "Xóm", ""];

/// Distinct commune names (two syllables, a third one when needed).
fn commune_names(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut name = format!("{} {}", SYL_A[rng.below(SYL_A.len())], SYL_B[rng.below(SYL_B.len())]);
        if seen.contains(&name) {
            name = format!("{} {}", name, SYL_B[rng.below(SYL_B.len())]);
        }
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// Village names within one commune: "Tà Hà 1", "Thôn 3", "Bản Nà Lang"…
fn village_name(commune: &str, k: usize, rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{} {}", commune, k + 1),
        1 => format!("{} {}", VILLAGE_PREFIX[rng.below(3)], k + 1),
        _ => {
            let p = VILLAGE_PREFIX[rng.below(VILLAGE_PREFIX.len())];
            let n = format!("{} {} {}", SYL_A[rng.below(SYL_A.len())], SYL_B[rng.below(SYL_B.len())], k + 1);
            if p.is_empty() {
                n
            } else {
                format!("{p} {n}")
            }
        }
    }
}

// ------------------------------------------------------------- dossiers --

const DOSSIER_HEADERS: [&str; 9] =
    ["Mã hồ sơ", "Tên thủ tục", "Lĩnh vực", "Xã", "Thôn", "Hình thức nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả"];
const CHANNELS: [&str; 3] = ["Trực tuyến", "Trực tiếp", "Bưu chính công ích"];

struct Dossier {
    id: String,
    procedure: usize,
    commune: usize,
    village: usize,
    channel: usize,
    received: At,
    due: At,
    completed: Option<At>,
}

struct DossierGen {
    rng: Rng,
    weights: Vec<u32>,
    total_weight: u32,
    communes: Vec<String>,
    villages: Vec<Vec<String>>,
    start: i32,
    span: i32,
}

impl DossierGen {
    /// ~100 communes with 8–12 villages each; received 01/01/2023 – 30/06/2025.
    fn new(seed: u64) -> DossierGen {
        let mut rng = Rng(seed);
        let communes = commune_names(100, &mut rng);
        let villages = communes
            .iter()
            .map(|c| {
                let n = 8 + rng.below(5);
                let mut seen = std::collections::HashSet::new();
                (0..n).map(|k| village_name(c, k, &mut rng)).filter(|v| seen.insert(v.clone())).collect()
            })
            .collect();
        let weights = procedure_weights();
        let total_weight = weights.iter().sum();
        let start = days_from_civil(2023, 1, 1);
        let span = days_from_civil(2025, 6, 30) - start + 1;
        DossierGen { rng, weights, total_weight, communes, villages, start, span }
    }

    fn procedure(&mut self) -> usize {
        let mut x = (self.rng.unit() * f64::from(self.total_weight)) as u32;
        for (i, w) in self.weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        self.weights.len() - 1
    }

    fn office_minutes(&mut self) -> u32 {
        // 07:30–11:30 or 13:30–17:00.
        if self.rng.chance(0.6) {
            450 + self.rng.below(240) as u32
        } else {
            810 + self.rng.below(210) as u32
        }
    }

    fn next(&mut self, seq: usize) -> Dossier {
        let procedure = self.procedure();
        let commune = self.rng.below(self.communes.len());
        let village = self.rng.below(self.villages[commune].len());
        // Online share grows over time; postal is rare.
        let mut day = self.start + self.rng.below(self.span as usize) as i32;
        if weekday(day) >= 5 && self.rng.chance(0.9) {
            day -= weekday(day) - 4; // mostly weekdays
        }
        let progress = f64::from(day - self.start) / f64::from(self.span);
        let r = self.rng.unit();
        let channel = if r < 0.25 + 0.35 * progress {
            0
        } else if r < 0.97 {
            1
        } else {
            2
        };
        let received = At(day, self.office_minutes());
        let deadline = PROCEDURES[procedure].2;
        let due = if deadline == 0 {
            if received.1 >= 900 {
                At(add_weekdays(day, 1), 1020)
            } else {
                At(day, 1020)
            }
        } else {
            At(add_weekdays(day, deadline), 1020)
        };
        // Working days actually taken: mostly within the deadline, a tail late.
        let limit = deadline.max(1);
        let taken = if self.rng.chance(0.08) {
            limit + 1 + (self.rng.unit() * self.rng.unit() * 25.0) as i32
        } else {
            (f64::from(limit) * self.rng.unit().powf(0.7)).round() as i32
        };
        let open = self.rng.chance(0.03) || day + taken * 7 / 5 + 2 > self.start + self.span - 1;
        let completed = if open {
            None
        } else {
            let d = add_weekdays(day, taken);
            let min = if d == day { received.1 + 30 + self.rng.below(120) as u32 } else { self.office_minutes() };
            Some(At(d, min.min(1410)))
        };
        let (y, m, dd) = civil_from_days(day);
        let id = format!("H{:02}.{:03}-{:02}{m:02}{dd:02}-{:06}", 10 + commune % 50, commune, y % 100, seq % 1_000_000);
        Dossier { id, procedure, commune, village, channel, received, due, completed }
    }
}

fn write_dossiers_csv(path: &Path, n: usize) -> std::io::Result<()> {
    let mut g = DossierGen::new(SEED_DOSSIERS);
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    out.write_all(DOSSIER_HEADERS.join(",").as_bytes())?;
    out.write_all(b"\n")?;
    let mut line = String::with_capacity(256);
    let quote = |s: &str, line: &mut String| {
        if s.contains(',') || s.contains('"') {
            line.push('"');
            line.push_str(&s.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(s);
        }
    };
    for seq in 0..n {
        let d = g.next(seq);
        line.clear();
        let (field, proc_name, _) = PROCEDURES[d.procedure];
        line.push_str(&d.id);
        line.push(',');
        quote(proc_name, &mut line);
        line.push(',');
        line.push_str(field);
        line.push(',');
        line.push_str(&g.communes[d.commune]);
        line.push(',');
        line.push_str(&g.villages[d.commune][d.village]);
        line.push(',');
        line.push_str(CHANNELS[d.channel]);
        line.push(',');
        d.received.text(&mut line);
        line.push(',');
        d.due.text(&mut line);
        line.push(',');
        if let Some(c) = d.completed {
            c.text(&mut line);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

fn write_dossiers_xlsx(path: &Path, n: usize) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut g = DossierGen::new(SEED_DOSSIERS ^ 0xA5A5);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Hồ sơ")?;
    let bold = Format::new().set_bold();
    let dt = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (c, h) in DOSSIER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for seq in 0..n {
        let d = g.next(seq);
        let r = seq as u32 + 1;
        let (field, proc_name, _) = PROCEDURES[d.procedure];
        ws.write_string(r, 0, &d.id)?;
        ws.write_string(r, 1, proc_name)?;
        ws.write_string(r, 2, field)?;
        ws.write_string(r, 3, &g.communes[d.commune])?;
        ws.write_string(r, 4, &g.villages[d.commune][d.village])?;
        ws.write_string(r, 5, CHANNELS[d.channel])?;
        ws.write_number_with_format(r, 6, d.received.excel(), &dt)?;
        ws.write_number_with_format(r, 7, d.due.excel(), &dt)?;
        if let Some(c) = d.completed {
            ws.write_number_with_format(r, 8, c.excel(), &dt)?;
        }
    }
    ws.set_column_width(1, 48)?;
    for c in 6..9 {
        ws.set_column_width(c, 17)?;
    }
    wb.save(path)
}

// ------------------------------------------------------------- villages --

const INDICATORS: [&str; 17] =
    ["HT1", "HT2", "HT3", "HT4", "CQ1", "CQ2", "CQ3", "CQ4", "KT1", "KT2", "KT3", "KT4", "XH1", "XH2", "XH3", "XH4", "XH5"];
/// Yes/no indicators with the share answering "Có"; the rest are 0–100 with
/// their mean (thresholds of the default framework are 50–100).
fn indicator_model(id: &str) -> (bool, f64) {
    match id {
        "HT2" => (true, 0.93),
        "HT3" => (true, 0.72),
        "CQ1" => (true, 0.85),
        "CQ2" => (true, 0.9),
        "KT3" => (true, 0.45),
        "KT4" => (true, 0.35),
        "XH4" => (true, 0.55),
        "XH5" => (false, 72.0),
        "HT1" | "HT4" | "XH3" => (false, 78.0),
        "CQ3" | "XH2" => (false, 55.0),
        _ => (false, 68.0),
    }
}

enum Cell {
    Num(f64),
    Yes(bool),
    Blank,
}

fn village_rows(n: usize, seed: u64) -> (Vec<(String, String)>, Vec<[Cell; 17]>) {
    let mut rng = Rng(seed);
    let n_communes = ((n as f64) * (N_COMMUNES_NATION as f64) / (N_VILLAGES as f64)).ceil() as usize;
    let communes = commune_names(n_communes, &mut rng);
    let mut names = Vec::with_capacity(n);
    let mut next = vec![0usize; communes.len()];
    let mut seen: Vec<std::collections::HashSet<String>> = vec![Default::default(); communes.len()];
    'outer: loop {
        for (ci, c) in communes.iter().enumerate() {
            // ~24 villages per commune on average.
            let count = 12 + rng.below(25);
            for _ in 0..count {
                let v = village_name(c, next[ci], &mut rng);
                next[ci] += 1;
                if seen[ci].insert(v.clone()) {
                    names.push((c.clone(), v));
                    if names.len() == n {
                        break 'outer;
                    }
                }
            }
        }
    }
    let rows = (0..n)
        .map(|_| {
            let skill = rng.normal(0.0, 8.0); // villages good at one thing tend to be good at others
            std::array::from_fn(|j| {
                let (yes_no, p) = indicator_model(INDICATORS[j]);
                if rng.chance(0.01) {
                    Cell::Blank
                } else if yes_no {
                    Cell::Yes(rng.chance((p + skill / 100.0).clamp(0.0, 1.0)))
                } else {
                    Cell::Num((rng.normal(p + skill, 18.0).clamp(0.0, 100.0) * 10.0).round() / 10.0)
                }
            })
        })
        .collect();
    (names, rows)
}

fn write_villages_xlsx(path: &Path, n: usize, seed: u64) -> Result<(), rust_xlsxwriter::XlsxError> {
    let (names, rows) = village_rows(n, seed);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Thôn")?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "Xã", &bold)?;
    ws.write_string_with_format(0, 1, "Thôn", &bold)?;
    for (j, id) in INDICATORS.iter().enumerate() {
        ws.write_string_with_format(0, 2 + j as u16, *id, &bold)?;
    }
    for (i, ((c, v), cells)) in names.iter().zip(&rows).enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, c)?;
        ws.write_string(r, 1, v)?;
        for (j, cell) in cells.iter().enumerate() {
            let col = 2 + j as u16;
            match cell {
                Cell::Num(x) => {
                    ws.write_number(r, col, *x)?;
                }
                Cell::Yes(b) => {
                    ws.write_string(r, col, if *b { "Có" } else { "Không" })?;
                }
                Cell::Blank => {}
            }
        }
    }
    wb.save(path)
}

fn write_villages_csv(path: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let (names, rows) = village_rows(n, seed);
    let mut s = String::with_capacity(n * 120);
    s.push_str("Xã,Thôn,");
    s.push_str(&INDICATORS.join(","));
    s.push('\n');
    for ((c, v), cells) in names.iter().zip(&rows) {
        let _ = write!(s, "{c},{v}");
        for cell in cells {
            s.push(',');
            match cell {
                Cell::Num(x) => {
                    let _ = write!(s, "{x}");
                }
                Cell::Yes(b) => s.push_str(if *b { "Có" } else { "Không" }),
                Cell::Blank => {}
            }
        }
        s.push('\n');
    }
    std::fs::write(path, s)
}

// ----------------------------------------------------------------- main --

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let force = args.iter().any(|a| a == "--force");
    let dir = PathBuf::from(args.iter().find(|a| !a.starts_with("--")).map(String::as_str).unwrap_or("tests/bench/data"));
    std::fs::create_dir_all(&dir)?;
    let stamp = dir.join("STAMP");
    let files = ["dossiers_100k.xlsx", "dossiers_1m.csv", "villages_63619.xlsx", "villages_63619.csv", "villages_2000.xlsx"];
    let fresh = std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == GEN_VERSION) && files.iter().all(|f| dir.join(f).exists());
    if fresh && !force {
        eprintln!("gen_bench: {} is up to date ({GEN_VERSION})", dir.display());
        return Ok(());
    }
    let _ = std::fs::remove_file(&stamp);
    let t = std::time::Instant::now();
    let step = |name: &str| eprintln!("gen_bench: {name} ({:.1} s)", t.elapsed().as_secs_f64());
    write_dossiers_xlsx(&dir.join(files[0]), N_XLSX)?;
    step(files[0]);
    write_dossiers_csv(&dir.join(files[1]), N_CSV)?;
    step(files[1]);
    write_villages_xlsx(&dir.join(files[2]), N_VILLAGES, SEED_VILLAGES)?;
    step(files[2]);
    write_villages_csv(&dir.join(files[3]), N_VILLAGES, SEED_VILLAGES)?;
    step(files[3]);
    write_villages_xlsx(&dir.join(files[4]), N_WHATIF, SEED_VILLAGES ^ 0x2000)?;
    step(files[4]);
    std::fs::write(&stamp, format!("{GEN_VERSION}\n"))?;
    Ok(())
}
