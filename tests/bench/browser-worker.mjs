// A module worker for the Chromium harness (browser.mjs bundles it with
// esbuild): thonso (www/pkg), SheetJS and DuckDB-wasm side by side in the same
// browser runtime. Each message runs one timed job on bytes fetched
// beforehand, so only the work itself is timed.
// 'thonso-wasm' is www/pkg/thonso_wasm.js (browser.mjs aliases it to its snapshot copy).
import init, { Session } from 'thonso-wasm';
// By path: the package's "exports" map does not list its browser-blocking build.
import * as XLSX from '../../www/node_modules/xlsx/xlsx.mjs';
import * as duckdb from '../../www/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import { TURNAROUND_SQL } from './sql.mjs';
import { sha256Hex } from './digest.mjs';

let thonso = null;
let duck = null;
const files = new Map();

async function getFile(url) {
  if (!files.has(url)) files.set(url, new Uint8Array(await (await fetch(url)).arrayBuffer()));
  return files.get(url);
}

async function ensureThonso() {
  thonso ??= await init({ module_or_path: '/bench/pkg/thonso_wasm_bg.wasm' });
  return thonso;
}

async function ensureDuck() {
  if (!duck) {
    const db = await duckdb.createDuckDB(
      { mvp: { mainModule: '/bench/duckdb/duckdb-mvp.wasm' }, eh: { mainModule: '/bench/duckdb/duckdb-eh.wasm' } },
      new duckdb.VoidLogger(),
      duckdb.BROWSER_RUNTIME,
    );
    await db.instantiate();
    db.open({});
    duck = { db, conn: db.connect() };
  }
  return duck;
}

const jobs = {
  async 'thonso-xlsx'(bytes, name) {
    const t0 = performance.now();
    const s = Session.open(bytes, name, undefined, { sha256: await sha256Hex(bytes) });
    const ms = performance.now() - t0;
    const rows = s.inspect().sheets.find((x) => x.kind === 'dossiers')?.rows;
    s.free();
    return { ms, rows };
  },
  async 'sheetjs-xlsx'(bytes) {
    const t0 = performance.now();
    const wb = XLSX.read(bytes, { type: 'array' });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]]);
    return { ms: performance.now() - t0, rows: rows.length };
  },
  async 'thonso-csv'(bytes, name) {
    const t0 = performance.now();
    const s = Session.open(bytes, name, undefined, { sha256: await sha256Hex(bytes) });
    const r = JSON.parse(s.turnaround({ by: ['procedure_name', 'month'] }));
    const ms = performance.now() - t0;
    s.free();
    return { ms, dossiers: r.overall.dossiers, median: r.overall.median_days, groups: r.groups.length };
  },
  async 'duckdb-csv'(bytes) {
    const { db, conn } = duck;
    const t0 = performance.now();
    db.registerFileBuffer('dossiers.csv', bytes);
    const out = conn.query(TURNAROUND_SQL('dossiers.csv')).toArray().map((r) => r.toJSON());
    db.dropFile('dossiers.csv');
    const ms = performance.now() - t0;
    const o = out.find((x) => Number(x.g) !== 0);
    return { ms, dossiers: Number(o.dossiers), median: o.median_days, groups: out.length - 1 };
  },
};

self.onmessage = async (e) => {
  const { id, job, url, name } = e.data;
  try {
    if (job === 'load') {
      await getFile(url);
      await ensureThonso();
      if (e.data.duck) await ensureDuck();
      self.postMessage({ id, ok: true });
      return;
    }
    if (job === 'drop') {
      files.delete(url);
      self.postMessage({ id, ok: true });
      return;
    }
    const res = await jobs[job](await getFile(url), name);
    res.memory = thonso?.memory?.buffer?.byteLength ?? null;
    self.postMessage({ id, ok: true, ...res });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err?.stack ?? err) });
  }
};
