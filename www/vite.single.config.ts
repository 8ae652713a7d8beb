// The one-file offline package: `npm run build:single` (part of `npm run
// build`) writes dist-single/thonso.html — every script, style and the
// compressed wasm inside one HTML file that works from file://, for laptops
// that never reach the site — and copies it into dist/ as
// thonso-offline.html, so the site can offer it for download.
import { defineConfig } from 'vite';
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dropDefaultWasmUrl, singleFile } from './build/single';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  base: './',
  mode: 'single',
  resolve: {
    alias: [
      { find: 'thonso-wasm', replacement: here('./pkg/thonso_wasm.js') },
      // Same code, other start-up: the worker from a blob: URL, the wasm from the page.
      { find: /^\.\/worker-factory$/, replacement: here('./src/worker-factory-single.ts') },
      { find: /^\.\/wasm-source$/, replacement: here('./src/wasm-source-single.ts') },
    ],
  },
  // A classic worker: Chromium refuses module workers from blob: URLs on file:// pages.
  worker: { format: 'iife', plugins: () => [dropDefaultWasmUrl()] },
  plugins: [
    dropDefaultWasmUrl(),
    singleFile(here('./pkg/thonso_wasm_bg.wasm')),
    {
      name: 'thonso-offer-single-file',
      closeBundle() {
        // Offered for download by the served site (not precached by its service worker).
        if (existsSync(here('./dist'))) copyFileSync(here('./dist-single/thonso.html'), here('./dist/thonso-offline.html'));
      },
    },
  ],
  build: {
    outDir: 'dist-single',
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    modulePreload: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 100_000,
    reportCompressedSize: false,
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
