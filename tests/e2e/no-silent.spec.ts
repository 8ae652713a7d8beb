// No silent scenarios, no silent losses (issue 19, the page side): a what-if
// is shown on every view and asked about after a reload; a file that drops
// half of the previous workspace says so; an unrecognized file is not stored
// and the same file twice is one workspace; the offline single file warns
// that its share link is local; search ignores diacritics; the monthly trend
// shows the Kaplan–Meier median and marks months still open.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { foreignRequests, oneFileBuild, openApp, openFile, pickFile, recordRequests, shot, valueOf, waitLoaded, waitSaved, wasmInNode, workbooks } from './helpers';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The demo district as a user's own file (stored as a workspace, unlike the built-in demo). */
async function demoBytes(): Promise<Buffer> {
  const wasm = await wasmInNode();
  return Buffer.from(wasm.demo_workbook());
}

async function rowCount(page: Page, testid: string): Promise<number> {
  await page.getByTestId('tab-store').click();
  const n = await page.getByTestId(testid).count();
  return n;
}

test('a what-if is on every view, in exports, the share dialog and print, and is asked about after a reload', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const urls = recordRequests(context);
  await openApp(page);
  await openFile(page, 'bao-thang.xlsx', await demoBytes(), XLSX_MIME);
  await waitSaved(page);
  await page.getByTestId('tab-score').click();
  expect(await valueOf(page, 'sum-recognized')).toBe(20);
  await expect(page.getByTestId('scenario-banner')).toHaveCount(0);
  await expect(page.getByTestId('whatif-badge')).toBeHidden();

  await page.getByTestId('whatif').locator('summary').click();
  // HT1 made harder: a higher threshold, and mandatory (with the demo's own
  // criteria, an optional threshold alone moves no village's status).
  const changedId = 'HT1';
  const slider = page.getByTestId('whatif-threshold-HT1');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('whatif-status')).toContainText('Đang thử 1 thay đổi');
  await page.getByTestId('whatif-mandatory-HT1').check();
  await expect(page.getByTestId('whatif-status')).toContainText('Đang thử 2 thay đổi');
  const scenario = (await valueOf(page, 'sum-recognized'))!;
  expect(scenario).toBeLessThan(20);
  const banner = page.getByTestId('scenario-banner');
  await expect(banner).toContainText('Đang xem kịch bản giả định: khác mặc định ở 1 chỉ tiêu');
  await expect(page.getByTestId('scenario-ids')).toContainText(changedId);
  await expect(page.getByTestId('scenario-reset')).toHaveText('Về mặc định');
  await expect(page.getByTestId('whatif-badge')).toBeVisible();
  // Collapsed, the what-if panel still shows its badge.
  await page.getByTestId('whatif').locator('summary').click();
  await expect(page.getByTestId('whatif-badge')).toBeVisible();

  // On every view.
  for (const v of ['turnaround', 'data', 'store', 'score']) {
    await page.getByTestId(`tab-${v}`).click();
    await expect(banner).toBeVisible();
  }

  // Exports are named as a scenario.
  let download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await download).suggestedFilename()).toBe('bao-thang-kich-ban-thon.csv');
  download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  expect((await download).suggestedFilename()).toBe('bao-thang-kich-ban-bao-cao.xlsx');

  // The share dialog says its link carries the scenario.
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=v1\./);
  await expect(page.getByTestId('share-scenario')).toContainText('kịch bản giả định (khác mặc định ở 1 chỉ tiêu)');
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-close').click();

  // On paper: the banner prints, its button does not.
  await page.emulateMedia({ media: 'print' });
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('scenario-reset')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'scenario-banner', false);
  await waitSaved(page);

  // A reload does not put the scenario back silently: the page asks.
  await page.reload();
  await waitLoaded(page, 'bao-thang.xlsx');
  const prompt = page.getByTestId('scenario-prompt');
  await expect(prompt).toContainText('khác mặc định ở 1 chỉ tiêu');
  await expect(prompt).toContainText(changedId);
  await page.getByTestId('tab-score').click();
  expect(await valueOf(page, 'sum-recognized')).toBe(20);
  await expect(banner).toHaveCount(0);
  await shot(page, 'scenario-prompt', false);
  await page.getByTestId('scenario-restore').click();
  await expect(banner).toBeVisible();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId('sum-recognized').locator('.card-value')).toHaveAttribute('data-value', String(scenario));
  await expect(page.getByTestId('whatif-badge')).toBeVisible();
  await waitSaved(page);

  // Asked again after the next reload; discarding keeps the original criteria, also after another reload.
  await page.reload();
  await waitLoaded(page, 'bao-thang.xlsx');
  await expect(prompt).toBeVisible();
  await page.getByTestId('scenario-discard').click();
  await expect(prompt).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('Đã bỏ kịch bản');
  await waitSaved(page);
  await page.reload();
  await waitLoaded(page, 'bao-thang.xlsx');
  await expect(page.getByTestId('sum-recognized').locator('.card-value')).toHaveAttribute('data-value', '20');
  await expect(prompt).toHaveCount(0);
  await expect(banner).toHaveCount(0);

  // The banner's button is the way back.
  await page.getByTestId('whatif').locator('summary').click();
  await page.getByTestId('whatif-mandatory-HT1').check();
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('sum-recognized').locator('.card-value')).toHaveAttribute('data-value', '17');
  await page.getByTestId('scenario-reset').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('sum-recognized').locator('.card-value')).toHaveAttribute('data-value', '20');
  await expect(page.getByTestId('whatif-status')).toHaveText('Chưa thay đổi gì.');

  // The report a scenario's link opens says its criteria are off the defaults.
  await page.goto(link);
  await expect(page.getByTestId('share-report')).toBeVisible();
  await expect(page.getByTestId('sr-scenario')).toContainText(changedId);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('a dossier-only file that replaces a village list says so and offers the previous file back', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  const wb = await workbooks();
  await openApp(page);
  await openFile(page, 'thon.xlsx', wb.xlsx([wb.villagesSheet(6)]), XLSX_MIME);
  await waitSaved(page);
  await expect(page.getByTestId('replaced-notice')).toHaveCount(0);

  await openFile(page, 'ho-so.xlsx', wb.xlsx([wb.dossiersSheet(50)]), XLSX_MIME);
  await waitSaved(page);
  const notice = page.getByTestId('replaced-notice');
  await expect(notice).toHaveAttribute('data-lost', 'villages');
  await expect(notice).toContainText('Tệp «ho-so.xlsx» chỉ có hồ sơ, không có danh sách thôn');
  await expect(notice).toContainText('«thon» vẫn được lưu');
  await shot(page, 'replaced-notice', false);
  await page.getByTestId('replaced-back').click();
  await waitLoaded(page, 'thon.xlsx');
  await expect(notice).toHaveCount(0);
  await page.getByTestId('tab-score').click();
  expect(await valueOf(page, 'sum-units')).toBe(6);
  expect(await rowCount(page, 'ws-row')).toBe(2);

  // The other way round: villages after dossiers.
  await page.getByTestId('ws-row').filter({ hasText: 'ho-so' }).getByTestId('ws-open').click();
  await waitLoaded(page, 'ho-so.xlsx');
  await openFile(page, 'thon-2.xlsx', wb.xlsx([wb.villagesSheet(4)]), XLSX_MIME);
  await expect(notice).toHaveAttribute('data-lost', 'dossiers');
  await page.getByTestId('replaced-dismiss').click();
  await expect(notice).toHaveCount(0);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('an unrecognized file is not stored, and the same file opened twice is one workspace', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  const wb = await workbooks();
  await openApp(page);
  await openFile(page, 'ghi-chu.xlsx', wb.xlsx([{ name: 'Ghi chú', rows: [['Ghi chú'], ['một'], ['hai'], ['ba']] }]), XLSX_MIME);
  await expect(page.getByTestId('status')).toContainText('không được lưu vào «Lưu trữ»');
  expect(await rowCount(page, 'ws-row')).toBe(0);

  const villages = wb.xlsx([wb.villagesSheet(5)]);
  await openFile(page, 'thon.xlsx', villages, XLSX_MIME);
  await waitSaved(page);
  expect(await rowCount(page, 'ws-row')).toBe(1);

  // The same bytes under another name: the stored workspace is reopened.
  await pickFile(page, 'thon-lan-hai.xlsx', villages, XLSX_MIME);
  await waitLoaded(page, 'thon.xlsx');
  await expect(page.getByTestId('status')).toContainText('Tệp này đã có trong «Lưu trữ» («thon»)');
  expect(await rowCount(page, 'ws-row')).toBe(1);
  // ... and after a reload too.
  await page.reload();
  await waitLoaded(page, 'thon.xlsx');
  await openFile(page, 'thon.xlsx', villages, XLSX_MIME);
  await expect(page.getByTestId('status')).toContainText('đã có trong');
  expect(await rowCount(page, 'ws-row')).toBe(1);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('village search ignores diacritics, case and NFC/NFD', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  const wb = await workbooks();
  const names = ['Tổ dân phố 1', 'Tổ dân phố 2', 'Thôn Đồng Tâm', 'Bản Phìn Hồ'.normalize('NFD'), 'Thôn Làng Mới'];
  await openApp(page);
  await openFile(page, 'tim.xlsx', wb.xlsx([wb.villagesSheet(names.length, names)]), XLSX_MIME);
  await page.getByTestId('tab-score').click();
  const search = page.getByTestId('filter-search');
  const rows = page.getByTestId('village-row');
  for (const [q, n] of [
    ['to dan pho', 2],
    ['TO DAN PHO 2', 1],
    ['dong tam', 1],
    ['ĐỒNG', 1],
    ['phin ho', 1],
    ['Phìn'.normalize('NFD'), 1],
    ['Bản Phìn Hồ', 1],
    ['lang moi', 1],
    ['xyz', 0],
    ['', 5],
  ] as const) {
    await search.fill(q);
    await expect(rows, `search "${q}"`).toHaveCount(n);
  }
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('the monthly trend shows the Kaplan–Meier median and marks months with many open dossiers', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  await page.getByTestId('tab-turnaround').click();
  const fig = page.getByTestId('chart-monthly');
  await expect(fig).toBeVisible();
  await expect(fig.locator('figcaption')).toContainText('Tháng có hơn 10% số hồ sơ còn đang mở được ghi «chưa đủ»');
  await expect(fig.locator('.legend')).toContainText('Trung vị Kaplan–Meier');
  await expect(fig.locator('thead')).toContainText('Trung vị Kaplan–Meier');
  const months = await page.getByTestId('monthly-row').evaluateAll((trs) =>
    trs.map((tr) => ({
      month: tr.getAttribute('data-month'),
      km: tr.getAttribute('data-km'),
      open: tr.getAttribute('data-incomplete'),
      text: tr.textContent ?? '',
    })),
  );
  expect(months.length).toBeGreaterThan(3);
  expect(months.filter((m) => m.km !== '').length).toBeGreaterThan(0);
  const incomplete = months.filter((m) => m.open !== null);
  // The demo ends with dossiers still open: its last month is incomplete, the first is not.
  expect(incomplete.map((m) => m.month)).toContain(months[months.length - 1].month);
  expect(months[0].open).toBeNull();
  for (const m of incomplete) expect(m.text).toContain(`chưa đủ: còn ${Number(m.open).toLocaleString('vi-VN')} hồ sơ đang mở`);
  for (const m of months.filter((x) => x.open === null)) expect(m.text).not.toContain('chưa đủ');
  await fig.locator('details summary').click();
  await shot(page, 'monthly-km', false);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('the served site offers the one-file version under its real name', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  const a = page.getByTestId('offline-package');
  await expect(a).toHaveAttribute('download', 'thonso-offline.html');
  await expect(a).toContainText('thonso-offline.html');
  const href = (await a.getAttribute('href'))!;
  expect(href).toBe('./thonso-offline.html');
  const res = await page.request.get(new URL(href, `${baseURL}/`).href);
  expect(res.status()).toBe(200);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('from file:// the share dialog says the link only works on this computer and draws no QR', async ({ browser }) => {
  test.setTimeout(90_000);
  const { url, context, page, urls } = await oneFileBuild(browser);
  await page.goto(url);
  await waitLoaded(page);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/^file:.*#s=v1\./);
  await expect(page.getByTestId('share-file-warning')).toContainText('chỉ mở được trên chính máy này');
  await expect(page.getByTestId('share-qr-local')).toContainText('Không có mã QR');
  await expect(page.getByTestId('share-qr')).toBeHidden();
  await expect(page.getByTestId('share-dialog').locator('svg')).toHaveCount(0);
  await shot(page, 'single-file-share', false);
  expect(urls.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
  await context.close();
});

// The served site's dialog keeps its QR (the warning is for file:// only).
test('over http the share dialog has no file:// warning', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/^http:/);
  await expect(page.getByTestId('share-qr').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('share-file-warning')).toHaveCount(0);
  await expect(page.getByTestId('share-scenario')).toHaveCount(0);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});
