// Launch dates entered in the page (issue 17): a workbook whose villages
// sheet has no «Ngày ra mắt» column gets a launch date for one village in
// the turnaround view; the before/after table gains that village with the
// split the test computes from the generated rows; a second date moves the
// split; the village detail of the scorecard shows and changes the same
// date; everything survives a reload (saved in the workspace manifest).
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { foreignRequests, mimeFor, openApp, pickFile, recordRequests, seriousViolations, shot, waitLoaded, waitSaved, workbooks } from './helpers';

const COMMUNE = 'Phố Lu';
const VILLAGE = 'Thôn 1';
const FILE = 'ra-mat.ods';

/** dd/mm/yyyy → yyyy-mm-dd. */
function iso(dmy: string): string {
  const [d, m, y] = dmy.split('/');
  return `${y}-${m}-${d}`;
}

/** dd/mm/yyyy of an ISO date. */
function dmy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** The village's row of the before/after table: [before, after] dossier counts. */
async function baCounts(page: Page): Promise<[number, number]> {
  const row = page.getByTestId('ba-row').filter({ has: page.getByTestId('ba-unit').getByText(`${VILLAGE} (${COMMUNE})`, { exact: true }) });
  await expect(row).toHaveCount(1);
  const before = await row.getByTestId('ba-before-dossiers').locator('[data-value]').getAttribute('data-value');
  const after = await row.getByTestId('ba-after-dossiers').locator('[data-value]').getAttribute('data-value');
  return [Number(before), Number(after)];
}

test('a launch date entered in the page splits the village’s dossiers before/after, can be changed in the village detail, and survives a reload', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const urls = recordRequests(context);
  const wb = await workbooks();
  const villages = wb.villagesSheet(12);
  const dossiers = wb.dossiersSheet(300, 21);
  // The villages sheet has no launch-date column: nothing to compare before the user enters one.
  expect(villages.rows[0].some((c: unknown) => /ra mắt/i.test(String(c)))).toBe(false);

  // The test's own split: the village's dossiers by received date (column «Ngày tiếp nhận»).
  const header = dossiers.rows[0] as string[];
  const [ci, vi, ri] = [header.indexOf('Xã'), header.indexOf('Thôn'), header.indexOf('Ngày tiếp nhận')];
  const received = (dossiers.rows.slice(1) as string[][])
    .filter((r) => r[ci] === COMMUNE && r[vi] === VILLAGE)
    .map((r) => iso(r[ri]))
    .sort();
  expect(received.length).toBeGreaterThan(8);
  // Launch on a received date of the village (a dossier received on the launch day counts after).
  const launch1 = received[Math.floor(received.length / 2)];
  const launch2 = received[Math.floor(received.length / 4)];
  const split = (launch: string): [number, number] => {
    const before = received.filter((d) => d < launch).length;
    return [before, received.length - before];
  };
  expect(split(launch1)).not.toEqual(split(launch2));

  await openApp(page);
  await pickFile(page, FILE, Buffer.from(wb.ods([villages, dossiers])), mimeFor(FILE));
  await waitLoaded(page, FILE);
  await waitSaved(page);

  // The turnaround view: no launch dates yet, no before/after.
  await page.getByTestId('tab-turnaround').click();
  await expect(page.getByTestId('launch-none')).toBeVisible();
  await expect(page.getByTestId('ba-row')).toHaveCount(0);

  // Enter one, dd/mm/yyyy, for a village chosen from those the file lists.
  await page.getByTestId('launch-unit').selectOption({ label: `${VILLAGE} — ${COMMUNE}` });
  await page.getByTestId('launch-date').fill(dmy(launch1));
  await page.getByTestId('launch-add').click();
  const entry = page.getByTestId('launch-row');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-village', VILLAGE);
  await expect(entry).toHaveAttribute('data-source', 'user');
  await expect(entry).toHaveAttribute('data-date', launch1);
  await expect(entry.getByTestId('launch-row-date')).toHaveText(dmy(launch1));
  await expect(page.getByTestId('ta-launch-highlight')).toBeVisible();
  expect(await baCounts(page)).toEqual(split(launch1));
  await waitSaved(page);
  await page.getByTestId('launch-section').scrollIntoViewIfNeeded();
  await shot(page, 'launch-dates-turnaround', false);
  expect(await seriousViolations(page)).toEqual([]);

  // The scorecard's village detail shows the same date, and changes it.
  await page.getByTestId('tab-score').click();
  await page.getByRole('button', { name: `Chi tiết: ${VILLAGE} (${COMMUNE})`, exact: true }).click();
  const detail = page.getByTestId('village-detail');
  await expect(detail.getByTestId('detail-launch-value')).toHaveAttribute('data-value', launch1);
  await expect(detail.getByTestId('detail-launch-date')).toHaveValue(dmy(launch1));
  await detail.getByTestId('detail-launch-date').fill(dmy(launch2));
  await detail.getByTestId('detail-launch-save').click();
  await expect(detail.getByTestId('detail-launch-value')).toHaveAttribute('data-value', launch2);
  await shot(page, 'launch-dates-detail', false);
  expect(await seriousViolations(page)).toEqual([]);
  await waitSaved(page);
  await page.getByTestId('tab-turnaround').click();
  await expect(page.getByTestId('launch-row')).toHaveAttribute('data-date', launch2);
  expect(await baCounts(page)).toEqual(split(launch2));

  // A reload reopens the workspace with the date and the numbers.
  await page.reload();
  await waitLoaded(page, FILE);
  await page.getByTestId('tab-turnaround').click();
  await expect(page.getByTestId('launch-row')).toHaveAttribute('data-date', launch2);
  await expect(page.getByTestId('launch-row')).toHaveAttribute('data-source', 'user');
  expect(await baCounts(page)).toEqual(split(launch2));

  // Removing it takes the village out of before/after again, also after a reload.
  await page.getByTestId('launch-remove').click();
  await expect(page.getByTestId('launch-none')).toBeVisible();
  await expect(page.getByTestId('ba-row')).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  await waitLoaded(page, FILE);
  await page.getByTestId('tab-turnaround').click();
  await expect(page.getByTestId('launch-none')).toBeVisible();
  await expect(page.getByTestId('ba-row')).toHaveCount(0);

  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});
