// Issue 19, the core side as the page shows it: one village sheet per
// commune is scored whole; a PDF renamed .xlsx is refused by what it is;
// a damaged workbook's message names no part inside the file.
import { test, expect } from './fixtures';
import { openApp, pickFile, valueOf, waitLoaded, workbooks } from './helpers';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Xã', 'Thôn', 'Phủ sóng 4G/5G', 'Wifi miễn phí', 'Tổ công nghệ số cộng đồng', 'CQ2'];

/** Three communes of 8 villages; CQ1 «Có» for the villages in `ok`: 3 + 5 + 1 = 9 recognized. */
function communeSheet(commune: string, ok: number[]): { name: string; rows: (string | number)[][] } {
  const rows: (string | number)[][] = [HEADER];
  for (let v = 1; v <= 8; v++) rows.push([commune, `Thôn ${v}`, 'Có', 'Có', ok.includes(v) ? 'Có' : 'Không', 'Có']);
  return { name: `Xã ${commune}`, rows };
}

test('a workbook with one village sheet per commune is scored as one list: every sheet’s villages count', async ({ page }) => {
  const wb = await workbooks();
  await openApp(page);
  const bytes = wb.xlsx([communeSheet('Sơn Hà', [1, 2, 5]), communeSheet('Phố Lu', [3, 4, 6, 7, 8]), communeSheet('Gia Phú', [8])]);
  await pickFile(page, 'ba-xa.xlsx', bytes, XLSX_MIME);
  await waitLoaded(page, 'ba-xa.xlsx');
  await page.getByTestId('tab-score').click();
  expect(await valueOf(page, 'sum-units')).toBe(24);
  expect(await valueOf(page, 'sum-recognized')).toBe(9);
});

test('a PDF renamed .xlsx is refused by what it is, and a damaged workbook names no internal part', async ({ page }) => {
  await openApp(page);
  const pdf = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1');
  await pickFile(page, 'bao-cao.xlsx', pdf, XLSX_MIME);
  const error = page.getByTestId('error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', 'not_a_spreadsheet');
  await expect(page.getByTestId('error-message')).toContainText('«bao-cao.xlsx» là một tài liệu PDF');
  await expect(page.getByTestId('status')).not.toContainText('Đã đọc xong');

  const wb = await workbooks();
  const whole = wb.xlsx([communeSheet('Sơn Hà', [1])]);
  await pickFile(page, 'cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)), XLSX_MIME);
  await expect(error).toHaveAttribute('data-code', 'unreadable_workbook');
  const message = (await page.getByTestId('error-message').textContent()) ?? '';
  for (const marker of ['xl/', '_rels', '.xml', 'File not found', 'zip', 'calamine']) expect(message).not.toContain(marker);
});
