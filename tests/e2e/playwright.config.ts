// Playwright end-to-end tests in Debian's Chromium (never a downloaded
// browser), against the BUILT site (www/dist) served by `vite preview`.
// Run from www/:  npm run test:e2e   (after `npm run build`).
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';

// E2E_WWW: serve another build of the site (the directory holding dist/).
const WWW = process.env.E2E_WWW ?? path.resolve(__dirname, '../../www');
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  throw new Error(`Chromium not found at ${CHROMIUM}. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH). Never run "npx playwright install".`);
}
if (!existsSync(path.join(WWW, 'dist/index.html'))) {
  throw new Error(`www/dist is missing: build the site first ("make dist" or "cd www && npm run build").`);
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // E2E_OUT: another results folder, so two runs on one machine do not clean each other's.
  outputDir: process.env.E2E_OUT ?? './artifacts/results',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1, // two cores: the wasm worker and the browser already use both
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'on',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host localhost`,
    cwd: WWW,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
