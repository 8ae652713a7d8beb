// Number and date formatting in the reader's language (1.234,5 in Vietnamese,
// 1,234.5 in English). Raw numbers are also put in data-value attributes so
// tests compare values, not formatting.
import { locale } from './i18n';

const cache = new Map<string, Intl.NumberFormat>();
function nf(digits: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${locale()}|${digits}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), { style, maximumFractionDigits: digits, minimumFractionDigits: 0 });
    cache.set(key, f);
  }
  return f;
}

export const DASH = '—';

export function num(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : nf(digits).format(v);
}

export function int(v: number | null | undefined): string {
  return num(v, 0);
}

/** A 0–1 rate as a percentage. */
export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : nf(digits, 'percent').format(v);
}

/** ISO date (YYYY-MM-DD) as dd/mm/yyyy, the way officials write it. */
export function date(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "2024-03" as "03/2024". */
export function month(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? `${m[2]}/${m[1]}` : ym;
}

export function dataValue(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
