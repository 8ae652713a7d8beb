// Several communes' share links combined (issue 15, part 3): three commune
// files are opened one after the other, each gives its "link for combining";
// pasted together on the landing page they give one report whose numbers
// equal the CLI's on the three files pooled.
import { test, expect } from './fixtures';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, openFile, shot, thonso, workbooks } from './helpers';

const COMMUNES = ['Sơn Hà', 'Phố Lu', 'Gia Phú'];
const VILLAGE_HEADER = ['STT', 'Xã', 'Thôn', 'Tỷ lệ hộ có Internet cáp quang', 'Phủ sóng 4G/5G', 'Wifi miễn phí', 'Tổ công nghệ số cộng đồng'];
const DOSSIER_HEADER = ['Mã hồ sơ', 'Tên thủ tục', 'Xã', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Trạng thái'];
const PROCEDURES = ['Chứng thực bản sao từ bản chính', 'Đăng ký khai sinh', 'Đăng ký kết hôn'];
const CHANNELS = ['Trực tuyến', 'Trực tiếp', 'Bưu chính'];
/** Every file's latest date, so that the three stand at the same `as_of`. */
const LAST = Date.UTC(2025, 1, 28);

function ddmmyyyy(t: number): string {
  const d = new Date(t);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Commune `c`: 6 villages and 80 dossiers over 2024 to February 2025, some open. */
async function communeFile(c: number): Promise<Buffer> {
  const wb = await workbooks();
  const rand = wb.rng(100 + c);
  const villages: (string | number)[][] = [VILLAGE_HEADER];
  for (let i = 0; i < 6; i++) {
    villages.push([i + 1, COMMUNES[c], `Thôn ${i + 1}`, Math.round(60 + rand() * 40), rand() > 0.2 ? 'Có' : 'Không', rand() > 0.3 ? 'Có' : 'Không', rand() > 0.3 ? 'Có' : 'Không']);
  }
  const dossiers: (string | number)[][] = [DOSSIER_HEADER];
  const start = Date.UTC(2024, 0, 2);
  for (let i = 0; i < 80; i++) {
    const received = start + Math.floor(rand() * 380) * 86400000;
    const done = received + Math.floor(rand() * rand() * 20) * 86400000;
    const open = rand() < 0.15 || done >= LAST;
    dossiers.push([
      `HS-${c}-${i + 1}`,
      PROCEDURES[i % PROCEDURES.length],
      COMMUNES[c],
      CHANNELS[Math.floor(rand() * 3)],
      ddmmyyyy(received),
      ddmmyyyy(Math.min(received + 7 * 86400000, LAST)),
      open ? '' : ddmmyyyy(done),
      open ? 'Đang xử lý' : 'Đã có kết quả',
    ]);
  }
  dossiers.push([`HS-${c}-last`, PROCEDURES[0], COMMUNES[c], CHANNELS[0], ddmmyyyy(LAST), ddmmyyyy(LAST), ddmmyyyy(LAST), 'Đã có kết quả']);
  return Buffer.from(
    wb.xlsx([
      { name: 'Danh sách thôn', rows: villages },
      { name: 'Hồ sơ', rows: dossiers },
    ]),
  );
}

test('three communes\' links pasted together give the numbers of their files pooled', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'thonso-merge-'));
  const files: string[] = [];
  const links: string[] = [];
  await openApp(page);
  for (let c = 0; c < 3; c++) {
    const name = `xa-${c + 1}.xlsx`;
    const bytes = await communeFile(c);
    files.push(path.join(dir, name));
    writeFileSync(files[c], bytes);
    await openFile(page, name, bytes);
    await page.getByTestId('share').click();
    await page.getByTestId('share-merge').locator('summary').click();
    const field = page.getByTestId('share-merge-link');
    await expect(field).toHaveValue(/#s=v1\./);
    links.push(await field.inputValue());
    // The commune's link for combining stays short enough to send.
    expect(links[c].length).toBeLessThan(2000);
    await page.getByTestId('share-close').click();
  }

  await page.getByTestId('merge-links').locator('summary').click();
  await page.getByTestId('merge-input').fill(links.join('\n'));
  await page.getByTestId('merge-go').click();
  await expect(page.getByTestId('share-report')).toBeVisible();
  await expect(page.getByTestId('merge-source')).toHaveCount(3);
  await expect(page.getByTestId('merge-source').first()).toContainText('xa-1.xlsx');
  await expect(page.getByTestId('merge-conflicts')).toHaveCount(0);
  const value = async (id: string) => {
    const v = await page.locator(`[data-testid="${id}"] .card-value`).first().getAttribute('data-value');
    return v === null || v === '' ? null : Number(v);
  };
  const shown = {
    units: await value('share-units'),
    recognized: await value('share-recognized'),
    near: await value('share-near'),
    median: await value('share-ta-median'),
    p90: await value('share-ta-p90'),
    km: await value('share-ta-km'),
    onTime: await value('share-ta-on-time'),
    online: await value('share-ta-online'),
    dossiers: await value('share-ta-dossiers'),
    open: await value('share-ta-open'),
    overdue: await value('share-ta-overdue'),
  };
  await shot(page, 'share-merge');

  // The CLI on the three files pooled (several files read as one analysis).
  const score = thonso(['score', ...files, '--json']);
  const turn = thonso(['turnaround', ...files, '--json']);
  expect(score.status, score.stderr).toBe(0);
  expect(turn.status, turn.stderr).toBe(0);
  const s = score.json.summary ?? score.json;
  const o = turn.json.overall;
  expect(shown).toEqual({
    units: s.units,
    recognized: s.recognized,
    near: s.near,
    median: o.median_working_days,
    p90: o.p90_working_days,
    km: o.km_median_working_days,
    onTime: o.on_time_rate,
    online: o.online_rate,
    dossiers: o.dossiers,
    open: o.open,
    overdue: o.overdue_open,
  });
  expect(o.open).toBeGreaterThan(0);
  expect(s.units).toBe(18);

  // The same link twice is refused, naming the links.
  await page.getByTestId('share-open-app').click();
  await expect(page.getByTestId('merge-links')).toBeVisible();
  await page.getByTestId('merge-links').locator('summary').click();
  await page.getByTestId('merge-input').fill([links[0], links[1], links[0]].join('\n'));
  await page.getByTestId('merge-go').click();
  await expect(page.getByTestId('share-invalid')).toContainText('xa-1.xlsx');
});
