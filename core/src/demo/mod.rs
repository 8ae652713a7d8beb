//! The built-in demo workbook: the Bảo Thắng story of the domain brief §1
//! (Lào Cai, mid-2024). 168 villages in the district's 14 commune-level
//! units, of which exactly 20 meet the default framework (Phố Lu 4, Sơn Hà 3,
//! Gia Phú 2, one in each other unit), a plan sheet, the framework as a
//! criteria sheet, and a dossier sheet whose turnaround falls from 14–20
//! calendar days to about 2 after each recognized village launches its
//! digital service point.
//!
//! The sheets are laid out the way officials draw them (title rows, merged
//! cells, mixed value forms, a totals row) so the demo also exercises intake.

mod generate;
mod model;
#[cfg(test)]
mod tests;

use generate::{Channel, Demo, Village};
use model::{Form, Kind, COMMUNES, INDICATORS, PILLARS, PROCEDURES};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Sheet names, for callers that look a sheet up.
pub const SHEET_VILLAGES: &str = "Thôn";
pub const SHEET_PLAN: &str = "Kế hoạch";
pub const SHEET_FRAMEWORK: &str = "Tiêu chí";
pub const SHEET_DOSSIERS: &str = "Hồ sơ";

/// The built-in demo workbook (.xlsx bytes): deterministic, same bytes every call.
pub fn demo_workbook() -> Result<Vec<u8>, XlsxError> {
    write(&generate::build())
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    center: Format,
    int: Format,
    one_decimal: Format,
    fraction: Format,
    date: Format,
    datetime: Format,
    total_text: Format,
    total_int: Format,
    group: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin).set_font_name("Times New Roman").set_font_size(12);
        Formats {
            title: Format::new().set_bold().set_font_name("Times New Roman").set_font_size(14).set_align(FormatAlign::Center),
            subtitle: Format::new().set_italic().set_font_name("Times New Roman").set_font_size(12).set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xDDEBF7),
            text: cell.clone(),
            center: cell.clone().set_align(FormatAlign::Center),
            int: cell.clone().set_num_format("0"),
            one_decimal: cell.clone().set_num_format("0.0"),
            fraction: cell.clone().set_num_format("0.0%"),
            date: cell.clone().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
            datetime: cell.clone().set_num_format("dd/mm/yyyy hh:mm").set_align(FormatAlign::Center),
            total_text: cell.clone().set_bold().set_align(FormatAlign::Center),
            total_int: cell.clone().set_bold().set_num_format("0"),
            group: cell.set_bold(),
        }
    }
}

fn write(demo: &Demo) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes identical between calls; the
    // default would read the system clock.
    let created = ExcelDateTime::from_ymd(2024, 7, 1)?.and_hms(8, 0, 0)?;
    let properties = DocProperties::new()
        .set_title("Thôn Số — dữ liệu mẫu huyện Bảo Thắng, quý II/2024")
        .set_author("Thôn Số")
        .set_company("Huyện Bảo Thắng, tỉnh Lào Cai (dữ liệu mô phỏng)")
        .set_comment("Dữ liệu mô phỏng để minh họa; tên người là giả định.")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let f = Formats::new();
    villages_sheet(workbook.add_worksheet(), &f, demo)?;
    plan_sheet(workbook.add_worksheet(), &f)?;
    framework_sheet(workbook.add_worksheet(), &f)?;
    dossier_sheet(workbook.add_worksheet(), &f, demo)?;
    workbook.save_to_buffer()
}

/// Columns of the villages sheet after the six fixed ones: every indicator
/// except HT1 (numerator ÷ denominator) and CQ3 (from the dossier sheet).
fn indicator_columns() -> impl Iterator<Item = (usize, &'static model::Indicator)> {
    INDICATORS.iter().enumerate().filter(|(_, ind)| ind.form != Form::Derived)
}

fn excel_date(z: i64) -> Result<ExcelDateTime, XlsxError> {
    let (y, m, d) = generate::ymd(z);
    ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)
}

fn title(sheet: &mut Worksheet, row: u32, last_col: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
    sheet.merge_range(row, 0, row, last_col, text, fmt)?;
    Ok(())
}

fn villages_sheet(sheet: &mut Worksheet, f: &Formats, demo: &Demo) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_VILLAGES)?;
    let ncols = 6 + indicator_columns().count() as u16;
    let last = ncols - 1;
    title(sheet, 0, last, "KẾT QUẢ ĐÁNH GIÁ THÔN CHUYỂN ĐỔI SỐ THÔNG MINH — HUYỆN BẢO THẮNG", &f.title)?;
    title(sheet, 1, last, "Quý II năm 2024", &f.subtitle)?;
    let header_row = 3;
    let fixed = ["STT", "Xã/Thị trấn", "Thôn/TDP", "Ngày ra mắt", "Tổng số hộ", "Số hộ có Internet cáp quang"];
    for (c, h) in fixed.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &f.header)?;
    }
    for (c, (_, ind)) in indicator_columns().enumerate() {
        let unit = if ind.kind == Kind::Percent { " (%)" } else { "" };
        let h = format!("{}. {}{}", ind.id, ind.name, unit);
        sheet.write_string_with_format(header_row, 6 + c as u16, &h, &f.header)?;
    }
    sheet.set_row_height(header_row, 96)?;
    for (c, w) in [5.0, 20.0, 16.0, 12.0, 9.0, 11.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for c in 6..ncols {
        sheet.set_column_width(c, 14)?;
    }
    sheet.set_freeze_panes(header_row + 1, 3)?;

    let mut row = header_row + 1;
    for (n, v) in demo.villages.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &f.center)?;
        sheet.write_string_with_format(row, 1, COMMUNES[v.commune].name, &f.text)?;
        sheet.write_string_with_format(row, 2, v.name, &f.text)?;
        match v.launch {
            Some(z) => sheet.write_datetime_with_format(row, 3, excel_date(z)?, &f.date)?,
            None => sheet.write_blank(row, 3, &f.date)?,
        };
        sheet.write_number_with_format(row, 4, f64::from(v.households), &f.int)?;
        match v.fibre {
            Some(x) => sheet.write_number_with_format(row, 5, f64::from(x), &f.int)?,
            None => sheet.write_blank(row, 5, &f.int)?,
        };
        for (c, (i, ind)) in indicator_columns().enumerate() {
            write_value(sheet, f, row, 6 + c as u16, v, i, ind.form)?;
        }
        row += 1;
    }

    // Totals row, as officials add it; readers must skip it.
    sheet.merge_range(row, 1, row, 2, "Tổng cộng", &f.total_text)?;
    sheet.write_blank(row, 0, &f.total_text)?;
    sheet.write_blank(row, 3, &f.total_text)?;
    let hh: u32 = demo.villages.iter().map(|v| v.households).sum();
    let fibre: u32 = demo.villages.iter().filter_map(|v| v.fibre).sum();
    sheet.write_number_with_format(row, 4, f64::from(hh), &f.total_int)?;
    sheet.write_number_with_format(row, 5, f64::from(fibre), &f.total_int)?;
    for (c, (i, ind)) in indicator_columns().enumerate() {
        let col = 6 + c as u16;
        if ind.kind == Kind::YesNo {
            let yes = demo.villages.iter().filter(|v| v.values[i] == Some(1.0)).count();
            sheet.write_number_with_format(row, col, yes as f64, &f.total_int)?;
        } else {
            sheet.write_blank(row, col, &f.total_int)?;
        }
    }
    Ok(())
}

fn write_value(sheet: &mut Worksheet, f: &Formats, row: u32, col: u16, v: &Village, i: usize, form: Form) -> Result<(), XlsxError> {
    let Some(x) = v.values[i] else {
        sheet.write_blank(row, col, &f.text)?;
        return Ok(());
    };
    let yes = x == 1.0;
    match form {
        Form::CoKhong => sheet.write_string_with_format(row, col, if yes { "Có" } else { "Không" }, &f.center)?,
        Form::DatChuaDat => sheet.write_string_with_format(row, col, if yes { "Đạt" } else { "Chưa đạt" }, &f.center)?,
        Form::Cross if yes => sheet.write_string_with_format(row, col, "x", &f.center)?,
        Form::Cross => sheet.write_blank(row, col, &f.center)?,
        _ if v.as_text[i] => sheet.write_string_with_format(row, col, percent_text(x), &f.center)?,
        Form::Fraction => sheet.write_number_with_format(row, col, (x * 10.0).round() / 1000.0, &f.fraction)?,
        Form::Number | Form::Derived => sheet.write_number_with_format(row, col, x, &f.one_decimal)?,
    };
    Ok(())
}

/// "85,5%" / "90%", as typed on a Vietnamese keyboard.
fn percent_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}%")
    } else {
        format!("{x:.1}%").replace('.', ",")
    }
}

fn plan_sheet(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_PLAN)?;
    title(sheet, 0, 2, "KẾ HOẠCH XÂY DỰNG THÔN CHUYỂN ĐỔI SỐ THÔNG MINH NĂM 2024", &f.title)?;
    title(sheet, 1, 2, "Huyện Bảo Thắng", &f.subtitle)?;
    let header_row = 3;
    for (c, h) in ["STT", "Xã/Thị trấn", "Kế hoạch 2024 (số thôn)"].iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &f.header)?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 26)?;
    sheet.set_column_width(2, 16)?;
    let mut row = header_row + 1;
    for (n, c) in COMMUNES.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &f.center)?;
        sheet.write_string_with_format(row, 1, c.name, &f.text)?;
        sheet.write_number_with_format(row, 2, f64::from(c.planned), &f.int)?;
        row += 1;
    }
    let total: u32 = COMMUNES.iter().map(|c| c.planned).sum();
    sheet.write_blank(row, 0, &f.total_text)?;
    sheet.write_string_with_format(row, 1, "Tổng cộng", &f.total_text)?;
    sheet.write_number_with_format(row, 2, f64::from(total), &f.total_int)?;
    Ok(())
}

fn framework_sheet(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_FRAMEWORK)?;
    title(sheet, 0, 7, "BỘ TIÊU CHÍ THÔN CHUYỂN ĐỔI SỐ THÔNG MINH", &f.title)?;
    let header_row = 2;
    let headers = ["STT", "Mã", "Tên chỉ tiêu", "Đơn vị tính", "Điều kiện", "Ngưỡng", "Trọng số", "Loại (BB/TC)"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &f.header)?;
    }
    for (c, w) in [6.0, 7.0, 60.0, 22.0, 10.0, 9.0, 10.0, 10.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let mut row = header_row + 1;
    let mut stt = 1;
    for (roman, name, from, to) in PILLARS {
        let group = format!("{roman}. {name} ({:02} chỉ tiêu)", to - from);
        sheet.merge_range(row, 0, row, 7, &group, &f.group)?;
        row += 1;
        for ind in &INDICATORS[from..to] {
            sheet.write_number_with_format(row, 0, f64::from(stt), &f.center)?;
            sheet.write_string_with_format(row, 1, ind.id, &f.center)?;
            sheet.write_string_with_format(row, 2, ind.name, &f.text)?;
            sheet.write_string_with_format(row, 3, ind.unit, &f.text)?;
            match ind.kind {
                Kind::Percent => {
                    sheet.write_string_with_format(row, 4, "≥", &f.center)?;
                    sheet.write_number_with_format(row, 5, ind.threshold, &f.int)?;
                }
                Kind::YesNo => {
                    sheet.write_string_with_format(row, 4, "=", &f.center)?;
                    sheet.write_string_with_format(row, 5, "Có", &f.center)?;
                }
            }
            sheet.write_number_with_format(row, 6, ind.weight, &f.int)?;
            sheet.write_string_with_format(row, 7, if ind.mandatory { "BB" } else { "TC" }, &f.center)?;
            row += 1;
            stt += 1;
        }
    }
    Ok(())
}

fn dossier_sheet(sheet: &mut Worksheet, f: &Formats, demo: &Demo) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_DOSSIERS)?;
    let headers = [
        "STT",
        "Mã hồ sơ",
        "Tên thủ tục",
        "Lĩnh vực",
        "Chủ hồ sơ",
        "Xã/Thị trấn",
        "Thôn/TDP",
        "Hình thức nộp",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày có kết quả",
        "Ngày trả kết quả",
        "Trạng thái",
        "Thanh toán trực tuyến",
    ];
    let last = headers.len() as u16 - 1;
    title(sheet, 0, last, "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", &f.title)?;
    title(sheet, 1, last, "Từ ngày 01/10/2023 đến ngày 30/06/2024", &f.subtitle)?;
    let header_row = 3;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &f.header)?;
    }
    let widths = [7.0, 20.0, 44.0, 11.0, 22.0, 20.0, 16.0, 16.0, 17.0, 12.0, 13.0, 13.0, 15.0, 12.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    for (row, (n, d)) in (header_row + 1..).zip(demo.dossiers.iter().enumerate()) {
        let v = &demo.villages[d.village];
        let p = &PROCEDURES[d.procedure];
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &f.center)?;
        sheet.write_string_with_format(row, 1, &d.id, &f.text)?;
        sheet.write_string_with_format(row, 2, p.name, &f.text)?;
        sheet.write_string_with_format(row, 3, p.field, &f.text)?;
        sheet.write_string_with_format(row, 4, &d.applicant, &f.text)?;
        sheet.write_string_with_format(row, 5, COMMUNES[v.commune].name, &f.text)?;
        sheet.write_string_with_format(row, 6, v.name, &f.text)?;
        let channel = match d.channel {
            Channel::Online => "Trực tuyến",
            Channel::InPerson => "Trực tiếp",
            Channel::Postal => "Bưu chính công ích",
        };
        sheet.write_string_with_format(row, 7, channel, &f.text)?;
        let received = excel_date(d.received)?.and_hms((d.received_min / 60) as u16, (d.received_min % 60) as u8, 0)?;
        sheet.write_datetime_with_format(row, 8, received, &f.datetime)?;
        sheet.write_datetime_with_format(row, 9, excel_date(d.due)?, &f.date)?;
        for (col, z) in [(10, d.completed), (11, d.returned)] {
            match z {
                Some(z) => sheet.write_datetime_with_format(row, col, excel_date(z)?, &f.date)?,
                None => sheet.write_blank(row, col, &f.date)?,
            };
        }
        sheet.write_string_with_format(row, 12, d.status, &f.text)?;
        sheet.write_string_with_format(row, 13, if d.paid_online { "Có" } else { "Không" }, &f.center)?;
    }
    Ok(())
}
