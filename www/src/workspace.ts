// Small, pure helpers for the page's workspace (the `.thonso` manifest the
// core encodes): a fresh manifest, what-if changes applied to a framework
// (so the CLI, which reads the manifest's framework, scores the same way),
// and file-name handling.
import type { Framework, Manifest, Overrides } from './types';

/** `.thonso` files start with these bytes (core/src/store.rs, MAGIC). */
const MAGIC = [0x54, 0x48, 0x4f, 0x4e, 0x53, 0x4f]; // "THONSO"

export function isThonso(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** The same file twice (a snapshot of the file on show) is stored once. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A file name without its extension, for workspace names. */
export function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || name;
}

/** A name safe as a download file name. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'thonso';
}

export function emptyManifest(name: string, now: string, files: { name: string; size: number }[] = []): Manifest {
  return {
    name,
    created: now,
    statuses: {},
    updated: now,
    files: files.map((f) => ({ name: f.name, sha256: '', size: f.size })),
    current: 0,
    mapping: {},
    framework: null,
    calendar: { days_off: [], workdays: [] },
    launch_dates: [],
    snapshots: [],
    last_results: null,
  };
}

/** The framework with what-if changes applied (the same rule as the core's `apply_overrides`). */
export function applyOverrides(fw: Framework, overrides: Overrides): Framework {
  const out = structuredClone(fw);
  for (const p of out.pillars) {
    for (const ind of p.indicators) {
      const o = overrides[ind.id];
      if (!o) continue;
      if (typeof o.threshold === 'number' && Number.isFinite(o.threshold)) ind.threshold = o.threshold;
      if (typeof o.weight === 'number' && Number.isFinite(o.weight) && o.weight >= 0) ind.weight = o.weight;
      if (typeof o.mandatory === 'boolean') ind.mandatory = o.mandatory;
    }
  }
  return out;
}

/**
 * Drops the files no snapshot and not the current file refer to, renumbering
 * the references. Returns the kept files (same order).
 */
export function pruneFiles(m: Manifest, files: Uint8Array[]): Uint8Array[] {
  const used = new Set([m.current, ...m.snapshots.map((s) => s.file)]);
  const map = new Map<number, number>();
  const kept: Uint8Array[] = [];
  const keptMeta: Manifest['files'] = [];
  files.forEach((f, i) => {
    if (!used.has(i)) return;
    map.set(i, kept.length);
    kept.push(f);
    keptMeta.push(m.files[i]);
  });
  m.files = keptMeta;
  m.current = map.get(m.current) ?? 0;
  m.snapshots = m.snapshots.map((s) => ({ ...s, file: map.get(s.file) ?? 0 }));
  return kept;
}
