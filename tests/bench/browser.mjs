// Chromium benchmark through Playwright, with Debian's /usr/bin/chromium
// (never a downloaded browser): the real built site (www/dist) and its worker.
//
//   node tests/bench/browser.mjs [--runs N] [--only coldstart,ui,whatif,peers]
//
//   coldstart  first visit (fresh profile) → interactive (the built-in demo
//              read and shown); reload; browser restart on the same profile;
//              from the service-worker cache when the site registers one.
//   ui         the real page: pick the 100k-row .xlsx / the 1M-row CSV with the
//              file input → results shown.
//   whatif     the real page with the 2,000-village file open: a what-if
//              slider moved → (a) the report back in the page (worker
//              scored it, sent the JSON text, the page parsed it), (b) the
//              results redrawn. Timed by the page's own marks
//              (thonso:whatif-sent/-reply/-shown, views/scorecard.ts), so the
//              slider's 300 ms debounce is not counted.
//   peers      a bench page with one module worker holding thonso (www/pkg),
//              SheetJS and DuckDB-wasm: same runtime, same bytes, A B A B.
//
// The site is served by a small static server in this file: index.html
// revalidates (no-cache + ETag), Vite's hashed /assets/ are immutable, as a
// well-configured static host would do.
import { createServer } from 'node:http';
import { cpSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DATA, PKG, requireWww, dataFile, parseArgs, alternate, stats, fmtMs, fmtStat, fmtBytes, table, machine, saveResults } from './lib.mjs';

const opts = parseArgs();
const want = (s) => !opts.only || opts.only.has(s);
const log = (...a) => console.error(...a);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SITE = path.join(ROOT, 'www/dist');
const DUCK_DIST = path.join(ROOT, 'www/node_modules/@duckdb/duckdb-wasm/dist');
if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH). Never "npx playwright install".`);
if (!existsSync(path.join(SITE, 'index.html'))) throw new Error('www/dist is missing: build the site first ("make dist").');
// Private copies: a rebuild of www/dist or www/pkg during the run must not
// change what is measured half-way.
const DIST = path.join(DATA, 'dist-snapshot');
const PKG_SNAP = path.join(DATA, 'pkg-snapshot-browser');
rmSync(DIST, { recursive: true, force: true });
rmSync(PKG_SNAP, { recursive: true, force: true });
cpSync(SITE, DIST, { recursive: true });
cpSync(PKG, PKG_SNAP, { recursive: true });
const { chromium } = requireWww('@playwright/test');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ------------------------------------------------------------ the bench worker
const WORKER_JS = path.join(DATA, 'browser', 'worker.js');
if (want('peers')) {
  const esbuild = requireWww('esbuild'); // Vite's own bundler, already installed
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'tests/bench/browser-worker.mjs')],
    alias: { 'thonso-wasm': path.join(PKG_SNAP, 'thonso_wasm.js') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: WORKER_JS,
    nodePaths: [path.join(ROOT, 'www/node_modules')],
    logLevel: 'warning',
  });
}
const PEER_HTML = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
const w = new Worker('/bench/worker.js', { type: 'module' });
let n = 0; const waiting = new Map();
w.onmessage = (e) => { const r = waiting.get(e.data.id); waiting.delete(e.data.id); r(e.data); };
window.job = (m) => new Promise((res) => { const id = ++n; waiting.set(id, res); w.postMessage({ ...m, id }); });
window.ready = true;
</script>`;

// ------------------------------------------------------------ static server
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };
function resolve(urlPath) {
  const p = decodeURIComponent(urlPath.split('?')[0]);
  const under = (base, rest) => {
    const f = path.join(base, path.normalize(rest).replace(/^([/\\])+/, ''));
    return f.startsWith(base) ? f : null;
  };
  if (p === '/bench/peer.html') return { html: PEER_HTML };
  if (p === '/bench/worker.js') return { file: WORKER_JS };
  if (p.startsWith('/bench/pkg/')) return { file: under(PKG_SNAP, p.slice('/bench/pkg/'.length)) };
  if (p.startsWith('/bench/duckdb/')) return { file: under(DUCK_DIST, p.slice('/bench/duckdb/'.length)) };
  if (p.startsWith('/bench/data/')) return { file: under(DATA, p.slice('/bench/data/'.length)) };
  return { file: under(DIST, p === '/' ? 'index.html' : p), app: true };
}
const server = createServer((req, res) => {
  const r = resolve(req.url);
  if (r.html) {
    res.writeHead(200, { 'content-type': MIME['.html'], 'cache-control': 'no-store' });
    res.end(r.html);
    return;
  }
  if (!r.file || !existsSync(r.file) || !statSync(r.file).isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  const st = statSync(r.file);
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const headers = {
    'content-type': MIME[path.extname(r.file)] ?? 'application/octet-stream',
    etag,
    'cache-control': r.app && req.url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': st.size });
  createReadStream(r.file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const BASE = `http://127.0.0.1:${server.address().port}`;

// ------------------------------------------------------------ helpers
const profiles = [];
function newProfile() {
  const d = mkdtempSync(path.join(os.tmpdir(), 'thonso-bench-'));
  profiles.push(d);
  return d;
}
async function launch(profile) {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}
/** ms since navigation start until the demo is read and shown (the app is usable). */
async function interactive(page, timeout = 120_000) {
  const h = await page.waitForFunction(
    () => {
      const f = document.querySelector('[data-testid="current-file"]');
      const p = document.querySelector('[data-testid="progress-area"]');
      const hidden = !p || p.hidden || p.getClientRects().length === 0;
      const err = document.querySelector('[data-testid="error"]');
      if (err && err.getClientRects().length) return { error: err.textContent };
      return f && f.textContent.trim() !== '—' && f.textContent.trim() !== '' && hidden ? { ms: performance.now() } : false;
    },
    undefined,
    { polling: 'raf', timeout },
  );
  const v = await h.jsonValue();
  if (v.error) throw new Error(`The page shows an error: ${v.error}`);
  return v.ms;
}
/** A fresh profile with the app open and its demo shown. */
async function appPage() {
  const ctx = await launch(newProfile());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${BASE}/`);
  await interactive(page);
  return { ctx, page };
}
async function swState(page) {
  return page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return { supported: false };
    const regs = await navigator.serviceWorker.getRegistrations();
    return { supported: true, registrations: regs.length, controlled: !!navigator.serviceWorker.controller };
  });
}

const results = { loadavg_start: os.loadavg(), machine: machine(), chromium: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim(), runs: opts.runs, sections: {} };
const rows = [];
log(`Chromium benchmark: ${results.chromium}, site ${BASE}`);

try {
  // ---------------------------------------------------------- cold start
  if (want('coldstart')) {
    log('\n[coldstart] first visit, reload, restart (same profile)');
    const runsOf = { first: [], reload: [], restart: [] };
    const marksOf = { first: [], reload: [], restart: [] };
    let sw = null;
    // Milestones on the page's clock: first contentful paint, the wasm worker
    // created, its .wasm fetched (worker resource timing), its "ready"
    // message (wasm instantiated), and interactive (first results shown).
    const MARKS = () => {
      window.__m = {};
      const W = window.Worker;
      window.Worker = class extends W {
        constructor(...a) {
          super(...a);
          window.__m.worker_created ??= performance.now();
          this.addEventListener('message', (e) => {
            if (e.data && e.data.type === 'ready') window.__m.worker_ready ??= performance.now();
          });
        }
      };
    };
    const measure = async (ctx, page, kind, go) => {
      let wasmAt = null;
      const onWorker = async (w) => {
        try {
          await w.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
          for (let i = 0; i < 200 && wasmAt == null; i++) {
            wasmAt = await w.evaluate(() => {
              const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
              return e ? { end: performance.timeOrigin + e.responseEnd, bytes: e.transferSize, encoded: e.encodedBodySize } : null;
            });
            if (wasmAt == null) await new Promise((ok) => setTimeout(ok, 25));
          }
        } catch {
          /* worker gone */
        }
      };
      page.on('worker', onWorker);
      await go();
      const ms = await interactive(page);
      const m = await page.evaluate(() => ({ ...window.__m, origin: performance.timeOrigin, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, results: performance.getEntriesByName('thonso:results')[0]?.startTime ?? null }));
      page.off('worker', onWorker);
      runsOf[kind].push(ms);
      marksOf[kind].push({ fcp: m.fcp, worker_created: m.worker_created, wasm_fetched: wasmAt ? wasmAt.end - m.origin : null, wasm_transfer_bytes: wasmAt?.bytes ?? null, worker_ready: m.worker_ready, results: m.results, interactive: ms });
      return ms;
    };
    const coldRuns = Math.max(3, Math.ceil(opts.runs / 2)); // not a peer comparison
    for (let i = 0; i < coldRuns; i++) {
      const prof = newProfile();
      let ctx = await launch(prof);
      await ctx.addInitScript(MARKS);
      let page = ctx.pages()[0] ?? (await ctx.newPage());
      await measure(ctx, page, 'first', () => page.goto(`${BASE}/`));
      sw = await swState(page);
      if (sw.registrations) await page.evaluate(() => navigator.serviceWorker.ready);
      await measure(ctx, page, 'reload', () => page.reload());
      sw = await swState(page);
      await ctx.close();
      ctx = await launch(prof);
      await ctx.addInitScript(MARKS);
      page = ctx.pages()[0] ?? (await ctx.newPage());
      await measure(ctx, page, 'restart', () => page.goto(`${BASE}/`));
      await ctx.close();
      log(`  run ${i + 1}: first ${fmtMs(runsOf.first.at(-1))}, reload ${fmtMs(runsOf.reload.at(-1))}, restart ${fmtMs(runsOf.restart.at(-1))}`);
    }
    const med = (xs, k) => {
      const v = xs.map((x) => x[k]).filter((x) => x != null);
      return v.length ? stats(v).median : null;
    };
    const milestones = Object.fromEntries(
      Object.entries(marksOf).map(([kind, xs]) => [kind, Object.fromEntries(['fcp', 'worker_created', 'wasm_fetched', 'worker_ready', 'results', 'interactive'].map((k) => [k, med(xs, k)]))]),
    );
    const via = sw?.controlled ? 'service-worker cache' : 'HTTP cache';
    results.sections.coldstart = { first: stats(runsOf.first), reload: stats(runsOf.reload), restart: stats(runsOf.restart), service_worker: sw, milestones, runs: marksOf };
    const msText = (k) => {
      const m = milestones[k];
      return `paint ${fmtMs(m.fcp)} · worker ${fmtMs(m.worker_created)} · wasm fetched ${fmtMs(m.wasm_fetched)} · wasm ready ${fmtMs(m.worker_ready)} · results computed ${fmtMs(m.results)}`;
    };
    rows.push(['cold start: first visit → interactive (first results shown)', fmtStat(stats(runsOf.first)), '', '', '', '', msText('first')]);
    rows.push([`reload → interactive (${via})`, fmtStat(stats(runsOf.reload)), '', '', '≤ 1 s from cache', stats(runsOf.reload).median <= 1000 ? 'yes' : 'NO', msText('reload')]);
    rows.push([`browser restart, same profile → interactive (${via})`, fmtStat(stats(runsOf.restart)), '', '', '≤ 1 s from cache', stats(runsOf.restart).median <= 1000 ? 'yes' : 'NO', msText('restart')]);
  }

  // ---------------------------------------------------------- real UI
  if (want('ui')) {
    log('\n[ui] the real page: pick a file → results shown');
    const { ctx, page } = await appPage();
    const ui = {};
    for (const [key, label, picks] of [['xlsx100k', '100k-row .xlsx', 3], ['csv1m', '1M-row CSV', 2]]) {
      const file = dataFile(key);
      const xs = [];
      for (let i = 0; i < picks; i++) {
        await page.evaluate(() => {
          window.__pickT = null;
          document.addEventListener('change', () => (window.__pickT = performance.now()), { capture: true, once: true });
        });
        await page.getByTestId('file-input').setInputFiles(file);
        const h = await page.waitForFunction(
          (name) => {
            const f = document.querySelector('[data-testid="current-file"]');
            const p = document.querySelector('[data-testid="progress-area"]');
            const hidden = !p || p.hidden || p.getClientRects().length === 0;
            return window.__pickT != null && f && f.textContent.trim() === name && hidden ? performance.now() - window.__pickT : false;
          },
          path.basename(file),
          { polling: 'raf', timeout: 300_000 },
        );
        xs.push(await h.jsonValue());
        log(`  ${label} run ${i + 1}: ${fmtMs(xs.at(-1))}`);
      }
      ui[key] = stats(xs.slice(1).length ? xs.slice(1) : xs);
      rows.push([`real page: pick the ${label} → results shown`, fmtStat(ui[key]), '', '', '', '', 'first pick excluded (warm-up)' ]);
    }
    results.sections.ui = ui;
    await ctx.close();
  }

  // ---------------------------------------------------------- what-if
  if (want('whatif')) {
    log('\n[whatif] the real page, 2,000 villages: a what-if slider moved → results');
    const { ctx, page } = await appPage();
    const file = dataFile('whatif');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction((name) => document.querySelector('[data-testid="current-file"]')?.textContent.trim() === name, path.basename(file), { timeout: 120_000 });
    await interactive(page);
    await page.getByTestId('whatif').locator('summary').click();
    const slider = page.locator('[data-testid^="whatif-threshold-"][data-rule=">="]').first();
    await slider.waitFor();
    const reply = [];
    const shown = [];
    const n = Math.max(10, opts.runs * 4);
    // One step down first; then alternate between one and two steps down,
    // so every move is a real change (back at the file's own threshold the
    // page shows the original report without asking the worker).
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => performance.getEntriesByName('thonso:whatif-shown').length > 0, undefined, { polling: 'raf', timeout: 60_000 });
    for (let i = 0; i < n; i++) {
      await page.evaluate(() => performance.clearMarks());
      await slider.focus();
      await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
      const h = await page.waitForFunction(() => performance.getEntriesByName('thonso:whatif-shown').length > 0, undefined, { polling: 'raf', timeout: 60_000 });
      await h.dispose();
      const m = await page.evaluate(() => {
        const t = (k) => performance.getEntriesByName(k).at(-1)?.startTime ?? null;
        return { sent: t('thonso:whatif-sent'), reply: t('thonso:whatif-reply'), shown: t('thonso:whatif-shown') };
      });
      reply.push(m.reply - m.sent);
      shown.push(m.shown - m.sent);
    }
    // The first moves warm the JIT; they are kept out.
    const r = stats(reply.slice(2));
    const sh = stats(shown.slice(2));
    log(`  worker round trip ${fmtStat(r)}; redrawn ${fmtStat(sh)}`);
    results.sections.whatif = { reply: r, shown: sh };
    rows.push(['real page, 2,000 villages: what-if slider → answer back in the page (worker: what_if + JSON text; page: JSON.parse)', fmtStat(r), '', '', '≤ 50 ms', r.median <= 50 ? 'yes' : 'NO', 'what the sliders call: Session.what_if({overrides}), laid over the report by whatif-merge.ts']);
    rows.push(['real page, 2,000 villages: what-if slider → results redrawn', fmtStat(sh), '', '', '', '', 'the above plus rendering every table and chart']);
    await ctx.close();
  }

  // ---------------------------------------------------------- peers in Chromium
  if (want('peers')) {
    log('\n[peers] one module worker: thonso vs SheetJS / DuckDB-wasm');
    const ctx = await launch(newProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${BASE}/bench/peer.html`);
    await page.waitForFunction(() => window.ready === true);
    const job = async (m) => {
      const r = await page.evaluate((m) => window.job(m), m);
      if (!r.ok) throw new Error(r.error);
      return r;
    };
    const pairs = [
      ['xlsx100k', 'thonso-xlsx', 'sheetjs-xlsx', '100k-row .xlsx: Session.open vs SheetJS read+sheet_to_json', '≥ 5×', 5, (a, b) => a.rows > 0 && a.rows === b.rows],
      ['csv1m', 'thonso-csv', 'duckdb-csv', '1M-row CSV: open + turnaround vs DuckDB-wasm SQL', '≥ 2×', 2, (a, b) => a.dossiers === b.dossiers && Math.abs(a.median - b.median) < 0.006 && a.groups === b.groups],
    ];
    results.sections.peers = {};
    for (const [key, a, b, label, target, tx, same] of pairs) {
      const url = `/bench/data/${path.basename(dataFile(key))}`;
      await job({ job: 'load', url, duck: b.startsWith('duckdb') });
      const name = path.basename(url);
      const r = await alternate(label, opts.runs, () => job({ job: a, url, name }), () => job({ job: b, url, name }), log);
      const ok = same(r.warm.product, r.warm.peer);
      log(`  ${ok ? 'OK  ' : 'FAIL'} same results: ${JSON.stringify({ thonso: { ...r.warm.product, id: undefined }, peer: { ...r.warm.peer, id: undefined } })}`);
      const mem = r.warm.product.memory;
      await job({ job: 'drop', url });
      delete r.warm;
      results.sections.peers[key] = { ...r, same_results: ok, wasm_memory: mem };
      const x = r.peer.median / r.product.median;
      rows.push([`Chromium worker — ${label}`, fmtStat(r.product), fmtStat(r.peer), `${x.toFixed(2)}×`, target, x >= tx ? 'yes' : 'NO', `${ok ? 'same results' : 'RESULTS DIFFER'}; thonso wasm memory ${fmtBytes(mem)}`]);
      if (!ok) process.exitCode = 1;
    }
    await ctx.close();
  }
} finally {
  server.close();
  for (const d of profiles) rmSync(d, { recursive: true, force: true });
}

results.loadavg_end = os.loadavg();
const saved = saveResults('results-browser.json', results);
console.log(`\nThôn Số in Chromium — ${results.chromium}; ${results.machine.nproc} × ${results.machine.cpu}; median (min–max)\n`);
console.log(table(['work', 'thonso', 'peer', 'peer ÷ thonso', 'target', 'met', 'note'], rows));
console.log(`Load average at start ${results.loadavg_start.map((x) => x.toFixed(2)).join(' ')}, at end ${results.loadavg_end.map((x) => x.toFixed(2)).join(' ')} (${results.machine.nproc} cores)`);
console.log(`Results saved to ${path.relative(ROOT, saved)}`);
