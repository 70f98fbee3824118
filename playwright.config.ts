import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './test/browser/chromium';

const port = Number(process.env.RAG_LAB_TEST_PORT ?? 4317);

// Browser tests run against the production build, served with the generated
// fixture models as the local pack. One worker: on two cores SwiftShader WebGPU
// is CPU-bound (measured: two workers took 14.2 minutes where one took 13.2).
export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.spec.ts',
  // Builds the demo libraries that specs import instead of indexing the pack in the page.
  globalSetup: './test/browser/global-setup.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['./test/browser/timing-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs() },
    // Traces cost about 11% of the suite's time (DOM snapshots at every action): RAG_LAB_TRACE=1 records them.
    trace: process.env.RAG_LAB_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    // The service worker would precache ~40 MB per test context; only the offline tests turn it on.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port} --models test/fixtures/models`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
