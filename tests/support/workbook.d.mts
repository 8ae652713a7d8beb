type Cell = string | number | boolean | null | undefined;
export interface SheetSpec {
  name: string;
  rows: Cell[][];
}
export function zip(entries: { name: string; data: Buffer | string; store?: boolean }[]): Buffer;
export function esc(s: string): string;
export function xlsx(sheets: SheetSpec[]): Buffer;
export function ods(sheets: SheetSpec[]): Buffer;
export function rng(seed?: number): () => number;
export function villagesSheet(n: number, extraNames?: string[]): SheetSpec;
export function dossiersSheet(n: number, seed?: number): SheetSpec;
