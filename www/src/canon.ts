// Names of the canonical columns the core maps headers to (core/src/ingest/
// columns.rs, `Canon`), with labels for the mapping editor. Keep in step with
// the core; an unknown name the core reports is still shown as is.
import { getLang } from './i18n';

export interface CanonGroup {
  vi: string;
  en: string;
  names: [string, string, string][]; // [canonical, vi, en]
}

export const CANON_GROUPS: CanonGroup[] = [
  {
    vi: 'Hồ sơ TTHC',
    en: 'Dossiers',
    names: [
      ['dossier_id', 'Mã hồ sơ', 'Dossier id'],
      ['procedure_code', 'Mã thủ tục', 'Procedure code'],
      ['procedure_name', 'Tên thủ tục', 'Procedure name'],
      ['field', 'Lĩnh vực', 'Field'],
      ['applicant', 'Chủ hồ sơ', 'Applicant'],
      ['channel', 'Hình thức nộp', 'Channel'],
      ['received_at', 'Ngày tiếp nhận', 'Received'],
      ['due_at', 'Ngày hẹn trả', 'Due'],
      ['completed_at', 'Ngày có kết quả', 'Completed'],
      ['returned_at', 'Ngày trả kết quả', 'Returned to citizen'],
      ['legal_deadline_days', 'Thời hạn giải quyết (ngày)', 'Legal deadline (days)'],
      ['status', 'Trạng thái', 'Status'],
      ['timeliness', 'Tiến độ', 'Timeliness'],
      ['processing_unit', 'Đơn vị xử lý', 'Processing unit'],
      ['paid_online', 'Thanh toán trực tuyến', 'Paid online'],
      ['fee', 'Phí, lệ phí', 'Fee'],
      ['digitised', 'Số hóa', 'Digitised'],
      ['renewed_due_at', 'Ngày hẹn lại (không dùng làm hạn)', 'Renewed appointment (never the due date)'],
      ['submitted_online_at', 'Ngày nộp trực tuyến (không phải ngày tiếp nhận)', 'Submitted online (not reception)'],
      ['transferred_at', 'Chuyển hồ sơ đến cơ quan giải quyết', 'Sent to the deciding agency'],
      ['result_delivery', 'Phương thức nhận kết quả', 'How the result is delivered'],
      ['online_flag', 'Hồ sơ trực tuyến (có/không)', 'Online dossier (yes/no)'],
      ['procedure_level', 'Mức độ dịch vụ công', 'Online level of the procedure'],
      ['overdue_days', 'Số ngày quá hạn (của hệ thống)', 'Days overdue (system figure)'],
      ['quantity', 'Số lượng hồ sơ', 'Number of dossiers'],
      ['address', 'Địa chỉ, số điện thoại', 'Address, phone'],
      ['signature', 'Ký nhận', 'Signature'],
    ],
  },
  {
    vi: 'Đơn vị hành chính',
    en: 'Administrative units',
    names: [
      ['province', 'Tỉnh', 'Province'],
      ['district', 'Huyện', 'District'],
      ['commune', 'Xã', 'Commune'],
      ['village', 'Thôn', 'Village'],
      ['households', 'Số hộ', 'Households'],
      ['launch_date', 'Ngày ra mắt', 'Launch date'],
      ['planned', 'Kế hoạch', 'Plan'],
      ['row_number', 'STT', 'Row number'],
    ],
  },
  {
    vi: 'Lịch',
    en: 'Calendar',
    names: [
      ['date', 'Ngày', 'Date'],
      ['day_kind', 'Loại ngày', 'Kind of day'],
      ['note', 'Ghi chú', 'Note'],
    ],
  },
];

const LABELS = new Map(CANON_GROUPS.flatMap((g) => g.names.map(([k, vi, en]) => [k, { vi, en }] as const)));

export function canonLabel(name: string): string {
  const l = LABELS.get(name);
  return l ? `${getLang() === 'vi' ? l.vi : l.en} (${name})` : name;
}
