// Exports: the XLSX report (written in wasm) and the CSV village list.
import { test, expect } from './fixtures';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { ARTIFACTS, openApp, pickFile, thonso, valueOf, waitLoaded, workbooks } from './helpers';

test('the XLSX report downloads, and SheetJS (a reader that is not ours) and our CLI both read the same village and commune counts from it', async ({ page }) => {
  await openApp(page);
  const units = await valueOf(page, 'sum-units');
  const communes = Number(await page.getByTestId('sum-communes').getAttribute('data-value'));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/\.xlsx$/);
  const dir = path.join(ARTIFACTS, 'downloads');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // SheetJS, independent of the core's reader: the summary's count, one row a
  // village and one row a commune under each header row.
  const book = XLSX.read(bytes, { type: 'buffer' });
  expect(book.SheetNames).toEqual(expect.arrayContaining(['Tổng hợp', 'Thôn', 'Xã']));
  const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name], { header: 1, blankrows: false });
  expect(rows('Tổng hợp').find((r) => r[0] === 'Số thôn/TDP')?.[1]).toBe(units);
  expect(rows('Thôn').length - 1).toBe(units);
  expect(rows('Xã').length - 1).toBe(communes);

  // Our own reader, through the CLI (the streaming xlsx reader; calamine only
  // where it falls back), finds the same counts.
  const r = thonso(['inspect', file, '--json']);
  expect(r.status, r.stderr).toBe(0);
  const sheets = r.json.sheets as { name: string; rows: number }[];
  // summary, villages, communes, turnaround, diagnostics
  expect(sheets.length).toBeGreaterThanOrEqual(5);
  expect(sheets.map((s) => s.rows)).toContain(units);
  expect(sheets.map((s) => s.rows)).toContain(communes);
});

test('the CSV village list neutralises cells that start with = + - @', async ({ page }) => {
  const wb = await workbooks();
  const names = ['=HYPERLINK("http://x","y")', '+1+2', '-3', '@SUM(A1)', 'Thôn Bình thường'];
  await openApp(page);
  await pickFile(page, 'nguy-hiem.xlsx', wb.xlsx([wb.villagesSheet(names.length, names)]));
  await waitLoaded(page, 'nguy-hiem.xlsx');
  await page.getByTestId('tab-score').click();
  await expect(page.getByTestId('village-row')).toHaveCount(names.length);
  // Names are shown as text, exactly as written.
  for (const n of names) await expect(page.getByTestId('village-name').filter({ hasText: n }).first()).toHaveText(n);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const d = await download;
  const text = readFileSync(await d.path()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // BOM so Excel reads UTF-8
  const lines = text.slice(1).trim().split(/\r\n/);
  expect(lines.length).toBe(names.length + 1);
  for (const line of lines) {
    // Split on commas outside quotes.
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    for (const c of cells) expect(c, `cell ${c}`).not.toMatch(/^[=+\-@]/);
  }
  for (const n of names.slice(0, 4)) expect(text).toContain(`'${n.replace(/"/g, '""')}`);
  expect(text).toContain('Thôn Bình thường');
});
