// Starts the engine worker. The served site loads it as a same-origin module
// script; the single-file build swaps this module for
// worker-factory-single.ts, which starts it from a blob: URL.
//
// The worker is started through a one-line blob: module that imports the real
// one. A worker started from its own http(s) URL takes its Content-Security-
// Policy from that response's headers, and a static host sends none: eval and
// `new Function` would be allowed there, in the very place that handles file
// contents. A blob: worker inherits the page's policy (the <meta> CSP:
// script-src 'self' 'wasm-unsafe-eval'), whatever host serves the files.
import workerUrl from './worker.ts?worker&url';

let bootUrl: string | null = null;

function boot(): string {
  if (!bootUrl) {
    const src = `import ${JSON.stringify(new URL(workerUrl, location.href).href)};\n`;
    // One small URL for the page's lifetime: a cancel starts a fresh worker from it.
    bootUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  }
  return bootUrl;
}

export function createWorker(): Worker {
  return new Worker(boot(), { type: 'module', name: 'thonso' });
}
