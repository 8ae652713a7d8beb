// A what-if slider's answer laid over the report the page already holds.
// The core sends only what a threshold, weight or BB flag can change
// (core/src/scoring/what_if.rs, `WhatIf`): each village's status,
// readiness, pillar scores and failures, with indicators and pillars as
// positions in the changed framework. Names, values and rows are the file's
// and come from the report without changes. This is a join by position, not
// a rule: every number here was computed by the core. tests/node/
// whatif.test.mjs holds the result equal to the core's full `score`.
import type { FailedIndicator, ScoreReport, ScoreUnit, WhatIf } from './types';

export function mergeWhatIf(base: ScoreReport, w: WhatIf): ScoreReport {
  const inds = w.framework.pillars.flatMap((p) => p.indicators);
  const pillars = w.framework.pillars;
  const units: ScoreUnit[] = base.units.map((u, i) => {
    const o = w.units[i];
    const failed: FailedIndicator[] = o.failed.map(([k, gap]) => {
      const ind = inds[k];
      // A failure has a value (an indicator without one is in `missing`).
      return { indicator: ind.id, value: u.values[ind.id]!, threshold: ind.threshold, gap, mandatory: ind.mandatory };
    });
    return {
      ...u,
      status: o.status,
      readiness: o.readiness,
      pillars: pillars.map((p, k) => ({ id: p.id, score: o.pillars[k], max: w.pillar_max[k], passed: ((o.passed >>> k) & 1) === 1 })),
      failed,
      missing: o.missing.map((k) => inds[k].id),
    };
  });
  return { ...base, framework: w.framework, units, communes: w.communes, one_step_away: w.one_step_away, summary: w.summary };
}
