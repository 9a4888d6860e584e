import { defineConfig } from '@playwright/test';
import { chromium, webServer } from './e2e/server';

// `npm run screenshots`: pictures of Min side in nb and nn, plus axe results.
// Not part of `npm run e2e`.
export default defineConfig({
  testDir: './screenshots',
  testMatch: '*.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { ...chromium, viewport: { width: 1280, height: 900 } },
  webServer,
});
