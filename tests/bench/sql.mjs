// The peers' SQL, shared by the Node and Chromium harnesses (no Node APIs
// here: the browser worker bundles this file).

// The same calendar-day metrics the product reports (cli-contract.md), in SQL:
// as_of = latest received/completed date; completed = completion ≤ as_of
// (and not before receipt); quantiles interpolate linearly (quantile_cont).
export const TURNAROUND_SQL = (file) => `
WITH t AS (
  SELECT "Tên thủ tục" AS procedure_name,
         "Hình thức nộp" AS channel,
         CAST("Ngày tiếp nhận" AS DATE) AS rec,
         CAST("Ngày hẹn trả" AS DATE) AS due,
         CAST("Ngày có kết quả" AS DATE) AS comp
  FROM read_csv('${file}', header = true, delim = ',', quote = '"', dateformat = '%d/%m/%Y', timestampformat = '%d/%m/%Y %H:%M',
       columns = {'Mã hồ sơ': 'VARCHAR', 'Tên thủ tục': 'VARCHAR', 'Xã': 'VARCHAR', 'Thôn': 'VARCHAR', 'Hình thức nộp': 'VARCHAR',
                  'Ngày tiếp nhận': 'TIMESTAMP', 'Ngày hẹn trả': 'DATE', 'Ngày có kết quả': 'TIMESTAMP'})
),
a AS (SELECT greatest(max(rec), max(comp)) AS as_of FROM t),
s AS (
  SELECT procedure_name, channel, strftime(rec, '%Y-%m') AS month, due, rec,
         CASE WHEN comp <= as_of AND comp >= rec THEN comp END AS done_at
  FROM t, a WHERE rec <= as_of
)
SELECT grouping(procedure_name, month) AS g, procedure_name, month,
       count(*) AS dossiers,
       count(done_at) AS completed,
       quantile_cont(CAST(done_at - rec AS DOUBLE), 0.5) AS median_days,
       quantile_cont(CAST(done_at - rec AS DOUBLE), 0.9) AS p90_days,
       avg(done_at - rec) AS mean_days,
       avg(CASE WHEN done_at IS NOT NULL AND due IS NOT NULL THEN CAST(done_at <= due AS DOUBLE) END) AS on_time_rate,
       avg(CASE WHEN channel IS NOT NULL THEN CAST(channel = 'Trực tuyến' AS DOUBLE) END) AS online_rate
FROM s
GROUP BY GROUPING SETS ((), (procedure_name, month))`;

// Village scoring in SQL, generated from the product's own default framework
// (core/src/framework/default.json): pass/fail per indicator, BB failures,
// readiness = Σ weight × credit (weights sum to 100), status per domain §2.
export function SCORING_SQL(file, framework) {
  const INDICATORS = framework.pillars.flatMap((p) => p.indicators);
  const FRAMEWORK = framework;
  const q = (id) => `"${id}"`;
  const pass = (i) =>
    i.unit === 'yes_no'
      ? `coalesce(${q(i.id)} = 'Có', false)`
      : i.rule === '<='
        ? `coalesce(${q(i.id)} <= ${i.threshold}, false)`
        : `coalesce(${q(i.id)} >= ${i.threshold}, false)`;
  const credit = (i) =>
    i.unit === 'yes_no'
      ? `CAST(coalesce(${q(i.id)} = 'Có', false) AS DOUBLE)`
      : i.rule === '<='
        ? `CASE WHEN ${q(i.id)} IS NULL THEN 0 WHEN ${q(i.id)} <= ${i.threshold} THEN 1 ELSE least(1.0, ${i.threshold} / ${q(i.id)}) END`
        : `greatest(0.0, least(1.0, coalesce(${q(i.id)}, 0) / ${i.threshold}))`; // least() skips NULLs: a missing value earns 0
  const totalW = INDICATORS.reduce((s, i) => s + i.weight, 0);
  const { near_max_mandatory_failed: nearBB, near_readiness: nearR } = FRAMEWORK.rules;
  const cols = { 'Xã': 'VARCHAR', 'Thôn': 'VARCHAR' };
  for (const i of INDICATORS) cols[i.id] = i.unit === 'yes_no' ? 'VARCHAR' : 'DOUBLE';
  const colSpec = Object.entries(cols).map(([k, v]) => `'${k}': '${v}'`).join(', ');
  return `
WITH v AS (SELECT * FROM read_csv('${file}', header = true, columns = {${colSpec}})),
p AS (
  SELECT "Xã" AS commune, "Thôn" AS village,
         ${INDICATORS.map((i) => `${pass(i)} AS "pass_${i.id}"`).join(',\n         ')},
         (${INDICATORS.map((i) => `${credit(i)} * ${(i.weight * 100) / totalW}`).join(' + ')}) AS readiness
  FROM v
),
b AS (
  SELECT *, (${INDICATORS.filter((i) => i.mandatory).map((i) => `CAST(NOT "pass_${i.id}" AS INTEGER)`).join(' + ')}) AS bb_failed FROM p
)
SELECT commune, village, round(readiness, 2) AS readiness, bb_failed,
       CASE WHEN bb_failed = 0 THEN 'recognized'
            WHEN bb_failed <= ${nearBB} OR round(readiness, 2) >= ${nearR} THEN 'near'
            ELSE 'not_recognized' END AS status
FROM b`;
}
