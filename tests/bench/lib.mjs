// Shared helpers for the benchmark harnesses (node.mjs, browser.mjs).
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** BENCH_DATA: another data directory (CI's smoke run uses `gen.mjs --small` output). */
export const DATA = process.env.BENCH_DATA ? path.resolve(process.env.BENCH_DATA) : path.join(ROOT, 'tests/bench/data');
export const PKG = path.join(ROOT, 'www/pkg');
/** Resolve the peers from www/node_modules (their devDependencies live there). */
export const requireWww = createRequire(path.join(ROOT, 'www/package.json'));

export const FILES = {
  xlsx100k: 'dossiers_100k.xlsx',
  csv1m: 'dossiers_1m.csv',
  villages: 'villages_63619.xlsx',
  villagesCsv: 'villages_63619.csv',
  whatif: 'villages_2000.xlsx',
};

export function dataFile(key) {
  const p = path.join(DATA, FILES[key]);
  if (!existsSync(p)) {
    throw new Error(`Missing ${p}. Generate the datasets first: "cd www && npm run bench:gen" (or "make bench").`);
  }
  return p;
}

/** Command-line flags: --runs N, --only a,b, --quick. */
export function parseArgs(argv = process.argv.slice(2)) {
  const o = { runs: 5, only: null, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--quick') o.quick = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else throw new Error(`Unknown argument ${a}`);
  }
  if (process.env.BENCH_RUNS) o.runs = Math.max(1, Number(process.env.BENCH_RUNS));
  if (process.env.BENCH_ONLY) o.only = new Set(process.env.BENCH_ONLY.split(','));
  return o;
}

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { n, median, min: s[0], max: s[n - 1] };
}

export function gc() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** Time one call in ms (after a GC so one side does not pay the other's garbage). */
export function time(fn) {
  gc();
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function timeAsync(fn) {
  gc();
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Alternate product (A) and peer (B): one warm-up each, then A B A B … `runs`
 * times. Each side returns { ms } or a number; `check` sees the warm-up values.
 */
export async function alternate(name, runs, a, b, log = console.error) {
  const as = [];
  const bs = [];
  log(`  ${name}: warm-up`);
  const wa = await a();
  const wb = await b();
  log(`    warm-up: product ${fmtMs(wa.ms)}, peer ${fmtMs(wb.ms)}`);
  for (let i = 0; i < runs; i++) {
    as.push((await a()).ms);
    bs.push((await b()).ms);
    log(`    run ${i + 1}/${runs}: product ${fmtMs(as.at(-1))}, peer ${fmtMs(bs.at(-1))}`);
  }
  return { product: stats(as), peer: stats(bs), warm: { product: wa, peer: wb } };
}

export function fmtMs(ms) {
  if (ms == null || Number.isNaN(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function fmtStat(s) {
  if (!s) return '—';
  return `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)})`;
}

export function fmtBytes(b) {
  if (b == null) return '—';
  if (b >= 1 << 20) return `${(b / (1 << 20)).toFixed(2)} MiB`;
  if (b >= 1 << 10) return `${(b / 1024).toFixed(1)} KiB`;
  return `${b} B`;
}

/** A plain-text (and Markdown-compatible) table. */
export function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '').padEnd(w[i])).join(' | ')} |`;
  return [line(headers), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m);
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu, mem_gib: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, os: `${os.type()} ${os.release()}` };
}

export function saveResults(name, obj) {
  mkdirSync(DATA, { recursive: true });
  const p = path.join(DATA, name);
  writeFileSync(p, JSON.stringify(obj, null, 2));
  return p;
}

/** Hex SHA-256 by WebCrypto, as the app's worker computes it before a read. */
export { sha256Hex } from './digest.mjs';
