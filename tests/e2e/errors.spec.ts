// A file that is not a spreadsheet gives a clear message, never a blank page.
import { test, expect } from './fixtures';
import { randomBytes } from 'node:crypto';
import { openApp, pickFile, dropFile, shot, waitLoaded, workbooks, shownSheets } from './helpers';

test('random bytes named .xlsx show a clear error and the page stays usable', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  const before = await page.getByTestId('sum-units').locator('[data-value]').getAttribute('data-value');

  await pickFile(page, 'hong.xlsx', randomBytes(4096));
  const error = page.getByRole('alert');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-testid', 'error');
  const message = (await page.getByTestId('error-message').textContent()) ?? '';
  expect(message.trim().length).toBeGreaterThan(10);
  // Vietnamese by default: the message carries Vietnamese letters.
  expect(message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i);
  expect(await error.getAttribute('data-code')).not.toBe('');
  await expect(page.getByTestId('progress-area')).toBeHidden();
  await shot(page, 'error-random-bytes');

  // The data on show is still the previous workbook, and the page still works.
  await expect(page.getByTestId('sum-units').locator('[data-value]')).toHaveAttribute('data-value', before!);
  const wb = await workbooks();
  await dropFile(page, 'tot.xlsx', wb.xlsx([wb.villagesSheet(3)]));
  await waitLoaded(page, 'tot.xlsx');
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(await shownSheets(page)).toEqual([{ name: 'Danh sách thôn', rows: 3 }]);
  expect(pageErrors).toEqual([]);
});
