// The page must never talk to any host but the one serving it (localhost):
// no CDN, no fonts, no analytics — including from the worker.
import { test, expect } from './fixtures';
import { foreignRequests, openApp, pickFile, recordRequests, workbooks, waitLoaded } from './helpers';

test('every request the page and its worker make goes to localhost', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  const pageUrls: string[] = [];
  page.on('request', (r) => pageUrls.push(r.url()));

  await openApp(page);
  // Use every view and the main actions, so lazily loaded code is fetched too.
  for (const tab of ['tab-turnaround', 'tab-data', 'tab-score']) await page.getByTestId(tab).click();
  await page.getByTestId('lang-toggle').click();
  const wb = await workbooks();
  await pickFile(page, 'rieng-tu.xlsx', wb.xlsx([wb.villagesSheet(4), wb.dossiersSheet(30)]));
  await waitLoaded(page, 'rieng-tu.xlsx');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  await download;

  const all = [...new Set([...urls, ...pageUrls])];
  expect(all.length).toBeGreaterThan(0);
  // The wasm is fetched by the worker; seeing it proves worker requests are recorded.
  expect(all.some((u) => /\.wasm(\?|$)/.test(u))).toBe(true);
  expect(foreignRequests(all, baseURL!)).toEqual([]);
});

test('the page’s Content-Security-Policy allows its own origin only: by default, for scripts (plus wasm compilation) and for connections; no http(s) source', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/https?:/);
});
