// Charts with Observable Plot (bundled by Vite, never fetched). Each chart is
// a <figure> with a caption, an accessible name and description, and a
// collapsible table holding the same numbers: the chart is never the only way
// to read the data.
import { h, thead, type Child } from '../dom';
import { t, locale } from '../i18n';
import { date, dataValue } from '../format';
import type { BeforeAfterRow, GroupRow } from '../types';

type PlotModule = typeof import('@observablehq/plot');
/** Plot (with d3) is a separate chunk: the first paint never waits for it. */
export const plotReady: Promise<PlotModule> = import('@observablehq/plot');

const WIDTH = 640;
const WIDE = 900;
// Keep in step with .swatch[data-color] in style.css (the HTML legend).
const BLUE = '#1f6f8b';
const RED = '#c0392b';
const GREY = '#8a8a8a';
const GREEN = '#2e7d32';
const STYLE = { fontSize: '12px' };
/** The frame the two turnaround time charts share. */
const TIME_CHART = { style: STYLE, width: WIDTH, height: 260, marginLeft: 50 };
/** The frame of a chart with a row per item: `rows` rows of `rowHeight` px
 * below `top` px, and a label column as wide as the longest label. */
function rowsFrame(width: number, rows: number, rowHeight: number, top: number, longest: number, maxMargin: number) {
  return { style: STYLE, width, height: Math.max(120, top + rows * rowHeight), marginLeft: Math.min(maxMargin, 16 + longest * 7) };
}

type Draw = (P: PlotModule) => Element;

function figure(
  testid: string,
  title: string,
  desc: string,
  draw: Draw | null,
  table: Child,
  legend?: { label: string; color: string }[],
): HTMLElement {
  const slot = h('div', { class: 'chart-slot' });
  const render = (P: PlotModule) => {
    let chart: Element;
    try {
      chart = draw!(P);
    } catch (e) {
      // A chart must never take the page down; the table alternative remains.
      console.error('chart failed', e);
      return;
    }
    // The chart is one image with one name; Plot's per-mark labels inside it
    // would be ARIA on presentational children.
    for (const el of chart.querySelectorAll('[aria-label],[aria-description],[aria-hidden]')) {
      el.removeAttribute('aria-label');
      el.removeAttribute('aria-description');
      el.removeAttribute('aria-hidden');
    }
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', `${title}. ${desc}`);
    slot.replaceChildren(chart);
  };
  if (draw) {
    // Each chart is drawn in a task of its own, so rendering a dashboard never
    // holds the main thread for long in one piece.
    plotReady.then(
      (P) => setTimeout(() => render(P), 0),
      (e) => console.error('chart library failed to load', e),
    );
  }
  return h(
    'figure',
    { class: 'chart', 'data-testid': testid },
    h('figcaption', null, h('strong', { text: title }), ' ', h('span', { class: 'muted', text: desc })),
    legend && draw
      ? h(
          'ul',
          { class: 'legend' },
          legend.map((l) => h('li', null, h('span', { class: 'swatch', 'data-color': l.color }), l.label)),
        )
      : null,
    slot,
    h('details', { class: 'chart-table' }, h('summary', { text: t('chart_table') }), table),
  );
}

function fmt(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
}

function simpleTable(
  caption: string,
  header: string[],
  rows: (string | number)[][],
  rowAttrs?: (i: number) => Record<string, string | undefined>,
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      null,
      h('caption', { text: caption }),
      thead(header, header.map((_, i) => i).slice(1)),
      h(
        'tbody',
        null,
        rows.map((r, ri) =>
          h(
            'tr',
            rowAttrs ? rowAttrs(ri) : null,
            r.map((c, i) =>
              i === 0 ? h('th', { scope: 'row', text: String(c) }) : h('td', { class: 'num', text: String(c) }),
            ),
          ),
        ),
      ),
    ),
  );
}

export function distributionChart(data: { working_days: number; count: number }[]): HTMLElement {
  const title = t('ta_dist_title');
  const desc = t('ta_dist_desc');
  const chart: Draw = (P) =>
    P.plot({
      ...TIME_CHART,
      x: { label: t('ta_working_days'), labelAnchor: 'center', labelArrow: 'none' },
      y: { label: t('ta_count'), grid: true, labelArrow: 'none' },
      marks: [
        P.rectY(data, { x: 'working_days', y: 'count', interval: 1, fill: BLUE, inset: 0.5 }),
        P.ruleY([0]),
      ],
    });
  const table = simpleTable(
    title,
    [t('ta_working_days'), t('ta_count')],
    data.map((d) => [fmt(d.working_days, 0), fmt(d.count, 0)]),
  );
  return figure('chart-distribution', title, desc, chart, table);
}

function monthDate(ym: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** The received month ("YYYY-MM") of a monthly group. */
export function monthOf(r: GroupRow & { month?: string }): string {
  return r.by?.month ?? r.month ?? '';
}

/**
 * A month is incomplete while more than this share of its dossiers is still
 * open: its median counts only the quick ones that finished, so it looks
 * shorter than it will be. The Kaplan–Meier median counts the open ones too.
 */
export const INCOMPLETE_OPEN_SHARE = 0.1;

/** Open dossiers of a month when they make it incomplete, else null. */
export function incompleteOpen(r: Partial<{ dossiers: number; open: number }>): number | null {
  const n = r.dossiers ?? 0;
  const open = r.open ?? 0;
  return n > 0 && open / n > INCOMPLETE_OPEN_SHARE ? open : null;
}

export function monthlyChart(rows: GroupRow[]): HTMLElement {
  const title = t('ta_monthly_title');
  const desc = `${t('ta_monthly_desc')} ${t('ta_monthly_incomplete_rule', { pct: fmt(INCOMPLETE_OPEN_SHARE * 100, 0) })}`;
  const median = t('ta_series_median');
  const km = t('ta_series_km');
  const p90 = t('ta_series_p90');
  const long: { month: Date; series: string; value: number }[] = [];
  const incomplete: { month: Date; value: number }[] = [];
  for (const r of rows) {
    const d = monthDate(monthOf(r));
    if (!d) continue;
    if (r.median_working_days != null) long.push({ month: d, series: median, value: r.median_working_days });
    if (r.km_median_working_days != null) long.push({ month: d, series: km, value: r.km_median_working_days });
    if (r.p90_working_days != null) long.push({ month: d, series: p90, value: r.p90_working_days });
    if (incompleteOpen(r) != null && r.median_working_days != null) incomplete.push({ month: d, value: r.median_working_days });
  }
  const chart: Draw = (P) =>
    P.plot({
      ...TIME_CHART,
      x: { type: 'utc', label: t('ta_month'), labelArrow: 'none', tickFormat: (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` },
      y: { label: t('ta_working_days'), grid: true, zero: true, labelArrow: 'none' },
      color: { domain: [median, km, p90], range: [BLUE, GREEN, RED] },
      marks: [
        P.lineY(long, { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2 }),
        P.dot(long, { x: 'month', y: 'value', fill: 'series', r: 3 }),
        // Incomplete months: a hollow ring around the median's dot.
        P.dot(incomplete, { x: 'month', y: 'value', stroke: '#222', fill: 'none', r: 7, strokeWidth: 1.5 }),
      ],
    });
  const table = simpleTable(
    title,
    [t('ta_month'), t('ta_count'), median, km, p90, t('ta_on_time'), t('ta_online'), t('ta_month_note')],
    rows.map((r) => {
      const open = incompleteOpen(r);
      return [
        monthOf(r).replace(/^(\d{4})-(\d{2})$/, '$2/$1'),
        fmt(r.dossiers, 0),
        fmt(r.median_working_days),
        fmt(r.km_median_working_days),
        fmt(r.p90_working_days),
        r.on_time_rate == null ? '—' : `${fmt(r.on_time_rate * 100)}%`,
        r.online_rate == null ? '—' : `${fmt(r.online_rate * 100)}%`,
        open == null ? '' : t('ta_month_incomplete', { n: fmt(open, 0) }),
      ];
    }),
    (i) => {
      const r = rows[i];
      const open = incompleteOpen(r);
      return {
        'data-testid': 'monthly-row',
        'data-month': monthOf(r),
        'data-median': dataValue(r.median_working_days),
        'data-km': dataValue(r.km_median_working_days),
        'data-incomplete': open == null ? undefined : String(open),
      };
    },
  );
  return figure('chart-monthly', title, desc, long.length ? chart : null, table, [
    { label: median, color: 'blue' },
    { label: km, color: 'green' },
    { label: p90, color: 'red' },
    ...(incomplete.length ? [{ label: t('ta_monthly_ring'), color: 'ring' }] : []),
  ]);
}

export function beforeAfterLabel(r: BeforeAfterRow): string {
  return r.village ? `${r.village} (${r.commune})` : r.commune;
}

export function beforeAfterChart(rows: BeforeAfterRow[]): HTMLElement {
  const title = t('ta_ba_title');
  const desc = t('ta_ba_desc');
  const before = t('ta_before');
  const after = t('ta_after');
  const pts = rows.filter((r) => r.before.median_working_days != null && r.after.median_working_days != null);
  const dots = pts.flatMap((r) => [
    { unit: beforeAfterLabel(r), when: before, value: r.before.median_working_days as number },
    { unit: beforeAfterLabel(r), when: after, value: r.after.median_working_days as number },
  ]);
  const longest = Math.max(8, ...pts.map((r) => beforeAfterLabel(r).length));
  const chart: Draw = (P) =>
    P.plot({
      ...rowsFrame(WIDE, pts.length, 28, 36, longest, 320),
      x: { label: t('ta_working_days'), grid: true, zero: true, labelArrow: 'none' },
      y: { label: null, domain: pts.map(beforeAfterLabel) },
      color: { domain: [before, after], range: [GREY, BLUE] },
      marks: [
        P.link(pts, {
          x1: (r: BeforeAfterRow) => r.before.median_working_days,
          x2: (r: BeforeAfterRow) => r.after.median_working_days,
          y1: beforeAfterLabel,
          y2: beforeAfterLabel,
          stroke: '#b0b0b0',
          strokeWidth: 2,
        }),
        P.dot(dots, { x: 'value', y: 'unit', fill: 'when', r: 5 }),
      ],
    });
  const table = simpleTable(
    title,
    [t('ta_unit'), t('ta_launch'), `${before} (${t('ta_count')})`, `${before} (${t('ta_series_median')})`, `${after} (${t('ta_count')})`, `${after} (${t('ta_series_median')})`],
    rows.map((r) => [
      beforeAfterLabel(r),
      date(r.launch_date),
      fmt(r.before.dossiers, 0),
      fmt(r.before.median_working_days),
      fmt(r.after.dossiers, 0),
      fmt(r.after.median_working_days),
    ]),
  );
  return figure('chart-before-after', title, desc, pts.length ? chart : null, table, [
    { label: before, color: 'grey' },
    { label: after, color: 'blue' },
  ]);
}

/** A small monthly series (month, dossiers, median working days): the share report's trend. */
export function monthlySeriesChart(rows: { month: string; label: string; dossiers: number; median: number | null }[]): HTMLElement {
  const title = t('ta_monthly_title');
  const desc = t('sr_monthly_desc');
  const pts = rows.flatMap((r) => {
    const d = monthDate(r.month);
    return d && r.median != null ? [{ month: d, value: r.median }] : [];
  });
  const chart: Draw = (P) =>
    P.plot({
      style: STYLE,
      width: WIDTH,
      height: 220,
      marginLeft: 44,
      x: { type: 'utc', label: null, tickFormat: (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` },
      y: { label: t('ta_working_days'), grid: true, zero: true, labelArrow: 'none' },
      marks: [P.lineY(pts, { x: 'month', y: 'value', stroke: BLUE, strokeWidth: 2 }), P.dot(pts, { x: 'month', y: 'value', fill: BLUE, r: 3 })],
    });
  const table = simpleTable(
    title,
    [t('ta_month'), t('ta_count'), t('ta_series_median')],
    rows.map((r) => [r.label, fmt(r.dossiers, 0), fmt(r.median)]),
  );
  return figure('share-monthly', title, desc, pts.length ? chart : null, table);
}

/** Recognized and nearly-recognized villages against plan, per commune: the scorecard's first picture. */
export function communePlanChart(rows: { commune: string; units: number; recognized: number; near?: number; plan: number | null }[]): HTMLElement {
  const title = t('chart_plan_title');
  const desc = t('chart_plan_desc');
  const recognized = t('sum_recognized');
  const near = t('sum_near');
  const plan = t('col_plan');
  const bars = rows.flatMap((r) => [
    { commune: r.commune, kind: recognized, n: r.recognized },
    { commune: r.commune, kind: near, n: r.near ?? 0 },
  ]);
  const plans = rows.filter((r) => r.plan != null);
  const longest = Math.max(6, ...rows.map((r) => r.commune.length));
  const chart: Draw = (P) =>
    P.plot({
      ...rowsFrame(WIDTH, rows.length, 24, 40, longest, 240),
      x: { label: t('chart_plan_x'), grid: true, labelArrow: 'none' },
      y: { label: null, domain: rows.map((r) => r.commune) },
      color: { domain: [recognized, near], range: [GREEN, GREY] },
      marks: [
        P.barX(bars, P.stackX({ x: 'n', y: 'commune', fill: 'kind', order: [recognized, near] })),
        P.tickX(plans, { x: 'plan', y: 'commune', stroke: RED, strokeWidth: 3 }),
        P.ruleX([0]),
      ],
    });
  const table = simpleTable(
    title,
    [t('col_commune'), recognized, near, plan],
    rows.map((r) => [r.commune, fmt(r.recognized, 0), fmt(r.near ?? 0, 0), r.plan == null ? '—' : fmt(r.plan, 0)]),
  );
  return figure('chart-commune-plan', title, desc, rows.length ? chart : null, table, [
    { label: recognized, color: 'green' },
    { label: near, color: 'grey' },
    { label: plan, color: 'red' },
  ]);
}
