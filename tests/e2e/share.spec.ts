// Share links (issue 7): the link opens a read-only report with the same
// summary numbers in a browser that has never seen the file, reads on a
// 360-px phone, carries no personal data, and a damaged link says so.
import { test, expect } from './fixtures';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  demoShareText,
  demoWorkbook,
  foreignRequests,
  openApp,
  openFile,
  pageNumbers,
  personalData,
  recordRequests,
  seriousViolations,
  shot,
  wasmInNode,
  workbooks,
} from './helpers';

test('a share link opened in a fresh browser shows the same numbers, on a phone, without personal data', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await openApp(page);
  const shown = await pageNumbers(page);
  expect(shown.score?.recognized).toBe(20);

  await page.getByTestId('share').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const field = page.getByTestId('share-link');
  await expect(field).toHaveValue(/#s=v1\./);
  const link = await field.inputValue();
  expect(link.startsWith(`${baseURL}/#s=v1.`)).toBe(true);
  // The demo district's link stays under 2,000 characters: no warning.
  expect(link.length).toBeLessThan(2000);
  await expect(page.getByTestId('share-length')).toHaveAttribute('data-value', String(link.length));
  await expect(page.getByTestId('share-too-long')).toHaveCount(0);
  await expect(page.getByTestId('share-qr').locator('svg[role="img"]')).toBeVisible();
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copied')).toHaveText('Đã sao chép.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'share-dialog', false);
  await page.getByTestId('share-close').click();
  await expect(dialog).toBeHidden();

  // No applicant name or dossier id of the demo's "Hồ sơ" sheet is in the payload.
  const wasm = await wasmInNode();
  const payload = wasm.decode_share(link.split('#s=')[1]);
  const demo = demoWorkbook();
  // The page's built-in demo is the CLI's demo workbook, byte for byte.
  expect(payload.provenance.file_sha256).toBe(createHash('sha256').update(readFileSync(demo)).digest('hex'));
  const { applicants, ids } = await personalData(demo);
  expect(applicants.length).toBeGreaterThan(100);
  expect(ids.length).toBeGreaterThan(1000);
  const json = JSON.stringify(payload);
  expect(applicants.filter((n) => json.includes(n))).toEqual([]);
  expect(ids.filter((n) => json.includes(n))).toEqual([]);

  // A browser that has never seen the file, on a 360-px phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
  const phoneUrls = recordRequests(phone);
  const other = await phone.newPage();
  await other.goto(link);
  await expect(other.getByTestId('share-report')).toBeVisible();
  const v = async (id: string) => {
    const s = await other.locator(`[data-testid="${id}"] .card-value`).getAttribute('data-value');
    return s === null || s === '' ? null : Number(s);
  };
  expect({
    units: await v('share-units'),
    recognized: await v('share-recognized'),
    near: await v('share-near'),
    covered: await v('share-covered'),
    communes: Number(await other.getByTestId('share-communes').getAttribute('data-value')),
    plan: Number(await other.getByTestId('share-plan').getAttribute('data-value')),
  }).toEqual(shown.score);
  const communes = await other.getByTestId('share-commune-row').evaluateAll((trs) =>
    trs.map((tr) => {
      const n = (id: string) => {
        const s = tr.querySelector(`[data-testid="${id}"] [data-value]`)?.getAttribute('data-value');
        return s === undefined || s === null || s === '' ? null : Number(s);
      };
      return { commune: tr.querySelector('[data-testid="share-commune-name"]')?.textContent ?? '', units: n('share-commune-units'), recognized: n('share-commune-recognized'), plan: n('share-commune-plan') };
    }),
  );
  expect(communes.sort((a, b) => a.commune.localeCompare(b.commune))).toEqual(shown.communes);
  const ta: Record<string, number | null> = {};
  for (const id of ['median', 'p90', 'km', 'on-time', 'online', 'dossiers', 'open', 'overdue']) ta[`ta-${id}`] = await v(`share-ta-${id}`);
  ta['ta-completed'] = Number(await other.getByTestId('share-ta-completed').getAttribute('data-value'));
  expect(ta).toEqual(shown.turnaround);
  await expect(other.getByTestId('share-village-row').first()).toBeVisible();
  await expect(other.getByTestId('share-monthly')).toBeVisible();
  expect(await other.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await shot(other, 'share-report-360', false);
  expect(await seriousViolations(other)).toEqual([]);

  // "Import into my workspace" keeps the report among the saved work.
  await other.getByTestId('share-import').click();
  await expect(other.getByTestId('share-imported')).toBeVisible();
  await other.getByTestId('share-open-app').click();
  await expect(other.getByTestId('current-file')).toHaveText('Dữ liệu mẫu');
  await other.getByTestId('tab-store').click();
  await expect(other.locator('[data-testid="ws-row"][data-kind="share"]')).toHaveCount(1);
  await phone.close();
  expect(foreignRequests([...urls, ...phoneUrls], baseURL!)).toEqual([]);
});

test('a tampered, truncated or unknown-version link shows a clear message; a too-long link offers the .thonso file', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  const text = await demoShareText();
  const mid = Math.floor(text.length / 2);
  const tampered = text.slice(0, mid) + (text[mid] === 'A' ? 'B' : 'A') + text.slice(mid + 1);

  await page.goto(`/#s=${tampered}`);
  await expect(page.getByTestId('share-invalid')).toBeVisible();
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'share_invalid');
  await expect(page.getByTestId('error')).toContainText('Không mở được liên kết chia sẻ');
  await expect(page.getByTestId('error-message')).toContainText('bị cắt cụt hoặc bị sửa');
  await expect(page.getByTestId('share-report')).toHaveCount(0);
  await shot(page, 'share-tampered', false);

  await page.evaluate((t) => (location.hash = `#s=${t}`), text.slice(0, text.length - 40));
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'share_invalid');

  await page.evaluate(() => (location.hash = '#s=v9.AAAA'));
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'share_version');

  // The same page, given the real link, shows the report; then opens the app.
  await page.evaluate((t) => (location.hash = `#s=${t}`), text);
  await expect(page.getByTestId('share-report')).toBeVisible();
  await expect(page.getByTestId('share-recognized').locator('.card-value')).toHaveAttribute('data-value', '20');
  await page.getByTestId('share-open-app').click();
  await expect(page.getByTestId('current-file')).toHaveText('Dữ liệu mẫu');

  // Results too big for a comfortable link: a warning, and the .thonso export instead.
  const wb = await workbooks();
  await openFile(page, 'nhieu-thon.xlsx', wb.xlsx([wb.villagesSheet(800)]));
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-too-long')).toBeVisible();
  expect(Number(await page.getByTestId('share-length').getAttribute('data-value'))).toBeGreaterThan(2000);
  await expect(page.getByTestId('share-qr')).toContainText('quá dài');
  const download = page.waitForEvent('download');
  await page.getByTestId('share-export-instead').click();
  expect((await download).suggestedFilename()).toBe('nhieu-thon.thonso');
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});
