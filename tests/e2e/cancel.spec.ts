// Cancel stops a long read (the worker is terminated and replaced), and the
// page stays usable, including actions that need the engine again.
import { test, expect } from './fixtures';
import { openApp, openFile, pickFile, raiseFirstThreshold, shot, shownSheets, valueOf, workbooks } from './helpers';

test('cancel stops a long read: the previous file stays on show, and what-if and a new file still work', async ({ page }) => {
  test.setTimeout(180_000);
  const wb = await workbooks();
  const big = wb.xlsx([wb.dossiersSheet(250_000, 5)]);
  await openApp(page);
  const units = await valueOf(page, 'sum-units');

  await pickFile(page, 'rat-lon.xlsx', big);
  await expect(page.getByTestId('progress-area')).toBeVisible();
  await expect(page.getByTestId('progress')).toBeVisible();
  // The stage is named in Vietnamese, never the core's internal stage name.
  await expect(page.getByTestId('progress-text')).toHaveText(/^(Đọc tệp|Nhận diện trang tính và cột|Đọc giá trị các ô|Hoàn tất)( \d+%)?$/);
  await shot(page, 'cancel-reading', false);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('progress-area')).toBeHidden();
  await expect(page.getByTestId('status')).toContainText('Đã hủy');
  await expect(page.getByTestId('error')).toHaveCount(0);
  // The big file never replaces what was on show, even after it would have finished.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('current-file')).not.toHaveText('rat-lon.xlsx');
  expect(await valueOf(page, 'sum-units')).toBe(units);

  // Still usable: page-side actions, engine-side actions (a fresh worker reopens
  // the workbook on demand), and a new file.
  await page.getByTestId('tab-turnaround').click();
  await page.getByTestId('tab-score').click();
  await raiseFirstThreshold(page);
  await expect(page.getByTestId('error')).toHaveCount(0);

  await openFile(page, 'nho.xlsx', wb.xlsx([wb.villagesSheet(6)]));
  expect(await shownSheets(page)).toEqual([{ name: 'Danh sách thôn', rows: 6 }]);
});
