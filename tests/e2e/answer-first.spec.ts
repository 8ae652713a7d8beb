// What an official sees (issue 18): after a drop, the answer (scorecard or
// dashboard) with a banner saying what was read; a QR code that a real
// decoder reads at its displayed size and that opens the same numbers; the
// shared report phone-first; dates typed dd/mm/yyyy; a chart of villages
// recognized against plan. Every test also checks no request leaves
// localhost.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { foreignRequests, mimeFor, openApp, openFile, recordRequests, seriousViolations, valueOf, workbooks } from './helpers';

/** Switch the page to English with its own toggle. */
async function toEnglish(page: Page): Promise<void> {
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** The QR in the share dialog, screenshotted at the size it is shown, decoded by jsQR. */
async function decodeShownQr(page: Page): Promise<{ text: string; pxPerModule: number; which: string }> {
  const fig = page.getByTestId('share-qr');
  const svg = fig.locator('svg');
  await expect(svg).toBeVisible();
  const pxPerModule = Number(await svg.getAttribute('data-px-per-module'));
  const png = PNG.sync.read(await svg.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(code, 'jsQR reads the QR as shown').not.toBeNull();
  return { text: code!.data, pxPerModule, which: (await fig.getAttribute('data-which')) ?? '' };
}

test('a dropped village file opens on the scorecard, a dossier file on the dashboard, with a banner saying what was read', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  const wb = await workbooks();
  // Villages only → the scorecard, no extra click.
  await openFile(page, 'thon.xlsx', Buffer.from(wb.xlsx([wb.villagesSheet(12)])), mimeFor('x.xlsx'));
  await expect(page.getByTestId('tab-score')).toHaveAttribute('aria-selected', 'true');
  expect(await valueOf(page, 'sum-units')).toBe(12);
  const banner = page.getByTestId('read-banner');
  await expect(banner).toContainText('12 thôn');
  await expect(banner).toHaveAttribute('data-warn', 'false');
  await expect(page.getByTestId('chart-commune-plan')).toBeVisible();
  // The review is one click away.
  await page.getByTestId('read-banner-review').click();
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');

  // A register whose completion date is the return date: the dashboard, and the banner warns.
  const csv =
    'TT,Mã hồ sơ,Tên TTHC,Nhận hồ sơ,Hẹn trả kết quả,Trả kết quả\n1,A1,Đăng ký khai sinh,03/06/2024,05/06/2024,06/06/2024\n2,A2,Đăng ký khai sinh,04/06/2024,06/06/2024,05/06/2024\n';
  await openFile(page, 'so-theo-doi.csv', Buffer.from(csv), 'text/csv');
  await expect(page.getByTestId('tab-turnaround')).toHaveAttribute('aria-selected', 'true');
  expect(await valueOf(page, 'ta-dossiers')).toBe(2);
  await expect(page.getByTestId('read-banner')).toHaveAttribute('data-warn', 'true');
  await expect(page.getByTestId('read-banner')).toContainText('2 hồ sơ');
  await expect(page.getByTestId('ta-completion-returned')).toBeVisible();
  // The doubtful mapping is listed first in the review, with its reason.
  await page.getByTestId('read-banner-review').click();
  const first = page.getByTestId('column-mapping').first();
  await expect(first).toHaveAttribute('data-confidence', 'doubtful');
  await expect(first.getByTestId('mapping-reason')).toContainText('ngày trả kết quả');

  // A file with both: the scorecard, and a visible switch to the dashboard.
  await openFile(page, 'ca-hai.ods', Buffer.from(wb.ods([wb.villagesSheet(12), wb.dossiersSheet(60, 3)])), mimeFor('x.ods'));
  await expect(page.getByTestId('tab-score')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('read-banner-switch').click();
  await expect(page.getByTestId('tab-turnaround')).toHaveAttribute('aria-selected', 'true');
  expect(await valueOf(page, 'ta-dossiers')).toBe(60);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('the QR in the share dialog decodes at its shown size to a link with the same headline numbers (demo and 2,000 villages)', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(180_000);
  const urls = recordRequests(context);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  const recognized = await valueOf(page, 'sum-recognized');
  await page.getByTestId('share').click();
  const full = await page.getByTestId('share-link').inputValue();
  const qr = await decodeShownQr(page);
  expect(qr.pxPerModule, 'at least 4 px a module').toBeGreaterThanOrEqual(4);
  // The demo's full link (~1,900 characters) cannot scan at that size: the QR holds the summary, and says so.
  expect(full.length).toBeGreaterThan(1000);
  expect(qr.which).toBe('summary');
  await expect(page.getByTestId('share-qr-caption')).toContainText('tóm tắt');
  expect(qr.text.startsWith(`${baseURL}/#s=v1.`)).toBe(true);
  // Full screen shows the same QR, larger.
  await page.getByTestId('share-qr-fullscreen').click();
  await expect(page.getByTestId('qr-fullscreen')).toBeVisible();
  await page.getByTestId('qr-fullscreen-close').click();

  // The decoded link, in a browser that never saw the file, opens the same headline numbers.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p2 = await phone.newPage();
  const urls2 = recordRequests(phone);
  await p2.goto(qr.text);
  await expect(p2.getByTestId('share-report')).toBeVisible();
  await expect(p2.getByTestId('share-headline-villages').locator('[data-value]')).toHaveAttribute('data-value', String(recognized));
  await expect(p2.getByTestId('share-summary-only')).toBeVisible();
  expect(await p2.getByTestId('share-commune-card').count()).toBe(14);
  expect(foreignRequests(urls2, baseURL!)).toEqual([]);
  await phone.close();

  // 2,000 villages: the full link is far too long; the summary still scans.
  await page.keyboard.press('Escape');
  const wb = await workbooks();
  await openFile(page, 'tinh.xlsx', Buffer.from(wb.xlsx([wb.villagesSheet(2000)])), mimeFor('x.xlsx'));
  const big = await valueOf(page, 'sum-recognized');
  await page.getByTestId('share').click();
  const qr2 = await decodeShownQr(page);
  expect(qr2.pxPerModule).toBeGreaterThanOrEqual(4);
  expect(qr2.which).toBe('summary');
  const p3 = await browser.newPage();
  await p3.goto(qr2.text);
  await expect(p3.getByTestId('share-headline-villages').locator('[data-value]')).toHaveAttribute('data-value', String(big));
  await p3.close();
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('the shared report on a 360-px phone: title, the two headline findings in the first screen, no table scrolls sideways; accessible in both languages', async ({ page, context, browser, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await phone.newPage();
  await p.goto(link);
  await expect(p.getByTestId('share-report')).toBeVisible();
  await expect(p.getByTestId('share-title')).toContainText('tính đến ngày');
  for (const id of ['share-headline-villages', 'share-headline-turnaround']) {
    const box = await p.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.y + box!.height, `${id} within the first screen`).toBeLessThanOrEqual(740);
  }
  // Demo: 14 communes as stacked cards; the provenance is below them.
  expect(await p.getByTestId('share-commune-card').count()).toBe(14);
  const cards = await p.getByTestId('share-commune-cards').boundingBox();
  const prov = await p.getByTestId('share-provenance').boundingBox();
  expect(prov!.y).toBeGreaterThan(cards!.y);
  const sideways = await p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.share-report .table-wrap, .share-report table')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.className || el.tagName),
  );
  expect(sideways).toEqual([]);
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(p)).toEqual([]);
  await toEnglish(p);
  await expect(p.getByTestId('share-headline-villages')).toContainText('villages recognized');
  expect(await seriousViolations(p)).toEqual([]);
  await phone.close();
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('dates are typed dd/mm/yyyy whatever the browser locale', async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  const urls = recordRequests(ctx);
  await openApp(page);
  await page.getByTestId('tab-turnaround').click();
  const asOf = page.getByTestId('as-of');
  await expect(asOf).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await asOf.fill('31/5/2024');
  await asOf.press('Enter');
  await expect(page.getByTestId('ta-as-of')).toHaveAttribute('data-value', '2024-05-31');
  await expect(asOf).toHaveValue('31/05/2024');
  // An impossible date is refused, never read as month/day.
  await asOf.fill('31/02/2024');
  await asOf.press('Enter');
  await expect(asOf).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('ta-as-of')).toHaveAttribute('data-value', '2024-05-31');
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
  await ctx.close();
});

test('the read banner and the share dialog, and the banner in English, have no serious or critical accessibility violations', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  const wb = await workbooks();
  await openFile(page, 'thon.xlsx', Buffer.from(wb.xlsx([wb.villagesSheet(12)])), mimeFor('x.xlsx'));
  await expect(page.getByTestId('read-banner')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-qr')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await toEnglish(page);
  await expect(page.getByTestId('read-banner')).toContainText('Read');
  expect(await seriousViolations(page)).toEqual([]);
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});

test('printing gives an official-looking A4 report: motto block, title, as-of date, table headers, signature', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  await page.emulateMedia({ media: 'print' });
  const head = page.getByTestId('print-head');
  await expect(head).toBeVisible();
  await expect(head).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(head).toContainText('Độc lập - Tự do - Hạnh phúc');
  await expect(head).toContainText('Tính đến ngày');
  await expect(page.getByTestId('print-sign')).toContainText('(Ký, ghi rõ họ tên)');
  // The village table keeps its column headers on paper (they are sort buttons on screen).
  const th = page.getByTestId('villages').locator('thead th').first();
  await expect(th).toBeVisible();
  expect((await th.innerText()).trim().length).toBeGreaterThan(0);
  // The review and saved-work tabs are not part of the report.
  await expect(page.locator('#panel-data')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'pages of the demo report').toBeGreaterThan(0);
  expect(pages, 'the demo printed on 10 pages before').toBeLessThan(10);
  // A4 portrait: 210 × 297 mm = 595.3 × 841.9 points, every page.
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [w, h] of boxes) {
    expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
  }
  expect(foreignRequests(urls, baseURL!)).toEqual([]);
});
