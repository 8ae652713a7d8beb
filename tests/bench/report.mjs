// One table with every ratio and target, from the two harnesses' results
// (tests/bench/data/results-node.json, results-browser.json). Markdown, so it
// can be pasted into BENCHMARKS.md as is.
//
//   node tests/bench/report.mjs
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA, fmtMs, fmtBytes, table } from './lib.mjs';

const load = (f) => (existsSync(path.join(DATA, f)) ? JSON.parse(readFileSync(path.join(DATA, f), 'utf8')) : null);
const n = load('results-node.json');
const b = load('results-browser.json');
if (!n && !b) {
  console.error('No results yet: run the harnesses first (cd www && npm run bench).');
  process.exit(1);
}
const ms = (s) => (s ? `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)})` : '—');
const ratio = (r) => (r?.product && r?.peer ? r.peer.median / r.product.median : null);
const x = (v) => (v == null ? '—' : `${v.toFixed(2)}×`);
const met = (ok) => (ok == null ? '' : ok ? 'yes' : '**no**');
const rows = [];
const N = n?.sections ?? {};
const B = b?.sections ?? {};

if (N.xlsx) rows.push(['Node', '100k-row × 9-col dossier .xlsx: `Session.open` (read into typed tables) vs SheetJS `read` + `sheet_to_json`', ms(N.xlsx.product), ms(N.xlsx.peer), x(ratio(N.xlsx)), '≥ 5×', met(ratio(N.xlsx) >= 5)]);
if (B.peers?.xlsx100k) rows.push(['Chromium', 'same, in one module worker', ms(B.peers.xlsx100k.product), ms(B.peers.xlsx100k.peer), x(ratio(B.peers.xlsx100k)), '≥ 5×', met(ratio(B.peers.xlsx100k) >= 5)]);
if (N.csv) rows.push(['Node', `1M-row dossier CSV: open + turnaround (overall + procedure × month, ${N.csv.groups} groups) vs DuckDB-wasm SQL (calendar-day metrics)`, ms(N.csv.product), ms(N.csv.peer), x(ratio(N.csv)), '≥ 2×', met(ratio(N.csv) >= 2)]);
if (B.peers?.csv1m) rows.push(['Chromium', 'same, in one module worker', ms(B.peers.csv1m.product), ms(B.peers.csv1m.peer), x(ratio(B.peers.csv1m)), '≥ 2×', met(ratio(B.peers.csv1m) >= 2)]);
if (N.villages) {
  rows.push(['Node', '63,619 villages (CSV): open + score (full per-village report) vs DuckDB-wasm reading the CSV + SQL scoring', ms(N.villages.product), ms(N.villages.peer), x(ratio(N.villages)), '', '']);
  rows.push(['Node', '63,619 villages: `score()` alone, full per-village report', ms(N.villages.score), '', '', '≤ 0.5 s', met(N.villages.score.median <= 500)]);
  if (N.villages.score_summary) rows.push(['Node', '63,619 villages: `score_summary()` (no per-village rows)', ms(N.villages.score_summary), '', '', '≤ 0.5 s', met(N.villages.score_summary.median <= 500)]);
  rows.push(['Node', '63,619 villages: open the .xlsx + `score()`', ms(N.villages.open_score_xlsx), '', '', '', '']);
}
if (N.whatif) {
  if (N.whatif.what_if) rows.push(['Node', '2,000 villages what-if (HT1 threshold changed): `what_if()` + JSON.parse (what the sliders call)', ms(N.whatif.what_if), '', '', '≤ 50 ms', met(N.whatif.what_if.median <= 50)]);
  rows.push(['Node', '2,000 villages what-if: full `score()` (not what the sliders call)', ms(N.whatif.score), '', '', '', '']);
  if (N.whatif.score_summary) rows.push(['Node', '2,000 villages what-if: `score_summary()` (not what the sliders call)', ms(N.whatif.score_summary), '', '', '≤ 50 ms', met(N.whatif.score_summary.median <= 50)]);
}
if (N.size) rows.push(['—', `wasm size: raw ${fmtBytes(N.size.raw)}, gzip -9 ${fmtBytes(N.size.gzip)}, brotli q11 ${(N.size.brotli / 1e6).toFixed(2)} MB`, '', `duckdb-eh.wasm raw ${fmtBytes(N.size.duckdb_eh_raw)}`, '', '≤ 2.5 MB brotli', met(N.size.brotli <= 2.5e6)]);
if (B.coldstart) {
  const c = B.coldstart;
  const via = c.service_worker?.controlled ? 'service-worker cache' : 'HTTP cache';
  const m = (k) => c.milestones?.[k];
  rows.push(['Chromium', `cold start, first visit → first results shown (wasm ready at ${fmtMs(m('first')?.worker_ready)}, results computed at ${fmtMs(m('first')?.results)})`, ms(c.first), '', '', '', '']);
  rows.push(['Chromium', `reload (${via}) → first results shown (wasm ready at ${fmtMs(m('reload')?.worker_ready)}, results computed at ${fmtMs(m('reload')?.results)})`, ms(c.reload), '', '', '≤ 1 s', met(c.reload.median <= 1000)]);
  rows.push(['Chromium', `browser restart, same profile (${via}) → first results shown (wasm ready at ${fmtMs(m('restart')?.worker_ready)}, results computed at ${fmtMs(m('restart')?.results)})`, ms(c.restart), '', '', '≤ 1 s', met(c.restart.median <= 1000)]);
}
if (B.ui) {
  if (B.ui.xlsx100k) rows.push(['Chromium', 'real page: pick the 100k-row .xlsx → results shown', ms(B.ui.xlsx100k), '', '', '', '']);
  if (B.ui.csv1m) rows.push(['Chromium', 'real page: pick the 1M-row CSV → results shown', ms(B.ui.csv1m), '', '', '', '']);
}
if (N.cli && !N.cli.skipped) {
  for (const [k, label] of [['xlsx100k', '100k-row .xlsx: open'], ['csv1m', '1M-row CSV: open + turnaround'], ['villages', '63,619-village .xlsx: open + score']]) {
    const c = N.cli[k];
    if (c) rows.push(['native', `CLI vs wasm (Node), ${label}${N.cli_stale ? ' — native binary older than the wasm' : ''}`, ms(c.native), `wasm ${ms(c.wasm)}`, c.wasm ? `native ${(c.wasm.median / c.native.median).toFixed(2)}× faster` : '', '', '']);
  }
} else if (N.cli?.skipped) rows.push(['native', `CLI vs wasm: ${N.cli.skipped}`, '', '', '', '', '']);

console.log(table(['runtime', 'work', 'thonso median (min–max)', 'peer', 'peer ÷ thonso', 'target', 'met'], rows));
const mem = [];
if (N.xlsx) mem.push(`100k-row .xlsx (${fmtBytes(N.xlsx.bytes)}): ${fmtBytes(N.xlsx.wasm_memory)}`);
if (N.csv) mem.push(`1M-row CSV (${fmtBytes(N.csv.bytes)}): ${fmtBytes(N.csv.wasm_memory)} = ${(N.csv.wasm_memory / N.csv.bytes).toFixed(1)}× the file (target ≤ 3×: ${N.csv.wasm_memory <= 3 * N.csv.bytes ? 'yes' : '**no**'}; DuckDB-wasm heap ${fmtBytes(N.csv.duckdb_memory)})`);
if (N.villages) mem.push(`63,619 villages (.xlsx + CSV): ${fmtBytes(N.villages.wasm_memory)} (DuckDB-wasm heap ${fmtBytes(N.villages.duckdb_memory)})`);
if (N.whatif) mem.push(`2,000 villages: ${fmtBytes(N.whatif.wasm_memory)}`);
if (mem.length) console.log(`\nPeak wasm memory (fresh instance per dataset, Node): ${mem.join('; ')}.`);
const checks = n?.checks ?? [];
if (checks.length) console.log(`\nFairness checks (Node): ${checks.filter((c) => c.ok).length}/${checks.length} passed${checks.some((c) => !c.ok) ? ': FAILED ' + checks.filter((c) => !c.ok).map((c) => c.name).join('; ') : ''}.`);
const la = (r) => (r ? `${r.loadavg_start.map((v) => v.toFixed(1)).join('/')} → ${r.loadavg_end.map((v) => v.toFixed(1)).join('/')}` : '—');
console.log(`Machine: ${n?.machine.nproc ?? b?.machine.nproc} × ${n?.machine.cpu ?? b?.machine.cpu}; Node ${n?.node ?? b?.machine.node}; ${b?.chromium ?? 'Chromium not run'}; SheetJS ${n?.sheetjs ?? '—'}; DuckDB-wasm ${n?.duckdb_wasm ?? '—'}. Load average (1/5/15 min) Node run ${la(n)}, Chromium run ${la(b)}.`);
