// The what-if sliders get only the outcomes (Session.what_if, core
// scoring/what_if.rs) and the page lays them over the report it holds
// (www/src/whatif-merge.ts, compiled here with esbuild, Vite's own bundler).
// What the page then shows must be exactly the core's full report for the
// same changes: the expected value is `Session.score(overrides)`, computed
// by the core on its own path, not by the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = path.join(ROOT, 'www/pkg');
if (!existsSync(path.join(PKG, 'thonso_wasm.js'))) {
  throw new Error(`The wasm package is missing (${PKG}). Build it first: "make dist" (or "make wasm").`);
}
const wasm = await import(path.join(PKG, 'thonso_wasm.js'));
wasm.initSync({ module: readFileSync(path.join(PKG, 'thonso_wasm_bg.wasm')) });

const esbuild = createRequire(path.join(ROOT, 'www/package.json'))('esbuild');
const built = esbuild.buildSync({ entryPoints: [path.join(ROOT, 'www/src/whatif-merge.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
const { mergeWhatIf } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const parse = (text) => JSON.parse(text ?? 'null');

test('a what-if laid over the report equals the full score with the same changes', () => {
  const s = wasm.Session.open(wasm.demo_workbook(), 'demo.xlsx', undefined, undefined);
  try {
    const base = parse(s.score({}));
    const inds = base.framework.pillars.flatMap((p) => p.indicators);
    const atLeast = inds.filter((i) => i.rule === '>=');
    const yesNo = inds.find((i) => i.rule === '=');
    const optional = inds.find((i) => !i.mandatory);
    const cases = [
      { [atLeast[0].id]: { threshold: atLeast[0].threshold + 15 } },
      { [atLeast[1].id]: { threshold: 1 } },
      { [atLeast[2].id]: { weight: atLeast[2].weight * 3 } },
      { [optional.id]: { mandatory: true } },
      { [yesNo.id]: { mandatory: !yesNo.mandatory }, [atLeast[0].id]: { threshold: 100, weight: 0 } },
    ];
    let changedStatus = 0;
    for (const overrides of cases) {
      const full = parse(s.score({ overrides }));
      const w = parse(s.what_if({ overrides }));
      assert.deepEqual(mergeWhatIf(base, w), full, JSON.stringify(overrides));
      changedStatus += full.units.filter((u, i) => u.status !== base.units[i].status).length;
      // The answer is small: no names, values or rows.
      assert.ok(JSON.stringify(w).length < JSON.stringify(full).length / 2, 'the what-if answer is less than half the full report');
    }
    assert.ok(changedStatus > 0, 'the cases change some village’s status (else the test proves little)');
  } finally {
    s.free();
  }
});
