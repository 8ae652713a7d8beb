// The page and the native CLI run the same core: for the same file, the
// numbers on the page equal the CLI's --json output. Needs target/*/thonso
// (or THONSO_BIN); fails with a clear message when it has not been built.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, fixtureFiles, mimeFor, openApp, pickFile, shownSheets, thonso, valueOf, waitLoaded, workbooks } from './helpers';

async function pageScore(page: Page) {
  await page.getByTestId('tab-score').click();
  if (await page.getByTestId('no-villages').count()) return null;
  const communes = await page.getByTestId('commune-row').evaluateAll((trs) =>
    trs.map((tr) => {
      const v = (id: string) => {
        const s = tr.querySelector(`[data-testid="${id}"] [data-value]`)?.getAttribute('data-value');
        return s === undefined || s === null || s === '' ? null : Number(s);
      };
      return {
        commune: tr.querySelector('[data-testid="commune-name"]')?.textContent ?? '',
        units: v('commune-units'),
        recognized: v('commune-recognized'),
        plan: v('commune-plan'),
      };
    }),
  );
  return {
    summary: {
      units: await valueOf(page, 'sum-units'),
      recognized: await valueOf(page, 'sum-recognized'),
      near: await valueOf(page, 'sum-near'),
      communes: Number(await page.getByTestId('sum-communes').getAttribute('data-value')),
      communes_covered: await valueOf(page, 'sum-covered'),
    },
    communes: communes.sort((a, b) => a.commune.localeCompare(b.commune)),
  };
}

async function pageTurnaround(page: Page) {
  await page.getByTestId('tab-turnaround').click();
  if (await page.getByTestId('no-dossiers').count()) return null;
  const overall: Record<string, number | null> = {};
  for (const [key, id] of [
    ['median_working_days', 'ta-median'],
    ['p90_working_days', 'ta-p90'],
    ['km_median_working_days', 'ta-km'],
    ['on_time_rate', 'ta-on-time'],
    ['online_rate', 'ta-online'],
    ['dossiers', 'ta-dossiers'],
    ['open', 'ta-open'],
  ] as const)
    overall[key] = await valueOf(page, id);
  overall.completed = Number(await page.getByTestId('ta-completed').getAttribute('data-value'));
  // Shown only when non-zero: absent means 0.
  overall.paused = (await page.getByTestId('ta-paused').count()) ? await valueOf(page, 'ta-paused') : 0;
  const reasons = page.getByTestId('ta-excluded-reasons');
  const shown = (await reasons.count()) > 0;
  const excluded = {
    cancelled: shown ? Number(await reasons.getAttribute('data-cancelled')) : 0,
    withdrawn: shown ? Number(await reasons.getAttribute('data-withdrawn')) : 0,
    not_accepted: shown ? Number(await reasons.getAttribute('data-not-accepted')) : 0,
  };
  return { as_of: await page.getByTestId('ta-as-of').getAttribute('data-value'), overall, excluded };
}

function cliScore(file: string) {
  const r = thonso(['score', file, '--json']);
  if (r.status === 2) return null; // e.g. no village sheet: the page must say so too
  expect(r.status, r.stderr).toBe(0);
  const j = r.json;
  return {
    summary: {
      units: j.summary.units,
      recognized: j.summary.recognized,
      near: j.summary.near,
      communes: j.summary.communes,
      communes_covered: j.summary.communes_covered,
    },
    communes: (j.communes as { commune: string; units: number; recognized: number; plan: number | null }[])
      .map((c) => ({ commune: c.commune, units: c.units, recognized: c.recognized, plan: c.plan }))
      .sort((a, b) => a.commune.localeCompare(b.commune)),
  };
}

function cliTurnaround(file: string) {
  const r = thonso(['turnaround', file, '--json']);
  if (r.status === 2) return null;
  expect(r.status, r.stderr).toBe(0);
  const o = r.json.overall;
  const keys = ['median_working_days', 'p90_working_days', 'km_median_working_days', 'on_time_rate', 'online_rate', 'dossiers', 'open', 'completed', 'paused'];
  return { as_of: r.json.as_of as string, overall: Object.fromEntries(keys.map((k) => [k, o[k] ?? null])), excluded: o.excluded };
}

async function compareFile(page: Page, file: string) {
  const name = path.basename(file);
  const inspect = thonso(['inspect', file, '--json']);
  expect(inspect.status, `thonso inspect ${name}: ${inspect.stderr}`).toBe(0);

  await openApp(page);
  await pickFile(page, name, readFileSync(file), mimeFor(file));
  await waitLoaded(page, name);
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(await shownSheets(page), `${name}: sheets`).toEqual(
    (inspect.json.sheets as { name: string; rows: number }[]).map((s) => ({ name: s.name, rows: s.rows })),
  );
  const score = await pageScore(page);
  expect(score, `${name}: score`).toEqual(cliScore(file));
  const turnaround = await pageTurnaround(page);
  expect(turnaround, `${name}: turnaround`).toEqual(cliTurnaround(file));
  return { score, turnaround };
}

test('the demo workbook: page numbers equal `thonso score/turnaround --json`', async ({ page }) => {
  const dir = path.join(ARTIFACTS, 'cli');
  mkdirSync(dir, { recursive: true });
  const demo = path.join(dir, 'thonso-demo.xlsx');
  const r = thonso(['demo', '--out', demo]);
  expect(r.status, r.stderr).toBe(0);

  // The built-in demo the page opens on equals the CLI's demo...
  await openApp(page);
  expect(await pageScore(page)).toEqual(cliScore(demo));
  expect(await pageTurnaround(page)).toEqual(cliTurnaround(demo));
  // ...and so does the same file dropped into the page.
  const shown = await compareFile(page, demo);
  expect(shown.score?.summary.recognized).toBe(20);
  expect(shown.turnaround?.overall.dossiers).toBeGreaterThan(0);
});

test('the shared fixtures (xlsx, ods, csv): page numbers equal the CLI', async ({ page }) => {
  test.setTimeout(300_000);
  const files = fixtureFiles();
  expect(files.length, 'tests/fixtures/ holds no workbook to compare').toBeGreaterThan(0);
  for (const file of files) await test.step(path.basename(file), () => compareFile(page, file));
});

test('an .ods workbook (villages and dossiers): page numbers equal the CLI', async ({ page }) => {
  const wb = await workbooks();
  const dir = path.join(ARTIFACTS, 'cli');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'thon-va-ho-so.ods');
  writeFileSync(file, wb.ods([wb.villagesSheet(12), wb.dossiersSheet(300, 21)]));
  const shown = await compareFile(page, file);
  // Both analyses really ran: equal nulls would prove nothing.
  expect(shown.score?.summary.units).toBe(12);
  expect(shown.turnaround?.overall.dossiers).toBe(300);
});

// Real layouts (issue 14): the Mẫu 06 register and the national portal's
// sync fields. Beyond parity with the CLI, the numbers a user reads are the
// hand-computed ones of core/tests/real_exports.rs, the excluded counts are
// shown with their reasons, and every mapping shows its reason.
test('a Mẫu 06 register and a portal-field export: hand-checked numbers, equal to the CLI', async ({ page }) => {
  const fixtures = path.join(__dirname, '..', 'fixtures');
  const register = await compareFile(page, path.join(fixtures, 'register_mau06.xlsx'));
  expect(register.turnaround?.overall).toMatchObject({ dossiers: 8, completed: 6, open: 2, median_working_days: 1.5, p90_working_days: 4.5, km_median_working_days: 2, online_rate: null });
  expect(register.turnaround?.overall.on_time_rate).toBeCloseTo(0.6667, 4);
  // The review shows why «Nhận kết quả từ cơ quan giải quyết» is the completion date.
  await page.getByTestId('tab-data').click();
  const completed = page.getByTestId('column-mapping').filter({ hasText: 'Nhận kết quả từ cơ quan giải quyết' });
  await expect(completed.getByTestId('mapping-reason')).toContainText('Nhận kết quả từ cơ quan giải quyết');

  const portal = await compareFile(page, path.join(fixtures, 'portal_fields.csv'));
  expect(portal.turnaround?.overall).toMatchObject({ dossiers: 8, completed: 5, open: 3, paused: 2, median_working_days: 1, p90_working_days: 3.6, km_median_working_days: 3, on_time_rate: 0.8, online_rate: null });
  expect(portal.turnaround?.excluded).toEqual({ cancelled: 0, withdrawn: 1, not_accepted: 1 });
  await expect(page.getByTestId('ta-excluded-reasons')).toContainText('rút 1');
  await expect(page.getByTestId('ta-statuses')).toBeVisible();
  await expect(page.getByTestId('status-row')).toHaveCount(7); // codes 3, 4, 5, 7, 8, 9, 10

  // An OpenCPS list with an unknown status word: listed first, and the user's
  // classification changes the numbers, as the CLI's --status does.
  const opencps = path.join(fixtures, 'opencps_list.xlsx');
  const shown = await compareFile(page, opencps);
  expect(shown.turnaround?.excluded).toEqual({ cancelled: 2, withdrawn: 1, not_accepted: 1 });
  const first = page.getByTestId('status-row').first();
  await expect(first).toHaveAttribute('data-class', 'unknown');
  await first.getByTestId('status-class').selectOption('cancelled');
  await expect(page.getByTestId('ta-excluded-reasons')).toHaveAttribute('data-cancelled', '3');
  const cli = thonso(['turnaround', opencps, '--json', '--status', 'Chuyển liên thông=cancelled']);
  expect(cli.status, cli.stderr).toBe(0);
  expect(await valueOf(page, 'ta-dossiers')).toBe(cli.json.overall.dossiers);
  expect(cli.json.overall.dossiers).toBe(9);
});
