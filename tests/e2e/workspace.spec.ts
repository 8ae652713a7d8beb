// The embedded workspace store (issue 7): a file's workspace survives a
// reload and a browser restart on the same profile, exports to one .thonso
// file that imports back (and that the CLI reads) with identical results,
// and a damaged record or a full quota never costs what was saved.
import { test, expect } from './fixtures';
import { type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ARTIFACTS,
  demoWorkbook,
  foreignRequests,
  launchProfile,
  openFile,
  pageNumbers,
  pickFile,
  raiseFirstThreshold,
  recordRequests,
  shot,
  thonso,
  waitLoaded,
  waitSaved,
} from './helpers';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function addDayOff(page: Page, date: string, note: string): Promise<void> {
  await page.getByTestId('tab-turnaround').click();
  await page.getByTestId('cal-date').fill(date);
  await page.getByTestId('cal-reason').fill(note);
  await page.getByTestId('cal-add').click();
  await expect(page.getByTestId('cal-added')).toContainText(note);
}

/** Start the page, then open the CLI's demo workbook as the user's own file. */
async function openDemoFile(page: Page): Promise<void> {
  await page.goto('/');
  await waitLoaded(page);
  await openFile(page, 'bao-thang.xlsx', readFileSync(demoWorkbook()), XLSX_MIME);
}

test('a workspace survives a reload and a browser restart on the same profile', async ({ baseURL }) => {
  test.setTimeout(150_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'thonso-profile-'));
  const launch = () => launchProfile(profile, baseURL!);
  const requests: string[] = [];
  try {
    let context = await launch();
    let urls = recordRequests(context);
    let page = context.pages()[0] ?? (await context.newPage());
    await openDemoFile(page);
    await waitSaved(page);
    // Settings, to see that more than the file comes back: a day off, and
    // an earlier snapshot to compare with.
    await addDayOff(page, '2024-03-15', 'Nghỉ bão');
    await waitSaved(page);
    await page.getByTestId('tab-score').click();
    await page.getByTestId('compare-input').setInputFiles({ name: 'quy-1.xlsx', mimeType: XLSX_MIME, buffer: readFileSync(demoWorkbook()) });
    await expect(page.getByTestId('compare-summary')).toContainText('quy-1');
    await waitSaved(page);
    const before = await pageNumbers(page);
    expect(before.score?.recognized).toBe(20);

    await page.reload();
    await waitLoaded(page, 'bao-thang.xlsx');
    await expect(page.getByTestId('status')).toContainText('bao-thang');
    expect(await pageNumbers(page)).toEqual(before);
    await page.getByTestId('tab-turnaround').click();
    await expect(page.getByTestId('cal-added')).toContainText('Nghỉ bão');
    requests.push(...urls);
    await context.close();

    // A new browser on the same profile: the workspace and its results are there.
    context = await launch();
    urls = recordRequests(context);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitLoaded(page, 'bao-thang.xlsx');
    await expect(page.getByTestId('demo-banner')).toBeHidden();
    expect(await pageNumbers(page)).toEqual(before);
    await page.getByTestId('tab-turnaround').click();
    await expect(page.getByTestId('cal-added')).toContainText('Nghỉ bão');
    await page.getByTestId('tab-score').click();
    await expect(page.getByTestId('compare-summary')).toContainText('quy-1');
    await page.getByTestId('tab-store').click();
    await expect(page.getByTestId('snapshot')).toHaveCount(1);
    await expect(page.getByTestId('ws-row')).toHaveCount(1);
    await expect(page.getByTestId('ws-current')).toBeVisible();
    await expect(page.getByTestId('storage-used')).toHaveAttribute('data-usage', /^\d+$/);
    await shot(page, 'workspace-store');
    requests.push(...urls);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  expect(foreignRequests(requests, baseURL!)).toEqual([]);
});

test('a comparison matches villages as the core does: the same village spelled two ways has not changed', async ({ page }) => {
  await page.goto('/');
  await waitLoaded(page);
  const csv = (rows: string[]) => Buffer.from(`\uFEFF${['STT,Xã,Thôn,HT4,KT1,Tổng số hộ', ...rows].join('\r\n')}\r\n`, 'utf8');
  await pickFile(page, 'quy-2.csv', csv(['1,Sơn Hà,thôn  Hòa,85,90,120', '2,Sơn Hà,Thôn 2,70,80,95']), 'text/csv');
  await waitLoaded(page, 'quy-2.csv');
  await page.getByTestId('tab-score').click();
  // «Thôn Hoà» and «thôn  Hòa»: case, spacing and tone placement differ; the
  // core's name key (scoring::compare) makes them one village, unchanged.
  await page.getByTestId('compare-input').setInputFiles({ name: 'quy-1.csv', mimeType: 'text/csv', buffer: csv(['1,Sơn Hà,Thôn Hoà,85,90,120', '2,Sơn Hà,Thôn 2,70,80,95']) });
  await expect(page.getByTestId('compare-summary')).toContainText('quy-1');
  await expect(page.getByTestId('compare-summary')).toContainText('Mới đạt: 0. Không còn đạt: 0.');
  await expect(page.getByTestId('compare-row')).toHaveCount(0);
  await expect(page.getByText('Không thôn nào thay đổi kết quả.')).toBeVisible();
});

test('.thonso export → import gives identical results, in the browser and in the CLI', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  await openDemoFile(page);
  // A what-if change travels too: the exported framework carries it, so the CLI agrees.
  await page.getByTestId('tab-score').click();
  await raiseFirstThreshold(page);
  await waitSaved(page);
  const shown = await pageNumbers(page);
  expect(shown.score!.recognized!).toBeLessThanOrEqual(20);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-thonso').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('bao-thang.thonso');
  const dir = path.join(ARTIFACTS, 'downloads');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  expect(readFileSync(file).subarray(0, 6).toString('latin1')).toBe('THONSO');

  // The CLI reads the same file and gives the same summary.
  const cli = thonso(['score', file, '--json']);
  expect(cli.status, cli.stderr).toBe(0);
  expect({
    units: cli.json.summary.units,
    recognized: cli.json.summary.recognized,
    near: cli.json.summary.near,
    covered: cli.json.summary.communes_covered,
    communes: cli.json.summary.communes,
  }).toEqual({ units: shown.score!.units, recognized: shown.score!.recognized, near: shown.score!.near, covered: shown.score!.covered, communes: shown.score!.communes });
  const ta = thonso(['turnaround', file, '--json']);
  expect(ta.status, ta.stderr).toBe(0);
  expect(ta.json.overall.dossiers).toBe(shown.turnaround!['ta-dossiers']);
  expect(ta.json.overall.median_working_days).toBe(shown.turnaround!['ta-median']);

  // Import into a browser that has never seen it.
  const fresh = await context.browser()!.newContext({ baseURL, locale: 'vi-VN' });
  const freshUrls = recordRequests(fresh);
  const other = await fresh.newPage();
  await other.goto('/');
  await waitLoaded(other);
  await other.getByTestId('tab-store').click();
  await other.getByTestId('ws-import-input').setInputFiles(file);
  await waitLoaded(other, 'bao-thang.xlsx');
  await expect(other.getByTestId('status')).toContainText('bao-thang');
  expect(await pageNumbers(other)).toEqual(shown);
  await other.getByTestId('whatif').locator('summary').click();
  await expect(other.getByTestId('whatif-status')).not.toHaveText('Chưa thay đổi gì.');
  await other.getByTestId('tab-store').click();
  await expect(other.getByTestId('ws-row')).toHaveCount(1);
  await fresh.close();
  expect(foreignRequests([...urls, ...freshUrls], baseURL!)).toEqual([]);
});

test('a full quota keeps what was saved; a damaged record is reported, never used or overwritten', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  await openDemoFile(page);
  await waitSaved(page);

  /** SHA-256 of every stored record, read straight from IndexedDB. */
  const stored = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, no) => {
        const r = indexedDB.open('thonso');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => no(r.error);
      });
      const all = await new Promise<{ key: IDBValidKey; value: ArrayBuffer }[]>((ok, no) => {
        const out: { key: IDBValidKey; value: ArrayBuffer }[] = [];
        const c = db.transaction('workspaces').objectStore('workspaces').openCursor();
        c.onsuccess = () => {
          const cur = c.result;
          if (!cur) return ok(out);
          out.push({ key: cur.key, value: cur.value as ArrayBuffer });
          cur.continue();
        };
        c.onerror = () => no(c.error);
      });
      db.close();
      const hex = async (b: ArrayBuffer) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', b))].map((x) => x.toString(16).padStart(2, '0')).join('');
      return Promise.all(all.map(async (r) => ({ id: String(r.key), sha: await hex(r.value) })));
    });
  const saved = await stored();
  expect(saved).toHaveLength(1);

  // The disk is full: the browser refuses the write.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    (window as unknown as { __put: typeof put }).__put = put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await addDayOff(page, '2024-04-01', 'Thử đầy bộ nhớ');
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'quota_exceeded');
  await expect(page.getByTestId('error-message')).toContainText('Bộ nhớ của trình duyệt đã đầy');
  await expect(page.getByTestId('error-message')).toContainText('vẫn còn nguyên');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
  await shot(page, 'workspace-quota');
  expect(await stored()).toEqual(saved);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('error-message')).toContainText('The browser storage is full');
  await page.getByTestId('lang-toggle').click();

  // Damage the stored bytes (one flipped byte), then reload.
  await page.evaluate(async () => {
    IDBObjectStore.prototype.put = (window as unknown as { __put: typeof IDBObjectStore.prototype.put }).__put;
    const db = await new Promise<IDBDatabase>((ok) => {
      const r = indexedDB.open('thonso');
      r.onsuccess = () => ok(r.result);
    });
    const tx = db.transaction('workspaces', 'readwrite');
    const s = tx.objectStore('workspaces');
    const c = s.openCursor();
    await new Promise<void>((ok) => {
      c.onsuccess = () => {
        const cur = c.result!;
        const bytes = new Uint8Array((cur.value as ArrayBuffer).slice(0));
        bytes[Math.floor(bytes.length / 2)] ^= 0xff;
        cur.update(bytes.buffer);
        ok();
      };
    });
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });
  const damaged = await stored();
  expect(damaged[0].sha).not.toBe(saved[0].sha);
  await page.reload();
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'workspace_corrupt');
  await expect(page.getByTestId('error-message')).toContainText('bị hỏng');
  // The page falls back to the demo; the damaged record is listed as such, untouched.
  await waitLoaded(page, 'Dữ liệu mẫu');
  await page.getByTestId('tab-store').click();
  await expect(page.getByTestId('ws-broken')).toBeVisible();
  await expect(page.getByTestId('ws-row').getByTestId('ws-open')).toHaveCount(0);
  await shot(page, 'workspace-damaged');

  // New work goes to a new record; the damaged one is never overwritten.
  await openFile(page, 'thon-moi.xlsx', readFileSync(demoWorkbook()), XLSX_MIME);
  await waitSaved(page);
  const after = await stored();
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(damaged[0]);

  // Rename and delete from the list.
  await page.getByTestId('tab-store').click();
  const row = page.getByTestId('ws-row').filter({ hasText: 'thon-moi' });
  await row.getByTestId('ws-rename').click();
  await row.getByTestId('ws-rename-input').fill('Quý II 2024');
  await row.getByTestId('ws-rename-save').click();
  await expect(page.getByTestId('ws-row').filter({ hasText: 'Quý II 2024' })).toHaveCount(1);
  const brokenRow = page.getByTestId('ws-row').filter({ has: page.getByTestId('ws-broken') });
  await brokenRow.getByTestId('ws-delete').click();
  await brokenRow.getByTestId('ws-delete-confirm').click();
  await expect(page.getByTestId('ws-row')).toHaveCount(1);
  expect(await stored()).toHaveLength(1);
  await page.reload();
  await waitLoaded(page, 'thon-moi.xlsx');
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});
