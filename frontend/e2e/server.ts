// Starts the real Samspill server (built by `make build` into ../bin/samspill) on
// a fresh embedded database with the demo data, for the Playwright suites.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlaywrightTestConfig } from '@playwright/test';

// SAMSPILL_E2E_PORT runs a second suite beside one already running.
const PORT = process.env.SAMSPILL_E2E_PORT ?? '4180';
export const BASE_URL = `http://127.0.0.1:${PORT}`;

function dataDir(): string {
  // The config is loaded by the runner and again by each worker; only the runner
  // creates the folder, and workers inherit its path through the environment.
  const existing = process.env.SAMSPILL_E2E_DATA_DIR;
  if (existing) return existing;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspill-e2e-'));
  process.env.SAMSPILL_E2E_DATA_DIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const webServer: PlaywrightTestConfig['webServer'] = {
  // SAMSPILL_BIN lets you test another build of the server; `make build` makes ../bin/samspill.
  command: process.env.SAMSPILL_BIN ?? '../bin/samspill',
  url: `${BASE_URL}/readyz`,
  reuseExistingServer: false,
  timeout: 60_000,
  // The server logs every request; set SAMSPILL_E2E_LOG=1 to see the log.
  stdout: process.env.SAMSPILL_E2E_LOG ? 'pipe' : 'ignore',
  stderr: process.env.SAMSPILL_E2E_LOG ? 'pipe' : 'ignore',
  env: {
    SAMSPILL_ADDR: `127.0.0.1:${PORT}`,
    SAMSPILL_DATA_DIR: dataDir(),
    SAMSPILL_DEMO: '1',
    SAMSPILL_BASE_URL: BASE_URL,
  },
};

// Debian's Chromium; Playwright never downloads a browser here.
export const chromium = {
  browserName: 'chromium' as const,
  baseURL: BASE_URL,
  locale: 'nb-NO',
  timezoneId: 'Europe/Oslo',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
};
