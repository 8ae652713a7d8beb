// Vietnamese by default; English on request, remembered in localStorage.
// Text from files is never translated: names stay as the file wrote them.

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'thonso.lang';

const STRINGS = {
  app_title: ['Thôn Số', 'Thôn Số'],
  app_tagline: [
    'Chấm điểm thôn chuyển đổi số và phân tích thời gian giải quyết hồ sơ — chạy hoàn toàn trong trình duyệt, dữ liệu không rời máy bạn.',
    'Score digital-transformation villages and analyse dossier turnaround — runs entirely in your browser; your data never leaves this computer.',
  ],
  skip_to_content: ['Bỏ qua đến nội dung chính', 'Skip to main content'],
  lang_toggle: ['English', 'Tiếng Việt'],
  lang_toggle_label: ['Switch to English', 'Chuyển sang tiếng Việt'],
  nav_label: ['Các phần', 'Sections'],
  tab_data: ['Dữ liệu', 'Data'],
  tab_score: ['Chấm điểm thôn', 'Village scorecard'],
  tab_turnaround: ['Thời gian giải quyết', 'Turnaround'],
  demo_banner: [
    'Bạn đang xem dữ liệu mẫu (huyện Bảo Thắng, Lào Cai, 2024).',
    'You are looking at demo data (Bảo Thắng district, Lào Cai, 2024).',
  ],
  use_your_file: ['Dùng tệp của bạn', 'Use your own file'],
  current_file: ['Tệp đang xem', 'Current file'],
  demo_file: ['Dữ liệu mẫu', 'Demo data'],
  drop_title: ['Thả tệp Excel, ODS hoặc CSV vào đây', 'Drop an Excel, ODS or CSV file here'],
  drop_hint: [
    'Tệp được đọc ngay trong trình duyệt này; không có gì được gửi lên mạng.',
    'The file is read right here in this browser; nothing is sent over the network.',
  ],
  choose_file: ['Chọn tệp…', 'Choose a file…'],
  load_demo: ['Mở lại dữ liệu mẫu', 'Reopen the demo data'],
  reading: ['Đang đọc', 'Reading'],
  cancel: ['Hủy', 'Cancel'],
  cancelled: ['Đã hủy đọc tệp. Bạn có thể chọn tệp khác.', 'Reading was cancelled. You can choose another file.'],
  progress_label: ['Tiến độ đọc tệp', 'Reading progress'],
  loaded: ['Đã đọc xong {name}.', 'Finished reading {name}.'],
  error_title: ['Không đọc được tệp', 'The file could not be read'],
  error_where: ['Vị trí', 'Location'],
  error_sheet: ['trang tính “{v}”', 'sheet “{v}”'],
  error_row: ['dòng {v}', 'row {v}'],
  error_column: ['cột {v}', 'column {v}'],
  error_code: ['Mã lỗi', 'Error code'],
  dismiss: ['Đóng', 'Dismiss'],
  engine_version: ['Phiên bản bộ xử lý', 'Engine version'],

  sheets_title: ['Các trang tính trong tệp', 'Sheets in the file'],
  sheets_caption: [
    'Những gì công cụ nhận ra trong tệp: loại bảng, dòng tiêu đề, các cột được ghép và cảnh báo.',
    'What the tool recognized in the file: table kind, header row, matched columns and warnings.',
  ],
  col_sheet: ['Trang tính', 'Sheet'],
  col_kind: ['Loại', 'Kind'],
  col_rows: ['Số dòng', 'Rows'],
  col_header_row: ['Dòng tiêu đề', 'Header row'],
  col_columns: ['Cột nhận ra', 'Columns recognized'],
  col_encoding: ['Sửa mã chữ', 'Encoding repaired'],
  col_warnings: ['Cảnh báo', 'Warnings'],
  kind_villages: ['Danh sách thôn', 'Villages'],
  kind_dossiers: ['Hồ sơ TTHC', 'Dossiers'],
  kind_framework: ['Bộ tiêu chí', 'Criteria'],
  kind_plan: ['Kế hoạch', 'Plan'],
  kind_calendar: ['Lịch nghỉ', 'Calendar'],
  kind_unknown: ['Không rõ', 'Unknown'],
  enc_tcvn3: ['TCVN3 (ABC) → Unicode', 'TCVN3 (ABC) → Unicode'],
  enc_vni: ['VNI → Unicode', 'VNI → Unicode'],
  enc_nfd: ['Chuẩn hóa NFC', 'NFC normalised'],
  enc_none: ['Không', 'None'],
  mapping_show: ['Xem {n} cột', 'Show {n} columns'],
  mapping_header: ['Tiêu đề trong tệp', 'Header in file'],
  mapping_canonical: ['Hiểu là', 'Read as'],
  mapping_type: ['Kiểu', 'Type'],
  not_mapped: ['(bỏ qua)', '(ignored)'],
  mapping_apply: ['Áp dụng và đọc lại', 'Apply and re-read'],
  mapping_hint: [
    'Nếu một cột được hiểu sai, hãy chọn lại ở cột “Hiểu là” rồi bấm “Áp dụng và đọc lại”.',
    'If a column was read wrongly, pick the right meaning under “Read as”, then press “Apply and re-read”.',
  ],
  repaired_cells: ['{n} ô đã sửa', '{n} cells repaired'],
  repaired_show: ['Xem các ô đã sửa', 'Show repaired cells'],
  repaired_from: ['Trong tệp', 'In the file'],
  repaired_to: ['Đọc thành', 'Read as'],
  warnings_show: ['{n} cảnh báo', '{n} warnings'],
  warn_row: ['Dòng', 'Row'],
  warn_column: ['Cột', 'Column'],
  warn_value: ['Giá trị', 'Value'],
  warn_message: ['Vấn đề', 'Problem'],
  warnings_more: ['… và {n} cảnh báo khác (xem trong báo cáo Excel)', '… and {n} more (see the Excel report)'],

  no_villages: [
    'Tệp này không có bảng danh sách thôn để chấm điểm.',
    'This file has no village table to score.',
  ],
  no_dossiers: [
    'Tệp này không có bảng hồ sơ thủ tục hành chính.',
    'This file has no administrative-procedure dossier table.',
  ],
  summary_title: ['Tổng quan', 'Summary'],
  sum_units: ['Thôn, tổ dân phố', 'Villages'],
  sum_recognized: ['Đạt chuẩn', 'Recognized'],
  sum_plan: ['Kế hoạch', 'Plan'],
  sum_vs_plan: ['so với kế hoạch {p}', 'against a plan of {p}'],
  sum_no_plan: ['chưa có kế hoạch', 'no plan given'],
  sum_near: ['Gần đạt', 'Nearly there'],
  sum_coverage: ['Xã có thôn đạt', 'Communes covered'],
  sum_coverage_of: ['trên {n} xã', 'of {n} communes'],
  framework_used: ['Bộ tiêu chí', 'Framework'],

  status_recognized: ['Đạt', 'Recognized'],
  status_near: ['Gần đạt', 'Nearly'],
  status_not_recognized: ['Chưa đạt', 'Not yet'],

  communes_title: ['Theo xã', 'By commune'],
  col_commune: ['Xã', 'Commune'],
  col_village: ['Thôn', 'Village'],
  col_units: ['Số thôn', 'Villages'],
  col_recognized: ['Đạt', 'Recognized'],
  col_plan: ['Kế hoạch', 'Plan'],
  col_vs_plan: ['So với KH', 'Vs plan'],
  col_status: ['Kết quả', 'Status'],
  col_readiness: ['Mức sẵn sàng', 'Readiness'],
  col_failed: ['Chưa đạt', 'Failing'],
  col_detail: ['Chi tiết', 'Detail'],

  villages_title: ['Danh sách thôn', 'Villages'],
  filter_status: ['Kết quả', 'Status'],
  filter_commune: ['Xã', 'Commune'],
  filter_search: ['Tìm thôn', 'Find a village'],
  all: ['Tất cả', 'All'],
  shown_of: ['Hiển thị {a}–{b} trên {n} thôn', 'Showing {a}–{b} of {n} villages'],
  prev_page: ['Trang trước', 'Previous page'],
  next_page: ['Trang sau', 'Next page'],
  sort_by: ['Sắp xếp theo {c}', 'Sort by {c}'],
  none_match: ['Không có thôn nào khớp bộ lọc.', 'No village matches the filters.'],

  detail_title: ['Chi tiết: {v}', 'Detail: {v}'],
  detail_close: ['Đóng chi tiết', 'Close detail'],
  col_indicator: ['Chỉ tiêu', 'Indicator'],
  col_value: ['Giá trị', 'Value'],
  col_needed: ['Cần đạt', 'Needed'],
  col_gap: ['Còn thiếu', 'Gap'],
  col_result: ['Kết quả', 'Result'],
  col_kind_bb: ['Loại', 'Kind'],
  mandatory: ['Bắt buộc', 'Mandatory'],
  optional: ['Tự chọn', 'Optional'],
  passed: ['Đạt', 'Pass'],
  failed: ['Chưa đạt', 'Fail'],
  missing: ['Thiếu số liệu', 'Missing'],
  yes: ['Có', 'Yes'],
  no: ['Không', 'No'],
  pillar_score: ['{p}: {s}/{m}', '{p}: {s}/{m}'],

  one_step_title: ['Chỉ còn một bước', 'One step away'],
  one_step_caption: [
    'Các thôn chỉ còn đúng một chỉ tiêu nữa là đạt chuẩn.',
    'Villages that need exactly one more indicator to be recognized.',
  ],
  one_step_none: ['Không có thôn nào chỉ còn một bước.', 'No village is exactly one step away.'],

  whatif_title: ['Thử điều chỉnh ngưỡng và trọng số', 'What if: adjust thresholds and weights'],
  whatif_caption: [
    'Kéo thanh trượt để xem kết quả thay đổi thế nào. Bộ tiêu chí gốc không bị sửa.',
    'Move a slider to see how the results change. The original framework is not modified.',
  ],
  whatif_threshold: ['Ngưỡng {id}', 'Threshold {id}'],
  whatif_weight: ['Trọng số {id}', 'Weight {id}'],
  whatif_reset: ['Về mặc định', 'Reset to defaults'],
  whatif_changed: ['Đang thử {n} thay đổi: {r} thôn đạt (gốc: {r0}).', 'Trying {n} changes: {r} recognized (original: {r0}).'],
  whatif_none: ['Chưa thay đổi gì.', 'Nothing changed yet.'],

  compare_title: ['So sánh hai kỳ', 'Compare two snapshots'],
  compare_caption: [
    'Chọn tệp của kỳ trước (ví dụ quý I) để so với tệp đang xem.',
    'Choose the earlier snapshot (e.g. Q1) to compare with the current file.',
  ],
  compare_choose: ['Chọn tệp kỳ trước…', 'Choose the earlier file…'],
  compare_clear: ['Bỏ so sánh', 'Stop comparing'],
  compare_summary: [
    'Kỳ trước: {a} thôn đạt. Kỳ này: {b} thôn đạt. Mới đạt: {n}. Không còn đạt: {l}.',
    'Earlier: {a} recognized. Now: {b} recognized. Newly recognized: {n}. No longer recognized: {l}.',
  ],
  col_before: ['Kỳ trước', 'Earlier'],
  col_after: ['Kỳ này', 'Now'],
  col_change: ['Thay đổi', 'Change'],
  compare_none: ['Không thôn nào thay đổi kết quả.', 'No village changed status.'],

  ta_title: ['Thời gian giải quyết hồ sơ', 'Dossier turnaround'],
  ta_as_of: ['Tính đến ngày', 'As of'],
  ta_calendar: ['Lịch làm việc', 'Working calendar'],
  ta_median: ['Trung vị (ngày làm việc)', 'Median (working days)'],
  ta_p90: ['90% hồ sơ xong trong (ngày làm việc)', '90% done within (working days)'],
  ta_km: ['Trung vị Kaplan–Meier (tính cả hồ sơ đang mở)', 'Kaplan–Meier median (counts open dossiers)'],
  ta_on_time: ['Tỷ lệ đúng hạn', 'On-time rate'],
  ta_online: ['Tỷ lệ nộp trực tuyến', 'Online share'],
  ta_open: ['Đang giải quyết', 'Open'],
  ta_online_payment: ['Tỷ lệ thanh toán trực tuyến', 'Paid online'],
  ta_digitised: ['Tỷ lệ số hóa kết quả', 'Results digitised'],
  ta_overdue: ['Đang mở, đã quá hạn', 'Open and overdue'],
  ta_paused: ['Chờ bổ sung / tạm dừng', 'Waiting / suspended'],
  ta_excluded: ['Không tính (hủy, rút, không tiếp nhận)', 'Left out (cancelled, withdrawn, not accepted)'],
  ta_excluded_sub: ['hủy {c} · rút {w} · không tiếp nhận {n}', 'cancelled {c} · withdrawn {w} · not accepted {n}'],
  ta_statuses_title: ['Trạng thái hồ sơ và cách tính', 'Dossier statuses and how they count'],
  ta_statuses_hint: [
    'Hồ sơ đã hủy, công dân rút hoặc không được tiếp nhận không được tính vào chỉ số nào. Trạng thái Thôn Số chưa biết được tính theo ngày tháng; hãy xếp loại để chắc chắn.',
    'Cancelled, withdrawn and not-accepted dossiers are left out of every metric. A status Thôn Số does not know is counted by its dates; classify it to be sure.',
  ],
  ta_status: ['Trạng thái trong tệp', 'Status in the file'],
  ta_status_class: ['Xếp loại', 'Class'],
  ta_status_source: ['Theo', 'From'],
  status_cancelled: ['Hủy (không tính)', 'Cancelled (left out)'],
  status_withdrawn: ['Công dân rút (không tính)', 'Withdrawn (left out)'],
  status_not_accepted: ['Không tiếp nhận (không tính)', 'Not accepted (left out)'],
  status_finished: ['Đã xong', 'Finished'],
  status_paused: ['Chờ bổ sung / tạm dừng (đang mở)', 'Waiting / suspended (open)'],
  status_open: ['Đang xử lý', 'Open'],
  status_unknown: ['Chưa rõ — tính theo ngày', 'Unknown — counted by dates'],
  source_user: ['Bạn chọn', 'You'],
  source_table: ['Bảng trạng thái', 'Status table'],
  source_portal_code: ['Mã Cổng DVC quốc gia', 'National portal code'],
  source_unknown: ['Chưa có trong bảng', 'Not in the table'],
  ta_completion_returned: [
    'Tệp không có cột ngày có kết quả, nên ngày trả kết quả được dùng làm ngày hoàn thành: thời gian giải quyết có thể dài hơn thực tế.',
    'The file has no result-ready date, so the return date stands in for completion: turnaround may look longer than it is.',
  ],
  mapping_reason: ['Lý do', 'Reason'],
  print_unit_commune: ['UBND XÃ {c}', 'PEOPLE\'S COMMITTEE OF {c}'],
  print_unit_blank: ['UBND ……………………', 'PEOPLE\'S COMMITTEE OF ……………'],
  print_title: [
    'BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ CẤP THÔN VÀ TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    'REPORT ON VILLAGE DIGITAL TRANSFORMATION AND ADMINISTRATIVE-PROCEDURE HANDLING',
  ],
  print_as_of: ['Tính đến ngày {d}', 'As of {d}'],
  print_place_date: ['……………, ngày {d} tháng {m} năm {y}', '……………, {d}/{m}/{y}'],
  print_signer: ['NGƯỜI LẬP BÁO CÁO', 'PREPARED BY'],
  print_sign_hint: ['(Ký, ghi rõ họ tên)', '(Signature and full name)'],
  chart_plan_title: ['Thôn đạt chuẩn so với kế hoạch, theo xã', 'Villages recognized against plan, by commune'],
  chart_plan_desc: [
    'Thanh xanh: số thôn đạt; thanh xám: số thôn gần đạt; vạch đỏ: kế hoạch của xã.',
    'Green: villages recognized; grey: nearly; red mark: the commune\'s plan.',
  ],
  chart_plan_x: ['Số thôn', 'Villages'],
  date_placeholder: ['ngày/tháng/năm', 'dd/mm/yyyy'],
  date_hint: ['Gõ ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2024.', 'Type the date as day/month/year, e.g. 30/06/2024.'],
  date_invalid: ['Ngày không hợp lệ: gõ theo dạng ngày/tháng/năm, ví dụ 30/06/2024.', 'Not a valid date: type day/month/year, e.g. 30/06/2024.'],
  banner_read: ['Đã đọc', 'Read'],
  banner_sheet: ['trang «{name}», {what}, {cols} cột', 'sheet "{name}", {what}, {cols} columns'],
  banner_villages: ['{n} thôn', '{n} villages'],
  banner_dossiers: ['{n} hồ sơ', '{n} dossiers'],
  banner_doubtful: ['{n} cột cần xem lại', '{n} columns to check'],
  banner_unknown_status: ['{n} trạng thái chưa rõ', '{n} unknown statuses'],
  banner_returned: ['ngày trả kết quả được dùng làm ngày hoàn thành', 'the return date stands in for completion'],
  banner_review: ['Xem cách đọc tệp', 'Review how the file was read'],
  banner_ignored: ['bỏ qua trang «{name}»: {why}', 'sheet "{name}" left out: {why}'],
  banner_to_turnaround: ['Xem thời gian giải quyết hồ sơ →', 'See dossier turnaround →'],
  banner_to_score: ['Xem chấm điểm thôn →', 'See the village scorecard →'],
  mapping_doubtful: ['cần xem lại', 'check this'],
  mapping_doubtful_count: ['{n} cột cần xem lại', '{n} columns to check'],
  ta_dossiers: ['Tổng số hồ sơ', 'Dossiers'],
  ta_completed: ['Đã có kết quả', 'Completed'],
  ta_days_unit: ['{v} ngày', '{v} days'],
  ta_dist_title: ['Phân bố thời gian giải quyết', 'Distribution of turnaround'],
  ta_dist_desc: [
    'Số hồ sơ đã có kết quả theo số ngày làm việc từ khi nhận đến khi có kết quả.',
    'Completed dossiers by working days from receipt to result.',
  ],
  ta_working_days: ['Ngày làm việc', 'Working days'],
  ta_count: ['Số hồ sơ', 'Dossiers'],
  ta_monthly_title: ['Diễn biến theo tháng', 'Monthly trend'],
  ta_monthly_desc: [
    'Trung vị và phân vị 90 số ngày làm việc, theo tháng tiếp nhận.',
    'Median and 90th percentile of working days, by month received.',
  ],
  ta_month: ['Tháng', 'Month'],
  ta_series_median: ['Trung vị', 'Median'],
  ta_series_p90: ['Phân vị 90', '90th percentile'],
  ta_proc_title: ['Theo thủ tục', 'By procedure'],
  ta_procedure: ['Thủ tục', 'Procedure'],
  ta_ba_title: ['Trước và sau khi thôn có điểm phục vụ', 'Before and after the village service point opened'],
  ta_ba_desc: [
    'Trung vị số ngày làm việc trước và sau ngày ra mắt, theo thôn hoặc xã.',
    'Median working days before and after the launch date, per village or commune.',
  ],
  ta_unit: ['Đơn vị', 'Unit'],
  ta_launch_highlight: [
    'Ở các thôn đã có điểm phục vụ, thời gian giải quyết (trung vị) giảm từ {before} ngày làm việc trước khi ra mắt ({nb} hồ sơ) xuống {after} ngày sau khi ra mắt ({na} hồ sơ).',
    'In villages with a service point, the median turnaround fell from {before} working days before launch ({nb} dossiers) to {after} after launch ({na} dossiers).',
  ],
  ta_launch: ['Ngày ra mắt', 'Launch date'],
  launch_title: ['Ngày ra mắt điểm phục vụ', 'Service point launch dates'],
  launch_hint: [
    'Ngày thôn mở điểm phục vụ công: hồ sơ nhận trước và từ ngày này được so sánh. Ngày trong tệp (cột «Ngày ra mắt») được dùng; ngày bạn nhập thay cho ngày trong tệp của cùng thôn.',
    'The day a village opened its public-service point: dossiers received before it and from it on are compared. Dates in the file («Ngày ra mắt» column) are used; a date you enter replaces the file’s for that village.',
  ],
  launch_source: ['Nguồn', 'Source'],
  launch_from_file: ['Trong tệp', 'In the file'],
  launch_from_user: ['Bạn nhập', 'Entered by you'],
  launch_none: ['Chưa có ngày ra mắt nào: hãy nhập ngày cho một thôn để so sánh trước và sau.', 'No launch dates yet: enter one for a village to compare before and after.'],
  launch_add: ['Lưu ngày ra mắt', 'Save launch date'],
  launch_pick: ['— chọn thôn —', '— choose a village —'],
  launch_pick_missing: ['Hãy chọn một thôn.', 'Choose a village.'],
  launch_remove: ['Xóa ngày ra mắt của {v}', 'Remove the launch date of {v}'],
  launch_remove_short: ['Xóa', 'Remove'],
  launch_detail_none: ['chưa có', 'none yet'],
  launch_no_dossiers: ['Tệp chưa có hồ sơ của thôn này nên chưa so sánh được trước và sau.', 'The file has no dossiers of this village yet, so before and after cannot be compared.'],
  ta_before: ['Trước', 'Before'],
  ta_after: ['Sau', 'After'],
  ta_change: ['Thay đổi (ngày)', 'Change (days)'],
  ta_p_value: ['Kiểm định log-rank (p)', 'Log-rank test (p)'],
  ta_km_short: ['KM', 'KM'],
  ta_days_off_title: ['Lịch đang dùng: ngày nghỉ và ngày làm bù', 'Calendar in use: days off and make-up days'],
  ta_date: ['Ngày', 'Date'],
  ta_reason: ['Lý do', 'Reason'],
  ta_add_day: ['Thêm ngày', 'Add a day'],
  ta_day_kind: ['Loại ngày', 'Kind of day'],
  ta_day_off: ['Ngày nghỉ', 'Day off'],
  ta_make_up: ['Ngày làm bù (thứ Bảy đi làm)', 'Make-up day (a Saturday worked)'],
  ta_working_day: ['Ngày làm việc', 'Working day'],
  ta_workday_entry: ['Làm việc (làm bù, hoặc bỏ một ngày nghỉ)', 'Working (a make-up day, or a day off removed)'],
  ta_source: ['Nguồn', 'Source'],
  ta_culture_day: [
    'Tính Ngày Văn hóa Việt Nam (24/11, từ 2026) là ngày nghỉ',
    'Count Vietnam Culture Day (24 November, from 2026) as a holiday',
  ],
  ta_added_days: ['Ngày bạn đã thêm', 'Days you added'],
  ta_remove: ['Xóa {d}', 'Remove {d}'],
  ta_recompute: ['Tính lại', 'Recompute'],
  ta_group_by: ['Nhóm theo', 'Group by'],
  ta_groups_title: ['Theo nhóm', 'By group'],
  dim_commune: ['Xã', 'Commune'],
  dim_village: ['Thôn', 'Village'],
  dim_channel: ['Kênh nộp', 'Channel'],
  dim_field: ['Lĩnh vực', 'Field'],
  dim_processing_unit: ['Đơn vị xử lý', 'Processing unit'],
  dim_month: ['Tháng tiếp nhận', 'Month received'],
  dim_procedure_name: ['Thủ tục', 'Procedure'],
  chart_table: ['Xem dạng bảng', 'Show as a table'],
  ta_warnings: ['Cảnh báo khi tính', 'Warnings'],

  export_title: ['Xuất báo cáo', 'Export'],
  export_xlsx: ['Tải báo cáo Excel (.xlsx)', 'Download Excel report (.xlsx)'],
  export_csv: ['Tải danh sách thôn (.csv)', 'Download village list (.csv)'],
  print: ['In / Lưu PDF', 'Print / Save as PDF'],
  exporting: ['Đang tạo báo cáo…', 'Preparing the report…'],
  footer_privacy: [
    'Không có dữ liệu nào được gửi đi: trang này không kết nối tới máy chủ nào khác.',
    'No data is sent anywhere: this page connects to no other server.',
  ],
  busy: ['Đang xử lý…', 'Working…'],

  tab_store: ['Lưu trữ', 'Saved work'],
  ws_title: ['Không gian làm việc đã lưu', 'Saved workspaces'],
  ws_caption: [
    'Mỗi tệp bạn mở được lưu trong trình duyệt này cùng các thiết lập (sửa cột, lịch, thử ngưỡng, các kỳ so sánh) và tự mở lại lần sau. Dữ liệu chỉ nằm trên máy này.',
    'Each file you open is saved in this browser with your settings (column fixes, calendar, what-if, snapshots) and reopens next time. The data stays on this computer.',
  ],
  storage_used: ['Đang dùng {used} trên {quota} bộ nhớ trình duyệt dành cho trang này.', 'Using {used} of {quota} of browser storage for this site.'],
  storage_unknown: ['Trình duyệt không cho biết dung lượng đã dùng.', 'The browser does not report storage use.'],
  storage_persisted: [
    'Trình duyệt đã đồng ý giữ dữ liệu này (không tự xóa khi máy thiếu chỗ).',
    'The browser has agreed to keep this data (it will not clear it when space runs low).',
  ],
  storage_not_persisted: [
    'Trình duyệt chưa đồng ý giữ lâu dài; nó có thể xóa dữ liệu khi máy thiếu chỗ. Hãy tải tệp .thonso để sao lưu.',
    'The browser has not agreed to keep this data; it may clear it when space runs low. Download the .thonso file as a backup.',
  ],
  ws_import: ['Nhập tệp .thonso…', 'Import a .thonso file…'],
  ws_none: ['Chưa có không gian làm việc nào. Mở một tệp của bạn để bắt đầu.', 'No workspace yet. Open one of your files to start.'],
  ws_col_name: ['Tên', 'Name'],
  ws_col_updated: ['Lưu lần cuối', 'Last saved'],
  ws_col_size: ['Dung lượng', 'Size'],
  ws_col_actions: ['Thao tác', 'Actions'],
  ws_is_current: ['đang mở', 'open now'],
  ws_kind_share: ['Báo cáo nhận qua liên kết (chỉ xem)', 'Report received by link (read-only)'],
  ws_broken: ['Bị hỏng: không dùng được', 'Damaged: not used'],
  ws_open: ['Mở', 'Open'],
  ws_open_named: ['Mở {name}', 'Open {name}'],
  ws_rename: ['Đổi tên', 'Rename'],
  ws_rename_named: ['Đổi tên {name}', 'Rename {name}'],
  ws_new_name: ['Tên mới cho {name}', 'New name for {name}'],
  ws_save_name: ['Lưu tên', 'Save name'],
  ws_export: ['Tải .thonso', 'Download .thonso'],
  ws_export_named: ['Tải .thonso {name}', 'Download .thonso {name}'],
  ws_delete: ['Xóa', 'Delete'],
  ws_delete_named: ['Xóa {name}', 'Delete {name}'],
  ws_delete_confirm: ['Xác nhận xóa {name}', 'Confirm deleting {name}'],
  snapshots_title: ['Các kỳ đã lưu để so sánh', 'Snapshots kept for comparison'],
  snapshots_none: [
    'Chưa có kỳ nào. Trong “Chấm điểm thôn”, chọn tệp kỳ trước để so sánh; tệp đó được lưu ở đây.',
    'None yet. In “Village scorecard”, choose an earlier file to compare with; it is kept here.',
  ],
  snapshot_compare: ['So sánh với {name}', 'Compare with {name}'],
  snapshot_comparing: ['đang so sánh', 'comparing'],
  snapshot_remove: ['Bỏ kỳ {name}', 'Remove snapshot {name}'],
  save_saved: ['Đã lưu trong trình duyệt lúc {time}', 'Saved in this browser at {time}'],
  save_saving: ['Đang lưu…', 'Saving…'],
  save_error: ['Chưa lưu được thay đổi mới nhất', 'The latest change is not saved'],
  save_demo: ['Dữ liệu mẫu: không lưu', 'Demo data: not saved'],
  save_share: ['Báo cáo chia sẻ', 'Shared report'],
  workspace_label: ['Không gian làm việc', 'Workspace'],
  ws_restored: ['Đã mở lại không gian làm việc “{name}”.', 'Reopened workspace “{name}”.'],
  ws_imported: ['Đã nhập không gian làm việc “{name}”.', 'Imported workspace “{name}”.'],
  ws_deleted: ['Đã xóa “{name}”.', 'Deleted “{name}”.'],
  ws_error_title: ['Không mở được không gian làm việc', 'The workspace could not be opened'],
  store_error_title: ['Không lưu được', 'Could not save'],
  export_thonso: ['Tải không gian làm việc (.thonso)', 'Download workspace (.thonso)'],

  share: ['Chia sẻ', 'Share'],
  share_title: ['Chia sẻ kết quả bằng liên kết', 'Share the results by link'],
  share_caption: [
    'Liên kết chỉ chứa số liệu tổng hợp: kết quả từng thôn, tổng hợp theo xã, các chỉ số thời gian giải quyết. Không có tên người nộp hay mã hồ sơ. Dữ liệu nằm sau dấu # nên không được gửi tới máy chủ nào.',
    "The link holds aggregates only: each village's result, commune totals and turnaround figures. No applicant names or dossier ids. The data sits after the # so it is never sent to any server.",
  ],
  share_making: ['Đang tạo liên kết…', 'Making the link…'],
  share_link_label: ['Liên kết', 'Link'],
  share_qr_full: ['Mã QR chứa đúng liên kết đầy đủ ở trên.', 'The QR code holds the full link above.'],
  share_qr_summary: [
    'Liên kết đầy đủ quá dài để quét, nên mã QR chứa liên kết tóm tắt: số liệu chính, bảng theo xã và thời gian giải quyết (không có danh sách thôn). Gửi liên kết đầy đủ ở trên để xem từng thôn.',
    'The full link is too long to scan, so the QR code holds a summary link: headline numbers, the commune table and turnaround (no village list). Send the full link above for every village.',
  ],
  share_qr_fullscreen: ['Phóng to mã QR', 'Full-screen QR'],
  share_length: ['Độ dài: {n} ký tự', 'Length: {n} characters'],
  share_copy: ['Sao chép liên kết', 'Copy the link'],
  share_copied: ['Đã sao chép.', 'Copied.'],
  share_copy_failed: ['Không sao chép tự động được; liên kết đã được chọn, hãy nhấn Ctrl+C.', 'Could not copy automatically; the link is selected, press Ctrl+C.'],
  share_too_long: [
    'Liên kết dài hơn {max} ký tự: Zalo hoặc tin nhắn có thể cắt mất một phần. Hãy gửi tệp .thonso thay thế.',
    'The link is longer than {max} characters: Zalo or SMS may cut part of it. Send the .thonso file instead.',
  ],
  share_export_instead: ['Tải tệp .thonso để gửi', 'Download the .thonso file to send'],
  share_qr: ['Mã QR của liên kết, để mở trên điện thoại', 'QR code of the link, to open it on a phone'],
  share_qr_too_long: ['Liên kết quá dài để tạo mã QR.', 'The link is too long for a QR code.'],
  share_close: ['Đóng', 'Close'],
  share_merge_label: ['Liên kết để gộp (gửi lên huyện, tỉnh)', 'Link for combining (to send to the district or province)'],
  share_merge_hint: [
    'Liên kết đầy đủ kèm số liệu để cấp trên gộp chính xác kết quả của nhiều xã (trung vị, p90, Kaplan–Meier). Dài hơn liên kết thường.',
    "The full link plus what a district or province needs to combine several communes' results exactly (medians, p90, Kaplan–Meier). Longer than the usual link.",
  ],
  merge_title: ['Gộp nhiều liên kết', 'Combine links'],
  merge_hint: [
    'Dán “liên kết để gộp” của từng xã, mỗi liên kết một dòng, để xem bức tranh chung: thôn của các xã gộp lại, thời gian giải quyết tính chính xác từ số liệu của tất cả.',
    "Paste each commune's “link for combining”, one per line, to see the combined picture: the communes' villages pooled and turnaround computed exactly from all of them.",
  ],
  merge_go: ['Gộp và xem báo cáo', 'Combine and show the report'],
  merge_empty: ['Hãy dán ít nhất một liên kết.', 'Paste at least one link.'],
  merge_error_title: ['Không gộp được các liên kết', 'The links could not be combined'],
  merge_sources: ['Gộp từ {n} liên kết:', 'Combined from {n} links:'],
  merge_source: ['{k}. {file} (tạo lúc {at})', '{k}. {file} (made {at})'],
  merge_conflicts: [
    '{n} thôn có trong nhiều liên kết, được tính một lần theo liên kết đầu tiên:',
    '{n} villages appear in more than one link and are counted once, from the first:',
  ],
  merge_conflict: ['{village} ({commune}): liên kết {links}{diff}', '{village} ({commune}): links {links}{diff}'],
  merge_conflict_diff: [' — kết quả khác nhau', ' — results differ'],
  merge_no_before_after: [
    'Số liệu trước/sau khi ra mắt điểm phục vụ không gộp được (cần ngày ra mắt từng thôn) nên không hiển thị.',
    'Before/after launch figures cannot be combined (they need each village\'s launch date) and are not shown.',
  ],

  sr_title: ['Báo cáo được chia sẻ (chỉ xem)', 'Shared report (read-only)'],
  sr_from: ['Từ tệp {file}, tạo lúc {at}, Thôn Số {app}.', 'From file {file}, made {at}, Thôn Số {app}.'],
  sr_sha: ['SHA-256 của tệp gốc', 'SHA-256 of the source file'],
  sr_readonly: [
    'Đây là bản tổng hợp chỉ để xem: tệp gốc không đi kèm liên kết, nên không sửa hay tính lại được.',
    'This is a read-only summary: the source file does not travel with the link, so it cannot be edited or recomputed.',
  ],
  sr_import: ['Nhập vào không gian làm việc', 'Import into my workspace'],
  sr_imported: ['Đã lưu báo cáo vào mục “Lưu trữ”.', 'The report was saved under “Saved work”.'],
  sr_open_app: ['Mở Thôn Số', 'Open Thôn Số'],
  sr_error_title: ['Không mở được liên kết chia sẻ', 'The share link could not be opened'],
  sr_framework_default: ['giống bộ tiêu chí mặc định', 'the same as the default framework'],
  sr_framework_changed: ['khác mặc định ở {n} chỉ tiêu', 'differs from the default in {n} indicators'],
  sr_pooled: [
    'Ở các thôn đã có điểm phục vụ, trung vị thời gian giải quyết là {before} ngày trước khi ra mắt và {after} ngày sau khi ra mắt.',
    'In villages with a service point, the median turnaround was {before} days before launch and {after} days after.',
  ],
  sr_median_days: ['Trung vị (ngày lịch)', 'Median (calendar days)'],
  sr_title_unit_asof: ['{unit} — tính đến ngày {d}', '{unit} — as of {d}'],
  sr_head_villages: ['thôn đạt chuẩn chuyển đổi số, trên {n} thôn', 'villages recognized, of {n}'],
  sr_head_villages_plan: ['thôn đạt chuẩn chuyển đổi số (kế hoạch {p}), trên {n} thôn', 'villages recognized (plan {p}), of {n}'],
  sr_head_turnaround: ['ngày làm việc: trung vị thời gian giải quyết hồ sơ trước → sau khi thôn ra mắt điểm phục vụ', 'working days: median turnaround before → after the village service point opened'],
  sr_head_median: ['ngày làm việc: trung vị thời gian giải quyết hồ sơ', 'working days: median turnaround'],
  sr_card_line: ['đạt {r}/{n} thôn, gần đạt {near}', '{r} of {n} recognized, {near} nearly'],
  sr_card_plan: ['kế hoạch {p}', 'plan {p}'],
  sr_summary_only: [
    'Đây là liên kết tóm tắt (từ mã QR): không có danh sách từng thôn. Xin người gửi liên kết đầy đủ để xem từng thôn.',
    'This is a summary link (from a QR code): it has no village list. Ask the sender for the full link to see every village.',
  ],
  sr_monthly_desc: ['Trung vị số ngày làm việc, theo tháng tiếp nhận.', 'Median working days, by month received.'],

  offline_ready: ['Trang đã được lưu để dùng cả khi mất mạng.', 'This page is saved for use without a connection.'],
  offline_package: [
    'Tải bản một tệp (thonso-offline.html) cho máy không vào được trang',
    'Download the one-file version (thonso-offline.html) for computers that cannot reach the site',
  ],
  stage_read: ['Đọc tệp', 'Reading the file'],
  stage_analyse: ['Nhận diện trang tính và cột', 'Recognizing sheets and columns'],
  stage_table: ['Đọc giá trị các ô', 'Reading cell values'],
  stage_done: ['Hoàn tất', 'Done'],

  // No silent scenarios, no silent losses (issue 19).
  scenario_banner: ['Đang xem kịch bản giả định: khác mặc định ở {n} chỉ tiêu', 'Viewing a what-if scenario: differs from the defaults in {n} indicators'],
  scenario_ids: ['({ids})', '({ids})'],
  scenario_reset: ['Về mặc định', 'Back to defaults'],
  scenario_ask: [
    'Lần trước bạn đang xem một kịch bản giả định (khác mặc định ở {n} chỉ tiêu: {ids}). Số liệu đang hiển thị theo bộ tiêu chí gốc.',
    'Last time you were viewing a what-if scenario (differs from the defaults in {n} indicators: {ids}). The numbers on show use the original criteria.',
  ],
  scenario_restore: ['Khôi phục kịch bản', 'Restore the scenario'],
  scenario_discard: ['Bỏ kịch bản', 'Discard the scenario'],
  scenario_restored: ['Đã khôi phục kịch bản giả định.', 'The what-if scenario was restored.'],
  scenario_discarded: ['Đã bỏ kịch bản giả định; số liệu theo bộ tiêu chí gốc.', 'The what-if scenario was discarded; the numbers use the original criteria.'],
  scenario_share: [
    'Liên kết này mang kết quả của kịch bản giả định (khác mặc định ở {n} chỉ tiêu), không phải kết quả theo bộ tiêu chí gốc.',
    'This link carries the results of a what-if scenario (differs from the defaults in {n} indicators), not the results under the original criteria.',
  ],
  whatif_badge: ['đang thử {n} thay đổi', '{n} changes in force'],
  sr_scenario_marked: [
    'Đây là KỊCH BẢN GIẢ ĐỊNH: người gửi đã đổi ngưỡng hoặc trọng số của {ids} khi tạo liên kết. Các con số không phải kết quả theo bộ tiêu chí đang áp dụng.',
    'This is a WHAT-IF SCENARIO: the sender changed the threshold or weight of {ids} when making the link. These are not the results under the criteria in force.',
  ],
  sr_scenario: [
    'Báo cáo này dùng bộ tiêu chí khác mặc định ở {n} chỉ tiêu ({ids}): có thể là một kịch bản giả định, không phải kết quả theo bộ tiêu chí chuẩn.',
    'This report uses criteria that differ from the defaults in {n} indicators ({ids}): it may be a what-if scenario, not the result under the standard criteria.',
  ],
  replaced_villages: [
    'Tệp «{file}» chỉ có hồ sơ, không có danh sách thôn, nên phần chấm điểm thôn của «{prev}» không còn hiển thị: mỗi lần Thôn Số phân tích một tệp. «{prev}» vẫn được lưu trong mục «Lưu trữ».',
    'The file “{file}” holds dossiers only, no village list, so the village scorecard of “{prev}” is no longer shown: Thôn Số analyses one file at a time. “{prev}” is still kept under “Saved work”.',
  ],
  replaced_dossiers: [
    'Tệp «{file}» chỉ có danh sách thôn, không có hồ sơ, nên phần thời gian giải quyết hồ sơ của «{prev}» không còn hiển thị: mỗi lần Thôn Số phân tích một tệp. «{prev}» vẫn được lưu trong mục «Lưu trữ».',
    'The file “{file}” holds a village list only, no dossiers, so the dossier turnaround of “{prev}” is no longer shown: Thôn Số analyses one file at a time. “{prev}” is still kept under “Saved work”.',
  ],
  replaced_back: ['Quay lại «{prev}»', 'Back to “{prev}”'],
  not_saved_unrecognized: [
    'Tệp «{name}» không được lưu vào «Lưu trữ»: không nhận ra danh sách thôn hay hồ sơ nào trong tệp. Xem mục «Dữ liệu» để chỉ cho Thôn Số các cột.',
    'The file “{name}” was not kept under “Saved work”: no village list or dossiers were recognized in it. See “Data” to show Thôn Số the columns.',
  ],
  ws_reused: [
    'Tệp này đã có trong «Lưu trữ» («{name}»): đã mở lại không gian làm việc đó thay vì tạo bản trùng.',
    'This file is already under “Saved work” (“{name}”): that workspace was reopened instead of making a duplicate.',
  ],
  share_file_warning: [
    'Trang này đang chạy từ một tệp trên máy (file://), nên liên kết chỉ mở được trên chính máy này: gửi qua Zalo hay mở trên điện thoại sẽ không được. Để chia sẻ, hãy đưa trang lên một trang web, hoặc gửi báo cáo đã xuất (Excel hoặc tệp .thonso).',
    'This page runs from a file on this computer (file://), so the link only opens on this computer: sent by Zalo or opened on a phone it will not work. To share, publish the site, or send an exported report (Excel or the .thonso file).',
  ],
  share_qr_file: ['Không có mã QR: liên kết file:// không mở được trên điện thoại.', 'No QR code: a file:// link does not open on a phone.'],
  ta_series_km: ['Trung vị Kaplan–Meier', 'Kaplan–Meier median'],
  ta_monthly_incomplete_rule: [
    'Tháng có hơn {pct}% số hồ sơ còn đang mở được ghi «chưa đủ» (vòng tròn rỗng): trung vị của tháng đó chỉ tính hồ sơ đã xong nên thấp hơn thực tế; trung vị Kaplan–Meier tính cả hồ sơ đang mở.',
    'Months where more than {pct}% of dossiers are still open are marked “incomplete” (hollow ring): their median counts finished dossiers only, so it reads low; the Kaplan–Meier median counts open ones too.',
  ],
  ta_month_note: ['Ghi chú', 'Note'],
  ta_month_incomplete: ['chưa đủ: còn {n} hồ sơ đang mở', 'incomplete: {n} dossiers still open'],
  ta_monthly_ring: ['Tháng chưa đủ (nhiều hồ sơ đang mở)', 'Incomplete month (many dossiers open)'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof STRINGS;

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'vi' || v === 'en') return v;
  } catch {
    /* storage blocked: fall back to Vietnamese */
  }
  return 'vi';
}

let lang: Lang = initialLang();
const listeners: (() => void)[] = [];

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered, still switched */
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

export function t(key: Key, params?: Record<string, string | number>): string {
  const pair = STRINGS[key];
  let s: string = pair[lang === 'vi' ? 0 : 1];
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Pick the language-appropriate one of a Vietnamese/English pair coming from the core. */
export function pick(vi: string | null | undefined, en: string | null | undefined): string {
  return (lang === 'en' ? en || vi : vi || en) ?? '';
}

export function hasKey(key: string): key is Key {
  return key in STRINGS;
}

export function locale(): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}
