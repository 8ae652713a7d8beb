// Vite builds the static site in www/dist. Everything is bundled and served
// from the same origin: no CDN, no web fonts, no runtime fetch to any other host.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { pwa } from './build/offline';

export default defineConfig({
  base: './',
  resolve: {
    alias: {
      // wasm-bindgen --target web writes www/pkg (git-ignored build output).
      'thonso-wasm': fileURLToPath(new URL('./pkg/thonso_wasm.js', import.meta.url)),
    },
  },
  worker: { format: 'es' },
  // Manifest, icons and the precaching service worker (dist/sw.js).
  plugins: [pwa()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The wasm must stay a separate, hashed, same-origin asset so the browser
    // can compile it while it streams (instantiateStreaming) and cache it.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
