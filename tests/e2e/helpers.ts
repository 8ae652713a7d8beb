// Shared helpers for the end-to-end specs.
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import config from './playwright.config';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const ARTIFACTS = path.join(__dirname, 'artifacts');

/** Load the workbook writers (an ES module) from the CommonJS-transpiled specs. */
export async function workbooks(): Promise<typeof import('../support/workbook.mjs')> {
  return import(path.join(ROOT, 'tests/support/workbook.mjs'));
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const dir = path.join(ARTIFACTS, 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

/** Wait until no read is in progress and `name` is the file on show. */
export async function waitLoaded(page: Page, name?: string | RegExp): Promise<void> {
  if (name !== undefined) await expect(page.getByTestId('current-file')).toHaveText(name);
  else await expect(page.getByTestId('current-file')).not.toHaveText('—');
  await expect(page.getByTestId('progress-area')).toBeHidden();
}

/** Open the app and wait for the built-in demo workbook to be read. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await waitLoaded(page);
  await expect(page.getByTestId('error')).toHaveCount(0);
}

/** Pick a file with the real <input type=file>. */
export async function pickFile(page: Page, name: string, bytes: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: bytes });
}

/** Pick a file and wait until it has been read and is the file on show. */
export async function openFile(page: Page, name: string, bytes: Buffer, mimeType?: string): Promise<void> {
  await pickFile(page, name, bytes, mimeType);
  await waitLoaded(page, name);
}

/** On the scorecard: open the what-if panel, move the first "at least" threshold to its maximum, wait until the page says the criteria changed. */
export async function raiseFirstThreshold(page: Page): Promise<void> {
  await page.getByTestId('whatif').locator('summary').click();
  const slider = page.locator('[data-testid^="whatif-threshold-"][data-rule=">="]').first();
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('whatif-status')).not.toHaveText('Chưa thay đổi gì.');
}

/** Drop a file with a synthetic drag-and-drop: a DataTransfer built inside the page. */
export async function dropFile(page: Page, name: string, bytes: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64, mimeType }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type: mimeType }));
      return dt;
    },
    { name, b64: bytes.toString('base64'), mimeType },
  );
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

export interface ShownSheet {
  name: string;
  rows: number;
}

export async function shownSheets(page: Page): Promise<ShownSheet[]> {
  // A new file opens on its answer (issue 18); the sheets are on the review tab.
  await page.getByTestId('tab-data').click();
  const rows = page.getByTestId('sheet-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.querySelector('[data-testid="sheet-name"]')?.textContent ?? '',
      rows: Number(tr.querySelector('[data-testid="sheet-rows"]')?.getAttribute('data-value')),
    })),
  );
}

/** The raw number behind a card or cell (data-value), not its localised text. */
export async function valueOf(page: Page, testid: string): Promise<number | null> {
  const v = await page.getByTestId(testid).locator('[data-value]').first().getAttribute('data-value');
  return v === null || v === '' ? null : Number(v);
}

// ------------------------------------------------------------ privacy

/** Record every request of the context (pages and workers). */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * The URLs that left the machine: anything but http(s)/ws(s) to localhost,
 * 127.0.0.1 or [::1] on `baseURL`'s port, and blob:, data: and file: URLs.
 * `fixtures.ts` checks this after every test.
 */
export function foreignRequests(urls: string[], baseURL: string): string[] {
  const port = new URL(baseURL).port;
  return urls.filter((u) => {
    if (/^(blob|data|file):/.test(u)) return false;
    try {
      const url = new URL(u);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.port === port;
      return !local || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
    } catch {
      return true;
    }
  });
}

// ------------------------------------------------------------ accessibility

const AXE_SOURCE = readFileSync(path.join(ROOT, 'www/node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Run axe-core (injected from node_modules, never a CDN); return serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Not addScriptTag: the page's CSP (rightly) blocks inline scripts. A
  // DevTools-protocol evaluation is not subject to CSP, and the CSP stays on.
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ------------------------------------------------------------ the CLI

/** The native `thonso` binary; fails with a clear message when it has not been built. */
export function thonsoBin(): string {
  const candidates = [process.env.THONSO_BIN, path.join(ROOT, 'target/release/thonso'), path.join(ROOT, 'target/debug/thonso')].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `The thonso CLI was not found (looked in: ${candidates.join(', ')}). Build it with "cargo build --release -p thonso-cli" or set THONSO_BIN.`,
    );
  }
  return found;
}

export interface CliResult {
  status: number | null;
  json: any;
  stderr: string;
}

export function thonso(args: string[]): CliResult {
  const r = spawnSync(thonsoBin(), args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
  let json: unknown = null;
  try {
    json = r.stdout ? JSON.parse(r.stdout) : null;
  } catch {
    json = null;
  }
  return { status: r.status, json, stderr: r.stderr };
}

/** Workbooks in tests/fixtures/ (shared by every test tier), by extension. */
export function fixtureFiles(exts = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv', '.tsv', '.txt']): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES, { recursive: true })
    .map(String)
    .filter((f) => exts.some((e) => f.toLowerCase().endsWith(e)))
    .filter((f) => !/(^|\/)(bad|broken|invalid|fuzz|crash)/i.test(f))
    .sort()
    .map((f) => path.join(FIXTURES, f));
}

export function mimeFor(file: string): string {
  if (file.endsWith('.ods')) return 'application/vnd.oasis.opendocument.spreadsheet';
  if (/\.(csv|tsv|txt)$/.test(file)) return 'text/plain';
  return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

// ------------------------------------------------------------ workspaces, sharing, offline

/** The CLI's demo workbook as a user file (not the page's built-in demo). */
export function demoWorkbook(): string {
  const dir = path.join(ARTIFACTS, 'cli');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bao-thang.xlsx');
  if (!existsSync(file)) {
    const r = thonso(['demo', '--out', file]);
    if (r.status !== 0) throw new Error(`thonso demo failed: ${r.stderr}`);
  }
  return file;
}

/**
 * A browser with its own profile folder (IndexedDB survives closing it), set
 * up as playwright.config.ts sets up every test's browser. The request
 * fixture (fixtures.ts) watches it like any other context.
 */
export async function launchProfile(profile: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...config.use!.launchOptions,
    headless: true,
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
}

/** The one-file build (www/dist-single/thonso.html) and a page in a new context, not yet opened; `urls` records every request of that context. */
export async function oneFileBuild(browser: Browser): Promise<{ url: string; context: BrowserContext; page: Page; urls: string[] }> {
  const file = path.join(ROOT, 'www/dist-single/thonso.html');
  expect(existsSync(file), 'www/dist-single/thonso.html is missing: run "npm run build" in www/ (it ends with build:single)').toBe(true);
  const context = await browser.newContext({ locale: 'vi-VN' });
  const urls = recordRequests(context);
  const page = await context.newPage();
  return { url: pathToFileURL(file).href, context, page, urls };
}

/** The core's share link text (what follows "#s=") for the built-in demo workbook, made in Node. */
export async function demoShareText(): Promise<string> {
  const wasm = await wasmInNode();
  const session = wasm.Session.open(wasm.demo_workbook(), 'thonso-demo.xlsx', null, undefined);
  try {
    return session.share_link('2024-07-01T08:00:00Z', undefined);
  } finally {
    session.free();
  }
}

/** Wait until the auto-save of the workspace on show has committed. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

export interface Numbers {
  score: { units: number | null; recognized: number | null; near: number | null; covered: number | null; communes: number; plan: number | null } | null;
  communes: { commune: string; units: number | null; recognized: number | null; plan: number | null }[];
  turnaround: Record<string, number | null> | null;
}

/** The headline numbers of the main views (raw data-value, not formatted text). */
export async function pageNumbers(page: Page): Promise<Numbers> {
  const num = async (sel: string) => {
    const loc = page.locator(sel);
    if (!(await loc.count())) return null;
    const v = await loc.first().getAttribute('data-value');
    return v === null || v === '' ? null : Number(v);
  };
  const card = (id: string) => num(`[data-testid="${id}"] .card-value`);
  await page.getByTestId('tab-score').click();
  const hasScore = !(await page.getByTestId('no-villages').count());
  const score = hasScore
    ? {
        units: await card('sum-units'),
        recognized: await card('sum-recognized'),
        near: await card('sum-near'),
        covered: await card('sum-covered'),
        communes: Number(await page.getByTestId('sum-communes').getAttribute('data-value')),
        plan: await num('[data-testid="sum-plan"]'),
      }
    : null;
  const communes = hasScore
    ? await page.getByTestId('commune-row').evaluateAll((trs) =>
        trs.map((tr) => {
          const v = (id: string) => {
            const s = tr.querySelector(`[data-testid="${id}"] [data-value]`)?.getAttribute('data-value');
            return s === undefined || s === null || s === '' ? null : Number(s);
          };
          return { commune: tr.querySelector('[data-testid="commune-name"]')?.textContent ?? '', units: v('commune-units'), recognized: v('commune-recognized'), plan: v('commune-plan') };
        }),
      )
    : [];
  await page.getByTestId('tab-turnaround').click();
  let turnaround: Record<string, number | null> | null = null;
  if (!(await page.getByTestId('no-dossiers').count())) {
    turnaround = {};
    for (const id of ['ta-median', 'ta-p90', 'ta-km', 'ta-on-time', 'ta-online', 'ta-dossiers', 'ta-open', 'ta-overdue']) turnaround[id] = await card(id);
    turnaround['ta-completed'] = await num('[data-testid="ta-completed"]');
  }
  await page.getByTestId('tab-score').click();
  return { score, communes: communes.sort((a, b) => a.commune.localeCompare(b.commune)), turnaround };
}

/** The built wasm package (www/pkg) in Node: for making and decoding share links in tests. */
export async function wasmInNode(): Promise<typeof import('../../www/pkg/thonso_wasm.js')> {
  const pkg = path.join(ROOT, 'www/pkg');
  const mod = (await import(path.join(pkg, 'thonso_wasm.js'))) as typeof import('../../www/pkg/thonso_wasm.js');
  mod.initSync({ module: readFileSync(path.join(pkg, 'thonso_wasm_bg.wasm')) });
  return mod;
}

/** The applicant names and dossier ids of a workbook's dossier sheet ("Hồ sơ"). */
export async function personalData(file: string): Promise<{ applicants: string[]; ids: string[] }> {
  const { readXlsx } = (await import(path.join(ROOT, 'tests/support/xlsx-read.mjs'))) as typeof import('../support/xlsx-read.mjs');
  const rows = readXlsx(readFileSync(file))['Hồ sơ'] ?? [];
  const head = rows.findIndex((r) => r.includes('Mã hồ sơ') && r.includes('Chủ hồ sơ'));
  if (head < 0) throw new Error(`no "Hồ sơ" sheet with "Mã hồ sơ" and "Chủ hồ sơ" in ${file}`);
  const id = rows[head].indexOf('Mã hồ sơ');
  const who = rows[head].indexOf('Chủ hồ sơ');
  const body = rows.slice(head + 1);
  const col = (i: number) => [...new Set(body.map((r) => (r[i] ?? '').trim()).filter(Boolean))];
  return { applicants: col(who), ids: col(id) };
}
