// Small, pure helpers for the page's workspace (the `.thonso` manifest the
// core encodes): a fresh manifest, dropping unused files, and file-name
// handling. Whether bytes are a workspace, and what-if changes applied to a
// framework, are the core's (client.isWorkspace, the score report's framework).
import type { Manifest } from './types';

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
    updated: now,
    files: files.map((f) => ({ name: f.name, sha256: '', size: f.size })),
    current: 0,
    mapping: {},
    framework: null,
    calendar: { days_off: [], workdays: [] },
    launch_dates: [],
    statuses: {},
    snapshots: [],
    last_results: null,
  };
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
