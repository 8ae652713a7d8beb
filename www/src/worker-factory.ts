// Starts the engine worker. The served site loads it as a same-origin module
// script; the single-file build swaps this module for
// worker-factory-single.ts, which starts it from a blob: URL.
export function createWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'thonso' });
}
