import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The servers under test: the binary cargo-leptos built (DANGBO_BIN overrides),
// each on a fresh SQLite data folder so every run starts from the demo data.
// Tests that change the organisation (imports, structural changes) or write
// files and audit entries (backups) get a server of their own, so that the
// others can check the seed's exact figures.
const bin = process.env.DANGBO_BIN ?? path.resolve(__dirname, '../target/debug/dangbo');
const port = Number(process.env.DANGBO_E2E_PORT ?? 3210);
const writePort = port + 1;
const WRITERS = /(import|change|commitment|backup|commend|live|targets|bodies)\.spec\.ts/;
// Year-end steps need the demo's calendar at the end of 2021 (self-assessment
// open until 30/11, grading until 20/12): a server of their own.
const yearEndPort = port + 2;
const YEAR_END = /year-end\.spec\.ts/;
// Two instances on PostgreSQL behind nginx: the spec starts its own (ports
// from DANGBO_INSTANCES_PORT, default 3230) and runs once, with JavaScript.
const INSTANCES = /instances\.spec\.ts/;

function server(p: number, args = '') {
  return {
    command: `${bin} serve --addr 127.0.0.1:${p}${args}`,
    url: `http://127.0.0.1:${p}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    env: {
      DANGBO_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'dangbo-e2e-')),
      DATABASE_URL: '',
      DANGBO_SITE_ROOT: path.resolve(__dirname, '../target/site'),
      RUST_LOG: 'warn',
    },
  };
}

// Debian's Chromium, never a downloaded browser; quiet on a closed network.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  // One retry in CI, as a net for the shared 2-core machine: a test that fails
  // twice still fails the run, and a retried one is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions,
    locale: 'vi-VN',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'js', testIgnore: [WRITERS, YEAR_END, INSTANCES], use: { javaScriptEnabled: true } },
    { name: 'nojs', testIgnore: [WRITERS, YEAR_END, INSTANCES], use: { javaScriptEnabled: false } },
    {
      name: 'js',
      testMatch: WRITERS,
      use: { javaScriptEnabled: true, baseURL: `http://127.0.0.1:${writePort}` },
    },
    {
      name: 'nojs',
      testMatch: WRITERS,
      use: { javaScriptEnabled: false, baseURL: `http://127.0.0.1:${writePort}` },
    },
    {
      name: 'js',
      testMatch: YEAR_END,
      use: { javaScriptEnabled: true, baseURL: `http://127.0.0.1:${yearEndPort}` },
    },
    {
      name: 'nojs',
      testMatch: YEAR_END,
      use: { javaScriptEnabled: false, baseURL: `http://127.0.0.1:${yearEndPort}` },
    },
    { name: 'instances', testMatch: INSTANCES, use: { javaScriptEnabled: true } },
  ],
  webServer: [server(port), server(writePort), server(yearEndPort, ' --working-date 2021-11-20')],
});
