// Issue 2's vertical slice: a real .xlsx reaches the Rust core in the worker,
// by the file picker and by drag-and-drop, and the page shows each sheet's
// name and row count.
import { test, expect } from './fixtures';
import { dropFile, openApp, pickFile, shot, shownSheets, waitLoaded, workbooks } from './helpers';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('the file picker reads an .xlsx and lists its sheets with row counts', async ({ page }) => {
  const wb = await workbooks();
  const bytes = wb.xlsx([wb.villagesSheet(7), wb.dossiersSheet(12)]);
  await openApp(page);
  await pickFile(page, 'hai-trang.xlsx', bytes, XLSX_MIME);
  await waitLoaded(page, 'hai-trang.xlsx');
  await expect(page.getByTestId('error')).toHaveCount(0);
  // Header on row 1, then exactly 7 and 12 data rows.
  expect(await shownSheets(page)).toEqual([
    { name: 'Danh sách thôn', rows: 7 },
    { name: 'Hồ sơ', rows: 12 },
  ]);
  await expect(page.getByTestId('inspect-file')).toHaveText('hai-trang.xlsx');
  await shot(page, 'foundation-file-input');
});

test('a synthetic drag-and-drop reads an .xlsx and lists its sheets with row counts', async ({ page }) => {
  const wb = await workbooks();
  const bytes = wb.xlsx([wb.dossiersSheet(25, 3), { name: 'Ghi chú', rows: [['Ghi chú'], ['một'], ['hai'], ['ba']] }]);
  await openApp(page);
  await dropFile(page, 'keo-tha.xlsx', bytes, XLSX_MIME);
  await waitLoaded(page, 'keo-tha.xlsx');
  await expect(page.getByTestId('error')).toHaveCount(0);
  const sheets = await shownSheets(page);
  expect(sheets.map((s) => s.name)).toEqual(['Hồ sơ', 'Ghi chú']);
  expect(sheets[0].rows).toBe(25);
  await expect(page.getByTestId('sheet-row').first()).toHaveAttribute('data-kind', 'dossiers');
  await shot(page, 'foundation-drop');
});

test('the file picker reads an .ods and lists its sheet with its row count', async ({ page }) => {
  const wb = await workbooks();
  const bytes = wb.ods([wb.villagesSheet(5)]);
  await openApp(page);
  await pickFile(page, 'thon.ods', bytes, 'application/vnd.oasis.opendocument.spreadsheet');
  await waitLoaded(page, 'thon.ods');
  expect(await shownSheets(page)).toEqual([{ name: 'Danh sách thôn', rows: 5 }]);
});
