// Where the worker gets the wasm in the served site: the hashed, same-origin
// asset Vite emits, fetched and compiled while it streams. The single-file
// build swaps this module for wasm-source-single.ts (vite.single.config.ts).
export function wasmInput(): URL {
  return new URL('../pkg/thonso_wasm_bg.wasm', import.meta.url);
}

// The demo workbook, precomputed at build time from this same wasm
// (www/build/write-demo.mjs) and precached with the site.
export function demoInput(): URL | null {
  return new URL('../pkg/thonso-demo.xlsx', import.meta.url);
}
