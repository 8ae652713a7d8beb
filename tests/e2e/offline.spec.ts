// Offline use (issue 7): after one visit the service worker has every file,
// the wasm included, so with the network off the app reloads, analyses a
// file and opens share links; and the one-file build works from file://.
import { test, expect } from './fixtures';
import { demoShareText, foreignRequests, oneFileBuild, openApp, openFile, recordRequests, shot, shownSheets, valueOf, waitLoaded, workbooks } from './helpers';

test('after the first visit the app works offline: reload, analyse a file, open a share link', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  await openApp(page);
  // The service worker has precached every file (it reports ready once installed).
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(async () => (await fetch('./manifest.webmanifest')).json());
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
  const link = `${baseURL}/#s=${await demoShareText()}`;

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  await waitLoaded(page);
  expect(await valueOf(page, 'sum-recognized')).toBe(20);

  const wb = await workbooks();
  await openFile(page, 'khong-mang.xlsx', wb.xlsx([wb.villagesSheet(5), wb.dossiersSheet(40)]));
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(await shownSheets(page)).toEqual([
    { name: 'Danh sách thôn', rows: 5 },
    { name: 'Hồ sơ', rows: 40 },
  ]);
  await page.getByTestId('tab-turnaround').click();
  expect(await valueOf(page, 'ta-dossiers')).toBe(40);
  await shot(page, 'offline-analysed', false);

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('share-report')).toBeVisible();
  await expect(page.getByTestId('share-recognized').locator('.card-value')).toHaveAttribute('data-value', '20');
  await context.setOffline(false);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('the one-file build opens from file:// and scores the demo, with nothing fetched', async ({ browser }) => {
  test.setTimeout(90_000);
  const { url, context, page, urls } = await oneFileBuild(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await waitLoaded(page);
  expect(await valueOf(page, 'sum-recognized')).toBe(20);
  const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain('worker-src blob:');
  expect(csp).not.toMatch(/https?:|'unsafe-eval'/);

  const wb = await workbooks();
  await openFile(page, 'mot-tep.xlsx', wb.xlsx([wb.villagesSheet(4)]));
  expect(await shownSheets(page)).toEqual([{ name: 'Danh sách thôn', rows: 4 }]);
  await shot(page, 'single-file', false);
  // Only the file itself and in-page blob:/data: URLs: no network at all.
  expect(urls.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
