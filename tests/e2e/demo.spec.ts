// First visit, language, accessibility and layout, on the built-in demo.
import { test, expect } from './fixtures';
import { openApp, seriousViolations, shot, valueOf } from './helpers';

test('the first visit opens the demo scorecard with a call to use your own file', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('tab-score')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('use-your-file')).toHaveText('Dùng tệp của bạn');
  // The Bảo Thắng story (domain brief §1): 20 villages recognized across all 14 communes.
  expect(await valueOf(page, 'sum-recognized')).toBe(20);
  expect(await valueOf(page, 'sum-covered')).toBe(await page.getByTestId('sum-communes').getAttribute('data-value').then(Number));
  expect(await valueOf(page, 'sum-units')).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('village-row').first()).toBeVisible();
  await expect(page.getByTestId('commune-row')).not.toHaveCount(0);
  // The CTA is the label of the real file input: keyboard users reach the same control.
  await expect(page.locator('#file-input')).toHaveAttribute('type', 'file');
  await shot(page, 'demo-scorecard');

  await page.getByTestId('tab-turnaround').click();
  await expect(page.getByTestId('ta-summary')).toBeVisible();
  expect(await valueOf(page, 'ta-dossiers')).toBeGreaterThan(0);
  await shot(page, 'demo-turnaround');
});

test('the English toggle changes the UI text, keeps the data and is remembered', async ({ page }) => {
  await openApp(page);
  const numbers = async () => ({
    units: await valueOf(page, 'sum-units'),
    recognized: await valueOf(page, 'sum-recognized'),
    near: await valueOf(page, 'sum-near'),
    firstVillage: await page.getByTestId('village-name').first().textContent(),
  });
  const vi = await numbers();
  await expect(page.getByTestId('tab-score')).toHaveText('Chấm điểm thôn');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tab-score')).toHaveText('Village scorecard');
  await expect(page.getByTestId('use-your-file')).toHaveText('Use your own file');
  expect(await numbers()).toEqual(vi);
  await shot(page, 'demo-english');

  await page.reload();
  await openApp(page);
  await expect(page.getByTestId('tab-score')).toHaveText('Village scorecard');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('tab-score')).toHaveText('Chấm điểm thôn');
});

for (const lang of ['vi', 'en'] as const) {
  test(`axe-core finds no serious or critical violation on any main view (${lang})`, async ({ page }) => {
    await openApp(page);
    if (lang === 'en') await page.getByTestId('lang-toggle').click();
    const report: Record<string, unknown> = {};
    for (const view of ['score', 'turnaround', 'data', 'store'] as const) {
      await page.getByTestId(`tab-${view}`).click();
      await expect(page.locator(`#panel-${view}`)).toBeVisible();
      if (view === 'score') {
        // Open the parts that are folded away: village detail and what-if sliders.
        await page.getByTestId('village-open').first().click();
        await expect(page.getByTestId('village-detail')).toBeVisible();
        await page.getByTestId('whatif').locator('summary').click();
      }
      const v = await seriousViolations(page);
      if (v.length) report[view] = v;
    }
    expect(report).toEqual({});
  });
}

test('the village table sorts, filters and opens a village', async ({ page }) => {
  await openApp(page);
  const readiness = () =>
    page.getByTestId('village-readiness').evaluateAll((cells) => cells.map((c) => Number(c.querySelector('[data-value]')?.getAttribute('data-value'))));
  const desc = await readiness();
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await page.getByRole('button', { name: /Mức sẵn sàng/ }).click();
  const asc = await readiness();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));

  await page.getByTestId('filter-status').selectOption('recognized');
  const statuses = await page.getByTestId('village-status').locator('[data-status]').evaluateAll((b) => b.map((x) => x.getAttribute('data-status')));
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['recognized']));

  await page.getByTestId('village-open').first().click();
  const detail = page.getByTestId('village-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('indicator-row')).not.toHaveCount(0);
  await expect(detail.locator('h2')).toBeFocused();
});

test('a what-if threshold change re-scores without touching the original', async ({ page }) => {
  await openApp(page);
  const original = await valueOf(page, 'sum-recognized');
  await page.getByTestId('whatif').locator('summary').click();
  // Raising a ">=" threshold can only make passing harder.
  const sliders = page.locator('[data-testid^="whatif-threshold-"][data-rule=">="]');
  await expect(sliders.first()).toBeVisible();
  const n = await sliders.count();
  for (let i = 0; i < n; i++) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  await expect(page.getByTestId('whatif-status')).not.toHaveText(/^(Chưa thay đổi gì\.)$/);
  await expect.poll(() => valueOf(page, 'sum-recognized')).toBeLessThanOrEqual(original!);
  await page.getByTestId('whatif-reset').click();
  await expect.poll(() => valueOf(page, 'sum-recognized')).toBe(original);
});

test('the summary reads on a 360-px phone and the desktop layout fits 1366x768', async ({ page }) => {
  await openApp(page);
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'layout-1366', false);
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByTestId('score-summary')).toBeVisible();
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.getByTestId('sum-recognized').boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await shot(page, 'layout-360');
});

test('print shows the report views (scorecard and turnaround, not the review or saved work) and hides the controls', async ({ page }) => {
  await openApp(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#panel-score')).toBeVisible();
  await expect(page.locator('#panel-turnaround')).toBeVisible();
  await expect(page.locator('#panel-data')).toBeHidden();
  await expect(page.locator('#panel-store')).toBeHidden();
  await expect(page.getByTestId('dropzone')).toBeHidden();
  await expect(page.getByTestId('export-xlsx')).toBeHidden();
  await shot(page, 'print');
});
