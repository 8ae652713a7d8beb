// Single-file build: the worker's code is inlined by Vite (`?worker&inline`)
// and started from a blob: URL as a classic worker (Chromium refuses module
// workers from blob: URLs on file:// pages); the wasm travels from the page's
// inline data block (see wasm-source-single.ts). Nothing is fetched.
import ThonsoWorker from './worker.ts?worker&inline';

let compressed: Uint8Array | null = null;

function inlineWasm(): Uint8Array {
  if (!compressed) {
    const text = document.getElementById('thonso-wasm')?.textContent ?? '';
    const bin = atob(text.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    compressed = out;
  }
  return compressed;
}

export function createWorker(): Worker {
  const w = new ThonsoWorker({ name: 'thonso' });
  const copy = inlineWasm().slice();
  w.postMessage({ type: 'wasm', bytes: copy.buffer }, [copy.buffer]);
  return w;
}
