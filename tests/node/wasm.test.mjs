// Tests against the BUILT wasm package (www/pkg, from `make dist`), in Node:
// the same bytes the browser loads, initialised synchronously.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { xlsx, ods, villagesSheet, dossiersSheet } from '../support/workbook.mjs';

// The reports cross as JSON text, parsed where they are shown (as the worker
// hands them to the page).
const scoreOf = (s, o) => JSON.parse(s.score(o) ?? 'null');
const turnaroundOf = (s, o) => JSON.parse(s.turnaround(o) ?? 'null');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = path.join(ROOT, 'www/pkg');
const JS = path.join(PKG, 'thonso_wasm.js');
const WASM = path.join(PKG, 'thonso_wasm_bg.wasm');
if (!existsSync(JS) || !existsSync(WASM)) {
  throw new Error(`The wasm package is missing (${PKG}). Build it first: "make dist" (or "make wasm").`);
}
const wasm = await import(JS);
wasm.initSync({ module: readFileSync(WASM) });
const { Session } = wasm;

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

function open(bytes, name, onProgress) {
  return Session.open(new Uint8Array(bytes), name, onProgress, undefined);
}

function sheetsOf(session) {
  return session.inspect().sheets.map((s) => ({ name: s.name, rows: s.rows }));
}

test('version() is a non-empty string', () => {
  const v = wasm.version();
  assert.equal(typeof v, 'string');
  assert.ok(v.length > 0);
});

test('Session.open on an .xlsx gives each sheet with its name and row count', () => {
  const bytes = xlsx([villagesSheet(7), dossiersSheet(12)]);
  const s = open(bytes, 'hai-trang.xlsx');
  try {
    const report = s.inspect();
    assert.equal(report.file, 'hai-trang.xlsx');
    assert.equal(report.format, 'xlsx');
    // Header on row 1, then exactly 7 and 12 data rows.
    assert.deepEqual(sheetsOf(s), [
      { name: 'Danh sách thôn', rows: 7 },
      { name: 'Hồ sơ', rows: 12 },
    ]);
    assert.equal(report.sheets[0].header_row, 1);
    assert.equal(report.sheets[1].kind, 'dossiers');
  } finally {
    s.free();
  }
});

test('Session.open reads .ods and reports progress', () => {
  const calls = [];
  const s = open(ods([villagesSheet(5)]), 'thon.ods', (done, total, stage) => calls.push({ done, total, stage }));
  try {
    assert.equal(s.inspect().format, 'ods');
    assert.deepEqual(sheetsOf(s), [{ name: 'Danh sách thôn', rows: 5 }]);
  } finally {
    s.free();
  }
  assert.ok(calls.length > 0, 'on_progress was never called');
  for (const c of calls) {
    assert.equal(typeof c.done, 'number');
    assert.equal(typeof c.total, 'number');
    assert.equal(typeof c.stage, 'string');
  }
});

test('random bytes throw a JS Error with a Vietnamese message and a code', () => {
  let caught;
  try {
    open(randomBytes(4096), 'hong.xlsx');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`);
  assert.match(caught.message, VIETNAMESE);
  assert.equal(typeof caught.code, 'string');
  assert.ok(caught.code.length > 0);
  assert.equal(typeof caught.message_en, 'string');
  assert.ok(caught.message_en.length > 0);
  assert.notEqual(caught.message, caught.message_en);
});

test('the module survives a bad file: the next good file still opens', () => {
  assert.throws(() => open(randomBytes(1000), 'x.xlsx'));
  const s = open(xlsx([villagesSheet(2)]), 'ok.xlsx');
  assert.deepEqual(sheetsOf(s), [{ name: 'Danh sách thôn', rows: 2 }]);
  s.free();
});

test('the demo workbook scores the Bảo Thắng story and measures turnaround', () => {
  const bytes = wasm.demo_workbook();
  assert.ok(bytes instanceof Uint8Array);
  const s = open(bytes, 'demo.xlsx');
  try {
    const score = scoreOf(s, {});
    assert.ok(score, 'the demo has a villages sheet');
    // Domain brief §1: 20 villages recognized, every commune covered.
    assert.equal(score.summary.recognized, 20);
    assert.equal(score.summary.communes_covered, score.summary.communes);
    assert.equal(score.units.length, score.summary.units);
    const counted = score.units.filter((u) => u.status === 'recognized').length;
    assert.equal(counted, score.summary.recognized);

    const ta = turnaroundOf(s, {});
    assert.ok(ta, 'the demo has a dossier sheet');
    assert.ok(ta.overall.dossiers > 0);
    assert.equal(ta.overall.completed + ta.overall.open, ta.overall.dossiers);
    assert.match(String(ta.as_of), /^\d{4}-\d{2}-\d{2}$/);
  } finally {
    s.free();
  }
});

test('what-if overrides re-score; bad options throw a coded Error', () => {
  const s = open(wasm.demo_workbook(), 'demo.xlsx');
  try {
    const base = scoreOf(s, {});
    const ind = base.framework.pillars.flatMap((p) => p.indicators).find((i) => i.rule === '>=');
    assert.ok(ind, 'the framework has a ">=" indicator');
    // An unreachable threshold on a mandatory item: nobody can be recognized.
    const hard = scoreOf(s, { overrides: { [ind.id]: { threshold: 1e9, mandatory: true } } });
    assert.equal(hard.summary.recognized, 0);
    assert.deepEqual(scoreOf(s, {}).summary, base.summary, 'overrides never change the session');
    assert.throws(
      () => scoreOf(s, { overrides: 'nonsense' }),
      (e) => e instanceof Error && typeof e.code === 'string' && VIETNAMESE.test(e.message),
    );
  } finally {
    s.free();
  }
});

test('export_xlsx writes a workbook that the core reads back', () => {
  const s = open(wasm.demo_workbook(), 'demo.xlsx');
  let bytes;
  let units;
  try {
    units = scoreOf(s, {}).summary.units;
    bytes = s.export_xlsx({});
  } finally {
    s.free();
  }
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  const back = open(bytes, 'bao-cao.xlsx');
  try {
    const sheets = sheetsOf(back);
    assert.ok(sheets.length >= 5, `summary, villages, communes, turnaround, diagnostics: got ${JSON.stringify(sheets)}`);
    assert.ok(sheets.some((x) => x.rows === units), `a sheet with one row per village (${units})`);
  } finally {
    back.free();
  }
});

test('every workbook in tests/fixtures opens or fails with a coded Error', () => {
  const dir = path.join(ROOT, 'tests/fixtures');
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(xlsx|xlsm|xls|ods|csv|tsv|txt)$/i.test(f))
    : [];
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    let s;
    try {
      s = open(bytes, path.basename(f));
    } catch (e) {
      assert.ok(e instanceof Error && typeof e.code === 'string', `${f}: threw ${e}`);
      continue;
    }
    try {
      for (const sh of s.inspect().sheets) {
        assert.equal(typeof sh.name, 'string', f);
        assert.ok(Number.isInteger(sh.rows) && sh.rows >= 0, `${f}: rows ${sh.rows}`);
      }
    } finally {
      s.free();
    }
  }
});

test('the precomputed demo asset is exactly what the package generates', () => {
  // www/build/write-demo.mjs writes it at build time; the site serves it
  // instead of generating the demo at start-up, so it must never go stale.
  const asset = readFileSync(path.join(PKG, 'thonso-demo.xlsx'));
  const generated = wasm.demo_workbook();
  assert.equal(asset.length, generated.length);
  assert.ok(Buffer.from(generated).equals(asset), 'demo asset differs from demo_workbook()');
  const s = open(asset, 'thonso-demo.xlsx');
  assert.ok(scoreOf(s, {}).summary.recognized > 0, 'the demo scores villages');
  s.free();
});
